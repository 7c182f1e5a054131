"""`tracker report`: the briefing for leadership, as Word, HTML or PDF."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.options import (
    AsOfOption,
    DbOption,
    LangOption,
    PillarOption,
    RegionOption,
    as_of_date,
    lang_of,
    open_store,
)
from tracker.i18n import t
from tracker.report import FORMATS, write_report

OutputOption = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        help="The file to write: .docx (Word, WPS), .html (one self-contained file) or .pdf.",
        show_default=False,
    ),
]


def report(
    output: OutputOption,
    db: DbOption = None,
    region: RegionOption = None,
    pillar: PillarOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """Write the briefing (调度通报): headline counts with a chart, a table per pillar and per
    region, each indicator needing attention with its figures, pace, trajectory chart, flags
    and sources, the targets not reported as reminders, and the programmes that have ended.

    The counts are those of `tracker summary --json` for the same filters and date, and the
    same store and date give the same file. PDF needs WeasyPrint or Chromium.

    Example: tracker report --as-of 2025-12-31 --region 铁岭 -o briefing.docx
    """
    if output.suffix.lower() not in FORMATS:
        raise typer.BadParameter(
            f"{str(output)!r}: expected a file ending in {', '.join(FORMATS)}", param_hint="-o"
        )
    when = as_of_date(as_of)
    store = open_store(db)
    written = write_report(
        store, output, as_of=when, region=region, pillar=pillar, lang=lang_of(lang)
    )
    typer.echo(t("report.wrote", lang_of(lang), path=written), err=True)
