"""One indicator as the table shows it: plain values for both languages, built once per load."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.domain.numbers import canonical
from tracker.domain.status import Verdict
from tracker.domain.vocab import STATUS_ORDER, Status

if TYPE_CHECKING:
    from tracker.domain.board import IndicatorStatus

ATTENTION_STATUSES = (Status.OFF_TRACK, Status.ACCELERATE)
RANKS = {status: rank for rank, status in enumerate(STATUS_ORDER)}


def number(value: Decimal | None) -> str:
    """A value as people read it: thousands separated, no exponent (`1,613`, `87.5`)."""
    if value is None:
        return ""
    return f"{canonical(value):,f}"


def folded(text: str) -> str:
    """Text folded for matching: full-width forms and case do not matter."""
    return unicodedata.normalize("NFKC", text).casefold()


class TableRow(NamedTuple):
    """An indicator's code, names, figures, verdict and markers, ready to draw and sort (a
    tuple: a load builds one per indicator, a hundred thousand of them)."""

    code: str
    name: str
    name_en: str
    region_code: str
    region: str
    region_en: str
    pillar_code: str
    pillar: str
    pillar_en: str
    unit: str
    direction: str
    frequency: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    version: int
    baseline_value: Decimal | None
    baseline_period: str
    actual_value: Decimal | None
    actual_period: str
    target_value: Decimal | None
    target_comparator: str
    target_period: str
    target_deadline: date | None
    target_id: int | None
    progress: float | None
    ratio: float | None
    status: Status
    verdict: Verdict
    stale: bool
    flagged: bool
    flag_level: str | None
    flag_reason: str
    past_deadline: bool
    search: str
    rank: int = 0  # the status's place in STATUS_ORDER, worst first: a cheap sort key

    def name_in(self, lang: str) -> str:
        """The indicator's name in `lang`, Chinese where there is no English name."""
        return self.name_en if lang == "en" and self.name_en else self.name

    def region_in(self, lang: str) -> str:
        """The region's name in `lang`."""
        return self.region_en if lang == "en" and self.region_en else self.region

    def pillar_in(self, lang: str) -> str:
        """The pillar's name in `lang`."""
        return self.pillar_en if lang == "en" and self.pillar_en else self.pillar

    def explanation(self, lang: str) -> str:
        """The verdict's explanation in `lang`."""
        return self.verdict.explanation(lang)

    @property
    def departments(self) -> tuple[str, ...]:
        """Lead and responsible departments."""
        return self.lead + self.responsible

    @property
    def needs_attention(self) -> bool:
        """Flagged, off track, needing acceleration, stale or past its deadline."""
        return self.flagged or self.stale or self.past_deadline or self.status in ATTENTION_STATUSES

    @classmethod
    def from_item(cls, item: IndicatorStatus) -> TableRow:
        """The row of an indicator's status."""
        row, verdict = item.row, item.verdict
        baseline, latest, target = row.facts.baseline, verdict.latest, verdict.target
        return cls(
            code=row.code, name=row.name, name_en=row.name_en,
            region_code=row.region.code, region=row.region.name, region_en=row.region.name_en,
            pillar_code=row.pillar.code, pillar=row.pillar.name, pillar_en=row.pillar.name_en,
            unit=row.unit, direction=row.direction.value, frequency=row.frequency.value,
            lead=row.lead, responsible=row.responsible, version=row.version,
            baseline_value=baseline.value if baseline else None,
            baseline_period=row.baseline_period,
            actual_value=latest.value if latest else None,
            actual_period=row.latest_period,
            target_value=target.value if target else None,
            target_comparator=target.comparator.value if target else "",
            target_period=row.target_period,
            target_deadline=target.deadline if target else None,
            target_id=row.target_id, progress=verdict.progress, ratio=verdict.ratio,
            status=verdict.status, verdict=verdict, stale=verdict.stale,
            flagged=row.flag is not None,
            flag_level=row.flag.level.value if row.flag else None,
            flag_reason=row.flag.reason if row.flag else "",
            past_deadline=verdict.rule == "deadline_passed",
            search=folded(" ".join((row.code, row.name, row.name_en))),
            rank=RANKS[verdict.status],
        )  # fmt: skip


def table_rows(items: list[Any]) -> Iterator[TableRow]:
    """The rows of `items` (indicator statuses), emptying the list as it goes: each status
    is let go once its row is made, so that a hundred thousand of both are never held at
    once."""
    for index, item in enumerate(items):
        items[index] = None
        if item is not None:
            yield TableRow.from_item(item)
