"""The core does not pull in the faces: importing it loads no Textual, Typer or Rich."""

from __future__ import annotations

import subprocess
import sys

import pytest

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
