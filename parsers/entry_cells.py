"""A list whose every entry is one cell of a label | value grid, its details on lines of their own (a portal's
export): "Agency | University Hospitals Bristol ...⏎Worker: Everton Lanyon⏎Contact: 01632 960978⏎Still involved:
☒ Yes ☐ No", "Family member | Carys Threlfall⏎Mother · born Sunday 4 December 1988⏎87 Kenn Moor Drive, Kewstoke,
BS22 6RT⏎Ethnicity: Not declared". Read as the list's table, one row an entry.

The first line is the entry's key (the agency, the person's name); a line "Label: value" whose label is one of the
list's columns fills that column; for a family member, an unlabelled "Relationship · born DATE" line gives both and
an unlabelled line ending in a postcode the address. Only rows whose label names the list's entry, two or more
lines in the cell, every line placed: else the rows are left as they were.
"""

from __future__ import annotations

import re

from parsers.dates import find_date
from parsers.documents.model import Block, DocView, Table

_ENTRY = re.compile(r"^\s*(?:(?P<family>family member|household member|person|relative)|(?P<agencies>(?:other )?agency|"
                    r"professional|organisation|service))(?:\s*\d{1,2})?\s*:?\s*$", re.I)
_HEADERS = {"family": ["Name", "Relationship", "Date of birth", "Address", "Ethnicity"],
            "agencies": ["Agency", "Worker", "Contact", "Still involved?"]}
_FIELDS = {
    "family": [(1, r"relationship(?: to (?:the )?child)?"), (2, r"date of birth|d\.?o\.?b\.?|born"), (3, r"address"),
               (4, r"ethnicity|ethnic origin"), (0, r"(?:full )?name")],
    "agencies": [(1, r"worker|(?:worker(?:'s)? |contact )?name|practitioner|professional"),
                 (2, r"contact(?: details)?|tel(?:ephone)?|phone|e-?mail"),
                 (3, r"(?:still|currently) involved\??|involvement|status"), (0, r"agency|organisation|service")],
}
_LABELLED = re.compile(r"^\s*(?P<label>[^:]{2,40}):\s*(?P<value>.*?)\s*$")
_BORN = re.compile(r"^(?P<rel>[A-Za-z][A-Za-z'’\- ]{1,40}?)\s*[·,;|\-–]\s*(?:born|b\.|dob:?)\s+(?P<dob>.+)$", re.I)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$")


def _entry(kind: str, cell: str) -> list[str] | None:
    lines = [ln.strip() for ln in cell.split("\n") if ln.strip()]
    if len(lines) < 2 or ":" in lines[0]:
        return None
    row = [""] * len(_HEADERS[kind])
    row[0] = lines[0]
    for line in lines[1:]:
        m = _LABELLED.match(line)
        col = None
        if m is not None:
            col = next((c for c, rx in _FIELDS[kind] if re.fullmatch(rf"(?:{rx})", m.group("label").strip(), re.I)),
                       None)
        if col is not None and m is not None and not row[col]:
            row[col] = m.group("value")
        elif kind == "family" and (born := _BORN.match(line)) is not None and find_date(born.group("dob"))[0]:
            row[1], row[2] = born.group("rel").strip(), born.group("dob").strip()
        elif kind == "family" and _POSTCODE.search(line) and not row[3]:
            row[3] = line
        else:
            return None  # a line whose place cannot be told: not this layout
    return row if sum(1 for c in row if c) >= 2 else None


def entry_cells(view: DocView) -> DocView:
    """The view with each list written an entry a cell read as the list's table (unchanged if there is none)."""
    out: list[Block] = []
    changed = False
    for block in view.blocks:
        if not isinstance(block, Table) or not any(len(r) == 2 and "\n" in r[1] for r in block.rows):
            out.append(block)
            continue
        kept: list[list[str]] = []
        lists: dict[str, list[list[str]]] = {}
        place: dict[str, int] = {}
        for row in block.rows:
            m = _ENTRY.match(row[0]) if len(row) == 2 else None
            kind = "family" if m is not None and m.group("family") else "agencies" if m is not None else ""
            entry = _entry(kind, row[1]) if kind else None
            if entry is None:
                kept.append(row)
                continue
            place.setdefault(kind, len(kept))
            lists.setdefault(kind, []).append(entry)
        if not lists:
            out.append(block)
            continue
        changed = True
        # the rows before each list, the list, then the rows after it (a label | value grid goes on around them)
        at = 0
        for kind in sorted(lists, key=lambda k: place[k]):
            if kept[at : place[kind]]:
                out.append(Table(kept[at : place[kind]], block.columns_uncertain))
            out.append(Table([_HEADERS[kind], *lists[kind]], block.columns_uncertain))
            at = place[kind]
        if kept[at:]:
            out.append(Table(kept[at:], block.columns_uncertain))
    return DocView(name=view.name, blocks=out, warnings=view.warnings) if changed else view
