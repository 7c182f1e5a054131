"""The figures of issue 6: each measured in fresh processes, next to its floor from the same run."""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench import stores
from bench.data import Dataset
from bench.runner import BIN, RunFailed, Sample, Stats, run

PYTHON = sys.executable
PROBES = ("-m", "bench.probes")
AS_OF = "2026-06-30"
GB = 1024.0


@dataclass
class Peer:
    """Another tool doing the same job on the same data, or why it was not measured."""

    name: str
    stats: Stats | None = None
    note: str = ""
    memory: Stats | None = None


@dataclass
class Result:
    """One row of the results table."""

    key: str
    title: str
    goal: str
    subject: Stats | None = None
    floor: Stats | None = None
    limit_ratio: float | None = None
    limit_seconds: float | None = None
    memory: Stats | None = None
    limit_mb: float | None = None
    peers: list[Peer] = field(default_factory=list)
    note: str = ""
    unit: str = "s"

    @property
    def ratio(self) -> float | None:
        """Median against median floor."""
        if self.subject is None or self.floor is None or self.floor.median <= 0:
            return None
        return self.subject.median / self.floor.median

    @property
    def met(self) -> bool | None:
        """Whether every goal of the row holds (None when nothing was measured)."""
        if self.subject is None:
            return None
        checks = []
        if self.limit_ratio is not None:
            checks.append(self.ratio is not None and self.ratio <= self.limit_ratio)
        if self.limit_seconds is not None:
            checks.append(self.subject.median <= self.limit_seconds)
        if self.limit_mb is not None:
            checks.append(self.memory is not None and self.memory.median < self.limit_mb)
        return all(checks)


@dataclass
class Bench:
    """What every figure needs: the data, a scratch folder, how many runs, what to report."""

    data: Dataset
    work: Path
    repeats: int
    peer_repeats: int
    log: Callable[[str], None]
    loaded: Path | None = None
    template: Path | None = None
    tui: Path | None = None
    samples: dict[str, list[Sample]] = field(default_factory=dict)

    def scratch(self, name: str) -> Path:
        """A path in the scratch folder, with any earlier file of that name removed."""
        path = self.work / name
        for extra in ("", "-wal", "-shm"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
        return path

    def measure(self, label: str, make: Callable[[], Sequence[str | Path]], runs: int) -> Stats:
        """Run the command `make()` returns `runs` times (preparing anew each time)."""
        found = self.samples.setdefault(label, [])
        for number in range(runs):
            cmd = make()
            sample = run(cmd, env={"BENCH_SPAWNED": repr(time.time()), **ENV})
            found.append(sample)
            self.log(
                f"  {label} run {number + 1}/{runs}: {sample.seconds:.3f} s"
                f", {sample.peak_mb:.0f} MB"
            )
        return Stats.of([s.seconds for s in found])

    def memory(self, label: str) -> Stats:
        """The peak RSS of the runs of `label`, in MB."""
        return Stats.of([s.peak_mb for s in self.samples[label]])


ENV = {"TRACKER_USER": "bench", "TRACKER_LANG": "zh", "COLUMNS": "100"}


def tracker(*args: str | Path) -> list[str | Path]:
    """The installed `tracker` command with `args`."""
    return [BIN / "tracker", *args]


def floor_script(name: str) -> str:
    """The path of a floor program."""
    return str(Path(__file__).resolve().parent / "floors" / f"{name}.py")


# -- import -----------------------------------------------------------------------------------


def imports(b: Bench) -> list[Result]:
    """Import into an empty seeded store, then the same file again; floor and peers alike."""
    assert b.template is not None
    before, audit_before = stores.observation_count(b.template)
    rows = b.data.observation_count

    def fresh(name: str) -> Path:
        return stores.copy(b.template, b.scratch(name))  # type: ignore[arg-type]

    def floor_cmd(csv: Path, encoding: str) -> Callable[[], list[str | Path]]:
        return lambda: [PYTHON, floor_script("import_floor"), fresh("floor.db"), csv, encoding]

    def tracker_cmd(csv: Path) -> Callable[[], list[str | Path]]:
        return lambda: tracker("import", csv, "--db", fresh("import.db"))

    results = []
    for key, csv, encoding in (
        ("import", b.data.observations, "utf-8"),
        ("import_gb18030", b.data.observations_gb18030, "gb18030"),
    ):
        floor_label, label = f"{key}:floor", f"{key}:tracker"
        floor_stats: Stats | None = None
        subject: Stats | None = None
        for _ in range(b.repeats):  # interleaved, so that a busy moment hits both alike
            floor_stats = b.measure(floor_label, floor_cmd(csv, encoding), 1)
            subject = b.measure(label, tracker_cmd(csv), 1)
            now, audit = stores.observation_count(b.work / "import.db")
            if now != before + rows or audit != audit_before + rows:
                raise RunFailed(
                    f"{key}: expected {before + rows} current observations and"
                    f" {audit_before + rows} recorded by imports, found {now} and {audit}"
                )
        title = (
            f"`tracker import` of the {rows:,}-row observations CSV into an empty seeded store"
            + (" (the GB18030 copy)" if key != "import" else "")
        )
        result = Result(
            key,
            title,
            "<= 2.0x floor, peak < 1 GB",
            subject,
            floor_stats,
            limit_ratio=2.0,
            memory=b.memory(label),
            limit_mb=GB,
        )
        if key == "import":
            b.loaded = stores.copy(b.work / "import.db", b.work / "loaded.db")
            result.peers = import_peers(b, csv)
        results.append(result)
    reimport = "reimport:tracker"

    def again() -> list[str | Path]:
        assert b.loaded is not None
        return tracker(
            "import", b.data.observations, "--db", stores.copy(b.loaded, b.scratch("again.db"))
        )

    # Interleaved with the floor again, so that the ratio compares runs of the same moment.
    reimport_floor: Stats | None = None
    for _ in range(b.repeats):
        reimport_floor = b.measure("reimport:floor", floor_cmd(b.data.observations, "utf-8"), 1)
        subject = b.measure(reimport, again, 1)
    now, audit = stores.observation_count(b.work / "again.db")
    expected = stores.observation_count(b.loaded)  # type: ignore[arg-type]
    if (now, audit) != expected:
        raise RunFailed(f"re-import changed the store: {expected} -> {(now, audit)}")
    results.insert(
        1,
        Result(
            "reimport",
            f"re-import of the same {rows:,} rows (nothing changes)",
            "<= 1.5x floor",
            subject,
            reimport_floor,
            limit_ratio=1.5,
            memory=b.memory(reimport),
        ),
    )
    return results


# The peers load the file into a table of their own (no constraints, no indexes).
UTILS_PEER = "sqlite-utils insert --csv (into a new table)"
PANDAS_PEER = "pandas read_csv + to_sql (into a new table)"
VISIDATA_PEER = "VisiData: load the indicators CSV and save it (batch mode)"


def import_peers(b: Bench, csv: Path) -> list[Peer]:
    """sqlite-utils insert --csv and pandas to_sql of the same file into a copy of the store."""
    peers = []
    utils = BIN / "sqlite-utils"
    if utils.exists():

        def insert() -> list[str | Path]:
            db = stores.copy(b.template, b.scratch("peer.db"))  # type: ignore[arg-type]
            return [utils, "insert", db, "observation_csv", csv, "--csv"]

        stats = b.measure("import:sqlite-utils", insert, b.peer_repeats)
        peers.append(Peer(UTILS_PEER, stats, memory=b.memory("import:sqlite-utils")))
    else:
        peers.append(Peer(UTILS_PEER, note="not installed (pip install -e '.[dev]')"))

    def to_sql() -> list[str | Path]:
        db = stores.copy(b.template, b.scratch("peer.db"))  # type: ignore[arg-type]
        return [PYTHON, *PROBES, "pandas_to_sql", db, csv]

    stats = b.measure("import:pandas", to_sql, b.peer_repeats)
    peers.append(Peer(PANDAS_PEER, stats, memory=b.memory("import:pandas")))
    return peers


# -- start-up ---------------------------------------------------------------------------------


def summary(b: Bench) -> list[Result]:
    """`tracker summary` in a new process against a minimal Typer + sqlite3 + Rich command."""
    assert b.loaded is not None
    db = b.loaded
    floor_cmd = [PYTHON, floor_script("summary_floor"), db]
    subject_cmd = tracker("summary", "--db", db, "--as-of", AS_OF)
    run(floor_cmd, env=ENV)  # both read the file once first: the page cache is warm for both
    run(subject_cmd, env=ENV)
    for _ in range(b.repeats):
        floor = b.measure("summary:floor", lambda: floor_cmd, 1)
        subject = b.measure("summary:tracker", lambda: subject_cmd, 1)
    return [
        Result(
            "summary",
            "`tracker summary` cold start (new process) on the loaded store",
            "<= 1.5x floor",
            subject,
            floor,
            limit_ratio=1.5,
            memory=b.memory("summary:tracker"),
        )
    ]


def help_(b: Bench) -> list[Result]:
    """`tracker --help` against `python -c "import typer"`."""
    floor_cmd = [PYTHON, "-c", "import typer"]
    subject_cmd = tracker("--help")
    run(floor_cmd)
    run(subject_cmd)
    # Short runs: more of them cost little and steady the median (one at smoke size).
    runs = max(b.repeats, 5) if b.repeats > 1 else 1
    for _ in range(runs):
        floor = b.measure("help:floor", lambda: floor_cmd, 1)
        subject = b.measure("help:tracker", lambda: subject_cmd, 1)
    return [
        Result(
            "help",
            "`tracker --help` cold start",
            "<= 1.5x floor",
            subject,
            floor,
            limit_ratio=1.5,
            memory=b.memory("help:tracker"),
        )
    ]


# -- status -----------------------------------------------------------------------------------


def status(b: Bench) -> list[Result]:
    """Every verdict over the loaded store against one SQL query; pandas as the peer."""
    assert b.loaded is not None
    db = b.loaded
    for _ in range(b.repeats):
        floor = b.measure("status:floor", lambda: [PYTHON, *PROBES, "status_floor", db], 1)
        subject = b.measure("status:tracker", lambda: [PYTHON, *PROBES, "status", db], 1)
    peer = b.measure(
        "status:pandas", lambda: [PYTHON, *PROBES, "status_pandas", db], b.peer_repeats
    )
    count = int(b.samples["status:tracker"][0].reported.get("indicators", 0))
    return [
        Result(
            "status",
            f"status of all {count:,} indicators over the loaded store's observations",
            "<= 3x floor",
            subject,
            floor,
            limit_ratio=3.0,
            memory=b.memory("status:tracker"),
            peers=[Peer("pandas groupby (read_sql + idxmax)", peer)],
        )
    ]


# -- TUI --------------------------------------------------------------------------------------


def tui(b: Bench) -> list[Result]:
    """Launch, filter and scroll in the headless TUI (Pilot); launch against a bare Textual app."""
    try:
        run([PYTHON, "-c", "from tracker.tui.app import make_app"])
    except RunFailed as exc:
        note = f"not measured: tracker.tui.app.make_app cannot be imported ({exc})"
        return [Result(k, t.format(0), g, note=note) for k, t, g in TUI_ROWS]
    assert b.loaded is not None and b.tui is not None
    small_count = board_count(b.loaded)
    big_count = board_count(b.tui)
    launch_cmd = [PYTHON, *PROBES, "tui_launch", b.loaded, str(small_count)]
    bare_cmd = [PYTHON, *PROBES, "bare_launch"]
    run(bare_cmd, env={"BENCH_SPAWNED": repr(time.time()), **ENV})
    for _ in range(b.repeats):
        floor = b.measure("tui_launch:floor", lambda: bare_cmd, 1)
        launch = b.measure("tui_launch:tracker", lambda: launch_cmd, 1)
    peers = visidata_peer(b, b.data.indicators, "tui_launch:visidata")
    b.measure(
        "tui_small",
        lambda: [PYTHON, *PROBES, "tui_interact", b.loaded, str(small_count)],
        b.repeats,
    )
    b.measure(
        "tui_big", lambda: [PYTHON, *PROBES, "tui_interact", b.tui, str(big_count)], b.repeats
    )
    big_peers = visidata_peer(b, b.data.tui_indicators, "tui_memory:visidata")
    scroll = Stats.of([s.reported["scroll"] for s in b.samples["tui_big"]])
    return [
        Result(
            "tui_launch",
            TUI_ROWS[0][1].format(small_count),
            TUI_ROWS[0][2],
            launch,
            floor,
            limit_seconds=1.5,
            memory=b.memory("tui_launch:tracker"),
            peers=peers,
        ),
        Result(
            "tui_filter_small",
            TUI_ROWS[1][1].format(small_count),
            TUI_ROWS[1][2],
            Stats.of([s.seconds for s in b.samples["tui_small"]]),
            limit_seconds=0.1,
        ),
        Result(
            "tui_filter_big",
            TUI_ROWS[2][1].format(big_count),
            TUI_ROWS[2][2],
            Stats.of([s.seconds for s in b.samples["tui_big"]]),
            limit_seconds=0.1,
        ),
        Result(
            "tui_scroll",
            TUI_ROWS[3][1].format(big_count),
            TUI_ROWS[3][2],
            scroll,
            limit_seconds=0.1,
        ),
        Result(
            "tui_memory",
            TUI_ROWS[4][1].format(big_count),
            TUI_ROWS[4][2],
            b.memory("tui_big"),
            limit_mb=400,
            memory=b.memory("tui_big"),
            unit="MB",
            peers=[Peer(p.name, p.memory, p.note) for p in big_peers],
        ),
    ]


TUI_ROWS = (
    (
        "tui_launch",
        "TUI: launch to the first screen showing {:,} indicators (headless, Pilot)",
        "<= 1.5 s",
    ),
    ("tui_filter_small", "TUI: filter keystroke to updated table, {:,} indicators", "<= 100 ms"),
    ("tui_filter_big", "TUI: filter keystroke to updated table, {:,} indicators", "<= 100 ms"),
    ("tui_scroll", "TUI: scroll to the last row, {:,} indicators", "<= 100 ms"),
    ("tui_memory", "TUI: peak memory with {:,} indicators (launch, filter, scroll)", "< 400 MB"),
)


def board_count(db: Path) -> int:
    """How many indicators the store's default board shows as of AS_OF: those of programmes
    that have ended are off it, so the TUI never shows every row of the table."""
    return int(run([PYTHON, *PROBES, "board", db], env=ENV).reported["indicators"])


def visidata_peer(b: Bench, csv: Path, label: str) -> list[Peer]:
    """VisiData loading the same indicators CSV in batch mode, when it is installed."""
    vd = BIN / "vd"
    if not vd.exists():
        return [Peer("VisiData", note="not installed (optional: pip install visidata)")]
    out = b.scratch("vd.tsv")
    try:
        stats = b.measure(label, lambda: [vd, "-b", csv, "-o", out], b.peer_repeats)
    except RunFailed as exc:
        return [Peer(VISIDATA_PEER, note=f"failed: {exc}")]
    return [Peer(VISIDATA_PEER, stats, memory=b.memory(label))]


FIGURES: tuple[tuple[str, Callable[[Bench], list[Result]]], ...] = (
    ("import", imports),
    ("summary", summary),
    ("help", help_),
    ("status", status),
    ("tui", tui),
)


def cleanup(work: Path) -> None:
    """Remove the scratch databases (they can be large)."""
    shutil.rmtree(work, ignore_errors=True)
