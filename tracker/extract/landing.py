"""Accepted candidates into the store: the document registered and its figures imported
through the importers' parsers, all in one write, or nothing."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.models import Document as StoredDocument
from tracker.domain.vocab import Direction
from tracker.errors import ImportRefusedError, ValidationError
from tracker.extract.candidates import COLUMNS, Candidate
from tracker.extract.reading import Document
from tracker.importers.milestones import parse_milestones
from tracker.importers.observations import IndicatorUnit, parse_observations
from tracker.importers.tables import RawTable
from tracker.services.store import Store, context
from tracker.storage import mutations, queries
from tracker.storage.engine import writing

OBSERVATION_COLUMNS = COLUMNS[: COLUMNS.index("quarantine") + 1]
MILESTONE_COLUMNS = ("indicator", "deliverable", "state", "period", "source_doc", "quote", "note")


@dataclass
class Landed:
    """What one review wrote."""

    document: str  # new, changed or unchanged
    observations: int = 0
    milestones: int = 0


def document_kind(doc: Document) -> str:
    """The documents file's kind of a document, by its title."""
    if "答复" in doc.title:
        return "cppcc_reply"
    if "意见" in doc.title:
        return "implementation_opinion"
    return "work_plan" if "方案" in doc.title or "计划" in doc.title else "document"


def _table(name: str, columns: tuple[str, ...], rows: list[dict[str, str]]) -> RawTable:
    body: list[tuple[int, list[object]]] = [
        (line, [row.get(c, "") for c in columns]) for line, row in enumerate(rows, start=2)
    ]
    return RawTable(name, list(columns), body, "utf-8")


def land(store: Store, *, doc: Document, accepted: list[Candidate], actor: str) -> Landed:
    """Register `doc` and import `accepted`, in one transaction recorded as one import.

    A candidate the importer refuses (no indicator, a unit that does not fit, ...) refuses
    the whole review with its row's problem: the store is left exactly as it was.
    """
    if not accepted:
        raise ValidationError("no candidate was accepted: nothing to write")
    name = f"review:{doc.id}"
    figures = [c.row() for c in accepted if c.kind != "milestone"]
    states = [c.row() for c in accepted if c.kind == "milestone"]
    ctx = context(actor, f"import:{doc.id}")
    with writing(store.engine) as session:
        registered = mutations.upsert_reference(
            session=session,
            ctx=ctx,
            row=StoredDocument(
                id=doc.id,
                title=doc.title or doc.id,
                issuer=doc.issuer,
                written=doc.written,
                published=doc.published,
                kind=document_kind(doc),
            ),
        )
        indicators = queries.indicators_by_code(session=session)
        documents = {d.id for d in queries.documents(session=session)}
        documents.add(doc.id)
        landed = Landed(registered)
        if figures:
            parsed = parse_observations(
                _table(f"{name}:observations", OBSERVATION_COLUMNS, figures),
                indicators={
                    c: IndicatorUnit(i.unit, Direction(i.direction), i.id or 0)
                    for c, i in indicators.items()
                },
                documents=documents,
                source=doc.id,
                programmes={p.code for p in queries.programmes(session=session)},
            )
            if parsed.errors:
                raise ImportRefusedError(name, parsed.errors, len(parsed.errors))
            entries = [(indicators[code], entry) for code, entry in parsed.entries]
            result = mutations.bulk_record(session=session, ctx=ctx, entries=entries)
            landed.observations = result.new + result.changed
        if states:
            milestones = parse_milestones(
                _table(f"{name}:milestones", MILESTONE_COLUMNS, states),
                indicators={c: Direction(i.direction) for c, i in indicators.items()},
                documents=documents,
            )
            if milestones.errors:
                raise ImportRefusedError(name, milestones.errors, len(milestones.errors))
            for entry in milestones.entries:
                outcome = mutations.record_milestone(
                    session=session, ctx=ctx, indicator=indicators[entry.code], entry=entry
                )
                landed.milestones += outcome != "unchanged"
    return landed
