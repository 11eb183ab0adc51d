"""Held-out set 14: 10 agency returns (a01-a10), 6 commands (c01-c06), 4 other mails (n01-n04)."""

from __future__ import annotations

import datetime as dt
import random
from email import policy
from email.utils import format_datetime
from typing import Any

import h14_render as R
from h14_data import PARTNERSHIP, TO, TODAY, D, agency_return, fmt_date, strip
from h14_referrals import docx_att, pdf_att, yn
from h14_render import esc

# role holders (addresses as in set 13's headers): sub-group chair, co-ordinator, service leader; the AD invented here
CHAIR = "Dr Olusegun Hartley <olusegun.hartley@nhs.net>"
COORD = "Rachel Tennant <rachel.tennant@n-somerset.gov.uk>"
LEADER = "Fiona Castellan <fiona.castellan@n-somerset.gov.uk>"
AD = "Gwyneth Abernethy-Rowe <gwyneth.abernethy-rowe@n-somerset.gov.uk>"


def ref(name: str) -> str:
    """Distinct references: a01-a10 -> 601-610, c01-c06 -> 611-616, n01-n04 -> 617-620."""
    return f"NS-CSPR-2026-{600 + {'a': 0, 'c': 10, 'n': 16}[name[0]] + int(name[1:3]):03d}"


def exp_ret(ret: dict[str, Any], case_ref: str | None) -> dict[str, Any]:
    return {"kind": "agency_return", "case_ref": case_ref, "referral": None, "agency_return": strip(ret),
            "command": None}


def exp_cmd(case_ref: str, verb: str, args: str | None = None) -> dict[str, Any]:
    return {"kind": "reply", "case_ref": case_ref, "referral": None, "agency_return": None,
            "command": {"verb": verb, "args": args}}


def exp_other(kind: str, case_ref: str | None) -> dict[str, Any]:
    return {"kind": kind, "case_ref": case_ref, "referral": None, "agency_return": None, "command": None}


def start(name: str, involved: bool = True) -> tuple[random.Random, dict[str, Any], str]:
    rng = random.Random(name)
    return rng, agency_return(rng, involved), ref(name)


def frm(p: dict[str, Any]) -> str:
    return f"{p['name']} <{p['email']}>"


def mdate(ret: dict[str, Any], h: int = 14, m: int = 20) -> dt.datetime:
    return R.when(dt.date.fromisoformat(ret["date_completed"]), h, m)


def request_quote(cref: str, prefix: str = "> ") -> str:
    lines = [f"From: CSPR Referrals (North Somerset SCP) <{PARTNERSHIP}>",
             f"Sent: {fmt_date(TODAY - dt.timedelta(days=3), 'noyear_long')} 2026 09:00",
             f"Subject: {cref} request for agency return", "",
             "Please complete the attached agency return for this case within 5 working days.",
             "Reply to this message keeping the reference in the subject.", "", "CSPR co-ordinator"]
    return "\n".join(prefix + ln for ln in lines)


# ====================================================================== agency returns

def a01_docx_w14_checkboxes_agency_control(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, ret, cref = start(name)
    au = ret["author"]
    doc = R.new_doc("Calibri", 10)
    R.heading(doc, "Rapid Review - Individual Agency Summary", 1)
    t = doc.add_table(rows=13, cols=2)
    t.style = "Table Grid"
    labels = ["Case reference", "Agency / organisation", "Completed by", "Job title", "Email", "Telephone",
              "Has your agency had contact with the child or family?", "Period of involvement - from",
              "Period of involvement - to", "Summary of involvement", "Immediate actions taken",
              "Initial learning identified", "Records secured?"]
    for i, lab in enumerate(labels):
        R.cell_text(t.cell(i, 0), lab, bold=True)
        R.shade(t.cell(i, 0), "E2EFDA")
    vals = [cref, None, au["name"], au["role"], au["email"], au["phone"], "INV", D(ret["involvement_from"], "long"),
            D(ret["involvement_to"], "long"), ret["summary"], ret["immediate_actions"], ret["learning"], "REC"]
    for i, v in enumerate(vals):
        p = t.cell(i, 1).paragraphs[0]
        if i == 1:
            R.cc_text(p, "Agency", ret["agency"])
        elif v == "INV":
            R.cc_check(p, True, "Yes")
            R.cc_check(p, False, "No")
        elif v == "REC":
            R.cc_check(p, ret["records_secured"], "Yes")
            R.cc_check(p, not ret["records_secured"], "No")
        else:
            R.cc_text(p, labels[i], v)
    doc.add_paragraph()
    R.table(doc, [["Signed off by (manager)", ret["signed_off_by"]], ["Date", D(ret["date_completed"], "long")]])
    msg = R.eml(name, frm(au), f"{cref} Individual Agency Summary", mdate(ret), text="IAS attached.",
                attachments=[docx_att(R.doc_bytes(doc), "IAS.docx")])
    return msg, exp_ret(ret, cref), "return docx: check-box controls, agency in a content control"


def a02_html_gmail_nhsnet_return(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, ret, cref = start(name)
    au = ret["author"]
    ds = "slash"

    def line(a: str, b: str) -> str:
        return f"<div><b>{esc(a)}</b><br>{esc(b)}</div><div><br></div>"
    html = (R.GMAIL_HEAD + "<div>Hello, our return for this case:</div><div><br></div>" +
            line("Organisation", ret["agency"]) + line("Author", f"{au['name']}, {au['role']}") +
            line("Contact", f"{au['email']} / {au['phone']}") + line("Known to us?", "Yes") +
            line("Involvement", f"{D(ret['involvement_from'], ds)} to {D(ret['involvement_to'], ds)}") +
            line("What we did", ret["summary"]) + line("Actions since the incident", ret["immediate_actions"]) +
            line("Learning so far", ret["learning"]) +
            line("Records secured", yn(ret["records_secured"])) +
            line("Approved", f"{ret['signed_off_by']} on {D(ret['date_completed'], ds)}") + R.GMAIL_TAIL)
    msg = R.eml(name, frm(au), f"Re: {cref} request for agency return", mdate(ret), text=None, html=html)
    au["name"] = au["name"]
    return msg, exp_ret(ret, cref), "return HTML (Gmail-style), label over value, author 'name, role' on one line"


def a03_pdf_fillable_return(name: str) -> tuple[bytes, dict[str, Any], str]:
    from h14_referrals import _fill_rows
    rng, ret, cref = start(name)
    au = ret["author"]
    ds = "dot"
    rows: list[tuple[str, Any]] = [
        ("#Part A - about your agency", None), ("CSPR reference", cref), ("Agency", ret["agency"]),
        ("Author name", au["name"]), ("Author role", au["role"]), ("Author email", au["email"]),
        ("Author phone", au["phone"]), ("#Part B - involvement", None),
        ("Involved with child/family", ("boxes", [("Yes", True), ("No", False)])),
        ("From (date)", D(ret["involvement_from"], ds)), ("To (date)", D(ret["involvement_to"], ds)),
        ("Summary of involvement", ret["summary"]), ("Immediate actions", ret["immediate_actions"]),
        ("Learning", ret["learning"]),
        ("Records secured", ("boxes", [("Yes", ret["records_secured"]), ("No", not ret["records_secured"])])),
        ("#Part C - sign off", None), ("Manager signing off", ret["signed_off_by"]),
        ("Date completed", D(ret["date_completed"], ds))]
    pdf = R.fillable_pdf(_fill_rows(rows, "AGENCY RETURN (fillable)"), "Agency return")
    msg = R.eml(name, frm(au), f"{cref} return (fillable PDF)", mdate(ret), text="Completed form attached.",
                attachments=[pdf_att(pdf, f"{cref} agency return.pdf")])
    return msg, exp_ret(ret, cref), "return fillable PDF (AcroForm)"


def a04_text_agency_only_in_signature(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, ret, cref = start(name)
    au = ret["author"]
    ds = "long"
    body = [f"Dear co-ordinator,", "", "Our return for the above case.", "",
            f"Were we involved? Yes, from {D(ret['involvement_from'], ds)} until {D(ret['involvement_to'], ds)}.", "",
            f"Involvement: {ret['summary']}", f"Actions taken since: {ret['immediate_actions']}",
            f"Learning: {ret['learning']}",
            f"Records: {'secured and locked' if ret['records_secured'] else 'not yet secured'}", "",
            f"This return has been agreed by {ret['signed_off_by']} on {D(ret['date_completed'], ds)}.", "",
            "Best wishes", "", au["name"], au["role"], ret["agency"], f"T: {au['phone']}", f"E: {au['email']}"]
    if not ret["records_secured"]:
        pass
    msg = R.eml(name, frm(au), f"RE: {cref} - agency return", mdate(ret), text="\n".join(body) + "\n\n" +
                request_quote(cref))
    return msg, exp_ret(ret, cref), "return text: agency and author only in the signature"


def a05_html_outlook_forward_by_manager(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, ret, cref = start(name)
    au, mgr = ret["author"], ret["_mgr"]
    ds = "short"
    rows = [("Agency", ret["agency"]), ("Name of author", au["name"]), ("Role", au["role"]), ("Email", au["email"]),
            ("Phone", au["phone"]), ("Involvement with the family", "Yes"),
            ("Dates of involvement", f"{D(ret['involvement_from'], ds)} - {D(ret['involvement_to'], ds)}"),
            ("Summary", ret["summary"]), ("Immediate actions", ret["immediate_actions"]),
            ("Learning", ret["learning"]), ("Records secured", yn(ret["records_secured"]))]
    tbl = "".join(f'<tr><td style="border:solid windowtext 1.0pt;padding:0 5.4pt"><p class="MsoNormal"><b>{esc(a)}'
                  f'</b><o:p></o:p></p></td><td style="border:solid windowtext 1.0pt;padding:0 5.4pt">'
                  f'<p class="MsoNormal">{esc(b)}<o:p></o:p></p></td></tr>' for a, b in rows)
    html = (R.OUTLOOK_HEAD + R.mso_p(f"I have read {esc(au['name'].split()[0])}'s return below and agree it. "
                                     f"Signed off {esc(D(ret['date_completed'], 'slash'))}.")
            + R.mso_p("&nbsp;") + R.mso_p(f"{esc(mgr['name'])}") + R.mso_p(esc(mgr["role"])) + R.mso_p("&nbsp;") +
            '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">' +
            R.mso_p(f"<b>From:</b> {esc(au['name'])} &lt;{esc(au['email'])}&gt;<br><b>Sent:</b> "
                    f"{esc(fmt_date(TODAY - dt.timedelta(days=1), 'noyear_long'))} 2026 16:02<br><b>To:</b> "
                    f"{esc(mgr['name'])} &lt;{esc(mgr['email'])}&gt;<br><b>Subject:</b> {cref} return for sign off")
            + "</div>" + R.mso_p("Draft for your sign off please.") +
            '<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">'
            + tbl + "</table>" + R.OUTLOOK_TAIL)
    ret["signed_off_by"] = mgr["name"]
    msg = R.eml(name, frm(mgr), f"FW: {cref} return for sign off", mdate(ret), html=html)
    return msg, exp_ret(ret, cref), "return HTML (Outlook): forwarded inline by the signing manager"


def a06_pdf_merged_not_known_learning(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, ret, cref = start(name)
    au = ret["author"]
    ret["learning"] = None
    ds = "dash"
    doc = R.new_doc("Arial", 9)
    R.heading(doc, "Agency Information Return", 1)
    t = R.table(doc, [["Case", "Reference", cref], ["", "Agency", ret["agency"]],
                      ["Author", "Name", au["name"]], ["", "Role", au["role"]], ["", "Email", au["email"]],
                      ["", "Phone", au["phone"]],
                      ["Involvement", "Involved (Yes/No)", "Yes"], ["", "From", D(ret["involvement_from"], ds)],
                      ["", "To", D(ret["involvement_to"], ds)], ["", "Summary", ret["summary"]],
                      ["Actions and learning", "Immediate actions", ret["immediate_actions"]],
                      ["", "Learning", "Not known at this stage - to follow after our internal review"],
                      ["", "Records secured (Yes/No)", yn(ret["records_secured"])],
                      ["Sign off", "Manager", ret["signed_off_by"]], ["", "Date", D(ret["date_completed"], ds)]],
                bold_cols=(0, 1))
    for a, b, lab in [(0, 1, "Case"), (2, 5, "Author"), (6, 9, "Involvement"), (10, 12, "Actions and learning"),
                      (13, 14, "Sign off")]:
        R.vmerge(t, 0, a, b, lab, "D9E2F3")
    pdf = R.soffice_pdf(R.doc_bytes(doc), "return")
    msg = R.eml(name, frm(au), f"{cref} agency information return", mdate(ret), text="PDF attached.",
                attachments=[pdf_att(pdf, f"{cref}.pdf")])
    return msg, exp_ret(ret, cref), "return PDF (LibreOffice): merged section cells, learning 'not known'"


def a07_html_apple_nil_return(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, ret, cref = start(name, involved=False)
    au = ret["author"]
    html = (R.APPLE_HEAD + f"<div>Hello,</div><div><br></div><div>{esc(ret['agency'])} has checked its records for "
            f"this child and family. We have <b>no record</b> of any contact, so this is a nil return.</div>"
            f"<div><br></div><div>Checked by {esc(au['name'])} ({esc(au['role'])}), agreed by "
            f"{esc(ret['signed_off_by'])}, {esc(D(ret['date_completed'], 'long'))}.</div><div><br></div>"
            f"<div>{esc(au['name'])}<br>{esc(au['phone'])}</div><div><br></div>"
            f"<blockquote type=\"cite\"><div>{esc(request_quote(cref, ''))}</div></blockquote>" + R.APPLE_TAIL)
    msg = R.eml(name, frm(au), f"Re: {cref} request for agency return", mdate(ret), html=html)
    return msg, exp_ret(ret, cref), "nil return HTML (Apple Mail): 'no record'"


def a08_text_in_attached_eml(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, ret, cref = start(name)
    au = ret["author"]
    ds = "slash"
    body = "\n".join([
        f"Agency return - {cref}", "", f"Agency: {ret['agency']}", f"Completed by: {au['name']}",
        f"Role: {au['role']}", f"Email: {au['email']}", f"Phone: {au['phone']}", "Involved: Yes",
        f"From: {D(ret['involvement_from'], ds)}", f"To: {D(ret['involvement_to'], ds)}", "",
        f"Summary: {ret['summary']}", f"Immediate actions: {ret['immediate_actions']}", f"Learning: {ret['learning']}",
        f"Records secured: {yn(ret['records_secured'])}", f"Signed off by: {ret['signed_off_by']}",
        f"Date: {D(ret['date_completed'], ds)}"])
    inner = R.eml(name + "-inner", frm(au), f"{cref} agency return", mdate(ret, 9, 0), text=body,
                  to=f"Safeguarding Admin <safeguarding.admin@{ret['_domain']}>")
    msg = R.eml(name, f"Safeguarding Admin <safeguarding.admin@{ret['_domain']}>", f"FW: {cref} agency return",
                mdate(ret, 11, 30), text="Please see the attached return from our author.\n\nAdmin team",
                rfc822=inner, rfc822_name=f"{cref} agency return.eml")
    return msg, exp_ret(ret, cref), "return text inside an attached .eml, sent by an admin mailbox"


def a09_docx_label_over_value_na(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, ret, cref = start(name)
    au = ret["author"]
    ret["immediate_actions"] = None
    ds = "ord"
    doc = R.new_doc("Arial", 9)
    R.heading(doc, "Information from your agency", 1)
    cells = [("CSPR reference", cref), ("Your agency", ret["agency"]), ("Your name", au["name"]),
             ("Your role", au["role"]), ("Your email", au["email"]), ("Your phone", au["phone"]),
             ("Was your agency involved?", "Yes"), ("Records secured?", yn(ret["records_secured"])),
             ("Involved from", D(ret["involvement_from"], ds)), ("Involved until", D(ret["involvement_to"], ds))]
    t = doc.add_table(rows=len(cells) // 2, cols=2)
    t.style = "Table Grid"
    for i, (lab, val) in enumerate(cells):
        c = t.cell(i // 2, i % 2)
        r_ = c.paragraphs[0].add_run(lab)
        r_.bold = True
        c.add_paragraph(val)
    doc.add_paragraph()
    for lab, val in [("Summary of involvement", ret["summary"]), ("Immediate actions", "N/A"),
                     ("Early learning", ret["learning"]), ("Agreed by", ret["signed_off_by"]),
                     ("Date", D(ret["date_completed"], ds))]:
        p = doc.add_paragraph()
        p.add_run(lab).bold = True
        doc.add_paragraph(val)
    msg = R.eml(name, frm(au), f"{cref} - our information", mdate(ret), text="Return attached.",
                attachments=[docx_att(R.doc_bytes(doc), "Agency information.docx")])
    return msg, exp_ret(ret, cref), "return docx: label over answer in cells, 'N/A' actions"


def a10_text_period_one_line_q_numbers(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng, ret, cref = start(name)
    au = ret["author"]
    body = [f"{cref}", "", f"1) Name of organisation - {ret['agency']}",
            f"2) Person completing - {au['name']} ({au['role']}), {au['email']}, {au['phone']}",
            "3) Any involvement? - YES",
            f"4) Period of involvement - {D(ret['involvement_from'], 'slash_short')} – "
            f"{D(ret['involvement_to'], 'slash_short')}",
            f"5) Brief summary - {ret['summary']}", f"6) Immediate action taken - {ret['immediate_actions']}",
            f"7) Any learning - {ret['learning']}", f"8) Records secured - {'YES' if ret['records_secured'] else 'NO'}",
            f"9) Authorised by - {ret['signed_off_by']}, {ret['_mgr']['role']}",
            f"10) Date - {D(ret['date_completed'], 'slash_short')}"]
    msg = R.eml(name, frm(au), f"RE: {cref} request for agency return", mdate(ret), text="\n".join(body))
    return msg, exp_ret(ret, cref), "return text: '1) label - answer', period as d/m/yy – d/m/yy, author on one line"


# ====================================================================== commands

def c01_decision_rr_agencies_owa(name: str) -> tuple[bytes, dict[str, Any], str]:
    cref = ref(name)
    html = (R.OWA_HEAD + "<div>DECISION: RAPID REVIEW</div><div>AGENCIES: police, CSC, UHBW, Sirona, Hutton Moor "
            "Academy</div><div><br></div><div>Olu</div><hr style=\"display:inline-block;width:98%\"><div><b>From:</b> "
            f"CSPR Referrals &lt;{PARTNERSHIP}&gt;<br><b>Subject:</b> {cref} screening decision due</div><div>Please "
            "reply with DECISION: RAPID REVIEW or DECISION: NO RAPID REVIEW and a reason.</div>" + R.OWA_TAIL)
    msg = R.eml(name, CHAIR, f"RE: {cref} screening decision due", R.when(TODAY, 8, 41), html=html)
    return msg, exp_cmd(cref, "DECISION"), "command: Outlook web HTML, DECISION + AGENCIES"


def c02_no_rr_reason_text(name: str) -> tuple[bytes, dict[str, Any], str]:
    cref = ref(name)
    text = ("DECISION: NO RAPID REVIEW - the injury was accidental (confirmed by the CP medical on 2 Dec) and "
            "the criteria are not met; single-agency learning to go to the health sub-group.\n\nRachel\n"
            "CSPR Co-ordinator, North Somerset SCP\n\n" + request_quote(cref))
    msg = R.eml(name, COORD, f"Re: {cref} screening decision due", R.when(TODAY, 12, 5), text=text)
    return msg, exp_cmd(cref, "DECISION"), "command: text, NO RAPID REVIEW with reason over a quote"


def c03_submitted_gmail_html(name: str) -> tuple[bytes, dict[str, Any], str]:
    cref = ref(name)
    html = (R.GMAIL_HEAD + "<div>SUBMITTED: 2026-12-10</div><div><br></div><div>Rapid review report sent to the "
            "National Panel this morning.</div><div><br></div><div class=\"gmail_quote\"><div dir=\"ltr\" "
            f"class=\"gmail_attr\">On Tue, 8 Dec 2026 at 09:00, CSPR Referrals &lt;{PARTNERSHIP}&gt; wrote:<br></div>"
            "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);"
            f"padding-left:1ex\">Reminder: the rapid review report for {cref} is due.</blockquote></div>" + R.GMAIL_TAIL)
    msg = R.eml(name, COORD, f"Re: {cref} rapid review report due", R.when(dt.date(2026, 12, 10), 10, 2), html=html)
    return msg, exp_cmd(cref, "SUBMITTED", "2026-12-10"), "command: Gmail-style HTML, SUBMITTED date"


def c04_panel_national_android(name: str) -> tuple[bytes, dict[str, Any], str]:
    cref = ref(name)
    text = ("PANEL: NATIONAL REVIEW\n\nThe Panel wrote to us today.\n\nGet Outlook for Android\n"
            "________________________________\n"
            f"From: CSPR Referrals <{PARTNERSHIP}>\nSent: Monday, December 14, 2026 9:00:00 AM\n"
            f"Subject: {cref} Panel response awaited\n\nPlease reply with PANEL: LOCAL REVIEW / NATIONAL REVIEW / "
            "NO FURTHER REVIEW when the Panel has replied.")
    msg = R.eml(name, LEADER, f"Re: {cref} Panel response awaited", R.when(dt.date(2026, 12, 14), 16, 40), text=text)
    return msg, exp_cmd(cref, "PANEL"), "command: Outlook for Android text, PANEL over a quote listing all three"


def c05_ad_decision_do_not_refer(name: str) -> tuple[bytes, dict[str, Any], str]:
    cref = ref(name)
    text = ("AD DECISION: DO NOT REFER\n\nI have read the referrer's disagreement and the sub-group's reasons. I "
            "agree with the sub-group.\n\nGwyneth Abernethy-Rowe\nAssistant Director, Children's Services\n\n"
            + request_quote(cref).replace("request for agency return", "disagreement - AD decision needed"))
    msg = R.eml(name, AD, f"RE: {cref} disagreement - AD decision needed", R.when(TODAY, 17, 55), text=text)
    return msg, exp_cmd(cref, "AD DECISION"), "command: AD DECISION: DO NOT REFER from the assistant director"


def c06_notified_html_nbsp_quote_disagree(name: str) -> tuple[bytes, dict[str, Any], str]:
    cref = ref(name)
    html = (R.OUTLOOK_HEAD + R.mso_p('<b><span style="color:#1F3864">NOTIFIED:&nbsp;2026-12-03</span></b>') +
            R.mso_p("&nbsp;") + R.mso_p("Ofsted and the Panel notified via the portal at 15:10.") +
            R.mso_p("Fiona") + R.mso_p("&nbsp;") +
            '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">' +
            R.mso_p(f"<b>From:</b> Kofi Pitman &lt;kofi.pitman@uhbw.nhs.uk&gt;<br><b>Subject:</b> RE: {cref}") +
            "</div>" + R.mso_p("DISAGREE: I think this should have been notified earlier.") + R.OUTLOOK_TAIL)
    msg = R.eml(name, LEADER, f"RE: {cref} SIN due", R.when(dt.date(2026, 12, 3), 15, 20), html=html)
    return msg, exp_cmd(cref, "NOTIFIED", "2026-12-03"), "command: Outlook HTML, bold coloured NOTIFIED, quote has DISAGREE"


# ====================================================================== other mail

def n01_gmail_vacation_responder(name: str) -> tuple[bytes, dict[str, Any], str]:
    cref = ref(name)
    msg = R.eml(name, "Ffion Pengelly <ffion.pengelly@nhs.net>", f"Re: {cref} request for agency return",
                R.when(TODAY, 9, 1), text="Thank you for your email. I am on annual leave until 4 January 2027 and "
                "will not be checking email. For urgent safeguarding matters please contact the Safeguarding Team "
                "on 01632 960777.\n", headers={"Auto-Submitted": "auto-replied", "Precedence": "bulk"})
    return msg, exp_other("auto_reply", cref), "auto-reply: vacation responder with 'Re:' subject"


def _report(name: str, frm: str, subject: str, report_type: str, human: str, machine: tuple[str, str],
            original: bytes | None) -> bytes:
    """A multipart/report (RFC 6522) written out by hand: human text, the machine-readable status, the original
    message if any."""
    bnd = f"----=_report_{name}"
    if machine[1] == "delivery-status":
        status = ("Reporting-MTA: dns;EX01.n-somerset.gov.uk\n\nFinal-Recipient: rfc822;ruairi.tregaskis@"
                  "gordanohomes.org.uk\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp;550 5.1.1 "
                  "RESOLVER.ADR.RecipNotFound; not found\n")
    else:
        status = ("Reporting-UA: EX02.gordanohomes.org.uk; Microsoft Exchange Server\nFinal-Recipient: "
                  "rfc822;bethan.chedzoy@gordanohomes.org.uk\nOriginal-Message-ID: <req.1@csprbot>\n"
                  "Disposition: automatic-action/MDN-sent-automatically; displayed\n")
    head = [f"From: {frm}", f"To: {TO}", f"Subject: {subject}", f"Date: {format_datetime(R.when(TODAY, 9, 30))}",
            f"Message-ID: <h14.{name}@mail.h14.example>", "MIME-Version: 1.0"]
    if report_type == "delivery-status":
        head.append("Auto-Submitted: auto-replied")
    head.append(f'Content-Type: multipart/report; report-type={report_type}; boundary="{bnd}"')
    parts = ["\n".join(head), "", "This is a multi-part message in MIME format.", f"--{bnd}",
             'Content-Type: text/plain; charset="us-ascii"', "", human, f"--{bnd}",
             f"Content-Type: {machine[0]}/{machine[1]}", "", status]
    if original is not None:
        parts += [f"--{bnd}", "Content-Type: message/rfc822", "", original.decode("ascii").replace("\r\n", "\n")]
    parts.append(f"--{bnd}--")
    return ("\n".join(parts) + "\n").replace("\n", "\r\n").encode("ascii")


def n02_exchange_ndr_failed(name: str) -> tuple[bytes, dict[str, Any], str]:
    cref = ref(name)
    orig = R.eml(name + "-orig", TO, f"{cref} request for agency return", R.when(TODAY, 9, 29),
                 text="Please complete the attached agency return.", to="ruairi.tregaskis@gordanohomes.org.uk")
    msg = _report(name, "Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@n-somerset.gov.uk>",
                  f"Undeliverable: {cref} request for agency return", "delivery-status",
                  "Your message to ruairi.tregaskis@gordanohomes.org.uk couldn't be delivered.\n"
                  "ruairi.tregaskis wasn't found at gordanohomes.org.uk.\n", ("message", "delivery-status"), orig)
    return msg, exp_other("auto_reply", cref), "auto-reply: Exchange NDR (failed) with the original attached"


def n03_read_receipt(name: str) -> tuple[bytes, dict[str, Any], str]:
    cref = ref(name)
    msg = _report(name, "Bethan Chedzoy <bethan.chedzoy@gordanohomes.org.uk>", f"Read: {cref} request for agency return",
                  "disposition-notification", f"Your message\n\n  To: Bethan Chedzoy\n  Subject: {cref} request for "
                  "agency return\n\nwas read on 04/12/2026 09:30.\n", ("message", "disposition-notification"), None)
    return msg, exp_other("auto_reply", cref), "auto-reply: read receipt (MDN)"


def n04_external_training_bulletin(name: str) -> tuple[bytes, dict[str, Any], str]:
    html = ("<html><body><h1>South West Safeguarding Training - December bulletin</h1><p>New course: <b>Writing a "
            "good rapid review referral</b> - what the referral form asks, how agencies complete an agency return, "
            "and what happens after DECISION: RAPID REVIEW.</p><p>Dates: 14 January 2027, 3 February 2027.</p><p>"
            '<a href="https://example.org/book">Book now</a> | <a href="https://example.org/unsub">Unsubscribe</a>'
            "</p></body></html>")
    msg = R.eml(name, "SW Safeguarding Training <news@sw-training.example.org>",
                "December bulletin: rapid review referrals course", R.when(TODAY, 6, 0),
                text="South West Safeguarding Training - December bulletin. New course: Writing a good rapid review "
                     "referral. Book at https://example.org/book", html=html,
                headers={"List-Unsubscribe": "<https://example.org/unsub>", "Precedence": "bulk"})
    return msg, exp_other("unknown", None), "unknown: an outside training bulletin naming the forms and a command"


ALL = [a01_docx_w14_checkboxes_agency_control, a02_html_gmail_nhsnet_return, a03_pdf_fillable_return,
       a04_text_agency_only_in_signature, a05_html_outlook_forward_by_manager, a06_pdf_merged_not_known_learning,
       a07_html_apple_nil_return, a08_text_in_attached_eml, a09_docx_label_over_value_na,
       a10_text_period_one_line_q_numbers, c01_decision_rr_agencies_owa, c02_no_rr_reason_text,
       c03_submitted_gmail_html, c04_panel_national_android, c05_ad_decision_do_not_refer,
       c06_notified_html_nbsp_quote_disagree, n01_gmail_vacation_responder, n02_exchange_ndr_failed,
       n03_read_receipt, n04_external_training_bulletin]
