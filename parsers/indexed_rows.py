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
# "Family 1 name": a tracker's or CSV export's column for the first family member's name
_PERSON = (r"(?:family member|household member|member|person|adult|parent|carer|sibling|relative|significant other|"
           r"family)")
_INDEXED = re.compile(
    rf"^\s*(?:{_PERSON}\s*(?P<n1>\d{{1,2}})\s*[-–—:,]?\s*(?:{_FIELD})"
    rf"|(?:{_PERSON}\s*)?(?:{_FIELD.replace('?P<f', '?P<g')})\s*[-–—:]?\s*\(?(?P<n2>\d{{1,2}})\)?)\s*:?\s*$",
    re.I,
)


# Agencies and processes asked one box at a time ("Agency 1 – worker name", "Process 2 – current status"): the
# numbered word is required, so that a plain "Name" or "Status" is never moved; and spaced as a person labels a
# box ("Agency 1 – name"), not a form tool's field name ("Agency1Name": the page shows its real label).
_OTHER = {
    "agencies": (r"(?:other )?agency|professional|organisation|service", (
        ("Name", r"(?:worker(?:'s)? |professional(?:'s)? |contact )?name|worker|practitioner|professional"),
        ("Agency", r"agency(?: name)?|organisation|service"),
        ("Contact details", r"(?:(?:worker|professional|practitioner)(?:'s|’s)? )?(?:contact(?: details| number)?|"
                            r"tel(?:ephone)?|phone|e-?mail|phone or e-?mail|e-?mail or phone)"),
        ("Still involved?", r"(?:is (?:this|the) (?:service|agency|organisation) )?(?:still|currently) involved"
                            r"(?: with (?:the )?(?:family|child))?\??|(?:is (?:this|the) (?:service|agency) )?still "
                            r"(?:working with|involved with) (?:the )?(?:family|child)\??"),
    )),
    "processes": (r"(?:other |parallel )?process", (
        ("Process", r"(?:type|name|process|description)?"),
        ("Status", r"(?:current )?status|stage|progress|outcome|where (?:has it|it has|things have) got to\??"),
    )),
}
_OTHER_RX = {
    kind: re.compile(
        rf"^\s*(?:{word})\s+(?P<n>\d{{1,2}})(?:\s*[-–—:,]\s*|\s+|(?=\s*[:?]?\s*$))(?:"
        + "|".join(f"(?P<f{k}>{rx})" for k, (_, rx) in enumerate(fields)) + r")\s*[:?]?\s*$",
        re.I,
    )
    for kind, (word, fields) in _OTHER.items()
}
_HEADERS = {"family": [name for name, _ in _FIELDS], **{k: [n for n, _ in f] for k, (_, f) in _OTHER.items()}}


# "Agency 2" alone: the agency's own name (its worker, contact and involvement asked as "Agency 2 worker", ...);
# "Other process" / "Other process status" unnumbered: a form with room for one
_AGENCY_ALONE = re.compile(r"^\s*(?:other )?agency\s+(?P<n>\d{1,2})\s*:?\s*$", re.I)
_ONE_PROCESS = re.compile(r"^\s*(?:other process(?P<status>\s+(?:current )?status)?|(?P<of>status of (?:the )?other "
                          r"process))\s*:?\s*$", re.I)


def _match_cell(label: str) -> tuple[str, int, int] | None:
    """`_match`, and in a label | value row (never a paragraph: "Agency 1" above its own labelled lines is a
    heading) the agency's bare number and an unnumbered "Other process"."""
    if (alone := _AGENCY_ALONE.match(label)) is not None:
        return "agencies", int(alone.group("n")), 1
    if (one := _ONE_PROCESS.match(label)) is not None:
        return "processes", 1, 1 if one.group("status") or one.group("of") else 0
    return _match(label)


def numbered_label(label: str) -> bool:
    """Whether a label asks for one field of a numbered family member, agency or process ("Agency 1 worker")."""
    return _match_cell(label.strip()) is not None


def _match(label: str) -> tuple[str, int, int] | None:
    """(kind, index, field column) of a numbered family, agency or process label."""
    m = _INDEXED.match(label)
    if m is not None:
        n = m.group("n1") or m.group("n2")
        for k in range(len(_FIELDS)):
            if m.group(f"f{k}") or m.group(f"g{k}"):
                return "family", int(n), k
    if len(label) > 80:
        return None
    for kind, rx in _OTHER_RX.items():
        m = rx.match(label)
        if m is not None:
            for k in range(len(_OTHER[kind][1])):
                if m.group(f"f{k}") is not None:
                    return kind, int(m.group("n")), k
    return None


def _unnumbered(kind: str, label: str, opened: int = 0) -> int | None:
    """The column of a field asked without its number right under a numbered one ("Status" under "Process 2",
    "relationship" under "Family member 1 name", "Worker" under "Agency 2"): never the list's first column, which
    opens an entry, nor (an agency, opened by its worker or by its own name) the column that opened it."""
    fields = _OTHER[kind][1] if kind in _OTHER else _FIELDS if kind == "family" else ()
    if kind == "agencies" and _WORKER_AND_CONTACT.fullmatch(label):
        return _BOTH
    for k, (_, rx) in enumerate(fields):
        if (k != opened if kind == "agencies" else k) and re.fullmatch(rf"\s*(?:{rx})\s*[:?]?\s*", label, re.I):
            return k
    return None


_KEY = {"family": 0, "agencies": 1, "processes": 0}  # the column every indexed entry must have

# "Worker and contact" under "Agency 2", answered "Ruben Mulcahy, 01632 960424": the worker's name and how to reach
# them in one box, parted at the first comma when what follows it is a phone number or an e-mail address
_WORKER_AND_CONTACT = re.compile(r"\s*(?:worker|practitioner|professional|contact name|name)(?:'s)?\s*(?:and|&|/)\s*"
                                 r"contact(?: details)?\s*[:?]?\s*", re.I)
_BOTH = -1
_REACH = re.compile(r"@|\d{4}")


def _worker_and_contact(value: str) -> tuple[str, str] | None:
    name, sep, contact = value.partition(",")
    if not sep or not name.strip() or not _REACH.search(contact) or _REACH.search(name):
        return None  # one part only, or the parts cannot be told apart: neither is taken
    return name.strip(), contact.strip()


def _tables(people: dict[str, dict[int, list[str]]], uncertain: bool) -> list[Block] | None:
    """One table per kind, header first, a row per index. A family needs every person named with one more value
    ("Address 1 / Address 2" lines of one address are not people); an agency or process its key value. None
    (leave the rows where they were) if any kind falls short."""
    out: list[Block] = []
    for kind, rows in people.items():
        filled = {n: r for n, r in rows.items() if any(r)}
        if kind == "family":
            ok = all(r[0] and sum(1 for v in r if v) >= 2 for r in rows.values())
        else:
            ok = all(r[_KEY[kind]] for r in filled.values())
        if not (filled and ok):
            return None
        out.append(Table([_HEADERS[kind]] + [filled[n] for n in sorted(filled)], uncertain))
    return out


_INLINE = re.compile(r"^\s*(?P<label>[^:]{3,80}?)\s*:\s+(?P<value>\S.*?)\s*$")


def _inline(line: str) -> tuple[tuple[str, int, int], str] | None:
    """A numbered label and its answer on one line ("Agency 2 - worker: Fergus Carnegie"), else None."""
    m = _INLINE.match(line)
    hit = _match(m.group("label").rstrip("?")) if m is not None else None
    return (hit, m.group("value")) if hit is not None and m is not None else None


# "Person 2" alone over the person's name (a form that numbers each household member's box of questions)
_PERSON_ALONE = re.compile(r"^\s*(?:family member|household member|person|adult|child)\s+(?P<n>\d{1,2})\s*:?\s*$", re.I)


def _field_of(kind: str, label: str) -> int | None:
    """The column of an entry's field asked without the entry's number ("Worker", "Relationship to the child")."""
    fields = _OTHER[kind][1] if kind in _OTHER else _FIELDS
    for k, (_, rx) in enumerate(fields):
        if rx and re.fullmatch(rf"\s*(?:{rx})\s*[:?]?\s*", label, re.I):
            return k
    return None


def _is_label(block: Block) -> bool:
    """Whether a line is itself one of the entries' questions (then the line above it has no answer)."""
    if not isinstance(block, str):
        return False
    text = block.strip()
    return (_match(text) is not None or _match_cell(text) is not None or _PERSON_ALONE.match(text) is not None
            or any(_field_of(kind, text) is not None for kind in ("family", *_OTHER)))


def _person_alone(label: str, after: str) -> tuple[str, int, int] | None:
    """("family", n, name column) for "Person n" over a name (not over a question: then it is a heading)."""
    m = _PERSON_ALONE.match(label)
    return ("family", int(m.group("n")), 0) if m is not None and not _is_label(after) else None


def _paragraph_pairs(blocks: list[Block]) -> tuple[list[Block], bool]:
    """Label-above-value paragraphs ("Person 1 – name" / "Chantelle Szabo", an online form's export) gathered
    into tables where their run starts."""
    out: list[Block] = []
    people: dict[str, dict[int, list[str]]] = {}
    run: list[Block] = []  # the run's own blocks, put back if it does not make tables
    changed = False

    def flush() -> None:
        nonlocal people, run, changed
        tables = _tables(people, False) if people else None
        out.extend(tables if tables is not None else run)
        changed = changed or tables is not None
        people, run = {}, []

    last: tuple[str, int, int] | None = None  # the entry being read, for its fields asked without a number
    k = 0
    while k < len(blocks):
        block = blocks[k]
        hit = _match(block.strip()) if isinstance(block, str) and block.strip() else None
        inline = _inline(block) if hit is None and isinstance(block, str) else None
        if inline is not None:
            # "Family member 1 - name: Rhiannon Prothero": label and answer on one line, as a text export writes
            run.append(block)
            kind, n, col = inline[0]
            people.setdefault(kind, {}).setdefault(n, [""] * len(_HEADERS[kind]))[col] = inline[1]
            k += 1
            continue
        if hit is None and isinstance(block, str) and block.strip():
            # "Agency 1" / "Youth Justice Service": a bare number's answer on the next line; never above a line
            # with labels of its own ("Agency 1" / "Agency: ...": a heading)
            after = next((b for b in blocks[k + 1 : k + 4] if not (isinstance(b, str) and not b.strip())), None)
            if isinstance(after, str) and ":" not in after and _match(after.strip()) is None:
                hit = _match_cell(block.strip()) or _person_alone(block.strip(), after.strip())
            if hit is None and last is not None and isinstance(after, (str, Table)):
                # "Person 2" / "Jarrah Olawale" / "Relationship to the child" / "Father": the entry's other
                # fields asked without its number, each once
                asked = _field_of(last[0], block.strip())
                entry = people.get(last[0], {}).get(last[1])
                if asked is not None and entry is not None and not entry[asked] and not _is_label(after):
                    hit = (last[0], last[1], asked)
        if hit is None:
            if isinstance(block, str) and not block.strip():
                (run if people else out).append(block)
            else:
                flush()
                last = None
                out.append(block)
            k += 1
            continue
        j = k + 1
        while j < len(blocks) and j <= k + 3 and isinstance(blocks[j], str) and not str(blocks[j]).strip():
            j += 1
        value = blocks[j] if j < len(blocks) else None
        if isinstance(value, Table) and len(value.rows) == 1:
            value = " ".join(c.strip() for c in value.rows[0] if c.strip())  # "Yes | No ☒": the options in a row
        text = ""
        end = k + 1
        if isinstance(value, str) and value.strip() and _match(value.strip()) is None:
            text, end = value.strip(), j + 1
        last = hit
        run.extend(blocks[k:end])
        kind, n, col = hit
        people.setdefault(kind, {}).setdefault(n, [""] * len(_HEADERS[kind]))[col] = text
        k = end
    flush()
    return out, changed


# "Person 2" / "Professional 1" / "Process 1" over its own small label | value table (a forms service's
# repeating section): each label is that entry's, numbered as if asked "Person 2 full name"
_ENTRY_HEADING = re.compile(r"^\s*(?P<word>person|family member|household member|professional|agency|process)\s+"
                            r"(?P<n>\d{1,2})\s*:?\s*$", re.I)


def _numbered_sections(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    k = 0
    while k < len(blocks):
        block = blocks[k]
        m = _ENTRY_HEADING.match(block) if isinstance(block, str) else None
        j = k + 1
        while m is not None and j < len(blocks) and isinstance(blocks[j], str) and not str(blocks[j]).strip():
            j += 1
        nxt = blocks[j] if m is not None and j < len(blocks) else None
        if m is None or not isinstance(nxt, Table) or not nxt.rows or any(len(r) != 2 for r in nxt.rows):
            out.append(block)
            k += 1
            continue
        word, n = m.group("word"), m.group("n")
        out.append(Table([[f"{word} {n} {label.strip()}", value] for label, value in nxt.rows],
                         nxt.columns_uncertain))
        k = j + 1
    return out


def regroup(view: DocView) -> DocView:
    """The view with indexed family, agency and process rows (of a table, or label-above-value paragraphs)
    gathered into one table of each (unchanged if none)."""
    blocks: list[Block] = []
    changed = False
    numbered = _numbered_sections(view.blocks)
    changed = len(numbered) != len(view.blocks)
    for block in numbered:
        if not isinstance(block, Table):
            blocks.append(block)
            continue
        people: dict[str, dict[int, list[str]]] = {}
        kept: list[list[str]] = []
        where: int | None = None
        last: tuple[str, int, int] | None = None
        opened = 0  # the column of the last numbered label: the one that opened the entry
        for row in block.rows:
            if len(row) > 2 and all(re.match(r"\s*[☐☒]", cell) for cell in row[1:]):
                row = [row[0], "   ".join(row[1:])]  # "Still involved | ☐ Yes | ☒ No": one answer, its boxes
            hit = _match_cell(row[0]) if len(row) == 2 else None
            if hit is not None:
                opened = hit[2]
            elif last is not None and len(row) == 2:
                col = _unnumbered(last[0], row[0], opened)
                hit = (last[0], last[1], col) if col is not None else None
            last = hit
            if hit is None:
                kept.append(row)
                continue
            if where is None:
                where = len(kept)
            entry = people.setdefault(hit[0], {}).setdefault(hit[1], [""] * len(_HEADERS[hit[0]]))
            if hit[2] == _BOTH:
                if (both := _worker_and_contact(row[1])) is not None:
                    entry[0], entry[2] = both
            else:
                entry[hit[2]] = row[1]
        tables = _tables(people, block.columns_uncertain) if where is not None else None
        if not tables:
            blocks.append(block)
            continue
        changed = True
        if kept[:where]:
            blocks.append(Table(kept[:where], block.columns_uncertain))
        blocks.extend(tables)
        if kept[where:]:
            blocks.append(Table(kept[where:], block.columns_uncertain))
    if any(isinstance(b, str) and b.strip() and (_match(b.strip()) or _inline(b) or _match_cell(b.strip())
                                                  or _PERSON_ALONE.match(b)) for b in blocks):
        blocks, paired = _paragraph_pairs(blocks)
        changed = changed or paired
    if not changed:
        return view
    return DocView(name=view.name, blocks=blocks, warnings=view.warnings)
