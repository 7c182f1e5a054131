"""`tracker export observations|indicators`: CSV, xlsx or JSON, filtered like `tracker list`."""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker import services
from tracker.cli.options import (
    AsOfOption,
    DbOption,
    as_of_date,
    filter_options,
    open_store,
)
from tracker.errors import TrackerError

if TYPE_CHECKING:
    from tracker.services import IndicatorFilter

app = typer.Typer(help="Export data.", no_args_is_help=True)

FORMATS = ("csv", "xlsx", "json")
OutOption = Annotated[str, typer.Option("-o", "--output", help="File to write; - for stdout.")]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help="csv, xlsx or json (default: from the file name, else csv)."
    ),
]


@app.command("observations")
@filter_options()
def observations(
    db: DbOption = None,
    output: OutOption = "-",
    format_: FormatOption = None,
    as_of: AsOfOption = None,
    *,
    where: "IndicatorFilter",
) -> None:
    """Export the current observations, values in the indicator's unit.

    Columns: indicator, name, region, pillar, unit, kind, period, value, comparator,
    source_doc, quote, note; `tracker import` reads the file back.

    Example: tracker export observations --region 铁岭 -o tieling.xlsx
    """
    _export("observations", db, output, format_, as_of, where)


@app.command("indicators")
@filter_options()
def indicators(
    db: DbOption = None,
    output: OutOption = "-",
    format_: FormatOption = None,
    as_of: AsOfOption = None,
    *,
    where: "IndicatorFilter",
) -> None:
    """Export indicator definitions in the columns an indicators file has.

    Columns: code, name, name_en, unit, direction, region, pillar, lead, responsible,
    frequency, description; `tracker import` reads the file back.

    Example: tracker export indicators --pillar 交通共联 -o transport.csv
    """
    _export("indicators", db, output, format_, as_of, where)


def _export(
    what: str,
    db: str | None,
    output: str,
    format_: str | None,
    as_of: str | None,
    where: "IndicatorFilter",
) -> None:

    chosen = format_of(output, format_)
    when = as_of_date(as_of)
    columns, records = services.export_records(open_store(db), what, as_of=when, where=where)
    writer = services.write_json if chosen == "json" else services.write_csv
    if output == "-":
        writer(records, columns, sys.stdout)
        return
    path = Path(output).expanduser()
    if not path.parent.is_dir():
        raise typer.BadParameter(f"{path.parent}: no such directory", param_hint="--output")
    try:
        if chosen == "xlsx":
            count = services.write_xlsx(records, columns, path, sheet=what)
        else:
            with open(path, "w", encoding="utf-8", newline="", opener=_private) as handle:
                count = writer(records, columns, handle)
            path.chmod(0o600)  # an existing file keeps its old mode through open()
    except OSError as exc:
        raise TrackerError(f"{path}: cannot write: {exc.strerror or exc}") from None
    typer.echo(f"wrote {count} {what} to {path} ({chosen})", err=True)


def _private(name: str, flags: int) -> int:
    """Create files readable by their owner only: exports hold unpublished figures."""
    return os.open(name, flags, 0o600)


def format_of(output: str, given: str | None) -> str:
    """The export format: as given, else from the file's suffix, else csv."""
    if given is not None:
        chosen = given.strip().lower()
        if chosen not in FORMATS:
            raise typer.BadParameter(
                f"{given!r}: expected csv, xlsx or json", param_hint="--format"
            )
    else:
        suffix = Path(output).suffix.lower().lstrip(".")
        chosen = suffix if output != "-" and suffix in FORMATS else "csv"
    if chosen == "xlsx" and output == "-":
        raise typer.BadParameter(
            "an xlsx workbook needs a file: -o FILE.xlsx", param_hint="--format"
        )
    return chosen
