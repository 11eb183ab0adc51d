"""Generated configuration mistakes and the oracle check-config must meet for each (issue #10, rule "a bad config
names the field that is wrong").

Every mistake is a mutation of a real profile (config/example.toml, parsed, changed, written back as TOML): a value
of the wrong type, an unknown key, two values swapped, an address moved to another role or domain, a time zone,
region or time of day a partnership in England would not mean. Its outcome is judged without a list of expected
answers: `check-config` must refuse it naming the mutated field, or warn naming it, or load a profile equal to the
unmutated one (a harmless spelling such as "5" for 5). Anything else passed unnamed.
"""

from __future__ import annotations

import copy
import json
import random
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

from bot.settings import ROLES, ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "config/example.toml").read_text()


# --- a small TOML writer: the values a profile holds ---------------------------------------------------------

def _key(k: str) -> str:
    return k if k.replace("_", "").replace("-", "").isalnum() and k.isascii() else json.dumps(k)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, date | time):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(type(v))


def _is_tables(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def dumps(data: dict[str, Any]) -> str:
    out: list[str] = []

    def table(d: dict[str, Any], path: list[str]) -> None:
        for k, v in d.items():
            if not isinstance(v, dict) and not _is_tables(v):
                out.append(f"{_key(k)} = {_value(v)}")
        for k, v in d.items():
            if isinstance(v, dict):
                out.append(f"\n[{'.'.join(_key(p) for p in [*path, k])}]")
                table(v, [*path, k])
            elif _is_tables(v):
                for item in v:
                    out.append(f"\n[[{'.'.join(_key(p) for p in [*path, k])}]]")
                    table(item, [*path, k])

    table(data, [])
    return "\n".join(out) + "\n"


# --- mistakes --------------------------------------------------------------------------------------------------

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Mistake:
    kind: str
    fields: tuple[str, ...]  # field paths as check-config writes them (roles.coordinator[0]); any one named is enough
    data: dict[str, Any]

    def __str__(self) -> str:
        return f"{self.kind} {'/'.join(self.fields)}"


def field(path: Path_) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else ("." if out else "") + p
    return out


def leaves(d: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    if isinstance(d, dict):
        for k, v in d.items():
            yield from leaves(v, (*path, k))
    elif _is_tables(d):
        for i, v in enumerate(d):
            yield from leaves(v, (*path, i))
    else:
        yield path, d


def tables(d: Any, path: Path_ = ()) -> Iterator[tuple[Path_, dict[str, Any]]]:
    if isinstance(d, dict):
        yield path, d
        for k, v in d.items():
            yield from tables(v, (*path, k))
    elif _is_tables(d):
        for i, v in enumerate(d):
            yield from tables(v, (*path, i))


def _set(data: dict[str, Any], path: Path_, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    node: Any = out
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value
    return out


def _get(data: Any, path: Path_) -> Any:
    for p in path:
        data = data[p]
    return data


def _wrong_types(v: Any) -> list[Any]:
    """Values of other TOML types than `v`'s, and for strings a few that only look like its kind."""
    pool: list[Any] = ["seventeen", 17, -3, 2.5, True, [], ["x"], {"x": 1}, date(2026, 1, 5), time(17, 0)]
    same = {bool: bool, int: int, float: float, str: str, list: list, dict: dict, date: date, time: time}[type(v)]
    # 2.5 for a whole number is not offered: some profile integers are float fields (poll_seconds = 2).
    out = [x for x in pool if type(x) is not same and not (same in (int, float) and type(x) in (int, float))]
    if isinstance(v, list) and v and isinstance(v[0], str):
        out += [v[0], [*v, 3], [[x] for x in v]]  # a bare string for a list, a number in it, a list of lists
    if isinstance(v, list) and v and isinstance(v[0], list):
        out += [v[0], [x for step in v for x in step]]  # a flat ladder for a ladder of steps
    return out


def _typos(k: str, rng: random.Random) -> list[str]:
    out = {k.replace("_", "-"), k.upper(), k + "s", k[:-1], k.replace("_", "")}
    if len(k) > 3:
        i = rng.randrange(1, len(k) - 1)
        out.add(k[:i] + k[i + 1] + k[i] + k[i + 2:])
    return sorted(x for x in out if x != k and x)


def _addresses(data: dict[str, Any]) -> list[tuple[Path_, str]]:
    return [(p, v) for p, v in leaves(data) if isinstance(v, str) and "@" in v and str(p[0]) != "mail"] + [
        ((*p, i), a) for p, v in leaves(data) if isinstance(v, list) for i, a in enumerate(v)
        if isinstance(a, str) and "@" in a]


ZONES = ["UTC", "Etc/UTC", "GMT", "Etc/GMT", "Etc/GMT-1", "Europe/Dublin", "Europe/Paris", "Europe/Lisbon",
         "Atlantic/Reykjavik", "America/New_York", "Asia/Kolkata", "WET", "CET"]
LONDON_LINKS = ["Europe/London", "GB", "Europe/Belfast", "Europe/Jersey", "Europe/Guernsey", "Europe/Isle_of_Man"]


def mistakes(base: dict[str, Any], rng: random.Random) -> Iterator[Mistake]:
    roles = base["roles"]
    # 1. wrong types in every leaf
    for path, v in list(leaves(base)):
        for w in _wrong_types(v):
            yield Mistake("type", (field(path),), _set(base, path, w))
    # 2. unknown keys: typos of each table's keys, and a key from another table
    for path, t in list(tables(base)):
        for k in list(t):
            for typo in _typos(k, rng):
                if typo in t:
                    continue
                d = copy.deepcopy(base)
                node = _get(d, path)
                node[typo] = node.pop(k)
                yield Mistake("unknown key", (field((*path, typo)),), d)
    # 3. swapped siblings of one type (roles aside: people swapped between roles are a valid profile)
    for path, t in list(tables(base)):
        if path == ("roles",):
            continue
        keys = [k for k, v in t.items() if not isinstance(v, dict) and not _is_tables(v)]
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if type(t[a]) is type(t[b]) and t[a] != t[b]:
                    d = _set(_set(base, (*path, a), t[b]), (*path, b), t[a])
                    yield Mistake("swap", (field((*path, a)), field((*path, b))), d)
    # 4. one address in two roles (every ordered pair), and the same address as two agencies' leads or reps
    for a in ROLES:
        for b in ROLES:
            if a != b and roles.get(a) and roles.get(b):
                yield Mistake("two roles", (f"roles.{a}[0]", f"roles.{b}[0]"),
                              _set(base, ("roles", b), [roles[a][0]]))
    ags = base.get("agencies", [])
    for i, ag in enumerate(ags):
        for j, other in enumerate(ags):
            if i != j:
                for f in ("lead", "subgroup_rep"):
                    if other.get(f):
                        yield Mistake("agency address", (f"agencies[{j}].{f}", f"agencies[{i}].lead"),
                                      _set(base, ("agencies", j, f), ag["lead"]))
        if ag.get("subgroup_rep"):
            yield Mistake("agency address", (f"agencies[{i}].subgroup_rep", f"agencies[{i}].lead"),
                          _set(base, ("agencies", i, "subgroup_rep"), ag["lead"]))
    # 5. an address moved to another domain, or made no address
    for path, a in _addresses(base):
        local, _, dom = a.rpartition("@")
        for other in ("gmail.com", "nsscp.example.org.uk", dom.replace(".gov.uk", ".gsi.gov.uk"),
                      dom.replace("example", "examp1e"), dom + ".", ""):
            if other != dom:
                yield Mistake("domain", (field(path),), _set(base, path, f"{local}@{other}" if other else local))
    # 6. calendar: time zones, regions, times of day
    for z in ZONES + LONDON_LINKS:
        yield Mistake("time zone", ("calendar.timezone",), _set(base, ("calendar", "timezone"), z))
    for r in ("SCT", "NIR", "WLS", "Scotland", "scotland", "Northern Ireland", "GB", "UK", "England", "eng", "E"):
        yield Mistake("region", ("calendar.region",), _set(base, ("calendar", "region"), r))
    for k in ("cutoff", "reminder_time", "working_hours_end"):
        for t in (time(0, 0), time(5, 0), time(12, 0), time(21, 0), time(23, 59, 59)):
            yield Mistake("time of day", (f"calendar.{k}",), _set(base, ("calendar", k), t))
    yield Mistake("time of day", ("digest.time",), _set(base, ("digest", "time"), time(23, 30)))
    # 7. empty lists and tables
    for path, v in list(leaves(base)):
        if isinstance(v, list) and v:
            yield Mistake("empty", (field(path),), _set(base, path, []))
    for path, t in list(tables(base)):
        if path and t:
            yield Mistake("empty table", (field(path),), _set(base, path, {}))
    # 8. duplicate agencies (a copy of one, the copy renamed, the copy given a new domain only)
    for ag in ags:
        n = len(ags)
        yield Mistake("duplicate agency", (f"agencies[{n}]",), {**base, "agencies": [*ags, copy.deepcopy(ag)]})
        renamed = {**copy.deepcopy(ag), "name": ag["name"] + " (2)"}
        yield Mistake("duplicate agency", (f"agencies[{n}]",), {**base, "agencies": [*ags, renamed]})


# --- which changes are a different valid profile -------------------------------------------------------------

LA, POLICE, ICB = ("service_leader", "assistant_director", "director"), ("police_review",), ("icb_safeguarding",)
# One address in both roles of a pair is a mistake (DOMAIN.md "Who is who" and the clocks' ladders): the AD is
# escalated to when the co-ordinator, sub-group chair or service leader is late and decides disagreements with the
# screening decision; the Director is escalated to when the AD is late; the LA, the police and the ICB are each
# alerted of every referral. Every other pair may be one person in a small partnership (the co-ordinator who also
# chairs the sub-group, a Director on the executive, a police or ICB officer chairing the sub-group).
MUST_DIFFER = frozenset({frozenset({"assistant_director", r}) for r in
                         ("coordinator", "service_leader", "subgroup_chair", "director")}
                        | {frozenset({a, b}) for a in LA + ICB for b in POLICE}
                        | {frozenset({a, b}) for a in LA for b in ICB})


def legitimate(m: Mistake) -> str | None:
    """Why a generated change is a valid profile check-config cannot tell from the one meant (None: a mistake)."""
    if m.kind == "two roles":
        a, b = (f.split(".")[1].split("[")[0] for f in m.fields)
        return None if frozenset({a, b}) in MUST_DIFFER else f"{a} and {b} may be one person"
    if m.kind == "swap":
        names = {f.rsplit(".", 1)[-1] for f in m.fields}
        if names == {"lead", "subgroup_rep"}:
            return "who leads and who sits on the sub-group is the agency's choice"
        if names == {"escalation_mails", "dispute_window"}:
            return "both numbers are plausible for either setting"
        if names == {"unreachable", "unreachable_wider"}:
            return "who hears first when mail cannot reach the co-ordinator is the partnership's choice"
        if names == {"inbox", "sender"}:
            return "two Maildir folders: which is the inbox is the operator's choice"
    if m.kind == "time of day":
        t = _get(m.data, tuple(m.fields[0].split(".")))
        if time(7, 0) <= t <= time(20, 0) and not (m.fields[0] == "calendar.reminder_time" and t > time(17, 0)):
            return "a time inside an office day"
    if m.kind == "empty" and m.fields[0].endswith(".chasers"):
        return "a clock may have no chasers (the referral clock has none): its escalation still comes"
    if m.kind == "empty table" and m.fields[0] in ("calendar", "mail", "process", "digest", "store", "routing"):
        return "an empty table keeps DOMAIN.md's defaults"
    return None


# --- the oracle ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    verdict: str  # "refused", "warned", "harmless", "unnamed" or "crashed"
    said: tuple[str, ...]


def _names(line: str, fields: tuple[str, ...]) -> bool:
    """Whether a check-config line names one of `fields`: anywhere in it ("roles.director[0]: ... is also
    roles.assistant_director[0]", "... (roles.executive is empty)"), or the item holding it when that is one entry
    of a list ("calendar.closure_days[0]: the closure ends before it starts" names its start and end)."""
    for f in fields:
        if re.search(rf"(?<![\w.\[]){re.escape(f)}(?!\w)", line):
            return True
        head = line.split(":", 1)[0]
        if head.endswith("]") and f.startswith(head + "."):
            return True
    return False


def judge(m: Mistake, baseline: Settings, tmp: Path) -> Outcome:
    p = tmp / "mutated.toml"
    p.write_text(dumps(m.data))
    try:
        s = load_settings(str(p), env={})
    except ConfigError as exc:
        ok = any(_names(line, m.fields) for line in exc.problems)
        return Outcome("refused" if ok else "unnamed", tuple(exc.problems))
    try:
        said = tuple(s.warnings())
    except Exception as exc:  # a profile that loads must not crash check-config's warnings
        return Outcome("crashed", (repr(exc),))
    if any(_names(w, m.fields) for w in said):
        return Outcome("warned", said)
    if s == baseline and not (set(said) - set(baseline.warnings())):
        return Outcome("harmless", said)
    return Outcome("unnamed", said)


def base_data() -> dict[str, Any]:
    return tomllib.loads(EXAMPLE)
