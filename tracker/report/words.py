"""The briefing's words: the `report.` keys of the one catalogue (tracker.i18n)."""

from __future__ import annotations

from tracker.i18n import t


def say(key: str, lang: str, **values: object) -> str:
    """A phrase of the briefing in `lang`, with values filled in."""
    return t(f"report.{key}", lang, **values)
