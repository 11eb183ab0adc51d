"""Text clean-up shared by every reader: smart quotes, odd spaces, tick glyphs, blank-value detection."""

from __future__ import annotations

import re

CHECKED = "☒"
UNCHECKED = "☐"

# Word and Outlook swap plain punctuation for typographic forms; labels are matched on the plain forms.
_TRANSLATE = str.maketrans(
    {
        # curly apostrophes are kept as written ("O’Donnell"); label patterns accept either form
        "\u201c": '"',
        "\u201d": '"',
        # en and em dashes are kept as written ("Children's Social Care – Front Door"); matchers accept them
        "\u00a0": " ",
        "\u2007": " ",
        "\u2002": " ",  # Word's FORMTEXT shows an empty field as five en spaces
        "\u2003": " ",
        "\u202f": " ",
        "\u200b": "",
        "\ufeff": "",
        "\u00ad": "",
        # every "ticked" glyph seen on partnership forms becomes one glyph, every empty box another
        "☑": CHECKED,
        "✓": CHECKED,
        "✔": CHECKED,
        "■": CHECKED,
        "✗": CHECKED,
        "✘": CHECKED,
        "□": UNCHECKED,
        "❑": UNCHECKED,
        "❒": UNCHECKED,
        "❏": UNCHECKED,  # ZapfDingbats "o", as pypdf decodes it
        "❐": UNCHECKED,
        "\u221a": CHECKED,  # √ typed as a tick
        "\u2327": CHECKED,  # ⌧ X in a rectangle, Word's "checked box" symbol
        "\u22a0": CHECKED,  # ⊠
        "\u2612": CHECKED,
        "\u2705": CHECKED,  # ✅
        "\U0001f5f9": CHECKED,  # 🗹
        "\U0001f5f7": CHECKED,  # 🗷
        "\u25aa": CHECKED,  # ▪
        "\u2b1b": CHECKED,  # ⬛
        "\u2b1c": UNCHECKED,  # ⬜
        "\u25fb": UNCHECKED,  # ◻
        "\uf0fd": CHECKED,  # Wingdings 0xFD (box with X)
        "\uf0fc": CHECKED,  # Wingdings 0xFC (tick)
        "\uf0fb": CHECKED,  # Wingdings 0xFB (cross mark)
        "\uf0fe": CHECKED,  # Wingdings 0xFE (checked box) as Word stores it in a symbol run
        "\uf0a8": UNCHECKED,  # Wingdings 0xA8 (empty box)
        "\uf06f": UNCHECKED,
        "\uf078": CHECKED,
    }
)

# "[X] Yes [ ] No" typed by people without a tick glyph; also "(x)".
_BRACKET_TICK = re.compile(r"[\[(]\s*[xX✓✔*]\s*[\])]")
_BRACKET_EMPTY = re.compile(r"\[\s*\]|\(\s\)")

# Placeholder text Word forms ship with, which means "nothing was typed here".
_PLACEHOLDERS = re.compile(
    r"^(click (or tap )?(here )?to enter (a )?(text|date)( here)?\.?|choose an item\.?|enter (text|date)( here)?|"
    r"type here|insert (text|date)( here)?|n/?a|-+|\.+|_+|"
    r"(please )?add (more )?rows( as needed| as required)?\.?|none stated|not known|unknown|tbc|tba|\?|"
    r"n\.a\.?|n/k|nk|not applicable|to be confirmed|not yet known|unknown at (this time|present)|"
    r"not known at (this time|present)|[-–—/.]?\s*)\.?$",
    re.IGNORECASE,
)


# Wingdings boxes typed as text and printed without the font: "þ" (0xFE, ticked) and "¨" (0xA8, empty), standing
# alone before an option ("þ Any other White background"), never inside a word
_WING_ON = re.compile(r"(?<!\S)þ(?=[ \t]+[A-Za-z])")
_WING_OFF = re.compile(r"(?<!\S)¨(?=[ \t]+[A-Za-z])")


# A legend that says a cross means no ("(✓ = yes, ✗ = no)", "✘ means No"): on that form a cross is an answer of
# no, not a ticked box (clean() would make it ☒, so "Child died ✗" read as yes)
_CROSS_IS_NO = re.compile(r"(?<!\w)[✗✘]\s*(?:=|:|-|–|means|is)\s*no\b", re.I)
_LONE_MARK = re.compile(r"(?<![^\s|(\[])[✗✘✓✔](?![^\s|)\].,;])")


def crosses_as_no(text: str) -> str:
    """Every lone ✗ / ✘ as the word "No", and so every lone ✓ / ✔ as "Yes", when the text's own legend says a
    cross means no (the legend's line left as written); unchanged otherwise."""
    if ("✗" not in text and "✘" not in text) or not _CROSS_IS_NO.search(text):
        return text
    return "\n".join(line if _CROSS_IS_NO.search(line) else _LONE_MARK.sub(
        lambda m: "No" if m.group() in "✗✘" else "Yes", line) for line in text.split("\n"))


_CONTROL = re.compile(r"[\x00-\x06\x08\x0e-\x1f\x7f]")

# Radio buttons drawn as circles ("◉ Yes ○ No", "● Known ○ Suspected"): a filled circle is the chosen option, an
# empty one an option not chosen, but a circle alone is a list's bullet (Word's second-level "○", the common "●"),
# so they are boxes only on a line that holds both kinds, each before an option's word
_RADIO_ON, _RADIO_OFF = "◉⦿●◍", "○◯⚪"
_RADIO = re.compile(f"(?<![^\\s|:(])([{_RADIO_ON}{_RADIO_OFF}])(?=[ \\t\u00a0]*[A-Za-z])")


def _radio_line(line: str) -> str:
    marks = _RADIO.findall(line)
    if not any(m in _RADIO_ON for m in marks) or not any(m in _RADIO_OFF for m in marks):
        return line
    return _RADIO.sub(lambda m: CHECKED if m.group(1) in _RADIO_ON else UNCHECKED, line)


def radios_as_boxes(text: str) -> str:
    """Each line's radio circles as boxes when the line holds a chosen and an unchosen one (see _RADIO)."""
    return "\n".join(_radio_line(line) for line in text.split("\n"))


def clean(text: str) -> str:
    """Unify quotes, spaces and tick glyphs; keep line breaks."""
    text = text.translate(_TRANSLATE)
    if "þ" in text or "¨" in text:
        text = _WING_OFF.sub(UNCHECKED, _WING_ON.sub(CHECKED, text))
    if "[" in text or "(" in text:  # both bracket patterns open with one; most cells have none
        text = _BRACKET_TICK.sub(CHECKED, text)
        text = _BRACKET_EMPTY.sub(UNCHECKED, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x07", "")
    if any(c in text for c in _RADIO_OFF):
        text = radios_as_boxes(text)
    # other control characters are never a form's text: a Word content control's start and end marks (\x04, \x05)
    # and a drop-down's (\x01) come through a LibreOffice HTML export into the value
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def squash(text: str) -> str:
    """One line, single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def value_or_none(text: str | None, *, keep_unknown: bool = False) -> str | None:
    """A typed value, or None for blanks and form placeholders ("Click here to enter text.")."""
    if text is None:
        return None
    text = text.strip(" \t\n:;,|")
    if text.endswith(("...", "…")):
        # "North Somerset Youth Justice Service .... ....": dot leaders left after an answer, not part of it (an
        # answer's own "etc..." has no space before its dots)
        text = re.sub(r"(?:[ \t]+(?:\.{3,}|…+))+$", "", text).strip(" \t:;,|")
    if text.endswith("/") and text[:-1].endswith((" ", "\t")):
        # "Ethnicity: Black Caribbean  /  Faith: Roman Catholic": the slash that parts two labelled answers on
        # one line is not the first answer's (a value's own slash has no space before it at the end: "N/")
        text = text[:-1].rstrip(" \t:;,|")
    if not text:
        return None
    if _PLACEHOLDERS.match(squash(text)):
        if keep_unknown and squash(text).lower().rstrip(".") in {"not known", "unknown", "n/k", "nk"}:
            return squash(text)
        return None
    return text


def is_placeholder_row(cells: list[str]) -> bool:
    """A table row that only says "Add rows as needed" or is empty."""
    return all(value_or_none(c.replace(CHECKED, "").replace(UNCHECKED, "")) is None for c in cells)


def surname_case(surname: str) -> str:
    """"O'NEILL" -> "O'Neill", "OKONKWO-REID" -> "Okonkwo-Reid", "MCALLISTER" -> "McAllister": a surname a form
    printed in capitals, written as a name."""
    out = surname.title().replace("’S", "’s")
    return re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), out)


# "MARSH, Leo" / "O'NEILL, Zoë Anne": a case system's surname-first name, the surname in capitals
_SURNAME_FIRST = re.compile(r"^(?P<last>[^\W\d_][^\s,\d]*(?: [^\W\d_][^\s,\d]*){0,2}),\s*(?P<first>[^,\d]{1,60})$")


def given_name_first(name: str) -> str:
    """A surname-first name in capitals ("MARSH, Leo") as written in a sentence ("Leo Marsh"); else unchanged.

    Only capitals mark the surname: "Leo Marsh, DSL" (a name and a role) is left as it is."""
    m = _SURNAME_FIRST.match(name.strip())
    if m is None:
        return name
    last, first = m.group("last"), m.group("first").strip()
    letters = [c for c in last if c.isalpha()]
    if len(letters) < 2 or not last.isupper() or first.isupper() or len(first.split()) > 3:
        return name
    if not all(w[:1].isupper() for w in first.split()):
        return name
    return f"{first} {surname_case(last)}"


# Code points (low byte) of tick and box symbols per symbol font, as Word stores them in <w:sym w:char="F0FE">
# or as plain text in a run set in that font ("þ" in Wingdings is a ticked box), and as a PDF printed from Word
# shows them.
SYMBOL_FONTS: dict[str, tuple[set[int], set[int]]] = {
    "wingdings": ({0xFE, 0x78, 0xFC, 0xFB, 0xFD}, {0xA8, 0x6F, 0x71, 0xA1}),
    "wingdings 2": ({0x50, 0x4F, 0x51, 0x52, 0x53, 0x54, 0xCF}, {0xA3, 0x2A, 0xA2}),
    "symbol": ({0xD6}, set()),  # √
}
_STANDARD_BACK = {"¤": 0xA8, "¡": 0xA1, "£": 0xA3, "¢": 0xA2}  # StandardEncoding's reading of those bytes


def symbol_glyph(font: str, char: str) -> str:
    """The tick glyph one character of a symbol-font run shows, or "" for any other symbol (bullets, arrows)."""
    if char.isspace():
        return char
    checked, empty = SYMBOL_FONTS[font]
    code = _STANDARD_BACK.get(char, ord(char)) & 0xFF
    return CHECKED if code in checked else UNCHECKED if code in empty else ""
