"""Writes of indicator definitions and their departments, each with its audit event in the
write's change set."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from tracker.domain.models import Department, Indicator, IndicatorDepartment
from tracker.domain.schemas import EDITABLE_INDICATOR_FIELDS, IndicatorCreate
from tracker.domain.vocab import DepartmentRole
from tracker.errors import ValidationError
from tracker.storage import access
from tracker.storage.audit import WriteContext, record_audit
from tracker.storage.versions import claim, conflict, snapshot


def create_indicator(*, session: Session, ctx: WriteContext, spec: IndicatorCreate) -> Indicator:
    """Add an indicator and its department links."""
    if session.exec(select(Indicator.id).where(Indicator.code == spec.code)).first() is not None:
        raise ValidationError.of("error.indicator_exists", code=spec.code)
    access.ensure_may_write(session=session, region_codes={spec.region_code}, what="indicators")
    indicator = Indicator(
        code=spec.code,
        name=spec.name,
        name_en=spec.name_en,
        unit=spec.unit,
        direction=spec.direction.value,
        region_code=spec.region_code,
        pillar_code=spec.pillar_code,
        frequency=spec.frequency.value,
        description=spec.description,
        measure=spec.measure.value,
        version=1,
        updated_at=ctx.now,
        updated_by=ctx.actor,
    )
    session.add(indicator)
    session.flush()
    links = set_departments(
        session=session, indicator=indicator, lead=spec.lead, responsible=spec.responsible
    )
    after = snapshot(indicator) | {"departments": links}
    record_audit(
        session=session,
        ctx=ctx,
        action="create",
        entity="indicator",
        entity_id=indicator.code,
        indicator_code=indicator.code,
        after=after,
    )
    return indicator


def update_indicator(
    *,
    session: Session,
    ctx: WriteContext,
    indicator: Indicator,
    changes: dict[str, Any],
    expected_version: int | None,
    lead: Sequence[str] | None = None,
    responsible: Sequence[str] | None = None,
) -> bool:
    """Change an indicator's definition; False when nothing differs."""
    unknown = set(changes) - set(EDITABLE_INDICATOR_FIELDS)
    if unknown:
        raise ValidationError(f"cannot edit field(s) {', '.join(sorted(unknown))}")
    before = snapshot(indicator) | {
        "departments": departments_of(session=session, indicator=indicator)
    }
    differs = {k: v for k, v in changes.items() if getattr(indicator, k) != v}
    if "region_code" in differs:
        access.ensure_may_write(
            session=session, region_codes={differs["region_code"]}, what="indicators"
        )
    links_before = before["departments"]
    wanted = {
        "lead": list(lead) if lead is not None else links_before.get("lead", []),
        "responsible": list(responsible)
        if responsible is not None
        else links_before.get("responsible", []),
    }
    if not differs and wanted == {k: links_before.get(k, []) for k in wanted}:
        if expected_version is not None and expected_version != indicator.version:
            raise conflict(session=session, indicator=indicator, expected=expected_version)
        return False
    claim(session=session, ctx=ctx, indicator=indicator, expected=expected_version)
    for name, value in differs.items():
        setattr(indicator, name, value)
    session.flush()
    links = set_departments(
        session=session, indicator=indicator, lead=wanted["lead"], responsible=wanted["responsible"]
    )
    record_audit(
        session=session,
        ctx=ctx,
        action="update",
        entity="indicator",
        entity_id=indicator.code,
        indicator_code=indicator.code,
        before=before,
        after=snapshot(indicator) | {"departments": links},
    )
    return True


def set_departments(
    *, session: Session, indicator: Indicator, lead: Iterable[str], responsible: Iterable[str]
) -> dict[str, list[str]]:
    """Replace the indicator's department links; departments are created by name as needed."""
    session.execute(
        sa.delete(IndicatorDepartment).where(col(IndicatorDepartment.indicator_id) == indicator.id)
    )
    result: dict[str, list[str]] = {}
    for role, names in ((DepartmentRole.LEAD, lead), (DepartmentRole.RESPONSIBLE, responsible)):
        for position, name in enumerate(dict.fromkeys(n.strip() for n in names if n.strip())):
            department = session.exec(select(Department).where(Department.name == name)).first()
            if department is None:
                department = Department(name=name)
                session.add(department)
                session.flush()
            assert indicator.id is not None and department.id is not None
            session.add(
                IndicatorDepartment(
                    indicator_id=indicator.id,
                    department_id=department.id,
                    role=role.value,
                    position=position,
                )
            )
            result.setdefault(role.value, []).append(name)
    session.flush()
    return result


def departments_of(*, session: Session, indicator: Indicator) -> dict[str, list[str]]:
    """The indicator's departments by role, in the order they were linked."""
    rows = session.execute(
        sa.select(col(IndicatorDepartment.role), col(Department.name))
        .join(Department, col(Department.id) == IndicatorDepartment.department_id)
        .where(col(IndicatorDepartment.indicator_id) == indicator.id)
        .order_by(IndicatorDepartment.role, col(IndicatorDepartment.position))
    ).all()
    result: dict[str, list[str]] = {}
    for role, name in rows:
        result.setdefault(role, []).append(name)
    return result
