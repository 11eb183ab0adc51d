"""Cross-field checks of the profile that keep a config mistake from silently weakening a promise.

Run by Settings' model validator (errors: check-config refuses, naming the field) and Settings.warnings (loud
but not refused). Each line is "field.path: why" (stranger round 11: 29 of 54 mistakes passed unnamed).
"""

from __future__ import annotations

from datetime import date, time
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


# The roles that may record the screening decision (bot.domain.process.DECIDERS) and the one who decides a
# disagreement with it (DOMAIN.md: the Assistant Director): one person in both would judge their own decision.
_SCREENERS = ("subgroup_chair", "coordinator")
_ARBITER = "assistant_director"
# Roles held by one organisation each (DOMAIN.md "Who is who"); the partnership's roles may be anyone's.
_ORGS = {"service_leader": "the local authority", "assistant_director": "the local authority",
         "director": "the local authority", "police_review": "the police", "icb_safeguarding": "the ICB"}
_NAMES = {"coordinator": "the co-ordinator", "service_leader": "the service leader", "assistant_director": "the "
          "Assistant Director", "director": "the Director", "police_review": "the police review team",
          "icb_safeguarding": "the ICB safeguarding team", "subgroup_chair": "the sub-group chair",
          "executive": "the executive"}


def _held(st: Settings) -> dict[str, list[str]]:
    """Each address (lower case) and the fields that hold it, e.g. roles.coordinator[0]."""
    from bot.settings import ROLES

    out: dict[str, list[str]] = {}
    for r in ROLES:
        for i, a in enumerate(st.roles.of(r)):
            out.setdefault(a.lower(), []).append(f"roles.{r}[{i}]")
    return out


def _role_of(where: str) -> str:
    return where.split(".", 1)[1].split("[", 1)[0]


def role_overlaps(st: Settings) -> tuple[list[str], list[str]]:
    """One address in two roles that must be different people: (errors, warnings), each naming both fields.

    Error: an escalation that would reach only the people already chased (no step of a clock's ladder reaches
    anyone else); the Assistant Director also a screening decider (the one who decided would decide the dispute;
    DISAGREE would reach only them); the local authority, police and ICB sharing an address. Warning: an escalation
    reaches the person chased but also someone else (another holder of the role, or the next step: the agency lead
    as its own sub-group rep, where the co-ordinator and AD come next).
    Roles that do not check one another (co-ordinator and sub-group chair, Director and executive) may share one."""
    from bot.settings import ROLES

    held = _held(st)
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}

    def addrs(roles: list[str], lead: str | None = None, rep: str | None = None) -> set[str]:
        out: set[str] = set()
        for r in roles:
            if r in ROLES:
                out |= {a.lower() for a in st.roles.of(r)}
            elif r == "agency_lead" and lead:
                out.add(lead.lower())
            elif r == "agency_subgroup_rep":  # none configured: the co-ordinator (bot.domain.routing.addresses)
                out |= {rep.lower()} if rep else {a.lower() for a in st.roles.coordinator}
            else:
                out.add(f"<{r}>")  # an action owner: someone named by the case, never a role's address
        return out

    contexts: list[tuple[str, str | None, str | None]] = [("", None, None)]
    contexts += [(f"agencies[{i}]", ag.lead, ag.subgroup_rep) for i, ag in enumerate(st.agencies)]
    for key, rule in st.clocks.items():
        if rule.informal or not rule.escalation:
            continue
        agency_wise = any(r in ("agency_lead", "agency_subgroup_rep") for r in
                          [*rule.responsible, *(x for step in rule.escalation for x in step)])
        for where, lead, rep in contexts[1:] if agency_wise else contexts[:1]:
            chased = addrs(rule.responsible, lead, rep)
            steps = [(i, [r for r in step if r not in rule.responsible]) for i, step in enumerate(rule.escalation)]
            # A step naming only roles already chased is a choice of the profile (learning actions: the owner is
            # chased, the co-ordinator too and told); the mistake is an escalation role whose holder is chased.
            reaches = any(addrs(new, lead, rep) - chased for _, new in steps if new)
            for i, new in steps:
                blind = not addrs(new, lead, rep) - chased
                for a in sorted(addrs(new, lead, rep) & chased):
                    if a.startswith("<"):
                        continue
                    esc = [w for w in held.get(a, []) if _role_of(w) in new]
                    resp = [w for w in held.get(a, []) if _role_of(w) in rule.responsible]
                    if where and lead and a == lead.lower():
                        resp.append(f"{where}.lead")
                    if where and rep and a == rep.lower():
                        esc.append(f"{where}.subgroup_rep")
                    if not esc or not resp:
                        continue
                    # Refused when no step of the ladder reaches anyone but the late; else loud: it reaches them too.
                    how = (", and never to anyone else" if not reaches else
                           " before anyone else hears" if blind else " (as well as to the step's other addresses)")
                    msg = (f"{esc[0]}: {a} is also {resp[0]}: clocks.{key} chases {' and '.join(rule.responsible)} "
                           f"and escalates (escalation[{i}]) to {' and '.join(new)}, so an overdue {key} would be "
                           f"escalated to the one who is late{how}: they must be different people")
                    (warnings if reaches else errors).setdefault(f"{esc[0]}|{resp[0]}", msg)
    for a, fields in held.items():
        arbiter = [w for w in fields if _role_of(w) == _ARBITER]
        screener = [w for w in fields if _role_of(w) in _SCREENERS]
        if arbiter and screener:
            errors.setdefault(f"{arbiter[0]}|{screener[0]}", (
                f"{arbiter[0]}: {a} is also {screener[0]}: {_NAMES[_role_of(screener[0])]} may record the screening "
                "decision and the Assistant Director decides a disagreement with it (DOMAIN.md), so one person would "
                "judge their own decision: they must be different people"))
    for a, fields in held.items():
        orgs = {_ORGS[_role_of(w)]: w for w in fields if _role_of(w) in _ORGS}
        if len(orgs) > 1:
            (x, wx), (y, wy) = sorted(orgs.items(), key=lambda kv: kv[1])[:2]
            errors.setdefault(f"{wy}|{wx}", (
                f"{wy}: {a} is also {wx}: {x} and {y} are different organisations, each alerted on every referral "
                "(DOMAIN.md), so with one address between them one is never told"))
    screeners = addrs(list(_SCREENERS))
    for event, sev in (("disagreement", errors), ("no_rapid_review", warnings)):
        told = addrs(getattr(st.routing, event))
        if told and told <= screeners:
            sev.setdefault(f"routing.{event}", (
                f"routing.{event}: every address told ({', '.join(sorted(told))}) may record the screening decision "
                "itself, so " + ("a disagreement with that decision would reach only those who made it" if
                                 event == "disagreement" else "a no-rapid-review decision would be told only to "
                                 "those who made it") + f" (default: {_ARBITER})"))
    return list(errors.values()), list(warnings.values())


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
    out += role_overlaps(st)[0] + _calendar_errors(st)
    listed_by: dict[str, str] = {}
    for i, ag in enumerate(st.agencies):
        own = [(f"agencies[{i}].{f}", getattr(ag, f)) for f in ("lead", "subgroup_rep") if getattr(ag, f)]
        own += [(f"agencies[{i}].addresses[{j}]", a) for j, a in enumerate(ag.addresses)]
        for where, a in own:
            first = listed_by.get(a.lower())
            if first is not None and not first.startswith(f"agencies[{i}]."):
                # An address identifies one agency (Settings.agency_for_address): the other's returns from it
                # would be held or refused, never credited.
                out.append(f"{where}: {a} is also {first}: an address identifies one agency, so returns it sends "
                           "for the other would not be credited (each agency needs its own addresses)")
            listed_by.setdefault(a.lower(), where)
    for key, rule in st.clocks.items():
        if rule.length == 0 and rule.anchor != "action_set":  # a learning action's own date is its due date
            out.append(f"clocks.{key}.length: 0 makes the clock due the day it starts")
    return out


_OFFICE = (time(7, 0), time(20, 0))
_OFF_HOURS = {
    "calendar.cutoff": "mail after it counts from the next working day, so every clock would start a day late "
                       "for mail read in the day (default 17:00:00)",
    "calendar.reminder_time": "chasers and escalations would reach people out of hours (default 09:00:00)",
    "calendar.working_hours_end": "reminders are held back after it (default 17:30:00)",
    "digest.time": "the co-ordinator's daily digest would go out of hours (default 08:00:00)",
}


def _routing_gaps(st: Settings) -> list[str]:
    """Events told to fewer roles than DOMAIN.md says (the defaults): a swapped or truncated [routing] line."""
    from bot.settings import RoutingSettings

    out: list[str] = []
    default = RoutingSettings().model_dump()
    for event, roles in st.routing.model_dump().items():
        # csprbot's own fallbacks, not DOMAIN.md events: one reachable role is enough
        if event in ("unreachable", "unreachable_wider"):
            continue
        missing = [r for r in default[event] if r not in roles]
        if missing and roles:
            out.append(f"routing.{event} leaves out {', '.join(missing)} (DOMAIN.md tells "
                       f"{', '.join(default[event])}): they are not told of this event")
    return out


def _ladder_gaps(st: Settings) -> list[str]:
    """A clock that DOMAIN.md chases or escalates, configured to chase or escalate to nobody."""
    from bot.settings import _default_clocks

    out: list[str] = []
    for key, rule in st.clocks.items():
        d = _default_clocks()[key]
        if rule.informal:
            continue
        if d.responsible and not rule.responsible:
            out.append(f"clocks.{key}.responsible is empty: nobody is chased before {key} is due "
                       f"(DOMAIN.md: {', '.join(d.responsible)})")
        if d.escalation and not any(rule.escalation):
            out.append(f"clocks.{key}.escalation is empty: an overdue {key} is escalated to nobody "
                       f"(DOMAIN.md: {', '.join(r for step in d.escalation for r in step)})")
    return out


def _near_domains(st: Settings) -> list[str]:
    """An address whose domain is one or two keystrokes from another domain of the profile: a typo (examp1e, exmaple)
    that the allowlist lets through when both are under *.gov.uk, and mail would go to no one (or someone else)."""
    from bot.settings import ROLES

    places = [("partnership.bot_address", st.partnership.bot_address)]
    places += [(f"roles.{r}[{i}]", a) for r in ROLES for i, a in enumerate(st.roles.of(r))]
    for i, ag in enumerate(st.agencies):
        places += [(f"agencies[{i}].{f}", getattr(ag, f)) for f in ("lead", "subgroup_rep") if getattr(ag, f)]
        places += [(f"agencies[{i}].addresses[{j}]", a) for j, a in enumerate(ag.addresses)]
    count: dict[str, int] = {}
    for _, a in places:
        count[a.rsplit("@", 1)[-1].lower()] = count.get(a.rsplit("@", 1)[-1].lower(), 0) + 1
    for ag in st.agencies:
        for d in ag.domains:
            count[d] = count.get(d, 0) + 1
    out: list[str] = []
    for where, a in places:
        dom = a.rsplit("@", 1)[-1].lower()
        if count[dom] > 1:
            continue  # used elsewhere too: a domain of the profile, not a one-off slip
        for other in sorted(count, key=lambda o: (-count[o], o)):
            if other != dom and count[other] > 1 and _keystrokes(dom, other) <= 2 and len(other) >= 8:
                out.append(f"{where}: {a}'s domain {dom} is not the profile's {other} by a letter or two: a typo? "
                           "(mail there would reach someone else or no one)")
                break
    return out


def _keystrokes(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from a to b, counted up to 3."""
    if abs(len(a) - len(b)) > 2:
        return 3
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return min(prev[-1], 3)


def _calendar_errors(st: Settings) -> list[str]:
    """Another nation's bank holidays or another country's clock: rapid reviews, the National Panel and Working
    Together 2023 are England's, so every working-day clock, cut-off and chaser would fall on other days or hours
    (stranger round 11: `region = "SCT"` passed check-config unnamed)."""
    from bot.settings import keeps_london_time
    from bot.workdays import unlike_england

    out: list[str] = []
    cal = st.calendar
    every = unlike_england(cal.region)
    differ = [x for x in every if x[0].year == date.today().year] or list(every)
    if differ:
        own = ", ".join(f"{d:%d %b} {name}" for d, name, mine in differ if mine)
        eng = ", ".join(f"{d:%d %b} {name}" for d, name, mine in differ if not mine)
        shown = ", and ".join(x for x in (own and f"its own: {own}", eng and f"England's only: {eng}") if x)
        out.append(f"calendar.region: {cal.region!r} has other bank holidays than England's ({differ[0][0].year}: "
                   f"{shown}), so every working-day clock would fall on other days: a safeguarding children "
                   "partnership is in England (Working Together 2023, the National Panel): write region = \"ENG\"")
    if not keeps_london_time(cal.timezone):
        out.append(f"calendar.timezone: {cal.timezone!r} does not keep England's time (GMT in winter, BST in summer), "
                   "so the cut-off, chasers and digest would be hours off, or an hour off half the year: a "
                   "safeguarding children partnership is in England: write timezone = \"Europe/London\"")
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
    from bot.domain.routing import addresses

    triage = {a.lower() for a in addresses(st, st.routing.triage)}
    if st.routing.unreachable and {a.lower() for a in addresses(st, st.routing.unreachable)} <= triage:
        out.append("routing.unreachable: every address is also routing.triage's, so when that mailbox refuses mail "
                   "nobody reachable is told (default: assistant_director)")
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
    out += role_overlaps(st)[1]
    out += _routing_gaps(st) + _ladder_gaps(st) + _near_domains(st)
    cal = st.calendar
    if cal.region != "ENG":  # accepted only when its bank holidays are England's (CalendarSettings._england)
        out.append(f"calendar.region: {cal.region!r} counts England's bank holidays today, but a safeguarding "
                   "children partnership is in England: write \"ENG\" so another nation's future bank holiday "
                   "cannot move the clocks")
    from bot.settings import LONDON_ALIASES

    if cal.timezone not in LONDON_ALIASES:  # accepted only when it keeps London's time (CalendarSettings._zone)
        out.append(f"calendar.timezone: {cal.timezone!r} keeps London's time today, but a safeguarding children "
                   "partnership is in England: write \"Europe/London\" so a change of that zone's rules cannot "
                   "move the clocks")
    for where, t in (("calendar.cutoff", cal.cutoff), ("calendar.reminder_time", cal.reminder_time),
                     ("calendar.working_hours_end", cal.working_hours_end), ("digest.time", st.digest.time)):
        if not _OFFICE[0] <= t <= _OFFICE[1]:
            out.append(f"{where}: {t} is outside an office day ({_OFFICE[0]:%H:%M}-{_OFFICE[1]:%H:%M}): "
                       + _OFF_HOURS[where])
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
