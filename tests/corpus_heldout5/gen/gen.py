"""Regenerate held-out set 5: python gen/gen.py OUTDIR (needs python-docx, reportlab, msoffcrypto-tool, soffice).

Every message is built from a seeded random.Random named after the message, so reruns give the same content
(LibreOffice PDFs and encrypted Word files embed their own timestamps / salts, so their bytes differ).
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

import bodies as B
import docx_forms as D
import pdf_forms as P
from common import (BOT, MAILBOX, PRO_SUR, clone, email_for, empty_referral, empty_return, expected, fmt_date,
                    make_referral, message, phone, pro_name, when)

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
BASE = dt.date(2026, 11, 2)
CATALOGUE: list[dict] = []

DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
PDF = ("application", "pdf")
DOC = ("application", "msword")


def soffice(data: bytes, src_ext: str, target: str) -> bytes:
    """Convert with LibreOffice headless (the 'printed from a word processor' PDFs and the Word 97 .doc)."""
    with tempfile.TemporaryDirectory() as td:
        src = os.path.join(td, f"form.{src_ext}")
        with open(src, "wb") as fh:
            fh.write(data)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{td}/profile", "--headless", "--convert-to", target,
                        "--outdir", td, src], check=True, capture_output=True, timeout=180)
        ext = target.split(":")[0]
        with open(os.path.join(td, f"form.{ext}"), "rb") as fh:
            return fh.read()


def encrypt_docx(data: bytes, password: str) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def emit(name: str, eml: bytes, exp: dict, carrier: str, note: str) -> None:
    with open(os.path.join(OUT, f"{name}.eml"), "wb") as fh:
        fh.write(eml)
    with open(os.path.join(OUT, f"{name}.json"), "w", encoding="utf-8") as fh:
        json.dump(exp, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    CATALOGUE.append({"name": name, "kind": exp["kind"], "carrier": carrier, "note": note})


def mid(name: str, domain: str) -> str:
    return f"<{name}.{abs(hash_str(name)) % 10**8}@{domain}>"


def hash_str(s: str) -> int:
    h = 0
    for ch in s:
        h = (h * 131 + ord(ch)) % (2**61 - 1)
    return h


def sig(rf: dict, extra: str = "") -> str:
    lines = [rf["name"], rf["role"], rf["agency"]]
    if rf.get("phone"):
        lines.append(f"Tel: {rf['phone']}")
    if extra:
        lines.append(extra)
    return "\n".join(x for x in lines if x)


def day(n: int) -> dt.date:
    d = BASE + dt.timedelta(days=n)
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def ref_sender(r: dict) -> tuple[str, str]:
    return (r["referrer"]["name"], r["referrer"]["email"])


# ================================================================ referrals in Word
def word_referrals() -> None:
    layouts = [
        ("w01_ns_contentcontrols", D.d1_north_somerset, "slash", 0, "North Somerset Appendix 2 look, ☒ content controls, ethnicity grid with group headings"),
        ("w02_one_column", D.d2_one_column, "long", 1, "one-column stacked questions (Plymouth-style), typed [X] ticks"),
        ("w03_label_value", D.d3_two_column, "dot", 2, "two-column label|value table, Yes/No deleted as appropriate, family as free text"),
        ("w04_merged_nested", D.d4_merged, "short", 3, "merged heading rows, vertically merged shared address, Y/N columns, nested agencies table"),
        ("w05_legacy_fields", D.d5_legacy_fields, "slash2", 4, "legacy FORMTEXT/FORMCHECKBOX fields: tick state only in ffData"),
        ("w06_split_names", D.d6_split_names, "long_ord", 5, "Family name / Given name(s) split, referrer at the end (Swindon/Plymouth style)"),
        ("w07_highlight", D.d7_highlight, "weekday", 6, "chosen option bold + highlighted among all options"),
        ("w08_referrer_last", D.d8_referrer_last, "dash", 7, "incident first, ☒ glyph tick list, reordered family columns, 'Form completed by' last"),
        ("w09_tick_column", D.d9_tick_column, "short_dash", 8, "criteria as ✓ tick column (Cornwall-style), date and place in one cell"),
        ("w10_plain_typed", D.d10_plain, "slash_nopad", 9, "typed in Word with dashes, no template, 'Referred by' at the foot"),
    ]
    for i, (name, fn, ds, sc, note) in enumerate(layouts):
        rng = random.Random(f"hb5-{name}")
        today = day(i * 3)
        r, facts = make_referral(rng, sc, today)
        if name == "w01_ns_contentcontrols":
            r["child"]["ethnicity"] = "White British"
            r["family"][0]["ethnicity"] = "White British"
        if name == "w07_highlight":
            r["child"]["ethnicity"] = "Black Caribbean and White"
        # fields a referrer really leaves blank
        if name == "w02_one_column":
            r["referrer"]["phone"] = None
        if name == "w03_label_value":
            r["child"]["carer"] = None
            r["child"]["disability"] = None
        if name == "w08_referrer_last":
            r["child"]["faith"] = None
            r["child"]["disability"] = None
            r["child"]["ethnicity"] = "Not declared"
        if name == "w05_legacy_fields":
            r["family"][-1]["date_of_birth"] = None
        data, r = fn(r, rng, ds)
        fname = {0: "CSPR referral form.docx", 1: "Rapid Review Referral - completed.docx", 2: "Notification form.docx",
                 3: "Case Review Referral v3.2.docx", 4: "CSPR Referral Form (2).docx", 5: "RR referral.docx",
                 6: "LCSPR request.docx", 7: "SIN form.docx", 8: "Rapid Review Referral Form.docx", 9: "referral.docx"}[i]
        subj = ["CSPR referral – OFFICIAL SENSITIVE", "Rapid review referral", "Notification of serious incident",
                "Case review referral", "Referral for consideration of CSPR", "[SECURE] RR referral",
                "LCSPR request", "Serious incident notification form", "Referral – rapid review", "cspr referral"][i]
        body = ["Please find attached a referral for consideration of a Child Safeguarding Practice Review.\n\nKind regards\n\n" + sig(r["referrer"]),
                "Good afternoon,\n\nAttached is a referral agreed with our safeguarding lead.\n\nMany thanks",
                "Dear colleagues\n\nPlease see the attached notification.\n\nRegards",
                "Hi,\n\nReferral attached. I am available on my mobile if you need anything further.\n\nThanks",
                "Please see attached.",
                "Please find attached a rapid review referral. This has been discussed with my line manager.\n\nBest wishes",
                "Hello,\n\nAttached please find a request for a local child safeguarding practice review.\n\nRegards",
                "Dear Business Unit,\n\nSIN form attached for the subgroup's consideration.\n\nWith thanks",
                "Morning – form attached. Happy to discuss.",
                "hi, referral attached, thanks"][i]
        sender = ref_sender(r)
        if name == "w06_split_names":  # forwarded by the referrer's manager: the body's signature is not the referrer's
            sender = ("Louise Delaney", "louise.delaney@n-somerset.gov.uk")
            body = (f"Hi both,\n\nForwarding the attached referral completed by {r['referrer']['name']} this morning. "
                    "I have agreed it as the senior safeguarding lead.\n\nLouise Delaney\nHead of Safeguarding\n"
                    "Tel: 01632 960310 | Mob: 07700 900991")
        eml = message(sender=sender, subject=subj, date=when(today, 9 + i % 8, 5 + i * 4), msgid=mid(name, "mail.gov.uk"),
                      body=body, attachments=[(data, *DOCX, fname)])
        emit(name, eml, expected("referral", referral=r), "docx", note)


# ================================================================ PDFs printed from Word (LibreOffice) and drawn by report tools
def pdf_referrals() -> None:
    printed = [("p01_ns_printed", D.d1_north_somerset, "long", 10, "NS-style docx printed to PDF by LibreOffice"),
               ("p02_merged_printed", D.d4_merged, "dot2", 11, "merged/nested docx printed to PDF"),
               ("p03_split_printed", D.d6_split_names, "weekday_short", 0, "forename/surname split docx printed to PDF"),
               ("p04_reflast_printed", D.d8_referrer_last, "month_first", 2, "referrer-last docx printed to PDF")]
    for i, (name, fn, ds, sc, note) in enumerate(printed):
        rng = random.Random(f"hb5-{name}")
        today = day(2 + i * 5)
        r, _ = make_referral(rng, sc, today)
        if name == "p02_merged_printed":
            r["referrer"]["email"] = None
        data, r = fn(r, rng, ds)
        pdf = soffice(data, "docx", "pdf")
        sender, body = ref_sender(r), "Please find the referral attached as a PDF.\n\n" + sig(r["referrer"])
        if r["referrer"]["email"] is None:  # sent on the referrer's behalf; the form has no email for them
            sender = ("Business Support Team", "cs.businesssupport@n-somerset.gov.uk")
            body = f"Sending on behalf of {r['referrer']['name']}, who does not have access to secure email.\n\nBusiness Support"
        eml = message(sender=sender, subject=["CSPR Referral", "Referral for rapid review (PDF)", "Rapid Review referral",
                                              "Serious incident notification"][i],
                      date=when(today, 14, 10 + i), msgid=mid(name, "nhs.net"), body=body,
                      attachments=[(pdf, *PDF, ["CSPR Referral.pdf", "referral.pdf", "RR Referral Form.pdf", "SIN.pdf"][i])])
        emit(name, eml, expected("referral", referral=r), "pdf_printed", note)
    # report-tool PDFs
    rng = random.Random("hb5-p05_online_export")
    today = day(7)
    r, _ = make_referral(rng, 1, today)
    data, r = P.r1_online_export(r, rng, "slash")
    eml = message(sender=("Online Forms", "noreply.forms@n-somerset.gov.uk"), subject="Form submission: Notification to the Rapid Review Panel",
                  date=when(today, 16, 43), msgid=mid("p05", "forms.n-somerset.gov.uk"),
                  body="A new form has been submitted. The submission is attached as a PDF.\n\nThis is an automated message from the online forms service.",
                  attachments=[(data, *PDF, "submission-F-28841.pdf")])
    emit("p05_online_export", eml, expected("referral", referral=r), "pdf_report_tool",
         "online-form export: question with answer beneath, multi-select criteria (Kent-style online notification)")
    rng = random.Random("hb5-p06_boxed_report")
    today = day(12)
    r, _ = make_referral(rng, 4, today)
    r["family"][0]["name"] = "Precious Okonkwo-Reid"
    r["child"]["carer"] = "Precious Okonkwo-Reid"
    data, r = P.r2_boxed_report(r, rng, "dot")
    eml = message(sender=ref_sender(r), subject="Referral – child safeguarding practice review", date=when(today, 11, 2),
                  msgid=mid("p06", "n-somerset.gov.uk"), body="Referral printed from our case record system attached.\n\n" + sig(r["referrer"]),
                  attachments=[(data, *PDF, "CSPR_referral_print.pdf")])
    emit("p06_boxed_report", eml, expected("referral", referral=r), "pdf_report_tool",
         "boxed report print, narrow family columns break a hyphenated surname across lines")


# ================================================================ fillable PDFs
def fillable_referrals() -> None:
    specs = [("f01_fillable_named", 1, False, "slash", 3, "meaningful field names, single-column layout"),
             ("f02_fillable_cryptic", 2, True, "long", 5, "cryptic field names (Text7, Check Box12), two fields per row"),
             ("f03_fillable_named2", 2, False, "dash", 8, "two fields per row, blank family/agency rows left in the form"),
             ("f04_fillable_cryptic2", 1, True, "short", 11, "cryptic names, criteria only partly ticked")]
    for i, (name, variant, cryptic, ds, sc, note) in enumerate(specs):
        rng = random.Random(f"hb5-{name}")
        today = day(4 + i * 6)
        r, _ = make_referral(rng, sc, today)
        if name == "f04_fillable_cryptic2":
            r["criteria"]["agency_concern"] = None
            r["criteria"]["seriously_harmed"] = None
            r["child"]["faith"] = None
        data, r = P.f_referral(r, rng, ds, cryptic, ["Child Safeguarding Practice Review Referral", "Request for a Rapid Review",
                                                     "CSPR Referral Form", "Serious Case Notification"][i], variant)
        eml = message(sender=ref_sender(r), subject=["Referral (fillable form)", "Rapid review request", "CSPR referral form attached",
                                                     "Notification"][i],
                      date=when(today, 10, 30 + i), msgid=mid(name, "nhs.net"),
                      body="Completed form attached.\n\n" + sig(r["referrer"]),
                      attachments=[(data, *PDF, ["CSPR_Referral_Form_fillable.pdf", "RR_request.pdf", "CSPR Referral Form.pdf",
                                                 "Notification.pdf"][i])])
        emit(name, eml, expected("referral", referral=r), "pdf_fillable", note)


# ================================================================ forms in the body (text, HTML, forwarded)
def body_referrals() -> None:
    # b01: pasted plain form with [X]
    rng = random.Random("hb5-b01")
    today = day(1)
    r, _ = make_referral(rng, 6, today)
    text, r = B.t1_pasted(r, "slash")
    eml = message(sender=ref_sender(r), subject="CSPR referral (form pasted below – attachment would not send)", date=when(today, 13, 12),
                  msgid=mid("b01", "nhs.net"), body="Hello\n\nOur system strips attachments so I have pasted the form below.\n\n" + text + "\n\n" + sig(r["referrer"]))
    emit("b01_pasted_text", eml, expected("referral", referral=r), "text", "form pasted into a plain-text body, [X] ticks")

    # b02: manager forward with -----Original Message----- and a tab-pasted form
    rng = random.Random("hb5-b02")
    today = day(5)
    r, _ = make_referral(rng, 9, today)
    text, r = B.t2_tabbed(r, "dot")
    mgr = ("Gareth Wilmot", "gareth.wilmot@avonandsomerset.police.uk")
    orig = (f"-----Original Message-----\nFrom: {r['referrer']['name']} <{r['referrer']['email']}>\n"
            f"Sent: {fmt_date(today.isoformat(), 'weekday_short')} 08:14\nTo: Wilmot, Gareth\nSubject: CSPR referral\n\n"
            f"Gareth, form below as discussed.\n\n{text}\n\n{sig(r['referrer'])}")
    body = ("Please see below a referral from a member of my team. I have reviewed it and agree it should be considered "
            "by the subgroup.\n\nRegards\nGareth Wilmot\nDetective Inspector, Public Protection\nAvon and Somerset Police\n"
            "Tel: 0117 496 0881\n\n" + orig)
    eml = message(sender=mgr, subject="FW: CSPR referral", date=when(today, 9, 40), msgid=mid("b02", "avonandsomerset.police.uk"), body=body)
    emit("b02_manager_forward", eml, expected("referral", referral=r), "text",
         "forwarded by a manager (-----Original Message-----), Word table pasted as tab-separated text; the manager is not the referrer")

    # b03: Outlook forward block, HTML body
    rng = random.Random("hb5-b03")
    today = day(9)
    r, _ = make_referral(rng, 0, today)
    form, r = B.html_form(r, "long", yn_columns=True)
    fwd = ("<p>Forwarding for the Business Unit – received in the generic safeguarding inbox.</p><p>Amy<br>Safeguarding Administrator</p>"
           "<div style='border-top:solid #E1E1E1 1pt;padding:3pt 0 0 0'><p><b>From:</b> "
           f"{r['referrer']['name']} &lt;{r['referrer']['email']}&gt;<br><b>Sent:</b> {fmt_date(today.isoformat(), 'weekday')} 07:52<br>"
           "<b>To:</b> Safeguarding Admin &lt;safeguarding.admin@nhs.net&gt;<br><b>Subject:</b> Urgent – CSPR referral</p></div>"
           f"<p>Please pass to the partnership – form below.</p>{form}<p>{sig(r['referrer']).replace(chr(10), '<br>')}</p>")
    eml = message(sender=("Amy Greenslade", "amy.greenslade@nhs.net"), subject="FW: Urgent – CSPR referral", date=when(today, 8, 30),
                  msgid=mid("b03", "nhs.net"), html=B.html_wrap(fwd))
    emit("b03_outlook_forward_html", eml, expected("referral", referral=r), "html",
         "Outlook From:/Sent:/To:/Subject: forward, HTML-only body with label/value and Y/N tables")

    # b04: personal account, "Name:" is the child, "Referred by:" on one line
    rng = random.Random("hb5-b04")
    today = day(14)
    r, _ = make_referral(rng, 3, today)
    r["referrer"].update({"name": "Mark Holt", "role": "Detective Sergeant", "agency": "Avon and Somerset Police",
                          "email": "mark.holt@avonandsomerset.police.uk", "phone": "07700 900318"})
    text, r = B.t4_personal(r, "slash_nopad")
    eml = message(sender=("Mark H", "markholt1979@gmail.com"), subject="cspr referral", date=when(today, 21, 17), msgid=mid("b04", "mail.gmail.com"),
                  body=text + "\nMark\n\nSent from my iPhone")
    emit("b04_personal_oneline", eml, expected("referral", referral=r), "text_personal",
         "personal account, typed form: 'Name:' is the child, 'Referred by: name (role, agency) - email - phone'")

    # b05: HTML-only form with criteria as lines
    rng = random.Random("hb5-b05")
    today = day(18)
    r, _ = make_referral(rng, 10, today)
    form, r = B.html_form(r, "slash2", yn_columns=False)
    eml = message(sender=ref_sender(r), subject="Referral for rapid review consideration", date=when(today, 12, 1), msgid=mid("b05", "n-somerset.gov.uk"),
                  html=B.html_wrap("<p>Dear Co-ordinator,</p><p>Please find my referral below.</p>" + form +
                                   f"<p>Kind regards,</p><p>{sig(r['referrer']).replace(chr(10), '<br>')}</p>"))
    emit("b05_html_form", eml, expected("referral", referral=r), "html", "HTML-only body, tables, criteria as 'label: Yes' lines")

    # b06: multipart/alternative forwarded with "> " quoting in the plain part
    rng = random.Random("hb5-b06")
    today = day(21)
    r, _ = make_referral(rng, 7, today)
    text, r = B.t1_pasted(r, "long_ord")
    mgr = pro_name(rng)
    mgr_email = email_for(mgr, "n-somerset.gov.uk")
    quoted = B.quote(f"From: {r['referrer']['name']} <{r['referrer']['email']}>\nDate: {fmt_date(today.isoformat(), 'long')}\n\n{text}\n\n{sig(r['referrer'])}")
    plain = f"Forwarding as requested – {r['referrer']['name']} is in court all day.\n\n{mgr}\nTeam Manager\nTel: 01632 960777\n\n{quoted}"
    htmlb = B.html_wrap("<p>Forwarding as requested – " + r["referrer"]["name"] + " is in court all day.</p><p>" + mgr +
                        "<br>Team Manager<br>Tel: 01632 960777</p><blockquote style='border-left:2px solid #999;padding-left:6px'><pre>" +
                        B.html.escape(text) + "</pre></blockquote>")
    eml = message(sender=(mgr, mgr_email), subject="Fwd: CSPR referral", date=when(today, 10, 44), msgid=mid("b06", "n-somerset.gov.uk"),
                  body=plain, html=htmlb)
    emit("b06_quoted_forward", eml, expected("referral", referral=r), "text+html",
         "manager forward, original quoted with '> ' in text part and <pre> in HTML part")

    # b07: Outlook plain-text forward (From: Sent: To: Subject:) of an HTML-table form rendered to text
    rng = random.Random("hb5-b07")
    today = day(24)
    r, _ = make_referral(rng, 2, today)
    form, r = B.html_form(r, "dot", yn_columns=True)
    text = B.html_to_textish(form)
    body = ("FYI – referral below for the subgroup. Please log.\n\nRuth\n\n"
            f"From: {r['referrer']['name']} <{r['referrer']['email']}>\nSent: {fmt_date(today.isoformat(), 'weekday')} 09:03\n"
            "To: Penrose, Ruth <ruth.penrose@n-somerset.gov.uk>\nSubject: CSPR referral\n\n" + text + "\n\n" + sig(r["referrer"]))
    eml = message(sender=("Ruth Penrose", "ruth.penrose@n-somerset.gov.uk"), subject="FW: CSPR referral", date=when(today, 9, 30),
                  msgid=mid("b07", "n-somerset.gov.uk"), body=body)
    emit("b07_outlook_text_forward", eml, expected("referral", referral=r), "text",
         "Outlook plain-text forward; an HTML table flattened to tab/line text")


# ================================================================ narrative referrals with no form
def narrative_referrals() -> None:
    # n01 on leave tomorrow
    today = day(3)
    r = empty_referral()
    r["referrer"].update({"name": "Bethan Prowse", "role": "Named Nurse Safeguarding Children",
                          "agency": "University Hospitals Bristol and Weston NHS Foundation Trust",
                          "email": "bethan.prowse@nhs.net", "phone": "07700 900672"})
    r["child"].update({"name": "Esme Lockyer", "date_of_birth": "2025-06-19", "incident_date": "2026-11-03"})
    r["criteria"].update({"child_died": True, "abuse_or_neglect": "suspected"})
    body = ("Dear Partnership team,\n\n"
            "I have not used the referral form as I am on leave from tomorrow and wanted this with you today. "
            "I am writing to refer Esme Lockyer (date of birth 19/06/2025) for consideration of a rapid review. Esme was brought into "
            "the Emergency Department at Weston General Hospital in cardiac arrest in the early hours of 3 November 2026 and "
            "sadly died. The post mortem is awaited but the consultant has concerns about bruising to the abdomen which "
            "the parents could not explain, and neglect is suspected.\n\n"
            "The family are known to children's social care. My colleague Claire Ansell will pick this up while I am away.\n\n"
            "Kind regards\n\nBethan Prowse\nNamed Nurse Safeguarding Children\nUniversity Hospitals Bristol and Weston NHS Foundation Trust\n"
            "Mobile 07700 900672")
    eml = message(sender=("Prowse Bethan", "bethan.prowse@nhs.net"), subject="Child death – request for rapid review", date=when(today, 17, 48),
                  msgid=mid("n01", "nhs.net"), body=body)
    emit("n01_narrative_on_leave", eml, expected("referral", referral=r), "narrative", "no form: 'I have not used the referral form as I am on leave'")

    # n02 school DSL, serious injury
    today = day(8)
    r = empty_referral()
    r["referrer"].update({"name": "Owen Daley", "role": "Designated Safeguarding Lead", "agency": "Castle Batch Primary School",
                          "email": "o.daley@castlebatch.n-somerset.sch.uk", "phone": "01632 960245"})
    r["child"].update({"name": "Kacper Kowalczyk", "incident_date": "2026-11-09"})
    r["criteria"].update({"seriously_harmed": True, "child_died": False})
    body = ("Good morning,\n\nI was advised by the MASH to contact you directly. One of our Year 4 pupils, Kacper Kowalczyk, "
            "was admitted to Bristol Royal Hospital for Children on Monday 9th November 2026 with a serious head injury and is "
            "still in intensive care. He is expected to survive. His mother's partner has been arrested.\n\n"
            "We had made two referrals about Kacper this year. I think this needs looking at to see whether we all did what we "
            "should have. Please let me know if there is a form you need me to complete.\n\n"
            "Owen Daley\nDeputy Headteacher and Designated Safeguarding Lead\nCastle Batch Primary School\n01632 960245")
    r["referrer"]["role"] = "Deputy Headteacher and Designated Safeguarding Lead"
    eml = message(sender=("Mr O Daley", "o.daley@castlebatch.n-somerset.sch.uk"), subject="Pupil seriously injured – advice from MASH to contact you",
                  date=when(today, 8, 12), msgid=mid("n02", "castlebatch.n-somerset.sch.uk"), body=body)
    emit("n02_narrative_school", eml, expected("referral", referral=r), "narrative", "school DSL, serious injury, asks for the form")

    # n03 police DI, death, brief
    today = day(16)
    r = empty_referral()
    r["referrer"].update({"name": "Simon Harcourt", "role": "Detective Inspector", "agency": "Avon and Somerset Police",
                          "email": "simon.harcourt@avonandsomerset.police.uk"})
    # the surname is written in capitals, police style: expected as written
    r["child"].update({"name": "Reuben TRANTER", "date_of_birth": "2010-02-27", "incident_date": "2026-11-17",
                       "incident_location": "Hill Road, Clevedon"})
    r["criteria"].update({"child_died": True})
    # a process mentioned in passing in prose is not a row a reader could fill without guessing its wording: none expected
    body = ("All,\n\nFor your awareness and formal referral for a rapid review: Reuben TRANTER (DOB 27.02.2010) died on "
            "17/11/2026 following an assault in Hill Road, Clevedon. A murder investigation is under way. Reuben was known to "
            "several agencies in relation to exploitation.\n\nI will provide our return when requested.\n\n"
            "Simon Harcourt\nDetective Inspector\nMajor Crime Investigation Team\nAvon and Somerset Police")
    eml = message(sender=("Harcourt, Simon", "simon.harcourt@avonandsomerset.police.uk"), subject="OFFICIAL-SENSITIVE: Death of a 16 year old – referral",
                  date=when(today, 19, 5), msgid=mid("n03", "avonandsomerset.police.uk"), body=body,
                  cc="casereview@avonandsomerset.police.uk")
    emit("n03_narrative_police", eml, expected("referral", referral=r), "narrative", "police DI, surname in capitals, process mentioned without status")

    # n04 health visitor via manager forward, no form
    today = day(22)
    r = empty_referral()
    r["referrer"].update({"name": "Sophie Caddick", "role": "Health Visitor", "agency": "Sirona care & health",
                          "email": "sophie.caddick@nhs.net", "phone": "07700 900514"})
    r["child"].update({"name": "Willow Ashworth", "date_of_birth": "2026-03-02", "home_address": "27 Drove Road, Weston-super-Mare, BS23 3NT"})
    r["criteria"].update({"seriously_harmed": True, "child_died": False, "abuse_or_neglect": "suspected"})
    inner = ("Hi Karen,\n\nI'm really worried about this one and think it needs to go to the partnership. Willow Ashworth "
             "(DOB 02/03/2026) of 27 Drove Road, Weston-super-Mare, BS23 3NT was admitted yesterday with a fractured femur "
             "and a torn frenulum. Mum says she fell from the sofa. I last visited six weeks ago and noted a bruise on her cheek, "
             "which was explained as a fall against a cot. I didn't refer at the time. Non-accidental injury is suspected by the "
             "paediatrician.\n\nSophie\n\nSophie Caddick | Health Visitor | Sirona care & health | 07700 900514")
    body = ("Forwarding Sophie's email below as a referral for a rapid review – I'm her line manager and support this. Sophie can be "
            "contacted directly for more information.\n\nKaren Vaughan\nHealth Visiting Team Leader (Weston)\n\n"
            f"From: Sophie Caddick <sophie.caddick@nhs.net>\nSent: {fmt_date(today.isoformat(), 'weekday')} 16:20\n"
            "To: Karen Vaughan <karen.vaughan@nhs.net>\nSubject: Willow A\n\n" + inner)
    eml = message(sender=("Karen Vaughan", "karen.vaughan@nhs.net"), subject="FW: referral – infant with fracture", date=when(today, 17, 2),
                  msgid=mid("n04", "nhs.net"), body=body)
    emit("n04_narrative_forwarded", eml, expected("referral", referral=r), "narrative", "HV narrative forwarded by her manager who supports it")


# ================================================================ unreadable attachments
def unreadable_referrals() -> None:
    rng = random.Random("hb5-u01")
    today = day(11)
    r, _ = make_referral(rng, 5, today)
    data, _ = D.d1_north_somerset(r, rng, "slash")
    enc = encrypt_docx(data, "Sunfl0wer!26")
    exp = empty_referral()
    rf = r["referrer"]
    exp["referrer"].update({k: rf[k] for k in ("name", "role", "agency", "email", "phone")})
    eml = message(sender=ref_sender(r), subject="CSPR referral – password protected", date=when(today, 15, 15), msgid=mid("u01", "nhs.net"),
                  body="Please find attached a referral for a child safeguarding practice review. The document is password "
                       "protected; I will send the password in a separate email.\n\n" + sig(r["referrer"], "Email: " + rf["email"]),
                  attachments=[(enc, *DOCX, "CSPR referral - protected.docx")])
    emit("u01_password_docx", eml, expected("referral", referral=exp), "docx_encrypted",
         "password-protected .docx (msoffcrypto); only the body's signature is readable")

    rng = random.Random("hb5-u02")
    today = day(19)
    r, _ = make_referral(rng, 8, today)
    data, r = D.d3_two_column(r, rng, "slash")
    doc = soffice(data, "docx", "doc:MS Word 97")
    eml = message(sender=ref_sender(r), subject="Referral", date=when(today, 12, 50), msgid=mid("u02", "n-somerset.gov.uk"),
                  body="Referral attached (Word 97-2003 format as our template is old).\n\n" + sig(r["referrer"]),
                  attachments=[(doc, *DOC, "CSPR Referral.doc")])
    emit("u02_word97_doc", eml, expected("referral", referral=r), "doc_word97",
         "Word 97 .doc binary; expected holds what a person opening it in Word reads")


# ================================================================ agency returns
RETURN_AGENCIES = [
    ("Avon and Somerset Police", "avonandsomerset.police.uk", "Detective Sergeant – Safeguarding Review Unit"),
    ("Sirona care & health", "nhs.net", "Safeguarding Children Nurse Specialist"),
    ("Riverbank Medical Centre", "nhs.net", "GP Safeguarding Lead"),
    ("North Somerset Council Children's Services", "n-somerset.gov.uk", "Head of Service – Quality Assurance"),
    ("South Western Ambulance Service NHS Foundation Trust", "nhs.net", "Safeguarding Specialist Practitioner"),
    ("Worle Community School", "worle.n-somerset.sch.uk", "Designated Safeguarding Lead"),
    ("Avon and Wiltshire Mental Health Partnership NHS Trust", "nhs.net", "Named Professional Safeguarding Children"),
    ("Probation Service – South West", "justice.gov.uk", "Senior Probation Officer"),
]
RETURN_TEXT = {
    "summary": [
        "Police records show three domestic abuse incidents at the address between February and August 2026, all graded medium risk. "
        "The children were present at two of them. A notification was sent to the MASH after each incident.",
        "The family received the universal health visiting offer. Two contacts were missed in the summer and a letter was sent. "
        "The 9-12 month review was completed at home on the last date of contact; no concerns were recorded.",
        "The child was registered with the practice and seen four times, twice for minor illness and twice for immunisations. "
        "Mother was seen for low mood in September 2026 and referred to talking therapies.",
        "The family were open under a child in need plan which closed on the date shown. Historic referrals in 2023 related to "
        "neglect and home conditions.",
        "Ambulance crews attended the address once before the incident, for the child's sibling with breathing difficulties.",
        "The child attended school with attendance of 81%. Staff logged two concerns about hunger and clothing on the safeguarding "
        "system; both were discussed with the family.",
    ],
    "actions": [
        "Safeguarding alert placed on the records of the siblings. Information shared with the MASH the same day.",
        "Case discussed at the safeguarding supervision meeting; practitioner offered support.",
        "Flag added to the family's records; chronology being compiled.",
        "Siblings' plans reviewed and a strategy meeting held.",
    ],
    "learning": [
        "Missed appointments were not escalated under the was-not-brought policy.",
        "Professional curiosity about the adults in the household could have been stronger.",
        "Information about the mother's partner was not shared with partner agencies.",
        "Domestic abuse notifications did not prompt a review of the cumulative picture.",
    ],
}


PROBATION_SUMMARY = ("The mother's partner was supervised on licence until May 2026 for an offence of violence against a previous "
                     "partner. Home visits were completed at his stated address; he did not disclose that he was living with a child.")


def make_return(rng: random.Random, idx: int, today: dt.date, involved: bool = True) -> dict:
    ag, dom, role = RETURN_AGENCIES[idx]
    a = empty_return()
    name = pro_name(rng)
    a.update({"agency": ag, "author": {"name": name, "role": role, "email": email_for(name, dom), "phone": phone(rng)},
              "involved": involved, "records_secured": True, "signed_off_by": f"{rng.choice(['Helen', 'Neil', 'Catherine', 'Paul'])} {rng.choice(PRO_SUR)}",
              "date_completed": today.isoformat()})
    if involved:
        start = today - dt.timedelta(days=rng.randint(200, 900))
        end = today - dt.timedelta(days=rng.randint(8, 60))
        a.update({"involvement_from": start.isoformat(), "involvement_to": end.isoformat(),
                  "summary": RETURN_TEXT["summary"][min(idx, len(RETURN_TEXT["summary"]) - 1)] if idx != 7 else PROBATION_SUMMARY,
                  "immediate_actions": rng.choice(RETURN_TEXT["actions"]),
                  "learning": rng.choice(RETURN_TEXT["learning"])})
    return a


def request_quote(ref: str, today: dt.date) -> str:
    return B.quote(f"From: {BOT}\nSent: {fmt_date((today - dt.timedelta(days=6)).isoformat(), 'weekday')}\nSubject: {ref}: rapid review – "
                   "information request\n\nA rapid review has been agreed for case " + ref + ". Please complete the agency return "
                   "and reply to this message within 10 working days.\nReply with your return attached or in the body.")


def agency_returns() -> None:
    # a01: docx IAS with agency field
    rng = random.Random("hb5-a01")
    today = day(10)
    ref = "NS-CSPR-2026-011"
    a = make_return(rng, 1, today)
    data, a = D.ar_devon_ias(a, ref, "Child A (DOB 14/05/2025)", rng, "slash")
    eml = message(sender=(a["author"]["name"], a["author"]["email"]), to=("csprbot", BOT), subject=f"RE: {ref}: rapid review – information request",
                  date=when(today, 11, 20), msgid=mid("a01", "nhs.net"), body="Please find our return attached.\n\n" + request_quote(ref, today),
                  attachments=[(data, *DOCX, f"{ref} Individual Agency Summary.docx")])
    emit("a01_ias_docx", eml, expected("agency_return", case_ref=ref, agency_return=a), "docx",
         "Individual Agency Summary (Devon-style) label|value table")

    # a02: nil return docx, agency only in letterhead header
    rng = random.Random("hb5-a02")
    today = day(11)
    ref = "NS-CSPR-2026-011"
    a = make_return(rng, 4, today, involved=False)
    a["records_secured"] = None
    data, a = D.ar_devon_ias(a, ref, "Child A", rng, "long", header="South Western Ambulance Service NHS Foundation Trust – Safeguarding Team",
                             show_agency_field=False)
    eml = message(sender=(a["author"]["name"], a["author"]["email"]), to=("csprbot", BOT), subject=f"RE: {ref}: rapid review – information request",
                  date=when(today, 15, 3), msgid=mid("a02", "nhs.net"), body="Nil return attached.\n\n" + request_quote(ref, today),
                  attachments=[(data, *DOCX, "Nil return.docx")])
    emit("a02_nil_docx_letterhead", eml, expected("agency_return", case_ref=ref, agency_return=a), "docx",
         "nil return; agency named only in the document header (letterhead); N/A boxes")

    # a03: LibreOffice PDF of an IAS with ☒ records secured
    rng = random.Random("hb5-a03")
    today = day(17)
    ref = "NS-CSPR-2026-012"
    a = make_return(rng, 3, today)
    data, a = D.ar_devon_ias(a, ref, "Child B", rng, "long_ord", header="North Somerset Council", checkbox_records=True)
    pdf = soffice(data, "docx", "pdf")
    eml = message(sender=(a["author"]["name"], a["author"]["email"]), to=("csprbot", BOT), subject=f"RE: {ref}: rapid review – information request",
                  date=when(today, 16, 0), msgid=mid("a03", "n-somerset.gov.uk"), body="Return attached as PDF.\n\n" + a["author"]["name"],
                  attachments=[(pdf, *PDF, f"{ref} CSC return.pdf")])
    emit("a03_ias_printed_pdf", eml, expected("agency_return", case_ref=ref, agency_return=a), "pdf_printed",
         "IAS docx printed to PDF, ☒ content-control records secured")

    # a04: system print-out
    rng = random.Random("hb5-a04")
    today = day(18)
    ref = "NS-CSPR-2026-012"
    a = make_return(rng, 0, today)
    data, a = P.ra_system_print(a, ref, "Child B", "short")
    eml = message(sender=("Safeguarding Review Unit", "sru@avonandsomerset.police.uk"), to=("csprbot", BOT), subject=f"{ref} – police return",
                  date=when(today, 9, 15), msgid=mid("a04", "avonandsomerset.police.uk"),
                  body=f"Please find attached the police return for {ref}.\n\nSafeguarding Review Unit",
                  attachments=[(data, *PDF, "return.pdf")])
    emit("a04_system_print_pdf", eml, expected("agency_return", case_ref=ref, agency_return=a), "pdf_report_tool",
         "system print-out; sent from a team mailbox, author in the document")

    # a05: fillable return
    rng = random.Random("hb5-a05")
    today = day(20)
    ref = "NS-CSPR-2026-013"
    a = make_return(rng, 2, today)
    data, a = P.f_agency_return(a, ref, "Child C", "dot")
    eml = message(sender=(a["author"]["name"], a["author"]["email"]), to=("csprbot", BOT), subject=f"RE: {ref}: rapid review – information request",
                  date=when(today, 13, 13), msgid=mid("a05", "nhs.net"), body="Completed return attached.",
                  attachments=[(data, *PDF, "Agency Return (fillable).pdf")])
    emit("a05_fillable_return", eml, expected("agency_return", case_ref=ref, agency_return=a), "pdf_fillable", "fillable return, values in AcroForm fields")

    # a06: plain text body reply, agency named only in the signature
    rng = random.Random("hb5-a06")
    today = day(21)
    ref = "NS-CSPR-2026-013"
    a = make_return(rng, 5, today)
    au = a["author"]
    a["records_secured"] = True
    body = (f"Dear colleagues,\n\nOur return for {ref} is below.\n\n"
            f"Involvement: Yes, from {fmt_date(a['involvement_from'], 'slash')} to {fmt_date(a['involvement_to'], 'slash')}.\n\n"
            f"Summary: {a['summary']}\n\nImmediate actions: {a['immediate_actions']}\n\nLearning: {a['learning']}\n\n"
            f"Our records have been secured. This return has been agreed by {a['signed_off_by']}, Headteacher.\n\n"
            f"Completed {fmt_date(a['date_completed'], 'long')}.\n\n{au['name']}\n{au['role']}\n{a['agency']}\n{au['phone']}\n\n" +
            request_quote(ref, today))
    eml = message(sender=(au["name"], au["email"]), to=("csprbot", BOT), subject=f"RE: {ref}: rapid review – information request",
                  date=when(today, 15, 33), msgid=mid("a06", "worle.n-somerset.sch.uk"), body=body)
    emit("a06_body_text_signature", eml, expected("agency_return", case_ref=ref, agency_return=a), "text",
         "return typed in the body, agency only in the signature, request quoted below")

    # a07: nil return in one line
    rng = random.Random("hb5-a07")
    today = day(22)
    ref = "NS-CSPR-2026-013"
    a = empty_return()
    a.update({"agency": "Avon and Wiltshire Mental Health Partnership NHS Trust", "involved": False, "date_completed": None,
              "author": {"name": "Anjali Oduya", "role": "Named Professional Safeguarding Children", "email": "anjali.oduya@nhs.net",
                         "phone": "0117 496 0450"}})
    body = ("Nil return from AWP for " + ref + " – no record of the child or either parent on RiO or the legacy system.\n\n"
            "Anjali Oduya\nNamed Professional Safeguarding Children\nAvon and Wiltshire Mental Health Partnership NHS Trust\n0117 496 0450\n\n" +
            request_quote(ref, today))
    eml = message(sender=("Oduya Anjali", "anjali.oduya@nhs.net"), to=("csprbot", BOT), subject=f"RE: {ref}: rapid review – information request",
                  date=when(today, 8, 58), msgid=mid("a07", "nhs.net"), body=body)
    emit("a07_nil_oneline", eml, expected("agency_return", case_ref=ref, agency_return=a), "text", "one-line nil return, AWP abbreviation in the text")

    # a08: HTML table return from probation, ref only in the body
    rng = random.Random("hb5-a08")
    today = day(24)
    ref = "NS-CSPR-2026-014"
    a = make_return(rng, 7, today)
    au = a["author"]
    e = B.html.escape
    rows = [("Partnership case ref", ref), ("Organisation", a["agency"]), ("Name of author", au["name"]), ("Role", au["role"]),
            ("Email", au["email"]), ("Phone", au["phone"]), ("Involved with child/family", "Yes"),
            ("Dates of involvement", f"{fmt_date(a['involvement_from'], 'short')} – {fmt_date(a['involvement_to'], 'short')}"),
            ("Summary", a["summary"]), ("Immediate action", a["immediate_actions"]), ("Learning", a["learning"]),
            ("Records secured", "Yes"), ("Manager sign off", a["signed_off_by"]), ("Date", fmt_date(a["date_completed"], "short"))]
    htmlb = B.html_wrap("<p>Return as requested.</p><table border='1' cellpadding='4' style='border-collapse:collapse'>" +
                        "".join(f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>" for k, v in rows) + "</table>")
    eml = message(sender=(au["name"], au["email"]), to=("csprbot", BOT), subject="Rapid review return – Probation", date=when(today, 14, 7),
                  msgid=mid("a08", "justice.gov.uk"), html=htmlb)
    emit("a08_html_table", eml, expected("agency_return", case_ref=ref, agency_return=a), "html",
         "HTML table; case reference only in the body, not the subject")


# ================================================================ noise and a command reply
def others() -> None:
    today = day(12)
    body = ("Thank you for your email. I am out of the office until Monday 30 November 2026 with no access to email.\n"
            "For urgent safeguarding matters please contact the Safeguarding Team on 01632 960100.")
    eml = message(sender=("Catherine Sterling", "catherine.sterling@nhs.net"), to=("csprbot", BOT),
                  subject="Automatic reply: NS-CSPR-2026-012: rapid review – information request", date=when(today, 9, 1),
                  msgid=mid("o01", "nhs.net"), body=body, headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"})
    emit("o01_out_of_office", eml, expected("auto_reply", case_ref="NS-CSPR-2026-012"), "text", "RFC 3834 out-of-office quoting a case reference")

    today = day(15)
    body = ("I'm on annual leave returning Tuesday 24th November. Referrals for the front door should go to the MASH. "
            "For rapid review matters please contact Megan Bramwell.\n\nRichard")
    eml = message(sender=("Richard Ellison", "richard.ellison@n-somerset.gov.uk"), subject="Out of Office: Referral – rapid review",
                  date=when(today, 10, 2), msgid=mid("o02", "n-somerset.gov.uk"), body=body, headers={"X-Auto-Response-Suppress": "DR, RN, NRN, OOF, AutoReply"})
    emit("o02_ooo_no_header", eml, expected("auto_reply"), "text", "out-of-office without Auto-Submitted; subject says 'Referral – rapid review'")

    today = day(6)
    body = ("MULTI-AGENCY REFERRAL FORM (MARF)\n\nReferral to: MASH / Children's Front Door\n\n"
            "Child: Tommy Gallagher   DOB: 11/09/2019   Address: 8 Moor Lane, Nailsea, BS48 2QP\n"
            "Parents: Lisa Gallagher (mother)\nReferrer: Fiona Lethbridge, Class Teacher, Golden Valley Primary, 01632 960588\n\n"
            "Reason for referral: Tommy came to school with a small bruise on his upper arm and said mum's boyfriend grabbed him. "
            "He is otherwise well and happy. Mum has been informed of this referral and consents.\n\n"
            "Request: assessment / advice from children's social care.\n\nFiona")
    eml = message(sender=("Fiona Lethbridge", "f.lethbridge@goldenvalley.n-somerset.sch.uk"), subject="MARF referral – Tommy G",
                  date=when(today, 15, 40), msgid=mid("o03", "goldenvalley.n-somerset.sch.uk"), body=body)
    emit("o03_misdirected_marf", eml, expected("unknown"), "text", "child-protection referral meant for the MASH (no death or serious harm)")

    today = day(23)
    htmlb = B.html_wrap("<h2>Safeguarding Partnership Newsletter – December 2026</h2>"
                        "<p><b>Learning from reviews:</b> our latest rapid review found that a child who later died had missed "
                        "health appointments that were not escalated. Read the 7-minute briefing on was-not-brought.</p>"
                        "<p><b>Training:</b> Child Safeguarding Practice Reviews – what to expect, 14 January 2027.</p>"
                        "<p><b>How to refer:</b> use the CSPR referral form on our website.</p>"
                        "<p><a href='https://example.org/unsubscribe'>Unsubscribe</a></p>")
    eml = message(sender=("NSSCP Communications", "nsscp.news@n-somerset.gov.uk"), to=("Partners", "undisclosed-recipients@n-somerset.gov.uk"),
                  subject="Safeguarding Partnership Newsletter – December 2026 (rapid reviews, referral form, training)",
                  date=when(today, 7, 0), msgid=mid("o04", "n-somerset.gov.uk"), html=htmlb,
                  headers={"List-Unsubscribe": "<mailto:nsscp.news-unsubscribe@n-somerset.gov.uk>", "Precedence": "bulk"})
    emit("o04_newsletter", eml, expected("unknown"), "html", "bulk newsletter full of review vocabulary")

    today = day(19)
    ref = "NS-CSPR-2026-012"
    body = ("NOTIFIED: 2026-11-20\n\nThanks – Panel notified this afternoon.\n\nMatthew Nicholls\nService Leader, Strategic Safeguarding and QA\n\n" +
            B.quote(f"From: {BOT}\nSubject: {ref}: notify the National Panel\n\nThe decision for {ref} is a rapid review. Reply NOTIFIED: YYYY-MM-DD "
                    "when the Panel has been notified."))
    eml = message(sender=("Matthew Nicholls", "matthew.nicholls@n-somerset.gov.uk"), to=("csprbot", BOT), subject=f"RE: {ref}: notify the National Panel",
                  date=when(today, 16, 12), msgid=mid("o05", "n-somerset.gov.uk"), body=body, in_reply_to=f"<{ref}.notify@n-somerset.gov.uk>")
    emit("o05_command_reply", eml, expected("reply", case_ref=ref, command={"verb": "NOTIFIED", "args": "2026-11-20"}), "text",
         "command reply quoting the bot's mail")


def main() -> None:
    os.makedirs(OUT, exist_ok=True)
    if shutil.which("soffice") is None:
        raise SystemExit("soffice (LibreOffice) is needed for the printed PDFs and the .doc")
    word_referrals()
    pdf_referrals()
    fillable_referrals()
    body_referrals()
    narrative_referrals()
    unreadable_referrals()
    agency_returns()
    others()
    # the catalogue lives beside the generator so that OUT holds only NAME.eml + NAME.json pairs
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalogue.tsv"), "w", encoding="utf-8") as fh:
        fh.write("name\tkind\tcarrier\tnote\n")
        for c in CATALOGUE:
            fh.write(f"{c['name']}\t{c['kind']}\t{c['carrier']}\t{c['note']}\n")
    print(f"{len(CATALOGUE)} messages written to {OUT}")


if __name__ == "__main__":
    main()
