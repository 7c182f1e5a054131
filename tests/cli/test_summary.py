"""`tracker summary`: counts by status, then what needs attention as `actual [x% of target]`."""

from __future__ import annotations

import json
from datetime import date

import pytest
from rich.cells import cell_len

from tests.cli.conftest import Invoke
from tests.seed_figures import closed_indicators, on_board

CODE = "SY-OPEN-CRE-TRAINS"
AS_OF = ("--as-of", "2025-12-31")


def squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("by", ["pillar", "region"])
def test_summary_fits_80_columns(tracker: Invoke, lang: str, by: str) -> None:
    tracker("record", CODE, "620", "-p", "2025-06")
    result = tracker("summary", *AS_OF, "--lang", lang, "--by", by, "--limit", "0")
    assert result.exit_code == 0
    widths = [cell_len(line) for line in result.stdout.splitlines()]
    assert max(widths) <= 80


def test_summary_counts_and_budget_style_attention(tracker: Invoke) -> None:
    # An annual figure last reported in mid-2024 is overdue (stale) at the end of 2025.
    tracker("record", CODE, "620", "-p", "2024-06")
    tracker("flag", CODE, "--reason", "低于计划")
    out = tracker("summary", *AS_OF, "--limit", "0").stdout
    assert "各领域状态 (截至 2025-12-31)" in out
    assert "需关注的指标" in out
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("中欧班列(沈阳)"))
    # actual [x% of target], what remains, the deadline, the status; its markers below it
    assert squeeze(lines[at]).endswith("620列 [目标900的69%] 280 2024-12-31 滞后")
    assert lines[at + 1].rstrip().endswith("标记 久未更新")
    status_column = lines[at].rindex("滞后")
    assert cell_len(lines[at][:status_column]) == cell_len(
        lines[at + 1][: lines[at + 1].index("标记")]
    )
    english = tracker("summary", *AS_OF, "--limit", "0", "--lang", "en").stdout
    lines = english.splitlines()
    at = next(i for i, line in enumerate(lines) if "620列 [69% of 900]" in line)
    assert squeeze(lines[at]).endswith("620列 [69% of 900] 280 2024-12-31 off track")
    assert lines[at + 1].rstrip().endswith("flag stale")


def test_summary_totals_match_the_listing(tracker: Invoke) -> None:
    data = json.loads(tracker("summary", *AS_OF, "--json").stdout)
    listing = json.loads(tracker("list", *AS_OF, "--json").stdout)
    by_status: dict[str, int] = {}
    for item in listing:
        by_status[item["status"]] = by_status.get(item["status"], 0) + 1
    assert {k: v for k, v in data["total"].items() if v} == by_status
    assert sum(g["total"] for g in data["groups"]) == len(listing)
    text = tracker("summary", *AS_OF).stdout
    total_line = next(line for line in text.splitlines() if line.startswith("合计"))
    assert total_line.split()[-1] == str(len(listing))


def test_summary_limits_the_attention_list_and_says_how_many_more(tracker: Invoke) -> None:
    listing = json.loads(tracker("list", *AS_OF, "--json").stdout)
    for item in listing[:5]:  # flagged indicators need attention, whatever their status
        tracker("flag", item["code"], "--reason", "核对")
    data = json.loads(tracker("summary", *AS_OF, "--json").stdout)
    needing = len(data["attention"])
    assert needing > 3
    out = tracker("summary", *AS_OF, "--limit", "3").stdout
    assert f"还有 {needing - 3} 项未列出" in out
    assert f"需关注的指标 ({needing} 项)" in out
    everything = tracker("summary", *AS_OF, "--limit", "0").stdout
    assert "未列出" not in everything


def test_summary_json_is_the_same_data(tracker: Invoke) -> None:
    tracker("record", CODE, "620", "-p", "2024-06")
    data = json.loads(tracker("summary", *AS_OF, "--json").stdout)
    item = next(i for i in data["attention"] if i["code"] == CODE)
    assert item["latest"] == {"when": "2024-06-30", "value": "620", "comparator": "="}
    assert item["target"] == {
        "value": "900",
        "comparator": ">",  # 突破900列: more than 900
        "deadline": "2024-12-31",
        "deadline_basis": "stated",
        "relative_to": None,
    }
    assert (item["share_of_target"], item["remaining"]) == (68.9, "280")
    assert item["status"] == "off_track" and item["stale"] is True


def test_summary_filters(tracker: Invoke) -> None:
    tieling = json.loads(tracker("summary", *AS_OF, "--region", "铁岭", "--json").stdout)
    assert {a["region"] for a in tieling["attention"]} <= {"铁岭"}
    assert sum(tieling["total"].values()) == len(on_board(region="铁岭"))
    transport = json.loads(tracker("summary", *AS_OF, "--pillar", "transport", "--json").stdout)
    assert [g["name"] for g in transport["groups"]] == ["交通共联"]


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["--by", "city"], 2, "expected pillar or region"),
        (["--as-of", "tomorrow"], 2, "'tomorrow' is not a date"),
        (["--limit", "-2"], 2, "expected 0 (all) or more"),
        (["--region", "火星"], 1, "error: no region named '火星'"),
    ],
)
def test_summary_refusals(tracker: Invoke, args: list[str], code: int, needle: str) -> None:
    result = tracker("summary", *args)
    assert result.exit_code == code
    assert needle in result.stderr


def test_reporting_gaps_are_shown_apart_from_the_verdicts(tracker: Invoke) -> None:
    """A target past its deadline with nothing reported is 逾期未报, listed apart and never
    among what needs attention; off track needs a measured shortfall."""
    late = ("--as-of", "2026-12-01")
    data = json.loads(tracker("summary", *late, "--json").stdout)
    gaps = {i["code"] for i in data["not_reported"]}
    assert CODE in gaps and data["total"]["not_reported"] == len(gaps)
    assert not gaps & {i["code"] for i in data["attention"]}
    assert all(i["latest"] is not None for i in data["attention"] if i["status"] == "off_track")
    out = tracker("summary", *late, "--limit", "0").stdout
    assert f"逾期未报的指标 ({len(gaps)} 项)" in out
    header = next(line for line in out.splitlines() if "逾期未报" in line and "│" in line)
    assert header.index("│") < header.index("逾期未报")  # after the verdicts' columns
    english = tracker("summary", *late, "--lang", "en").stdout
    assert "Targets past their deadline with nothing reported" in english
    # By then the 2025 plans have ended too: their indicators are counted only when asked for.
    assert data["closed_hidden"] == len(closed_indicators(date(2026, 12, 1))) > 0
    same = json.loads(tracker("summary", *late, "--json", "--include-closed").stdout)
    assert same["total"] == {**data["total"], "closed": data["closed_hidden"]}
    assert same["closed_hidden"] == 0
