"""Word forms as agencies send them: NS Appendix 2, another partnership's 2-column form, an agency summary.

Tick styles: "glyph" (☒/☐ typed via Insert Symbol), "typedx" (an X typed in the Yes/No cell or over the
box), "legacy" (FORMCHECKBOX / FORMTEXT fields), "sdt" (Word 2010+ content controls), "wingdings"
(w:sym F0FE/F0A8). Raw XML is used where python-docx has no API.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from typing import Any

import docx
from docx.oxml import parse_xml
from docx.table import Table

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
)
_ids = itertools.count(1)
ETHNIC_GROUPS = [
    ("A", "White", ["British", "Irish", "Any other White Background"]),
    ("B", "Mixed", ["Asian and White", "Black African and White", "Black Caribbean and White",
                    "Any other mixed background"]),
    ("C", "Asian or Asian British", ["Indian", "Pakistani", "Bangladeshi", "Chinese", "Any other Asian background"]),
    ("D", "Black  or Black British", ["Caribbean", "African", "Any other Black background"]),
    ("E", "Other Ethnic Groups", ["Please specify"]),
    ("F", "Not Declared", ["Not Declared"]),
]


def _legacy_box(checked: bool, via_default: bool = False) -> str:
    n = next(_ids)
    state = '<w:default w:val="1"/>' if via_default and checked else (
        f'<w:default w:val="0"/>{"<w:checked/>" if checked else ""}')
    return (
        f'<w:r {NS}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check{n}"/><w:enabled/>'
        f'<w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>',
        f'<w:r {NS}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>',
        f'<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>',
    )  # type: ignore[return-value]


def _sdt_box(checked: bool) -> str:
    glyph = "☒" if checked else "☐"
    return (
        f'<w:sdt {NS}><w:sdtPr><w:id w:val="{next(_ids)}"/><w14:checkbox><w14:checked w14:val="{int(checked)}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" '
        'w14:font="MS Gothic"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" '
        f'w:eastAsia="MS Gothic" w:hAnsi="MS Gothic" w:hint="eastAsia"/></w:rPr><w:t>{glyph}</w:t></w:r>'
        "</w:sdtContent></w:sdt>"
    )


def add_tick(par: Any, checked: bool, style: str) -> None:
    """Append one tick box in the given style to a python-docx paragraph."""
    if style == "legacy":
        for xml in _legacy_box(checked, via_default=next(_ids) % 3 == 0):
            par._p.append(parse_xml(xml))
    elif style == "sdt":
        par._p.append(parse_xml(_sdt_box(checked)))
    elif style == "wingdings":
        char = "F0FE" if checked else "F0A8"
        par._p.append(parse_xml(f'<w:r {NS}><w:sym w:font="Wingdings" w:char="{char}"/></w:r>'))
    elif style == "typedx":
        par.add_run("X" if checked else "☐")
    else:
        par.add_run("☒" if checked else "☐").font.name = "MS Gothic"


def add_value(par: Any, text: str | None, style: str) -> None:
    """A typed value: a FORMTEXT field, a text content control, or plain runs."""
    if style == "legacy":
        shown = text if text else "\u2002" * 5
        xml = [
            f'<w:r {NS}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text{next(_ids)}"/><w:enabled/>'
            '<w:calcOnExit w:val="0"/><w:textInput/></w:ffData></w:fldChar></w:r>',
            f'<w:r {NS}><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>',
            f'<w:r {NS}><w:fldChar w:fldCharType="separate"/></w:r>',
            *[f'<w:r {NS}><w:t xml:space="preserve">{_esc(line)}</w:t></w:r>' + (f'<w:r {NS}><w:br/></w:r>' if i < len(shown.split(chr(10))) - 1 else "")
              for i, line in enumerate(shown.split("\n"))],
            f'<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>',
        ]
        for piece in xml:
            for el in parse_xml(f"<w:wrap {NS}>{piece}</w:wrap>"):
                par._p.append(el)
    elif style == "sdt":
        if text:
            runs = "".join(f'<w:r><w:t xml:space="preserve">{_esc(t)}</w:t></w:r>' for t in [text])
            par._p.append(parse_xml(f'<w:sdt {NS}><w:sdtPr><w:id w:val="{next(_ids)}"/></w:sdtPr><w:sdtContent>{runs}'
                                    "</w:sdtContent></w:sdt>"))
        else:
            par._p.append(parse_xml(
                f'<w:sdt {NS}><w:sdtPr><w:id w:val="{next(_ids)}"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
                '<w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>Click or tap here to enter text.</w:t></w:r>'
                "</w:sdtContent></w:sdt>"))
    elif text:
        lines = text.split("\n")
        for i, line in enumerate(lines):
            run = par.add_run(line)
            if i < len(lines) - 1:
                run.add_break()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _pairs_table(doc: Any, rows: list[list[tuple[str, str | None]]], style: str) -> Table:
    """A label|value grid (2 or 4 columns) as in NS sections 1 and 2."""
    width = max(len(r) for r in rows) * 2
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, pairs in enumerate(rows):
        for p, (label, value) in enumerate(pairs):
            table.cell(r, 2 * p).text = label
            add_value(table.cell(r, 2 * p + 1).paragraphs[0], value, style)
    return table


def _fmt_date(iso: str | None, how: str) -> str | None:
    if not iso:
        return None
    y, m, d = iso.split("-")
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    if how == "long":
        day = int(d)
        suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        return f"{day}{suffix} {months[int(m) - 1]} {y}"
    if how == "short":
        return f"{int(d)}/{int(m)}/{y[2:]}"
    if how == "dots":
        return f"{d}.{m}.{y}"
    if how == "iso":
        return iso
    if how == "mon":
        return f"{int(d)} {months[int(m) - 1][:3]} {y}"
    return f"{d}/{m}/{y}"


def ns_appendix2(case: dict[str, Any], style: str = "glyph", dates: str = "slash") -> bytes:
    """The North Somerset Appendix 2 referral form, filled in."""
    doc = docx.Document()
    rf, ch = case["referrer"], case["child"]
    doc.add_paragraph("APPENDIX 2:  Request for a Child Safeguarding Practice Review")
    doc.add_paragraph("Before submitting the referral please check the criteria in appendix 3 of this form. "
                      "Once completed, please send this form to\u2026..")
    doc.add_paragraph("1. Referrer")
    _pairs_table(doc, [
        [("Name:", rf["name"]), ("Email:", rf["email"])],
        [("Role:", rf["role"]), ("Tel:", rf["phone"])],
        [("Agency:", rf["agency"]), ("Date \nsubmitted:", _fmt_date(rf["date_submitted"], dates))],
    ], style)
    doc.add_paragraph("2. Details of child or young person")
    _pairs_table(doc, [
        [("Name of child:", ch["name"]), ("Date of birth:", _fmt_date(ch["date_of_birth"], dates))],
        [("Home address:", ch["home_address"]),
         ("Date of death or \ncritical incident:", _fmt_date(ch["incident_date"], dates))],
        [("Carer:", ch["carer"]), ("Location of \nincident:", ch["incident_location"])],
    ], style)
    doc.add_paragraph("Ethnic origin:")
    _ethnic_table(doc, case.get("eth"), style)
    _pairs_table(doc, [[("Faith:", ch["faith"]), ("Disability:", ch["disability"])]], style)
    par = doc.add_paragraph("Child protection plan: ")
    for value, text in (("yes", "Yes"), ("no", "No"), ("has_been", "Has been"), ("not_known", "Not known")):
        add_tick(par, ch["child_protection_plan"] == value, style)
        par.add_run(f" {text}  ")
    doc.add_paragraph("3. Composition of family and significant others")
    _rows_table(doc, ["Name", "Relationship to \nchild", "DoB", "Address", "Ethnic origin"],
                [[m["name"], m["relationship"], _fmt_date(m["date_of_birth"], dates), m["address"], m["ethnicity"]]
                 for m in case["family"]], "Add rows as \nneeded")
    doc.add_paragraph("4. Rapid Review criteria")
    doc.add_paragraph("Please demonstrate how you believe the criteria for a Rapid Review to be met. The criteria "
                      "can be found in Appendix 1.")
    _criteria_table(doc, case["criteria"], style)
    doc.add_paragraph("5. Summary of events")
    doc.add_paragraph("Please provide a summary of the events leading to the death or harm caused to the child, "
                      "making clear why you believe that these circumstances meet the criteria for SCR.")
    box = doc.add_table(rows=1, cols=1)
    add_value(box.cell(0, 0).paragraphs[0], case["summary"], "glyph" if style == "legacy" else style)
    doc.add_paragraph("6. Other information")
    doc.add_paragraph("If you are aware of any other agencies involved in the care of this child please list below:")
    _rows_table(doc, ["Name", "Agency", "Contact details", "Are they still \ninvolved?"],
                [[a["name"], a["agency"], a["contact"], "Yes" if a["still_involved"] else "No"]
                 for a in case["other_agencies"]], "Please add rows as \nneeded")
    doc.add_paragraph("If you aware of any other processes that this case is currently subject to, ie. Coroner\u2019s "
                      "inquest, Child Death Overview Panel, criminal proceedings, etc. please list below:")
    _rows_table(doc, ["Process", "Current status"], [[p["process"], p["status"]] for p in case["other_processes"]],
                "")
    return _save(doc)


def _ethnic_table(doc: Any, eth: tuple[str, str] | None, style: str) -> None:
    table = doc.add_table(rows=4, cols=3)
    for block, groups in enumerate((ETHNIC_GROUPS[:3], ETHNIC_GROUPS[3:])):
        for col, (letter, title, opts) in enumerate(groups):
            table.cell(block * 2, col).text = f"({letter}) {title}"
            cell = table.cell(block * 2 + 1, col)
            for i, opt in enumerate(opts):
                par = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                add_tick(par, eth is not None and eth == (letter, opt), style)
                par.add_run(f" {opt} ")


def _criteria_table(doc: Any, crit: dict[str, Any], style: str) -> None:
    table = doc.add_table(rows=5, cols=3)
    table.style = "Table Grid"
    for c, text in enumerate(["Criterion ", "Yes", "no"]):
        table.cell(0, c).text = text
    questions = [
        ("Is the child deceased? ", crit["child_died"]),
        ("Is the child seriously harmed (please describe below)?", crit["seriously_harmed"]),
        ("Is there a cause for concern as to the way in which agencies or other relevant persons have worked "
         "together to safeguard the child?", crit["agency_concern"]),
    ]
    for r, (question, answer) in enumerate(questions[:2], start=1):
        _yes_no_row(table, r, question, answer, style)
    table.cell(3, 0).text = ("Is abuse or neglect known or suspected to be a cause of the death or harm to the "
                             "child? ")
    yes_cell = table.cell(3, 1).paragraphs[0]
    add_tick(yes_cell, crit["abuse_or_neglect"] == "known", style)
    yes_cell.add_run(" Known")
    second = table.cell(3, 1).add_paragraph()
    add_tick(second, crit["abuse_or_neglect"] == "suspected", style)
    second.add_run(" Suspected")
    add_tick(table.cell(3, 2).paragraphs[0], crit["abuse_or_neglect"] is None, "glyph" if style == "typedx" else style)
    _yes_no_row(table, 4, questions[2][0], questions[2][1], style)


def _yes_no_row(table: Any, r: int, question: str, answer: bool | None, style: str) -> None:
    table.cell(r, 0).text = question
    if style == "typedx":
        table.cell(r, 1).text = "X" if answer is True else ""
        table.cell(r, 2).text = "X" if answer is False else ""
        return
    add_tick(table.cell(r, 1).paragraphs[0], answer is True, style)
    add_tick(table.cell(r, 2).paragraphs[0], answer is False, style)


def _rows_table(doc: Any, header: list[str], rows: list[list[str | None]], placeholder: str) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for c, text in enumerate(header):
        table.cell(0, c).text = text
    for row in rows:
        cells = table.add_row().cells
        for c, text in enumerate(row):
            cells[c].text = text or ""
    if placeholder is not None:
        cells = table.add_row().cells
        cells[0].text = placeholder
    table.add_row()  # the blank row people leave at the bottom


def _save(doc: Any) -> bytes:
    """Save, then rewrite the zip with a fixed timestamp so regenerated files are byte-identical."""
    buf = io.BytesIO()
    doc.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info))
    return out.getvalue()
