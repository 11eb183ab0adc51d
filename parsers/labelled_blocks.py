"""People, agencies and processes written as blocks of "Label: value" lines under their heading: one table.

A label-above-value form asks for each family member as a little block ("Person 1" / "Name: Jade Ashdown" /
"Relationship to child: Mother" / "DOB: 12 June 2003" / ...), and agencies and processes the same way. Under a
family, agencies or processes heading, a run of lines whose labels are all columns of that list is gathered into
one table under a header row, a record per block: a "Person 2" / "Agency 2" line, or a label coming round again,
starts the next one; so does a line naming the record ("1. Jade Ashdown", or "Jade Ashdown" alone) over label lines.
Anything else ends the run, and a run that does not make whole records is left as it was.
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
_FIRST = {"agencies": ("contact", "still_involved")}
_LINE = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z '’/().-]{0,40}?)\s*:\s*(?P<value>.*?)\s*$")
_MARKER = re.compile(
    r"^\s*(?:family member|household member|member|person|adult|relative|significant other|"
    r"(?:other )?agency|professional|organisation|service|(?:other |parallel )?process)"
    # "Person 2 of 4", "Agency 1/3": an online form's count of the records it repeats
    r"\s*(?:no\.?\s*)?\d{1,2}(?:\s*(?:of|/)\s*\d{1,2})?\s*:?\s*$",
    re.I,
)


# "1.  Simone Ap Dafydd" / "2)  Avon and Somerset Police": a numbered line that opens a record and names it (the
# person, or the agency), its other values on the label lines under it
_NUMBERED = re.compile(r"^\s*\(?\d{1,2}[.)]\s+(?P<value>[^:\n]{2,80}?)\s*$")
# "Lowri Da Costa", "Severn Vale Housing": a short line of capitalised words with no label, number or sentence mark,
# which opens a record and names it when the line under it is one of the list's label lines
_BARE_NAME = re.compile(r"^\s*[A-Z][^\W\d_]*(?:[ '’.-]+[A-Za-z][^\W\d_]*){0,5}\s*$")
# the column a numbered line names, by kind of list
_NAMED_BY = {"family": "name", "agencies": "agency"}


def _label_line_next(blocks: list[Block], k: int) -> bool:
    """Whether the first filled block from k is a paragraph line with a colon or a "Person 2" marker, or a table
    of label | value rows."""
    for block in blocks[k : k + 4]:
        if isinstance(block, Table):
            return bool(block.rows) and all(len(row) == 2 for row in block.rows)
        if block.strip():
            if _BARE_NAME.match(block):
                # "Lowri Da Costa" over "Relationship: Mother": a record named by a line of its own
                return any(":" in b for b in blocks[k + 1 : k + 3] if isinstance(b, str) and b.strip())
            return ":" in block or _MARKER.match(block) is not None or _NUMBERED.match(block) is not None
    return False


def _column_next(blocks: list[Block], k: int, kind: str) -> bool:
    """Whether the first filled block from k is a "Label: value" line whose label is a column of `kind` (what a
    numbered record's line must be followed by: "7. Other processes" over "Process: ..." heads another list)."""
    for block in blocks[k : k + 4]:
        if isinstance(block, Table):
            return False
        if block.strip():
            m = _LINE.match(block.strip())
            return m is not None and _column(kind, m.group("label")) is not None
    return False


def _table_pairs(kind: str, table: Table) -> list[tuple[str, str]] | None:
    """(column, value) for each row of a label | value table whose labels are all columns of `kind` (a row with no
    rule under it holding two labels and two answers, a line each, is two rows); None if any row is not one."""
    pairs: list[tuple[str, str]] = []
    for row in table.rows:
        if len(row) != 2:
            return None
        labels = [ln for ln in row[0].split("\n") if ln.strip()]
        values = [ln for ln in row[1].split("\n") if ln.strip()]
        if len(labels) > 1 and len(labels) != len(values):
            labels = [" ".join(labels)]  # a label wrapped in its cell ("Relationship to" / "child")
        keys = [_column(kind, label) for label in labels]
        if not keys or None in keys:
            return None
        if len(keys) == 1:
            pairs.append((keys[0] or "", " ".join(v.strip() for v in values)))
        else:
            pairs.extend((key or "", value.strip()) for key, value in zip(keys, values, strict=True))
    return pairs


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
    # "Worker's contact details" is the worker's contact, not the worker: the columns a label names by a word
    # anywhere in it are tried before those named by its first word
    order = [*_FIRST.get(kind, ()), *COLUMNS[kind]]
    return next((key for key in order if COLUMNS[kind][key].search(text)), None)


def _run(blocks: list[Block], start: int, kind: str) -> tuple[list[dict[str, str]], int]:
    """The records of the label lines from blocks[start], and the index after the run's last one."""
    records: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    end = start
    k = start
    while k < len(blocks):
        block = blocks[k]
        if isinstance(block, Table):
            # each person (or agency) as a little label | value table, or all of them in one: a label coming
            # round again starts the next record, as with lines
            pairs = _table_pairs(kind, block)
            if pairs is None:
                break
            for column, value in pairs:
                if current is None or column in current:
                    current = {}
                    records.append(current)
                current[column] = value
            k += 1
            end = k
            continue
        text = block.strip()
        if not text:
            k += 1
            continue
        if _MARKER.match(text):
            current = None  # the next label line opens a new record
            k += 1
            continue
        numbered = _NUMBERED.match(text) if kind in _NAMED_BY and "\n" not in text else None
        if numbered is not None and _heading_kind(text) is None and _column_next(blocks, k + 1, kind):
            current = {_NAMED_BY[kind]: numbered.group("value")}
            records.append(current)
            k += 1
            end = k
            continue
        bare = _BARE_NAME.match(text) if kind in _NAMED_BY and "\n" not in text else None
        if (bare is not None and _heading_kind(text) is None and _column_next(blocks, k + 1, kind)
                and (current is None or _NAMED_BY[kind] in current)):
            # "Lowri Da Costa" / "Relationship: Mother" / ...: the name line opens the record, as a numbered one does
            current = {_NAMED_BY[kind]: text}
            records.append(current)
            k += 1
            end = k
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
