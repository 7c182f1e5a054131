"""Messages the widgets and screens post, each named as the fact it reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from tracker.tui.selection import Selection


class IndicatorHighlighted(Message):
    """The cursor moved onto an indicator (None when the table is empty)."""

    def __init__(self, code: str | None) -> None:
        super().__init__()
        self.code = code


class IndicatorChosen(Message):
    """The user asked to open an indicator (enter or double click)."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


class ColumnClicked(Message):
    """A column header was clicked."""

    def __init__(self, column: str) -> None:
        super().__init__()
        self.column = column


class FiltersChanged(Message):
    """The search text or a filter changed; `selection` holds them (its sort is not set)."""

    def __init__(self, selection: Selection) -> None:
        super().__init__()
        self.selection = selection


class HeatCellHighlighted(Message):
    """The cursor moved onto a dashboard cell; None stands for all pillars or all regions."""

    def __init__(self, pillar: str | None, region: str | None) -> None:
        super().__init__()
        self.pillar = pillar
        self.region = region


class HeatCellChosen(Message):
    """A dashboard cell was chosen, to filter the table by its pillar and region."""

    def __init__(self, pillar: str | None, region: str | None) -> None:
        super().__init__()
        self.pillar = pillar
        self.region = region


class ChangeSaved(Message):
    """A change was written by this session (kept so that it can be undone)."""

    def __init__(self, change: Any) -> None:
        super().__init__()
        self.change = change
