"""Many observations to record, held as columns: one list per field, one place per row.

A million-row import holds its entries this way instead of as a million `ObservationCreate`
objects (and a million pairs of code and entry): a few lists cost a fraction of the memory,
and the garbage collector has next to nothing to walk. A row is an `ObservationCreate` again
where one is asked for (`entry`), for the few rows a report shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from tracker.domain.periods import Period
from tracker.domain.schemas import ObservationCreate
from tracker.domain.vocab import Comparator, DeadlineBasis, Kind

# programme, deadline basis, relative_to, quarantine: empty for all but a few rows.
Extra = tuple[str | None, DeadlineBasis | None, str | None, str | None]
NO_EXTRA: Extra = (None, None, None, None)
# kind, period, value, comparator, source_doc, source, quote, note: a clean row's fields.
Fields = tuple[Kind, Period, Decimal, Comparator | None, str | None, str, str, str]


@dataclass
class ObservationColumns:
    """Entries by indicator code, in file order: position `i` of every list is one row."""

    codes: list[str] = field(default_factory=list)
    kinds: list[Kind] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    values: list[Decimal | None] = field(default_factory=list)
    comparators: list[Comparator | None] = field(default_factory=list)
    source_docs: list[str | None] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lines: list[int | None] = field(default_factory=list)
    # The rows with a programme, deadline basis, relative_to or quarantine, by position.
    extras: dict[int, Extra] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.codes)

    def add_fields(self, code: str, line: int, fields: Fields) -> None:
        """Add a clean row: its code, line and fields (none of the rare ones)."""
        kind, period, value, comparator, source_doc, source, quote, note = fields
        self.codes.append(code)
        self.kinds.append(kind)
        self.periods.append(period)
        self.values.append(value)
        self.comparators.append(comparator)
        self.source_docs.append(source_doc)
        self.sources.append(source)
        self.quotes.append(quote)
        self.notes.append(note)
        self.lines.append(line)

    def add(self, code: str, entry: ObservationCreate) -> None:
        """Add one entry of any kind."""
        extra = (entry.programme, entry.deadline_basis, entry.relative_to, entry.quarantine)
        if extra != NO_EXTRA:
            self.extras[len(self.codes)] = extra
        self.codes.append(code)
        self.kinds.append(entry.kind)
        self.periods.append(entry.period)
        self.values.append(entry.value)
        self.comparators.append(entry.comparator)
        self.source_docs.append(entry.source_doc)
        self.sources.append(entry.source)
        self.quotes.append(entry.quote)
        self.notes.append(entry.note)
        self.lines.append(entry.line)

    def extend(self, other: ObservationColumns) -> None:
        """Add the rows of `other` after these."""
        at = len(self)
        self.extras.update((at + i, extra) for i, extra in other.extras.items())
        self.codes.extend(other.codes)
        self.kinds.extend(other.kinds)
        self.periods.extend(other.periods)
        self.values.extend(other.values)
        self.comparators.extend(other.comparators)
        self.source_docs.extend(other.source_docs)
        self.sources.extend(other.sources)
        self.quotes.extend(other.quotes)
        self.notes.extend(other.notes)
        self.lines.extend(other.lines)

    @classmethod
    def of(cls, entries: Iterable[tuple[str, ObservationCreate]]) -> ObservationColumns:
        """The columns of these (code, entry) pairs."""
        columns = cls()
        for code, entry in entries:
            columns.add(code, entry)
        return columns

    def entry(self, i: int) -> tuple[str, ObservationCreate]:
        """Row `i` as (code, entry)."""
        programme, basis, relative_to, quarantine = self.extras.get(i, NO_EXTRA)
        return self.codes[i], ObservationCreate(
            kind=self.kinds[i],
            period=self.periods[i],
            value=self.values[i],
            comparator=self.comparators[i],
            source_doc=self.source_docs[i],
            source=self.sources[i],
            quote=self.quotes[i],
            note=self.notes[i],
            line=self.lines[i],
            programme=programme,
            deadline_basis=basis,
            relative_to=relative_to,
            quarantine=quarantine,
        )

    def entries(self, stop: int | None = None) -> list[tuple[str, ObservationCreate]]:
        """The first `stop` rows (all by default) as (code, entry) pairs."""
        return [
            self.entry(i) for i in range(min(len(self), stop if stop is not None else len(self)))
        ]
