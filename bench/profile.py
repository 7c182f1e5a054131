"""`python -m bench.profile [FIGURE ...]`: where the time of a figure goes, with pyinstrument.

Profiles the tracker side of `import`, `reimport`, `summary` and `status` on the data and stores
of a size (`--size`, default full) and writes each as text to bench/profiles/FIGURE.txt, which
the notes of bench/RESULTS.md cite. Needs pyinstrument (in the dev extra).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import stores
from bench.data import SIZES, existing
from bench.runner import BIN, ROOT

HERE = Path(__file__).resolve().parent
STATUS = (
    "import sys; from datetime import date; from tracker import services;"
    " store = services.open_store('sqlite:///' + sys.argv[1], create=False);"
    " services.statuses(store, as_of=date(2026, 6, 30))"
)


def main(argv: list[str] | None = None) -> int:
    """Profile the figures asked for."""
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("figures", nargs="*", default=["import", "reimport", "summary", "status"])
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--data", type=Path, default=HERE / "data")
    args = parser.parse_args(argv)
    data = existing(SIZES[args.size], args.data / args.size)
    if data is None:
        sys.stderr.write("no data yet: run python -m bench first\n")
        return 1
    template = stores.template(data)
    out_dir = HERE / "profiles"
    out_dir.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data.folder) as scratch:
        loaded = Path(scratch) / "loaded.db"
        stores.copy(template, loaded)
        # The loaded store is the import's own result, as in the benchmark.
        subprocess.run(
            [BIN / "tracker", "import", data.observations, "--db", loaded],
            check=True,
            capture_output=True,
            env={"TRACKER_USER": "bench", "PATH": str(BIN)},
        )
        for figure in args.figures:
            db = Path(scratch) / f"{figure}.db"
            stores.copy(template if figure == "import" else loaded, db)
            if figure in ("import", "reimport"):
                work = [BIN / "tracker", "import", data.observations, "--db", db]
            elif figure == "summary":
                work = [BIN / "tracker", "summary", "--db", db, "--as-of", "2026-06-30"]
            else:
                work = ["-c", STATUS, db]
            out = out_dir / f"{figure}.txt"
            subprocess.run(
                [BIN / "pyinstrument", "-r", "text", "--no-color", "-o", out, *work],
                check=True,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                env={"TRACKER_USER": "bench", "PATH": str(BIN), "PYTHONPATH": str(ROOT)},
            )
            sys.stderr.write(f"profile: wrote {out.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
