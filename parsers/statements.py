"""Criteria written as ticked statements ("☑ The child has been seriously harmed", "☐ Abuse or neglect is known").

A statement counts only with exactly one box beside it and no Yes/No options: "☒ Abuse or neglect is
suspected" is an answer, "Is abuse or neglect suspected? ☒ Yes ☐ No" is a question for fields.py. An
unticked statement means "no" only once some other statement on the form is ticked (see fields.py), so an
untouched checklist stays blank rather than all "no".
"""

from __future__ import annotations

import re

from parsers.normalise import CHECKED, UNCHECKED

_CH = r"(?:the |a )?(?:child|young person|infant|baby)(?:(?:/| or )young person)?"
_END = r"[\s.;,:\-–—]*$"  # "Child died – ☒": a dash before the box, as a colon
# the statutory wording qualifies the event: "Death of a child where abuse or neglect is known or suspected"
_QUALIFIED = r"(?:,?\s+(?:where|and|in which|with|when)\s+(?:abuse|neglect)\b[^?]*)?"
STATEMENTS: list[tuple[str, re.Pattern[str]]] = [
    ("referral.criteria.child_died", re.compile(
        rf"^(?:{_CH} (?:has )?died|{_CH} (?:is|was|has been) deceased|(?:the )?death of {_CH}|(?:a )?child death)"
        + _QUALIFIED + _END, re.I)),
    ("referral.criteria.seriously_harmed", re.compile(
        rf"^(?:{_CH} (?:(?:has been|was|is|has) )?(?:seriously|significantly) (?:harmed|injured)|{_CH} has (?:suffered|"
        rf"sustained|experienced) (?:serious|significant) (?:harm|injury|injuries)|serious harm(?: to {_CH})?)"
        + _QUALIFIED + _END, re.I)),
    ("referral.criteria.abuse_or_neglect", re.compile(
        r"^(?:abuse ?(?:or|and/or|and|/) ?neglect (?:is |was |are |has been )?(?P<a>known or suspected|known|suspected)"
        r"|(?P<b>known or suspected|known|suspected) abuse ?(?:or|and/or|and|/) ?neglect)\b[^?]*$", re.I)),
    ("referral.criteria.agency_concern", re.compile(
        # "I am concerned about how agencies worked together": a forms service's option in the referrer's words
        r"^(?:there (?:is|are|was|were) |(?:i am|i'm|we are|we're) )?(?:a |some )?(?:cause for )?"
        r"(?:concerns?|concerned) (?:about|regarding|over|as to|"
        r"in relation to|with)\b.{0,80}\b(?:agencies|multi-agency|partners|professionals)\b.{0,80}\bwork(?:ed|ing)?"
        r"(?: together)?\b[^?]*$|^concerns? about multi-agency working" + _END, re.I)),
]
_BOX = f"[{CHECKED}{UNCHECKED}]"
_LINE = re.compile(rf"^[\s*•\-–—]*(?P<pre>{_BOX})?\s*(?P<text>[^{CHECKED}{UNCHECKED}]+?)\s*(?P<post>{_BOX})?\s*$")


def statement(line: str) -> tuple[str, bool, str | None] | None:
    """(field key, ticked, "known"/"suspected"/"known or suspected" for abuse) for one boxed statement line."""
    m = _LINE.match(line)
    if m is None or (m.group("pre") is None) == (m.group("post") is None):
        return None
    text = m.group("text").strip()
    if re.search(r"\b(?:yes|no)\b", text, re.I):
        return None
    on = (m.group("pre") or m.group("post")) == CHECKED
    for key, pattern in STATEMENTS:
        sm = pattern.match(text)
        if sm:
            kind = (sm.group("a") or sm.group("b")).lower() if "a" in pattern.groupindex else None
            return key, on, kind
    return None


def split_cell_row(cells: list[str]) -> str | None:
    """A table row "☒ | The child has died" or "The child has died | ☒" as one statement line."""
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) != 2 or len(cells) > 3:
        return None
    boxes = [c for c in filled if c in (CHECKED, UNCHECKED) or re.fullmatch(r"[xX]", c)]
    if len(boxes) != 1:
        return None
    box = CHECKED if boxes[0] in (CHECKED, "x", "X") else UNCHECKED
    other = next(c for c in filled if c is not boxes[0])
    return f"{box} {other}"
