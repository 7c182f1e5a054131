"""What the forms return through `dismiss`: typed, validated input, not yet saved."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tracker.domain.vocab import FlagLevel, Kind


@dataclass(frozen=True)
class ValueEntry:
    """A value typed into the observation form, with what it was understood as."""

    kind: Kind
    value: str
    period: str
    parsed: Decimal
    comparator: str | None = None
    source_doc: str | None = None
    source: str = ""
    note: str = ""
    supersedes_id: int | None = None


@dataclass(frozen=True)
class IndicatorEntry:
    """An indicator's definition as edited, in the text form of an indicators file."""

    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FlagEntry:
    """A flag to raise."""

    level: FlagLevel
    reason: str
