"""Shared by the shell's views: the console, status words with colour, names and
the `actual [x% of target]` cells."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Protocol

from rich.box import Box
from rich.console import Console, RenderableType
from rich.text import Text

from tracker.domain.labels import FINAL_LABELS, label, status_label, word
from tracker.domain.numbers import format_decimal
from tracker.domain.status import Verdict
from tracker.domain.text import visible
from tracker.domain.vocab import Comparator, Status
from tracker.i18n import has, t

STATUS_STYLES = {
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.ACCELERATE: "yellow",
    Status.OFF_TRACK: "bold red",
    Status.NOT_REPORTED: "magenta",
    Status.INSUFFICIENT: "dim",
    Status.OPEN: "cyan",
    Status.NO_TARGET: "dim",
    Status.CLOSED: "dim",
}


# No vertical lines; a rule under the header and above a section such as the totals row.
RULED = Box("    \n    \n ── \n    \n ── \n ── \n    \n    \n")


def text(key: str, lang: str, **values: object) -> str:
    """A phrase of the shell's tables in `lang` (the catalogue's `cli.` wording first)."""
    return t(f"cli.{key}" if has(f"cli.{key}") else key, lang, **values)


def state_label(state: str, lang: str) -> str:
    """An observation's state (current, superseded, withdrawn) as a word."""
    return t(f"state.{state}", lang)


class _PipeConsole(Console):
    """Rich's console, but a pipe closed by the reader (`| head`) ends the command quietly
    with 0: the rest of the output was not wanted, which is no failure (Rich exits 1)."""

    def on_broken_pipe(self) -> None:
        if self.quiet:
            return
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0)


def console(*, stderr: bool = False) -> Console:
    """A console for stdout (or stderr); 80 columns when not a terminal.

    Markup and emoji codes are off: names and quotes such as `[2025]` are data, not styles;
    people's text goes through `visible`, so that no control character reaches the terminal.
    """
    return _PipeConsole(stderr=stderr, highlight=False, soft_wrap=False, markup=False, emoji=False)


def print_all(renderables: Iterable[RenderableType]) -> None:
    """Print renderables to stdout, a blank line after each."""
    out = console()
    for item in renderables:
        out.print(item)
        out.print()


def status_text(status: Status, lang: str) -> Text:
    """A status as a coloured word (never a colour alone)."""
    return Text(status_label(status, lang), style=STATUS_STYLES[status])


def status_cell(item: Any, lang: str, *, stacked: bool = False) -> Text:
    """The status word, then the markers for an open flag and an overdue actual (on the next
    line when `stacked`)."""
    cell = status_text(item.verdict.status, lang)
    if item.verdict.final is not None:
        cell.append(" " + text("final", lang, state=label(FINAL_LABELS, item.verdict.final, lang)))
    markers = []
    if item.verdict.flagged:
        markers.append(Text(text("flag", lang), style="bold magenta"))
    if item.verdict.stale:
        markers.append(Text(word("stale", lang), style="dim"))
    if item.verdict.held:
        markers.append(Text(text("held", lang, n=item.verdict.held), style="yellow"))
    if markers:
        cell.append("\n" if stacked else " ")
        cell.append_text(Text(" ").join(markers))
    return cell


class Named(Protocol):
    """A region, pillar, indicator or row: a Chinese name and perhaps an English one."""

    @property
    def name(self) -> str: ...

    @property
    def name_en(self) -> str | None: ...


def name_of(named: Named, lang: str) -> str:
    """The name in `lang` (Chinese when there is no English name), control characters shown."""
    return visible(named.name_en if lang == "en" and named.name_en else named.name)


def share_of_target(verdict: Verdict) -> Decimal | None:
    """The latest actual as a percentage of the target, hledger-budget style."""
    if verdict.latest is None or verdict.target is None or not verdict.target.value:
        return None
    return verdict.latest.value / verdict.target.value * 100


def remaining(verdict: Verdict) -> Decimal | None:
    """What is left to reach the target from the latest actual (0 once it is met)."""
    if verdict.latest is None or verdict.target is None or verdict.target.value is None:
        return None
    gap = verdict.target.value - verdict.latest.value
    if verdict.target.comparator is Comparator.LE:
        gap = -gap
    elif verdict.target.comparator is Comparator.EQ:
        gap = abs(gap)
    return max(gap, Decimal(0))


def budget_cell(item: Any, lang: str) -> str:
    """`actual [x% of target]`: `21个 [70% of 30]`; `—` where no actual is known."""
    verdict, unit = item.verdict, visible(item.row.unit)
    actual = f"{format_decimal(verdict.latest.value)}{unit}" if verdict.latest else "—"
    if verdict.target is None or verdict.target.value is None:
        return actual
    target = format_decimal(verdict.target.value)
    share = share_of_target(verdict)
    if share is None:
        return f"{actual} [{text('target_only', lang, target=target)}]"
    return f"{actual} [{text('of', lang, share=f'{share:.0f}%', target=target)}]"


def remaining_cell(item: Any) -> str:
    """What remains to the target, or empty when it cannot be said."""
    gap = remaining(item.verdict)
    return "" if gap is None else format_decimal(gap.quantize(Decimal("0.01")))


def deadline_cell(item: Any) -> str:
    """The governing target's deadline; empty for an open commitment or without a target."""
    target = item.verdict.target
    return str(target.deadline) if target is not None and target.deadline else ""


def verdict_json(item: Any) -> dict[str, Any]:
    """An indicator with its verdict as plain data."""
    ind, v = item.row, item.verdict
    share, gap = share_of_target(v), remaining(v)
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
        "progress": v.progress,
        "projected": v.projected,
        "latest": {
            "when": v.latest.when.isoformat(),
            "value": format_decimal(v.latest.value),
            "comparator": v.latest.comparator.value,
        }
        if v.latest
        else None,
        "target": {
            "value": format_decimal(v.target.value) if v.target.value is not None else None,
            "comparator": v.target.comparator.value,
            "deadline": v.target.deadline.isoformat() if v.target.deadline else None,
            "deadline_basis": v.target.basis.value,
            "relative_to": v.target.relative_to,
        }
        if v.target
        else None,
        "final_state": v.final.value if v.final else None,
        "held_for_checking": v.held,
        "share_of_target": round(float(share), 1) if share is not None else None,
        "remaining": format_decimal(gap) if gap is not None else None,
        "flagged": v.flagged,
        "stale": v.stale,
        "explanation_zh": v.explanation_zh,
        "explanation_en": v.explanation_en,
    }


def flag_json(flag: Any) -> dict[str, Any]:
    """A flag as plain data."""
    return {
        "id": flag.id,
        "level": flag.level,
        "reason": flag.reason,
        "raised_by": flag.raised_by,
        "raised_at": flag.raised_at.isoformat(),
        "cleared_by": flag.cleared_by,
        "cleared_at": flag.cleared_at.isoformat() if flag.cleared_at else None,
        "clear_note": flag.clear_note,
    }
