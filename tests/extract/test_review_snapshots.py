"""The review screen as a person sees it, in both languages at the sizes people use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.extract.intake import extract
from tracker.extract.matching import indicators_from_csv
from tracker.tui.screens.review import ReviewApp, ReviewScreen

SEED = Path(__file__).resolve().parents[2] / "seed_data"


def review_app(lang: str) -> ReviewApp:
    known = indicators_from_csv(SEED / "indicators.csv")
    (doc,), candidates = extract(
        [SEED / "documents" / "001_429e4e3d7d47d75c.txt"], indicators=known
    )

    def refuse(*_: object) -> object:
        raise AssertionError("a snapshot writes nothing")

    screen = ReviewScreen(
        doc=doc,
        candidates=candidates,
        indicators={k.code: k.name for k in known},
        land=refuse,
        lang=lang,
    )
    return ReviewApp(screen)


@pytest.mark.parametrize(("lang", "size"), [("zh", (80, 24)), ("en", (120, 40))])
def test_the_review_screen(snap_compare, lang: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def to_the_airport(pilot) -> None:  # type: ignore[no-untyped-def]
        # The airport's 1613万人次: a figure read as the previous year (期:上年).
        screen = pilot.app.review
        while screen.current.value != "1613":
            await pilot.press("down")
        await pilot.pause()

    assert snap_compare(review_app(lang), terminal_size=size, run_before=to_the_airport)
