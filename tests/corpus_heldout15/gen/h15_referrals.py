"""The 20 referral layouts of held-out set 15. Each function takes the message NAME and returns (eml bytes, expected
JSON, carrier description); content comes from h15_data.referral(NAME) (random.Random(NAME))."""

from __future__ import annotations

import datetime as dt
from typing import Any

import h15_render as R
from h15_data import CPP_WORDS, fmt_date, pick, referral, expected_referral
from h15_render import esc

Rec = dict[str, Any]


def D(d: dt.date | None, style: str, null: str = "Not known") -> str:
    return null if d is None else fmt_date(d, style)


def N(x: str | None, null: str = "Not known") -> str:
    return null if x is None else x


def yn(b: bool | None, y: str = "Yes", n: str = "No", u: str = "Not known") -> str:
    return u if b is None else (y if b else n)


def sender(r: Rec) -> str:
    rf = r["referrer"]
    return f"{rf['name']} <{rf['email']}>"


def when(r: Rec, h: int = 10, m: int = 17) -> dt.datetime:
    return R.when(r["mail_date"], h, m)


def fields(r: Rec, ds: str, null: str, cpp: str = "a") -> dict[str, str]:
    """Every single-valued answer as text, in the form's date style, with the form's word for a blank."""
    rf, c, k = r["referrer"], r["child"], r["criteria"]
    return {
        "rname": rf["name"], "role": rf["role"], "agency": rf["agency"], "phone": rf["phone"], "email": rf["email"],
        "date": D(rf["date_submitted"], ds), "cname": c["name"], "dob": D(c["date_of_birth"], ds),
        "addr": c["home_address"], "carer": c["carer"], "idate": D(c["incident_date"], ds),
        "iloc": c["incident_location"], "eth": c["ethnicity"], "faith": N(c["faith"], null),
        "dis": N(c["disability"], null), "cpp": CPP_WORDS[cpp][c["child_protection_plan"]],
        "died": yn(k["child_died"]), "harmed": yn(k["seriously_harmed"]),
        "abuse": k["abuse_or_neglect"].capitalize(), "concern": yn(k["agency_concern"], u="Don't know"),
        "summary": r["summary"],
    }


def fam_row(f: dict[str, Any], ds: str, null: str) -> list[str]:
    return [f["name"], f["relationship"], D(f["date_of_birth"], ds, null), N(f["address"], null), N(f["ethnicity"], null)]


def ag_row(a: dict[str, Any], y: str = "Yes", n: str = "No") -> list[str]:
    return [a["agency"], a["name"], a["contact"], y if a["still_involved"] else n]


# ------------------------------------------------------------------ r01 header-row tables (docx)

def r01_docx_header_row_tables(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    f = fields(r, "long", "Not known", "b")
    d = R.new_doc("Calibri", 10)
    R.heading(d, "Notification of a Serious Child Safeguarding Incident - request for Rapid Review", 1)
    d.add_paragraph("Please complete every section. Send to the partnership business unit by secure email.")
    R.heading(d, "1. Person making the notification", 2)
    R.table(d, [["Name", "Job title", "Organisation", "Telephone", "Email", "Date"],
                [f["rname"], f["role"], f["agency"], f["phone"], f["email"], f["date"]]], bold_cols=(), header=True)
    R.heading(d, "2. The child", 2)
    R.table(d, [["Full name", "Date of birth", "Home address", "Ethnicity", "Religion", "Disability / SEND"],
                [f["cname"], f["dob"], f["addr"], f["eth"], f["faith"], f["dis"]]], bold_cols=(), header=True)
    R.table(d, [["Main carer", "Child protection plan status"], [f["carer"], f["cpp"]]], bold_cols=(), header=True)
    R.heading(d, "3. The incident", 2)
    R.table(d, [["Date of incident", "Where it happened"], [f["idate"], f["iloc"]]], bold_cols=(), header=True)
    k = r["criteria"]
    crit = [["Criterion", "Yes", "No"],
            ["The child has died", "X" if k["child_died"] else "", "" if k["child_died"] else "X"],
            ["The child has been seriously harmed", "X" if k["seriously_harmed"] else "", "" if k["seriously_harmed"] else "X"],
            ["Abuse or neglect is known", "X" if k["abuse_or_neglect"] == "known" else "", "" if k["abuse_or_neglect"] == "known" else "X"],
            ["Abuse or neglect is suspected", "X" if k["abuse_or_neglect"] == "suspected" else "", "" if k["abuse_or_neglect"] == "suspected" else "X"]]
    R.table(d, crit, bold_cols=(), header=True)
    d.add_paragraph("Are there concerns about how agencies worked together? ").add_run(f["concern"]).bold = True
    d.add_paragraph("Brief summary of what happened:")
    d.add_paragraph(f["summary"])
    R.heading(d, "4. Family and significant others", 2)
    R.table(d, [["Relationship", "Full name", "DOB", "Ethnicity", "Address"]] +
            [[x["relationship"], x["name"], D(x["date_of_birth"], "long"), N(x["ethnicity"]), N(x["address"])] for x in r["family"]],
            bold_cols=(), header=True)
    R.heading(d, "5. Agencies involved", 2)
    R.table(d, [["Agency", "Worker", "Telephone / email", "Still involved?"]] + [ag_row(a) for a in r["other_agencies"]],
            bold_cols=(), header=True)
    R.heading(d, "6. Other processes", 2)
    R.table(d, [["Process", "Current status"]] + [[p["process"], p["status"]] for p in r["other_processes"]], bold_cols=(), header=True)
    msg = R.eml(name, sender(r), "Serious incident notification", when(r),
                text="Please find attached a notification for the rapid review process.\n\n" + f["rname"] + "\n",
                attachments=[("SCSI notification form.docx", R.doc_bytes(d), "application",
                              "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    return msg, expected_referral(r), "docx: sections as tables with header rows; criteria Yes/No columns with X"


# ------------------------------------------------------------------ r02 legacy form fields (docx)

def r02_docx_legacy_formfields(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    f = fields(r, "slash", "Not known", "a")
    d = R.new_doc("Arial", 10)
    R.heading(d, "CHILD SAFEGUARDING PRACTICE REVIEW - REFERRAL FORM (protected form)", 1)
    d.add_paragraph("Use TAB to move between fields.")
    rows = [("Referrer's name", "rname"), ("Designation", "role"), ("Agency", "agency"), ("Telephone", "phone"),
            ("Email", "email"), ("Date of referral", "date"), ("Child's name", "cname"), ("Date of birth", "dob"),
            ("Address", "addr"), ("Lives with", "carer"), ("Ethnicity", "eth"), ("Religion", "faith"),
            ("Disability", "dis"), ("Date of incident", "idate"), ("Place of incident", "iloc")]
    for lab, k in rows:
        p = d.add_paragraph()
        p.add_run(lab + ": ").bold = True
        R.formtext(p, f[k])
    p = d.add_paragraph()
    p.add_run("Child protection plan: ").bold = True
    for opt in ("yes", "no", "has_been", "not_known"):
        R.formcheck(p, r["child"]["child_protection_plan"] == opt, CPP_WORDS["a"][opt])
    k = r["criteria"]
    for lab, val in (("Child has died", k["child_died"]), ("Child seriously harmed", k["seriously_harmed"]),
                     ("Abuse/neglect known", k["abuse_or_neglect"] == "known"),
                     ("Abuse/neglect suspected", k["abuse_or_neglect"] == "suspected")):
        p = d.add_paragraph()
        R.formcheck(p, val, lab)
    p = d.add_paragraph()
    p.add_run("Concerns about how organisations worked together: ").bold = True
    for opt, v in (("Yes", True), ("No", False), ("Don't know", None)):
        R.formcheck(p, k["agency_concern"] is v, opt)
    p = d.add_paragraph()
    p.add_run("Summary of incident: ").bold = True
    R.formtext(p, f["summary"])
    d.add_paragraph().add_run("Family members").bold = True
    t = d.add_table(rows=1 + len(r["family"]), cols=5)
    t.style = "Table Grid"
    for j, h in enumerate(["Name", "Relationship to child", "DOB", "Address", "Ethnicity"]):
        R.cell_text(t.cell(0, j), h, bold=True)
    for i, x in enumerate(r["family"], 1):
        for j, v in enumerate(fam_row(x, "slash", "Not known")):
            R.formtext(t.cell(i, j).paragraphs[0], v)
    d.add_paragraph().add_run("Other agencies involved").bold = True
    t = d.add_table(rows=1 + len(r["other_agencies"]), cols=4)
    t.style = "Table Grid"
    for j, h in enumerate(["Agency", "Contact name", "Phone/email", "Currently involved"]):
        R.cell_text(t.cell(0, j), h, bold=True)
    for i, a in enumerate(r["other_agencies"], 1):
        for j, v in enumerate(ag_row(a)[:3]):
            R.formtext(t.cell(i, j).paragraphs[0], v)
        R.formcheck(t.cell(i, 3).paragraphs[0], a["still_involved"], "Yes")
        R.formcheck(t.cell(i, 3).paragraphs[0], not a["still_involved"], "No")
    d.add_paragraph().add_run("Other processes (e.g. s47, police, coroner)").bold = True
    for pr in r["other_processes"]:
        p = d.add_paragraph()
        R.formtext(p, pr["process"])
        p.add_run(" - status: ")
        R.formtext(p, pr["status"])
    msg = R.eml(name, sender(r), "CSPR referral form", when(r),
                text=f"Hello,\n\nCompleted referral attached.\n\nKind regards\n{f['rname']}\n{f['role']}\n",
                attachments=[("CSPR_Referral_protected.docx", R.doc_bytes(d), "application",
                              "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    return msg, expected_referral(r), "docx: legacy FORMTEXT fields and FORMCHECKBOX boxes (protected form)"


# ------------------------------------------------------------------ r03 Welsh-style CPR referral printed to PDF

def r03_pdf_lo_parts_dot_dates(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    f = fields(r, "dot2", "N/K", "c")
    d = R.new_doc("Arial", 10)
    R.landscape(d)
    R.heading(d, "Referral for consideration of a Child Practice Review", 1)
    R.heading(d, "Part A - Referring agency", 2)
    R.table(d, [["A1 Referrer", f["rname"]], ["A2 Post held", f["role"]], ["A3 Agency", f["agency"]],
                ["A4 Tel", f["phone"]], ["A5 E-mail", f["email"]], ["A6 Date referral made", f["date"]]])
    R.heading(d, "Part B - Child", 2)
    R.table(d, [["B1 Name", f["cname"], "B2 D.O.B.", f["dob"]], ["B3 Address", f["addr"], "B4 Person with care", f["carer"]],
                ["B5 Ethnic origin", f["eth"], "B6 Religion", f["faith"]], ["B7 Disability", f["dis"], "B8 CP register/plan", f["cpp"]]],
            bold_cols=(0, 2))
    R.heading(d, "Part C - Incident", 2)
    k = r["criteria"]
    R.table(d, [["C1 Date", f["idate"]], ["C2 Location", f["iloc"]], ["C3 Has the child died? (Y/N)", yn(k["child_died"], "Y", "N")],
                ["C4 Serious harm? (Y/N)", yn(k["seriously_harmed"], "Y", "N")],
                ["C5 Abuse/neglect - known or suspected", f["abuse"]],
                ["C6 Concerns about inter-agency working? (Y/N)", yn(k["agency_concern"], "Y", "N", "N/K")],
                ["C7 Summary", f["summary"]]])
    R.heading(d, "Part D - Family composition", 2)
    R.table(d, [["Name", "Relationship", "D.O.B.", "Address", "Ethnicity"]] + [fam_row(x, "dot2", "N/K") for x in r["family"]],
            bold_cols=(), header=True)
    R.heading(d, "Part E - Agencies and other processes", 2)
    R.table(d, [["Agency", "Practitioner", "Contact", "Open? (Y/N)"]] + [ag_row(a, "Y", "N") for a in r["other_agencies"]],
            bold_cols=(), header=True)
    d.add_paragraph()
    R.table(d, [["Process", "Stage reached"]] + [[p["process"], p["status"]] for p in r["other_processes"]], bold_cols=(), header=True)
    pdf = R.soffice_pdf(R.doc_bytes(d), "cpr_referral")
    msg = R.eml(name, sender(r), "CPR referral (PDF)", when(r, 14, 2), text="Referral attached as PDF.\n",
                attachments=[("CPR referral.pdf", pdf, "application", "pdf")])
    return msg, expected_referral(r), "PDF by LibreOffice from Word: Part A-E numbered labels, Y/N, dates d.m.yy, N/K"


# ------------------------------------------------------------------ r04 Microsoft Forms export (xlsx, one wide row)

def r04_xlsx_forms_export_wide_row(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    f = fields(r, "slash", "", "a")
    heads = ["ID", "Start time", "Completion time", "Email", "Name", "Your name", "Your role", "Your organisation",
             "Your phone number", "Your email", "Today's date", "Child's full name", "Child's date of birth",
             "Child's home address", "Who does the child live with?", "Ethnicity", "Religion or belief",
             "Disability", "Is the child subject to a child protection plan?", "Date of incident", "Where did it happen?",
             "Has the child died?", "Has the child been seriously harmed?", "Is abuse or neglect known or suspected?",
             "Do you have concerns about how agencies worked together?", "What happened?"]
    st = R.when(r["referrer"]["date_submitted"], 9, 41)  # Forms' own times fall on the form's date
    vals: list[Any] = [17, st.strftime("%d/%m/%Y %H:%M:%S"), st.strftime("%d/%m/%Y %H:%M:%S"), "anonymous", "",
                       f["rname"], f["role"], f["agency"], f["phone"], f["email"], f["date"], f["cname"], f["dob"],
                       f["addr"], f["carer"], f["eth"], f["faith"], f["dis"], f["cpp"], f["idate"], f["iloc"],
                       f["died"], f["harmed"], f["abuse"], f["concern"], f["summary"]]
    for i, x in enumerate(r["family"], 1):
        heads += [f"Family member {i}: name", f"Family member {i}: relationship", f"Family member {i}: date of birth",
                  f"Family member {i}: address", f"Family member {i}: ethnicity"]
        vals += fam_row(x, "slash", "")
    for i, a in enumerate(r["other_agencies"], 1):
        heads += [f"Agency {i}", f"Agency {i} worker", f"Agency {i} contact", f"Agency {i} still involved?"]
        vals += ag_row(a)
    heads.append("Other processes (one per line: process - status)")
    vals.append("\n".join(f"{p['process']} - {p['status']}" for p in r["other_processes"]))
    exp = expected_referral(r)  # a blank cell is a null: the record already holds None there
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Form1"
    ws.append(heads)
    ws.append([v if v != "" else None for v in vals])
    import io
    b = io.BytesIO()
    wb.save(b)
    msg = R.eml(name, sender(r), "Referral - copy of form response", when(r, 9, 55),
                text=("Our online form went to our own inbox by mistake, so I have exported my response from Forms "
                      "and attached it.\n\n" + f["rname"] + "\n"),
                attachments=[("Serious incident referral(1-1).xlsx", b.getvalue(), "application",
                              "vnd.openxmlformats-officedocument.spreadsheetml.sheet")])
    return msg, exp, "xlsx: Microsoft Forms response export, one wide row, numbered family/agency columns"


# ------------------------------------------------------------------ r05 fillable PDF, designer-default field names

def r05_pdf_fillable_default_names(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name, n_family=3)
    f = fields(r, "slash1", "", "a")
    items: list[tuple[Any, ...]] = [("t", 40, 800, 13, True, "Rapid Review Referral - Serious Incident Notification")]
    y = 770
    n = [0]

    def fld(cap: str, val: str, x: float = 40, w: float = 330, h: float = 16) -> None:
        nonlocal y
        n[0] += 1
        items.append(("t", x, y + 4, 8.5, True, cap))
        items.append(("f", x + 170, y, w, h, f"Text{n[0]}", val))
        y -= h + 8

    for cap, k in (("Name of referrer", "rname"), ("Role", "role"), ("Organisation", "agency"), ("Phone", "phone"),
                   ("Email", "email"), ("Date", "date"), ("Child's name", "cname"), ("Date of birth", "dob"),
                   ("Home address", "addr"), ("Parent / carer", "carer"), ("Date of incident", "idate"),
                   ("Location of incident", "iloc"), ("Ethnicity", "eth"), ("Faith", "faith"), ("Disability", "dis")):
        fld(cap, f[k])
    cb = [0]

    def box(cap: str, on: bool, x: float) -> None:
        cb[0] += 1
        items.append(("c", x, y, f"Check Box{cb[0]}", on))
        items.append(("t", x + 15, y + 2, 8.5, False, cap))

    items.append(("t", 40, y + 2, 8.5, True, "Child protection plan"))
    for i, opt in enumerate(("yes", "no", "has_been", "not_known")):
        box(CPP_WORDS["a"][opt], r["child"]["child_protection_plan"] == opt, 210 + i * 80)
    y -= 20
    k = r["criteria"]
    for cap, val in (("Child died", k["child_died"]), ("Serious harm", k["seriously_harmed"])):
        items.append(("t", 40, y + 2, 8.5, True, cap))
        box("Yes", val, 210)
        box("No", not val, 290)
        y -= 18
    items.append(("t", 40, y + 2, 8.5, True, "Abuse or neglect"))
    box("Known", k["abuse_or_neglect"] == "known", 210)
    box("Suspected", k["abuse_or_neglect"] == "suspected", 290)
    y -= 18
    items.append(("t", 40, y + 2, 8.5, True, "Concern about agencies working together"))
    box("Yes", k["agency_concern"] is True, 250)
    box("No", k["agency_concern"] is False, 310)
    box("Don't know", k["agency_concern"] is None, 370)
    y -= 24
    fld("Summary", f["summary"], h=60)
    page1 = items
    items = [("t", 40, 800, 11, True, "Family and household")]
    y = 770
    for i, x in enumerate(r["family"], 1):
        items.append(("t", 40, y + 18, 9, True, f"Person {i}"))
        for cap, v in zip(("Name", "Relationship", "DOB", "Address", "Ethnicity"), fam_row(x, "slash1", ""), strict=True):
            fld(cap, v)
        y -= 10
    items.append(("t", 40, y + 4, 11, True, "Agencies"))
    y -= 22
    for i, a in enumerate(r["other_agencies"], 1):
        fld(f"Agency {i}", f"{a['agency']}", w=200)
        fld("Worker and contact", f"{a['name']}, {a['contact']}", w=200)
        items.append(("t", 40, y + 2, 8.5, True, "Still involved"))
        box("Yes", a["still_involved"], 210)
        box("No", not a["still_involved"], 290)
        y -= 20
    page2 = items
    items = [("t", 40, 800, 11, True, "Other processes")]
    y = 770
    for p in r["other_processes"]:
        fld("Process", p["process"])
        fld("Status", p["status"])
    pdf = R.fillable_pdf([page1, page2, items], "Rapid Review Referral")
    exp = expected_referral(r)
    msg = R.eml(name, sender(r), "RR referral - fillable form", when(r, 11, 3), text="Attached, thanks.\n",
                attachments=[("RR_referral_form_completed.pdf", pdf, "application", "pdf")])
    return msg, exp, "fillable PDF: fields named Text1..TextN / Check Box1..N, captions on the page, three pages"


# ------------------------------------------------------------------ r06 Outlook desktop HTML, label/value + header-row family

def r06_html_outlook_msotable(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    f = fields(r, "ordmon", "Unknown", "c")

    def tr(cells: list[str], head: bool = False) -> str:
        st = "background:#DEEAF6;" if head else ""
        return "<tr>" + "".join(f'<td valign="top" style="{st}border:solid windowtext 1.0pt;padding:0cm 5.4pt">'
                                + R.mso_p(("<b>" + esc(c) + "</b>") if head else esc(c)) + "</td>" for c in cells) + "</tr>"

    def tbl(rows: list[str]) -> str:
        return '<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;border:none">' + "".join(rows) + "</table>"

    lab = [("Referrer", "rname"), ("Job role", "role"), ("Agency", "agency"), ("Contact number", "phone"),
           ("Email address", "email"), ("Date of notification", "date"), ("Name of child", "cname"), ("DOB", "dob"),
           ("Address", "addr"), ("Main carer", "carer"), ("Date of incident", "idate"), ("Place of incident", "iloc"),
           ("Ethnicity", "eth"), ("Faith", "faith"), ("Disability", "dis"), ("Subject to CP plan?", "cpp"),
           ("Did the child die?", "died"), ("Was the child seriously harmed?", "harmed"),
           ("Abuse / neglect (known / suspected)", "abuse"), ("Concerns re multi-agency working?", "concern"),
           ("Summary of incident", "summary")]
    body = [R.mso_p("Dear colleagues,"), R.mso_p("I've pasted our notification below as our attachment would not send."),
            R.mso_p("&nbsp;"), tbl([tr(["Question", "Answer"], True)] + [tr([lb, f[k]]) for lb, k in lab]),
            R.mso_p("&nbsp;"), R.mso_p("<b>Family / household</b>"),
            tbl([tr(["Name", "Relationship", "Date of birth", "Address", "Ethnicity"], True)] +
                [tr(fam_row(x, "ordmon", "Unknown")) for x in r["family"]]),
            R.mso_p("&nbsp;"), R.mso_p("<b>Professionals involved</b>"),
            tbl([tr(["Agency", "Name", "Contact", "Still involved"], True)] + [tr(ag_row(a)) for a in r["other_agencies"]]),
            R.mso_p("&nbsp;"), R.mso_p("<b>Parallel processes</b>"),
            tbl([tr(["Process", "Status"], True)] + [tr([p["process"], p["status"]]) for p in r["other_processes"]]),
            R.mso_p("&nbsp;"), R.mso_p("Regards,"), R.mso_p(esc(f["rname"])), R.mso_p(esc(f["role"]))]
    html = R.OUTLOOK_HEAD + "".join(body) + R.OUTLOOK_TAIL
    msg = R.eml(name, sender(r), "Serious incident notification - pasted form", when(r, 16, 40), html=html)
    return msg, expected_referral(r), "HTML (Outlook desktop): MsoTableGrid Question/Answer table, header-row tables"


# ------------------------------------------------------------------ r07 portal notification, question row over answer row

def r07_html_portal_question_rows(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    f = fields(r, "iso", "-", "b")
    qs = [("Your name", "rname"), ("Your job title", "role"), ("Your organisation", "agency"), ("Phone", "phone"),
          ("Email", "email"), ("Date of this referral", "date"), ("Name of the child", "cname"), ("Child's date of birth", "dob"),
          ("Child's address", "addr"), ("Who was caring for the child?", "carer"), ("When did the incident happen?", "idate"),
          ("Where did it happen?", "iloc"), ("Ethnicity", "eth"), ("Religion", "faith"), ("Disability or additional needs", "dis"),
          ("Child protection plan", "cpp"), ("Has the child died?", "died"), ("Has the child been seriously harmed?", "harmed"),
          ("Is abuse or neglect known or suspected?", "abuse"),
          ("Are there concerns about the way agencies worked together?", "concern"), ("Tell us what happened", "summary")]
    rows = []
    for q, k in qs:
        rows.append(f'<tr><td style="background:#f3f3f3;padding:6px"><strong>{esc(q)}</strong></td></tr>'
                    f'<tr><td style="padding:6px 6px 14px 6px">{esc(f[k])}</td></tr>')
    fam = "<br>".join(esc(f"{x['name']} ({x['relationship']}), DOB {D(x['date_of_birth'], 'iso', '-')}, "
                          f"{N(x['address'], '-')}, {N(x['ethnicity'], '-')}") for x in r["family"])
    ags = "<br>".join(esc(f"Agency: {a['agency']} | Worker: {a['name']} | Contact: {a['contact']} | Still involved: "
                          f"{'Yes' if a['still_involved'] else 'No'}") for a in r["other_agencies"])
    prs = "<br>".join(esc(f"{p['process']}: {p['status']}") for p in r["other_processes"])
    for q, v in (("Family members (name (relationship), DOB, address, ethnicity)", fam), ("Other agencies", ags),
                 ("Other processes", prs)):
        rows.append(f'<tr><td style="background:#f3f3f3;padding:6px"><strong>{esc(q)}</strong></td></tr>'
                    f'<tr><td style="padding:6px 6px 14px 6px">{v}</td></tr>')
    html = ('<!DOCTYPE html><html><body style="font-family:Helvetica,Arial"><h2>New response: Serious incident '
            'notification</h2><p>Submission #4417 was received.</p><table width="640" cellspacing="0">' + "".join(rows)
            + '</table><p style="color:#888">Sent by the form service. Do not reply to this address.</p></body></html>')
    rf = r["referrer"]
    msg = R.eml(name, "Forms Notifications <noreply@forms.nsscp.example.org>", "New response: Serious incident notification #4417",
                when(r, 7, 58), text="A new response has been received. Open this message in HTML to read it.", html=html,
                headers={"Reply-To": f"{rf['name']} <{rf['email']}>"})
    return msg, expected_referral(r), "HTML portal notification: question row above answer row; lists as <br> lines"


# ------------------------------------------------------------------ r08 Gmail HTML, bullet list of bold labels

def r08_html_gmail_bullets(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    f = fields(r, "daylong", "not known", "a")
    lab = [("Child", "cname"), ("Born", "dob"), ("Lives at", "addr"), ("Lives with", "carer"), ("Ethnicity", "eth"),
           ("Religion", "faith"), ("Disability", "dis"), ("CP plan", "cpp"), ("Incident date", "idate"),
           ("Incident location", "iloc"), ("Died", "died"), ("Seriously harmed", "harmed"), ("Abuse or neglect", "abuse"),
           ("Worries about agencies working together", "concern")]
    li = "".join(f"<li><b>{esc(lb)}</b> - {esc(f[k])}</li>" for lb, k in lab)
    fam = "".join(f"<li>{esc(x['name'])} - {esc(x['relationship'])} - {esc(D(x['date_of_birth'], 'daylong', 'not known'))} - "
                  f"{esc(N(x['address'], 'not known'))} - {esc(N(x['ethnicity'], 'not known'))}</li>" for x in r["family"])
    ags = "".join(f"<li>{esc(a['name'])}, {esc(a['agency'])}, {esc(a['contact'])} - {'still involved' if a['still_involved'] else 'no longer involved'}</li>"
                  for a in r["other_agencies"])
    prs = "".join(f"<li>{esc(p['process'])} - {esc(p['status'])}</li>" for p in r["other_processes"])
    html = (R.GMAIL_HEAD + f"<div>Hi,</div><div>Referral details for the rapid review group as requested, completed on {esc(f['date'])}:</div><br>"
            f"<ul>{li}</ul><div><b>What happened</b></div><div>{esc(f['summary'])}</div><br><div><b>Family</b></div><ol>{fam}</ol>"
            f"<div><b>Agencies</b></div><ul>{ags}</ul><div><b>Other processes</b></div><ul>{prs}</ul><br>"
            f"<div>Thanks,</div><div>{esc(f['rname'])}</div><div>{esc(f['role'])} | {esc(f['agency'])}</div>"
            f"<div>{esc(f['phone'])} | {esc(f['email'])}</div>" + R.GMAIL_TAIL)
    msg = R.eml(name, sender(r), "referral for rapid review", when(r, 13, 12), html=html)
    return msg, expected_referral(r), "HTML (Gmail): bold-label bullets, family <ol>, referrer only in the signature, weekday dates"


# ------------------------------------------------------------------ r09 text, UPPERCASE labels, [x] ticks

def r09_text_caps_labels_brackets(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    f = fields(r, "slash2", "N/K", "a")
    k = r["criteria"]
    c = r["child"]

    def tk(on: bool) -> str:
        return "[x]" if on else "[ ]"

    lines = ["SERIOUS INCIDENT NOTIFICATION", "", f"REFERRER NAME: {f['rname']}", f"ROLE: {f['role']}",
             f"AGENCY: {f['agency']}", f"TEL: {f['phone']}", f"EMAIL: {f['email']}", f"DATE: {f['date']}", "",
             f"CHILD NAME: {f['cname']}", f"DOB: {f['dob']}", f"ADDRESS: {f['addr']}", f"CARER: {f['carer']}",
             f"ETHNICITY: {f['eth']}", f"RELIGION: {f['faith']}", f"DISABILITY: {f['dis']}",
             "CP PLAN: " + "  ".join(f"{tk(c['child_protection_plan'] == o)} {CPP_WORDS['a'][o]}" for o in ("yes", "no", "has_been", "not_known")),
             "", f"DATE OF INCIDENT: {f['idate']}", f"LOCATION: {f['iloc']}", "",
             f"CRITERIA:  {tk(k['child_died'])} child died   {tk(k['seriously_harmed'])} child seriously harmed",
             f"           {tk(k['abuse_or_neglect'] == 'known')} abuse/neglect known   {tk(k['abuse_or_neglect'] == 'suspected')} abuse/neglect suspected",
             f"CONCERNS ABOUT AGENCIES WORKING TOGETHER: {tk(k['agency_concern'] is True)} yes  {tk(k['agency_concern'] is False)} no  {tk(k['agency_concern'] is None)} unsure",
             "", "SUMMARY:", f["summary"], "", "FAMILY (NAME / RELATIONSHIP / DOB / ADDRESS / ETHNICITY):"]
    lines += [" / ".join(fam_row(x, "slash2", "N/K")) for x in r["family"]]
    lines += ["", "AGENCIES (AGENCY / WORKER / CONTACT / STILL INVOLVED):"]
    lines += [" / ".join(ag_row(a, "Y", "N")) for a in r["other_agencies"]]
    lines += ["", "OTHER PROCESSES:"] + [f"{p['process']} / {p['status']}" for p in r["other_processes"]]
    msg = R.eml(name, sender(r), "SIN", when(r, 8, 6), text="\n".join(lines) + "\n")
    return msg, expected_referral(r), "text: UPPERCASE labels, [x]/[ ] ticks, slash-separated rows, dates dd/mm/yy"


# ------------------------------------------------------------------ r10 text, "Label - value", (X) ticks

def r10_text_dash_labels_paren_ticks(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    f = fields(r, "ord", "n/k", "b")
    k = r["criteria"]

    def tk(on: bool) -> str:
        return "(X)" if on else "( )"

    lines = ["Hello, referral typed below as I could not open the Word form on my laptop.", "",
             f"Name - {f['rname']}", f"Role - {f['role']}", f"Agency - {f['agency']}", f"Phone - {f['phone']}",
             f"Email - {f['email']}", f"Date - {f['date']}", "",
             f"Child - {f['cname']}", f"Date of birth - {f['dob']}", f"Address - {f['addr']}",
             f"Parent/carer - {f['carer']}", f"Ethnicity - {f['eth']}", f"Religion - {f['faith']}",
             f"Disability - {f['dis']}", f"Child protection plan - {f['cpp']}",
             f"Date of incident - {f['idate']}", f"Where - {f['iloc']}", "",
             f"{tk(k['child_died'])} The child has died", f"{tk(k['seriously_harmed'])} The child has been seriously harmed",
             f"{tk(k['abuse_or_neglect'] == 'known')} Abuse or neglect known", f"{tk(k['abuse_or_neglect'] == 'suspected')} Abuse or neglect suspected",
             f"Concerns about multi-agency working - {f['concern']}", "", "What happened -", f["summary"], "",
             "Family members -"]
    lines += [f"{i}. {x['name']} - {x['relationship']} - {D(x['date_of_birth'], 'ord', 'n/k')} - {N(x['address'], 'n/k')} - {N(x['ethnicity'], 'n/k')}"
              for i, x in enumerate(r["family"], 1)]
    lines += ["", "Other agencies -"]
    lines += [f"{i}. {a['agency']} - {a['name']} - {a['contact']} - {'open' if a['still_involved'] else 'closed'}"
              for i, a in enumerate(r["other_agencies"], 1)]
    lines += ["", "Other processes -"] + [f"{i}. {p['process']} - {p['status']}" for i, p in enumerate(r["other_processes"], 1)]
    lines += ["", "Thanks", f["rname"].split(" ")[0]]
    msg = R.eml(name, sender(r), "Referral (typed)", when(r, 19, 30), text="\n".join(lines) + "\n")
    return msg, expected_referral(r), "text: 'Label - value', (X) ticks, numbered family/agency lines, ordinal dates"


# ------------------------------------------------------------------ r11 text, value under its label (pasted from a PDF)

def r11_text_value_under_label(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    f = fields(r, "long", "Not known", "c")
    lab = [("Name of person making referral", "rname"), ("Role", "role"), ("Agency", "agency"), ("Telephone number", "phone"),
           ("Email address", "email"), ("Date of referral", "date"), ("Name of child", "cname"), ("Child's date of birth", "dob"),
           ("Child's home address", "addr"), ("Parent / carer", "carer"), ("Ethnicity", "eth"), ("Religion", "faith"),
           ("Disability", "dis"), ("Child protection plan (current / past / no / don't know)", "cpp"),
           ("Date of incident", "idate"), ("Location of incident", "iloc"), ("Has the child died?", "died"),
           ("Has the child been seriously harmed?", "harmed"), ("Is abuse or neglect known or suspected?", "abuse"),
           ("Concerns about how agencies worked together?", "concern"), ("Brief summary", "summary")]
    lines = ["Copied from the PDF form below:", ""]
    for lb, k in lab:
        lines += [lb, "    " + f[k], ""]
    lines.append("Family members")
    for x in r["family"]:
        lines += ["    Name: " + x["name"], "    Relationship: " + x["relationship"],
                  "    Date of birth: " + D(x["date_of_birth"], "long"), "    Address: " + N(x["address"]),
                  "    Ethnicity: " + N(x["ethnicity"]), ""]
    lines.append("Agencies involved")
    for a in r["other_agencies"]:
        lines += ["    Agency: " + a["agency"], "    Worker: " + a["name"], "    Contact: " + a["contact"],
                  "    Still involved: " + ("Yes" if a["still_involved"] else "No"), ""]
    lines.append("Other processes")
    for p in r["other_processes"]:
        lines += ["    " + p["process"] + " - " + p["status"]]
    msg = R.eml(name, sender(r), "CSPR notification", when(r, 12, 1), text="\n".join(lines) + "\n")
    return msg, expected_referral(r), "text: each answer on the line under its label, indented; family as indented blocks"


# ------------------------------------------------------------------ r12 text with dot leaders, Y/N letters

def r12_text_dot_leaders(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    f = fields(r, "slash1", "?", "a")
    for key in ("faith", "dis"):
        f[key] = f[key].replace("?", "unknown")
    k = r["criteria"]
    lab = [("Referrer", "rname"), ("Position", "role"), ("Service", "agency"), ("Phone no", "phone"), ("E-mail", "email"),
           ("Date completed", "date"), ("Child's name", "cname"), ("D.O.B", "dob"), ("Address", "addr"),
           ("Carer", "carer"), ("Ethnicity", "eth"), ("Faith", "faith"), ("Disability", "dis"), ("CP plan", "cpp"),
           ("Incident date", "idate"), ("Incident place", "iloc")]
    lines = [f"{lb} " + "." * (28 - len(lb)) + " " + f[kk] for lb, kk in lab]
    lines += ["", f"Child died (Y/N) .......... {yn(k['child_died'], 'Y', 'N')}",
              f"Serious harm (Y/N) ........ {yn(k['seriously_harmed'], 'Y', 'N')}",
              f"Abuse/neglect ............. {f['abuse']}",
              f"Agency concerns (Y/N) ..... {yn(k['agency_concern'], 'Y', 'N', 'unknown')}", "",
              "Summary", "-------", f["summary"], "", "Household", "---------"]
    lines += [f"{x['name']} ..... {x['relationship']} ..... {D(x['date_of_birth'], 'slash1', 'unknown')} ..... "
              f"{N(x['address'], 'unknown')} ..... {N(x['ethnicity'], 'unknown')}" for x in r["family"]]
    lines += ["", "Agencies", "--------"]
    lines += [f"{a['agency']} ..... {a['name']} ..... {a['contact']} ..... {'Y' if a['still_involved'] else 'N'}" for a in r["other_agencies"]]
    lines += ["", "Processes", "---------"] + [f"{p['process']} ..... {p['status']}" for p in r["other_processes"]]
    msg = R.eml(name, sender(r), "notification of serious incident", when(r, 15, 22), text="\n".join(lines) + "\n")
    return msg, expected_referral(r), "text: dot leaders, Y/N letters, 'unknown' blanks, dates d/m/yyyy"


# ------------------------------------------------------------------ r13 attached .eml carrying a .docx (two levels)

def r13_rfc822_with_docx_inside(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    f = fields(r, "slash", "Not known", "c")
    d = R.new_doc("Verdana", 9)
    R.heading(d, "Multi-agency notification: serious child safeguarding incident", 1)
    t = R.table(d, [["Section 1: About you", ""], ["Name", f["rname"]], ["Job title", f["role"]], ["Organisation", f["agency"]],
                    ["Telephone", f["phone"]], ["Email", f["email"]], ["Date", f["date"]],
                    ["Section 2: About the child", ""], ["Name", f["cname"]], ["Date of birth", f["dob"]], ["Address", f["addr"]],
                    ["Lives with", f["carer"]], ["Ethnicity", f["eth"]], ["Faith", f["faith"]], ["Disability", f["dis"]],
                    ["Child protection plan", f["cpp"]],
                    ["Section 3: The incident", ""], ["Date", f["idate"]], ["Location", f["iloc"]], ["Child died", f["died"]],
                    ["Child seriously harmed", f["harmed"]], ["Abuse or neglect", f["abuse"]],
                    ["Concern about agencies working together", f["concern"]], ["What happened", f["summary"]]])
    for i in (0, 7, 16):
        R.merge_row(t, i, t.cell(i, 0).text)
    R.heading(d, "Section 4: Family", 3)
    R.table(d, [["Name", "Relationship", "DOB", "Address", "Ethnicity"]] + [fam_row(x, "slash", "Not known") for x in r["family"]],
            bold_cols=(), header=True)
    R.heading(d, "Section 5: Agencies", 3)
    R.table(d, [["Agency", "Worker", "Contact", "Still involved"]] + [ag_row(a) for a in r["other_agencies"]], bold_cols=(), header=True)
    R.heading(d, "Section 6: Other processes", 3)
    R.table(d, [["Process", "Status"]] + [[p["process"], p["status"]] for p in r["other_processes"]], bold_cols=(), header=True)
    inner = R.eml(name + ".inner", sender(r), "Serious incident notification", when(r, 9, 2),
                  to="Safeguarding Children Team <safeguarding.children@uhbw.nhs.uk>",
                  text=f"Please find my notification attached.\n\n{f['rname']}\n",
                  attachments=[("notification.docx", R.doc_bytes(d), "application",
                                "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    msg = R.eml(name, "Safeguarding Children Team <safeguarding.children@uhbw.nhs.uk>", "FW: Serious incident notification",
                when(r, 11, 40), text="Forwarding the attached as requested by the named nurse.\n\nSafeguarding Children Team\n",
                rfc822=inner, rfc822_name="Serious incident notification.eml")
    return msg, expected_referral(r), "attached .eml (message/rfc822) holding a .docx with merged section rows; team mailbox sends"


# ------------------------------------------------------------------ r14 Outlook inline forward, -----Original Message-----

def r14_text_original_message_forward(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    f = fields(r, "ordmon", "Not known", "a")
    fw, fwl = R_pro(r)
    rf = r["referrer"]
    lines = ["Please see below, forwarded with the referrer's agreement. I am not the referrer and not the contact for this.", "",
             fw, "Deputy Designated Safeguarding Lead", "01632 960001", "", "-----Original Message-----",
             f"From: {rf['name']} <{rf['email']}>", f"Sent: {fmt_date(r['mail_date'], 'daylong')} 08:14",
             f"To: {fw} <{fwl}@n-somerset.gov.uk>", "Subject: serious incident - form", "",
             f"{fw.split(' ')[0]}, can you send this on to the partnership please.", "",
             f"Referrer: {f['rname']} ({f['role']}, {f['agency']})", f"Contact: {f['phone']} / {f['email']}",
             f"Date: {f['date']}", "", f"Child: {f['cname']}", f"DOB: {f['dob']}", f"Address: {f['addr']}",
             f"Carer: {f['carer']}", f"Ethnicity: {f['eth']}", f"Religion: {f['faith']}", f"Disability: {f['dis']}",
             f"CP plan: {f['cpp']}", f"Incident: {f['idate']} at {f['iloc']}", f"Child died: {f['died']}",
             f"Seriously harmed: {f['harmed']}", f"Abuse or neglect: {f['abuse']}",
             f"Concern about agencies: {f['concern']}", f"What happened: {f['summary']}", "", "Family:"]
    lines += ["  " + ", ".join(fam_row(x, "ordmon", "Not known")) for x in r["family"]]
    lines += ["Agencies:"] + ["  " + ", ".join(ag_row(a, "still involved", "closed")) for a in r["other_agencies"]]
    lines += ["Other processes:"] + [f"  {p['process']}: {p['status']}" for p in r["other_processes"]]
    msg = R.eml(name, f"{fw} <{fwl}@n-somerset.gov.uk>", "FW: serious incident - form", when(r, 10, 3), text="\n".join(lines) + "\n")
    return msg, expected_referral(r), "text: Outlook '-----Original Message-----' forward by a DSL; referrer's details on two lines"


def R_pro(r: Rec) -> tuple[str, str]:
    from h15_data import pro
    return pro(r["rng"], r["used"])


# ------------------------------------------------------------------ r15 narrative by a detective sergeant (text)

def r15_narr_text_ds(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    c, rf, k = r["child"], r["referrer"], r["criteria"]
    rf["agency"] = "Avon and Somerset Constabulary"
    rf["role"] = "Detective Sergeant, Child Abuse Investigation Team"
    rf["email"] = rf["email"].split("@")[0] + "@avonandsomerset.police.uk"
    k["child_died"], k["seriously_harmed"], k["abuse_or_neglect"], k["agency_concern"] = False, True, "suspected", None
    c["incident_location"] = "the family home"
    he = "she" if r["girl"] else "he"
    text = (f"Good afternoon,\n\nI am writing to notify you of an incident which I believe meets the criteria for a rapid review.\n\n"
            f"On {fmt_date(c['incident_date'], 'ord')} officers attended {c['incident_location']} where {c['name']} "
            f"(born {fmt_date(c['date_of_birth'], 'slash')}) was found seriously injured; {he} remains in hospital. "
            f"{c['name'].split(' ')[0]} lives with {c['carer']} at {c['home_address']}. The injuries are not explained "
            f"and we are treating them as suspected non-accidental.\n\n"
            f"A joint investigation with children's social care is under way. I will leave the question of how the "
            f"agencies worked together to the partnership.\n\nRegards\n\nDS {rf['name']}\n{rf['role']}\n{rf['agency']}\n"
            f"Tel {rf['phone']}\n")
    rf["date_submitted"] = None
    for key in ("ethnicity", "faith", "disability"):
        c[key] = None
    c["child_protection_plan"] = None
    exp = expected_referral(r, summary=None, family=[], other_agencies=[], other_processes=[])
    msg = R.eml(name, sender(r), "Notification - possible rapid review", when(r, 14, 47), text=text)
    return msg, exp, "narrative text, no form: a DS's notification, 'DS' title in the signature"


# ------------------------------------------------------------------ r16 narrative HTML by a school DSL, year-less date

def r16_narr_html_school_noyear(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    c, rf, k = r["child"], r["referrer"], r["criteria"]
    rf["agency"], rf["role"] = "Clevedon Shore Primary School", "Designated Safeguarding Lead"
    rf["email"] = rf["email"].split("@")[0] + "@clevedonshore.n-somerset.sch.uk"
    k["child_died"], k["seriously_harmed"], k["abuse_or_neglect"], k["agency_concern"] = False, True, "known", True
    c["incident_location"] = "home"
    c["date_of_birth"] = dt.date(2018, r["rng"].randint(1, 12), r["rng"].randint(1, 28))  # a primary-school pupil
    sh, hr, Hr = ("she", "her", "Her") if r["girl"] else ("he", "him", "His")
    html = (R.OWA_HEAD + f"<div>Dear CSPR team,</div><div><br></div><div>I am the DSL at our school. On "
            f"{esc(fmt_date(c['incident_date'], 'noyear_day'))} {esc(c['name'])} (date of birth "
            f"{esc(fmt_date(c['date_of_birth'], 'long'))}) disclosed that {sh} had been burned with a cigarette at home by {'her' if r['girl'] else 'his'} "
            f"mother's partner; the injuries were seen by our staff and {sh} has been admitted to hospital. {Hr} mother, "
            f"{esc(c['carer'])}, lives with {hr} at {esc(c['home_address'])}.</div><div><br></div><div>We raised concerns "
            f"with social care twice this term and I do not feel they were acted on, so I think the way we worked together "
            f"needs to be looked at.</div><div><br></div><div>Kind regards,</div><div>{esc(rf['name'])}</div>"
            f"<div>{esc(rf['role'])}, {esc(rf['agency'])}</div><div>{esc(rf['phone'])}</div>" + R.OWA_TAIL)
    rf["date_submitted"] = None
    for key in ("ethnicity", "faith", "disability"):
        c[key] = None
    c["child_protection_plan"] = None
    exp = expected_referral(r, summary=None, family=[], other_agencies=[], other_processes=[])
    msg = R.eml(name, sender(r), "Concern about a pupil", when(r, 16, 5), html=html)
    return msg, exp, "narrative HTML (Outlook web), no form: a DSL; incident date without a year ('Mon 23rd November')"


# ------------------------------------------------------------------ r17 lists inside cells, family blocks in one cell (docx)

def r17_docx_lists_in_cells(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    f = fields(r, "mon2", "unknown", "a")
    d = R.new_doc("Calibri", 10)
    R.heading(d, "Rapid Review Referral", 1)
    t = R.table(d, [["Referrer", f"{f['rname']}\n{f['role']}\n{f['agency']}"], ["Contact details", f"{f['phone']}\n{f['email']}"],
                    ["Date sent", f["date"]], ["Child", f["cname"]], ["Date of birth", f["dob"]], ["Address", f["addr"]],
                    ["Parent/carer", f["carer"]], ["Ethnicity", f["eth"]], ["Religion", f["faith"]], ["Disability", f["dis"]],
                    ["Child protection plan", f["cpp"]], ["Incident date", f["idate"]], ["Incident location", f["iloc"]],
                    ["Child died?", f["died"]], ["Seriously harmed?", f["harmed"]], ["Abuse/neglect known or suspected", f["abuse"]],
                    ["Concerns about agencies working together?", f["concern"]], ["Summary", f["summary"]],
                    ["Household members", ""], ["Agencies involved", ""], ["Other processes", ""]])
    n = len(t.rows)
    fam_cell, ag_cell, pr_cell = t.cell(n - 3, 1), t.cell(n - 2, 1), t.cell(n - 1, 1)
    first = True
    for x in r["family"]:
        for ln in (f"Name: {x['name']}", f"Relationship: {x['relationship']}", f"DOB: {D(x['date_of_birth'], 'mon2', 'unknown')}",
                   f"Address: {N(x['address'], 'unknown')}", f"Ethnicity: {N(x['ethnicity'], 'unknown')}", ""):
            p = fam_cell.paragraphs[0] if first else fam_cell.add_paragraph()
            first = False
            p.add_run(ln)
    for a in r["other_agencies"]:
        ag_cell.add_paragraph(f"{a['agency']}: {a['name']}, {a['contact']} ({'still involved' if a['still_involved'] else 'closed'})",
                              style="List Bullet")
    for p in r["other_processes"]:
        pr_cell.add_paragraph(f"{p['process']} - {p['status']}", style="List Number")
    msg = R.eml(name, sender(r), "RR referral", when(r, 9, 9), text="Referral attached.\n",
                attachments=[("RR referral.docx", R.doc_bytes(d), "application",
                              "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    return msg, expected_referral(r), "docx: referrer name/role/agency in one cell; family as label blocks in one cell; Word bullets in cells"


# ------------------------------------------------------------------ r18 referrer only in the declaration, family ages only

def r18_docx_declaration_last_ages(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    f = fields(r, "ord", "Not known", "c")
    md = r["mail_date"]
    d = R.new_doc("Arial", 10)
    R.heading(d, "Serious Incident Notification (SIN)", 1)
    R.table(d, [["Child's name", f["cname"], "DOB", f["dob"]], ["Address", f["addr"], "Carer", f["carer"]],
                ["Ethnicity", f["eth"], "Religion", f["faith"]], ["Disability", f["dis"], "CP plan", f["cpp"]]], bold_cols=(0, 2))
    d.add_paragraph()
    R.table(d, [["Incident date", f["idate"]], ["Where", f["iloc"]], ["Death of child", f["died"]], ["Serious harm", f["harmed"]],
                ["Abuse or neglect", f["abuse"]], ["Multi-agency practice concerns", f["concern"]], ["Outline of incident", f["summary"]]])
    d.add_paragraph().add_run("People in the child's life").bold = True
    rows = [["Name", "Relationship", "Age", "Lives at", "Ethnicity"]]
    for x in r["family"]:
        dob = x["date_of_birth"]
        age = "Not known" if dob is None else str(md.year - dob.year - ((md.month, md.day) < (dob.month, dob.day)))
        rows.append([x["name"], x["relationship"], age, N(x["address"]), N(x["ethnicity"])])
    R.table(d, rows, bold_cols=(), header=True)
    d.add_paragraph().add_run("Services involved").bold = True
    R.table(d, [["Service", "Lead worker", "Contact", "Still involved"]] + [ag_row(a) for a in r["other_agencies"]], bold_cols=(), header=True)
    d.add_paragraph().add_run("Other investigations or processes").bold = True
    R.table(d, [["Process", "Status"]] + [[p["process"], p["status"]] for p in r["other_processes"]], bold_cols=(), header=True)
    d.add_paragraph().add_run("Declaration").bold = True
    R.table(d, [["Completed by", f["rname"]], ["Position", f["role"]], ["Organisation", f["agency"]],
                ["Telephone", f["phone"]], ["Email", f["email"]], ["Signature", f["rname"].split(" ")[0][0] + ". " + f["rname"].split(" ")[-1]],
                ["Date", f["date"]]])
    exp = expected_referral(r)
    for x in exp["referral"]["family"]:
        x["date_of_birth"] = None  # the form asks for ages, not dates of birth
    msg = R.eml(name, sender(r), "SIN form", when(r, 17, 12), text="SIN attached.\n",
                attachments=[("SIN.docx", R.doc_bytes(d), "application",
                              "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    return msg, exp, "docx: the referrer only in a closing declaration table; family with ages, no dates of birth (null)"


# ------------------------------------------------------------------ r19 workbook sheet printed to PDF, family below

def r19_pdf_lo_from_xlsx_one_sheet(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name)
    f = fields(r, "slash", "Not known", "b")
    rows: list[list[Any]] = [["SERIOUS INCIDENT NOTIFICATION", "", "", "", ""]]
    for lb, k in (("Referrer", "rname"), ("Role", "role"), ("Agency", "agency"), ("Telephone", "phone"), ("Email", "email"),
                  ("Date", "date"), ("Child", "cname"), ("Date of birth", "dob"), ("Address", "addr"), ("Carer", "carer"),
                  ("Ethnicity", "eth"), ("Faith", "faith"), ("Disability", "dis"), ("CP plan", "cpp"), ("Incident date", "idate"),
                  ("Incident location", "iloc"), ("Child died", "died"), ("Serious harm", "harmed"), ("Abuse/neglect", "abuse"),
                  ("Agency working concern", "concern"), ("Summary", "summary")):
        rows.append([lb, f[k], "", "", ""])
    rows += [["", "", "", "", ""], ["Family: name", "Relationship", "DOB", "Address", "Ethnicity"]]
    rows += [fam_row(x, "slash", "Not known") for x in r["family"]]
    rows += [["", "", "", "", ""], ["Agency", "Worker", "Contact", "Still involved", ""]]
    rows += [[*ag_row(a), ""] for a in r["other_agencies"]]
    rows += [["", "", "", "", ""], ["Process", "Status", "", "", ""]] + [[p["process"], p["status"], "", "", ""] for p in r["other_processes"]]
    import io

    import openpyxl
    from openpyxl.styles import Alignment, Font
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "SIN"
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.column == 1 and cell.value:
                cell.font = Font(bold=True)
    for col, wd in {"A": 30, "B": 46, "C": 44, "D": 40, "E": 28}.items():
        ws.column_dimensions[col].width = wd
    for i, row in enumerate(rows, 1):  # LibreOffice keeps openpyxl's default height: set tall rows by hand
        longest = max(len(str(v)) for v in row)
        ws.row_dimensions[i].height = 15 * (1 + longest // 38)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    b = io.BytesIO()
    wb.save(b)
    x = b.getvalue()
    pdf = R.soffice_convert(x, "sin", "xlsx", "pdf")
    msg = R.eml(name, sender(r), "SIN notification (PDF)", when(r, 10, 50), text="PDF of our SIN spreadsheet attached.\n",
                attachments=[("SIN.pdf", pdf, "application", "pdf")])
    return msg, expected_referral(r), "PDF by LibreOffice from a one-sheet workbook: label/value rows, family grid below"


# ------------------------------------------------------------------ r20 text Q&A with written Yes/No and Y

def r20_text_qa_sibling_present(name: str) -> tuple[bytes, dict[str, Any], str]:
    r = referral(name, n_family=3)
    f = fields(r, "long", "Not known", "a")
    k = r["criteria"]
    lines = [f"Q: Who is making this referral?\nA: {f['rname']}, {f['role']}, {f['agency']}",
             f"Q: How can we contact you?\nA: {f['phone']} or {f['email']}",
             f"Q: Date?\nA: {f['date']}",
             f"Q: Which child is this about?\nA: {f['cname']}, born {f['dob']}",
             f"Q: Where does the child live and with whom?\nA: {f['addr']}, with {f['carer']}",
             f"Q: Ethnicity / religion / disability?\nA: {f['eth']} / {f['faith']} / {f['dis']}",
             f"Q: Child protection plan?\nA: {f['cpp']}",
             f"Q: When and where did it happen?\nA: {f['idate']}, {f['iloc']}",
             f"Q: Did the child die?\nA: {'Yes' if k['child_died'] else 'No'}",
             f"Q: Was the child seriously harmed?\nA: {'Y' if k['seriously_harmed'] else 'N'}",
             f"Q: Abuse or neglect known or suspected?\nA: {f['abuse']}",
             f"Q: Any concern about how agencies worked together?\nA: {f['concern']}",
             f"Q: What happened?\nA: {f['summary']}",
             "Q: Who else is in the family?\nA: " + "\n   ".join(", ".join(fam_row(x, "long", "Not known")) for x in r["family"]),
             "Q: Which agencies are involved?\nA: " + "\n   ".join(f"{a['agency']}, {a['name']}, {a['contact']}, "
                                                                   f"{'still involved' if a['still_involved'] else 'not involved now'}"
                                                                   for a in r["other_agencies"]),
             "Q: Any other processes?\nA: " + "\n   ".join(f"{p['process']} ({p['status']})" for p in r["other_processes"])]
    msg = R.eml(name, sender(r), "Referral Q&A", when(r, 20, 2), text="\n\n".join(lines) + "\n")
    return msg, expected_referral(r), "text: Q:/A: pairs, several answers in one A: line, written Yes/No and Y/N"


ALL = [r01_docx_header_row_tables, r02_docx_legacy_formfields, r03_pdf_lo_parts_dot_dates, r04_xlsx_forms_export_wide_row,
       r05_pdf_fillable_default_names, r06_html_outlook_msotable, r07_html_portal_question_rows, r08_html_gmail_bullets,
       r09_text_caps_labels_brackets, r10_text_dash_labels_paren_ticks, r11_text_value_under_label, r12_text_dot_leaders,
       r13_rfc822_with_docx_inside, r14_text_original_message_forward, r15_narr_text_ds, r16_narr_html_school_noyear,
       r17_docx_lists_in_cells, r18_docx_declaration_last_ages, r19_pdf_lo_from_xlsx_one_sheet, r20_text_qa_sibling_present]
