"""Does a command's reason say anything? A reason is kept, confirmed and (for DISAGREE) put before the Assistant
Director: punctuation, a sign-off, a placeholder or the sender's own signature block is not one.

Pure: used by the reply parser (which still sees the lines) and by the domain (which sees the squashed text).
"""

from __future__ import annotations

import re
import unicodedata

from parsers.confusables import skeleton
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


# Characters Unicode files as letters (Lo) or symbols that show nothing: the Hangul fillers, the half-width filler,
# the Braille blank, Khmer inherent vowels. Invisible format characters (Cf) and marks are dropped by category.
_BLANKS = (0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x180E, 0x17B4, 0x17B5)
# A label before the placeholder ("Reason: <reason>", "Reason - TBC", "Reason for closure: n/a").
_LABEL = re.compile(r"^(?:my |the |your )?reasons?(?: for (?:closure|closing|disagreement|disagreeing|decision|"
                    r"the decision|reopening|waiver|extension|this))?(?: is| was| being)?(?:\s+|$)", re.I)
# Whole pieces that are not a reason: a phone or mail app's footer, a test, a stock legal disclaimer, a
# placeholder asking for the reason, lorem ipsum, "as per my email".
_STOCK = re.compile(
    r"^(?:(?:sent|send) (?:from|via|using) (?:my |the )?(?:[\w-]+ ){0,4}?(?:iphone|ipad|android|galaxy|samsung|"
    r"outlook|mail|mobile|phone|device|tablet|blackberry|pixel|huawei|windows|gmail|yahoo|smartphone)\b.*|"
    r"(?:get|download) outlook for (?:ios|android|iphone|windows|mac)|"
    r"(?:this is )?(?:just )?(?:an? )?(?:test(?:ing)?|dummy|sample)(?: (?:test(?:ing)?|only|reason|text|message|"
    r"e-?mail|please ignore|ignore|\d+))*|lorem ipsum\b.*|"
    r"(?:please )?(?:insert|enter|add|type|write|give|state|put)(?: the| a| your)? reasons?(?: here| below)?|"
    r"(?:your |the )?reasons? (?:here|goes here|to follow|below|tbc)|"
    r"(?:as )?per (?:my |our |the )?(?:previous |last |earlier |below |above )?(?:e-?mails?|discussions?|"
    r"conversations?|call|message|note)|see (?:my |our |the )?(?:previous |last |earlier )?(?:e-?mails?|message|note)|"
    r"(?:this|the) (?:e-?mail|message|communication)\b.*\b(?:confidential|privileged|intended|addressee)\b.*|"
    r"(?:the )?information (?:contained )?in this (?:e-?mail|message)\b.*|"
    r"if you (?:are not the intended|have received this)\b.*|(?:any )?(?:views|opinions) expressed\b.*)$",
    re.I,
)


# A phone or mail app's footer in other languages (stranger round 12): "Von meinem iPhone gesendet", "Envoyé de
# mon iPhone", "Enviado desde mi iPhone", "Inviato da iPhone", "Verzonden vanaf mijn iPhone", "Enviado do meu
# iPhone", "Wysłane z mojego iPhone'a": a short piece with a word for "sent" and a device or app.
_SENT_WORD = re.compile(r"\b(?:gesendet|versendet|verschickt|envoy[eé]e?s?|enviad[oa]|inviat[oa]|verzonden|verstuurd|"
                        r"wys[lł]an[eoya]|wys[lł]ano)\b", re.I)
_DEVICE_WORD = re.compile(r"\b(?:iphone\w*|ipad\w*|android|galaxy|samsung|outlook|handy|smartphone|smartfon\w*|"
                          r"t[eé]l[eé]phone|telefon\w*|telefoon|telemóvel|telemovel|celular|cellulare|m[oó]vil|mobile?|"
                          r"mobiel|tablet|huawei|xiaomi|pixel|gmail|yahoo|app|aplikac\w*|poczt\w*|mail)\b", re.I)
# Keyboard mashes (stranger round 12): "asdf", "qwerty", "jkl", "1234", "asdfasdf": a token made only of runs of
# three or more keys along one row of the keyboard (either way), or one character typed again and again. Runs of
# one length in alphabetical order: the same pattern text in every process (bot/re_cache.py keeps it by text).
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890", "azertyuiop", "qwertzuiop", "yxcvbnm")
_RUNS = sorted(sorted({r[i:j] for row in _ROWS for r in (row, row[::-1]) for i in range(len(r))
                       for j in range(i + 3, len(r) + 1)}), key=len, reverse=True)
_MASH = re.compile(r"(?:" + "|".join(_RUNS) + r")+|(\w)\1{2,}", re.I)


def _mash_or_lone(tokens: list[str]) -> bool:
    """A lone digit or letter of a cased script ("x", "0"; a lone ideograph may be a word), or keyboard mashes
    only."""
    if len(tokens) == 1 and len(tokens[0]) == 1 and (
            tokens[0].isdigit() or unicodedata.category(tokens[0]) in ("Lu", "Ll", "Lt")):
        return True
    return all(_MASH.fullmatch(t) for t in tokens)


def _app_footer(text: str) -> bool:
    return len(text.split()) <= 9 and bool(_SENT_WORD.search(text)) and bool(_DEVICE_WORD.search(text))


def shown(text: str, blank: str = " ") -> str:
    """`text` as a reader sees it: compatibility forms folded (full-width and mathematical letters, NFKC),
    look-alikes read as the ASCII letter they look like (Cyrillic 'Н/А'), what shows nothing dropped (format
    characters, combining marks left alone) and the fillers that show a blank of some width (Hangul fillers,
    Braille blank) turned into `blank`."""
    folded = unicodedata.normalize("NFKC", (text or "").translate(dict.fromkeys(_BLANKS, blank)))
    kept = "".join("" if unicodedata.category(ch) in ("Cf", "Mn", "Me", "Co", "Cn")
                   else " " if unicodedata.category(ch) in ("Cc", "Zs", "Zl", "Zp") and ch != "\n" else ch
                   for ch in folded)
    return skeleton(kept)


def shows_letters(text: str) -> bool:
    """Does `text` show a letter or digit (not only punctuation, space, invisible characters or fillers)?"""
    return bool(re.search(r"[^\W_]", shown(text)))


def _filler(piece: str) -> bool:
    """Is one piece of a reason (a sentence, a line) filler?"""
    plain = " ".join(re.sub(r"[^\w/ ]+|_", " ", re.sub(r"['’`]", "", piece)).split()).strip(" /")
    for text in (plain, _LABEL.sub("", plain).strip(" /")):  # "reason here"; "Reason: n/a"
        tokens = re.findall(r"[^\W_]+", text)
        # Nothing, or single letters only: "N / A", "N.A.", "H/A" (Cyrillic Н/А), "x x", "x", "0"; keyboard mashes.
        if not tokens or (all(len(t) == 1 for t in tokens) and len(tokens) > 1) or _mash_or_lone(tokens):
            return True
        # "Thanks, Jo" / "Regards Jo Smith": a sign-off and a name are not a reason either.
        head = re.sub(r"^((?:many |kind(?:est)? |best |warm(?:est)? )?(?:thanks|thank you|regards|wishes|cheers))"
                      r"(?: [A-Z]\w*){0,3}$", r"\1", text, flags=re.I)
        if _FILLER.match(head) or _STOCK.match(head) or _app_footer(head):
            return True
    return False


def says_something(text: str | None) -> bool:
    """Has a reason any content: a letter or digit, as a reader sees it (`shown`), in a piece (sentence or line)
    that is not filler: punctuation, a sign-off, a placeholder ("Reason: <reason>"), "see below", "n/a" in any
    letters, a phone's footer (in several languages), a legal disclaimer, "test", a lone letter or digit ("x",
    "0"), a keyboard mash ("asdf", "qwerty")? A lone ideograph may be a word and is a reason."""
    for blank in (" ", ""):  # a filler inside a word ("Rㅤeason") may read as a space or as nothing: both must say
        seen = shown(text or "", blank)
        pieces = [p for p in re.split(r"[.!?;\n]+(?:\s|$)|\n|\s[-–—]\s", seen) if p.strip()]
        if all(_filler(p) for p in pieces):
            return False
    return True


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
