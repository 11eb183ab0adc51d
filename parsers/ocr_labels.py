"""A scanned form's recognised text: the printed labels come through with the usual OCR slips ("Chi1d's ful1 narne",
"D0B", "Surnrnary", "0ther agencies", "Slgned"): 1 for l, 0 for O, rn for m, l for i. Each label word that is no
word the forms' labels use, but would be one with those slips undone, is written as that word.

Only on a document with several such slips (three words or more with a 0 or 1 among letters), and only in the
label: the text of a line before its first colon or question mark (a line without one is left alone), so a value
("Horne", a surname) is never rewritten. A word is changed only into a word the label lexicon itself uses.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import product

from parsers.documents.model import Block, DocView

_SLIPPED = re.compile(r"(?<![\w@.])(?=[A-Za-z01]*[A-Za-z])(?=[A-Za-z01]*[01])[A-Za-z01]{3,}(?![\w@])")
_WORD = re.compile(r"[A-Za-z01]{3,}")
_LABEL = re.compile(r"^(?P<label>[^:?\n]{3,120})(?P<rest>[:?].*)$", re.S)
# label words the lexicon spells in a way the word list below does not find ("e-?mail", "d\.?o\.?b")
_EXTRA = frozenset({"email", "dob", "form", "other", "family", "members", "name", "home", "summary", "harmed",
                    "child", "still", "involved", "disability", "referral", "signed", "off", "agency"})


@cache
def _vocabulary() -> frozenset[str]:
    from parsers.labels import HEADINGS, LABELS

    words = {w for label in LABELS for w in re.findall(r"[a-z]{3,}", label.source.lower())}
    words |= {w for _, rx in HEADINGS for w in re.findall(r"[a-z]{3,}", rx.pattern.lower())}
    return frozenset(words | _EXTRA)


def _variants(word: str) -> list[str]:
    """The word with each slip undone or not (at most 6 slips: 64 readings)."""
    parts = re.split(r"(rn|1|0|l)", word)
    slips = [k for k, p in enumerate(parts) if p in ("rn", "1", "0", "l")]
    if not slips or len(slips) > 6:
        return []
    undo = {"rn": "m", "1": "l", "0": "o", "l": "i"}
    out = []
    for choice in product((False, True), repeat=len(slips)):
        if not any(choice):
            continue
        trial = list(parts)
        for k, on in zip(slips, choice, strict=True):
            if on:
                trial[k] = undo[parts[k]]
        out.append("".join(trial))
    return out


def _mended(word: str) -> str:
    low = word.lower()
    vocab = _vocabulary()
    if low in vocab:
        return word
    for trial in _variants(low):
        if trial in vocab:
            if word.isupper() or (len(word) > 1 and word.replace("0", "O").replace("1", "L").isupper()):
                return trial.upper()
            return trial[0].upper() + trial[1:] if word[0].isupper() or word[0] == "0" else trial
    return word


def mend_line(line: str) -> str:
    """The line with its label's slipped words mended (its value as it was)."""
    m = _LABEL.match(line)
    if m is None:
        return line
    label = _WORD.sub(lambda w: _mended(w.group()), m.group("label"))
    return label + m.group("rest")


def has_slips(text: str) -> bool:
    """Whether the text reads as OCR output: three words or more with a 0 or 1 among their letters."""
    return len(set(_SLIPPED.findall(text))) >= 3


def mend_text(text: str) -> str:
    """The text with OCR slips in its labels mended (unchanged when it shows no OCR slips)."""
    if not has_slips(text):
        return text
    return "\n".join(mend_line(line) for line in text.split("\n"))


def mend_view(view: DocView) -> DocView:
    """The view with OCR slips in its labels mended (unchanged when the text shows no OCR slips)."""
    lines = [b for b in view.blocks if isinstance(b, str)]
    if not has_slips("\n".join(lines)):
        return view
    blocks: list[Block] = [mend_line(b) if isinstance(b, str) else b for b in view.blocks]
    return DocView(name=view.name, blocks=blocks, warnings=view.warnings)
