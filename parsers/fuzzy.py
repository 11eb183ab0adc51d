"""Typo-tolerant label matching: "Date of brith", "Home adress", "Religon" still name their field.

Only the literal spellings of the label synonyms are compared (each regex synonym expanded to the few strings it
matches), only labels of 8 characters or more, within one edit (two from 12 characters; a swap of two neighbouring
letters is one edit), and only when exactly one field is that close: an ambiguous near-miss stays unread.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from rapidfuzz.distance import OSA

from parsers.labels import LABELS, Label

_MAX_EXPANSIONS = 64
_MIN_LEN = 8
_WORDS = re.compile(r"^[a-z'()/ &-]+$")


def _expand(tree: Any) -> list[str] | None:
    """Every string a simple parsed regex matches (None when it is not simple or there are too many)."""
    out = [""]
    for op, arg in tree:
        name = str(op)
        if name == "LITERAL":
            alts = [chr(arg)]
        elif name == "SUBPATTERN":
            got = _expand(arg[3])
            if got is None:
                return None
            alts = got
        elif name == "BRANCH":
            alts = []
            for branch in arg[1]:
                got = _expand(branch)
                if got is None:
                    return None
                alts.extend(got)
        elif name == "MAX_REPEAT" and arg[0] == 0 and arg[1] == 1:
            got = _expand(arg[2])
            if got is None:
                return None
            alts = ["", *got]
        elif name == "IN":
            chars = [chr(a) for o, a in arg if str(o) == "LITERAL"]
            if not chars or len(chars) != len(arg):
                return None
            alts = chars[:1]
        else:
            return None
        out = [a + b for a in out for b in alts]
        if len(out) > _MAX_EXPANSIONS:
            return None
    return out


def _spellings() -> list[tuple[str, Label]]:
    found: list[tuple[str, Label]] = []
    for label in LABELS:
        try:
            expanded = _expand(sre_parse.parse(label.synonym.lower()))
        except (re.error, TypeError, IndexError):  # pragma: no cover - a synonym the expander does not model
            continue
        for text in expanded or []:
            text = " ".join(text.split())
            if len(text) >= _MIN_LEN and _WORDS.match(text):
                found.append((text, label))
    return found


@cache
def _by_length() -> dict[int, list[tuple[str, Label]]]:
    """The spellings by length, worked out on the first near-miss rather than on import: expanding every synonym
    is a tenth of a fresh `csprbot parse` process (issue #12 item 6), and many messages never need it."""
    by_length: dict[int, list[tuple[str, Label]]] = {}
    for text, label in _spellings():
        by_length.setdefault(len(text), []).append((text, label))
    return by_length


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (adjacent swaps count one), or `limit + 1` when it is above `limit`.
    rapidfuzz's C implementation: the Python loop it replaces was a third of a cold `csprbot parse` (issue #12
    item 6); tests/parsers/test_fuzzy_distance.py holds the loop as the reference it is checked against."""
    return int(OSA.distance(a, b, score_cutoff=limit))


def allowed_edits(length: int) -> int:
    return 0 if length < _MIN_LEN else 1 if length < 12 else 2


@lru_cache(maxsize=4096)
def near_labels(words: str) -> tuple[tuple[int, Label], ...]:
    """(edits, label) for every label spelled within the allowed edits of `words` (lower-cased, single-spaced),
    closest first. The caller keeps those that apply in its section and reads one only if a single field is
    closest (see `pick`)."""
    words = words.replace("’", "'")
    if len(words) < _MIN_LEN - 1:
        return ()
    found: dict[Label, int] = {}
    by_length = _by_length()
    for length in range(len(words) - 2, len(words) + 3):
        for text, label in by_length.get(length, []):
            cap = allowed_edits(len(text))  # the label's length decides how many slips it tolerates
            if cap == 0 or text == words or abs(len(text) - len(words)) > cap:
                continue
            d = _distance(words, text, cap)
            if d <= cap and d < found.get(label, cap + 1):
                found[label] = d
    return tuple(sorted(((d, lab) for lab, d in found.items()), key=lambda item: item[0]))


def pick(near: list[tuple[int, Label]]) -> Label | None:
    """The one label closest to the words, or None when none is or two fields tie."""
    if not near:
        return None
    best = min(d for d, _ in near)
    keys = {lab.key for d, lab in near if d == best}
    if len(keys) != 1:
        return None
    return next(lab for d, lab in near if d == best)
