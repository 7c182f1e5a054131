"""What the indicator table shows after its filters, as the headers and cells of a file
(the not-reported list's are the service's: tracker.services.reporting_due.due_table)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from tracker.tui.table_row import TableRow
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


def view_table(rows: Sequence[TableRow], lang: str) -> tuple[list[str], list[list[Cell]]]:
    """The indicator table's rows as shown, one cell per column, numbers as numbers."""
    headers = [tr(key, lang) for key in VIEW_COLUMNS]
    body: list[list[Cell]] = []
    for r in rows:
        sign = SIGNS.get(r.target_comparator, "")
        target: Cell = r.target_value
        if sign and r.target_value is not None:
            target = f"{sign}{r.target_value.normalize():f}"
        body.append(
            [
                r.code,
                r.name_in(lang),
                r.region_in(lang),
                r.pillar_in(lang),
                r.unit,
                r.baseline_value,
                r.actual_value,
                r.actual_period,
                target,
                r.target_deadline.isoformat() if r.target_deadline else "",
                round(r.progress * 100, 1) if r.progress is not None else None,
                status_word(r.status, lang),
                level_word(r.flag_level, lang) if r.flag_level else "",
                tr("yes", lang) if r.stale else "",
            ]
        )
    return headers, body
