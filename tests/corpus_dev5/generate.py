# ruff: noqa: E501  (form text held as data: long literal lines are the content)
"""Development corpus #5 (tuned on): layouts made to break the parser's assumptions (issue #12).

Word forms with 4-column grids, header-row tables and merged cells; the same forms printed to PDF by
LibreOffice (a word processor's PDF) and an HTML report printed to PDF; fillable PDFs whose fields are named
"Text1".. with the labels only printed on the page, or named by a form tool; typed HTML and forwarded text
bodies with dot leaders, CAPS headings, family written as prose lines; agency returns naming the agency only in
a title. Modelled on the kinds of published forms partnerships use (Kent notification grids, Devon individual
agency summaries, Leeds/Manchester referral tables), with invented people.

Run with a Python that has python-docx, reportlab and pypdf, and LibreOffice (`soffice`) on PATH:
    python tests/corpus_dev5/generate.py
"""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "corpus_tools"))

import docx  # noqa: E402
from docx.enum.text import WD_BREAK  # noqa: E402,F401
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402
from mail import DOCX, PDF, message, to_bytes  # noqa: E402

Case = dict[str, Any]
Scenario = tuple[str, bytes, dict[str, Any]]

REFERRALS: list[Case] = [
    {
        "referrer": {"name": "Hollie Brandreth", "email": "hollie.brandreth@kentcht.nhs.uk",
                     "role": "Named Nurse Safeguarding Children", "phone": "01622 713 408",
                     "agency": "Kent Community Health NHS Foundation Trust", "date_submitted": "2026-02-11"},
        "child": {"name": "Oakley Penhaligon", "date_of_birth": "2025-06-14",
                  "home_address": "7 Cobb Street, Maidstone, ME14 2RT", "carer": "Tasha Penhaligon",
                  "incident_date": "2026-02-08", "incident_location": "Maidstone Hospital",
                  "ethnicity": "White British", "faith": None, "disability": None, "child_protection_plan": "no"},
        "family": [
            {"name": "Tasha Penhaligon", "relationship": "Mother", "date_of_birth": "2003-01-22",
             "address": "7 Cobb Street, Maidstone, ME14 2RT", "ethnicity": "White British"},
            {"name": "Callum Dreyfus", "relationship": "Father", "date_of_birth": "2000-09-05",
             "address": "41 Tonbridge Road, Maidstone", "ethnicity": "White British"},
        ],
        "criteria": {"child_died": False, "seriously_harmed": True, "abuse_or_neglect": "suspected",
                     "agency_concern": True},
        "summary": "Oakley, aged 8 months, was brought to Maidstone Hospital with a spiral fracture of the left "
                   "femur. No explanation was offered for the injury. The health visitor had noted bruising to "
                   "the cheek in January.",
        "other_agencies": [
            {"name": "Gemma Aldous", "agency": "Health Visiting Service", "contact": "01622 555 290",
             "still_involved": True},
            {"name": "Ravi Chaudhry", "agency": "Kent Police", "contact": "ravi.chaudhry@kent.police.uk",
             "still_involved": True},
        ],
        "other_processes": [{"process": "Police investigation", "status": "Ongoing"}],
    },
    {
        "referrer": {"name": "Tom Ashdown-Reeve", "email": "tom.ashdown-reeve@devon.gov.uk",
                     "role": "Team Manager", "phone": "01392 383 000", "agency": "Devon Children's Services",
                     "date_submitted": "2026-03-02"},
        "child": {"name": "Skye Treloar", "date_of_birth": "2011-04-30",
                  "home_address": "Flat 9, Harbour View, Exmouth, EX8 1AW", "carer": "Aunt, Lorraine Treloar",
                  "incident_date": "2026-02-26", "incident_location": "Exmouth seafront",
                  "ethnicity": "Mixed White and Black Caribbean", "faith": "None", "disability": "Autism",
                  "child_protection_plan": "yes"},
        "family": [
            {"name": "Lorraine Treloar", "relationship": "Aunt (kinship carer)", "date_of_birth": "1979-12-03",
             "address": "Flat 9, Harbour View, Exmouth", "ethnicity": "White British"},
            {"name": "Marcus Bell", "relationship": "Father", "date_of_birth": "1985-02-17",
             "address": "HMP Exeter", "ethnicity": "Black Caribbean"},
            {"name": "Jordan Treloar", "relationship": "Brother", "date_of_birth": "2014-08-09",
             "address": "Flat 9, Harbour View, Exmouth", "ethnicity": "Mixed White and Black Caribbean"},
        ],
        "criteria": {"child_died": False, "seriously_harmed": True, "abuse_or_neglect": "known",
                     "agency_concern": True},
        "summary": "Skye was found with serious stab wounds after going missing overnight. She was known to be "
                   "at risk of criminal exploitation and had been missing four times since December.",
        "other_agencies": [
            {"name": "Sgt Alan Pengelly", "agency": "Devon and Cornwall Police", "contact": "01392 225 000",
             "still_involved": True},
            {"name": "Kirsty Moyle", "agency": "Exmouth Community College", "contact": "01395 264 761",
             "still_involved": False},
        ],
        "other_processes": [
            {"process": "Police investigation", "status": "Two arrests made"},
            {"process": "Strategy meeting", "status": "Held 27 February 2026"},
        ],
    },
    {
        "referrer": {"name": "Dr Farah Quadri", "email": "farah.quadri@mft.nhs.uk",
                     "role": "Consultant Paediatrician", "phone": "0161 701 2000",
                     "agency": "Manchester University NHS Foundation Trust", "date_submitted": "2026-01-27"},
        "child": {"name": "Ibrahim Sule", "date_of_birth": "2023-11-02",
                  "home_address": "22 Dalton Street, Moss Side, Manchester, M14 4PL",
                  "carer": "Parents", "incident_date": "2026-01-24",
                  "incident_location": "Royal Manchester Children's Hospital", "ethnicity": "Black African",
                  "faith": "Muslim", "disability": None, "child_protection_plan": "not_known"},
        "family": [
            {"name": "Aisha Sule", "relationship": "Mother", "date_of_birth": "1997-06-19",
             "address": "22 Dalton Street, Moss Side, Manchester", "ethnicity": "Black African"},
            {"name": "Yusuf Sule", "relationship": "Father", "date_of_birth": "1993-03-08",
             "address": "22 Dalton Street, Moss Side, Manchester", "ethnicity": "Black African"},
        ],
        "criteria": {"child_died": True, "seriously_harmed": False, "abuse_or_neglect": "suspected",
                     "agency_concern": False},
        "summary": "Ibrahim, aged 2, died in hospital after being found unresponsive at home. A skeletal survey "
                   "showed old rib fractures.",
        "other_agencies": [
            {"name": "Claire Whitworth", "agency": "GP, Alexandra Practice", "contact": "0161 226 3620",
             "still_involved": False},
        ],
        "other_processes": [
            {"process": "Coroner", "status": "Inquest opened"},
            {"process": "CDOP", "status": "Notified"},
            {"process": "Police investigation", "status": "Parents interviewed under caution"},
        ],
    },
    {
        "referrer": {"name": "Nadia Kowalczyk", "email": "nadia.kowalczyk@leeds.gov.uk",
                     "role": "Designated Safeguarding Lead", "phone": "0113 378 5000",
                     "agency": "Beeston Hill Primary School", "date_submitted": "2026-03-16"},
        "child": {"name": "Mason Fairbrother", "date_of_birth": "2017-09-21",
                  "home_address": "3 Lodge Lane, Beeston, Leeds, LS11 6AD", "carer": "Mother",
                  "incident_date": "2026-03-12", "incident_location": "Family home",
                  "ethnicity": "White British", "faith": "Christian", "disability": "Global developmental delay",
                  "child_protection_plan": "has_been"},
        "family": [
            {"name": "Kelly Fairbrother", "relationship": "Mother", "date_of_birth": "1990-10-10",
             "address": "3 Lodge Lane, Beeston, Leeds", "ethnicity": "White British"},
            {"name": "Shane Pickersgill", "relationship": "Mother's partner", "date_of_birth": "1987-04-01",
             "address": "3 Lodge Lane, Beeston, Leeds", "ethnicity": "White British"},
        ],
        "criteria": {"child_died": False, "seriously_harmed": True, "abuse_or_neglect": "suspected",
                     "agency_concern": True},
        "summary": "Mason arrived at school severely underweight with burns to both hands. He said he had been "
                   "made to hold a hot pan. School had made three referrals since September.",
        "other_agencies": [
            {"name": "Paula Ingham", "agency": "Leeds Children's Social Work Service", "contact": "0113 222 4403",
             "still_involved": True},
        ],
        "other_processes": [{"process": "Section 47 enquiry", "status": "Started 12 March 2026"}],
    },
]

RETURNS: list[Case] = [
    {"agency": "Kent Community Health NHS Foundation Trust",
     "author": {"name": "Lindsey Parrish", "role": "Safeguarding Practitioner", "email": "lindsey.parrish@kentcht.nhs.uk",
                "phone": "01622 211 934"},
     "involved": True, "involvement_from": "2025-06-20", "involvement_to": "2026-02-08",
     "summary": "Health visiting contacts at 10 days, 6 weeks and 6 months. Bruise to the cheek seen on 9 January "
                "2026; mother said Oakley rolled off the sofa.",
     "immediate_actions": "Bruising protocol reminder issued to the health visiting team.",
     "learning": "Bruising in a non-mobile baby was not referred.",
     "records_secured": True, "signed_off_by": "Andrea Coultard, Head of Safeguarding",
     "date_completed": "2026-02-17", "case_ref": "KS-CSPR-2026-007"},
    {"agency": "Devon and Cornwall Police",
     "author": {"name": "DS Ellie Trevithick", "role": "Detective Sergeant", "email": "ellie.trevithick@dc.police.uk",
                "phone": "01392 452 100"},
     "involved": True, "involvement_from": "2025-12-04", "involvement_to": "2026-02-26",
     "summary": "Four missing episodes recorded. Return interviews were completed twice. Intelligence linked two "
                "adults to county lines activity in Exmouth.",
     "immediate_actions": "Disruption notices served on two adults.",
     "learning": "Missing episodes were not linked to the exploitation screening tool.",
     "records_secured": True, "signed_off_by": "DI Mark Nancarrow", "date_completed": "2026-03-09",
     "case_ref": "DV-CSPR-2026-003"},
    {"agency": "Alexandra Practice",
     "author": {"name": "Dr Owen Bradshaw", "role": "GP Safeguarding Lead", "email": "owen.bradshaw@nhs.net",
                "phone": "0161 226 3620"},
     "involved": False, "involvement_from": None, "involvement_to": None, "summary": None,
     "immediate_actions": None, "learning": None, "records_secured": None, "signed_off_by": None,
     "date_completed": "2026-02-02", "case_ref": "MC-CSPR-2026-011"},
]


def _d(iso: str | None, how: str = "slash") -> str:
    if not iso:
        return ""
    y, m, d = iso.split("-")
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    if how == "long":
        return f"{int(d)} {months[int(m) - 1]} {y}"
    if how == "dots":
        return f"{d}.{m}.{y}"
    return f"{d}/{m}/{y}"


def _cpp(value: str | None) -> str:
    return {"yes": "Yes", "no": "No", "has_been": "Previously", "not_known": "Not known", None: ""}[value]


def _yn(value: bool | None) -> str:
    return "" if value is None else "Yes" if value else "No"


def expected_referral(case: Case, warnings: list[str] | None = None, *, no_lists: bool = False) -> dict[str, Any]:
    truth = copy.deepcopy(case)
    if no_lists:  # the fillable form has no agencies or processes sections
        truth["other_agencies"], truth["other_processes"] = [], []
    missing = [f"referral.{a}.{b}" for a, b in (("referrer", "name"), ("referrer", "email"), ("child", "name"),
                                                  ("child", "date_of_birth"), ("child", "incident_date"),
                                                  ("criteria", "abuse_or_neglect")) if truth[a][b] is None]
    return {"kind": "referral", "case_ref": None, "referral": truth, "agency_return": None, "command": None,
            "missing": missing, "warnings": warnings or []}


def expected_return(ret: Case) -> dict[str, Any]:
    record = {k: v for k, v in ret.items() if k != "case_ref"}
    missing = [f"agency_return.{k}" for k, v in (("agency", record["agency"]),
                                                  ("author.name", record["author"]["name"]),
                                                  ("involved", record["involved"])) if v is None]
    return {"kind": "agency_return", "case_ref": ret["case_ref"], "referral": None, "agency_return": record,
            "command": None, "missing": missing, "warnings": []}


# --- Word ------------------------------------------------------------------------------------------------------

def _shade(cell: Any, fill: str = "D9E2F3") -> None:
    cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def _heading_row(table: Any, text: str) -> None:
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[-1])
    merged.text = text
    merged.paragraphs[0].runs[0].bold = True
    _shade(merged)


def _grid4(doc: Any, title: str, pairs: list[tuple[str, str]]) -> None:
    """Kent-style: Label | value | Label | value, a merged shaded title row."""
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    _heading_row(table, title)
    for k in range(0, len(pairs), 2):
        row = table.add_row().cells
        for j, (label, value) in enumerate(pairs[k:k + 2]):
            row[2 * j].text = label
            row[2 * j + 1].text = value


def _header_table(doc: Any, title: str, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=0, cols=len(header))
    table.style = "Table Grid"
    _heading_row(table, title)
    head = table.add_row().cells
    for k, h in enumerate(header):
        head[k].text = h
    for values in rows:
        cells = table.add_row().cells
        for k, v in enumerate(values):
            cells[k].text = v


def _docx_bytes(doc: Any) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def kent_grid_docx(case: Case) -> bytes:
    """Notification form: 4-column grids, Yes/No typed in criteria cells, header-row people tables."""
    r, c = case["referrer"], case["child"]
    doc = docx.Document()
    doc.add_heading("Notification of a Serious Child Safeguarding Incident", 1)
    doc.add_paragraph("Please complete all sections and return to the partnership business unit by secure email.")
    _grid4(doc, "Section A: Details of the person notifying", [
        ("Name", r["name"]), ("Job title", r["role"]), ("Organisation", r["agency"]),
        ("Telephone", r["phone"]), ("Email", r["email"]), ("Date of notification", _d(r["date_submitted"])),
    ])
    doc.add_paragraph()
    _grid4(doc, "Section B: Child details", [
        ("Full name", c["name"]), ("Date of birth", _d(c["date_of_birth"])),
        ("Address", c["home_address"]), ("Main carer", c["carer"] or ""),
        ("Ethnicity", c["ethnicity"] or ""), ("Religion", c["faith"] or ""),
        ("Disability", c["disability"] or ""), ("Subject to a child protection plan?", _cpp(c["child_protection_plan"])),
        ("Date of incident", _d(c["incident_date"])), ("Location of incident", c["incident_location"] or ""),
    ])
    doc.add_paragraph()
    cr = case["criteria"]
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    _heading_row(table, "Section C: Criteria")
    for q, v in [("Has the child died?", _yn(cr["child_died"])),
                 ("Has the child been seriously harmed?", _yn(cr["seriously_harmed"])),
                 ("Is abuse or neglect known or suspected?", (cr["abuse_or_neglect"] or "").capitalize()),
                 ("Are there concerns about how agencies worked together?", _yn(cr["agency_concern"]))]:
        row = table.add_row().cells
        row[0].text, row[1].text = q, v
    doc.add_paragraph()
    _header_table(doc, "Section D: Family and significant others",
                  ["Name", "Relationship to child", "Date of birth", "Address", "Ethnicity"],
                  [[m["name"], m["relationship"], _d(m["date_of_birth"]), m["address"], m["ethnicity"]]
                   for m in case["family"]])
    doc.add_paragraph()
    table = doc.add_table(rows=0, cols=1)
    table.style = "Table Grid"
    _heading_row(table, "Section E: Brief summary of the incident")
    table.add_row().cells[0].text = case["summary"]
    doc.add_paragraph()
    _header_table(doc, "Section F: Other agencies involved",
                  ["Name of worker", "Agency", "Contact details", "Currently involved?"],
                  [[a["name"], a["agency"], a["contact"], _yn(a["still_involved"])] for a in case["other_agencies"]])
    doc.add_paragraph()
    _header_table(doc, "Section G: Other processes", ["Process", "Status"],
                  [[p["process"], p["status"]] for p in case["other_processes"]])
    return _docx_bytes(doc)


def merged_docx(case: Case) -> bytes:
    """Two columns, section rows merged and shaded, a value under its label in the same cell (label bold on one
    line, answer below), ticks as ☒/☐ beside each option, family one table per person (vertically listed)."""
    r, c, cr = case["referrer"], case["child"], case["criteria"]
    doc = docx.Document()
    doc.add_heading("Rapid Review Referral Form", 1)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"

    def stacked(label: str, value: str, label2: str, value2: str) -> None:
        row = table.add_row().cells
        for cell, (lab, val) in zip(row, ((label, value), (label2, value2)), strict=True):
            cell.paragraphs[0].add_run(lab).bold = True
            cell.add_paragraph(val)

    _heading_row(table, "1. About the referrer")
    stacked("Name of referrer", r["name"], "Role", r["role"])
    stacked("Agency", r["agency"], "Contact number", r["phone"])
    stacked("Email address", r["email"], "Date of referral", _d(r["date_submitted"], "long"))
    _heading_row(table, "2. About the child")
    stacked("Child's name", c["name"], "Date of birth", _d(c["date_of_birth"], "dots"))
    stacked("Home address", c["home_address"], "Who does the child live with?", c["carer"] or "")
    stacked("Ethnicity", c["ethnicity"] or "", "Faith", c["faith"] or "")
    stacked("Disability", c["disability"] or "", "Date of incident", _d(c["incident_date"], "long"))
    stacked("Where did the incident happen?", c["incident_location"] or "", "Child protection plan",
            _cpp(c["child_protection_plan"]))
    _heading_row(table, "3. Criteria (tick all that apply)")

    def ticks(question: str, options: list[tuple[str, bool]]) -> None:
        row = table.add_row().cells
        row[0].text = question
        row[1].text = "   ".join(f"{'☒' if on else '☐'} {opt}" for opt, on in options)

    ticks("The child has died", [("Yes", cr["child_died"] is True), ("No", cr["child_died"] is False)])
    ticks("The child has been seriously harmed", [("Yes", cr["seriously_harmed"] is True),
                                                  ("No", cr["seriously_harmed"] is False)])
    ticks("Abuse or neglect", [("Known", cr["abuse_or_neglect"] == "known"),
                               ("Suspected", cr["abuse_or_neglect"] == "suspected")])
    ticks("Concerns about agencies working together", [("Yes", cr["agency_concern"] is True),
                                                       ("No", cr["agency_concern"] is False)])
    _heading_row(table, "4. Summary of the incident and reasons for referral")
    row = table.add_row()
    cell = row.cells[0].merge(row.cells[1])
    cell.text = case["summary"]
    doc.add_paragraph()
    doc.add_paragraph("5. Family members and significant adults").runs[0].bold = True
    fam = doc.add_table(rows=1, cols=5)
    fam.style = "Table Grid"
    for k, h in enumerate(["Full name", "Relationship", "D.O.B.", "Address", "Ethnicity"]):
        fam.rows[0].cells[k].text = h
    for m in case["family"]:
        cells = fam.add_row().cells
        for k, v in enumerate([m["name"], m["relationship"], _d(m["date_of_birth"]), m["address"], m["ethnicity"]]):
            cells[k].text = v
    doc.add_paragraph()
    doc.add_paragraph("6. Agencies involved with the child or family").runs[0].bold = True
    ag = doc.add_table(rows=1, cols=4)
    ag.style = "Table Grid"
    for k, h in enumerate(["Agency", "Practitioner", "Telephone / email", "Still involved (Y/N)"]):
        ag.rows[0].cells[k].text = h
    for a in case["other_agencies"]:
        cells = ag.add_row().cells
        for k, v in enumerate([a["agency"], a["name"], a["contact"], "Y" if a["still_involved"] else "N"]):
            cells[k].text = v
    doc.add_paragraph()
    doc.add_paragraph("7. Other processes (e.g. police investigation, coroner, CDOP)").runs[0].bold = True
    pr = doc.add_table(rows=1, cols=2)
    pr.style = "Table Grid"
    pr.rows[0].cells[0].text, pr.rows[0].cells[1].text = "Process", "Current status"
    for p in case["other_processes"]:
        cells = pr.add_row().cells
        cells[0].text, cells[1].text = p["process"], p["status"]
    return _docx_bytes(doc)


def return_docx(ret: Case) -> bytes:
    """Devon-style individual agency summary: the agency named only in the title line."""
    a = ret["author"]
    doc = docx.Document()
    doc.add_heading(f"Rapid Review: Individual Agency Summary – {ret['agency']}", 1)
    doc.add_paragraph(f"Case reference: {ret['case_ref']}")
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    _heading_row(table, "Completed by")
    for label, value in [("Name", a["name"]), ("Job title", a["role"]), ("Email", a["email"]),
                         ("Telephone", a["phone"]), ("Date completed", _d(ret["date_completed"]))]:
        row = table.add_row().cells
        row[0].text, row[1].text = label, value
    doc.add_paragraph()
    doc.add_paragraph(f"Was your agency involved with the child or family? {'Yes' if ret['involved'] else 'No'}")
    if ret["involved"]:
        doc.add_paragraph(f"Period of involvement: {_d(ret['involvement_from'])} to {_d(ret['involvement_to'])}")
        for heading, value in [("Summary of involvement", ret["summary"]),
                               ("Immediate actions taken", ret["immediate_actions"]),
                               ("Learning identified", ret["learning"])]:
            doc.add_paragraph(heading).runs[0].bold = True
            doc.add_paragraph(value)
        doc.add_paragraph(f"Have records been secured? {'Yes' if ret['records_secured'] else 'No'}")
        doc.add_paragraph(f"Signed off by: {ret['signed_off_by']}")
    return _docx_bytes(doc)


# --- PDF -------------------------------------------------------------------------------------------------------

def soffice_pdf(data: bytes, suffix: str) -> bytes:
    """Print a document to PDF with LibreOffice, as a word processor's "Save as PDF" does."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"form{suffix}"
        src.write_bytes(data)
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(src)],
                       check=True, capture_output=True, timeout=120)
        return (Path(tmp) / "form.pdf").read_bytes()


def report_html(case: Case) -> str:
    """A case-management system's printable report: label column bold, values beside, people as header tables."""
    r, c, cr = case["referrer"], case["child"], case["criteria"]

    def grid(rows: list[tuple[str, str]]) -> str:
        return "<table border=1 cellpadding=4 width='100%'>" + "".join(
            f"<tr><td width='35%'><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows) + "</table>"

    def people(header: list[str], rows: list[list[str]]) -> str:
        return ("<table border=1 cellpadding=4 width='100%'><tr>" + "".join(f"<th>{h}</th>" for h in header)
                + "</tr>" + "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in rows)
                + "</table>")

    return f"""<html><body style="font-family: Arial; font-size: 10pt">
<h2>CSPR Referral – Case Management Report</h2>
<h3>Referrer</h3>{grid([("Referrer name", r["name"]), ("Designation", r["role"]), ("Organisation", r["agency"]),
                         ("Phone", r["phone"]), ("E-mail", r["email"]),
                         ("Date submitted", _d(r["date_submitted"], "long"))])}
<h3>Subject child</h3>{grid([("Name of child", c["name"]), ("DOB", _d(c["date_of_birth"])),
                             ("Address", c["home_address"]), ("Carer", c["carer"] or ""),
                             ("Ethnicity", c["ethnicity"] or ""), ("Religion", c["faith"] or ""),
                             ("Disability", c["disability"] or ""),
                             ("Child protection plan", _cpp(c["child_protection_plan"])),
                             ("Incident date", _d(c["incident_date"])),
                             ("Incident location", c["incident_location"] or "")])}
<h3>Criteria</h3>{grid([("Child died", _yn(cr["child_died"])), ("Child seriously harmed", _yn(cr["seriously_harmed"])),
                        ("Abuse or neglect", (cr["abuse_or_neglect"] or "").capitalize()),
                        ("Agency concern", _yn(cr["agency_concern"]))])}
<h3>Summary</h3><p>{case["summary"]}</p>
<h3>Family and significant others</h3>{people(["Name", "Relationship", "DoB", "Address", "Ethnicity"],
    [[m["name"], m["relationship"], _d(m["date_of_birth"]), m["address"], m["ethnicity"]] for m in case["family"]])}
<h3>Other agencies</h3>{people(["Name", "Agency", "Contact", "Still involved"],
    [[a["name"], a["agency"], a["contact"], _yn(a["still_involved"])] for a in case["other_agencies"]])}
<h3>Other processes</h3>{people(["Process", "Status"], [[p["process"], p["status"]] for p in case["other_processes"]])}
</body></html>"""


def fillable_pdf(case: Case, named: bool) -> bytes:
    """An AcroForm: labels printed on the page at the left, fields to their right. named=False: the fields are
    "Text1", "Text2".. with no tooltip (what Acrobat's auto-detect makes); named=True: fields named by the form
    tool ("child_name") and tooltips off."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    r, c, cr = case["referrer"], case["child"], case["criteria"]
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    form = pdf.acroForm
    y = 800
    count = [0]

    def name_for(key: str) -> str:
        count[0] += 1
        return key if named else f"Text{count[0]}"

    def heading(text: str) -> None:
        nonlocal y
        if y < 80:
            pdf.showPage()
            y = 800
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(40, y, text)
        y -= 22

    def field(label: str, key: str, value: str, height: int = 16) -> None:
        nonlocal y
        if y < 60 + height:
            pdf.showPage()
            y = 800
        pdf.setFont("Helvetica", 9)
        pdf.drawString(40, y + 4, label)
        form.textfield(name=name_for(key), tooltip="", x=220, y=y, width=330, height=height, value=value,
                       borderWidth=0.5, fontSize=8, fieldFlags="multiline" if height > 16 else "")
        y -= height + 6

    def yes_no(label: str, key: str, value: bool | None) -> None:
        nonlocal y
        pdf.setFont("Helvetica", 9)
        pdf.drawString(40, y + 3, label)
        for k, (opt, on) in enumerate((("Yes", value is True), ("No", value is False))):
            pdf.drawString(240 + 70 * k, y + 3, opt)
            form.checkbox(name=name_for(f"{key}_{opt.lower()}"), tooltip="", x=222 + 70 * k, y=y, size=12,
                          checked=on, buttonStyle="cross", borderWidth=0.5)
        y -= 20

    heading("CHILD SAFEGUARDING PRACTICE REVIEW – REFERRAL")
    heading("Details of referrer")
    field("Name", "referrer_name", r["name"])
    field("Role / job title", "referrer_role", r["role"])
    field("Agency", "referrer_agency", r["agency"])
    field("Telephone", "referrer_phone", r["phone"])
    field("Email", "referrer_email", r["email"])
    field("Date of referral", "referral_date", _d(r["date_submitted"]))
    heading("Details of the child")
    field("Child's full name", "child_name", c["name"])
    field("Date of birth", "child_dob", _d(c["date_of_birth"]))
    field("Home address", "child_address", c["home_address"])
    field("Parent / carer", "child_carer", c["carer"] or "")
    field("Ethnicity", "child_ethnicity", c["ethnicity"] or "")
    field("Religion", "child_religion", c["faith"] or "")
    field("Disability", "child_disability", c["disability"] or "")
    field("Child protection plan (yes / no / previously)", "child_cpp", _cpp(c["child_protection_plan"]))
    field("Date of incident", "incident_date", _d(c["incident_date"]))
    field("Place of incident", "incident_place", c["incident_location"] or "")
    heading("Criteria")
    yes_no("Has the child died?", "died", cr["child_died"])
    yes_no("Has the child been seriously harmed?", "harmed", cr["seriously_harmed"])
    field("Abuse or neglect (known / suspected)", "abuse", (cr["abuse_or_neglect"] or "").capitalize())
    yes_no("Concerns about how agencies worked together?", "concern", cr["agency_concern"])
    heading("Summary of the incident")
    field("Summary", "summary", case["summary"], height=60)
    heading("Family and significant others")
    for k, m in enumerate(case["family"], 1):
        field(f"Family member {k} – name", f"fam{k}_name", m["name"])
        field(f"Family member {k} – relationship", f"fam{k}_rel", m["relationship"])
        field(f"Family member {k} – date of birth", f"fam{k}_dob", _d(m["date_of_birth"]))
        field(f"Family member {k} – address", f"fam{k}_address", m["address"])
        field(f"Family member {k} – ethnicity", f"fam{k}_eth", m["ethnicity"])
    pdf.save()
    return buf.getvalue()


# --- bodies ----------------------------------------------------------------------------------------------------

def html_typed(case: Case) -> str:
    """Typed into an Outlook HTML mail, forwarded by a manager: bold labels in paragraphs, people as a table."""
    r, c, cr = case["referrer"], case["child"], case["criteria"]

    def p(label: str, value: str) -> str:
        return f"<p class=MsoNormal><b>{label}:</b> {value}</p>"

    box = {True: "[X]", False: "[ ]"}
    abuse = cr["abuse_or_neglect"]
    rows = "".join(f"<tr><td>{m['name']}</td><td>{m['relationship']}</td><td>{_d(m['date_of_birth'])}</td>"
                   f"<td>{m['address']}</td><td>{m['ethnicity']}</td></tr>" for m in case["family"])
    return f"""<html><body>
<p class=MsoNormal>Hi, please see below a referral for consideration for a rapid review.</p>
<p class=MsoNormal>Thanks, Sam</p>
<div style="border-top:solid #E1E1E1 1pt">
<p class=MsoNormal><b>From:</b> {r['name']} &lt;{r['email']}&gt;<br><b>Sent:</b> 10 February 2026 16:02<br>
<b>To:</b> Sam Oduya<br><b>Subject:</b> Referral</p></div>
<p class=MsoNormal><b><u>REFERRAL FOR A CHILD SAFEGUARDING PRACTICE REVIEW</u></b></p>
<p class=MsoNormal><b><u>Referrer</u></b></p>
{p("Name", r["name"])}{p("Role", r["role"])}{p("Agency", r["agency"])}{p("Tel", r["phone"])}{p("Email", r["email"])}
{p("Date", _d(r["date_submitted"]))}
<p class=MsoNormal><b><u>Child</u></b></p>
{p("Name", c["name"])}{p("Date of birth", _d(c["date_of_birth"], "long"))}{p("Address", c["home_address"])}
{p("Lives with", c["carer"] or "")}{p("Ethnicity", c["ethnicity"] or "")}{p("Religion", c["faith"] or "")}
{p("Disability", c["disability"] or "")}{p("Subject to a CP plan", _cpp(c["child_protection_plan"]))}
{p("Date of incident", _d(c["incident_date"], "long"))}{p("Where", c["incident_location"] or "")}
<p class=MsoNormal><b><u>Criteria</u></b></p>
<p class=MsoNormal>Child has died {box[cr["child_died"] is True]} Yes {box[cr["child_died"] is False]} No</p>
<p class=MsoNormal>Child seriously harmed {box[cr["seriously_harmed"] is True]} Yes {box[cr["seriously_harmed"] is False]} No</p>
<p class=MsoNormal>Abuse or neglect {box[abuse == "known"]} Known {box[abuse == "suspected"]} Suspected</p>
<p class=MsoNormal>Concerns about inter-agency working {box[cr["agency_concern"] is True]} Yes {box[cr["agency_concern"] is False]} No</p>
<p class=MsoNormal><b><u>What happened</u></b></p>
<p class=MsoNormal>{case["summary"]}</p>
<p class=MsoNormal><b><u>Family</u></b></p>
<table border=1><tr><td><b>Name</b></td><td><b>Relationship</b></td><td><b>DOB</b></td><td><b>Address</b></td>
<td><b>Ethnicity</b></td></tr>{rows}</table>
<p class=MsoNormal><b><u>Other agencies</u></b></p>
{"".join(f"<p class=MsoNormal>{a['name']}, {a['agency']}, {a['contact']}, "
         f"{'still involved' if a['still_involved'] else 'no longer involved'}</p>" for a in case["other_agencies"])}
<p class=MsoNormal><b><u>Other processes</u></b></p>
{"".join(f"<p class=MsoNormal>{p_['process']}: {p_['status']}</p>" for p_ in case["other_processes"])}
<p class=MsoNormal>Kind regards</p><p class=MsoNormal>{r['name']}</p>
</body></html>"""


def text_dotted(case: Case) -> str:
    """A typed form pasted from a text template: CAPS headings, dot leaders, family as prose lines."""
    r, c, cr = case["referrer"], case["child"], case["criteria"]

    def line(label: str, value: str) -> str:
        return f"{label} {'.' * max(3, 34 - len(label))} {value}"

    fam = "\n".join(f"{m['relationship']} - {m['name']} (DOB {_d(m['date_of_birth'])}), {m['address']}, "
                    f"{m['ethnicity']}" for m in case["family"])
    abuse = cr["abuse_or_neglect"]
    return "\n".join([
        "Good afternoon,", "", "I attach below my referral for a rapid review.", "",
        "=== CSPR REFERRAL ===", "",
        "REFERRER DETAILS",
        line("Name of referrer", r["name"]), line("Job title", r["role"]), line("Agency", r["agency"]),
        line("Telephone", r["phone"]), line("Email", r["email"]), line("Date", _d(r["date_submitted"], "long")), "",
        "CHILD DETAILS",
        line("Name of child", c["name"]), line("Date of birth", _d(c["date_of_birth"])),
        line("Address", c["home_address"]), line("Parent/carer", c["carer"] or ""),
        line("Ethnicity", c["ethnicity"] or ""), line("Religion", c["faith"] or ""),
        line("Disability", c["disability"] or ""), line("CP plan", _cpp(c["child_protection_plan"])),
        line("Date of incident", _d(c["incident_date"])), line("Location", c["incident_location"] or ""), "",
        "CRITERIA",
        line("Has the child died", _yn(cr["child_died"])),
        line("Seriously harmed", _yn(cr["seriously_harmed"])),
        "Abuse or neglect:", f"  [{'X' if abuse == 'known' else ' '}] Known",
        f"  [{'X' if abuse == 'suspected' else ' '}] Suspected",
        line("Concern about agency working", _yn(cr["agency_concern"])), "",
        "SUMMARY OF INCIDENT", case["summary"], "",
        "FAMILY AND SIGNIFICANT OTHERS", fam, "",
        "OTHER AGENCIES INVOLVED",
        *[f"{a['agency']} - {a['name']} - {a['contact']} - {'current' if a['still_involved'] else 'closed'}"
          for a in case["other_agencies"]], "",
        "OTHER PROCESSES",
        *[f"{p['process']} - {p['status']}" for p in case["other_processes"]], "",
        "Regards", r["name"],
    ]) + "\n"


def return_html(ret: Case) -> str:
    a = ret["author"]
    return f"""<html><body>
<p>Please find our return for {ret['case_ref']} below.</p>
<table border=1>
<tr><td>Organisation</td><td>{ret['agency']}</td></tr>
<tr><td>Completed by</td><td>{a['name']}</td></tr><tr><td>Role</td><td>{a['role']}</td></tr>
<tr><td>Email</td><td>{a['email']}</td></tr><tr><td>Phone</td><td>{a['phone']}</td></tr>
<tr><td>Has your agency had any involvement with the child or family?</td><td>{'Yes' if ret['involved'] else 'No'}</td></tr>
<tr><td>Date completed</td><td>{_d(ret['date_completed'])}</td></tr>
</table>
<p>Regards<br>{a['name']}</p></body></html>"""


# --- the set ---------------------------------------------------------------------------------------------------

def scenarios() -> Iterator[Scenario]:
    k0, k1, k2, k3 = REFERRALS
    kent = kent_grid_docx(k0)
    yield ("r01_grid4_docx", to_bytes(message(f"{k0['referrer']['name']} <{k0['referrer']['email']}>",
                                              "CSPR notification", "Please find attached.",
                                              attachments=[("Notification form.docx", kent, DOCX)])),
           expected_referral(k0))
    yield ("r02_grid4_wordpdf", to_bytes(message(f"{k0['referrer']['name']} <{k0['referrer']['email']}>",
                                                 "CSPR notification", "Attached as PDF.",
                                                 attachments=[("Notification.pdf", soffice_pdf(kent, ".docx"), PDF)])),
           expected_referral(k0))
    merged = merged_docx(k1)
    yield ("r03_merged_docx", to_bytes(message(f"{k1['referrer']['name']} <{k1['referrer']['email']}>",
                                               "Rapid review referral", "Referral attached.",
                                               attachments=[("RR referral.docx", merged, DOCX)])),
           expected_referral(k1))
    yield ("r04_merged_wordpdf", to_bytes(message(f"{k1['referrer']['name']} <{k1['referrer']['email']}>",
                                                  "Rapid review referral", "Referral attached.",
                                                  attachments=[("RR referral.pdf", soffice_pdf(merged, ".docx"), PDF)])),
           expected_referral(k1))
    yield ("r05_report_pdf", to_bytes(message(f"{k2['referrer']['name']} <{k2['referrer']['email']}>",
                                              "CSPR referral", "Report attached.",
                                              attachments=[("report.pdf", soffice_pdf(report_html(k2).encode(), ".html"),
                                                            PDF)])),
           expected_referral(k2))
    yield ("r06_fillable_text_n", to_bytes(message(f"{k3['referrer']['name']} <{k3['referrer']['email']}>",
                                                   "CSPR referral", "Completed form attached.",
                                                   attachments=[("CSPR referral.pdf", fillable_pdf(k3, named=False),
                                                                 PDF)])),
           expected_referral(k3, no_lists=True))
    yield ("r07_fillable_named", to_bytes(message(f"{k0['referrer']['name']} <{k0['referrer']['email']}>",
                                                  "CSPR referral", "Completed form attached.",
                                                  attachments=[("referral.pdf", fillable_pdf(k0, named=True), PDF)])),
           expected_referral(k0, no_lists=True))
    yield ("r08_html_forwarded", to_bytes(message("Sam Oduya <sam.oduya@kent.gov.uk>", "FW: Referral", None,
                                                  html=html_typed(k2))),
           expected_referral(k2))
    yield ("r09_text_dotted", to_bytes(message(f"{k1['referrer']['name']} <{k1['referrer']['email']}>",
                                               "Referral for rapid review", text_dotted(k1))),
           expected_referral(k1))
    yield ("r10_text_dotted_personal", to_bytes(message("nadia.k1990@gmail.com", "cspr referral", text_dotted(k3))),
           expected_referral(k3))
    yield ("r11_report_pdf_b", to_bytes(message(f"{k3['referrer']['name']} <{k3['referrer']['email']}>",
                                                "CSPR referral", "Report attached.",
                                                attachments=[("report.pdf",
                                                              soffice_pdf(report_html(k3).encode(), ".html"), PDF)])),
           expected_referral(k3))
    yield ("r12_fillable_text_n_b", to_bytes(message(f"{k1['referrer']['name']} <{k1['referrer']['email']}>",
                                                     "CSPR referral", "Form attached.",
                                                     attachments=[("form.pdf", fillable_pdf(k1, named=False), PDF)])),
           expected_referral(k1, no_lists=True))
    r0, r1, r2 = RETURNS
    rd = return_docx(r0)
    yield ("a01_return_docx_title_agency", to_bytes(message(f"{r0['author']['name']} <{r0['author']['email']}>",
                                                           f"RE: {r0['case_ref']} request for information",
                                                           "Our summary is attached.",
                                                           attachments=[("IAS.docx", rd, DOCX)])),
           expected_return(r0))
    yield ("a02_return_wordpdf", to_bytes(message(f"{r1['author']['name']} <{r1['author']['email']}>",
                                                  f"RE: {r1['case_ref']} agency summary", "Attached.",
                                                  attachments=[("IAS.pdf", soffice_pdf(return_docx(r1), ".docx"),
                                                                PDF)])),
           expected_return(r1))
    yield ("a03_return_html_nil", to_bytes(message(f"{r2['author']['name']} <{r2['author']['email']}>",
                                                   f"RE: {r2['case_ref']} request for information", None,
                                                   html=return_html(r2))),
           expected_return(r2))


def main() -> None:
    for old in list(HERE.glob("*.eml")) + list(HERE.glob("*.expected.json")):
        old.unlink()
    count = 0
    for name, raw, expected in scenarios():
        (HERE / f"{name}.eml").write_bytes(raw)
        (HERE / f"{name}.expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n")
        count += 1
    print(f"wrote {count} messages to {HERE}")


if __name__ == "__main__":
    main()
