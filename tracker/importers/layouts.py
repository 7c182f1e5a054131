"""How a sheet is laid out: which row is the header, which rows are not data (合计, 注),
units in headers, and a wide table (one column per period) made long.

Nothing here needs flags: a title row, a 填报单位 line, `数值（亿元）` and a column per
period are found from the cells themselves, and the report says what was found.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tracker.domain.numbers import normalize_text
from tracker.domain.periods import Period, parse_period
from tracker.domain.vocab import Kind
from tracker.errors import RowError, TrackerError, ValidationError
from tracker.importers import indicators, milestones, observations
from tracker.importers.raw import RawTable, Row, cell_text

# Every column name any shape knows, as map_header compares them.
KNOWN = (
    set(observations.ALIASES)
    | set(indicators.ALIASES)
    | set(milestones.ALIASES)
    | {"序号", "编号", "no", "no."}
)
# The columns a wide table reads besides its period columns (others are listed as ignored).
WIDE_COLUMNS = {
    "indicator": "indicator",
    "code": "indicator",
    "指标编码": "indicator",
    "指标代码": "indicator",
    "编码": "indicator",
    "name": "name",
    "指标名称": "name",
    "指标": "name",
    "名称": "name",
    "unit": "unit",
    "单位": "unit",
    "计量单位": "unit",
    "kind": "kind",
    "类型": "kind",
    "source": "source",
    "来源": "source",
    "数据来源": "source",
    "note": "note",
    "备注": "note",
}
# Columns a wide table holds for the reader only (a row number; what a fill-in template
# shows of each indicator): not read, and not listed as ignored.
REFERENCE_COLUMNS = {
    "序号",
    "编号",
    "no",
    "no.",
    "最近实际值",
    "最近实际期",
    "目标值",
    "目标期限",
    "状态",
}
_UNIT_IN_HEADER = re.compile(r"^(?P<base>.*?)\s*\((?P<paren>[^()]*)\)\s*$")
_KIND_WORDS = (("基期", Kind.BASELINE), ("目标", Kind.TARGET), ("实际", Kind.ACTUAL))
_FILLER = re.compile(r"(?:本期|本月|累计)?(?:完成值|完成|数值|值|情况|数)?$")
_TOTAL = re.compile(r"^(?:全市|全省|全区|总)?(?:合计|总计|小计|共计)$")
_NOTE = re.compile(r"^(?:注|备注|说明|附注|资料来源|数据来源|填表说明)\s*(?:$|[:：\d、.（(])")
_TABLE_UNIT = re.compile(r"(?:^|\s)(?:计量)?单位\s*[:：]\s*(?P<unit>[^\s，,;；]+)")
EMPTY_MARKS = {"", "-", "—", "——", "－", "/", "／", "…"}
SHAPES_NEED = (
    "observations need indicator, kind, period, value (指标编码, 类型, 时期, 数值);"
    " a wide table needs 指标编码 or 指标名称 and a column per period (2024年, 2025年6月,"
    " 2025Q2, 2025年1-6月); indicators need code, name, direction, region, pillar;"
    " milestones need indicator, deliverable, state"
)


@dataclass
class Layout:
    """What was found in the sheet, for the report."""

    shape: str
    header_line: int = 1
    above: list[int] = field(default_factory=list)  # lines skipped above the header
    skipped: dict[str, int] = field(default_factory=dict)  # non-data rows by reason
    periods: list[str] = field(default_factory=list)  # a wide table's period columns
    ignored: list[str] = field(default_factory=list)  # a wide table's columns not read
    unit: str | None = None  # the unit a header or a 单位 line gives the values
    sheet: str | None = None
    # A wide table's cells by (line, text as written): the header of the column it is in.
    origins: dict[tuple[int, str], str] = field(default_factory=dict)

    def located(self, errors: list[RowError]) -> list[RowError]:
        """A wide table's errors naming the sheet's own column (`2025年6月`), not `value`."""
        if not self.origins:
            return errors
        return [
            RowError(e.line, self.origins[(e.line, e.value)], e.value, e.message)
            if e.column in ("value", "unit") and (e.line, e.value) in self.origins
            else e
            for e in errors
        ]


@dataclass(frozen=True)
class PeriodColumn:
    """A wide table's column of one period: its kind, period and unit (from the header)."""

    index: int
    header: str
    kind: Kind
    period: Period
    unit: str | None


def header_key(name: str) -> str:
    """A header cell as map_header compares it, without a unit: `数值（亿元）` -> `数值`."""
    base, _ = split_header(name)
    return base.strip().lower().replace(" ", "_")


def split_header(name: str) -> tuple[str, str | None]:
    """A header and the unit in its brackets: `2024年(万人次)` -> (`2024年`, `万人次`)."""
    text = normalize_text(name)
    match = _UNIT_IN_HEADER.match(text)
    if match is None:
        return text, None
    return match["base"], match["paren"].strip() or None


def period_column(index: int, name: str) -> PeriodColumn | None:
    """The period a wide table's header names (`2025年6月`, `2025年目标`, `基期（2020年）`,
    `2024年(万人次)`, `本期数值（2025年6月）`), or None for any other column."""
    text = normalize_text(name)
    if not text or not any(ch.isdigit() for ch in text):
        return None
    base, paren = split_header(text)
    kind = Kind.ACTUAL
    for word, found in _KIND_WORDS:
        if word in base:
            kind, base = found, base.replace(word, "")
    bare = _FILLER.sub("", base.strip()).strip()
    for period_text, unit in ((bare, paren), (paren, None)):
        if not period_text or not any(ch.isdigit() for ch in period_text):
            continue
        if period_text is paren and bare:
            continue  # `数值（2025年）` names a value column, not a period
        try:
            period = parse_period(period_text)
        except ValidationError:
            continue
        return PeriodColumn(index, name, kind, period, unit)
    return None


def is_header(cells: Sequence[object]) -> bool:
    """Whether a row is a header: two of its cells name known columns, or one names an
    indicator and another a period (a wide table)."""
    names = [cell_text(c).strip() for c in cells]
    known = sum(1 for n in names if n and header_key(n) in KNOWN)
    if known >= 2:
        return True
    periods = sum(1 for i, n in enumerate(names) if period_column(i, n) is not None)
    return known >= 1 and periods >= 1


def shape_of(table: RawTable) -> str:
    """observations, wide, indicators or milestones; a file of no shape is refused saying
    which headers it has and what each shape needs."""
    keys = {header_key(h) for h in table.header}
    if keys & {"deliverable", "交付项", "任务项"}:
        return "milestones"
    if keys & {"value", "数值", "值"}:
        return "observations"
    names = keys & set(WIDE_COLUMNS)
    has_indicator = any(WIDE_COLUMNS[k] in ("indicator", "name") for k in names)
    if has_indicator and any(period_column(i, h) is not None for i, h in enumerate(table.header)):
        return "wide"
    if keys & {"direction", "方向", "region", "地区", "pillar", "领域", "板块"}:
        return "indicators"
    found = ", ".join(h for h in table.header if h) or "none"
    raise TrackerError(
        f"{table.path}: line {table.header_line}: not a file tracker can read; headers found:"
        f" {found}. {SHAPES_NEED}"
    )


def table_unit(table: RawTable) -> str | None:
    """The unit a `单位：亿元` line above the header gives the whole table."""
    for _, cells in table.above:
        for cell in cells:
            match = _TABLE_UNIT.search(normalize_text(cell_text(cell)))
            if match is not None:
                return match["unit"]
    return None


def drop_non_data(table: RawTable, layout: Layout) -> None:
    """Leave out totals (合计, 总计, 小计), notes under the table (注：...) and repeated header
    rows, counting each in the layout; they are never imported and never an error."""
    header = [h.strip() for h in table.header]
    first = header[0] if header else None
    kept: list[Row] = []
    for line, cells in table.rows:
        reason = None if _plainly_data(cells, first) else _non_data(cells, header)
        if reason is None:
            kept.append((line, cells))
        else:
            layout.skipped[reason] = layout.skipped.get(reason, 0) + 1
    table.rows = kept


def _plainly_data(cells: Sequence[object], first: str | None) -> bool:
    """The common case at once: text cells, none of the first three with 计, 注, 说 or 源 in
    it, the first not the header's first name (what `_non_data` looks at first)."""
    try:
        head = "\n".join(cells[:3])  # type: ignore[arg-type]  # text, or TypeError below
    except TypeError:  # a workbook's number or date among them
        return False
    return (
        bool(cells)
        and first is not None
        and "计" not in head
        and "注" not in head
        and "说" not in head
        and "源" not in head
        and str(cells[0]).strip() != first
    )


def _non_data(cells: Sequence[object], header: list[str]) -> str | None:
    # Most rows are data: a total or a note has 计, 注, 说 or 源 in its first cells, and a
    # repeated header starts with the header's first name; anything else is data at once.
    if not cells or not header:
        return None if cells else "empty"
    head = [c for c in cells[:3] if type(c) is str]
    if not any("计" in t or "注" in t or "说" in t or "源" in t for t in head) and not (
        head and cells[0] == header[0] or cell_text(cells[0]).strip() == header[0]
    ):
        return None
    filled = [normalize_text(cell_text(c)) for c in cells if cell_text(c).strip()]
    if not filled:
        return "empty"
    if [cell_text(c).strip() for c in cells[: len(header)]] == header[: len(cells)]:
        return "header repeated"
    if any(_TOTAL.match(text.replace(" ", "")) for text in filled[:3]):
        return "total"
    if len(filled) == 1 and _NOTE.match(filled[0]):
        return "note"
    return None


def prepare_long(table: RawTable, layout: Layout) -> None:
    """A long table's header without units; a unit in the value header (`数值（亿元）`) or a
    `单位：` line fills the rows' empty unit cells."""
    unit = None
    names: list[str] = []
    for name in table.header:
        base, paren = split_header(name)
        key = header_key(name)
        if paren is not None and observations.ALIASES.get(key) == "value":
            unit = paren
        names.append(base if paren is not None and key in KNOWN else name)
    table.header = names
    unit = unit or table_unit(table)
    layout.unit = unit
    if unit is None or layout.shape != "observations":
        return
    keys = [header_key(n) for n in names]
    if "unit" in [observations.ALIASES.get(k) for k in keys]:
        position = [observations.ALIASES.get(k) for k in keys].index("unit")
        table.rows = [(line, _with_unit(cells, position, unit)) for line, cells in table.rows]
        return
    position = len(names)
    table.header = [*names, "unit"]
    table.rows = [(line, _with_unit(cells, position, unit)) for line, cells in table.rows]


def _with_unit(cells: Sequence[object], position: int, unit: str) -> Sequence[object]:
    """The row with `unit` in its cell at `position` where that cell is empty or missing."""
    if position < len(cells):
        if cell_text(cells[position]).strip():
            return cells
        return (*cells[:position], unit, *cells[position + 1 :])
    return (*cells, *[""] * (position - len(cells)), unit)


def widen_to_long(
    table: RawTable,
    layout: Layout,
    *,
    names: Mapping[str, list[str]],
    source: str,
) -> tuple[RawTable, list[RowError]]:
    """A wide table (one row per indicator, one column per period) as a long one: each filled
    period cell one observation. `names` gives the codes of each indicator name, for a table
    with no code column; a name that is unknown or names several indicators is an error."""
    columns: dict[str, int] = {}
    periods: list[PeriodColumn] = []
    for index, name in enumerate(table.header):
        column = period_column(index, name)
        if column is not None:
            periods.append(column)
            continue
        key = WIDE_COLUMNS.get(header_key(name))
        if key is not None and key not in columns:
            columns[key] = index
        elif name.strip() and header_key(name) not in REFERENCE_COLUMNS:
            layout.ignored.append(name)
    layout.periods = [c.header for c in periods]
    whole_unit = table_unit(table)
    layout.unit = whole_unit
    errors: list[RowError] = []
    rows: list[Row] = []

    def cell(cells: Sequence[object], key: str) -> str:
        index = columns.get(key)
        return cell_text(cells[index]).strip() if index is not None and index < len(cells) else ""

    for line, cells in table.rows:
        filled = [
            c
            for c in periods
            if c.index < len(cells) and normalize_text(cell_text(cells[c.index])) not in EMPTY_MARKS
        ]
        if not filled:
            continue  # a section heading, or a row the city left empty: no observation
        code = cell(cells, "indicator")
        if not code:
            name = cell(cells, "name")
            found = names.get(normalize_text(name), [])
            if len(found) != 1:
                errors.append(
                    RowError(
                        line,
                        "指标名称",
                        name,
                        "names several indicators ("
                        + ", ".join(found[:5])
                        + "); add a 指标编码 column"
                        if found
                        else "no indicator has this name; add a 指标编码 column or fix the name",
                    )
                )
                continue
            code = found[0]
        row_unit = cell(cells, "unit")
        kind_cell = cell(cells, "kind")
        for column in filled:
            unit = column.unit or row_unit or whole_unit or ""
            kind = kind_cell or column.kind.value
            note = cell(cells, "note")
            text_source = cell(cells, "source") or f"{source} {column.period.text}".strip()
            value = cells[column.index]
            layout.origins.setdefault((line, cell_text(value)), column.header)
            rows.append(
                (
                    line,
                    [code, kind, column.period.text, value, unit, text_source, note],
                )
            )
    long = RawTable(
        table.path,
        ["indicator", "kind", "period", "value", "unit", "source", "note"],
        rows,
        table.encoding,
        header_line=table.header_line,
        above=table.above,
        sheet=table.sheet,
    )
    return long, errors
