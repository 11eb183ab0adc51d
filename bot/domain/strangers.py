"""Referrals from strangers (a sender holding no role and no agency): who counts as one, and whether a flood of
them has used up its allowance of routing mail for the interval. Pure: the counts come from the caller.

A stranger's mail that reads as a referral still opens a case and starts its clocks (a member of the public or
an unlisted GP may be genuine). What is rationed is the routing mail to the seven senior roles: the rate cap
counts per recipient, so a flood's routing would otherwise fill the hour and hold back a real agency's
referral. Beyond a few per sender, per organisational domain and for all strangers together in each
`mail.notice_batch_minutes`, the routing is replaced by one summary to the co-ordinator.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.authres import org_domain
from bot.settings import Settings

# The idempotency tag of a stranger's routing mail: the outbox sends it after other case mail and counts it
# against the rate cap apart from routing of known senders (bot/outbox.py).
UNVERIFIED_TAG = "routing-unverified"


@dataclass(frozen=True)
class Allowance:
    sender_used: int  # strangers' referrals from this address routed in the interval
    domain_used: int  # ... from any address of its organisational domain
    total_used: int = 0  # ... from any stranger at all (a flood from many domains, one referral each)


def listed_sender(settings: Settings, address: str | None) -> bool:
    """Holds a role or is an agency's listed address: never rationed. Anyone else on an agency's own domain is
    (by the agency: a school's or council's hundreds of mailboxes, or one compromised account, are not a person
    the partnership knows), apart from strangers (bot/strangers.py)."""
    if not address or "@" not in address:
        return False
    a = address.lower()
    return bool(settings.roles.holders(a)) or settings.agency_for_address(a) is not None


def agency_domain_key(settings: Settings, address: str | None) -> str | None:
    """The flood key of an unlisted sender on an agency's own domain ("agency:<name>"), None for anyone else.
    Counted by agency, not by organisational domain: agencies of one council share `example.gov.uk`, and one
    agency's flood must not use up another agency's allowance."""
    if not address or "@" not in address or listed_sender(settings, address):
        return None
    agency = settings.agency_for_domain(address.lower().rsplit("@", 1)[1])
    return f"{AGENCY_KEY}{agency.name}" if agency is not None else None


AGENCY_KEY = "agency:"


def known_sender(settings: Settings, address: str | None) -> bool:
    """Holds a role, is an agency's listed address, or writes from an agency's own (non-shared) domain."""
    if not address or "@" not in address:
        return False
    a = address.lower()
    if settings.roles.holders(a) or settings.agency_for_address(a) is not None:
        return True
    return settings.agency_for_domain(a.rsplit("@", 1)[1]) is not None


def flood_domain(address: str | None) -> str:
    """The organisational domain a flood is counted under (sub-domains of one domain are one sender)."""
    if not address or "@" not in address:
        return "(unknown)"
    return org_domain(address.rsplit("@", 1)[1])


# Google delivers every dot variant of a local part to one mailbox (also under googlemail.com), and most providers
# deliver "name+tag@" to "name@": one person, so one sender for the per-sender count.
_DOTLESS = frozenset({"gmail.com", "googlemail.com"})


def flood_sender(address: str | None) -> str:
    """The mailbox a flood is counted under: lowercased, "+tag" dropped, Gmail's dots dropped (googlemail = gmail)."""
    if not address or "@" not in address:
        return (address or "").lower()
    local, domain = address.lower().strip().rsplit("@", 1)
    domain = domain.rstrip(".")
    local = local.split("+", 1)[0] or local
    if domain in _DOTLESS:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def over_allowance(settings: Settings, used: Allowance, agency: str | None = None) -> str | None:
    """Why this referral's routing goes into the summary instead, or None when it may be routed now. `agency`:
    the sender is an unlisted address on that agency's own domain, counted by agency only (`domain_used`)."""
    m = settings.mail
    if agency is not None:
        if used.domain_used >= m.agency_domain_referrals_routed:
            return (f"more than {m.agency_domain_referrals_routed} referrals from addresses on the domain of "
                    f"{agency.removeprefix(AGENCY_KEY)} that are not its listed addresses in "
                    f"{m.notice_batch_minutes:g} min")
        return None
    if used.sender_used >= m.stranger_referrals_routed:
        return f"more than {m.stranger_referrals_routed} referrals from this sender in {m.notice_batch_minutes:g} min"
    if used.domain_used >= m.stranger_referrals_routed_per_domain:
        return (f"more than {m.stranger_referrals_routed_per_domain} referrals from senders of this domain in "
                f"{m.notice_batch_minutes:g} min")
    if used.total_used >= m.stranger_referrals_routed_total:
        return (f"more than {m.stranger_referrals_routed_total} referrals from senders holding no role and no agency "
                f"in {m.notice_batch_minutes:g} min")
    return None
