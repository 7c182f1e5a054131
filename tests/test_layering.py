"""The layers: dependencies point one way (domain <- storage <- importers, services <- cli,
tui), the core loads no interface library, and no file grows past what a person reads whole."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import tracker

ROOT = Path(tracker.__file__).parent

# Each part of tracker/ and its place: a part may import its own modules and those of the parts
# below it, never one above it. The catalogue of words, the errors and the configuration sit
# under everything; the CLI sits above the TUI, which its `tui` and `review` commands open.
LAYERS = {
    "i18n": 0,
    "config": 1,
    "errors": 1,
    "domain": 2,
    "storage": 3,
    "importers": 4,
    "services": 5,
    "extract": 6,
    "report": 6,
    "tui": 7,
    "cli": 8,
}
MOST_LINES = 400
# Files over MOST_LINES, each with why it is still whole.


def part_of(path: Path) -> str:
    """The part of tracker/ a file belongs to: `domain` for domain/status.py, `errors` for
    errors.py."""
    return path.relative_to(ROOT).parts[0].removesuffix(".py")


def imported_parts(path: Path) -> set[tuple[str, int]]:
    """The parts of tracker/ a file imports (anywhere in it, under TYPE_CHECKING too), each
    with the line of its first import."""
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            words = name.split(".")
            if words[0] == "tracker" and len(words) > 1 and words[1] in LAYERS:
                found.setdefault(words[1], node.lineno)
    return set(found.items())


def sources() -> list[Path]:
    return sorted(ROOT.rglob("*.py"))


def test_every_part_of_the_package_has_its_place() -> None:
    parts = {part_of(path) for path in sources()} - {"__init__"}
    assert parts == set(LAYERS)


def test_dependencies_point_one_way() -> None:
    upward = []
    for path in sources():
        part = part_of(path)
        if part == "__init__":
            continue
        for other, line in sorted(imported_parts(path)):
            if LAYERS[other] > LAYERS[part] or (LAYERS[other] == LAYERS[part] and other != part):
                upward.append(f"{path.relative_to(ROOT)}:{line}: {part} imports {other}")
    assert upward == []


def test_no_file_is_longer_than_a_person_reads_whole() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in sorted(ROOT.rglob("*"))
        if path.suffix in (".py", ".tcss", ".toml")
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    }
    assert long == {}


CORE = (
    "tracker.domain.models",
    "tracker.domain.status",
    "tracker.storage.queries",
    "tracker.storage.mutations",
    "tracker.importers.observations",
    "tracker.services",
)


@pytest.mark.parametrize("module", CORE)
def test_core_imports_no_interface_library(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in ('textual', 'typer', 'rich', 'click') if m in sys.modules)\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_domain_imports_no_storage_session_or_pandas() -> None:
    code = (
        "import sys, tracker.domain.status, tracker.domain.numbers, tracker.domain.periods\n"
        "bad = ('pandas', 'tracker.storage', 'tracker.services')\n"
        "print(','.join(m for m in bad if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_importing_the_package_connects_to_nothing(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    code = "import tracker.services, tracker.cli.main\n"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "module", ["tracker.services.status_board", "tracker.tui.app", "tracker.cli.main"]
)
def test_the_read_paths_load_no_sqlalchemy(module: str) -> None:
    # The summary and the TUI's first screen read a SQLite file with sqlite3; SQLAlchemy and
    # SQLModel take longer to load than the whole read.
    code = (
        f"import sys, {module}\n"
        "print(','.join(m for m in ('sqlalchemy', 'sqlmodel', 'pandas') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_name_the_services_offer_is_there() -> None:
    from tracker import services

    missing = [name for name in services.__all__ if not hasattr(services, name)]
    assert missing == [] and set(services.__all__) <= set(dir(services))
    assert callable(services.read_status_board) and callable(services.open_store)
