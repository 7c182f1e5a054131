"""The one catalogue of words: every key in both languages, with the same parameters."""

from __future__ import annotations

import re

import pytest

from tracker.cli.render import text
from tracker.domain.vocab import (
    DeadlineBasis,
    Direction,
    FinalState,
    FlagLevel,
    Frequency,
    Kind,
    MilestoneState,
    Status,
)
from tracker.i18n import CATALOGUE, documents, errors, fields, interface, palette, status, t
from tracker.tui.words import tr

HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
PLACEHOLDER = re.compile(r"\{[^}]*\}")


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_both_languages_with_the_same_parameters(key: str) -> None:
    zh, en = CATALOGUE[key]
    assert zh.strip() and en.strip()
    assert fields(zh) == fields(en), key
    if key != "act_language" and LATIN.search(PLACEHOLDER.sub("", en)):
        # Words in English are words in Chinese too (not English left in the Chinese).
        assert HAN.search(zh), f"{key}: the Chinese text {zh!r} has no Chinese"
        assert zh != en, key


@pytest.mark.parametrize(
    ("prefix", "enum"),
    [
        ("status", Status),
        ("final", FinalState),
        ("basis", DeadlineBasis),
        ("milestone", MilestoneState),
        ("kind", Kind),
        ("direction", Direction),
        ("frequency", Frequency),
        ("level", FlagLevel),
    ],
)
def test_every_member_of_a_vocabulary_has_its_words(prefix: str, enum: type) -> None:
    sep = "_" if prefix == "level" else "."
    for member in enum:
        assert f"{prefix}{sep}{member.value}" in CATALOGUE


def test_the_shell_and_the_terminal_interface_say_a_flag_the_same_way() -> None:
    assert text("open", "zh") == tr("open", "zh") == "未解除"
    assert text("open", "en") == tr("open", "en") == "open"


def test_parameters_are_filled_in_and_english_is_chosen_by_its_prefix() -> None:
    assert t("saved", "zh", summary="x") == "已保存:x"
    assert t("saved", "en-GB", summary="x") == "Saved: x"


def test_an_audit_account_is_english_as_text_and_chinese_when_said() -> None:
    from tracker.services.audit import describe_event

    after = '{"kind": "actual", "period": "2025", "value": "12"}'
    before = '{"kind": "actual", "period": "2024", "value": "1"}'
    account = describe_event("correct", "observation", before, after)
    assert account == "actual 2025 = 12 (was 2024 1)"
    assert account.say("zh") == "实际 2025 = 12(原为 2024 1)"  # type: ignore[attr-defined]


def test_no_key_is_worded_in_two_parts_of_the_catalogue() -> None:
    # The parts are merged into one dict, where a second wording would silently win.
    seen: dict[str, str] = {}
    for part in (interface, status, errors, palette, documents):
        for key in part.WORDS:
            assert key not in seen, f"{key} is in {seen[key]} and {part.__name__}"
            seen[key] = part.__name__
