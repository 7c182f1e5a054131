"""One indicator up close: definition, verdict, chart, every observation, flags, audit trail."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from tracker import services
from tracker.domain.status_board import IndicatorStatus
from tracker.domain.text import visible
from tracker.domain.vocab import Direction, Kind, ObservationState
from tracker.errors import TrackerError, driver_errors
from tracker.i18n import said
from tracker.tui.entries import ValueEntry
from tracker.tui.screens.editing import EditingScreen
from tracker.tui.screens.source_viewer import SourceViewerScreen
from tracker.tui.table_row import name_in, number
from tracker.tui.widgets.trajectory_plot import TrajectoryPlot
from tracker.tui.widgets.verdict_line import VerdictLine
from tracker.tui.words import (
    action_word,
    direction_word,
    error_text,
    frequency_word,
    kind_word,
    level_word,
    milestone_state_word,
    tr,
)

KIND_ORDER = {Kind.BASELINE: 0, Kind.ACTUAL: 1, Kind.TARGET: 2}
SHORT = 32  # rows below which the chart starts folded, so that the observations can be read
SIGNS = {">=": "≥", "<=": "≤", "=": "="}


def when(moment: Any) -> str:
    """A time stamp to the minute."""
    return f"{moment:%Y-%m-%d %H:%M}" if moment else ""


class IndicatorDetailScreen(EditingScreen):
    """Everything about one indicator; `c` corrects the highlighted observation, `g` folds
    or unfolds the chart (folded at first in a short terminal)."""

    # The footer of an 80-column terminal holds these keys, in either language; a new target,
    # editing the definition, the language and quitting are in the help (and quitting is a
    # key of the table).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "act_back"),
        Binding("r", "record", "act_record"),
        Binding("c", "correct", "act_correct"),
        Binding("t", "target", "act_target", show=False),
        Binding("f", "flag", "act_flag"),
        Binding("g", "chart", "act_chart"),
        Binding("o", "open_source", "act_open_source"),
        Binding("ctrl+z", "undo", "act_undo"),
        Binding("e", "edit", "act_edit", show=False),
        Binding("l", "app.language", "act_language", show=False),
        Binding("q", "app.quit", "act_quit", show=False),
        Binding("1", "tab('observations')", "observations", show=False),
        Binding("2", "tab('flags')", "flags", show=False),
        Binding("3", "tab('audit')", "audit", show=False),
        Binding("4", "tab('deliverables')", "deliverables", show=False),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT, "-tall")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        self.view: services.IndicatorView | None = None
        self.row: IndicatorStatus | None = None
        self.chart_open: bool | None = None  # None: as the terminal's height suits

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with Horizontal(id="detail-top"):
            with Vertical(id="detail-about"):
                yield Static("", id="detail-head", markup=False)
                yield VerdictLine(id="verdict")
            yield TrajectoryPlot(id="plot")
        with TabbedContent(id="detail-tabs"):
            with TabPane("", id="tab-observations"):
                yield DataTable(id="observations", cursor_type="row", zebra_stripes=True)
                yield Static("", id="observation-text", markup=False)
            with TabPane("", id="tab-flags"):
                yield DataTable(id="flags", cursor_type="row")
            with TabPane("", id="tab-audit"):
                yield DataTable(id="audit", cursor_type="row")
            with TabPane("", id="tab-deliverables"):
                yield DataTable(id="deliverables", cursor_type="row")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=True)
        self.watch(self.app, "marker", self._marker_changed, init=False)
        self.query_one("#observations", DataTable).focus()
        self._fold_chart()
        self.reload()

    def action_tab(self, name: str) -> None:
        """Show the observations, flags or audit tab."""
        self.query_one(TabbedContent).active = f"tab-{name}"
        self.query_one(f"#{name}", DataTable).focus()

    def action_chart(self) -> None:
        """Fold the chart away, or show it again."""
        self.chart_open = not self.query_one(TrajectoryPlot).display
        self._fold_chart()

    def on_resize(self, event: events.Resize) -> None:
        self._fold_chart()
        if self.view is not None:
            self._observations(self.view, self.app.lang)  # type: ignore[attr-defined]

    def _fold_chart(self) -> None:
        plot = self.query_one(TrajectoryPlot)
        shown = self.chart_open
        if shown is None:  # a chart with nothing to draw is folded too
            shown = self.app.size.height >= SHORT and plot.has_points
        plot.display = shown
        self.query_one("#detail-top").set_class(shown, "-with-chart")

    def action_back(self) -> None:
        """Back to where the indicator was opened from."""
        self.dismiss()

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the indicator again."""
        self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:

        try:
            store = self.tracker.store
            marker = services.change_marker(store)
            view = services.indicator_view(store, self.code, as_of=self.tracker.as_of)
            reference = self.tracker.reference or services.reference(store)
        except (TrackerError, *driver_errors()) as exc:  # type: ignore[misc]  # mypy misreads the starred tuple
            self.app.call_from_thread(
                self.notify,
                visible(error_text(exc, self.tracker.lang)),
                severity="error",
                markup=False,
            )
            return
        self.app.call_from_thread(self._loaded, view, reference, marker)

    def _loaded(
        self, view: services.IndicatorView, reference: services.Reference, marker: tuple[int, int]
    ) -> None:
        self.view, self.loaded_marker = view, marker
        self.tracker.reference = reference
        self.row = view.item
        self._show()

    def _marker_changed(self, marker: tuple[int, int]) -> None:
        if self.view is not None and marker != self.loaded_marker:
            self.reload()

    def acted_on(self) -> IndicatorStatus | None:
        return self.row

    # -- drawing --------------------------------------------------------------------------

    def _relabel(self, lang: str) -> None:
        self.query_one(VerdictLine).lang = lang
        self.query_one(TrajectoryPlot).lang = lang
        tabs = self.query_one(TabbedContent)
        for pane in ("observations", "flags", "audit", "deliverables"):
            tabs.get_tab(f"tab-{pane}").label = tr(pane, lang)
        self.sub_title = tr("detail_title", lang)
        if self.view is not None:
            self._show()

    def _show(self) -> None:
        view, row = self.view, self.row
        if view is None or row is None:
            return
        lang = self.app.lang  # type: ignore[attr-defined]
        item = view.item.row
        departments = [
            f"{tr(role, lang)}: {'、'.join(names)}"
            for role, names in (("lead", item.lead), ("responsible", item.responsible))
            if names
        ]
        head = [
            f"{item.code}  {item.name}",
            item.name_en,
            " · ".join(
                [
                    name_in(item.region, lang),
                    name_in(item.pillar, lang),
                    f"{tr('unit', lang)} {item.unit or '—'}",
                    direction_word(item.direction, lang),
                    frequency_word(item.frequency, lang),
                    f"{tr('version', lang)} {item.version}",
                ]
            ),
            " · ".join(departments),
            view.description,
        ]
        shown = visible("\n".join(line for line in head if line))
        self.query_one("#detail-head", Static).update(shown)
        self.query_one(VerdictLine).show_verdict(row)
        self._plot(view)
        self._observations(view, lang)
        self._flags(view, lang)
        self._audit(view, lang)
        self._deliverables(view, lang)

    def _plot(self, view: services.IndicatorView) -> None:
        facts = view.facts
        actuals = [(p.when, float(p.value)) for p in facts.actuals]
        targets = [
            (t.deadline, float(t.value))
            for t in facts.targets
            if t.deadline is not None and t.value is not None
        ]
        path: list[tuple[Any, float]] = []
        target = view.item.target
        if target is not None and target.deadline is not None and target.value is not None:
            start = facts.start or target.programme_start
            if facts.direction is Direction.MILESTONE and start is not None:
                path = [(start, 0.0), (target.deadline, float(target.value))]
            else:
                base = facts.baseline or (facts.actuals[0] if facts.actuals else None)
                if base is not None and base.when < target.deadline:
                    path = [(base.when, float(base.value)), (target.deadline, float(target.value))]
        if facts.baseline is not None:
            actuals.insert(0, (facts.baseline.when, float(facts.baseline.value)))
        self.query_one(TrajectoryPlot).show_plot(actuals=actuals, path=path, targets=targets)
        self._fold_chart()

    def _observations(self, view: services.IndicatorView, lang: str) -> None:
        table = self.query_one("#observations", DataTable)
        kept = table.cursor_row
        table.clear(columns=True)
        for key in ("kind", "period", "value", "state", "document", "quote", "who", "when"):
            table.add_column(tr(key, lang), key=key)
        # The quote gets what the other columns leave (the whole quote shows under the table).
        quote, document = max(16, self.app.size.width - 84), 18 if self.app.size.width > 100 else 8
        ordered = sorted(view.observations, key=lambda o: (KIND_ORDER[o.kind], o.period, o.id))
        for o in ordered:
            style = "" if o.state is ObservationState.CURRENT else "dim strike"
            sign = SIGNS.get(o.comparator or "", o.comparator or "")
            shown = number(o.value) if o.value is not None else o.relative_to or ""
            if o.quarantine:
                shown += f" [{tr('quarantined', lang)}]"
            cells = [
                kind_word(o.kind, lang),
                o.period or tr("open_period", lang),
                f"{sign}{shown}",
                tr(f"state.{o.state.value}", lang),
                o.document[:document],
                o.quote[:quote],
                o.entered_by,
                when(o.entered_at),
            ]
            table.add_row(*(Text(visible(c), style=style) for c in cells), key=str(o.id))
        if table.row_count:
            table.move_cursor(row=min(kept, table.row_count - 1), animate=False)
            self._describe_observation()

    @on(DataTable.RowHighlighted, "#observations")
    def _describe_observation(self) -> None:
        found = self.highlighted_observation()
        if found is None:
            return
        lang = self.app.lang  # type: ignore[attr-defined]
        lines = [
            f"{tr('document', lang)}: {found.document or '—'}",
            f"{tr('quote', lang)}: {found.quote or '—'}",
        ]
        if found.source:
            lines.append(f"{tr('source', lang)}: {found.source}")
        if found.note:
            lines.append(f"{tr('note', lang)}: {found.note}")
        if found.quarantine:
            lines.append(f"{tr('quarantined', lang)}: {found.quarantine}")
        self.query_one("#observation-text", Static).update(visible("\n".join(lines)))

    def highlighted_observation(self) -> services.ObservationLine | None:
        """The observation under the cursor of the observations table."""
        table = self.query_one("#observations", DataTable)
        if self.view is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((o for o in self.view.observations if str(o.id) == key), None)

    def _flags(self, view: services.IndicatorView, lang: str) -> None:
        table = self.query_one("#flags", DataTable)
        table.clear(columns=True)
        for key in ("level", "reason", "raised", "cleared", "note"):
            table.add_column(tr(key, lang), key=key)
        for f in reversed(view.flags):
            cleared = f"{f.cleared_by} {when(f.cleared_at)}" if f.cleared_at else tr("open", lang)
            cells = [
                level_word(f.level, lang),
                f.reason,
                f"{f.raised_by} {when(f.raised_at)}",
                cleared,
                f.clear_note or "",
            ]
            table.add_row(*(Text(visible(c)) for c in cells))

    def _deliverables(self, view: services.IndicatorView, lang: str) -> None:
        table = self.query_one("#deliverables", DataTable)
        table.clear(columns=True)
        for key in ("deliverables", "state", "period", "document", "quote"):
            table.add_column(tr(key, lang), key=key)
        for m in view.milestones:
            state = milestone_state_word(m.state, lang)
            cells = (m.deliverable, state, m.period or "—", m.document[:18], m.quote[:30])
            table.add_row(*(Text(visible(c)) for c in cells))

    def _audit(self, view: services.IndicatorView, lang: str) -> None:
        table = self.query_one("#audit", DataTable)
        table.clear(columns=True)
        for key in ("when", "who", "origin", "action", "change"):
            table.add_column(tr(key, lang), key=key)
        for event in view.audit:
            action = action_word(event.action, lang)
            summary = str(said(event.summary, lang))
            cells = [when(event.at), event.actor, event.origin, action, summary]
            table.add_row(*(Text(visible(c)) for c in cells))

    def action_open_source(self) -> None:
        """Open the highlighted observation's document at its quote."""
        found = self.highlighted_observation()
        if found is not None:
            self.app.push_screen(SourceViewerScreen(found))

    # -- correcting -----------------------------------------------------------------------

    def action_correct(self) -> None:
        """Correct the highlighted observation: the new value supersedes it."""
        found, row = self.highlighted_observation(), self.row
        if found is None or row is None:
            return
        if found.state is not ObservationState.CURRENT:
            self.notify(tr(f"state.{found.state.value}", self.app.lang), severity="warning")  # type: ignore[attr-defined]
            return
        if found.value is None:  # a relative target: its value is the other series'
            self.notify(tr("relative_no_value", self.app.lang), severity="warning")  # type: ignore[attr-defined]
            return
        initial = ValueEntry(
            kind=found.kind,
            value=number(found.value).replace(",", ""),
            period=found.period,
            parsed=found.value,
            comparator=found.comparator,
            source_doc=found.source_doc,
            source=visible(found.source),
            note=visible(found.note),
            supersedes_id=found.id,
        )
        self.open_value_form(row, found.kind, initial, row.row.version, self.loaded_marker[0])
