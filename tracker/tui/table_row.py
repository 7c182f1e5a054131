"""What the table shows of an indicator's status (the domain's `IndicatorStatus`): names in a
language, numbers as people read them, the markers, and the text a search matches."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from tracker.domain.numbers import canonical
from tracker.domain.status_board import IndicatorStatus, Nameable
from tracker.domain.vocab import STATUS_ORDER, Status

RANKS = {status: rank for rank, status in enumerate(STATUS_ORDER)}
# Words that an abbreviated English name leaves out ("Reform and Innovation" -> "RI").
MINOR_WORDS = frozenset({"and", "of", "the", "for", "in"})


def number(value: Decimal | None) -> str:
    """A value as people read it: thousands separated, no exponent (`1,613`, `87.5`)."""
    if value is None:
        return ""
    return f"{canonical(value):,f}"


def folded(text: str) -> str:
    """Text folded for matching: full-width forms and case do not matter."""
    return unicodedata.normalize("NFKC", text).casefold()


def search_key(item: IndicatorStatus) -> str:
    """What a search matches: the code and both names, folded."""
    row = item.row
    return folded(f"{row.code} {row.name} {row.name_en}")


def name_in(named: Nameable, lang: str) -> str:
    """An indicator's, region's or pillar's name in `lang`, Chinese where there is no English."""
    return named.name_en if lang == "en" and named.name_en else named.name


def abbreviated(name: str) -> str:
    """A long English name kept apart from its kin in a narrow column: the first word whole,
    the others as initials ("Shenyang Modern Metropolitan Circle" -> "Shenyang MMC", beside
    "Shenyang"); a name of one or two words stays as it is."""
    words = name.split()
    if len(words) <= 2:
        return name
    initials = "".join(w[0].upper() for w in words[1:] if w.lower() not in MINOR_WORDS)
    return f"{words[0]} {initials}"


def past_deadline(item: IndicatorStatus) -> bool:
    """Whether the governing target's deadline passed with the latest actual short of it."""
    return item.verdict.rule == "deadline_passed"


def closed(item: IndicatorStatus) -> bool:
    """Whether its programme has ended (shown only when asked for)."""
    return item.verdict.status is Status.CLOSED


def departments(item: IndicatorStatus) -> tuple[str, ...]:
    """Lead and responsible departments."""
    return item.row.lead + item.row.responsible
