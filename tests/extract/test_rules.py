"""The reading rules as a table: a sentence of a dated reply, and what each figure reads as."""

from __future__ import annotations

import tomllib
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from tracker.extract.finding import find_candidates
from tracker.extract.reading import describe
from tracker.extract.rules import default_rules, load_rules

REPLY = "关于某事的提案的答复"


def reply(*paragraphs: str, written: str = "2024年6月13日") -> list:  # type: ignore[type-arg]
    lines = [
        "来源:",
        "发布时间:2024年08月29日",
        "某委员:",
        "您提出的关于某事的提案收悉,现答复如下:",
    ]
    lines += [*paragraphs, "辽宁省发展和改革委员会"]
    doc = describe("doc", "doc.txt", [*lines, written])
    return [c for c in find_candidates(doc) if c.kind != "milestone"]


CASES = [
    # sentence, value, unit, comparator, kind, period
    ("都市圈企业累计参与1000余户次。", "1000", "户次", ">", "actual", "2024-06-13"),
    ("全年空港吞吐量1613万人次。", "1613", "万人次", "", "actual", "2023"),
    ("推动检查检验结果互认,累计认定3015人次。", "3015", "人次", "", "actual", "2024-06-13"),
    ("今年以来,沈阳市登记技术转移合同207项。", "207", "项", "", "actual", "2024-01..2024-06-13"),
    (
        "截至2024年5月,年度累积处方流转使用106031万笔。",
        "106031",
        "万笔",
        "",
        "actual",
        "2024-01..2024-05",
    ),
    ("2022年以来,已推荐52家服务机构。", "52", "家", "", "actual", "2022..2024-06-13"),
    ("今年4月举办了招聘会,吸引了企业86家。", "86", "家", "", "actual", "2024-04"),
    ("今年中欧班列开行数量力争突破900列。", "900", "列", ">", "target", "2024"),
    ("今年全年展会活动不少于8次。", "8", "次", ">=", "target", "2024"),
    ("项目建成后,全省快递物流园区将达到20个。", "20", "个", ">=", "target", ""),
    ("力争进入全国前5名。", "5", "名", "<=", "target", ""),
    ("都市圈年接待游客近3亿人次。", "3", "亿人次", "~", "actual", "2024-06-13"),
    ("挂牌企业占80%以上。", "80", "%", ">=", "actual", "2024-06-13"),
    ("都市圈平均优良天数比例达到87.5%。", "87.5", "%", "", "actual", "2023"),
    ("2024年6月将组织召开第三次联席会议。", "3", "次", ">=", "target", "2024-06"),
    ("共召开三次书记市长联席会议。", "3", "次", "", "actual", "2024-06-13"),
    ("累计6.1万个,数量位居东北首位。", "1", "位", "", "actual", "2024-06-13"),
    ("金融业增加值力争实现千亿元。", "1000", "亿元", ">=", "target", ""),
]


@pytest.mark.parametrize(("sentence", "value", "unit", "comparator", "kind", "period"), CASES)
def test_a_figure_reads_by_the_rules(
    sentence: str, value: str, unit: str, comparator: str, kind: str, period: str
) -> None:
    found = [c for c in reply(sentence) if c.value == value]
    assert found, [c.value for c in reply(sentence)]
    got = found[0]
    assert (got.unit, got.comparator, got.kind, got.period) == (unit, comparator, kind, period)
    assert got.quote == sentence.rstrip("。")


def test_a_comparison_base_year_is_not_the_period() -> None:
    plan = ["二、下一步工作计划", "2025年,单位地区生产总值能耗比2020年降低15%以上。"]
    got = [c for c in reply(*plan, written="2025年5月26日") if c.value == "15"][0]
    assert (got.kind, got.period, got.comparator, got.deadline_basis) == (
        "target",
        "2025",
        ">=",
        "stated",
    )


def test_a_reply_s_next_steps_without_a_date_are_open_commitments() -> None:
    got = reply("四、下一步工作安排", "高质量发展科技型中小企业达到9000家。")[0]
    assert (got.kind, got.period, got.deadline_basis) == ("target", "", "")


def test_a_paragraph_opening_with_a_year_dates_its_sentences() -> None:
    got = reply("2023年,成立联盟,汇聚了154家文旅企业。开展活动,推出旅游线路100条。")
    assert {(c.value, c.period) for c in got} == {("154", "2023"), ("100", "2023")}


def test_the_document_s_own_dates_and_the_date_option() -> None:
    lines = ["来源:省发展改革委", "发布时间:2025年12月03日", "王委员:", "已实现210项事项。"]
    doc = describe("d", "d.txt", [*lines, "辽宁省发展和改革委员会", "2025年5月26日"])
    assert (doc.written, doc.published, doc.issuer, doc.source) == (
        date(2025, 5, 26),
        date(2025, 12, 3),
        "辽宁省发展和改革委员会",
        "省发展改革委",
    )
    assert find_candidates(doc)[0].period == "2025-05-26"
    assert find_candidates(doc, written=date(2025, 3, 1))[0].period == "2025-03-01"


def test_milestone_states_come_from_the_cue_table() -> None:
    doc = describe(
        "m",
        "m.txt",
        [
            "某委员:",
            "沈康高速调兵山连接线实现通车,机场二跑道项目获国家发改委立项批复。",
            "辽宁省发展和改革委员会",
            "2024年6月3日",
        ],
    )
    states = {(c.state, c.period) for c in find_candidates(doc) if c.kind == "milestone"}
    assert states == {("completed", "2024-06-03"), ("approved", "2024-06-03")}


def test_the_rules_are_data_a_new_unit_needs_no_code(tmp_path: Path) -> None:
    sentence = "新增货轮3艘。"
    assert not reply(sentence)
    text = resources.files("tracker.extract").joinpath("rules.toml").read_text("utf-8")
    data = tomllib.loads(text)
    assert "艘" not in default_rules().units
    changed = text.replace('"公里/百平方公里",', '"公里/百平方公里", "艘",', 1)
    path = tmp_path / "rules.toml"
    path.write_text(changed, encoding="utf-8")
    rules = load_rules(path)
    assert "艘" in rules.units and len(rules.units) == len(data["units"]["words"]) + 1
    lines = ["某委员:", sentence, "辽宁省发展和改革委员会", "2024年6月3日"]
    found = find_candidates(describe("d", "d.txt", lines), rules=rules)
    assert [(c.value, c.unit) for c in found if c.kind != "milestone"] == [("3", "艘")]


def test_the_period_words_are_data_too(tmp_path: Path) -> None:
    text = resources.files("tracker.extract").joinpath("rules.toml").read_text("utf-8")
    lines = ["某委员:", "本年新增示范基地3家。", "辽宁省发展和改革委员会", "2024年6月3日"]
    before = [c for c in find_candidates(describe("d", "d.txt", lines)) if c.value == "3"]
    assert (before[0].period, before[0].note) == ("2024-06-03", "期:答复日")
    path = tmp_path / "rules.toml"
    path.write_text(text.replace('this_year = ["今年"]', 'this_year = ["今年", "本年"]'), "utf-8")
    rules = load_rules(path)
    after = [
        c for c in find_candidates(describe("d", "d.txt", lines), rules=rules) if c.value == "3"
    ]
    assert (after[0].period, after[0].note) == ("2024", "期:今年")
