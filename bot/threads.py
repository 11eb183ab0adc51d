"""Which case a mail's direct parent belongs to, when that parent is one of csprbot's own mails (stranger round 11,
B3): a reply pressed on csprbot's mail for case 002 whose subject was retyped to name 001 is not clearly for 001.

csprbot's Message-IDs are `render.message_id_for(idem_key, domain)`, a hash of the outbox row's key, so the
parent is found by hashing the keys of the outbox rows of other cases (no stored column, no migration).
Only the direct parent counts (In-Reply-To, else the last References entry): older References entries are the
thread's history (a reply on an old thread whose subject and body now name one case), not what was answered.
The parent may also be a mail csprbot received (the referral itself): thread_case ties a follow-up to its case."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.render import message_id_for
from bot.store.models import Case, Message, OutboxItem

_MSG_ID = re.compile(r"<([^<>]{1,990})>")


def _ids(values: list[str]) -> list[str]:
    """The Message-IDs in header values, with any space inside the angle brackets taken out (stranger round 12:
    `< id@host >` is the same id to a client that threads it)."""
    out = []
    for v in values:
        for m in _MSG_ID.finditer(v):
            mid = re.sub(r"\s+", "", m.group(1))
            if mid:
                out.append(f"<{mid}>")
    return out


def parent_ids(in_reply_to: list[str], references: list[str], bot_domain: str | None = None) -> list[str]:
    """The Message-IDs of a mail's direct parent(s): every id in In-Reply-To, else the last of References.
    With `bot_domain`: when no In-Reply-To id is one of csprbot's, the last References entry is added (stranger
    round 12: Gmail and Thunderbird thread a mail under its References, so an unknown In-Reply-To beside
    References ending in csprbot's mail for case 002 is shown in 002's thread)."""
    direct = _ids(in_reply_to)[:8]
    last = _ids(references)[-1:]
    if not direct:
        return last
    ours = bot_domain is not None and any(d.lower().endswith(f"@{bot_domain.lower()}>") for d in direct)
    return direct if ours or last[0:1] == direct[-1:] else direct + last


def parent_case(s: Session, parents: list[str], bot_domain: str, case_ids: set[int]) -> str | None:
    """The reference of another case (none of `case_ids`) one of csprbot's own mails among `parents` was sent
    for."""
    ours = {p.lower() for p in parents if p.lower().endswith(f"@{bot_domain.lower()}>")}
    if not ours:
        return None
    rows = s.execute(select(OutboxItem.idem_key, OutboxItem.case_id).where(
        OutboxItem.case_id.is_not(None), OutboxItem.case_id.not_in(case_ids))).all()
    for key, other in rows:
        if message_id_for(key, bot_domain).lower() in ours:
            return s.scalar(select(Case.ref).where(Case.id == other))
    return None


def thread_case(s: Session, parents: list[str], bot_domain: str) -> Case | None:
    """The one case a mail's direct parent belongs to (stranger round 17, B5): csprbot's own mail for that case,
    or a mail csprbot received that opened the case or was filed on it (found by its Message-ID, as the dedupe
    key holds it). None when no parent is known, or when the parents belong to two cases (which one it answers
    is then not clear)."""
    found: set[int] = set()
    for parent in parents[:8]:
        prefix = f"mid:{parent[:200]}#"
        # A range on the unique key (not LIKE): the index answers it, and Message-IDs may hold % or _.
        found |= {cid for cid in s.scalars(select(Message.case_id).where(
            Message.dedupe_key >= prefix, Message.dedupe_key < prefix[:-1] + "$", Message.case_id.is_not(None)))
            if cid is not None}
        legacy = s.scalar(select(Message.case_id).where(Message.dedupe_key == f"mid:{parent[:280]}"))
        if legacy is not None:  # keyed by Message-ID alone (before content joined the key)
            found.add(legacy)
    ours = {p.lower() for p in parents if p.lower().endswith(f"@{bot_domain.lower()}>")}
    if ours:
        for key, cid in s.execute(select(OutboxItem.idem_key, OutboxItem.case_id).where(
                OutboxItem.case_id.is_not(None))).all():
            if cid is not None and message_id_for(key, bot_domain).lower() in ours:
                found.add(cid)
    if len(found) != 1:
        return None
    return s.get(Case, found.pop())
