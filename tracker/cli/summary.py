"""`tracker summary`: counts by status, then what needs attention, hledger-budget style."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.options import (
    AsOfOption,
    DbOption,
    JsonOption,
    LangOption,
    PillarOption,
    RegionOption,
    as_of_date,
    emit_json,
    lang_of,
    open_store,
)

LimitOption = Annotated[
    int, typer.Option("--limit", help="At most this many indicators needing attention; 0: all.")
]


def summary(
    db: DbOption = None,
    region: RegionOption = None,
    pillar: PillarOption = None,
    as_of: AsOfOption = None,
    by: Annotated[str, typer.Option(help="Group counts by pillar or region.")] = "pillar",
    limit: LimitOption = 15,
    json_: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Counts by status per pillar (or region), then the indicators needing attention.

    Each indicator needing attention is shown as `actual [x% of target]` with what remains
    and the deadline; flagged and stale ones are marked. --json lists all of them.

    Example: tracker summary --region 铁岭 --as-of 2025-12-31
    """
    from tracker import services
    from tracker.cli import render

    if by not in ("pillar", "region"):
        raise typer.BadParameter("expected pillar or region", param_hint="--by")
    if limit < 0:
        raise typer.BadParameter("expected 0 (all) or more", param_hint="--limit")
    when = as_of_date(as_of)
    store = open_store(db)
    result = services.summarize(store, as_of=when, region=region, pillar=pillar, group_by=by)
    if json_:
        emit_json(render.summary_json(result))
        return
    render.print_all(render.summary_view(result, lang_of(lang), limit))
