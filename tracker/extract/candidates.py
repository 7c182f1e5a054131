"""A candidate: one figure or dated state a document states, proposed for review."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# Why a guess was made: a key of REASONS and the values its words are filled with.
Reason = tuple[str, dict[str, str]]
REASONS: dict[str, tuple[str, str]] = {
    "kind_plan": ("类型 {kind}: 规划中的数字(承诺)", "kind {kind}: a plan's figure (a commitment)"),
    "kind_cue": ("类型 {kind}: 提示词 {cue}", "kind {kind}: cue {cue}"),
    "kind_done": ("类型 {kind}: 已报告完成", "kind {kind}: reported as done"),
    "kind_plan_fact": (
        "类型 {kind}: 规划自身的清单或结构({cue}),是成文日的事实",
        "kind {kind}: a plan's own list or structure ({cue}), a fact on the day it was written",
    ),
    "period": ("时期 {period}: {rule}", "period {period}: {rule}"),
    "bound": ("界限 {bound}", "bound {bound}"),
    "task": (
        "规划中带责任单位的编号任务:完成即100%",
        "a numbered task of a plan with its responsible units: done is 100%",
    ),
    "goal": (
        "规划的{year}年目标,句中写明:达到即100%",
        "a plan's goal for {year}, stated: reached is 100%",
    ),
    "completion": (
        "规划写明工程将完成({cue}):完成即100%",
        "a plan says the work will be finished ({cue}): done is 100%",
    ),
    "state": ("状态 {state}: 提示词 {cue}", "state {state}: cue {cue}"),
    "pillar": ("领域 {pillar}: 标题 {heading}", "pillar {pillar}: heading {heading}"),
    "indicator": (
        "指标 {code}: 名称 {name}({score}/100)",
        "indicator {code}: name {name} ({score}/100)",
    ),
    "set_period": ("时期由审核人填写", "period set by the reviewer"),
    "set_indicator": ("指标由审核人选定", "indicator set by the reviewer"),
    "new_indicator": ("审核人新定义的指标", "a new indicator defined by the reviewer"),
}
OPEN_WORDS = ("无期限", "open")


def reason_text(reason: Reason, lang: str) -> str:
    """One reason in `lang` (zh or en)."""
    key, values = reason
    zh, en = REASONS[key]
    filled = dict(values)
    if "period" in filled and not filled["period"]:
        filled["period"] = OPEN_WORDS[lang == "en"]
    return (en if lang == "en" else zh).format(**filled)


# The import format's columns (tracker/importers/observations.py), then the milestone
# columns (tracker/importers/milestones.py), then what a reviewer needs to judge a guess.
COLUMNS = (
    "indicator",
    "kind",
    "period",
    "value",
    "unit",
    "comparator",
    "source_doc",
    "quote",
    "note",
    "programme",
    "deadline_basis",
    "relative_to",
    "quarantine",
    "deliverable",
    "state",
    "name",
    "pillar",
    "confidence",
    "reason",
)


@dataclass
class Candidate:
    """A proposed observation (kind target/actual/baseline) or milestone (kind milestone)."""

    source_doc: str
    paragraph: int  # index of the paragraph in the document
    quote: str  # the sentence, verbatim
    start: int  # where the figure (or the state's clause) stands in the sentence
    end: int
    kind: str
    period: str
    rule: str  # the period rule, as the seed's notes name it (期:...), or 句中 (in its sentence)
    value: str = ""
    unit: str = ""
    comparator: str = ""
    deadline_basis: str = ""
    state: str = ""
    deliverable: str = ""
    indicator: str = ""
    name: str = ""
    pillar: str = ""
    confidence: float = 0.0
    reasons: list[Reason] = field(default_factory=list)
    # A new indicator the reviewer defined for this candidate (an indicators file's columns).
    new_indicator: dict[str, str] | None = None

    @property
    def note(self) -> str:
        """The note the import keeps: the period rule, as the seed writes it."""
        return self.rule if self.rule.startswith("期:") else ""

    def reason(self, lang: str = "zh") -> str:
        """Why each guess was made, one clause per guess, in `lang`."""
        return "; ".join(reason_text(r, lang) for r in self.reasons)

    def row(self, lang: str = "zh") -> dict[str, str]:
        """The candidate as one row of the candidates file."""
        data = asdict(self)
        data.update(note=self.note, reason=self.reason(lang), confidence=f"{self.confidence:.2f}")
        return {column: str(data.get(column, "") or "") for column in COLUMNS}
