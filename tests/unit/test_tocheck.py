"""The fields to check (bot/domain/tocheck.py): the low-confidence ones join the missing and warned ones, by name
only, once each, and only a referral's fields."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.commands import CORRECTABLE
from bot.domain.tocheck import NOT_READ, WARNED, fields_to_check, low_confidence

FIELDS = sorted(CORRECTABLE | {"family[0].name", "criteria.child_died", "other_agencies[1].contact"})
VIA = st.sampled_from(["narrative", "signature", "lead_name", "near_label", "beside_label", "sender", "unknown"])
SECRET = "Kai Marsh 2015-03-02"  # a value: it must never appear in what is listed


@given(st.dictionaries(st.sampled_from(FIELDS), st.tuples(st.sampled_from(["high", "medium", "low"]), VIA)),
       st.sets(st.sampled_from(FIELDS)), st.booleans())
def test_low_confidence_fields_are_listed_by_name_once_after_missing_ones(
        read: dict[str, tuple[str, str]], missing: set[str], open_case: bool) -> None:
    provenance = {f"referral.{f}": {"source": f"attachment '{SECRET}.docx' (Word), table cell", "label": SECRET,
                                    "via": via, "confidence": sure} for f, (sure, via) in read.items()}
    provenance["agency_return.agency"] = {"source": "x", "label": None, "via": "signature", "confidence": "low"}
    parsed = {"missing": [f"referral.{m}" for m in sorted(missing)], "provenance": provenance}
    got = fields_to_check(parsed, None, open_case)
    names = [g["field"] for g in got]
    low = {f for f, (sure, _) in read.items() if sure == "low"}
    assert len(names) == len(set(names)) and set(names) == missing | low
    assert set(low_confidence(parsed)) == low  # a return's field is never a referral's to check
    for g in got:
        assert SECRET not in str(g)
        assert g["why"] == NOT_READ if g["field"] in missing else g["why"].startswith("read with low confidence")
        assert g["why"] != WARNED
        assert g["correctable"] is (open_case and g["field"] in CORRECTABLE)
