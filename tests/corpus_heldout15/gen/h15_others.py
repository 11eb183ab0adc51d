"""Held-out set 15: 10 agency returns, 6 commands, 4 other mails (content from random.Random(NAME))."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import h15_render as R
from h15_data import TO, agency_return, expected_return, fmt_date, mail_date
from h15_render import esc

Out = tuple[bytes, dict[str, Any], str]
DOCX = "vnd.openxmlformats-officedocument.wordprocessingml.document"


def ref(n: int) -> str:
    return f"NS-CSPR-2026-{700 + n}"


def frm(r: dict[str, Any]) -> str:
    return f"{r['author']['name']} <{r['author']['email']}>"


def F(r: dict[str, Any], ds: str) -> dict[str, str]:
    a = r["author"]
    return {"agency": r["agency"], "name": a["name"], "role": a["role"], "email": a["email"], "phone": a["phone"],
            "inv": "Yes" if r["involved"] else "No", "from": fmt_date(r["involvement_from"], ds),
            "to": fmt_date(r["involvement_to"], ds), "summary": r["summary"], "actions": r["immediate_actions"],
            "learning": r["learning"], "rec": "Yes" if r["records_secured"] else "No", "so": r["signed_off_by"],
            "date": fmt_date(r["date_completed"], ds)}


def a01_docx_question_response_table(name: str) -> Out:
    r = agency_return(name)
    f = F(r, "long")
    d = R.new_doc("Calibri", 10)
    R.heading(d, f"Rapid Review - Agency Information Request ({ref(1)})", 1)
    R.table(d, [["Question", "Response"], ["Name of agency", f["agency"]], ["Completed by", f["name"]], ["Job title", f["role"]],
                ["Email", f["email"]], ["Telephone", f["phone"]], ["Was your agency involved with the child or family?", f["inv"]],
                ["Involvement start date", f["from"]], ["Involvement end date", f["to"]],
                ["Summary of involvement", f["summary"]], ["Immediate actions taken", f["actions"]],
                ["Emerging learning", f["learning"]], ["Have records been secured?", f["rec"]],
                ["Signed off by (senior manager)", f["so"]], ["Date", f["date"]]], bold_cols=(0,), header=True)
    msg = R.eml(name, frm(r), f"{ref(1)} agency information", R.when(r["mail_date"], 12, 0), text="Our return is attached.\n",
                attachments=[("Agency information request.docx", R.doc_bytes(d), "application", DOCX)])
    return msg, expected_return(r, ref(1)), "docx: Question/Response table with a header row"


def a02_pdf_lo_sections(name: str) -> Out:
    r = agency_return(name)
    f = F(r, "slash")
    d = R.new_doc("Arial", 10)
    R.heading(d, "Individual Agency Chronology and Summary", 1)
    d.add_paragraph(f"Case reference: {ref(2)}")
    for sec, rows in (("About the author", [["Agency", f["agency"]], ["Author", f["name"]], ["Role", f["role"]],
                                            ["Email", f["email"]], ["Telephone", f["phone"]]]),
                      ("Involvement", [["Involved (Yes/No)", f["inv"]], ["From", f["from"]], ["To", f["to"]],
                                       ["Brief summary", f["summary"]]]),
                      ("Actions and learning", [["Actions taken since the incident", f["actions"]],
                                                ["Early learning identified", f["learning"]], ["Records secured", f["rec"]]]),
                      ("Sign off", [["Senior manager", f["so"]], ["Date signed off", f["date"]]])):
        R.heading(d, sec, 2)
        R.table(d, rows)
    pdf = R.soffice_pdf(R.doc_bytes(d), "return")
    msg = R.eml(name, frm(r), f"RE: {ref(2)} request for information", R.when(r["mail_date"], 15, 30), text="PDF attached.\n",
                attachments=[("Agency summary.pdf", pdf, "application", "pdf")])
    return msg, expected_return(r, ref(2)), "PDF by LibreOffice from Word: four headed sections, From/To rows"


def a03_xlsx_label_answer(name: str) -> Out:
    r = agency_return(name)
    f = F(r, "dot2")
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Return"
    for row in (["Rapid review agency return", ""], ["Case ref", ref(3)], ["Agency", f["agency"]], ["Author", f["name"]],
                ["Author's role", f["role"]], ["Email", f["email"]], ["Phone", f["phone"]], ["Involved?", f["inv"]],
                ["Involved from", f["from"]], ["Involved to", f["to"]], ["Summary", f["summary"]],
                ["Immediate actions", f["actions"]], ["Learning", f["learning"]], ["Records secured?", f["rec"]],
                ["Signed off by", f["so"]], ["Date completed", f["date"]]):
        ws.append(row)
    b = io.BytesIO()
    wb.save(b)
    msg = R.eml(name, frm(r), f"{ref(3)} - return (spreadsheet)", R.when(r["mail_date"], 10, 10), text="See spreadsheet.\n",
                attachments=[("return.xlsx", b.getvalue(), "application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")])
    return msg, expected_return(r, ref(3)), "xlsx: label/answer columns, dates d.m.yy as text"


def a04_html_outlook_period_one_cell(name: str) -> Out:
    r = agency_return(name)
    f = F(r, "slash")

    def tr(a: str, b: str) -> str:
        return (f'<tr><td style="border:solid windowtext 1.0pt;background:#E2EFD9">{R.mso_p("<b>" + esc(a) + "</b>")}</td>'
                f'<td style="border:solid windowtext 1.0pt">{R.mso_p(esc(b))}</td></tr>')

    rows = [("Agency", f["agency"]), ("Name of person completing", f["name"]), ("Role", f["role"]),
            ("Contact", f"{f['email']} / {f['phone']}"), ("Involved with the family", f["inv"]),
            ("Period of involvement", f"{f['from']} to {f['to']}"), ("Summary", f["summary"]),
            ("Immediate actions", f["actions"]), ("Learning", f["learning"]), ("Records secured", f["rec"]),
            ("Authorised by", f["so"]), ("Date", f["date"])]
    html = (R.OUTLOOK_HEAD + R.mso_p("Hello,") + R.mso_p("Please see our return below.") +
            '<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">'
            + "".join(tr(a, b) for a, b in rows) + "</table>" + R.mso_p("&nbsp;") + R.mso_p("Thanks") + R.mso_p(esc(f["name"]))
            + R.OUTLOOK_TAIL)
    msg = R.eml(name, frm(r), f"RE: {ref(4)} request for agency return", R.when(r["mail_date"], 9, 45), html=html)
    return msg, expected_return(r, ref(4)), "HTML (Outlook): two-column table, period 'dd/mm/yyyy to dd/mm/yyyy' in one cell"


def a05_text_caps_labels(name: str) -> Out:
    r = agency_return(name)
    f = F(r, "ordmon")
    t = (f"AGENCY: {f['agency']}\nAUTHOR: {f['name']}\nROLE: {f['role']}\nEMAIL: {f['email']}\nPHONE: {f['phone']}\n"
         f"INVOLVED: {f['inv'].upper()}\nFROM: {f['from']}\nTO: {f['to']}\nSUMMARY: {f['summary']}\n"
         f"ACTIONS: {f['actions']}\nLEARNING: {f['learning']}\nRECORDS SECURED: {f['rec'].upper()}\n"
         f"SIGN OFF: {f['so']}\nDATE: {f['date']}\n")
    msg = R.eml(name, frm(r), f"Re: {ref(5)} agency return", R.when(r["mail_date"], 18, 2), text=t)
    return msg, expected_return(r, ref(5)), "text: UPPERCASE labels, YES/NO, ordinal dates with short months"


def a06_text_signature_agreed_by(name: str) -> Out:
    r = agency_return(name)
    f = F(r, "long")
    t = (f"Hi,\n\nOur information for {ref(6)}:\n\nInvolved with the family: {f['inv']} - from {f['from']} until {f['to']}.\n\n"
         f"What we did: {f['summary']}\n\nSince the incident: {f['actions']}\n\nWhat we have learnt so far: {f['learning']}\n\n"
         f"Records secured: {'Y' if r['records_secured'] else 'N'}\n\nAgreed by: {f['so']} (Head of Safeguarding) on {f['date']}\n\n"
         f"Many thanks\n{f['name']}\n{f['role']}\n{f['agency']}\nT: {f['phone']}\nE: {f['email']}\n")
    msg = R.eml(name, frm(r), f"RE: {ref(6)} information request", R.when(r["mail_date"], 11, 11), text=t)
    return msg, expected_return(r, ref(6)), "text: prose labels, period 'from ... until ...', sign-off with role in brackets"


def a07_rfc822_html_admin_forward(name: str) -> Out:
    r = agency_return(name)
    f = F(r, "daylong")
    html = (R.GMAIL_HEAD + "".join(f"<div><b>{esc(a)}</b></div><div>{esc(b)}</div><br>" for a, b in (
        ("Agency", f["agency"]), ("Author", f"{f['name']}, {f['role']}"), ("Email", f["email"]), ("Phone", f["phone"]),
        ("Were you involved?", f["inv"]), ("Involvement began", f["from"]), ("Involvement ended", f["to"]),
        ("Summary", f["summary"]), ("Actions", f["actions"]), ("Learning", f["learning"]), ("Records secured?", f["rec"]),
        ("Signed off by", f["so"]), ("Date", f["date"]))) + R.GMAIL_TAIL)
    inner = R.eml(name + ".inner", frm(r), f"{ref(7)} agency return", R.when(r["mail_date"], 8, 30),
                  to="Safeguarding Admin <safeguarding.admin@nhs.net>", html=html)
    msg = R.eml(name, "Safeguarding Admin <safeguarding.admin@nhs.net>", f"FW: {ref(7)} agency return", R.when(r["mail_date"], 9, 5),
                text="Forwarded on behalf of our named professional.\n\nSafeguarding Admin\n", rfc822=inner)
    return msg, expected_return(r, ref(7)), "attached .eml (HTML, Gmail-style label over answer) forwarded by an admin mailbox"


def a08_pdf_fillable_return(name: str) -> Out:
    r = agency_return(name)
    f = F(r, "slash")
    items: list[tuple[Any, ...]] = [("t", 40, 800, 13, True, f"Agency Return - {ref(8)}")]
    y = 760
    for i, (cap, v) in enumerate((("Agency", f["agency"]), ("Author", f["name"]), ("Role", f["role"]), ("Email", f["email"]),
                                  ("Phone", f["phone"]), ("Start of involvement", f["from"]), ("End of involvement", f["to"]),
                                  ("Summary", f["summary"]), ("Actions", f["actions"]), ("Learning", f["learning"]),
                                  ("Signed off by", f["so"]), ("Date", f["date"])), 1):
        h = 40 if cap in ("Summary", "Actions", "Learning") else 16
        items.append(("t", 40, y + h - 12, 9, True, cap))
        items.append(("f", 200, y, 340, h, f"fill_{i}", v))
        y -= h + 10
    items.append(("t", 40, y, 9, True, "Involved with the family"))
    items.append(("c", 200, y - 2, "inv_yes", r["involved"]))
    items.append(("t", 215, y, 9, False, "Yes"))
    items.append(("c", 260, y - 2, "inv_no", not r["involved"]))
    items.append(("t", 275, y, 9, False, "No"))
    y -= 24
    items.append(("t", 40, y, 9, True, "Records secured"))
    items.append(("c", 200, y - 2, "rec_yes", r["records_secured"]))
    items.append(("t", 215, y, 9, False, "Yes"))
    items.append(("c", 260, y - 2, "rec_no", not r["records_secured"]))
    items.append(("t", 275, y, 9, False, "No"))
    pdf = R.fillable_pdf([items], "Agency return")
    msg = R.eml(name, frm(r), f"{ref(8)} return", R.when(r["mail_date"], 14, 14), text="Form attached.\n",
                attachments=[("agency_return.pdf", pdf, "application", "pdf")])
    return msg, expected_return(r, ref(8)), "fillable PDF: fields fill_1..n, Yes/No check-box pairs"


def a09_text_nil_not_known(name: str) -> Out:
    r = agency_return(name)
    f = F(r, "slash")
    t = (f"Dear colleague,\n\nThank you for your request. We have searched our systems and the child and family are not known "
         f"to our service, so this is a nil return.\n\nSearch checked and agreed by {f['so']} on {f['date']}.\n\n"
         f"Regards\n{f['name']}\n{f['role']}\n{f['agency']}\n{f['phone']}\n")
    exp = expected_return(r, ref(9), involved=False, involvement_from=None, involvement_to=None, summary=None,
                          immediate_actions=None, learning=None, records_secured=None)
    exp["agency_return"]["author"]["email"] = r["author"]["email"]  # From: header and no other address
    msg = R.eml(name, frm(r), f"Re: {ref(9)} request for agency return", R.when(r["mail_date"], 16, 16), text=t)
    return msg, exp, "text: nil return ('not known to our service'), author only in the signature"


def a10_html_gmail_written_period(name: str) -> Out:
    r = agency_return(name)
    f = F(r, "ordmon")
    html = (R.GMAIL_HEAD + f"<div>Hello,</div><div>Return for {ref(10)} below.</div><br>"
            f"<div>Agency: {esc(f['agency'])}</div><div>Completed by: {esc(f['name'])} ({esc(f['role'])})</div>"
            f"<div>Tel: {esc(f['phone'])}</div><div>Email: {esc(f['email'])}</div><br>"
            f"<div>Were we involved? {esc(f['inv'])}</div><div>First contact: {esc(f['from'])}</div>"
            f"<div>Last contact: {esc(f['to'])}</div><br><div><u>Our involvement</u></div><div>{esc(f['summary'])}</div><br>"
            f"<div><u>What we have done since</u></div><div>{esc(f['actions'])}</div><br>"
            f"<div><u>Learning</u></div><div>{esc(f['learning'])}</div><br><div>Records secured: {esc(f['rec'])}</div>"
            f"<div>Approved: {esc(f['so'])}, {esc(f['date'])}</div>" + R.GMAIL_TAIL)
    msg = R.eml(name, frm(r), f"Re: {ref(10)} request for agency return", R.when(r["mail_date"], 13, 33), html=html)
    return msg, expected_return(r, ref(10)), "HTML (Gmail): 'First contact'/'Last contact' period, author '(role)'"


# ------------------------------------------------------------------ commands

HARTLEY = "Dr Olusegun Hartley <olusegun.hartley@nhs.net>"
TENNANT = "Rachel Tennant <rachel.tennant@n-somerset.gov.uk>"
CASTELLAN = "Fiona Castellan <fiona.castellan@n-somerset.gov.uk>"
AD = "Gwyneth Abernethy-Rowe <gwyneth.abernethy-rowe@n-somerset.gov.uk>"


def cmd(n: int, verb: str, args: str | None) -> dict[str, Any]:
    return {"kind": "reply", "case_ref": ref(n), "referral": None, "agency_return": None,
            "command": {"verb": verb, "args": args}}


def _d(name: str, h: int = 9) -> dt.datetime:
    import random
    return R.when(mail_date(random.Random(name)), h, 5)


def c01_decision_rr_agencies_text(name: str) -> Out:
    t = ("DECISION: RAPID REVIEW\nAGENCIES: Police, Children's Social Care, UHBW, Sirona, Clevedon Shore Primary School\n\n"
         "Olusegun\n\nSent from Outlook for iOS\n\n________________________________\nFrom: CSPR Referrals\n"
         f"Subject: {ref(11)} screening decision due\n\nPlease reply with DECISION: RAPID REVIEW or DECISION: NO RAPID REVIEW.\n")
    return R.eml(name, HARTLEY, f"RE: {ref(11)} screening decision due", _d(name), text=t), cmd(11, "DECISION", None), \
        "text (Outlook for iOS): DECISION: RAPID REVIEW + AGENCIES line over a quoted request"


def c02_panel_local_html(name: str) -> Out:
    html = (R.OUTLOOK_HEAD + R.mso_p("PANEL: LOCAL REVIEW") + R.mso_p("&nbsp;") + R.mso_p("Fiona") +
            '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">' +
            R.mso_p(f"<b>From:</b> CSPR Referrals<br><b>Sent:</b> 03 December 2026 10:00<br><b>Subject:</b> {ref(12)} Panel response awaited")
            + "</div>" + R.mso_p("Options: PANEL: LOCAL REVIEW / NATIONAL REVIEW / NO FURTHER REVIEW") + R.OUTLOOK_TAIL)
    return R.eml(name, CASTELLAN, f"RE: {ref(12)} Panel response awaited", _d(name), html=html), cmd(12, "PANEL", None), \
        "HTML (Outlook desktop): PANEL: LOCAL REVIEW over a quote listing the options"


def c03_close_reason_text(name: str) -> Out:
    t = (f"CLOSE: family moved to Fife; case transferred to the Scottish partnership by agreement\n\nRachel\n\n"
         f"On 2 Dec 2026, at 09:12, CSPR Referrals <cspr.referrals@n-somerset.gov.uk> wrote:\n> {ref(13)} is open at stage screening.\n")
    return R.eml(name, TENNANT, f"Re: {ref(13)} case status", _d(name), text=t), cmd(13, "CLOSE", None), \
        "text (Apple Mail): CLOSE: reason over a '>' quote"


def c04_disagree_from_referrer(name: str) -> Out:
    t = (f"DISAGREE: the injuries were not accidental and the school raised concerns twice; I ask that the AD looks at this again.\n\n"
         f"Marguerite Kingdon\nHealth Visitor, Sirona care & health\n\n-----Original Message-----\nFrom: CSPR Referrals\n"
         f"Subject: {ref(14)} decision: no rapid review\n\nThe sub-group decided that a rapid review is not needed.\n")
    return R.eml(name, "Marguerite Kingdon <marguerite.kingdon@sirona-cic.org.uk>", f"RE: {ref(14)} decision: no rapid review",
                 _d(name), text=t), cmd(14, "DISAGREE", None), "text: DISAGREE: reason from the referrer, '-----Original Message-----' quote"


def c05_ad_decision_refer_html(name: str) -> Out:
    html = (R.OWA_HEAD + "<div><b>AD DECISION: REFER</b></div><div><br></div><div>Gwyneth Abernethy-Rowe</div>"
            "<div>Assistant Director, Children's Services</div><hr><div><b>From:</b> CSPR Referrals<br><b>Subject:</b> "
            f"{ref(15)} disagreement - AD decision needed</div><div>Reply AD DECISION: REFER or AD DECISION: DO NOT REFER.</div>"
            + R.OWA_TAIL)
    return R.eml(name, AD, f"RE: {ref(15)} disagreement - AD decision needed", _d(name), html=html), cmd(15, "AD DECISION", None), \
        "HTML (Outlook web): bold AD DECISION: REFER over a quote naming both options"


def c06_notified_text_iso(name: str) -> Out:
    t = f"NOTIFIED: 2026-12-04\n\nNational Panel notified via the Child Safeguarding Online Notification system this morning.\nFiona\n"
    return R.eml(name, CASTELLAN, f"Re: {ref(16)} SIN due", _d(name), text=t), cmd(16, "NOTIFIED", "2026-12-04"), \
        "text: NOTIFIED: date then a sentence"


# ------------------------------------------------------------------ other mail

def other(n: int | None, kind: str) -> dict[str, Any]:
    return {"kind": kind, "case_ref": ref(n) if n else None, "referral": None, "agency_return": None, "command": None}


def n01_outlook_automatic_reply(name: str) -> Out:
    t = ("I am on leave until Monday 14 December with no access to email. For urgent safeguarding matters please contact "
         "the Safeguarding Children Team on 01632 960111.\n")
    msg = R.eml(name, "Cormac Vellacott <cormac.vellacott@avonandsomerset.police.uk>",
                f"Automatic reply: {ref(17)} request for agency return", _d(name), text=t,
                headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"})
    return msg, other(17, "auto_reply"), "text: Outlook 'Automatic reply:' (Auto-Submitted: auto-replied)"


def n02_postfix_bounce(name: str) -> Out:
    from email.utils import format_datetime
    bd = "8C1F2A7E40.1733738400/mx1.n-somerset.gov.uk"
    raw = (f"From: MAILER-DAEMON@mx1.n-somerset.gov.uk (Mail Delivery System)\nTo: {TO}\n"
           f"Subject: Undelivered Mail Returned to Sender\nDate: {format_datetime(_d(name, 11))}\n"
           "Message-ID: <h15.n02.bounce@mx1.n-somerset.gov.uk>\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\n"
           f'Content-Type: multipart/report; report-type=delivery-status;\n boundary="{bd}"\n\n'
           "This is a MIME-encapsulated message.\n\n"
           f"--{bd}\nContent-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\n"
           "This is the mail system at host mx1.n-somerset.gov.uk.\n\nI'm sorry to have to inform you that your message "
           "could not be delivered to one or more recipients.\n\n<barnaby.abbiss@nailsea-school.example.org>: host "
           "mx.nailsea-school.example.org said: 550 5.1.1 User unknown\n\n"
           f"--{bd}\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\n"
           "Reporting-MTA: dns; mx1.n-somerset.gov.uk\n\nFinal-Recipient: rfc822; barnaby.abbiss@nailsea-school.example.org\n"
           "Action: failed\nStatus: 5.1.1\n\n"
           f"--{bd}\nContent-Description: Undelivered Message Headers\nContent-Type: text/rfc822-headers\n\n"
           f"From: {TO}\nTo: barnaby.abbiss@nailsea-school.example.org\nSubject: {ref(18)} request for agency return\n\n"
           f"--{bd}--\n")
    return raw.replace("\n", "\r\n").encode(), other(18, "auto_reply"), \
        "multipart/report (Postfix bounce): the reference only in the returned headers"


def n03_human_reply_no_command(name: str) -> Out:
    t = (f"Thanks for the reminder - our named nurse is finishing the chronology and we will send the return by Friday.\n\n"
         f"Hannelore Ravenscroft\nSafeguarding Administrator, North Bristol NHS Trust\n\n> {ref(19)} request for agency return\n"
         "> Please complete the attached return within 5 working days.\n")
    msg = R.eml(name, "Hannelore Ravenscroft <hannelore.ravenscroft@nbt.nhs.uk>", f"Re: {ref(19)} request for agency return",
                _d(name), text=t)
    return msg, other(19, "reply"), "text: a person's reply on the thread with no command"


def n04_it_mailbox_quota(name: str) -> Out:
    t = ("Your mailbox cspr.referrals is at 94% of its quota. Items may stop being received when it reaches 100%.\n"
         "Please archive old items or contact the IT Service Desk on 01632 960222.\n\nIT Service Desk\n")
    msg = R.eml(name, "IT Service Desk <it.servicedesk@n-somerset.gov.uk>", "Your mailbox is almost full", _d(name), text=t)
    return msg, other(None, "unknown"), "text: an IT mailbox-quota notice (no case)"


ALL = [a01_docx_question_response_table, a02_pdf_lo_sections, a03_xlsx_label_answer, a04_html_outlook_period_one_cell,
       a05_text_caps_labels, a06_text_signature_agreed_by, a07_rfc822_html_admin_forward, a08_pdf_fillable_return,
       a09_text_nil_not_known, a10_html_gmail_written_period, c01_decision_rr_agencies_text, c02_panel_local_html,
       c03_close_reason_text, c04_disagree_from_referrer, c05_ad_decision_refer_html, c06_notified_text_iso,
       n01_outlook_automatic_reply, n02_postfix_bounce, n03_human_reply_no_command, n04_it_mailbox_quota]
