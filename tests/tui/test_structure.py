"""The TUI's shape: widgets never touch storage or services; the CLI loads Textual only for
the interface; the table stays fast with 100,000 indicators because it draws only what shows."""

from __future__ import annotations

import ast
import functools
import gc
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from textual.app import App, ComposeResult
from typer.testing import CliRunner

from tests.tui.conftest import SIZE
from tracker.domain.status_board import BoardRow, IndicatorStatus, Named
from tracker.domain.status_facts import Facts, Verdict
from tracker.domain.vocab import STATUS_ORDER, Direction, Frequency, Status
from tracker.tui.row_set import SORT_COLUMNS, RowSet
from tracker.tui.selection import Selection
from tracker.tui.widgets.indicator_table import COLUMNS, IndicatorTable

TUI = Path(__file__).resolve().parents[2] / "tracker" / "tui"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_widgets_import_neither_storage_nor_services() -> None:
    files = sorted((TUI / "widgets").glob("*.py"))
    assert len(files) > 5
    for path in files:
        bad = {
            m
            for m in imported_modules(path)
            if m.startswith(("tracker.storage", "tracker.services", "sqlalchemy", "sqlmodel"))
        }
        assert not bad, f"{path.name} imports {bad}"


def test_one_main_class_per_screen_and_widget_file_and_modals_end_in_dialog() -> None:
    for path in [*(TUI / "widgets").glob("*.py"), *(TUI / "screens").glob("*.py")]:
        if path.name == "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef)]
        main = "".join(part.title() for part in path.stem.split("_"))
        assert main in classes or f"{main}Screen" in classes, (path.name, classes)
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                bases = {ast.unparse(b) for b in node.bases}
                if any(b.startswith("ModalScreen") for b in bases):
                    assert node.name.endswith("Dialog"), node.name


def test_every_column_can_be_sorted() -> None:
    assert sorted(column.key for column in COLUMNS) == sorted(SORT_COLUMNS)
    rows = synthetic_rows(50)
    for key in SORT_COLUMNS:
        assert len(RowSet(rows, {}).ordered(key, True, "en")) == 50


def test_cli_loads_textual_only_for_the_interface(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from tracker.cli.main import app\n"
        "result = CliRunner().invoke(app, ['--help'])\n"
        "assert result.exit_code == 0, result.output\n"
        "assert 'tui' in result.output\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.strip() == "False"


def test_tui_command_has_help_and_refuses_a_bad_language() -> None:
    from tracker.cli.main import app

    runner = CliRunner()
    result = runner.invoke(app, ["tui", "--help"])
    assert result.exit_code == 0 and "--db" in result.output and "--lang" in result.output
    result = runner.invoke(app, ["tui", "--lang", "fr", "--db", "/nonexistent/x.db"])
    assert result.exit_code != 0 and "zh or en" in result.output


@functools.cache
def synthetic_rows(count: int) -> list[IndicatorStatus]:
    """`count` indicators with Chinese names, spread over statuses, regions and pillars."""
    names = ("科技型中小企业", "港口货物吞吐量", "空气质量优良天数", "高新技术企业", "城镇新增就业")
    pillars = [Named(f"P{i:02d}", "产业共链", "Industry") for i in range(11)]
    regions = [Named(f"R{i:02d}", "沈阳", "Shenyang") for i in range(14)]
    facts = Facts(direction=Direction.INCREASE, unit="个")
    rows = []
    for i in range(count):
        code = f"R{i % 14:02d}-P{i % 11:02d}-{i:06d}"
        row = BoardRow(
            id=i,
            code=code,
            name=f"{names[i % len(names)]}{i}",
            name_en=f"indicator {i}",
            region=regions[i % 14],
            pillar=pillars[i % 11],
            unit="个",
            direction=Direction.INCREASE,
            frequency=Frequency.ANNUAL,
            version=1,
            updated_at=datetime(2025, 1, 1),
            lead=(),
            responsible=(),
            description="",
            updated_by="t",
            flag=None,
            facts=facts,
            baseline_period="",
            latest_period="",
            target_period="",
            target_id=None,
        )
        verdict = Verdict(
            status=STATUS_ORDER[i % len(STATUS_ORDER)],
            rule="synthetic",
            progress=(i % 100) / 100,
            stale=i % 7 == 0,
            flagged=i % 50 == 0,
        )
        rows.append(IndicatorStatus(row=row, verdict=verdict))
    gc.freeze()  # as the TUI does after its first load
    return rows


def test_filtering_and_sorting_100k_rows_is_fast() -> None:
    rowset = RowSet(synthetic_rows(100_000), {})
    started = time.perf_counter()
    view = rowset.view(Selection(search="企业9"), "zh")
    filtered = time.perf_counter() - started
    assert view and all("企业9" in r.row.name for r in view)
    started = time.perf_counter()
    by_status = rowset.view(Selection(sort="status"), "zh")
    first_sort = time.perf_counter() - started
    assert by_status[0].verdict.status is Status.OFF_TRACK
    assert by_status[-1].verdict.status is Status.NO_TARGET
    # Generous bounds for a shared CI machine; the benchmark suite measures the real figures.
    assert filtered < 0.5 and first_sort < 2.0


class TableApp(App[None]):
    """Just the table, for measuring it."""

    def compose(self) -> ComposeResult:
        yield IndicatorTable()


async def test_the_table_draws_only_what_shows_with_100k_rows() -> None:
    rows = synthetic_rows(100_000)
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(IndicatorTable)
        started = time.perf_counter()
        table.show_rows(rows)
        await pilot.pause()
        shown = time.perf_counter() - started
        table.focus()
        started = time.perf_counter()
        await pilot.press("end")
        jumped = time.perf_counter() - started
        assert table.current is rows[-1]
        assert table.virtual_size.height == len(rows) + 1
        assert rows[-1].code in table.render_line(SIZE[1] - 2).text
        # Only the lines on screen were ever drawn.
        assert len(table._lines) < SIZE[1] * 2
        assert shown < 3.0 and jumped < 1.0
