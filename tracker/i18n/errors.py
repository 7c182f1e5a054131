"""The errors the core raises, why a value looks wrong, import reports, and what a change did."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # errors the core raises (TrackerError.of): said in the interface's language
    "error.not_a_period": (
        "“{shown}”不是时期(应如 2025、2025-06、2025-06-30、2025年6月、2025年上半年、2025Q2、"
        "2025H1、2024-01..2024-05 或 2025年1-6月)",
        "{shown!r} is not a period (expected e.g. 2025, 2025-06, 2025-06-30, 2025年6月,"
        " 2025年上半年, 2025Q2, 2025H1, 2024-01..2024-05 or 2025年1-6月)",
    ),
    "error.range_points": (
        "“{shown}”:区间应从某年、月或日到另一个年、月或日",
        "{shown!r}: a range runs from a year, month or day to another",
    ),
    "error.range_order": (
        "“{shown}”:区间的结束应晚于开始",
        "{shown!r}: a range must end after it starts",
    ),
    "error.year": (
        "“{shown}”:年份 {year} 不在 1900-2200 之间",
        "{shown!r}: year {year} is outside 1900-2200",
    ),
    "error.month": (
        "“{shown}”:月份 {month} 不在 1-12 之间",
        "{shown!r}: month {month} is not 1-12",
    ),
    "error.day": (
        "“{shown}”:该月没有这一日",
        "{shown!r}: day is out of range for month",
    ),
    "error.number_required": ("请填写数字", "a number is required"),
    "error.number_length": (
        "数字最多 {limit} 个字符",
        "a number of at most {limit} characters was expected",
    ),
    "error.not_a_number": (
        "“{shown}”不是数字(应如 87.5、1,613、6.1万、87.5%)",
        "{shown!r} is not a number (expected e.g. 87.5, 1,613, 6.1万, 87.5%)",
    ),
    "error.exponent": (
        "“{shown}”:请勿使用指数写法(可写作 1.25万)",
        "{shown!r}: write the number without an exponent (e.g. 1.25万)",
    ),
    "error.separators": (
        "“{shown}”不是数字(千位分隔符应每 3 位一个)",
        "{shown!r} is not a number (thousands separators every 3 digits)",
    ),
    "error.percentage": (
        "“{shown}”是百分数,但单位是 {unit}",
        "{shown!r} is a percentage but the unit is {unit}",
    ),
    "error.percentage_no_unit": (
        "“{shown}”是百分数,但该指标没有单位",
        "{shown!r} is a percentage but the unit is none",
    ),
    "error.unit": (
        "“{shown}”:单位“{written}”无法换算为“{unit}”",
        "{shown!r}: unit {written!r} cannot be converted into {unit!r}",
    ),
    "error.unit_none": (
        "“{shown}”:单位“{written}”无法换算为无单位的数字",
        "{shown!r}: unit {written!r} cannot be converted into a number without a unit",
    ),
    "error.magnitude_percent": (
        "“{shown}”:万、亿等数量级不能用于百分数",
        "{shown!r}: a magnitude such as 万 cannot apply to a percentage",
    ),
    "error.not_finite": ("“{shown}”不是有限的数", "{shown!r} is not a finite number"),
    "error.too_large": (
        "“{shown}”太大(小数点前最多 18 位)",
        "{shown!r} is too large (at most 18 digits before the point)",
    ),
    "error.too_precise": (
        "“{shown}”的有效数字超过 {digits} 位",
        "{shown!r} has more than {digits} significant digits",
    ),
    "error.control_at": (
        "第 {column} 个字符是控制字符 {code};只允许制表符和换行",
        "control character {code} at character {column}; only tab and newline are allowed",
    ),
    "error.control_at_line": (
        "第 {line} 行第 {column} 个字符是控制字符 {code};只允许制表符和换行",
        "control character {code} at line {line}, character {column}; only tab and newline"
        " are allowed",
    ),
    "error.too_long": ("最多 {limit} 个字符", "at most {limit} characters"),
    "error.field": ("{field}:{problem}", "{field}: {problem}"),
    "error.conflict": (
        "您打开后此指标已被他人修改(现为第 {version} 版)。",
        "This indicator was changed after you opened it (now version {version}).",
    ),
    # why a new actual looks wrong (services.suspicious)
    # how an import read a sheet, and its report's lines (cli/importing)
    "layout.sheet": ("  工作表: {sheet}", "  sheet: {sheet}"),
    "layout.header": (
        "  表头在第 {line} 行; 跳过其上的第 {numbers} 行",
        "  header on line {line}; skipped line(s) {numbers} above it",
    ),
    "layout.wide": (
        "  宽表: 每列一个时期 ({periods})",
        "  wide table: a column per period ({periods})",
    ),
    "layout.ignored": ("  未读取的列: {names}", "  columns not read: {names}"),
    "layout.unit": ("  表头单位: {unit}", "  unit from the header: {unit}"),
    "layout.skipped": ("  跳过的非数据行: {parts}", "  rows that are not data, skipped: {parts}"),
    "layout.skipped.total": ("合计行", "total"),
    "layout.skipped.note": ("注释行", "note"),
    "layout.skipped.header repeated": ("重复表头", "header repeated"),
    "import.more_warnings": ("  …… 另有 {n} 条警告", "  ... and {n} more warning(s)"),
    "import.would_refuse": (
        "错误:{path}:导入将被拒绝:{why}",
        "error: {path}: the import would be refused: {why}",
    ),
    "outlier.percentage": (
        "百分数超过 100({value}%)",
        "a percentage above 100 ({value}%)",
    ),
    "outlier.negative_count": (
        "计数为负({value} {unit})",
        "a negative count ({value} {unit})",
    ),
    "outlier.implausible": (
        "大得不可信({value} {unit})",
        "implausibly large ({value} {unit})",
    ),
    "outlier.fold": (
        "与最新实际值 {previous} 相比变化了 {ratio} 倍",
        "a {ratio}-fold change from the latest actual {previous}",
    ),
    # what a change did, in the toasts and the conflict dialog
    "summary_flag": ("标记({level}):{reason}", "flag {level}: {reason}"),
    "summary_unflag": ("解除标记:{note}", "unflag: {note}"),
    "summary_edit": ("修改 {fields}", "edit {fields}"),
    "summary_undo": ("撤销 {summary}", "undo: {summary}"),
    "list_sep": ("、", ", "),
    "audit_line": (
        "{at} {actor}({origin}){action}:{summary}",
        "{at} {actor} ({origin}) {action}: {summary}",
    ),
    # what an audit event changed (services.describe_event)
    "audit.value": ("{kind} {period} {comparator} {value}", "{kind} {period} {comparator} {value}"),
    "audit.was": ("(原为 {period} {value})", " (was {period} {value})"),
    "audit.withdrawn": (" 已撤回", " withdrawn"),
    "audit.flag": ("{level}:{reason}", "{level}: {reason}"),
    "audit.cleared": ("已解除 {level}", "cleared {level}"),
    "audit.cleared_note": ("已解除 {level}:{note}", "cleared {level}: {note}"),
    "audit.field": ("{field}:{old} → {new}", "{field}: {old} -> {new}"),
    # audit actions
    "action.create": ("新建", "create"),
    "action.update": ("修改", "update"),
    "action.record": ("记录", "record"),
    "action.correct": ("更正", "correct"),
    "action.withdraw": ("撤回", "withdraw"),
    "action.flag": ("标记", "flag"),
    "action.unflag": ("解除标记", "unflag"),
    "action.grant": ("授权", "grant"),
    "action.revoke": ("撤销授权", "revoke"),
}
