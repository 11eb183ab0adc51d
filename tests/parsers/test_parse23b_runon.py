"""A narrative answer ends at the next question, prompt or labelled line (parse23b): "Summary? ..." never runs on
into "Family?" and its lines, a summary into "List the family (name, relationship, ...):", nor a heading's answer
into the "When: 25/11/26" lines under it. The same in a text body, an HTML body, a Word form and a PDF."""

from __future__ import annotations

import io
import sys
from html import escape
from pathlib import Path

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_document, parse_message

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from mail import message, to_bytes
from pdf_forms import text_pdf

CHILD = st.sampled_from(["Tegan Rowe", "Jakub Nowicki", "Aaliyah Brennan", "Osian Pryce"])
STORY = st.sampled_from([
    "She was found at the foot of the stairs with a head injury. Her mother's partner was arrested.",
    "He was admitted with a fractured femur that nobody could explain. School had raised concerns twice.",
    "The baby stopped breathing while co-sleeping after both parents had been drinking.",
])
# the next question, as forms ask it: a bare "Family?", or a prompt naming its answer's parts
NEXT = st.sampled_from([
    ("Family?", "Mother: Kerry Rowe, 02/03/1990, 4 Mill Lane, BS22 6AB, White British"),
    ("Household members?", "Kerry Rowe; Mother; 2 March 1990; 4 Mill Lane, BS22 6AB"),
    ("Other agencies involved?", "Weston General Hospital: Dr Ann Lee (ann.lee@nhs.net) - still involved"),
    ("List the child's family members (name, relationship, date of birth, address):",
     "Kerry Rowe; Mother; 2 March 1990; 4 Mill Lane, BS22 6AB"),
    ("Which other agencies know the child? (name, agency, contact):",
     "Ann Lee; Weston General Hospital; ann.lee@nhs.net"),
])
HEAD = ("Referrer? Carys Penrose\nRole? School Nurse\nEmail? carys.penrose@nhs.net\n\n")


def _text_body(child: str, story: str, question: str, answer: str) -> str:
    return (f"{HEAD}Child? {child}\nDOB? 03/04/2016\n\nSummary? {story}\n\n{question}\n    {answer}\n\n"
            "Thanks\nCarys\n")


@settings(max_examples=12, deadline=None)
@given(CHILD, STORY, NEXT)
def test_a_text_summary_ends_at_the_next_question(child: str, story: str, nxt: tuple[str, str]) -> None:
    raw = to_bytes(message("Carys Penrose <carys.penrose@nhs.net>", "CSPR referral", _text_body(child, story, *nxt)))
    result = parse_message(raw)
    assert result.referral is not None
    assert result.referral.summary == story


@settings(max_examples=10, deadline=None)
@given(CHILD, STORY, NEXT)
def test_an_html_summary_ends_at_the_next_question(child: str, story: str, nxt: tuple[str, str]) -> None:
    rows = [("Referrer", "Carys Penrose"), ("Role", "School Nurse"), ("Email", "carys.penrose@nhs.net"),
            ("Child", child), ("DOB", "03/04/2016"), ("Summary", story)]
    html = "".join(f"<div><b>{escape(k)}:</b> {escape(v)}</div>" for k, v in rows)
    html += f"<div><br></div><div>{escape(nxt[0])}</div><div>{escape(nxt[1])}</div><div>Thanks, Carys</div>"
    raw = to_bytes(message("Carys Penrose <carys.penrose@nhs.net>", "CSPR referral", None, html=html))
    result = parse_message(raw)
    assert result.referral is not None
    assert result.referral.summary == story


@settings(max_examples=8, deadline=None)
@given(CHILD, STORY, NEXT)
def test_a_word_summary_ends_at_the_next_question(child: str, story: str, nxt: tuple[str, str]) -> None:
    doc = docx.Document()
    doc.add_heading("CSPR referral", 1)
    for line in ("Referrer? Carys Penrose", "Role? School Nurse", "Email? carys.penrose@nhs.net",
                 f"Child? {child}", "DOB? 03/04/2016", f"Summary? {story}", nxt[0], nxt[1]):
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    result = parse_document(out.getvalue(), "referral.docx")
    assert result.referral is not None
    assert result.referral.summary == story


@settings(max_examples=8, deadline=None)
@given(CHILD, STORY, NEXT)
def test_a_pdf_summary_ends_at_the_next_question(child: str, story: str, nxt: tuple[str, str]) -> None:
    lines: list[str | tuple[str, str]] = ["CSPR referral", "Referrer? Carys Penrose", "Role? School Nurse",
                                          "Email? carys.penrose@nhs.net", f"Child? {child}", "DOB? 03/04/2016",
                                          f"Summary? {story}", "", nxt[0], nxt[1]]
    result = parse_document(text_pdf(lines), "referral.pdf")
    assert result.referral is not None
    assert result.referral.summary == story


@settings(max_examples=8, deadline=None)
@given(CHILD, STORY)
def test_a_headings_answer_is_never_the_labelled_lines_under_it(child: str, story: str) -> None:
    """"WHAT HAPPENED" over "When: 25/11/26" / "Where: the park" / "Died: No": those lines answer their own labels;
    they are no narrative (an empty summary beats a wrong one)."""
    html = (f"<div><u>REFERRER</u></div><div><b>Name:</b> Carys Penrose</div><div><b>Role:</b> School Nurse</div>"
            f"<div><u>CHILD</u></div><div><b>Name:</b> {escape(child)}</div><div><b>DOB:</b> 3/4/16</div>"
            "<div><u>WHAT HAPPENED</u></div><div><b>When:</b> 25/11/26</div><div><b>Where:</b> the park</div>"
            "<div><b>Died:</b> No</div><div><b>Seriously harmed:</b> Yes</div>"
            f"<div>{escape(story)}</div><div>Thanks,</div><div>Carys</div>")
    raw = to_bytes(message("Carys Penrose <carys.penrose@nhs.net>", "CSPR referral", None, html=html))
    result = parse_message(raw)
    assert result.referral is not None
    summary = result.referral.summary
    assert summary is None or summary == story
    assert summary is None or "When:" not in summary


def test_a_narrative_carries_on_past_a_line_that_is_its_own() -> None:
    """What does not end a narrative: a sentence that is its own line, a list under "Concerns were:"."""
    body = (f"{HEAD}Child? Tegan Rowe\nDOB? 03/04/2016\n\nSummary? Tegan was found at home with bruising.\n"
            "Police attended and the mother was arrested.\n\nThanks\nCarys\n")
    raw = to_bytes(message("Carys Penrose <carys.penrose@nhs.net>", "CSPR referral", body))
    result = parse_message(raw)
    assert result.referral is not None
    assert result.referral.summary == ("Tegan was found at home with bruising.\n"
                                       "Police attended and the mother was arrested.")
