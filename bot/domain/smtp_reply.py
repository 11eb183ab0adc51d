"""An SMTP server's reply as shown to people: its reply code, its enhanced status code and a fixed meaning.

Round 22 B4: servers put the mailbox's local part in their free text ("452 4.2.2 The mailbox of user
amy.marsh.mum is full"), and a local part can name a child or a family. Notices, `csprbot status`, the digest
and the web banner therefore show only the codes and a plain-English meaning from the tables below, never a
word of the server's text; the log and the outbox row keep the text for the operator.
"""

from __future__ import annotations

import re

# the basic code: three digits not inside a number, a port (":465") or a dotted code
_CODE = re.compile(r"(?<![\w.:/-])([245]\d\d)(?![\w.])")
# RFC 3463 class.subject.detail, right after the basic code
_ENHANCED = re.compile(r"\s*([245])\.(\d{1,3})\.(\d{1,3})(?![\w.])")

# RFC 3463 subject.detail (the class says transient or permanent; the basic code says that too)
_BY_ENHANCED = {
    "1.0": "address problem", "1.1": "no such mailbox", "1.2": "no such domain", "1.3": "bad address syntax",
    "1.6": "mailbox has moved", "1.10": "no such mailbox (null MX)", "2.0": "mailbox problem",
    "2.1": "mailbox disabled", "2.2": "mailbox full", "2.3": "message too large for the mailbox",
    "2.4": "mailing list problem", "3.0": "receiving system problem", "3.1": "receiving system full",
    "3.4": "message too large", "3.5": "receiving system misconfigured", "4.0": "network or routing problem",
    "4.1": "no answer from the next host", "4.2": "connection dropped", "4.3": "directory server failure",
    "4.4": "unable to route", "4.5": "receiving system congested", "4.7": "delivery time expired",
    "5.0": "protocol problem", "5.3": "too many recipients", "6.0": "content problem",
    "7.0": "refused by policy", "7.1": "refused by policy (not authorised)", "7.26": "refused: sender not verified",
}
# RFC 5321 4.2.2-4.2.3
_BY_CODE = {
    "421": "server closing the connection", "450": "mailbox unavailable, try again later",
    "451": "try again later", "452": "insufficient storage, try again later", "455": "cannot accept now",
    "550": "no such mailbox or refused", "551": "user not local", "552": "storage or size exceeded",
    "553": "mailbox name not allowed", "554": "transaction failed", "555": "parameters not recognised",
    "500": "command not recognised", "501": "syntax error", "502": "command not implemented",
    "503": "bad sequence of commands", "504": "parameter not implemented",
}
NO_CODE = "no reply code from the server (details in the log)"


def reply_meaning(error: str) -> str:
    """"452 4.2.2: mailbox full" from any error quoting a server reply; a fixed phrase when it quotes none.
    Idempotent: its own output maps to itself."""
    found = _CODE.search(error)
    if found is None:
        return NO_CODE
    code = found.group(1)
    enhanced = _ENHANCED.match(error, found.end())
    if enhanced is not None:
        dotted = ".".join(enhanced.groups())
        meaning = _BY_ENHANCED.get(f"{enhanced.group(2)}.{enhanced.group(3)}") or _BY_CODE.get(code, "server error")
        return f"{code} {dotted}: {meaning}"
    return f"{code}: {_BY_CODE.get(code, 'server error')}"
