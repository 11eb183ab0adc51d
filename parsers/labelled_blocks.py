"""People, agencies and processes written as blocks of "Label: value" lines under their heading: one table.

A label-above-value form asks for each family member as a little block ("Person 1" / "Name: Jade Ashdown" /
"Relationship to child: Mother" / "DOB: 12 June 2003" / ...), and agencies and processes the same way. Under a
family, agencies or processes heading, a run of lines whose labels are all columns of that list is gathered into
one table under a header row, a record per block: a "Person 2" / "Agency 2" line, or a label coming round again,
starts the next one. Anything else ends the run, and a run that does not make whole records is left as it was.
"""

from __future__ import annotations

import re

from parsers.documents.model import Block, DocView, Table
from parsers.labels import AGENCIES, COLUMNS, FAMILY, HEADINGS, PROCESSES, TABLE_KEYS

_KINDS = {FAMILY: "family", AGENCIES: "agencies", PROCESSES: "processes"}
# The header row the repeating-table reader knows each column by.
_HEADER = {
    "family": {"name": "Name", "relationship": "Relationship", "date_of_birth": "Date of birth", "address": "Address",
               "ethnicity": "Ethnicity"},
    "agencies": {"name": "Name", "agency": "Agency", "contact": "Contact", "still_involved": "Still involved"},
    "processes": {"process": "Process", "status": "Status"},
}
_LINE = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z '’/().-]{0,40}?)\s*:\s*(?P<value>.*?)\s*$")
_MARKER = re.compile(
    r"^\s*(?:family member|household member|member|person|adult|relative|significant other|"
    r"(?:other )?agency|professional|organisation|service|(?:other |parallel )?process)"
    r"\s*(?:no\.?\s*)?\d{1,2}\s*:?\s*$",
    re.I,
)


def _label_line_next(blocks: list[Block], k: int) -> bool:
    """Whether the first filled block from k is a paragraph line with a colon or a "Person 2" marker."""
    for block in blocks[k : k + 4]:
        if not isinstance(block, str):
            return False
        if block.strip():
            return ":" in block or _MARKER.match(block) is not None
    return False


def _heading_kind(text: str) -> str | None:
    if len(text) > 120:
        return None
    for section, pattern in HEADINGS:
        if pattern.match(text):
            return _KINDS.get(section)
    return None


def _column(kind: str, label: str) -> str | None:
    text = re.sub(r"\s*\(?\d{1,2}\)?$", "", " ".join(label.split()))
    if len(text) > 40:
        return None
    return next((key for key, rx in COLUMNS[kind].items() if rx.search(text)), None)


def _run(blocks: list[Block], start: int, kind: str) -> tuple[list[dict[str, str]], int]:
    """The records of the label lines from blocks[start], and the index after the run's last one."""
    records: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    end = start
    k = start
    while k < len(blocks):
        block = blocks[k]
        if not isinstance(block, str):
            break
        text = block.strip()
        if not text:
            k += 1
            continue
        if _MARKER.match(text):
            current = None  # the next label line opens a new record
            k += 1
            continue
        m = _LINE.match(text) if "\n" not in text else None
        key = _column(kind, m.group("label")) if m is not None else None
        if m is None or key is None:
            break
        if current is None or key in current:
            current = {}
            records.append(current)
        current[key] = m.group("value")
        k += 1
        end = k
    return records, end


def _whole(kind: str, records: list[dict[str, str]]) -> bool:
    """Every record has the list's key field; every record says at least two things; an agency list says more
    than a name and an agency (a referrer's "Name / Agency" is not one)."""
    keys = {key for rec in records for key in rec}
    if kind == "agencies" and not keys & {"contact", "still_involved"}:
        return False
    return bool(records) and all(
        all(rec.get(k) for k in TABLE_KEYS[kind]) and sum(1 for v in rec.values() if v) >= 2 for rec in records)


def gather(view: DocView) -> DocView:
    """The view with each labelled block list under its heading made one table (unchanged if there is none)."""
    blocks = view.blocks
    out: list[Block] = []
    changed = False
    k = 0
    while k < len(blocks):
        block = blocks[k]
        out.append(block)
        k += 1
        if not isinstance(block, str) or not block.strip() or not _label_line_next(blocks, k):
            continue  # cheap test first: most paragraphs are not a heading over "Label: value" lines
        kind = _heading_kind(block.strip())
        if kind is None:
            continue
        records, end = _run(blocks, k, kind)
        if not _whole(kind, records):
            continue
        columns = [key for key in _HEADER[kind] if any(key in rec for rec in records)]
        rows = [[_HEADER[kind][key] for key in columns]] + [[rec.get(key, "") for key in columns] for rec in records]
        out.append(Table(rows))
        changed = True
        k = end
    if not changed:
        return view
    return DocView(name=view.name, blocks=out, warnings=view.warnings)
