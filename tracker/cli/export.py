"""`tracker export observations|indicators`: CSV (JSON, xlsx) for reports and other scripts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.options import DbOption, open_store

app = typer.Typer(help="Export data.", no_args_is_help=True)

OutOption = Annotated[str, typer.Option("-o", "--output", help="File to write; - for stdout.")]


@app.command("observations")
def observations(db: DbOption = None, output: OutOption = "-") -> None:
    """Export every current observation, values in the indicator's unit.

    Columns: indicator, name, region, pillar, unit, kind, period, value, comparator,
    source_doc, quote, note. Example: tracker export observations -o figures.csv
    """
    from tracker import services

    store = open_store(db)
    records = services.observation_records(store)
    if output == "-":
        count = services.write_csv(records, services.EXPORT_COLUMNS, sys.stdout)
    else:
        path = Path(output)
        with path.open("w", encoding="utf-8", newline="") as handle:
            count = services.write_csv(records, services.EXPORT_COLUMNS, handle)
        path.chmod(0o600)
        typer.echo(f"wrote {count} observations to {path}", err=True)
