"""Reading a CSV (UTF-8, UTF-8 with BOM or GB18030, found strictly) or xlsx into raw rows."""

from __future__ import annotations

import csv
import io
import math
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from tracker.errors import RowError, TrackerError

csv.field_size_limit(1 << 20)
MAX_CELL = 10_000
# What an export prefixes with an apostrophe (services.neutralize): formula starts, and an
# apostrophe itself so that text which really begins with one survives the round trip.
NEUTRALIZED_START = ("=", "+", "-", "@", "\t", "\r", "'")
# Text with leading or trailing white space is protected the same way, so that it survives.


@dataclass
class RawTable:
    """A file's header and its rows (line number, cells), with the encoding that was read.

    `header_line` is the header's own line; `above` the filled lines above it (a title, a
    填报单位 line), skipped; `sheet` the workbook sheet read.
    """

    path: str
    header: list[str]
    rows: list[tuple[int, list[object]]]
    encoding: str
    header_line: int = 1
    above: list[tuple[int, list[object]]] = field(default_factory=list)
    sheet: str | None = None


def detect_encoding(data: bytes, path: str) -> str:
    """UTF-8 with BOM, UTF-8, or GB18030, decided strictly for the whole file; anything else,
    or a file whose lines mix UTF-8 and GB18030, is refused naming the first line at fault."""
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
        bad = data.count(b"\n", 0, utf8_error.start) + 1
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            raise TrackerError(
                f"{path}: line {bad}: byte {utf8_error.start} is neither UTF-8 nor GB18030;"
                " save the file as UTF-8 or give --encoding"
            ) from None
        good = _utf8_line(data)
        if good is not None:
            raise TrackerError(
                f"{path}: line {bad}: is not UTF-8, but line {good} is: the file mixes"
                " encodings (UTF-8 and GB18030?); save it again in one encoding (CSV UTF-8)"
            ) from None
        return "gb18030"


def _utf8_line(data: bytes) -> int | None:
    """The first line with non-ASCII text that is valid UTF-8 (a GB18030 file has none)."""
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        return number
    return None


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


# Whether a row is a header: the importers' test of "its cells name known columns".
IsHeader = Callable[[list[object]], bool]
HEADER_SEARCH = 30  # a header further down than this many filled lines is not looked for


def read_table(
    path: Path,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    is_header: IsHeader | None = None,
    data: bytes | None = None,
) -> RawTable:
    """Read a .csv or .xlsx file's header and rows.

    With `is_header`, the header is the first filled row it accepts (a title or a 填报单位
    line above it is kept in `above`), and a workbook's data sheet is the one sheet that has
    such a row. `data` is the file's bytes when they were read already (standard input).
    """
    suffix = path.suffix.lower()
    if data is None and not path.exists():
        raise TrackerError(f"{path}: no such file")
    if suffix == ".xls":
        raise TrackerError(
            f"{path}: an Excel 97-2003 workbook (.xls) cannot be read;"
            " open it in Excel or WPS and save it as .xlsx (or CSV UTF-8)"
        )
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, sheet, is_header, data=data)
    if suffix not in (".csv", ".txt", ".tsv", ""):
        raise TrackerError(f"{path}: expected a .csv or .xlsx file")
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TrackerError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if data.startswith(b"PK\x03\x04"):
        raise TrackerError(f"{path}: this is a workbook, not text; name it .xlsx")
    text, used = decode(data, str(path), encoding)
    return read_csv_text(text, str(path), used, is_header=is_header)


def delimiter_of(text: str, path: str) -> str:
    """The separator of a CSV: a comma, or a semicolon or tab where those split the first
    lines more often (European Excel writes `;`, a copy from a sheet `\t`)."""
    if path.endswith(".tsv"):
        return "\t"
    head = text[:20_000].splitlines()[:20]
    counts = {d: sum(line.count(d) for line in head) for d in (",", ";", "\t")}
    best = max((";", "\t"), key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def read_csv_text(
    text: str, path: str, encoding: str = "utf-8", *, is_header: IsHeader | None = None
) -> RawTable:
    """Parse CSV text; a NUL byte or an unterminated quote is reported with its line."""
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise TrackerError(f"{path}: line {line}: contains a NUL byte; is this a text CSV file?")
    separator = delimiter_of(text, path)
    dialect: type[csv.Dialect] = csv.excel_tab if separator == "\t" else csv.excel
    # Strict: an unterminated quote must not swallow the rest of the file into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True, delimiter=separator)
    line = 1
    try:
        header = next(reader, None)
        if header is None:
            raise TrackerError(f"{path}: the file is empty; expected a header row")
        header_line = 1
        above: list[tuple[int, list[object]]] = []
        line = reader.line_num + 1
        if is_header is not None and not is_header(list(header)):
            # A title row or a 填报单位 line: look a few lines down for the real header.
            candidates: list[tuple[int, list[str]]] = [(1, header)]
            for cells in reader:
                if any(c.strip() for c in cells):
                    candidates.append((line, cells))
                line = reader.line_num + 1
                if is_header(list(cells)) or len(candidates) > HEADER_SEARCH:
                    break
            found = next((i for i, (_, c) in enumerate(candidates) if is_header(list(c))), None)
            if found is not None:
                above = [(n, list(c)) for n, c in candidates[:found] if any(x.strip() for x in c)]
                header_line, header = candidates[found]
            else:
                # No header anywhere near the top: read it as before, from the first line.
                reader = csv.reader(
                    io.StringIO(text, newline=""), dialect, strict=True, delimiter=separator
                )
                header = next(reader)
                line = reader.line_num + 1
        rows: list[tuple[int, list[object]]] = []
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
    return RawTable(path, names, rows, encoding, header_line=header_line, above=above)


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
    values: list[tuple[int, list[object]]] = []
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


class ExactText(str):
    """Text to take exactly as written, never trimmed: a cell an export protected (with an
    apostrophe in a CSV, with Excel's quotePrefix style in a workbook)."""

    __slots__ = ()


def unneutralize(text: str) -> str:
    """Undo an export's formula neutralising: `'=A1` reads back as `=A1` and `' x` as ` x`
    (both exactly, see ExactText); `'abc` stays."""
    if text.startswith("'"):
        rest = text[1:]
        if rest.startswith(NEUTRALIZED_START) or rest != rest.strip():
            return ExactText(rest)
    return text


def exact_text(cell: object) -> str:
    """A text field's cell: an ExactText as it is, anything else trimmed."""
    if isinstance(cell, ExactText):
        return str(cell)
    return cell_text(cell).strip()


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


def _quoted(cell: object) -> bool:
    """Whether a workbook cell has Excel's quotePrefix style (text shown as typed)."""
    return bool(getattr(getattr(cell, "style_array", None), "quotePrefix", False))


def xlsx_cell(value: object, number_format: str | None, quoted: bool = False) -> object:
    """A workbook cell as Excel shows it: a percent-formatted 0.875 is the text `87.5%`, a
    date formatted as a month (`yyyy"年"m"月"`, `yyyy-mm`) the month `2025-06` and as a year
    the year; a float keeps the 15 significant digits Excel shows (0.1 + 0.2 is 0.3); a
    quotePrefix text cell is taken exactly."""
    if quoted and isinstance(value, str):
        return ExactText(value)
    fmt = _format_tokens(number_format or "General")
    if isinstance(value, float) and math.isfinite(value):
        shown = Decimal(f"{value:.15g}")
        if "%" in fmt:
            return format((shown * 100).normalize(), "f") + "%"
        return shown
    if isinstance(value, int) and not isinstance(value, bool) and "%" in fmt:
        return f"{value * 100}%"
    if isinstance(value, datetime | date):
        moment = value.date() if isinstance(value, datetime) else value
        if "d" not in fmt and "h" not in fmt and "s" not in fmt:
            if "m" in fmt:
                return f"{moment.year:04d}-{moment.month:02d}"
            if "y" in fmt:
                return f"{moment.year:04d}"
    return cell_value(value)


@lru_cache(maxsize=256)  # a sheet has a handful of formats and many cells
def _format_tokens(number_format: str) -> str:
    """A number format without its quoted text, escapes and [colour]/[locale] parts, lower
    case: what is left says whether it shows a percent, a day, a month or a year."""
    text = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.', "", number_format)
    return text.lower()


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
