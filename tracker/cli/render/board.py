"""The board's views: `tracker summary` (counts, what needs attention, the reporting
facts) and `tracker list`, as tables within 80 columns and as data."""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from tracker.cli.render.common import (
    RULED,
    STATUS_STYLES,
    budget_cell,
    deadline_cell,
    flag_json,
    name_of,
    remaining_cell,
    status_cell,
    text,
    verdict_json,
)
from tracker.domain.labels import status_label, word
from tracker.domain.text import visible
from tracker.domain.vocab import PERFORMANCE, STATUS_ORDER


def summary_view(summary: Any, lang: str, limit: int) -> list[RenderableType]:
    """The counts table, then the attention table limited to `limit` rows (0: all)."""
    by_pillar = summary.group_by == "pillar"
    title = word("counts" if by_pillar else "counts_region", lang)
    counts = Table(
        title=f"{title} ({word('as_of', lang)} {summary.as_of})",
        title_justify="left",
        box=RULED,
        pad_edge=False,
        show_edge=False,
    )
    longest = max((len(n_en if lang == "en" else n) for n, n_en, _ in summary.groups), default=4)
    counts.add_column(
        word("pillar" if by_pillar else "region", lang), overflow="fold", min_width=min(longest, 22)
    )
    # Verdicts on performance first, then the reporting facts (逾期未报, open commitments, ...).
    shown = [s for s in STATUS_ORDER if summary.total[s]]
    # A rule between the two kinds of column: verdicts on performance, then reporting facts.
    apart = next((i for i, s in enumerate(shown) if s not in PERFORMANCE), None)
    if apart is None or apart == 0:
        apart = None
    for at, status in enumerate(shown):
        if at == apart:
            counts.add_column("│", style="dim", no_wrap=True)
        # Two-word labels (off track) stack so that eight columns fit in 80.
        header = Text(status_label(status, lang).replace(" ", "\n"), style=STATUS_STYLES[status])
        counts.add_column(header, justify="right", overflow="fold")
    counts.add_column(word("total", lang), justify="right", no_wrap=True)

    def cells(found: Any, blank: str) -> list[str]:
        row = [str(found[s]) if found[s] else blank for s in shown]
        return row if apart is None else [*row[:apart], "│", *row[apart:]]

    for name, name_en, counter in summary.groups:
        counts.add_row(
            visible(name_en if lang == "en" and name_en else name),
            *cells(counter, "·"),
            str(sum(counter.values())),
        )
    counts.add_section()
    counts.add_row(
        word("total", lang),
        *cells(summary.total, "0"),
        str(sum(summary.total.values())),
        style="bold",
    )
    items = summary.attention if limit <= 0 else summary.attention[:limit]
    attention = Table(
        title=f"{word('attention', lang)} ({text('shown', lang, total=len(summary.attention))})",
        title_justify="left",
        box=RULED,
        pad_edge=False,
        show_edge=False,
    )
    # Names get the room; the markers go under the status word to keep that column narrow.
    attention.add_column(word("name", lang), overflow="fold")
    attention.add_column(text("budget", lang), overflow="fold")
    attention.add_column(word("remaining", lang), justify="right", overflow="fold")
    attention.add_column(word("deadline", lang), no_wrap=True)
    attention.add_column(word("status", lang), overflow="fold")
    for item in items:
        attention.add_row(
            name_of(item.row, lang),
            budget_cell(item, lang),
            remaining_cell(item),
            deadline_cell(item),
            status_cell(item, lang, stacked=True),
        )
    view: list[RenderableType] = [counts, attention]
    hidden = len(summary.attention) - len(items)
    if hidden > 0:
        view.append(Text(text("more", lang, n=hidden), style="dim"))
    view.extend(reporting_view(summary, lang, limit))
    return view


def reporting_view(summary: Any, lang: str, limit: int) -> list[RenderableType]:
    """Apart from the verdicts: the targets past their deadline with nothing reported, the
    open commitments, and how many closed programmes' indicators were left out."""
    view: list[RenderableType] = []
    for key, found in (
        ("not_reported_list", summary.not_reported),
        ("open_list", summary.open_commitments),
    ):
        if not found:
            continue
        items = found if limit <= 0 else found[:limit]
        table = Table(
            title=f"{word(key, lang)} ({text('shown', lang, total=len(found))})",
            title_justify="left",
            box=RULED,
            pad_edge=False,
            show_edge=False,
        )
        table.add_column(word("name", lang), overflow="fold")
        table.add_column(text("budget", lang), overflow="fold")
        table.add_column(word("deadline", lang), no_wrap=True)
        for item in items:
            table.add_row(name_of(item.row, lang), budget_cell(item, lang), deadline_cell(item))
        view.append(table)
        if len(found) > len(items):
            view.append(Text(text("more", lang, n=len(found) - len(items)), style="dim"))
    if summary.closed_hidden:
        view.append(Text(text("closed_hidden", lang, n=summary.closed_hidden), style="dim"))
    return view


def summary_json(summary: Any) -> dict[str, Any]:
    """The same data as the tables, for scripts (every indicator needing attention)."""
    return {
        "as_of": summary.as_of.isoformat(),
        "group_by": summary.group_by,
        "groups": [
            {
                "name": name,
                "name_en": name_en,
                "counts": {s.value: counter[s] for s in STATUS_ORDER},
                "total": sum(counter.values()),
            }
            for name, name_en, counter in summary.groups
        ],
        "total": {s.value: summary.total[s] for s in STATUS_ORDER},
        "attention": [verdict_json(item) for item in summary.attention],
        "not_reported": [verdict_json(item) for item in summary.not_reported],
        "open_commitments": [verdict_json(item) for item in summary.open_commitments],
        "closed_hidden": summary.closed_hidden,
    }


def indicator_table(items: list[Any], lang: str) -> RenderableType:
    """The listing: code, name, `actual [x% of target]`, deadline, status with markers."""
    if not items:
        return Text(text("no_indicators", lang), style="dim")
    table = Table(
        title=text("count", lang, n=len(items)),
        title_justify="left",
        box=RULED,
        pad_edge=False,
        show_edge=False,
    )
    # The code stays whole (people copy it); the name goes under it and wraps.
    widest = max(len(item.row.code) for item in items)
    # A fixed width: Rich would shrink a min_width column and then crop the table.
    table.add_column(f"{word('code', lang)} / {word('name', lang)}", width=widest)
    table.add_column(text("budget", lang), overflow="fold")
    table.add_column(word("deadline", lang), no_wrap=True)
    table.add_column(word("status", lang), overflow="fold")
    for item in items:
        ind = item.row
        head = Text(ind.code, style="bold", no_wrap=True, overflow="ignore")
        table.add_row(
            Text("\n").join([head, Text(name_of(ind, lang))]),
            budget_cell(item, lang),
            deadline_cell(item),
            status_cell(item, lang),
        )
    return table


def indicator_json(item: Any) -> dict[str, Any]:
    """An indicator's definition, departments, open flag and verdict, for scripts."""
    ind = row = item.row
    return verdict_json(item) | {
        "region_code": row.region.code,
        "pillar_code": row.pillar.code,
        "direction": row.direction.value,
        "frequency": row.frequency.value,
        "description": ind.description,
        "lead": row.lead,
        "responsible": row.responsible,
        "version": ind.version,
        "updated_at": ind.updated_at.isoformat(),
        "updated_by": ind.updated_by,
        "flag": flag_json(row.flag) if row.flag else None,
    }
