"""The summary floor: a minimal Typer command, one aggregate query with sqlite3, a Rich table."""

import sqlite3

import typer
from rich.console import Console
from rich.table import Table

# Per region: indicators, how many have an actual and a target, and how many meet it, from the
# latest current actual and target of each indicator (one index seek each).
QUERY = """
SELECT r.name, count(*), count(latest), count(target), sum(latest >= target)
FROM (
    SELECT i.region_code AS region,
        (SELECT CAST(value AS REAL) FROM observation
         WHERE indicator_id = i.id AND kind = 'actual' AND state = 'current'
         ORDER BY period_end DESC LIMIT 1) AS latest,
        (SELECT CAST(value AS REAL) FROM observation
         WHERE indicator_id = i.id AND kind = 'target' AND state = 'current'
         ORDER BY period_end DESC LIMIT 1) AS target
    FROM indicator i
) JOIN region r ON r.code = region
GROUP BY r.code
ORDER BY count(*) DESC, r.code
LIMIT 20
"""


def summary(db: str) -> None:
    """Counts per region from one aggregate query, as a table of up to 20 rows."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute(QUERY).fetchall()
    table = Table("region", "indicators", "with actual", "with target", "meeting it")
    for row in rows:
        table.add_row(*(str(cell) for cell in row))
    Console(width=80).print(table)


if __name__ == "__main__":
    typer.run(summary)
