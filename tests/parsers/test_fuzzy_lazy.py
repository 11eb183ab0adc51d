"""parsers/fuzzy.py expands the label synonyms on the first near-miss, not on import (issue #12 item 6)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_parsers_leaves_the_spellings_unexpanded_until_a_near_miss() -> None:
    code = ("from parsers import fuzzy, parse_message\n"
            "before = fuzzy._by_length.cache_info().currsize\n"
            "near = fuzzy.near_labels('date of brith')\n"
            "print(before, fuzzy._by_length.cache_info().currsize, near[0][0], near[0][1].key)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "1", "1", "referral.child.date_of_birth"]
