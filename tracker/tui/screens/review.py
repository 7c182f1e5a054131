"""Reviewing a document's candidates: each figure in its paragraph; accept, edit, attach,
split or reject; what is accepted lands through the importer as one import."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import replace
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from tracker.domain.numbers import format_decimal, parse_value
from tracker.domain.periods import parse_period
from tracker.errors import TrackerError
from tracker.extract.candidates import Candidate
from tracker.extract.reading import Document
from tracker.i18n import has, t

KINDS = ("actual", "target", "baseline", "milestone")


def word(key: str, lang: str, **values: object) -> str:
    """The review's word for `key` (a `review.` key of the catalogue) in `lang`."""
    return t(f"review.{key}", lang, **values)


class ReviewScreen(Screen[None]):
    """One document's candidates, one at a time; `w` lands what was accepted."""

    DEFAULT_CSS = """
    ReviewScreen #review-title { padding: 0 1; background: $boost; }
    ReviewScreen #review-paragraph { margin: 1 0; padding: 0 1; border: round $primary; }
    ReviewScreen #review-fields { padding: 0 1; }
    ReviewScreen #review-status { margin-top: 1; padding: 0 1; color: $warning; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", "review.accept"),
        Binding("x", "reject", "review.reject"),
        Binding("e", "edit_value", "review.edit_value"),
        Binding("p", "edit_period", "review.edit_period"),
        Binding("k", "kind", "review.kind"),
        Binding("i", "attach", "review.attach"),
        Binding("n", "new_indicator", "review.new_indicator"),
        Binding("s", "split", "review.split"),
        Binding("w", "write", "review.write"),
        # the arrows (and the palette) are left out of the footer, so that it fits 80 columns
        Binding("down,j", "move(1)", "review.next", show=False),
        Binding("up", "move(-1)", "review.previous", show=False),
        Binding("escape", "cancel", show=False),
    ]

    def __init__(
        self,
        *,
        doc: Document,
        candidates: list[Candidate],
        indicators: dict[str, str],
        land: Any,
        lang: str = "zh",
    ) -> None:
        super().__init__()
        self.doc, self.candidates, self.indicators = doc, candidates, indicators
        self.land, self.lang = land, lang
        self.decisions: list[str] = ["pending"] * len(candidates)
        self.index = 0
        self.asking = ""

    def compose(self) -> ComposeResult:
        yield Static(id="review-title")
        yield Static(id="review-paragraph")
        yield Static(id="review-fields")
        yield Input(id="review-input")
        yield Static(id="review-status")
        yield Footer(compact=True, show_command_palette=False)  # ctrl+p still opens it

    def on_mount(self) -> None:
        field = self.query_one("#review-input", Input)
        field.display, field.disabled = False, True  # keys go to the screen until asked
        self.localize()
        self.show()

    def localize(self) -> None:
        """Describe the keys in the footer in the review's language (as tui.keys does)."""
        merged = type(self)._merged_bindings
        if merged is None:
            return
        for key, bindings in merged.key_to_bindings.items():
            self._bindings.key_to_bindings[key] = [
                replace(b, description=t(b.description, self.lang))
                if b.description.startswith("review.")
                else b
                for b in bindings
            ]
        self.refresh_bindings()

    # -- what is shown ---------------------------------------------------------------

    @property
    def current(self) -> Candidate:
        """The candidate under review."""
        return self.candidates[self.index]

    def paragraph_text(self) -> Text:
        """The candidate's paragraph, its sentence underlined and its figure in reverse."""
        c = self.current
        paragraph = self.doc.paragraphs[c.paragraph]
        at = max(paragraph.find(c.quote), 0)
        text = Text(paragraph)
        text.stylize("underline", at, at + len(c.quote))
        text.stylize("bold reverse", at + c.start, at + c.end)
        return text

    def show(self, status: str = "") -> None:
        """Redraw the current candidate."""
        lang, c = self.lang, self.current
        counts = {d: self.decisions.count(d) for d in ("accepted", "rejected")}
        title = f"{self.doc.title} · " + word(
            "position",
            lang,
            n=self.index + 1,
            total=len(self.candidates),
            a=counts["accepted"],
            r=counts["rejected"],
        )
        self.query_one("#review-title", Static).update(Text(title, style="bold"))
        self.query_one("#review-paragraph", Static).update(self.paragraph_text())
        lines = [f"[{word(self.decisions[self.index], lang)}]"]
        if c.kind == "milestone":
            lines.append(word("state", lang, state=c.state, deliverable=c.deliverable))
        lines.append(
            word(
                "fields",
                lang,
                kind=c.kind,
                value=c.value or "-",
                unit=c.unit,
                comparator=c.comparator,
                period=c.period or word("open", lang),
                rule=c.rule,
            )
        )
        lines.append(
            word(
                "indicator",
                lang,
                code=c.indicator or "-",
                name=c.name,
                confidence=f"{c.confidence:.2f}",
            )
        )
        lines.append(word("reason", lang, reason=c.reason(lang)))
        self.query_one("#review-fields", Static).update(Text("\n".join(lines)))
        self.query_one("#review-status", Static).update(Text(status))

    # -- decisions -------------------------------------------------------------------

    def decide(self, decision: str) -> None:
        """Record the decision on this candidate and go on to the next one."""
        self.decisions[self.index] = decision
        self.action_move(1)

    def action_accept(self) -> None:
        """Accept this candidate as it reads now."""
        self.decide("accepted")

    def action_reject(self) -> None:
        """Leave this candidate out."""
        self.decide("rejected")

    def action_move(self, step: int) -> None:
        """Go to the next (1) or previous (-1) candidate."""
        self.index = min(max(self.index + step, 0), len(self.candidates) - 1)
        self.show()

    def action_kind(self) -> None:
        """Cycle the candidate's kind (actual, target, baseline, milestone)."""
        c = self.current
        c.kind = KINDS[(KINDS.index(c.kind) + 1) % len(KINDS)] if c.kind in KINDS else KINDS[0]
        self.show()

    def action_split(self) -> None:
        """Split a listed deliverable (甲、乙和丙) into one candidate each."""
        c = self.current
        parts = [p for p in re.split(r"、|和|及", c.deliverable) if p.strip()]
        if c.kind != "milestone" or len(parts) < 2:
            self.show(word("cannot_split", self.lang))
            return
        copies = [
            dataclasses.replace(c, deliverable=p, name=p, reasons=list(c.reasons)) for p in parts
        ]
        self.candidates[self.index : self.index + 1] = copies
        self.decisions[self.index : self.index + 1] = [self.decisions[self.index]] * len(copies)
        self.show()

    def ask(self, what: str, prompt: str, value: str) -> None:
        """Open the input line for one field."""
        self.asking = what
        field = self.query_one("#review-input", Input)
        field.placeholder = prompt
        field.value = value
        field.display, field.disabled = True, False
        field.focus()
        self.show(prompt)

    def action_edit_value(self) -> None:
        """Type a new value (as recording takes it: 6.1万, 87.5%, full-width digits)."""
        if self.current.kind == "milestone":
            self.show(word("no_value", self.lang))
            return
        self.ask("value", word("ask_value", self.lang), self.current.value + self.current.unit)

    def action_edit_period(self) -> None:
        """Type a new period."""
        self.ask("period", word("ask_period", self.lang), self.current.period)

    def action_attach(self) -> None:
        """Attach the candidate to another indicator, by its code."""
        self.ask("indicator", word("ask_indicator", self.lang), self.current.indicator)

    def action_new_indicator(self) -> None:
        """Define a new indicator for this candidate; it is created when the review lands."""
        self.ask("new", word("ask_new", self.lang), "")

    def define(self, text: str) -> None:
        """Read `code name region pillar` into the candidate's new indicator."""
        c = self.current
        parts = text.split()
        if len(parts) != 4:
            raise TrackerError(word("new_needs", self.lang))
        code, name, region, pillar = parts
        if code in self.indicators:
            raise TrackerError(word("code_taken", self.lang, code=code))
        direction = "milestone" if c.kind == "milestone" else "increase"
        c.new_indicator = {
            "code": code,
            "name": name,
            "unit": c.unit,
            "direction": direction,
            "region": region,
            "pillar": pillar,
        }
        c.indicator, c.name = code, name
        c.reasons.append(("new_indicator", {}))

    def action_cancel(self) -> None:
        """Close the input line without a change."""
        field = self.query_one("#review-input", Input)
        field.display, field.disabled = False, True
        self.asking = ""
        self.show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Apply what was typed, or say why it cannot be read."""
        text = event.value.strip()
        c = self.current
        try:
            if self.asking == "value":
                number = parse_value(text, c.unit)
                c.value = format_decimal(number)
            elif self.asking == "period":
                if text:
                    parse_period(text)
                c.period, c.rule = text, "句中"
                c.reasons.append(("set_period", {}))
            elif self.asking == "new":
                self.define(text)
            elif self.asking == "indicator":
                if text not in self.indicators:
                    raise TrackerError(word("unknown_indicator", self.lang, code=text))
                c.indicator, c.name = text, self.indicators[text]
                c.reasons.append(("set_indicator", {}))
        except TrackerError as exc:
            self.show(str(exc))
            return
        self.action_cancel()

    # -- landing ---------------------------------------------------------------------

    def action_write(self) -> None:
        """Land the accepted candidates (one import); say what was written or refused."""
        accepted = [
            c for c, d in zip(self.candidates, self.decisions, strict=True) if d == "accepted"
        ]
        if not accepted:
            self.show(word("nothing_accepted", self.lang))
            return
        self.write(accepted)

    @work(thread=True, exclusive=True)
    def write(self, accepted: list[Candidate]) -> None:
        """Call the landing in a thread; report back on the screen."""
        try:
            landed = self.land(self.doc, accepted)
        except TrackerError as exc:
            lines = [str(exc), *(str(e) for e in getattr(exc, "errors", []))]
            self.app.call_from_thread(self.show, "\n".join(lines))
            return
        message = word("written", self.lang, **dataclasses.asdict(landed))
        self.app.call_from_thread(self.show, message)


class ReviewApp(App[None]):
    """`tracker review`: the review screen on its own."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "review.quit"),
        Binding("ctrl+p", "command_palette", "act_palette", show=False, priority=True),
    ]

    def __init__(self, screen: ReviewScreen) -> None:
        super().__init__()
        self.review = screen

    def on_mount(self) -> None:
        # The app's own keys (quit, the palette) in the review's language, as the screen's.
        lang = self.review.lang
        for key, bindings in self._bindings.key_to_bindings.items():
            self._bindings.key_to_bindings[key] = [
                replace(b, description=t(b.description, lang)) if has(b.description) else b
                for b in bindings
            ]
        self.push_screen(self.review)
