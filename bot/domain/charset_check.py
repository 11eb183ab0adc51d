"""The referral fields another character set reads differently: to be checked by a person (stranger round 16, B5).

A form in a code page other than its label's is read by a guess (parsers/charsets.py); when a second code page
reads its accented letters as other letters just as plausibly (Windows-1252 "Ondøej Èerný", Windows-1250
"Ondřej Černý"), the reader warns naming both. That warning quotes nothing a triage mail may show, and on its own
reached no one: the fields whose value the other code page reads differently go on the case's to-check list
(bot/domain/tocheck.py, the routing and triage mails), by name only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from bot.domain.duplicates import LETTER_NAME
from parsers.charsets import AMBIGUOUS

NAME_REASON = "another character set reads this name differently; check it"
REASON = "another character set reads this answer differently; check it"
_WARNING = re.compile(r"read as (?P<read>[\w.-]+) \(guessed\); (?P<alt>[\w.-]+) " + re.escape(AMBIGUOUS))


def _texts(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, value) of every text answer of the form as read ("child.name", "summary")."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == LETTER_NAME:  # csprbot's note of a name the letter gives, not an answer of the form
                continue
            yield from _texts(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, str) and path:
        yield path, node


def _differs(value: str, read: str, alt: str) -> bool:
    """Whether the bytes `value` was read from (in `read`) are other letters in `alt`."""
    try:
        other = value.encode(read).decode(alt)
    except LookupError:  # a code page Python does not know by that name: any accented letter may differ
        return not value.isascii()
    except UnicodeError:  # not what was read (corrected since), or bytes `alt` has no letter for
        return False
    return other != value


def charset_fields(warnings: Iterable[str], form: dict[str, Any] | None) -> dict[str, str]:
    """Field -> reason, for each field another code page reads differently, child.name first. Without the form
    (nothing read), the child's name: it is what the warning is about and what duplicates are matched on."""
    out: dict[str, str] = {}
    for warning in warnings:
        m = _WARNING.search(str(warning))
        if m is None:
            continue
        if form is None:
            out.setdefault("child.name", NAME_REASON)
            continue
        found = sorted((p for p, v in _texts(form) if _differs(v, m["read"], m["alt"])),
                       key=lambda p: (p != "child.name", p))
        for path in found:
            out.setdefault(path, NAME_REASON if path.endswith("name") else REASON)
    return out
