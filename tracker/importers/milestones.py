"""Milestones (`indicator, deliverable, state, period, source_doc, quote, note`): the dated
states of a qualitative task's named deliverables."""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, field

from tracker.domain.numbers import normalize_text
from tracker.domain.periods import OPEN, parse_period
from tracker.domain.schemas import MilestoneCreate
from tracker.domain.vocab import MILESTONE_STATE_WORDS, Direction, MilestoneState
from tracker.errors import RowError, ValidationError
from tracker.importers.tables import RawTable, cell_text, cells_of, map_header

ALIASES = {
    "indicator": "indicator",
    "code": "indicator",
    "指标编码": "indicator",
    "deliverable": "deliverable",
    "项目": "deliverable",
    "交付项": "deliverable",
    "任务项": "deliverable",
    "state": "state",
    "状态": "state",
    "进展": "state",
    "period": "period",
    "时期": "period",
    "日期": "period",
    "source_doc": "source_doc",
    "来源文件": "source_doc",
    "quote": "quote",
    "原文": "quote",
    "note": "note",
    "备注": "note",
}
REQUIRED = ("indicator", "deliverable", "state")
MAX_TEXT = 4000


@dataclass
class ParsedMilestones:
    """Entries and every problem found, by line."""

    entries: list[MilestoneCreate] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def parse_milestones(
    table: RawTable, *, indicators: Mapping[str, Direction], documents: Set[str]
) -> ParsedMilestones:
    """Validate every row: a known milestone indicator, a state, a period (empty only for a
    planned deliverable), a known document; texts within bounds."""
    result = ParsedMilestones()
    positions, header_errors = map_header(table, ALIASES, REQUIRED)
    result.errors.extend(header_errors)
    if header_errors:
        return result
    seen: dict[tuple[str, str, MilestoneState, str, str | None], int] = {}
    for line, cells in table.rows:
        row = {k: cell_text(v) for k, v in cells_of(cells, positions)}
        errors: list[RowError] = []
        fail = _Fail(errors, line, row)

        code = normalize_text(row.get("indicator", "")).upper()
        direction = indicators.get(code)
        if direction is None:
            fail("indicator", "unknown indicator code")
        elif direction is not Direction.MILESTONE:
            fail("indicator", "milestones belong to an indicator with direction milestone")
        deliverable = normalize_text(row.get("deliverable", ""))
        if not deliverable or len(deliverable) > 300:
            fail("deliverable", "a deliverable's name of at most 300 characters is required")
        state = MILESTONE_STATE_WORDS.get(normalize_text(row.get("state", "")).lower())
        if state is None:
            fail("state", "expected planned, started, approved or completed (开工, 获批, 建成)")
        period = OPEN
        written = normalize_text(row.get("period", ""))
        if written:
            try:
                period = parse_period(written)
            except ValidationError as exc:
                fail("period", str(exc))
        elif state is not None and state is not MilestoneState.PLANNED:
            fail("period", "only a planned deliverable may have no date")
        source_doc = normalize_text(row.get("source_doc", "")) or None
        if source_doc is not None and source_doc not in documents:
            fail("source_doc", "unknown source document id")
        quote, note = row.get("quote", "").strip(), row.get("note", "").strip()
        for column, text in (("quote", quote), ("note", note)):
            if len(text) > MAX_TEXT:
                fail(column, f"at most {MAX_TEXT} characters")
        if not errors and state is not None:
            key = (code, deliverable, state, period.text, source_doc)
            if key in seen:
                fail("state", f"repeats line {seen[key]} (same deliverable, state, date, source)")
            seen.setdefault(key, line)
        if errors or state is None:
            result.errors.extend(errors)
            continue
        result.entries.append(
            MilestoneCreate(code, deliverable, state, period, source_doc, quote, note, line)
        )
    return result


class _Fail:
    """Adds one row's problems to its list, naming the cell."""

    def __init__(self, errors: list[RowError], line: int, row: dict[str, str]) -> None:
        self.errors, self.line, self.row = errors, line, row

    def __call__(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.line, column, self.row.get(column, ""), message))
