"""S/MIME and secure mail: opaque-signed content unwrapped; encrypted mail, containers and portal notices named.

An opaque-signed message (`smime.p7m`, CMS signed-data) carries its MIME entity inside the signature:
asn1crypto reads the CMS structure and the entity is walked like any other part (the signature is not
verified: sender trust comes from the boundary's Authentication-Results, see docs/SECURITY.md). Encrypted
mail (enveloped-data) and notices of a message held on a secure portal (Egress, Cisco, Zix, ...) cannot
be read: they are named, and the sender is asked to use the partnership's secure route.

Recognised by structure and vocabulary rather than one vendor's wording (stranger round 13: only Mimecast's was
known, and Office 365 / Purview Message Encryption - what NHSmail [secure] sends outside NHSmail -, Microsoft
Information Protection, Virtru, Proofpoint and Galaxkey mail was quarantined as "no referral form found"): an
encrypted container by its name or type (.rpmsg, .gxk, SecureMessageAtt.html, PGP), and a notice by a sentence
saying an encrypted message was sent to the reader, with one saying how to open it or a vendor's name, or a
sentence saying a message is encrypted (which gateway footers say too) with one saying how to open it. A referral that
merely says it was "sent via secure email" holds neither, and text with a form's labels (a date of birth, the
child's name) is never a notice.
"""

from __future__ import annotations

import re

SECURE_PREFIX = "secure mail:"  # warnings starting with this ask intake to tell the sender the secure route
_PORTAL = re.compile(
    r"(you have (received|been sent) an? (secure|encrypted|protected) (message|email|e-mail)"
    r"|egress (switch|protect|secure)|switch\.egress\.com|secure\.egress|registered envelope"
    r"|cisco secure (email|message)|res\.cisco\.com|zix(corp|mail| secure)"
    r"|to (view|read|open) (this|the|your) (secure|encrypted) (message|email))",
    re.I,
)


# Saying an encrypted message was sent to the reader: "You've received an encrypted message", "has sent you a
# secure email", "You have received a Proofpoint Encrypted Message"
_SENT = re.compile(
    r"\b(received|been sent|sent you)\s+an?\s+(\w+\s+)?(secure|secured|encrypted|protected)\s+(message|e-?mail)\b",
    re.I,
)
# Saying a message is encrypted, which gateway footers also say ("This email has been secured by ..."): a notice
# only beside a sentence saying how to open it
_STATE = re.compile(
    r"\b(this|the|your)\s+(message|e-?mail)\s+(is|was|has been)\s+(encrypted|protected|secured)\b"
    r"|\bsecured (by|with|using)\b|\bmessage encryption\b|\brights[- ]protected\b|\b(encrypted|secure) message from\b",
    re.I,
)
# Saying how to open it: a link, a sign-in, a one-time code, the attachment holding it ("please open the attached
# form" is not one)
_OPEN = re.compile(
    r"\b(to|click (here )?to|in order to)\s+(view|read|open|unlock|access|retrieve|decrypt)\s+"
    r"(it\b|(this|the|your)\s+((secure|secured|encrypted|protected)\s+)?(message|e-?mail)\b)"
    r"|\bunlock (the |this )?message\b|\bone[- ]time pass(code|word)\b|\bmessage (portal|centre|center)\b"
    r"|\bsign in (using|with) (the following|your)\b|\bopen the attachment\s*\(?\s*(message|securemessageatt)\.html?",
    re.I,
)
_VENDOR = re.compile(
    r"\b(egress|virtru|proofpoint|galaxkey|mimecast|zix\w*|cisco secure|registered envelope|office 365 message"
    r"|purview|(microsoft|azure) information protection|rights management|cryptshare|echoworx|voltage securemail"
    r"|trend micro email encryption|kiteworks|accellion|tutanota|proton ?mail|mailprotector|paubox|securemessageatt)\b",
    re.I,
)
# A form's own labels: a pasted referral saying "sent via secure email, sign in to view" is still a referral
_FORM_WORDS = re.compile(r"\b(date of birth|d\.?o\.?b\b|name of (the )?child|child'?s (full )?name)", re.I)
# Encrypted containers by file name or content type (lower case), and what they are
_CONTAINERS = (
    (re.compile(r"\.rpmsg$|^application/(x-microsoft-rpmsg-message|vnd\.ms-rpmsg)"),
     "a Microsoft rights-protected message"),
    (re.compile(r"\.gxk$"), "a Galaxkey encrypted file"),
    (re.compile(r"^securemessageatt\.html?$"), "a Proofpoint encrypted message"),
    (re.compile(r"\.(pgp|gpg)$|^application/pgp-encrypted"), "a PGP encrypted message"),
)


def smime_type(ctype: str, smime_param: str | None, filename: str | None) -> str | None:
    """'signed', 'encrypted' or None for a part's content type, smime-type parameter and file name."""
    if ctype not in ("application/pkcs7-mime", "application/x-pkcs7-mime") and not (
        filename or "").lower().endswith(".p7m"):
        return None
    param = (smime_param or "").lower()
    if param == "signed-data":
        return "signed"
    if param in ("enveloped-data", "authenveloped-data"):
        return "encrypted"
    return "unknown"


def unwrap(data: bytes) -> tuple[str, bytes | None]:
    """(what the CMS structure is, the signed MIME entity when it is opaque signed-data)."""
    from asn1crypto import cms  # type: ignore[import-untyped]

    try:
        info = cms.ContentInfo.load(data)
        kind = info["content_type"].native
        if kind == "signed_data":
            content = info["content"]["encap_content_info"]["content"].native
            return "signed", content if isinstance(content, bytes) else None
        if kind in ("enveloped_data", "authenticated_enveloped_data"):
            return "encrypted", None
        return str(kind), None
    except Exception:  # damaged or not CMS at all: the caller names it unreadable
        return "damaged", None


def encrypted_warning() -> str:
    return (f"{SECURE_PREFIX} the message is S/MIME encrypted, which csprbot cannot read: the sender has been "
            "asked to send it through the partnership's secure route")


def is_notice(text: str) -> bool:
    """Whether `text` is a notice of an encrypted message or one held on a secure portal (see the docstring)."""
    if len(text) >= 20000 or _FORM_WORDS.search(text):
        return False
    if _PORTAL.search(text):
        return True
    if len(text) > 5000:
        return False
    sent, state, opening = (bool(p.search(text)) for p in (_SENT, _STATE, _OPEN))
    return (sent and (opening or bool(_VENDOR.search(text)))) or (state and opening)


def portal_notice(text: str) -> str | None:
    """A warning when the body is a notice of a message held on a secure portal, else None."""
    if is_notice(text):
        return (f"{SECURE_PREFIX} this is a secure-portal notice (the message itself is encrypted, or held on a portal "
                "behind a link): the sender has been asked to send it through the partnership's secure route")
    return None


def encrypted_container(name: str, ctype: str, data: bytes) -> str | None:
    """A warning when an attachment is an encrypted message (by name, type, a PGP armour, or an HTML page that is
    a notice, as Office 365's message.html), else None."""
    low, kind = name.lower().rsplit("/", 1)[-1], ctype.lower()
    what = next((what for pattern, what in _CONTAINERS if pattern.search(low) or pattern.search(kind)), None)
    if what is None and data.lstrip()[:40].startswith(b"-----BEGIN PGP MESSAGE-----"):
        what = "a PGP encrypted message"
    if what is None and (low.endswith((".html", ".htm")) or kind == "text/html") and len(data) < 2_000_000:
        page = re.sub(r"<[^>]*>", " ", data[:200_000].decode("utf-8", "replace"))
        what = "a secure-message page" if is_notice(re.sub(r"\s+", " ", page)) else None
    if what is None:
        return None
    shown = re.sub(r"[^\w .()-]", "_", name)[:80]
    return (f"{SECURE_PREFIX} this is an encrypted message ({what}, {shown}), which csprbot cannot read: "
            "the sender has been asked to send it through the partnership's secure route")
