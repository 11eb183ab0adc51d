"""Every corpus message parses to its expected contract JSON (warnings: expected substrings must appear)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from parsers import parse_message

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS / "corpus_tools"))

from accuracy import compare, provenance_gaps  # noqa: E402

CORPUS = TESTS / "corpus"
KNOWN = json.loads((CORPUS / "known_domains.json").read_text())
MESSAGES = sorted(CORPUS.glob("*.eml"))


def test_corpus_is_big_and_varied() -> None:
    assert len(MESSAGES) >= 60
    kinds = {json.loads((CORPUS / f"{m.stem}.expected.json").read_text())["kind"] for m in MESSAGES}
    assert kinds == {"referral", "agency_return", "reply", "auto_reply", "unknown"}


@pytest.mark.parametrize("eml", MESSAGES, ids=[m.stem for m in MESSAGES])
def test_corpus_message(eml: Path) -> None:
    expected = json.loads((CORPUS / f"{eml.stem}.expected.json").read_text())
    actual = parse_message(eml.read_bytes(), known_domains=KNOWN).to_json_dict()
    assert set(actual) == {"kind", "case_ref", "referral", "agency_return", "command", "form", "missing", "warnings",
                           "provenance"}
    assert compare(expected, actual) == []
    assert provenance_gaps(actual) == []
