"""Plain-text referrals typed by hand: family members one a line whose parts name their column ("Name - Mother -
DOB: 2/3/1990 - Address: ... - Ethnicity: ..."), an answer of "Not known" placing nothing; agencies one a line
parted by spaced slashes ("School / Worker / phone / still open"); a form that calls the child "young person"
(parse23a: line_records._PART_LABEL, _ETHNICITY_LAST, the slash cells in _columns; fields._whole_line keeping the
fuller reading; fields._as_child). Layouts of this file's own, generated."""

from __future__ import annotations

from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message

PEOPLE = [("Gwenllian Achterberg", "Mother", "14/02/1991", "2000-02-14"),
          ("Tobiah Ferreira-Lund", "Father", "03/09/1988", "1988-09-03"),
          ("Marisol Achterberg", "Grandmother", "21/06/1962", "1962-06-21")]
ADDRESSES = ["12 Orchard Mews, Banwell, BS29 6DQ", "Flat 3, 8 Quarry Road, Nailsea, BS48 1TE",
             "77 Mill Leaze, Yatton, BS49 4QA"]
ETHNICITIES = ["White British", "Mixed White and Black African", "Any other White background"]
AGENCIES = [("Banwell Primary School", "Petra Oyelaran", "01632 960712", "closed", False),
            ("Sirona care & health", "Ifor Baptiste", "ifor.baptiste@sirona-cic.org.uk", "still open", True),
            ("Avon and Wiltshire Mental Health Partnership", "Nell Kowalczyk", "07700 900418", "open", True)]


def _mail(lines: list[str]) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Dara Whitcombe <dara.whitcombe@avonandsomerset.police.uk>"
    msg["To"] = "cspr.referrals@n-somerset.gov.uk"
    msg["Subject"] = "Referral - rapid review"
    msg["Date"] = "Mon, 07 Dec 2026 11:02:00 +0000"
    msg.set_content("\n".join(lines))
    return msg.as_bytes()


def _head(child_word: str) -> list[str]:
    possessive = f"{child_word}'s"
    return ["Referral to the rapid review sub-group", "", "Name of person referring: Dara Whitcombe",
            "Agency: Avon and Somerset Police", "Date: 07/12/2026", "",
            f"Name of {child_word}: Oisin Achterberg", f"{possessive.capitalize()} DOB: 05/05/2018",
            f"{possessive.capitalize()} address: 12 Orchard Mews, Banwell, BS29 6DQ",
            f"Has the {child_word} died: No", f"Has the {child_word} been seriously harmed: Yes",
            "Is abuse or neglect known or suspected: suspected", ""]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from([" - ", " – ", ", "]), st.lists(st.booleans(), min_size=3, max_size=3),
       st.lists(st.booleans(), min_size=3, max_size=3), st.sampled_from(["DOB", "Date of birth"]),
       st.sampled_from(["Address", "Home address"]))
def test_family_lines_whose_parts_name_their_column(sep: str, dob_known: list[bool], eth_known: list[bool],
                                                     dob_label: str, address_label: str) -> None:
    lines = [*_head("child"), "Family members:"]
    for k, (name, rel, dob, _) in enumerate(PEOPLE):
        lines.append("  " + sep.join([name, rel, f"{dob_label}: {dob if dob_known[k] else 'Not known'}",
                                      f"{address_label}: {ADDRESSES[k]}",
                                      f"Ethnicity: {ETHNICITIES[k] if eth_known[k] else 'Not known'}"]))
    lines += ["", "Regards,", "Dara Whitcombe"]
    result = parse_message(_mail(lines))
    assert result.referral is not None
    family = {m.name: m for m in result.referral.family}
    assert len(family) == 3
    for k, (name, rel, dob, _) in enumerate(PEOPLE):
        member = family[name]
        assert member.relationship == rel
        assert member.address == ADDRESSES[k]  # never runs on into the ethnicity
        assert member.ethnicity == (ETHNICITIES[k] if eth_known[k] else None)
        day, month, year = dob.split("/")
        assert member.date_of_birth == (f"{year}-{month}-{day}" if dob_known[k] else None)


@settings(max_examples=20, deadline=None)
@given(st.permutations(AGENCIES), st.booleans())
def test_agency_lines_parted_by_spaced_slashes(agencies: list[tuple[str, str, str, str, bool]], indent: bool) -> None:
    lines = [*_head("child"), "Other agencies involved:"]
    lines += [("  " if indent else "") + " / ".join([a, n, c, s]) for a, n, c, s, _ in agencies]
    lines += ["", "Regards,", "Dara Whitcombe"]
    result = parse_message(_mail(lines))
    assert result.referral is not None
    got = [(a.agency, a.name, a.contact, a.still_involved) for a in result.referral.other_agencies]
    assert got == [(a, n, c, still) for a, n, c, _, still in agencies]


@given(st.sampled_from(["young person", "child or young person", "CYP"]))
@settings(max_examples=6, deadline=None)
def test_a_form_calling_the_child_a_young_person(word: str) -> None:
    result = parse_message(_mail([*_head(word), "Regards,", "Dara Whitcombe"]))
    assert result.referral is not None
    child = result.referral.child
    assert (child.name, child.date_of_birth, child.home_address) == (
        "Oisin Achterberg", "2018-05-05", "12 Orchard Mews, Banwell, BS29 6DQ")
    assert (result.referral.criteria.child_died, result.referral.criteria.seriously_harmed) == (False, True)
