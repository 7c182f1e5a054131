"""What reading a sentence depends on beyond it (the document, its section, its paragraph),
and the pieces sentences are cut into."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

SENTENCE = re.compile(r"[^。;;]+[。;;]?")
CLAUSE = re.compile(r"[^,,;;。]+")


@dataclass
class Context:
    """What a sentence's reading depends on beyond the sentence itself."""

    written: date | None
    plan: bool  # the document is a plan: its figures are targets
    plan_year: str  # the plan's year (方案年度), or its goal year (方案期末)
    plan_rule: str
    section_target: bool = False  # under a 下一步/工作计划 heading of a reply
    section_year: str = ""  # the year such a section opens with (计划年度)
    opening_year: str = ""  # the paragraph opens with a year (段首年)
    heading: str = ""  # the nearest heading above (for the pillar)

    @property
    def target_context(self) -> bool:
        """Every figure here is a commitment."""
        return self.plan or self.section_target


def clause_at(text: str, at: int) -> str:
    """The clause of `text` that holds position `at` (empty when none does)."""
    for clause in CLAUSE.finditer(text):
        if clause.start() <= at < clause.end():
            return clause[0]
    return ""
