"""The import floor: stdlib csv + sqlite3.executemany of the same rows, one transaction."""

import csv
import sqlite3
import sys
from datetime import UTC, datetime

KINDS = {"actual": "actual", "target": "target", "baseline": "baseline", "实际": "actual"}
COMPARATORS = {"": None, ">=": ">=", "不低于": ">=", "达到": ">=", "<=": "<=", "不超过": "<="}


def main(db: str, path: str, encoding: str) -> None:
    """Insert every row of the observations CSV at `path` into the observation table of `db`."""
    con = sqlite3.connect(db, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON"):
        con.execute(f"PRAGMA {pragma}")
    ids = dict(con.execute("SELECT code, id FROM indicator"))
    now = datetime.now(UTC).isoformat(sep=" ")
    ends: dict[str, tuple[str, str]] = {}
    rows = []
    with open(path, newline="", encoding=encoding) as handle:
        reader = csv.reader(handle)
        next(reader)
        for code, kind, period, value, _unit, comparator, doc, quote, note in reader:
            end = ends.get(period)
            if end is None:
                # The period's precision and last day, once per distinct text (a cache, as any
                # loader would keep); the floor does no other validation.
                digits = "".join(c if c.isdigit() else " " for c in period).split()
                precision = "year" if len(digits) == 1 else "month"
                month = int(digits[1]) if len(digits) > 1 else 12
                end = ends[period] = (precision, f"{digits[0]}-{month:02d}-28")
            rows.append(
                (
                    ids[code],
                    KINDS[kind],
                    period,
                    end[0],
                    end[1],
                    value,
                    COMPARATORS[comparator],
                    doc or None,
                    "",
                    quote,
                    note,
                    "floor",
                    now,
                    "current",
                )
            )
    con.execute("BEGIN IMMEDIATE")
    # Every row names the change set that wrote it (revision 0007): one, as for an import.
    written_in = con.execute(
        "INSERT INTO change_set (actor, origin, interface) VALUES ('floor', 'import', 'cli')"
        " RETURNING id"
    ).fetchone()[0]
    con.executemany(
        "INSERT INTO observation (indicator_id, kind, period, precision, period_end, value,"
        " comparator, source_doc, source, quote, note, entered_by, entered_at, state,"
        f" written_in) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, {int(written_in)})",
        rows,
    )
    con.execute("COMMIT")
    con.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "utf-8")
