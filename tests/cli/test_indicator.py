"""`tracker indicator add|edit`: definitions validated the way an indicators file is."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import TESTER, Invoke, one_line
from tests.conftest import dump

NEW = [
    "indicator",
    "add",
    "TL-TRANS-BUS-LINES",
    "--name",
    "铁沈公交线路",
    "--unit",
    "条",
    "--direction",
    "正向",
    "--region",
    "铁岭",
    "--pillar",
    "交通共联",
    "--lead",
    "铁岭市交通运输局",
    "--lead",
    "沈阳市交通运输局",
    "--frequency",
    "季度",
]


def shown(tracker: Invoke, code: str) -> dict[str, object]:
    return json.loads(tracker("show", code, "--json").stdout)["indicator"]  # type: ignore[no-any-return]


def test_add_then_show(tracker: Invoke) -> None:
    result = tracker(*NEW)
    assert result.exit_code == 0, result.output
    assert "TL-TRANS-BUS-LINES: added (version 1)" in result.stdout
    data = shown(tracker, "TL-TRANS-BUS-LINES")
    assert (data["name"], data["unit"], data["direction"], data["frequency"]) == (
        "铁沈公交线路",
        "条",
        "increase",
        "quarterly",
    )
    assert (data["region"], data["pillar"]) == ("铁岭", "交通共联")
    assert data["lead"] == ["铁岭市交通运输局", "沈阳市交通运输局"]
    audit = json.loads(tracker("audit", "-i", "TL-TRANS-BUS-LINES", "--json").stdout)
    assert [(e["action"], e["actor"], e["origin"]) for e in audit] == [("create", TESTER, "cli")]


def with_option(option: str, value: str) -> list[str]:
    """The NEW command with one option's value (or the code, for `code`) replaced."""
    args = list(NEW)
    at = 2 if option == "code" else args.index(option) + 1
    args[at] = value
    return args


@pytest.mark.parametrize(
    ("option", "value", "needle"),
    [
        ("code", "SY-OPEN-CRE-TRAINS", "indicator SY-OPEN-CRE-TRAINS already exists"),
        ("code", "bad code!", "code 'bad code!': expected letters, digits and hyphens"),
        ("--direction", "sideways", "direction 'sideways': expected increase, decrease"),
        ("--region", "火星", "no region named '火星'"),
        ("--pillar", "nowhere", "no pillar named 'nowhere'"),
        ("--frequency", "hourly", "frequency 'hourly': expected monthly"),
        ("--name", "", "name '': a Chinese name is required"),
        ("--unit", "个" * 41, "': at most 40 characters"),
    ],
)
def test_add_refusals_change_nothing(
    tracker: Invoke, db_url: str, option: str, value: str, needle: str
) -> None:
    before = dump(db_url)
    result = tracker(*with_option(option, value))
    assert result.exit_code == 1
    assert needle in one_line(result)
    assert dump(db_url) == before


def test_add_without_required_options_names_them(tracker: Invoke, db_url: str) -> None:
    before = dump(db_url)
    result = tracker("indicator", "add", "TL-X")
    assert result.exit_code == 1
    for field in ("name", "direction", "region", "pillar"):
        assert f"{field} ''" in result.stderr
    assert dump(db_url) == before


def test_edit_changes_only_what_is_given(tracker: Invoke) -> None:
    before = shown(tracker, "SY-OPEN-CRE-TRAINS")
    result = tracker("indicator", "edit", "sy-open-cre-trains", "--name-en", "CR Express trains")
    assert result.exit_code == 0 and "changed" in result.stdout
    after = shown(tracker, "SY-OPEN-CRE-TRAINS")
    assert after["name_en"] == "CR Express trains"
    assert after["version"] == before["version"] + 1  # type: ignore[operator]
    for key in ("name", "unit", "direction", "region", "pillar", "frequency", "description"):
        assert after[key] == before[key]
    again = tracker("indicator", "edit", "SY-OPEN-CRE-TRAINS", "--name-en", "CR Express trains")
    assert "unchanged" in again.stdout
    assert shown(tracker, "SY-OPEN-CRE-TRAINS")["version"] == after["version"]
    event = json.loads(tracker("audit", "-i", "SY-OPEN-CRE-TRAINS", "--json").stdout)[0]
    assert event["action"] == "update"
    assert event["before"]["name_en"] != event["after"]["name_en"] == "CR Express trains"


def test_edit_departments(tracker: Invoke) -> None:
    tracker("indicator", "edit", "SY-OPEN-CRE-TRAINS", "--responsible", "沈阳市商务局")
    assert shown(tracker, "SY-OPEN-CRE-TRAINS")["responsible"] == ["沈阳市商务局"]


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["NOPE", "--name", "x"], 1, "no indicator with code 'NOPE'"),
        (["SY-OPEN-CRE-TRAINS", "--direction", "up-ish"], 1, "expected increase"),
        (["SY-OPEN-CRE-TRAINS", "--unit", "万列"], 1, "changing the unit to '万列'"),
        (["SY-OPEN-CRE-TRAINS", "--name", "x", "--expected-version", "1"], 1, "was changed"),
        (["SY-OPEN-CRE-TRAINS"], 2, "give at least one field"),
    ],
)
def test_edit_refusals_change_nothing(
    tracker: Invoke, db_url: str, args: list[str], code: int, needle: str
) -> None:
    before = dump(db_url)
    result = tracker("indicator", "edit", *args)
    assert result.exit_code == code
    assert needle in result.stderr
    assert dump(db_url) == before


def test_the_unit_of_an_indicator_without_values_can_change(tracker: Invoke) -> None:
    tracker(*NEW)
    assert tracker("indicator", "edit", "TL-TRANS-BUS-LINES", "--unit", "条线路").exit_code == 0
    assert shown(tracker, "TL-TRANS-BUS-LINES")["unit"] == "条线路"
