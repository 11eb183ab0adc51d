"""People written as e-mail signature blocks under a form's heading instead of a table: under "Professionals
involved", each worker as "Abimbola Whitcombe" / "South Western Ambulance Service NHS Foundation Trust" / "E:
abimbola.whitcombe@swast.nhs.uk" / "Currently working with the family"; under "Referrer", the referrer as "Kirsty
Pennington" / "Paramedic Team Leader" / "South Western Ambulance ..." / "T: 01632 960617" / "E: ...". Read as
the agencies' table, and as the referrer's label | value rows.

Only where every line under the heading (but one introducing line ending in ":") falls into such blocks: a
person's name, one or two lines (role, agency), then contact lines ("T:", "E:", a bare number or address) and, for
an agency, a line saying whether it still works with the family. Anything else under the heading is left as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.documents.model import Block, DocView, Table
from parsers.line_kinds import section_of

_NAME = re.compile(r"^(?:(?:dr|mr|mrs|ms|miss|mx|prof|pc|ds|dc|sgt)\.? )?[^\W\d_][\w'’\-]+(?: [^\W\d_][\w'’\-]*){1,3}$")
_CONTACT = re.compile(
    r"^(?:(?:t|tel|telephone|phone|m|mob|mobile|e|email|e-mail)\s*[:.]\s*)?(?P<value>[\w.+'’\-]+@[\w.\-]+\.\w+|"
    r"(?:\+44\s?|0)\d[\d ]{8,12}\d)$", re.I)
_STILL = re.compile(r"^(?:currently|still) (?:working|involved) with (?:the )?(?:family|child|children)\.?$|"
                    r"^(?:still involved|open to us|case open|currently open)\.?$", re.I)
_ENDED = re.compile(r"^(?:case |file )?closed(?: to us)?\.?$|^no longer (?:working|involved) with (?:the )?"
                    r"(?:family|child|children)\.?$|^not (?:currently )?involved\.?$", re.I)
_INTRO = re.compile(r"^[^:]{3,120}:$")


@dataclass
class _Person:
    name: str
    lines: list[str] = field(default_factory=list)  # role and agency, as written
    phone: str = ""
    email: str = ""
    still: str = ""


def _blocks(lines: list[str], agencies: bool) -> list[_Person] | None:
    """The signature blocks the lines make, or None when any line falls outside one."""
    people: list[_Person] = []
    k = 0
    while k < len(lines):
        if not _NAME.match(lines[k]) or k + 1 >= len(lines):
            return None
        person = _Person(lines[k])
        k += 1
        while k < len(lines) and not _CONTACT.match(lines[k]) and not _STILL.match(lines[k]) \
                and not _ENDED.match(lines[k]) and len(person.lines) < 2:
            person.lines.append(lines[k])
            k += 1
        while k < len(lines) and (contact := _CONTACT.match(lines[k])) is not None:
            value = contact.group("value")
            if "@" in value:
                person.email = person.email or value
            else:
                person.phone = person.phone or value
            k += 1
        if agencies and k < len(lines) and (_STILL.match(lines[k]) or _ENDED.match(lines[k])):
            person.still = "Yes" if _STILL.match(lines[k]) else "No"
            k += 1
        if not person.lines or not (person.phone or person.email or person.still):
            return None
        people.append(person)
    return people


def _table(section: str, people: list[_Person]) -> Table | None:
    if section == "agencies":
        rows = [["Worker", "Agency", "Contact", "Still involved?"]]
        rows += [[p.name, p.lines[-1], p.email or p.phone, p.still] for p in people]
        return Table(rows)
    if len(people) != 1:
        return None
    p = people[0]
    rows = [["Name", p.name]]
    if len(p.lines) == 2:
        rows.append(["Role", p.lines[0]])
    rows.append(["Organisation", p.lines[-1]])
    rows += [["Telephone", p.phone]] if p.phone else []
    rows += [["Email", p.email]] if p.email else []
    return Table(rows)


_LABELLED = re.compile(r"^[^:]{1,40}:\s*\S")


def _stops(block: Block) -> bool:
    """Whether the run of lines under the heading ends here: a table, the next heading, a "Label: value" line."""
    if not isinstance(block, str):
        return True
    text = block.strip()
    return section_of(text) is not None or (not _CONTACT.match(text) and bool(_LABELLED.match(text)))


def signature_blocks(view: DocView) -> DocView:
    """The view with workers and a referrer written as signature blocks under their heading read as tables
    (unchanged if there are none)."""
    out: list[Block] = []
    changed = False
    blocks = view.blocks
    k = 0
    while k < len(blocks):
        block = blocks[k]
        out.append(block)
        k += 1
        section = section_of(block) if isinstance(block, str) and block.strip() else None
        if section not in ("agencies", "referrer"):
            continue
        end = k
        while end < len(blocks) and not _stops(blocks[end]):
            end += 1
        lines = [str(b).strip() for b in blocks[k:end] if str(b).strip()]
        intro = [lines.pop(0)] if lines and _INTRO.match(lines[0]) else []
        people = _blocks(lines, section == "agencies") if lines else None
        table = _table(section, people) if people else None
        if table is None:
            continue
        out.extend([*intro, table])
        changed = True
        k = end
    return DocView(name=view.name, blocks=out, warnings=view.warnings) if changed else view
