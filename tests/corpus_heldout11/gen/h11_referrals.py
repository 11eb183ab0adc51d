"""Referral layouts of held-out set 11 (forms). Each function: name -> (eml bytes, expected JSON, carrier)."""

from __future__ import annotations

import datetime as dt
import html as H
import random
from typing import Any

from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

import h11_data as D
from h11_data import fmt_date as F
from h11_render import (P, build_pdf, cell_text, doc_bytes, eml, esc, heading, new_doc, pstyle, rl_table, soffice_pdf, table, when)

DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
PDF = ("application", "pdf")
Ret = tuple[bytes, dict[str, Any], str]


def R(name: str) -> random.Random:
    return random.Random(name)


def latin1(obj: Any) -> bool:
    """reportlab's AcroForm fields take Latin-1 only: fillable forms draw content that fits."""
    try:
        str(obj).encode("latin-1")
        return True
    except UnicodeEncodeError:
        return False


def wrap_for(value: str, width: float, size: float, font: str = "Helvetica") -> str:
    """Line breaks in a multi-line field's value, as a person typing into it sees it wrap (reportlab draws the
    appearance without wrapping)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    lines, cur = [], ""
    for w in value.split(" "):
        t = (cur + " " + w).strip()
        if cur and stringWidth(t, font, size) > width - 6:
            lines.append(cur)
            cur = w
        else:
            cur = t
    lines.append(cur)
    return "\n".join(lines)


def yn(b: bool | None) -> str:
    return "Yes" if b else "No"


def frm(p: dict[str, str]) -> str:
    return f"{p['name']} <{p['email']}>"


def cap_name(full: str) -> str:
    """'Tegan Prothero' -> 'PROTHERO, Tegan' (case-system style)."""
    first, _, sur = full.partition(" ")
    return f"{sur.upper()}, {first}"


def caps_sur(full: str) -> str:
    first, _, sur = full.partition(" ")
    return f"{first} {sur.upper()}"


def cp_text(c: dict[str, Any], rng: random.Random) -> str:
    return rng.choice(c["child"]["cp_words"])


def still(b: bool, yes: str = "Yes", no: str = "No") -> str:
    return yes if b else no


# ---------------------------------------------------------------- r01 docx: labels BELOW the values

def _under(doc: Any, pairs: list[tuple[str, str]], widths: int | None = None) -> None:
    t = doc.add_table(rows=2, cols=len(pairs))
    for j, (label, val) in enumerate(pairs):
        v = t.cell(0, j)
        cell_text(v, val, size=11)
        tcpr = v._tc.get_or_add_tcPr()
        b = OxmlElement("w:tcBorders")
        bot = OxmlElement("w:bottom")
        bot.set(qn("w:val"), "single")
        bot.set(qn("w:sz"), "8")
        b.append(bot)
        tcpr.append(b)
        cap = t.cell(1, j)
        p = cap.paragraphs[0]
        r = p.add_run(label)
        r.italic = True
        r.font.size = Pt(7)
        r.font.color.rgb = RGBColor.from_string("595959")
    doc.add_paragraph()


def r01_docx_labels_below(name: str) -> Ret:
    rng = R(name)
    c = D.make_case(rng)
    rf, ch = c["referrer"], c["child"]
    ds = "ord_mon"
    doc = new_doc("Calibri", 10)
    heading(doc, "Notification of a Serious Child Safeguarding Incident", 1)
    doc.add_paragraph("Write in the space ABOVE each caption. Send to the partnership business unit within one working day.")
    heading(doc, "A. Person completing this notification", 3)
    _under(doc, [("Your full name", rf["name"]), ("Job title", rf["role"]), ("Organisation", rf["agency"])])
    _under(doc, [("Secure e-mail", rf["email"]), ("Direct line", rf["phone"]), ("Date completed", F(rf["date_submitted"], ds))])
    heading(doc, "B. The child", 3)
    _under(doc, [("Child's full name", ch["name"]), ("Date of birth", F(ch["date_of_birth"], ds)),
                 ("Ethnic origin", ch["ethnicity"])])
    _under(doc, [("Home address incl. postcode", ch["home_address"]), ("Main carer / person with parental responsibility", ch["carer"])])
    _under(doc, [("Religion / faith", ch["faith"]), ("Disability or SEND", ch["disability"]),
                 ("Child protection plan (current / previous / never / not known)", cp_text(c, rng))])
    _under(doc, [("Date of death or serious incident", F(ch["incident_date"], ds)), ("Where it happened", ch["incident_location"])])
    heading(doc, "C. Why you think this meets the criteria", 3)
    cr = c["criteria"]
    box = lambda b: "☒" if b else "☐"  # noqa: E731
    _under(doc, [("Has the child died?", f"{box(cr['child_died'])} Yes   {box(not cr['child_died'])} No"),
                 ("Has the child been seriously harmed?", f"{box(cr['seriously_harmed'])} Yes   {box(not cr['seriously_harmed'])} No")])
    _under(doc, [("Abuse or neglect is…", f"{box(cr['abuse_or_neglect'] == 'known')} Known   {box(cr['abuse_or_neglect'] == 'suspected')} Suspected"),
                 ("Concern about how organisations worked together?", f"{box(cr['agency_concern'])} Yes   {box(not cr['agency_concern'])} No")])
    _under(doc, [("Brief account of what happened", c["summary"])])
    heading(doc, "D. Family and significant others", 3)
    for f in c["family"]:
        _under(doc, [("Name", f["name"]), ("Relationship to child", f["relationship"]),
                     ("D.O.B.", F(f["date_of_birth"], ds)), ("Address", f["address"]), ("Ethnicity", f["ethnicity"])])
    heading(doc, "E. Other professionals involved", 3)
    for a in c["other_agencies"]:
        _under(doc, [("Worker", a["name"]), ("Agency", a["agency"]), ("Tel / e-mail", a["contact"]),
                     ("Still involved?", yn(a["still_involved"]))])
    heading(doc, "F. Other processes under way", 3)
    for p in c["other_processes"]:
        _under(doc, [("Process", p["process"]), ("Stage reached", p["status"])])
    body = f"Please find attached a notification for the sub-group.\n\n{rf['name']}\n{rf['role']}\n"
    m = eml(name, frm(rf), "CSPR notification - for screening", when(rf["date_submitted"], 15, 2), text=body,
            attachments=[("CSPR notification.docx", doc_bytes(doc), *DOCX)])
    return m, D.expected_referral(c), "docx, values above their captions"


# ---------------------------------------------------------------- r02 docx -> PDF, long grid, repeated header rows

def _repeat_header(t: Any) -> None:
    trpr = t.rows[0]._tr.get_or_add_trPr()
    h = OxmlElement("w:tblHeader")
    trpr.append(h)


def r02_pdf_soffice_repeated_headers(name: str) -> Ret:
    rng = R(name)
    c = D.make_case(rng, n_family=4)
    rf, ch = c["referrer"], c["child"]
    ds = "dmy2"
    doc = new_doc("Liberation Sans", 11)
    heading(doc, "Rapid Review Referral", 1)
    doc.add_paragraph("Complete every row. Where a question does not apply write N/K.")
    cr = c["criteria"]
    rows = [["Question", "Answer"],
            ["1. Referrer name", rf["name"]], ["2. Referrer job title", rf["role"]], ["3. Referrer organisation", rf["agency"]],
            ["4. Referrer e-mail", rf["email"]], ["5. Referrer telephone", rf["phone"]],
            ["6. Date of referral", F(rf["date_submitted"], ds)],
            ["7. Name of child", ch["name"]], ["8. Child's date of birth", F(ch["date_of_birth"], ds)],
            ["9. Child's address", ch["home_address"]], ["10. Parent / carer", ch["carer"]],
            ["11. Ethnicity", ch["ethnicity"]], ["12. Religion", ch["faith"]], ["13. Disability", ch["disability"]],
            ["14. Child protection plan", cp_text(c, rng)],
            ["15. Date of incident", F(ch["incident_date"], ds)], ["16. Location of incident", ch["incident_location"]],
            ["17. Did the child die?", yn(cr["child_died"])], ["18. Was the child seriously harmed?", yn(cr["seriously_harmed"])],
            ["19. Is abuse or neglect known or suspected?", cr["abuse_or_neglect"].capitalize()],
            ["20. Are there concerns about agencies working together?", yn(cr["agency_concern"])],
            ["21. Summary of the incident and the reasons for this referral",
             c["summary"] + "\n\nFurther background is held by the agencies listed in section 23 and will follow in their returns."]]
    t = table(doc, rows, header=True, fill="BDD7EE")
    _repeat_header(t)
    for row in t.rows:
        row.height = Pt(34)
    doc.add_paragraph()
    heading(doc, "22. Family members and significant adults", 3)
    t2 = table(doc, [["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]] +
               [[f["name"], f["relationship"], F(f["date_of_birth"], ds), f["address"], f["ethnicity"]] for f in c["family"]],
               bold_cols=(), header=True, fill="BDD7EE")
    _repeat_header(t2)
    for row in t2.rows:
        row.height = Pt(70)
    heading(doc, "23. Agencies involved", 3)
    t3 = table(doc, [["Professional", "Agency", "Contact details", "Still involved (Y/N)"]] +
               [[a["name"], a["agency"], a["contact"], "Y" if a["still_involved"] else "N"] for a in c["other_agencies"]],
               bold_cols=(), header=True, fill="BDD7EE")
    _repeat_header(t3)
    for row in t3.rows:
        row.height = Pt(60)
    heading(doc, "24. Parallel processes", 3)
    table(doc, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]],
          bold_cols=(), header=True, fill="BDD7EE")
    pdf = soffice_pdf(doc_bytes(doc), "referral")
    m = eml(name, frm(rf), "Rapid review referral (PDF)", when(rf["date_submitted"], 11, 40),
            text="Referral attached as a PDF as requested.\n\n" + rf["name"],
            attachments=[("RR referral.pdf", pdf, *PDF)])
    return m, D.expected_referral(c), "PDF by LibreOffice, tables over page breaks with repeated header rows"


# ---------------------------------------------------------------- r03 fillable PDF, LiveCycle-style generic names

def r03_pdf_fillable_generic_names(name: str) -> Ret:
    rng = R(name)
    c = D.make_case(rng, n_family=3)
    while not latin1(c):
        c = D.make_case(rng, n_family=3)
    rf, ch, cr = c["referrer"], c["child"], c["criteria"]
    ds = "slash"
    import io
    b = io.BytesIO()
    cv = rl_canvas.Canvas(b, pagesize=A4)
    af = cv.acroForm
    n = [0]

    def tf(label: str, value: str, x: float, y: float, w: float, h: float = 16, multiline: bool = False,
           fs: float = 8) -> None:
        n[0] += 1
        cv.setFont("Helvetica", 7)
        cv.drawString(x, y + h + 2, label)
        if multiline:
            value = wrap_for(value, w, 7)
        af.textfield(name=f"form1[0].#subform[0].TextField{n[0]}[0]", value=value, x=x, y=y, width=w, height=h,
                     fontName="Helvetica", fontSize=fs if not multiline else 7, borderWidth=0.5,
                     fieldFlags="multiline" if multiline else "", borderColor=colors.grey, fillColor=colors.white)

    def cb(label: str, checked: bool, x: float, y: float) -> None:
        n[0] += 1
        af.checkbox(name=f"form1[0].#subform[0].CheckBox{n[0]}[0]", checked=checked, x=x, y=y, size=10,
                    buttonStyle="cross", borderWidth=0.5)
        cv.setFont("Helvetica", 8)
        cv.drawString(x + 13, y + 2, label)

    W, Ht = A4
    cv.setFont("Helvetica-Bold", 13)
    cv.drawString(40, Ht - 45, "SERIOUS INCIDENT REFERRAL - CHILDREN")
    y = Ht - 85
    cv.setFont("Helvetica-Bold", 9)
    cv.drawString(40, y + 22, "Part 1  Referrer")
    tf("Name", rf["name"], 40, y - 10, 170)
    tf("Role", rf["role"], 220, y - 10, 170)
    tf("Organisation", rf["agency"], 400, y - 10, 160, multiline=True, h=24)
    y -= 45
    tf("Email", rf["email"], 40, y, 220)
    tf("Telephone", rf["phone"], 270, y, 120)
    tf("Date (dd/mm/yyyy)", F(rf["date_submitted"], ds), 400, y, 100)
    y -= 40
    cv.setFont("Helvetica-Bold", 9)
    cv.drawString(40, y + 12, "Part 2  Child")
    y -= 20
    tf("Child's name", ch["name"], 40, y, 200)
    tf("DOB", F(ch["date_of_birth"], ds), 250, y, 90)
    tf("Ethnicity", ch["ethnicity"], 350, y, 210)
    y -= 35
    tf("Address", ch["home_address"], 40, y, 300)
    tf("Carer", ch["carer"], 350, y, 210)
    y -= 35
    tf("Faith", ch["faith"], 40, y, 150)
    tf("Disability", ch["disability"], 200, y, 200)
    tf("Incident date", F(ch["incident_date"], ds), 410, y, 100)
    y -= 35
    tf("Place of incident", ch["incident_location"], 40, y, 300)
    y -= 30
    cv.setFont("Helvetica", 8)
    cv.drawString(40, y, "Child protection plan:")
    for i, (val, lab) in enumerate([("yes", "Current"), ("has_been", "Previous"), ("no", "Never"), ("not_known", "Not known")]):
        cb(lab, ch["child_protection_plan"] == val, 140 + i * 90, y - 2)
    y -= 30
    cv.setFont("Helvetica-Bold", 9)
    cv.drawString(40, y, "Part 3  Criteria")
    y -= 20
    for q, v in [("Child has died", cr["child_died"]), ("Child seriously harmed", cr["seriously_harmed"]),
                 ("Concerns about multi-agency working", cr["agency_concern"])]:
        cv.setFont("Helvetica", 8)
        cv.drawString(40, y + 2, q)
        cb("Yes", v, 250, y)
        cb("No", not v, 310, y)
        y -= 18
    cv.drawString(40, y + 2, "Abuse / neglect")
    cb("Known", cr["abuse_or_neglect"] == "known", 250, y)
    cb("Suspected", cr["abuse_or_neglect"] == "suspected", 310, y)
    y -= 50
    tf("Summary", c["summary"], 40, y, 520, h=40, multiline=True)
    y -= 30
    cv.setFont("Helvetica-Bold", 9)
    cv.drawString(40, y, "Part 4  Family / household")
    y -= 28
    for f in c["family"]:
        tf("Name", f["name"], 40, y, 110)
        tf("Relationship", f["relationship"], 155, y, 80)
        tf("DOB", F(f["date_of_birth"], ds), 240, y, 60)
        tf("Address", f["address"], 305, y, 170, multiline=True, h=24)
        tf("Ethnicity", f["ethnicity"], 480, y, 90, multiline=True, h=24)
        y -= 38
    cv.showPage()
    y = Ht - 60
    cv.setFont("Helvetica-Bold", 9)
    cv.drawString(40, y, "Part 5  Agencies")
    y -= 30
    for a in c["other_agencies"]:
        tf("Worker", a["name"], 40, y, 120)
        tf("Agency", a["agency"], 165, y, 200, multiline=True, h=24)
        tf("Contact", a["contact"], 370, y, 130, fs=6)
        cb("Open", a["still_involved"], 505, y + 14)
        cb("Closed", not a["still_involved"], 505, y)
        y -= 45
    cv.setFont("Helvetica-Bold", 9)
    cv.drawString(40, y, "Part 6  Other processes")
    y -= 30
    for p in c["other_processes"]:
        tf("Process", p["process"], 40, y, 200)
        tf("Status", p["status"], 250, y, 200)
        y -= 35
    cv.save()
    m = eml(name, frm(rf), "Serious incident referral form", when(rf["date_submitted"], 9, 5),
            text=f"Completed form attached (fillable PDF).\n\nRegards\n{rf['name']}",
            attachments=[("SIR_children_v3.pdf", b.getvalue(), *PDF)])
    return m, D.expected_referral(c), "fillable PDF, generic LiveCycle-style field names"


# ---------------------------------------------------------------- r04 two-column (newspaper) word-processor PDF

def r04_pdf_two_column_flow(name: str) -> Ret:
    rng = R(name)
    c = D.make_case(rng)
    rf, ch, cr = c["referrer"], c["child"], c["criteria"]
    ds = "long"
    import io
    b = io.BytesIO()
    doc = BaseDocTemplate(b, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm)
    w = (A4[0] - 30 * mm - 8 * mm) / 2
    fr = [Frame(15 * mm, 15 * mm, w, A4[1] - 30 * mm, id="L"), Frame(15 * mm + w + 8 * mm, 15 * mm, w, A4[1] - 30 * mm, id="R")]
    doc.addPageTemplates([PageTemplate(id="two", frames=fr)])
    st: list[Any] = []
    lab = pstyle(8.5, bold=True)
    val = pstyle(9)

    def q(label: str, value: str) -> None:
        st.append(Paragraph(esc(label), lab))
        st.append(Paragraph(esc(value), val))
        st.append(Spacer(1, 4))

    def opts(label: str, options: list[str], chosen: str) -> None:
        st.append(Paragraph(esc(label), lab))
        st.append(Paragraph("&nbsp;&nbsp;&nbsp;".join(f"{esc(o)} {'✔' if o == chosen else '&nbsp;&nbsp;'}" for o in options), val))
        st.append(Spacer(1, 4))

    st.append(Paragraph("Child Safeguarding Incident: referral to the Partnership", pstyle(12, bold=True)))
    st.append(Spacer(1, 6))
    st.append(Paragraph("1 About you", pstyle(10, bold=True, color=colors.HexColor("#1F4E79"))))
    for k, v in [("Name", rf["name"]), ("Role", rf["role"]), ("Organisation", rf["agency"]), ("E-mail", rf["email"]),
                 ("Telephone", rf["phone"]), ("Date of this referral", F(rf["date_submitted"], ds))]:
        q(k, v)
    st.append(Paragraph("2 The child", pstyle(10, bold=True, color=colors.HexColor("#1F4E79"))))
    for k, v in [("Full name", ch["name"]), ("Date of birth", F(ch["date_of_birth"], ds)), ("Address", ch["home_address"]),
                 ("Lives with / main carer", ch["carer"]), ("Ethnicity", ch["ethnicity"]), ("Faith", ch["faith"]),
                 ("Disability", ch["disability"])]:
        q(k, v)
    cpmap = {"yes": "Current", "has_been": "Past", "no": "Never", "not_known": "Not known"}
    opts("Child protection plan", ["Current", "Past", "Never", "Not known"], cpmap[ch["child_protection_plan"]])
    st.append(Paragraph("3 What happened", pstyle(10, bold=True, color=colors.HexColor("#1F4E79"))))
    q("Date of incident or death", F(ch["incident_date"], ds))
    q("Where", ch["incident_location"])
    opts("Has the child died?", ["Yes", "No"], yn(cr["child_died"]))
    opts("Has the child been seriously harmed?", ["Yes", "No"], yn(cr["seriously_harmed"]))
    opts("Abuse or neglect", ["Known", "Suspected"], cr["abuse_or_neglect"].capitalize())
    opts("Do you have concerns about how agencies worked together?", ["Yes", "No"], yn(cr["agency_concern"]))
    q("Summary", c["summary"])
    st.append(Paragraph("4 Family and household", pstyle(10, bold=True, color=colors.HexColor("#1F4E79"))))
    for i, f in enumerate(c["family"], 1):
        q(f"Person {i}", f"{f['name']}\n".replace("\n", ""))
        q("Relationship to the child", f["relationship"])
        q("Date of birth", F(f["date_of_birth"], ds))
        q("Address", f["address"])
        q("Ethnicity", f["ethnicity"])
    st.append(Paragraph("5 Agencies involved", pstyle(10, bold=True, color=colors.HexColor("#1F4E79"))))
    for i, a in enumerate(c["other_agencies"], 1):
        q(f"Agency {i}", a["agency"])
        q("Worker", a["name"])
        q("Contact", a["contact"])
        opts("Still involved?", ["Yes", "No"], yn(a["still_involved"]))
    st.append(Paragraph("6 Other processes", pstyle(10, bold=True, color=colors.HexColor("#1F4E79"))))
    for p in c["other_processes"]:
        q(p["process"], p["status"])
    doc.build(st)
    m = eml(name, frm(rf), "Referral - child safeguarding incident", when(rf["date_submitted"], 16, 31),
            text=f"Hello, form attached.\n{rf['name']}, {rf['role']}",
            attachments=[("referral form.pdf", b.getvalue(), *PDF)])
    return m, D.expected_referral(c), "PDF (reportlab), two newspaper columns, ✔ after the chosen option"


# ---------------------------------------------------------------- r05 HTML portal export, chosen option highlighted

def r05_html_portal_highlight(name: str) -> Ret:
    rng = R(name)
    c = D.make_case(rng)
    rf, ch, cr = c["referrer"], c["child"], c["criteria"]
    ds = "wday_y"

    def hl(options: list[str], chosen: str) -> str:
        return " ".join(f'<span style="background-color:#FFFF00;font-weight:bold;padding:1px 4px">{H.escape(o)}</span>'
                        if o == chosen else f'<span style="color:#A6A6A6;padding:1px 4px">{H.escape(o)}</span>'
                        for o in options)

    def row(k: str, v: str, raw: bool = False) -> str:
        return f'<tr><th style="text-align:left;background:#EDEDED;width:40%">{H.escape(k)}</th><td>{v if raw else H.escape(v)}</td></tr>'

    cpmap = {"yes": "Current", "has_been": "Previous", "no": "Never", "not_known": "Not known"}
    h = ['<html><body style="font-family:Segoe UI,Arial;font-size:10pt">',
         "<p>A form has been submitted on the Partnership portal. Reference PRT-88213.</p>",
         '<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse;width:100%">',
         '<tr><td colspan="2" style="background:#203864;color:white"><b>Section 1 - Referrer</b></td></tr>',
         row("Name", rf["name"]), row("Job title", rf["role"]), row("Organisation", rf["agency"]),
         row("Email address", rf["email"]), row("Telephone", rf["phone"]),
         row("Date submitted", F(rf["date_submitted"], ds)),
         '<tr><td colspan="2" style="background:#203864;color:white"><b>Section 2 - Child</b></td></tr>',
         row("Child's name", ch["name"]), row("Date of birth", F(ch["date_of_birth"], ds)),
         row("Address", ch["home_address"]), row("Parent or carer", ch["carer"]), row("Ethnicity", ch["ethnicity"]),
         row("Religion", ch["faith"]), row("Disability", ch["disability"]),
         row("Child protection plan", hl(["Current", "Previous", "Never", "Not known"], cpmap[ch["child_protection_plan"]]), True),
         '<tr><td colspan="2" style="background:#203864;color:white"><b>Section 3 - Incident</b></td></tr>',
         row("Date of incident", F(ch["incident_date"], ds)), row("Location", ch["incident_location"]),
         row("Did the child die?", hl(["Yes", "No"], yn(cr["child_died"])), True),
         row("Was the child seriously harmed?", hl(["Yes", "No"], yn(cr["seriously_harmed"])), True),
         row("Abuse or neglect", hl(["Known", "Suspected"], cr["abuse_or_neglect"].capitalize()), True),
         row("Concern about how agencies worked together", hl(["Yes", "No"], yn(cr["agency_concern"])), True),
         row("Summary", c["summary"]),
         '<tr><td colspan="2" style="background:#203864;color:white"><b>Section 4 - Family</b></td></tr>']
    for f in c["family"]:
        inner = (f"{H.escape(f['name'])}<br>{H.escape(f['relationship'])} &middot; born {F(f['date_of_birth'], ds)}<br>"
                 f"{H.escape(f['address'])}<br>Ethnicity: {H.escape(f['ethnicity'])}")
        h.append(row("Family member", inner, True))
    h.append('<tr><td colspan="2" style="background:#203864;color:white"><b>Section 5 - Agencies</b></td></tr>')
    for a in c["other_agencies"]:
        inner = (f"{H.escape(a['agency'])}<br>Worker: {H.escape(a['name'])}<br>Contact: {H.escape(a['contact'])}<br>"
                 f"Still involved: {hl(['Yes', 'No'], yn(a['still_involved']))}")
        h.append(row("Agency", inner, True))
    h.append('<tr><td colspan="2" style="background:#203864;color:white"><b>Section 6 - Other processes</b></td></tr>')
    for p in c["other_processes"]:
        h.append(row(p["process"], p["status"]))
    h.append("</table><p style='color:#777'>Highlighted answers are the ones selected. Do not reply to this address.</p></body></html>")
    m = eml(name, "Partnership Portal <portal-noreply@n-somerset.gov.uk>", "Portal submission PRT-88213: CSPR referral",
            when(rf["date_submitted"], 13, 12), html="\n".join(h), headers={"Reply-To": rf["email"]})
    return m, D.expected_referral(c), "HTML portal export, chosen option highlighted among all options"


# ---------------------------------------------------------------- r06 text case-system print, SURNAME caps, Y/N columns

def r06_text_lcs_print(name: str) -> Ret:
    rng = R(name)
    c = D.make_case(rng)
    rf, ch, cr = c["referrer"], c["child"], c["criteria"]
    ds = "mon_dash"
    L = [f"LCS  |  CASE NOTE PRINT  |  Printed {F(rf['date_submitted'], ds)} 10:42 by {cap_name(rf['name'])}",
         "=" * 96, "SERIOUS INCIDENT - REFERRAL TO SAFEGUARDING PARTNERSHIP", "=" * 96, "",
         f"{'Worker':<22}: {cap_name(rf['name'])}", f"{'Worker role':<22}: {rf['role']}",
         f"{'Team / Organisation':<22}: {rf['agency']}", f"{'Worker email':<22}: {rf['email']}",
         f"{'Worker phone':<22}: {rf['phone']}", f"{'Date recorded':<22}: {F(rf['date_submitted'], ds)}", "",
         "PERSON DETAILS", "-" * 96,
         f"{'Name':<22}: {cap_name(ch['name'])}{'':8}Person ID : {rng.randint(1000000, 9999999)}",
         f"{'DOB':<22}: {F(ch['date_of_birth'], ds)}", f"{'Address':<22}: {ch['home_address']}",
         f"{'Main carer':<22}: {cap_name(ch['carer'])}", f"{'Ethnicity':<22}: {ch['ethnicity']}",
         f"{'Religion':<22}: {ch['faith']}", f"{'Disability':<22}: {ch['disability']}",
         f"{'CP plan status':<22}: {cp_text(c, rng)}", "",
         "INCIDENT", "-" * 96, f"{'Incident date':<22}: {F(ch['incident_date'], ds)}",
         f"{'Incident location':<22}: {ch['incident_location']}", "",
         f"{'CRITERIA':<66}{'Y':^5}{'N':^5}"]
    for q, v in [("Child has died", cr["child_died"]), ("Child has been seriously harmed", cr["seriously_harmed"]),
                 ("Abuse/neglect KNOWN", cr["abuse_or_neglect"] == "known"),
                 ("Abuse/neglect SUSPECTED", cr["abuse_or_neglect"] == "suspected"),
                 ("Concern re agencies working together", cr["agency_concern"])]:
        L.append(f"{q:<66}{'X' if v else '':^5}{'' if v else 'X':^5}")
    L += ["", "CASE SUMMARY", "-" * 96, c["summary"], "", "RELATIONSHIPS", "-" * 96,
          f"{'Relationship':<20}{'Name':<28}{'DOB':<14}{'Ethnicity':<32}Address"]
    for f in c["family"]:
        L.append(f"{f['relationship']:<20}{cap_name(f['name']):<28}{F(f['date_of_birth'], ds):<14}{f['ethnicity']:<32}{f['address']}")
    L += ["", "INVOLVEMENTS", "-" * 96, f"{'Organisation':<62}{'Worker':<24}{'Contact':<30}Status"]
    for a in c["other_agencies"]:
        L.append(f"{a['agency']:<62}{cap_name(a['name']):<24}{a['contact']:<30}{'OPEN' if a['still_involved'] else 'CLOSED'}")
    L += ["", "OTHER PROCEEDINGS", "-" * 96]
    for p in c["other_processes"]:
        L.append(f"{p['process']:<30}{p['status']}")
    L += ["", "*** END OF PRINT ***"]
    exp = D.expected_referral(
        c, **{"referrer.name": caps_sur(rf["name"]), "child.name": caps_sur(ch["name"]), "child.carer": caps_sur(ch["carer"])},
        **{f"family.{i}.name": caps_sur(f["name"]) for i, f in enumerate(c["family"])},
        **{f"other_agencies.{i}.name": caps_sur(a["name"]) for i, a in enumerate(c["other_agencies"])})
    m = eml(name, frm(rf), "Referral for CSPR screening", when(rf["date_submitted"], 10, 44),
            text="Pasted from LCS below as the Word template would not open.\n\n" + "\n".join(L) + f"\n\n{rf['name']}\n")
    return m, exp, "plain text, case-system print, SURNAME, Forename, Y/N columns"


# ---------------------------------------------------------------- r07 docx two forwards deep (nested message/rfc822)

def r07_docx_nested_forwards(name: str) -> Ret:
    rng = R(name)
    c = D.make_case(rng)
    rf, ch, cr = c["referrer"], c["child"], c["criteria"]
    ds = "dot"
    doc = new_doc("Verdana", 9)
    heading(doc, "CSPR REFERRAL", 1)
    chk = lambda b: "☑" if b else "☐"  # noqa: E731
    first, _, sur = ch["name"].partition(" ")
    rows = [["Forename(s)", first, "Surname", sur],
            ["Date of birth", F(ch["date_of_birth"], ds), "Ethnicity", ch["ethnicity"]],
            ["Address", ch["home_address"], "Carer", ch["carer"]],
            ["Faith", ch["faith"], "Disability", ch["disability"]],
            ["Incident date", F(ch["incident_date"], ds), "Incident location", ch["incident_location"]]]
    table(doc, rows, bold_cols=(0, 2), fill="E2EFDA")
    cpmap = {"yes": 0, "has_been": 1, "no": 2, "not_known": 3}[ch["child_protection_plan"]]
    p = doc.add_paragraph("Child protection plan:  ")
    for i, o in enumerate(["Current", "Previous", "Never", "Not known"]):
        p.add_run(f"{chk(i == cpmap)} {o}   ")
    doc.add_paragraph(f"Child died  {chk(cr['child_died'])} Yes  {chk(not cr['child_died'])} No")
    doc.add_paragraph(f"Seriously harmed  {chk(cr['seriously_harmed'])} Yes  {chk(not cr['seriously_harmed'])} No")
    doc.add_paragraph(f"Abuse/neglect  {chk(cr['abuse_or_neglect'] == 'known')} Known  {chk(cr['abuse_or_neglect'] == 'suspected')} Suspected")
    doc.add_paragraph(f"Concern about inter-agency working  {chk(cr['agency_concern'])} Yes  {chk(not cr['agency_concern'])} No")
    heading(doc, "What happened", 3)
    doc.add_paragraph(c["summary"])
    heading(doc, "Family", 3)
    table(doc, [["Name", "Relationship", "DOB", "Address", "Ethnicity"]] +
          [[f["name"], f["relationship"], F(f["date_of_birth"], ds), f["address"], f["ethnicity"]] for f in c["family"]],
          bold_cols=(), header=True, fill="E2EFDA")
    heading(doc, "Professionals", 3)
    table(doc, [["Name", "Agency", "Contact", "Involved now"]] +
          [[a["name"], a["agency"], a["contact"], chk(a["still_involved"])] for a in c["other_agencies"]],
          bold_cols=(), header=True, fill="E2EFDA")
    heading(doc, "Other processes", 3)
    table(doc, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]], bold_cols=(), header=True)
    heading(doc, "Completed by", 3)
    table(doc, [["Name", rf["name"]], ["Role", rf["role"]], ["Agency", rf["agency"]], ["Email", rf["email"]],
                ["Phone", rf["phone"]], ["Date", F(rf["date_submitted"], ds)]])
    d0 = rf["date_submitted"]
    inner = eml(name + "-0", frm(rf), "CSPR referral", when(d0, 9, 10),
                text=f"Dear {rng.choice(['Huw', 'Kirsty'])},\n\nMy referral is attached for your agreement before it goes to the partnership.\n\n{rf['name']}\n{rf['role']}",
                to="Team Manager <tm.safeguarding@" + rf["email"].split("@")[1] + ">",
                attachments=[("CSPR referral form.docx", doc_bytes(doc), *DOCX)])
    mgr = D.professional(rng)
    mid = eml(name + "-1", f"{mgr['name']} <{mgr['email']}>", "FW: CSPR referral", when(d0, 11, 2),
              text="Agreed - forwarding to our named lead to send on.\n", to="Named Lead <named.lead@nhs.net>",
              rfc822=inner, rfc822_name="CSPR referral.eml")
    lead = D.professional(rng)
    m = eml(name, f"{lead['name']} <{lead['email']}>", "FW: FW: CSPR referral", when(d0, 14, 30),
            text=f"Please see the referral below (the form is in the attached e-mail, inside the one before it).\n\n{lead['name']}\n{lead['role']}",
            rfc822=mid, rfc822_name="FW CSPR referral.eml")
    return m, D.expected_referral(c), "docx (☑/☐) in an e-mail attached to an e-mail attached to the mail"


# ---------------------------------------------------------------- r08 plain text, two forwards deep, tab-separated

def r08_text_double_forward(name: str) -> Ret:
    rng = R(name)
    c = D.make_case(rng)
    rf, ch, cr = c["referrer"], c["child"], c["criteria"]
    ds = "dot2"
    cpmap = {"yes": "current", "has_been": "previous", "no": "never", "not_known": "not known"}
    form = [
        "CSPR REFERRAL", "",
        f"Referrer:\t{rf['name']}", f"Role:\t{rf['role']}", f"Agency:\t{rf['agency']}", f"Email:\t{rf['email']}",
        f"Tel:\t{rf['phone']}", f"Date:\t{F(rf['date_submitted'], ds)}", "",
        f"Child:\t{ch['name']}", f"DOB:\t{F(ch['date_of_birth'], ds)}", f"Address:\t{ch['home_address']}",
        f"Carer:\t{ch['carer']}", f"Ethnicity:\t{ch['ethnicity']}", f"Faith:\t{ch['faith']}",
        f"Disability:\t{ch['disability']}", f"CP plan:\t{cpmap[ch['child_protection_plan']]}",
        f"Incident date:\t{F(ch['incident_date'], ds)}", f"Incident location:\t{ch['incident_location']}", "",
        f"Died?\t{'Y' if cr['child_died'] else 'N'}", f"Seriously harmed?\t{'Y' if cr['seriously_harmed'] else 'N'}",
        f"Abuse/neglect known or suspected?\t{cr['abuse_or_neglect']}",
        f"Concerns re agencies working together?\t{'Y' if cr['agency_concern'] else 'N'}", "",
        "Summary:", c["summary"], "", "Family (name\trelationship\tDOB\taddress\tethnicity):"]
    form += [f"{f['name']}\t{f['relationship']}\t{F(f['date_of_birth'], ds)}\t{f['address']}\t{f['ethnicity']}" for f in c["family"]]
    form += ["", "Agencies (worker\tagency\tcontact\tstill involved):"]
    form += [f"{a['name']}\t{a['agency']}\t{a['contact']}\t{'Y' if a['still_involved'] else 'N'}" for a in c["other_agencies"]]
    form += ["", "Other processes:"] + [f"{p['process']}\t{p['status']}" for p in c["other_processes"]]
    d0 = rf["date_submitted"]
    fw1 = D.professional(rng)
    fw2 = D.professional(rng)
    body = (f"Forwarding as discussed - this came to me via {fw1['name']}.\n\n{fw2['name']}\n{fw2['role']}\n{fw2['agency']}\n\n"
            "-----Original Message-----\n"
            f"From: {fw1['name']} <{fw1['email']}>\nSent: {F(d0, 'wday_y')} 12:14\nTo: {fw2['name']} <{fw2['email']}>\n"
            f"Subject: FW: referral\n\nCan you send this to the CSPR mailbox? I don't have access.\n\n{fw1['name']}\n\n"
            "-----Original Message-----\n"
            f"From: {rf['name']} <{rf['email']}>\nSent: {F(d0, 'wday_y')} 08:51\nTo: {fw1['name']} <{fw1['email']}>\n"
            "Subject: referral\n\n" + "\n".join(form) + f"\n\nThanks\n{rf['name'].split()[0]}\n")
    m = eml(name, f"{fw2['name']} <{fw2['email']}>", "FW: FW: referral", when(d0, 15, 55), text=body)
    return m, D.expected_referral(c), "plain text, form two forwards deep, tab-separated answers"


# ---------------------------------------------------------------- r09 scanned page + OCR text layer with OCR errors

def _ocr_label(s: str, rng: random.Random) -> str:
    """OCR slips in printed labels: l/1/I, O/0, rn/m, li/h."""
    out = s.replace("il", "i1").replace("ll", "l1").replace("O", "0").replace("m", "rn")
    return out


def r09_pdf_ocr_scan(name: str) -> Ret:
    import io

    from PIL import Image, ImageDraw, ImageFilter, ImageFont
    rng = R(name)
    c = D.make_case(rng, n_family=3)
    while not latin1(c):  # the OCR layer is drawn in a standard font
        c = D.make_case(rng, n_family=3)
    rf, ch, cr = c["referrer"], c["child"], c["criteria"]
    ds = "slash"
    fam = c["family"]
    box = lambda b: "[X]" if b else "[ ]"  # noqa: E731
    cpmap = {"yes": "Current", "has_been": "Previous", "no": "Never", "not_known": "Not known"}
    lines: list[tuple[str, str]] = [  # (printed label, handwritten-ish/typed value)
        ("CHILD SAFEGUARDING PRACTICE REVIEW - REFERRAL FORM", ""), ("", ""),
        ("Referrer name:", rf["name"]), ("Role:", rf["role"]), ("Agency:", rf["agency"]), ("Email:", rf["email"]),
        ("Telephone:", rf["phone"]), ("Date of referral:", F(rf["date_submitted"], ds)), ("", ""),
        ("Child's full name:", ch["name"]), ("Date of birth:", F(ch["date_of_birth"], ds)),
        ("Home address:", ch["home_address"]), ("Parent/carer:", ch["carer"]), ("Ethnic origin:", ch["ethnicity"]),
        ("Faith:", ch["faith"]), ("Disability:", ch["disability"]),
        ("Child protection plan:", "   ".join(f"{box(cpmap[ch['child_protection_plan']] == o)} {o}" for o in ["Current", "Previous", "Never", "Not known"])),
        ("Date of incident:", F(ch["incident_date"], ds)), ("Place of incident:", ch["incident_location"]), ("", ""),
        ("Has the child died?", f"{box(cr['child_died'])} Yes  {box(not cr['child_died'])} No"),
        ("Seriously harmed?", f"{box(cr['seriously_harmed'])} Yes  {box(not cr['seriously_harmed'])} No"),
        ("Abuse or neglect:", f"{box(cr['abuse_or_neglect'] == 'known')} Known  {box(cr['abuse_or_neglect'] == 'suspected')} Suspected"),
        ("Concerns about agencies working together?", f"{box(cr['agency_concern'])} Yes  {box(not cr['agency_concern'])} No"),
        ("Summary of events:", c["summary"]), ("", ""), ("Family members (name / relationship / DOB / address / ethnicity):", "")]
    for f in fam:
        lines.append(("", f"{f['name']} / {f['relationship']} / {F(f['date_of_birth'], ds)} / {f['address']} / {f['ethnicity']}"))
    lines.append(("Other agencies (worker / agency / contact / still involved):", ""))
    for a in c["other_agencies"]:
        lines.append(("", f"{a['name']} / {a['agency']} / {a['contact']} / {yn(a['still_involved'])}"))
    lines.append(("Other processes:", ""))
    for p in c["other_processes"]:
        lines.append(("", f"{p['process']} - {p['status']}"))
    # wrap long values
    wrapped: list[tuple[str, str]] = []
    for lab, v in lines:
        width = 95 - len(lab)
        words, cur = v.split(" "), ""
        first = True
        for w in words:
            if len(cur) + len(w) + 1 > width and cur:
                wrapped.append((lab if first else "", cur))
                first, cur = False, w
            else:
                cur = (cur + " " + w).strip()
        wrapped.append((lab if first else "", cur))
    # page image
    W, Hh = 1240, 1754
    img = Image.new("L", (W, Hh), 250)
    dr = ImageDraw.Draw(img)
    fnt = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 17)
    fb = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 17)
    y = 70
    pos = []
    for lab, v in wrapped:
        dr.text((70, y), lab, font=fb, fill=20)
        lw = dr.textlength(lab, font=fb) + 12 if lab else 0
        dr.text((70 + lw, y), v, font=fnt, fill=35)
        pos.append((y, lw))
        y += 27
    img = img.rotate(0.6, fillcolor=245).filter(ImageFilter.GaussianBlur(0.6))
    ib = io.BytesIO()
    img.convert("RGB").save(ib, format="JPEG", quality=55)
    ib.seek(0)
    # PDF: the image, and an invisible OCR text layer
    b = io.BytesIO()
    cv = rl_canvas.Canvas(b, pagesize=A4)
    from reportlab.lib.utils import ImageReader
    cv.drawImage(ImageReader(ib), 0, 0, width=A4[0], height=A4[1])
    sx = A4[0] / W
    for (lab, v), (yy, lw) in zip(wrapped, pos):
        t = cv.beginText()
        t.setTextRenderMode(3)
        t.setFont("Helvetica", 10)
        t.setTextOrigin(70 * sx, A4[1] - (yy + 17) * sx)
        ocr_v = v.replace("[X]", "[X]" if rng.random() < 0.7 else "[x]").replace("[ ]", "[ ]" if rng.random() < 0.5 else "[]")
        t.textLine((_ocr_label(lab, rng) + " " + ocr_v).strip())
        cv.drawText(t)
    cv.setTitle("Scan_0042.pdf")
    cv.save()
    m = eml(name, frm(rf), "Scanned referral form", when(rf["date_submitted"], 12, 20),
            text=f"Our printer/scanner only does PDF - hope this is readable.\n\n{rf['name']}\n{rf['role']}, {rf['agency']}",
            attachments=[("Scan_0042.pdf", b.getvalue(), *PDF)])
    return m, D.expected_referral(c), "scanned page image with an OCR text layer (errors in the printed labels)"


# ---------------------------------------------------------------- r10 Welsh-English bilingual labels

def r10_docx_bilingual(name: str) -> Ret:
    rng = R(name)
    c = D.make_case(rng)
    rf, ch, cr = c["referrer"], c["child"], c["criteria"]
    rf["agency"] = "Cardiff and Vale University Health Board"
    rf["email"] = rf["email"].split("@")[0] + "@wales.nhs.uk"
    ds = "long"
    doc = new_doc("Arial", 9)
    heading(doc, "Atgyfeirio Digwyddiad Diogelu Difrifol / Serious Safeguarding Incident Referral", 1)
    tick = "✓"

    def yes_no(b: bool) -> list[str]:
        return [tick if b else "", "" if b else tick]
    rows = [["Enw / Name", rf["name"]], ["Swydd / Role", rf["role"]], ["Sefydliad / Organisation", rf["agency"]],
            ["E-bost / Email", rf["email"]], ["Ffôn / Telephone", rf["phone"]],
            ["Dyddiad / Date", F(rf["date_submitted"], ds)]]
    heading(doc, "Adran 1: Manylion yr atgyfeiriwr / Section 1: Referrer details", 3)
    table(doc, rows, fill="FCE4D6")
    heading(doc, "Adran 2: Y plentyn / Section 2: The child", 3)
    cpmap = {"yes": "Ydy - ar hyn o bryd / Yes - current", "has_been": "Bu yn y gorffennol / Has been in the past",
             "no": "Erioed / Never", "not_known": "Ddim yn gwybod / Not known"}
    table(doc, [["Enw'r plentyn / Child's name", ch["name"]], ["Dyddiad geni / Date of birth", F(ch["date_of_birth"], ds)],
                ["Cyfeiriad / Address", ch["home_address"]], ["Gofalwr / Carer", ch["carer"]],
                ["Ethnigrwydd / Ethnicity", ch["ethnicity"]], ["Ffydd / Faith", ch["faith"]],
                ["Anabledd / Disability", ch["disability"]],
                ["Cynllun amddiffyn plant / Child protection plan", cpmap[ch["child_protection_plan"]]],
                ["Dyddiad y digwyddiad / Date of incident", F(ch["incident_date"], ds)],
                ["Lleoliad / Location", ch["incident_location"]]], fill="FCE4D6")
    heading(doc, "Adran 3: Meini prawf / Section 3: Criteria", 3)
    table(doc, [["", "Ie / Yes", "Na / No"],
                ["A fu farw'r plentyn? / Has the child died?", *yes_no(cr["child_died"])],
                ["A gafodd y plentyn niwed difrifol? / Seriously harmed?", *yes_no(cr["seriously_harmed"])],
                ["Camdriniaeth neu esgeulustod yn hysbys? / Abuse or neglect known?", *yes_no(cr["abuse_or_neglect"] == "known")],
                ["… neu dan amheuaeth? / … or suspected?", *yes_no(cr["abuse_or_neglect"] == "suspected")],
                ["Pryder am gydweithio rhwng asiantaethau? / Concern about agencies working together?", *yes_no(cr["agency_concern"])]],
          header=True, fill="FCE4D6")
    heading(doc, "Crynodeb / Summary", 3)
    doc.add_paragraph(c["summary"])
    heading(doc, "Teulu / Family", 3)
    table(doc, [["Enw / Name", "Perthynas / Relationship", "Dyddiad geni / DOB", "Cyfeiriad / Address", "Ethnigrwydd / Ethnicity"]] +
          [[f["name"], f["relationship"], F(f["date_of_birth"], ds), f["address"], f["ethnicity"]] for f in c["family"]],
          bold_cols=(), header=True, fill="FCE4D6")
    heading(doc, "Asiantaethau eraill / Other agencies", 3)
    table(doc, [["Enw / Name", "Asiantaeth / Agency", "Cyswllt / Contact", "Yn dal i weithio gyda'r teulu? / Still involved?"]] +
          [[a["name"], a["agency"], a["contact"], "Ie / Yes" if a["still_involved"] else "Na / No"] for a in c["other_agencies"]],
          bold_cols=(), header=True, fill="FCE4D6")
    heading(doc, "Prosesau eraill / Other processes", 3)
    table(doc, [["Proses / Process", "Statws / Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]],
          bold_cols=(), header=True, fill="FCE4D6")
    body = (f"Bore da,\n\nThe family moved from Cardiff to North Somerset in the summer; our health board held the records "
            f"until then. Our bilingual referral form is attached.\n\nDiolch,\n{rf['name']}\n{rf['role']}\n{rf['agency']}")
    m = eml(name, frm(rf), "Atgyfeiriad / Referral - serious incident", when(rf["date_submitted"], 10, 3), text=body,
            attachments=[("Ffurflen atgyfeirio - referral form.docx", doc_bytes(doc), *DOCX)])
    return m, D.expected_referral(c), "docx, Welsh-English bilingual labels, ✓ in Ie/Yes - Na/No columns"


# ---------------------------------------------------------------- r11 Mosaic-like print to PDF, repeated headers, Y/N ticks

def r11_pdf_mosaic_print(name: str) -> Ret:
    rng = R(name)
    c = D.make_case(rng, n_family=4)
    rf, ch, cr = c["referrer"], c["child"], c["criteria"]
    ds = "slash"
    W = A4[0] - 30 * mm
    st: list[Any] = [P("MOSAIC  -  Workflow step: CSPR Referral (Serious Incident)", size=11, bold=True),
                     P(f"Step ID 4471902    Subject: {cap_name(ch['name'])}    Worker: {cap_name(rf['name'])}", size=8),
                     Spacer(1, 6)]
    kv = [["Question", "Response"],
          ["Worker name", cap_name(rf["name"])], ["Worker role", rf["role"]], ["Organisation", rf["agency"]],
          ["Email", rf["email"]], ["Phone", rf["phone"]], ["Step completed", F(rf["date_submitted"], ds)],
          ["Subject name", cap_name(ch["name"])], ["Date of birth", F(ch["date_of_birth"], ds)],
          ["Address", ch["home_address"]], ["Main carer", cap_name(ch["carer"])], ["Ethnicity", ch["ethnicity"]],
          ["Religion", ch["faith"]], ["Disability", ch["disability"]], ["CP plan", cp_text(c, rng)],
          ["Incident date", F(ch["incident_date"], ds)], ["Incident location", ch["incident_location"]],
          ["Summary", c["summary"]]]
    t = rl_table(kv, [55 * mm, W - 55 * mm], header=True)
    t.repeatRows = 1
    st += [t, Spacer(1, 8), P("Criteria", bold=True, size=10)]
    crit = [["Criterion", "Y", "N"]] + [[q, "✓" if v else "", "" if v else "✓"] for q, v in [
        ("The child has died", cr["child_died"]), ("The child has been seriously harmed", cr["seriously_harmed"]),
        ("Abuse or neglect is known", cr["abuse_or_neglect"] == "known"),
        ("Abuse or neglect is suspected", cr["abuse_or_neglect"] == "suspected"),
        ("There are concerns about how agencies worked together", cr["agency_concern"])]]
    st += [rl_table(crit, [W - 30 * mm, 15 * mm, 15 * mm], header=True), Spacer(1, 8),
           P("Household and relationships", bold=True, size=10)]
    ft = rl_table([["Name", "Relationship", "DOB", "Address", "Ethnicity"]] +
                  [[cap_name(f["name"]), f["relationship"], F(f["date_of_birth"], ds), f["address"], f["ethnicity"]]
                   for f in c["family"]] * 1, [38 * mm, 28 * mm, 22 * mm, 58 * mm, W - 146 * mm], label_cols=(), header=True)
    ft.repeatRows = 1
    st += [ft, Spacer(1, 8), P("Professional involvement", bold=True, size=10)]
    at = rl_table([["Worker", "Organisation", "Contact", "Involvement"]] +
                  [[cap_name(a["name"]), a["agency"], a["contact"], "Current" if a["still_involved"] else "Ended"]
                   for a in c["other_agencies"]], [40 * mm, 65 * mm, 45 * mm, W - 150 * mm], label_cols=(), header=True)
    at.repeatRows = 1
    st += [at, Spacer(1, 8), P("Other processes", bold=True, size=10),
           rl_table([["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]],
                    [60 * mm, W - 60 * mm], label_cols=(), header=True)]
    pdf = build_pdf(st, "Workflow step print", footer="OFFICIAL-SENSITIVE  Printed from Mosaic")
    exp = D.expected_referral(
        c, **{"referrer.name": caps_sur(rf["name"]), "child.name": caps_sur(ch["name"]), "child.carer": caps_sur(ch["carer"])},
        **{f"family.{i}.name": caps_sur(f["name"]) for i, f in enumerate(c["family"])},
        **{f"other_agencies.{i}.name": caps_sur(a["name"]) for i, a in enumerate(c["other_agencies"])})
    m = eml(name, frm(rf), "CSPR referral - Mosaic print attached", when(rf["date_submitted"], 14, 9),
            text=f"Attached is the print of the workflow step.\n\n{rf['name']}\n{rf['role']}",
            attachments=[("Mosaic print 4471902.pdf", pdf, *PDF)])
    return m, exp, "PDF (reportlab), Mosaic-like step print, SURNAME caps, ✓ in Y/N columns"


# ---------------------------------------------------------------- r12 docx, delete-as-appropriate (one corrected), ■/□

def r12_docx_delete_wrong_word(name: str) -> Ret:
    rng = R(name)
    c = D.make_case(rng, age_band="young")
    rf, ch, cr = c["referrer"], c["child"], c["criteria"]
    ds = "dot"
    doc = new_doc("Arial", 10)
    heading(doc, "Referral for consideration of a Rapid Review", 1)
    doc.add_paragraph("Delete as appropriate where options are given.").runs[0].italic = True
    table(doc, [["Referrer", rf["name"]], ["Designation", rf["role"]], ["Agency", rf["agency"]], ["E-mail", rf["email"]],
                ["Tel", rf["phone"]], ["Date", F(rf["date_submitted"], ds)]], fill="DDEBF7")
    doc.add_paragraph()
    table(doc, [["Child's name", ch["name"]], ["D.O.B.", F(ch["date_of_birth"], ds)], ["Address", ch["home_address"]],
                ["Carer", ch["carer"]], ["Faith", ch["faith"]], ["Disability", ch["disability"]],
                ["Date of incident", F(ch["incident_date"], ds)], ["Where", ch["incident_location"]]], fill="DDEBF7")
    p = doc.add_paragraph()
    p.add_run("Ethnicity (mark one):").bold = True
    for e in ["White British", "White Irish", "White Other", "Gypsy/Roma", "Black African", "Black Caribbean",
              "Mixed White and Black Caribbean", "Mixed White and Asian", "Indian", "Pakistani", "Bangladeshi",
              "Chinese", "Any other ethnic group", "Not declared"]:
        doc.add_paragraph(("■ " if e == ch["ethnicity"] else "□ ") + e)

    def delete(label: str, options: list[str], keep: str, note: str = "") -> None:
        q = doc.add_paragraph()
        q.add_run(label + "  ").bold = True
        for i, o in enumerate(options):
            if i:
                q.add_run(" / ")
            r = q.add_run(o)
            r.font.strike = o != keep
        if note:
            r = q.add_run("   " + note)
            r.font.color.rgb = RGBColor.from_string("C00000")
    died = cr["child_died"]
    # the referrer struck out the answer that applies and wrote the correction beside it
    wrong = "No" if died else "Yes"
    delete("The child has died:", ["Yes", "No"], wrong,
           f"<- sorry, deleted the wrong one: the answer is {yn(died).upper()}")
    delete("The child has been seriously harmed:", ["Yes", "No"], yn(cr["seriously_harmed"]))
    delete("Abuse or neglect is:", ["known", "suspected"], cr["abuse_or_neglect"])
    delete("Concern about how agencies worked together:", ["Yes", "No"], yn(cr["agency_concern"]))
    cpmap = {"yes": "is currently", "has_been": "has previously been", "no": "has never been", "not_known": "not known if ever"}
    delete("The child … subject to a child protection plan:", ["is currently", "has previously been", "has never been", "not known if ever"],
           cpmap[ch["child_protection_plan"]])
    heading(doc, "Summary", 3)
    doc.add_paragraph(c["summary"])
    heading(doc, "Family", 3)
    table(doc, [["Name", "Relationship", "D.O.B.", "Address", "Ethnicity"]] +
          [[f["name"], f["relationship"], F(f["date_of_birth"], ds), f["address"], f["ethnicity"]] for f in c["family"]],
          bold_cols=(), header=True, fill="DDEBF7")
    heading(doc, "Agencies", 3)
    t = doc.add_table(rows=1 + len(c["other_agencies"]), cols=4)
    t.style = "Table Grid"
    for j, h in enumerate(["Worker", "Agency", "Contact", "Still involved (delete)"]):
        cell_text(t.cell(0, j), h, bold=True)
    for i, a in enumerate(c["other_agencies"], 1):
        for j, v in enumerate([a["name"], a["agency"], a["contact"]]):
            cell_text(t.cell(i, j), v)
        pp = t.cell(i, 3).paragraphs[0]
        r1 = pp.add_run("Yes")
        r1.font.strike = not a["still_involved"]
        pp.add_run(" / ")
        r2 = pp.add_run("No")
        r2.font.strike = a["still_involved"]
    heading(doc, "Other processes", 3)
    table(doc, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]], bold_cols=(), header=True)
    m = eml(name, frm(rf), "Rapid review referral", when(rf["date_submitted"], 8, 47),
            text=f"Referral attached.\n\n{rf['name']}", attachments=[("Rapid review referral.docx", doc_bytes(doc), *DOCX)])
    return m, D.expected_referral(c), "docx, delete-as-appropriate by strike-through (one wrong word struck, corrected in red), ■/□ list"


# ---------------------------------------------------------------- r13 docx, family in a paragraph, professionals as signature blocks

def r13_docx_family_paragraph(name: str) -> Ret:
    rng = R(name)
    c = D.make_case(rng, n_family=3)
    rf, ch, cr = c["referrer"], c["child"], c["criteria"]
    ds = "ord_long"
    doc = new_doc("Calibri", 11)
    heading(doc, "Child Safeguarding Practice Review - Referral", 1)
    cpmap = {"yes": "Current", "has_been": "Previous", "no": "Never", "not_known": "Not known"}
    table(doc, [["Child", ch["name"]], ["Date of birth", F(ch["date_of_birth"], ds)], ["Address", ch["home_address"]],
                ["Main carer", ch["carer"]], ["Ethnicity", ch["ethnicity"]], ["Faith", ch["faith"]],
                ["Disability", ch["disability"]], ["Child protection plan", cpmap[ch["child_protection_plan"]]],
                ["Date of incident", F(ch["incident_date"], ds)], ["Location", ch["incident_location"]],
                ["Died", yn(cr["child_died"])], ["Seriously harmed", yn(cr["seriously_harmed"])],
                ["Abuse or neglect known / suspected", cr["abuse_or_neglect"].capitalize()],
                ["Concerns about agencies working together", yn(cr["agency_concern"])]], fill="E7E6E6")
    heading(doc, "What happened", 3)
    doc.add_paragraph(c["summary"])
    heading(doc, "Family and household", 3)
    parts = []
    for f in c["family"]:
        parts.append(f"{f['name']} ({f['relationship']}, born {F(f['date_of_birth'], ds)}, {f['ethnicity']}, of {f['address']})")
    doc.add_paragraph("The family members known to us are " + "; ".join(parts[:-1]) + "; and " + parts[-1] + ".")
    heading(doc, "Professionals involved", 3)
    doc.add_paragraph("Their details, as in their e-mail signatures:")
    for a in c["other_agencies"]:
        p = doc.add_paragraph()
        p.add_run(a["name"]).bold = True
        for ln in [a["agency"], ("T: " if a["contact"][0].isdigit() else "E: ") + a["contact"],
                   "Currently working with the family" if a["still_involved"] else "Case closed to us"]:
            p.add_run().add_break(WD_BREAK.LINE)
            p.add_run(ln)
    heading(doc, "Other processes", 3)
    for pr in c["other_processes"]:
        doc.add_paragraph(f"{pr['process']}: {pr['status']}", style="List Bullet")
    heading(doc, "Referrer", 3)
    p = doc.add_paragraph()
    for i, ln in enumerate([rf["name"], rf["role"], rf["agency"], "T: " + rf["phone"], "E: " + rf["email"],
                            "Date: " + F(rf["date_submitted"], ds)]):
        if i:
            p.add_run().add_break(WD_BREAK.LINE)
        r = p.add_run(ln)
        r.bold = i == 0
    m = eml(name, frm(rf), "CSPR referral", when(rf["date_submitted"], 16, 10), text="Please see attached.\n",
            attachments=[("referral.docx", doc_bytes(doc), *DOCX)])
    return m, D.expected_referral(c), "docx, family in one paragraph, professionals as signature blocks"


# ---------------------------------------------------------------- r17 HTML, Outlook, pasted table two forwards deep

def r17_html_double_forward_sibling(name: str) -> Ret:
    rng = R(name)
    c = D.make_case(rng, age_band="young", n_family=3)
    rf, ch, cr = c["referrer"], c["child"], c["criteria"]
    ds = "mon"
    sib = next((f for f in c["family"] if f["relationship"] in ("Brother", "Half-sister")), None)
    if sib is None:
        sib = c["family"][1]
        sib["relationship"] = "Brother"
        sib["date_of_birth"] = ch["date_of_birth"] + dt.timedelta(days=800)
        sib["address"] = ch["home_address"]
        sib["name"] = f"{rng.choice(D.FIRST_M)} {ch['surname']}"
    cpmap = {"yes": "Current", "has_been": "Previous", "no": "Never", "not_known": "Not known"}
    rows = [("Referrer", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]), ("Email", rf["email"]),
            ("Phone", rf["phone"]), ("Date of referral", F(rf["date_submitted"], ds)),
            ("Child's name", ch["name"]), ("DOB", F(ch["date_of_birth"], ds)), ("Address", ch["home_address"]),
            ("Carer", ch["carer"]), ("Ethnicity", ch["ethnicity"]), ("Faith", ch["faith"]), ("Disability", ch["disability"]),
            ("CP plan", cpmap[ch["child_protection_plan"]]), ("Date of incident", F(ch["incident_date"], ds)),
            ("Place of incident", ch["incident_location"]), ("Child died", yn(cr["child_died"])),
            ("Seriously harmed", yn(cr["seriously_harmed"])), ("Abuse/neglect", cr["abuse_or_neglect"].capitalize()),
            ("Agency working concerns", yn(cr["agency_concern"])), ("Summary", c["summary"])]
    tbl = ['<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">']
    tbl += [f'<tr><td width="200" style="background:#D9E2F3;padding:0 5.4pt"><p class="MsoNormal"><b>{H.escape(k)}</b></p></td>'
            f'<td width="420" style="padding:0 5.4pt"><p class="MsoNormal">{H.escape(v)}</p></td></tr>' for k, v in rows]
    tbl.append("</table>")
    fam = ['<p class="MsoNormal"><b>Family</b></p><table class="MsoTableGrid" border="1" cellspacing="0" style="border-collapse:collapse">',
           "<tr><td><b>Name</b></td><td><b>Relationship</b></td><td><b>DOB</b></td><td><b>Address</b></td><td><b>Ethnicity</b></td></tr>"]
    fam += [f"<tr><td>{H.escape(f['name'])}</td><td>{H.escape(f['relationship'])}</td><td>{F(f['date_of_birth'], ds)}</td>"
            f"<td>{H.escape(f['address'])}</td><td>{H.escape(f['ethnicity'])}</td></tr>" for f in c["family"]]
    fam.append("</table>")
    ag = ['<p class="MsoNormal"><b>Agencies</b></p><table class="MsoTableGrid" border="1" cellspacing="0" style="border-collapse:collapse">',
          "<tr><td><b>Name</b></td><td><b>Agency</b></td><td><b>Contact</b></td><td><b>Still involved</b></td></tr>"]
    ag += [f"<tr><td>{H.escape(a['name'])}</td><td>{H.escape(a['agency'])}</td><td>{H.escape(a['contact'])}</td>"
           f"<td>{yn(a['still_involved'])}</td></tr>" for a in c["other_agencies"]]
    ag.append("</table>")
    pr = ['<p class="MsoNormal"><b>Other processes</b></p><ul>'] + [f"<li>{H.escape(p['process'])} - {H.escape(p['status'])}</li>" for p in c["other_processes"]] + ["</ul>"]
    d0 = rf["date_submitted"]
    fw1, fw2 = D.professional(rng), D.professional(rng)

    def hdr(p: dict[str, str], to: dict[str, str], t: str, subj: str) -> str:
        return ('<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0 0 0"><p class="MsoNormal">'
                f'<b>From:</b> {H.escape(p["name"])} &lt;{H.escape(p["email"])}&gt;<br><b>Sent:</b> {F(d0, "wday_y")} {t}<br>'
                f'<b>To:</b> {H.escape(to["name"])} &lt;{H.escape(to["email"])}&gt;<br><b>Subject:</b> {H.escape(subj)}</p></div>')
    html = ('<html><body><div class="WordSection1">'
            f'<p class="MsoNormal">Forwarding for screening. NB {H.escape(ch["first"])} has a {sib["relationship"].lower()}, '
            f'{H.escape(sib["name"])} (DOB {F(sib["date_of_birth"], ds)}), who was in the house; we are not referring '
            f'{H.escape(sib["name"].split()[0])} but CSC have seen them.</p>'
            f'<p class="MsoNormal">{H.escape(fw2["name"])}<br>{H.escape(fw2["role"])}</p>'
            + hdr(fw1, fw2, "13:02", "FW: Referral") +
            '<p class="MsoNormal">For you to send on to the partnership please.</p>'
            + hdr(rf, fw1, "09:37", "Referral") +
            '<p class="MsoNormal">Hi, my referral is below.</p>' + "".join(tbl) + "".join(fam) + "".join(ag) + "".join(pr) +
            f'<p class="MsoNormal">{H.escape(rf["name"])}</p></div></body></html>')
    m = eml(name, f"{fw2['name']} <{fw2['email']}>", "FW: FW: Referral", when(d0, 15, 20), html=html)
    return m, D.expected_referral(c), "HTML Outlook, form pasted two forwards deep, sibling + DOB in the forwarder's note"


# ---------------------------------------------------------------- r18 SAFER-like sentence form, Word -> PDF, strike-through

def r18_pdf_sentence_form(name: str) -> Ret:
    rng = R(name)
    c = D.make_case(rng, age_band="teen")
    rf, ch, cr = c["referrer"], c["child"], c["criteria"]
    ds = "ord_mon"
    doc = new_doc("Arial", 11)
    heading(doc, "Notification of a serious child safeguarding incident", 1)
    doc.add_paragraph("Complete each sentence. Delete the words that do not apply.").runs[0].italic = True

    def sent(*pieces: tuple[str, str]) -> None:
        p = doc.add_paragraph()
        for kind, text in pieces:
            r = p.add_run(text)
            if kind == "v":
                r.bold = True
                r.font.color.rgb = RGBColor.from_string("1F3864")
            if kind == "x":
                r.font.strike = True
    S = lambda t: ("", t)  # noqa: E731
    V = lambda t: ("v", t)  # noqa: E731
    X = lambda t: ("x", t)  # noqa: E731
    sent(S("My name is (your name): "), V(rf["name"]))
    sent(S("I am a (job title): "), V(rf["role"]))
    sent(S("from (organisation): "), V(rf["agency"]))
    sent(S("You can reach me on (e-mail): "), V(rf["email"]), S("  and (telephone): "), V(rf["phone"]))
    sent(S("I am writing on (date): "), V(F(rf["date_submitted"], ds)))
    fem = ch["female"]
    sent(S("I am writing about a "), X("male") if fem else S("male"), S(" / "), S("female") if fem else X("female"),
         S(" child called: "), V(ch["name"]))
    sent(S("Date of birth: "), V(F(ch["date_of_birth"], ds)), S("   who lives at: "), V(ch["home_address"]))
    sent(S("The child's main carer is: "), V(ch["carer"]))
    sent(S("The child's ethnicity is: "), V(ch["ethnicity"]), S("   and faith: "), V(ch["faith"]))
    if ch["disability"] in ("None", "None identified", "None known"):
        ch["disability"] = "ADHD - awaiting assessment"
    has_dis = True
    sent(S("The child "), S("does") if has_dis else X("does"), S(" / "), X("does not") if has_dis else S("does not"),
         S(" have a disability (if so, what): "), V(ch["disability"] if has_dis else ""))
    cps = ["is", "has been", "has never been", "I do not know if the child has been"]
    keep = {"yes": "is", "has_been": "has been", "no": "has never been", "not_known": "I do not know if the child has been"}[ch["child_protection_plan"]]
    pieces = [S("The child ")]
    for i, o in enumerate(cps):
        if i:
            pieces.append(S(" / "))
        pieces.append(S(o) if o == keep else X(o))
    pieces.append(S(" subject to a child protection plan."))
    sent(*pieces)
    sent(S("On (date): "), V(F(ch["incident_date"], ds)), S("  at (place): "), V(ch["incident_location"]))
    sent(S("the child "), S("died") if cr["child_died"] else X("died"), S(" / "),
         S("was seriously harmed") if cr["seriously_harmed"] else X("was seriously harmed"), S("."))
    k = cr["abuse_or_neglect"] == "known"
    sent(S("Abuse or neglect is "), S("known") if k else X("known"), S(" / "), X("suspected") if k else S("suspected"), S("."))
    ac = cr["agency_concern"]
    sent(S("I "), S("am") if ac else X("am"), S(" / "), X("am not") if ac else S("am not"),
         S(" concerned about how agencies worked together."))
    sent(S("What happened: "), V(c["summary"]))
    heading(doc, "The family", 3)
    table(doc, [["Name", "Relationship to the child", "Date of birth", "Address", "Ethnicity"]] +
          [[f["name"], f["relationship"], F(f["date_of_birth"], ds), f["address"], f["ethnicity"]] for f in c["family"]],
          bold_cols=(), header=True, fill="D9D9D9")
    heading(doc, "Others working with the family", 3)
    for a in c["other_agencies"]:
        sent(V(a["name"]), S(" of "), V(a["agency"]), S(" (contact "), V(a["contact"]), S(") "),
             S("is still") if a["still_involved"] else X("is still"), S(" / "),
             X("is no longer") if a["still_involved"] else S("is no longer"), S(" involved."))
    heading(doc, "Other processes", 3)
    for pr in c["other_processes"]:
        sent(V(pr["process"]), S(": "), V(pr["status"]))
    pdf = soffice_pdf(doc_bytes(doc), "notification")
    exp = D.expected_referral(c)
    m = eml(name, frm(rf), "Notification - serious incident", when(rf["date_submitted"], 17, 20),
            text=f"Attached.\n{rf['name']}", attachments=[("notification.pdf", pdf, *PDF)])
    return m, exp, "PDF by LibreOffice, sentence-completion form, options struck through (the text layer keeps both)"


# ---------------------------------------------------------------- r19 portal text export, Q/A pairs, ISO dates

def r19_text_portal_qa(name: str) -> Ret:
    rng = R(name)
    c = D.make_case(rng)
    rf, ch, cr = c["referrer"], c["child"], c["criteria"]
    ds = "iso"
    qa: list[tuple[str, str]] = [
        ("Your name", rf["name"]), ("Your job title", rf["role"]), ("Your organisation", rf["agency"]),
        ("Your email address", rf["email"]), ("Your phone number", rf["phone"]),
        ("Child's full name", ch["name"]), ("Child's date of birth", F(ch["date_of_birth"], ds)),
        ("Child's home address", ch["home_address"]), ("Who does the child live with / main carer", ch["carer"]),
        ("Ethnicity", ch["ethnicity"]), ("Religion or belief", ch["faith"]), ("Disability", ch["disability"]),
        ("Is the child subject to a child protection plan?",
         {"yes": "Yes, currently", "has_been": "Not now but has been", "no": "No, never", "not_known": "Don't know"}[ch["child_protection_plan"]]),
        ("Date of the incident", F(ch["incident_date"], ds)), ("Where did it happen?", ch["incident_location"]),
        ("Has the child died?", yn(cr["child_died"])), ("Has the child been seriously harmed?", yn(cr["seriously_harmed"])),
        ("Is abuse or neglect known or suspected?", cr["abuse_or_neglect"].capitalize()),
        ("Are you concerned about how agencies worked together?", yn(cr["agency_concern"])),
        ("Tell us what happened", c["summary"])]
    for i, f in enumerate(c["family"], 1):
        qa += [(f"Family member {i} - name", f["name"]), (f"Family member {i} - relationship", f["relationship"]),
               (f"Family member {i} - date of birth", F(f["date_of_birth"], ds)),
               (f"Family member {i} - address", f["address"]), (f"Family member {i} - ethnicity", f["ethnicity"])]
    for i, a in enumerate(c["other_agencies"], 1):
        qa += [(f"Agency {i} - organisation", a["agency"]), (f"Agency {i} - worker", a["name"]),
               (f"Agency {i} - contact", a["contact"]), (f"Agency {i} - still involved?", yn(a["still_involved"]))]
    for i, p in enumerate(c["other_processes"], 1):
        qa += [(f"Other process {i}", p["process"]), (f"Other process {i} - status", p["status"])]
    L = ["North Somerset Council - Online Forms", "Form: Safeguarding Partnership - serious incident referral",
         f"Submitted: {rf['date_submitted'].isoformat()}T{rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}:00Z", ""]
    for i, (q, a) in enumerate(qa, 1):
        L += [f"Q{i}. {q}", f"A: {a}", ""]
    m = eml(name, "Online Forms <forms-noreply@n-somerset.gov.uk>", "New submission: serious incident referral",
            when(rf["date_submitted"], 18, 1), text="\n".join(L))
    return m, D.expected_referral(c), "plain text, forms-service export, numbered Q/A pairs, ISO dates"


# ---------------------------------------------------------------- r20 docx, label and value in the same cell

def r20_docx_label_value_same_cell(name: str) -> Ret:
    rng = R(name)
    c = D.make_case(rng)
    rf, ch, cr = c["referrer"], c["child"], c["criteria"]
    ds = "mon"
    doc = new_doc("Segoe UI", 9)
    heading(doc, "CHILD SAFEGUARDING INCIDENT - REFERRAL TO PARTNERSHIP", 1)

    def grid(cells: list[tuple[str, str]], cols: int = 3) -> None:
        n = (len(cells) + cols - 1) // cols
        t = doc.add_table(rows=n, cols=cols)
        t.style = "Table Grid"
        for i, (k, v) in enumerate(cells):
            cl = t.cell(i // cols, i % cols)
            p = cl.paragraphs[0]
            r = p.add_run(k)
            r.bold = True
            r.font.size = Pt(7)
            r.font.color.rgb = RGBColor.from_string("7F7F7F")
            r.add_break(WD_BREAK.LINE)
            p.add_run(v)
        doc.add_paragraph()
    cpmap = {"yes": "Yes (current)", "has_been": "Yes (previous)", "no": "No", "not_known": "Not known"}
    heading(doc, "Referrer", 3)
    grid([("NAME", rf["name"]), ("JOB TITLE", rf["role"]), ("ORGANISATION", rf["agency"]), ("EMAIL", rf["email"]),
          ("PHONE", rf["phone"]), ("DATE OF REFERRAL", F(rf["date_submitted"], ds))])
    heading(doc, "Child", 3)
    grid([("NAME", ch["name"]), ("DATE OF BIRTH", F(ch["date_of_birth"], ds)), ("ETHNICITY", ch["ethnicity"]),
          ("ADDRESS", ch["home_address"]), ("CARER", ch["carer"]), ("FAITH", ch["faith"]),
          ("DISABILITY", ch["disability"]), ("CHILD PROTECTION PLAN", cpmap[ch["child_protection_plan"]]),
          ("DATE OF INCIDENT", F(ch["incident_date"], ds)), ("LOCATION OF INCIDENT", ch["incident_location"])])
    heading(doc, "Criteria", 3)
    grid([("CHILD DIED", yn(cr["child_died"])), ("SERIOUSLY HARMED", yn(cr["seriously_harmed"])),
          ("ABUSE OR NEGLECT", cr["abuse_or_neglect"].capitalize()), ("CONCERN ABOUT AGENCIES WORKING TOGETHER", yn(cr["agency_concern"]))], cols=2)
    heading(doc, "Summary", 3)
    grid([("WHAT HAPPENED", c["summary"])], cols=1)
    heading(doc, "Family", 3)
    for f in c["family"]:
        grid([("NAME", f["name"]), ("RELATIONSHIP", f["relationship"]), ("DATE OF BIRTH", F(f["date_of_birth"], ds)),
              ("ADDRESS", f["address"]), ("ETHNICITY", f["ethnicity"])], cols=5)
    heading(doc, "Agencies", 3)
    for a in c["other_agencies"]:
        grid([("WORKER", a["name"]), ("AGENCY", a["agency"]), ("CONTACT", a["contact"]),
              ("STILL INVOLVED", yn(a["still_involved"]))], cols=4)
    heading(doc, "Other processes", 3)
    grid([(p["process"].upper(), p["status"]) for p in c["other_processes"]], cols=2)
    m = eml(name, frm(rf), "CSPR referral form", when(rf["date_submitted"], 12, 51), text="Referral attached, thanks.",
            attachments=[("CSPR_Referral.docx", doc_bytes(doc), *DOCX)])
    return m, D.expected_referral(c), "docx, caption and value in the same cell (grey caption, line break, value)"


# ---------------------------------------------------------------- r21 fillable PDF: comb DOB digits, split names, radios

def r21_pdf_fillable_comb(name: str) -> Ret:
    import io
    rng = R(name)
    c = D.make_case(rng, n_family=2)
    while not latin1(c):
        c = D.make_case(rng, n_family=2)
    rf, ch, cr = c["referrer"], c["child"], c["criteria"]
    b = io.BytesIO()
    cv = rl_canvas.Canvas(b, pagesize=A4)
    af = cv.acroForm
    W, Ht = A4

    def tf(nm: str, label: str, v: str, x: float, y: float, w: float, h: float = 15, ml: bool = False) -> None:
        if label:
            cv.setFont("Helvetica", 7)
            cv.drawString(x, y + h + 2, label)
        af.textfield(name=nm, value=wrap_for(v, w, 8) if ml else v, x=x, y=y, width=w, height=h, fontName="Helvetica",
                     fontSize=8, borderWidth=0.5,
                     fieldFlags="multiline" if ml else "")

    def digits(prefix: str, label: str, d: dt.date, x: float, y: float) -> None:
        cv.setFont("Helvetica", 7)
        cv.drawString(x, y + 17, label + " (D D M M Y Y Y Y)")
        for i, ch_ in enumerate(f"{d:%d%m%Y}"):
            af.textfield(name=f"{prefix}_{i + 1}", value=ch_, x=x + i * 14 + (6 if i >= 2 else 0) + (6 if i >= 4 else 0),
                         y=y, width=13, height=15, fontName="Helvetica", fontSize=9, borderWidth=0.5, maxlen=1)

    def radio(group: str, label: str, opts: list[tuple[str, str]], chosen: str, x: float, y: float) -> None:
        cv.setFont("Helvetica", 8)
        cv.drawString(x, y + 2, label)
        for i, (val, lab) in enumerate(opts):
            af.radio(name=group, value=val, selected=val == chosen, x=x + 200 + i * 80, y=y, size=10, buttonStyle="circle",
                     borderWidth=0.5)
            cv.drawString(x + 214 + i * 80, y + 2, lab)

    cv.setFont("Helvetica-Bold", 12)
    cv.drawString(40, Ht - 40, "Referral to the Child Safeguarding Practice Review sub-group")
    y = Ht - 80
    rfirst, _, rsur = rf["name"].partition(" ")
    tf("ref_fn", "Referrer forename", rfirst, 40, y, 120)
    tf("ref_sn", "Referrer surname", rsur, 170, y, 120)
    tf("ref_job", "Job title", rf["role"], 300, y, 260)
    y -= 35
    tf("ref_org", "Organisation", rf["agency"], 40, y, 330)
    tf("ref_tel", "Telephone", rf["phone"], 380, y, 180)
    y -= 35
    tf("ref_mail", "Email", rf["email"], 40, y, 330)
    digits("ref_dt", "Date", rf["date_submitted"], 380, y)
    y -= 45
    cfirst, _, csur = ch["name"].partition(" ")
    tf("ch_fn", "Child forename(s)", cfirst, 40, y, 150)
    tf("ch_sn", "Child surname", csur, 200, y, 150)
    digits("ch_dob", "Date of birth", ch["date_of_birth"], 380, y)
    y -= 35
    tf("ch_addr", "Home address", ch["home_address"], 40, y, 330)
    tf("ch_carer", "Carer", ch["carer"], 380, y, 180)
    y -= 35
    tf("ch_eth", "Ethnicity", ch["ethnicity"], 40, y, 160)
    tf("ch_faith", "Faith", ch["faith"], 210, y, 160)
    tf("ch_dis", "Disability", ch["disability"], 380, y, 180)
    y -= 40
    digits("inc_dt", "Date of incident", ch["incident_date"], 40, y)
    tf("inc_loc", "Place of incident", ch["incident_location"], 220, y, 340)
    y -= 35
    radio("cp", "Child protection plan", [("A", "Current"), ("B", "Previous"), ("C", "Never"), ("D", "Unknown")],
          {"yes": "A", "has_been": "B", "no": "C", "not_known": "D"}[ch["child_protection_plan"]], 40, y)
    y -= 22
    radio("q1", "Has the child died?", [("1", "Yes"), ("2", "No")], "1" if cr["child_died"] else "2", 40, y)
    y -= 22
    radio("q2", "Has the child been seriously harmed?", [("1", "Yes"), ("2", "No")], "1" if cr["seriously_harmed"] else "2", 40, y)
    y -= 22
    radio("q3", "Abuse or neglect", [("1", "Known"), ("2", "Suspected")], "1" if cr["abuse_or_neglect"] == "known" else "2", 40, y)
    y -= 22
    radio("q4", "Concerns about agencies working together?", [("1", "Yes"), ("2", "No")], "1" if cr["agency_concern"] else "2", 40, y)
    y -= 60
    tf("summary", "Summary of what happened", c["summary"], 40, y, 520, h=40, ml=True)
    y -= 30
    cv.setFont("Helvetica-Bold", 9)
    cv.drawString(40, y, "Family")
    y -= 28
    for i, f in enumerate(c["family"], 1):
        tf(f"fam{i}_name", "Name", f["name"], 40, y, 110)
        tf(f"fam{i}_rel", "Relationship", f["relationship"], 155, y, 80)
        tf(f"fam{i}_dob", "DOB", F(f["date_of_birth"], "slash"), 240, y, 60)
        tf(f"fam{i}_addr", "Address", f["address"], 305, y, 170, h=24, ml=True)
        tf(f"fam{i}_eth", "Ethnicity", f["ethnicity"], 480, y, 90, h=24, ml=True)
        y -= 40
    cv.showPage()
    y = Ht - 60
    cv.setFont("Helvetica-Bold", 9)
    cv.drawString(40, y, "Agencies")
    y -= 28
    for i, a in enumerate(c["other_agencies"], 1):
        tf(f"ag{i}_name", "Worker", a["name"], 40, y, 120)
        tf(f"ag{i}_org", "Agency", a["agency"], 165, y, 220, h=24, ml=True)
        tf(f"ag{i}_contact", "Contact", a["contact"], 390, y, 175)
        radio(f"ag{i}_open", "Is the agency still involved?", [("Y", "Still involved"), ("N", "Closed")],
              "Y" if a["still_involved"] else "N", 165, y - 22)
        y -= 60
    cv.setFont("Helvetica-Bold", 9)
    cv.drawString(40, y, "Other processes")
    y -= 28
    for i, p in enumerate(c["other_processes"], 1):
        tf(f"proc{i}", "Process", p["process"], 40, y, 200)
        tf(f"proc{i}_st", "Status", p["status"], 250, y, 200)
        y -= 35
    cv.save()
    m = eml(name, frm(rf), "Referral to CSPR sub-group", when(rf["date_submitted"], 11, 11), text="Form attached.",
            attachments=[("CSPR referral (fillable).pdf", b.getvalue(), *PDF)])
    return m, D.expected_referral(c), "fillable PDF, dates as one digit per comb box, split name fields, radio groups"
