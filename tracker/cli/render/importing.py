"""The report of `tracker import`, as lines and as data."""

from __future__ import annotations

from typing import Any

from tracker.domain.text import visible


def import_report(report: Any) -> list[str]:
    """The final report of an import: rows read, new, changed, unchanged, warnings, time."""
    verb = "would change" if report.dry_run else "changed"
    lines = [
        f"{report.path} ({report.shape}, {report.encoding}): {report.rows} rows read;"
        f" new {report.new}, changed {report.changed}, unchanged {report.unchanged};"
        f" {len(report.warnings)} warning(s); {report.seconds:.2f} s",
    ]
    if report.nothing_changed:
        lines.append("nothing changed: the store already holds these values")
    if report.dry_run:
        lines.append("dry run: nothing was written")
    for change in report.first_changes:
        lines.append(f"  {verb}: {change}")
    for warning in report.warnings:
        lines.append(f"  warning: {warning}")
    return [visible(line) for line in lines]


def import_report_json(report: Any) -> dict[str, Any]:
    """The import report as data."""
    return {
        "path": report.path,
        "shape": report.shape,
        "encoding": report.encoding,
        "rows": report.rows,
        "new": report.new,
        "changed": report.changed,
        "unchanged": report.unchanged,
        "warnings": [row_error_json(w) for w in report.warnings],
        "first_changes": report.first_changes,
        "dry_run": report.dry_run,
        "seconds": round(report.seconds, 3),
    }


def row_error_json(error: Any) -> dict[str, Any]:
    """A row error as data."""
    return {
        "line": error.line,
        "column": error.column,
        "value": error.value,
        "message": error.message,
    }
