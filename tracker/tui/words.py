"""The terminal interface's way to the catalogue of words (tracker.i18n): `tr` and the
vocabularies as words."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tracker.domain.labels import (
    DIRECTION_LABELS,
    KIND_LABELS,
    MILESTONE_STATE_LABELS,
    status_label,
)
from tracker.domain.vocab import Direction, FlagLevel, Frequency, Kind, MilestoneState, Status
from tracker.i18n import CATALOGUE, t

# The terminal interface's words: the catalogue, read by key.
TUI_WORDS = CATALOGUE
FREQUENCY_LABELS: dict[Frequency, tuple[str, str]] = {
    f: CATALOGUE[f"frequency.{f.value}"] for f in Frequency
}


def tr(key: str, lang: str, **values: object) -> str:
    """The word for `key` in `lang` (zh or en), with `values` filled in."""
    return t(key, lang, **values)


def status_word(status: Status, lang: str) -> str:
    """A status as a word."""
    return status_label(status, lang)


def kind_word(kind: Kind | str, lang: str) -> str:
    """baseline / target / actual as a word."""
    zh, en = KIND_LABELS[Kind(kind)]
    return en if lang == "en" else zh


def direction_word(direction: Direction | str, lang: str) -> str:
    """Which way is better, as words."""
    zh, en = DIRECTION_LABELS[Direction(direction)]
    return en if lang == "en" else zh


def frequency_word(frequency: Frequency | str, lang: str) -> str:
    """How often actuals are expected, as a word."""
    zh, en = FREQUENCY_LABELS[Frequency(frequency)]
    return en if lang == "en" else zh


def milestone_state_word(state: MilestoneState | str, lang: str) -> str:
    """A deliverable's state (planned, started, approved, completed) as a word."""
    zh, en = MILESTONE_STATE_LABELS[MilestoneState(state)]
    return en if lang == "en" else zh


def level_word(level: FlagLevel | str, lang: str) -> str:
    """A flag level as a word."""
    return tr(f"level_{FlagLevel(level).value}", lang)


# An indicator's fields named by words of their own; "name" is the Chinese name.
FIELD_WORDS = {"name": "name_zh"}


def field_word(name: str, lang: str) -> str:
    """An indicator's field (name, name_en, unit, region...) as a word."""
    key = FIELD_WORDS.get(name, name)
    return tr(key, lang) if key in CATALOGUE else name


def action_word(action: str, lang: str) -> str:
    """An audit action (record, correct, withdraw, flag...) as a word."""
    return tr(f"action.{action}", lang) if f"action.{action}" in CATALOGUE else action


def error_text(exc: BaseException, lang: str) -> str:
    """An error in `lang`: its catalogue key's words when it has one, else its message."""
    say = getattr(exc, "say", None)
    return str(say(lang)) if callable(say) else str(exc)


def store_word(url: str) -> str:
    """The open store as people name it: the SQLite file's name, or host/database (read
    without SQLAlchemy, which the first screen does not load)."""
    if "://" not in url:  # a bare path
        return Path(url).name or url
    if url.split("://", 1)[0].startswith("sqlite"):
        return Path(url.split("://", 1)[1].lstrip("/")).name or ":memory:"
    parts = urlsplit(url)
    socket = parse_qs(parts.query).get("host", [""])[0]  # a socket's folder
    host = parts.hostname or socket or "localhost"
    host = f"{host}:{parts.port}" if parts.port else host
    return f"{host}/{parts.path.lstrip('/')}"


def title_word(lang: str, *, url: str, actor: str) -> str:
    """The header's title: the app, the open store and the user its writes are made as."""
    return tr("title_where", lang, title=tr("app_title", lang), store=store_word(url), actor=actor)
