"""Accepted candidates land through the importer in one write, with their document."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tracker import services
from tracker.errors import ImportRefusedError
from tracker.extract.intake import extract
from tracker.extract.landing import document_text, land
from tracker.extract.matching import indicators_from_csv
from tracker.services.seeding import create_store

SEED = Path(__file__).resolve().parents[2] / "seed_data"
REPLY = SEED / "documents" / "000_cb4f7902fb00548b.txt"


@pytest.fixture
def store(tmp_path: Path) -> services.Store:
    # The reference tables and the indicators, no figures: what a review adds is all there is.
    made, _ = create_store(f"sqlite:///{tmp_path / 'empty.db'}", figures=False)
    services.import_file(made, SEED / "indicators.csv", actor="tester")
    return made


def _counts(store: services.Store) -> tuple[int, int, int]:
    path = store.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        return (
            db.execute("select count(*) from observation").fetchone()[0],
            db.execute("select count(*) from milestone").fetchone()[0],
            db.execute("select count(*) from audit_event").fetchone()[0],
        )


def _accepted() -> tuple:  # type: ignore[type-arg]
    known = indicators_from_csv(SEED / "indicators.csv")
    (doc,), candidates = extract([REPLY], indicators=known)
    units = {k.code: k.unit for k in known}
    figures = [c for c in candidates if c.kind == "actual" and units.get(c.indicator) == c.unit]
    figures = figures[:5]
    return doc, figures


def test_accepted_figures_land_with_their_document(store: services.Store) -> None:
    doc, accepted = _accepted()
    doc.id = "new_reply"
    for candidate in accepted:
        candidate.source_doc = doc.id
    before = _counts(store)
    landed = land(store, doc=doc, accepted=accepted, actor="tester")
    assert (landed.document, landed.observations) == ("new", len(accepted))
    after = _counts(store)
    assert after[0] == before[0] + len(accepted)
    titles = services.document_titles(store)
    assert titles["new_reply"].title == doc.title
    assert titles["new_reply"].written is not None
    assert titles["new_reply"].written.isoformat() == "2024-06-13"
    assert landed.text == "kept"
    assert document_text(store, "new_reply") == REPLY.read_text("utf-8").split("\n", 2)[2].strip()
    again = land(store, doc=doc, accepted=accepted, actor="tester")
    assert (again.document, again.text, again.observations) == ("unchanged", "unchanged", 0)


def test_a_refused_candidate_refuses_the_whole_review(store: services.Store) -> None:
    doc, accepted = _accepted()
    accepted[-1].indicator = "NO-SUCH-INDICATOR"
    before = _counts(store)
    with pytest.raises(ImportRefusedError) as caught:
        land(store, doc=doc, accepted=accepted, actor="tester")
    assert any("NO-SUCH-INDICATOR" in str(e) for e in caught.value.errors)
    assert _counts(store) == before
    assert document_text(store, doc.id) is None


def test_a_new_indicator_with_an_unknown_region_refuses_the_review(store: services.Store) -> None:
    doc, accepted = _accepted()
    accepted[0].indicator = "SYMC-NEW"
    accepted[0].new_indicator = {
        "code": "SYMC-NEW",
        "name": "新指标",
        "unit": accepted[0].unit,
        "direction": "increase",
        "region": "火星",
        "pillar": "产业共链",
    }
    before = _counts(store)
    with pytest.raises(ImportRefusedError) as caught:
        land(store, doc=doc, accepted=accepted, actor="tester")
    assert any("火星" in str(e) for e in caught.value.errors)
    assert _counts(store) == before
