"""The dashboard: a heat table of pillars by regions, and the indicators that need it most."""

from __future__ import annotations

from collections import Counter
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from tracker import services
from tracker.domain.text import visible
from tracker.errors import TrackerError, driver_errors
from tracker.tui.messages import HeatCellChosen, HeatCellHighlighted, IndicatorChosen
from tracker.tui.row_set import RowSet
from tracker.tui.screens.indicator_detail import IndicatorDetailScreen
from tracker.tui.selection import Selection
from tracker.tui.table_row import table_rows
from tracker.tui.widgets.heat_table import HeatTable
from tracker.tui.widgets.indicator_table import IndicatorTable
from tracker.tui.widgets.status_counts import StatusCounts
from tracker.tui.words import error_text, tr

WORST_SHOWN = 12
Cell = tuple[str | None, str | None]


class DashboardScreen(Screen[Cell | None]):
    """Returns the chosen cell's (pillar, region) to filter the table by; None for neither.

    It counts the indicators the table shows: those of closed programmes only when the table
    shows them too (`include_closed`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "act_back"),
        Binding("enter", "choose_cell", "act_filter_cell"),
        Binding("tab", "app.focus_next", "act_next", show=False),
    ]
    # In a short terminal the heat table scrolls, so that the worst indicators show too.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    def __init__(self, rowset: RowSet, *, include_closed: bool = False) -> None:
        super().__init__()
        self.rowset = rowset
        self.include_closed = include_closed

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static("", id="heat-help")
        yield HeatTable(id="heat")
        yield StatusCounts(id="cell-counts")
        yield Label("", id="worst-title")
        yield IndicatorTable(id="worst")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=True)
        self.watch(self.app, "marker", self._marker_changed, init=False)
        self.query_one(HeatTable).focus()

    def _marker_changed(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        """Count again after a change made elsewhere."""
        app: Any = self.app
        try:
            items = services.statuses(app.store, as_of=app.as_of)
        except (TrackerError, *driver_errors()) as exc:  # type: ignore[misc]  # mypy misreads the starred tuple
            app.call_from_thread(
                self.notify, visible(error_text(exc, app.lang)), severity="error", markup=False
            )
            return
        rowset = RowSet(table_rows(items), self.rowset.region_tree)
        app.call_from_thread(self._loaded, rowset)

    def _loaded(self, rowset: RowSet) -> None:
        self.rowset = rowset
        self._fill(self.app.lang)  # type: ignore[attr-defined]

    def _relabel(self, lang: str) -> None:
        self.sub_title = tr("dashboard_title", lang)
        self.query_one("#heat-help", Static).update(tr("heat_help", lang))
        self.query_one("#worst-title", Label).update(tr("worst", lang))
        for widget in (HeatTable, StatusCounts, IndicatorTable):
            self.query_one(widget).lang = lang  # type: ignore[attr-defined]
        self._fill(lang)

    def _fill(self, lang: str) -> None:
        app = self.app
        rows = self.rowset.view(Selection(include_closed=self.include_closed), lang)
        tree = self.rowset.region_tree
        used = {row.region_code for row in rows}
        regions = [c for c in app.region_choices() if c[0] in used]  # type: ignore[attr-defined]
        pillars = [c for c in app.pillar_choices() if c[0] in {r.pillar_code for r in rows}]  # type: ignore[attr-defined]
        # A region's column counts the regions below it too, as the table's region filter does.
        columns_of = {
            code: [None, *(r[0] for r in regions if code in tree.get(r[0], ()))] for code in used
        }
        attention: Counter[Cell] = Counter()
        total: Counter[Cell] = Counter()
        for row in rows:
            for pillar in (None, row.pillar_code):
                for region in columns_of[row.region_code]:
                    total[(pillar, region)] += 1
                    attention[(pillar, region)] += row.needs_attention
        counts = {cell: (attention[cell], total[cell]) for cell in total}
        self.query_one(HeatTable).show_heat(pillars, regions, counts)
        worst = self.rowset.view(
            Selection(attention=True, sort="attention", include_closed=self.include_closed), lang
        )
        table = self.query_one("#worst", IndicatorTable)
        table.sort_column = "status"
        table.measure(worst)
        table.show_rows(worst[:WORST_SHOWN])
        self._count(None, None)

    def _count(self, pillar: str | None, region: str | None) -> None:
        closed = self.include_closed
        chosen = self.rowset.view(
            Selection(pillar=pillar, region=region, include_closed=closed), "zh"
        )
        self.query_one(StatusCounts).show_counts(
            Counter(r.status for r in chosen),
            shown=len(chosen),
            total=self.rowset.on_board(closed),
            flagged=sum(r.flagged for r in chosen),
            stale=sum(r.stale for r in chosen),
        )

    @on(HeatCellHighlighted)
    def _highlighted(self, event: HeatCellHighlighted) -> None:
        self._count(event.pillar, event.region)

    @on(HeatCellChosen)
    def _chosen(self, event: HeatCellChosen) -> None:
        self.dismiss((event.pillar, event.region))

    @on(IndicatorChosen)
    def _open(self, event: IndicatorChosen) -> None:

        self.app.push_screen(IndicatorDetailScreen(event.code))

    def action_choose_cell(self) -> None:
        """Filter the table by the highlighted cell's pillar and region."""
        self.query_one(HeatTable).action_select_cursor()

    def action_back(self) -> None:
        """Back to the table, unfiltered by the dashboard."""
        self.dismiss(None)
