"""`tracker access grant|revoke|list`, a refused write through the CLI, and passwords kept out
of output, errors, logs, help and the statements sent to the server."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner, Result

from tests.conftest import dump
from tests.pg_server import PgServer
from tracker import services
from tracker.cli.main import STATE, app
from tracker.storage.engine import mask_url

pytestmark = pytest.mark.postgres


def run(*args: str, input: str | None = None) -> Result:
    """The CLI in-process; no traceback may escape it."""
    STATE["debug"] = False
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


def test_grant_asks_for_the_password_without_echoing_it(pg_url: str, role_name: str) -> None:
    password = secrets.token_urlsafe(12)
    result = run(
        "access",
        "grant",
        role_name,
        "--region",
        "辽宁省",
        "--db",
        pg_url,
        input=f"{password}\n{password}\n",
    )
    assert result.exit_code == 0, result.output
    assert "may now write all regions" in result.output
    assert password not in result.output


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
