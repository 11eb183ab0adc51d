"""Set 12's referral layouts (r01-r20). Each function takes the message NAME and returns (eml, expected, carrier)."""

from __future__ import annotations

import copy
import datetime as dt
import html as H
from typing import Any

from h12_common import (CP_OPTIONS, CP_WORDS, LABELS, D, agency_rows, child_rows, crit, family_rows, proc_rows,
                        referrer_rows, rng_of, shell, yn)
from h12_data import (COORD, ETHNICITIES, FEMALE, FORENAMES, MALE, TO, address, email_of, fmt_date, person, phone, pick,
                      professional, referral, AGENCIES)
from h12_render import (cc_date, cc_dropdown, cc_text, cell_text, doc_bytes, eml, heading, landscape, merge_row,
                        new_doc, print_to_pdf, shade, soffice_pdf, table, when, wingdings, wingdings_text)

DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def _mail_from(ref: dict[str, Any]) -> str:
    r = ref["referrer"]
    return f"{r['name']} <{r['email']}>"


def _sent(ref: dict[str, Any], hour: int = 11, minute: int = 4) -> dt.datetime:
    return when(dt.date.fromisoformat(ref["referrer"]["date_submitted"]), hour, minute)


def _sig(ref: dict[str, Any]) -> str:
    r = ref["referrer"]
    return f"{r['name']}\n{r['role']}\n{r['agency']}\nT: {r['phone']}\nE: {r['email']}"


def _crit_words(ref: dict[str, Any]) -> list[tuple[str, str]]:
    c = crit(ref)
    return [("q_died", yn(c["child_died"])), ("q_harm", yn(c["seriously_harmed"])),
            ("q_an", c["abuse_or_neglect"].capitalize()), ("q_ag", yn(c["agency_concern"]))]


# ------------------------------------------------------------------ r01 content controls with placeholders left in

def r01_docx_cc_placeholders(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=3, n_agencies=3)
    L = LABELS["kent"]
    ds = "slash"
    # unanswered boxes: referrer phone, faith, disability, one family DOB, one agency's still-involved
    ref["referrer"]["phone"] = None
    ref["child"]["faith"] = None
    ref["child"]["disability"] = None
    ref["family"][1]["date_of_birth"] = None
    ref["other_agencies"][2]["still_involved"] = None
    d = new_doc("Calibri", 10)
    heading(d, "Request for a Child Safeguarding Practice Review (Rapid Review referral)", 1)
    d.add_paragraph("Before you complete this form you must have agreement to refer from your Executive "
                    "representative or senior safeguarding lead. Click in each box to type.")
    for sec, rows in (("Section 1: About you", referrer_rows(ref, L, ds)),
                      ("Section 2: About the child", child_rows(ref, L, ds))):
        heading(d, sec, 2)
        t = d.add_table(rows=len(rows), cols=2)
        t.style = "Table Grid"
        for i, (lab, val) in enumerate(rows):
            cell_text(t.cell(i, 0), lab, bold=True)
            shade(t.cell(i, 0), "E2EFDA")
            p = t.cell(i, 1).paragraphs[0]
            if lab == L["cp"]:
                cc_dropdown(p, "CP plan", CP_OPTIONS["a"], val)
            elif lab in (L["dob"], L["inc_date"], L["ref_date"]):
                cc_date(p, lab, val or None, None)
            else:
                cc_text(p, lab, val or None)
    heading(d, "Section 3: Family and significant others", 2)
    fam = d.add_table(rows=1 + len(ref["family"]), cols=5)
    fam.style = "Table Grid"
    for j, h in enumerate(["Name", "Relationship to child", "Date of birth", "Address", "Ethnicity"]):
        cell_text(fam.cell(0, j), h, bold=True)
    for i, f in enumerate(ref["family"], 1):
        vals = [f["name"] or "Not known", f["relationship"], D(f["date_of_birth"], ds) or None,
                f["address"] or "Not known", f["ethnicity"] or "Not known"]
        for j, v in enumerate(vals):
            cc_text(fam.cell(i, j).paragraphs[0], f"family {i} {j}", v)
    heading(d, "Section 4: Criteria", 2)
    ct = d.add_table(rows=4, cols=2)
    ct.style = "Table Grid"
    for i, (k, v) in enumerate(_crit_words(ref)):
        cell_text(ct.cell(i, 0), L[k])
        opts = ["Known", "Suspected"] if k == "q_an" else ["Yes", "No"]
        cc_dropdown(ct.cell(i, 1).paragraphs[0], k, opts, v)
    heading(d, "Section 5: " + L["summary"], 2)
    cc_text(d.add_paragraph(), "summary", ref["summary"])
    heading(d, "Section 6: " + L["agencies"], 2)
    at = d.add_table(rows=1 + len(ref["other_agencies"]), cols=4)
    at.style = "Table Grid"
    for j, h in enumerate(["Name", "Agency", "Contact details", "Still involved?"]):
        cell_text(at.cell(0, j), h, bold=True)
    for i, a in enumerate(ref["other_agencies"], 1):
        cc_text(at.cell(i, 0).paragraphs[0], "ag name", a["name"])
        cc_text(at.cell(i, 1).paragraphs[0], "ag agency", a["agency"])
        cc_text(at.cell(i, 2).paragraphs[0], "ag contact", a["contact"])
        cc_dropdown(at.cell(i, 3).paragraphs[0], "still involved", ["Yes", "No"], yn(a["still_involved"]) or None)
    heading(d, "Section 7: " + L["procs"], 2)
    pt = d.add_table(rows=1 + len(ref["other_processes"]), cols=2)
    pt.style = "Table Grid"
    cell_text(pt.cell(0, 0), "Process", bold=True)
    cell_text(pt.cell(0, 1), "Current status", bold=True)
    for i, p in enumerate(ref["other_processes"], 1):
        cc_text(pt.cell(i, 0).paragraphs[0], "process", p["process"])
        cc_text(pt.cell(i, 1).paragraphs[0], "status", p["status"])
    r = ref["referrer"]
    body = (f"Dear colleagues,\n\nPlease find attached a CSPR referral, agreed with my Executive lead.\n\n"
            f"{r['name']}\n{r['role']}\n{r['agency']}\n")
    msg = eml(name, _mail_from(ref), "CSPR referral - OFFICIAL SENSITIVE", _sent(ref), text=body,
              attachments=[("CSPR referral form.docx", doc_bytes(d), *DOCX)])
    return msg, shell("referral", referral=ref), "docx content controls"


# ------------------------------------------------------------------ r02 merged label cells, mixed pairs

def r02_docx_merged_labels(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=4, n_agencies=2)
    L = LABELS["bham"]
    ds = "dots4"
    d = new_doc("Arial", 9)
    heading(d, "Notification of a Serious Child Safeguarding Incident to the Partnership", 1)
    rr = referrer_rows(ref, L, ds)
    cr = child_rows(ref, L, ds, "b")
    t = d.add_table(rows=0, cols=4)
    t.style = "Table Grid"

    def band(text: str) -> None:
        row = t.add_row()
        merge_row(t, len(t.rows) - 1, text)
        del row

    def wide(lab: str, val: str) -> None:  # the label spans the two label columns, the value the two value columns
        row = t.add_row()
        a = row.cells[0].merge(row.cells[1])
        cell_text(a, lab, bold=True)
        shade(a, "FCE4D6")
        b = row.cells[2].merge(row.cells[3])
        cell_text(b, val)

    def pair(l1: str, v1: str, l2: str, v2: str) -> None:
        row = t.add_row()
        for j, (x, bold) in enumerate(((l1, True), (v1, False), (l2, True), (v2, False))):
            cell_text(row.cells[j], x, bold=bold)
            if bold:
                shade(row.cells[j], "FCE4D6")

    band("PART A - REFERRER")
    pair(rr[0][0], rr[0][1], rr[5][0], rr[5][1])
    wide(rr[1][0], rr[1][1])
    wide(rr[2][0], rr[2][1])
    pair(rr[3][0], rr[3][1], rr[4][0], rr[4][1])
    band("PART B - CHILD")
    wide(cr[0][0], cr[0][1])
    pair(cr[1][0], cr[1][1], cr[6][0], cr[6][1])
    wide(cr[2][0], cr[2][1])
    wide(cr[3][0], cr[3][1])
    pair(cr[4][0], cr[4][1], cr[5][0], cr[5][1])
    pair(cr[7][0], cr[7][1], cr[8][0], cr[8][1])
    wide(cr[9][0], cr[9][1])
    band("PART C - CRITERIA (answer each)")
    for k, v in _crit_words(ref):
        row = t.add_row()
        a = row.cells[0].merge(row.cells[2])
        cell_text(a, L[k])
        cell_text(row.cells[3], v, bold=True)
    band("PART D - " + L["summary"].upper())
    row = t.add_row()
    cell_text(row.cells[0].merge(row.cells[3]), ref["summary"])
    heading(d, "PART E - Household and family", 3)
    table(d, [["Name", "Relationship", "D.O.B.", "Address", "Ethnic origin"]] + family_rows(ref, ds), header=True,
          bold_cols=())
    heading(d, "PART F - " + L["agencies"], 3)
    table(d, [["Practitioner", "Agency", "Contact", "Still involved"]] + agency_rows(ref), header=True, bold_cols=())
    heading(d, "PART G - " + L["procs"], 3)
    table(d, [["Process", "Status"]] + proc_rows(ref), header=True, bold_cols=())
    msg = eml(name, _mail_from(ref), "Serious incident notification form", _sent(ref, 15, 41),
              text=f"Hello,\nCompleted notification attached.\nRegards\n{ref['referrer']['name']}\n",
              attachments=[("SIN-partnership-form.docx", doc_bytes(d), *DOCX)])
    return msg, shell("referral", referral=ref), "docx merged label cells"


# ------------------------------------------------------------------ r03 label, guidance column, value two columns away

def r03_docx_value_two_columns_away(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=3, n_agencies=3)
    L = LABELS["kent"]
    ds = "ordinal"
    hints = {L["dob"]: "dd/mm/yyyy", L["inc_date"]: "the day the incident happened, not the day you heard",
             L["ref_email"]: "must be a secure address (nhs.net, gov.uk, police.uk)",
             L["cp"]: "current / previous / never / not known", L["ethn"]: "as recorded by your agency",
             L["addr"]: "include postcode", L["carer"]: "who the child lived with"}
    d = new_doc("Segoe UI", 9)
    heading(d, "Serious Incident - referral for Rapid Review consideration", 1)
    rows = [["Question", "Guidance", "Your answer"]]
    for lab, val in referrer_rows(ref, L, ds) + child_rows(ref, L, ds, "a"):
        rows.append([lab, hints.get(lab, ""), val])
    for k, v in _crit_words(ref):
        rows.append([L[k], "Known / Suspected" if k == "q_an" else "Yes / No", v])
    rows.append([L["summary"], "keep it brief: the reviewers will ask for more", ref["summary"]])
    t = table(d, rows, bold_cols=(0,), header=True)
    for i in range(1, len(rows)):
        for r in t.cell(i, 1).paragraphs[0].runs:
            r.italic = True
            r.font.size = None
    heading(d, "Family", 2)
    table(d, [["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]] + family_rows(ref, ds), header=True,
          bold_cols=())
    heading(d, "Agencies", 2)
    table(d, [["Name", "Agency", "Contact", "Still involved?"]] + agency_rows(ref), header=True, bold_cols=())
    heading(d, "Other processes", 2)
    table(d, [["Process", "Status"]] + proc_rows(ref), header=True, bold_cols=())
    msg = eml(name, _mail_from(ref), "Rapid review referral (secure)", _sent(ref, 9, 12),
              text="Referral attached.\n\n" + _sig(ref) + "\n",
              attachments=[("RR referral.docx", doc_bytes(d), *DOCX)])
    return msg, shell("referral", referral=ref), "docx value two columns away"


# ------------------------------------------------------------------ r04 Wingdings w:sym boxes

def _sym_choice(p: Any, options: list[str], chosen: str) -> None:
    for o in options:
        wingdings(p, o == chosen)
        p.add_run(f" {o}    ")


def r04_docx_wingdings_sym(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=3, n_agencies=3)
    L = LABELS["bham"]
    ds = "abbr"
    d = new_doc("Arial", 10)
    heading(d, "Child Safeguarding Practice Review - Referral", 1)
    rows = [[a, b] for a, b in referrer_rows(ref, L, ds)] + [[a, b] for a, b in child_rows(ref, L, ds)[:6]]
    table(d, rows)
    p = d.add_paragraph()
    p.add_run(L["ethn"] + ": ").bold = True
    opts = ["White British", "White Irish", "Any other White background", "Black African and White",
            "Black Caribbean and White", "Any other mixed background", "Indian", "Pakistani", "Black African",
            "Black Caribbean", "Gypsy/Roma", "Not declared"]
    for o in opts:
        q = d.add_paragraph(style="List Paragraph")
        wingdings(q, o == ref["child"]["ethnicity"])
        q.add_run(" " + o)
    table(d, [[L["faith"], ref["child"]["faith"]], [L["dis"], ref["child"]["disability"]]])
    p = d.add_paragraph()
    p.add_run(L["cp"] + "   ").bold = True
    _sym_choice(p, CP_OPTIONS["b"], CP_WORDS["b"][ref["child"]["child_protection_plan"]])
    heading(d, "Criteria", 2)
    t = d.add_table(rows=5, cols=3)
    t.style = "Table Grid"
    cell_text(t.cell(0, 1), "Yes", bold=True)
    cell_text(t.cell(0, 2), "No", bold=True)
    c = crit(ref)
    for i, (k, v) in enumerate([("q_died", c["child_died"]), ("q_harm", c["seriously_harmed"]), ("q_an", None),
                                ("q_ag", c["agency_concern"])], 1):
        cell_text(t.cell(i, 0), L[k])
        if k == "q_an":
            for j, o in ((1, "known"), (2, "suspected")):
                pp = t.cell(i, j).paragraphs[0]
                wingdings(pp, c["abuse_or_neglect"] == o)
                pp.add_run(" " + o.capitalize())
        else:
            wingdings(t.cell(i, 1).paragraphs[0], bool(v))
            wingdings(t.cell(i, 2).paragraphs[0], not v)
    heading(d, L["summary"], 2)
    d.add_paragraph(ref["summary"])
    heading(d, "Family", 2)
    table(d, [["Name", "Relationship", "DOB", "Address", "Ethnicity"]] + family_rows(ref, ds), header=True,
          bold_cols=())
    heading(d, L["agencies"], 2)
    at = d.add_table(rows=1 + len(ref["other_agencies"]), cols=5)
    at.style = "Table Grid"
    for j, h in enumerate(["Name", "Agency", "Contact", "Still involved", "Closed"]):
        cell_text(at.cell(0, j), h, bold=True)
    for i, a in enumerate(ref["other_agencies"], 1):
        cell_text(at.cell(i, 0), a["name"])
        cell_text(at.cell(i, 1), a["agency"])
        cell_text(at.cell(i, 2), a["contact"])
        wingdings(at.cell(i, 3).paragraphs[0], a["still_involved"])
        wingdings(at.cell(i, 4).paragraphs[0], not a["still_involved"])
    heading(d, L["procs"], 2)
    table(d, [["Process", "Status"]] + proc_rows(ref), header=True, bold_cols=())
    msg = eml(name, _mail_from(ref), "Referral - CSPR", _sent(ref, 13, 30), text="Please see attached.\n" + _sig(ref),
              attachments=[("referral.docx", doc_bytes(d), *DOCX)])
    return msg, shell("referral", referral=ref), "docx Wingdings w:sym boxes"


# ------------------------------------------------------------------ r05 Print-to-PDF, text in odd order

def _scramble_page(rng: Any, runs: list[tuple[float, float, float, bool, str]]) -> list[tuple[float, float, float,
                                                                                              bool, str]]:
    values = [r for r in runs if not r[3]]
    labels = [r for r in runs if r[3]]
    rng.shuffle(values)
    return values + labels[::-1]


def _wrap(text: str, n: int) -> list[str]:
    out, line = [], ""
    for w in text.split():
        if len(line) + len(w) + 1 > n:
            out.append(line)
            line = w
        else:
            line = (line + " " + w).strip()
    return out + [line]


def r05_pdf_print_to_pdf(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=3, n_agencies=2)
    L = LABELS["bhove"]
    ds = "dots2"
    runs: list[tuple[float, float, float, bool, str]] = []
    y = 800.0
    runs.append((50, y, 13, True, "Rapid Review Referral"))
    y -= 26
    for lab, val in referrer_rows(ref, L, ds) + child_rows(ref, L, ds, "c"):
        runs.append((50, y, 9, True, lab))
        runs.append((250, y, 9, False, val))
        y -= 15
    for k, v in _crit_words(ref):
        runs.append((50, y, 9, True, L[k]))
        runs.append((420, y, 9, False, v))
        y -= 15
    runs.append((50, y, 9, True, L["summary"]))
    y -= 13
    for ln in _wrap(ref["summary"], 95):
        runs.append((60, y, 9, False, ln))
        y -= 12
    page1 = _scramble_page(rng, runs)
    runs = []
    y = 800.0
    runs.append((50, y, 11, True, "Family"))
    y -= 16
    xs = [50, 170, 260, 330, 500]
    for j, h in enumerate(["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]):
        runs.append((xs[j], y, 8, True, h))
    y -= 13
    for row in family_rows(ref, ds):
        for j, v in enumerate(row):
            runs.append((xs[j], y, 7.5, False, v))
        y -= 13
    y -= 10
    runs.append((50, y, 11, True, L["agencies"]))
    y -= 16
    xs = [50, 160, 360, 520]
    for j, h in enumerate(["Name", "Agency", "Contact", "Still involved?"]):
        runs.append((xs[j], y, 8, True, h))
    y -= 13
    for row in agency_rows(ref):
        for j, v in enumerate(row):
            runs.append((xs[j], y, 7.5, False, v))
        y -= 13
    y -= 10
    runs.append((50, y, 11, True, L["procs"]))
    y -= 16
    for row in proc_rows(ref):
        runs.append((50, y, 8, False, row[0]))
        runs.append((300, y, 8, False, row[1]))
        y -= 13
    # column-major on page 2: every column top to bottom, right-most first
    page2 = sorted(runs, key=lambda r: (-r[0], -r[1]))
    pdf = print_to_pdf([page1, page2], "Microsoft Word - RR referral v3.docx")
    msg = eml(name, _mail_from(ref), "RR referral", _sent(ref, 16, 2), text="Attached as PDF.\n" + _sig(ref),
              attachments=[("RR referral v3.pdf", pdf, "application", "pdf")])
    return msg, shell("referral", referral=ref), "PDF print-to-pdf odd order"


# ------------------------------------------------------------------ r06 landscape wide tables, LibreOffice PDF

def r06_pdf_landscape_wide(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=4, n_agencies=3)
    L = LABELS["kent"]
    ds = "long"
    d = new_doc("Arial", 8)
    landscape(d)
    heading(d, "Serious Child Safeguarding Incident - Partnership referral (landscape)", 1)
    rr = referrer_rows(ref, L, ds)
    table(d, [[a for a, _ in rr], [b for _, b in rr]], bold_cols=(), header=True)
    d.add_paragraph()
    cr = child_rows(ref, L, ds, "b")
    table(d, [[a for a, _ in cr[:5]], [b for _, b in cr[:5]]], bold_cols=(), header=True)
    table(d, [[a for a, _ in cr[5:]], [b for _, b in cr[5:]]], bold_cols=(), header=True)
    d.add_paragraph()
    cw = _crit_words(ref)
    table(d, [[L[k] for k, _ in cw], [v for _, v in cw]], bold_cols=(), header=True)
    d.add_paragraph()
    table(d, [[L["summary"]], [ref["summary"]]], bold_cols=(), header=True)
    d.add_paragraph()
    table(d, [["Name", "Relationship to child", "Date of birth", "Address", "Ethnicity"]] + family_rows(ref, ds),
          bold_cols=(), header=True)
    d.add_paragraph()
    table(d, [["Professional", "Agency", "Contact details", "Still involved?"]] + agency_rows(ref), bold_cols=(),
          header=True)
    d.add_paragraph()
    table(d, [["Process", "Status"]] + proc_rows(ref), bold_cols=(), header=True)
    pdf = soffice_pdf(doc_bytes(d), "referral")
    msg = eml(name, _mail_from(ref), "Referral for consideration - rapid review", _sent(ref, 10, 55),
              text="Good morning,\n\nReferral attached (PDF).\n\n" + _sig(ref),
              attachments=[("Referral.pdf", pdf, "application", "pdf")])
    return msg, shell("referral", referral=ref), "PDF landscape (LibreOffice)"


# ------------------------------------------------------------------ r07 HTML form pasted above a long Outlook thread

def _html_table(rows: list[list[str]], header: bool = False) -> str:
    out = ['<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">']
    for i, r in enumerate(rows):
        tag = "th" if header and i == 0 else "td"
        out.append("<tr>" + "".join(f"<{tag} style='padding:0 5.4pt'><p class='MsoNormal'>{H.escape(c)}</p></{tag}>"
                                    for c in r) + "</tr>")
    return "\n".join(out) + "</table>"


def _outlook_hdr(frm: str, sent: str, to: str, subj: str) -> str:
    return ("<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p class='MsoNormal'>"
            f"<b>From:</b> {H.escape(frm)}<br><b>Sent:</b> {sent}<br><b>To:</b> {H.escape(to)}<br>"
            f"<b>Subject:</b> {H.escape(subj)}</p></div>")


def r07_html_outlook_reply_thread(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=3, n_agencies=2)
    L = LABELS["bhove"]
    ds = "long"
    r = ref["referrer"]
    inc = dt.date.fromisoformat(ref["child"]["incident_date"])
    wrong = inc - dt.timedelta(days=2)
    other = professional(rng)
    parts = [f"<p class='MsoNormal'>Hi Rachel,</p><p class='MsoNormal'>As asked, the referral details are below. "
             "Sorry it is not on the template; I could not open it on the laptop.</p>",
             _html_table([[a, b] for a, b in referrer_rows(ref, L, ds) + child_rows(ref, L, ds, "a")
                          + [(L[k], v) for k, v in _crit_words(ref)] + [(L["summary"], ref["summary"])]]),
             "<p class='MsoNormal'><b>Family</b></p>",
             _html_table([["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]] + family_rows(ref, ds),
                         header=True),
             "<p class='MsoNormal'><b>Agencies</b></p>",
             _html_table([["Name", "Agency", "Contact", "Still involved"]] + agency_rows(ref), header=True),
             "<p class='MsoNormal'><b>Other processes</b></p>",
             _html_table([["Process", "Status"]] + proc_rows(ref), header=True),
             f"<p class='MsoNormal'>Kind regards<br>{H.escape(r['name'])}<br>{H.escape(r['role'])}</p>",
             _outlook_hdr("Rachel Tennant <rachel.tennant@n-somerset.gov.uk>",
                          fmt_date(inc + dt.timedelta(days=1), "dow") + f" {inc.year} 16:20",
                          f"{r['name']} <{r['email']}>", "RE: possible CSPR referral"),
             "<p class='MsoNormal'>Thanks for the call. Could you send the details in writing, on the template if "
             "you can, so that the sub-group chair can look at it? Many thanks, Rachel</p>",
             _outlook_hdr(f"{r['name']} <{r['email']}>", fmt_date(inc + dt.timedelta(days=1), "dow") + f" {inc.year} 09:02",
                          "Safeguarding Partnership Business Unit", "possible CSPR referral"),
             f"<p class='MsoNormal'>Heads up: we may need to refer an incident from around {fmt_date(wrong, 'long')} "
             "(still checking the date). Will call.</p>",
             _outlook_hdr(f"{other['name']} <{other['email']}>", fmt_date(wrong, "dow") + f" {inc.year} 18:45",
                          f"{r['name']} <{r['email']}>", "FW: incident last night"),
             f"<p class='MsoNormal'>FYI - strategy meeting being arranged.<br>{H.escape(other['name'])}<br>"
             f"{H.escape(other['role'])}<br>{H.escape(other['agency'])}<br>{other['phone']}</p>"]
    html = "<html><body lang=EN-GB>" + "\n".join(parts) + "</body></html>"
    text = "(HTML message)"
    msg = eml(name, _mail_from(ref), "RE: possible CSPR referral", _sent(ref, 12, 15), text=text, html=html)
    return msg, shell("referral", referral=ref), "HTML reply above Outlook thread"


# ------------------------------------------------------------------ r08 text reply, dates in many forms, quoted thread

def r08_text_reply_many_dates(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=4, n_agencies=3)
    c, r = ref["child"], ref["referrer"]
    styles = ["ordinal_of", "dots2", "iso", "us_long", "long", "abbr", "dots4"]
    rng.shuffle(styles)
    lines = ["Referral details as requested", "",
             f"Referrer: {r['name']}, {r['role']}, {r['agency']}",
             f"Email: {r['email']}   Phone: {r['phone']}",
             f"Date: {D(r['date_submitted'], 'iso')}", "",
             f"Child: {c['name']}", f"Born: {D(c['date_of_birth'], styles[0])}",
             f"Lives at: {c['home_address']}", f"Lives with: {c['carer']}",
             f"Incident: {D(c['incident_date'], 'dow')} at {c['incident_location']}",
             f"Ethnicity: {c['ethnicity']}  /  Faith: {c['faith']}  /  Disability: {c['disability']}",
             f"CP plan: {CP_WORDS['c'][c['child_protection_plan']]}", "",
             "Criteria:"]
    L = LABELS["bhove"]
    lines += [f"  {L[k]} {v}" for k, v in _crit_words(ref)]
    lines += ["", f"What happened: {ref['summary']}", "", "Family:"]
    for i, f in enumerate(ref["family"]):
        st = styles[(i + 1) % len(styles)]
        if f["name"] is None:
            lines.append(f"  - {f['relationship']}: not known")
        else:
            lines.append(f"  - {f['name']}, {f['relationship']}, born {D(f['date_of_birth'], st)}, "
                         f"{f['address']}, {f['ethnicity']}")
    lines += ["", "Agencies:"]
    for a in ref["other_agencies"]:
        lines.append(f"  - {a['name']} ({a['agency']}), {a['contact']}: "
                     f"{'still involved' if a['still_involved'] else 'no longer involved'}")
    lines += ["", "Other processes:"] + [f"  - {p['process']}: {p['status']}" for p in ref["other_processes"]]
    inc = dt.date.fromisoformat(c["incident_date"])
    quoted = ["", r["name"], r["role"], "", "-----Original Message-----",
              "From: Rachel Tennant <rachel.tennant@n-somerset.gov.uk>",
              f"Sent: {fmt_date(inc + dt.timedelta(days=1), 'long')} 14:10", f"To: {r['name']} <{r['email']}>",
              "Subject: RE: incident", "",
              "> Hi, please reply with the details (child, family, agencies, criteria) and I'll log it.",
              "> Rachel Tennant | Partnership Business Manager", "> 01632 960112", ">",
              f"> >> From: {r['name']}", f"> >> Sent: {fmt_date(inc, 'long')}",
              "> >> We have a child seriously hurt, can we talk before I refer?"]
    body = "\n".join(lines + quoted) + "\n"
    msg = eml(name, _mail_from(ref), "RE: incident", _sent(ref, 10, 40), text=body)
    return msg, shell("referral", referral=ref), "text reply, many date forms"


# ------------------------------------------------------------------ r09 narrative by a GP, first person

def r09_narr_gp_first_person(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=2, n_agencies=1, incident=0)
    gp = professional(rng, AGENCIES[6])
    gp["role"] = "GP Partner"
    c = ref["child"]
    first = ref["_"]["first"]
    sib = f"{pick(rng, MALE)} {ref['_']['surname']}"
    sib_dob = dt.date.fromisoformat(c["date_of_birth"]) - dt.timedelta(days=rng.randrange(700, 1600))
    inc = dt.date.fromisoformat(c["incident_date"])
    body = (f"Dear Partnership team,\n\nI am a GP partner at {gp['agency']} and I am writing because I think this "
            f"needs to be considered for a rapid review. I have discussed it with our practice safeguarding lead.\n\n"
            f"{c['name']} (date of birth {D(c['date_of_birth'], 'slash')}) is a patient of mine. I saw {first} with "
            f"mum, {c['carer']}, in surgery on {fmt_date(inc - dt.timedelta(days=9), 'long')} for a rash, and "
            f"nothing struck me then. On {D(c['incident_date'], 'long')} {first} was taken to Weston General "
            "Hospital, where a skull fracture and a bleed on the brain were found that the parents cannot explain. "
            f"I understand the police and children's social care are involved.\n\n"
            f"The family live at {c['home_address']}. {first}'s older brother, {sib} (born "
            f"{fmt_date(sib_dob, 'slash')}), is also registered with us and I have asked for him to be seen.\n\n"
            "I am worried that we did not share with the health visitor that the family had missed two baby checks. "
            "I would be happy to contribute to a review.\n\n"
            f"Dr {gp['name']}\n{gp['role']}\n{gp['agency']}\nTel {gp['phone']}\n")
    exp_ref = {
        "referrer": {"name": gp["name"], "email": gp["email"], "role": gp["role"], "phone": gp["phone"],
                     "agency": gp["agency"], "date_submitted": None},
        "child": {"name": c["name"], "date_of_birth": c["date_of_birth"], "home_address": c["home_address"],
                  "carer": c["carer"], "incident_date": c["incident_date"], "incident_location": None,
                  "ethnicity": None, "faith": None, "disability": None, "child_protection_plan": None},
        "family": [], "criteria": {"child_died": False, "seriously_harmed": True, "abuse_or_neglect": "suspected",
                                   "agency_concern": True},
        "summary": None, "other_agencies": [], "other_processes": []}
    msg = eml(name, f"Dr {gp['name']} <{gp['email']}>", "Request for rapid review consideration",
              when(inc + dt.timedelta(days=1), 18, 22), text=body)
    return msg, shell("referral", referral=exp_ref), "narrative (GP, first person)"


# ------------------------------------------------------------------ r10 form attached to a forward inside a forward

def _simple_docx(ref: dict[str, Any], L: dict[str, str], ds: str, cpw: str = "a") -> bytes:
    d = new_doc("Calibri", 10)
    heading(d, "Child Safeguarding Practice Review referral", 1)
    table(d, [[a, b] for a, b in referrer_rows(ref, L, ds) + child_rows(ref, L, ds, cpw)])
    d.add_paragraph()
    table(d, [[L[k], v] for k, v in _crit_words(ref)])
    heading(d, L["summary"], 3)
    d.add_paragraph(ref["summary"])
    heading(d, "Family", 3)
    table(d, [["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]] + family_rows(ref, ds), header=True,
          bold_cols=())
    heading(d, L["agencies"], 3)
    table(d, [["Name", "Agency", "Contact", "Still involved?"]] + agency_rows(ref), header=True, bold_cols=())
    heading(d, L["procs"], 3)
    table(d, [["Process", "Status"]] + proc_rows(ref), header=True, bold_cols=())
    return doc_bytes(d)


def r10_docx_forward_in_forward(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=3, n_agencies=2)
    r = ref["referrer"]
    lead = professional(rng, next(a for a in AGENCIES if a[0] == r["agency"]))
    nurse = professional(rng, AGENCIES[2])
    sent = _sent(ref, 9, 5)
    inner = eml(name + "-inner", _mail_from(ref), "Referral for CSPR - please check", sent,
                text=f"Hi {lead['name'].split()[0]},\nHere is my draft referral, are you happy for it to go?\n"
                     f"{r['name']}\n",
                attachments=[("CSPR referral.docx", _simple_docx(ref, LABELS["kent"], "slash2"), *DOCX)],
                to=f"{lead['name']} <{lead['email']}>")
    outer_text = (f"Please accept this referral - forwarded from our named nurse, who had it from the team.\n\n"
                  f"{nurse['name']}\n{nurse['role']}\n{nurse['agency']}\n{nurse['phone']}\n\n"
                  "---------- Forwarded message ---------\n"
                  f"From: {lead['name']} <{lead['email']}>\n"
                  f"Date: {fmt_date(sent.date(), 'dow')} {sent.year} at 14:31\n"
                  "Subject: FW: Referral for CSPR - please check\n"
                  f"To: {nurse['name']} <{nurse['email']}>\n\n"
                  f"{nurse['name'].split()[0]}, I agree this should go; the original mail with the form is "
                  f"attached.\n{lead['name']}\n{lead['role']}\n")
    msg = eml(name, f"{nurse['name']} <{nurse['email']}>", "Fwd: FW: Referral for CSPR - please check",
              sent + dt.timedelta(hours=7), text=outer_text, rfc822=inner,
              rfc822_name="Referral for CSPR - please check.eml")
    return msg, shell("referral", referral=ref), "docx in an attached .eml under an inline forward"


# ------------------------------------------------------------------ r11 subject child and sibling side by side

def _sibling(rng: Any, ref: dict[str, Any]) -> dict[str, Any]:
    c = ref["child"]
    dob = dt.date.fromisoformat(c["date_of_birth"]) - dt.timedelta(days=rng.randrange(500, 1800))
    return {"name": f"{pick(rng, MALE)} {ref['_']['surname']}", "relationship": "Brother",
            "date_of_birth": dob.isoformat(), "address": c["home_address"], "ethnicity": c["ethnicity"]}


def r11_docx_child_and_sibling_columns(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=3, n_agencies=2)
    sib = _sibling(rng, ref)
    sib["relationship"] = "Full brother"
    ref["family"].append(sib)
    L = LABELS["bham"]
    ds = "slash"
    c = ref["child"]
    d = new_doc("Arial", 9)
    heading(d, "Serious incident referral", 1)
    table(d, [[a, b] for a, b in referrer_rows(ref, L, ds)])
    heading(d, "Children in the household", 2)
    sib_cp = pick(rng, ["Currently on a plan", "Never", "Previously (plan ended)"])
    rows = [["", "Subject child", "Sibling (not the subject of this referral)"],
            ["Name", c["name"], sib["name"]], [L["dob"], D(c["date_of_birth"], ds), D(sib["date_of_birth"], ds)],
            [L["addr"], c["home_address"], sib["address"]], [L["carer"], c["carer"], c["carer"]],
            [L["ethn"], c["ethnicity"], sib["ethnicity"]], [L["faith"], c["faith"], c["faith"]],
            [L["dis"], c["disability"], "None"],
            [L["cp"], CP_WORDS["b"][c["child_protection_plan"]], sib_cp]]
    table(d, rows, bold_cols=(0,), header=True)
    table(d, [[L["inc_date"], D(c["incident_date"], ds)], [L["inc_loc"], c["incident_location"]]])
    heading(d, "Criteria", 2)
    table(d, [[L[k], v] for k, v in _crit_words(ref)])
    heading(d, L["summary"], 2)
    d.add_paragraph(ref["summary"])
    heading(d, "Family and significant adults", 2)
    table(d, [["Name", "Relationship to subject child", "D.O.B.", "Address", "Ethnic origin"]] + family_rows(ref, ds),
          header=True, bold_cols=())
    heading(d, L["agencies"], 2)
    table(d, [["Name", "Agency", "Contact", "Still involved?"]] + agency_rows(ref), header=True, bold_cols=())
    heading(d, L["procs"], 2)
    table(d, [["Process", "Status"]] + proc_rows(ref), header=True, bold_cols=())
    msg = eml(name, _mail_from(ref), "Referral (two children in household - one subject)", _sent(ref, 14, 0),
              text="Referral attached. Only the younger child is the subject.\n" + _sig(ref),
              attachments=[("serious incident referral.docx", doc_bytes(d), *DOCX)])
    return msg, shell("referral", referral=ref), "docx child and sibling columns"


# ------------------------------------------------------------------ r12 text, sibling on the same lines

def r12_text_sibling_same_lines(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=2, n_agencies=2)
    sib = _sibling(rng, ref)
    sib["relationship"] = "Sister"
    sib["name"] = f"{pick(rng, FEMALE)} {ref['_']['surname']}"
    ref["family"].append(sib)
    c, r = ref["child"], ref["referrer"]
    ds = "dots4"

    def two(l1: str, v1: str, l2: str, v2: str) -> str:
        return f"{l1:<18}{v1:<42}{l2:<17}{v2}"

    lines = ["RAPID REVIEW REFERRAL", "=" * 21, "",
             f"Referrer ....... {r['name']}", f"Role ........... {r['role']}", f"Agency ......... {r['agency']}",
             f"Email .......... {r['email']}", f"Phone .......... {r['phone']}",
             f"Date ........... {D(r['date_submitted'], ds)}", "",
             "CHILD (subject)                                             SIBLING (also at home, not hurt)",
             two("Name:", c["name"], "Name:", sib["name"]),
             two("DOB:", D(c["date_of_birth"], ds), "DOB:", D(sib["date_of_birth"], ds)),
             two("Ethnicity:", c["ethnicity"], "Ethnicity:", sib["ethnicity"]),
             two("CP plan:", CP_WORDS["a"][c["child_protection_plan"]], "CP plan:", "No"),
             "", f"Address: {c['home_address']} (both children)", f"Main carer: {c['carer']}",
             f"Faith: {c['faith']}", f"Disability: {c['disability']}",
             f"Incident date: {D(c['incident_date'], ds)}", f"Incident location: {c['incident_location']}", "",
             "CRITERIA"]
    L = LABELS["kent"]
    lines += [f"{L[k]} {v}" for k, v in _crit_words(ref)]
    lines += ["", "SUMMARY", ref["summary"], "", "FAMILY (name | relationship | DOB | address | ethnicity)"]
    lines += [" | ".join(row) for row in family_rows(ref, ds)]
    lines += ["", "AGENCIES (name | agency | contact | still involved)"]
    lines += [" | ".join(row) for row in agency_rows(ref)]
    lines += ["", "OTHER PROCESSES"] + [f"{p} - {s}" for p, s in proc_rows(ref)]
    msg = eml(name, _mail_from(ref), "Rapid review referral", _sent(ref, 8, 47), text="\n".join(lines) + "\n")
    return msg, shell("referral", referral=ref), "text, sibling on the same lines"


# ------------------------------------------------------------------ r13 split surname / forename columns, particles

def _split(n: str) -> tuple[str, str]:
    parts = n.split(" ", 1)
    return parts[0], parts[1]


def r13_docx_surname_forename_columns(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=5, n_agencies=2, father=True)
    L = LABELS["bhove"]
    ds = "dash"
    c = ref["child"]
    fn, sn = _split(c["name"])
    d = new_doc("Verdana", 8)
    heading(d, "Referral to the Partnership - serious incident", 1)
    table(d, [[a, b] for a, b in referrer_rows(ref, L, ds)])
    heading(d, "The child", 2)
    rows = [["Surname", sn], ["Forename(s)", fn]] + [[a, b] for a, b in child_rows(ref, L, ds, "c")[1:]]
    table(d, rows)
    heading(d, "Criteria", 2)
    table(d, [[L[k], v] for k, v in _crit_words(ref)])
    heading(d, L["summary"], 2)
    d.add_paragraph(ref["summary"])
    heading(d, "Family composition", 2)
    frows = [["Surname", "Forename(s)", "Relationship", "DOB", "Address", "Ethnicity"]]
    for f in ref["family"]:
        if f["name"] is None:
            frows.append(["Not known", "", f["relationship"], "", "", ""])
        else:
            a, b = _split(f["name"])
            frows.append([b, a, f["relationship"], D(f["date_of_birth"], ds), f["address"], f["ethnicity"]])
    table(d, frows, header=True, bold_cols=())
    heading(d, L["agencies"], 2)
    table(d, [["Name", "Agency", "Contact", "Still involved?"]] + agency_rows(ref), header=True, bold_cols=())
    heading(d, L["procs"], 2)
    table(d, [["Process", "Status"]] + proc_rows(ref), header=True, bold_cols=())
    msg = eml(name, _mail_from(ref), "Referral", _sent(ref, 11, 11), text="Form attached.\n" + _sig(ref),
              attachments=[("form.docx", doc_bytes(d), *DOCX)])
    return msg, shell("referral", referral=ref), "docx surname/forename columns"


# ------------------------------------------------------------------ r14 case-system HTML export with checkboxes

def r14_html_cms_checkboxes(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=3, n_agencies=3)
    L = LABELS["kent"]
    ds = "slash"
    printed_by = professional(rng, AGENCIES[0])
    c = crit(ref)

    def box(checked: bool, label: str) -> str:
        return f"<input type='checkbox' disabled{' checked' if checked else ''}> {H.escape(label)}&nbsp;&nbsp;"

    def sel(opts: list[str], chosen: str) -> str:
        return "<select disabled>" + "".join(f"<option{' selected' if o == chosen else ''}>{H.escape(o)}</option>"
                                             for o in opts) + "</select>"

    rows = []
    for lab, val in referrer_rows(ref, L, ds) + child_rows(ref, L, ds, "a"):
        if lab == L["cp"]:
            rows.append((lab, sel(CP_OPTIONS["a"], val)))
        elif lab == L["ethn"]:
            rows.append((lab, sel(ETHNICITIES, val)))
        else:
            rows.append((lab, H.escape(val)))
    rows.append((L["q_died"], box(c["child_died"], "Yes") + box(not c["child_died"], "No")))
    rows.append((L["q_harm"], box(c["seriously_harmed"], "Yes") + box(not c["seriously_harmed"], "No")))
    rows.append((L["q_an"], box(c["abuse_or_neglect"] == "known", "Known")
                 + box(c["abuse_or_neglect"] == "suspected", "Suspected")))
    rows.append((L["q_ag"], box(c["agency_concern"], "Yes") + box(not c["agency_concern"], "No")))
    rows.append((L["summary"], H.escape(ref["summary"])))
    body = ["<html><body style='font-family:Tahoma;font-size:9pt'>",
            "<table width='100%'><tr><td><b>EHM - Form print</b></td><td align='right'>Form ID 5518820<br>"
            f"Printed by {H.escape(printed_by['name'])} ({H.escape(printed_by['role'])})</td></tr></table>",
            "<h3>Step: CSPR Referral to Partnership</h3><table border='1' cellpadding='3' cellspacing='0'>",
            "<tr><th>Question</th><th>Answer</th></tr>"]
    body += [f"<tr><td class='q'>{H.escape(a)}</td><td class='a'>{b}</td></tr>" for a, b in rows]
    body.append("</table><h4>Family members</h4>")
    body.append(_html_table([["Name", "Relationship", "DOB", "Address", "Ethnicity"]] + family_rows(ref, ds), True))
    body.append("<h4>Involved agencies</h4><table border='1' cellspacing='0'><tr><th>Name</th><th>Agency</th>"
                "<th>Contact</th><th>Still involved</th></tr>")
    for a in ref["other_agencies"]:
        body.append(f"<tr><td>{H.escape(a['name'])}</td><td>{H.escape(a['agency'])}</td><td>{H.escape(a['contact'])}"
                    f"</td><td>{box(a['still_involved'], 'Yes')}{box(not a['still_involved'], 'No')}</td></tr>")
    body.append("</table><h4>Other processes</h4>")
    body.append(_html_table([["Process", "Status"]] + proc_rows(ref), True))
    body.append("</body></html>")
    msg = eml(name, "EHM Notifications <ehm-noreply@n-somerset.gov.uk>", "Form completed: CSPR Referral",
              _sent(ref, 17, 2), text="This message contains HTML.", html="\n".join(body),
              headers={"Reply-To": f"{ref['referrer']['name']} <{ref['referrer']['email']}>"})
    return msg, shell("referral", referral=ref), "HTML case-system export with checkboxes"


# ------------------------------------------------------------------ r15 content controls printed to PDF by LibreOffice

def r15_pdf_cc_placeholders(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=3, n_agencies=2)
    L = LABELS["bhove"]
    ds = "ordinal"
    ref["child"]["incident_location"] = None
    ref["referrer"]["role"] = None
    ref["other_processes"] = ref["other_processes"][:1]
    d = new_doc("Calibri", 10)
    heading(d, "Tell us about a serious incident", 1)
    for lab, val in referrer_rows(ref, L, ds) + child_rows(ref, L, ds, "c"):
        p = d.add_paragraph()
        p.add_run(lab).bold = True
        q = d.add_paragraph()
        if lab == L["cp"]:
            cc_dropdown(q, "cp", CP_OPTIONS["c"], val)
        else:
            cc_text(q, lab, val or None)
    for k, v in _crit_words(ref):
        p = d.add_paragraph()
        p.add_run(L[k] + "  ").bold = True
        cc_dropdown(p, k, ["Known", "Suspected"] if k == "q_an" else ["Yes", "No"], v)
    d.add_paragraph().add_run(L["summary"]).bold = True
    cc_text(d.add_paragraph(), "summary", ref["summary"])
    d.add_paragraph().add_run("Family").bold = True
    ft = d.add_table(rows=1 + len(ref["family"]), cols=5)
    ft.style = "Table Grid"
    for j, h in enumerate(["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]):
        cell_text(ft.cell(0, j), h, bold=True)
    for i, row in enumerate(family_rows(ref, ds), 1):
        for j, v in enumerate(row):
            cc_text(ft.cell(i, j).paragraphs[0], "f", v)
    d.add_paragraph().add_run(L["agencies"]).bold = True
    table(d, [["Name", "Agency", "Contact", "Still involved?"]] + agency_rows(ref), header=True, bold_cols=())
    d.add_paragraph().add_run(L["procs"]).bold = True
    pt = d.add_table(rows=3, cols=2)
    pt.style = "Table Grid"
    cell_text(pt.cell(0, 0), "Process", bold=True)
    cell_text(pt.cell(0, 1), "Status", bold=True)
    cc_text(pt.cell(1, 0).paragraphs[0], "p", ref["other_processes"][0]["process"])
    cc_text(pt.cell(1, 1).paragraphs[0], "s", ref["other_processes"][0]["status"])
    cc_text(pt.cell(2, 0).paragraphs[0], "p", None)
    cc_text(pt.cell(2, 1).paragraphs[0], "s", None)
    pdf = soffice_pdf(doc_bytes(d), "incident")
    msg = eml(name, _mail_from(ref), "Serious incident form", _sent(ref, 10, 3),
              text="Saved as PDF from the Word template, attached.\n" + ref["referrer"]["name"] + "\n",
              attachments=[("Serious incident form.pdf", pdf, "application", "pdf")])
    return msg, shell("referral", referral=ref), "PDF from Word content controls, placeholders left"


# ------------------------------------------------------------------ r16 text with dot leaders, written dates

def r16_text_dot_leaders_written_dates(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=4, n_agencies=2)
    L = LABELS["bham"]
    c, r = ref["child"], ref["referrer"]

    def ln(lab: str, val: str) -> str:
        return f"{lab} " + "." * max(3, 44 - len(lab)) + f" {val}"

    lines = ["SERIOUS INCIDENT NOTIFICATION TO THE PARTNERSHIP", ""]
    lines += [ln(L["ref_name"], r["name"]), ln(L["ref_role"], r["role"]), ln(L["ref_agency"], r["agency"]),
              ln(L["ref_email"], r["email"]), ln(L["ref_phone"], r["phone"]),
              ln(L["ref_date"], D(r["date_submitted"], "ordinal_of")), "",
              ln(L["child_name"], c["name"]), ln(L["dob"], D(c["date_of_birth"], "iso")),
              ln(L["addr"], c["home_address"]), ln(L["carer"], c["carer"]),
              ln(L["inc_date"], D(c["incident_date"], "us_long")), ln(L["inc_loc"], c["incident_location"]),
              ln(L["ethn"], c["ethnicity"]), ln(L["faith"], c["faith"]), ln(L["dis"], c["disability"]),
              ln(L["cp"], CP_WORDS["b"][c["child_protection_plan"]]), ""]
    lines += [ln(L[k], v) for k, v in _crit_words(ref)]
    lines += ["", L["summary"] + ":", "  " + ref["summary"], "", "Family:"]
    styles = ["dots2", "ordinal_of", "abbr", "ordinal"]
    for i, f in enumerate(ref["family"]):
        if f["name"] is None:
            lines.append(f"  {f['relationship']} .... name not known, no details")
        else:
            lines.append(f"  {f['name']} .... {f['relationship']} .... {D(f['date_of_birth'], styles[i % 4])} .... "
                         f"{f['address']} .... {f['ethnicity']}")
    lines += ["", "Agencies:"] + [f"  {a} .... {b} .... {cc} .... still involved: {dd}"
                                  for a, b, cc, dd in agency_rows(ref)]
    lines += ["", "Other processes:"] + [f"  {p} .... {s}" for p, s in proc_rows(ref)]
    msg = eml(name, _mail_from(ref), "SIN to partnership", _sent(ref, 15, 15), text="\n".join(lines) + "\n")
    return msg, shell("referral", referral=ref), "text dot leaders, written dates"


# ------------------------------------------------------------------ r17 narrative by a school DSL (HTML)

def r17_narr_html_school_dsl(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=2, n_agencies=1, incident=3, male=True)
    dsl = professional(rng, AGENCIES[7])
    dsl["role"] = "Designated Safeguarding Lead"
    c = ref["child"]
    first = ref["_"]["first"]
    half = f"{pick(rng, MALE)} {pick(rng, ['Quiller', 'Boscawen', 'Nankivell'])}"
    hdob = dt.date.fromisoformat(c["date_of_birth"]) + dt.timedelta(days=rng.randrange(400, 1100))
    html = (f"<html><body><p>Good afternoon,</p><p>I am the Designated Safeguarding Lead at {H.escape(dsl['agency'])}. "
            f"One of our Year 11 students, <b>{H.escape(c['name'])}</b> (DOB {D(c['date_of_birth'], 'dots2')}), was "
            f"stabbed on {D(c['incident_date'], 'ordinal')} in {H.escape(c['incident_location'])} and is in "
            "intensive care. We had raised concerns about him being exploited (county lines) three times since "
            "September and I do not believe they were joined up between us, the police and the youth justice "
            "service.</p>"
            f"<p>His half-brother {H.escape(half)} (DOB {fmt_date(hdob, 'dots2')}) is in Year 8 with us and we have "
            f"put support in place for him.</p><p>{first} lives with his mother, {H.escape(c['carer'])}, at "
            f"{H.escape(c['home_address'])}.</p><p>Please consider this for a rapid review.</p>"
            f"<p>{H.escape(dsl['name'])}<br>{H.escape(dsl['role'])}<br>{H.escape(dsl['agency'])}<br>"
            f"{dsl['phone']}</p></body></html>")
    exp_ref = {
        "referrer": {"name": dsl["name"], "email": dsl["email"], "role": dsl["role"], "phone": dsl["phone"],
                     "agency": dsl["agency"], "date_submitted": None},
        "child": {"name": c["name"], "date_of_birth": c["date_of_birth"], "home_address": c["home_address"],
                  "carer": c["carer"], "incident_date": c["incident_date"],
                  "incident_location": c["incident_location"], "ethnicity": None, "faith": None, "disability": None,
                  "child_protection_plan": None},
        "family": [], "criteria": {"child_died": False, "seriously_harmed": True, "abuse_or_neglect": "known",
                                   "agency_concern": True},
        "summary": None, "other_agencies": [], "other_processes": []}
    msg = eml(name, f"{dsl['name']} <{dsl['email']}>", "Rapid review - Year 11 student",
              when(dt.date.fromisoformat(c["incident_date"]) + dt.timedelta(days=2), 13, 40),
              text="Please see the HTML version.", html=html)
    return msg, shell("referral", referral=exp_ref), "narrative (school DSL, HTML)"


# ------------------------------------------------------------------ r18 Wingdings characters (þ / ¨) in runs

def _wd_choice(p: Any, options: list[str], chosen: str) -> None:
    for o in options:
        wingdings_text(p, o == chosen)
        p.add_run(f" {o}   ")


def r18_docx_wingdings_chars(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=3, n_agencies=3)
    L = LABELS["kent"]
    ds = "dots2"
    c = crit(ref)
    d = new_doc("Arial", 10)
    heading(d, "Child Safeguarding Practice Review: referral", 1)
    table(d, [[a, b] for a, b in referrer_rows(ref, L, ds) + child_rows(ref, L, ds)[:9]])
    p = d.add_paragraph()
    p.add_run(L["cp"] + ":  ").bold = True
    _wd_choice(p, CP_OPTIONS["a"], CP_WORDS["a"][ref["child"]["child_protection_plan"]])
    heading(d, "Criteria", 2)
    for k, v in [("q_died", yn(c["child_died"])), ("q_harm", yn(c["seriously_harmed"]))]:
        p = d.add_paragraph()
        p.add_run(L[k] + "   ")
        _wd_choice(p, ["Yes", "No"], v)
    p = d.add_paragraph()
    p.add_run(L["q_an"] + "   ")
    _wd_choice(p, ["Known", "Suspected"], c["abuse_or_neglect"].capitalize())
    p = d.add_paragraph()
    p.add_run(L["q_ag"] + "   ")
    _wd_choice(p, ["Yes", "No"], yn(c["agency_concern"]))
    heading(d, L["summary"], 2)
    d.add_paragraph(ref["summary"])
    heading(d, "Family", 2)
    table(d, [["Name", "Relationship", "DOB", "Address", "Ethnicity"]] + family_rows(ref, ds), header=True,
          bold_cols=())
    heading(d, L["agencies"], 2)
    at = d.add_table(rows=1 + len(ref["other_agencies"]), cols=4)
    at.style = "Table Grid"
    for j, h in enumerate(["Name", "Agency", "Contact", "Still involved?"]):
        cell_text(at.cell(0, j), h, bold=True)
    for i, a in enumerate(ref["other_agencies"], 1):
        cell_text(at.cell(i, 0), a["name"])
        cell_text(at.cell(i, 1), a["agency"])
        cell_text(at.cell(i, 2), a["contact"])
        _wd_choice(at.cell(i, 3).paragraphs[0], ["Yes", "No"], yn(a["still_involved"]))
    heading(d, L["procs"], 2)
    table(d, [["Process", "Status"]] + proc_rows(ref), header=True, bold_cols=())
    msg = eml(name, _mail_from(ref), "CSPR referral form", _sent(ref, 12, 50), text="Attached.\n" + _sig(ref),
              attachments=[("CSPR referral.docx", doc_bytes(d), *DOCX)])
    return msg, shell("referral", referral=ref), "docx Wingdings characters"


# ------------------------------------------------------------------ r19 Print-to-PDF landscape grid, column-major

def r19_pdf_print_to_pdf_landscape_grid(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=3, n_agencies=2)
    L = LABELS["bham"]
    ds = "slash2"
    runs: list[tuple[float, float, float, bool, str]] = [(40, 560, 13, True, "Partnership notification - serious incident")]
    y = 530.0

    def grid(pairs: list[tuple[str, str]], colw: float, maxw: int) -> None:
        nonlocal y
        x = 40.0
        deepest = 0
        for lab, val in pairs:
            runs.append((x, y, 7.5, True, lab))
            vl = _wrap(val, maxw)
            for i, v in enumerate(vl):
                runs.append((x, y - 12 - 10 * i, 8, False, v))
            deepest = max(deepest, len(vl))
            x += colw
        y -= 24 + 10 * deepest

    rr = referrer_rows(ref, L, ds)
    grid(rr, 127, 26)
    cr = child_rows(ref, L, ds, "a")
    grid(cr[:5], 152, 31)
    grid(cr[5:], 152, 31)
    grid([(L[k], v) for k, v in _crit_words(ref)], 190, 38)
    runs.append((40, y, 7.5, True, L["summary"]))
    y -= 12
    for ln in _wrap(ref["summary"], 150):
        runs.append((40, y, 8, False, ln))
        y -= 10
    page1 = sorted(runs, key=lambda r: (r[0], -r[1]))  # column by column: how some drivers emit table cells
    runs = []
    y = 560.0
    xs = [40, 190, 310, 400, 640]
    runs.append((40, y, 11, True, "Family"))
    y -= 16
    for j, h in enumerate(["Name", "Relationship", "DOB", "Address", "Ethnic origin"]):
        runs.append((xs[j], y, 8, True, h))
    y -= 12
    for row in family_rows(ref, ds):
        for j, v in enumerate(row):
            runs.append((xs[j], y, 8, False, v))
        y -= 12
    y -= 12
    xs = [40, 190, 450, 660]
    runs.append((40, y, 11, True, L["agencies"]))
    y -= 16
    for j, h in enumerate(["Name", "Agency", "Contact", "Still involved"]):
        runs.append((xs[j], y, 8, True, h))
    y -= 12
    for row in agency_rows(ref):
        for j, v in enumerate(row):
            runs.append((xs[j], y, 8, False, v))
        y -= 12
    y -= 12
    runs.append((40, y, 11, True, L["procs"]))
    y -= 16
    for p, s in proc_rows(ref):
        runs.append((40, y, 8, False, p))
        runs.append((330, y, 8, False, s))
        y -= 12
    rng.shuffle(runs)
    pdf = print_to_pdf([page1, runs], "SIN form (landscape).xlsx", landscape_pages=True)
    msg = eml(name, _mail_from(ref), "Notification form", _sent(ref, 9, 58), text="PDF attached.\n" + _sig(ref),
              attachments=[("Notification form.pdf", pdf, "application", "pdf")])
    return msg, shell("referral", referral=ref), "PDF print-to-pdf landscape grid"


# ------------------------------------------------------------------ r20 landscape Word, drop-downs in the family table

def r20_docx_landscape_dropdown_family(name: str) -> tuple[bytes, dict[str, Any], str]:
    rng = rng_of(name)
    ref = referral(rng, n_family=5, n_agencies=3, father=True)
    L = LABELS["bhove"]
    ds = "long"
    d = new_doc("Arial", 9)
    landscape(d)
    heading(d, "Rapid Review referral", 1)
    rr = referrer_rows(ref, L, ds)
    cr = child_rows(ref, L, ds, "b")
    t = d.add_table(rows=8, cols=4)
    t.style = "Table Grid"
    left, right = rr + cr[:2], cr[2:]
    for i in range(8):
        for col, src in ((0, left), (2, right)):
            if i < len(src):
                cell_text(t.cell(i, col), src[i][0], bold=True)
                shade(t.cell(i, col), "DEEAF6")
                if src[i][0] == L["cp"]:
                    cc_dropdown(t.cell(i, col + 1).paragraphs[0], "cp", CP_OPTIONS["b"], src[i][1])
                elif src[i][0] == L["ethn"]:
                    cc_dropdown(t.cell(i, col + 1).paragraphs[0], "eth", ETHNICITIES, src[i][1])
                else:
                    cell_text(t.cell(i, col + 1), src[i][1])
    d.add_paragraph()
    ct = d.add_table(rows=1, cols=8)
    ct.style = "Table Grid"
    for j, (k, v) in enumerate(_crit_words(ref)):
        cell_text(ct.cell(0, 2 * j), L[k], bold=True)
        cc_dropdown(ct.cell(0, 2 * j + 1).paragraphs[0], k, ["Known", "Suspected"] if k == "q_an" else ["Yes", "No"],
                    v)
    d.add_paragraph().add_run(L["summary"]).bold = True
    d.add_paragraph(ref["summary"])
    d.add_paragraph().add_run("Family and significant others").bold = True
    rels = ["Mother", "Father", "Stepfather", "Step-sister", "Half-brother", "Half-sister", "Maternal grandmother",
            "Other"]
    ft = d.add_table(rows=1 + len(ref["family"]), cols=5)
    ft.style = "Table Grid"
    for j, h in enumerate(["Name", "Relationship", "Date of birth", "Address", "Ethnicity"]):
        cell_text(ft.cell(0, j), h, bold=True)
    for i, f in enumerate(ref["family"], 1):
        cell_text(ft.cell(i, 0), f["name"] or "Not known")
        cc_dropdown(ft.cell(i, 1).paragraphs[0], "rel", rels, f["relationship"])
        cell_text(ft.cell(i, 2), D(f["date_of_birth"], ds) or "Not known")
        cell_text(ft.cell(i, 3), f["address"] or "Not known")
        if f["ethnicity"]:
            cc_dropdown(ft.cell(i, 4).paragraphs[0], "eth", ETHNICITIES, f["ethnicity"])
        else:
            cc_dropdown(ft.cell(i, 4).paragraphs[0], "eth", ETHNICITIES, None)
    d.add_paragraph().add_run(L["agencies"]).bold = True
    table(d, [["Name", "Agency", "Contact", "Still involved?"]] + agency_rows(ref), header=True, bold_cols=())
    d.add_paragraph().add_run(L["procs"]).bold = True
    table(d, [["Process", "Status"]] + proc_rows(ref), header=True, bold_cols=())
    msg = eml(name, _mail_from(ref), "RR referral (landscape template)", _sent(ref, 16, 44),
              text="Hi, referral attached.\n" + _sig(ref), attachments=[("RR referral.docx", doc_bytes(d), *DOCX)])
    return msg, shell("referral", referral=ref), "docx landscape, drop-downs in family table"


ALL = [r01_docx_cc_placeholders, r02_docx_merged_labels, r03_docx_value_two_columns_away, r04_docx_wingdings_sym,
       r05_pdf_print_to_pdf, r06_pdf_landscape_wide, r07_html_outlook_reply_thread, r08_text_reply_many_dates,
       r09_narr_gp_first_person, r10_docx_forward_in_forward, r11_docx_child_and_sibling_columns,
       r12_text_sibling_same_lines, r13_docx_surname_forename_columns, r14_html_cms_checkboxes,
       r15_pdf_cc_placeholders, r16_text_dot_leaders_written_dates, r17_narr_html_school_dsl,
       r18_docx_wingdings_chars, r19_pdf_print_to_pdf_landscape_grid, r20_docx_landscape_dropdown_family]
_unused = (copy, COORD, TO, address, email_of, person, phone)
