"""Layouts agencies really send that the first corpus lacked (each drives one general parser rule).

- `one_column_docx`: a one-column Word form, each label in its own row over its answer, a merged title row,
  suffixed labels ("(if known)", "?"), ticks as Wingdings 2 text runs, criteria as ticked statements.
- `paragraph_docx`: no tables; bold label paragraphs with the answer in the next paragraph, "[x]" statements.
- `dash_body`: a referral typed as "Label - value" lines in an email, ending in a sign-off, signature and footer.
- `return_html_no_author_heading`: an HTML table return whose author is only "Completed by" / "Contact ...".
"""

from __future__ import annotations

from typing import Any

import docx
from docx.oxml import parse_xml
from docx_forms import NS, _fmt_date, _save

_CPP_WORDS = {"yes": "Currently", "no": "Never", "has_been": "Previously", "not_known": "Not known"}
_W2 = {True: "R", False: "\u00a3"}  # Wingdings 2: R is a ticked box, £ an empty one


def _w2_box(par: Any, on: bool) -> None:
    par._p.append(parse_xml(f'<w:r {NS}><w:rPr><w:rFonts w:ascii="Wingdings 2" w:hAnsi="Wingdings 2"/></w:rPr>'
                            f"<w:t>{_W2[on]}</w:t></w:r>"))


def _statements(case: dict[str, Any]) -> list[tuple[bool, str]]:
    cr = case["criteria"]
    return [
        (cr["child_died"] is True, "The child has died"),
        (cr["seriously_harmed"] is True, "The child has been seriously harmed"),
        (cr["abuse_or_neglect"] == "known", "Abuse or neglect is known"),
        (cr["abuse_or_neglect"] == "suspected", "Abuse or neglect is suspected"),
        (cr["agency_concern"] is True, "There is concern about how agencies have worked together"),
    ]


def one_column_docx(case: dict[str, Any]) -> bytes:
    rf, ch = case["referrer"], case["child"]
    d = docx.Document()
    d.add_paragraph("Serious incident notification \u2013 request for a rapid review")
    t = d.add_table(rows=0, cols=1)
    t.style = "Table Grid"

    def row(text: str | None) -> Any:
        cell = t.add_row().cells[0]
        cell.text = text or ""
        return cell

    items: list[tuple[str, str | None]] = [
        ("SECTION ONE \u2013 WHO IS REFERRING", None),
        ("Your name", rf["name"]), ("Your role", rf["role"]), ("Your organisation", rf["agency"]),
        ("Your email address", rf["email"]), ("Your telephone number", rf["phone"]),
        ("Date of referral (dd/mm/yyyy)", _fmt_date(rf["date_submitted"], "slash")),
        ("SECTION TWO \u2013 THE CHILD", None),
        ("Child\u2019s full name", ch["name"]), ("Date of birth (if known)", _fmt_date(ch["date_of_birth"], "long")),
        ("Home address", ch["home_address"]), ("Who does the child usually live with?", ch["carer"]),
        ("When did the incident happen?", _fmt_date(ch["incident_date"], "slash")),
        ("Where did the incident happen?", ch["incident_location"]),
        ("Ethnicity (please state)", ch["ethnicity"]), ("Faith (if any)", ch["faith"] or "N/A"), ("Any disability?", ch["disability"] or "Not known"),
    ]
    for label, value in items:
        row(label)
        if value is not None or not label.isupper():
            row(value)
    row("Is the child subject to a child protection plan?")
    par = row(None).paragraphs[0]
    for key, word in _CPP_WORDS.items():
        _w2_box(par, ch["child_protection_plan"] == key)
        par.add_run(f" {word}   ")
    row("SECTION THREE \u2013 WHICH CRITERIA APPLY? (tick all that apply)")
    cell = row(None)
    for n, (on, text) in enumerate(_statements(case)):
        par = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        _w2_box(par, on)
        par.add_run(f" {text}")
    row("Please describe what happened")
    row(case["summary"])
    case["family"], case["other_agencies"], case["other_processes"] = [], [], []
    return _save(d)


def paragraph_docx(case: dict[str, Any]) -> bytes:
    rf, ch = case["referrer"], case["child"]
    d = docx.Document()
    d.add_paragraph("Child Safeguarding Practice Review \u2013 referral")

    def pair(label: str, value: str | None) -> None:
        d.add_paragraph().add_run(label).bold = True
        d.add_paragraph(value or "N/A")

    pair("Referrer\u2019s name", rf["name"])
    pair("Referrer\u2019s email", rf["email"])
    pair("Referrer\u2019s agency", rf["agency"])
    pair("Name of child", ch["name"])
    pair("D.O.B", _fmt_date(ch["date_of_birth"], "dots"))
    pair("Date of incident", _fmt_date(ch["incident_date"], "mon"))
    pair("Place of incident", ch["incident_location"])
    d.add_paragraph().add_run("Criteria").bold = True
    for on, text in _statements(case):
        d.add_paragraph(f"[{'x' if on else ' '}] {text}")
    pair("Summary of events", case["summary"].replace("\n", " "))
    case["summary"] = case["summary"].replace("\n", " ")
    rf["role"] = rf["phone"] = rf["date_submitted"] = None
    for key in ("home_address", "carer", "ethnicity", "faith", "disability", "child_protection_plan"):
        ch[key] = None
    case["family"], case["other_agencies"], case["other_processes"] = [], [], []
    return _save(d)


def dash_body(case: dict[str, Any], incident_text: str) -> str:
    rf, ch = case["referrer"], case["child"]
    box = {True: "\u2611", False: "\u2610"}
    lines = [
        "Hi,", "", "Sorry, I couldn't open the form so the details are below.", "",
        f"Referrer - {rf['name']}", f"Email - {rf['email']}", f"Tel - {rf['phone']}", "",
        f"Child - {ch['name']}", f"D.O.B - {_fmt_date(ch['date_of_birth'], 'slash')}",
        f"Address - {ch['home_address']}", f"Date of incident - {incident_text}", "",
        *[f"{box[on]} {text}" for on, text in _statements(case)], "",
        f"Summary - {case['summary'].replace(chr(10), ' ')}", "",
        "Kind regards,", rf["name"].split()[-1], "", f"{rf['name']} | {rf['role']}", rf["agency"],
        "This email and any attachments are confidential and intended solely for the addressee.",
    ]
    case["summary"] = case["summary"].replace("\n", " ")
    rf["role"] = rf["agency"] = rf["date_submitted"] = None
    for key in ("carer", "incident_location", "ethnicity", "faith", "disability", "child_protection_plan"):
        ch[key] = None
    case["family"], case["other_agencies"], case["other_processes"] = [], [], []
    return "\n".join(lines) + "\n"


def return_html_no_author_heading(ret: dict[str, Any]) -> str:
    a = ret["author"]
    yn = {True: "Y", False: "N", None: ""}
    rows = [
        ("Rapid review reference", ret["case_ref"]), ("Agency name", ret["agency"]),
        ("Completed by", a["name"]), ("Job title", a["role"]), ("Contact email", a["email"]),
        ("Contact telephone", a["phone"]),
        ("Was your agency involved with the child or family?", yn[ret["involved"]]),
        ("Date of first contact", _fmt_date(ret["involvement_from"], "slash")),
        ("Date of last contact", _fmt_date(ret["involvement_to"], "slash")),
        ("Summary of involvement", ret["summary"].replace("\n", " ") if ret["summary"] else "N/A"),
        ("Immediate actions taken", ret["immediate_actions"] or "None"),
        ("Learning identified", ret["learning"] or "-"),
        ("Have records been secured?", yn[ret["records_secured"]]),
        ("Signed off by", ret["signed_off_by"]), ("Date completed", _fmt_date(ret["date_completed"], "long")),
    ]
    if ret["summary"]:
        ret["summary"] = ret["summary"].replace("\n", " ")
    if ret["immediate_actions"] is None:
        ret["immediate_actions"] = "None"  # typed as the answer "None": an answer, kept
    cells = "".join(f"<tr><td><b>{k}</b></td><td>{v or ''}</td></tr>" for k, v in rows)
    return (f"<html><body><p>Please see our return below.</p><table border=1>{cells}</table>"
            "<p>Kind regards</p><p>Safeguarding team</p></body></html>")
