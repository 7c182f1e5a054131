"""A throwaway PostgreSQL 15 server for the tests, and fixtures that run tests on both backends.

Each pytest process (each xdist worker) starts its own server on a free loopback port, with its
data directory and Unix socket in a private temporary directory, and stops it at the end of the
session. A watchdog stops it too if the process dies without tearing down. `initdb` refuses to
run as root, so as root the server runs as an unprivileged user (`nobody`, else one created
with useradd). When no server can be started the PostgreSQL tests are skipped, saying why; with
CI set in the environment they fail instead.

TRACKER_TEST_PG_URL=postgresql+psycopg://admin:pw@host:port/postgres uses a running server
instead (the role must be a superuser: the tests create databases and roles).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

PG_VERSION = "15"
ADMIN = "tracker_admin"
TEMPLATE_DB = "tracker_template"
SEARCH_DIRS = (
    "/usr/local/bin",
    f"/usr/lib/postgresql/{PG_VERSION}/bin",
    "/usr/local/pgsql/bin",
    f"/opt/postgresql/{PG_VERSION}/bin",
)


class ServerUnavailable(Exception):
    """A local server could not be started; the message says why."""


@dataclass
class PgServer:
    """A running server reachable on 127.0.0.1 with a superuser and its password."""

    host: str
    port: int
    admin: str
    password: str

    def url(self, database: str, *, user: str | None = None, password: str | None = None) -> str:
        """A SQLAlchemy URL for `database`, as the admin unless `user` is given."""
        return sa.URL.create(
            "postgresql+psycopg",
            username=user or self.admin,
            password=password if user else self.password,
            host=self.host,
            port=self.port,
            database=database,
        ).render_as_string(hide_password=False)

    def execute(self, *statements: str, database: str = "postgres") -> None:
        """Run statements as the admin outside a transaction (CREATE/DROP DATABASE need it)."""
        engine = sa.create_engine(self.url(database), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                for statement in statements:
                    connection.exec_driver_sql(statement)
        finally:
            engine.dispose()

    def create_database(self, *, template: str | None = None) -> str:
        """A new database with a unique name, copied from `template` if given."""
        name = f"t_{uuid.uuid4().hex[:16]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        self.execute(f'CREATE DATABASE "{name}"{copy}')
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, ending any connection still open to it."""
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class LocalCluster:
    """A server process started from the binaries on this machine."""

    server: PgServer
    root: Path
    data: Path
    pg_ctl: str
    run_as: list[str]
    watchdog: subprocess.Popen[bytes] | None = None

    def stop(self) -> None:
        """Stop the server at once and remove its files; safe to call twice."""
        if self.watchdog is not None and self.watchdog.poll() is None:
            self.watchdog.kill()
            self.watchdog.wait()
        if self.data.exists():
            subprocess.run(
                [*self.run_as, self.pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"],
                capture_output=True,
                check=False,
                timeout=60,
            )
        shutil.rmtree(self.root, ignore_errors=True)


def find_binary(name: str) -> str | None:
    """The path of a PostgreSQL binary: TRACKER_PG_BIN, then the usual places, then PATH."""
    dirs = [os.environ["TRACKER_PG_BIN"]] if os.environ.get("TRACKER_PG_BIN") else []
    for directory in (*dirs, *SEARCH_DIRS):
        candidate = Path(directory) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


def unprivileged_user() -> str:
    """A user initdb accepts when we are root: nobody, else a system user created for this."""
    for name in ("nobody", "tracker-pg"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    useradd = shutil.which("useradd") or "/usr/sbin/useradd"
    created = subprocess.run(
        [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "tracker-pg"],
        capture_output=True,
        text=True,
        check=False,
    )
    if created.returncode != 0:
        raise ServerUnavailable(f"running as root and could not add a user: {created.stderr}")
    return "tracker-pg"


def run_as_prefix(user: str) -> list[str]:
    """The command prefix that runs a program as `user` (runuser, else setpriv)."""
    runuser = shutil.which("runuser") or "/usr/sbin/runuser"
    if Path(runuser).exists():
        return [runuser, "-u", user, "--"]
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise ServerUnavailable("running as root and neither runuser nor setpriv is installed")
    entry = pwd.getpwnam(user)
    return [
        setpriv,
        f"--reuid={entry.pw_uid}",
        f"--regid={entry.pw_gid}",
        "--clear-groups",
        "--reset-env",
    ]


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_local_cluster() -> LocalCluster:
    """initdb a fresh cluster in a private temporary directory and start it; raises
    ServerUnavailable with the reason when that is not possible."""
    initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise ServerUnavailable(
            "initdb/pg_ctl not found (looked in TRACKER_PG_BIN, /usr/local/bin, "
            f"/usr/lib/postgresql/{PG_VERSION}/bin and PATH)"
        )
    root = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:
        user = unprivileged_user()
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
        run_as = run_as_prefix(user)
    password = secrets.token_urlsafe(18)
    pwfile = root / "pwfile"
    pwfile.write_text(password + "\n")
    if run_as:
        os.chown(pwfile, pwd.getpwnam(user).pw_uid, -1)
    pwfile.chmod(0o600)
    data = root / "data"
    init = subprocess.run(
        [
            *run_as,
            initdb,
            "-D",
            str(data),
            "-U",
            ADMIN,
            f"--pwfile={pwfile}",
            "--auth=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    pwfile.unlink()
    if init.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise ServerUnavailable(f"initdb failed: {init.stderr.strip()[-500:]}")
    cluster = LocalCluster(PgServer("127.0.0.1", 0, ADMIN, password), root, data, pg_ctl, run_as)
    last_error = ""
    for _ in range(3):
        port = free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={root}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=60 -c shared_buffers=32MB"
        )
        started = subprocess.run(
            [
                *run_as,
                pg_ctl,
                "-D",
                str(data),
                "-l",
                str(root / "server.log"),
                "-w",
                "-t",
                "60",
                "-o",
                options,
                "start",
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=90,
        )
        if started.returncode == 0:
            cluster.server.port = port
            cluster.watchdog = start_watchdog(cluster)
            return cluster
        log = root / "server.log"
        last_error = (log.read_text(errors="replace") if log.exists() else started.stderr)[-500:]
    cluster.stop()
    raise ServerUnavailable(f"the server did not start: {last_error.strip()}")


def start_watchdog(cluster: LocalCluster) -> subprocess.Popen[bytes]:
    """A process that stops the server and removes its files if this process dies first."""
    stop = " ".join(
        [*cluster.run_as, cluster.pg_ctl, "-D", str(cluster.data), "-m", "immediate", "stop"]
    )
    script = (
        f"while [ -d /proc/{os.getpid()} ]; do sleep 1; done; "
        f"{stop} >/dev/null 2>&1; rm -rf {cluster.root}"
    )
    return subprocess.Popen(
        ["/bin/sh", "-c", script],
        start_new_session=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def external_server(url: str) -> PgServer:
    """The server named by TRACKER_TEST_PG_URL."""
    parsed = sa.make_url(url)
    return PgServer(
        parsed.host or "127.0.0.1",
        parsed.port or 5432,
        parsed.username or "",
        parsed.password or "",
    )


def unavailable(reason: str) -> None:
    """Skip with the reason, or fail when running in CI (CI must run these tests)."""
    message = f"PostgreSQL tests need a server: {reason}"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server for this test process (started on first use, stopped at the end)."""
    external = os.environ.get("TRACKER_TEST_PG_URL")
    if external:
        yield external_server(external)
        return
    try:
        cluster = start_local_cluster()
    except (ServerUnavailable, OSError, subprocess.SubprocessError) as exc:
        unavailable(str(exc))
        return
    atexit.register(cluster.stop)
    previous = signal.getsignal(signal.SIGTERM)
    if previous in (signal.SIG_DFL, None):
        # xdist and CI runners end workers with SIGTERM: stop the server on the way out.
        signal.signal(signal.SIGTERM, lambda *_: (cluster.stop(), sys.exit(143)))
    try:
        yield cluster.server
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> Iterator[str]:
    """A database migrated and seeded once, which each test's database is copied from."""
    from tracker import services

    name = pg_server.create_database()
    store = services.open_store(pg_server.url(name))
    store.engine.dispose()
    yield name
    pg_server.drop_database(name)


@pytest.fixture
def pg_url(pg_server: PgServer, pg_template: str) -> Iterator[str]:
    """A fresh seeded PostgreSQL database for this test."""
    name = pg_server.create_database(template=pg_template)
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def pg_empty_url(pg_server: PgServer) -> Iterator[str]:
    """A PostgreSQL database with no schema yet."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def backend_url(request: pytest.FixtureRequest) -> str:
    """A fresh seeded database on each backend in turn."""
    return str(request.getfixturevalue("db_url" if request.param == "sqlite" else "pg_url"))


@pytest.fixture(params=BACKENDS)
def backend_empty_url(request: pytest.FixtureRequest) -> str:
    """An empty database (no schema) on each backend in turn."""
    name = "empty_url" if request.param == "sqlite" else "pg_empty_url"
    return str(request.getfixturevalue(name))
