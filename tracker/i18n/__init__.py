"""Every word the interface shows, in Chinese and English: one catalogue for the domain's
explanations, the CLI and the TUI.

A dict of key -> (zh, en) with `t(key, lang, **params)` rather than gettext catalogues:
there are exactly two languages, both written by the same people at the same time, and a
missing or drifting translation should fail a unit test (`tests/unit/test_i18n.py`), not
fall back silently at run time as gettext does. The catalogue is plain Python, imports
nothing of the project, and so may be used by every layer (the domain's explanations
included) without breaking the direction of dependencies. Keys are grouped by prefix:
`status.`, `kind.`, ... for the closed vocabularies, `explain.` for the status engine's
reasons, `error.` for the errors the core raises, `action.` for audit actions.
"""

from __future__ import annotations

from collections.abc import Mapping
from string import Formatter
from typing import NamedTuple

from tracker.i18n import changes, documents, errors, interface, palette, status

LANGUAGES = ("zh", "en")

LANGUAGES = ("zh", "en")

# One dict, made of the parts kept in this package's modules by area; a key is in one part only
# (tests/unit/test_i18n.py).
CATALOGUE: dict[str, tuple[str, str]] = {
    **interface.WORDS,
    **status.WORDS,
    **errors.WORDS,
    **palette.WORDS,
    **documents.WORDS,
    **changes.WORDS,
}


def t(key: str, lang: str, **params: object) -> str:
    """The words for `key` in `lang` (zh, or en for anything starting with en), with
    `params` filled in; a parameter that is itself a `Phrase` or an error with a key is
    said in the same language."""
    zh, en = CATALOGUE[key]
    text = en if lang.startswith("en") else zh
    if not params:
        return text
    return text.format(**{name: said(value, lang) for name, value in params.items()})


def said(value: object, lang: str) -> object:
    """`value` in `lang` when it can be said (a Phrase, an error with a key), else itself."""
    say = getattr(value, "say", None)
    return say(lang) if callable(say) else value


def has(key: str) -> bool:
    """Whether the catalogue holds `key`."""
    return key in CATALOGUE


def fields(text: str) -> set[str]:
    """The names of the parameters a catalogue text uses."""
    return {name for _, name, _, _ in Formatter().parse(text) if name}


class Phrase(NamedTuple):
    """Words not yet said: a catalogue key and its parameters. Said in English by `str`
    (the log, the JSON, the shell's English), in either language by `say`."""

    key: str
    params: Mapping[str, object] = {}

    def say(self, lang: str) -> str:
        """The phrase in `lang`."""
        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.say("en")


class Words(str):
    """A text that is English as a `str` (as stored, logged and compared) and can be said
    in another language from its parts (phrases and plain text) by `say`."""

    parts: tuple[object, ...]

    def __new__(cls, english: str, parts: tuple[object, ...] = ()) -> Words:
        """`english`, said otherwise as the concatenation of `parts`."""
        words = super().__new__(cls, english)
        words.parts = parts or (english,)
        return words

    def say(self, lang: str) -> str:
        """The text in `lang`."""
        if lang.startswith("en"):
            return str.__str__(self)
        return "".join(str(said(part, lang)) for part in self.parts)


def phrase(key: str, **params: object) -> Phrase:
    """A phrase of `key` with `params` (checked to exist now, said later)."""
    if key not in CATALOGUE:
        raise KeyError(key)
    return Phrase(key, params)
