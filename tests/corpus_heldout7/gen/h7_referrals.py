"""Referral layouts of held-out set 7: each returns (eml bytes, expected parse JSON, carrier)."""

from __future__ import annotations

import datetime as dt
import zlib
from typing import Any

from h7_data import ETHNICITIES, expected_referral, fmt_date, make_case, phone
from h7_render import (
    P, Spacer, TO, build_pdf, cell_text, colors, doc_bytes, eml, heading, merge_row, mm, new_doc, rl_table,
    shade, soffice_pdf, table, tracked, when, wingdings, wingdings_text,
)

Out = tuple[bytes, dict[str, Any], str]
DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def yn(b: bool | None, y: str = "Yes", n: str = "No") -> str:
    return y if b else n


def expected(kind: str, referral: Any = None, case_ref: str | None = None, agency_return: Any = None,
             command: Any = None) -> dict[str, Any]:
    return {"kind": kind, "case_ref": case_ref, "referral": referral, "agency_return": agency_return,
            "command": command}


def set_referrer(c: dict[str, Any], role: str, agency: str, domain: str, ph: str | None = None) -> None:
    r = c["referrer"]
    r["role"], r["agency"] = role, agency
    r["email"] = f"{r['first'].lower()}.{r['sur'].lower()}@{domain}"
    if ph:
        r["phone"] = ph


def from_line(c: dict[str, Any]) -> str:
    r = c["referrer"]
    return f"{r['name']} <{r['email']}>"


CPP_WORDS = {"yes": "Yes - current plan", "no": "No", "has_been": "Previously", "not_known": "Not known"}


def fam_exp(c: dict[str, Any], **null: bool) -> list[dict[str, Any]]:
    out = []
    for m in c["family"]:
        e = {"name": m["name"], "relationship": m["relationship"], "date_of_birth": m["date_of_birth"].isoformat(),
             "address": m["address"], "ethnicity": m["ethnicity"]}
        for k in null:
            e[k] = None
        out.append(e)
    return out


def split_name(n: str) -> tuple[str, str]:
    first, _, sur = n.partition(" ")
    return first, sur


def sign(c: dict[str, Any], extra: str = "") -> str:
    r = c["referrer"]
    return f"{r['name']}\n{r['role']}\n{r['agency']}\n{extra}Tel: {r['phone']}\nEmail: {r['email']}\n"


# ------------------------------------------------------------------ r01 police "Form 78"

def r01_docx_police_form78(name: str) -> Out:
    c = make_case(name)
    rng = c["rng"]
    set_referrer(c, "Detective Inspector", "Wessex Police", "wessex.police.uk", phone(rng, "land"))
    f = lambda d: fmt_date(d, "dots")  # noqa: E731
    r = c["referrer"]
    d = new_doc("Arial", 9)
    d.add_paragraph().add_run("OFFICIAL - SENSITIVE").bold = True
    heading(d, "WESSEX POLICE - FORM 78", 1)
    d.add_paragraph("Notification of a child coming to police notice: serious incident / child death "
                    "(for onward referral to the Safeguarding Children Partnership)")
    occ = f"WP-{rng.randint(26000000, 26999999)}"
    table(d, [["Occurrence no.", occ, "Niche ref", f"26*{rng.randint(100000, 999999)}"],
              ["Date/time reported", f"{f(r['date_submitted'])} {rng.randint(8, 20):02d}:{rng.randint(0, 59):02d}",
               "Station", "Weston-super-Mare PPU"]], bold_cols=(0, 2))
    heading(d, "Part A - Submitting officer", 2)
    table(d, [["Name", r["name"]], ["Rank / role", r["role"]], ["Collar / staff no.", str(rng.randint(1000, 9999))],
              ["Force / agency", r["agency"]], ["E-mail", r["email"]], ["Telephone", r["phone"]],
              ["Date submitted", f(r["date_submitted"])]])
    heading(d, "Part B - Subject (child)", 2)
    table(d, [["Surname", c["sur"].upper()], ["Forename(s)", c["first"]], ["DOB", f(c["dob"])],
              ["Home address", c["home"]], ["Self-defined ethnicity", c["ethnicity"]], ["Religion", c["faith"]],
              ["Disability / vulnerability", c["disability"]],
              ["Person(s) with parental responsibility / carer", c["carer"]],
              ["Child protection plan", {"yes": "Y - current", "no": "N", "has_been": "Previously",
                                         "not_known": "Unknown"}[c["cpp"]]]])
    heading(d, "Part C - Incident", 2)
    table(d, [["Date of incident", f(c["incident"])], ["Location of incident", c["location"]]])
    heading(d, "Part D - Partnership criteria (enter Y or N)", 2)
    cr = c["criteria"]
    table(d, [["Child has died", yn(cr["child_died"], "Y", "N")],
              ["Child seriously harmed", yn(cr["seriously_harmed"], "Y", "N")],
              ["Abuse or neglect KNOWN", yn(cr["abuse_or_neglect"] == "known", "Y", "N")],
              ["Abuse or neglect SUSPECTED", yn(cr["abuse_or_neglect"] == "suspected", "Y", "N")],
              ["Concern about how agencies worked together", yn(cr["agency_concern"], "Y", "N")]])
    heading(d, "Part E - Circumstances", 2)
    d.add_paragraph(c["summary"])
    heading(d, "Part F - Linked persons", 2)
    rows = [["Surname", "Forename(s)", "Link to subject", "DOB", "Address", "Ethnicity"]]
    fam = []
    for m in c["family"]:
        fn, sn = split_name(m["name"])
        rows.append([sn.upper(), fn, m["relationship"], f(m["date_of_birth"]), m["address"], m["ethnicity"]])
        fam.append({"name": f"{fn} {sn.upper()}", "relationship": m["relationship"],
                    "date_of_birth": m["date_of_birth"].isoformat(), "address": m["address"],
                    "ethnicity": m["ethnicity"]})
    table(d, rows, bold_cols=(), header=True)
    heading(d, "Part G - Other agencies known to be involved", 2)
    rows = [["Agency", "Contact name", "Tel / e-mail", "Currently involved (Y/N)"]]
    rows += [[o["agency"], o["name"], o["contact"], yn(o["still_involved"], "Y", "N")] for o in c["others"]]
    table(d, rows, bold_cols=(), header=True)
    heading(d, "Part H - Other investigations / processes", 2)
    table(d, [["Process", "Current position"]] + [[p["process"], p["status"]] for p in c["procs"]],
          bold_cols=(), header=True)
    d.add_paragraph("Supervisor review: DS 2291 - reviewed, forward to SCP.")
    data = doc_bytes(d)
    body = (f"Please find attached Form 78 for occurrence {occ} for consideration by the partnership.\n\n"
            f"Regards\n\n{r['name']}\n{r['role']}\nPublic Protection Unit | {r['agency']}\n")
    msg = eml(name, from_line(c), f"OFFICIAL-SENSITIVE: Form 78 {occ} - CSPR notification",
              when(r["date_submitted"], 16, 5), text=body, attachments=[("Form78_" + occ + ".docx", data, *DOCX)])
    exp = expected_referral(c, family=fam)
    exp["child"]["name"] = f"{c['first']} {c['sur'].upper()}"
    return msg, expected("referral", exp), "docx police form78 (Y/N letters, split surname in capitals)"


# ------------------------------------------------------------------ r02 labels in the right column

def r02_docx_labels_right(name: str) -> Out:
    return _labels_right(name, pdf=False)


def r23_pdf_soffice_labels_right(name: str) -> Out:
    return _labels_right(name, pdf=True)


def _labels_right(name: str, pdf: bool) -> Out:
    c = make_case(name)
    f = lambda d: fmt_date(d, "slash2" if pdf else "long")  # noqa: E731
    r = c["referrer"]
    cr = c["criteria"]
    d = new_doc("Calibri", 10)
    heading(d, "Request for consideration of a Child Safeguarding Practice Review", 1)
    d.add_paragraph("Complete the left-hand column. Guidance for each box is shown on the right.")
    rows: list[list[str]] = []
    sections = [
        ("Section 1: about you", [(r["name"], "Your name"), (r["role"], "Your job title"),
                                   (r["agency"], "Organisation"), (r["email"], "Secure e-mail address"),
                                   (r["phone"], "Contact telephone"), (f(r["date_submitted"]), "Date of request")]),
        ("Section 2: the child", [(c["child_name"], "Child's full name"), (f(c["dob"]), "Date of birth"),
                                  (c["home"], "Usual home address"), (c["carer"], "Main carer(s)"),
                                  (f(c["incident"]), "Date of the incident or death"),
                                  (c["location"], "Where it happened"), (c["ethnicity"], "Ethnicity"),
                                  (c["faith"], "Religion / faith"), (c["disability"], "Any disability"),
                                  ({"yes": "Yes, currently", "no": "No", "has_been": "Has been in the past",
                                    "not_known": "Not known"}[c["cpp"]], "Child protection plan?")]),
        ("Section 3: criteria", [(yn(cr["child_died"]), "Has the child died?"),
                                 (yn(cr["seriously_harmed"]), "Has the child been seriously harmed?"),
                                 (cr["abuse_or_neglect"].capitalize(), "Abuse or neglect: known or suspected?"),
                                 (yn(cr["agency_concern"]),
                                  "Is there concern about how organisations worked together?")]),
    ]
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for title, items in sections:
        row = t.add_row()
        row.cells[0].merge(row.cells[1])
        cell_text(row.cells[0], title, bold=True)
        shade(row.cells[0], "BDD7EE")
        for val, lab in items:
            row = t.add_row()
            cell_text(row.cells[0], val)
            p = cell_text(row.cells[1], lab, bold=True)
            p.alignment = 2
            shade(row.cells[1], "F2F2F2")
        rows.append([title])
    heading(d, "Section 4: what happened", 2)
    table(d, [[c["summary"], "Brief summary of events (facts only)"]], bold_cols=(1,), fill="F2F2F2")
    heading(d, "Section 5: family and significant others", 2)
    fr = [["Relationship to child", "Name", "Ethnicity", "Address", "D.O.B."]]
    fr += [[m["relationship"], m["name"], m["ethnicity"], m["address"], f(m["date_of_birth"])] for m in c["family"]]
    table(d, fr, bold_cols=(), header=True, fill="F2F2F2")
    heading(d, "Section 6: other organisations involved", 2)
    orows = [["Still involved?", "Contact details", "Organisation", "Worker"]]
    orows += [[yn(o["still_involved"]), o["contact"], o["agency"], o["name"]] for o in c["others"]]
    table(d, orows, bold_cols=(), header=True, fill="F2F2F2")
    heading(d, "Section 7: parallel processes", 2)
    table(d, [["Status", "Process"]] + [[p["status"], p["process"]] for p in c["procs"]], bold_cols=(),
          header=True, fill="F2F2F2")
    att = (("CSPR request.pdf", soffice_pdf(doc_bytes(d), "req"), "application", "pdf") if pdf else
           ("CSPR request.docx", doc_bytes(d), *DOCX))
    msg = eml(name, from_line(c), "CSPR request for consideration - secure", when(r["date_submitted"], 11, 42),
              text=f"Dear colleagues,\n\nPlease see the attached request.\n\nKind regards\n{r['name']}\n",
              attachments=[att])
    return msg, expected("referral", expected_referral(c)), (
        "PDF from Word: labels in right column" if pdf else "docx labels in right column, reordered columns")


# ------------------------------------------------------------------ r03 Google Docs export

def gdocs_doc(c: dict[str, Any], f: Any) -> Any:
    r = c["referrer"]
    cr = c["criteria"]
    d = new_doc("Arial", 11)
    d.add_heading("Serious Child Safeguarding Incident - referral to the partnership", 0)

    def line(label: str, val: str) -> None:
        p = d.add_paragraph()
        p.add_run(label + ": ").bold = True
        p.add_run(val)

    d.add_heading("Who is making this referral", 1)
    for lab, val in [("Name", r["name"]), ("Role", r["role"]), ("Organisation", r["agency"]),
                     ("Email", r["email"]), ("Phone", r["phone"]), ("Date", f(r["date_submitted"]))]:
        line(lab, val)
    d.add_heading("The child", 1)
    for lab, val in [("Child’s name", c["child_name"]), ("Date of birth", f(c["dob"])), ("Address", c["home"]),
                     ("Lives with / cared for by", c["carer"]), ("Date of incident", f(c["incident"])),
                     ("Place of incident", c["location"]), ("Ethnicity", c["ethnicity"]), ("Faith", c["faith"]),
                     ("Disability", c["disability"]),
                     ("Child protection plan", {"yes": "Yes - current", "no": "No", "has_been":
                                                "Has been subject to a plan", "not_known": "Not known"}[c["cpp"]])]:
        line(lab, val)
    d.add_heading("Family and significant others", 1)
    for m in c["family"]:
        d.add_paragraph(f"{m['name']} – {m['relationship']} – born {f(m['date_of_birth'])} – {m['address']} – "
                        f"{m['ethnicity']}", style="List Bullet")
    d.add_heading("Why this may meet the criteria", 1)
    for lab, val in [("Has the child died?", yn(cr["child_died"])),
                     ("Has the child been seriously harmed?", yn(cr["seriously_harmed"])),
                     ("Is abuse or neglect known or suspected?", cr["abuse_or_neglect"].capitalize()),
                     ("Are there concerns about agencies working together?", yn(cr["agency_concern"]))]:
        line(lab, val)
    d.add_heading("Summary", 1)
    d.add_paragraph(c["summary"])
    d.add_heading("Other agencies involved", 1)
    for o in c["others"]:
        d.add_paragraph(f"{o['name']}, {o['agency']} – {o['contact']} – "
                        f"{'still involved' if o['still_involved'] else 'no longer involved'}", style="List Bullet")
    d.add_heading("Other processes", 1)
    for p in c["procs"]:
        d.add_paragraph(f"{p['process']}: {p['status']}", style="List Bullet")
    return d


def r22_pdf_soffice_gdocs(name: str) -> Out:
    c = make_case(name)
    r = c["referrer"]
    d = gdocs_doc(c, lambda x: fmt_date(x, "dots4"))
    pdf = soffice_pdf(doc_bytes(d), "referral")
    msg = eml(name, from_line(c), "Referral for consideration of a rapid review", when(r["date_submitted"], 13, 37),
              text=f"Please see attached (saved as PDF).\n\n{r['name']}\n{r['role']}",
              attachments=[("Referral.pdf", pdf, "application", "pdf")])
    return msg, expected("referral", expected_referral(c)), "PDF from Word: Google-Docs style, bullets"


def r03_docx_gdocs(name: str) -> Out:
    c = make_case(name)
    r = c["referrer"]
    d = gdocs_doc(c, lambda x: fmt_date(x, "ord"))
    d.core_properties.author = ""
    d.core_properties.title = "Copy of CSPR referral"
    msg = eml(name, from_line(c), "Referral - serious incident (secure)", when(r["date_submitted"], 9, 3),
              text="Hello, referral attached (downloaded from Google Docs). Thanks\n" + r["name"],
              attachments=[("Copy of CSPR referral.docx", doc_bytes(d), *DOCX)])
    return msg, expected("referral", expected_referral(c)), "docx Google-Docs style (bold labels, bullets)"


# ------------------------------------------------------------------ r04 tracked changes + comments

def r04_docx_tracked(name: str) -> Out:
    c = make_case(name, died=False)
    rng = c["rng"]
    set_referrer(c, "Named Nurse Safeguarding Children", "Weston General Hospital", "nhs.net")
    f = lambda d: fmt_date(d, "slash")  # noqa: E731
    r = c["referrer"]
    cr = c["criteria"]
    d = new_doc("Arial", 10)
    heading(d, "Safeguarding Children Partnership - Rapid Review Referral", 1)
    d.add_paragraph("DRAFT v2 - amended by safeguarding team before sending")
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    author, date = f"{r['first']} {r['sur']}", f"{r['date_submitted'].isoformat()}T14:05:00Z"
    wrong_dob = c["dob"] + dt.timedelta(days=rng.choice([-31, 1, 365]))

    def row(label: str, val: str | list[tuple[str, str]], comment: str | None = None) -> None:
        rw = t.add_row()
        cell_text(rw.cells[0], label, bold=True)
        shade(rw.cells[0], "E2EFD9")
        p = rw.cells[1].paragraphs[0]
        if isinstance(val, str):
            run = p.add_run(val)
            if comment:
                d.add_comment(run, text=comment, author="Safeguarding Admin", initials="SA")
        else:
            tracked(p, val, author, date)

    def sec(title: str) -> None:
        rw = t.add_row()
        rw.cells[0].merge(rw.cells[1])
        cell_text(rw.cells[0], title, bold=True)
        shade(rw.cells[0], "A8D08D")

    sec("Referrer")
    row("Name", r["name"])
    row("Designation", r["role"])
    row("Agency", [("", "Weston General "), ("del", "Hosp."), ("ins", "Hospital")])
    row("Email", r["email"])
    row("Telephone", r["phone"])
    row("Date of referral", f(r["date_submitted"]))
    sec("Child")
    row("Name", c["child_name"])
    row("Date of birth", [("del", f(wrong_dob)), ("ins", f(c["dob"]))])
    row("Address", c["home"])
    row("Parent/carer", c["carer"])
    row("Date of incident", f(c["incident"]))
    row("Location of incident", [("", c["location"])] if rng.random() < 0.5 else [("ins", c["location"])])
    row("Ethnicity", c["ethnicity"], comment="Taken from the ED record - not confirmed with the family yet")
    row("Faith", c["faith"])
    row("Disability", c["disability"])
    row("Child Protection Plan", {"yes": "Yes", "no": "No", "has_been": "Previously", "not_known": "Not known"}[c["cpp"]])
    sec("Criteria")
    row("Child died", yn(cr["child_died"]))
    row("Child seriously harmed", yn(cr["seriously_harmed"]))
    row("Abuse / neglect", [("del", "Known" if cr["abuse_or_neglect"] == "suspected" else "Suspected"),
                            ("ins", cr["abuse_or_neglect"].capitalize())])
    row("Concerns re multi-agency working", yn(cr["agency_concern"]))
    sec("Summary of incident")
    rw = t.add_row()
    rw.cells[0].merge(rw.cells[1])
    first, _, rest = c["summary"].partition(". ")
    tracked(rw.cells[0].paragraphs[0], [("", first + ". "), ("del", "Details to follow. "), ("ins", rest)],
            author, date)
    heading(d, "Family members", 2)
    table(d, [["Name", "Relationship", "DOB", "Address", "Ethnicity"]] +
          [[m["name"], m["relationship"], f(m["date_of_birth"]), m["address"], m["ethnicity"]] for m in c["family"]],
          bold_cols=(), header=True, fill="E2EFD9")
    heading(d, "Agencies involved", 2)
    table(d, [["Professional", "Agency", "Contact", "Still involved"]] +
          [[o["name"], o["agency"], o["contact"], yn(o["still_involved"])] for o in c["others"]],
          bold_cols=(), header=True, fill="E2EFD9")
    heading(d, "Other processes", 2)
    table(d, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["procs"]], bold_cols=(),
          header=True, fill="E2EFD9")
    msg = eml(name, from_line(c), "Rapid review referral", when(r["date_submitted"], 14, 30),
              text=f"Hi\n\nReferral attached - sorry, I think the track changes are still showing, the amended "
                   f"version is the right one.\n\n{sign(c)}",
              attachments=[("RR referral v2.docx", doc_bytes(d), *DOCX)])
    return msg, expected("referral", expected_referral(c)), "docx with tracked changes and a comment"


# ------------------------------------------------------------------ r05 Wingdings check boxes

def wingdings_doc(c: dict[str, Any], f: Any) -> Any:
    r = c["referrer"]
    cr = c["criteria"]
    d = new_doc("Verdana", 9)
    heading(d, "CHILD SAFEGUARDING PRACTICE REVIEW - NOTIFICATION OF INCIDENT", 1)
    table(d, [["Name of person referring", r["name"], "Job title", r["role"]],
              ["Organisation", r["agency"], "Date", f(r["date_submitted"])],
              ["Email", r["email"], "Tel", r["phone"]]], bold_cols=(0, 2), fill="FFF2CC")
    heading(d, "Details of child", 2)
    table(d, [["Name", c["child_name"], "D.O.B", f(c["dob"])],
              ["Address", c["home"], "Carer(s)", c["carer"]],
              ["Date of incident", f(c["incident"]), "Place of incident", c["location"]],
              ["Religion", c["faith"], "Disability", c["disability"]]], bold_cols=(0, 2), fill="FFF2CC")
    d.add_paragraph().add_run("Ethnic origin (tick one)").bold = True
    opts = ETHNICITIES
    t = d.add_table(rows=(len(opts) + 2) // 3, cols=3)
    for i, o in enumerate(opts):
        p = t.cell(i // 3, i % 3).paragraphs[0]
        wingdings_text(p, o == c["ethnicity"])
        p.add_run(" " + o)
    p = d.add_paragraph()
    p.add_run("Child protection plan: ").bold = True
    for key, lab in [("yes", "Yes"), ("no", "No"), ("has_been", "Has been"), ("not_known", "Not known")]:
        wingdings(p, key == c["cpp"])
        p.add_run(f" {lab}    ")
    heading(d, "Criteria", 2)
    t = d.add_table(rows=4, cols=2)
    t.style = "Table Grid"
    qs = [("Has the child died?", [("Yes", cr["child_died"]), ("No", not cr["child_died"])]),
          ("Has the child been seriously harmed?", [("Yes", cr["seriously_harmed"]), ("No", not cr["seriously_harmed"])]),
          ("Abuse or neglect is:", [("Known", cr["abuse_or_neglect"] == "known"),
                                    ("Suspected", cr["abuse_or_neglect"] == "suspected")]),
          ("Concern about agencies working together?", [("Yes", cr["agency_concern"]), ("No", not cr["agency_concern"])])]
    for i, (q, opts2) in enumerate(qs):
        cell_text(t.cell(i, 0), q, bold=True)
        p = t.cell(i, 1).paragraphs[0]
        for lab, on in opts2:
            wingdings(p, bool(on))
            p.add_run(f" {lab}   ")
    heading(d, "Summary of incident", 2)
    table(d, [[c["summary"]]], bold_cols=())
    heading(d, "Family / significant others", 2)
    table(d, [["Name", "Relationship", "DOB", "Address", "Ethnicity"]] +
          [[m["name"], m["relationship"], f(m["date_of_birth"]), m["address"], m["ethnicity"]] for m in c["family"]],
          bold_cols=(), header=True, fill="FFF2CC")
    heading(d, "Other agencies", 2)
    t = d.add_table(rows=1, cols=5)
    t.style = "Table Grid"
    for j, h in enumerate(["Name", "Agency", "Contact", "Still involved", ""]):
        cell_text(t.cell(0, j), h, bold=True)
    for o in c["others"]:
        rw = t.add_row()
        for j, v in enumerate([o["name"], o["agency"], o["contact"]]):
            cell_text(rw.cells[j], v)
        p = rw.cells[3].paragraphs[0]
        wingdings(p, o["still_involved"])
        p.add_run(" Yes")
        p = rw.cells[4].paragraphs[0]
        wingdings(p, not o["still_involved"])
        p.add_run(" No")
    heading(d, "Other processes (Coroner, CDOP, police, care proceedings)", 2)
    table(d, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["procs"]], bold_cols=(),
          header=True, fill="FFF2CC")
    return d


def r05_docx_wingdings(name: str) -> Out:
    c = make_case(name)
    r = c["referrer"]
    d = wingdings_doc(c, lambda x: fmt_date(x, "dmy3"))
    msg = eml(name, from_line(c), "CSPR notification form", when(r["date_submitted"], 12, 12),
              text=f"Please find the notification attached.\n\n{sign(c)}",
              attachments=[("CSPR notification form.docx", doc_bytes(d), *DOCX)])
    return msg, expected("referral", expected_referral(c)), "docx Wingdings check boxes (w:sym and þ/¨)"


def r16_pdf_soffice_wingdings(name: str) -> Out:
    c = make_case(name)
    r = c["referrer"]
    d = wingdings_doc(c, lambda x: fmt_date(x, "slash"))
    pdf = soffice_pdf(doc_bytes(d), "notification")
    msg = eml(name, from_line(c), "CSPR notification form (PDF)", when(r["date_submitted"], 15, 2),
              text=f"Dear Partnership\n\nNotification attached as PDF.\n\n{sign(c)}",
              attachments=[("notification.pdf", pdf, "application", "pdf")])
    return msg, expected("referral", expected_referral(c)), "PDF from Word (LibreOffice) with Wingdings boxes"


# ------------------------------------------------------------------ r06 horizontal records

def r06_docx_horizontal(name: str) -> Out:
    c = make_case(name)
    f = lambda d: fmt_date(d, "iso")  # noqa: E731
    r = c["referrer"]
    cr = c["criteria"]
    d = new_doc("Calibri", 9)
    sec = d.sections[0]
    sec.orientation = 1
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    heading(d, "Notification of Serious Child Safeguarding Incident", 1)
    d.add_paragraph("1. Referrer")
    table(d, [["Name", "Job title", "Organisation", "Email", "Telephone", "Date of referral"],
              [r["name"], r["role"], r["agency"], r["email"], r["phone"], f(r["date_submitted"])]],
          bold_cols=(), header=True, fill="DEEAF6")
    d.add_paragraph("2. Child")
    table(d, [["Full name", "Date of birth", "Address", "Parent(s) / carer(s)", "Ethnicity"],
              [c["child_name"], f(c["dob"]), c["home"], c["carer"], c["ethnicity"]]],
          bold_cols=(), header=True, fill="DEEAF6")
    table(d, [["Faith", "Disability", "Subject to a CP plan?", "Incident date", "Incident location"],
              [c["faith"], c["disability"], CPP_WORDS[c["cpp"]], f(c["incident"]), c["location"]]],
          bold_cols=(), header=True, fill="DEEAF6")
    d.add_paragraph("3. Criteria")
    table(d, [["Child died?", "Child seriously harmed?", "Abuse/neglect known or suspected?",
               "Concern about agencies working together?"],
              [yn(cr["child_died"]), yn(cr["seriously_harmed"]), cr["abuse_or_neglect"].capitalize(),
               yn(cr["agency_concern"])]], bold_cols=(), header=True, fill="DEEAF6")
    d.add_paragraph("4. Brief summary")
    table(d, [[c["summary"]]], bold_cols=())
    d.add_paragraph("5. Family")
    rows = [["x"] * 5, ["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]]
    rows += [[m["name"], m["relationship"], f(m["date_of_birth"]), m["address"], m["ethnicity"]] for m in c["family"]]
    t = table(d, rows, bold_cols=(), header=False, fill="")
    merge_row(t, 0, "Family and significant others (include anyone in the household)")
    for j in range(5):
        t.cell(1, j).paragraphs[0].runs[0].bold = True
        shade(t.cell(1, j), "DEEAF6")
    d.add_paragraph("6. Agencies")
    rows = [["x"] * 4, ["Name", "Agency", "Contact", "Still involved?"]]
    rows += [[o["name"], o["agency"], o["contact"], yn(o["still_involved"])] for o in c["others"]]
    t = table(d, rows, bold_cols=(), fill="")
    merge_row(t, 0, "Other agencies involved with the child or family")
    d.add_paragraph("7. Parallel processes")
    table(d, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["procs"]], bold_cols=(),
          header=True, fill="DEEAF6")
    msg = eml(name, from_line(c), "Notification of serious incident", when(r["date_submitted"], 8, 51),
              text=f"Good morning, please see attached.\n{r['name']}", attachments=[("notification.docx", doc_bytes(d), *DOCX)])
    return msg, expected("referral", expected_referral(c)), "docx landscape horizontal records, merged header rows"


# ------------------------------------------------------------------ r07 school safeguarding system printout

def r07_pdf_cpoms(name: str) -> Out:
    c = make_case(name, died=False, min_age=4.5, max_age=11)
    rng = c["rng"]
    school = "Castle Batch Primary School"
    set_referrer(c, "Designated Safeguarding Lead", school, "school.northvale.sch.uk")
    f = lambda d: fmt_date(d, "short")  # noqa: E731
    r = c["referrer"]
    cr = c["criteria"]
    W = 180 * mm
    st: list[Any] = [P(f"{school} - Safeguarding record export", size=13, bold=True),
                     P(f"Printed {f(r['date_submitted'])} by {r['name']}  |  CONFIDENTIAL", size=7,
                       color=colors.grey), Spacer(1, 4 * mm),
                     P(f"Student: {c['child_name']}", size=11, bold=True), Spacer(1, 2 * mm)]
    st.append(rl_table([["Date of birth", f(c["dob"]), "UPN", f"H{rng.randint(10**11, 10**12)}"],
                        ["Address", c["home"], "Ethnicity", c["ethnicity"]],
                        ["Religion", c["faith"], "SEN / disability", c["disability"]],
                        ["Lives with", c["carer"], "CP status", {"yes": "Current CP plan", "no": "No",
                                                                  "has_been": "Previously subject to CP plan",
                                                                  "not_known": "Not known"}[c["cpp"]]]],
                       [30 * mm, 60 * mm, 30 * mm, 60 * mm], label_cols=(0, 2)))
    st += [Spacer(1, 3 * mm), P("Linked contacts", bold=True, size=10)]
    st.append(rl_table([["Name", "Relationship", "Priority", "Date of birth", "Address"]] +
                       [[m["name"], m["relationship"], str(i + 1), f(m["date_of_birth"]), m["address"]]
                        for i, m in enumerate(c["family"])],
                       [40 * mm, 32 * mm, 15 * mm, 25 * mm, 68 * mm], label_cols=(), header=True))
    st += [Spacer(1, 3 * mm), P("Incidents (most recent first)", bold=True, size=10)]
    inc_rows = [["Date", "Categories", "Incident", "Recorded by"],
                [f(c["incident"]), "Safeguarding; Physical injury", c["summary"], r["name"]]]
    for k in range(2):
        dd = c["incident"] - dt.timedelta(days=rng.randint(10, 90) * (k + 1))
        inc_rows.append([f(dd), "Attendance", f"{c['first']} late; mum said the car broke down.", "Office"])
    st.append(rl_table(inc_rows, [22 * mm, 32 * mm, 96 * mm, 30 * mm], label_cols=(), header=True))
    st += [Spacer(1, 4 * mm), P("Referral to the Safeguarding Children Partnership (CSPR)", bold=True, size=10)]
    st.append(rl_table([["Referred by", r["name"]], ["Role", r["role"]], ["School", r["agency"]],
                        ["Email", r["email"]], ["Phone", r["phone"]], ["Date referred", f(r["date_submitted"])],
                        ["Incident date", f(c["incident"])], ["Incident location", c["location"]],
                        ["Child died", yn(cr["child_died"], "Y", "N")],
                        ["Serious harm", yn(cr["seriously_harmed"], "Y", "N")],
                        ["Abuse/neglect", cr["abuse_or_neglect"].capitalize()],
                        ["Concerns about agencies working together", yn(cr["agency_concern"], "Y", "N")],
                        ["Summary for partnership", c["summary"]]], [55 * mm, 125 * mm]))
    st += [Spacer(1, 3 * mm), P("Agencies involved", bold=True, size=10)]
    st.append(rl_table([["Agency", "Worker", "Contact", "Still involved"]] +
                       [[o["agency"], o["name"], o["contact"], yn(o["still_involved"])] for o in c["others"]],
                       [55 * mm, 40 * mm, 60 * mm, 25 * mm], label_cols=(), header=True))
    st += [Spacer(1, 3 * mm), P("Other processes", bold=True, size=10)]
    st.append(rl_table([["Process", "Status"]] + [[p["process"], p["status"]] for p in c["procs"]],
                       [60 * mm, 120 * mm], label_cols=(), header=True))
    pdf = build_pdf(st, "Safeguarding record export", footer=f"{school} - exported record")
    _ = W
    msg = eml(name, from_line(c), "Safeguarding referral for review consideration", when(r["date_submitted"], 13, 20),
              text=f"Dear Partnership team,\n\nI attach our record export with the referral section completed, as "
                   f"agreed with the LADO.\n\nKind regards,\n{sign(c)}",
              attachments=[("record_export.pdf", pdf, "application", "pdf")])
    exp = expected_referral(c, family=fam_exp(c, ethnicity=True))
    return msg, expected("referral", exp), "reportlab PDF: school safeguarding-system printout"


# ------------------------------------------------------------------ r08 GP letter (Word -> PDF)

def r08_pdf_gp_letter(name: str) -> Out:
    c = make_case(name)
    rng = c["rng"]
    set_referrer(c, "Named GP for Safeguarding Children", "Riverside Surgery", "nhs.net", phone(rng, "land"))
    f = lambda d: fmt_date(d, "ord")  # noqa: E731
    r = c["referrer"]
    cr = c["criteria"]
    d = new_doc("Times New Roman", 11)
    p = d.add_paragraph()
    p.add_run("Riverside Surgery\n").bold = True
    p.add_run("Harbour Road, Portishead, BS20 7QA\nTel 01632 960100   riverside.surgery@nhs.net")
    d.add_paragraph(f(r["date_submitted"]))
    d.add_paragraph("Safeguarding Children Partnership Co-ordinator\nBy secure e-mail")
    d.add_paragraph("Dear Colleague,")
    p = d.add_paragraph()
    p.add_run(f"Re: {c['child_name']}   DOB: {fmt_date(c['dob'], 'slash')}   NHS No: "
              f"{rng.randint(400, 499)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}\n").bold = True
    p.add_run(f"Address: {c['home']}")
    d.add_paragraph(f"I am writing to refer the above patient for consideration of a rapid review following the "
                    f"incident on {f(c['incident'])} at the following location: {c['location']}. "
                    f"The child lives with {c['carer']}.")
    p = d.add_paragraph()
    p.add_run("Summary of events: ").bold = True
    p.add_run(c["summary"])
    d.add_paragraph(f"Ethnicity (GP record): {c['ethnicity']}\nReligion: {c['faith']}\n"
                    f"Disability: {c['disability']}\nChild protection plan: {CPP_WORDS[c['cpp']]}")
    d.add_paragraph("Criteria (please delete as appropriate):").runs[0].bold = True
    d.add_paragraph(f"Child has died: {yn(cr['child_died'], 'YES', 'NO')}\n"
                    f"Child seriously harmed: {yn(cr['seriously_harmed'], 'YES', 'NO')}\n"
                    f"Abuse or neglect: {cr['abuse_or_neglect'].upper()}\n"
                    f"Concerns about agencies working together: {yn(cr['agency_concern'], 'YES', 'NO')}")
    d.add_paragraph("Household and family:").runs[0].bold = True
    for m in c["family"]:
        d.add_paragraph(f"{m['name']} ({m['relationship'].lower()}), DOB {fmt_date(m['date_of_birth'], 'slash')}")
    d.add_paragraph("Professionals involved:").runs[0].bold = True
    for o in c["others"]:
        d.add_paragraph(f"{o['name']}, {o['agency']}, {o['contact']} - "
                        f"{'currently involved' if o['still_involved'] else 'no longer involved'}")
    d.add_paragraph("Other processes:").runs[0].bold = True
    for pr in c["procs"]:
        d.add_paragraph(f"{pr['process']} - {pr['status']}")
    d.add_paragraph("Please do not hesitate to contact me if you need anything further.\n\nYours faithfully,\n\n")
    d.add_paragraph(f"{r['name']}\n{r['role']}\n{r['agency']}\nDirect line: {r['phone']}\nEmail: {r['email']}")
    pdf = soffice_pdf(doc_bytes(d), "letter")
    msg = eml(name, from_line(c), "Referral letter - rapid review consideration", when(r["date_submitted"], 17, 48),
              text="Letter attached.\n\nSent from the practice safeguarding inbox.",
              attachments=[("Referral letter.pdf", pdf, "application", "pdf")])
    fam = fam_exp(c, address=True, ethnicity=True)
    for e in fam:
        e["relationship"] = e["relationship"].lower()
    exp = expected_referral(c, family=fam)
    return msg, expected("referral", exp), "PDF from Word: GP letter, 'delete as appropriate' criteria"


# ------------------------------------------------------------------ r09 ICB numbered paragraphs

def r09_text_icb_numbered(name: str) -> Out:
    c = make_case(name)
    set_referrer(c, "Designated Nurse Safeguarding Children", "Northvale, Kennet and Wyvern ICB", "nhs.net")
    f = lambda d: fmt_date(d, "dots")  # noqa: E731
    r = c["referrer"]
    cr = c["criteria"]
    L = ["OFFICIAL-SENSITIVE: PERSONAL", "", "Dear Partnership Business Unit,", "",
         "On behalf of the ICB safeguarding team I refer the following for consideration against the rapid review "
         "criteria.", "", "1. Referrer",
         f"1.1 Name: {r['name']}", f"1.2 Role: {r['role']}", f"1.3 Organisation: {r['agency']}",
         f"1.4 Email: {r['email']}", f"1.5 Telephone: {r['phone']}", f"1.6 Date of referral: {f(r['date_submitted'])}",
         "", "2. The child",
         f"2.1 Name: {c['child_name']}", f"2.2 Date of birth: {f(c['dob'])}", f"2.3 Address: {c['home']}",
         f"2.4 Carer(s): {c['carer']}", f"2.5 Ethnicity: {c['ethnicity']}", f"2.6 Faith: {c['faith']}",
         f"2.7 Disability: {c['disability']}", f"2.8 Child protection plan: {CPP_WORDS[c['cpp']]}",
         "", "3. The incident", f"3.1 Date: {f(c['incident'])}", f"3.2 Location: {c['location']}",
         f"3.3 Has the child died? {yn(cr['child_died'])}",
         f"3.4 Has the child been seriously harmed? {yn(cr['seriously_harmed'])}",
         f"3.5 Abuse or neglect: {cr['abuse_or_neglect']}",
         f"3.6 Concerns about how agencies worked together: {yn(cr['agency_concern'])}",
         "", "4. Summary", f"4.1 {c['summary']}", "", "5. Family and significant others"]
    for i, m in enumerate(c["family"], 1):
        L.append(f"5.{i} {m['name']} ({m['relationship']}), born {f(m['date_of_birth'])}, {m['address']}; "
                 f"ethnicity {m['ethnicity']}")
    L += ["", "6. Agencies involved"]
    for i, o in enumerate(c["others"], 1):
        L.append(f"6.{i} {o['agency']}: {o['name']}, {o['contact']} (still involved: {yn(o['still_involved'])})")
    L += ["", "7. Other processes"]
    for i, p in enumerate(c["procs"], 1):
        L.append(f"7.{i} {p['process']}: {p['status']}")
    L += ["", "Kind regards", "", r["name"], r["role"], f"{r['agency']} | Safeguarding Team", ""]
    msg = eml(name, from_line(c), "OFFICIAL-SENSITIVE: referral for rapid review consideration",
              when(r["date_submitted"], 10, 5), text="\n".join(L))
    return msg, expected("referral", expected_referral(c)), "plain text: ICB numbered paragraphs"


# ------------------------------------------------------------------ r10 MASH header in HTML

def r10_html_mash(name: str) -> Out:
    c = make_case(name)
    rng = c["rng"]
    f = lambda d: fmt_date(d, "slash2")  # noqa: E731
    r = c["referrer"]
    cr = c["criteria"]
    mash = "Aleksandra Wood <mash.duty@northvale.gov.uk>"

    def kv(rows: list[tuple[str, str]]) -> str:
        return "<table border='1' cellpadding='4' style='border-collapse:collapse'>" + "".join(
            f"<tr><th align='left' style='background:#eee'>{k}</th><td>{v}</td></tr>" for k, v in rows) + "</table>"

    def grid(head: list[str], rows: list[list[str]]) -> str:
        return ("<table border='1' cellpadding='4' style='border-collapse:collapse'><tr>" +
                "".join(f"<th>{h}</th>" for h in head) + "</tr>" +
                "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in rows) + "</table>")

    html = ("<html><body><p>Hi,</p><p>The referral below came in to the MASH this morning and the Team Manager has "
            "agreed it meets the threshold for the partnership to consider. Passing to you as the referrer asked. "
            "MASH is <b>not</b> the referrer.</p>" +
            kv([("MASH ref", f"MASH-26-{rng.randint(1000, 9999)}"), ("RAG", "RED"),
                ("Date received in MASH", f(r["date_submitted"])), ("MASH outcome", "Strategy discussion; pass to SCP")]) +
            "<p>Thanks, Aleksandra<br>MASH Business Support</p><hr><h3>ORIGINAL REFERRAL</h3>" +
            kv([("Referrer name", r["name"]), ("Referrer role", r["role"]), ("Referring agency", r["agency"]),
                ("Referrer email", r["email"]), ("Referrer phone", r["phone"]),
                ("Date of referral", f(r["date_submitted"]))]) + "<br>" +
            kv([("Child name", c["child_name"]), ("Child DOB", f(c["dob"])), ("Child address", c["home"]),
                ("Carer", c["carer"]), ("Incident date", f(c["incident"])), ("Incident location", c["location"]),
                ("Ethnicity", c["ethnicity"]), ("Faith", c["faith"]), ("Disability", c["disability"]),
                ("CP plan", CPP_WORDS[c["cpp"]])]) + "<br>" +
            kv([("Child died", yn(cr["child_died"])), ("Child seriously harmed", yn(cr["seriously_harmed"])),
                ("Abuse or neglect", cr["abuse_or_neglect"].capitalize()),
                ("Agency concerns", yn(cr["agency_concern"])), ("Summary", c["summary"])]) +
            "<h4>Household / family</h4>" +
            grid(["Name", "DOB", "Relationship", "Address"],
                 [[m["name"], f(m["date_of_birth"]), m["relationship"], m["address"]] for m in c["family"]]) +
            "<h4>Other professionals</h4>" +
            grid(["Name", "Agency", "Contact", "Still involved"],
                 [[o["name"], o["agency"], o["contact"], yn(o["still_involved"])] for o in c["others"]]) +
            "<h4>Other processes</h4>" +
            grid(["Process", "Status"], [[p["process"], p["status"]] for p in c["procs"]]) + "</body></html>")
    msg = eml(name, mash, "FW: MASH referral - passed to SCP for CSPR consideration", when(r["date_submitted"], 15, 10),
              html=html)
    exp = expected_referral(c, family=fam_exp(c, ethnicity=True))
    return msg, expected("referral", exp), "HTML body: MASH header with the referral embedded"


# ------------------------------------------------------------------ r11 Datix-style incident export

def r11_pdf_datix(name: str) -> Out:
    c = make_case(name)
    rng = c["rng"]
    set_referrer(c, "Safeguarding Children Lead Nurse", "Weston General Hospital", "nhs.net")
    f = lambda d: fmt_date(d, "slash")  # noqa: E731
    r = c["referrer"]
    cr = c["criteria"]
    W = [55 * mm, 125 * mm]
    st: list[Any] = [P("Incident report (IN05)", size=13, bold=True),
                     P(f"ID: W{rng.randint(100000, 999999)}   Approval status: Being reviewed   "
                       f"Handler: Patient Safety Team", size=8)]

    def sect(t: str) -> None:
        st.extend([Spacer(1, 3 * mm), P(t, bold=True, size=10, color=colors.HexColor("#1F4E79"))])

    sect("Incident details")
    st.append(rl_table([["Incident date", f(c["incident"])], ["Time", f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"],
                        ["Location (exact)", c["location"]], ["Type", "Safeguarding - child"],
                        ["Description", c["summary"]], ["Action taken", "Safeguarding team informed; referral "
                                                        "to partnership"]], W))
    sect("Reporter")
    st.append(rl_table([["Reporter name", r["name"]], ["Job title", r["role"]], ["Organisation", r["agency"]],
                        ["E-mail", r["email"]], ["Telephone", r["phone"]], ["Date reported", f(r["date_submitted"])]],
                       W))
    sect("Person affected (patient)")
    st.append(rl_table([["Name", c["child_name"]], ["Date of birth", f(c["dob"])], ["Address", c["home"]],
                        ["Ethnicity", c["ethnicity"]], ["Religion", c["faith"]], ["Disability", c["disability"]],
                        ["Parent / carer", c["carer"]], ["Child protection plan", CPP_WORDS[c["cpp"]]]], W))
    sect("Safeguarding partnership criteria")
    st.append(rl_table([["Child died", yn(cr["child_died"])], ["Seriously harmed", yn(cr["seriously_harmed"])],
                        ["Abuse or neglect (known / suspected)", cr["abuse_or_neglect"].capitalize()],
                        ["Concern re agencies working together", yn(cr["agency_concern"])]], W))
    sect("Contacts (other people involved)")
    st.append(rl_table([["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]] +
                       [[m["name"], m["relationship"], f(m["date_of_birth"]), m["address"], m["ethnicity"]]
                        for m in c["family"]], [36 * mm, 30 * mm, 24 * mm, 55 * mm, 35 * mm], label_cols=(),
                       header=True))
    sect("Other agencies notified")
    st.append(rl_table([["Name", "Agency", "Contact", "Still involved"]] +
                       [[o["name"], o["agency"], o["contact"], yn(o["still_involved"])] for o in c["others"]],
                       [38 * mm, 62 * mm, 55 * mm, 25 * mm], label_cols=(), header=True))
    sect("Investigations")
    st.append(rl_table([["Investigation", "Status"]] + [[p["process"], p["status"]] for p in c["procs"]],
                       [60 * mm, 120 * mm], label_cols=(), header=True))
    pdf = build_pdf(st, "IN05", footer="Printed from the incident reporting system - OFFICIAL-SENSITIVE")
    msg = eml(name, from_line(c), "Incident report - safeguarding partnership referral", when(r["date_submitted"], 18, 2),
              text=f"Hi, the incident report attached is our referral (agreed with the Partnership manager that "
                   f"this can be used instead of the form).\n\n{sign(c)}",
              attachments=[("IN05.pdf", pdf, "application", "pdf")])
    return msg, expected("referral", expected_referral(c)), "reportlab PDF: health trust incident-system export"


# ------------------------------------------------------------------ r12 fillable PDF, radio groups

def deaccent_case(c: dict[str, Any]) -> None:
    """Fillable forms drawn with the PDF base fonts keep to Latin-1: fold the rest."""
    tbl = str.maketrans({"ł": "l", "ń": "n", "ą": "a", "Ş": "S", "ş": "s", "Ł": "L", "ę": "e", "ś": "s", "’": "'"})

    def fold(x: Any) -> Any:
        if isinstance(x, str):
            return x.translate(tbl)
        if isinstance(x, dict):
            return {k: (fold(v) if k != "rng" else v) for k, v in x.items()}
        if isinstance(x, list):
            return [fold(v) for v in x]
        return x

    for k, v in list(c.items()):
        if k != "rng":
            c[k] = fold(v)


def r12_pdf_fillable_radio(name: str) -> Out:
    import io

    from reportlab.pdfgen import canvas
    c = make_case(name)
    deaccent_case(c)
    f = lambda d: fmt_date(d, "slash")  # noqa: E731
    r = c["referrer"]
    cr = c["criteria"]
    b = io.BytesIO()
    cv = canvas.Canvas(b, pagesize=(595, 842))
    form = cv.acroForm
    y = [800.0]

    def nl(h: float = 20) -> None:
        y[0] -= h
        if y[0] < 60:
            cv.showPage()
            y[0] = 800.0

    def title(t: str) -> None:
        nl(26)
        cv.setFont("Helvetica-Bold", 11)
        cv.drawString(40, y[0], t)

    def text(label: str, fname: str, val: str, w: float = 360, h: float = 16) -> None:
        nl(h + 6)
        cv.setFont("Helvetica", 8)
        cv.drawString(40, y[0] + 4, label)
        form.textfield(name=fname, tooltip=label, x=190, y=y[0], width=w, height=h, value=val, fontSize=8,
                       borderWidth=0.5, fieldFlags="multiline" if h > 16 else "")

    def radio(label: str, fname: str, opts: list[str], chosen: str | None) -> None:
        nl()
        cv.setFont("Helvetica", 8)
        cv.drawString(40, y[0] + 3, label)
        x = 190
        for o in opts:
            form.radio(name=fname, value=o, selected=(o == chosen), x=x, y=y[0], size=11, buttonStyle="circle",
                       tooltip=f"{label} {o}")
            cv.drawString(x + 14, y[0] + 3, o)
            x += 80

    cv.setFont("Helvetica-Bold", 14)
    cv.drawString(40, 810, "Rapid Review Referral (electronic form)")
    title("A. Person referring")
    text("Name", "Referrer Name", r["name"])
    text("Role", "Referrer Role", r["role"])
    text("Agency", "Referrer Agency", r["agency"])
    text("Email", "Referrer Email", r["email"])
    text("Telephone", "Referrer Telephone", r["phone"])
    text("Date", "Date of Referral", f(r["date_submitted"]), 100)
    title("B. Child")
    text("Full name", "Child Name", c["child_name"])
    text("Date of birth", "Child DOB", f(c["dob"]), 100)
    text("Home address", "Child Address", c["home"])
    text("Parent / carer", "Carer", c["carer"])
    text("Date of incident / death", "Incident Date", f(c["incident"]), 100)
    text("Place of incident / death", "Incident Place", c["location"])
    text("Ethnicity", "Ethnicity", c["ethnicity"])
    text("Faith", "Faith", c["faith"])
    text("Disability", "Disability", c["disability"])
    radio("Child protection plan", "CP Plan", ["Yes", "No", "Has been", "Not known"],
          {"yes": "Yes", "no": "No", "has_been": "Has been", "not_known": "Not known"}[c["cpp"]])
    title("C. Criteria")
    radio("Has the child died?", "Died", ["Yes", "No"], yn(cr["child_died"]))
    radio("Seriously harmed?", "Harmed", ["Yes", "No"], yn(cr["seriously_harmed"]))
    radio("Abuse or neglect", "Abuse Neglect", ["Known", "Suspected"], cr["abuse_or_neglect"].capitalize())
    radio("Agencies working together?", "Agency Concern", ["Yes", "No"], yn(cr["agency_concern"]))
    title("D. Summary")
    text("Summary of events", "Summary", c["summary"], 360, 90)
    title("E. Family")
    for i, m in enumerate(c["family"], 1):
        text(f"Family member {i} name", f"Family {i} Name", m["name"], 200)
        text("   relationship", f"Family {i} Relationship", m["relationship"], 200)
        text("   date of birth", f"Family {i} DOB", f(m["date_of_birth"]), 100)
        text("   address", f"Family {i} Address", m["address"], 300)
        text("   ethnicity", f"Family {i} Ethnicity", m["ethnicity"], 200)
    title("F. Other agencies")
    for i, o in enumerate(c["others"], 1):
        text(f"Agency {i} worker", f"Agency {i} Worker", o["name"], 200)
        text("   agency", f"Agency {i} Name", o["agency"], 300)
        text("   contact", f"Agency {i} Contact", o["contact"], 300)
        radio("   still involved", f"Agency {i} Still Involved", ["Yes", "No"], yn(o["still_involved"]))
    title("G. Other processes")
    for i, p in enumerate(c["procs"], 1):
        text(f"Process {i}", f"Process {i}", p["process"], 200)
        text("   status", f"Process {i} Status", p["status"], 300)
    cv.save()
    msg = eml(name, from_line(c), "Rapid Review Referral form", when(r["date_submitted"], 11, 11),
              text=f"Form attached, completed electronically.\n{r['name']}",
              attachments=[("Rapid Review Referral.pdf", b.getvalue(), "application", "pdf")])
    return msg, expected("referral", expected_referral(c)), "fillable PDF: descriptive field names, radio groups"


# ------------------------------------------------------------------ r13 forwarded message/rfc822, Word PDF inside

def qa_doc(c: dict[str, Any], f: Any) -> Any:
    r = c["referrer"]
    cr = c["criteria"]
    d = new_doc("Arial", 10)
    heading(d, "Child Safeguarding Practice Review - Referral", 1)
    qs = [("Referrer's name", r["name"]), ("Referrer's role", r["role"]), ("Referrer's organisation", r["agency"]),
          ("Referrer's email", r["email"]), ("Referrer's telephone", r["phone"]),
          ("Date of referral", f(r["date_submitted"])),
          ("Child's name", c["child_name"]), ("Child's date of birth", f(c["dob"])), ("Child's address", c["home"]),
          ("Who cares for the child?", c["carer"]), ("Date of the incident", f(c["incident"])),
          ("Where did it happen?", c["location"]), ("Child's ethnicity", c["ethnicity"]),
          ("Child's faith", c["faith"]), ("Does the child have a disability?", c["disability"]),
          ("Is the child subject to a child protection plan?", CPP_WORDS[c["cpp"]]),
          ("Has the child died?", yn(cr["child_died"])),
          ("Has the child been seriously harmed?", yn(cr["seriously_harmed"])),
          ("Is abuse or neglect known or suspected?", cr["abuse_or_neglect"].capitalize()),
          ("Are there concerns about how agencies worked together?", yn(cr["agency_concern"])),
          ("Summary of what happened", c["summary"])]
    table(d, [["No.", "Question", "Response"]] + [[str(i), q, a] for i, (q, a) in enumerate(qs, 1)],
          bold_cols=(0, 1), header=True, fill="EDEDED")
    heading(d, "22. Family and significant others", 2)
    table(d, [["Name", "Relationship", "DOB", "Address", "Ethnicity"]] +
          [[m["name"], m["relationship"], f(m["date_of_birth"]), m["address"], m["ethnicity"]] for m in c["family"]],
          bold_cols=(), header=True, fill="EDEDED")
    heading(d, "23. Other agencies involved", 2)
    table(d, [["Name", "Agency", "Contact details", "Still involved (Y/N)"]] +
          [[o["name"], o["agency"], o["contact"], yn(o["still_involved"], "Y", "N")] for o in c["others"]],
          bold_cols=(), header=True, fill="EDEDED")
    heading(d, "24. Other processes", 2)
    table(d, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["procs"]], bold_cols=(),
          header=True, fill="EDEDED")
    return d


def r13_fwd_rfc822_pdf(name: str) -> Out:
    c = make_case(name)
    r = c["referrer"]
    pdf = soffice_pdf(doc_bytes(qa_doc(c, lambda x: fmt_date(x, "dots4"))), "CSPR_referral")
    inner = eml(name + "-inner", from_line(c), "CSPR referral", when(r["date_submitted"], 9, 30),
                text=f"Hi Bernadette,\n\nMy referral is attached - could you send it on to the partnership? I can't find "
                     f"their address.\n\nThanks\n{r['name']}",
                attachments=[("CSPR_referral.pdf", pdf, "application", "pdf")], to="Bernadette Okonjo <bernadette.okonjo@northvale.gov.uk>")
    msg = eml(name, "Bernadette Okonjo <bernadette.okonjo@northvale.gov.uk>", "FW: CSPR referral",
              when(r["date_submitted"], 10, 2),
              text="Please see the attached email from a colleague with the referral form.\n\nBernadette Okonjo\n"
                   "Head of Service, Safeguarding and Quality Assurance\nNorthvale Council",
              rfc822=inner)
    return msg, expected("referral", expected_referral(c)), "forwarded message/rfc822 holding a Word-printed PDF"


# ------------------------------------------------------------------ r14 HTML pasted from Google Docs

def r14_html_gdocs_paste(name: str) -> Out:
    c = make_case(name)
    r = c["referrer"]
    cr = c["criteria"]
    f = lambda d: fmt_date(d, "ord")  # noqa: E731

    def p(label: str, val: str) -> str:
        return (f'<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:'
                f'11pt;font-family:Arial;font-weight:700;">{label}</span><span style="font-size:11pt;font-family:'
                f'Arial;font-weight:400;"> {val}</span></p>')

    def tbl(head: list[str], rows: list[list[str]]) -> str:
        td = lambda v, b: (f'<td style="border:solid #000 1pt;padding:5pt"><p dir="ltr"><span style="font-weight:'  # noqa: E731
                           f'{700 if b else 400}">{v}</span></p></td>')
        return ('<div dir="ltr" align="left"><table style="border:none;border-collapse:collapse;"><colgroup>'
                + "<col>" * len(head) + "</colgroup><tbody><tr>" + "".join(td(h, True) for h in head) + "</tr>" +
                "".join("<tr>" + "".join(td(v, False) for v in row) + "</tr>" for row in rows) +
                "</tbody></table></div>")

    body = (f'<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-{zlib.crc32(name.encode()):08x}">'
            + "".join([
                '<h2 dir="ltr"><span>Referral for a Rapid Review</span></h2>',
                p("Referrer:", r["name"]), p("Job role:", r["role"]), p("Agency:", r["agency"]),
                p("Email:", r["email"]), p("Phone:", r["phone"]), p("Date of referral:", f(r["date_submitted"])),
                "<br>", p("Child:", c["child_name"]), p("DOB:", f(c["dob"])), p("Address:", c["home"]),
                p("Carer(s):", c["carer"]), p("Date of incident:", fmt_date(c["incident"], "wday")),
                p("Location:", c["location"]), p("Ethnicity:", c["ethnicity"]), p("Religion:", c["faith"]),
                p("Disability:", c["disability"]), p("CP plan:", CPP_WORDS[c["cpp"]]), "<br>",
                p("Did the child die?", yn(cr["child_died"])),
                p("Was the child seriously harmed?", yn(cr["seriously_harmed"])),
                p("Abuse or neglect known or suspected?", cr["abuse_or_neglect"]),
                p("Concerns about partnership working?", yn(cr["agency_concern"])), "<br>",
                p("What happened:", c["summary"]), "<br>",
                '<h3 dir="ltr"><span>Family</span></h3>',
                tbl(["Name", "Relationship", "Date of birth", "Address", "Ethnicity"],
                    [[m["name"], m["relationship"], f(m["date_of_birth"]), m["address"], m["ethnicity"]]
                     for m in c["family"]]),
                '<h3 dir="ltr"><span>Agencies</span></h3>',
                tbl(["Name", "Agency", "Contact", "Still involved?"],
                    [[o["name"], o["agency"], o["contact"], yn(o["still_involved"])] for o in c["others"]]),
                '<h3 dir="ltr"><span>Other processes</span></h3>',
                tbl(["Process", "Status"], [[q["process"], q["status"]] for q in c["procs"]]),
            ]) + "</b>")
    html = f"<html><body><div>Referral below (pasted from our shared drive copy).</div><br>{body}<br><div>--<br>{r['name']}</div></body></html>"
    msg = eml(name, from_line(c), "Referral for rapid review", when(r["date_submitted"], 20, 40), html=html)
    return msg, expected("referral", expected_referral(c)), "HTML body pasted from Google Docs (span-styled labels)"


# ------------------------------------------------------------------ r15 Gmail-quoted forward in plain text

def r15_text_quoted_forward(name: str) -> Out:
    c = make_case(name)
    r = c["referrer"]
    cr = c["criteria"]
    f = lambda d: fmt_date(d, "slash")  # noqa: E731
    mgr = "Ruairi Pengelly <ruairi.pengelly@northvale.gov.uk>"
    form = [f"Name of child – {c['child_name']}", f"Date of birth – {f(c['dob'])}", f"Address – {c['home']}",
            f"Carer – {c['carer']}", f"Date of incident – {f(c['incident'])}",
            f"Place of incident – {c['location']}", f"Ethnicity – {c['ethnicity']}", f"Faith – {c['faith']}",
            f"Disability – {c['disability']}", f"CP plan – {CPP_WORDS[c['cpp']]}", "",
            f"Child died – [{'X' if cr['child_died'] else ' '}]",
            f"Serious harm – [{'X' if cr['seriously_harmed'] else ' '}]",
            f"Abuse/neglect – Known [{'X' if cr['abuse_or_neglect'] == 'known' else ' '}]  "
            f"Suspected [{'X' if cr['abuse_or_neglect'] == 'suspected' else ' '}]",
            f"Concerns about agencies working together – [{'X' if cr['agency_concern'] else ' '}]", "",
            "Summary –", c["summary"], "", "Family –"]
    form += [f"  * {m['name']}, {m['relationship']}, {f(m['date_of_birth'])}, {m['address']}, {m['ethnicity']}"
             for m in c["family"]]
    form += ["", "Other agencies –"]
    form += [f"  * {o['name']}, {o['agency']}, {o['contact']}, still involved: {yn(o['still_involved'])}"
             for o in c["others"]]
    form += ["", "Other processes –"] + [f"  * {p['process']}: {p['status']}" for p in c["procs"]]
    form += ["", f"Referrer – {r['name']}", f"Role – {r['role']}", f"Agency – {r['agency']}",
             f"Email – {r['email']}", f"Phone – {r['phone']}", f"Date – {f(r['date_submitted'])}"]
    sent = when(r["date_submitted"], 8, 14)
    text = ("Forwarding for screening - I've checked it with the worker, they are happy for it to go.\n\nRuairi\n\n"
            f"On {sent.strftime('%a, %d %b %Y at %H:%M')}, {r['name']} <{r['email']}> wrote:\n" +
            "\n".join("> " + ln if ln else ">" for ln in
                      ["Ruairi, as discussed this morning, referral typed below as the form won't open on my "
                       "laptop.", ""] + form + ["", r["name"]]))
    msg = eml(name, mgr, "Fwd: referral", when(r["date_submitted"], 11, 3), text=text)
    return msg, expected("referral", expected_referral(c)), "plain text: manager forward with '>'-quoted typed form"


# ------------------------------------------------------------------ r17 police PPN-style stacked cells

def r17_docx_stacked_cells(name: str) -> Out:
    c = make_case(name)
    rng = c["rng"]
    set_referrer(c, "Detective Sergeant", "Wessex Police", "wessex.police.uk")
    f = lambda d: fmt_date(d, "dash")  # noqa: E731
    r = c["referrer"]
    cr = c["criteria"]
    d = new_doc("Arial", 9)
    heading(d, "Public Protection Notice - Child (serious incident supplement)", 1)

    def stacked(rows: list[list[tuple[str, str]]]) -> None:
        t = d.add_table(rows=len(rows), cols=max(len(x) for x in rows))
        t.style = "Table Grid"
        for i, row in enumerate(rows):
            for j, (lab, val) in enumerate(row):
                p = t.cell(i, j).paragraphs[0]
                p.add_run(lab).bold = True
                t.cell(i, j).add_paragraph(val)

    d.add_paragraph().add_run("Officer completing").bold = True
    stacked([[("Name", r["name"]), ("Rank / role", r["role"]), ("Force", r["agency"])],
             [("Email", r["email"]), ("Telephone", r["phone"]), ("Date completed", f(r["date_submitted"]))]])
    d.add_paragraph().add_run("Child").bold = True
    stacked([[("Full name", c["child_name"]), ("Date of birth", f(c["dob"])), ("Ethnicity", c["ethnicity"])],
             [("Home address", c["home"]), ("Carer(s)", c["carer"]), ("Religion", c["faith"])],
             [("Date of incident", f(c["incident"])), ("Location of incident", c["location"]),
              ("Disability", c["disability"])],
             [("Child protection plan", CPP_WORDS[c["cpp"]]), ("Occurrence", f"WP-{rng.randint(10**7, 10**8)}"),
              ("Risk", "High")]])
    d.add_paragraph().add_run("Criteria").bold = True
    stacked([[("Child died", yn(cr["child_died"])), ("Seriously harmed", yn(cr["seriously_harmed"])),
              ("Abuse / neglect", cr["abuse_or_neglect"].capitalize()),
              ("Concern re agencies", yn(cr["agency_concern"]))]])
    d.add_paragraph().add_run("Summary of the incident").bold = True
    d.add_paragraph(c["summary"])
    d.add_paragraph().add_run("Family and associates").bold = True
    table(d, [["Name", "Relationship", "DOB", "Address", "Ethnicity"]] +
          [[m["name"], m["relationship"], f(m["date_of_birth"]), m["address"], m["ethnicity"]] for m in c["family"]],
          bold_cols=(), header=True, fill="D0CECE")
    d.add_paragraph().add_run("Other agencies").bold = True
    table(d, [["Name", "Agency", "Contact", "Still involved"]] +
          [[o["name"], o["agency"], o["contact"], yn(o["still_involved"])] for o in c["others"]],
          bold_cols=(), header=True, fill="D0CECE")
    d.add_paragraph().add_run("Other processes").bold = True
    table(d, [["Process", "Status"]] + [[p["process"], p["status"]] for p in c["procs"]], bold_cols=(),
          header=True, fill="D0CECE")
    msg = eml(name, from_line(c), "PPN supplement - CSPR", when(r["date_submitted"], 22, 15),
              text=f"Submitted out of hours; PPN supplement attached.\n\n{sign(c)}",
              attachments=[("PPN_supplement.docx", doc_bytes(d), *DOCX)])
    return msg, expected("referral", expected_referral(c)), "docx police notice, label and value stacked in one cell"


# ------------------------------------------------------------------ r21 reportlab two-column page

def r21_pdf_twocol(name: str) -> Out:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
    c = make_case(name)
    f = lambda d: fmt_date(d, "long")  # noqa: E731
    r = c["referrer"]
    cr = c["criteria"]
    W = 85 * mm
    st: list[Any] = [P("Referral to the Safeguarding Partnership", size=12, bold=True), Spacer(1, 3 * mm)]

    def block(title: str, rows: list[tuple[str, str]]) -> None:
        st.append(P(title, bold=True, size=9, color=colors.HexColor("#7030A0")))
        st.append(rl_table([[k, v] for k, v in rows], [30 * mm, 55 * mm], label_fill=colors.HexColor("#EDE3F5")))
        st.append(Spacer(1, 3 * mm))

    block("Referrer", [("Name", r["name"]), ("Role", r["role"]), ("Agency", r["agency"]), ("Email", r["email"]),
                       ("Phone", r["phone"]), ("Date", f(r["date_submitted"]))])
    block("Child", [("Name", c["child_name"]), ("DOB", f(c["dob"])), ("Address", c["home"]), ("Carer", c["carer"]),
                    ("Incident date", f(c["incident"])), ("Incident place", c["location"]),
                    ("Ethnicity", c["ethnicity"]), ("Faith", c["faith"]), ("Disability", c["disability"]),
                    ("CP plan", CPP_WORDS[c["cpp"]])])
    block("Criteria", [("Died", yn(cr["child_died"])), ("Seriously harmed", yn(cr["seriously_harmed"])),
                       ("Abuse/neglect", cr["abuse_or_neglect"].capitalize()),
                       ("Agency concern", yn(cr["agency_concern"]))])
    st.append(P("Summary", bold=True, size=9, color=colors.HexColor("#7030A0")))
    st.append(P(c["summary"], size=8))
    st.append(Spacer(1, 3 * mm))
    st.append(P("Family", bold=True, size=9, color=colors.HexColor("#7030A0")))
    for m in c["family"]:
        st.append(rl_table([["Name", m["name"]], ["Relationship", m["relationship"]],
                            ["DOB", f(m["date_of_birth"])], ["Address", m["address"]], ["Ethnicity", m["ethnicity"]]],
                           [30 * mm, 55 * mm]))
        st.append(Spacer(1, 2 * mm))
    st.append(P("Other agencies", bold=True, size=9, color=colors.HexColor("#7030A0")))
    for o in c["others"]:
        st.append(rl_table([["Name", o["name"]], ["Agency", o["agency"]], ["Contact", o["contact"]],
                            ["Still involved", yn(o["still_involved"])]], [30 * mm, 55 * mm]))
        st.append(Spacer(1, 2 * mm))
    st.append(P("Other processes", bold=True, size=9, color=colors.HexColor("#7030A0")))
    st.append(rl_table([["Process", "Status"]] + [[p["process"], p["status"]] for p in c["procs"]],
                       [30 * mm, 55 * mm], label_cols=(), header=True))
    b = io.BytesIO()
    doc = BaseDocTemplate(b, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                          bottomMargin=15 * mm)
    fr = [Frame(15 * mm, 15 * mm, W + 4 * mm, A4[1] - 30 * mm, id="l"),
          Frame(15 * mm + W + 6 * mm, 15 * mm, W + 4 * mm, A4[1] - 30 * mm, id="r")]
    doc.addPageTemplates([PageTemplate(id="two", frames=fr)])
    doc.build(st)
    _ = TO
    msg = eml(name, from_line(c), "Referral - secure", when(r["date_submitted"], 12, 59),
              text=f"Referral attached.\n\n{sign(c)}", attachments=[("referral.pdf", b.getvalue(), "application", "pdf")])
    return msg, expected("referral", expected_referral(c)), "reportlab PDF: two-column page, vertical person blocks"


# ------------------------------------------------------------------ r24 people listed inside one cell

def r24_docx_lists_in_cells(name: str) -> Out:
    c = make_case(name)
    f = lambda d: fmt_date(d, "long")  # noqa: E731
    r = c["referrer"]
    cr = c["criteria"]
    d = new_doc("Arial", 10)
    heading(d, "Referral for a Rapid Review / Child Safeguarding Practice Review", 1)
    fam = "\n".join(f"• {m['relationship']} – {m['name']} – DOB {f(m['date_of_birth'])} – {m['address']}"
                     for m in c["family"])
    ags = "\n".join(f"• {o['name']} ({o['agency']}) – {o['contact']} – "
                     f"{'still involved' if o['still_involved'] else 'closed'}" for o in c["others"])
    prs = "\n".join(f"• {p['process']} – {p['status']}" for p in c["procs"])
    table(d, [["Referrer", f"{r['name']}\n{r['role']}\n{r['agency']}"],
              ["Referrer contact", f"{r['email']}\n{r['phone']}"], ["Date of referral", f(r["date_submitted"])],
              ["Child", c["child_name"]], ["Date of birth", f(c["dob"])], ["Address", c["home"]],
              ["Parents / carers", c["carer"]], ["Ethnicity", c["ethnicity"]], ["Faith", c["faith"]],
              ["Disability", c["disability"]], ["CP plan", CPP_WORDS[c["cpp"]]],
              ["Date and place of incident", f"{f(c['incident'])}\n{c['location']}"],
              ["Criteria", f"Child died: {yn(cr['child_died'])}\nSerious harm: {yn(cr['seriously_harmed'])}\n"
                           f"Abuse or neglect: {cr['abuse_or_neglect']}\n"
                           f"Concerns about agencies working together: {yn(cr['agency_concern'])}"],
              ["What happened", c["summary"]],
              ["Family members (relationship, name, DOB, address)", fam],
              ["Agencies involved", ags], ["Other processes", prs]], fill="FBE4D5")
    msg = eml(name, from_line(c), "RR referral", when(r["date_submitted"], 10, 48),
              text=f"Referral attached.\n\n{sign(c)}", attachments=[("RR referral.docx", doc_bytes(d), *DOCX)])
    exp = expected_referral(c, family=fam_exp(c, ethnicity=True))
    return msg, expected("referral", exp), "docx two-column form, people as bullet lines inside one cell"
