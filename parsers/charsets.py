"""Text whose declared charset is wrong or missing, read as the sender wrote it: the mail England sends first.

A statistical detector alone (charset-normalizer) read a Windows-1252 referral labelled UTF-8, the commonest
wrong label, as Baltic cp775 or Central-European cp1250 on short text ("Amélie Jürgens" -> "Amķlie J³rgens",
stranger round 13), and that name became the case's name and duplicate key. So the candidates are tried in the
order mail here is actually written, and the first whose letters are plausible (accented letters inside words,
typographic punctuation between them, no control characters) is taken: a byte-order mark; UTF-8; the declared
label's own family (UTF-8 with stray Windows-1252 bytes for a utf-8 label, windows-125x <-> ISO-8859-x); then
Windows-1252 and ISO-8859-15 for Western text; only then the detector's matches, re-ranked the same way.

The European single-byte code pages are judged together, not first-plausible-wins (stranger round 15): Polish or
Czech in Windows-1250 / ISO-8859-2 under a UTF-8 label was read as Windows-1252 ("Ondøej Èerný") or, where that
was implausible ("£ukasz"), handed to the detector, which guessed Big5 or Mac Roman for a short mostly-English
body ("ㄆkasz 草單", "Tom·π Nov·k"). Now the least implausible of Windows-1252, ISO-8859-15, Windows-1250,
ISO-8859-2 and Windows-1257 is taken, in that order among equals, and another code page reading the letters
differently but as plausibly is named (`alternative`) so the warning says the name may be either. Text that is
valid UTF-8 but was UTF-8 read as Windows-1252 and encoded again ("ZoÃ« BrontÃ«") is undone by `undouble`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

# How the reader's warning says another code page reads the text as other letters just as plausibly (message.py);
# bot/domain/charset_check.py finds it to put the fields it may have changed on the case's to-check list.
AMBIGUOUS = "reads its accented letters differently, as plausibly"

# Single-byte labels a gateway puts on UTF-8 by default: valid UTF-8 under them is UTF-8 (message.py)
SINGLE_BYTE = re.compile(r"^(us-ascii|ascii|latin-?1|iso[-_]?8859[-_]?\d+|windows-125\d|cp125\d|cp850)$", re.I)

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# A Windows code page and the ISO one sharing its letters: a client writing one often declares the other
_FAMILY = {"cp1250": "iso8859-2", "iso8859-2": "cp1250", "cp1251": "iso8859-5", "iso8859-5": "cp1251",
           "cp1253": "iso8859-7", "iso8859-7": "cp1253", "cp1254": "iso8859-9", "iso8859-9": "cp1254",
           "cp1257": "iso8859-13", "iso8859-13": "cp1257", "iso8859-1": "cp1252", "iso8859-15": "cp1252",
           "cp1252": "iso8859-15"}
_NAMES = {"cp1252": "windows-1252", "cp1250": "windows-1250", "iso8859-2": "iso-8859-2", "cp1257": "windows-1257",
          "iso8859-15": "iso-8859-15", "utf-8": "utf-8", "utf-8-sig": "utf-8",
          "utf-16": "utf-16", "utf-32": "utf-32", "latin-1": "iso-8859-1", "mac-roman": "mac-roman"}
UTF8_MIXED = "utf-8 with windows-1252 bytes"
# Marks a person types against a letter: apostrophes, dashes, quotes ("mum’s", "Jean–Luc", "“after”", "l·l").
# Any other symbol touching a letter ("£ucja", "Ana•s", "Zo¹k", "Si‰n") is another code page's letter.
_IN_WORD = set("\u2019\u2018\u201c\u201d\u00ab\u00bb\u2039\u203a\u2026\u00b4`\u2013\u2014\u2010\u2011\u00b7"
               "\u00ad\u00a0\u00bf\u00a1\u00b0")  # ° in "25°C"
_AFTER_WORD = set("\u2122\u00ae\u00a9")  # "Word™", "NHS®"
_OPENING = set("\u2018\u201c\u201e\u201a\u00ab\u2039\u00bf\u00a1")  # never straight after a letter or digit
# Letters a Western code page holds that are symbols in names: "Zoª", "Lefƒvre" are not words
_SYMBOL_LETTERS = set("\u00aa\u00ba\u00b5\u0192")
# A word of four or more letters, every one from the Latin-1 Supplement: Cyrillic or Greek read as Latin
# or of five or more with Latin Extended-A ones: Russian in Windows-1250 is "Ńěčđíîâŕ" (Polish "Żółć" is four)
_ALL_ACCENTED = re.compile(r"(?<![^\W\d_])(?:[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]{4,}|"
                           r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f]{5,})(?![^\W\d_])")
SAMPLE = 32768  # bytes judged for plausibility: a name is near the top, and a hostile 2 MB part stays cheap
STOP = 64  # implausible characters past which a reading is as bad as any other
_UNUSUAL = re.compile(r"[^\t\n\r\f\x20-\x7e]")
# Among equally plausible readings, the charsets mail here is written in (the detector's own order after these)
_PREFERRED = ("utf-8", "cp1252", "iso8859-15", "iso8859-1", "mac-roman")
# The code pages European mail is written in, Western first (the commonest here): judged side by side
EUROPEAN = ("cp1252", "iso8859-15", "cp1250", "iso8859-2", "cp1257")
# A symbol straight before a word, looking past other symbols ("©»astný" is ISO-8859-2's "Šťastný")
_BEFORE_WORD = re.compile(r"[^\w\s\x00-\x7f]*[^\W\d_]")
# Windows-1252's characters for bytes 0x80-0x9F, from the codec itself: with Latin-1 they make the characters a
# UTF-8 text becomes when read as Windows-1252 (a double encoding is a run of them)
_CP1252_HIGH = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
_TO_LATIN1 = {ord(c): chr(b) for b in range(0x80, 0xA0) for c in bytes([b]).decode("cp1252", errors="ignore")}
_DOUBLE_RUN = re.compile("[\u0080-\u00ff\ufffd" + re.escape(_CP1252_HIGH) + "]{2,}")
# A UTF-8 lead byte whose continuation byte Windows-1252 has no character for (0x81, 0x8D, 0x8F, 0x90, 0x9D): the
# copy that encoded it again wrote U+FFFD, so one letter is lost and stays U+FFFD
_LATIN_LETTERS = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\ufffd]+")
_LOST = re.compile("[\u00c2-\u00df]\ufffd")


@dataclass(frozen=True)
class Decoded:
    """The text, the charset it was read as (a display name), whether that was a guess, and another charset
    reading the letters differently but as plausibly (a display name; "" when none)."""

    text: str
    charset: str
    guessed: bool
    alternative: str = ""


def implausible(text: str, stop: int = 1 << 30) -> int:
    """How many characters of `text` look like another charset's bytes rather than anything a person typed
    (counting stops at `stop`: a candidate is judged by whether, or how badly, it fails)."""
    bad = len(_ALL_ACCENTED.findall(text))
    for found in _UNUSUAL.finditer(text):  # only the characters outside printable ASCII: a long text stays cheap
        if bad >= stop:
            break
        c, i = found.group(), found.start()
        if c.isascii():  # a control character
            bad += 1
            continue
        cat = unicodedata.category(c)
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if cat.startswith("C") or c == "\ufffd":
            bad += 1
        elif cat.startswith("L") and c not in _SYMBOL_LETTERS:
            # An upper-case letter straight after a lower-case one ("AmŽlie", "ŁódŸ"): a code page's mix-up
            if c.isupper() and before.isalpha() and before.islower():
                bad += 1
        elif cat.startswith("M"):
            bad += not before.isalpha()
        elif c in _OPENING:
            bad += before.isalnum()
        elif c not in _IN_WORD:
            glued = after.isalpha() or _BEFORE_WORD.match(text, i + 1) is not None
            bad += glued or (before.isalpha() and c not in _AFTER_WORD)
    return bad


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None


def _mixed(data: bytes) -> str | None:
    """UTF-8 with stray Windows-1252 bytes (a signature or a paste from another program), each read as its own
    charset; None unless there is real UTF-8 in it (else it is Windows-1252 throughout, tried on its own)."""
    loose = data.decode("utf-8", "surrogateescape")
    if not re.search("[^\x00-\x7f\udc80-\udcff]", loose):
        return None
    return re.sub("[\udc80-\udcff]+",
                  lambda m: m.group().encode("utf-8", "surrogateescape").decode("cp1252", "replace"), loose)


def _codec(label: str) -> str | None:
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _rank(codec: str) -> int:
    return _PREFERRED.index(codec) if codec in _PREFERRED else len(_PREFERRED)


def c1_controls(text: str) -> bool:
    """Characters U+0080-U+009F: under an ISO-8859 label, the Windows code page's quotes, dashes and letters."""
    return any("\x80" <= c <= "\x9f" for c in text)


def _name(codec: str) -> str:
    return _NAMES.get(codec, codec)


def repair(data: bytes, label: str) -> Decoded:
    """Bytes that did not decode by their declared charset `label` (or had none), read by the first plausible
    candidate (see the module's docstring); the detector's least implausible match when none is plausible."""
    for bom, codec in _BOMS:
        if data.startswith(bom) and (text := _try(data, codec)) is not None:
            return Decoded(text, _name(codec), False)
    if (text := _try(data, "utf-8")) is not None:
        return Decoded(text, "utf-8", False)
    declared = _codec(label) if label else None
    family = [UTF8_MIXED] if declared == "utf-8" else [_FAMILY[declared]] if declared in _FAMILY else []
    # Judged on the first lines (cut at a line end, never inside a character), decoded whole only when plausible
    cut = data.rfind(b"\n", 0, SAMPLE) if len(data) > SAMPLE else -1
    lines = data[:cut] if cut > 0 else data[:SAMPLE]
    for candidate in family:
        read = _mixed if candidate == UTF8_MIXED else (lambda b, c=candidate: _try(b, c))
        first = read(lines)
        if first is not None and not implausible(first, stop=1) and (text := read(data)) is not None:
            return Decoded(text, _name(candidate), True)
    # The European code pages side by side: the least implausible, Western first among equals
    readings = {codec: lines.decode(codec, errors="replace") for codec in EUROPEAN}
    scores = {codec: implausible(text, stop=STOP) for codec, text in readings.items()}
    best = min(scores.values())
    if best == 0:
        equals = [codec for codec in EUROPEAN if scores[codec] == 0]
        chosen = equals[0]
        if (text := _try(data, chosen)) is not None:
            other = next((c for c in equals if readings[c] != readings[chosen]), "")
            return Decoded(text, _name(chosen), True, _name(other) if other else "")
    from charset_normalizer import from_bytes

    # Judged on the first SAMPLE bytes (a 2 MB Cyrillic body judged whole under 15 code pages took 30 s); the
    # detector's matches plus Mac Roman, which it reports as Mac Iceland (they differ in six letters).
    head = data[:SAMPLE]
    codecs_ = [*EUROPEAN, *(m.encoding for m in from_bytes(data)), "mac_roman"]
    ranked = sorted((implausible(_sample(head, codec), stop=STOP), _rank(codec.replace("_", "-")), k, codec)
                    for k, codec in enumerate(codecs_))
    codec = ranked[0][3]
    return Decoded(data.decode(codec, errors="replace"), _name(codec.replace("_", "-")), True)


def _sample(head: bytes, codec: str) -> str:
    """The first bytes decoded, a character cut at the end not counted against the codec."""
    return head.decode(codec, errors="replace").rstrip("\ufffd") if len(head) == SAMPLE else head.decode(
        codec, errors="replace")


def undouble(text: str) -> str | None:
    """`text` with UTF-8 that was read as Windows-1252 and encoded as UTF-8 again ("ZoÃ« BrontÃ«") read back
    ("Zoë Brontë"), or None when there is none. A run of such characters is undone only when its bytes are valid
    UTF-8 and make accented Latin letters, each from two characters or more ("Å\u00a0" is "Š"; "É’" in "CAFÉ’s"
    would be "ɒ" and stays), and the whole only when no more implausible than before (judged on the first
    SAMPLE characters: a name is near the top)."""

    def run(found: re.Match[str]) -> str:
        pieces = _LOST.split(found.group())
        try:
            read = "\ufffd".join(_sloppy_1252(piece).decode("utf-8") for piece in pieces)
        except (UnicodeEncodeError, UnicodeDecodeError):
            return found.group()
        return read if _LATIN_LETTERS.fullmatch(read) else found.group()

    # Judged on the first SAMPLE characters (a 2 MB hostile body judged whole took seconds), undone throughout
    head = text[:SAMPLE]
    fixed = _DOUBLE_RUN.sub(run, head)
    if fixed == head or (bad := implausible(fixed, stop=STOP)) >= STOP or bad > implausible(head, stop=STOP):
        return None
    return _DOUBLE_RUN.sub(run, text)


def _sloppy_1252(text: str) -> bytes:
    """Windows-1252 bytes, its five unassigned bytes kept as the C1 characters a reader made of them."""
    return text.translate(_TO_LATIN1).encode("latin-1")
