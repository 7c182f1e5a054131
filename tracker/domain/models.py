"""The tables of the indicator store (SQLModel), owned by Alembic migrations."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

from tracker.domain.numbers import canonical

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION


def one_of(column: str, values: tuple[str, ...], *, nullable: bool = False) -> sa.CheckConstraint:
    """A CHECK that `column` holds one of `values`, written `column = 'a' OR column = 'b'`:
    SQLite 3.40 evaluates `IN (...)` in a CHECK by building a temporary table for every row
    written (migration 0003)."""
    either = " OR ".join(f"{column} = '{value}'" for value in values)
    return sa.CheckConstraint(f"{column} IS NULL OR {either}" if nullable else either, name=column)


def partial_index(name: str, present: str, *columns: str) -> sa.Index:
    """An index on `columns` holding only the rows where `present` is set, on either backend."""
    rows = sa.text(f"{present} IS NOT NULL")
    return sa.Index(name, *columns, sqlite_where=rows, postgresql_where=rows)


class ExactDecimal(sa.types.TypeDecorator[Decimal]):
    """An exact decimal: NUMERIC where the database has it, canonical text on SQLite."""

    impl = sa.String(40)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(sa.String(40))
        # No precision or scale: NUMERIC(p, s) would round values with more than s decimals.
        return dialect.type_descriptor(sa.Numeric())

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return format(value, "f")
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return canonical(value if isinstance(value, Decimal) else Decimal(str(value)))


class Document(SQLModel, table=True):
    """A source document; its id is the seed file's name without `.txt`."""

    id: str = Field(primary_key=True, max_length=80)
    title: str = Field(max_length=300)
    issuer: str = Field(default="", max_length=200)
    written: date | None = None
    published: date | None = None
    kind: str = Field(max_length=40)


class Region(SQLModel, table=True):
    """A region in the hierarchy: province, area, city, zone, district."""

    code: str = Field(primary_key=True, max_length=40)
    name: str = Field(unique=True, max_length=100)
    name_en: str = Field(default="", max_length=200)
    parent_code: str | None = Field(default=None, foreign_key="region.code", max_length=40)
    level: str = Field(max_length=20)


class Programme(SQLModel, table=True):
    """A programme or document that set targets, with its span as period texts (`2016`,
    `2021-06`); closed once its end is before the date judged. `end_period` may be empty."""

    code: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=300)
    name_en: str = Field(default="", max_length=300)
    document: str | None = Field(default=None, foreign_key="document.id", max_length=80)
    start_period: str = Field(default="", max_length=24)
    end_period: str = Field(default="", max_length=24)


class Pillar(SQLModel, table=True):
    """An area of work the documents organise tasks by (规划共绘, 交通共联, ...)."""

    code: str = Field(primary_key=True, max_length=40)
    name: str = Field(unique=True, max_length=100)
    name_en: str = Field(default="", max_length=200)
    position: int = 0


class Department(SQLModel, table=True):
    """A department named as lead or responsible unit (牵头单位 / 责任单位)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=200)


class IndicatorDepartment(SQLModel, table=True):
    """A department's role on an indicator."""

    __tablename__ = "indicator_department"

    indicator_id: int = Field(foreign_key="indicator.id", primary_key=True)
    department_id: int = Field(foreign_key="department.id", primary_key=True)
    role: str = Field(primary_key=True, max_length=20)
    position: int = 0


class Indicator(SQLModel, table=True):
    """A figure to track; `version` increases with every change to it or its observations."""

    __table_args__ = (
        one_of("direction", ("increase", "decrease", "milestone")),
        one_of("frequency", ("monthly", "quarterly", "annual", "once")),
        one_of("measure", ("level", "rate", "rank")),
        sa.CheckConstraint("version >= 1", name="version"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=40)
    name: str = Field(max_length=300, index=True)
    name_en: str = Field(default="", max_length=300)
    unit: str = Field(default="", max_length=40)
    direction: str = Field(max_length=20)
    region_code: str = Field(foreign_key="region.code", max_length=40, index=True)
    pillar_code: str = Field(foreign_key="pillar.code", max_length=40, index=True)
    frequency: str = Field(default="annual", max_length=20)
    description: str = Field(default="")
    measure: str = Field(
        default="level", max_length=10, sa_column_kwargs={"server_default": "level"}
    )
    version: int = Field(default=1)
    updated_at: datetime
    updated_by: str = Field(max_length=100)


PRECISIONS = ("year", "month", "day", "quarter", "half", "range")
COMPARATORS = (">=", "<=", "=", ">", "<", "~")
DEADLINE_BASES = ("stated", "plan_end", "assumed")
MILESTONE_STATES = ("planned", "started", "approved", "completed")


class Observation(SQLModel, table=True):
    """A baseline, target or actual value; append-only, corrections supersede.

    A target without a period (`period` empty, no end) is an open commitment. `period_start`
    is set for quarters, half-years and ranges. A target defined against another series
    (`relative_to`) has no value. A value under `quarantine` (the reason) is kept and shown
    but left out of verdicts and totals.
    """

    __table_args__ = (
        sa.Index("ix_observation_current", "indicator_id", "kind", "state", "period_end"),
        # The few quarters, half-years and ranges, held values and relative targets, which
        # the status board seeks per indicator (migration 0006).
        partial_index(
            "ix_observation_span", "period_start", "indicator_id", "kind", "state", "period_end"
        ),
        partial_index("ix_observation_held", "quarantine", "indicator_id", "state"),
        partial_index("ix_observation_relative", "relative_to", "indicator_id", "kind", "state"),
        one_of("state", ("current", "superseded", "withdrawn")),
        one_of("kind", ("baseline", "target", "actual")),
        one_of("precision", PRECISIONS, nullable=True),
        one_of("comparator", COMPARATORS, nullable=True),
        one_of("deadline_basis", DEADLINE_BASES, nullable=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id")
    kind: str = Field(max_length=20)
    period: str = Field(max_length=24)
    precision: str | None = Field(default=None, max_length=10)
    period_start: date | None = None
    period_end: date | None = None
    value: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    comparator: str | None = Field(default=None, max_length=2)
    programme: str | None = Field(default=None, foreign_key="programme.code", max_length=40)
    deadline_basis: str | None = Field(default=None, max_length=10)
    relative_to: str | None = Field(default=None, max_length=40)
    quarantine: str | None = Field(default=None)
    source_doc: str | None = Field(default=None, foreign_key="document.id", max_length=80)
    source: str = Field(default="", max_length=300)
    # The line of the imported file (named by the change set that wrote it), from revision 0010.
    source_line: int | None = None
    quote: str = Field(default="")
    note: str = Field(default="")
    entered_by: str = Field(max_length=100)
    entered_at: datetime
    state: str = Field(default="current", max_length=12)
    superseded_by_id: int | None = Field(default=None, foreign_key="observation.id")
    # The change set that wrote the row, and the one that moved it out of `current`.
    written_in: int = Field(foreign_key="change_set.id", index=True)
    superseded_in: int | None = Field(default=None, foreign_key="change_set.id", index=True)


class Milestone(SQLModel, table=True):
    """One dated state of one named deliverable of a qualitative task; documents that disagree
    each keep their own row and quote."""

    __table_args__ = (one_of("state", MILESTONE_STATES),)

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", index=True)
    deliverable: str = Field(max_length=300)
    state: str = Field(max_length=12)
    period: str = Field(default="", max_length=24)
    period_end: date | None = None
    source_doc: str | None = Field(default=None, foreign_key="document.id", max_length=80)
    quote: str = Field(default="")
    note: str = Field(default="")
    entered_by: str = Field(max_length=100)
    entered_at: datetime


class Flag(SQLModel, table=True):
    """A person's off-track or watch flag on an indicator; clearing it is recorded too."""

    __table_args__ = (
        one_of("level", ("off_track", "watch")),
        sa.CheckConstraint("length(reason) > 0", name="reason"),
    )

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", index=True)
    level: str = Field(max_length=20)
    reason: str
    raised_by: str = Field(max_length=100)
    raised_at: datetime
    cleared_by: str | None = Field(default=None, max_length=100)
    cleared_at: datetime | None = None
    clear_note: str | None = None


CHANGE_ORIGINS = (
    "import",
    "record",
    "correct",
    "withdraw",
    "edit",
    "create",
    "flag",
    "unflag",
    "revert",
    "period-close",
    "period-reopen",
    "seed",
    "migrated",
    "sql",
)
INTERFACES = ("cli", "tui", "sql", "migration")


class ChangeSet(SQLModel, table=True):
    """One write: who (the database role or OS account, and the person named beside it), when
    (the database's clock), from where (the command and interface; an import's file), and,
    through the rows that name it, what it changed."""

    __tablename__ = "change_set"
    __table_args__ = (one_of("origin", CHANGE_ORIGINS), one_of("interface", INTERFACES))

    id: int | None = Field(default=None, primary_key=True)
    # Stamped by the database: its default (revision 0007) or, on PostgreSQL, its trigger.
    at: datetime = Field(index=True)
    actor: str = Field(max_length=100)
    person: str | None = Field(default=None, max_length=100)
    origin: str = Field(max_length=40)
    interface: str = Field(max_length=20)
    file_name: str | None = None
    file_sha256: str | None = Field(default=None, max_length=64)
    reverts_id: int | None = Field(default=None, foreign_key="change_set.id", index=True)
    txid: int | None = Field(default=None, sa_type=sa.BigInteger)


class AuditEvent(SQLModel, table=True):
    """One change to something other than an observation's value: who, when, what, before,
    after, from where, and the change set it belongs to."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor: str = Field(max_length=100, index=True)
    origin: str = Field(max_length=300)
    action: str = Field(max_length=40)
    entity: str = Field(max_length=40)
    entity_id: str = Field(max_length=80)
    indicator_code: str | None = Field(default=None, max_length=40, index=True)
    before: str | None = None
    after: str | None = None
    change_set_id: int = Field(foreign_key="change_set.id", index=True)


class PeriodClose(SQLModel, table=True):
    """A period closed for a region and its sub-regions (revision 0008): while it is not
    reopened, no value of theirs dated within `period_start`..`period_end` may be written."""

    __tablename__ = "period_close"
    __table_args__ = (
        sa.CheckConstraint("period_start <= period_end", name="span"),
        # One closing of a region's period in force at a time.
        sa.Index(
            "uq_period_close_in_force",
            "region_code",
            "period",
            unique=True,
            sqlite_where=sa.text("reopened_in IS NULL"),
            postgresql_where=sa.text("reopened_in IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    region_code: str = Field(foreign_key="region.code", max_length=40, index=True)
    period: str = Field(max_length=24)
    period_start: date
    period_end: date
    closed_in: int = Field(foreign_key="change_set.id")
    reopened_in: int | None = Field(default=None, foreign_key="change_set.id")
