"""Which part of a multipart/alternative to read: the plain one unless it is a stub beside a full HTML one."""

from __future__ import annotations

import re

# Phrases a client or a mail-merge puts in the alternative it did not really write (the plain part of an HTML
# letter, or the HTML wrapper of a plain one). Matched in short text only: a letter that says "see the HTML
# version" somewhere in a full paragraph is not a stub.
_STUB = re.compile(
    r"see\s+the\s+html\s+(?:version|copy|part|email|message)"
    r"|(?:mail|email|e-mail)\s+(?:client|program|reader|software|application)\s+(?:does\s+not|doesn't|cannot|can't)"
    r"\s+(?:support|display|show|read)"
    r"|view\s+(?:this|the|it)\s+(?:e-?mail|message|newsletter)?\s*(?:online|in\s+(?:your|a|the)\s+(?:web\s+)?browser)"
    r"|this\s+(?:is\s+an?\s+)?(?:html|multipart)\s+(?:e-?mail|message)"
    r"|(?:open|view|read)\s+(?:this|the)\s+(?:e-?mail|message)\s+in\s+(?:an?\s+)?html",
    re.IGNORECASE,
)
_STUB_MAX = 300  # longer than any client's stub; a full letter is longer
_SHORT = 200  # below this a part beside one several times longer is a stub, not a letter
_RATIO = 5  # a fifth: the plain part of a real letter is about as long as its HTML text


def _visible(text: str) -> int:
    return len(re.sub(r"\s+", " ", text).strip())


def says_nothing(text: str) -> bool:
    """An alternative that only points at the other one ("Please see the HTML version.") or is empty. Still kept
    among the alternatives not read: a command beside it is refused as the two versions differ (round 4)."""
    return _visible(text) == 0 or (_visible(text) <= _STUB_MAX and _STUB.search(text) is not None)


def is_stub(text: str, other: str) -> bool:
    """`text` (one alternative's visible text) only points at or wraps `other` (the other alternative's)."""
    mine, theirs = _visible(text), _visible(other)
    if theirs == 0 or mine >= theirs:
        return False
    if says_nothing(text):
        return True
    return mine * _RATIO < theirs or (mine < _SHORT and mine * 3 < theirs)


def read_html_alternative(plain: str, html_text: str, has_table: bool) -> bool:
    """Read the HTML alternative (True) or the plain one (False), given the plain text, the HTML's visible text
    and whether the HTML lays out a table. Outlook's plain alternative of a form flattens its tables, so a
    table in the HTML wins, unless the HTML is only a wrapper ("view in browser") around a full plain part;
    a plain stub ("Please see the HTML version.") beside a full HTML letter loses to it."""
    if len(plain.strip()) < 20 or is_stub(plain, html_text):
        return True
    if is_stub(html_text, plain):
        return False
    return has_table
