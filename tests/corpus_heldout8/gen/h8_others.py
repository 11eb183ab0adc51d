"""Held-out set 8: narrative and unreadable referrals, agency returns, command replies, noise."""

from __future__ import annotations

import datetime as dt
import io
import random
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas

import h8_data as D
import h8_extra as X
import h8_render as R
from h8_data import fmt_date

NULL_CHILD = {k: None for k in ["name", "date_of_birth", "home_address", "carer", "incident_date", "incident_location",
                                "ethnicity", "faith", "disability", "child_protection_plan"]}
NULL_CRIT = {"child_died": None, "seriously_harmed": None, "abuse_or_neglect": None, "agency_concern": None}


def sparse_referral(referrer: dict[str, Any], child: dict[str, Any], crit: dict[str, Any]) -> dict[str, Any]:
    ref = {"name": None, "email": None, "role": None, "phone": None, "agency": None, "date_submitted": None}
    ref.update(referrer)
    return D.expected("referral", None, referral={
        "referrer": ref, "child": {**NULL_CHILD, **child}, "family": [], "criteria": {**NULL_CRIT, **crit},
        "summary": None, "other_agencies": [], "other_processes": []})


# --------------------------------------------------------------- narratives

def r21_narr_text_icb_doctor(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    doc = D.prof(rng)
    email = D.email_of(doc, "nhs.net")
    phone = D.mobile(rng)
    first = D.pick(rng, D.BOYS)
    sur = D.pick(rng, D.SURNAMES)
    inc = dt.date(2026, 11, rng.randint(20, 27))
    dob = inc - dt.timedelta(days=rng.randint(60, 200))
    body = (f"Dear colleagues,\n\n"
            f"I am writing as Designated Doctor to ask the partnership to consider a rapid review. I have not used "
            f"the referral form because I am at a conference until Thursday and only have my phone; I will complete "
            f"it on my return if you still need it.\n\n"
            f"Baby {first} {sur} (date of birth {fmt_date(dob, 'slash')}) was admitted to the paediatric intensive "
            f"care unit on {fmt_date(inc, 'long')} with a serious head injury and bruising to the abdomen. Abuse is "
            f"suspected: the injuries are thought to be non-accidental. Police are aware and a strategy meeting is booked.\n\n"
            f"I think this meets the criteria for a rapid review and would be grateful if it could be screened.\n\n"
            f"Best wishes\n\nDr {doc}\nDesignated Doctor for Safeguarding Children\nBNSSG Integrated Care Board\n"
            f"Mob: {phone}\n")
    exp = sparse_referral({"name": doc, "email": email, "role": "Designated Doctor for Safeguarding Children",
                           "phone": phone, "agency": "BNSSG Integrated Care Board"},
                          {"name": f"{first} {sur}", "date_of_birth": str(dob), "incident_date": str(inc)},
                          {"seriously_harmed": True, "abuse_or_neglect": "suspected"})
    msg = R.eml(name, f"Dr {doc} <{email}>", "Possible rapid review - baby admitted to PICU", R.when(inc + dt.timedelta(days=1), 7, 48),
                text=body)
    return msg, exp, "narrative text (no form): designated doctor on a phone, baby injured, DOB in prose"


def r22_narr_html_school_dsl(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    dsl = D.prof(rng)
    email = D.email_of(dsl, "kingsmoor.n-somerset.sch.uk")
    phone = D.landline(rng)
    first = D.pick(rng, D.GIRLS)
    sur = D.pick(rng, D.SURNAMES)
    inc = dt.date(2026, 11, rng.randint(16, 25))
    addr = D.address(rng)
    P = lambda t: f'<p class=MsoNormal>{t}<o:p></o:p></p>'  # noqa: E731
    html = ("<html><body lang=EN-GB><div class=WordSection1>" + P("Good morning,") + P("&nbsp;") +
            P(f"I am very sorry to tell you that our Year 10 student <b>{first} {sur}</b>, of "
              f"{R.esc(addr)}, died on <b>{fmt_date(inc, 'wday')}</b>. We understand from the family that "
              "{first} took her own life. {first} had told staff about being controlled and hit by an older "
              "boyfriend and we had made two referrals to the front door this term.".replace("{first}", first)) +
            P("&nbsp;") +
            P("I do not have the referral form, but I believe this needs to be considered for a Child Safeguarding "
              "Practice Review, and I have real concerns that the referrals were not followed up together with "
              "the police.") + P("&nbsp;") + P("Kind regards") + P("&nbsp;") +
            P(f"<b>{R.esc(dsl)}</b>") + P("Designated Safeguarding Lead") + P("Kingsmoor Academy") +
            P(f"T: {phone}") + "</div></body></html>")
    exp = sparse_referral({"name": dsl, "email": email, "role": "Designated Safeguarding Lead", "phone": phone,
                           "agency": "Kingsmoor Academy"},
                          {"name": f"{first} {sur}", "home_address": addr, "incident_date": str(inc)},
                          {"child_died": True, "agency_concern": True})
    msg = R.eml(name, f"{dsl} <{email}>", "Death of a student - CSPR?", R.when(inc + dt.timedelta(days=3), 8, 15),
                html=html)
    return msg, exp, "narrative HTML (no form): school DSL, death of a student, address in prose, agency concern"


def r23_narr_text_personal_iphone(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    who = D.prof(rng)
    email = D.email_of(who, "example.com")
    phone = D.mobile(rng)
    first = D.pick(rng, D.BOYS)
    sur = D.pick(rng, D.SURNAMES)
    inc = dt.date(2026, 11, rng.randint(23, 30))
    body = (f"Hi\n\nSorry to use my personal email, I can't get into work systems from home. I'm the youth worker "
            f"for {first} {sur} (15). He was stabbed last night ({fmt_date(inc, 'ordof')}) and is in hospital "
            f"in a serious condition. We've been worried for months that he was being groomed to run drugs and "
            f"I raised it at two meetings. Please can this be looked at for a serious case review, I don't think "
            f"anyone joined the dots.\n\n{who}\nSenior Youth Worker, Oakfield Family Hub\n{phone}\n\nSent from my iPhone\n")
    exp = sparse_referral({"name": who, "email": email, "role": "Senior Youth Worker", "phone": phone,
                           "agency": "Oakfield Family Hub"},
                          {"name": f"{first} {sur}", "incident_date": str(inc)},
                          {"seriously_harmed": True, "agency_concern": True})
    msg = R.eml(name, f"{who} <{email}>", "serious case review?", R.when(inc + dt.timedelta(days=1), 6, 58), text=body)
    return msg, exp, "narrative text (no form) from a personal address, sent from a phone; age not DOB"


# --------------------------------------------------------------- unreadable attachments

def r24_unreadable_pdf_encrypted(name: str) -> tuple[bytes, dict, str]:
    from pypdf import PdfReader, PdfWriter
    rng = random.Random(name)
    who = D.prof(rng)
    email = D.email_of(who, "avonandsomerset.police.uk")
    phone = D.landline(rng)
    inc = dt.date(2026, 11, rng.randint(18, 26))
    b = io.BytesIO()
    cv = rl_canvas.Canvas(b, pagesize=A4)
    cv.setFont("Helvetica", 11)
    cv.drawString(20 * mm, A4[1] - 25 * mm, "Referral for consideration of a Child Safeguarding Practice Review")
    cv.drawString(20 * mm, A4[1] - 35 * mm, "(password protected)")
    cv.save()
    w = PdfWriter()
    for pg in PdfReader(io.BytesIO(b.getvalue())).pages:
        w.add_page(pg)
    w.encrypt(user_password="Kestrel-" + str(rng.randint(1000, 9999)), owner_password=None, algorithm="RC4-128")
    out = io.BytesIO()
    w.write(out)
    body = (f"Good afternoon,\n\nPlease find attached a referral for a Child Safeguarding Practice Review "
            f"concerning a child who was seriously injured on {fmt_date(inc, 'long')}. The document is password "
            f"protected in line with force policy; the password will follow in a separate e-mail.\n\n"
            f"Regards\n\n{who}\nDetective Sergeant\nChild Abuse Investigation Team\nAvon and Somerset Police\n"
            f"Tel {phone}\n")
    exp = sparse_referral({"name": who, "email": email, "role": "Detective Sergeant", "phone": phone,
                           "agency": "Avon and Somerset Police"}, {"incident_date": str(inc)},
                          {"seriously_harmed": True})
    msg = R.eml(name, f"{who} <{email}>", "CSPR Referral - password to follow", R.when(inc + dt.timedelta(days=2), 14, 6),
                text=body, attachments=[("CSPR_Referral.pdf", out.getvalue(), "application", "pdf")])
    return msg, exp, "referral with a password-protected PDF (RC4-128, user password) (unreadable), referrer from signature"


def r25_unreadable_docx_damaged(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    who = D.prof(rng)
    email = D.email_of(who, "nhs.net")
    phone = D.mobile(rng)
    doc = R.new_doc()
    doc.add_paragraph("Referral form " * 400)
    data = R.doc_bytes(doc)
    data = data[: len(data) * 2 // 3]  # cut off in transit: the zip's central directory is gone
    body = (f"Dear CSPR team,\n\nAttached is our referral form for consideration of a rapid review following the "
            f"death of an infant known to our health visiting service.\n\nWith thanks\n{who}\n"
            "Named Nurse Safeguarding Children\nSevernside Community Health CIC" +
            f"\n{phone}\n")
    exp = sparse_referral({"name": who, "email": email, "role": "Named Nurse Safeguarding Children", "phone": phone,
                           "agency": "Severnside Community Health CIC"}, {}, {"child_died": True})
    msg = R.eml(name, f"{who} <{email}>", "Referral for rapid review", R.when(dt.date(2026, 12, 1), 10, 40), text=body,
                attachments=[("Referral form.docx", data, "application",
                              "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    return msg, exp, "referral with a damaged (truncated) .docx, referrer from signature"


# --------------------------------------------------------------- agency returns

def ret_data(rng: random.Random, agency: str, domain: str, role: str, involved: bool = True) -> dict[str, Any]:
    a = D.prof(rng)
    frm_ = dt.date(2026, rng.randint(1, 6), rng.randint(1, 28)) - dt.timedelta(days=rng.randint(0, 700))
    to_ = dt.date(2026, 11, rng.randint(5, 25))
    done = dt.date(2026, 12, rng.randint(1, 4))
    ar = {"agency": agency, "author": {"name": a, "role": role, "email": D.email_of(a, domain),
                                       "phone": D.mobile(rng) if rng.random() < .5 else D.landline(rng)},
          "involved": involved, "involvement_from": str(frm_) if involved else None,
          "involvement_to": str(to_) if involved else None,
          "summary": D.pick(rng, D.RETURN_SUMMARIES).format(a=fmt_date(frm_, "long"), b=fmt_date(to_, "long"),
                                                             n=rng.randint(4, 19)) if involved else None,
          "immediate_actions": D.pick(rng, D.RETURN_ACTIONS) if involved else None,
          "learning": D.pick(rng, D.RETURN_LEARNING) if involved else None,
          "records_secured": True if involved else None, "signed_off_by": D.prof(rng), "date_completed": str(done)}
    return ar


def ret_exp(ref: str, ar: dict[str, Any]) -> dict[str, Any]:
    return D.expected("agency_return", ref, agency_return=ar)


def a01_xlsx_chronology(name: str) -> tuple[bytes, dict, str]:
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    rng = random.Random(name)
    ref = D.case_ref(rng)
    ar = ret_data(rng, "Avon and Somerset Police", "avonandsomerset.police.uk", "Review Officer, Public Protection Unit")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Agency summary"
    ws["A1"] = f"Rapid Review - Agency Information Return - {ref}"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:D1")
    rows: list[tuple[str, Any]] = [
        ("Agency", ar["agency"]), ("Completed by", ar["author"]["name"]), ("Role", ar["author"]["role"]),
        ("Email", ar["author"]["email"]), ("Telephone", ar["author"]["phone"]),
        ("Was your agency involved with the child or family? (Y/N)", "Y"),
        ("Involvement from", dt.datetime.fromisoformat(ar["involvement_from"])),
        ("Involvement to", dt.datetime.fromisoformat(ar["involvement_to"])),
        ("Summary of involvement (chronology on the next sheet)", ar["summary"]),
        ("Immediate actions taken", ar["immediate_actions"]), ("Initial learning", ar["learning"]),
        ("Records secured? (Y/N)", "Y"), ("Signed off by (manager)", ar["signed_off_by"]),
        ("Date completed", dt.datetime.fromisoformat(ar["date_completed"]))]
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, (k, v) in enumerate(rows, 3):
        ws.cell(i, 1, k).font = Font(bold=True)
        ws.cell(i, 1).fill = fill
        ws.cell(i, 1).alignment = Alignment(wrap_text=True, vertical="top")
        c = ws.cell(i, 2, v)
        ws.merge_cells(start_row=i, start_column=2, end_row=i, end_column=4)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        if isinstance(v, dt.datetime):
            c.number_format = "dd/mm/yyyy"
    ws.column_dimensions["A"].width = 42
    ws.column_dimensions["B"].width = 60
    ch = wb.create_sheet("Chronology")
    ch.append(["Date", "Time", "Source", "Event", "Analysis / comment"])
    for cell in ch[1]:
        cell.font = Font(bold=True)
        cell.fill = fill
    start = D.d(ar["involvement_from"])
    for k in range(rng.randint(5, 8)):
        day = start + dt.timedelta(days=40 * k + rng.randint(0, 30))
        ch.append([dt.datetime(day.year, day.month, day.day), f"{rng.randint(8, 23):02d}:{rng.randint(0, 59):02d}",
                   D.pick(rng, ["STORM log", "Niche occurrence", "PPN", "MARAC minutes"]),
                   D.pick(rng, ["Domestic incident, verbal argument, children present",
                                "Concern for welfare call from neighbour", "Child reported missing, found same day",
                                "PPN submitted to MASH", "Partner arrested for assault, NFA"]),
                   D.pick(rng, ["Children not spoken to", "DASH standard risk", "Shared with MASH", ""])])
        ch.cell(ch.max_row, 1).number_format = "dd/mm/yyyy"
    b = io.BytesIO()
    wb.save(b)
    body = (f"Please find attached our agency information return for {ref}, with the chronology on the second "
            f"sheet.\n\n{ar['author']['name']}\n{ar['author']['role']}\n")
    msg = R.eml(name, f"{ar['author']['name']} <{ar['author']['email']}>", f"{ref} - agency return (Police)",
                R.when(D.d(ar["date_completed"]), 16, 30), text=body,
                attachments=[(f"{ref} police return.xlsx", b.getvalue(), "application",
                              "vnd.openxmlformats-officedocument.spreadsheetml.sheet")])
    ar["involved"] = True
    return msg, ret_exp(ref, ar), "XLSX: agency summary sheet (merged value cells, Excel dates) + chronology sheet"


def a02_docx_sdt_return(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = D.case_ref(rng)
    ar = ret_data(rng, "Weston Area Health NHS Trust", "nhs.net", "Named Nurse Safeguarding Children")
    doc = R.new_doc("Calibri", 10)
    R.heading(doc, "Rapid Review: Individual Agency Information", 1, "2F5496")
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"

    def row(lab: str) -> Any:
        cells = t.add_row().cells
        R.cell_text(cells[0], lab, bold=True)
        R.shade(cells[0], "DEEAF6")
        return cells[1].paragraphs[0]

    X.sdt_text(row("Case reference"), ref, "Ref")
    X.sdt_text(row("Organisation"), ar["agency"], "Org")
    X.sdt_text(row("Author"), ar["author"]["name"], "Author")
    X.sdt_text(row("Author's role"), ar["author"]["role"], "Role")
    X.sdt_text(row("Author's email"), ar["author"]["email"], "Email")
    X.sdt_text(row("Author's phone"), ar["author"]["phone"], "Phone")
    p = row("Has your organisation had contact with the child or family?")
    X.sdt_check(p, True, "Yes")
    X.sdt_check(p, False, "No")
    X.sdt_date(row("First contact"), D.d(ar["involvement_from"]), fmt_date(D.d(ar["involvement_from"]), "slash"),
               "From", "dd/MM/yyyy")
    X.sdt_date(row("Most recent contact"), D.d(ar["involvement_to"]), fmt_date(D.d(ar["involvement_to"]), "slash"),
               "To", "dd/MM/yyyy")
    X.sdt_text(row("Summary of involvement"), ar["summary"], "Summary")
    X.sdt_text(row("Actions already taken"), ar["immediate_actions"], "Actions")
    X.sdt_text(row("Emerging learning"), ar["learning"], "Learning")
    p = row("Records secured")
    X.sdt_check(p, True, "Yes")
    X.sdt_check(p, False, "No")
    X.sdt_text(row("Quality assured by"), ar["signed_off_by"], "QA")
    X.sdt_date(row("Date"), D.d(ar["date_completed"]), fmt_date(D.d(ar["date_completed"]), "slash"), "Date",
               "dd/MM/yyyy")
    body = f"Dear colleagues,\n\nReturn attached for {ref}.\n\nKind regards\n{ar['author']['name']}\n"
    msg = R.eml(name, f"{ar['author']['name']} <{ar['author']['email']}>", f"RE: {ref} Request for information",
                R.when(D.d(ar["date_completed"]), 11, 2), text=body,
                attachments=[("Agency information.docx", R.doc_bytes(doc), "application",
                              "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    return msg, ret_exp(ref, ar), "docx return in content controls (check boxes, date pickers)"


def a03_odt_return(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = D.case_ref(rng)
    ar = ret_data(rng, "Bridgeway Domestic Abuse Service", "bridgeway.example.org", "Service Manager")
    o = X.Odt(f"Bridgeway Domestic Abuse Service - {ref}")
    o.h("Agency Summary for Rapid Review", 1)
    o.table([["Case reference", ref], ["Agency", ar["agency"]], ["Name of author", ar["author"]["name"]],
             ["Job title", ar["author"]["role"]], ["Email", ar["author"]["email"]],
             ["Telephone", ar["author"]["phone"]], ["Involved with the family?", "Yes"],
             ["Period of involvement", f"{fmt_date(D.d(ar['involvement_from']), 'long')} to "
                                       f"{fmt_date(D.d(ar['involvement_to']), 'long')}"],
             ["Summary of involvement", ar["summary"]], ["Immediate actions", ar["immediate_actions"]],
             ["Learning identified", ar["learning"]], ["Records secured?", "Yes"],
             ["Manager sign-off", ar["signed_off_by"]], ["Date", fmt_date(D.d(ar["date_completed"]), "long")]])
    msg = R.eml(name, f"{ar['author']['name']} <{ar['author']['email']}>", f"{ref} agency summary",
                R.when(D.d(ar["date_completed"]), 15, 45),
                text=f"Hello,\n\nOur agency summary for {ref} is attached (OpenDocument).\n\n{ar['author']['name']}\n",
                attachments=[(f"{ref}.odt", o.bytes(), "application", "vnd.oasis.opendocument.text")])
    return msg, ret_exp(ref, ar), "ODT return, period as 'A to B' in one cell"


def a04_rtf_nil_return(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = D.case_ref(rng)
    ar = ret_data(rng, "Westmead Surgery", "nhs.net", "GP Safeguarding Lead", involved=False)
    rt = X.Rtf()
    rt.p("WESTMEAD SURGERY", bold=True, size=28)
    rt.p("Response to request for information - Rapid Review", bold=True, size=22)
    W = [3200, 6400]
    for lab, val in [("Case reference", ref), ("Practice", ar["agency"]), ("Completed by", ar["author"]["name"]),
                     ("Role", ar["author"]["role"]), ("Email", ar["author"]["email"]), ("Tel", ar["author"]["phone"]),
                     ("Is the child or family registered / known to the practice?",
                      "No - no patient record found for the child or the named adults"),
                     ("Authorised by (practice manager)", ar["signed_off_by"]), ("Date", fmt_date(D.d(ar["date_completed"]), "slash"))]:
        rt.row([lab, val], W)
    msg = R.eml(name, f"{ar['author']['name']} <{ar['author']['email']}>", f"{ref} - nil return",
                R.when(D.d(ar["date_completed"]), 13, 12),
                text=f"Nil return attached.\n\n{ar['author']['name']}\n{ar['author']['role']}\nWestmead Surgery\n",
                attachments=[("Nil return.rtf", rt.bytes(), "application", "rtf")])
    return msg, ret_exp(ref, ar), "RTF nil return from a GP practice"


def a05_html_portal_return(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = D.case_ref(rng)
    ar = ret_data(rng, "South Western Ambulance Service NHS Foundation Trust", "nhs.net", "Safeguarding Practitioner")
    qa = [("Rapid review reference", ref), ("Your organisation", ar["agency"]), ("Your name", ar["author"]["name"]),
          ("Your role", ar["author"]["role"]), ("Your e-mail address", ar["author"]["email"]),
          ("Your phone number", ar["author"]["phone"]),
          ("Has your organisation been involved with the child or family?", "Yes"),
          ("Date of first involvement", fmt_date(D.d(ar["involvement_from"]), "long")),
          ("Date of last involvement", fmt_date(D.d(ar["involvement_to"]), "long")),
          ("Summarise your organisation's involvement", ar["summary"]),
          ("What immediate actions have been taken?", ar["immediate_actions"]),
          ("What learning has been identified so far?", ar["learning"]),
          ("Have records been secured?", "Yes"), ("Name of the manager who signed this off", ar["signed_off_by"]),
          ("Date completed", fmt_date(D.d(ar["date_completed"]), "long"))]
    h = ["<html><body style='font-family:Arial'><p>A new response has been submitted to <b>Rapid Review agency "
         "return</b>.</p><table cellpadding=6 style='border-collapse:collapse'>"]
    for q, a in qa:
        h.append(f"<tr><th style='text-align:left;background:#eee;border:1px solid #ccc'>{R.esc(q)}</th>"
                 f"<td style='border:1px solid #ccc'>{R.esc(a)}</td></tr>")
    h.append("</table><p><small>Sent by the partnership's online forms service.</small></p></body></html>")
    msg = R.eml(name, "Partnership Forms <forms-noreply@n-somerset.gov.uk>", f"New response: Rapid Review agency return {ref}",
                R.when(D.d(ar["date_completed"]), 10, 10), html="".join(h), headers={"Reply-To": ar["author"]["email"]})
    return msg, ret_exp(ref, ar), "HTML body: forms-service output (question/answer table), sent from a no-reply address"


def a06_text_fwd_return(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = D.case_ref(rng)
    ar = ret_data(rng, "Youth Justice Service", "n-somerset.gov.uk", "Case Manager")
    bs = D.prof(rng)
    au = ar["author"]
    done = D.d(ar["date_completed"])
    body = (f"Forwarding on behalf of {au['name'].split()[0]}, who is off today.\n\n{bs}\nBusiness Support, YJS\n\n"
            f"From: {au['name']} <{au['email']}>\nSent: {fmt_date(done, 'wday')} 17:58\nTo: {bs} "
            f"<{D.email_of(bs, 'n-somerset.gov.uk')}>\nSubject: {ref} return\n\n"
            f"Can you send this to the partnership in the morning please.\n\n"
            f"Agency: {ar['agency']}\nCompleted by: {au['name']}, {au['role']}\nPhone: {au['phone']}\n"
            f"Involved: Yes\nFrom: {fmt_date(D.d(ar['involvement_from']), 'slash')}  To: "
            f"{fmt_date(D.d(ar['involvement_to']), 'slash')}\n\nSummary:\n{ar['summary']}\n\n"
            f"Actions taken:\n{ar['immediate_actions']}\n\nLearning:\n{ar['learning']}\n\n"
            f"Records secured: Yes\nAgreed by: {ar['signed_off_by']} (Team Manager)\n"
            f"Date: {fmt_date(done, 'slash')}\n")
    msg = R.eml(name, f"{bs} <{D.email_of(bs, 'n-somerset.gov.uk')}>", f"FW: {ref} return",
                R.when(done + dt.timedelta(days=1), 8, 35), text=body)
    return msg, ret_exp(ref, ar), "plain text: return forwarded by business support (From:/Sent: block), From and To on one line"


def a07_pdf_fillable_return(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = D.case_ref(rng)
    ar = ret_data(rng, "Severnside Community Health CIC", "nhs.net", "Safeguarding Lead Nurse")
    b = io.BytesIO()
    cv = rl_canvas.Canvas(b, pagesize=A4)
    form = cv.acroForm
    y = A4[1] - 25 * mm
    cv.setFont("DVB", 12)
    cv.drawString(20 * mm, y, "Agency Return - Rapid Review")
    y -= 12 * mm
    fields = [("Ref", "ret.ref", ref), ("Agency", "ret.agency", ar["agency"]), ("Author", "ret.author.name", ar["author"]["name"]),
              ("Role", "ret.author.role", ar["author"]["role"]), ("Email", "ret.author.email", ar["author"]["email"]),
              ("Phone", "ret.author.phone", ar["author"]["phone"]),
              ("Involved from", "ret.period.start", fmt_date(D.d(ar["involvement_from"]), "dots")),
              ("Involved to", "ret.period.end", fmt_date(D.d(ar["involvement_to"]), "dots")),
              ("Summary", "ret.summary", ar["summary"]), ("Actions", "ret.actions", ar["immediate_actions"]),
              ("Learning", "ret.learning", ar["learning"]), ("Signed off by", "ret.signoff", ar["signed_off_by"]),
              ("Date", "ret.date", fmt_date(D.d(ar["date_completed"]), "dots"))]
    for lab, fname, val in fields:
        big = fname in ("ret.summary", "ret.actions", "ret.learning")
        h = 36 if big else 13
        cv.setFont("DV", 8)
        cv.drawString(20 * mm, y, lab)
        form.textfield(name=fname, value=val, x=55 * mm, y=y - h + 9, width=135 * mm, height=h, fontSize=7,
                       borderWidth=0.5, fieldFlags="multiline" if big else "", fontName="Helvetica")
        y -= h + 6
    for lab, fname in [("Known to the service", "ret.involved"), ("Records secured", "ret.secured")]:
        form.checkbox(name=fname, checked=True, x=20 * mm, y=y - 2, size=9, buttonStyle="cross", borderWidth=0.5)
        cv.setFont("DV", 8)
        cv.drawString(26 * mm, y, lab)
        y -= 14
    cv.save()
    msg = R.eml(name, f"{ar['author']['name']} <{ar['author']['email']}>", f"{ref}: agency return",
                R.when(D.d(ar["date_completed"]), 12, 0), text="Please see attached.\n",
                attachments=[("agency_return.pdf", b.getvalue(), "application", "pdf")])
    return msg, ret_exp(ref, ar), "fillable PDF return: dotted field names, check boxes for involved/records secured"


def a08_pdf_soffice_return(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = D.case_ref(rng)
    ar = ret_data(rng, "Avon and Wiltshire Mental Health Partnership NHS Trust", "nhs.net", "CAMHS Team Manager")
    doc = R.new_doc("Arial", 10)
    doc.sections[0].header.paragraphs[0].text = f"{ar['agency']}    |    Rapid review {ref}"
    R.heading(doc, "Information for the Rapid Review", 1)
    qs = [("1. Which agency are you responding for?", ar["agency"]),
          ("2. Who has completed this return?", f"{ar['author']['name']}\n{ar['author']['role']}\n"
                                                f"{ar['author']['email']}\n{ar['author']['phone']}"),
          ("3. Was the child or family known to you?", "Yes"),
          ("4. Over what period?", f"Between {fmt_date(D.d(ar['involvement_from']), 'long')} and "
                                   f"{fmt_date(D.d(ar['involvement_to']), 'long')}"),
          ("5. Summary of involvement", ar["summary"]), ("6. Immediate actions", ar["immediate_actions"]),
          ("7. Learning", ar["learning"]), ("8. Have records been secured?", "Yes, all records secured"),
          ("9. Signed off by", ar["signed_off_by"]), ("10. Date", fmt_date(D.d(ar["date_completed"]), "long"))]
    for q, a in qs:
        p = doc.add_paragraph()
        p.add_run(q).bold = True
        t = doc.add_table(rows=1, cols=1)
        t.style = "Table Grid"
        R.cell_text(t.cell(0, 0), a)
        R.shade(t.cell(0, 0), "F2F2F2")
    pdf = R.soffice_pdf(R.doc_bytes(doc), "return")
    msg = R.eml(name, f"{ar['author']['name']} <{ar['author']['email']}>", f"{ref} CAMHS information",
                R.when(D.d(ar["date_completed"]), 9, 25), text="Hi, attached as requested.\n",
                attachments=[(f"{ref} return.pdf", pdf, "application", "pdf")])
    return msg, ret_exp(ref, ar), "PDF printed from Word: numbered questions with answer boxes; author block on four lines"


def a09_text_nil_quoted(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = D.case_ref(rng)
    ar = ret_data(rng, "Early Help Team", "n-somerset.gov.uk", "Early Help Practice Manager", involved=False)
    ar["signed_off_by"] = None
    au = ar["author"]
    done = D.d(ar["date_completed"])
    body = (f"Hello,\n\nWe have checked our records and the child and family are not known to the Early Help "
            f"Team, so this is a nil return from us.\n\n{au['name']}\n{au['role']}\nEarly Help Team\n{au['phone']}\n\n"
            f"On {fmt_date(done - dt.timedelta(days=3), 'slash')}, CSPR Business Unit wrote:\n"
            f"> Please complete the agency return for {ref} within 10 working days. If your\n"
            f"> agency has had no involvement, a nil return is still needed.\n")
    ar["date_completed"] = None
    msg = R.eml(name, f"{au['name']} <{au['email']}>", f"RE: {ref} agency return request", R.when(done, 10, 0), text=body)
    return msg, ret_exp(ref, ar), "plain text nil return above a '>'-quoted request"


def a10_docx_legacy_return(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = D.case_ref(rng)
    ar = ret_data(rng, "Harbourside Homes Housing Association", "harbourside-homes.org.uk", "Safeguarding Officer")
    doc = R.new_doc("Tahoma", 9)
    R.heading(doc, "AGENCY REPORT FOR RAPID REVIEW", 1)
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    k = [0]

    def row(lab: str, val: str | None = None, check: bool | None = None) -> None:
        cells = t.add_row().cells
        R.cell_text(cells[0], lab, bold=True)
        p = cells[1].paragraphs[0]
        k[0] += 1
        if check is None:
            X.formtext(p, val, f"Text{k[0]}")
        else:
            X.formcheck(p, check, f"Check{k[0]}")
            p.add_run(" Yes   ")
            k[0] += 1
            X.formcheck(p, not check, f"Check{k[0]}")
            p.add_run(" No")

    row("Review reference", ref)
    row("Agency", ar["agency"])
    row("Report author", ar["author"]["name"])
    row("Job title", ar["author"]["role"])
    row("E-mail", ar["author"]["email"])
    row("Telephone", ar["author"]["phone"])
    row("Agency involvement with child/family", check=True)
    row("Start of involvement", fmt_date(D.d(ar["involvement_from"]), "mon"))
    row("End of involvement", fmt_date(D.d(ar["involvement_to"]), "mon"))
    row("Summary", ar["summary"])
    row("Immediate action", ar["immediate_actions"])
    row("Learning", ar["learning"])
    row("Records secured", check=True)
    row("Senior manager authorisation", ar["signed_off_by"])
    row("Date", fmt_date(D.d(ar["date_completed"]), "mon"))
    msg = R.eml(name, f"{ar['author']['name']} <{ar['author']['email']}>", f"{ref} - Harbourside Homes report",
                R.when(D.d(ar["date_completed"]), 14, 44), text="Report attached.\n",
                attachments=[("Agency report.docx", R.doc_bytes(doc), "application",
                              "vnd.openxmlformats-officedocument.wordprocessingml.document")])
    return msg, ret_exp(ref, ar), "docx return in legacy form fields (FORMTEXT, FORMCHECKBOX), dates 03-Nov-26"


# --------------------------------------------------------------- commands

def _cmd(name: str, verb: str, first_line: str, frm_: str, args: str | None = None, html: bool = False,
         extra: str = "", quote: str = "") -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = D.case_ref(rng)
    subj = f"RE: [{ref}] " + D.pick(rng, ["Screening decision needed", "Rapid review: next steps", "Case update",
                                         "Agency returns outstanding", "Panel response"])
    sig = frm_.split("<")[0].strip()
    if html:
        body = (f"<html><body><div style='font-family:Calibri'><p>{R.esc(first_line)}</p>"
                + (f"<p>{R.esc(extra)}</p>" if extra else "") + f"<p>Thanks<br>{R.esc(sig)}</p>"
                + (f"<hr><p><b>From:</b> csprbot<br><b>Subject:</b> [{ref}]</p><p>{R.esc(quote)}</p>" if quote else "")
                + "</div></body></html>")
        msg = R.eml(name, frm_, subj, R.when(dt.date(2026, 12, 3), 9, rng.randint(0, 59)), html=body)
    else:
        body = first_line + "\n" + (extra + "\n" if extra else "") + f"\nThanks\n{sig}\n"
        if quote:
            body += "\n" + "\n".join("> " + ln for ln in quote.split("\n")) + "\n"
        msg = R.eml(name, frm_, subj, R.when(dt.date(2026, 12, 3), 9, rng.randint(0, 59)), text=body)
    return msg, D.expected("reply", ref, command={"verb": verb, "args": args}), "command reply"


COORD = "Philippa Yelland <philippa.yelland@n-somerset.gov.uk>"
SL = "Adewale Okonkwo-Birch <adewale.okonkwo-birch@n-somerset.gov.uk>"
AD = "Rosamund Tregenza <rosamund.tregenza@n-somerset.gov.uk>"
CHAIR = "DCI Hamish Ferrier <hamish.ferrier@avonandsomerset.police.uk>"


def c01_confirm(name: str) -> tuple[bytes, dict, str]:
    return _cmd(name, "CONFIRM", "CONFIRM", COORD, quote="This referral was opened provisionally (no form). Reply "
                "CONFIRM or NOT A REFERRAL: reason.\nFields to check: child.date_of_birth")


def c02_no_rr(name: str) -> tuple[bytes, dict, str]:
    return _cmd(name, "DECISION", "DECISION: NO RAPID REVIEW 2026-12-02 criteria not met - injury accidental, "
                "medical opinion received", CHAIR, html=True)


def c03_ad_refer(name: str) -> tuple[bytes, dict, str]:
    return _cmd(name, "AD DECISION", "AD DECISION: REFER", AD,
                extra="Having read the school's concerns I agree this should go to a rapid review.")


def c04_extend(name: str) -> tuple[bytes, dict, str]:
    return _cmd(name, "EXTEND", "EXTEND agency_return: 2026-12-16 police disclosure officer on leave, agreed with chair",
                COORD)


def c05_ofsted_notified(name: str) -> tuple[bytes, dict, str]:
    return _cmd(name, "OFSTED NOTIFIED", "OFSTED NOTIFIED: 2026-12-01", SL, args="2026-12-01", html=True)


def c06_waive(name: str) -> tuple[bytes, dict, str]:
    return _cmd(name, "WAIVE", "WAIVE Harbourside Homes Housing Association: family not tenants, confirmed by phone",
                COORD)


def c07_action(name: str) -> tuple[bytes, dict, str]:
    return _cmd(name, "ACTION", "ACTION: icb_safeguarding; 2027-02-26; audit of missed health appointments for "
                "under-ones", COORD, extra="(agreed at the rapid review meeting)")


def c08_reviewer(name: str) -> tuple[bytes, dict, str]:
    return _cmd(name, "REVIEWER", "REVIEWER: Marguerite Ashcombe, Ashcombe Safeguarding Consultancy Ltd", SL)


def c09_report_to_panel(name: str) -> tuple[bytes, dict, str]:
    return _cmd(name, "REPORT TO PANEL", "REPORT TO PANEL: 2026-12-02", COORD, args="2026-12-02")


# --------------------------------------------------------------- noise

def n01_ooo_bilingual(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = D.case_ref(rng)
    who = D.prof(rng)
    body = (f"Rwyf allan o'r swyddfa tan 8 Rhagfyr. / I am out of the office until 8 December with no access to "
            f"e-mail. For urgent safeguarding matters please contact the duty line on {D.landline(rng)}.\n\n{who}\n")
    msg = R.eml(name, f"{who} <{D.email_of(who, 'wales.nhs.uk')}>", f"Ateb awtomatig / Automatic reply: [{ref}] "
                "Request for agency return", R.when(dt.date(2026, 12, 2), 9, 1), text=body,
                headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"})
    return msg, D.expected("auto_reply", ref), "bilingual out-of-office with Auto-Submitted"


def n02_ndr_mailbox_full(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = D.case_ref(rng)
    raw = (f"From: Mail Delivery System <MAILER-DAEMON@mx.n-somerset.gov.uk>\r\nTo: {D.TO}\r\n"
           f"Subject: Undelivered Mail Returned to Sender\r\nDate: Wed, 02 Dec 2026 09:03:11 +0000\r\n"
           f"Message-ID: <h8.{name}@mx.n-somerset.gov.uk>\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/report; report-type=delivery-status; boundary=\"h8ndr\"\r\n\r\n"
           "--h8ndr\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
           "This is the mail system at host mx.n-somerset.gov.uk.\r\n\r\nI'm sorry to have to inform you that your "
           "message could not be delivered to one or more recipients.\r\n\r\n<dsl@kingsmoor.n-somerset.sch.uk>: host "
           "mail.kingsmoor.n-somerset.sch.uk said: 552 5.2.2 Mailbox full\r\n\r\n"
           "--h8ndr\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.n-somerset.gov.uk\r\n\r\n"
           "Final-Recipient: rfc822; dsl@kingsmoor.n-somerset.sch.uk\r\nAction: failed\r\nStatus: 5.2.2\r\n"
           "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\r\n\r\n"
           "--h8ndr\r\nContent-Type: text/rfc822-headers\r\n\r\n"
           f"From: csprbot <{D.TO}>\r\nTo: dsl@kingsmoor.n-somerset.sch.uk\r\n"
           f"Subject: [{ref}] Chaser: agency return due\r\nX-CSPRBOT-Case: {ref}\r\nX-CSPRBOT-Kind: chaser\r\n\r\n"
           "--h8ndr--\r\n")
    return raw.encode("ascii"), D.expected("auto_reply", ref), "non-delivery report (multipart/report, mailbox full; case ref only in the returned headers)"


def n03_secure_portal(name: str) -> tuple[bytes, dict, str]:
    html = ("<html><body><p>Rhiannon Gwilliam (rhiannon.gwilliam@example.com) has sent you a secure message.</p>"
            "<p><b>Subject:</b> Referral</p><p><a href='https://secure.example.com/read/8f2c'>Read the secure "
            "message</a></p><p>This message will expire in 30 days. You may need to register to read it.</p>"
            "</body></html>")
    msg = R.eml(name, "Secure Messaging <notifications@secure.example.com>", "You have received a secure message",
                R.when(dt.date(2026, 12, 1), 16, 12), html=html)
    return msg, D.expected("unknown"), "secure-messaging portal notice (the content is behind a link)"


def n04_newsletter(name: str) -> tuple[bytes, dict, str]:
    text = ("NORTH SOMERSET SAFEGUARDING CHILDREN PARTNERSHIP - DECEMBER BRIEFING\n\n"
            "1. Seven-minute briefing: learning from our latest rapid review (no names). When should you make a "
            "referral for a Child Safeguarding Practice Review? If a child has died or been seriously harmed and "
            "abuse or neglect is known or suspected, talk to your safeguarding lead the same day.\n\n"
            "2. Training: 'Professional curiosity' - 14 January 2027, online.\n\n"
            "3. Serious incident notifications this year: 9. Rapid reviews: 7.\n\n"
            "To unsubscribe reply STOP.\n")
    msg = R.eml(name, "NSSCP Bulletin <bulletin@n-somerset.gov.uk>", "December briefing: rapid reviews, referrals and "
                "training", R.when(dt.date(2026, 12, 1), 7, 0), text=text, headers={"Precedence": "bulk",
                                                                                   "List-Unsubscribe": "<mailto:bulletin@n-somerset.gov.uk>"})
    return msg, D.expected("unknown"), "partnership newsletter that talks about referrals and rapid reviews"


def n05_auto_ack_police(name: str) -> tuple[bytes, dict, str]:
    rng = random.Random(name)
    ref = D.case_ref(rng)
    text = ("Thank you for contacting the Police Safeguarding Hub. This is an automated acknowledgement. Your e-mail "
            "has been received and will be reviewed within 3 working days. If a child is at immediate risk call 999.\n")
    msg = R.eml(name, "Safeguarding Hub <safeguardinghub@avonandsomerset.police.uk>",
                f"RE: [{ref}] Request for agency return", R.when(dt.date(2026, 12, 2), 11, 5), text=text,
                headers={"Auto-Submitted": "auto-replied"})
    return msg, D.expected("auto_reply", ref), "automated acknowledgement from a shared mailbox (RE: subject, Auto-Submitted)"
