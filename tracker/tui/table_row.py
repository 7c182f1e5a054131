"""One indicator as the table shows it: plain values for both languages, built once per load."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from tracker.domain.numbers import canonical
from tracker.domain.vocab import STATUS_ORDER, Status

if TYPE_CHECKING:
    from tracker.services import BrowseItem

ATTENTION_STATUSES = (Status.OFF_TRACK, Status.ACCELERATE)


def number(value: Decimal | None) -> str:
    """A value as people read it: thousands separated, no exponent (`1,613`, `87.5`)."""
    if value is None:
        return ""
    return f"{canonical(value):,f}"


def folded(text: str) -> str:
    """Text folded for matching: full-width forms and case do not matter."""
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True, slots=True)
class TableRow:
    """An indicator's code, names, figures, verdict and markers, ready to draw and sort."""

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
    explanation_zh: str
    explanation_en: str
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
        return self.explanation_en if lang == "en" else self.explanation_zh

    @property
    def departments(self) -> tuple[str, ...]:
        """Lead and responsible departments."""
        return self.lead + self.responsible

    @property
    def needs_attention(self) -> bool:
        """Flagged, off track, needing acceleration, stale or past its deadline."""
        return self.flagged or self.stale or self.past_deadline or self.status in ATTENTION_STATUSES

    @classmethod
    def from_item(cls, item: BrowseItem) -> TableRow:
        """The row of a service's browse item."""
        verdict = item.verdict
        return cls(
            code=item.code, name=item.name, name_en=item.name_en,
            region_code=item.region.code, region=item.region.name, region_en=item.region.name_en,
            pillar_code=item.pillar.code, pillar=item.pillar.name, pillar_en=item.pillar.name_en,
            unit=item.unit, direction=item.direction.value, frequency=item.frequency.value,
            lead=item.lead, responsible=item.responsible, version=item.version,
            baseline_value=item.baseline.value if item.baseline else None,
            baseline_period=item.baseline_period,
            actual_value=item.latest.value if item.latest else None,
            actual_period=item.latest_period,
            target_value=item.target.value if item.target else None,
            target_comparator=item.target.comparator.value if item.target else "",
            target_period=item.target_period,
            target_deadline=item.target.deadline if item.target else None,
            target_id=item.target_id, progress=verdict.progress, ratio=verdict.ratio,
            status=verdict.status, explanation_zh=verdict.explanation_zh,
            explanation_en=verdict.explanation_en, stale=verdict.stale,
            flagged=item.flag_level is not None,
            flag_level=item.flag_level.value if item.flag_level else None,
            flag_reason=item.flag_reason, past_deadline=verdict.rule == "deadline_passed",
            search=folded(" ".join((item.code, item.name, item.name_en))),
            rank=STATUS_ORDER.index(verdict.status),
        )  # fmt: skip
