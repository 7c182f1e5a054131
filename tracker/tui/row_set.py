"""All loaded rows, sorted once per sort order and filtered per keystroke in plain Python."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from tracker.domain.vocab import STATUS_ORDER
from tracker.tui.selection import Selection
from tracker.tui.table_row import TableRow, folded

STATUS_RANK = {status: rank for rank, status in enumerate(STATUS_ORDER)}
SORT_COLUMNS = (
    "markers", "code", "name", "region", "pillar", "unit", "baseline", "actual", "target",
    "progress", "status",
)  # fmt: skip


def sort_key(column: str, lang: str) -> Callable[[TableRow], Any]:
    """The key of a column; None means the row has no value there (it sorts last)."""
    keys: dict[str, Callable[[TableRow], Any]] = {
        "markers": lambda r: (not r.flagged, not r.past_deadline, not r.stale),
        "code": lambda r: r.code,
        "name": lambda r: r.name_in(lang),
        "region": lambda r: r.region_in(lang),
        "pillar": lambda r: r.pillar_in(lang),
        "unit": lambda r: r.unit or None,
        "baseline": lambda r: r.baseline_value,
        "actual": lambda r: r.actual_value,
        "target": lambda r: r.target_deadline,
        "progress": lambda r: r.progress,
        "status": lambda r: (STATUS_RANK[r.status], r.ratio if r.ratio is not None else -1e9),
    }
    return keys[column]


class RowSet:
    """The rows of one load, with the order of each sort cached."""

    def __init__(self, rows: Iterable[TableRow], region_tree: dict[str, set[str]]) -> None:
        self.rows = list(rows)
        self.region_tree = region_tree
        self._orders: dict[tuple[str, bool, str], list[TableRow]] = {}

    def ordered(self, column: str, reverse: bool, lang: str) -> list[TableRow]:
        """Every row in the order of `column`, ties by code; rows without a value go last."""
        cache_key = (column, reverse, lang)
        if cache_key not in self._orders:
            key = sort_key(column, lang)
            decorated = [(key(row), row.code, row) for row in self.rows]
            known = [d for d in decorated if d[0] is not None]
            missing = [d for d in decorated if d[0] is None]
            known.sort(key=lambda d: (d[0], d[1]), reverse=reverse)
            missing.sort(key=lambda d: d[1])
            self._orders[cache_key] = [d[2] for d in known + missing]
        return self._orders[cache_key]

    def view(self, selection: Selection, lang: str) -> list[TableRow]:
        """The rows the selection lets through, in its order."""
        rows = self.ordered(selection.sort, selection.reverse, lang)
        if not selection.narrows:
            return rows
        tests = list(self._tests(selection))
        return [row for row in rows if all(test(row) for test in tests)]

    def _tests(self, s: Selection) -> Iterable[Callable[[TableRow], bool]]:
        if s.search.strip():
            needle = folded(s.search.strip())
            yield lambda r: needle in r.search
        if s.region:
            regions = self.region_tree.get(s.region, {s.region})
            yield lambda r: r.region_code in regions
        if s.pillar:
            yield lambda r: r.pillar_code == s.pillar
        if s.status:
            yield lambda r: r.status is s.status
        if s.department:
            yield lambda r: s.department in r.departments
        if s.flagged:
            yield lambda r: r.flagged
        if s.stale:
            yield lambda r: r.stale
        if s.attention:
            yield lambda r: r.needs_attention

    def departments(self) -> list[str]:
        """Every department named on a row, sorted."""
        return sorted({name for row in self.rows for name in row.departments})
