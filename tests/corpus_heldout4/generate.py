"""Deterministic generator for the held-out corpus 4 (blind set).

Run: .venv/bin/python tests/corpus_heldout4/generate.py
Writes NAME.eml + NAME.expected.json + known_domains.json next to this file.
No randomness, fixed timestamps, fixed MIME boundaries, fixed zip dates: running twice gives identical bytes.
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from datetime import date
from email import policy
from email.message import EmailMessage
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

OUT = Path(__file__).resolve().parent
PARTNERSHIP = "csprbusinessunit@nsomerset.example.gov.uk"
KNOWN = {
    "schools.example.gov.uk": "Education",
    "avon.example.pnn.police.uk": "Avon and Somerset Police",
    "nhs.net": "ICB Health",
    "csc.example.gov.uk": "Children's Social Care",
}

# --------------------------------------------------------------------------------------------------- helpers

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def fmt(iso: str | None, style: str) -> str:
    if iso is None:
        return ""
    d = date.fromisoformat(iso)
    suf = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    return {
        "dmy/": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "dmy.": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "dmy-": f"{d.day:02d}-{d.month:02d}-{d.year}",
        "d/m/y": f"{d.day}/{d.month}/{d.year}",
        "long": f"{d.day} {MONTHS[d.month - 1]} {d.year}",
        "ord": f"{d.day}{suf} {MONTHS[d.month - 1]} {d.year}",
        "short": f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}",
        "dayname": f"{DAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}",
        "dmyy": f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
        "iso": iso,
    }[style]


def yn(v):
    return "Yes" if v else "No"


def referral(referrer, child, family, criteria, summary, agencies, processes):
    return {
        "referrer": dict(zip(["name", "email", "role", "phone", "agency", "date_submitted"], referrer)),
        "child": dict(zip(["name", "date_of_birth", "home_address", "carer", "incident_date", "incident_location",
                           "ethnicity", "faith", "disability", "child_protection_plan"], child)),
        "family": [dict(zip(["name", "relationship", "date_of_birth", "address", "ethnicity"], f)) for f in family],
        "criteria": dict(zip(["child_died", "seriously_harmed", "abuse_or_neglect", "agency_concern"], criteria)),
        "summary": summary,
        "other_agencies": [dict(zip(["name", "agency", "contact", "still_involved"], a)) for a in agencies],
        "other_processes": [dict(zip(["process", "status"], p)) for p in processes],
    }


def expected(kind, case_ref=None, ref=None, ret=None, command=None, missing=(), warnings=()):
    return {"kind": kind, "case_ref": case_ref, "referral": ref, "agency_return": ret, "command": command,
            "missing": list(missing), "warnings": list(warnings)}


FIXED_ZIP_DATE = (2026, 3, 2, 9, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, FIXED_ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def save_docx(d) -> bytes:
    cp = d.core_properties
    from datetime import datetime
    cp.created = datetime(2026, 3, 2, 9, 0, 0)
    cp.modified = datetime(2026, 3, 2, 9, 0, 0)
    cp.last_modified_by = "User"
    cp.author = "User"
    cp.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    return normalise_zip(buf.getvalue())


def set_cell(cell, text):
    """Put text into a cell; '\n' becomes separate paragraphs."""
    parts = str(text).split("\n")
    cell.paragraphs[0].text = parts[0]
    for p in parts[1:]:
        cell.add_paragraph(p)


def table(d, rows, cols, style="Table Grid"):
    t = d.add_table(rows=rows, cols=cols)
    t.style = style
    return t


def merged_header(t, row_idx, text):
    row = t.rows[row_idx]
    c = row.cells[0].merge(row.cells[-1])
    set_cell(c, text)
    c.paragraphs[0].runs[0].bold = True
    return c


# --------------------------------------------------------------------------- PDF (hand written, no library)

def _pdf_str(s: str) -> bytes:
    b = s.encode("cp1252", "replace")
    return b"(" + b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _wrap(line: str, width: int = 95) -> list[str]:
    out = []
    while len(line) > width:
        cut = line.rfind(" ", 0, width)
        cut = cut if cut > 20 else width
        out.append(line[:cut])
        line = line[cut:].lstrip()
    out.append(line)
    return out


def make_pdf(lines: list[str], fields: list[tuple] | None = None) -> bytes:
    """Text PDF (one Tj per line, Helvetica 10pt). fields: (name, kind 'tx'|'cb', value, page, x, y)."""
    wrapped = []
    for ln in lines:
        wrapped.extend(([ln] if "\t" in ln else _wrap(ln)) if ln else [""])
    per_page = 62
    pages = [wrapped[i:i + per_page] for i in range(0, max(len(wrapped), 1), per_page)] or [[]]
    objs: list[bytes] = []

    def add(b: bytes) -> int:
        objs.append(b)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id_placeholder = len(objs) + 1
    add(b"PAGES")  # placeholder
    page_ids = []
    field_ids_by_page: dict[int, list[int]] = {}
    all_fields = []
    for pi, pl in enumerate(pages):
        stream = [b"BT /F1 10 Tf 50 800 Td 13 TL"]
        for ln in pl:
            if "\t" in ln:  # a table row: each cell placed at its own x, as Word's PDF export does
                cells = ln.split("\t")
                moved = 0
                for k, cell in enumerate(cells):
                    w = max(int(len(cell) * 5.6) + 14, 70)
                    stream.append(_pdf_str(cell) + b" Tj" + (b" %d 0 Td" % w if k < len(cells) - 1 else b""))
                    moved += w if k < len(cells) - 1 else 0
                stream.append(b"%d -13 Td" % -moved)
            else:
                stream.append(_pdf_str(ln) + b" Tj T*")
        stream.append(b"ET")
        content = b"\n".join(stream)
        cid = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        annots = []
        for f in fields or []:
            name, kind, value, page, x, y = f
            if page != pi:
                continue
            if kind == "tx":
                v = _pdf_str(value) if value is not None else b"()"
                fid = add(b"<< /Type /Annot /Subtype /Widget /FT /Tx /T " + _pdf_str(name) + b" /V " + v +
                          b" /Rect [%d %d %d %d] /F 4 /DA (/Helv 9 Tf 0 g) >>" % (x, y, x + 300, y + 14))
            else:
                v = b"/Yes" if value else b"/Off"
                fid = add(b"<< /Type /Annot /Subtype /Widget /FT /Btn /T " + _pdf_str(name) + b" /V " + v +
                          b" /AS " + v + b" /Rect [%d %d %d %d] /F 4 >>" % (x, y, x + 10, y + 10))
            annots.append(fid)
            all_fields.append(fid)
        annot_s = (b" /Annots [" + b" ".join(b"%d 0 R" % a for a in annots) + b"]") if annots else b""
        pid = add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                  b"/Resources << /Font << /F1 %d 0 R >> >>" % (pages_id_placeholder, cid, font) + annot_s + b" >>")
        page_ids.append(pid)
        field_ids_by_page[pi] = annots
    objs[pages_id_placeholder - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % p for p in page_ids) +
                                      b"] /Count %d >>" % len(page_ids))
    acro = b""
    if all_fields:
        helv = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        acro = (b" /AcroForm << /Fields [" + b" ".join(b"%d 0 R" % f for f in all_fields) +
                b"] /NeedAppearances true /DR << /Font << /Helv %d 0 R >> >> /DA (/Helv 0 Tf 0 g) >>" % helv)
    cat = add(b"<< /Type /Catalog /Pages %d 0 R" % pages_id_placeholder + acro + b" >>")
    info = add(b"<< /Producer (Microsoft Word for Microsoft 365) /CreationDate (D:20260302090000Z) >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + o + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objs) + 1, cat, info, xref))
    return out.getvalue()


# --------------------------------------------------------------------------------------------------- email

DOCX_CT = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def _fix_boundaries(msg, name):
    n = 0
    for part in msg.walk():
        if part.is_multipart():
            n += 1
            part.set_boundary(f"----=_Part_{name}_{n:02d}")


def make_msg(name, frm, to, subject, date_hdr, text=None, html=None, attachments=(), headers=None,
             cc=None, in_reply_to=None):
    m = EmailMessage(policy=policy.SMTP)
    m["From"] = frm
    m["To"] = to
    if cc:
        m["Cc"] = cc
    m["Subject"] = subject
    m["Date"] = date_hdr
    m["Message-ID"] = f"<{name}.hx4@mail.example.gov.uk>"
    if in_reply_to:
        m["In-Reply-To"] = in_reply_to
        m["References"] = in_reply_to
    for k, v in (headers or {}).items():
        m[k] = v
    m["MIME-Version"] = "1.0"
    if text is not None:
        m.set_content(text, cte="quoted-printable" if any(ord(c) > 127 for c in text) else "7bit")
    if html is not None:
        if text is None:
            m.set_content(html, subtype="html", cte="quoted-printable")
        else:
            m.add_alternative(html, subtype="html", cte="quoted-printable")
    if text is None and html is None:
        m.set_content("Please see attached.\n")
    for att in attachments:
        if att[0] == "rfc822":
            m.add_attachment(att[1])
        else:
            fname, data, (mt, st) = att
            m.add_attachment(data, maintype=mt, subtype=st, filename=fname)
    _fix_boundaries(m, name)
    return m


CASES: list[tuple[str, bytes, dict]] = []


def emit(name, msg, exp):
    raw = msg.as_bytes() if isinstance(msg, EmailMessage) else msg
    CASES.append((name, raw, exp))


SIG_FOOTER = ("\n\nKind regards\n\n{name}\n{role}\n{agency}\nTel: {phone}\n\n"
              "CONFIDENTIALITY: This email and any attachments are confidential and intended solely for the "
              "addressee. If you have received it in error please notify the sender and delete it. Any views "
              "expressed are those of the author and not necessarily those of the organisation.\n")

# ========================================================================================= referral data

R = {}

R["r01"] = referral(
    ("Hannah Ellery", "hannah.ellery@schools.example.gov.uk", "Designated Safeguarding Lead", "01275 884 210",
     "Westbrook Primary School", "2026-03-02"),
    ("Kaiden Marsh", "2019-07-03", "14 Larch Close, Nailsea, BS48 2QT", "Shannon Marsh (mother)", "2026-02-27",
     "Family home", "White British", "None", "None", "yes"),
    [("Shannon Marsh", "Mother", "1998-11-14", "14 Larch Close, Nailsea, BS48 2QT", "White British"),
     ("Dean Coles", "Mother's partner", "1994-05-02", "14 Larch Close, Nailsea, BS48 2QT", "White British")],
    (False, True, "suspected", True),
    "Kaiden arrived at school on 27 February with bruising to both ears and a swollen cheek. He said Dean "
    "had hit him. He was taken to hospital and a skeletal survey found two older rib fractures.",
    [("Lucy Brand", "Children's Social Care", "lucy.brand@csc.example.gov.uk", True),
     ("Dr Ahmed Qureshi", "GP, Tyntesfield Surgery", "01275 866 400", False)],
    [("Police investigation", "Mother's partner arrested, released on bail")])

R["r02"] = referral(
    ("Sgt Owen Pryce", "owen.pryce@avon.example.pnn.police.uk", "Detective Sergeant, Child Abuse Investigation Team",
     "01179 452 118", "Avon and Somerset Police", "2026-03-04"),
    ("Amira Hussain", "2011-02-19", "Flat 6, Orchard Court, Weston-super-Mare, BS23 1LP", "Nadia Hussain",
     "2026-03-01", "Weston-super-Mare seafront", "Pakistani", "Muslim", "Autism (diagnosed 2019)", "no"),
    [("Nadia Hussain", "Mother", "1984-08-30", "Flat 6, Orchard Court, Weston-super-Mare, BS23 1LP", "Pakistani"),
     ("Imran Hussain", "Father", "1980-01-12", "Address not known", "Pakistani")],
    (False, True, "known", True),
    "Amira was found by officers in the early hours of 1 March after being reported missing for three days. "
    "She disclosed she had been sexually exploited by adult males. She had been reported missing nine times "
    "since October.",
    [("Kerry Daniels", "Barnardo's BASE project", "07700 900 412", True),
     ("Mark Ellis", "Children's Social Care", "mark.ellis@csc.example.gov.uk", True)],
    [("Criminal proceedings", "Two adults charged; first hearing 18 March 2026")])

R["r03"] = referral(
    ("Rebecca Thorne", "rebecca.thorne1@nhs.net", "Named Nurse Safeguarding Children", "0117 414 7720",
     "North Bristol NHS Trust", "2026-03-05"),
    ("Baby Finley Cartwright", "2026-01-10", "3 Mill Lane, Clevedon, BS21 6AB", "Jade Cartwright and Ryan Cartwright",
     "2026-03-03", "Southmead Hospital Emergency Department", "White British", None, None, "not_known"),
    [("Jade Cartwright", "Mother", "2003-06-21", "3 Mill Lane, Clevedon, BS21 6AB", "White British"),
     ("Ryan Cartwright", "Father", "2001-09-09", "3 Mill Lane, Clevedon, BS21 6AB", "White British")],
    (False, True, "suspected", False),
    "Eight week old infant brought in by ambulance with seizures. CT scan showed subdural haemorrhages and "
    "retinal haemorrhages were seen. No accidental explanation has been offered.",
    [("Sarah Pike", "Health Visiting, Sirona", "sarah.pike1@nhs.net", True)],
    [("Police investigation", "Strategy meeting held 3 March; section 47 enquiries ongoing")])

R["r04"] = referral(
    ("Colin Hargreaves", "colin.hargreaves@csc.example.gov.uk", "Team Manager, Safeguarding Team West",
     "01275 888 301", "North Somerset Children's Social Care", "2026-03-06"),
    ("Leo Baptiste-Walsh", "2010-12-01", "22 Quarry Road, Portishead, BS20 7NE", "Marie Walsh", "2026-03-04",
     "Portishead Marina", "White and Black Caribbean", "Christian", "None", "has_been"),
    [("Marie Walsh", "Mother", "1982-03-17", "22 Quarry Road, Portishead, BS20 7NE", "White British"),
     ("Kofi Baptiste", "Father", "1979-10-05", "Croydon, London", "Black Caribbean")],
    (True, False, "suspected", True),
    "Leo, aged 15, died after being stabbed near the marina on the evening of 4 March. He had been on a child "
    "protection plan under the category of neglect until June 2025 and there were concerns about criminal "
    "exploitation.",
    [("Youth Justice Service", "North Somerset Council", "yjs@csc.example.gov.uk", True),
     ("Gordano School", "Education", "dsl@gordano.schools.example.gov.uk", False)],
    [("Coroner's inquest", "Opened and adjourned"), ("Criminal proceedings", "Murder investigation ongoing"),
     ("Child Death Overview Panel", "Notified")])

R["r05"] = referral(
    ("Dr Fiona McAllister", "fiona.mcallister@nhs.net", "Designated Doctor for Safeguarding Children", "0117 900 2211",
     "BNSSG ICB", "2026-03-09"),
    ("Zara Begum", "2015-04-22", "41 Oldmixon Crescent, Weston-super-Mare, BS24 9AX", "Shahida Begum",
     "2026-03-05", "Home address", "Bangladeshi", "Islam", "Cerebral palsy; non-verbal", "yes"),
    [("Shahida Begum", "Mother", "1988-12-02", "41 Oldmixon Crescent, Weston-super-Mare, BS24 9AX", "Bangladeshi"),
     ("Rahim Uddin", "Stepfather", "1985-07-15", "41 Oldmixon Crescent, Weston-super-Mare, BS24 9AX", "Bangladeshi")],
    (False, True, "known", True),
    "Zara was admitted severely malnourished and dehydrated weighing 14kg. She had missed six outpatient "
    "appointments and her gastrostomy feeding regime had not been followed.",
    [("Rachel Green", "Community Paediatrics", "rachel.green5@nhs.net", True),
     ("Ashcombe Special School", "Education", "01934 622 810", True)],
    [])

R["r06"] = referral(
    ("Joanne Whitfield", "joanne.whitfield@schools.example.gov.uk", "Headteacher", "01934 712 044",
     "St Aldhelm's C of E Academy", "2026-03-10"),
    ("Ruby-Mae Tranter", "2017-09-30", "7 Brook Street, Congresbury, BS49 5DG", "Kelly Tranter", "2026-03-08",
     "Congresbury", "White British", "Church of England", "None", "no"),
    [("Kelly Tranter", "Mother", "1990-02-11", "7 Brook Street, Congresbury, BS49 5DG", "White British"),
     ("Shane Tranter", "Brother", "2008-06-06", "7 Brook Street, Congresbury, BS49 5DG", "White British")],
    (False, True, "suspected", False),
    "Ruby-Mae was admitted to hospital after ingesting her mother's methadone. Her mother was found "
    "unresponsive at home by police the same day.",
    [("Turning Point drug service", "Adult substance misuse", "01934 427 900", True)],
    [("Police investigation", "Ongoing")])

R["r07"] = referral(
    ("Priya Raman", "priya.raman@nhs.net", "Safeguarding Lead GP", "01275 560 123", "Harbourside Medical Practice",
     "2026-03-11"),
    ("Tyler O\u2019Connor", "2008-05-14", "Room 4, Elm House supported lodgings, Clevedon, BS21 7TA",
     "Local authority (looked after child)", "2026-03-09", "Clevedon Pier", "White Irish", "Roman Catholic",
     "ADHD", "has_been"),
    [("Siobhan O\u2019Connor", "Mother", "1975-03-03", "Dublin, Ireland", "White Irish")],
    (True, False, "suspected", True),
    "Tyler, a looked after young person aged 17, was found dead at the foot of Clevedon Pier. Suicide is "
    "suspected. He had told his GP two weeks earlier that he felt \u201cthere was no point any more\u201d.",
    [("Leaving Care Team", "Children's Social Care", "leavingcare@csc.example.gov.uk", True),
     ("CAMHS", "Avon and Wiltshire Mental Health Partnership", "01275 123 987", False)],
    [("Coroner", "Inquest opened 12 March 2026"), ("CDOP", "Notification made")])

R["r08"] = referral(
    ("Gemma Fairbrother", "gemma.fairbrother@csc.example.gov.uk", "Senior Practitioner", "01275 888 455",
     "Children's Social Care", "2026-03-12"),
    ("Oskar Nowak", "2022-11-08", "55 Locking Road, Weston-super-Mare, BS23 3DW", "Agnieszka Nowak", "2026-03-10",
     "Locking Road, Weston-super-Mare", "Any other White background", "Catholic", "None", "no"),
    [("Agnieszka Nowak", "Mother", "1995-04-27", "55 Locking Road, Weston-super-Mare, BS23 3DW", "White Polish"),
     ("Tomasz Nowak", "Father", "1993-12-19", "55 Locking Road, Weston-super-Mare, BS23 3DW", "White Polish")],
    (False, True, "suspected", True),
    "Oskar, aged 3, was found alone wandering on Locking Road at 23:40. Both parents were intoxicated at home. "
    "Oskar had burns on his hands consistent with a hot surface.",
    [("Weston General Hospital", "Health", "01934 636 363", False)],
    [])

R["r09"] = referral(
    ("Martin Oyelaran", "martin.oyelaran@schools.example.gov.uk", "Deputy Designated Safeguarding Lead",
     "01934 511 200", "Worle Community School", "2026-03-12"),
    ("Chidera Okafor", "2012-08-16", "9 Mendip Avenue, Worle, BS22 6HL", "Grace Okafor", "2026-03-09",
     "School and home", "Black African", "Pentecostal Christian", "None", "not_known"),
    [("Grace Okafor", "Mother", "1981-01-30", "9 Mendip Avenue, Worle, BS22 6HL", "Black African"),
     ("Emmanuel Okafor", "Father", "1978-07-07", "9 Mendip Avenue, Worle, BS22 6HL", "Black African")],
    (False, True, "suspected", True),
    "Chidera disclosed at school that she had been beaten with a belt and made to kneel for hours because "
    "relatives believe she is possessed. She has linear marks to her back and legs.",
    [("Elaine Ross", "School Nurse", "elaine.ross@nhs.net", True)],
    [("Police investigation", "Section 47 strategy discussion held")])

R["r10"] = referral(
    ("Laura Penhaligon", "laura.penhaligon@nhs.net", "Specialist Midwife, Safeguarding", "0117 342 5000",
     "University Hospitals Bristol and Weston", "2026-03-13"),
    ("Unborn / newborn baby Hale", None, "Temporary accommodation, Travelodge, Weston-super-Mare",
     "Chelsea Hale", "2026-03-11", "Weston General Hospital maternity unit", "Not declared", None, None, "not_known"),
    [("Chelsea Hale", "Mother", "2005-10-10", "No fixed abode", "White British")],
    (True, False, "suspected", True),
    "Baby born at 31 weeks after a concealed pregnancy and died shortly after birth. Mother had tested "
    "positive for cocaine and had been a care leaver known to several agencies.",
    [("Leaving Care Team", "Children's Social Care", "leavingcare@csc.example.gov.uk", True)],
    [("Coroner", "Referred"), ("Child Death Overview Panel", "Rapid response meeting held 12/03/2026")])

R["r11"] = referral(
    ("Steve Kaminski", "steve.kaminski@avon.example.pnn.police.uk", "Detective Inspector, Public Protection",
     "01179 453 900", "Avon and Somerset Police", "2026-03-16"),
    ("Ellie-Jo Haskins", "2009-01-25", "18 Beach Road, Sand Bay, BS22 9UZ", "Tracey Haskins", "2026-03-14",
     "Sand Bay", "White and Asian", "None", "Learning disability", "yes"),
    [("Tracey Haskins", "Mother", "1979-05-18", "18 Beach Road, Sand Bay, BS22 9UZ", "White British"),
     ("Gary Haskins", "Stepfather", "1970-11-29", "18 Beach Road, Sand Bay, BS22 9UZ", "White British")],
    (False, True, "known", True),
    "Ellie-Jo was seriously assaulted by her stepfather and sustained a fractured skull. She has been subject "
    "to a child protection plan for physical abuse since September 2025.",
    [("Ruth Mills", "Children's Social Care", "ruth.mills@csc.example.gov.uk", True),
     ("Broadoak Academy", "Education", "01934 422 000", True)],
    [("Criminal proceedings", "Stepfather remanded in custody")])

R["r12"] = referral(
    ("Anna Lindqvist", "anna.lindqvist@csc.example.gov.uk", "Independent Reviewing Officer", "01275 888 900",
     "Children's Social Care", "2026-03-17"),
    ("Jayden Price", "2013-03-03", "Meadowview children's home, Banwell, BS29 6DA", "Meadowview residential staff",
     "2026-03-15", "Banwell", "White and Black African", "Not known", "SEMH needs", "has_been"),
    [("Leanne Price", "Mother", "1991-09-14", "Bridgwater, Somerset", "White British")],
    (False, True, "suspected", True),
    "Jayden, a looked after child placed from another authority, was restrained by staff and suffered a "
    "broken arm. He alleges staff kicked him. The placing authority was not informed for four days.",
    [("Somerset Council Children's Services", "Placing authority", "01823 355 803", True)],
    [("LADO", "Allegations management meeting held 16 March 2026")])
R["r12"]["child"]["faith"] = None  # "Not known" is null

R["r13"] = referral(
    ("Karen Beddoe", "karen.beddoe@schools.example.gov.uk", "Designated Safeguarding Lead", "01934 833 611",
     "Churchill Academy and Sixth Form", "2026-03-18"),
    ("Mason Lloyd", "2010-06-11", "4 Dolemoor Lane, Congresbury, BS49 5BJ", "Debbie Lloyd", "2026-03-16",
     "Bedroom at home", "Black Caribbean and White", "None", "Dyslexia", "not_known"),
    [("Debbie Lloyd", "Mother", "1980-04-04", "4 Dolemoor Lane, Congresbury, BS49 5BJ", "White British")],
    (False, True, "suspected", True),
    "Mason was found hanging in his bedroom and is in intensive care. He had been subject to online "
    "sextortion. School had raised concerns about self-harm twice in January.",
    [("CAMHS", "Health", "camhs.spa@nhs.net", True)],
    [("Police investigation", "Online offending investigation ongoing")])

R["p01"] = referral(
    ("Natalie Crewe", "natalie.crewe@schools.example.gov.uk", "DSL", "01275 852 222", "Backwell School",
     "2026-03-03"),
    ("Harvey Dunn", "2011-10-19", "27 Rodney Road, Backwell, BS48 3HW", "Paul Dunn (father)", "2026-02-28",
     "Backwell", "White British", "None", "None", "no"),
    [("Paul Dunn", "Father", "1977-08-08", "27 Rodney Road, Backwell, BS48 3HW", "White British")],
    (False, True, "suspected", True),
    "Harvey was found by a neighbour with a head injury after his father assaulted him while drunk. "
    "Harvey had missed 40% of school this year.",
    [("Early Help", "Children's Social Care", "earlyhelp@csc.example.gov.uk", False)],
    [("Police investigation", "Father arrested")])

R["p02"] = referral(
    ("Diane Foster", "diane.foster2@nhs.net", "Health Visitor", "01934 881 234", "Sirona care & health",
     "2026-03-06"),
    ("Poppy Sheppard", "2025-05-02", "12 Acacia Avenue, Weston-super-Mare, BS23 2EB", "Lauren Sheppard",
     "2026-03-04", "Bath Royal United Hospital", "White British", None, None, "yes"),
    [("Lauren Sheppard", "Mother", "2000-01-01", "12 Acacia Avenue, Weston-super-Mare, BS23 2EB", "White British"),
     ("Kyle Vaughan", "Father", "1999-02-14", "Not known", "White British")],
    (False, True, "known", True),
    "Poppy, aged 10 months, was admitted with a fractured femur and bruising to her face. Father has "
    "admitted causing the injuries.",
    [("Sophie Lane", "Children's Social Care", "sophie.lane@csc.example.gov.uk", True)],
    [])

R["p03"] = referral(
    ("Ian Threlfall", "ian.threlfall@avon.example.pnn.police.uk", "Detective Constable", "01179 454 001",
     "Avon and Somerset Police", "2026-03-09"),
    ("Kacper Wojcik", "2014-12-24", "3 Sunnyside Road, Clevedon, BS21 7TE", "Ewa Wojcik", "2026-03-07",
     "Sunnyside Road, Clevedon", "Any other White background", "Roman Catholic", "None", "no"),
    [("Ewa Wojcik", "Mother", "1986-06-30", "3 Sunnyside Road, Clevedon, BS21 7TE", "White Polish")],
    (True, False, "suspected", True),
    "Kacper died in a house fire. Smoke alarms were disabled and the children were left alone overnight. "
    "Neighbours had reported the children unsupervised on several occasions.",
    [("Fire and Rescue Service", "Avon Fire & Rescue", "01179 262 061", False)],
    [("Coroner's inquest", "Opened"), ("Police investigation", "Mother interviewed under caution")])

R["p04"] = referral(
    ("Sunita Patel", "sunita.patel@csc.example.gov.uk", "Service Manager, Children with Disabilities",
     "01275 888 720", "Children's Social Care", "2026-03-11"),
    ("Aarav Mehta", "2016-01-09", "88 Station Road, Yatton, BS49 4AL", "Rohan and Kavita Mehta", "2026-03-09",
     "Yatton", "Indian", "Hindu", "Global developmental delay", "no"),
    [("Kavita Mehta", "Mother", "1987-03-25", "88 Station Road, Yatton, BS49 4AL", "Indian"),
     ("Rohan Mehta", "Father", "1985-11-11", "88 Station Road, Yatton, BS49 4AL", "Indian")],
    (False, True, "suspected", True),
    "Aarav was admitted with a spiral fracture of the humerus while in respite care. The explanation given "
    "by the respite carer is not consistent with the injury.",
    [("Short breaks provider", "Independent fostering agency", "01234 567 890", True)],
    [("LADO", "Referral made 10 March 2026")])

R["f01"] = referral(
    ("Mel Atkinson", "mel.atkinson@csc.example.gov.uk", "Social Worker", "01275 888 611",
     "Children's Social Care", "2026-03-05"),
    ("Ivy Rowe", "2020-02-29", "6 Coleridge Vale, Clevedon, BS21 6PB", "Jodie Rowe", "2026-03-03",
     "Family home", "White British", "None", "None", "yes"),
    [("Jodie Rowe", "Mother", "1996-07-19", "6 Coleridge Vale, Clevedon, BS21 6PB", "White British")],
    (False, True, "known", True),
    "Ivy was admitted with severe neglect: weight below the 0.4th centile, untreated dental abscesses and "
    "head lice infestation. The home was found in a very poor condition.",
    [("Health Visitor", "Sirona", "hv.clevedon@nhs.net", True)],
    [])

R["f02"] = referral(
    ("Tom Bexley", "tom.bexley@schools.example.gov.uk", "Designated Safeguarding Lead", "01934 744 300",
     "Priory Community School", "2026-03-10"),
    ("Lily Chapman", "2011-11-03", "102 Milton Road, Weston-super-Mare, BS22 8EE", "Andrea Chapman",
     "2026-03-06", "Milton Road", "White British", "None", "None", "not_known"),
    [("Andrea Chapman", "Mother", "1983-02-23", "102 Milton Road, Weston-super-Mare, BS22 8EE", "White British")],
    (False, True, "suspected", True),
    "Lily was hospitalised after an overdose. She disclosed ongoing domestic abuse between mother and "
    "mother's partner.",
    [("Vicky Lee", "Children's Social Care", "vicky.lee@csc.example.gov.uk", True)],
    [])

R["f03"] = referral(
    ("Jess Moorcroft", "jess.moorcroft@nhs.net", "Named Nurse Safeguarding", "0117 950 5050", "Sirona care & health",
     "2026-03-12"),
    ("Noah Griffiths", "2024-09-15", "31 Kewstoke Road, Worle, BS22 9LE", "Becky Griffiths", "2026-03-10",
     "Weston General Hospital", "White British", None, None, "no"),
    [("Becky Griffiths", "Mother", "2002-04-04", "31 Kewstoke Road, Worle, BS22 9LE", "White British")],
    (False, True, "suspected", False),
    "Noah, 18 months, was brought to ED with a torn frenulum and bruising to the ears. Presentation was "
    "delayed by two days.",
    [("GP", "Riverbank Surgery", "01934 510 510", True)],
    [])

R["pdf1"] = referral(
    ("Olivia Grange", "olivia.grange@csc.example.gov.uk", "Practice Manager", "01275 888 123",
     "Children's Social Care", "2026-03-13"),
    ("Reece Tull", "2007-04-30", "14 Queens Road, Nailsea, BS48 4JR", "Gillian Tull", "2026-03-11",
     "Nailsea", "White British", "None", "None", "has_been"),
    [("Gillian Tull", "Mother", "1972-02-02", "14 Queens Road, Nailsea, BS48 4JR", "White British")],
    (True, False, "suspected", True),
    "Reece, aged 18 in April, was found dead from a suspected drug overdose. He had been on a child "
    "protection plan in 2023 and was open to the Youth Justice Service.",
    [("Youth Justice Service", "North Somerset Council", "01275 888 222", True)],
    [("Coroner", "Inquest opened")])

R["pdf2"] = referral(
    ("Dr Neil Sandhu", "neil.sandhu@nhs.net", "Consultant Paediatrician", "0117 342 8000", "Bristol Royal Hospital for Children",
     "2026-03-16"),
    ("Maisie Cole", "2025-10-12", "Flat 2, 9 High Street, Weston-super-Mare, BS23 1HE", "Amber Cole",
     "2026-03-14", "Home address", "Not declared", None, None, "not_known"),
    [("Amber Cole", "Mother", "2006-05-05", "Flat 2, 9 High Street, Weston-super-Mare, BS23 1HE", "Not declared")],
    (False, True, "suspected", False),
    "Five month old admitted with multiple fractures of differing ages. Mother is 19 and a former looked "
    "after child.",
    [],
    [])

R["r14"] = referral(
    ("Bev Collard", "bev.collard@csc.example.gov.uk", "Family Support Worker", "01275 888 777",
     "Children's Social Care", "2026-03-19"),
    ("Levi Loveridge", "2018-08-08", "Plot 3, Ebdon Lane site, Wick St Lawrence, BS22 7YX", "Rosie Loveridge",
     "2026-03-17", "Ebdon Lane site", "Gypsy/Roma", "Christian", "None", "has_been"),
    [("Rosie Loveridge", "Mother", "1993-03-12", "Plot 3, Ebdon Lane site, Wick St Lawrence, BS22 7YX", "Gypsy/Roma"),
     ("John Loveridge", "Father", "1990-10-01", "Plot 3, Ebdon Lane site, Wick St Lawrence, BS22 7YX", "Gypsy/Roma")],
    (False, True, "suspected", True),
    "Levi suffered serious burns when a caravan heater caught fire while he was left alone. He had been on a "
    "child protection plan for neglect until 2024 and was not registered with a GP or school.",
    [("Traveller Education Service", "Education", "01934 888 500", False)],
    [("Police investigation", "Ongoing"), ("Fire investigation", "Completed 18 March 2026")])

R["f04"] = referral(
    ("Kate Villiers", "kate.villiers@nhs.net", "School Nurse", "01934 600 600", "Sirona care & health", "2026-03-18"),
    ("Summer Price-Jones", "2009-12-12", "16 Worle Moor Road, Weston-super-Mare, BS24 7EY", "Claire Jones",
     "2026-03-16", "Weston-super-Mare town centre", "White and Black Caribbean", "None", "None", "no"),
    [("Claire Jones", "Mother", "1987-07-27", "16 Worle Moor Road, Weston-super-Mare, BS24 7EY", "White British")],
    (False, True, "suspected", True),
    "Summer was found unconscious in a flat with two adult men after going missing from home. Toxicology "
    "showed ketamine. She had been referred for CSE concerns twice.",
    [("Missing Children Service", "Children's Social Care", "missing@csc.example.gov.uk", True)],
    [("Police investigation", "Two men arrested")])

# ============================================================================ referral renderers (docx)

NS_ETH = {
    "(A) White": ["British", "Irish", "Any other White Background"],
    "(B) Mixed": ["Asian and White", "Black African and White", "Black Caribbean and White",
                  "Any other mixed background"],
    "(C) Asian or Asian British": ["Indian", "Pakistani", "Bangladeshi", "Chinese", "Any other Asian background"],
    "(D) Black or Black British": ["Caribbean", "African", "Any other Black background"],
}
FULL_ETH = ["White British", "White Irish", "Any other White background", "White and Black Caribbean",
            "White and Black African", "White and Asian", "Any other mixed background", "Indian", "Pakistani",
            "Bangladeshi", "Chinese", "Any other Asian background", "Black Caribbean", "Black African",
            "Any other Black background", "Any other ethnic group", "Not declared"]
CPP = [("yes", "Yes"), ("no", "No"), ("has_been", "Has been"), ("not_known", "Not known")]


def ns_eth_choice(eth):
    return {"White British": ("(A) White", "British"),
            "Black African": ("(D) Black or Black British", "African")}.get(eth, (None, eth))


def tick(on, style):
    return {"☒": ("☒", "☐"), "☑": ("☑", "☐"), "✓": ("✓", ""), "X": ("X", "☐"), "[x]": ("[x]", "[ ]")}[style][0 if on else 1]


def v(x, none=""):
    return none if x is None else x


def crit_rows(r):
    c = r["criteria"]
    return [("Is the child deceased?", c["child_died"]),
            ("Is the child seriously harmed (please describe below)?", c["seriously_harmed"]),
            ("Is there a cause for concern as to the way in which agencies or other relevant persons have worked "
             "together to safeguard the child?", c["agency_concern"])]


def doc_ns4(r, ds, glyph="☒", stray=False, faith_txt=None, disab_txt=None):
    """North Somerset Appendix 2 style: 4-col tables, glyph tick grids."""
    d = docx.Document()
    d.add_heading("APPENDIX 2: Request for a Child Safeguarding Practice Review", 1)
    d.add_paragraph("Before submitting the referral please check the criteria in appendix 3 of this form.")
    d.add_paragraph("1. Referrer")
    rf, ch = r["referrer"], r["child"]
    sp = "  " if stray else ""
    t = table(d, 3, 4)
    for i, (a, b, c, e) in enumerate([("Name:", rf["name"] + sp, "Email:", rf["email"]),
                                      ("Role:", rf["role"], "Tel:", sp + rf["phone"]),
                                      ("Agency:", rf["agency"], "Date submitted:", fmt(rf["date_submitted"], ds))]):
        for j, x in enumerate((a, b, c, e)):
            set_cell(t.cell(i, j), x)
    d.add_paragraph("2. Details of child or young person")
    t = table(d, 3, 4)
    for i, (a, b, c, e) in enumerate([("Name of child:", ch["name"], "Date of birth:", fmt(ch["date_of_birth"], ds)),
                                      ("Home address:", ch["home_address"], "Date of death or critical incident:",
                                       fmt(ch["incident_date"], ds)),
                                      ("Carer:", ch["carer"], "Location of incident:", ch["incident_location"])]):
        for j, x in enumerate((a, b, c, e)):
            set_cell(t.cell(i, j), x)
    d.add_paragraph("Ethnic origin:")
    grp, opt = ns_eth_choice(ch["ethnicity"])
    t = table(d, 2, 3)
    groups = list(NS_ETH.items())
    for k, (g, opts) in enumerate(groups[:3]):
        set_cell(t.cell(0, k), g)
        set_cell(t.cell(1, k), "\n".join(f"{tick(o == opt, glyph)} {o}" for o in opts))
    t2 = table(d, 2, 3)
    set_cell(t2.cell(0, 0), groups[3][0])
    set_cell(t2.cell(1, 0), "\n".join(f"{tick(o == opt, glyph)} {o}" for o in groups[3][1]))
    set_cell(t2.cell(0, 1), "(E) Other Ethnic Groups")
    set_cell(t2.cell(1, 1), "Please specify")
    set_cell(t2.cell(0, 2), "(F) Not Declared")
    set_cell(t2.cell(1, 2), f"{tick(opt == 'Not declared', glyph)} Not declared")
    t = table(d, 1, 4)
    for j, x in enumerate(("Faith:", faith_txt if faith_txt is not None else v(ch["faith"]), "Disability:",
                           disab_txt if disab_txt is not None else v(ch["disability"]))):
        set_cell(t.cell(0, j), x)
    d.add_paragraph("Child protection plan: " + "  ".join(f"{tick(k == ch['child_protection_plan'], glyph)} {lab}"
                                                          for k, lab in CPP))
    fam_table(d, r, ds, placeholder="Add rows as needed")
    crit_table_ns(d, r, glyph)
    d.add_paragraph("5. Summary of events")
    d.add_paragraph("Please provide a summary of the events leading to the death or harm caused to the child, making "
                    "clear why you believe that these circumstances meet the criteria.")
    t = table(d, 1, 1)
    set_cell(t.cell(0, 0), r["summary"])
    other_tables(d, r)
    return save_docx(d)


def fam_table(d, r, ds, placeholder=None, header=("Name", "Relationship to child", "DoB", "Address", "Ethnic origin")):
    d.add_paragraph("3. Composition of family and significant others")
    rows = r["family"]
    t = table(d, 1 + len(rows) + (1 if placeholder else 0), 5)
    for j, h in enumerate(header):
        set_cell(t.cell(0, j), h)
    for i, f in enumerate(rows, 1):
        for j, x in enumerate((f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"],
                               v(f["ethnicity"]))):
            set_cell(t.cell(i, j), x)
    if placeholder:
        set_cell(t.cell(len(rows) + 1, 0), placeholder)


def crit_table_ns(d, r, glyph):
    d.add_paragraph("4. Rapid Review criteria")
    t = table(d, 5, 3)
    for j, h in enumerate(("Criterion", "Yes", "No")):
        set_cell(t.cell(0, j), h)
    rows = crit_rows(r)
    order = [rows[0], rows[1], None, rows[2]]
    for i, row in enumerate(order, 1):
        if row is None:
            a = r["criteria"]["abuse_or_neglect"]
            set_cell(t.cell(i, 0), "Is abuse or neglect known or suspected to be a cause of the death or harm to the child?")
            set_cell(t.cell(i, 1), f"{tick(a == 'known', glyph)} Known")
            set_cell(t.cell(i, 2), f"{tick(a == 'suspected', glyph)} Suspected")
            continue
        q, val = row
        set_cell(t.cell(i, 0), q)
        set_cell(t.cell(i, 1), tick(val is True, glyph))
        set_cell(t.cell(i, 2), tick(val is False, glyph))


def other_tables(d, r, placeholder=True, yesno=("Yes", "No")):
    d.add_paragraph("6. Other information")
    d.add_paragraph("If you are aware of any other agencies involved in the care of this child please list below:")
    ag = r["other_agencies"]
    t = table(d, 1 + len(ag) + (1 if placeholder else 0), 4)
    for j, h in enumerate(("Name", "Agency", "Contact details", "Are they still involved?")):
        set_cell(t.cell(0, j), h)
    for i, a in enumerate(ag, 1):
        for j, x in enumerate((a["name"], a["agency"], a["contact"], yesno[0] if a["still_involved"] else yesno[1])):
            set_cell(t.cell(i, j), x)
    if placeholder:
        set_cell(t.cell(len(ag) + 1, 0), "Please add rows as needed")
    d.add_paragraph("If you are aware of any other processes that this case is currently subject to, ie. Coroner\u2019s "
                    "inquest, Child Death Overview Panel, criminal proceedings, etc. please list below:")
    pr = r["other_processes"]
    t = table(d, 1 + max(len(pr), 1), 2)
    set_cell(t.cell(0, 0), "Process")
    set_cell(t.cell(0, 1), "Current status")
    for i, p in enumerate(pr, 1):
        set_cell(t.cell(i, 0), p["process"])
        set_cell(t.cell(i, 1), p["status"])


def doc_2col(r, ds, yn_style=("Yes", "No"), title="Serious Child Safeguarding Incident \u2013 Referral for Rapid Review",
             faith_txt=None):
    """Two column label | value form (Leeds-style 'SCSI' referral wording), typed answers."""
    d = docx.Document()
    d.add_heading(title, 1)
    d.add_paragraph("Please return to the Safeguarding Partnership Business Unit by secure email.")
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    cpp_txt = {"yes": "Yes - current", "no": "No", "has_been": "Previously (has been)", "not_known": "Not known"}
    rows = [
        ("SECTION A \u2013 PERSON MAKING THE REFERRAL", None),
        ("Name of referrer", rf["name"]), ("Job title / role", rf["role"]), ("Organisation", rf["agency"]),
        ("Secure email address", rf["email"]), ("Telephone number", rf["phone"]),
        ("Date of referral", fmt(rf["date_submitted"], ds)),
        ("SECTION B \u2013 CHILD", None),
        ("Child\u2019s full name", ch["name"]), ("Date of birth", fmt(ch["date_of_birth"], ds)),
        ("Home address", ch["home_address"]), ("Parent / carer", ch["carer"]),
        ("Date of incident", fmt(ch["incident_date"], ds)), ("Where did the incident happen?", ch["incident_location"]),
        ("Ethnicity", v(ch["ethnicity"])), ("Religion / faith", faith_txt if faith_txt is not None else v(ch["faith"], "Not known")),
        ("Disability", v(ch["disability"], "Not known")),
        ("Is the child subject to a Child Protection Plan?", cpp_txt[ch["child_protection_plan"]]),
        ("SECTION C \u2013 CRITERIA", None),
        ("Has the child died?", yn_style[0] if c["child_died"] else yn_style[1]),
        ("Has the child been seriously harmed?", yn_style[0] if c["seriously_harmed"] else yn_style[1]),
        ("Is abuse or neglect known or suspected?", c["abuse_or_neglect"].capitalize()),
        ("Are there concerns about how agencies worked together?", yn_style[0] if c["agency_concern"] else yn_style[1]),
        ("SECTION D \u2013 SUMMARY OF INCIDENT", None),
        ("Brief summary of events", r["summary"]),
    ]
    t = table(d, len(rows), 2)
    for i, (a, b) in enumerate(rows):
        if b is None:
            merged_header(t, i, a)
        else:
            set_cell(t.cell(i, 0), a)
            set_cell(t.cell(i, 1), b)
    fam_table(d, r, ds, header=("Name", "Relationship", "Date of birth", "Address", "Ethnicity"))
    other_tables(d, r, placeholder=False)
    return save_docx(d)


def doc_above(r, ds):
    """Labels in bold paragraphs with the value on the next paragraph; criteria ticked with a typed X."""
    d = docx.Document()
    d.add_heading("Child Safeguarding Practice Review \u2013 Notification Form", 1)
    rf, ch = r["referrer"], r["child"]

    def lab(text, value):
        p = d.add_paragraph()
        p.add_run(text).bold = True
        d.add_paragraph(value)

    d.add_heading("Referrer details", 2)
    for a, b in [("Name", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]), ("Email", rf["email"]),
                 ("Telephone", rf["phone"]), ("Date submitted", fmt(rf["date_submitted"], ds))]:
        lab(a, b)
    d.add_heading("Child details", 2)
    for a, b in [("Name of child", ch["name"]), ("Date of birth", fmt(ch["date_of_birth"], ds)),
                 ("Home address", ch["home_address"]), ("Carer", ch["carer"]),
                 ("Date of death or critical incident", fmt(ch["incident_date"], ds)),
                 ("Location of incident", ch["incident_location"]), ("Ethnic origin", v(ch["ethnicity"])),
                 ("Faith", v(ch["faith"], "Unknown")), ("Disability", v(ch["disability"], "Unknown"))]:
        lab(a, b)
    p = d.add_paragraph()
    p.add_run("Child protection plan").bold = True
    t = table(d, 2, 4)
    for j, (k, labx) in enumerate(CPP):
        set_cell(t.cell(0, j), labx)
        set_cell(t.cell(1, j), "X" if k == ch["child_protection_plan"] else "")
    fam_table(d, r, ds)
    d.add_paragraph("4. Rapid Review criteria")
    t = table(d, 5, 3)
    for j, h in enumerate(("Criterion", "Yes", "No")):
        set_cell(t.cell(0, j), h)
    c = r["criteria"]
    rows = [("Is the child deceased?", c["child_died"]), ("Is the child seriously harmed?", c["seriously_harmed"]),
            ("Is abuse or neglect known (Yes) or suspected (No)?", c["abuse_or_neglect"] == "known"),
            ("Concern about the way agencies worked together?", c["agency_concern"])]
    for i, (q, val) in enumerate(rows, 1):
        set_cell(t.cell(i, 0), q)
        set_cell(t.cell(i, 1), "X" if val else "")
        set_cell(t.cell(i, 2), "" if val else "X")
    lab("Summary of events", r["summary"])
    other_tables(d, r)
    return save_docx(d)


def doc_onecol(r, ds):
    """One-column table, each cell 'Label: value'; ticks written as [x]."""
    d = docx.Document()
    d.add_heading("Request for Rapid Review / Child Safeguarding Practice Review", 1)
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    eth = "  ".join(f"{tick(o == ch['ethnicity'], '[x]')} {o}" for o in FULL_ETH)
    cells = [
        "REFERRER", f"Name: {rf['name']}", f"Role: {rf['role']}", f"Agency: {rf['agency']}",
        f"Email: {rf['email']}", f"Tel: {rf['phone']}", f"Date submitted: {fmt(rf['date_submitted'], ds)}",
        "CHILD", f"Name of child: {ch['name']}", f"Date of birth: {fmt(ch['date_of_birth'], ds)}",
        f"Home address: {ch['home_address']}", f"Carer: {ch['carer']}",
        f"Date of death or critical incident: {fmt(ch['incident_date'], ds)}",
        f"Location of incident: {ch['incident_location']}", f"Ethnic origin: {eth}",
        f"Faith: {v(ch['faith'], 'N/A')}", f"Disability: {v(ch['disability'], 'N/A')}",
        "Child protection plan: " + "  ".join(f"{tick(k == ch['child_protection_plan'], '[x]')} {lab}" for k, lab in CPP),
        "CRITERIA",
        f"Is the child deceased? {tick(c['child_died'], '[x]')} Yes {tick(not c['child_died'], '[x]')} No",
        f"Is the child seriously harmed? {tick(c['seriously_harmed'], '[x]')} Yes {tick(not c['seriously_harmed'], '[x]')} No",
        f"Abuse or neglect: {tick(c['abuse_or_neglect'] == 'known', '[x]')} Known "
        f"{tick(c['abuse_or_neglect'] == 'suspected', '[x]')} Suspected",
        f"Cause for concern about agencies working together? {tick(c['agency_concern'], '[x]')} Yes "
        f"{tick(not c['agency_concern'], '[x]')} No",
        f"Summary of events: {r['summary']}",
    ]
    t = table(d, len(cells), 1)
    for i, x in enumerate(cells):
        set_cell(t.cell(i, 0), x)
    fam_table(d, r, ds)
    other_tables(d, r)
    return save_docx(d)


def doc_merged(r, ds):
    """Merged section header rows spanning 4 columns, ☑ ticks, ethnicity options in a 2-col sub-grid."""
    d = docx.Document()
    d.add_heading("Rapid Review Referral Form", 1)
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    t = table(d, 14, 4)
    merged_header(t, 0, "Section 1: Referrer")
    data = [
        ("Name", rf["name"], "Email", rf["email"]), ("Role", rf["role"], "Telephone", rf["phone"]),
        ("Agency", rf["agency"], "Date submitted", fmt(rf["date_submitted"], ds)),
    ]
    for i, row in enumerate(data, 1):
        for j, x in enumerate(row):
            set_cell(t.cell(i, j), x)
    merged_header(t, 4, "Section 2: Details of the child or young person")
    data = [
        ("Name of child", ch["name"], "Date of birth", fmt(ch["date_of_birth"], ds)),
        ("Home address", ch["home_address"], "Date of death or critical incident", fmt(ch["incident_date"], ds)),
        ("Carer", ch["carer"], "Location of incident", ch["incident_location"]),
        ("Faith", v(ch["faith"]), "Disability", v(ch["disability"])),
    ]
    for i, row in enumerate(data, 5):
        for j, x in enumerate(row):
            set_cell(t.cell(i, j), x)
    merged_header(t, 9, "Ethnic origin (tick one)")
    half = (len(FULL_ETH) + 1) // 2
    a = t.cell(10, 0).merge(t.cell(10, 1))
    b = t.cell(10, 2).merge(t.cell(10, 3))
    set_cell(a, "\n".join(f"{tick(o == ch['ethnicity'], '☑')} {o}" for o in FULL_ETH[:half]))
    set_cell(b, "\n".join(f"{tick(o == ch['ethnicity'], '☑')} {o}" for o in FULL_ETH[half:]))
    set_cell(t.cell(11, 0), "Child protection plan")
    cc = t.cell(11, 1).merge(t.cell(11, 3))
    set_cell(cc, "   ".join(f"{tick(k == ch['child_protection_plan'], '☑')} {lab}" for k, lab in CPP))
    merged_header(t, 12, "Section 3: Criteria and summary")
    s = t.cell(13, 0).merge(t.cell(13, 3))
    set_cell(s, "Summary of events:\n" + r["summary"])
    fam_table(d, r, ds)
    crit_table_ns(d, r, "☑")
    other_tables(d, r)
    return save_docx(d)


W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'


def legacy_checkbox_xml(checked):
    chk = '<w:checked/>' if checked else ''
    return (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val=""/><w:enabled/>'
            f'<w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/><w:default w:val="0"/>{chk}</w:checkBox>'
            f'</w:ffData></w:fldChar></w:r>',
            f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>',
            f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>')


def legacy_text_xml(value):
    from xml.sax.saxutils import escape
    shown = escape(value) if value else "\u2002\u2002\u2002\u2002\u2002"
    return (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val=""/><w:enabled/>'
            f'<w:calcOnExit w:val="0"/><w:textInput/></w:ffData></w:fldChar></w:r>',
            f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>',
            f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
            f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{shown}</w:t></w:r>',
            f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>')


def append_runs(paragraph, xml_runs):
    for x in xml_runs:
        paragraph._p.append(parse_xml(x))


def cell_legacy_text(cell, value):
    append_runs(cell.paragraphs[0], legacy_text_xml(value))


def cell_checks(cell, options, chosen, kind="legacy"):
    p = cell.paragraphs[0]
    for k, lab in options:
        if kind == "legacy":
            append_runs(p, legacy_checkbox_xml(k == chosen))
        else:
            append_runs(p, [sdt_checkbox_xml(k == chosen)])
        p.add_run(f" {lab}   ")


def doc_legacy(r, ds):
    """Word 97-2003 protected form: FORMTEXT fields for values and FORMCHECKBOX for every tick."""
    d = docx.Document()
    d.add_heading("CSPR REFERRAL FORM", 1)
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    vals = [("Name:", rf["name"], "Email:", rf["email"]), ("Role:", rf["role"], "Tel:", rf["phone"]),
            ("Agency:", rf["agency"], "Date submitted:", fmt(rf["date_submitted"], ds)),
            ("Name of child:", ch["name"], "Date of birth:", fmt(ch["date_of_birth"], ds)),
            ("Home address:", ch["home_address"], "Date of death or critical incident:", fmt(ch["incident_date"], ds)),
            ("Carer:", ch["carer"], "Location of incident:", ch["incident_location"]),
            ("Faith:", v(ch["faith"]), "Disability:", v(ch["disability"]))]
    t = table(d, len(vals), 4)
    for i, (a, b, cc, e) in enumerate(vals):
        set_cell(t.cell(i, 0), a)
        cell_legacy_text(t.cell(i, 1), b)
        set_cell(t.cell(i, 2), cc)
        cell_legacy_text(t.cell(i, 3), e)
    d.add_paragraph("Ethnic origin:")
    t = table(d, len(FULL_ETH), 1)
    for i, o in enumerate(FULL_ETH):
        cell_checks(t.cell(i, 0), [(o, o)], ch["ethnicity"])
    p = d.add_paragraph("Child protection plan: ")
    for k, lab in CPP:
        append_runs(p, legacy_checkbox_xml(k == ch["child_protection_plan"]))
        p.add_run(f" {lab}  ")
    fam_table(d, r, ds)
    d.add_paragraph("4. Rapid Review criteria")
    t = table(d, 5, 3)
    for j, h in enumerate(("Criterion", "Yes", "No")):
        set_cell(t.cell(0, j), h)
    for i, (q, val) in enumerate(crit_rows(r)[:2], 1):
        set_cell(t.cell(i, 0), q)
        append_runs(t.cell(i, 1).paragraphs[0], legacy_checkbox_xml(val is True))
        append_runs(t.cell(i, 2).paragraphs[0], legacy_checkbox_xml(val is False))
    set_cell(t.cell(3, 0), "Is abuse or neglect known or suspected to be a cause of the death or harm to the child?")
    append_runs(t.cell(3, 1).paragraphs[0], legacy_checkbox_xml(c["abuse_or_neglect"] == "known"))
    t.cell(3, 1).paragraphs[0].add_run(" Known")
    append_runs(t.cell(3, 2).paragraphs[0], legacy_checkbox_xml(c["abuse_or_neglect"] == "suspected"))
    t.cell(3, 2).paragraphs[0].add_run(" Suspected")
    q, val = crit_rows(r)[2]
    set_cell(t.cell(4, 0), q)
    append_runs(t.cell(4, 1).paragraphs[0], legacy_checkbox_xml(val is True))
    append_runs(t.cell(4, 2).paragraphs[0], legacy_checkbox_xml(val is False))
    d.add_paragraph("5. Summary of events")
    t = table(d, 1, 1)
    cell_legacy_text(t.cell(0, 0), r["summary"])
    other_tables(d, r)
    return save_docx(d)


def sdt_checkbox_xml(checked):
    g = "☒" if checked else "☐"
    return (f'<w:sdt {nsdecls("w")} {W14}><w:sdtPr><w14:checkbox><w14:checked w14:val="{1 if checked else 0}"/>'
            f'<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" '
            f'w14:font="MS Gothic"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" '
            f'w:hAnsi="MS Gothic"/></w:rPr><w:t>{g}</w:t></w:r></w:sdtContent></w:sdt>')


def sdt_text_xml(value):
    from xml.sax.saxutils import escape
    if value:
        return (f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val=""/><w:id w:val="1"/></w:sdtPr><w:sdtContent>'
                f'<w:r><w:t xml:space="preserve">{escape(value)}</w:t></w:r></w:sdtContent></w:sdt>')
    return (f'<w:sdt {nsdecls("w")}><w:sdtPr><w:id w:val="2"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
            f'<w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>Click or tap here to enter text.</w:t>'
            f'</w:r></w:sdtContent></w:sdt>')


def doc_sdt(r, ds):
    """Modern Word form: plain-text content controls (empty ones show placeholder text), check-box controls."""
    d = docx.Document()
    d.add_heading("Referral for consideration of a Rapid Review", 1)
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    vals = [("Name", rf["name"]), ("Email", rf["email"]), ("Role", rf["role"]), ("Tel", rf["phone"]),
            ("Agency", rf["agency"]), ("Date submitted", fmt(rf["date_submitted"], ds)),
            ("Name of child", ch["name"]), ("Date of birth", fmt(ch["date_of_birth"], ds)),
            ("Home address", ch["home_address"]), ("Carer", ch["carer"]),
            ("Date of death or critical incident", fmt(ch["incident_date"], ds)),
            ("Location of incident", ch["incident_location"]), ("Faith", v(ch["faith"])),
            ("Disability", v(ch["disability"]))]
    t = table(d, len(vals), 2)
    for i, (a, b) in enumerate(vals):
        set_cell(t.cell(i, 0), a)
        append_runs(t.cell(i, 1).paragraphs[0], [sdt_text_xml(b)])
    d.add_paragraph("Ethnic origin")
    t = table(d, (len(FULL_ETH) + 2) // 3, 3)
    for i, o in enumerate(FULL_ETH):
        cell = t.cell(i // 3, i % 3)
        append_runs(cell.paragraphs[0], [sdt_checkbox_xml(o == ch["ethnicity"])])
        cell.paragraphs[0].add_run(" " + o)
    p = d.add_paragraph("Child protection plan: ")
    for k, lab in CPP:
        append_runs(p, [sdt_checkbox_xml(k == ch["child_protection_plan"])])
        p.add_run(f" {lab}   ")
    fam_table(d, r, ds)
    d.add_paragraph("4. Rapid Review criteria")
    t = table(d, 5, 3)
    for j, h in enumerate(("Criterion", "Yes", "No")):
        set_cell(t.cell(0, j), h)
    for i, (q, val) in enumerate(crit_rows(r)[:2], 1):
        set_cell(t.cell(i, 0), q)
        append_runs(t.cell(i, 1).paragraphs[0], [sdt_checkbox_xml(val is True)])
        append_runs(t.cell(i, 2).paragraphs[0], [sdt_checkbox_xml(val is False)])
    set_cell(t.cell(3, 0), "Is abuse or neglect known or suspected to be a cause of the death or harm to the child?")
    append_runs(t.cell(3, 1).paragraphs[0], [sdt_checkbox_xml(c["abuse_or_neglect"] == "known")])
    t.cell(3, 1).paragraphs[0].add_run(" Known")
    append_runs(t.cell(3, 2).paragraphs[0], [sdt_checkbox_xml(c["abuse_or_neglect"] == "suspected")])
    t.cell(3, 2).paragraphs[0].add_run(" Suspected")
    q, val = crit_rows(r)[2]
    set_cell(t.cell(4, 0), q)
    append_runs(t.cell(4, 1).paragraphs[0], [sdt_checkbox_xml(val is True)])
    append_runs(t.cell(4, 2).paragraphs[0], [sdt_checkbox_xml(val is False)])
    d.add_paragraph("5. Summary of events")
    t = table(d, 1, 1)
    append_runs(t.cell(0, 0).paragraphs[0], [sdt_text_xml(r["summary"])])
    other_tables(d, r)
    return save_docx(d)


def doc_nextline(r, ds):
    """Label and value in the SAME cell, value on the next line (line break), ✓ ticks, small label typos."""
    d = docx.Document()
    d.add_heading("Notification of a serious child safeguarding incident to the Partnership", 1)
    rf, ch, c = r["referrer"], r["child"], r["criteria"]

    def lv(cell, label, value):
        p = cell.paragraphs[0]
        run = p.add_run(label)
        run.bold = True
        run.add_break(WD_BREAK.LINE)
        p.add_run(value)

    pairs = [("Referrers name", rf["name"]), ("Referrers role", rf["role"]), ("Agency", rf["agency"]),
             ("E-mail", rf["email"]), ("Tel no.", rf["phone"]), ("Date submited", fmt(rf["date_submitted"], ds)),
             ("Name of child", ch["name"]), ("Date of brith", fmt(ch["date_of_birth"], ds)),
             ("Home adress", ch["home_address"]), ("Carer", ch["carer"]),
             ("Date of death / critical incident", fmt(ch["incident_date"], ds)),
             ("Location of incident", ch["incident_location"]), ("Faith", v(ch["faith"], "not known")),
             ("Disabilty", v(ch["disability"], "not known"))]
    t = table(d, (len(pairs) + 1) // 2, 2)
    for i, (a, b) in enumerate(pairs):
        lv(t.cell(i // 2, i % 2), a, b)
    t = table(d, 1, 2)
    set_cell(t.cell(0, 0), "Ethnic origin")
    set_cell(t.cell(0, 1), "\n".join(f"{o} {tick(o == ch['ethnicity'], '✓')}".rstrip() for o in FULL_ETH))
    t = table(d, 2, 4)
    for j, (k, lab) in enumerate(CPP):
        set_cell(t.cell(0, j), "Child protection plan: " + lab if j == 0 else lab)
        set_cell(t.cell(1, j), tick(k == ch["child_protection_plan"], "✓"))
    fam_table(d, r, ds, placeholder="")
    crit_table_ns(d, r, "✓")
    d.add_paragraph("Summary of events")
    d.add_paragraph(r["summary"])
    other_tables(d, r, placeholder=False, yesno=("yes", "no"))
    return save_docx(d)


def doc_paras(r, ds):
    """No tables at all: 'Label:<TAB>value' paragraphs, ticks as ☒/☐ inline, family as numbered lines."""
    d = docx.Document()
    d.add_paragraph("REQUEST FOR A CHILD SAFEGUARDING PRACTICE REVIEW")
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    for a, b in [("Name", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]), ("Email", rf["email"]),
                 ("Tel", rf["phone"]), ("Date submitted", fmt(rf["date_submitted"], ds)),
                 ("Name of child", ch["name"]), ("Date of birth", fmt(ch["date_of_birth"], ds)),
                 ("Home address", ch["home_address"]), ("Carer", ch["carer"]),
                 ("Date of death or critical incident", fmt(ch["incident_date"], ds)),
                 ("Location of incident", ch["incident_location"]), ("Ethnic origin", v(ch["ethnicity"])),
                 ("Faith", v(ch["faith"], "Not known")), ("Disability", v(ch["disability"], "Not known"))]:
        d.add_paragraph(f"{a}:\t{b}")
    d.add_paragraph("Child protection plan:\t" + "  ".join(f"{tick(k == ch['child_protection_plan'], '☒')} {lab}"
                                                           for k, lab in CPP))
    d.add_paragraph(f"Is the child deceased?\t{tick(c['child_died'], '☒')} Yes  {tick(not c['child_died'], '☒')} No")
    d.add_paragraph(f"Is the child seriously harmed?\t{tick(c['seriously_harmed'], '☒')} Yes  "
                    f"{tick(not c['seriously_harmed'], '☒')} No")
    d.add_paragraph(f"Is abuse or neglect known or suspected?\t{tick(c['abuse_or_neglect'] == 'known', '☒')} Known  "
                    f"{tick(c['abuse_or_neglect'] == 'suspected', '☒')} Suspected")
    d.add_paragraph(f"Cause for concern about agencies working together?\t{tick(c['agency_concern'], '☒')} Yes  "
                    f"{tick(not c['agency_concern'], '☒')} No")
    d.add_paragraph("Summary of events:")
    d.add_paragraph(r["summary"])
    fam_table(d, r, ds)
    other_tables(d, r)
    return save_docx(d)


def doc_label_rows(r, ds):
    """Single wide table where each label sits in a shaded row and its value in the row beneath; the NS grid
    ethnicity with '(E) Other Ethnic Groups – Please specify' filled in by hand."""
    d = docx.Document()
    d.add_heading("Rapid Review Referral", 1)
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    pairs = [("Name:", rf["name"]), ("Role:", rf["role"]), ("Agency:", rf["agency"]), ("Email:", rf["email"]),
             ("Tel:", rf["phone"]), ("Date submitted:", fmt(rf["date_submitted"], ds)),
             ("Name of child:", ch["name"]), ("Date of birth:", fmt(ch["date_of_birth"], ds)),
             ("Home address:", ch["home_address"]), ("Carer:", ch["carer"]),
             ("Date of death or critical incident:", fmt(ch["incident_date"], ds)),
             ("Location of incident:", ch["incident_location"]), ("Faith:", v(ch["faith"])),
             ("Disability:", v(ch["disability"]))]
    t = table(d, len(pairs) * 2, 1)
    for i, (a, b) in enumerate(pairs):
        set_cell(t.cell(2 * i, 0), a)
        t.cell(2 * i, 0).paragraphs[0].runs[0].bold = True
        shade = parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="D9D9D9"/>')
        t.cell(2 * i, 0)._tc.get_or_add_tcPr().append(shade)
        set_cell(t.cell(2 * i + 1, 0), b)
    d.add_paragraph("Ethnic origin:")
    t = table(d, 2, 3)
    groups = list(NS_ETH.items())
    for k, (g, opts) in enumerate(groups[:3]):
        set_cell(t.cell(0, k), g)
        set_cell(t.cell(1, k), "\n".join(f"☐ {o}" for o in opts))
    t2 = table(d, 2, 3)
    set_cell(t2.cell(0, 0), groups[3][0])
    set_cell(t2.cell(1, 0), "\n".join(f"☐ {o}" for o in groups[3][1]))
    set_cell(t2.cell(0, 1), "(E) Other Ethnic Groups")
    set_cell(t2.cell(1, 1), f"Please specify  ☒ {ch['ethnicity']}")
    set_cell(t2.cell(0, 2), "(F) Not Declared")
    set_cell(t2.cell(1, 2), "☐ Not declared")
    d.add_paragraph("Child protection plan: " + "  ".join(f"{tick(k == ch['child_protection_plan'], '☒')} {lab}"
                                                          for k, lab in CPP))
    fam_table(d, r, ds, placeholder="Add rows as needed")
    crit_table_ns(d, r, "☒")
    d.add_paragraph("5. Summary of events")
    d.add_paragraph(r["summary"])
    other_tables(d, r)
    return save_docx(d)


# ============================================================================ referral renderers (text)

def text_form(r, ds, nextline=False, email_in_form=True):
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    sep = ":\n" if nextline else ": "
    L = ["CHILD SAFEGUARDING PRACTICE REVIEW REFERRAL", "", "1. Referrer"]
    L += [f"Name{sep}{rf['name']}", f"Role{sep}{rf['role']}", f"Agency{sep}{rf['agency']}"]
    if email_in_form:
        L.append(f"Email{sep}{rf['email']}")
    L += [f"Tel{sep}{rf['phone']}", f"Date submitted{sep}{fmt(rf['date_submitted'], ds)}", "",
          "2. Details of child or young person",
          f"Name of child{sep}{ch['name']}", f"Date of birth{sep}{fmt(ch['date_of_birth'], ds)}",
          f"Home address{sep}{ch['home_address']}", f"Carer{sep}{ch['carer']}",
          f"Date of death or critical incident{sep}{fmt(ch['incident_date'], ds)}",
          f"Location of incident{sep}{ch['incident_location']}", f"Ethnic origin{sep}{v(ch['ethnicity'])}",
          f"Faith{sep}{v(ch['faith'], 'Not known')}", f"Disability{sep}{v(ch['disability'], 'Not known')}",
          f"Child protection plan{sep}" + dict(CPP)[ch["child_protection_plan"]], "",
          "3. Composition of family and significant others",
          "Name\tRelationship to child\tDoB\tAddress\tEthnic origin"]
    for f in r["family"]:
        L.append(f"{f['name']}\t{f['relationship']}\t{fmt(f['date_of_birth'], ds)}\t{f['address']}\t"
                 f"{v(f['ethnicity'])}")
    L += ["", "4. Rapid Review criteria", f"Is the child deceased?{sep}{yn(c['child_died'])}",
          f"Is the child seriously harmed?{sep}{yn(c['seriously_harmed'])}",
          f"Is abuse or neglect known or suspected?{sep}{c['abuse_or_neglect'].capitalize()}",
          f"Cause for concern about agencies working together?{sep}{yn(c['agency_concern'])}", "",
          "5. Summary of events", r["summary"], "", "6. Other agencies involved",
          "Name\tAgency\tContact details\tAre they still involved?"]
    for a in r["other_agencies"]:
        L.append(f"{a['name']}\t{a['agency']}\t{a['contact']}\t{yn(a['still_involved'])}")
    L += ["", "Other processes", "Process\tCurrent status"]
    for p in r["other_processes"]:
        L.append(f"{p['process']}\t{p['status']}")
    if not r["other_processes"]:
        L.append("None known")
    return "\n".join(L)


def html_esc(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def html_form(r, ds):
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    def row(a, b):
        return (f'<tr><td style="width:200px;border:solid windowtext 1.0pt"><p class=MsoNormal><b>{html_esc(a)}'
                f'<o:p></o:p></b></p></td><td style="border:solid windowtext 1.0pt"><p class=MsoNormal>{html_esc(b)}'
                f'&nbsp;<o:p></o:p></p></td></tr>')
    rows = [("Name", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]), ("Email", rf["email"]),
            ("Tel", rf["phone"]), ("Date submitted", fmt(rf["date_submitted"], ds)),
            ("Name of child", ch["name"]), ("Date of birth", fmt(ch["date_of_birth"], ds)),
            ("Home address", ch["home_address"]), ("Carer", ch["carer"]),
            ("Date of death or critical incident", fmt(ch["incident_date"], ds)),
            ("Location of incident", ch["incident_location"]),
            ("Ethnic origin", "  ".join(f"{tick(o == ch['ethnicity'], '☒')} {o}" for o in FULL_ETH)),
            ("Faith", v(ch["faith"], "Not known")), ("Disability", v(ch["disability"], "Not known")),
            ("Child protection plan", "  ".join(f"{tick(k == ch['child_protection_plan'], '☒')} {lab}" for k, lab in CPP)),
            ("Is the child deceased?", yn(c["child_died"])), ("Is the child seriously harmed?", yn(c["seriously_harmed"])),
            ("Is abuse or neglect known or suspected?", c["abuse_or_neglect"].capitalize()),
            ("Cause for concern about agencies working together?", yn(c["agency_concern"])),
            ("Summary of events", r["summary"])]
    fam = "".join(f"<tr><td>{html_esc(f['name'])}</td><td>{html_esc(f['relationship'])}</td>"
                  f"<td>{fmt(f['date_of_birth'], ds)}</td><td>{html_esc(f['address'])}</td>"
                  f"<td>{html_esc(v(f['ethnicity']))}</td></tr>" for f in r["family"])
    ag = "".join(f"<tr><td>{html_esc(a['name'])}</td><td>{html_esc(a['agency'])}</td><td>{html_esc(a['contact'])}</td>"
                 f"<td>{yn(a['still_involved'])}</td></tr>" for a in r["other_agencies"])
    pr = "".join(f"<tr><td>{html_esc(p['process'])}</td><td>{html_esc(p['status'])}</td></tr>"
                 for p in r["other_processes"])
    return ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta charset=\"utf-8\"></head><body>"
            "<div class=WordSection1><p class=MsoNormal>Hi,<o:p></o:p></p><p class=MsoNormal>Our referral is pasted "
            "below as I could not attach the form from my work phone.<o:p></o:p></p>"
            "<p class=MsoNormal><b>Request for a Child Safeguarding Practice Review</b></p>"
            "<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>" + "".join(row(a, b) for a, b in rows) +
            "</table><p class=MsoNormal><b>Composition of family and significant others</b></p><table border=1>"
            "<tr><th>Name</th><th>Relationship to child</th><th>DoB</th><th>Address</th><th>Ethnic origin</th></tr>"
            + fam + "<tr><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr></table>"
            "<p class=MsoNormal><b>Other agencies involved</b></p><table border=1><tr><th>Name</th><th>Agency</th>"
            "<th>Contact details</th><th>Are they still involved?</th></tr>" + ag + "</table>"
            "<p class=MsoNormal><b>Other processes</b></p><table border=1><tr><th>Process</th><th>Current status</th>"
            "</tr>" + pr + "</table><p class=MsoNormal>&nbsp;</p><p class=MsoNormal>Thanks,<br>" +
            html_esc(rf["name"]) + "<br>" + html_esc(rf["role"]) + "</p><p style=\"font-size:8pt;color:gray\">"
            "This e-mail is confidential and may contain legally privileged information. If you are not the "
            "intended recipient please notify the sender immediately.</p></div></body></html>")


def html_paras(r, ds):
    """Outlook HTML, label in <b>, value in the next <p>; ethnicity typed."""
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    items = [("Referrer name", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]),
             ("Email", rf["email"]), ("Telephone", rf["phone"]), ("Date of referral", fmt(rf["date_submitted"], ds)),
             ("Name of child", ch["name"]), ("Date of birth", fmt(ch["date_of_birth"], ds)),
             ("Home address", ch["home_address"]), ("Carer", ch["carer"]),
             ("Date of critical incident", fmt(ch["incident_date"], ds)),
             ("Location of incident", ch["incident_location"]), ("Ethnic origin", v(ch["ethnicity"])),
             ("Faith", v(ch["faith"], "Not known")), ("Disability", v(ch["disability"], "Not known")),
             ("Child protection plan", dict(CPP)[ch["child_protection_plan"]]),
             ("Has the child died?", yn(c["child_died"])), ("Has the child been seriously harmed?", yn(c["seriously_harmed"])),
             ("Abuse or neglect", c["abuse_or_neglect"].capitalize()),
             ("Concern about agencies working together?", yn(c["agency_concern"])),
             ("Summary of events", r["summary"])]
    body = "".join(f"<p class=MsoNormal><b>{html_esc(a)}:</b></p><p class=MsoNormal>{html_esc(b)}</p>"
                   for a, b in items)
    fam = "".join(f"<li>{html_esc(f['name'])} &ndash; {html_esc(f['relationship'])} &ndash; DoB "
                  f"{fmt(f['date_of_birth'], ds)} &ndash; {html_esc(f['address'])} &ndash; {html_esc(v(f['ethnicity']))}</li>"
                  for f in r["family"])
    ag = "".join(f"<li>{html_esc(a['name'])} &ndash; {html_esc(a['agency'])} &ndash; {html_esc(a['contact'])} "
                 f"&ndash; still involved: {yn(a['still_involved'])}</li>" for a in r["other_agencies"])
    pr = "".join(f"<li>{html_esc(p['process'])} &ndash; {html_esc(p['status'])}</li>" for p in r["other_processes"])
    return ("<html><body><div><p>Good afternoon,</p><p>Please find our CSPR referral below.</p>" + body +
            "<p><b>Family and significant others:</b></p><ul>" + fam + "</ul><p><b>Other agencies involved:</b></p><ul>"
            + ag + "</ul><p><b>Other processes:</b></p><ul>" + (pr or "<li>None</li>") + "</ul><p>Many thanks</p><p>" +
            html_esc(rf["name"]) + "</p><hr><p style=\"font-size:7pt\">Sirona care &amp; health is a Community Interest "
            "Company. This message is intended for the addressee only.</p></div></body></html>")


def pdf_text_lines(r, ds):
    return text_form(r, ds).split("\n") + ["", "Signed: " + r["referrer"]["name"], "Page 1 of 1"]


def pdf_acro(r, ds):
    rf, ch, c = r["referrer"], r["child"], r["criteria"]
    labels = [("Name", rf["name"]), ("Role", rf["role"]), ("Agency", rf["agency"]), ("Email", rf["email"]),
              ("Tel", rf["phone"]), ("Date submitted", fmt(rf["date_submitted"], ds)), ("Name of child", ch["name"]),
              ("Date of birth", fmt(ch["date_of_birth"], ds)), ("Home address", ch["home_address"]),
              ("Carer", ch["carer"]), ("Date of death or critical incident", fmt(ch["incident_date"], ds)),
              ("Location of incident", ch["incident_location"]), ("Faith", v(ch["faith"])),
              ("Disability", v(ch["disability"])), ("Summary of events", r["summary"])]
    lines = ["REQUEST FOR A CHILD SAFEGUARDING PRACTICE REVIEW (fillable form)", ""]
    fields = []
    y = 800 - 13 * 2
    for a, b in labels:
        lines.append(a + ":")
        fields.append((a, "tx", b or None, 0, 250, y))
        y -= 13
    lines.append("Ethnic origin:")
    for o in FULL_ETH:
        lines.append("     " + o)
    y -= 13
    for o in FULL_ETH:
        fields.append((f"Ethnicity {o}", "cb", o == ch["ethnicity"], 0, 55, y))
        y -= 13
    lines.append("Child protection plan:   Yes   No   Has been   Not known")
    for k, lab in CPP:
        fields.append((f"Child protection plan {lab}", "cb", k == ch["child_protection_plan"], 0, 200, y))
    for q, key in [("Is the child deceased?", "child_died"), ("Is the child seriously harmed?", "seriously_harmed"),
                   ("Cause for concern about agencies working together?", "agency_concern")]:
        lines.append(q + "   Yes   No")
        fields.append((q + " Yes", "cb", c[key] is True, 0, 400, y))
        fields.append((q + " No", "cb", c[key] is False, 0, 440, y))
    lines.append("Is abuse or neglect known or suspected?   Known   Suspected")
    fields.append(("Abuse or neglect Known", "cb", c["abuse_or_neglect"] == "known", 0, 400, y))
    fields.append(("Abuse or neglect Suspected", "cb", c["abuse_or_neglect"] == "suspected", 0, 440, y))
    lines += ["", "Family and significant others (Name / Relationship / DoB / Address / Ethnic origin)"]
    for f in r["family"]:
        lines.append(f"{f['name']} / {f['relationship']} / {fmt(f['date_of_birth'], ds)} / {f['address']} / "
                     f"{v(f['ethnicity'])}")
    lines += ["", "Other agencies involved: none known", "Other processes: none"]
    return make_pdf(lines, fields)


# ============================================================================ build referral messages

def ref_msg(name, key, att_bytes, frm_name, subject, date_hdr, body=None, fname="CSPR referral form.docx",
            ct=DOCX_CT):
    r = R[key]
    frm = f"{frm_name} <{r['referrer']['email']}>"
    m = make_msg(name, frm, PARTNERSHIP, subject, date_hdr, text=body or "Please find attached a referral.\n",
                 attachments=[(fname, att_bytes, ct)])
    emit(name, m, expected("referral", ref=copy.deepcopy(r)))


def build_referrals():
    # 12+ docx layouts
    ref_msg("ref01_ns4_glyph", "r01", doc_ns4(R["r01"], "dmy/"), "Hannah Ellery", "CSPR referral",
            "Mon, 02 Mar 2026 10:14:03 +0000",
            body="Dear colleagues\n\nPlease find attached a CSPR referral, discussed with our Head.\n"
                 + SIG_FOOTER.format(name="Hannah Ellery", role="DSL", agency="Westbrook Primary School",
                                     phone="01275 884 210"))
    ref_msg("ref02_2col_typed", "r02", doc_2col(R["r02"], "long"), "Owen Pryce", "Referral - serious incident",
            "Wed, 04 Mar 2026 08:02:41 +0000")
    ref_msg("ref03_labels_above", "r03", doc_above(R["r03"], "dmy."), "Rebecca Thorne",
            "Rapid review referral (secure)", "Thu, 05 Mar 2026 16:40:00 +0000", fname="RR referral NBT.docx")
    ref_msg("ref04_onecol", "r04", doc_onecol(R["r04"], "short"), "Colin Hargreaves", "CSPR Referral Form",
            "Fri, 06 Mar 2026 09:30:12 +0000")
    ref_msg("ref05_merged_headers", "r05", doc_merged(R["r05"], "dmy/"), "Fiona McAllister",
            "Referral for rapid review", "Mon, 09 Mar 2026 11:05:00 +0000")
    ref_msg("ref06_legacy_formfields", "r06", doc_legacy(R["r06"], "dmy/"), "Joanne Whitfield",
            "CSPR referral - St Aldhelm's", "Tue, 10 Mar 2026 13:22:09 +0000")
    ref_msg("ref07_content_controls", "r07", doc_sdt(R["r07"], "ord"), "Priya Raman", "Request for CSPR",
            "Wed, 11 Mar 2026 15:55:30 +0000")
    ref_msg("ref08_nextline_typos", "r08", doc_nextline(R["r08"], "d/m/y"), "Gemma Fairbrother",
            "Serious incident notification", "Thu, 12 Mar 2026 10:00:00 +0000")
    ref_msg("ref09_ns4_checkmark_stray", "r09", doc_ns4(R["r09"], "dmyy", glyph="X", stray=True), "Martin Oyelaran",
            "CSPR referral", "Thu, 12 Mar 2026 17:45:00 +0000")
    rr = copy.deepcopy(R["r10"])
    ref_msg("ref10_unborn_missing_dob", "r10", doc_2col(R["r10"], "dmy-"), "Laura Penhaligon",
            "Referral - rapid review consideration", "Fri, 13 Mar 2026 07:59:00 +0000")
    CASES[-1][2]["missing"] = ["referral.child.date_of_birth"]
    ref_msg("ref11_paras_only", "r11", doc_paras(R["r11"], "long"), "Steve Kaminski", "CSPR notification",
            "Mon, 16 Mar 2026 12:12:12 +0000")
    ref_msg("ref12_2col_YN_notknown", "r12", doc_2col(R["r12"], "dmy/", yn_style=("Y", "N"),
                                                      title="Referral to the Safeguarding Practice Review Group"),
            "Anna Lindqvist", "SPRG referral", "Tue, 17 Mar 2026 09:09:09 +0000")
    ref_msg("ref13_ns4_tickbox_sq", "r13", doc_ns4(R["r13"], "dayname", glyph="☑"), "Karen Beddoe",
            "Urgent - CSPR referral", "Wed, 18 Mar 2026 14:30:00 +0000")
    del rr
    ref_msg("ref14_label_rows_other_eth", "r14", doc_label_rows(R["r14"], "short"), "Bev Collard",
            "CSPR referral form", "Thu, 19 Mar 2026 11:48:00 +0000")

    # pasted: plain
    r = R["p01"]
    body = ("Hi,\n\nI could not open the form on my laptop so have pasted the referral below.\n\n" +
            text_form(r, "dmy/") + SIG_FOOTER.format(name=r["referrer"]["name"], role="Designated Safeguarding Lead",
                                                     agency="Backwell School", phone=r["referrer"]["phone"]))
    m = make_msg("paste01_plain", f"Natalie Crewe <{r['referrer']['email']}>", PARTNERSHIP, "CSPR referral (pasted)",
                 "Tue, 03 Mar 2026 08:15:00 +0000", text=body)
    emit("paste01_plain", m, expected("referral", ref=copy.deepcopy(r)))
    # pasted: HTML table
    r = R["p02"]
    m = make_msg("paste02_html_table", f"Diane Foster <{r['referrer']['email']}>", PARTNERSHIP,
                 "Rapid review referral", "Fri, 06 Mar 2026 15:01:00 +0000", html=html_form(r, "long"))
    exp_r = copy.deepcopy(r)
    exp_r["family"][1]["address"] = None  # the cell says "Not known": null, per the brief's Not known rule
    emit("paste02_html_table", m, expected("referral", ref=exp_r))
    # pasted: values on next line, plain, smart quotes in greeting
    r = R["p03"]
    body = ("Morning \u2013 referral as discussed with the DI, values below.\n\n" + text_form(r, "dmy.", nextline=True)
            + "\n\nRegards\nDC 4471 Ian Threlfall\nChild Abuse Investigation Team\n\n"
            "OFFICIAL-SENSITIVE. This communication is intended for the addressee only. Avon and Somerset "
            "Constabulary monitors email traffic.\n")
    m = make_msg("paste03_nextline", f"Threlfall, Ian <{r['referrer']['email']}>", PARTNERSHIP,
                 "OFFICIAL-SENSITIVE: CSPR referral", "Mon, 09 Mar 2026 09:44:00 +0000", text=body)
    emit("paste03_nextline", m, expected("referral", ref=copy.deepcopy(r)))
    # pasted: HTML paragraphs (label above value) + plain alternative absent
    r = R["p04"]
    m = make_msg("paste04_html_paras", f"Sunita Patel <{r['referrer']['email']}>", PARTNERSHIP, "Referral for CSPR",
                 "Wed, 11 Mar 2026 10:20:00 +0000", html=html_paras(r, "ord"))
    emit("paste04_html_paras", m, expected("referral", ref=copy.deepcopy(r)))

    # forwarded 1: inline forwarded text; form has no email line, referrer email from the forwarded header
    r = R["f01"]
    inner = text_form(r, "dmy/", email_in_form=False)
    body = ("Please log this one - it came to me directly.\n\nThanks\nColin\n\n"
            "-----Original Message-----\n"
            f"From: Mel Atkinson <{r['referrer']['email']}>\n"
            "Sent: 05 March 2026 09:12\n"
            "To: Hargreaves, Colin <colin.hargreaves@csc.example.gov.uk>\n"
            "Subject: CSPR referral\n\n" + inner + "\n\nMel Atkinson\nSocial Worker\n")
    m = make_msg("fwd01_inline_text", "Colin Hargreaves <colin.hargreaves@csc.example.gov.uk>", PARTNERSHIP,
                 "FW: CSPR referral", "Thu, 05 Mar 2026 10:02:00 +0000", text=body)
    emit("fwd01_inline_text", m, expected("referral", ref=copy.deepcopy(r)))
    # forwarded 2: manager forwards with docx still attached, Outlook header block in body
    r = R["f02"]
    body = ("FYI \u2013 forwarding Tom\u2019s referral for the sub-group.\n\n"
            "From: Tom Bexley <tom.bexley@schools.example.gov.uk>\nSent: Tuesday, March 10, 2026 8:40 AM\n"
            "To: Safeguarding Lead <safeguarding@schools.example.gov.uk>\nSubject: CSPR referral Priory\n\n"
            "Please see attached referral.\n")
    m = make_msg("fwd02_outlook_docx", "Julie Marr <julie.marr@schools.example.gov.uk>", PARTNERSHIP,
                 "FW: CSPR referral Priory", "Tue, 10 Mar 2026 09:15:00 +0000", text=body,
                 attachments=[("Referral form.docx", doc_2col(r, "dmy/"), DOCX_CT)])
    emit("fwd02_outlook_docx", m, expected("referral", ref=copy.deepcopy(r)))
    # forwarded 3: original attached as message/rfc822, with the form docx inside
    r = R["f03"]
    inner_msg = make_msg("fwd03_inner", f"Jess Moorcroft <{r['referrer']['email']}>",
                         "safeguarding.team@nhs.net", "Rapid review referral", "Thu, 12 Mar 2026 11:00:00 +0000",
                         text="Referral attached.\n\nJess\n",
                         attachments=[("CSPR referral.docx", doc_merged(r, "long"), DOCX_CT)])
    m = make_msg("fwd03_attached_rfc822", "Safeguarding Team <safeguarding.team@nhs.net>", PARTNERSHIP,
                 "FW: Rapid review referral", "Thu, 12 Mar 2026 11:45:00 +0000",
                 text="Forwarding as an attachment as requested.\n", attachments=[("rfc822", inner_msg)])
    emit("fwd03_attached_rfc822", m, expected("referral", ref=copy.deepcopy(r)))

    # forwarded 4: Outlook HTML forward, pasted table form below the forward header block
    r = R["f04"]
    html = ("<html><body><p>Sandra &ndash; for screening please, Kate sent this to our team inbox.</p>"
            "<p>Jo</p><div style=\"border:none;border-top:solid #E1E1E1 1.0pt\"><p class=MsoNormal><b>From:</b> "
            "Villiers Kate (SIRONA) &lt;kate.villiers@nhs.net&gt;<br><b>Sent:</b> 18 March 2026 14:02<br><b>To:</b> "
            "School Nursing Team &lt;schoolnursing@nhs.net&gt;<br><b>Subject:</b> CSPR referral</p></div>"
            + html_form(r, "dmy/").split("<body>", 1)[1])
    m = make_msg("fwd04_outlook_html", "Jo Pearce <jo.pearce@nhs.net>", PARTNERSHIP, "FW: CSPR referral",
                 "Wed, 18 Mar 2026 15:30:00 +0000", html=html)
    emit("fwd04_outlook_html", m, expected("referral", ref=copy.deepcopy(r)))

    # PDFs
    r = R["pdf1"]
    ref_msg("pdf01_text", "pdf1", make_pdf(pdf_text_lines(r, "dmy/")), "Olivia Grange", "CSPR referral (PDF)",
            "Fri, 13 Mar 2026 16:59:00 +0000", fname="CSPR_referral.pdf", ct=("application", "pdf"))
    r = R["pdf2"]
    ref_msg("pdf02_fillable", "pdf2", pdf_acro(r, "dmy/"), "Neil Sandhu", "Referral - fillable form",
            "Mon, 16 Mar 2026 10:10:00 +0000", fname="Referral (fillable).pdf", ct=("application", "pdf"))


# ============================================================================ agency returns

def ret(agency, author, involved, frm, to, summary, actions, learning, secured, signed, done):
    return {"agency": agency, "author": dict(zip(["name", "role", "email", "phone"], author)), "involved": involved,
            "involvement_from": frm, "involvement_to": to, "summary": summary, "immediate_actions": actions,
            "learning": learning, "records_secured": secured, "signed_off_by": signed, "date_completed": done}


def return_docx(case_ref, a, ds, layout="2col", ref_label="Case reference"):
    d = docx.Document()
    d.add_heading("Rapid Review \u2013 Individual Agency Summary", 1)
    au = a["author"]
    period = ("" if not a["involved"] else f"{fmt(a['involvement_from'], ds)} \u2013 {fmt(a['involvement_to'], ds)}")
    rows = [(ref_label, case_ref or ""), ("Agency", a["agency"]), ("Name of author", au["name"]),
            ("Role", au["role"]), ("Email", au["email"]), ("Telephone", au["phone"]),
            ("Has your agency had any involvement with the child or family?", "Yes" if a["involved"] else "No"),
            ("Period of involvement", period or "N/A"),
            ("Summary of involvement / chronology", v(a["summary"], "N/A")),
            ("Immediate actions taken", v(a["immediate_actions"], "N/A")),
            ("Learning identified", v(a["learning"], "N/A")),
            ("Have records been secured?", "Yes" if a["records_secured"] else "No"),
            ("Manager sign-off", a["signed_off_by"]), ("Date completed", fmt(a["date_completed"], ds))]
    if layout == "2col":
        t = table(d, len(rows), 2)
        for i, (x, y) in enumerate(rows):
            set_cell(t.cell(i, 0), x)
            set_cell(t.cell(i, 1), y)
    else:  # involvement as tick boxes, from/to split, labels above
        for x, y in rows:
            if x == "Has your agency had any involvement with the child or family?":
                d.add_paragraph(f"{x}  {tick(a['involved'], '☒')} Yes   {tick(not a['involved'], '☒')} No")
            elif x == "Period of involvement":
                t = table(d, 1, 4)
                for j, z in enumerate(("Involvement from:", fmt(a["involvement_from"], ds), "Involvement to:",
                                       fmt(a["involvement_to"], ds))):
                    set_cell(t.cell(0, j), z)
            elif x == "Have records been secured?":
                d.add_paragraph(f"{x}  {tick(a['records_secured'], '☒')} Yes   {tick(not a['records_secured'], '☒')} No")
            else:
                p = d.add_paragraph()
                p.add_run(x).bold = True
                d.add_paragraph(y)
    return save_docx(d)


def return_text(case_ref, a, ds, nil_phrase=None):
    au = a["author"]
    L = []
    if case_ref:
        L.append(f"Case reference: {case_ref}")
    L += [f"Agency: {a['agency']}", f"Completed by: {au['name']}", f"Role: {au['role']}", f"Email: {au['email']}",
          f"Phone: {au['phone']}"]
    if not a["involved"]:
        L += ["Involvement with the child or family: No", nil_phrase or "", ""]
    else:
        L += ["Involvement with the child or family: Yes",
              f"Involvement from: {fmt(a['involvement_from'], ds)}", f"Involvement to: {fmt(a['involvement_to'], ds)}",
              "", "Summary:", a["summary"], "", "Immediate actions:", a["immediate_actions"], "", "Learning:",
              a["learning"], ""]
    L += [f"Records secured: {yn(a['records_secured'])}", f"Signed off by: {a['signed_off_by']}",
          f"Date: {fmt(a['date_completed'], ds)}"]
    return "\n".join(L)


def build_returns():
    # A1 Education docx, ref in RE: FW: subject and in doc
    a = ret("Education", ("Hannah Ellery", "Designated Safeguarding Lead", "hannah.ellery@schools.example.gov.uk",
                          "01275 884 210"), True, "2023-09-04", "2026-02-27",
            "Kaiden joined Reception in September 2023. Attendance 81%. Three recorded concerns about bruising "
            "(Nov 2024, June 2025, Jan 2026), each shared with CSC.",
            "Safety plan for sibling in Year 1; staff briefing held.",
            "Body map recording was not consistently completed and concerns were not chronologised.",
            True, "Mrs P Grainger, Headteacher", "2026-03-13")
    m = make_msg("ret01_edu_docx", "Hannah Ellery <hannah.ellery@schools.example.gov.uk>", PARTNERSHIP,
                 "RE: FW: NS-CSPR-2026-011 Rapid review information request", "Fri, 13 Mar 2026 15:00:00 +0000",
                 text="Please find our return attached.\n\nHannah\n",
                 attachments=[("Agency return.docx", return_docx("NS-CSPR-2026-011", a, "dmy/"), DOCX_CT)])
    emit("ret01_edu_docx", m, expected("agency_return", case_ref="NS-CSPR-2026-011", ret=a))

    # A2 Police nil return in body
    a = ret("Avon and Somerset Police", ("PS 2231 Lisa Crane", "Review Officer, Major Statutory Crime Review Team",
                                         "lisa.crane@avon.example.pnn.police.uk", "01179 455 320"), False, None, None,
            None, None, None, True, "DI Mark Bowden", "2026-03-16")
    body = return_text("NS-CSPR-2026-012", a, "dmy/",
                       nil_phrase="Nil return - searches of Niche, PND and STORM show no police involvement with the "
                                  "child or the named adults.") + "\n\nOFFICIAL-SENSITIVE\n"
    m = make_msg("ret02_police_nil_body", "Crane, Lisa <lisa.crane@avon.example.pnn.police.uk>", PARTNERSHIP,
                 "RE: NS-CSPR-2026-012 - agency return", "Mon, 16 Mar 2026 11:30:00 +0000", text=body)
    emit("ret02_police_nil_body", m, expected("agency_return", case_ref="NS-CSPR-2026-012", ret=a))

    # A3 Health PDF return
    a = ret("North Bristol NHS Trust", ("Rebecca Thorne", "Named Nurse Safeguarding Children", "rebecca.thorne1@nhs.net",
                                        "0117 414 7720"), True, "2025-11-02", "2026-03-03",
            "Antenatal booking Nov 2025; mother disclosed previous domestic abuse. Baby born 10 January 2026. "
            "Attended ED 14 February 2026 with a bruise to the cheek, discharged without safeguarding referral.",
            "ED staff reminded of the bruising in non-mobile infants protocol; case discussed at safeguarding huddle.",
            "Bruising in a non-mobile infant was not escalated.", True, "Claire Odunsi, Head of Safeguarding",
            "2026-03-17")
    lines = return_text("NS-CSPR-2026-013", a, "long").split("\n")
    m = make_msg("ret03_health_pdf", "Rebecca Thorne <rebecca.thorne1@nhs.net>", PARTNERSHIP,
                 "RE: FW: NS-CSPR-2026-013 Rapid Review - Individual Agency Summary", "Tue, 17 Mar 2026 16:20:00 +0000",
                 text="Return attached as PDF.\n", attachments=[("IAS NBT.pdf", make_pdf(lines), ("application", "pdf"))])
    emit("ret03_health_pdf", m, expected("agency_return", case_ref="NS-CSPR-2026-013", ret=a))

    # A4 CSC docx, ref only in the document
    a = ret("Children's Social Care", ("Gemma Fairbrother", "Senior Practitioner", "gemma.fairbrother@csc.example.gov.uk",
                                       "01275 888 455"), True, "2024-05-12", "2026-03-10",
            "Referral from health visitor May 2024 re home conditions; single assessment closed with no further "
            "action. Re-referred by police Dec 2025 after domestic incident; assessment open at time of incident.",
            "Strategy meeting held; Oskar placed with maternal aunt under s20.",
            "Assessment did not explore parental alcohol use; no father involvement.", True,
            "Colin Hargreaves", "2026-03-20")
    m = make_msg("ret04_csc_ref_in_doc", "Gemma Fairbrother <gemma.fairbrother@csc.example.gov.uk>", PARTNERSHIP,
                 "Rapid review information", "Fri, 20 Mar 2026 10:45:00 +0000", text="Return attached.\n",
                 attachments=[("return.docx", return_docx("NS-CSPR-2026-014", a, "d/m/y", layout="above",
                                                          ref_label="Partnership reference"), DOCX_CT)])
    emit("ret04_csc_ref_in_doc", m, expected("agency_return", case_ref="NS-CSPR-2026-014", ret=a))

    # A5 ICB HTML body with chronology
    a = ret("ICB Health", ("Dr Fiona McAllister", "Designated Doctor", "fiona.mcallister@nhs.net", "0117 900 2211"),
            True, "2016-03-01", "2026-03-05",
            "Under community paediatrics since 2016. Six missed appointments between July 2025 and February 2026; "
            "was not brought letters sent but no escalation to CSC.",
            "Was not brought policy re-circulated to all paediatric clinics.",
            "Disabled children who are not brought to appointments need escalation, not discharge.", False,
            "Jane Wilmot, Designated Nurse", "2026-03-19")
    html = ("<html><body><p>Hello,</p><p>ICB return for the rapid review below.</p>"
            "<table border=1><tr><td>Case ref</td><td>NS-CSPR-2026-015</td></tr>"
            "<tr><td>Agency</td><td>ICB Health</td></tr><tr><td>Author</td><td>Dr Fiona McAllister</td></tr>"
            "<tr><td>Role</td><td>Designated Doctor</td></tr><tr><td>Email</td><td>fiona.mcallister@nhs.net</td></tr>"
            "<tr><td>Telephone</td><td>0117 900 2211</td></tr><tr><td>Involved with child/family?</td><td>Yes</td></tr>"
            "<tr><td>Involvement from</td><td>March 2016 (01/03/2016)</td></tr><tr><td>Involvement to</td>"
            "<td>05/03/2026</td></tr><tr><td>Summary</td><td>" + html_esc(a["summary"]) + "</td></tr>"
            "<tr><td>Immediate actions</td><td>" + html_esc(a["immediate_actions"]) + "</td></tr>"
            "<tr><td>Learning</td><td>" + html_esc(a["learning"]) + "</td></tr>"
            "<tr><td>Records secured</td><td>No &ndash; in progress</td></tr>"
            "<tr><td>Signed off by</td><td>Jane Wilmot, Designated Nurse</td></tr>"
            "<tr><td>Date completed</td><td>19 March 2026</td></tr></table><p>Fiona</p></body></html>")
    m = make_msg("ret05_icb_html", "Dr Fiona McAllister <fiona.mcallister@nhs.net>", PARTNERSHIP,
                 "RE: NS-CSPR-2026-015", "Thu, 19 Mar 2026 18:05:00 +0000", html=html)
    a["involvement_from"] = "2016-03-01"
    emit("ret05_icb_html", m, expected("agency_return", case_ref="NS-CSPR-2026-015", ret=a))

    # A6 nil return docx, ticks, from a school
    a = ret("Worle Community School", ("Martin Oyelaran", "Deputy DSL", "martin.oyelaran@schools.example.gov.uk",
                                       "01934 511 200"), False, None, None, None, None, None, True,
            "Sarah Quinn", "2026-03-23")
    m = make_msg("ret06_school_nil_docx", "Martin Oyelaran <martin.oyelaran@schools.example.gov.uk>", PARTNERSHIP,
                 "RE: FW: NS-CSPR-2026-016 Rapid review request \u2013 nil return", "Mon, 23 Mar 2026 09:00:00 +0000",
                 text="Nil return attached - the siblings named are not on our roll.\n",
                 attachments=[("IAS nil return.docx", return_docx("NS-CSPR-2026-016", a, "dmy/", layout="above"),
                               DOCX_CT)])
    emit("ret06_school_nil_docx", m, expected("agency_return", case_ref="NS-CSPR-2026-016", ret=a))

    # A7 police return in body, full, different date styles, agency from known domain (no Agency line)
    a = ret("Avon and Somerset Police", ("DC Ian Threlfall", "Detective Constable", "ian.threlfall@avon.example.pnn.police.uk",
                                         "01179 454 001"), True, "2025-06-14", "2026-03-07",
            "Four calls from neighbours about children left alone (June, Aug, Oct 2025, Jan 2026). Officers attended "
            "twice; no PPN submitted on the second occasion.",
            "PPN compliance reminder issued to Clevedon neighbourhood team.",
            "Repeat low-level neglect calls were not linked.", True, "DI Sam Okoro", "2026-03-24")
    body = ("NS-CSPR-2026-017\n\nRapid review agency return\n" +
            "\n".join(l for l in return_text(None, a, "dmy.").split("\n") if not l.startswith("Agency:")) +
            "\n\n--\nDC Ian Threlfall\n")
    m = make_msg("ret07_police_body_noagency", "Ian Threlfall <ian.threlfall@avon.example.pnn.police.uk>",
                 PARTNERSHIP, "Return for rapid review", "Tue, 24 Mar 2026 14:14:00 +0000", text=body)
    emit("ret07_police_body_noagency", m, expected("agency_return", case_ref="NS-CSPR-2026-017", ret=a))


def build_returns_extra():
    a = ret("Sirona care & health", ("Jess Moorcroft", "Named Nurse Safeguarding", "jess.moorcroft@nhs.net",
                                     "0117 950 5050"), True, "2024-09-20", "2026-03-10",
            "New birth visit 20/09/2024; 9-12 month review not completed after two no-access visits. "
            "Mother declined the 2 year review by phone.",
            "Health visiting team leader reviewing all no-access cases on the caseload.",
            "No-access visits were closed without a check with the GP or CSC.", True, "Helen Ashworth",
            "2026-03-25")
    d = docx.Document()
    d.add_paragraph("Rapid Review: NS-CSPR-2026-018").runs[0].bold = True
    d.add_paragraph("Agency information return – CONFIDENTIAL")
    t = table(d, 6, 4)
    rows = [("Agency", a["agency"], "Date completed", fmt(a["date_completed"], "ord")),
            ("Author", a["author"]["name"], "Role", a["author"]["role"]),
            ("Email", a["author"]["email"], "Phone", a["author"]["phone"]),
            ("Involved with child/family?", "Yes", "Records secured?", "Yes"),
            ("Period of involvement", "From 20th September 2024 to 10th March 2026", "Signed off by (manager)",
             a["signed_off_by"]),
            ("", "", "", "")]
    for i, row in enumerate(rows):
        for j, x in enumerate(row):
            set_cell(t.cell(i, j), x)
    for lab, key in [("Summary of involvement", "summary"), ("Immediate actions", "immediate_actions"),
                     ("Learning", "learning")]:
        tt = table(d, 2, 1)
        set_cell(tt.cell(0, 0), lab)
        set_cell(tt.cell(1, 0), a[key])
    m = make_msg("ret08_health_docx_4col", "Jess Moorcroft <jess.moorcroft@nhs.net>", PARTNERSHIP,
                 "Agency return attached", "Wed, 25 Mar 2026 12:00:00 +0000", text="Hi, return attached. Jess\n",
                 attachments=[("Sirona return.docx", save_docx(d), DOCX_CT)])
    emit("ret08_health_docx_4col", m, expected("agency_return", case_ref="NS-CSPR-2026-018", ret=a))


# ============================================================================ commands, auto-replies, noise

QUOTE = ("\n\n-----Original Message-----\nFrom: CSPR Business Unit <" + PARTNERSHIP + ">\nSent: 16 March 2026 09:00\n"
         "Subject: {ref} screening\n\nThe sub-group is asked to reply with its decision.\n"
         "> Earlier text quoted DECISION: NO RAPID REVIEW should be ignored\n")


def cmd(name, frm, ref, first_lines, verb, args, date_hdr, subject_prefix="RE: ", html=False):
    body = first_lines + QUOTE.format(ref=ref)
    subj = f"{subject_prefix}{ref} screening"
    if html:
        h = ("<html><body><div>" + "".join(f"<p>{html_esc(l)}</p>" for l in first_lines.split("\n")) +
             "<div style=\"border-top:solid #E1E1E1 1.0pt\"><p><b>From:</b> CSPR Business Unit<br><b>Sent:</b> 16 March "
             f"2026 09:00<br><b>Subject:</b> {ref} screening</p></div><p>The sub-group is asked to reply.</p>"
             "</div></body></html>")
        m = make_msg(name, frm, PARTNERSHIP, subj, date_hdr, text=body, html=h)
    else:
        m = make_msg(name, frm, PARTNERSHIP, subj, date_hdr, text=body)
    emit(name, m, expected("reply", case_ref=ref, command={"verb": verb, "args": args}))


def build_commands():
    cmd("cmd01_decision_rr", "Chair CSPR Sub-group <sandra.webb@csc.example.gov.uk>", "NS-CSPR-2026-021",
        "DECISION: RAPID REVIEW\nAGENCIES: Education, Avon and Somerset Police, ICB Health, Children's Social Care",
        "DECISION", {"decision": "RAPID REVIEW",
                     "agencies": "Education, Avon and Somerset Police, ICB Health, Children's Social Care"},
        "Mon, 16 Mar 2026 12:00:00 +0000", html=True)
    cmd("cmd02_decision_no_rr", "Sandra Webb <sandra.webb@csc.example.gov.uk>", "NS-CSPR-2026-022",
        "DECISION: NO RAPID REVIEW - criteria not met; single agency learning via the school", "DECISION",
        {"decision": "NO RAPID REVIEW", "reason": "criteria not met; single agency learning via the school"},
        "Tue, 17 Mar 2026 10:30:00 +0000")
    cmd("cmd03_notified", "Service Leader QA <k.oduya@csc.example.gov.uk>", "NS-CSPR-2026-021",
        "NOTIFIED: 2026-03-17", "NOTIFIED", {"date": "2026-03-17"}, "Tue, 17 Mar 2026 16:00:00 +0000")
    cmd("cmd04_submitted", "CSPR Co-ordinator <coordinator@csc.example.gov.uk>", "NS-CSPR-2026-018",
        "SUBMITTED: 2026-04-02", "SUBMITTED", {"date": "2026-04-02"}, "Thu, 02 Apr 2026 17:10:00 +0100",
        subject_prefix="Re: ")
    cmd("cmd05_panel_local", "CSPR Co-ordinator <coordinator@csc.example.gov.uk>", "NS-CSPR-2026-009",
        "PANEL: LOCAL REVIEW", "PANEL", {"view": "LOCAL REVIEW"}, "Mon, 13 Apr 2026 09:05:00 +0100")
    cmd("cmd06_extend", "CSPR Co-ordinator <coordinator@csc.example.gov.uk>", "NS-CSPR-2026-019",
        "EXTEND rr_submission: 2026-04-17 Panel agreed extension as police disclosure delayed", "EXTEND",
        {"clock": "rr_submission", "date": "2026-04-17", "reason": "Panel agreed extension as police disclosure delayed"},
        "Wed, 08 Apr 2026 11:11:00 +0100", subject_prefix="RE: FW: ")
    cmd("cmd07_disagree", "DI Sam Okoro <sam.okoro@avon.example.pnn.police.uk>", "NS-CSPR-2026-022",
        "DISAGREE: Police view is that the criteria are met - the injury was serious and two agencies missed it",
        "DISAGREE", {"reason": "Police view is that the criteria are met - the injury was serious and two agencies missed it"},
        "Wed, 18 Mar 2026 08:45:00 +0000")
    cmd("cmd08_ad_decision", "Assistant Director <ad.safeguarding@csc.example.gov.uk>", "NS-CSPR-2026-022",
        "AD DECISION: REFER", "AD DECISION", {"decision": "REFER"}, "Thu, 19 Mar 2026 13:00:00 +0000")
    cmd("cmd09_close", "CSPR Co-ordinator <coordinator@csc.example.gov.uk>", "NS-CSPR-2026-007",
        "CLOSE: Duplicate of NS-CSPR-2026-006 (same incident, second referrer)", "CLOSE",
        {"reason": "Duplicate of NS-CSPR-2026-006 (same incident, second referrer)"},
        "Fri, 20 Mar 2026 15:30:00 +0000")


def build_noise():
    m = make_msg("auto01_ooo", "Sandra Webb <sandra.webb@csc.example.gov.uk>", PARTNERSHIP,
                 "Automatic reply: NS-CSPR-2026-021 screening", "Mon, 16 Mar 2026 09:00:05 +0000",
                 text="Thank you for your email. I am out of the office until Monday 23 March with no access to email.\n"
                      "For urgent safeguarding matters please contact the duty desk on 01275 888 801.\n",
                 headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"})
    emit("auto01_ooo", m, expected("auto_reply", case_ref="NS-CSPR-2026-021"))
    m = make_msg("auto02_ooo_noheader", "Dr Neil Sandhu <neil.sandhu@nhs.net>", PARTNERSHIP,
                 "Out of Office: Referral - fillable form", "Mon, 16 Mar 2026 10:10:04 +0000",
                 text="I am currently on annual leave returning 30/03/2026. Your email will not be forwarded.\n",
                 headers={"X-Autoreply": "yes", "Precedence": "auto_reply"})
    emit("auto02_ooo_noheader", m, expected("auto_reply"))
    # bounce (DSN, RFC 3464), written by hand
    dsn = (
        "From: Mail Delivery System <MAILER-DAEMON@mx.nsomerset.example.gov.uk>\r\n"
        f"To: {PARTNERSHIP}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Date: Tue, 17 Mar 2026 12:00:00 +0000\r\n"
        "Message-ID: <auto03_bounce.hx4@mx.nsomerset.example.gov.uk>\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-hx4-01"\r\n\r\n'
        "--dsn-hx4-01\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
        "This is the mail system at host mx.nsomerset.example.gov.uk.\r\n\r\n"
        "I'm sorry to have to inform you that your message could not be delivered to one or more recipients.\r\n\r\n"
        "<j.bloggs@oldtrust.example.nhs.uk>: host not found\r\n\r\n"
        "--dsn-hx4-01\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.nsomerset.example.gov.uk\r\n\r\n"
        "Final-Recipient: rfc822; j.bloggs@oldtrust.example.nhs.uk\r\nAction: failed\r\nStatus: 5.1.2\r\n\r\n"
        "--dsn-hx4-01\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"From: CSPR Business Unit <{PARTNERSHIP}>\r\nTo: j.bloggs@oldtrust.example.nhs.uk\r\n"
        "Subject: Rapid review request - agency template\r\n\r\n"
        "--dsn-hx4-01--\r\n").encode()
    emit("auto03_bounce", dsn, expected("auto_reply"))

    # misdirected ordinary child-protection referrals
    d = docx.Document()
    d.add_heading("Multi-Agency Referral Form (MARF) \u2013 request for support / child protection", 1)
    d.add_paragraph("Please send to the Front Door / MASH. If a child is at immediate risk call 999.")
    t = table(d, 10, 2)
    for i, (a, b) in enumerate([("Referrer name", "Kirsty Lamb"), ("Agency", "Hillside Nursery"),
                                ("Date of referral", "18/03/2026"), ("Child's name", "Alfie Brooks"),
                                ("Date of birth", "02/02/2023"), ("Address", "5 Elm Grove, Yatton, BS49 4HH"),
                                ("Parent/carer", "Stacey Brooks"),
                                ("Reason for referral", "Alfie has arrived hungry and in soiled clothes on several "
                                                        "days; mum appeared under the influence at pick-up."),
                                ("Does the parent know about this referral?", "Yes"),
                                ("Level of need (Continuum)", "Level 3 \u2013 targeted / complex")]):
        set_cell(t.cell(i, 0), a)
        set_cell(t.cell(i, 1), b)
    m = make_msg("misdir01_marf_docx", "Kirsty Lamb <kirsty.lamb@schools.example.gov.uk>", PARTNERSHIP,
                 "Safeguarding referral - Alfie", "Wed, 18 Mar 2026 09:30:00 +0000",
                 text="Hello, please find attached a MARF for a child at our nursery.\n",
                 attachments=[("MARF.docx", save_docx(d), DOCX_CT)])
    emit("misdir01_marf_docx", m, expected("unknown"))
    m = make_msg("misdir02_body_concern", "Gary Pope <gary.pope@schools.example.gov.uk>", PARTNERSHIP,
                 "Worried about a pupil", "Thu, 19 Mar 2026 16:20:00 +0000",
                 text="Hi\n\nI'm the attendance officer at Clevedon School. A Year 8 boy told his tutor today that "
                      "his dad hits him when he drinks and he doesn't want to go home tonight. He has a small "
                      "bruise on his arm. Who should I speak to? Is this the right address for a referral to "
                      "children's social care?\n\nThanks\nGary Pope\nAttendance Officer\n")
    emit("misdir02_body_concern", m, expected("unknown"))


def main():
    build_referrals()
    build_returns()
    build_returns_extra()
    build_commands()
    build_noise()
    for old in list(OUT.glob("*.eml")) + list(OUT.glob("*.expected.json")):
        old.unlink()
    for name, raw, exp in CASES:
        (OUT / f"{name}.eml").write_bytes(raw)
        (OUT / f"{name}.expected.json").write_text(json.dumps(exp, indent=2, ensure_ascii=False) + "\n")
    (OUT / "known_domains.json").write_text(json.dumps(KNOWN, indent=2) + "\n")
    print(f"wrote {len(CASES)} messages to {OUT}")


if __name__ == "__main__":
    main()
