"""Sender authentication verdicts from `Authentication-Results` (RFC 8601), trusted server only, aligned. Pure.

Anyone can add an Authentication-Results header to a message; only the ones stamped by the partnership's own
boundary server (its authserv-id, configured) mean anything, and only the topmost run of them (the boundary
prepends its own; one with its id lower down was planted by the sender and makes the message unauthenticated).
A pass counts only when it is *aligned* with the From domain (RFC 7489 section 3.1): DMARC pass for exactly
that domain, or a DKIM `d=` / SPF MAIL FROM domain in the same organisational domain. A DKIM pass for
evil.example proves nothing about a From line that names the co-ordinator. Headers are read with the
`authres` package (RFC 8601 grammar, comments).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import authres  # type: ignore[import-untyped]
from publicsuffixlist import PublicSuffixList

from bot.domain.mailproviders import is_consumer
from bot.domain.sender import canonical_domain

Verdict = Literal["pass", "fail", "none"]

# National shared domains: each organisation under them is its own organisational domain, and the shared
# parent itself identifies nobody. The Public Suffix List already has gov.uk, police.uk, nhs.uk, sch.uk; it
# has not pnn.police.uk (all police forces), nhs.net (all NHSmail users) or cjsm.net (criminal justice).
SHARED_PARENTS = ("nhs.net", "pnn.police.uk", "cjsm.net", "gov.uk", "police.uk", "nhs.uk", "sch.uk",
                  "gcsx.gov.uk", "gsi.gov.uk", "gsx.gov.uk", "gse.gov.uk")
_NEUTRAL = {"none", "neutral", "temperror", "permerror", "policy", "skipped", "hardfail?"}
# A verdict in which the boundary says the check *failed* (not that it could not tell: none, neutral,
# temperror). One of these aligned with the From domain anywhere in the run refuses the message, whatever
# passes stand beside it (stranger round 24 B1): a planted pass adjacent to the boundary's own fail must not win.
NEGATIVE = frozenset({"fail", "softfail", "permerror", "hardfail", "policy"})
_FALLBACK_ID = re.compile(r"^\s*(?:\([^)]*\)\s*)*([^\s;()]+)")


@dataclass(frozen=True)
class AuthVerdict:
    verdict: Verdict
    detail: str  # e.g. "dmarc=fail" for the audit log and the quarantine reason


@functools.cache
def _psl() -> PublicSuffixList:
    return PublicSuffixList()


def is_shared(domain: str) -> bool:
    """A domain many unrelated organisations (or anyone) send from: a public suffix, a national shared parent, or
    a consumer provider's (gmail.com: listed in an agency's `domains` by mistake, it must not make every Gmail
    user that agency)."""
    d = domain.lower().rstrip(".")
    return d in SHARED_PARENTS or _psl().publicsuffix(d) == d or is_consumer(d)


def org_domain(domain: str) -> str:
    """The organisational domain (RFC 7489 3.2): one label below the public suffix, shared parents included."""
    d = domain.lower().rstrip(".")
    for parent in sorted(SHARED_PARENTS, key=len, reverse=True):
        if d == parent:
            return d
        if d.endswith("." + parent):
            return d[: -len(parent) - 1].rsplit(".", 1)[-1] + "." + parent
    return str(_psl().privatesuffix(d) or d)


def aligned(a: str, b: str) -> bool:
    """Relaxed alignment: same organisational domain (a shared parent aligns only with itself)."""
    # No trailing dot stripped, no folding: `ours.example.` is not how a boundary writes `ours.example`.
    ca, cb = canonical_domain(a.strip()), canonical_domain(b.strip())
    return ca is not None and cb is not None and (ca == cb or org_domain(ca) == org_domain(cb))


@dataclass(frozen=True)
class _Result:
    method: str
    result: str
    props: dict[str, str]

    def show(self) -> str:
        extra = " ".join(f"{k}={v}" for k, v in sorted(self.props.items()) if k in
                         ("header.from", "header.d", "smtp.mailfrom"))
        return f"{self.method}={self.result}" + (f" {extra}" if extra else "")


_COMMENT_OR_QUOTE = re.compile(r'[()"\\]')
_REASON = re.compile(r'(?<![\w.-])reason=(?:"(?:[^"\\]|\\.)*"|[^\s;"()]*)', re.I)
_IDENTITY_PROP = re.compile(r"(?<![\w.-])(header\.d|header\.from|header\.i|smtp\.mailfrom|smtp\.helo)(\s*=\s*)(\S*)",
                            re.I)


def _without_comments(value: str) -> str | None:
    """The value with each comment replaced by a marker (\x01), or None when comments do not balance."""
    out: list[str] = []
    depth, i = 0, 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and depth:
            i += 2
            continue
        if ch == "(":
            depth += 1
            if depth == 1:
                out.append("\x01")
        elif ch == ")":
            if not depth:
                return None
            depth -= 1
        elif not depth:
            out.append(ch)
        i += 1
    return None if depth else "".join(out)


def ambiguity(value: str) -> str | None:
    """Why a header value could be read two ways by two RFC 8601 readers, or None.

    The grammar allows a quoted pvalue (`smtp.mailfrom="x@ours"`), comments inside a property
    (`smtp.mailfrom=(c)x@ours`), CFWS around `=`, any case in `header.D`, and one property given twice; no
    boundary csprbot trusts (Postfix with OpenDKIM/OpenDMARC/pyspf, Exchange Online, Gmail) writes any of
    these, and readers disagree on what they mean. A verdict spelt so is not read as a pass (strict: when in
    doubt, not authenticated)."""
    text = _without_comments(_REASON.sub("reason=x", value))
    if text is None:
        return "unbalanced comments"
    if '"' in text or "\\" in text:
        return "a quoted or escaped value"
    if re.search(r"=\s*\x01|\x01\s*=|[^\s;]\x01|\x01[^\s;]", text):
        return "a comment inside a result or property"
    if re.search(r"\s=|=\s", text):
        return "spaces around '='"
    for segment in text.split(";")[1:]:
        seen: set[str] = set()
        for m in _IDENTITY_PROP.finditer(segment):
            name, eq, val = m.groups()
            if name != name.lower():
                return f"a property spelt {name!r}"
            if eq != "=" or not val or "\x01" in val:
                return f"an unreadable {name.lower()} value"
            if name in seen:
                return f"{name} given twice in one result"
            seen.add(name)
    return None


def _parse(raw: str) -> tuple[str, list[_Result]] | str:
    """(authserv-id, results) of one header value, or the authserv-id alone when the rest is unreadable or
    could be read two ways (see `ambiguity`)."""
    value = " ".join(raw.split())
    m = _FALLBACK_ID.match(value)
    fallback = _ascii_lower(m.group(1) if m else "").rstrip(";")
    try:
        hdr = authres.AuthenticationResultsHeader.parse("Authentication-Results: " + value)
    except Exception:  # hostile or broken: say whose header it claims to be, results unreadable
        return fallback
    if ambiguity(value) is not None:
        return fallback
    results = [_Result(str(r.method).lower(), str(r.result).lower(),
                       {f"{p.type}.{p.name}".lower(): str(p.value) for p in r.properties})
               for r in hdr.results]
    # The id as written (the authres package lower-cases it with str.lower(), folding a Kelvin sign onto "k").
    return fallback, results


def _ascii_lower(sid: str) -> str:
    """An authserv-id compared case-insensitively in ASCII only: str.lower() folds the Kelvin sign onto "k"."""
    return sid.lower() if sid.isascii() else sid


_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": ".", "\ufe52": ".", "\u2024": "."})


def _folds_to(sid: str, trusted: str) -> bool:
    """Whether an authserv-id that is not the trusted one reads as it once folded (NFKC, case, dots)."""
    import unicodedata

    if sid.isascii():
        return False
    return unicodedata.normalize("NFKC", sid.translate(_DOTS)).casefold().translate(_DOTS) == trusted


def _identity(r: _Result) -> str:
    """The domain a DKIM or SPF result vouches for ("" for other methods: never aligned)."""
    if r.method == "dkim":
        return r.props.get("header.d", "")
    if r.method == "spf":
        return r.props.get("smtp.mailfrom", "").strip().strip("<>").rsplit("@", 1)[-1].strip()
    return ""


def _checked_identity(r: _Result) -> str:
    """The domain a DKIM or SPF result judged, for a negative verdict: header.d (or header.i's domain) for
    DKIM, the MAIL FROM domain (or the HELO name) for SPF; "" when it names none."""
    if r.method == "dkim":
        return (r.props.get("header.d", "") or r.props.get("header.i", "").rsplit("@", 1)[-1]).strip()
    if r.method == "spf":
        return _identity(r) or r.props.get("smtp.helo", "").strip()
    return ""


def _aligned_negative(r: _Result, from_domain: str) -> bool:
    """Whether the boundary said this check failed for the From domain: DMARC for it (or for no stated domain),
    DKIM/SPF for an identity aligned with it, or one it does not name or names in a form csprbot does not read
    as a plain domain (`ours.example.`: the sender chose that spelling; it may have been ours, so strict)."""
    if r.result not in NEGATIVE or r.method not in ("dmarc", "dkim", "spf"):
        return False
    if r.method == "dmarc":
        said = r.props.get("header.from", "").strip()
        return not said or canonical_domain(said) == from_domain
    ident = _checked_identity(r)
    return not ident or canonical_domain(ident) is None or aligned(ident, from_domain)


def verdict(headers: Sequence[str | None], trusted_id: str, from_domain: str | None) -> AuthVerdict:
    """The trusted boundary's verdict on *this* From domain: pass only when aligned; any aligned fail wins.

    `headers` top first: each Authentication-Results value, and None where a header field of another kind
    stands between two of them (a hop's Received, a spam score; see `auth_fields`). The boundary's verdict is
    the first header with its authserv-id and the ones with its id directly below it (a boundary with separate
    SPF/DKIM/DMARC filters writes one each); a negative verdict (fail, softfail, permerror...) aligned with
    the From domain, for any method, or a judgement about another From domain in any of them fails the
    message, whatever passes stand beside it. A header with the boundary's id further down, below another
    field, was there before the boundary saw the message (it should have removed it, RFC 8601 section 5): it
    is a planted verdict, and the message is not authenticated, whatever the genuine one says.
    """
    trusted = trusted_id.strip().lower()
    run: list[tuple[str, list[_Result]] | str] = []
    ended = False
    for raw in headers:
        if raw is None:
            ended = ended or bool(run)
            continue
        parsed = _parse(raw)
        sid = parsed if isinstance(parsed, str) else parsed[0]
        if sid != trusted and _folds_to(sid, trusted):
            # `mx.ours\u3002example`, a Kelvin sign: the boundary strips headers with its own id, not this one,
            # and a reader that folds would take it for the boundary's verdict. Planted, whatever it says.
            return AuthVerdict("fail", f"an Authentication-Results header naming a look-alike of {trusted_id}: "
                                       "planted")
        if sid == trusted and ended:
            return AuthVerdict("fail", f"an Authentication-Results header naming {trusted_id} below the "
                                       f"boundary's own verdict, with other header fields between: planted")
        if sid == trusted:
            run.append(parsed)
        elif run:
            ended = True
    if not run:
        return AuthVerdict("none", f"no Authentication-Results from {trusted_id}")
    if any(isinstance(p, str) for p in run):
        why = next((ambiguity(" ".join(r.split())) for r in headers if r is not None and isinstance(_parse(r), str)
                    and ambiguity(" ".join(r.split()))), None)
        return AuthVerdict("fail", f"unreadable or ambiguous Authentication-Results from {trusted_id}"
                                   + (f" ({why})" if why else ""))
    results = [r for p in run if not isinstance(p, str) for r in p[1]]
    if from_domain is None:
        return AuthVerdict("fail", "no single clean From domain to check the verdict against")
    shown = ", ".join(r.show() for r in results if r.method in ("dmarc", "dkim", "spf"))
    # Any aligned negative in the run wins over every pass in it, whatever the order and the method: a DMARC
    # pass does not outvote the boundary's own DKIM or SPF fail for the same domain (the pass may be planted
    # beside it). Two DKIM signatures of one domain, one broken by a list footer, are refused too: noise that
    # fails safe (docs/SECURITY.md).
    negative = [r.show() for r in results if _aligned_negative(r, from_domain)]
    if negative:
        return AuthVerdict("fail", f"{', '.join(negative)} for {from_domain} ({shown})")
    passes: list[str] = []
    for r in results:
        if r.method == "dmarc":
            said = r.props.get("header.from", "").strip()
            judged = canonical_domain(said)
            if said and judged is None:
                # The boundary judged a From domain not written in ASCII (a look-alike it may have folded):
                # whatever it was, it is not the one we read.
                return AuthVerdict("fail", f"the boundary judged From domain {said[:60]!r}, not one in its ASCII "
                                           f"form; the From line says {from_domain} ({shown})")
            if judged is not None and judged != from_domain:
                # The boundary judged another From line than the one we read: a parser differential.
                return AuthVerdict("fail", f"the boundary judged From domain {judged}, the From line says "
                                           f"{from_domain} ({shown})")
            if r.result == "pass" and judged == from_domain:
                passes.append(r.show())
        elif r.result == "pass" and aligned(_identity(r), from_domain):
            passes.append(r.show())
    if passes:
        return AuthVerdict("pass", ", ".join(passes))
    verdicts = [r for r in results if r.method in ("dmarc", "dkim", "spf") and r.result not in _NEUTRAL]
    if verdicts:
        return AuthVerdict("fail", f"no pass aligned with {from_domain} ({shown})")
    return AuthVerdict("none", f"no dmarc/dkim/spf verdict for {from_domain}" + (f" ({shown})" if shown else ""))


# Header fields a boundary's filters write beside their Authentication-Results in the same pass (OpenDKIM,
# OpenDMARC, pyspf, an ARC sealer): they do not end the boundary's run. Anything else (a Received line, a
# spam score) does: a trusted header below it was written before the boundary saw the message.
RUN_FIELDS = ("dkim-filter", "dmarc-filter", "received-spf", "arc-seal", "arc-message-signature",
              "arc-authentication-results")


def auth_fields(fields: Sequence[tuple[str, str]]) -> list[str | None]:
    """(name, value) header fields, top first -> what `verdict` reads: AR values, None for a run-ending field."""
    out: list[str | None] = []
    for name, value in fields:
        n = name.strip().lower()
        if n == "authentication-results":
            out.append(value)
        elif n not in RUN_FIELDS and out and out[-1] is not None:
            out.append(None)
    return out
