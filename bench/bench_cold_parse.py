"""A fresh process that parses one file once: CPU and wall seconds per tree, trees interleaved (issue #12 item 6).

Usage: .venv/bin/python bench/bench_cold_parse.py [--cli] [--runs 9] [--json OUT] TREE[,TREE...] FILE...
Each tree is put on PYTHONPATH in turn; the trees are interleaved, `--runs` runs each, and medians are printed.
Without --cli the process is `from parsers import parse_message; parse_message(FILE)`; with --cli it is
`python -m bot.cli parse FILE --json`, what a co-ordinator runs (it keeps compiled patterns in the file
CSPRBOT_RE_CACHE names: pass it in the environment, warmed by one run, to measure the usual case).
CPU time (user + system of the child, getrusage) moves less with the machine's load than wall time; both are
given. The processes run in a scratch directory: Python puts the working directory first on the path, so a run
from inside one tree would load that tree's code for every tree.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_CODE = ("import resource, sys\nfrom parsers import parse_message\nparse_message(open(sys.argv[1], 'rb').read())\n")


def _run(cmd: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", action="store_true", help="run `python -m bot.cli parse FILE --json`")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--json", help="write the medians and load averages here")
    ap.add_argument("trees")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args(argv)
    trees = [str(Path(t).resolve()) for t in args.trees.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="cold-parse.") as scratch:
        for f in args.files:
            path = str(Path(f).resolve())
            cmd = ([sys.executable, "-m", "bot.cli", "parse", path, "--json"] if args.cli
                   else [sys.executable, "-c", _CODE, path])
            runs: dict[str, list[tuple[float, float]]] = {t: [] for t in trees}
            load = [os.getloadavg()[0]]
            for _ in range(args.runs):
                for t in trees:
                    runs[t].append(_run(cmd, dict(os.environ, PYTHONPATH=t), scratch))
            load.append(os.getloadavg()[0])
            row = {"file": os.path.basename(f), "load_average": load, "trees": {
                t: {"cpu_s": round(statistics.median(c for c, _ in v), 3),
                    "wall_s": round(statistics.median(w for _, w in v), 3)} for t, v in runs.items()}}
            rows.append(row)
            cells = " ".join(f"{t.rstrip('/').split('/')[-1]}=cpu {m['cpu_s']:.3f}s wall {m['wall_s']:.3f}s"
                             for t, m in row["trees"].items())
            print(f"{row['file']} (load {load[0]:.1f}-{load[1]:.1f}) {cells}")
    if args.json:
        Path(args.json).write_text(json.dumps({"cli": args.cli, "runs": args.runs, "python": sys.version.split()[0],
                                               "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
