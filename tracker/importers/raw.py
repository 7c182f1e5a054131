"""A file as read: its header and rows of cells, and what a cell reads as (text, a number, a
date, text an export protected)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from tracker.errors import RowError

# What an export prefixes with an apostrophe (services.neutralize): formula starts, and an
# apostrophe itself so that text which really begins with one survives the round trip.
NEUTRALIZED_START = ("=", "+", "-", "@", "\t", "\r", "'")
# Text with leading or trailing white space is protected the same way, so that it survives.

# One row: its line and its cells (a tuple from a CSV, which the collector then leaves alone:
# a million lists of cells would be walked again at every full collection).
Row = tuple[int, Sequence[object]]
# Whether a row is a header: the importers' test of "its cells name known columns".
IsHeader = Callable[[Sequence[object]], bool]
HEADER_SEARCH = 30  # a header further down than this many filled lines is not looked for


@dataclass
class RawTable:
    """A file's header and its rows (line number, cells), with the encoding that was read.

    `header_line` is the header's own line; `above` the filled lines above it (a title, a
    填报单位 line), skipped; `sheet` the workbook sheet read; `protected` whether a cell may
    be text an export protected (ExactText: never in a CSV without an apostrophe).
    """

    path: str
    header: list[str]
    rows: list[Row]
    encoding: str
    header_line: int = 1
    above: list[Row] = field(default_factory=list)
    sheet: str | None = None
    protected: bool = True


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


def cells_of(cells: Sequence[object], positions: dict[str, int]) -> Iterator[tuple[str, object]]:
    """The mapped cells of one row by canonical column name ('' where the row is short)."""
    for key, index in positions.items():
        yield key, cells[index] if index < len(cells) else ""
