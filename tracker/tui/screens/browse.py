"""The main screen: every indicator in one table, searchable, filterable and sortable."""

from __future__ import annotations

import gc
from collections import Counter
from dataclasses import replace
from operator import attrgetter
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Input, Static

from tracker import services
from tracker.domain.status_board import IndicatorStatus, Reference
from tracker.domain.text import visible
from tracker.domain.vocab import STATUS_ORDER
from tracker.errors import TrackerError, driver_errors
from tracker.tui.choices import region_tree
from tracker.tui.exports import view_table
from tracker.tui.messages import (
    ColumnClicked,
    FiltersChanged,
    IndicatorChosen,
    IndicatorHighlighted,
)
from tracker.tui.row_set import RowSet
from tracker.tui.screens.dashboard import DashboardScreen
from tracker.tui.screens.filters_dialog import MoreFilters
from tracker.tui.screens.indicator_detail import IndicatorDetailScreen
from tracker.tui.screens.more_filtering import MoreFiltering
from tracker.tui.screens.not_reported import NotReportedScreen
from tracker.tui.selection import Selection
from tracker.tui.widgets.filter_bar import FilterBar
from tracker.tui.widgets.indicator_table import COLUMNS, IndicatorTable
from tracker.tui.widgets.status_counts import StatusCounts
from tracker.tui.words import error_text, status_word, tr

STATUS_OF = attrgetter("verdict.status")
FLAGGED, STALE = attrgetter("verdict.flagged"), attrgetter("verdict.stale")


class BrowseScreen(MoreFiltering):
    """Search, filter and sort the indicators; open, record, re-target and flag them."""

    # The footer shows the keys used most, within 80 columns in either language; every other
    # key (the dashboard's `d` too) is in the help (?) and the command palette (ctrl+p).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "act_search", key_display="/", show=False),
        Binding("enter", "detail", "act_detail"),
        *MoreFiltering.BINDINGS,
        Binding("a", "attention", "act_attention"),
        Binding("d", "dashboard", "act_dashboard", show=False),
        Binding("s", "sort_next", "act_sort", show=False),
        Binding("S", "sort_reverse", "act_reverse", key_display="S", show=False),
        # `c` corrects a value (detail view); clearing the filters has a key of its own.
        Binding("ctrl+l", "clear_filters", "act_clear", show=False),
        Binding("x", "closed", "act_closed", show=False),
        Binding("n", "not_reported", "act_due"),
        Binding("m", "more_filters", "act_more_filters"),
        Binding("D", "app.as_of", "act_as_of", key_display="D", show=False),
        Binding("E", "export_view", "act_export_view", key_display="E", show=False),
        Binding("escape", "to_table", "act_table", show=False),
        Binding("down", "to_table", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rowset: RowSet | None = None
        self.selection = Selection()
        self.more = MoreFilters()
        # The codes citing the document and programme filtered by, read when they are chosen.
        self.cited: set[str] | None = None
        self.shown: list[IndicatorStatus] = []
        self.programmes: list[tuple[str, str, str]] = []  # read when the filters are opened

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield FilterBar(id="filters")
        yield StatusCounts(id="counts")
        yield IndicatorTable(id="indicators")
        yield Static("", id="current", markup=False)
        yield Footer(compact=True)

    @property
    def table(self) -> IndicatorTable:
        """The indicator table."""
        return self.query_one(IndicatorTable)

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=True)
        self.watch(self.app, "marker", self._marker_changed, init=False)
        self.watch(self.app, "as_of", self._judge_again, init=False)
        self.table.placeholder = tr("loading", self.app.lang)  # type: ignore[attr-defined]
        self.table.focus()
        self.reload()

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every indicator again (the cursor, filters and sort stay)."""
        self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        app = self.tracker
        try:
            board = app.take_first_board() or services.read_status_board(
                app.opened or app.url, as_of=app.as_of, create=True
            )
        except (TrackerError, *driver_errors()) as exc:  # type: ignore[misc]  # mypy misreads the starred tuple
            self.app.call_from_thread(
                self.notify,
                visible(error_text(exc, self.tracker.lang)),
                severity="error",
                markup=False,
            )
            return
        if board.store is not None:
            app.adopt(board.store)
        rowset = RowSet(board.statuses, region_tree(board.reference.regions))
        self.app.call_from_thread(self._loaded, rowset, board.reference, board.marker)

    def _loaded(self, rowset: RowSet, reference: Reference, marker: tuple[int, int]) -> None:
        first = self.rowset is None
        self.rowset, self.loaded_marker = rowset, marker
        self.tracker.reference = reference
        self.query_one(FilterBar).set_choices(
            self.tracker.region_choices(), self.tracker.pillar_choices(), rowset.departments()
        )
        if first:
            self.table.measure(rowset.rows)
            mine = self.tracker.my_region
            if mine and not self.selection.region and mine in rowset.region_tree:
                self.selection = replace(self.selection, region=mine)
                self.query_one(FilterBar).set_selection(self.selection)
                self.sub_title = self._sub_title()
        self.apply()
        if first:
            # What is loaded now lives as long as the app: left out of every later collection,
            # the first sort by status at 100,000 indicators takes 0.5 s instead of 1.0 s.
            gc.freeze()
            self.tracker.open_in_background()

    def _marker_changed(self, marker: tuple[int, int]) -> None:
        if self.rowset is not None and marker != self.loaded_marker:
            self.cited = None  # read again with the rows
            self.reload()

    def _judge_again(self, _: object) -> None:
        self.sub_title = self._sub_title()
        self.reload()

    def apply(self, *, top: bool = False) -> None:
        """Show the rows the selection lets through, and their counts; the cursor stays on its
        indicator, or goes to the first row (`top`, as when the search text changes)."""
        if self.rowset is None:
            return
        lang = self.app.lang  # type: ignore[attr-defined]
        view = self.rowset.view(self.selection, lang)
        if self.more.narrows:
            view = self._narrowed(view)
        self.shown = view
        table = self.table
        table.sort_column, table.sort_reverse = self.selection.sort, self.selection.reverse
        table.placeholder = tr("no_rows", lang)
        table.show_rows(view, keep=view[0].code if top and view else None)
        # Counted in C over the verdicts' fields: a keystroke at 100,000 rows counts them all.
        self.query_one(StatusCounts).show_counts(
            Counter(map(STATUS_OF, view)),
            shown=len(view),
            total=self.rowset.on_board(self.selection.include_closed),
            flagged=sum(map(FLAGGED, view)),
            stale=sum(map(STALE, view)),
        )
        self._describe()

    @on(IndicatorHighlighted)
    def _describe(self) -> None:
        """Under the table: the highlighted indicator's full names and its verdict explained."""
        item, lang = self.table.current, self.app.lang  # type: ignore[attr-defined]
        text = ""
        if item is not None:
            row = item.row
            names = f"{row.name} · {row.name_en}" if row.name_en else row.name
            text = visible(f"{row.code}  {names}\n{item.verdict.explanation(lang)}")
        self.query_one("#current", Static).update(text)

    def acted_on(self) -> IndicatorStatus | None:
        return self.table.current

    # -- language -------------------------------------------------------------------------

    def _relabel(self, lang: str) -> None:
        for widget in (self.query_one(FilterBar), self.query_one(StatusCounts), self.table):
            widget.lang = lang
        self.sub_title = self._sub_title()
        if self.rowset is not None:
            self.apply()

    def _sub_title(self) -> str:
        lang = self.app.lang  # type: ignore[attr-defined]
        parts = [tr("as_of_date", lang, date=self.tracker.as_of)]
        if self.selection.attention:
            parts.insert(0, tr("attention_view", lang))
        if self.selection.include_closed:
            parts.insert(0, tr("closed_view", lang))
        more = self.more
        if more.statuses:
            names = "、".join(status_word(s, lang) for s in STATUS_ORDER if s in more.statuses)
            parts.insert(0, tr("filter_by_statuses", lang, names=names))
        if more.programme:
            named = {code: (zh, en) for code, zh, en in self.programmes}
            zh, en = named.get(more.programme, (more.programme, ""))
            name = en if lang == "en" and en else zh
            parts.insert(0, tr("filter_by_programme", lang, name=visible(name)[:24]))
        if more.document:
            titles = {d.code: d.name for d in self.tracker.reference.documents}
            name = titles.get(more.document, more.document)
            parts.insert(0, tr("filter_by_document", lang, name=name[:24]))
        return " · ".join(parts)

    # -- the user's choices ---------------------------------------------------------------

    @on(FiltersChanged)
    def _filters_changed(self, event: FiltersChanged) -> None:
        typed = event.selection.search != self.selection.search
        self.selection = replace(
            event.selection, sort=self.selection.sort, reverse=self.selection.reverse
        )
        self.sub_title = self._sub_title()
        self.apply(top=typed)

    @on(ColumnClicked)
    def _column_clicked(self, event: ColumnClicked) -> None:
        reverse = not self.selection.reverse if event.column == self.selection.sort else False
        self.sort_by(event.column, reverse)

    def sort_by(self, column: str, reverse: bool = False) -> None:
        """Sort the table by `column`."""
        self.selection = replace(self.selection, sort=column, reverse=reverse)
        self.apply()

    def action_sort_next(self) -> None:
        """Sort by the next column, left to right."""
        keys = [column.key for column in COLUMNS]
        at = keys.index(self.selection.sort) if self.selection.sort in keys else -1
        self.sort_by(keys[(at + 1) % len(keys)])

    def action_sort_reverse(self) -> None:
        """Reverse the order."""
        self.sort_by(self.selection.sort, not self.selection.reverse)

    def action_search(self) -> None:
        """Type to search codes and names."""
        self.query_one(FilterBar).focus_search()

    def action_to_table(self) -> None:
        """Back to the table from the filters."""
        self.table.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.table.focus()

    def action_attention(self) -> None:
        """Show only what needs attention, worst first (again to show everything)."""
        attention = not self.selection.attention
        self.set_selection(
            replace(self.selection, attention=attention),
            sort=("attention", False) if attention else None,
        )

    def action_closed(self) -> None:
        """Show the indicators of programmes that have ended too (again to hide them)."""
        self.set_selection(
            replace(self.selection, include_closed=not self.selection.include_closed)
        )

    def action_clear_filters(self) -> None:
        """Show every indicator again."""
        self.more, self.cited = MoreFilters(), None
        self.set_selection(Selection(sort=self.selection.sort, reverse=self.selection.reverse))

    def set_selection(self, selection: Selection, sort: tuple[str, bool] | None = None) -> None:
        """Apply `selection` (and a sort) and show it in the filter bar."""
        if sort is not None:
            selection = replace(selection, sort=sort[0], reverse=sort[1])
        self.selection = selection
        self.query_one(FilterBar).set_selection(selection)
        self.sub_title = self._sub_title()
        self.apply()

    def region_shown(self) -> str | None:
        """The region the table is filtered by (for the fill-in template of the palette)."""
        return self.selection.region

    def action_not_reported(self) -> None:
        """The indicators of the region shown (else my region) still owing this period's
        figure."""
        region = self.selection.region or self.tracker.my_region
        self.app.push_screen(NotReportedScreen(region))

    def action_export_view(self) -> None:
        """Write the rows shown, with their filters, to a csv or xlsx file."""
        rows, lang = list(self.shown), self.tracker.lang
        self.tracker.export_table("indicators", lambda: view_table(rows, lang))

    def action_detail(self) -> None:
        """Open the indicator under the cursor."""
        self.table.action_choose()

    @on(IndicatorChosen)
    def _chosen(self, event: IndicatorChosen) -> None:

        self.app.push_screen(IndicatorDetailScreen(event.code))

    def action_dashboard(self) -> None:
        """Open the dashboard; a chosen cell comes back as a filter."""

        if self.rowset is None:
            return

        def chosen(cell: tuple[str | None, str | None] | None) -> None:
            if cell is not None:
                pillar, region = cell
                self.set_selection(
                    Selection(
                        pillar=pillar,
                        region=region,
                        include_closed=self.selection.include_closed,
                        sort=self.selection.sort,
                        reverse=self.selection.reverse,
                    )
                )
                self.table.focus()

        dashboard = DashboardScreen(self.rowset, include_closed=self.selection.include_closed)
        self.app.push_screen(dashboard, chosen)
