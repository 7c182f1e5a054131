"""Regions and pillars as filter and form choices: the region hierarchy indented."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tracker.domain.text import visible

# code, Chinese name, English name (control characters shown), depth in the hierarchy
Choice = tuple[str, str, str, int]


def region_choices(regions: Sequence[Any]) -> list[Choice]:
    """Regions in hierarchy order (each followed by the regions under it), with their depth."""
    children: dict[str | None, list[Any]] = {}
    known = {r.code for r in regions}
    for region in regions:
        parent = region.parent if region.parent in known else None
        children.setdefault(parent, []).append(region)
    result: list[Choice] = []

    def visit(parent: str | None, depth: int) -> None:
        for region in children.get(parent, []):
            result.append((region.code, visible(region.name), visible(region.name_en), depth))
            visit(region.code, depth + 1)

    visit(None, 0)
    return result


def region_tree(regions: Sequence[Any]) -> dict[str, set[str]]:
    """Each region's code with the codes of every region below it."""
    children: dict[str, list[str]] = {}
    for region in regions:
        if region.parent:
            children.setdefault(region.parent, []).append(region.code)
    tree: dict[str, set[str]] = {}
    for region in regions:
        found, stack = set(), [region.code]
        while stack:
            code = stack.pop()
            if code not in found:
                found.add(code)
                stack.extend(children.get(code, []))
        tree[region.code] = found
    return tree


def pillar_choices(pillars: Sequence[Any]) -> list[Choice]:
    """Pillars in their display order."""
    return [(p.code, visible(p.name), visible(p.name_en), 0) for p in pillars]
