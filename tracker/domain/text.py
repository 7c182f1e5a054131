"""People's text as it is shown and as it is accepted: control characters are shown as
`\\x1b`-style escapes in every output, and refused (except tab and newline) on input.

A name, note or quote holding ESC could otherwise change a terminal's title, clear its
screen, hide text or make a link: on a shared store, one coordinator's text reaches the
others' terminals. The same characters are shown the same way by the CLI, the TUI and
the xlsx export (where openpyxl refuses them).
"""

from __future__ import annotations

import re
from typing import Any

from tracker.errors import ValidationError
from tracker.i18n import Phrase, phrase

# C0 controls but tab and newline (a CR only as the first half of a Windows CRLF), DEL, C1
# controls; and the characters that reorder or break text without being seen
# (bidirectional embeddings, overrides and isolates, the line and paragraph separators).
CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)"
)
ALLOWED = "tab and newline"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character written as an escape: ESC is `\\x1b`, CR `\\x0d`,
    U+202E `\\u202e`; tab and newline are kept."""
    if CONTROL.search(text) is None:  # nearly always: no copy
        return text
    return CONTROL.sub(_escape, text)


def control_in(text: str) -> str | None:
    """Where `text` holds a character it may not (None when it holds none):
    `control character U+001B at line 1, character 5`."""
    found = _control(text)
    return None if found is None else str(found)


def _control(text: str) -> Phrase | None:
    found = CONTROL.search(text)
    if found is None:
        return None
    before = text[: found.start()]
    line = before.count("\n") + 1
    column = found.start() - (before.rfind("\n") + 1) + 1
    code = f"U+{ord(found.group()):04X}"
    if line == 1:
        return phrase("error.control_at", code=code, column=column)
    return phrase("error.control_at_line", code=code, line=line, column=column)


def too_long(text: str, limit: int | None) -> str | None:
    """Why `text` is too long for a field of `limit` characters (None when it fits)."""
    if limit is None or len(text) <= limit:
        return None
    return str(phrase("error.too_long", limit=limit))


def text_problem(text: str, limit: int | None = None) -> str | None:
    """What is wrong with `text` as the value of a text field, or None."""
    return control_in(text) or too_long(text, limit)


def check_text(text: str, *, field: str, limit: int | None = None) -> str:
    """`text` unchanged when it may be stored in `field`; ValidationError naming the field."""
    problem = _control(text)
    if problem is None and limit is not None and len(text) > limit:
        problem = phrase("error.too_long", limit=limit)
    if problem is not None:
        raise ValidationError.of("error.field", field=field, problem=problem)
    return text


def limit_of(model: Any, column: str) -> int | None:
    """The most characters the column of a table model holds (its `max_length`), or None:
    the one source of every text limit, so that SQLite and PostgreSQL refuse the same."""
    return getattr(model.__table__.columns[column].type, "length", None)
