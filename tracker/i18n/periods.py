"""Closing and reopening periods: the refusals of writes into a closed period, and
`tracker period close|reopen|list`."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # a write of a value into a closed period (storage.periods)
    "error.period_closed": (
        "{written}落在已关闭的时期 {period}({region},{actor} 于 {at} 关闭):未写入任何内容"
        "(如需修改,请先重新开放:tracker period reopen {period} --region {code})",
        "{written} falls in period {period}, closed for {region} by {actor} at {at}: nothing"
        " was written (to change it, reopen it first: tracker period reopen {period}"
        " --region {code})",
    ),
    "error.period_closed_row": (
        "时期 {period} 已对{region}关闭({actor} 于 {at} 关闭)",
        "period {period} is closed for {region} (closed by {actor} at {at})",
    ),
    "error.period_closed_rows": (
        "{count} 行落在已关闭的时期(第 {lines} 行;{period},{region},{actor} 于 {at} 关闭):"
        "未写入任何内容",
        "{count} row(s) fall in closed periods (line(s) {lines}; {period} of {region}, closed by"
        " {actor} at {at}): nothing was written",
    ),
    "period.no_period": ("无期限的值", "a value with no period"),
    # tracker period close|reopen
    "error.period_not_closable": (
        "“{shown}”:可关闭的时期是月、季度、半年或年(如 2025-06、2025Q2、2025H1、2025)",
        "{shown!r}: a period to close is a month, quarter, half-year or year"
        " (e.g. 2025-06, 2025Q2, 2025H1, 2025)",
    ),
    "error.unknown_region": (
        "没有名为“{shown}”的地区(应为地区名称或编码,如 铁岭 或 TL)",
        "no region named {shown!r} (expected a region's name or code, e.g. 铁岭 or TL)",
    ),
    "error.period_already_closed": (
        "{period} 已对{region}关闭({actor} 于 {at} 关闭):未写入任何内容",
        "{period} is already closed for {region} (closed by {actor} at {at}): nothing was written",
    ),
    "error.period_closed_above": (
        "{period} 已因{above}的 {closed} 关闭而对{region}关闭({actor} 于 {at} 关闭):未写入任何内容",
        "{period} is closed for {region} already, by the closing of {closed} for {above}"
        " (closed by {actor} at {at}): nothing was written",
    ),
    "error.period_not_closed": (
        "{period} 未对{region}关闭:未写入任何内容",
        "{period} is not closed for {region}: nothing was written",
    ),
    "error.period_closed_elsewhere": (
        "{period} 并非对{region}本身关闭,而是因{above}的 {closed} 关闭({actor} 于 {at}):"
        "请对{above}重新开放;未写入任何内容",
        "{period} is not closed for {region} itself but by the closing of {closed} for {above}"
        " (closed by {actor} at {at}): reopen it there; nothing was written",
    ),
    "error.may_not_close": (
        "权限不足:角色 {role} 不能关闭或重新开放时期(仅省级角色可以):未写入任何内容",
        "permission denied: role {role} may not close or reopen periods (only province roles"
        " may): nothing was written",
    ),
    "period.closed": (
        "{where}:已对{region}关闭 {period}({start} 至 {end},变更集 {change})",
        "{where}: closed {period} for {region} ({start} to {end}, change set {change})",
    ),
    "period.reopened": (
        "{where}:已对{region}重新开放 {period}(变更集 {change})",
        "{where}: reopened {period} for {region} (change set {change})",
    ),
    # tracker period list
    "period.none": ("{where}:尚未关闭任何时期", "{where}: no period has been closed"),
    "period.col.period": ("时期", "Period"),
    "period.col.region": ("地区", "Region"),
    "period.col.closed": ("关闭", "Closed"),
    "period.col.reopened": ("重新开放", "Reopened"),
    "period.still_closed": ("(仍关闭)", "(still closed)"),
}
