"""Reference tables shipped as seed data: documents, regions, pillars, programmes."""

from __future__ import annotations

from collections.abc import Set
from datetime import date

from tracker.domain.models import Document, Pillar, Programme, Region
from tracker.domain.periods import parse_period
from tracker.errors import ImportRefusedError, RowError, TrackerError, ValidationError
from tracker.importers.tables import RawTable, cell_text, cells_of, map_header

SHAPES = {
    "documents": ("id", "title", "issuer", "written", "published", "kind"),
    "regions": ("code", "name", "name_en", "parent", "level"),
    "pillars": ("code", "name", "name_en"),
}
PROGRAMME_ALIASES = {
    "code": "code",
    "编码": "code",
    "规划编码": "code",
    "name": "name",
    "名称": "name",
    "规划名称": "name",
    "name_en": "name_en",
    "英文名称": "name_en",
    "document": "document",
    "文件": "document",
    "来源文件": "document",
    "start": "start",
    "起始": "start",
    "开始": "start",
    "end": "end",
    "截止": "end",
    "结束": "end",
}


def _records(table: RawTable, shape: str) -> list[dict[str, str]]:
    expected = SHAPES[shape]
    if tuple(table.header) != expected:
        raise TrackerError(f"{table.path}: line 1: expected the columns {', '.join(expected)}")
    return [
        {k: str(cells[i]).strip() if i < len(cells) else "" for i, k in enumerate(expected)}
        for _, cells in table.rows
    ]


def parse_documents(table: RawTable) -> list[Document]:
    """Source documents."""
    return [
        Document(
            id=r["id"],
            title=r["title"],
            issuer=r["issuer"],
            kind=r["kind"],
            written=date.fromisoformat(r["written"]) if r["written"] else None,
            published=date.fromisoformat(r["published"]) if r["published"] else None,
        )
        for r in _records(table, "documents")
    ]


def parse_regions(table: RawTable) -> list[Region]:
    """Regions, parents before children as written."""
    return [
        Region(
            code=r["code"],
            name=r["name"],
            name_en=r["name_en"],
            parent_code=r["parent"] or None,
            level=r["level"],
        )
        for r in _records(table, "regions")
    ]


def parse_pillars(table: RawTable) -> list[Pillar]:
    """Pillars in display order."""
    return [
        Pillar(code=r["code"], name=r["name"], name_en=r["name_en"], position=i)
        for i, r in enumerate(_records(table, "pillars"))
    ]


def parse_programmes(table: RawTable, *, documents: Set[str]) -> list[Programme]:
    """Programmes with their spans (`code, name, name_en, document, start, end`); every problem
    is collected and raised together (ImportRefusedError), by line and column."""
    positions, errors = map_header(table, PROGRAMME_ALIASES, ("code", "name"))
    if errors:
        raise ImportRefusedError(table.path, errors, len(errors))
    found: list[Programme] = []
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        row = {k: cell_text(v).strip() for k, v in cells_of(cells, positions)}

        def fail(column: str, message: str, row: dict[str, str] = row, line: int = line) -> None:
            errors.append(RowError(line, column, row.get(column, ""), message))

        code = row.get("code", "").upper()
        if not code or len(code) > 40:
            fail("code", "a programme code of at most 40 characters is required")
        elif code in seen:
            fail("code", f"repeats line {seen[code]}")
        if not row.get("name"):
            fail("name", "a name is required")
        document = row.get("document") or None
        if document is not None and document not in documents:
            fail("document", "unknown source document id")
        spans: dict[str, str] = {}
        for column in ("start", "end"):
            text = row.get(column, "")
            try:
                spans[column] = parse_period(text).text if text else ""
            except ValidationError as exc:
                fail(column, str(exc))
        if spans.get("start") and spans.get("end"):
            if parse_period(spans["end"]).end < parse_period(spans["start"]).first_day:
                fail("end", "a programme must end after it starts")
        seen.setdefault(code, line)
        found.append(
            Programme(
                code=code,
                name=row.get("name", ""),
                name_en=row.get("name_en", ""),
                document=document,
                start_period=spans.get("start", ""),
                end_period=spans.get("end", ""),
            )
        )
    if errors:
        raise ImportRefusedError(table.path, errors, len(errors))
    return found
