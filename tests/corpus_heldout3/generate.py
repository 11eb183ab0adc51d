"""Deterministic generator for held-out corpus 3 (blind test set; see README.md).

Run:  .venv/bin/python tests/corpus_heldout3/generate.py
Writes NAME.eml + NAME.expected.json + known_domains.json next to this file. Same bytes every run.
All people, addresses, phone numbers and events are fictional.
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from datetime import datetime
from email.message import EmailMessage
from email.policy import default as DEFAULT_POLICY
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

OUT = Path(__file__).resolve().parent
KNOWN = {
    "schools.example.gov.uk": "Education",
    "avon.example.pnn.police.uk": "Avon and Somerset Police",
    "nhs.net": "ICB Health",
    "csc.example.gov.uk": "Children's Social Care",
}
PARTNERSHIP = "cspr@partnership.example.gov.uk"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# ----------------------------------------------------------------------------------------------- values
class V:
    """A value shown one way on the form (disp) and expected another way (exp), e.g. dates."""

    def __init__(self, disp: str, exp):
        self.disp, self.exp = disp, exp


def d(x):
    return x.disp if isinstance(x, V) else x


def e(x):
    return x.exp if isinstance(x, V) else x


# --------------------------------------------------------------------------------------------- expected
def referral_expected(r: dict, missing=None, warnings=None, case_ref=None) -> dict:
    ch = r["child"]
    return {
        "kind": "referral",
        "case_ref": case_ref,
        "referral": {
            "referrer": {k: e(r["referrer"][k]) for k in ("name", "email", "role", "phone", "agency", "date_submitted")},
            "child": {
                "name": e(ch["name"]), "date_of_birth": e(ch["dob"]), "home_address": e(ch["address"]),
                "carer": e(ch["carer"]), "incident_date": e(ch["incident_date"]),
                "incident_location": e(ch["location"]), "ethnicity": ch["ethnicity"],
                "faith": e(ch["faith"]), "disability": e(ch["disability"]), "child_protection_plan": ch["cpp"],
            },
            "family": [{k: e(f[k]) for k in ("name", "relationship", "date_of_birth", "address", "ethnicity")}
                       for f in r["family"]],
            "criteria": dict(r["criteria"]),
            "summary": r["summary"],
            "other_agencies": [{"name": a["name"], "agency": a["agency"], "contact": a["contact"],
                                "still_involved": e(a["still"])} for a in r["agencies"]],
            "other_processes": [{"process": p[0], "status": p[1]} for p in r["processes"]],
        },
        "agency_return": None,
        "command": None,
        "missing": missing or [],
        "warnings": warnings or [],
    }


def return_expected(a: dict, case_ref, missing=None) -> dict:
    return {
        "kind": "agency_return",
        "case_ref": case_ref,
        "referral": None,
        "agency_return": {
            "agency": a["agency_exp"],
            "author": {k: a["author"][k] for k in ("name", "role", "email", "phone")},
            "involved": a["involved"],
            "involvement_from": e(a["from"]), "involvement_to": e(a["to"]),
            "summary": a["summary"], "immediate_actions": a["actions"], "learning": a["learning"],
            "records_secured": e(a["secured"]), "signed_off_by": a["signed"], "date_completed": e(a["date"]),
        },
        "command": None,
        "missing": missing or [],
        "warnings": [],
    }


def other_expected(kind: str, case_ref=None, command=None) -> dict:
    return {"kind": kind, "case_ref": case_ref, "referral": None, "agency_return": None, "command": command,
            "missing": [], "warnings": []}


# ------------------------------------------------------------------------------------------------ docx
FIXED = datetime(2026, 1, 5, 9, 0, 0)


def docx_bytes(doc) -> bytes:
    cp = doc.core_properties
    cp.author, cp.last_modified_by = "User", "User"
    cp.created = cp.modified = cp.last_printed = FIXED
    cp.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    src = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 5, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, src.read(name))
    return out.getvalue()


def new_doc():
    doc = docx.Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10)
    return doc


def set_cell(cell, text, bold=False):
    """Cell text; '\n' makes separate paragraphs in the cell (as people type them)."""
    parts = str(text).split("\n")
    cell.text = ""
    p = cell.paragraphs[0]
    for i, part in enumerate(parts):
        if i:
            p = cell.add_paragraph()
        run = p.add_run(part)
        run.bold = bold


def add_table(doc, rows, widths=None, style="Table Grid"):
    ncols = max(len(r) for r in rows)
    t = doc.add_table(rows=len(rows), cols=ncols)
    t.style = style
    for i, row in enumerate(rows):
        for j, val in enumerate(row):
            if val is None:
                continue
            bold = isinstance(val, tuple)
            set_cell(t.cell(i, j), val[0] if bold else val, bold=bold)
    return t


W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'


def legacy_checkbox(paragraph, checked: bool, name: str):
    chk = "<w:checked/>" if checked else ""
    for xml in (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="{name}"/><w:enabled/>'
        f'<w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/><w:default w:val="0"/>{chk}</w:checkBox>'
        f'</w:ffData></w:fldChar></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


def sdt_checkbox(paragraph, checked: bool):
    glyph = "☒" if checked else "☐"
    xml = (
        f'<w:sdt {nsdecls("w")} {W14}><w:sdtPr><w:id w:val="-1457221"/>'
        f'<w14:checkbox><w14:checked w14:val="{1 if checked else 0}"/>'
        f'<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        f'<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
        f'<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/>'
        f'</w:rPr><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>'
    )
    paragraph._p.append(parse_xml(xml))


def box(on: bool, style: str = "glyph") -> str:
    return {"glyph": "☒" if on else "☐", "ballot": "☑" if on else "☐", "x": "X" if on else "",
            "check": "✓" if on else "", "brackets": "[X]" if on else "[ ]"}[style]


# --------------------------------------------------------------------------------------------- ethnicity
NS_GROUPS = [
    ("(A) White", [("British", "White British"), ("Irish", "White Irish"),
                   ("Any other White Background", "Any other White Background")]),
    ("(B) Mixed", [("Asian and White", "Asian and White"), ("Black African and White", "Black African and White"),
                   ("Black Caribbean and White", "Black Caribbean and White"),
                   ("Any other mixed background", "Any other mixed background")]),
    ("(C) Asian or Asian British", [("Indian", "Indian"), ("Pakistani", "Pakistani"), ("Bangladeshi", "Bangladeshi"),
                                    ("Chinese", "Chinese"), ("Any other Asian background", "Any other Asian background")]),
]
FLAT = ["White British", "White Irish", "Gypsy/Roma", "Traveller of Irish heritage", "Any other White background",
        "White and Black Caribbean", "White and Black African", "White and Asian", "Any other mixed background",
        "Indian", "Pakistani", "Bangladeshi", "Any other Asian background", "Black African", "Black Caribbean",
        "Any other Black background", "Chinese", "Any other ethnic group", "Not declared"]

CPP = [("yes", "Yes"), ("no", "No"), ("has_been", "Has been"), ("not_known", "Not known")]


def tri(v):
    return {True: "Yes", False: "No", None: ""}[v]


# ------------------------------------------------------------------------------------------ referral data
def person(name, email, role, phone, agency, date_submitted):
    return {"name": name, "email": email, "role": role, "phone": phone, "agency": agency,
            "date_submitted": date_submitted}


def fam(name, rel, dob, addr, eth):
    return {"name": name, "relationship": rel, "date_of_birth": dob, "address": addr, "ethnicity": eth}


def ag(name, agency, contact, still):
    return {"name": name, "agency": agency, "contact": contact, "still": still}


def crit(died, harmed, abuse, concern):
    return {"child_died": died, "seriously_harmed": harmed, "abuse_or_neglect": abuse, "agency_concern": concern}


R = {}
R["r01"] = {
    "referrer": person("Megan Tallis", "megan.tallis@nhs.net", "Health Visitor", "01934 555 210",
                       "Weston Community Health Visiting Team", V("04/03/2026", "2026-03-04")),
    "child": {"name": "Lily-Mae Okonedo", "dob": V("11/08/2025", "2025-08-11"),
              "address": "14 Kestrel Walk, Worle, Weston-super-Mare, BS22 7XY",
              "carer": "Chantelle Okonedo (mother)", "incident_date": V("03/03/2026", "2026-03-03"),
              "location": "Family home", "ethnicity": "White British", "faith": "None",
              "disability": "None", "cpp": "no"},
    "family": [fam("Chantelle Okonedo", "Mother", V("22/01/2004", "2004-01-22"), "14 Kestrel Walk, Worle, BS22 7XY", "White British"),
               fam("Daniel Frears", "Mother's partner", V("09/05/1999", "1999-05-09"), "No fixed abode", "White British")],
    "criteria": crit(True, False, "suspected", True),
    "summary": ("Lily-Mae (6 months) was found unresponsive in the early hours of 3 March 2026 after co-sleeping "
                "on a sofa with her mother's partner; she was pronounced dead at Weston General Hospital. Police are "
                "investigating; there had been two missed new-birth follow-up visits and a DA incident in January "
                "that was not shared with health."),
    "agencies": [ag("Dr P. Ramanathan", "Graham Road Surgery (GP)", "01934 555 300", True),
                 ag("Kerry Haskins", "Children's Social Care – Front Door", "kerry.haskins@csc.example.gov.uk", False)],
    "processes": [("Coroner's inquest", "Opened 06/03/2026, adjourned"), ("Child Death Overview Panel", "Notified"),
                  ("Police investigation", "Ongoing")],
}
R["r02"] = {
    "referrer": person("Sgt Ian Dobree", "ian.dobree@avon.example.pnn.police.uk", "Detective Sergeant, Child Abuse Investigation Team",
                       "07700 900 412", "Avon and Somerset Police", V("10th February 2026", "2026-02-10")),
    "child": {"name": "Zara Hussain", "dob": V("2nd June 2011", "2011-06-02"),
              "address": "Flat 3, 27 Brunswick Terrace, Bristol, BS2 8PL", "carer": "Shabana Hussain (mother)",
              "incident_date": V("7th February 2026", "2026-02-07"), "location": "Hotel, Bath Road, Brislington",
              "ethnicity": "Pakistani", "faith": "Muslim", "disability": "Autism (diagnosed 2019)", "cpp": "has_been"},
    "family": [fam("Shabana Hussain", "Mother", V("14/03/1983", "1983-03-14"), "Flat 3, 27 Brunswick Terrace, Bristol, BS2 8PL", "Pakistani"),
               fam("Imran Hussain", "Brother", V("30/09/2007", "2007-09-30"), "Flat 3, 27 Brunswick Terrace, Bristol, BS2 8PL", "Pakistani")],
    "criteria": crit(False, True, "known", True),
    "summary": ("Zara was located by officers in a hotel room after being reported missing for 3 days; she disclosed "
                "serious sexual exploitation by adult males and required hospital treatment. She had been missing "
                "11 times since October and return home interviews were not consistently completed."),
    "agencies": [ag("Rachel Penhale", "Children's Social Care", "rachel.penhale@csc.example.gov.uk", True),
                 ag("Tom Ashdown", "Youth Justice Service", "01179 555 880", True)],
    "processes": [("Criminal investigation", "Three adults arrested, released on bail")],
}
R["r03"] = {
    "referrer": person("Joanne Pike", "j.pike@schools.example.gov.uk", "Designated Safeguarding Lead",
                       "01275 555 019", "St Aldhelm's C of E Primary School", V("27.01.2026", "2026-01-27")),
    "child": {"name": "Tobias Mensah", "dob": V("19.04.2017", "2017-04-19"),
              "address": "8 Orchard Close, Nailsea, BS48 2QT", "carer": "Abena Mensah (mother)",
              "incident_date": V("23.01.2026", "2026-01-23"), "location": "Bristol Royal Hospital for Children",
              "ethnicity": "Black African", "faith": "Christian", "disability": None, "cpp": "not_known"},
    "family": [fam("Abena Mensah", "Mother", V("02.12.1990", "1990-12-02"), "8 Orchard Close, Nailsea, BS48 2QT", "Black African")],
    "criteria": crit(False, True, "suspected", False),
    "summary": ("Tobias was admitted with a fractured femur and old rib fractures noted on skeletal survey; the "
                "explanation given (fall from a trampoline) is not consistent with the injuries according to the "
                "paediatric consultant."),
    "agencies": [ag("Sam Kirwan", "School Nursing", "sam.kirwan@nhs.net", True)],
    "processes": [("Strategy meeting / s47 enquiry", "Section 47 in progress")],
}
R["r04"] = {
    "referrer": person("Priya Chandran", "priya.chandran@csc.example.gov.uk", "Team Manager, Assessment Team",
                       "01934 555 640", "Children's Social Care", V("14/02/2026", "2026-02-14")),
    "child": {"name": "Kacper Nowak", "dob": V("03/10/2009", "2009-10-03"),
              "address": "41 Moor Lane, Clevedon, BS21 6HF", "carer": "Ewa Nowak",
              "incident_date": V("12/02/2026", "2026-02-12"), "location": "Railway line near Yatton station",
              "ethnicity": "Not declared", "faith": V("Not known", None), "disability": "None", "cpp": "no"},
    "family": [],
    "criteria": crit(True, False, "suspected", True),
    "summary": ("Kacper (16) died on the railway line; suicide is suspected. He was open to CAMHS and a Child in "
                "Need plan closed in December 2025 after his mother reported improvements; concerns about neglect and "
                "online bullying were raised by school in January."),
    "agencies": [ag("CAMHS Clevedon", "Avon and Wiltshire Mental Health Partnership", "01275 555 700", V("N", False))],
    "processes": [("Coroner", "Inquest opened"), ("CDOP", "Rapid response meeting held 13/02/2026")],
}
R["r05"] = {
    "referrer": person("Helen Marchetti", "helen.marchetti@nhs.net", "Named Nurse Safeguarding Children",
                       "0117 555 2281", "North Bristol NHS Trust", V("2 March 2026", "2026-03-02")),
    "child": {"name": "Ruby Sinclair-Douglas", "dob": V("27 November 2022", "2022-11-27"),
              "address": "2 Harbour View, Portishead, BS20 7AA", "carer": "Stacey Sinclair (mother), Marlon Douglas (father)",
              "incident_date": V("26 February 2026", "2026-02-26"), "location": "Southmead Hospital Emergency Department",
              "ethnicity": "Black Caribbean and White", "faith": "Christian", "disability": "Global developmental delay",
              "cpp": "yes"},
    "family": [fam("Stacey Sinclair", "Mother", V("05/07/1997", "1997-07-05"), "2 Harbour View, Portishead, BS20 7AA", "White British"),
               fam("Marlon Douglas", "Father", V("18/02/1995", "1995-02-18"), "2 Harbour View, Portishead, BS20 7AA", "Black Caribbean")],
    "criteria": crit(False, True, "suspected", True),
    "summary": ("Ruby (3) was brought to ED having ingested methadone prescribed to her father; she required "
                "intubation and PICU admission. She had been subject to a CP plan for neglect since October 2025."),
    "agencies": [ag("Lucy Adebayo", "Social worker, Children's Social Care", "lucy.adebayo@csc.example.gov.uk", True),
                 ag("Turning Point", "Drug and alcohol service", "0300 555 0101", True)],
    "processes": [("Police investigation", "Father interviewed under caution")],
}
R["r06"] = {
    "referrer": person("Amrit Gill", "amrit.gill@csc.example.gov.uk", "Service Manager, Children in Care",
                       "01934 555 777", "Children's Social Care", V("05-01-2026", "2026-01-05")),
    "child": {"name": "Arjun Patel", "dob": V("15-09-2012", "2012-09-15"),
              "address": "Brookfield Children's Home, Banwell, BS29 6DJ", "carer": "Brookfield Children's Home (residential)",
              "incident_date": V("02-01-2026", "2026-01-02"), "location": "Town centre, Weston-super-Mare",
              "ethnicity": "Indian", "faith": "Hindu", "disability": "ADHD", "cpp": "no"},
    "family": [fam("Nisha Patel", "Mother", V("Unknown", None), "Leicester (address withheld)", "Indian")],
    "criteria": crit(False, True, "known", True),
    "summary": ("Arjun, a looked after child, was stabbed in the abdomen during an assault linked to county lines "
                "activity and underwent emergency surgery; he had gone missing from placement on 14 occasions and was "
                "referred to the NRM in November 2025."),
    "agencies": [ag("PC Lauren Fry", "Avon and Somerset Police – Missing Children Team", "lauren.fry@avon.example.pnn.police.uk", True)],
    "processes": [("Criminal proceedings", "Two youths charged, first hearing 20/01/2026")],
}
R["r07"] = {
    "referrer": person("Dr Fiona Greaves", "fiona.greaves@nhs.net", "Designated Doctor for Safeguarding",
                       "0117 555 4400", "ICB Health", V("12.01.2026", "2026-01-12")),
    "child": {"name": "Noah Whitcombe", "dob": V("30.06.2025", "2025-06-30"),
              "address": "19 Quarry Rise, Winscombe, BS25 1LB", "carer": "Jade Whitcombe (mother)",
              "incident_date": V("09.01.2026", "2026-01-09"), "location": "Grandmother's address, Cheddar",
              "ethnicity": "White British", "faith": None, "disability": None, "cpp": "no"},
    "family": [fam("Jade Whitcombe", "Mother", V("11.11.2005", "2005-11-11"), "19 Quarry Rise, Winscombe, BS25 1LB", "White British"),
               fam("Carol Whitcombe", "Maternal grandmother", V("04.04.1972", "1972-04-04"), "5 Church Street, Cheddar, BS27 3RA", "White British")],
    "criteria": crit(False, True, "suspected", None),
    "summary": ("Noah (6 months) presented with a subdural haemorrhage and retinal haemorrhages; non-accidental "
                "head injury is suspected. Mother is a care leaver aged 20."),
    "agencies": [ag("Leaving Care Team", "Children's Social Care", "01934 555 123", True)],
    "processes": [],
}
R["r08"] = {
    "referrer": person("Gareth Lloyd", "g.lloyd@schools.example.gov.uk", "Headteacher",
                       "01934 555 480", "Hillview Academy", V("3 Feb 2026", "2026-02-03")),
    "child": {"name": "Ellie-Rose Tanner", "dob": V("8 Dec 2013", "2013-12-08"),
              "address": "63 Locking Road, Weston-super-Mare, BS23 3DE", "carer": "Mark Tanner (father)",
              "incident_date": V("30 Jan 2026", "2026-01-30"), "location": "Family home",
              "ethnicity": "White and Asian", "faith": "None", "disability": V("N/A", None), "cpp": "has_been"},
    "family": [fam("Mark Tanner", "Father", V("21 Aug 1980", "1980-08-21"), "63 Locking Road, Weston-super-Mare, BS23 3DE", "White British"),
               fam("Ava Tanner", "Sister", V("2 Feb 2016", "2016-02-02"), "63 Locking Road, Weston-super-Mare, BS23 3DE", "White and Asian")],
    "criteria": crit(False, True, "known", True),
    "summary": ("Ellie-Rose disclosed to her form tutor that she had been locked in her room without food for "
                "several days; she was found to be severely malnourished (BMI 13.1) and was admitted to hospital."),
    "agencies": [ag("Early Help Team", "North Somerset Council", "earlyhelp@csc.example.gov.uk", False),
                 ag("School nurse", "Sirona care & health", "01934 555 909", True)],
    "processes": [("Police investigation", "Father arrested, released under investigation")],
}
R["r09"] = {
    "referrer": person("Siobhan Keane", "siobhan.keane@csc.example.gov.uk", "Social Worker",
                       "01934 555 615", "Children's Social Care", V("19/01/2026", "2026-01-19")),
    "child": {"name": "Tyler Boswell", "dob": V("06/03/2010", "2010-03-06"),
              "address": "Plot 4, Oakfield Traveller Site, Yatton, BS49 4EE", "carer": "Mary Boswell (grandmother)",
              "incident_date": V("16/01/2026", "2026-01-16"), "location": "A370, near Congresbury",
              "ethnicity": "Gypsy/Roma", "faith": "Roman Catholic", "disability": None, "cpp": "not_known"},
    "family": [fam("Mary Boswell", "Grandmother / kinship carer", V("17/07/1962", "1962-07-17"), "Plot 4, Oakfield Traveller Site, Yatton, BS49 4EE", "Gypsy/Roma")],
    "criteria": crit(True, False, "suspected", True),
    "summary": ("Tyler (15) died when the stolen car he was a passenger in crashed during a police pursuit; he "
                "was not in education and there were escalating concerns about criminal exploitation."),
    "agencies": [ag("Youth Justice Service", "North Somerset Council", "01934 555 555", True)],
    "processes": [("IOPC investigation", "Referred by police"), ("Coroner's inquest", "Opened and adjourned")],
}
R["r10"] = {
    "referrer": person("Claire O’Donnell", "claire.odonnell@nhs.net", "Safeguarding Lead Midwife",
                       "0117 555 3190", "University Hospitals Bristol and Weston", V("23/02/2026", "2026-02-23")),
    "child": {"name": "Baby Amara Reid", "dob": V("18/02/2026", "2026-02-18"),
              "address": "Room 12, Severn House Hostel, Bristol, BS1 6QA", "carer": "Kayla Reid (mother)",
              "incident_date": V("21/02/2026", "2026-02-21"), "location": "Severn House Hostel",
              "ethnicity": "White British", "faith": "None", "disability": "None", "cpp": "no"},
    "family": [fam("Kayla Reid", "Mother", V("13/06/2007", "2007-06-13"), "Room 12, Severn House Hostel, Bristol, BS1 6QA", "White British")],
    "criteria": crit(True, False, "suspected", True),
    "summary": ("Amara died aged 3 days following an unplanned home birth in a hostel; mother (18) had concealed the "
                "pregnancy and was known to have used cannabis and alcohol. A pre-birth assessment had not been started "
                "because the pregnancy was booked late."),
    "agencies": [ag("Hostel key worker", "Second Step housing", "0117 555 6060", False)],
    "processes": [("Coroner", "Post mortem awaited"), ("CDOP", "Notified 22/02/2026")],
}
R["r11"] = {
    "referrer": person("Naomi Castellanos", "naomi.castellanos@nhs.net", "Specialist Safeguarding Practitioner",
                       "0117 555 9012", "Sirona care & health", V("9 March 2026", "2026-03-09")),
    "child": {"name": "Harley Jenkins", "dob": V("1 April 2020", "2020-04-01"),
              "address": "7 Tamar Road, Weston-super-Mare, BS22 6BN", "carer": "Kelly Jenkins (mother)",
              "incident_date": V("5 March 2026", "2026-03-05"), "location": "Family home",
              "ethnicity": "Any other mixed background", "faith": "None", "disability": "Cerebral palsy", "cpp": "yes"},
    "family": [fam("Kelly Jenkins", "Mother", V("Not known", None), "7 Tamar Road, Weston-super-Mare, BS22 6BN", "White British"),
               fam("Reece Jenkins", "Brother", V("12 May 2015", "2015-05-12"), "7 Tamar Road, Weston-super-Mare, BS22 6BN", "Any other mixed background")],
    "criteria": crit(False, True, "suspected", True),
    "summary": ("Harley, who is non-verbal and uses a wheelchair, was found with extensive pressure sores and "
                "dehydration after school transport staff raised concerns; he had not attended three hospital "
                "appointments."),
    "agencies": [ag("Orthotics, Weston General", "UHBW", "0117 555 1000", True)],
    "processes": [],
}
R["b01"] = {
    "referrer": person("Lorna Whitfield", "lorna.whitfield@schools.example.gov.uk", "Deputy DSL",
                       "01934 555 233", "Castle Batch Primary School", V("06/02/2026", "2026-02-06")),
    "child": {"name": "Mason Price", "dob": V("21/10/2018", "2018-10-21"),
              "address": "22 Barberry Farm Road, Weston-super-Mare, BS22 9PU", "carer": "Leanne Price (mother)",
              "incident_date": V("05/02/2026", "2026-02-05"), "location": "Bristol Royal Hospital for Children",
              "ethnicity": "White British", "faith": "None", "disability": "None", "cpp": "no"},
    "family": [fam("Leanne Price", "Mother", V("08/08/1993", "1993-08-08"), "22 Barberry Farm Road, Weston-super-Mare, BS22 9PU", "White British")],
    "criteria": crit(False, True, "suspected", False),
    "summary": "Mason arrived at school with bruising to both ears and a burn to his forearm; he was admitted to hospital and a skeletal survey showed healing fractures.",
    "agencies": [],
    "processes": [],
}
R["b02"] = {
    "referrer": person("DC Hannah Moyo", "hannah.moyo@avon.example.pnn.police.uk", "Detective Constable",
                       "07700 900 733", "Avon and Somerset Police", V("2026-03-11", "2026-03-11")),
    "child": {"name": "Freya Lindqvist", "dob": V("2008-05-29", "2008-05-29"),
              "address": "9 Hanover Court, Portishead, BS20 6LZ", "carer": "Anders Lindqvist (father)",
              "incident_date": V("2026-03-09", "2026-03-09"), "location": "Portishead Marina",
              "ethnicity": "Any other White background", "faith": "None", "disability": "None", "cpp": "no"},
    "family": [fam("Anders Lindqvist", "Father", V("1975-01-30", "1975-01-30"), "9 Hanover Court, Portishead, BS20 6LZ", "Any other White background")],
    "criteria": crit(True, False, "suspected", True),
    "summary": "Freya (17) was found deceased at the marina; she had disclosed domestic abuse by her father's partner to a school counsellor in February and a referral to the front door was closed with advice.",
    "agencies": [ag("Gordano School counsellor", "Education", "01275 555 776", False)],
    "processes": [("Coroner", "Referred"), ("Police investigation", "Unexplained death enquiry")],
}
R["b03"] = {
    "referrer": person("Yusuf Demir", "yusuf.demir@nhs.net", "GP Safeguarding Lead",
                       "01934 555 020", "Clevedon Medical Centre", V("13 January 2026", "2026-01-13")),
    "child": {"name": "Aisha Rahman", "dob": V("4 September 2015", "2015-09-04"),
              "address": "55 Kenn Road, Clevedon, BS21 6LH", "carer": "Rokeya Rahman (mother)",
              "incident_date": V("10 January 2026", "2026-01-10"), "location": "Family home",
              "ethnicity": "Bangladeshi", "faith": "Muslim", "disability": "Type 1 diabetes", "cpp": "no"},
    "family": [],
    "criteria": crit(False, True, "suspected", True),
    "summary": "Aisha was admitted to PICU in diabetic ketoacidosis for the fourth time in a year; insulin was repeatedly not collected from the pharmacy and medical neglect is suspected.",
    "agencies": [ag("Paediatric diabetes team", "UHBW", "0117 555 1212", True)],
    "processes": [],
}
R["b04"] = {
    "referrer": person("Rebecca Thorne", "rebecca.thorne@csc.example.gov.uk", "Principal Social Worker",
                       "01934 555 111", "Children's Social Care", V("24/02/26", "2026-02-24")),
    "child": {"name": "Jayden Clarke", "dob": V("17/07/08", "2008-07-17"),
              "address": "Flat 9, Regent House, Weston-super-Mare, BS23 1SE", "carer": "Self (supported lodgings)",
              "incident_date": V("20/02/26", "2026-02-20"), "location": "Grove Park, Weston-super-Mare",
              "ethnicity": "Black Caribbean", "faith": "None", "disability": "None", "cpp": "has_been"},
    "family": [fam("Donna Clarke", "Mother", V("03/03/85", "1985-03-03"), "Bristol, BS5 (full address held)", "Black Caribbean")],
    "criteria": crit(False, True, "known", True),
    "summary": "Jayden (17, care leaver) suffered a brain injury after an assault by peers he owed drug debts to; concerns about exploitation had been raised at three MACE meetings.",
    "agencies": [ag("Personal adviser", "Leaving Care Team", "01934 555 330", True)],
    "processes": [("Criminal proceedings", "One adult charged with GBH")],
}
R["f01"] = {
    "referrer": person("Karen Oduya", "karen.oduya@nhs.net", "School Nurse",
                       "01934 555 890", "Sirona care & health", V("18/02/2026", "2026-02-18")),
    "child": {"name": "Oscar Bellamy", "dob": V("29/02/2016", "2016-02-29"),
              "address": "3 Sandy Lane, Uphill, BS23 4XT", "carer": "Gemma Bellamy (mother)",
              "incident_date": V("17/02/2026", "2026-02-17"), "location": "Family home",
              "ethnicity": "White British", "faith": "None", "disability": "None", "cpp": "no"},
    "family": [fam("Gemma Bellamy", "Mother", V("12/12/1988", "1988-12-12"), "3 Sandy Lane, Uphill, BS23 4XT", "White British")],
    "criteria": crit(False, True, "suspected", True),
    "summary": "Oscar took an overdose of his mother's prescribed medication and was admitted to hospital; he had told the school nurse about violence at home in January.",
    "agencies": [],
    "processes": [],
}
R["f02"] = {
    "referrer": person("Paul Everett", "paul.everett@schools.example.gov.uk", "DSL / Assistant Head",
                       "01275 555 670", "Nailsea School", V("26 Jan 2026", "2026-01-26")),
    "child": {"name": "Maya Kowalczyk", "dob": V("3 Mar 2011", "2011-03-03"),
              "address": "12 Station Road, Nailsea, BS48 4PD", "carer": "Joanna Kowalczyk (mother)",
              "incident_date": V("22 Jan 2026", "2026-01-22"), "location": "Nailsea",
              "ethnicity": "Any other White Background", "faith": "Roman Catholic", "disability": "None", "cpp": "no"},
    "family": [],
    "criteria": crit(False, True, "known", False),
    "summary": "Maya disclosed that she had been raped by her mother's partner over a period of months; she is 14 and is now pregnant.",
    "agencies": [ag("Jo Blake", "Children's Social Care", "jo.blake@csc.example.gov.uk", True)],
    "processes": [("Police investigation", "Suspect arrested and remanded")],
}
R["f03"] = {
    "referrer": person("Lena Fischer", "lena.fischer@csc.example.gov.uk", "Senior Practitioner",
                       "01934 555 404", "Children's Social Care", V("03/03/2026", "2026-03-03")),
    "child": {"name": "Charlie Day", "dob": V("14/01/2024", "2024-01-14"),
              "address": "30 Milton Hill, Weston-super-Mare, BS22 9RR", "carer": "Sophie Day and Lewis Hart",
              "incident_date": V("28/02/2026", "2026-02-28"), "location": "Family home",
              "ethnicity": "White British", "faith": "None", "disability": "None", "cpp": "yes"},
    "family": [fam("Sophie Day", "Mother", V("01/06/2001", "2001-06-01"), "30 Milton Hill, Weston-super-Mare, BS22 9RR", "White British"),
               fam("Lewis Hart", "Father", V("20/10/1999", "1999-10-20"), "30 Milton Hill, Weston-super-Mare, BS22 9RR", "White British")],
    "criteria": crit(True, False, "suspected", True),
    "summary": "Charlie (2) drowned in the bath while left unsupervised; parents were under the influence of alcohol and he was on a CP plan for neglect.",
    "agencies": [ag("Health visitor", "Sirona care & health", "01934 555 890", True)],
    "processes": [("Coroner", "Inquest opened"), ("Police investigation", "Parents arrested")],
}
R["p01"] = {
    "referrer": person("Marcus Penrose", "marcus.penrose@avon.example.pnn.police.uk", "Detective Inspector, Major Crime",
                       "07700 900 150", "Avon and Somerset Police", V("16/03/2026", "2026-03-16")),
    "child": {"name": "Sienna Ward", "dob": V("09/09/2019", "2019-09-09"),
              "address": "4 Beach Road, Kewstoke, BS22 9UZ", "carer": "Natalie Ward (mother)",
              "incident_date": V("14/03/2026", "2026-03-14"), "location": "4 Beach Road, Kewstoke",
              "ethnicity": "White British", "faith": "None", "disability": "None", "cpp": "no"},
    "family": [fam("Natalie Ward", "Mother", V("15/02/1991", "1991-02-15"), "4 Beach Road, Kewstoke, BS22 9UZ", "White British")],
    "criteria": crit(True, False, "known", True),
    "summary": "Sienna was killed by her mother's ex-partner who then took his own life; there was a history of domestic abuse and a MARAC referral in 2025.",
    "agencies": [ag("IDVA service", "Next Link", "0117 555 8800", False)],
    "processes": [("Domestic Homicide Review", "Being considered by the Community Safety Partnership")],
}
R["p02"] = {
    "referrer": person("Olivia Grant", "olivia.grant@nhs.net", "Named GP for Safeguarding",
                       "0117 555 6100", "ICB Health", V("27/01/2026", "2026-01-27")),
    "child": {"name": "Leo Fairbrother", "dob": V("02/11/2012", "2012-11-02"),
              "address": "18 Elm Tree Road, Locking, BS24 8EX", "carer": "Dean Fairbrother (father)",
              "incident_date": V("24/01/2026", "2026-01-24"), "location": "Family home",
              "ethnicity": "White British", "faith": "Christian", "disability": "Epilepsy", "cpp": "no"},
    "family": [],
    "criteria": crit(False, True, "suspected", False),
    "summary": "Leo was found by a neighbour having had a prolonged seizure; he had not had anti-epileptic medication for several weeks and the home was in very poor condition.",
    "agencies": [],
    "processes": [],
}


# ------------------------------------------------------------------------------------- docx renderers
def blank(x):
    v = d(x)
    return "" if v is None else v


def para(doc, text, bold=False, size=None):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    if size:
        r.font.size = Pt(size)
    return p


def ns_eth_table(doc, eth, style="glyph", mode="text"):
    """North Somerset style 3 group columns; mode text/legacy/sdt."""
    t = doc.add_table(rows=2, cols=3)
    t.style = "Table Grid"
    for j, (head, opts) in enumerate(NS_GROUPS):
        set_cell(t.cell(0, j), head, bold=True)
        cell = t.cell(1, j)
        cell.text = ""
        for i, (label, exp) in enumerate(opts):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            on = exp == eth
            if mode == "legacy":
                legacy_checkbox(p, on, f"Eth{j}{i}")
                p.add_run(" " + label)
            elif mode == "sdt":
                sdt_checkbox(p, on)
                p.add_run(" " + label)
            else:
                mark = box(on, style)
                p.add_run((mark + " " if mark else "   ") + label)
    return t


def cpp_line(p, cpp, style="glyph", mode="text"):
    for key, label in CPP:
        on = key == cpp
        if mode == "legacy":
            legacy_checkbox(p, on, "CPP" + label.replace(" ", ""))
            p.add_run(f" {label}   ")
        elif mode == "sdt":
            sdt_checkbox(p, on)
            p.add_run(f" {label}   ")
        else:
            mark = box(on, style)
            p.add_run(f"{mark or ' '} {label}   ")


def family_rows(r, placeholder=True):
    rows = [[("Name",), ("Relationship to child",), ("DoB",), ("Address",), ("Ethnic origin",)]]
    for f in r["family"]:
        rows.append([d(f["name"]), d(f["relationship"]), blank(f["date_of_birth"]), d(f["address"]), d(f["ethnicity"])])
    if placeholder:
        rows.append(["Add rows as needed", "", "", "", ""])
    return rows


def agency_rows(r, placeholder=True):
    rows = [[("Name",), ("Agency",), ("Contact details",), ("Are they still involved?",)]]
    for a in r["agencies"]:
        s = a["still"]
        rows.append([a["name"], a["agency"], a["contact"], d(s) if isinstance(s, V) else tri(s)])
    if placeholder:
        rows.append(["Please add rows as needed", "", "", ""])
    return rows


def process_rows(r, blank_rows=1):
    rows = [[("Process",), ("Current status",)]]
    rows += [[p, s] for p, s in r["processes"]]
    rows += [["", ""]] * blank_rows
    return rows


def criteria_table(doc, c, mode="text", style="glyph"):
    t = doc.add_table(rows=5, cols=3)
    t.style = "Table Grid"
    set_cell(t.cell(0, 0), "Criterion", True)
    set_cell(t.cell(0, 1), "Yes", True)
    set_cell(t.cell(0, 2), "no", True)
    qs = [("Is the child deceased?", c["child_died"]),
          ("Is the child seriously harmed (please describe below)?", c["seriously_harmed"]),
          ("Is abuse or neglect known or suspected to be a cause of the death or harm to the child?", None),
          ("Is there a cause for concern as to the way in which agencies or other relevant persons have worked "
           "together to safeguard the child?", c["agency_concern"])]
    for i, (q, val) in enumerate(qs, start=1):
        set_cell(t.cell(i, 0), q)
        cells = [t.cell(i, 1), t.cell(i, 2)]
        if i == 3:
            ons = [c["abuse_or_neglect"] == "known", c["abuse_or_neglect"] == "suspected"]
            labels = ["Known", "Suspected"]
        else:
            ons = [val is True, val is False]
            labels = ["", ""]
        for cell, on, lab in zip(cells, ons, labels):
            p = cell.paragraphs[0]
            if mode == "legacy":
                legacy_checkbox(p, on, f"Crit{i}{lab}")
            elif mode == "sdt":
                sdt_checkbox(p, on)
            else:
                p.add_run(box(on, style) or "")
            if lab:
                p.add_run(" " + lab)
    return t


def docx_ns(r, mode="text", style="glyph", title="APPENDIX 2:  Request for a Child Safeguarding Practice Review"):
    """North Somerset Appendix 2 shape: 4-column label/value tables, ethnic grid, criteria grid."""
    doc = new_doc()
    para(doc, title, bold=True, size=12)
    para(doc, "Before submitting the referral please check the criteria in appendix 3 of this form.")
    para(doc, "1. Referrer", bold=True)
    rf = r["referrer"]
    add_table(doc, [[("Name:",), rf["name"], ("Email:",), rf["email"]],
                    [("Role:",), rf["role"], ("Tel:",), rf["phone"]],
                    [("Agency:",), rf["agency"], ("Date submitted:",), d(rf["date_submitted"])]])
    para(doc, "")
    para(doc, "2. Details of child or young person", bold=True)
    ch = r["child"]
    add_table(doc, [[("Name of child:",), ch["name"], ("Date of birth:",), d(ch["dob"])],
                    [("Home address:",), ch["address"], ("Date of death or critical incident:",), d(ch["incident_date"])],
                    [("Carer:",), ch["carer"], ("Location of incident:",), ch["location"]]])
    para(doc, "Ethnic origin:", bold=True)
    ns_eth_table(doc, ch["ethnicity"], style=style, mode=mode)
    add_table(doc, [[("Faith:",), blank(ch["faith"]), ("Disability:",), blank(ch["disability"])]])
    p = para(doc, "Child protection plan: ", bold=True)
    cpp_line(p, ch["cpp"], style=style, mode=mode)
    para(doc, "3. Composition of family and significant others", bold=True)
    add_table(doc, family_rows(r))
    para(doc, "4. Rapid Review criteria", bold=True)
    para(doc, "Please demonstrate how you believe the criteria for a Rapid Review to be met.")
    criteria_table(doc, r["criteria"], mode=mode, style=style)
    para(doc, "5. Summary of events", bold=True)
    para(doc, "Please provide a summary of the events leading to the death or harm caused to the child, making clear "
              "why you believe that these circumstances meet the criteria.")
    add_table(doc, [[r["summary"]]])
    para(doc, "6. Other information", bold=True)
    para(doc, "If you are aware of any other agencies involved in the care of this child please list below:")
    add_table(doc, agency_rows(r))
    para(doc, "If you aware of any other processes that this case is currently subject to, ie. Coroner’s inquest, "
              "Child Death Overview Panel, criminal proceedings, etc. please list below:")
    add_table(doc, process_rows(r))
    return docx_bytes(doc)


def merged_header(t, row, text):
    a = t.cell(row, 0).merge(t.cell(row, len(t.columns) - 1))
    set_cell(a, text, bold=True)


def docx_manchester(r):
    """MSCB-like 'Section 1: Referral' — 2-column table, merged section headers, X typed in a tick column."""
    doc = new_doc()
    para(doc, "CONFIDENTIAL WHEN COMPLETED", bold=True)
    para(doc, "Serious Child Safeguarding Incident – Referral Form", bold=True, size=13)
    para(doc, "Section 1: Referral  (to be completed by the referring officer)", bold=True)
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    rows = [
        "Details of referrer",
        ("Name of referrer", rf["name"]), ("Designation", rf["role"]), ("Agency", rf["agency"]),
        ("Telephone", rf["phone"]), ("Email", rf["email"]), ("Date of referral", d(rf["date_submitted"])),
        "Details of the child",
        ("Child’s full name", ch["name"]), ("Date of birth", d(ch["dob"])), ("Address", ch["address"]),
        ("Person(s) with parental responsibility / carer", ch["carer"]),
        ("Date of incident / death", d(ch["incident_date"])), ("Where did the incident take place?", ch["location"]),
        ("Religion / faith", blank(ch["faith"])), ("Disability (please specify)", blank(ch["disability"])),
    ]
    t = doc.add_table(rows=len(rows), cols=2)
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        if isinstance(row, str):
            merged_header(t, i, row)
        else:
            set_cell(t.cell(i, 0), row[0], bold=True)
            set_cell(t.cell(i, 1), row[1])
    para(doc, "")
    para(doc, "Ethnicity (mark with an X)", bold=True)
    opts = [o for o in FLAT]
    t = doc.add_table(rows=len(opts), cols=2)
    t.style = "Table Grid"
    for i, o in enumerate(opts):
        set_cell(t.cell(i, 0), o)
        set_cell(t.cell(i, 1), "X" if o == ch["ethnicity"] else "")
    para(doc, "")
    para(doc, "Is the child subject to a Child Protection Plan? (mark with an X)", bold=True)
    t = doc.add_table(rows=1, cols=8)
    t.style = "Table Grid"
    for i, (key, label) in enumerate(CPP):
        set_cell(t.cell(0, 2 * i), label)
        set_cell(t.cell(0, 2 * i + 1), "X" if key == ch["cpp"] else "")
    para(doc, "")
    para(doc, "Criteria", bold=True)
    add_table(doc, [[("Has the child died?",), tri(c["child_died"])],
                    [("Has the child been seriously harmed?",), tri(c["seriously_harmed"])],
                    [("Is abuse or neglect known or suspected?",), (c["abuse_or_neglect"] or "").capitalize()],
                    [("Are there concerns about how agencies worked together?",), tri(c["agency_concern"])]])
    para(doc, "")
    para(doc, "Family members and significant others", bold=True)
    add_table(doc, family_rows(r, placeholder=False) + [["", "", "", "", ""]])
    para(doc, "Brief summary of the incident and reasons for referral", bold=True)
    add_table(doc, [[r["summary"]]])
    para(doc, "Agencies known to be involved", bold=True)
    add_table(doc, agency_rows(r, placeholder=False))
    para(doc, "Parallel processes (e.g. Coroner, CDOP, criminal investigation)", bold=True)
    add_table(doc, process_rows(r, blank_rows=2))
    return docx_bytes(doc)


def docx_above(r):
    """Labels above values (paragraph form), ☑ for the chosen option; typed ethnicity."""
    doc = new_doc()
    para(doc, "Referral for consideration of a Rapid Review", bold=True, size=13)
    para(doc, "Please send to the partnership business unit by secure email.")
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    sections = [
        ("REFERRER", [("Name", rf["name"]), ("Job title / role", rf["role"]), ("Organisation", rf["agency"]),
                      ("Email address", rf["email"]), ("Telephone number", rf["phone"]),
                      ("Date of referral", d(rf["date_submitted"]))]),
        ("CHILD", [("Name of child", ch["name"]), ("Date of birth", d(ch["dob"])), ("Home address", ch["address"]),
                   ("Main carer", ch["carer"]), ("Date of death or serious incident", d(ch["incident_date"])),
                   ("Location of incident", ch["location"]), ("Ethnic origin", ch["ethnicity"]),
                   ("Faith", blank(ch["faith"])), ("Disability", blank(ch["disability"]))]),
    ]
    for head, items in sections:
        para(doc, head, bold=True)
        for label, value in items:
            para(doc, label, bold=True)
            para(doc, value)
    para(doc, "Child protection plan", bold=True)
    p = doc.add_paragraph()
    cpp_line(p, ch["cpp"], style="ballot")
    para(doc, "CRITERIA", bold=True)
    for q, v in [("Is the child deceased?", tri(c["child_died"])),
                 ("Has the child been seriously harmed?", tri(c["seriously_harmed"])),
                 ("Is abuse or neglect known or suspected?", (c["abuse_or_neglect"] or "").capitalize()),
                 ("Is there cause for concern about how agencies worked together?", tri(c["agency_concern"]))]:
        para(doc, q, bold=True)
        para(doc, v)
    para(doc, "FAMILY AND SIGNIFICANT OTHERS", bold=True)
    add_table(doc, family_rows(r))
    para(doc, "SUMMARY OF EVENTS", bold=True)
    para(doc, r["summary"])
    para(doc, "OTHER AGENCIES INVOLVED", bold=True)
    add_table(doc, agency_rows(r))
    para(doc, "OTHER PROCESSES", bold=True)
    add_table(doc, process_rows(r))
    return docx_bytes(doc)


def docx_onecol(r):
    """Single-column table: every row is 'Label: value' in one cell; Yes/No typed."""
    doc = new_doc()
    para(doc, "CHILD SAFEGUARDING PRACTICE REVIEW – REFERRAL", bold=True, size=13)
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    cpp = dict(CPP)[ch["cpp"]]
    lines = [
        "Section A – Referrer",
        f"Name: {rf['name']}", f"Role: {rf['role']}", f"Agency: {rf['agency']}", f"Email: {rf['email']}",
        f"Tel:  {rf['phone']}", f"Date submitted: {d(rf['date_submitted'])}",
        "Section B – Child",
        f"Name of child: {ch['name']}", f"Date of birth: {d(ch['dob'])}", f"Home address: {ch['address']}",
        f"Carer: {ch['carer']}", f"Date of death or critical incident: {d(ch['incident_date'])}",
        f"Location of incident: {ch['location']}", f"Ethnicity: {ch['ethnicity']}",
        f"Faith: {blank(ch['faith'])}", f"Disability: {blank(ch['disability'])}",
        f"Child protection plan (Yes / No / Has been / Not known): {cpp}",
        "Section C – Criteria",
        f"Has the child died? {tri(c['child_died'])}", f"Has the child been seriously harmed? {tri(c['seriously_harmed'])}",
        f"Abuse or neglect – known or suspected? {(c['abuse_or_neglect'] or '').capitalize()}",
        f"Concern about agencies working together? {tri(c['agency_concern'])}",
        "Section D – Summary of events",
        r["summary"],
    ]
    t = doc.add_table(rows=len(lines), cols=1)
    t.style = "Table Grid"
    for i, line in enumerate(lines):
        set_cell(t.cell(i, 0), line, bold=line.startswith("Section"))
    para(doc, "")
    para(doc, "Section E – Family composition", bold=True)
    add_table(doc, family_rows(r) + [["", "", "", "", ""]])
    para(doc, "Section F – Other agencies", bold=True)
    add_table(doc, agency_rows(r))
    para(doc, "Section G – Other processes", bold=True)
    add_table(doc, process_rows(r))
    return docx_bytes(doc)


def docx_2col_boxes(r, mode):
    """2-column label/value table; ethnicity, CPP and criteria as Word check boxes (legacy or content control)."""
    doc = new_doc()
    para(doc, "Rapid Review Referral Form", bold=True, size=13)
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    rows = [("Referrer name", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]), ("Email", rf["email"]),
            ("Telephone", rf["phone"]), ("Date submitted", d(rf["date_submitted"])),
            ("Child’s name", ch["name"]), ("Date of birth", d(ch["dob"])), ("Home address", ch["address"]),
            ("Carer", ch["carer"]), ("Date of death or critical incident", d(ch["incident_date"])),
            ("Location of incident", ch["location"]), ("Faith", blank(ch["faith"])),
            ("Disability", blank(ch["disability"]))]
    add_table(doc, [[(a,), b] for a, b in rows])
    para(doc, "Ethnic origin:", bold=True)
    ns_eth_table(doc, ch["ethnicity"], mode=mode)
    p = para(doc, "Child protection plan: ", bold=True)
    cpp_line(p, ch["cpp"], mode=mode)
    para(doc, "Composition of family and significant others", bold=True)
    add_table(doc, family_rows(r))
    para(doc, "Rapid Review criteria", bold=True)
    criteria_table(doc, c, mode=mode)
    para(doc, "Summary of events", bold=True)
    add_table(doc, [[r["summary"]]])
    para(doc, "Other agencies involved", bold=True)
    add_table(doc, agency_rows(r))
    para(doc, "Other processes", bold=True)
    add_table(doc, process_rows(r))
    return docx_bytes(doc)


def docx_bham(r):
    """2010-era 'Consideration of Case for Review – Referral Form': CP plan YES/NO, whereabouts, 7-col family."""
    doc = new_doc()
    para(doc, "Consideration of Case for Review – Referral Form", bold=True, size=13)
    para(doc, "(To be completed within 72 hours of incident by the Referring Officer).")
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    para(doc, "1. Referrer", bold=True)
    add_table(doc, [[("Name",), rf["name"]], [("Designation",), rf["role"]], [("Agency",), rf["agency"]],
                    [("Telephone",), rf["phone"]], [("Secure email",), rf["email"]]])
    para(doc, "2. Child and Family", bold=True)
    add_table(doc, [[("Name Of Child",), ch["name"]], [("Date of Birth",), d(ch["dob"])],
                    [("Date of death (If Applicable)",), "N/A" if not c["child_died"] else d(ch["incident_date"])],
                    [("Date of critical incident",), d(ch["incident_date"])], [("Home Address",), ch["address"]],
                    [("Ethnic origin",), ch["ethnicity"]],
                    [("Is/was subject to Child Protection Plan",), {"yes": "YES", "no": "NO"}[ch["cpp"]]],
                    [("Whereabouts at time of critical incident",), ch["location"]],
                    [("Carer at time of critical incident",), ch["carer"]]])
    para(doc, "3. Family composition/Significant Others", bold=True)
    rows = [[("Name",), ("Relationship to child",), ("DOB",), ("Address",), ("Legal Status",), ("Ethnic Origin",),
             ("Is/was subject to CP Plan?",)]]
    for f in r["family"]:
        rows.append([f["name"], f["relationship"], d(f["date_of_birth"]), f["address"], "", f["ethnicity"], "No"])
    add_table(doc, rows)
    para(doc, "4. Other agencies involved", bold=True)
    add_table(doc, agency_rows(r, placeholder=False))
    para(doc, "5. Circumstances that triggered the referral", bold=True)
    add_table(doc, [[("a) Death of the child",), tri(c["child_died"])],
                    [("b) Serious harm to the child (potentially life-threatening injury, serious sexual abuse, serious "
                      "impairment of health or development)",), tri(c["seriously_harmed"])],
                    [("Abuse or neglect known or suspected",), (c["abuse_or_neglect"] or "").capitalize()],
                    [("e) Concerns about inter-agency working",), tri(c["agency_concern"])]])
    para(doc, "Please outline events and circumstances relevant to the above category.", bold=True)
    para(doc, r["summary"])
    para(doc, "6. Date of Referral: " + d(rf["date_submitted"]))
    para(doc, "Signed: " + rf["name"])
    para(doc, "NB: Agencies are reminded of the need to secure their files as soon as they become aware that a "
              "review might take place.")
    return docx_bytes(doc)


def docx_worcs(r):
    """Merged 4-column section headers; options ticked with ✓ in the cell beside them; typo'd labels."""
    doc = new_doc()
    para(doc, "Learning and Improvement – Case for Consideration for Rapid Review", bold=True, size=13)
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    rows = [
        "SECTION 1 – TO BE COMPLETED BY THE REFERRING AGENCY",
        [("Name of referrer",), rf["name"], ("Job title",), rf["role"]],
        [("Organisation",), rf["agency"], ("Date",), d(rf["date_submitted"])],
        [("Email",), rf["email"], ("Contact number",), rf["phone"]],
        "SECTION 2 – CHILD / YOUNG PERSON",
        [("Name",), ch["name"], ("D.O.B.",), d(ch["dob"])],
        [("Address",), ch["address"], ("Carer",), ch["carer"]],
        [("Date of incident",), d(ch["incident_date"]), ("Place of incident",), ch["location"]],
        [("Religon",), blank(ch["faith"]), ("Disabilty",), blank(ch["disability"])],
    ]
    t = doc.add_table(rows=len(rows), cols=4)
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        if isinstance(row, str):
            merged_header(t, i, row)
        else:
            for j, v in enumerate(row):
                set_cell(t.cell(i, j), v[0] if isinstance(v, tuple) else v, bold=isinstance(v, tuple))
    para(doc, "")
    para(doc, "Ethnicity (please tick ✓)", bold=True)
    opts = FLAT[:12] + ["Not declared"]
    n = (len(opts) + 1) // 2
    t = doc.add_table(rows=n, cols=4)
    t.style = "Table Grid"
    for i, o in enumerate(opts):
        row, col = i % n, (i // n) * 2
        set_cell(t.cell(row, col), o)
        set_cell(t.cell(row, col + 1), "✓" if o == ch["ethnicity"] else "")
    para(doc, "")
    t = doc.add_table(rows=2, cols=4)
    t.style = "Table Grid"
    merged_header(t, 0, "Child Protection Plan (please tick ✓)")
    for j, (key, label) in enumerate(CPP):
        set_cell(t.cell(1, j), f"{label} {'✓' if key == ch['cpp'] else ''}".strip())
    para(doc, "")
    t = doc.add_table(rows=5, cols=3)
    t.style = "Table Grid"
    set_cell(t.cell(0, 0), "SECTION 3 – CRITERIA", True)
    set_cell(t.cell(0, 1), "Yes", True)
    set_cell(t.cell(0, 2), "No", True)
    for i, (q, v) in enumerate([("Child has died", c["child_died"]), ("Child seriously harmed", c["seriously_harmed"]),
                                (None, None), ("Concerns re multi-agency working", c["agency_concern"])], start=1):
        if q is None:
            set_cell(t.cell(i, 0), "Abuse/neglect")
            set_cell(t.cell(i, 1), "Known ✓" if c["abuse_or_neglect"] == "known" else "Known")
            set_cell(t.cell(i, 2), "Suspected ✓" if c["abuse_or_neglect"] == "suspected" else "Suspected")
            continue
        set_cell(t.cell(i, 0), q)
        set_cell(t.cell(i, 1), "✓" if v is True else "")
        set_cell(t.cell(i, 2), "✓" if v is False else "")
    para(doc, "")
    t = doc.add_table(rows=2, cols=4)
    t.style = "Table Grid"
    merged_header(t, 0, "SECTION 4 – REASON FOR REFERRAL / SUMMARY OF EVENTS")
    a = t.cell(1, 0).merge(t.cell(1, 3))
    set_cell(a, r["summary"])
    para(doc, "")
    para(doc, "SECTION 5 – FAMILY", bold=True)
    add_table(doc, family_rows(r))
    para(doc, "SECTION 6 – AGENCIES INVOLVED", bold=True)
    add_table(doc, agency_rows(r))
    para(doc, "SECTION 7 – OTHER PROCESSES", bold=True)
    add_table(doc, process_rows(r))
    return docx_bytes(doc)


def docx_grid(r):
    """2-col details table with a flat ethnicity grid of '☐ option' cells (☑ for the chosen one)."""
    doc = new_doc()
    para(doc, "Safeguarding Children Referral Form – Rapid Review", bold=True, size=13)
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    add_table(doc, [[("Referrer’s name",), rf["name"]], [("Position",), rf["role"]], [("Agency",), rf["agency"]],
                    [("E-mail",), rf["email"]], [("Phone",), rf["phone"]],
                    [("Date form completed",), d(rf["date_submitted"])]])
    para(doc, "")
    add_table(doc, [[("Child’s name",), ch["name"]], [("DOB",), d(ch["dob"])], [("Address",), ch["address"]],
                    [("Carer",), ch["carer"]], [("Date of death / critical incident",), d(ch["incident_date"])],
                    [("Location of incident",), ch["location"]], [("Faith",), ch["faith"]],
                    [("Disability",), blank(ch["disability"])]])
    para(doc, "Child / young person’s ethnicity (please tick)", bold=True)
    n = (len(FLAT) + 2) // 3
    t = doc.add_table(rows=n, cols=3)
    t.style = "Table Grid"
    for i, o in enumerate(FLAT):
        set_cell(t.cell(i % n, i // n), f"{'☑' if o == ch['ethnicity'] else '☐'} {o}")
    p = para(doc, "Child protection plan:  ", bold=True)
    cpp_line(p, ch["cpp"], style="ballot")
    para(doc, "Criteria", bold=True)
    criteria_table(doc, c, style="ballot")
    para(doc, "Summary", bold=True)
    add_table(doc, [[r["summary"]]])
    para(doc, "Family / significant others", bold=True)
    add_table(doc, family_rows(r))
    para(doc, "Other agencies", bold=True)
    add_table(doc, agency_rows(r))
    para(doc, "Parallel processes", bold=True)
    add_table(doc, process_rows(r))
    return docx_bytes(doc)


def docx_messy(r):
    """Label and value in the same cell, value on the next line; typos; stray spaces."""
    doc = new_doc()
    para(doc, "Request for a Child Safeguarding Practice Review ", bold=True, size=12)
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    cells = [
        [f"Name:\n{rf['name']} ", f"Email:\n {rf['email']}"],
        [f"Role:\n{rf['role']}", f"Tel:\n{rf['phone']}  "],
        [f"Agency:\n{rf['agency']}", f"Date submited:\n{d(rf['date_submitted'])}"],
        [f"Name of child:\n{ch['name']}", f"Date of brith:\n{d(ch['dob'])}"],
        [f"Home adress:\n{ch['address']}", f"Date of death or critical incident:\n {d(ch['incident_date'])}"],
        [f"Carer:\n{ch['carer']}", f"Location of incident:\n{ch['location']}"],
        [f"Faith:\n{ch['faith']}", f"Disability:\n{ch['disability']}"],
    ]
    add_table(doc, cells)
    para(doc, "Ethnic origin:", bold=True)
    ns_eth_table(doc, ch["ethnicity"])
    p = para(doc, "Child protection plan: ", bold=True)
    cpp_line(p, ch["cpp"])
    para(doc, "3. Composition of family and significant others", bold=True)
    add_table(doc, family_rows(r) + [["", "", "", "", ""]])
    para(doc, "4. Rapid Review criteria", bold=True)
    criteria_table(doc, c)
    para(doc, "5. Summary of events", bold=True)
    add_table(doc, [["  " + r["summary"] + " "]])
    para(doc, "6. Other information", bold=True)
    add_table(doc, agency_rows(r))
    add_table(doc, process_rows(r, blank_rows=2))
    return docx_bytes(doc)


# ------------------------------------------------------------------------------------- text / html / pdf
def text_form(r, sep=": ", table_sep="\t", tick="glyph", flat=True):
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    L = ["REQUEST FOR A CHILD SAFEGUARDING PRACTICE REVIEW", "", "1. Referrer"]
    for label, v in [("Name", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]), ("Email", rf["email"]),
                     ("Tel", rf["phone"]), ("Date submitted", d(rf["date_submitted"]))]:
        L.append(f"{label}{sep}{v}")
    L += ["", "2. Details of child or young person"]
    for label, v in [("Name of child", ch["name"]), ("Date of birth", d(ch["dob"])), ("Home address", ch["address"]),
                     ("Carer", ch["carer"]), ("Date of death or critical incident", d(ch["incident_date"])),
                     ("Location of incident", ch["location"])]:
        L.append(f"{label}{sep}{v}")
    if flat:
        L.append("Ethnic origin" + sep.rstrip())
        for o in FLAT:
            L.append(f"{box(o == ch['ethnicity'], tick)} {o}")
    else:
        L.append(f"Ethnic origin{sep}{ch['ethnicity']}")
    L.append(f"Faith{sep}{blank(ch['faith'])}")
    L.append(f"Disability{sep}{blank(ch['disability'])}")
    L.append("Child protection plan" + sep + "  ".join(f"{box(k == ch['cpp'], tick)} {lab}" for k, lab in CPP))
    L += ["", "3. Composition of family and significant others",
          table_sep.join(["Name", "Relationship to child", "DoB", "Address", "Ethnic origin"])]
    for f in r["family"]:
        L.append(table_sep.join([f["name"], f["relationship"], blank(f["date_of_birth"]), f["address"], f["ethnicity"]]))
    L += ["", "4. Rapid Review criteria",
          f"Is the child deceased?{sep}{tri(c['child_died'])}",
          f"Is the child seriously harmed?{sep}{tri(c['seriously_harmed'])}",
          f"Is abuse or neglect known or suspected?{sep}{(c['abuse_or_neglect'] or '').capitalize()}",
          f"Is there a cause for concern as to the way in which agencies have worked together?{sep}{tri(c['agency_concern'])}",
          "", "5. Summary of events", r["summary"], "", "6. Other information",
          "Other agencies involved:"]
    if r["agencies"]:
        L.append(table_sep.join(["Name", "Agency", "Contact details", "Are they still involved?"]))
        for a in r["agencies"]:
            L.append(table_sep.join([a["name"], a["agency"], a["contact"], tri(e(a["still"]))]))
    else:
        L.append("None known")
    L.append("Other processes:")
    if r["processes"]:
        L.append(table_sep.join(["Process", "Current status"]))
        L += [table_sep.join(p) for p in r["processes"]]
    else:
        L.append("None")
    return "\n".join(L) + "\n"


def esc(s):
    return (s or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_table_form(r):
    """Bury-style 'Safeguarding Children Referral Form' pasted as an HTML table."""
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    def row(a, b):
        return f"<tr><td style='font-weight:bold'>{esc(a)}</td><td>{esc(b)}</td></tr>"
    h = ["<html><body><p>Hello,</p><p>Please see referral below for consideration at screening.</p>",
         "<p><b>Safeguarding Children Referral Form – Rapid Review</b></p>", "<table border='1' cellpadding='3'>",
         "<tr><td colspan='2' style='background:#ddd'><b>Referrer</b></td></tr>"]
    for a, b in [("Name", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]), ("Email", rf["email"]),
                 ("Tel", rf["phone"]), ("Date submitted", d(rf["date_submitted"]))]:
        h.append(row(a, b))
    h.append("<tr><td colspan='2' style='background:#ddd'><b>Child</b></td></tr>")
    for a, b in [("Name of child", ch["name"]), ("Date of birth", d(ch["dob"])), ("Home address", ch["address"]),
                 ("Carer", ch["carer"]), ("Date of death or critical incident", d(ch["incident_date"])),
                 ("Location of incident", ch["location"]), ("Ethnic origin", ch["ethnicity"]),
                 ("Faith", blank(ch["faith"])), ("Disability", blank(ch["disability"])),
                 ("Child protection plan", dict(CPP)[ch["cpp"]]),
                 ("Is the child deceased?", tri(c["child_died"])),
                 ("Is the child seriously harmed?", tri(c["seriously_harmed"])),
                 ("Abuse or neglect known or suspected?", (c["abuse_or_neglect"] or "").capitalize()),
                 ("Concern about the way agencies worked together?", tri(c["agency_concern"]))]:
        h.append(row(a, b))
    h.append("</table><p><b>Summary of events</b></p><p>" + esc(r["summary"]) + "</p>")
    h.append("<p><b>Family and significant others</b></p><table border='1'><tr><th>Name</th><th>Relationship to child</th>"
             "<th>DoB</th><th>Address</th><th>Ethnic origin</th></tr>")
    for f in r["family"]:
        h.append("<tr>" + "".join(f"<td>{esc(x)}</td>" for x in (f["name"], f["relationship"], blank(f["date_of_birth"]),
                                                                 f["address"], f["ethnicity"])) + "</tr>")
    h.append("</table><p><b>Other agencies involved</b></p><table border='1'><tr><th>Name</th><th>Agency</th>"
             "<th>Contact details</th><th>Are they still involved?</th></tr>")
    for a in r["agencies"]:
        h.append("<tr>" + "".join(f"<td>{esc(x)}</td>" for x in (a["name"], a["agency"], a["contact"], tri(e(a["still"])))) + "</tr>")
    h.append("</table><p><b>Other processes</b></p><table border='1'><tr><th>Process</th><th>Current status</th></tr>")
    for p_, s in r["processes"]:
        h.append(f"<tr><td>{esc(p_)}</td><td>{esc(s)}</td></tr>")
    h.append("</table><p>Kind regards,<br>" + esc(rf["name"]) + "</p></body></html>")
    return "\n".join(h)


def html_para_form(r):
    """Labels in bold with the value on the next line (<br>), Outlook HTML."""
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    items = [("Referrer name", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]), ("Email", rf["email"]),
             ("Telephone", rf["phone"]), ("Date submitted", d(rf["date_submitted"])),
             ("Name of child", ch["name"]), ("Date of birth", d(ch["dob"])), ("Home address", ch["address"]),
             ("Carer", ch["carer"]), ("Date of critical incident", d(ch["incident_date"])),
             ("Location of incident", ch["location"]), ("Ethnic origin", ch["ethnicity"]), ("Faith", blank(ch["faith"])),
             ("Disability", blank(ch["disability"])), ("Child protection plan", dict(CPP)[ch["cpp"]]),
             ("Is the child deceased?", tri(c["child_died"])), ("Is the child seriously harmed?", tri(c["seriously_harmed"])),
             ("Is abuse or neglect known or suspected?", (c["abuse_or_neglect"] or "").capitalize()),
             ("Cause for concern about agencies working together?", tri(c["agency_concern"])),
             ("Summary of events", r["summary"])]
    h = ["<html><head><meta charset='utf-8'></head><body><div class='WordSection1'>",
         "<p class='MsoNormal'>Dear colleagues, I attach below a referral for a rapid review.</p>"]
    for a, b in items:
        h.append(f"<p class='MsoNormal'><b>{esc(a)}:</b><br>{esc(b)}</p>")
    h.append("<p class='MsoNormal'><b>Family and significant others:</b></p><table class='MsoTableGrid' border='1'>"
             "<tr><td>Name</td><td>Relationship to child</td><td>DoB</td><td>Address</td><td>Ethnic origin</td></tr>")
    for f in r["family"]:
        h.append("<tr>" + "".join(f"<td><p class='MsoNormal'>{esc(x)}</p></td>" for x in (
            f["name"], f["relationship"], blank(f["date_of_birth"]), f["address"], f["ethnicity"])) + "</tr>")
    h.append("<tr><td><i>Add rows as needed</i></td><td></td><td></td><td></td><td></td></tr></table>")
    h.append("<p class='MsoNormal'><b>Other agencies involved:</b></p><table border='1'><tr><td>Name</td><td>Agency</td>"
             "<td>Contact details</td><td>Are they still involved?</td></tr>")
    for a in r["agencies"]:
        h.append("<tr>" + "".join(f"<td>{esc(x)}</td>" for x in (a["name"], a["agency"], a["contact"], tri(e(a["still"])))) + "</tr>")
    h.append("</table><p class='MsoNormal'><b>Other processes:</b></p><table border='1'><tr><td>Process</td><td>Current status</td></tr>")
    for p_, s in r["processes"]:
        h.append(f"<tr><td>{esc(p_)}</td><td>{esc(s)}</td></tr>")
    h.append("</table><p class='MsoNormal'>Thanks<br>" + esc(rf["name"]) + "<br>" + esc(rf["role"]) + "</p></div></body></html>")
    return "\n".join(h)


def pdf_bytes(lines_or_pages) -> bytes:
    """A plain text PDF (Helvetica, WinAnsi). Input: list of pages, each a list of (x, text) or text lines."""
    pages = lines_or_pages
    objs = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    pages_id = len(objs) + 1
    objs.append(None)  # placeholder for /Pages
    kids = []
    for page in pages:
        ops = ["BT"]
        y = 800
        for item in page:
            if isinstance(item, str):
                item = [(50, item)]
            for x, text in item:
                is_bold = text.startswith("**")
                text = text.lstrip("*")
                raw = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
                ops.append(f"/F{2 if is_bold else 1} 10 Tf 1 0 0 1 {x} {y} Tm")
                ops.append(("(" + raw.decode("latin-1") + ") Tj"))
            y -= 14
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R "
                        f"/Resources << /Font << /F1 {font} 0 R /F2 {bold} 0 R >> >> >>".encode()))
    objs[pages_id - 1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>").encode()
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def wrap(text, width=95):
    words, lines, cur = text.split(), [], ""
    for w in words:
        if len(cur) + len(w) + 1 > width:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w).strip()
    if cur:
        lines.append(cur)
    return lines


# ------------------------------------------------------------------------------------ agency returns
A = {}
A["a01"] = {
    "agency": "Education", "agency_exp": "Education",
    "author": {"name": "Joanne Pike", "role": "Designated Safeguarding Lead", "email": "j.pike@schools.example.gov.uk",
               "phone": "01275 555 019"},
    "involved": True, "from": V("04/09/2023", "2023-09-04"), "to": V("03/03/2026", "2026-03-03"),
    "summary": ("Lily-Mae's older half-sibling attends the school. Attendance fell to 81% in the autumn term and staff "
                "recorded two occasions when mother's partner collected the sibling while smelling of alcohol; both "
                "were logged on CPOMS but not referred."),
    "actions": "Records reviewed by the DSL; staff briefing on the threshold for referral held 05/03/2026.",
    "learning": "Low-level concerns about adults collecting children were not aggregated or shared with partners.",
    "secured": V("Yes", True), "signed": "Mrs K. Ambrose, Headteacher", "date": V("10/03/2026", "2026-03-10"),
}
A["a02"] = {
    "agency": None, "agency_exp": "ICB Health",
    "author": {"name": "Sunita Bhatt", "role": "Designated Nurse Safeguarding Children", "email": "sunita.bhatt@nhs.net",
               "phone": "0117 555 4410"},
    "involved": False, "from": None, "to": None, "summary": None, "actions": None, "learning": None,
    "secured": None, "signed": None, "date": V("09/03/2026", "2026-03-09"),
}
A["a03"] = {
    "agency": "Avon and Somerset Police", "agency_exp": "Avon and Somerset Police",
    "author": {"name": "DS Ian Dobree", "role": "Detective Sergeant", "email": "ian.dobree@avon.example.pnn.police.uk",
               "phone": "07700 900 412"},
    "involved": True, "from": V("12 October 2025", "2025-10-12"), "to": V("7 February 2026", "2026-02-07"),
    "summary": ("Eleven missing episodes recorded between October 2025 and February 2026; two were graded high risk. "
                "Intelligence linking Zara to an address in Brislington was submitted in December but not actioned "
                "before the incident."),
    "actions": "Intelligence review completed; case allocated to the Operation Topaz team.",
    "learning": "Missing episodes were managed individually rather than as a pattern.",
    "secured": V("Yes – all records secured on Niche", True), "signed": "DI R. Castle", "date": V("19 February 2026", "2026-02-19"),
}
A["a04"] = {
    "agency": "Children's Social Care", "agency_exp": "Children's Social Care",
    "author": {"name": "Rachel Penhale", "role": "Team Manager, Safeguarding", "email": "rachel.penhale@csc.example.gov.uk",
               "phone": "01934 555 612"},
    "involved": True, "from": V("14/06/2023", "2023-06-14"), "to": V("02/02/2026", "2026-02-02"),
    "summary": ("The family were known through a Child in Need plan (June 2023 to March 2024) and a further contact in "
                "December 2025 regarding missing episodes, which was stepped down to Early Help."),
    "actions": "Strategy meeting held and Zara placed on a child protection plan; sibling assessment under way.",
    "learning": "Step-down decisions for exploitation risk were made without a multi-agency discussion.",
    "secured": V("Yes", True), "signed": "Amrit Gill, Service Manager", "date": V("20/02/2026", "2026-02-20"),
}
A["a05"] = {
    "agency": "Education", "agency_exp": "Education",
    "author": {"name": "Martin Oyelaran", "role": "Education Safeguarding Officer", "email": "m.oyelaran@schools.example.gov.uk",
               "phone": "01934 555 402"},
    "involved": False, "from": None, "to": None, "summary": None, "actions": None, "learning": None,
    "secured": V("N/A", None), "signed": "Martin Oyelaran", "date": V("16.02.2026", "2026-02-16"),
}
A["a06"] = {
    "agency": "ICB Health", "agency_exp": "ICB Health",
    "author": {"name": "Dr Fiona Greaves", "role": "Designated Doctor", "email": "fiona.greaves@nhs.net",
               "phone": "0117 555 4400"},
    "involved": True, "from": V("30/06/2025", "2025-06-30"), "to": V("09/01/2026", "2026-01-09"),
    "summary": "Noah was seen by the GP twice for bruising to the cheek (September 2025) and for irritability (December 2025); neither consultation triggered the bruising in non-mobile babies protocol.",
    "actions": "GP practice reminded of the bruising protocol; case discussed at the practice safeguarding meeting.",
    "learning": "Bruising in a non-mobile baby was not recognised as a safeguarding concern.",
    "secured": V("Yes", True), "signed": "Sunita Bhatt, Designated Nurse", "date": V("20/01/2026", "2026-01-20"),
}
A["a07"] = {
    "agency": "Avon & Somerset Constabulary", "agency_exp": "Avon & Somerset Constabulary",
    "author": {"name": "PC Lauren Fry", "role": "Missing Children Coordinator", "email": "lauren.fry@avon.example.pnn.police.uk",
               "phone": "07700 900 981"},
    "involved": True, "from": V("01/04/2025", "2025-04-01"), "to": V("02/01/2026", "2026-01-02"),
    "summary": "Fourteen missing from care episodes; Arjun was stopped twice in Bristol with quantities of cash and a phone linked to a county line.",
    "actions": "Child criminal exploitation disruption plan reviewed.",
    "learning": "NRM referral was delayed by three months.",
    "secured": V("Yes", True), "signed": "Insp. Gwen Harte", "date": V("12/01/2026", "2026-01-12"),
}


def return_pairs(a, case_ref=None):
    pairs = []
    if case_ref:
        pairs.append(("Case reference", case_ref))
    if a["agency"]:
        pairs.append(("Agency", a["agency"]))
    au = a["author"]
    pairs += [("Name of author", au["name"]), ("Role", au["role"]), ("Email", au["email"]), ("Telephone", au["phone"]),
              ("Was your agency involved with the child or family?", "Yes" if a["involved"] else "No")]
    if a["involved"]:
        pairs += [("Involvement from", d(a["from"])), ("Involvement to", d(a["to"])),
                  ("Summary of involvement", a["summary"]), ("Immediate actions taken", a["actions"]),
                  ("Learning identified", a["learning"])]
    pairs += [("Records secured?", blank(a["secured"])), ("Signed off by (manager)", blank(a["signed"])),
              ("Date completed", d(a["date"]))]
    return pairs


def docx_return_2col(a, case_ref):
    doc = new_doc()
    para(doc, "Section 2: Individual Agency Summary", bold=True, size=13)
    para(doc, "To be completed by agencies other than the referring agency. Please return within 10 working days.")
    add_table(doc, [[(k,), v] for k, v in return_pairs(a, case_ref)])
    return docx_bytes(doc)


def docx_return_above(a, case_ref):
    doc = new_doc()
    para(doc, "RAPID REVIEW – AGENCY INFORMATION", bold=True, size=13)
    for k, v in return_pairs(a, case_ref):
        para(doc, k, bold=True)
        para(doc, v)
    return docx_bytes(doc)


def docx_return_nil(a, case_ref):
    doc = new_doc()
    para(doc, "Rapid Review – Agency Return", bold=True, size=13)
    au = a["author"]
    add_table(doc, [[("Case ref:",), case_ref, ("Agency:",), a["agency"]],
                    [("Completed by:",), au["name"], ("Role:",), au["role"]],
                    [("Email:",), au["email"], ("Tel:",), au["phone"]]])
    para(doc, "")
    p = para(doc, "Has your agency had any involvement with the child or family?  ", bold=True)
    p.add_run("☐ Yes – complete all sections   ☒ No – nil return")
    para(doc, "Records checked: SIMS, CPOMS and the admissions database; no record of the child or any named family member.")
    add_table(doc, [[("Period of involvement",), "From:", "", "To:", ""],
                    [("Summary of involvement",), "", "", "", ""],
                    [("Immediate actions",), "", "", "", ""],
                    [("Learning",), "", "", "", ""]])
    para(doc, "")
    add_table(doc, [[("Records secured?",), blank(a["secured"])], [("Manager sign-off",), a["signed"]],
                    [("Date",), d(a["date"])]])
    return docx_bytes(doc)


# -------------------------------------------------------------------------------------------- messages
def fix_boundaries(msg, name):
    for i, part in enumerate(msg.walk()):
        if part.is_multipart() and part.get_content_maintype() == "multipart":
            part.set_boundary(f"=_{name}_{i}_b0undary")
    return msg


def mail(name, frm, to, subject, date, text=None, html=None, attachments=(), headers=None, msgid=None, cc=None):
    m = EmailMessage()
    m["From"] = frm
    m["To"] = to
    if cc:
        m["Cc"] = cc
    m["Subject"] = subject
    m["Date"] = date
    m["Message-ID"] = msgid or f"<{name}.heldout3@mail.example.gov.uk>"
    for k, v in (headers or {}).items():
        m[k] = v
    if text is not None:
        m.set_content(text)
        if html is not None:
            m.add_alternative(html, subtype="html")
    elif html is not None:
        m.set_content(html, subtype="html")
    for fname, data, mime in attachments:
        if isinstance(data, EmailMessage):
            m.add_attachment(data)
        else:
            maintype, subtype = mime.split("/")
            m.add_attachment(data, maintype=maintype, subtype=subtype, filename=fname)
    return fix_boundaries(m, name)


CASES: dict[str, tuple[bytes, dict]] = {}


def put(name, msg, expected):
    raw = msg if isinstance(msg, bytes) else msg.as_bytes(policy=DEFAULT_POLICY)
    CASES[name] = (raw, expected)


def referral_mail(name, r, subject, date, body, fname, data, mime=DOCX_MIME, to=PARTNERSHIP, cc=None):
    rf = r["referrer"]
    frm = f"{rf['name']} <{rf['email']}>"
    return mail(name, frm, to, subject, date, text=body, attachments=[(fname, data, mime)], cc=cc)


def build():
    sl = "Service Leader Strategic Safeguarding <safeguarding.qa@csc.example.gov.uk>"
    # ---- referral forms as Word attachments
    docx_cases = [
        ("r01", docx_ns(R["r01"]), "CSPR referral", "Wed, 04 Mar 2026 10:42:11 +0000", "Appendix 2 referral form.docx",
         "Hi,\n\nPlease find attached a CSPR referral form. Team leader and service leader are aware.\n\nMegan\n"),
        ("r02", docx_manchester(R["r02"]), "OFFICIAL-SENSITIVE: Serious incident referral", "Tue, 10 Feb 2026 16:05:00 +0000",
         "Serious incident referral form v3.docx", "Good afternoon,\n\nReferral attached for consideration.\n\nRegards\nIan Dobree\n"),
        ("r03", docx_above(R["r03"]), "Referral for rapid review", "Tue, 27 Jan 2026 08:31:45 +0000", "RR referral.docx",
         "Dear Partnership team\n\nPlease see attached.\n\nKind regards\nJoanne Pike\nDSL\n"),
        ("r04", docx_onecol(R["r04"]), "CSPR referral form – secure", "Sat, 14 Feb 2026 11:20:00 +0000", "Referral.docx",
         "Referral attached as discussed with the AD this morning.\n\nPriya\n"),
        ("r05", docx_2col_boxes(R["r05"], "legacy"), "Rapid Review Referral", "Mon, 02 Mar 2026 14:55:09 +0000",
         "Rapid Review Referral Form.docx", "Hello\n\nPlease find attached referral.\n\nHelen Marchetti\nNamed Nurse\n"),
        ("r06", docx_2col_boxes(R["r06"], "sdt"), "Referral - serious incident (child in care)", "Mon, 05 Jan 2026 09:12:33 +0000",
         "CSPR_referral_form.docx", "Colleagues,\n\nReferral form attached. Ofsted notification has also been made.\n\nAmrit\n"),
        ("r07", docx_bham(R["r07"]), "Consideration of case for review", "Mon, 12 Jan 2026 12:00:00 +0000",
         "Case review referral.docx", "Please see attached referral form.\n\nFiona\n"),
        ("r08", docx_worcs(R["r08"]), "Case for consideration - rapid review", "Tue, 03 Feb 2026 15:47:20 +0000",
         "Case for consideration form.docx", "Hello, I have completed the attached form following advice from the LADO.\n\nGareth Lloyd\nHeadteacher\n"),
        ("r09", docx_grid(R["r09"]), "Safeguarding Children Referral Form", "Mon, 19 Jan 2026 17:41:02 +0000",
         "Safeguarding Children Referral Form.docx", "Hi – referral attached.\n\nSiobhan\n"),
        ("r10", docx_messy(R["r10"]), "CSPR referral (baby)", "Mon, 23 Feb 2026 07:58:40 +0000", "Referral form.docx",
         "Morning,\n\nAttached is a CSPR referral, sorry for the delay – I’ve been on nights.\n\nClaire\n"),
        ("r11", docx_ns(R["r11"], style="x"), "Request for a CSPR", "Mon, 09 Mar 2026 13:10:10 +0000", "Request for CSPR.docx",
         "Hello\n\nRequest for a CSPR attached.\n\nNaomi Castellanos\nSpecialist Safeguarding Practitioner\n"),
    ]
    for name, data, subj, date, fname, body in docx_cases:
        put(name, referral_mail(name, R[name], subj, date, body, fname, data), referral_expected(R[name]))

    # ---- pasted into the body
    r = R["b01"]
    put("b01", mail("b01", f"{r['referrer']['name']} <{r['referrer']['email']}>", PARTNERSHIP, "CSPR referral",
                    "Fri, 06 Feb 2026 09:03:00 +0000",
                    text="Hello, I couldn't open the attachment version so have pasted the form below.\n\n" + text_form(r)
                    + "\nThanks\nLorna\n"), referral_expected(r))
    r = R["b02"]
    put("b02", mail("b02", f"{r['referrer']['name']} <{r['referrer']['email']}>", PARTNERSHIP, "Rapid review referral",
                    "Wed, 11 Mar 2026 18:22:00 +0000", html=html_table_form(r)), referral_expected(r))
    r = R["b03"]
    put("b03", mail("b03", f"{r['referrer']['name']} <{r['referrer']['email']}>", PARTNERSHIP, "Referral",
                    "Tue, 13 Jan 2026 10:10:10 +0000",
                    text="Dear colleague\n\n" + text_form(r, sep=":\t", flat=False) + "\nDr Y Demir\n"), referral_expected(r))
    r = R["b04"]
    html = html_para_form(r)
    plain = "Dear colleagues, I attach below a referral for a rapid review.\n\n" + "\n".join(
        ln for ln in text_form(r, flat=False).splitlines()[2:])
    put("b04", mail("b04", f"{r['referrer']['name']} <{r['referrer']['email']}>", PARTNERSHIP,
                    "Referral for rapid review consideration", "Tue, 24 Feb 2026 11:45:00 +0000", text=plain, html=html),
        referral_expected(r))

    # ---- forwarded by a manager
    r = R["f01"]
    body = ("Please see below from Karen, one of our school nurses. I agree this meets the criteria.\n\n"
            "Thanks\nDebbie Loxton\nHead of Safeguarding, Sirona\n\n"
            "---------- Forwarded message ---------\n"
            f"From: {r['referrer']['name']} <{r['referrer']['email']}>\n"
            "Date: Wed, 18 Feb 2026 at 14:02\nSubject: CSPR referral\nTo: Debbie Loxton <debbie.loxton@nhs.net>\n\n"
            "Debbie – form below as discussed.\n\n" + text_form(r, tick="brackets"))
    put("f01", mail("f01", "Debbie Loxton <debbie.loxton@nhs.net>", PARTNERSHIP, "Fwd: CSPR referral",
                    "Wed, 18 Feb 2026 15:30:00 +0000", text=body), referral_expected(r))
    r = R["f02"]
    inner = mail("f02inner", f"{r['referrer']['name']} <{r['referrer']['email']}>", "Alison Cray <a.cray@schools.example.gov.uk>",
                 "Referral form - CSPR", "Mon, 26 Jan 2026 08:15:00 +0000",
                 text="Alison, completed form attached for you to check before it goes.\nPaul\n",
                 attachments=[("CSPR referral.docx", docx_ns(r, mode="legacy"), DOCX_MIME)])
    outer = mail("f02", "Alison Cray <a.cray@schools.example.gov.uk>", PARTNERSHIP, "FW: Referral form - CSPR",
                 "Mon, 26 Jan 2026 09:40:00 +0000",
                 text="Hello, forwarding Paul's referral (attached email). I am the Trust safeguarding lead.\nAlison Cray\n",
                 attachments=[(None, inner, None)])
    put("f02", outer, referral_expected(r))
    r = R["f03"]
    body = ("Forwarding for screening – I've spoken to Lena.\n\nMark Hennessy\nHead of Service\n\n"
            "-----Original Message-----\n"
            f"From: {r['referrer']['name']} <{r['referrer']['email']}>\n"
            "Sent: 03 March 2026 08:47\nTo: Hennessy, Mark <mark.hennessy@csc.example.gov.uk>\n"
            "Subject: CSPR referral - please check\n\nMark, referral attached.\nLena\n")
    put("f03", mail("f03", "Mark Hennessy <mark.hennessy@csc.example.gov.uk>", PARTNERSHIP, "FW: CSPR referral - please check",
                    "Tue, 03 Mar 2026 09:05:00 +0000", text=body,
                    attachments=[("CSPR referral form.docx", docx_ns(r, mode="sdt"), DOCX_MIME)]), referral_expected(r))

    # ---- PDFs
    r = R["p01"]
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    page1 = ["**Child Safeguarding Practice Review - Referral Form", ""] + [
        f"{k}: {v}" for k, v in [("Name", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]),
                                 ("Email", rf["email"]), ("Tel", rf["phone"]), ("Date submitted", d(rf["date_submitted"])),
                                 ("Name of child", ch["name"]), ("Date of birth", d(ch["dob"])),
                                 ("Home address", ch["address"]), ("Carer", ch["carer"]),
                                 ("Date of death or critical incident", d(ch["incident_date"])),
                                 ("Location of incident", ch["location"]), ("Ethnic origin", ch["ethnicity"]),
                                 ("Faith", ch["faith"]), ("Disability", ch["disability"]),
                                 ("Child protection plan", "No"),
                                 ("Is the child deceased?", "Yes"), ("Is the child seriously harmed?", "No"),
                                 ("Is abuse or neglect known or suspected?", "Known"),
                                 ("Is there a cause for concern as to the way agencies worked together?", "Yes")]] + [
        "", "**Summary of events"] + wrap(r["summary"]) + [
        "", "**Composition of family and significant others",
        [(50, "Name"), (140, "Relationship to child"), (250, "DoB"), (310, "Address"), (490, "Ethnic origin")],
        [(50, "Natalie Ward"), (140, "Mother"), (250, "15/02/1991"), (310, "4 Beach Road, Kewstoke, BS22 9UZ"), (490, "White British")],
        "", "**Other agencies involved",
        [(50, "Name"), (160, "Agency"), (280, "Contact details"), (400, "Still involved?")],
        [(50, "IDVA service"), (160, "Next Link"), (280, "0117 555 8800"), (400, "No")],
        "", "**Other processes",
        [(50, "Process"), (250, "Current status")],
        [(50, "Domestic Homicide Review"), (250, "Being considered by the Community Safety Partnership")]]
    put("p01", referral_mail("p01", r, "CSPR referral - PDF", "Mon, 16 Mar 2026 08:05:00 +0000",
                             "Referral attached (PDF).\nDI Penrose\n", "CSPR referral.pdf", pdf_bytes([page1]),
                             "application/pdf"), referral_expected(r))
    r = R["p02"]
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    rows = [("Referrer", rf["name"]), ("Job title", rf["role"]), ("Agency", rf["agency"]), ("Email", rf["email"]),
            ("Telephone", rf["phone"]), ("Date", d(rf["date_submitted"])), ("Child's name", ch["name"]),
            ("Date of birth", d(ch["dob"])), ("Address", ch["address"]), ("Carer", ch["carer"]),
            ("Date of incident", d(ch["incident_date"])), ("Location of incident", ch["location"]),
            ("Ethnicity", ch["ethnicity"]), ("Faith", ch["faith"]), ("Disability", ch["disability"]),
            ("Child protection plan", "No"), ("Child died?", "No"), ("Seriously harmed?", "Yes"),
            ("Abuse/neglect", "Suspected"), ("Agency concern?", "No")]
    page = ["**RAPID REVIEW REFERRAL", ""] + [[(50, k), (220, v)] for k, v in rows] + [
        "", "**Summary of events"] + wrap(r["summary"]) + ["", "Family / significant others: none recorded",
                                                          "Other agencies: none", "Other processes: none"]
    put("p02", referral_mail("p02", r, "Rapid review referral", "Tue, 27 Jan 2026 16:59:00 +0000",
                             "Please see the attached referral form.\n\nDr Olivia Grant\n", "RR referral form.pdf",
                             pdf_bytes([page]), "application/pdf"), referral_expected(r))

    # ---- agency returns
    a = A["a01"]
    put("a01", mail("a01", f"{a['author']['name']} <{a['author']['email']}>", PARTNERSHIP,
                    "RE: FW: NS-CSPR-2026-021 rapid review – request for agency information",
                    "Tue, 10 Mar 2026 15:12:00 +0000",
                    text="Please find our Individual Agency Summary attached.\n\nJoanne\n\n> From: NSSCP Co-ordinator\n> Subject: NS-CSPR-2026-021 rapid review\n",
                    attachments=[("IAS - Education.docx", docx_return_2col(a, None), DOCX_MIME)]),
        return_expected(a, "NS-CSPR-2026-021"))
    a = A["a02"]
    body = ("Good morning,\n\nNil return from the ICB for NS-CSPR-2026-021: we have checked primary care and community "
            "health records and have had no involvement with this child or family.\n\n"
            "Was your agency involved? No\nDate completed: 09/03/2026\n\n"
            "Sunita Bhatt\nDesignated Nurse Safeguarding Children\nTel: 0117 555 4410\n")
    put("a02", mail("a02", f"{a['author']['name']} <{a['author']['email']}>", PARTNERSHIP,
                    "RE: NS-CSPR-2026-021 rapid review request", "Mon, 09 Mar 2026 08:40:00 +0000", text=body),
        return_expected(a, "NS-CSPR-2026-021"))
    a = A["a03"]
    put("a03", mail("a03", f"Dobree, Ian <{a['author']['email']}>", PARTNERSHIP, "Rapid review return - police",
                    "Thu, 19 Feb 2026 17:30:00 +0000", text="Return attached.\nIan\n",
                    attachments=[("Agency information - police.docx", docx_return_above(a, "NS-CSPR-2026-017"), DOCX_MIME)]),
        return_expected(a, "NS-CSPR-2026-017"))
    a = A["a04"]
    rows = "".join(f"<tr><td><b>{esc(k)}</b></td><td>{esc(v)}</td></tr>" for k, v in return_pairs(a))
    html = ("<html><body><p>Hi, CSC return below.</p><p><b>Rapid review agency return</b></p><table border='1'>" + rows +
            "</table><p><b>Chronology of key events</b></p><table border='1'><tr><th>Date</th><th>Event</th></tr>"
            "<tr><td>14/06/2023</td><td>CIN plan started</td></tr><tr><td>18/03/2024</td><td>CIN plan closed</td></tr>"
            "<tr><td>12/12/2025</td><td>Contact re missing episodes; stepped down to Early Help</td></tr></table>"
            "<p>Rachel</p></body></html>")
    put("a04", mail("a04", f"{a['author']['name']} <{a['author']['email']}>", PARTNERSHIP,
                    "RE: FW: NS-CSPR-2026-017 agency return", "Fri, 20 Feb 2026 12:01:00 +0000", html=html),
        return_expected(a, "NS-CSPR-2026-017"))
    a = A["a05"]
    put("a05", mail("a05", f"{a['author']['name']} <{a['author']['email']}>", PARTNERSHIP,
                    "RE: NS-CSPR-2026-017 - Education nil return", "Mon, 16 Feb 2026 10:00:00 +0000",
                    text="Nil return attached.\nMartin\n",
                    attachments=[("Nil return.docx", docx_return_nil(a, "NS-CSPR-2026-017"), DOCX_MIME)]),
        return_expected(a, "NS-CSPR-2026-017"))
    a = A["a06"]
    lines = ["**Rapid Review - Individual Agency Summary", ""]
    for k, v in return_pairs(a, "NS-CSPR-2026-024"):
        if len(k) + len(v) > 90:
            lines.append(f"**{k}:")
            lines += wrap(v)
        else:
            lines.append(f"{k}: {v}")
    put("a06", mail("a06", f"{a['author']['name']} <{a['author']['email']}>", PARTNERSHIP,
                    "RE: NS-CSPR-2026-024", "Tue, 20 Jan 2026 16:45:00 +0000", text="Summary attached as PDF.\nFiona\n",
                    attachments=[("IAS health.pdf", pdf_bytes([lines]), "application/pdf")]),
        return_expected(a, "NS-CSPR-2026-024"))
    a = A["a07"]
    body = "Hi,\n\nPlease see our return below.\n\n" + "\n".join(f"{k}: {v}" for k, v in return_pairs(a)) + "\n\nLauren\n"
    put("a07", mail("a07", f"{a['author']['name']} <{a['author']['email']}>", PARTNERSHIP,
                    "RE: FW: NS-CSPR-2026-019 – rapid review request (police)", "Mon, 12 Jan 2026 09:20:00 +0000",
                    text=body), return_expected(a, "NS-CSPR-2026-019"))

    # ---- replies / commands
    q = ("\n\n-----Original Message-----\nFrom: csprbot <cspr@partnership.example.gov.uk>\nSent: {d}\n"
         "Subject: {ref} screening\n\n> Case {ref}: screening decision due.\n")
    chair = "Dr Anne Maybury <anne.maybury@csc.example.gov.uk>"
    coord = "NSSCP Co-ordinator <coordinator@partnership.example.gov.uk>"
    cmds = [
        ("c01", chair, "RE: NS-CSPR-2026-021 screening decision needed", "Thu, 05 Mar 2026 16:20:00 +0000",
         "DECISION: RAPID REVIEW\nAGENCIES: Education, Avon and Somerset Police\n\nAgreed at screening this afternoon.\nAnne"
         + q.format(d="05 March 2026 09:00", ref="NS-CSPR-2026-021"),
         {"verb": "DECISION", "args": {"decision": "RAPID REVIEW", "agencies": "Education, Avon and Somerset Police"}},
         "NS-CSPR-2026-021"),
        ("c02", sl, "RE: NS-CSPR-2026-021 Panel notification", "Wed, 04 Mar 2026 17:02:00 +0000",
         "NOTIFIED: 2026-03-04\n\nSIN submitted this afternoon.\n\nRegards\nService Leader" +
         q.format(d="04 March 2026 09:00", ref="NS-CSPR-2026-021"),
         {"verb": "NOTIFIED", "args": {"date": "2026-03-04"}}, "NS-CSPR-2026-021"),
        ("c03", coord, "RE: NS-CSPR-2026-024 screening", "Fri, 13 Mar 2026 11:11:00 +0000",
         "EXTEND screening: 2026-03-20 panel availability\n" + q.format(d="13 March 2026 09:00", ref="NS-CSPR-2026-024"),
         {"verb": "EXTEND", "args": {"clock": "screening", "date": "2026-03-20", "reason": "panel availability"}},
         "NS-CSPR-2026-024"),
        ("c04", chair, "RE: NS-CSPR-2026-019 screening decision needed", "Wed, 07 Jan 2026 15:00:00 +0000",
         "DECISION: NO RAPID REVIEW criteria not met\n\nSee minutes.\n" + q.format(d="07 January 2026", ref="NS-CSPR-2026-019"),
         {"verb": "DECISION", "args": {"decision": "NO RAPID REVIEW", "reason": "criteria not met"}}, "NS-CSPR-2026-019"),
        ("c06", coord, "RE: NS-CSPR-2026-017 rapid review due to Panel", "Wed, 18 Mar 2026 16:40:00 +0000",
         "SUBMITTED: 2026-03-18\n\nThanks, Co-ordinator\n" + q.format(d="18 March 2026", ref="NS-CSPR-2026-017"),
         {"verb": "SUBMITTED", "args": {"date": "2026-03-18"}}, "NS-CSPR-2026-017"),
        ("c07", "DS Ian Dobree <ian.dobree@avon.example.pnn.police.uk>", "RE: NS-CSPR-2026-017 screening meeting",
         "Mon, 16 Feb 2026 09:15:00 +0000",
         "Thanks – I can attend the screening meeting on Thursday and will bring the missing episode log.\n\nIan\n"
         + q.format(d="16 February 2026", ref="NS-CSPR-2026-017"), None, "NS-CSPR-2026-017"),
    ]
    for name, frm, subj, date, body, command, ref in cmds:
        put(name, mail(name, frm, PARTNERSHIP, subj, date, text=body,
                       headers={"In-Reply-To": f"<{ref.lower()}.csprbot@partnership.example.gov.uk>"}),
            other_expected("reply", ref, command))
    html = ("<html><body><div>PANEL: LOCAL REVIEW</div><div><br></div><div>Letter from the National Panel received "
            "today, copy saved to the case folder.</div><hr><div><b>From:</b> csprbot<br><b>Subject:</b> "
            "NS-CSPR-2026-017 awaiting Panel</div><blockquote>Case NS-CSPR-2026-017 is awaiting the Panel's view."
            "</blockquote></body></html>")
    put("c05", mail("c05", coord, PARTNERSHIP, "RE: NS-CSPR-2026-017 awaiting Panel", "Tue, 31 Mar 2026 10:30:00 +0100",
                    html=html), other_expected("reply", "NS-CSPR-2026-017", {"verb": "PANEL", "args": {"view": "LOCAL REVIEW"}}))

    # ---- auto replies and noise (raw, as servers write them)
    put("n01", (
        "From: Joanne Pike <j.pike@schools.example.gov.uk>\nTo: cspr@partnership.example.gov.uk\n"
        "Subject: Automatic reply: NS-CSPR-2026-021 rapid review - request for agency information\n"
        "Date: Thu, 05 Mar 2026 16:30:02 +0000\nMessage-ID: <n01.heldout3@schools.example.gov.uk>\n"
        "Auto-Submitted: auto-replied\nX-Auto-Response-Suppress: All\nContent-Type: text/plain; charset=utf-8\n"
        "MIME-Version: 1.0\n\nThank you for your email. I am out of the office until Monday 9 March with no access to "
        "email. For urgent safeguarding matters please contact the school office on 01275 555 000.\n").encode(),
        other_expected("auto_reply", "NS-CSPR-2026-021"))
    put("n02", (
        "From: Microsoft Outlook <MAILER-DAEMON@mail.example.gov.uk>\nTo: cspr@partnership.example.gov.uk\n"
        "Subject: Undeliverable: NS-CSPR-2026-017 rapid review - request for agency information\n"
        "Date: Wed, 11 Feb 2026 09:00:05 +0000\nMessage-ID: <n02.heldout3@mail.example.gov.uk>\n"
        "Auto-Submitted: auto-replied\nMIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"=_n02_b\"\n\n"
        "--=_n02_b\nContent-Type: text/plain; charset=utf-8\n\nDelivery has failed to these recipients or groups:\n\n"
        "housing.safeguarding@housing.example.gov.uk\nThe email address you entered couldn't be found.\n\n"
        "--=_n02_b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mail.example.gov.uk\n\n"
        "Final-Recipient: rfc822; housing.safeguarding@housing.example.gov.uk\nAction: failed\nStatus: 5.1.1\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\n"
        "--=_n02_b\nContent-Type: text/rfc822-headers\n\nFrom: cspr@partnership.example.gov.uk\n"
        "To: housing.safeguarding@housing.example.gov.uk\nSubject: NS-CSPR-2026-017 rapid review - request for agency "
        "information\nX-CSPRBOT-Case: NS-CSPR-2026-017\nX-CSPRBOT-Kind: request\n\n--=_n02_b--\n").encode(),
        other_expected("auto_reply", "NS-CSPR-2026-017"))
    put("n03", (
        "From: Yusuf Demir <yusuf.demir@nhs.net>\nTo: cspr@partnership.example.gov.uk\n"
        "Subject: Out of Office: Referral\nDate: Tue, 13 Jan 2026 10:12:00 +0000\n"
        "Message-ID: <n03.heldout3@nhs.net>\nX-Autoreply: yes\nPrecedence: auto_reply\n"
        "Content-Type: text/plain; charset=utf-8\nMIME-Version: 1.0\n\n"
        "I am on annual leave returning 19/01/2026. Please contact the practice manager.\n").encode(),
        other_expected("auto_reply", None))
    body = ("Please find a Multi-Agency Referral Form below.\n\nMULTI-AGENCY REFERRAL FORM (MARF)\n"
            "Referrer: Kirsty Vale, Class Teacher, Worle Village Primary\nChild: Poppy Hale, DOB 03/05/2019\n"
            "Address: 11 Coronation Road, Worle, BS22 6HW\n"
            "Reason for referral: Poppy has come to school hungry on several occasions this half term, her uniform is "
            "dirty and she has head lice that have not been treated. Mum has said she is struggling since dad left.\n"
            "Parents aware of referral: Yes\nConsent: Yes\n\nKirsty Vale\n")
    put("u01", mail("u01", "Kirsty Vale <k.vale@schools.example.gov.uk>", PARTNERSHIP, "Referral - concerns about a child",
                    "Thu, 22 Jan 2026 15:35:00 +0000", text=body), other_expected("unknown", None))


def main():
    build()
    for old in OUT.glob("*.eml"):
        old.unlink()
    for old in OUT.glob("*.expected.json"):
        old.unlink()
    for name, (raw, expected) in sorted(CASES.items()):
        (OUT / f"{name}.eml").write_bytes(raw)
        (OUT / f"{name}.expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n")
    (OUT / "known_domains.json").write_text(json.dumps(KNOWN, indent=2) + "\n")
    print(f"wrote {len(CASES)} messages to {OUT}")


if __name__ == "__main__":
    main()
