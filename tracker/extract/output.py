"""Candidates to a CSV (the import format's columns, plus the guesses) or JSON file."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from tracker.extract.candidates import COLUMNS, Candidate
from tracker.extract.reading import Document


def to_csv(candidates: Iterable[Candidate]) -> str:
    """The candidates as CSV text, one row each."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for candidate in candidates:
        writer.writerow(candidate.row())
    return out.getvalue()


def document_record(doc: Document) -> dict[str, Any]:
    """What a document's own text says of it, as the documents file names it."""
    return {
        "id": doc.id,
        "title": doc.title,
        "issuer": doc.issuer,
        "written": doc.written.isoformat() if doc.written else "",
        "published": doc.published.isoformat() if doc.published else "",
        "path": doc.path,
    }


def to_json(documents: list[Document], candidates: Iterable[Candidate]) -> str:
    """The documents and their candidates, with each figure's place in its paragraph."""
    rows = []
    for candidate in candidates:
        row: dict[str, Any] = candidate.row()
        row.update(paragraph=candidate.paragraph, start=candidate.start, end=candidate.end)
        row["confidence"] = candidate.confidence
        rows.append(row)
    data = {
        "documents": [{**document_record(doc), "paragraphs": doc.paragraphs} for doc in documents],
        "candidates": rows,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
