"""`tracker report -o briefing.docx`: read back with python-docx, its numbers held against
`tracker summary --json` for the same date and filters."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document

from tests.report.conftest import AS_OF, Run, summary_json
from tracker import services
from tracker.domain.labels import STATUS_LABELS

STATUS_OF = {zh: status.value for status, (zh, _) in STATUS_LABELS.items()}
STATUS_OF.update({en: status.value for status, (_, en) in STATUS_LABELS.items()})


def write(run: Run, path: Path, *args: str) -> Document:
    result = run("report", "--as-of", str(AS_OF), "-o", str(path), *args)
    assert result.exit_code == 0, result.output
    return docx.Document(str(path))


def counts_of(table: Any) -> dict[str, dict[str, int]]:
    """A counts table as {row name: {status: n}}, with the total column as 'total'."""
    head = [cell.text for cell in table.rows[0].cells]
    found = {}
    for row in table.rows[1:]:
        cells = [cell.text for cell in row.cells]
        counts = {STATUS_OF[h]: int(c) for h, c in zip(head[1:-1], cells[1:-1], strict=True)}
        counts["total"] = int(cells[-1])
        found[cells[0]] = counts
    return found


def expected(groups: list[dict[str, Any]], total: dict[str, int]) -> dict[str, dict[str, int]]:
    shown = [s for s, n in total.items() if n]
    rows = {g["name"]: {s: g["counts"][s] for s in shown} | {"total": g["total"]} for g in groups}
    rows["合计"] = {s: total[s] for s in shown} | {"total": sum(total.values())}
    return rows


def headings(doc: Document, level: int) -> list[str]:
    return [
        p.text for p in doc.paragraphs if p.style is not None and p.style.name == f"Heading {level}"
    ]


def test_the_word_briefing_says_what_the_summary_says(run: Run, tmp_path: Path) -> None:
    doc = write(run, tmp_path / "briefing.docx")
    by_pillar, by_region = summary_json(run), summary_json(run, "--by", "region")
    assert by_pillar["attention"], "the fixture must give indicators needing attention"

    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == ["指标调度通报"]
    assert headings(doc, 1) == [
        "总体情况",
        "分领域情况",
        "分地区情况",
        "需关注的指标",
        "待报送提醒(逾期未报)",
        "已结束规划",
        "资料来源",
    ]
    assert f"截至日期:{AS_OF}" in [p.text for p in doc.paragraphs]
    pillars, regions = doc.tables
    assert pillars.style.name == regions.style.name == "Light Grid Accent 1"
    assert counts_of(pillars) == expected(by_pillar["groups"], by_pillar["total"])
    assert counts_of(regions) == expected(by_region["groups"], by_region["total"])

    # One section per indicator needing attention, in the summary's order, each with its chart.
    codes = [a["code"] for a in by_pillar["attention"]]
    assert [h.rsplit("(", 1)[1].rstrip(")") for h in headings(doc, 2)] == codes
    assert len(doc.inline_shapes) == 1 + len(codes)
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert captions[0] == "图1 各状态指标数"
    assert sum(c.startswith("图") for c in captions) == 1 + len(codes)
    assert sum(c.startswith("表") for c in captions) == 2

    total = sum(by_pillar["total"].values())
    headline = next(p.text for p in doc.paragraphs if p.text.startswith("共 "))
    assert headline.startswith(f"共 {total} 项指标")
    assert f"需关注 {len(codes)} 项,逾期未报 {len(by_pillar['not_reported'])} 项" in headline

    texts = [p.text for p in doc.paragraphs]
    ended = texts[texts.index("已结束规划") + 1 : texts.index("资料来源")]
    counted = [int(line.split("):")[1].split(" 项指标")[0]) for line in ended]
    assert by_pillar["closed_hidden"] > 0
    assert sum(counted) == by_pillar["closed_hidden"]

    reminders = [p.text for p in doc.paragraphs if p.style.name == "List Number"]
    assert len(reminders) == len(by_pillar["not_reported"])
    for line, item in zip(reminders, by_pillar["not_reported"], strict=True):
        assert f"({item['code']})" in line


def test_each_figure_needing_attention_names_its_document_and_quote(
    run: Run, briefed_url: str, tmp_path: Path
) -> None:
    doc = write(run, tmp_path / "briefing.docx")
    texts = [p.text for p in doc.paragraphs]
    sources = texts[texts.index("资料来源") + 1 :]
    store = services.open_store(briefed_url)
    view = services.indicator_view(store, "SYMC-GOV-CROSS-REGION-ITEMS", as_of=AS_OF)
    store.engine.dispose()
    quoted = [o for o in view.observations if o.quote and o.state.value == "current"]
    assert quoted
    for o in quoted:
        line = next(s for s in sources if f"“{o.quote}”" in s)
        assert line.startswith("[") and o.document in line
        number = line[: line.index("]") + 1]
        paragraph = next(t for t in texts if t.startswith("需加快。最新实际值 200项"))
        assert number in paragraph
    flag = next(t for t in texts if t.startswith("人工标记"))
    assert "监测点调整,数据待复核" in flag


def test_filters_and_english_follow_the_summary(run: Run, tmp_path: Path) -> None:
    doc = write(run, tmp_path / "en.docx", "--region", "沈阳现代化都市圈", "--lang", "en")
    data = summary_json(run, "--region", "沈阳现代化都市圈")
    assert headings(doc, 1)[0] == "Headline"
    pillars = counts_of(doc.tables[0])
    total = data["total"]
    assert pillars["Total"] == {s: total[s] for s in total if total[s]} | {
        "total": sum(total.values())
    }
    assert [h.rsplit("(", 1)[1].rstrip(")") for h in headings(doc, 2)] == [
        a["code"] for a in data["attention"]
    ]


def test_the_same_store_and_date_give_the_same_bytes(run: Run, tmp_path: Path) -> None:
    first = tmp_path / "first.docx"
    write(run, first)
    time.sleep(2.1)  # a zip member's time has a resolution of two seconds
    second = tmp_path / "second.docx"
    doc = write(run, second)
    assert first.read_bytes() == second.read_bytes()
    assert doc.core_properties.created is not None
    assert doc.core_properties.created.date() == AS_OF
    with zipfile.ZipFile(second) as package:
        assert {info.date_time[:3] for info in package.infolist()} == {
            (AS_OF.year, AS_OF.month, AS_OF.day)
        }


@pytest.mark.parametrize("name", ["briefing.txt", "briefing"])
def test_an_unknown_format_is_a_usage_error(run: Run, tmp_path: Path, name: str) -> None:
    result = run("report", "-o", str(tmp_path / name))
    assert result.exit_code == 2
    assert ".docx, .html, .pdf" in result.stderr
    assert not (tmp_path / name).exists()


def test_an_unknown_region_or_a_missing_folder_is_refused_in_one_line(
    run: Run, tmp_path: Path
) -> None:
    unknown = run("report", "--region", "火星", "-o", str(tmp_path / "b.docx"))
    assert (unknown.exit_code, unknown.stderr) == (1, "error: no region named '火星'\n")
    missing = tmp_path / "no-such-folder" / "b.docx"
    refused = run("report", "--as-of", str(AS_OF), "-o", str(missing))
    assert refused.exit_code == 1
    assert refused.stderr == f"error: cannot write {missing}: No such file or directory\n"
    assert not (tmp_path / "b.docx").exists() and not missing.parent.exists()
