"""When a figure is dated: the time expressions of the rules, read against the day the document
was written, else the period its context gives."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from tracker.extract.rules import Rules
from tracker.extract.sentences import Context

TimeRule = tuple[re.Pattern[str], Callable[[re.Match[str], str], str], str]


class Dating:
    """Reads the period of a figure: stated in its sentence, else from its context."""

    def __init__(self, rules: Rules, *, written: date | None, reply: bool) -> None:
        self.rules = rules
        self.written = written
        self.reply = reply
        self.times = time_rules(rules, written)
        self.base_before = "".join(rules.periods["base_year_before"])

    def stated(self, text: str, start: int) -> tuple[str, str] | None:
        """The time expression nearest before position `start` in its own sentence, read as
        (period, rule)."""
        best: tuple[int, str, str] | None = None
        taken: list[tuple[int, int]] = []
        for pattern, read, rule in self.times:
            for m in pattern.finditer(text[: start + 1]):
                if m.start() >= start or any(s <= m.start() < e for s, e in taken):
                    continue
                if m.start() and text[m.start() - 1] in self.base_before:
                    continue
                taken.append(m.span())
                if best is None or m.start() > best[0]:
                    best = (m.start(), read(m, text), rule)
        return (best[1], best[2]) if best else None

    def period(
        self, text: str, start: int, kind: str, unit: str, ctx: Context
    ) -> tuple[str, str, float]:
        """The period of a figure of `kind` at `start`, the rule it is read by, and how sure
        the reading is."""
        day = self.written.isoformat() if self.written else ""
        if ctx.target_context and kind == "actual":
            return day, "期:答复日", 0.6
        stated = self.stated(text, start)
        if stated and stated[0]:
            period, rule = stated
            return period, rule, 0.9 if rule == "句中" else 0.75
        if kind == "target":
            if ctx.section_target and ctx.section_year:
                return ctx.section_year, "期:计划年度", 0.7
            if ctx.plan and ctx.plan_year:
                return ctx.plan_year, ctx.plan_rule, 0.7
            return "", "期:开放承诺", 0.6
        if ctx.opening_year:
            return ctx.opening_year, "期:段首年", 0.7
        rate = unit == "%" and any(w in text for w in self.rules.periods["yearly_rate"])
        if rate and self.written and self.reply:
            return str(self.written.year - 1), "期:上年推定", 0.5
        stock = any(word in text for word in self.rules.periods["stock"])
        return day, "期:答复日", (0.7 if stock else 0.6) if day else 0.2


def time_rules(rules: Rules, written: date | None) -> list[TimeRule]:
    """The time expressions of the rules, each with how it reads as a period against the day
    the document was written, and the rule it is said by."""
    w, words = written, rules.periods
    y = w.year if w else None
    day = w.isoformat() if w else ""

    def alt(key: str) -> str:
        return "|".join(re.escape(word) for word in words[key]) or "(?!)"

    def year_to_date(m: re.Match[str], t: str) -> str:
        if any(word in t for word in words["year_to_date"]):
            return f"{m[1]}-01..{m[1]}-{int(m[2]):02}"
        return f"{m[1]}-{int(m[2]):02}"

    def whole(m: re.Match[str], t: str) -> str:
        if not (w and y):
            return ""
        return str(y - 1) if w.month <= 6 else str(y)

    year = str(y) if y else ""
    last = str(y - 1) if y else ""
    return [
        (
            re.compile(r"(\d{4})年以来"),
            lambda m, t: f"{m[1]}..{day}" if day else "",
            "期:起算年",
        ),
        (re.compile(r"截至(\d{4})年(\d{1,2})月"), year_to_date, "句中"),
        (re.compile(alt("as_of_writing")), lambda m, t: day, "期:答复日"),
        (re.compile(r"(\d{4})年(\d{1,2})月"), lambda m, t: f"{m[1]}-{int(m[2]):02}", "句中"),
        (re.compile(r"(\d{4})年"), lambda m, t: m[1], "句中"),
        (
            re.compile(alt("this_year_so_far")),
            lambda m, t: f"{y}-01..{day}" if y else "",
            "期:今年以来",
        ),
        (
            re.compile(rf"(?:{alt('this_year')})(\d{{1,2}})月"),
            lambda m, t: f"{y}-{int(m[1]):02}" if y else "",
            "期:今年",
        ),
        (re.compile(alt("this_year_whole")), lambda m, t: year, "期:今年"),
        (re.compile(alt("this_year")), lambda m, t: year, "期:今年"),
        (
            re.compile(alt("previous_year_end")),
            lambda m, t: f"{last}-12" if y else "",
            "期:上年",
        ),
        (re.compile(alt("previous_year")), lambda m, t: last, "期:上年"),
        (re.compile(alt("whole_year")), whole, "期:上年"),
        (
            re.compile(r"^(\d{1,2})月"),
            lambda m, t: f"{y}-{int(m[1]):02}" if y else "",
            "期:今年",
        ),
    ]
