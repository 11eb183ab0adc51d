"""The fields of a referral a person should check: not read, warned about, or read with low confidence.

One list for the routing and triage mails, `csprbot case --full` and the web case page (issue 12 item 4). It
names fields, never their values: the triage mail and the case page's other roles may not see the form.
"""

from __future__ import annotations

from typing import Any

from bot.domain.charset_check import charset_fields
from bot.domain.commands import CORRECTABLE
from parsers.referral import REQUIRED as REQUIRED_FIELDS
from parsers.several_forms import SEVERAL_FORMS

REQUIRED = tuple(k.removeprefix("referral.") for k in REQUIRED_FIELDS)
NOT_READ = "not read from the form"
WARNED = "the form's answer needs checking"
SEVERAL = "the mail holds several referral forms: this case is the first form's child; the others need their own"
# How a low-confidence value was read (parsers/provenance.py `via`), in words for the reason column.
_HOW = {
    "narrative": "taken from the letter's wording",
    "signature": "taken from the mail's signature",
    "forwarded_signature": "taken from a forwarded mail's signature",
    "lead_name": "whose details a bare 'Name:' at the top gives was guessed",
    "near_label": "its label was misspelt and matched by likeness",
    "prose_label": "its label was met inside a sentence",
    "unknown": "where it came from is not known",
}


def low_confidence(parsed: dict[str, Any]) -> dict[str, str]:
    """Field -> reason, for the referral's values read with low confidence (parse JSON's `provenance`)."""
    out: dict[str, str] = {}
    for path, origin in (parsed.get("provenance") or {}).items():
        if isinstance(origin, dict) and origin.get("confidence") == "low" and str(path).startswith("referral."):
            how = _HOW.get(str(origin.get("via")), "read by a rule of thumb")
            out[str(path).removeprefix("referral.")] = f"read with low confidence: {how}"
    return out


def fields_to_check(parsed: dict[str, Any], form: dict[str, Any] | None, open_case: bool) -> list[dict[str, Any]]:
    """The fields the parser says need checking: missing ones (still empty on the case), those its warnings
    name, those read with low confidence, and, for a case opened without a readable form, the form's required
    fields still empty. Each says whether CORRECT can fix it (`correctable`), and never quotes the form (names
    only)."""
    def value(path: str) -> Any:
        node: Any = form or {}
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return node

    out: dict[str, str] = {}
    for raw in parsed.get("missing") or []:
        path = str(raw).removeprefix("referral.")
        if value(path) is None:
            out.setdefault(path, NOT_READ)
    for warning in parsed.get("warnings") or []:
        head = str(warning).split(":", 1)[0].strip().removeprefix("referral.")
        if head in CORRECTABLE:
            out.setdefault(head, WARNED)
        elif head == SEVERAL_FORMS:
            out.setdefault("child.name", SEVERAL)  # which child this case is for: a person confirms it
    # Another code page reads these fields' letters differently, as plausibly: a person checks the original.
    for path, why in charset_fields(parsed.get("warnings") or [], form).items():
        out.setdefault(path, why)
    for path, why in low_confidence(parsed).items():
        out.setdefault(path, why)
    if form is not None:
        for path in REQUIRED:
            if value(path) is None:
                out.setdefault(path, NOT_READ)
    return [{"field": k, "why": why, "correctable": open_case and k in CORRECTABLE} for k, why in out.items()]


def completed_parse(first: dict[str, Any], form: dict[str, Any] | None) -> dict[str, Any]:
    """The parse a case's fields to check are read from when a form completed it (bot/complete.py): the form's,
    with the opening mail's low-confidence readings kept only for the fields the form does not answer (where the
    form reads a field, its reading, not the letter's guess, is what a person checks)."""
    if form is None:
        return first

    def answered(path: str) -> bool:
        node: Any = form.get("referral") or {}
        for part in path.removeprefix("referral.").split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return node not in (None, "", [])

    kept = {p: o for p, o in (first.get("provenance") or {}).items() if not answered(str(p))}
    return {**form, "provenance": {**kept, **(form.get("provenance") or {})}}
