"""Readings added in the parse15 round (issue #12, precision first): a yes/no question printed with both options
and neither marked ("Yes No", "Y/N") is no answer, not the first option; ...

Each case also checks that a marked or written answer is read as before."""

from __future__ import annotations

import email.policy
import re
import sys
from email.message import EmailMessage
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from pdf_forms import _esc, pdf_file

from parsers import parse_message
from parsers.documents.pdf import read_pdf
from parsers.ticks import yes_no

FIRST = ["Rhiannon", "Ezra", "Siân", "Kwame", "Nia", "Oluwaseun", "Maisie-Rose", "Tomasz"]
LAST = ["Prothero", "Bevan", "Tremayne", "Ní Bhriain", "Olawale", "Ap Rhys", "O'Driscoll"]  # Latin-1: the test PDF font


def _mail(body: str) -> bytes:
    return ("From: Sirona care & health <ffion.bevan@nhs.net>\r\nTo: cspr@n-somerset.gov.uk\r\n"
            "Subject: Serious incident notification\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}").replace("\n", "\r\n").encode()


# --- 1. "Yes No" with no mark at all: no answer (the lead's decision on issue #12)

UNMARKED = ["Yes No", "Yes / No", "YES  NO", "Y/N", "Y / N", "No / Yes", "Yes or No", "yes, no", "Yes/No."]


def test_both_options_unmarked_are_no_answer() -> None:
    for text in UNMARKED:
        assert yes_no(text) is None, text
    # a written, ticked or marked-after answer is still read
    assert yes_no("Yes") is True
    assert yes_no("No - not known to us") is False
    assert yes_no("Yes No ☒") is False
    assert yes_no("☒ Yes ☐ No") is True
    assert yes_no("Yes / No: No") is False
    assert yes_no("Yes - see summary, no further harm") is True


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from(UNMARKED), st.booleans())
def test_unmarked_question_in_a_referral_is_left_empty(first: str, last: str, printed: str, harmed: bool) -> None:
    body = (f"Serious incident notification\n\nChild's full name: {first} {last}\nDate of birth: 04/02/2019\n"
            "Home address: 12 Drove Orchard, Nailsea, BS48 7PN\n\n"
            f"Has the child died? {printed}\n"
            f"Has the child been seriously harmed? {'Yes' if harmed else 'No'}\n"
            "Referrer name: Ffion Bevan\nReferrer role: Health visitor\n")
    result = parse_message(_mail(body))
    assert result.referral is not None
    assert result.referral.child.name == f"{first} {last}"
    assert result.referral.criteria.child_died is None  # never True from the first printed option
    assert "referral.criteria.child_died" not in result.provenance
    assert result.referral.criteria.seriously_harmed is harmed


# --- 2. A sentence-completion PDF answered by striking through the options that do not apply

def _sentence_pdf(lines: list[list[tuple[str, bool]]], stretch: float = 1.0, underline: bool = False) -> bytes:
    """A LibreOffice-like page: each line a list of (run, struck) printed one after another, a struck run with a
    level line drawn through its middle (an underlined run: the line under its baseline instead)."""
    ops: list[bytes] = []
    y = 780.0
    for runs in lines:
        x = 56.0
        for run, struck in runs:
            ops.append(b"BT /F1 11 Tf %.2f %.2f Td (" % (x, y) + _esc(run) + b") Tj ET")
            width = len(run) * 11 * 0.5 * stretch
            if struck:
                lift = -1.5 if underline else 3.1
                ops.append(b"0.7 w n %.2f %.2f m %.2f %.2f l S" % (x, y + lift, x + width, y + lift))
            x += width
        y -= 18
    stream = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents 4 0 R >>",
    ]
    return pdf_file(objects)


def _options(before: str, options: list[str], chosen: int, after: str) -> list[tuple[str, bool]]:
    """"The child is / has been / has never been subject ...", every option but the chosen one struck."""
    runs: list[tuple[str, bool]] = [(before, False)]
    for k, option in enumerate(options):
        if k:
            runs.append((" / ", False))
        runs.append((option, k != chosen))
    runs.append((after, False))
    return [(t, s) for t, s in runs if t]


def _attached(pdf: bytes) -> dict[str, object]:
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = "Clevedon Pier Medical Practice <reception.clevedonpier@nhs.net>"
    msg["To"] = "cspr@n-somerset.gov.uk"
    msg["Subject"] = "Serious incident notification"
    msg.set_content("Attached.")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="notification.pdf")
    return parse_message(msg.as_bytes()).to_json_dict()


def test_struck_option_is_dropped_from_the_text_layer() -> None:
    page = [_options("Abuse or neglect is ", ["known", "suspected"], 1, "."),
            _options("Rhiannon Bevan of Avon Fire and Rescue is ", ["still", "no longer"], 0, " involved.")]
    text = read_pdf(_sentence_pdf(page), "form.pdf").text()
    assert re.search(r"Abuse or neglect is suspected ?\.", text)  # (a run's end is an estimate: a space or not)
    assert "is still involved." in text
    assert "known" not in text and "no longer" not in text
    # an underline is no strike-through: both options stay, so no option was chosen
    text = re.sub(r"\s+", " ", read_pdf(_sentence_pdf(page, underline=True), "form.pdf").text())
    assert "known / suspected" in text and "still / no longer" in text


PLAN = ["is", "has been", "has never been", "I do not know if the child has been"]
PLAN_VALUE = ["yes", "has_been", "no", "not_known"]


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.integers(0, 3), st.integers(0, 1), st.integers(0, 1),
       st.lists(st.booleans(), min_size=2, max_size=2), st.sampled_from([0.85, 1.0, 1.2]))
def test_sentence_form_answered_by_strike_through(first: str, last: str, plan: int, harm: int, concern: int,
                                                  still: list[bool], stretch: float) -> None:
    child = f"{first} {last}"
    page = [
        [("Notification of a serious child safeguarding incident", False)],
        [("Complete each sentence. Delete the words that do not apply.", False)],
        [("My name is (your name): ", False), ("Ffion Prothero", False)],
        [("I am a (job title): ", False), ("Health Visitor", False)],
        [("from (organisation): ", False), ("Sirona care & health", False)],
        [("You can reach me on (e-mail): ", False), ("ffion.prothero@nhs.net", False)],
        [("I am writing on (date): ", False), ("3rd Dec 2026", False)],
        _options("I am writing about a ", ["male", "female"], 1, f" child called: {child}"),
        [("The child's main carer is: ", False), ("Nia Tremayne", False)],
        _options("The child ", ["is", "has been", "has never been", "I do not know if the child has been"], plan,
                 " subject to a child protection plan."),
        [("On (date): ", False), ("1st Dec 2026", False)],
        _options("the child ", ["died", "was seriously harmed"], harm, "."),
        _options("I ", ["am", "am not"], concern, " concerned about how agencies worked together."),
        [("Others working with the family", False)],
        _options("Kwame Olawale of Avon and Somerset Police (contact 07700 900123) is ", ["still", "no longer"],
                 0 if still[0] else 1, " involved."),
        _options("Tomasz Bevan of Weston General Hospital (contact 07700 900456) is ", ["still", "no longer"],
                 0 if still[1] else 1, " involved."),
    ]
    out = _attached(_sentence_pdf(page, stretch))
    ref = out["referral"]
    assert isinstance(ref, dict)
    assert ref["child"]["name"] == child
    assert ref["child"]["carer"] == "Nia Tremayne"
    assert ref["child"]["incident_date"] == "2026-12-01"
    assert ref["child"]["child_protection_plan"] == PLAN_VALUE[plan]
    assert ref["referrer"]["name"] == "Ffion Prothero"
    assert ref["referrer"]["role"] == "Health Visitor"
    assert ref["referrer"]["agency"] == "Sirona care & health"
    assert ref["referrer"]["email"] == "ffion.prothero@nhs.net"
    assert ref["referrer"]["date_submitted"] == "2026-12-03"
    assert ref["criteria"]["child_died"] is (harm == 0)
    assert ref["criteria"]["seriously_harmed"] is (harm == 1)
    assert ref["criteria"]["agency_concern"] is (concern == 0)
    agencies = {(a["name"], a["agency"], a["contact"], a["still_involved"]) for a in ref["other_agencies"]}
    assert agencies == {("Kwame Olawale", "Avon and Somerset Police", "07700 900123", still[0]),
                        ("Tomasz Bevan", "Weston General Hospital", "07700 900456", still[1])}


def test_sentences_with_no_option_deleted_are_no_answer() -> None:
    """Nothing struck: each sentence still offers every option, so none is read (and the letter-like sentences
    are not taken for a form's)."""
    page = [
        [("My name is (your name): Ffion Prothero", False)],
        [("I am writing about a child called: Nia Bevan", False)],
        _options("the child ", ["died", "was seriously harmed"], -1, "."),
        _options("I ", ["am", "am not"], -1, " concerned about how agencies worked together."),
        _options("Kwame Olawale of Avon and Somerset Police (contact 07700 900123) is ", ["still", "no longer"], -1,
                 " involved."),
    ]
    ref = _attached(_sentence_pdf(page))["referral"]
    assert isinstance(ref, dict)
    assert ref["criteria"]["child_died"] is None and ref["criteria"]["seriously_harmed"] is None
    assert ref["criteria"]["agency_concern"] is None
    assert all(a.get("still_involved") is None for a in ref["other_agencies"])
