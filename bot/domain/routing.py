"""Who gets what: roles to addresses, agency pseudo-roles, the per-event routing of the profile, and which roles
an address holds for a case (what it may be invited to send)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.settings import ROLES, RoutingSettings, Settings, insecure_reason

EVENTS = tuple(RoutingSettings.model_fields)


def for_event(settings: Settings, event: str) -> tuple[str, ...]:
    """Addresses told of `event` (a key of the profile's [routing] table), in order, without duplicates."""
    if event not in EVENTS:
        raise KeyError(f"unknown routing event {event!r}; events are {', '.join(EVENTS)}")
    return addresses(settings, getattr(settings.routing, event))


def addresses(settings: Settings, roles: list[str] | tuple[str, ...], agency: str = "") -> tuple[str, ...]:
    """Addresses for roles, in order, without duplicates; agency pseudo-roles resolve via config.

    An agency without a sub-group rep falls back to the co-ordinator, so an escalation never vanishes.
    """
    out: list[str] = []
    for role in roles:
        if role in ROLES:
            found = settings.roles.of(role)
        else:
            ag = settings.agency_named(agency) if agency else None
            if role == "agency_lead":
                found = [ag.lead] if ag else settings.roles.coordinator
            else:
                found = [ag.subgroup_rep] if ag and ag.subgroup_rep else settings.roles.coordinator
        for a in found:
            if a.lower() not in (x.lower() for x in out):
                out.append(a)
    return tuple(out)


def action_owners(settings: Settings, owner: str) -> tuple[str, ...]:
    """A learning action's owner (as typed in ACTION: owner; ...) as addresses: a role's holders, an agency's
    lead, or an address on the secure allowlist; () when it names none of these."""
    owner = owner.strip()
    role = owner.lower().replace(" ", "_")
    ag = settings.agency_named(owner)
    if role in ROLES:
        return tuple(settings.roles.of(role))
    if ag is not None:
        return (ag.lead,)
    if "@" in owner and not insecure_reason(owner, settings.secure_domains):
        return (owner.lower(),)
    return ()


def _open_actions(actions: Any) -> Iterable[dict[str, Any]]:
    for a in actions if isinstance(actions, list) else []:
        if isinstance(a, dict) and not a.get("done"):
            yield a


def owns_action(settings: Settings, address: str, actions: Any, n: int | None = None) -> bool:
    """Is `address` the owner of open learning action `n` (any open action when n is None)?"""
    a = address.lower()
    return any((n is None or act.get("n") == n) and a in (x.lower() for x in action_owners(settings, str(act.get(
        "owner") or ""))) for act in _open_actions(actions))


def known_sender(settings: Settings, address: str | None) -> bool:
    """Does `address` hold a partnership role or belong to an agency (a listed address, or the agency's own
    domain, never a shared one such as nhs.net)? Anyone else is told only that their mail arrived: nothing
    sent to a stranger may show whether a case, or a child, is already known (a case reference, "already
    open"), since a stranger could then probe for a child by sending a referral."""
    if not address or "@" not in address:
        return False
    return bool(settings.roles.holders(address) or settings.agency_for_address(address)
                or settings.agency_for_domain(address.rsplit("@", 1)[1]))


def roles_held(settings: Settings, address: str, referrer_email: str | None = None, actions: Any = None,
               action: int | None = None) -> set[str]:
    """The roles `address` holds for one case: its partnership roles, "referrer" when it sent the referral,
    "action_owner" when it owns an open learning action (action `action` when given). Commands are accepted,
    and mails invite them, by these."""
    held = set(settings.roles.holders(address))
    # The referrer's role (DISAGREE with a no-review decision, the outcome letter) is for a known sender only:
    # a stranger who sent a referral is told nothing of the case (known_sender), so may not steer it either.
    if referrer_email and address.lower() == referrer_email.lower() and known_sender(settings, address):
        held.add("referrer")
    if owns_action(settings, address, actions, action):
        held.add("action_owner")
    return held


# How a mail names its reader: the audience line of a letter and the subject of a mail for one role
# ("For the Assistant Director"). A mail goes to each role in its own words, never to one role under another's.
ROLE_TITLES = {
    "coordinator": "the co-ordinator", "service_leader": "the service leader",
    "assistant_director": "the Assistant Director", "director": "the Director",
    "police_review": "the police review lead", "icb_safeguarding": "the ICB safeguarding lead",
    "subgroup_chair": "the sub-group chair", "executive": "the {partnership} executive",
    "referrer": "the referrer", "action_owner": "the learning action's owner",
}
_TITLE_ORDER = (*ROLES, "referrer", "action_owner")


def audience(settings: Settings, address: str, referrer_email: str | None = None, actions: Any = None) -> str:
    """The reader's role in words ("the service leader"), or "" for an address that holds no role here.

    A person holding several roles is named by the first in ROLES order (the order the profile lists them)."""
    held = roles_held(settings, address, referrer_email, actions)
    for role in _TITLE_ORDER:
        if role in held:
            return ROLE_TITLES[role].format(partnership=settings.partnership.name)
    return ""
