"""A form with a section per child ("Child 1", "Child 2", ...): the subject's section is read as the child, the others
become family rows, so that no other child's name or date of birth is read as the subject's.

Sibling-group referral forms repeat the child's questions once per child and ask elsewhere which child died or was
seriously harmed ("Which child ...? Child 2"). Read as one form, the first section's answers fill the child's
fields and the second's are dropped (or mixed in): the wrong person. The subject is the section the form's own
answer names (its number, its ordinal or the child's name); with no such answer it cannot be told, and none of the
sections is read as the child (a warning says so) rather than a guess.
"""

from __future__ import annotations

import re
import unicodedata

from parsers.documents.model import Block, DocView, Table

_HEADING = re.compile(
    r"^\s*(?:details of |about )?child\s*(?:no\.?\s*)?(?P<n>\d{1,2}|one|two|three|four|five)\b\s*"
    r"(?:[:.\-–]\s*)?(?:details|information|\(.{0,30}\))?\s*:?\s*$", re.I)
_WORDS = {"one": 1, "first": 1, "two": 2, "second": 2, "three": 3, "third": 3, "four": 4, "fourth": 4,
          "five": 5, "fifth": 5}
# the form's question naming the subject among the children
_WHICH = re.compile(
    r"^\s*(?:\d+[.)]?\s*)?(?:which child|child (?:who|that) (?:has )?(?:died|was (?:seriously )?harmed)|"
    r"(?:the )?subject child|(?:the )?child (?:this|the) (?:referral|notification) is about)", re.I)
_ANSWER_NUMBER = re.compile(r"^\s*(?:child\s*(?:no\.?\s*)?)?(?P<n>\d{1,2}|one|two|three|four|five|first|second|third|"
                            r"fourth|fifth)\b(?:\s+child)?\s*[.)]?", re.I)
_FIELDS = {
    "name": re.compile(r"^(?:(?:child['’]?s )?(?:full )?name|name of child)\s*:?$", re.I),
    "forename": re.compile(r"^(?:fore ?names?|first names?|given names?)\s*:?$", re.I),
    "surname": re.compile(r"^(?:surname|last name|family name)\s*:?$", re.I),
    "date_of_birth": re.compile(r"^(?:date of birth|d\.?\s?o\.?\s?b\.?)\s*:?$", re.I),
    "address": re.compile(r"^(?:home |current )?address\s*:?$", re.I),
    "ethnicity": re.compile(r"^ethnic(?:ity| origin)\s*:?$", re.I),
}
_RELATION = re.compile(
    r"^relationship to (?:the )?(?:child\s*(?:no\.?\s*)?(?P<n>\d{1,2})|(?P<subject>subject(?: child)?|referred child|"
    r"harmed child))\s*:?$", re.I)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalpha() and not unicodedata.combining(ch))


def _pairs(block: Block) -> list[tuple[str, str]]:
    """The label | value pairs of a block: a table's rows taken two cells at a time, or "Label: value" lines."""
    if isinstance(block, Table):
        out: list[tuple[str, str]] = []
        for row in block.rows:
            cells = [c.strip() for c in row]
            out.extend((cells[k], cells[k + 1]) for k in range(0, len(cells) - 1, 2))
        return out
    pairs = []
    for line in block.split("\n"):
        label, colon, value = line.partition(":")
        if colon and value.strip() and len(label) <= 60:
            pairs.append((label.strip(), value.strip()))
    return pairs


def _number(text: str) -> int | None:
    m = _HEADING.match(text)
    if m is None:
        return None
    n = m.group("n").lower()
    return int(n) if n.isdigit() else _WORDS.get(n)


def _sections(blocks: list[Block]) -> list[tuple[int, int, int]]:
    """(child number, first block, end block) of each child section: a heading line and the label | value blocks
    under it, up to the next heading or plain paragraph."""
    found = []
    k = 0
    while k < len(blocks):
        block = blocks[k]
        n = _number(block) if isinstance(block, str) and "\n" not in block.strip() else None
        if n is None:
            k += 1
            continue
        end = k + 1
        while end < len(blocks) and (isinstance(blocks[end], Table) or (
                isinstance(blocks[end], str) and _number(str(blocks[end])) is None and _pairs(blocks[end]))):
            end += 1
        found.append((n, k, end))
        k = end
    return found


def _read(blocks: list[Block]) -> dict[str, str]:
    got: dict[str, str] = {}
    for block in blocks:
        for label, value in _pairs(block):
            if not value or value in ("-", "–"):
                continue
            for key, pattern in _FIELDS.items():
                if key not in got and pattern.match(label):
                    got[key] = value
            rel = _RELATION.match(label)
            if rel is not None and "relationship" not in got:
                got["relationship"] = value
                got["_to"] = rel.group("n") or "subject"
    if "name" not in got and ("forename" in got or "surname" in got):
        got["name"] = " ".join(got[k] for k in ("forename", "surname") if k in got)
    return got


def _subject(blocks: list[Block], children: dict[int, dict[str, str]]) -> int | None:
    """The child number the form's "which child" answer names, or None."""
    answers = [value for block in blocks for label, value in _pairs(block) if _WHICH.match(label) and value]
    chosen: set[int] = set()
    for answer in answers:
        m = _ANSWER_NUMBER.match(answer)
        if m is not None:
            n = m.group("n").lower()
            chosen.add(int(n) if n.isdigit() else _WORDS[n])
            continue
        said = _plain(answer)
        named = [n for n, got in children.items() if said and "name" in got and (
            said == _plain(got["name"]) or said == _plain(got["name"].split()[0]))]
        chosen.update(named)
    return chosen.pop() if len(chosen) == 1 and next(iter(chosen)) in children else None


def _without_which(block: Block) -> Block:
    """The block with its "which child" question and answer blanked: "Subject child | Child 2" answers which
    section is the child, and is no child's name."""
    if isinstance(block, Table):
        rows = []
        for row in block.rows:
            row = list(row)
            for k in range(0, len(row) - 1, 2):
                if _WHICH.match(row[k]):
                    row[k] = row[k + 1] = ""
            rows.append(row)
        return Table(rows, block.columns_uncertain, block.continues)
    return "\n".join(line for line in block.split("\n") if not _WHICH.match(line))


def split_children(view: DocView) -> DocView:
    """The view with the non-subject children's sections turned into a family table (see the module's doc)."""
    sections = _sections(view.blocks)
    children = {n: _read(view.blocks[start + 1 : end]) for n, start, end in sections}
    named = [n for n, got in children.items() if "name" in got]
    if len(sections) < 2 or len(named) < 2 or len(set(n for n, _, _ in sections)) != len(sections):
        return view
    subject = _subject(view.blocks, children)
    rows = []
    if subject is not None:
        for n in named:
            if n == subject:
                continue
            got = children[n]
            # a relationship given to another child than the subject is not the relationship to the subject
            to = got.get("_to")
            relation = got.get("relationship") if to in (str(subject), "subject") else ""
            rows.append([got["name"], relation or "", got.get("date_of_birth", ""), got.get("address", ""),
                         got.get("ethnicity", "")])
    keep = {n for n in (subject,) if n is not None}
    blocks: list[Block] = []
    placed = False
    for k, block in enumerate(view.blocks):
        inside = next((n for n, start, end in sections if start <= k < end), None)
        if inside is None or inside in keep:
            blocks.append(_without_which(block))
        elif not placed and rows:
            blocks.extend(["Other children", Table([["Name", "Relationship", "Date of birth", "Address", "Ethnicity"],
                                                    *rows])])
            placed = True
    out = DocView(view.name, blocks, list(view.warnings))
    if subject is None:
        out.warnings.append("child: the form has a section for each of several children and does not say which one "
                            "the referral is about; the child's details were left empty, check the form")
    return out
