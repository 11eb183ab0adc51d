"""Generate the second held-out corpus (deterministic): python tests/corpus_heldout2/generate.py

Writes NAME.eml + NAME.expected.json beside this file, and known_domains.json. See README.md for the sources
each layout is modelled on. All people, addresses and numbers are fictional.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _lib import (DOCX_MIME, add_formcheckbox, add_formtext, add_sdt_checkbox, add_sdt_text, cell_text,  # noqa: E402
                  docx_bytes, email_msg, eml_bytes, expected, fmt, merged_heading_row, new_doc, para, pdf_bytes,
                  shade, table)
from _data import REF, RET  # noqa: E402

PDF_MIME = ("application", "pdf")
CO = "North Somerset Safeguarding Children Partnership <nsscp.coordinator@csc.example.gov.uk>"
CPP_LABEL = {"yes": "Yes", "no": "No", "has_been": "Has been", "not_known": "Not known"}
OUT: dict[str, tuple[bytes, dict]] = {}


def yn(v, yes="Yes", no="No", none=""):
    return yes if v is True else no if v is False else none


def tickbox(on: bool, glyph: str, off: str = "\u2610") -> str:
    return glyph if on else off


# ======================================================================= referral renderers

NS_GROUPS = [
    ("(A) White", ["British", "Irish", "Any other White Background"]),
    ("(B) Mixed", ["Asian and White", "Black African and White", "Black Caribbean and White", "Any other mixed background"]),
    ("(C) Asian or Asian British", ["Indian", "Pakistani", "Bangladeshi", "Chinese", "Any other Asian background"]),
    ("(D) Black  or Black British", ["Caribbean", "African", "Any other Black background"]),
    ("(E) Other Ethnic Groups", ["Please specify"]),
    ("(F) Not Declared", ["Not Declared"]),
]
NS_ETH = {"White British": ("(A) White", "British"), "White Irish": ("(A) White", "Irish")}


def ns_ticked(eth: str, group: str, opt: str) -> bool:
    g, o = NS_ETH.get(eth, (None, eth))
    return opt == o and (g is None or g == group)


def ns_docx(r: dict, glyph: str = "\u2612", ds: str = "slash", title_extra: str = "") -> bytes:
    """North Somerset Appendix 2 as published: 4-column label|value tables, 3x2 ethnic-origin tick grid."""
    d = new_doc()
    para(d, "APPENDIX 2:  Request for a Child Safeguarding Practice Review" + title_extra, bold=True)
    para(d, "Before submitting the referral please check the criteria in appendix 3 of this form. Once completed, please "
            "send this form to the NSSCP Co-ordinator and the Local Authority Service Leader.")
    rf, ch = r["referrer"], r["child"]
    para(d, "1. Referrer", bold=True)
    table(d, [["Name:", rf["name"], "Email:", rf["email"]],
              ["Role:", rf["role"], "Tel:", rf["phone"]],
              ["Agency:", rf["agency"], "Date submitted:", fmt(rf["date_submitted"], ds)]], bold_cols=(0, 2))
    para(d, "")
    para(d, "2. Details of child or young person", bold=True)
    table(d, [["Name of child:", ch["name"], "Date of birth:", fmt(ch["date_of_birth"], ds)],
              ["Home address:", ch["home_address"], "Date of death or critical incident:", fmt(ch["incident_date"], ds)],
              ["Carer:", ch["carer"] or "", "Location of incident:", ch["incident_location"] or ""]], bold_cols=(0, 2))
    para(d, "")
    para(d, "Ethnic origin:", bold=True)
    t = d.add_table(rows=4, cols=3)
    t.style = "Table Grid"
    for block in (0, 1):
        for j in range(3):
            gname, opts = NS_GROUPS[block * 3 + j]
            cell_text(t.rows[block * 2].cells[j], gname, bold=True)
            shade(t.rows[block * 2].cells[j])
            c = t.rows[block * 2 + 1].cells[j]
            lines = [f"{tickbox(ns_ticked(ch['ethnicity'], gname, o), glyph)} {o}" for o in opts]
            cell_text(c, "\n".join(lines))
    para(d, "")
    table(d, [["Faith:", ch["faith"] or "", "Disability:", ch["disability"] or ""]], bold_cols=(0, 2))
    cpp = ch["child_protection_plan"]
    para(d, "Child protection plan: " + "  ".join(f"{tickbox(cpp == k, glyph)} {v}" for k, v in CPP_LABEL.items()))
    para(d, "3. Composition of family and significant others", bold=True)
    rows = [["Name", "Relationship to child", "DoB", "Address", "Ethnic origin"]]
    rows += [[f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]] for f in r["family"]]
    rows += [["", "", "", "", ""]]
    table(d, rows, header=True)
    para(d, "4. Rapid Review criteria", bold=True)
    para(d, "Please demonstrate how you believe the criteria for a Rapid Review to be met. The criteria can be found in Appendix 1.")
    c = r["criteria"]
    table(d, [["Criterion", "Yes", "no"],
              ["Is the child deceased?", tickbox(c["child_died"] is True, glyph), tickbox(c["child_died"] is False, glyph)],
              ["Is the child seriously harmed (please describe below)?", tickbox(c["seriously_harmed"] is True, glyph),
               tickbox(c["seriously_harmed"] is False, glyph)],
              ["Is abuse or neglect known or suspected to be a cause of the death or harm to the child?",
               f"{tickbox(c['abuse_or_neglect'] == 'known', glyph)} Known", f"{tickbox(c['abuse_or_neglect'] == 'suspected', glyph)} Suspected"],
              ["Is there a cause for concern as to the way in which agencies or other relevant persons have worked together "
               "to safeguard the child?", tickbox(c["agency_concern"] is True, glyph), tickbox(c["agency_concern"] is False, glyph)]],
          header=True)
    para(d, "5. Summary of events", bold=True)
    para(d, "Please provide a summary of the events leading to the death or harm caused to the child, making clear why you "
            "believe that these circumstances meet the criteria for SCR.")
    table(d, [[r["summary"]]])
    para(d, "6. Other information", bold=True)
    para(d, "If you are aware of any other agencies involved in the care of this child please list below:")
    rows = [["Name", "Agency", "Contact details", "Are they still involved?"]]
    rows += [[a["name"], a["agency"], a["contact"], yn(a["still_involved"])] for a in r["other_agencies"]]
    rows += [["Please add rows as needed", "", "", ""]]
    table(d, rows, header=True)
    para(d, "If you aware of any other processes that this case is currently subject to, ie. Coroner's inquest, Child Death "
            "Overview Panel, criminal proceedings, etc. please list below:")
    rows = [["Process", "Current status"]] + [[p["process"], p["status"]] for p in r["other_processes"]]
    table(d, rows, header=True)
    return docx_bytes(d)


def scrrf_docx(r: dict, ds: str = "dot") -> bytes:
    """'Consideration of Case for Serious Case Review - Referral Form' (SCRRF v1/2010) style: 2-column label|value,
    circumstances a)-e) answered Yes/No, family table with Legal Status column, referral date at the foot."""
    d = new_doc()
    para(d, "Appendix 1: Consideration of Case for Child Safeguarding Practice Review \u2013 Referral Form  RRF.v3/2025", bold=True)
    para(d, "(To be completed within 72 hours of incident by the Referring Officer).")
    rf, ch = r["referrer"], r["child"]
    para(d, "1. Referrer", bold=True)
    table(d, [["Name", rf["name"]], ["Designation", rf["role"]], ["Agency", rf["agency"]],
              ["Telephone", rf["phone"]], ["Secure email", rf["email"]]], bold_cols=(0,))
    para(d, "Please submit the completed form by secure email to the Partnership Business Unit.")
    para(d, "2. Child and Family", bold=True)
    died = r["criteria"]["child_died"]
    table(d, [["Name Of Child", ch["name"]], ["Date of Birth", fmt(ch["date_of_birth"], ds)],
              ["Date of death (If Applicable)", fmt(ch["incident_date"], ds) if died else ""],
              ["Date of critical incident", "" if died else fmt(ch["incident_date"], ds)],
              ["Home Address", ch["home_address"]], ["Ethnic origin", ch["ethnicity"] or ""],
              ["Is/was subject to Child Protection Plan", {"yes": "YES", "no": "NO", "has_been": "Was previously",
                                                           "not_known": "Not known", None: ""}[ch["child_protection_plan"]]],
              ["Whereabouts at time of critical incident", ch["incident_location"] or ""],
              ["Carer at time of critical incident", ch["carer"] or ""]], bold_cols=(0,))
    para(d, "3. Family composition/Significant Others", bold=True)
    rows = [["Name", "Relationship to child", "DOB", "Address", "Legal Status", "Ethnic Origin", "Is/was subject to CP Plan?"]]
    rows += [[f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], "", f["ethnicity"], "N/A"] for f in r["family"]]
    table(d, rows, header=True)
    para(d, "4. Other agencies involved", bold=True)
    rows = [["Name", "Agency", "Contact Details", "Are they still involved?"]]
    rows += [[a["name"], a["agency"], a["contact"], yn(a["still_involved"], "YES", "NO")] for a in r["other_agencies"]]
    if len(rows) == 1:
        rows.append(["", "", "", ""])
    table(d, rows, header=True)
    para(d, "5. Circumstances that triggered the referral", bold=True)
    c = r["criteria"]
    table(d, [["a) Death of the child, and abuse or neglect is known or suspected to be a factor in the child's death", yn(c["child_died"], "YES", "NO")],
              ["b) Serious harm: potentially life-threatening injury, serious sexual abuse, or serious and permanent impairment of health or development", yn(c["seriously_harmed"], "YES", "NO")],
              ["c) Is abuse or neglect known or suspected?", {"known": "Known", "suspected": "Suspected", None: ""}[c["abuse_or_neglect"]]],
              ["e) Concerns about Inter-Agency Working", yn(c["agency_concern"], "YES", "NO")]], bold_cols=())
    para(d, "Please outline events and circumstances relevant to the above category:")
    para(d, r["summary"])
    para(d, "6. Parallel processes", bold=True)
    rows = [["Process", "Current status"]] + [[p["process"], p["status"]] for p in r["other_processes"]]
    table(d, rows, header=True)
    para(d, "NB: Agencies are reminded of the need to secure their files as soon as they become aware that a review might take place.")
    para(d, f"7. Date of Referral: {fmt(rf['date_submitted'], ds)}")
    para(d, f"8. Signed: {rf['name']}")
    para(d, "PART 2 (to be completed by the Chair of the CSPR Sub-Group)", bold=True)
    para(d, "It is [recommended] [not recommended] that this case be subject to a Rapid Review for the following reasons:")
    return docx_bytes(d)


def surrey_docx(r: dict, ds: str = "long") -> bytes:
    """SSCB 'Referral Form of Serious Incidents for Consideration' style: referrer as a 3-column table with the
    headings above the values, then the child's details as label paragraphs with the answer underneath."""
    d = new_doc()
    para(d, "Referral Form of Serious Incidents for Consideration by the Case Review Group", bold=True)
    rf, ch = r["referrer"], r["child"]
    para(d, "Name of child/family being referred for consideration:", bold=True)
    para(d, ch["name"])
    para(d, "Referrer", bold=True)
    table(d, [["NAME", "AGENCY & DESIGNATION/TITLE", "CONTACT DETAILS \u2013 Address, telephone number and e-mail address"],
              [rf["name"], f"{rf['agency']}\n{rf['role']}", f"Tel: {rf['phone']}\nEmail: {rf['email']}"]], header=True)
    para(d, "Date of referral to Business Support Team/CRG:", bold=True)
    para(d, fmt(rf["date_submitted"], ds))
    para(d, "THE ABOVE SHOULD FOLLOW A DISCUSSION WITH A NOMINATED MANAGER OR SAFEGUARDING ADVISOR IN YOUR AGENCY.")
    for label, val in [("Name of Child", ch["name"]), ("Date of Birth", fmt(ch["date_of_birth"], ds)),
                       ("Home address", ch["home_address"]), ("Ethnic Origin", ch["ethnicity"] or ""),
                       ("Religion / Faith", ch["faith"] or ""), ("Disability", ch["disability"] or ""),
                       ("Who was caring for the child at the time of the incident?", ch["carer"] or ""),
                       ("Date of incident", fmt(ch["incident_date"], ds)), ("Where did the incident take place?", ch["incident_location"] or ""),
                       ("Is the child/young person subject to a child protection plan or has been previously? (If so when, for what and for how long?)",
                        {"yes": "Yes - current plan", "no": "No", "has_been": "Has been previously - plan for neglect, March 2024 to January 2025",
                         "not_known": "Not known", None: ""}[ch["child_protection_plan"]])]:
        para(d, label, bold=True)
        para(d, val)
    para(d, "Details of family members / significant others", bold=True)
    rows = [["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]]
    rows += [[f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]] for f in r["family"]]
    table(d, rows, header=True)
    c = r["criteria"]
    para(d, "Has the child died?", bold=True)
    para(d, yn(c["child_died"]))
    para(d, "Has the child been seriously harmed?", bold=True)
    para(d, yn(c["seriously_harmed"]))
    para(d, "Is abuse or neglect known or suspected?", bold=True)
    para(d, {"known": "Known", "suspected": "Suspected", None: ""}[c["abuse_or_neglect"]])
    para(d, "Are there concerns about how agencies worked together?", bold=True)
    para(d, yn(c["agency_concern"]))
    para(d, "Brief summary of the incident and why you think it meets the criteria", bold=True)
    para(d, r["summary"])
    para(d, "Other agencies involved", bold=True)
    rows = [["Name", "Agency", "Contact", "Still involved?"]] + [[a["name"], a["agency"], a["contact"], yn(a["still_involved"])] for a in r["other_agencies"]]
    table(d, rows, header=True)
    para(d, "Other processes (e.g. police investigation, inquest)", bold=True)
    rows = [["Process", "Status"]] + [[p["process"], p["status"]] for p in r["other_processes"]]
    table(d, rows, header=True)
    return docx_bytes(d)


def onepanel_docx(r: dict, ds: str = "slash") -> bytes:
    """'Referral form for One Panel' style: one 4-column table, numbered section rows with the title merged across,
    the subject's last name and forename in separate cells, case outline as free text."""
    d = new_doc()
    para(d, "Referral form for the Case Review Panel (Child Safeguarding Practice Review / Rapid Review)", bold=True)
    rf, ch = r["referrer"], r["child"]
    first, last = ch["name"].rsplit(" ", 1)
    rows = [
        ["1.", "Referrer", "", ""],
        ["Name:", rf["name"], "Role:", rf["role"]],
        ["Agency:", rf["agency"], "Tel. number:", rf["phone"]],
        ["Date of notification:", fmt(rf["date_submitted"], ds), "Linked cases if any:", "None"],
        ["2.", "Case outline", "", ""],
        ["Please include details of referral to agency; status of child, i.e. subject of a child protection plan, looked after child; any other relevant factors; brief summary of work undertaken", "", "", ""],
        [r["summary"], "", "", ""],
        ["3.", "Subject's details", "", ""],
        ["Last name:", last, "Date of birth:", fmt(ch["date_of_birth"], ds)],
        ["Forename:", first, "Age (if D.O.B. not known):", ""],
        ["Other names used:", "", "Gender:", "Female"],
        ["Ethnicity", ch["ethnicity"] or "", "Disability", ch["disability"] or ""],
        ["GP", "Exampleton Health Centre", "School/college if relevant", "Exampleton Academy"],
        ["Home address:", ch["home_address"], "Date of incident:", fmt(ch["incident_date"], ds)],
        ["4.", "Criteria", "", ""],
        ["Has the child died?", yn(r["criteria"]["child_died"]), "Seriously harmed?", yn(r["criteria"]["seriously_harmed"])],
        ["Abuse or neglect:", {"known": "Known", "suspected": "Suspected", None: ""}[r["criteria"]["abuse_or_neglect"]],
         "Concerns about agencies working together?", yn(r["criteria"]["agency_concern"])],
    ]
    t = d.add_table(rows=len(rows), cols=4)
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        if row[0].endswith(".") and len(row[0]) <= 3:
            c = t.rows[i].cells[1].merge(t.rows[i].cells[3])
            cell_text(t.rows[i].cells[0], row[0], bold=True)
            cell_text(c, row[1], bold=True)
            shade(c)
        elif row[1:] == ["", "", ""]:
            c = t.rows[i].cells[0].merge(t.rows[i].cells[3])
            cell_text(c, row[0])
        else:
            for j, v in enumerate(row):
                cell_text(t.rows[i].cells[j], v, bold=(j in (0, 2)))
    return docx_bytes(d)


def contentcontrol_docx(r: dict, ds: str = "slash") -> bytes:
    """A modern Word form: label|value table whose values are plain-text content controls, check-box content
    controls for ethnicity, plan status and criteria (the NS Appendix 2 fields, as partnerships have re-keyed it)."""
    d = new_doc()
    para(d, "Rapid Review Referral Form", bold=True)
    para(d, "Anyone completing this form must first have agreed it with a senior safeguarding lead within their agency.")
    rf, ch = r["referrer"], r["child"]
    fields = [("Section A \u2013 Referrer", None), ("Referrer name", rf["name"]), ("Job title", rf["role"]),
              ("Organisation", rf["agency"]), ("Email address", rf["email"]), ("Telephone", rf["phone"]),
              ("Date of referral", fmt(rf["date_submitted"], ds)),
              ("Section B \u2013 Child", None), ("Child's full name", ch["name"]), ("Date of birth", fmt(ch["date_of_birth"], ds)),
              ("Address", ch["home_address"]), ("Main carer", ch["carer"] or ""), ("Date of incident", fmt(ch["incident_date"], ds)),
              ("Where did the incident happen?", ch["incident_location"] or ""), ("Religion", ch["faith"] or ""),
              ("Disability / SEND", ch["disability"] or "")]
    t = d.add_table(rows=len(fields), cols=2)
    t.style = "Table Grid"
    for i, (label, val) in enumerate(fields):
        if val is None:
            merged_heading_row(t, i, label)
            continue
        cell_text(t.rows[i].cells[0], label, bold=True)
        add_sdt_text(t.rows[i].cells[1], val, label.replace(" ", "_")[:20])
    para(d, "Ethnicity (tick one)", bold=True)
    opts = ["White British", "White Irish", "Any other White background", "Black Caribbean and White", "Black African and White",
            "Asian and White", "Any other mixed background", "Indian", "Pakistani", "Bangladeshi", "Chinese",
            "Any other Asian background", "Black Caribbean", "Black African", "Any other Black background", "Any other ethnic group",
            "Not declared"]
    t = d.add_table(rows=6, cols=3)
    t.style = "Table Grid"
    for k, o in enumerate(opts):
        p = t.rows[k // 3].cells[k % 3].paragraphs[0]
        add_sdt_checkbox(p, o == ch["ethnicity"], o)
    p = para(d, "Child protection plan:", bold=True)
    for k, v in CPP_LABEL.items():
        p.add_run("  ")
        add_sdt_checkbox(p, ch["child_protection_plan"] == k, v)
    para(d, "Section C \u2013 Criteria", bold=True)
    c = r["criteria"]
    t = d.add_table(rows=4, cols=3)
    t.style = "Table Grid"
    crit = [("Has the child died?", c["child_died"]), ("Has the child been seriously harmed?", c["seriously_harmed"]),
            ("Are there concerns about how agencies worked together?", c["agency_concern"])]
    for i, (q, v) in enumerate(crit):
        cell_text(t.rows[i].cells[0], q)
        add_sdt_checkbox(t.rows[i].cells[1].paragraphs[0], v is True, "Yes")
        add_sdt_checkbox(t.rows[i].cells[2].paragraphs[0], v is False, "No")
    cell_text(t.rows[3].cells[0], "Is abuse or neglect known or suspected?")
    add_sdt_checkbox(t.rows[3].cells[1].paragraphs[0], c["abuse_or_neglect"] == "known", "Known")
    add_sdt_checkbox(t.rows[3].cells[2].paragraphs[0], c["abuse_or_neglect"] == "suspected", "Suspected")
    para(d, "Section D \u2013 Summary of the incident", bold=True)
    t = d.add_table(rows=1, cols=1)
    t.style = "Table Grid"
    add_sdt_text(t.rows[0].cells[0], r["summary"], "summary")
    para(d, "Section E \u2013 Family and significant others", bold=True)
    rows = [["Name", "Relationship to child", "Date of birth", "Address", "Ethnicity"]]
    rows += [[f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]] for f in r["family"]]
    table(d, rows, header=True)
    para(d, "Section F \u2013 Other agencies involved", bold=True)
    rows = [["Name", "Agency", "Contact details", "Still involved? (Y/N)"]] + [
        [a["name"], a["agency"], a["contact"], yn(a["still_involved"], "Y", "N")] for a in r["other_agencies"]]
    table(d, rows, header=True)
    para(d, "Section G \u2013 Parallel processes", bold=True)
    rows = [["Process", "Current status"]] + [[p["process"], p["status"]] for p in r["other_processes"]]
    table(d, rows, header=True)
    return docx_bytes(d)


def legacy_docx(r: dict, ds: str = "slash2") -> bytes:
    """An older (2015-era) protected Word form: legacy FORMTEXT fields for values, FORMCHECKBOX fields for ticks,
    Swindon-style ethnicity list (White British / White Irish / White & Black Caribbean ...)."""
    d = new_doc()
    para(d, "Case Review Referral \u2013 referral to the Case Review Sub-Group for discussion", bold=True)
    rf, ch = r["referrer"], r["child"]
    rows = [("Name of referrer:", rf["name"]), ("Role:", rf["role"]), ("Agency:", rf["agency"]),
            ("Telephone:", rf["phone"]), ("E-mail:", rf["email"]), ("Date of referral:", fmt(rf["date_submitted"], ds)),
            ("Child's name:", ch["name"]), ("DoB:", fmt(ch["date_of_birth"], ds)), ("Home address:", ch["home_address"]),
            ("Carer at time of incident:", ch["carer"] or ""), ("Date of incident / death:", fmt(ch["incident_date"], ds)),
            ("Place of incident:", ch["incident_location"] or ""), ("Religion:", ch["faith"] or ""), ("Disability:", ch["disability"] or "")]
    t = d.add_table(rows=len(rows), cols=2)
    t.style = "Table Grid"
    for i, (label, val) in enumerate(rows):
        cell_text(t.rows[i].cells[0], label, bold=True)
        add_formtext(t.rows[i].cells[1].paragraphs[0], val)
    para(d, "Child/young person's ethnicity (please tick)", bold=True)
    grid = [["White British", "White Irish", "Any other White background"],
            ["White & Black Caribbean", "White & Black African", "White & Asian"],
            ["Indian", "Pakistani", "Bangladeshi"], ["Caribbean", "African", "Any other Black background"],
            ["Chinese", "Any other ethnic group", "Not known"]]
    t = d.add_table(rows=len(grid), cols=3)
    t.style = "Table Grid"
    for i, row in enumerate(grid):
        for j, o in enumerate(row):
            add_formcheckbox(t.rows[i].cells[j].paragraphs[0], o == ch["ethnicity"], o)
    p = para(d, "Is the child subject to a child protection plan?  ")
    for k, v in CPP_LABEL.items():
        add_formcheckbox(p, ch["child_protection_plan"] == k, v + "   ")
    para(d, "Is this case being brought to the sub-group for consideration as a CSPR (criteria below)?", bold=True)
    c = r["criteria"]
    t = d.add_table(rows=4, cols=3)
    t.style = "Table Grid"
    for i, (q, v) in enumerate([("The child has died", c["child_died"]), ("The child has been seriously harmed", c["seriously_harmed"]),
                                ("There is cause for concern as to the way agencies have worked together", c["agency_concern"])]):
        cell_text(t.rows[i].cells[0], q)
        add_formcheckbox(t.rows[i].cells[1].paragraphs[0], v is True, "Yes")
        add_formcheckbox(t.rows[i].cells[2].paragraphs[0], v is False, "No")
    cell_text(t.rows[3].cells[0], "Abuse or neglect is")
    add_formcheckbox(t.rows[3].cells[1].paragraphs[0], c["abuse_or_neglect"] == "known", "Known")
    add_formcheckbox(t.rows[3].cells[2].paragraphs[0], c["abuse_or_neglect"] == "suspected", "Suspected")
    para(d, "Summary of the incident:", bold=True)
    add_formtext(d.add_paragraph(), r["summary"])
    para(d, "Family members", bold=True)
    rows = [["Name", "Relationship", "DoB", "Address", "Ethnicity"]] + [
        [f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]] for f in r["family"]]
    table(d, rows, header=True)
    para(d, "Other processes", bold=True)
    rows = [["Process", "Status"]] + [[p["process"], p["status"]] for p in r["other_processes"]]
    table(d, rows, header=True)
    return docx_bytes(d)


def singlecol_docx(r: dict, ds: str = "ordinal") -> bytes:
    """A single-column form: every row of one 1-column table holds 'Label: value'; ticks are typed \u2713."""
    d = new_doc()
    para(d, "NOTIFICATION OF A SERIOUS CHILD SAFEGUARDING INCIDENT \u2013 REQUEST FOR RAPID REVIEW", bold=True)
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    eths = ["White British", "White Irish", "Indian", "Pakistani", "Bangladeshi", "Black African", "Black Caribbean", "Mixed", "Other", "Not declared"]
    lines = [
        "REFERRER DETAILS",
        f"Name: {rf['name']}", f"Job title: {rf['role']}", f"Agency: {rf['agency']}", f"Email: {rf['email']}",
        f"Phone: {rf['phone']}", f"Date completed: {fmt(rf['date_submitted'], ds)}",
        "CHILD DETAILS",
        f"Child's name: {ch['name']}", f"Date of birth: {fmt(ch['date_of_birth'], ds)}", f"Address: {ch['home_address']}",
        f"Carer: {ch['carer'] or ''}", f"Date of incident: {fmt(ch['incident_date'], ds)}",
        f"Location of incident: {ch['incident_location'] or ''}",
        "Ethnicity:\n" + "\n".join(("\u2713 " if e == ch["ethnicity"] else "\u25a1 ") + e for e in eths),
        f"Faith: {ch['faith'] or ''}", f"Disability: {ch['disability'] or ''}",
        "Child protection plan: " + "  ".join(("\u2713 " if ch["child_protection_plan"] == k else "\u25a1 ") + v for k, v in CPP_LABEL.items()),
        "CRITERIA",
        f"Has the child died? {yn(c['child_died'])}", f"Has the child been seriously harmed? {yn(c['seriously_harmed'])}",
        f"Abuse or neglect known or suspected? {({'known': 'Known', 'suspected': 'Suspected', None: ''})[c['abuse_or_neglect']]}",
        f"Concern about how agencies worked together? {yn(c['agency_concern'])}",
        "SUMMARY OF EVENTS\n" + r["summary"],
        "FAMILY AND SIGNIFICANT OTHERS\n" + "\n".join(
            f"{f['name']} \u2013 {f['relationship']} \u2013 DOB {fmt(f['date_of_birth'], ds)} \u2013 {f['address']} \u2013 {f['ethnicity']}" for f in r["family"]),
        "OTHER AGENCIES INVOLVED\n" + "\n".join(
            f"{a['name']}, {a['agency']}, {a['contact']}, still involved: {yn(a['still_involved'])}" for a in r["other_agencies"]),
        "OTHER PROCESSES\n" + "\n".join(f"{p['process']}: {p['status']}" for p in r["other_processes"]),
    ]
    t = d.add_table(rows=len(lines), cols=1)
    t.style = "Table Grid"
    for i, ln in enumerate(lines):
        cell_text(t.rows[i].cells[0], ln, bold=ln.isupper())
        if ln.isupper():
            shade(t.rows[i].cells[0])
    return docx_bytes(d)


def xgrid_docx(r: dict, ds: str = "dash") -> bytes:
    """Ethnicity as a two-column 'Option | Tick' grid and plan status as column headings, ticks typed as X."""
    d = new_doc()
    para(d, "Child Safeguarding Practice Review \u2013 Referral", bold=True)
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    table(d, [["Referrer's name", rf["name"]], ["Position", rf["role"]], ["Agency", rf["agency"]], ["Contact number", rf["phone"]],
              ["Email", rf["email"]], ["Date", fmt(rf["date_submitted"], ds)]], bold_cols=(0,))
    para(d, "")
    table(d, [["Child's name", ch["name"]], ["D.O.B.", fmt(ch["date_of_birth"], ds)], ["Address", ch["home_address"]],
              ["Carer", ch["carer"] or ""], ["Date of death / critical incident", fmt(ch["incident_date"], ds)],
              ["Location of incident", ch["incident_location"] or ""], ["Faith", ch["faith"] or ""],
              ["Disability", ch["disability"] or ""]], bold_cols=(0,))
    para(d, "Ethnic origin", bold=True)
    opts = ["White British", "White Irish", "White Gypsy/Roma", "Any other White background", "Mixed White and Black Caribbean",
            "Indian", "Pakistani", "Black African", "Black Caribbean", "Not declared"]
    table(d, [["Option", "Tick"]] + [[o, "X" if o == ch["ethnicity"] else ""] for o in opts], header=True)
    para(d, "Child protection plan", bold=True)
    table(d, [list(CPP_LABEL.values()), ["X" if ch["child_protection_plan"] == k else "" for k in CPP_LABEL]], header=True)
    para(d, "Criteria", bold=True)
    table(d, [["", "Yes", "No"],
              ["Child deceased", "X" if c["child_died"] else "", "X" if c["child_died"] is False else ""],
              ["Child seriously harmed", "X" if c["seriously_harmed"] else "", "X" if c["seriously_harmed"] is False else ""],
              ["Concern about agencies working together", "X" if c["agency_concern"] else "", "X" if c["agency_concern"] is False else ""]], header=True)
    table(d, [["Abuse or neglect", "Known", "Suspected"],
              ["", "X" if c["abuse_or_neglect"] == "known" else "", "X" if c["abuse_or_neglect"] == "suspected" else ""]], header=True)
    para(d, "Summary of events", bold=True)
    para(d, r["summary"])
    para(d, "Family", bold=True)
    table(d, [["Name", "Relationship", "DOB", "Address", "Ethnicity"]] + [
        [f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]] for f in r["family"]], header=True)
    para(d, "Agencies involved", bold=True)
    table(d, [["Name", "Agency", "Contact", "Still involved"]] + [
        [a["name"], a["agency"], a["contact"], yn(a["still_involved"])] for a in r["other_agencies"]], header=True)
    para(d, "Other processes", bold=True)
    table(d, [["Process", "Status"]] + [[p["process"], p["status"]] for p in r["other_processes"]], header=True)
    return docx_bytes(d)


def merged_docx(r: dict, ds: str = "short", glyph: str = "\u2611") -> bytes:
    """NS Appendix 2 fields re-laid by another partnership: one big table, merged full-width section headers,
    a label cell spanning two rows (vertical merge), \u2611 for ticks and 'Yes'/'No' written for criteria."""
    d = new_doc()
    para(d, "Safeguarding Children Partnership \u2013 Notification of Serious Incident / Request for Rapid Review", bold=True)
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    eth_opts = ["White British", "Black Caribbean and White", "Black African and White", "Pakistani", "Indian", "Not declared"]
    rows = [
        ["PART 1: REFERRER", "", "", ""],
        ["Referrer's name", rf["name"], "Email", rf["email"]],
        ["Role", rf["role"], "Telephone", rf["phone"]],
        ["Agency", rf["agency"], "Date submitted", fmt(rf["date_submitted"], ds)],
        ["PART 2: THE CHILD", "", "", ""],
        ["Child's name", ch["name"], "Date of birth", fmt(ch["date_of_birth"], ds)],
        ["Home address", ch["home_address"], "Date of critical incident", fmt(ch["incident_date"], ds)],
        ["", "", "Location of incident", ch["incident_location"] or ""],
        ["Carer", ch["carer"] or "", "Faith", ch["faith"] or ""],
        ["Disability", ch["disability"] or "", "Child protection plan",
         "  ".join(f"{tickbox(ch['child_protection_plan'] == k, glyph)} {v}" for k, v in CPP_LABEL.items())],
        ["Ethnic origin", "\n".join(f"{tickbox(o == ch['ethnicity'], glyph)} {o}" for o in eth_opts), "", ""],
        ["PART 3: CRITERIA", "", "", ""],
        ["Is the child deceased?", yn(c["child_died"]), "Is the child seriously harmed?", yn(c["seriously_harmed"])],
        ["Abuse or neglect known or suspected?", {"known": "Known", "suspected": "Suspected", None: ""}[c["abuse_or_neglect"]],
         "Concern about agencies working together?", yn(c["agency_concern"])],
        ["PART 4: SUMMARY OF EVENTS", "", "", ""],
        [r["summary"], "", "", ""],
    ]
    t = d.add_table(rows=len(rows), cols=4)
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        if row[0].startswith("PART "):
            merged_heading_row(t, i, row[0])
            continue
        if row[1:] == ["", "", ""]:
            m = t.rows[i].cells[0].merge(t.rows[i].cells[3])
            cell_text(m, row[0])
            continue
        if row[0] == "Ethnic origin":
            cell_text(t.rows[i].cells[0], row[0], bold=True)
            m = t.rows[i].cells[1].merge(t.rows[i].cells[3])
            cell_text(m, row[1])
            continue
        for j, v in enumerate(row):
            if i == 7 and j in (0, 1):
                continue
            cell_text(t.rows[i].cells[j], v, bold=(j in (0, 2)))
    # 'Home address' label and value span rows 6-7
    t.rows[6].cells[0].merge(t.rows[7].cells[0])
    t.rows[6].cells[1].merge(t.rows[7].cells[1])
    para(d, "PART 5: FAMILY AND SIGNIFICANT OTHERS", bold=True)
    table(d, [["Name", "Relationship to child", "DoB", "Address", "Ethnic origin"]] + [
        [f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]] for f in r["family"]], header=True)
    para(d, "PART 6: OTHER AGENCIES AND PROCESSES", bold=True)
    table(d, [["Name", "Agency", "Contact details", "Are they still involved?"]] + [
        [a["name"], a["agency"], a["contact"], yn(a["still_involved"])] for a in r["other_agencies"]], header=True)
    table(d, [["Process", "Current status"]] + [[p["process"], p["status"]] for p in r["other_processes"]], header=True)
    return docx_bytes(d)


# ----------------------------------------------------------------------- text / html / pdf renderers

def ns_text(r: dict, ds: str = "slash", mark: str = "X") -> str:
    """NS Appendix 2 copied out of Word and pasted into a mail: table cells become tabs, ticks become [X]."""
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    L = ["Request for a Child Safeguarding Practice Review", "", "1. Referrer",
         f"Name:\t{rf['name']}\tEmail:\t{rf['email']}", f"Role:\t{rf['role']}\tTel:\t{rf['phone']}",
         f"Agency:\t{rf['agency']}\tDate submitted:\t{fmt(rf['date_submitted'], ds)}", "",
         "2. Details of child or young person",
         f"Name of child: \t{ch['name']}\tDate of birth:\t{fmt(ch['date_of_birth'], ds)}",
         f"Home address:\t{ch['home_address']}\tDate of death or critical incident:\t{fmt(ch['incident_date'], ds)}",
         f"Carer:\t{ch['carer'] or ''}\tLocation of incident:\t{ch['incident_location'] or ''}", "",
         f"Ethnic origin:  [{mark}] {ch['ethnicity']}", "",
         f"Faith:\t{ch['faith'] or ''}\tDisability:\t{ch['disability'] or ''}", "",
         "Child protection plan: " + " ".join(f"[{mark if ch['child_protection_plan'] == k else ' '}] {v}" for k, v in CPP_LABEL.items()),
         "", "3. Composition of family and significant others", "Name\tRelationship to child\tDoB\tAddress\tEthnic origin"]
    L += [f"{f['name']}\t{f['relationship']}\t{fmt(f['date_of_birth'], ds)}\t{f['address']}\t{f['ethnicity']}" for f in r["family"]]
    L += ["", "4. Rapid Review criteria", "Criterion\tYes\tno",
          f"Is the child deceased?\t{mark if c['child_died'] else ''}\t{mark if c['child_died'] is False else ''}",
          f"Is the child seriously harmed (please describe below)?\t{mark if c['seriously_harmed'] else ''}\t{mark if c['seriously_harmed'] is False else ''}",
          f"Is abuse or neglect known or suspected to be a cause of the death or harm to the child?\t[{mark if c['abuse_or_neglect'] == 'known' else ' '}] Known\t[{mark if c['abuse_or_neglect'] == 'suspected' else ' '}] Suspected",
          f"Is there a cause for concern as to the way in which agencies or other relevant persons have worked together to safeguard the child?\t{mark if c['agency_concern'] else ''}\t{mark if c['agency_concern'] is False else ''}",
          "", "5. Summary of events", r["summary"], "", "6. Other information", "Name\tAgency\tContact details\tAre they still involved?"]
    L += [f"{a['name']}\t{a['agency']}\t{a['contact']}\t{yn(a['still_involved'])}" for a in r["other_agencies"]]
    L += ["", "Process\tCurrent status"] + [f"{p['process']}\t{p['status']}" for p in r["other_processes"]]
    return "\n".join(L) + "\n"


def html_table_referral(r: dict, ds: str = "long") -> str:
    """Referral pasted from Word into Outlook: HTML table, &nbsp; padding, \u2612 entities, MsoNormal paragraphs."""
    rf, ch, c = r["referrer"], r["child"], r["criteria"]

    def row(*cells):
        return "<tr>" + "".join(f'<td style="border:solid windowtext 1.0pt;padding:0cm 5.4pt"><p class="MsoNormal">{x}&nbsp;</p></td>' for x in cells) + "</tr>\n"

    def box(on):
        return "&#9746;" if on else "&#9744;"
    h = ['<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body lang="EN-GB">',
         '<p class="MsoNormal">Good afternoon,</p><p class="MsoNormal">Please see below our referral for consideration of a rapid review. '
         'I could not attach the form from my laptop so have pasted it.</p><p class="MsoNormal">&nbsp;</p>',
         '<p class="MsoNormal"><b>1. Referrer</b></p><table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0">\n',
         row("<b>Name:</b>", rf["name"], "<b>Email:</b>", rf["email"]), row("<b>Role:</b>", rf["role"], "<b>Tel:</b>", rf["phone"]),
         row("<b>Agency:</b>", rf["agency"], "<b>Date submitted:</b>", fmt(rf["date_submitted"], ds)), "</table>",
         '<p class="MsoNormal"><b>2. Details of child or young person</b></p><table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0">\n',
         row("<b>Name of child:</b>", ch["name"], "<b>Date of birth:</b>", fmt(ch["date_of_birth"], ds)),
         row("<b>Home address:</b>", ch["home_address"], "<b>Date of death or critical incident:</b>", fmt(ch["incident_date"], ds)),
         row("<b>Carer:</b>", ch["carer"] or "", "<b>Location of incident:</b>", ch["incident_location"] or ""),
         row("<b>Ethnic origin:</b>", " ".join(f"{box(o == ch['ethnicity'])}&nbsp;{o}" for o in ["White British", "White Irish", "Pakistani", "Not declared"]), "", ""),
         row("<b>Faith:</b>", ch["faith"] or "", "<b>Disability:</b>", ch["disability"] or ""),
         row("<b>Child protection plan:</b>", " ".join(f"{box(ch['child_protection_plan'] == k)}&nbsp;{v}" for k, v in CPP_LABEL.items()), "", ""),
         "</table>", '<p class="MsoNormal"><b>3. Composition of family and significant others</b></p><table border="1" cellspacing="0">\n',
         row("<b>Name</b>", "<b>Relationship to child</b>", "<b>DoB</b>", "<b>Address</b>", "<b>Ethnic origin</b>")]
    h += [row(f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]) for f in r["family"]]
    h += ["</table>", '<p class="MsoNormal"><b>4. Rapid Review criteria</b></p><table border="1" cellspacing="0">\n',
          row("<b>Criterion</b>", "<b>Yes</b>", "<b>no</b>"),
          row("Is the child deceased?", box(c["child_died"] is True), box(c["child_died"] is False)),
          row("Is the child seriously harmed (please describe below)?", box(c["seriously_harmed"] is True), box(c["seriously_harmed"] is False)),
          row("Is abuse or neglect known or suspected to be a cause of the death or harm to the child?",
              f"{box(c['abuse_or_neglect'] == 'known')} Known", f"{box(c['abuse_or_neglect'] == 'suspected')} Suspected"),
          row("Is there a cause for concern as to the way in which agencies or other relevant persons have worked together to safeguard the child?",
              box(c["agency_concern"] is True), box(c["agency_concern"] is False)),
          "</table>", '<p class="MsoNormal"><b>5. Summary of events</b></p>', f'<p class="MsoNormal">{r["summary"]}</p>',
          '<p class="MsoNormal"><b>6. Other information</b></p><table border="1" cellspacing="0">\n',
          row("<b>Process</b>", "<b>Current status</b>")]
    h += [row(p["process"], p["status"]) for p in r["other_processes"]]
    h += ["</table>", '<p class="MsoNormal">&nbsp;</p><p class="MsoNormal">Kind regards</p>',
          f'<p class="MsoNormal">{rf["name"]}<br>{rf["role"]}</p></body></html>']
    return "".join(h)


def labels_above_text(r: dict, ds: str = "short") -> str:
    """Pasted from a PDF viewer: each label on its own line, the answer on the next, stray double spaces."""
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    pairs = [("Referrer name", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]), ("Email", rf["email"]),
             ("Telephone", rf["phone"]), ("Date submitted", fmt(rf["date_submitted"], ds)),
             ("Name of child", ch["name"]), ("Date of birth", fmt(ch["date_of_birth"], ds)), ("Home address", ch["home_address"]),
             ("Carer", ch["carer"]), ("Date of critical incident", fmt(ch["incident_date"], ds)),
             ("Location of incident", ch["incident_location"]), ("Ethnic origin", ch["ethnicity"]), ("Faith", ch["faith"]),
             ("Disability", ch["disability"]), ("Child protection plan", CPP_LABEL[ch["child_protection_plan"]]),
             ("Is the child deceased?", yn(c["child_died"])), ("Is the child seriously harmed?", yn(c["seriously_harmed"])),
             ("Is abuse or neglect known or suspected?", {"known": "Known", "suspected": "Suspected"}[c["abuse_or_neglect"]]),
             ("Is there a cause for concern about how agencies worked together?", yn(c["agency_concern"])),
             ("Summary of events", r["summary"])]
    out = ["Hi,", "", "Referral below as discussed on the phone this morning.", "", "CSPR REFERRAL", ""]
    for label, val in pairs:
        out += [label, "  " + (val or ""), ""]
    out += ["Other agencies involved", "  none known", "", "Thanks", rf["name"].split()[0]]
    return "\n".join(out) + "\n"


def html_paragraphs_referral(r: dict, ds: str = "dot") -> str:
    """An HTML mail typed by hand: 'Label: <b>value</b>' paragraphs, ticks as 'Yes'/'No', ethnicity typed."""
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    ps = [("Referrer", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]), ("Email", rf["email"]), ("Tel", rf["phone"]),
          ("Date submitted", fmt(rf["date_submitted"], ds)), ("Child's name", ch["name"]), ("DOB", fmt(ch["date_of_birth"], ds)),
          ("Address", ch["home_address"]), ("Carer", ch["carer"]), ("Date of incident", fmt(ch["incident_date"], ds)),
          ("Where", ch["incident_location"]), ("Ethnicity", ch["ethnicity"]), ("Faith", ch["faith"]), ("Disability", ch["disability"]),
          ("Child protection plan", CPP_LABEL[ch["child_protection_plan"]]), ("Child died", yn(c["child_died"])),
          ("Seriously harmed", yn(c["seriously_harmed"])), ("Abuse or neglect", {"known": "Known", "suspected": "Suspected"}[c["abuse_or_neglect"]]),
          ("Concern about agencies working together", yn(c["agency_concern"]))]
    body = "".join(f"<div>{k}:&nbsp; <b>{v or ''}</b></div>\n" for k, v in ps)
    body += f"<div><br></div><div><u>Summary of events</u></div><div>{r['summary']}</div><div><br></div>"
    body += "<div><u>Other agencies involved</u></div>" + "".join(
        f"<div>{a['name']} ({a['agency']}) {a['contact']} \u2013 still involved: {yn(a['still_involved'])}</div>" for a in r["other_agencies"])
    return ('<html><body style="font-family:Calibri"><div>Dear CSPR co-ordinator,</div><div><br></div>'
            '<div>Please accept this email as our referral for a Child Safeguarding Practice Review.</div><div><br></div>'
            + body + f"<div><br></div><div>Regards,<br>{rf['name']}</div></body></html>")


def _wrap(text: str, width: int) -> list[str]:
    out, line = [], ""
    for w in (text or "").split():
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = (line + " " + w).strip()
    return out + [line] if line else out or [""]


def _prow(*cells) -> list:
    """cells: (x, text, width_chars); wraps each cell inside its column, like a PDF export of a Word table."""
    cols = [(x, _wrap(t, w)) for x, t, w in cells]
    n = max(len(ls) for _, ls in cols)
    return [[(x, ls[i]) for x, ls in cols if i < len(ls)] for i in range(n)]


def ns_pdf(r: dict, ds: str = "slash") -> bytes:
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    X = lambda on: "[X]" if on else "[ ]"  # noqa: E731
    L = [("B", "APPENDIX 2: Request for a Child Safeguarding Practice Review"), "", ("B", "1. Referrer")]
    L += _prow((50, "Name:", 14), (130, rf["name"], 34), (320, "Email:", 14), (400, rf["email"], 40))
    L += _prow((50, "Role:", 14), (130, rf["role"], 34), (320, "Tel:", 14), (400, rf["phone"], 30))
    L += _prow((50, "Agency:", 14), (130, rf["agency"], 34), (320, "Date submitted:", 14), (400, fmt(rf["date_submitted"], ds), 30))
    L += ["", ("B", "2. Details of child or young person")]
    L += _prow((50, "Name of child:", 14), (130, ch["name"], 34), (320, "Date of birth:", 14), (400, fmt(ch["date_of_birth"], ds), 30))
    L += _prow((50, "Home address:", 14), (130, ch["home_address"], 34), (320, "Date of death or critical incident:", 16),
               (420, fmt(ch["incident_date"], ds), 30))
    L += _prow((50, "Carer:", 14), (130, ch["carer"] or "", 34), (320, "Location of incident:", 16), (420, ch["incident_location"] or "", 30))
    L += ["", "Ethnic origin:",
          [(50, "(A) White"), (220, "(B) Mixed"), (400, "(C) Asian or Asian British")],
          [(50, f"{X(False)} British"), (220, f"{X(False)} Asian and White"), (400, f"{X(False)} Indian")],
          [(50, f"{X(False)} Irish"), (220, f"{X(ch['ethnicity'] == 'Black African and White')} Black African and White"), (400, f"{X(ch['ethnicity'] == 'Pakistani')} Pakistani")],
          [(50, f"{X(ch['ethnicity'] == 'Any other White background')} Any other White background"), (220, f"{X(False)} Black Caribbean and White"), (400, f"{X(False)} Bangladeshi")],
          ""]
    L += _prow((50, "Faith:", 14), (130, ch["faith"] or "", 34), (320, "Disability:", 14), (400, ch["disability"] or "", 30))
    L += ["Child protection plan:  " + "   ".join(f"{X(ch['child_protection_plan'] == k)} {v}" for k, v in CPP_LABEL.items()), "",
          ("B", "3. Composition of family and significant others"),
          [(50, "Name"), (150, "Relationship"), (250, "DoB"), (310, "Address"), (490, "Ethnic origin")]]
    for f in r["family"]:
        L += _prow((50, f["name"], 18), (150, f["relationship"], 18), (250, fmt(f["date_of_birth"], ds), 12), (310, f["address"], 32),
                   (490, f["ethnicity"], 16))
    L += ["", ("B", "4. Rapid Review criteria"), [(50, "Criterion"), (450, "Yes"), (500, "no")],
          [(50, "Is the child deceased?"), (450, X(c["child_died"] is True)), (500, X(c["child_died"] is False))],
          [(50, "Is the child seriously harmed (please describe below)?"), (450, X(c["seriously_harmed"] is True)), (500, X(c["seriously_harmed"] is False))],
          [(50, "Is abuse or neglect known or suspected to be a cause of the death or harm?"), (420, X(c["abuse_or_neglect"] == "known") + " Known"), (490, X(c["abuse_or_neglect"] == "suspected") + " Suspected")],
          [(50, "Is there a cause for concern as to the way in which agencies worked together?"), (450, X(c["agency_concern"] is True)), (500, X(c["agency_concern"] is False))],
          "", ("B", "5. Summary of events")]
    L += _wrap(r["summary"], 95)
    L += ["", ("B", "6. Other information"), [(50, "Name"), (170, "Agency"), (330, "Contact details"), (450, "Are they still involved?")]]
    for a in r["other_agencies"]:
        L += _prow((50, a["name"], 22), (170, a["agency"], 28), (330, a["contact"], 22), (450, yn(a["still_involved"]), 10))
    L += ["", [(50, "Process"), (300, "Current status")]]
    for p in r["other_processes"]:
        L += _prow((50, p["process"], 45), (300, p["status"], 45))
    return pdf_bytes(L)


def short_pdf(r: dict, ds: str = "ordinal") -> bytes:
    """A short notification PDF exported from a case system: 'Label: value' lines."""
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    L = [("B", "Serious Incident Notification - Request for Rapid Review"), "",
         f"Referrer: {rf['name']}", f"Role: {rf['role']}", f"Agency: {rf['agency']}", f"Email: {rf['email']}",
         f"Telephone: {rf['phone']}", f"Date submitted: {fmt(rf['date_submitted'], ds)}", "",
         f"Child's name: {ch['name']}", f"Date of birth: {fmt(ch['date_of_birth'], ds)}", f"Home address: {ch['home_address']}",
         f"Carer: {ch['carer']}", f"Date of death: {fmt(ch['incident_date'], ds)}", f"Location: {ch['incident_location']}",
         f"Ethnicity: {ch['ethnicity']}", f"Child protection plan: {CPP_LABEL[ch['child_protection_plan']]}", "",
         f"Child died: {yn(c['child_died'])}", f"Seriously harmed: {yn(c['seriously_harmed'])}",
         f"Abuse or neglect: {c['abuse_or_neglect'].capitalize()}", f"Concern about agencies working together: {yn(c['agency_concern'])}", "",
         ("B", "Summary"), r["summary"]]
    return pdf_bytes(L)


# ======================================================================= agency return renderers

def iar_docx(a: dict, ref: str, ds: str = "slash") -> bytes:
    """Individual Agency Summary (Devon-style rapid review agency summary): 2-col header table, then
    numbered questions with the answer in a box below each."""
    d = new_doc()
    para(d, "Rapid Review \u2013 Individual Agency Summary", bold=True)
    au = a["author"]
    table(d, [["Case reference", ref], ["Agency", a["agency"]], ["Name of author", au["name"]], ["Role", au["role"]],
              ["Email", au["email"]], ["Telephone", au["phone"]], ["Date completed", fmt(a["date_completed"], ds)]], bold_cols=(0,))
    qa = [("1. Has your agency had any involvement with the child or family?", yn(a["involved"])),
          ("2. Period of involvement", f"From {fmt(a['involvement_from'], ds)} to {fmt(a['involvement_to'], ds)}" if a["involved"] else ""),
          ("3. Brief summary of your agency's involvement", a["summary"] or ""),
          ("4. Immediate actions taken or required to safeguard children", a["immediate_actions"] or ""),
          ("5. Initial learning identified for your agency or the partnership", a["learning"] or ""),
          ("6. Have your agency's records been secured?", yn(a["records_secured"]))]
    for q, ans in qa:
        para(d, q, bold=True)
        table(d, [[ans]])
    para(d, "Manager sign-off", bold=True)
    table(d, [["Signed off by (name and role)", a["signed_off_by"] or ""], ["Date", fmt(a["date_completed"], ds)]], bold_cols=(0,))
    return docx_bytes(d)


def police_return_docx(a: dict, ref: str, ds: str = "dot") -> bytes:
    """Police rapid-review return: one 2-col table, 'Dates of involvement' split into two rows,
    'Records secured' answered with a date."""
    d = new_doc()
    para(d, "OFFICIAL-SENSITIVE", bold=True)
    para(d, "Rapid Review \u2013 Agency Information Request", bold=True)
    au = a["author"]
    rows = [["Partnership case reference", ref], ["Organisation", a["agency"]], ["Completed by", au["name"]],
            ["Rank / role", au["role"]], ["Contact email", au["email"]], ["Contact telephone", au["phone"]],
            ["Was the child or family known to your agency?", yn(a["involved"], "Yes", "No")],
            ["Involvement from", fmt(a["involvement_from"], ds)], ["Involvement to", fmt(a["involvement_to"], ds)],
            ["Summary of involvement", a["summary"]], ["Immediate actions", a["immediate_actions"]],
            ["Learning", a["learning"]], ["Records secured", f"Yes \u2013 secured on {fmt(a['date_completed'], ds)}" if a["records_secured"] else "No"],
            ["Authorised by", a["signed_off_by"]], ["Date", fmt(a["date_completed"], ds)]]
    table(d, rows, bold_cols=(0,))
    return docx_bytes(d)


def labels_above_return_docx(a: dict, ref: str, ds: str = "long") -> bytes:
    d = new_doc()
    para(d, f"Rapid review agency return \u2013 {ref}", bold=True)
    au = a["author"]
    for label, val in [("Agency", a["agency"]), ("Author", au["name"]), ("Job title", au["role"]), ("Email", au["email"]),
                       ("Phone", au["phone"]), ("Involvement with the child or family", "Yes" if a["involved"] else "No"),
                       ("Involvement period", f"{fmt(a['involvement_from'], ds)} \u2013 {fmt(a['involvement_to'], ds)}"),
                       ("Summary of involvement", a["summary"]), ("Immediate actions", a["immediate_actions"]),
                       ("Learning", a["learning"]), ("Records secured", yn(a["records_secured"])),
                       ("Signed off by", a["signed_off_by"]), ("Date completed", fmt(a["date_completed"], ds))]:
        para(d, label, bold=True)
        para(d, val or "")
    return docx_bytes(d)


def nil_return_docx(a: dict, ref: str, ds: str = "nozero") -> bytes:
    d = new_doc()
    para(d, "Rapid Review \u2013 Individual Agency Summary", bold=True)
    au = a["author"]
    table(d, [["Case reference:", ref], ["Agency:", a["agency"]], ["Completed by:", au["name"]], ["Role:", au["role"]],
              ["Email:", au["email"]], ["Tel:", au["phone"]]], bold_cols=(0,))
    para(d, "")
    table(d, [["Agency involvement with child/family:", "\u2610 Yes   \u2612 No"],
              ["If no involvement, please confirm the checks made:", "School MIS, CPOMS and admissions records checked for the child and named family members; no record found."],
              ["Manager sign-off:", a["signed_off_by"]], ["Date:", fmt(a["date_completed"], ds)]], bold_cols=(0,))
    return docx_bytes(d)


# ======================================================================= assembling messages

def add(name: str, raw: bytes, exp: dict) -> None:
    assert name not in OUT
    OUT[name] = (raw, exp)


def mid(name: str, dom: str = "example.gov.uk") -> str:
    return f"<{name}.heldout2@{dom}>"


def build_referrals() -> None:
    sig = "\n\n--\nThis email and any attachments are confidential and intended solely for the addressee.\n"

    def direct(name, ref_key, render, fname, date_hdr, subject, body="Please find attached a referral for consideration of a rapid review.\n",
               mime=DOCX_MIME):
        r = REF[ref_key]
        rf = r["referrer"]
        m = email_msg(f"{rf['name']} <{rf['email']}>", CO, subject, date_hdr, mid(name), text=body + sig,
                      attachments=[(fname, render(r), mime)])
        add(name, eml_bytes(m, name), expected("referral", None, r))

    direct("r01_ns_appendix2_docx", "r01", lambda r: ns_docx(r, "\u2612", "slash"), "CSPR referral form.docx",
           "Wed, 04 Feb 2026 16:42:10 +0000", "CSPR referral")
    direct("r02_scrrf_two_column_docx", "r02", lambda r: scrrf_docx(r, "dot"), "Referral - consideration of case.docx",
           "Mon, 19 Jan 2026 11:05:00 +0000", "Referral for consideration of CSPR - OFFICIAL SENSITIVE")
    direct("r03_labels_above_values_docx", "r03", lambda r: surrey_docx(r, "long"), "Serious incident referral form.docx",
           "Wed, 11 Feb 2026 09:12:44 +0000", "Serious incident referral form",
           body="Dear colleagues,\n\nAttached is our referral for the Case Review Group. I have discussed with our Named Doctor.\n\nNia\n")
    direct("r04_onepanel_merged_sections_docx", "r04", lambda r: onepanel_docx(r, "slash"), "Case review panel referral.docx",
           "Wed, 28 Jan 2026 14:30:00 +0000", "Referral to Case Review Panel")
    direct("r05_content_controls_docx", "r05", lambda r: contentcontrol_docx(r, "slash"), "Rapid Review Referral Form.docx",
           "Mon, 02 Mar 2026 08:55:00 +0000", "Rapid review referral form - secure")
    direct("r06_legacy_formfields_docx", "r06", lambda r: legacy_docx(r, "slash2"), "Case Review Referral.docx",
           "Fri, 09 Jan 2026 12:00:00 +0000", "Case review referral")
    direct("r07_single_column_tick_docx", "r07", lambda r: singlecol_docx(r, "ordinal"), "SIN rapid review request.docx",
           "Wed, 18 Feb 2026 10:20:00 +0000", "Request for rapid review")
    direct("r08_x_grid_docx", "r08", lambda r: xgrid_docx(r, "dash"), "CSPR Referral.docx",
           "Tue, 10 Mar 2026 17:45:00 +0000", "CSPR referral - looked after child")
    direct("r09_merged_cells_ballot_docx", "r09", lambda r: merged_docx(r, "short", "\u2611"), "Notification of serious incident.docx",
           "Tue, 03 Feb 2026 13:13:13 +0000", "Notification of serious incident")
    direct("r10_ns_appendix2_check_glyph_docx", "r10", lambda r: ns_docx(r, "\u2714", "nozero"), "Appendix 2 referral.docx",
           "Tue, 13 Jan 2026 09:01:00 +0000", "Appendix 2 referral form")

    # PDFs
    direct("p01_ns_text_pdf", "p01", lambda r: ns_pdf(r, "slash"), "CSPR referral.pdf", "Thu, 26 Feb 2026 15:00:00 +0000",
           "CSPR referral (PDF)", mime=PDF_MIME)
    direct("p02_short_notification_pdf", "p02", lambda r: short_pdf(r, "ordinal"), "notification.pdf",
           "Thu, 12 Mar 2026 19:20:00 +0000", "Serious incident notification", mime=PDF_MIME)

    # body: plain text pasted NS form
    r = REF["b01"]
    m = email_msg(f"{r['referrer']['name']} <{r['referrer']['email']}>", CO, "CSPR referral - pasted below",
                  "Fri, 20 Feb 2026 10:10:00 +0000", mid("b01"), text="Hello,\n\nForm pasted below as the attachment keeps bouncing.\n\n" + ns_text(r, "slash") + sig)
    add("b01_pasted_tabbed_text", eml_bytes(m, "b01"), expected("referral", None, r))
    r = REF["b02"]
    m = email_msg(f"{r['referrer']['name']} <{r['referrer']['email']}>", CO, "Referral for rapid review",
                  "Thu, 05 Mar 2026 16:00:00 +0000", mid("b02"), html=html_table_referral(r, "long"))
    add("b02_pasted_html_table", eml_bytes(m, "b02"), expected("referral", None, r))
    r = REF["b03"]
    m = email_msg(f"{r['referrer']['name']} <{r['referrer']['email']}>", CO, "CSPR referral",
                  "Thu, 22 Jan 2026 08:30:00 +0000", mid("b03"), text=labels_above_text(r, "short"))
    add("b03_labels_above_plain_text", eml_bytes(m, "b03"), expected("referral", None, r))
    r = REF["b04"]
    m = email_msg(f"{r['referrer']['name']} <{r['referrer']['email']}>", CO, "Referral - child safeguarding practice review",
                  "Mon, 16 Mar 2026 12:12:00 +0000", mid("b04"), html=html_paragraphs_referral(r, "dot"))
    add("b04_html_label_paragraphs", eml_bytes(m, "b04"), expected("referral", None, r))

    # forwarded: inline -----Original Message-----
    r = REF["f01"]
    rf = r["referrer"]
    inner = ns_text(r, "dot", mark="x")
    body = ("Please see below - this came to me rather than the partnership inbox. I agree it meets the criteria.\n\n"
            "Gareth Pollard\nService Manager, Disabled Children's Team\n\n-----Original Message-----\n"
            f"From: {rf['name']} <{rf['email']}>\nSent: 23 February 2026 15:02\nTo: Pollard, Gareth <gareth.pollard@csc.example.gov.uk>\n"
            "Subject: CSPR referral\n\nGareth,\n\nReferral as discussed.\n\n" + inner)
    m = email_msg("Gareth Pollard <gareth.pollard@csc.example.gov.uk>", CO, "FW: CSPR referral", "Mon, 23 Feb 2026 16:20:00 +0000",
                  mid("f01"), text=body)
    add("f01_forward_original_message_inline", eml_bytes(m, "f01"), expected("referral", None, r))

    # forwarded: Outlook header block, docx attached
    r = REF["f02"]
    rf = r["referrer"]
    body = ("Forwarding for the sub-group. DSL has spoken to me.\n\nAnnette Crewe\nHead of Inclusion\n\n"
            "________________________________\n"
            f"From: {rf['name']} <{rf['email']}>\nSent: Tuesday, March 3, 2026 9:14 AM\nTo: Annette Crewe <annette.crewe@schools.example.gov.uk>\n"
            "Subject: Referral form\n\nAnnette - form attached. Connor\n")
    m = email_msg("Annette Crewe <annette.crewe@schools.example.gov.uk>", CO, "FW: Referral form", "Tue, 03 Mar 2026 11:40:00 +0000",
                  mid("f02"), text=body, attachments=[("Referral form.docx", ns_docx(r, "\u2713", "slash2"), DOCX_MIME)])
    add("f02_forward_outlook_block_docx", eml_bytes(m, "f02"), expected("referral", None, r))

    # forwarded: attached message/rfc822 carrying the docx
    r = REF["f03"]
    rf = r["referrer"]
    inner_msg = email_msg(f"{rf['name']} <{rf['email']}>", "Safeguarding Team <icb.safeguarding@nhs.net>", "Referral for CSPR consideration",
                          "Fri, 30 Jan 2026 10:00:00 +0000", mid("f03-inner", "nhs.net"),
                          text="Please see attached referral.\n", attachments=[("referral.docx", scrrf_docx(r, "slash"), DOCX_MIME)])
    m = email_msg("ICB Safeguarding Team <icb.safeguarding@nhs.net>", CO, "FW: Referral for CSPR consideration",
                  "Fri, 30 Jan 2026 13:25:00 +0000", mid("f03", "nhs.net"),
                  text="Forwarding the attached referral from Dr Vellacott for the partnership.\n\nICB Safeguarding Team\n",
                  attachments=[inner_msg])
    add("f03_forward_attached_rfc822", eml_bytes(m, "f03"), expected("referral", None, r))


def build_returns() -> None:
    ref = "NS-CSPR-2026-014"
    a = RET["a01"]
    m = email_msg(f"{a['author']['name']} <{a['author']['email']}>", CO, f"RE: FW: {ref} Rapid review - request for agency information",
                  "Fri, 13 Mar 2026 15:30:00 +0000", mid("a01"), text="Please find our agency summary attached.\n\nImogen\n",
                  attachments=[(f"{ref} agency summary.docx", iar_docx(a, ref, "slash"), DOCX_MIME)])
    add("a01_iar_docx_education", eml_bytes(m, "a01"), expected("agency_return", ref, agency_return=a))

    a = RET["a02"]
    body = (f"Good morning,\n\nRe: {ref}\n\nNo involvement. We have checked the GP record and community health records for the child "
            "and the named family members and have found no record of any contact. This is a nil return from ICB Health.\n\n"
            "Kind regards\n\nRuth Penderby\nSafeguarding Administrator | ICB Safeguarding Team\nTel: 0117 555 0101\n\n"
            "From: NSSCP Co-ordinator <nsscp.coordinator@csc.example.gov.uk>\nSent: 02 March 2026 10:00\nSubject: "
            f"{ref} Rapid review - request for agency information\n\nPlease complete the attached template within 10 working days.\n")
    m = email_msg("Ruth Penderby <ruth.penderby@nhs.net>", CO, f"RE: {ref} Rapid review - request for agency information",
                  "Wed, 04 Mar 2026 09:05:00 +0000", mid("a02", "nhs.net"), text=body)
    add("a02_nil_return_body_health", eml_bytes(m, "a02"), expected("agency_return", ref, agency_return=a))

    ref3 = "NS-CSPR-2026-009"
    a = RET["a03"]
    m = email_msg(f"{a['author']['name']} <{a['author']['email']}>", CO, "Rapid review return - Police",
                  "Tue, 17 Feb 2026 17:02:00 +0000", mid("a03"), text="Return attached.\n",
                  attachments=[("Police return.docx", police_return_docx(a, ref3, "dot"), DOCX_MIME)])
    add("a03_police_return_ref_in_document", eml_bytes(m, "a03"), expected("agency_return", ref3, agency_return=a))

    ref4 = "NS-CSPR-2026-017"
    a = RET["a04"]
    au = a["author"]
    body = (f"Rapid Review agency return\nCase reference: {ref4}\nAgency: Children's Social Care\nAuthor: {au['name']}\n"
            f"Role: {au['role']}\nEmail: {au['email']}\nPhone: {au['phone']}\nInvolved with child/family: Yes\n"
            f"Period of involvement: {fmt(a['involvement_from'], 'ordinal')} to {fmt(a['involvement_to'], 'ordinal')}\n"
            f"Summary: {a['summary']}\nImmediate actions: {a['immediate_actions']}\nLearning: {a['learning']}\n"
            f"Records secured: Yes\nManager sign-off: {a['signed_off_by']}\nDate: {fmt(a['date_completed'], 'ordinal')}\n")
    m = email_msg(f"{au['name']} <{au['email']}>", CO, f"RE: {ref4} - request for rapid review information",
                  "Fri, 20 Mar 2026 16:59:00 +0000", mid("a04"), text=body)
    add("a04_return_in_body_text", eml_bytes(m, "a04"), expected("agency_return", ref4, agency_return=a))

    ref5 = "NS-CSPR-2026-012"
    a = RET["a05"]
    m = email_msg(f"{a['author']['name']} <{a['author']['email']}>", CO, f"RE: FW: {ref5} agency return",
                  "Tue, 03 Mar 2026 11:11:00 +0000", mid("a05", "nhs.net"), text="Attached, apologies for the delay.\n",
                  attachments=[(f"{ref5} ICB return.docx", labels_above_return_docx(a, ref5, "long"), DOCX_MIME)])
    add("a05_return_labels_above_docx", eml_bytes(m, "a05"), expected("agency_return", ref5, agency_return=a))

    ref6 = "NS-CSPR-2026-015"
    a = RET["a06"]
    m = email_msg(f"{a['author']['name']} <{a['author']['email']}>", CO, f"RE: FW: {ref6} Rapid review - request for agency information",
                  "Mon, 09 Mar 2026 14:00:00 +0000", mid("a06"), text="Nil return attached.\n",
                  attachments=[("nil return.docx", nil_return_docx(a, ref6, "nozero"), DOCX_MIME)])
    add("a06_nil_return_docx_tickbox", eml_bytes(m, "a06"), expected("agency_return", ref6, agency_return=a))

    ref7 = "NS-CSPR-2026-011"
    a = RET["a07"]
    au = a["author"]
    html = (f"<html><body><p>Hello,</p><p>Please see our return for {ref7} below.</p><table border='1'>"
            f"<tr><td><b>Agency / organisation</b></td><td>{a['agency']}</td></tr>"
            f"<tr><td><b>Completed by</b></td><td>{au['name']}, {au['role']}</td></tr>"
            f"<tr><td><b>Email</b></td><td>{au['email']}</td></tr><tr><td><b>Telephone</b></td><td>{au['phone']}</td></tr>"
            f"<tr><td><b>Has your agency been involved?</b></td><td>Yes</td></tr>"
            f"<tr><td><b>Dates of involvement</b></td><td>From {fmt(a['involvement_from'], 'dot')} to {fmt(a['involvement_to'], 'dot')}</td></tr>"
            f"<tr><td><b>Summary of involvement</b></td><td>{a['summary']}</td></tr>"
            f"<tr><td><b>Immediate actions</b></td><td>{a['immediate_actions']}</td></tr>"
            f"<tr><td><b>Learning</b></td><td>{a['learning']}</td></tr>"
            f"<tr><td><b>Records secured?</b></td><td>Yes</td></tr>"
            f"<tr><td><b>Signed off by</b></td><td>{a['signed_off_by']}</td></tr>"
            f"<tr><td><b>Date</b></td><td>{fmt(a['date_completed'], 'dot')}</td></tr></table><p>Thanks, Priya</p></body></html>")
    m = email_msg(f"{au['name']} <{au['email']}>", CO, f"RE: {ref7} rapid review information request", "Wed, 25 Feb 2026 10:30:00 +0000",
                  mid("a07", "westerleigh-homes.example.org.uk"), html=html)
    add("a07_return_html_table_unknown_domain", eml_bytes(m, "a07"), expected("agency_return", ref7, agency_return=a))


def build_commands() -> None:
    chair = "Dr Miriam Haverstock <miriam.haverstock@csc.example.gov.uk>"
    quote = ("\n\n-----Original Message-----\nFrom: csprbot <nsscp.coordinator@csc.example.gov.uk>\nSent: {d}\n"
             "Subject: {ref} screening decision due\n\n> The screening decision for {ref} is due on {due}.\n> Reply with DECISION: RAPID REVIEW or DECISION: NO RAPID REVIEW.\n")

    def cmd(name, frm, ref, subject, first, verb, args, date_hdr, html=False, extra_headers=None):
        body = first + quote.format(d="10 March 2026 09:00", ref=ref, due="12/03/2026")
        if html:
            hbody = "<html><body><div>" + first.replace("\n", "</div><div>") + "</div><div><br></div><div>Miriam</div><hr>" \
                    f"<blockquote>The screening decision for {ref} is due.</blockquote></body></html>"
            m = email_msg(frm, CO, subject, date_hdr, mid(name), text=body, html=hbody, headers=extra_headers)
        else:
            m = email_msg(frm, CO, subject, date_hdr, mid(name), text=body, headers=extra_headers)
        add(name, eml_bytes(m, name), expected("reply", ref, command={"verb": verb, "args": args}))

    cmd("c01_decision_rapid_review_agencies", chair, "NS-CSPR-2026-014", "RE: NS-CSPR-2026-014 screening decision due",
        "DECISION: RAPID REVIEW\nAGENCIES: Education, Avon and Somerset Police, ICB Health, Children's Social Care\n\nThanks all, agreed at today's sub-group.",
        "DECISION", {"decision": "RAPID REVIEW", "agencies": "Education, Avon and Somerset Police, ICB Health, Children's Social Care"},
        "Tue, 10 Mar 2026 14:05:00 +0000")
    cmd("c02_notified_date", "Declan Moorhaven <declan.moorhaven@csc.example.gov.uk>", "NS-CSPR-2026-014",
        "RE: NS-CSPR-2026-014 Panel notification due", "NOTIFIED: 2026-03-09\n\nSIN submitted this afternoon.", "NOTIFIED",
        {"date": "2026-03-09"}, "Mon, 09 Mar 2026 16:45:00 +0000")
    cmd("c03_decision_no_rapid_review_reason", chair, "NS-CSPR-2026-016", "RE: [EXTERNAL] NS-CSPR-2026-016 screening decision due",
        "DECISION: NO RAPID REVIEW - criteria not met, no abuse or neglect suspected", "DECISION",
        {"decision": "NO RAPID REVIEW", "reason": "criteria not met, no abuse or neglect suspected"}, "Wed, 11 Mar 2026 10:00:00 +0000",
        html=True)
    cmd("c04_extend_agency_clock", "NSSCP Co-ordinator <nsscp.coordinator@csc.example.gov.uk>", "NS-CSPR-2026-014",
        "RE: NS-CSPR-2026-014 chaser: Education return due", "EXTEND agency_return Education: 2026-03-27 school closed for two days (flooding)",
        "EXTEND", {"clock": "agency_return Education", "date": "2026-03-27", "reason": "school closed for two days (flooding)"},
        "Thu, 19 Mar 2026 08:40:00 +0000")
    cmd("c05_panel_local_review", "NSSCP Co-ordinator <nsscp.coordinator@csc.example.gov.uk>", "NS-CSPR-2026-009",
        "RE: NS-CSPR-2026-009 rapid review submitted", "PANEL: LOCAL REVIEW", "PANEL", {"view": "LOCAL REVIEW"},
        "Fri, 20 Mar 2026 12:00:00 +0000")
    cmd("c06_submitted_date", "NSSCP Co-ordinator <nsscp.coordinator@csc.example.gov.uk>", "NS-CSPR-2026-011",
        "RE: NS-CSPR-2026-011 rapid review due to the Panel", "SUBMITTED: 2026-03-02", "SUBMITTED", {"date": "2026-03-02"},
        "Mon, 02 Mar 2026 17:30:00 +0000", html=True)
    cmd("c07_ad_decision_do_not_refer", "Pauline Rookwood <pauline.rookwood@csc.example.gov.uk>", "NS-CSPR-2026-018",
        "RE: NS-CSPR-2026-018 disagreement about referral", "AD DECISION: DO NOT REFER\n\nHaving read both views I do not think the criteria are met.",
        "AD DECISION", {"decision": "DO NOT REFER"}, "Tue, 17 Mar 2026 09:30:00 +0000")


def build_noise() -> None:
    # out of office (RFC 3834 header)
    m = email_msg("Imogen Larkspur <imogen.larkspur@schools.example.gov.uk>", CO,
                  "Automatic reply: NS-CSPR-2026-014 chaser: Education return due", "Wed, 18 Mar 2026 09:00:05 +0000", mid("o01"),
                  text="Thank you for your email. I am out of the office until Monday 23rd March with limited access to email. "
                       "For urgent safeguarding matters please contact the school office on 01275 555 400.\n",
                  headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"})
    add("o01_out_of_office_auto_submitted", eml_bytes(m, "o01"), expected("auto_reply", "NS-CSPR-2026-014"))
    # out of office without Auto-Submitted, Exchange-style headers only
    m = email_msg("Kim Ashbourne <kim.ashbourne@avon.example.pnn.police.uk>", CO, "Out of Office: RE: NS-CSPR-2026-009 agency return due",
                  "Thu, 12 Feb 2026 09:00:07 +0000", mid("o02"),
                  text="I am currently on annual leave returning 16/02/2026. Please resend anything urgent to the MSCRT inbox.\n",
                  headers={"X-MS-Exchange-Inbox-Rules-Loop": "kim.ashbourne@avon.example.pnn.police.uk", "Precedence": "bulk"})
    add("o02_out_of_office_exchange_headers", eml_bytes(m, "o02"), expected("auto_reply", "NS-CSPR-2026-009"))
    # delivery failure (DSN)
    raw = (
        "From: Mail Delivery System <MAILER-DAEMON@mx.csc.example.gov.uk>\r\n"
        "To: nsscp.coordinator@csc.example.gov.uk\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Date: Thu, 26 Feb 2026 09:00:12 +0000\r\n"
        "Message-ID: <o03.heldout2@mx.csc.example.gov.uk>\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"----=_DSN_o03\"\r\n\r\n"
        "------=_DSN_o03\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
        "This is the mail system at host mx.csc.example.gov.uk.\r\n\r\nI'm sorry to have to inform you that your message could not\r\n"
        "be delivered to one or more recipients.\r\n\r\n<old.lead@housing.example.gov.uk>: host mx.housing.example.gov.uk said:\r\n"
        "    550 5.1.1 <old.lead@housing.example.gov.uk>: Recipient address rejected: User unknown\r\n\r\n"
        "------=_DSN_o03\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.csc.example.gov.uk\r\n\r\n"
        "Final-Recipient: rfc822; old.lead@housing.example.gov.uk\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n"
        "------=_DSN_o03\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        "From: nsscp.coordinator@csc.example.gov.uk\r\nTo: old.lead@housing.example.gov.uk\r\n"
        "Subject: NS-CSPR-2026-011 Rapid review - request for agency information\r\nX-CSPRBOT-Case: NS-CSPR-2026-011\r\n"
        "X-CSPRBOT-Kind: request\r\n\r\n------=_DSN_o03--\r\n")
    add("o03_delivery_failure_dsn", raw.encode(), expected("auto_reply", "NS-CSPR-2026-011"))

    # misdirected ordinary child-protection referral (belongs to the front door / MASH)
    body = ("Hi,\n\nI'd like to make a safeguarding referral about one of our Year 3 pupils.\n\n"
            "Child: Alfie Brookstone   DOB: 04/04/2018\nAddress: 12 Pretence Street, Clevedon-on-Sea, BS99 8ZZ\n\n"
            "Concern: Alfie came into school today with a bruise on his cheek and said \"mummy's friend was cross\". "
            "Mum has not been contactable. We are worried about him going home tonight.\n\n"
            "Consent: not sought (would place child at risk).\n\nThanks\nLaura Pike\nDSL, Seabrook Example Primary\n01275 555 111\n")
    m = email_msg("Laura Pike <laura.pike@schools.example.gov.uk>", CO, "Safeguarding referral - urgent", "Tue, 10 Mar 2026 13:20:00 +0000",
                  mid("u01"), text=body)
    add("u01_misdirected_cp_referral", eml_bytes(m, "u01"), expected("unknown"))
    # MARF attached (multi-agency referral form to the MASH, not a CSPR referral)
    d = new_doc()
    para(d, "Multi-Agency Referral Form (MARF) \u2013 to Children's Social Care / MASH", bold=True)
    table(d, [["Name of Referrer:", "Tom Hadleigh", "Date of Referral:", "11/03/2026"],
              ["Agency/School:", "Example Dental Practice", "Role of person completing referral:", "Dentist"],
              ["Telephone Number", "01934 555 321", "Email address", "tom.hadleigh@nhs.net"]], bold_cols=(0, 2))
    table(d, [["First name", "Surname", "Date of birth", "Gender", "Home address"],
              ["Millie", "Crossway", "01/09/2019", "F", "4 Maybe Mews, Worle-on-Example, BS94 3ZZ"]], header=True)
    para(d, "Reason for referral: multiple untreated dental abscesses; three missed appointments; parent declined treatment plan.")
    m = email_msg("Tom Hadleigh <tom.hadleigh@nhs.net>", CO, "MARF - dental neglect concern", "Wed, 11 Mar 2026 15:00:00 +0000",
                  mid("u02", "nhs.net"), text="Please find attached MARF.\n",
                  attachments=[("MARF.docx", docx_bytes(d), DOCX_MIME)])
    add("u02_misdirected_marf_docx", eml_bytes(m, "u02"), expected("unknown"))


def main() -> None:
    build_referrals()
    build_returns()
    build_commands()
    build_noise()
    for old in list(HERE.glob("*.eml")) + list(HERE.glob("*.expected.json")):
        old.unlink()
    for name, (raw, exp) in sorted(OUT.items()):
        (HERE / f"{name}.eml").write_bytes(raw)
        (HERE / f"{name}.expected.json").write_text(json.dumps(exp, indent=2, ensure_ascii=False) + "\n")
    known = {"schools.example.gov.uk": "Education", "avon.example.pnn.police.uk": "Avon and Somerset Police",
             "nhs.net": "ICB Health", "csc.example.gov.uk": "Children's Social Care"}
    (HERE / "known_domains.json").write_text(json.dumps(known, indent=2) + "\n")
    print(f"wrote {len(OUT)} messages to {HERE}")


if __name__ == "__main__":
    main()
