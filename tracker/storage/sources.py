"""Where figures came from: the indicators citing a document or set by a programme, a
document's kept text, and the write that created an observation."""

from __future__ import annotations

import json
from typing import NamedTuple

from sqlmodel import Session, col, select

from tracker.domain.models import AuditEvent, ChangeSet, Indicator, Milestone, Observation

# A document's text is kept in an audit event of its own (entity document, action text) by
# the review of `tracker review` (tracker.extract.landing): the schema has no column for it.
TEXT_ACTION = "text"
CURRENT = "current"


class Origin(NamedTuple):
    """The write that created an observation: who, when, and from where (`import:FILE`,
    `tui`, `cli`, `seed:...`)."""

    actor: str
    at: object
    origin: str
    line: int | None = None  # the line of the imported file (revision 0010)


def citing(*, session: Session, document: str | None, programme: str | None) -> set[str]:
    """The codes of the indicators whose current figures or deliverables cite `document` and
    whose current targets were set by `programme` (each only when given)."""
    found: set[str] | None = None
    if document:
        observed = session.exec(
            select(Indicator.code)
            .join(Observation, col(Observation.indicator_id) == Indicator.id)
            .where(Observation.state == CURRENT, Observation.source_doc == document)
            .distinct()
        )
        delivered = session.exec(
            select(Indicator.code)
            .join(Milestone, col(Milestone.indicator_id) == Indicator.id)
            .where(Milestone.source_doc == document)
            .distinct()
        )
        found = set(observed) | set(delivered)
    if programme:
        set_by = session.exec(
            select(Indicator.code)
            .join(Observation, col(Observation.indicator_id) == Indicator.id)
            .where(Observation.state == CURRENT, Observation.programme == programme)
            .distinct()
        )
        codes = set(set_by)
        found = codes if found is None else found & codes
    return found if found is not None else set()


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
    """The change set that wrote an observation (None if there is no such observation)."""
    found = session.exec(
        select(ChangeSet, Observation.source_line)
        .join(Observation, col(Observation.written_in) == col(ChangeSet.id))
        .where(Observation.id == observation_id)
    ).first()
    if found is None:
        return None
    written, line = found
    actor = f"{written.actor} ({written.person})" if written.person else written.actor
    origin = written.origin
    if origin == "import" and written.file_name:
        origin = f"import:{written.file_name}"
    return Origin(actor, written.at, origin, line)
