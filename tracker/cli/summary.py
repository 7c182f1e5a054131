"""`tracker summary`: counts by status, then what needs attention, hledger-budget style."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from tracker.cli.options import DbOption, JsonOption, LangOption, lang_of, open_store


def summary(
    db: DbOption = None,
    region: Annotated[
        str | None, typer.Option(help="Only this region (and its sub-regions).")
    ] = None,
    pillar: Annotated[str | None, typer.Option(help="Only this pillar.")] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Judge as of this date (YYYY-MM-DD).")
    ] = None,
    by: Annotated[str, typer.Option(help="Group counts by pillar or region.")] = "pillar",
    json_: JsonOption = False,
    lang: LangOption = None,  # type: ignore[assignment]
) -> None:
    """Counts by status per pillar (or region), then the indicators needing attention.

    Example: tracker summary --region 铁岭 --as-of 2025-12-31
    """
    import json

    from tracker import services
    from tracker.cli import render

    if by not in ("pillar", "region"):
        raise typer.BadParameter("expected pillar or region", param_hint="--by")
    try:
        when = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        raise typer.BadParameter(
            f"{as_of!r} is not a date (YYYY-MM-DD)", param_hint="--as-of"
        ) from None
    store = open_store(db)
    result = services.summarize(store, as_of=when, region=region, pillar=pillar, group_by=by)
    if json_:
        typer.echo(json.dumps(render.summary_json(result), ensure_ascii=False, indent=2))
        return
    out = render.console()
    for table in render.summary_tables(result, lang_of(lang)):
        out.print(table)
        out.print()
