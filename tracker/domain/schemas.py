"""What callers hand to storage to create or change rows: validated, typed, no session."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tracker.domain.periods import Period
from tracker.domain.vocab import (
    Comparator,
    DeadlineBasis,
    Direction,
    Frequency,
    Kind,
    Measure,
    MilestoneState,
)


@dataclass(frozen=True)
class IndicatorCreate:
    """A new indicator's definition, with region and pillar already resolved to codes."""

    code: str
    name: str
    direction: Direction
    region_code: str
    pillar_code: str
    name_en: str = ""
    unit: str = ""
    frequency: Frequency = Frequency.ANNUAL
    description: str = ""
    measure: Measure = Measure.LEVEL
    lead: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()


def stored_fields(spec: IndicatorCreate) -> dict[str, str]:
    """The indicator columns a definition sets, as stored (all but its code)."""
    return {
        "name": spec.name,
        "name_en": spec.name_en,
        "unit": spec.unit,
        "direction": spec.direction.value,
        "region_code": spec.region_code,
        "pillar_code": spec.pillar_code,
        "frequency": spec.frequency.value,
        "description": spec.description,
        "measure": spec.measure.value,
    }


EDITABLE_INDICATOR_FIELDS = (
    "name",
    "name_en",
    "unit",
    "direction",
    "region_code",
    "pillar_code",
    "frequency",
    "description",
    "measure",
)


@dataclass(frozen=True, slots=True)  # slots: an import holds a million of them
class ObservationCreate:
    """A value to record against an indicator, already converted into its unit.

    `period` is open (`periods.OPEN`) for a target with no deadline; `value` is None only for
    a target `relative_to` another series; `quarantine` is why a value is held out.
    """

    kind: Kind
    period: Period
    value: Decimal | None
    comparator: Comparator | None = None
    source_doc: str | None = None
    source: str = ""
    quote: str = ""
    note: str = ""
    line: int | None = field(default=None, compare=False)
    programme: str | None = None
    deadline_basis: DeadlineBasis | None = None
    relative_to: str | None = None
    quarantine: str | None = None

    def same_content(self, other: ObservationCreate) -> bool:
        """Whether recording `other` over this would change nothing a reader sees."""
        return self.content() == other.content()

    def content(self) -> tuple[object, ...]:
        """What a reader sees of the value, but its key (kind and period) and line."""
        return (
            self.value,
            self.comparator,
            self.source_doc,
            self.quote,
            self.note,
            self.programme,
            self.deadline_basis,
            self.relative_to,
            self.quarantine,
        )


@dataclass(frozen=True)
class MilestoneCreate:
    """One dated state of one deliverable of a task, ready to store (`period` open for a
    planned deliverable with no date)."""

    code: str
    deliverable: str
    state: MilestoneState
    period: Period
    source_doc: str | None = None
    quote: str = ""
    note: str = ""
    line: int | None = field(default=None, compare=False)
