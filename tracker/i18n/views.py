"""The words of the views coordinators asked for: the as-of date, not reported this period,
more filters, exporting what is shown, and the document viewer."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # keys and palette entries
    "act_as_of": ("判断日期", "As-of date"),
    "act_due": ("本期未报", "Due"),
    "act_more_filters": ("筛选", "Filters"),
    "act_export_view": ("导出", "Export"),
    "act_open_source": ("查看原文", "Source"),
    "act_template": ("生成填报表", "Fill-in template"),
    "act_template_help": (
        "为当前地区生成本期填报表(xlsx),写入当前文件夹",
        "Write the fill-in workbook of the current region for the period due, here",
    ),
    "act_export_help": (
        "将当前所见的表格(含筛选)导出为 csv 或 xlsx",
        "Write the table as shown, with its filters, to csv or xlsx",
    ),
    "act_due_help": (
        "本地区仍缺本月、本季或本年数值的指标(催报清单)",
        "Indicators of the region still lacking this period's figure (for reminders)",
    ),
    "act_as_of_help": ("按另一日期重新判断全部指标", "Judge every indicator as of another date"),
    "act_more_filters_help": (
        "按来源文件、规划、多个状态筛选;设定“我的地区”",
        "Filter by source document, programme, several statuses; set my region",
    ),
    "keys_due": ("本期未报", "Not reported this period"),
    "keys_source": ("原文", "The source document"),
    # the as-of dialog
    "as_of_title": ("判断日期", "Judge as of"),
    "as_of_prompt": (
        "输入日期(2025-12-31、2025年12月31日);留空为今天",
        "A date (2025-12-31); empty for today",
    ),
    "as_of_bad": (
        "“{text}”不是日期:请写成 2025-12-31 或 2025年12月31日",
        '"{text}" is not a date: write it as 2025-12-31',
    ),
    "as_of_changed": ("已按 {date} 重新判断", "Judged again as of {date}"),
    "ok": ("确定", "OK"),
    "dialog_keys": ("enter/ctrl+s 确定 · esc 取消", "enter/ctrl+s OK · esc Cancel"),
    "filters_keys": (
        "tab 下一项 · 空格 选状态 · ctrl+s 应用 · esc 取消",
        "tab next · space picks a status · ctrl+s apply · esc cancel",
    ),
    # not reported this period
    "due_title": ("本期未报", "Not reported this period"),
    "due_line": (
        "截至 {date} · {region} · {count} 项仍缺本期数值",
        "As of {date} · {region} · {count} still lack this period's figure",
    ),
    "due_none": ("本期数值均已报送", "Every figure due has been reported"),
    "due": ("应报时期", "Due"),
    "last_reported": ("最近报送", "Last reported"),
    "held_count": ("待核", "Held"),
    "never_reported": ("从未报送", "never"),
    "all_regions_word": ("全部地区", "all regions"),
    # more filters
    "filters_title": ("更多筛选", "More filters"),
    "filter_document": ("来源文件", "Source document"),
    "filter_programme": ("所属规划", "Programme"),
    "filter_statuses": ("状态(可多选)", "Statuses (several at once)"),
    "my_region": ("我的地区", "My region"),
    "my_region_help": (
        "我的地区:启动时按它筛选,本期未报与填报表默认用它",
        "My region: the table opens filtered by it; reminders and templates use it",
    ),
    "any_document": ("全部来源文件", "Any document"),
    "any_programme": ("全部规划", "Any programme"),
    "no_region": ("不设定", "None"),
    "filter_by_document": ("文件:{name}", "document: {name}"),
    "filter_by_programme": ("规划:{name}", "programme: {name}"),
    "filter_by_statuses": ("状态:{names}", "statuses: {names}"),
    # exporting
    "export_title": ("导出当前视图", "Export this view"),
    "export_prompt": ("文件名(.csv 或 .xlsx)", "File name (.csv or .xlsx)"),
    "export_done": ("已导出 {count} 行:{path}", "Wrote {count} rows to {path}"),
    "template_done": (
        "已生成填报表({count} 项,{period}):{path}",
        "Wrote the fill-in workbook ({count} indicators, {period}) to {path}",
    ),
    "template_region_needed": (
        "请先选定地区(地区筛选或“我的地区”),再生成填报表",
        "Choose a region first (the region filter or my region), then make the template",
    ),
    "export_bad_suffix": (
        "文件名须以 .csv 或 .xlsx 结尾",
        "The file name must end in .csv or .xlsx",
    ),
    "export_no_folder": ("文件夹不存在:{folder}", "No such folder: {folder}"),
    "actual_period": ("实际时期", "Actual period"),
    "target_value": ("目标值", "Target value"),
    "flag_word": ("标记", "Flag"),
    "yes": ("是", "yes"),
    # the document viewer
    "source_title": ("原文", "Source"),
    "source_none": (
        "这条记录没有来源文件,也没有原文",
        "This figure names no source document and no quote",
    ),
    "source_missing": (
        "来源文件 {doc} 的全文未保存在库中",
        "The text of document {doc} is not kept in the store",
    ),
    "quote_not_found": ("原文在文件中未找到:{quote}", "The quote is not in the document: {quote}"),
    "source_kept_seed": ("随程序提供的文件", "shipped with tracker"),
    "source_kept_review": ("审核导入时保存的文本", "text kept by its review"),
    "paragraph_of": ("第 {at}/{count} 段", "paragraph {at} of {count}"),
    "entered_from": ("录入:{actor} · {at} · {origin}", "Entered by {actor} · {at} · {origin}"),
    "imported_from": (
        "导入自文件 {file}(导入时未记行号)",
        "Imported from {file} (imported before line numbers were kept)",
    ),
    "imported_from_line": ("导入自文件 {file} 第 {line} 行", "Imported from {file}, line {line}"),
    "act_next_paragraph": ("下一段", "Next paragraph"),
    "act_previous_paragraph": ("上一段", "Previous paragraph"),
    "act_to_quote": ("回到原文", "Back to quote"),
}
