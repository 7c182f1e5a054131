"""`tracker period close|reopen|list`: closing a period for a region and its sub-regions."""

from typing import Annotated, Any

import typer
from rich.box import SIMPLE_HEAD
from rich.table import Table

from tracker import services
from tracker.cli.options import (
    DbOption,
    JsonOption,
    LangOption,
    actor,
    emit_json,
    open_store,
    say,
    shell_lang,
)
from tracker.cli.render.common import print_all
from tracker.domain.text import visible
from tracker.i18n import t

ORIGIN = "cli"

app = typer.Typer(
    help="Close a month, quarter, half-year or year for a region and its sub-regions: values"
    " dated in it can no longer be written there until it is reopened.",
    no_args_is_help=True,
)

PeriodArgument = Annotated[
    str, typer.Argument(help="A month, quarter, half-year or year: 2025-06, 2025Q2, 2025H1, 2025.")
]
RegionOption = Annotated[
    str,
    typer.Option("--region", help="Region name or code (铁岭, TL); its sub-regions are included."),
]


@app.command("close")
def close(
    period: PeriodArgument, region: RegionOption, db: DbOption = None, lang: LangOption = None
) -> None:
    """Close PERIOD for a region and its sub-regions: a value dated in it is refused, naming
    who closed it and when, until `tracker period reopen`. On PostgreSQL only province roles
    may close a period.

    Example: tracker period close 2025-06 --region 铁岭
    """

    store = open_store(db)
    closing = services.close_period(
        store, period=period, region=region, actor=actor(), origin=ORIGIN
    )
    typer.echo(
        say(
            "period.closed",
            where=store.where,
            period=closing.period,
            region=visible(closing.region),
            start=closing.start.isoformat(),
            end=closing.end.isoformat(),
            change=closing.closed_in,
        )
    )


@app.command("reopen")
def reopen(
    period: PeriodArgument, region: RegionOption, db: DbOption = None, lang: LangOption = None
) -> None:
    """Reopen PERIOD for the region it was closed for: values dated in it can be written again.

    Example: tracker period reopen 2025-06 --region 铁岭
    """

    store = open_store(db)
    closing = services.reopen_period(
        store, period=period, region=region, actor=actor(), origin=ORIGIN
    )
    typer.echo(
        say(
            "period.reopened",
            where=store.where,
            period=closing.period,
            region=visible(closing.region),
            change=closing.reopened_in,
        )
    )


@app.command("list")
def list_(db: DbOption = None, json_: JsonOption = False, lang: LangOption = None) -> None:
    """Every period closed, newest first: for which region, who closed it and when, and who
    reopened it and when.

    Example: tracker period list --json
    """

    store = open_store(db)
    found = services.closed_periods(store)
    if json_:
        emit_json([closing_json(c) for c in found])
        return
    if not found:
        typer.echo(say("period.none", where=store.where))
        return
    print_all([closing_table(found, shell_lang())])


def closing_json(closing: Any) -> dict[str, Any]:
    """One closing as JSON: region, period and span, closed and reopened (by, at, change set)."""
    return {
        "id": closing.id,
        "region": closing.region_code,
        "period": closing.period,
        "start": closing.start.isoformat(),
        "end": closing.end.isoformat(),
        "closed": {
            "by": closing.closed_by,
            "at": closing.closed_at.isoformat(),
            "change_set": closing.closed_in,
        },
        "reopened": None
        if closing.reopened_in is None
        else {
            "by": closing.reopened_by,
            "at": closing.reopened_at.isoformat() if closing.reopened_at else None,
            "change_set": closing.reopened_in,
        },
        "closed_now": closing.is_open,
    }


def closing_table(found: list[Any], lang: str) -> Table:
    """The closings, newest first: period, region, who closed it and when, who reopened it."""
    table = Table(box=SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for key in ("period.col.period", "period.col.region"):
        table.add_column(t(key, lang), no_wrap=True)
    table.add_column(t("period.col.closed", lang), overflow="fold")
    table.add_column(t("period.col.reopened", lang), overflow="fold")
    for closing in found:
        reopened = (
            f"{closing.reopened_by}\n{closing.reopened_at:%Y-%m-%d %H:%M}"
            if closing.reopened_at is not None
            else t("period.still_closed", lang)
        )
        table.add_row(
            closing.period,
            visible(closing.region),
            visible(f"{closing.closed_by}\n{closing.closed_at:%Y-%m-%d %H:%M}"),
            visible(reopened),
        )
    return table
