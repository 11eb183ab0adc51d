"""A family written as one sentence instead of a table: "The family members known to us are Nia Loveridge (Mother,
born 15th January 2000, Indian, of Flat 3, 43 Nightingale Rise, Backwell, BS48 6JW); Cai Penberthy (Paternal uncle,
born 12th February 1996, ...); and Tegan Wojcik (...)." Read as a family table, one row a person.

Only a paragraph right under the family section's heading, naming two people or more each as "Name (relationship,
born DATE ...)": a person named in passing elsewhere (a narrative's "her brother Kai (born 2015)") is never a row.
Inside the brackets, after the date: an address follows "of" / "living at" / "at"; a part before it that is not
an address is the person's ethnicity.
"""

from __future__ import annotations

import re

from parsers.documents.model import Block, DocView, Table
from parsers.line_kinds import section_of

_NAME = r"[A-Z][\w'’\-]+(?:\s+(?:[A-Z][\w'’\-]+|de|van|von|ap|ní|ó|ní))*"
_PERSON = re.compile(
    rf"(?P<name>{_NAME})\s*\(\s*(?P<rel>[A-Za-z][A-Za-z'’\- ]{{1,40}}?),\s*(?:born|b\.|dob:?|d\.o\.b\.?:?)\s+"
    r"(?P<dob>[^,();]{4,30}?)(?:,\s*(?P<rest>[^()]*?))?\s*\)"
)
_ADDRESS = re.compile(r"^(?:(?P<eth>[^,]{2,50}?),\s*)?(?:of|living at|at|lives at)\s+(?P<addr>.+)$", re.I)
_HEADER = ["Name", "Relationship", "Date of birth", "Ethnicity", "Address"]


def _rows(text: str) -> list[list[str]]:
    rows = []
    for m in _PERSON.finditer(text):
        rest = (m.group("rest") or "").strip()
        eth, addr = "", ""
        if rest:
            a = _ADDRESS.match(rest)
            if a is not None:
                eth, addr = (a.group("eth") or "").strip(), a.group("addr").strip()
            elif "," not in rest:
                eth = rest
        rows.append([m.group("name").strip(), m.group("rel").strip(), m.group("dob").strip(), eth, addr])
    return rows


def family_sentences(view: DocView) -> DocView:
    """The view with a family written as a sentence under the family heading read as a table (else unchanged)."""
    out: list[Block] = []
    changed = False
    heading = ""
    for block in view.blocks:
        if isinstance(block, str) and block.strip():
            if heading == "family" and "(" in block and (rows := _rows(block)) and len(rows) >= 2:
                out.append(Table([_HEADER, *rows]))
                changed = True
                heading = ""
                continue
            heading = section_of(block) or ""
        elif isinstance(block, Table):
            heading = ""
        out.append(block)
    return DocView(name=view.name, blocks=out, warnings=view.warnings) if changed else view
