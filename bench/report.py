"""bench/RESULTS.md: the machine, every figure with its floor and ratio, the peers."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from bench.figures import Result
from bench.runner import ROOT, fmt

NOTES_MARK = "<!-- Notes below this line are kept when the results are regenerated. -->"
PACKAGES = (
    "textual",
    "SQLAlchemy",
    "sqlmodel",
    "alembic",
    "typer",
    "click",
    "rich",
    "pandas",
    "sqlite-utils",
    "visidata",
)


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (the platform's processor string otherwise)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_total() -> str:
    """Installed memory, from /proc/meminfo."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    return "unknown"


def version(package: str) -> str:
    """An installed package's version, or 'not installed'."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def commit() -> str:
    """The checkout's commit, marked when the work tree has changes."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return head + (" with uncommitted changes" if dirty else "")


def load() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def launcher_mb() -> float:
    """This process's peak resident size."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine_lines(load_before: str, load_after: str) -> list[str]:
    """The machine and software the figures were measured on."""
    packages = ", ".join(f"{p} {version(p)}" for p in PACKAGES)
    return [
        f"- CPU: {cpu_model()}, {os.cpu_count()} cores; memory {memory_total()}",
        f"- {platform.system()} {platform.release()}; Python {platform.python_version()};"
        f" SQLite {sqlite3.sqlite_version}",
        f"- Packages: {packages}",
        f"- tracker commit: {commit()}",
        f"- Load average (1/5/15 min) before the run: {load_before}; after: {load_after}",
        f"- Peak memory is the measured process's own (wait4), which on Linux starts from the"
        f" size of the process that started it: the launcher peaked at {launcher_mb():.0f} MB,"
        " so a reading near that means at most that much",
    ]


def cell(result: Result, which: str) -> str:
    """One table cell of a result."""
    if which == "subject":
        if result.subject is None:
            return result.note or "not measured"
        return result.subject.text(result.unit)
    if which == "floor":
        return result.floor.text() if result.floor else "-"
    if which == "ratio":
        return f"{result.ratio:.2f}x" if result.ratio is not None else "-"
    if which == "memory":
        return result.memory.text("MB") if result.memory else "-"
    met = result.met
    return "-" if met is None else ("yes" if met else "**no**")


def render(
    results: list[Result],
    *,
    size: str,
    repeats: int,
    started: datetime,
    load_before: str,
    load_after: str,
    command: str,
    seconds: float,
) -> str:
    """The results document (without the kept notes)."""
    lines = [
        "# Benchmark results",
        "",
        f"`{command}`, {started:%Y-%m-%d %H:%M} UTC, size `{size}`, took {seconds / 60:.0f} min."
        f" Each figure is the median of {repeats} fresh-process runs (min-max in brackets),"
        " next to its floor measured in the same run on the same data; the ratio is median over"
        " median. Peak memory is the measured process's peak resident set size.",
        "",
        "## Machine",
        "",
        *machine_lines(load_before, load_after),
        "",
        "## Figures",
        "",
        "| id | what | floor (same run) | tracker | ratio | goal | met | peak memory |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        row = [
            r.key,
            r.title,
            cell(r, "floor"),
            cell(r, "subject"),
            cell(r, "ratio"),
            r.goal,
            cell(r, "met"),
            cell(r, "memory"),
        ]
        lines.append("| " + " | ".join(row) + " |")
    peers = [(r, p) for r in results for p in r.peers]
    if peers:
        lines += [
            "",
            "## Peers (same data, same run)",
            "",
            "| figure | peer | measured | peak memory | peer / tracker |",
            "|---|---|---|---|---|",
        ]
        for r, p in peers:
            shown = p.stats.text("MB" if r.unit == "MB" else "s") if p.stats else p.note
            against = "-"
            if p.stats and r.subject and r.subject.median:
                against = f"{p.stats.median / r.subject.median:.2f}x"
            lines.append(
                f"| {r.key} | {p.name} | {shown} | {p.memory.text('MB') if p.memory else '-'}"
                f" | {against} |"
            )
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> None:
    """Write the results, keeping the notes below NOTES_MARK of the file already there."""
    notes = f"\n{NOTES_MARK}\n"
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if NOTES_MARK in old:
            notes = "\n" + NOTES_MARK + old.split(NOTES_MARK, 1)[1]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + notes, encoding="utf-8")


def now() -> datetime:
    """The time the run started."""
    return datetime.now(UTC)


__all__ = ["fmt", "now", "render", "write"]
