"""The seed's figures read straight from seed_data/, for tests that count what the store shows.

A test that asserts "every indicator" counts the rows of the seed files here rather than
repeating a number that changes with each audit of the seed. What is *closed* is computed from
the programme spans alone: an indicator whose targets all name programmes that ended before the
date judged (the status engine's own rule, restated independently of it).
"""

from __future__ import annotations

import calendar
import csv
from datetime import date
from functools import cache
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "seed_data"
AS_OF = date(2025, 12, 31)


@cache
def _rows(name: str) -> tuple[dict[str, str], ...]:
    with (SEED / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def seed_rows(name: str) -> list[dict[str, str]]:
    """The rows of seed_data/<name>.csv, as the header names them."""
    return [dict(row) for row in _rows(name)]


def _period_end(text: str) -> date:
    """The last day of a programme's `end`: a year, a month or a day."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], parts[1], parts[2])


def closed_programmes(as_of: date = AS_OF) -> set[str]:
    """The codes of the programmes whose span ended before `as_of`."""
    return {p["code"] for p in _rows("programmes") if p["end"] and _period_end(p["end"]) < as_of}


def closed_indicators(as_of: date = AS_OF) -> set[str]:
    """Indicators with targets, every one of them set by a programme closed by `as_of`."""
    closed = closed_programmes(as_of)
    programmes: dict[str, set[str]] = {}
    for row in _rows("observations"):
        if row["kind"] == "target":
            programmes.setdefault(row["indicator"], set()).add(row["programme"])
    return {code for code, names in programmes.items() if names <= closed}


def region_names_within(name: str) -> set[str]:
    """The Chinese names of a region and of every region under it."""
    regions = _rows("regions")
    [top] = [r["code"] for r in regions if r["name"] == name]
    codes, grown = {top}, True
    while grown:
        below = {r["code"] for r in regions if r["parent"] in codes}
        grown = not below <= codes
        codes |= below
    return {r["name"] for r in regions if r["code"] in codes}


def indicator_codes(*, pillar: str | None = None, region: str | None = None) -> set[str]:
    """Every seeded indicator's code; of one pillar, or of a region with the regions under it
    (each by its Chinese name), when given."""
    places = region_names_within(region) if region is not None else None
    return {
        r["code"]
        for r in _rows("indicators")
        if (pillar is None or r["pillar"] == pillar) and (places is None or r["region"] in places)
    }


def on_board(
    as_of: date = AS_OF, *, pillar: str | None = None, region: str | None = None
) -> set[str]:
    """The indicators the default board shows as of a date: closed programmes' left out."""
    return indicator_codes(pillar=pillar, region=region) - closed_indicators(as_of)
