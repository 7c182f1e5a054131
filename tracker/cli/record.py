"""`tracker record|flag|unflag`: one value or one flag at a time, each one change set coming
from the cli."""

from typing import Annotated

import typer

from tracker import services
from tracker.cli.options import DbOption, JsonOption, actor, emit_json, open_store, say
from tracker.domain.vocab import KIND_WORDS, FlagLevel, Kind
from tracker.errors import ValidationError
from tracker.i18n import phrase

ORIGIN = "cli"
CodeArgument = Annotated[str, typer.Argument(help="Indicator code, e.g. SYMC-PLAN-ALLIANCES.")]
ExpectedVersion = Annotated[
    int | None,
    typer.Option(
        "--expected-version",
        help="Refuse if the indicator's version (see `tracker show`) is no longer this one.",
    ),
]
# A negative value such as -5 is an argument, not an unknown option.
NEGATIVE_VALUES = {"ignore_unknown_options": True}


def record(
    code: CodeArgument,
    value: Annotated[
        str, typer.Argument(help="The value as written: 87.5, 1,613, 6.1万, 87.5%, -3 or 负3.")
    ],
    period: Annotated[
        str, typer.Option("--period", "-p", help="2025, 2025-06, 2025-06-30, 2025年6月, 2025Q2.")
    ],
    db: DbOption = None,
    kind: Annotated[
        str, typer.Option("--kind", "-k", help="actual, target or baseline (实际, 目标, 基期).")
    ] = "actual",
    comparator: Annotated[
        str | None, typer.Option(help="For a target: >=, <= or = (default from the direction).")
    ] = None,
    source: Annotated[str, typer.Option(help="Where the value comes from, in words.")] = "",
    source_doc: Annotated[
        str | None, typer.Option("--source-doc", help="Id of the source document.")
    ] = None,
    quote: Annotated[str, typer.Option(help="The sentence of the source stating it.")] = "",
    note: Annotated[str, typer.Option(help="A note for readers.")] = "",
    expected_version: ExpectedVersion = None,
    json_: JsonOption = False,
) -> None:
    """Record a value; a different value for the same kind and period supersedes the old one.

    Example: tracker record SYMC-PLAN-ALLIANCES 12 --period 2025-06 --source "6月调度会"
    """

    parsed_kind = KIND_WORDS.get(kind.strip().lower())
    if parsed_kind is None:
        raise typer.BadParameter(
            f"{kind!r}: expected actual, target or baseline", param_hint="--kind"
        )
    store = open_store(db)
    if source_doc is not None and source_doc not in services.document_titles(store):
        raise ValidationError(f"--source-doc {source_doc!r}: no such source document")
    warnings = (
        services.value_warnings(store, code=code, value=value, period=period)
        if parsed_kind is Kind.ACTUAL
        else []
    )
    change = services.record(
        store,
        code=code,
        value=value,
        period=period,
        actor=actor(),
        origin=ORIGIN,
        kind=parsed_kind,
        comparator=comparator,
        source=source,
        source_doc=source_doc,
        quote=quote,
        note=note,
        expected_version=expected_version,
    )
    new_id = change.row_id if change else None
    if json_:
        emit_json(
            {
                "code": code.strip().upper(),
                "observation": new_id,
                "change_set": change.change_set_id if change else None,
                "changed": change is not None,
                "warnings": [w.message for w in warnings],
            }
        )
        return
    for warning in warnings:  # recorded as typed; said so that a slip is caught now
        typer.echo(say("cli.value_warning", value=value, why=warning.message), err=True)
    if new_id is None:
        typer.echo(say("cli.unchanged", code=code.upper()))
    else:
        typer.echo(
            say(
                "cli.recorded",
                code=code.upper(),
                kind=phrase(f"kind.{parsed_kind.value}"),
                value=value,
                id=new_id,
            )
        )


def flag(
    code: CodeArgument,
    reason: Annotated[str, typer.Option("--reason", "-r", help="Why it needs attention.")],
    db: DbOption = None,
    watch: Annotated[
        bool, typer.Option("--watch", help="A flag to watch rather than an off-track flag.")
    ] = False,
    expected_version: ExpectedVersion = None,
) -> None:
    """Flag an indicator as off track (or to watch), with a reason.

    Example: tracker flag SY-OPEN-CRE-TRAINS --reason "6月开行数量低于计划"
    """

    level = FlagLevel.WATCH if watch else FlagLevel.OFF_TRACK
    change = services.flag(
        open_store(db),
        code=code,
        reason=reason,
        actor=actor(),
        origin=ORIGIN,
        level=level,
        expected_version=expected_version,
    )
    typer.echo(
        say(
            "cli.flagged",
            code=code.upper(),
            level=phrase(f"level_{level.value}"),
            id=change.row_id,
        )
    )


def unflag(
    code: CodeArgument,
    note: Annotated[str, typer.Option("--note", "-n", help="Why the flag is cleared.")],
    db: DbOption = None,
    expected_version: ExpectedVersion = None,
) -> None:
    """Clear an indicator's open flag, with a note.

    Example: tracker unflag SY-OPEN-CRE-TRAINS --note "7月已追上进度"
    """
    change = services.unflag(
        open_store(db),
        code=code,
        note=note,
        actor=actor(),
        origin=ORIGIN,
        expected_version=expected_version,
    )
    typer.echo(say("cli.flag_cleared", code=code.upper(), id=change.row_id))
