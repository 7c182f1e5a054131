"""What the indicator table shows after its filters, as the headers and cells of a file
(the not-reported list's are the service's: tracker.services.reporting_due.due_table)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from tracker.domain.status_board import IndicatorStatus
from tracker.tui.table_row import name_in
from tracker.tui.words import level_word, status_word, tr

if TYPE_CHECKING:
    # The writer loads the store's libraries: it is imported when a file is written.
    from tracker.services.view_export import Cell

VIEW_COLUMNS = (
    "code",
    "name",
    "region",
    "pillar",
    "unit",
    "baseline",
    "actual",
    "actual_period",
    "target_value",
    "deadline",
    "progress",
    "status",
    "flag_word",
    "stale",
)
SIGNS = {">=": "≥", "<=": "≤"}


def default_name(what: str, as_of: date) -> str:
    """A file name for an export of `what` as of a date (xlsx unless the user says csv)."""
    return f"{what}-{as_of.isoformat()}.xlsx"


def view_table(rows: Sequence[IndicatorStatus], lang: str) -> tuple[list[str], list[list[Cell]]]:
    """The indicator table's rows as shown, one cell per column, numbers as numbers."""
    headers = [tr(key, lang) for key in VIEW_COLUMNS]
    body: list[list[Cell]] = []
    for item in rows:
        row, verdict, governing = item.row, item.verdict, item.target
        value = governing.value if governing else None
        target: Cell = value
        sign = SIGNS.get(governing.comparator, "") if governing else ""
        if sign and value is not None:
            target = f"{sign}{value.normalize():f}"
        body.append(
            [
                row.code,
                name_in(row, lang),
                name_in(row.region, lang),
                name_in(row.pillar, lang),
                row.unit,
                item.baseline.value if item.baseline else None,
                item.latest.value if item.latest else None,
                row.latest_period,
                target,
                governing.deadline.isoformat() if governing and governing.deadline else "",
                round(verdict.progress * 100, 1) if verdict.progress is not None else None,
                status_word(verdict.status, lang),
                level_word(row.flag.level, lang) if row.flag else "",
                tr("yes", lang) if verdict.stale else "",
            ]
        )
    return headers, body
