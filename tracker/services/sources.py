"""The source of a figure: its document's text with the quoted sentence found in its
paragraph, and for an imported value the file it came from; the indicators citing a
document or set by a programme, for filtering by them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tracker.config import seeds_dir
from tracker.services.store import Store
from tracker.storage import queries
from tracker.storage.engine import reading
from tracker.storage.sources import Origin, citing, document_text, observation_origin

IMPORT_PREFIX = "import:"
# A sentence ends at one of these (a quote is a clause or a sentence of the document).
SENTENCE_END = re.compile(r"[。；;！!？?]")
# The lines above the body of a shipped document: where it was published and when.
HEADER = re.compile(r"^(来源|发布时间)[:：]")


@dataclass(frozen=True)
class SourceDocument:
    """A document's title and its text as paragraphs; `kept` says where the text came from
    (`seed`: shipped with tracker; `review`: kept by the review that imported it)."""

    doc_id: str
    title: str
    paragraphs: tuple[str, ...]
    kept: str


@dataclass(frozen=True)
class Located:
    """Where a quote stands: its paragraph, its span and the span of its sentence there."""

    paragraph: int
    start: int
    end: int
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class ObservationSource:
    """How an observation entered the store: the write that created it and, for an imported
    value, the file's name and line (None for a value imported before revision 0010)."""

    origin: Origin | None
    imported_file: str | None
    imported_line: int | None = None


def source_document(
    store: Store, doc_id: str, *, seeds: Path | None = None
) -> SourceDocument | None:
    """The document `doc_id` with its text: the shipped file under `seeds`/documents (the
    package's seed data by default), else the text its review kept; None when neither is
    there."""
    with reading(store.engine) as session:
        titles = {d.id: d.title for d in queries.documents(session=session)}
        kept = document_text(session=session, doc_id=doc_id)
    shipped = (seeds or seeds_dir()) / "documents" / f"{doc_id}.txt"
    if shipped.is_file():
        lines, where = shipped.read_text(encoding="utf-8").splitlines(), "seed"
        lines = [line for line in lines if not HEADER.match(line)]
    elif kept is not None:
        lines, where = kept.splitlines(), "review"
    else:
        return None
    paragraphs = tuple(line.strip() for line in lines if line.strip())
    return SourceDocument(doc_id, titles.get(doc_id, doc_id), paragraphs, where)


def locate(paragraphs: tuple[str, ...], quote: str) -> Located | None:
    """The first place `quote` stands in `paragraphs`, as written or once full-width forms
    and white space are set aside; None when it is not there."""
    wanted = quote.strip()
    if not wanted:
        return None
    for index, paragraph in enumerate(paragraphs):
        at = paragraph.find(wanted)
        if at >= 0:
            return _sentence(index, paragraph, at, at + len(wanted))
    folded_quote, _ = _folded(wanted)
    for index, paragraph in enumerate(paragraphs):
        folded, positions = _folded(paragraph)
        at = folded.find(folded_quote)
        if at >= 0:
            end = positions[at + len(folded_quote) - 1] + 1
            return _sentence(index, paragraph, positions[at], end)
    return None


def _folded(text: str) -> tuple[str, list[int]]:
    """`text` without white space and in NFKC form, with each character's place in `text`."""
    chars, positions = [], []
    for place, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char):
            if not folded.isspace():
                chars.append(folded)
                positions.append(place)
    return "".join(chars), positions


def _sentence(index: int, paragraph: str, start: int, end: int) -> Located:
    before = [m.end() for m in SENTENCE_END.finditer(paragraph, 0, start)]
    after = SENTENCE_END.search(paragraph, max(end - 1, start))
    return Located(
        index,
        start,
        end,
        before[-1] if before else 0,
        after.end() if after else len(paragraph),
    )


def observation_source(store: Store, observation_id: int) -> ObservationSource:
    """How observation `observation_id` entered the store (see ObservationSource)."""
    with reading(store.engine) as session:
        origin = observation_origin(session=session, observation_id=observation_id)
    imported = None
    if origin is not None and origin.origin.startswith(IMPORT_PREFIX):
        imported = origin.origin.removeprefix(IMPORT_PREFIX)
    line = origin.line if origin is not None and imported is not None else None
    return ObservationSource(origin, imported, line)


def indicators_citing(
    store: Store, *, document: str | None = None, programme: str | None = None
) -> set[str]:
    """The codes of the indicators citing `document` (in a current figure or a deliverable)
    and set by `programme` (a current target), each only when given."""
    with reading(store.engine) as session:
        return citing(session=session, document=document, programme=programme)


def programme_names(store: Store) -> list[tuple[str, str, str]]:
    """Every programme as (code, Chinese name, English name), by code."""
    with reading(store.engine) as session:
        return [(p.code, p.name, p.name_en) for p in queries.programmes(session=session)]
