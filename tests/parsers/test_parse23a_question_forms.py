"""Plain-text forms typed as questions: every line "Label? answer", the lists under a heading that is itself a
question ("Family?", "Other agencies?", "List the child's family members (name, ...)"), a label that says in
brackets it asks about the child ("Patient (child)?", "DOB (child):"), list parts answered "not known", a process
and its status parted by a semicolon, a surname that begins "Dob" or "Born" (never a date of birth) (parse23a:
labels.HEADINGS, fields._as_child, line_records). Layouts of this file's own, generated."""

from __future__ import annotations

from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.line_records import read_line


def _mail(lines: list[str]) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Ffion Akinyemi <ffion.akinyemi@nhs.net>"
    msg["To"] = "cspr.referrals@n-somerset.gov.uk"
    msg["Subject"] = "Referral"
    msg["Date"] = "Tue, 08 Dec 2026 08:40:00 +0000"
    msg.set_content("\n".join(lines))
    return msg.as_bytes()


SURNAMES = ["Dobrowolska", "Bornholt", "Dobson-Reyes"]


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["Patient (child)?", "Name (child)?", "Pupil (the child)?"]),
       st.sampled_from(["Family?", "Family members?", "List the child's family members (name, relationship):"]),
       st.sampled_from(["Other agencies?", "Other agencies involved?"]), st.sampled_from(SURNAMES),
       st.sampled_from(["  ", "    ", ""]))
def test_a_form_of_questions_with_its_lists_under_question_headings(child_label: str, family: str, agencies: str,
                                                                    surname: str, indent: str) -> None:
    lines = ["Referrer? Ffion Akinyemi", "Role? Named Nurse", "Email? ffion.akinyemi@nhs.net", "Date? 08/12/2026", "",
             f"{child_label} Elowen {surname}", "DOB? 11/08/2021", "Address? 4 Ferry Lane, Pill, BS20 0HQ",
             "Died? No", "Seriously harmed? Yes", "Summary? Elowen was admitted with a head injury after a fall.", "",
             family,
             f"{indent}Mother: Rhiannon {surname}, 02/02/1995, 4 Ferry Lane, Pill, BS20 0HQ, White Welsh",
             f"{indent}Father: Kit {surname}, 30/06/1990, address not known, White British", "",
             agencies,
             f"{indent}Pill Surgery: Dr Mabli Roberts (01632 960114) - still involved", "",
             "Other processes?", f"{indent}Police investigation: ongoing", "", "--", "Ffion Akinyemi"]
    result = parse_message(_mail(lines))
    assert result.referral is not None
    ref = result.referral
    assert (ref.child.name, ref.child.date_of_birth) == (f"Elowen {surname}", "2021-08-11")
    assert ref.summary == "Elowen was admitted with a head injury after a fall."  # the lists are not in it
    got = {(m.name, m.relationship, m.date_of_birth, m.address) for m in ref.family}
    assert got == {(f"Rhiannon {surname}", "Mother", "1995-02-02", "4 Ferry Lane, Pill, BS20 0HQ"),
                   (f"Kit {surname}", "Father", "1990-06-30", None)}
    assert [(p.process, p.status) for p in ref.other_processes] == [("Police investigation", "ongoing")]


@given(st.sampled_from(SURNAMES), st.sampled_from(["; ", " - "]))
@settings(max_examples=12, deadline=None)
def test_list_parts_answered_not_known_and_names_that_begin_like_a_date_of_birth(surname: str, sep: str) -> None:
    line = sep.join([f"Tadeusz {surname}", "Step-father", "not known", "51 Celandine Close, Churchill, BS25 7SS",
                     "Roma"])
    rec = read_line("family", line)
    assert rec is not None
    assert (rec["name"], rec["date_of_birth"], rec["address"]) == (
        f"Tadeusz {surname}", None, "51 Celandine Close, Churchill, BS25 7SS")
    assert read_line("processes", "Criminal investigation; suspect on police bail") == {
        "process": "Criminal investigation", "status": "suspect on police bail"}
