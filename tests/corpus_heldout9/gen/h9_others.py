"""Narrative and unreadable-attachment referrals, agency returns, command replies and noise for held-out set 9."""

from __future__ import annotations

import datetime as dt
import io
import random
from typing import Any

import h9_extra as x
import h9_render as h
from h9_data import (TO, TODAY, agency_return, case_ref, expected_other, expected_referral, expected_return, fmt_date,
                     pro, referral)
from h9_referrals import D, att_docx, box, yn


def _narr(r: dict[str, Any], keep_child: tuple[str, ...], crit: dict[str, Any], summary: bool = False) -> dict:
    """Only what a no-form mail states: the referrer's signature, the named child fields, the stated criteria."""
    e = expected_referral(r)
    ref = e["referral"]
    ref["referrer"]["date_submitted"] = None
    ref["child"] = {k: (v if k in keep_child else None) for k, v in ref["child"].items()}
    ref["criteria"] = {"child_died": None, "seriously_harmed": None, "abuse_or_neglect": None, "agency_concern": None,
                       **crit}
    ref["family"], ref["other_agencies"], ref["other_processes"] = [], [], []
    if not summary:
        ref["summary"] = None
    return e


# ------------------------------------------------------------------ narratives

def r21_narr_text_known_as(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=2)
    rf, c = r["referrer"], r["child"]
    inc = dt.date.fromisoformat(c["incident_date"])
    known = "".join(p[0] for p in r["_first"].split("-")) if "-" in r["_first"] else r["_first"][:3]
    text = (f"Dear all,\n\nI am letting you know now about a child death as I am on leave from tomorrow and do not "
            f"want this to wait for the form.\n\n{c['name']} (known to everyone as {known}), born on the "
            f"{D(c['date_of_birth'], 'ordof')}, died on {D(c['incident_date'], 'wday')}. {r['_first']} lived with "
            f"their mother at {c['home_address']}. The family have been open to my team since the summer. Neglect "
            f"is suspected: the home conditions when police attended were very poor.\n\nMy deputy will send the "
            f"completed referral form. Please treat this email as the referral in the meantime.\n\n"
            f"{rf['name']}\n{rf['role']}\n{rf['agency']}\nMobile: {rf['phone']}\n")
    msg = h.eml(name, f"{rf['name']} <{rf['email']}>", "Child death - referral to follow", h.when(inc + dt.timedelta(days=1), 17, 41),
                text=text)
    exp = _narr(r, ("name", "date_of_birth", "home_address", "incident_date"),
                {"child_died": True, "abuse_or_neglect": "suspected"})
    return msg, exp, "narrative text (no form): child's 'known as' name, DOB in words, leave tomorrow"


def r22_narr_html_police(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=1)
    rf, c = r["referrer"], r["child"]
    inc = dt.date.fromisoformat(c["incident_date"])
    e = h.esc
    html = (f'<html><body><div style="font-family:Arial;font-size:10pt"><p>Good morning,</p>'
            f'<p>I am the SIO for an incident on the evening of {D(c["incident_date"], "slash")} in which '
            f'<b>{e(c["name"])}</b> (DOB {D(c["date_of_birth"], "slash")}) sustained life-threatening injuries and '
            f'remains in intensive care. We suspect {e(r["_first"])} was being criminally exploited, which we treat as '
            f'abuse.</p><p>There are early indications that the school and the youth justice service each held '
            f'information that was not shared with the other; I think this needs looking at under the review '
            f'arrangements.</p><p>I have not attached a form; please let me know which one you need.</p>'
            f'<p>Regards</p><table style="font-size:9pt;color:#1f3864"><tr><td><b>{e(rf["name"])}</b></td></tr>'
            f'<tr><td>{e(rf["role"])}</td></tr><tr><td>{e(rf["agency"])}</td></tr><tr><td>Tel: {rf["phone"]}</td>'
            f'</tr></table></div></body></html>')
    msg = h.eml(name, f"{rf['name']} <{rf['email']}>", "Serious incident - young person in ICU",
                h.when(inc + dt.timedelta(days=2), 8, 5), html=html)
    exp = _narr(r, ("name", "date_of_birth", "incident_date"),
                {"seriously_harmed": True, "abuse_or_neglect": "suspected", "agency_concern": True})
    return msg, exp, "narrative HTML (no form): police SIO, signature in a table, exploitation suspected, information-sharing concern"


def r23_narr_text_school_nurse(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=8)
    rf, c = r["referrer"], r["child"]
    rf["role"] = "School Nurse"
    inc = dt.date.fromisoformat(c["incident_date"])
    text = (f"Hi,\n\nSorry for the informal email. {c['name']} (Year {rng.randint(3, 6)}) was admitted to intensive "
            f"care on {D(c['incident_date'], 'wday')} after being found at home by a neighbour, very underweight and "
            f"dehydrated. Neglect is known - {r['_first']} was on a child protection plan for neglect until the "
            f"summer, when the plan ended.\n\nCan this be looked at for a review? I can complete a form if you send "
            f"me one.\n\nThanks\n{rf['name']}\nSchool Nurse, {rf['agency']}\n{rf['phone']}\n\nSent from Outlook for "
            f"Android\n")
    r["child"]["child_protection_plan"] = "has_been"
    msg = h.eml(name, f"{rf['name']} <{rf['email']}>", "Can this be considered?", h.when(inc + dt.timedelta(days=3), 19, 2),
                text=text)
    exp = _narr(r, ("name", "incident_date", "child_protection_plan"),
                {"seriously_harmed": True, "abuse_or_neglect": "known"})
    return msg, exp, "narrative text (no form) from a phone: school year not DOB, 'plan ended' stated in prose"


# ------------------------------------------------------------------ unreadable attachments

def r24_unreadable_doc_word97(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=10)
    rf, c = r["referrer"], r["child"]
    inc = dt.date.fromisoformat(c["incident_date"])
    ole = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(rng.randrange(256) for _ in range(6000))
    text = (f"Dear Partnership,\n\nPlease find attached a referral regarding a child who died on "
            f"{D(c['incident_date'], 'slash')}. We have concerns that abuse or neglect may have been a factor.\n\n"
            f"Regards,\n\n{rf['name']}\n{rf['role']}\n{rf['agency']}\nT: {rf['phone']}\n")
    msg = h.eml(name, f"{rf['name']} <{rf['email']}>", "Referral", h.when(inc + dt.timedelta(days=2), 12, 30),
                text=text, attachments=[("Referral form.doc", ole, "application", "msword")])
    exp = _narr(r, ("incident_date",), {"child_died": True, "abuse_or_neglect": "suspected"})
    return msg, exp, "referral with a Word 97 .doc that cannot be read (OLE container), referrer from the signature"


def r25_unreadable_pdf_truncated(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    r = referral(rng, agency_ix=0)
    rf, c = r["referrer"], r["child"]
    inc = dt.date.fromisoformat(c["incident_date"])
    full = h.build_pdf([h.P("CSPR referral form " + "x" * 2000)], "form")
    broken = full[: len(full) // 3]
    text = (f"Hello,\n\nReferral attached for the baby admitted to the children's hospital on "
            f"{D(c['incident_date'], 'wday')} with a serious head injury.\n\n"
            f"{rf['name']} | {rf['role']} | {rf['agency']} | {rf['phone']}\n")
    msg = h.eml(name, f"{rf['name']} <{rf['email']}>", "CSPR referral - baby", h.when(inc + dt.timedelta(days=1), 15, 3),
                text=text, attachments=[("CSPR referral.pdf", broken, "application", "pdf")])
    exp = _narr(r, ("incident_date",), {"seriously_harmed": True})
    return msg, exp, "referral with a PDF cut off in transit (truncated), referrer from a one-line signature"


# ------------------------------------------------------------------ agency returns

def _ret(name: str, agency_ix: int, nil: bool = False) -> tuple[random.Random, str, dict[str, Any], dict[str, Any]]:
    rng = random.Random(name)
    ref = case_ref(rng)
    g = agency_return(rng, agency_ix, nil)
    return rng, ref, g["ret"], g


def _afrom(a: dict[str, Any]) -> str:
    return f"{a['author']['name']} <{a['author']['email']}>"


def a01_docx_nested_return(name: str) -> tuple[bytes, dict, str]:
    """Devon-style Individual Agency Summary: section column with nested tables."""
    rng, ref, a, g = _ret(name, 0)
    au = a["author"]
    d = h.new_doc("Arial", 10)
    d.add_heading("Individual Agency Summary", level=1)
    d.add_paragraph(f"Rapid Review reference: {ref}")
    outer = d.add_table(rows=5, cols=2)
    outer.style = "Table Grid"

    def nested(cell: Any, rows: list[list[str]]) -> None:
        cell.paragraphs[0].text = ""
        t = cell.add_table(rows=len(rows), cols=2)
        t.style = "Table Grid"
        for i, (k, v) in enumerate(rows):
            h.cell_text(t.cell(i, 0), k, bold=True)
            h.cell_text(t.cell(i, 1), v)

    for i, s in enumerate(["Agency and author", "Involvement", "Summary of involvement", "Actions and learning",
                           "Sign-off"]):
        h.cell_text(outer.cell(i, 0), s, bold=True)
        h.shade(outer.cell(i, 0), "E2EFDA")
    nested(outer.cell(0, 1), [["Agency", a["agency"]], ["Completed by", au["name"]], ["Job title", au["role"]],
                              ["Email", au["email"]], ["Telephone", au["phone"]]])
    nested(outer.cell(1, 1), [["Was your agency involved with the child or family?", "Yes"],
                              ["First contact in the period", D(a["involvement_from"], "dot")],
                              ["Last contact", D(a["involvement_to"], "dot")]])
    h.cell_text(outer.cell(2, 1), a["summary"])
    nested(outer.cell(3, 1), [["Immediate actions taken", a["immediate_actions"]],
                              ["Initial learning", a["learning"]],
                              ["Records secured?", yn(a["records_secured"])]])
    nested(outer.cell(4, 1), [["Signed off by (senior manager)", a["signed_off_by"]],
                              ["Date", D(a["date_completed"], "dot")]])
    msg = h.eml(name, _afrom(a), f"RE: {ref} - Individual Agency Summary request",
                h.when(dt.date.fromisoformat(a["date_completed"]), 16, 2),
                text=f"Please find our IAS attached.\n\n{au['name']}\n",
                attachments=[att_docx(f"IAS {ref}.docx", h.doc_bytes(d))])
    return msg, expected_return(ref, a), "docx return: section column with nested label/value tables (Devon-style IAS)"


def a02_pdf_fillable_radio(name: str) -> tuple[bytes, dict, str]:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    rng, ref, a, g = _ret(name, 4)
    au = a["author"]
    b = io.BytesIO()
    cv = canvas.Canvas(b, pagesize=A4)
    W, H = A4
    n = [0]

    def tf(val: str, xx: float, y: float, w: float, hh: float = 14, multi: bool = False) -> None:
        n[0] += 1
        cv.acroForm.textfield(name=f"fill_{n[0]}", value=val, x=xx, y=y, width=w, height=hh, fontName="Helvetica",
                              fontSize=7 if multi else 8, borderWidth=0.5, fieldFlags="multiline" if multi else "")

    def lab(t: str, xx: float, y: float, size: float = 8, bold: bool = False) -> None:
        cv.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        cv.drawString(xx, y, t)

    y = H - 50
    lab("Rapid Review - agency information return", 40, y, 13, True)
    y -= 24
    for label, val in [("Case reference", ref), ("Agency", a["agency"]), ("Author", au["name"]),
                       ("Role", au["role"]), ("Email", au["email"]), ("Phone", au["phone"])]:
        y -= 18
        lab(label, 40, y + 3)
        tf(val, 150, y, 380)
    y -= 24
    lab("Involved with the child/family in the review period?", 40, y + 3)
    for i, v in enumerate(["Yes", "No"]):
        cv.acroForm.radio(name="radio_involved", value=v, selected=(v == "Yes"), x=330 + i * 60, y=y, size=11,
                          buttonStyle="circle", borderWidth=0.5)
        lab(v, 345 + i * 60, y + 3)
    y -= 20
    lab("From", 40, y + 3)
    tf(D(a["involvement_from"], "slash"), 150, y, 90)
    lab("To", 260, y + 3)
    tf(D(a["involvement_to"], "slash"), 290, y, 90)
    for label, val, hh in [("Summary of involvement", a["summary"], 60), ("Immediate actions", a["immediate_actions"], 40),
                           ("Learning identified", a["learning"], 40)]:
        y -= 14
        lab(label, 40, y, 9, True)
        y -= hh + 4
        tf(val, 40, y, 490, hh, multi=True)
    y -= 24
    lab("Records secured?", 40, y + 3)
    for i, v in enumerate(["Yes", "No"]):
        cv.acroForm.radio(name="radio_records", value=v, selected=(v == yn(a["records_secured"])), x=150 + i * 60,
                          y=y, size=11, buttonStyle="circle", borderWidth=0.5)
        lab(v, 165 + i * 60, y + 3)
    y -= 22
    lab("Manager sign-off", 40, y + 3)
    tf(a["signed_off_by"], 150, y, 200)
    lab("Date", 370, y + 3)
    tf(D(a["date_completed"], "slash"), 400, y, 100)
    cv.showPage()
    cv.save()
    msg = h.eml(name, _afrom(a), f"{ref} agency return", h.when(dt.date.fromisoformat(a["date_completed"]), 11, 40),
                text="Return attached (fillable PDF).\n", attachments=[(f"{ref} return.pdf", b.getvalue(), "application", "pdf")])
    return msg, expected_return(ref, a), "fillable PDF return: fields fill_1.., radio groups for involved and records secured"


def a03_xlsx_row_return(name: str) -> tuple[bytes, dict, str]:
    import openpyxl
    from openpyxl.styles import Alignment, Font
    rng, ref, a, g = _ret(name, 1)
    au = a["author"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Return"
    heads = ["Case ref", "Agency", "Author", "Author role", "Author email", "Author phone", "Involved (Y/N)",
             "Involved from", "Involved to", "Summary", "Immediate actions", "Learning", "Records secured (Y/N)",
             "Authorised by", "Date completed"]
    vals = [ref, a["agency"], au["name"], au["role"], au["email"], au["phone"], "Y",
            dt.datetime.fromisoformat(a["involvement_from"]), dt.datetime.fromisoformat(a["involvement_to"]),
            a["summary"], a["immediate_actions"], a["learning"], "Y" if a["records_secured"] else "N",
            a["signed_off_by"], dt.datetime.fromisoformat(a["date_completed"])]
    ws.append(heads)
    ws.append(vals)
    for j in range(1, len(heads) + 1):
        ws.cell(1, j).font = Font(bold=True)
        ws.cell(2, j).alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width = 40 if j in (10, 11, 12) else 18
    for j in (8, 9, 15):
        ws.cell(2, j).number_format = "dd-mmm-yy"
    b = io.BytesIO()
    wb.save(b)
    msg = h.eml(name, _afrom(a), f"{ref} - police return", h.when(dt.date.fromisoformat(a["date_completed"]), 9, 55),
                text=f"Our return for {ref} is attached (one row, headings across the top).\n\n{au['name']}\n{au['role']}\n",
                attachments=[("return.xlsx", b.getvalue(), "application",
                              "vnd.openxmlformats-officedocument.spreadsheetml.sheet")])
    return msg, expected_return(ref, a), "XLSX return: headings across row 1, answers in row 2, dates dd-mmm-yy"


def a04_html_struck_return(name: str) -> tuple[bytes, dict, str]:
    rng, ref, a, g = _ret(name, 7)
    au = a["author"]
    e = h.esc

    def yesno(b: bool) -> str:
        return "Yes / <s>No</s>" if b else "<s>Yes</s> / No"

    rows = [("Agency", e(a["agency"])), ("Name of author", e(au["name"])), ("Role", e(au["role"])),
            ("Contact", f"{e(au['phone'])}<br>{e(au['email'])}"),
            ("Involvement with the child or family (delete as appropriate)", yesno(True)),
            ("Period of involvement", f"{D(a['involvement_from'], 'long')} until {D(a['involvement_to'], 'long')}"),
            ("Summary", e(a["summary"])), ("Actions already taken", e(a["immediate_actions"])),
            ("Learning", e(a["learning"])), ("Records secured (delete as appropriate)", yesno(a["records_secured"])),
            ("Approved by", e(a["signed_off_by"])), ("Date", D(a["date_completed"], "long"))]
    tr = "".join(f'<tr><td style="width:35%;background:#FBE4D5;border:solid windowtext 1pt"><p class=MsoNormal><b>'
                 f'{k}</b></p></td><td style="border:solid windowtext 1pt"><p class=MsoNormal>{v}</p></td></tr>'
                 for k, v in rows)
    html = (f'<html><body><div class=WordSection1><p class=MsoNormal>Dear Business Unit,</p><p class=MsoNormal>Our '
            f'return for {ref} is in the table below.</p><table class=MsoTableGrid border=1 cellspacing=0 '
            f'style="border-collapse:collapse">{tr}</table><p class=MsoNormal>&nbsp;</p><p class=MsoNormal>'
            f'{e(au["name"])}<br>{e(au["role"])}</p></div></body></html>')
    msg = h.eml(name, _afrom(a), f"RE: [{ref}] request for agency information",
                h.when(dt.date.fromisoformat(a["date_completed"]), 14, 22), html=html)
    return msg, expected_return(ref, a), "HTML body (Outlook) return: 'delete as appropriate' done with <s> strike-through; period 'A until B'"


def a05_text_above_quoted_request(name: str) -> tuple[bytes, dict, str]:
    rng, ref, a, g = _ret(name, 8)
    au = a["author"]
    req_date = dt.date.fromisoformat(a["date_completed"]) - dt.timedelta(days=8)
    text = (f"Hello,\n\nAnswers below in the order you asked.\n\n1. {a['agency']}\n2. {au['name']}, {au['role']}, "
            f"{au['phone']}, {au['email']}\n3. Yes - from {D(a['involvement_from'], 'ord')} to "
            f"{D(a['involvement_to'], 'ord')}\n4. {a['summary']}\n5. {a['immediate_actions']}\n6. {a['learning']}\n"
            f"7. {'Yes' if a['records_secured'] else 'No'}\n8. {a['signed_off_by']} (Head of Service), "
            f"{D(a['date_completed'], 'ord')}\n\nBest wishes\n{au['name'].split()[0]}\n\n"
            f"On {D(req_date.isoformat(), 'comma')}, Safeguarding Partnership Business Unit "
            f"<cspr.referrals@n-somerset.gov.uk> wrote:\n> Dear colleague,\n>\n> A rapid review has been agreed for "
            f"case {ref}. Please reply within 10 working days with:\n> 1. Your agency\n> 2. Your name, role, phone "
            f"and email\n> 3. Whether you were involved, and the dates of your involvement\n> 4. A summary of your "
            f"involvement\n> 5. Immediate actions taken\n> 6. Any learning identified\n> 7. Whether records have "
            f"been secured\n> 8. Who signed the return off, and the date\n>\n> Thank you\n> Business Unit\n")
    msg = h.eml(name, _afrom(a), f"RE: {ref} rapid review - agency information needed",
                h.when(dt.date.fromisoformat(a["date_completed"]), 10, 4), text=text)
    return msg, expected_return(ref, a), "plain text return: numbered answers above the quoted numbered questions"


def a06_odt_labels_below_return(name: str) -> tuple[bytes, dict, str]:
    rng, ref, a, g = _ret(name, 10)
    au = a["author"]
    o = x.Odt(header=f"Rapid Review {ref} - OFFICIAL SENSITIVE")
    o.h("Agency return to the Rapid Review", 1)
    pairs = [(a["agency"], "Organisation"), (au["name"], "Completed by"), (au["role"], "Position"),
             (au["phone"], "Telephone"), (au["email"], "Email"),
             ("Yes", "Did your organisation have contact with the child or family?"),
             (D(a["involvement_from"], "dash"), "Earliest contact"), (D(a["involvement_to"], "dash"), "Latest contact")]
    rows: list[list[Any]] = []
    for v, cap in pairs:
        rows.append([(v, 2)])
        rows.append([(f"({cap})", 2)])
    o.table(rows, shade_first_col=False)
    o.h("What we knew and did")
    o.p(a["summary"])
    o.h("Immediate actions")
    o.p(a["immediate_actions"])
    o.h("Early learning")
    o.p(a["learning"])
    o.table([[(yn(a["records_secured"]), 1), (a["signed_off_by"], 1), (D(a["date_completed"], "dash"), 1)],
             ["(Records secured?)", "(Signed off by)", "(Date)"]], shade_first_col=False)
    msg = h.eml(name, _afrom(a), f"{ref} - return from {a['agency']}",
                h.when(dt.date.fromisoformat(a["date_completed"]), 15, 12),
                text=f"Attached.\n{au['name']}\n", attachments=[(f"{ref} return.odt", o.bytes(), "application",
                                                                 "vnd.oasis.opendocument.text")])
    return msg, expected_return(ref, a), "ODT return (hand-written OpenDocument): each value above its bracketed caption; reference in the page header"


def a07_rtf_nil_school(name: str) -> tuple[bytes, dict, str]:
    rng, ref, a, g = _ret(name, 3, nil=True)
    au = a["author"]
    f = x.Rtf()
    f.p("RAPID REVIEW - SCHOOL RESPONSE", bold=True, size=26)
    for k, v in [("Review reference", ref), ("School", a["agency"]), ("Completed by", au["name"]),
                 ("Role", au["role"]), ("Telephone", au["phone"]), ("Email", au["email"]),
                 ("Has the school had any involvement with the child or family?",
                  "No. The child was not on roll here and no siblings attend; we have no record of the family."),
                 ("Headteacher", a["signed_off_by"]), ("Date", D(a["date_completed"], "short"))]:
        f.row([k, v], [4200, 5400])
    msg = h.eml(name, _afrom(a), f"{ref} nil return", h.when(dt.date.fromisoformat(a["date_completed"]), 13, 13),
                text="Please see attached.\n", attachments=[("nil return.rtf", f.bytes(), "application", "rtf")])
    return msg, expected_return(ref, a), "RTF nil return from a school, answer in a sentence, headteacher sign-off"


def a08_pdf_soffice_numbered(name: str) -> tuple[bytes, dict, str]:
    """Wales-style 'individual agency information' table: No. | Question | Response."""
    rng, ref, a, g = _ret(name, 6)
    au = a["author"]
    d = h.new_doc("Arial", 9)
    d.add_heading("Individual Agency Information", level=1)
    rows = [["No.", "Question", "Response"],
            ["1", "Review reference", ref], ["2", "Name of agency", a["agency"]],
            ["3", "Name, role and contact details of the person completing this form",
             f"{au['name']}\n{au['role']}\n{au['phone']}\n{au['email']}"],
            ["4", "Has your agency had contact with the child or family in the last 12 months?", "Yes"],
            ["5", "Dates of contact (first and last)",
             f"First: {D(a['involvement_from'], 'nopad')}\nLast: {D(a['involvement_to'], 'nopad')}"],
            ["6", "Brief summary of involvement", a["summary"]],
            ["7", "What has your agency already done?", a["immediate_actions"]],
            ["8", "What learning do you see at this stage?", a["learning"]],
            ["9", "Have your records been secured?", yn(a["records_secured"])],
            ["10", "Senior manager who has quality assured this information", a["signed_off_by"]],
            ["11", "Date", D(a["date_completed"], "nopad")]]
    h.table(d, rows, bold_cols=(0, 1), header=True, fill="DEEAF6")
    pdf = h.soffice_pdf(h.doc_bytes(d), "iai")
    msg = h.eml(name, _afrom(a), f"{ref} individual agency information",
                h.when(dt.date.fromisoformat(a["date_completed"]), 12, 0),
                text=f"Dear colleagues, our information for {ref} attached.\n\n{au['name']}\n",
                attachments=[(f"IAI {ref}.pdf", pdf, "application", "pdf")])
    return msg, expected_return(ref, a), "PDF printed from Word: No. | Question | Response table, author block on four lines, 'First:'/'Last:' dates"


def a09_fwd_eml_text_return(name: str) -> tuple[bytes, dict, str]:
    rng, ref, a, g = _ret(name, 9)
    au = a["author"]
    inner_text = (f"Return for {ref}\n\nAgency: {a['agency']}\nAuthor: {au['name']} ({au['role']})\nPhone: "
                  f"{au['phone']}\nEmail: {au['email']}\nInvolved: yes\nPeriod: {D(a['involvement_from'], 'slash')} - "
                  f"{D(a['involvement_to'], 'slash')}\nSummary: {a['summary']}\nImmediate actions: "
                  f"{a['immediate_actions']}\nLearning: {a['learning']}\nRecords secured: "
                  f"{yn(a['records_secured'])}\nSigned off: {a['signed_off_by']}\nDate: "
                  f"{D(a['date_completed'], 'slash')}\n")
    bs = pro(rng, 9)
    inner = h.eml(name + ".inner", _afrom(a), f"{ref} return", h.when(dt.date.fromisoformat(a["date_completed"]), 9, 1),
                  to=f"YJS Business Support <yjs.support@n-somerset.gov.uk>", text=inner_text)
    msg = h.eml(name, "YJS Business Support <yjs.support@n-somerset.gov.uk>", f"FW: {ref} return",
                h.when(dt.date.fromisoformat(a["date_completed"]), 11, 30),
                text=f"Forwarding {au['name']}'s return as an attachment.\n\n{bs['first']} (Business Support)\n",
                rfc822=inner, rfc822_name=f"{ref} return.eml")
    return msg, expected_return(ref, a), "forwarded as attachment (message/rfc822): a plain-text return from the case worker, sent on by business support"


def a10_docx_keyvalue_nil(name: str) -> tuple[bytes, dict, str]:
    rng, ref, a, g = _ret(name, 11, nil=True)
    au = a["author"]
    d = h.new_doc("Calibri", 10)
    d.add_heading("Rapid review: agency response", level=1)
    h.table(d, [[f"Reference: {ref}", f"Organisation: {a['agency']}"],
                [f"Name: {au['name']}", f"Role: {au['role']}"],
                [f"Tel: {au['phone']}", f"Email: {au['email']}"],
                [f"Involvement:  {box(False, 'ballot')} Yes   {box(True, 'ballot')} No", ""],
                ["If yes, dates of involvement:", ""],
                ["Summary (if involved):", ""],
                [f"Checked by: {a['signed_off_by']}", f"Date: {D(a['date_completed'], 'ord')}"]],
            bold_cols=(), fill="")
    msg = h.eml(name, _afrom(a), f"RE: {ref}", h.when(dt.date.fromisoformat(a["date_completed"]), 10, 10),
                text="No involvement - form attached.\n", attachments=[att_docx("response.docx", h.doc_bytes(d))])
    return msg, expected_return(ref, a), "docx nil return: 'Label: value' inside cells, ☒ No, empty 'if yes' rows"


# ------------------------------------------------------------------ command replies

CHAIR = "Dr Rosalind Whitlock <rosalind.whitlock@nhs.net>"
COORD = "Morwenna Holloway (CSPR Co-ordinator) <morwenna.holloway@n-somerset.gov.uk>"
LEADER = "Harpreet Galbraith <harpreet.galbraith@n-somerset.gov.uk>"
CSPRBOT = "csprbot <cspr.referrals@n-somerset.gov.uk>"


def _quote(ref: str, when_: dt.datetime, body: str) -> str:
    return (f"\n\nFrom: {CSPRBOT}\nSent: {when_:%d %B %Y %H:%M}\nTo: CSPR sub-group\nSubject: [{ref}] {body}\n\n"
            f"Case {ref} needs your attention. Reply with one command on the first line.\n")


def c01_decision_rr_agencies(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = case_ref(rng)
    w = h.when(TODAY, 9, 12)
    text = ("DECISION: RAPID REVIEW\nAGENCIES: Avon and Somerset Police, Sirona care & health, Gordano Vale Academy\n\n"
            "Agreed at this morning's screening call.\nRosalind" + _quote(ref, w - dt.timedelta(days=1), "screening due"))
    return (h.eml(name, CHAIR, f"RE: [{ref}] screening due", w, text=text),
            expected_other("reply", ref, "DECISION"), "command reply: DECISION: RAPID REVIEW with an AGENCIES line")


def c02_notified_html(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = case_ref(rng)
    w = h.when(TODAY, 15, 40)
    d = TODAY - dt.timedelta(days=1)
    html = (f'<html><body><div class=WordSection1><p class=MsoNormal>NOTIFIED: {d.isoformat()}</p><p class=MsoNormal>'
            f'&nbsp;</p><p class=MsoNormal>SIN submitted yesterday afternoon.</p><p class=MsoNormal>Harpreet</p>'
            f'<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class=MsoNormal>'
            f'<b>From:</b> csprbot &lt;cspr.referrals@n-somerset.gov.uk&gt;<br><b>Sent:</b> {fmt_date(d, "wday")} '
            f'09:00<br><b>Subject:</b> [{ref}] Serious incident notification due</p></div><p class=MsoNormal>'
            f'The notification to the National Panel is due.</p></div></body></html>')
    return (h.eml(name, LEADER, f"RE: [{ref}] Serious incident notification due", w, html=html),
            expected_other("reply", ref, "NOTIFIED", d.isoformat()), "command reply (HTML, Outlook quote block): NOTIFIED: date")


def c03_submitted(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = case_ref(rng)
    w = h.when(TODAY, 17, 2)
    text = (f"SUBMITTED: {TODAY.isoformat()}\n\nSent to the Panel at 4.45pm.\n\nMorwenna"
            + _quote(ref, w - dt.timedelta(days=2), "rapid review due to the Panel"))
    return (h.eml(name, COORD, f"RE: [{ref}] rapid review due to the Panel", w, text=text),
            expected_other("reply", ref, "SUBMITTED", TODAY.isoformat()), "command reply: SUBMITTED: date")


def c04_correct_dob(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = case_ref(rng)
    w = h.when(TODAY, 10, 48)
    text = ("CORRECT child.date_of_birth: 2019-03-02\n\nThe form had the American order.\n"
            + _quote(ref, w - dt.timedelta(hours=2), "fields to check"))
    return (h.eml(name, COORD, f"RE: [{ref}] fields to check", w, text=text),
            expected_other("reply", ref, "CORRECT"), "command reply: CORRECT <field>: value")


def c05_panel_local(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = case_ref(rng)
    w = h.when(TODAY, 12, 5)
    text = ("PANEL: LOCAL REVIEW\n\nThe Panel's letter agrees with our recommendation.\n"
            + _quote(ref, w - dt.timedelta(days=9), "awaiting the Panel"))
    return (h.eml(name, COORD, f"RE: [{ref}] awaiting the Panel", w, text=text),
            expected_other("reply", ref, "PANEL"), "command reply: PANEL: LOCAL REVIEW")


def c06_not_a_referral(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = case_ref(rng)
    w = h.when(TODAY, 14, 1)
    text = ("NOT A REFERRAL: this was a child protection referral for the front door; passed to the MASH\n\n"
            + _quote(ref, w - dt.timedelta(hours=5), "provisional case - please confirm"))
    return (h.eml(name, COORD, f"RE: [{ref}] provisional case - please confirm", w, text=text),
            expected_other("reply", ref, "NOT A REFERRAL"), "command reply: NOT A REFERRAL: reason")


def c07_link(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = case_ref(rng)
    other = f"NS-CSPR-2026-{int(ref[-3:]) - 1:03d}"
    w = h.when(TODAY, 11, 11)
    text = (f"LINK {other}\n\nSiblings - same incident.\n" + _quote(ref, w - dt.timedelta(hours=1), "new referral"))
    return (h.eml(name, COORD, f"RE: [{ref}] new referral", w, text=text),
            expected_other("reply", ref, "LINK"), "command reply: LINK <REF> (a second case reference in the body)")


# ------------------------------------------------------------------ noise

def n01_ooo_no_header(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = case_ref(rng)
    text = ("I am out of the office until Monday 14 December with no access to email. For urgent safeguarding "
            "matters please contact the duty safeguarding lead on 01632 960400.\n")
    return (h.eml(name, "Catrin Moorcroft <catrin.moorcroft@awp.nhs.uk>", f"Automatic reply: [{ref}] agency return due",
                  h.when(TODAY, 9, 0), text=text, headers={"X-Auto-Response-Suppress": "All"}),
            expected_other("auto_reply", ref), "Exchange automatic reply: no Auto-Submitted header, only the subject prefix")


def n02_read_receipt(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = case_ref(rng)
    date = h.format_datetime(h.when(TODAY, 8, 31))
    raw = (f"From: Vikram Underhill <vikram.underhill@avonandsomerset.police.uk>\r\nTo: {TO}\r\n"
           f"Subject: Read: [{ref}] rapid review request\r\nDate: {date}\r\nMessage-ID: <h9.{name}@mail.h9.example>\r\n"
           "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=disposition-notification;\r\n"
           ' boundary="h9mdn"\r\n\r\n--h9mdn\r\nContent-Type: text/plain; charset="utf-8"\r\n\r\n'
           f"Your message\r\n\r\n  To: Vikram Underhill\r\n  Subject: [{ref}] rapid review request\r\n\r\nwas read on "
           f"{fmt_date(TODAY, 'slash')} 08:31.\r\n\r\n--h9mdn\r\nContent-Type: message/disposition-notification\r\n\r\n"
           "Reporting-UA: mail.avonandsomerset.police.uk; Microsoft Exchange\r\nFinal-Recipient: rfc822;"
           "vikram.underhill@avonandsomerset.police.uk\r\nDisposition: automatic-action/MDN-sent-automatically; "
           "displayed\r\n\r\n--h9mdn--\r\n")
    return raw.encode(), expected_other("auto_reply", ref), "read receipt (multipart/report, disposition-notification)"


def n03_meeting_invite(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = case_ref(rng)
    start = dt.datetime(2026, 12, 8, 10, 0)
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
           "METHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
           f"UID:h9-{name}\r\nDTSTART:{start:%Y%m%dT%H%M%S}Z\r\nDTEND:{start + dt.timedelta(hours=1):%Y%m%dT%H%M%S}Z\r\n"
           f"SUMMARY:Rapid review meeting {ref}\r\nLOCATION:Microsoft Teams Meeting\r\n"
           "ORGANIZER:mailto:cspr.referrals@n-somerset.gov.uk\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    msg = h.eml(name, "Alison Ellery <alison.ellery@n-somerset.gov.uk>", f"Rapid review meeting {ref}",
                h.when(TODAY, 16, 30), text=f"Rapid review meeting for {ref}.\n\nJoin on Microsoft Teams.\n",
                attachments=[("invite.ics", ics.encode(), "text", "calendar")])
    return msg, expected_other("unknown", ref), "meeting invitation (text/calendar) naming the case"


def n04_dsn_delayed(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = case_ref(rng)
    text = ("This is an automatically generated Delivery Status Notification.\n\nTHIS IS A WARNING MESSAGE ONLY.\n"
            "YOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\nDelivery to the following recipients has been delayed.\n\n"
            "     safeguarding.lead@gordanovale.n-somerset.sch.uk\n\nOriginal message headers:\n\n"
            f"Subject: [{ref}] agency return chaser\nFrom: {CSPRBOT}\n")
    return (h.eml(name, "Mail Delivery Subsystem <postmaster@n-somerset.gov.uk>", "Delivery Status Notification (Delay)",
                  h.when(TODAY, 13, 44), text=text, headers={"Auto-Submitted": "auto-replied"}),
            expected_other("auto_reply", ref), "delivery delay notice (Auto-Submitted, case reference in the quoted headers)")
