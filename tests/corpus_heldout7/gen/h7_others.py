"""Narrative referrals, agency returns, command replies and noise for held-out set 7."""

from __future__ import annotations

import datetime as dt
import io
import random
from typing import Any

from h7_data import PRO_FIRST, PRO_SUR, fmt_date, make_case, phone
from h7_referrals import DOCX, Out, expected, from_line, set_referrer, yn
from h7_render import (
    P, Spacer, build_pdf, colors, doc_bytes, eml, heading, mm, new_doc, rl_table, soffice_pdf, table, when,
)

BOT = "csprbot <NorthSomersetSafeguardingChildrenPartnership@n-somerset.gov.uk>"


def blank_referral() -> dict[str, Any]:
    return {"referrer": {k: None for k in ("name", "email", "role", "phone", "agency", "date_submitted")},
            "child": {k: None for k in ("name", "date_of_birth", "home_address", "carer", "incident_date",
                                        "incident_location", "ethnicity", "faith", "disability",
                                        "child_protection_plan")},
            "family": [], "criteria": {"child_died": None, "seriously_harmed": None, "abuse_or_neglect": None,
                                       "agency_concern": None},
            "summary": None, "other_agencies": [], "other_processes": []}


# ------------------------------------------------------------------ narratives (no form)

def r18_narr_text_police_death(name: str) -> Out:
    c = make_case(name, died=True, max_age=1.5)
    set_referrer(c, "Detective Inspector, Major Crime Investigation Team", "Wessex Police", "wessex.police.uk",
                 phone(c["rng"], "land"))
    r = c["referrer"]
    age_m = max(1, (c["incident"] - c["dob"]).days // 30)
    text = (f"Good afternoon,\n\nI am writing to notify the partnership of the death of {c['child_name']} "
            f"(date of birth {fmt_date(c['dob'], 'slash')}), aged {age_m} months, who died on "
            f"{fmt_date(c['incident'], 'long')}. {c['first']} lived at {c['home']}.\n\n"
            "Police are treating the death as unexplained and a post mortem is awaited. There is previous police "
            "and children's social care history for the household. I believe this meets the criteria for the "
            "partnership to consider a rapid review and would ask that it is screened urgently.\n\n"
            "I have not completed your referral form as I do not have access to it out of hours; I will send it "
            "on Monday if you still need it.\n\n"
            f"Regards,\n\n{r['name']}\n{r['role']}\n{r['agency']}\nTel: {r['phone']}\n{r['email']}\n")
    msg = eml(name, from_line(c), "Child death - request for CSPR screening", when(c["incident"], 19, 55), text=text)
    ex = blank_referral()
    ex["referrer"].update(name=r["name"], email=r["email"], role=r["role"], phone=r["phone"], agency=r["agency"])
    ex["child"].update(name=c["child_name"], date_of_birth=c["dob"].isoformat(), home_address=c["home"],
                       incident_date=c["incident"].isoformat())
    ex["criteria"]["child_died"] = True
    return msg, expected("referral", ex), "narrative no-form referral (text): child death, police"


def r19_narr_html_school_injury(name: str) -> Out:
    c = make_case(name, died=False, min_age=4.5, max_age=11)
    set_referrer(c, "Headteacher", "Castle Batch Primary School", "school.northvale.sch.uk", phone(c["rng"], "land"))
    r = c["referrer"]
    html = (f"<html><body><p>Dear Safeguarding Partnership,</p><p>I need to make you aware of a very serious "
            f"incident involving one of our pupils, <b>{c['child_name']}</b>, date of birth "
            f"{fmt_date(c['dob'], 'ord')}. On {fmt_date(c['incident'], 'wday')} {c['first']} was admitted to the "
            f"Bristol Royal Hospital for Children with injuries that the hospital says are not consistent with the "
            f"explanation given. {c['first']} remains in hospital.</p><p>We have raised concerns about bruising "
            f"with children's social care three times this year and I am worried that these were not joined up. "
            f"Please could the partnership consider whether a review is needed.</p>"
            f"<p>Best wishes,</p><p>{r['name']}<br>{r['role']}<br>{r['agency']}<br>{r['phone']}</p></body></html>")
    msg = eml(name, from_line(c), "Serious incident - pupil in hospital", when(c["incident"] + dt.timedelta(days=1), 8, 20),
              html=html)
    ex = blank_referral()
    ex["referrer"].update(name=r["name"], email=r["email"], role=r["role"], phone=r["phone"], agency=r["agency"])
    ex["child"].update(name=c["child_name"], date_of_birth=c["dob"].isoformat(),
                       incident_date=c["incident"].isoformat())
    ex["criteria"]["seriously_harmed"] = True
    ex["criteria"]["agency_concern"] = True
    return msg, expected("referral", ex), "narrative no-form referral (HTML): serious injury, headteacher"


def r20_narr_text_sw_leave(name: str) -> Out:
    c = make_case(name, died=False, min_age=12, max_age=16.5)
    set_referrer(c, "Social Worker, Children in Care Team", "Northvale Council Children's Services",
                 "northvale.gov.uk", phone(c["rng"], "mob"))
    r = c["referrer"]
    age = (c["incident"] - c["dob"]).days // 365
    text = (f"Hi all\n\nI haven't used the referral form because I'm on leave from tomorrow and wanted this with "
            f"you today. {c['child_name']} ({age} years old) is a looked after child in a residential placement. "
            f"On {fmt_date(c['incident'], 'dots')} {c['first']} was found with serious self-inflicted injuries "
            f"and is now on a ward at the children's hospital. There had been three similar incidents since the "
            f"summer and the placement had asked for extra staffing.\n\nMy manager Tamsin Halloran agrees it should "
            f"be referred for a rapid review; she can answer questions while I am away.\n\n"
            f"Thanks\n{r['name']}\n{r['role']}\n{r['agency']}\nMobile {r['phone']}\n")
    msg = eml(name, from_line(c), "referral - looked after child", when(c["incident"] + dt.timedelta(days=1), 16, 41),
              text=text)
    ex = blank_referral()
    ex["referrer"].update(name=r["name"], email=r["email"], role=r["role"], phone=r["phone"], agency=r["agency"])
    ex["child"].update(name=c["child_name"], incident_date=c["incident"].isoformat())
    ex["criteria"]["seriously_harmed"] = True
    return msg, expected("referral", ex), "narrative no-form referral (text): 'not used the form', on leave"


# ------------------------------------------------------------------ agency returns

SUMMARIES = {
    "health": "Seen at {n} routine contacts between the dates given. Last contact was a home visit where the home "
              "conditions were noted as cluttered but adequate. No safeguarding concerns were recorded at the time.",
    "police": "Attended the address {n} times for domestic incidents. A DASH risk assessment was completed and graded "
              "medium; the case was discussed at MARAC once. The children were not seen on two of the visits.",
    "school": "On roll throughout. Attendance fell to 81% in the autumn term. {n} welfare concerns were logged and "
              "shared with the allocated social worker.",
    "csc": "Assessed twice under a child in need plan. The second assessment closed with a step-down to early help "
           "after {n} weeks; the mother's new partner was not seen.",
    "probation": "Supervising the mother's partner on licence. {n} supervision appointments; he disclosed living at "
                 "the address in September, which was shared with children's services.",
    "camhs": "Referred by the GP for low mood; triaged as routine. Seen {n} times; two appointments were not attended "
             "and the case was closed with advice to re-refer.",
}
ACTIONS = ["Records secured and copied to the safeguarding team; staff involved offered support.",
           "Chronology being completed; immediate briefing to the team about the incident.",
           "Case flagged on the system; safeguarding supervision arranged for the practitioners involved."]
LEARNING = ["Information about the adult male in the household was not shared with health partners.",
            "Missed appointments were not followed up with the family or the GP.",
            "No single agency held the whole picture; escalation routes were not used."]


def ret_case(name: str, agency: str, role: str, domain: str, kind: str = "health") -> dict[str, Any]:
    rng = random.Random(name)
    af, asur = rng.choice(PRO_FIRST), rng.choice(PRO_SUR)
    mf, ms = rng.choice(PRO_FIRST), rng.choice(PRO_SUR)
    done = dt.date(2026, 11, 16) + dt.timedelta(days=rng.randint(0, 14))
    start = done - dt.timedelta(days=rng.randint(200, 900))
    return {"rng": rng, "ref": f"NS-CSPR-2026-{rng.randint(10, 60):03d}", "agency": agency,
            "author": {"name": f"{af} {asur}", "role": role, "email": f"{af.lower()}.{asur.lower()}@{domain}",
                       "phone": phone(rng, rng.choice(["mob", "land"]))},
            "from": start, "to": done - dt.timedelta(days=rng.randint(3, 20)), "done": done,
            "summary": SUMMARIES[kind].format(n=rng.randint(3, 14)), "actions": rng.choice(ACTIONS),
            "learning": rng.choice(LEARNING), "signed": f"{mf} {ms}"}


def ret_exp(a: dict[str, Any], involved: bool = True, **over: Any) -> dict[str, Any]:
    e = {"agency": a["agency"], "author": dict(a["author"]), "involved": involved,
         "involvement_from": a["from"].isoformat() if involved else None,
         "involvement_to": a["to"].isoformat() if involved else None,
         "summary": a["summary"] if involved else None, "immediate_actions": a["actions"] if involved else None,
         "learning": a["learning"] if involved else None, "records_secured": True if involved else None,
         "signed_off_by": a["signed"], "date_completed": a["done"].isoformat()}
    for k, v in over.items():
        if k.startswith("author_"):
            e["author"][k[7:]] = v
        else:
            e[k] = v
    return e


def afrom(a: dict[str, Any]) -> str:
    return f"{a['author']['name']} <{a['author']['email']}>"


def a01_docx_police_return(name: str) -> Out:
    a = ret_case(name, "Wessex Police", "Detective Sergeant, Safeguarding Review Unit", "wessex.police.uk",
                 "police")
    f = lambda d: fmt_date(d, "dots")  # noqa: E731
    d = new_doc("Arial", 10)
    d.add_paragraph("OFFICIAL-SENSITIVE")
    heading(d, "Rapid Review - Agency Information Return", 1)
    table(d, [["Case reference", a["ref"]], ["Agency", a["agency"]], ["Completed by", a["author"]["name"]],
              ["Role", a["author"]["role"]], ["Email", a["author"]["email"]], ["Phone", a["author"]["phone"]]])
    d.add_paragraph()
    table(d, [["Question", "Response"],
              ["Has your agency had involvement with the child or family? (Y/N)", "Y"],
              ["Involvement from", f(a["from"])], ["Involvement to", f(a["to"])],
              ["Summary of involvement", a["summary"]], ["Immediate actions taken", a["actions"]],
              ["Early learning identified", a["learning"]], ["Records secured? (Y/N)", "Y"],
              ["Approved by (manager)", a["signed"]], ["Date completed", f(a["done"])]],
          bold_cols=(0,), header=True)
    msg = eml(name, afrom(a), f"RE: {a['ref']} Request for agency return", when(a["done"], 15, 0),
              text="Return attached.\n\n" + a["author"]["name"], attachments=[(f"{a['ref']} return.docx", doc_bytes(d), *DOCX)])
    return msg, expected("agency_return", case_ref=a["ref"], agency_return=ret_exp(a)), "docx return, Y/N letters"


def a02_text_gp_nil(name: str) -> Out:
    a = ret_case(name, "Riverside Surgery", "Practice Manager", "nhs.net")
    text = (f"Dear Partnership,\n\nRe: {a['ref']}\n\nNIL RETURN\n\nAgency: {a['agency']}\n"
            "I can confirm that the child and the adults named are not registered with this practice and we have "
            "no record of any contact with them.\n\n"
            f"Checked and approved by: {a['signed']}\nDate: {fmt_date(a['done'], 'slash')}\n\n"
            f"{a['author']['name']}\n{a['author']['role']}\n{a['agency']}\n{a['author']['phone']}\n")
    msg = eml(name, afrom(a), f"{a['ref']} - agency return", when(a["done"], 12, 30), text=text)
    return msg, expected("agency_return", case_ref=a["ref"], agency_return=ret_exp(a, involved=False)), \
        "plain text nil return (GP)"


def a03_pdf_soffice_school(name: str) -> Out:
    a = ret_case(name, "Castle Batch Primary School", "Designated Safeguarding Lead", "school.northvale.sch.uk",
                 "school")
    f = lambda d: fmt_date(d, "ord")  # noqa: E731
    d = new_doc("Calibri", 11)
    heading(d, f"Individual Agency Summary - {a['ref']}", 1)
    for i, (q, v) in enumerate([("Agency", a["agency"]), ("Name of author", a["author"]["name"]),
                                ("Job title", a["author"]["role"]), ("Email", a["author"]["email"]),
                                ("Telephone", a["author"]["phone"]),
                                ("Was your agency involved with the child or family?", "Yes"),
                                ("Period of involvement", f"from {f(a['from'])} to {f(a['to'])}"),
                                ("Summary of involvement", a["summary"]),
                                ("Immediate actions taken", a["actions"]), ("Learning identified", a["learning"]),
                                ("Have records been secured?", "Yes"), ("Signed off by", a["signed"]),
                                ("Date", f(a["done"]))], 1):
        p = d.add_paragraph()
        p.add_run(f"{i}. {q}").bold = True
        d.add_paragraph(v)
    pdf = soffice_pdf(doc_bytes(d), "IAS")
    msg = eml(name, afrom(a), f"RE: {a['ref']} - Individual Agency Summary", when(a["done"], 16, 45),
              text=f"Please find our summary attached.\n\n{a['author']['name']}\nDSL",
              attachments=[("IAS.pdf", pdf, "application", "pdf")])
    return msg, expected("agency_return", case_ref=a["ref"], agency_return=ret_exp(a)), \
        "PDF from Word: numbered question-above-answer return"


def a04_html_health_return(name: str) -> Out:
    a = ret_case(name, "Northvale Community Health NHS Trust", "Named Nurse Safeguarding Children", "nhs.net")
    f = lambda d: fmt_date(d, "slash")  # noqa: E731
    rows = [("Case ref", a["ref"]), ("Organisation", a["agency"]), ("Author", a["author"]["name"]),
            ("Designation", a["author"]["role"]), ("Contact email", a["author"]["email"]),
            ("Contact number", a["author"]["phone"]), ("Involvement with child/family", "Yes"),
            ("Dates of involvement", f"{f(a['from'])} - {f(a['to'])}"), ("Summary", a["summary"]),
            ("Immediate actions", a["actions"]), ("Learning", a["learning"]), ("Records secured", "Yes"),
            ("Senior manager sign-off", a["signed"]), ("Date completed", f(a["done"]))]
    chron = "".join(f"<tr><td>{f(a['from'] + dt.timedelta(days=30 * k))}</td><td>Health visitor contact</td></tr>"
                    for k in range(3))
    html = ("<html><body><p>Dear colleagues, our return is below.</p><table border=1 cellspacing=0 cellpadding=3>" +
            "".join(f"<tr><td style='background:#dbe5f1'><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows) +
            "</table><p><b>Chronology (extract)</b></p><table border=1><tr><th>Date</th><th>Contact</th></tr>" +
            chron + "</table></body></html>")
    msg = eml(name, afrom(a), f"{a['ref']} rapid review return - health visiting", when(a["done"], 9, 40), html=html)
    return msg, expected("agency_return", case_ref=a["ref"], agency_return=ret_exp(a)), "HTML table return (health)"


def a05_html_ambulance_nil(name: str) -> Out:
    a = ret_case(name, "South Western Ambulance Service NHS Foundation Trust", "Safeguarding Practitioner", "nhs.net")
    html = (f"<html><body><p>Hello,</p><p>In response to your request for case {a['ref']}: <b>nil return</b>. "
            f"{a['agency']} has had no involvement with the child or family before the incident.</p>"
            f"<p>Authorised by {a['signed']}, {fmt_date(a['done'], 'long')}.</p>"
            f"<p>Kind regards<br>{a['author']['name']}<br>{a['author']['role']}<br>{a['agency']}<br>"
            f"T: {a['author']['phone']}</p></body></html>")
    msg = eml(name, afrom(a), f"RE: [{a['ref']}] Agency return requested", when(a["done"], 10, 10), html=html)
    return msg, expected("agency_return", case_ref=a["ref"], agency_return=ret_exp(a, involved=False)), \
        "HTML nil return (ambulance)"


def a06_text_csc_numbered(name: str) -> Out:
    a = ret_case(name, "Northvale Council Children's Services", "Service Manager, Safeguarding", "northvale.gov.uk",
                 "csc")
    f = lambda d: fmt_date(d, "dmy3")  # noqa: E731
    text = (f"{a['ref']} - return from Children's Services\n\n"
            f"1. Agency: {a['agency']}\n2. Author: {a['author']['name']}, {a['author']['role']}\n"
            f"   Email: {a['author']['email']}  Tel: {a['author']['phone']}\n"
            f"3. Involved with the child or family: Yes\n"
            f"4. Period of involvement: {f(a['from'])} to {f(a['to'])}\n"
            f"5. Summary of involvement:\n   {a['summary']}\n"
            f"6. Immediate actions:\n   {a['actions']}\n7. Learning:\n   {a['learning']}\n"
            f"8. Records secured: Yes\n9. Signed off by: {a['signed']}\n10. Date: {f(a['done'])}\n\n"
            f"-----Original Message-----\nFrom: {BOT}\nSent: {fmt_date(a['done'] - dt.timedelta(days=9), 'long')}\n"
            f"Subject: {a['ref']} Request for agency return\n\n"
            "Please complete the return for your agency: agency, author, involvement yes or no, dates, summary, "
            "actions, learning, whether records are secured, sign-off and date. Nil returns are needed too.\n")
    msg = eml(name, afrom(a), f"RE: {a['ref']} Request for agency return", when(a["done"], 17, 5), text=text)
    return msg, expected("agency_return", case_ref=a["ref"], agency_return=ret_exp(a)), \
        "plain text numbered return with the quoted request below"


def a07_pdf_reportlab_probation(name: str) -> Out:
    a = ret_case(name, "The Probation Service", "Senior Probation Officer", "justice.gov.uk", "probation")
    f = lambda d: fmt_date(d, "long")  # noqa: E731
    W = [60 * mm, 120 * mm]
    st = [P("The Probation Service - Rapid Review agency response", size=12, bold=True), Spacer(1, 4 * mm),
          rl_table([["Partnership case reference", a["ref"]], ["Responding agency", a["agency"]],
                    ["Officer", a["author"]["name"]], ["Grade", a["author"]["role"]],
                    ["Secure email", a["author"]["email"]], ["Telephone", a["author"]["phone"]]], W),
          Spacer(1, 4 * mm),
          rl_table([["Involvement with any family member?", "Yes - supervising an adult in the household"],
                    ["Start of involvement", f(a["from"])], ["End of involvement", f(a["to"])],
                    ["Summary", a["summary"]], ["Actions already taken", a["actions"]],
                    ["Early learning", a["learning"]], ["Records secured", "Yes"],
                    ["Countersigned by", a["signed"]], ["Date", f(a["done"])]], W)]
    pdf = build_pdf(st, "RR response", footer="OFFICIAL-SENSITIVE")
    msg = eml(name, afrom(a), f"{a['ref']} - Probation response", when(a["done"], 14, 14),
              text="Response attached.", attachments=[("response.pdf", pdf, "application", "pdf")])
    return msg, expected("agency_return", case_ref=a["ref"], agency_return=ret_exp(a)), "reportlab PDF return (probation)"


def a08_docx_housing_nil(name: str) -> Out:
    a = ret_case(name, "Brightwater Homes", "Tenancy Safeguarding Lead", "brightwaterhomes.org.uk")
    d = new_doc("Arial", 10)
    heading(d, "Agency return - rapid review", 1)
    table(d, [["Case ref", a["ref"]], ["Agency", a["agency"]], ["Name", a["author"]["name"]],
              ["Role", a["author"]["role"]], ["Email", a["author"]["email"]], ["Tel", a["author"]["phone"]],
              ["Involvement", "☐ Yes – complete the rest of this form\n☒ No – nil return, sign below"],
              ["Summary", ""], ["Immediate actions", ""], ["Learning", ""],
              ["Manager sign-off", a["signed"]], ["Date", fmt_date(a["done"], "iso")]])
    msg = eml(name, afrom(a), f"{a['ref']} return", when(a["done"], 11, 25), text="Nil return attached.",
              attachments=[("return.docx", doc_bytes(d), *DOCX)])
    return msg, expected("agency_return", case_ref=a["ref"], agency_return=ret_exp(a, involved=False)), \
        "docx nil return with ☒/☐ in one cell"


def a09_pdf_fillable_return(name: str) -> Out:
    from reportlab.pdfgen import canvas
    a = ret_case(name, "Avonmead Partnership NHS Trust", "CAMHS Safeguarding Lead", "nhs.net", "camhs")
    f = lambda d: fmt_date(d, "slash")  # noqa: E731
    b = io.BytesIO()
    cv = canvas.Canvas(b, pagesize=(595, 842))
    fm = cv.acroForm
    cv.setFont("Helvetica-Bold", 13)
    cv.drawString(40, 800, "Rapid Review - Agency Return (fillable)")
    y = 770
    for lab, fname, val, h in [("Case reference", "caseRef", a["ref"], 16), ("Agency", "agency", a["agency"], 16),
                               ("Author", "authorName", a["author"]["name"], 16),
                               ("Role", "authorRole", a["author"]["role"], 16),
                               ("Email", "authorEmail", a["author"]["email"], 16),
                               ("Phone", "authorPhone", a["author"]["phone"], 16),
                               ("Involved from", "invFrom", f(a["from"]), 16), ("Involved to", "invTo", f(a["to"]), 16),
                               ("Summary of involvement", "summary", a["summary"], 60),
                               ("Immediate actions", "actions", a["actions"], 40),
                               ("Learning", "learning", a["learning"], 40),
                               ("Signed off by", "signOff", a["signed"], 16),
                               ("Date completed", "dateCompleted", f(a["done"]), 16)]:
        y -= h + 10
        cv.setFont("Helvetica", 8)
        cv.drawString(40, y + h - 10, lab)
        fm.textfield(name=fname, x=180, y=y, width=370, height=h, value=val, fontSize=8, borderWidth=0.5,
                     fieldFlags="multiline" if h > 16 else "")
    for lab, fname in [("Agency involved with child/family", "involvedYes"), ("Records secured", "recordsSecured")]:
        y -= 24
        cv.drawString(40, y + 3, lab)
        fm.checkbox(name=fname, x=180, y=y, size=12, checked=True, buttonStyle="check")
    cv.save()
    msg = eml(name, afrom(a), f"{a['ref']} CAMHS return", when(a["done"], 13, 3), text="Attached.",
              attachments=[("return.pdf", b.getvalue(), "application", "pdf")])
    return msg, expected("agency_return", case_ref=a["ref"], agency_return=ret_exp(a)), \
        "fillable PDF return (camelCase field names, check boxes)"


# ------------------------------------------------------------------ command replies

def cmd(name: str, role_name: str, addr: str, first: str, quoted_subject: str, html: bool = False,
        verb: str | None = None, args: str | None = None, ref: str | None = None) -> Out:
    rng = random.Random(name)
    ref = ref or f"NS-CSPR-2026-{rng.randint(10, 60):03d}"
    sent = dt.datetime(2026, 11, rng.randint(16, 30), rng.randint(8, 17), rng.randint(0, 59), tzinfo=dt.timezone.utc)
    quoted = (f"From: {BOT}\nSent: {fmt_date(sent.date() - dt.timedelta(days=1), 'wday')} 09:00\n"
              f"To: {role_name} <{addr}>\nSubject: [{ref}] {quoted_subject}\n\n"
              f"Case {ref}: {quoted_subject.lower()}. Reply with one command on the first line, e.g. "
              f"DECISION: RAPID REVIEW or DECISION: NO RAPID REVIEW <reason>.\n")
    subj = f"RE: [{ref}] {quoted_subject}"
    if html:
        body = "<br>".join(first.split("\n"))
        h = (f"<html><body><div>{body}</div><div><br>Thanks<br>{role_name}</div><hr><div>" +
             quoted.replace("\n", "<br>") + "</div></body></html>")
        msg = eml(name, f"{role_name} <{addr}>", subj, sent, html=h)
    else:
        msg = eml(name, f"{role_name} <{addr}>", subj, sent,
                  text=first + "\n\n" + role_name + "\n\n" + "\n".join("> " + ln for ln in quoted.split("\n")))
    command = {"verb": verb, "args": args} if verb else None
    return msg, expected("reply", case_ref=ref, command=command), "command reply quoting the thread"


def c01_decision_rr(name: str) -> Out:
    return cmd(name, "Catriona Gillespie", "catriona.gillespie@n-somerset.gov.uk",
               "DECISION: RAPID REVIEW\nAGENCIES: Wessex Police, Riverside Surgery, Castle Batch Primary School",
               "Referral received - screening decision needed", html=True, verb="DECISION")


def c02_notified(name: str) -> Out:
    return cmd(name, "Bronwen Trelawny", "bronwen.trelawny@n-somerset.gov.uk", "NOTIFIED: 2026-11-19",
               "Panel notification due", verb="NOTIFIED", args="2026-11-19")


def c03_not_a_referral(name: str) -> Out:
    return cmd(name, "Hazel Kinsella", "hazel.kinsella@n-somerset.gov.uk",
               "NOT A REFERRAL: child protection enquiry for the front door, passed to MASH",
               "Provisional referral - please confirm", verb="NOT A REFERRAL")


def c04_correct(name: str) -> Out:
    return cmd(name, "Hazel Kinsella", "hazel.kinsella@n-somerset.gov.uk",
               "CORRECT child.date_of_birth: 2019-04-14", "Referral received - fields to check",
               html=True, verb="CORRECT")


def c05_submitted(name: str) -> Out:
    return cmd(name, "Hazel Kinsella", "hazel.kinsella@n-somerset.gov.uk", "SUBMITTED: 2026-11-27",
               "Rapid review due to the Panel", verb="SUBMITTED", args="2026-11-27")


def c06_looked_after(name: str) -> Out:
    return cmd(name, "Bronwen Trelawny", "bronwen.trelawny@n-somerset.gov.uk", "LOOKED AFTER: YES",
               "Referral received - screening decision needed", verb="LOOKED AFTER")


def c07_reply_no_command(name: str) -> Out:
    return cmd(name, "Warren Venables", "warren.venables@wessex.police.uk",
               "Thanks - noted. I will make sure our review team has the date in the diary.",
               "Rapid review meeting arranged", html=False, verb=None)


# ------------------------------------------------------------------ noise

def n01_ooo_headers_html(name: str) -> Out:
    ref = "NS-CSPR-2026-044"
    html = ("<html><body><p>Thank you for your email. I am out of the office until Monday 7 December with limited "
            "access to email. For urgent safeguarding matters please contact the duty desk on 01632 960555.</p>"
            "<p>Faisal Rahman</p></body></html>")
    msg = eml(name, "Faisal Rahman <faisal.rahman@nhs.net>", f"Automatic reply: [{ref}] Request for agency return",
              when(dt.date(2026, 11, 24), 9, 1), html=html,
              headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"})
    return msg, expected("auto_reply", case_ref=ref), "OOO HTML with Auto-Submitted"


def n02_ooo_no_headers(name: str) -> Out:
    ref = "NS-CSPR-2026-038"
    text = ("I am currently on annual leave returning on 14/12/2026. If your email is regarding a rapid review "
            "or a referral please forward it to the safeguarding team inbox.\n\nImran Chaudhry\n")
    msg = eml(name, "Imran Chaudhry <imran.chaudhry@northvale.gov.uk>", f"Out of Office: RE: {ref} chaser",
              when(dt.date(2026, 11, 25), 9, 1), text=text)
    return msg, expected("auto_reply", case_ref=ref), "OOO text without headers, mentions referral"


def n03_read_receipt(name: str) -> Out:
    from email import policy
    from email.mime.base import MIMEBase
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText
    ref = "NS-CSPR-2026-051"
    m = MIMEMultipart("report", report_type="disposition-notification")
    m["From"] = "Colin Northcott <colin.northcott@northvale.gov.uk>"
    m["To"] = "NorthSomersetSafeguardingChildrenPartnership@n-somerset.gov.uk"
    m["Subject"] = f"Read: [{ref}] Referral received"
    m["Date"] = "Tue, 24 Nov 2026 10:02:11 +0000"
    m["Message-ID"] = "<h7.n03.read@mail.h7.example>"
    m.attach(MIMEText(f"Your message\n\n  Subject: [{ref}] Referral received\n\nwas read on 24/11/2026 10:02.\n"))
    mdn = MIMEBase("message", "disposition-notification")
    mdn.set_payload("Reporting-UA: mail.northvale.gov.uk\nFinal-Recipient: rfc822;colin.northcott@northvale.gov.uk\n"
                    "Disposition: manual-action/MDN-sent-manually; displayed\n")
    m.attach(mdn)
    return m.as_bytes(policy=policy.SMTP), expected("auto_reply", case_ref=ref), "read receipt (MDN)"


def n04_calendar_invite(name: str) -> Out:
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//h7//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
           "UID:h7-n04@h7.example\r\nDTSTART:20261210T100000Z\r\nDTEND:20261210T120000Z\r\n"
           "SUMMARY:Rapid reviews and LCSPRs - multi-agency training\r\nORGANIZER:mailto:training@example.org\r\n"
           "END:VEVENT\r\nEND:VCALENDAR\r\n")
    msg = eml(name, "Training Team <training@example.org>", "Invitation: Rapid reviews and LCSPRs - training",
              when(dt.date(2026, 11, 20), 13, 0),
              text="You are invited to multi-agency training on referring serious incidents and how rapid reviews "
                   "work, 10 December 10:00-12:00 on Teams.",
              attachments=[("invite.ics", ics.encode(), "text", "calendar")])
    return msg, expected("unknown"), "calendar invitation about rapid-review training"


def n05_vendor(name: str) -> Out:
    html = ("<html><body><h2>Make every referral count</h2><p>Our case management platform helps partnerships "
            "track referrals, rapid reviews and child safeguarding practice reviews. Book a demo today.</p>"
            "<p><a href='https://vendor.example.com/demo'>Book a demo</a> | "
            "<a href='https://vendor.example.com/unsub'>Unsubscribe</a></p></body></html>")
    msg = eml(name, "SafeCase Software <news@vendor.example.com>", "Are your rapid reviews on time?",
              when(dt.date(2026, 11, 18), 7, 30), html=html, headers={"List-Unsubscribe": "<https://vendor.example.com/unsub>"})
    return msg, expected("unknown"), "vendor marketing mail mentioning referrals and rapid reviews"


_ = (Any, colors, soffice_pdf, yn)


# ------------------------------------------------------------------ added after the first draft

def a10_docx_letterhead_return(name: str) -> Out:
    """The agency is named only in the letterhead (page header) and the signature, not in a field."""
    a = ret_case(name, "Northvale Youth Justice Service", "Operational Manager", "northvale.gov.uk", "csc")
    f = lambda d: fmt_date(d, "long")  # noqa: E731
    d = new_doc("Arial", 10)
    hp = d.sections[0].header.paragraphs[0]
    hp.text = f"{a['agency']}  |  Safeguarding  |  OFFICIAL-SENSITIVE"
    d.add_paragraph(f"Rapid review information request - {a['ref']}").runs[0].bold = True
    table(d, [["Name of author", a["author"]["name"]], ["Job title", a["author"]["role"]],
              ["Email", a["author"]["email"]], ["Phone", a["author"]["phone"]],
              ["Is the child or family known to your service?", "Yes"],
              ["Dates of involvement (from)", f(a["from"])], ["Dates of involvement (to)", f(a["to"])],
              ["Brief summary of involvement", a["summary"]], ["Actions taken since the incident", a["actions"]],
              ["Any learning already identified", a["learning"]], ["Records secured", "Yes"],
              ["Agreed by", a["signed"]], ["Date", f(a["done"])]])
    d.add_paragraph(f"\n{a['author']['name']}\n{a['author']['role']}\n{a['agency']}")
    msg = eml(name, afrom(a), f"RE: {a['ref']} information request", when(a["done"], 12, 5),
              text=f"Hello, our response is attached.\n\n{a['author']['name']}",
              attachments=[("response.docx", doc_bytes(d), *DOCX)])
    return msg, expected("agency_return", case_ref=a["ref"], agency_return=ret_exp(a)), \
        "docx return, agency only in the letterhead and signature"


def c08_disagree(name: str) -> Out:
    return cmd(name, "Helena Blackmore", "helena.blackmore@nhs.net",
               "DISAGREE: neglect is suspected and the child was seriously harmed; please ask the AD to decide",
               "Screening decision: no rapid review", html=True, verb="DISAGREE")


def c09_panel(name: str) -> Out:
    return cmd(name, "Hazel Kinsella", "hazel.kinsella@n-somerset.gov.uk", "PANEL: NATIONAL REVIEW",
               "Awaiting the Panel's response", verb="PANEL")
