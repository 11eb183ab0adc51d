"""Who gets what: roles to addresses, agency pseudo-roles, and the per-event routing of the profile."""

from __future__ import annotations

from bot.settings import ROLES, RoutingSettings, Settings

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
