"""One family member or agency written as a cell of lines: its head, then its other answers labelled a line each.

"Halima Abdullahi — Mother" / "Date of birth: 28-Dec-1989" / "Address: 48 Sandmead Road, ..." / "Ethnicity: Roma",
or "Sirona care & health" / "Contact name: Piotr Spurway" / "Contact details: 07700 900628" / "Still involved: Yes"
(a portal's or a Word form's repeating block). Read line by line, each line alone is no record; joined as they
come, the labels run into the values ("Sirona care & health Contact name"). Here the labels are taken off and the
parts joined with dashes, the shape line_records reads ("Sirona care & health – Piotr Spurway – 07700 900628 –
Still involved: Yes"); only when every line after the head is a label this module knows with its answer.
"""

from __future__ import annotations

import re

# the label of an answer whose value reads on its own (a name, an address); its label is taken off
_DROP = {
    "family": r"(?:full )?name|relationship(?: to (?:the )?child)?|(?:home |current )?address|lives at|"
              r"ethnicity|ethnic origin|ethnic group",
    "agencies": r"(?:contact |worker(?:'s)? |named worker(?:'s)? |practitioner(?:'s)? |professional(?:'s)? )?name|"
                r"(?:named |key |lead )?(?:worker|practitioner|professional)|agency(?: name)?|organisation|service|"
                r"contact(?: details| number)?|tel(?:ephone)?|phone|e-?mail|phone or e-?mail",
}
# the label of an answer line_records reads with its label ("DOB 28-Dec-1989", "Still involved: Yes"); kept
_KEEP = {
    "family": r"date of birth|d\.?o\.?b\.?|born",
    "agencies": r"(?:is (?:the|this) (?:agency|service) )?(?:still|currently) involved\??",
}
_LINE = {kind: re.compile(rf"^\s*(?:(?P<drop>{_DROP[kind]})|(?P<keep>{_KEEP[kind]}))\s*[:\-–]\s*(?P<value>\S.*?)\s*$",
                          re.I) for kind in _DROP}


def one_line(kind: str, cell: str) -> str | None:
    """The cell as one dash-parted line with its answers' labels taken off, or None when it is not one entry of
    `kind` ("family", "agencies") so written."""
    rx = _LINE.get(kind)
    lines = [ln.strip() for ln in cell.split("\n") if ln.strip()]
    if rx is None or len(lines) < 2 or len(lines) > 8:
        return None
    parts = [lines[0]]
    if ":" in lines[0]:
        # "Agency: Children's Social Care" / "Worker: ...": the head labelled as the others are
        head = rx.match(lines[0])
        if head is None or not head.group("drop"):
            return None
        parts = [head.group("value")]
    for line in lines[1:]:
        m = rx.match(line)
        if m is None:
            return None
        parts.append(m.group("value") if m.group("drop") else line)
    return " – ".join(parts)
