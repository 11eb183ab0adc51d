"""Generate tests/corpus: NAME.eml + NAME.expected.json for every scenario (run: python tests/corpus_tools/generate.py).

Expected JSON comes from the ground truth in cases.py, never from the parser. `warnings` in an expected
file lists substrings that must appear among the parser's warnings (the rest of the JSON must match exactly).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import cases
import docx_forms
import expected as exp
import hostile
import other_forms
import outlook_files
import pdf_forms
import shape_forms
import text_forms
from mail import DOCX, PDF, message, to_bytes

OUT = Path(__file__).resolve().parents[1] / "corpus"
KNOWN_DOMAINS = {
    "sirona-cic.org.uk": "Sirona Care and Health",
    "avonandsomerset.police.uk": "Avon and Somerset Police",
    "n-somerset.gov.uk": "North Somerset Council",
    "worlehealthcentre.nhs.uk": "Worle Health Centre",
}
Scenario = tuple[str, bytes, dict[str, Any]]
COVER = "Good afternoon,\n\nPlease find attached a referral for consideration of a rapid review.\n\nKind regards\n{name}\n"


def _ns_docx_scenarios() -> Iterator[Scenario]:
    styles = ["glyph", "glyph", "typedx", "legacy", "sdt", "wingdings", "legacy", "sdt", "typedx", "glyph"]
    dates = ["slash", "long", "short", "dots", "iso", "mon", "slash", "long", "dots", "short"]
    for i, (style, d) in enumerate(zip(styles, dates, strict=True)):
        case = cases.referral(i)
        data = docx_forms.ns_appendix2(case, style, d)
        subject = ["CSPR referral", "Request for Child Safeguarding Practice Review", "Rapid review referral",
                   "OFFICIAL-SENSITIVE: referral", "Referral - serious incident"][i % 5]
        msg = message(f"{case['referrer']['name']} <{case['referrer']['email']}>", subject,
                      COVER.format(name=case["referrer"]["name"]),
                      attachments=[("Appendix 2 referral form.docx", data, DOCX)])
        yield f"ns_docx_{style}_{i:02d}", to_bytes(msg), exp.referral(case)


def _ns_text_scenarios() -> Iterator[Scenario]:
    for i, (layout, tick) in enumerate([("tabs", "glyph"), ("lines", "brackets"), ("inline", "tick"),
                                        ("tabs", "brackets"), ("inline", "glyph")]):
        case = cases.referral(i + 1)
        body = "Hello,\n\nI am not able to attach the form so have pasted it below.\n\n" + text_forms.ns_text(
            case, layout=layout, ticks=tick, dates=["slash", "long", "mon", "dots", "short"][i]) + "\nThanks\n"
        msg = message(case["referrer"]["email"], "CSPR referral form", body)
        yield f"ns_body_{layout}_{tick}_{i:02d}", to_bytes(msg), exp.referral(case)


def _html_scenarios() -> Iterator[Scenario]:
    for i in range(3):
        case = cases.referral(i + 2)
        html = text_forms.ns_html(case)
        msg = message(case["referrer"]["email"], "Referral for rapid review", "Please see the form below.\n" * 0 + "",
                      html=html)
        yield f"ns_html_body_{i:02d}", to_bytes(msg), exp.referral(case)


def _forward_scenarios() -> Iterator[Scenario]:
    case = cases.referral(0)
    data = docx_forms.ns_appendix2(case, "glyph")
    inner = message(case["referrer"]["email"], "Referral", COVER.format(name=case["referrer"]["name"]),
                    to="safeguarding.manager@hillview-primary.n-somerset.sch.uk",
                    attachments=[("CSPR referral.docx", data, DOCX)])
    outer = message("Head Teacher <head@hillview-primary.n-somerset.sch.uk>", "FW: Referral",
                    "Forwarding as discussed - please see the attached.\n", attached_messages=[inner])
    yield "fwd_attached_message_docx", to_bytes(outer), exp.referral(case)
    case = cases.referral(1)
    body = ("Please see below from DS Tollerton.\n\n---------- Forwarded message ---------\n"
            f"From: {case['referrer']['name']} <{case['referrer']['email']}>\nDate: Mon, 19 Jan 2026 at 09:12\n"
            "Subject: CSPR referral\nTo: <duty.manager@avonandsomerset.police.uk>\n\n"
            + text_forms.ns_text(case, layout="tabs"))
    yield "fwd_inline_gmail_text", to_bytes(message("duty.manager@avonandsomerset.police.uk", "Fwd: CSPR referral",
                                                    body)), exp.referral(case)
    case = cases.referral(2)
    body = ("Forwarding for your attention.\n\nRegards\nSafeguarding Team\n\n________________________________\n"
            f"From: {case['referrer']['name']} <{case['referrer']['email']}>\nSent: 10 March 2026 14:02\n"
            "To: Safeguarding Team <safeguarding@nhs.net>\nSubject: Referral\n\n-----Original Message-----\n"
            + text_forms.ns_text(case, layout="inline", ticks="brackets"))
    yield "fwd_inline_outlook_text", to_bytes(message("safeguarding@nhs.net", "FW: Referral", body)), exp.referral(case)


def _outlook_scenarios() -> Iterator[Scenario]:
    case = cases.referral(3)
    data = docx_forms.ns_appendix2(case, "sdt")
    item = outlook_files.outlook_msg("Referral", COVER.format(name=case["referrer"]["name"]),
                                     case["referrer"]["email"], [("referral form.docx", data)])
    msg = message("coordinator.assistant@n-somerset.gov.uk", "FW: referral (Outlook item attached)",
                  "Attaching the original email.\n",
                  attachments=[("Referral.msg", item, "application/vnd.ms-outlook")])
    yield "outlook_msg_with_docx", to_bytes(msg), exp.referral(case)
    case = cases.referral(4)
    item = outlook_files.outlook_msg("CSPR referral", text_forms.ns_text(case, layout="tabs"),
                                     case["referrer"]["email"], [])
    msg = message("safeguarding@weston.ac.uk", "FW: CSPR referral", "See attached email.\n",
                  attachments=[("CSPR referral.msg", item, "application/vnd.ms-outlook")])
    yield "outlook_msg_body_text", to_bytes(msg), exp.referral(case)
    for i, style in enumerate(["glyph", "legacy"]):
        case = cases.referral(i)
        tnef = outlook_files.winmail_dat("Please see attached.", [("referral.docx",
                                                                   docx_forms.ns_appendix2(case, style))])
        msg = message(case["referrer"]["email"], "Referral", "", attachments=[("winmail.dat", tnef,
                                                                                "application/ms-tnef")])
        yield f"winmail_dat_docx_{style}", to_bytes(msg), exp.referral(case)


def _other_layouts() -> Iterator[Scenario]:
    for i in range(4):
        case = cases.referral(i)
        case["child"]["ethnicity"] = {0: "Mixed White and Black Caribbean", 1: "Black African", 2: "Pakistani",
                                      3: "White Irish"}[i]
        for member in case["family"]:
            member["ethnicity"] = None  # this form's household table has no ethnicity column
        data = other_forms.alt_referral_docx(case, ["long", "slash", "mon", "long"][i])
        msg = message(case["referrer"]["email"], "Serious incident notification",
                      COVER.format(name=case["referrer"]["name"]),
                      attachments=[("Serious Incident Notification Form.docx", data, DOCX)])
        yield f"other_partnership_docx_{i:02d}", to_bytes(msg), exp.referral(case)


def _pdf_scenarios() -> Iterator[Scenario]:
    for i in range(2):
        case = cases.referral(i + 1)
        lines = _pdf_referral_lines(case)
        msg = message(case["referrer"]["email"], "CSPR referral (PDF)", COVER.format(name=case["referrer"]["name"]),
                      attachments=[("referral.pdf", pdf_forms.text_pdf(lines), PDF)])
        yield f"pdf_text_referral_{i:02d}", to_bytes(msg), exp.referral(case)
    for i in range(2):
        case = cases.referral(i + 3)
        data = _acroform_referral(case)
        msg = message(case["referrer"]["email"], "Referral - fillable PDF", COVER.format(name=case["referrer"]["name"]),
                      attachments=[("Rapid Review Referral Form.pdf", data, PDF)])
        yield f"pdf_acroform_referral_{i:02d}", to_bytes(msg), exp.referral(case)


def _pdf_referral_lines(case: dict[str, Any]) -> list[str | tuple[str, str]]:
    rf, ch, cr = case["referrer"], case["child"], case["criteria"]
    case["family"], case["other_agencies"], case["other_processes"] = [], [], []  # page 1 only: no tables
    f = docx_forms._fmt_date
    yn = {True: "Yes", False: "No", None: ""}
    lines: list[str | tuple[str, str]] = [
        "Request for a Child Safeguarding Practice Review", "1. Referrer",
        (f"Name: {rf['name']}", f"Email: {rf['email']}"), (f"Role: {rf['role']}", f"Tel: {rf['phone']}"),
        (f"Agency: {rf['agency']}", f"Date submitted: {f(rf['date_submitted'], 'slash')}"),
        "2. Details of child or young person",
        (f"Name of child: {ch['name']}", f"Date of birth: {f(ch['date_of_birth'], 'slash')}"),
        f"Home address: {ch['home_address']}",
        f"Date of death or critical incident: {f(ch['incident_date'], 'long')}",
        f"Carer: {ch['carer']}", f"Location of incident: {ch['incident_location']}",
        f"Ethnic origin: {ch['ethnicity']}",
        (f"Faith: {ch['faith'] or ''}", f"Disability: {ch['disability'] or ''}"),
        "Child protection plan: " + {"yes": "Yes", "no": "No", "has_been": "Has been", "not_known": "Not known"}[
            ch["child_protection_plan"]],
        "4. Rapid Review criteria",
        f"Is the child deceased? {yn[cr['child_died']]}",
        f"Is the child seriously harmed? {yn[cr['seriously_harmed']]}",
        f"Is abuse or neglect known or suspected? {(cr['abuse_or_neglect'] or '').capitalize()}",
        f"Is there a cause for concern as to the way in which agencies have worked together? {yn[cr['agency_concern']]}",
        "5. Summary of events", *case["summary"].split("\n"),
    ]
    return lines


def _acroform_referral(case: dict[str, Any]) -> bytes:
    rf, ch, cr = case["referrer"], case["child"], case["criteria"]
    case["family"], case["other_agencies"], case["other_processes"] = [], [], []  # this form has no tables
    f = docx_forms._fmt_date
    printed: list[str | tuple[str, str]] = ["Rapid Review Referral Form", "Referrer details", "Child details",
                                            "Criteria", "Summary of events"]
    fields: list[pdf_forms.Field] = [
        ("text", "Referrer name", rf["name"]), ("text", "Referrer email", rf["email"]),
        ("text", "Referrer role", rf["role"]), ("text", "Referrer telephone", rf["phone"]),
        ("text", "Referring agency", rf["agency"]), ("text", "Date of referral", f(rf["date_submitted"], "slash")),
        ("text", "Name of child", ch["name"]), ("text", "Child's date of birth", f(ch["date_of_birth"], "slash")),
        ("text", "Address of child", ch["home_address"]), ("text", "Name of carer", ch["carer"]),
        ("text", "Date of incident", f(ch["incident_date"], "slash")),
        ("text", "Location of incident", ch["incident_location"]), ("text", "Child's ethnicity", ch["ethnicity"]),
        ("text", "Faith/religion", ch["faith"]), ("text", "Disability", ch["disability"]),
        ("radio", "Child protection plan", {"yes": "Yes", "no": "No", "has_been": "Has been",
                                            "not_known": "Not known"}[ch["child_protection_plan"]]),
        ("radio", "Has the child died?", "Yes" if cr["child_died"] else "No"),
        ("radio", "Has the child been seriously harmed?", "Yes" if cr["seriously_harmed"] else "No"),
        ("radio", "Abuse or neglect known or suspected?", (cr["abuse_or_neglect"] or "").capitalize()),
        ("radio", "Concerns about how agencies worked together?", "Yes" if cr["agency_concern"] else "No"),
        ("text", "Summary of events", case["summary"].replace("\n", " ")),
    ]
    case["summary"] = case["summary"].replace("\n", " ")
    return pdf_forms.acroform_pdf(printed, fields)


def _file_scenarios() -> Iterator[Scenario]:
    case = cases.referral(0)
    rtf = _to_rtf(text_forms.ns_text(case, layout="inline", ticks="brackets"))
    msg = message(case["referrer"]["email"], "Referral", COVER.format(name="Jo"),
                  attachments=[("referral.rtf", rtf, "application/rtf")])
    yield "rtf_attachment_referral", to_bytes(msg), exp.referral(case)
    case = cases.referral(1)
    msg = message(case["referrer"]["email"], "Referral", COVER.format(name="Mark"),
                  attachments=[("referral.txt", text_forms.ns_text(case, layout="tabs").encode("utf-8"), "text/plain")])
    yield "txt_attachment_referral", to_bytes(msg), exp.referral(case)


def _to_rtf(text: str) -> bytes:
    body = "".join(f"\\u{ord(c)}?" if ord(c) > 127 else ("\\par\n" if c == "\n" else
                   ("\\" + c if c in "\\{}" else c)) for c in text)
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Calibri;}}\\f0\\fs22 " + body + "}").encode("ascii")


def _missing_scenarios() -> Iterator[Scenario]:
    case = cases.referral(2)
    case["referrer"]["email"] = None
    case["child"]["date_of_birth"] = None
    msg = message("priya.raman@nhs.net", "CSPR referral", COVER.format(name="Priya"),
                  attachments=[("referral.docx", docx_forms.ns_appendix2(case, "glyph"), DOCX)])
    yield "missing_email_and_dob_docx", to_bytes(msg), exp.referral(case)
    case = cases.referral(3)
    case["child"]["incident_date"] = None
    case["criteria"] = {"child_died": None, "seriously_harmed": None, "abuse_or_neglect": None, "agency_concern": None}
    case["eth"] = None
    case["child"]["ethnicity"] = None
    msg = message(case["referrer"]["email"], "CSPR referral", "Referral below.\n\n" + text_forms.ns_text(case))
    yield "missing_criteria_text", to_bytes(msg), exp.referral(case)
    case = cases.referral(4)
    case["child"]["name"] = None
    case["referrer"]["name"] = None
    msg = message(case["referrer"]["email"], "Referral", COVER.format(name=""),
                  attachments=[("form.docx", docx_forms.ns_appendix2(case, "legacy"), DOCX)])
    yield "missing_names_legacy_docx", to_bytes(msg), exp.referral(case)


def _return_scenarios() -> Iterator[Scenario]:
    for i in range(4):
        ret = cases.agency_return(i)
        data = other_forms.ias_docx(ret, ticks=["glyph", "sdt", "legacy", "typedx"][i])
        msg = message(ret["author"]["email"], f"RE: {ret['case_ref']} rapid review - request for information",
                      "Please find our return attached.\n", attachments=[("Agency summary.docx", data, DOCX)])
        yield f"agency_return_docx_{i:02d}", to_bytes(msg), exp.agency_return(ret)
    for i in (0, 2):
        ret = cases.agency_return(i)
        msg = message(ret["author"]["email"], f"Re: {ret['case_ref']}", other_forms.ar_text(ret))
        yield f"agency_return_body_{i:02d}", to_bytes(msg), exp.agency_return(ret)
    ret = cases.agency_return(1)
    msg = message(ret["author"]["email"], "Agency information return",
                  "Return attached.\n", attachments=[("return.pdf", pdf_forms.text_pdf(other_forms.ar_pdf_lines(ret)),
                                                      PDF)])
    yield "agency_return_pdf_ref_in_doc", to_bytes(msg), exp.agency_return(ret)
    ret = cases.agency_return(2)
    ret["agency"] = "Sirona Care and Health"
    msg = message("beth.calloway@sirona-cic.org.uk", f"RE: {ret['case_ref']} - nil return",
                  other_forms.ar_text(ret, with_agency=False))
    ret["author"]["email"] = ret["author"]["email"]
    yield "agency_return_nil_agency_from_domain", to_bytes(msg), exp.agency_return(ret)
    ret = cases.agency_return(3)
    html = "<html><body>" + "".join(f"<p>{line}</p>" for line in other_forms.ar_text(ret).split("\n")) + "</body></html>"
    msg = message(ret["author"]["email"], f"RE: RE: {ret['case_ref']}", None, html=html)
    yield "agency_return_html_body", to_bytes(msg), exp.agency_return(ret)


def _reply_scenarios() -> Iterator[Scenario]:
    quote = "\n\nOn Tue, 3 Feb 2026 at 10:02, CSPR bot <cspr@n-somerset.gov.uk> wrote:\n> Case NS-CSPR-2026-004 needs a decision\n"
    replies: list[tuple[str, str, str, dict[str, Any]]] = [
        ("decision_rr_agencies", "RE: NS-CSPR-2026-004 screening decision",
         "DECISION: RAPID REVIEW\nAGENCIES: Police, GP, School, Children's Social Care" + quote,
         exp.reply("NS-CSPR-2026-004", "DECISION", {"decision": "RAPID REVIEW",
                                                     "agencies": "Police, GP, School, Children's Social Care"})),
        ("decision_nrr_reason", "Re: [NS-CSPR-2026-005] decision",
         "Decision - No Rapid Review. Criteria not met: no abuse or neglect suspected after strategy discussion.\n"
         + quote, exp.reply("NS-CSPR-2026-005", "DECISION", {"decision": "NO RAPID REVIEW", "reason":
                            "Criteria not met: no abuse or neglect suspected after strategy discussion."})),
        ("notified_iso", "RE: FW:  NS-CSPR-2026-004", "NOTIFIED: 2026-02-06" + quote,
         exp.reply("NS-CSPR-2026-004", "NOTIFIED", {"date": "2026-02-06"})),
        ("notified_uk_date", "RE: FW: ns-cspr-2026-004 SIN", "Hi all,\n\nnotified: 6/2/26\n\nThanks" + quote,
         exp.reply("NS-CSPR-2026-004", "NOTIFIED", {"date": "2026-02-06"})),
        ("submitted", "RE: NS - CSPR - 2026 - 004", "SUBMITTED: 27 February 2026" + quote,
         exp.reply("NS-CSPR-2026-004", "SUBMITTED", {"date": "2026-02-27"})),
        ("panel_local", "RE: NS-CSPR-2026-004 Panel response", "PANEL: LOCAL REVIEW" + quote,
         exp.reply("NS-CSPR-2026-004", "PANEL", {"view": "LOCAL REVIEW"})),
        ("extend", "RE: NS-CSPR-2026-004", "EXTEND rr_submission: 2026-03-06 Panel agreed extension, police "
         "disclosure awaited" + quote, exp.reply("NS-CSPR-2026-004", "EXTEND", {
             "clock": "rr_submission", "date": "2026-03-06", "reason": "Panel agreed extension, police disclosure awaited"})),
        ("disagree", "RE: NS-CSPR-2026-009", "DISAGREE: the school believes the criteria are met" + quote,
         exp.reply("NS-CSPR-2026-009", "DISAGREE", {"reason": "the school believes the criteria are met"})),
        ("ad_decision", "RE: NS-CSPR-2026-009 disagreement", "AD DECISION: DO NOT REFER" + quote,
         exp.reply("NS-CSPR-2026-009", "AD DECISION", {"decision": "DO NOT REFER"})),
        ("close", "RE: NS-CSPR-2026-002", "CLOSE: duplicate of NS-CSPR-2026-001" + quote,
         exp.reply("NS-CSPR-2026-002", "CLOSE", {"reason": "duplicate of NS-CSPR-2026-001"})),
        ("bad_date", "RE: NS-CSPR-2026-004", "SUBMITTED: 31/02/2026" + quote,
         exp.reply("NS-CSPR-2026-004", "SUBMITTED", {"date_raw": "31/02/2026"}, ["not a valid date"])),
        ("no_command", "RE: NS-CSPR-2026-004", "Thanks, I will pick this up with the chair tomorrow." + quote,
         exp.reply("NS-CSPR-2026-004")),
    ]
    for name, subject, body, expected in replies:
        yield f"reply_{name}", to_bytes(message("chair@n-somerset.gov.uk", subject, body)), expected
    html = ('<html><body><div><p class="MsoNormal"><b>DECISION: RAPID REVIEW</b></p><p class="MsoNormal">'
            "AGENCIES: Police; Health Visiting</p><p>&nbsp;</p><div style='border-top:solid #E1E1E1'>"
            "<p><b>From:</b> CSPR bot<br><b>Sent:</b> 03 February 2026<br><b>Subject:</b> NS-CSPR-2026-006</p>"
            "</div></div></body></html>")
    yield "reply_html_only_decision", to_bytes(message("chair@n-somerset.gov.uk", "RE: NS-CSPR-2026-006", None,
                                                       html=html)), exp.reply(
        "NS-CSPR-2026-006", "DECISION", {"decision": "RAPID REVIEW", "agencies": "Police, Health Visiting"})


def _auto_scenarios() -> Iterator[Scenario]:
    ooo = "I am out of the office until Monday 9 February with no access to email.\n"
    yield "auto_ooo_auto_submitted", to_bytes(message("chair@n-somerset.gov.uk", "Automatic reply: NS-CSPR-2026-004",
                                                      ooo, headers={"Auto-Submitted": "auto-replied"})), \
        exp.auto("NS-CSPR-2026-004")
    yield "auto_ooo_exchange_suppress", to_bytes(message(
        "helen.marsh@avonandsomerset.police.uk", "RE: NS-CSPR-2026-004", ooo,
        headers={"X-Auto-Response-Suppress": "All"})), exp.auto("NS-CSPR-2026-004")
    yield "auto_x_autoreply", to_bytes(message("gp@nhs.net", "Re: rapid review", "Thank you for your email.\n",
                                               headers={"X-Autoreply": "yes"})), exp.auto()
    yield "auto_precedence_bulk", to_bytes(message("news@safeguarding-updates.org.uk", "Safeguarding newsletter",
                                                   "This month's bulletin.\n", headers={"Precedence": "bulk"})), \
        exp.auto()
    yield "auto_out_of_office_subject", to_bytes(message("ruth.okafor@nhs.net", "Out of Office: NS-CSPR-2026-004",
                                                         ooo)), exp.auto("NS-CSPR-2026-004")
    yield "auto_dsn_bounce", _dsn(), exp.auto("NS-CSPR-2026-004")


def _dsn() -> bytes:
    return (
        b"From: Mail Delivery System <MAILER-DAEMON@mx.n-somerset.gov.uk>\r\nTo: cspr@n-somerset.gov.uk\r\n"
        b"Subject: Undelivered Mail Returned to Sender\r\nDate: Tue, 03 Feb 2026 10:00:00 +0000\r\n"
        b"Message-ID: <dsn1@mx.n-somerset.gov.uk>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        b"--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        b"--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.n-somerset.gov.uk\r\n\r\n"
        b"Final-Recipient: rfc822; old.address@nhs.net\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        b"--B\r\nContent-Type: text/rfc822-headers\r\n\r\nSubject: NS-CSPR-2026-004 request for information\r\n"
        b"--B--\r\n"
    )


def _hostile_scenarios() -> Iterator[Scenario]:
    real = docx_forms.ns_appendix2(cases.referral(0), "glyph")
    real_pdf = pdf_forms.text_pdf(_pdf_referral_lines(cases.referral(1)))
    items: list[tuple[str, str, bytes, str, str]] = [
        ("zip_bomb_docx", "referral.docx", hostile.zip_bomb_docx(), DOCX, "zip bomb"),
        ("entity_bomb_docx", "referral.docx", hostile.entity_bomb_docx(real), DOCX, "entity"),
        ("encrypted_docx", "referral.docx", hostile.encrypted_docx(real), DOCX, "password-protected"),
        ("truncated_pdf", "referral.pdf", hostile.truncated_pdf(real_pdf), PDF, "damaged or truncated"),
        ("legacy_doc", "referral.doc", hostile.legacy_doc(), "application/msword", "legacy Word"),
        ("scanned_image", "scan of referral.jpg", hostile.tiny_jpeg(), "image/jpeg", "image or scan"),
    ]
    for name, filename, data, ctype, warning in items:
        msg = message("someone@school.sch.uk", "Referral", "Please see attached.\n",
                      attachments=[(filename, data, ctype)])
        if name in ("encrypted_docx", "truncated_pdf", "legacy_doc", "scanned_image"):
            # "Referral" with a form that cannot be opened is still a referral (issue #12): provisional
            expected = exp.provisional("unreadable", "someone@school.sch.uk",
                                       ["attachment_unreadable", f"attachment '{filename}'", warning])
        else:
            expected = exp.unknown([f"attachment '{filename}'", warning])
        yield f"hostile_{name}", to_bytes(msg), expected


def _misc_scenarios() -> Iterator[Scenario]:
    body = ("MULTI-AGENCY REFERRAL FORM (MARF) - please send to the MASH\n\nChild's name: Tyler Brooks\n"
            "DOB: 04/04/2019\nAddress: 7 Elm Grove, Yatton\nReason for referral: Concerns about home conditions and "
            "school attendance. Mum has asked for support.\nReferrer name: Anna Cole\nReferrer email: "
            "anna.cole@yatton-infants.n-somerset.sch.uk\n")
    yield "misdirected_mash_referral", to_bytes(message("anna.cole@yatton-infants.n-somerset.sch.uk",
                                                        "Referral", body)), exp.unknown(["looks like a child protection referral"])
    yield "unknown_chit_chat", to_bytes(message("someone@n-somerset.gov.uk", "Training dates",
                                                "Are there any CSPR training dates in March?\n")), exp.unknown(
        ["no referral form"])


def _shape_scenarios() -> Iterator[Scenario]:
    """Layouts added for robustness (see shape_forms.py); each exercises a general rule, not one sender."""
    for i in (1, 3):
        case = cases.referral(i)
        data = shape_forms.one_column_docx(case)
        msg = message(case["referrer"]["email"], "Serious incident notification", COVER.format(name="J"),
                      attachments=[("SIN form.docx", data, DOCX)])
        yield f"shape_one_column_docx_{i:02d}", to_bytes(msg), exp.referral(case)
    case = cases.referral(0)
    data = shape_forms.paragraph_docx(case)
    msg = message(case["referrer"]["email"], "CSPR referral", COVER.format(name="Jo"),
                  attachments=[("referral.docx", data, DOCX)])
    yield "shape_paragraph_labels_docx", to_bytes(msg), exp.referral(case)
    case = cases.referral(2)
    body = shape_forms.dash_body(case, f"{docx_forms._fmt_date(case['child']['incident_date'], 'slash')} approx")
    yield "shape_dash_body_signoff", to_bytes(message(case["referrer"]["email"], "Rapid review request", body)), \
        exp.referral(case, warnings=["approximate"])
    case = cases.referral(4)
    case["child"]["incident_date"] = None
    body = shape_forms.dash_body(case, "w/c 4 May 2026")
    yield "shape_dash_body_week_date", to_bytes(message(case["referrer"]["email"], "CSPR referral", body)), \
        exp.referral(case, warnings=["names a week"])
    for i in (0, 1):
        ret = cases.agency_return(i)
        html = shape_forms.return_html_no_author_heading(ret)
        msg = message(ret["author"]["email"], f"RE: {ret['case_ref']} information request", None, html=html)
        yield f"shape_return_html_no_author_heading_{i:02d}", to_bytes(msg), exp.agency_return(ret)
    body = ("DECISION: RAPID REVIEW\nAGENCIES: Education, Avon and Somerset Police; Sirona Care & Health\n\n"
            "On Tue, 3 Feb 2026 at 10:02, CSPR bot <cspr@n-somerset.gov.uk> wrote:\n> Case NS-CSPR-2026-012\n")
    yield "shape_reply_agencies_with_and", to_bytes(message("chair@n-somerset.gov.uk", "RE: NS-CSPR-2026-012", body)), \
        exp.reply("NS-CSPR-2026-012", "DECISION", {
            "decision": "RAPID REVIEW", "agencies": "Education, Avon and Somerset Police, Sirona Care & Health"})


GENERATORS: list[Callable[[], Iterator[Scenario]]] = [
    _ns_docx_scenarios, _ns_text_scenarios, _html_scenarios, _forward_scenarios, _outlook_scenarios,
    _other_layouts, _pdf_scenarios, _file_scenarios, _missing_scenarios, _return_scenarios, _reply_scenarios,
    _auto_scenarios, _hostile_scenarios, _misc_scenarios, _shape_scenarios,
]


def write(out: Path, generators: list[Callable[[], Iterator[Scenario]]], known_domains: dict[str, str],
          *, clean: bool = True) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for old in (list(out.glob("*.eml")) + list(out.glob("*.expected.json"))) if clean else []:
        old.unlink()
    count = 0
    for gen in generators:
        for name, raw, expected in gen():
            (out / f"{name}.eml").write_bytes(raw)
            (out / f"{name}.expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n")
            count += 1
    (out / "known_domains.json").write_text(json.dumps(known_domains, indent=2) + "\n")
    return count


if __name__ == "__main__":
    # `--only _shape_scenarios` writes just those generators, leaving the other files as they are (two
    # scenarios, the encrypted .docx and the .msg, are not byte-for-byte reproducible).
    only = sys.argv[sys.argv.index("--only") + 1 :] if "--only" in sys.argv else []
    chosen = [g for g in GENERATORS if g.__name__ in only] if only else GENERATORS
    print(f"wrote {write(OUT, chosen, KNOWN_DOMAINS, clean=not only)} messages to {OUT}")
