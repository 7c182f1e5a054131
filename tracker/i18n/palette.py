"""Textual's own key bindings and the command palette, as the footer and the palette show them."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # Textual's own key bindings, as the palette and the footer show them
    "binding.Copy selected text": ("复制所选文字", "Copy selected text"),
    "binding.Focus Next": ("下一个控件", "Focus Next"),
    "binding.Focus Previous": ("上一个控件", "Focus Previous"),
    "binding.Page Left": ("向左翻页", "Page Left"),
    "binding.Page Right": ("向右翻页", "Page Right"),
    "binding.Quit": ("退出", "Quit"),
    "binding.Scroll Left": ("向左滚动", "Scroll Left"),
    "binding.Scroll Right": ("向右滚动", "Scroll Right"),
    "binding.Bottom": ("到底部", "Bottom"),
    "binding.Top": ("到顶部", "Top"),
    "binding.Cursor down": ("光标下移", "Cursor down"),
    "binding.Cursor up": ("光标上移", "Cursor up"),
    "binding.Cursor left": ("光标左移", "Cursor left"),
    "binding.Cursor right": ("光标右移", "Cursor right"),
    "binding.End": ("到末尾", "End"),
    "binding.Home": ("到开头", "Home"),
    "binding.Page down": ("向下翻页", "Page down"),
    "binding.Page up": ("向上翻页", "Page up"),
    "binding.Select": ("选择", "Select"),
    # the command palette: Textual's own commands, and its prompt
    "palette.placeholder": ("搜索命令…", "Search for commands…"),
    "palette.Theme": ("主题", "Theme"),
    "palette.Theme.help": ("更换配色主题", "Change the current theme"),
    "palette.Quit": ("退出", "Quit"),
    "palette.Quit.help": ("立即退出程序", "Quit the application as soon as possible"),
    "palette.Keys": ("按键", "Keys"),
    "palette.Keys.help": (
        "显示当前部件的帮助和可用按键",
        "Show help for the focused widget and a summary of available keys",
    ),
    "palette.Keys.hide": ("隐藏按键和帮助面板", "Hide the keys and widget help panel"),
    "palette.Minimize": ("还原", "Minimize"),
    "palette.Minimize.help": (
        "将部件还原为正常大小",
        "Minimize the widget and restore to normal size",
    ),
    "palette.Maximize": ("最大化", "Maximize"),
    "palette.Maximize.help": ("最大化当前部件", "Maximize the focused widget"),
    "palette.Screenshot": ("截图", "Screenshot"),
    "palette.Screenshot.help": (
        "将当前界面保存为 SVG 截图",
        "Save an SVG 'screenshot' of the current screen",
    ),
    "cli.error": ("错误:{message}", "error: {message}"),
    "cli.damaged": (
        "{where} 已损坏({integrity} 项完整性问题,{references} 处引用断裂);通过此检查之前拒绝"
        "任何更改:请恢复 `tracker backup` 制作的最近一份完好副本。",
        "{where} is damaged ({integrity} integrity finding(s), {references} broken"
        " reference(s)); changes are refused until this check passes: restore the latest good"
        " copy made by `tracker backup`.",
    ),
    "cli.malformed": (
        "数据库已损坏({reason}):运行 `tracker db check` 查看问题,并恢复 `tracker backup`"
        " 制作的最近一份完好副本。",
        "the store is damaged ({reason}): run `tracker db check` to see what is wrong, and"
        " restore the latest good copy made by `tracker backup`.",
    ),
    "cli.refused": ("数据库拒绝了请求:{reason}", "the database refused the request: {reason}"),
    "cli.created": ("已创建 {path} 并载入种子数据", "created {path} and loaded the seed data"),
    "cli.not_granted": ("{where}:{role} 本无写入权限", "{where}: {role} had no write permission"),
    "cli.revoked": ("{where}:{role} 不再可写 {regions}", "{where}: {role} no longer in {regions}"),
    "cli.no_grants": (
        "{where}:尚无角色有写入权限(tracker access grant)",
        "{where}: no role has write permission yet (tracker access grant)",
    ),
    "cli.initialised": (
        "{where}:数据库结构已是最新;种子数据新增 {new},变更 {changed},未变 {unchanged}",
        "{where}: schema current; seed rows new {new}, changed {changed}, unchanged {unchanged}",
    ),
    "cli.at_revision": ("{where}:结构版本 {revision}", "{where}: at revision {revision}"),
    "cli.revision": (
        "{where}:结构版本 {found}(本程序需要 {needed})",
        "{where}: revision {found} (this tracker needs {needed})",
    ),
    "cli.sound": ("{where}:完整性正常,引用均正常", "{where}: integrity ok, every reference ok"),
    "cli.integrity": ("{where}:完整性:{finding}", "{where}: integrity: {finding}"),
    "cli.reference": ("{where}:引用:{finding}", "{where}: reference: {finding}"),
    "cli.backed_up": (
        "已备份到 {path}({size} 字节,结构版本 {revision})",
        "backed up to {path} ({size} bytes, schema revision {revision})",
    ),
    "cli.wrote": (
        "已将 {count} 条 {what} 写入 {path}({format})",
        "wrote {count} {what} to {path} ({format})",
    ),
    "cli.suspicious": (
        "{path}:{total} 个可疑数值;{cause}",
        "{path}: {total} suspicious value(s); {cause}",
    ),
    "cli.and_more": ("  …… 另有 {n} 项", "  ... and {n} more"),
    "cli.added": ("{code}:已新增(版本 {version})", "{code}: added (version {version})"),
    "cli.value_warning": (
        "警告:{value} 看来有误({why});已按所填记录,如有误请更正",
        "warning: {value} looks wrong ({why}); recorded as typed: correct it if it is a slip",
    ),
    "cli.unchanged": (
        "{code}:未更改,该数值已记录",
        "{code}: unchanged, that value is already recorded",
    ),
    "cli.recorded": (
        "{code}:已记录 {kind} {value}(观测值 {id})",
        "{code}: recorded {kind} {value} (observation {id})",
    ),
    "cli.flagged": ("{code}:已标记 {level}(标记 {id})", "{code}: flagged {level} (flag {id})"),
    "cli.flag_cleared": ("{code}:标记 {id} 已解除", "{code}: flag {id} cleared"),
    "error.no_indicator": ("没有编码为“{code}”的指标", "no indicator with code {code!r}"),
    "error.flag_reason": ("标记指标须说明原因", "a reason is required to flag an indicator"),
    "error.already_flagged": (
        "{code} 已被标记;请先解除该标记",
        "{code} is already flagged; clear that flag first",
    ),
    "error.no_open_flag": ("{code} 没有未解除的标记", "{code} has no open flag to clear"),
    "error.indicator_exists": ("指标 {code} 已存在", "indicator {code} already exists"),
    "error.clear_note": ("解除标记须写明原因", "a note is required to clear a flag: say why"),
    "error.flag_gone": ("{code}:该标记已被解除", "{code}: that flag is no longer open"),
    "error.no_change": ("没有可撤销的更改 {event}", "no change {event} to undo"),
}
