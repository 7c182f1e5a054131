"""The source of one figure: its document with the quoted sentence highlighted in its
paragraph, and how the figure entered the store (for an imported value, the file)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tracker import services
from tracker.domain.text import visible
from tracker.errors import TrackerError, driver_errors
from tracker.tui.words import error_text, tr

if TYPE_CHECKING:
    from tracker.services.detail import ObservationLine
    from tracker.services.sources import Located, ObservationSource, SourceDocument
    from tracker.tui.app import TrackerApp


def when(moment: Any) -> str:
    """A time stamp to the minute."""
    return f"{moment:%Y-%m-%d %H:%M}" if moment else ""


class SourceViewerScreen(Screen[None]):
    """One observation's document, opened at its quote."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "act_back"),
        Binding("g", "to_quote", "act_to_quote"),
        Binding("n", "paragraph(1)", "act_next_paragraph"),
        Binding("p", "paragraph(-1)", "act_previous_paragraph"),
    ]

    DEFAULT_CSS = """
    SourceViewerScreen #source-head { height: auto; padding: 0 1; background: $boost; }
    SourceViewerScreen #source-text { padding: 0 1; overflow-y: scroll; }
    SourceViewerScreen .source-paragraph { margin-bottom: 1; }
    SourceViewerScreen .source-paragraph.-quoted { border-left: thick $accent; padding-left: 1; }
    """

    def __init__(self, observation: ObservationLine) -> None:
        super().__init__(id="source-viewer")
        self.observation = observation
        self.document: SourceDocument | None = None
        self.located: Located | None = None
        self.origin: ObservationSource | None = None
        self.at = 0  # the paragraph shown at the top

    @property
    def tracker(self) -> TrackerApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static("", id="source-head", markup=False)
        yield VerticalScroll(id="source-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=True)
        self._load()

    @work(thread=True, exclusive=True, group="source")
    def _load(self) -> None:
        # The document reads load the store's libraries on first use (tracker.services is lazy).
        app, found = self.tracker, self.observation
        try:
            store = app.store
            document = (
                services.source_document(store, found.source_doc) if found.source_doc else None
            )
            origin = services.observation_source(store, found.id)
        except (TrackerError, OSError, *driver_errors()) as exc:  # type: ignore[misc]  # mypy misreads the starred tuple
            message = visible(error_text(exc, app.lang))
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        located = services.locate(document.paragraphs, found.quote) if document else None
        self.app.call_from_thread(self._show, document, located, origin)

    def _show(
        self,
        document: SourceDocument | None,
        located: Located | None,
        origin: ObservationSource,
    ) -> None:
        # Mounting the paragraphs is awaited, so that the scroll to the quote finds them laid out.
        self.run_worker(self._loaded(document, located, origin), group="show")

    async def _loaded(
        self,
        document: SourceDocument | None,
        located: Located | None,
        origin: ObservationSource,
    ) -> None:
        self.document, self.located, self.origin = document, located, origin
        text = self.query_one("#source-text", VerticalScroll)
        text.remove_children()
        if document is not None:
            await text.mount_all(
                Static(
                    self._paragraph(index, paragraph),
                    classes="source-paragraph"
                    + (" -quoted" if located and located.paragraph == index else ""),
                    markup=False,
                )
                for index, paragraph in enumerate(document.paragraphs)
            )
        self._describe()
        self.call_after_refresh(self.action_to_quote)

    def _paragraph(self, index: int, paragraph: str) -> Text:
        text = Text(visible(paragraph))
        at = self.located
        if at is not None and at.paragraph == index:
            text.stylize("bold underline", at.sentence_start, at.sentence_end)
            text.stylize("reverse", at.start, at.end)
        return text

    def _relabel(self, lang: str) -> None:
        self.sub_title = tr("source_title", lang)
        self._describe()

    def _describe(self) -> None:
        lang, found, document = self.tracker.lang, self.observation, self.document
        lines = []
        if document is not None:
            kept = tr(f"source_kept_{document.kept}", lang)
            lines.append(f"{document.title} · {kept}")
            if self.located is not None:
                shown = tr(
                    "paragraph_of",
                    lang,
                    at=self.located.paragraph + 1,
                    count=len(document.paragraphs),
                )
                lines.append(f"{shown} · {tr('quote', lang)}: {found.quote}")
            elif found.quote:
                lines.append(tr("quote_not_found", lang, quote=found.quote))
        elif found.source_doc:
            lines.append(tr("source_missing", lang, doc=found.source_doc))
            if found.quote:
                lines.append(f"{tr('quote', lang)}: {found.quote}")
        elif found.quote:
            lines.append(f"{tr('quote', lang)}: {found.quote}")
        else:
            lines.append(tr("source_none", lang))
        origin = self.origin
        if origin is not None and origin.origin is not None:
            entry = origin.origin
            lines.append(
                tr("entered_from", lang, actor=entry.actor, at=when(entry.at), origin=entry.origin)
            )
        if origin is not None and origin.imported_file:
            if origin.imported_line is not None:
                file, line = origin.imported_file, origin.imported_line
                lines.append(tr("imported_from_line", lang, file=file, line=line))
            else:
                lines.append(tr("imported_from", lang, file=origin.imported_file))
        if found.source:
            lines.append(f"{tr('source', lang)}: {found.source}")
        self.query_one("#source-head", Static).update(visible("\n".join(lines)))

    def action_to_quote(self) -> None:
        """Scroll to the quoted paragraph."""
        if self.located is not None:
            self.at = self.located.paragraph
        self._scroll()

    def action_paragraph(self, step: int) -> None:
        """Scroll to the next (or previous) paragraph."""
        if self.document is not None and self.document.paragraphs:
            self.at = max(0, min(len(self.document.paragraphs) - 1, self.at + step))
            self._scroll()

    def _scroll(self) -> None:
        paragraphs = list(self.query(".source-paragraph"))
        if paragraphs:
            # After the next refresh, once the paragraphs just mounted have their places.
            paragraphs[min(self.at, len(paragraphs) - 1)].scroll_visible(animate=False, top=True)

    def action_back(self) -> None:
        """Back to the indicator."""
        self.dismiss()
