"""Reading a CSV (UTF-8, UTF-8 with BOM or GB18030, found strictly) or xlsx into raw rows.

The rows and cells themselves are in `raw` and a workbook's reading in `workbook`; the names
the importers use are offered here too.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tracker.errors import TrackerError
from tracker.importers.raw import (
    HEADER_SEARCH,
    ExactText,
    IsHeader,
    RawTable,
    Row,
    cell_text,
    cells_of,
    exact_text,
    map_header,
    unneutralize,
)
from tracker.importers.workbook import read_xlsx

__all__ = [
    "ExactText",
    "RawTable",
    "Row",
    "cell_text",
    "cells_of",
    "exact_text",
    "map_header",
    "read_csv_text",
    "read_table",
    "unneutralize",
]

csv.field_size_limit(1 << 20)


def detect_encoding(data: bytes, path: str) -> str:
    """UTF-8 with BOM, UTF-8, or GB18030, decided strictly for the whole file; anything else,
    or a file whose lines mix UTF-8 and GB18030, is refused naming the first line at fault."""
    return _detected(data, path)[0]


def _detected(data: bytes, path: str) -> tuple[str, str | None]:
    """The encoding `detect_encoding` finds, and the text when finding it decoded the file."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TrackerError(
            f"{path}: line 1: the file is UTF-16 (Excel's 'Unicode Text');"
            " save it as 'CSV UTF-8' or give --encoding utf-16"
        )
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        bad = data.count(b"\n", 0, utf8_error.start) + 1
        try:
            text = data.decode("gb18030")
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
        return "gb18030", text


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
    if encoding is None:
        chosen, text = _detected(data, path)
        if text is not None:  # decoded already, to find the encoding
            return text, chosen
    else:
        chosen = encoding
    try:
        return data.decode(chosen), chosen
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TrackerError(
            f"{path}: line {line}: cannot be read as {chosen}: {exc.reason}"
        ) from None
    except LookupError:
        raise TrackerError(f"unknown encoding {chosen!r}") from None


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
        above: list[Row] = []
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
        rows: list[Row] = []
        # Only a file with an apostrophe in it can hold a neutralised cell.
        undo = "'" in text
        for cells in reader:
            if (cells and cells[0].strip()) or any(c.strip() for c in cells):
                # Kept as a tuple of str: the collector stops tracking it (see raw.Row).
                rows.append((line, tuple(map(unneutralize, cells)) if undo else tuple(cells)))
            # The row's first line: a quoted cell may span several physical lines.
            line = reader.line_num + 1
    except csv.Error as exc:
        hint = " (a quote left open?)" if "end of data" in str(exc) else ""
        raise TrackerError(f"{path}: line {line}: {exc}{hint}") from None
    # A BOM survives when --encoding utf-8 is given for a file that has one.
    names = [h.lstrip("\ufeff").strip() for h in header]
    return RawTable(
        path, names, rows, encoding, header_line=header_line, above=above, protected=undo
    )
