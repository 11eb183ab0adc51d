"""Who wrote the innermost message a forward carries: the From line of its header block, or of the attached mail.

A co-ordinator forwards an agency's referral: Outlook writes "-----Original Message-----" (or a rule) over
"From: / Sent: / To: / Subject:", Gmail "---------- Forwarded message ---------" over "From: / Date: / Subject: /
To:", Apple Mail "Begin forwarded message:" over "From: / Subject: / Date: / To:"; or the mail is attached whole
(message/rfc822). Forwarded again, the blocks nest: the last one in the text (the attached mail's, when the mail
is attached) is the one whose writer made the referral. A From line is a header block's only when another header
line follows it within three lines ("From: the front door" in a form's text is not). An Exchange X.500 line
("/O=EXCHANGELABS/OU=...") or a name without an address gives no address: nothing is guessed from an outer one.
"""

from __future__ import annotations

import re

_FROM = re.compile(r"^[ \t>]*\*?(?:from|von|de|van|från|fra)\s*:\*?[ \t]*(?P<who>\S.*?)[ \t]*$", re.I | re.M)
_NEXT = re.compile(r"^[ \t>]*\*?(?:sent|date|to|cc|subject|gesendet|datum|an|betreff|envoyé|à|objet)\s*:", re.I)
_ANGLE = re.compile(r"<\s*(?:mailto:)?(?P<a>[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+?)\s*>")
_MAILTO = re.compile(r"\[\s*mailto:(?P<a>[^\]\s@]+@[^\]\s@]+\.[^\]\s@]+)\s*\]", re.I)
_BARE = re.compile(r"(?P<a>[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)")
_X500 = re.compile(r"/\s*o\s*=|/\s*ou\s*=|/\s*cn\s*=", re.I)


def address_of(who: str) -> str | None:
    """The address a From line gives ("Pat Worker <pat@x>", "Worker, Pat [mailto:pat@x]", "pat@x"), lower-cased;
    None for an X.500 line or a bare name."""
    if _X500.search(who):
        return None
    if (m := _ANGLE.search(who) or _MAILTO.search(who)) is not None:
        return m.group("a").lower()
    bare = who.strip().strip("*\"'")
    return bare.lower() if _BARE.fullmatch(bare) else None


def header_froms(text: str) -> list[str]:
    """The From lines of the forwarded header blocks in `text`, outermost first (what follows "From:")."""
    found: list[str] = []
    for m in _FROM.finditer(text[:200_000]):
        after = [ln for ln in text[m.end():m.end() + 2000].split("\n") if ln.strip(" \t>")][:3]
        if any(_NEXT.match(ln) for ln in after):
            found.append(m.group("who"))
    return found


def innermost_from(attached: list[str], inner_text: str) -> tuple[bool, str | None]:
    """(a forwarded writer was found, their address or None). `attached`: the From headers of attached mails,
    outermost first; `inner_text`: the text where the innermost inline blocks are (the last attached mail's
    body, or the mail's own)."""
    lines = [*attached, *header_froms(inner_text)]
    if not lines:
        return False, None
    return True, address_of(lines[-1])
