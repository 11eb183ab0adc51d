"""Referrals from strangers (a sender holding no role and no agency): who counts as one, and whether a flood of
them has used up its allowance of routing mail for the interval. Pure: the counts come from the caller.

A stranger's mail that reads as a referral still opens a case and starts its clocks (a member of the public or
an unlisted GP may be genuine). What is rationed is the routing mail to the seven senior roles: the rate cap
counts per recipient, so a flood's routing would otherwise fill the hour and hold back a real agency's
referral. Beyond a few per sender, per organisational domain and for all strangers together in each
`mail.notice_batch_minutes`, the routing is replaced by one summary to the co-ordinator.
"""

from __future__ import annotations

import re
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


# One mailbox, however its address is spelt (what the big providers deliver to one account). A small table, not a
# library: `email-normalize` (the well-kept Python rule set) needs DNS for anything but its static map and leaves
# Yahoo's keywords alone; the rules below are the providers' own, as that library and gabrola/email-normalizer
# list them. Over-merging two real strangers only shares one ration of routing mail (their cases still open).
#  * every provider: the local part's case, and "name+tag@" is "name@" (Gmail, Outlook/Hotmail/Live, iCloud,
#    Proton, Fastmail, Zoho, Yandex...: sub-addressing);
#  * Gmail: dots do not count, googlemail.com is gmail.com;
#  * Yahoo and AOL disposable addresses are "base-keyword@" (a Yahoo ID holds no '-'): one base is one account;
#  * Fastmail: "anything@user.fastmail.com" (and "anything@folder.user.fastmail.com") is "user@fastmail.com"
#    (sub-domain addressing, on its main domains);
#  * Proton: '.', '_' and '-' are "transparent" in a username (Proton's own help page), and protonmail.com,
#    protonmail.ch and pm.me are one account's addresses with proton.me;
#  * iCloud: me.com and mac.com are the same account's addresses as icloud.com.
_DOTLESS = frozenset({"gmail.com", "googlemail.com"})
_YAHOO = re.compile(r"^(?:yahoo(?:\.[a-z]{2,3}){1,2}|ymail\.com|rocketmail\.com|aol(?:\.[a-z]{2,3}){1,2}|aim\.com)$")
_FASTMAIL = re.compile(r"^(?:[a-z0-9_-]+\.)*(?P<user>[a-z0-9_-]+)\."
                       r"(?P<domain>fastmail\.(?:com|fm|cn|co\.uk|de|es|in|jp|mx|net|nl|org|se|to|tw|uk|us)"
                       r"|messagingengine\.com)$")
_PROTON = frozenset({"proton.me", "protonmail.com", "protonmail.ch", "pm.me"})
_APPLE = frozenset({"icloud.com", "me.com", "mac.com"})


def flood_sender(address: str | None) -> str:
    """The mailbox a flood is counted under (the table above): lowercased, "+tag" dropped, and each big provider's
    own aliases folded (Gmail dots, Yahoo/AOL "-keyword", Fastmail sub-domains, Proton's transparent marks and
    domains, iCloud's domains)."""
    if not address or "@" not in address:
        return (address or "").lower()
    local, domain = address.lower().strip().rsplit("@", 1)
    domain = domain.rstrip(".")
    local = local.split("+", 1)[0] or local
    if domain in _DOTLESS:
        local, domain = local.replace(".", ""), "gmail.com"
    elif _YAHOO.match(domain):
        local = local.split("-", 1)[0] or local
    elif m := _FASTMAIL.match(domain):
        local, domain = m.group("user"), m.group("domain")
    elif domain in _PROTON:
        local, domain = re.sub(r"[._-]", "", local) or local, "proton.me"
    elif domain in _APPLE:
        domain = "icloud.com"
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
