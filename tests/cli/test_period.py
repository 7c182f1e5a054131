"""`tracker period close|reopen|list`: a closed period refuses every write into it, for the
region and its sub-regions, naming who closed it and when, until it is reopened; a refused
close or reopen changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import TESTER, Invoke, one_line, write
from tests.conftest import dump

TL = "TL-TEST-BUSES"  # 铁岭, made by the fixture
KY = "TL-KY-TEST-BUSES"  # 开原市, a sub-region of 铁岭
SY = "SY-OPEN-CRE-TRAINS"  # 沈阳
HEADER = "indicator,kind,period,value,unit,comparator,source_doc,quote,note\n"


@pytest.fixture
def tracker_tl(tracker: Invoke) -> Invoke:
    """The CLI on a store with counting indicators of 铁岭 and of 开原市 (under 铁岭)."""
    for code, region in ((TL, "铁岭"), (KY, "开原市")):
        made = tracker(
            *("indicator", "add", code, "--name", f"{code} 公交线路", "--unit", "条"),
            *("--direction", "increase", "--region", region, "--pillar", "交通共联"),
        )
        assert made.exit_code == 0, made.output
    return tracker


def values(tracker: Invoke, code: str) -> set[tuple[str, str, str]]:
    """(period, value, state) of every value ever stored for `code`."""
    rows = json.loads(tracker("history", code, "--json").stdout)
    return {(o["period"], o["value"], o["state"]) for o in rows}


def closings(tracker: Invoke) -> list[dict[str, object]]:
    result = tracker("period", "list", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_a_closed_month_refuses_a_value_naming_who_closed_it_until_it_is_reopened(
    tracker_tl: Invoke, db_url: str
) -> None:
    tracker = tracker_tl
    closed = tracker("period", "close", "2025-06", "--region", "铁岭")
    assert closed.exit_code == 0, closed.output
    assert "closed 2025-06 for 铁岭 (TL) (2025-06-01 to 2025-06-30" in closed.stdout
    before = dump(db_url)
    refused = tracker("record", TL, "12", "--period", "2025-06")
    assert refused.exit_code == 1
    reason = one_line(refused)
    assert "falls in period 2025-06, closed for 铁岭 (TL) by " + TESTER in reason
    assert " UTC" in reason and "nothing was written" in reason
    assert dump(db_url) == before
    # A month outside the closed one, and another region's June, are written as ever.
    assert tracker("record", TL, "11", "--period", "2025-05").exit_code == 0
    assert tracker("record", SY, "620", "--period", "2025-06").exit_code == 0
    reopened = tracker("period", "reopen", "2025-06", "--region", "TL")
    assert reopened.exit_code == 0, reopened.output
    assert "reopened 2025-06 for 铁岭 (TL)" in reopened.stdout
    assert tracker("record", TL, "12", "--period", "2025-06").exit_code == 0
    assert ("2025-06", "12", "current") in values(tracker, TL)


def test_a_correction_of_a_value_in_a_closed_period_is_refused(
    tracker_tl: Invoke, db_url: str
) -> None:
    tracker = tracker_tl
    assert tracker("record", TL, "12", "--period", "2025-06").exit_code == 0
    assert tracker("period", "close", "2025Q2", "--region", "铁岭").exit_code == 0
    before = dump(db_url)
    refused = tracker("record", TL, "13", "--period", "2025-06")
    assert refused.exit_code == 1
    assert "falls in period 2025Q2, closed for 铁岭 (TL)" in one_line(refused)
    assert dump(db_url) == before
    assert values(tracker, TL) == {("2025-06", "12", "current")}


def test_closing_a_region_closes_its_sub_regions_and_nothing_else(tracker_tl: Invoke) -> None:
    tracker = tracker_tl
    assert tracker("period", "close", "2025", "--region", "铁岭").exit_code == 0
    refused = tracker("record", KY, "3", "--period", "2025-03")
    assert refused.exit_code == 1
    assert "falls in period 2025, closed for 铁岭 (TL)" in one_line(refused)
    assert tracker("record", SY, "620", "--period", "2025-03").exit_code == 0
    assert tracker("record", KY, "3", "--period", "2026-01").exit_code == 0


def test_the_provinces_closing_reaches_every_region(tracker_tl: Invoke) -> None:
    tracker = tracker_tl
    assert tracker("period", "close", "2025H1", "--region", "辽宁省").exit_code == 0
    for code in (TL, KY, SY):
        refused = tracker("record", code, "5", "--period", "2025-02")
        assert refused.exit_code == 1
        assert "closed for 辽宁省 (LN)" in one_line(refused)
    assert tracker("record", TL, "5", "--period", "2025-07").exit_code == 0


def test_an_import_touching_a_closed_period_is_refused_whole_naming_its_lines(
    tracker_tl: Invoke, db_url: str, tmp_path: Path
) -> None:
    tracker = tracker_tl
    assert tracker("period", "close", "2025-06", "--region", "铁岭").exit_code == 0
    path = write(
        tmp_path / "h1.csv",
        HEADER
        + f"{TL},actual,2025-05,11,,,,,\n"
        + f"{TL},actual,2025-06,12,,,,,\n"
        + f"{SY},actual,2025-06,620,,,,,\n"
        + f"{KY},actual,2025-06,3,,,,,\n",
    )
    before = dump(db_url)
    refused = tracker("import", str(path))
    assert refused.exit_code == 1
    lines = refused.stderr.splitlines()
    assert "2 error(s); nothing was written" in lines[0]
    assert (
        f"{path}: line 3, column 'period', value '2025-06': period 2025-06 is closed for"
        in (lines[1])
    )
    assert lines[2].startswith(f"  {path}: line 5, column 'period', value '2025-06'")
    assert f"closed by {TESTER} at " in lines[2]
    assert dump(db_url) == before
    assert tracker("period", "reopen", "2025-06", "--region", "铁岭").exit_code == 0
    assert tracker("import", str(path)).exit_code == 0
    assert ("2025-06", "3", "current") in values(tracker, KY)


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        (
            ("2025-06", "铁岭"),
            ("2025-06", "TL"),
            "2025-06 is already closed for 铁岭 (TL) (closed by",
        ),
        (
            ("2025-06", "辽宁省"),
            ("2025-06", "开原市"),
            "2025-06 is closed for 开原市 (TL-KY) already, by the closing of 2025-06 for 辽宁省"
            " (LN)",
        ),
        (
            ("2025Q2", "铁岭"),
            ("2025-05", "铁岭"),
            "2025-05 is closed for 铁岭 (TL) already, by the closing of 2025Q2 for 铁岭 (TL)",
        ),
    ],
)
def test_closing_what_is_closed_already_is_refused_and_changes_nothing(
    tracker: Invoke,
    db_url: str,
    first: tuple[str, str],
    then: tuple[str, str],
    expected: str,
) -> None:
    assert tracker("period", "close", first[0], "--region", first[1]).exit_code == 0
    before = dump(db_url)
    refused = tracker("period", "close", then[0], "--region", then[1])
    assert refused.exit_code == 1
    assert expected in one_line(refused) and "nothing was written" in one_line(refused)
    assert dump(db_url) == before


def test_reopening_what_is_not_closed_is_refused_and_changes_nothing(
    tracker: Invoke, db_url: str
) -> None:
    before = dump(db_url)
    refused = tracker("period", "reopen", "2025-06", "--region", "铁岭")
    assert refused.exit_code == 1
    assert "2025-06 is not closed for 铁岭 (TL): nothing was written" in one_line(refused)
    assert dump(db_url) == before
    # Closed by the province: it is reopened there, not for one city.
    assert tracker("period", "close", "2025-06", "--region", "LN").exit_code == 0
    before = dump(db_url)
    refused = tracker("period", "reopen", "2025-06", "--region", "铁岭")
    assert refused.exit_code == 1
    assert "not closed for 铁岭 (TL) itself but by the closing of 2025-06 for 辽宁省 (LN)" in (
        one_line(refused)
    )
    assert dump(db_url) == before
    # And what was reopened is not reopened twice.
    assert tracker("period", "reopen", "2025-06", "--region", "LN").exit_code == 0
    again = tracker("period", "reopen", "2025-06", "--region", "LN")
    assert again.exit_code == 1 and "is not closed for 辽宁省 (LN)" in one_line(again)


@pytest.mark.parametrize(
    ("period", "region", "expected"),
    [
        ("2025-13", "铁岭", "'2025-13': month 13 is not 1-12"),
        ("June", "铁岭", "'June': a period to close is a month, quarter, half-year or year"),
        ("2025-06-30", "铁岭", "'2025-06-30': a period to close is a month, quarter"),
        ("2025-01..2025-05", "铁岭", "a period to close is a month, quarter, half-year or year"),
        ("2025-06", "铁龄", "no region named '铁龄' (expected a region's name or code"),
    ],
)
@pytest.mark.parametrize("command", ["close", "reopen"])
def test_a_malformed_period_or_an_unknown_region_is_one_line_and_changes_nothing(
    tracker: Invoke, db_url: str, command: str, period: str, region: str, expected: str
) -> None:
    before = dump(db_url)
    refused = tracker("period", command, period, "--region", region)
    assert refused.exit_code == 1
    assert expected in one_line(refused)
    assert len(refused.stderr.splitlines()) == 1
    assert dump(db_url) == before


def test_the_list_says_who_closed_and_reopened_what_and_when(tracker: Invoke) -> None:
    assert "no period has been closed" in tracker("period", "list").stdout
    assert closings(tracker) == []
    assert tracker("period", "close", "2025Q2", "--region", "沈阳").exit_code == 0
    assert tracker("period", "close", "2025", "--region", "铁岭").exit_code == 0
    assert tracker("period", "reopen", "2025Q2", "--region", "沈阳").exit_code == 0
    newest, oldest = closings(tracker)
    assert (newest["region"], newest["period"], newest["closed_now"]) == ("TL", "2025", True)
    assert (newest["start"], newest["end"], newest["reopened"]) == (
        "2025-01-01",
        "2025-12-31",
        None,
    )
    assert (oldest["region"], oldest["period"], oldest["closed_now"]) == ("SY", "2025Q2", False)
    closed, reopened = oldest["closed"], oldest["reopened"]
    assert isinstance(closed, dict) and isinstance(reopened, dict)
    assert closed["by"] == reopened["by"] == TESTER
    assert closed["at"] <= reopened["at"] and closed["change_set"] != reopened["change_set"]
    table = tracker("period", "list").stdout
    assert "2025Q2" in table and "沈阳 (SY)" in table and "(still closed)" in table
    chinese = tracker("period", "list", "--lang", "zh").stdout
    assert "重新开放" in chinese and "(仍关闭)" in chinese


def test_a_refusal_is_said_in_chinese_when_asked(
    tracker_tl: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker = tracker_tl
    assert tracker("period", "close", "2025-06", "--region", "铁岭").exit_code == 0
    monkeypatch.setenv("TRACKER_LANG", "zh")
    refused = tracker("record", TL, "12", "--period", "2025-06")
    assert refused.exit_code == 1
    assert "落在已关闭的时期 2025-06(铁岭 (TL)" in one_line(refused)
    twice = tracker("period", "close", "2025-06", "--region", "铁岭")
    assert "2025-06 已对铁岭 (TL)关闭" in one_line(twice)


def test_a_large_import_into_a_closed_period_names_the_first_rows_and_counts_them_all(
    tracker_tl: Invoke, db_url: str, tmp_path: Path
) -> None:
    tracker = tracker_tl
    assert tracker("period", "close", "2025-06", "--region", "铁岭").exit_code == 0
    rows = [
        f"{code},{kind},2025-06-{day:02d},5,,,,,\n"
        for code in (TL, KY)
        for kind in ("actual", "target")
        for day in range(1, 31)
    ]
    path = write(tmp_path / "daily.csv", HEADER + "".join(rows))
    before = dump(db_url)
    refused = tracker("import", str(path))
    assert refused.exit_code == 1
    lines = refused.stderr.splitlines()
    assert "120 error(s) (showing first 100); nothing was written" in lines[0]
    assert lines[1].startswith(f"  {path}: line 2, column 'period', value '2025-06-01'")
    assert len(lines) == 102 and lines[101] == "  ... and 20 more"
    assert dump(db_url) == before


def test_reverting_an_import_into_a_since_closed_period_is_refused_until_it_is_reopened(
    tracker_tl: Invoke, db_url: str, tmp_path: Path
) -> None:
    tracker = tracker_tl
    path = write(tmp_path / "june.csv", HEADER + f"{TL},actual,2025-06,12,,,,,\n")
    assert tracker("import", str(path)).exit_code == 0
    [imported] = [
        c for c in json.loads(tracker("changes", "--json").stdout) if c["origin"] == "import"
    ]
    assert tracker("period", "close", "2025-06", "--region", "铁岭").exit_code == 0
    before = dump(db_url)
    refused = tracker("revert", str(imported["id"]), "--yes")
    assert refused.exit_code == 1
    assert f"{TL} 2025-06 falls in period 2025-06, closed for 铁岭 (TL)" in one_line(refused)
    assert dump(db_url) == before
    assert tracker("period", "reopen", "2025-06", "--region", "铁岭").exit_code == 0
    assert tracker("revert", str(imported["id"]), "--yes").exit_code == 0
    assert values(tracker, TL) == {("2025-06", "12", "withdrawn")}
