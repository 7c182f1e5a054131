"""Observations in long form (`indicator, kind, period, value, ...`) into typed entries.

A thousand clean rows are read together, column by column (`clean_chunks`); a chunk with
anything else in it goes row by row: the quick way (`clean_rows`) when a row's cells are all
clean, checked in full (`observation_row`) otherwise. This module reads the header, runs the
rows through them and finds repeated figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from operator import itemgetter

from tracker.domain.columns import ObservationColumns
from tracker.domain.numbers import normalize_text
from tracker.domain.schemas import ObservationCreate
from tracker.errors import RowError
from tracker.importers.clean_chunks import read_chunk
from tracker.importers.clean_rows import KIND_TEXT, CleanRows, Key
from tracker.importers.observation_row import EXTRA, IndicatorUnit, Stored, parse_row
from tracker.importers.raw import RawTable, Row, cells_of, map_header

__all__ = ["ALIASES", "CleanRows", "IndicatorUnit", "ParsedObservations", "parse_observations"]

ALIASES = {
    "indicator": "indicator",
    "code": "indicator",
    "指标编码": "indicator",
    "指标代码": "indicator",
    "编码": "indicator",
    "kind": "kind",
    "类型": "kind",
    "类别": "kind",
    "period": "period",
    "时期": "period",
    "期间": "period",
    "日期": "period",
    "年份": "period",
    "value": "value",
    "数值": "value",
    "值": "value",
    "unit": "unit",
    "单位": "unit",
    "comparator": "comparator",
    "比较": "comparator",
    "比较符": "comparator",
    "source_doc": "source_doc",
    "来源文件": "source_doc",
    "来源文档": "source_doc",
    "文件": "source_doc",
    "source": "source",
    "来源": "source",
    "quote": "quote",
    "原文": "quote",
    "引文": "quote",
    "note": "note",
    "备注": "note",
    "name": "name",
    "指标名称": "name",
    "名称": "name",
    "region": "region",
    "地区": "region",
    "区域": "region",
    "pillar": "pillar",
    "领域": "pillar",
    "板块": "pillar",
    "programme": "programme",
    "program": "programme",
    "规划": "programme",
    "方案": "programme",
    "所属规划": "programme",
    "deadline_basis": "deadline_basis",
    "期限依据": "deadline_basis",
    "relative_to": "relative_to",
    "参照指标": "relative_to",
    "相对于": "relative_to",
    "quarantine": "quarantine",
    "待核": "quarantine",
    "待核原因": "quarantine",
}
REQUIRED = ("indicator", "kind", "period", "value")
CHUNK = 1000  # rows read together, and progress reported after each


@dataclass
class ParsedObservations:
    """Typed entries by indicator code, and every problem found, by line."""

    entries: list[tuple[str, ObservationCreate]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    unchanged: int = 0  # rows that say exactly what is stored (only counted with `stored`)
    # With `columnar`, the entries are here instead, in file order (a large file's way).
    columns: ObservationColumns | None = None


def parse_observations(
    table: RawTable,
    *,
    indicators: Mapping[str, IndicatorUnit],
    documents: Set[str],
    source: str = "",
    progress: Callable[[int, int], None] | None = None,
    consume: bool = False,
    stored: Stored | None = None,
    programmes: Set[str] = frozenset(),
    columnar: bool = False,
) -> ParsedObservations:
    """Validate every row; collect all errors rather than stopping at the first.

    `progress(done, total)` is called every CHUNK rows (for a progress bar). With
    `consume`, each row leaves `table.rows` as it is read, so that a large file's cells and
    its entries are never all in memory at once (the table is empty afterwards). With
    `stored` (what is stored now), a row that says what is stored is counted as unchanged
    rather than made into an entry; one whose value is the stored value's very text is
    counted without reading its number again. With `columnar`, the entries are
    `result.columns`, not `result.entries`: the same entries, without an object per row.
    """
    result = ParsedObservations(columns=ObservationColumns() if columnar else None)
    columns = result.columns
    positions, header_errors = map_header(table, ALIASES, REQUIRED)
    result.errors.extend(header_errors)
    if any(e.line == 1 and "required" in e.message for e in header_errors):
        return result
    seen: dict[Key, int] = {}
    total = len(table.rows)
    mapped = list(positions.items())
    width = max(positions.values(), default=-1) + 1
    clean = CleanRows(positions, indicators, documents, source, stored, table.protected)
    # A row with any of the columns the quick way does not read filled is checked in full.
    extra = [positions[key] for key in EXTRA if key in positions]
    extras = itemgetter(*extra) if extra else None
    blank = ("",) * len(extra) if len(extra) > 1 else ""
    entries, errors = result.entries, result.errors

    def read_row(line: int, cells: Sequence[object]) -> None:
        plain = len(cells) >= width and (extras is None or extras(cells) == blank)
        quick = clean.read(line, cells) if plain else None
        fields = obs = None
        if quick is not None:
            key, fields = quick
        else:
            if len(cells) >= width:
                row = {key: cells[index] for key, index in mapped}
            else:
                row = dict(cells_of(cells, positions))  # a short row: the missing cells are ''
            errors_before = len(errors)
            entry = parse_row(line, row, indicators, documents, source, errors, programmes)
            if entry is None or len(errors) > errors_before:
                return
            obs = entry[1]
            key = (entry[0], KIND_TEXT[obs.kind], obs.period.text)
        first = seen.setdefault(key, line)
        if first != line:
            errors.append(
                RowError(
                    line,
                    "period",
                    key[2],
                    f"repeats line {first} (same indicator, kind and period)",
                )
            )
        elif fields is not None:
            if columns is not None:
                columns.add_fields(key[0], line, fields)
            else:
                entries.append((key[0], clean.entry(line, fields)))
        elif obs is None:  # it says what is stored
            result.unchanged += 1
        elif columns is not None:
            columns.add(key[0], obs)
        else:
            entries.append((key[0], obs))

    done = 0
    for chunk in _chunks(table, consume):
        # Columns want no object per row: a chunk of clean rows is read a column at a time.
        quick = read_chunk(clean, chunk, width, extra, seen) if columns is not None else None
        if columns is not None and quick is not None:
            figures, read = quick
            seen.update(figures)
            if read is None:  # every row says what is stored
                result.unchanged += len(figures)
            else:
                columns.extend(read)
        else:
            for line, cells in chunk:
                read_row(line, cells)
        done += len(chunk)
        if progress is not None:
            progress(done, total)
    return result


def indicator_codes(table: RawTable) -> set[str]:
    """The indicator codes a table names, read as the parser reads them (to look up what is
    stored for them before parsing)."""
    positions, _ = map_header(table, ALIASES, REQUIRED)
    at = positions.get("indicator")
    if at is None:
        return set()
    cells = {cells[at] for _, cells in table.rows if len(cells) > at}
    return {normalize_text(cell).upper() for cell in cells if type(cell) is str}


def _chunks(table: RawTable, consume: bool) -> Iterator[list[Row]]:
    """The table's rows in order, CHUNK at a time; taken out of it as they go when `consume`."""
    rows = table.rows
    if not consume:
        for at in range(0, len(rows), CHUNK):
            yield rows[at : at + CHUNK]
        return
    rows.reverse()
    while rows:
        chunk = rows[-CHUNK:]
        del rows[-CHUNK:]
        chunk.reverse()
        yield chunk
