"""The fields to check (bot/domain/tocheck.py): the low-confidence ones join the missing and warned ones, by name
only, once each, and only a referral's fields."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.charset_check import NAME_REASON, REASON, charset_fields
from bot.domain.commands import CORRECTABLE
from bot.domain.effects import MailIntent
from bot.domain.referral import plan_referral
from bot.domain.tocheck import NOT_READ, WARNED, fields_to_check, low_confidence
from bot.settings import load_settings
from bot.workdays import WorkCalendar
from parsers import parse_message
from parsers.records import ParseResult

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


# --- a name another code page reads differently (stranger round 16, break 5) --------------------------------

_FORM = """CSPR REFERRAL FORM
Name of referrer: Sam Example
Agency: Children's Social Care
Email: sam.example@csc.example.gov.uk
Date of referral: 01/12/2026

Name of child: {child}
Date of birth: 14/03/2019
Home address: 1 Nowhere Lane, Exampletown, ZZ1 1ZZ
Parent/carer: {carer}
Date of incident: 30/11/2026
Has the child been seriously harmed? Yes
Is abuse or neglect known or suspected? Suspected

Summary: The child was brought to hospital with a head injury.
"""


def _mislabelled(child: str, carer: str, charset: str) -> bytes:
    """A referral written in a Central-European code page, sent labelled UTF-8 (what a misconfigured client does)."""
    head = ("From: Sam Example <sam.example@csc.example.gov.uk>\r\nTo: csprbot@nsscp.example.gov.uk\r\n"
            "Subject: CSPR referral\r\nMessage-ID: <cs16@csc.example.gov.uk>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
    return head.encode() + _FORM.format(child=child, carer=carer).encode(charset)


@pytest.mark.parametrize(("child", "carer", "charset"), [
    ("Ondřej Černý", "Jana Černá (mother)", "cp1250"),
    ("Zdeňka Čapková", "Jo Fictional (mother)", "cp1250"),
    ("Ľubomír Ťažký", "Jo Fictional (mother)", "iso-8859-2"),
])
def test_a_name_another_code_page_reads_differently_is_listed_to_check_by_name_only(
        child: str, carer: str, charset: str) -> None:
    parsed = parse_message(_mislabelled(child, carer, charset))
    assert parsed.referral is not None
    form = parsed.referral.model_dump(mode="json")
    assert form["child"]["name"] != child  # the residual: the code page read is not the one written
    got = {g["field"]: g["why"] for g in fields_to_check(parsed.to_json_dict(), form, True)}
    assert got["child.name"] == NAME_REASON
    # The carer too when it has such letters; never a field whose letters read alike (address, dates).
    assert ("child.carer" in got) is (not carer.isascii())
    assert not {"child.home_address", "child.date_of_birth", "referrer.name"} & set(got)
    for value in (child, form["child"]["name"], *carer.split()):
        assert value not in str(got)
    # The triage mail's line: field name and reason, never the value.
    ctx = _triage(parsed)
    assert f"child.name: {NAME_REASON}" in ctx["charset_check"]
    assert form["child"]["name"] not in str(ctx["charset_check"])


def test_a_form_read_alike_by_every_code_page_lists_nothing_for_its_charset() -> None:
    parsed = parse_message(_mislabelled("Amélie Jürgens", "Jo Fictional (mother)", "cp1252"))
    assert parsed.referral is not None and parsed.referral.child.name == "Amélie Jürgens"
    got = fields_to_check(parsed.to_json_dict(), parsed.referral.model_dump(mode="json"), True)
    assert not [g for g in got if g["why"] in (NAME_REASON, REASON)]


def test_a_corrected_name_or_a_case_without_a_form_is_judged_from_the_warning() -> None:
    warning = ("text labelled utf-8 was not utf-8: read as windows-1252 (guessed); windows-1250 reads its accented "
               "letters differently, as plausibly; check names against the original")
    # Corrected since to letters Windows-1252 has not: not what was read, nothing to check.
    assert charset_fields([warning], {"child": {"name": "Ondřej Černý"}}) == {}
    assert charset_fields([warning], {"child": {"name": "Ondøej Èerný"}}) == {"child.name": NAME_REASON}
    assert charset_fields([warning], None) == {"child.name": NAME_REASON}
    assert charset_fields([warning.replace("; windows-1250 reads its accented letters differently, as plausibly",
                                           "")], None) == {}


def _triage(parsed: ParseResult) -> dict[str, Any]:
    plan = plan_referral(parsed, "sam.example@csc.example.gov.uk", datetime(2026, 12, 1, 10, tzinfo=UTC),
                         load_settings(None, env={}), WorkCalendar())
    triage = [m for m in plan.effects if isinstance(m, MailIntent) and m.kind == "triage"]
    assert len(triage) == 1, "the co-ordinator is told"
    return triage[0].context
