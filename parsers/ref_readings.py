"""The readings of a text that a case-reference finder looks through: what each character reads as, by its
digit value and by its look, so a reference spelt in other scripts' digits, small capitals, accents, invisible
characters or foreign dashes and slashes is still seen. For spotting a second case only, never for choosing one.

Both readings drop combining marks (Mn, Me), format characters (Cf: zero-width spaces, joiners, soft hyphens)
and the invisible fillers; take the compatibility form (NFKD: full-width, mathematical, circled, super- and
subscript); read letters of other scripts as the ASCII letter they look like (Unicode TR 39 confusables, then
the Latin small capitals and hooked or stroked letters by name); and read every dash (Pd, or a look-alike of
'-') as '-', every slash look-alike as '/', every middle dot as '.', every space (Zs) and any other punctuation
or symbol from outside ASCII as a space. They differ on digits:

- by value: a digit of any script (Nd, and the circled or superscript ones) is its value: Arabic-Indic '٢' and
  Devanagari '२' are 2, mathematical bold '𝟎' is 0;
- by look: a character that looks like an ASCII letter or digit is that (Extended Arabic-Indic '۵', a five,
  looks like 'o'), and in a run of digits 'O' / 'o' read as 0, 'l' / 'I' as 1 ("2O26-OO2").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from parsers.confusables import skeleton

_DROPPED = frozenset({"Mn", "Me", "Cf"})
# Invisible letters and symbols a font draws as nothing (Hangul fillers, the braille blank), not Cf: dropped too
_INVISIBLE = frozenset({"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"})
# 'ɴ', 'ᴘ', 'ʀ' (small capitals), 'ƀ', 'ꞓ' (a stroke or a hook no decomposition removes): the letter they are
_LATIN_LETTER = re.compile(r"LATIN (?:CAPITAL |SMALL )?LETTER (?:SMALL CAPITAL )?([A-Z])(?: WITH .*)?")
# In the look reading: a run of digits and digit look-alikes with a real digit in it ("2O26", "OO2", "0l2"); a
# word ("ill", "lol", "Oslo", "10am") is no such run.
_DIGIT_RUN = re.compile(r"(?<![A-Za-z0-9])(?=[OolI]*[0-9])[0-9OolI]+(?![A-Za-z0-9])")
_DIGIT_LOOKS = str.maketrans("OolI", "0011")


@lru_cache(maxsize=1)
def _separators() -> dict[str, str]:
    """Every character that looks like '-', '/' or '.' (the confusables data, closed over: a look-alike of a
    look-alike counts), mapped to it; letters and digits that only look like these are left out."""
    from confusable_homoglyphs.confusables import confusables_data

    glyphs = {ch: {g["c"] for g in gs if len(g["c"]) == 1} for ch, gs in confusables_data.items() if len(ch) == 1}
    seeds = {"-": {"-", "\u2212", "\u2043", *(c for c in glyphs if unicodedata.category(c) == "Pd")},
             "/": {"/", "\u2044", "\u2215", "\u29f8", "\uff0f"},
             ".": {".", "\u00b7", "\u30fb", "\u2022", "\u2027", "\u2219", "\u22c5", "\uff65"}}
    out: dict[str, str] = {}
    for target, cls in seeds.items():
        for _ in range(3):
            for ch, gs in glyphs.items():
                if ch in cls:
                    cls |= gs
                elif gs & cls:
                    cls.add(ch)
        for c in cls:
            if not c.isascii() and unicodedata.digit(c, None) is None and skeleton(c) == c:
                out.setdefault(c, target)
    return out


def _part(d: str, look: bool) -> str:
    """What one character of a decomposition reads as."""
    if d.isascii():
        return d
    cat = unicodedata.category(d)
    if cat in _DROPPED or d in _INVISIBLE:
        return ""
    value = unicodedata.digit(d, None)
    if value is not None and not look:
        return str(value)
    seen = skeleton(d)
    if seen != d:
        return seen
    if value is not None:
        return str(value)
    m = _LATIN_LETTER.fullmatch(unicodedata.name(d, ""))
    if m:
        return m.group(1)
    sep = _separators().get(d)
    if sep:
        return sep
    if cat == "Pd":
        return "-"
    return " " if cat[0] in "ZPS" else d


def _read(c: str, look: bool) -> str:
    if look and skeleton(c) != c:  # 'ϲ' is a look-alike of 'c' before any decomposition
        return skeleton(c)
    if not look and unicodedata.digit(c, None) is not None:
        return str(unicodedata.digit(c))
    return "".join(_part(d, look) for d in unicodedata.normalize("NFKD", c))


class _Reading(dict[int, str]):
    """A str.translate table filled on first sight of each character (most mail repeats a few hundred)."""

    def __init__(self, look: bool) -> None:
        super().__init__()
        self.look = look

    def __missing__(self, key: int) -> str:
        got = self[key] = _read(chr(key), self.look)
        return got


_BY_VALUE = _Reading(look=False)
_BY_LOOK = _Reading(look=True)


def by_value(text: str) -> str:
    """`text` with every digit read by its value, every letter by its look, separators as ASCII."""
    return text if text.isascii() else text.translate(_BY_VALUE)


def by_look(text: str) -> str:
    """`text` with every character read by its look, and 'O' / 'l' in a run of digits as 0 / 1."""
    plain = text if text.isascii() else text.translate(_BY_LOOK)
    return _DIGIT_RUN.sub(lambda m: m.group(0).translate(_DIGIT_LOOKS), plain)


def readings(text: str) -> list[str]:
    """The distinct readings of `text` worth looking through: by value and by look. Not the text as written:
    ASCII reads the same by value, and elsewhere a mark or a zero-width space cuts a token short as written
    ("0\u0308 01" read as "0", case 000), which no reader sees."""
    value, look = by_value(text), by_look(text)
    return [value] if look == value else [value, look]
