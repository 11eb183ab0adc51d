"""What a csprbot mail invites its reader to send, read from the mail as the reader sees it, and the check that
the model accepts each of those commands from that reader in the state the mail was sent in (issue #11).

A mail invites a command in two ways: a list of command lines, each indented by two spaces under a "reply
with" sentence, and a command named in the prose ("reply with NOTIFIED: YYYY-MM-DD"). Both are read here, from
the rendered text, not from csprbot's own record of what it meant to invite.
"""

from __future__ import annotations

import email
import re
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.policy import default as default_policy

from bot.domain import process
from bot.domain.commands import decide_command
from bot.domain.snapshot import CaseSnapshot
from bot.settings import Settings
from bot.workdays import WorkCalendar
from parsers.reply import parse_command

_VERBS = sorted(process.VERBS, key=len, reverse=True)
_LISTED = re.compile(r"^  (?P<line>(?:" + "|".join(map(re.escape, _VERBS)) + r")\b.*?)\s*$")
# A command named in running text: upper-case verb, then a colon or an upper-case argument (DECISION: ...,
# NOTIFIED: YYYY-MM-DD, AD DECISION: REFER, WAIVE Education: ...). "DECISIONS DUE" and the like are words.
_NAMED = re.compile(r"(?<![A-Za-z])(?P<cmd>(?:" + "|".join(map(re.escape, _VERBS)) + r")(?::|\b(?= [A-Z<]))"
                    r"[^.\n()]*)")
# Kinds that answer a command: a refusal quotes what was refused and says how to write it; a confirmation
# repeats what was done. They invite nothing.
ANSWERS = ("refusal", "confirm")


@dataclass(frozen=True)
class Invitation:
    kind: str
    to: str
    text: str  # the command as the mail shows it
    listed: bool  # in an indented list (else named in the prose)


def body_of(raw: bytes) -> tuple[EmailMessage, str]:
    msg = email.message_from_bytes(raw, policy=default_policy)
    assert isinstance(msg, EmailMessage)
    part = msg.get_body(("plain",))
    return msg, part.get_content() if part is not None else ""  # type: ignore[union-attr]


def invitations(kind: str, to: str, body: str) -> list[Invitation]:
    out: list[Invitation] = []
    for line in body.splitlines():
        m = _LISTED.match(line)
        if m:
            out.append(Invitation(kind, to, m.group("line"), True))
            continue
        if kind in ANSWERS:
            continue
        for n in _NAMED.finditer(line):
            out.append(Invitation(kind, to, n.group("cmd").strip(), False))
    return out


def fill(text: str, today: date, case: CaseSnapshot) -> str:
    """A command line as its reader would complete it: today's date, a reason, a running agency."""
    agencies = [c.agency for c in case.running("agency_return")] or ["Education"]
    text = re.sub(r"\s*\[[^\]]*\]", "", text)  # optional parts
    return (text.replace("YYYY-MM-DD", today.isoformat()).replace("<reason>", "the threshold is met on the chronology")
            .replace("<name>, <organisation>", "Jo Reviewer, Reviews Ltd").replace("<agency>", agencies[0])
            .replace("<number>", "1").replace("<evidence>", "log").strip())


def refused(inv: Invitation, case: CaseSnapshot, settings: Settings, cal: WorkCalendar, today: date) -> str | None:
    """None when the model accepts `inv` from its reader now, else why not (a readable failure)."""
    line = fill(inv.text, today, case)
    cmd = parse_command(line, [])
    if cmd is None:
        return f"{inv.kind} mail to {inv.to} invites {inv.text!r}, which does not read as a command"
    out = decide_command(cmd, inv.to, case, settings, cal, today)
    if out.accepted:
        return None
    where = "lists" if inv.listed else "names in its text"
    return (f"{inv.kind} mail to {inv.to} {where} {inv.text!r}; at stage {case.stage} the model refuses "
            f"{line!r} from {inv.to}: {out.summary}")
