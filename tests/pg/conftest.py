"""Coordinators with their own PostgreSQL login roles, granted regions through the service."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.pg_server import PgServer
from tracker import services


@dataclass
class Coordinator:
    """A login role, its password and the URL it connects with."""

    role: str
    password: str
    url: str

    def store(self) -> services.Store:
        """The store as this coordinator sees it (never created or migrated by them)."""
        return services.open_store(self.url, create=False)


@pytest.fixture
def admin_store(pg_url: str) -> Iterator[services.Store]:
    """The seeded PostgreSQL store opened by its administrator (a superuser)."""
    store = services.open_store(pg_url)
    yield store
    store.engine.dispose()


@pytest.fixture
def coordinators(
    pg_server: PgServer, pg_url: str, admin_store: services.Store
) -> Iterator[dict[str, Coordinator]]:
    """tieling (铁岭), shenyang (沈阳), province (辽宁省, all) and reader (regions revoked)."""
    import sqlalchemy as sa

    database = sa.make_url(pg_url).database
    assert database is not None
    suffix = secrets.token_hex(3)
    made: dict[str, Coordinator] = {}
    for key, region in (
        ("tieling", "铁岭"),
        ("shenyang", "沈阳"),
        ("province", "辽宁省"),
        ("reader", "铁岭"),
    ):
        role, password = f"{key}_{suffix}", secrets.token_urlsafe(12)
        services.grant_access(
            admin_store, role=role, region=region, actor="admin", origin="test", password=password
        )
        if key == "reader":  # granted, then every region revoked: it still reads
            services.revoke_access(admin_store, role=role, actor="admin", origin="test")
        made[key] = Coordinator(
            role, password, pg_server.url(database, user=role, password=password)
        )
    yield made
    admin_store.engine.dispose()
    pg_server.drop_database(database)
    for coordinator in made.values():
        pg_server.execute(f"DROP ROLE IF EXISTS {coordinator.role}")
