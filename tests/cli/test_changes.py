"""`tracker changes` lists the change sets newest first; `tracker revert ID` undoes one as a new
change set after asking (or with --yes), and a refusal names the later changes and exits 1."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.cli.conftest import Invoke, one_line, write
from tests.conftest import dump

CODE = "SYMC-GOV-CROSS-REGION-ITEMS"
FILE = f"indicator,kind,period,value\n{CODE},actual,2025-11,250\n{CODE},actual,2025-05-26,999\n"


def newest(tracker: Invoke, limit: int = 1) -> list[dict[str, object]]:
    result = tracker("changes", "--json", "--limit", str(limit))
    assert result.exit_code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.output)
    return found


def test_changes_lists_the_change_sets_newest_first_with_who_origin_file_and_counts(
    tracker: Invoke, tmp_path: Path
) -> None:
    path = write(tmp_path / "november.csv", FILE)
    assert tracker("import", str(path), "--accept-outliers").exit_code == 0
    assert tracker("flag", CODE, "--reason", "慢").exit_code == 0
    flag, imported = newest(tracker, 2)
    assert (flag["origin"], flag["person"], flag["events"], flag["written"]) == (
        "flag",
        "tester",
        1,
        0,
    )
    assert (imported["origin"], imported["file_name"]) == ("import", "november.csv")
    assert imported["file_sha256"] == hashlib.sha256(FILE.encode()).hexdigest()
    assert (imported["written"], imported["replaced"], imported["events"]) == (2, 1, 0)
    assert int(str(flag["id"])) > int(str(imported["id"]))
    table = tracker("changes", "--limit", "2", "--lang", "en")
    assert table.exit_code == 0
    rows = {line.split()[0]: line for line in table.output.splitlines()[2:] if line.strip()}
    assert "import" in rows[str(imported["id"])] and "(tester)" in rows[str(imported["id"])]
    assert "flag" in rows[str(flag["id"])]
    assert "标记" in tracker("changes", "--limit", "1").output  # Chinese by default


def test_revert_undoes_an_import_as_a_new_change_set(tracker: Invoke, tmp_path: Path) -> None:
    before = tracker("export", "observations", "--json")
    path = write(tmp_path / "wrong.csv", FILE)
    assert tracker("import", str(path), "--accept-outliers").exit_code == 0
    [imported] = newest(tracker)
    result = tracker("revert", str(imported["id"]), "--yes", "--lang", "en")
    assert result.exit_code == 0, result.output
    [revert] = newest(tracker)
    assert (revert["origin"], revert["reverts"]) == ("revert", imported["id"])
    assert f"reverted change set {imported['id']} as change set {revert['id']}" in result.output
    assert "2 values withdrawn, 1 restored" in result.output
    assert tracker("export", "observations", "--json").output == before.output


def test_revert_without_yes_outside_a_terminal_writes_nothing(tracker: Invoke, db_url: str) -> None:
    assert tracker("record", CODE, "260", "--period", "2025-12").exit_code == 0
    [made] = newest(tracker)
    before = dump(db_url)
    # Not a terminal: refused, naming --yes.
    refused = tracker("revert", str(made["id"]))
    assert refused.exit_code == 1 and "--yes" in one_line(refused)
    assert dump(db_url) == before


def test_a_refused_revert_names_the_later_change_and_exits_1(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    path = write(tmp_path / "november.csv", FILE)
    assert tracker("import", str(path), "--accept-outliers").exit_code == 0
    [imported] = newest(tracker)
    assert tracker("record", CODE, "251", "--period", "2025-11").exit_code == 0
    [later] = newest(tracker)
    before = dump(db_url)
    refused = tracker("revert", str(imported["id"]), "--yes", "--lang", "en")
    assert refused.exit_code == 1
    message = one_line(refused)
    assert f"change set {imported['id']} cannot be reverted" in message
    assert f"change set {later['id']} (correct by " in message and "Traceback" not in message
    assert dump(db_url) == before
    missing = tracker("revert", "99999", "--yes", "--lang", "en")
    assert missing.exit_code != 0 and "no change set 99999" in one_line(missing)
