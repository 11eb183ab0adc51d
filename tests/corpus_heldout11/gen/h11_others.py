"""Held-out set 11: narratives, the unreadable attachment, agency returns, commands and noise."""

from __future__ import annotations

import datetime as dt
import html as H
import io
import random
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Spacer

import h11_data as D
from h11_data import fmt_date as F
from h11_referrals import DOCX, PDF, R, Ret, frm, latin1, wrap_for
from h11_render import P, build_pdf, doc_bytes, eml, heading, new_doc, rl_table, soffice_pdf, table, when

TODAY = dt.date(2026, 12, 4)


def narrative_expected(c: dict[str, Any], child: dict[str, Any], crit: dict[str, Any]) -> dict[str, Any]:
    rf = c["referrer"]
    ch = {k: None for k in ("name", "date_of_birth", "home_address", "carer", "incident_date", "incident_location",
                            "ethnicity", "faith", "disability", "child_protection_plan")}
    ch.update({k: D.iso(v) for k, v in child.items()})
    return {"kind": "referral", "case_ref": None, "referral": {
        "referrer": {"name": rf["name"], "email": rf["email"], "role": rf["role"], "phone": rf["phone"],
                     "agency": rf["agency"], "date_submitted": None},
        "child": ch, "family": [],
        "criteria": {"child_died": None, "seriously_harmed": None, "abuse_or_neglect": None, "agency_concern": None, **crit},
        "summary": None, "other_agencies": [], "other_processes": []}, "agency_return": None, "command": None}


def r14_narr_text_ambulance(name: str) -> Ret:
    rng = R(name)
    ag = D.AGENCIES[4]
    rf = D.professional(rng, ag)
    c = {"referrer": rf}
    inc = TODAY - dt.timedelta(days=1)
    dob = dt.date(2022, 8, 9)
    child = f"{rng.choice(D.FIRST_F)} {rng.choice(D.SURN)}"
    sib = f"{rng.choice(D.FIRST_M)} {child.split(' ', 1)[1]}"
    addr = D.address(rng)
    body = (f"Good morning,\n\nI work in the SWASFT safeguarding team and I think the following needs to come to the CSPR sub-group.\n\n"
            f"On {F(inc, 'wday')} a crew attended the family home at {addr}, where {child} (DOB {F(dob, 'slash')}) was found with burns to both "
            f"hands and feet, consistent with immersion. Mum said her brother {sib}, aged 9, ran the bath. "
            f"{child.split()[0]} was taken to the Bristol Royal Hospital for Children and is in the burns unit; she has been "
            f"seriously harmed and the crew suspect this was not accidental. Police (ASP) and CSC attended the hospital.\n\n"
            f"I have not used your form because I only have what the crew recorded. Happy to complete it if you need it.\n\n"
            f"Kind regards\n\n{rf['name']}\n{rf['role']}\nSouth Western Ambulance Service NHS Foundation Trust\n"
            f"Mobile: {rf['phone']}\n{rf['email']}\n")
    rf["agency"] = "South Western Ambulance Service NHS Foundation Trust"
    exp = narrative_expected(c, {"name": child, "date_of_birth": dob, "home_address": addr, "incident_date": inc,
                                 "incident_location": "the family home"},
                             {"child_died": False, "seriously_harmed": True, "abuse_or_neglect": "suspected"})
    m = eml(name, frm(rf), "Possible CSPR referral - SWASFT", when(TODAY, 8, 12), text=body)
    return m, exp, "narrative text mail (ambulance), written date without year, acronyms"


def r15_narr_html_hospital(name: str) -> Ret:
    rng = R(name)
    rf = D.professional(rng, D.AGENCIES[0])
    rf["role"] = "Consultant Paediatrician"
    inc = TODAY - dt.timedelta(days=2)
    dob = dt.date(2026, 5, 21)
    child = f"Baby {rng.choice(D.FIRST_M)} {rng.choice(D.SURN)}"
    html = ('<html><body style="font-family:Calibri"><p>Dear colleagues,</p>'
            f"<p>I am writing to refer <b>{H.escape(child)}</b>, DOB {F(dob, 'dot2')}, who was admitted to Weston General "
            f"Hospital on {F(inc, 'ord_mon')} with a fractured femur and multiple bruises of different ages. A skeletal survey "
            "shows further healing rib fractures. Abuse is suspected; the parents' accounts are inconsistent.</p>"
            "<p>CSC have held a strategy discussion, ASP are investigating, and the GP surgery and HV service had seen the baby "
            "three times in October without recording any bruising, so I think there is learning about how we share and "
            "escalate concerns between agencies.</p>"
            f"<p>Kind regards,</p><p><b>Dr {H.escape(rf['name'])}</b><br>{H.escape(rf['role'])}<br>UHBW (Weston General Hospital)<br>"
            f"Tel {H.escape(rf['phone'])} | {H.escape(rf['email'])}</p></body></html>")
    rf["agency"] = "UHBW"
    exp = narrative_expected({"referrer": rf}, {"name": child, "date_of_birth": dob, "incident_date": inc},
                             {"child_died": False, "seriously_harmed": True, "abuse_or_neglect": "suspected",
                              "agency_concern": True})
    m = eml(name, frm(rf), "Referral - infant with fractures", when(TODAY, 9, 30), html=html)
    return m, exp, "narrative HTML mail (hospital consultant), agencies by acronym"


def r16_unreadable_corrupt_docx(name: str) -> Ret:
    rng = R(name)
    rf = D.professional(rng, D.AGENCIES[7])
    c = D.make_case(rng)
    d = new_doc()
    d.add_paragraph("CSPR referral " + c["child"]["name"])
    data = doc_bytes(d)
    broken = data[: len(data) // 3]  # the upload was cut off: a truncated zip
    inc = TODAY - dt.timedelta(days=3)
    child = c["child"]["name"]
    body = (f"Hello,\n\nPlease find attached our referral about {child}, one of our Year 10 pupils, who died on "
            f"{F(inc, 'ord_long')} at home. We are worried there was neglect at home that we did not pick up.\n\n"
            f"{rf['name']}\n{rf['role']}\n{rf['agency']}\nTel: {rf['phone']}\n")
    exp = narrative_expected({"referrer": rf}, {"name": child, "incident_date": inc, "incident_location": "home"},
                             {"child_died": True, "abuse_or_neglect": "suspected"})
    m = eml(name, frm(rf), "CSPR referral (form attached)", when(TODAY, 13, 3), text=body,
            attachments=[("CSPR referral form.docx", broken, *DOCX)])
    return m, exp, "unreadable attachment (truncated .docx); facts from the mail"


def r22_narr_text_health_visitor(name: str) -> Ret:
    rng = R(name)
    rf = D.professional(rng, D.AGENCIES[5])
    rf["role"] = "Health Visitor"
    sur = rng.choice(D.SURN)
    baby = f"{rng.choice(D.FIRST_F)} {sur}"
    sister = f"{rng.choice(D.FIRST_F)} {sur}"
    dob = dt.date(2026, 9, 30)
    sdob = dt.date(2023, 2, 11)
    inc = TODAY - dt.timedelta(days=4)
    addr = D.address(rng)
    body = (f"Hi,\n\nSadly {baby} (born {F(dob, 'ord_mon')}) of {addr} died on {F(inc, 'ord_mon')} after being found "
            f"unresponsive in her cot. Her big sister {sister} ({F(sdob, 'dot2')}) was also at home. Mum told me at the "
            "last contact that dad had been drinking heavily and there were arguments; I did not pass this on. Neglect is "
            "suspected by the police.\n\nI have been told to send this to you as a referral; the manager will follow up.\n\n"
            f"{rf['name']}\nHealth Visitor, Sirona care & health\n{rf['phone']}\n")
    rf["agency"] = "Sirona care & health"
    exp = narrative_expected({"referrer": rf}, {"name": baby, "date_of_birth": dob, "home_address": addr, "incident_date": inc},
                             {"child_died": True, "abuse_or_neglect": "suspected"})
    m = eml(name, frm(rf), "baby death - referral", when(TODAY, 17, 46), text=body)
    return m, exp, "narrative text mail (health visitor), sister named with DOB"


# ---------------------------------------------------------------- agency returns

def _ret(rng: random.Random, ag_i: int, ref: str, involved: bool = True) -> dict[str, Any]:
    ag = D.AGENCIES[ag_i]
    a = D.professional(rng, ag)
    s = D.professional(rng, ag)
    txt = rng.choice(D.RETURN_TEXTS)
    n = rng.randint(3, 9)
    frm_d = dt.date(2025, rng.randint(1, 11), rng.randint(1, 27))
    to_d = TODAY - dt.timedelta(days=rng.randint(3, 20))
    return {"ref": ref, "agency": ag[0], "short": ag[1], "author": a, "signer": s["name"], "signer_role": "Head of Safeguarding",
            "involved": involved, "from": frm_d if involved else None, "to": to_d if involved else None,
            "summary": txt[0].format(n=n) if involved else None, "actions": txt[1] if involved else None,
            "learning": txt[2] if involved else None, "records": True if involved else None,
            "done": TODAY - dt.timedelta(days=rng.randint(0, 2))}


def ret_expected(r: dict[str, Any], **over: Any) -> dict[str, Any]:
    a = r["author"]
    e = {"agency": r["agency"], "author": {"name": a["name"], "role": a["role"], "email": a["email"], "phone": a["phone"]},
         "involved": r["involved"], "involvement_from": D.iso(r["from"]), "involvement_to": D.iso(r["to"]),
         "summary": r["summary"], "immediate_actions": r["actions"], "learning": r["learning"],
         "records_secured": r["records"], "signed_off_by": r["signer"], "date_completed": D.iso(r["done"])}
    e.update(over)
    return {"kind": "agency_return", "case_ref": r["ref"], "referral": None, "agency_return": e, "command": None}


def a01_docx_yn_columns(name: str) -> Ret:
    rng = R(name)
    r = _ret(rng, 0, "NS-CSPR-2026-311")
    a = r["author"]
    ds = "ord_mon"
    doc = new_doc("Arial", 10)
    heading(doc, "Rapid Review - Agency Information Return", 1)
    table(doc, [["Case reference", r["ref"]], ["Agency", r["agency"]], ["Completed by", a["name"]], ["Role", a["role"]],
                ["E-mail", a["email"]], ["Telephone", a["phone"]]], fill="D0CECE")
    doc.add_paragraph()
    table(doc, [["", "Y", "N"], ["Has your agency had any involvement with the child or family?", "✓", ""],
                ["Have your records been secured?", "✓", ""]], header=True, fill="D0CECE")
    doc.add_paragraph()
    table(doc, [["Question", "Response"],
                ["Period of involvement", f"{F(r['from'], ds)} to {F(r['to'], ds)}"],
                ["Summary of involvement", r["summary"]], ["Immediate actions taken", r["actions"]],
                ["Initial learning", r["learning"]], ["Signed off by (name and role)", f"{r['signer']}, {r['signer_role']}"],
                ["Date", F(r["done"], ds)]], header=True, fill="D0CECE")
    m = eml(name, frm(a), f"RE: {r['ref']} rapid review - information request", when(r["done"], 15, 0),
            text=f"Our return for {r['ref']} is attached.\n\n{a['name']}",
            attachments=[(f"{r['ref']} UHBW return.docx", doc_bytes(doc), *DOCX)])
    return m, ret_expected(r), "docx, Question/Response grid, ✓ in Y/N columns"


def a02_pdf_soffice_nil_struck(name: str) -> Ret:
    rng = R(name)
    r = _ret(rng, 8, "NS-CSPR-2026-311", involved=False)
    a = r["author"]
    ds = "long"
    doc = new_doc("Liberation Sans", 10)
    heading(doc, "Agency return for a Rapid Review", 1)
    table(doc, [["Case reference", r["ref"]], ["Agency", r["agency"]], ["Name", a["name"]], ["Role", a["role"]],
                ["E-mail", a["email"]], ["Telephone", a["phone"]]], fill="EDEDED")
    p = doc.add_paragraph()
    p.add_run("Involvement (delete as appropriate):  This agency ")
    x = p.add_run("HAS")
    x.font.strike = True
    p.add_run(" / HAS NOT had involvement with the child or family.")
    doc.add_paragraph("If your agency has had no involvement, sign below and return the form; you need not complete sections 2-5.")
    table(doc, [["2. Dates of involvement", ""], ["3. Summary", ""], ["4. Immediate actions", ""], ["5. Learning", ""],
                ["Records secured (Y/N)", ""], ["Authorised by", r["signer"]], ["Date", F(r["done"], ds)]], fill="EDEDED")
    pdf = soffice_pdf(doc_bytes(doc), "return")
    m = eml(name, frm(a), f"{r['ref']} - return", when(r["done"], 10, 20),
            text=f"Please see attached - the Probation Service has no record of the family.\n\n{a['name']}",
            attachments=[(f"{r['ref']} return.pdf", pdf, *PDF)])
    return m, ret_expected(r), "PDF by LibreOffice, nil return by strike-through (text layer shows both words)"


def a03_html_awp_acronym(name: str) -> Ret:
    rng = R(name)
    r = _ret(rng, 1, "NS-CSPR-2026-314")
    a = r["author"]
    ds = "slash"
    r["agency"] = "AWP"
    rows = [("Agency", "AWP"), ("Name", a["name"]), ("Role", a["role"]), ("Email", a["email"]), ("Phone", a["phone"]),
            ("Involved with child/family?", "Yes"), ("From", F(r["from"], ds)), ("To", F(r["to"], ds)),
            ("Summary", r["summary"]), ("Immediate actions", r["actions"]), ("Learning", r["learning"]),
            ("Records secured?", "Yes"), ("Signed off", f"{r['signer']} ({r['signer_role']})"), ("Date", F(r["done"], ds))]
    html = ('<html><body><p>Hi, AWP return below.</p><table border="1" cellpadding="3" style="border-collapse:collapse">' +
            "".join(f"<tr><td><b>{H.escape(k)}</b></td><td>{H.escape(v)}</td></tr>" for k, v in rows) +
            f"</table><p>{H.escape(a['name'])}</p><hr><p><b>From:</b> csprbot &lt;cspr.referrals@n-somerset.gov.uk&gt;<br>"
            f"<b>Subject:</b> {r['ref']}: rapid review - your agency's return is requested</p>"
            "<blockquote><p>Please complete the return for your agency within 10 working days: involvement, dates, summary, "
            "immediate actions, learning, records secured, sign-off.</p></blockquote></body></html>")
    m = eml(name, frm(a), f"RE: {r['ref']}: rapid review - your agency's return is requested", when(r["done"], 11, 45), html=html)
    return m, ret_expected(r), "HTML table above the quoted request, agency by acronym"


def a04_text_return_two_digit_years(name: str) -> Ret:
    rng = R(name)
    r = _ret(rng, 2, "NS-CSPR-2026-314")
    a = r["author"]
    ds = "dmy2"
    body = (f"{r['ref']} - POLICE RETURN\n\nAgency ........ {r['agency']}\nOfficer ....... {a['name']}, {a['role']}\n"
            f"Contact ....... {a['phone']} / {a['email']}\n\nKnown to us: YES, from {F(r['from'], ds)} to {F(r['to'], ds)}\n\n"
            f"What we knew:\n{r['summary']}\n\nWhat we have done since:\n{r['actions']}\n\nEarly learning:\n{r['learning']}\n\n"
            f"Records secured: YES (Niche OEL restricted)\nQA'd by: {r['signer']}, {r['signer_role']}\n"
            f"Completed: {F(r['done'], ds)}\n")
    m = eml(name, frm(a), f"{r['ref']} police return", when(r["done"], 16, 2), text=body)
    return m, ret_expected(r), "plain text, dot-leader labels, two-digit years"


def a05_pdf_fillable_generic(name: str) -> Ret:
    rng = R(name)
    r = _ret(rng, 5, "NS-CSPR-2026-318")
    while not latin1(r):
        r = _ret(rng, 5, "NS-CSPR-2026-318")
    a = r["author"]
    b = io.BytesIO()
    cv = rl_canvas.Canvas(b, pagesize=A4)
    af = cv.acroForm
    n = [0]

    def tf(label: str, v: str, y: float, h: float = 16) -> None:
        n[0] += 1
        cv.setFont("Helvetica", 8)
        cv.drawString(40, y + h - 10, label)
        af.textfield(name=f"Text{n[0]}", value=wrap_for(v, 360, 8) if h > 16 else v, x=200, y=y, width=360, height=h, fontName="Helvetica", fontSize=8,
                     borderWidth=0.5, fieldFlags="multiline" if h > 16 else "")

    def cb(label: str, v: bool, y: float) -> None:
        cv.setFont("Helvetica", 8)
        cv.drawString(40, y + 2, label)
        for i, (lab, on) in enumerate([("Yes", v), ("No", not v)]):
            n[0] += 1
            af.checkbox(name=f"Check Box{n[0]}", checked=on, x=200 + i * 60, y=y, size=10, buttonStyle="check")
            cv.drawString(213 + i * 60, y + 2, lab)
    cv.setFont("Helvetica-Bold", 12)
    cv.drawString(40, 800, "Individual Agency Summary")
    y = 760
    for lab, v in [("Case reference", r["ref"]), ("Agency", r["agency"]), ("Author", a["name"]), ("Job title", a["role"]),
                   ("Email", a["email"]), ("Phone", a["phone"])]:
        tf(lab, v, y)
        y -= 24
    cb("Involvement with child or family", True, y)
    y -= 24
    tf("Involvement started", F(r["from"], "slash"), y)
    y -= 24
    tf("Involvement ended", F(r["to"], "slash"), y)
    y -= 70
    tf("Summary of involvement", r["summary"], y, h=56)
    y -= 60
    tf("Immediate actions", r["actions"], y, h=40)
    y -= 60
    tf("Learning identified", r["learning"], y, h=40)
    y -= 24
    cb("Records secured", True, y)
    y -= 24
    tf("Signed off by", r["signer"], y)
    y -= 24
    tf("Date", F(r["done"], "slash"), y)
    cv.save()
    m = eml(name, frm(a), f"{r['ref']} Individual Agency Summary", when(r["done"], 12, 0), text="Attached.",
            attachments=[("IAS.pdf", b.getvalue(), *PDF)])
    return m, ret_expected(r), "fillable PDF, generic field names (Text1, Check Box7)"


def a06_text_nil_oneliner(name: str) -> Ret:
    rng = R(name)
    r = _ret(rng, 4, "NS-CSPR-2026-318", involved=False)
    a = r["author"]
    r["signer"] = None  # no sign-off on a one-line nil return
    r["agency"] = "SWASFT"
    body = (f"Nil return for {r['ref']}: no SWASFT contact with the child or family in the last three years.\n"
            f"Date: {F(r['done'], 'ord_mon')}\n\nRegards\n{a['name']}\n{a['role']}\nSWASFT\nT: {a['phone']}\n{a['email']}\n")
    m = eml(name, frm(a), f"{r['ref']} nil return", when(r["done"], 9, 1), text=body)
    return m, ret_expected(r), "plain text one-line nil return, agency by acronym"


def a07_pdf_csc_labels_below(name: str) -> Ret:
    rng = R(name)
    r = _ret(rng, 3, "NS-CSPR-2026-320")
    a = r["author"]
    ds = "mon_dash"
    W = A4[0] - 30 * mm

    def under(pairs: list[tuple[str, str]]) -> Any:
        vals = [P(v, size=9) for _, v in pairs]
        caps = [P(k, size=6.5, color=__import__("reportlab.lib.colors", fromlist=["grey"]).grey) for k, _ in pairs]
        t = rl_table([vals, caps], [W / len(pairs)] * len(pairs), label_cols=(), grid=False)
        from reportlab.platypus import TableStyle
        t.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, 0), 0.6, __import__("reportlab.lib.colors", fromlist=["black"]).black)]))
        return t
    st: list[Any] = [P("Children's Social Care - Rapid Review agency return", size=12, bold=True), Spacer(1, 8),
                     under([("Case reference", r["ref"]), ("Agency", r["agency"])]), Spacer(1, 6),
                     under([("Completed by", a["name"]), ("Role", a["role"]), ("E-mail", a["email"]), ("Telephone", a["phone"])]),
                     Spacer(1, 6),
                     under([("Known to CSC?", "Yes"), ("Open from", F(r["from"], ds)), ("Closed / last contact", F(r["to"], ds))]),
                     Spacer(1, 6), under([("Summary of involvement", r["summary"])]), Spacer(1, 6),
                     under([("Immediate actions", r["actions"])]), Spacer(1, 6), under([("Learning so far", r["learning"])]),
                     Spacer(1, 6),
                     under([("Records secured", "Yes"), ("Signed off by", r["signer"]), ("Date", F(r["done"], ds))])]
    pdf = build_pdf(st, "CSC return")
    m = eml(name, frm(a), f"{r['ref']} CSC return", when(r["done"], 14, 14), text=f"CSC return attached.\n{a['name']}",
            attachments=[("CSC return.pdf", pdf, *PDF)])
    return m, ret_expected(r), "PDF (reportlab), values above their captions"


def a08_pdf_ocr_gp(name: str) -> Ret:
    from PIL import Image, ImageDraw, ImageFilter, ImageFont
    from reportlab.lib.utils import ImageReader
    rng = R(name)
    r = _ret(rng, 6, "NS-CSPR-2026-320")
    while not latin1(r):  # the OCR layer is drawn in a standard font
        r = _ret(rng, 6, "NS-CSPR-2026-320")
    a = r["author"]
    ds = "slash"
    lines = [("GP PRACTICE RETURN - RAPID REVIEW", ""), ("Case ref:", r["ref"]), ("Practice:", r["agency"]),
             ("Completed by:", a["name"]), ("Role:", a["role"]), ("Email:", a["email"]), ("Tel:", a["phone"]),
             ("Involvement with family:", "[X] Yes  [ ] No"),
             ("Period:", f"{F(r['from'], ds)} - {F(r['to'], ds)}"), ("Summary:", r["summary"]),
             ("Actions taken:", r["actions"]), ("Learning:", r["learning"]), ("Records secured:", "[X] Yes  [ ] No"),
             ("Signed off by:", r["signer"]), ("Date:", F(r["done"], ds))]
    wrapped = []
    for lab, v in lines:
        words, cur, first = v.split(" "), "", True
        for w in words:
            if len(cur) + len(w) > 80 - len(lab) and cur:
                wrapped.append((lab if first else "", cur))
                first, cur = False, w
            else:
                cur = (cur + " " + w).strip()
        wrapped.append((lab if first else "", cur))
    img = Image.new("L", (1240, 1754), 248)
    dr = ImageDraw.Draw(img)
    fb = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 18)
    fn = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 18)
    y = 80
    for lab, v in wrapped:
        dr.text((80, y), lab, font=fb, fill=25)
        dr.text((80 + (dr.textlength(lab, font=fb) + 12 if lab else 0), y), v, font=fn, fill=30)
        y += 30
    img = img.rotate(-0.4, fillcolor=240).filter(ImageFilter.GaussianBlur(0.7))
    ib = io.BytesIO()
    img.convert("RGB").save(ib, format="JPEG", quality=50)
    ib.seek(0)
    b = io.BytesIO()
    cv = rl_canvas.Canvas(b, pagesize=A4)
    cv.drawImage(ImageReader(ib), 0, 0, width=A4[0], height=A4[1])
    sx = A4[0] / 1240
    ocr = {"Case ref:": "Case ref:", "Practice:": "Practlce:", "Completed by:": "Cornpleted by:", "Role:": "Ro1e:",
           "Email:": "Ernail:", "Tel:": "Te1:", "Involvement with family:": "Invo1vement with farni1y:",
           "Period:": "Perlod:", "Summary:": "Surnrnary:", "Actions taken:": "Actlons taken:", "Learning:": "Learnlng:",
           "Records secured:": "Records secured;", "Signed off by:": "Slgned 0ff by:", "Date:": "Date:"}
    for i, (lab, v) in enumerate(wrapped):
        t = cv.beginText()
        t.setTextRenderMode(3)
        t.setFont("Helvetica", 10)
        t.setTextOrigin(80 * sx, A4[1] - (80 + i * 30 + 18) * sx)
        t.textLine((ocr.get(lab, lab) + " " + v.replace("[X]", "[Xl")).strip())
        cv.drawText(t)
    cv.save()
    m = eml(name, frm(a), f"{r['ref']} - GP return (scanned)", when(r["done"], 13, 30), text="Scanned return attached.",
            attachments=[("scan20261203.pdf", b.getvalue(), *PDF)])
    return m, ret_expected(r), "scanned page with OCR text layer (label errors, [Xl)"


def a09_html_portal_nil_highlight(name: str) -> Ret:
    rng = R(name)
    r = _ret(rng, 7, "NS-CSPR-2026-322", involved=False)
    a = r["author"]

    def hl(opts: list[str], chosen: str) -> str:
        return " ".join(f'<span style="background:#FFFF00"><b>{o}</b></span>' if o == chosen else f'<span style="color:#999">{o}</span>'
                        for o in opts)
    rows = [("Case reference", r["ref"]), ("Agency", r["agency"]), ("Your name", a["name"]), ("Your role", a["role"]),
            ("Email", a["email"]), ("Phone", a["phone"])]
    html = ("<html><body><p>A rapid review return was submitted.</p><table border='1' cellpadding='4'>" +
            "".join(f"<tr><th align='left'>{k}</th><td>{H.escape(v)}</td></tr>" for k, v in rows) +
            f"<tr><th align='left'>Has your agency had involvement?</th><td>{hl(['Yes', 'No'], 'No')}</td></tr>"
            "<tr><th align='left'>Dates of involvement</th><td></td></tr><tr><th align='left'>Summary</th><td></td></tr>"
            "<tr><th align='left'>Immediate actions</th><td></td></tr><tr><th align='left'>Learning</th><td></td></tr>"
            f"<tr><th align='left'>Records secured</th><td>{hl(['Yes', 'No', 'N/A'], 'N/A')}</td></tr>"
            f"<tr><th align='left'>Signed off by</th><td>{H.escape(r['signer'])}</td></tr>"
            f"<tr><th align='left'>Date</th><td>{F(r['done'], 'wday_y')}</td></tr></table></body></html>")
    m = eml(name, "Partnership Portal <portal-noreply@n-somerset.gov.uk>", f"Portal: agency return {r['ref']}",
            when(r["done"], 10, 10), html=html, headers={"Reply-To": a["email"]})
    return m, ret_expected(r), "HTML portal export, nil return, chosen option highlighted"


def a10_docx_bilingual_return(name: str) -> Ret:
    rng = R(name)
    r = _ret(rng, 6, "NS-CSPR-2026-322")
    a = r["author"]
    r["agency"] = "Cardiff and Vale University Health Board"
    a["email"] = a["email"].split("@")[0] + "@wales.nhs.uk"
    ds = "long"
    doc = new_doc("Arial", 10)
    heading(doc, "Ffurflen Ymateb Asiantaeth / Agency Return Form", 1)
    table(doc, [["Cyfeirnod / Reference", r["ref"]], ["Asiantaeth / Agency", r["agency"]], ["Enw / Name", a["name"]],
                ["Swydd / Role", a["role"]], ["E-bost / Email", a["email"]], ["Ffôn / Phone", a["phone"]],
                ["Cysylltiad â'r teulu? / Involved with the family?", "Ie / Yes"],
                ["O / From", F(r["from"], ds)], ["Hyd at / To", F(r["to"], ds)],
                ["Crynodeb / Summary", r["summary"]], ["Camau ar unwaith / Immediate actions", r["actions"]],
                ["Dysgu / Learning", r["learning"]], ["Cofnodion wedi'u diogelu? / Records secured?", "Ie / Yes"],
                ["Llofnodwyd gan / Signed off by", r["signer"]], ["Dyddiad / Date", F(r["done"], ds)]], fill="FCE4D6")
    m = eml(name, frm(a), f"{r['ref']} ymateb / return", when(r["done"], 15, 40), text="Diolch / Thank you - return attached.",
            attachments=[("ymateb-return.docx", doc_bytes(doc), *DOCX)])
    return m, ret_expected(r), "docx, Welsh-English bilingual return"


# ---------------------------------------------------------------- commands

def cmd(ref: str, verb: str, args: str | None = None) -> dict[str, Any]:
    return {"kind": "reply", "case_ref": ref, "referral": None, "agency_return": None, "command": {"verb": verb, "args": args}}


def c01_decision_agencies_html(name: str) -> Ret:
    ref = "NS-CSPR-2026-311"
    html = ('<html><body><div dir="ltr"><div style="font-family:Arial">DECISION: RAPID REVIEW</div>'
            '<div style="font-family:Arial">AGENCIES: UHBW, AWP, Avon and Somerset Police, GP surgery</div><div><br></div>'
            "<div>Agreed at today's screening meeting.</div><div><br></div><div>Olusegun</div></div>"
            f'<div class="gmail_quote">On Thu, 3 Dec 2026 at 09:12, csprbot wrote:<blockquote>{ref}: screening decision due '
            "by 8 December.</blockquote></div></body></html>")
    m = eml(name, D.CHAIR, f"Re: {ref}: screening decision due", when(TODAY, 16, 5), html=html)
    return m, cmd(ref, "DECISION"), "HTML (Gmail) command + AGENCIES with acronyms"


def c02_notified_text(name: str) -> Ret:
    ref = "NS-CSPR-2026-314"
    body = ("NOTIFIED: 2026-12-04\n\nDone this morning on the DfE system.\n\nFiona\n\n"
            "Fiona Castellan | Service Leader, Strategic Safeguarding and QA | North Somerset Council\n\n"
            f"From: csprbot\nSent: 03 December 2026 09:00\nSubject: {ref}: Panel notification due 8 December\n")
    m = eml(name, D.SERVICE_LEADER, f"RE: {ref}: Panel notification due 8 December", when(TODAY, 11, 30), text=body)
    return m, cmd(ref, "NOTIFIED", "2026-12-04"), "text command above an Outlook header block"


def c03_extend_text(name: str) -> Ret:
    ref = "NS-CSPR-2026-320"
    body = ("EXTEND agency_return: 2026-12-18 the GP practice is closed for refurbishment until 14 December\n\n"
            "Rachel\n\n> On 2 Dec 2026, csprbot wrote:\n> Chaser: agency return due 7 December.\n")
    m = eml(name, D.COORD, f"Re: {ref}: agency return due", when(TODAY, 14, 2), text=body)
    return m, cmd(ref, "EXTEND"), "text EXTEND with a reason"


def c04_close_iphone(name: str) -> Ret:
    ref = "NS-CSPR-2026-322"
    body = "CLOSE: duplicate of NS-CSPR-2026-318 (same incident, referred twice)\n\nSent from my iPhone\n"
    m = eml(name, D.COORD, f"Re: {ref}: screening", when(TODAY, 19, 44), text=body)
    return m, cmd(ref, "CLOSE"), "text CLOSE from a phone"


def c05_looked_after_html(name: str) -> Ret:
    ref = "NS-CSPR-2026-318"
    html = ('<html><body><p class="MsoNormal"><b>LOOKED AFTER: YES</b></p><p class="MsoNormal">She was in foster care under '
            "s20 since August.</p><p>Fiona Castellan<br>Service Leader</p><hr><p><b>From:</b> csprbot<br><b>Subject:</b> "
            f"{ref}: referral received</p></body></html>")
    m = eml(name, D.SERVICE_LEADER, f"RE: {ref}: referral received", when(TODAY, 12, 12), html=html)
    return m, cmd(ref, "LOOKED AFTER"), "HTML command in bold (Outlook)"


def c06_ofsted_notified_text(name: str) -> Ret:
    ref = "NS-CSPR-2026-318"
    body = "OFSTED NOTIFIED: 2026-12-03\n\nFiona\n\n-----Original Message-----\nFrom: csprbot\nSubject: " + ref + ": Ofsted notice due\n"
    m = eml(name, D.SERVICE_LEADER, f"RE: {ref}: Ofsted notice due", when(TODAY, 9, 55), text=body)
    return m, cmd(ref, "OFSTED NOTIFIED", "2026-12-03"), "text OFSTED NOTIFIED (two-word verb)"


def c07_disagree_referrer(name: str) -> Ret:
    ref = "NS-CSPR-2026-320"
    rng = R(name)
    p = D.professional(rng, D.AGENCIES[2])
    body = ("DISAGREE: the decision not to hold a rapid review overlooks the three missed health appointments and the "
            f"domestic abuse history; please ask the AD to review.\n\n{p['name']}\n{p['role']}\n\n"
            f"On 3 Dec 2026, at 17:02, csprbot <cspr.referrals@n-somerset.gov.uk> wrote:\n> {ref}: decision - no rapid review\n")
    m = eml(name, frm(p), f"Re: {ref}: decision - no rapid review", when(TODAY, 8, 30), text=body)
    return m, cmd(ref, "DISAGREE"), "text DISAGREE from the referrer (police address)"


# ---------------------------------------------------------------- noise

def noise(ref: str | None, kind: str = "auto_reply") -> dict[str, Any]:
    return {"kind": kind, "case_ref": ref, "referral": None, "agency_return": None, "command": None}


def n01_ooo_exchange(name: str) -> Ret:
    ref = "NS-CSPR-2026-311"
    rng = R(name)
    p = D.professional(rng, D.AGENCIES[1])
    body = (f"Thank you for your email. I am on annual leave until Monday 14 December with no access to email. For urgent "
            f"safeguarding matters please contact the AWP safeguarding duty line on 01632 960888.\n\n{p['name']}\n")
    m = eml(name, frm(p), f"Automatic reply: {ref}: rapid review - your agency's return is requested", when(TODAY, 9, 1),
            text=body, to="csprbot <cspr.referrals@n-somerset.gov.uk>",
            headers={"X-Auto-Response-Suppress": "All", "X-MS-Exchange-Inbox-Rules-Loop": p["email"]})
    return m, noise(ref), "Exchange automatic reply (no Auto-Submitted header)"


def n02_ndr_exchange(name: str) -> Ret:
    ref = "NS-CSPR-2026-314"
    raw = ("From: Microsoft Outlook <postmaster@nsomerset.onmicrosoft.com>\r\n"
           "To: csprbot <cspr.referrals@n-somerset.gov.uk>\r\n"
           f"Subject: Undeliverable: {ref}: rapid review - your agency's return is requested\r\n"
           "Date: Fri, 04 Dec 2026 10:02:11 +0000\r\nMessage-ID: <h11.n02@nsomerset.onmicrosoft.com>\r\n"
           "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
           'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n\r\n'
           "--b1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
           "Delivery has failed to these recipients or groups:\r\n\r\nsafeguarding.lead@oldpractice.nhs.net\r\n"
           "The e-mail address you entered couldn't be found.\r\n\r\n"
           "--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
           "Reporting-MTA: dns;AM6PR01MB1234.eurprd01.prod.outlook.com\r\n\r\n"
           "Final-Recipient: rfc822;safeguarding.lead@oldpractice.nhs.net\r\nAction: failed\r\nStatus: 5.1.10\r\n"
           "Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound\r\n\r\n"
           "--b1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
           "From: csprbot <cspr.referrals@n-somerset.gov.uk>\r\nTo: safeguarding.lead@oldpractice.nhs.net\r\n"
           f"Subject: {ref}: rapid review - your agency's return is requested\r\nX-CSPRBOT-Case: {ref}\r\n"
           "X-CSPRBOT-Kind: request\r\n\r\n--b1--\r\n")
    return raw.encode(), noise(ref), "Exchange NDR (multipart/report)"


def n03_read_receipt(name: str) -> Ret:
    ref = "NS-CSPR-2026-320"
    rng = R(name)
    p = D.professional(rng, D.AGENCIES[3])
    body = (f"Your message\n\n  To: {p['name']}\n  Subject: {ref}: agency return due\n  Sent: 03 December 2026 09:00\n\n"
            "was read on 04 December 2026 08:12.\n")
    m = eml(name, frm(p), f"Read: {ref}: agency return due", when(TODAY, 8, 12), text=body,
            to="csprbot <cspr.referrals@n-somerset.gov.uk>")
    return m, noise(ref), "read receipt (Outlook 'Read:' notice)"


def n04_newsletter(name: str) -> Ret:
    html = ("<html><body><h2>Partnership Bulletin - December 2026</h2><p>Rapid reviews: new one-minute guide published. "
            "Learning from our last local child safeguarding practice review: professional curiosity about who lives in the "
            "household.</p><p>Training: Working Together 2023 refresher, 15 January, Castlewood.</p>"
            "<p><a href='https://example.org/unsubscribe'>Unsubscribe</a></p></body></html>")
    m = eml(name, "Partnership Bulletin <bulletin@example.org>", "Partnership Bulletin - December 2026", when(TODAY, 7, 0),
            html=html, headers={"List-Unsubscribe": "<https://example.org/unsubscribe>", "Precedence": "bulk"})
    return m, noise(None, "unknown"), "newsletter (bulk)"
