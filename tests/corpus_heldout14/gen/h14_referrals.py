"""The 20 referral layouts of held-out set 14. Each function takes its NAME and returns (eml bytes, expected, carrier).

Content from random.Random(NAME) (h14_data.referral); a layout that shows a value as "Not known", "N/A" or leaves it
blank sets it to None in the record first, so the expected JSON is what the page shows."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import h14_render as R
from h14_data import (AGENCIES, SURNAMES, TODAY, D, V, address, agency_return, fmt_date, pro,  # noqa: F401
                      referral, strip)
from h14_render import esc

ETH_OPTS = ["White British", "White Irish", "Gypsy or Irish Traveller", "Roma", "Any other White background",
            "White and Black Caribbean", "White and Black African", "White and Asian", "Any other mixed background",
            "Indian", "Pakistani", "Bangladeshi", "Any other Asian background", "Black Caribbean", "Black African",
            "Any other Black background", "Chinese", "Any other ethnic group", "Not declared"]


def start(name: str) -> tuple[random.Random, dict[str, Any]]:
    rng = random.Random(name)
    return rng, referral(rng)


def expected(rec: dict[str, Any], case_ref: str | None = None) -> dict[str, Any]:
    return {"kind": "referral", "case_ref": case_ref, "referral": strip(rec), "agency_return": None, "command": None}


def sender(p: dict[str, Any]) -> str:
    return f"{p['name']} <{p['email']}>"


def mail_date(rec: dict[str, Any], h: int = 10, m: int = 17) -> dt.datetime:
    d = rec["referrer"]["date_submitted"]
    return R.when(dt.date.fromisoformat(d) if d else TODAY, h, m)


def yn(b: bool | None, y: str = "Yes", n: str = "No", none: str = "Not known") -> str:
    return none if b is None else (y if b else n)


CP = {"yes": "Yes", "no": "No", "has_been": "Previously", "not_known": "Not known"}


def first(rec: dict[str, Any]) -> str:
    return rec["child"]["name"].split()[0]


def docx_att(data: bytes, fn: str) -> tuple[str, bytes, str, str]:
    return (fn, data, "application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def pdf_att(data: bytes, fn: str) -> tuple[str, bytes, str, str]:
    return (fn, data, "application", "pdf")


# ====================================================================== r01: Word, check-box content controls,
# section labels in vertically merged cells (Section | Question | Answer)

def r01_docx_w14_checkbox_merged_sections(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    ds = "long"
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]
    doc = R.new_doc("Calibri", 10)
    R.heading(doc, "North Somerset Safeguarding Children Partnership", 1)
    doc.add_paragraph("Notification of a serious child safeguarding incident - referral for Rapid Review consideration")
    rows: list[tuple[str, str, Any]] = [
        ("About you", "Your name", rf["name"]), ("About you", "Job title", rf["role"]),
        ("About you", "Organisation", rf["agency"]), ("About you", "Secure email", rf["email"]),
        ("About you", "Telephone", rf["phone"]), ("About you", "Date completed", D(rf["date_submitted"], ds)),
        ("Subject child", "Full name", ch["name"]), ("Subject child", "Date of birth", D(ch["date_of_birth"], ds)),
        ("Subject child", "Usual address", ch["home_address"]), ("Subject child", "Main carer", ch["carer"]),
        ("Subject child", "Ethnicity", "ETH"), ("Subject child", "Religion", ch["faith"]),
        ("Subject child", "Disability / SEND", ch["disability"]),
        ("Subject child", "Child protection plan", "CP"),
        ("The incident", "Date of incident", D(ch["incident_date"], ds)),
        ("The incident", "Where it happened", ch["incident_location"]),
        ("The incident", "Has the child died?", ("chk", cr["child_died"])),
        ("The incident", "Has the child been seriously harmed?", ("chk", cr["seriously_harmed"])),
        ("The incident", "Is abuse or neglect known or suspected?", "AB"),
        ("The incident", "Concerns about how agencies worked together?", ("chk", cr["agency_concern"])),
        ("The incident", "Brief summary", rec["summary"]),
    ]
    t = doc.add_table(rows=len(rows), cols=3)
    t.style = "Table Grid"
    spans: dict[str, list[int]] = {}
    for i, (sec, q, a) in enumerate(rows):
        spans.setdefault(sec, []).append(i)
        R.cell_text(t.cell(i, 1), q, bold=True)
        p = t.cell(i, 2).paragraphs[0]
        if a == "ETH":
            for o in ["White British", "White Irish", "Gypsy or Irish Traveller", "Roma", "Any other White background",
                      "Indian", "Pakistani", "Black African", "White and Black African", "White and Asian",
                      "White and Black Caribbean", "Black Caribbean", "Bangladeshi", "Any other mixed background"]:
                R.cc_check(p, o == ch["ethnicity"], o)
        elif a == "CP":
            for k, o in [("yes", "Current"), ("has_been", "Previous"), ("no", "Never"), ("not_known", "Don't know")]:
                R.cc_check(p, ch["child_protection_plan"] == k, o)
        elif a == "AB":
            R.cc_check(p, cr["abuse_or_neglect"] == "known", "Known")
            R.cc_check(p, cr["abuse_or_neglect"] == "suspected", "Suspected")
        elif isinstance(a, tuple):
            R.cc_check(p, a[1], "Yes")
            R.cc_check(p, not a[1], "No")
        else:
            p.add_run(a)
    for sec, idx in spans.items():
        R.vmerge(t, 0, idx[0], idx[-1], sec)
    doc.add_paragraph()
    doc.add_paragraph("Household and significant others").runs[0].bold = True
    fam = [["Name", "Relationship to child", "D.O.B.", "Ethnicity", "Address"]]
    for f in rec["family"]:
        fam.append([f["name"], f["relationship"], D(f["date_of_birth"], ds, "Unknown"), V(f["ethnicity"], "Unknown"),
                    V(f["address"], "Unknown")])
    R.table(doc, fam, bold_cols=(), header=True)
    doc.add_paragraph()
    doc.add_paragraph("Agencies known to the child").runs[0].bold = True
    t2 = doc.add_table(rows=1 + len(rec["other_agencies"]), cols=4)
    t2.style = "Table Grid"
    for j, h in enumerate(["Worker", "Agency", "Contact details", "Currently involved?"]):
        R.cell_text(t2.cell(0, j), h, bold=True)
    for i, a in enumerate(rec["other_agencies"], 1):
        R.cell_text(t2.cell(i, 0), a["name"])
        R.cell_text(t2.cell(i, 1), a["agency"])
        R.cell_text(t2.cell(i, 2), a["contact"])
        p = t2.cell(i, 3).paragraphs[0]
        R.cc_check(p, a["still_involved"], "Yes")
        R.cc_check(p, not a["still_involved"], "No")
    doc.add_paragraph()
    doc.add_paragraph("Other processes (e.g. s47, police investigation, CDOP)").runs[0].bold = True
    R.table(doc, [["Process", "Current position"]] + [[p["process"], p["status"]] for p in rec["other_processes"]],
            bold_cols=(), header=True)
    msg = R.eml(name, sender(rf), "Rapid Review referral", mail_date(rec),
                text=f"Please find attached a referral for {first(rec)}.\n\n{rf['name']}\n{rf['role']}",
                attachments=[docx_att(R.doc_bytes(doc), "RR referral form.docx")])
    return msg, expected(rec), "docx: w14 check-box controls, merged section cells"


# ====================================================================== r02: "Safeguarding Referral"-style grid:
# children rows (Child 1, Child 2) with the referrer's details beside them in the same rows

def r02_docx_children_grid_referrer_beside(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    ds = "slash"
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]
    sib = next((f for f in rec["family"] if f["relationship"] in ("Brother", "Sister", "Half-sister", "Half-brother")),
               None)
    if sib is None:
        sib = {"name": f"Bobbi {ch['name'].split()[-1]}", "relationship": "Sister", "date_of_birth": "2019-05-11",
               "address": ch["home_address"], "ethnicity": ch["ethnicity"]}
        rec["family"].append(sib)
    doc = R.new_doc("Arial", 9)
    R.heading(doc, "CSPR Referral - serious incident", 1)
    p = doc.add_paragraph("Notes for use: the boxes expand as you type. Child 1 is the child the incident concerns.")
    p.runs[0].italic = True
    R.table(doc, [["Date of Referral:", D(rf["date_submitted"], ds)]])
    doc.add_paragraph()
    cf, *_ = ch["name"].split(" ", 1)
    csur = ch["name"].split(" ", 1)[1]
    sf, ssur = sib["name"].split(" ", 1)
    grid = [["Children", "Forename(s)", "Surname", "Date of Birth", "Referrer's details", ""],
            ["Child 1", cf, csur, D(ch["date_of_birth"], ds), "Name", rf["name"]],
            ["Child 1 address", ch["home_address"], "", "", "Role", rf["role"]],
            ["Child 2", sf, ssur, D(sib["date_of_birth"], ds), "Agency", rf["agency"]],
            ["Child 2 address", V(sib["address"]), "", "", "Contact number", rf["phone"]],
            ["", "", "", "", "Email", rf["email"]]]
    t = R.table(doc, grid, bold_cols=(0, 4), header=True)
    for r_ in (2, 4):
        a = t.cell(r_, 1).merge(t.cell(r_, 3))
        for extra in a.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
    doc.add_paragraph()
    doc.add_paragraph("Composition of family and who else lives at Child 1's address").runs[0].bold = True
    fam = [["Name", "Relationship to Child 1", "Sex", "D.O.B.", "Address & contact number", "Ethnicity"]]
    for f in rec["family"]:
        sex = "F" if f["relationship"] in ("Mother", "Sister", "Half-sister") else "M"
        fam.append([f["name"], f["relationship"], sex, D(f["date_of_birth"], ds), V(f["address"]), V(f["ethnicity"])])
    R.table(doc, fam, bold_cols=(), header=True)
    doc.add_paragraph()
    R.table(doc, [["Child 1 ethnicity", ch["ethnicity"]], ["Child 1 religion", ch["faith"]],
                  ["Child 1 disability", ch["disability"]], ["Parent / main carer", ch["carer"]],
                  ["Is Child 1 subject to a child protection plan (now or before)?", CP[ch["child_protection_plan"]]]])
    doc.add_paragraph()
    R.table(doc, [["Date of incident", D(ch["incident_date"], ds)], ["Location", ch["incident_location"]],
                  ["Did Child 1 die?", yn(cr["child_died"])], ["Was Child 1 seriously harmed?", yn(cr["seriously_harmed"])],
                  ["Abuse or neglect (known / suspected)", cr["abuse_or_neglect"].capitalize()],
                  ["Were there concerns about how agencies worked together?", yn(cr["agency_concern"])],
                  ["What happened", rec["summary"] + f" {sf} was not hurt and is staying with family."]])
    rec["summary"] = rec["summary"] + f" {sf} was not hurt and is staying with family."
    doc.add_paragraph()
    doc.add_paragraph("Other agencies involved").runs[0].bold = True
    R.table(doc, [["Name", "Agency", "Contact", "Still involved"]] +
            [[a["name"], a["agency"], a["contact"], yn(a["still_involved"])] for a in rec["other_agencies"]],
            bold_cols=(), header=True)
    doc.add_paragraph()
    R.table(doc, [["Other processes", "Status"]] + [[p["process"], p["status"]] for p in rec["other_processes"]],
            bold_cols=(), header=True)
    msg = R.eml(name, sender(rf), "Referral - two children, one injured", mail_date(rec),
                text="Referral form attached. Child 1 is the one injured, Child 2 is her/his sibling.\n\nThanks",
                attachments=[docx_att(R.doc_bytes(doc), "Referral.docx")])
    return msg, expected(rec), "docx: children grid with referrer beside, two children"


# ====================================================================== r03: LibreOffice PDF, "CYP" register,
# children/adults involved tables (IRD-style), merged section cells

def r03_pdf_cyp_register_adults_involved(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    ds = "dot"
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]
    doc = R.new_doc("Arial", 9)
    R.heading(doc, "Serious Incident Notification / Rapid Review Request", 1)
    R.table(doc, [["Completed by", rf["name"]], ["Designation", rf["role"]], ["Service", rf["agency"]],
                  ["Tel", rf["phone"]], ["E-mail", rf["email"]], ["Date", D(rf["date_submitted"], ds)]])
    doc.add_paragraph()
    R.table(doc, [["CYP name", ch["name"]], ["CYP DOB", D(ch["date_of_birth"], ds)],
                  ["CYP address", ch["home_address"]], ["Person with parental responsibility / carer", ch["carer"]],
                  ["CYP ethnicity", ch["ethnicity"]], ["CYP faith", ch["faith"]],
                  ["Additional needs / disability", ch["disability"]],
                  ["CP plan status (current / previous / never / not known)",
                   {"yes": "current", "has_been": "previous", "no": "never", "not_known": "not known"}[ch["child_protection_plan"]]]])
    doc.add_paragraph()
    adults = [f for f in rec["family"] if f["relationship"] not in ("Brother", "Sister", "Half-sister", "Half-brother")]
    kids = [f for f in rec["family"] if f not in adults]
    doc.add_paragraph("Adults involved").runs[0].bold = True
    R.table(doc, [["Name", "DOB", "Address", "Relationship", "PR*", "Ethnicity"]] +
            [[f["name"], D(f["date_of_birth"], ds, "NK"), V(f["address"], "NK"), f["relationship"],
              "Y" if f["relationship"] in ("Mother", "Father", "Father (not resident)") else "N",
              V(f["ethnicity"], "NK")] for f in adults], bold_cols=(), header=True)
    doc.add_paragraph("* Parental responsibility.   NK = not known").runs[0].italic = True
    if kids:
        doc.add_paragraph("Other children involved").runs[0].bold = True
        R.table(doc, [["Name", "DOB", "Address", "Relationship", "Ethnicity"]] +
                [[f["name"], D(f["date_of_birth"], ds, "NK"), V(f["address"], "NK"), f["relationship"],
                  V(f["ethnicity"], "NK")] for f in kids], bold_cols=(), header=True)
    rec["family"] = adults + kids
    doc.add_paragraph()
    t = R.table(doc, [["Incident", "Date", D(ch["incident_date"], ds)], ["", "Place", ch["incident_location"]],
                      ["", "What happened", rec["summary"]],
                      ["Criteria", "CYP has died", yn(cr["child_died"], "YES", "NO")],
                      ["", "CYP seriously harmed", yn(cr["seriously_harmed"], "YES", "NO")],
                      ["", "Abuse / neglect", cr["abuse_or_neglect"].upper()],
                      ["", "Agency working a concern", yn(cr["agency_concern"], "YES", "NO")]], bold_cols=(0, 1))
    R.vmerge(t, 0, 0, 2, "Incident", "D9E2F3")
    R.vmerge(t, 0, 3, 6, "Criteria", "D9E2F3")
    doc.add_paragraph()
    doc.add_paragraph("Agency involvement").runs[0].bold = True
    R.table(doc, [["Agency", "Worker", "Contact", "Open / closed"]] +
            [[a["agency"], a["name"], a["contact"], "Open" if a["still_involved"] else "Closed"]
             for a in rec["other_agencies"]], bold_cols=(), header=True)
    doc.add_paragraph()
    R.table(doc, [["Parallel process", "Stage reached"]] + [[p["process"], p["status"]] for p in rec["other_processes"]],
            bold_cols=(), header=True)
    pdf = R.soffice_pdf(R.doc_bytes(doc), "SIN_RR")
    msg = R.eml(name, sender(rf), "SIN / RR request", mail_date(rec), text="Attached as PDF.\n" + rf["name"],
                attachments=[pdf_att(pdf, "SIN_RR.pdf")])
    return msg, expected(rec), "pdf (LibreOffice): CYP register, adults/children involved, merged cells"


# ====================================================================== r04: fillable PDF (AcroForm), captions on
# the page, answers only in the fields; check boxes

def _fill_rows(rows: list[tuple[str, Any]], title: str) -> list[list[tuple[Any, ...]]]:
    pages: list[list[tuple[Any, ...]]] = [[("t", 40, 800, 13, True, title)]]
    y = 770.0
    n = 0
    for cap, val in rows:
        if cap.startswith("#"):
            if y < 90:
                pages.append([])
                y = 800
            pages[-1].append(("t", 40, y, 10.5, True, cap[1:]))
            y -= 20
            continue
        if isinstance(val, tuple) and val[0] == "boxes":
            h = 14.0
        else:
            lines = max(1, (len(str(val)) // 60) + 1) if val else 1
            h = 16.0 + 11 * (lines - 1)
        if y - h < 50:
            pages.append([])
            y = 800
        pages[-1].append(("t", 40, y - 11, 9, False, cap))
        if isinstance(val, tuple):
            x = 250.0
            for opt, on in val[1]:
                n += 1
                pages[-1].append(("c", x, y - 12, f"cb{n}", on))
                pages[-1].append(("t", x + 14, y - 11, 9, False, opt))
                x += 16 + 5.5 * len(opt) + 8
        else:
            n += 1
            pages[-1].append(("f", 250, y - h + 2, 300, h, f"Text{n}", str(val or "")))
        y -= h + 6
    return pages


def r04_pdf_fillable_acroform(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    ds = "slash"
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]
    ch["faith"] = None  # field left empty
    rows: list[tuple[str, Any]] = [
        ("#Section 1 - Person making the referral", None), ("Name", rf["name"]), ("Position", rf["role"]),
        ("Agency", rf["agency"]), ("Phone", rf["phone"]), ("Secure e-mail", rf["email"]),
        ("Date of referral", D(rf["date_submitted"], ds)),
        ("#Section 2 - The child", None), ("Child's full name", ch["name"]), ("DOB", D(ch["date_of_birth"], ds)),
        ("Home address", ch["home_address"]), ("Parent/carer", ch["carer"]), ("Ethnicity", ch["ethnicity"]),
        ("Religion/faith", ""), ("Disability", ch["disability"]),
        ("Child protection plan", ("boxes", [(lab, ch["child_protection_plan"] == k) for k, lab in
                                             [("yes", "Current"), ("has_been", "Past"), ("no", "No"),
                                              ("not_known", "Not known")]])),
        ("#Section 3 - Incident and criteria", None), ("Date of incident", D(ch["incident_date"], ds)),
        ("Location of incident", ch["incident_location"]),
        ("Child has died", ("boxes", [("Yes", cr["child_died"]), ("No", not cr["child_died"])])),
        ("Child seriously harmed", ("boxes", [("Yes", cr["seriously_harmed"]), ("No", not cr["seriously_harmed"])])),
        ("Abuse or neglect", ("boxes", [("Known", cr["abuse_or_neglect"] == "known"),
                                        ("Suspected", cr["abuse_or_neglect"] == "suspected")])),
        ("Concern re inter-agency working", ("boxes", [("Yes", cr["agency_concern"]), ("No", not cr["agency_concern"])])),
        ("Summary of incident", rec["summary"]),
        ("#Section 4 - Family members", None)]
    for i, f in enumerate(rec["family"], 1):
        rows += [(f"Family member {i} - name", f["name"]), ("Relationship", f["relationship"]),
                 ("Date of birth", D(f["date_of_birth"], ds)), ("Address", V(f["address"])),
                 ("Ethnicity", V(f["ethnicity"]))]
    rows.append(("#Section 5 - Agencies involved", None))
    for i, a in enumerate(rec["other_agencies"], 1):
        rows += [(f"Agency {i}", a["agency"]), ("Worker", a["name"]), ("Contact", a["contact"]),
                 ("Still involved", ("boxes", [("Yes", a["still_involved"]), ("No", not a["still_involved"])]))]
    rows.append(("#Section 6 - Other processes", None))
    for i, p in enumerate(rec["other_processes"], 1):
        rows += [(f"Process {i}", p["process"]), ("Status", p["status"])]
    pdf = R.fillable_pdf(_fill_rows(rows, "CSPR REFERRAL FORM (fillable)"), "CSPR referral")
    msg = R.eml(name, sender(rf), "CSPR referral - fillable form completed", mail_date(rec),
                text="Hello, I have completed the fillable PDF form. Regards " + rf["name"],
                attachments=[pdf_att(pdf, "CSPR_referral_fillable.pdf")])
    return msg, expected(rec), "fillable PDF (AcroForm text fields + check boxes)"


# ====================================================================== r05: Gmail HTML from a personal account,
# bold labels, family as an ordered list, agencies as a bulleted list, short dates

def r05_html_gmail_personal_account(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    ds = "slash_short"
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]
    personal = rf["name"].lower().replace(" ", ".").replace("í", "i").replace("é", "e") + "1987@gmail.com"
    cpw = {"yes": "yes, current plan", "has_been": "has been on a plan before", "no": "no",
           "not_known": "don't know"}[ch["child_protection_plan"]]
    h = [R.GMAIL_HEAD, "<div>Hi,</div><div>Sorry to send this from my own email, our system is down and I can't get "
         "into my work account. Form typed below.</div><div><br></div>"]

    def line(lab: str, val: str) -> None:
        h.append(f"<div><b>{esc(lab)}:</b> {esc(val)}</div>")
    h.append("<div><u>REFERRER</u></div>")
    line("Name", rf["name"]), line("Role", rf["role"]), line("Agency", rf["agency"])
    line("Work email", rf["email"]), line("Phone", rf["phone"]), line("Date", D(rf["date_submitted"], ds))
    h.append("<div><br></div><div><u>CHILD</u></div>")
    line("Name", ch["name"]), line("DOB", D(ch["date_of_birth"], ds)), line("Lives at", ch["home_address"])
    line("Lives with / main carer", ch["carer"]), line("Ethnicity", ch["ethnicity"]), line("Religion", ch["faith"])
    line("Any disability", ch["disability"]), line("On a CP plan?", cpw)
    h.append("<div><br></div><div><u>WHAT HAPPENED</u></div>")
    line("When", D(ch["incident_date"], ds)), line("Where", ch["incident_location"])
    line("Died", yn(cr["child_died"])), line("Seriously harmed", yn(cr["seriously_harmed"]))
    line("Abuse/neglect known or suspected", cr["abuse_or_neglect"])
    line("Worried about how agencies worked together", yn(cr["agency_concern"]))
    h.append(f"<div>{esc(rec['summary'])}</div><div><br></div><div><u>FAMILY</u></div><ol>")
    for f in rec["family"]:
        h.append(f"<li>{esc(f['name'])} ({esc(f['relationship'])}) - DOB {esc(D(f['date_of_birth'], ds, 'not known'))}"
                 f" - {esc(V(f['address'], 'address not known'))} - {esc(V(f['ethnicity'], 'ethnicity not known'))}</li>")
    h.append("</ol><div><u>OTHER AGENCIES</u></div><ul>")
    for a in rec["other_agencies"]:
        h.append(f"<li>{esc(a['agency'])}: {esc(a['name'])}, {esc(a['contact'])} "
                 f"({'still involved' if a['still_involved'] else 'closed'})</li>")
    h.append("</ul><div><u>OTHER PROCESSES</u></div><ul>")
    for p in rec["other_processes"]:
        h.append(f"<li>{esc(p['process'])} - {esc(p['status'])}</li>")
    h.append(f"</ul><div>Thanks,</div><div>{esc(rf['name'].split()[0])}</div>" + R.GMAIL_TAIL)
    msg = R.eml(name, f"{rf['name']} <{personal}>", "CSPR referral (sent from personal email)", mail_date(rec, 21, 48),
                text=None, html="\n".join(h))
    return msg, expected(rec), "HTML (Gmail, personal account): bold labels, <ol> family, <ul> agencies"


# ====================================================================== r06: Apple Mail HTML table, with a quoted
# earlier mail about ANOTHER child below it

def r06_html_apple_mail_quoted_other_child(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    other = referral(random.Random(name + "-other"))
    ds = "short"
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]

    def tr(a: str, b: str) -> str:
        return f'<tr><td style="background:#eee"><b>{esc(a)}</b></td><td>{esc(b)}</td></tr>'
    rows = [tr("Referrer", rf["name"]), tr("Role", rf["role"]), tr("Organisation", rf["agency"]),
            tr("Email", rf["email"]), tr("Telephone", rf["phone"]), tr("Date of referral", D(rf["date_submitted"], ds)),
            tr("Child", ch["name"]), tr("Date of birth", D(ch["date_of_birth"], ds)),
            tr("Address", ch["home_address"]), tr("Carer", ch["carer"]), tr("Ethnicity", ch["ethnicity"]),
            tr("Faith", ch["faith"]), tr("Disability", ch["disability"]),
            tr("Child protection plan", {"yes": "Yes (current)", "has_been": "Has been", "no": "No",
                                         "not_known": "Not known"}[ch["child_protection_plan"]]),
            tr("Incident date", D(ch["incident_date"], ds)), tr("Incident location", ch["incident_location"]),
            tr("Child died", yn(cr["child_died"])), tr("Serious harm", yn(cr["seriously_harmed"])),
            tr("Abuse or neglect", cr["abuse_or_neglect"].capitalize()),
            tr("Agency concerns", yn(cr["agency_concern"])), tr("Summary", rec["summary"])]
    fam = "".join(f"<tr><td>{esc(f['name'])}</td><td>{esc(f['relationship'])}</td>"
                  f"<td>{esc(D(f['date_of_birth'], ds))}</td><td>{esc(V(f['address']))}</td>"
                  f"<td>{esc(V(f['ethnicity']))}</td></tr>" for f in rec["family"])
    ags = "".join(f"<tr><td>{esc(a['name'])}</td><td>{esc(a['agency'])}</td><td>{esc(a['contact'])}</td>"
                  f"<td>{yn(a['still_involved'])}</td></tr>" for a in rec["other_agencies"])
    prs = "".join(f"<tr><td>{esc(p['process'])}</td><td>{esc(p['status'])}</td></tr>" for p in rec["other_processes"])
    oc = other["child"]
    quote = (f'<blockquote type="cite"><div>On {fmt_date(TODAY - dt.timedelta(days=40), "short")}, at 09:12, '
             f'{esc(rf["name"])} &lt;{esc(rf["email"])}&gt; wrote:</div><br><div>Hi, a query about another child '
             f'we discussed, {esc(oc["name"])} (DOB {esc(D(oc["date_of_birth"], "slash"))}) of '
             f'{esc(oc["home_address"])}. Injured on {esc(D(oc["incident_date"], "slash"))} at '
             f'{esc(oc["incident_location"])}. We agreed then it did not meet the criteria. Carer '
             f'{esc(oc["carer"])}.</div></blockquote>')
    html = (R.APPLE_HEAD + '<div>Dear colleagues, a new referral, completed below. (My earlier mail about a different '
            'child is underneath for reference only.)</div><br><table border="1" cellspacing="0" cellpadding="4">'
            + "".join(rows) + '</table><br><div><b>Family</b></div><table border="1" cellspacing="0">'
            '<tr><th>Name</th><th>Relationship</th><th>DOB</th><th>Address</th><th>Ethnicity</th></tr>' + fam +
            '</table><br><div><b>Agencies</b></div><table border="1" cellspacing="0"><tr><th>Name</th><th>Agency'
            '</th><th>Contact</th><th>Still involved</th></tr>' + ags + '</table><br><div><b>Other processes</b>'
            '</div><table border="1" cellspacing="0"><tr><th>Process</th><th>Status</th></tr>' + prs +
            f'</table><br><div>{esc(rf["name"])}<br>Sent from my iPad</div><div><br>' + quote + '</div>' + R.APPLE_TAIL)
    msg = R.eml(name, sender(rf), "Re: CSPR query - new referral", mail_date(rec), text=None, html=html)
    return msg, expected(rec), "HTML (Apple Mail): tables, quoted earlier mail about another child"


# ====================================================================== r07: Outlook web HTML tables; signature
# block of a different person (the team's DSL) under the referrer's form; text/plain alternative

def r07_html_owa_signature_other_person(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    ds = "ord"
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]
    other = pro(rng, next(a for a in AGENCIES if a[0] == rf["agency"]))
    pairs = [("Referrer name", rf["name"]), ("Referrer role", rf["role"]), ("Referrer agency", rf["agency"]),
             ("Referrer email", rf["email"]), ("Referrer phone", rf["phone"]),
             ("Date of referral", D(rf["date_submitted"], ds)), ("Name of child", ch["name"]),
             ("Child's DOB", D(ch["date_of_birth"], ds)), ("Child's address", ch["home_address"]),
             ("Parent/carer", ch["carer"]), ("Ethnicity", ch["ethnicity"]), ("Religion", ch["faith"]),
             ("Disability", ch["disability"]),
             ("Child protection plan (Yes / No / Previously / Not known)", CP[ch["child_protection_plan"]]),
             ("Date of incident", D(ch["incident_date"], ds)), ("Place of incident", ch["incident_location"]),
             ("Has the child died? (Y/N)", yn(cr["child_died"], "Y", "N")),
             ("Has the child been seriously harmed? (Y/N)", yn(cr["seriously_harmed"], "Y", "N")),
             ("Abuse or neglect: known or suspected?", cr["abuse_or_neglect"].capitalize()),
             ("Any concern about agencies working together? (Y/N)", yn(cr["agency_concern"], "Y", "N")),
             ("Brief summary", rec["summary"])]
    h = [R.OWA_HEAD, "<div>Good afternoon,</div><div>Referral below for consideration.</div><br>",
         '<table style="border-collapse:collapse" border="1">']
    t = ["Good afternoon,", "Referral below for consideration.", ""]
    for a, b in pairs:
        h.append(f'<tr><td style="width:220px"><span style="font-weight:700">{esc(a)}</span></td><td>{esc(b)}</td></tr>')
        t.append(f"{a}\t{b}")
    h.append("</table><br><div><b>Family / household</b></div><table border='1' style='border-collapse:collapse'>"
             "<tr><td><b>Name</b></td><td><b>DOB</b></td><td><b>Relationship</b></td><td><b>Ethnicity</b></td>"
             "<td><b>Address</b></td></tr>")
    t += ["", "Family / household", "Name\tDOB\tRelationship\tEthnicity\tAddress"]
    for f in rec["family"]:
        cells = [f["name"], D(f["date_of_birth"], ds, "N/K"), f["relationship"], V(f["ethnicity"], "N/K"),
                 V(f["address"], "N/K")]
        h.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
        t.append("\t".join(cells))
    h.append("</table><br><div><b>Professionals</b></div><table border='1' style='border-collapse:collapse'>"
             "<tr><td><b>Agency</b></td><td><b>Name</b></td><td><b>Contact</b></td><td><b>Involved now?</b></td></tr>")
    t += ["", "Professionals", "Agency\tName\tContact\tInvolved now?"]
    for a in rec["other_agencies"]:
        cells = [a["agency"], a["name"], a["contact"], yn(a["still_involved"])]
        h.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
        t.append("\t".join(cells))
    h.append("</table><br><div><b>Other processes</b></div><ul>")
    t += ["", "Other processes"]
    for p in rec["other_processes"]:
        h.append(f"<li>{esc(p['process'])}: {esc(p['status'])}</li>")
        t.append(f"* {p['process']}: {p['status']}")
    sig = [f"Kind regards", "", other["name"], other["role"], rf["agency"], f"Tel: {other['phone']}",
           "Working days Mon-Thu"]
    h.append("</ul><br>" + "".join(f"<div>{esc(s)}</div>" for s in sig) + R.OWA_TAIL)
    t += ["", *sig]
    msg = R.eml(name, sender(rf), "Referral for Rapid Review", mail_date(rec, 15, 2), text="\n".join(t),
                html="\n".join(h))
    return msg, expected(rec), "HTML (Outlook web) + text: signature block of another person"


# ====================================================================== r08: Outlook inline forward of a typed
# plain-text form; the forwarder (another agency's lead) adds a note above

def r08_text_outlook_inline_forward(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    ds = "dash"
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]
    fwd = pro(rng)
    lines = [f"Hi team - forwarding this from {rf['name'].split()[0]}, who could not reach the inbox. I have not "
             "changed anything.", "", fwd["name"], fwd["role"], fwd["agency"], fwd["phone"], "",
             "________________________________",
             f"From: {rf['name']} <{rf['email']}>",
             f"Sent: {fmt_date(dt.date.fromisoformat(rf['date_submitted']), 'noyear_long')} {2026} 16:40",
             f"To: {fwd['name']} <{fwd['email']}>", "Subject: CSPR referral", "",
             "CSPR REFERRAL", "", "1. YOUR DETAILS",
             f"Name: {rf['name']}", f"Job title: {rf['role']}", f"Organisation: {rf['agency']}",
             f"Email: {rf['email']}", f"Direct line: {rf['phone']}", f"Date: {D(rf['date_submitted'], ds)}", "",
             "2. THE CHILD", f"Name: {ch['name']}", f"Date of birth: {D(ch['date_of_birth'], ds)}",
             f"Address: {ch['home_address']}", f"Carer: {ch['carer']}", f"Ethnicity: {ch['ethnicity']}",
             f"Religion: {ch['faith']}", f"Disability: {ch['disability']}",
             f"Child protection plan: {CP[ch['child_protection_plan']]}", "", "3. INCIDENT",
             f"Date: {D(ch['incident_date'], ds)}", f"Location: {ch['incident_location']}",
             f"Child died: {yn(cr['child_died'])}", f"Child seriously harmed: {yn(cr['seriously_harmed'])}",
             f"Abuse/neglect: {cr['abuse_or_neglect'].capitalize()}",
             f"Concerns about joint working: {yn(cr['agency_concern'])}", f"Summary: {rec['summary']}", "",
             "4. FAMILY"]
    for f in rec["family"]:
        lines.append(f"- {f['name']}, {f['relationship']}, DOB: {D(f['date_of_birth'], ds, 'unknown')}, "
                     f"address: {V(f['address'], 'unknown')}, ethnicity: {V(f['ethnicity'], 'unknown')}")
    lines += ["", "5. AGENCIES"]
    for a in rec["other_agencies"]:
        lines.append(f"- {a['name']}, {a['agency']}, {a['contact']}, still involved: {yn(a['still_involved'])}")
    lines += ["", "6. OTHER PROCESSES"] + [f"- {p['process']}: {p['status']}" for p in rec["other_processes"]]
    lines += ["", "Thanks", rf["name"]]
    msg = R.eml(name, sender(fwd), "FW: CSPR referral", mail_date(rec, 17, 5), text="\n".join(lines))
    return msg, expected(rec), "text: Outlook inline forward by another agency's lead"


# ====================================================================== r09: typed plain text, "Name of young
# person" register, many "Not known"/"N/A" answers, dates without a year

def r09_text_not_known_no_year(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]
    ch["disability"] = None
    ch["faith"] = None
    ch["child_protection_plan"] = "not_known"
    rf["phone"] = None
    for f in rec["family"][1:]:
        f["date_of_birth"] = None
        f["ethnicity"] = None
    if len(rec["other_processes"]) > 1:
        rec["other_processes"] = rec["other_processes"][:1]
    lines = ["Referral to the Rapid Review sub-group", "",
             f"Name of person referring: {rf['name']}", f"Position: {rf['role']}", f"Agency: {rf['agency']}",
             f"Contact email: {rf['email']}", "Contact phone: N/A - please email",
             f"Date: {D(rf['date_submitted'], 'noyear_day')}", "",
             f"Name of young person: {ch['name']}", f"Young person's DOB: {D(ch['date_of_birth'], 'slash')}",
             f"Young person's address: {ch['home_address']}", f"Who does the young person live with: {ch['carer']}",
             f"Ethnicity: {ch['ethnicity']}", "Religion: Not known", "Disability: N/A",
             "Subject to a CP plan: Not known - checking with CSC", "",
             f"Date of the incident: {D(ch['incident_date'], 'noyear_long')}",
             f"Where: {ch['incident_location']}",
             f"Has the young person died: {yn(cr['child_died'])}",
             f"Has the young person been seriously harmed: {yn(cr['seriously_harmed'])}",
             f"Is abuse or neglect known or suspected: {cr['abuse_or_neglect']}",
             f"Do you have concerns about how agencies worked together: {yn(cr['agency_concern'])}", "",
             "What happened:", rec["summary"], "", "Family members:"]
    for f in rec["family"]:
        lines.append(f"  {f['name']} - {f['relationship']} - DOB: {D(f['date_of_birth'], 'slash', 'Not known')} - "
                     f"Address: {V(f['address'], 'Not known')} - Ethnicity: {V(f['ethnicity'], 'Not known')}")
    lines += ["", "Other agencies involved:"]
    for a in rec["other_agencies"]:
        lines.append(f"  {a['agency']} / {a['name']} / {a['contact']} / "
                     f"{'still open' if a['still_involved'] else 'closed'}")
    lines += ["", "Other processes:"] + [f"  {p['process']} - {p['status']}" for p in rec["other_processes"]]
    lines += ["", "Regards,", rf["name"]]
    msg = R.eml(name, sender(rf), "Referral - young person", mail_date(rec), text="\n".join(lines))
    return msg, expected(rec), "text: 'young person' register, Not known/N/A answers, dates without a year"


# ====================================================================== r10: Word with no form table: check-box
# controls in paragraphs; family table with a two-row merged header

def r10_docx_checkbox_paragraphs_merged_header(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    ds = "iso"
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]
    doc = R.new_doc("Verdana", 9)
    R.heading(doc, "Request for consideration of a Rapid Review", 1)

    def para(lab: str, val: str) -> None:
        p = doc.add_paragraph()
        p.add_run(lab + ": ").bold = True
        p.add_run(val)

    def boxes(lab: str, opts: list[tuple[str, bool]]) -> None:
        p = doc.add_paragraph()
        p.add_run(lab + "  ").bold = True
        for o, on in opts:
            R.cc_check(p, on, o)
    R.heading(doc, "A. Referrer", 2)
    for lab, v in [("Name", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]), ("Email", rf["email"]),
                   ("Phone", rf["phone"]), ("Date", D(rf["date_submitted"], ds))]:
        para(lab, v)
    R.heading(doc, "B. Child", 2)
    for lab, v in [("Name", ch["name"]), ("Date of birth", D(ch["date_of_birth"], ds)),
                   ("Address", ch["home_address"]), ("Main carer", ch["carer"])]:
        para(lab, v)
    boxes("Ethnicity", [(o, o == ch["ethnicity"]) for o in ETH_OPTS])
    para("Faith", ch["faith"])
    para("Disability", ch["disability"])
    boxes("Child protection plan", [(o, ch["child_protection_plan"] == k) for k, o in
                                    [("yes", "Yes"), ("no", "No"), ("has_been", "Has been"), ("not_known", "Not known")]])
    R.heading(doc, "C. Incident", 2)
    para("Date", D(ch["incident_date"], ds))
    para("Location", ch["incident_location"])
    boxes("The child has died", [("Yes", cr["child_died"]), ("No", not cr["child_died"])])
    boxes("The child has been seriously harmed", [("Yes", cr["seriously_harmed"]), ("No", not cr["seriously_harmed"])])
    boxes("Abuse or neglect is", [("Known", cr["abuse_or_neglect"] == "known"),
                                  ("Suspected", cr["abuse_or_neglect"] == "suspected")])
    boxes("There is cause for concern about how agencies worked together",
          [("Yes", cr["agency_concern"]), ("No", not cr["agency_concern"])])
    para("Summary", rec["summary"])
    R.heading(doc, "D. Family", 2)
    t = doc.add_table(rows=2 + len(rec["family"]), cols=5)
    t.style = "Table Grid"
    R.cell_text(t.cell(0, 0), "Person", bold=True)
    R.cell_text(t.cell(0, 2), "Details", bold=True)
    a = t.cell(0, 0).merge(t.cell(0, 1))
    b = t.cell(0, 2).merge(t.cell(0, 4))
    for c in (a, b):
        for extra in c.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
    for j, hname in enumerate(["Name", "Relationship", "Date of birth", "Ethnicity", "Address"]):
        R.cell_text(t.cell(1, j), hname, bold=True)
    for i, f in enumerate(rec["family"], 2):
        for j, v in enumerate([f["name"], f["relationship"], D(f["date_of_birth"], ds), V(f["ethnicity"]),
                               V(f["address"])]):
            R.cell_text(t.cell(i, j), v)
    R.heading(doc, "E. Agencies", 2)
    for ag in rec["other_agencies"]:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(f"{ag['agency']} - {ag['name']} - {ag['contact']} - still involved ")
        R.cc_check(p, ag["still_involved"], "Yes")
        R.cc_check(p, not ag["still_involved"], "No")
    R.heading(doc, "F. Other processes", 2)
    for pr in rec["other_processes"]:
        doc.add_paragraph(f"{pr['process']}: {pr['status']}", style="List Bullet")
    msg = R.eml(name, sender(rf), "RR request", mail_date(rec), text="Form attached.",
                attachments=[docx_att(R.doc_bytes(doc), f"RR request {rf['date_submitted']}.docx")])
    return msg, expected(rec), "docx: check-box controls in paragraphs, merged two-row family header"


# ====================================================================== r11: a workbook printed to PDF by
# LibreOffice (two sheets: the form, then family/agencies/processes)

def r11_pdf_from_spreadsheet(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    ds = "slash"
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]
    s1 = [["CSPR referral", "", ""], ["Referrer", "", rf["name"]], ["Job role", "", rf["role"]],
          ["Agency", "", rf["agency"]], ["Email", "", rf["email"]], ["Phone", "", rf["phone"]],
          ["Date submitted", "", D(rf["date_submitted"], ds)], ["Child name", "", ch["name"]],
          ["Child DOB", "", D(ch["date_of_birth"], ds)], ["Child address", "", ch["home_address"]],
          ["Carer", "", ch["carer"]], ["Ethnicity", "", ch["ethnicity"]], ["Faith", "", ch["faith"]],
          ["Disability", "", ch["disability"]], ["CP plan", "Yes/No/Previous/Unknown",
                                                 {"yes": "Yes", "no": "No", "has_been": "Previous",
                                                  "not_known": "Unknown"}[ch["child_protection_plan"]]],
          ["Incident date", "", D(ch["incident_date"], ds)], ["Incident location", "", ch["incident_location"]],
          ["Child died?", "Y/N", yn(cr["child_died"], "Y", "N")],
          ["Serious harm?", "Y/N", yn(cr["seriously_harmed"], "Y", "N")],
          ["Abuse/neglect", "Known/Suspected", cr["abuse_or_neglect"].capitalize()],
          ["Agency concern?", "Y/N", yn(cr["agency_concern"], "Y", "N")], ["Summary", "", rec["summary"]]]
    s2: list[list[Any]] = [["FAMILY", "", "", "", ""], ["Name", "Relationship", "DOB", "Address", "Ethnicity"]]
    s2 += [[f["name"], f["relationship"], D(f["date_of_birth"], ds), V(f["address"]), V(f["ethnicity"])]
           for f in rec["family"]]
    s2 += [[], ["AGENCIES", "", "", "", ""], ["Name", "Agency", "Contact", "Still involved (Y/N)", ""]]
    s2 += [[a["name"], a["agency"], a["contact"], yn(a["still_involved"], "Y", "N"), ""] for a in rec["other_agencies"]]
    s2 += [[], ["PROCESSES", "", "", "", ""], ["Process", "Status", "", "", ""]]
    s2 += [[p["process"], p["status"], "", "", ""] for p in rec["other_processes"]]
    x = R.xlsx_bytes([("Referral", s1), ("Family and agencies", s2)],
                     widths={"A": 26, "B": 22, "C": 22, "D": 30, "E": 24})
    import io

    import openpyxl
    wb = openpyxl.load_workbook(io.BytesIO(x))
    wb["Referral"].column_dimensions["C"].width = 60
    wb["Referral"].row_dimensions[len(s1)].height = 80
    for ws in wb.worksheets:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToHeight = 0
    b = io.BytesIO()
    wb.save(b)
    pdf = R.soffice_convert(b.getvalue(), "CSPR_referral", "xlsx", "pdf")
    msg = R.eml(name, sender(rf), "CSPR referral (PDF of spreadsheet)", mail_date(rec), text="PDF attached.",
                attachments=[pdf_att(pdf, "CSPR_referral.pdf")])
    return msg, expected(rec), "pdf (LibreOffice) printed from a two-sheet workbook"


# ====================================================================== r12: narrative by a health visitor in
# Outlook web HTML (first person; no form)

def _narrative(rec: dict[str, Any]) -> dict[str, Any]:
    rec["referrer"]["date_submitted"] = None
    ch = rec["child"]
    ch.update(ethnicity=None, faith=None, disability=None, child_protection_plan=None)
    rec["summary"] = None
    rec["family"], rec["other_agencies"], rec["other_processes"] = [], [], []
    return rec


def r12_narr_html_health_visitor(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    hv = pro(rng, next(a for a in AGENCIES if a[0] == "Sirona care & health"))
    hv["role"] = "Health Visitor"
    rec["referrer"] = {k: hv[k] for k in ("name", "email", "role", "phone", "agency")} | {"date_submitted": None}
    ch, cr = rec["child"], rec["criteria"]
    ch["date_of_birth"] = (TODAY - dt.timedelta(days=rng.randint(90, 1000))).isoformat()  # a health visitor's child
    cr.update(child_died=False, seriously_harmed=True, abuse_or_neglect="suspected", agency_concern=True)
    partner = rec["family"][-1]
    body = (f"<div>Dear Rapid Review team,</div><br><div>I am the health visitor for {esc(ch['name'])} "
            f"(date of birth {esc(D(ch['date_of_birth'], 'long'))}), who lives with {esc(ch['carer'])} at "
            f"{esc(ch['home_address'])}. On {esc(D(ch['incident_date'], 'noyear_long'))} {esc(ch['name'].split()[0])} "
            f"was taken to hospital from {esc(ch['incident_location'])} with injuries that the paediatrician believes "
            f"may have been caused deliberately. {esc(partner['name'])} ({esc(partner['relationship'].lower())}) was also "
            f"at the address. The injuries are serious but not life-threatening.</div><br><div>I visited twice in "
            f"the autumn and raised a concern that I am not sure was followed up between us, the GP and children's "
            f"services. I think this needs to be looked at.</div><br><div>Many thanks</div><br>"
            f"<div><b>{esc(hv['name'])}</b></div><div>{esc(hv['role'])} | {esc(hv['agency'])}</div>"
            f"<div>Mobile {esc(hv['phone'])}</div>")
    msg = R.eml(name, sender(hv), "Concern - possible serious incident", mail_date(rec, 13, 30),
                html=R.OWA_HEAD + body + R.OWA_TAIL)
    return msg, expected(_narrative(rec)), "narrative: health visitor, Outlook web HTML only"


# ====================================================================== r13: narrative letter from a consultant
# paediatrician, printed to PDF by LibreOffice

def r13_narr_pdf_paediatrician_letter(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    doc_ = pro(rng, next(a for a in AGENCIES if a[0].startswith("University Hospitals")))
    doc_["role"] = "Consultant Paediatrician"
    ch, cr = rec["child"], rec["criteria"]
    date = rec["referrer"]["date_submitted"]
    rec["referrer"] = {k: doc_[k] for k in ("name", "email", "role", "phone", "agency")} | {"date_submitted": date}
    cr.update(child_died=False, seriously_harmed=True, abuse_or_neglect="known", agency_concern=None)
    d = R.new_doc("Times New Roman", 11)
    hdr = d.sections[0].header.paragraphs[0]
    hdr.text = f"{doc_['agency']} - Department of Child Health - Weston General Hospital"
    d.add_paragraph(D(date, "long"))
    d.add_paragraph("North Somerset Safeguarding Children Partnership\nRapid Review Sub-group")
    p = d.add_paragraph()
    p.add_run(f"Re: {ch['name']}, DOB {D(ch['date_of_birth'], 'slash')}\n{ch['home_address']}").bold = True
    d.add_paragraph("Dear Chair,")
    d.add_paragraph(f"I write to refer {ch['name'].split()[0]} for consideration of a rapid review. "
                    f"{ch['name'].split()[0]} was admitted on {D(ch['incident_date'], 'long')} from "
                    f"{ch['incident_location']}. The skeletal survey and the history given by the mother, "
                    f"{ch['carer']}, lead me to conclude the injuries were inflicted; in my opinion this is physical "
                    f"abuse. The child has been seriously harmed.")
    d.add_paragraph("I have not been able to review the involvement of community services and make no comment on "
                    "that here.")
    d.add_paragraph("Yours sincerely,")
    d.add_paragraph(f"\n\n{doc_['name']}\n{doc_['role']}\nTel: {doc_['phone']}\n{doc_['email']}")
    pdf = R.soffice_pdf(R.doc_bytes(d), "letter")
    msg = R.eml(name, sender(doc_), "Letter - referral for rapid review", mail_date(rec),
                text="Please see the attached letter.", attachments=[pdf_att(pdf, "Referral letter.pdf")])
    _narrative(rec)
    rec["referrer"]["date_submitted"] = date  # a dated letter: its date is the referral's date
    return msg, expected(rec), "narrative: paediatrician's letter, PDF (LibreOffice)"


# ====================================================================== r14: a team mailbox forwards the portal
# confirmation mail AS AN ATTACHMENT (.eml); the inner mail's HTML body holds the form

def r14_html_form_in_attached_eml(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    ds = "mon_dash"
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]

    def row(a: str, b: str) -> str:
        return f'<tr><th align="left" style="background:#dde">{esc(a)}</th><td>{esc(b)}</td></tr>'
    rows = "".join(row(a, b) for a, b in [
        ("Submitted by", rf["name"]), ("Job title", rf["role"]), ("Organisation", rf["agency"]),
        ("Email address", rf["email"]), ("Contact number", rf["phone"]), ("Submission date", D(rf["date_submitted"], ds)),
        ("Child's name", ch["name"]), ("Child's date of birth", D(ch["date_of_birth"], ds)),
        ("Child's home address", ch["home_address"]), ("Parent or carer", ch["carer"]),
        ("Ethnicity", ch["ethnicity"]), ("Faith", ch["faith"]), ("Disability", ch["disability"]),
        ("Child protection plan", {"yes": "Yes", "no": "No", "has_been": "Previously", "not_known": "Not known"}[
            ch["child_protection_plan"]]), ("Date of incident", D(ch["incident_date"], ds)),
        ("Location of incident", ch["incident_location"]), ("Child has died", yn(cr["child_died"])),
        ("Child seriously harmed", yn(cr["seriously_harmed"])),
        ("Abuse or neglect", cr["abuse_or_neglect"].capitalize()),
        ("Concerns about agency working", yn(cr["agency_concern"])), ("Summary", rec["summary"])])
    fam = "".join(f'<tr><td colspan="2">{esc(f["name"])} &mdash; {esc(f["relationship"])}<br>Date of birth: '
                  f'{esc(D(f["date_of_birth"], ds, "-"))}<br>Address: {esc(V(f["address"], "-"))}<br>Ethnicity: '
                  f'{esc(V(f["ethnicity"], "-"))}</td></tr>' for f in rec["family"])
    ags = "".join(f'<tr><td colspan="2">{esc(a["agency"])}<br>Contact name: {esc(a["name"])}<br>Contact details: '
                  f'{esc(a["contact"])}<br>Still involved: {yn(a["still_involved"])}</td></tr>'
                  for a in rec["other_agencies"])
    prs = "".join(f'<tr><td colspan="2">{esc(p["process"])} ({esc(p["status"])})</td></tr>'
                  for p in rec["other_processes"])
    html = ('<html><body style="font-family:Arial"><h2>Safeguarding Practice Review - referral submitted</h2>'
            '<p>Thank you. A copy of your answers is below.</p><table cellpadding="5" border="1">' + rows +
            '<tr><th colspan="2" align="left">Family members</th></tr>' + fam +
            '<tr><th colspan="2" align="left">Agencies</th></tr>' + ags +
            '<tr><th colspan="2" align="left">Other processes</th></tr>' + prs + '</table></body></html>')
    inner = R.eml(name + "-inner", f"NSSCP Online Forms <noreply@forms.n-somerset.gov.uk>",
                  "Your submission: Safeguarding Practice Review referral", mail_date(rec, 9, 3), html=html,
                  to=sender(rf))
    team = "Children's Safeguarding Team <safeguarding.team@" + rf["email"].split("@")[1] + ">"
    msg = R.eml(name, team, "FW: Your submission: Safeguarding Practice Review referral", mail_date(rec, 11, 45),
                text=f"Forwarding the attached on behalf of {rf['name']}, who submitted it this morning.\n\n"
                     "Safeguarding Team (shared mailbox)", rfc822=inner, rfc822_name="Your submission.eml")
    return msg, expected(rec), "HTML portal copy inside an attached .eml, forwarded by a team mailbox"


# ====================================================================== r15: Word grid, label and answer in the
# same cell (label paragraph over answer paragraph), two cells a row, date-picker content controls

def r15_docx_label_over_value_cells(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    ds = "slash"
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]
    ch["disability"] = None
    doc = R.new_doc("Arial", 9)
    R.heading(doc, "Details of the young person and the incident", 1)
    cells: list[tuple[str, Any]] = [
        ("Young person's name", ch["name"]), ("Date of birth", ("date", ch["date_of_birth"])),
        ("Home address", ch["home_address"]), ("Parent / carer", ch["carer"]),
        ("Ethnicity", ch["ethnicity"]), ("Faith", ch["faith"]),
        ("SEND / disability", "N/A"),
        ("Child protection plan", {"yes": "Yes - current", "no": "No", "has_been": "Has been subject to a plan",
                                   "not_known": "Not known"}[ch["child_protection_plan"]]),
        ("Date of incident", ("date", ch["incident_date"])), ("Location of incident", ch["incident_location"]),
        ("Has the young person died?", yn(cr["child_died"])),
        ("Seriously harmed?", yn(cr["seriously_harmed"])),
        ("Abuse or neglect known / suspected", cr["abuse_or_neglect"].capitalize()),
        ("Concern about multi-agency working?", yn(cr["agency_concern"])),
        ("Person completing this form", rf["name"]), ("Their role", rf["role"]),
        ("Their organisation", rf["agency"]), ("Their email", rf["email"]),
        ("Their phone", rf["phone"]), ("Date completed", ("date", rf["date_submitted"]))]
    t = doc.add_table(rows=(len(cells) + 1) // 2, cols=2)
    t.style = "Table Grid"
    for i, (lab, val) in enumerate(cells):
        c = t.cell(i // 2, i % 2)
        p = c.paragraphs[0]
        r_ = p.add_run(lab)
        r_.bold = True
        r_.font.size = R.Pt(8)
        p2 = c.add_paragraph()
        if isinstance(val, tuple):
            R.cc_date(p2, lab, D(val[1], ds), val[1])
        else:
            R.cc_text(p2, lab, val)
    doc.add_paragraph()
    doc.add_paragraph("Summary of what happened").runs[0].bold = True
    R.cc_text(doc.add_paragraph(), "Summary", rec["summary"])
    doc.add_paragraph("Family (parents, carers, siblings, others in the household)").runs[0].bold = True
    R.table(doc, [["Name", "Relationship", "DOB", "Address", "Ethnicity"]] +
            [[f["name"], f["relationship"], D(f["date_of_birth"], ds, "N/A"), V(f["address"], "N/A"),
              V(f["ethnicity"], "N/A")] for f in rec["family"]], bold_cols=(), header=True)
    doc.add_paragraph()
    doc.add_paragraph("Professionals involved").runs[0].bold = True
    R.table(doc, [["Name", "Agency", "Phone / email", "Still involved?"]] +
            [[a["name"], a["agency"], a["contact"], yn(a["still_involved"])] for a in rec["other_agencies"]],
            bold_cols=(), header=True)
    doc.add_paragraph()
    R.table(doc, [["Other processes", "Status"]] + [[p["process"], p["status"]] for p in rec["other_processes"]],
            bold_cols=(), header=True)
    msg = R.eml(name, sender(rf), "Practice review referral", mail_date(rec), text="Attached.",
                attachments=[docx_att(R.doc_bytes(doc), "Young person referral.docx")])
    return msg, expected(rec), "docx: label over answer in one cell, two cells a row, date pickers"


# ====================================================================== r16: text, numbered questions with
# the answer after "A:" on the next line

def r16_text_numbered_questions(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    ds = "long"
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]
    qs = [("What is your name?", rf["name"]), ("What is your job title?", rf["role"]),
          ("Which organisation do you work for?", rf["agency"]), ("Your secure email address", rf["email"]),
          ("Your telephone number", rf["phone"]), ("Today's date", D(rf["date_submitted"], ds)),
          ("What is the child's full name?", ch["name"]), ("The child's date of birth", D(ch["date_of_birth"], ds)),
          ("Where does the child usually live?", ch["home_address"]),
          ("Who has day-to-day care of the child?", ch["carer"]), ("The child's ethnicity", ch["ethnicity"]),
          ("The child's religion", ch["faith"]), ("Does the child have a disability? Please describe", ch["disability"]),
          ("Is the child, or has the child been, subject to a child protection plan?",
           {"yes": "Yes, currently", "no": "No, never", "has_been": "Has been in the past",
            "not_known": "Don't know"}[ch["child_protection_plan"]]),
          ("When did the incident happen?", D(ch["incident_date"], ds)),
          ("Where did it happen?", ch["incident_location"]), ("Has the child died?", yn(cr["child_died"])),
          ("Has the child been seriously harmed?", yn(cr["seriously_harmed"])),
          ("Is abuse or neglect known, or suspected?", cr["abuse_or_neglect"].capitalize()),
          ("Is there concern about how agencies worked together?", yn(cr["agency_concern"])),
          ("Describe what happened", rec["summary"])]
    lines = ["CSPR REFERRAL - questions and answers", ""]
    for i, (q, a) in enumerate(qs, 1):
        lines += [f"Q{i}. {q}", f"A: {a}", ""]
    n = len(qs) + 1
    lines += [f"Q{n}. List the child's family members (name, relationship, date of birth, address, ethnicity)"]
    for f in rec["family"]:
        lines.append(f"A: {f['name']}; {f['relationship']}; {D(f['date_of_birth'], ds, 'not known')}; "
                     f"{V(f['address'], 'not known')}; {V(f['ethnicity'], 'not known')}")
    lines += ["", f"Q{n + 1}. Which other agencies know the child? (name, agency, contact, still involved?)"]
    for a in rec["other_agencies"]:
        lines.append(f"A: {a['name']}; {a['agency']}; {a['contact']}; {yn(a['still_involved'])}")
    lines += ["", f"Q{n + 2}. Are other processes under way?"]
    for p in rec["other_processes"]:
        lines.append(f"A: {p['process']}; {p['status']}")
    msg = R.eml(name, sender(rf), "CSPR referral questions answered", mail_date(rec), text="\n".join(lines))
    return msg, expected(rec), "text: numbered questions, answers after 'A:'"


# ====================================================================== r17: a portal's HTML summary table
# (th/td), family and agencies as lists INSIDE table cells

def r17_html_portal_lists_in_cells(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    ds = "short"
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]

    def row(a: str, b: str) -> str:
        return f'<tr><th scope="row" style="text-align:left;width:35%">{esc(a)}</th><td>{b}</td></tr>'
    fam = "<ul>" + "".join(f"<li><strong>{esc(f['name'])}</strong>, {esc(f['relationship'])}; born "
                           f"{esc(D(f['date_of_birth'], ds, 'unknown'))}; {esc(V(f['address'], 'address unknown'))}; "
                           f"{esc(V(f['ethnicity'], 'ethnicity unknown'))}</li>" for f in rec["family"]) + "</ul>"
    ags = "<ol>" + "".join(f"<li>{esc(a['name'])} &ndash; {esc(a['agency'])} &ndash; {esc(a['contact'])} &ndash; "
                           f"{'involved' if a['still_involved'] else 'no longer involved'}</li>"
                           for a in rec["other_agencies"]) + "</ol>"
    prs = "<ul>" + "".join(f"<li>{esc(p['process'])}: {esc(p['status'])}</li>" for p in rec["other_processes"]) + "</ul>"
    body = "".join([
        row("Your name", esc(rf["name"])), row("Your role", esc(rf["role"])), row("Your agency", esc(rf["agency"])),
        row("Your email", esc(rf["email"])), row("Your phone", esc(rf["phone"])),
        row("Date", esc(D(rf["date_submitted"], ds))), row("Subject child", esc(ch["name"])),
        row("Date of birth", esc(D(ch["date_of_birth"], ds))), row("Address", esc(ch["home_address"])),
        row("Carer", esc(ch["carer"])), row("Ethnicity", esc(ch["ethnicity"])), row("Faith", esc(ch["faith"])),
        row("Disability", esc(ch["disability"])),
        row("Child protection plan", {"yes": "Current", "no": "Never", "has_been": "Previous",
                                      "not_known": "Not known"}[ch["child_protection_plan"]]),
        row("Incident date", esc(D(ch["incident_date"], ds))), row("Incident location", esc(ch["incident_location"])),
        row("Death", yn(cr["child_died"])), row("Serious harm", yn(cr["seriously_harmed"])),
        row("Abuse or neglect", cr["abuse_or_neglect"].capitalize()),
        row("Concerns about agencies", yn(cr["agency_concern"])), row("Summary", esc(rec["summary"])),
        row("Family", fam), row("Agencies involved", ags), row("Other processes", prs)])
    html = ('<!DOCTYPE html><html><head><meta charset="utf-8"><style>table{border-collapse:collapse}th,td{border:1px '
            'solid #999;padding:4px}</style></head><body><p>A new referral was submitted on the partnership website.'
            '</p><table>' + body + '</table><p style="color:#777">This message was generated by the website. Do not '
            'reply.</p></body></html>')
    text = "A new referral was submitted on the partnership website. View the HTML version of this message."
    msg = R.eml(name, "NSSCP Website <no-reply@nsscp-web.example.org>", "New submission: CSPR referral form",
                mail_date(rec, 8, 2), text=text, html=html, headers={"Reply-To": sender(rf)})
    return msg, expected(rec), "HTML portal notification: th/td, lists inside cells; text part says 'see HTML'"


# ====================================================================== r18: Word, family table transposed
# (one column per person, attributes as rows); agencies likewise

def r18_docx_transposed_family(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    ds = "ord"
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]
    doc = R.new_doc("Calibri", 10)
    R.heading(doc, "Referral for a Child Safeguarding Practice Review", 1)
    R.table(doc, [["Referrer", rf["name"], "Role", rf["role"]], ["Agency", rf["agency"], "Phone", rf["phone"]],
                  ["Email", rf["email"], "Date", D(rf["date_submitted"], ds)]], bold_cols=(0, 2))
    doc.add_paragraph()
    R.table(doc, [["Child", ch["name"], "DOB", D(ch["date_of_birth"], ds)],
                  ["Address", ch["home_address"], "Carer", ch["carer"]],
                  ["Ethnicity", ch["ethnicity"], "Faith", ch["faith"]],
                  ["Disability", ch["disability"], "CP plan", CP[ch["child_protection_plan"]]]], bold_cols=(0, 2))
    doc.add_paragraph()
    doc.add_paragraph("Family and household").runs[0].bold = True
    fam = rec["family"]
    rows = [["", *[f"Person {i}" for i in range(1, len(fam) + 1)]],
            ["Name", *[f["name"] for f in fam]], ["Relationship", *[f["relationship"] for f in fam]],
            ["Date of birth", *[D(f["date_of_birth"], ds) for f in fam]],
            ["Address", *[V(f["address"]) for f in fam]], ["Ethnicity", *[V(f["ethnicity"]) for f in fam]]]
    R.table(doc, rows, bold_cols=(0,), header=True)
    doc.add_paragraph()
    doc.add_paragraph("Agencies").runs[0].bold = True
    ags = rec["other_agencies"]
    R.table(doc, [["", *[f"Agency {i}" for i in range(1, len(ags) + 1)]], ["Agency", *[a["agency"] for a in ags]],
                  ["Worker", *[a["name"] for a in ags]], ["Contact", *[a["contact"] for a in ags]],
                  ["Still involved", *[yn(a["still_involved"]) for a in ags]]], bold_cols=(0,), header=True)
    doc.add_paragraph()
    R.table(doc, [["Incident date", D(ch["incident_date"], ds)], ["Incident location", ch["incident_location"]],
                  ["Child died", yn(cr["child_died"])], ["Child seriously harmed", yn(cr["seriously_harmed"])],
                  ["Abuse / neglect", cr["abuse_or_neglect"].capitalize()],
                  ["Agency concern", yn(cr["agency_concern"])], ["Summary", rec["summary"]]])
    doc.add_paragraph()
    R.table(doc, [["Process", *[p["process"] for p in rec["other_processes"]]],
                  ["Status", *[p["status"] for p in rec["other_processes"]]]], bold_cols=(0,))
    msg = R.eml(name, sender(rf), "CSPR referral form", mail_date(rec), text="Please see attached referral.",
                attachments=[docx_att(R.doc_bytes(doc), "CSPR referral.docx")])
    return msg, expected(rec), "docx: family, agencies and processes transposed (one column per item)"


# ====================================================================== r19: text from a GP, labels as
# questions with "?", the practice manager's signature (another person) under it

def r19_text_gp_practice_manager_signature(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    gp_ag = next(a for a in AGENCIES if a[0] == "Graham Road Surgery")
    gp = pro(rng, gp_ag)
    gp["role"] = "GP Partner"
    rec["referrer"] = {k: gp[k] for k in ("name", "email", "role", "phone", "agency")} | {
        "date_submitted": rec["referrer"]["date_submitted"]}
    rec["other_agencies"] = [a for a in rec["other_agencies"] if a["agency"] != "Graham Road Surgery"]
    pm = pro(rng, gp_ag)
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]
    ds = "slash"
    lines = [f"Referrer? Dr {rf['name']}", f"Role? {rf['role']}", f"Practice? {rf['agency']}",
             f"Email? {rf['email']}", f"Tel? {rf['phone']}", f"Date? {D(rf['date_submitted'], ds)}", "",
             f"Patient (child)? {ch['name']}", f"DOB? {D(ch['date_of_birth'], ds)}", f"Address? {ch['home_address']}",
             f"Carer? {ch['carer']}", f"Ethnicity? {ch['ethnicity']}", f"Religion? {ch['faith']}",
             f"Disability? {ch['disability']}", f"CP plan? {CP[ch['child_protection_plan']]}", "",
             f"Incident date? {D(ch['incident_date'], ds)}", f"Where? {ch['incident_location']}",
             f"Died? {yn(cr['child_died'])}", f"Seriously harmed? {yn(cr['seriously_harmed'])}",
             f"Abuse/neglect? {cr['abuse_or_neglect'].capitalize()}",
             f"Concerns re agencies working together? {yn(cr['agency_concern'])}", f"Summary? {rec['summary']}", "",
             "Family?"]
    for f in rec["family"]:
        lines.append(f"    {f['relationship']}: {f['name']}, {D(f['date_of_birth'], ds, 'DOB not known')}, "
                     f"{V(f['address'], 'address not known')}, {V(f['ethnicity'], 'ethnicity not recorded')}")
    lines += ["", "Other agencies?"]
    for a in rec["other_agencies"]:
        lines.append(f"    {a['agency']}: {a['name']} ({a['contact']}) - "
                     f"{'still involved' if a['still_involved'] else 'no longer involved'}")
    lines += ["", "Other processes?"] + [f"    {p['process']}: {p['status']}" for p in rec["other_processes"]]
    lines += ["", "--", pm["name"], "Practice Manager", rf["agency"], "Graham Road, Weston-super-Mare",
              f"Reception {pm['phone']}", "This email is confidential and intended for the addressee only."]
    msg = R.eml(name, sender(rf), "Referral from GP", mail_date(rec), text="\n".join(lines))
    return msg, expected(rec), "text: GP, '?' labels, practice manager's signature"


# ====================================================================== r20: LibreOffice PDF: the family, the
# agencies and the processes each typed into ONE cell, one entry a line

def r20_pdf_lists_in_single_cells(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, rec = start(name)
    ds = "slash_yy"
    rf, ch, cr = rec["referrer"], rec["child"], rec["criteria"]
    doc = R.new_doc("Arial", 9)
    R.heading(doc, "Rapid Review referral", 1)
    fam = "\n".join(f"{f['name']} ({f['relationship']}), DOB {D(f['date_of_birth'], ds, 'n/k')}, "
                    f"{V(f['address'], 'address n/k')}, {V(f['ethnicity'], 'ethnicity n/k')}" for f in rec["family"])
    ags = "\n".join(f"{a['agency']} - {a['name']} - {a['contact']} - {'open' if a['still_involved'] else 'closed'}"
                    for a in rec["other_agencies"])
    prs = "\n".join(f"{p['process']} - {p['status']}" for p in rec["other_processes"])
    R.table(doc, [["Referrer name", rf["name"]], ["Referrer role", rf["role"]], ["Referrer agency", rf["agency"]],
                  ["Referrer email", rf["email"]], ["Referrer phone", rf["phone"]],
                  ["Date of referral", D(rf["date_submitted"], ds)], ["Child", ch["name"]],
                  ["Child's DOB", D(ch["date_of_birth"], ds)], ["Child's address", ch["home_address"]],
                  ["Carer", ch["carer"]], ["Ethnicity", ch["ethnicity"]], ["Faith", ch["faith"]],
                  ["Disability", ch["disability"]],
                  ["CP plan", {"yes": "Current", "no": "None", "has_been": "Previous", "not_known": "Not known"}[
                      ch["child_protection_plan"]]],
                  ["Incident date", D(ch["incident_date"], ds)], ["Incident place", ch["incident_location"]],
                  ["Died", yn(cr["child_died"])], ["Seriously harmed", yn(cr["seriously_harmed"])],
                  ["Abuse or neglect", cr["abuse_or_neglect"].capitalize()],
                  ["Concern about agencies", yn(cr["agency_concern"])], ["Summary", rec["summary"]],
                  ["Family members (one per line)", fam], ["Agencies (one per line)", ags],
                  ["Other processes", prs]])
    pdf = R.soffice_pdf(R.doc_bytes(doc), "RR_referral")
    msg = R.eml(name, sender(rf), "Rapid Review referral (PDF)", mail_date(rec), text="See PDF.",
                attachments=[pdf_att(pdf, "RR_referral.pdf")])
    return msg, expected(rec), "pdf (LibreOffice): family, agencies and processes one per line in single cells"


ALL = [r01_docx_w14_checkbox_merged_sections, r02_docx_children_grid_referrer_beside,
       r03_pdf_cyp_register_adults_involved, r04_pdf_fillable_acroform, r05_html_gmail_personal_account,
       r06_html_apple_mail_quoted_other_child, r07_html_owa_signature_other_person, r08_text_outlook_inline_forward,
       r09_text_not_known_no_year, r10_docx_checkbox_paragraphs_merged_header, r11_pdf_from_spreadsheet,
       r12_narr_html_health_visitor, r13_narr_pdf_paediatrician_letter, r14_html_form_in_attached_eml,
       r15_docx_label_over_value_cells, r16_text_numbered_questions, r17_html_portal_lists_in_cells,
       r18_docx_transposed_family, r19_text_gp_practice_manager_signature, r20_pdf_lists_in_single_cells]
