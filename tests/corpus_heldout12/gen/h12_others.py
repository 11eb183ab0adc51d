"""Set 12's agency returns (a01-a10), commands (c01-c06) and other mail (n01-n04)."""

from __future__ import annotations

import datetime as dt
import html as H
from typing import Any

from h12_common import D, rng_of, shell, yn
from h12_data import AGENCIES, CHAIR, COORD, SERVICE_LEADER, TO, agency_return, case_ref, fmt_date, person, pick, \
    professional
from h12_referrals import _html_table, _outlook_hdr, _wrap
from h12_render import (cc_dropdown, cc_text, cell_text, doc_bytes, eml, heading, landscape, new_doc, print_to_pdf,
                        shade, soffice_pdf, table, when, wingdings_text, xlsx_bytes)

DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
COORD_NAME = "Rachel Tennant"


def _author_from(ret: dict[str, Any]) -> str:
    return f"{ret['author']['name']} <{ret['author']['email']}>"


def _done(ret: dict[str, Any], h: int = 14, m: int = 20) -> dt.datetime:
    return when(dt.date.fromisoformat(ret["date_completed"]), h, m)


def _ret_rows(ret: dict[str, Any], ref: str, ds: str) -> list[tuple[str, str]]:
    a = ret["author"]
    return [("Case reference", ref), ("Agency", ret["agency"]), ("Completed by", a["name"]), ("Job title", a["role"]),
            ("Email", a["email"]), ("Telephone", a["phone"]),
            ("Has your agency had involvement with the child or family?", yn(ret["involved"])),
            ("Involvement from", D(ret["involvement_from"], ds)), ("Involvement to", D(ret["involvement_to"], ds)),
            ("Summary of involvement", ret["summary"] or ""), ("Immediate actions taken", ret["immediate_actions"] or ""),
            ("Learning identified", ret["learning"] or ""), ("Records secured?", yn(ret["records_secured"])),
            ("Signed off by (manager)", ret["signed_off_by"] or ""), ("Date completed", D(ret["date_completed"], ds))]


# ------------------------------------------------------------------ a01 xlsx attachment

def a01_xlsx_return(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    ret = agency_return(rng, AGENCIES[1])
    rows: list[list[Any]] = [["RAPID REVIEW - AGENCY INFORMATION RETURN", None, None], [None, None, None]]
    for lab, val in _ret_rows(ret, ref, "slash"):
        if lab in ("Involvement from", "Involvement to", "Date completed"):
            iso = {"Involvement from": ret["involvement_from"], "Involvement to": ret["involvement_to"],
                   "Date completed": ret["date_completed"]}[lab]
            rows.append([lab, None, dt.datetime.fromisoformat(iso)])
        elif lab.startswith("Has your") or lab.startswith("Records"):
            rows.append([lab, "Y/N", "Y" if val == "Yes" else "N"])
        else:
            rows.append([lab, None, val])
    data = xlsx_bytes([("Return", rows)])
    msg = eml(name, _author_from(ret), f"{ref} - agency return", _done(ret),
              text=f"Please find our return attached for {ref}.\n{ret['author']['name']}\n",
              attachments=[(f"{ref} return.xlsx", data, *XLSX)])
    return msg, shell("agency_return", ref, agency_return=ret), "xlsx attachment"


# ------------------------------------------------------------------ a02 case-management HTML export

def a02_html_cms_export_return(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    ret = agency_return(rng, AGENCIES[0])
    bso = professional(rng, AGENCIES[0])
    a = ret["author"]
    rows = [("Form type", "CSPR Agency Return"), ("Case Reference", ref), ("Agency Name", ret["agency"]),
            ("Author Name", a["name"]), ("Author Job Title", a["role"]), ("Author Email", a["email"]),
            ("Author Telephone", a["phone"]), ("Involved With Family", "TRUE"),
            ("Involvement Start Date", ret["involvement_from"] + " 00:00:00"),
            ("Involvement End Date", ret["involvement_to"] + " 00:00:00"),
            ("Involvement Summary", ret["summary"]), ("Immediate Actions", ret["immediate_actions"]),
            ("Learning", ret["learning"]), ("Records Secured", "TRUE"), ("Authorised By", ret["signed_off_by"]),
            ("Authorised Date", ret["date_completed"] + " 16:42:10")]
    html = ("<html><head><style>td{border:1px solid #999;font:9pt Arial}</style></head><body>"
            "<p>Automated export - LCS Document Service. Do not reply.</p>"
            f"<p>Exported by: {H.escape(bso['name'])} (Business Support Officer) on {ret['date_completed']}</p>"
            "<table><tr><th>FieldName</th><th>FieldValue</th></tr>"
            + "".join(f"<tr><td>{H.escape(k)}</td><td>{H.escape(v)}</td></tr>" for k, v in rows)
            + "</table></body></html>")
    msg = eml(name, "LCS Document Service <lcs-noreply@n-somerset.gov.uk>", f"Document export: {ref} CSPR Agency Return",
              _done(ret, 16, 45), text="HTML export attached in body.", html=html)
    return msg, shell("agency_return", ref, agency_return=ret), "HTML case-system export"


# ------------------------------------------------------------------ a03 content controls, placeholder left in

def a03_docx_cc_placeholder_return(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    ret = agency_return(rng, AGENCIES[3])
    ret["learning"] = None
    ret["author"]["phone"] = None
    d = new_doc("Calibri", 10)
    heading(d, f"Rapid Review: Initial Scoping and Information Sharing ({ref})", 1)
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for lab, val in _ret_rows(ret, ref, "slash"):
        row = t.add_row()
        cell_text(row.cells[0], lab, bold=True)
        shade(row.cells[0], "FFF2CC")
        p = row.cells[1].paragraphs[0]
        if lab.startswith("Has your") or lab.startswith("Records"):
            cc_dropdown(p, lab, ["Yes", "No"], val or None)
        else:
            cc_text(p, lab, val or None)
    msg = eml(name, _author_from(ret), f"RE: {ref} request for information", _done(ret, 11, 2),
              text=f"Return attached.\n{ret['author']['name']}\n{ret['author']['role']}\n",
              attachments=[(f"Scoping form {ref}.docx", doc_bytes(d), *DOCX)])
    return msg, shell("agency_return", ref, agency_return=ret), "docx content controls, placeholder left"


# ------------------------------------------------------------------ a04 typed above the quoted request

def a04_text_reply_above_request(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    ret = agency_return(rng, AGENCIES[6])
    a = ret["author"]
    sent = _done(ret, 9, 31)
    body = (f"Hi Rachel,\n\nOur return for {ref} is below.\n\n"
            f"Agency: {ret['agency']}\n"
            f"Involved? Yes - registered patient; seen from {D(ret['involvement_from'], 'ordinal')} to "
            f"{D(ret['involvement_to'], 'month_day')}.\n"
            f"What we knew: {ret['summary']}\n"
            f"What we have done since: {ret['immediate_actions']}\n"
            f"Learning: {ret['learning']}\n"
            f"Records secured: yes\n"
            f"Agreed by: {ret['signed_off_by']}, Practice Safeguarding Lead\n"
            f"Date: {D(ret['date_completed'], 'iso')}\n\n"
            f"Thanks\n{a['name']}\n{a['role']}\n{a['phone']}\n\n"
            f"On {fmt_date(sent.date() - dt.timedelta(days=6), 'abbr')}, at 10:02, Rachel Tennant "
            "<rachel.tennant@n-somerset.gov.uk> wrote:\n"
            f"> Dear colleague,\n> A rapid review has been agreed for {ref}. Please complete the agency return\n"
            "> (agency, author, involvement and dates, summary, immediate actions, learning,\n"
            "> records secured, manager sign-off) within 10 working days.\n"
            "> Rachel Tennant\n> Partnership Business Manager\n> 01632 960112\n")
    msg = eml(name, _author_from(ret), f"Re: {ref} request for agency return", sent, text=body)
    return msg, shell("agency_return", ref, agency_return=ret), "text above quoted request"


# ------------------------------------------------------------------ a05 Print-to-PDF, odd order

def a05_pdf_print_to_pdf_return(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    ret = agency_return(rng, AGENCIES[2])
    runs: list[tuple[float, float, float, bool, str]] = [(50, 800, 13, True, "Agency Summary Report")]
    y = 770.0
    for lab, val in _ret_rows(ret, ref, "dots2"):
        runs.append((50, y, 9, True, lab))
        for i, ln in enumerate(_wrap(val, 55)):
            runs.append((300, y - 11 * i, 9, False, ln))
        y -= 11 * max(1, len(_wrap(val, 55))) + 6
    values = [r for r in runs if not r[3]]
    labels = [r for r in runs if r[3]]
    page = values[::-1] + labels
    pdf = print_to_pdf([page], "Microsoft Word - Agency summary " + ref)
    msg = eml(name, _author_from(ret), f"{ref} agency summary", _done(ret, 15, 5),
              text="Please see attached.\n" + ret["author"]["name"] + "\n",
              attachments=[(f"Agency summary {ref}.pdf", pdf, "application", "pdf")])
    return msg, shell("agency_return", ref, agency_return=ret), "PDF print-to-pdf odd order"


# ------------------------------------------------------------------ a06 nil return with Wingdings characters

def a06_docx_wingdings_nil(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    ret = agency_return(rng, AGENCIES[10], involved=False)
    a = ret["author"]
    d = new_doc("Arial", 10)
    heading(d, "Agency return - rapid review", 1)
    table(d, [["Case reference", ref], ["Agency", ret["agency"]], ["Name", a["name"]], ["Role", a["role"]],
              ["Email", a["email"]], ["Phone", a["phone"]]])
    p = d.add_paragraph()
    p.add_run("Has your agency had any involvement with the child or family?   ").bold = True
    wingdings_text(p, False)
    p.add_run(" Yes (complete sections 2-5)    ")
    wingdings_text(p, True)
    p.add_run(" No (nil return: sign below)")
    for sec in ("2. Period of involvement", "3. Summary", "4. Immediate actions", "5. Learning"):
        heading(d, sec, 3)
        d.add_paragraph("")
    table(d, [["Manager sign-off", ret["signed_off_by"]], ["Date", D(ret["date_completed"], "ordinal")]])
    msg = eml(name, _author_from(ret), f"{ref} nil return", _done(ret, 10, 10),
              text="Nil return attached.\n" + a["name"] + "\n",
              attachments=[(f"{ref} nil return.docx", doc_bytes(d), *DOCX)])
    return msg, shell("agency_return", ref, agency_return=ret), "docx Wingdings nil return"


# ------------------------------------------------------------------ a07 merged label cells

def a07_docx_merged_labels_return(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    ret = agency_return(rng, AGENCIES[7])
    a = ret["author"]
    d = new_doc("Arial", 9)
    heading(d, "Individual Agency Summary", 1)
    t = d.add_table(rows=0, cols=4)
    t.style = "Table Grid"

    def pair(l1: str, v1: str, l2: str, v2: str) -> None:
        row = t.add_row()
        for j, (x, b) in enumerate(((l1, True), (v1, False), (l2, True), (v2, False))):
            cell_text(row.cells[j], x, bold=b)

    def wide(lab: str, val: str) -> None:
        row = t.add_row()
        m = row.cells[0].merge(row.cells[1])
        cell_text(m, lab, bold=True)
        shade(m, "E7E6E6")
        cell_text(row.cells[2].merge(row.cells[3]), val)

    pair("Case ref", ref, "Date", D(ret["date_completed"], "dots4"))
    wide("Agency", ret["agency"])
    pair("Author", a["name"], "Role", a["role"])
    pair("Email", a["email"], "Tel", a["phone"])
    wide("Involved with the child / family?", yn(ret["involved"]))
    pair("From", D(ret["involvement_from"], "dots4"), "To", D(ret["involvement_to"], "dots4"))
    wide("Summary", ret["summary"])
    wide("Immediate actions", ret["immediate_actions"])
    wide("Learning", ret["learning"])
    pair("Records secured", yn(ret["records_secured"]), "Signed off by", ret["signed_off_by"])
    msg = eml(name, _author_from(ret), f"{ref} IAS", _done(ret, 13, 13), text="IAS attached.\n" + a["name"] + "\n",
              attachments=[(f"IAS {ref}.docx", doc_bytes(d), *DOCX)])
    return msg, shell("agency_return", ref, agency_return=ret), "docx merged label cells"


# ------------------------------------------------------------------ a08 landscape PDF with a chronology

def a08_pdf_landscape_chronology(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    ret = agency_return(rng, AGENCIES[4])
    a = ret["author"]
    d = new_doc("Arial", 8)
    landscape(d)
    heading(d, f"Rapid Review agency return - {ref}", 1)
    table(d, [["Agency", "Author", "Role", "Email", "Phone"], [ret["agency"], a["name"], a["role"], a["email"],
                                                               a["phone"]]], bold_cols=(), header=True)
    d.add_paragraph()
    table(d, [["Involved?", "Period of involvement", "Records secured?", "Signed off by", "Date"],
              [yn(ret["involved"]), f"{D(ret['involvement_from'], 'dots2')} - {D(ret['involvement_to'], 'dots2')}",
               yn(ret["records_secured"]), ret["signed_off_by"], D(ret["date_completed"], "dots2")]],
          bold_cols=(), header=True)
    d.add_paragraph()
    table(d, [["Summary", "Immediate actions", "Learning"], [ret["summary"], ret["immediate_actions"],
                                                             ret["learning"]]], bold_cols=(), header=True)
    heading(d, "Chronology of significant contacts", 2)
    frm = dt.date.fromisoformat(ret["involvement_from"])
    chron = [["Date", "Contact", "Practitioner", "Outcome"]]
    for i in range(5):
        day = frm + dt.timedelta(days=40 * i + rng.randrange(5))
        chron.append([fmt_date(day, "dots2"), pick(rng, ["Clinic", "Phone call", "Home visit", "DNA"]),
                      person(rng, pro=True), pick(rng, ["Seen", "Not brought", "Advice given", "Letter sent"])])
    table(d, chron, bold_cols=(), header=True)
    pdf = soffice_pdf(doc_bytes(d), "return")
    msg = eml(name, _author_from(ret), f"{ref} - AWP return", _done(ret, 17, 30), text="Attached.\n" + a["name"],
              attachments=[(f"{ref} AWP return.pdf", pdf, "application", "pdf")])
    return msg, shell("agency_return", ref, agency_return=ret), "PDF landscape with chronology"


# ------------------------------------------------------------------ a09 nil return in an HTML reply

def a09_html_nil_reply(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    ret = agency_return(rng, AGENCIES[8], involved=False)
    a = ret["author"]
    sent = _done(ret, 8, 55)
    html = ("<html><body><p class='MsoNormal'>Good morning,</p>"
            f"<p class='MsoNormal'>Nil return for {ref}: checks complete, no record of the child or the adults "
            "named.</p>"
            + _html_table([["Agency", ret["agency"]], ["Involvement", "None - nil return"],
                           ["Checked by", f"{a['name']}, {a['role']}"], ["Contact", f"{a['email']} / {a['phone']}"],
                           ["Manager", ret["signed_off_by"]], ["Date", D(ret["date_completed"], "long")]])
            + f"<p class='MsoNormal'>{H.escape(a['name'])}</p>"
            + _outlook_hdr(COORD, fmt_date(sent.date() - dt.timedelta(days=3), "dow") + " 2026 15:00",
                           "CSPR agency leads", f"{ref} request for agency return")
            + "<p class='MsoNormal'>Please return the attached template within 10 working days, or a nil return."
            "</p></body></html>")
    msg = eml(name, _author_from(ret), f"RE: {ref} request for agency return", sent, text="HTML", html=html)
    return msg, shell("agency_return", ref, agency_return=ret), "HTML nil reply"


# ------------------------------------------------------------------ a10 xlsx, chronology sheet first

def a10_xlsx_two_sheets(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    ret = agency_return(rng, AGENCIES[9])
    frm = dt.date.fromisoformat(ret["involvement_from"])
    chron: list[list[Any]] = [["Date", "Worker", "Event", "Notes"]]
    for i in range(6):
        chron.append([dt.datetime.combine(frm + dt.timedelta(days=30 * i + 3), dt.time()), person(rng, pro=True),
                      pick(rng, ["Appointment", "Missed appointment", "Panel", "Home visit"]), "see case notes"])
    det: list[list[Any]] = []
    for lab, val in _ret_rows(ret, ref, "slash"):
        det.append([lab, val])
    data = xlsx_bytes([("Chronology", chron), ("Agency details", det)], {"A": 40, "B": 70, "C": 20, "D": 30})
    msg = eml(name, _author_from(ret), f"{ref} YJS return and chronology", _done(ret, 12, 12),
              text="Return on the second tab, chronology on the first.\n" + ret["author"]["name"],
              attachments=[("YJS return.xlsx", data, *XLSX)])
    return msg, shell("agency_return", ref, agency_return=ret), "xlsx, details on the second sheet"


# ------------------------------------------------------------------ commands

def _cmd(name: str, frm: str, ref: str, text: str | None, verb: str | None, args: str | None,
         day: dt.date, html: str | None = None, subj: str | None = None) -> tuple[bytes, dict[str, Any]]:
    msg = eml(name, frm, subj or f"RE: {ref} referral received - screening", when(day, 11, 20), text=text, html=html)
    return msg, shell("reply", ref, command={"verb": verb, "args": args} if verb else None)


def c01_sentence_decision(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    text = ("Please treat this as a decision to go to rapid review.\n\nI have spoken to police and health and we "
            "agree the criteria are met.\n\nOlusegun\nDr Olusegun Hartley, Chair, CSPR sub-group\n\n"
            f"-----Original Message-----\nFrom: csprbot <cspr.referrals@n-somerset.gov.uk>\nSubject: {ref} referral "
            "received - screening\n\nA referral has been received. Reply with DECISION: RAPID REVIEW or DECISION: NO "
            "RAPID REVIEW <reason>.\n")
    msg, exp = _cmd(name, CHAIR, ref, text, "DECISION", None, dt.date(2026, 12, 3))
    return msg, exp, "command in a sentence"


def c02_notified_outlook_html(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    html = ("<html><body><div><p class='MsoNormal'>NOTIFIED: 2026-12-04</p><p class='MsoNormal'>&nbsp;</p>"
            "<p class='MsoNormal'><b>Fiona Castellan</b><br>Service Leader, Strategic Safeguarding &amp; QA<br>"
            "North Somerset Council</p></div>"
            + _outlook_hdr("csprbot <cspr.referrals@n-somerset.gov.uk>", "Thursday 3 December 2026 09:00",
                           "Fiona Castellan", f"{ref} SIN due")
            + "<p class='MsoNormal'>The notification to the National Panel is due. Reply NOTIFIED: YYYY-MM-DD.</p>"
              "</body></html>")
    msg, exp = _cmd(name, SERVICE_LEADER, ref, None, "NOTIFIED", "2026-12-04", dt.date(2026, 12, 4), html=html,
                    subj=f"RE: {ref} SIN due")
    return msg, exp, "command (Outlook HTML)"


def c03_submitted_text(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    text = ("SUBMITTED: 2026-12-07\n\nRapid review sent to the Panel this morning.\nRachel\n\n"
            f"> {ref}: rapid review due to the Panel in 2 working days.\n")
    msg, exp = _cmd(name, COORD, ref, text, "SUBMITTED", "2026-12-07", dt.date(2026, 12, 7),
                    subj=f"Re: {ref} rapid review due")
    return msg, exp, "command (text)"


def c04_panel_local_review(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    text = ("PANEL: LOCAL REVIEW\n\nThe Panel's letter of today agrees with our recommendation.\nFiona\n\n"
            "Sent from Outlook for iOS\n")
    msg, exp = _cmd(name, SERVICE_LEADER, ref, text, "PANEL", None, dt.date(2026, 12, 7),
                    subj=f"RE: {ref} awaiting the Panel")
    return msg, exp, "command (text, mobile)"


def c05_reply_all_quoting_command(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    lead = professional(rng, AGENCIES[1])
    text = (f"Thanks Olusegun - noted. Our return will be with you by the end of next week.\n\n{lead['name']}\n"
            f"{lead['role']}\n\n"
            "From: Dr Olusegun Hartley <olusegun.hartley@nhs.net>\nSent: 03 December 2026 11:20\n"
            "To: Safeguarding Partnership Business Unit; CSPR agency leads\n"
            f"Subject: RE: {ref} referral received - screening\n\n"
            "DECISION: RAPID REVIEW\nAGENCIES: police, UHBW, Sirona, school\n\nOlusegun\n")
    msg = eml(name, f"{lead['name']} <{lead['email']}>", f"RE: {ref} referral received - screening",
              when(dt.date(2026, 12, 3), 13, 2), text=text,
              to=f"{TO}, {CHAIR}")
    return msg, shell("reply", ref, command=None), "reply-all quoting a command"


def c06_waive_agency(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    text = ("WAIVE Alliance Homes: confirmed by phone that they have never had a tenancy with the family\n\n"
            "Rachel Tennant\nPartnership Business Manager\n")
    msg, exp = _cmd(name, COORD, ref, text, "WAIVE", None, dt.date(2026, 12, 7),
                    subj=f"RE: {ref} agency returns outstanding")
    return msg, exp, "command (text)"


# ------------------------------------------------------------------ other mail

def n01_ooo_auto_submitted(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    p = professional(rng, AGENCIES[2])
    msg = eml(name, f"{p['name']} <{p['email']}>", f"Out of Office: {ref} request for agency return",
              when(dt.date(2026, 12, 4), 7, 1),
              text=f"I am on leave until Monday 14 December with no access to e-mail. For urgent safeguarding "
                   f"matters please contact the team on 01632 960{rng.randrange(1000):03d}.\n",
              headers={"Auto-Submitted": "auto-replied", "X-MS-Exchange-Generated-Message-Source": "Mailbox Rules Agent"})
    return msg, shell("auto_reply", ref), "auto-reply"


def n02_bounce_postfix(name: str) -> tuple[bytes, dict[str, Any], str]:
    from email import policy
    from email.message import EmailMessage
    from email.utils import format_datetime
    rng = rng_of(name)
    ref = case_ref(rng)
    m = EmailMessage(policy=policy.SMTP)
    m["From"] = "MAILER-DAEMON@mx1.n-somerset.gov.uk (Mail Delivery System)"
    m["To"] = TO
    m["Subject"] = "Undelivered Mail Returned to Sender"
    m["Date"] = format_datetime(when(dt.date(2026, 12, 4), 9, 3))
    m["Message-ID"] = f"<h12.{name}@mx1.n-somerset.gov.uk>"
    m["Auto-Submitted"] = "auto-replied"
    m.set_content("This is the mail system at host mx1.n-somerset.gov.uk.\n\nI'm sorry to have to inform you that "
                  "your message could not be delivered to one or more recipients.\n\n<j.pascoe@worlevale.n-somerset"
                  ".sch.uk>: host mail.worlevale.n-somerset.sch.uk said: 550 5.1.1 User unknown\n")
    m.make_mixed()
    status = EmailMessage()
    status.set_content("Reporting-MTA: dns; mx1.n-somerset.gov.uk\n\nFinal-Recipient: rfc822; "
                       "j.pascoe@worlevale.n-somerset.sch.uk\nAction: failed\nStatus: 5.1.1\n")
    hdrs = (f"From: csprbot <cspr.referrals@n-somerset.gov.uk>\nTo: j.pascoe@worlevale.n-somerset.sch.uk\n"
            f"Subject: {ref} request for agency return\nX-CSPRBOT-Case: {ref}\nX-CSPRBOT-Kind: request\n")
    raw = m.as_bytes()
    # a multipart/report built by hand: postfix's shape
    boundary = "=_h12_dsn_boundary"
    head = raw.split(b"\r\n\r\n", 1)[0].decode()
    head = "\r\n".join(ln for ln in head.split("\r\n") if not ln.lower().startswith(("content-type", "mime-version",
                                                                                       "content-transfer")))
    body = (f"{head}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status;\r\n"
            f" boundary=\"{boundary}\"\r\n\r\n--{boundary}\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            "This is the mail system at host mx1.n-somerset.gov.uk.\r\n\r\nI'm sorry to have to inform you that "
            "your message could not be delivered.\r\n\r\n<j.pascoe@worlevale.n-somerset.sch.uk>: 550 5.1.1 User "
            f"unknown\r\n\r\n--{boundary}\r\nContent-Type: message/delivery-status\r\n\r\n"
            + status.get_content().replace("\n", "\r\n")
            + f"\r\n--{boundary}\r\nContent-Type: text/rfc822-headers\r\n\r\n" + hdrs.replace("\n", "\r\n")
            + f"\r\n--{boundary}--\r\n")
    return body.encode(), shell("auto_reply", ref), "bounce (DSN)"


def n03_human_question_reply(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = case_ref(rng)
    p = professional(rng, AGENCIES[5])
    text = (f"Hello,\n\nThe template attached to your request for {ref} will not open on our system (it says it is "
            "protected). Could you send it as a PDF or paste the questions into an e-mail?\n\nThanks,\n"
            f"{p['name']}\n{p['role']}\n")
    msg = eml(name, f"{p['name']} <{p['email']}>", f"RE: {ref} request for agency return",
              when(dt.date(2026, 12, 3), 16, 16), text=text)
    return msg, shell("reply", ref, command=None), "reply without a command"


def n04_secure_message_notice(name: str) -> tuple[bytes, dict[str, Any], str]:
    html = ("<html><body><h2>You have received a secure message</h2><p>A message has been sent to you securely "
            "by an NHS colleague. Select <a href='https://secure.example.org/read/8842'>Read message</a> to view "
            "it. The message will expire in 30 days.</p><p>This notification was sent by an automated "
            "system.</p></body></html>")
    msg = eml(name, "Secure Messaging <notifications@secure.example.org>", "Secure message waiting for you",
              when(dt.date(2026, 12, 4), 12, 0), text="You have received a secure message.", html=html)
    return msg, shell("unknown"), "secure-message notice"


ALL = [a01_xlsx_return, a02_html_cms_export_return, a03_docx_cc_placeholder_return, a04_text_reply_above_request,
       a05_pdf_print_to_pdf_return, a06_docx_wingdings_nil, a07_docx_merged_labels_return,
       a08_pdf_landscape_chronology, a09_html_nil_reply, a10_xlsx_two_sheets,
       c01_sentence_decision, c02_notified_outlook_html, c03_submitted_text, c04_panel_local_review,
       c05_reply_all_quoting_command, c06_waive_agency,
       n01_ooo_auto_submitted, n02_bounce_postfix, n03_human_question_reply, n04_secure_message_notice]
_unused = (cc_text,)
