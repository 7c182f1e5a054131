"""Text fields refuse control characters (tab and newline aside) on the way in, naming the
line and column of a file or the option, and the store stays exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Invoke, one_line, write
from tests.conftest import dump

CODE = "SY-OPEN-CRE-TRAINS"
HEADER = "indicator,kind,period,value,unit,comparator,source_doc,quote,note\n"


def test_an_import_refuses_a_control_character_naming_line_and_column(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    rows = "".join(f"{CODE},actual,2025-{m:02d},{600 + m},,,,,月报\n" for m in range(1, 10))
    rows += f"{CODE},actual,2025-10,610,,,,,月报\x1b]0;pwned\x07\n"  # line 11
    path = write(tmp_path / "june.csv", HEADER + rows)
    before = dump(db_url)
    result = tracker("import", str(path))
    assert result.exit_code == 1
    assert "line 11, column 'note'" in result.stderr
    assert "control character U+001B at character 3" in result.stderr
    assert "\x1b" not in result.output
    assert dump(db_url) == before


def test_an_indicators_file_refuses_a_control_character(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "defs.csv",
        "code,name,direction,region,pillar\nSY-NEW-ONE,新指标\x1b[2J,increase,沈阳,交通共联\n",
    )
    before = dump(db_url)
    result = tracker("import", str(path))
    assert result.exit_code == 1
    assert "line 2, column 'name'" in result.stderr and "U+001B" in result.stderr
    assert dump(db_url) == before


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("record", CODE, "620", "--period", "2025-06", "--note", "a\x1b[2Jb"), "note"),
        (("record", CODE, "620", "--period", "2025-06", "--source", "\x1b]0;x\x07"), "source"),
        (("record", CODE, "620", "--period", "2025-06", "--quote", "q\rq"), "quote"),
        (("flag", CODE, "--reason", "slow\x1b[8m hidden"), "reason"),
        (("indicator", "edit", CODE, "--name-en", "Trains\x1b]8;;https://x/\x1b\\"), "name_en"),
        (("indicator", "edit", CODE, "--description", "a\x00b"), "description"),
    ],
)
def test_typed_text_with_a_control_character_is_refused_naming_the_field(
    tracker: Invoke, db_url: str, args: tuple[str, ...], field: str
) -> None:
    before = dump(db_url)
    result = tracker(*args)
    assert result.exit_code == 1
    message = one_line(result)
    assert field in message and "control character" in message
    assert "\x1b" not in result.output
    assert dump(db_url) == before


def test_unflag_refuses_a_control_character_in_the_note(tracker: Invoke, db_url: str) -> None:
    assert tracker("flag", CODE, "--reason", "slow").exit_code == 0
    before = dump(db_url)
    result = tracker("unflag", CODE, "--note", "done\x1b[2J")
    assert result.exit_code == 1 and "note: control character U+001B" in one_line(result)
    assert dump(db_url) == before


def test_tab_and_newline_are_kept(tracker: Invoke) -> None:
    result = tracker("record", CODE, "620", "--period", "2025-06", "--note", "一\t二\n三")
    assert result.exit_code == 0, result.output
