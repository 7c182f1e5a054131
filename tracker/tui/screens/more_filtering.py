"""The browse screen's filters beyond the bar: by source document, by programme, several
statuses at once, and my region (the dialog, and the citations it needs read in a worker)."""

from __future__ import annotations

from textual import work

from tracker import services
from tracker.domain.status_board import IndicatorStatus
from tracker.domain.text import visible
from tracker.errors import TrackerError, driver_errors
from tracker.tui.screens.editing import EditingScreen
from tracker.tui.screens.filters_dialog import FiltersChosen, FiltersDialog, MoreFilters
from tracker.tui.words import error_text


class MoreFiltering(EditingScreen):
    """A screen of indicators narrowed by the more filters (`m`)."""

    more: MoreFilters
    # The codes citing the document and programme filtered by, read when they are chosen.
    cited: set[str] | None
    programmes: list[tuple[str, str, str]]

    def apply(self, *, top: bool = False) -> None:
        """Show the rows the filters let through."""
        raise NotImplementedError

    def _sub_title(self) -> str:
        raise NotImplementedError

    def _narrowed(self, view: list[IndicatorStatus]) -> list[IndicatorStatus]:
        """The rows the more filters let through (by document and programme once the
        citations are read; until then, none)."""
        more = self.more
        if more.statuses:
            statuses = more.statuses
            view = [r for r in view if r.verdict.status in statuses]
        if more.document or more.programme:
            cited = self.cited
            if cited is None:
                self._read_citing(more)
                return []
            view = [r for r in view if r.code in cited]
        return view

    @work(thread=True, exclusive=True, group="citing")
    def _read_citing(self, more: MoreFilters) -> None:
        try:
            store = self.tracker.store
            # The read loads the store's libraries on first use (tracker.services is lazy).
            cited = services.indicators_citing(
                store, document=more.document, programme=more.programme
            )
        except (TrackerError, *driver_errors()) as exc:  # type: ignore[misc]  # mypy misreads the starred tuple
            message = visible(error_text(exc, self.tracker.lang))
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.app.call_from_thread(self._cited, more, cited)

    def _cited(self, more: MoreFilters, cited: set[str]) -> None:
        if (more.document, more.programme) == (self.more.document, self.more.programme):
            self.cited = cited
            self.apply()

    def action_more_filters(self) -> None:
        """Filter by source document, programme and several statuses; set my region."""
        self._open_filters()

    @work(thread=True, exclusive=True, group="programmes")
    def _open_filters(self) -> None:
        app = self.tracker
        try:
            programmes = services.programme_names(app.store)
        except (TrackerError, *driver_errors()) as exc:  # type: ignore[misc]  # mypy misreads the starred tuple
            message = visible(error_text(exc, app.lang))
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.app.call_from_thread(self._show_filters, programmes)

    def _show_filters(self, programmes: list[tuple[str, str, str]]) -> None:
        app, self.programmes = self.tracker, programmes

        def chosen(result: FiltersChosen | None) -> None:
            if result is None:
                return
            if result.my_region != app.my_region:
                app.my_region = result.my_region
            if (result.filters.document, result.filters.programme) != (
                self.more.document,
                self.more.programme,
            ):
                self.cited = None
            self.more = result.filters
            self.sub_title = self._sub_title()
            self.apply()

        dialog = FiltersDialog(
            lang=app.lang,
            current=self.more,
            my_region=app.my_region,
            documents=app.reference.documents,
            programmes=programmes,
            regions=app.region_choices(),
        )
        self.app.push_screen(dialog, chosen)
