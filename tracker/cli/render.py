"""Rich rendering for the shell: status colours with words, CJK-aware tables within 80 columns."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracker.domain.labels import status_label, word
from tracker.domain.numbers import format_decimal
from tracker.domain.vocab import STATUS_ORDER, Status

STATUS_STYLES = {
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.ACCELERATE: "yellow",
    Status.OFF_TRACK: "bold red",
    Status.INSUFFICIENT: "dim",
    Status.NO_TARGET: "dim",
}


def console(width: int | None = None) -> Console:
    """A console for stdout; at most 80 columns when not a terminal."""
    return Console(width=width, highlight=False, soft_wrap=False)


def status_text(status: Status, lang: str) -> Text:
    """A status as a coloured word (never a colour alone)."""
    return Text(status_label(status, lang), style=STATUS_STYLES[status])


def summary_tables(summary: Any, lang: str) -> list[Table]:
    """The counts table and the attention table of a Summary."""
    by_pillar = summary.group_by == "pillar"
    counts = Table(
        title=f"{word('counts' if by_pillar else 'counts_region', lang)} ({word('as_of', lang)} {summary.as_of})",
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    counts.add_column(word("pillar" if by_pillar else "region", lang), no_wrap=True)
    shown = [s for s in STATUS_ORDER if summary.total[s]]
    for status in shown:
        counts.add_column(status_text(status, lang), justify="right")
    counts.add_column(word("total", lang), justify="right")
    for name, name_en, counter in summary.groups:
        counts.add_row(
            name if lang == "zh" or not name_en else name_en,
            *[str(counter[s]) if counter[s] else "·" for s in shown],
            str(sum(counter.values())),
        )
    counts.add_section()
    counts.add_row(
        word("total", lang),
        *[str(summary.total[s]) for s in shown],
        str(sum(summary.total.values())),
    )

    attention = Table(
        title=word("attention", lang), title_justify="left", show_edge=False, pad_edge=False
    )
    attention.add_column(word("name", lang), ratio=3, overflow="fold")
    attention.add_column(word("actual", lang), ratio=2, overflow="fold")
    attention.add_column(word("remaining", lang), justify="right", no_wrap=True)
    attention.add_column(word("deadline", lang), no_wrap=True)
    attention.add_column(word("status", lang), no_wrap=True)
    for item in summary.attention:
        attention.add_row(*attention_cells(item, lang))
    return [counts, attention]


def attention_cells(item: Any, lang: str) -> list[Text | str]:
    """One attention row: name (with markers), `actual [x% of target]`, what remains, deadline."""
    ind, verdict = item.row.indicator, item.verdict
    name = Text(ind.name if lang == "zh" or not ind.name_en else ind.name_en)
    if verdict.flagged:
        name.append(" ⚑", style="bold magenta")
    if verdict.stale:
        name.append(f" ({word('stale', lang)})", style="dim")
    target, latest = verdict.target, verdict.latest
    actual = "—"
    remaining = ""
    if latest is not None:
        actual = f"{format_decimal(latest.value)}{ind.unit}"
        if target is not None and target.value:
            share = latest.value / target.value * 100
            actual += f" [{share:.0f}%]"
            gap = target.value - latest.value
            remaining = f"{format_decimal(gap)}" if gap else "0"
    deadline = str(target.deadline) if target else ""
    return [name, actual, remaining, deadline, status_text(verdict.status, lang)]


def summary_json(summary: Any) -> dict[str, Any]:
    """The same data as the tables, for scripts."""
    return {
        "as_of": summary.as_of.isoformat(),
        "group_by": summary.group_by,
        "groups": [
            {
                "name": name,
                "name_en": name_en,
                "counts": {s.value: counter[s] for s in STATUS_ORDER},
            }
            for name, name_en, counter in summary.groups
        ],
        "total": {s.value: summary.total[s] for s in STATUS_ORDER},
        "attention": [verdict_json(item) for item in summary.attention],
    }


def verdict_json(item: Any) -> dict[str, Any]:
    """An indicator's verdict as plain data."""
    ind, v = item.row.indicator, item.verdict
    return {
        "code": ind.code,
        "name": ind.name,
        "name_en": ind.name_en,
        "unit": ind.unit,
        "region": item.row.region.name,
        "pillar": item.row.pillar.name,
        "status": v.status.value,
        "rule": v.rule,
        "ratio": v.ratio,
        "projected": v.projected,
        "latest": {"when": v.latest.when.isoformat(), "value": format_decimal(v.latest.value)}
        if v.latest
        else None,
        "target": {
            "value": format_decimal(v.target.value),
            "comparator": v.target.comparator.value,
            "deadline": v.target.deadline.isoformat(),
        }
        if v.target
        else None,
        "flagged": v.flagged,
        "stale": v.stale,
        "explanation_zh": v.explanation_zh,
        "explanation_en": v.explanation_en,
    }
