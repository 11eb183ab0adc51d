"""Held-out set 10: narrative and unreadable referrals, agency returns, command replies, noise."""

from __future__ import annotations

import datetime as dt
import html as H
import io
import random
from typing import Any

import openpyxl
from pypdf import PdfReader, PdfWriter

import h10_extra as X
import h10_render as R
from h10_data import BOT, RETURN_TEXTS, TO, email_of, expected, fmt_date, make_case, phone, pro_name

DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def _narr_ref(c: Any, **child: Any) -> dict[str, Any]:
    base = {k: None for k in ("name", "date_of_birth", "home_address", "carer", "incident_date", "incident_location",
                              "ethnicity", "faith", "disability", "child_protection_plan")}
    base.update(child)
    rf = dict(c.referrer)
    rf["date_submitted"] = None
    return {"referrer": rf, "child": base, "family": [], "criteria": {"child_died": None, "seriously_harmed": None,
            "abuse_or_neglect": None, "agency_concern": None}, "summary": None, "other_agencies": [], "other_processes": []}


# ------------------------------------------------------------------ narratives

def r11_narr_police_siblings(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_sib=2, band="child")
    ch = c.child
    rn = pro_name(c.rng)
    c.referrer.update({"name": rn, "email": email_of(rn, "avonandsomerset.police.uk"),
                       "role": "Detective Inspector, Major Crime Investigation Team", "agency": "Avon and Somerset Police",
                       "phone": phone(c.rng, False)})
    s1, s2 = c.siblings
    inc = ch["incident_date"]
    text = (f"Sir/Madam,\n\nI am the SIO for an investigation opened on {fmt_date(inc, 'long')} and I am writing to ask that "
            f"the partnership considers a rapid review.\n\n"
            f"Three children live at {ch['home_address']}: {s1['name']} (aged {(inc - s1['date_of_birth']).days // 365}), "
            f"{ch['name']} (born {fmt_date(ch['date_of_birth'], 'slash')}) and {s2['name']} (aged "
            f"{(inc - s2['date_of_birth']).days // 365}). On that date {c.first} was taken to hospital with injuries "
            f"consistent with a serious assault and remains in a critical condition. {s1['name'].split()[0]} and "
            f"{s2['name'].split()[0]} were not injured and are with their aunt.\n\n"
            f"We suspect that {c.first} has been physically abused over some months. Two adults have been arrested. "
            f"Please treat this mail as our notification; I will send the force's formal form when it is approved.\n\n"
            f"Regards\n\n{rn}\nDetective Inspector, Major Crime Investigation Team\nAvon and Somerset Police\n"
            f"Tel: {c.referrer['phone']}\n\nOFFICIAL-SENSITIVE. This email and any attachments are confidential.\n")
    msg = R.eml(name, f"{rn} <{c.referrer['email']}>", "Request for rapid review - OFFICIAL-SENSITIVE",
                R.when(inc + dt.timedelta(days=1), 22, 14), text=text)
    ref = _narr_ref(c, name=ch["name"], date_of_birth=ch["date_of_birth"].isoformat(), home_address=ch["home_address"],
                    incident_date=inc.isoformat())
    ref["criteria"].update({"seriously_harmed": True, "abuse_or_neglect": "suspected"})
    return msg, expected("referral", referral=ref), "narrative-text-police-siblings"


def r12_narr_html_gp(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_sib=1, band="baby")
    ch = c.child
    rn = "Dr " + pro_name(c.rng)
    c.referrer.update({"name": rn, "email": email_of(rn, "nhs.net"), "role": "GP Partner and Safeguarding Lead",
                       "agency": "Locking Castle Medical Centre", "phone": phone(c.rng, False)})
    inc = ch["incident_date"]
    sib = c.siblings[0]
    body = f"""<html><body style="font-family:Calibri">
<p>Dear Business Unit,</p>
<p>I was asked by our ICB designated nurse to send this to you directly. One of our registered patients, <b>{H.escape(ch['name'])}</b>,
date of birth {fmt_date(ch['date_of_birth'], 'long')}, died on {fmt_date(inc, 'long')} at {H.escape(ch['incident_location'])}.
{c.first}'s older {sib['relationship'].lower()} {H.escape(sib['name'])} (DOB {fmt_date(sib['date_of_birth'], 'slash')}) is also registered with us.</p>
<p>We had seen {c.first} four times in the month before for weight loss and missed two immunisation appointments; the health visitor
was not told. Neglect is suspected by the paediatrician. I think there is learning for us about how we share concerns with health visiting.</p>
<p>I do not have your referral form; please let me know if you need it.</p>
<table style="border-top:2px solid #005EB8;font-size:10pt"><tr><td><b>{H.escape(rn)}</b><br>GP Partner and Safeguarding Lead<br>
Locking Castle Medical Centre<br>Tel {c.referrer['phone']}</td><td style="padding-left:20px;color:#005EB8">NHS</td></tr></table>
</body></html>"""
    msg = R.eml(name, f"{rn} <{c.referrer['email']}>", "Death of an infant - is this for a rapid review?",
                R.when(inc + dt.timedelta(days=2), 18, 45), html=body)
    ref = _narr_ref(c, name=ch["name"], date_of_birth=ch["date_of_birth"].isoformat(), incident_date=inc.isoformat(),
                    incident_location=ch["incident_location"])
    ref["criteria"].update({"child_died": True, "abuse_or_neglect": "suspected", "agency_concern": True})
    return msg, expected("referral", referral=ref), "narrative-html-gp-sibling"


def r13_narr_text_school_dsl(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_sib=1, band="teen")
    ch = c.child
    rn = pro_name(c.rng)
    c.referrer.update({"name": rn, "email": email_of(rn, "hanspriceacademy.n-somerset.sch.uk"),
                       "role": "Designated Safeguarding Lead", "agency": "Hans Price Academy", "phone": phone(c.rng, False)})
    inc = ch["incident_date"]
    sib = c.siblings[0]
    text = (f"Hello\n\nI'm the DSL at Hans Price Academy. I'm reporting a very serious incident involving our Year 10 student "
            f"{ch['name']} (DOB {fmt_date(ch['date_of_birth'], 'dot')}). {c.first}'s {sib['relationship'].lower()} "
            f"{sib['name']} (DOB {fmt_date(sib['date_of_birth'], 'dot')}) is also on roll with us.\n\n"
            f"On {fmt_date(inc, 'wday')} {c.first} was seriously hurt; the police are treating it as suspected "
            f"exploitation and {c.first} is still in hospital. {c.first} was on a child protection plan until last spring. "
            f"I'm aware we raised concerns about {c.first}'s attendance with the local authority twice and don't know what "
            f"happened to them.\n\nI'm happy to complete a form if you send me one.\n\n{rn}\nDSL / Assistant Head\n"
            f"Hans Price Academy\n{c.referrer['phone']}\n")
    msg = R.eml(name, f"{rn} <{c.referrer['email']}>", "Serious incident - Year 10 student",
                R.when(inc + dt.timedelta(days=1), 7, 58), text=text)
    ref = _narr_ref(c, name=ch["name"], date_of_birth=ch["date_of_birth"].isoformat(), incident_date=inc.isoformat(),
                    child_protection_plan="has_been")
    ref["referrer"]["role"] = "DSL / Assistant Head"
    ref["criteria"].update({"seriously_harmed": True, "abuse_or_neglect": "suspected", "agency_concern": True})
    return msg, expected("referral", referral=ref), "narrative-text-school-dsl-sibling"


def r14_unreadable_encrypted_pdf(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_sib=0, band="baby")
    ch, rf = c.child, c.referrer
    story = [R.P("Referral", size=14, bold=True), R.P(f"Child: {ch['name']}"), R.P(c.summary)]
    pdf = R.build_pdf(story, "Referral")
    w = PdfWriter()
    for pg in PdfReader(io.BytesIO(pdf)).pages:
        w.add_page(pg)
    w.encrypt(user_password="Sp" + str(c.rng.randint(1000, 9999)), algorithm="RC4-128")
    b = io.BytesIO()
    w.write(b)
    text = (f"Dear colleagues,\n\nPlease find attached a referral regarding baby {ch['name']}, who was seriously injured on "
            f"{fmt_date(ch['incident_date'], 'long')}. Abuse is suspected. The attachment is password protected in line "
            f"with our information governance policy; I will phone the business unit with the password.\n\n"
            f"Many thanks\n{rf['name']}\n{rf['role']}\n{rf['agency']}\n{rf['phone']}\n")
    msg = R.eml(name, f"{rf['name']} <{rf['email']}>", "Referral (password protected)", R.when(rf["date_submitted"], 10, 3),
                text=text, attachments=[("Referral - protected.pdf", b.getvalue(), "application", "pdf")])
    ref = _narr_ref(c, name=ch["name"], incident_date=ch["incident_date"].isoformat())
    ref["criteria"].update({"seriously_harmed": True, "abuse_or_neglect": "suspected"})
    return msg, expected("referral", referral=ref), "unreadable-encrypted-pdf"


# ------------------------------------------------------------------ agency returns

def _ret(name: str, involved: bool = True, sign_other: bool = True) -> dict[str, Any]:
    rng = random.Random(name)
    ag, role, dom = rng.choice([("Sirona care & health", "Named Nurse Safeguarding Children", "sirona-cic.org.uk"),
                                ("Avon and Somerset Police", "Detective Sergeant, Review Team", "avonandsomerset.police.uk"),
                                ("Alliance Homes", "Safeguarding Lead", "alliancehomes.org.uk"),
                                ("Weston College", "Head of Safeguarding", "weston.ac.uk"),
                                ("South Western Ambulance Service NHS FT", "Safeguarding Practitioner", "swast.nhs.uk"),
                                ("Compass Drug and Alcohol Service", "Service Manager", "example.org"),
                                ("North Somerset Early Help", "Early Help Coordinator", "n-somerset.gov.uk"),
                                ("Avon and Wiltshire Mental Health Partnership", "Safeguarding Adviser", "awp.nhs.uk")])
    an = pro_name(rng)
    ref = f"NS-CSPR-2026-{rng.randint(200, 289)}"
    done = dt.date(2026, 12, rng.randint(1, 4))
    f = done - dt.timedelta(days=rng.randint(200, 700))
    t = done - dt.timedelta(days=rng.randint(8, 40))
    so = pro_name(rng) if sign_other else an
    r = {"agency": ag, "author": {"name": an, "role": role, "email": email_of(an, dom), "phone": phone(rng)},
         "involved": involved, "involvement_from": f.isoformat() if involved else None,
         "involvement_to": t.isoformat() if involved else None,
         "summary": rng.choice(RETURN_TEXTS["summary"]) if involved else None,
         "immediate_actions": rng.choice(RETURN_TEXTS["actions"]) if involved else None,
         "learning": rng.choice(RETURN_TEXTS["learning"]) if involved else None,
         "records_secured": True if involved else None, "signed_off_by": so, "date_completed": done.isoformat()}
    return {"ref": ref, "r": r, "rng": rng, "f": f, "t": t, "done": done, "so_role": rng.choice(["Head of Safeguarding", "Director of Nursing", "Superintendent", "Deputy Chief Executive"])}


def _fill(x: dict[str, Any], st: str) -> None:
    r = x["r"]
    if r["summary"]:
        r["summary"] = r["summary"].format(f=fmt_date(x["f"], st), t=fmt_date(x["t"], st), n=x["rng"].randint(4, 19))


def a01_docx_checkbox_return(name: str) -> tuple[bytes, dict, str]:
    x = _ret(name)
    _fill(x, "long")
    r, a = x["r"], x["r"]["author"]
    d = R.new_doc("Arial", 10)
    d.add_heading("Rapid Review - Agency Information Return", 1)
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"

    def row(lab: str, fill: Any) -> None:
        rr = t.add_row()
        R.cell_text(rr.cells[0], lab, bold=True)
        fill(rr.cells[1].paragraphs[0])
    row("Case reference", lambda p: X.sdt_text(p, x["ref"], "Ref"))
    row("Agency", lambda p: X.sdt_text(p, r["agency"], "Agency"))
    row("Completed by (name, role)", lambda p: X.sdt_text(p, f"{a['name']}, {a['role']}", "Author"))
    row("Email / phone", lambda p: X.sdt_text(p, f"{a['email']} / {a['phone']}", "Contact"))

    def inv(p: Any) -> None:
        X.sdt_check(p, True, "Yes, known to us")
        X.sdt_check(p, False, "No involvement")
    row("Was your agency involved with the child or family?", inv)
    row("Involved from", lambda p: X.sdt_date(p, x["f"], fmt_date(x["f"], "long"), "From", "d MMMM yyyy"))
    row("Involved to", lambda p: X.sdt_date(p, x["t"], fmt_date(x["t"], "long"), "To", "d MMMM yyyy"))
    row("Summary of involvement", lambda p: X.sdt_text(p, r["summary"], "Summary"))
    row("Immediate actions taken", lambda p: X.sdt_text(p, r["immediate_actions"], "Actions"))
    row("Early learning", lambda p: X.sdt_text(p, r["learning"], "Learning"))

    def rec(p: Any) -> None:
        X.sdt_check(p, True, "Yes")
        X.sdt_check(p, False, "No")
    row("Records secured?", rec)
    row("Signed off by (senior manager)", lambda p: X.sdt_text(p, f"{r['signed_off_by']}, {x['so_role']}", "Signoff"))
    row("Date", lambda p: X.sdt_date(p, x["done"], fmt_date(x["done"], "long"), "Date", "d MMMM yyyy"))
    msg = R.eml(name, f"{a['name']} <{a['email']}>", f"RE: {x['ref']} request for agency information",
                R.when(x["done"], 15, 3), text=f"Return attached.\n\n{a['name']}\n{a['role']}\n",
                attachments=[(f"{x['ref']} agency return.docx", R.doc_bytes(d), *DOCX)])
    return msg, expected("agency_return", x["ref"], agency_return=r), "return-docx-checkbox-controls"


def a02_pdf_reportlab_return(name: str) -> tuple[bytes, dict, str]:
    x = _ret(name)
    _fill(x, "slash")
    r, a = x["r"], x["r"]["author"]
    rows = [["Reference", x["ref"]], ["Organisation", r["agency"]], ["Author", a["name"]], ["Job title", a["role"]],
            ["Email", a["email"]], ["Phone", a["phone"]], ["Known to agency", "YES"],
            ["Period of involvement", f"{fmt_date(x['f'], 'slash')} - {fmt_date(x['t'], 'slash')}"],
            ["Summary", r["summary"]], ["Immediate actions", r["immediate_actions"]], ["Learning identified", r["learning"]],
            ["Records secured", "YES"], ["Approved by", f"{r['signed_off_by']} ({x['so_role']})"],
            ["Date approved", fmt_date(x["done"], "slash")]]
    pdf = R.build_pdf([R.P("Individual Agency Summary", size=14, bold=True), R.Spacer(1, 5 * R.mm),
                       R.rl_table(rows, [45 * R.mm, 135 * R.mm])], "IAS")
    msg = R.eml(name, f"{a['name']} <{a['email']}>", f"{x['ref']} - Individual Agency Summary",
                R.when(x["done"], 11, 48), text=f"Please find our IAS attached.\nKind regards, {a['name'].split()[0]}\n",
                attachments=[("IAS.pdf", pdf, "application", "pdf")])
    return msg, expected("agency_return", x["ref"], agency_return=r), "return-pdf-reportlab"


def a03_html_return(name: str) -> tuple[bytes, dict, str]:
    x = _ret(name)
    _fill(x, "mon")
    r, a = x["r"], x["r"]["author"]

    def h(q: str, v: str) -> str:
        return f"<h3 style='font-size:11pt;margin-bottom:0'>{H.escape(q)}</h3><p style='margin-top:2px'>{H.escape(v)}</p>"
    body = ("<html><body style='font-family:Arial'><p>Dear Business Unit, our return is below.</p>"
            + h("Which agency are you responding for?", r["agency"])
            + h("Did your agency have contact with the child or family?", "Yes")
            + h("From", fmt_date(x["f"], "mon")) + h("To", fmt_date(x["t"], "mon"))
            + h("Brief summary of your involvement", r["summary"]) + h("What have you done since the incident?", r["immediate_actions"])
            + h("What might we learn?", r["learning"]) + h("Have records been secured?", "Yes - secured")
            + h("Senior manager sign-off", f"{r['signed_off_by']}, {x['so_role']}, {fmt_date(x['done'], 'mon')}")
            + f"<p>--<br>{H.escape(a['name'])}<br>{H.escape(a['role'])}<br>{H.escape(r['agency'])}<br>{a['phone']}</p></body></html>")
    msg = R.eml(name, f"{a['name']} <{a['email']}>", f"Agency return {x['ref']}", R.when(x["done"], 16, 30), html=body)
    return msg, expected("agency_return", x["ref"], agency_return=r), "return-html-h3-questions"


def a04_text_return_signed_by_author(name: str) -> tuple[bytes, dict, str]:
    x = _ret(name, sign_other=False)
    _fill(x, "dot")
    r, a = x["r"], x["r"]["author"]
    text = (f"Hi,\n\nRe {x['ref']}: {r['agency']} return as requested.\n\n"
            f"Involved: yes, {fmt_date(x['f'], 'dot')} to {fmt_date(x['t'], 'dot')}.\n\n"
            f"What we did: {r['summary']}\n\nSince the incident: {r['immediate_actions']}\n\n"
            f"Learning: {r['learning']}\n\nRecords: secured.\n\nI am the senior manager for this so I have signed it off myself "
            f"({fmt_date(x['done'], 'dot')}).\n\n{a['name']}\n{a['role']}\n{r['agency']}\nM: {a['phone']}\n\n"
            f"-----Original Message-----\nFrom: {BOT}\nSubject: {x['ref']} request for information (rapid review)\n\n"
            f"> Please complete the attached return within 10 working days.\n")
    msg = R.eml(name, f"{a['name']} <{a['email']}>", f"RE: {x['ref']} request for information (rapid review)",
                R.when(x["done"], 9, 12), text=text)
    return msg, expected("agency_return", x["ref"], agency_return=r), "return-text-self-signed"


def a05_xlsx_vertical_return(name: str) -> tuple[bytes, dict, str]:
    x = _ret(name)
    _fill(x, "slash")
    r, a = x["r"], x["r"]["author"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Return"
    ws["A1"] = "AGENCY INFORMATION - RAPID REVIEW"
    rows: list[tuple[str, Any]] = [("Case ref", x["ref"]), ("Agency", r["agency"]), ("Completed by", a["name"]),
                                   ("Role", a["role"]), ("Email", a["email"]), ("Phone", a["phone"]),
                                   ("Involved (Y/N)", "Y"), ("Start of involvement", x["f"]), ("End of involvement", x["t"]),
                                   ("Summary", r["summary"]), ("Actions taken", r["immediate_actions"]),
                                   ("Learning", r["learning"]), ("Records secured (Y/N)", "Y"),
                                   ("Signed off by", r["signed_off_by"]), ("Sign-off role", x["so_role"]),
                                   ("Date", x["done"])]
    for i, (k, v) in enumerate(rows, 3):
        ws.cell(i, 1, k)
        cell = ws.cell(i, 3, v)  # values in column C, column B left empty (a spacer column)
        if isinstance(v, dt.date):
            cell.number_format = "dd/mm/yyyy"
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 3
    ws.column_dimensions["C"].width = 90
    b = io.BytesIO()
    wb.save(b)
    msg = R.eml(name, f"{a['name']} <{a['email']}>", f"{x['ref']} return", R.when(x["done"], 13, 13),
                text="Attached.\n", attachments=[("return.xlsx", b.getvalue(), "application",
                                                  "vnd.openxmlformats-officedocument.spreadsheetml.sheet")])
    return msg, expected("agency_return", x["ref"], agency_return=r), "return-xlsx-spacer-column"


def a06_text_nil_return(name: str) -> tuple[bytes, dict, str]:
    x = _ret(name, involved=False)
    r, a = x["r"], x["r"]["author"]
    text = (f"Good morning,\n\nWe have searched our systems for the child and the adults named in your request ({x['ref']}) "
            f"and have found no record of contact. This is a nil return from {r['agency']}.\n\n"
            f"Checked by {a['name']} ({a['role']}) and approved by {r['signed_off_by']}, {x['so_role']}, "
            f"on {fmt_date(x['done'], 'long')}.\n\nRegards\n{a['name']}\n{a['phone']}\n")
    msg = R.eml(name, f"{a['name']} <{a['email']}>", f"Nil return - {x['ref']}", R.when(x["done"], 10, 1), text=text)
    return msg, expected("agency_return", x["ref"], agency_return=r), "return-text-nil"


def a07_pdf_soffice_nil_return(name: str) -> tuple[bytes, dict, str]:
    x = _ret(name, involved=False)
    r, a = x["r"], x["r"]["author"]
    d = R.new_doc("Calibri", 11)
    d.add_heading("Individual Agency Return", 1)
    R.table(d, [["Case", x["ref"]], ["Organisation", r["agency"]], ["Name", a["name"]], ["Position", a["role"]],
                ["Contact", f"{a['email']}, {a['phone']}"],
                ["Has your agency had any involvement?", "No - no records held"],
                ["Summary", "N/A"], ["Actions", "N/A"], ["Learning", "N/A"],
                ["Authorised by", r["signed_off_by"]], ["Date", fmt_date(x["done"], "ord")]])
    pdf = R.soffice_pdf(R.doc_bytes(d), "return")
    msg = R.eml(name, f"{a['name']} <{a['email']}>", f"RE: {x['ref']}", R.when(x["done"], 14, 40),
                text="Please see attached.\n", attachments=[(f"{x['ref']}.pdf", pdf, "application", "pdf")])
    return msg, expected("agency_return", x["ref"], agency_return=r), "return-pdf-soffice-nil"


def a08_html_table_return_reply(name: str) -> tuple[bytes, dict, str]:
    x = _ret(name)
    _fill(x, "long")
    r, a = x["r"], x["r"]["author"]

    def tr(k: str, v: str) -> str:
        return f"<tr><td style='background:#DCE6F1'><b>{H.escape(k)}</b></td><td>{H.escape(v)}</td></tr>"
    body = (f"<html><body><p class=MsoNormal>Hello, please find our information below in the table. Any questions give me a call.</p>"
            f"<p class=MsoNormal>{H.escape(a['name'])}<br>{H.escape(a['role'])} | {H.escape(r['agency'])} | {a['phone']}</p>"
            "<table border=1 cellspacing=0>" + tr("Involvement (dates)", f"{fmt_date(x['f'], 'long')} until {fmt_date(x['t'], 'long')}")
            + tr("Summary", r["summary"]) + tr("Immediate safeguarding actions", r["immediate_actions"])
            + tr("Learning", r["learning"]) + tr("Records secured", "Yes")
            + tr("Signed off", f"{r['signed_off_by']} ({x['so_role']}) {fmt_date(x['done'], 'long')}") + "</table>"
            f"<div style='border-top:solid #E1E1E1 1pt'><p class=MsoNormal><b>From:</b> csprbot &lt;cspr.referrals@n-somerset.gov.uk&gt;<br>"
            f"<b>Subject:</b> {x['ref']} rapid review: request for agency information</p></div>"
            "<p class=MsoNormal>The Safeguarding Partnership is holding a rapid review. Please send your agency's information "
            "within 10 working days.</p></body></html>")
    msg = R.eml(name, f"{a['name']} <{a['email']}>", f"RE: {x['ref']} rapid review: request for agency information",
                R.when(x["done"], 12, 12), html=body)
    return msg, expected("agency_return", x["ref"], agency_return=r), "return-html-table-in-reply"


# ------------------------------------------------------------------ commands

COORD = ("Rachel Tennant", "rachel.tennant@n-somerset.gov.uk", "Safeguarding Partnership Co-ordinator")
CHAIR = ("Dr Olusegun Hartley", "olusegun.hartley@nhs.net", "Chair, Practice Review Sub-group")
LEADER = ("Fiona Castellan", "fiona.castellan@n-somerset.gov.uk", "Director of Children's Services")


def _quoted(ref: str) -> str:
    return (f"From: {BOT}\nSent: 02 December 2026 09:00\nTo: {COORD[1]}\nSubject: {ref} referral received\n\n"
            f"A referral was received and opened as {ref}. Reply with a command on the first line.\n")


def c01_decision_html(name: str) -> tuple[bytes, dict, str]:
    ref = "NS-CSPR-2026-231"
    body = (f"<html><body><p class=MsoNormal>DECISION: RAPID REVIEW<br>AGENCIES: Police, Sirona, Weston General Hospital, "
            f"Worle Junior School</p><p class=MsoNormal>&nbsp;</p><p class=MsoNormal>Agreed at today's screening call.</p>"
            f"<p class=MsoNormal>{CHAIR[0]}<br>{CHAIR[2]}</p><div style='border-top:solid #E1E1E1 1pt'>"
            f"<p class=MsoNormal><b>From:</b> csprbot &lt;cspr.referrals@n-somerset.gov.uk&gt;<br><b>Sent:</b> 02 December 2026 09:00"
            f"<br><b>Subject:</b> {ref} referral received</p></div><p class=MsoNormal>A referral was received and opened as {ref}.</p>"
            "</body></html>")
    text = f"DECISION: RAPID REVIEW\nAGENCIES: Police, Sirona, Weston General Hospital, Worle Junior School\n\nAgreed at today's screening call.\n\n{CHAIR[0]}\n{CHAIR[2]}\n\n" + _quoted(ref)
    msg = R.eml(name, f"{CHAIR[0]} <{CHAIR[1]}>", f"RE: {ref} referral received", R.when(dt.date(2026, 12, 3), 11, 2),
                text=text, html=body)
    return msg, expected("reply", ref, command={"verb": "DECISION", "args": None}), "command-html-reply"


def c02_notified_text_signature(name: str) -> tuple[bytes, dict, str]:
    ref = "NS-CSPR-2026-244"
    text = (f"NOTIFIED: 2026-12-02\n\nSubmitted on the Child Safeguarding Incident Notification System this afternoon.\n\n"
            f"Fiona\n\nFiona Castellan\nDirector of Children's Services | North Somerset Council\n"
            f"Town Hall, Walliscote Grove Road, Weston-super-Mare\n\nThis e-mail is confidential...\n\n"
            f"-----Original Message-----\n" + _quoted(ref))
    msg = R.eml(name, f"{LEADER[0]} <{LEADER[1]}>", f"RE: {ref} referral received", R.when(dt.date(2026, 12, 2), 16, 20),
                text=text)
    return msg, expected("reply", ref, command={"verb": "NOTIFIED", "args": "2026-12-02"}), "command-text-signature"


def c03_submitted_quoted_history(name: str) -> tuple[bytes, dict, str]:
    ref = "NS-CSPR-2026-217"
    q = "\n".join("> " + ln for ln in _quoted(ref).splitlines())
    text = (f"SUBMITTED: 2026-12-04\n\nRachel\n\nOn Fri, 4 Dec 2026 at 08:00, csprbot <cspr.referrals@n-somerset.gov.uk> wrote:\n"
            f"> Reminder: the rapid review report for {ref} is due on 7 December 2026.\n>\n{q}\n")
    msg = R.eml(name, f"{COORD[0]} <{COORD[1]}>", f"Re: {ref} reminder: rapid review report due",
                R.when(dt.date(2026, 12, 4), 15, 51), text=text)
    return msg, expected("reply", ref, command={"verb": "SUBMITTED", "args": "2026-12-04"}), "command-text-quoted-history"


def c04_panel_national_html(name: str) -> tuple[bytes, dict, str]:
    ref = "NS-CSPR-2026-209"
    body = (f"<html><body><div><p>PANEL: NATIONAL REVIEW</p><p>The Panel's letter came today; they will take this one "
            f"nationally.</p><p>Kind regards,<br>{COORD[0]}<br>{COORD[2]}</p></div><hr><p><b>From:</b> csprbot<br>"
            f"<b>Subject:</b> {ref} awaiting the Panel's response</p><p>The rapid review for {ref} was submitted. Reply with "
            "PANEL: LOCAL REVIEW / NATIONAL REVIEW / NO FURTHER REVIEW.</p></body></html>")
    msg = R.eml(name, f"{COORD[0]} <{COORD[1]}>", f"RE: {ref} awaiting the Panel's response",
                R.when(dt.date(2026, 12, 1), 10, 10), html=body)
    return msg, expected("reply", ref, command={"verb": "PANEL", "args": None}), "command-html-quoted-options"


def c05_no_rapid_review(name: str) -> tuple[bytes, dict, str]:
    ref = "NS-CSPR-2026-252"
    text = (f"DECISION: NO RAPID REVIEW 2026-12-03 criteria not met: the injury was accidental and no abuse or neglect is "
            f"suspected (strategy discussion 1 Dec)\n\n{CHAIR[0]}\nSent from Outlook for iOS\n\n"
            f"________________________________\n" + _quoted(ref))
    msg = R.eml(name, f"{CHAIR[0]} <{CHAIR[1]}>", f"RE: {ref} referral received", R.when(dt.date(2026, 12, 3), 19, 40),
                text=text)
    return msg, expected("reply", ref, command={"verb": "DECISION", "args": None}), "command-text-mobile"


# ------------------------------------------------------------------ noise

def n01_ooo_auto_submitted(name: str) -> tuple[bytes, dict, str]:
    ref = "NS-CSPR-2026-231"
    text = ("Thank you for your email. I am out of the office until Monday 14 December with no access to email. For urgent "
            "safeguarding matters please contact the Front Door on 01632 960123.\n")
    msg = R.eml(name, "Joanna Fairbrother <joanna.fairbrother@sirona-cic.org.uk>", f"Automatic reply: {ref} rapid review: request for agency information",
                R.when(dt.date(2026, 12, 3), 11, 5), text=text, to=BOT,
                headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"})
    return msg, expected("auto_reply", ref), "noise-out-of-office"


def n02_ndr(name: str) -> tuple[bytes, dict, str]:
    from email.mime.base import MIMEBase
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText
    from email.utils import format_datetime
    ref = "NS-CSPR-2026-244"
    m = MIMEMultipart("report", report_type="delivery-status")
    m["From"] = "Mail Delivery System <MAILER-DAEMON@mx.n-somerset.gov.uk>"
    m["To"] = BOT
    m["Subject"] = "Undelivered Mail Returned to Sender"
    m["Date"] = format_datetime(R.when(dt.date(2026, 12, 2), 16, 40))
    m["Message-ID"] = "<h10.n02@mx.n-somerset.gov.uk>"
    m["Auto-Submitted"] = "auto-replied"
    m.attach(MIMEText("This is the mail system at host mx.n-somerset.gov.uk.\n\nI'm sorry to have to inform you that your "
                      "message could not be delivered to one or more recipients.\n\n<k.osei@weston.ac.uk>: host "
                      "mx.weston.ac.uk said: 550 5.1.1 User unknown\n"))
    st = MIMEBase("message", "delivery-status")
    from email import message_from_string
    st.set_payload([message_from_string("Reporting-MTA: dns; mx.n-somerset.gov.uk\n"),
                    message_from_string("Final-Recipient: rfc822; k.osei@weston.ac.uk\nAction: failed\nStatus: 5.1.1\n")])
    m.attach(st)
    hd = MIMEBase("text", "rfc822-headers")
    hd.set_payload(f"From: {BOT}\nTo: k.osei@weston.ac.uk\nSubject: {ref} rapid review: request for agency information\n")
    m.attach(hd)
    return m.as_bytes(), expected("auto_reply", ref), "noise-ndr"


def n03_calendar(name: str) -> tuple[bytes, dict, str]:
    ref = "NS-CSPR-2026-231"
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nMETHOD:REQUEST\r\n"
           "BEGIN:VEVENT\r\nUID:h10-n03@n-somerset.gov.uk\r\nDTSTART:20261210T100000Z\r\nDTEND:20261210T120000Z\r\n"
           f"SUMMARY:Rapid review meeting {ref}\r\nORGANIZER;CN=Rachel Tennant:mailto:{COORD[1]}\r\n"
           "LOCATION:Microsoft Teams Meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    msg = R.eml(name, f"{COORD[0]} <{COORD[1]}>", f"Rapid review meeting {ref}", R.when(dt.date(2026, 12, 3), 9, 0),
                text=f"Rapid review meeting for {ref}. Join on Microsoft Teams.\n",
                attachments=[("invite.ics", ics.encode(), "text", "calendar")])
    return msg, expected("unknown", ref), "noise-calendar-invite"


__all__ = ["TO", "fmt_date"]


def r22_narr_text_twins(name: str) -> tuple[bytes, dict, str]:
    c = make_case(name, n_sib=0, band="baby")
    ch = c.child
    rn = pro_name(c.rng)
    c.referrer.update({"name": rn, "email": email_of(rn, "sirona-cic.org.uk"), "role": "Health Visitor",
                       "agency": "Sirona care & health", "phone": phone(c.rng, True)})
    twin = ("Lowenna" if c.sex == "M" else "Theo") + " " + c.surname
    inc = ch["incident_date"]
    text = (f"Hello,\n\nI'm the health visitor for twins {twin} and {ch['name']}, both born "
            f"{fmt_date(ch['date_of_birth'], 'slash')}, of {ch['home_address']}.\n\nSadly {c.first} died on "
            f"{fmt_date(inc, 'long')} after being found unresponsive in a cot shared with {twin.split()[0]}. "
            f"{twin.split()[0]} is well and is staying with grandparents. There were concerns about neglect in the home "
            f"(no heating, very little food) which I had raised with my manager, and I suspect neglect played a part.\n\n"
            f"I have been told to send this to you as a referral. Please let me know what else you need.\n\n{rn}\n"
            f"Health Visitor, Sirona care & health\n{c.referrer['phone']}\n")
    msg = R.eml(name, f"{rn} <{c.referrer['email']}>", "Death of a twin - referral", R.when(inc + dt.timedelta(days=3), 12, 2),
                text=text)
    ref = _narr_ref(c, name=ch["name"], date_of_birth=ch["date_of_birth"].isoformat(), home_address=ch["home_address"],
                    incident_date=inc.isoformat())
    ref["criteria"].update({"child_died": True, "abuse_or_neglect": "suspected"})
    return msg, expected("referral", referral=ref), "narrative-text-twins"


def a09_text_answers_interleaved(name: str) -> tuple[bytes, dict, str]:
    x = _ret(name)
    _fill(x, "slash")
    r, a = x["r"], x["r"]["author"]
    text = (f"Answers below in CAPITALS.\n\n{a['name']}\n{a['role']}, {r['agency']}\n{a['phone']}\n\n"
            f"From: {BOT}\nSent: 30 November 2026 09:00\nSubject: {x['ref']} rapid review: request for agency information\n\n"
            f"1. Was your agency involved with the child or family in the last 12 months? YES\n"
            f"2. Dates of involvement (from - to): {fmt_date(x['f'], 'slash')} - {fmt_date(x['t'], 'slash')}\n"
            f"3. Summary of involvement:\n{r['summary'].upper()}\n"
            f"4. Immediate actions taken: {r['immediate_actions'].upper()}\n"
            f"5. Learning identified so far: {r['learning'].upper()}\n"
            f"6. Have your records been secured? YES\n"
            f"7. Name of the senior manager who signed this off: {r['signed_off_by'].upper()}\n"
            f"8. Date: {fmt_date(x['done'], 'slash')}\n\nThank you,\nSafeguarding Partnership Business Unit\n")
    for k in ("summary", "immediate_actions", "learning"):
        r[k] = r[k].upper()
    r["signed_off_by"] = r["signed_off_by"].upper()
    msg = R.eml(name, f"{a['name']} <{a['email']}>", f"RE: {x['ref']} rapid review: request for agency information",
                R.when(x["done"], 17, 5), text=text)
    return msg, expected("agency_return", x["ref"], agency_return=r), "return-text-answers-in-quoted-request"


def a10_docx_ongoing_return(name: str) -> tuple[bytes, dict, str]:
    x = _ret(name)
    r, a = x["r"], x["r"]["author"]
    r["involvement_to"] = None
    r["summary"] = (f"Open to the service since {fmt_date(x['f'], 'long')} and still open: weekly contact with the "
                    "mother; the child was seen at every visit until October.")
    d = R.new_doc("Calibri", 11)
    d.add_heading(f"Agency summary - {x['ref']}", 1)
    R.table(d, [["Question", "Response"], ["Your organisation", r["agency"]],
                ["Your name and role", f"{a['name']} - {a['role']}"], ["Email", a["email"]], ["Telephone", a["phone"]],
                ["Has your organisation been involved?", "Yes"],
                ["Period of involvement", f"{fmt_date(x['f'], 'long')} - ongoing"],
                ["Summary", r["summary"]], ["Actions taken since the incident", r["immediate_actions"]],
                ["Emerging learning", r["learning"]], ["Records secured", "Yes"],
                ["Senior sign-off", f"{r['signed_off_by']}, {x['so_role']}"], ["Date", fmt_date(x["done"], "long")]],
            header=True)
    msg = R.eml(name, f"{a['name']} <{a['email']}>", f"{x['ref']} agency summary", R.when(x["done"], 11, 0),
                text="Hi, attached. Our involvement is ongoing.\n",
                attachments=[("Agency summary.docx", R.doc_bytes(d), *DOCX)])
    return msg, expected("agency_return", x["ref"], agency_return=r), "return-docx-question-response-ongoing"


def c06_aware_html(name: str) -> tuple[bytes, dict, str]:
    ref = "NS-CSPR-2026-258"
    body = (f"<html><body><p style='font-family:Calibri'>AWARE: 2026-11-30</p><p>The Front Door heard about this on the "
            f"Monday; the referral only reached us on Wednesday.</p><table><tr><td><b>{LEADER[0]}</b><br>{LEADER[2]}<br>"
            "North Somerset Council</td></tr></table><hr><p><b>From:</b> csprbot<br><b>Subject:</b> "
            f"{ref} referral received</p><p>A referral was received and opened as {ref}.</p></body></html>")
    msg = R.eml(name, f"{LEADER[0]} <{LEADER[1]}>", f"RE: {ref} referral received", R.when(dt.date(2026, 12, 2), 9, 30),
                html=body)
    return msg, expected("reply", ref, command={"verb": "AWARE", "args": "2026-11-30"}), "command-html-signature-table"


def c07_waive_text(name: str) -> tuple[bytes, dict, str]:
    ref = "NS-CSPR-2026-231"
    text = (f"WAIVE Compass Drug and Alcohol Service: the family were never referred to them; the name match was wrong\n\n"
            f"Thanks, Rachel\n\n{COORD[0]} | {COORD[2]}\n\n> From: {BOT}\n> Subject: {ref} chaser: agency return overdue\n>\n"
            f"> The return from Compass Drug and Alcohol Service is overdue.\n")
    msg = R.eml(name, f"{COORD[0]} <{COORD[1]}>", f"RE: {ref} chaser: agency return overdue", R.when(dt.date(2026, 12, 4), 9, 2),
                text=text)
    return msg, expected("reply", ref, command={"verb": "WAIVE", "args": None}), "command-text-quoted-chaser"


def c08_correct_dob_html(name: str) -> tuple[bytes, dict, str]:
    ref = "NS-CSPR-2026-239"
    body = ("<html><body><div dir='ltr'>CORRECT child.date_of_birth: 2019-03-04<div><br></div><div>The form had the "
            "American date.</div><div><br></div>-- <br><div>Rachel Tennant<br>Safeguarding Partnership Co-ordinator</div>"
            f"</div><br><div class='gmail_quote'><div dir='ltr'>On Thu, 3 Dec 2026 at 10:00, csprbot &lt;cspr.referrals@n-somerset.gov.uk&gt; wrote:"
            f"</div><blockquote style='margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex'>Referral {ref}: "
            "fields to check: child.date_of_birth.</blockquote></div></body></html>")
    msg = R.eml(name, f"{COORD[0]} <{COORD[1]}>", f"Re: {ref} fields to check", R.when(dt.date(2026, 12, 3), 10, 44), html=body)
    return msg, expected("reply", ref, command={"verb": "CORRECT", "args": None}), "command-html-gmail-quote"
