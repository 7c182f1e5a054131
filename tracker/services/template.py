"""The fill-in workbook a city returns: one row per indicator of a region (and its
sub-regions), what is known of it, and an empty value column for the period, which
`tracker import` reads back as it is (a wide table with one period column)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from tracker.domain.labels import status_label
from tracker.domain.numbers import format_decimal
from tracker.domain.periods import Period
from tracker.domain.vocab import Precision, Status
from tracker.errors import TrackerError
from tracker.services.exporting import private_file
from tracker.services.listing import statuses
from tracker.services.store import Store

VALUE_HEADER = "本期数值"
HEADERS = (
    "指标编码",
    "指标名称",
    "单位",
    "最近实际值",
    "最近实际期",
    "目标值",
    "目标期限",
    "状态",
)
INPUT_HEADERS = ("来源", "备注")  # filled by the city beside the value
# The columns a template holds only to inform: the importer reads none of them.
INFORMATIVE = frozenset(HEADERS[3:8])
INSTRUCTIONS = (
    "填报说明 / How to fill in this workbook",
    "",
    "1. 只在「{value}」列填写本期数值，可在「来源」「备注」两列注明数据来源与说明；"
    "其余各列仅供参考，已锁定。",
    "   Fill in the {value} column only (with 来源 source and 备注 note if you wish);"
    " the other columns are for reference and locked.",
    "2. 数值按「单位」列的单位填写；百分比可写 87.5 或 87.5%。留空表示本期无数据，不会导入。",
    "   Write each value in the unit of the 单位 column; a share as 87.5 or 87.5%."
    " Leave a cell empty when there is no figure: it is not imported.",
    "3. 不要改动表头、指标编码或行的顺序；填好后用 tracker import 文件名.xlsx 导入。",
    "   Do not change the header, the codes or the order of rows; then run"
    " tracker import FILE.xlsx.",
    "4. 本表时期：{period}；地区：{region}。",
    "   Period of this workbook: {period}; region: {region}.",
)


@dataclass(frozen=True)
class TemplateReport:
    """What was written: the file, the period, and how many indicators it lists."""

    path: str
    period: str
    indicators: int


def period_words(period: Period) -> str:
    """A period as a city writes it in a header: `2025年6月`, `2025年`, else its text."""
    if period.precision is Precision.MONTH:
        return f"{period.text[:4]}年{int(period.text[5:7])}月"
    if period.precision is Precision.YEAR:
        return f"{period.text}年"
    return period.text


def write_template(
    store: Store,
    path: Path,
    *,
    region: str,
    period: Period,
    as_of: date,
    pillar: str | None = None,
) -> TemplateReport:
    """Write the fill-in workbook of `region` (and its sub-regions) for `period`."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    # A closed programme's indicators are not reported on any more.
    found = statuses(store, as_of=as_of, region=region, pillar=pillar)
    items = sorted(
        (s for s in found if s.verdict.status is not Status.CLOSED), key=lambda s: s.row.code
    )
    shown = period_words(period)
    value_header = f"{VALUE_HEADER}（{shown}）"
    headers = [*HEADERS, value_header, *INPUT_HEADERS]
    book = Workbook()
    book.remove(book.worksheets[0])
    sheet = book.create_sheet("填报")
    sheet.append([f"{region} {shown} 指标填报表"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["只填写「本期数值」「来源」「备注」三列；填报说明见「说明」工作表。"])
    sheet.append(headers)
    header_row = 3
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    value_column = len(HEADERS) + 1
    for item in items:
        row = item.row
        latest, target = item.latest, item.target
        sheet.append(
            [
                row.code,
                row.name,
                row.unit,
                _number(latest.value) if latest is not None else None,
                row.latest_period or None,
                _number(target.value) if target is not None and target.value is not None else None,
                row.target_period or None,
                status_label(item.verdict.status, "zh"),
                None,
                None,
                None,
            ]
        )
    last = header_row + len(items)
    for number in range(header_row + 1, last + 1):
        for column in range(value_column, len(headers) + 1):
            sheet.cell(number, column).protection = Protection(locked=False)
        sheet.cell(number, value_column).fill = PatternFill("solid", fgColor="FFF2CC")
    if items:
        letter = get_column_letter(value_column)
        check = DataValidation(
            type="decimal",
            operator="between",
            formula1="-1000000000000000",
            formula2="1000000000000000",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="数值 / value",
            error="请填写数字，或留空 / a number, or leave it empty",
        )
        check.add(f"{letter}{header_row + 1}:{letter}{last}")
        sheet.add_data_validation(check)
    sheet.freeze_panes = sheet.cell(header_row + 1, 3)
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widening a column stays possible
    for column, width in enumerate((30, 28, 10, 12, 12, 12, 12, 10, 18, 20, 24), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    notes = book.create_sheet("说明")
    for line in INSTRUCTIONS:
        notes.append([line.format(value=value_header, period=shown, region=region)])
    notes.column_dimensions["A"].width = 110
    if not path.parent.is_dir():
        raise TrackerError(f"{path.parent}: no such directory")
    try:
        # Readable by its owner only, as every export: it holds figures not yet published.
        with private_file(path) as handle:
            book.save(handle)
    except OSError as exc:
        raise TrackerError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return TemplateReport(str(path), period.text, len(items))


def _number(value: Decimal) -> int | float | str:
    """A value as a workbook number where a float holds it exactly as shown, else as text."""
    text = format_decimal(value)
    if value == value.to_integral_value() and abs(value) < 2**53:
        return int(value)
    as_float = float(value)
    return as_float if format(Decimal(repr(as_float)), "f") == text else text
