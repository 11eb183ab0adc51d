"""The Greek and Bulgarian words for "case" that parsers.named_cases writes out as ref_readings reads them."""

from __future__ import annotations

import pytest

from parsers.named_cases import FOLDED_CASE_WORDS
from parsers.ref_readings import by_value


@pytest.mark.parametrize("written", sorted(FOLDED_CASE_WORDS))
def test_written_out_reading_is_by_value(written: str) -> None:
    assert FOLDED_CASE_WORDS[written] == by_value(written)


def test_importing_the_parsers_does_not_load_the_confusables_table() -> None:
    # 34 ms of every `csprbot parse FILE` process (issue #12 item 6): the table is for non-ASCII text, read on
    # first use (parsers/confusables.py, parsers/ref_readings.py).
    import subprocess
    import sys

    code = ("import sys; from parsers import parse_message; "
            "print('confusable_homoglyphs.confusables' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
