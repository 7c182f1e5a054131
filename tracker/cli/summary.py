"""`tracker summary`: counts by status, then what needs attention, hledger-budget style."""

from datetime import date
from typing import Annotated

import typer

from tracker import services
from tracker.cli.options import (
    AsOfOption,
    DbOption,
    IncludeClosedOption,
    JsonOption,
    LangOption,
    PillarOption,
    RegionOption,
    as_of_date,
    emit_json,
    lang_of,
)
from tracker.cli.render.board import summary_json, summary_view
from tracker.cli.render.common import print_all
from tracker.config import resolve_url
from tracker.domain.status_board import Summary, summarize

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
    include_closed: IncludeClosedOption = False,
    json_: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Counts by status per pillar (or region), then the indicators needing attention.

    Needing attention means flagged, off track or needing acceleration (flagged first), each
    shown as `actual [x% of target]` with what remains and the deadline. Targets past their
    deadline with nothing reported (逾期未报) and open commitments are counted and listed apart:
    they are reporting facts, not verdicts. Indicators of programmes that have ended are left
    out unless --include-closed. --json lists all of them.

    Example: tracker summary --region 铁岭 --as-of 2025-12-31
    """
    if by not in ("pillar", "region"):
        raise typer.BadParameter("expected pillar or region", param_hint="--by")
    if limit < 0:
        raise typer.BadParameter("expected 0 (all) or more", param_hint="--limit")
    when = as_of_date(as_of)
    result = _summary(
        db, when=when, region=region, pillar=pillar, by=by, include_closed=include_closed
    )
    if json_:
        emit_json(summary_json(result))
        return
    print_all(summary_view(result, lang_of(lang), limit))


def _summary(
    db: str | None,
    *,
    when: date,
    region: str | None,
    pillar: str | None,
    by: str,
    include_closed: bool = False,
) -> Summary:
    # The summary shows no departments: they are not read.
    board = services.read_status_board(
        resolve_url(db), as_of=when, region=region, pillar=pillar, departments=False
    )
    return summarize(board.statuses, as_of=when, group_by=by, include_closed=include_closed)
