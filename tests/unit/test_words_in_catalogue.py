"""No user-facing string in cli/ or tui/ bypasses the catalogue of words (tracker.i18n).

Finds the string literals (plain, or f-strings with words in their fixed part) passed to
the calls that put text in front of a person: notify, Static, Label, Button, Text, a
table's column, a form field's error or note, a confirmation, a palette command,
typer.echo and console.print. Text built from data alone (`f"{a} {b}"`), glyphs and
punctuation are not words and pass. A key binding's description must be a catalogue key.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import tracker
from tracker.i18n import CATALOGUE

ROOT = Path(tracker.__file__).parent
SHOWN = {
    *("notify", "Static", "Label", "Button", "echo", "print", "Text", "add_column"),
    *("show_error", "show_note", "SystemCommand", "ConfirmDialog"),
}
SHOWN_KEYWORDS = {"message", "title", "label", "renderable", "content", "body", "yes", "no"}
WORD = re.compile(r"[A-Za-z\u4e00-\u9fff]{2,}")
# The exceptions, each with its reason: Typer's `help=` of commands and options is not
# searched at all, because it is read before any --lang is parsed (`tracker list -h`), and
# stays English like the option names and commands it describes.
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("cli/main.py", "tracker "): "`tracker --version`: the program's name and version, no word",
}


def literal_words(node: ast.expr) -> str | None:
    """The words a literal argument holds, or None when it holds none."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        parts = node.values
        text = "".join(
            p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str)
        )
    else:
        return None
    return text if WORD.search(text) else None


def bypasses_in(source: str, name: str = "<source>") -> list[str]:
    """The literals with words that `source` shows to a person: `name:line: text`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if called == "Binding":
            described = [
                *node.args[2:3],
                *(k.value for k in node.keywords if k.arg == "description"),
            ]
            for argument in described:
                if isinstance(argument, ast.Constant) and argument.value not in CATALOGUE:
                    found.append(f"{name}:{argument.lineno}: binding {argument.value!r}")
            continue
        if called not in SHOWN:
            continue
        arguments = [*node.args, *(k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS)]
        for argument in arguments:
            words = literal_words(argument)
            if words is not None and (name, words) not in EXCEPTIONS:
                found.append(f"{name}:{argument.lineno}: {words!r}")
    return found


def bypasses() -> list[str]:
    """Every such literal in the shell's and the terminal interface's code."""
    paths = sorted([*ROOT.joinpath("cli").rglob("*.py"), *ROOT.joinpath("tui").rglob("*.py")])
    return [
        found
        for path in paths
        for found in bypasses_in(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]


def test_no_user_facing_string_in_the_faces_bypasses_the_catalogue() -> None:
    assert bypasses() == []


def test_the_search_finds_words_written_past_the_catalogue() -> None:
    source = (
        'typer.echo(f"{code}: added")\n'
        'self.notify("Saved")\n'
        'Static(f"{a} {b}")\n'
        'Binding("x", "go", "Go there")\n'
        'Binding("s", "save", "save")\n'
        'typer.echo(say("cli.added", code=code))\n'
    )
    assert bypasses_in(source) == [
        "<source>:1: ': added'",
        "<source>:2: 'Saved'",
        "<source>:4: binding 'Go there'",
    ]
