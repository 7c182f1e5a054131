"""How people's text is shown and checked: escapes for control characters, where they are."""

from __future__ import annotations

import pytest

from tracker.domain.text import check_text, control_in, visible
from tracker.errors import ValidationError


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("沈阳 Shenyang", "沈阳 Shenyang"),
        ("一\t二\n三", "一\t二\n三"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("\x1b[2J", "\\x1b[2J"),
        ("a\rb\x00c\x7fd", "a\\x0db\\x00c\\x7fd"),
        ("Windows\r\nlines", "Windows\r\nlines"),  # a CR as half of CRLF is a newline
        ("\x9b31m", "\\x9b31m"),  # the one-byte CSI
        ("abc\u202edcba", "abc\\u202edcba"),  # right-to-left override
        ("[bold]x[/bold]", "[bold]x[/bold]"),  # markup is text already; nothing to do here
    ],
)
def test_visible(stored: str, shown: str) -> None:
    assert visible(stored) == shown
    assert control_in(shown) is None  # what is shown holds none


def test_control_in_names_line_and_character() -> None:
    assert control_in("ok") is None
    assert control_in("ab\x1bc") == (
        "control character U+001B at character 3; only tab and newline are allowed"
    )
    assert control_in("one\ntwo\x0b") == (
        "control character U+000B at line 2, character 4; only tab and newline are allowed"
    )


def test_check_text_names_the_field() -> None:
    assert check_text("fine", field="note", limit=4) == "fine"
    with pytest.raises(ValidationError, match="^source: at most 4 characters$"):
        check_text("12345", field="source", limit=4)
    with pytest.raises(ValidationError, match="^reason: control character U\\+001B"):
        check_text("\x1b", field="reason")
