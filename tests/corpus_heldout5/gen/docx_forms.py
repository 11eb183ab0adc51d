"""Word referral and agency-return layouts, each modelled on how a different partnership's form looks."""
from __future__ import annotations

import io
import random

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from common import ETHNICITY_GRID, clone, fmt_date

CPP_WORDS = {"yes": "Yes", "no": "No", "has_been": "Has been", "not_known": "Not known"}


# ---------------------------------------------------------------- low-level helpers
def _run(par, text, bold=False, font=None, size=None, highlight=False):
    r = par.add_run(text)
    r.bold = bold
    if font:
        r.font.name = font
    if size:
        r.font.size = Pt(size)
    if highlight:
        r.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return r


def sdt_checkbox(par, checked: bool) -> None:
    """A Word 2010 content-control check box showing ☒ / ☐ (the w14:checkbox the form designer inserts)."""
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    fonts.set(qn("w:ascii"), "MS Gothic")
    fonts.set(qn("w:hAnsi"), "MS Gothic")
    rpr.append(fonts)
    pr.append(rpr)
    cb = OxmlElement("w14:checkbox")
    ch = OxmlElement("w14:checked")
    ch.set(qn("w14:val"), "1" if checked else "0")
    cb.append(ch)
    cs = OxmlElement("w14:checkedState")
    cs.set(qn("w14:val"), "2612")
    cs.set(qn("w14:font"), "MS Gothic")
    cb.append(cs)
    us = OxmlElement("w14:uncheckedState")
    us.set(qn("w14:val"), "2610")
    us.set(qn("w14:font"), "MS Gothic")
    cb.append(us)
    pr.append(cb)
    sdt.append(pr)
    content = OxmlElement("w:sdtContent")
    r = OxmlElement("w:r")
    r.append(clone_el(rpr))
    t = OxmlElement("w:t")
    t.text = "☒" if checked else "☐"
    r.append(t)
    content.append(r)
    sdt.append(content)
    par._p.append(sdt)


def clone_el(el):
    import copy
    return copy.deepcopy(el)


def _fld_begin(ff):
    r = OxmlElement("w:r")
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), "begin")
    fc.append(ff)
    r.append(fc)
    return r


def _fld(kind):
    r = OxmlElement("w:r")
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), kind)
    r.append(fc)
    return r


def _instr(text):
    r = OxmlElement("w:r")
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = text
    r.append(it)
    return r


def _ffdata(name):
    ff = OxmlElement("w:ffData")
    nm = OxmlElement("w:name")
    nm.set(qn("w:val"), name)
    ff.append(nm)
    ff.append(OxmlElement("w:enabled"))
    coe = OxmlElement("w:calcOnExit")
    coe.set(qn("w:val"), "0")
    ff.append(coe)
    return ff


def legacy_checkbox(par, checked: bool, name: str) -> None:
    """A legacy FORMCHECKBOX: the state lives only in w:ffData, there is no glyph in the text."""
    ff = _ffdata(name)
    cb = OxmlElement("w:checkBox")
    cb.append(OxmlElement("w:sizeAuto"))
    de = OxmlElement("w:default")
    de.set(qn("w:val"), "0")
    cb.append(de)
    if checked:
        cb.append(OxmlElement("w:checked"))
    ff.append(cb)
    par._p.append(_fld_begin(ff))
    par._p.append(_instr(" FORMCHECKBOX "))
    par._p.append(_fld("end"))


def legacy_text(par, value: str | None, name: str) -> None:
    """A legacy FORMTEXT field; an empty one shows five en-spaces as Word does."""
    ff = _ffdata(name)
    ti = OxmlElement("w:textInput")
    ff.append(ti)
    par._p.append(_fld_begin(ff))
    par._p.append(_instr(" FORMTEXT "))
    par._p.append(_fld("separate"))
    lines = (value or "\u2002\u2002\u2002\u2002\u2002").split("\n")
    for i, line in enumerate(lines):
        r = OxmlElement("w:r")
        if i:
            r.append(OxmlElement("w:br"))
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = line
        r.append(t)
        par._p.append(r)
    par._p.append(_fld("end"))


def cell_text(cell, text, bold=False, size=None):
    cell.text = ""
    p = cell.paragraphs[0]
    lines = (text or "").split("\n")
    for i, line in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        _run(p, line, bold=bold, size=size)


def shade(cell, hex_fill="D9D9D9"):
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill)
    tcpr.append(shd)


def new_doc(header_text: str | None = None, font="Arial"):
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = font
    st.font.size = Pt(10)
    if header_text:
        hp = doc.sections[0].header.paragraphs[0]
        hp.text = header_text
    return doc


def save(doc) -> bytes:
    buf = io.BytesIO()
    doc.core_properties.author = "Windows User"
    import datetime as _dt
    doc.core_properties.created = _dt.datetime(2026, 1, 1)
    doc.core_properties.modified = _dt.datetime(2026, 1, 1)
    doc.save(buf)
    # re-zip with fixed timestamps so the generator is byte-for-byte repeatable
    import zipfile
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, src.read(info.filename))
    return out.getvalue()


def grid(doc, rows, cols, style="Table Grid"):
    t = doc.add_table(rows=rows, cols=cols)
    t.style = style
    return t


def eth_short(eth: str) -> tuple[str, str]:
    """(group heading, option as printed under the heading) for the North Somerset-style grid."""
    short = {"White British": "British", "White Irish": "Irish", "Black Caribbean": "Caribbean",
             "Black African": "African"}
    for group, opts in ETHNICITY_GRID:
        if eth in opts:
            return group, short.get(eth, eth)
    return "", eth


def yn(v):
    return {True: "Yes", False: "No", None: ""}[v]


# ---------------------------------------------------------------- D1: North Somerset Appendix 2 look, content controls
def d1_north_somerset(r: dict, rng: random.Random, ds: str = "slash") -> tuple[bytes, dict]:
    r = clone(r)
    doc = new_doc()
    h = doc.add_paragraph()
    _run(h, "APPENDIX 2:  Request for a Child Safeguarding Practice Review", bold=True, size=14)
    doc.add_paragraph("Before submitting the referral please check the criteria in appendix 3 of this form. "
                      "Once completed, please send this form to the NSSCP Co-ordinator.")
    _run(doc.add_paragraph(), "1. Referrer", bold=True)
    rf = r["referrer"]
    t = grid(doc, 3, 4)
    for i, (a, av, b, bv) in enumerate([("Name:", rf["name"], "Email:", rf["email"]),
                                        ("Role:", rf["role"], "Tel:", rf["phone"]),
                                        ("Agency:", rf["agency"], "Date submitted:", fmt_date(rf["date_submitted"], ds))]):
        cell_text(t.cell(i, 0), a, bold=True)
        cell_text(t.cell(i, 1), av or "")
        cell_text(t.cell(i, 2), b, bold=True)
        cell_text(t.cell(i, 3), bv or "")
    _run(doc.add_paragraph(), "2. Details of child or young person", bold=True)
    c = r["child"]
    t = grid(doc, 3, 4)
    for i, (a, av, b, bv) in enumerate([("Name of child:", c["name"], "Date of birth:", fmt_date(c["date_of_birth"], ds)),
                                        ("Home address:", c["home_address"], "Date of death or critical incident:",
                                         fmt_date(c["incident_date"], ds)),
                                        ("Carer:", c["carer"], "Location of incident:", c["incident_location"])]):
        cell_text(t.cell(i, 0), a, bold=True)
        cell_text(t.cell(i, 1), av or "")
        cell_text(t.cell(i, 2), b, bold=True)
        cell_text(t.cell(i, 3), bv or "")
    _run(doc.add_paragraph(), "Ethnic origin:", bold=True)
    t = grid(doc, 2, 3)
    g_sel, o_sel = eth_short(c["ethnicity"]) if c["ethnicity"] else ("", "")
    groups = ETHNICITY_GRID[:3], ETHNICITY_GRID[3:]
    for row, gs in enumerate(groups):
        for col, (g, opts) in enumerate(gs):
            cell = t.cell(row, col)
            cell_text(cell, g, bold=True)
            for o in opts:
                shown = eth_short(o)[1]
                p = cell.add_paragraph()
                sdt_checkbox(p, g == g_sel and shown == o_sel)
                _run(p, " " + shown)
    t = grid(doc, 1, 4)
    cell_text(t.cell(0, 0), "Faith:", bold=True)
    cell_text(t.cell(0, 1), c["faith"] or "")
    cell_text(t.cell(0, 2), "Disability:", bold=True)
    cell_text(t.cell(0, 3), c["disability"] or "")
    p = doc.add_paragraph()
    _run(p, "Child protection plan: ", bold=True)
    for k, w in CPP_WORDS.items():
        sdt_checkbox(p, c["child_protection_plan"] == k)
        _run(p, f" {w}  ")
    _run(doc.add_paragraph(), "3. Composition of family and significant others", bold=True)
    fam = r["family"]
    t = grid(doc, 1 + len(fam) + 2, 5)
    for j, hd in enumerate(["Name", "Relationship to child", "DoB", "Address", "Ethnic origin"]):
        cell_text(t.cell(0, j), hd, bold=True)
    for i, f in enumerate(fam, start=1):
        for j, v in enumerate([f["name"], f["relationship"], fmt_date(f["date_of_birth"], ds), f["address"], f["ethnicity"]]):
            cell_text(t.cell(i, j), v or "")
    cell_text(t.cell(len(fam) + 1, 0), "Add rows as needed")
    _run(doc.add_paragraph(), "4. Rapid Review criteria", bold=True)
    doc.add_paragraph("Please demonstrate how you believe the criteria for a Rapid Review to be met.")
    cr = r["criteria"]
    t = grid(doc, 5, 3)
    for j, hd in enumerate(["Criterion", "Yes", "no"]):
        cell_text(t.cell(0, j), hd, bold=True)
    for i, (q, v) in enumerate([("Is the child deceased?", cr["child_died"]),
                                ("Is the child seriously harmed (please describe below)?", cr["seriously_harmed"])], start=1):
        cell_text(t.cell(i, 0), q)
        sdt_checkbox(t.cell(i, 1).paragraphs[0], v is True)
        sdt_checkbox(t.cell(i, 2).paragraphs[0], v is False)
    cell_text(t.cell(3, 0), "Is abuse or neglect known or suspected to be a cause of the death or harm to the child?")
    p = t.cell(3, 1).paragraphs[0]
    sdt_checkbox(p, cr["abuse_or_neglect"] == "known")
    _run(p, " Known")
    p = t.cell(3, 2).paragraphs[0]
    sdt_checkbox(p, cr["abuse_or_neglect"] == "suspected")
    _run(p, " Suspected")
    cell_text(t.cell(4, 0), "Is there a cause for concern as to the way in which agencies or other relevant persons "
                            "have worked together to safeguard the child?")
    sdt_checkbox(t.cell(4, 1).paragraphs[0], cr["agency_concern"] is True)
    sdt_checkbox(t.cell(4, 2).paragraphs[0], cr["agency_concern"] is False)
    _run(doc.add_paragraph(), "5. Summary of events", bold=True)
    doc.add_paragraph("Please provide a summary of the events leading to the death or harm caused to the child, making "
                      "clear why you believe that these circumstances meet the criteria.")
    t = grid(doc, 1, 1)
    cell_text(t.cell(0, 0), r["summary"] or "")
    _run(doc.add_paragraph(), "6. Other information", bold=True)
    doc.add_paragraph("If you are aware of any other agencies involved in the care of this child please list below:")
    oa = r["other_agencies"]
    t = grid(doc, 2 + len(oa), 4)
    for j, hd in enumerate(["Name", "Agency", "Contact details", "Are they still involved?"]):
        cell_text(t.cell(0, j), hd, bold=True)
    for i, a in enumerate(oa, start=1):
        for j, v in enumerate([a["name"], a["agency"], a["contact"], yn(a["still_involved"])]):
            cell_text(t.cell(i, j), v or "")
    cell_text(t.cell(1 + len(oa), 0), "Please add rows as needed")
    doc.add_paragraph("If you aware of any other processes that this case is currently subject to, ie. Coroner’s inquest, "
                      "Child Death Overview Panel, criminal proceedings, etc. please list below:")
    op = r["other_processes"]
    t = grid(doc, 1 + len(op), 2)
    cell_text(t.cell(0, 0), "Process", bold=True)
    cell_text(t.cell(0, 1), "Current status", bold=True)
    for i, o in enumerate(op, start=1):
        cell_text(t.cell(i, 0), o["process"])
        cell_text(t.cell(i, 1), o["status"] or "")
    return save(doc), r


# ---------------------------------------------------------------- D2: one-column stacked questions, typed [X]
def d2_one_column(r: dict, rng: random.Random, ds: str = "long") -> tuple[bytes, dict]:
    r = clone(r)
    doc = new_doc(font="Calibri")
    _run(doc.add_paragraph(), "Rapid Review Referral Form", bold=True, size=16)
    doc.add_paragraph("Anyone completing this form must first have agreed the referral with the senior safeguarding "
                      "lead in their organisation. Return to the Partnership Business Unit by secure email.")

    def qa(label, value):
        _run(doc.add_paragraph(), label, bold=True)
        doc.add_paragraph(value if value else "")

    _run(doc.add_paragraph(), "SECTION 1 – ABOUT YOU", bold=True, size=12)
    rf = r["referrer"]
    qa("Your name", rf["name"])
    qa("Job title", rf["role"])
    qa("Organisation", rf["agency"])
    qa("Email address", rf["email"])
    qa("Contact telephone number", rf["phone"])
    qa("Date of referral", fmt_date(rf["date_submitted"], ds))
    qa("Name of senior safeguarding lead who has agreed this referral", "Yvonne Kerslake")
    _run(doc.add_paragraph(), "SECTION 2 – THE CHILD", bold=True, size=12)
    c = r["child"]
    qa("Child's full name", c["name"])
    qa("Date of birth", fmt_date(c["date_of_birth"], ds))
    qa("Address where the child normally lives", c["home_address"])
    qa("Who does the child live with / main carer", c["carer"])
    qa("Ethnicity", c["ethnicity"])
    qa("Religion", c["faith"])
    qa("Does the child have a disability or SEND?", c["disability"])
    p = doc.add_paragraph()
    _run(p, "Is the child (or has the child been) subject to a child protection plan?", bold=True)
    p = doc.add_paragraph()
    for k, w in CPP_WORDS.items():
        _run(p, f"[{'X' if c['child_protection_plan'] == k else ' '}] {w}    ")
    _run(doc.add_paragraph(), "SECTION 3 – THE INCIDENT", bold=True, size=12)
    qa("When did the incident happen?", fmt_date(c["incident_date"], ds))
    qa("Where did it happen?", c["incident_location"])
    cr = r["criteria"]
    _run(doc.add_paragraph(), "Please mark the statements that apply:", bold=True)
    for label, v in [("The child has died", cr["child_died"]), ("The child has been seriously harmed", cr["seriously_harmed"])]:
        p = doc.add_paragraph()
        _run(p, f"{label}:   [{'X' if v is True else ' '}] Yes   [{'X' if v is False else ' '}] No")
    p = doc.add_paragraph()
    a = cr["abuse_or_neglect"]
    _run(p, f"Abuse or neglect is:   [{'X' if a == 'known' else ' '}] Known   [{'X' if a == 'suspected' else ' '}] Suspected")
    p = doc.add_paragraph()
    v = cr["agency_concern"]
    _run(p, f"There are concerns about how agencies worked together:   [{'X' if v is True else ' '}] Yes   [{'X' if v is False else ' '}] No")
    qa("Brief summary of what happened and why you think it meets the criteria", r["summary"])
    _run(doc.add_paragraph(), "SECTION 4 – FAMILY", bold=True, size=12)
    doc.add_paragraph("Please list parents, carers, siblings and other significant adults.")
    for i, f in enumerate(r["family"], start=1):
        _run(doc.add_paragraph(), f"Person {i}", bold=True)
        doc.add_paragraph(f"Name: {f['name']}")
        doc.add_paragraph(f"Relationship: {f['relationship']}")
        doc.add_paragraph(f"Date of birth: {fmt_date(f['date_of_birth'], ds) or 'not known'}")
        doc.add_paragraph(f"Address: {f['address'] or ''}")
        f["ethnicity"] = None
    _run(doc.add_paragraph(), "SECTION 5 – OTHER AGENCIES AND PROCESSES", bold=True, size=12)
    for a in r["other_agencies"]:
        still = {True: "still involved", False: "no longer involved", None: "involvement not known"}[a["still_involved"]]
        contact = f", {a['contact']}" if a["contact"] else ""
        doc.add_paragraph(f"{a['name']} ({a['agency']}{contact}) – {still}", style="List Bullet")
    _run(doc.add_paragraph(), "Other processes (inquest, CDOP, criminal investigation):", bold=True)
    for o in r["other_processes"]:
        doc.add_paragraph(f"{o['process']}: {o['status']}", style="List Bullet")
    return save(doc), r


# ---------------------------------------------------------------- D3: two-column label | value, delete-as-appropriate
def d3_two_column(r: dict, rng: random.Random, ds: str = "dot") -> tuple[bytes, dict]:
    r = clone(r)
    doc = new_doc(header_text="OFFICIAL – SENSITIVE", font="Verdana")
    _run(doc.add_paragraph(), "NOTIFICATION OF A SERIOUS CHILD SAFEGUARDING INCIDENT", bold=True, size=13)
    doc.add_paragraph("(Referral for consideration of a Rapid Review – delete Yes/No as appropriate)")
    rf, c, cr = r["referrer"], r["child"], r["criteria"]
    home = c["home_address"]
    fam_lines = []
    for f in r["family"]:
        addr = "same address as child" if f["address"] == home else f["address"]
        dob = f"DOB {fmt_date(f['date_of_birth'], ds)}" if f["date_of_birth"] else "DOB unknown"
        fam_lines.append(f"{f['relationship']} – {f['name']}, {dob}, {addr}")
        f["ethnicity"] = None
    ab = {"known": "Known", "suspected": "Suspected", None: ""}[cr["abuse_or_neglect"]]
    cpp = {"yes": "Yes – current plan", "no": "No", "has_been": "Has been (plan ended previously)",
           "not_known": "Not known"}[c["child_protection_plan"]]
    rows = [
        ("REFERRER", None),
        ("Name of person making referral", rf["name"]), ("Designation", rf["role"]), ("Agency / service", rf["agency"]),
        ("Telephone", rf["phone"]), ("E-mail", rf["email"]), ("Date", fmt_date(rf["date_submitted"], ds)),
        ("CHILD", None),
        ("Full name", c["name"]), ("D.O.B.", fmt_date(c["date_of_birth"], ds)), ("Home address", home),
        ("Parent / carer", c["carer"]), ("Ethnicity", c["ethnicity"]), ("Religion / faith", c["faith"]),
        ("Disability", c["disability"]), ("Child protection plan?", cpp),
        ("INCIDENT", None),
        ("Date of death / serious incident", fmt_date(c["incident_date"], ds)), ("Place of incident", c["incident_location"]),
        ("Has the child died?", "Yes" if cr["child_died"] else "No" if cr["child_died"] is False else "Yes / No"),
        ("Has the child been seriously harmed?", "Yes" if cr["seriously_harmed"] else "No" if cr["seriously_harmed"] is False else "Yes / No"),
        ("Is abuse or neglect known or suspected? (state which)", ab),
        ("Concerns about how agencies worked together?", "Yes" if cr["agency_concern"] else "No" if cr["agency_concern"] is False else "Yes / No"),
        ("Summary of incident", r["summary"]),
        ("Household members and significant others", "\n".join(fam_lines)),
        ("Other agencies known to be involved (name, agency, contact, still involved?)",
         "\n".join(f"{a['name']}, {a['agency']}, {a['contact'] or 'no contact details'}, "
                   f"{ {True: 'still involved', False: 'no longer involved', None: 'not known'}[a['still_involved']] }"
                   for a in r["other_agencies"])),
        ("Parallel processes (coroner, CDOP, police, courts)", "\n".join(f"{o['process']} – {o['status']}" for o in r["other_processes"])),
    ]
    t = grid(doc, len(rows), 2)
    for i, (label, val) in enumerate(rows):
        if val is None and label.isupper():
            m = t.cell(i, 0).merge(t.cell(i, 1))
            cell_text(m, label, bold=True)
            shade(m, "1F3864")
            continue
        cell_text(t.cell(i, 0), label, bold=True)
        shade(t.cell(i, 0), "DEEAF6")
        cell_text(t.cell(i, 1), val or "")
    return save(doc), r


# ---------------------------------------------------------------- D4: merged headings, Y/N columns, vertically merged address, nested table
def d4_merged(r: dict, rng: random.Random, ds: str = "short") -> tuple[bytes, dict]:
    r = clone(r)
    doc = new_doc(header_text="Safeguarding Children Partnership – Case Review Referral (v3.2)")
    rf, c, cr = r["referrer"], r["child"], r["criteria"]
    t = grid(doc, 12, 4)

    def head(row, text):
        m = t.cell(row, 0).merge(t.cell(row, 3))
        cell_text(m, text, bold=True)
        shade(m, "BFBFBF")

    head(0, "PART A   DETAILS OF REFERRER")
    pairs = [(1, "Name", rf["name"], "Position", rf["role"]),
             (2, "Organisation", rf["agency"], "Date of referral", fmt_date(rf["date_submitted"], ds)),
             (3, "Tel no.", rf["phone"], "Secure e-mail", rf["email"])]
    for row, a, av, b, bv in pairs:
        cell_text(t.cell(row, 0), a, bold=True)
        cell_text(t.cell(row, 1), av or "")
        cell_text(t.cell(row, 2), b, bold=True)
        cell_text(t.cell(row, 3), bv or "")
    head(4, "PART B   SUBJECT CHILD")
    pairs = [(5, "Child's name", c["name"], "DOB", fmt_date(c["date_of_birth"], ds)),
             (7, "Carer(s)", c["carer"], "Ethnicity", c["ethnicity"]),
             (8, "Religion", c["faith"], "Disability / additional needs", c["disability"]),
             (9, "Date of incident", fmt_date(c["incident_date"], ds), "Where did the incident occur?", c["incident_location"])]
    for row, a, av, b, bv in pairs:
        cell_text(t.cell(row, 0), a, bold=True)
        cell_text(t.cell(row, 1), av or "")
        cell_text(t.cell(row, 2), b, bold=True)
        cell_text(t.cell(row, 3), bv or "")
    cell_text(t.cell(6, 0), "Address", bold=True)
    m = t.cell(6, 1).merge(t.cell(6, 3))
    cell_text(m, c["home_address"] or "")
    cell_text(t.cell(10, 0), "Child Protection Plan", bold=True)
    m = t.cell(10, 1).merge(t.cell(10, 3))
    cell_text(m, "  ".join(f"{w} {'X' if c['child_protection_plan'] == k else '☐'}" for k, w in CPP_WORDS.items()))
    head(11, "PART C   FAMILY / HOUSEHOLD (addresses shown once where shared)")
    # family table with vertically merged address cells for people sharing the child's address
    fam = r["family"]
    ft = grid(doc, 1 + len(fam), 4)
    for j, hd in enumerate(["Name", "Relationship", "Date of Birth", "Address"]):
        cell_text(ft.cell(0, j), hd, bold=True)
        shade(ft.cell(0, j), "D9D9D9")
    for i, f in enumerate(fam, start=1):
        cell_text(ft.cell(i, 0), f["name"])
        cell_text(ft.cell(i, 1), f["relationship"])
        cell_text(ft.cell(i, 2), fmt_date(f["date_of_birth"], ds) or "unknown")
        f["ethnicity"] = None
    # merge runs of identical consecutive addresses
    i = 1
    while i <= len(fam):
        j = i
        while j + 1 <= len(fam) and fam[j]["address"] == fam[i - 1]["address"]:
            j += 1
        cell = ft.cell(i, 3).merge(ft.cell(j, 3)) if j > i else ft.cell(i, 3)
        cell_text(cell, fam[i - 1]["address"] or "")
        i = j + 1
    doc.add_paragraph()
    ct = grid(doc, 6, 3)
    m = ct.cell(0, 0).merge(ct.cell(0, 2))
    cell_text(m, "PART D   CRITERIA (mark X in Y or N)", bold=True)
    shade(m, "BFBFBF")
    cell_text(ct.cell(1, 0), "")
    cell_text(ct.cell(1, 1), "Y", bold=True)
    cell_text(ct.cell(1, 2), "N", bold=True)
    ab = cr["abuse_or_neglect"]
    crit = [("Child has died", cr["child_died"]), ("Child has been seriously harmed", cr["seriously_harmed"]),
            ("Abuse or neglect KNOWN", True if ab == "known" else (False if ab else None)),
            ("Concern about how organisations worked together", cr["agency_concern"])]
    for i, (q, v) in enumerate(crit, start=2):
        cell_text(ct.cell(i, 0), q)
        cell_text(ct.cell(i, 1), "X" if v is True else "")
        cell_text(ct.cell(i, 2), "X" if v is False else "")
    # "suspected" shown as a free note under the Y/N grid when abuse is suspected, not known
    note = doc.add_paragraph()
    if ab == "suspected":
        _run(note, "Abuse or neglect is suspected (not known) – see summary.", bold=True)
    doc.add_paragraph()
    st = grid(doc, 3, 1)
    cell_text(st.cell(0, 0), "PART E   SUMMARY OF THE INCIDENT AND REASON FOR REFERRAL", bold=True)
    shade(st.cell(0, 0), "BFBFBF")
    cell_text(st.cell(1, 0), r["summary"] or "")
    # nested table of other agencies inside the outer cell
    cell = st.cell(2, 0)
    cell_text(cell, "Other agencies involved:", bold=True)
    oa = r["other_agencies"]
    nt = cell.add_table(rows=1 + len(oa), cols=4)
    nt.style = "Table Grid"
    for j, hd in enumerate(["Worker", "Agency / team", "Contact", "Still involved?"]):
        cell_text(nt.cell(0, j), hd, bold=True)
    for i, a in enumerate(oa, start=1):
        for j, v in enumerate([a["name"], a["agency"], a["contact"], {True: "Y", False: "N", None: "?"}[a["still_involved"]]]):
            cell_text(nt.cell(i, j), v or "")
        if a["still_involved"] is None:
            a["still_involved"] = None
    cell.add_paragraph("Other processes:")
    for o in r["other_processes"]:
        cell.add_paragraph(f"• {o['process']} – {o['status']}")
    return save(doc), r


# ---------------------------------------------------------------- D5: legacy form fields (FORMTEXT / FORMCHECKBOX)
def d5_legacy_fields(r: dict, rng: random.Random, ds: str = "slash2") -> tuple[bytes, dict]:
    r = clone(r)
    doc = new_doc(font="Times New Roman")
    _run(doc.add_paragraph(), "Child Safeguarding Practice Review – Referral", bold=True, size=14)
    doc.add_paragraph("Click in the grey boxes to type. Tick boxes by clicking them.")
    rf, c, cr = r["referrer"], r["child"], r["criteria"]
    n = [0]

    def line(label, value):
        p = doc.add_paragraph()
        _run(p, label + " ", bold=True)
        n[0] += 1
        legacy_text(p, value, f"Text{n[0]}")

    def boxes(label, options):
        p = doc.add_paragraph()
        _run(p, label + "  ", bold=True)
        for text, on in options:
            n[0] += 1
            legacy_checkbox(p, on, f"Check{n[0]}")
            _run(p, f" {text}   ")

    _run(doc.add_paragraph(), "Referrer details", bold=True, size=12)
    line("Name:", rf["name"])
    line("Role:", rf["role"])
    line("Agency:", rf["agency"])
    line("Email:", rf["email"])
    line("Tel:", rf["phone"])
    line("Date:", fmt_date(rf["date_submitted"], ds))
    _run(doc.add_paragraph(), "Child details", bold=True, size=12)
    line("Name:", c["name"])
    line("Date of birth:", fmt_date(c["date_of_birth"], ds))
    line("Address:", c["home_address"])
    line("Main carer:", c["carer"])
    line("Date of incident / death:", fmt_date(c["incident_date"], ds))
    line("Location of incident:", c["incident_location"])
    line("Ethnic origin:", c["ethnicity"])
    line("Faith:", c["faith"])
    line("Disability:", c["disability"])
    boxes("Child protection plan:", [(w, c["child_protection_plan"] == k) for k, w in CPP_WORDS.items()])
    _run(doc.add_paragraph(), "Criteria", bold=True, size=12)
    boxes("Has the child died?", [("Yes", cr["child_died"] is True), ("No", cr["child_died"] is False)])
    boxes("Has the child been seriously harmed?", [("Yes", cr["seriously_harmed"] is True), ("No", cr["seriously_harmed"] is False)])
    boxes("Abuse or neglect:", [("Known", cr["abuse_or_neglect"] == "known"), ("Suspected", cr["abuse_or_neglect"] == "suspected")])
    boxes("Concern about agencies working together?", [("Yes", cr["agency_concern"] is True), ("No", cr["agency_concern"] is False)])
    _run(doc.add_paragraph(), "Summary of events", bold=True, size=12)
    p = doc.add_paragraph()
    n[0] += 1
    legacy_text(p, r["summary"], f"Text{n[0]}")
    _run(doc.add_paragraph(), "Family composition", bold=True, size=12)
    fam = r["family"]
    t = grid(doc, 1 + len(fam), 4)
    for j, hd in enumerate(["Name", "Relationship to child", "DoB", "Address"]):
        cell_text(t.cell(0, j), hd, bold=True)
    for i, f in enumerate(fam, start=1):
        for j, v in enumerate([f["name"], f["relationship"], fmt_date(f["date_of_birth"], ds), f["address"]]):
            p = t.cell(i, j).paragraphs[0]
            n[0] += 1
            legacy_text(p, v, f"Text{n[0]}")
        f["ethnicity"] = None
    _run(doc.add_paragraph(), "Other agencies", bold=True, size=12)
    oa = r["other_agencies"]
    t = grid(doc, 1 + len(oa), 4)
    for j, hd in enumerate(["Name", "Agency", "Contact details", "Still involved?"]):
        cell_text(t.cell(0, j), hd, bold=True)
    for i, a in enumerate(oa, start=1):
        for j, v in enumerate([a["name"], a["agency"], a["contact"], yn(a["still_involved"]) or None]):
            p = t.cell(i, j).paragraphs[0]
            n[0] += 1
            legacy_text(p, v, f"Text{n[0]}")
    _run(doc.add_paragraph(), "Other processes", bold=True, size=12)
    op = r["other_processes"]
    t = grid(doc, 1 + len(op), 2)
    cell_text(t.cell(0, 0), "Process", bold=True)
    cell_text(t.cell(0, 1), "Current status", bold=True)
    for i, o in enumerate(op, start=1):
        for j, v in enumerate([o["process"], o["status"]]):
            p = t.cell(i, j).paragraphs[0]
            n[0] += 1
            legacy_text(p, v, f"Text{n[0]}")
    return save(doc), r


# ---------------------------------------------------------------- D6: surname / forename split (Plymouth / Swindon style)
def d6_split_names(r: dict, rng: random.Random, ds: str = "long_ord") -> tuple[bytes, dict]:
    r = clone(r)
    doc = new_doc(header_text="Safeguarding Children Partnership Business Unit")
    _run(doc.add_paragraph(), "RAPID REVIEW REFERRAL", bold=True, size=15)
    rf, c, cr = r["referrer"], r["child"], r["criteria"]
    first, *rest = c["name"].split(" ")
    sur = " ".join(rest)
    age = ""
    _run(doc.add_paragraph(), "Details of child / young person being referred", bold=True)
    t = grid(doc, 5, 4)
    rows = [("Family name:", sur, "Given name(s):", first),
            ("DoB:", fmt_date(c["date_of_birth"], ds) + age, "Gender:", "—"),
            ("Home address:", c["home_address"], "Lives with:", c["carer"]),
            ("Ethnicity (please specify):", c["ethnicity"], "Religion:", c["faith"]),
            ("Disability:", c["disability"], "On a CP plan?", CPP_WORDS[c["child_protection_plan"]])]
    for i, (a, av, b, bv) in enumerate(rows):
        cell_text(t.cell(i, 0), a, bold=True)
        cell_text(t.cell(i, 1), av or "")
        cell_text(t.cell(i, 2), b, bold=True)
        cell_text(t.cell(i, 3), bv or "")
    _run(doc.add_paragraph(), "Composition of family and who else lives at the child's address (including non family members)", bold=True)
    fam = r["family"]
    t = grid(doc, 1 + len(fam) + 1, 6)
    for j, hd in enumerate(["Forename(s)", "Surname", "Relationship to Child", "D.O.B.", "Address & contact number", "PR?"]):
        cell_text(t.cell(0, j), hd, bold=True)
    for i, f in enumerate(fam, start=1):
        fn, *fs = f["name"].split(" ")
        for j, v in enumerate([fn, " ".join(fs), f["relationship"], fmt_date(f["date_of_birth"], ds), f["address"],
                               "Y" if f["relationship"] in ("Mother", "Father") else "N"]):
            cell_text(t.cell(i, j), v or "")
        f["ethnicity"] = None
    _run(doc.add_paragraph(), "The incident", bold=True)
    t = grid(doc, 3, 2)
    cell_text(t.cell(0, 0), "Date of incident", bold=True)
    cell_text(t.cell(0, 1), fmt_date(c["incident_date"], ds))
    cell_text(t.cell(1, 0), "Location", bold=True)
    cell_text(t.cell(1, 1), c["incident_location"] or "")
    cell_text(t.cell(2, 0), "Reason for referral", bold=True)
    cell_text(t.cell(2, 1), r["summary"] or "")
    _run(doc.add_paragraph(), "Which criteria apply? (delete as appropriate)", bold=True)
    ab = cr["abuse_or_neglect"]
    for q, v in [("Child has died", yn(cr["child_died"]) or "Yes / No"),
                 ("Child has been seriously harmed", yn(cr["seriously_harmed"]) or "Yes / No"),
                 ("Abuse / neglect", {"known": "Known", "suspected": "Suspected", None: "Known / Suspected"}[ab]),
                 ("Concerns about multi-agency working", yn(cr["agency_concern"]) or "Yes / No")]:
        doc.add_paragraph(f"{q}: {v}")
    _run(doc.add_paragraph(), "Agencies involved", bold=True)
    oa = r["other_agencies"]
    t = grid(doc, 1 + len(oa), 4)
    for j, hd in enumerate(["Agency", "Named worker", "Tel / email", "Currently involved Y/N"]):
        cell_text(t.cell(0, j), hd, bold=True)
    for i, a in enumerate(oa, start=1):
        for j, v in enumerate([a["agency"], a["name"], a["contact"], {True: "Y", False: "N", None: ""}[a["still_involved"]]]):
            cell_text(t.cell(i, j), v or "")
    _run(doc.add_paragraph(), "Any other processes (police, coroner, CDOP, court)", bold=True)
    for o in r["other_processes"]:
        doc.add_paragraph(f"{o['process']}: {o['status']}")
    _run(doc.add_paragraph(), "Referrer", bold=True)
    t = grid(doc, 3, 4)
    rows = [("Name", rf["name"], "Job title", rf["role"]), ("Agency", rf["agency"], "Telephone", rf["phone"]),
            ("Email", rf["email"], "Date", fmt_date(rf["date_submitted"], ds))]
    for i, (a, av, b, bv) in enumerate(rows):
        cell_text(t.cell(i, 0), a, bold=True)
        cell_text(t.cell(i, 1), av or "")
        cell_text(t.cell(i, 2), b, bold=True)
        cell_text(t.cell(i, 3), bv or "")
    return save(doc), r


# ---------------------------------------------------------------- D7: the chosen option is bold and highlighted
def d7_highlight(r: dict, rng: random.Random, ds: str = "weekday") -> tuple[bytes, dict]:
    r = clone(r)
    doc = new_doc()
    _run(doc.add_paragraph(), "Request for consideration of a Local Child Safeguarding Practice Review", bold=True, size=13)
    doc.add_paragraph("Please highlight your answer where options are given.")
    rf, c, cr = r["referrer"], r["child"], r["criteria"]

    def choice(label, options, chosen):
        p = doc.add_paragraph()
        _run(p, label + "  ", bold=False)
        for i, o in enumerate(options):
            if i:
                _run(p, " / ")
            _run(p, o, bold=(o == chosen), highlight=(o == chosen))

    t = grid(doc, 6, 2)
    for i, (a, v) in enumerate([("Referrer name", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]),
                                ("Phone", rf["phone"]), ("Email", rf["email"]),
                                ("Date completed", fmt_date(rf["date_submitted"], ds))]):
        cell_text(t.cell(i, 0), a)
        cell_text(t.cell(i, 1), v or "")
    doc.add_paragraph()
    t = grid(doc, 8, 2)
    for i, (a, v) in enumerate([("Child", c["name"]), ("Date of birth", fmt_date(c["date_of_birth"], ds)),
                                ("Address", c["home_address"]), ("Carer", c["carer"]),
                                ("Date of death / critical incident", fmt_date(c["incident_date"], ds)),
                                ("Location of incident", c["incident_location"]), ("Faith", c["faith"]),
                                ("Disability", c["disability"])]):
        cell_text(t.cell(i, 0), a)
        cell_text(t.cell(i, 1), v or "")
    choice("Ethnic origin:", ["White British", "White Irish", "Any other White background", "Black Caribbean and White",
                              "Black African and White", "Asian and White", "Indian", "Pakistani", "Bangladeshi",
                              "Chinese", "Black Caribbean", "Black African", "Any other ethnic group", "Not declared"],
           c["ethnicity"])
    if c["ethnicity"] not in ["White British", "White Irish", "Any other White background", "Black Caribbean and White",
                              "Black African and White", "Asian and White", "Indian", "Pakistani", "Bangladeshi",
                              "Chinese", "Black Caribbean", "Black African", "Any other ethnic group", "Not declared"]:
        c["ethnicity"] = None
    choice("Child protection plan:", list(CPP_WORDS.values()), CPP_WORDS[c["child_protection_plan"]])
    choice("Is the child deceased?", ["Yes", "No"], yn(cr["child_died"]))
    choice("Is the child seriously harmed?", ["Yes", "No"], yn(cr["seriously_harmed"]))
    choice("Is abuse or neglect a cause of the death or harm?", ["Known", "Suspected"],
           {"known": "Known", "suspected": "Suspected", None: ""}[cr["abuse_or_neglect"]])
    choice("Cause for concern about agencies working together?", ["Yes", "No"], yn(cr["agency_concern"]))
    _run(doc.add_paragraph(), "Summary of events", bold=True)
    doc.add_paragraph(r["summary"] or "")
    _run(doc.add_paragraph(), "Family and significant others", bold=True)
    fam = r["family"]
    t = grid(doc, 1 + len(fam), 5)
    for j, hd in enumerate(["Name", "Relationship", "DoB", "Address", "Ethnicity"]):
        cell_text(t.cell(0, j), hd, bold=True)
    for i, f in enumerate(fam, start=1):
        for j, v in enumerate([f["name"], f["relationship"], fmt_date(f["date_of_birth"], ds), f["address"], f["ethnicity"]]):
            cell_text(t.cell(i, j), v or "")
    _run(doc.add_paragraph(), "Other agencies", bold=True)
    oa = r["other_agencies"]
    t = grid(doc, 1 + len(oa), 4)
    for j, hd in enumerate(["Name", "Agency", "Contact", "Still involved?"]):
        cell_text(t.cell(0, j), hd, bold=True)
    for i, a in enumerate(oa, start=1):
        for j, v in enumerate([a["name"], a["agency"], a["contact"], yn(a["still_involved"])]):
            cell_text(t.cell(i, j), v or "")
    _run(doc.add_paragraph(), "Other processes", bold=True)
    op = r["other_processes"]
    t = grid(doc, 1 + len(op), 2)
    cell_text(t.cell(0, 0), "Process", bold=True)
    cell_text(t.cell(0, 1), "Status", bold=True)
    for i, o in enumerate(op, start=1):
        cell_text(t.cell(i, 0), o["process"])
        cell_text(t.cell(i, 1), o["status"])
    return save(doc), r


# ---------------------------------------------------------------- D8: referrer last, family columns reordered, ☒ glyphs typed
def d8_referrer_last(r: dict, rng: random.Random, ds: str = "dash") -> tuple[bytes, dict]:
    r = clone(r)
    doc = new_doc(header_text="Serious Incident Notification – Safeguarding Children Partnership")
    rf, c, cr = r["referrer"], r["child"], r["criteria"]
    _run(doc.add_paragraph(), "1. What has happened?", bold=True, size=12)
    t = grid(doc, 4, 2)
    for i, (a, v) in enumerate([("Date of incident", fmt_date(c["incident_date"], ds)), ("Where", c["incident_location"]),
                                ("Outline of the incident and any known history", r["summary"]),
                                ("Criteria", None)]):
        cell_text(t.cell(i, 0), a, bold=True)
        if v is not None:
            cell_text(t.cell(i, 1), v)
    cell = t.cell(3, 1)
    ab = cr["abuse_or_neglect"]
    lines = [f"{'☒' if cr['child_died'] else '☐'} The child has died",
             f"{'☒' if cr['seriously_harmed'] else '☐'} The child has been seriously harmed",
             f"{'☒' if ab == 'known' else '☐'} Abuse or neglect is known",
             f"{'☒' if ab == 'suspected' else '☐'} Abuse or neglect is suspected",
             f"{'☒' if cr['agency_concern'] else '☐'} There is concern about how agencies worked together"]
    cell_text(cell, "\n".join(lines))
    # a tick list: an unticked statement reads as "no"
    for k in ("child_died", "seriously_harmed", "agency_concern"):
        cr[k] = bool(cr[k])
    _run(doc.add_paragraph(), "2. The child", bold=True, size=12)
    t = grid(doc, 5, 4)
    rows = [("Name", c["name"], "Date of Birth", fmt_date(c["date_of_birth"], ds)),
            ("Usual address", c["home_address"], "Parent/Carer", c["carer"]),
            ("Ethnic origin", c["ethnicity"], "Faith", c["faith"]),
            ("Disability", c["disability"], "", ""),
            ("CP plan", "", "", "")]
    for i, (a, av, b, bv) in enumerate(rows):
        cell_text(t.cell(i, 0), a, bold=True)
        cell_text(t.cell(i, 1), av or "")
        cell_text(t.cell(i, 2), b, bold=True)
        cell_text(t.cell(i, 3), bv or "")
    m = t.cell(4, 1).merge(t.cell(4, 3))
    cell_text(m, "   ".join(f"{'☒' if c['child_protection_plan'] == k else '☐'} {w}" for k, w in CPP_WORDS.items()))
    _run(doc.add_paragraph(), "3. Family and significant others", bold=True, size=12)
    fam = r["family"]
    t = grid(doc, 1 + len(fam) + 2, 5)
    for j, hd in enumerate(["Relationship to child", "Full name", "Address", "Ethnicity", "Date of birth"]):
        cell_text(t.cell(0, j), hd, bold=True)
    for i, f in enumerate(fam, start=1):
        for j, v in enumerate([f["relationship"], f["name"], f["address"], f["ethnicity"], fmt_date(f["date_of_birth"], ds)]):
            cell_text(t.cell(i, j), v or "")
    _run(doc.add_paragraph(), "4. Other agencies / professionals", bold=True, size=12)
    oa = r["other_agencies"]
    t = grid(doc, 1 + len(oa) + 1, 4)
    for j, hd in enumerate(["Agency", "Name", "Contact details", "Still involved (Y/N)"]):
        cell_text(t.cell(0, j), hd, bold=True)
    for i, a in enumerate(oa, start=1):
        for j, v in enumerate([a["agency"], a["name"], a["contact"], {True: "Y", False: "N", None: ""}[a["still_involved"]]]):
            cell_text(t.cell(i, j), v or "")
    _run(doc.add_paragraph(), "5. Other processes", bold=True, size=12)
    op = r["other_processes"]
    t = grid(doc, 1 + len(op), 2)
    cell_text(t.cell(0, 0), "Process", bold=True)
    cell_text(t.cell(0, 1), "Current status", bold=True)
    for i, o in enumerate(op, start=1):
        cell_text(t.cell(i, 0), o["process"])
        cell_text(t.cell(i, 1), o["status"])
    _run(doc.add_paragraph(), "6. Form completed by", bold=True, size=12)
    t = grid(doc, 6, 2)
    for i, (a, v) in enumerate([("Name", rf["name"]), ("Role", rf["role"]), ("Organisation", rf["agency"]),
                                ("Contact number", rf["phone"]), ("Email", rf["email"]),
                                ("Date", fmt_date(rf["date_submitted"], ds))]):
        cell_text(t.cell(i, 0), a, bold=True)
        cell_text(t.cell(i, 1), v or "")
    return save(doc), r


# ---------------------------------------------------------------- D9: tick column ✓ only, incident first (Cornwall-like)
def d9_tick_column(r: dict, rng: random.Random, ds: str = "short_dash") -> tuple[bytes, dict]:
    r = clone(r)
    doc = new_doc(font="Calibri")
    _run(doc.add_paragraph(), "Rapid Review Referral Form", bold=True, size=16)
    rf, c, cr = r["referrer"], r["child"], r["criteria"]
    t = grid(doc, 1, 2)
    cell_text(t.cell(0, 0), "Date of referral", bold=True)
    cell_text(t.cell(0, 1), fmt_date(rf["date_submitted"], ds))
    _run(doc.add_paragraph(), "Which of the following apply? (✓)", bold=True)
    ab = cr["abuse_or_neglect"]
    items = [("Death of a child where abuse or neglect is known or suspected", cr["child_died"]),
             ("Serious harm to a child where abuse or neglect is known or suspected", cr["seriously_harmed"]),
             ("Abuse or neglect is known", ab == "known"), ("Abuse or neglect is suspected", ab == "suspected"),
             ("Concerns about how organisations worked together to safeguard the child", cr["agency_concern"])]
    t = grid(doc, len(items), 2)
    for i, (q, v) in enumerate(items):
        cell_text(t.cell(i, 0), q)
        cell_text(t.cell(i, 1), "✓" if v else "")
    for k in ("child_died", "seriously_harmed", "agency_concern"):
        cr[k] = bool(cr[k])
    _run(doc.add_paragraph(), "Child", bold=True)
    t = grid(doc, 9, 2)
    rows = [("Name", c["name"]), ("DOB", fmt_date(c["date_of_birth"], ds)), ("Address", c["home_address"]),
            ("Main carer", c["carer"]), ("Ethnicity", c["ethnicity"]), ("Religion", c["faith"]),
            ("SEND / disability", c["disability"]),
            ("Child protection plan (Yes / No / Previously / Not known)",
             {"yes": "Yes", "no": "No", "has_been": "Previously", "not_known": "Not known"}[c["child_protection_plan"]]),
            ("Date and place of death or incident",
             f"{fmt_date(c['incident_date'], ds)} – {c['incident_location']}")]
    for i, (a, v) in enumerate(rows):
        cell_text(t.cell(i, 0), a, bold=True)
        cell_text(t.cell(i, 1), v or "")
    _run(doc.add_paragraph(), "What happened", bold=True)
    doc.add_paragraph(r["summary"])
    _run(doc.add_paragraph(), "Significant people", bold=True)
    fam = r["family"]
    t = grid(doc, 1 + len(fam), 5)
    for j, hd in enumerate(["Name", "Relationship", "DOB", "Address", "Ethnicity"]):
        cell_text(t.cell(0, j), hd, bold=True)
    for i, f in enumerate(fam, start=1):
        for j, v in enumerate([f["name"], f["relationship"], fmt_date(f["date_of_birth"], ds), f["address"], f["ethnicity"]]):
            cell_text(t.cell(i, j), v or "")
    _run(doc.add_paragraph(), "Organisations involved", bold=True)
    oa = r["other_agencies"]
    t = grid(doc, 1 + len(oa), 4)
    for j, hd in enumerate(["Practitioner", "Organisation", "Contact", "Open? (✓)"]):
        cell_text(t.cell(0, j), hd, bold=True)
    for i, a in enumerate(oa, start=1):
        for j, v in enumerate([a["name"], a["agency"], a["contact"], "✓" if a["still_involved"] else ""]):
            cell_text(t.cell(i, j), v or "")
        a["still_involved"] = bool(a["still_involved"])
    _run(doc.add_paragraph(), "Other processes", bold=True)
    op = r["other_processes"]
    t = grid(doc, 1 + len(op), 2)
    cell_text(t.cell(0, 0), "Process", bold=True)
    cell_text(t.cell(0, 1), "Status", bold=True)
    for i, o in enumerate(op, start=1):
        cell_text(t.cell(i, 0), o["process"])
        cell_text(t.cell(i, 1), o["status"])
    _run(doc.add_paragraph(), "Referrer", bold=True)
    t = grid(doc, 5, 2)
    for i, (a, v) in enumerate([("Name", rf["name"]), ("Role", rf["role"]), ("Organisation", rf["agency"]),
                                ("Telephone", rf["phone"]), ("Email", rf["email"])]):
        cell_text(t.cell(i, 0), a, bold=True)
        cell_text(t.cell(i, 1), v or "")
    return save(doc), r


# ---------------------------------------------------------------- D10: typed in Word without a template
def d10_plain(r: dict, rng: random.Random, ds: str = "slash_nopad") -> tuple[bytes, dict]:
    r = clone(r)
    doc = new_doc(font="Calibri")
    rf, c, cr = r["referrer"], r["child"], r["criteria"]
    _run(doc.add_paragraph(), "CSPR referral", bold=True, size=12)
    doc.add_paragraph(f"Child – {c['name']}")
    doc.add_paragraph(f"DOB – {fmt_date(c['date_of_birth'], ds)}")
    doc.add_paragraph(f"Lives at – {c['home_address']} with {c['carer']}")
    doc.add_paragraph(f"Ethnicity – {c['ethnicity']}")
    c["faith"] = None
    c["disability"] = None
    cpp = {"yes": "on a child protection plan now", "no": "not on a child protection plan",
           "has_been": "has been on a child protection plan in the past", "not_known": "not known whether on a CP plan"}
    doc.add_paragraph(f"CP plan – {cpp[c['child_protection_plan']]}")
    doc.add_paragraph(f"Date of incident – {fmt_date(c['incident_date'], ds)}, {c['incident_location']}")
    doc.add_paragraph()
    doc.add_paragraph(r["summary"])
    ab = cr["abuse_or_neglect"]
    crit = []
    crit.append("Child died – " + yn(cr["child_died"]))
    crit.append("Seriously harmed – " + (yn(cr["seriously_harmed"]) or "n/a"))
    crit.append("Abuse/neglect – " + (ab or "").capitalize())
    crit.append("Agency concerns – " + yn(cr["agency_concern"]))
    if cr["seriously_harmed"] is None:
        pass
    for line in crit:
        doc.add_paragraph(line)
    doc.add_paragraph()
    doc.add_paragraph("Family:")
    for f in r["family"]:
        dob = f" (dob {fmt_date(f['date_of_birth'], ds)})" if f["date_of_birth"] else ""
        addr = "same address" if f["address"] == c["home_address"] else f["address"]
        doc.add_paragraph(f"{f['name']}{dob} – {f['relationship']} – {addr}")
        f["ethnicity"] = None
    doc.add_paragraph("Agencies:")
    for a in r["other_agencies"]:
        doc.add_paragraph(f"{a['agency']} – {a['name']}" + (f" – {a['contact']}" if a["contact"] else ""))
        a["still_involved"] = None
    doc.add_paragraph("Other processes:")
    for o in r["other_processes"]:
        doc.add_paragraph(f"{o['process']} – {o['status']}")
    doc.add_paragraph()
    doc.add_paragraph(f"Referred by {rf['name']}, {rf['role']}, {rf['agency']}")
    doc.add_paragraph(f"{rf['phone']} / {rf['email']}")
    doc.add_paragraph(fmt_date(rf["date_submitted"], ds))
    return save(doc), r


# ---------------------------------------------------------------- agency returns in Word
def ar_devon_ias(a: dict, ref: str, child_line: str, rng: random.Random, ds: str = "slash", header: str | None = None,
                 show_agency_field: bool = True, checkbox_records: bool = False) -> tuple[bytes, dict]:
    """Individual Agency Summary: label | value table, narrative boxes (Devon-style)."""
    a = clone(a)
    doc = new_doc(header_text=header)
    _run(doc.add_paragraph(), "Rapid Review – Individual Agency Summary", bold=True, size=14)
    doc.add_paragraph("To be returned to the Partnership Business Unit within 10 working days.")
    rows = [("Case reference", ref), ("Child", child_line)]
    if show_agency_field:
        rows.append(("Agency", a["agency"]))
    au = a["author"]
    rows += [("Author name", au["name"]), ("Job title", au["role"]), ("Email", au["email"]), ("Telephone", au["phone"]),
             ("Was your agency involved with the child or family?", yn(a["involved"])),
             ("Period of involvement", (f"{fmt_date(a['involvement_from'], ds)} to {fmt_date(a['involvement_to'], ds)}"
                                        if a["involvement_from"] else "N/A"))]
    t = grid(doc, len(rows), 2)
    for i, (k, v) in enumerate(rows):
        cell_text(t.cell(i, 0), k, bold=True)
        shade(t.cell(i, 0), "E7E6E6")
        cell_text(t.cell(i, 1), v or "")
    for title, v in [("Brief summary of involvement", a["summary"]),
                     ("Immediate actions taken / needed to safeguard children", a["immediate_actions"]),
                     ("Emerging learning for your agency or the partnership", a["learning"])]:
        t = grid(doc, 2, 1)
        cell_text(t.cell(0, 0), title, bold=True)
        shade(t.cell(0, 0), "E7E6E6")
        cell_text(t.cell(1, 0), v or "N/A")
    p = doc.add_paragraph()
    _run(p, "Records secured: ", bold=True)
    if checkbox_records:
        sdt_checkbox(p, a["records_secured"] is True)
        _run(p, " Yes   ")
        sdt_checkbox(p, a["records_secured"] is False)
        _run(p, " No")
    else:
        _run(p, yn(a["records_secured"]) or "")
    t = grid(doc, 2, 2)
    cell_text(t.cell(0, 0), "Signed off by (senior manager)", bold=True)
    cell_text(t.cell(0, 1), a["signed_off_by"] or "")
    cell_text(t.cell(1, 0), "Date", bold=True)
    cell_text(t.cell(1, 1), fmt_date(a["date_completed"], ds))
    return save(doc), a
