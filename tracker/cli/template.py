"""`tracker template --region R`: the fill-in workbook a city returns to `tracker import`."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.options import DbOption, LangOption, as_of_date, lang_of, open_store
from tracker.domain.periods import parse_period
from tracker.errors import ValidationError
from tracker.services.template import write_template

WORDS = {
    "wrote": (
        "已写出 {path}：{count} 个指标，时期 {period}；填好后用 tracker import {path} 导入",
        "wrote {path}: {count} indicator(s) for {period}; fill it in, then tracker import {path}",
    ),
    "bad_period": ("--period：{error}", "--period: {error}"),
}


def template(
    region: Annotated[str, typer.Option(help="The region (code or name), with its sub-regions.")],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="The .xlsx to write (default: REGION-PERIOD.xlsx)."),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(help="The period to fill in, e.g. 2025-06 or 2025Q2 (default: last month)."),
    ] = None,
    pillar: Annotated[str | None, typer.Option(help="Only this pillar (code or name).")] = None,
    as_of: Annotated[
        str | None,
        typer.Option(help="Show status as of this date (default: the period's end, or today)."),
    ] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Write the workbook a city fills in: one row per indicator of the region, with its
    latest actual, target and status, and an empty value column for the period.

    Only the value, 来源 and 备注 columns are open; the filled workbook imports back with
    plain `tracker import`, where empty cells are neither changes nor errors.

    Example: tracker template --region 铁岭 --period 2025-06 -o 铁岭-2025-06.xlsx
    """
    chosen = lang_of(lang)
    zh = chosen == "zh"
    try:
        wanted = parse_period(period) if period else parse_period(last_month(date.today()))
    except ValidationError as exc:
        text = WORDS["bad_period"][0 if zh else 1].format(error=exc)
        raise typer.BadParameter(text, param_hint="--period") from None
    # The status shown is the one at the period's end (today's, for a period still running).
    when = as_of_date(as_of) if as_of else min(wanted.end, date.today())
    path = output or Path(f"{region}-{wanted.text}.xlsx")
    if path.suffix.lower() != ".xlsx":
        text = "需要 .xlsx 文件名" if zh else "expected a .xlsx file name"
        raise typer.BadParameter(text, param_hint="--output")
    store = open_store(db)
    report = write_template(store, path, region=region, period=wanted, as_of=when, pillar=pillar)
    words = WORDS["wrote"][0 if zh else 1]
    typer.echo(words.format(path=report.path, count=report.indicators, period=report.period))


def last_month(today: date) -> str:
    """The month before `today`'s, as a period text: what a city reports on."""
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year:04d}-{month:02d}"
