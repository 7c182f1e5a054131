"""The app-wide actions of the views coordinators asked for: judging at another date,
writing what a screen shows to a file, and the fill-in template of a region; each asks in a
dialog and writes in a worker."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import services
from tracker.domain.periods import Period, parse_period
from tracker.domain.text import visible
from tracker.domain.vocab import Frequency
from tracker.errors import TrackerError, driver_errors
from tracker.services.reporting_due import due_period
from tracker.tui.exports import default_name
from tracker.tui.screens.prompt_dialog import PromptDialog
from tracker.tui.words import error_text, tr

if TYPE_CHECKING:
    from tracker.tui.app import TrackerApp

# A table as a screen shows it: its headers and its rows of cells.
ViewTable = tuple[list[str], list[list[Any]]]


def read_day(text: str) -> date | None:
    """The day a date is written as (`2025-12-31`, `2025年12月31日`; a month or a year is its
    last day); None when the text is not a date."""
    try:
        period = parse_period(text)
    except TrackerError:
        return None
    return None if period.is_open else period.end


def ask_as_of(app: TrackerApp) -> None:
    """Ask for the date to judge every indicator as of (empty for today)."""
    lang = app.lang

    def chosen(text: str | None) -> None:
        if text is not None:
            app.as_of = read_day(text) or date.today()
            app.notify(tr("as_of_changed", lang, date=app.as_of))

    def problem(text: str) -> str | None:
        return None if not text or read_day(text) else tr("as_of_bad", lang, text=text)

    dialog = PromptDialog(
        title=tr("as_of_title", lang),
        prompt=tr("as_of_prompt", lang),
        value=app.as_of.isoformat(),
        lang=lang,
        check=problem,
        dialog_id="as-of-dialog",
    )
    app.push_screen(dialog, chosen)


def export_table(app: TrackerApp, what: str, table: Callable[[], ViewTable]) -> None:
    """Ask for a file name (a .csv or .xlsx in an existing folder), then write `table()`
    there in a worker and say how many rows went where."""
    lang = app.lang

    def chosen(text: str | None) -> None:
        if text is not None:
            headers, rows = table()
            path = Path(text).expanduser()
            app.run_worker(
                lambda: _export(app, path, headers, rows),
                thread=True,
                group="export",
                exit_on_error=False,
            )

    def problem(text: str) -> str | None:
        path = Path(text).expanduser()
        if path.suffix.lower() not in (".csv", ".xlsx"):
            return tr("export_bad_suffix", lang)
        if not path.parent.is_dir():
            return tr("export_no_folder", lang, folder=path.parent)
        return None

    dialog = PromptDialog(
        title=tr("export_title", lang),
        prompt=tr("export_prompt", lang),
        value=str(Path.cwd() / default_name(what, app.as_of)),
        lang=lang,
        check=problem,
        dialog_id="export-dialog",
    )
    app.push_screen(dialog, chosen)


def _export(app: TrackerApp, path: Path, headers: list[str], rows: list[list[Any]]) -> None:
    try:
        # The writer loads openpyxl and the store's libraries: only when a file is written.
        count = services.write_view(path, headers, rows)
    except TrackerError as exc:
        message = visible(error_text(exc, app.lang))
        app.call_from_thread(app.notify, message, severity="error", markup=False)
        return
    done = tr("export_done", app.lang, count=count, path=path)
    app.call_from_thread(app.notify, visible(done), timeout=15, markup=False)


def write_template(app: TrackerApp) -> None:
    """Write the fill-in workbook of the region the screen shows (else my region) for the
    period due, into the current folder, in a worker; without a region, say so."""
    region = getattr(app.screen, "region_shown", lambda: None)() or app.my_region
    if region is None:
        app.notify(tr("template_region_needed", app.lang), severity="warning")
        return
    app.run_worker(
        lambda: _write_template(app, region), thread=True, group="template", exit_on_error=False
    )


def _write_template(app: TrackerApp, region: str) -> None:
    try:
        period = template_period(app.store, region=region, as_of=app.as_of)
        path = Path.cwd() / f"template-{region}-{period.text}.xlsx"
        report = services.write_template(
            app.store, path, region=region, period=period, as_of=app.as_of
        )
    except (TrackerError, OSError, *driver_errors()) as exc:  # type: ignore[misc]  # mypy misreads the starred tuple
        message = visible(error_text(exc, app.lang))
        app.call_from_thread(app.notify, message, severity="error", markup=False)
        return
    done = tr("template_done", app.lang, count=report.indicators, period=report.period, path=path)
    app.call_from_thread(app.notify, visible(done), timeout=15, markup=False)


def template_period(store: services.Store, *, region: str, as_of: date) -> Period:
    """The period a region's template asks for: the one due by `as_of` for the reporting
    frequency most of its indicators have (a year when none reports periodically)."""
    board = services.read_status_board(store, as_of=as_of, region=region)
    counted = Counter(item.row.frequency for item in board.statuses)
    counted.pop(Frequency.ONCE, None)
    frequency = counted.most_common(1)[0][0] if counted else Frequency.ANNUAL
    found = due_period(frequency, as_of)
    if found is None:  # never: only indicators reported once have no period due
        raise TrackerError(f"no period is due for {frequency.value} indicators")
    return found
