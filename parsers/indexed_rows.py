"""People asked for one field at a time ("Family member 1 – name", "Name (2)", "Person 2 DOB"): one table.

Fillable PDFs and some Word forms have a box per value of each family member instead of a table. The label |
value rows that carry the same index are regrouped into one row of a table under a header row, so that the
repeating-table reader maps them by column like any family table. Only rows whose label is a family field
with an index are moved; everything else stays where it was.
"""

from __future__ import annotations

import re

from parsers.documents.model import Block, DocView, Table

_FIELDS = (
    ("Name", r"(?:full )?name"),
    ("Relationship", r"relationship(?: to (?:the )?child)?"),
    ("Date of birth", r"date of birth|d\.?o\.?b\.?"),
    ("Address", r"(?:home )?address"),
    ("Ethnicity", r"ethnicity|ethnic origin"),
)
_FIELD = "|".join(f"(?P<f{k}>{rx})" for k, (_, rx) in enumerate(_FIELDS))
_PERSON = r"(?:family member|household member|member|person|adult|parent|carer|sibling|relative|significant other)"
_INDEXED = re.compile(
    rf"^\s*(?:{_PERSON}\s*(?P<n1>\d{{1,2}})\s*[-–—:,]?\s*(?:{_FIELD})"
    rf"|(?:{_PERSON}\s*)?(?:{_FIELD.replace('?P<f', '?P<g')})\s*[-–—:]?\s*\(?(?P<n2>\d{{1,2}})\)?)\s*:?\s*$",
    re.I,
)


def _match(label: str) -> tuple[int, int] | None:
    """(person index, field column) of an indexed family label."""
    m = _INDEXED.match(label)
    if m is None:
        return None
    n = m.group("n1") or m.group("n2")
    for k in range(len(_FIELDS)):
        if m.group(f"f{k}") or m.group(f"g{k}"):
            return int(n), k
    return None


def regroup(view: DocView) -> DocView:
    """The view with indexed family rows of its tables gathered into one family table (unchanged if none)."""
    blocks: list[Block] = []
    changed = False
    for block in view.blocks:
        if not isinstance(block, Table):
            blocks.append(block)
            continue
        people: dict[int, list[str]] = {}
        kept: list[list[str]] = []
        where: int | None = None
        for row in block.rows:
            hit = _match(row[0]) if len(row) == 2 else None
            if hit is None:
                kept.append(row)
                continue
            if where is None:
                where = len(kept)
            people.setdefault(hit[0], [""] * len(_FIELDS))[hit[1]] = row[1]
        # every indexed person named, with at least one more field: "Address 1 / Address 2" lines of one address
        # are not people
        if not people or where is None or not all(p[0] and sum(1 for v in p if v) >= 2 for p in people.values()):
            blocks.append(block)
            continue
        changed = True
        if kept[:where]:
            blocks.append(Table(kept[:where], block.columns_uncertain))
        family = [[name for name, _ in _FIELDS]] + [people[n] for n in sorted(people)]
        blocks.append(Table(family))
        if kept[where:]:
            blocks.append(Table(kept[where:], block.columns_uncertain))
    if not changed:
        return view
    return DocView(name=view.name, blocks=blocks, warnings=view.warnings)
