"""The bulk import path writes what recording the values one by one would write, faster."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.storage.checks import actor_of, audit_matches_data
from tracker import services
from tracker.config import seeds_dir
from tracker.domain.text import control_in
from tracker.domain.vocab import Kind
from tracker.importers.clean_rows import CleanRows
from tracker.storage.engine import make_engine

CODE = "SYMC-GOV-CROSS-REGION-ITEMS"
OTHER = "SYMC-PLAN-SPECIAL-PLANS"


def seeded_note(code: str, period: str) -> str:
    """The note the seed stores with an indicator's actual of a period."""
    with (seeds_dir() / "observations.csv").open(encoding="utf-8", newline="") as seed:
        return next(
            row["note"]
            for row in csv.DictReader(seed)
            if (row["indicator"], row["kind"], row["period"]) == (code, "actual", period)
        )


def csv_line(*cells: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue()


# New values, a changed value, a changed note, and two values already stored as they are
# (one written 21.0, which is the stored 21), each with the note the seed gives it.
FILE = (
    "indicator,kind,period,value,comparator,source_doc,quote,note\n"
    f"{CODE},actual,2025-10,240,,,,\n"
    f"{CODE},actual,2025-05-26,211,,003_f23afacf029143a4,,revised\n"
    f'{CODE},target,2027,300,>=,,"quote ""with"" quotes",\n'
    f"{OTHER},actual,2025-05-26,21,,003_f23afacf029143a4,"
    "编制了交通、科技、产业等21个专项规划,a note now\n"
    + csv_line(
        *(OTHER, "actual", "2024-06-03", "21.0", "", "001_429e4e3d7d47d75c"),
        "研究编制都市圈国土空间规划和科技创新等21个重点领域专项规划",
        seeded_note(OTHER, "2024-06-03"),
    )
    + csv_line(
        *(CODE, "actual", "2024-06-03", "152", "", "001_429e4e3d7d47d75c"),
        "都市圈跨域通办事项累计达到152项",
        seeded_note(CODE, "2024-06-03"),
    )
)
TRICKY = ("", 'say "hi"', "back\\slash", "line\nbreak\ttab", "\x01\x1f", "混合 text ✓", "\u2028😀")


def test_an_import_is_one_change_set_naming_its_file_and_checksum(
    backend_url: str, tmp_path: Path
) -> None:
    """Every row the import writes names its one change set, which says who, from which file
    (name and sha256) and how many values it wrote and replaced; no audit event per row."""
    store = services.open_store(backend_url)
    path = tmp_path / "figures.csv"
    path.write_text(FILE, encoding="utf-8")
    events_before = len(rows(backend_url, "audit_event", ()))
    services.import_file(store, path, actor="zhao", accept_outliers=True)
    [newest] = services.change_sets(store, limit=1)
    assert (newest.change.origin, newest.change.actor, newest.change.interface) == (
        "import",
        actor_of(backend_url, "zhao"),
        "cli",
    )
    assert newest.change.file_name == "figures.csv"
    assert newest.change.file_sha256 == hashlib.sha256(FILE.encode()).hexdigest()
    assert (newest.written, newest.replaced, newest.events) == (4, 2, 0)
    assert len(rows(backend_url, "audit_event", ())) == events_before
    written = [
        r for r in rows(backend_url, "observation", ()) if r["written_in"] == newest.change.id
    ]
    assert len(written) == 4
    store.engine.dispose()


def rows(url: str, table: str, leave_out: tuple[str, ...]) -> list[dict[str, object]]:
    """A table's rows by id, without the columns that differ by when and how they were written."""
    engine = make_engine(url, create=False)
    with engine.connect() as connection:
        found = [
            {k: v for k, v in row.items() if k not in leave_out}
            for row in connection.execute(sa.text(f"SELECT * FROM {table} ORDER BY id")).mappings()
        ]
    engine.dispose()
    return found


# What differs between two stores written the same way at different times and in different
# numbers of change sets.
STAMPS = ("entered_at", "written_in", "superseded_in")
# What an import stamps beyond a value typed by hand: the line of its file it came from.
STAMPS_AND_LINES = (*STAMPS, "source_line")


def without_times(text: str | None) -> object:
    """A row's snapshot in the record without when and in which change set it was written,
    nor the line of the file it came from."""
    if text is None:
        return None
    data = json.loads(text)
    for key in STAMPS_AND_LINES:
        data.pop(key, None)
    return data


def record_of(url: str, actor: str = "zhao") -> list[tuple[object, ...]]:
    """The value changes `tracker audit` shows for `actor`, oldest first, without times."""
    store = services.open_store(url, create=False)
    found = [
        (
            e.action,
            e.entity_id,
            e.indicator_code,
            e.actor,
            without_times(e.before),
            without_times(e.after),
        )
        for e in reversed(services.audit_trail(store, actor=actor))
        if e.entity == "observation"
    ]
    store.engine.dispose()
    return sorted(found, key=lambda e: int(str(e[1])))


def test_an_import_writes_what_recording_each_value_writes(db_path: Path, tmp_path: Path) -> None:
    one_by_one = tmp_path / "one_by_one.db"
    shutil.copyfile(db_path, one_by_one)
    path = tmp_path / "figures.csv"
    path.write_text(FILE, encoding="utf-8")
    bulk = services.open_store(f"sqlite:///{db_path}")
    report = services.import_file(bulk, path, actor="zhao", origin="import", accept_outliers=True)
    assert (report.new, report.changed, report.unchanged) == (2, 2, 2)

    single = services.open_store(f"sqlite:///{one_by_one}")
    for line in FILE.splitlines()[1:4]:
        code, kind, period, value, comparator, doc, quote, note = next(csv.reader([line]))
        services.record(
            single,
            code=code,
            kind=Kind(kind),
            value=value,
            period=period,
            actor="zhao",
            origin="import",
            comparator=comparator or None,
            source="figures.csv",
            source_doc=doc or None,
            quote=quote,
            note=note,
        )
    services.record(
        single,
        code=OTHER,
        value="21",
        period="2025-05-26",
        actor="zhao",
        origin="import",
        source="figures.csv",
        source_doc="003_f23afacf029143a4",
        quote="编制了交通、科技、产业等21个专项规划",
        note="a note now",
    )
    for store in (bulk, single):
        store.engine.dispose()

    bulk_url, single_url = f"sqlite:///{db_path}", f"sqlite:///{one_by_one}"
    assert rows(bulk_url, "observation", STAMPS_AND_LINES) == rows(
        single_url, "observation", STAMPS_AND_LINES
    )

    # The four values the import wrote name their lines of the file; typed ones name none.
    def lines_of(url: str) -> list[object]:
        return [o["source_line"] for o in rows(url, "observation", ()) if o["source"] == path.name]

    assert sorted(int(str(line)) for line in lines_of(bulk_url)) == [2, 3, 4, 5]
    assert lines_of(single_url) == [None] * 4
    # Who recorded which value, and what it replaced, read the same from either store.
    bulk_record = record_of(bulk_url)
    assert [e[0] for e in bulk_record] == ["record", "correct", "record", "correct"]
    assert bulk_record == record_of(single_url)
    assert audit_matches_data(bulk_url) == []


def test_an_import_bumps_each_touched_indicator_once(backend_url: str, tmp_path: Path) -> None:
    store = services.open_store(backend_url)
    before = {r["code"]: r["version"] for r in rows(backend_url, "indicator", ())}
    path = tmp_path / "figures.csv"
    path.write_text(FILE, encoding="utf-8")
    report = services.import_file(store, path, actor="zhao", accept_outliers=True)
    assert (report.new, report.changed, report.unchanged) == (2, 2, 2)
    after = {r["code"]: r["version"] for r in rows(backend_url, "indicator", ())}
    assert {c: after[c] - before[c] for c in after if after[c] != before[c]} == {CODE: 1, OTHER: 1}
    again = services.import_file(store, path, actor="zhao", accept_outliers=True)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 6)
    assert {r["code"]: r["version"] for r in rows(backend_url, "indicator", ())} == after
    assert audit_matches_data(backend_url) == []
    store.engine.dispose()


def test_an_all_new_import_reads_back_as_the_same_record_as_values_one_by_one(
    db_path: Path, tmp_path: Path
) -> None:
    one_by_one = tmp_path / "one_by_one.db"
    shutil.copyfile(db_path, one_by_one)
    # Control characters are refused on the way in (tests/cli/test_text_input.py).
    accepted = [t.strip() for t in TRICKY if t.strip() and control_in(t.strip()) is None]
    notes = [*accepted, "\\u0041 not an escape", '引号"和\\反斜杠']
    lines = [
        [CODE, "actual", f"2026-{month:02d}", f"{230 + month}", "", "", quote, note]
        for month, (quote, note) in enumerate(zip(notes, reversed(notes), strict=True), start=1)
    ]
    lines.append([OTHER, "target", "2030", "40", "不低于", "001_429e4e3d7d47d75c", "", "x"])
    path = tmp_path / "figures.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["indicator", "kind", "period", "value", "comparator", "source_doc", "quote", "note"]
        )
        writer.writerows(lines)
    bulk = services.open_store(f"sqlite:///{db_path}")
    report = services.import_file(bulk, path, actor="zhao", origin="import", accept_outliers=True)
    assert (report.new, report.changed) == (len(lines), 0)
    single = services.open_store(f"sqlite:///{one_by_one}")
    for code, kind, period, value, comparator, doc, quote, note in lines:
        services.record(
            single,
            code=code,
            kind=Kind(kind),
            value=value,
            period=period,
            actor="zhao",
            origin="import",
            comparator=comparator or None,
            source="figures.csv",
            source_doc=doc or None,
            quote=quote,
            note=note,
        )
    for store in (bulk, single):
        store.engine.dispose()
    bulk_record = record_of(f"sqlite:///{db_path}")
    assert len(bulk_record) == len(lines)
    assert bulk_record == record_of(f"sqlite:///{one_by_one}")
    # Each row's text as typed, quotes, escapes and all.
    assert [e[5]["note"] for e in bulk_record] == [line[7] for line in lines]  # type: ignore[index]


# Clean rows and rows only the full parser reads (a unit to convert, full-width digits, a
# minus sign from a web page, a row held back, a note with a header's word), new, changed and
# already stored as they are, in one file with a title, a blank line and a totals line.
MESSY = (
    "2025年 跨域通办 figures\n"
    "indicator,kind,period,value,unit,comparator,source_doc,quote,note,quarantine\n"
    f"{CODE},actual,2025-10,240,,,,,,\n"
    f"{CODE},实际,2025年11月,\uff12\uff14\uff15,,,,,,\n"
    f"{CODE},actual,2025-12,\u2212 3,,,,,,\n"
    f"{CODE},actual,2025-05-26,211,,,003_f23afacf029143a4,,revised,\n"
    f'{CODE},target,2027,300,,,,"quote ""with"" quotes",,\n'
    f"{CODE},target,2028,310,,>=,,,indicator,\n"
    ",,,,,,,,,\n"
    f"{OTHER},actual,2026-01,25,,,,,,to be checked\n"
    f'{OTHER},actual,2026-02,"1,025",,,,,,\n'
    f"{OTHER},actual,2025-05-26,21,,,003_f23afacf029143a4,"
    "编制了交通、科技、产业等21个专项规划,a note now,\n"
    + csv_line(
        *(OTHER, "actual", "2024-06-03", "21.0", "", "", "001_429e4e3d7d47d75c"),
        "研究编制都市圈国土空间规划和科技创新等21个重点领域专项规划",
        seeded_note(OTHER, "2024-06-03"),
        "",
    )
    + "合计,,,2,077,,,,,\n"
)


def test_the_quick_way_stores_what_the_full_parser_stores(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large file's clean rows go on as columns, the rest as entries: the store ends with
    the very rows and change set that reading every row in full gives."""
    every_row = tmp_path / "every_row.db"
    shutil.copyfile(db_path, every_row)
    path = tmp_path / "figures.csv"
    path.write_text(MESSY, encoding="utf-8")
    reports = []
    for store_path in (db_path, every_row):
        store = services.open_store(f"sqlite:///{store_path}")
        with monkeypatch.context() as patch:
            if store_path == every_row:  # no row is clean enough for the quick way
                patch.setattr(CleanRows, "read", lambda self, line, cells: None)
            reports.append(services.import_file(store, path, actor="zhao", accept_outliers=True))
        store.engine.dispose()
    quick, full = reports
    assert (quick.new, quick.changed, quick.unchanged) == (full.new, full.changed, full.unchanged)
    assert (quick.new, quick.changed, quick.unchanged) == (7, 2, 1)
    assert quick.first_changes == full.first_changes
    assert quick.warnings == full.warnings
    quick_url, full_url = f"sqlite:///{db_path}", f"sqlite:///{every_row}"
    written = rows(quick_url, "observation", ("entered_at",))
    assert written == rows(full_url, "observation", ("entered_at",))
    assert rows(quick_url, "change_set", ("at",)) == rows(full_url, "change_set", ("at",))
    newest = max(r["written_in"] for r in written)  # type: ignore[type-var]
    held = [r for r in written if r["written_in"] == newest and r["quarantine"]]
    assert [(r["period"], r["quarantine"]) for r in held] == [("2026-01", "to be checked")]
