"""`tracker init`, `tracker db upgrade|current|check`, `tracker backup`: schema, seed data,
soundness, copies."""

from pathlib import Path
from typing import Annotated

import typer

from tracker import services
from tracker.cli.options import DbOption, JsonOption, emit_json, say, shell_lang
from tracker.config import resolve_url
from tracker.i18n import t
from tracker.storage import HEAD_REVISION

app = typer.Typer(help="Schema migrations.", no_args_is_help=True)


def init(
    db: DbOption = None,
    reference_only: Annotated[
        bool,
        typer.Option(
            "--reference-only",
            help="Load only documents, regions and pillars: no indicators or figures.",
        ),
    ] = False,
) -> None:
    """Create the schema and load the seed data; running it again changes nothing.

    With --reference-only the store starts without indicators, ready for your own files.

    Example: tracker init --db /tmp/trial.db
    """

    store, counts = services.create_store(resolve_url(db), figures=not reference_only)
    typer.echo(
        say(
            "cli.initialised",
            where=store.where,
            new=counts.get("new", 0),
            changed=counts.get("changed", 0),
            unchanged=counts.get("unchanged", 0),
        )
    )


@app.command("upgrade")
def upgrade(
    db: DbOption = None,
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Upgrade the schema (back up first: `tracker backup FILE`).

    Example: tracker db upgrade --db postgresql+psycopg://tracker@localhost/tracker
    """
    url = resolve_url(db)
    reached = services.upgrade_store(url, revision)
    typer.echo(say("cli.at_revision", where=services.mask_url(url), revision=reached))


@app.command("current")
def current(db: DbOption = None, json_: JsonOption = False) -> None:
    """Print the schema revision of the database and the one this tracker needs.

    Example: tracker db current --json
    """
    url = resolve_url(db)
    found = services.store_revision(url)
    if json_:
        emit_json({"database": services.mask_url(url), "revision": found, "needed": HEAD_REVISION})
        return
    shown = found or t("none", shell_lang())
    typer.echo(say("cli.revision", where=services.mask_url(url), found=shown, needed=HEAD_REVISION))


@app.command("check")
def check(db: DbOption = None, json_: JsonOption = False) -> None:
    """Check a SQLite store for damage: SQLite's integrity check and every reference between
    rows (foreign keys). Exit 1 with what was found; while damage is known, changes are
    refused, until a check passes (after restoring a copy made by `tracker backup`).

    Example: tracker db check --db tracker.db
    """

    report = services.check_store(resolve_url(db))
    if json_:
        emit_json(
            {
                "database": report.where,
                "sound": report.sound,
                "integrity": report.integrity,
                "foreign_keys": report.foreign_keys,
            }
        )
    elif report.sound:
        typer.echo(say("cli.sound", where=report.where))
    else:
        for finding in report.integrity:
            typer.echo(say("cli.integrity", where=report.where, finding=finding))
        for finding in report.foreign_keys:
            typer.echo(say("cli.reference", where=report.where, finding=finding))
        damaged = say(
            "cli.damaged",
            where=report.where,
            integrity=len(report.integrity),
            references=len(report.foreign_keys),
        )
        typer.echo(say("cli.error", message=damaged), err=True)
    if not report.sound:
        raise typer.Exit(1)


def backup(
    file: Annotated[Path, typer.Argument(help="The copy to write (created readable by you only).")],
    db: DbOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Copy the SQLite database to FILE, safely while the TUI or others are writing.

    Uses SQLite's online backup: the copy is one consistent snapshot and is checked before
    it is named FILE. A PostgreSQL database is backed up with pg_dump instead.

    Example: tracker backup ~/backups/tracker-2025-06-30.db
    """

    result = services.backup(resolve_url(db), file.expanduser(), overwrite=force)
    typer.echo(say("cli.backed_up", path=result.path, size=result.size, revision=result.revision))
