"""Read documents and propose their candidates: what `tracker extract` and the review run."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from tracker.extract.candidates import Candidate
from tracker.extract.finding import find_candidates
from tracker.extract.matching import KnownIndicator, suggest
from tracker.extract.reading import Document, read_document
from tracker.extract.rules import Rules


def extract(
    paths: Iterable[Path],
    *,
    written: date | None = None,
    indicators: list[KnownIndicator] | None = None,
    pillars: list[str] | None = None,
    rules: Rules | None = None,
) -> tuple[list[Document], list[Candidate]]:
    """Every document read, and the candidates of all of them in reading order.

    `written` replaces the date each document's own text gives (发布时间, the signature).
    """
    documents: list[Document] = []
    candidates: list[Candidate] = []
    for path in paths:
        doc = read_document(path)
        if written is not None:
            doc.written = written
        found = find_candidates(doc, rules=rules, written=written)
        suggest(found, indicators or [], pillars or [])
        documents.append(doc)
        candidates.extend(found)
    return documents, candidates
