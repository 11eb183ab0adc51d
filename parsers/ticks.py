"""Tick boxes: which options are ticked in "☒ Yes ☐ No" / "Yes ☐ No ☒" / typed-X cells, and yes/no values."""

from __future__ import annotations

import re

from parsers.normalise import CHECKED, UNCHECKED, squash

_GLYPHS = CHECKED + UNCHECKED
_SPLIT = re.compile(f"([{_GLYPHS}])")
_YES = re.compile(r"^(yes|y|true|ticked)\b", re.I)
_NO = re.compile(r"^(no|n|false|none)\b", re.I)
# "N/A", "Not applicable", "Not known": an answer that is neither yes nor no (and "N/A" is not "N").
_NEITHER = re.compile(r"^(n\s*/\s*a|n\.a\.?|not applicable|not known|unknown|n/?k|don['’]?t know)\b", re.I)
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
    # "☒ Yes ☐ No" (or a leading label "Plan: ☒ Yes"): each box owns the text after it, unless a separator
    # comes between them ("Known ☒ / Suspected"): then the box follows its option and owns the text before it.
    current: bool | None = None
    for k, part in enumerate(parts):
        if part in _GLYPHS:
            if current is not None:
                out.append((current, ""))
            current = part == CHECKED
            before = parts[k - 1] if k > 0 and parts[k - 1] not in _GLYPHS else None
            after = parts[k + 1] if k + 1 < len(parts) and parts[k + 1] not in _GLYPHS else None
            if before is not None and after is not None and _SEPARATED.match(after) and not _SEPARATED.search(before):
                out.append((current, squash(before.split(":")[-1])))
                current = None
        elif current is not None:
            out.append((current, squash(part)))
            current = None
    if current is not None:
        out.append((current, ""))
    return out


_SEPARATED = re.compile(r"^\s*[/|;,]|[/|;,]\s*$")
_X_BEFORE = re.compile(r"^[xX]\s+(?=\S)")
_X_AFTER = re.compile(r"(?<=\S)\s+[xX]$")


def cell_options(cells: list[str]) -> list[tuple[bool, str]] | None:
    """(ticked, option) for options laid out one a cell ("Yes | No | Has been ☒ | Not known", "Pakistani | X",
    "X Yes | No | Has been"): each box or typed X belongs to the option in its own cell, or, alone in a cell, to
    the option beside it on the side the layout puts boxes. None when the cells carry no box or X at all."""
    texts = [c.strip() for c in cells if c.strip()]
    if not texts:
        return None
    glyphs = any(has_ticks(t) for t in texts)
    typed = [bool(_TYPED_X.match(t) or _X_BEFORE.match(t) or _X_AFTER.search(t)) for t in texts]
    if not glyphs and not any(typed):
        return None
    norm: list[str] = []
    for text, x in zip(texts, typed, strict=True):
        if not glyphs and x:
            text = CHECKED if _TYPED_X.match(text) else _X_AFTER.sub(" " + CHECKED, _X_BEFORE.sub(CHECKED + " ", text))
        norm.append(text)
    boxes_first = norm[0] in _GLYPHS
    out: list[tuple[bool, str]] = []
    for k, text in enumerate(norm):
        if text in _GLYPHS:
            n = k + 1 if boxes_first else k - 1
            if 0 <= n < len(norm) and not has_ticks(norm[n]):
                out.append((text == CHECKED, squash(norm[n])))
        elif has_ticks(text):
            out.extend(options(text))
        elif not any(c in _GLYPHS for c in norm[max(k - 1, 0) : k + 2] if c is not text):
            out.append((False, squash(text)))  # an option with no box of its own, and none beside it: not ticked
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


_PROMPT = re.compile(
    r"^(?:yes\s*/\s*no|y\s*/\s*n)\b\.?(?:\s*\([^)]{0,40}\))?\s*[:\-–—]?\s*(?P<rest>.*)$", re.I
)


# "Yes No", "No / Yes", "Y/N" and nothing else: both options printed and neither marked. That is no answer (issue
# #12: a wrong value is worse than an empty one), not the first word read as the answer.
_OR = r"\s*(?:/|,|\bor\b|\s)\s*"
_BOTH_UNMARKED = re.compile(f"^(?:(?:yes|y){_OR}(?:no|n)|(?:no|n){_OR}(?:yes|y))\\.?$", re.I)


# "Yes   <- sorry, deleted the wrong one: the answer is NO": the writer's own correction after the answer is the
# answer (the option left standing was a slip)
_CORRECTION = re.compile(r"\b(?:the (?:right |correct )?answer (?:is|should be)|"
                         r"(?:it )?should (?:have )?(?:be|been|read))\s*[:\-–]?\s*[\"'‘“]?(?P<answer>yes|no)\b", re.I)


_MARK_AFTER_BOTH = re.compile(f"^\\s*(yes|no)\\s+(?!\\1\\b)(yes|no)\\s*{CHECKED}\\s*$", re.I)


def yes_no(text: str | None) -> bool | None:
    """Yes/No from ticks ("☒ Yes ☐ No") or words ("Yes - see below", "N")."""
    if not text:
        return None
    text = squash(text)
    corrected = {m.group("answer").lower() for m in _CORRECTION.finditer(text)}
    if len(corrected) == 1:
        return corrected.pop() == "yes"
    prompt = _PROMPT.match(text)
    if prompt is not None:
        # "Yes / No (delete as appropriate): No": the printed prompt is not the answer; left whole, no answer
        text = prompt.group("rest")
        if not text:
            return None
    if has_ticks(text):
        after = _MARK_AFTER_BOTH.match(text)
        if after is not None:
            # "Yes No ☒": the options printed in a row and one tick after them; it owns the word it follows (two
            # marks after both words, "Yes No☒ ☐", are the row's boxes in order, as a PDF printer puts them)
            return _YES.match(after.group(2)) is not None
        for opt in ticked(text):
            if _NEITHER.match(opt):
                return None
            if _YES.match(opt):
                return True
            if _NO.match(opt):
                return False
        return None
    if _NEITHER.match(text) or _BOTH_UNMARKED.match(text):
        return None
    if _YES.match(text):
        return True
    if _NO.match(text):
        return False
    return None


_TRAILING_BOXES = re.compile(f"^(?P<text>.*?)\\s*(?P<boxes>(?:[{_GLYPHS}]\\s*){{2,}})$", re.S)


def pair_trailing_boxes(texts: list[str]) -> list[str] | None:
    """Options printed first and their boxes after the last ("Known | Suspected☐ ☒", "Yes | No☒ ☐": a PDF
    printer puts a row's glyph runs after its words), rewritten box first ("☐ Known", "☒ Suspected"), the n-th
    box going with the n-th option. None unless the boxes are exactly as many as the options and none of the
    options has a box of its own."""
    if len(texts) < 2 or any(has_ticks(t) for t in texts[:-1]):
        return None
    m = _TRAILING_BOXES.match(texts[-1].strip())
    if m is None:
        return None
    opts = [t.strip() for t in texts[:-1]] + ([m.group("text").strip()] if m.group("text").strip() else [])
    boxes = [g for g in m.group("boxes") if g in _GLYPHS]
    if len(boxes) != len(opts) or not all(opts):
        return None
    return [f"{box} {opt}" for box, opt in zip(boxes, opts, strict=True)]
