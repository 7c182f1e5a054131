"""A table as an interface shows it (its headers and cells, after its filters), written to a
CSV or xlsx file that a coordinator can send on."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from tracker.domain.text import visible
from tracker.errors import TrackerError, ValidationError
from tracker.services.exporting import exact_number, needs_protection, neutralize, private_file

Cell = str | int | float | Decimal | None
FORMATS = ("csv", "xlsx")


def view_format(path: Path) -> str:
    """`csv` or `xlsx`, by the file's suffix; anything else is refused."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValidationError(f"{path.name}: cannot write .{suffix} files; expected .csv or .xlsx")
    return suffix


def write_view(
    path: Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]], *, sheet: str = "view"
) -> int:
    """Write `headers` and `rows` to `path` (CSV as UTF-8 with a BOM, so that Excel opens it;
    or xlsx with numbers as numbers); formula-like text is kept from running. Returns the
    number of rows written."""
    chosen = view_format(path)
    try:
        if chosen == "csv":
            return _write_csv(path, headers, rows)
        return _write_xlsx(path, headers, rows, sheet)
    except OSError as exc:
        raise TrackerError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return f"{cell.normalize():f}"
    return str(cell)


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    count = 0
    with private_file(path) as raw, io.TextIOWrapper(raw, "utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([neutralize(h) for h in headers])
        for row in rows:
            writer.writerow([neutralize(c) if isinstance(c, str) else _text(c) for c in row])
            count += 1
    return count


def _write_xlsx(
    path: Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]], sheet: str
) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    page = book.create_sheet(sheet)

    def cell(value: Cell) -> object:
        if value is None:
            return None
        if isinstance(value, Decimal):
            return exact_number(_text(value))
        if not isinstance(value, str):
            return value
        text = visible(value)
        if not needs_protection(text) and not text.startswith("'"):
            return text
        protected = WriteOnlyCell(page, value=text)
        protected.data_type = "s"
        protected.quotePrefix = True
        return protected

    page.append([cell(h) for h in headers])
    count = 0
    for row in rows:
        page.append([cell(c) for c in row])
        count += 1
    with private_file(path) as handle:
        book.save(handle)
    return count
