"""The indicator table's columns and cells: what each column shows of a status, how wide the
columns are (by content and priority), and how a cell is cut to its width."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size

from tracker.domain.status_board import IndicatorStatus
from tracker.domain.text import visible
from tracker.tui.table_row import abbreviated, name_in, number, past_deadline
from tracker.tui.words import status_word

Pieces = list[tuple[str, str | None]]


class Column(NamedTuple):
    """A column: its key, the least and most cells it takes, its alignment. A column whose
    least is its most never cuts what it shows; one with less may, with an ellipsis."""

    key: str
    minimum: int
    maximum: int
    right: bool = False


# Left to right by what a coordinator reads first; the last ones (TAIL) are the first to go
# off screen to the right when the terminal is narrow (scroll right to see them).
COLUMNS = (
    Column("markers", 3, 3),
    Column("code", 10, 18),
    Column("name", 24, 60),
    Column("status", 4, 16),
    Column("actual", 6, 24, right=True),
    Column("target", 6, 22, right=True),
    Column("deadline", 10, 10),
    Column("region", 6, 16),
    Column("pillar", 6, 14),
    Column("progress", 10, 10),
    Column("baseline", 6, 16, right=True),
    Column("unit", 2, 8),
)
TAIL = ("progress", "baseline", "unit")
# When the columns do not fit, they give up cells in this order: the name first, down to a
# width that still tells long names apart (16 Chinese characters), then the region, the code
# (the status line below the table shows it whole) and the pillar, then the figures' periods
# (a value is never cut: the period after it is), and the name last, down to its least; what
# still does not fit lies to the right, to scroll to.
NAME_ROOM = 32
GIVE_WAY = (
    ("name", NAME_ROOM),
    ("region", 12),
    ("code", 12),
    ("pillar", 10),
    ("actual", 16),
    ("target", 12),
    ("name", 0),
)
GAP = 1
BAR_CELLS = 5
EIGHTHS = "▏▎▍▌▋▊▉█"
MEASURED_ROWS = 1000  # how many rows the columns are sized by
LONGEST_TEXTS = 50  # and how many of the longest texts of each text column
COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", "=": "="}
REGION_CELLS = 12  # an English region name longer than this is shown abbreviated


def figure(value: Decimal | None, period: str) -> Pieces:
    """A value followed by its period, dimmed."""
    if value is None:
        return []
    return [(number(value), None), (f" {period}", "dim")]


def progress_bar(progress: float | None) -> Pieces:
    """A five-cell bar in eighths with the percentage of the required change achieved."""
    if progress is None:
        return [("—", "dim")]
    eighths = round(max(0.0, min(1.0, progress)) * BAR_CELLS * 8)
    bar = "█" * (eighths // 8) + (EIGHTHS[eighths % 8 - 1] if eighths % 8 else "")
    empty = "░" * (BAR_CELLS - cell_len(bar))
    return [(bar, "bar"), (empty, "bar-empty"), (f"{progress * 100:4.0f}%", None)]


def region_text(item: IndicatorStatus, lang: str) -> str:
    """The region as its column shows it: in English a long name abbreviated, so that 沈阳
    (Shenyang) and 沈阳现代化都市圈 (Shenyang MMC) stay apart."""
    name = name_in(item.row.region, lang)
    if lang == "en" and cell_len(name) > REGION_CELLS:
        return abbreviated(name)
    return name


def cell(key: str, item: IndicatorStatus, lang: str) -> Pieces:
    """The text pieces of one cell, each with the name of its style (None: plain)."""
    verdict, row = item.verdict, item.row
    if key == "markers":
        marks = ((verdict.flagged, "⚑", "flag"), (past_deadline(item), "⏲", "deadline"))
        return [(m, s) for on, m, s in (*marks, (verdict.stale, "⧗", "stale")) if on]
    if key in PEOPLE_TEXT:  # control characters shown, never sent to the terminal
        return [(visible(TEXT_OF[key](item, lang)), "dim" if key == "unit" else None)]
    if key == "baseline":
        baseline = item.baseline
        return [(number(baseline.value), None)] if baseline is not None else []
    if key == "actual":
        latest = item.latest
        return figure(latest.value, row.latest_period) if latest is not None else []
    target = item.target
    if key == "target":
        if target is None or target.value is None:
            return []
        # Its period is the deadline column's.
        return [
            (COMPARATOR_SIGNS.get(target.comparator, target.comparator), "dim"),
            (number(target.value), None),
        ]
    if key == "deadline":
        if target is None or target.deadline is None:
            return []
        return [(target.deadline.isoformat(), "deadline" if past_deadline(item) else None)]
    if key == "progress":
        return progress_bar(verdict.progress)
    return [(status_word(verdict.status, lang), f"status-{verdict.status.value}")]


# The columns whose cell is one text per row, and those whose cell takes few forms.
TEXT_OF: dict[str, Callable[[IndicatorStatus, str], str]] = {
    "code": lambda i, _lang: i.row.code,
    "name": lambda i, lang: name_in(i.row, lang),
    "region": region_text,
    "pillar": lambda i, lang: name_in(i.row.pillar, lang),
    "unit": lambda i, _lang: i.row.unit,
    "status": lambda i, lang: status_word(i.verdict.status, lang),
}
PEOPLE_TEXT = ("code", "name", "region", "pillar", "unit")
VARIANTS: dict[str, Callable[[IndicatorStatus], object]] = {
    "markers": lambda i: (i.verdict.flagged, past_deadline(i), i.verdict.stale),
}


def allocate(natural: dict[str, int], room: int) -> list[int]:
    """Each column's width in cells: its natural width (its widest content, within its
    bounds) when everything fits, the name taking what is left; otherwise the columns before
    TAIL are fitted into `room` by giving up cells in the order of GIVE_WAY, and what still
    does not fit lies to the right, to scroll to."""
    widths = {c.key: max(c.minimum, min(natural.get(c.key, 0), c.maximum)) for c in COLUMNS}
    total = sum(widths.values()) + GAP * (len(COLUMNS) - 1)
    if total <= room:
        widths["name"] += room - total
        return [widths[c.key] for c in COLUMNS]
    core = [c for c in COLUMNS if c.key not in TAIL]
    excess = sum(widths[c.key] for c in core) + GAP * (len(core) - 1) - room
    least = {c.key: c.minimum for c in COLUMNS}
    for key, floor in GIVE_WAY:
        if excess <= 0:
            break
        give = max(0, min(excess, widths[key] - max(floor, least[key])))
        widths[key] -= give
        excess -= give
    return [widths[c.key] for c in COLUMNS]


def widest_text(texts: Iterable[str]) -> int:
    """The most cells any of `texts` takes, measuring exactly only those that could be the
    widest: no text is wider than its characters plus half its UTF-8 bytes beyond one per
    character (a double-width character takes three or four bytes)."""
    bounds = [(len(t) + (len(t.encode()) - len(t)) / 2, t) for t in texts]
    if not bounds:
        return 0
    best = cell_len(max(bounds)[1])
    return max([best] + [cell_len(t) for bound, t in bounds if bound > best])


def fit(pieces: Pieces, width: int, right: bool) -> Pieces:
    """Pieces cut to `width` cells (with an ellipsis) and padded; double-width safe."""
    total = sum(cell_len(text) for text, _ in pieces)
    if total > width:
        kept: Pieces = []
        room = width - 1
        for text, style in pieces:
            if room <= 0:
                break
            if cell_len(text) > room:
                # A double-width character that does not fit leaves a space: the ellipsis
                # follows the text, the space goes to the padding.
                text = set_cell_size(text, room).rstrip(" ")
            kept.append((text, style))
            room -= cell_len(text)
        pieces = [*kept, ("…", "dim")]
        total = sum(cell_len(text) for text, _ in pieces)
    pad = (" " * (width - total), None)
    return [pad, *pieces] if right else [*pieces, pad]
