"""A stranger's flood of referrals never delays a known sender's routing: ration the strangers' routing mail.

Each referral from a sender holding no role and no agency is audited as `stranger_referral` (routed: yes or
no). Within `mail.notice_batch_minutes` the first few per sender, per organisational domain and in all are routed
(tagged so the outbox sends them after other case mail and caps them apart); the rest keep their case and
clocks, and are listed in one summary to the co-ordinator once the interval has passed. The counts come from
the audit log, so they hold across passes, restarts and instances. An unlisted address on an agency's own
domain is rationed too, by agency only (`mail.agency_domain_referrals_routed`, apart from the strangers'
allowances, its routing in the strangers' lane of the outbox); role holders and agencies' listed addresses never.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.apply import Runtime, audit, enqueue
from bot.domain import routing
from bot.domain.effects import Effect, MailIntent
from bot.domain.redact import shown_address
from bot.domain.strangers import (
    AGENCY_KEY,
    UNVERIFIED_TAG,
    Allowance,
    agency_domain_key,
    flood_domain,
    flood_sender,
    listed_sender,
    over_allowance,
)
from bot.store.models import Case, Event, Message

SUMMARY_ITEMS = 30  # cases named in one summary; the rest are counted (all are in the digest and web view)


def ration(s: Session, rt: Runtime, case: Case, row: Message, sender: str | None,
           effects: list[Effect]) -> list[Effect]:
    """The referral's effects, with a stranger's routing tagged (within the allowance) or held for the summary."""
    if listed_sender(rt.settings, sender):
        return effects
    # An unlisted address on an agency's own domain is no stranger (it is answered as the agency's), but its
    # routing is rationed by agency like a stranger's by domain: otherwise a flood from a school's mailboxes
    # fills the per-recipient rate cap and holds another agency's referral for hours (stranger round 9).
    agency = agency_domain_key(rt.settings, sender)
    domain, who = agency or flood_domain(sender), flood_sender(sender)
    window = rt.stamp - timedelta(minutes=rt.settings.mail.notice_batch_minutes)
    routed = list(s.execute(select(Event.actor, Event.detail).where(
        Event.kind == "stranger_referral", Event.at >= window)))
    used = Allowance(
        sender_used=sum(1 for actor, d in routed if d.get("routed") and flood_sender(actor) == who),
        domain_used=sum(1 for _, d in routed if d.get("routed") and d.get("domain") == domain),
        # the strangers' total is theirs: each agency's domain has its own allowance, whatever strangers do
        total_used=0 if agency else sum(1 for _, d in routed if d.get("routed")
                                        and not str(d.get("domain", "")).startswith(AGENCY_KEY)))
    why = over_allowance(rt.settings, used, agency)
    audit(s, rt, "stranger_referral", {"message": row.id, "ref": case.ref, "domain": domain,
                                       "routed": why is None, **({"reason": why} if why else {})}, case, sender)
    if why is None:
        # Its place in its own flood (by agency, else by organisational domain): the outbox sends the lane in
        # turns, so three agencies' floods and the strangers' never hold a fourth sender's first referral behind
        # them when together they pass the per-recipient rate cap.
        rank = used.domain_used + 1
        return [replace(fx, tag=UNVERIFIED_TAG, lane_rank=rank)
                if isinstance(fx, MailIntent) and fx.kind == "routing" else fx for fx in effects]
    # The summary stands for the routing and the co-ordinator's per-referral triage mail; the referrer's
    # acknowledgement still goes (its own kind, capped per recipient).
    return [fx for fx in effects if not (isinstance(fx, MailIntent) and fx.kind in ("routing", "triage"))]


def stranger_summary(sessions: sessionmaker[Session], rt: Runtime) -> int:
    """One mail to the co-ordinator for the strangers' referrals held back, once their interval has passed."""
    with sessions.begin() as s:
        last = s.scalar(select(func.max(Event.id)).where(Event.kind == "stranger_summary")) or 0
        held = [e for e in s.scalars(select(Event).where(Event.kind == "stranger_referral", Event.id > last)
                                     .order_by(Event.id)) if not e.detail.get("routed")]
        if not held or rt.stamp < held[0].at + timedelta(minutes=rt.settings.mail.notice_batch_minutes):
            return 0
        # Domains only, as the digest prints them: a stranger's local part can spell a child's name.
        senders = Counter(shown_address(rt.settings, e.actor) for e in held)
        domains = Counter(str(e.detail.get("domain")) for e in held)
        items = [{"ref": e.detail.get("ref"), "sender": shown_address(rt.settings, e.actor),
                  "received_at": e.at.isoformat(timespec="minutes")} for e in held[:SUMMARY_ITEMS]]
        ctx: dict[str, object] = {"count": len(held), "since": held[0].at.isoformat(timespec="minutes"),
                                  "senders": senders.most_common(10), "domains": domains.most_common(5),
                                  "items": items, "more": max(0, len(held) - len(items))}
        audit(s, rt, "stranger_summary", {"count": len(held), "through_event": held[-1].id})
        return enqueue(s, rt, MailIntent("triage", "coordinator.triage.strangers",
                                         routing.for_event(rt.settings, "triage"), ctx,
                                         tag=f"strangers-{held[-1].id}"), None, None, "stranger-summary")
