"""The status board's SQL: one query of index seeks per indicator for the observations its
verdict needs, and the small queries read beside it (targets, programmes, held values,
deliverables, relative series, reference lists, departments and open flags). Plain SQL for
any DB-API connection: `{as_of}` and `{code}` become the driver's placeholders."""

# Ties on a period end go to the highest id for actuals and baselines, as when all of an
# indicator's rows are sorted by (period end, id). Quarantined values are never read as facts;
# an actual of a quarter, half-year or range (with a start) is not a point of the series.
_SEEK = (
    "SELECT x.id FROM observation x WHERE x.indicator_id = i.id AND x.kind = '{kind}'"
    " AND x.state = 'current' AND x.quarantine IS NULL{where} ORDER BY {order} LIMIT 1"
)
_LATEST = "x.period_end DESC, x.id DESC"
_FIRST = "x.period_end, x.id"
_POINT = " AND x.period_start IS NULL AND x.period_end <= {as_of}"
_SPAN = " AND x.period_start IS NOT NULL AND x.period_end <= {as_of}"
BOARD_SQL = f"""
SELECT i.id, i.code, i.name, i.name_en, i.region_code, i.pillar_code, i.unit, i.direction,
    i.frequency, i.version, i.updated_at, i.updated_by, i.description, i.measure,
    a.period_end, a.value, a.period, a.id, a.comparator,
    f.period_end, f.value, f.comparator,
    b.period_end, b.value, b.period, b.id, b.comparator, b.period_start,
    p.period_end, p.value, p.comparator, p.period_start
FROM indicator i
LEFT JOIN observation a ON a.id = (
    {_SEEK.format(kind="actual", where=_POINT, order=_LATEST)})
LEFT JOIN observation b ON b.id = (
    {_SEEK.format(kind="baseline", where="", order=_LATEST)})
LEFT JOIN observation f ON f.id = CASE WHEN b.id IS NULL OR b.period_end >= a.period_end THEN (
    {_SEEK.format(kind="actual", where=_POINT, order=_FIRST)}) END
LEFT JOIN observation p ON p.id = (
    {_SEEK.format(kind="actual", where=_SPAN, order=_LATEST)})
{{where}}
"""
# Every current target: an indicator has few, and which governs is decided by the engine.
# Sought per indicator (CROSS JOIN keeps SQLite from scanning every observation's index entry
# instead: the kind is not the index's first column).
TARGETS_SQL = """
SELECT o.indicator_id, o.id, o.value, o.comparator, o.period, o.precision, o.period_end,
    o.deadline_basis, o.programme, o.relative_to, i.direction
FROM indicator i CROSS JOIN observation o
WHERE o.indicator_id = i.id AND o.kind = 'target' AND o.state = 'current'
    AND o.quarantine IS NULL{only}
ORDER BY i.id, o.id
"""
PROGRAMMES_SQL = "SELECT code, start_period, end_period FROM programme"
HELD_SQL = """
SELECT indicator_id, count(*) FROM observation
WHERE state = 'current' AND quarantine IS NOT NULL GROUP BY indicator_id
"""
MILESTONES_SQL = """
SELECT indicator_id, deliverable, state, period_end FROM milestone ORDER BY indicator_id, id
"""
# For each target defined against another series: that series' value for the period of this
# indicator's latest point actual (none when it has no value for that period).
RELATIVES_SQL = """
SELECT t.indicator_id, o.period_end, o.value, o.comparator
FROM observation t
JOIN indicator r ON r.code = t.relative_to
JOIN observation a ON a.id = (
    SELECT x.id FROM observation x WHERE x.indicator_id = t.indicator_id AND x.kind = 'actual'
    AND x.state = 'current' AND x.quarantine IS NULL AND x.period_start IS NULL
    AND x.period_end <= {as_of} ORDER BY x.period_end DESC, x.id DESC LIMIT 1)
JOIN observation o ON o.id = (
    SELECT y.id FROM observation y WHERE y.indicator_id = r.id AND y.kind = 'actual'
    AND y.state = 'current' AND y.quarantine IS NULL AND y.period_start IS NULL
    AND y.period_end = a.period_end ORDER BY y.id DESC LIMIT 1)
WHERE t.kind = 'target' AND t.state = 'current' AND t.quarantine IS NULL
    AND t.relative_to IS NOT NULL
ORDER BY t.indicator_id, t.id
"""
REGIONS_SQL = "SELECT code, name, name_en, parent_code FROM region ORDER BY code"
DOCUMENTS_SQL = "SELECT id, title FROM document ORDER BY id"
MARKER_SQL = "SELECT max(id) FROM change_set"
PILLARS_SQL = "SELECT code, name, name_en, position FROM pillar ORDER BY position, code"
DEPARTMENTS_SQL = """
SELECT l.indicator_id, l.role, d.name FROM indicator_department l
JOIN department d ON d.id = l.department_id
ORDER BY l.role, l.position
"""
FLAGS_SQL = """
SELECT indicator_id, id, level, reason, raised_by, raised_at FROM flag
WHERE cleared_at IS NULL ORDER BY id
"""
