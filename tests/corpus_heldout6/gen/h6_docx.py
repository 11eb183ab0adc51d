"""Word layouts for held-out set 6 (python-docx + raw WordprocessingML). Not a test module."""
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml, OxmlElement
from docx.oxml.ns import qn, nsdecls
from docx.shared import Pt, RGBColor

from h6_data import fmt, yn, CPP_WORDS, ETHN

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
BOX_ON, BOX_OFF = "\u2612", "\u2610"


def shade(cell, fill="D9E2F3"):
    tcPr = cell._tc.get_or_add_tcPr()
    sh = OxmlElement("w:shd")
    sh.set(qn("w:val"), "clear")
    sh.set(qn("w:color"), "auto")
    sh.set(qn("w:fill"), fill)
    tcPr.append(sh)


def hdr_row(table, text, fill="1F3864"):
    row = table.add_row()
    c = row.cells[0].merge(row.cells[-1])
    c.text = ""
    r = c.paragraphs[0].add_run(text)
    r.bold = True
    r.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF) if fill == "1F3864" else RGBColor(0, 0, 0)
    shade(c, fill)
    return c


def put(cell, text, bold=False):
    cell.text = ""
    lines = (text or "").split("\n")
    p = cell.paragraphs[0]
    for i, ln in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        r = p.add_run(ln)
        r.bold = bold


def grid(doc, rows, cols, style="Table Grid"):
    t = doc.add_table(rows=rows, cols=cols)
    t.style = style
    return t


def boxes(options, chosen):
    return "   ".join(f"{BOX_ON if o == chosen else BOX_OFF} {o}" for o in options)


def cpp_word(v, words=None):
    words = words or CPP_WORDS
    return words.get(v, "") if v else ""


# --------------------------------------------------------------------------- L1 one question per row
def layout_rowperq(ref, rng, ds, title, partnership):
    d = Document()
    d.add_heading(title, level=1)
    d.add_paragraph(f"{partnership}. Return this form to the partnership business unit by secure email. "
                    "Answer each question in the right-hand column.")
    rf, ch, cr = ref["referrer"], ref["child"], ref["criteria"]
    t = grid(d, 0, 2)
    hdr_row(t, "Part A  About you")
    for lab, val in [("Your name", rf["name"]), ("Job title", rf["role"]), ("Organisation", rf["agency"]),
                     ("Email address", rf["email"]), ("Telephone", rf["phone"]),
                     ("Date of referral", fmt(rf["date_submitted"], ds))]:
        r = t.add_row().cells
        put(r[0], lab, True); put(r[1], val)
    hdr_row(t, "Part B  The child")
    words = {"yes": "Yes", "no": "No", "has_been": "Previously", "not_known": "Not known"}
    for lab, val in [("Child's full name", ch["name"]), ("Date of birth", fmt(ch["date_of_birth"], ds)),
                     ("Home address", ch["home_address"]), ("Who does the child live with?", ch["carer"]),
                     ("Date of the incident or death", fmt(ch["incident_date"], ds)),
                     ("Where did it happen?", ch["incident_location"]),
                     ("Ethnicity", ch["ethnicity"]), ("Religion", ch["faith"]),
                     ("Any disability or special educational need?", ch["disability"]),
                     ("Is the child subject to a child protection plan?",
                      boxes(["Yes", "No", "Previously", "Not known"], cpp_word(ch["child_protection_plan"], words)))]:
        r = t.add_row().cells
        put(r[0], lab, True); put(r[1], val or "")
    hdr_row(t, "Part C  Does the case meet the criteria?")
    for lab, val in [("Has the child died?", boxes(["Yes", "No"], yn(cr["child_died"]))),
                     ("Has the child been seriously harmed?", boxes(["Yes", "No"], yn(cr["seriously_harmed"]))),
                     ("Is abuse or neglect known or suspected?",
                      boxes(["Known", "Suspected"], (cr["abuse_or_neglect"] or "").capitalize())),
                     ("Are you concerned about how agencies worked together?",
                      boxes(["Yes", "No"], yn(cr["agency_concern"])))]:
        r = t.add_row().cells
        put(r[0], lab, True); put(r[1], val)
    hdr_row(t, "Part D  What happened")
    r = t.add_row().cells
    c = r[0].merge(r[1]); put(c, ref["summary"] or "")
    d.add_paragraph()
    d.add_paragraph().add_run("Part E  Family and significant others").bold = True
    ft = grid(d, 1, 5)
    for i, h in enumerate(["Name", "Date of birth", "Relationship", "Address", "Ethnicity"]):
        put(ft.rows[0].cells[i], h, True); shade(ft.rows[0].cells[i])
    for f in ref["family"]:
        r = ft.add_row().cells
        for i, v in enumerate([f["name"], fmt(f["date_of_birth"], ds), f["relationship"], f["address"],
                               f["ethnicity"]]):
            put(r[i], v or "")
    d.add_paragraph()
    d.add_paragraph().add_run("Part F  Other agencies and processes").bold = True
    at = grid(d, 1, 4)
    for i, h in enumerate(["Agency", "Worker", "Phone / email", "Still open? (Y/N)"]):
        put(at.rows[0].cells[i], h, True); shade(at.rows[0].cells[i])
    for a in ref["other_agencies"]:
        r = at.add_row().cells
        for i, v in enumerate([a["agency"], a["name"], a["contact"], yn(a["still_involved"], "Y", "N")]):
            put(r[i], v or "")
    d.add_paragraph()
    pt = grid(d, 1, 2)
    put(pt.rows[0].cells[0], "Other process (inquest, CDOP, criminal, etc.)", True)
    put(pt.rows[0].cells[1], "Where it has got to", True)
    for pr in ref["other_processes"]:
        r = pt.add_row().cells
        put(r[0], pr["process"]); put(r[1], pr["status"])
    return d


# --------------------------------------------------------------------------- L2 label above value
def layout_labelabove(ref, rng, ds, title, partnership):
    d = Document()
    d.add_heading(title, level=1)
    d.add_paragraph(partnership)
    rf, ch, cr = ref["referrer"], ref["child"], ref["criteria"]

    def qa(label, value):
        p = d.add_paragraph()
        r = p.add_run(label); r.bold = True
        p.paragraph_format.space_after = Pt(0)
        d.add_paragraph(value or "")

    d.add_heading("1. Person making the referral", level=2)
    qa("Name of referrer", rf["name"]); qa("Role / designation", rf["role"]); qa("Agency", rf["agency"])
    qa("Contact email", rf["email"]); qa("Contact telephone", rf["phone"])
    qa("Date form completed", fmt(rf["date_submitted"], ds))
    d.add_heading("2. The child", level=2)
    qa("Full name of child", ch["name"]); qa("Date of birth", fmt(ch["date_of_birth"], ds))
    qa("Address where the child usually lives", ch["home_address"]); qa("Main carer(s)", ch["carer"])
    qa("Date of death or serious incident", fmt(ch["incident_date"], ds))
    qa("Location of incident", ch["incident_location"])
    qa("Ethnic origin", ch["ethnicity"]); qa("Faith / religion", ch["faith"]); qa("Disability", ch["disability"])
    words = {"yes": "Yes, currently subject to a plan", "no": "No",
             "has_been": "Previously subject to a plan (not current)", "not_known": "Not known"}
    qa("Child protection plan", words.get(ch["child_protection_plan"], ""))
    d.add_heading("3. Family members and significant adults", level=2)
    for i, f in enumerate(ref["family"], 1):
        p = d.add_paragraph(); p.add_run(f"Person {i}").underline = True
        for lab, v in [("Name", f["name"]), ("Relationship to child", f["relationship"]),
                       ("DOB", fmt(f["date_of_birth"], ds)), ("Address", f["address"]),
                       ("Ethnicity", f["ethnicity"])]:
            if v:
                q = d.add_paragraph(f"{lab}: {v}"); q.paragraph_format.space_after = Pt(0)
    d.add_heading("4. Criteria", level=2)
    qa("Has the child died?", yn(cr["child_died"]))
    qa("Has the child been seriously harmed?", yn(cr["seriously_harmed"]))
    qa("Is abuse or neglect known or suspected?", (cr["abuse_or_neglect"] or "").capitalize())
    qa("Is there concern about how agencies worked together to safeguard the child?", yn(cr["agency_concern"]))
    d.add_heading("5. Summary of events", level=2)
    d.add_paragraph(ref["summary"] or "")
    d.add_heading("6. Other agencies involved", level=2)
    for i, a in enumerate(ref["other_agencies"], 1):
        p = d.add_paragraph(); p.add_run(f"Agency {i}").underline = True
        for lab, v in [("Agency", a["agency"]), ("Worker", a["name"]), ("Contact", a["contact"]),
                       ("Still involved", yn(a["still_involved"]))]:
            q = d.add_paragraph(f"{lab}: {v}"); q.paragraph_format.space_after = Pt(0)
    d.add_heading("7. Other processes", level=2)
    for pr in ref["other_processes"]:
        d.add_paragraph(f"Process: {pr['process']}").paragraph_format.space_after = Pt(0)
        d.add_paragraph(f"Status: {pr['status']}")
    return d


# --------------------------------------------------------------------------- L3 family as prose, typed answers
def layout_prose(ref, rng, ds, title, partnership):
    d = Document()
    d.add_paragraph().add_run(partnership.upper()).bold = True
    d.add_heading(title, level=1)
    rf, ch, cr = ref["referrer"], ref["child"], ref["criteria"]
    t = grid(d, 0, 4)
    rows = [("Referrer", rf["name"], "Email", rf["email"]), ("Role", rf["role"], "Tel", rf["phone"]),
            ("Agency", rf["agency"], "Date submitted", fmt(rf["date_submitted"], ds))]
    hdr_row(t, "Referrer", "D9D9D9")
    for a, b, c, e in rows:
        r = t.add_row().cells
        put(r[0], a, True); put(r[1], b); put(r[2], c, True); put(r[3], e)
    hdr_row(t, "Child or young person", "D9D9D9")
    rows = [("Name", ch["name"], "DOB", fmt(ch["date_of_birth"], ds)),
            ("Address", ch["home_address"], "Date of incident", fmt(ch["incident_date"], ds)),
            ("Lives with", ch["carer"], "Place of incident", ch["incident_location"]),
            ("Ethnicity", ch["ethnicity"], "Faith", ch["faith"]),
            ("Disability", ch["disability"], "CP plan", cpp_word(ch["child_protection_plan"]))]
    for a, b, c, e in rows:
        r = t.add_row().cells
        put(r[0], a, True); put(r[1], b or ""); put(r[2], c, True); put(r[3], e or "")
    d.add_paragraph()
    d.add_paragraph().add_run("Family composition and significant others "
                              "(please describe each person: name, relationship, date of birth, address, ethnicity)").bold = True
    for f in ref["family"]:
        bits = [f"{f['relationship']}: {f['name']}"]
        if f["date_of_birth"]:
            bits.append(f"born {fmt(f['date_of_birth'], ds)}")
        if f["ethnicity"]:
            bits.append(f["ethnicity"])
        s = ", ".join(bits)
        if f["address"]:
            s += f". Lives at {f['address']}."
        d.add_paragraph(s)
    d.add_paragraph()
    ct = grid(d, 1, 2)
    put(ct.rows[0].cells[0], "Criterion", True); put(ct.rows[0].cells[1], "Answer (type Yes / No)", True)
    for lab, v in [("The child has died", yn(cr["child_died"])),
                   ("The child has been seriously harmed", yn(cr["seriously_harmed"])),
                   ("Abuse or neglect: known or suspected?", (cr["abuse_or_neglect"] or "").capitalize()),
                   ("Concern about the way agencies worked together", yn(cr["agency_concern"]))]:
        r = ct.add_row().cells
        put(r[0], lab); put(r[1], v)
    d.add_paragraph()
    d.add_paragraph().add_run("Summary of the incident and why you think it meets the criteria").bold = True
    d.add_paragraph(ref["summary"] or "")
    d.add_paragraph().add_run("Agencies known to be involved").bold = True
    for a in ref["other_agencies"]:
        d.add_paragraph(f"{a['agency']} - {a['name']} - {a['contact']} - still involved: {yn(a['still_involved'])}",
                        style="List Bullet")
    d.add_paragraph().add_run("Other processes").bold = True
    for pr in ref["other_processes"]:
        d.add_paragraph(f"{pr['process']} - {pr['status']}", style="List Bullet")
    return d


# --------------------------------------------------------------------------- L4 tick columns
def layout_tickcols(ref, rng, ds, title, partnership):
    d = Document()
    d.add_heading(title, level=1)
    d.add_paragraph(f"{partnership}: place a mark in the column that applies.")
    rf, ch, cr = ref["referrer"], ref["child"], ref["criteria"]
    marks = ["\u2713", "\u2714", "X", "Yes", "x"]
    mk = lambda: rng.choice(marks)
    t = grid(d, 0, 2)
    hdr_row(t, "Referrer details", "BDD7EE")
    for lab, v in [("Name", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]), ("Email", rf["email"]),
                   ("Telephone", rf["phone"]), ("Date submitted", fmt(rf["date_submitted"], ds))]:
        r = t.add_row().cells; put(r[0], lab, True); put(r[1], v)
    hdr_row(t, "Child details", "BDD7EE")
    for lab, v in [("Name", ch["name"]), ("Date of birth", fmt(ch["date_of_birth"], ds)),
                   ("Home address", ch["home_address"]), ("Carer", ch["carer"]),
                   ("Date of death / critical incident", fmt(ch["incident_date"], ds)),
                   ("Location of incident", ch["incident_location"]), ("Faith", ch["faith"]),
                   ("Disability", ch["disability"])]:
        r = t.add_row().cells; put(r[0], lab, True); put(r[1], v or "")
    d.add_paragraph()
    d.add_paragraph().add_run("Ethnic origin of the child (mark one)").bold = True
    et = grid(d, 5, 6)
    opts = ETHN
    for i, o in enumerate(opts):
        rr, cc = divmod(i, 3)
        put(et.rows[rr].cells[cc * 2], o)
        put(et.rows[rr].cells[cc * 2 + 1], mk() if o == ch["ethnicity"] else "")
    d.add_paragraph()
    d.add_paragraph().add_run("Child protection plan").bold = True
    cp = grid(d, 2, 4)
    for i, k in enumerate(["yes", "no", "has_been", "not_known"]):
        put(cp.rows[0].cells[i], CPP_WORDS[k], True)
        put(cp.rows[1].cells[i], mk() if ch["child_protection_plan"] == k else "")
    d.add_paragraph()
    d.add_paragraph().add_run("Family and significant others").bold = True
    ft = grid(d, 1, 5)
    for i, h in enumerate(["Name", "Relationship to child", "DoB", "Address", "Ethnic origin"]):
        put(ft.rows[0].cells[i], h, True)
    for f in ref["family"]:
        r = ft.add_row().cells
        for i, v in enumerate([f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"],
                               f["ethnicity"]]):
            put(r[i], v or "")
    d.add_paragraph()
    d.add_paragraph().add_run("Rapid review criteria").bold = True
    ct = grid(d, 1, 3)
    for i, h in enumerate(["Criterion", "Yes", "No"]):
        put(ct.rows[0].cells[i], h, True)
    for lab, v in [("Is the child deceased?", cr["child_died"]), ("Is the child seriously harmed?", cr["seriously_harmed"])]:
        r = ct.add_row().cells; put(r[0], lab)
        put(r[1], mk() if v is True else ""); put(r[2], mk() if v is False else "")
    r = ct.add_row().cells
    put(r[0], "Is abuse or neglect a known or suspected cause of the death or harm?")
    an = cr["abuse_or_neglect"]
    put(r[1], f"Known {mk()}" if an == "known" else "Known")
    put(r[2], f"Suspected {mk()}" if an == "suspected" else "Suspected")
    r = ct.add_row().cells
    put(r[0], "Is there cause for concern about how agencies or professionals worked together?")
    put(r[1], mk() if cr["agency_concern"] is True else ""); put(r[2], mk() if cr["agency_concern"] is False else "")
    d.add_paragraph()
    d.add_paragraph().add_run("Summary of events").bold = True
    d.add_paragraph(ref["summary"] or "")
    d.add_paragraph().add_run("Other agencies involved").bold = True
    at = grid(d, 1, 5)
    for i, h in enumerate(["Name", "Agency", "Contact details", "Still involved: Yes", "No"]):
        put(at.rows[0].cells[i], h, True)
    for a in ref["other_agencies"]:
        r = at.add_row().cells
        put(r[0], a["name"]); put(r[1], a["agency"]); put(r[2], a["contact"])
        put(r[3], mk() if a["still_involved"] else ""); put(r[4], "" if a["still_involved"] else mk())
    d.add_paragraph()
    d.add_paragraph().add_run("Other processes this case is subject to").bold = True
    pt = grid(d, 1, 2)
    put(pt.rows[0].cells[0], "Process", True); put(pt.rows[0].cells[1], "Current status", True)
    for pr in ref["other_processes"]:
        r = pt.add_row().cells; put(r[0], pr["process"]); put(r[1], pr["status"])
    return d


# --------------------------------------------------------------------------- content controls
def sdt_text(par, tag, value):
    xml = (f'<w:sdt {W}><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/><w:text/></w:sdtPr>'
           f'<w:sdtContent><w:r><w:t xml:space="preserve">{esc(value)}</w:t></w:r></w:sdtContent></w:sdt>')
    par._p.append(parse_xml(xml))


def sdt_check(par, checked, tag):
    g = BOX_ON if checked else BOX_OFF
    xml = (f'<w:sdt {W} {W14}><w:sdtPr><w:tag w:val="{tag}"/><w14:checkbox><w14:checked w14:val="{1 if checked else 0}"/>'
           '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
           f'</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr>'
           f'<w:t>{g}</w:t></w:r></w:sdtContent></w:sdt>')
    par._p.append(parse_xml(xml))


def sdt_dropdown(par, tag, items, value):
    li = "".join(f'<w:listItem w:displayText="{esc(i)}" w:value="{esc(i)}"/>' for i in items)
    xml = (f'<w:sdt {W}><w:sdtPr><w:tag w:val="{tag}"/><w:dropDownList>{li}</w:dropDownList></w:sdtPr>'
           f'<w:sdtContent><w:r><w:t xml:space="preserve">{esc(value)}</w:t></w:r></w:sdtContent></w:sdt>')
    par._p.append(parse_xml(xml))


def esc(s):
    return (s or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def run(par, text, bold=False):
    r = par.add_run(text); r.bold = bold; return r


def layout_cc(ref, rng, ds, title, partnership):
    d = Document()
    d.add_heading(title, level=1)
    d.add_paragraph(f"{partnership}. Click or tap in each grey field to enter text; tick the boxes that apply.")
    rf, ch, cr = ref["referrer"], ref["child"], ref["criteria"]
    t = grid(d, 0, 2)
    n = [0]

    def row(lab, val):
        r = t.add_row().cells; put(r[0], lab, True); r[1].text = ""
        n[0] += 1
        sdt_text(r[1].paragraphs[0], f"txt{n[0]:02d}", val or "")

    hdr_row(t, "Section 1: Referrer", "E2EFD9")
    row("Name", rf["name"]); row("Email", rf["email"]); row("Role", rf["role"]); row("Tel", rf["phone"])
    row("Agency", rf["agency"]); row("Date submitted", fmt(rf["date_submitted"], ds))
    hdr_row(t, "Section 2: Child", "E2EFD9")
    row("Name of child", ch["name"]); row("Date of birth", fmt(ch["date_of_birth"], ds))
    row("Home address", ch["home_address"]); row("Carer", ch["carer"])
    row("Date of death or critical incident", fmt(ch["incident_date"], ds))
    row("Location of incident", ch["incident_location"]); row("Faith", ch["faith"]); row("Disability", ch["disability"])
    r = t.add_row().cells; put(r[0], "Ethnic origin", True); r[1].text = ""
    p = r[1].paragraphs[0]
    for i, o in enumerate(ETHN):
        if i:
            p = r[1].add_paragraph()
        sdt_check(p, o == ch["ethnicity"], f"eth{i}"); run(p, " " + o)
    r = t.add_row().cells; put(r[0], "Child protection plan", True); r[1].text = ""
    sdt_dropdown(r[1].paragraphs[0], "cpp", ["Choose an item.", "Yes", "No", "Has been", "Not known"],
                 cpp_word(ch["child_protection_plan"]) or "Choose an item.")
    hdr_row(t, "Section 3: Criteria", "E2EFD9")

    def yesno(lab, v, tag):
        r = t.add_row().cells; put(r[0], lab, True); r[1].text = ""
        p = r[1].paragraphs[0]
        sdt_check(p, v is True, tag + "y"); run(p, " Yes    ")
        sdt_check(p, v is False, tag + "n"); run(p, " No")

    yesno("Is the child deceased?", cr["child_died"], "c1")
    yesno("Is the child seriously harmed?", cr["seriously_harmed"], "c2")
    r = t.add_row().cells; put(r[0], "Is abuse or neglect known or suspected to be a cause?", True); r[1].text = ""
    p = r[1].paragraphs[0]
    sdt_check(p, cr["abuse_or_neglect"] == "known", "c3k"); run(p, " Known    ")
    sdt_check(p, cr["abuse_or_neglect"] == "suspected", "c3s"); run(p, " Suspected")
    yesno("Cause for concern about how agencies worked together?", cr["agency_concern"], "c4")
    hdr_row(t, "Section 4: Summary of events", "E2EFD9")
    r = t.add_row().cells; c = r[0].merge(r[1]); c.text = ""
    sdt_text(c.paragraphs[0], "summary", ref["summary"])
    d.add_paragraph()
    d.add_paragraph().add_run("Section 5: Family and significant others").bold = True
    ft = grid(d, 1, 5)
    for i, h in enumerate(["Name", "Relationship", "DoB", "Address", "Ethnicity"]):
        put(ft.rows[0].cells[i], h, True)
    for f in ref["family"]:
        r = ft.add_row().cells
        for i, v in enumerate([f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]]):
            r[i].text = ""; sdt_text(r[i].paragraphs[0], f"fam{i}", v or "")
    d.add_paragraph()
    d.add_paragraph().add_run("Section 6: Other agencies").bold = True
    at = grid(d, 1, 4)
    for i, h in enumerate(["Name", "Agency", "Contact details", "Still involved?"]):
        put(at.rows[0].cells[i], h, True)
    for a in ref["other_agencies"]:
        r = at.add_row().cells
        for i, v in enumerate([a["name"], a["agency"], a["contact"]]):
            r[i].text = ""; sdt_text(r[i].paragraphs[0], f"ag{i}", v)
        r[3].text = ""; p = r[3].paragraphs[0]
        sdt_check(p, a["still_involved"] is True, "agy"); run(p, " Yes  ")
        sdt_check(p, a["still_involved"] is False, "agn"); run(p, " No")
    d.add_paragraph()
    d.add_paragraph().add_run("Section 7: Other processes").bold = True
    pt = grid(d, 1, 2)
    put(pt.rows[0].cells[0], "Process", True); put(pt.rows[0].cells[1], "Current status", True)
    for pr in ref["other_processes"]:
        r = pt.add_row().cells
        r[0].text = ""; sdt_text(r[0].paragraphs[0], "proc", pr["process"])
        r[1].text = ""; sdt_text(r[1].paragraphs[0], "status", pr["status"])
    return d


# --------------------------------------------------------------------------- legacy form fields
def ff_text(par, name, value):
    p = par._p
    p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="{name}"/><w:enabled/>'
                       '<w:calcOnExit w:val="0"/><w:textInput/></w:ffData></w:fldChar></w:r>'))
    p.append(parse_xml(f'<w:r {W}><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'))
    p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>'))
    p.append(parse_xml(f'<w:r {W}><w:t xml:space="preserve">{esc(value)}</w:t></w:r>'))
    p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'))


def ff_check(par, name, checked, style):
    if style == 0:
        state = f'<w:default w:val="{1 if checked else 0}"/>'
    else:
        state = '<w:default w:val="0"/>' + ('<w:checked/>' if checked else '')
    p = par._p
    p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="{name}"/><w:enabled/>'
                       f'<w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>'))
    p.append(parse_xml(f'<w:r {W}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'))
    p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'))


def layout_legacy(ref, rng, ds, title, partnership):
    d = Document()
    d.add_heading(title, level=1)
    d.add_paragraph(partnership)
    rf, ch, cr = ref["referrer"], ref["child"], ref["criteria"]
    k = [0]
    style = rng.randrange(2)

    def nm(prefix="Text"):
        k[0] += 1; return f"{prefix}{k[0]}"

    t = grid(d, 0, 4)
    hdr_row(t, "1. Referrer", "FFF2CC")
    for a, av, b, bv in [("Name:", rf["name"], "Email:", rf["email"]), ("Role:", rf["role"], "Tel:", rf["phone"]),
                         ("Agency:", rf["agency"], "Date submitted:", fmt(rf["date_submitted"], ds))]:
        r = t.add_row().cells
        put(r[0], a, True); r[1].text = ""; ff_text(r[1].paragraphs[0], nm(), av)
        put(r[2], b, True); r[3].text = ""; ff_text(r[3].paragraphs[0], nm(), bv)
    hdr_row(t, "2. Details of child or young person", "FFF2CC")
    for a, av, b, bv in [("Name of child:", ch["name"], "Date of birth:", fmt(ch["date_of_birth"], ds)),
                         ("Home address:", ch["home_address"], "Date of death or critical incident:", fmt(ch["incident_date"], ds)),
                         ("Carer:", ch["carer"], "Location of incident:", ch["incident_location"]),
                         ("Faith:", ch["faith"], "Disability:", ch["disability"])]:
        r = t.add_row().cells
        put(r[0], a, True); r[1].text = ""; ff_text(r[1].paragraphs[0], nm(), av or "")
        put(r[2], b, True); r[3].text = ""; ff_text(r[3].paragraphs[0], nm(), bv or "")
    d.add_paragraph()
    p = d.add_paragraph(); run(p, "Ethnic origin: ", True)
    for i, o in enumerate(ETHN):
        ff_check(p, nm("Check"), o == ch["ethnicity"], style); run(p, f" {o}   ")
    p = d.add_paragraph(); run(p, "Child protection plan: ", True)
    for kk in ["yes", "no", "has_been", "not_known"]:
        ff_check(p, nm("Check"), ch["child_protection_plan"] == kk, style); run(p, f" {CPP_WORDS[kk]}   ")
    d.add_paragraph().add_run("3. Composition of family and significant others").bold = True
    ft = grid(d, 1, 5)
    for i, h in enumerate(["Name", "Relationship to child", "DoB", "Address", "Ethnic origin"]):
        put(ft.rows[0].cells[i], h, True)
    for f in ref["family"]:
        r = ft.add_row().cells
        for i, v in enumerate([f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]]):
            r[i].text = ""; ff_text(r[i].paragraphs[0], nm(), v or "")
    d.add_paragraph()
    d.add_paragraph().add_run("4. Rapid Review criteria").bold = True
    ct = grid(d, 1, 3)
    put(ct.rows[0].cells[0], "Criterion", True); put(ct.rows[0].cells[1], "Yes", True); put(ct.rows[0].cells[2], "No", True)
    for lab, v in [("Is the child deceased?", cr["child_died"]), ("Is the child seriously harmed?", cr["seriously_harmed"]),
                   ("Is there a cause for concern as to the way agencies worked together?", cr["agency_concern"])]:
        r = ct.add_row().cells; put(r[0], lab)
        r[1].text = ""; ff_check(r[1].paragraphs[0], nm("Check"), v is True, style)
        r[2].text = ""; ff_check(r[2].paragraphs[0], nm("Check"), v is False, style)
    r = ct.add_row().cells; put(r[0], "Is abuse or neglect known or suspected to be a cause of the death or harm?")
    r[1].text = ""; ff_check(r[1].paragraphs[0], nm("Check"), cr["abuse_or_neglect"] == "known", style); run(r[1].paragraphs[0], " Known")
    r[2].text = ""; ff_check(r[2].paragraphs[0], nm("Check"), cr["abuse_or_neglect"] == "suspected", style); run(r[2].paragraphs[0], " Suspected")
    d.add_paragraph()
    d.add_paragraph().add_run("5. Summary of events").bold = True
    p = d.add_paragraph(); ff_text(p, nm(), ref["summary"])
    d.add_paragraph().add_run("6. Other information: agencies").bold = True
    at = grid(d, 1, 4)
    for i, h in enumerate(["Name", "Agency", "Contact details", "Are they still involved?"]):
        put(at.rows[0].cells[i], h, True)
    for a in ref["other_agencies"]:
        r = at.add_row().cells
        for i, v in enumerate([a["name"], a["agency"], a["contact"], yn(a["still_involved"])]):
            r[i].text = ""; ff_text(r[i].paragraphs[0], nm(), v)
    d.add_paragraph()
    pt = grid(d, 1, 2)
    put(pt.rows[0].cells[0], "Process", True); put(pt.rows[0].cells[1], "Current status", True)
    for pr in ref["other_processes"]:
        r = pt.add_row().cells
        r[0].text = ""; ff_text(r[0].paragraphs[0], nm(), pr["process"])
        r[1].text = ""; ff_text(r[1].paragraphs[0], nm(), pr["status"])
    return d


# --------------------------------------------------------------------------- text box + header/footer
def textbox(par, text):
    xml = (f'<w:r {W} xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
           '<w:pict><v:shape id="tb1" o:spid="_x0000_s1026" type="#_x0000_t202" '
           'style="width:460pt;height:150pt;mso-position-horizontal:left" strokeweight="1pt">'
           '<v:textbox><w:txbxContent><w:p><w:r><w:t xml:space="preserve">'
           f'{esc(text)}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    par._p.append(parse_xml(xml))


def layout_textbox(ref, rng, ds, title, partnership):
    d = Document()
    sec = d.sections[0]
    rf, ch, cr = ref["referrer"], ref["child"], ref["criteria"]
    hp = sec.header.paragraphs[0]
    hp.text = f"{partnership}  |  OFFICIAL-SENSITIVE  |  Serious incident referral v4.1"
    fp = sec.footer.paragraphs[0]
    fp.text = f"Referral submitted on {fmt(rf['date_submitted'], ds)} by {rf['name']}"
    d.add_heading(title, level=1)
    t = grid(d, 0, 2)
    for lab, v in [("Referrer", rf["name"]), ("Designation", rf["role"]), ("Organisation", rf["agency"]),
                   ("Secure email", rf["email"]), ("Direct line", rf["phone"])]:
        r = t.add_row().cells; put(r[0], lab, True); put(r[1], v)
    d.add_paragraph()
    t = grid(d, 0, 2)
    words = {"yes": "Yes - current plan", "no": "No", "has_been": "Has been on a plan in the past", "not_known": "Not known"}
    for lab, v in [("Child's name", ch["name"]), ("D.O.B.", fmt(ch["date_of_birth"], ds)),
                   ("Address", ch["home_address"]), ("Parent / carer", ch["carer"]),
                   ("Date of incident", fmt(ch["incident_date"], ds)), ("Place of incident", ch["incident_location"]),
                   ("Ethnicity", ch["ethnicity"]), ("Faith", ch["faith"]), ("Disability", ch["disability"]),
                   ("Child protection plan?", words.get(ch["child_protection_plan"], ""))]:
        r = t.add_row().cells; put(r[0], lab, True); put(r[1], v or "")
    d.add_paragraph()
    d.add_paragraph().add_run("Criteria").bold = True
    for lab, v in [("Child died", yn(cr["child_died"])), ("Child seriously harmed", yn(cr["seriously_harmed"])),
                   ("Abuse or neglect", (cr["abuse_or_neglect"] or "").capitalize()),
                   ("Concern about multi-agency working", yn(cr["agency_concern"]))]:
        if v:
            p = d.add_paragraph(); run(p, f"{lab}: ", True); run(p, v)
    d.add_paragraph().add_run("Summary of events (in the box below)").bold = True
    textbox(d.add_paragraph(), ref["summary"])
    d.add_paragraph()
    d.add_paragraph().add_run("Family and significant others").bold = True
    ft = grid(d, 1, 5)
    for i, h in enumerate(["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]):
        put(ft.rows[0].cells[i], h, True)
    for f in ref["family"]:
        r = ft.add_row().cells
        for i, v in enumerate([f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]]):
            put(r[i], v or "")
    d.add_paragraph()
    d.add_paragraph().add_run("Other agencies").bold = True
    at = grid(d, 1, 4)
    for i, h in enumerate(["Practitioner", "Agency", "Contact", "Still involved"]):
        put(at.rows[0].cells[i], h, True)
    for a in ref["other_agencies"]:
        r = at.add_row().cells
        for i, v in enumerate([a["name"], a["agency"], a["contact"], yn(a["still_involved"])]):
            put(r[i], v)
    d.add_paragraph()
    d.add_paragraph().add_run("Parallel processes").bold = True
    pt = grid(d, 1, 2)
    put(pt.rows[0].cells[0], "Process", True); put(pt.rows[0].cells[1], "Status", True)
    for pr in ref["other_processes"]:
        r = pt.add_row().cells; put(r[0], pr["process"]); put(r[1], pr["status"])
    return d


# --------------------------------------------------------------------------- nested tables
def layout_nested(ref, rng, ds, title, partnership):
    d = Document()
    d.add_heading(title, level=1)
    d.add_paragraph(partnership)
    rf, ch, cr = ref["referrer"], ref["child"], ref["criteria"]
    outer = grid(d, 2, 2)
    put(outer.rows[0].cells[0], "THE CHILD", True); put(outer.rows[0].cells[1], "THE REFERRER", True)
    inner = outer.rows[1].cells[0].add_table(rows=0, cols=2)
    inner.style = "Table Grid"
    words = {"yes": "Yes", "no": "No", "has_been": "Has been", "not_known": "Not known"}
    for lab, v in [("Name", ch["name"]), ("DOB", fmt(ch["date_of_birth"], ds)), ("Address", ch["home_address"]),
                   ("Carer", ch["carer"]), ("Incident date", fmt(ch["incident_date"], ds)),
                   ("Incident location", ch["incident_location"]), ("Ethnicity", ch["ethnicity"]),
                   ("Faith", ch["faith"]), ("Disability", ch["disability"]),
                   ("CP plan", words.get(ch["child_protection_plan"], ""))]:
        r = inner.add_row().cells; put(r[0], lab, True); put(r[1], v or "")
    inner2 = outer.rows[1].cells[1].add_table(rows=0, cols=2)
    inner2.style = "Table Grid"
    for lab, v in [("Name", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]), ("Email", rf["email"]),
                   ("Phone", rf["phone"]), ("Date", fmt(rf["date_submitted"], ds))]:
        r = inner2.add_row().cells; put(r[0], lab, True); put(r[1], v)
    d.add_paragraph()
    o2 = grid(d, 2, 1)
    put(o2.rows[0].cells[0], "HOUSEHOLD, FAMILY AND SIGNIFICANT OTHERS", True)
    ft = o2.rows[1].cells[0].add_table(rows=1, cols=5)
    ft.style = "Table Grid"
    for i, h in enumerate(["Name", "Relationship", "DoB", "Address", "Ethnicity"]):
        put(ft.rows[0].cells[i], h, True)
    for f in ref["family"]:
        r = ft.add_row().cells
        for i, v in enumerate([f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]]):
            put(r[i], v or "")
    d.add_paragraph()
    ct = grid(d, 1, 2)
    put(ct.rows[0].cells[0], "CRITERIA", True); put(ct.rows[0].cells[1], "Y / N", True)
    for lab, v in [("Child has died", yn(cr["child_died"], "Y", "N")),
                   ("Child seriously harmed", yn(cr["seriously_harmed"], "Y", "N")),
                   ("Abuse/neglect known or suspected (state which)", (cr["abuse_or_neglect"] or "").capitalize()),
                   ("Concern re inter-agency working", yn(cr["agency_concern"], "Y", "N"))]:
        r = ct.add_row().cells; put(r[0], lab); put(r[1], v)
    d.add_paragraph()
    st = grid(d, 2, 1)
    put(st.rows[0].cells[0], "SUMMARY", True); put(st.rows[1].cells[0], ref["summary"])
    d.add_paragraph()
    o3 = grid(d, 2, 1)
    put(o3.rows[0].cells[0], "OTHER AGENCIES AND PROCESSES", True)
    cell = o3.rows[1].cells[0]
    at = cell.add_table(rows=1, cols=4); at.style = "Table Grid"
    for i, h in enumerate(["Name", "Agency", "Contact", "Still involved?"]):
        put(at.rows[0].cells[i], h, True)
    for a in ref["other_agencies"]:
        r = at.add_row().cells
        for i, v in enumerate([a["name"], a["agency"], a["contact"], yn(a["still_involved"])]):
            put(r[i], v)
    cell.add_paragraph()
    pt = cell.add_table(rows=1, cols=2); pt.style = "Table Grid"
    put(pt.rows[0].cells[0], "Process", True); put(pt.rows[0].cells[1], "Status", True)
    for pr in ref["other_processes"]:
        r = pt.add_row().cells; put(r[0], pr["process"]); put(r[1], pr["status"])
    return d


# --------------------------------------------------------------------------- split tables
def layout_split(ref, rng, ds, title, partnership):
    d = layout_rowperq(dict(ref, family=[], other_agencies=[], other_processes=[]), rng, ds, title, partnership)
    # remove the empty trailing tables/paragraphs made by rowperq for family/agencies/processes
    body = d.element.body
    tbls = body.findall(qn("w:tbl"))
    for t in tbls[1:]:
        body.remove(t)
    for p in list(body.findall(qn("w:p")))[-5:]:
        body.remove(p)
    fam = ref["family"]
    half = max(1, len(fam) // 2)
    d.add_paragraph().add_run("Family and significant others").bold = True
    t1 = grid(d, 1, 5)
    for i, h in enumerate(["Name", "Relationship to child", "DoB", "Address", "Ethnic origin"]):
        put(t1.rows[0].cells[i], h, True)
    for f in fam[:half]:
        r = t1.add_row().cells
        for i, v in enumerate([f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]]):
            put(r[i], v or "")
    d.add_paragraph("(table continues overleaf)")
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph().add_run("Family and significant others (continued)").bold = True
    t2 = grid(d, 1, 5)
    for i, h in enumerate(["Name", "Relationship to child", "DoB", "Address", "Ethnic origin"]):
        put(t2.rows[0].cells[i], h, True)
    for f in fam[half:]:
        r = t2.add_row().cells
        for i, v in enumerate([f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]]):
            put(r[i], v or "")
    d.add_paragraph()
    d.add_paragraph().add_run("Other agencies involved in the care of this child").bold = True
    at = grid(d, 1, 4)
    for i, h in enumerate(["Name", "Agency", "Contact details", "Still involved?"]):
        put(at.rows[0].cells[i], h, True)
    for a in ref["other_agencies"]:
        r = at.add_row().cells
        for i, v in enumerate([a["name"], a["agency"], a["contact"], yn(a["still_involved"])]):
            put(r[i], v)
    d.add_paragraph()
    d.add_paragraph().add_run("Other processes").bold = True
    pt = grid(d, 1, 2)
    put(pt.rows[0].cells[0], "Process", True); put(pt.rows[0].cells[1], "Current status", True)
    for pr in ref["other_processes"]:
        r = pt.add_row().cells; put(r[0], pr["process"]); put(r[1], pr["status"])
    return d


# --------------------------------------------------------------------------- Ofsted-notification style
def layout_notif(ref, rng, ds, title, partnership):
    d = Document()
    d.add_heading(title, level=1)
    d.add_paragraph(partnership)
    rf, ch, cr = ref["referrer"], ref["child"], ref["criteria"]
    d.add_paragraph().add_run("1. Notifier details").bold = True
    t = grid(d, 3, 4)
    for i, (a, av, b, bv) in enumerate([("Organisation", rf["agency"], "Name", rf["name"]),
                                        ("Role", rf["role"], "Telephone number", rf["phone"]),
                                        ("Email", rf["email"], "Date notified (dd/mm/yyyy)", fmt(rf["date_submitted"], "slash"))]):
        c = t.rows[i].cells; put(c[0], a, True); put(c[1], av); put(c[2], b, True); put(c[3], bv)
    d.add_paragraph()
    d.add_paragraph().add_run("2. Reason for notification (more than one box may be ticked)").bold = True
    for lab, v in [("Death of a child where abuse or neglect is known or suspected", cr["child_died"]),
                   ("Serious harm to a child where abuse or neglect is known or suspected", cr["seriously_harmed"])]:
        d.add_paragraph(f"{BOX_ON if v else BOX_OFF} {lab}")
    d.add_paragraph(f"Abuse or neglect is:  {boxes(['Known', 'Suspected'], (cr['abuse_or_neglect'] or '').capitalize())}")
    d.add_paragraph(f"Concerns about multi-agency working:  {boxes(['Yes', 'No'], yn(cr['agency_concern']))}")
    d.add_paragraph()
    d.add_paragraph().add_run("3. Child details").bold = True
    first, last = ch["name"].split(" ", 1)
    t = grid(d, 5, 4)
    words = {"yes": "Yes", "no": "No", "has_been": "Has been", "not_known": "Not known"}
    for i, (a, av, b, bv) in enumerate([("Child's last name(s)", last, "Child's forename(s)", first),
                                        ("Child's date of birth (dd/mm/yyyy)", fmt(ch["date_of_birth"], "slash"),
                                         "Ethnicity", ch["ethnicity"]),
                                        ("Home address", ch["home_address"], "Religion", ch["faith"]),
                                        ("Living with", ch["carer"], "Disability", ch["disability"]),
                                        ("Subject to a child protection plan?", words.get(ch["child_protection_plan"], ""),
                                         "", "")]):
        c = t.rows[i].cells; put(c[0], a, True); put(c[1], av or ""); put(c[2], b, True); put(c[3], bv or "")
    d.add_paragraph()
    d.add_paragraph().add_run("4. Incident details").bold = True
    t = grid(d, 2, 2)
    put(t.rows[0].cells[0], "Date of incident (dd/mm/yyyy)", True); put(t.rows[0].cells[1], fmt(ch["incident_date"], "slash"))
    put(t.rows[1].cells[0], "Place where the incident happened", True); put(t.rows[1].cells[1], ch["incident_location"])
    d.add_paragraph()
    d.add_paragraph().add_run("Case outline").bold = True
    d.add_paragraph(ref["summary"])
    d.add_paragraph().add_run("5. Family note: key family relationships, including parents, step-parents, "
                              "partners and siblings").bold = True
    ft = grid(d, 1, 5)
    for i, h in enumerate(["Surname, forename", "Relationship", "DoB", "Ethnicity", "Address"]):
        put(ft.rows[0].cells[i], h, True)
    for f in ref["family"]:
        fn, ln = f["name"].split(" ", 1)
        r = ft.add_row().cells
        for i, v in enumerate([f"{ln.upper()}, {fn}", f["relationship"], fmt(f["date_of_birth"], "slash"),
                               f["ethnicity"], f["address"]]):
            put(r[i], v or "")
    d.add_paragraph()
    d.add_paragraph().add_run("6. Agencies involved with the child and family").bold = True
    at = grid(d, 1, 4)
    for i, h in enumerate(["Agency", "Named worker", "Contact", "Currently involved?"]):
        put(at.rows[0].cells[i], h, True)
    for a in ref["other_agencies"]:
        r = at.add_row().cells
        for i, v in enumerate([a["agency"], a["name"], a["contact"], yn(a["still_involved"])]):
            put(r[i], v)
    d.add_paragraph()
    d.add_paragraph().add_run("7. Linked processes").bold = True
    pt = grid(d, 1, 2)
    put(pt.rows[0].cells[0], "Process", True); put(pt.rows[0].cells[1], "Status", True)
    for pr in ref["other_processes"]:
        r = pt.add_row().cells; put(r[0], pr["process"]); put(r[1], pr["status"])
    return d


LAYOUTS = dict(rowperq=layout_rowperq, labelabove=layout_labelabove, prose=layout_prose, tickcols=layout_tickcols,
               cc=layout_cc, legacy=layout_legacy, textbox=layout_textbox, nested=layout_nested, split=layout_split,
               notif=layout_notif)


# --------------------------------------------------------------------------- agency return (docx)
def return_docx(ret, cref, rng, ds, style, letterhead):
    d = Document()
    sec = d.sections[0]
    sec.header.paragraphs[0].text = letterhead
    sec.footer.paragraphs[0].text = "OFFICIAL-SENSITIVE when complete. Do not forward outside the secure network."
    d.add_heading("Rapid Review: Individual Agency Summary", level=1)
    a = ret["author"]
    if style == "table":
        t = grid(d, 0, 2)
        rows = [("Case reference", cref), ("Agency", ret["agency"]), ("Completed by", a["name"]),
                ("Job title", a["role"]), ("Email", a["email"]), ("Telephone", a["phone"]),
                ("Was your agency involved with the child or family?", yn(ret["involved"]))]
        if ret["involved"]:
            rows += [("Period of involvement: from", fmt(ret["involvement_from"], ds)),
                     ("Period of involvement: to", fmt(ret["involvement_to"], ds)),
                     ("Summary of involvement", ret["summary"]),
                     ("Immediate actions taken by your agency", ret["immediate_actions"]),
                     ("Learning identified so far", ret["learning"]),
                     ("Have records been secured?", yn(ret["records_secured"]))]
        rows += [("Signed off by (senior manager)", ret["signed_off_by"]),
                 ("Date completed", fmt(ret["date_completed"], ds))]
        for lab, v in rows:
            r = t.add_row().cells; put(r[0], lab, True); put(r[1], v or "")
    else:
        def qa(q, v):
            p = d.add_paragraph(); run(p, q, True)
            d.add_paragraph(v or "")
        d.add_paragraph(f"Our ref: {cref}")
        qa("1. Name of agency", ret["agency"])
        qa("2. Author of this summary (name / role / email / telephone)", f"{a['name']}\n{a['role']}\n{a['email']}\n{a['phone']}")
        p = d.add_paragraph(); run(p, "3. Has your agency had any involvement with the subject child or family?  ", True)
        run(p, f"{BOX_ON if ret['involved'] else BOX_OFF} Yes   {BOX_OFF if ret['involved'] else BOX_ON} No")
        if ret["involved"]:
            qa("4. Dates of involvement", f"{fmt(ret['involvement_from'], ds)} to {fmt(ret['involvement_to'], ds)}")
            qa("5. Brief summary of your agency's involvement", ret["summary"])
            qa("6. What immediate action has your agency taken?", ret["immediate_actions"])
            qa("7. Initial learning for your agency or the partnership", ret["learning"])
            p = d.add_paragraph(); run(p, "8. Records secured:  ", True)
            run(p, f"{BOX_ON} Yes   {BOX_OFF} No")
        qa("Authorised by", ret["signed_off_by"])
        qa("Date", fmt(ret["date_completed"], ds))
    return d
