"""The `tracker` command: its commands, the global options, and error handling at the edge."""

import gc
import importlib
import os
import sys
from dataclasses import dataclass, field
from typing import Annotated, Any

import typer
from typer import _click as click  # Typer's own copy of click, whose types its groups use
from typer.core import TyperGroup

from tracker.cli.options import Settings, debugging, first_run, forget_command_lang, shell_lang
from tracker.domain.text import visible
from tracker.errors import ImportRefusedError, TrackerError, driver_errors
from tracker.i18n import t


@dataclass(frozen=True)
class Entry:
    """A command of `tracker`: where it is defined (`module:name` in tracker.cli, a command
    function or a Typer group) and its line in `tracker --help`."""

    defined: str
    about: str
    context_settings: dict[str, Any] = field(default_factory=dict)


# Every command, in the order `tracker --help` lists them. A command's module is imported only
# when the command is run or asked for its own help, so `tracker --help` and each command load
# what they use and no more (every module at once doubled the start-up of `tracker --help`).
COMMANDS: dict[str, Entry] = {
    "init": Entry("db:init", "Create the schema and load the seed data."),
    "backup": Entry("db:backup", "Copy the SQLite database to a file, safely while in use."),
    "summary": Entry("summary:summary", "Counts by status, then what needs attention."),
    "list": Entry("browse:list_", "List indicators with their latest actual, target and status."),
    "show": Entry("browse:show", "One indicator: definition, status explained, values, flags."),
    "history": Entry("browse:history", "Every value ever entered for an indicator."),
    "audit": Entry("browse:audit", "The audit trail, newest first: who changed what, when."),
    "record": Entry(
        "record:record",
        "Record a value of an indicator for a period.",
        # A negative value such as -5 is an argument, not an unknown option.
        context_settings={"ignore_unknown_options": True},
    ),
    "flag": Entry("record:flag", "Flag an indicator as off track (or to watch), with a reason."),
    "unflag": Entry("record:unflag", "Clear an indicator's open flag, with a note."),
    "changes": Entry("changes:changes", "The change sets, newest first: who, when, what."),
    "revert": Entry("changes:revert", "Undo one change set, as a new change set."),
    "import": Entry("importing:import_", "Import observations, indicators or milestones."),
    "template": Entry("template:template", "Write the workbook a city fills in."),
    "tui": Entry("tui:tui", "Browse, update and flag indicators in the terminal."),
    "report": Entry("report:report", "Write the briefing (调度通报)."),
    "extract": Entry("extract:extract", "Propose the documents' figures as candidates."),
    "review": Entry("extract:review", "Review a document's candidates in the terminal."),
    "db": Entry("db:app", "Schema migrations."),
    "indicator": Entry("indicator:app", "Indicator definitions."),
    "export": Entry("export:app", "Export data."),
    "access": Entry("access:app", "Per-region write permission on a PostgreSQL database."),
    "period": Entry("period:app", "Close, reopen and list reporting periods."),
}


def load(name: str, entry: Entry) -> click.Command:
    """The command `name`, built by Typer from where `entry` says it is defined."""
    module, attribute = entry.defined.split(":")
    defined = getattr(importlib.import_module(f"tracker.cli.{module}"), attribute)
    holder = typer.Typer(rich_markup_mode=None)
    if isinstance(defined, typer.Typer):
        holder.add_typer(defined, name=name, short_help=entry.about)
    else:
        holder.command(name, short_help=entry.about, context_settings=entry.context_settings)(
            defined
        )
    return typer.main.get_group(holder).commands[name]


class TrackerGroup(TyperGroup):
    """The `tracker` group: loads a command when it is used, lists them all from COMMANDS, and
    turns TrackerError into a one-line message and exit 1 (a traceback only with --debug)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is not None and cmd_name not in self.commands:
            self.commands[cmd_name] = load(cmd_name, entry)
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in COMMANDS:
            # A mistyped command: "Did you mean ...?" chooses among all of them.
            for name in COMMANDS:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, entry.about) for name, entry in COMMANDS.items()])

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


def _version(value: bool) -> None:
    if value:
        # Only when asked: importlib.metadata would add about 40 ms to every start (half of
        # what Typer itself takes).
        from importlib import metadata

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
        shown = "tui" if sys.stdin.isatty() and sys.stdout.isatty() else "summary"
        command = load(shown, COMMANDS[shown])
        with command.make_context(shown, [], parent=ctx) as given:
            command.invoke(given)


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
