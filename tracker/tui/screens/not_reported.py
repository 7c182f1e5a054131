"""Not reported this period: the indicators of a region still lacking the figure due by the
as-of date, the list a coordinator sends reminders from."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tracker.domain.text import visible
from tracker.errors import TrackerError, driver_errors
from tracker.services.reporting_due import DUE_COLUMNS, DueItem, due_cells, due_table, not_reported
from tracker.tui.screens.indicator_detail import IndicatorDetailScreen
from tracker.tui.words import error_text, tr

if TYPE_CHECKING:
    from tracker.tui.app import TrackerApp

# The widest a column is drawn, in cells (a cut text ends in an ellipsis; the file has it
# whole, and the line under the table shows the highlighted one whole); the name takes what
# the screen has left.
NARROW = {"code": 26, "lead": 20, "responsible": 20}
NAME_LEFT = 72  # the cells the other columns shown beside the name take at most


class NotReportedScreen(Screen[None]):
    """The indicators of `region` (all when None) owing this period's figure; Enter opens
    one, E exports the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "act_back"),
        Binding("enter", "open", "act_detail"),
        Binding("E", "export_view", "act_export_view", key_display="E"),
        Binding("D", "app.as_of", "act_as_of", key_display="D"),
    ]

    DEFAULT_CSS = """
    NotReportedScreen #due-line { height: 1; padding: 0 1; background: $boost; }
    NotReportedScreen #due { height: 1fr; }
    NotReportedScreen #due-current { height: 2; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, region: str | None) -> None:
        super().__init__(id="not-reported")
        self.wanted_region = region
        self.items: list[DueItem] | None = None

    @property
    def tracker(self) -> TrackerApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static("", id="due-line", markup=False)
        yield DataTable(id="due", cursor_type="row", zebra_stripes=True)
        yield Static("", id="due-current", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=True)
        self.watch(self.app, "as_of", self._judge_again, init=False)
        self.watch(self.app, "marker", self._judge_again, init=False)
        self.query_one(DataTable).focus()
        self.reload()

    def reload(self) -> None:
        """Read the list again (after a change, or at another date)."""
        self._load()

    def _judge_again(self, _: object) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="due")
    def _load(self) -> None:
        app = self.tracker
        try:
            items = not_reported(app.opened or app.url, as_of=app.as_of, region=self.wanted_region)
        except (TrackerError, *driver_errors()) as exc:  # type: ignore[misc]  # mypy misreads the starred tuple
            message = visible(error_text(exc, app.lang))
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.app.call_from_thread(self._loaded, items)

    def _loaded(self, items: list[DueItem]) -> None:
        self.items = items
        self._show()

    def _relabel(self, lang: str) -> None:
        self.sub_title = tr("due_title", lang)
        self._show()

    def region_name(self) -> str:
        """The region listed, as the user reads it."""
        lang = self.tracker.lang
        for code, name, name_en, _ in self.tracker.region_choices():
            if self.wanted_region in (code, name):
                return name_en if lang == "en" and name_en else name
        return self.wanted_region or tr("all_regions_word", lang)

    def region_shown(self) -> str | None:
        """The region of the list (for the fill-in template of the palette)."""
        return self.wanted_region

    def _show(self) -> None:
        lang = self.tracker.lang
        table = self.query_one(DataTable)
        kept = table.cursor_row
        table.clear(columns=True)
        for key in DUE_COLUMNS:
            table.add_column(tr(key, lang), key=key)
        if self.items is None:
            self.query_one("#due-line", Static).update(tr("loading", lang))
            return
        line = tr(
            "due_line",
            lang,
            date=self.tracker.as_of,
            region=self.region_name(),
            count=len(self.items),
        )
        if not self.items:
            line += " · " + tr("due_none", lang)
        self.query_one("#due-line", Static).update(visible(line))
        width = self.size.width or 80
        narrow = {**NARROW, "name": max(16, width - NAME_LEFT)}
        if width < 100:
            narrow["code"] = 20
        for item in self.items:
            cells = []
            for key, cell in zip(DUE_COLUMNS, due_cells(item, lang), strict=True):
                text = Text(visible("" if cell is None else str(cell)))
                if key in narrow:
                    text.truncate(narrow[key], overflow="ellipsis")
                cells.append(text)
            table.add_row(*cells, key=item.code)
        if table.row_count:
            table.move_cursor(row=min(kept, table.row_count - 1), animate=False)
        self._describe()

    @on(DataTable.RowHighlighted)
    def _describe(self) -> None:
        """Under the table: the highlighted indicator whole (its name, region, departments)."""
        item, lang = self.highlighted(), self.tracker.lang
        text = ""
        if item is not None:
            cells = due_cells(item, lang)
            departments = " · ".join(
                f"{tr(role, lang)}: {'、'.join(names)}"
                for role, names in (("lead", item.lead), ("responsible", item.responsible))
                if names
            )
            text = f"{item.code}  {cells[1]} · {cells[6]}\n{departments}"
        self.query_one("#due-current", Static).update(visible(text))

    def highlighted(self) -> DueItem | None:
        """The item under the cursor."""
        table = self.query_one(DataTable)
        if not self.items or not table.row_count:
            return None
        code = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((item for item in self.items if item.code == code), None)

    def on_resize(self) -> None:
        self._show()

    def action_back(self) -> None:
        """Back to the table."""
        self.dismiss()

    def action_open(self) -> None:
        """Open the indicator under the cursor (to record its figure)."""
        item = self.highlighted()
        if item is not None:
            self.app.push_screen(IndicatorDetailScreen(item.code))

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_export_view(self) -> None:
        """Write the list to a csv or xlsx file."""
        items, lang = self.items or [], self.tracker.lang
        self.tracker.export_table("not-reported", lambda: due_table(items, lang))
