"""`python -m bench [--size smoke|small|full]`: generate the data, measure, write RESULTS.md."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from bench import report, stores
from bench.data import SIZES, existing
from bench.figures import FIGURES, Bench, Result, cleanup
from bench.runner import ROOT, RunFailed

HERE = Path(__file__).resolve().parent


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--size",
        choices=sorted(SIZES),
        default="full",
        help="full: 10,000 indicators and 1,000,000 observations (the figures of issue 6);"
        " small: a tenth of that; smoke: tiny data and one run (what the test suite runs)",
    )
    parser.add_argument("--repeats", type=int, help="runs per figure (default: by size)")
    parser.add_argument(
        "--only",
        action="append",
        choices=[name for name, _ in FIGURES],
        help="measure only these figures (repeatable); import always runs first",
    )
    parser.add_argument("--data", type=Path, help="where the generated data goes")
    parser.add_argument("--out", type=Path, help="the results file to write")
    return parser.parse_args(argv)


def say(text: str) -> None:
    """Progress on stderr."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 0 when every figure was measured (goals met or not), 1 otherwise."""
    args = parse(argv)
    size = SIZES[args.size]
    repeats = args.repeats or size.repeats
    data_dir = args.data or HERE / "data"
    out = args.out or (
        HERE / "RESULTS.md" if size.name == "full" else HERE / "out" / f"RESULTS-{size.name}.md"
    )
    started, clock, load_before = report.now(), time.perf_counter(), report.load()
    say(f"bench: size {size.name}, {repeats} run(s) per figure; load {load_before}")
    folder = data_dir / size.name
    data = existing(size, folder)
    if data is None:
        say("bench: generating the data")
        subprocess.run([sys.executable, "-m", "bench.data", size.name, str(folder)], check=True)
        data = existing(size, folder)
        assert data is not None
    say(f"bench: data in {data.folder} ({data.observation_count:,} observations)")
    work = data.folder / "work"
    cleanup(work)
    work.mkdir(parents=True)
    # The TUI remembers its language in a settings file: keep the bench's out of the user's.
    os.environ["TRACKER_CONFIG_DIR"] = str(work / "config")
    bench = Bench(data, work, repeats, max(1, min(repeats, 3)), say)
    say("bench: building the stores (once per data set and schema revision)")
    bench.template = stores.template(data)
    wanted = set(args.only or [name for name, _ in FIGURES]) | {"import"}
    if "tui" in wanted:
        bench.tui = stores.tui_store(data)
        bench.reported = stores.reported_store(data)
    results: list[Result] = []
    failed = False
    for name, figure in FIGURES:
        if name not in wanted:
            continue
        say(f"bench: {name}")
        try:
            results.extend(figure(bench))
        except RunFailed as exc:
            failed = True
            say(f"bench: {name} failed: {exc}")
            results.append(Result(name, name, "-", note=f"failed: {exc}"))
    command = "python -m bench" + (f" --size {size.name}" if size.name != "full" else "")
    text = report.render(
        results,
        size=size.name,
        repeats=repeats,
        started=started,
        load_before=load_before,
        load_after=report.load(),
        command=command,
        seconds=time.perf_counter() - clock,
    )
    report.write(out, text)
    cleanup(work)
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    say(f"bench: wrote {shown}")
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
