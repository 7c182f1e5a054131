"""Accepted candidates into the store: the document registered and its figures imported
through the importers' parsers, all in one write, or nothing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from tracker.domain.models import Document as StoredDocument
from tracker.domain.vocab import Direction
from tracker.errors import ImportRefusedError, ValidationError
from tracker.extract.candidates import COLUMNS, Candidate
from tracker.extract.reading import Document
from tracker.importers.indicators import parse_indicators
from tracker.importers.milestones import parse_milestones
from tracker.importers.observations import IndicatorUnit, parse_observations
from tracker.importers.tables import RawTable, Row
from tracker.services.store import Store, context
from tracker.storage import mutations, queries, sources
from tracker.storage.audit import WriteContext, record_audit
from tracker.storage.engine import reading, writing

OBSERVATION_COLUMNS = COLUMNS[: COLUMNS.index("quarantine") + 1]
INDICATOR_COLUMNS = ("code", "name", "unit", "direction", "region", "pillar")
MILESTONE_COLUMNS = ("indicator", "deliverable", "state", "period", "source_doc", "quote", "note")


@dataclass
class Landed:
    """What one review wrote."""

    document: str  # new, changed or unchanged
    text: str = "unchanged"  # kept (the text differs from the one kept before) or unchanged
    observations: int = 0
    milestones: int = 0
    indicators: int = 0


def document_kind(doc: Document) -> str:
    """The documents file's kind of a document, by its title."""
    if "答复" in doc.title:
        return "cppcc_reply"
    if "意见" in doc.title:
        return "implementation_opinion"
    return "work_plan" if "方案" in doc.title or "计划" in doc.title else "document"


def _table(name: str, columns: tuple[str, ...], rows: list[dict[str, str]]) -> RawTable:
    body: list[Row] = [
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
    ctx.command, ctx.file_name = "import", doc.id  # one change set, named after the document
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
        landed = Landed(registered, _keep_text(session, ctx, doc))
        landed.indicators = _create_indicators(session, ctx, name, accepted)
        indicators = queries.indicators_by_code(session=session)
        documents = {d.id for d in queries.documents(session=session)}
        documents.add(doc.id)
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


def _create_indicators(
    session: Session, ctx: WriteContext, name: str, accepted: list[Candidate]
) -> int:
    # The indicators the reviewer defined, as an indicators file would define them.
    defined = {c.new_indicator["code"]: c.new_indicator for c in accepted if c.new_indicator}
    if not defined:
        return 0
    existing = queries.indicators_by_code(session=session)
    rows = [row for code, row in defined.items() if code not in existing]
    parsed = parse_indicators(
        _table(f"{name}:indicators", INDICATOR_COLUMNS, rows),
        regions=queries.regions(session=session),
        pillars=queries.pillars(session=session),
    )
    if parsed.errors:
        raise ImportRefusedError(name, parsed.errors, len(parsed.errors))
    for spec in parsed.specs:
        mutations.create_indicator(session=session, ctx=ctx, spec=spec)
    return len(parsed.specs)


def _keep_text(session: Session, ctx: WriteContext, doc: Document) -> str:
    if sources.document_text(session=session, doc_id=doc.id) == doc.text:
        return "unchanged"
    record_audit(
        session=session,
        ctx=ctx,
        action=sources.TEXT_ACTION,
        entity="document",
        entity_id=doc.id,
        after={"text": doc.text, "source": doc.source, "path": doc.path},
    )
    return "kept"


def document_text(store: Store, doc_id: str) -> str | None:
    """The text of a document as its latest review read it (None if none was kept)."""
    with reading(store.engine) as session:
        return sources.document_text(session=session, doc_id=doc_id)
