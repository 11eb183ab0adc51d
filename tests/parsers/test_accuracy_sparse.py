"""The scorer's sparse mode (answers written to the parse contract alone, `NAME.json`): filled-in values count."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "corpus_tools"))

from accuracy import compare, field_count, scored  # noqa: E402

EXPECTED = {"kind": "referral", "case_ref": None, "agency_return": None, "command": None,
            "referral": {"child": {"name": "Ava Price", "faith": None},
                         "family": [{"name": "Jo Price", "address": None}], "criteria": {"child_died": False}}}


def test_sparse_scores_only_values_a_reader_filled_in() -> None:
    assert scored(EXPECTED, sparse=True) == {"kind": "referral", "referral.child.name": "Ava Price",
                                             "referral.family[0].name": "Jo Price",
                                             "referral.criteria.child_died": False}
    assert field_count(EXPECTED, sparse=True) == 4
    assert field_count(EXPECTED) > 4  # the full mode also scores nulls and list lengths


def test_sparse_counts_a_wrong_or_absent_value_but_not_an_extra_one() -> None:
    actual = {"kind": "referral", "case_ref": "NS-CSPR-2026-001", "missing": [], "warnings": [],
              "referral": {"child": {"name": "Jo Price", "faith": "None stated"},
                           "family": [{"name": "Jo Price", "address": "1 High St"}], "criteria": {}}}
    diffs = {path for path, _, _ in compare(EXPECTED, actual, sparse=True)}
    assert diffs == {"referral.child.name", "referral.criteria.child_died"}


def test_heldout5_count_matches_its_authors_count() -> None:
    # The author counted 1,433 non-null fields (1,377 under referral, agency_return and command).
    total = form = 0
    for path in sorted((ROOT / "tests" / "corpus_heldout5").glob("*.json")):
        wanted = scored(json.loads(path.read_text()), sparse=True)
        total += len(wanted)
        form += sum(1 for p in wanted if p.startswith(("referral", "agency_return", "command")))
    assert (total, form) == (1433, 1377)
