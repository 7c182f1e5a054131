"""PostgreSQL roles and the regions they may write."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from tracker.domain.models import Region
from tracker.domain.status_board import resolve_name
from tracker.services.store import Store, context
from tracker.storage import access, queries
from tracker.storage.engine import reading, writing


def _region_named(session: Session, text: str) -> Any:

    code = resolve_name(rows=queries.regions(session=session), text=text, what="region")
    return session.get(Region, code)


def grant_needs_password(store: Store, *, role: str, region: str, reset: bool = False) -> bool:
    """Check everything a grant needs but the password, so that nobody is asked for one in
    vain: the connected role may grant, the role name is valid, the region exists. Returns
    whether a password is needed (the role is new, or `reset`)."""

    with reading(store.engine) as session:
        access.ensure_may_grant(session)
        access.check_role_name(role)
        _region_named(session, region)
        return reset or not access.role_exists(session=session, role=role)


def grant_access(
    store: Store, *, role: str, region: str, actor: str, origin: str, password: str | None = None
) -> str:
    """Let a role write one region's figures (and its sub-regions'; the province: all).

    The login role is created when absent, with `password`; returns what changed, in words.
    """

    with writing(store.engine) as session:
        return access.grant(
            session=session,
            ctx=context(actor, origin),
            role=role,
            region=_region_named(session, region),
            password=password,
        )


def revoke_access(
    store: Store, *, role: str, actor: str, origin: str, region: str | None = None
) -> list[str]:
    """Take away a role's write permission for one region, or all; returns the groups removed."""

    with writing(store.engine) as session:
        target = _region_named(session, region) if region else None
        return access.revoke(session=session, ctx=context(actor, origin), role=role, region=target)


def access_grants(store: Store) -> list[Any]:
    """Every role with write permission, and the regions it may write."""

    with reading(store.engine) as session:
        return access.grants(session=session)
