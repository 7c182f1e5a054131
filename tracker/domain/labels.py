"""The closed vocabularies as (zh, en) labels, read from the one catalogue (tracker.i18n)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, TypeVar

from tracker.domain.vocab import (
    DeadlineBasis,
    Direction,
    FinalState,
    Kind,
    MilestoneState,
    Status,
)
from tracker.i18n import CATALOGUE

E = TypeVar("E", bound=StrEnum)


def _labels(enum: type[E], prefix: str) -> dict[E, tuple[str, str]]:
    return {member: CATALOGUE[f"{prefix}.{member.value}"] for member in enum}


STATUS_LABELS = _labels(Status, "status")
FINAL_LABELS = _labels(FinalState, "final")
BASIS_LABELS = _labels(DeadlineBasis, "basis")
MILESTONE_STATE_LABELS = _labels(MilestoneState, "milestone")
KIND_LABELS = _labels(Kind, "kind")
DIRECTION_LABELS = _labels(Direction, "direction")
# The shared words (table headers, section titles): the catalogue, read by key.
WORDS = CATALOGUE


def label(table: Mapping[Any, tuple[str, str]], key: object, lang: str) -> str:
    """The label of `key` in `lang` (zh or en)."""
    zh, en = table[key]
    return zh if lang == "zh" else en


def status_label(status: Status, lang: str) -> str:
    """A status word."""
    return label(STATUS_LABELS, status, lang)


def word(key: str, lang: str) -> str:
    """An interface word."""
    return label(WORDS, key, lang)
