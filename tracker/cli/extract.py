"""`tracker extract FILE...`: candidates from policy documents; `tracker review FILE`: accept
them into the store through the importer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tracker import services
from tracker.cli.options import DbOption, actor, as_of_date, lang_of, open_store
from tracker.errors import StoreMissingError, ValidationError
from tracker.extract.candidates import Candidate
from tracker.extract.intake import extract as run
from tracker.extract.landing import land
from tracker.extract.matching import KnownIndicator, indicators_from_csv
from tracker.extract.output import from_json, to_csv, to_json
from tracker.extract.reading import Document
from tracker.i18n import t


def _known(db: str | None, indicators: Path | None) -> tuple[list[KnownIndicator], list[str]]:
    """The indicators and pillars to match against: a file's, else the store's, else none."""
    if indicators is not None:
        known = indicators_from_csv(indicators)
        return known, sorted({k.pillar for k in known if k.pillar})
    try:
        store = open_store(db)
    except StoreMissingError:
        return [], []
    try:
        records = list(services.indicator_records(store))
    finally:
        store.engine.dispose()
    known = [KnownIndicator(r["code"], r["name"], r["pillar"], r["unit"]) for r in records]
    return known, sorted({k.pillar for k in known if k.pillar})


def extract(
    files: Annotated[
        list[Path], typer.Argument(help="Documents to read: .txt, .html, .docx or text .pdf.")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write candidates.csv or candidates.json here."),
    ] = None,
    date_: Annotated[
        str | None,
        typer.Option(
            "--date", help="Read the documents as written on YYYY-MM-DD (default: their own)."
        ),
    ] = None,
    db: DbOption = None,
    indicators: Annotated[
        Path | None,
        typer.Option(help="Match names against this indicators file instead of the store's."),
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="zh or en: the language of the reasons.")
    ] = None,
) -> None:
    """Propose every figure and dated commitment of the documents as a candidate: value,
    unit, bound, kind, period, the verbatim sentence and the likely indicator, each guess
    with a confidence and its reason. Nothing is written to the store.

    Example: tracker extract reply.html -o candidates.csv
    """
    words = lang_of(lang)
    written = as_of_date(date_, "--date") if date_ else None
    if output is not None and output.suffix.lower() not in (".csv", ".json"):
        raise typer.BadParameter("expected a .csv or .json file", param_hint="--output")
    for file in files:
        if not file.is_file():
            raise typer.BadParameter(f"{file}: no such file", param_hint="FILE")
    known, pillars = _known(db, indicators)
    documents, candidates = run(files, written=written, indicators=known, pillars=pillars)
    text = (
        to_json(documents, candidates, words)
        if output is not None and output.suffix.lower() == ".json"
        else to_csv(candidates, words)
    )
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
    for doc in documents:
        dated = doc.written or doc.published
        count = sum(1 for c in candidates if c.source_doc == doc.id)
        shown = dated.isoformat() if dated else t("extract.undated", words)
        done = t("extract.done", words, id=doc.id, count=count, title=doc.title or "-", dated=shown)
        typer.echo(done, err=True)


def review(
    file: Annotated[
        Path,
        typer.Argument(help="A document (.txt, .html, .docx, .pdf) or its candidates .json."),
    ],
    db: DbOption = None,
    date_: Annotated[
        str | None,
        typer.Option("--date", help="Read the document as written on YYYY-MM-DD."),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="zh or en.")] = "zh",
) -> None:
    """Review a document's candidates in the terminal: each sentence in its paragraph; keys
    accept (a), reject (x), edit the value (e) or period (p), change the kind (k), attach to
    another indicator (i), split (s), and write what was accepted (w) as one import, with the
    document registered.

    Example: tracker review reply.html --db tracker.db
    """
    # Textual loads when the review opens, not for `tracker review --help`.
    from tracker.tui.screens.review import ReviewApp, ReviewScreen

    if lang not in ("zh", "en"):
        raise typer.BadParameter("expected zh or en", param_hint="--lang")
    if not file.is_file():
        raise typer.BadParameter(f"{file}: no such file", param_hint="FILE")
    written = as_of_date(date_, "--date") if date_ else None
    store = open_store(db)
    if file.suffix.lower() == ".json":
        documents, candidates = from_json(file.read_text("utf-8"), str(file))
    else:
        known, pillars = _known(db, None)
        documents, candidates = run([file], written=written, indicators=known, pillars=pillars)
    if len(documents) != 1:
        raise ValidationError(f"{file}: expected one document, found {len(documents)}")
    if not candidates:
        raise ValidationError(f"{file}: no candidate to review")
    names = {r["code"]: r["name"] for r in services.indicator_records(store)}
    who = actor()

    def landing(doc: Document, accepted: list[Candidate]) -> object:
        return land(store, doc=doc, accepted=accepted, actor=who)

    screen = ReviewScreen(
        doc=documents[0], candidates=candidates, indicators=names, land=landing, lang=lang
    )
    ReviewApp(screen).run()
