"""Cross-field checks of the profile that keep a config mistake from silently weakening a promise.

Run by Settings' model validator (errors: check-config refuses, naming the field) and Settings.warnings (loud
but not refused). Each line is "field.path: why" (stranger round 11: 29 of 54 mistakes passed unnamed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.domain.authres import SHARED_PARENTS, is_shared
from bot.domain.mailproviders import is_consumer

if TYPE_CHECKING:
    from bot.settings import Settings

# Shared domains an agency may list: there it is known by its listed addresses only (bot.settings.shared_agencies).
_LISTABLE_SHARED = frozenset({"nhs.net", "cjsm.net", "pnn.police.uk"})
# Suffixes only public bodies can register under: a "*." wildcard over them is a real allowlist.
_CLOSED_SUFFIXES = frozenset(SHARED_PARENTS) | {"mod.uk", "parliament.uk", "gov.scot", "gov.wales", "llyw.cymru",
                                                "nhs.scot", "hscni.net", "gov.im", "gov.je", "gov.gg"}


def _secure_pattern_problem(pattern: str) -> str | None:
    """Why a secure_domains entry would let mail go where anyone may hold an address (None when fine)."""
    p = pattern.strip().lower().rstrip(".")
    base = p[2:] if p.startswith("*.") else p
    if not base or any(ch in base for ch in "*?[]"):
        return (f"{pattern!r} matches any domain: write exact domains (csc.example.gov.uk) or '*.' before a "
                "domain only public bodies can hold (*.gov.uk)")
    if is_consumer(base):
        return f"{pattern!r} is a consumer mail provider's domain: anyone may hold an address there"
    if is_shared(base) and base not in _CLOSED_SUFFIXES and base not in _LISTABLE_SHARED:
        return f"{pattern!r} covers a public suffix anyone may register under, which switches the allowlist off"
    if p == base and is_shared(base) and base not in _LISTABLE_SHARED:
        return f"{pattern!r} is a bare public suffix (no one's mail domain): did you mean '*.{base}'?"
    return None


def _agency_domain_problem(domain: str) -> str | None:
    d = domain.strip().lower().rstrip(".")
    if is_consumer(d):
        return (f"{domain} is a consumer mail provider's domain (anyone may have an address there): list the "
                "agency's own addresses there in `addresses` instead")
    if any(d == s[1:] or d.endswith(s) for s in (".gsi.gov.uk", ".gcsx.gov.uk", ".gsx.gov.uk", ".gse.gov.uk")):
        return f"{domain}: legacy gsi/gcsx/gsx/gse domains are closed"
    if is_shared(d) and d not in _LISTABLE_SHARED:
        return (f"{domain} is a public suffix or national parent shared by many organisations: list the agency's "
                "own domain (e.g. csc.example.gov.uk)")
    return None


def profile_errors(st: Settings) -> list[str]:
    """Mistakes check-config refuses, each naming its field."""
    from bot.domain.routing import address_problem
    from bot.settings import ROLES

    out: list[str] = []
    for i, pat in enumerate(st.secure_domains):
        if why := _secure_pattern_problem(pat):
            out.append(f"secure_domains[{i}]: {why}")
    bot = st.partnership.bot_address.lower()
    addrs: list[tuple[str, str]] = [(f"roles.{r}[{i}]", a) for r in ROLES for i, a in enumerate(st.roles.of(r))]
    for i, ag in enumerate(st.agencies):
        addrs += [(f"agencies[{i}].{f}", getattr(ag, f)) for f in ("lead", "subgroup_rep") if getattr(ag, f)]
        addrs += [(f"agencies[{i}].addresses[{j}]", a) for j, a in enumerate(ag.addresses)]
    for where, a in addrs:
        if why := address_problem(a):
            out.append(f"{where}: {why}")
        elif a.lower() == bot:
            out.append(f"{where}: is csprbot's own address (partnership.bot_address): mail to it would reach nobody")
    seen_names: dict[str, int] = {}
    seen_domains: dict[str, int] = {}
    for i, ag in enumerate(st.agencies):
        key = " ".join(ag.name.lower().split())
        if key in seen_names:
            out.append(f"agencies[{i}].name: {ag.name!r} is also agencies[{seen_names[key]}]'s name (names are "
                       "compared ignoring case): returns and AGENCIES: lines could not tell them apart")
        seen_names.setdefault(key, i)
        for j, d in enumerate(ag.domains):
            if why := _agency_domain_problem(d):
                out.append(f"agencies[{i}].domains[{j}]: {why}")
            elif not is_shared(d) and seen_domains.get(d, i) != i:
                out.append(f"agencies[{i}].domains[{j}]: {d} is also agencies[{seen_domains[d]}]'s domain: a sender "
                           "there could not be told apart (list each agency's own addresses instead)")
            seen_domains.setdefault(d, i)
    for key, rule in st.clocks.items():
        if rule.length == 0 and rule.anchor != "action_set":  # a learning action's own date is its due date
            out.append(f"clocks.{key}.length: 0 makes the clock due the day it starts")
    return out


def is_loud(warning: str) -> bool:
    """A warning said twice (stderr too) at check-config: the digest goes to nobody, or an agency's senders are
    off the allowlist (their returns count, but they are never written to of a case)."""
    return warning.startswith("digest.recipients") or (warning.startswith("agencies[") and "secure_domains" in warning)


def profile_warnings(st: Settings) -> list[str]:
    """Not refused, but each weakens something quietly: said at check-config."""
    from bot.settings import insecure_reason

    out: list[str] = []
    if not st.digest.recipients:
        out.append("digest.recipients is empty: the daily digest (the only list of mail withheld or not sent, "
                   "mail ignored and escalations past their limit) goes to nobody")
    for event, roles in st.routing.model_dump().items():
        if not roles:
            out.append(f"routing.{event} is empty: nobody is told of this event")
    for i, ag in enumerate(st.agencies):
        for j, d in enumerate(ag.domains):
            if insecure_reason("x@" + d, st.secure_domains) and not _agency_domain_problem(d):
                out.append(f"agencies[{i}].domains[{j}]: {d} is not on the secure_domains allowlist: its senders' "
                           "returns and referrals are taken, but no mail naming a case is sent to them")
    for key, rule in st.clocks.items():
        for i, c in enumerate(rule.chasers):
            if c > 0:
                out.append(f"clocks.{key}.chasers[{i}]: {c} is after the due day: that chaser comes after the "
                           "breach (escalation follows a breach; chasers are 0 or before)")
        if (rule.unit == "months" and rule.length > 36) or (rule.unit != "months" and rule.length > 400):
            out.append(f"clocks.{key}.length: {rule.length} {rule.unit.replace('_', ' ')} is over a year")
    cal = st.calendar
    if cal.reminder_time > cal.cutoff:
        out.append(f"calendar.reminder_time: {cal.reminder_time} is after calendar.cutoff ({cal.cutoff}): chasers "
                   "go out after the day's mail has closed")
    if cal.reminder_time > cal.working_hours_end:
        out.append(f"calendar.reminder_time: {cal.reminder_time} is after calendar.working_hours_end")
    for i, closure in enumerate(cal.closure_days):
        if closure.end is not None and (closure.end - closure.start).days > 31:
            out.append(f"calendar.closure_days[{i}]: {closure.start} to {closure.end} is over a month of closure days")
    mail = st.mail
    if mail.work_budget_seconds == 0:
        out.append("mail.work_budget_seconds is 0: each message is parsed in-process with no time limit, so one "
                   "slow message holds up all mail")
    if mail.require_authentication and not mail.trusted_authserv_id:
        out.append("mail.trusted_authserv_id is not set, so mail.require_authentication has no effect")
    if why := insecure_reason(st.partnership.bot_address, st.secure_domains):
        out.append(f"partnership.bot_address: {why}")
    return out
