"""How many of the seed's figures the extractor proposes (value, kind, period, document agree)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from tracker.extract.candidates import Candidate


@dataclass(frozen=True)
class Reference:
    """One seeded row: an observation or a milestone state, with its verbatim quote."""

    file: str
    line: int
    source_doc: str
    kind: str  # target/actual/baseline, or milestone
    period: str
    value: str
    state: str
    quote: str
    label: str


@dataclass
class Measure:
    """Recall over the reference rows, and what was missed."""

    found: list[Reference] = field(default_factory=list)
    missed: list[Reference] = field(default_factory=list)
    candidates: int = 0

    @property
    def reference(self) -> int:
        """How many seeded rows there are."""
        return len(self.found) + len(self.missed)

    @property
    def recall(self) -> float:
        """The share of seeded rows a candidate agrees with."""
        return len(self.found) / self.reference if self.reference else 0.0

    @property
    def per_figure(self) -> float:
        """Candidates a reviewer reads for each seeded row."""
        return self.candidates / self.reference if self.reference else 0.0


def load_reference(seed: Path) -> list[Reference]:
    """The observations and milestones of a seed folder."""
    rows: list[Reference] = []
    with (seed / "observations.csv").open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            rows.append(
                Reference(
                    "observations.csv",
                    line,
                    row["source_doc"],
                    row["kind"],
                    row["period"],
                    row["value"],
                    "",
                    row["quote"],
                    row["indicator"],
                )
            )
    with (seed / "milestones.csv").open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            rows.append(
                Reference(
                    "milestones.csv",
                    line,
                    row["source_doc"],
                    "milestone",
                    row["period"],
                    "",
                    row["state"],
                    row["quote"],
                    f"{row['indicator']} {row['deliverable']}",
                )
            )
    return rows


def _same_number(a: str, b: str) -> bool:
    try:
        return Decimal(a) == Decimal(b)
    except InvalidOperation:
        return False


def agrees(candidate: Candidate, ref: Reference) -> bool:
    """The candidate says what the seeded row says, from the same sentence."""
    if candidate.source_doc != ref.source_doc or candidate.period != ref.period:
        return False
    if candidate.kind != ref.kind:
        return False
    at = candidate.quote.find(ref.quote)
    if at < 0:
        inside = ref.quote.find(candidate.quote)
        if inside < 0:
            return False
        at, stop = 0, len(candidate.quote)
    else:
        stop = at + len(ref.quote)
    if ref.kind == "milestone":
        return candidate.state == ref.state and candidate.start < stop and candidate.end > at
    return _same_number(candidate.value, ref.value) and candidate.start < stop + 2


def measure(candidates: Iterable[Candidate], reference: Iterable[Reference]) -> Measure:
    """Which reference rows some candidate agrees with."""
    pool = list(candidates)
    result = Measure(candidates=len(pool))
    for ref in reference:
        (result.found if any(agrees(c, ref) for c in pool) else result.missed).append(ref)
    return result
