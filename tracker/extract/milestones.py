"""Milestones: the dated states of deliverables (planned, approved, started, completed) that a
sentence says, and the completions a plan commits to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tracker.extract.candidates import Candidate
from tracker.extract.dating import Dating
from tracker.extract.rules import Rules
from tracker.extract.sentences import CLAUSE, Context


class Milestones:
    """Reads the milestones of one document's sentences by the rules."""

    def __init__(self, source_doc: str, rules: Rules, dating: Dating) -> None:
        self.source_doc = source_doc
        self.rules = rules
        self.dating = dating

    def find(self, index: int, text: str, ctx: Context) -> Iterator[Candidate]:
        """Every dated state a sentence of paragraph `index` says, and each completion it
        commits to."""
        for clause in CLAUSE.finditer(text):
            found = self._state_of(clause[0], ctx)
            if found is None:
                continue
            state, cue, at = found
            rest = re.sub(r"^[\s、的了]+|\s+$", "", clause[0][at + len(cue) :])
            deliverable = rest or clause[0].strip()
            done = next((w for w in self.rules.completion_targets if w in clause[0]), None)
            if ctx.target_context and done:
                yield self._completion(index, text, clause, done, ctx)
            for period, rule, confidence in self._periods(text, clause.end(), ctx):
                yield Candidate(
                    source_doc=self.source_doc,
                    paragraph=index,
                    quote=text,
                    start=clause.start(),
                    end=clause.end(),
                    kind="milestone",
                    period=period,
                    rule=rule,
                    state=state,
                    deliverable=deliverable,
                    name=deliverable,
                    pillar=ctx.heading,
                    confidence=round(confidence * 0.8, 2),
                    reasons=[
                        ("state", {"state": state, "cue": cue}),
                        ("period", {"period": period, "rule": rule}),
                    ],
                )

    def _completion(
        self, index: int, text: str, clause: re.Match[str], cue: str, ctx: Context
    ) -> Candidate:
        period, rule, confidence = self.dating.period(text, clause.start(), "target", "%", ctx)
        return Candidate(
            source_doc=self.source_doc,
            paragraph=index,
            quote=text,
            start=clause.start(),
            end=clause.end(),
            kind="target",
            period=period,
            rule=rule,
            value="100",
            unit="%",
            comparator=">=",
            deadline_basis="stated" if rule == "句中" else ("plan_end" if period else ""),
            pillar=ctx.heading,
            confidence=round(confidence * 0.8, 2),
            reasons=[("completion", {"cue": cue})],
        )

    def _state_of(self, clause: str, ctx: Context) -> tuple[str, str, int] | None:
        states = self.rules.states
        if ctx.target_context:
            order = ["planned"]
            words = {"planned": states["planned"] + states["completed"] + states["started"]}
        else:
            order = ["planned", "approved", "started", "completed"]
            words = {
                "planned": self.rules.planned_in_report,
                "approved": states["approved"],
                "started": states["started"],
                "completed": states["completed"],
            }
        for state in order:
            for cue in words[state]:
                at = clause.find(cue)
                if at >= 0:
                    if not ctx.target_context and state != "planned":
                        future = next((w for w in self.rules.planned_cues if w in clause), None)
                        if future:
                            return "planned", f"{future}…{cue}", at
                    return state, cue, at
        return None

    def _periods(self, text: str, end: int, ctx: Context) -> list[tuple[str, str, float]]:
        # "2022年、2023年分别召开": one state for each year the clause lists.
        listed = re.findall(r"(\d{4})年(?=、\d{4}年)", text[:end])
        stated = self.dating.stated(text, end - 1)
        if stated and stated[0]:
            years = [(y, "句中", 0.85) for y in listed if stated[0] == str(int(y) + 1)]
            return [*years, (stated[0], stated[1], 0.85)]
        if ctx.target_context:
            period, rule, confidence = self.dating.period(text, end - 1, "target", "", ctx)
            if rule in self.rules.periods["open_milestone_rules"]:
                return [("", "期:开放承诺", confidence)]
            return [(period, rule, confidence)]
        return [self.dating.period(text, end - 1, "actual", "", ctx)]
