"""Reading a CSV (UTF-8, UTF-8 with BOM or GB18030, found strictly) or xlsx into raw rows."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from tracker.errors import RowError, TrackerError

csv.field_size_limit(1 << 20)
MAX_CELL = 10_000
# What an export prefixes with an apostrophe (services.neutralize): formula starts, and an
# apostrophe itself so that text which really begins with one survives the round trip.
NEUTRALIZED_START = ("=", "+", "-", "@", "\t", "\r", "'")


@dataclass
class RawTable:
    """A file's header and its rows (line number, cells), with the encoding that was read."""

    path: str
    header: list[str]
    rows: list[tuple[int, list[object]]]
    encoding: str


def detect_encoding(data: bytes, path: str) -> str:
    """UTF-8 with BOM, UTF-8, or GB18030, decided strictly; anything else is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TrackerError(
            f"{path}: line 1: the file is UTF-16 (Excel's 'Unicode Text');"
            " save it as 'CSV UTF-8' or give --encoding utf-16"
        )
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            data.decode("gb18030")
            return "gb18030"
        except UnicodeDecodeError:
            line = data.count(b"\n", 0, utf8_error.start) + 1
            raise TrackerError(
                f"{path}: line {line}: byte {utf8_error.start} is neither UTF-8 nor GB18030;"
                " save the file as UTF-8 or give --encoding"
            ) from None


def decode(data: bytes, path: str, encoding: str | None) -> tuple[str, str]:
    """The file's text and the encoding used; a wrong `encoding` is reported with the line."""
    chosen = encoding or detect_encoding(data, path)
    try:
        return data.decode(chosen), chosen
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TrackerError(
            f"{path}: line {line}: cannot be read as {chosen}: {exc.reason}"
        ) from None
    except LookupError:
        raise TrackerError(f"unknown encoding {chosen!r}") from None


def read_table(path: Path, *, encoding: str | None = None, sheet: str | None = None) -> RawTable:
    """Read a .csv or .xlsx file's header and rows."""
    if not path.exists():
        raise TrackerError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, sheet)
    if suffix not in (".csv", ".txt", ".tsv"):
        raise TrackerError(f"{path}: expected a .csv or .xlsx file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TrackerError(f"{path}: cannot read: {exc.strerror or exc}") from None
    text, used = decode(data, str(path), encoding)
    return read_csv_text(text, str(path), used)


def read_csv_text(text: str, path: str, encoding: str = "utf-8") -> RawTable:
    """Parse CSV text; a NUL byte or an unterminated quote is reported with its line."""
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise TrackerError(f"{path}: line {line}: contains a NUL byte; is this a text CSV file?")
    dialect: type[csv.Dialect] = csv.excel_tab if path.endswith(".tsv") else csv.excel
    # Strict: an unterminated quote must not swallow the rest of the file into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
    line = 1
    try:
        header = next(reader, None)
        if header is None:
            raise TrackerError(f"{path}: the file is empty; expected a header row")
        rows: list[tuple[int, list[object]]] = []
        line = reader.line_num + 1
        # Only a file with an apostrophe in it can hold a neutralised cell.
        undo = "'" in text
        for cells in reader:
            if (cells and cells[0].strip()) or any(c.strip() for c in cells):
                # The reader makes a new list for every row: kept as it is, not copied.
                kept: list[object] = [unneutralize(c) for c in cells] if undo else cells  # type: ignore[assignment]
                rows.append((line, kept))
            # The row's first line: a quoted cell may span several physical lines.
            line = reader.line_num + 1
    except csv.Error as exc:
        hint = " (a quote left open?)" if "end of data" in str(exc) else ""
        raise TrackerError(f"{path}: line {line}: {exc}{hint}") from None
    # A BOM survives when --encoding utf-8 is given for a file that has one.
    names = [h.lstrip("\ufeff").strip() for h in header]
    return RawTable(path, names, rows, encoding)


def read_xlsx(path: Path, sheet: str | None) -> RawTable:
    """The first (or named) sheet of a workbook; numbers and dates keep their types."""
    import pandas as pd

    try:
        frame = pd.read_excel(
            path, sheet_name=sheet if sheet else 0, header=None, dtype=object, engine="openpyxl"
        )
    except ValueError as exc:
        raise TrackerError(f"{path}: {exc}") from None
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise TrackerError(f"{path}: not a readable xlsx workbook ({type(exc).__name__})") from None
    values = [[cell_value(c) for c in cells] for cells in frame.to_numpy().tolist()]
    # The header is the first row with anything in it; line numbers stay the sheet's own.
    filled = [i for i, cells in enumerate(values) if any(str(c).strip() for c in cells)]
    if not filled:
        raise TrackerError(f"{path}: the sheet is empty; expected a header row")
    first = filled[0]
    header = [cell_text(c).strip() for c in values[first]]
    rows = [(i + 1, values[i]) for i in filled[1:]]
    return RawTable(str(path), header, rows, "xlsx")


def unneutralize(text: str) -> str:
    """Undo an export's formula neutralising: `'=A1` reads back as `=A1`, `'abc` stays."""
    if text.startswith("'") and text[1:].startswith(NEUTRALIZED_START):
        return text[1:]
    return text


def cell_value(cell: object) -> object:
    """A workbook cell as a str, Decimal or date; blanks become ''."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return ""
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, int):
        return Decimal(cell)
    if isinstance(cell, float):
        return Decimal(repr(cell)) if math.isfinite(cell) else str(cell)
    if isinstance(cell, datetime):
        return cell.date() if cell.time() == datetime.min.time() else cell
    if isinstance(cell, date):
        return cell
    return unneutralize(str(cell))


def cell_text(cell: object) -> str:
    """A cell as text for messages and text fields."""
    value = cell_value(cell) if not isinstance(cell, str) else cell
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def map_header(
    table: RawTable, aliases: dict[str, str], required: tuple[str, ...]
) -> tuple[dict[str, int], list[RowError]]:
    """Column positions by canonical name; unknown, duplicate or missing columns are errors."""
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    for index, name in enumerate(table.header):
        key = aliases.get(name.strip().lower().replace(" ", "_"))
        if key is None:
            if name.strip():
                errors.append(
                    RowError(
                        1,
                        name,
                        name,
                        "unknown column; expected one of "
                        + ", ".join(sorted(set(aliases.values()))),
                    )
                )
            continue
        if key in positions:
            errors.append(RowError(1, name, name, f"column {key!r} appears twice"))
        positions[key] = index
    for key in required:
        if key not in positions:
            errors.append(RowError(1, key, "", f"required column {key!r} is missing"))
    return positions, errors


def cells_of(cells: list[object], positions: dict[str, int]) -> Iterator[tuple[str, object]]:
    """The mapped cells of one row by canonical column name ('' where the row is short)."""
    for key, index in positions.items():
        yield key, cells[index] if index < len(cells) else ""
