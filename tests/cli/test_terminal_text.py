"""Text in the store cannot attack the terminal that shows it: control characters print as
escapes and markup prints as text, in every command that shows people's text."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.cli.conftest import TESTER, Invoke
from tracker.storage.engine import make_engine

CODE = "SY-INNO-TECH-SMES"
TITLE = "\x1b]0;pwned\x07"  # sets the window title
CLEAR = "\x1b[2J"  # clears the screen
LINK = "\x1b]8;;https://evil.example/\x1b\\here\x1b]8;;\x1b\\"  # a clickable link


def plant(url: str) -> None:
    """Text that predates the input checks (or came in by another client), straight in."""
    engine = make_engine(url, create=False)
    with engine.begin() as connection:
        run = connection.execute
        run(
            sa.text(
                "UPDATE indicator SET name = :n, name_en = :e, updated_by = :u WHERE code = :c"
            ),
            {
                "n": f"科技{TITLE}企业",
                "e": "[bold red]Tech[/] [link=https://evil.example/]x[/link]",
                "u": f"ann{CLEAR}",
                "c": CODE,
            },
        )
        run(
            sa.text(
                "UPDATE pillar SET name = :n WHERE code = (SELECT pillar_code FROM indicator"
                " WHERE code = :c)"
            ),
            {"n": f"创新{CLEAR}", "c": CODE},
        )
    engine.dispose()


@pytest.fixture
def planted(tracker: Invoke, db_url: str) -> Invoke:
    assert tracker("record", CODE, "8000", "--period", "2025", "--note", "n").exit_code == 0
    assert tracker("flag", CODE, "--reason", "slow").exit_code == 0
    plant(db_url)
    engine = make_engine(db_url, create=False)
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE observation SET note = :n, entered_by = :u WHERE entered_by = :tester"),
            {"n": LINK, "u": f"x{CLEAR}", "tester": TESTER},
        )
        connection.execute(sa.text("UPDATE flag SET reason = :r"), {"r": f"why{CLEAR}"})
        # Who made a change is shown from its change set: the account, the person beside it.
        connection.execute(
            sa.text("UPDATE change_set SET actor = :a, person = NULL WHERE origin <> 'seed'"),
            {"a": f"ann{TITLE}"},
        )
    engine.dispose()
    return tracker


@pytest.mark.parametrize(
    "args",
    [
        ("show", CODE),
        ("show", CODE, "--lang", "en"),
        ("list", "--pillar", "创新\x1b[2J"),
        ("list",),
        ("history", CODE),
        ("audit", "--indicator", CODE),
        ("summary",),
        ("summary", "--lang", "en"),
    ],
)
def test_control_characters_print_as_escapes(planted: Invoke, args: tuple[str, ...]) -> None:
    result = planted(*args)
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_show_names_the_text_visibly_and_prints_markup_as_text(planted: Invoke) -> None:
    output = planted("show", CODE, "--lang", "en").output
    assert "\\x1b]0;pwned\\x07" in output  # the name, its ESC and BEL written out
    assert "why\\x1b[2J" in output  # the flag's reason
    assert "[bold red]Tech[/]" in output  # markup in a name is text
    assert "[link=https://evil.example/]x[/link]" in output
    history = planted("history", CODE).output
    assert "\\x1b]8;;https://evil.example/" in "".join(history.split())
    audit = planted("audit", "--indicator", CODE).output
    assert "ann\\x1b]0;pwned\\x07" in "".join(audit.split())
