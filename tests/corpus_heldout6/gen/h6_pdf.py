"""reportlab PDFs for held-out set 6: report-tool export, letter, fillable AcroForm. Not a test module."""
import io
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import SimpleDocTemplate, Paragraph, Table, TableStyle, Spacer
from reportlab.pdfgen import canvas

from h6_data import fmt, yn, CPP_WORDS, ETHN

SS = getSampleStyleSheet()
SM = ParagraphStyle("sm", parent=SS["Normal"], fontSize=8.5, leading=10.5)
SB = ParagraphStyle("sb", parent=SM, fontName="Helvetica-Bold")


def P(t, st=SM):
    return Paragraph((t or "").replace("&", "&amp;").replace("<", "&lt;"), st)


def _tbl(data, widths, head=True):
    t = Table([[P(c, SB if (head and i == 0) else SM) for c in row] for i, row in enumerate(data)], colWidths=widths)
    st = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if head:
        st.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDDDDD")))
    t.setStyle(TableStyle(st))
    return t


def export_pdf(ref, ds, system):
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=36, rightMargin=36, topMargin=40, bottomMargin=40)
    rf, ch, cr = ref["referrer"], ref["child"], ref["criteria"]
    el = [P(f"{system}  |  Serious Incident Notification  |  Export", SS["Heading3"]),
          P(f"Printed {fmt(rf['date_submitted'], ds)} 16:42 by system administrator. Page data as held at print time.")]
    el.append(Spacer(1, 8))
    kv = [["Notifying officer", rf["name"], "Officer role", rf["role"]],
          ["Officer organisation", rf["agency"], "Officer phone", rf["phone"]],
          ["Officer email", rf["email"], "Notification date", fmt(rf["date_submitted"], ds)]]
    el += [P("NOTIFIER", SB), _tbl(kv, [95, 170, 90, 168], head=False), Spacer(1, 8)]
    kv = [["Subject name", ch["name"], "Subject DOB", fmt(ch["date_of_birth"], ds)],
          ["Subject address", ch["home_address"], "Primary carer", ch["carer"]],
          ["Event date", fmt(ch["incident_date"], ds), "Event location", ch["incident_location"]],
          ["Ethnicity (CIN code text)", ch["ethnicity"], "Religion", ch["faith"]],
          ["Disability", ch["disability"], "CP plan status", CPP_WORDS.get(ch["child_protection_plan"], "")]]
    el += [P("SUBJECT", SB), _tbl(kv, [95, 170, 90, 168], head=False), Spacer(1, 8)]
    kv = [["Criterion", "Response"],
          ["Child deceased", yn(cr["child_died"], "TRUE", "FALSE")],
          ["Child seriously harmed", yn(cr["seriously_harmed"], "TRUE", "FALSE")],
          ["Abuse / neglect", (cr["abuse_or_neglect"] or "").upper()],
          ["Multi-agency practice concern", yn(cr["agency_concern"], "TRUE", "FALSE")]]
    el += [P("CRITERIA", SB), _tbl(kv, [200, 323]), Spacer(1, 8)]
    el += [P("EVENT NARRATIVE", SB), P(ref["summary"]), Spacer(1, 8)]
    rows = [["Related person", "Relationship", "DOB", "Address", "Ethnicity"]]
    for f in ref["family"]:
        rows.append([f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]])
    el += [P("RELATIONSHIPS", SB), _tbl(rows, [95, 80, 60, 180, 108]), Spacer(1, 8)]
    rows = [["Professional", "Organisation", "Contact", "Active"]]
    for a in ref["other_agencies"]:
        rows.append([a["name"], a["agency"], a["contact"], yn(a["still_involved"], "Active", "Closed")])
    el += [P("INVOLVED PROFESSIONALS", SB), _tbl(rows, [100, 200, 163, 60]), Spacer(1, 8)]
    rows = [["Linked process", "Status"]] + [[p["process"], p["status"]] for p in ref["other_processes"]]
    el += [P("LINKED PROCESSES", SB), _tbl(rows, [200, 323])]
    doc.build(el)
    return buf.getvalue()


def letter_pdf(ref, ds, org_lines):
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=54, rightMargin=54, topMargin=40, bottomMargin=40)
    rf, ch, cr = ref["referrer"], ref["child"], ref["criteria"]
    N = ParagraphStyle("n", parent=SS["Normal"], fontSize=10, leading=13)
    el = [P(l, ParagraphStyle("r", parent=N, alignment=2)) for l in org_lines]
    el += [Spacer(1, 10), P(fmt(rf["date_submitted"], ds), N), Spacer(1, 8),
           P("To: Safeguarding Partnership Business Unit (Child Safeguarding Practice Review sub-group)", N),
           Spacer(1, 8), P("<b>Re: Request to consider a Rapid Review</b>".replace("&lt;", "<"), N), Spacer(1, 6)]
    el[-2] = Paragraph("<b>Re: Request to consider a Rapid Review</b>", N)
    el.append(P("I am writing to refer the child below for consideration under the serious child safeguarding "
                "incident arrangements. The details are set out in the tables that follow.", N))
    el.append(Spacer(1, 6))
    kv = [["Child", ch["name"]], ["Date of birth", fmt(ch["date_of_birth"], ds)], ["Home address", ch["home_address"]],
          ["Parent / carer", ch["carer"]], ["Date of incident", fmt(ch["incident_date"], ds)],
          ["Place of incident", ch["incident_location"]], ["Ethnicity", ch["ethnicity"]], ["Faith", ch["faith"]],
          ["Disability", ch["disability"]],
          ["Child protection plan", CPP_WORDS.get(ch["child_protection_plan"], "")]]
    el += [_tbl(kv, [130, 357], head=False), Spacer(1, 8)]
    kv = [["Criterion", "Our view"], ["The child has died", yn(cr["child_died"])],
          ["The child has been seriously harmed", yn(cr["seriously_harmed"])],
          ["Abuse or neglect is known or suspected", (cr["abuse_or_neglect"] or "").capitalize()],
          ["There is concern about how agencies worked together", yn(cr["agency_concern"])]]
    el += [_tbl(kv, [300, 187]), Spacer(1, 8)]
    el += [Paragraph("<b>Summary of events</b>", N), P(ref["summary"], N), Spacer(1, 8)]
    rows = [["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]]
    for f in ref["family"]:
        rows.append([f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]])
    el += [Paragraph("<b>Family and significant others</b>", N), _tbl(rows, [90, 75, 65, 160, 97]), Spacer(1, 8)]
    rows = [["Name", "Agency", "Contact", "Still involved"]]
    for a in ref["other_agencies"]:
        rows.append([a["name"], a["agency"], a["contact"], yn(a["still_involved"])])
    el += [Paragraph("<b>Other agencies</b>", N), _tbl(rows, [95, 190, 140, 62]), Spacer(1, 8)]
    rows = [["Process", "Current status"]] + [[p["process"], p["status"]] for p in ref["other_processes"]]
    el += [Paragraph("<b>Other processes</b>", N), _tbl(rows, [190, 297]), Spacer(1, 14)]
    el += [P("Yours sincerely,", N), Spacer(1, 16), P(rf["name"], N), P(rf["role"], N), P(rf["agency"], N),
           P(f"Tel: {rf['phone']}", N), P(f"Email: {rf['email']}", N)]
    doc.build(el)
    return buf.getvalue()


def fillable_pdf(ref, ds, title, names):
    """names: 'cryptic' -> Text1.. / Check Box1..; 'prefixed' -> f1_01 style"""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    rf, ch, cr = ref["referrer"], ref["child"], ref["criteria"]
    form = c.acroForm
    n = {"t": 0, "c": 0}

    def tn():
        n["t"] += 1
        return f"Text{n['t']}" if names == "cryptic" else f"topmostSubform[0].Page1[0].f1_{n['t']:02d}[0]"

    def cn():
        n["c"] += 1
        return f"Check Box{n['c']}" if names == "cryptic" else f"topmostSubform[0].Page1[0].c1_{n['c']:02d}[0]"

    y = [800]

    def label(x, text, size=8):
        c.setFont("Helvetica", size); c.drawString(x, y[0], text)

    def tf(x, w, value, h=14, multiline=False):
        form.textfield(name=tn(), value=value or "", x=x, y=y[0] - 4, width=w, height=h, fontSize=7.5,
                       borderWidth=0.5, fieldFlags="multiline" if multiline else "")

    def cb(x, checked):
        form.checkbox(name=cn(), x=x, y=y[0] - 3, size=9, checked=bool(checked), buttonStyle="check", borderWidth=0.5)

    c.setFont("Helvetica-Bold", 12); c.drawString(40, y[0], title); y[0] -= 22
    c.setFont("Helvetica-Bold", 9); c.drawString(40, y[0], "Section A - Referrer"); y[0] -= 16
    for (l1, v1), (l2, v2) in [(("Name", rf["name"]), ("Email", rf["email"])),
                               (("Role", rf["role"]), ("Tel", rf["phone"])),
                               (("Agency", rf["agency"]), ("Date submitted", fmt(rf["date_submitted"], ds)))]:
        label(40, l1); tf(110, 190, v1); label(310, l2); tf(380, 180, v2); y[0] -= 18
    y[0] -= 4
    c.setFont("Helvetica-Bold", 9); c.drawString(40, y[0], "Section B - Child or young person"); y[0] -= 16
    for (l1, v1), (l2, v2) in [(("Name of child", ch["name"]), ("Date of birth", fmt(ch["date_of_birth"], ds))),
                               (("Home address", ch["home_address"]), ("Date of incident", fmt(ch["incident_date"], ds))),
                               (("Carer", ch["carer"]), ("Location of incident", ch["incident_location"])),
                               (("Faith", ch["faith"]), ("Disability", ch["disability"]))]:
        label(40, l1); tf(110, 190, v1); label(310, l2); tf(390, 170, v2); y[0] -= 18
    label(40, "Ethnic origin (tick one):"); y[0] -= 14
    for i, o in enumerate(ETHN):
        col, row = i % 3, i // 3
        yy = y[0]
        y[0] = yy - row * 13
        cb(40 + col * 175, o == ch["ethnicity"]); label(53 + col * 175, o, 7.5)
        y[0] = yy
    y[0] -= 13 * 5 + 4
    label(40, "Child protection plan:")
    for i, k in enumerate(["yes", "no", "has_been", "not_known"]):
        cb(140 + i * 80, ch["child_protection_plan"] == k); label(153 + i * 80, CPP_WORDS[k])
    y[0] -= 20
    c.setFont("Helvetica-Bold", 9); c.drawString(40, y[0], "Section C - Criteria"); y[0] -= 16
    for q, v in [("Is the child deceased?", cr["child_died"]), ("Is the child seriously harmed?", cr["seriously_harmed"]),
                 ("Concern about how agencies worked together?", cr["agency_concern"])]:
        label(40, q); cb(330, v is True); label(343, "Yes"); cb(380, v is False); label(393, "No"); y[0] -= 15
    label(40, "Abuse or neglect is:"); cb(330, cr["abuse_or_neglect"] == "known"); label(343, "Known")
    cb(400, cr["abuse_or_neglect"] == "suspected"); label(413, "Suspected"); y[0] -= 20
    c.setFont("Helvetica-Bold", 9); c.drawString(40, y[0], "Section D - Summary of events"); y[0] -= 70
    form.textfield(name=tn(), value=ref["summary"], x=40, y=y[0], width=520, height=64, fontSize=7,
                   borderWidth=0.5, fieldFlags="multiline")
    y[0] -= 18
    c.setFont("Helvetica-Bold", 9); c.drawString(40, y[0], "Section E - Family and significant others"); y[0] -= 14
    xs = [(40, 95, "Name"), (137, 70, "Relationship"), (209, 55, "DoB"), (266, 200, "Address"), (468, 92, "Ethnicity")]
    for x, w, h in xs:
        label(x, h)
    y[0] -= 14
    for f in ref["family"]:
        for (x, w, h), v in zip(xs, [f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]]):
            tf(x, w, v)
        y[0] -= 16
    c.showPage()
    y[0] = 800
    c.setFont("Helvetica-Bold", 9); c.drawString(40, y[0], "Section F - Other agencies"); y[0] -= 14
    xs = [(40, 110, "Name"), (152, 200, "Agency"), (354, 140, "Contact details")]
    for x, w, h in xs:
        label(x, h)
    label(500, "Still involved?"); y[0] -= 14
    for a in ref["other_agencies"]:
        for (x, w, h), v in zip(xs, [a["name"], a["agency"], a["contact"]]):
            tf(x, w, v)
        cb(500, a["still_involved"] is True); label(512, "Y"); cb(528, a["still_involved"] is False); label(540, "N")
        y[0] -= 16
    y[0] -= 8
    c.setFont("Helvetica-Bold", 9); c.drawString(40, y[0], "Section G - Other processes"); y[0] -= 14
    label(40, "Process"); label(250, "Current status"); y[0] -= 14
    for p in ref["other_processes"]:
        tf(40, 205, p["process"]); tf(250, 310, p["status"]); y[0] -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


def return_pdf(ret, cref, ds, org):
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=50, rightMargin=50, topMargin=40, bottomMargin=40)
    a = ret["author"]
    N = ParagraphStyle("n", parent=SS["Normal"], fontSize=9.5, leading=12)
    el = [P(org, SS["Heading4"]), P("Agency report for Rapid Review", SS["Heading2"]), P(f"Case: {cref}", N), Spacer(1, 6)]
    kv = [["Agency", ret["agency"]], ["Report author", a["name"]], ["Author role", a["role"]],
          ["Author email", a["email"]], ["Author telephone", a["phone"]],
          ["Involvement with child / family", yn(ret["involved"], "Yes", "No - nil return")]]
    if ret["involved"]:
        kv += [["First contact", fmt(ret["involvement_from"], ds)], ["Last contact", fmt(ret["involvement_to"], ds)]]
    el += [_tbl(kv, [150, 345], head=False), Spacer(1, 8)]
    if ret["involved"]:
        for h, v in [("Summary of involvement", ret["summary"]), ("Immediate actions", ret["immediate_actions"]),
                     ("Learning", ret["learning"])]:
            el += [Paragraph(f"<b>{h}</b>", N), P(v, N), Spacer(1, 6)]
        el += [P(f"Records secured: {yn(ret['records_secured'])}", N), Spacer(1, 6)]
    el += [_tbl([["Manager sign-off", ret["signed_off_by"]], ["Date", fmt(ret["date_completed"], ds)]], [150, 345], head=False)]
    doc.build(el)
    return buf.getvalue()


def return_fillable(ret, cref, ds):
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    form = c.acroForm
    a = ret["author"]
    c.setFont("Helvetica-Bold", 12); c.drawString(40, 800, "Rapid Review agency information return")
    y = 770
    k = 0
    rows = [("Case ref", cref), ("Agency", ret["agency"]), ("Author name", a["name"]), ("Author role", a["role"]),
            ("Email", a["email"]), ("Phone", a["phone"]),
            ("Involved from", fmt(ret["involvement_from"], ds)), ("Involved to", fmt(ret["involvement_to"], ds))]
    for lab, v in rows:
        k += 1
        c.setFont("Helvetica", 8); c.drawString(40, y, lab)
        form.textfield(name=f"fld{k}", value=v or "", x=150, y=y - 4, width=400, height=14, fontSize=8, borderWidth=0.5)
        y -= 20
    c.drawString(40, y, "Involved with the child or family?")
    form.checkbox(name="chkInvY", x=220, y=y - 3, size=9, checked=bool(ret["involved"]), buttonStyle="check")
    c.drawString(233, y, "Yes")
    form.checkbox(name="chkInvN", x=270, y=y - 3, size=9, checked=not ret["involved"], buttonStyle="check")
    c.drawString(283, y, "No")
    y -= 20
    for lab, v in [("Summary", ret["summary"]), ("Immediate actions", ret["immediate_actions"]), ("Learning", ret["learning"])]:
        k += 1
        c.drawString(40, y, lab)
        form.textfield(name=f"fld{k}", value=v or "", x=150, y=y - 50, width=400, height=56, fontSize=7,
                       borderWidth=0.5, fieldFlags="multiline")
        y -= 66
    c.drawString(40, y, "Records secured?")
    form.checkbox(name="chkRecY", x=220, y=y - 3, size=9, checked=ret["records_secured"] is True, buttonStyle="check")
    c.drawString(233, y, "Yes")
    form.checkbox(name="chkRecN", x=270, y=y - 3, size=9, checked=ret["records_secured"] is False, buttonStyle="check")
    c.drawString(283, y, "No")
    y -= 20
    for lab, v in [("Signed off by", ret["signed_off_by"]), ("Date completed", fmt(ret["date_completed"], ds))]:
        k += 1
        c.drawString(40, y, lab)
        form.textfield(name=f"fld{k}", value=v or "", x=150, y=y - 4, width=400, height=14, fontSize=8, borderWidth=0.5)
        y -= 20
    c.showPage(); c.save()
    return buf.getvalue()
