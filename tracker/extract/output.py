"""Candidates to a CSV (the import format's columns, plus the guesses) or JSON file."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from tracker.errors import ValidationError
from tracker.extract.candidates import COLUMNS, Candidate
from tracker.extract.reading import Document


def to_csv(candidates: Iterable[Candidate], lang: str = "zh") -> str:
    """The candidates as CSV text, one row each, the reasons in `lang`."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for candidate in candidates:
        writer.writerow(candidate.row(lang))
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


def to_json(documents: list[Document], candidates: Iterable[Candidate], lang: str = "zh") -> str:
    """The documents and their candidates, with each figure's place in its paragraph."""
    rows = []
    for candidate in candidates:
        row: dict[str, Any] = candidate.row(lang)
        row.update(paragraph=candidate.paragraph, start=candidate.start, end=candidate.end)
        row["reasons"] = [[key, values] for key, values in candidate.reasons]
        row["confidence"] = candidate.confidence
        rows.append(row)
    data = {
        "documents": [{**document_record(doc), "paragraphs": doc.paragraphs} for doc in documents],
        "candidates": rows,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def from_json(text: str, path: str) -> tuple[list[Document], list[Candidate]]:
    """Documents and candidates back from `to_json`'s text; ValidationError if it is not."""
    try:
        data = json.loads(text)
        documents = [
            Document(
                id=d["id"],
                path=d.get("path", ""),
                paragraphs=list(d["paragraphs"]),
                title=d.get("title", ""),
                issuer=d.get("issuer", ""),
                written=date.fromisoformat(d["written"]) if d.get("written") else None,
                published=date.fromisoformat(d["published"]) if d.get("published") else None,
            )
            for d in data["documents"]
        ]
        candidates = [
            Candidate(
                source_doc=r["source_doc"],
                paragraph=int(r["paragraph"]),
                quote=r["quote"],
                start=int(r["start"]),
                end=int(r["end"]),
                kind=r["kind"],
                period=r["period"],
                rule=r.get("note") or "句中",
                value=r.get("value", ""),
                unit=r.get("unit", ""),
                comparator=r.get("comparator", ""),
                deadline_basis=r.get("deadline_basis", ""),
                state=r.get("state", ""),
                deliverable=r.get("deliverable", ""),
                indicator=r.get("indicator", ""),
                name=r.get("name", ""),
                pillar=r.get("pillar", ""),
                confidence=float(r.get("confidence") or 0),
                reasons=[(str(key), dict(values)) for key, values in r.get("reasons", [])],
            )
            for r in data["candidates"]
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise ValidationError(
            f"{path}: not a candidates file of tracker extract ({type(exc).__name__}: {exc})"
        ) from exc
    return documents, candidates
