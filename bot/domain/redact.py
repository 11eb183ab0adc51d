"""What a mail or view that may not carry child identifiers shows of free text: codes, domains, word counts.

DOMAIN.md's minimum-data rule and docs/SECURITY.md: only the full-form routing mail to the secure roles (and
`--full` / the web view's referral roles) carries a child's name, date of birth, address or NHS number. Three
kinds of text can carry one anyway because a person wrote them: a parser's warning quotes the form ("the
letter names Alex Fictional (born 2019-03-14)"), an address's local part is anyone's choice
(`alex.fictional@...`), and a reason typed by staff (DISAGREE, WAIVE, EXTEND, CLOSE, REOPEN) is free text.
So everywhere else a warning is shown by its code (the part before its first colon: a field name or a short
machine phrase), an address by its domain, and a typed reason by the fact that one was given.
"""

from __future__ import annotations

import re

from bot.domain.typed import MARK
from bot.settings import Settings

TEXT_MAX = 160  # free text in the digest is one short line: the full story is in `csprbot quarantine show`

# Quoted or bracketed fragments in reasons are where parsers put what the sender wrote. A straight
# single quote opens only after a non-word character and closes only before one, so an apostrophe
# inside the quoted text ('Liam O'Brien') or outside it (Director's) does not split it.
_QUOTED = re.compile(r"(?<!\w)'.*?'(?!\w)|\"[^\"]*\"|‘[^’]*’|“[^”]*”|\([^()]*\)|\[[^\[\]]*\]")

# An address in free text: its local part is what a sender chose (it can spell a child's name).
_ADDRESS = re.compile(r"[^\s<>()\[\]'\"‘’“”@,;:]+@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")

# A date in free text: a refusal echoes the date a sender typed ("the date 2019-03-14 is before the incident"),
# which can be a child's date of birth written in the wrong place.
_DATE = re.compile(r"(?<![\w/.-])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})(?![\w/.-])")

# A warning's code: what precedes its first ": " when that is a field name or a short phrase of lower-case
# words ("child_named_in_letter", "child.name", "depth bound", "command EXTEND"). Anything else (a capital, a
# digit, a quote: a value) means the warning has no code and is shown with its values blanked.
_CODE = re.compile(r"(?:AD )?[a-z][a-z_.]*(?: [a-z][a-z_.]*){0,4}|command [A-Z][A-Z ]{1,20}")


def domain_only(text: str) -> str:
    """Every address in `text` as its domain only: `alex.fictional.mum@gmail.com` -> `…@gmail.com`."""
    return _ADDRESS.sub(lambda m: "…@" + m.group("domain").lower(), text)


def clip(text: str | None, limit: int = TEXT_MAX) -> str:
    out = " ".join((text or "").split())
    return out if len(out) <= limit else out[: limit - 1].rstrip() + "…"


def scrub(text: str | None, limit: int = TEXT_MAX) -> str:
    """One line of free text with quoted/bracketed parts and dates blanked, addresses cut to their domain and the
    length capped."""
    if not text:
        return ""
    out = _QUOTED.sub(lambda m: m.group(0)[0] + "…" + m.group(0)[-1], text)
    return clip(_DATE.sub("…", domain_only(out)), limit)


def warning_code(warning: str) -> str:
    """A parser warning as a mail outside the routing mail shows it: its code, never its value.

    "child_named_in_letter: the letter names Alex Fictional (born 2019-03-14) ..." -> "child_named_in_letter".
    A warning without a code (no colon, or a value before it) keeps its wording with quoted and bracketed parts,
    dates and addresses blanked, and is cut at its first colon: parsers put values after one.
    """
    if _own_wording(warning):
        return warning
    head, sep, _ = warning.partition(":")
    head = head.strip()
    if sep and _CODE.fullmatch(head):
        return head
    return scrub(head, 120)


def _own_wording(warning: str) -> bool:
    """A warning csprbot words itself from counts alone (nothing the sender wrote), shown whole: it tells the
    co-ordinator what to do. Checked by rebuilding it, so a warning that only starts the same way is not."""
    # imported here: the store-only commands (bot.views) import this module and must not load the parsers
    from parsers.several_forms import SEVERAL_CHILDREN_WARNING, several_forms_warning

    if warning == SEVERAL_CHILDREN_WARNING:
        return True
    count = re.search(r"holds (\d{1,2}) referral forms", warning)
    return count is not None and warning == several_forms_warning(int(count.group(1)))


def warning_codes(warnings: list[str]) -> list[str]:
    """Each distinct code once, in order (three "child.name: ..." warnings are one line to check)."""
    return list(dict.fromkeys(c for c in (warning_code(w) for w in warnings) if c))


def reason_given(text: str | None, where: str = "--full shows it", whole: bool = True) -> str:
    """A reason typed by a person, as a view without personal data shows it: that one was given, and its length.

    A machine prefix before the typed text ("disagreement raised: ...") is kept: it says what happened. With
    `whole` false, a reason without a colon is csprbot's own wording ("confirmed as a referral"): shown with
    any quoted or bracketed part, date and address blanked."""
    if not text:
        return ""
    if MARK in text:  # its typed text is no longer held (retention): what is left names nothing
        return text
    head, sep, rest = text.partition(": ")
    if not whole and not sep:
        return scrub(text, 400)
    words = len((rest if sep and _CODE.fullmatch(head.strip()) else text).split())
    said = f"reason given, {words} word{'s' if words != 1 else ''}; {where}"
    return f"{head.strip()}: {said}" if sep and _CODE.fullmatch(head.strip()) else said


def reason_codes(reason: str | None) -> str:
    """A quarantine or refusal reason (warnings joined by "; ") as a notice shows it: each piece by its code."""
    return "; ".join(warning_codes((reason or "").split("; ")))


def shown_address(settings: Settings, address: str | None) -> str:
    """An address as a notice, summary or digest prints it: in full when the configuration names it (a role, an
    agency's listed address, csprbot's own), else its domain only (a stranger's local part can spell a name)."""
    if not address:
        return "(unknown)"
    a = address.strip().lower()
    if settings.roles.holders(a) or settings.agency_for_address(a) is not None \
            or a == settings.partnership.bot_address.lower():
        return address
    return domain_only(address)


def summary_shown(summary: str | None) -> str:
    """A command's summary without what was typed: handlers write "<what was done>: <the reason as typed>"."""
    if not summary:
        return ""
    head, sep, rest = summary.partition(": ")
    if not sep:
        return scrub(summary, 400)
    words = len(rest.split())
    return f"{scrub(head, 200)}: reason given, {words} word{'s' if words != 1 else ''}; --full shows it"


def extension_shown(extension: str | None) -> str | None:
    """A clock's extensions ("<old due> -> <new due>: <reason>", one a line) with each reason as given only."""
    if not extension:
        return None
    lines = []
    for line in extension.splitlines():
        head, sep, rest = line.partition(": ")
        lines.append(f"{head}: {reason_given(rest)}" if sep else reason_given(line))
    return "\n".join(lines)
