"""The name/role contract (parse23b): a person's `name` is the name as written (a leading title or rank may stay);
a role, job title or organisation written after it is never part of it: it is the role (or agency) when it reads
as one, and is dropped otherwise. The scorer takes a leading honorific or rank as optional on person names."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.person_name import forename_first, name_only, name_parts

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from accuracy import compare, same_value, wrong_person

FIRST = st.sampled_from(["Nerys", "Tomasz", "Ștefan", "Abimbola", "Siân", "Grace", "Callum"])
LAST = st.sampled_from(["Penwarden", "Okafor-Price", "Lindqvist", "Trethewey", "Ní Bhriain", "Ashby"])
TITLE = st.sampled_from(["", "Dr ", "Mrs ", "DS ", "Cllr "])
ROLE = st.sampled_from(["Designated Safeguarding Lead", "Health Visitor", "Head of Safeguarding",
                        "Youth Justice Officer", "Headteacher", "Named Nurse for Safeguarding Children"])
AGENCY = st.sampled_from(["Avon and Somerset Police", "Weston General Hospital", "Clevedon School",
                          "North Somerset Council"])


def _mail(body: str, subject: str = "Referral") -> bytes:
    return ("From: Someone <someone@example.org>\nTo: cspr@example.gov.uk\n"
            f"Subject: {subject}\nDate: Fri, 04 Dec 2026 10:00:00 +0000\n"
            "Content-Type: text/plain; charset=utf-8\n\n" + body).encode()


@settings(max_examples=25, deadline=None)
@given(TITLE, FIRST, LAST, ROLE, st.sampled_from([", {}", " ({})", " - {}"]))
def test_a_role_after_a_name_is_the_role_never_the_name(title: str, first: str, last: str, role: str,
                                                       shape: str) -> None:
    name = f"{title}{first} {last}"
    parts = name_parts(name + shape.format(role))
    assert parts is not None
    assert (parts.name, parts.role, parts.agency) == (name, role, None)
    assert name_only(name + shape.format(role)) == name


@settings(max_examples=15, deadline=None)
@given(TITLE, FIRST, LAST, AGENCY)
def test_an_organisation_after_a_name_is_the_agency(title: str, first: str, last: str, agency: str) -> None:
    parts = name_parts(f"{title}{first} {last}, {agency}")
    assert parts is not None and (parts.name, parts.role, parts.agency) == (f"{title}{first} {last}", None, agency)


def test_a_surname_first_or_a_name_alone_is_left_as_written() -> None:
    assert name_parts("Holt, Mark") is None
    assert name_parts("Mark Holt") is None
    assert name_only("Dr Fiona Greaves") == "Dr Fiona Greaves"


@settings(max_examples=10, deadline=None)
@given(FIRST, LAST, ROLE, FIRST, LAST)
def test_a_sign_off_gives_the_person_and_an_author_line_its_parts(first: str, last: str, role: str, first2: str,
                                                                   last2: str) -> None:
    author, manager = f"{first} {last}", f"{first2} {last2}"
    body = ("Hello,\n\nAgency return for the case.\n\nAgency: Weston College\n"
            f"Completed by: {author} (Youth Justice Officer), {first.lower()}@weston.ac.uk, 01632 960393\n"
            "Were we involved? Yes\nSummary: Two pastoral meetings with the mother in October.\n"
            f"Signed off by: {manager}, {role}\nDate completed: 4 December 2026\n")
    result = parse_message(_mail(body, "RE: NS-CSPR-2026-731 agency return request"))
    assert result.agency_return is not None
    got = result.agency_return
    assert got.signed_off_by == manager
    assert (got.author.name, got.author.role) == (author, "Youth Justice Officer")
    assert (got.author.email, got.author.phone) == (f"{first.lower()}@weston.ac.uk", "01632 960393")


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(["PC ", "DC ", ""]), FIRST, LAST, AGENCY)
def test_a_referrer_line_with_the_organisation_after_the_name(rank: str, first: str, last: str,
                                                               agency: str) -> None:
    body = (f"Hi,\n\nReferrer - {rank}{first} {last}, {agency}\nEmail - {first.lower()}@example.org\n"
            "Child - Mia Sandoval\nDOB - 03/04/2016\nDate of incident - 01/03/2026\n"
            "Summary - Mia was found near the water.\n\nThanks\n")
    referrer = parse_message(_mail(body)).to_json_dict()["referral"]["referrer"]
    assert (referrer["name"], referrer["agency"]) == (f"{rank}{first} {last}", agency)


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["Dr", "Mrs", "DS", "PC", "Sgt", "Insp", "Cllr", "Prof", "Rev", "Nurse", "Mx", "Dr."]),
       FIRST, LAST)
def test_the_scorer_takes_a_leading_title_as_optional_both_ways(title: str, first: str, last: str) -> None:
    bare, titled = f"{first} {last}", f"{title} {first} {last}"
    for path in ("referral.referrer.name", "agency_return.author.name", "referral.family[2].name",
                 "agency_return.signed_off_by"):
        assert same_value(path, bare, titled) and same_value(path, titled, bare)
        assert not same_value(path, bare, f"{bare}, Head of Safeguarding")
    assert not same_value("referral.referrer.role", "Senior", "Dr Senior")  # a name field only
    expected = {"kind": "referral", "referral": {"referrer": {"name": bare}, "child": {"name": "Ann Lee"}}}
    actual = {"kind": "referral", "referral": {"referrer": {"name": titled}, "child": {"name": None}}}
    assert [d[0] for d in compare(expected, actual, sparse=True)] == ["referral.child.name"]
    # the referrer's name read, with a title, as the child's: still the wrong person
    swapped = {"kind": "referral", "referral": {"referrer": {"name": None}, "child": {"name": titled}}}
    expected2 = {"kind": "referral", "referral": {"referrer": {"name": bare}, "child": {"name": "Ann Lee"}}}
    assert [p for p, _, _ in wrong_person(expected2, compare(expected2, swapped, sparse=True))] == [
        "referral.child.name"]


def test_a_case_systems_surname_in_capitals_first_is_put_after_the_forename() -> None:
    assert forename_first("QUARRIE, Zofia") == "Zofia QUARRIE"
    assert forename_first("VAUGHAN-JONES, Jarrah") == "Jarrah VAUGHAN-JONES"
    assert forename_first("Hill, Jane") == "Hill, Jane"  # which is the surname cannot be told
    assert forename_first("Jane HILL") == "Jane HILL"


@settings(max_examples=10, deadline=None)
@given(FIRST, LAST, AGENCY, st.sampled_from([("still involved", True), ("no longer involved", False)]))
def test_an_agency_in_brackets_after_its_worker_is_the_agency_and_the_state_after_it_the_state(
        first: str, last: str, agency: str, state: tuple[str, bool]) -> None:
    body = ("Please find our rapid review referral below.\n\nReferrer: Carys Penrose\nRole: School Nurse\n"
            "Email: carys.penrose@nhs.net\n\nChild's name: Tegan Rowe\nDate of birth: 03/04/2016\n"
            "Address: 4 Mill Lane, BS22 6AB\nDate of incident: 01/11/2026\nSeriously harmed: Yes\n\n"
            "Summary: Tegan was found at home with bruising.\n\nOther agencies:\n"
            f"  - {first} {last} ({agency}), 07700 900412: {state[0]}\n"
            "  - Ann Lee (Clevedon School), ann.lee@clevedon.sch.uk: still involved\n\nThanks\n")
    items = parse_message(_mail(body, "CSPR rapid review referral")).to_json_dict()["referral"]["other_agencies"]
    mine = [a for a in items if a["contact"] == "07700 900412"]
    assert mine == [{"name": f"{first} {last}", "agency": agency, "contact": "07700 900412",
                     "still_involved": state[1]}]
