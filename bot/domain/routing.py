"""Who gets what: roles to addresses, agency pseudo-roles, the per-event routing of the profile, and which roles
an address holds for a case (what it may be invited to send)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from email_validator import EmailNotValidError, validate_email

from bot.domain.owner_ids import Identifiers, from_form, identifies
from bot.domain.sender import canonical_domain, lookalike_problem
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


# One bare address (no display name, no list, no spaces or controls): an owner is chased at it and may answer
# from it, so it must be a mailbox, not a sentence that happens to hold an "@".
_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+")


def address_problem(text: str) -> str | None:
    """Why `text` is not one plain address csprbot may write to (None when it is). Taken from people (an ACTION
    owner, CORRECT referrer.email), so held to the From line's rules (bot/domain/sender.py) and email-validator's
    syntax, and more: no quoted local part (`"leak@gmail.com"@ours`), no percent hack (`leak%gmail.com@ours`)
    and no bang path (`gmail.com!leak@ours`), which some relays still route off the named domain. The reason
    never repeats the text (it is audited and mailed)."""
    if len(text) > 254 or not text.isascii() or any(ch.isspace() or not ch.isprintable() for ch in text):
        return "it is not one address (no spaces, no names, no other text)"
    if '"' in text:
        return "a quoted local part is not accepted"
    local, at, domain = text.rpartition("@")
    if not at or not local:
        return "it is not an address (name@domain)"
    if "%" in local or "!" in local:
        return "a '%' or '!' in an address can route mail elsewhere (percent hack, bang path)"
    if "@" in local or canonical_domain(domain) is None or lookalike_problem(local):
        return "its domain or local part is not a plain one"
    try:
        validate_email(text, check_deliverability=False, allow_quoted_local=False, allow_domain_literal=False,
                       allow_smtputf8=False)
    except EmailNotValidError:
        return "it is not a valid address"
    if not _ADDRESS.fullmatch(text):
        return "it is not a valid address"
    return None


def is_address(text: str) -> bool:
    """One bare, plain address (no display name, no list, nothing address_problem refuses)."""
    return address_problem(text) is None


def _role_key(owner: str) -> str:
    """"Service Leader", "service-leader", "co-ordinator" -> the profile's role key ("service_leader")."""
    key = re.sub(r"[\s_-]+", "_", owner.strip().lower())
    return "coordinator" if key == "co_ordinator" else key


def owner_kind(settings: Settings, owner: str) -> tuple[str, str] | None:
    """What a learning action's owner names: ("role", role key), ("agency", agency name) or ("address", the
    address, lower case) when it is one address on a secure domain; None for anything else (free text: a
    person's or a child's name, an insecure or malformed address), which csprbot can neither chase nor hear
    from, and which must never be printed in a digest."""
    owner = owner.strip()
    role = _role_key(owner)
    if role in ROLES:
        return ("role", role)
    ag = settings.agency_named(owner)
    if ag is not None:
        return ("agency", ag.name)
    if is_address(owner) and not insecure_reason(owner, settings.secure_domains):
        return ("address", owner.lower())
    return None


def owner_problem(settings: Settings, owner: str) -> str | None:
    """Why `owner` cannot own a learning action (None when it can). The owner's text is not repeated: it may
    be a child's name, and the refusal is audited."""
    kind = owner_kind(settings, owner)
    if kind is not None and (kind[0] != "role" or settings.roles.of(kind[1])):
        return None
    if kind is not None:
        return f"no one holds the role {kind[1]} in the profile, so no one could be chased for the action"
    agencies = ", ".join(ag.name for ag in settings.agencies) or "none"
    return ("the action's owner must be a partnership role (" + ", ".join(r for r in ROLES if settings.roles.of(r))
            + f"), an agency ({agencies}) or one address on a secure domain ("
            + ", ".join(settings.secure_domains) + "); not a person's name or any other text")


def owner_identifies(settings: Settings, owner: str, ids: Identifiers) -> str | None:
    """What in an address owner identifies a child ("name", "date of birth", "address"; None when nothing
    does): the one rule ACTION (mail, `act`, the web), CORRECT's recheck and every view (shown_owner) use. The
    local part is read, and the domain below its secure suffix (`fictional` of team@fictional.gov.uk) unless it
    is an agency's or a role holder's own domain (csc.example.gov.uk names no child). See bot/domain/owner_ids."""
    if "@" not in owner:
        return None
    local, domain = owner.lower().rsplit("@", 1)
    if why := identifies(local, ids):
        return why
    own = {a.rsplit("@", 1)[-1].lower() for r in ROLES for a in settings.roles.of(r)}
    if domain in own or settings.agency_for_domain(domain):
        return None
    cut = max((len(p.lstrip("*.")) for p in settings.secure_domains
               if domain == p.lstrip("*.").lower() or domain.endswith("." + p.lstrip("*.").lower())), default=0)
    stem = domain[:len(domain) - cut].rstrip(".") if cut else domain
    return identifies(stem, ids) if stem else None


def spells_a_family_name(owner: str, referral: Any) -> bool:
    """Does an address owner spell a name, a date of birth or an address of the child or family on the form
    (`referral`, the form as read), in its local part? Kept for callers without settings; owner_identifies is
    the rule (it reads the domain and other open cases too)."""
    return "@" in owner and identifies(owner.rsplit("@", 1)[0], from_form(referral)) is not None


def owner_label(settings: Settings, owner: str, referral: Any = None, ids: Identifiers | None = None) -> str:
    """How a digest or a list shows a learning action's owner: the role or agency name, or the secure address;
    never the owner's own free text (an action set before owners were checked may hold a child's name, or an
    address spelling one: `referral` is the case's form and `ids` other identifiers to check against)."""
    kind = owner_kind(settings, owner)
    every = from_form(referral) + (ids or Identifiers())
    if kind is None or (kind[0] == "address" and owner_identifies(settings, owner, every)):
        return "owner to check"
    return kind[1].replace("_", " ") if kind[0] == "role" else kind[1]


def shown_owner(settings: Settings, action: Any, ids: Identifiers | None = None) -> str:
    """How every view shows a learning action's owner: the digest, `csprbot case` and the web case page alike
    (one rule, so no view prints what another hides). The role or agency name or the secure address as
    owner_label says, and "owner to check" for anything else: free text recorded before owners were checked, or
    an address that spells a family name of the form as since corrected (`owner_to_check`, set by CORRECT:
    the digest never reads the form, so the check is made when the form changes and kept on the action). `ids`:
    the open cases' stored keys (names, dates of birth: owner_ids.from_keys), so an address recorded before
    today's rule that spells any open case's child is hidden too."""
    act: dict[str, Any] = action if isinstance(action, dict) else {}
    if act.get("owner_to_check"):
        return "owner to check"
    return owner_label(settings, str(act.get("owner") or ""), None, ids)


def action_owners(settings: Settings, owner: str) -> tuple[str, ...]:
    """A learning action's owner (as typed in ACTION: owner; ...) as addresses: a role's holders, an agency's
    lead, or an address on the secure allowlist; () when it names none of these."""
    kind = owner_kind(settings, owner)
    if kind is None:
        return ()
    if kind[0] == "role":
        return tuple(settings.roles.of(kind[1]))
    if kind[0] == "agency":
        ag = settings.agency_named(kind[1])
        return (ag.lead,) if ag else ()
    return (kind[1],)


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


def may_name_case(settings: Settings, address: str | None) -> bool:
    """May csprbot write to `address` of a case (its reference, clocks, outcome)? Only a known sender
    (known_sender) on the secure allowlist; anyone else gets at most the neutral acknowledgement."""
    return known_sender(settings, address) and not insecure_reason(address or "", settings.secure_domains)


def why_no_letter(settings: Settings, referrer: str | None) -> str | None:
    """Why the referrer's letter (the outcome of screening, the Panel's view) cannot go to `referrer`, or None
    when it can: csprbot writes of a case only to an address it knows (known_sender), and never off the secure
    allowlist to one it does not. Says why without repeating the address (the reason is shown in the digest)."""
    if not referrer or "@" not in referrer:
        return "no address for the referrer is known"
    if why := address_problem(referrer):
        return f"the referrer's address is not one plain address: {why}"
    # The allowlist first: an agency's own insecure domain (a charity, an academy trust) is known, not secure.
    if insecure_reason(referrer, settings.secure_domains):
        return "the referrer's address is not on a secure domain"
    if known_sender(settings, referrer):
        return None
    return ("the referrer's address is not a partnership role's or an agency's, and csprbot tells a case's outcome "
            "only to an address it knows")


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
