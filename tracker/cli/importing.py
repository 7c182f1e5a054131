"""`tracker import FILE`: observations, indicator definitions or milestones from CSV or xlsx,
all or nothing."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from tracker import services
from tracker.cli import render
from tracker.cli.options import DbOption, JsonOption, actor, debugging, emit_json, open_store
from tracker.errors import ImportRefusedError, TrackerError

# Files with fewer rows import too quickly for a progress bar to help.
PROGRESS_FROM_ROWS = 2000


def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(help="A .csv or .xlsx file of observations, indicators or milestones."),
    ],
    db: DbOption = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Check the file and show what would change; write nothing."),
    ] = False,
    accept_outliers: Annotated[
        bool,
        typer.Option(
            "--accept-outliers", help="Import values flagged as suspicious (after checking them)."
        ),
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option(help="Read the CSV in this encoding (default: UTF-8, UTF-8 BOM or GB18030)."),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option(help="The xlsx sheet to read (default: the first).")
    ] = None,
    json_: JsonOption = False,
) -> None:
    """Import a file of observations (indicator, kind, period, value, ...), indicator
    definitions (code, name, direction, region, pillar, ...) or milestones (indicator,
    deliverable, state, period, ...); Chinese headers work too.

    Every problem is reported with its line and column and nothing is written. Importing the
    same file again changes nothing; a changed value supersedes the old one.

    Example: tracker import 2025-06.csv --dry-run
    """

    store = open_store(db)
    try:
        with progress_bar(enabled=not json_) as progress:
            report = services.import_file(
                store,
                file,
                actor=actor(),
                dry_run=dry_run,
                accept_outliers=accept_outliers,
                encoding=encoding,
                sheet=sheet,
                progress=progress,
            )
    except ImportRefusedError as exc:
        if debugging(ctx):
            raise
        if json_:
            emit_json(refusal_json(exc))
        else:
            refusal_lines(exc)
        raise typer.Exit(1) from None
    if json_:
        emit_json(render.import_report_json(report))
        return
    for line in render.import_report(report):
        typer.echo(line)


def refusal_lines(exc: object) -> None:
    """Print a refused import: one line saying why, then each problem (on stderr)."""

    assert isinstance(exc, ImportRefusedError)
    cause = exc.__cause__
    if isinstance(cause, TrackerError):
        # The values parsed but look wrong: say so, and how to import them anyway.
        typer.echo(f"error: {exc.path}: {exc.total} suspicious value(s); {cause}", err=True)
    else:
        typer.echo(f"error: {exc}", err=True)
    for row in exc.errors:
        typer.echo(f"  {exc.path}: {row}", err=True)
    if exc.total > len(exc.errors):
        typer.echo(f"  ... and {exc.total - len(exc.errors)} more", err=True)


def refusal_json(exc: object) -> dict[str, object]:
    """A refused import as data: the reason and every problem listed."""

    assert isinstance(exc, ImportRefusedError)
    return {
        "path": exc.path,
        "refused": True,
        "reason": str(exc.__cause__ or exc),
        "total": exc.total,
        "errors": [render.row_error_json(e) for e in exc.errors],
    }


@contextmanager
def progress_bar(*, enabled: bool) -> Iterator[Callable[[int, int], None]]:
    """A progress callback for the import; a Rich bar on stderr once a file is large."""

    bar = None
    task = None

    def advance(done: int, total: int) -> None:
        nonlocal bar, task
        if bar is None:
            if not enabled or total < PROGRESS_FROM_ROWS:
                return
            from rich.progress import Progress

            bar = Progress(console=render.console(stderr=True), transient=True)
            bar.start()
            task = bar.add_task("checking rows", total=total)
        assert task is not None
        bar.update(task, completed=done, total=total)

    try:
        yield advance
    finally:
        if bar is not None:
            bar.stop()
