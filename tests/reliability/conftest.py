"""Reliability suite (issue 6): crash consistency, faults, hostile input, forgery, data protection.

Shared helpers live in reliability_kit.py beside this file; figures each test measures are printed
(run with -s to see them) and written to $CSPRBOT_RELIABILITY_FIGURES when set, one JSON object a line.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:  # `tests.servers` and `reliability_kit` without an installed checkout
        sys.path.insert(0, p)
