"""The shell speaks the language asked for: --lang, else TRACKER_LANG; English otherwise,
as scripts that read its errors have always read them."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Invoke, one_line

CODE = "SYMC-PLAN-SPECIAL-PLANS"


def test_an_error_is_said_in_the_language_of_lang(tracker: Invoke) -> None:
    chinese = tracker("show", "NOPE", "--lang", "zh")
    english = tracker("show", "NOPE", "--lang", "en")
    assert chinese.exit_code == english.exit_code == 1
    assert one_line(chinese) == "错误:没有编码为“NOPE”的指标"
    assert one_line(english) == "error: no indicator with code 'NOPE'"


def test_without_a_choice_errors_stay_english(tracker: Invoke) -> None:
    assert one_line(tracker("show", "NOPE")) == "error: no indicator with code 'NOPE'"


def test_a_field_error_and_a_message_follow_tracker_lang(
    tracker: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_LANG", "zh")
    refused = tracker("record", CODE, "25", "--period", "2025年13月")
    assert refused.exit_code != 0
    assert "“2025年13月”:月份 13 不在 1-12 之间" in refused.stderr
    recorded = tracker("record", CODE, "25", "--period", "2025-06")
    assert recorded.exit_code == 0
    assert recorded.stdout.startswith(f"{CODE}:已记录 实际 25(观测值 ")


def test_the_audit_trail_names_actions_and_kinds_in_the_language_asked_for(
    tracker: Invoke,
) -> None:
    tracker("record", CODE, "25", "--period", "2025-06")
    chinese = tracker("audit", "--actor", "tester", "--lang", "zh").stdout
    english = tracker("audit", "--actor", "tester", "--lang", "en").stdout
    assert "记录" in chinese and "实际" in chinese and "record" not in chinese
    assert "record" in english and "actual" in english
