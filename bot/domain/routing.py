"""Who gets what: roles to addresses, agency pseudo-roles, and the referral routing list."""

from __future__ import annotations

from bot.settings import ROLES, Settings

# DOMAIN.md / North Somerset protocol 8.3-8.4: every referral alerts these six roles at once.
REFERRAL_ROUTING = (
    "assistant_director", "director", "police_review", "icb_safeguarding", "coordinator", "service_leader",
)


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
