"""`tracker import FILE`: all or nothing, quiet on a re-import, changes supersede, outliers held."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.cli.conftest import TESTER, Invoke, one_line, write
from tests.conftest import dump
from tracker import services
from tracker.config import seeds_dir

CODE = "SY-OPEN-CRE-TRAINS"  # 列, no actual in the seed data
SHARE = "SYMC-PLAN-GDP-SHARE-LN"  # %
HEADER = "indicator,kind,period,value,unit,comparator,source_doc,quote,note\n"


def history(tracker: Invoke, code: str) -> list[dict[str, object]]:
    return json.loads(tracker("history", code, "--json").stdout)  # type: ignore[no-any-return]


def test_import_reports_and_records(tracker: Invoke, tmp_path: Path) -> None:
    path = write(
        tmp_path / "june.csv",
        HEADER + f"{CODE},actual,2025-06,620,,,,,上半年\n{CODE},实际,2025年5月,500,,,,,\n",
    )
    result = tracker("import", str(path))
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path} (observations, utf-8): 2 rows read; new 2, changed 0,")
    assert "unchanged 0; 0 warning(s);" in first and first.endswith(" s")
    rows = {(o["period"], o["value"], o["source"], o["note"]) for o in history(tracker, CODE)}
    assert {("2025-06", "620", "june.csv", "上半年"), ("2025-05", "500", "june.csv", "")} <= rows
    events = json.loads(tracker("audit", "--source", "import:june.csv", "--json").stdout)
    assert len(events) == 2 and {e["actor"] for e in events} == {TESTER}


def test_reimporting_the_same_file_changes_nothing_and_says_so(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    path = write(tmp_path / "june.csv", HEADER + f"{CODE},actual,2025-06,620,,,,,\n")
    tracker("import", str(path))
    before = dump(db_url)
    again = tracker("import", str(path))
    assert again.exit_code == 0
    assert "new 0, changed 0, unchanged 1" in again.stdout
    assert "nothing changed" in again.stdout
    assert dump(db_url) == before


def test_a_changed_value_supersedes_with_the_file_as_source(
    tracker: Invoke, tmp_path: Path
) -> None:
    tracker(
        "import", str(write(tmp_path / "june.csv", HEADER + f"{CODE},actual,2025-06,620,,,,,\n"))
    )
    fixed = write(tmp_path / "june-fixed.csv", HEADER + f"{CODE},actual,2025-06,630,,,,,\n")
    result = tracker("import", str(fixed))
    assert "new 0, changed 1, unchanged 0" in result.stdout
    states = {(o["value"], o["state"], o["source"]) for o in history(tracker, CODE)}
    assert ("620", "superseded", "june.csv") in states
    assert ("630", "current", "june-fixed.csv") in states
    event = json.loads(tracker("audit", "--source", "june-fixed.csv", "--json").stdout)[0]
    assert (event["action"], event["before"]["value"], event["after"]["value"]) == (
        "correct",
        "620",
        "630",
    )


def test_dry_run_shows_the_changes_and_writes_nothing(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    tracker("import", str(write(tmp_path / "a.csv", HEADER + f"{CODE},actual,2025-06,620,,,,,\n")))
    # The seed's own target row, exactly as seeded: unchanged.
    seed = (seeds_dir() / "observations.csv").read_text(encoding="utf-8").splitlines()
    target = next(line for line in seed if line.startswith(f"{CODE},target,2024,"))
    path = write(
        tmp_path / "b.csv",
        f"{seed[0]}\n{CODE},actual,2025-06,630,,,,,,,,,\n{CODE},actual,2025-07,700,,,,,,,,,\n"
        f"{target}\n",
    )
    before = dump(db_url)
    result = tracker("import", str(path), "--dry-run")
    assert result.exit_code == 0
    assert "new 1, changed 1, unchanged 1" in result.stdout
    assert "dry run: nothing was written" in result.stdout
    assert f"would change: changed {CODE} actual 2025-06: 620 -> 630" in result.stdout
    assert f"would change: new {CODE} actual 2025-07: 700" in result.stdout
    assert dump(db_url) == before


def test_outliers_are_listed_and_imported_only_when_accepted(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    tracker("record", CODE, "620", "-p", "2025-06")
    path = write(
        tmp_path / "odd.csv",
        HEADER + f"{CODE},actual,2025-07,6200,,,,,\n{SHARE},actual,2025,120%,,,,,\n",
    )
    before = dump(db_url)
    refused = tracker("import", str(path))
    assert refused.exit_code == 1
    lines = refused.stderr.splitlines()
    assert lines[0] == (
        f"error: {path}: 2 suspicious value(s); suspicious values: check them, then import"
        " with --accept-outliers"
    )
    assert lines[1:] == [
        f"  {path}: line 2, column 'value', value '6200': a 10-fold change from the latest"
        " actual 620",
        f"  {path}: line 3, column 'value', value '120': a percentage above 100 (120%)",
    ]
    assert dump(db_url) == before
    dry = tracker("import", str(path), "--dry-run")
    # The dry run ends as the real import would: refused, so `--dry-run && import` stops.
    assert dry.exit_code == 1 and dry.stdout.count("warning: line") == 2
    assert "the import would be refused: suspicious values" in dry.stderr
    assert dump(db_url) == before
    accepted = tracker("import", str(path), "--accept-outliers")
    assert accepted.exit_code == 0
    assert "new 2" in accepted.stdout and "2 warning(s)" in accepted.stdout
    assert ("2025-07", "6200") in {(o["period"], o["value"]) for o in history(tracker, CODE)}


def test_a_bad_file_is_refused_whole_with_every_problem(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "bad.csv",
        HEADER
        + f"{CODE},actual,2025-06,620,,,,,\n"  # fine, but not written: the file is refused
        + f"{CODE},actual,2025-13,1,,,,,\n"
        + "NOPE-1,actual,2025,1,,,,,\n"
        + f"{CODE},sometimes,2025,1,,,,,\n"
        + f"{CODE},actual,2025-08,lots,,,,,\n",
    )
    before = dump(db_url)
    result = tracker("import", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"error: {path}: 4 error(s); nothing was written"
    assert [line.split(": ", 2)[1] for line in lines[1:]] == [
        "line 3, column 'period', value '2025-13'",
        "line 4, column 'indicator', value 'NOPE-1'",
        "line 5, column 'kind', value 'sometimes'",
        "line 6, column 'value', value 'lots'",
    ]
    assert dump(db_url) == before


def test_the_error_list_is_limited_and_says_how_many_more(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    body = "".join(f"{CODE},actual,2025-06-{1 + i % 28:02d},x{i},,,,,\n" for i in range(150))
    result = tracker("import", str(write(tmp_path / "many.csv", HEADER + body)))
    assert result.exit_code == 1
    assert one_line(result).endswith("150 error(s) (showing first 100); nothing was written")
    assert result.stderr.splitlines()[-1] == "  ... and 50 more"
    assert len(result.stderr.splitlines()) == 102


def test_import_json_report_and_refusal(tracker: Invoke, tmp_path: Path) -> None:
    good = write(tmp_path / "g.csv", HEADER + f"{CODE},actual,2025-06,620,,,,,\n")
    report = json.loads(tracker("import", str(good), "--json").stdout)
    assert (report["rows"], report["new"], report["shape"], report["dry_run"]) == (
        1,
        1,
        "observations",
        False,
    )
    bad = write(tmp_path / "b.csv", HEADER + f"{CODE},actual,2025-06,x,,,,,\n")
    result = tracker("import", str(bad), "--json")
    assert result.exit_code == 1
    refusal = json.loads(result.stdout)
    assert refusal["refused"] is True and refusal["total"] == 1
    assert refusal["errors"][0]["line"] == 2 and refusal["errors"][0]["column"] == "value"


def test_encoding_is_detected_or_given(tracker: Invoke, db_url: str, tmp_path: Path) -> None:
    text = "指标编码,类型,时期,数值,备注\n" + f"{CODE},实际,2025年6月,620,沈阳海关数据\n"
    path = write(tmp_path / "gbk.csv", text, "gb18030")
    before = dump(db_url)
    wrong = tracker("import", str(path), "--encoding", "utf-8")
    assert wrong.exit_code == 1
    assert one_line(wrong).startswith(f"error: {path}: line 1: cannot be read as utf-8")
    assert dump(db_url) == before
    bogus = tracker("import", str(path), "--encoding", "klingon")
    assert bogus.exit_code == 1 and "unknown encoding 'klingon'" in one_line(bogus)
    detected = tracker("import", str(path))
    assert "(observations, gb18030)" in detected.stdout
    given = tracker("import", str(path), "--encoding", "gb18030")
    assert "unchanged 1" in given.stdout
    assert ("2025-06", "620", "沈阳海关数据") in {
        (o["period"], o["value"], o["note"]) for o in history(tracker, CODE)
    }


def test_xlsx_sheet_choice(tracker: Invoke, db_url: str, tmp_path: Path) -> None:
    book = Workbook()
    first = book.active
    first.title = "说明"
    first.append(["这一页是说明"])
    data = book.create_sheet("数据")
    data.append(["indicator", "kind", "period", "value"])
    data.append([CODE, "actual", "2025-06", 620])
    book.save(tmp_path / "book.xlsx")
    before = dump(db_url)
    missing = tracker("import", str(tmp_path / "book.xlsx"), "--sheet", "月报")
    assert missing.exit_code == 1
    assert one_line(missing).endswith("no sheet '月报'; the workbook has: 说明, 数据")
    assert dump(db_url) == before
    # One sheet holds a table: it is the one read, with no --sheet.
    found = tracker("import", str(tmp_path / "book.xlsx"), "--dry-run")
    assert found.exit_code == 0 and "sheet: 数据" in found.stdout
    ok = tracker("import", str(tmp_path / "book.xlsx"), "--sheet", "数据")
    assert ok.exit_code == 0 and "(observations, xlsx): 1 rows read; new 1" in ok.stdout


def test_an_indicators_file_in_chinese(tracker: Invoke, tmp_path: Path) -> None:
    path = write(
        tmp_path / "defs.csv",
        "指标编码,指标名称,单位,方向,地区,领域,牵头单位,频率\n"
        "TL-TRANS-BUS-LINES,铁沈公交线路,条,正向,铁岭,交通共联,铁岭市交通运输局、沈阳市交通运输局,季度\n"
        f"{CODE},中欧班列(沈阳)开行数量,列,正向,沈阳,对外开放,,年度\n",
    )
    result = tracker("import", str(path))
    assert result.exit_code == 0, result.output
    assert "(indicators, utf-8): 2 rows read; new 1, changed 1, unchanged 0" in result.stdout
    shown = json.loads(tracker("show", "TL-TRANS-BUS-LINES", "--json").stdout)["indicator"]
    assert shown["lead"] == ["铁岭市交通运输局", "沈阳市交通运输局"]
    assert shown["frequency"] == "quarterly"


@pytest.mark.parametrize(
    ("name", "needle"),
    [
        ("absent.csv", "absent.csv: no such file"),
        ("figures.xls", "(.xls) cannot be read; open it in Excel or WPS and save it as .xlsx"),
        ("folder.csv", "cannot read"),
        ("empty.csv", "the file is empty; expected a header row"),
        ("broken.xlsx", "not a readable xlsx workbook"),
    ],
)
def test_unreadable_files_are_refused(
    tracker: Invoke, db_url: str, tmp_path: Path, name: str, needle: str
) -> None:
    (tmp_path / "figures.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "broken.xlsx").write_bytes(b"indicator,kind\n")
    before = dump(db_url)
    result = tracker("import", str(tmp_path / name))
    assert result.exit_code == 1
    assert needle in one_line(result)
    assert dump(db_url) == before


def test_progress_is_reported_on_a_large_file(store: services.Store, tmp_path: Path) -> None:
    from datetime import date, timedelta

    start = date(2015, 1, 1)
    body = "".join(
        f"{CODE},actual,{start + timedelta(days=i)},{600 + i % 50},,,,,\n" for i in range(2500)
    )
    path = write(tmp_path / "daily.csv", HEADER + body)
    calls: list[tuple[int, int]] = []
    report = services.import_file(
        store, path, actor="tester", progress=lambda done, total: calls.append((done, total))
    )
    assert report.new == 2500
    assert calls[:2] == [(1000, 2500), (2000, 2500)]
    assert calls[-1][0] == calls[-1][1]


def test_a_large_import_through_the_cli(tracker: Invoke, tmp_path: Path) -> None:
    body = "".join(
        f"{CODE},actual,{2000 + i // 12}-{1 + i % 12:02d},{600 + i % 7},,,,,\n" for i in range(2400)
    )
    result = tracker("import", str(write(tmp_path / "monthly.csv", HEADER + body)))
    assert result.exit_code == 0, result.output
    assert "2400 rows read; new 2400" in result.stdout


def test_a_milestones_file_imports_its_deliverables_and_refuses_by_line(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    task = "SYMC-TRANS-SHENBAI-HSR-PROGRESS"
    header = "indicator,deliverable,state,period,source_doc,quote,note\n"
    bad = write(
        tmp_path / "bad.csv",
        header + f"{task},沈白高铁,通车,2025-13,,,\n{CODE},某项目,开工,2024,,,\n",
    )
    before = dump(db_url)
    refused = tracker("import", str(bad))
    assert refused.exit_code == 1
    assert "line 2, column 'period'" in refused.stderr
    assert "line 3, column 'indicator'" in refused.stderr
    assert dump(db_url) == before
    good = write(
        tmp_path / "ms.csv",
        header + f"{task},沈白高铁,开工,2021-06,,,\n{task},沈白高铁,通车,2025-09,,,\n"
        f"{task},沈丹铁路外迁,立项,2022,,,\n",
    )
    assert "new 3" in tracker("import", str(good)).stdout
    assert "new 0, changed 0, unchanged 3" in tracker("import", str(good)).stdout
    shown = json.loads(tracker("list", "--as-of", "2025-10-01", "--json", "-s", task).stdout)
    assert "1/2" in shown[0]["explanation_zh"]
    # Two documents that disagree each keep their row, and both are shown.
    other = write(
        tmp_path / "other.csv",
        header
        + f"{task},沈丹铁路外迁,开工,2023,,着手外迁,\n{task},沈丹铁路外迁,计划,,,研究外迁,\n",
    )
    tracker("import", str(other))
    page = tracker("show", task, "--as-of", "2025-10-01").stdout
    assert "交付项" in page and "着手外迁" in page and "研究外迁" in page
    data = json.loads(tracker("show", task, "--json").stdout)
    states = [(m["deliverable"], m["state"]) for m in data["milestones"]]
    assert ("沈丹铁路外迁", "started") in states and ("沈丹铁路外迁", "planned") in states


def test_a_quarantined_value_is_shown_as_held_and_left_out(tracker: Invoke, tmp_path: Path) -> None:
    held = write(
        tmp_path / "held.csv",
        "indicator,kind,period,value,quarantine\n"
        f"{CODE},actual,2024-06,106031,数量级存疑:原文为万笔\n",
    )
    tracker("import", str(held))
    shown = tracker("show", CODE, "--as-of", "2024-12-31").stdout
    assert "待核" in shown and "数量级存疑" in shown and "106031" in shown
    [item] = json.loads(tracker("list", "--as-of", "2024-12-31", "--json", "-s", CODE).stdout)
    assert item["latest"] is None and item["held_for_checking"] == 1
