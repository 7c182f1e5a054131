"""A candidate: one figure or dated state a document states, proposed for review."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from tracker.i18n import t

# Why a guess was made: a key of the catalogue's `extract.reason.` words and the values
# its words are filled with.
Reason = tuple[str, dict[str, str]]


def reason_text(reason: Reason, lang: str) -> str:
    """One reason in `lang` (zh or en)."""
    key, values = reason
    filled = dict(values)
    if "period" in filled and not filled["period"]:
        filled["period"] = t("extract.open", lang)
    return t(f"extract.reason.{key}", lang, **filled)


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
