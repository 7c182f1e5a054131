"""Who may write which region's figures on PostgreSQL: login roles, region group roles, and the
checks that turn a write refused by row-level security into a message naming the region.

The database enforces the rule (migration 0002's policies); this module manages the roles and
asks the same SQL function the policies use, so that a refusal can say which region it was.
On SQLite there are no roles: every check passes and managing access is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlmodel import Session, select

from tracker.domain.models import Region
from tracker.errors import PermissionDeniedError, TrackerError, ValidationError
from tracker.storage.audit import WriteContext, record_audit

COORDINATOR_GROUP = "tracker_coordinator"
PROVINCE_GROUP = "tracker_province"
REGION_PREFIX = "tracker_region_"
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
SCRAM_ITERATIONS = 4096


@dataclass
class Grant:
    """A role and the regions it may write (province-wide or by region and its sub-regions)."""

    role: str
    login: bool
    regions: list[str] = field(default_factory=list)


def is_postgres(session: Session) -> bool:
    """Whether the session talks to PostgreSQL (the only backend with roles)."""
    return session.get_bind().dialect.name == "postgresql"


def require_postgres(session: Session) -> None:
    """Refuse access management on SQLite, saying what protects a SQLite file instead."""
    if not is_postgres(session):
        raise TrackerError(
            "access control needs a PostgreSQL database (TRACKER_DATABASE_URL="
            "postgresql+psycopg://...); a SQLite file is protected by its file permissions"
        )


def region_role(region_code: str) -> str:
    """A region's group role: TL -> tracker_region_tl, SY-HN -> tracker_region_sy_hn.

    Must agree with the SQL function tracker_region_role of migration 0002.
    """
    return REGION_PREFIX + re.sub(r"[^A-Za-z0-9]+", "_", region_code).lower()


def group_of(region: Region) -> str:
    """The group role that may write `region`: the province's group for the top region."""
    return PROVINCE_GROUP if region.parent_code is None else region_role(region.code)


def current_role(session: Session) -> str:
    """The role this session is connected as."""
    return str(session.execute(sa.text("SELECT current_user")).scalar_one())


def may_write_region(*, session: Session, region_code: str) -> bool:
    """Whether the connected role may write figures of this region (always True on SQLite)."""
    if not is_postgres(session):
        return True
    allowed = session.execute(
        sa.text("SELECT tracker_may_write_region(:code)"), {"code": region_code}
    ).scalar()
    return bool(allowed)


def ensure_may_write(*, session: Session, region_codes: set[str], what: str = "figures") -> None:
    """Raise PermissionDeniedError naming the regions the connected role may not write."""
    if not is_postgres(session):
        return
    denied = sorted(c for c in region_codes if not may_write_region(session=session, region_code=c))
    if denied:
        raise refusal(session=session, region_codes=denied, what=what)


def refusal(*, session: Session, region_codes: list[str], what: str) -> PermissionDeniedError:
    """The error for a refused write: who, which regions, and what the role may write."""
    role = current_role(session)
    labels = region_labels(session)
    targets = ", ".join(labels.get(c, c) for c in region_codes)
    mine = [labels_of_group(labels, g) for g in groups_of(session=session, role=role)]
    scope = (
        f"it may write {', '.join(mine)}"
        if mine
        else "it may write no region (an administrator can run: tracker access grant)"
    )
    return PermissionDeniedError(
        f"permission denied: role {role} may not change {what} of {targets}; {scope}."
        " Nothing was written."
    )


def region_labels(session: Session) -> dict[str, str]:
    """`铁岭 (TL)` by region code."""
    return {r.code: f"{r.name} ({r.code})" for r in session.exec(select(Region))}


def labels_of_group(labels: dict[str, str], group: str) -> str:
    """A group role in words: `all regions` or the region it stands for."""
    if group == PROVINCE_GROUP:
        return "all regions"
    for code, label in labels.items():
        if region_role(code) == group:
            return label
    return group


def groups_of(*, session: Session, role: str) -> list[str]:
    """The tracker group roles `role` belongs to, directly or through another role."""
    rows = session.execute(
        sa.text(
            "SELECT g.rolname FROM pg_roles g"
            " WHERE (g.rolname = :province OR g.rolname LIKE :pattern)"
            " AND pg_has_role(:role, g.oid, 'MEMBER') ORDER BY g.rolname"
        ),
        {
            "province": PROVINCE_GROUP,
            "pattern": REGION_PREFIX.replace("_", r"\_") + "%",
            "role": role,
        },
    )
    found = [str(name) for (name,) in rows]
    # Province-wide covers everything: listing regions too would only confuse.
    return [PROVINCE_GROUP] if PROVINCE_GROUP in found else found


def role_exists(*, session: Session, role: str) -> bool:
    """Whether a role of this name exists on the server."""
    found = session.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
    return found.first() is not None


def may_grant(session: Session) -> bool:
    """Whether the connected role may create login roles and grant the tracker's groups."""
    allowed = session.execute(
        sa.text(
            "SELECT rolsuper OR rolcreaterole FROM pg_catalog.pg_roles WHERE rolname = current_user"
        )
    ).scalar()
    return bool(allowed)


def ensure_may_grant(session: Session) -> None:
    """Refuse access management to a role that lacks the right, saying which right it is."""
    require_postgres(session)
    if not may_grant(session):
        raise PermissionDeniedError(
            f"permission denied: role {current_role(session)} may not grant or revoke write"
            " permission (that needs a role with CREATEROLE, such as the administrator's)."
            " Nothing was changed."
        )


def check_role_name(role: str) -> None:
    """A login role's name: lower-case letters, digits and _, not a reserved prefix."""
    if not ROLE_NAME.match(role):
        raise ValidationError(
            f"role name {role!r}: expected lower-case letters, digits and _ (at most 63),"
            " starting with a letter or _"
        )
    if role.startswith(("pg_", "tracker_")):
        raise ValidationError(f"role name {role!r}: names starting pg_ or tracker_ are reserved")


def scram_verifier(password: str) -> str:
    """A SCRAM-SHA-256 verifier, so the password itself never reaches the server or its log."""
    salt = secrets.token_bytes(16)
    normalized = unicodedata.normalize("NFKC", password).encode()
    salted = hashlib.pbkdf2_hmac("sha256", normalized, salt, SCRAM_ITERATIONS)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode()

    return f"SCRAM-SHA-256${SCRAM_ITERATIONS}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _ddl(session: Session, statement: str) -> None:
    # Role statements take no bind parameters; the names are checked and quoted above.
    session.connection().exec_driver_sql(statement)


def ensure_group(*, session: Session, region: Region) -> str:
    """The region's group role, created (as a coordinator group) when absent."""
    group = group_of(region)
    if not role_exists(session=session, role=group):
        _ddl(session, f"CREATE ROLE {_ident(group)} NOLOGIN IN ROLE {COORDINATOR_GROUP}")
    return group


def is_direct_member(*, session: Session, role: str, group: str) -> bool:
    """Whether `role` was granted `group` itself (not through another role)."""
    found = session.execute(
        sa.text(
            "SELECT 1 FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid"
            " JOIN pg_roles m ON m.oid = am.member WHERE g.rolname = :g AND m.rolname = :m"
        ),
        {"g": group, "m": role},
    )
    return found.first() is not None


def grant(
    *, session: Session, ctx: WriteContext, role: str, region: Region, password: str | None
) -> str:
    """Let `role` write `region`'s figures, creating the login role when a password is given.

    Returns a sentence saying what changed. The password is never stored in the audit log.
    """
    ensure_may_grant(session)
    check_role_name(role)
    group = ensure_group(session=session, region=region)
    created = False
    if not role_exists(session=session, role=role):
        if not password:
            raise ValidationError(
                f"role {role} does not exist; give a password (TRACKER_ROLE_PASSWORD or the"
                " prompt) to create it"
            )
        _ddl(session, f"CREATE ROLE {_ident(role)} LOGIN PASSWORD '{scram_verifier(password)}'")
        created = True
    elif password:
        _ddl(session, f"ALTER ROLE {_ident(role)} PASSWORD '{scram_verifier(password)}'")
    if not is_direct_member(session=session, role=role, group=COORDINATOR_GROUP):
        # Held directly, so that the role still reads after its regions are revoked.
        _ddl(session, f"GRANT {COORDINATOR_GROUP} TO {_ident(role)}")
    label = f"{region.name} ({region.code})" if group != PROVINCE_GROUP else "all regions"
    if is_direct_member(session=session, role=role, group=group):
        return f"{role} already may write {label}" + (" (password changed)" if password else "")
    _ddl(session, f"GRANT {_ident(group)} TO {_ident(role)}")
    record_audit(
        session=session,
        ctx=ctx,
        action="grant",
        entity="access",
        entity_id=role,
        after={"role": role, "region": region.code, "group": group, "login_created": created},
    )
    return f"{role} may now write {label}" + (" (login role created)" if created else "")


def revoke(*, session: Session, ctx: WriteContext, role: str, region: Region | None) -> list[str]:
    """Take away `role`'s write permission for `region`, or for every region when None.

    Returns the group roles removed; the login role stays a coordinator who reads.
    """
    ensure_may_grant(session)
    check_role_name(role)
    if not role_exists(session=session, role=role):
        raise ValidationError(f"role {role} does not exist")
    if region is not None:
        groups = [group_of(region)]
        if not is_direct_member(session=session, role=role, group=groups[0]):
            raise ValidationError(f"role {role} has no write permission for {region.name}")
    else:
        groups = [
            g
            for g in direct_groups(session=session, role=role)
            if g == PROVINCE_GROUP or g.startswith(REGION_PREFIX)
        ]
    for group in groups:
        _ddl(session, f"REVOKE {_ident(group)} FROM {_ident(role)}")
        record_audit(
            session=session,
            ctx=ctx,
            action="revoke",
            entity="access",
            entity_id=role,
            before={"role": role, "group": group},
        )
    return groups


def direct_groups(*, session: Session, role: str) -> list[str]:
    """The roles granted to `role` directly."""
    rows = session.execute(
        sa.text(
            "SELECT g.rolname FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid"
            " JOIN pg_roles m ON m.oid = am.member WHERE m.rolname = :m ORDER BY g.rolname"
        ),
        {"m": role},
    )
    return [str(name) for (name,) in rows]


def grants(*, session: Session) -> list[Grant]:
    """Every coordinator role with the regions it may write (none: it only reads)."""
    require_postgres(session)
    labels = region_labels(session)
    rows = session.execute(
        sa.text(
            "SELECT m.rolname, m.rolcanlogin, g.rolname FROM pg_auth_members am"
            " JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member"
            " WHERE (g.rolname IN (:province, :coordinator) OR g.rolname LIKE :pattern)"
            " AND m.rolname NOT LIKE :reserved ORDER BY m.rolname, g.rolname"
        ),
        {
            "province": PROVINCE_GROUP,
            "coordinator": COORDINATOR_GROUP,
            "pattern": REGION_PREFIX.replace("_", r"\_") + "%",
            "reserved": r"tracker\_%",
        },
    )
    result: dict[str, Grant] = {}
    for member, login, group in rows:
        entry = result.setdefault(member, Grant(member, bool(login)))
        if group != COORDINATOR_GROUP:
            entry.regions.append(labels_of_group(labels, group))
    return list(result.values())
