"""Who sent a message, read strictly from its raw From header(s): one clean mailbox, or a reason why not. Pure.

Python's email package is forgiving: for `From: coordinator@ours <forger@evil>`, `<coordinator@ours>forger@evil`
or two From lines it reports one plausible address, while the boundary server's DMARC check may have judged
another. csprbot acts only on a From line every reader must agree on: exactly one header holding exactly one
mailbox with no groups, routes, junk after the angle-addr, quoted local parts, domain literals, addresses in
the display name or comments (also when hidden in RFC 2047 encoded-words), and a domain in canonical form.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from email.header import decode_header, make_header

import idna

_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\u0080-\U0010ffff]+")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
_SPECIALS = set('()<>[]:;@\\,."')


@dataclass(frozen=True)
class FromLine:
    address: str | None  # local@domain, domain lower-case ASCII (A-label); None when not clean
    domain: str | None
    problem: str | None  # why it cannot be trusted; None when clean
    shown: str = ""  # the raw From value(s), shortened, for the quarantine reason and the audit log


def canonical_domain(domain: str) -> str | None:
    """Lower-case ASCII form of a domain, or None when it is not a plain host name written in that form.

    Only ASCII is accepted (A-labels such as xn--... included, and checked to round-trip): IDNA's UTS 46
    mapping, which the `idna` package and most mail clients apply, folds full-width and ideographic dots
    (U+3002, U+FF0E, U+FF61), full-width letters, the Kelvin sign and the like onto plain ASCII, so
    `ours\u3002example` would become `ours.example`. csprbot never folds: a domain that is not already its own
    ASCII form is refused, so it can never be taken for the domain a verdict judged. A trailing dot is not
    canonical either."""
    d = domain.strip()
    if not d or not d.isascii() or d.endswith(".") or d != d.strip("."):
        return None
    a = d.lower()
    labels = a.split(".")
    if len(labels) < 2 or len(a) > 253 or not all(_LABEL.match(x) for x in labels):
        return None
    for label in labels:
        if label.startswith("xn--") or label[2:4] == "--":
            # An A-label must be one IDNA 2008 would write for its own U-label (no UTS 46 mapping either way).
            try:
                if idna.alabel(idna.ulabel(label)).decode("ascii") != label:
                    return None
            except (idna.IDNAError, UnicodeError, ValueError):
                return None
    return a


def lookalike_problem(text: str) -> str | None:
    """Why an address part is a look-alike of another spelling, or None.

    A character that NFKC or case folding turns into something else (the Kelvin sign into K, the long s into s,
    full-width and mathematical letters into ASCII, `\u00df` into ss) makes a second spelling of an address
    people would read as the same one. Role and agency addresses are matched on exact strings, so such an
    address is refused rather than folded onto the one it imitates."""
    if text.isascii():
        return None
    nfkc = unicodedata.normalize("NFKC", text)
    if nfkc != text:
        return "compatibility characters that normalise to another spelling"
    if unicodedata.normalize("NFKC", text.casefold()) != text.lower() or any(
            c.isascii() for ch in text if not ch.isascii() for c in ch.lower()):
        return "characters that case-fold to another spelling"
    return None


def _tokens(value: str) -> list[tuple[str, str]] | str:
    """RFC 5322 lexing: (kind, text) with kind in atom/quoted/comment/special; or a problem string."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(value)
    while i < n:
        ch = value[i]
        if ch in " \t":
            i += 1
        elif ch == '"':
            j, buf = i + 1, []
            while j < n and value[j] != '"':
                if value[j] == "\\" and j + 1 < n:
                    j += 1
                buf.append(value[j])
                j += 1
            if j >= n:
                return "an unterminated quoted string"
            out.append(("quoted", "".join(buf)))
            i = j + 1
        elif ch == "(":
            depth, j, buf = 1, i + 1, []
            while j < n and depth:
                if value[j] == "\\" and j + 1 < n:
                    j += 1
                elif value[j] == "(":
                    depth += 1
                elif value[j] == ")":
                    depth -= 1
                buf.append(value[j])
                j += 1
            if depth:
                return "an unterminated comment"
            out.append(("comment", "".join(buf[:-1])))
            i = j
        elif ch in _SPECIALS:
            out.append(("special", ch))
            i += 1
        elif m := _ATOM.match(value, i):
            out.append(("atom", m.group()))
            i = m.end()
        else:
            return f"a character not allowed in an address ({ch!r})"
    return out


def _decoded(text: str) -> str:
    """RFC 2047 encoded-words decoded (what a mail client shows); undecodable ones stay as written."""
    if "=?" not in text:
        return text
    try:
        return str(make_header(decode_header(text)))
    except Exception:  # a malformed encoded-word: judge the text as written
        return text


def _addr_spec(toks: list[tuple[str, str]]) -> tuple[str, str] | str:
    """(local, domain) from the tokens of an addr-spec, or a problem."""
    ats = [k for k, (kind, t) in enumerate(toks) if kind == "special" and t == "@"]
    if len(ats) != 1:
        return "not exactly one @ in the address" if ats else "no address"
    local, domain = toks[: ats[0]], toks[ats[0] + 1:]
    if any(kind == "quoted" for kind, _ in local):
        return "a quoted local part"
    if any(kind == "special" and t == "[" for kind, t in domain):
        return "a domain literal"
    for part, what in ((local, "local part"), (domain, "domain")):
        if not part or any(kind not in ("atom", "special") or (kind == "special" and t != ".") for kind, t in part):
            return f"a malformed {what}"
        text = "".join(t for _, t in part)
        if what == "domain" and text.endswith(".") and not text.startswith(".") and ".." not in text:
            return "a trailing dot on the domain"
        if text.startswith(".") or text.endswith(".") or ".." in text:
            return f"a malformed {what}"
    lp = "".join(t for _, t in local)
    if _ENCODED_WORD.search(lp):
        return "an encoded-word in the address"
    return lp, "".join(t for _, t in domain)


def _unfold(value: str) -> str:
    return re.sub(r"\r?\n(?=[ \t])", "", value)


def judge_from(values: list[str]) -> FromLine:
    """Judge the raw values of every From header of a message (as written, encoded-words undecoded)."""
    shown = " | ".join(" ".join(_unfold(v).split()) for v in values)[:200]
    if not values:
        return FromLine(None, None, "the message has no From header", "")
    if len(values) > 1:
        return FromLine(None, None, f"the message has {len(values)} From headers", shown)
    value = _unfold(values[0])
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and c not in "\t" for c in value):
        return FromLine(None, None, "the From line holds control or invisible characters", shown)
    toks = _tokens(value)
    if isinstance(toks, str):
        return FromLine(None, None, f"the From line has {toks}", shown)

    def bad(why: str) -> FromLine:
        return FromLine(None, None, f"the From line has {why}", shown)

    for kind, t in toks:
        if kind == "comment" and re.search(r"[@<>]", _decoded(t)):
            return bad("an address in a comment")
    toks = [t for t in toks if t[0] != "comment"]
    if any(kind == "special" and t in ",;:" for kind, t in toks):
        return bad("more than one address or a group")
    opens = [k for k, (kind, t) in enumerate(toks) if kind == "special" and t == "<"]
    closes = [k for k, (kind, t) in enumerate(toks) if kind == "special" and t == ">"]
    if len(opens) > 1 or len(closes) > 1 or len(opens) != len(closes):
        return bad("unbalanced or repeated angle brackets")
    if opens:
        o, c = opens[0], closes[0]
        if c < o:
            return bad("unbalanced or repeated angle brackets")
        if c != len(toks) - 1:
            return bad("text after the address")
        name_toks, spec_toks = toks[:o], toks[o + 1: c]
        if any(kind == "special" and t not in ".@" for kind, t in name_toks):
            return bad("an address-like display name")
        if spec_toks and spec_toks[0] == ("special", "@"):
            return bad("a source route")
    else:
        name_toks, spec_toks = [], toks
    spec = _addr_spec(spec_toks)
    if isinstance(spec, str):
        return bad(spec)
    local, raw_domain = spec
    if not raw_domain.isascii():
        return bad(f"a domain not written in its ASCII (A-label) form ({raw_domain[:60]!r}): not folded onto "
                   "the domain it may imitate")
    domain = canonical_domain(raw_domain)
    if domain is None:
        return bad(f"a domain that is not a plain host name ({raw_domain[:60]!r})")
    if look := lookalike_problem(local):
        return bad(f"a look-alike local part ({look}: {local[:60]!r})")
    address = f"{local}@{domain}"
    name = _decoded("".join(t if kind != "quoted" else f" {t} " for kind, t in name_toks)
                    if any(t == "@" for _, t in name_toks) else " ".join(t for _, t in name_toks))
    if re.search(r"[@<>]", name) or _ENCODED_WORD.search(name):
        inner = name.strip().strip("'\"<> ").lower()
        if inner != address.lower() and inner != f"{local}@{raw_domain}".lower():
            return bad("a display name that is itself an address")
    # Lower-casing is safe only now: no character left that str.lower() folds onto another spelling (the Kelvin
    # sign onto "k" was refused above).
    return FromLine(f"{local.lower()}@{domain}", domain, None, shown)
