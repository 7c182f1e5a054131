"""PostgreSQL keeps the record: change sets stamped by the database, history that cannot be
rewritten, versions that cannot be skipped, and raw SQL recorded too

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 14:30:00

PostgreSQL only; on SQLite this revision changes nothing (one writer at a time, protected by
the file's permissions; the tracker's own code stamps and records there).

Change sets. Coordinators lose INSERT on `change_set`: they open one through
`tracker_open_change_set(origin, interface, person, file_name, file_sha256, reverts_id)`, a
SECURITY DEFINER function that returns its id. A BEFORE INSERT trigger stamps every change set,
whoever inserts it, with `actor` = session_user (the login role, never what the client says),
`at` = now() (the transaction's start on the database's clock) and `txid` = txid_current();
a `person` that only repeats the role is dropped. Nobody, the administrator included, updates
or deletes a change set.

Observations are history. BEFORE INSERT stamps `entered_at` = now() and the change set: with
no `written_in`, the row goes into this transaction's `sql` change set for session_user
(opened on first use, interface `sql`); a `written_in` given must be a change set of this
transaction and this session_user. A new row is `current` and names no successor. BEFORE
UPDATE allows only what the tracker's own writes do: `state` from current to superseded or
withdrawn, with `superseded_in` (this transaction's, or its `sql` change set when none is
given) and, for a supersession, `superseded_by_id` (a row written in that change set), either
at once or by a second UPDATE of the same transaction. Every other change, and every DELETE,
is refused.

Versions. BEFORE UPDATE of an indicator makes any change to `version` one more than before
(never back, never a leap), and bumps it by one when the row changes without it, unless this
transaction wrote the row already (the tracker's claim, then the edit it made way for, count
once; an UPDATE that changes nothing is skipped, so it cannot count as that write). Every
observation written, and every one moved out of current, bumps its indicator's version unless
this transaction wrote the indicator already, so that a write by raw SQL shows up as a
conflict to someone editing. The tracker bumps as on SQLite; the database adds what raw SQL
leaves out.

Audit events. Coordinators lose INSERT on `audit_event`; the tracker writes its events
through `tracker_record_audit(...)` (SECURITY DEFINER; an event naming an indicator must name
one whose region the role may write). A BEFORE INSERT trigger requires the
event's change set to be one of this transaction and this session_user, and stamps `at` and
`actor` from the database. A write of an indicator, flag, milestone or department link that
no event of its transaction describes (raw SQL) is recorded at commit by a deferred trigger:
an event with the row's before and after as JSON, in the transaction's `sql` change set.
Bookkeeping alone (an indicator's version and updated_at/updated_by) is not an event: the
write that caused it is recorded where it belongs. Nobody updates or deletes an audit event.

Closed periods. A closing (revision 0008) names a change set of its own transaction and
session_user in `closed_in`, its reopening likewise in `reopened_in` (the `sql` change set when
raw SQL gives none); nothing else of a closing changes, and none is deleted.

Downgrade drops the triggers and functions and gives coordinators back INSERT on change_set
and audit_event, as 0007 left them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Tables whose raw writes the deferred trigger records, and the operations it listens for.
RECORDED = {
    "indicator": "INSERT OR UPDATE",
    "flag": "INSERT OR UPDATE",
    "milestone": "INSERT OR UPDATE",
    "indicator_department": "INSERT OR DELETE",
}

FUNCTIONS = r"""
CREATE INDEX ix_change_set_txid ON {s}.change_set (txid);

CREATE FUNCTION {s}.tracker_stamp_change_set() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, {s}, pg_temp
AS $$
BEGIN
    NEW.actor := session_user;
    NEW.at := now();
    NEW.txid := txid_current();
    IF NEW.person OPERATOR(pg_catalog.=) NEW.actor THEN
        NEW.person := NULL;  -- the name given is the role's own: nothing to set beside it
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION {s}.tracker_open_change_set(
    origin text, interface text, person text, file_name text, file_sha256 text,
    reverts_id integer
) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, {s}, pg_temp
AS $$
DECLARE
    opened integer;
BEGIN
    -- actor, at and txid are the stamp trigger's.
    INSERT INTO {s}.change_set
        (actor, origin, interface, person, file_name, file_sha256, reverts_id)
    VALUES (session_user, origin, interface, person, file_name, file_sha256, reverts_id)
    RETURNING id INTO opened;
    RETURN opened;
END
$$;

CREATE FUNCTION {s}.tracker_sql_change_set() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, {s}, pg_temp
AS $$
DECLARE
    found integer;
BEGIN
    SELECT c.id INTO found FROM {s}.change_set c
    WHERE c.txid OPERATOR(pg_catalog.=) txid_current()
      AND c.actor OPERATOR(pg_catalog.=) session_user::text
      AND c.origin OPERATOR(pg_catalog.=) 'sql'
    ORDER BY c.id LIMIT 1;
    IF found IS NULL THEN
        INSERT INTO {s}.change_set (actor, origin, interface)
        VALUES (session_user, 'sql', 'sql') RETURNING id INTO found;
    END IF;
    RETURN found;
END
$$;

CREATE FUNCTION {s}.tracker_is_own_change_set(target integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, {s}, pg_temp
BEGIN ATOMIC
    SELECT EXISTS (
        SELECT 1 FROM {s}.change_set c
        WHERE c.id OPERATOR(pg_catalog.=) target
          AND c.txid OPERATOR(pg_catalog.=) pg_catalog.txid_current()
          AND c.actor OPERATOR(pg_catalog.=) (SESSION_USER)::pg_catalog.text
    );
END;

CREATE FUNCTION {s}.tracker_refuse_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, {s}, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION '% of %: the record of changes is never changed (role %)',
        TG_OP, TG_TABLE_NAME, session_user
        USING ERRCODE = 'insufficient_privilege';
END
$$;

-- A bump the client asks for is one, never a step back nor a leap; a change without one
-- bumps too, unless this transaction already wrote the row (its xmin is ours: the tracker's
-- claim, then the edit it made way for). An UPDATE that changes nothing writes nothing, so
-- that it cannot make the row "already written".
CREATE FUNCTION {s}.tracker_bump_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, {s}, pg_temp
AS $$
BEGIN
    IF NEW IS NOT DISTINCT FROM OLD THEN
        RETURN NULL;
    END IF;
    IF NEW.version IS DISTINCT FROM OLD.version
       OR OLD.xmin OPERATOR(pg_catalog.<>) pg_current_xact_id()::xid THEN
        NEW.version := OLD.version OPERATOR(pg_catalog.+) 1;
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION {s}.tracker_touch_indicator(target integer) RETURNS void
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, {s}, pg_temp
BEGIN ATOMIC
    UPDATE {s}.indicator SET version = version OPERATOR(pg_catalog.+) 1
    WHERE id OPERATOR(pg_catalog.=) target
      AND xmin OPERATOR(pg_catalog.<>) pg_catalog.pg_current_xact_id()::xid;
END;

CREATE FUNCTION {s}.tracker_observation_written() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, {s}, pg_temp
AS $$
BEGIN
    IF NEW.written_in IS NULL THEN
        NEW.written_in := {s}.tracker_sql_change_set();
    ELSIF NOT {s}.tracker_is_own_change_set(NEW.written_in) THEN
        RAISE EXCEPTION 'observation: change set % is not one this transaction of role % opened',
            NEW.written_in, session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.state IS DISTINCT FROM 'current' OR NEW.superseded_in IS NOT NULL
       OR NEW.superseded_by_id IS NOT NULL THEN
        RAISE EXCEPTION 'observation: a value is written current, superseded by nothing'
            ' (state %)', NEW.state
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.entered_at := now();
    PERFORM {s}.tracker_touch_indicator(NEW.indicator_id);
    RETURN NEW;
END
$$;

CREATE FUNCTION {s}.tracker_observation_moved() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, {s}, pg_temp
AS $$
DECLARE
    probe {s}.observation%ROWTYPE;
    successor_written boolean;
BEGIN
    IF NEW IS NOT DISTINCT FROM OLD THEN
        RETURN NEW;
    END IF;
    probe := NEW;
    probe.state := OLD.state;
    probe.superseded_in := OLD.superseded_in;
    probe.superseded_by_id := OLD.superseded_by_id;
    IF probe IS DISTINCT FROM OLD THEN
        RAISE EXCEPTION 'observation %: a value is history, only its state moves (from current'
            ' to superseded or withdrawn); record a correction instead', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.state OPERATOR(pg_catalog.=) 'current'
       AND NEW.state OPERATOR(pg_catalog.=) ANY (ARRAY['superseded', 'withdrawn']) THEN
        IF NEW.superseded_in IS NULL THEN
            NEW.superseded_in := {s}.tracker_sql_change_set();
        ELSIF NOT {s}.tracker_is_own_change_set(NEW.superseded_in) THEN
            RAISE EXCEPTION 'observation %: change set % is not one this transaction of role %'
                ' opened', OLD.id, NEW.superseded_in, session_user
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.state OPERATOR(pg_catalog.=) 'withdrawn' AND NEW.superseded_by_id IS NOT NULL THEN
            RAISE EXCEPTION 'observation %: a withdrawn value has no successor', OLD.id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        PERFORM {s}.tracker_touch_indicator(OLD.indicator_id);
    ELSIF OLD.state OPERATOR(pg_catalog.=) 'superseded'
          AND NEW.state OPERATOR(pg_catalog.=) OLD.state
          AND NEW.superseded_in IS NOT DISTINCT FROM OLD.superseded_in
          AND OLD.superseded_by_id IS NULL AND NEW.superseded_by_id IS NOT NULL
          AND {s}.tracker_is_own_change_set(OLD.superseded_in) THEN
        NULL;  -- the supersession of this transaction names its successor
    ELSE
        RAISE EXCEPTION 'observation %: % -> % is not a move the record allows (only current to'
            ' superseded or withdrawn, in a change set of this transaction)',
            OLD.id, OLD.state, NEW.state
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.superseded_by_id IS NOT NULL THEN
        SELECT EXISTS (
            SELECT 1 FROM {s}.observation n
            WHERE n.id OPERATOR(pg_catalog.=) NEW.superseded_by_id
              AND n.indicator_id OPERATOR(pg_catalog.=) OLD.indicator_id
              AND n.written_in OPERATOR(pg_catalog.=) NEW.superseded_in
        ) INTO successor_written;
        IF NOT successor_written THEN
            RAISE EXCEPTION 'observation %: its successor % is not a value of the same indicator'
                ' written in change set %', OLD.id, NEW.superseded_by_id, NEW.superseded_in
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION {s}.tracker_stamp_audit_event() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, {s}, pg_temp
AS $$
DECLARE
    who text;
BEGIN
    SELECT c.actor OPERATOR(pg_catalog.||) coalesce(' (' OPERATOR(pg_catalog.||) c.person
                                                    OPERATOR(pg_catalog.||) ')', '')
    INTO who FROM {s}.change_set c
    WHERE c.id OPERATOR(pg_catalog.=) NEW.change_set_id
      AND c.txid OPERATOR(pg_catalog.=) txid_current()
      AND c.actor OPERATOR(pg_catalog.=) session_user::text;
    IF who IS NULL THEN
        RAISE EXCEPTION 'audit_event: change set % is not one this transaction of role % opened',
            NEW.change_set_id, session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.at := now();
    NEW.actor := who;
    RETURN NEW;
END
$$;

-- Whether `who` may write the region (tracker_may_write_region asks for current_user, which
-- inside a SECURITY DEFINER function is its owner).
CREATE FUNCTION {s}.tracker_role_may_write_region(who text, target text) RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER
SET search_path = pg_catalog, {s}, pg_temp
BEGIN ATOMIC
    WITH RECURSIVE up(code, parent_code) AS (
        SELECT r.code, r.parent_code FROM {s}.region r WHERE r.code OPERATOR(pg_catalog.=) target
        UNION
        SELECT r.code, r.parent_code FROM {s}.region r
        JOIN up ON r.code OPERATOR(pg_catalog.=) up.parent_code
    )
    SELECT EXISTS (
        SELECT 1 FROM pg_catalog.pg_roles g
        WHERE (g.rolname OPERATOR(pg_catalog.=) 'tracker_province'::pg_catalog.text
               OR g.rolname OPERATOR(pg_catalog.=)
                  ANY (SELECT {s}.tracker_region_role(up.code) FROM up))
          AND pg_catalog.pg_has_role(who, g.oid, 'MEMBER')
    );
END;

CREATE FUNCTION {s}.tracker_record_audit(
    change_set_id integer, origin text, action text, entity text, entity_id text,
    indicator_code text, before text, after text
) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, {s}, pg_temp
AS $$
DECLARE
    region text;
    recorded integer;
BEGIN
    SELECT i.region_code INTO region FROM {s}.indicator i
    WHERE i.code OPERATOR(pg_catalog.=) indicator_code;
    IF region IS NOT NULL
       AND NOT {s}.tracker_role_may_write_region(session_user::text, region) THEN
        RAISE EXCEPTION 'audit_event: role % may not write % (region %)',
            session_user, indicator_code, region
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- at and actor are the stamp trigger's, which also checks the change set.
    INSERT INTO {s}.audit_event (at, actor, origin, action, entity, entity_id, indicator_code,
                                 before, after, change_set_id)
    VALUES (now(), session_user, origin, action, entity, entity_id, indicator_code, before,
            after, change_set_id)
    RETURNING id INTO recorded;
    RETURN recorded;
END
$$;

-- At commit: a write that no event of the tracker's in its transaction describes was made by
-- raw SQL; record it (each such row write, in the transaction's `sql` change set).
CREATE FUNCTION {s}.tracker_record_raw_write() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, {s}, pg_temp
AS $$
DECLARE
    bookkeeping text[] := ARRAY['version', 'updated_at', 'updated_by'];
    before_row jsonb;
    after_row jsonb;
    row_now jsonb;
    described text := TG_TABLE_NAME;
    key text;
    code text;
BEGIN
    IF TG_OP OPERATOR(pg_catalog.<>) 'INSERT' THEN
        before_row := to_jsonb(OLD);
    END IF;
    IF TG_OP OPERATOR(pg_catalog.<>) 'DELETE' THEN
        after_row := to_jsonb(NEW);
    END IF;
    IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE'
       AND (before_row OPERATOR(pg_catalog.-) bookkeeping)
           OPERATOR(pg_catalog.=) (after_row OPERATOR(pg_catalog.-) bookkeeping) THEN
        RETURN NULL;
    END IF;
    row_now := coalesce(after_row, before_row);
    IF described OPERATOR(pg_catalog.=) 'indicator' THEN
        key := row_now OPERATOR(pg_catalog.->>) 'code';
        code := key;
    ELSE
        SELECT i.code INTO code FROM {s}.indicator i
        WHERE i.id OPERATOR(pg_catalog.=)
              (row_now OPERATOR(pg_catalog.->>) 'indicator_id')::integer;
        IF described OPERATOR(pg_catalog.=) 'indicator_department' THEN
            -- The tracker records department links inside the indicator's event.
            described := 'indicator';
            key := code;
        ELSE
            key := row_now OPERATOR(pg_catalog.->>) 'id';
        END IF;
    END IF;
    IF key IS NULL THEN
        RETURN NULL;  -- the indicator itself was deleted since: its deletion is the record
    END IF;
    IF EXISTS (
        SELECT 1 FROM {s}.audit_event e
        JOIN {s}.change_set c ON c.id OPERATOR(pg_catalog.=) e.change_set_id
        WHERE c.txid OPERATOR(pg_catalog.=) txid_current()
          AND c.origin OPERATOR(pg_catalog.<>) 'sql'
          AND e.entity OPERATOR(pg_catalog.=) described
          AND e.entity_id OPERATOR(pg_catalog.=) key
    ) THEN
        RETURN NULL;
    END IF;
    INSERT INTO {s}.audit_event (at, actor, origin, action, entity, entity_id, indicator_code,
                                 before, after, change_set_id)
    VALUES (now(), session_user, 'sql',
            CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'DELETE' THEN 'delete' ELSE 'update' END,
            TG_TABLE_NAME, key, code, before_row::text, after_row::text,
            {s}.tracker_sql_change_set());
    RETURN NULL;
END
$$;

-- A closing names the change set that closed it, and a reopening the one that reopened it:
-- this transaction's, or its `sql` change set when none is given.
CREATE FUNCTION {s}.tracker_period_close_written() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, {s}, pg_temp
AS $$
DECLARE
    probe {s}.period_close%ROWTYPE;
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
        IF NEW.closed_in IS NULL THEN
            NEW.closed_in := {s}.tracker_sql_change_set();
        ELSIF NOT {s}.tracker_is_own_change_set(NEW.closed_in) THEN
            RAISE EXCEPTION 'period_close: change set % is not one this transaction of role %'
                ' opened', NEW.closed_in, session_user
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.reopened_in IS NOT NULL THEN
            RAISE EXCEPTION 'period_close: a period is closed first, reopened later'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    probe := NEW;
    probe.reopened_in := OLD.reopened_in;
    IF probe IS DISTINCT FROM OLD OR OLD.reopened_in IS NOT NULL THEN
        RAISE EXCEPTION 'period_close %: a closing only ever gains its reopening', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.reopened_in IS NULL THEN
        NEW.reopened_in := {s}.tracker_sql_change_set();
    ELSIF NOT {s}.tracker_is_own_change_set(NEW.reopened_in) THEN
        RAISE EXCEPTION 'period_close %: change set % is not one this transaction of role %'
            ' opened', OLD.id, NEW.reopened_in, session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER tracker_stamp BEFORE INSERT ON {s}.change_set
    FOR EACH ROW EXECUTE FUNCTION {s}.tracker_stamp_change_set();
CREATE TRIGGER tracker_keep BEFORE UPDATE OR DELETE ON {s}.change_set
    FOR EACH ROW EXECUTE FUNCTION {s}.tracker_refuse_change();
CREATE TRIGGER tracker_stamp BEFORE INSERT ON {s}.audit_event
    FOR EACH ROW EXECUTE FUNCTION {s}.tracker_stamp_audit_event();
CREATE TRIGGER tracker_keep BEFORE UPDATE OR DELETE ON {s}.audit_event
    FOR EACH ROW EXECUTE FUNCTION {s}.tracker_refuse_change();
CREATE TRIGGER tracker_written BEFORE INSERT ON {s}.observation
    FOR EACH ROW EXECUTE FUNCTION {s}.tracker_observation_written();
CREATE TRIGGER tracker_moved BEFORE UPDATE ON {s}.observation
    FOR EACH ROW EXECUTE FUNCTION {s}.tracker_observation_moved();
CREATE TRIGGER tracker_keep BEFORE DELETE ON {s}.observation
    FOR EACH ROW EXECUTE FUNCTION {s}.tracker_refuse_change();
CREATE TRIGGER tracker_version BEFORE UPDATE ON {s}.indicator
    FOR EACH ROW EXECUTE FUNCTION {s}.tracker_bump_version();
CREATE TRIGGER tracker_written BEFORE INSERT OR UPDATE ON {s}.period_close
    FOR EACH ROW EXECUTE FUNCTION {s}.tracker_period_close_written();
CREATE TRIGGER tracker_keep BEFORE DELETE ON {s}.period_close
    FOR EACH ROW EXECUTE FUNCTION {s}.tracker_refuse_change();
"""

PRIVILEGES = r"""
REVOKE ALL ON FUNCTION {s}.tracker_stamp_change_set(), {s}.tracker_sql_change_set(),
    {s}.tracker_is_own_change_set(integer), {s}.tracker_refuse_change(),
    {s}.tracker_bump_version(), {s}.tracker_touch_indicator(integer),
    {s}.tracker_observation_written(), {s}.tracker_observation_moved(),
    {s}.tracker_stamp_audit_event(), {s}.tracker_role_may_write_region(text, text),
    {s}.tracker_record_raw_write(), {s}.tracker_period_close_written(),
    {s}.tracker_open_change_set(text, text, text, text, text, integer),
    {s}.tracker_record_audit(integer, text, text, text, text, text, text, text)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION {s}.tracker_open_change_set(text, text, text, text, text, integer),
    {s}.tracker_record_audit(integer, text, text, text, text, text, text, text)
    TO tracker_coordinator;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {s}.change_set, {s}.audit_event
    FROM tracker_coordinator, tracker_province;
REVOKE USAGE ON SEQUENCE {s}.change_set_id_seq, {s}.audit_event_id_seq
    FROM tracker_coordinator, tracker_province;
GRANT SELECT ON {s}.change_set, {s}.audit_event TO tracker_coordinator;
"""

DOWN = r"""
DROP TRIGGER IF EXISTS tracker_stamp ON {s}.change_set;
DROP TRIGGER IF EXISTS tracker_keep ON {s}.change_set;
DROP TRIGGER IF EXISTS tracker_stamp ON {s}.audit_event;
DROP TRIGGER IF EXISTS tracker_keep ON {s}.audit_event;
DROP TRIGGER IF EXISTS tracker_written ON {s}.observation;
DROP TRIGGER IF EXISTS tracker_moved ON {s}.observation;
DROP TRIGGER IF EXISTS tracker_keep ON {s}.observation;
DROP TRIGGER IF EXISTS tracker_version ON {s}.indicator;
DROP TRIGGER IF EXISTS tracker_written ON {s}.period_close;
DROP TRIGGER IF EXISTS tracker_keep ON {s}.period_close;
DROP FUNCTION IF EXISTS {s}.tracker_period_close_written();
DROP FUNCTION IF EXISTS {s}.tracker_record_audit(integer, text, text, text, text, text, text, text);
DROP FUNCTION IF EXISTS {s}.tracker_role_may_write_region(text, text);
DROP FUNCTION IF EXISTS {s}.tracker_record_raw_write();
DROP FUNCTION IF EXISTS {s}.tracker_stamp_audit_event();
DROP FUNCTION IF EXISTS {s}.tracker_observation_moved();
DROP FUNCTION IF EXISTS {s}.tracker_observation_written();
DROP FUNCTION IF EXISTS {s}.tracker_touch_indicator(integer);
DROP FUNCTION IF EXISTS {s}.tracker_bump_version();
DROP FUNCTION IF EXISTS {s}.tracker_refuse_change();
DROP FUNCTION IF EXISTS {s}.tracker_is_own_change_set(integer);
DROP FUNCTION IF EXISTS {s}.tracker_sql_change_set();
DROP FUNCTION IF EXISTS {s}.tracker_open_change_set(text, text, text, text, text, integer);
DROP FUNCTION IF EXISTS {s}.tracker_stamp_change_set();
DROP INDEX IF EXISTS {s}.ix_change_set_txid;
GRANT INSERT ON {s}.change_set, {s}.audit_event TO tracker_coordinator;
GRANT USAGE ON SEQUENCE {s}.change_set_id_seq, {s}.audit_event_id_seq TO tracker_coordinator;
"""


def quoted(name: str) -> str:
    """An identifier quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def raw_write_triggers(schema: str) -> list[str]:
    """The deferred triggers that record raw writes of the tables in RECORDED."""
    return [
        f"CREATE CONSTRAINT TRIGGER tracker_record AFTER {events} ON {schema}.{table}"
        f" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
        f" EXECUTE FUNCTION {schema}.tracker_record_raw_write()"
        for table, events in RECORDED.items()
    ]


def schema_and_path() -> tuple[str, str]:
    """The tracker's schema (quoted) and the search path in force now."""
    bind = op.get_bind()
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    path = bind.execute(sa.text("SELECT current_setting('search_path')")).scalar_one()
    return quoted(str(schema)), str(path)


def pinned(schema: str, path: str, statements: list[str]) -> None:
    """Run `statements` with the search path 0004 pins (pg_catalog, the schema, pg_temp last),
    then restore `path`: SQL-standard bodies bind their names at creation."""
    bind = op.get_bind()
    bind.execute(
        sa.text("SELECT set_config('search_path', :p, true)"),
        {"p": f"pg_catalog, {schema}, pg_temp"},
    )
    for statement in statements:
        op.execute(statement)
    bind.execute(sa.text("SELECT set_config('search_path', :p, true)"), {"p": path})


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema, path = schema_and_path()
    pinned(
        schema,
        path,
        [
            FUNCTIONS.format(s=schema),
            *raw_write_triggers(schema),
            PRIVILEGES.format(s=schema),
        ],
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema, path = schema_and_path()
    drops = [f"DROP TRIGGER IF EXISTS tracker_record ON {schema}.{table}" for table in RECORDED]
    pinned(schema, path, [*drops, DOWN.format(s=schema)])
