"""S/MIME and secure-portal mail: opaque-signed content unwrapped; encrypted mail and portal notices named.

An opaque-signed message (`smime.p7m`, CMS signed-data) carries its MIME entity inside the signature:
asn1crypto reads the CMS structure and the entity is walked like any other part (the signature is not
verified: sender trust comes from the boundary's Authentication-Results, see docs/SECURITY.md). Encrypted
mail (enveloped-data) and notices of a message held on a secure portal (Egress, Cisco, Zix, ...) cannot
be read: they are named, and the sender is asked to use the partnership's secure route.
"""

from __future__ import annotations

import re

SECURE_PREFIX = "secure mail:"  # warnings starting with this ask intake to tell the sender the secure route
_PORTAL = re.compile(
    r"(you have (received|been sent) an? (secure|encrypted|protected) (message|email|e-mail)"
    r"|egress (switch|protect|secure)|switch\.egress\.com|secure\.egress|registered envelope"
    r"|cisco secure (email|message)|res\.cisco\.com|zix(corp|mail| secure)|secure message portal"
    r"|to (view|read|open) (this|the|your) (secure|encrypted) (message|email))",
    re.I,
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


def portal_notice(text: str) -> str | None:
    """A warning when the body is a notice of a message held on a secure portal, else None."""
    if len(text) < 20000 and _PORTAL.search(text):
        return (f"{SECURE_PREFIX} this is a secure-portal notice (the message itself is held on the portal, "
                "behind a link): the sender has been asked to send it through the partnership's secure route")
    return None
