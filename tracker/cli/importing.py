"""`tracker import FILE`: observations, indicator definitions or milestones from CSV or xlsx,
all or nothing."""

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from tracker import services
from tracker.cli.options import (
    DbOption,
    JsonOption,
    actor,
    debugging,
    emit_json,
    open_store,
    say,
    shell_lang,
)
from tracker.cli.render.common import console
from tracker.cli.render.importing import import_report, import_report_json, row_error_json
from tracker.errors import ImportRefusedError, TrackerError
from tracker.i18n import CATALOGUE, t

# Files with fewer rows import too quickly for a progress bar to help.
PROGRESS_FROM_ROWS = 2000


def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="A .csv or .xlsx file of observations, indicators or milestones; - reads"
            " standard input."
        ),
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
    limit: Annotated[
        int | None,
        typer.Option(min=1, help="List at most this many changes in a dry run (default: all)."),
    ] = None,
    json_: JsonOption = False,
) -> None:
    """Import a file of observations (indicator, kind, period, value, ...), indicator
    definitions (code, name, direction, region, pillar, ...) or milestones (indicator,
    deliverable, state, period, ...); Chinese headers work too.

    Workbooks as cities fill them need no options: a title or 填报单位 line above the
    header, a column per period (2024年, 2025年6月, 2025Q2, 2025年1-6月), a unit in a
    header (数值（亿元）), totals and notes under the table, and the one sheet holding a
    table are found from the cells; --dry-run shows how the file was read, lists every
    change (--limit N) and exits as the import would.

    Every problem is reported with its line and column and nothing is written. Importing the
    same file again changes nothing; a changed value supersedes the old one.

    Example: tracker import 2025-06.csv --dry-run
    """

    store = open_store(db)
    data = None
    if str(file) == "-":
        data = sys.stdin.buffer.read()
        file = Path("stdin.xlsx" if data.startswith(b"PK\x03\x04") else "stdin.csv")
    try:
        with progress_bar(enabled=not json_) as progress:
            report = services.import_file(
                store,
                file,
                data=data,
                limit=limit,
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
    except TrackerError as exc:
        # A file refused whole (unreadable, of no shape, ...): as JSON too when asked for.
        if not json_:
            raise
        emit_json(
            {"path": str(file), "refused": True, "reason": str(exc), "total": 0, "errors": []}
        )
        raise typer.Exit(1) from None
    if json_:
        emit_json(
            {
                **import_report_json(report),
                "layout": layout_json(report.layout),
                "refused": report.refused,
            }
        )
    else:
        try:
            print_report(report)
        except BrokenPipeError:
            # `| head` closed the pipe: the rest is not wanted; the status stays the import's.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        if report.refused:
            typer.echo(say("import.would_refuse", path=report.path, why=report.refused), err=True)
    if report.refused:
        raise typer.Exit(1)


def print_report(report: object) -> None:
    """The import's report: counts, changes, the 20 worst warnings, how the sheet was read."""
    shown = 0
    for line in import_report(report):
        if line.startswith("  warning: "):
            shown += 1
            if shown > SHOWN_WARNINGS:
                continue
        typer.echo(line)
    if shown > SHOWN_WARNINGS:
        typer.echo(say("import.more_warnings", n=shown - SHOWN_WARNINGS))
    for line in layout_lines(getattr(report, "layout", None)):
        typer.echo(line)
    sys.stdout.flush()


def layout_lines(layout: object) -> list[str]:
    """How the sheet was read: its sheet, header line, lines above it, rows skipped (in the
    shell's language, as the rest of the import report)."""
    if layout is None:
        return []
    lang = shell_lang()
    lines = []
    read = getattr(layout, "sheet", None)
    if read:
        lines.append(t("layout.sheet", lang, sheet=read))
    above = getattr(layout, "above", [])
    if above:
        numbers = ", ".join(map(str, above))
        header_line = getattr(layout, "header_line", 1)
        lines.append(t("layout.header", lang, line=header_line, numbers=numbers))
    if getattr(layout, "shape", "") == "wide":
        periods = ", ".join(getattr(layout, "periods", []))
        lines.append(t("layout.wide", lang, periods=periods))
        ignored = getattr(layout, "ignored", [])
        if ignored:
            lines.append(t("layout.ignored", lang, names=", ".join(ignored)))
    unit = getattr(layout, "unit", None)
    if unit:
        lines.append(t("layout.unit", lang, unit=unit))
    skipped = getattr(layout, "skipped", {})
    shown = {k: v for k, v in skipped.items() if k != "empty"}
    if shown:
        parts = ", ".join(
            f"{t('layout.skipped.' + k, lang) if 'layout.skipped.' + k in CATALOGUE else k} {v}"
            for k, v in sorted(shown.items())
        )
        lines.append(t("layout.skipped", lang, parts=parts))
    return lines


SHOWN_WARNINGS = 20
LAYOUT_KEYS = ("shape", "sheet", "header_line", "above", "skipped", "periods", "ignored", "unit")


def layout_json(layout: object) -> dict[str, object] | None:
    """How the sheet was read, as data."""
    if layout is None:
        return None
    return {
        key: getattr(layout, key)
        for key in (
            "shape",
            "sheet",
            "header_line",
            "above",
            "skipped",
            "periods",
            "ignored",
            "unit",
        )
    }


def refusal_lines(exc: object) -> None:
    """Print a refused import: one line saying why, then each problem (on stderr)."""

    assert isinstance(exc, ImportRefusedError)
    cause = exc.__cause__
    if isinstance(cause, TrackerError):
        # The values parsed but look wrong: say so, and how to import them anyway.
        lang = shell_lang()
        found = t("cli.suspicious", lang, path=exc.path, total=exc.total, cause=cause.say(lang))
        typer.echo(t("cli.error", lang, message=found), err=True)
    else:
        typer.echo(say("cli.error", message=exc), err=True)
    for row in exc.errors:
        typer.echo(f"  {exc.path}: {row}", err=True)
    if exc.total > len(exc.errors):
        typer.echo(say("cli.and_more", n=exc.total - len(exc.errors)), err=True)


def refusal_json(exc: object) -> dict[str, object]:
    """A refused import as data: the reason and every problem listed."""

    assert isinstance(exc, ImportRefusedError)
    return {
        "path": exc.path,
        "refused": True,
        "reason": str(exc.__cause__ or exc),
        "total": exc.total,
        "errors": [row_error_json(e) for e in exc.errors],
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

            bar = Progress(console=console(stderr=True), transient=True)
            bar.start()
            task = bar.add_task("checking rows", total=total)
        assert task is not None
        bar.update(task, completed=done, total=total)

    try:
        yield advance
    finally:
        if bar is not None:
            bar.stop()
