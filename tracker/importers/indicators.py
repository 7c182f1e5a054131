"""Indicator definitions (`code, name, name_en, unit, direction, region, ...`) into typed specs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tracker.domain.models import Pillar, Region
from tracker.domain.numbers import normalize_text
from tracker.domain.schemas import IndicatorCreate
from tracker.domain.vocab import DIRECTION_WORDS, FREQUENCY_WORDS, Frequency
from tracker.errors import NotFoundError, RowError
from tracker.importers.tables import RawTable, cell_text, cells_of, map_header

ALIASES = {
    "code": "code", "指标编码": "code", "指标代码": "code", "编码": "code", "name": "name",
    "指标名称": "name", "名称": "name", "name_en": "name_en", "英文名称": "name_en",
    "unit": "unit", "单位": "unit", "direction": "direction", "方向": "direction",
    "region": "region", "地区": "region", "区域": "region", "pillar": "pillar", "领域": "pillar",
    "板块": "pillar", "lead": "lead", "牵头单位": "lead", "responsible": "responsible",
    "责任单位": "responsible", "责任部门": "responsible", "frequency": "frequency",
    "频率": "frequency", "报告频率": "frequency", "description": "description",
    "说明": "description", "描述": "description",
}  # fmt: skip
REQUIRED = ("code", "name", "direction", "region", "pillar")
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
SEPARATORS = re.compile(r"[、;；,，/]")


@dataclass
class ParsedIndicators:
    """Typed indicator specs and every problem found, by line."""

    specs: list[IndicatorCreate] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def parse_indicators(
    table: RawTable, *, regions: Sequence[Region], pillars: Sequence[Pillar]
) -> ParsedIndicators:
    """Validate every definition row; region and pillar by code, Chinese or English name."""
    from tracker.storage.queries import resolve_name

    result = ParsedIndicators()
    positions, header_errors = map_header(table, ALIASES, REQUIRED)
    result.errors.extend(header_errors)
    if any("required" in e.message for e in header_errors):
        return result
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        row = {k: normalize_text(cell_text(v)) for k, v in cells_of(cells, positions)}
        errors: list[RowError] = []

        def fail(
            column: str,
            message: str,
            row: dict[str, str] = row,
            errors: list[RowError] = errors,
            line: int = line,
        ) -> None:
            errors.append(RowError(line, column, row.get(column, ""), message))

        code = row["code"].upper()
        if not CODE_PATTERN.match(code) or len(code) > 40:
            fail(
                "code",
                "expected letters, digits and hyphens, e.g. SYMC-ECO-GOOD-AIR-DAYS (at most 40)",
            )
        elif code in seen:
            fail("code", f"repeats line {seen[code]}")
        if not row["name"]:
            fail("name", "a Chinese name is required")
        direction = DIRECTION_WORDS.get(row["direction"].lower())
        if direction is None:
            fail("direction", "expected increase, decrease or milestone (正向, 逆向, 里程碑)")
        frequency = FREQUENCY_WORDS.get(row.get("frequency", "").lower() or "annual")
        if frequency is None:
            fail("frequency", "expected monthly, quarterly, annual or once")
        region_code = pillar_code = ""
        try:
            region_code = resolve_name(rows=regions, text=row["region"], what="region")
        except NotFoundError as exc:
            fail("region", str(exc))
        try:
            pillar_code = resolve_name(rows=pillars, text=row["pillar"], what="pillar")
        except NotFoundError as exc:
            fail("pillar", str(exc))
        if errors:
            result.errors.extend(errors)
            continue
        seen[code] = line
        assert direction is not None
        result.specs.append(
            IndicatorCreate(
                code=code,
                name=row["name"],
                name_en=row.get("name_en", ""),
                unit=row.get("unit", ""),
                direction=direction,
                region_code=region_code,
                pillar_code=pillar_code,
                frequency=frequency or Frequency.ANNUAL,
                description=row.get("description", ""),
                lead=split_names(row.get("lead", "")),
                responsible=split_names(row.get("responsible", "")),
            )  # fmt: skip
        )
    return result


def split_names(text: str) -> tuple[str, ...]:
    """Department names from a list written with 、 ; or commas."""
    return tuple(name.strip() for name in SEPARATORS.split(text) if name.strip())
