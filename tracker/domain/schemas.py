"""What callers hand to storage to create or change rows: validated, typed, no session."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tracker.domain.models import AuditEvent, Department, Indicator, Observation
from tracker.domain.periods import Period
from tracker.domain.text import check_text, limit_of
from tracker.domain.vocab import (
    Comparator,
    DeadlineBasis,
    Direction,
    Frequency,
    Kind,
    Measure,
    MilestoneState,
)

# The most characters each text field holds, whichever database stores it: the columns' own
# sizes (max_length in models.py), and a bound of our own where the column has none.
NOTE_LIMIT = 4000
INDICATOR_LIMITS: dict[str, int | None] = {
    "code": limit_of(Indicator, "code"),
    "name": limit_of(Indicator, "name"),
    "name_en": limit_of(Indicator, "name_en"),
    "unit": limit_of(Indicator, "unit"),
    "description": 10_000,
}
DEPARTMENT_LIMIT = limit_of(Department, "name")
OBSERVATION_LIMITS: dict[str, int | None] = {
    "source": limit_of(Observation, "source"),
    "quote": NOTE_LIMIT,
    "note": NOTE_LIMIT,
}
FLAG_LIMITS: dict[str, int | None] = {"reason": NOTE_LIMIT, "note": NOTE_LIMIT}
ACTOR_LIMIT = limit_of(AuditEvent, "actor")  # as entered_by, raised_by and updated_by
ORIGIN_LIMIT = limit_of(AuditEvent, "origin")


def check_actor(actor: str, origin: str) -> None:
    """Refuse a user name or origin that a database would not store, naming which."""
    check_text(actor, field="user", limit=ACTOR_LIMIT)
    check_text(origin, field="origin", limit=ORIGIN_LIMIT)


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
