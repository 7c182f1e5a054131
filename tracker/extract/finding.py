"""Find every figure and dated state in a document and read its kind, bound and period (the
period by dating.py, the dated states by milestones.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from tracker.extract.candidates import Candidate, Reason
from tracker.extract.dating import Dating
from tracker.extract.milestones import Milestones
from tracker.extract.reading import Document
from tracker.extract.rules import Rules, default_rules
from tracker.extract.sentences import SENTENCE, Context, clause_at

_HEADING = re.compile(r"^([一二三四五六七八九十]+、|[((][一二三四五六七八九十]+[))]|\d+\.)")
_TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_TASK = re.compile(r"^(?:[((][一二三四五六七八九十]+[))]|\d+\.)([^。]{2,40})。")
_OPENING_YEAR = re.compile(r"^(\d{4})年[,,]")
_YEAR = re.compile(r"(\d{4})年")
_GOAL_YEAR = re.compile(r"到(\d{4})年")
# A plan's line naming who is responsible for the task above it (not a task of its own).
_UNIT_LINES = ("牵头单位", "[责任部门", "责任单位")


def _number_pattern(rules: Rules) -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in rules.units)
    mags = "|".join(re.escape(m) for m in rules.magnitudes)
    after = "|".join(re.escape(w) for w in rules.bounds_after)
    return re.compile(
        rf"(?<![\dA-Za-z.\-—])(?P<num>\d+(?:\.\d+)?)(?P<b1>{after})?(?P<mag>{mags})?"
        rf"(?P<unit>{units})(?P<b2>{after})?"
    )


def _numeral_pattern(rules: Rules) -> re.Pattern[str]:
    numerals = "".join(rules.numerals)
    units = "|".join(re.escape(u) for u in rules.numeral_units)
    return re.compile(rf"(?<=[第共开召])(?P<num>[{numerals}])(?P<unit>{units})")


class Finder:
    """Reads one document's sentences by the rules; `find` yields its candidates."""

    def __init__(self, doc: Document, *, rules: Rules | None = None, written: date | None = None):
        self.doc = doc
        self.rules = rules or default_rules()
        self.written = written or doc.dated
        self.number = _number_pattern(self.rules)
        self.numeral = _numeral_pattern(self.rules)
        head = doc.paragraphs[:3]
        self.reply = "答复" in doc.title or any("答复如下" in p for p in head)
        self.dating = Dating(self.rules, written=self.written, reply=self.reply)
        self.milestones = Milestones(doc.id, self.rules, self.dating)

    def _is_plan(self) -> bool:
        return not self.reply and any(word in self.doc.title for word in self.rules.plan_titles)

    def _plan_period(self) -> tuple[str, str]:
        # A work plan's year is in its title or first line; an opinion's goal year is the
        # first "到2025年" of its text (its tasks have no deadline of their own).
        head = self.doc.title + (self.doc.paragraphs[0] if self.doc.paragraphs else "")
        if "工作方案" in head or "工作计划" in head:
            year = _YEAR.search(head)
            if year:
                return year[1], "期:方案年度"
        for paragraph in self.doc.paragraphs:
            goal = _GOAL_YEAR.search(paragraph)
            if goal:
                return goal[1], "期:方案期末"
        return "", "期:开放承诺"

    def find(self) -> Iterator[Candidate]:
        """Every candidate of the document, in reading order."""
        plan_year, plan_rule = self._plan_period()
        ctx = Context(self.written, self._is_plan(), plan_year, plan_rule)
        repeated = _repeated(self.doc.paragraphs)
        for index, paragraph in enumerate(self.doc.paragraphs):
            if index in repeated:
                continue
            heading = _HEADING.match(paragraph)
            if heading and len(paragraph) < 40 and not paragraph.rstrip().endswith("。"):
                ctx.heading = paragraph
                if _TOP_HEADING.match(paragraph):
                    ctx.section_target = any(w in paragraph for w in self.rules.target_sections)
                    ctx.section_year = ""
                continue
            # A reply's paragraph opening "下一步,…" is a plan, whatever its section.
            opened_target = paragraph.startswith(self.rules.target_sections)
            opening = _OPENING_YEAR.match(paragraph)
            ctx.opening_year = opening[1] if opening else ""
            if ctx.section_target and opening and not ctx.section_year:
                ctx.section_year = opening[1]
            was = ctx.section_target
            ctx.section_target = was or opened_target
            if ctx.plan and paragraph.startswith(_UNIT_LINES):
                ctx.section_target = was
                continue
            yield from self._tasks(index, paragraph, ctx)
            for sentence in SENTENCE.finditer(paragraph):
                yield from self._sentence(index, sentence[0], ctx)
            ctx.section_target = was

    # -- tasks of a plan -------------------------------------------------------------

    def _tasks(self, index: int, paragraph: str, ctx: Context) -> Iterator[Candidate]:
        task = _TASK.match(paragraph)
        nxt = self.doc.paragraphs[index + 1] if index + 1 < len(self.doc.paragraphs) else ""
        if not (ctx.plan and task):
            return
        numbered = paragraph[0] in "((" or nxt.startswith("牵头单位") or "责任部门" in paragraph
        if not numbered:
            return
        title = task[1]
        period = ctx.plan_year
        candidate = Candidate(
            source_doc=self.doc.id,
            paragraph=index,
            quote=title,
            start=0,
            end=len(title),
            kind="target",
            period=period,
            rule=ctx.plan_rule,
            value="100",
            unit="%",
            comparator=">=",
            deadline_basis="plan_end" if period else "",
            name=title,
            pillar=ctx.heading,
            confidence=0.8,
            reasons=[("task", {})],
        )
        yield candidate

    def _goal(self, index: int, text: str, ctx: Context) -> Iterator[Candidate]:
        goal = _GOAL_YEAR.match(text)
        if not (ctx.plan and goal):
            return
        yield Candidate(
            source_doc=self.doc.id,
            paragraph=index,
            quote=text,
            start=0,
            end=len(goal[0]),
            kind="target",
            period=goal[1],
            rule="句中",
            value="100",
            unit="%",
            comparator=">=",
            deadline_basis="stated",
            pillar=ctx.heading,
            confidence=0.7,
            reasons=[("goal", {"year": goal[1]})],
        )

    # -- figures and states ----------------------------------------------------------

    def _sentence(self, index: int, sentence: str, ctx: Context) -> Iterator[Candidate]:
        text = re.sub(r"[。;;]+$", "", sentence)
        yield from self._goal(index, text, ctx)
        seen: list[tuple[int, int]] = []
        for match in self.number.finditer(text):
            if self._is_date_or_code(text, match):
                continue
            seen.append(match.span())
            value = match["num"]
            unit = (match["mag"] or "") + match["unit"]
            bound = self.rules.bounds_after.get(match["b1"] or match["b2"] or "", "")
            yield self._figure(index, text, match.start(), match.end(), value, unit, bound, ctx)
        for match in self.numeral.finditer(text):
            value = str(self.rules.numerals[match["num"]])
            yield self._figure(
                index, text, match.start(), match.end(), value, match["unit"], "", ctx
            )
        for phrase, (value, unit) in self.rules.phrases.items():
            at = text.find(phrase)
            if at >= 0 and not any(s <= at < e for s, e in seen):
                yield self._figure(index, text, at, at + len(phrase), value, unit, "", ctx)
        yield from self.milestones.find(index, text, ctx)

    @staticmethod
    def _is_date_or_code(text: str, match: re.Match[str]) -> bool:
        after = text[match.end() : match.end() + 1]
        if match["unit"] == "万" and not match["mag"]:
            return after in ("年",) or not after  # a bare 万 is a magnitude of a word unit
        return False

    def _before_bound(self, text: str, start: int) -> str:
        head = text[max(0, start - 4) : start]
        for word, comparator in sorted(self.rules.bounds_before.items(), key=lambda i: -len(i[0])):
            if head.endswith(word):
                return comparator
        return ""

    def _kind(self, text: str, start: int, ctx: Context) -> tuple[str, Reason]:
        prefix = text[: start + 1]
        clause = clause_at(text, start)
        fact = next((w for w in self.rules.plan_facts if w in clause), None)
        if ctx.target_context and fact:
            return "actual", ("kind_plan_fact", {"kind": "actual", "cue": fact})
        if ctx.target_context:
            return "target", ("kind_plan", {"kind": "target"})
        for cue in self.rules.target_cues:
            if cue in prefix:
                return "target", ("kind_cue", {"kind": "target", "cue": cue})
        for cue in self.rules.baseline_cues:
            if cue in prefix:
                return "baseline", ("kind_cue", {"kind": "baseline", "cue": cue})
        return "actual", ("kind_done", {"kind": "actual"})

    def _figure(
        self,
        index: int,
        text: str,
        start: int,
        end: int,
        value: str,
        unit: str,
        bound: str,
        ctx: Context,
    ) -> Candidate:
        kind, kind_reason = self._kind(text, start, ctx)
        bound = bound or self._before_bound(text, start)
        comparator = bound or (">=" if kind == "target" else "")
        period, rule, confidence = self.dating.period(text, start, kind, unit, ctx)
        basis = ""
        if kind == "target":
            basis = "stated" if rule == "句中" else ("plan_end" if period else "")
        reasons: list[Reason] = [kind_reason, ("period", {"period": period, "rule": rule})]
        if bound:
            reasons.append(("bound", {"bound": bound}))
        return Candidate(
            source_doc=self.doc.id,
            paragraph=index,
            quote=text,
            start=start,
            end=end,
            kind=kind,
            period=period,
            rule=rule,
            value=value,
            unit=unit,
            comparator=comparator,
            deadline_basis=basis,
            pillar=ctx.heading,
            confidence=confidence,
            reasons=reasons,
        )


def _repeated(paragraphs: list[str]) -> set[int]:
    # A page copied twice, or cut off and copied again: read each paragraph once, the
    # longest copy.
    skip: set[int] = set()
    for i, paragraph in enumerate(paragraphs):
        if len(paragraph) < 20:
            continue
        for j, other in enumerate(paragraphs):
            if i == j or j in skip:
                continue
            if (other == paragraph and j < i) or (
                len(other) > len(paragraph) and other.startswith(paragraph)
            ):
                skip.add(i)
                break
    return skip


def find_candidates(
    doc: Document, *, rules: Rules | None = None, written: date | None = None
) -> list[Candidate]:
    """Every candidate of one document, the reading day taken from `written` if given."""
    return list(Finder(doc, rules=rules, written=written).find())
