"""Indicator definitions (`code, name, name_en, unit, direction, region, ...`) into typed specs."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tracker.domain.models import Pillar, Region
from tracker.domain.numbers import normalize_text
from tracker.domain.schemas import DEPARTMENT_LIMIT, INDICATOR_LIMITS, IndicatorCreate
from tracker.domain.status_board import resolve_name
from tracker.domain.text import control_in, too_long
from tracker.domain.vocab import DIRECTION_WORDS, FREQUENCY_WORDS, MEASURE_WORDS
from tracker.errors import NotFoundError, RowError
from tracker.importers.tables import RawTable, cell_text, cells_of, map_header

ALIASES = {
    "code": "code",
    "指标编码": "code",
    "指标代码": "code",
    "编码": "code",
    "name": "name",
    "指标名称": "name",
    "名称": "name",
    "name_en": "name_en",
    "英文名称": "name_en",
    "unit": "unit",
    "单位": "unit",
    "direction": "direction",
    "方向": "direction",
    "region": "region",
    "地区": "region",
    "区域": "region",
    "pillar": "pillar",
    "领域": "pillar",
    "板块": "pillar",
    "lead": "lead",
    "牵头单位": "lead",
    "responsible": "responsible",
    "责任单位": "responsible",
    "责任部门": "responsible",
    "frequency": "frequency",
    "频率": "frequency",
    "报告频率": "frequency",
    "description": "description",
    "说明": "description",
    "描述": "description",
    "measure": "measure",
    "度量": "measure",
    "指标性质": "measure",
}
REQUIRED = ("code", "name", "direction", "region", "pillar")
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
SEPARATORS = re.compile(r"[、;；,，/]")


@dataclass
class ParsedIndicators:
    """Typed indicator specs and every problem found, by line."""

    specs: list[IndicatorCreate] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # each spec's line, by code


def parse_indicators(
    table: RawTable, *, regions: Sequence[Region], pillars: Sequence[Pillar]
) -> ParsedIndicators:
    """Validate every definition row; region and pillar by code, Chinese or English name."""
    result = ParsedIndicators()
    positions, header_errors = map_header(table, ALIASES, REQUIRED)
    result.errors.extend(header_errors)
    if any("required" in e.message for e in header_errors):
        return result
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        row = {k: normalize_text(cell_text(v)) for k, v in cells_of(cells, positions)}
        spec, errors = indicator_spec(row, line=line, regions=regions, pillars=pillars)
        if spec is not None and spec.code in seen:
            errors.append(RowError(line, "code", spec.code, f"repeats line {seen[spec.code]}"))
        if errors:
            result.errors.extend(errors)
            continue
        assert spec is not None
        seen[spec.code] = result.lines[spec.code] = line
        result.specs.append(spec)
    return result


def indicator_spec(
    row: Mapping[str, str], *, line: int, regions: Sequence[Region], pillars: Sequence[Pillar]
) -> tuple[IndicatorCreate | None, list[RowError]]:
    """One definition from its fields (canonical names, text already normalised), or errors."""
    errors: list[RowError] = []

    def fail(column: str, message: str) -> None:
        errors.append(RowError(line, column, row.get(column, ""), message))

    refused = set()
    for column, value in row.items():
        problem = control_in(value) or too_long(value, INDICATOR_LIMITS.get(column))
        if problem is not None:
            fail(column, problem)
            refused.add(column)
    code = row.get("code", "").upper()
    if "code" not in refused and not CODE_PATTERN.match(code):
        fail(
            "code",
            "expected letters, digits and hyphens, e.g. SYMC-ECO-GOOD-AIR-DAYS"
            f" (at most {INDICATOR_LIMITS['code']})",
        )
    name = row.get("name", "")
    if not name:
        fail("name", "a Chinese name is required")
    for column in ("lead", "responsible"):
        for department in split_names(row.get(column, "")):
            if (problem := too_long(department, DEPARTMENT_LIMIT)) is not None:
                fail(column, f"a department name of {problem}")
    direction = DIRECTION_WORDS.get(row.get("direction", "").lower())
    if direction is None:
        fail("direction", "expected increase, decrease or milestone (正向, 逆向, 里程碑)")
    frequency = FREQUENCY_WORDS.get(row.get("frequency", "").lower() or "annual")
    if frequency is None:
        fail("frequency", "expected monthly, quarterly, annual or once")
    measure = MEASURE_WORDS.get(row.get("measure", "").lower() or "level")
    if measure is None:
        fail("measure", "expected level, rate or rank (水平, 增速, 排名)")
    region_code = pillar_code = ""
    try:
        region_code = resolve_name(rows=regions, text=row.get("region", ""), what="region")
    except NotFoundError as exc:
        fail("region", str(exc))
    try:
        pillar_code = resolve_name(rows=pillars, text=row.get("pillar", ""), what="pillar")
    except NotFoundError as exc:
        fail("pillar", str(exc))
    if errors or direction is None or frequency is None or measure is None:
        return None, errors
    spec = IndicatorCreate(
        code=code,
        name=name,
        name_en=row.get("name_en", ""),
        unit=row.get("unit", ""),
        direction=direction,
        region_code=region_code,
        pillar_code=pillar_code,
        frequency=frequency,
        description=row.get("description", ""),
        measure=measure,
        lead=split_names(row.get("lead", "")),
        responsible=split_names(row.get("responsible", "")),
    )
    return spec, errors


def split_names(text: str) -> tuple[str, ...]:
    """Department names from a list written with 、 ; or commas."""
    return tuple(name.strip() for name in SEPARATORS.split(text) if name.strip())
