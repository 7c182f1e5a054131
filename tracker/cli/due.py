"""`tracker due`: the indicators still lacking this period's figure, to send reminders from."""

from pathlib import Path
from typing import Annotated

import typer
from rich.box import SIMPLE_HEAD
from rich.table import Table
from rich.text import Text

from tracker import services
from tracker.cli.options import (
    AsOfOption,
    DbOption,
    IncludeClosedOption,
    JsonOption,
    LangOption,
    RegionOption,
    as_of_date,
    emit_json,
    lang_of,
    open_store,
)
from tracker.cli.render import common as render
from tracker.domain.text import visible
from tracker.i18n import t
from tracker.services.reporting_due import due_json, due_table, not_reported

SHOWN = (2, 3, 4, 7)  # due, last reported, held, lead (of DUE_COLUMNS), beside code and name
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the list to this .csv or .xlsx file instead."),
]


def due(
    db: DbOption = None,
    region: RegionOption = None,
    as_of: AsOfOption = None,
    include_closed: IncludeClosedOption = False,
    output: OutputOption = None,
    json_: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """The indicators still lacking the figure of the latest month, quarter or year (by each
    one's frequency) ended by the date, with their departments.

    An indicator is reported for the period when a current actual ends on or after the
    period's end (a year-to-date range counts); values held for checking are counted beside.

    Example: tracker due --region 铁岭 --as-of 2026-01-10 -o 铁岭-催报.xlsx
    """
    when, words = as_of_date(as_of), lang_of(lang)
    items = not_reported(open_store(db), as_of=when, region=region, include_closed=include_closed)
    if json_:
        emit_json([due_json(item) for item in items])
        return
    headers, rows = due_table(items, words)
    if output is not None:
        # openpyxl and the writer are loaded only for a file (tracker.services is lazy).
        count = services.write_view(output, headers, rows, sheet="due")
        typer.echo(visible(t("export_done", words, count=count, path=output)), err=True)
        return
    where = region or t("all_regions_word", words)
    title = t("due_line", words, date=when, region=where, count=len(items))
    if not items:
        render.print_all([Text(visible(f"{title}\n{t('due_none', words)}"))])
        return
    table = Table(title=visible(title), title_justify="left", box=SIMPLE_HEAD, pad_edge=False)
    # On a terminal, as `tracker list` shows it: the code whole (people copy it) with the name
    # under it, then what and whom to remind; frequency, region and responsible units are in
    # the file and the JSON.
    widest = max((len(item.code) for item in items), default=4)
    table.add_column(f"{headers[0]} / {headers[1]}", width=max(widest, 16), overflow="fold")
    for index in SHOWN:
        table.add_column(headers[index], overflow="fold", no_wrap=index != 7)
    for row in rows:
        code = Text(str(row[0]), style="bold", no_wrap=True, overflow="ignore")
        name = Text(visible(str(row[1])))
        cells = (Text(visible("" if row[i] is None else str(row[i]))) for i in SHOWN)
        table.add_row(Text("\n").join([code, name]), *cells)
    render.print_all([table])
