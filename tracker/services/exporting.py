"""Exports (CSV, JSON, xlsx) and backups."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from tracker.domain.numbers import format_decimal
from tracker.domain.text import visible
from tracker.errors import TrackerError, ValidationError
from tracker.services.definitions import INDICATOR_COLUMNS, indicator_records
from tracker.services.listing import IndicatorFilter, select_indicators
from tracker.services.store import Store
from tracker.storage import queries
from tracker.storage.engine import mask_url, reading, sqlite_path
from tracker.storage.files import refuse_store_target, require_store_file
from tracker.storage.schema import check_current

EXPORT_COLUMNS = (
    "indicator",
    "name",
    "region",
    "pillar",
    "unit",
    "kind",
    "period",
    "value",
    "comparator",
    "source_doc",
    "quote",
    "note",
    "programme",
    "deadline_basis",
    "relative_to",
    "quarantine",
)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(text: str) -> str:
    """Keep a spreadsheet from running a text cell as a formula.

    A leading apostrophe is doubled too, so that the importer (tables.unneutralize) reads back
    exactly what was exported; so is text with white space at either end.
    """
    return "'" + text if needs_protection(text) or text.startswith("'") else text


def needs_protection(text: str) -> bool:
    """Whether a spreadsheet would run or trim this text: a formula start, or white space at
    either end (which the importer trims from cells that are not protected)."""
    return text.startswith(FORMULA_START) or (text != text.strip())


def observation_records(store: Store) -> Iterator[dict[str, str]]:
    """Every current observation as an export record, values in the indicator's unit."""
    with reading(store.engine) as session:
        for obs, ind, region, pillar in queries.current_observation_rows(session=session):
            yield {
                "indicator": ind.code,
                "name": ind.name,
                "region": region.name,
                "pillar": pillar.name,
                "unit": ind.unit,
                "kind": obs.kind,
                "period": obs.period,
                "value": format_decimal(obs.value) if obs.value is not None else "",
                "comparator": obs.comparator or "",
                "source_doc": obs.source_doc or "",
                "quote": obs.quote,
                "note": obs.note,
                "programme": obs.programme or "",
                "deadline_basis": obs.deadline_basis or "",
                "relative_to": obs.relative_to or "",
                "quarantine": obs.quarantine or "",
            }


def write_csv(records: Iterable[dict[str, str]], columns: tuple[str, ...], out: TextIO) -> int:
    """Write records as CSV, neutralising formula-like text cells; returns the row count."""
    # CRLF rows (RFC 4180, as Excel writes): the writer then quotes a cell holding a bare CR,
    # which with LF rows it leaves unquoted and a reader splits the row there.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for record_ in records:
        writer.writerow([record_[c] if c == "value" else neutralize(record_[c]) for c in columns])
        count += 1
    return count


def export_observations_csv(store: Store) -> str:
    """The current observations as CSV text (for tests and small exports)."""
    buffer = io.StringIO()
    write_csv(observation_records(store), EXPORT_COLUMNS, buffer)
    return buffer.getvalue()


def ensure(condition: bool, message: str) -> None:
    """Raise TrackerError with `message` unless `condition` holds."""
    if not condition:
        raise TrackerError(message)


def export_records(
    store: Store, what: str, *, as_of: date, where: IndicatorFilter | None = None
) -> tuple[tuple[str, ...], Iterator[dict[str, str]]]:
    """The columns and records of an `observations` or `indicators` export, filtered like a
    listing."""
    codes = None
    if where is not None and where.narrows:
        codes = {i.row.code for i in select_indicators(store, as_of=as_of, where=where)}
    if what == "indicators":
        return INDICATOR_COLUMNS, indicator_records(store, codes)
    if what != "observations":
        raise ValidationError(f"cannot export {what!r}; expected observations or indicators")
    records = observation_records(store)
    if codes is not None:
        records = (r for r in records if r["indicator"] in codes)
    return EXPORT_COLUMNS, records


def exact_number(text: str) -> int | float | str:
    """A stored value for a spreadsheet or JSON: a number when a float holds it exactly,
    else its text (so that no digit is lost); empty for a target with no value."""
    if not text:
        return text
    value = Decimal(text)
    if value == value.to_integral_value() and abs(value) < 2**53:
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else text


def write_json(records: Iterable[dict[str, str]], columns: tuple[str, ...], out: TextIO) -> int:
    """Write records as a JSON array; returns the row count. Every value is an exact decimal
    string (`"46.9"`, `"-3"`, `""` for none), as in every other --json output: a JSON number
    would be read as a binary float by most programs."""

    count = 0
    out.write("[")
    for record_ in records:
        item: dict[str, object] = {c: record_[c] for c in columns}
        out.write(("\n  " if count == 0 else ",\n  ") + json.dumps(item, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_xlsx(
    records: Iterable[dict[str, str]], columns: tuple[str, ...], path: Path, sheet: str
) -> int:
    """Write records to a workbook: formula-like text protected with Excel's quotePrefix
    style (no visible apostrophe), the value column as numbers.

    A workbook cannot hold most control characters (openpyxl refuses them), and the importer
    refuses them all: each is written as the escape every output shows it as (`\\x0b` for a
    vertical tab pasted from Word), which imports back as that text.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    page = book.create_sheet(sheet)
    page.append(list(columns))

    def text_cell(text: str) -> object:
        # Excel's quotePrefix style: shown and kept as typed, never run, no visible apostrophe.
        if not needs_protection(text) and not text.startswith("'"):
            return text
        cell = WriteOnlyCell(page, value=text)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell

    count = 0
    for record_ in records:
        page.append(
            [
                exact_number(record_[c]) if c == "value" else text_cell(visible(record_[c]))
                for c in columns
            ]
        )
        count += 1
    with private_file(path) as handle:
        book.save(handle)
    return count


def private_file(path: Path) -> Any:
    """Open `path` for writing bytes, created readable by its owner only (0600)."""
    import os

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)  # an existing file keeps its mode through O_CREAT
    return os.fdopen(fd, "wb")


@dataclass
class BackupResult:
    """Where a backup went, how big it is and the schema revision it holds."""

    path: Path
    size: int
    revision: str | None


def backup(url: str, dest: Path, *, overwrite: bool = False) -> BackupResult:
    """Copy a SQLite database online with SQLite's backup API (a consistent snapshot, safe
    while others read and write); the copy is created 0600 and checked before it is named."""
    import os
    import sqlite3

    from sqlalchemy import make_url

    backend = make_url(url).get_backend_name()
    if backend == "postgresql":
        raise TrackerError(
            f"{mask_url(url)} is PostgreSQL: back it up with pg_dump, e.g."
            f" pg_dump --format=custom --file {dest} DATABASE"
        )
    source = sqlite_path(url)
    if source is None:
        raise TrackerError(f"{mask_url(url)}: only SQLite database files can be backed up here")
    require_store_file(source)
    refuse_store_target(source, dest)
    if dest.exists() and not overwrite:
        raise TrackerError(f"{dest} already exists; choose another name or pass --force")
    if not dest.parent.is_dir():
        raise TrackerError(f"{dest.parent}: no such directory")
    try:
        probe = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            found = None
            tables = "SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'"
            if probe.execute(tables).fetchone():
                found = probe.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            probe.close()
    except sqlite3.Error as exc:
        raise TrackerError(f"{source}: not a tracker database ({exc})") from None
    check_current(found[0] if found else None, str(source))
    partial = dest.with_name(dest.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise TrackerError(f"{partial}: cannot create: {exc.strerror or exc}") from None
    try:
        src = sqlite3.connect(source, timeout=10)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # A self-contained file: no -wal beside it to forget when copying it away.
            dst.execute("PRAGMA journal_mode = DELETE")
            check = dst.execute("PRAGMA quick_check").fetchone()[0]
            revision = dst.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        finally:
            dst.close()
            src.close()
        if check != "ok":
            raise TrackerError(f"{dest}: the copy failed its integrity check ({check})")
        os.replace(partial, dest)
    except sqlite3.Error as exc:
        raise TrackerError(f"{source}: backup failed: {exc}") from None
    except OSError as exc:
        raise TrackerError(f"{dest}: cannot write the backup: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(dest, dest.stat().st_size, revision)
