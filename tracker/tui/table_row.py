"""One indicator as the table shows it: plain values for both languages, built once per load."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.domain.numbers import canonical
from tracker.domain.status import Verdict
from tracker.domain.status_board import verdict_needs_attention
from tracker.domain.vocab import STATUS_ORDER, Status

if TYPE_CHECKING:
    from tracker.domain.status_board import IndicatorStatus

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
        """Flagged, off track or needing acceleration: `domain.board.needs_attention`, the
        definition the summary and --json use."""
        return verdict_needs_attention(self.verdict)

    @property
    def closed(self) -> bool:
        """Whether its programme has ended (shown only when asked for)."""
        return self.status is Status.CLOSED

    @classmethod
    def from_item(cls, item: IndicatorStatus) -> TableRow:
        """The row of an indicator's status."""
        # Positional, in field order, and the vocabularies' members as the strings they are:
        # a load makes one row per indicator.
        row, verdict = item.row, item.verdict
        region, pillar, flag = row.region, row.pillar, row.flag
        baseline, latest, target = row.facts.baseline, verdict.latest, verdict.target
        return cls(
            row.code,
            row.name,
            row.name_en,
            region.code,
            region.name,
            region.name_en,
            pillar.code,
            pillar.name,
            pillar.name_en,
            row.unit,
            row.direction,
            row.frequency,
            row.lead,
            row.responsible,
            row.version,
            baseline.value if baseline else None,
            row.baseline_period,
            latest.value if latest else None,
            row.latest_period,
            target.value if target else None,
            target.comparator if target else "",
            row.target_period,
            target.deadline if target else None,
            row.target_id,
            verdict.progress,
            verdict.ratio,
            verdict.status,
            verdict,
            verdict.stale,
            flag is not None,
            flag.level if flag else None,
            flag.reason if flag else "",
            verdict.rule == "deadline_passed",
            folded(" ".join((row.code, row.name, row.name_en))),
            RANKS[verdict.status],
        )


def table_rows(items: list[Any]) -> Iterator[TableRow]:
    """The rows of `items` (indicator statuses), emptying the list as it goes: each status
    is let go once its row is made, so that a hundred thousand of both are never held at
    once."""
    for index, item in enumerate(items):
        items[index] = None
        if item is not None:
            yield TableRow.from_item(item)
