"""Readings added in the parse15 round (issue #12, precision first): a yes/no question printed with both options
and neither marked ("Yes No", "Y/N") is no answer, not the first option; ...

Each case also checks that a marked or written answer is read as before."""

from __future__ import annotations

import email.policy
import io
import re
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from pdf_forms import _esc, pdf_file

from parsers import parse_message
from parsers.documents.model import DocView, Table
from parsers.documents.pdf import read_pdf
from parsers.fields import extract
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


# --- 3. A LiveCycle-style fillable PDF (generic field names): a taller box's caption printed higher than the
# captions of the boxes beside it, and each agency's own open/closed boxes printed under its entry

def _fillable(captions: list[tuple[float, float, str]], boxes: list[tuple[float, float, float, float, str]]) -> bytes:
    """Captions printed at (x, y); text boxes (x0, y0, x1, y1, value) named as a form designer names them."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, FloatObject, NameObject, TextStringObject

    stream = b"\n".join(b"BT /F1 7 Tf %.1f %.1f Td (%s) Tj ET" % (x, y, _esc(text)) for x, y, text in captions)
    base = pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
                     b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
                     b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                     b"/Contents 5 0 R >>",
                     b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"])
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(base)))
    annots = ArrayObject()
    for n, (x0, y0, x1, y1, value) in enumerate(boxes, start=1):
        annots.append(writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/T"): TextStringObject(f"form1[0].#subform[0].TextField{n}[0]"),
            NameObject("/FT"): NameObject("/Tx"), NameObject("/V"): TextStringObject(value),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (x0, y0, x1, y1)])})))
    writer.pages[0][NameObject("/Annots")] = annots
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): ArrayObject(annots), NameObject("/NeedAppearances"): BooleanObject(True)})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


AGENCIES = ["Sirona care & health", "Avon and Somerset Police", "North Somerset Council",
            "University Hospitals Bristol and Weston NHS Foundation Trust"]


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from(AGENCIES), st.integers(20, 26),
       st.sampled_from(["Organisation", "Agency"]), st.sampled_from(["Ethnicity", "Ethnic origin"]))
def test_a_taller_box_caption_joins_the_caption_row(first: str, last: str, agency: str, tall: int, org_label: str,
                                                    eth_label: str) -> None:
    y = 740.0
    captions = [(40, 800, "SERIOUS INCIDENT REFERRAL - CHILDREN"), (40, 785, "Part 1  Referrer"),
                (40, y + 18, "Name"), (220, y + 18, "Role"), (400, y + tall + 2, org_label),
                (40, 690, "Part 4  Family / household"), (305, 692, "Address"), (480, 692, eth_label),
                (40, 680, "Name"), (155, 680, "Relationship"), (240, 680, "DOB")]
    boxes = [(40, y, 210, y + 16, f"{first} {last}"), (220, y, 390, y + 16, "School Nurse Team Leader"),
             (400, y, 560, y + tall, agency),
             (40, 660, 150, 676, "Kezia Bevan"), (155, 660, 235, 676, "Mother"), (240, 660, 300, 676, "01/04/1988"),
             (305, 660, 475, 688, "96 Wemberham Rise, Easton-in-Gordano, BS20 3UU"),
             (480, 660, 560, 688, "White Irish")]
    out = _attached(_fillable(captions, boxes))
    ref = out["referral"]
    assert isinstance(ref, dict)
    assert ref["referrer"]["name"] == f"{first} {last}"
    assert ref["referrer"]["role"] == "School Nurse Team Leader"
    assert ref["referrer"]["agency"] == agency
    assert [(p["name"], p["relationship"], p["date_of_birth"], p["address"], p["ethnicity"]) for p in ref["family"]] \
        == [("Kezia Bevan", "Mother", "1988-04-01", "96 Wemberham Rise, Easton-in-Gordano, BS20 3UU", "White Irish")]


@pytest.mark.parametrize(("boxes", "still"), [("☒ Still involved ☐ Closed", True), ("☐ Open ☒ Closed", False),
                                              ("☐ Still involved ☐ Closed", None)])
def test_an_entry_s_own_boxes_after_its_contact_answer_still_involved(boxes: str, still: bool | None) -> None:
    rows = [["Worker", "Agency", "Contact"],
            ["Everton Mountjoy", "South Western Ambulance Service NHS Foundation Trust Is the agency still involved?",
             f"01632 960809 {boxes}"],
            ["Worker", "Agency", "Contact"],
            ["Huw Morcom", "Avon and Somerset Police", "huw.morcom@avonandsomerset.police.uk"]]
    out = extract(DocView("form.pdf", ["Agencies", Table(rows, origin="text")]))
    got = [(r["name"], r["agency"], r["contact"], r["still_involved"]) for r in out.records["agencies"]]
    assert got == [("Everton Mountjoy", "South Western Ambulance Service NHS Foundation Trust", "01632 960809", still),
                   ("Huw Morcom", "Avon and Somerset Police", "huw.morcom@avonandsomerset.police.uk", None)]
    # boxes of another question after a value stay in it
    rows[1][2] = "01632 960809 ☒ Phone ☐ Email"
    out = extract(DocView("form.pdf", ["Agencies", Table(rows, origin="text")]))
    assert out.records["agencies"][0]["contact"] == "01632 960809 ☒ Phone ☐ Email"


# --- 4. A written correction after the option left standing ("deleted the wrong one: the answer is NO")

@pytest.mark.parametrize(("text", "answer"), [
    ("Yes   <- sorry, deleted the wrong one: the answer is NO", False),
    ("No (struck the wrong word - it should be Yes)", True),
    ("Yes. The correct answer is 'no'.", False),
    ("Yes - see the summary, no further harm known", True),  # no correction: read as before
    ("No", False),
])
def test_a_written_correction_is_the_answer(text: str, answer: bool) -> None:
    assert yes_no(text) is answer


def test_a_correction_in_a_referral() -> None:
    body = ("Serious incident notification\n\nChild's full name: Osian Prothero\nDate of birth: 27/03/2021\n"
            "The child has died: Yes   <- sorry, deleted the wrong one: the answer is NO\n"
            "The child has been seriously harmed: Yes\n")
    result = parse_message(_mail(body))
    assert result.referral is not None
    assert result.referral.criteria.child_died is False
    assert result.referral.criteria.seriously_harmed is True


# --- 5. "The child … subject to a child protection plan: is currently / has never been", one option kept

@pytest.mark.parametrize(("kept", "value"), [("is currently", "yes"), ("has previously been", "has_been"),
                                             ("has never been", "no"), ("not known if ever", "not_known")])
def test_plan_question_with_its_verb_left_out(kept: str, value: str) -> None:
    body = ("Serious incident notification\n\nChild's full name: Osian Prothero\nDate of birth: 27/03/2021\n"
            f"The child … subject to a child protection plan:  {kept}\n"
            "The child has been seriously harmed: Yes\n")
    result = parse_message(_mail(body))
    assert result.referral is not None
    assert result.referral.child.child_protection_plan == value


# --- 6. A narrative answer ends at the short title of the table under it ("The family")

@pytest.mark.parametrize("title", ["The family", "Household members", "Others working with the family"])
def test_a_table_title_ends_the_narrative_over_it(title: str) -> None:
    summary = "Orla was stabbed in the thigh; Orla had been missing from home for three days."
    view = DocView("form.pdf", ["What happened: " + summary.split("; ")[0] + ";",
                                summary.split("; ")[1], title,
                                Table([["Name", "Relationship to the child", "Date of birth"],
                                       ["Ffion Tremayne", "Mother", "23/04/1983"]], origin="text")])
    out = extract(view)
    assert out.values["referral.summary"] == summary.replace("; ", ";\n")
    # a last line that does not follow a finished sentence is still the narrative's
    view.blocks[1] = "Orla had been missing from home for"
    view.blocks[2] = "Three days"
    assert extract(view).values["referral.summary"].endswith("Three days")
