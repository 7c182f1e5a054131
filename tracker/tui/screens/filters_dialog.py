"""More filters than the bar holds: by source document, by programme, several statuses at
once; and the region remembered as the user's own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Select, SelectionList, Static

from tracker.domain.status_board import Named
from tracker.domain.text import visible
from tracker.domain.vocab import STATUS_ORDER, Status
from tracker.tui.choices import Choice
from tracker.tui.screens.form_dialog import FormDialog
from tracker.tui.words import status_word, tr

# A programme as offered: code, Chinese name, English name.
Programme = tuple[str, str, str]


@dataclass(frozen=True)
class MoreFilters:
    """Filters beyond the bar's; each one given narrows the rows."""

    statuses: frozenset[Status] = frozenset()
    document: str | None = None
    programme: str | None = None

    @property
    def narrows(self) -> bool:
        """Whether any of them is set."""
        return bool(self.statuses or self.document or self.programme)


@dataclass(frozen=True)
class FiltersChosen:
    """What the dialog returns: the filters and the user's own region (None for none)."""

    filters: MoreFilters
    my_region: str | None


class FiltersDialog(FormDialog[FiltersChosen]):
    """Choose a document, a programme, statuses and my region; ctrl+s or Save applies them."""

    DEFAULT_CSS = """
    FiltersDialog .filter-row { height: 1; }
    FiltersDialog #filter-statuses-label { margin-top: 1; }
    FiltersDialog .filter-label { width: 18; }
    FiltersDialog .filter-row Select { width: 1fr; }
    FiltersDialog #filter-statuses { height: auto; max-height: 8; }
    """

    def __init__(
        self,
        *,
        lang: str,
        current: MoreFilters,
        my_region: str | None,
        documents: Sequence[Named],
        programmes: Sequence[Programme],
        regions: Sequence[Choice],
    ) -> None:
        super().__init__(id="filters-dialog")
        self.lang, self.current, self.my_region = lang, current, my_region
        self.documents, self.programmes, self.regions = documents, programmes, regions

    def compose(self) -> ComposeResult:
        lang = self.lang
        en = lang == "en"
        documents = [(Text(visible(f"{d.code[:3]} {d.name}")), d.code) for d in self.documents]
        programmes = [
            (Text(visible(f"{code} {name_en if en and name_en else name}")), code)
            for code, name, name_en in self.programmes
        ]
        regions = [
            (Text("  " * depth + visible(name_en if en and name_en else name)), code)
            for code, name, name_en, depth in self.regions
        ]
        with Vertical(id="dialog"):
            yield Label(tr("filters_title", lang), classes="dialog-title")
            yield Static(tr("filters_keys", lang), classes="dialog-subtitle", markup=False)
            yield from self._body(documents, programmes, regions)
            yield from self.buttons()

    def _body(
        self,
        documents: list[tuple[Text, str]],
        programmes: list[tuple[Text, str]],
        regions: list[tuple[Text, str]],
    ) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(classes="dialog-body"):
            with Horizontal(classes="filter-row"):
                yield Label(tr("filter_document", lang), classes="filter-label")
                yield _select(
                    "filter-document", documents, self.current.document, "any_document", lang
                )
            with Horizontal(classes="filter-row"):
                yield Label(tr("filter_programme", lang), classes="filter-label")
                yield _select(
                    "filter-programme", programmes, self.current.programme, "any_programme", lang
                )
            with Horizontal(classes="filter-row"):
                yield Label(tr("my_region", lang), classes="filter-label")
                yield _select("my-region", regions, self.my_region, "no_region", lang)
            yield Label(tr("filter_statuses", lang), id="filter-statuses-label")
            yield SelectionList[Status](
                *[(status_word(s, lang), s, s in self.current.statuses) for s in STATUS_ORDER],
                id="filter-statuses",
            )
            yield Static(tr("my_region_help", lang), classes="dialog-subtitle", markup=False)

    def on_mount(self) -> None:
        self.query_one("#filter-document", Select).focus()

    def action_save(self) -> None:
        """Apply the filters and keep my region."""

        def chosen(name: str) -> Any:
            return self.query_one(f"#{name}", Select).selection

        statuses = frozenset(self.query_one("#filter-statuses", SelectionList).selected)
        filters = MoreFilters(statuses, chosen("filter-document"), chosen("filter-programme"))
        self.dismiss(FiltersChosen(filters, chosen("my-region")))


def _select(
    name: str, options: list[tuple[Text, str]], value: str | None, prompt: str, lang: str
) -> Select[str]:
    known = value is not None and any(v == value for _, v in options)
    return Select(
        options,
        id=name,
        prompt=tr(prompt, lang),
        value=value if known else Select.NULL,  # type: ignore[arg-type]
        compact=True,
    )
