"""Referral layouts of held-out set 9 (forms); each returns (eml bytes, expected dict, carrier)."""

from __future__ import annotations

import datetime as dt
import io
import random
from typing import Any

from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import parse_xml
from docx.shared import Pt, RGBColor

import h9_extra as x
import h9_render as h
from h9_data import CPP_WORDS, ETHNICITIES, expected_referral, fmt_date, referral

DOCX = ("vnd.openxmlformats-officedocument.wordprocessingml.document",)


def D(iso: str, style: str) -> str:
    return fmt_date(dt.date.fromisoformat(iso), style)


def frm(r: dict[str, Any]) -> str:
    return f'{r["referrer"]["name"]} <{r["referrer"]["email"]}>'


def sent(r: dict[str, Any], hour: int = 11) -> dt.datetime:
    return h.when(dt.date.fromisoformat(r["referrer"]["date_submitted"]), hour, 7)


def att_docx(fn: str, data: bytes) -> tuple[str, bytes, str, str]:
    return (fn, data, "application", DOCX[0])


def yn(b: bool | None) -> str:
    return "Yes" if b else "No"


def box(b: bool, style: str = "x") -> str:
    return {"x": "[x]" if b else "[ ]", "ballot": "☒" if b else "☐", "check": "✔" if b else ""}[style]


# ------------------------------------------------------------------ r01 / r08: "Label: value" inside cells

def _keyvalue_doc(r: dict[str, Any], title: str) -> Any:
    """Modelled on primary-care serious-incident notification forms: two columns, incident details on the left and
    the reporter's on the right, each cell 'Label: value'; the child block has two pairs in one cell."""
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    d = h.new_doc("Calibri", 10)
    d.add_heading(title, level=1)
    d.add_paragraph("Please complete this form with as much detail as you have. Send it from a secure account.")
    h.heading(d, "When, where and your details", 2)
    rows = [[f"Date of incident: {D(c['incident_date'], 'slash')}", f"Reporter name: {rf['name']}"],
            [f"Location of incident: {c['incident_location']}", f"Reporter job title/role: {rf['role']}"],
            ["Time of incident: not known", f"Reporting organisation: {rf['agency']}"],
            ["", f"Reporter tel no: {rf['phone']}"],
            ["", f"Reporter email: {rf['email']}"]]
    h.table(d, rows, bold_cols=(), fill="")
    h.heading(d, "The child", 2)
    eth_rel = f"Ethnic group: {c['ethnicity']}          Religion: {c['faith']}"
    rows = [[f"Child's name: {c['name']}          D.O.B.: {D(c['date_of_birth'], 'slash')}"],
            [f"Home address: {c['home_address']}"],
            [f"Lives with / main carer: {c['carer']}"],
            [eth_rel],
            [f"Disability / additional needs: {c['disability']}"],
            [f"Child protection plan: {CPP_WORDS['a'][c['child_protection_plan']]}"]]
    h.table(d, rows, bold_cols=(), fill="")
    h.heading(d, "Why are you referring?", 2)
    an = cr["abuse_or_neglect"]
    rows = [[f"Has the child died?   {box(cr['child_died'])} Yes   {box(not cr['child_died'])} No"],
            [f"Has the child been seriously harmed?   {box(cr['seriously_harmed'])} Yes   "
             f"{box(not cr['seriously_harmed'])} No"],
            [f"Abuse or neglect is:   {box(an == 'known')} Known   {box(an == 'suspected')} Suspected"],
            [f"Concerns about how agencies worked together?   {box(cr['agency_concern'])} Yes   "
             f"{box(not cr['agency_concern'])} No"]]
    h.table(d, rows, bold_cols=(), fill="")
    h.heading(d, "What happened?", 2)
    h.table(d, [[f"Description of what happened: {r['summary']}"]], bold_cols=(), fill="")
    h.heading(d, "Family and significant others", 2)
    rows = [["Name (relationship)", "DOB", "Lives at", "Ethnicity"]]
    for m in r["family"]:
        rows.append([f"{m['name']} ({m['relationship']})", D(m["date_of_birth"], "slash"), m["address"],
                     m["ethnicity"]])
    h.table(d, rows, bold_cols=(), header=True)
    h.heading(d, "Other organisations involved", 2)
    rows = [["Organisation", "Worker", "Contact", "Still open? Y/N"]]
    for a in r["other_agencies"]:
        rows.append([a["agency"], a["name"], a["contact"], "Y" if a["still_involved"] else "N"])
    h.table(d, rows, bold_cols=(), header=True)
    h.heading(d, "Any other processes (police, coroner, CDOP, NHS)", 2)
    h.table(d, [["Other processes: " + "; ".join(f"{p['process']} – {p['status']}" for p in r["other_processes"])]],
            bold_cols=(), fill="")
    d.add_paragraph("")
    d.add_paragraph(f"Form completed on: {D(rf['date_submitted'], 'ord')}")
    return d


def r01_docx_keyvalue_cells(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=5)
    d = _keyvalue_doc(r, "Serious Child Safeguarding Incident – Notification to the Partnership")
    msg = h.eml(name, frm(r), "Serious incident notification – form attached", sent(r),
                text=f"Dear colleagues,\n\nPlease find our notification attached.\n\nKind regards\n"
                     f"{r['referrer']['name']}\n{r['referrer']['role']}\n",
                attachments=[att_docx("SI notification.docx", h.doc_bytes(d))])
    return msg, expected_referral(r), "docx: 'Label: value' inside each cell, two pairs in one cell, [x] ticks"


def r08_pdf_soffice_keyvalue(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=6)
    d = _keyvalue_doc(r, "Notification of a serious incident involving a child")
    pdf = h.soffice_pdf(h.doc_bytes(d), "notification")
    msg = h.eml(name, frm(r), "Notification - serious incident (PDF)", sent(r, 16),
                text=f"Hello,\nNotification attached as PDF.\n{r['referrer']['name']}\nSafeguarding Team, "
                     f"{r['referrer']['agency']}\n",
                attachments=[("notification.pdf", pdf, "application", "pdf")])
    return msg, expected_referral(r), "PDF printed from Word by LibreOffice: 'Label: value' cells, [x] ticks"


# ------------------------------------------------------------------ r02: nested tables

def r02_docx_nested_tables(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=0)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    d = h.new_doc("Arial", 9)
    d.add_heading("Rapid Review Referral", level=1)
    d.add_paragraph("Agree this referral with your agency's senior safeguarding lead before sending.")
    outer = d.add_table(rows=6, cols=2)
    outer.style = "Table Grid"

    def nested(cell: Any, rows: list[list[str]], header: bool = False, bold_first: bool = True) -> None:
        cell.paragraphs[0].text = ""
        t = cell.add_table(rows=len(rows), cols=len(rows[0]))
        t.style = "Table Grid"
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                h.cell_text(t.cell(i, j), v, bold=(header and i == 0) or (bold_first and j == 0 and not header))

    secs = ["A. Person referring", "B. Subject child", "C. Reason for referral", "D. Household and family",
            "E. Agencies", "F. Brief summary and parallel processes"]
    for i, s in enumerate(secs):
        h.cell_text(outer.cell(i, 0), s, bold=True)
        h.shade(outer.cell(i, 0), "FCE4D6")
    nested(outer.cell(0, 1), [["Name", rf["name"]], ["Designation", rf["role"]], ["Organisation", rf["agency"]],
                              ["Telephone", rf["phone"]], ["Secure e-mail", rf["email"]],
                              ["Date of referral", D(rf["date_submitted"], "dot")]])
    cpp = c["child_protection_plan"]
    nested(outer.cell(1, 1), [["Full name", c["name"]], ["Date of birth", D(c["date_of_birth"], "dot")],
                              ["Address", c["home_address"]], ["Parent / carer", c["carer"]],
                              ["Ethnicity", c["ethnicity"]], ["Faith", c["faith"]],
                              ["Disability", c["disability"]],
                              ["Date of incident", D(c["incident_date"], "dot")],
                              ["Where it happened", c["incident_location"]]])
    plan = d.tables[0].cell(1, 1).add_paragraph()
    plan.add_run("CP plan:  ").bold = True
    for k, lab in [("yes", "Current"), ("has_been", "Previous"), ("no", "Never"), ("not_known", "Not known")]:
        plan.add_run(f"{lab} {'✔' if cpp == k else '□'}    ")
    an = cr["abuse_or_neglect"]
    nested(outer.cell(2, 1), [["", "Yes", "No"],
                              ["Child has died", box(cr["child_died"], "check"), box(not cr["child_died"], "check")],
                              ["Child seriously harmed", box(cr["seriously_harmed"], "check"),
                               box(not cr["seriously_harmed"], "check")],
                              ["Abuse/neglect known", box(an == "known", "check"), box(an != "known", "check")],
                              ["Abuse/neglect suspected", box(an == "suspected", "check"),
                               box(an != "suspected", "check")],
                              ["Concern re multi-agency working", box(cr["agency_concern"], "check"),
                               box(not cr["agency_concern"], "check")]], header=True)
    fam = [["Name", "Relationship", "D.O.B.", "Address", "Ethnicity"]] + [
        [m["name"], m["relationship"], D(m["date_of_birth"], "dot"), m["address"], m["ethnicity"]]
        for m in r["family"]]
    nested(outer.cell(3, 1), fam, header=True)
    ags = [["Agency", "Practitioner", "Contact", "Current involvement"]] + [
        [a["agency"], a["name"], a["contact"], "Current" if a["still_involved"] else "Closed"]
        for a in r["other_agencies"]]
    nested(outer.cell(4, 1), ags, header=True)
    procs = [["Summary", r["summary"]]] + [[p["process"], p["status"]] for p in r["other_processes"]]
    nested(outer.cell(5, 1), procs)
    msg = h.eml(name, frm(r), "Rapid review referral", sent(r),
                text="Please see attached referral, agreed with our Named Doctor this morning.\n\n"
                     f"{rf['name']}\n{rf['role']}\n{rf['agency']}\nTel {rf['phone']}\n",
                attachments=[att_docx("RR referral.docx", h.doc_bytes(d))])
    return msg, expected_referral(r), "docx: outer section table with a nested table in each right-hand cell, ✔ in Yes/No"


# ------------------------------------------------------------------ r03: value above its caption, highlight

def _hl_choice(p: Any, options: list[str], keep: str) -> None:
    for i, o in enumerate(options):
        if i:
            p.add_run("   ")
        run = p.add_run(o)
        if o == keep:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            run.bold = True


def r03_docx_label_below(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=3)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    d = h.new_doc("Verdana", 9)
    d.add_heading("Request for a case to be considered for review", level=1)
    d.add_paragraph("Highlight the answer that applies.")

    def pairs(fields: list[tuple[str, str]]) -> None:
        t = d.add_table(rows=0, cols=2)
        for k in range(0, len(fields), 2):
            chunk = fields[k:k + 2]
            vr, cr_ = t.add_row(), t.add_row()
            for j, (val, lab) in enumerate(chunk):
                h.cell_text(vr.cells[j], val, bold=False)
                p = cr_.cells[j].paragraphs[0]
                run = p.add_run(lab)
                run.italic = True
                run.font.size = Pt(7)
                run.font.color.rgb = RGBColor(0x70, 0x70, 0x70)
                bdr = parse_xml('<w:tcBorders xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                '<w:top w:val="single" w:sz="6" w:color="000000"/></w:tcBorders>')
                cr_.cells[j]._tc.get_or_add_tcPr().append(bdr)
        d.add_paragraph("")

    h.heading(d, "1  About the child", 2)
    pairs([(c["name"], "Child's full name"), (D(c["date_of_birth"], "long"), "Date of birth"),
           (c["home_address"], "Home address"), (c["carer"], "Name of person(s) with parental responsibility"),
           (c["ethnicity"], "Ethnic origin"), (c["faith"], "Religion"), (c["disability"], "Any disability"),
           (CPP_WORDS["c"][c["child_protection_plan"]], "Child protection status"),
           (D(c["incident_date"], "long"), "Date of the incident"), (c["incident_location"], "Where it took place")])
    h.heading(d, "2  Criteria", 2)
    an = cr["abuse_or_neglect"]
    for q, opts, keep in [("Did the child die?", ["Yes", "No"], yn(cr["child_died"])),
                          ("Was the child seriously harmed?", ["Yes", "No"], yn(cr["seriously_harmed"])),
                          ("Is abuse or neglect", ["Known", "Suspected"], an.capitalize()),
                          ("Is there cause for concern about the way agencies worked together?", ["Yes", "No"],
                           yn(cr["agency_concern"]))]:
        p = d.add_paragraph()
        p.add_run(q + "   ").bold = False
        _hl_choice(p, opts, keep)
    h.heading(d, "3  Summary of the incident", 2)
    d.add_paragraph(r["summary"])
    h.heading(d, "4  Family members and significant adults", 2)
    rows = [["Full name", "Relationship to child", "Date of birth", "Address (if different from child)", "Ethnicity"]]
    for m in r["family"]:
        rows.append([m["name"], m["relationship"], D(m["date_of_birth"], "long"),
                     "As child" if m["address"] == c["home_address"] else m["address"], m["ethnicity"]])
    h.table(d, rows, bold_cols=(), header=True, fill="EDEDED")
    h.heading(d, "5  Agencies involved", 2)
    rows = [["Agency", "Lead professional", "Phone / email", "Still working with the family?"]]
    for a in r["other_agencies"]:
        rows.append([a["agency"], a["name"], a["contact"], yn(a["still_involved"])])
    h.table(d, rows, bold_cols=(), header=True, fill="EDEDED")
    h.heading(d, "6  Other processes", 2)
    rows = [["Process", "Where it has got to"]] + [[p["process"], p["status"]] for p in r["other_processes"]]
    h.table(d, rows, bold_cols=(), header=True, fill="EDEDED")
    h.heading(d, "7  Referrer", 2)
    pairs([(rf["name"], "Your name"), (rf["role"], "Your role"), (rf["agency"], "Your agency"),
           (rf["phone"], "Telephone"), (rf["email"], "Email"), (D(rf["date_submitted"], "long"), "Date")])
    msg = h.eml(name, frm(r), "Case for consideration", sent(r),
                text="Good afternoon, please find attached. I have highlighted the answers.\n\n"
                     f"{rf['name']}\nDSL, {rf['agency']}\n",
                attachments=[att_docx("consideration request.docx", h.doc_bytes(d))])
    return msg, expected_referral(r), "docx: each value above its small caption; answers chosen by yellow highlight"


# ------------------------------------------------------------------ r04: questions as labels, content controls

def r04_docx_questions_bullets(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=2)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    d = h.new_doc("Arial", 10)
    d.add_heading("Referral for consideration of a Rapid Review", level=1)
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"

    def q(question: str, value: str, kind: str = "text", options: list[str] | None = None,
          date: str | None = None) -> None:
        row = t.add_row()
        h.cell_text(row.cells[0], question, bold=True)
        h.shade(row.cells[0], "E2EFDA")
        p = row.cells[1].paragraphs[0]
        if kind == "drop":
            x.sdt_dropdown(p, value, options or [], question[:20])
        elif kind == "date":
            x.sdt_date(p, dt.date.fromisoformat(date or ""), value, question[:20], "d MMMM yyyy")
        else:
            x.sdt_text(p, value, question[:20])

    q("What is your name?", rf["name"])
    q("What is your job title?", rf["role"])
    q("Which organisation do you work for?", rf["agency"])
    q("What is the best number to reach you on?", rf["phone"])
    q("What is your secure email address?", rf["email"])
    q("What is the child's full name?", c["name"])
    q("When was the child born?", D(c["date_of_birth"], "long"), "date", date=c["date_of_birth"])
    q("Where does the child normally live?", c["home_address"])
    q("Who does the child live with?", c["carer"])
    q("How does the child's family describe their ethnicity?", c["ethnicity"], "drop", ETHNICITIES)
    q("Does the child follow a faith?", c["faith"])
    q("Does the child have a disability or additional needs?", c["disability"])
    cw = CPP_WORDS["b"]
    q("Is the child, or has the child been, subject to a child protection plan?", cw[c["child_protection_plan"]],
      "drop", list(cw.values()))
    q("When did the incident happen?", D(c["incident_date"], "long"), "date", date=c["incident_date"])
    q("Where did it happen?", c["incident_location"])
    q("Has the child died?", yn(cr["child_died"]), "drop", ["Yes", "No"])
    q("Has the child been seriously harmed?", yn(cr["seriously_harmed"]), "drop", ["Yes", "No"])
    q("Is abuse or neglect known or suspected?", cr["abuse_or_neglect"].capitalize(), "drop", ["Known", "Suspected"])
    q("Are you concerned about how agencies worked together?", yn(cr["agency_concern"]), "drop", ["Yes", "No"])
    q("What happened?", r["summary"])
    q("On what date are you sending this?", D(rf["date_submitted"], "long"), "date", date=rf["date_submitted"])
    d.add_paragraph("")
    d.add_paragraph().add_run("Who else is in the child's family or household?").bold = True
    for m in r["family"]:
        d.add_paragraph(f"{m['name']} – {m['relationship']} – born {D(m['date_of_birth'], 'long')} – "
                        f"{m['address']} – {m['ethnicity']}", style="List Bullet")
    d.add_paragraph().add_run("Which other agencies know the family?").bold = True
    for a in r["other_agencies"]:
        d.add_paragraph(f"{a['agency']}: {a['name']}, {a['contact']} – "
                        f"{'still involved' if a['still_involved'] else 'no longer involved'}", style="List Bullet")
    d.add_paragraph().add_run("Are any other processes under way?").bold = True
    for p in r["other_processes"]:
        d.add_paragraph(f"{p['process']}: {p['status']}", style="List Bullet")
    msg = h.eml(name, frm(r), "RR referral form", sent(r),
                text=f"Referral attached.\n{rf['name']}\n", attachments=[att_docx("referral.docx", h.doc_bytes(d))])
    return msg, expected_referral(r), "docx: questions as labels, answers in content controls (drop-downs, dates); people as bullet lists"


# ------------------------------------------------------------------ r05: stacked label/value rows, legacy drop-downs

def formdropdown(p: Any, options: list[str], value: str, name: str) -> None:
    """A legacy drop-down form field: the choice is an index in w:ffData; Word shows the entry (no text run)."""
    ix = options.index(value)
    entries = "".join(f'<w:listEntry w:val="{x.escape(o)}"/>' for o in options)
    for xml in (f'<w:r {x.NS}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="{name}"/><w:enabled/>'
                f'<w:calcOnExit w:val="0"/><w:ddList><w:result w:val="{ix}"/>{entries}</w:ddList></w:ffData>'
                '</w:fldChar></w:r>',
                f'<w:r {x.NS}><w:instrText xml:space="preserve"> FORMDROPDOWN </w:instrText></w:r>',
                f'<w:r {x.NS}><w:fldChar w:fldCharType="end"/></w:r>'):
        p._p.append(parse_xml(xml))


def r05_docx_stacked_legacy(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=8, nfam=3)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    d = h.new_doc("Tahoma", 9)
    d.add_heading("Notification of Serious Child Safeguarding Case", level=1)
    d.add_paragraph("This form is protected. Tab between the grey fields.")
    k = [0]

    def stacked(fields: list[tuple[str, str, list[str] | None]]) -> None:
        t = d.add_table(rows=2, cols=len(fields))
        t.style = "Table Grid"
        for j, (lab, val, opts) in enumerate(fields):
            h.cell_text(t.cell(0, j), lab, bold=True)
            h.shade(t.cell(0, j), "D9D9D9")
            k[0] += 1
            if opts:
                formdropdown(t.cell(1, j).paragraphs[0], opts, val, f"Dropdown{k[0]}")
            else:
                x.formtext(t.cell(1, j).paragraphs[0], val, f"Text{k[0]}")
        d.add_paragraph("")

    h.heading(d, "Referrer", 3)
    stacked([("Name", rf["name"], None), ("Role", rf["role"], None), ("Agency", rf["agency"], None)])
    stacked([("Telephone", rf["phone"], None), ("Email", rf["email"], None),
             ("Date", D(rf["date_submitted"], "abbr"), None)])
    h.heading(d, "Child", 3)
    stacked([("Name", c["name"], None), ("DOB", D(c["date_of_birth"], "abbr"), None),
             ("Ethnicity", c["ethnicity"], ["Select", *ETHNICITIES])])
    stacked([("Address", c["home_address"], None), ("Main carer", c["carer"], None)])
    cw = CPP_WORDS["a"]
    stacked([("Faith", c["faith"], None), ("Disability", c["disability"], None),
             ("CP Plan", cw[c["child_protection_plan"]], ["Select", *cw.values()])])
    stacked([("Date of incident", D(c["incident_date"], "abbr"), None), ("Place", c["incident_location"], None)])
    h.heading(d, "Criteria", 3)
    yno = ["Select", "Yes", "No"]
    stacked([("Died", yn(cr["child_died"]), yno), ("Seriously harmed", yn(cr["seriously_harmed"]), yno),
             ("Abuse/neglect", cr["abuse_or_neglect"].capitalize(), ["Select", "Known", "Suspected"]),
             ("Agency concern", yn(cr["agency_concern"]), yno)])
    h.heading(d, "What happened", 3)
    stacked([("Brief summary", r["summary"], None)])
    h.heading(d, "Family", 3)
    for i, m in enumerate(r["family"], 1):
        stacked([(f"Family member {i}", m["name"], None), ("Relationship", m["relationship"], None),
                 ("DOB", D(m["date_of_birth"], "abbr"), None), ("Address", m["address"], None),
                 ("Ethnicity", m["ethnicity"], ["Select", *ETHNICITIES])])
    h.heading(d, "Agencies", 3)
    for i, a in enumerate(r["other_agencies"], 1):
        stacked([(f"Agency {i}", a["agency"], None), ("Contact name", a["name"], None),
                 ("Phone/email", a["contact"], None), ("Still involved", yn(a["still_involved"]), yno)])
    h.heading(d, "Other processes", 3)
    for i, p in enumerate(r["other_processes"], 1):
        stacked([(f"Process {i}", p["process"], None), ("Status", p["status"], None)])
    msg = h.eml(name, frm(r), "Notification form", sent(r),
                text=f"Please see attached.\n\n{rf['name']} | {rf['role']} | {rf['agency']}\n",
                attachments=[att_docx("Notification form (protected).docx", h.doc_bytes(d))])
    return msg, expected_referral(r), "docx protected form: label row above value row; legacy FORMTEXT and FORMDROPDOWN fields"


# ------------------------------------------------------------------ r06: 4-column grid, Word -> ODT by LibreOffice

def r06_odt_converted_grid(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=10)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    d = h.new_doc("Liberation Sans", 9)
    d.add_heading("CSPR referral", level=1)
    an = cr["abuse_or_neglect"]
    cpp = {"yes": "Yes (current)", "no": "No", "has_been": "Yes (in the past)", "not_known": "Not known"}
    rows = [["Referrer", rf["name"], "Agency", rf["agency"]],
            ["Job role", rf["role"], "Date of referral", D(rf["date_submitted"], "nopad")],
            ["Telephone", rf["phone"], "E-mail", rf["email"]],
            ["Child", c["name"], "DOB", D(c["date_of_birth"], "nopad")],
            ["Address", c["home_address"], "Carer(s)", c["carer"]],
            ["Ethnicity", c["ethnicity"], "Religion", c["faith"]],
            ["Disability", c["disability"], "CP plan", cpp[c["child_protection_plan"]]],
            ["Incident date", D(c["incident_date"], "nopad"), "Incident location", c["incident_location"]],
            ["Died (Y/N)", "Y" if cr["child_died"] else "N", "Seriously harmed (Y/N)",
             "Y" if cr["seriously_harmed"] else "N"],
            ["Abuse/neglect (K/S)", "K" if an == "known" else "S", "Agencies' working a concern (Y/N)",
             "Y" if cr["agency_concern"] else "N"]]
    h.table(d, rows, bold_cols=(0, 2), fill="FFF2CC")
    d.add_paragraph("K = known, S = suspected")
    h.heading(d, "Summary", 2)
    d.add_paragraph(r["summary"])
    h.heading(d, "Family / household", 2)
    rows = [["Name", "Relationship", "DOB (age)", "Address", "Ethnicity"]]
    for m in r["family"]:
        dob = dt.date.fromisoformat(m["date_of_birth"])
        age = (dt.date.fromisoformat(c["incident_date"]) - dob).days // 365
        rows.append([m["name"], m["relationship"], f"{D(m['date_of_birth'], 'nopad')} ({age})", m["address"],
                     m["ethnicity"]])
    h.table(d, rows, bold_cols=(), header=True, fill="FFF2CC")
    h.heading(d, "Professionals", 2)
    rows = [["Name", "Agency", "Contact", "Involved now (Y/N)"]]
    for a in r["other_agencies"]:
        rows.append([a["name"], a["agency"], a["contact"], "Y" if a["still_involved"] else "N"])
    h.table(d, rows, bold_cols=(), header=True, fill="FFF2CC")
    h.heading(d, "Other processes", 2)
    rows = [["Process", "Status"]] + [[p["process"], p["status"]] for p in r["other_processes"]]
    h.table(d, rows, bold_cols=(), header=True, fill="FFF2CC")
    odt = h.soffice_convert(h.doc_bytes(d), "referral", "docx", "odt")
    msg = h.eml(name, frm(r), "CSPR referral", sent(r),
                text=f"Hi, our form is attached (we use LibreOffice, hope that is OK).\n{rf['name']}\n",
                attachments=[("CSPR referral.odt", odt, "application", "vnd.oasis.opendocument.text")])
    return msg, expected_referral(r), "ODT converted from Word by LibreOffice: 4-column label/value grid, Y/N and K/S codes, 'DOB (age)'"


# ------------------------------------------------------------------ r07: Wales-style CPR referral, RTF

def r07_rtf_wales_cpr(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=4)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    lti = cr["seriously_harmed"] and rng.random() < 0.5
    perm = cr["seriously_harmed"] and not lti
    reg = {"yes": "Yes - on the register now", "has_been": "Yes - in the 6 months before the incident",
           "no": "No", "not_known": "Not known"}
    f = x.Rtf()
    f.p("Child Practice Review - referral to the Regional Safeguarding Children Board", bold=True, size=28)
    f.p("Section 1: Details of the referring practitioner", bold=True, size=22)
    w = [3000, 6600]
    for lab, v in [("Name", rf["name"]), ("Post held", rf["role"]), ("Organisation", rf["agency"]),
                   ("Contact telephone", rf["phone"]), ("Email", rf["email"]),
                   ("Date form completed", D(rf["date_submitted"], "ord"))]:
        f.row([lab, v], w)
    f.p("Section 2: Child", bold=True, size=22)
    for lab, v in [("Name of child", c["name"]), ("Date of birth", D(c["date_of_birth"], "ord")),
                   ("Home address", c["home_address"]), ("Person(s) with parental responsibility", c["carer"]),
                   ("Ethnicity", c["ethnicity"]), ("Religion", c["faith"]),
                   ("Disability / additional learning needs", c["disability"]),
                   ("Child protection register (now or in the 6 months before)", reg[c["child_protection_plan"]]),
                   ("Date of significant incident", D(c["incident_date"], "ord")),
                   ("Location of significant incident", c["incident_location"])]:
        f.row([lab, v], w)
    f.p("Section 3: Criteria (mark X)", bold=True, size=22)
    w3 = [6000, 1200, 1200]
    f.row(["", "Yes", "No"], w3, shade=True)
    for q, b in [("The child has died", cr["child_died"]),
                 ("The child has sustained potentially life threatening injury", lti),
                 ("The child has sustained serious and permanent impairment of health or development", perm),
                 ("Abuse or neglect is known", cr["abuse_or_neglect"] == "known"),
                 ("Abuse or neglect is suspected", cr["abuse_or_neglect"] == "suspected"),
                 ("There are concerns about how agencies worked together", cr["agency_concern"])]:
        f.row([q, "X" if b else "", "" if b else "X"], w3)
    f.p("Section 4: Brief description of the significant incident", bold=True, size=22)
    f.row([r["summary"]], [9600], bold_first=False)
    f.p("Section 5: Family members / significant others", bold=True, size=22)
    w5 = [2200, 1600, 1500, 2800, 1500]
    f.row(["Name", "Relationship", "Date of birth", "Address", "Ethnicity"], w5, shade=True)
    for m in r["family"]:
        f.row([m["name"], m["relationship"], D(m["date_of_birth"], "ord"), m["address"], m["ethnicity"]], w5,
              bold_first=False)
    f.p("Section 6: Agencies involved with the child and family", bold=True, size=22)
    w6 = [2800, 2200, 2800, 1800]
    f.row(["Agency", "Practitioner", "Contact details", "Currently involved?"], w6, shade=True)
    for a in r["other_agencies"]:
        f.row([a["agency"], a["name"], a["contact"], yn(a["still_involved"])], w6, bold_first=False)
    f.p("Section 7: Other processes (criminal, coroner, Child Death Review, other reviews)", bold=True, size=22)
    w7 = [4000, 5600]
    f.row(["Process", "Current position"], w7, shade=True)
    for p in r["other_processes"]:
        f.row([p["process"], p["status"]], w7, bold_first=False)
    r["criteria"] = dict(cr, seriously_harmed=bool(lti or perm))
    msg = h.eml(name, frm(r), "CPR referral - cross-border family", sent(r),
                text=f"The family moved from Wales last month so I have used our Regional Board's form; I hope that "
                     f"is acceptable.\n\n{rf['name']}\n{rf['role']}\n",
                attachments=[("CPR referral.rtf", f.bytes(), "application", "rtf")])
    return msg, expected_referral(r), "RTF: Wales-style Child Practice Review referral (life-threatening / permanent impairment, CP register)"


def latin1(r: Any) -> Any:
    """Replace en dashes by hyphens; None if some other value cannot be written in Latin-1."""
    def fix(v: Any) -> Any:
        if isinstance(v, str):
            v = v.replace("–", "-")
            v.encode("latin-1")
            return v
        if isinstance(v, dict):
            return {k: fix(w) for k, w in v.items()}
        if isinstance(v, list):
            return [fix(w) for w in v]
        return v
    try:
        return fix(r)
    except UnicodeEncodeError:
        return None


# ------------------------------------------------------------------ r09: fillable PDF, generic field names

def r09_pdf_fillable_generic(name: str) -> tuple[bytes, dict, str]:
    """An e-form whose fields are Text1, Text2... and Check Box1...: only their place on the page says what they are."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    rng = random.Random(name)
    while True:  # the form's fields take Latin-1 only (Helvetica): an e-form's own limit
        r = latin1(referral(rng, agency_ix=1, nfam=3, nag=2, nproc=2))
        if r:
            break
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    b = io.BytesIO()
    cv = canvas.Canvas(b, pagesize=A4)
    cv.setTitle("CSPR referral e-form")
    W, H = A4
    n = {"t": 0, "c": 0}

    def tf(val: str, xx: float, y: float, w: float, hh: float = 14, multi: bool = False) -> None:
        n["t"] += 1
        cv.acroForm.textfield(name=f"Text{n['t']}", value=val, x=xx, y=y, width=w, height=hh, fontName="Helvetica",
                              fontSize=7 if multi else 8, borderWidth=0.5, fieldFlags="multiline" if multi else "")

    def cb(checked: bool, xx: float, y: float) -> None:
        n["c"] += 1
        cv.acroForm.checkbox(name=f"Check Box{n['c']}", checked=checked, x=xx, y=y, size=10, buttonStyle="cross",
                             borderWidth=0.5)

    def lab(text: str, xx: float, y: float, size: float = 8, bold: bool = False) -> None:
        cv.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        cv.drawString(xx, y, text)

    y = H - 50
    lab("Child Safeguarding Practice Review - Referral (e-form)", 40, y, 13, True)
    y -= 26
    lab("Your details", 40, y, 10, True)
    for label, val in [("Name", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]),
                       ("Phone", rf["phone"]), ("Email", rf["email"]),
                       ("Date", D(rf["date_submitted"], "slash"))]:
        y -= 18
        lab(label, 40, y + 3)
        tf(val, 140, y, 300)
    y -= 26
    lab("The child", 40, y, 10, True)
    cw = CPP_WORDS["a"]
    for label, val in [("Name", c["name"]), ("Date of birth", D(c["date_of_birth"], "slash")),
                       ("Address", c["home_address"]), ("Lives with", c["carer"]), ("Ethnicity", c["ethnicity"]),
                       ("Faith", c["faith"]), ("Disability", c["disability"]),
                       ("Incident date", D(c["incident_date"], "slash")), ("Incident place", c["incident_location"])]:
        y -= 18
        lab(label, 40, y + 3)
        tf(val, 140, y, 300)
    y -= 20
    lab("Child protection plan:", 40, y + 2)
    xx = 140
    for k in ("yes", "has_been", "no", "not_known"):
        cb(c["child_protection_plan"] == k, xx, y)
        lab(cw[k], xx + 13, y + 2)
        xx += 80
    y -= 26
    lab("Criteria (tick one in each row)", 40, y, 10, True)
    lab("Yes", 330, y, 8, True)
    lab("No", 370, y, 8, True)
    an = cr["abuse_or_neglect"]
    for q, v in [("The child has died", cr["child_died"]), ("The child has been seriously harmed", cr["seriously_harmed"]),
                 ("Abuse or neglect is known", an == "known"), ("Abuse or neglect is suspected", an == "suspected"),
                 ("There is concern about how agencies worked together", cr["agency_concern"])]:
        y -= 16
        lab(q, 40, y + 2)
        cb(v, 330, y)
        cb(not v, 370, y)
    y -= 22
    lab("What happened", 40, y, 10, True)
    y -= 48
    tf(r["summary"], 40, y, 515, 44, multi=True)
    cv.showPage()
    y = H - 50
    lab("Family and significant others", 40, y, 10, True)
    xs = [40, 160, 240, 300, 470]
    ws = [118, 78, 58, 168, 85]
    y -= 16
    for xx, t in zip(xs, ["Name", "Relationship", "DOB", "Address", "Ethnicity"]):
        lab(t, xx, y, 8, True)
    for m in r["family"]:
        y -= 18
        for xx, w, v in zip(xs, ws, [m["name"], m["relationship"], D(m["date_of_birth"], "slash"), m["address"],
                                     m["ethnicity"]]):
            tf(v, xx, y, w)
    y -= 30
    lab("Other agencies", 40, y, 10, True)
    y -= 16
    for xx, t in zip([40, 160, 330, 480], ["Worker", "Agency", "Contact", "Still involved"]):
        lab(t, xx, y, 8, True)
    for a in r["other_agencies"]:
        y -= 18
        tf(a["name"], 40, y, 118)
        tf(a["agency"], 160, y, 168)
        tf(a["contact"], 330, y, 148)
        cb(a["still_involved"], 495, y)
    y -= 30
    lab("Other processes", 40, y, 10, True)
    y -= 16
    lab("Process", 40, y, 8, True)
    lab("Status", 250, y, 8, True)
    for p in r["other_processes"]:
        y -= 18
        tf(p["process"], 40, y, 205)
        tf(p["status"], 250, y, 300)
    cv.showPage()
    cv.save()
    msg = h.eml(name, frm(r), "CSPR referral (e-form)", sent(r),
                text=f"Completed e-form attached.\nRegards\n{rf['name']}\n",
                attachments=[("CSPR_referral_eform.pdf", b.getvalue(), "application", "pdf")])
    return msg, expected_referral(r), "fillable PDF: generic field names (Text1.., Check Box1..), labels only on the page, cross check boxes"


# ------------------------------------------------------------------ r10: reportlab, value over caption, circled answer

def r10_pdf_reportlab_circled(name: str) -> tuple[bytes, dict, str]:
    from reportlab.platypus import Flowable
    rng = random.Random(name)
    r = referral(rng, agency_ix=7)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]

    class Circled(Flowable):  # type: ignore[misc]
        def __init__(self, q: str, opts: list[str], keep: str) -> None:
            super().__init__()
            self.q, self.opts, self.keep = q, opts, keep

        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            return aw, 18

        def draw(self) -> None:
            cv = self.canv
            cv.setFont("DV", 9)
            cv.drawString(0, 5, self.q)
            xx = 330
            for o in self.opts:
                cv.drawString(xx, 5, o)
                w = cv.stringWidth(o, "DV", 9)
                if o == self.keep:
                    cv.setLineWidth(1.1)
                    cv.ellipse(xx - 5, 0, xx + w + 5, 16)
                xx += w + 30

    def vc(val: str, cap: str) -> list[Any]:
        return [h.P(val, size=9), h.P(cap, size=6, color=h.colors.HexColor("#666666"))]

    def grid(pairs: list[tuple[str, str]], cols: int = 2) -> Any:
        cells = [vc(v, k) for k, v in pairs]
        rows = [cells[i:i + cols] + [""] * (cols - len(cells[i:i + cols])) for i in range(0, len(cells), cols)]
        t = h.Table(rows, colWidths=[90 * h.mm] * cols)
        t.setStyle(h.TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.3, h.colors.grey),
                                 ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return t

    st = [h.P("Probation Service – referral of a serious child safeguarding incident", size=13, bold=True),
          h.P("Circle the answer that applies.", size=8), h.Spacer(1, 6),
          h.P("Referrer", size=10, bold=True),
          grid([("Name of officer", rf["name"]), ("Grade / role", rf["role"]), ("Region / service", rf["agency"]),
                ("Telephone", rf["phone"]), ("Secure email", rf["email"]),
                ("Date", D(rf["date_submitted"], "comma"))]),
          h.Spacer(1, 8), h.P("Child", size=10, bold=True),
          grid([("Full name of child", c["name"]), ("Date of birth", D(c["date_of_birth"], "comma")),
                ("Address", c["home_address"]), ("Carer", c["carer"]), ("Ethnic origin", c["ethnicity"]),
                ("Faith", c["faith"]), ("Disability", c["disability"]),
                ("Date of incident", D(c["incident_date"], "comma")), ("Place of incident", c["incident_location"])]),
          h.Spacer(1, 8), h.P("Criteria", size=10, bold=True)]
    an = cr["abuse_or_neglect"]
    cpp_o = {"yes": "Current", "has_been": "Past", "no": "Never", "not_known": "Unknown"}
    for q, opts, keep in [("Has the child died?", ["YES", "NO"], yn(cr["child_died"]).upper()),
                          ("Has the child been seriously harmed?", ["YES", "NO"], yn(cr["seriously_harmed"]).upper()),
                          ("Abuse or neglect is", ["KNOWN", "SUSPECTED"], an.upper()),
                          ("Concern about agencies working together?", ["YES", "NO"], yn(cr["agency_concern"]).upper()),
                          ("Child protection plan", list(cpp_o.values()), cpp_o[c["child_protection_plan"]])]:
        st.append(Circled(q, opts, keep))
    st += [h.Spacer(1, 8), h.P("Summary", size=10, bold=True), h.P(r["summary"], size=9), h.Spacer(1, 8),
           h.P("Family members and significant others", size=10, bold=True),
           h.rl_table([["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]] +
                      [[m["name"], m["relationship"], D(m["date_of_birth"], "comma"), m["address"], m["ethnicity"]]
                       for m in r["family"]], [38 * h.mm, 30 * h.mm, 28 * h.mm, 54 * h.mm, 30 * h.mm],
                      label_cols=(), header=True),
           h.Spacer(1, 8), h.P("Other agencies", size=10, bold=True),
           h.rl_table([["Agency", "Name", "Contact", "Still involved"]] +
                      [[a["agency"], a["name"], a["contact"], yn(a["still_involved"])] for a in r["other_agencies"]],
                      [55 * h.mm, 40 * h.mm, 55 * h.mm, 30 * h.mm], label_cols=(), header=True),
           h.Spacer(1, 8), h.P("Other processes", size=10, bold=True),
           h.rl_table([["Process", "Status"]] + [[p["process"], p["status"]] for p in r["other_processes"]],
                      [70 * h.mm, 110 * h.mm], label_cols=(), header=True)]
    pdf = h.build_pdf(st, "Referral", footer="OFFICIAL-SENSITIVE")
    msg = h.eml(name, frm(r), "OFFICIAL-SENSITIVE: CSPR referral", sent(r, 9),
                text=f"Please see the attached referral.\n\n{rf['name']}\n{rf['role']}\n{rf['agency']}\n",
                attachments=[("referral.pdf", pdf, "application", "pdf")])
    return msg, expected_referral(r), "PDF drawn by reportlab: each value above its caption; answers circled (both options in the text)"


# ------------------------------------------------------------------ r11: XLSX referral form

def r11_xlsx_form(name: str) -> tuple[bytes, dict, str]:
    import io

    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation
    rng = random.Random(name)
    r = referral(rng, agency_ix=9)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Referral"
    ws.column_dimensions["A"].width = 42
    ws.column_dimensions["B"].width = 60
    fill = PatternFill("solid", fgColor="DDEBF7")
    row = [1]

    def sec(t: str) -> None:
        ws.cell(row[0], 1, t).font = Font(bold=True, color="FFFFFF")
        ws.cell(row[0], 1).fill = PatternFill("solid", fgColor="305496")
        ws.merge_cells(start_row=row[0], start_column=1, end_row=row[0], end_column=2)
        row[0] += 1

    def kv(k: str, v: Any, datefmt: bool = False) -> Any:
        ws.cell(row[0], 1, k).fill = fill
        cell = ws.cell(row[0], 2, v)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if datefmt:
            cell.number_format = "d mmmm yyyy"
        row[0] += 1
        return cell

    ws.cell(1, 1, "CSPR referral - spreadsheet version").font = Font(bold=True, size=14)
    row[0] = 3
    sec("Referrer")
    kv("Name", rf["name"])
    kv("Role", rf["role"])
    kv("Service", rf["agency"])
    kv("Phone", rf["phone"])
    kv("Email", rf["email"])
    kv("Date sent", dt.datetime.fromisoformat(rf["date_submitted"]), True)
    sec("Child")
    kv("Name", c["name"])
    kv("Date of birth", dt.datetime.fromisoformat(c["date_of_birth"]), True)
    kv("Address", c["home_address"])
    kv("Carer", c["carer"])
    kv("Ethnicity", c["ethnicity"])
    kv("Faith", c["faith"])
    kv("Disability", c["disability"])
    cw = CPP_WORDS["a"]
    dv_cp = DataValidation(type="list", formula1='"' + ",".join(cw.values()) + '"')
    ws.add_data_validation(dv_cp)
    dv_cp.add(kv("Child protection plan", cw[c["child_protection_plan"]]))
    kv("Incident date", dt.datetime.fromisoformat(c["incident_date"]), True)
    kv("Incident location", c["incident_location"])
    sec("Criteria (choose from the list)")
    dv = DataValidation(type="list", formula1='"Y,N"')
    ws.add_data_validation(dv)
    dv.add(kv("Child died (Y/N)", "Y" if cr["child_died"] else "N"))
    dv.add(kv("Child seriously harmed (Y/N)", "Y" if cr["seriously_harmed"] else "N"))
    dv2 = DataValidation(type="list", formula1='"Known,Suspected"')
    ws.add_data_validation(dv2)
    dv2.add(kv("Abuse or neglect (Known/Suspected)", cr["abuse_or_neglect"].capitalize()))
    dv.add(kv("Concern about agencies working together (Y/N)", "Y" if cr["agency_concern"] else "N"))
    sec("Summary")
    kv("What happened", r["summary"])
    ws2 = wb.create_sheet("People")
    ws2.append(["Family and household"])
    ws2["A1"].font = Font(bold=True)
    ws2.append(["Name", "Relationship", "Date of birth", "Address", "Ethnicity"])
    for m in r["family"]:
        ws2.append([m["name"], m["relationship"], dt.datetime.fromisoformat(m["date_of_birth"]), m["address"],
                    m["ethnicity"]])
        ws2.cell(ws2.max_row, 3).number_format = "dd/mm/yyyy"
    ws2.append([])
    ws2.append(["Agencies"])
    ws2.cell(ws2.max_row, 1).font = Font(bold=True)
    ws2.append(["Agency", "Worker", "Contact", "Still involved"])
    for a in r["other_agencies"]:
        ws2.append([a["agency"], a["name"], a["contact"], "Y" if a["still_involved"] else "N"])
    ws2.append([])
    ws2.append(["Other processes"])
    ws2.cell(ws2.max_row, 1).font = Font(bold=True)
    ws2.append(["Process", "Status"])
    for p in r["other_processes"]:
        ws2.append([p["process"], p["status"]])
    for col, w in zip("ABCDE", [30, 22, 30, 48, 26]):
        ws2.column_dimensions[col].width = w
    b = io.BytesIO()
    wb.save(b)
    msg = h.eml(name, frm(r), "Referral for CSPR consideration", sent(r),
                text=f"Our team records these in a spreadsheet, so I have used that; two tabs.\n\n{rf['name']}\n"
                     f"{rf['role']}\n",
                attachments=[("referral.xlsx", b.getvalue(), "application",
                              "vnd.openxmlformats-officedocument.spreadsheetml.sheet")])
    return msg, expected_referral(r), "XLSX: label/value columns with merged section rows, list validations, Excel dates; people on a second sheet"


# ------------------------------------------------------------------ r12: Outlook HTML body, nested tables

def _html_esc(s: str) -> str:
    return h.esc(s)


def r12_html_outlook_nested(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=11)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    e = _html_esc

    def inner(rows: list[list[str]], head: bool = False) -> str:
        out = ['<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style="border-collapse:collapse">']
        for i, row in enumerate(rows):
            out.append("<tr>" + "".join(
                f'<td valign=top style="border:solid windowtext 1.0pt;padding:0cm 5.4pt"><p class=MsoNormal>'
                f'{"<b>" if (head and i == 0) or (not head and j == 0) else ""}{e(v)}'
                f'{"</b>" if (head and i == 0) or (not head and j == 0) else ""}<o:p></o:p></p></td>'
                for j, v in enumerate(row)) + "</tr>")
        out.append("</table>")
        return "".join(out)

    an = cr["abuse_or_neglect"]
    crit = [["Child has died", f"{box(cr['child_died'], 'ballot')} Yes {box(not cr['child_died'], 'ballot')} No"],
            ["Child seriously harmed", f"{box(cr['seriously_harmed'], 'ballot')} Yes "
                                       f"{box(not cr['seriously_harmed'], 'ballot')} No"],
            ["Abuse / neglect", f"{box(an == 'known', 'ballot')} Known {box(an == 'suspected', 'ballot')} Suspected"],
            ["Concern about agencies", f"{box(cr['agency_concern'], 'ballot')} Yes "
                                       f"{box(not cr['agency_concern'], 'ballot')} No"]]
    cw = CPP_WORDS["b"]
    sections = [
        ("Referrer", inner([["Name", rf["name"]], ["Role", rf["role"]], ["Organisation", rf["agency"]],
                            ["Tel", rf["phone"]], ["Email", rf["email"]],
                            ["Date", D(rf["date_submitted"], "us")]])),
        ("Child", inner([["Name", c["name"]], ["DOB", D(c["date_of_birth"], "us")], ["Address", c["home_address"]],
                         ["Carer", c["carer"]], ["Ethnicity", c["ethnicity"]], ["Faith", c["faith"]],
                         ["Disability", c["disability"]], ["CP plan", cw[c["child_protection_plan"]]],
                         ["Incident date", D(c["incident_date"], "us")], ["Incident place", c["incident_location"]]])),
        ("Criteria", inner(crit)),
        ("Summary", f"<p class=MsoNormal>{e(r['summary'])}<o:p></o:p></p>"),
        ("Family", inner([["Name", "Relationship", "DOB", "Address", "Ethnicity"]] +
                         [[m["name"], m["relationship"], D(m["date_of_birth"], "us"), m["address"], m["ethnicity"]]
                          for m in r["family"]], head=True)),
        ("Agencies", inner([["Agency", "Contact name", "Contact details", "Still involved"]] +
                           [[a["agency"], a["name"], a["contact"], yn(a["still_involved"])]
                            for a in r["other_agencies"]], head=True)),
        ("Other processes", inner([["Process", "Status"]] + [[p["process"], p["status"]]
                                                             for p in r["other_processes"]], head=True)),
    ]
    body = "".join(f'<tr><td width=140 valign=top style="background:#DEEAF6;border:solid windowtext 1.0pt">'
                   f'<p class=MsoNormal><b>{s}</b><o:p></o:p></p></td><td valign=top style="border:solid windowtext '
                   f'1.0pt;padding:4pt">{t}</td></tr>' for s, t in sections)
    html = (f'<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><style>'
            f'p.MsoNormal{{margin:0cm;font-size:11.0pt;font-family:"Calibri",sans-serif}}</style></head>'
            f'<body lang=EN-GB><div class=WordSection1><p class=MsoNormal>Hello,<o:p></o:p></p>'
            f'<p class=MsoNormal>Our referral is below as our secure system strips attachments.<o:p></o:p></p>'
            f'<p class=MsoNormal><o:p>&nbsp;</o:p></p><table class=MsoNormalTable border=1 cellspacing=0 '
            f'cellpadding=0 width=720 style="border-collapse:collapse">{body}</table>'
            f'<p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Thanks,<o:p></o:p></p>'
            f'<p class=MsoNormal>{e(rf["name"])}<o:p></o:p></p><p class=MsoNormal>{e(rf["role"])} | '
            f'{e(rf["agency"])}<o:p></o:p></p></div></body></html>')
    msg = h.eml(name, frm(r), "Referral - possible rapid review", sent(r), html=html)
    return msg, expected_referral(r), "HTML body (Outlook): section table whose right-hand cells hold nested tables; ☒/☐; US-style written dates"


# ------------------------------------------------------------------ r13: plain text, value on the line below; family as prose

def r13_text_nextline_prose(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=2, nfam=3)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    an = cr["abuse_or_neglect"]
    cw = {"yes": "Yes, current", "no": "No, never", "has_been": "Has been in the past", "not_known": "Not known"}

    def blk(label: str, val: str) -> str:
        return f"{label.upper()}\n    {val}\n"

    fam = r["family"]
    for m in fam:  # written in lower case inside the sentences, so expected as written
        m["relationship"] = m["relationship"].lower()
    first = r["_first"]
    prose = [f"{first} lives with {fam[0]['name']} ({fam[0]['relationship']}, born "
             f"{D(fam[0]['date_of_birth'], 'ordof')}, {fam[0]['ethnicity']}) at the address above."]
    for m in fam[1:]:
        where = "at the same address" if m["address"] == c["home_address"] else f"at {m['address']}"
        prose.append(f"{m['name']} is {first}'s {m['relationship']}; date of birth "
                     f"{D(m['date_of_birth'], 'ordof')}; lives {where}; {m['ethnicity']}.")
    ags = []
    for a in r["other_agencies"]:
        ags.append(f"{a['name']} at {a['agency']} ({a['contact']}), "
                   f"{'still involved' if a['still_involved'] else 'closed the case before the incident'}")
    procs = "; ".join(f"{p['process']} ({p['status']})" for p in r["other_processes"])
    text = (f"Dear Business Unit,\n\nI could not open the Word form on my laptop, so the answers are typed below "
            f"in the same order.\n\n"
            + blk("Name of referrer", rf["name"]) + blk("Role", rf["role"]) + blk("Agency", rf["agency"])
            + blk("Telephone", rf["phone"]) + blk("Email", rf["email"])
            + blk("Date of referral", D(rf["date_submitted"], "ordof"))
            + "\n" + blk("Child's name", c["name"]) + blk("Date of birth", D(c["date_of_birth"], "ordof"))
            + blk("Address", c["home_address"]) + blk("Main carer", c["carer"])
            + blk("Ethnic origin", c["ethnicity"]) + blk("Faith", c["faith"]) + blk("Disability", c["disability"])
            + blk("Child protection plan", cw[c["child_protection_plan"]])
            + blk("Date of incident", D(c["incident_date"], "ordof")) + blk("Place of incident", c["incident_location"])
            + "\n" + blk("Has the child died?", yn(cr["child_died"]))
            + blk("Has the child been seriously harmed?", yn(cr["seriously_harmed"]))
            + blk("Is abuse or neglect known or suspected?", an.capitalize())
            + blk("Any concern about how agencies worked together?", yn(cr["agency_concern"]))
            + "\n" + blk("What happened", r["summary"])
            + "\nFAMILY\n    " + "\n    ".join(prose) + "\n"
            + "\nOTHER AGENCIES\n    " + ".\n    ".join(ags) + ".\n"
            + "\nOTHER PROCESSES\n    " + procs + ".\n"
            + f"\nMany thanks\n{rf['name']}\n")
    msg = h.eml(name, frm(r), "Referral (typed - could not open form)", sent(r), text=text)
    return msg, expected_referral(r), "plain text: upper-case labels with the value indented on the next line; family and agencies as prose"


# ------------------------------------------------------------------ r14: typed reply with an older referral quoted below

def r14_text_reply_quoted_other(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=3, nfam=2, nag=2, nproc=1)
    old = referral(rng, agency_ix=3, nfam=2, nag=1, nproc=1)
    old["referrer"] = r["referrer"]
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    an = cr["abuse_or_neglect"]
    cpw = {"yes": "current", "no": "never", "has_been": "previous", "not_known": "not known"}

    def form(x_: dict[str, Any]) -> list[str]:
        cc, cr_ = x_["child"], x_["criteria"]
        lines = [f"Child - {cc['name']}", f"D.o.B. - {D(cc['date_of_birth'], 'yy')}", f"Address - {cc['home_address']}",
                 f"Carer - {cc['carer']}", f"Ethnicity - {cc['ethnicity']}", f"Faith - {cc['faith']}",
                 f"Disability - {cc['disability']}", f"CP plan - {cpw[cc['child_protection_plan']]}",
                 f"Incident - {D(cc['incident_date'], 'yy')}, {cc['incident_location']}",
                 f"Died - {yn(cr_['child_died'])}", f"Seriously harmed - {yn(cr_['seriously_harmed'])}",
                 f"Abuse/neglect - {cr_['abuse_or_neglect']}", f"Agency concern - {yn(cr_['agency_concern'])}",
                 f"What happened - {x_['summary']}", "Family -"]
        lines += [f"  * {m['name']} - {m['relationship']} - {D(m['date_of_birth'], 'yy')} - {m['address']} - "
                  f"{m['ethnicity']}" for m in x_["family"]]
        lines += ["Agencies -"] + [f"  * {a['agency']} - {a['name']} - {a['contact']} - "
                                   f"{'open' if a['still_involved'] else 'closed'}" for a in x_["other_agencies"]]
        lines += ["Other processes -"] + [f"  * {p['process']} - {p['status']}" for p in x_["other_processes"]]
        return lines

    old_date = dt.date.fromisoformat(old["referrer"]["date_submitted"]) - dt.timedelta(days=40)
    old["child"]["incident_date"] = (old_date - dt.timedelta(days=2)).isoformat()
    top = (["Hi both,", "", "Another one I'm afraid - same format as my last one (below) as you said that worked.",
            "", f"Referrer - {rf['name']}, {rf['role']}, {rf['agency']}", f"Phone - {rf['phone']}",
            f"Date - {D(rf['date_submitted'], 'yy')}", ""] + form(r) +
           ["", "Thanks", rf["name"].split()[0], "", "",
            f"On {D(old_date.isoformat(), 'comma')} at 16:02, {rf['name']} <{rf['email']}> wrote:",
            "> Hi, referral below for the child we discussed on the phone.", ">"] +
           ["> " + ln for ln in form(old)] + [">", "> Thanks", "> " + rf["name"].split()[0]])
    msg = h.eml(name, frm(r), "RE: referral", sent(r), text="\n".join(top) + "\n")
    return msg, expected_referral(r), "plain text reply: 'Label - value' lines; an earlier referral about another child quoted below"


# ------------------------------------------------------------------ r15: forwarded as attachment (.eml) holding a docx

def r15_fwd_eml_docx(name: str) -> tuple[bytes, dict, str]:
    """A GP's referral mailed to the practice manager, who forwards the whole mail as an attachment."""
    rng = random.Random(name)
    r = referral(rng, agency_ix=5)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    d = h.new_doc("Arial", 10)
    d.add_heading("Safeguarding Children – Referral for Rapid Review consideration", level=1)
    t = d.add_table(rows=0, cols=4)
    t.style = "Table Grid"

    def span_row(label: str, val: str) -> None:
        row = t.add_row()
        h.cell_text(row.cells[0], label, bold=True)
        h.shade(row.cells[0], "E7E6E6")
        m = row.cells[1].merge(row.cells[3])
        h.cell_text(m, val)

    def yn_row(label: str, ans: str, opts: tuple[str, str, str] = ("Yes", "No", "Don't know")) -> None:
        row = t.add_row()
        h.cell_text(row.cells[0], label, bold=True)
        h.shade(row.cells[0], "E7E6E6")
        for j, o in enumerate(opts):
            h.cell_text(row.cells[j + 1], f"{o}  {'X' if o == ans else ''}".strip())

    span_row("GP / referrer", rf["name"])
    span_row("Role", rf["role"])
    span_row("Practice", rf["agency"])
    span_row("Direct line", rf["phone"])
    span_row("nhs.net email", rf["email"])
    span_row("Date", D(rf["date_submitted"], "dash"))
    span_row("Patient (child)", c["name"])
    span_row("DOB", D(c["date_of_birth"], "dash"))
    span_row("Address", c["home_address"])
    span_row("Parent/carer", c["carer"])
    span_row("Ethnicity (as coded)", c["ethnicity"])
    span_row("Religion", c["faith"])
    span_row("Disability / long-term condition", c["disability"])
    span_row("Date of event", D(c["incident_date"], "dash"))
    span_row("Where", c["incident_location"])
    yn_row("Child has died", yn(cr["child_died"]))
    yn_row("Child seriously harmed", yn(cr["seriously_harmed"]))
    yn_row("Abuse or neglect", cr["abuse_or_neglect"].capitalize(), ("Known", "Suspected", "Not known"))
    yn_row("Concerns about joint working", yn(cr["agency_concern"]))
    cpo = {"yes": "Current", "has_been": "Past", "no": "Never"}
    row = t.add_row()
    h.cell_text(row.cells[0], "Child protection plan", bold=True)
    h.shade(row.cells[0], "E7E6E6")
    if c["child_protection_plan"] == "not_known":
        r["child"]["child_protection_plan"] = "no"
    for j, (k, lab) in enumerate(cpo.items()):
        h.cell_text(row.cells[j + 1], f"{lab}  {'X' if c['child_protection_plan'] == k else ''}".strip())
    span_row("Summary of concern", r["summary"])
    d.add_paragraph("")
    d.add_paragraph("Household / family").runs[0].bold = True
    h.table(d, [["Name", "Relationship", "DOB", "Address", "Ethnicity"]] +
            [[m["name"], m["relationship"], D(m["date_of_birth"], "dash"), m["address"], m["ethnicity"]]
             for m in r["family"]], bold_cols=(), header=True, fill="E7E6E6")
    d.add_paragraph("")
    d.add_paragraph("Other professionals").runs[0].bold = True
    h.table(d, [["Professional", "Agency", "Contact", "Still involved"]] +
            [[a["name"], a["agency"], a["contact"], yn(a["still_involved"])] for a in r["other_agencies"]],
            bold_cols=(), header=True, fill="E7E6E6")
    d.add_paragraph("")
    d.add_paragraph("Other processes").runs[0].bold = True
    h.table(d, [["Process", "Status"]] + [[p["process"], p["status"]] for p in r["other_processes"]],
            bold_cols=(), header=True, fill="E7E6E6")
    pm = f"{rng.choice(['Janet', 'Colin', 'Meera'])} {rng.choice(['Oldroyd', 'Pascoe', 'Venn'])}"
    pm_email = f"{pm.lower().replace(' ', '.')}@nhs.net"
    inner = h.eml(name + ".inner", frm(r), "Referral - please send to the partnership",
                  sent(r, 8), to=f"{pm} <{pm_email}>",
                  text=f"{pm.split()[0]}, can you send this to the safeguarding partnership please? I am in clinic "
                       f"all day.\n\n{rf['name']}\n", attachments=[att_docx("RR referral form.docx", h.doc_bytes(d))])
    msg = h.eml(name, f"{pm} <{pm_email}>", "FW: Referral - please send to the partnership", sent(r, 13),
                text=f"Good afternoon,\n\nPlease see Dr {rf['name'].split()[-1]}'s referral attached (the original "
                     f"email).\n\nKind regards\n{pm}\nPractice Manager, {rf['agency']}\n",
                rfc822=inner, rfc822_name="Referral - please send to the partnership.eml")
    return msg, expected_referral(r), "forwarded as attachment (message/rfc822) holding a docx: horizontally merged value cells, X in Yes/No/Don't know columns"


# ------------------------------------------------------------------ r16: Word with tracked changes

def r16_docx_tracked_changes(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=0, nfam=3)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    d = h.new_doc("Arial", 10)
    d.add_heading("Referral to the CSPR Sub-group", level=1)
    d.add_paragraph("Changes made by the Named Nurse after the ward's first draft are shown as tracked changes.")
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    auth, when_ = "Ward Sister", f"{rf['date_submitted']}T09:12:00Z"
    wrong_dob = (dt.date.fromisoformat(c["date_of_birth"]) + dt.timedelta(days=31)).isoformat()
    wrong_place = "Emergency Department"

    def row(label: str, val: str | list[tuple[str, str]]) -> None:
        rw = t.add_row()
        h.cell_text(rw.cells[0], label, bold=True)
        if isinstance(val, str):
            h.cell_text(rw.cells[1], val)
        else:
            h.tracked(rw.cells[1].paragraphs[0], val, auth, when_)

    cw = CPP_WORDS["a"]
    row("Referrer", rf["name"])
    row("Designation", rf["role"])
    row("Organisation", rf["agency"])
    row("Contact number", rf["phone"])
    row("Email", rf["email"])
    row("Date of referral", D(rf["date_submitted"], "long"))
    row("Child's name", c["name"])
    row("Date of birth", [("del", D(wrong_dob, "long")), ("ins", D(c["date_of_birth"], "long"))])
    row("Address", c["home_address"])
    row("Parent / carer", c["carer"])
    row("Ethnicity", c["ethnicity"])
    row("Faith", c["faith"])
    row("Disability", c["disability"])
    row("CP plan", cw[c["child_protection_plan"]])
    row("Date of incident", D(c["incident_date"], "long"))
    row("Location of incident", [("del", wrong_place), ("ins", c["incident_location"])])
    sh = cr["seriously_harmed"]
    row("Has the child died?", yn(cr["child_died"]))
    row("Has the child been seriously harmed?", [("del", yn(not sh)), ("ins", yn(sh))])
    row("Abuse or neglect known or suspected?", cr["abuse_or_neglect"].capitalize())
    row("Concerns about agencies working together?", yn(cr["agency_concern"]))
    row("Summary", r["summary"])
    d.add_paragraph("")
    d.add_paragraph("Family").runs[0].bold = True
    h.table(d, [["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]] +
            [[m["name"], m["relationship"], D(m["date_of_birth"], "long"), m["address"], m["ethnicity"]]
             for m in r["family"]], bold_cols=(), header=True)
    d.add_paragraph("")
    d.add_paragraph("Agencies").runs[0].bold = True
    h.table(d, [["Agency", "Name", "Contact", "Still involved?"]] +
            [[a["agency"], a["name"], a["contact"], yn(a["still_involved"])] for a in r["other_agencies"]],
            bold_cols=(), header=True)
    d.add_paragraph("")
    d.add_paragraph("Parallel processes").runs[0].bold = True
    h.table(d, [["Process", "Status"]] + [[p["process"], p["status"]] for p in r["other_processes"]],
            bold_cols=(), header=True)
    msg = h.eml(name, frm(r), "CSPR referral (amended)", sent(r),
                text=f"Apologies - the ward's draft had two errors, which I have corrected (tracked changes left in "
                     f"so you can see).\n\n{rf['name']}\n{rf['role']}\n",
                attachments=[att_docx("referral v2.docx", h.doc_bytes(d))])
    return msg, expected_referral(r), "docx with tracked changes: the DOB, place and 'seriously harmed' answer corrected (w:del + w:ins)"


# ------------------------------------------------------------------ r17: online-form service output (Kent-style link)

def r17_html_webform_table(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=6)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    e = _html_esc
    chosen = [lab for lab, b in [("The child has died", cr["child_died"]),
                                 ("The child has been seriously harmed", cr["seriously_harmed"]),
                                 ("Abuse or neglect is known", cr["abuse_or_neglect"] == "known"),
                                 ("Abuse or neglect is suspected", cr["abuse_or_neglect"] == "suspected"),
                                 ("I am concerned about how agencies worked together", cr["agency_concern"])] if b]
    cw = {"yes": "Yes - currently", "no": "No", "has_been": "Previously", "not_known": "Don't know"}
    fam = "<br>".join(f"{e(m['name'])}, {e(m['relationship'])}, {D(m['date_of_birth'], 'slash')}, "
                      f"{e(m['address'])}, {e(m['ethnicity'])}" for m in r["family"])
    qa = [("Submission reference", f"KF-{rng.randint(100000, 999999)}"),
          ("Submitted", f"{D(rf['date_submitted'], 'slash')} 14:{rng.randint(10, 59)}"),
          ("Your name", rf["name"]), ("Your job title", rf["role"]), ("Your organisation", rf["agency"]),
          ("Your telephone number", rf["phone"]), ("Your email address", rf["email"]),
          ("Child's first name", r["_first"]), ("Child's last name", r["_surname"]),
          ("Child's date of birth", D(c["date_of_birth"], "slash")), ("Child's address", c["home_address"]),
          ("Who has parental responsibility?", c["carer"]), ("Ethnicity", c["ethnicity"]), ("Religion", c["faith"]),
          ("Disability", c["disability"]),
          ("Is the child subject to a child protection plan?", cw[c["child_protection_plan"]]),
          ("Date of the incident", D(c["incident_date"], "slash")), ("Location of the incident", c["incident_location"]),
          ("Which of these apply? (select all that apply)", ", ".join(chosen)),
          ("Describe what happened", r["summary"])]
    rows = "".join(f'<tr><th align="left" style="width:40%;background:#f3f2f1;padding:6px">{e(q)}</th>'
                   f'<td style="padding:6px">{e(a)}</td></tr>' for q, a in qa)
    rows += f'<tr><th align="left" style="background:#f3f2f1;padding:6px">Family members (name, relationship, date of birth, address, ethnicity)</th><td style="padding:6px">{fam}</td></tr>'
    ag = "<br>".join(f"{e(a['agency'])} | {e(a['name'])} | {e(a['contact'])} | "
                     f"{'Still involved' if a['still_involved'] else 'Not involved now'}" for a in r["other_agencies"])
    rows += f'<tr><th align="left" style="background:#f3f2f1;padding:6px">Other agencies (agency | name | contact | involvement)</th><td style="padding:6px">{ag}</td></tr>'
    pr = "<br>".join(f"{e(p['process'])}: {e(p['status'])}" for p in r["other_processes"])
    rows += f'<tr><th align="left" style="background:#f3f2f1;padding:6px">Other processes</th><td style="padding:6px">{pr}</td></tr>'
    html = ('<html><body style="font-family:Arial"><p>A new form has been submitted: <b>Serious incident – notification '
            'to the safeguarding partnership</b>.</p><table border="1" style="border-collapse:collapse;width:100%">'
            f'{rows}</table><p style="color:#505a5f;font-size:12px">This email was sent automatically by the online '
            'forms service. Replies go to the person who submitted the form.</p></body></html>')
    msg = h.eml(name, "Online Forms <no-reply@forms.n-somerset.gov.uk>",
                "Form submission: Serious incident notification", sent(r, 14), html=html,
                headers={"Reply-To": f"{rf['name']} <{rf['email']}>"})
    return msg, expected_referral(r), "HTML body: online-forms service output, question/answer table, 'select all that apply' as a comma list; no-reply sender"


# ------------------------------------------------------------------ r18: HTML document printed to PDF by LibreOffice

def r18_pdf_soffice_html(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=9)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    e = _html_esc
    cw = CPP_WORDS["c"]

    def item(lab: str, val: str) -> str:
        return f'<p style="margin:6pt 0 0 0"><b>{e(lab)}</b></p><p style="margin:0 0 0 18pt">{e(val)}</p>'

    parts = ["<h1>Serious incident: request to consider a review</h1>", "<h2>Part 1 – the person making the request</h2>",
             item("Name", rf["name"]), item("Position", rf["role"]), item("Organisation", rf["agency"]),
             item("Telephone", rf["phone"]), item("Email", rf["email"]),
             item("Date of request", D(rf["date_submitted"], "wday")),
             "<h2>Part 2 – the child</h2>", item("Name", c["name"]),
             item("Date of birth", D(c["date_of_birth"], "wday")), item("Address", c["home_address"]),
             item("Parent or carer", c["carer"]), item("Ethnic background", c["ethnicity"]),
             item("Faith", c["faith"]), item("Disability", c["disability"]),
             item("Child protection", cw[c["child_protection_plan"]]),
             item("Date of the incident", D(c["incident_date"], "wday")),
             item("Where the incident happened", c["incident_location"]),
             "<h2>Part 3 – criteria</h2>",
             item("Has the child died?", "Answer: " + yn(cr["child_died"])),
             item("Has the child been seriously harmed?", "Answer: " + yn(cr["seriously_harmed"])),
             item("Is abuse or neglect known, or suspected?", "Answer: " + cr["abuse_or_neglect"].capitalize()),
             item("Is there a concern about how organisations worked together?", "Answer: " + yn(cr["agency_concern"])),
             "<h2>Part 4 – what happened</h2>", f"<p>{e(r['summary'])}</p>",
             "<h2>Part 5 – family and household</h2><ol>"]
    for m in r["family"]:
        parts.append(f"<li><b>{e(m['name'])}</b><br>Relationship: {e(m['relationship'])}<br>Born: "
                     f"{D(m['date_of_birth'], 'wday')}<br>Address: {e(m['address'])}<br>Ethnicity: "
                     f"{e(m['ethnicity'])}</li>")
    parts.append("</ol><h2>Part 6 – other agencies</h2><ol>")
    for a in r["other_agencies"]:
        parts.append(f"<li><b>{e(a['agency'])}</b><br>Worker: {e(a['name'])}<br>Contact: {e(a['contact'])}<br>"
                     f"Still involved: {yn(a['still_involved'])}</li>")
    parts.append("</ol><h2>Part 7 – other processes</h2><ol>")
    for p in r["other_processes"]:
        parts.append(f"<li>{e(p['process'])} – {e(p['status'])}</li>")
    parts.append("</ol>")
    html = ('<html><head><meta charset="utf-8"><style>body{font-family:"DejaVu Sans";font-size:10pt} '
            'h1{font-size:15pt} h2{font-size:11pt;border-bottom:1px solid #888}</style></head><body>'
            + "".join(parts) + "</body></html>")
    pdf = h.soffice_convert(html.encode("utf-8"), "request", "html", "pdf:writer_web_pdf_Export")
    msg = h.eml(name, frm(r), "Request to consider a review", sent(r),
                text=f"Please find our request attached.\n{rf['name']}\n{rf['agency']}\n",
                attachments=[("request.pdf", pdf, "application", "pdf")])
    return msg, expected_referral(r), "PDF printed by LibreOffice from an HTML page: bold label line, value indented below; people as numbered lists"


# ------------------------------------------------------------------ r19: content controls in paragraphs, repeating sections

W15 = 'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"'


def _wrap_repeating(doc: Any, tables: list[Any], alias: str) -> None:
    """Move each table (and a spacer paragraph) into a w15:repeatingSectionItem of one repeating-section control."""
    body = doc.element.body
    first = tables[0]._tbl
    outer = parse_xml(f'<w:sdt {x.NS} {W15}><w:sdtPr><w:alias w:val="{alias}"/><w:id w:val="{x._nid()}"/>'
                      f'<w15:repeatingSection/></w:sdtPr><w:sdtContent/></w:sdt>')
    body.insert(list(body).index(first), outer)
    content = outer[1]  # w:sdtContent
    for t in tables:
        item = parse_xml(f'<w:sdt {x.NS} {W15}><w:sdtPr><w:id w:val="{x._nid()}"/><w15:repeatingSectionItem/>'
                         f'</w:sdtPr><w:sdtContent/></w:sdt>')
        ic = item[1]
        ic.append(t._tbl)
        ic.append(parse_xml(f'<w:p {x.NS}/>'))
        content.append(item)


def r19_docx_repeating_sections(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=4, nfam=4)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    d = h.new_doc("Segoe UI", 9)
    d.add_heading("Serious Child Safeguarding Case – Referral", level=1)

    def line(label: str, val: str, date: str | None = None) -> None:
        p = d.add_paragraph()
        p.add_run(label + ": ").bold = True
        if date:
            x.sdt_date(p, dt.date.fromisoformat(date), val, label, "dddd, d MMMM yyyy")
        else:
            x.sdt_text(p, val, label)

    h.heading(d, "About you", 2)
    line("Name", rf["name"])
    line("Job title", rf["role"])
    line("Organisation", rf["agency"])
    line("Phone", rf["phone"])
    line("Email", rf["email"])
    line("Date of this referral", D(rf["date_submitted"], "wday"), rf["date_submitted"])
    h.heading(d, "About the child", 2)
    line("Name", c["name"])
    line("Date of birth", D(c["date_of_birth"], "wday"), c["date_of_birth"])
    line("Home address", c["home_address"])
    line("Lives with", c["carer"])
    line("Ethnicity", c["ethnicity"])
    line("Faith", c["faith"])
    line("Disability", c["disability"])
    line("Date of incident", D(c["incident_date"], "wday"), c["incident_date"])
    line("Place of incident", c["incident_location"])
    h.heading(d, "Tick all that apply", 2)
    an = cr["abuse_or_neglect"]
    cpp = c["child_protection_plan"]
    for lab, b in [("The child has died", cr["child_died"]), ("The child has been seriously harmed", cr["seriously_harmed"]),
                   ("Abuse or neglect is known", an == "known"), ("Abuse or neglect is suspected", an == "suspected"),
                   ("I am concerned about how agencies worked together", cr["agency_concern"]),
                   ("The child is subject to a child protection plan now", cpp == "yes"),
                   ("The child has been subject to a child protection plan in the past", cpp == "has_been")]:
        x.sdt_check(d.add_paragraph(), b, lab)
    if cpp == "not_known":
        r["child"]["child_protection_plan"] = "no"  # neither box ticked on a tick-all-that-apply list: read as no
    h.heading(d, "What happened", 2)
    p = d.add_paragraph()
    x.sdt_text(p, r["summary"], "Summary")
    h.heading(d, "Family members (press + to add another)", 2)
    tabs = []
    for m in r["family"]:
        tabs.append(h.table(d, [["Name", m["name"]], ["Relationship", m["relationship"]],
                                ["Date of birth", D(m["date_of_birth"], "slash")], ["Address", m["address"]],
                                ["Ethnicity", m["ethnicity"]]], fill="F2F2F2"))
    _wrap_repeating(d, tabs, "Family member")
    h.heading(d, "Agencies (press + to add another)", 2)
    tabs = []
    for a in r["other_agencies"]:
        tabs.append(h.table(d, [["Agency", a["agency"]], ["Worker", a["name"]], ["Contact", a["contact"]],
                                ["Still involved", yn(a["still_involved"])]], fill="F2F2F2"))
    _wrap_repeating(d, tabs, "Agency")
    h.heading(d, "Other processes (press + to add another)", 2)
    tabs = []
    for pr in r["other_processes"]:
        tabs.append(h.table(d, [["Process", pr["process"]], ["Status", pr["status"]]], fill="F2F2F2"))
    _wrap_repeating(d, tabs, "Process")
    msg = h.eml(name, frm(r), "Referral - serious child safeguarding case", sent(r),
                text=f"Referral attached.\n\n{rf['name']}\n{rf['role']}, {rf['agency']}\n",
                attachments=[att_docx("Referral.docx", h.doc_bytes(d))])
    return msg, expected_referral(r), "docx: 'Label: [control]' paragraphs, ☒/☐ tick-all-that-apply controls, people in repeating-section controls"


# ------------------------------------------------------------------ r20: reportlab, two newspaper columns

def r20_pdf_two_columns(name: str) -> tuple[bytes, dict, str]:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
    rng = random.Random(name)
    r = referral(rng, agency_ix=1)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    an = cr["abuse_or_neglect"]

    def lv(lab: str, val: str) -> list[Any]:
        return [h.P(lab, size=7.5, bold=True, color=h.colors.HexColor("#1F3864")), h.P(val, size=9), h.Spacer(1, 4)]

    def tick(b: bool) -> str:
        return "☑" if b else "☐"

    st: list[Any] = [h.P("Police referral: serious case", size=13, bold=True), h.Spacer(1, 6),
                     h.P("OFFICER", size=10, bold=True)]
    for k, v in [("Name", rf["name"]), ("Rank / role", rf["role"]), ("Force", rf["agency"]), ("Phone", rf["phone"]),
                 ("Email", rf["email"]), ("Date", D(rf["date_submitted"], "short"))]:
        st += lv(k, v)
    st.append(h.P("CHILD", size=10, bold=True))
    cpo = {"yes": "Current", "has_been": "Previous", "no": "None", "not_known": "Unknown"}
    for k, v in [("Name", c["name"]), ("DOB", D(c["date_of_birth"], "short")), ("Address", c["home_address"]),
                 ("Carer", c["carer"]), ("Ethnicity (self-defined)", c["ethnicity"]), ("Faith", c["faith"]),
                 ("Disability", c["disability"]), ("CP plan", cpo[c["child_protection_plan"]]),
                 ("Date of incident", D(c["incident_date"], "short")), ("Location", c["incident_location"])]:
        st += lv(k, v)
    st.append(h.P("CRITERIA", size=10, bold=True))
    for k, b in [("Child died", cr["child_died"]), ("Child seriously harmed", cr["seriously_harmed"]),
                 ("Concern about agencies working together", cr["agency_concern"])]:
        st += lv(k, f"{tick(b)} Yes   {tick(not b)} No")
    st += lv("Abuse or neglect", f"{tick(an == 'known')} Known   {tick(an == 'suspected')} Suspected")
    st.append(h.P("CIRCUMSTANCES", size=10, bold=True))
    st += [h.P(r["summary"], size=9), h.Spacer(1, 6), h.P("LINKED PERSONS", size=10, bold=True)]
    for m in r["family"]:
        st += [h.P(f"{m['name']} — {m['relationship']}", size=9, bold=True),
               h.P(f"DOB {D(m['date_of_birth'], 'short')} · {m['address']} · {m['ethnicity']}", size=8.5),
               h.Spacer(1, 4)]
    st.append(h.P("OTHER AGENCIES", size=10, bold=True))
    for a in r["other_agencies"]:
        st += [h.P(f"{a['agency']}: {a['name']}, {a['contact']} ({'open' if a['still_involved'] else 'closed'})",
                   size=8.5), h.Spacer(1, 3)]
    st.append(h.P("OTHER PROCESSES", size=10, bold=True))
    for p in r["other_processes"]:
        st += [h.P(f"{p['process']}: {p['status']}", size=8.5), h.Spacer(1, 3)]
    b = io.BytesIO()
    W, H = A4
    m = 15 * h.mm
    cw = (W - 2 * m - 8 * h.mm) / 2
    frames = [Frame(m, m, cw, H - 2 * m, id="left"), Frame(m + cw + 8 * h.mm, m, cw, H - 2 * m, id="right")]
    doc = BaseDocTemplate(b, pagesize=A4, title="Referral")
    doc.addPageTemplates([PageTemplate(id="two", frames=frames)])
    doc.build(st)
    msg = h.eml(name, frm(r), "Serious case referral", sent(r, 7),
                text=f"Referral attached.\n\n{rf['name']}\n{rf['role']}\n{rf['agency']}\n",
                attachments=[("referral.pdf", b.getvalue(), "application", "pdf")])
    return msg, expected_referral(r), "PDF drawn by reportlab in two newspaper columns: label line over value, ☑/☐; people as lines"


# ------------------------------------------------------------------ r26: Apple Mail forward of a pasted pipe table

def r26_text_apple_forward(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=8)
    c, rf, cr = r["child"], r["referrer"], r["criteria"]
    cw = CPP_WORDS["b"]
    rows = [("Referrer", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]), ("Phone", rf["phone"]),
            ("Email", rf["email"]), ("Date", D(rf["date_submitted"], "dot")),
            ("Child", c["name"]), ("DOB", D(c["date_of_birth"], "dot")), ("Address", c["home_address"]),
            ("Carer", c["carer"]), ("Ethnicity", c["ethnicity"]), ("Faith", c["faith"]),
            ("Disability", c["disability"]), ("CP plan", cw[c["child_protection_plan"]]),
            ("Incident date", D(c["incident_date"], "dot")), ("Incident place", c["incident_location"]),
            ("Child died?", yn(cr["child_died"])), ("Seriously harmed?", yn(cr["seriously_harmed"])),
            ("Abuse/neglect", cr["abuse_or_neglect"]), ("Concern re agencies?", yn(cr["agency_concern"])),
            ("Summary", r["summary"])]
    wl = max(len(k) for k, _ in rows)
    t = ["| " + "Question".ljust(wl) + " | Answer |", "|" + "-" * (wl + 2) + "|--------|"]
    t += [f"| {k.ljust(wl)} | {v} |" for k, v in rows]
    fam = ["| Name | Relationship | DOB | Address | Ethnicity |", "|---|---|---|---|---|"]
    fam += [f"| {m['name']} | {m['relationship']} | {D(m['date_of_birth'], 'dot')} | {m['address']} | {m['ethnicity']} |"
            for m in r["family"]]
    ag = ["| Agency | Name | Contact | Still involved |", "|---|---|---|---|"]
    ag += [f"| {a['agency']} | {a['name']} | {a['contact']} | {yn(a['still_involved'])} |" for a in r["other_agencies"]]
    pr = ["| Process | Status |", "|---|---|"] + [f"| {p['process']} | {p['status']} |" for p in r["other_processes"]]
    mgr = f"{rng.choice(['Owain', 'Fiona', 'Graham'])} {rng.choice(['Tresize', 'Lockyer', 'Humphreys'])}"
    sent_dt = sent(r, 9)
    orig = (f"Begin forwarded message:\n\nFrom: {rf['name']} <{rf['email']}>\nSubject: referral for the "
            f"partnership\nDate: {sent_dt:%d %B %Y at %H:%M:%S} GMT\nTo: {mgr} <{mgr.lower().replace(' ', '.')}"
            f"@nhs.net>\n\n{mgr.split()[0]} - I've filled in the table from the Teams chat, can you send it on? "
            f"I don't have the partnership's address.\n\n" + "\n".join(t) + "\n\nFamily\n\n" + "\n".join(fam)
            + "\n\nAgencies\n\n" + "\n".join(ag) + "\n\nOther processes\n\n" + "\n".join(pr)
            + f"\n\n{rf['name']}\n{rf['role']}\n")
    text = (f"Hi,\n\nForwarding a referral from one of my health visitors, see below.\n\n{mgr}\nHealth Visiting "
            f"Team Lead\n\nSent from my iPad\n\n" + orig)
    msg = h.eml(name, f"{mgr} <{mgr.lower().replace(' ', '.')}@nhs.net>", "Fwd: referral for the partnership",
                h.when(dt.date.fromisoformat(rf["date_submitted"]), 12, 44), text=text)
    return msg, expected_referral(r), "plain text: Apple Mail 'Begin forwarded message' by a team lead; form as a pasted pipe (Markdown) table"
