"""Ethnic origin tick lists (NS groups A-F and census-style lists) to the option as written, with its group."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from parsers import ticks
from parsers.normalise import CHECKED, squash, value_or_none

if TYPE_CHECKING:
    from parsers.fields import _Walk

_GROUP = re.compile(r"\(([A-F])\)\s*")
_OVERTYPED_LINE = re.compile(r"^\s*[xX]\s+(?=[A-Z])")  # the box deleted and an X typed in its place
# Options that only make sense with their group's name in front ("British" under (A) White).
_NEEDS_GROUP = {
    "A": {"british": "White British", "irish": "White Irish", "english": "White English", "scottish": "White Scottish",
          "welsh": "White Welsh"},
    "C": {"british": "Asian British"},
    "D": {"caribbean": "Black Caribbean", "african": "Black African", "british": "Black British"},
}  # fmt: skip
_DEFAULT = {
    "british": "White British", "irish": "White Irish", "caribbean": "Black Caribbean", "african": "Black African",
}


def format_option(group: str | None, option: str) -> str | None:
    """The ticked option as written, prefixed with its group only where it would otherwise be ambiguous."""
    opt = squash(option).strip(" :;,")
    low = opt.lower()
    if group == "F" or low.startswith("not declared") or low.startswith("prefer not"):
        return "Not declared"
    if low.startswith("please specify") or (group == "E" and low.startswith("other")):
        specified = value_or_none(re.sub(r"^please specify\s*[:\-]?", "", opt, flags=re.I))
        return specified or "Any other ethnic group"
    if not opt:
        return None
    table = _NEEDS_GROUP.get(group or "", _DEFAULT if group is None else {})
    return table.get(low, opt)


class EthnicityScan:
    """Reads the cells after an "Ethnic origin" label up to the next label, tracking group headers."""

    def __init__(self, walk: _Walk, start: int, rest: str) -> None:
        self.walk = walk
        self.start = start
        self.rest = rest
        self.by_col: dict[tuple[int, int], str] = {}
        self.group: str | None = None

    def value(self) -> str | None:
        plain = value_or_none(self.rest)
        if plain and not ticks.has_ticks(plain) and not _GROUP.search(plain):
            return squash(plain)
        tok = self.walk.toks[self.start]
        if tok.table >= 0 and self.walk.header_row(tok.table, tok.row):
            # a column of a header row: the answer is under it, the cell beside it names the next column
            below = value_or_none(self.walk.below(self.start))
            return squash(below) if below and not ticks.has_ticks(below) and not _GROUP.search(below) else None
        found: list[str] = []
        self._scan_text(self.rest, -1, -1, found)
        j = self.start + 1
        toks = self.walk.toks
        scanned: list[str] = []
        while j < len(toks) and j - self.start < 80:
            if (toks[j].text and self.walk.is_boundary(j)) or self.walk.other_row_labelled(self.start, j):
                break  # a label, or a row answering a label of its own
            self.walk.used.add(j)
            tok = toks[j]
            scanned += [tok.text] if tok.text else []
            beside = tok.table == toks[self.start].table >= 0 and tok.row == toks[self.start].row
            if j == self.start + 1 and beside and ticks.is_checked_cell(tok.text):
                # "Ethnicity | X" over the options, each with its X in that column: the column's heading (mark
                # here), never the label itself ticked
                j += 1
                continue
            self._scan_text(tok.text, tok.table, tok.col, found, prev=toks[j - 1].text if tok.col > 0 else "")
            j += 1
        if not found and j == self.start + 1 and self.start + 1 < len(toks):
            return None
        if len(found) > 1:
            self.walk.out.warnings.append(f"ethnic origin: more than one option ticked ({'; '.join(found)})")
        return "; ".join(found) if found else self._typed_value() or self._answer_below(scanned)

    @staticmethod
    def _answer_below(scanned: list[str]) -> str | None:
        """Words typed as the one answer under the label (one-column form, or the next paragraph)."""
        if len(scanned) != 1 or ticks.has_ticks(scanned[0]) or _GROUP.search(scanned[0]) or len(scanned[0]) > 60:
            return None
        text = value_or_none(scanned[0])
        return squash(text) if text else None

    def _typed_value(self) -> str | None:
        """A cell beside the label holding plain words ("White British") rather than a tick list."""
        toks = self.walk.toks
        j = self.start + 1
        if j < len(toks) and toks[j].table == toks[self.start].table >= 0 and toks[j].row == toks[self.start].row:
            text = value_or_none(toks[j].text)
            if text and not ticks.has_ticks(text) and not _GROUP.search(text):
                return squash(text)
        return None

    def _scan_text(self, text: str, table: int, col: int, found: list[str], prev: str = "") -> None:
        headers = _GROUP.findall(text)
        if len(headers) == 1:
            if table >= 0:
                self.by_col[(table, col)] = headers[0]
            self.group = headers[0]
        elif len(headers) > 1:
            self.group = None  # "(A) White (B) Mixed (C) Asian" on one pasted line: columns lost
        if table >= 0 and prev and ticks.is_checked_cell(text) and not ticks.has_ticks(prev) and len(prev) < 60:
            text = CHECKED  # "Pakistani | X": a typed X (or a tick) in the cell beside the option
        for line in text.split("\n"):
            line = _OVERTYPED_LINE.sub(CHECKED + " ", line)
            one = _GROUP.findall(line)
            if len(one) == 1 and table < 0:
                self.group = one[0]
            for on, option in ticks.options(_GROUP.sub("", line) if one else line):
                if not on:
                    continue
                group = self.by_col.get((table, col), self.group) if table >= 0 else self.group
                option = option or prev
                formatted = format_option(group, option)
                if formatted and formatted not in found:
                    found.append(formatted)
