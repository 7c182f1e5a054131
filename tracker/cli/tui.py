"""`tracker tui`: the terminal interface (also what `tracker` alone opens in a terminal)."""

from typing import Annotated

import typer

from tracker.cli.options import AsOfOption, DbOption, as_of_date
from tracker.config import resolve_url
from tracker.storage.files import require_store_file, sqlite_file


def tui(
    db: DbOption = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="zh or en [default: the language chosen last time, else TRACKER_LANG, else zh].",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
) -> None:
    """Browse, update and flag indicators in the terminal (D there judges at another date).

    Example: tracker tui --db tracker.db --lang en --as-of 2025-12-31
    """
    # Textual is imported here so that the other commands never pay for loading it.
    from tracker.tui.app import make_app

    if lang is not None and lang.lower() not in ("zh", "en"):
        raise typer.BadParameter("expected zh or en", param_hint="--lang")
    when = as_of_date(as_of) if as_of else None
    url = resolve_url(db)
    path = sqlite_file(url)
    if path is not None:
        require_store_file(path)  # only `tracker init` (or `tracker` alone) creates a store
    make_app(url, lang=lang, as_of=when).run()
