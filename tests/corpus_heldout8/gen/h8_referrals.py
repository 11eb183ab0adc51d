"""Referral layouts of held-out set 8 (each returns eml bytes, expected JSON, carrier description)."""

from __future__ import annotations

import copy
import datetime as dt
import random
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

import h8_data as D
import h8_extra as X
import h8_render as R
from h8_data import d, fmt_date

Case = dict[str, Any]


def exp(case: Case) -> dict[str, Any]:
    return D.expected("referral", None, referral=case)


def cover(rng: random.Random, ref: dict[str, Any], what: str) -> str:
    first = ref["name"].split()[0]
    opening = D.pick(rng, ["Good afternoon,", "Dear colleagues,", "Hello,", "Dear CSPR team,"])
    return (f"{opening}\n\n{what}\n\nPlease acknowledge receipt.\n\nKind regards\n{first}\n")


def frm(ref: dict[str, Any]) -> str:
    return f"{ref['name']} <{ref['email']}>"


def sent_on(ref: dict[str, Any], hour: int = 11) -> dt.datetime:
    return R.when(d(ref["date_submitted"]), hour, 23)


# --------------------------------------------------------------- r01: content controls + vertical merged labels

CPP_SDT = {"yes": "Current plan", "has_been": "Previous plan", "no": "Never", "not_known": "Unknown"}


def r01_docx_sdt_vmerge(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=4, n_agencies=3, n_processes=2)
    c["child"]["faith"] = None  # control left showing its placeholder
    ref, ch = c["referrer"], c["child"]
    doc = R.new_doc("Calibri", 10)
    R.heading(doc, "Serious Safeguarding Incident: Request for Consideration", 1, "1F3864")
    doc.add_paragraph("Complete every grey box. Tick boxes can be clicked. Return to the partnership business unit "
                      "by secure e-mail within one working day of becoming aware.")
    groups = [
        ("About you", [("Full name", ref["name"], None), ("Job title", ref["role"], None),
                       ("Organisation", ref["agency"], None), ("Telephone", ref["phone"], None),
                       ("Secure e-mail", ref["email"], None), ("Date of request", None, d(ref["date_submitted"]))]),
        ("About the child", [("Child's name", ch["name"], None), ("Date of birth", None, d(ch["date_of_birth"])),
                             ("Address", ch["home_address"], None), ("Lives with", ch["carer"], None),
                             ("Ethnicity", "@eth", None), ("Faith/belief", "@none", None),
                             ("Disability / SEND", ch["disability"], None), ("CP plan", "@cpp", None)]),
        ("The incident", [("Date", None, d(ch["incident_date"])), ("Place", ch["incident_location"], None)]),
    ]
    nrows = sum(len(g[1]) for g in groups)
    t = doc.add_table(rows=nrows, cols=3)
    t.style = "Table Grid"
    row = 0
    for gname, items in groups:
        top = t.cell(row, 0)
        if len(items) > 1:
            top = top.merge(t.cell(row + len(items) - 1, 0))
        R.cell_text(top, gname, bold=True)
        R.shade(top, "BDD7EE")
        for lab, val, dv in items:
            R.cell_text(t.cell(row, 1), lab, bold=True)
            R.shade(t.cell(row, 1), "DEEAF6")
            p = t.cell(row, 2).paragraphs[0]
            if dv is not None:
                X.sdt_date(p, dv, fmt_date(dv, "long0"), lab)
            elif val == "@eth":
                X.sdt_dropdown(p, ch["ethnicity"], D.ETHNICITIES, "Ethnicity")
            elif val == "@cpp":
                X.sdt_dropdown(p, CPP_SDT[ch["child_protection_plan"]], list(CPP_SDT.values()), "CP plan")
            elif val == "@none":
                X.sdt_text(p, None, lab)
            else:
                X.sdt_text(p, val, lab)
            row += 1
    doc.add_paragraph()
    R.heading(doc, "Does the incident meet the criteria?", 2, "1F3864")
    cr = c["criteria"]
    qs = [("The child has died", cr["child_died"]), ("The child has been seriously harmed", cr["seriously_harmed"]),
          ("There are concerns about how organisations worked together", cr["agency_concern"])]
    t2 = doc.add_table(rows=len(qs) + 1, cols=2)
    t2.style = "Table Grid"
    for i, (q, v) in enumerate(qs):
        R.cell_text(t2.cell(i, 0), q)
        p = t2.cell(i, 1).paragraphs[0]
        X.sdt_check(p, v is True, "Yes")
        X.sdt_check(p, v is False, "No")
    R.cell_text(t2.cell(len(qs), 0), "Abuse or neglect is")
    p = t2.cell(len(qs), 1).paragraphs[0]
    X.sdt_check(p, cr["abuse_or_neglect"] == "known", "Known")
    X.sdt_check(p, cr["abuse_or_neglect"] == "suspected", "Suspected")
    R.heading(doc, "Brief account", 2, "1F3864")
    X.sdt_text(doc.add_paragraph(), c["summary"], "Account")
    R.heading(doc, "Household and significant adults", 2, "1F3864")
    t3 = doc.add_table(rows=len(c["family"]) + 1, cols=5)
    t3.style = "Table Grid"
    for j, h in enumerate(["Name", "Relationship", "DOB", "Address", "Ethnicity"]):
        R.cell_text(t3.cell(0, j), h, bold=True)
        R.shade(t3.cell(0, j), "DEEAF6")
    for i, f in enumerate(c["family"], 1):
        for j, v in enumerate([f["name"], f["relationship"], fmt_date(d(f["date_of_birth"]), "slash"), f["address"],
                               f["ethnicity"]]):
            X.sdt_text(t3.cell(i, j).paragraphs[0], v, f"Family {i} {j}")
    R.heading(doc, "Organisations involved", 2, "1F3864")
    t4 = doc.add_table(rows=len(c["other_agencies"]) + 1, cols=4)
    t4.style = "Table Grid"
    for j, h in enumerate(["Organisation", "Worker", "Contact details", "Still open?"]):
        R.cell_text(t4.cell(0, j), h, bold=True)
        R.shade(t4.cell(0, j), "DEEAF6")
    for i, a in enumerate(c["other_agencies"], 1):
        X.sdt_text(t4.cell(i, 0).paragraphs[0], a["agency"], "Org")
        X.sdt_text(t4.cell(i, 1).paragraphs[0], a["name"], "Worker")
        X.sdt_text(t4.cell(i, 2).paragraphs[0], a["contact"], "Contact")
        X.sdt_check(t4.cell(i, 3).paragraphs[0], bool(a["still_involved"]), "")
    R.heading(doc, "Other processes", 2, "1F3864")
    t5 = doc.add_table(rows=len(c["other_processes"]) + 1, cols=2)
    t5.style = "Table Grid"
    R.cell_text(t5.cell(0, 0), "Process", bold=True)
    R.cell_text(t5.cell(0, 1), "Where it has got to", bold=True)
    for i, pr in enumerate(c["other_processes"], 1):
        X.sdt_text(t5.cell(i, 0).paragraphs[0], pr["process"], "Process")
        X.sdt_text(t5.cell(i, 1).paragraphs[0], pr["status"], "Status")
    body = cover(rng, ref, "Please find attached a request for consideration of a rapid review, completed on the "
                           "partnership's current template.")
    body += f"{ref['name']}\n{ref['role']}\n{ref['agency']}\n"
    msg = R.eml(name, frm(ref), "Request for consideration - serious safeguarding incident", sent_on(ref), text=body,
                attachments=[("Request_for_consideration.docx", R.doc_bytes(doc), "application",
                              "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    return msg, exp(c), "docx content controls (text, date, drop-down, check box) + vertically merged group labels"


# --------------------------------------------------------------- r02: legacy form fields in tabbed paragraphs

def r02_docx_legacy_tabs(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=4, n_agencies=3, n_processes=2, agency_idx=2)
    c["child"]["disability"] = None  # left as an empty form field
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    doc = R.new_doc("Arial", 10)
    sec = doc.sections[0]
    sec.header.paragraphs[0].text = "PROTECT - when complete this form contains personal data"
    R.heading(doc, "CHILD SAFEGUARDING PRACTICE REVIEW - NOTIFICATION OF A SERIOUS INCIDENT", 1)
    doc.add_paragraph("Press F11 / Tab to move between fields.")
    n = [0]

    def line(pairs: list[tuple[str, str | None]]) -> None:
        p = doc.add_paragraph()
        p.paragraph_format.tab_stops.add_tab_stop(Cm(4.2))
        p.paragraph_format.tab_stops.add_tab_stop(Cm(9.5))
        p.paragraph_format.tab_stops.add_tab_stop(Cm(12.5))
        for i, (lab, val) in enumerate(pairs):
            if i:
                p.add_run("\t")
            r = p.add_run(lab)
            r.bold = True
            p.add_run("\t")
            n[0] += 1
            X.formtext(p, val, f"Text{n[0]}")

    def checks(q: str, opts: list[tuple[str, bool]], stop: float = 9.5) -> None:
        p = doc.add_paragraph()
        p.paragraph_format.tab_stops.add_tab_stop(Cm(stop))
        p.add_run(q)
        p.add_run("\t")
        for lab, on in opts:
            n[0] += 1
            X.formcheck(p, on, f"Check{n[0]}")
            p.add_run(f" {lab}    ")

    fn, sn = ch["name"].split(" ", 1)
    R.heading(doc, "Part 1 - The child", 2)
    line([("Surname:", sn), ("Forename(s):", fn)])
    line([("Date of birth:", fmt_date(d(ch["date_of_birth"]), "slash"))])
    line([("Home address:", ch["home_address"])])
    line([("Main carer(s):", ch["carer"])])
    line([("Ethnic origin:", ch["ethnicity"]), ("Religion:", ch["faith"])])
    line([("Disability:", None)])
    cpp = ch["child_protection_plan"]
    checks("Child protection plan:", [("Currently", cpp == "yes"), ("Previously", cpp == "has_been"),
                                      ("Never", cpp == "no"), ("Not known", cpp == "not_known")], 4.2)
    R.heading(doc, "Part 2 - The incident", 2)
    line([("Date of incident:", fmt_date(d(ch["incident_date"]), "slash"))])
    line([("Location:", ch["incident_location"])])
    checks("Has the child died?", [("Yes", cr["child_died"] is True), ("No", cr["child_died"] is False)])
    checks("Has the child been seriously harmed?", [("Yes", cr["seriously_harmed"] is True),
                                                    ("No", cr["seriously_harmed"] is False)])
    checks("Is abuse or neglect", [("known", cr["abuse_or_neglect"] == "known"),
                                   ("suspected", cr["abuse_or_neglect"] == "suspected")])
    checks("Concerns about inter-agency working?", [("Yes", cr["agency_concern"] is True),
                                                    ("No", cr["agency_concern"] is False)])
    p = doc.add_paragraph()
    p.add_run("Circumstances of the incident:").bold = True
    p = doc.add_paragraph()
    n[0] += 1
    X.formtext(p, c["summary"], f"Text{n[0]}")
    R.heading(doc, "Part 3 - Family members and significant others", 2)
    t = doc.add_table(rows=len(c["family"]) + 1, cols=5)
    t.style = "Table Grid"
    for j, h in enumerate(["Full name", "Relationship to child", "Date of birth", "Ethnicity", "Address"]):
        R.cell_text(t.cell(0, j), h, bold=True)
    for i, f in enumerate(c["family"], 1):
        for j, v in enumerate([f["name"], f["relationship"], fmt_date(d(f["date_of_birth"]), "slash"), f["ethnicity"],
                               f["address"]]):
            n[0] += 1
            X.formtext(t.cell(i, j).paragraphs[0], v, f"Text{n[0]}")
    R.heading(doc, "Part 4 - Agencies", 2)
    t = doc.add_table(rows=len(c["other_agencies"]) + 1, cols=4)
    t.style = "Table Grid"
    for j, h in enumerate(["Agency", "Practitioner", "Phone / e-mail", "Currently involved"]):
        R.cell_text(t.cell(0, j), h, bold=True)
    for i, a in enumerate(c["other_agencies"], 1):
        for j, v in enumerate([a["agency"], a["name"], a["contact"]]):
            n[0] += 1
            X.formtext(t.cell(i, j).paragraphs[0], v, f"Text{n[0]}")
        p = t.cell(i, 3).paragraphs[0]
        n[0] += 1
        X.formcheck(p, a["still_involved"] is True, f"Check{n[0]}")
        p.add_run(" Y  ")
        n[0] += 1
        X.formcheck(p, a["still_involved"] is False, f"Check{n[0]}")
        p.add_run(" N")
    R.heading(doc, "Part 5 - Parallel processes", 2)
    for pr in c["other_processes"]:
        line([("Process:", pr["process"]), ("Status:", pr["status"])])
    R.heading(doc, "Part 6 - Person completing this form", 2)
    line([("Name:", ref["name"]), ("Designation:", ref["role"])])
    line([("Organisation:", ref["agency"])])
    line([("Tel:", ref["phone"]), ("E-mail:", ref["email"])])
    line([("Date:", fmt_date(d(ref["date_submitted"]), "slash"))])
    body = cover(rng, ref, "Attached is a notification of a serious incident for the CSPR group. The form is the "
                           "protected Word version with form fields.")
    msg = R.eml(name, frm(ref), "CSPR notification form", sent_on(ref, 16), text=body,
                attachments=[("CSPR notification.docx", R.doc_bytes(doc), "application",
                              "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    return msg, exp(c), "docx legacy FORMTEXT/FORMCHECKBOX fields in tab-aligned paragraphs, split surname/forename"


# --------------------------------------------------------------- r03: two children side by side

def r03_docx_two_children(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, band="child", n_family=3, n_agencies=3, n_processes=2)
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    sur = ch["name"].split(" ", 1)[1]
    sib_girl = rng.random() < 0.5
    sib = {"name": f"{D.pick(rng, D.GIRLS if sib_girl else D.BOYS)} {sur}",
           "relationship": "Sister" if sib_girl else "Brother",
           "date_of_birth": str(d(ch["date_of_birth"]) + dt.timedelta(days=rng.randint(400, 1500))),
           "address": ch["home_address"], "ethnicity": ch["ethnicity"]}
    c["family"] = c["family"][:3] + [sib]
    doc = R.new_doc("Verdana", 9)
    R.heading(doc, "Rapid Review Referral - Sibling Group", 1)
    doc.add_paragraph("Use one column per child. Child 1 is the child who died or was seriously harmed.")
    rows = [("", "Child 1", "Child 2"),
            ("Name", ch["name"], sib["name"]),
            ("Date of birth", fmt_date(d(ch["date_of_birth"]), "dots"), fmt_date(d(sib["date_of_birth"]), "dots")),
            ("Relationship to Child 1", "-", sib["relationship"]),
            ("Home address", ch["home_address"], sib["address"]),
            ("Main carer", ch["carer"], ch["carer"]),
            ("Ethnicity", ch["ethnicity"], sib["ethnicity"]),
            ("Religion", ch["faith"], ch["faith"]),
            ("Disability", ch["disability"], "None"),
            ("CP plan (Current / Previous / None / Not known)",
             {"yes": "Current", "has_been": "Previous", "no": "None", "not_known": "Not known"}[ch["child_protection_plan"]],
             "None"),
            ("Harmed in this incident?", "Yes", "No - present in the home")]
    t = doc.add_table(rows=len(rows), cols=3)
    t.style = "Table Grid"
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            R.cell_text(t.cell(i, j), v, bold=(i == 0 or j == 0))
            if i == 0 or j == 0:
                R.shade(t.cell(i, j), "E2EFD9")
    doc.add_paragraph()
    t = R.table(doc, [["Date of incident", fmt_date(d(ch["incident_date"]), "dots")],
                      ["Place of incident", ch["incident_location"]],
                      ["Did Child 1 die?", "Yes" if cr["child_died"] else "No"],
                      ["Was Child 1 seriously harmed?", "Yes" if cr["seriously_harmed"] else "No"],
                      ["Abuse / neglect known or suspected?", cr["abuse_or_neglect"].capitalize()],
                      ["Any concern about how agencies worked together?", "Yes" if cr["agency_concern"] else "No"],
                      ["What happened", c["summary"]]], fill="E2EFD9")
    R.heading(doc, "Adults in the children's lives", 2)
    R.table(doc, [["Name", "Relationship to Child 1", "Date of birth", "Address", "Ethnicity"]] +
            [[f["name"], f["relationship"], fmt_date(d(f["date_of_birth"]), "dots"), f["address"], f["ethnicity"]]
             for f in c["family"][:3]], bold_cols=(), header=True, fill="E2EFD9")
    doc.add_paragraph("(Child 2 is listed in the column above.)")
    R.heading(doc, "Agencies", 2)
    R.table(doc, [["Agency", "Contact person", "Phone or e-mail", "Still working with the family?"]] +
            [[a["agency"], a["name"], a["contact"], "Yes" if a["still_involved"] else "No"] for a in c["other_agencies"]],
            bold_cols=(), header=True, fill="E2EFD9")
    R.heading(doc, "Other investigations or reviews", 2)
    R.table(doc, [["Investigation / review", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]],
            bold_cols=(), header=True, fill="E2EFD9")
    R.heading(doc, "Referrer", 2)
    R.table(doc, [["Name", ref["name"], "Role", ref["role"]], ["Agency", ref["agency"], "Phone", ref["phone"]],
                  ["Email", ref["email"], "Date", fmt_date(d(ref["date_submitted"]), "dots")]], bold_cols=(0, 2),
            fill="E2EFD9")
    body = cover(rng, ref, "Referral attached for two siblings; the form covers both children but the serious "
                           "incident concerns Child 1.")
    msg = R.eml(name, frm(ref), "Rapid review referral (sibling group)", sent_on(ref), text=body,
                attachments=[("RR referral sibling group.docx", R.doc_bytes(doc), "application",
                              "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    return msg, exp(c), "docx with two children side by side (Child 1 / Child 2 columns)"


# --------------------------------------------------------------- r04: child's identifiers only in the page header

def _header_doc(c: Case, name: str) -> Any:
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    doc = R.new_doc("Arial", 10)
    hp = doc.sections[0].header.paragraphs[0]
    hp.text = (f"OFFICIAL-SENSITIVE    Subject: {ch['name']}    D.O.B. {fmt_date(d(ch['date_of_birth']), 'mon4')}")
    fp = doc.sections[0].footer.paragraphs[0]
    fp.text = "SSIR v2.3 - issued by the partnership business unit"
    R.heading(doc, "Serious Safeguarding Incident Referral (SSIR)", 1)
    doc.add_paragraph("The child's name and date of birth go in the page header so that every printed page "
                      "carries them. Do not repeat them in the body of the form.")
    R.heading(doc, "A. Person making this request", 2)
    R.table(doc, [["Your name", ref["name"]], ["Your job title", ref["role"]], ["Organisation", ref["agency"]],
                  ["Best contact number", ref["phone"]], ["Secure e-mail", ref["email"]],
                  ["Date of this request", fmt_date(d(ref["date_submitted"]), "mon4")]], fill="F2F2F2")
    R.heading(doc, "B. The child (name and DOB: see header)", 2)
    cpp = {"yes": "Yes - current plan", "has_been": "No - but has been on a plan before",
           "no": "No - never", "not_known": "Don't know"}[ch["child_protection_plan"]]
    R.table(doc, [["Usual address", ch["home_address"]], ["Who the child lives with", ch["carer"]],
                  ["Ethnic background", ch["ethnicity"]], ["Religion", ch["faith"]],
                  ["Additional needs / disability", ch["disability"]], ["Subject to a CP plan?", cpp]], fill="F2F2F2")
    R.heading(doc, "C. What happened", 2)
    R.table(doc, [["When did it happen?", fmt_date(d(ch["incident_date"]), "mon4")],
                  ["Where did it happen?", ch["incident_location"]],
                  ["Account", c["summary"]]], fill="F2F2F2")
    R.heading(doc, "D. Criteria (answer Y or N)", 2)
    yn = {True: "Y", False: "N"}
    R.table(doc, [["The child has died", yn[cr["child_died"]]], ["The child has been seriously harmed",
                                                                 yn[cr["seriously_harmed"]]],
                  ["Abuse or neglect is known", yn[cr["abuse_or_neglect"] == "known"]],
                  ["Abuse or neglect is suspected", yn[cr["abuse_or_neglect"] == "suspected"]],
                  ["Agencies may not have worked well together", yn[cr["agency_concern"]]]], fill="F2F2F2")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    R.heading(doc, "E. Household composition", 2)
    R.table(doc, [["Name", "D.O.B.", "Relationship", "Ethnicity", "Address"]] +
            [[f["name"], fmt_date(d(f["date_of_birth"]), "mon4"), f["relationship"], f["ethnicity"], f["address"]]
             for f in c["family"]], bold_cols=(), header=True, fill="F2F2F2")
    R.heading(doc, "F. Other professionals", 2)
    R.table(doc, [["Name", "Organisation", "Contact", "Still involved (Y/N)"]] +
            [[a["name"], a["agency"], a["contact"], yn[a["still_involved"]]] for a in c["other_agencies"]],
            bold_cols=(), header=True, fill="F2F2F2")
    R.heading(doc, "G. Parallel processes", 2)
    R.table(doc, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]],
            bold_cols=(), header=True, fill="F2F2F2")
    return doc


def r04_docx_header_details(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=5, n_agencies=3, n_processes=2, agency_idx=1)
    ref = c["referrer"]
    doc = _header_doc(c, name)
    body = cover(rng, ref, "Please see the attached SSIR. I have discussed it with my Head of Service who agrees "
                           "it should be considered.")
    msg = R.eml(name, frm(ref), "SSIR - for the CSPR sub-group", sent_on(ref, 9), text=body,
                attachments=[("SSIR.docx", R.doc_bytes(doc), "application",
                              "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    return msg, exp(c), "docx, child's name and DOB only in the page header; Y/N criteria with known and suspected rows"


def r20_pdf_soffice_header(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=4, n_agencies=4, n_processes=2, agency_idx=4)
    ref = c["referrer"]
    doc = _header_doc(c, name)
    pdf = R.soffice_pdf(R.doc_bytes(doc), "SSIR")
    body = cover(rng, ref, "SSIR attached as a PDF (our Word licence has lapsed on this laptop).")
    msg = R.eml(name, frm(ref), "SSIR referral - PDF", sent_on(ref, 14), text=body,
                attachments=[("SSIR.pdf", pdf, "application", "pdf")])
    return msg, exp(c), "PDF printed from Word by LibreOffice: child's name and DOB only in the repeating page header"


# --------------------------------------------------------------- r05: text boxes

def r05_docx_textboxes(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=4, n_agencies=3, n_processes=2, agency_idx=6)
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    doc = R.new_doc("Century Gothic", 10)
    R.heading(doc, "Is this a serious child safeguarding case?", 1, "7030A0")
    p = doc.add_paragraph()
    X.textbox(p, [("WHO IS REFERRING", True), (f"Name: {ref['name']}", False), (f"Role: {ref['role']}", False),
                  (f"Organisation: {ref['agency']}", False), (f"Tel: {ref['phone']}", False),
                  (f"Email: {ref['email']}", False),
                  (f"Date sent: {fmt_date(d(ref['date_submitted']), 'ord')}", False)], 7.5, "Referrer box")
    R.heading(doc, "The child", 2, "7030A0")
    cpp = {"yes": "Yes, current", "has_been": "Has been in the past", "no": "No", "not_known": "Not known"}
    R.table(doc, [["Name", ch["name"], "Born", fmt_date(d(ch["date_of_birth"]), "ord")],
                  ["Address", ch["home_address"], "Lives with", ch["carer"]],
                  ["Ethnicity", ch["ethnicity"], "Faith", ch["faith"]],
                  ["Disability", ch["disability"], "Child protection plan", cpp[ch["child_protection_plan"]]],
                  ["Incident date", fmt_date(d(ch["incident_date"]), "ord"), "Incident place", ch["incident_location"]]],
            bold_cols=(0, 2), fill="E4DFEC")
    R.heading(doc, "Tick what applies", 2, "7030A0")
    marks = [("Death of the child", cr["child_died"]), ("Serious harm to the child", cr["seriously_harmed"]),
             ("Abuse or neglect known", cr["abuse_or_neglect"] == "known"),
             ("Abuse or neglect suspected", cr["abuse_or_neglect"] == "suspected"),
             ("Concern about how agencies worked together", cr["agency_concern"])]
    for lab, on in marks:
        doc.add_paragraph(("✓  " if on else "     ") + lab)
    p = doc.add_paragraph()
    X.textbox(p, [("WHAT HAPPENED", True), (c["summary"], False)], 4.5, "Summary box")
    R.heading(doc, "Family", 2, "7030A0")
    R.table(doc, [["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]] +
            [[f["name"], f["relationship"], fmt_date(d(f["date_of_birth"]), "slash1"), f["address"], f["ethnicity"]]
             for f in c["family"]], bold_cols=(), header=True, fill="E4DFEC")
    R.heading(doc, "Who else knows the family", 2, "7030A0")
    R.table(doc, [["Agency", "Name", "Contact", "Still involved"]] +
            [[a["agency"], a["name"], a["contact"], "Yes" if a["still_involved"] else "No"] for a in c["other_agencies"]],
            bold_cols=(), header=True, fill="E4DFEC")
    R.heading(doc, "Other processes running", 2, "7030A0")
    R.table(doc, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]],
            bold_cols=(), header=True, fill="E4DFEC")
    body = cover(rng, ref, "Please find our referral attached. Our DSL team uses the one-page version of the form.")
    msg = R.eml(name, frm(ref), "Serious case referral from school", sent_on(ref, 15), text=body,
                attachments=[("Referral - school.docx", R.doc_bytes(doc), "application",
                              "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    return msg, exp(c), "docx with referrer block and summary in DrawingML text boxes (VML fallback too), ✓ marks"


# --------------------------------------------------------------- r06 / r19: delete as appropriate by strike-through

def _strike_doc(c: Case, vmerge_addr: bool) -> Any:
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    doc = R.new_doc("Times New Roman", 11)
    R.heading(doc, "Referral for a Rapid Review", 1)
    doc.add_paragraph("Delete as appropriate (strike through the options that do not apply).").runs[0].italic = True
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"

    def row(lab: str, val: str | None = None, opts: list[str] | None = None, keep: str = "") -> None:
        cells = t.add_row().cells
        R.cell_text(cells[0], lab, bold=True)
        if opts:
            X.strike_choice(cells[1].paragraphs[0], opts, keep)
        else:
            R.cell_text(cells[1], val or "")

    row("Referrer", ref["name"])
    row("Post held", ref["role"])
    row("Agency", ref["agency"])
    row("Tel.", ref["phone"])
    row("E-mail", ref["email"])
    row("Date", fmt_date(d(ref["date_submitted"]), "long"))
    row("Child", ch["name"])
    row("DOB", fmt_date(d(ch["date_of_birth"]), "long"))
    row("Address", ch["home_address"])
    row("Parent / carer", ch["carer"])
    row("Ethnicity", ch["ethnicity"])
    row("Faith", ch["faith"])
    row("Disability", ch["disability"])
    cpo = ["CURRENT", "PREVIOUS", "NEVER", "NOT KNOWN"]
    row("Child protection plan", opts=cpo, keep={"yes": "CURRENT", "has_been": "PREVIOUS", "no": "NEVER",
                                                 "not_known": "NOT KNOWN"}[ch["child_protection_plan"]])
    row("Date of incident", fmt_date(d(ch["incident_date"]), "long"))
    row("Where", ch["incident_location"])
    row("Has the child died?", opts=["YES", "NO"], keep="YES" if cr["child_died"] else "NO")
    row("Has the child been seriously harmed?", opts=["YES", "NO"], keep="YES" if cr["seriously_harmed"] else "NO")
    row("Abuse or neglect is", opts=["KNOWN", "SUSPECTED"], keep=cr["abuse_or_neglect"].upper())
    row("Concerns about agencies working together?", opts=["YES", "NO"], keep="YES" if cr["agency_concern"] else "NO")
    row("Summary", c["summary"])
    R.heading(doc, "Family and significant others", 2)
    fam = c["family"]
    t2 = doc.add_table(rows=len(fam) + 1, cols=5)
    t2.style = "Table Grid"
    for j, h in enumerate(["Name", "Relationship", "DOB", "Ethnicity", "Address"]):
        R.cell_text(t2.cell(0, j), h, bold=True)
    for i, f in enumerate(fam, 1):
        for j, v in enumerate([f["name"], f["relationship"], fmt_date(d(f["date_of_birth"]), "long"), f["ethnicity"]]):
            R.cell_text(t2.cell(i, j), v)
    # address column: rows sharing an address are one vertically merged cell
    i = 1
    while i <= len(fam):
        k = i
        while vmerge_addr and k < len(fam) and fam[k]["address"] == fam[i - 1]["address"]:
            k += 1
        cell = t2.cell(i, 4) if k == i else t2.cell(i, 4).merge(t2.cell(k, 4))
        R.cell_text(cell, fam[i - 1]["address"])
        i = k + 1
    R.heading(doc, "Agencies involved", 2)
    t3 = doc.add_table(rows=len(c["other_agencies"]) + 1, cols=4)
    t3.style = "Table Grid"
    for j, h in enumerate(["Agency", "Name", "Contact", "Still involved?"]):
        R.cell_text(t3.cell(0, j), h, bold=True)
    for i, a in enumerate(c["other_agencies"], 1):
        R.cell_text(t3.cell(i, 0), a["agency"])
        R.cell_text(t3.cell(i, 1), a["name"])
        R.cell_text(t3.cell(i, 2), a["contact"])
        X.strike_choice(t3.cell(i, 3).paragraphs[0], ["YES", "NO"], "YES" if a["still_involved"] else "NO")
    R.heading(doc, "Other processes", 2)
    R.table(doc, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]], bold_cols=(),
            header=True, fill="")
    return doc


def _sort_family_for_merge(c: Case) -> None:
    home = c["child"]["home_address"]
    c["family"].sort(key=lambda f: f["address"] != home)


def r06_docx_strike_yesno(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=5, n_agencies=3, n_processes=2)
    _sort_family_for_merge(c)
    ref = c["referrer"]
    doc = _strike_doc(c, True)
    body = cover(rng, ref, "Referral attached. I have struck through the options that do not apply as the form asks.")
    msg = R.eml(name, frm(ref), "Rapid Review referral", sent_on(ref, 10), text=body,
                attachments=[("Rapid Review referral.docx", R.doc_bytes(doc), "application",
                              "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    return msg, exp(c), "docx 'delete as appropriate' done with strike-through; family address vertically merged"


def r19_pdf_soffice_strike(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=4, n_agencies=3, n_processes=2)
    _sort_family_for_merge(c)
    ref = c["referrer"]
    pdf = R.soffice_pdf(R.doc_bytes(_strike_doc(c, True)), "RR_referral")
    body = cover(rng, ref, "Referral attached as PDF. Options that do not apply are struck through.")
    msg = R.eml(name, frm(ref), "Referral for rapid review (PDF)", sent_on(ref, 12), text=body,
                attachments=[("RR_referral.pdf", pdf, "application", "pdf")])
    return msg, exp(c), "PDF printed from Word: strike-through choices (struck words still in the text layer), merged address cells"


# --------------------------------------------------------------- r07: bilingual Welsh / English

def r07_docx_bilingual(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=4, n_agencies=3, n_processes=2)
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    rn = D.prof(rng)
    ref.update({"name": rn, "email": D.email_of(rn, "wales.nhs.uk"), "agency": "Hafren University Health Board",
                "role": "Designated Nurse Safeguarding Children", "phone": D.landline(rng)})
    doc = R.new_doc("Arial", 10)
    R.heading(doc, "Cais am Adolygiad Ymarfer / Request for a Practice Review", 1)
    doc.add_paragraph("Ffurflen ddwyieithog. Gallwch ei chwblhau yn Gymraeg neu yn Saesneg. / Bilingual form. "
                      "You may complete it in Welsh or English.")
    tick = {True: "✓", False: ""}

    def yn(v: bool | None) -> list[str]:
        return [tick[v is True], tick[v is False]]

    R.heading(doc, "1. Manylion yr atgyfeiriwr / Referrer details", 2)
    R.table(doc, [["Enw / Name", ref["name"]], ["Swydd / Role", ref["role"]], ["Sefydliad / Organisation", ref["agency"]],
                  ["Ffôn / Telephone", ref["phone"]], ["E-bost / Email", ref["email"]],
                  ["Dyddiad / Date", fmt_date(d(ref["date_submitted"]), "welsh")]], fill="D0CECE")
    R.heading(doc, "2. Y plentyn / The child", 2)
    cpp = {"yes": "Ydy - cynllun cyfredol / Yes - current plan", "has_been": "Bu / Has been",
           "no": "Nac ydy / No", "not_known": "Ddim yn gwybod / Not known"}
    R.table(doc, [["Enw / Name", ch["name"]], ["Dyddiad geni / Date of birth", fmt_date(d(ch["date_of_birth"]), "welsh")],
                  ["Cyfeiriad / Address", ch["home_address"]], ["Gofalwr / Carer", ch["carer"]],
                  ["Ethnigrwydd / Ethnicity", ch["ethnicity"]], ["Crefydd / Religion", ch["faith"]],
                  ["Anabledd / Disability", ch["disability"]],
                  ["Cynllun Amddiffyn Plant / Child Protection Plan", cpp[ch["child_protection_plan"]]],
                  ["Dyddiad y digwyddiad / Date of incident", fmt_date(d(ch["incident_date"]), "welsh")],
                  ["Lleoliad / Location", ch["incident_location"]]], fill="D0CECE")
    R.heading(doc, "3. Meini prawf / Criteria", 2)
    R.table(doc, [["", "Ydy / Yes", "Nac ydy / No"],
                  ["A yw'r plentyn wedi marw? / Has the child died?"] + yn(cr["child_died"]),
                  ["Niwed difrifol? / Seriously harmed?"] + yn(cr["seriously_harmed"]),
                  ["Camdriniaeth neu esgeulustod hysbys? / Abuse or neglect known?"] + yn(cr["abuse_or_neglect"] == "known"),
                  ["Camdriniaeth neu esgeulustod a amheuir? / Abuse or neglect suspected?"] +
                  yn(cr["abuse_or_neglect"] == "suspected"),
                  ["Pryder am gydweithio rhwng asiantaethau? / Concern about agencies working together?"] +
                  yn(cr["agency_concern"])], header=True, fill="D0CECE")
    R.heading(doc, "4. Crynodeb / Summary", 2)
    doc.add_paragraph(c["summary"])
    R.heading(doc, "5. Teulu / Family", 2)
    R.table(doc, [["Enw / Name", "Perthynas / Relationship", "Dyddiad geni / DOB", "Cyfeiriad / Address",
                   "Ethnigrwydd / Ethnicity"]] +
            [[f["name"], f["relationship"], fmt_date(d(f["date_of_birth"]), "welsh"), f["address"], f["ethnicity"]]
             for f in c["family"]], bold_cols=(), header=True, fill="D0CECE")
    R.heading(doc, "6. Asiantaethau eraill / Other agencies", 2)
    R.table(doc, [["Asiantaeth / Agency", "Enw / Name", "Cyswllt / Contact", "Yn dal i weithio gyda'r teulu? / Still involved?"]] +
            [[a["agency"], a["name"], a["contact"], "Ydy / Yes" if a["still_involved"] else "Nac ydy / No"]
             for a in c["other_agencies"]], bold_cols=(), header=True, fill="D0CECE")
    R.heading(doc, "7. Prosesau eraill / Other processes", 2)
    R.table(doc, [["Proses / Process", "Statws / Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]],
            bold_cols=(), header=True, fill="D0CECE")
    body = (f"Bore da / Good morning,\n\nWe are sending this referral across the border: the family moved to North "
            f"Somerset from our area in the summer and our health visiting service was involved until then. The "
            f"form is our bilingual template.\n\nDiolch / Thank you\n{ref['name']}\n{ref['role']}\n{ref['agency']}\n")
    msg = R.eml(name, frm(ref), "Atgyfeiriad / Referral - cross-border", sent_on(ref, 10), text=body,
                attachments=[("Atgyfeiriad_Referral.docx", R.doc_bytes(doc), "application",
                              "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    return msg, exp(c), "docx bilingual Welsh/English labels, ✓ in Yes/No columns, cross-border health board"


# --------------------------------------------------------------- r08: ODT table form (LibreOffice user)

def _odt_form(c: Case, header: str) -> bytes:
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    o = X.Odt(header)
    o.h("Notification of Serious Child Safeguarding Incident", 1)
    o.p("Completed in LibreOffice Writer. Please type Yes or No where asked.")
    fn, sn = ch["name"].split(" ", 1)
    o.table([[("SECTION 1 - CHILD", 4)],
             ["Forename(s)", fn, "Family name", sn],
             ["Date of birth", fmt_date(d(ch["date_of_birth"]), "dash"), "Ethnic group", ch["ethnicity"]],
             ["Home address", (ch["home_address"], 3)],
             ["Parent(s)/carer(s)", (ch["carer"], 3)],
             ["Religion", ch["faith"], "Disability", ch["disability"]],
             ["Child protection plan", {"yes": "Yes (current)", "has_been": "Has been", "no": "No",
                                        "not_known": "Not known"}[ch["child_protection_plan"]],
              "Date of incident", fmt_date(d(ch["incident_date"]), "dash")],
             ["Place of incident", (ch["incident_location"], 3)]], shade_first_col=False)
    o.table([[("SECTION 2 - CRITERIA", 2)],
             ["Did the child die?", "Yes" if cr["child_died"] else "No"],
             ["Was the child seriously harmed?", "Yes" if cr["seriously_harmed"] else "No"],
             ["Is abuse or neglect known or suspected?", cr["abuse_or_neglect"].capitalize()],
             ["Do you have concerns about how agencies worked together?", "Yes" if cr["agency_concern"] else "No"],
             ["Description of the incident", c["summary"]]])
    o.h("SECTION 3 - FAMILY / SIGNIFICANT OTHERS")
    o.table([["Name", "Relationship", "Date of birth", "Address", "Ethnic group"]] +
            [[f["name"], f["relationship"], fmt_date(d(f["date_of_birth"]), "dash"), f["address"], f["ethnicity"]]
             for f in c["family"]], shade_first_col=False, header=True)
    o.h("SECTION 4 - PROFESSIONALS")
    o.table([["Name", "Agency", "Contact", "Still involved?"]] +
            [[a["name"], a["agency"], a["contact"], "Yes" if a["still_involved"] else "No"] for a in c["other_agencies"]],
            shade_first_col=False, header=True)
    o.h("SECTION 5 - OTHER PROCESSES")
    o.table([["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]],
            shade_first_col=False, header=True)
    o.h("SECTION 6 - REFERRER")
    o.table([["Name", ref["name"], "Role", ref["role"]], ["Agency", ref["agency"], "Telephone", ref["phone"]],
             ["Email", ref["email"], "Date completed", fmt_date(d(ref["date_submitted"]), "dash")]],
            shade_first_col=False)
    return o.bytes()


def r08_odt_table_form(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=4, n_agencies=3, n_processes=3)
    ref = c["referrer"]
    rn = D.prof(rng)
    ref.update({"name": rn, "email": D.email_of(rn, "bridgeway.example.org"),
                "agency": "Bridgeway Domestic Abuse Service", "role": "Children and Young People's IDVA"})
    c["other_agencies"] = [a for a in c["other_agencies"] if a["agency"] != ref["agency"]]
    odt = _odt_form(c, "Bridgeway Domestic Abuse Service - CONFIDENTIAL")
    body = cover(rng, ref, "We are a commissioned domestic abuse charity. Attached is the notification form "
                           "(ODT format - we use LibreOffice, I hope that is OK).")
    msg = R.eml(name, frm(ref), "Notification of serious incident", sent_on(ref, 13), text=body,
                attachments=[("notification.odt", odt, "application", "vnd.oasis.opendocument.text")])
    return msg, exp(c), "ODT (hand-written OpenDocument, spanned cells, split forename/family name)"


# --------------------------------------------------------------- r09: RTF case-system export

def r09_rtf_case_export(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=5, n_agencies=3, n_processes=2, agency_idx=1)
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    rt = X.Rtf()
    pid = rng.randint(1000000, 9999999)
    rt.p("CHILDREN'S RECORD - SERIOUS INCIDENT NOTIFICATION (EXPORT)", bold=True, size=28)
    rt.p(f"Exported {fmt_date(d(ref['date_submitted']), 'slash')} 14:22 by {ref['name']}    Person ID: {pid}")
    rt.p("Worker", bold=True, size=22)
    W = [3000, 6600]
    for lab, val in [("Worker", ref["name"]), ("Worker role", ref["role"]), ("Team / organisation", ref["agency"]),
                     ("Work phone", ref["phone"]), ("Work email", ref["email"]),
                     ("Notification date", fmt_date(d(ref["date_submitted"]), "slash"))]:
        rt.row([lab, val], W)
    rt.p("")
    rt.p("Subject", bold=True, size=22)
    cpp = {"yes": "Subject to CP plan", "has_been": "Previous CP plan (ended)", "no": "No CP history",
           "not_known": "Unknown"}[ch["child_protection_plan"]]
    for lab, val in [("Full name", ch["name"]), ("DOB", fmt_date(d(ch["date_of_birth"]), "slash")),
                     ("Address", ch["home_address"]), ("Primary carer", ch["carer"]),
                     ("Ethnicity (CIN census)", ch["ethnicity"]), ("Religion", ch["faith"]),
                     ("Disability", ch["disability"]), ("CP status", cpp)]:
        rt.row([lab, val], W)
    rt.p("")
    rt.p("Incident", bold=True, size=22)
    yn = {True: "Y", False: "N"}
    for lab, val in [("Incident date", fmt_date(d(ch["incident_date"]), "slash")),
                     ("Incident location", ch["incident_location"]),
                     ("Death", yn[cr["child_died"]]), ("Serious harm", yn[cr["seriously_harmed"]]),
                     ("Abuse/neglect", cr["abuse_or_neglect"].capitalize()),
                     ("Multi-agency practice concern", yn[cr["agency_concern"]]),
                     ("Incident narrative", c["summary"])]:
        rt.row([lab, val], W)
    rt.p("")
    rt.p("Relationships", bold=True, size=22)
    FW = [2300, 1700, 1300, 2600, 1700]
    rt.row(["Name", "Relationship", "DOB", "Address", "Ethnicity"], FW, shade=True)
    for f in c["family"]:
        rt.row([f["name"], f["relationship"], fmt_date(d(f["date_of_birth"]), "slash"), f["address"], f["ethnicity"]],
               FW, bold_first=False)
    rt.p("")
    rt.p("Professional network", bold=True, size=22)
    AW = [2200, 3000, 2600, 1800]
    rt.row(["Professional", "Agency", "Contact", "Involvement"], AW, shade=True)
    for a in c["other_agencies"]:
        rt.row([a["name"], a["agency"], a["contact"], "Open" if a["still_involved"] else "Ended"], AW, bold_first=False)
    rt.p("")
    rt.p("Other processes", bold=True, size=22)
    for p in c["other_processes"]:
        rt.row([p["process"], p["status"]], W)
    body = cover(rng, ref, "The notification is exported from our case system as an RTF file (the system cannot "
                           "produce Word).")
    msg = R.eml(name, frm(ref), "Serious incident notification - case system export", sent_on(ref, 14), text=body,
                attachments=[(f"Export_{pid}.rtf", rt.bytes(), "application", "rtf")])
    return msg, exp(c), "RTF export from a case system (hand-written RTF tables, Open/Ended involvement)"


# --------------------------------------------------------------- r10: two-level header, forename/surname columns

def _gridspan(cell: Any, n: int) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    g = OxmlElement("w:gridSpan")
    g.set(qn("w:val"), str(n))
    tcpr.append(g)


def r10_docx_split_name_header(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=5, n_agencies=3, n_processes=2, agency_idx=0)
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    doc = R.new_doc("Arial", 9)
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    R.heading(doc, "Police referral: consideration for Child Safeguarding Practice Review", 1)
    doc.add_paragraph("Mark the applicable box with ✗.")
    fn, sn = ch["name"].split(" ", 1)
    R.table(doc, [["Referring officer", ref["name"], "Rank / role", ref["role"], "Force", ref["agency"]],
                  ["Telephone", ref["phone"], "Email", ref["email"], "Date of referral",
                   fmt_date(d(ref["date_submitted"]), "slash2")]], bold_cols=(0, 2, 4), fill="D9D9D9")
    doc.add_paragraph()
    R.table(doc, [["First name(s)", fn, "Last name", sn, "DOB", fmt_date(d(ch["date_of_birth"]), "slash2")],
                  ["Home address", ch["home_address"], "Carer(s)", ch["carer"], "Ethnicity", ch["ethnicity"]],
                  ["Faith", ch["faith"], "Disability", ch["disability"], "Date of incident",
                   fmt_date(d(ch["incident_date"]), "slash2")],
                  ["Location of incident", ch["incident_location"], "", "", "", ""]], bold_cols=(0, 2, 4), fill="D9D9D9")
    doc.add_paragraph()
    cpp = ch["child_protection_plan"]
    mk = {True: "✗", False: ""}
    t = R.table(doc, [["", "Yes", "No"], ["Child has died", mk[cr["child_died"]], mk[not cr["child_died"]]],
                      ["Child seriously harmed", mk[cr["seriously_harmed"]], mk[not cr["seriously_harmed"]]],
                      ["Concern re multi-agency working", mk[cr["agency_concern"]], mk[not cr["agency_concern"]]]],
                header=True, fill="D9D9D9")
    doc.add_paragraph()
    R.table(doc, [["Abuse/neglect", "Known", "Suspected"],
                  ["", mk[cr["abuse_or_neglect"] == "known"], mk[cr["abuse_or_neglect"] == "suspected"]]],
            header=True, fill="D9D9D9")
    doc.add_paragraph()
    R.table(doc, [["CP plan", "Current", "Past", "Never", "Not known"],
                  ["", mk[cpp == "yes"], mk[cpp == "has_been"], mk[cpp == "no"], mk[cpp == "not_known"]]],
            header=True, fill="D9D9D9")
    R.heading(doc, "Circumstances", 2)
    doc.add_paragraph(c["summary"])
    R.heading(doc, "Linked persons", 2)
    fam = c["family"]
    t = doc.add_table(rows=len(fam) + 2, cols=6)
    t.style = "Table Grid"
    a = t.cell(0, 0).merge(t.cell(0, 1))
    R.cell_text(a, "Person", bold=True)
    for j, h in [(2, "Relationship to child"), (3, "Born"), (4, "Address"), (5, "Ethnicity")]:
        m = t.cell(0, j).merge(t.cell(1, j))
        R.cell_text(m, h, bold=True)
    R.cell_text(t.cell(1, 0), "First name", bold=True)
    R.cell_text(t.cell(1, 1), "Last name", bold=True)
    for i, f in enumerate(fam, 2):
        f1, f2 = f["name"].split(" ", 1)
        for j, v in enumerate([f1, f2, f["relationship"], fmt_date(d(f["date_of_birth"]), "slash2"), f["address"],
                               f["ethnicity"]]):
            R.cell_text(t.cell(i, j), v)
    R.heading(doc, "Other agencies", 2)
    R.table(doc, [["Agency", "Officer / worker", "Contact", "Active (✗)"]] +
            [[a["agency"], a["name"], a["contact"], mk[bool(a["still_involved"])]] for a in c["other_agencies"]],
            bold_cols=(), header=True, fill="D9D9D9")
    R.heading(doc, "Other processes", 2)
    R.table(doc, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]],
            bold_cols=(), header=True, fill="D9D9D9")
    body = cover(rng, ref, "Attached is a police referral for consideration of a CSPR.")
    body += f"\n{ref['name']}\n{ref['role']}\n{ref['agency']}\n"
    msg = R.eml(name, frm(ref), "OFFICIAL-SENSITIVE: CSPR consideration", sent_on(ref, 8), text=body,
                attachments=[("CSPR_consideration.docx", R.doc_bytes(doc), "application",
                              "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    return msg, exp(c), "docx landscape: two-level family header (Person over First/Last name), ✗ in Yes/No columns"


# --------------------------------------------------------------- r11: ■/□ squares, Word -> PDF

def r11_pdf_soffice_squares(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=4, n_agencies=4, n_processes=2, agency_idx=5)
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    doc = R.new_doc("Calibri", 10)
    R.heading(doc, "Rapid Review Consideration Request", 1)

    def sq(opts: list[tuple[str, bool]]) -> str:
        return "   ".join(("■ " if on else "□ ") + lab for lab, on in opts)

    R.heading(doc, "Section A - Notifier", 2)
    R.table(doc, [["Notifier", ref["name"]], ["Position", ref["role"]], ["Service", ref["agency"]],
                  ["Direct line", ref["phone"]], ["Email address", ref["email"]],
                  ["Date notified", fmt_date(d(ref["date_submitted"]), "ordof")]], fill="FFF2CC")
    R.heading(doc, "Section B - Child", 2)
    cpp = ch["child_protection_plan"]
    R.table(doc, [["Child's full name", ch["name"]], ["Date of birth", fmt_date(d(ch["date_of_birth"]), "ordof")],
                  ["Address", ch["home_address"]], ["Parent/carer", ch["carer"]],
                  ["Religion", ch["faith"]], ["Disability", ch["disability"]],
                  ["Child protection plan", sq([("Current", cpp == "yes"), ("Previous", cpp == "has_been"),
                                               ("None", cpp == "no"), ("Unknown", cpp == "not_known")])]],
            fill="FFF2CC")
    doc.add_paragraph("Ethnicity (mark one):")
    eth = D.ETHNICITIES[:-1]
    rows = [eth[i:i + 3] for i in range(0, len(eth), 3)]
    R.table(doc, [[("■ " if e == ch["ethnicity"] else "□ ") + e for e in r] + [""] * (3 - len(r)) for r in rows],
            bold_cols=(), fill="")
    R.heading(doc, "Section C - Incident", 2)
    R.table(doc, [["Date", fmt_date(d(ch["incident_date"]), "ordof")], ["Place", ch["incident_location"]],
                  ["Child died", sq([("Yes", cr["child_died"]), ("No", not cr["child_died"])])],
                  ["Child seriously harmed", sq([("Yes", cr["seriously_harmed"]), ("No", not cr["seriously_harmed"])])],
                  ["Abuse or neglect", sq([("Known", cr["abuse_or_neglect"] == "known"),
                                           ("Suspected", cr["abuse_or_neglect"] == "suspected")])],
                  ["Agencies' joint working a concern", sq([("Yes", cr["agency_concern"]), ("No", not cr["agency_concern"])])],
                  ["Summary", c["summary"]]], fill="FFF2CC")
    R.heading(doc, "Section D - Family", 2)
    R.table(doc, [["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]] +
            [[f["name"], f["relationship"], fmt_date(d(f["date_of_birth"]), "slash"), f["address"], f["ethnicity"]]
             for f in c["family"]], bold_cols=(), header=True, fill="FFF2CC")
    R.heading(doc, "Section E - Agencies", 2)
    R.table(doc, [["Agency", "Name", "Contact", "Still involved"]] +
            [[a["agency"], a["name"], a["contact"], sq([("Yes", bool(a["still_involved"])),
                                                        ("No", not a["still_involved"])])] for a in c["other_agencies"]],
            bold_cols=(), header=True, fill="FFF2CC")
    R.heading(doc, "Section F - Other processes", 2)
    R.table(doc, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]],
            bold_cols=(), header=True, fill="FFF2CC")
    pdf = R.soffice_pdf(R.doc_bytes(doc), "RRCR")
    body = cover(rng, ref, "Rapid Review Consideration Request attached (PDF).")
    msg = R.eml(name, frm(ref), "Rapid Review Consideration Request", sent_on(ref, 17), text=body,
                attachments=[("RRCR.pdf", pdf, "application", "pdf")])
    return msg, exp(c), "PDF printed from Word: ■/□ squares, ethnicity as a 3-column tick grid"


# --------------------------------------------------------------- r12: reportlab, tables across a page break, ✓/✗

def r12_pdf_reportlab_split(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=6, n_agencies=4, n_processes=3, agency_idx=8)
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    tk = {True: "✓", False: "✗"}
    W = A4[0] - 30 * mm
    story: list[Any] = [R.P("Child Safeguarding Incident - Referral to the Partnership", size=14, bold=True),
                        Spacer(1, 4 * mm),
                        R.P("Answer each criterion with ✓ (yes) or ✗ (no).", size=8)]
    story.append(R.rl_table([["Referrer", ref["name"], "Role", ref["role"]],
                             ["Organisation", ref["agency"], "Telephone", ref["phone"]],
                             ["E-mail", ref["email"], "Date", fmt_date(d(ref["date_submitted"]), "mon4")]],
                            [W * .16, W * .34, W * .14, W * .36], label_cols=(0, 2)))
    story.append(Spacer(1, 3 * mm))
    cpp = {"yes": "Current", "has_been": "Previously", "no": "Never", "not_known": "Not known"}
    story.append(R.rl_table([["Child", ch["name"], "Born", fmt_date(d(ch["date_of_birth"]), "mon4")],
                             ["Address", ch["home_address"], "Cared for by", ch["carer"]],
                             ["Ethnicity", ch["ethnicity"], "Faith", ch["faith"]],
                             ["Disability", ch["disability"], "CP plan", cpp[ch["child_protection_plan"]]],
                             ["Incident on", fmt_date(d(ch["incident_date"]), "mon4"), "Incident at",
                              ch["incident_location"]]],
                            [W * .16, W * .34, W * .14, W * .36], label_cols=(0, 2)))
    story.append(Spacer(1, 3 * mm))
    story.append(R.rl_table([["Child died", tk[cr["child_died"]], "Seriously harmed", tk[cr["seriously_harmed"]]],
                             ["Abuse/neglect known", tk[cr["abuse_or_neglect"] == "known"], "Abuse/neglect suspected",
                              tk[cr["abuse_or_neglect"] == "suspected"]],
                             ["Agency working concern", tk[cr["agency_concern"]], "", ""]],
                            [W * .3, W * .2, W * .3, W * .2], label_cols=(0, 2)))
    story.append(Spacer(1, 3 * mm))
    story.append(R.P("Summary of the incident", bold=True, size=10))
    story.append(R.P(c["summary"], size=9))
    story.append(Spacer(1, 100 * mm))  # pushes the family table over the page break
    hdr = ["Name", "Relationship", "DOB", "Address", "Ethnicity"]
    fam_rows = [hdr] + [[f["name"], f["relationship"], fmt_date(d(f["date_of_birth"]), "mon4"), f["address"],
                         f["ethnicity"]] for f in c["family"]]
    story.append(R.P("Family members and significant others", bold=True, size=10))
    ft = Table([[R.P(x, bold=(i == 0)) for x in r] for i, r in enumerate(fam_rows)],
               colWidths=[W * .2, W * .17, W * .13, W * .32, W * .18], repeatRows=1)
    ft.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
                            ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(ft)
    story.append(Spacer(1, 3 * mm))
    story.append(R.P("Agencies involved", bold=True, size=10))
    story.append(R.rl_table([["Agency", "Contact name", "Telephone / e-mail", "Still involved"]] +
                            [[a["agency"], a["name"], a["contact"], tk[bool(a["still_involved"])]]
                             for a in c["other_agencies"]], [W * .34, W * .22, W * .3, W * .14], label_cols=(),
                            header=True))
    story.append(Spacer(1, 3 * mm))
    story.append(R.P("Other processes", bold=True, size=10))
    story.append(R.rl_table([["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]],
                            [W * .4, W * .6], label_cols=(), header=True))
    pdf = R.build_pdf(story, "Referral", footer="OFFICIAL-SENSITIVE when complete")
    body = cover(rng, ref, "Referral attached. It runs to two pages; the family table carries on over the page.")
    msg = R.eml(name, frm(ref), "Referral to the partnership - serious incident", sent_on(ref, 15), text=body,
                attachments=[("referral_form.pdf", pdf, "application", "pdf")])
    return msg, exp(c), "PDF drawn by reportlab: ✓/✗ answers, family table split over a page break (header repeated)"


# --------------------------------------------------------------- r13: fillable PDF, dotted hierarchical names, choice fields

def r13_pdf_fillable_dotted(name: str) -> tuple[bytes, dict, str]:
    import io
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=4, n_agencies=3, n_processes=2, agency_idx=3)
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    b = io.BytesIO()
    cv = rl_canvas.Canvas(b, pagesize=A4)
    cv.setTitle("CSPR referral (electronic)")
    form = cv.acroForm
    y = [A4[1] - 20 * mm]

    def label(t: str, x: float, size: int = 8, bold: bool = False) -> None:
        cv.setFont("DVB" if bold else "DV", size)
        cv.drawString(x, y[0], t)

    def text(fname: str, val: str, x: float, w: float, h: float = 12, multi: bool = False) -> None:
        form.textfield(name=fname, value=val, x=x, y=y[0] - 4, width=w, height=h, borderWidth=0.5, fontSize=7,
                       fieldFlags="multiline" if multi else "", fontName="Helvetica")

    def nl(gap: float = 16) -> None:
        y[0] -= gap
        if y[0] < 25 * mm:
            cv.showPage()
            y[0] = A4[1] - 20 * mm

    label("Electronic CSPR Referral", 20 * mm, 13, True)
    nl(22)
    label("1  Referrer", 20 * mm, 10, True)
    nl()
    for lab, fname, val in [("Name", "s1.referrer.name", ref["name"]), ("Role", "s1.referrer.role", ref["role"]),
                            ("Organisation", "s1.referrer.org", ref["agency"]), ("Phone", "s1.referrer.tel", ref["phone"]),
                            ("Email", "s1.referrer.mail", ref["email"]),
                            ("Date", "s1.referrer.date", fmt_date(d(ref["date_submitted"]), "slash"))]:
        label(lab, 20 * mm)
        text(fname, val, 55 * mm, 120 * mm)
        nl()
    label("2  Child", 20 * mm, 10, True)
    nl()
    for lab, fname, val in [("Name", "s2.child.name", ch["name"]),
                            ("Date of birth", "s2.child.dob", fmt_date(d(ch["date_of_birth"]), "slash")),
                            ("Address", "s2.child.addr", ch["home_address"]), ("Carer", "s2.child.carer", ch["carer"]),
                            ("Faith", "s2.child.faith", ch["faith"]), ("Disability", "s2.child.disab", ch["disability"]),
                            ("Incident date", "s2.incident.date", fmt_date(d(ch["incident_date"]), "slash")),
                            ("Incident place", "s2.incident.place", ch["incident_location"])]:
        label(lab, 20 * mm)
        text(fname, val, 55 * mm, 120 * mm)
        nl()
    label("Ethnicity", 20 * mm)
    form.choice(name="s2.child.ethnicity", value=ch["ethnicity"], options=D.ETHNICITIES, x=55 * mm, y=y[0] - 4,
                width=120 * mm, height=12, fontSize=7, fieldFlags="combo", fontName="Helvetica")
    nl()
    cpo = ["Yes - current", "Has been", "No", "Not known"]
    cpv = {"yes": "Yes - current", "has_been": "Has been", "no": "No", "not_known": "Not known"}[ch["child_protection_plan"]]
    label("CP plan", 20 * mm)
    form.choice(name="s2.child.cpplan", value=cpv, options=cpo, x=55 * mm, y=y[0] - 4, width=60 * mm, height=12,
                fontSize=7, fieldFlags="combo", fontName="Helvetica")
    nl(20)
    label("3  Criteria (tick)", 20 * mm, 10, True)
    nl()
    for lab, fname, on in [("Child died", "s3.died", cr["child_died"]), ("Seriously harmed", "s3.harmed", cr["seriously_harmed"]),
                           ("Abuse/neglect known", "s3.an.known", cr["abuse_or_neglect"] == "known"),
                           ("Abuse/neglect suspected", "s3.an.suspected", cr["abuse_or_neglect"] == "suspected"),
                           ("Concern about agencies' joint working", "s3.agency", cr["agency_concern"])]:
        form.checkbox(name=fname, checked=bool(on), x=20 * mm, y=y[0] - 3, size=9, buttonStyle="check",
                      borderWidth=0.5)
        label(lab, 26 * mm)
        nl(13)
    label("4  What happened", 20 * mm, 10, True)
    nl(46)
    text("s4.summary", c["summary"], 20 * mm, 170 * mm, 40, multi=True)
    nl(20)
    label("5  Family (name / relationship / DOB / address / ethnicity)", 20 * mm, 10, True)
    nl()
    for i, f in enumerate(c["family"], 1):
        text(f"s5.fam{i}.name", f["name"], 20 * mm, 34 * mm)
        text(f"s5.fam{i}.rel", f["relationship"], 55 * mm, 26 * mm)
        text(f"s5.fam{i}.dob", fmt_date(d(f["date_of_birth"]), "slash"), 82 * mm, 20 * mm)
        text(f"s5.fam{i}.addr", f["address"], 103 * mm, 58 * mm)
        text(f"s5.fam{i}.eth", f["ethnicity"], 162 * mm, 30 * mm)
        nl()
    nl(4)
    label("6  Agencies (agency / worker / contact / still involved)", 20 * mm, 10, True)
    nl()
    for i, a in enumerate(c["other_agencies"], 1):
        text(f"s6.ag{i}.agency", a["agency"], 20 * mm, 60 * mm)
        text(f"s6.ag{i}.worker", a["name"], 81 * mm, 40 * mm)
        text(f"s6.ag{i}.contact", a["contact"], 122 * mm, 50 * mm)
        form.checkbox(name=f"s6.ag{i}.open", checked=bool(a["still_involved"]), x=175 * mm, y=y[0] - 3, size=9,
                      buttonStyle="check", borderWidth=0.5)
        nl()
    nl(4)
    label("7  Other processes", 20 * mm, 10, True)
    nl()
    for i, p in enumerate(c["other_processes"], 1):
        text(f"s7.proc{i}.name", p["process"], 20 * mm, 70 * mm)
        text(f"s7.proc{i}.status", p["status"], 92 * mm, 90 * mm)
        nl()
    cv.save()
    body = cover(rng, ref, "Electronic referral attached - the values are in the form fields.")
    msg = R.eml(name, frm(ref), "Electronic CSPR referral", sent_on(ref, 10), text=body,
                attachments=[("eCSPR_referral.pdf", b.getvalue(), "application", "pdf")])
    return msg, exp(c), "fillable PDF: dotted hierarchical field names (s2.child.dob), combo boxes, check boxes"


# --------------------------------------------------------------- r14: web-form portal output (HTML)

def r14_html_portal(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=4, n_agencies=3, n_processes=2, agency_idx=7)
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    sub = f"FS{rng.randint(100000, 999999)}"
    qa: list[tuple[str, str]] = [
        ("What is your full name?", ref["name"]), ("What is your job title?", ref["role"]),
        ("Which organisation do you work for?", ref["agency"]), ("Contact telephone number", ref["phone"]),
        ("Email address", ref["email"]),
        ("What is the child's full name?", ch["name"]),
        ("What is the child's date of birth?", fmt_date(d(ch["date_of_birth"]), "slash")),
        ("Where does the child usually live?", ch["home_address"]),
        ("Who does the child live with?", ch["carer"]),
        ("How would the child's ethnicity be described?", ch["ethnicity"]),
        ("Does the child have a faith or religion?", ch["faith"]),
        ("Does the child have a disability?", ch["disability"]),
        ("Is the child, or has the child been, subject to a child protection plan?",
         {"yes": "Yes, the child is on a plan now", "has_been": "The child has been on a plan in the past",
          "no": "No", "not_known": "I don't know"}[ch["child_protection_plan"]]),
        ("When did the incident happen?", fmt_date(d(ch["incident_date"]), "slash")),
        ("Where did the incident happen?", ch["incident_location"]),
    ]
    crit = [lab for lab, on in [("The child has died", cr["child_died"]),
                                ("The child has been seriously harmed", cr["seriously_harmed"]),
                                ("Abuse or neglect is known", cr["abuse_or_neglect"] == "known"),
                                ("Abuse or neglect is suspected", cr["abuse_or_neglect"] == "suspected"),
                                ("I am concerned about how agencies worked together", cr["agency_concern"])] if on]
    h = ['<html><body style="font-family:Arial,sans-serif;font-size:14px">',
         f'<p>A new form has been submitted.</p><table style="border:0"><tr><td><b>Form</b></td><td>Child Safeguarding '
         f'Practice Review referral</td></tr><tr><td><b>Reference</b></td><td>{sub}</td></tr><tr><td><b>Submitted</b>'
         f'</td><td>{fmt_date(d(ref["date_submitted"]), "slash")} 09:41</td></tr></table><hr>']
    h.append("<h2>About you</h2>")
    for q, a in qa:
        if q.startswith("What is the child's full"):
            h.append("<h2>About the child</h2>")
        h.append(f'<h3 style="margin-bottom:2px">{R.esc(q)}</h3><p style="margin-top:0">{R.esc(a)}</p>')
    h.append("<h2>The criteria</h2><h3>Which of these apply? (select all that apply)</h3><ul>")
    h += [f"<li>{R.esc(x)}</li>" for x in crit]
    h.append("</ul><h3>Tell us what happened</h3>" + f"<p>{R.esc(c['summary'])}</p>")
    h.append("<h2>Family members and significant others</h2>")
    for i, f in enumerate(c["family"], 1):
        h.append(f"<h3>Person {i} of {len(c['family'])}</h3><dl>")
        for k, v in [("Full name", f["name"]), ("Relationship to the child", f["relationship"]),
                     ("Date of birth", fmt_date(d(f["date_of_birth"]), "slash")), ("Address", f["address"]),
                     ("Ethnicity", f["ethnicity"])]:
            h.append(f"<dt><b>{k}</b></dt><dd>{R.esc(v)}</dd>")
        h.append("</dl>")
    h.append("<h2>Other agencies</h2>")
    for i, a in enumerate(c["other_agencies"], 1):
        h.append(f"<h3>Agency {i} of {len(c['other_agencies'])}</h3><dl>")
        for k, v in [("Agency name", a["agency"]), ("Worker's name", a["name"]), ("Worker's contact details", a["contact"]),
                     ("Is the agency still involved?", "Yes" if a["still_involved"] else "No")]:
            h.append(f"<dt><b>{k}</b></dt><dd>{R.esc(v)}</dd>")
        h.append("</dl>")
    h.append("<h2>Other processes</h2>")
    for i, p in enumerate(c["other_processes"], 1):
        h.append(f"<h3>Process {i} of {len(c['other_processes'])}</h3><dl><dt><b>Process</b></dt><dd>{R.esc(p['process'])}"
                 f"</dd><dt><b>Current status</b></dt><dd>{R.esc(p['status'])}</dd></dl>")
    h.append("<hr><p style='color:#777'>This e-mail was generated automatically by the council's online forms "
             "service. Do not reply to this address.</p></body></html>")
    msg = R.eml(name, "Online Forms <noreply-forms@n-somerset.gov.uk>",
                f"Form submission: CSPR referral [{sub}]", sent_on(ref, 9), html="".join(h),
                headers={"Reply-To": ref["email"]})
    return msg, exp(c), "HTML body: web-form portal output (question headings, answers, 'Person 1 of 4' groups, dl lists)"


# --------------------------------------------------------------- r15: Outlook MsoNormal HTML forward

def r15_html_outlook_forward(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=4, n_agencies=3, n_processes=2, agency_idx=6)
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    mgr = D.prof(rng)
    mgr_mail = D.email_of(mgr, "n-somerset.gov.uk")
    sent = d(ref["date_submitted"])
    P = lambda t: f'<p class=MsoNormal>{t}<o:p></o:p></p>'  # noqa: E731
    B = lambda lab, v: P(f"<b>{R.esc(lab)}</b> {R.esc(v)}")  # noqa: E731
    h = ['<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv=Content-Type '
         'content="text/html; charset=utf-8"><style>p.MsoNormal{margin:0cm;font-size:11.0pt;font-family:"Calibri",'
         'sans-serif;}</style></head><body lang=EN-GB><div class=WordSection1>',
         P("Hi all,"), P("&nbsp;"),
         P("Forwarding the referral below from the school. I have not changed anything. Please log it."),
         P("&nbsp;"), P(f"{R.esc(mgr)}"), P("Education Safeguarding Adviser"), P("&nbsp;"),
         '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">',
         P(f"<b>From:</b> {R.esc(ref['name'])} &lt;{ref['email']}&gt; <br><b>Sent:</b> "
           f"{fmt_date(sent, 'wday')} 08:52<br><b>To:</b> {R.esc(mgr)} &lt;{mgr_mail}&gt;<br>"
           "<b>Subject:</b> CSPR referral"), "</div>", P("&nbsp;"),
         P(f"Dear {R.esc(mgr.split()[0])},"), P("&nbsp;"),
         P("As discussed, here are the details for the CSPR referral. I have typed them in as the form would not "
           "open on my laptop."), P("&nbsp;"),
         P("<b><u>Child</u></b>"), B("Name:", ch["name"]), B("D.O.B:", fmt_date(d(ch["date_of_birth"]), "slash")),
         B("Address:", ch["home_address"]), B("Lives with:", ch["carer"]), B("Ethnicity:", ch["ethnicity"]),
         B("Religion:", ch["faith"]), B("SEND/disability:", ch["disability"]),
         B("CP plan:", {"yes": "Yes - on a plan", "has_been": "Previously", "no": "No",
                        "not_known": "Not known"}[ch["child_protection_plan"]]),
         P("&nbsp;"), P("<b><u>Incident</u></b>"), B("Date:", fmt_date(d(ch["incident_date"]), "slash")),
         B("Where:", ch["incident_location"]),
         B("Died:", "Yes" if cr["child_died"] else "No"), B("Seriously harmed:", "Yes" if cr["seriously_harmed"] else "No"),
         B("Abuse/neglect:", cr["abuse_or_neglect"].capitalize()),
         B("Concerns about joint working:", "Yes" if cr["agency_concern"] else "No"),
         B("What happened:", c["summary"]), P("&nbsp;"), P("<b><u>Family</u></b>"),
         '<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style="border-collapse:collapse">']
    cols = ["DOB", "Name", "Relationship", "Lives at", "Ethnicity"]
    h.append("<tr>" + "".join(f"<td style='background:#D9E2F3'>{P('<b>' + x + '</b>')}</td>" for x in cols) + "</tr>")
    for f in c["family"]:
        vals = [fmt_date(d(f["date_of_birth"]), "slash"), f["name"], f["relationship"], f["address"], f["ethnicity"]]
        h.append("<tr>" + "".join(f"<td>{P(R.esc(v))}</td>" for v in vals) + "</tr>")
    h.append("</table>")
    h += [P("&nbsp;"), P("<b><u>Other agencies</u></b>")]
    for a in c["other_agencies"]:
        h.append(P(f"{R.esc(a['agency'])} - {R.esc(a['name'])} - {R.esc(a['contact'])} - "
                   f"{'still involved' if a['still_involved'] else 'no longer involved'}"))
    h += [P("&nbsp;"), P("<b><u>Other processes</u></b>")]
    for p in c["other_processes"]:
        h.append(P(f"{R.esc(p['process'])}: {R.esc(p['status'])}"))
    h += [P("&nbsp;"), P("Kind regards,"), P(R.esc(ref["name"])), P(R.esc(ref["role"])), P(R.esc(ref["agency"])),
          P(f"Tel: {ref['phone']}"), "</div></body></html>"]
    msg = R.eml(name, f"{mgr} <{mgr_mail}>", "FW: CSPR referral", R.when(sent, 10, 5), html="".join(h))
    c["referrer"]["date_submitted"] = None  # no form date: only the forwarded Sent: line
    return msg, exp(c), "HTML body (Outlook MsoNormal): forward by an adviser; typed bold labels; family table DOB-first"


# --------------------------------------------------------------- r16: plain text pasted form, ✓/✗, Original Message block

def r16_text_original_message(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=4, n_agencies=3, n_processes=2, agency_idx=4)
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    tk = {True: "✓", False: "✗"}
    coord = D.prof(rng)
    lines = ["Hello,", "",
             "Our system strips Word attachments with macros so I have pasted the form below.", "",
             "REFERRER", f"Name\t{ref['name']}", f"Role\t{ref['role']}", f"Agency\t{ref['agency']}",
             f"Tel\t{ref['phone']}", f"Email\t{ref['email']}", f"Date\t{fmt_date(d(ref['date_submitted']), 'ord')}", "",
             "CHILD", f"Name\t{ch['name']}", f"DOB\t{fmt_date(d(ch['date_of_birth']), 'ord')}",
             f"Address\t{ch['home_address']}", f"Carer\t{ch['carer']}", f"Ethnicity\t{ch['ethnicity']}",
             f"Faith\t{ch['faith']}", f"Disability\t{ch['disability']}",
             "CP plan\t" + {"yes": "Current", "has_been": "Has been", "no": "No", "not_known": "Not known"}[
                 ch["child_protection_plan"]],
             f"Date of incident\t{fmt_date(d(ch['incident_date']), 'ord')}", f"Place\t{ch['incident_location']}", "",
             "CRITERIA (✓ = yes, ✗ = no)", f"Child died\t{tk[cr['child_died']]}",
             f"Serious harm\t{tk[cr['seriously_harmed']]}",
             f"Abuse/neglect known\t{tk[cr['abuse_or_neglect'] == 'known']}",
             f"Abuse/neglect suspected\t{tk[cr['abuse_or_neglect'] == 'suspected']}",
             f"Concerns re agencies working together\t{tk[cr['agency_concern']]}", "",
             "SUMMARY", c["summary"], "", "FAMILY (name / relationship / DOB / address / ethnicity)"]
    for f in c["family"]:
        lines.append("\t".join([f["name"], f["relationship"], fmt_date(d(f["date_of_birth"]), "slash"), f["address"],
                                f["ethnicity"]]))
    lines += ["", "AGENCIES (agency / name / contact / still involved)"]
    for a in c["other_agencies"]:
        lines.append("\t".join([a["agency"], a["name"], a["contact"], tk[bool(a["still_involved"])]]))
    lines += ["", "OTHER PROCESSES"]
    for p in c["other_processes"]:
        lines.append(f"{p['process']}\t{p['status']}")
    lines += ["", "Thanks", ref["name"].split()[0], "", "-----Original Message-----",
              f"From: {D.PARTNERSHIP} <{D.TO}>",
              f"Sent: {fmt_date(d(ref['date_submitted']) - dt.timedelta(days=1), 'wday')} 16:40",
              f"To: {ref['name']} <{ref['email']}>", "Subject: RE: possible CSPR referral", "",
              f"Dear {ref['name'].split()[0]},", "",
              "Thank you for your call. Please send the referral form to this mailbox so it can be screened. If the "
              "form will not open, the questions can be answered in the body of an e-mail.", "",
              f"{coord}", "Business Support Officer", D.PARTNERSHIP]
    msg = R.eml(name, frm(ref), "RE: possible CSPR referral", sent_on(ref, 9), text="\n".join(lines) + "\n")
    return msg, exp(c), "plain text: form pasted with tabs, ✓/✗ answers, '-----Original Message-----' block below"


# --------------------------------------------------------------- r17: answers typed between quoted questions

def r17_text_inline_answers(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=3, n_agencies=3, n_processes=2, agency_idx=9)
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    coord = D.prof(rng)
    yn = {True: "Yes", False: "No"}
    qa = [("1. Your name, role and agency", f"{ref['name']}, {ref['role']}, {ref['agency']}"),
          ("2. Your phone number", ref["phone"]),
          ("3. Child's full name", ch["name"]),
          ("4. Child's date of birth", fmt_date(d(ch["date_of_birth"]), "long")),
          ("5. Child's address", ch["home_address"]),
          ("6. Who the child lives with", ch["carer"]),
          ("7. Ethnicity, religion and any disability",
           f"{ch['ethnicity']}; {ch['faith']}; {ch['disability']}"),
          ("8. Is the child on a CP plan, or has been?",
           {"yes": "Yes, current plan", "has_been": "Has been in the past", "no": "No, never",
            "not_known": "Not known to me"}[ch["child_protection_plan"]]),
          ("9. When and where did the incident happen?",
           f"{fmt_date(d(ch['incident_date']), 'long')}, {ch['incident_location']}"),
          ("10. Has the child died?", yn[cr["child_died"]]),
          ("11. Has the child been seriously harmed?", yn[cr["seriously_harmed"]]),
          ("12. Is abuse or neglect known or suspected?", cr["abuse_or_neglect"].capitalize()),
          ("13. Do you have concerns about how agencies worked together?", yn[cr["agency_concern"]]),
          ("14. Brief summary of what happened", c["summary"]),
          ("15. Family members (name, relationship, DOB, address, ethnicity)",
           "\n".join(f"{f['name']}, {f['relationship']}, {fmt_date(d(f['date_of_birth']), 'long')}, {f['address']}, "
                     f"{f['ethnicity']}" for f in c["family"])),
          ("16. Other agencies involved (name, agency, contact, still involved?)",
           "\n".join(f"{a['name']}, {a['agency']}, {a['contact']}, "
                     f"{'still involved' if a['still_involved'] else 'no longer involved'}" for a in c["other_agencies"])),
          ("17. Any other processes (police, coroner, etc.)",
           "\n".join(f"{p['process']} - {p['status']}" for p in c["other_processes"]))]
    when = d(ref["date_submitted"])
    lines = [f"My answers are below each question. {ref['name'].split()[0]}", "",
             f"On {fmt_date(when - dt.timedelta(days=1), 'wdshort')} at 15:02, {D.PARTNERSHIP} wrote:",
             "> Thank you for letting us know. So that the referral can be screened, please",
             "> reply to this e-mail with your answers typed under each question:", ">"]
    for q, a in qa:
        lines.append(f"> {q}")
        lines.append("")
        lines.extend(a.split("\n"))
        lines.append("")
    lines += [">", f"> {coord}", "> CSPR Business Support", "",
              "--", ref["name"], ref["role"], ref["agency"], f"Mobile {ref['phone']}"]
    c["referrer"]["date_submitted"] = None  # no date on the answers; the mail's own date is the receipt
    msg = R.eml(name, frm(ref), "RE: Serious incident - information needed for screening", R.when(when, 12, 30),
                text="\n".join(lines) + "\n")
    return msg, exp(c), "plain text: answers typed between '>'-quoted numbered questions; combined answers on one line"


# --------------------------------------------------------------- r18: forwarded as attachment (rfc822) holding an ODT

def r18_fwd_rfc822_odt(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=4, n_agencies=3, n_processes=2, agency_idx=7)
    ref = c["referrer"]
    odt = _odt_form(c, "Harbourside Homes - Safeguarding")
    sent = sent_on(ref, 11)
    inner = R.eml(name + ".inner", frm(ref), "Serious incident notification", sent,
                  text=cover(rng, ref, "Please see attached notification for the partnership. Sorry it is in "
                                       "OpenDocument format."),
                  to=f"Safeguarding Team <safeguarding@harbourside-homes.org.uk>",
                  attachments=[("notification.odt", odt, "application", "vnd.oasis.opendocument.text")])
    fwd = D.prof(rng)
    msg = R.eml(name, f"{fwd} <{D.email_of(fwd, 'harbourside-homes.org.uk')}>", "FW: Serious incident notification",
                R.when(d(ref["date_submitted"]), 15, 2),
                text=f"Hello,\n\nPassing this on from our tenancy team - the original e-mail and form are attached.\n\n"
                     f"{fwd}\nHead of Safeguarding, Harbourside Homes\n",
                rfc822=inner, rfc822_name="Serious incident notification.eml")
    return msg, exp(c), "forwarded message/rfc822 whose attachment is an ODT form (housing association)"


# --------------------------------------------------------------- r26: Question | Answer | Notes, people as columns

def r26_docx_transposed_people(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    c = D.referral_case(rng, n_family=4, n_agencies=3, n_processes=2, agency_idx=1)
    ref, ch, cr = c["referrer"], c["child"], c["criteria"]
    doc = R.new_doc("Arial", 9)
    R.heading(doc, "Practice Review Screening Request", 1, "375623")
    doc.add_paragraph("Use the Notes column for anything the screening group should know about an answer.")
    yn = {True: "Yes", False: "No"}
    cpp = {"yes": "Yes - current", "has_been": "Previously", "no": "No", "not_known": "Not known"}
    rows = [["Question", "Answer", "Notes"],
            ["Requesting practitioner", ref["name"], "Discussed with my Head of Service"],
            ["Job title", ref["role"], ""],
            ["Service", ref["agency"], ""],
            ["Phone", ref["phone"], "Mobile is best; I work Monday to Thursday"],
            ["E-mail", ref["email"], ""],
            ["Date of request", fmt_date(d(ref["date_submitted"]), "long"), ""],
            ["Child's name", ch["name"], "Known as " + ch["name"].split()[0][:3]],
            ["Child's date of birth", fmt_date(d(ch["date_of_birth"]), "long"), "Confirmed with the GP practice"],
            ["Child's address", ch["home_address"], "Family moved here in the spring"],
            ["Child lives with", ch["carer"], ""],
            ["Ethnicity", ch["ethnicity"], "As recorded on the child's file"],
            ["Faith", ch["faith"], ""],
            ["Disability", ch["disability"], ""],
            ["Child protection plan", cpp[ch["child_protection_plan"]], ""],
            ["Date of the incident", fmt_date(d(ch["incident_date"]), "long"), "Reported to us two days later"],
            ["Place of the incident", ch["incident_location"], ""],
            ["Has the child died?", yn[cr["child_died"]], ""],
            ["Has the child been seriously harmed?", yn[cr["seriously_harmed"]], ""],
            ["Is abuse or neglect known or suspected?", cr["abuse_or_neglect"].capitalize(), "Police investigation open"],
            ["Concerns about how agencies worked together?", yn[cr["agency_concern"]], ""],
            ["What happened?", c["summary"], ""]]
    R.table(doc, rows, bold_cols=(0,), header=True, fill="E2EFD9")
    R.heading(doc, "Family and significant others (one column per person)", 2, "375623")
    fam = c["family"]
    R.table(doc, [["", *[f"Person {i}" for i in range(1, len(fam) + 1)]],
                  ["Name", *[f["name"] for f in fam]],
                  ["Relationship to the child", *[f["relationship"] for f in fam]],
                  ["Date of birth", *[fmt_date(d(f["date_of_birth"]), "long") for f in fam]],
                  ["Address", *[f["address"] for f in fam]],
                  ["Ethnicity", *[f["ethnicity"] for f in fam]]], bold_cols=(0,), header=True, fill="E2EFD9")
    R.heading(doc, "Other agencies (one column per agency)", 2, "375623")
    ag = c["other_agencies"]
    R.table(doc, [["Agency", *[a["agency"] for a in ag]],
                  ["Worker", *[a["name"] for a in ag]],
                  ["Contact", *[a["contact"] for a in ag]],
                  ["Still involved?", *[yn[bool(a["still_involved"])] for a in ag]]], bold_cols=(0,), fill="E2EFD9")
    R.heading(doc, "Other processes", 2, "375623")
    R.table(doc, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]],
            bold_cols=(), header=True, fill="E2EFD9")
    body = cover(rng, ref, "Screening request attached. I have added notes where it may help.")
    msg = R.eml(name, frm(ref), "Practice review screening request", sent_on(ref, 13), text=body,
                attachments=[("Screening request.docx", R.doc_bytes(doc), "application",
                              "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    return msg, exp(c), "docx Question | Answer | Notes rows (notes are not values); family and agencies one column per person"
