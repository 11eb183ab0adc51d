"""The NS form pasted into an email body (plain and HTML), as copy-paste from Word really comes out."""

from __future__ import annotations

import html
from typing import Any

from docx_forms import ETHNIC_GROUPS, _fmt_date


def _box(on: bool, style: str) -> str:
    return {"glyph": "☒" if on else "☐", "brackets": "[X]" if on else "[ ]", "tick": "✓" if on else "□"}[style]


def ns_text(case: dict[str, Any], *, layout: str = "tabs", ticks: str = "glyph", dates: str = "slash") -> str:
    """layout: tabs (cells tab-separated), lines (label then value on the next line), inline ("Label: value")."""
    rf, ch = case["referrer"], case["child"]
    out: list[str] = ["APPENDIX 2:  Request for a Child Safeguarding Practice Review", ""]

    def pair(a: tuple[str, str | None], b: tuple[str, str | None]) -> None:
        if layout == "tabs":
            out.append(f"{a[0]}\t{a[1] or ''}\t{b[0]}\t{b[1] or ''}")
        elif layout == "lines":
            out.extend([a[0], a[1] or "", b[0], b[1] or ""])
        else:
            out.append(f"{a[0]} {a[1] or ''}")
            out.append(f"{b[0]} {b[1] or ''}")

    out.append("1. Referrer")
    pair(("Name:", rf["name"]), ("Email:", rf["email"]))
    pair(("Role:", rf["role"]), ("Tel:", rf["phone"]))
    pair(("Agency:", rf["agency"]), ("Date submitted:", _fmt_date(rf["date_submitted"], dates)))
    out += ["", "2. Details of child or young person"]
    pair(("Name of child:", ch["name"]), ("Date of birth:", _fmt_date(ch["date_of_birth"], dates)))
    pair(("Home address:", ch["home_address"]),
         ("Date of death or critical incident:", _fmt_date(ch["incident_date"], dates)))
    pair(("Carer:", ch["carer"]), ("Location of incident:", ch["incident_location"]))
    out += ["", "Ethnic origin:"]
    eth = case.get("eth")
    for block in (ETHNIC_GROUPS[:3], ETHNIC_GROUPS[3:]):
        out.append(" ".join(f"({letter}) {title}" for letter, title, _ in block))
        for letter, _title, opts in block:
            for opt in opts:
                out.append(f"{_box(eth == (letter, opt), ticks)} {opt}")
    out.append("")
    pair(("Faith:", ch["faith"]), ("Disability:", ch["disability"]))
    cpp = " ".join(f"{_box(ch['child_protection_plan'] == v, ticks)} {t}" for v, t in
                   (("yes", "Yes"), ("no", "No"), ("has_been", "Has been"), ("not_known", "Not known")))
    out += ["", f"Child protection plan: {cpp}", "", "3. Composition of family and significant others",
            "Name\tRelationship to child\tDoB\tAddress\tEthnic origin"]
    for m in case["family"]:
        out.append("\t".join([m["name"], m["relationship"], _fmt_date(m["date_of_birth"], dates) or "", m["address"],
                              m["ethnicity"] or ""]))
    out += ["Add rows as needed", "", "4. Rapid Review criteria", "Criterion\tYes\tno"]
    crit = case["criteria"]
    for q, key in (("Is the child deceased?", "child_died"),
                   ("Is the child seriously harmed (please describe below)?", "seriously_harmed")):
        out.append(f"{q}\t{_box(crit[key] is True, ticks)}\t{_box(crit[key] is False, ticks)}")
    abuse = crit["abuse_or_neglect"]
    out.append("Is abuse or neglect known or suspected to be a cause of the death or harm to the child?\t"
               f"{_box(abuse == 'known', ticks)} Known\t{_box(abuse == 'suspected', ticks)} Suspected")
    out.append("Is there a cause for concern as to the way in which agencies or other relevant persons have worked "
               f"together to safeguard the child?\t{_box(crit['agency_concern'] is True, ticks)}\t"
               f"{_box(crit['agency_concern'] is False, ticks)}")
    out += ["", "5. Summary of events",
            "Please provide a summary of the events leading to the death or harm caused to the child, making clear "
            "why you believe that these circumstances meet the criteria for SCR.", case["summary"], "",
            "6. Other information",
            "If you are aware of any other agencies involved in the care of this child please list below:",
            "Name\tAgency\tContact details\tAre they still involved?"]
    for a in case["other_agencies"]:
        out.append("\t".join([a["name"], a["agency"], a["contact"], "Yes" if a["still_involved"] else "No"]))
    out += ["", "Process\tCurrent status"]
    out += [f"{p['process']}\t{p['status']}" for p in case["other_processes"]]
    return "\n".join(out) + "\n"


def ns_html(case: dict[str, Any]) -> str:
    """The form pasted into an Outlook HTML message: Word's tables survive as <table>s, ticks as glyphs."""
    text = ns_text(case, layout="tabs")
    parts = ['<html><head><style>p.MsoNormal{margin:0}</style></head><body lang="EN-GB">',
             '<p class="MsoNormal">Good afternoon,</p><p class="MsoNormal">Please find our referral below.</p>']
    rows: list[str] = []
    for line in text.split("\n"):
        if "\t" in line:
            cells = "".join(f"<td><p class=MsoNormal>{html.escape(c)}</p></td>" for c in line.split("\t"))
            rows.append(f"<tr>{cells}</tr>")
            continue
        if rows:
            parts.append('<table class="MsoTableGrid" border="1">' + "".join(rows) + "</table>")
            rows = []
        parts.append(f'<p class="MsoNormal">{html.escape(line) or "&nbsp;"}</p>')
    if rows:
        parts.append('<table class="MsoTableGrid" border="1">' + "".join(rows) + "</table>")
    parts.append("</body></html>")
    return "\n".join(parts)
