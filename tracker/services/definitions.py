"""Indicator definitions: adding, editing, and exporting them as records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlmodel import Session

from tracker.domain.models import Indicator
from tracker.domain.numbers import normalize_text
from tracker.domain.schemas import stored_fields
from tracker.errors import ValidationError
from tracker.importers.indicators import indicator_spec
from tracker.services.recording import Change, change_made
from tracker.services.store import Store, context
from tracker.storage import mutations, queries
from tracker.storage.engine import reading, writing

INDICATOR_COLUMNS = (
    "code",
    "name",
    "name_en",
    "unit",
    "direction",
    "region",
    "pillar",
    "lead",
    "responsible",
    "frequency",
    "description",
    "measure",
)


DEPARTMENT_SEPARATOR = "、"


def indicator_fields(row: queries.IndicatorRow) -> dict[str, str]:
    """An indicator's definition as text, in the columns of an indicators file."""
    ind = row.indicator
    return {
        "code": ind.code,
        "name": ind.name,
        "name_en": ind.name_en,
        "unit": ind.unit,
        "direction": ind.direction,
        "region": row.region.name,
        "pillar": row.pillar.name,
        "lead": DEPARTMENT_SEPARATOR.join(row.lead),
        "responsible": DEPARTMENT_SEPARATOR.join(row.responsible),
        "frequency": ind.frequency,
        "description": ind.description,
        "measure": ind.measure,
    }


def add_indicator(store: Store, *, fields: dict[str, str], actor: str, origin: str) -> Indicator:
    """Define a new indicator from text fields, validated as an indicators file row is."""
    with writing(store.engine) as session:
        spec = _indicator_spec(session, fields)
        return mutations.create_indicator(session=session, ctx=context(actor, origin), spec=spec)


def edit_indicator(
    store: Store,
    *,
    code: str,
    fields: dict[str, str],
    actor: str,
    origin: str,
    expected_version: int | None = None,
) -> Change | None:
    """Change the given fields of a definition, in one change set; the change made (to show
    and to undo), or None when nothing differs.

    The unit of an indicator that has observations cannot change: its values are stored in it.
    """
    with writing(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=code)
        (row,) = queries.indicator_rows(session=session, ids=[indicator.id or 0])
        spec = _indicator_spec(session, indicator_fields(row) | fields)
        if spec.unit != indicator.unit:
            count = len(queries.observations_of(session=session, indicator=indicator))
            if count:
                raise ValidationError(
                    f"{indicator.code} has {count} observation(s) stored in {indicator.unit!r};"
                    f" changing the unit to {spec.unit!r} would change what they mean"
                )
        changes = stored_fields(spec)
        ctx = context(actor, origin)
        changed = mutations.update_indicator(
            session=session,
            ctx=ctx,
            indicator=indicator,
            changes=changes,
            expected_version=expected_version,
            lead=spec.lead if "lead" in fields else None,
            responsible=spec.responsible if "responsible" in fields else None,
        )
        return change_made(session, ctx, indicator) if changed else None


def _indicator_spec(session: Session, fields: dict[str, str]) -> Any:

    row = {k: normalize_text(v) for k, v in fields.items()}
    spec, errors = indicator_spec(
        row,
        line=0,
        regions=queries.regions(session=session),
        pillars=queries.pillars(session=session),
    )
    if errors:
        raise ValidationError("; ".join(f"{e.column} {e.value!r}: {e.message}" for e in errors))
    return spec


def indicator_records(store: Store, codes: set[str] | None = None) -> Iterator[dict[str, str]]:
    """Indicator definitions as export records (the columns an indicators file has)."""
    with reading(store.engine) as session:
        rows = queries.indicator_rows(session=session)
    for row in rows:
        if codes is None or row.indicator.code in codes:
            yield indicator_fields(row)
