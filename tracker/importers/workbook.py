"""Reading an xlsx workbook's data sheet into raw rows, cells as Excel shows them."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from tracker.errors import TrackerError
from tracker.importers.raw import HEADER_SEARCH, IsHeader, RawTable, Row, cell_text, xlsx_cell


def read_xlsx(
    path: Path, sheet: str | None, is_header: IsHeader | None = None, data: bytes | None = None
) -> RawTable:
    """The data sheet (or the named one) of a workbook; numbers and dates keep their types,
    read as Excel shows them (see `xlsx_cell`)."""
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # "Data Validation extension is not supported" and the like: nothing to act on.
            warnings.simplefilter("ignore", UserWarning)
            source = io.BytesIO(data) if data is not None else path
            book = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise TrackerError(f"{path}: not a readable xlsx workbook ({type(exc).__name__})") from None
    try:
        names = list(book.sheetnames)
        if sheet is not None and sheet not in names:
            raise TrackerError(f"{path}: no sheet {sheet!r}; the workbook has: " + ", ".join(names))
        tables: list[RawTable] = []
        for name in [sheet] if sheet is not None else names:
            assert name is not None
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # a date cell out of range, ...
                table = _sheet_table(path, book[name], name, is_header)
            if table is not None:
                tables.append(table)
    finally:
        book.close()
    if sheet is not None or is_header is None:
        if not tables:
            raise TrackerError(f"{path}: the sheet is empty; expected a header row")
        return tables[0]
    found = [t for t in tables if is_header(list(t.header))]
    if len(found) > 1:
        raise TrackerError(
            f"{path}: several sheets hold a table ("
            + ", ".join(str(t.sheet) for t in found)
            + "); choose one with --sheet"
        )
    if found:
        return found[0]
    if not tables:
        raise TrackerError(f"{path}: the workbook is empty; expected a header row")
    return tables[0]


def _sheet_table(
    path: Path, worksheet: object, name: str, is_header: IsHeader | None
) -> RawTable | None:
    """One sheet's filled rows, the header found as `read_table` says; None when empty."""
    values: list[Row] = []
    for number, cells in enumerate(worksheet.iter_rows(), start=1):  # type: ignore[attr-defined]
        row = [xlsx_cell(c.value, getattr(c, "number_format", None), _quoted(c)) for c in cells]
        while row and row[-1] == "":
            row.pop()
        if row and any(str(c).strip() for c in row):
            number = getattr(cells[0], "row", None) or number
            values.append((number, row))
    if not values:
        return None
    first = 0
    if is_header is not None:
        first = next((i for i, (_, c) in enumerate(values[: HEADER_SEARCH + 1]) if is_header(c)), 0)
    header_line, header_cells = values[first]
    header = [cell_text(c).strip() for c in header_cells]
    return RawTable(
        str(path),
        header,
        values[first + 1 :],
        "xlsx",
        header_line=header_line,
        above=values[:first],
        sheet=name,
    )


def _quoted(cell: object) -> bool:
    """Whether a workbook cell has Excel's quotePrefix style (text shown as typed)."""
    return bool(getattr(getattr(cell, "style_array", None), "quotePrefix", False))
