"""`tracker access grant|revoke|list`, a refused write through the CLI, and passwords kept out
of output, errors, logs, help and the statements sent to the server."""

from __future__ import annotations

import logging
import os
import pty
import secrets
import select
import sys
import time
from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner, Result

from tests.conftest import dump
from tests.pg.conftest import Coordinator
from tests.pg_server import PgServer
from tracker import services
from tracker.cli.main import app
from tracker.storage.engine import mask_url

pytestmark = pytest.mark.postgres


def run(*args: str, input: str | None = None) -> Result:
    """The CLI in-process; no traceback may escape it."""
    result = CliRunner().invoke(app, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture
def statements() -> Iterator[list[str]]:
    """Every SQL statement any engine sends while the test runs."""
    sent: list[str] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        sent.append(f"{statement} {parameters!r}")

    sa.event.listen(sa.engine.Engine, "before_cursor_execute", capture)
    yield sent
    sa.event.remove(sa.engine.Engine, "before_cursor_execute", capture)


@pytest.fixture
def role_name(pg_server: PgServer) -> Iterator[str]:
    """A fresh login role name, dropped afterwards."""
    name = f"tl_{secrets.token_hex(4)}"
    yield name
    pg_server.execute(f"DROP ROLE IF EXISTS {name}")


def test_grant_creates_the_role_and_it_writes_its_region_only(
    pg_server: PgServer,
    pg_url: str,
    role_name: str,
    statements: list[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    password = "Zq-" + secrets.token_urlsafe(16)
    monkeypatch.setenv("TRACKER_ROLE_PASSWORD", password)
    monkeypatch.setenv("TRACKER_USER", "admin")
    granted = run("access", "grant", role_name, "--region", "铁岭", "--db", pg_url)
    assert granted.exit_code == 0, granted.output
    assert f"{role_name} may now write 铁岭 (TL) (login role created)" in granted.output
    listed = run("access", "list", "--db", pg_url)
    assert role_name in listed.output and "铁岭 (TL)" in listed.output

    database = str(sa.make_url(pg_url).database)
    mine = pg_server.url(database, user=role_name, password=password)
    monkeypatch.setenv("TRACKER_USER", role_name)
    store = services.open_store(pg_url)
    codes = {s.row.region.code: s.row.code for s in services.statuses(store, as_of=date.today())}
    allowed = run("record", codes["TL"], "55", "--period", "2025-06", "--db", mine)
    assert allowed.exit_code == 0, allowed.output
    before = dump(pg_url)
    refused = run("record", codes["SY"], "5", "--period", "2025", "--db", mine)
    assert refused.exit_code == 1
    assert "permission denied" in refused.output and "沈阳 (SY)" in refused.output
    assert "Nothing was written" in refused.output and "Traceback" not in refused.output
    assert dump(pg_url) == before

    revoked = run("access", "revoke", role_name, "--region", "铁岭", "--db", pg_url)
    assert revoked.exit_code == 0, revoked.output
    again = run("record", codes["TL"], "56", "--period", "2025-06", "--db", mine)
    assert again.exit_code == 1 and "may write no region" in again.output
    relisted = run("access", "list", "--db", pg_url)
    assert any(
        line.startswith(role_name) and "(reads only)" in line
        for line in relisted.output.splitlines()
    )
    assert run("summary", "--db", mine).exit_code == 0  # still reads

    outputs = [granted, listed, allowed, refused, revoked, again]
    assert not any(password in r.output for r in outputs)
    assert not any(password in s for s in statements)
    assert password not in caplog.text
    assert not any(password in str(v) for row in dump(pg_url).values() for v in row)
    store.engine.dispose()


def in_a_terminal(*args: str, answers: list[str], timeout: float = 60) -> tuple[int, str]:
    """Run the tracker CLI with a pseudo-terminal as its controlling terminal, typing each
    answer when a prompt ends in ': '; returns the exit code and everything the terminal showed."""
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_ROLE_PASSWORD"}
    command = [sys.executable, "-c", "from tracker.cli.main import run; run()", *args]
    pid, primary = pty.fork()
    if pid == 0:  # the child: its stdin, stdout and stderr are the terminal
        os.execve(sys.executable, command, env)
    shown, pending, deadline = b"", list(answers), time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
        # click shows "password for x:", then getpass turns echo off and shows " ".
        if pending and shown.endswith(b": "):
            os.write(primary, pending.pop(0).encode() + b"\n")
    os.close(primary)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), shown.decode(errors="replace")


def test_grant_asks_for_the_password_in_a_terminal_without_echoing_it(
    pg_server: PgServer, pg_url: str, role_name: str
) -> None:
    password = secrets.token_urlsafe(12)
    code, shown = in_a_terminal(
        "access",
        "grant",
        role_name,
        "--region",
        "辽宁省",
        "--db",
        pg_url,
        answers=[password, password],
    )
    assert code == 0, shown
    assert f"password for {role_name}" in shown and "may now write all regions" in shown
    assert password not in shown
    database = str(sa.make_url(pg_url).database)
    engine = sa.create_engine(pg_server.url(database, user=role_name, password=password))
    with engine.connect() as connection:  # the password typed is the one set
        assert connection.execute(sa.text("SELECT current_user")).scalar() == role_name
    engine.dispose()


def test_without_a_terminal_grant_refuses_to_ask_and_names_the_variable(
    pg_url: str, role_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRACKER_ROLE_PASSWORD", raising=False)
    before = dump(pg_url)
    result = run("access", "grant", role_name, "--region", "铁岭", "--db", pg_url, input="pw\npw\n")
    assert result.exit_code == 1, result.output
    assert "no terminal" in result.output and "TRACKER_ROLE_PASSWORD" in result.output
    assert "password for" not in result.output
    assert dump(pg_url) == before
    assert run("access", "list", "--db", pg_url).output.count(role_name) == 0


@pytest.mark.parametrize("command", ["grant", "revoke"])
def test_a_role_that_may_not_grant_is_refused_before_being_asked_anything(
    coordinators: dict[str, Coordinator],
    role_name: str,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    monkeypatch.delenv("TRACKER_ROLE_PASSWORD", raising=False)
    tl, province = coordinators["tieling"], coordinators["province"]
    target = role_name if command == "grant" else province.role
    for who in (tl, province):  # even the province's coordinator manages no roles
        result = run(
            "access", command, target, "--region", "铁岭", "--db", who.url, input="pw\npw\n"
        )
        assert result.exit_code == 1, result.output
        assert f"role {who.role} may not grant or revoke" in result.output, result.output
        assert "CREATEROLE" in result.output and "password for" not in result.output
    listed = run("access", "list", "--db", province.url).output
    assert role_name not in listed and f"{province.role}  all regions" in listed


def test_grant_refuses_bad_role_names_and_unknown_regions(pg_url: str) -> None:
    for args, expected in (
        (("access", "grant", "Robert'); DROP", "--region", "铁岭"), "role name"),
        (("access", "grant", "tracker_province", "--region", "铁岭"), "reserved"),
        (("access", "grant", "someone", "--region", "火星"), "no region named"),
    ):
        result = run(*args, "--db", pg_url, input="pw\npw\n")
        assert result.exit_code == 1, result.output
        assert expected in result.output


def test_access_on_a_sqlite_file_is_refused_with_the_reason(db_url: str) -> None:
    result = run("access", "list", "--db", db_url)
    assert result.exit_code == 1
    assert "needs a PostgreSQL database" in result.output


def test_an_unreachable_server_is_named_without_its_password(pg_server: PgServer) -> None:
    password = secrets.token_urlsafe(12)
    url = sa.URL.create(
        "postgresql+psycopg",
        username="someone",
        password=password,
        host="127.0.0.1",
        port=pg_server.port,
        database="nowhere",
    ).render_as_string(hide_password=False)
    for args in (("summary",), ("db", "current"), ("init",), ("access", "list")):
        result = run(*args, "--db", url)
        assert result.exit_code == 1, (args, result.output)
        assert password not in result.output and "Traceback" not in result.output
        assert mask_url(url) in result.output or "***" in result.output


def test_help_never_shows_the_database_password(monkeypatch: pytest.MonkeyPatch) -> None:
    password = secrets.token_urlsafe(12)
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"postgresql+psycopg://u:{password}@h/db")
    monkeypatch.setenv("TRACKER_ROLE_PASSWORD", password)
    for args in (
        ("--help",),
        ("access", "--help"),
        ("access", "grant", "--help"),
        ("summary", "--help"),
        ("record", "--help"),
        ("db", "upgrade", "--help"),
        ("import", "--help"),
    ):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert password not in result.output


def test_mask_url_hides_only_the_password() -> None:
    masked = mask_url("postgresql+psycopg://tl_wang:s3cr3t@db.example:5432/tracker")
    assert masked == "postgresql+psycopg://tl_wang:***@db.example:5432/tracker"
    assert mask_url("sqlite:////tmp/tracker.db") == "sqlite:////tmp/tracker.db"
