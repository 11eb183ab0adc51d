"""Crash soak at any size: `csprbot run` on real Dovecot + SMTP + SQLite, SIGKILLed at random points.

    .venv/bin/python bench/crash_soak.py --messages 5000 --kills 200 --seed 1

The same harness and checks as tests/reliability/test_crash.py (500 messages, 20 kills, in CI), see
tests/reliability/soak.py: every message processed exactly once, state equal to a crash-free run, clocks as
an independent calculation says, no mail lost, repeats only in SMTP's own window. Prints the figures as one
JSON line; exits 1 (and keeps the work directory) when any claim failed. Needs /usr/sbin/dovecot.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "tests" / "reliability"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--messages", type=int, default=5000)
    ap.add_argument("--kills", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--drain-timeout", type=float, default=1800.0)
    args = ap.parse_args()
    from soak import run_crash_soak

    result = run_crash_soak(args.messages, args.kills, args.seed, drain_timeout=args.drain_timeout,
                            log=lambda m: print(m, file=sys.stderr))
    print(json.dumps({"figures": result.figures, "problems": result.problems}, default=str))
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main())
