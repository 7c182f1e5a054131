"""A table row carries each figure of its indicator's status under the right name."""

from __future__ import annotations

from datetime import date

from tracker import services
from tracker.domain.vocab import STATUS_ORDER, FlagLevel
from tracker.tui.table_row import TableRow, folded, table_rows


def test_every_field_of_a_table_row_comes_from_its_namesake(store: services.Store) -> None:
    services.flag(
        store,
        code="SYMC-GOV-CROSS-REGION-ITEMS",
        level=FlagLevel.WATCH,
        reason="核对",
        actor="t",
        origin="test",
    )
    items = services.statuses(store, as_of=date(2025, 12, 31))
    for item in items:
        row, verdict, shown = item.row, item.verdict, TableRow.from_item(item)
        target, latest, baseline = verdict.target, verdict.latest, row.facts.baseline
        assert shown._asdict() == {
            "code": row.code,
            "name": row.name,
            "name_en": row.name_en,
            "region_code": row.region.code,
            "region": row.region.name,
            "region_en": row.region.name_en,
            "pillar_code": row.pillar.code,
            "pillar": row.pillar.name,
            "pillar_en": row.pillar.name_en,
            "unit": row.unit,
            "direction": row.direction.value,
            "frequency": row.frequency.value,
            "lead": row.lead,
            "responsible": row.responsible,
            "version": row.version,
            "baseline_value": baseline.value if baseline else None,
            "baseline_period": row.baseline_period,
            "actual_value": latest.value if latest else None,
            "actual_period": row.latest_period,
            "target_value": target.value if target else None,
            "target_comparator": target.comparator.value if target else "",
            "target_period": row.target_period,
            "target_deadline": target.deadline if target else None,
            "target_id": row.target_id,
            "progress": verdict.progress,
            "ratio": verdict.ratio,
            "status": verdict.status,
            "verdict": verdict,
            "stale": verdict.stale,
            "flagged": row.flag is not None,
            "flag_level": row.flag.level.value if row.flag else None,
            "flag_reason": row.flag.reason if row.flag else "",
            "past_deadline": verdict.rule == "deadline_passed",
            "search": folded(f"{row.code} {row.name} {row.name_en}"),
            "rank": STATUS_ORDER.index(verdict.status),
        }, row.code
    assert any(r.flagged and r.flag_level == "watch" for r in map(TableRow.from_item, items))


def test_rows_are_made_as_the_statuses_are_let_go(store: services.Store) -> None:
    items: list[object] = list(services.statuses(store, as_of=date(2025, 12, 31)))
    count = len(items)
    rows = table_rows(items)
    first = next(rows)
    assert items[0] is None and items[1] is not None
    assert len([first, *rows]) == count and all(i is None for i in items)
