"""Where figures came from: the documents and programmes each indicator cites, a document's
kept text, and the write that created an observation."""

from __future__ import annotations

import json
from typing import NamedTuple

from sqlmodel import Session, col, select

from tracker.domain.models import AuditEvent, Indicator, Milestone, Observation

# A document's text is kept in an audit event of its own (entity document, action text) by
# the review of `tracker review` (tracker.extract.landing): the schema has no column for it.
TEXT_ACTION = "text"
CURRENT = "current"


class Citations(NamedTuple):
    """The source documents an indicator's current figures and deliverables cite, and the
    programmes its current targets were set by."""

    documents: frozenset[str]
    programmes: frozenset[str]


class Origin(NamedTuple):
    """The write that created an observation: who, when, and from where (`import:FILE`,
    `tui`, `cli`, `seed:...`)."""

    actor: str
    at: object
    origin: str


def citations(*, session: Session) -> dict[str, Citations]:
    """Every indicator's citations, by code (indicators citing nothing are absent)."""
    documents: dict[str, set[str]] = {}
    programmes: dict[str, set[str]] = {}
    observed = session.exec(
        select(Indicator.code, Observation.source_doc, Observation.programme)
        .join(Observation, col(Observation.indicator_id) == Indicator.id)
        .where(Observation.state == CURRENT)
    )
    for code, doc, programme in observed:
        if doc:
            documents.setdefault(code, set()).add(doc)
        if programme:
            programmes.setdefault(code, set()).add(programme)
    delivered = session.exec(
        select(Indicator.code, Milestone.source_doc).join(
            Milestone, col(Milestone.indicator_id) == Indicator.id
        )
    )
    for code, doc in delivered:
        if doc:
            documents.setdefault(code, set()).add(doc)
    return {
        code: Citations(frozenset(documents.get(code, ())), frozenset(programmes.get(code, ())))
        for code in documents.keys() | programmes.keys()
    }


def document_text(*, session: Session, doc_id: str) -> str | None:
    """The text of a document as its latest review kept it (None if none was kept)."""
    event = session.exec(
        select(AuditEvent)
        .where(
            AuditEvent.entity == "document",
            AuditEvent.entity_id == doc_id,
            AuditEvent.action == TEXT_ACTION,
        )
        .order_by(col(AuditEvent.id).desc())
    ).first()
    if event is None or not event.after:
        return None
    return str(json.loads(event.after).get("text", ""))


def observation_origin(*, session: Session, observation_id: int) -> Origin | None:
    """The audit event that created an observation (None if the audit holds none)."""
    event = session.exec(
        select(AuditEvent)
        .where(
            AuditEvent.entity == "observation",
            AuditEvent.entity_id == str(observation_id),
        )
        .order_by(col(AuditEvent.id))
    ).first()
    return None if event is None else Origin(event.actor, event.at, event.origin)
