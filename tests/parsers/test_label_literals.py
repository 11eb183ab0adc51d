"""The quick "cannot match" test in front of each label pattern never turns away a cell the pattern matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.fields import _literal
from parsers.labels import LABELS

_ASCII = st.characters(min_codepoint=9, max_codepoint=126)


@settings(max_examples=400, deadline=None)
@given(st.data(), st.sampled_from(LABELS))
def test_every_ascii_cell_a_label_matches_holds_its_literal(data: st.DataObject, label: object) -> None:
    pattern = label.pattern  # type: ignore[attr-defined]
    text = data.draw(st.from_regex(pattern, alphabet=_ASCII)) + data.draw(st.text(_ASCII, max_size=20))
    if pattern.match(text):
        assert _literal(label) in text.lower()  # type: ignore[arg-type]


def test_literals_stop_before_optional_characters_and_alternations() -> None:
    by_synonym = {lab.synonym: _literal(lab) for lab in LABELS}
    assert by_synonym["date of birth"] == "date"
    assert by_synonym["carers?"] == "carer"
    assert all(lit == "" for syn, lit in by_synonym.items() if syn.startswith(("(", "[")))
    assert all(lit.isascii() and (lit.isalnum() or not lit) for lit in by_synonym.values())


def test_a_non_ascii_cell_is_matched_in_full() -> None:
    """Under re.I "ſ" matches "s" and the Kelvin sign "k": such a cell skips the quick test (the caller only
    uses it on ASCII text), here is why."""
    sign = next(lab for lab in LABELS if lab.synonym == "signed off by")
    assert _literal(sign) == "signed"
    assert sign.pattern.match("ſigned off by: Jo Bloggs") is not None
    assert "signed" not in "ſigned off by: jo bloggs"
    assert re.match("k", "\u212a", re.I) is not None
