"""Issue #12: a referral is read as one without a form or with an unreadable one; a one-line "Referred by" goes to
the referrer, never the child's name; the form status is in the parse output."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

import docx_forms
import hostile
from cases import referral as case
from mail import DOCX, message, to_bytes

from parsers import parse_message

FIRST = st.sampled_from(["Leo", "Amara", "Tyler", "Maisie", "Kacper", "Ruby", "Idris", "Freya"])
LAST = st.sampled_from(["Marsh", "Okonkwo-Reid", "Lewis", "Nowak", "Bennett", "Ashworth", "O'Neill"])
TITLE = st.sampled_from(["DS", "Dr", "PC", "", "Mrs"])
ROLE = st.sampled_from(["Detective Sergeant", "Named Nurse for Safeguarding", "Designated Safeguarding Lead",
                        "Social Work Team Manager", "Consultant Paediatrician"])
AGENCY = st.sampled_from(["Avon and Somerset Police", "Somerset NHS Foundation Trust", "St Mary's Primary School",
                          "North Somerset Council Children's Services", "Royal United Hospital"])


@settings(max_examples=25, deadline=None)
@given(FIRST, LAST, FIRST, LAST, TITLE, ROLE, AGENCY, st.booleans())
def test_one_line_referred_by_is_the_referrer_and_the_name_line_the_child(
    cf: str, cl: str, rf: str, rl: str, title: str, role: str, agency: str, phone: bool
) -> None:
    child, person = f"{cf} {cl}", f"{title} {rf} {rl}".strip()
    email = f"{rf.lower()}.{rl.lower().replace(chr(39), '')}@example.gov.uk"
    tail = ", 01275 555 818" if phone else ""
    body = (f"CHILD SAFEGUARDING PRACTICE REVIEW REFERRAL\nName: {child}\nDate of birth: 04/05/2019\n"
            f"Address: 12 Quarry Lane, Weston-super-Mare BS23 4QT\nDate of incident: 28/01/2026\n"
            f"Referred by: {person}, {role}, {agency}, {email}{tail}\n\n"
            "Abuse or neglect: [ ] Known [X] Suspected\nSummary of incident:\nAdmitted with a fractured femur.\n")
    out = parse_message(to_bytes(message("Team <team@example.gov.uk>", "CSPR referral", body))).to_json_dict()
    ref = out["referral"]
    assert out["kind"] == "referral" and out["form"] == "read"
    assert ref["child"]["name"] == child
    assert ref["referrer"]["name"] == person
    assert (ref["referrer"]["role"], ref["referrer"]["agency"], ref["referrer"]["email"]) == (role, agency, email)
    assert ref["referrer"]["phone"] == ("01275 555 818" if phone else None)
    assert ref["criteria"]["abuse_or_neglect"] == "suspected"


OPENING = st.sampled_from([
    "I have not used the referral form as I am on leave from tomorrow, but I want this to reach you today.",
    "Apologies for not using the form, I could not find it on the website.",
    "Sending this by email as the form will not open on my laptop.",
])
EVENT = st.sampled_from([
    "{c}, aged 4, was admitted to PICU on 2 February with a skull fracture; non-accidental injury is suspected.",
    "Baby {c} died unexpectedly at home on Sunday; there were previous concerns about neglect.",
    "{c} (DOB 03/09/2012) was seriously injured in a stabbing on Friday and remains in intensive care.",
])
ASK = st.sampled_from([
    "Please could the partnership consider whether this meets the criteria for a rapid review.",
    "I would like this considered for a child safeguarding practice review.",
    "I think this needs a rapid review.",
])


@settings(max_examples=20, deadline=None)
@given(OPENING, EVENT, ASK, FIRST, LAST, st.sampled_from(["Possible CSPR", "Serious incident", "Referral", "Urgent"]))
def test_a_referral_written_as_a_plain_email_is_a_referral_without_a_form(
    opening: str, event: str, ask: str, first: str, last: str, subject: str
) -> None:
    body = (f"Dear CSPR team,\n\n{opening}\n\n{event.format(c=f'{first} {last}')}\n\n{ask}\n\n"
            "Kind regards\n\nPriya Shah\nNamed Nurse for Safeguarding Children\nTel: 01823 555 010\n")
    raw = to_bytes(message("Priya Shah <priya.shah@somerset.nhs.uk>", subject, body))
    out = parse_message(raw).to_json_dict()
    assert out["kind"] == "referral"
    assert out["form"] == "missing"
    assert any(w.startswith("form_missing:") for w in out["warnings"])
    assert out["referral"]["referrer"]["email"] == "priya.shah@somerset.nhs.uk"
    assert out["referral"]["referrer"]["name"] == "Priya Shah"
    # a name is never guessed from prose; it is read only where the letter anchors it to the child with a date of
    # birth beside it ("Amy Marsh (DOB 03/09/2012) was ..."; parse18b), and flagged for checking
    anchored = "(DOB" in event
    assert out["referral"]["child"]["name"] == (f"{first} {last}" if anchored else None)
    assert any(w.startswith("child_named_in_letter:") for w in out["warnings"]) is anchored


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(["encrypted", "legacy", "jpeg"]),
       st.sampled_from(["Referral", "CSPR referral - please see attached", "Rapid review notification"]),
       st.sampled_from(["Please see attached.", "Form attached, password to follow by phone.", ""]))
def test_a_referral_whose_form_cannot_be_read_is_a_referral(what: str, subject: str, body: str) -> None:
    data, name, ctype = {
        "encrypted": (hostile.encrypted_docx(docx_forms.ns_appendix2(case(0), "glyph")), "referral.docx", DOCX),
        "legacy": (hostile.legacy_doc(), "CSPR referral.doc", "application/msword"),
        "jpeg": (hostile.tiny_jpeg(), "scan.jpg", "image/jpeg"),
    }[what]
    raw = to_bytes(message("Jo Reed <jo.reed@school.sch.uk>", subject, body, attachments=[(name, data, ctype)]))
    out = parse_message(raw).to_json_dict()
    assert out["kind"] == "referral" and out["form"] == "unreadable"
    assert any(w.startswith("attachment_unreadable:") and name in w for w in out["warnings"])
    assert out["referral"]["referrer"]["email"] == "jo.reed@school.sch.uk"


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(["Training dates for March", "Minutes of the subgroup", "Newsletter"]),
       st.sampled_from(["Please find the training dates attached.", "Minutes attached, thanks all.",
                        "Our spring newsletter is attached: updates on the learning from reviews."]))
def test_what_cannot_be_a_referral_is_not_one(subject: str, body: str) -> None:
    raw = to_bytes(message("admin@example.gov.uk", subject, body,
                           attachments=[("notes.doc", hostile.legacy_doc(), "application/msword")]))
    out = parse_message(raw).to_json_dict()
    assert out["kind"] == "unknown" and out["form"] is None


def test_a_front_door_concern_without_review_wording_is_not_a_provisional_referral() -> None:
    body = ("Referral to children's social care: I am worried about a child who has a fracture and bruising. "
            "Please see attached MASH referral form.\n")
    raw = to_bytes(message("gp@surgery.nhs.uk", "MASH referral", body,
                           attachments=[("marf.doc", hostile.legacy_doc(), "application/msword")]))
    assert parse_message(raw).to_json_dict()["kind"] == "unknown"


@settings(max_examples=15, deadline=None)
@given(FIRST, LAST, st.sampled_from(["Okonkwo", "Smith", "Ashby"]), st.sampled_from(["Reid", "Jones", "Dale"]),
       st.sampled_from(["-\n", "- ", "-  "]))
def test_a_name_broken_at_its_hyphen_is_joined(first: str, last: str, a: str, b: str, brk: str) -> None:
    body = (f"CSPR referral\nName of child: {first} {a}{brk}{b}\nDate of birth: 01/02/2020\n"
            f"Name of referrer: Jo Reed\nEmail: jo.reed@school.sch.uk\nAbuse or neglect: Suspected\n")
    out = parse_message(to_bytes(message("jo.reed@school.sch.uk", "CSPR referral", body))).to_json_dict()
    assert out["referral"]["child"]["name"] == f"{first} {a}-{b}"


REL = st.sampled_from(["Mother", "Father", "Aunt (kinship carer)", "Mother's partner", "Brother"])


ADDRESS = st.sampled_from(["3 Lodge Lane, Beeston, Leeds", "Flat 9, Harbour View, Exmouth"])


@settings(max_examples=25, deadline=None)
@given(REL, FIRST, LAST, st.dates(date(1950, 1, 1), date(2025, 12, 31)), ADDRESS,
       st.sampled_from(["White British", "Black Caribbean", "Pakistani"]), st.booleans())
def test_a_family_member_written_as_a_line_of_prose(rel: str, first: str, last: str, born: object, address: str,
                                                     eth: str, rel_first: bool) -> None:
    from parsers.line_records import read_line

    assume(rel_first or "(" not in rel)  # "(Aunt (kinship carer))" is not how anyone writes it
    dob = born.strftime("%d/%m/%Y")  # type: ignore[attr-defined]
    line = (f"{rel} - {first} {last} (DOB {dob}), {address}, {eth}" if rel_first
            else f"{first} {last} ({rel}), DOB {dob}, {address}, {eth}")
    assert read_line("family", line) == {"name": f"{first} {last}", "relationship": rel,
                                         "date_of_birth": born.isoformat(),  # type: ignore[attr-defined]
                                         "address": address, "ethnicity": eth}


@settings(max_examples=25, deadline=None)
@given(FIRST, LAST, AGENCY, st.sampled_from(["01392 225 000", "0161 226 3620"]),
       st.sampled_from([("current", True), ("no longer involved", False), ("closed", False)]), st.booleans())
def test_an_agency_written_as_a_line_either_way_round(first: str, last: str, agency: str, phone: str,
                                                      involved: tuple[str, bool], agency_first: bool) -> None:
    from parsers.line_records import read_line

    person = f"{first} {last}"
    line = (f"{agency} - {person} - {phone} - {involved[0]}" if agency_first
            else f"{person}, {agency}, {phone}, {involved[0]}")
    assert read_line("agencies", line) == {"name": person, "agency": agency, "contact": phone,
                                           "still_involved": involved[1]}


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["SECTION 4 - ANY OTHER INFORMATION", "FURTHER DETAILS", "Current situation:",
                        "5. Next steps", "Part C Other information"]))
def test_a_summary_stops_at_a_heading_the_lexicon_does_not_know(heading: str) -> None:
    body = ("CSPR referral form\nName of child: Leo Marsh\nDate of birth: 04/05/2019\nSummary of incident:\n"
            "Leo was brought to hospital with a fractured femur.\nExplanations are inconsistent.\n"
            f"{heading}\nPolice investigation ongoing.\n")
    out = parse_message(to_bytes(message("Mark Holt <mark.holt@x.police.uk>", "CSPR referral", body))).to_json_dict()
    assert out["referral"]["summary"] == ("Leo was brought to hospital with a fractured femur.\n"
                                          "Explanations are inconsistent.")


@settings(max_examples=15, deadline=None)
@given(FIRST, LAST, ROLE, AGENCY)
def test_a_nil_return_names_its_agency_in_the_signature(first: str, last: str, role: str, agency: str) -> None:
    body = (f"Hello,\n\nNil return from us - not known to our service.\n\nKind regards\n\n{first} {last}\n{role}\n"
            f"{agency}\nTel: 01934 555 010\n")
    raw = to_bytes(message(f"{first} {last} <x@example.org>", "RE: NS-CSPR-2026-004 request for information", body))
    out = parse_message(raw).to_json_dict()
    assert out["kind"] == "agency_return"
    assert out["agency_return"]["agency"] == agency


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["[X]", "[x]", "(X)", "☒"]), st.sampled_from(["[ ]", "( )", "☐"]), st.booleans(), st.booleans())
def test_options_one_a_line_under_their_question(on: str, off: str, suspected: bool, died: bool) -> None:
    body = ("CSPR referral form\nName of child: Leo Marsh\nDate of birth: 04/05/2019\n"
            f"Has the child died?\n{on if died else off} Yes\n{off if died else on} No\n"
            f"Abuse or neglect:\n{off if suspected else on} Known\n{on if suspected else off} Suspected\n")
    out = parse_message(to_bytes(message("Mark Holt <mark.holt@x.police.uk>", "CSPR referral", body))).to_json_dict()
    criteria = out["referral"]["criteria"]
    assert criteria["abuse_or_neglect"] == ("suspected" if suspected else "known")
    assert criteria["child_died"] is died


@settings(max_examples=10, deadline=None)
@given(st.integers(1990, 2030))
def test_a_narrative_wrapped_before_a_year_is_one_line(year: int) -> None:
    body = ("CSPR referral form\nName of child: Leo Marsh\nDate of birth: 04/05/2019\nSummary of incident:\n"
            f"Baby born 10 January\n{year}. Attended ED with a bruise to the cheek.\n")
    out = parse_message(to_bytes(message("Mark Holt <mark.holt@x.police.uk>", "CSPR referral", body))).to_json_dict()
    assert out["referral"]["summary"] == f"Baby born 10 January {year}. Attended ED with a bruise to the cheek."


@given(st.sampled_from(["Click or tap to enter a date.", "Click or tap here to enter text.", "Enter text here",
                        "Type here", "Click here to enter a date."]))
def test_word_content_control_placeholders_are_no_value(placeholder: str) -> None:
    from parsers.normalise import value_or_none

    assert value_or_none(placeholder) is None
    assert value_or_none(f"{placeholder[:4]} Reed") is not None


@settings(max_examples=10, deadline=None)
@given(FIRST, LAST, st.sampled_from(["Surname", "Last name", "Family name"]),
       st.sampled_from(["Forename(s)", "First name", "Forenames"]))
def test_family_tables_with_split_name_columns(first: str, last: str, sur: str, fore: str) -> None:
    html = ("<p>CSPR referral</p><table border=1><tr><td>Name of child</td><td>Leo Marsh</td></tr>"
            "<tr><td>Date of birth</td><td>04/05/2019</td></tr></table><p>Family and significant others</p>"
            f"<table border=1><tr><th>{sur}</th><th>{fore}</th><th>Relationship to child</th><th>D.O.B.</th></tr>"
            f"<tr><td>{last}</td><td>{first}</td><td>Mother</td><td>01/02/1995</td></tr></table>"
            "<table border=1><tr><th>Agency</th><th>Worker</th><th>Telephone</th><th>Email</th></tr>"
            "<tr><td>Kent Police</td><td>DC Amy Lee</td><td>01622 555 111</td><td>amy.lee@kent.police.uk</td></tr>"
            "</table>")
    out = parse_message(to_bytes(message("Mark Holt <mark.holt@x.police.uk>", "CSPR referral", None,
                                         html=html))).to_json_dict()
    assert out["referral"]["family"][0]["name"] == f"{first} {last}"
    assert out["referral"]["other_agencies"][0]["contact"] == "01622 555 111, amy.lee@kent.police.uk"


@given(st.sampled_from(["Yes / No", "Yes/No", "Y/N", "YES / NO"]),
       st.sampled_from(["", " (delete as appropriate)", " (please delete)"]), st.booleans())
def test_a_printed_yes_no_prompt_is_not_the_answer(prompt: str, note: str, answer: bool) -> None:
    from parsers.ticks import yes_no

    assert yes_no(f"{prompt}{note}: {'Yes' if answer else 'No'}") is answer
    assert yes_no(f"{prompt}{note}") is None  # nothing deleted: no answer, never "yes"


def test_a_newsletter_about_reviews_is_not_a_referral() -> None:
    body = ("Spring bulletin\n\nLearning from child safeguarding practice reviews: Child T, aged 3, died after "
            "prolonged neglect. The review found that agencies did not share information.\n")
    out = parse_message(to_bytes(message("bulletin@partnership.org.uk", "Spring bulletin", body))).to_json_dict()
    assert out["kind"] == "unknown"


@given(st.sampled_from(["Previous", "Previously", "Formerly", "Has been"]))
def test_a_previous_child_protection_plan(word: str) -> None:
    body = ("CSPR referral form\nName of child: Leo Marsh\nDate of birth: 04/05/2019\n"
            f"Child protection plan: Current ☐ {word} ☒ Never ☐\n")
    out = parse_message(to_bytes(message("jo@x.sch.uk", "CSPR referral", body))).to_json_dict()
    assert out["referral"]["child"]["child_protection_plan"] == "has_been"


@settings(max_examples=10, deadline=None)
@given(FIRST, LAST, st.sampled_from(["BS23 4QT", "Leeds LS11 6AD", "Kent"]))
def test_a_forwarded_typed_form_wrapped_by_the_mail_client(first: str, last: str, tail: str) -> None:
    body = ("-----Original Message-----\nFrom: Jo Reed <jo.reed@school.sch.uk>\nSubject: CSPR referral\n\n"
            "> Name of child: Leo Marsh\n> Date of birth: 04/05/2019\n"
            f"> Home address: 12 Quarry Lane, Weston-super-Mare,\n> {tail}\n> Name of referrer: Jo Reed\n"
            f"> Family: Mother - {first} {last} (DOB 01/02/1995), 12 Quarry Lane\n")
    out = parse_message(to_bytes(message("Hub <hub@council.gov.uk>", "FW: CSPR referral", body))).to_json_dict()
    assert out["referral"]["child"]["home_address"] == f"12 Quarry Lane, Weston-super-Mare, {tail}"
    assert out["referral"]["family"] == [{"name": f"{first} {last}", "relationship": "Mother",
                                          "date_of_birth": "1995-02-01", "address": "12 Quarry Lane",
                                          "ethnicity": None}]


@settings(max_examples=10, deadline=None)
@given(AGENCY, st.sampled_from(["RE: NS-CSPR-2026-004 agency return - {a}",
                                "RE: NS-CSPR-2026-004 - {a} - agency summary",
                                "NS-CSPR-2026-004 information return from {a}"]))
def test_an_agency_named_only_in_the_subject(agency: str, subject: str) -> None:
    body = "Hello,\n\nNil return from us - not known to our service.\n\nThanks\n"
    out = parse_message(to_bytes(message("x@example.org", subject.format(a=agency), body))).to_json_dict()
    assert out["kind"] == "agency_return"
    assert out["agency_return"]["agency"] == agency


def test_html_family_table_with_merged_cells_keeps_each_value_in_its_column() -> None:
    html = ("<p>CSPR referral</p><table border=1><tr><td>Name of child</td><td>Leo Marsh</td></tr>"
            "<tr><td>Date of birth</td><td>04/05/2019</td></tr></table><p>Family and significant others</p>"
            "<table border=1><tr><th>Name</th><th>Relationship</th><th>DOB</th><th>Address</th></tr>"
            "<tr><td>Jade Marsh</td><td>Mother</td><td>01/02/1995</td><td rowspan=2>12 Quarry Lane</td></tr>"
            "<tr><td>Dean Okafor</td><td>Stepfather</td><td>03/04/1990</td></tr>"
            "<tr><td colspan=2>Kim Marsh (grandmother)</td><td>05/06/1960</td><td>4 Hill Road</td></tr></table>")
    out = parse_message(to_bytes(message("jo@x.sch.uk", "CSPR referral", None, html=html))).to_json_dict()
    family = out["referral"]["family"]
    assert [(m["name"], m["relationship"], m["date_of_birth"], m["address"]) for m in family] == [
        ("Jade Marsh", "Mother", "1995-02-01", "12 Quarry Lane"),
        ("Dean Okafor", "Stepfather", "1990-04-03", "12 Quarry Lane"),
        ("Kim Marsh (grandmother)", None, "1960-06-05", "4 Hill Road"),
    ]


def test_word_family_table_with_merged_cells_keeps_each_value_in_its_column() -> None:
    import io

    import docx

    from parsers import parse_document

    doc = docx.Document()
    doc.add_paragraph("Child Safeguarding Practice Review Referral")
    t = doc.add_table(rows=2, cols=2)
    for r, (a, b) in enumerate([("Child's name", "Leo Marsh"), ("Date of birth", "04/05/2019")]):
        t.rows[r].cells[0].text, t.rows[r].cells[1].text = a, b
    doc.add_paragraph("Family and significant others")
    f = doc.add_table(rows=4, cols=4)
    for k, h in enumerate(["Name", "Relationship", "DOB", "Address"]):
        f.rows[0].cells[k].text = h
    for r, vals in enumerate([["Jade Marsh", "Mother", "01/02/1995"], ["Dean Okafor", "Stepfather", "03/04/1990"],
                              ["", "", "05/06/1960", "4 Hill Road"]], 1):
        for k, v in enumerate(vals):
            f.rows[r].cells[k].text = v
    f.cell(1, 3).merge(f.cell(2, 3)).text = "12 Quarry Lane"
    f.cell(3, 0).merge(f.cell(3, 1)).text = "Kim Marsh (grandmother)"
    buf = io.BytesIO()
    doc.save(buf)
    family = parse_document(buf.getvalue(), "f.docx").to_json_dict()["referral"]["family"]  # type: ignore[index]
    last = family[2]  # type: ignore[index]
    assert (last["name"], last["relationship"], last["date_of_birth"], last["address"]) == (
        "Kim Marsh (grandmother)", None, "1960-06-05", "4 Hill Road")
