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
    say,
)
from tracker.errors import TrackerError

if TYPE_CHECKING:
    from tracker.services import IndicatorFilter

app = typer.Typer(help="Export data.", no_args_is_help=True)

FORMATS = ("csv", "xlsx", "json")
OutOption = Annotated[str, typer.Option("-o", "--output", help="File to write; - for stdout.")]
ENCODINGS = ("utf-8-sig", "utf-8", "gb18030")
EncodingOption = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        help="A CSV file's encoding: utf-8-sig (UTF-8 with a BOM, what Excel on a Chinese"
        " desktop opens correctly; the default for a file), utf-8 or gb18030. Standard output"
        " is plain UTF-8.",
        show_default=False,
    ),
]
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
    encoding: EncodingOption = None,
    *,
    where: "IndicatorFilter",
) -> None:
    """Export the current observations, values in the indicator's unit.

    Columns: indicator, name, region, pillar, unit, kind, period, value, comparator,
    source_doc, quote, note; `tracker import` reads the file back.

    Example: tracker export observations --region 铁岭 -o tieling.xlsx
    """
    _export("observations", db, output, format_, as_of, where, encoding)


@app.command("indicators")
@filter_options()
def indicators(
    db: DbOption = None,
    output: OutOption = "-",
    format_: FormatOption = None,
    as_of: AsOfOption = None,
    encoding: EncodingOption = None,
    *,
    where: "IndicatorFilter",
) -> None:
    """Export indicator definitions in the columns an indicators file has.

    Columns: code, name, name_en, unit, direction, region, pillar, lead, responsible,
    frequency, description; `tracker import` reads the file back.

    Example: tracker export indicators --pillar 交通共联 -o transport.csv
    """
    _export("indicators", db, output, format_, as_of, where, encoding)


def _export(
    what: str,
    db: str | None,
    output: str,
    format_: str | None,
    as_of: str | None,
    where: "IndicatorFilter",
    encoding: str | None = None,
) -> None:

    chosen = format_of(output, format_)
    written_in = encoding_of(encoding, output)
    when = as_of_date(as_of)
    columns, records = services.export_records(open_store(db), what, as_of=when, where=where)
    writer = services.write_json if chosen == "json" else services.write_csv
    if output == "-":
        try:
            writer(records, columns, sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:
            # `| head` closed the pipe: what was wanted was read; end quietly, with 0.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return
    path = Path(output).expanduser()
    if not path.parent.is_dir():
        raise typer.BadParameter(f"{path.parent}: no such directory", param_hint="--output")
    try:
        if chosen == "xlsx":
            count = services.write_xlsx(records, columns, path, sheet=what)
        else:
            # JSON is always UTF-8 (RFC 8259), with no BOM.
            text_encoding = written_in if chosen == "csv" else "utf-8"
            with open(path, "w", encoding=text_encoding, newline="", opener=_private) as handle:
                count = writer(records, columns, handle)
            path.chmod(0o600)  # an existing file keeps its old mode through open()
    except OSError as exc:
        raise TrackerError(f"{path}: cannot write: {exc.strerror or exc}") from None
    typer.echo(say("cli.wrote", count=count, what=what, path=path, format=chosen), err=True)


def encoding_of(given: str | None, output: str) -> str:
    """A CSV's encoding: as given, else UTF-8 with a BOM for a file (Excel reads a BOM-less
    UTF-8 file as the local code page) and plain UTF-8 on standard output."""
    if given is None:
        return "utf-8" if output == "-" else "utf-8-sig"
    chosen = given.strip().lower().replace("_", "-")
    chosen = {"utf8": "utf-8", "utf8-sig": "utf-8-sig", "gbk": "gb18030"}.get(chosen, chosen)
    if chosen not in ENCODINGS:
        raise typer.BadParameter(
            f"{given!r}: expected utf-8, utf-8-sig or gb18030", param_hint="--encoding"
        )
    if output == "-" and chosen != "utf-8":
        raise typer.BadParameter(
            "standard output is written in UTF-8; give -o FILE for another encoding",
            param_hint="--encoding",
        )
    return chosen


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
