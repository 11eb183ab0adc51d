"""Count scored fields (non-null leaves of the expected JSON; list lengths not counted), per message and kind."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from typing import Any


def count(x: Any) -> int:
    if isinstance(x, dict):
        return sum(count(v) for v in x.values())
    if isinstance(x, list):
        return sum(count(v) for v in x)
    return 0 if x is None else 1


if __name__ == "__main__":
    d = sys.argv[1]
    total, by_kind, n_kind = 0, Counter[str](), Counter[str]()
    for fn in sorted(os.listdir(d)):
        if fn.endswith(".json"):
            e = json.load(open(os.path.join(d, fn), encoding="utf-8"))
            n = count(e)
            total += n
            by_kind[e["kind"]] += n
            n_kind[e["kind"]] += 1
            print(f"{fn[:-5]}\t{e['kind']}\t{n}")
    print(f"total\t{sum(n_kind.values())} messages\t{total} fields")
    for k in by_kind:
        print(f"{k}\t{n_kind[k]} messages\t{by_kind[k]} fields")
