"""Referral layouts of held-out set 10 (forms; narratives and unreadable ones are in h10_others.py)."""

from __future__ import annotations

import csv
import datetime as dt
import html as H
import io
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas

import h10_extra as X
import h10_render as R
from h10_data import TO, Case, email_of, expected, fmt_date, make_case

DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
CPP = {"A": {"yes": "Current", "has_been": "Previous", "no": "Never", "not_known": "Not known"}}


def yn(b: bool | None) -> str:
    return "Yes" if b else "No"


def fam_rows(c: Case, style: str) -> list[dict[str, str]]:
    return [{"name": f["name"], "rel": f["relationship"], "dob": fmt_date(f["date_of_birth"], style),
             "addr": f["address"], "eth": f["ethnicity"]} for f in c.family]


# ------------------------------------------------------------------ r01 HTML definition lists (forms portal)

def r01_html_dl_portal(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_family=3, n_agencies=2, n_proc=2)
    st = "long"
    rf, ch = c.referrer, c.child
    cpp = {"yes": "Yes - the child is currently on a plan", "has_been": "The child has had a plan in the past",
           "no": "No - never had a plan", "not_known": "I don't know"}[ch["child_protection_plan"]]

    def dl(pairs: list[tuple[str, str]]) -> str:
        return "<dl>" + "".join(f"<dt>{H.escape(k)}</dt><dd>{H.escape(v)}</dd>" for k, v in pairs) + "</dl>"

    fam = "".join(f"<h4>Person {i + 1}</h4>" + dl([("Full name", f["name"]), ("Relationship to the child", f["relationship"]),
                                                   ("Date of birth", fmt_date(f["date_of_birth"], st)),
                                                   ("Address", f["address"]), ("Ethnicity", f["ethnicity"])])
                  for i, f in enumerate(c.family))
    ags = "".join(f"<h4>Professional {i + 1}</h4>" + dl([("Name", a["name"]), ("Organisation", a["agency"]),
                                                         ("Phone or email", a["contact"]),
                                                         ("Is this service still working with the family?",
                                                          "Yes" if a["still_involved"] else "No, case closed")])
                  for i, a in enumerate(c.agencies))
    procs = "".join(f"<h4>Process {i + 1}</h4>" + dl([("Process", p["process"]), ("Where has it got to?", p["status"])])
                    for i, p in enumerate(c.processes))
    crit = [("Has the child died?", yn(c.criteria["child_died"])),
            ("Has the child been seriously harmed?", yn(c.criteria["seriously_harmed"])),
            ("Is abuse or neglect known or suspected?", c.criteria["abuse_or_neglect"].capitalize()),
            ("Are there concerns about how agencies worked together?", yn(c.criteria["agency_concern"]))]
    body = f"""<html><head><style>dt{{font-weight:bold;margin-top:6px}} dd{{margin-left:0}}</style></head><body>
<p style="color:#555">This is an automated message from North Somerset Council online forms. Do not reply to this address.</p>
<h2>Notification of a serious child safeguarding incident</h2>
<p>Reference: FS-{c.rng.randint(100000, 999999)}<br>Submitted: {fmt_date(rf['date_submitted'], 'wday')} at 14:{c.rng.randint(10, 59)}</p>
<h3>Section 1: your details</h3>
{dl([("Your name", rf['name']), ("Job title", rf['role']), ("Organisation", rf['agency']), ("Email address", rf['email']), ("Telephone", rf['phone'])])}
<h3>Section 2: the child</h3>
{dl([("Child's full name", ch['name']), ("Child's date of birth", fmt_date(ch['date_of_birth'], st)), ("Home address", ch['home_address']),
     ("Who does the child live with / main carer?", ch['carer']), ("Ethnicity", ch['ethnicity']), ("Religion or belief", ch['faith']),
     ("Disability or additional needs", ch['disability']), ("Child protection plan", cpp)])}
<h3>Section 3: the incident</h3>
{dl([("Date of the incident", fmt_date(ch['incident_date'], st)), ("Where did it happen?", ch['incident_location'])] + crit + [("Briefly describe what happened", c.summary)])}
<h3>Section 4: family and household</h3>
{fam}
<h3>Section 5: other professionals</h3>
{ags}
<h3>Section 6: other processes</h3>
{procs}
<p style="font-size:smaller">You can view this submission in the forms dashboard.</p></body></html>"""
    msg = R.eml(name, "North Somerset Online Forms <no-reply@forms.n-somerset.gov.uk>",
                f"Form submission: Serious child safeguarding incident notification", R.when(rf["date_submitted"], 14, 31),
                html=body, headers={"Reply-To": f"{rf['name']} <{rf['email']}>"})
    return msg, expected("referral", referral=c.ref_json()), "html-dl-portal"


# ------------------------------------------------------------------ r02 reportlab boxed fields, ticks drawn as lines

def _box(cv: Any, x: float, y: float, w: float, h: float, label: str, value: str, size: float = 9) -> None:
    cv.setStrokeColor(colors.HexColor("#4F6228"))
    cv.rect(x, y, w, h)
    cv.setFont("DV", 6)
    cv.setFillColor(colors.HexColor("#4F6228"))
    cv.drawString(x + 2, y + h - 7, label.upper())
    cv.setFillColor(colors.black)
    cv.setFont("DV", size)
    # wrap value
    words, lines, cur = value.split(), [], ""
    for wd in words:
        t = (cur + " " + wd).strip()
        if cur and cv.stringWidth(t, "DV", size) > w - 6:
            lines.append(cur)
            cur = wd
        else:
            cur = t
    lines.append(cur)
    for i, ln in enumerate(lines):
        cv.drawString(x + 3, y + h - 18 - i * (size + 2), ln)


def _tick(cv: Any, x: float, y: float, checked: bool, label: str) -> float:
    cv.rect(x, y, 8, 8)
    if checked:  # drawn as two strokes: no character in the text layer
        cv.line(x + 1, y + 1, x + 7, y + 7)
        cv.line(x + 1, y + 7, x + 7, y + 1)
    cv.setFont("DV", 8)
    cv.drawString(x + 11, y + 1, label)
    return x + 11 + cv.stringWidth(label, "DV", 8) + 10


def r02_pdf_boxes_drawn_ticks(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_family=3, n_agencies=2, n_proc=1)
    rf, ch = c.referrer, c.child
    st = "dot"
    b = io.BytesIO()
    cv = rl_canvas.Canvas(b, pagesize=A4)
    W, Hh = A4
    L = 15 * mm
    cw = W - 2 * L
    cv.setFont("DVB", 13)
    cv.drawString(L, Hh - 20 * mm, "Serious Incident Notification - request for Rapid Review")
    cv.setFont("DV", 8)
    cv.drawString(L, Hh - 25 * mm, "Complete every box. Mark the boxes that apply with a cross.")
    y = Hh - 30 * mm
    rows = [[("Name of child", ch["name"], 0.5), ("Date of birth", fmt_date(ch["date_of_birth"], st), 0.2),
             ("Ethnic origin", ch["ethnicity"], 0.3)],
            [("Home address", ch["home_address"], 0.6), ("Parent / carer", ch["carer"], 0.4)],
            [("Religion", ch["faith"], 0.3), ("Disability", ch["disability"], 0.35),
             ("Date of incident", fmt_date(ch["incident_date"], st), 0.35)],
            [("Location of incident", ch["incident_location"], 1.0)]]
    for row in rows:
        x = L
        for lab, val, frac in row:
            _box(cv, x, y - 28, cw * frac, 28, lab, val)
            x += cw * frac
        y -= 28
    y -= 14
    cv.setFont("DVB", 9)
    cv.drawString(L, y, "Criteria")
    y -= 14
    for q, val in [("Child has died", c.criteria["child_died"]), ("Child seriously harmed", c.criteria["seriously_harmed"]),
                   ("Concerns about how organisations worked together", c.criteria["agency_concern"])]:
        cv.setFont("DV", 8)
        cv.drawString(L, y + 1, q)
        x = L + 80 * mm
        x = _tick(cv, x, y, val, "Yes")
        _tick(cv, x, y, not val, "No")
        y -= 13
    cv.drawString(L, y + 1, "Abuse or neglect")
    x = _tick(cv, L + 80 * mm, y, c.criteria["abuse_or_neglect"] == "known", "Known")
    _tick(cv, x, y, c.criteria["abuse_or_neglect"] == "suspected", "Suspected")
    y -= 13
    cv.drawString(L, y + 1, "Child protection plan")
    x = L + 80 * mm
    for k, lab in [("yes", "Current"), ("has_been", "Previous"), ("no", "Never"), ("not_known", "Unknown")]:
        x = _tick(cv, x, y, ch["child_protection_plan"] == k, lab)
    y -= 12
    _box(cv, L, y - 62, cw, 62, "What happened (brief summary)", c.summary)
    y -= 76
    cv.setFont("DVB", 9)
    cv.drawString(L, y, "Family members")
    y -= 4
    cols = [("D.O.B.", 0.13), ("Name", 0.22), ("Relationship", 0.16), ("Ethnicity", 0.17), ("Address", 0.32)]
    x = L
    cv.setFont("DVB", 7)
    for lab, frac in cols:
        cv.rect(x, y - 12, cw * frac, 12)
        cv.drawString(x + 2, y - 9, lab)
        x += cw * frac
    y -= 12
    for f in c.family:
        vals = [fmt_date(f["date_of_birth"], st), f["name"], f["relationship"], f["ethnicity"], f["address"]]
        x = L
        for (lab, frac), v in zip(cols, vals):
            cv.rect(x, y - 22, cw * frac, 22)
            cv.setFont("DV", 7)
            words, lines, cur = v.split(), [], ""
            for wd in words:
                t = (cur + " " + wd).strip()
                if cv.stringWidth(t, "DV", 7) > cw * frac - 4:
                    lines.append(cur)
                    cur = wd
                else:
                    cur = t
            lines.append(cur)
            for i, ln in enumerate(lines[:2]):
                cv.drawString(x + 2, y - 9 - i * 9, ln)
            x += cw * frac
        y -= 22
    y -= 12
    cv.setFont("DVB", 9)
    cv.drawString(L, y, "Other agencies involved")
    y -= 14
    for a in c.agencies:
        cv.setFont("DV", 7)
        cv.drawString(L, y + 1, f"{a['agency']}: {a['name']}, {a['contact']}")
        x = _tick(cv, L + cw - 35 * mm, y, a["still_involved"], "Open")
        _tick(cv, x, y, not a["still_involved"], "Closed")
        y -= 13
    p = c.processes[0]
    y -= 6
    _box(cv, L, y - 28, cw * 0.5, 28, "Other process under way", p["process"])
    _box(cv, L + cw * 0.5, y - 28, cw * 0.5, 28, "Stage reached", p["status"])
    y -= 40
    cv.setFont("DVB", 9)
    cv.drawString(L, y, "Person completing this form")
    y -= 4
    _box(cv, L, y - 28, cw * 0.35, 28, "Name", rf["name"])
    _box(cv, L + cw * 0.35, y - 28, cw * 0.65, 28, "Role", rf["role"])
    y -= 28
    _box(cv, L, y - 28, cw * 0.35, 28, "Organisation", rf["agency"])
    _box(cv, L + cw * 0.35, y - 28, cw * 0.41, 28, "Email", rf["email"], size=6)
    _box(cv, L + cw * 0.76, y - 28, cw * 0.13, 28, "Phone", rf["phone"], size=7)
    _box(cv, L + cw * 0.89, y - 28, cw * 0.11, 28, "Date", fmt_date(rf["date_submitted"], st), size=7)
    cv.showPage()
    cv.save()
    pdf = b.getvalue()
    text = (f"Hello,\n\nPlease find attached a notification for consideration of a rapid review.\n\nThanks\n{rf['name']}\n"
            f"{rf['role']}\n{rf['agency']}\n")
    msg = R.eml(name, f"{rf['name']} <{rf['email']}>", "Serious incident notification - rapid review request",
                R.when(rf["date_submitted"], 9, 2), text=text,
                attachments=[("SIN form.pdf", pdf, "application", "pdf")])
    return msg, expected("referral", referral=c.ref_json()), "pdf-reportlab-boxes-drawn-ticks"


# ------------------------------------------------------------------ r03 Word table with merged cells -> PDF (LibreOffice)

def _vmerge_col(t: Any, col: int, r0: int, r1: int, text: str) -> None:
    a = t.cell(r0, col).merge(t.cell(r1, col))
    a.text = ""
    R.cell_text(a, text, bold=True)
    R.shade(a, "DEEAF6")


def r03_pdf_soffice_merged(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_family=4, n_agencies=3, n_proc=2, n_sib=1)
    rf, ch = c.referrer, c.child
    st = "mon"
    cp = {"yes": "Subject to a plan now", "has_been": "Plan ended (previous)", "no": "Never subject to a plan",
          "not_known": "Not known"}[ch["child_protection_plan"]]
    d = R.new_doc("Calibri", 10)
    d.add_heading("Referral for consideration of a Rapid Review", 1)
    d.add_paragraph("North Somerset Safeguarding Children Partnership. Discuss with your agency's representative "
                    "on the Practice Review Group before sending.")
    rows = [("Referrer", "Name", rf["name"]), ("Referrer", "Role", rf["role"]), ("Referrer", "Agency", rf["agency"]),
            ("Referrer", "Contact", f"{rf['email']} / {rf['phone']}"),
            ("Referrer", "Date of referral", fmt_date(rf["date_submitted"], st)),
            ("Child", "Name", ch["name"]), ("Child", "D.O.B.", fmt_date(ch["date_of_birth"], st)),
            ("Child", "Address", ch["home_address"]), ("Child", "Lives with", ch["carer"]),
            ("Child", "Ethnicity", ch["ethnicity"]), ("Child", "Religion", ch["faith"]),
            ("Child", "Disability / SEND", ch["disability"]), ("Child", "CP plan status", cp),
            ("Incident", "Date", fmt_date(ch["incident_date"], st)), ("Incident", "Place", ch["incident_location"]),
            ("Incident", "Child died (Y/N)", "Y" if c.criteria["child_died"] else "N"),
            ("Incident", "Serious harm (Y/N)", "Y" if c.criteria["seriously_harmed"] else "N"),
            ("Incident", "Abuse/neglect: known (K) or suspected (S)", "K" if c.criteria["abuse_or_neglect"] == "known" else "S"),
            ("Incident", "Concerns about joint working (Y/N)", "Y" if c.criteria["agency_concern"] else "N")]
    t = d.add_table(rows=len(rows), cols=3)
    t.style = "Table Grid"
    for i, (_g, lab, val) in enumerate(rows):
        R.cell_text(t.cell(i, 1), lab, bold=True)
        R.cell_text(t.cell(i, 2), val)
    i0 = 0
    for g in ("Referrer", "Child", "Incident"):
        idx = [i for i, r in enumerate(rows) if r[0] == g]
        _vmerge_col(t, 0, idx[0], idx[-1], g)
        i0 = idx[-1]
    del i0
    d.add_paragraph()
    t2 = d.add_table(rows=2, cols=1)
    t2.style = "Table Grid"
    R.cell_text(t2.cell(0, 0), "Summary of the incident and why you think the criteria are met", bold=True)
    R.shade(t2.cell(0, 0), "DEEAF6")
    R.cell_text(t2.cell(1, 0), c.summary)
    d.add_paragraph()
    d.add_paragraph("Household and significant others").runs[0].bold = True
    ft = d.add_table(rows=1 + len(c.family), cols=5)
    ft.style = "Table Grid"
    for j, h in enumerate(["Date of birth", "Full name", "Relationship to child", "Ethnicity", "Address"]):
        R.cell_text(ft.cell(0, j), h, bold=True)
        R.shade(ft.cell(0, j), "DEEAF6")
    for i, f in enumerate(c.family, 1):
        for j, v in enumerate([fmt_date(f["date_of_birth"], st), f["name"], f["relationship"], f["ethnicity"], f["address"]]):
            R.cell_text(ft.cell(i, j), v)
    d.add_paragraph()
    d.add_paragraph("Other agencies").runs[0].bold = True
    at = d.add_table(rows=1 + len(c.agencies), cols=4)
    at.style = "Table Grid"
    for j, h in enumerate(["Agency", "Practitioner", "Contact details", "Open / closed"]):
        R.cell_text(at.cell(0, j), h, bold=True)
        R.shade(at.cell(0, j), "DEEAF6")
    for i, a in enumerate(c.agencies, 1):
        for j, v in enumerate([a["agency"], a["name"], a["contact"], "Open" if a["still_involved"] else "Closed"]):
            R.cell_text(at.cell(i, j), v)
    d.add_paragraph()
    pt = d.add_table(rows=1 + len(c.processes), cols=2)
    pt.style = "Table Grid"
    R.cell_text(pt.cell(0, 0), "Parallel process", bold=True)
    R.cell_text(pt.cell(0, 1), "Current position", bold=True)
    for i, p in enumerate(c.processes, 1):
        R.cell_text(pt.cell(i, 0), p["process"])
        R.cell_text(pt.cell(i, 1), p["status"])
    pdf = R.soffice_pdf(R.doc_bytes(d), "RR_referral")
    text = (f"Good afternoon,\n\nAttached is a Rapid Review referral (PDF). I have discussed it with our PRG rep.\n\n"
            f"Kind regards\n\n{rf['name']} | {rf['role']} | {rf['agency']}\nT: {rf['phone']}\n")
    msg = R.eml(name, f"{rf['name']} <{rf['email']}>", "Rapid Review referral", R.when(rf["date_submitted"], 15, 40),
                text=text, attachments=[("RR referral.pdf", pdf, "application", "pdf")])
    return msg, expected("referral", referral=c.ref_json()), "pdf-soffice-merged-cells"


# ------------------------------------------------------------------ r04 fillable PDF whose field names come from an adult template

def r04_pdf_fillable_adult_names(name: str) -> tuple[bytes, dict, str]:
    import json
    for k in range(50):  # reportlab's Helvetica fields take Latin-1 only: use the first draw that fits
        c = make_case(name if k == 0 else f"{name}.{k}", n_family=2, n_agencies=2, n_proc=1, n_sib=0)
        try:
            json.dumps(c.ref_json(), ensure_ascii=False, default=str).encode("latin-1")
            break
        except UnicodeEncodeError:
            continue
    rf, ch = c.referrer, c.child
    st = "slash"
    b = io.BytesIO()
    cv = rl_canvas.Canvas(b, pagesize=A4)
    W, Hh = A4
    L = 18 * mm
    af = cv.acroForm
    cv.setFont("DVB", 12)
    cv.drawString(L, Hh - 18 * mm, "Safeguarding incident notification (children)")
    cv.setFont("DV", 7)
    cv.drawString(L, Hh - 22 * mm, "Adapted from the adult safeguarding concern form v3.2 - field names unchanged")
    y = Hh - 32 * mm

    def field(label: str, fname: str, value: str, w: float = 120 * mm, h: float = 14) -> None:
        nonlocal y
        cv.setFont("DV", 8)
        cv.drawString(L, y + 4, label)
        af.textfield(name=fname, value=value, x=L + 52 * mm, y=y, width=w, height=h, fontName="Helvetica",
                     fontSize=8, borderWidth=0.5, borderColor=colors.grey, fillColor=colors.white)
        y -= h + 5

    def check(label: str, fname: str, val: bool, x: float) -> None:
        af.checkbox(name=fname, x=x, y=y, size=10, checked=val, buttonStyle="cross", borderWidth=0.5)
        cv.setFont("DV", 8)
        cv.drawString(x + 13, y + 2, label)

    field("Child's name", "PatientName", ch["name"])
    field("Date of birth", "PatientDOB", fmt_date(ch["date_of_birth"], st), w=40 * mm)
    field("Address", "PatientAddress", ch["home_address"])
    field("Parent / carer", "NOK_Name", ch["carer"])
    field("Ethnicity", "Ethnicity_Code", ch["ethnicity"], w=60 * mm)
    field("Religion", "Religion", ch["faith"], w=60 * mm)
    field("Disability", "CapacityIssues", ch["disability"])
    field("Date of incident", "DateOfConcern", fmt_date(ch["incident_date"], st), w=40 * mm)
    field("Where it happened", "LocationOfAbuse", ch["incident_location"])
    y -= 4
    rowq = [("Child has died", "AdultDied", c.criteria["child_died"]),
            ("Child seriously harmed", "SeriousHarm", c.criteria["seriously_harmed"]),
            ("Concerns about agencies working together", "MultiAgencyIssue", c.criteria["agency_concern"])]
    for lab, fn, v in rowq:
        cv.setFont("DV", 8)
        cv.drawString(L, y + 2, lab)
        check("Yes", fn + "_Y", v, L + 80 * mm)
        check("No", fn + "_N", not v, L + 100 * mm)
        y -= 16
    cv.drawString(L, y + 2, "Abuse or neglect is")
    check("known", "AbuseType_1", c.criteria["abuse_or_neglect"] == "known", L + 80 * mm)
    check("suspected", "AbuseType_2", c.criteria["abuse_or_neglect"] == "suspected", L + 100 * mm)
    y -= 16
    cv.drawString(L, y + 2, "Child protection plan")
    for i, (k, lab) in enumerate([("yes", "Now"), ("has_been", "In the past"), ("no", "Never"), ("not_known", "Not known")]):
        check(lab, f"DoLS_{i + 1}", ch["child_protection_plan"] == k, L + 52 * mm + i * 28 * mm)
    y -= 20
    cv.setFont("DV", 8)
    cv.drawString(L, y, "What happened")
    import textwrap
    af.textfield(name="DetailsOfConcern", value="\n".join(textwrap.wrap(c.summary, 120)), x=L, y=y - 62,
                 width=W - 2 * L, height=56, fontName="Helvetica", fontSize=7, borderWidth=0.5, fieldFlags="multiline",
                 borderColor=colors.grey)
    y -= 80
    cv.setFont("DVB", 9)
    cv.drawString(L, y, "Family")
    y -= 16
    for i, f in enumerate(c.family, 1):
        for j, (key, val, w) in enumerate([("Name", f["name"], 40), ("Rel", f["relationship"], 26),
                                            ("DOB", fmt_date(f["date_of_birth"], st), 20),
                                            ("Addr", f["address"], 56), ("Eth", f["ethnicity"], 30)]):
            xx = L + sum([0, 40, 26, 20, 56][:j + 1]) * mm
            af.textfield(name=f"Carer{i}{key}", value=val, x=xx, y=y, width=w * mm, height=13, fontName="Helvetica",
                         fontSize=6, borderWidth=0.5, borderColor=colors.grey)
        y -= 15
    cv.setFont("DV", 6)
    cv.drawString(L, y + 3, "Name / relationship / date of birth / address / ethnicity")
    y -= 12
    cv.setFont("DVB", 9)
    cv.drawString(L, y, "Other services")
    y -= 16
    for i, a in enumerate(c.agencies, 1):
        for j, (key, val, w) in enumerate([("Worker", a["name"], 40), ("Service", a["agency"], 60),
                                            ("Contact", a["contact"], 50)]):
            xx = L + sum([0, 40, 60][:j + 1]) * mm
            af.textfield(name=f"Provider{i}{key}", value=val, x=xx, y=y, width=w * mm, height=13, fontName="Helvetica",
                         fontSize=6, borderWidth=0.5, borderColor=colors.grey)
        af.checkbox(name=f"Provider{i}Current", x=L + 153 * mm, y=y + 1, size=10, checked=a["still_involved"],
                    buttonStyle="check", borderWidth=0.5)
        cv.setFont("DV", 6)
        cv.drawString(L + 158 * mm, y + 3, "still involved")
        y -= 16
    field("Other process (e.g. s.47, police)", "SAR_Other", c.processes[0]["process"], w=60 * mm)
    field("Its status", "SAR_Status", c.processes[0]["status"], w=60 * mm)
    y -= 4
    cv.setFont("DVB", 9)
    cv.drawString(L, y + 10, "Completed by")
    y -= 8
    field("Name", "ReferrerName", rf["name"], w=70 * mm)
    field("Job title", "ReferrerRole", rf["role"])
    field("Organisation", "ReferrerOrg", rf["agency"])
    field("Email", "ReferrerEmail", rf["email"], w=80 * mm)
    field("Phone", "ReferrerTel", rf["phone"], w=40 * mm)
    field("Date", "DateReported", fmt_date(rf["date_submitted"], st), w=40 * mm)
    cv.showPage()
    cv.save()
    text = f"Form attached.\n\n{rf['name']}\n{rf['agency']}\n"
    msg = R.eml(name, f"{rf['name']} <{rf['email']}>", "Safeguarding notification - child",
                R.when(rf["date_submitted"], 11, 5), text=text,
                attachments=[("notification_form_completed.pdf", b.getvalue(), "application", "pdf")])
    return msg, expected("referral", referral=c.ref_json()), "pdf-fillable-misleading-names"


# ------------------------------------------------------------------ r05 docx with check-box content controls and date pickers

def r05_docx_checkbox_controls(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_family=3, n_agencies=3, n_proc=2, n_sib=1)
    rf, ch = c.referrer, c.child
    d = R.new_doc("Arial", 10)
    d.add_heading("CSPR Referral Form", 1)
    d.add_paragraph("Part A - about the child")
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"

    def row(label: str, fill: Any) -> None:
        r = t.add_row()
        R.cell_text(r.cells[0], label, bold=True)
        R.shade(r.cells[0], "F2F2F2")
        fill(r.cells[1].paragraphs[0])

    def txt(v: str, alias: str) -> Any:
        return lambda p: X.sdt_text(p, v, alias)

    def date(v: dt.date, alias: str) -> Any:
        return lambda p: X.sdt_date(p, v, fmt_date(v, "long"), alias, "d MMMM yyyy")

    row("Child's name", txt(ch["name"], "Child name"))
    row("Date of birth", date(ch["date_of_birth"], "DOB"))
    row("Address", txt(ch["home_address"], "Address"))
    row("Main carer", txt(ch["carer"], "Carer"))
    row("Ethnicity", lambda p: X.sdt_dropdown(p, ch["ethnicity"], ["White British", ch["ethnicity"], "Not declared"], "Ethnicity"))
    row("Faith", txt(ch["faith"], "Faith"))
    row("Disability", txt(ch["disability"], "Disability"))

    def cpbox(p: Any) -> None:
        for k, lab in [("yes", "Current"), ("has_been", "Previous"), ("no", "Never"), ("not_known", "Not known")]:
            X.sdt_check(p, ch["child_protection_plan"] == k, lab)
    row("Child protection plan", cpbox)
    row("Date of incident", date(ch["incident_date"], "Incident date"))
    row("Location", txt(ch["incident_location"], "Location"))

    def yesno(v: bool) -> Any:
        def f(p: Any) -> None:
            X.sdt_check(p, v, "Yes")
            X.sdt_check(p, not v, "No")
        return f
    row("Has the child died?", yesno(c.criteria["child_died"]))
    row("Has the child been seriously harmed?", yesno(c.criteria["seriously_harmed"]))

    def kn(p: Any) -> None:
        X.sdt_check(p, c.criteria["abuse_or_neglect"] == "known", "Known")
        X.sdt_check(p, c.criteria["abuse_or_neglect"] == "suspected", "Suspected")
    row("Abuse or neglect", kn)
    row("Concerns about multi-agency working?", yesno(c.criteria["agency_concern"]))
    d.add_paragraph()
    d.add_paragraph("Part B - summary")
    p = d.add_paragraph()
    X.sdt_text(p, c.summary, "Summary")
    d.add_paragraph("Part C - family (list the subject child's relatives and other adults in the household)")
    ft = d.add_table(rows=1 + len(c.family), cols=5)
    ft.style = "Table Grid"
    for j, h in enumerate(["DoB", "Name", "Relationship", "Address", "Ethnicity"]):
        R.cell_text(ft.cell(0, j), h, bold=True)
    for i, f in enumerate(c.family, 1):
        X.sdt_date(ft.cell(i, 0).paragraphs[0], f["date_of_birth"], fmt_date(f["date_of_birth"], "slash"), "FamDOB", "dd/MM/yyyy")
        for j, v in enumerate([f["name"], f["relationship"], f["address"], f["ethnicity"]], 1):
            X.sdt_text(ft.cell(i, j).paragraphs[0], v, "Fam")
    d.add_paragraph("Part D - agencies")
    at = d.add_table(rows=1 + len(c.agencies), cols=4)
    at.style = "Table Grid"
    for j, h in enumerate(["Agency", "Worker", "Contact", "Still working with the family"]):
        R.cell_text(at.cell(0, j), h, bold=True)
    for i, a in enumerate(c.agencies, 1):
        for j, v in enumerate([a["agency"], a["name"], a["contact"]]):
            X.sdt_text(at.cell(i, j).paragraphs[0], v, "Agency")
        X.sdt_check(at.cell(i, 3).paragraphs[0], a["still_involved"], "")
    d.add_paragraph("Part E - other processes")
    for p_ in c.processes:
        para = d.add_paragraph(style="List Bullet")
        X.sdt_text(para, f"{p_['process']}: {p_['status']}", "Process")
    d.add_paragraph("Part F - referrer")
    rt = d.add_table(rows=0, cols=2)
    rt.style = "Table Grid"
    for lab, v in [("Name", rf["name"]), ("Role", rf["role"]), ("Organisation", rf["agency"]), ("Email", rf["email"]),
                   ("Telephone", rf["phone"])]:
        r = rt.add_row()
        R.cell_text(r.cells[0], lab, bold=True)
        X.sdt_text(r.cells[1].paragraphs[0], v, lab)
    r = rt.add_row()
    R.cell_text(r.cells[0], "Date", bold=True)
    X.sdt_date(r.cells[1].paragraphs[0], rf["date_submitted"], fmt_date(rf["date_submitted"], "long"), "Date")
    text = (f"Dear colleagues\n\nPlease see the attached CSPR referral for {ch['name'].split()[0]}. "
            f"{c.siblings[0]['name'].split()[0]} ({c.siblings[0]['relationship'].lower()}) was in the house at the "
            f"time and is now staying with a relative.\n\nRegards\n{rf['name']}\n{rf['role']}, {rf['agency']}\n{rf['phone']}\n")
    msg = R.eml(name, f"{rf['name']} <{rf['email']}>", "CSPR referral - OFFICIAL SENSITIVE",
                R.when(rf["date_submitted"], 16, 12), text=text,
                attachments=[("CSPR referral form.docx", R.doc_bytes(d), *DOCX)])
    return msg, expected("referral", referral=c.ref_json()), "docx-checkbox-content-controls"


# ------------------------------------------------------------------ r06 docx, headed paragraphs, family as prose

def r06_docx_family_prose(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_family=3, n_agencies=2, n_proc=1, n_sib=1)
    rf, ch = c.referrer, c.child
    st = "ord"
    first = c.first
    d = R.new_doc("Verdana", 10)
    d.add_heading(f"Need to Know briefing / CSPR referral", 1)
    for lab, val in [("Child", ch["name"]), ("Born", fmt_date(ch["date_of_birth"], st)), ("Lives at", ch["home_address"]),
                     ("Cared for by", ch["carer"]), ("Ethnicity", ch["ethnicity"]), ("Faith", ch["faith"]),
                     ("Any disability", ch["disability"]),
                     ("Child protection plan", {"yes": "Yes, current", "has_been": "Not now, previously", "no": "No, never",
                                                "not_known": "Unknown"}[ch["child_protection_plan"]])]:
        p = d.add_paragraph()
        p.add_run(lab).bold = True
        p.add_run("\n" + val)
    d.add_heading("The incident", 2)
    d.add_paragraph(f"Date: {fmt_date(ch['incident_date'], st)}\nWhere: {ch['incident_location']}")
    d.add_paragraph(c.summary)
    crit = c.criteria
    d.add_paragraph(f"Child died: {yn(crit['child_died'])}. Seriously harmed: {yn(crit['seriously_harmed'])}. "
                    f"Abuse or neglect: {crit['abuse_or_neglect']}. Concerns about how agencies worked together: "
                    f"{yn(crit['agency_concern'])}.")
    d.add_heading("Family", 2)
    exp = c.ref_json()
    for f, fe in zip(c.family, exp["family"]):
        rel = f["relationship"].lower()
        fe["relationship"] = rel
        where = (f"lives with {first} at the home address" if f["address"] == ch["home_address"]
                 else f"lives at {f['address']}")
        d.add_paragraph(f"{f['name']} is {first}'s {rel}. Date of birth {fmt_date(f['date_of_birth'], st)}; "
                        f"{f['ethnicity']}; {where}.")
    d.add_heading("Who else knows the family", 2)
    for a in c.agencies:
        d.add_paragraph(f"{a['name']} ({a['agency']}, {a['contact']}) "
                        + ("is still working with the family." if a["still_involved"] else "has closed the case."))
    d.add_heading("Other processes", 2)
    d.add_paragraph(f"{c.processes[0]['process']} - {c.processes[0]['status']}.")
    d.add_heading("Completed by", 2)
    d.add_paragraph(f"{rf['name']}, {rf['role']}, {rf['agency']}\n{rf['email']}  {rf['phone']}\n"
                    f"Date: {fmt_date(rf['date_submitted'], st)}")
    text = f"Hi,\nNeed to Know / referral attached.\n{rf['name']}\n"
    msg = R.eml(name, f"{rf['name']} <{rf['email']}>", "Need to know briefing", R.when(rf["date_submitted"], 12, 0),
                text=text, attachments=[("NTK briefing.docx", R.doc_bytes(d), *DOCX)])
    return msg, expected("referral", referral=exp), "docx-headed-paragraphs-family-prose"


# ------------------------------------------------------------------ r07 Outlook text forward, numbered questions

def r07_text_outlook_forward(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_family=2, n_agencies=2, n_proc=2, n_sib=0)
    rf, ch = c.referrer, c.child
    st = "dmy2"
    mgr = "Tobias Kilbride"
    dom = rf["email"].split("@")[1]
    cp = {"yes": "Yes (current)", "has_been": "Previously", "no": "No", "not_known": "Don't know"}[ch["child_protection_plan"]]
    lines = ["CSPR REFERRAL", "", "1. Details of the child",
             f"1.1 Full name: {ch['name']}", f"1.2 Date of birth: {fmt_date(ch['date_of_birth'], st)}",
             f"1.3 Address: {ch['home_address']}", f"1.4 Parent/carer: {ch['carer']}",
             f"1.5 Ethnicity: {ch['ethnicity']}", f"1.6 Religion: {ch['faith']}", f"1.7 Disability: {ch['disability']}",
             f"1.8 Child protection plan: {cp}", "", "2. The incident",
             f"2.1 Date: {fmt_date(ch['incident_date'], st)}", f"2.2 Location: {ch['incident_location']}",
             f"2.3 Did the child die? {yn(c.criteria['child_died'])}",
             f"2.4 Was the child seriously harmed? {yn(c.criteria['seriously_harmed'])}",
             f"2.5 Abuse or neglect known or suspected? {c.criteria['abuse_or_neglect'].capitalize()}",
             f"2.6 Concern about how agencies worked together? {yn(c.criteria['agency_concern'])}",
             f"2.7 Summary: {c.summary}", "", "3. Family"]
    for i, f in enumerate(c.family, 1):
        lines.append(f"3.{i} {f['name']}; {f['relationship']}; DOB {fmt_date(f['date_of_birth'], st)}; {f['address']}; {f['ethnicity']}")
    lines += ["", "4. Agencies involved"]
    for i, a in enumerate(c.agencies, 1):
        lines.append(f"4.{i} {a['agency']} - {a['name']} - {a['contact']} - "
                     + ("currently involved" if a["still_involved"] else "not currently involved"))
    lines += ["", "5. Other processes"]
    for i, p in enumerate(c.processes, 1):
        lines.append(f"5.{i} {p['process']} ({p['status']})")
    lines += ["", f"Referrer: {rf['name']}, {rf['role']}, {rf['agency']}", f"Tel: {rf['phone']}",
              f"Date: {fmt_date(rf['date_submitted'], st)}"]
    sent = R.when(rf["date_submitted"], 17, 48)
    text = (f"Please see below - forwarding as {rf['name'].split()[0]} is off today and asked me to make sure it reached you.\n\n"
            f"Thanks\n{mgr}\nService Manager\n\n________________________________\n"
            f"From: {rf['name']} <{rf['email']}>\nSent: {sent:%A}, {sent.day} {sent:%B %Y} 17:48\n"
            f"To: {mgr} <{email_of(mgr, dom)}>\nSubject: CSPR referral\n\n" + "\n".join(lines) + "\n")
    msg = R.eml(name, f"{mgr} <{email_of(mgr, dom)}>", "FW: CSPR referral",
                R.when(rf["date_submitted"] + dt.timedelta(days=1), 8, 31), text=text)
    return msg, expected("referral", referral=c.ref_json()), "text-outlook-forward-numbered"


# ------------------------------------------------------------------ r08 Outlook HTML forward: note about a sibling, form below

def r08_html_outlook_forward(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_family=4, n_agencies=2, n_proc=1, n_sib=2)
    rf, ch = c.referrer, c.child
    st = "long"
    fwd = "Priya Masterson"
    s1 = c.siblings[0]
    cp = {"yes": "Yes - current", "has_been": "Previously", "no": "No", "not_known": "Not known"}[ch["child_protection_plan"]]

    def tr(*cells: str, head: bool = False) -> str:
        tag = "th" if head else "td"
        return "<tr>" + "".join(f"<{tag} style='border:solid windowtext 1.0pt;padding:0 5.4pt'><p class=MsoNormal>"
                                f"{H.escape(x)}</p></{tag}>" for x in cells) + "</tr>"
    grid = ("<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>"
            + tr("Child's name", ch["name"], "Date of birth", fmt_date(ch["date_of_birth"], st))
            + tr("Address", ch["home_address"], "Carer", ch["carer"])
            + tr("Ethnicity", ch["ethnicity"], "Religion", ch["faith"])
            + tr("Disability", ch["disability"], "On a CP plan?", cp)
            + tr("Date of incident", fmt_date(ch["incident_date"], st), "Place", ch["incident_location"])
            + tr("Died", yn(c.criteria["child_died"]), "Seriously harmed", yn(c.criteria["seriously_harmed"]))
            + tr("Abuse / neglect", c.criteria["abuse_or_neglect"].capitalize(), "Agency concerns",
                 yn(c.criteria["agency_concern"])) + "</table>")
    fam = ("<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>" + tr("Name", "D.O.B", "Relationship", "Address", "Ethnicity", head=True)
           + "".join(tr(f["name"], fmt_date(f["date_of_birth"], st), f["relationship"], f["address"], f["ethnicity"]) for f in c.family)
           + "</table>")
    ag = ("<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>" + tr("Agency", "Name", "Contact", "Still involved?", head=True)
          + "".join(tr(a["agency"], a["name"], a["contact"], yn(a["still_involved"])) for a in c.agencies) + "</table>")
    sent = R.when(rf["date_submitted"], 13, 5)
    body = f"""<html><body><div class=WordSection1>
<p class=MsoNormal>Hi both,</p>
<p class=MsoNormal>Forwarding {rf['name']}'s referral below. For info, {s1['name']} ({s1['relationship'].lower()}, born {fmt_date(s1['date_of_birth'], st)}) was also in the house
but was not hurt and is with the grandparents under a safety plan. We are not referring {s1['name'].split()[0]}.</p>
<p class=MsoNormal>Priya</p>
<p class=MsoNormal><b>{fwd}</b> | Safeguarding Adviser | {rf['agency']}</p>
<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>
<p class=MsoNormal><b>From:</b> {H.escape(rf['name'])} &lt;{rf['email']}&gt;<br><b>Sent:</b> {sent:%d} {sent:%B %Y} 13:05<br>
<b>To:</b> {fwd}<br><b>Subject:</b> referral for rapid review</p></div>
<p class=MsoNormal>Priya, as discussed, the referral is below.</p>
<p class=MsoNormal><b>Referrer:</b> {rf['name']}, {rf['role']}, {rf['agency']}, {rf['phone']}<br><b>Date:</b> {fmt_date(rf['date_submitted'], st)}</p>
{grid}
<p class=MsoNormal><b>What happened</b></p><p class=MsoNormal>{H.escape(c.summary)}</p>
<p class=MsoNormal><b>Family / household</b></p>{fam}
<p class=MsoNormal><b>Other agencies</b></p>{ag}
<p class=MsoNormal><b>Other processes:</b> {c.processes[0]['process']} &#8211; {c.processes[0]['status']}</p>
</div></body></html>"""
    dom = rf["email"].split("@")[1]
    msg = R.eml(name, f"{fwd} <{email_of(fwd, dom)}>", "FW: referral for rapid review",
                R.when(rf["date_submitted"], 15, 22), html=body)
    return msg, expected("referral", referral=c.ref_json()), "html-outlook-forward-sibling-note"


# ------------------------------------------------------------------ r09 case-system export: dot leaders, household incl. subject

def r09_text_dot_leaders_household(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_family=4, n_agencies=3, n_proc=2, n_sib=2)
    rf, ch = c.referrer, c.child
    st = "slash"

    def ld(lab: str, v: str) -> str:
        return f"{lab} ".ljust(34, ".") + " " + v
    cp = {"yes": "CURRENT", "has_been": "PREVIOUS", "no": "NEVER", "not_known": "UNKNOWN"}[ch["child_protection_plan"]]
    lines = ["MOSAIC - CASE SUMMARY PRINT (CSPR NOTIFICATION)", "=" * 60,
             ld("Subject", ch["name"]), ld("Date of birth", fmt_date(ch["date_of_birth"], st)),
             ld("Address", ch["home_address"]), ld("Primary carer", ch["carer"]), ld("Ethnicity", ch["ethnicity"]),
             ld("Religion", ch["faith"]), ld("Disability", ch["disability"]), ld("CP plan status", cp), "",
             ld("Incident date", fmt_date(ch["incident_date"], st)), ld("Incident location", ch["incident_location"]),
             ld("Child died", "Y" if c.criteria["child_died"] else "N"),
             ld("Serious harm", "Y" if c.criteria["seriously_harmed"] else "N"),
             ld("Abuse/neglect", c.criteria["abuse_or_neglect"].upper()),
             ld("Multi-agency concern", "Y" if c.criteria["agency_concern"] else "N"), "",
             "Incident narrative:", c.summary, "", "HOUSEHOLD / RELATIONSHIPS", "-" * 60,
             f"{'DOB':<11} {'NAME':<28} {'RELATIONSHIP':<22} {'ETHNICITY':<28} ADDRESS"]
    people = [{"name": ch["name"], "relationship": "SUBJECT", "date_of_birth": ch["date_of_birth"], "address": ch["home_address"],
               "ethnicity": ch["ethnicity"]}] + c.family
    c.rng.shuffle(people)
    for p in people:
        lines.append(f"{fmt_date(p['date_of_birth'], st):<11} {p['name']:<28} {p['relationship']:<22} {p['ethnicity']:<28} {p['address']}")
    lines += ["", "PROFESSIONAL NETWORK", "-" * 60]
    for a in c.agencies:
        lines.append(f"{a['name']:<24} {a['agency']:<40} {a['contact']:<36} {'OPEN' if a['still_involved'] else 'ENDED'}")
    lines += ["", "OTHER PROCEEDINGS", "-" * 60] + [f"{p['process']:<36} {p['status']}" for p in c.processes]
    lines += ["", ld("Notified by", rf["name"]), ld("Worker role", rf["role"]), ld("Team", rf["agency"]),
              ld("Phone", rf["phone"]), ld("Email", rf["email"]), ld("Date", fmt_date(rf["date_submitted"], st))]
    text = ("Morning - notification below, printed from Mosaic.\n\n" + "\n".join(lines) + "\n")
    msg = R.eml(name, f"{rf['name']} <{rf['email']}>", "CSPR notification (case summary print)",
                R.when(rf["date_submitted"], 8, 55), text=text)
    return msg, expected("referral", referral=c.ref_json()), "text-dot-leaders-household-with-subject"


# ------------------------------------------------------------------ r10 docx: children table, subject marked in a column

def r10_docx_children_table_subject_second(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_family=4, n_agencies=2, n_proc=1, n_sib=2)
    rf, ch = c.referrer, c.child
    st = "dash"
    d = R.new_doc("Calibri", 10)
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    d.add_heading("Serious Child Safeguarding Incident - Referral to the Safeguarding Partnership", 1)
    d.add_paragraph("1. Children in the household (mark the child this referral is about)").runs[0].bold = True
    kids = [(s["name"], s["date_of_birth"], s["relationship"], "No") for s in c.siblings]
    kids.insert(1, (ch["name"], ch["date_of_birth"], "-", "Yes"))
    t = d.add_table(rows=1 + len(kids), cols=4)
    t.style = "Table Grid"
    for j, h in enumerate(["Name", "Date of birth", "Relationship to the subject child", "Subject of this referral"]):
        R.cell_text(t.cell(0, j), h, bold=True)
    for i, k in enumerate(kids, 1):
        for j, v in enumerate([k[0], fmt_date(k[1], st), k[2], k[3]]):
            R.cell_text(t.cell(i, j), v)
    d.add_paragraph()
    d.add_paragraph("2. About the subject child").runs[0].bold = True
    cp = {"yes": "Current", "has_been": "Past", "no": "None", "not_known": "Unknown"}[ch["child_protection_plan"]]
    R.table(d, [["Home address", ch["home_address"], "Parent / carer", ch["carer"]],
                ["Ethnicity", ch["ethnicity"], "Faith", ch["faith"]],
                ["Disability", ch["disability"], "Child protection plan", cp]], bold_cols=(0, 2))
    d.add_paragraph()
    d.add_paragraph("3. Incident").runs[0].bold = True
    R.table(d, [["Date", fmt_date(ch["incident_date"], st), "Location", ch["incident_location"]],
                ["Died", yn(c.criteria["child_died"]), "Seriously harmed", yn(c.criteria["seriously_harmed"])],
                ["Abuse or neglect", c.criteria["abuse_or_neglect"].capitalize(), "Concerns about agency practice",
                 yn(c.criteria["agency_concern"])]], bold_cols=(0, 2))
    d.add_paragraph(c.summary)
    d.add_paragraph("4. Adults and other relatives").runs[0].bold = True
    adults = [f for f in c.family if f not in c.siblings]
    R.table(d, [["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]]
            + [[f["name"], f["relationship"], fmt_date(f["date_of_birth"], st), f["address"], f["ethnicity"]] for f in adults],
            bold_cols=(), header=True)
    d.add_paragraph("Siblings' addresses and ethnicity: as the subject child.")
    d.add_paragraph("5. Agencies").runs[0].bold = True
    R.table(d, [["Agency", "Worker", "Contact", "Involved now?"]]
            + [[a["agency"], a["name"], a["contact"], yn(a["still_involved"])] for a in c.agencies], bold_cols=(), header=True)
    d.add_paragraph(f"6. Other processes: {c.processes[0]['process']} - {c.processes[0]['status']}")
    d.add_paragraph(f"7. Referrer: {rf['name']} | {rf['role']} | {rf['agency']} | {rf['email']} | {rf['phone']} | "
                    f"Date: {fmt_date(rf['date_submitted'], st)}")
    exp = c.ref_json()
    for fe in exp["family"]:  # the siblings' row gives relationship, name and DOB; address and ethnicity "as the subject child"
        pass
    text = f"Referral attached.\n\n{rf['name']}\n{rf['role']}\n"
    msg = R.eml(name, f"{rf['name']} <{rf['email']}>", "Referral - serious incident", R.when(rf["date_submitted"], 10, 40),
                text=text, attachments=[("Referral.docx", R.doc_bytes(d), *DOCX)])
    return msg, expected("referral", referral=exp), "docx-children-table-subject-marked"


# ------------------------------------------------------------------ r15 Microsoft-Forms-style response mail

def r15_html_forms_response(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_family=3, n_agencies=2, n_proc=2, n_sib=1)
    rf, ch = c.referrer, c.child
    st = "us"  # the forms service writes dates US-style in words
    n = [0]

    def q(question: str, answer: str) -> str:
        n[0] += 1
        return (f"<div style='margin:14px 0'><div style='color:#323130;font-weight:600'>{n[0]}. {H.escape(question)}</div>"
                f"<div style='color:#605E5C;padding-top:4px'>{H.escape(answer).replace(chr(10), '<br>')}</div></div>")
    crit = ";".join(x for x, v in [("The child has died", c.criteria["child_died"]),
                                   ("The child has been seriously harmed", c.criteria["seriously_harmed"]),
                                   ("There are concerns about how agencies worked together", c.criteria["agency_concern"])] if v) + ";"
    fam = "\n".join(f"{f['name']}, {f['relationship']}, {fmt_date(f['date_of_birth'], 'slash')}, {f['address']}, {f['ethnicity']}"
                    for f in c.family)
    ags = "\n".join(f"{a['agency']} - {a['name']} - {a['contact']} - {'still involved' if a['still_involved'] else 'no longer involved'}"
                    for a in c.agencies)
    procs = "\n".join(f"{p['process']}: {p['status']}" for p in c.processes)
    exp = c.ref_json()
    for fe, f in zip(exp["family"], c.family):
        fe["date_of_birth"] = f["date_of_birth"].isoformat()
    body = ("<html><body style='font-family:Segoe UI'><h2>CSPR referral - new response</h2>"
            f"<p>Response submitted by {H.escape(rf['email'])} on {fmt_date(rf['date_submitted'], 'slash')}</p>"
            + q("Your name", rf["name"]) + q("Your job title", rf["role"]) + q("Your organisation", rf["agency"])
            + q("Your phone number", rf["phone"]) + q("Child's name", ch["name"])
            + q("Child's date of birth", fmt_date(ch["date_of_birth"], st)) + q("Child's address", ch["home_address"])
            + q("Who cares for the child?", ch["carer"]) + q("Ethnicity", ch["ethnicity"]) + q("Religion", ch["faith"])
            + q("Disability", ch["disability"])
            + q("Is the child on a child protection plan?",
                {"yes": "Yes - now", "has_been": "Has been in the past", "no": "No", "not_known": "Not sure"}[ch["child_protection_plan"]])
            + q("Date of the incident", fmt_date(ch["incident_date"], st)) + q("Where did it happen?", ch["incident_location"])
            + q("Which of these apply? (select all that apply)", crit)
            + q("Is abuse or neglect known or suspected?", c.criteria["abuse_or_neglect"].capitalize())
            + q("What happened?", c.summary)
            + q("Family members (name, relationship, date of birth, address, ethnicity - one per line)", fam)
            + q("Other agencies involved (agency - worker - contact - still involved?)", ags)
            + q("Any other processes (e.g. police investigation, s47) and where they are up to", procs)
            + "<p><a href='https://forms.office.com/'>View results</a></p></body></html>")
    msg = R.eml(name, "Microsoft Forms <noreply@forms.office.com>", "New response to CSPR referral",
                R.when(rf["date_submitted"], 19, 2), html=body)
    return msg, expected("referral", referral=exp), "html-forms-response"


# ------------------------------------------------------------------ r16 CSV attachment from a forms export

def r16_csv_export(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_family=2, n_agencies=2, n_proc=1, n_sib=0)
    rf, ch = c.referrer, c.child
    st = "slash"
    cols: list[tuple[str, str]] = [
        ("Submission date", fmt_date(rf["date_submitted"], st) + " 09:14"), ("Referrer name", rf["name"]),
        ("Referrer role", rf["role"]), ("Referrer organisation", rf["agency"]), ("Referrer email", rf["email"]),
        ("Referrer phone", rf["phone"]), ("Child name", ch["name"]), ("Child DOB", fmt_date(ch["date_of_birth"], st)),
        ("Child address", ch["home_address"]), ("Carer", ch["carer"]), ("Ethnicity", ch["ethnicity"]),
        ("Religion", ch["faith"]), ("Disability", ch["disability"]),
        ("CP plan", {"yes": "Current", "has_been": "Previous", "no": "Never", "not_known": "Not known"}[ch["child_protection_plan"]]),
        ("Incident date", fmt_date(ch["incident_date"], st)), ("Incident location", ch["incident_location"]),
        ("Died", yn(c.criteria["child_died"])), ("Seriously harmed", yn(c.criteria["seriously_harmed"])),
        ("Abuse or neglect", c.criteria["abuse_or_neglect"].capitalize()),
        ("Agency concerns", yn(c.criteria["agency_concern"])), ("Summary", c.summary)]
    for i, f in enumerate(c.family, 1):
        cols += [(f"Family {i} name", f["name"]), (f"Family {i} relationship", f["relationship"]),
                 (f"Family {i} DOB", fmt_date(f["date_of_birth"], st)), (f"Family {i} address", f["address"]),
                 (f"Family {i} ethnicity", f["ethnicity"])]
    for i, a in enumerate(c.agencies, 1):
        cols += [(f"Agency {i}", a["agency"]), (f"Agency {i} worker", a["name"]), (f"Agency {i} contact", a["contact"]),
                 (f"Agency {i} still involved", yn(a["still_involved"]))]
    cols += [("Other process", c.processes[0]["process"]), ("Other process status", c.processes[0]["status"])]
    b = io.StringIO()
    w = csv.writer(b, lineterminator="\r\n")
    w.writerow([k for k, _ in cols])
    w.writerow([v for _, v in cols])
    text = (f"Hi,\nOur online form is down so I have exported the submission from the team's Excel tracker as CSV.\n\n"
            f"{rf['name']}\n{rf['role']}, {rf['agency']}\n")
    msg = R.eml(name, f"{rf['name']} <{rf['email']}>", "CSPR referral (CSV export)", R.when(rf["date_submitted"], 9, 20),
                text=text, attachments=[("cspr_referral_export.csv", b.getvalue().encode("utf-8-sig"), "text", "csv")])
    return msg, expected("referral", referral=c.ref_json()), "csv-attachment-one-row"


# ------------------------------------------------------------------ r17 reportlab: two side-by-side key/value panels

def r17_pdf_two_panels(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_family=3, n_agencies=2, n_proc=2, n_sib=1)
    rf, ch = c.referrer, c.child
    st = "mon"
    cw = (A4[0] - 30 * mm) / 2 - 3 * mm
    cp = {"yes": "Yes (current)", "has_been": "Yes (past)", "no": "No", "not_known": "Unknown"}[ch["child_protection_plan"]]
    left = R.rl_table([["CHILD", ""], ["Name", ch["name"]], ["D.o.B.", fmt_date(ch["date_of_birth"], st)],
                       ["Address", ch["home_address"]], ["Carer", ch["carer"]], ["Ethnicity", ch["ethnicity"]],
                       ["Faith", ch["faith"]], ["SEND", ch["disability"]], ["CP plan", cp]], [27 * mm, cw - 27 * mm])
    right = R.rl_table([["REFERRER", ""], ["Name", rf["name"]], ["Role", rf["role"]], ["Agency", rf["agency"]],
                        ["Email", rf["email"]], ["Tel", rf["phone"]], ["Date sent", fmt_date(rf["date_submitted"], st)]],
                       [27 * mm, cw - 27 * mm])
    outer = R.Table([[left, right]], colWidths=[cw + 3 * mm, cw + 3 * mm])
    outer.setStyle(R.TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    inc_l = R.rl_table([["INCIDENT", ""], ["Date", fmt_date(ch["incident_date"], st)], ["Where", ch["incident_location"]]],
                       [27 * mm, cw - 27 * mm])
    inc_r = R.rl_table([["CRITERIA", ""], ["Death", yn(c.criteria["child_died"])],
                        ["Serious harm", yn(c.criteria["seriously_harmed"])],
                        ["Abuse/neglect", c.criteria["abuse_or_neglect"].capitalize()],
                        ["Agency concern", yn(c.criteria["agency_concern"])]], [33 * mm, cw - 33 * mm])
    outer2 = R.Table([[inc_l, inc_r]], colWidths=[cw + 3 * mm, cw + 3 * mm])
    outer2.setStyle(R.TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    W = A4[0] - 30 * mm
    story = [R.P("Rapid Review Notification", size=14, bold=True), R.Spacer(1, 4 * mm), outer, R.Spacer(1, 4 * mm), outer2,
             R.Spacer(1, 4 * mm), R.P("Summary", bold=True), R.P(c.summary), R.Spacer(1, 4 * mm),
             R.P("Family", bold=True),
             R.rl_table([["Relationship", "Name", "DoB", "Ethnicity", "Address"]]
                        + [[f["relationship"], f["name"], fmt_date(f["date_of_birth"], st), f["ethnicity"], f["address"]]
                           for f in c.family], [W * 0.16, W * 0.22, W * 0.13, W * 0.17, W * 0.32], label_cols=(), header=True),
             R.Spacer(1, 4 * mm), R.P("Professionals", bold=True),
             R.rl_table([["Service", "Name", "Contact", "Open?"]]
                        + [[a["agency"], a["name"], a["contact"], "Y" if a["still_involved"] else "N"] for a in c.agencies],
                        [W * 0.35, W * 0.2, W * 0.35, W * 0.1], label_cols=(), header=True),
             R.Spacer(1, 4 * mm), R.P("Other processes", bold=True),
             R.rl_table([["Process", "Status"]] + [[p["process"], p["status"]] for p in c.processes], [W * 0.5, W * 0.5],
                        label_cols=(), header=True)]
    pdf = R.build_pdf(story, "Rapid Review Notification", footer="OFFICIAL-SENSITIVE")
    text = f"Please find notification attached.\n{rf['name']}\n"
    msg = R.eml(name, f"{rf['name']} <{rf['email']}>", "Rapid review notification", R.when(rf["date_submitted"], 14, 2),
                text=text, attachments=[("notification.pdf", pdf, "application", "pdf")])
    return msg, expected("referral", referral=c.ref_json()), "pdf-reportlab-two-panels"


__all__ = ["TO", "Cm", "Pt"]


# ------------------------------------------------------------------ r18 docx: two full child sections, the harmed one is Child 2

def r18_docx_two_child_sections(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_family=3, n_agencies=2, n_proc=1, n_sib=1)
    rf, ch = c.referrer, c.child
    st = "long"
    sib = c.siblings[0]
    d = R.new_doc("Arial", 10)
    d.add_heading("Referral: serious child safeguarding incident", 1)
    d.add_paragraph("If more than one child is involved, complete a section for each child and say below which child "
                    "died or was seriously harmed.")
    cp = {"yes": "Yes - current", "has_been": "Previously", "no": "No", "not_known": "Not known"}
    c1 = [["Name", sib["name"]], ["Date of birth", fmt_date(sib["date_of_birth"], st)], ["Address", sib["address"]],
          ["Ethnicity", sib["ethnicity"]], ["Faith", ch["faith"]], ["Disability", "None"],
          ["Child protection plan", cp["no"]], ["Relationship to Child 2", sib["relationship"]]]
    c2 = [["Name", ch["name"]], ["Date of birth", fmt_date(ch["date_of_birth"], st)], ["Address", ch["home_address"]],
          ["Ethnicity", ch["ethnicity"]], ["Faith", ch["faith"]], ["Disability", ch["disability"]],
          ["Child protection plan", cp[ch["child_protection_plan"]]], ["Relationship to Child 1", "-"]]
    d.add_heading("Child 1", 2)
    R.table(d, c1)
    d.add_heading("Child 2", 2)
    R.table(d, c2)
    d.add_heading("The incident", 2)
    R.table(d, [["Which child died or was seriously harmed?", "Child 2"], ["Main carer", ch["carer"]],
                ["Date", fmt_date(ch["incident_date"], st)], ["Location", ch["incident_location"]],
                ["Death", yn(c.criteria["child_died"])], ["Serious harm", yn(c.criteria["seriously_harmed"])],
                ["Abuse or neglect (known / suspected)", c.criteria["abuse_or_neglect"].capitalize()],
                ["Concerns about inter-agency working", yn(c.criteria["agency_concern"])], ["What happened", c.summary]])
    d.add_heading("Parents and other adults", 2)
    adults = [f for f in c.family if f is not sib]
    R.table(d, [["Name", "Relationship to the children", "DOB", "Address", "Ethnicity"]]
            + [[f["name"], f["relationship"], fmt_date(f["date_of_birth"], st), f["address"], f["ethnicity"]] for f in adults],
            bold_cols=(), header=True)
    d.add_heading("Agencies", 2)
    R.table(d, [["Agency", "Name", "Contact", "Current involvement"]]
            + [[a["agency"], a["name"], a["contact"], "Yes" if a["still_involved"] else "No"] for a in c.agencies],
            bold_cols=(), header=True)
    d.add_paragraph(f"Other processes: {c.processes[0]['process']} ({c.processes[0]['status']})")
    d.add_heading("Referrer", 2)
    R.table(d, [["Name", rf["name"]], ["Role", rf["role"]], ["Organisation", rf["agency"]], ["Email", rf["email"]],
                ["Phone", rf["phone"]], ["Date", fmt_date(rf["date_submitted"], st)]])
    msg = R.eml(name, f"{rf['name']} <{rf['email']}>", "Referral - two children", R.when(rf["date_submitted"], 11, 11),
                text=f"Please see the attached referral.\n{rf['name']}\n",
                attachments=[("Referral form - 2 children.docx", R.doc_bytes(d), *DOCX)])
    return msg, expected("referral", referral=c.ref_json()), "docx-two-child-sections"


# ------------------------------------------------------------------ r19 Google-Forms-style mail: question row above answer row

def r19_html_question_rows(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_family=2, n_agencies=2, n_proc=1, n_sib=0)
    rf, ch = c.referrer, c.child
    st = "iso"
    rows: list[tuple[str, str]] = [
        ("Email address", rf["email"]), ("Name of person making the referral", rf["name"]), ("Role", rf["role"]),
        ("Organisation", rf["agency"]), ("Contact number", rf["phone"]), ("Child's full name", ch["name"]),
        ("Child's date of birth", ch["date_of_birth"].isoformat()), ("Child's home address", ch["home_address"]),
        ("Parent or carer", ch["carer"]), ("Ethnicity", ch["ethnicity"]), ("Religion", ch["faith"]),
        ("Disability", ch["disability"]),
        ("Child protection plan", {"yes": "Current", "has_been": "Previous", "no": "Never", "not_known": "Not known"}[ch["child_protection_plan"]]),
        ("Incident date", ch["incident_date"].isoformat()), ("Incident location", ch["incident_location"]),
        ("Has the child died?", yn(c.criteria["child_died"])), ("Has the child been seriously harmed?", yn(c.criteria["seriously_harmed"])),
        ("Abuse or neglect", c.criteria["abuse_or_neglect"].capitalize()),
        ("Concerns about how agencies worked together?", yn(c.criteria["agency_concern"])), ("Summary", c.summary)]
    for i, f in enumerate(c.family, 1):
        rows += [(f"Family member {i}: name", f["name"]), (f"Family member {i}: relationship", f["relationship"]),
                 (f"Family member {i}: date of birth", f["date_of_birth"].isoformat()),
                 (f"Family member {i}: address", f["address"]), (f"Family member {i}: ethnicity", f["ethnicity"])]
    for i, a in enumerate(c.agencies, 1):
        rows += [(f"Agency {i}", a["agency"]), (f"Agency {i}: worker", a["name"]), (f"Agency {i}: contact", a["contact"]),
                 (f"Agency {i}: still involved?", yn(a["still_involved"]))]
    rows += [("Other process", c.processes[0]["process"]), ("Status of other process", c.processes[0]["status"])]
    body = ("<html><body style='font-family:Roboto,Arial'><div style='background:#673AB7;color:#fff;padding:8px'>"
            "CSPR referral</div><p>Thanks for filling out <b>CSPR referral</b>. Here's what was received.</p><table>"
            + "".join(f"<tr><td style='font-weight:bold;padding-top:12px'>{H.escape(k)}</td></tr>"
                      f"<tr><td>{H.escape(v)}</td></tr>" for k, v in rows)
            + f"</table><p style='color:#777'>Submitted {fmt_date(rf['date_submitted'], 'mon')}</p></body></html>")
    del st
    msg = R.eml(name, "Google Forms <forms-receipts-noreply@google.com>", "CSPR referral", R.when(rf["date_submitted"], 20, 15),
                html=body, headers={"Reply-To": rf["email"]})
    return msg, expected("referral", referral=c.ref_json()), "html-question-row-answer-row"


# ------------------------------------------------------------------ r20 Markdown typed into a plain-text mail

def r20_text_markdown(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_family=3, n_agencies=3, n_proc=2, n_sib=1)
    rf, ch = c.referrer, c.child
    st = "mon"
    L = ["## Referrer", f"- **Name**: {rf['name']}", f"- **Role**: {rf['role']}", f"- **Agency**: {rf['agency']}",
         f"- **Email**: {rf['email']}", f"- **Phone**: {rf['phone']}", f"- **Date**: {fmt_date(rf['date_submitted'], st)}", "",
         "## Child", f"- **Name**: {ch['name']}", f"- **DOB**: {fmt_date(ch['date_of_birth'], st)}",
         f"- **Address**: {ch['home_address']}", f"- **Carer**: {ch['carer']}", f"- **Ethnicity**: {ch['ethnicity']}",
         f"- **Religion**: {ch['faith']}", f"- **Disability**: {ch['disability']}",
         f"- **CP plan**: {({'yes': 'current', 'has_been': 'previous', 'no': 'never', 'not_known': 'not known'})[ch['child_protection_plan']]}", "",
         "## Incident", f"- **Date**: {fmt_date(ch['incident_date'], st)}", f"- **Where**: {ch['incident_location']}",
         f"- [{'x' if c.criteria['child_died'] else ' '}] child died",
         f"- [{'x' if c.criteria['seriously_harmed'] else ' '}] child seriously harmed",
         f"- [{'x' if c.criteria['abuse_or_neglect'] == 'known' else ' '}] abuse/neglect known",
         f"- [{'x' if c.criteria['abuse_or_neglect'] == 'suspected' else ' '}] abuse/neglect suspected",
         f"- [{'x' if c.criteria['agency_concern'] else ' '}] concerns about agencies working together", "",
         "## What happened", c.summary, "", "## Family", "| DOB | Name | Relationship | Ethnicity | Address |",
         "|---|---|---|---|---|"]
    L += [f"| {fmt_date(f['date_of_birth'], st)} | {f['name']} | {f['relationship']} | {f['ethnicity']} | {f['address']} |" for f in c.family]
    L += ["", "## Agencies", "| Agency | Worker | Contact | Still involved |", "|---|---|---|---|"]
    L += [f"| {a['agency']} | {a['name']} | {a['contact']} | {'yes' if a['still_involved'] else 'no'} |" for a in c.agencies]
    L += ["", "## Other processes"] + [f"- {p['process']}: {p['status']}" for p in c.processes]
    text = ("Hi - our form template wouldn't open on my laptop so I've typed the headings from it below.\n\n"
            + "\n".join(L) + f"\n\n{rf['name']}\n")
    msg = R.eml(name, f"{rf['name']} <{rf['email']}>", "CSPR referral (typed)", R.when(rf["date_submitted"], 13, 33), text=text)
    return msg, expected("referral", referral=c.ref_json()), "text-markdown-bullets-and-table"


# ------------------------------------------------------------------ r21 an e-mail printed to PDF, forwarded by business support

def r21_pdf_printed_email(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_family=2, n_agencies=2, n_proc=1, n_sib=0)
    rf, ch = c.referrer, c.child
    st = "slash"
    sent = R.when(rf["date_submitted"], 15, 2)
    W = A4[0] - 30 * mm
    kv = [["Child", ch["name"]], ["DOB", fmt_date(ch["date_of_birth"], st)], ["Address", ch["home_address"]],
          ["Carer", ch["carer"]], ["Ethnicity", ch["ethnicity"]], ["Religion", ch["faith"]], ["Disability", ch["disability"]],
          ["CP plan", {"yes": "Current", "has_been": "Previous", "no": "Never", "not_known": "Not known"}[ch["child_protection_plan"]]],
          ["Incident date", fmt_date(ch["incident_date"], st)], ["Location", ch["incident_location"]],
          ["Died", yn(c.criteria["child_died"])], ["Seriously harmed", yn(c.criteria["seriously_harmed"])],
          ["Abuse/neglect", c.criteria["abuse_or_neglect"].capitalize()], ["Agency concerns", yn(c.criteria["agency_concern"])],
          ["Summary", c.summary]]
    story = [R.P(rf["name"], size=11, bold=True), R.Spacer(1, 2 * mm),
             R.rl_table([["From:", f"{rf['name']} <{rf['email']}>"], ["Sent:", f"{sent:%d %B %Y} 15:02"],
                         ["To:", "Safeguarding Partnership Business Unit"], ["Subject:", "Rapid review referral"]],
                        [25 * mm, W - 25 * mm], label_cols=(0,), grid=False, label_fill=colors.white),
             R.Spacer(1, 4 * mm), R.P("Dear Business Unit, my referral is set out below."), R.Spacer(1, 3 * mm),
             R.rl_table(kv, [40 * mm, W - 40 * mm]), R.Spacer(1, 3 * mm), R.P("Family", bold=True),
             R.rl_table([["Name", "Relationship", "DOB", "Address", "Ethnicity"]]
                        + [[f["name"], f["relationship"], fmt_date(f["date_of_birth"], st), f["address"], f["ethnicity"]]
                           for f in c.family], [W * 0.22, W * 0.16, W * 0.13, W * 0.31, W * 0.18], label_cols=(), header=True),
             R.Spacer(1, 3 * mm), R.P("Agencies", bold=True),
             R.rl_table([["Agency", "Name", "Contact", "Involved now"]]
                        + [[a["agency"], a["name"], a["contact"], yn(a["still_involved"])] for a in c.agencies],
                        [W * 0.35, W * 0.2, W * 0.33, W * 0.12], label_cols=(), header=True),
             R.Spacer(1, 3 * mm), R.P(f"Other processes: {c.processes[0]['process']} - {c.processes[0]['status']}"),
             R.Spacer(1, 4 * mm), R.P(f"{rf['name']}\n{rf['role']}\n{rf['agency']}\n{rf['phone']}")]
    pdf = R.build_pdf(story, "Rapid review referral")
    bs = "Carol Ashworth"
    text = (f"Hi team,\n\nThis came into the old LSCB mailbox, which is no longer monitored. I've printed it to PDF and "
            f"attached it. The sender is {rf['name']}.\n\nCarol Ashworth\nBusiness Support Officer\n")
    msg = R.eml(name, f"{bs} <carol.ashworth@n-somerset.gov.uk>", "FW: Rapid review referral (from old mailbox)",
                R.when(rf["date_submitted"] + dt.timedelta(days=2), 9, 40), text=text,
                attachments=[("Rapid review referral.pdf", pdf, "application", "pdf")])
    return msg, expected("referral", referral=c.ref_json()), "pdf-printed-email-forwarded"
