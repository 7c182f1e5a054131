"""The `tracker` command: groups, the global options, and error handling at the edge."""

import gc
import os
import sys
from importlib import metadata
from typing import Annotated

import typer
from typer.core import TyperGroup

from tracker.cli import (
    access,
    browse,
    changes,
    db,
    export,
    importing,
    indicator,
    record,
    summary,
    tui,
)
from tracker.cli import extract as intake
from tracker.cli.options import Settings, debugging, first_run, forget_command_lang, shell_lang
from tracker.cli.report import report
from tracker.cli.template import template
from tracker.domain.text import visible
from tracker.errors import ImportRefusedError, TrackerError, driver_errors
from tracker.i18n import t


class TrackerGroup(TyperGroup):
    """Turns TrackerError into a one-line message and exit 1 (a traceback only with --debug)."""

    def invoke(self, ctx: typer.Context) -> object:  # type: ignore[override]
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a pipe closed by `| head` is found here, not at exit
            return result
        except TrackerError as exc:
            if debugging(ctx):
                raise
            lang = shell_lang()
            typer.echo(t("cli.error", lang, message=visible(exc.say(lang))), err=True)
            if isinstance(exc, ImportRefusedError):
                for row in exc.errors:
                    typer.echo(f"  {visible(f'{exc.path}: {row}')}", err=True)
            raise typer.Exit(1) from None
        except BrokenPipeError:
            # `| head` closed the pipe: the rest is not wanted, which is no failure.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except Exception as exc:
            # A database error that storage did not translate still gets one line, not a trace.
            if debugging(ctx) or not isinstance(exc, driver_errors()):
                raise
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            if "malformed" in reason:
                damaged = t("cli.malformed", shell_lang(), reason=reason)
                typer.echo(t("cli.error", shell_lang(), message=damaged), err=True)
                raise typer.Exit(1) from None
            refused = t("cli.refused", shell_lang(), reason=reason)
            typer.echo(t("cli.error", shell_lang(), message=refused), err=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    name="tracker",
    cls=TrackerGroup,
    pretty_exceptions_enable=False,
    help="Track the Shenyang Modern Metropolitan Circle's indicators: baselines, targets,"
    " actuals.\n\nWith no command, opens the terminal interface on the default database"
    " (tracker.db); when the output is not a terminal, prints the summary instead.",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(db.app, name="db")
app.command("init")(db.init)
app.command("backup")(db.backup)
app.command("summary")(summary.summary)
app.command("list")(browse.list_)
app.command("show")(browse.show)
app.command("history")(browse.history)
app.command("audit")(browse.audit)
app.command("record", context_settings=record.NEGATIVE_VALUES)(record.record)
app.command("flag")(record.flag)
app.command("unflag")(record.unflag)
app.command("changes")(changes.changes)
app.command("revert")(changes.revert)
app.add_typer(indicator.app, name="indicator")
app.command("import")(importing.import_)
app.add_typer(export.app, name="export")
app.command("template")(template)
app.add_typer(access.app, name="access")
app.command("tui")(tui.tui)
app.command("report")(report)
intake.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tracker {metadata.version('tracker')}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", is_eager=True, callback=_version
        ),
    ] = False,
) -> None:
    """Indicator tracker."""
    ctx.obj = Settings(debug=debug)
    forget_command_lang()
    if ctx.invoked_subcommand is None:
        first_run()
        if sys.stdin.isatty() and sys.stdout.isatty():
            tui.tui(db=None, lang=None)
            return
        summary.summary(
            db=None, region=None, pillar=None, as_of=None, by="pillar", json_=False, lang=None
        )


def run() -> None:
    """Entry point for the console script."""
    try:
        app()
    finally:
        if "sqlalchemy" not in sys.modules:
            # Nothing needs finalizing at exit (the reads that skip SQLAlchemy close their
            # connections themselves; a pooled engine must be, or its WAL stays behind): spare
            # the cycle collector's last walk over every object still alive, about 60 ms of
            # CPU after a summary of 10,000 indicators.
            gc.freeze()
