"""The quick "cannot match" test in front of each label pattern never turns away a cell the pattern matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.fields import _FOLDS_TO_ASCII, _literal, _plain_runs
from parsers.labels import LABELS

_ASCII = st.characters(min_codepoint=9, max_codepoint=126)


@settings(max_examples=300, deadline=None)
@given(st.data(), st.sampled_from(LABELS))
def test_every_cell_a_label_matches_holds_its_literal(data: st.DataObject, label: object) -> None:
    """ASCII cells, and cells with other characters (curly quotes, ticks, accents) but none that folds to ASCII."""
    pattern = label.pattern  # type: ignore[attr-defined]
    alphabet = st.one_of(_ASCII, st.sampled_from("’“”☐☒–—éÉßøÅ\u00a0"))
    text = data.draw(st.from_regex(pattern, alphabet=alphabet)) + data.draw(st.text(alphabet, max_size=20))
    assert not _FOLDS_TO_ASCII.search(text)
    if pattern.match(text):
        assert all(run in text.lower() for run in _literal(label))  # type: ignore[arg-type]


def test_literals_leave_out_groups_optional_characters_and_alternations() -> None:
    by_synonym = {lab.synonym: _literal(lab) for lab in LABELS}
    assert by_synonym["date of birth"] == ("date", "of", "birth")
    assert by_synonym["carers?"] == ("carer",)
    assert by_synonym["sign[- ]?off(?: by)?(?: \\(?manager\\)?)?"] == ("sign", "off")
    assert all(run.isascii() and run.isalnum() for runs in by_synonym.values() for run in runs)
    assert _plain_runs(r"x{2}ab\(c|d") is None and _plain_runs(r"x{2}a\.b+c(?:d|e)?f") == ["a", "b", "c", "f"]


def test_a_non_ascii_cell_is_matched_in_full() -> None:
    """Under re.I "ſ" matches "s" and the Kelvin sign "k": a cell holding one skips the quick test, here is why."""
    sign = next(lab for lab in LABELS if lab.synonym == "signed off by")
    assert _literal(sign) == ("signed", "off", "by")
    assert sign.pattern.match("ſigned off by: Jo Bloggs") is not None
    assert "signed" not in "ſigned off by: jo bloggs"
    assert re.match("k", "\u212a", re.I) is not None


def test_the_characters_that_fold_to_ascii_are_all_known() -> None:
    """Every character outside ASCII that an ASCII letter or digit matches under re.I, or that lower-cases to
    one: the cells holding one are matched in full."""
    everything = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    folding = set(re.findall("|".join("abcdefghijklmnopqrstuvwxyz0123456789"), everything, re.I))
    folding.update(c for c in everything if any(x.isascii() and x.isalnum() for x in c.lower()))
    assert folding == set(_FOLDS_TO_ASCII.findall(everything)) == {"\u0130", "\u0131", "\u017f", "\u212a"}
