"""Tick boxes: which options are ticked in "☒ Yes ☐ No" / "Yes ☐ No ☒" / typed-X cells, and yes/no values."""

from __future__ import annotations

import re

from parsers.normalise import CHECKED, UNCHECKED, squash

_GLYPHS = CHECKED + UNCHECKED
_SPLIT = re.compile(f"([{_GLYPHS}])")
_YES = re.compile(r"^(yes|y|true|ticked)\b", re.I)
_NO = re.compile(r"^(no|n|false|none)\b", re.I)
_TYPED_X = re.compile(r"^\s*[xX✓✔]\s*$")


def has_ticks(text: str) -> bool:
    return CHECKED in text or UNCHECKED in text


# A box overtyped with an X ("X Has been") among real boxes.
_OVERTYPED = re.compile(r"(?:(?<=\s)|^)[xX](?=\s+[A-Z][a-z])", re.M)


def options(text: str) -> list[tuple[bool, str]]:
    """(ticked, option text) for each box in `text`, whichever side of its box the option sits."""
    if UNCHECKED in text:
        text = _OVERTYPED.sub(CHECKED, text)
    parts = [p for p in _SPLIT.split(text) if p and not p.isspace()]
    glyph_count = sum(1 for p in parts if p in _GLYPHS)
    if glyph_count == 0:
        return []
    stripped = text.strip()
    label_first = stripped[-1] in _GLYPHS and stripped[0] not in _GLYPHS
    out: list[tuple[bool, str]] = []
    if label_first:
        # "Yes ☐ No ☒": each box belongs to the text just before it
        pending = ""
        for part in parts:
            if part in _GLYPHS:
                out.append((part == CHECKED, squash(pending)))
                pending = ""
            else:
                pending = part
        return out
    # "☒ Yes ☐ No" (or a leading label "Plan: ☒ Yes"): each box owns the text after it
    current: bool | None = None
    for part in parts:
        if part in _GLYPHS:
            if current is not None:
                out.append((current, ""))
            current = part == CHECKED
        elif current is not None:
            out.append((current, squash(part)))
            current = None
    if current is not None:
        out.append((current, ""))
    return out


def ticked(text: str) -> list[str]:
    """Texts of the ticked options."""
    return [opt for on, opt in options(text) if on]


def is_checked_cell(cell: str) -> bool | None:
    """A cell that is only a box or a typed X: True/False; None if it holds something else."""
    s = cell.strip()
    if s == CHECKED or _TYPED_X.match(s):
        return True
    if s == UNCHECKED or s == "":
        return False
    return None


def yes_no(text: str | None) -> bool | None:
    """Yes/No from ticks ("☒ Yes ☐ No") or words ("Yes - see below", "N")."""
    if not text:
        return None
    text = squash(text)
    if has_ticks(text):
        for opt in ticked(text):
            if _YES.match(opt):
                return True
            if _NO.match(opt):
                return False
        return None
    if _YES.match(text):
        return True
    if _NO.match(text):
        return False
    return None
