"""The indicator and pillar a candidate most likely belongs to, by its words (rapidfuzz)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from tracker.extract.candidates import Candidate

# A name needs this score (0-100) to be suggested, and this one to fill the indicator code.
NAME_SCORE = 60.0
CODE_SCORE = 80.0
_NOISE = re.compile(r"\d{4}年|今年以来|今年|截至目前|目前|累计|共计|已经|已|达到|实现|完成|其中")


@dataclass(frozen=True)
class KnownIndicator:
    """An indicator a candidate may belong to."""

    code: str
    name: str
    pillar: str = ""
    unit: str = ""


def indicators_from_csv(path: Path) -> list[KnownIndicator]:
    """Indicators of an indicators file (code, name, pillar, unit columns)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            KnownIndicator(row["code"], row["name"], row.get("pillar", ""), row.get("unit", ""))
            for row in csv.DictReader(handle)
            if row.get("code") and row.get("name")
        ]


def _phrase(candidate: Candidate) -> str:
    # The words that name the figure: its clause up to the figure, less dates and cue words.
    if candidate.kind == "milestone":
        return _NOISE.sub("", candidate.deliverable).strip(" 、")
    text = candidate.quote
    head = max(text.rfind(mark, 0, candidate.start) for mark in ",,;;") + 1
    stops = [i for i in (text.find(m, candidate.end) for m in ",,;;、") if i >= 0]
    tail = min(stops or [len(text)])
    words = text[head : candidate.start] + text[candidate.end : tail]
    return _NOISE.sub("", words).strip(" 、")


def _fit(candidate: Candidate, known: KnownIndicator, score: float) -> float:
    # A name of the same unit and of the heading's pillar ranks above an equal one.
    if candidate.kind != "milestone" and known.unit and candidate.unit:
        score += 5 if known.unit == candidate.unit else -15
    return score + (3 if known.pillar and known.pillar == candidate.pillar else 0)


def suggest(
    candidates: Iterable[Candidate],
    indicators: list[KnownIndicator],
    pillars: list[str],
) -> None:
    """Fill each candidate's indicator, name and pillar guesses, with the reason for each."""
    names = [i.name for i in indicators]
    for candidate in candidates:
        if candidate.pillar and pillars:
            best = process.extractOne(candidate.pillar, pillars, scorer=fuzz.partial_ratio)
            if best and best[1] >= NAME_SCORE:
                heading = candidate.pillar[:20]
                candidate.reasons.append(("pillar", {"pillar": best[0], "heading": heading}))
                candidate.pillar = best[0]
        phrase = _phrase(candidate)
        if not candidate.name:
            candidate.name = re.sub(r"^\S*?[的在]", "", phrase)[-32:] if phrase else ""
        if not names or not phrase:
            continue
        found = process.extract(phrase, names, scorer=fuzz.partial_ratio, limit=8)
        if not found:
            continue
        top = max(found, key=lambda option: _fit(candidate, indicators[option[2]], option[1]))
        score = min(100.0, _fit(candidate, indicators[top[2]], top[1]))
        if score < NAME_SCORE:
            continue
        known = indicators[top[2]]
        candidate.name = known.name
        candidate.indicator = known.code if score >= CODE_SCORE else ""
        candidate.confidence = round(candidate.confidence * (0.5 + score / 200), 2)
        candidate.reasons.append(
            ("indicator", {"code": known.code, "name": known.name, "score": f"{score:.0f}"})
        )
