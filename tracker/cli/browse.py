"""`tracker list|show|history|audit`: finding indicators and reading what happened to them."""

from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from tracker import services
from tracker.cli.options import (
    AsOfOption,
    DbOption,
    JsonOption,
    LangOption,
    as_of_date,
    emit_json,
    filter_options,
    lang_of,
    open_store,
)
from tracker.cli.render.audit import audit_table, event_json
from tracker.cli.render.board import indicator_json, indicator_table
from tracker.cli.render.common import print_all
from tracker.cli.render.indicator import (
    detail_json,
    detail_view,
    observation_json,
    observation_table,
)
from tracker.domain.periods import parse_period
from tracker.domain.vocab import Precision
from tracker.errors import ValidationError

if TYPE_CHECKING:
    from tracker.services import IndicatorFilter

CodeArgument = Annotated[str, typer.Argument(help="Indicator code, e.g. SYMC-PLAN-ALLIANCES.")]


@filter_options(closed=True)
def list_(
    db: DbOption = None,
    sort: Annotated[
        str,
        typer.Option(
            help="Order by code, name, status (worst first), progress, deadline, region,"
            " pillar or updated."
        ),
    ] = "code",
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    as_of: AsOfOption = None,
    json_: JsonOption = False,
    lang: LangOption = None,
    *,
    where: "IndicatorFilter",
) -> None:
    """List indicators with their latest actual, target, deadline and status.

    Example: tracker list --region 铁岭 --status off_track --sort deadline
    """

    if sort not in services.SORT_KEYS:
        raise typer.BadParameter(
            f"{sort!r}: expected one of {', '.join(services.SORT_KEYS)}", param_hint="--sort"
        )
    when = as_of_date(as_of)
    items = services.select_indicators(
        open_store(db), as_of=when, where=where, sort=sort, reverse=reverse
    )
    if json_:
        emit_json([indicator_json(item) for item in items])
        return
    print_all([indicator_table(items, lang_of(lang))])


def show(
    code: CodeArgument,
    db: DbOption = None,
    as_of: AsOfOption = None,
    json_: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Show one indicator: definition, status explained, current values with their sources,
    flags and recent changes.

    Example: tracker show SYMC-PLAN-ALLIANCES --lang en
    """

    detail = services.indicator_detail(open_store(db), code, as_of=as_of_date(as_of))
    if json_:
        emit_json(detail_json(detail))
        return
    print_all(detail_view(detail, lang_of(lang)))


def history(
    code: CodeArgument,
    db: DbOption = None,
    json_: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Every value ever entered for an indicator: current, superseded and withdrawn.

    Example: tracker history SYMC-PLAN-ALLIANCES
    """

    store = open_store(db)
    _indicator, observations = services.observation_history(store, code)
    if json_:
        emit_json([observation_json(o) for o in observations])
        return
    documents = services.document_titles(store)
    print_all([observation_table(observations, documents, lang_of(lang), history=True)])


def audit(
    db: DbOption = None,
    indicator: Annotated[
        str | None, typer.Option("--indicator", "-i", help="Only changes to this indicator.")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Only changes made by this user.")] = None,
    source: Annotated[
        str | None,
        typer.Option(help="Only changes whose origin contains this: cli, tui, import:FILE, seed."),
    ] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Before this date (YYYY-MM-DD).")] = None,
    period: Annotated[
        str | None,
        typer.Option(help="Only changes made in this year, month or day (2025, 2025-06)."),
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many events; 0: all.")] = 50,
    json_: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """The audit trail, newest first: who changed what, when and from where.

    Example: tracker audit --indicator SYMC-PLAN-ALLIANCES --since 2025-01-01
    """

    if limit < 0:
        raise typer.BadParameter("expected 0 (all) or more", param_hint="--limit")
    start = as_of_date(since, "--since") if since else None
    end = as_of_date(until, "--until") if until else None
    if period:
        if since or until:
            raise typer.BadParameter(
                "give either --period or --since/--until", param_hint="--period"
            )
        start, end = period_range(period)
    events = services.audit_trail(
        open_store(db),
        indicator=indicator,
        actor=actor,
        source=source,
        since=start,
        until=end,
        limit=limit or None,
    )
    if json_:
        emit_json([event_json(e) for e in events])
        return
    print_all([audit_table(events, lang_of(lang))])


def period_range(text: str) -> tuple[date, date]:
    """The days [first, day after last] a year, month or day period covers."""

    try:
        found = parse_period(text)
    except ValidationError as exc:
        raise typer.BadParameter(str(exc), param_hint="--period") from None
    end = found.end
    if found.precision is Precision.YEAR:
        start = date(end.year, 1, 1)
    elif found.precision is Precision.MONTH:
        start = end.replace(day=1)
    else:
        start = end
    return start, end + timedelta(days=1)
