"""A page printed in two newspaper columns, read as laid-out text: the left column, then the right one.

A page laid out as text keeps its columns side by side on each line ("Name            Health Visiting: ..."),
so a form set in two columns (a police or health report tool's leaflet style) reads as one table of unrelated
pairs. The page is parted at the gutter only when it plainly has two columns of its own content: a column start
shared by three or more lines, no line crossing it, and a section heading standing alone in the right-hand
column (a label | value form's right side holds answers, never the next section's heading).
"""

from __future__ import annotations

import re

_PIECE = re.compile(r"\S+(?:[ \t]{1,2}\S+)*")


def split_columns(page: str) -> str:
    """The page text with its right-hand column moved after its left-hand one (unchanged if not two columns)."""
    lines = page.split("\n")
    spans = [[(m.start(), m.end(), m.group(0)) for m in _PIECE.finditer(line)] for line in lines]
    width = max((s[-1][1] for s in spans if s), default=0)
    # the first piece of each line after a wide gap, far enough across the page to start a second column
    # (or the only piece of a line, indented that far: a right-hand line beside an empty left-hand one)
    seconds = {k: next(s for s in row if s[0] >= 0.35 * width) for k, row in enumerate(spans)
               if any(s[0] >= 0.35 * width for s in row)}
    if len(seconds) < 3:
        return page
    at = min(s[0] for s in seconds.values())
    # the column's lines start together (a laid-out page places them within a few characters of each other)
    if max(s[0] for s in seconds.values()) - at > 12:
        return page
    # no piece crosses the gutter (a full-width paragraph or title would): else this is one column laid out wide
    if any(s[0] < at - 1 and s[1] > at for row in spans for s in row):
        return page
    right = [(k, " ".join(s[2] for s in spans[k] if s[0] >= seconds[k][0])) for k in sorted(seconds)]
    if not _has_heading([text for _, text in right]):
        return page
    left = [line[: seconds[k][0]].rstrip() if k in seconds else line.rstrip() for k, line in enumerate(lines)]
    return "\n".join([*_unwrapped(left), *_unwrapped([text for _, text in right])])



def _unwrapped(lines: list[str]) -> list[str]:
    """A column's lines with the ones its narrow width broke joined again: a line ending in a comma, or one whose
    next word would not have fitted on it (the column being as wide as its widest line), carries on in the next
    line, unless that line is a heading or starts a list item."""
    from parsers.labels import HEADINGS

    widest = max((len(ln.strip()) for ln in lines), default=0)
    out: list[str] = []
    last = ""  # the physical line above (what the width broke), not the line joined so far
    for line in lines:
        text = line.strip()
        prev = out[-1] if out else ""
        word = text.split(" ", 1)[0] if text else ""
        fits = len(last) + 1 + len(word) <= widest
        heading = any(rx.match(text) for _, rx in HEADINGS) or (text.isupper() and len(text) > 3)
        if prev and text and not heading and not _ITEM.match(text) and not _OWN_START.match(text) and (
                last.endswith(",") or (not fits and len(last) >= 0.6 * widest)):
            out[-1] = f"{prev} {text}"
        else:
            out.append(text if text else "")
        last = text
    return out


# a line that starts something of its own: "Label: ...", "Agnieszka Marchetti — Mother"
_OWN_START = re.compile(r"^[A-Za-z][A-Za-z '’/()]{0,40}:\s|^[A-Z][^\s:]*(?: [^\s:]+){0,3}\s[—–-]\s")
_ITEM = re.compile(r"^(?:[-•*·]\s|\(?\d{1,2}[.)]\s|[☐☒☑])")


def _has_heading(pieces: list[str]) -> bool:
    from parsers.labels import HEADINGS

    return any(len(p) <= 60 and any(rx.match(p.strip()) for _, rx in HEADINGS) for p in pieces)
