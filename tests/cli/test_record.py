"""`tracker record|flag|unflag`: one change at a time, audited; a refusal changes nothing."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import TESTER, Invoke, one_line
from tests.conftest import dump

CODE = "SY-OPEN-CRE-TRAINS"  # 列, increase, target >= 900 by 2024
RIDERSHIP = "SYMC-TRANS-SHENFU-LRT-RIDERSHIP"  # 万人次


def current_values(tracker: Invoke, code: str) -> list[tuple[str, str, str, str]]:
    result = tracker("history", code, "--json")
    return [(o["kind"], o["period"], o["value"], o["state"]) for o in json.loads(result.stdout)]


def test_record_then_the_same_again_changes_nothing(tracker: Invoke) -> None:
    first = tracker("record", CODE, "620", "--period", "2025-06", "--source", "6月调度会")
    assert first.exit_code == 0, first.output
    assert "recorded actual 620" in first.stdout
    again = tracker("record", CODE, "620", "--period", "2025年6月", "--source", "6月调度会")
    assert again.exit_code == 0
    assert "unchanged" in again.stdout
    assert ("actual", "2025-06", "620", "current") in current_values(tracker, CODE)


def test_a_different_value_supersedes_and_is_audited(tracker: Invoke) -> None:
    tracker("record", CODE, "620", "--period", "2025-06")
    result = tracker("record", CODE, "640", "--period", "2025-06", "--note", "更正")
    assert result.exit_code == 0
    values = current_values(tracker, CODE)
    assert ("actual", "2025-06", "620", "superseded") in values
    assert ("actual", "2025-06", "640", "current") in values
    events = json.loads(tracker("audit", "--indicator", CODE, "--json").stdout)
    latest = events[0]
    assert (latest["action"], latest["actor"], latest["origin"]) == ("correct", TESTER, "cli")
    assert (latest["before"]["value"], latest["after"]["value"]) == ("620", "640")


@pytest.mark.parametrize(
    ("written", "stored"),
    [("-5", "-5"), ("负5", "-5"), ("1,613", "1613"), ("１６１３", "1613"), ("6.1万", "61000")],
)
def test_values_as_people_write_them(tracker: Invoke, written: str, stored: str) -> None:
    result = tracker("record", CODE, written, "--period", "2025-07")
    assert result.exit_code == 0, result.output
    assert ("actual", "2025-07", stored, "current") in current_values(tracker, CODE)


def test_a_magnitude_converts_into_the_indicators_unit(tracker: Invoke) -> None:
    assert tracker("record", RIDERSHIP, "31000人次", "-p", "2025-06").exit_code == 0
    assert tracker("record", RIDERSHIP, "3.2", "-p", "2025-07").exit_code == 0
    values = current_values(tracker, RIDERSHIP)
    assert ("actual", "2025-06", "3.1", "current") in values
    assert ("actual", "2025-07", "3.2", "current") in values


def test_a_target_takes_its_comparator_from_the_direction(tracker: Invoke) -> None:
    assert tracker("record", CODE, "1000", "-p", "2026", "--kind", "目标").exit_code == 0
    history = json.loads(tracker("history", CODE, "--json").stdout)
    target = next(o for o in history if o["period"] == "2026")
    assert (target["kind"], target["comparator"]) == ("target", ">=")


def test_a_target_without_a_deadline_is_an_open_commitment(tracker: Invoke) -> None:
    assert tracker("record", CODE, "1200", "-p", "", "-k", "target").exit_code == 0
    history = json.loads(tracker("history", CODE, "--json").stdout)
    assert ("target", "", "1200", "current") in current_values(tracker, CODE)
    assert any(o["period"] == "2024" for o in history)  # the dated target stays


def test_a_changed_target_stays_in_its_programme_on_the_same_basis(tracker: Invoke) -> None:
    code = "SYMC-TRANS-SHENBAI-HSR-PROGRESS"  # 100% by the 2025 plan's end (inferred)
    assert tracker("record", code, "95", "-p", "2025", "-k", "target").exit_code == 0
    assert tracker("record", code, "90", "-p", "2026", "-k", "target").exit_code == 0
    targets = {
        o["period"]: o
        for o in json.loads(tracker("history", code, "--json").stdout)
        if o["kind"] == "target" and o["state"] == "current"
    }
    kept = targets["2025"]
    assert (kept["value"], kept["programme"], kept["deadline_basis"]) == (
        "95",
        "SYMC-2025",
        "plan_end",
    )
    assert targets["2026"]["programme"] is None  # a new target of the person's own


def test_an_implausible_value_is_recorded_as_typed_with_a_warning(tracker: Invoke) -> None:
    plain = tracker("record", CODE, "650", "--period", "2025-07")
    assert plain.exit_code == 0 and "warning" not in plain.stderr
    jump = tracker("record", CODE, "65000", "--period", "2025-08", "--json")
    assert json.loads(jump.stdout)["warnings"] == ["a 100-fold change from the latest actual 650"]
    negative = tracker("record", CODE, "-5", "--period", "2025-09")
    assert negative.exit_code == 0
    assert "warning: -5 looks wrong (a negative count" in negative.stderr


def test_json_output(tracker: Invoke) -> None:
    result = tracker("record", CODE, "700", "-p", "2025-08", "--json")
    data = json.loads(result.stdout)
    assert data["code"] == CODE and data["changed"] is True and data["observation"] > 0


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["record", "NO-SUCH-CODE", "5", "-p", "2025"], 1, "no indicator with code 'NO-SUCH-CODE'"),
        (["record", CODE, "abc", "-p", "2025"], 1, "'abc' is not a number"),
        (["record", CODE, "5", "-p", "2025-13"], 1, "month 13 is not 1-12"),
        (["record", CODE, "5", "-p", "next year"], 1, "'next year' is not a period"),
        (["record", CODE, "87%", "-p", "2025"], 1, "is a percentage but the unit is 列"),
        (["record", CODE, "5公里", "-p", "2025"], 1, "unit '公里' cannot be converted into '列'"),
        (["record", CODE, "1e400", "-p", "2025"], 1, "'1e400': write the number without"),
        (["record", CODE, "5", "-p", "2025", "--comparator", "≠"], 1, "comparator '≠'"),
        (
            ["record", CODE, "5", "-p", "2025", "-k", "target", "--comparator", "=>"],
            1,
            "comparator",
        ),
        (["record", CODE, "5", "-p", "2025", "--source-doc", "nope"], 1, "'nope': no such source"),
        (["record", CODE, "5", "-p", "2025", "--expected-version", "1"], 1, "was changed after"),
        (["record", CODE, "5", "-p", "2025", "--kind", "guess"], 2, "expected actual, target"),
        (["record", CODE, "5"], 2, "Missing option '--period'"),
        (["record", CODE, "5", "-p", ""], 1, "only a target may have none"),
    ],
)
def test_record_refusals_change_nothing(
    tracker: Invoke, db_url: str, args: list[str], code: int, needle: str
) -> None:
    before = dump(db_url)
    result = tracker(*args)
    assert result.exit_code == code
    assert needle in result.stderr
    if code == 1:
        assert one_line(result).startswith("error: ")
    assert "Traceback" not in result.output
    assert dump(db_url) == before


def test_expected_version_guards_against_a_lost_update(tracker: Invoke, db_url: str) -> None:
    version = json.loads(tracker("show", CODE, "--json").stdout)["indicator"]["version"]
    ok = tracker("record", CODE, "650", "-p", "2025-06", "--expected-version", str(version))
    assert ok.exit_code == 0
    before = dump(db_url)
    stale = tracker("record", CODE, "660", "-p", "2025-06", "--expected-version", str(version))
    assert stale.exit_code == 1
    assert f"version {version} -> {version + 1}" in stale.stderr
    assert f"record by {TESTER}" in stale.stderr
    assert dump(db_url) == before


def test_flag_and_unflag(tracker: Invoke) -> None:
    result = tracker("flag", CODE, "--reason", "6月开行数量低于计划", "--watch")
    assert result.exit_code == 0 and "flagged watch" in result.stdout
    listed = json.loads(tracker("list", "--flagged", "--json").stdout)
    assert [i["code"] for i in listed] == [CODE]
    assert listed[0]["flag"]["level"] == "watch"
    assert tracker("unflag", CODE, "--note", "7月已追上").exit_code == 0
    assert json.loads(tracker("list", "--flagged", "--json").stdout) == []
    actions = [e["action"] for e in json.loads(tracker("audit", "-i", CODE, "--json").stdout)]
    assert actions[:2] == ["unflag", "flag"]


@pytest.mark.parametrize(
    ("setup", "args", "needle"),
    [
        ([], ["unflag", CODE, "--note", "done"], "has no open flag"),
        ([["flag", CODE, "-r", "late"]], ["flag", CODE, "-r", "again"], "already flagged"),
        ([], ["flag", CODE, "--reason", "  "], "a reason is required"),
        ([["flag", CODE, "-r", "late"]], ["unflag", CODE, "--note", " "], "a note is required"),
        ([], ["flag", "NOPE", "--reason", "x"], "no indicator with code 'NOPE'"),
    ],
)
def test_flag_refusals_change_nothing(
    tracker: Invoke, db_url: str, setup: list[list[str]], args: list[str], needle: str
) -> None:
    for step in setup:
        assert tracker(*step).exit_code == 0
    before = dump(db_url)
    result = tracker(*args)
    assert result.exit_code == 1
    assert needle in one_line(result)
    assert dump(db_url) == before
