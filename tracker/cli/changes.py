"""`tracker changes` and `tracker revert`: the change sets, newest first, and undoing one as a
new change set."""

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from tracker import services
from tracker.cli import render
from tracker.cli.options import (
    DbOption,
    JsonOption,
    LangOption,
    actor,
    emit_json,
    lang_of,
    open_store,
    say,
    shell_lang,
)
from tracker.domain.text import visible
from tracker.errors import NotFoundError, ValidationError
from tracker.i18n import Words, t

if TYPE_CHECKING:
    from tracker.storage.changes import ChangeSummary

ORIGIN = "cli"


def who(summary: "ChangeSummary") -> str:
    """The account and the person beside it."""
    change = summary.change
    return f"{change.actor} ({change.person})" if change.person else change.actor


def change_json(summary: "ChangeSummary") -> dict[str, Any]:
    """A change set and its counts, as data."""
    change = summary.change
    return {
        "id": change.id,
        "at": change.at.isoformat(),
        "actor": change.actor,
        "person": change.person,
        "origin": change.origin,
        "interface": change.interface,
        "file_name": change.file_name,
        "file_sha256": change.file_sha256,
        "reverts": change.reverts_id,
        "reverted_by": summary.reverted_by,
        "written": summary.written,
        "replaced": summary.replaced,
        "events": summary.events,
    }


def changes(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="At most this many change sets; 0: all.")] = 50,
    json_: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """The change sets, newest first: id, when, who, origin, file, counts.

    Example: tracker changes --limit 10
    """
    if limit < 0:
        raise typer.BadParameter("expected 0 (all) or more", param_hint="--limit")
    found = services.change_sets(open_store(db), limit=limit or None)
    if json_:
        emit_json([change_json(s) for s in found])
        return
    language = lang_of(lang)
    if not found:
        render.print_all([t("changes.none", language)])
        return
    table = Table(box=render.RULED, pad_edge=False, show_edge=False)
    for key in ("id", "at", "who", "origin", "file", "counts"):
        table.add_column(
            t(f"changes.{key}", language),
            justify="right" if key in ("id", "counts") else "left",
            no_wrap=key != "who",
            overflow="ellipsis" if key == "file" else "fold",
            min_width=8 if key == "who" else None,
            max_width=16 if key == "file" else None,
        )
    for summary in found:
        change = summary.change
        origin = t(f"origin.{change.origin}", language)
        if change.reverts_id is not None:
            origin += " " + t("changes.reverts", language, id=change.reverts_id)
        table.add_row(
            str(change.id),
            f"{change.at:%Y-%m-%d %H:%M}",
            visible(who(summary)),
            visible(origin),
            visible(change.file_name or ""),
            f"{summary.written}/{summary.replaced}/{summary.events}",
        )
    render.print_all([table])


def revert(
    change_set: Annotated[int, typer.Argument(help="The id of the change set (tracker changes).")],
    db: DbOption = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Revert without asking.")] = False,
    lang: LangOption = None,
) -> None:
    """Undo one change set (an import of the wrong month, say) as a new change set; refused,
    naming them, when later changes build on what it wrote.

    Example: tracker revert 42 --yes
    """
    store = open_store(db)
    found = services.change_sets(store, only=change_set)
    if not found:
        raise NotFoundError.of("error.no_change_set", id=change_set)
    summary = found[0]
    if not yes:
        if not sys.stdin.isatty():
            raise ValidationError.of("error.revert_needs_yes", id=change_set)
        question = say(
            "changes.confirm",
            id=change_set,
            origin=summary.change.origin,
            who=who(summary),
            at=f"{summary.change.at:%Y-%m-%d %H:%M}",
            written=summary.written,
            replaced=summary.replaced,
            events=summary.events,
        )
        if not typer.confirm(visible(question), default=False):
            typer.echo(say("changes.aborted"))
            raise typer.Exit(1)
    change = services.revert(store, change_set, actor=actor(), origin=ORIGIN)
    said = change.summary
    typer.echo(said.say(shell_lang()) if isinstance(said, Words) else said)
