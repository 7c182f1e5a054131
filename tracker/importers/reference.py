"""Reference tables shipped as seed data: documents, regions, pillars."""

from __future__ import annotations

from datetime import date

from tracker.domain.models import Document, Pillar, Region
from tracker.errors import TrackerError
from tracker.importers.tables import RawTable

SHAPES = {
    "documents": ("id", "title", "issuer", "written", "published", "kind"),
    "regions": ("code", "name", "name_en", "parent", "level"),
    "pillars": ("code", "name", "name_en"),
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
