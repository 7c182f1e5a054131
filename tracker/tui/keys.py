"""Key bindings described by word keys, shown in the current language in footer and help."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from tracker.tui.words import TUI_WORDS, tr


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Describe `node`'s bindings in `lang`; their class definitions keep the word keys.

    Textual keeps a per-node copy of the class's binding map (`_bindings`), so the class
    definitions stay untouched and can be translated again after each switch.
    """
    merged = type(node)._merged_bindings
    if merged is None:
        return
    for key, bindings in merged.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [translated(b, lang) for b in bindings]
    node.refresh_bindings()


def translated(binding: Binding, lang: str) -> Binding:
    """A binding whose description is a word key, described in `lang`."""
    if binding.description in TUI_WORDS:
        return replace(binding, description=tr(binding.description, lang))
    if f"binding.{binding.description}" in TUI_WORDS:  # one of Textual's own
        return replace(binding, description=tr(f"binding.{binding.description}", lang))
    return binding


def described(bindings: list[Binding], lang: str) -> list[tuple[str, str]]:
    """(key, description) of the bindings that have a description, for the help screen."""
    rows = []
    for binding in bindings:
        if binding.description:
            key = binding.key_display or binding.key.replace("question_mark", "?")
            rows.append((key.replace("slash", "/"), translated(binding, lang).description))
    return rows
