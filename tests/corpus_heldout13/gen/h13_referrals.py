"""Referral layouts of held-out set 13 (r01-r20). Each function takes its NAME and returns (eml bytes, expected JSON,
carrier). Content from random.Random(NAME) (h13_data.case)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, Callable

from docx.enum.text import WD_BREAK
from docx.shared import Pt

import h13_data as D
import h13_render as R

F = D.fmt_date
DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def fd(d: dt.date | None, style: str, none: str = "") -> str:
    return F(d, style) if d else none


def frm(c: dict[str, Any]) -> str:
    return f"{c['referrer']['name']} <{c['referrer']['email']}>"


def sent(c: dict[str, Any], h: int = 11, m: int = 4) -> dt.datetime:
    return R.when(c["referrer"]["date_submitted"], h, m)


def sig(c: dict[str, Any], phone: bool = True) -> str:
    r = c["referrer"]
    return f"{r['name']}\n{r['role']}\n{r['agency']}\n" + (f"Tel: {r['phone']}\n" if phone and r["phone"] else "")


CP4 = {"yes": "Yes", "no": "No", "has_been": "Has been", "not_known": "Not known"}


def yn(b: bool | None, y: str = "Yes", n: str = "No", none: str = "") -> str:
    return none if b is None else (y if b else n)


def glyph_opts(opts: list[str], chosen: str | None, on: str = "☒", off: str = "☐", sep: str = "   ") -> str:
    return sep.join(f"{on if o == chosen else off} {o}" for o in opts)


def an_word(c: dict[str, Any]) -> str:
    return "Known" if c["criteria"]["abuse_or_neglect"] == "known" else "Suspected"


def attach(name: str, c: dict[str, Any], subject: str, body: str, fn: str, data: bytes, kind: tuple[str, str],
           **kw: Any) -> bytes:
    return R.eml(name, frm(c), subject, sent(c), text=body, attachments=[(fn, data, *kind)], **kw)


def cover(c: dict[str, Any], what: str = "Please find attached a referral for consideration of a rapid review.") -> str:
    return f"Dear colleagues,\n\n{what}\n\nKind regards\n\n{sig(c)}"


# ------------------------------------------------------------------ r01 ☒/☐ glyphs, header/footer

def r01_docx_glyph_boxes_header_footer(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=4)
    st = "mon"
    doc = R.new_doc("Calibri", 10)
    sec = doc.sections[0]
    sec.header.paragraphs[0].text = "OFFICIAL - SENSITIVE (when complete)\tSafeguarding Practice Review referral"
    R.page_x_of_y(sec.footer.paragraphs[0])
    sec.footer.add_paragraph("Version 4 - issued Mar 2024 - review Mar 2027")
    R.heading(doc, "Notification of a serious child safeguarding incident", 1)
    doc.add_paragraph("Complete all sections. Tick boxes: double-click and choose 'Checked'.")
    R.heading(doc, "Part A: About the child", 2)
    ch = c["child"]
    R.table(doc, [["Child's full name", ch["name"]], ["Date of birth", fd(ch["date_of_birth"], st)],
                  ["Address", ch["home_address"]], ["Main carer", ch["carer"]],
                  ["Date of incident / death", fd(ch["incident_date"], st)], ["Where did it happen?", ch["incident_location"]],
                  ["Religion", ch["faith"] or ""], ["Disability / SEND", ch["disability"] or ""]])
    doc.add_paragraph()
    R.table(doc, [["Ethnicity (tick one)", "\n".join(glyph_opts([e], ch["ethnicity"]) for e in D.ETHNICITIES[:8]),
                   "\n".join(glyph_opts([e], ch["ethnicity"]) for e in D.ETHNICITIES[8:])]])
    doc.add_paragraph()
    R.table(doc, [["Child protection plan", glyph_opts(["Yes", "No", "Has been", "Not known"],
                                                       CP4[ch["child_protection_plan"]])]])
    R.heading(doc, "Part B: Family and household", 2)
    rows = [["Relationship", "Name", "Address", "DOB", "Ethnicity"]]
    for m in c["family"]:
        rows.append([m["relationship"], m["name"], m["address"], fd(m["date_of_birth"], st), m["ethnicity"] or ""])
    R.table(doc, rows, bold_cols=(), header=True)
    R.heading(doc, "Part C: Criteria", 2)
    cr = c["criteria"]
    R.table(doc, [["Has the child died?", glyph_opts(["Yes", "No"], yn(cr["child_died"]))],
                  ["Has the child been seriously harmed?", glyph_opts(["Yes", "No"], yn(cr["seriously_harmed"]))],
                  ["Is abuse or neglect known or suspected?", glyph_opts(["Known", "Suspected"], an_word(c))],
                  ["Are there concerns about how agencies worked together?",
                   glyph_opts(["Yes", "No"], yn(cr["agency_concern"]))]])
    R.heading(doc, "Part D: What happened", 2)
    doc.add_paragraph(c["summary"])
    R.heading(doc, "Part E: Agencies involved", 2)
    rows = [["Worker", "Agency", "Contact", "Still involved?"]]
    for a in c["other_agencies"]:
        rows.append([a["name"], a["agency"], a["contact"], glyph_opts(["Yes", "No"], yn(a["still_involved"]))])
    R.table(doc, rows, bold_cols=(), header=True)
    doc.add_paragraph()
    rows = [["Other process (inquest, CDOP, criminal)", "Status"]] + [[p["process"], p["status"]]
                                                                       for p in c["other_processes"]]
    R.table(doc, rows, bold_cols=(), header=True)
    R.heading(doc, "Part F: Person completing this form", 2)
    r = c["referrer"]
    R.table(doc, [["Name", r["name"]], ["Job title", r["role"]], ["Organisation", r["agency"]],
                  ["Email", r["email"]], ["Telephone", r["phone"]], ["Date completed", fd(r["date_submitted"], st)]])
    msg = attach(name, c, "SPR notification (secure)", cover(c), "SPR notification.docx", R.doc_bytes(doc), DOCX)
    return msg, D.expected_referral(c), "docx ☒/☐ glyphs, header/footer"


# ------------------------------------------------------------------ r02 Y / N columns with X

def r02_docx_yn_x_columns(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=3, n_agencies=4)
    c["child"]["faith"] = None
    st = "slash_nopad"
    doc = R.new_doc("Arial", 10)
    doc.sections[0].header.paragraphs[0].text = "CONFIDENTIAL WHEN COMPLETED"
    fp = doc.sections[0].footer.paragraphs[0]
    R.page_x_of_y(fp)
    fp.add_run("    Owner: Partnership Business Unit   Document dated: May 2023   Review due: August 2024")
    R.heading(doc, "Rapid Review Referral Form", 1)
    R.table(doc, [["For completion by the Business Unit", ""], ["Child's initials", ""], ["Date referral received", ""],
                  ["Date sent to the Chair", ""]], fill="E2EFDA")
    doc.add_paragraph()
    r, ch, cr = c["referrer"], c["child"], c["criteria"]
    R.table(doc, [["Referring practitioner", r["name"], "Designation", r["role"]],
                  ["Organisation", r["agency"], "Date of referral", fd(r["date_submitted"], st)],
                  ["Secure email", r["email"], "Contact number", r["phone"]]], bold_cols=(0, 2))
    doc.add_paragraph()
    R.table(doc, [["Child / young person", ch["name"], "D.O.B.", fd(ch["date_of_birth"], st)],
                  ["Home address", ch["home_address"], "Person with parental responsibility", ch["carer"]],
                  ["Date of incident", fd(ch["incident_date"], st), "Location of incident", ch["incident_location"]],
                  ["Faith", "", "Disability", ch["disability"]]], bold_cols=(0, 2))
    doc.add_paragraph()
    rows = [["Ethnicity", "X"]] + [[e, "X" if e == ch["ethnicity"] else ""] for e in D.ETHNICITIES]
    R.table(doc, rows, bold_cols=(), header=True)
    doc.add_paragraph()
    cpw = {"yes": "Yes", "no": "No", "has_been": "Previously", "not_known": "Unknown"}
    R.table(doc, [["Subject to a CP plan?", "Yes", "No", "Previously", "Unknown"],
                  ["", *("X" if cpw[ch["child_protection_plan"]] == w else "" for w in
                         ["Yes", "No", "Previously", "Unknown"])]], bold_cols=(), header=True)
    R.heading(doc, "Family members and significant adults", 2)
    rows = [["Full name", "Sex", "Date of birth", "Relationship to child", "Parental responsibility (Y/N)",
             "Ethnicity", "Address"]]
    for m in c["family"]:
        male = m["relationship"] in ("Father", "Step-father", "Brother", "Half-brother") or \
            m["name"].split()[0] in D.FIRST_M + D.CHILD_M
        pr = "Y" if m["relationship"] in ("Mother", "Father") else "N"
        rows.append([m["name"], "M" if male else "F", fd(m["date_of_birth"], st), m["relationship"], pr,
                     m["ethnicity"] or "", m["address"]])
    R.table(doc, rows, bold_cols=(), header=True)
    R.heading(doc, "Criteria", 2)
    rows = [["Question", "Y", "N"],
            ["Child has died", *(["X", ""] if cr["child_died"] else ["", "X"])],
            ["Child has been seriously harmed", *(["X", ""] if cr["seriously_harmed"] else ["", "X"])],
            ["Abuse or neglect KNOWN", "X" if cr["abuse_or_neglect"] == "known" else "", ""],
            ["Abuse or neglect SUSPECTED", "X" if cr["abuse_or_neglect"] == "suspected" else "", ""],
            ["Concern about multi-agency working", *(["X", ""] if cr["agency_concern"] else ["", "X"])]]
    R.table(doc, rows, bold_cols=(), header=True)
    R.heading(doc, "Brief summary of incident", 2)
    doc.add_paragraph(c["summary"])
    R.heading(doc, "Agencies known to be involved", 2)
    rows = [["Name", "Agency", "Contact details", "Still involved Y/N"]]
    for a in c["other_agencies"]:
        rows.append([a["name"], a["agency"], a["contact"], yn(a["still_involved"], "Y", "N")])
    R.table(doc, rows, bold_cols=(), header=True)
    R.heading(doc, "Parallel processes", 2)
    R.table(doc, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]], bold_cols=(),
            header=True)
    msg = attach(name, c, "Rapid review referral form", cover(c), "RR referral form.docx", R.doc_bytes(doc), DOCX)
    return msg, D.expected_referral(c), "docx Y/N columns with X"


# ------------------------------------------------------------------ r03 chosen option bold + highlighted

def _hl_opts(cell: Any, opts: list[str], chosen: str | None, sep: str = "    ") -> None:
    p = cell.paragraphs[0]
    for i, o in enumerate(opts):
        if i:
            p.add_run(sep)
        R.hl_run(p, o, o == chosen)


def r03_docx_bold_highlight(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=3)
    st = "ordinal"
    doc = R.new_doc("Arial", 10)
    R.heading(doc, "Request for consideration of a Rapid Review", 1)
    doc.add_paragraph("Please highlight or embolden the answer that applies.")
    r, ch, cr = c["referrer"], c["child"], c["criteria"]
    R.heading(doc, "1. The child", 2)
    t = R.table(doc, [["Name", ch["name"]], ["Date of birth", fd(ch["date_of_birth"], st)],
                      ["Address", ch["home_address"]], ["Carer(s)", ch["carer"]], ["Ethnic origin", ""],
                      ["Faith / belief", ch["faith"]], ["Additional needs or disability", ch["disability"]],
                      ["Child protection plan", ""], ["Date of the incident", fd(ch["incident_date"], st)],
                      ["Place of the incident", ch["incident_location"]]])
    _hl_opts(t.cell(4, 1), D.ETHNICITIES, ch["ethnicity"], sep=" / ")
    cpw = {"yes": "Current plan", "no": "Never", "has_been": "Previous plan", "not_known": "Not known"}
    _hl_opts(t.cell(7, 1), list(cpw.values()), cpw[ch["child_protection_plan"]])
    R.heading(doc, "2. Household and family", 2)
    rows = [["Name", "Relationship", "Date of birth", "Ethnicity", "Address"]]
    for m in c["family"]:
        rows.append([m["name"], m["relationship"], fd(m["date_of_birth"], st), m["ethnicity"] or "", m["address"]])
    R.table(doc, rows, bold_cols=(), header=True)
    R.heading(doc, "3. Does the case meet the criteria?", 2)
    t = R.table(doc, [["Has the child died?", ""], ["Has the child suffered serious harm?", ""],
                      ["Abuse or neglect is", ""], ["Do you have concerns about how agencies worked together?", ""]])
    _hl_opts(t.cell(0, 1), ["Yes", "No"], yn(cr["child_died"]))
    _hl_opts(t.cell(1, 1), ["Yes", "No"], yn(cr["seriously_harmed"]))
    _hl_opts(t.cell(2, 1), ["Known", "Suspected"], an_word(c))
    _hl_opts(t.cell(3, 1), ["Yes", "No"], yn(cr["agency_concern"]))
    R.heading(doc, "4. Summary", 2)
    doc.add_paragraph(c["summary"])
    R.heading(doc, "5. Other agencies", 2)
    t = R.table(doc, [["Name", "Agency", "Contact", "Still involved"]] +
                [[a["name"], a["agency"], a["contact"], ""] for a in c["other_agencies"]], bold_cols=(), header=True)
    for i, a in enumerate(c["other_agencies"], 1):
        _hl_opts(t.cell(i, 3), ["Yes", "No"], yn(a["still_involved"]))
    R.heading(doc, "6. Other processes", 2)
    R.table(doc, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]], bold_cols=(),
            header=True)
    R.heading(doc, "7. Referrer", 2)
    R.table(doc, [["Name", r["name"]], ["Role", r["role"]], ["Agency", r["agency"]], ["Email", r["email"]],
                  ["Phone", r["phone"]], ["Date", fd(r["date_submitted"], st)]])
    msg = attach(name, c, "Rapid Review request", cover(c), "Rapid Review request.docx", R.doc_bytes(doc), DOCX)
    return msg, D.expected_referral(c), "docx answer bold + highlighted"


# ------------------------------------------------------------------ r04 text boxes, delete as appropriate

def r04_docx_textboxes_delete(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=3)
    st = "dot"
    r, ch, cr = c["referrer"], c["child"], c["criteria"]
    doc = R.new_doc("Arial", 10)
    R.heading(doc, "Serious Incident Referral", 1)
    doc.add_paragraph("Referrer details (text boxes expand as you type)")
    p = doc.add_paragraph()
    R.textbox(p, [("Referrer name: " + r["name"], False), ("Job title: " + r["role"], False),
                  ("Agency: " + r["agency"], False), ("Email: " + r["email"], False), ("Tel: " + r["phone"], False),
                  ("Date of referral: " + fd(r["date_submitted"], st), False)], height_pt=110)
    for _ in range(7):
        doc.add_paragraph()
    cpw = {"yes": "Yes", "no": "No", "has_been": "Has been", "not_known": "Not known"}
    R.table(doc, [["Child's name", ch["name"]], ["DOB", fd(ch["date_of_birth"], st)], ["Address", ch["home_address"]],
                  ["Carer", ch["carer"]], ["Ethnicity", ch["ethnicity"]], ["Faith", ch["faith"]],
                  ["Disability", ch["disability"]],
                  ["Child protection plan: Yes / No / Has been / Not known (delete as appropriate)",
                   cpw[ch["child_protection_plan"]]],
                  ["Date of death or serious incident", fd(ch["incident_date"], st)],
                  ["Location", ch["incident_location"]]])
    R.heading(doc, "Family", 2)
    rows = [["Name", "Relationship to child", "DoB", "Address", "Ethnic origin"]]
    for m in c["family"]:
        rows.append([m["name"], m["relationship"], fd(m["date_of_birth"], st), m["address"], m["ethnicity"] or ""])
    R.table(doc, rows, bold_cols=(), header=True)
    R.heading(doc, "Criteria (delete as appropriate)", 2)
    R.table(doc, [["Is the child deceased? Yes / No", yn(cr["child_died"])],
                  ["Is the child seriously harmed? Yes / No", yn(cr["seriously_harmed"])],
                  ["Abuse or neglect: Known / Suspected", an_word(c)],
                  ["Concern about agencies working together? Yes / No", yn(cr["agency_concern"])]])
    R.heading(doc, "Summary of events", 2)
    p = doc.add_paragraph()
    R.textbox(p, [(c["summary"], False)], height_pt=60)
    for _ in range(4):
        doc.add_paragraph()
    R.heading(doc, "Other agencies", 2)
    R.table(doc, [["Name", "Agency", "Contact details", "Still involved? Yes / No"]] +
            [[a["name"], a["agency"], a["contact"], yn(a["still_involved"])] for a in c["other_agencies"]],
            bold_cols=(), header=True)
    R.heading(doc, "Other processes", 2)
    R.table(doc, [["Process", "Current status"]] + [[p["process"], p["status"]] for p in c["other_processes"]],
            bold_cols=(), header=True)
    msg = attach(name, c, "Serious incident referral", cover(c), "SI referral.docx", R.doc_bytes(doc), DOCX)
    return msg, D.expected_referral(c), "docx text boxes, delete as appropriate"


# ------------------------------------------------------------------ r05 nested tables

def _inner(cell: Any, rows: list[list[str]], bold0: bool = True, header: bool = False) -> None:
    t = cell.add_table(rows=len(rows), cols=max(len(x) for x in rows))
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            R.cell_text(t.cell(i, j), v, bold=(bold0 and j == 0 and not header) or (header and i == 0))


def r05_docx_nested_tables(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=4)
    c["child"]["disability"] = None
    st = "long"
    r, ch, cr = c["referrer"], c["child"], c["criteria"]
    doc = R.new_doc("Calibri", 10)
    R.heading(doc, "Safeguarding Practice Review - referral", 1)
    outer = doc.add_table(rows=6, cols=1)
    outer.style = "Table Grid"
    secs = ["Section 1 - referrer", "Section 2 - child", "Section 3 - family composition", "Section 4 - criteria",
            "Section 5 - summary of events", "Section 6 - other agencies and processes"]
    for i, s in enumerate(secs):
        R.cell_text(outer.cell(i, 0), s, bold=True)
    _inner(outer.cell(0, 0), [["Name", r["name"]], ["Role", r["role"]], ["Agency", r["agency"]], ["Email", r["email"]],
                              ["Telephone", r["phone"]], ["Date submitted", fd(r["date_submitted"], st)]])
    cpw = {"yes": "Yes", "no": "No", "has_been": "Has been", "not_known": "Not known"}
    _inner(outer.cell(1, 0), [["Name", ch["name"]], ["Date of birth", fd(ch["date_of_birth"], st)],
                              ["Home address", ch["home_address"]], ["Carer", ch["carer"]],
                              ["Ethnic origin", ch["ethnicity"]], ["Faith", ch["faith"]], ["Disability", ""],
                              ["Child protection plan", cpw[ch["child_protection_plan"]]],
                              ["Date of death or critical incident", fd(ch["incident_date"], st)],
                              ["Location of incident", ch["incident_location"]]])
    _inner(outer.cell(2, 0), [["Name", "Relationship", "DoB", "Address", "Ethnicity"]] +
           [[m["name"], m["relationship"], fd(m["date_of_birth"], st), m["address"], m["ethnicity"] or ""]
            for m in c["family"]], header=True)
    _inner(outer.cell(3, 0), [["Is the child deceased?", yn(cr["child_died"])],
                              ["Is the child seriously harmed?", yn(cr["seriously_harmed"])],
                              ["Abuse or neglect known or suspected?", an_word(c)],
                              ["Concern about agencies working together?", yn(cr["agency_concern"])]])
    outer.cell(4, 0).add_paragraph(c["summary"])
    _inner(outer.cell(5, 0), [["Name", "Agency", "Contact details", "Still involved?"]] +
           [[a["name"], a["agency"], a["contact"], yn(a["still_involved"])] for a in c["other_agencies"]], header=True)
    outer.cell(5, 0).add_paragraph("Other processes")
    _inner(outer.cell(5, 0), [["Process", "Current status"]] + [[p["process"], p["status"]]
                                                                 for p in c["other_processes"]], header=True)
    msg = attach(name, c, "SPR referral", cover(c), "SPR referral form.docx", R.doc_bytes(doc), DOCX)
    return msg, D.expected_referral(c), "docx nested tables"


# ------------------------------------------------------------------ r06 referrer block in the page header

def r06_docx_referrer_in_header(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=3, n_proc=1)
    st = "dash"
    r, ch, cr = c["referrer"], c["child"], c["criteria"]
    doc = R.new_doc("Arial", 9)
    hdr = doc.sections[0].header
    hdr.paragraphs[0].text = "CHILD SAFEGUARDING PRACTICE REVIEW - REFERRAL          Form CSPR1 v2.1 (Jan 2024)"
    ht = hdr.add_table(rows=3, cols=4, width=doc.sections[0].page_width - doc.sections[0].left_margin * 2)
    ht.style = "Table Grid"
    for i, (a, b, cc, d) in enumerate([("Referrer", r["name"], "Date of referral", fd(r["date_submitted"], st)),
                                       ("Job title", r["role"], "Agency", r["agency"]),
                                       ("E-mail", r["email"], "Tel", r["phone"])]):
        R.cell_text(ht.cell(i, 0), a, bold=True)
        R.cell_text(ht.cell(i, 1), b)
        R.cell_text(ht.cell(i, 2), cc, bold=True)
        R.cell_text(ht.cell(i, 3), d)
    R.page_x_of_y(doc.sections[0].footer.paragraphs[0])
    R.heading(doc, "The child", 2)
    cpw = {"yes": "Yes - current", "no": "No", "has_been": "Previously", "not_known": "Don't know"}
    R.table(doc, [["Name", ch["name"], "Born", fd(ch["date_of_birth"], st)],
                  ["Lives at", ch["home_address"], "Cared for by", ch["carer"]],
                  ["Ethnicity", ch["ethnicity"], "Religion", ch["faith"]],
                  ["Disability", ch["disability"], "CP plan", cpw[ch["child_protection_plan"]]],
                  ["Incident date", fd(ch["incident_date"], st), "Incident location", ch["incident_location"]]],
            bold_cols=(0, 2))
    R.heading(doc, "Family / significant others", 2)
    R.table(doc, [["Relationship", "Name", "DOB", "Ethnicity", "Address"]] +
            [[m["relationship"], m["name"], fd(m["date_of_birth"], st), m["ethnicity"] or "", m["address"]]
             for m in c["family"]], bold_cols=(), header=True)
    R.heading(doc, "Criteria", 2)
    R.table(doc, [["Child died", yn(cr["child_died"])], ["Child seriously harmed", yn(cr["seriously_harmed"])],
                  ["Abuse / neglect", an_word(c)], ["Agencies working together a concern", yn(cr["agency_concern"])]])
    R.heading(doc, "What happened", 2)
    doc.add_paragraph(c["summary"])
    R.heading(doc, "Who else is involved", 2)
    R.table(doc, [["Practitioner", "Agency", "How to contact", "Still involved"]] +
            [[a["name"], a["agency"], a["contact"], yn(a["still_involved"])] for a in c["other_agencies"]],
            bold_cols=(), header=True)
    R.heading(doc, "Other processes", 2)
    R.table(doc, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]], bold_cols=(),
            header=True)
    msg = attach(name, c, "CSPR1 referral", cover(c), "CSPR1.docx", R.doc_bytes(doc), DOCX)
    return msg, D.expected_referral(c), "docx referrer block in the page header"


# ------------------------------------------------------------------ r07 multi-page PDF, family split

def _std_doc(c: dict[str, Any], st: str, title: str, head: str, foot_extra: str = "", big_family: bool = False) -> Any:
    r, ch, cr = c["referrer"], c["child"], c["criteria"]
    doc = R.new_doc("Arial", 10)
    sec = doc.sections[0]
    sec.header.paragraphs[0].text = head
    fp = sec.footer.paragraphs[0]
    if foot_extra:
        fp.add_run(foot_extra + "    ")
    R.page_x_of_y(fp)
    R.heading(doc, title, 1)
    R.heading(doc, "1. Referrer", 2)
    R.table(doc, [["Name", r["name"]], ["Role", r["role"]], ["Agency", r["agency"]], ["Email", r["email"]],
                  ["Tel", r["phone"] or ""], ["Date submitted", fd(r["date_submitted"], st)]])
    R.heading(doc, "2. Child", 2)
    R.table(doc, [["Name of child", ch["name"]], ["Date of birth", fd(ch["date_of_birth"], st)],
                  ["Home address", ch["home_address"]], ["Carer", ch["carer"] or ""],
                  ["Date of death or critical incident", fd(ch["incident_date"], st)],
                  ["Location of incident", ch["incident_location"] or ""], ["Ethnic origin", ch["ethnicity"] or ""],
                  ["Faith", ch["faith"] or ""], ["Disability", ch["disability"] or ""],
                  ["Child protection plan", CP4[ch["child_protection_plan"]]]])
    R.heading(doc, "3. Composition of family and significant others", 2)
    R.table(doc, [["Name", "Relationship to child", "DoB", "Address", "Ethnic origin"]] +
            [[m["name"], m["relationship"], fd(m["date_of_birth"], st), m["address"], m["ethnicity"] or ""]
             for m in c["family"]], bold_cols=(), header=True)
    return doc


def r07_pdf_multipage_family_split(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=8, n_agencies=4)
    st = "dot"
    cr = c["criteria"]
    c["summary"] = (c["summary"] + " " + "Chronology to follow from each agency. ") .strip()
    doc = _std_doc(c, st, "Request for a Child Safeguarding Practice Review", "OFFICIAL - SENSITIVE",
                   "RR1 template (2023)")
    # push the family table across a page break: the summary of context paragraphs comes first on page 1
    R.heading(doc, "4. Rapid Review criteria", 2)
    R.table(doc, [["Criterion", "Answer"], ["Is the child deceased?", yn(cr["child_died"])],
                  ["Is the child seriously harmed?", yn(cr["seriously_harmed"])],
                  ["Abuse or neglect known or suspected?", an_word(c)],
                  ["Cause for concern about agencies working together?", yn(cr["agency_concern"])]], bold_cols=(),
            header=True)
    R.heading(doc, "5. Summary of events", 2)
    doc.add_paragraph(c["summary"])
    R.heading(doc, "6. Other information", 2)
    R.table(doc, [["Name", "Agency", "Contact details", "Are they still involved?"]] +
            [[a["name"], a["agency"], a["contact"], yn(a["still_involved"])] for a in c["other_agencies"]],
            bold_cols=(), header=True)
    doc.add_paragraph()
    R.table(doc, [["Process", "Current status"]] + [[p["process"], p["status"]] for p in c["other_processes"]],
            bold_cols=(), header=True)
    # make rows tall so the family table breaks over pages 1-2
    for t in doc.tables[2:3]:
        for row in t.rows[1:]:
            row.height = Pt(62)
    pdf = R.soffice_pdf(R.doc_bytes(doc), "cspr_referral")
    msg = attach(name, c, "CSPR referral", cover(c), "CSPR referral.pdf", pdf, ("application", "pdf"))
    return msg, D.expected_referral(c), "PDF (LibreOffice) multi-page, family table split"


# ------------------------------------------------------------------ r08 PDF, Y/N letters, bullet lists

def r08_pdf_yn_letters_bullet_agencies(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=3, n_agencies=3)
    st = "mon_dash"
    r, ch, cr = c["referrer"], c["child"], c["criteria"]
    doc = R.new_doc("Verdana", 9)
    doc.sections[0].footer.paragraphs[0].text = "Partnership business unit - secure email only"
    R.heading(doc, "Notification of Serious Incident to the Safeguarding Partnership", 1)
    cpw = {"yes": "Y", "no": "N", "has_been": "Previously", "not_known": "Unknown"}
    R.table(doc, [["Child", ch["name"]], ["DOB", fd(ch["date_of_birth"], st)], ["Address", ch["home_address"]],
                  ["Carer", ch["carer"]], ["Ethnicity", ch["ethnicity"]], ["Faith", ch["faith"]],
                  ["Disability", ch["disability"]], ["On a child protection plan (Y/N/Previously/Unknown)",
                                                     cpw[ch["child_protection_plan"]]],
                  ["Date of incident", fd(ch["incident_date"], st)], ["Location", ch["incident_location"]]])
    doc.add_paragraph()
    R.table(doc, [["Criteria", "Y/N"], ["Child died", yn(cr["child_died"], "Y", "N")],
                  ["Child seriously harmed", yn(cr["seriously_harmed"], "Y", "N")],
                  ["Abuse/neglect known (K) or suspected (S)", "K" if cr["abuse_or_neglect"] == "known" else "S"],
                  ["Concerns re agencies working together", yn(cr["agency_concern"], "Y", "N")]], bold_cols=(),
            header=True)
    doc.add_paragraph("Family members:", style="Heading 3")
    for m in c["family"]:
        doc.add_paragraph(f"{m['relationship']}: {m['name']}, DOB {fd(m['date_of_birth'], st, 'unknown')}, "
                          f"{m['address']}, {m['ethnicity'] or 'ethnicity not recorded'}", style="List Bullet")
    doc.add_paragraph("Summary:", style="Heading 3")
    doc.add_paragraph(c["summary"])
    doc.add_paragraph("Agencies involved:", style="Heading 3")
    for a in c["other_agencies"]:
        doc.add_paragraph(f"{a['name']} ({a['agency']}) - {a['contact']} - still involved: "
                          f"{yn(a['still_involved'], 'Y', 'N')}", style="List Bullet")
    doc.add_paragraph("Other processes:", style="Heading 3")
    for p in c["other_processes"]:
        doc.add_paragraph(f"{p['process']}: {p['status']}", style="List Bullet")
    doc.add_paragraph("Notifier:", style="Heading 3")
    doc.add_paragraph(f"{r['name']}, {r['role']}, {r['agency']}")
    doc.add_paragraph(f"{r['email']} / {r['phone']}")
    doc.add_paragraph(f"Date: {fd(r['date_submitted'], st)}")
    pdf = R.soffice_pdf(R.doc_bytes(doc), "notification")
    msg = attach(name, c, "Notification - serious incident", cover(c), "Notification.pdf", pdf, ("application", "pdf"))
    return msg, D.expected_referral(c), "PDF (LibreOffice) Y/N letters, bulleted family and agencies"


# ------------------------------------------------------------------ r09 Outlook MsoNormal paragraphs

def _box(on: bool) -> str:
    return f'<span style=\'font-family:"MS Gothic"\'>{"☒" if on else "☐"}</span>'


def r09_html_outlook_msonormal(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=3)
    c["referrer"]["phone"] = None
    st = "long"
    r, ch, cr = c["referrer"], c["child"], c["criteria"]
    P = R.mso_p
    E = R.esc
    h = [P("Hi all,"), P("&nbsp;"), P("I couldn&#8217;t open the Word template on my laptop so I have pasted it below."),
         P("&nbsp;")]

    def lv(label: str, val: str) -> str:
        return P(f"<b><span style='color:#1F3864'>{E(label)}:</span></b><span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp; </span>{E(val)}")
    h += [P("<b><u>REFERRER</u></b>"), lv("Name", r["name"]), lv("Role", r["role"]), lv("Agency", r["agency"]),
          lv("Email", r["email"]), lv("Date submitted", fd(r["date_submitted"], st)), P("&nbsp;"),
          P("<b><u>CHILD</u></b>"), lv("Name of child", ch["name"]), lv("Date of birth", fd(ch["date_of_birth"], st)),
          lv("Home address", ch["home_address"]), lv("Carer", ch["carer"]),
          lv("Date of critical incident", fd(ch["incident_date"], st)), lv("Location of incident", ch["incident_location"]),
          P("<b>Ethnic origin:</b>")]
    for e in D.ETHNICITIES:
        h.append(P(f"{_box(e == ch['ethnicity'])} {E(e)}"))
    h += [lv("Faith", ch["faith"]), lv("Disability", ch["disability"]),
          P("<b>Child protection plan:</b> " + " &nbsp;".join(f"{_box(CP4[ch['child_protection_plan']] == w)} {w}"
                                                             for w in CP4.values())), P("&nbsp;"),
          P("<b><u>FAMILY AND SIGNIFICANT OTHERS</u></b>")]
    for m in c["family"]:
        h += [lv("Name", m["name"]), lv("Relationship to child", m["relationship"]),
              lv("DoB", fd(m["date_of_birth"], st, "not known")), lv("Address", m["address"]),
              lv("Ethnic origin", m["ethnicity"] or "not known"), P("&nbsp;")]
    yn2 = lambda b: f"{_box(bool(b))} Yes &nbsp;{_box(not b)} No"  # noqa: E731
    h += [P("<b><u>CRITERIA</u></b>"), P(f"Is the child deceased? &nbsp;{yn2(cr['child_died'])}"),
          P(f"Is the child seriously harmed? &nbsp;{yn2(cr['seriously_harmed'])}"),
          P(f"Abuse or neglect: &nbsp;{_box(cr['abuse_or_neglect'] == 'known')} Known &nbsp;"
            f"{_box(cr['abuse_or_neglect'] == 'suspected')} Suspected"),
          P(f"Cause for concern about agencies working together? &nbsp;{yn2(cr['agency_concern'])}"), P("&nbsp;"),
          P("<b><u>SUMMARY OF EVENTS</u></b>"), P(E(c["summary"])), P("&nbsp;"), P("<b><u>OTHER AGENCIES</u></b>")]
    for a in c["other_agencies"]:
        h.append(P(f"{E(a['name'])} &#8211; {E(a['agency'])} &#8211; {E(a['contact'])} &#8211; still involved: "
                   f"{yn2(a['still_involved'])}"))
    h += [P("&nbsp;"), P("<b><u>OTHER PROCESSES</u></b>")]
    for p in c["other_processes"]:
        h.append(P(f"{E(p['process'])} &#8211; {E(p['status'])}"))
    h += [P("&nbsp;"), P("Many thanks,"), P(E(r["name"])), P(f"<span style='color:gray'>{E(r['role'])} | {E(r['agency'])}</span>")]
    html = R.OUTLOOK_HEAD + "".join(h) + R.OUTLOOK_TAIL
    msg = R.eml(name, frm(c), "CSPR referral (pasted)", sent(c), html=html)
    return msg, D.expected_referral(c), "HTML Outlook MsoNormal paragraphs, ☒ in MS Gothic spans"


# ------------------------------------------------------------------ r10 Outlook table paste, X columns

def r10_html_outlook_table_x(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=3)
    st = "dash"
    r, ch, cr = c["referrer"], c["child"], c["criteria"]
    E = R.esc
    td = "<td style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'><p class=MsoNormal>{}<o:p></o:p></p></td>"

    def tbl(rows: list[list[str]]) -> str:
        return ("<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>" +
                "".join("<tr>" + "".join(td.format(E(v) if v else "&nbsp;") for v in row) + "</tr>" for row in rows)
                + "</table><p class=MsoNormal><o:p>&nbsp;</o:p></p>")
    cpx = ["X" if ch["child_protection_plan"] == k else "" for k in ("yes", "no", "has_been", "not_known")]
    parts = [R.mso_p("Please see referral below, sent on behalf of my team."), R.mso_p("&nbsp;"),
             tbl([["Referrer", r["name"], "Email", r["email"]], ["Role", r["role"], "Tel", r["phone"]],
                  ["Agency", r["agency"], "Date submitted", fd(r["date_submitted"], st)]]),
             tbl([["Name of child", ch["name"], "Date of birth", fd(ch["date_of_birth"], st)],
                  ["Home address", ch["home_address"], "Date of death or critical incident", fd(ch["incident_date"], st)],
                  ["Carer", ch["carer"], "Location of incident", ch["incident_location"]],
                  ["Faith", ch["faith"], "Disability", ch["disability"]], ["Ethnic origin", ch["ethnicity"], "", ""]]),
             tbl([["Child protection plan", "Yes", "No", "Has been", "Not known"], ["", *cpx]]),
             tbl([["Name", "Relationship to child", "DoB", "Address", "Ethnic origin"]] +
                 [[m["name"], m["relationship"], fd(m["date_of_birth"], st), m["address"], m["ethnicity"] or ""]
                  for m in c["family"]]),
             tbl([["Criterion", "Yes", "No"],
                  ["Is the child deceased?", *(["X", ""] if cr["child_died"] else ["", "X"])],
                  ["Is the child seriously harmed?", *(["X", ""] if cr["seriously_harmed"] else ["", "X"])],
                  ["Is abuse or neglect known?", *(["X", ""] if cr["abuse_or_neglect"] == "known" else ["", "X"])],
                  ["Is abuse or neglect suspected?", *(["X", ""] if cr["abuse_or_neglect"] == "suspected" else ["", "X"])],
                  ["Concern about agencies working together?", *(["X", ""] if cr["agency_concern"] else ["", "X"])]]),
             R.mso_p("<b>Summary of events</b>"), R.mso_p(E(c["summary"])), R.mso_p("&nbsp;"),
             tbl([["Name", "Agency", "Contact details", "Still involved?"]] +
                 [[a["name"], a["agency"], a["contact"], yn(a["still_involved"])] for a in c["other_agencies"]]),
             tbl([["Process", "Current status"]] + [[p["process"], p["status"]] for p in c["other_processes"]]),
             R.mso_p("Regards"), R.mso_p(E(r["name"]))]
    html = R.OUTLOOK_HEAD + "".join(parts) + R.OUTLOOK_TAIL
    # Outlook's own text/plain: each cell on its own line, tables flattened
    lines = ["Please see referral below, sent on behalf of my team.", ""]
    import re as _re
    for t in _re.findall(r"<table.*?</table>", html, flags=_re.S):
        for row in _re.findall(r"<tr>(.*?)</tr>", t, flags=_re.S):
            for cell in _re.findall(r"<p class=MsoNormal>(.*?)<o:p>", row):
                lines.append(__import__("html").unescape(cell).replace("\xa0", " "))
        lines.append("")
    lines += ["Summary of events", c["summary"], "", "Regards", r["name"]]
    msg = R.eml(name, frm(c), "Referral for CSPR consideration", sent(c), text="\n".join(lines), html=html)
    return msg, D.expected_referral(c), "HTML Outlook table paste, X columns; text part flattened cell by cell"


# ------------------------------------------------------------------ r11 a Word form pasted into a plain-text mail

def r11_text_tab_separated(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=4, n_agencies=3)
    c["child"]["disability"] = None
    st = "short_slash"
    r, ch, cr = c["referrer"], c["child"], c["criteria"]
    L = ["Please see the form below (copied out of the Word template). Our ref: LCS 44719" + str(rng.randrange(10, 99)),
         "",
         "1. Referrer", f"Name:\t{r['name']}\tEmail:\t{r['email']}", f"Role:\t{r['role']}\tTel:\t{r['phone']}",
         f"Agency:\t{r['agency']}\tDate submitted:\t{fd(r['date_submitted'], st)}", "",
         "2. Details of child or young person",
         f"Name of child:\t{ch['name']}\tDate of birth:\t{fd(ch['date_of_birth'], st)}",
         f"Home address:\t{ch['home_address']}\tDate of death or critical incident:\t{fd(ch['incident_date'], st)}",
         f"Carer:\t{ch['carer']}\tLocation of incident:\t{ch['incident_location']}",
         f"Ethnic origin:\t{ch['ethnicity']}", f"Faith:\t{ch['faith']}\tDisability:\t",
         "Child protection plan:\t" + "\t".join(f"[{'X' if CP4[ch['child_protection_plan']] == w else ' '}] {w}"
                                                for w in CP4.values()), "",
         "3. Composition of family and significant others",
         "Name\tRelationship to child\tDoB\tAddress\tEthnic origin"]
    for m in c["family"]:
        L.append(f"{m['name']}\t{m['relationship']}\t{fd(m['date_of_birth'], st)}\t{m['address']}\t{m['ethnicity'] or ''}")
    b = lambda v: f"[{'X' if v else ' '}]\t[{' ' if v else 'X'}]"  # noqa: E731
    L += ["", "4. Rapid Review criteria", "Criterion\tYes\tNo", f"Is the child deceased?\t{b(cr['child_died'])}",
          f"Is the child seriously harmed?\t{b(cr['seriously_harmed'])}",
          f"Is abuse or neglect known or suspected?\t[{'X' if cr['abuse_or_neglect'] == 'known' else ' '}] Known\t"
          f"[{'X' if cr['abuse_or_neglect'] == 'suspected' else ' '}] Suspected",
          f"Cause for concern about agencies working together?\t{b(cr['agency_concern'])}", "",
          "5. Summary of events", c["summary"], "", "6. Other information",
          "Name\tAgency\tContact details\tAre they still involved?"]
    for a in c["other_agencies"]:
        L.append(f"{a['name']}\t{a['agency']}\t{a['contact']}\t{yn(a['still_involved'])}")
    L += ["", "Process\tCurrent status"] + [f"{p['process']}\t{p['status']}" for p in c["other_processes"]]
    L += ["", "Thanks", r["name"]]
    msg = R.eml(name, frm(c), "Referral - please see below", sent(c), text="\n".join(L) + "\n")
    return msg, D.expected_referral(c), "text, Word tables pasted as tab-separated lines"


# ------------------------------------------------------------------ narratives

def _narr_expected(c: dict[str, Any], date_submitted: Any = None) -> dict[str, Any]:
    c = dict(c)
    c["referrer"] = dict(c["referrer"], date_submitted=date_submitted)
    c["child"] = dict(c["child"], ethnicity=None, faith=None, disability=None, child_protection_plan=None)
    c["family"], c["other_agencies"], c["other_processes"], c["summary"] = [], [], [], None
    return D.expected_referral(c)


def r12_narr_police_text(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, band="baby")
    c["referrer"].update(D.pro(rng, 1))
    c["referrer"].pop("idx")
    ch, cr = c["child"], c["criteria"]
    partner = D.pro(rng)["name"].split()[0] + " " + rng.choice(D.SURNAMES)
    pdob = ch["date_of_birth"] - dt.timedelta(days=9000)
    c["child"]["incident_location"] = "the family home"
    c["criteria"]["child_died"], c["criteria"]["seriously_harmed"] = False, True
    c["criteria"]["abuse_or_neglect"], c["criteria"]["agency_concern"] = "suspected", True
    body = (f"Good afternoon,\n\nI am the officer in the case for an incident on {F(ch['incident_date'], 'weekday')} "
            f"and have been asked by my DI to let the partnership know.\n\n"
            f"{ch['name']} (DOB {F(ch['date_of_birth'], 'slash')}) of {ch['home_address']} was brought to A&E by "
            f"ambulance with a head injury which the paediatricians believe was inflicted. The baby lives with the mother "
            f"{ch['carer']}, who is the main carer, and her partner {partner} (DOB {F(pdob, 'slash')}), who was "
            f"arrested the same evening and is on bail. The injury happened at the family home.\n\n"
            f"Health visiting had raised concerns in the summer about the partner living at the address and I am not "
            f"sure this was picked up by everyone, so I think the way agencies shared information needs looking at.\n\n"
            f"The child is in hospital and is expected to survive but the injuries are serious.\n\n"
            f"Regards\n\n{sig(c)}\n")
    msg = R.eml(name, frm(c), "Serious incident - for the partnership", sent(c, 15, 40), text=body)
    return msg, _narr_expected(c), "narrative (police officer, text)"


def r13_narr_docx_letter(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, band="teen")
    c["referrer"].update(D.pro(rng, 0))
    c["referrer"].pop("idx")
    r, ch = c["referrer"], c["child"]
    summ, place, _, _, an = D.INCIDENTS["teen"][rng.randrange(2)]
    c["summary"] = f"{ch['name'].split()[0]}: {summ}."
    c["child"]["incident_location"] = place
    c["criteria"].update(child_died=False, seriously_harmed=True, abuse_or_neglect=an, agency_concern=True)
    died = False
    doc = R.new_doc("Arial", 11)
    doc.sections[0].header.paragraphs[0].text = "North Somerset Council - Children's Services\tTown Hall, Weston-super-Mare"
    doc.add_paragraph(F(r["date_submitted"], "long"))
    doc.add_paragraph("To: The Partnership Manager, North Somerset Safeguarding Children Partnership")
    p = doc.add_paragraph()
    p.add_run(f"Re: {ch['name']}, born {F(ch['date_of_birth'], 'long')}, of {ch['home_address']}").bold = True
    doc.add_paragraph("Dear Partnership Manager,")
    what = "died" if died else "was seriously harmed"
    doc.add_paragraph(
        f"I am writing to refer {ch['name'].split()[0]} for consideration of a rapid review. On "
        f"{F(ch['incident_date'], 'long')} {ch['name'].split()[0]} {what}: {c['summary'].split(': ', 1)[1]} "
        f"The incident happened at {ch['incident_location']}. {ch['name'].split()[0]} lives with {ch['carer']}.")
    doc.add_paragraph(
        f"Abuse or neglect is {c['criteria']['abuse_or_neglect']}. I am concerned that agencies did not work together: "
        "missing episodes were recorded by three services and never brought to one meeting.")
    doc.add_paragraph("Yours sincerely,")
    doc.add_paragraph(r["name"])
    doc.add_paragraph(f"{r['role']}, {r['agency']}")
    doc.add_paragraph(f"{r['email']}   {r['phone']}")
    body = f"Please find my referral letter attached.\n\n{r['name']}\n"
    msg = attach(name, c, "Referral letter", body, "letter.docx", R.doc_bytes(doc), DOCX)
    return msg, _narr_expected(c, c["referrer"]["date_submitted"]), "narrative letter (social worker, docx)"


# ------------------------------------------------------------------ r14 a PDF form inside an attached .eml (forwarded)

def r14_pdf_in_attached_eml(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=3)
    st = "weekday_short"
    doc = _std_doc(c, st, "Referral for a Rapid Review", "OFFICIAL-SENSITIVE")
    cr = c["criteria"]
    R.heading(doc, "4. Criteria", 2)
    R.table(doc, [["Child died?", yn(cr["child_died"])], ["Seriously harmed?", yn(cr["seriously_harmed"])],
                  ["Abuse or neglect", an_word(c)], ["Agency concern?", yn(cr["agency_concern"])]])
    R.heading(doc, "5. Summary", 2)
    doc.add_paragraph(c["summary"])
    R.heading(doc, "6. Other agencies", 2)
    R.table(doc, [["Name", "Agency", "Contact", "Still involved?"]] +
            [[a["name"], a["agency"], a["contact"], yn(a["still_involved"])] for a in c["other_agencies"]],
            bold_cols=(), header=True)
    R.heading(doc, "7. Other processes", 2)
    R.table(doc, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]], bold_cols=(),
            header=True)
    pdf = R.soffice_pdf(R.doc_bytes(doc), "referral")
    inner = attach(name + "i", c, "Referral", cover(c), "Referral.pdf", pdf, ("application", "pdf"),
                   to="Safeguarding Team <safeguarding.team@" + c["referrer"]["email"].split("@")[1] + ">")
    mgr = D.pro(rng)
    body = (f"Forwarding as an attachment - this came to our team inbox and should have gone to you.\n\n"
            f"{mgr['name']}\n{mgr['role']}\n{mgr['agency']}\n{mgr['phone']}\n")
    msg = R.eml(name, f"{mgr['name']} <{mgr['email']}>", "FW: Referral", sent(c, 16, 2), text=body, rfc822=inner,
                rfc822_name="Referral.eml")
    return msg, D.expected_referral(c), "PDF inside an attached .eml (forwarded as attachment)"


# ------------------------------------------------------------------ r15 a referral as a workbook

def r15_xlsx_referral(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=4, n_agencies=3)
    r, ch, cr = c["referrer"], c["child"], c["criteria"]
    dtm = lambda d: dt.datetime(d.year, d.month, d.day) if d else None  # noqa: E731
    s1 = [["CSPR referral", None], ["Referrer name", r["name"]], ["Role", r["role"]], ["Agency", r["agency"]],
          ["Email", r["email"]], ["Telephone", r["phone"]], ["Date submitted", dtm(r["date_submitted"])], [None, None],
          ["Child's name", ch["name"]], ["Date of birth", dtm(ch["date_of_birth"])], ["Home address", ch["home_address"]],
          ["Carer", ch["carer"]], ["Incident date", dtm(ch["incident_date"])], ["Incident location", ch["incident_location"]],
          ["Ethnicity", ch["ethnicity"]], ["Faith", ch["faith"]], ["Disability", ch["disability"]],
          ["CP plan (Yes/No/Has been/Not known)", CP4[ch["child_protection_plan"]]], [None, None],
          ["Child died (Y/N)", yn(cr["child_died"], "Y", "N")], ["Seriously harmed (Y/N)", yn(cr["seriously_harmed"], "Y", "N")],
          ["Abuse/neglect (Known/Suspected)", an_word(c)], ["Agency concern (Y/N)", yn(cr["agency_concern"], "Y", "N")],
          [None, None], ["Summary", c["summary"]]]
    s2 = [["Name", "Relationship", "DOB", "Address", "Ethnicity"]] + \
        [[m["name"], m["relationship"], dtm(m["date_of_birth"]), m["address"], m["ethnicity"]] for m in c["family"]]
    s3 = [["Name", "Agency", "Contact", "Still involved"]] + \
        [[a["name"], a["agency"], a["contact"], yn(a["still_involved"], "Y", "N")] for a in c["other_agencies"]] + \
        [[None], ["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]]
    data = R.xlsx_bytes([("Referral", s1), ("Family", s2), ("Agencies", s3)],
                        widths={"A": 30, "B": 40, "C": 18, "D": 40, "E": 22})
    msg = attach(name, c, "CSPR referral (spreadsheet)", cover(c, "Our template is a spreadsheet - three tabs."),
                 "CSPR referral.xlsx", data, XLSX)
    return msg, D.expected_referral(c), "xlsx referral, family and agencies on other sheets"


# ------------------------------------------------------------------ r16 tick column (✓) beside each option

def r16_docx_tick_column(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=3)
    c["referrer"]["phone"] = None
    st = "weekday"
    r, ch, cr = c["referrer"], c["child"], c["criteria"]
    doc = R.new_doc("Arial", 10)
    R.heading(doc, "Referral to the Safeguarding Practice Review Group", 1)
    R.table(doc, [["Your name", r["name"]], ["Your role", r["role"]], ["Your organisation", r["agency"]],
                  ["Email", r["email"]], ["Phone", ""], ["Today's date", fd(r["date_submitted"], st)]])
    doc.add_paragraph()
    R.table(doc, [["Child's name", ch["name"]], ["Date of birth", fd(ch["date_of_birth"], st)],
                  ["Address", ch["home_address"]], ["Carer", ch["carer"]], ["Religion", ch["faith"]],
                  ["Disability", ch["disability"]], ["When did it happen?", fd(ch["incident_date"], st)],
                  ["Where did it happen?", ch["incident_location"]]])
    doc.add_paragraph()
    R.table(doc, [["Ethnicity", "✓"]] + [[e, "✓" if e == ch["ethnicity"] else ""] for e in D.ETHNICITIES],
            bold_cols=(), header=True)
    doc.add_paragraph()
    R.table(doc, [["Child protection plan", "✓"]] + [[w, "✓" if CP4[ch["child_protection_plan"]] == w else ""]
                                                     for w in CP4.values()], bold_cols=(), header=True)
    doc.add_paragraph()
    R.table(doc, [["Criteria", "Yes", "No"],
                  ["The child has died", *(["✓", ""] if cr["child_died"] else ["", "✓"])],
                  ["The child has been seriously harmed", *(["✓", ""] if cr["seriously_harmed"] else ["", "✓"])],
                  ["Abuse or neglect is known", *(["✓", ""] if cr["abuse_or_neglect"] == "known" else ["", "✓"])],
                  ["Abuse or neglect is suspected", *(["✓", ""] if cr["abuse_or_neglect"] == "suspected" else ["", "✓"])],
                  ["Agencies may not have worked together well", *(["✓", ""] if cr["agency_concern"] else ["", "✓"])]],
            bold_cols=(), header=True)
    R.heading(doc, "Family", 2)
    R.table(doc, [["Name", "Date of birth", "Address", "Relationship", "Ethnicity"]] +
            [[m["name"], fd(m["date_of_birth"], st), m["address"], m["relationship"], m["ethnicity"] or ""]
             for m in c["family"]], bold_cols=(), header=True)
    R.heading(doc, "What happened", 2)
    doc.add_paragraph(c["summary"])
    R.heading(doc, "Agencies", 2)
    R.table(doc, [["Name", "Agency", "Contact", "Still involved", "Closed"]] +
            [[a["name"], a["agency"], a["contact"], "✓" if a["still_involved"] else "", "" if a["still_involved"] else "✓"]
             for a in c["other_agencies"]], bold_cols=(), header=True)
    R.heading(doc, "Other processes", 2)
    R.table(doc, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["other_processes"]], bold_cols=(),
            header=True)
    msg = attach(name, c, "Referral to SPRG", cover(c), "SPRG referral.docx", R.doc_bytes(doc), DOCX)
    return msg, D.expected_referral(c), "docx ✓ in a tick column"


# ------------------------------------------------------------------ r17 PDF with a running header naming the child, print footer

def r17_pdf_running_header_print_footer(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=3)
    st = "slash"
    ch, cr = c["child"], c["criteria"]
    clerk = D.pro(rng, 0)
    doc = _std_doc(c, st, "CSPR referral", f"Re: {ch['name']}   DOB {F(ch['date_of_birth'], st)}",
                   f"Printed 07/12/2026 09:14 by {clerk['name']}")
    doc.paragraphs[-1].runs and None
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    R.heading(doc, "4. Criteria", 2)
    R.table(doc, [["Is the child deceased?", yn(cr["child_died"])], ["Is the child seriously harmed?",
                                                                      yn(cr["seriously_harmed"])],
                  ["Known or suspected abuse or neglect?", an_word(c)],
                  ["Concern about agencies working together?", yn(cr["agency_concern"])]])
    R.heading(doc, "5. Summary of events", 2)
    doc.add_paragraph(c["summary"])
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    R.heading(doc, "6. Other information", 2)
    R.table(doc, [["Name", "Agency", "Contact details", "Still involved?"]] +
            [[a["name"], a["agency"], a["contact"], yn(a["still_involved"])] for a in c["other_agencies"]],
            bold_cols=(), header=True)
    R.table(doc, [["Process", "Current status"]] + [[p["process"], p["status"]] for p in c["other_processes"]],
            bold_cols=(), header=True)
    pdf = R.soffice_pdf(R.doc_bytes(doc), "print")
    msg = attach(name, c, "CSPR referral (printed copy)", cover(c), "CSPR referral print.pdf", pdf,
                 ("application", "pdf"))
    return msg, D.expected_referral(c), "PDF (LibreOffice) 3 pages, running header with the child, 'Printed ... by' footer"


# ------------------------------------------------------------------ r18 text, criteria first, referrer as "Completed by" at the end

def r18_text_criteria_first_completed_by(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=3, n_proc=1)
    r, ch, cr = c["referrer"], c["child"], c["criteria"]
    cpw = {"yes": "Currently subject to a plan", "no": "Never", "has_been": "Previously subject", "not_known": "Unknown"}
    L = ["SERIOUS INCIDENT - REFERRAL TO PARTNERSHIP", "",
         "A. DOES THIS MEET THE CRITERIA?",
         f"  Child has died .................... {yn(cr['child_died'], 'YES', 'NO')}",
         f"  Child seriously harmed ............ {yn(cr['seriously_harmed'], 'YES', 'NO')}",
         f"  Abuse / neglect ................... {an_word(c).upper()}",
         f"  Multi-agency concerns ............. {yn(cr['agency_concern'], 'YES', 'NO')}", "",
         "B. YOUNG PERSON",
         f"  Young person's name: {ch['name']}", f"  D.O.B: {F(ch['date_of_birth'], 'dot')}",
         f"  Usual address: {ch['home_address']}", f"  Lives with: {ch['carer']}",
         f"  Incident occurred on: {F(ch['incident_date'], 'mon')}", f"  Incident occurred at: {ch['incident_location']}",
         f"  Ethnicity: {ch['ethnicity']}", f"  Faith: {ch['faith']}", f"  SEND / disability: {ch['disability']}",
         f"  CP status: {cpw[ch['child_protection_plan']]}", "",
         "C. FAMILY"]
    for i, m in enumerate(c["family"], 1):
        L.append(f"  ({i}) {m['name']} | {m['relationship']} | {fd(m['date_of_birth'], 'dot', 'DOB unknown')} | "
                 f"{m['address']} | {m['ethnicity'] or 'ethnicity unknown'}")
    L += ["", "D. WHAT HAPPENED", "  " + c["summary"], "", "E. AGENCIES INVOLVED"]
    for a in c["other_agencies"]:
        L.append(f"  - {a['agency']}: {a['name']}, {a['contact']} ({'still involved' if a['still_involved'] else 'no longer involved'})")
    L += ["", "F. OTHER PROCESSES"] + [f"  - {p['process']}: {p['status']}" for p in c["other_processes"]]
    L += ["", "Completed by:", f"  {r['name']}, {r['role']}", f"  {r['agency']}", f"  {r['email']} | {r['phone']}",
          f"  Date: {F(r['date_submitted'], 'dot')}"]
    msg = R.eml(name, frm(c), "SI referral", sent(c), text="\n".join(L) + "\n")
    return msg, D.expected_referral(c), "text, criteria first, referrer as 'Completed by' at the end"


# ------------------------------------------------------------------ r19 an online portal's confirmation page (divs, radio glyphs)

def r19_html_portal_divs_radios(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=3)
    c["child"]["faith"] = None
    st = "iso"
    r, ch, cr = c["referrer"], c["child"], c["criteria"]
    E = R.esc

    def q(label: str, val: str) -> str:
        return (f'<div class="q"><label class="q-label">{E(label)}</label><span class="q-answer">{E(val)}</span></div>\n')

    def radios(label: str, opts: list[str], chosen: str | None) -> str:
        return (f'<div class="q"><label class="q-label">{E(label)}</label>' +
                "".join(f'<span class="radio">{"◉" if o == chosen else "○"} {E(o)}</span> ' for o in opts) + "</div>\n")
    h = ['<html><body style="font-family:Segoe UI"><p>Your submission has been received. A copy of your answers is below.</p>',
         '<div class="section"><h3>About you</h3>', q("Full name", r["name"]), q("Job title", r["role"]),
         q("Organisation", r["agency"]), q("Work email", r["email"]), q("Phone number", r["phone"]),
         q("Date", fd(r["date_submitted"], st)), "</div>",
         '<div class="section"><h3>About the child</h3>', q("Child's full name", ch["name"]),
         q("Child's date of birth", fd(ch["date_of_birth"], st)), q("Child's address", ch["home_address"]),
         q("Parent or carer", ch["carer"]), q("Date of the incident", fd(ch["incident_date"], st)),
         q("Where it happened", ch["incident_location"]), radios("Ethnicity", D.ETHNICITIES, ch["ethnicity"]),
         q("Faith", ""), q("Disability", ch["disability"]),
         radios("Child protection plan", list(CP4.values()), CP4[ch["child_protection_plan"]]), "</div>",
         '<div class="section"><h3>Family</h3>']
    for i, m in enumerate(c["family"], 1):
        h += [f"<h4>Person {i}</h4>", q("Name", m["name"]), q("Relationship", m["relationship"]),
              q("Date of birth", fd(m["date_of_birth"], st)), q("Address", m["address"]),
              q("Ethnicity", m["ethnicity"] or "")]
    h += ['</div><div class="section"><h3>Criteria</h3>',
          radios("Has the child died?", ["Yes", "No"], yn(cr["child_died"])),
          radios("Has the child been seriously harmed?", ["Yes", "No"], yn(cr["seriously_harmed"])),
          radios("Is abuse or neglect known or suspected?", ["Known", "Suspected"], an_word(c)),
          radios("Are you concerned about how agencies worked together?", ["Yes", "No"], yn(cr["agency_concern"])),
          q("Summary", c["summary"]), '</div><div class="section"><h3>Other agencies</h3>']
    for i, a in enumerate(c["other_agencies"], 1):
        h += [f"<h4>Agency {i}</h4>", q("Name", a["name"]), q("Agency", a["agency"]), q("Contact", a["contact"]),
              radios("Still involved?", ["Yes", "No"], yn(a["still_involved"]))]
    h += ['</div><div class="section"><h3>Other processes</h3>']
    for p in c["other_processes"]:
        h += [q("Process", p["process"]), q("Status", p["status"])]
    h += ["</div></body></html>"]
    body = "".join(h)
    fwd = f"<p>Forwarding my portal submission as asked.</p><p>{E(r['name'])}</p><hr>"
    msg = R.eml(name, frm(c), "FW: Submission received - Safeguarding Practice Review referral", sent(c),
                html=body.replace("<body style=\"font-family:Segoe UI\">", "<body style=\"font-family:Segoe UI\">" + fwd))
    return msg, D.expected_referral(c), "HTML portal confirmation (divs, ◉/○ radios), forwarded"


# ------------------------------------------------------------------ r20 family as paragraph blocks, agencies as a bulleted list, ☑

def r20_docx_family_blocks_bullets(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    c = D.case(rng, n_family=4, n_agencies=3)
    c["child"]["faith"] = None
    st = "mon"
    r, ch, cr = c["referrer"], c["child"], c["criteria"]
    doc = R.new_doc("Calibri", 11)
    R.heading(doc, "CSPR notification", 1)
    for lab, val in [("Referrer", r["name"]), ("Role", r["role"]), ("Agency", r["agency"]), ("Email", r["email"]),
                     ("Tel", r["phone"]), ("Date", fd(r["date_submitted"], st))]:
        p = doc.add_paragraph()
        p.add_run(lab + ": ").bold = True
        p.add_run(val)
    R.heading(doc, "Child", 2)
    for lab, val in [("Name", ch["name"]), ("Date of birth", fd(ch["date_of_birth"], st)),
                     ("Address", ch["home_address"]), ("Carer", ch["carer"]), ("Faith", ""),
                     ("Disability", ch["disability"]), ("Date of incident", fd(ch["incident_date"], st)),
                     ("Place of incident", ch["incident_location"])]:
        p = doc.add_paragraph()
        p.add_run(lab + ": ").bold = True
        p.add_run(val)
    p = doc.add_paragraph()
    p.add_run("Ethnicity: ").bold = True
    p.add_run("   ".join(f"{'☑' if e == ch['ethnicity'] else '☐'} {e}" for e in D.ETHNICITIES))
    p = doc.add_paragraph()
    p.add_run("Child protection plan: ").bold = True
    p.add_run(glyph_opts(list(CP4.values()), CP4[ch["child_protection_plan"]], on="☑"))
    R.heading(doc, "Family members", 2)
    for m in c["family"]:
        p = doc.add_paragraph()
        p.add_run(m["name"]).bold = True
        doc.add_paragraph(f"Relationship: {m['relationship']}")
        doc.add_paragraph(f"Date of birth: {fd(m['date_of_birth'], st, 'not known')}")
        doc.add_paragraph(f"Address: {m['address']}")
        doc.add_paragraph(f"Ethnicity: {m['ethnicity'] or 'not known'}")
    R.heading(doc, "Criteria", 2)
    for lab, b in [("The child has died", cr["child_died"]), ("The child has been seriously harmed", cr["seriously_harmed"]),
                   ("Concern about agencies working together", cr["agency_concern"])]:
        doc.add_paragraph(f"{lab}:  {glyph_opts(['Yes', 'No'], yn(b), on='☑')}")
    doc.add_paragraph(f"Abuse or neglect:  {glyph_opts(['Known', 'Suspected'], an_word(c), on='☑')}")
    R.heading(doc, "Summary", 2)
    doc.add_paragraph(c["summary"])
    R.heading(doc, "Other agencies", 2)
    for a in c["other_agencies"]:
        doc.add_paragraph(f"{a['name']}, {a['agency']}, {a['contact']}, "
                          f"{'still involved' if a['still_involved'] else 'no longer involved'}", style="List Bullet")
    R.heading(doc, "Other processes", 2)
    for pr in c["other_processes"]:
        doc.add_paragraph(f"{pr['process']} - {pr['status']}", style="List Bullet")
    msg = attach(name, c, "CSPR notification", cover(c), "CSPR notification.docx", R.doc_bytes(doc), DOCX)
    return msg, D.expected_referral(c), "docx family as paragraph blocks, agencies bulleted, ☑/☐"


ALL: list[Callable[[str], tuple[bytes, dict[str, Any], str]]] = [
    r01_docx_glyph_boxes_header_footer, r02_docx_yn_x_columns, r03_docx_bold_highlight, r04_docx_textboxes_delete,
    r05_docx_nested_tables, r06_docx_referrer_in_header, r07_pdf_multipage_family_split,
    r08_pdf_yn_letters_bullet_agencies, r09_html_outlook_msonormal, r10_html_outlook_table_x, r11_text_tab_separated,
    r12_narr_police_text, r13_narr_docx_letter, r14_pdf_in_attached_eml, r15_xlsx_referral, r16_docx_tick_column,
    r17_pdf_running_header_print_footer, r18_text_criteria_first_completed_by, r19_html_portal_divs_radios,
    r20_docx_family_blocks_bullets]
