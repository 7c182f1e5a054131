"""Every seeded figure is traceable: its quote stands verbatim in its document and states it."""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.config import seeds_dir
from tracker.domain.numbers import MAGNITUDES, chinese_numeral, split_unit

DOCUMENTS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
requires_documents = pytest.mark.skipif(
    not DOCUMENTS.is_dir(), reason=f"the source documents are not at {DOCUMENTS}"
)


def rows(name: str) -> list[dict[str, str]]:
    with (seeds_dir() / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


INDICATORS = {r["code"]: r for r in rows("indicators")}
OBSERVATIONS = rows("observations")


def numbers_in(quote: str) -> set[Decimal]:
    """Every number a reader can see in a quote, with 万/亿 read as magnitudes too."""
    found: set[Decimal] = set()
    for match in re.finditer(
        r"(\d+(?:\.\d+)?)(万亿|千亿|亿|千万|百万|万|千)?", quote.replace(",", "")
    ):
        number = Decimal(match[1])
        found.add(number)
        if match[2]:
            found.add(number * dict(MAGNITUDES)[match[2]])
    for match in re.finditer(r"[零〇一二两三四五六七八九十百千]+", quote):
        value = chinese_numeral(match[0])
        if value is not None:
            found.add(Decimal(value))
    for word, factor in MAGNITUDES:  # "千亿元", "万亿级": a bare magnitude is one of it
        if word in quote:
            found.add(factor)
    return found


def readable_values(value: Decimal, unit: str) -> set[Decimal]:
    """The value as it may be written: in the unit, or in the unit's base (6.1 万个 = 61000 个)."""
    factor, _ = split_unit(unit)
    return {value, value * factor}


@requires_documents
@pytest.mark.parametrize(
    "row", OBSERVATIONS, ids=lambda r: f"{r['indicator']}:{r['kind']}:{r['period']}"
)
def test_quote_is_verbatim_and_states_the_value(row: dict[str, str]) -> None:
    text = (DOCUMENTS / f"{row['source_doc']}.txt").read_text(encoding="utf-8")
    assert row["quote"], "every seeded observation carries a quote"
    assert row["quote"] in text, f"quote not found verbatim in {row['source_doc']}.txt"
    indicator = INDICATORS[row["indicator"]]
    if indicator["direction"] == "milestone" and row["kind"] == "target":
        # A task's target is its completion (100 %); the quote names the task, not a number.
        assert Decimal(row["value"]) == 100
        return
    assert readable_values(Decimal(row["value"]), indicator["unit"]) & numbers_in(row["quote"]), (
        f"value {row['value']} {indicator['unit']} cannot be read from {row['quote']!r}"
    )


def test_every_document_contributes_figures() -> None:
    documents = {r["id"] for r in rows("documents")}
    assert documents == {r["source_doc"] for r in OBSERVATIONS}
    assert len(documents) == 5


def test_one_indicator_per_figure_reported_across_documents() -> None:
    series = [r for r in OBSERVATIONS if r["indicator"] == "SYMC-GOV-CROSS-REGION-ITEMS"]
    assert sorted((r["kind"], r["value"]) for r in series) == [
        ("actual", "152"),
        ("actual", "210"),
        ("target", "260"),
    ]
    assert {r["source_doc"] for r in series} == {"001_429e4e3d7d47d75c", "003_f23afacf029143a4"}


def test_tasks_of_the_work_plans_have_departments() -> None:
    tasks = [r for r in INDICATORS.values() if r["code"].startswith(("SY2016-", "TL2021-"))]
    assert len(tasks) >= 30
    assert all(r["direction"] == "milestone" for r in tasks)
    with_lead = [r for r in tasks if r["lead"]]
    assert len(with_lead) >= len(tasks) - 1  # SY2016-T16 is cut off in the source
