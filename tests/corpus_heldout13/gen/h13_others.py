"""Agency returns (a01-a10), commands (c01-c06) and other mail (n01-n04) of held-out set 13."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, Callable

import h13_data as D
import h13_render as R
from h13_referrals import DOCX, fd, yn

F = D.fmt_date


def _frm(rt: dict[str, Any]) -> str:
    return f"{rt['author']['name']} <{rt['author']['email']}>"


def _when(rt: dict[str, Any], h: int = 14, m: int = 20) -> dt.datetime:
    return R.when(rt["date_completed"], h, m)


def _cover(rt: dict[str, Any], ref: str) -> str:
    a = rt["author"]
    return f"Hello,\n\nOur return for {ref} is attached.\n\nThanks\n{a['name']}\n{a['role']}\n"


def _return_doc(rt: dict[str, Any], ref: str, st: str, title: str, x_cols: bool = False) -> Any:
    a = rt["author"]
    doc = R.new_doc("Arial", 10)
    sec = doc.sections[0]
    sec.header.paragraphs[0].text = f"Rapid Review - Agency Information Return     Case ref: {ref}"
    R.page_x_of_y(sec.footer.paragraphs[0])
    R.heading(doc, title, 1)
    R.table(doc, [["Agency", rt["agency"]], ["Completed by", a["name"]], ["Job title", a["role"]],
                  ["Email", a["email"]], ["Telephone", a["phone"]]])
    doc.add_paragraph()
    if x_cols:
        inv = rt["involved"]
        R.table(doc, [["", "Yes", "No"], ["Has your agency had involvement with the child or family?",
                                          "X" if inv else "", "" if inv else "X"]], bold_cols=(), header=True)
    else:
        R.table(doc, [["Involvement with the child / family?", yn(rt["involved"])]])
    doc.add_paragraph()
    R.table(doc, [["Involvement from", fd(rt["involvement_from"], st), "to", fd(rt["involvement_to"], st)]],
            bold_cols=(0, 2))
    for lab, key in [("Summary of involvement", "summary"), ("Immediate actions taken", "immediate_actions"),
                     ("Initial learning", "learning")]:
        R.heading(doc, lab, 2)
        doc.add_paragraph(rt[key] or "")
    rs = rt["records_secured"]
    if x_cols:
        R.table(doc, [["", "Yes", "No"], ["Records secured?", "X" if rs else "", "X" if rs is False else ""]],
                bold_cols=(), header=True)
    else:
        R.table(doc, [["Records secured?", yn(rs)]])
    doc.add_paragraph()
    R.table(doc, [["Signed off by (manager)", rt["signed_off_by"]], ["Date", fd(rt["date_completed"], st)]])
    return doc


def a01_docx_yn_x_header_ref(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    rt = D.return_case(rng, 1)
    rt["records_secured"] = True
    doc = _return_doc(rt, ref, "mon", "Agency Information Return", x_cols=True)
    msg = R.eml(name, _frm(rt), "Agency return", _when(rt), text=_cover(rt, "the rapid review"),
                attachments=[("Agency return.docx", R.doc_bytes(doc), *DOCX)])
    return msg, D.expected_return(rt, ref), "docx, X in Yes/No columns, case ref only in the page header"


def a02_text_numbered_headings(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    rt = D.return_case(rng, 4)
    a = rt["author"]
    body = (f"1. Agency\n{rt['agency']}\n\n2. Person completing\n{a['name']}, {a['role']}\n{a['email']}, {a['phone']}\n\n"
            f"3. Was the child or family known to you?\nYes\n\n4. Period of involvement\n"
            f"{F(rt['involvement_from'], 'long')} until {F(rt['involvement_to'], 'long')}\n\n"
            f"5. Summary\n{rt['summary']}\n\n6. Immediate actions\n{rt['immediate_actions']}\n\n"
            f"7. Learning identified so far\n{rt['learning']}\n\n8. Records secured\n{yn(rt['records_secured'])}\n\n"
            f"9. Agreed by\n{rt['signed_off_by']} ({rt['_manager_role']}) on {F(rt['date_completed'], 'long')}\n\n"
            f"--\n{a['name']}\n")
    msg = R.eml(name, _frm(rt), f"RE: {ref} - request for information", _when(rt), text=body)
    return msg, D.expected_return(rt, ref), "text typed return, numbered headings with answers below"


def a03_pdf_multipage_chronology(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    rt = D.return_case(rng, 2)
    doc = _return_doc(rt, ref, "slash", "Individual Agency Summary")
    R.heading(doc, "Chronology of key contacts", 2)
    rows = [["Date", "Contact", "Worker"]]
    d = rt["involvement_from"]
    for i in range(24):
        d = d + dt.timedelta(days=rng.randrange(5, 20))
        rows.append([F(d, "slash"), rng.choice(["Outpatient appointment", "ED attendance", "Telephone call",
                                                "Strategy discussion", "Missed appointment"]), D.pro(rng, 2)["name"]])
    R.table(doc, rows, bold_cols=(), header=True)
    pdf = R.soffice_pdf(R.doc_bytes(doc), "IAS")
    msg = R.eml(name, _frm(rt), f"{ref} IAS", _when(rt), text=_cover(rt, ref),
                attachments=[(f"{ref} IAS.pdf", pdf, "application", "pdf")])
    return msg, D.expected_return(rt, ref), "PDF (LibreOffice) multi-page, chronology of other workers and dates"


def a04_html_msonormal_return(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    rt = D.return_case(rng, 3)
    a, P, E = rt["author"], R.mso_p, R.esc

    def lv(k: str, v: str) -> str:
        return P(f"<b>{E(k)}</b> {E(v)}")
    h = [P("Hi Rachel,"), P("&nbsp;"), P("Return below as requested."), P("&nbsp;"),
         lv("Agency:", rt["agency"]), lv("Name:", a["name"]), lv("Role:", a["role"]), lv("Email:", a["email"]),
         lv("Tel:", a["phone"]), lv("Involved:", "Yes"),
         lv("Dates of involvement:", f"{F(rt['involvement_from'], 'mon')} - {F(rt['involvement_to'], 'mon')}"),
         lv("Summary:", rt["summary"]), lv("Immediate actions:", rt["immediate_actions"]), lv("Learning:", rt["learning"]),
         lv("Records secured:", yn(rt["records_secured"])), lv("Manager sign off:", rt["signed_off_by"]),
         lv("Date:", F(rt["date_completed"], "mon")), P("&nbsp;"), P(E(a["name"]))]
    msg = R.eml(name, _frm(rt), f"RE: {ref} agency return", _when(rt), html=R.OUTLOOK_HEAD + "".join(h) + R.OUTLOOK_TAIL)
    return msg, D.expected_return(rt, ref), "HTML Outlook MsoNormal return"


def a05_docx_nil_deleted(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    rt = D.return_case(rng, 8, nil=True)
    a = rt["author"]
    doc = R.new_doc("Arial", 10)
    R.heading(doc, f"Rapid review agency return - {ref}", 1)
    R.table(doc, [["Agency", rt["agency"]], ["Name", a["name"]], ["Role", a["role"]], ["Email", a["email"]],
                  ["Phone", a["phone"]],
                  ["Has your agency had any involvement? YES / NO (delete as appropriate)", "NO"],
                  ["If yes: dates of involvement", ""], ["If yes: summary", ""], ["Immediate actions", ""],
                  ["Learning", ""], ["Records secured? YES / NO", ""],
                  ["Manager", rt["signed_off_by"]], ["Date", F(rt["date_completed"], "dot")]])
    msg = R.eml(name, _frm(rt), f"{ref} - nil return", _when(rt), text=_cover(rt, ref),
                attachments=[("nil return.docx", R.doc_bytes(doc), *DOCX)])
    return msg, D.expected_return(rt, ref), "docx nil return, delete as appropriate"


def a06_docx_nested_tables_return(name: str) -> tuple[bytes, dict[str, Any], str]:
    from h13_referrals import _inner
    rng = random.Random(name)
    ref = D.ref_no(rng)
    rt = D.return_case(rng, 6)
    a = rt["author"]
    doc = R.new_doc("Calibri", 10)
    R.heading(doc, f"Agency summary - {ref}", 1)
    outer = doc.add_table(rows=3, cols=1)
    outer.style = "Table Grid"
    R.cell_text(outer.cell(0, 0), "About you", bold=True)
    _inner(outer.cell(0, 0), [["Agency", rt["agency"]], ["Author", a["name"]], ["Role", a["role"]],
                              ["Email", a["email"]], ["Phone", a["phone"]]])
    R.cell_text(outer.cell(1, 0), "Involvement", bold=True)
    _inner(outer.cell(1, 0), [["Involved?", "Yes"], ["From", F(rt["involvement_from"], "ordinal")],
                              ["To", F(rt["involvement_to"], "ordinal")], ["Summary", rt["summary"]],
                              ["Immediate actions", rt["immediate_actions"]], ["Learning", rt["learning"]],
                              ["Records secured", yn(rt["records_secured"])]])
    R.cell_text(outer.cell(2, 0), "Sign-off", bold=True)
    _inner(outer.cell(2, 0), [["Manager", rt["signed_off_by"]], ["Date", F(rt["date_completed"], "ordinal")]])
    msg = R.eml(name, _frm(rt), f"{ref} agency summary", _when(rt), text=_cover(rt, ref),
                attachments=[("agency summary.docx", R.doc_bytes(doc), *DOCX)])
    return msg, D.expected_return(rt, ref), "docx nested tables return"


def a07_text_forward_by_manager(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    rt = D.return_case(rng, 0)
    a = rt["author"]
    mgr = f"{rt['signed_off_by']} <{rt['_manager_email']}>"
    body = (f"Rachel - our return below, I have read and agreed it.\n\n{rt['signed_off_by']}\n{rt['_manager_role']}\n\n"
            f"-----Original Message-----\nFrom: {a['name']} <{a['email']}>\nSent: {F(rt['date_completed'], 'weekday')} 09:12\n"
            f"To: {rt['signed_off_by']} <{rt['_manager_email']}>\nSubject: return for {ref}\n\n"
            f"Agency: {rt['agency']}\nAuthor: {a['name']}, {a['role']}, {a['email']}, {a['phone']}\n"
            f"Involved: yes, from {F(rt['involvement_from'], 'slash')} to {F(rt['involvement_to'], 'slash')}\n"
            f"Summary: {rt['summary']}\nActions: {rt['immediate_actions']}\nLearning: {rt['learning']}\n"
            f"Records secured: {yn(rt['records_secured'])}\nDate completed: {F(rt['date_completed'], 'slash')}\n"
            f"Please can you sign off and send on.\n{a['name']}\n")
    msg = R.eml(name, mgr, f"FW: return for {ref}", _when(rt, 15, 5), text=body)
    return msg, D.expected_return(rt, ref), "text return forwarded inline by the signing manager"


def a08_docx_in_attached_eml(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    rt = D.return_case(rng, 5)
    doc = _return_doc(rt, ref, "dash", "Rapid Review Agency Return")
    inner = R.eml(name + "i", _frm(rt), f"{ref} return", _when(rt, 10, 0), text=_cover(rt, ref),
                  attachments=[("return.docx", R.doc_bytes(doc), *DOCX)],
                  to="AWP Safeguarding <awp.safeguarding@awp.nhs.uk>")
    msg = R.eml(name, "AWP Safeguarding Team <awp.safeguarding@awp.nhs.uk>", f"FW: {ref} return", _when(rt, 12, 30),
                text="Forwarded from our team inbox.\n\nAWP Safeguarding Team\n", rfc822=inner, rfc822_name="return.eml")
    return msg, D.expected_return(rt, ref), "docx return inside an attached .eml from a team mailbox"


def a09_text_police_no_trace(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    rt = D.return_case(rng, 7, nil=True)
    a = rt["author"]
    body = (f"Good morning,\n\nChecks completed on our systems for the child and the adults named in the request: "
            f"no trace, no involvement. Nil return for {rt['agency']}.\n\nChecked and agreed by {rt['signed_off_by']}, "
            f"{F(rt['date_completed'], 'slash')}.\n\n{a['name']}\n{a['role']}\n{a['phone']}\n")
    msg = R.eml(name, _frm(rt), f"Re: {ref} agency return request", _when(rt, 8, 55), text=body)
    return msg, D.expected_return(rt, ref), "text nil return ('no trace')"


def a10_docx_textbox_return(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    rt = D.return_case(rng, 9)
    a = rt["author"]
    doc = R.new_doc("Arial", 10)
    R.heading(doc, f"Rapid review return   Ref: {ref}", 1)
    R.table(doc, [["Agency", rt["agency"]], ["Completed by", a["name"]], ["Role", a["role"]], ["Email", a["email"]],
                  ["Phone", a["phone"]], ["Involvement", "Yes"],
                  ["Period", f"{F(rt['involvement_from'], 'short_slash')} to {F(rt['involvement_to'], 'short_slash')}"]])
    for lab, key in [("Summary", "summary"), ("Immediate actions", "immediate_actions"), ("Learning", "learning")]:
        doc.add_paragraph(lab + " (in box below)")
        p = doc.add_paragraph()
        R.textbox(p, [(rt[key], False)], height_pt=50)
        for _ in range(4):
            doc.add_paragraph()
    R.table(doc, [["Records secured", yn(rt["records_secured"])], ["Signed off", rt["signed_off_by"]],
                  ["Date", F(rt["date_completed"], "short_slash")]])
    msg = R.eml(name, _frm(rt), f"{ref} return", _when(rt), text=_cover(rt, ref),
                attachments=[("return.docx", R.doc_bytes(doc), *DOCX)])
    return msg, D.expected_return(rt, ref), "docx return, narrative answers in text boxes"


# ------------------------------------------------------------------ commands

def _cmd(verb: str, args: str | None, ref: str) -> dict[str, Any]:
    return {"kind": "reply", "case_ref": ref, "referral": None, "agency_return": None,
            "command": {"verb": verb, "args": args}}


def _quote(ref: str, what: str) -> str:
    return (f"\n\n-----Original Message-----\nFrom: CSPR Referrals (North Somerset SCP) <{D.PARTNERSHIP}>\n"
            f"Sent: 03 December 2026 09:00\nSubject: {ref} {what}\n\nCase {ref}: {what}. Reply with a command on the "
            f"first line.\n")


def c01_decision_agencies_iphone(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    body = ("DECISION: RAPID REVIEW\nAGENCIES: Avon and Somerset Police, Sirona care & health, Clevedon Vale Academy\n\n"
            "Sent from my iPhone" + _quote(ref, "screening decision due").replace("\n", "\n> "))
    msg = R.eml(name, D.CHAIR, f"Re: {ref} screening decision due", R.when(D.TODAY, 7, 41), text=body)
    return msg, _cmd("DECISION", None, ref), "command (text, iPhone, AGENCIES line)"


def c02_no_rr_html(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    P = R.mso_p
    h = (R.OUTLOOK_HEAD + P("DECISION: NO RAPID REVIEW &#8211; the sub-group agreed the injury was accidental and "
                            "neither criterion is met.") + P("&nbsp;") + P("Rachel") +
         "<div style='border:none;border-top:solid #E1E1E1 1.0pt'>" +
         P(f"<b>From:</b> CSPR Referrals (North Somerset SCP) &lt;{D.PARTNERSHIP}&gt;<br><b>Sent:</b> 02 December 2026 "
           f"16:10<br><b>Subject:</b> {ref} screening decision due") + "</div>" +
         P("Screening decision due. Reply DECISION: RAPID REVIEW or DECISION: NO RAPID REVIEW with a reason.") +
         R.OUTLOOK_TAIL)
    msg = R.eml(name, D.COORDINATOR, f"RE: {ref} screening decision due", R.when(D.TODAY, 9, 2), html=h)
    return msg, _cmd("DECISION", None, ref), "command (Outlook HTML, en dash before the reason)"


def c03_notified_uk_date(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    body = "Notified: 03/12/2026\n\nFiona\nService Leader, Strategic Safeguarding & QA" + _quote(ref, "SIN due")
    msg = R.eml(name, D.SERVICE_LEADER, f"RE: {ref} SIN due", R.when(D.TODAY, 8, 30), text=body)
    return msg, _cmd("NOTIFIED", "2026-12-03", ref), "command (text, mixed case, dd/mm/yyyy date)"


def c04_extend_agency_return(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    body = ("EXTEND agency_return: 2026-12-18 the school was closed for two staff training days\n\nRachel Tennant\n"
            "Partnership Business Unit" + _quote(ref, "agency returns outstanding"))
    msg = R.eml(name, D.COORDINATOR, f"RE: {ref} agency returns outstanding", R.when(D.TODAY, 11, 15), text=body)
    return msg, _cmd("EXTEND", None, ref), "command (text, EXTEND with a date and reason)"


def c05_disagree_referrer(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    p = D.pro(rng, 2)
    body = (f"DISAGREE: the injuries were not explained and the sub-group did not have our paediatric opinion\n\n"
            f"{p['name']}\n{p['role']}\n{p['agency']}" + _quote(ref, "decision: no rapid review"))
    msg = R.eml(name, f"{p['name']} <{p['email']}>", f"RE: {ref} decision: no rapid review", R.when(D.TODAY, 13, 5),
                text=body)
    return msg, _cmd("DISAGREE", None, ref), "command (text, DISAGREE from the referrer)"


def c06_close_names_other_case(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    other = f"NS-CSPR-2026-{int(ref[-3:]) - 7:03d}"
    body = (f"CLOSE: duplicate - the same incident was referred by the hospital and is open as {other}\n\nRachel"
            + _quote(ref, "referral received - screening"))
    msg = R.eml(name, D.COORDINATOR, f"RE: {ref} referral received - screening", R.when(D.TODAY, 14, 40), text=body)
    return msg, _cmd("CLOSE", None, ref), "command (text, CLOSE naming another case in its reason)"


# ------------------------------------------------------------------ other mail

def _plain(kind: str, ref: str | None) -> dict[str, Any]:
    return {"kind": kind, "case_ref": ref, "referral": None, "agency_return": None, "command": None}


def n01_exchange_automatic_reply(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    p = D.pro(rng, 6)
    body = (f"Thank you for your email. I am away from school until Monday 14 December with limited access to email. "
            f"For urgent safeguarding matters please contact the deputy DSL on 01632 960{rng.randrange(1000):03d}.\n")
    msg = R.eml(name, f"{p['name']} <{p['email']}>", f"Automatic reply: {ref} request for agency return",
                R.when(D.TODAY, 9, 1), text=body,
                headers={"X-Auto-Response-Suppress": "All", "X-MS-Exchange-Inbox-Rules-Loop": p["email"],
                         "Auto-Submitted": "auto-replied"})
    return msg, _plain("auto_reply", ref), "auto-reply (Exchange 'Automatic reply:')"


def n02_exchange_delay_dsn(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    from email.message import EmailMessage
    from email import policy
    from email.utils import format_datetime
    m = EmailMessage(policy=policy.SMTP)
    m["From"] = "Microsoft Outlook <postmaster@n-somerset.gov.uk>"
    m["To"] = D.TO
    m["Subject"] = f"Delivery delayed: {ref} request for agency return"
    m["Date"] = format_datetime(R.when(D.TODAY, 10, 30))
    m["Message-ID"] = f"<h13.{name}@mail.h13.example>"
    m["Auto-Submitted"] = "auto-replied"
    m.set_content("Delivery is delayed to these recipients or groups:\n\nsafeguarding@severnvalehousing.org.uk\n\n"
                  f"Subject: {ref} request for agency return\n\nThis message hasn't been delivered yet. Delivery will "
                  "continue to be attempted. The server will keep trying to deliver this message for the next 1 days.\n")
    m.make_mixed()
    dsn = EmailMessage()
    dsn.set_content("Reporting-MTA: dns;mx1.n-somerset.gov.uk\n\nFinal-Recipient: rfc822;"
                    "safeguarding@severnvalehousing.org.uk\nAction: delayed\nStatus: 4.4.7\n", subtype="plain")
    m.attach(dsn)
    raw = m.as_bytes().replace(b"multipart/mixed", b'multipart/report; report-type=delivery-status', 1)
    import re as _re
    raw = _re.sub(rb'Content-Type: text/plain; charset="utf-8"\r?\nContent-Transfer-Encoding: 7bit\r?\n'
                  rb'MIME-Version: 1.0\r?\n(\r?\n)Reporting-MTA', rb'Content-Type: message/delivery-status\r\n\1Reporting-MTA', raw)
    return raw, _plain("auto_reply", ref), "auto-reply (Exchange delivery delayed report)"


def n03_question_reply(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = random.Random(name)
    ref = D.ref_no(rng)
    p = D.pro(rng, 4)
    body = ("Hi, before I complete the return - do you want consultations with the older sibling included too, or only "
            f"the child's? Our system holds both.\n\nThanks\n{p['name']}\n{p['role']}" +
            _quote(ref, "request for agency return").replace("Reply with a command", "DECISION: RAPID REVIEW was made. Reply"))
    msg = R.eml(name, f"{p['name']} <{p['email']}>", f"RE: {ref} request for agency return", R.when(D.TODAY, 12, 0),
                text=body)
    return msg, _plain("reply", ref), "reply with a question (no command), a command word in the quote"


def n04_partnership_newsletter(name: str) -> tuple[bytes, dict[str, Any], str]:
    h = ("<html><body><h1>Safeguarding Partnership Briefing - December 2026</h1><p>Learning from recent rapid reviews: "
         "the importance of professional curiosity about new adults in the household. Multi-agency training dates for "
         "January are open.</p><p><a href='https://example.org/unsubscribe'>Unsubscribe</a></p></body></html>")
    msg = R.eml(name, "NSSCP Briefings <briefings@n-somerset.gov.uk>", "Partnership Briefing - December 2026",
                R.when(D.TODAY, 6, 0), html=h,
                headers={"List-Unsubscribe": "<https://example.org/unsubscribe>", "Precedence": "bulk"})
    return msg, _plain("unknown", None), "newsletter (unknown)"


ALL: list[Callable[[str], tuple[bytes, dict[str, Any], str]]] = [
    a01_docx_yn_x_header_ref, a02_text_numbered_headings, a03_pdf_multipage_chronology, a04_html_msonormal_return,
    a05_docx_nil_deleted, a06_docx_nested_tables_return, a07_text_forward_by_manager, a08_docx_in_attached_eml,
    a09_text_police_no_trace, a10_docx_textbox_return,
    c01_decision_agencies_iphone, c02_no_rr_html, c03_notified_uk_date, c04_extend_agency_return, c05_disagree_referrer,
    c06_close_names_other_case,
    n01_exchange_automatic_reply, n02_exchange_delay_dsn, n03_question_reply, n04_partnership_newsletter]
