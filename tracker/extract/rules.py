"""The reading rules (cue words, units, bounds, period words) loaded from rules.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Rules:
    """Every table `tracker extract` reads by; see rules.toml for what each one means."""

    units: tuple[str, ...]
    magnitudes: tuple[str, ...]
    numerals: dict[str, int]
    numeral_units: tuple[str, ...]
    phrases: dict[str, tuple[str, str]]
    bounds_after: dict[str, str]
    bounds_before: dict[str, str]
    target_cues: tuple[str, ...]
    baseline_cues: tuple[str, ...]
    target_sections: tuple[str, ...]
    plan_titles: tuple[str, ...]
    plan_facts: tuple[str, ...]
    completion_targets: tuple[str, ...]
    planned_cues: tuple[str, ...]
    states: dict[str, tuple[str, ...]]
    planned_in_report: tuple[str, ...]
    periods: dict[str, tuple[str, ...]]


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def parse_rules(data: dict[str, Any]) -> Rules:
    """Build the rules from a parsed rules.toml."""
    states = data["states"]
    return Rules(
        units=_longest_first(data["units"]["words"]),
        magnitudes=_longest_first(data["units"]["magnitudes"]),
        numerals=dict(data["units"]["numerals"]),
        numeral_units=tuple(data["units"]["numeral_units"]),
        phrases={k: (v[0], v[1]) for k, v in data["units"]["phrases"].items()},
        bounds_after=dict(data["bounds"]["after"]),
        bounds_before=dict(data["bounds"]["before"]),
        target_cues=tuple(data["kinds"]["target"]),
        baseline_cues=tuple(data["kinds"]["baseline"]),
        target_sections=tuple(data["kinds"]["target_sections"]),
        plan_titles=tuple(data["kinds"]["plan_titles"]),
        plan_facts=tuple(data["kinds"]["plan_facts"]),
        completion_targets=tuple(data["kinds"]["completion_targets"]),
        planned_cues=tuple(states["planned_cues"]),
        states={
            name: _longest_first(states[name])
            for name in ("approved", "started", "completed", "planned")
        },
        planned_in_report=tuple(states["planned_in_report"]),
        periods={name: _longest_first(words) for name, words in data["periods"].items()},
    )


@cache
def default_rules() -> Rules:
    """The rules shipped beside this module."""
    text = resources.files("tracker.extract").joinpath("rules.toml").read_text("utf-8")
    return parse_rules(tomllib.loads(text))


def load_rules(path: Path) -> Rules:
    """Rules from another file of the same shape (to try a change before shipping it)."""
    return parse_rules(tomllib.loads(path.read_text("utf-8")))
