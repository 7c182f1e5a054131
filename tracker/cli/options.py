"""Options every command shares, and the one place errors become exit codes."""

from __future__ import annotations

import os
from typing import Annotated

import typer

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL or SQLite path [env: TRACKER_DATABASE_URL; default: tracker.db].",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
LangOption = Annotated[
    str,
    typer.Option("--lang", help="Labels in zh or en [env: TRACKER_LANG].", show_default=False),
]


def lang_of(value: str | None) -> str:
    """zh unless en was asked for (by option or TRACKER_LANG)."""
    chosen = (value or os.environ.get("TRACKER_LANG") or "zh").lower()
    return "en" if chosen.startswith("en") else "zh"


def open_store(db: str | None, *, create: bool = True):  # type: ignore[no-untyped-def]
    """The store for a command (created and seeded on first use)."""
    from tracker import services
    from tracker.config import resolve_url

    return services.open_store(resolve_url(db), create=create)


def actor() -> str:
    """Who the change is recorded as."""
    from tracker.config import current_actor

    return current_actor()
