"""Other partnerships' layouts: a 2-column notification form, agency summaries (Word, body text, HTML, PDF)."""

from __future__ import annotations

from typing import Any

import docx
from docx_forms import _fmt_date, _save, add_tick

_CPP_WORDS = {"yes": "Yes", "no": "No", "has_been": "Previously - plan ended", "not_known": "Not known"}


def _yn(value: bool | None) -> str:
    return "" if value is None else "Yes" if value else "No"


def _header_row(table: Any, text: str) -> None:
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[1])  # merged header: python-docx repeats it in row.cells
    merged.text = text


def alt_referral_docx(case: dict[str, Any], dates: str = "long") -> bytes:
    """A "serious child safeguarding incident notification" in one 2-column table with merged headers."""
    rf, ch, cr = case["referrer"], case["child"], case["criteria"]
    doc = docx.Document()
    doc.add_paragraph("Safeguarding Children Partnership")
    doc.add_paragraph("Notification of a Serious Child Safeguarding Incident \u2013 referral for a Rapid Review")
    doc.add_paragraph("Please discuss with your agency\u2019s CSPR sub-group representative before sending.")
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    rows: list[tuple[str, str | None] | str] = [
        "Section A: Person making the referral",
        ("Referrer\u2019s name", rf["name"]), ("Job title", rf["role"]), ("Organisation", rf["agency"]),
        ("Secure email address", rf["email"]), ("Contact number", rf["phone"]),
        ("Date of referral", _fmt_date(rf["date_submitted"], dates)),
        "Section B: Subject child",
        ("Child\u2019s name", ch["name"]), ("D.O.B.", _fmt_date(ch["date_of_birth"], dates)),
        ("Address", ch["home_address"]), ("Parents/carers", ch["carer"]),
        ("Date of serious incident", _fmt_date(ch["incident_date"], dates)),
        ("Place of incident", ch["incident_location"]), ("Ethnicity", ch["ethnicity"]), ("Religion", ch["faith"]),
        ("Any disability", ch["disability"]),
        ("Is the child subject to a child protection plan?", _CPP_WORDS.get(ch["child_protection_plan"] or "", "")),
        "Section C: Criteria",
        ("Has the child died?", _yn(cr["child_died"])),
        ("Has the child been seriously harmed?", _yn(cr["seriously_harmed"])),
        ("Is abuse or neglect known or suspected?", (cr["abuse_or_neglect"] or "").capitalize()),
        ("Are there concerns about how agencies worked together?", _yn(cr["agency_concern"])),
        "Section D: Brief summary of the incident",
    ]
    for item in rows:
        if isinstance(item, str):
            _header_row(table, item)
        else:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = item[0], item[1] or ""
    summary = table.add_row()
    summary.cells[0].merge(summary.cells[1]).text = case["summary"]
    doc.add_paragraph("")
    doc.add_paragraph("Household members and significant adults")
    fam = doc.add_table(rows=1, cols=4)
    for c, h in enumerate(["Full name", "DOB/Age", "Relationship to child", "Address"]):
        fam.cell(0, c).text = h
    for m in case["family"]:
        cells = fam.add_row().cells
        cells[0].text, cells[1].text = m["name"], _fmt_date(m["date_of_birth"], "slash") or ""
        cells[2].text, cells[3].text = m["relationship"], m["address"]
    doc.add_paragraph("Agencies involved")
    ag = doc.add_table(rows=1, cols=4)
    for c, h in enumerate(["Organisation", "Practitioner", "Contact", "Currently involved?"]):
        ag.cell(0, c).text = h
    for a in case["other_agencies"]:
        cells = ag.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = a["agency"], a["name"], a["contact"]
        cells[3].text = "Y" if a["still_involved"] else "N"
    doc.add_paragraph("Other processes (e.g. coroner, CDOP, criminal proceedings)")
    pr = doc.add_table(rows=1, cols=2)
    pr.cell(0, 0).text, pr.cell(0, 1).text = "Process", "Status"
    for p in case["other_processes"]:
        cells = pr.add_row().cells
        cells[0].text, cells[1].text = p["process"], p["status"]
    return _save(doc)


def ias_docx(ret: dict[str, Any], *, with_agency: bool = True, ticks: str = "glyph") -> bytes:
    """An "Individual Agency Summary" rapid review return (Devon-style), label|value table."""
    doc = docx.Document()
    doc.add_paragraph("RAPID REVIEW \u2013 INDIVIDUAL AGENCY SUMMARY")
    doc.add_paragraph("OFFICIAL-SENSITIVE. Please return within 10 working days to the Partnership Business Unit.")
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"

    def row(label: str, value: str | None) -> None:
        cells = t.add_row().cells
        cells[0].text, cells[1].text = label, value or ""

    row("Case reference", ret["case_ref"])
    if with_agency:
        row("Name of agency", ret["agency"])
    _header_row(t, "Author details")
    a = ret["author"]
    row("Name", a["name"])
    row("Job title", a["role"])
    row("Email", a["email"])
    row("Telephone", a["phone"])
    cells = t.add_row().cells
    cells[0].text = "Has your agency had any involvement with the child or family?"
    par = cells[1].paragraphs[0]
    add_tick(par, ret["involved"] is True, ticks)
    par.add_run(" Yes   ")
    add_tick(par, ret["involved"] is False, ticks)
    par.add_run(" No")
    if ret["involved"]:
        row("Involvement from", _fmt_date(ret["involvement_from"], "slash"))
        row("Involvement to", _fmt_date(ret["involvement_to"], "slash"))
    row("Summary of involvement with the child and family", ret["summary"] or "N/A")
    row("Immediate actions taken by your agency", ret["immediate_actions"])
    row("Initial learning identified", ret["learning"])
    row("Have records been secured?", _yn(ret["records_secured"]))
    _header_row(t, "Management sign off")
    row("Signed off by", ret["signed_off_by"])
    row("Date completed", _fmt_date(ret["date_completed"], "long"))
    return _save(doc)


def ar_text(ret: dict[str, Any], *, with_agency: bool = True) -> str:
    """An agency return typed into the email body."""
    a = ret["author"]
    lines = [f"Case reference: {ret['case_ref']}"]
    if with_agency:
        lines.append(f"Agency: {ret['agency']}")
    lines += [
        "",
        "Completed by: " + a["name"],
        f"Role: {a['role']}",
        f"Email: {a['email']}",
        f"Tel: {a['phone']}",
        "",
    ]
    if ret["involved"] is False:
        lines += ["Has your agency had any involvement with the child or family?  No",
                  "", "Nil return - this family is not known to our service.", ""]
    else:
        lines += ["Has your agency had any involvement with the child or family?  Yes",
                  f"Period of involvement: {_fmt_date(ret['involvement_from'], 'slash')} to "
                  f"{_fmt_date(ret['involvement_to'], 'slash')}",
                  "", "Summary of involvement:", ret["summary"] or "", "",
                  f"Immediate actions: {ret['immediate_actions'] or ''}", "",
                  f"Learning: {ret['learning'] or ''}", "",
                  f"Records secured? {_yn(ret['records_secured'])}"]
    lines += ["", f"Signed off by: {ret['signed_off_by']}", f"Date completed: {_fmt_date(ret['date_completed'], 'slash')}"]
    return "\n".join(lines) + "\n"


def ar_pdf_lines(ret: dict[str, Any]) -> list[str | tuple[str, str]]:
    """The agency summary printed to PDF: two columns for the short fields."""
    a = ret["author"]
    lines: list[str | tuple[str, str]] = [
        "Rapid Review - Agency Information Return",
        (f"Case reference: {ret['case_ref']}", f"Agency: {ret['agency']}"),
        "Author details",
        (f"Name: {a['name']}", f"Role: {a['role']}"),
        (f"Email: {a['email']}", f"Tel: {a['phone']}"),
        f"Was your agency involved with the child or family? {_yn(ret['involved'])}",
    ]
    if ret["involved"]:
        lines.append(f"Period of involvement: {_fmt_date(ret['involvement_from'], 'dots')} - "
                     f"{_fmt_date(ret['involvement_to'], 'dots')}")
        lines.append("Summary of involvement")
        lines.extend((ret["summary"] or "").split("\n"))
        lines.append(f"Immediate actions taken: {ret['immediate_actions'] or ''}")
        lines.append(f"Learning identified: {ret['learning'] or ''}")
        lines.append(f"Records secured: {_yn(ret['records_secured'])}")
    lines.append(f"Signed off by: {ret['signed_off_by']}")
    lines.append(f"Date completed: {_fmt_date(ret['date_completed'], 'iso')}")
    return lines
