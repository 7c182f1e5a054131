"""The dashboard's heat table: pillars down, regions across, redder where more needs attention."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import DataTable

from tracker.tui.messages import HeatCellChosen, HeatCellHighlighted
from tracker.tui.words import tr

Choice = tuple[str, str, str, int]
ALL = "__all__"
HEAT_STEPS = (0.0, 0.25, 0.5)


class HeatTable(DataTable[Any]):
    """Each cell shows `needing attention / indicators` for one pillar and one region."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "heat-table--empty",
        "heat-table--h0",
        "heat-table--h1",
        "heat-table--h2",
        "heat-table--h3",
    }

    lang = reactive("zh")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=False)
        self.pillars: Sequence[Choice] = ()
        self.regions: Sequence[Choice] = ()
        self.counts: Mapping[tuple[str | None, str | None], tuple[int, int]] = {}

    def show_heat(
        self,
        pillars: Sequence[Choice],
        regions: Sequence[Choice],
        counts: Mapping[tuple[str | None, str | None], tuple[int, int]],
    ) -> None:
        """Show `counts[(pillar, region)] = (needing attention, total)`; None means all."""
        self.pillars, self.regions, self.counts = pillars, regions, counts
        self._fill()

    def watch_lang(self) -> None:
        if self.is_mounted:
            self._fill()

    def _label(self, choice: Choice) -> Text:
        return Text(choice[2] if self.lang == "en" and choice[2] else choice[1])

    def _cell(self, pillar: str | None, region: str | None) -> Text:
        attention, total = self.counts.get((pillar, region), (0, 0))
        if not total:
            return Text("·", style=self.get_component_rich_style("heat-table--empty"))
        share = attention / total
        step = sum(1 for edge in HEAT_STEPS if share > edge)
        style = self.get_component_rich_style(f"heat-table--h{step}")
        return Text(f"{attention}/{total}", style=style, justify="center")

    def _fill(self) -> None:
        cursor = self.cursor_coordinate
        self.clear(columns=True)
        self.show_row_labels = True
        columns = [(self._label(r), r[0]) for r in self.regions] + [(tr("all", self.lang), ALL)]
        for label, key in columns:
            self.add_column(label, key=key)
        rows = [(self._label(p), p[0]) for p in self.pillars] + [(tr("all", self.lang), ALL)]
        for label, key in rows:
            pillar = None if key == ALL else key
            cells = [self._cell(pillar, None if c == ALL else c) for _, c in columns]
            self.add_row(*cells, key=key, label=label)
        if self.row_count:
            self.move_cursor(row=cursor.row, column=cursor.column, animate=False)

    def _keys(self, event: Any) -> tuple[str | None, str | None]:
        pillar, region = event.cell_key.row_key.value, event.cell_key.column_key.value
        return (None if pillar == ALL else pillar), (None if region == ALL else region)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        self.post_message(HeatCellHighlighted(*self._keys(event)))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.post_message(HeatCellChosen(*self._keys(event)))
