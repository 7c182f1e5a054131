"""The review screen: decisions by key, edits read as recording reads them, one landing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Static

from tracker import services
from tracker.extract.intake import extract
from tracker.extract.landing import land
from tracker.extract.matching import indicators_from_csv
from tracker.services.seeding import create_store
from tracker.services.store import Store
from tracker.tui.screens.review import ReviewApp, ReviewScreen

SEED = Path(__file__).resolve().parents[2] / "seed_data"
REPLY = SEED / "documents" / "000_cb4f7902fb00548b.txt"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    made, _ = create_store(f"sqlite:///{tmp_path / 'review.db'}", figures=False)
    services.import_file(made, SEED / "indicators.csv", actor="tester")
    return made


def stored(store: Store) -> list[tuple[str, str, str]]:
    with sqlite3.connect(store.url.removeprefix("sqlite:///")) as db:
        return db.execute(
            "select i.code, o.period, o.value from observation o"
            " join indicator i on i.id = o.indicator_id order by i.code"
        ).fetchall()


def make(store: Store, lang: str = "zh") -> tuple[ReviewApp, ReviewScreen]:
    known = indicators_from_csv(SEED / "indicators.csv")
    (doc,), candidates = extract([REPLY], indicators=known)
    doc.id = "reviewed_reply"
    for candidate in candidates:
        candidate.source_doc = doc.id
    # The first three figures, and one state, in document order.
    figures = [c for c in candidates if c.value in ("1000", "9", "3") and c.kind == "actual"]
    states = [c for c in candidates if c.kind == "milestone" and "、" in c.deliverable][:1]
    screen = ReviewScreen(
        doc=doc,
        candidates=figures[:3] + states,
        indicators={k.code: k.name for k in known},
        land=lambda d, accepted: land(store, doc=d, accepted=accepted, actor="tester"),
        lang=lang,
    )
    return ReviewApp(screen), screen


def status(screen: ReviewScreen) -> str:
    return str(screen.query_one("#review-status", Static).render())


async def test_the_sentence_is_highlighted_in_its_paragraph(store: Store) -> None:
    app, screen = make(store)
    async with app.run_test():
        text = screen.paragraph_text()
        c = screen.current
        assert c.quote in text.plain
        figure = [text.plain[s.start : s.end] for s in text.spans if "reverse" in str(s.style)]
        assert figure == ["1000余户次"]
        fields = str(screen.query_one("#review-fields", Static).render())
        assert "1000" in fields and "2024-06-13" in fields


async def test_accepted_and_edited_figures_land_as_one_import(store: Store) -> None:
    app, screen = make(store, lang="en")
    async with app.run_test() as pilot:
        await pilot.press("x")  # 1000余户次: rejected
        await pilot.press("e")  # 9家: the value typed as a person types it
        await pilot.press("ctrl+u", *"１２", "enter")
        assert screen.candidates[1].value == "12"
        await pilot.press("a")
        await pilot.press("i")  # 3家: attached to another indicator, by code
        await pilot.press("ctrl+u", *"SYMC-IND-DEMO-BASES", "enter")
        await pilot.press("p", "ctrl+u", *"2023", "enter", "a")
        await pilot.press("w")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "written: document new, 0 new indicators, 2 values" in status(screen)
    assert stored(store) == [
        ("SYMC-IND-DEMO-BASES", "2023", "3"),
        ("SYMC-IND-DEMO-BASES", "2024-06-13", "12"),
    ]
    assert services.document_titles(store)["reviewed_reply"].issuer == "辽宁省发展和改革委员会"


async def test_a_bad_edit_is_refused_and_nothing_is_written(store: Store) -> None:
    app, screen = make(store, lang="en")
    async with app.run_test() as pilot:
        await pilot.press("e", "ctrl+u", *"lots", "enter")
        assert "not a number" in status(screen)
        assert screen.candidates[0].value == "1000"
        await pilot.press("escape", "i", "ctrl+u", *"NOPE", "enter")
        assert "no indicator with code NOPE" in status(screen)
        await pilot.press("escape", "w")
        assert "no candidate accepted yet" in status(screen)
    assert stored(store) == []


async def test_split_makes_one_candidate_for_each_listed_deliverable(store: Store) -> None:
    app, screen = make(store)
    async with app.run_test() as pilot:
        await pilot.press("down", "down", "down")
        listed = screen.current.deliverable
        await pilot.press("s")
        parts = [c.deliverable for c in screen.candidates[3:]]
        assert len(parts) >= 2 and "".join(parts) in listed.replace("、", "").replace("和", "")


async def test_a_new_indicator_is_created_in_the_same_write(store: Store) -> None:
    app, screen = make(store, lang="en")
    async with app.run_test() as pilot:
        await pilot.press("n", *"SYMC-NEW-FIRMS only-a-name", "enter")
        assert "expected a code, a name, a region and a pillar" in status(screen)
        await pilot.press("ctrl+u", *"SYMC-IND-DEMO-BASES a b c", "enter")
        assert "SYMC-IND-DEMO-BASES exists" in status(screen)
        await pilot.press("ctrl+u", *"SYMC-NEW-FIRMS 参与企业 沈阳现代化都市圈 产业共链", "enter")
        await pilot.press("a", "w")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "1 new indicators, 1 values" in status(screen)
    assert stored(store) == [("SYMC-NEW-FIRMS", "2024-06-13", "1000")]
