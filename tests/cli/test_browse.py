"""`tracker list|show|history|audit`: finding indicators and what happened to them."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from tests.cli.conftest import Invoke, one_line
from tests.conftest import dump
from tests.seed_figures import on_board, seed_rows
from tracker.domain.vocab import STATUS_ORDER

CODE = "SY-OPEN-CRE-TRAINS"
AS_OF = ("--as-of", "2025-12-31")


def codes(tracker: Invoke, *args: str) -> list[str]:
    result = tracker("list", *AS_OF, "--json", *args)
    assert result.exit_code == 0, result.output
    return [item["code"] for item in json.loads(result.stdout)]


def test_list_shows_every_indicator_by_default(tracker: Invoke) -> None:
    everything = codes(tracker)
    # Every seeded indicator but those of programmes that ended before the date judged.
    assert set(everything) == on_board()
    assert everything == sorted(everything)


def test_list_filters_by_region_with_sub_regions(tracker: Invoke) -> None:
    tieling = json.loads(tracker("list", *AS_OF, "--json", "--region", "铁岭").stdout)
    assert tieling and {i["region"] for i in tieling} == {"铁岭"}
    province = codes(tracker, "--region", "LN")  # the province holds every region
    assert set(province) == on_board()


def test_list_filters_by_pillar_status_department_and_search(tracker: Invoke) -> None:
    transport = json.loads(tracker("list", *AS_OF, "--json", "--pillar", "交通共联").stdout)
    assert {i["code"] for i in transport} == on_board(pillar="交通共联")
    assert {i["pillar"] for i in transport} == {"交通共联"}
    # The seeded board's gaps are targets past their deadline with nothing reported (逾期未报).
    off = json.loads(tracker("list", *AS_OF, "--json", "--status", "逾期未报").stdout)
    assert off and {i["status"] for i in off} == {"not_reported"}
    two = codes(tracker, "--status", "not_reported", "--status", "achieved")
    assert set(two) > {i["code"] for i in off}
    trains = sorted(r["code"] for r in seed_rows("indicators") if "班列" in r["name"])
    assert CODE in trains and codes(tracker, "--search", "班列") == trains
    assert codes(tracker, "--search", "china-europe railway express (shenyang) trains") == [CODE]
    assert codes(tracker, "--search", "sy-open-cre-t") == [CODE]
    with_lead = json.loads(tracker("list", *AS_OF, "--json").stdout)
    some = next(i for i in with_lead if i["lead"])
    department = some["lead"][0]
    found = json.loads(tracker("list", *AS_OF, "--json", "--department", department).stdout)
    assert some["code"] in [i["code"] for i in found]
    assert all(department in i["lead"] + i["responsible"] for i in found)


def test_list_flagged_and_stale(tracker: Invoke) -> None:
    assert codes(tracker, "--flagged") == []
    tracker("flag", CODE, "--reason", "低于计划")
    assert codes(tracker, "--flagged") == [CODE]
    stale = json.loads(tracker("list", *AS_OF, "--json", "--stale").stdout)
    assert stale and all(i["stale"] for i in stale)
    assert len(stale) < len(on_board())


def test_list_sorts(tracker: Invoke) -> None:
    items = json.loads(tracker("list", *AS_OF, "--json", "--sort", "status").stdout)
    order = [s.value for s in STATUS_ORDER]
    ranks = [order.index(i["status"]) for i in items]
    assert ranks == sorted(ranks)
    by_deadline = json.loads(tracker("list", *AS_OF, "--json", "--sort", "deadline").stdout)
    deadlines = [(i["target"] or {}).get("deadline") for i in by_deadline]
    dated = [d for d in deadlines if d is not None]
    assert dated and dated == sorted(dated)
    # No deadline (no target, or an open commitment) sorts last.
    assert None in deadlines and deadlines == dated + [None] * (len(deadlines) - len(dated))
    assert codes(tracker, "--reverse") == sorted(codes(tracker), reverse=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_list_fits_80_columns_with_codes_whole(tracker: Invoke, lang: str) -> None:
    result = tracker("list", *AS_OF, "--lang", lang)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    longest = max(codes(tracker), key=len)
    assert any(line.startswith(longest + " ") for line in lines)


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["--region", "火星"], 1, "no region named '火星'"),
        (["--pillar", "nowhere"], 1, "no pillar named 'nowhere'"),
        (["--status", "great"], 2, "expected one of off_track"),
        (["--sort", "colour"], 2, "expected one of code, name"),
        (["--as-of", "31/12/2025"], 2, "is not a date"),
    ],
)
def test_list_refusals(tracker: Invoke, args: list[str], code: int, needle: str) -> None:
    result = tracker("list", *args)
    assert result.exit_code == code
    assert needle in result.stderr


def test_show_text_has_definition_verdict_sources_and_flag(tracker: Invoke) -> None:
    tracker("record", CODE, "620", "-p", "2025-06", "--quote", "上半年开行620列")
    tracker("flag", CODE, "--reason", "低于计划")
    result = tracker("show", CODE, *AS_OF)
    assert result.exit_code == 0
    out = result.stdout
    for needle in (
        CODE,
        "中欧班列(沈阳)开行数量",
        "沈阳",
        "对外开放",
        "滞后",
        "标记",
        "620列 [目标900的69%]",
        "期限 2024-12-31 已过",
        "“今年中欧班列(沈阳)开行数量力争突破900列”",
        "“上半年开行620列”",
        "低于计划",
        "最近变更",
    ):
        assert needle in out, needle
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    english = tracker("show", CODE, *AS_OF, "--lang", "en").stdout
    assert "620列 [69% of 900]" in english and "The deadline 2024-12-31 has passed" in english


def test_show_json(tracker: Invoke) -> None:
    tracker("record", CODE, "610", "-p", "2025-06")
    tracker("record", CODE, "620", "-p", "2025-06")
    data = json.loads(tracker("show", CODE, *AS_OF, "--json").stdout)
    assert data["indicator"]["code"] == CODE
    assert data["indicator"]["status"] == "off_track"
    assert data["indicator"]["share_of_target"] == pytest.approx(68.9, abs=0.1)
    assert data["indicator"]["remaining"] == "280"
    assert {(o["kind"], o["period"], o["value"], o["state"]) for o in data["observations"]} == {
        ("target", "2024", "900", "current"),
        ("actual", "2025-06", "610", "superseded"),
        ("actual", "2025-06", "620", "current"),
    }
    assert [e["action"] for e in data["recent_changes"][:2]] == ["correct", "record"]
    text = tracker("show", CODE, *AS_OF).stdout
    assert f"另有 1 条已更正或撤回的数值:tracker history {CODE}" in text
    assert "610" not in text.split("最近变更")[0].split("当前数值")[1]


def test_show_unknown_code(tracker: Invoke) -> None:
    result = tracker("show", "SY-NOPE")
    assert result.exit_code == 1
    assert one_line(result) == "error: no indicator with code 'SY-NOPE'"


def test_history_keeps_superseded_values(tracker: Invoke) -> None:
    tracker("record", CODE, "620", "-p", "2025-06")
    tracker("record", CODE, "640", "-p", "2025-06")
    text = tracker("history", CODE).stdout
    assert "已更正" in text and "当前" in text and "tester" in text
    data = json.loads(tracker("history", CODE, "--json").stdout)
    old = next(o for o in data if o["value"] == "620")
    new = next(o for o in data if o["value"] == "640")
    assert old["state"] == "superseded" and old["superseded_by"] == new["id"]


def test_history_unknown_code(tracker: Invoke) -> None:
    assert tracker("history", "NOPE").exit_code == 1


def test_audit_filters(tracker: Invoke) -> None:
    tracker("record", CODE, "620", "-p", "2025-06")
    tracker("flag", CODE, "--reason", "低于计划")
    mine = json.loads(tracker("audit", "--actor", "tester", "--json").stdout)
    assert [(e["action"], e["indicator"]) for e in mine] == [("flag", CODE), ("record", CODE)]
    assert json.loads(tracker("audit", "--source", "cli", "--json").stdout) == mine
    seeded = json.loads(tracker("audit", "--source", "seed", "--limit", "0", "--json").stdout)
    assert len(seeded) > 300 and {e["actor"] for e in seeded} == {"seed"}
    assert len(json.loads(tracker("audit", "--json").stdout)) == 50  # the default limit
    one = json.loads(tracker("audit", "-i", CODE.lower(), "--limit", "0", "--json").stdout)
    assert {e["indicator"] for e in one} == {CODE} and len(one) == 4  # create, target, 2 mine
    assert json.loads(tracker("audit", "--period", "1999", "--json").stdout) == []
    this_year = mine[0]["at"][:4]
    assert len(json.loads(tracker("audit", "--period", this_year, "--json").stdout)) == 50
    text = tracker("audit", "--actor", "tester").stdout
    assert f"记录 {CODE} 实际 2025-06 = 620" in " ".join(text.split())
    english = tracker("audit", "--actor", "tester", "--lang", "en").stdout
    assert f"record {CODE} actual 2025-06 = 620" in " ".join(english.split())


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["--indicator", "NOPE"], 1, "no indicator with code 'NOPE'"),
        (["--since", "2025-06-01", "--until", "2025-01-01"], 1, "is empty"),
        (["--since", "June"], 2, "'June' is not a date"),
        (["--period", "someday"], 2, "'someday' is not a period"),
        (["--period", "2025", "--since", "2025-01-01"], 2, "either --period or --since"),
        (["--limit", "-1"], 2, "expected 0 (all) or more"),
    ],
)
def test_audit_refusals(
    tracker: Invoke, db_url: str, args: list[str], code: int, needle: str
) -> None:
    before = dump(db_url)
    result = tracker("audit", *args)
    assert result.exit_code == code
    assert needle in result.stderr
    assert dump(db_url) == before
