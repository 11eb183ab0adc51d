"""Repeating tables (family, other agencies, parallel processes): find the header row, read each real row."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from parsers import ticks
from parsers.dates import find_date, read_date
from parsers.documents.model import Table
from parsers.labels import ANY_LABEL, COLUMNS, LABELS, TABLE_KEYS
from parsers.line_records import RELATION
from parsers.normalise import is_placeholder_row, squash, surname_case, value_or_none

if TYPE_CHECKING:
    from parsers.fields import Extracted


_SPLIT = {
    # "Surname, forename" in one column: "TREMLETT, Natalia" is Natalia Tremlett
    "_surname_first": re.compile(r"^(?:surname|last name|family name)\s*[,/]\s*(?:fore ?names?|first names?)", re.I),
    "_surname": re.compile(r"^(?:surname|last name|family name)\b", re.I),
    "_forename": re.compile(r"^(?:fore ?names?(?:\(s\))?|first names?(?:\(s\))?|given names?)\b", re.I),
    "_phone": re.compile(r"^(?:tel(?:ephone)?|phone|mobile)(?: (?:no\.?|number))?$", re.I),
    "_email": re.compile(r"^e-?mail(?: address)?$", re.I),
}
# One column naming a person and how they are related: "Name (relationship)", "Name / relationship to child"
_NAME_REL = re.compile(r"^(?:full )?name\s*(?:\(\s*relationship(?: to (?:the )?child)?\s*\)|[/&]\s*relationship"
                       r"(?: to (?:the )?child)?|and relationship(?: to (?:the )?child)?)$", re.I)
# ... and its cells: "Jolanta Ap Dafydd (Mother)", "Gethin Mensah – mother's partner"
_PERSON_REL = re.compile(r"^(?P<name>[^()\n]+?)\s*(?:\((?P<rel1>[^()]{2,40})\)|\s[-–—/]\s+(?P<rel2>[^()–—/]{2,40}))$")
_BROKEN_WORD = re.compile(r"\b([A-Za-z]{4,}) ([a-z]{1,3})(?=\s|$)")
_CUT_YEAR = re.compile(r"(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{3})\s+(\d)")
_OPEN = re.compile(r"^(?:(?P<open>active|open|current(?:ly open)?)|inactive|closed|ended)\.?$", re.I)
_EMAIL_ONLY = re.compile(r"[\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)+")
# A children table's column that marks which row the referral is about ("Subject of this referral | Yes"): the
# marked row is the subject child, never a family member (referral.py takes it out of the family)
SUBJECT_COLUMN = re.compile(
    r"^(?:is (?:this|the) )?(?:the )?subject(?: child)?(?: of (?:this|the) (?:referral|notification|review))?\s*\??"
    r"(?:\s*\((?:yes|y)\s*/\s*(?:no|n)\)|\s*y\s*/\s*n)?$|^(?:referred|harmed) child\??$|"
    r"^(?:is )?(?:this|the) (?:referral|notification) (?:is )?about (?:this|the) child\??$", re.I)
_JOINED = {"_surname_first": "name", "_surname": "name", "_forename": "name", "_phone": "contact", "_email": "contact"}


# "Family (name | relationship | DOB | address | ethnicity):": a text list's title with its column names in brackets
_TITLE_OPEN = re.compile(r"^\s*[A-Za-z][A-Za-z /&'’-]{2,40}\(\s*(?P<first>[^()]+?)\s*$")
_TITLE_CLOSE = re.compile(r"^\s*(?P<last>[^()]+?)\s*\)\s*:?\s*$")


def _untitled(row: list[str]) -> list[str]:
    """The column names of a header row written inside its list's title's brackets (else the row)."""
    if len(row) < 3:
        return row
    first, last = _TITLE_OPEN.match(row[0]), _TITLE_CLOSE.match(row[-1])
    if first is None or last is None:
        return row
    return [first.group("first"), *row[1:-1], last.group("last")]


def _header(row: list[str]) -> tuple[str, dict[int, str]] | None:
    """The table kind and column map if this row is a known header row."""
    row = _untitled(row)
    for kind, columns in COLUMNS.items():
        mapping: dict[int, str] = {}
        for c, cell in enumerate(row):
            below = cell.partition("\n")[2]
            if below and re.search(r"\d|@|\S+\s+\S+\s+\S+\s+\S+", below):
                continue  # "Agency / Devon Children's Services": a label over its answer, not a column header
            text = squash(cell)
            # a header word broken inside by a narrow PDF column ("Relationshi p") is still that header
            # ... also before the header's other words ("Relationshi p to child")
            if len(text) >= 60:
                continue
            joined = _BROKEN_WORD.sub(r"\1\2", text) if " " in text else text
            if kind == "family" and _NAME_REL.match(text) and not {"name", "relationship"} & set(mapping.values()):
                mapping[c] = "_name_rel"  # read apart in _record, each part only when it is plainly one
                continue
            for key, pattern in columns.items():
                if key not in mapping.values() and (pattern.search(text) or (joined is not text and
                                                                              pattern.search(joined))):
                    mapping[c] = key
                    break
            else:
                if kind == "family" and "_subject" not in mapping.values() and SUBJECT_COLUMN.match(text):
                    mapping[c] = "_subject"
                    continue
                # split columns: "Surname | Forename(s)", "Telephone | Email": joined into the contract's field
                for key, pattern in _SPLIT.items():
                    if key not in mapping.values() and pattern.match(text) and len(text) < 40:
                        mapping[c] = key
                        break
        _split_yes_no(row, mapping)
        keys = {_JOINED.get(k, k) for k in mapping.values()}
        if "_name_rel" in keys:
            keys |= {"name", "relationship"}
        if any(k in _JOINED for k in mapping.values()) and any(
                cell.strip() and c not in mapping for c, cell in enumerate(row)):
            continue  # split columns count only in a row of nothing but headers ("Organisation | Kent NHS ..." is not)
        # "Name | Role | Agency" is a referrer grid, not an agencies table: that needs contact or involvement too.
        if kind == "agencies" and not keys & {"contact", "still_involved"}:
            continue
        if len(mapping) >= 2 and all(k in keys for k in TABLE_KEYS[kind]) and not _pairs(row, mapping):
            return kind, mapping
    return None


header_row = _header  # for parsers.stacked_cells: the same header test on a run of one-cell lines
SPLIT_COLUMNS = _SPLIT


def _split_yes_no(row: list[str], mapping: dict[int, str]) -> None:
    """"Still involved: Yes | No": the question's header names its Yes column and the next cell its No column;
    a mark under one of them is the answer."""
    for c, key in list(mapping.items()):
        if key == "still_involved" and re.search(r"\byes\s*$", row[c], re.I) and c + 1 < len(row) and (
                re.fullmatch(r"\s*no\s*", row[c + 1], re.I) and c + 1 not in mapping):
            mapping[c + 1] = "_still_no"


def _pairs(row: list[str], mapping: dict[int, str]) -> bool:
    """Whether a row is label | value | label | value ("Process 1 | Coroner | Status | Inquest opened"): one
    record with its labels, not the header of a table (a label numbered, or a value of several words)."""
    filled = [c for c, cell in enumerate(row) if cell.strip()]
    if len(filled) < 4 or len(filled) % 2 or any((c in mapping) != (k % 2 == 0) for k, c in enumerate(filled)):
        return False
    return any(re.search(r"\d\)?\s*:?$", row[c].strip()) for c in filled[::2]) or any(
        len(row[c].split()) >= 3 for c in filled[1::2])


def _stacked(kind: str, row: list[str], mapping: dict[int, str]) -> list[list[str]]:
    """One row of a merged-cell table that holds several people ("Mother⏎Father" | "18.12.87⏎13.3.77" | one shared
    address) as one row each: the key column's lines say how many; a cell with that many lines gives each its own,
    a one-line cell is shared, and a one-line name of twice as many words is split evenly. Where the names cannot
    be told apart they are left empty rather than given to the wrong person."""
    key = next((c for c, k in mapping.items() if k == TABLE_KEYS[kind][0]), None)
    if kind != "family" or key is None or key >= len(row):
        return [row]
    relations = [ln.strip() for ln in row[key].split("\n") if ln.strip()]
    n = len(relations)
    # each line a relationship of its own ("Mother", "Father"), not one wrapped ("Aunt (kinship" / "carer)")
    if n < 2 or not all(RELATION.match(r) for r in relations):
        return _stacked_by_dates(row, mapping)
    cells: list[list[str]] = []
    for c, cell in enumerate(row):
        lines = [ln.strip() for ln in cell.split("\n") if ln.strip()]
        if c not in mapping or len(lines) == n:
            cells.append(lines if len(lines) == n else [cell] * n)
        elif mapping[c] == "name":
            words = " ".join(lines).split()
            size = len(words) // n
            even = size >= 2 and size * n == len(words)
            cells.append([" ".join(words[k * size : (k + 1) * size]) for k in range(n)] if even else [""] * n)
        elif len(lines) <= 1:
            cells.append([cell.strip()] * n)
        else:
            return [row]  # lines that do not match the people: read as one, as before
    return [[cells[c][k] for c in range(len(row))] for k in range(n)]


def _split_relations(line: str, n: int) -> list[str] | None:
    """"Mother Half-brother" as n relationships, each a whole one ("Maternal grandmother", "Father"): the only
    way the words split so; None when no split or more than one fits."""
    words = line.split()
    found: list[list[str]] = []

    def walk(start: int, parts: list[str]) -> None:
        if len(parts) == n - 1:
            rest = " ".join(words[start:])
            if rest and RELATION.match(rest):
                found.append([*parts, rest])
            return
        for end in range(start + 1, len(words)):
            head = " ".join(words[start:end])
            if RELATION.match(head):
                walk(end, [*parts, head])

    walk(0, [])
    return found[0] if len(found) == 1 else None


def _stacked_by_dates(row: list[str], mapping: dict[int, str]) -> list[list[str]]:
    """A row that holds several people because a cell beside them is merged over their rows (a shared address,
    printed to PDF: the other cells' lines run together, "Magdalena Marsh Ronan Marsh" | "Mother Half-brother" |
    "9 September 1988⏎22 June 2025"): the date-of-birth cell's lines, each a whole date, say how many people.
    Each cell is then split only where it can be told apart (a line each, a relationship each, a name of twice
    as many words, the same words repeated); a one-line address is the merged cell, shared; anything else is
    left empty rather than given to the wrong person."""
    dob = next((c for c, k in mapping.items() if k == "date_of_birth"), None)
    if dob is None or dob >= len(row):
        return [row]
    dates = [ln.strip() for ln in row[dob].split("\n") if ln.strip()]
    n = len(dates)
    if n < 2 or any(read_date(d)[0] is None for d in dates):
        return [row]
    cells: list[list[str]] = []
    for c, cell in enumerate(row):
        lines = [ln.strip() for ln in cell.split("\n") if ln.strip()]
        key = mapping.get(c)
        words = " ".join(lines).split()
        size = len(words) // n
        even = size > 0 and size * n == len(words)
        chunks = [" ".join(words[k * size : (k + 1) * size]) for k in range(n)] if even else []
        if key is None or len(lines) == n:
            cells.append(lines if len(lines) == n else [""] * n)
        elif key == "relationship":
            cells.append(_split_relations(" ".join(lines), n) or [""] * n)
        elif key == "name":
            cells.append(chunks if chunks and size >= 2 else [""] * n)
        elif chunks and len(set(chunks)) == 1:
            cells.append(chunks)  # "Black Caribbean Black Caribbean": one value, written for each
        elif key == "address" and len(lines) <= 1:
            cells.append([squash(cell)] * n)  # the merged cell beside them
        else:
            cells.append([""] * n)
    return [[cells[c][k] for c in range(len(row))] for k in range(n)]


def _record(kind: str, row: list[str], mapping: dict[int, str], out: Extracted) -> dict[str, object]:
    rec: dict[str, object] = {key: None for key in COLUMNS[kind]}
    split: dict[str, str] = {}
    for c, key in mapping.items():
        cell = row[c] if c < len(row) else ""
        if key == "_name_rel":
            rec["name"], rec["relationship"] = _name_and_relation(cell)
            continue
        if key in _JOINED:
            if (value := value_or_none(cell)) is not None:
                split[key] = squash(value)
            continue
        if key == "date_of_birth":
            if (cut := _CUT_YEAR.fullmatch(squash(cell))) is not None:
                cell = cut.group(1) + cut.group(2)  # "19/03/200⏎1": a narrow column wrapped the year's last digit
            iso, warning = read_date(value_or_none(cell))
            # "42" (an age in a DOB/Age column) is not a date to warn about; "Feb 1990" or "1-3 May 1990" is
            if warning is not None and (find_date(cell)[1] is not None or "could not read" not in warning):
                out.warnings.append(f"{kind}: date of birth {warning}")
            rec[key] = iso
        elif key == "_still_no":
            continue
        elif key == "_subject":
            mark = ticks.is_checked_cell(cell)
            rec[key] = mark if mark is not None else ticks.yes_no(cell)
        elif key == "still_involved" and "_still_no" in mapping.values():
            no_col = next(k for k, v in mapping.items() if v == "_still_no")
            yes, no = ticks.is_checked_cell(cell), ticks.is_checked_cell(row[no_col] if no_col < len(row) else "")
            rec[key] = True if (yes, no) == (True, False) else False if (yes, no) == (False, True) else None
        elif key == "still_involved":
            rec[key] = ticks.yes_no(cell)
            if rec[key] is None and (state := _OPEN.match(squash(cell))) is not None:
                rec[key] = state.group("open") is not None  # a case system's "Active" / "Closed"
        else:
            value = value_or_none(cell)
            rec[key] = squash(value) if value else None
            joined = re.sub(r"\s+", "", value) if key == "contact" and value and "@" in value else ""
            if joined and _EMAIL_ONLY.fullmatch(joined):
                rec[key] = joined  # "sarah.pritcha rd@school.n-somerset.sch .uk": one address wrapped in a cell
    if "name" in rec and rec["name"] is None and "_surname_first" in split:
        last, comma, first = split["_surname_first"].partition(",")
        if comma and first.strip() and last.strip():
            last = re.sub(r"^([A-Z'’\-]{3,}) ([A-Z]{1,2})$", r"\1\2", last.strip())  # "KACZMARE K": wrapped in its cell
            rec["name"] = f"{first.strip()} {surname_case(last) if last.isupper() else last}"
        else:
            rec["name"] = split["_surname_first"]
    if "name" in rec and rec["name"] is None and ("_forename" in split or "_surname" in split):
        rec["name"] = " ".join(split[k] for k in ("_forename", "_surname") if k in split)
    if "contact" in rec and rec["contact"] is None and ("_phone" in split or "_email" in split):
        rec["contact"] = ", ".join(split[k] for k in ("_phone", "_email") if k in split)
    if kind == "agencies" and "still_involved" not in mapping.values():
        _tail_question_and_boxes(rec)
    return rec


# "01632 960809 ☒ Still involved ☐ Closed": an entry's own open/closed boxes printed after its last value (a
# fillable form's row of boxes under the entry, read into the cell above it)
_TRAILING_BOXES = re.compile(r"^(?P<value>[^☐☒]*?)\s*(?P<boxes>[☐☒]\s*[^☐☒\s][^☐☒]*(?:[☐☒]\s*[^☐☒\s][^☐☒]*)+)$")
_STILL_WORD = re.compile(r"^(?:(?P<open>still involved|still open|open|active|current|yes)|closed|no longer involved|"
                         r"ended|no)\.?$", re.I)
# "... NHS Foundation Trust Is the agency still involved?": the question printed under the entry's boxes
_TAIL_QUESTION = re.compile(r"^(?P<value>.*\S)\s+(?:is|are|has) (?:the|this) (?:agency|service|organisation) still "
                            r"(?:involved|open)\?$", re.I)


def _tail_question_and_boxes(rec: dict[str, object]) -> None:
    """An agencies list with no still-involved column whose entries each carry their own open/closed boxes (and
    the question over them) after a value: the boxes answer still_involved, one ticked among them or none read,
    and come out of the value; the question comes out of the agency's name."""
    for key in ("contact", "agency", "name"):
        value = rec.get(key)
        if not isinstance(value, str):
            continue
        if (q := _TAIL_QUESTION.match(value)) is not None:
            rec[key] = value = q.group("value")
        m = _TRAILING_BOXES.match(value)
        if m is None:
            continue
        chosen = [_STILL_WORD.match(squash(opt)) for opt in ticks.ticked(m.group("boxes"))]
        words = [_STILL_WORD.match(squash(opt)) for _, opt in ticks.options(m.group("boxes"))]
        if not all(words):
            continue  # boxes of something else: the value left whole
        rec[key] = squash(m.group("value")) or None
        if rec.get("still_involved") is None and len(chosen) == 1 and chosen[0] is not None:
            rec["still_involved"] = chosen[0].group("open") is not None


def _name_and_relation(cell: str) -> tuple[str | None, str | None]:
    """"Jolanta Ap Dafydd (Mother)" as the name and the relationship; a cell whose bracket or dash does not hold a
    relationship keeps its words as the name, with no relationship (never one guessed from the words)."""
    text = squash(value_or_none(cell) or "")
    if not text:
        return None, None
    m = _PERSON_REL.match(text)
    rel = (m.group("rel1") or m.group("rel2") or "").strip() if m is not None else ""
    if m is not None and RELATION.match(rel):
        return m.group("name").strip(), rel
    return text, None


def _runs_on(kind: str, row: list[str], nxt: list[str], mapping: dict[int, str]) -> bool:
    """Whether `nxt` is the rest of `row`, split where a page or a printer broke it ("Stepfather | Dmitri |
    31 December" over " | Adeyemi-Clarke | 1975"): nothing in its relationship column, and a date of birth that
    reads only with both halves. Read apart, the tail would be a person of its own and every later row a place
    down."""
    if kind != "family" or len(nxt) != len(row):
        return False
    rel = next((c for c, k in mapping.items() if k == "relationship"), None)
    dob = next((c for c, k in mapping.items() if k == "date_of_birth"), None)
    if rel is None or dob is None or max(rel, dob) >= len(row):
        return False
    if nxt[rel].strip() or not row[dob].strip():
        return False
    if not nxt[dob].strip():
        return _wrapped_tail(row, nxt, mapping, rel, dob)
    return (read_date(squash(row[dob]))[0] is None and read_date(squash(nxt[dob]))[0] is None
            and read_date(f"{squash(row[dob])} {squash(nxt[dob])}")[0] is not None)


def _wrapped_tail(row: list[str], nxt: list[str], mapping: dict[int, str], rel: int, dob: int) -> bool:
    """Whether `nxt` holds only the wrapped ends of `row`'s cells ("Joanne | Mother | 22/11/1981 | 10 Ebdon |
    White and" over "Tregarthen | | | Road, Yatton, BS49 1ZP | Black Caribbean"), as a PDF row drawn line by line
    gives them: no relationship and no date of birth of its own, a name of one word at most, and nothing in a
    cell that is empty above. A person with no relationship or date would be a row of their own; one with a
    one-word name and neither is not told from a wrapped tail, so it is read with the row above."""
    if not row[rel].strip() or read_date(squash(row[dob]))[0] is None:
        return False
    name = next((c for c, k in mapping.items() if k == "name"), None)
    if name is None or name >= len(row) or len(nxt[name].split()) > 1:
        return False
    filled = [c for c, cell in enumerate(nxt) if cell.strip()]
    return len(filled) >= 2 and all(row[c].strip() for c in filled)


def _join_rows(row: list[str], nxt: list[str]) -> list[str]:
    """Cell by cell, a broken word ("Adeyemi-" / "Clarke") joined without a space."""
    out = []
    for a, b in zip(row, nxt, strict=True):
        a, b = squash(a), squash(b)
        out.append(f"{a}{'' if a.endswith('-') or not a or not b else ' '}{b}".strip())
    return out


def find_row_tables(tables: list[Table], out: Extracted) -> set[tuple[int, int]]:
    """Read every repeating table into out.records; return its rows (table index, row) so label matching skips
    them, and only them: the label | value rows above a list in the same grid are still read as labels.

    One ruled grid may hold several lists one after another (a report printed to PDF: "Family" title row,
    its header and rows, then "Other agencies" title row, header, rows): a one-cell title row ends a list and a
    header row right after it starts the next one."""
    found: set[tuple[int, int]] = set()
    carried: tuple[str, dict[int, str]] | None = None
    marks: dict[int, list[tuple[dict[str, object], str]]] = {}  # per header: each record and its involvement cell
    for index, table in enumerate(tables):
        # a table that goes on from the one before (rows parted by blank lines) is read under its header
        current = carried if table.continues else None
        titled = False
        joined: set[int] = set()
        began: tuple[int, set[tuple[int, int]]] | None = None  # the current header's first record and its rows
        for h, row in enumerate(table.rows):
            header = _header(row) if (h < 3 or titled or current is not None) else None
            if header is not None:
                current = header
                out.records.setdefault(header[0], [])
                began = (len(out.records[header[0]]), {(index, h)})
                found.add((index, h))
                titled = False
                continue
            if (current is not None and began is not None and len(out.records[current[0]]) > began[0]
                    and _caption_row(row)):
                # "Email | Date of birth" under the "header" and a row read under it: a grid of captions over
                # answers (one person's details), not a list; its rows are left to the label readers, none read as
                # records (a caption row right under the header is the header's second line: "First name | Last name")
                del out.records[current[0]][began[0]:]
                if not out.records[current[0]]:
                    del out.records[current[0]]  # no list of that kind after all
                found -= began[1]
                marks.pop(id(current), None)
                current = began = None
                continue
            titled = sum(1 for c in row if c.strip()) == 1 and (len(row) == 1 or current is not None)
            if titled:
                current = None
                continue
            if current is None:
                continue
            found.add((index, h))
            if began is not None:
                began[1].add((index, h))
            kind, mapping = current
            if h in joined:
                continue  # the tail of the row above, read with it
            if h + 1 < len(table.rows) and _runs_on(kind, row, table.rows[h + 1], mapping):
                row = _join_rows(row, table.rows[h + 1])
                joined.add(h + 1)
            if is_placeholder_row(row) or any(re.search(r"add (?:more )?rows", c, re.I) for c in row):
                continue
            column = next((c for c, k in mapping.items() if k == "still_involved"), None)
            for part in _stacked(kind, row, mapping):
                out.records[kind].append(rec := _record(kind, part, mapping, out))
                if column is not None and "_still_no" not in mapping.values():
                    marks.setdefault(id(current), []).append((rec, part[column] if column < len(part) else ""))
        carried = current
    for column_marks in marks.values():
        _tick_column(column_marks)
    return found


def _caption_row(row: list[str]) -> bool:
    """A row of two or more cells that are each a whole field label ("Email | Date (D D M M Y Y Y Y)"): captions of
    the values under them, which no row of a list is."""
    filled = [squash(c) for c in row if c.strip()]
    return len(filled) >= 2 and all(
        len(c) < 60 and ANY_LABEL.match(c) and any(lab.pattern.fullmatch(c) for lab in LABELS) for c in filled)


def _tick_column(column: list[tuple[dict[str, object], str]]) -> None:
    """"Active (☒)" over a column of bare marks: a mark is yes and, once the column is seen to be answered by
    marks, an empty or unticked cell is no. Only when every cell is a bare box, a typed X or empty and one at
    least is ticked; a column of words keeps each row's own reading."""
    states = [ticks.is_checked_cell(cell) for _, cell in column]
    if not any(states) or any(state is None for state in states):
        return
    for (rec, _), state in zip(column, states, strict=True):
        rec["still_involved"] = state
