"""Who gets what: roles to addresses, agency pseudo-roles, the per-event routing of the profile, and which roles
an address holds for a case (what it may be invited to send)."""

from __future__ import annotations

import re
import unicodedata
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


# One bare address (no display name, no list, no spaces or controls): an owner is chased at it and may answer
# from it, so it must be a mailbox, not a sentence that happens to hold an "@".
_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+")


def is_address(text: str) -> bool:
    """One bare address (no display name, no list), as csprbot can write to it."""
    return len(text) <= 254 and bool(_ADDRESS.fullmatch(text))


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
    if len(owner) <= 254 and _ADDRESS.fullmatch(owner) and not insecure_reason(owner, settings.secure_domains):
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


# Letters NFKD does not split into a base letter and a mark, folded by hand (Søren, Łukasz, Straße).
_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th",
                       "ı": "i"})


def _words(text: str) -> list[str]:
    """A name's words, lower case, diacritics folded, apostrophes dropped (O'Brien -> obrien)."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return [w for w in re.split(r"[^a-z]+", re.sub(r"['’`]", "", folded)) if w]


def spells_a_family_name(owner: str, referral: Any) -> bool:
    """Does an address owner spell a name of the child, the carer or a family member on the form (`referral`, the
    form as read)? The local part is read as letters only (dots, dashes, underscores, digits dropped:
    b.e.t.h.a.n.y, zyxwut.family, bethany2018) and is refused when it holds any forename or surname of three or
    more letters, or equals a short name with an initial (jo.f, f.jo). An address is shown in every digest, and a
    family name in it identifies the child; a professional whose own name is one of them can use a role."""
    form: dict[str, Any] = referral if isinstance(referral, dict) else {}
    child: dict[str, Any] = form["child"] if isinstance(form.get("child"), dict) else {}
    family: list[Any] = form["family"] if isinstance(form.get("family"), list) else []
    names = [child.get("name"), re.sub(r"\(.*?\)", " ", str(child.get("carer") or "")),
             *(m.get("name") for m in family if isinstance(m, dict))]
    local = re.sub(r"[^a-z]+", "", owner.rsplit("@", 1)[0].lower()) if "@" in owner else ""
    if not local:
        return False
    for words in (_words(str(n or "")) for n in names):
        if any(len(w) >= 3 and w in local for w in words):
            return True
        # Short names (Jo, Li): only the name with an initial of another of its words, or the whole name.
        short = [w for w in words if len(w) < 3]
        if short and (local == "".join(words) or any(local in (w + o[0], o[0] + w) for w in short
                                                      for o in words if o is not w)):
            return True
    return False


def owner_label(settings: Settings, owner: str, referral: Any = None) -> str:
    """How a digest or a list shows a learning action's owner: the role or agency name, or the secure address;
    never the owner's own free text (an action set before owners were checked may hold a child's name, or an
    address spelling one: `referral` is the case's form, to check against)."""
    kind = owner_kind(settings, owner)
    if kind is None or (kind[0] == "address" and spells_a_family_name(owner, referral)):
        return "owner to check"
    return kind[1].replace("_", " ") if kind[0] == "role" else kind[1]


def shown_owner(settings: Settings, action: Any) -> str:
    """How every view shows a learning action's owner: the digest, `csprbot case` and the web case page alike
    (one rule, so no view prints what another hides). The role or agency name or the secure address as
    owner_label says, and "owner to check" for anything else: free text recorded before owners were checked, or
    an address that spells a family name of the form as since corrected (`owner_to_check`, set by CORRECT:
    the digest never reads the form, so the check is made when the form changes and kept on the action)."""
    act: dict[str, Any] = action if isinstance(action, dict) else {}
    if act.get("owner_to_check"):
        return "owner to check"
    return owner_label(settings, str(act.get("owner") or ""))


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


def why_no_letter(settings: Settings, referrer: str | None) -> str | None:
    """Why the referrer's letter (the outcome of screening, the Panel's view) cannot go to `referrer`, or None
    when it can: csprbot writes of a case only to an address it knows (known_sender), and never off the secure
    allowlist to one it does not. Says why without repeating the address (the reason is shown in the digest)."""
    if not referrer or "@" not in referrer:
        return "no address for the referrer is known"
    if known_sender(settings, referrer):
        return None
    if insecure_reason(referrer, settings.secure_domains):
        return "the referrer's address is not on a secure domain"
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
