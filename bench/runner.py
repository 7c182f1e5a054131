"""Fresh-process measurements: wall time, peak memory and what the child reports about itself."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


class RunFailed(RuntimeError):
    """A measured process exited with an error; the message holds the end of its stderr."""


@dataclass
class Sample:
    """One fresh-process run: wall seconds, the child's own timing if it gave one, peak RSS."""

    wall: float
    peak_mb: float
    reported: dict[str, float] = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        """The child's own measurement when it made one, else the wall time."""
        return self.reported.get("seconds", self.wall)


def run(
    cmd: Sequence[str | os.PathLike[str]],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 1800,
) -> Sample:
    """Run `cmd` in a new process; time it from spawn to exit and read its peak RSS (wait4)."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env.setdefault("PYTHONPATH", str(ROOT))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [str(c) for c in cmd],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=full_env,
            cwd=cwd or ROOT,
        )
        # A blocking wait4 keeps the wall time exact; a timer kills a run that hangs.
        killer = threading.Timer(timeout, child.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            killer.cancel()
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if child.returncode != 0:
        shown = " ".join(str(c) for c in cmd)
        raise RunFailed(f"`{shown}` exited {child.returncode}: {stderr.strip()[-800:]}")
    return Sample(wall, usage.ru_maxrss / 1024, reported(stdout))


def reported(stdout: str) -> dict[str, float]:
    """The last `BENCH {json}` line a probe printed, if any."""
    for line in reversed(stdout.splitlines()):
        if line.startswith("BENCH "):
            data = json.loads(line[len("BENCH ") :])
            return {k: float(v) for k, v in data.items()}
    return {}


@dataclass
class Stats:
    """Median, minimum and maximum of repeated runs."""

    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Stats:
        """The statistics of `values` (at least one)."""
        return cls(statistics.median(values), min(values), max(values), len(values))

    def text(self, unit: str = "s") -> str:
        """`1.23 s (1.20-1.31)`, with the range only when there were several runs."""
        shown = f"{fmt(self.median)} {unit}"
        if self.runs > 1:
            shown += f" ({fmt(self.low)}-{fmt(self.high)})"
        return shown


def fmt(value: float) -> str:
    """Three significant figures, without an exponent for the values seen here."""
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"
