"""CPU seconds of a fresh process that imports the parsers and parses one file once (issue #12 item 6).

Usage: .venv/bin/python bench/bench_cold_parse.py TREE[,TREE...] FILE...
Each tree is put on PYTHONPATH in turn; the trees are interleaved, 9 runs each, and the median is printed. CPU
time (user + system, getrusage) rather than wall time: it moves less with the machine's load.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys

_CODE = ("import resource, sys\nfrom parsers import parse_message\nparse_message(open(sys.argv[1], 'rb').read())\n"
         "r = resource.getrusage(resource.RUSAGE_SELF)\nprint(r.ru_utime + r.ru_stime)")


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    trees, files = argv[0].split(","), argv[1:]
    for f in files:
        runs: dict[str, list[float]] = {t: [] for t in trees}
        for _ in range(9):
            for t in trees:
                out = subprocess.run([sys.executable, "-c", _CODE, f], env=dict(os.environ, PYTHONPATH=t),
                                     capture_output=True, text=True, check=True)
                runs[t].append(float(out.stdout))
        cells = " ".join(f"{t.rstrip('/').split('/')[-1]}={statistics.median(v):.3f}s" for t, v in runs.items())
        print(os.path.basename(f), cells)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
