"""A text-form delivery report of csprbot's own mail, matched to the outbox by its returned copy's Message-ID.

A multipart/report's returned message is cut to its headers before it is read (parsers/automatic.py); a report
that pastes the copy into its text or attaches it as `original.eml` was read whole, and the copy of our routing
mail read as a referral (stranger round 14, break 4). Such a report, from a mail system's own address, whose copy
carries the Message-ID of a mail in our outbox (sent to the copy's To), is handed to the parser with the copy cut
to its header block (parsers/returned_copy.py): read as the report it is, like the multipart/report shape. Any
other copy (a Message-ID we never sent, a non-daemon sender) is left as it is: a forged "bounce" pasting a referral
or a command below a bounce's words is read, and judged, as before.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.render import message_id_for
from bot.store.models import OutboxItem
from parsers import returned_copy
from parsers.autoreply import mail_system

MAX_RECIPIENTS = 20  # a routing mail goes to one recipient; a copy naming more is not one of ours


def own_report(s: Session, raw: bytes, sender: str | None, bot_address: str) -> bytes | None:
    """The report with its returned copy cut to the copy's headers when the copy is a mail csprbot sent, else
    None (read the mail as it is)."""
    if not mail_system(sender):
        return None
    copy = returned_copy.find(raw)
    if copy is None or copy.sender != bot_address.lower() or not 0 < len(copy.recipients) <= MAX_RECIPIENTS:
        return None
    domain = bot_address.rsplit("@", 1)[-1]
    wanted = copy.message_id.lower()
    keys = s.scalars(select(OutboxItem.idem_key).where(
        OutboxItem.recipient.in_({*copy.recipients, *(r.lower() for r in copy.recipients)})))
    if not any(message_id_for(key, domain).lower() == wanted for key in keys):
        return None
    return returned_copy.cut(raw, copy)
