"""Referral forms typed or pasted into the e-mail body (plain text and HTML), and agency-return bodies."""
from __future__ import annotations

import html
import random

from common import clone, fmt_date

CPP_WORDS = {"yes": "Yes", "no": "No", "has_been": "Has been", "not_known": "Not known"}


def yn(v):
    return {True: "Yes", False: "No", None: ""}[v]


def x(on: bool) -> str:
    return "[X]" if on else "[ ]"


# ---------------------------------------------------------------- T1: plain pasted form, [X] ticks
def t1_pasted(r: dict, ds: str) -> tuple[str, dict]:
    r = clone(r)
    rf, c, cr = r["referrer"], r["child"], r["criteria"]
    ab = cr["abuse_or_neglect"]
    L = ["CHILD SAFEGUARDING PRACTICE REVIEW - REFERRAL", "",
         "1. REFERRER",
         f"Name: {rf['name']}", f"Role: {rf['role']}", f"Agency: {rf['agency']}", f"Email: {rf['email']}",
         f"Tel: {rf['phone']}", f"Date submitted: {fmt_date(rf['date_submitted'], ds)}", "",
         "2. DETAILS OF CHILD OR YOUNG PERSON",
         f"Name of child: {c['name']}", f"Date of birth: {fmt_date(c['date_of_birth'], ds)}",
         f"Home address: {c['home_address']}", f"Carer: {c['carer']}",
         f"Date of death or critical incident: {fmt_date(c['incident_date'], ds)}",
         f"Location of incident: {c['incident_location']}", f"Ethnic origin: {c['ethnicity'] or ''}",
         f"Faith: {c['faith'] or ''}", f"Disability: {c['disability'] or ''}",
         "Child protection plan: " + "  ".join(f"{x(c['child_protection_plan'] == k)} {w}" for k, w in CPP_WORDS.items()), "",
         "3. FAMILY AND SIGNIFICANT OTHERS"]
    for f in r["family"]:
        L.append(f"- {f['name']} | {f['relationship']} | {fmt_date(f['date_of_birth'], ds) or 'DoB not known'} | {f['address']}")
        f["ethnicity"] = None
    L += ["", "4. CRITERIA",
          f"Is the child deceased?  {x(cr['child_died'] is True)} Yes  {x(cr['child_died'] is False)} No",
          f"Is the child seriously harmed?  {x(cr['seriously_harmed'] is True)} Yes  {x(cr['seriously_harmed'] is False)} No",
          f"Abuse or neglect:  {x(ab == 'known')} Known  {x(ab == 'suspected')} Suspected",
          f"Concern about agencies working together?  {x(cr['agency_concern'] is True)} Yes  {x(cr['agency_concern'] is False)} No",
          "", "5. SUMMARY OF EVENTS", r["summary"], "", "6. OTHER AGENCIES"]
    for a in r["other_agencies"]:
        L.append(f"- {a['name']}, {a['agency']}, {a['contact'] or 'contact not known'}, still involved: {yn(a['still_involved']) or 'not known'}")
    L += ["", "OTHER PROCESSES"]
    for o in r["other_processes"]:
        L.append(f"- {o['process']}: {o['status']}")
    return "\n".join(L), r


# ---------------------------------------------------------------- T2: a Word table pasted as text (cells split by tabs / lines)
def t2_tabbed(r: dict, ds: str) -> tuple[str, dict]:
    r = clone(r)
    rf, c, cr = r["referrer"], r["child"], r["criteria"]
    ab = cr["abuse_or_neglect"]
    L = ["Request for a Child Safeguarding Practice Review", "",
         "Referrer", f"Name:\t{rf['name']}\tEmail:\t{rf['email']}", f"Role:\t{rf['role']}\tTel:\t{rf['phone']}",
         f"Agency:\t{rf['agency']}\tDate submitted:\t{fmt_date(rf['date_submitted'], ds)}", "",
         "Details of child or young person",
         f"Name of child:\t{c['name']}\tDate of birth:\t{fmt_date(c['date_of_birth'], ds)}",
         f"Home address:\t{c['home_address']}\tDate of death or critical incident:\t{fmt_date(c['incident_date'], ds)}",
         f"Carer:\t{c['carer']}\tLocation of incident:\t{c['incident_location']}",
         f"Ethnic origin:\t{c['ethnicity'] or ''}",
         f"Faith:\t{c['faith'] or ''}\tDisability:\t{c['disability'] or ''}",
         "Child protection plan: " + " ".join(f"{'☒' if c['child_protection_plan'] == k else '☐'} {w}" for k, w in CPP_WORDS.items()), "",
         "Composition of family and significant others",
         "Name\tRelationship to child\tDoB\tAddress\tEthnic origin"]
    for f in r["family"]:
        L.append(f"{f['name']}\t{f['relationship']}\t{fmt_date(f['date_of_birth'], ds)}\t{f['address']}\t{f['ethnicity'] or ''}")
    L += ["\t\t\t\t", "", "Rapid Review criteria", "Criterion\tYes\tNo",
          f"Is the child deceased?\t{'☒' if cr['child_died'] is True else '☐'}\t{'☒' if cr['child_died'] is False else '☐'}",
          f"Is the child seriously harmed?\t{'☒' if cr['seriously_harmed'] is True else '☐'}\t{'☒' if cr['seriously_harmed'] is False else '☐'}",
          f"Is abuse or neglect known or suspected?\t{'☒' if ab == 'known' else '☐'} Known\t{'☒' if ab == 'suspected' else '☐'} Suspected",
          f"Is there a cause for concern as to the way in which agencies have worked together?\t{'☒' if cr['agency_concern'] is True else '☐'}\t{'☒' if cr['agency_concern'] is False else '☐'}",
          "", "Summary of events", r["summary"], "", "Other information",
          "Name\tAgency\tContact details\tAre they still involved?"]
    for a in r["other_agencies"]:
        L.append(f"{a['name']}\t{a['agency']}\t{a['contact'] or ''}\t{yn(a['still_involved'])}")
    L += ["", "Process\tCurrent status"]
    for o in r["other_processes"]:
        L.append(f"{o['process']}\t{o['status']}")
    return "\n".join(L), r


# ---------------------------------------------------------------- T4: personal account, typed from memory ("Name:" = the child)
def t4_personal(r: dict, ds: str) -> tuple[str, dict]:
    r = clone(r)
    rf, c, cr = r["referrer"], r["child"], r["criteria"]
    L = ["Hi, sending this from my personal email as I can't get into my work account from home - sorry.", "",
         "CSPR referral", "",
         f"Name: {c['name']}", f"dob {fmt_date(c['date_of_birth'], ds)}", f"address: {c['home_address']}",
         f"lives with: {c['carer']}",
         f"Referred by: {rf['name']} ({rf['role']}, {rf['agency']}) - {rf['email']} - {rf['phone']}", "",
         f"what happened: {r['summary']}", "",
         f"date of incident {fmt_date(c['incident_date'], ds)}, {c['incident_location']}",
         "child died - " + ("yes" if cr["child_died"] else "no"),
         "abuse/neglect - " + (cr["abuse_or_neglect"] or "unclear"),
         "", "thanks"]
    c["ethnicity"] = c["faith"] = c["disability"] = None
    c["child_protection_plan"] = None
    cr["seriously_harmed"] = None
    cr["agency_concern"] = None
    r["family"] = []
    r["other_agencies"] = []
    r["other_processes"] = []
    rf["date_submitted"] = None
    return "\n".join(L), r


# ---------------------------------------------------------------- HTML form (table) used by T3/T5/T6
def html_form(r: dict, ds: str, yn_columns: bool = True) -> tuple[str, dict]:
    r = clone(r)
    rf, c, cr = r["referrer"], r["child"], r["criteria"]
    e = html.escape
    ab = cr["abuse_or_neglect"]

    def row(k, v):
        return f"<tr><td style='background:#eee;font-weight:bold'>{e(k)}</td><td>{e(v or '')}</td></tr>"

    parts = ["<table border='1' cellpadding='4' style='border-collapse:collapse;font-family:Arial;font-size:10pt'>",
             "<tr><th colspan='2' style='background:#1f3864;color:#fff'>Referrer</th></tr>",
             row("Name", rf["name"]), row("Role", rf["role"]), row("Agency", rf["agency"]), row("Email", rf["email"]),
             row("Tel", rf["phone"]), row("Date submitted", fmt_date(rf["date_submitted"], ds)),
             "<tr><th colspan='2' style='background:#1f3864;color:#fff'>Child</th></tr>",
             row("Name of child", c["name"]), row("Date of birth", fmt_date(c["date_of_birth"], ds)),
             row("Home address", c["home_address"]), row("Carer", c["carer"]),
             row("Date of death or critical incident", fmt_date(c["incident_date"], ds)),
             row("Location of incident", c["incident_location"]), row("Ethnic origin", c["ethnicity"]),
             row("Faith", c["faith"]), row("Disability", c["disability"]),
             row("Child protection plan", CPP_WORDS[c["child_protection_plan"]]), "</table><br>"]
    if yn_columns:
        parts.append("<table border='1' cellpadding='4' style='border-collapse:collapse'><tr><th>Criterion</th><th>Y</th><th>N</th></tr>")
        for q, v in [("Child deceased", cr["child_died"]), ("Child seriously harmed", cr["seriously_harmed"]),
                     ("Concern about agencies working together", cr["agency_concern"])]:
            parts.append(f"<tr><td>{q}</td><td>{'X' if v is True else ''}</td><td>{'X' if v is False else ''}</td></tr>")
        parts.append(f"<tr><td>Abuse or neglect known or suspected</td><td colspan='2'>{ {'known': 'Known', 'suspected': 'Suspected', None: ''}[ab] }</td></tr></table><br>")
    else:
        parts.append("<p><b>Criteria</b><br>" + "<br>".join([
            f"Child deceased: {yn(cr['child_died'])}", f"Child seriously harmed: {yn(cr['seriously_harmed'])}",
            f"Abuse or neglect: { {'known': 'Known', 'suspected': 'Suspected', None: ''}[ab] }",
            f"Agencies working together concern: {yn(cr['agency_concern'])}"]) + "</p>")
    parts.append(f"<p><b>Summary of events</b></p><p>{e(r['summary'])}</p>")
    parts.append("<p><b>Family and significant others</b></p><table border='1' cellpadding='3' style='border-collapse:collapse'>"
                 "<tr><th>Name</th><th>Relationship to child</th><th>DoB</th><th>Address</th><th>Ethnic origin</th></tr>")
    for f in r["family"]:
        parts.append("<tr>" + "".join(f"<td>{e(v or '')}</td>" for v in [f["name"], f["relationship"],
                                                                             fmt_date(f["date_of_birth"], ds), f["address"], f["ethnicity"]]) + "</tr>")
    parts.append("<tr><td>&nbsp;</td><td></td><td></td><td></td><td></td></tr></table>")
    parts.append("<p><b>Other agencies</b></p><table border='1' cellpadding='3' style='border-collapse:collapse'>"
                 "<tr><th>Name</th><th>Agency</th><th>Contact details</th><th>Still involved?</th></tr>")
    for a in r["other_agencies"]:
        parts.append("<tr>" + "".join(f"<td>{e(v or '')}</td>" for v in [a["name"], a["agency"], a["contact"], yn(a["still_involved"])]) + "</tr>")
    parts.append("</table><p><b>Other processes</b></p><table border='1' cellpadding='3' style='border-collapse:collapse'>"
                 "<tr><th>Process</th><th>Current status</th></tr>")
    for o in r["other_processes"]:
        parts.append(f"<tr><td>{e(o['process'])}</td><td>{e(o['status'])}</td></tr>")
    parts.append("</table>")
    return "\n".join(parts), r


def html_wrap(inner: str) -> str:
    return ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=utf-8'></head>"
            f"<body style='font-family:Calibri,Arial'>{inner}</body></html>")


def html_to_textish(r_html: str) -> str:
    """A crude plain alternative as Outlook produces it: cells on their own lines."""
    import re
    t = re.sub(r"<br\s*/?>", "\n", r_html)
    t = re.sub(r"</(p|tr|table|h\d)>", "\n", t)
    t = re.sub(r"</t[dh]>", "\t", t)
    t = re.sub(r"<[^>]+>", "", t)
    t = html.unescape(t)
    t = "\n".join(line.rstrip() for line in t.splitlines())
    return t


def quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.splitlines())
