"""Words of change sets: `tracker changes`, `tracker revert` and their refusals."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "error.no_change_set": ("没有编号为 {id} 的变更", "no change set {id}"),
    "error.reverted_already": (
        "变更 {id} 已被变更 {by} 撤销({who},{at})",
        "change set {id} was reverted already by change set {by} ({who}, {at})",
    ),
    "error.later_changes": (
        "变更 {id} 无法撤销:之后的变更基于它所写的内容:{later}",
        "change set {id} cannot be reverted: later changes build on what it wrote: {later}",
    ),
    "error.revert_kind": (
        "变更 {id} 修改了{entity},无法撤销",
        "change set {id} changed a {entity}, which cannot be reverted",
    ),
    "error.indicator_in_use": (
        "变更 {id} 新建的指标 {code} 已有数值、标记或里程碑,无法撤销",
        "change set {id} created indicator {code}, which values, flags or milestones now"
        " refer to; it cannot be reverted",
    ),
    "error.nothing_to_revert": ("变更 {id} 没有可撤销的内容", "change set {id} changed nothing"),
    "error.revert_needs_yes": (
        "撤销变更 {id} 需要确认:在终端中运行,或加 --yes",
        "reverting change set {id} needs a yes: run it in a terminal, or give --yes",
    ),
    "changes.revert_note": ("撤销变更 {id}", "revert of change set {id}"),
    "changes.later": (
        "变更 {id}({origin},{who},{at})",
        "change set {id} ({origin} by {who} at {at})",
    ),
    "changes.title": ("变更记录", "Change sets"),
    "changes.none": ("没有变更", "no change sets"),
    "changes.id": ("编号", "id"),
    "changes.at": ("时间", "when"),
    "changes.who": ("操作人", "who"),
    "changes.origin": ("来源", "origin"),
    "changes.file": ("文件", "file"),
    "changes.counts": ("写入/取代/其他", "new/old/other"),
    "changes.reverts": ("(第 {id} 号)", "(of {id})"),
    "changes.confirm": (
        "撤销变更 {id}({origin},{who},{at}):撤回 {written} 个数值,恢复 {replaced} 个,"
        "撤销 {events} 项其他更改?",
        "Revert change set {id} ({origin} by {who} at {at}): withdraw {written} values,"
        " restore {replaced}, undo {events} other changes?",
    ),
    "changes.reverted": (
        "已撤销变更 {id}(新变更 {new}):撤回 {withdrawn} 个数值,恢复 {restored} 个,"
        "撤销 {events} 项其他更改",
        "reverted change set {id} as change set {new}: {withdrawn} values withdrawn,"
        " {restored} restored, {events} other changes undone",
    ),
    "changes.aborted": ("未撤销", "not reverted"),
    "action.restore": ("恢复", "restore"),
    "action.delete": ("删除", "delete"),
    "origin.import": ("导入", "import"),
    "origin.record": ("记录", "record"),
    "origin.correct": ("更正", "correct"),
    "origin.withdraw": ("撤回", "withdraw"),
    "origin.edit": ("编辑", "edit"),
    "origin.create": ("新建", "create"),
    "origin.flag": ("标记", "flag"),
    "origin.unflag": ("解除标记", "unflag"),
    "origin.revert": ("撤销", "revert"),
    "origin.period-close": ("关闭期间", "period close"),
    "origin.period-reopen": ("重开期间", "period reopen"),
    "origin.seed": ("初始数据", "seed"),
    "origin.migrated": ("迁移", "migrated"),
    "origin.sql": ("SQL 直接写入", "SQL"),
}
