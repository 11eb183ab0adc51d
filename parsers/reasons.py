"""Does a command's reason say anything? A reason is kept, confirmed and (for DISAGREE) put before the Assistant
Director: punctuation, a sign-off, a placeholder or the sender's own signature block is not one.

Pure: used by the reply parser (which still sees the lines) and by the domain (which sees the squashed text).
"""

from __future__ import annotations

import re

from parsers.signature import AGENCY_WORDS

# Words that stand where a reason should be but give none: sign-offs, placeholders (README writes `<reason>`),
# "see below" (below a command is quoted mail or a signature), yes/no and the like.
_FILLER = re.compile(
    r"^(?:(?:many |kind(?:est)? |best |warm(?:est)? |with )?(?:thanks|thank you|thx|ta|regards|wishes)(?: again)?|"
    r"yours (?:sincerely|faithfully|truly)|cheers|sent from my \w+(?: \w+)?|"
    r"reason|reasons|my reason|the reason|reason here|insert reason|"
    r"n/?a|none|nil|nothing|tbc|tba|tbd|todo|to follow|xxx+|"
    r"(?:please )?see (?:below|above|attached|attachment|email|e-mail|my email|previous(?: email)?)|as above|"
    r"as discussed|as per (?:email|discussion)|no reason(?: given)?|ok|okay|yes|no|agreed|disagree|disagreed)$",
    re.I,
)
_EMAIL = re.compile(r"^(?:e-?mail\s*[:.]?\s*)?[\w.+'-]+@[\w-]+(?:\.[\w-]+)+$", re.I)
_URL = re.compile(r"^(?:web(?:site)?\s*[:.]?\s*)?(?:https?://|www\.)\S+$", re.I)
_PHONE = re.compile(r"^(?:(?:tel(?:ephone)?|phone|mobile|mob|direct(?: line| dial)?|t|m|ext)\s*[:.]?\s*)?"
                    r"[+(]?\d[\d ()\-]{5,}(?:\s*(?:ext\.?|extension|x)\s*\d{1,6})?$", re.I)
# A line of a signature block: a name, a job title, a team or an organisation, in title case, short.
_CONNECTORS = {"of", "and", "for", "the", "&", "to", "in", "at", "on", "-", "|", "/", "–"}
_PRONOUN_OR_VERB = re.compile(r"\b(?:i|we|you|is|are|was|were|be|been|not|should|would|could|must|has|have|had|"
                              r"met|meets|because|think|believe|disagree|feel|do|does|did)\b", re.I)


def _title_line(line: str) -> bool:
    """"Jo Smith", "Dr Jo Smith", "Designated Safeguarding Lead", "Head of Children's Services",
    "North Somerset Council": up to eight words, each capitalised (or a connector), no sentence words."""
    words = [w for w in re.split(r"[\s,]+", line.strip(" .,;:")) if w]
    if not 1 <= len(words) <= 8 or _PRONOUN_OR_VERB.search(line):
        return False
    return all(w.lower() in _CONNECTORS or w[0].isupper() or (w[0] in "(“\"'" and w[1:2].isupper())
               for w in words)


def _signature_piece(text: str) -> bool:
    return bool(_PHONE.match(text) or _EMAIL.match(text) or _URL.match(text) or _title_line(text)
                or (AGENCY_WORDS.search(text) and len(text.split()) <= 8 and not _PRONOUN_OR_VERB.search(text)))


def signature_line(line: str) -> bool:
    """A line that belongs to a signature block (name, title, organisation, phone, address, web site), or
    several of them on one line ("Jo Smith | Designated Safeguarding Lead | North Somerset Council")."""
    text = line.strip().strip("*_").strip()
    if not text or _signature_piece(text):
        return True
    pieces = [p.strip() for p in re.split(r"\s[|•·/–-]\s|\s*[|•·]\s*", text) if p.strip()]
    return len(pieces) > 1 and all(_signature_piece(p) for p in pieces)


def says_something(text: str | None) -> bool:
    """Has a reason any content: a letter or digit that is not only filler (punctuation, a sign-off,
    a placeholder, "see below", "n/a")?"""
    plain = " ".join(re.sub(r"[^\w/ ]+|_", " ", re.sub(r"['’`]", "", text or "")).split()).strip(" /")
    if not re.search(r"[^\W_]", plain):
        return False
    # "Thanks, Jo" / "Regards Jo Smith": a sign-off and a name are not a reason either.
    head = re.sub(r"^((?:many |kind(?:est)? |best |warm(?:est)? )?(?:thanks|thank you|regards|wishes|cheers))"
                  r"(?: [A-Z]\w*){0,3}$", r"\1", plain, flags=re.I)
    return not _FILLER.match(head)


def signature_block(lines: list[str]) -> bool:
    """Is a paragraph (the lines under a command line left empty) the sender's signature block rather than a
    reason? Every line a signature line; one line alone only when it is a contact (phone, address, web site) or
    reads as a name (two to four capitalised words): "Duplicate" alone under `CLOSE:` is a reason."""
    kept = [ln.strip().strip("*_").strip() for ln in lines if ln.strip()]
    if not kept or not all(signature_line(ln) for ln in kept):
        return False
    if len(kept) > 1:
        return True
    one = kept[0]
    return bool(_PHONE.match(one) or _EMAIL.match(one) or _URL.match(one) or not _signature_piece(one)
                or (_title_line(one) and 2 <= len(one.split()) <= 5 and not AGENCY_WORDS.search(one)))
