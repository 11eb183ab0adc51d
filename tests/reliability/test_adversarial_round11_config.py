"""Stranger round 11, B1/B2/B4: config mistakes that silently weakened promises, and case mail off the allowlist.

B1: an agency's `domains` could list a consumer provider (gmail.com) or a public-suffix parent, so every address
there credited that agency's returns. check-config now refuses it (naming `agencies[N].domains[M]`), and at run
time such a domain is shared (bot.domain.authres.is_shared): the agency is known there by its listed addresses.
B2: return confirmations, referral acknowledgements and the referrer's outcome letter went to an agency's insecure
domain or listed address. Anything naming a case goes only to the secure allowlist (bot.apply.enqueue refuses
and records it; a confirmation becomes the neutral acknowledgement strangers get); agency `addresses` off the
allowlist are refused, agency `domains` off it loudly warned.
B4: check-config named none of 29 mistakes (bot/profile_checks.py). Inputs are generated shapes of each mistake.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from reliability_kit import REFERRER, ROLE, Child, agency_return, query, referral, reply, write_profile
from test_adversarial import NOW, OURS, REF, World, _signed, stamp

from bot.domain.authres import is_shared
from bot.domain.mailproviders import BRANDS, PROVIDERS, is_consumer
from bot.settings import ROLES, ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "config/example.toml").read_text()
EDU = 'domains = ["schools.example.gov.uk"]'
RNG = random.Random(11)


def _load(tmp: Path, text: str) -> Settings:
    p = tmp / f"p{RNG.randrange(10**9)}.toml"
    p.write_text(text)
    return load_settings(str(p), env={})


def _problems(tmp: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as exc:
        _load(tmp, text)
    return exc.value.problems


def _sub(old: str, new: str, text: str = EXAMPLE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _case(s: str) -> str:
    return "".join(ch.upper() if RNG.random() < 0.5 else ch for ch in s)


CONSUMER = sorted(PROVIDERS) + [f"{b}.{sfx}" for b in sorted(BRANDS) for sfx in ("co.uk", "fr", "com.au")]
PARENTS = ["gov.uk", "nhs.uk", "sch.uk", "police.uk", "co.uk", "org.uk", "com", "uk", "n-somerset.sch.uk"]


def test_consumer_and_parent_domains_in_an_agency_are_refused_naming_the_field(tmp_path: Path) -> None:
    for dom in RNG.sample(CONSUMER, 12) + PARENTS:
        shown = _case(dom)
        probs = _problems(tmp_path, _sub(EDU, f'domains = ["schools.example.gov.uk", "{shown}"]'))
        assert any(p.startswith("agencies[3].domains[1]:") for p in probs), (dom, probs)


def test_consumer_domains_are_shared_at_run_time_so_they_identify_no_agency() -> None:
    s = load_settings(None, env={})
    edu = s.agencies[3]
    for dom in RNG.sample(CONSUMER, 20):
        assert is_consumer(dom) and is_shared(dom), dom
        # A profile that got past check-config (an older csprbot validated it): gmail.com names no agency.
        bad = s.model_copy(update={"agencies": [*s.agencies[:3], edu.model_copy(update={"domains": [
            "schools.example.gov.uk", dom]})]})
        assert bad.agency_for_domain(dom) is None, dom
        assert [a.name for a in bad.shared_agencies(dom)] == ["Education"], dom
        assert bad.agency_for_domain("schools.example.gov.uk") is not None
    for own in ("csc.example.gov.uk", "avon.example.pnn.police.uk", "schools.example.gov.uk", "outlook.gov.uk",
                "live.nhs.uk", "gmailing.example.org.uk"):
        assert not is_consumer(own), own


def test_a_return_from_a_consumer_address_is_held_not_credited(tmp_path: Path) -> None:
    w = _world(tmp_path, lambda t: t, patch_gmail=True)
    try:
        out = w.feed(agency_return(REF, "Education", "random.person@gmail.com", NOW, "<g@gmail.com>",
                                   auth=stamp("gmail.com")))
        assert out[0].status == "quarantined", out
        assert query(w.db, "SELECT received_on FROM agency_requests WHERE agency = 'Education'") == [(None,)]
    finally:
        w.app.close()


def _secure_shapes() -> list[str]:
    return ["*", "*.*", "*.", "*.com", "*.uk", "*.co.uk", "*.org", "?*.gov.uk", "[a-z]*", "gov.uk", "co.uk",
            *RNG.sample(CONSUMER, 5)]


def test_secure_domains_that_switch_the_allowlist_off_are_refused(tmp_path: Path) -> None:
    for shape in _secure_shapes():
        probs = _problems(tmp_path, _sub('secure_domains = ["*.gov.uk"', f'secure_domains = ["{shape}", "*.gov.uk"'))
        assert any(p.startswith("secure_domains[0]:") for p in probs), (shape, probs)


def test_authserv_id_blank_or_not_one_token_and_string_bool_are_refused(tmp_path: Path) -> None:
    shapes = ["", " ", "\t", "   "]
    for _ in range(6):
        base = "mx.nsscp.example.gov.uk"
        at = RNG.randrange(len(base) + 1)
        shapes.append(base[:at] + RNG.choice([";", " ", "(", '\\"']) + base[at:])
    for v in shapes:
        probs = _problems(tmp_path, _sub("[mail]\n", f'[mail]\ntrusted_authserv_id = "{v}"\n'))
        assert any(p.startswith("mail.trusted_authserv_id:") for p in probs), (v, probs)
    for v in ('"true"', '"false"', '"yes"', "1", "0"):
        probs = _problems(tmp_path, _sub("[mail]\n", f"[mail]\nrequire_authentication = {v}\n"))
        assert any(p.startswith("mail.require_authentication:") for p in probs), (v, probs)


def test_role_and_agency_addresses_that_route_elsewhere_or_are_the_bot_are_refused(tmp_path: Path) -> None:
    roles_line = {r: ln for ln in EXAMPLE.splitlines() for r in ROLES if ln.startswith(f"{r} = [")}
    for role, line in roles_line.items():
        for bad in ("x%gmail.com@nsscp.example.gov.uk", "gmail.com!x@nsscp.example.gov.uk",
                    _case("csprbot@nsscp.example.gov.uk")):
            probs = _problems(tmp_path, _sub(line, f'{role} = ["{bad}"]'))
            assert any(p.startswith(f"roles.{role}[0]:") for p in probs), (role, bad, probs)
    for addr in ("named.nurse@gmail.com", "office@academytrust.org.uk", "x%gmail.com@nhs.net"):
        probs = _problems(tmp_path, _sub('# addresses = ["named.safeguarding.nurse@nhs.net"]',
                                         f'addresses = ["{addr}"]'))
        assert any(p.startswith("agencies[2].addresses[0]:") for p in probs), (addr, probs)


def test_duplicate_agency_names_and_domains_are_refused(tmp_path: Path) -> None:
    for _ in range(5):
        name = _case("children's social care").replace(" ", RNG.choice([" ", "  "]))
        probs = _problems(tmp_path, _sub('name = "Education"', f'name = "{name}"'))
        assert any(p.startswith("agencies[3].name:") for p in probs), (name, probs)
    probs = _problems(tmp_path, _sub(EDU, 'domains = ["csc.example.gov.uk"]'))
    assert any(p.startswith("agencies[3].domains[0]:") for p in probs), probs


def test_zero_clock_lengths_are_refused(tmp_path: Path) -> None:
    for key in ("screening", "agency_return", "notification", "disagreement", "rr_start"):
        probs = _problems(tmp_path, EXAMPLE + f"\n[clocks.{key}]\nlength = 0\n" if key not in (
            "screening", "agency_return") else _sub(f"[clocks.{key}]\n", f"[clocks.{key}]\nlength = 0\n",
                                                    _drop_length(key)))
        assert any(p.startswith(f"clocks.{key}.length:") for p in probs), (key, probs)


def _drop_length(key: str) -> str:
    head, rest = EXAMPLE.split(f"[clocks.{key}]\n", 1)
    body, tail = rest.split("\n[", 1)
    body = "\n".join(ln for ln in body.splitlines() if not ln.startswith("length"))
    return head + f"[clocks.{key}]\n" + body + "\n[" + tail


WARNED = {
    "digest.recipients": _sub('recipients = ["coordinator"]', "recipients = []"),
    "routing.disagreement": _sub('disagreement = ["assistant_director"]', "disagreement = []"),
    "routing.triage": _sub('triage = ["coordinator"]', "triage = []"),
    "clocks.screening.chasers": _sub("chasers = [-2, -1, 0]", "chasers = [-2, -1, 3]"),
    "calendar.reminder_time": _sub("reminder_time = 09:00:00", "reminder_time = 23:30:00"),
    "mail.work_budget_seconds": _sub("[mail]\n", "[mail]\nwork_budget_seconds = 0\n"),
    "agencies[3].domains[1]": _sub(EDU, 'domains = ["schools.example.gov.uk", "academytrust.org.uk"]'),
}


@pytest.mark.parametrize("field", sorted(WARNED))
def test_quiet_weakenings_are_warned_naming_the_field(tmp_path: Path, field: str) -> None:
    s = _load(tmp_path, WARNED[field])
    assert any(w.startswith(field) for w in s.warnings()), (field, s.warnings())


def test_good_profiles_still_load_without_new_warnings(tmp_path: Path) -> None:
    s = _load(tmp_path, EXAMPLE)
    assert s.warnings() == []
    good = [
        _sub('# addresses = ["named.safeguarding.nurse@nhs.net"]', 'addresses = ["named.safeguarding.nurse@nhs.net"]'),
        _sub('secure_domains = ["*.gov.uk"', 'secure_domains = ["csc.example.org.uk", "nhs.net", "*.gov.uk"'),
        _sub('director = ["director.people@nsscp.example.gov.uk"]',
             'director = ["Director.People@NSSCP.example.gov.uk"]'),
        _sub("[mail]\n", '[mail]\ntrusted_authserv_id = "mx.nsscp.example.gov.uk"\nrequire_authentication = true\n'),
        write_profile(tmp_path / "kit.toml", {"inbox": '"maildir:/tmp/x"'}).read_text(),
    ]
    for text in good:
        assert _load(tmp_path, text).warnings() == []
    assert _load(tmp_path, EXAMPLE).clocks["learning_action"].length == 0  # its own date is its due date


# --- B2 at run time: nothing naming a case to an insecure address --------------------------------------------

def _world(tmp: Path, edit: object, patch_gmail: bool = False) -> World:
    from bot.app import App
    from bot.clock import FixedClock

    profile = write_profile(tmp / "profile.toml", {
        "inbox": f'"maildir:{tmp}/inbox"', "sender": f'"maildir:{tmp}/outbox"',
        "trusted_authserv_id": '"mx.nsscp.example.gov.uk"', "require_authentication": "true"})
    assert callable(edit)
    profile.write_text(edit(profile.read_text()))
    s = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    if patch_gmail:  # as an older csprbot let through: an agency listing gmail.com
        edu = s.agencies[3].model_copy(update={"domains": ["schools.example.gov.uk", "gmail.com"]})
        s = s.model_copy(update={"agencies": [*s.agencies[:3], edu]})
    w = World(App(s, FixedClock(NOW), env={}), tmp / "csprbot.db", tmp / "inbox")
    out = w.feed(_signed(referral("<genuine.ref@csc.example.gov.uk>", NOW - timedelta(hours=2),
                                  NOW.date() - timedelta(days=1)), "csc.example.gov.uk"))
    assert out[0].ref == REF, out
    out = w.feed(reply(ROLE["subgroup_chair"], REF, "DECISION: RAPID REVIEW\nAGENCIES: Education, Avon and "
                       "Somerset Police, ICB Health", NOW - timedelta(hours=1),
                       "<genuine.decision@nsscp.example.gov.uk>", auth=stamp(OURS)))
    assert out[0].detail.startswith("accepted"), out
    return w


def _mail_to(w: World, domain: str, after: int) -> list[tuple[str, str, bytes]]:
    rows = query(w.db, "SELECT recipient, subject, raw FROM outbox WHERE id > ?", (after,))
    return [(r, sub, raw) for r, sub, raw in rows if r.lower().endswith("@" + domain)]


def _insecure_domains() -> list[str]:
    words = ["academy", "trust", "family", "charity", "care", "kids", "school"]
    return [f"{RNG.choice(words)}{RNG.choice(words)}{RNG.randrange(99)}.{sfx}" for sfx in ("org.uk", "org", "co.uk")]


@pytest.mark.parametrize("dom", _insecure_domains())
def test_case_mail_never_goes_to_an_agencys_insecure_domain(tmp_path: Path, dom: str) -> None:
    w = _world(tmp_path, lambda t: t.replace(EDU, f'domains = ["schools.example.gov.uk", "{dom}"]', 1))
    try:
        # A return from the insecure domain: credited (the operator listed it), confirmed only neutrally.
        ob = w.last("outbox")
        out = w.feed(agency_return(REF, "Education", f"office.admin@{dom}", NOW, f"<r@{dom}>", auth=stamp(dom)))
        assert out[0].status == "processed", out
        got = _mail_to(w, dom, ob)
        assert got and all(REF.encode() not in raw and REF not in sub for _, sub, raw in got), got
        assert query(w.db, "SELECT count(*) FROM events WHERE kind = 'send_refused'")[0][0] >= 1
        # Benign: the agency's secure lead still gets the case confirmation naming the case.
        ob = w.last("outbox")
        out = w.feed(agency_return(REF, "Education", "education.dsl@schools.example.gov.uk", NOW,
                                   "<r2@schools.example.gov.uk>", auth=stamp("schools.example.gov.uk")))
        assert any(REF in sub for _, sub, _ in _mail_to(w, "schools.example.gov.uk", ob))
        # A referral from the insecure domain: the neutral ack, and the no-review letter withheld and listed.
        ob = w.last("outbox")
        other = Child(name="Robin Madeup", dob=date(2018, 5, 2), address="9 Elsewhere Road, Otherton, ZZ9 9ZZ",
                      carer="Pat Madeup (father)", family=(
                          ("Pat Madeup", "Father", date(1988, 1, 5), "9 Elsewhere Road, Otherton"),
                          ("Lee Notreal", "Stepmother", date(1991, 2, 6), "9 Elsewhere Road, Otherton")))
        raw = referral(f"<ref2@{dom}>", NOW, NOW.date() - timedelta(days=3), child=other).replace(
            REFERRER.encode(), f"dsl.office@{dom}".encode())
        out = w.feed(_signed(raw, dom))
        ref2 = out[0].ref
        assert ref2 and ref2 != REF, out
        w.feed(reply(ROLE["subgroup_chair"], ref2, "DECISION: NO RAPID REVIEW criteria not met, single-agency learning",
                     NOW + timedelta(minutes=5),
                     "<no-rr@nsscp.example.gov.uk>", auth=stamp(OURS)))
        got = _mail_to(w, dom, ob)
        assert got and all(ref2.encode() not in raw and ref2 not in sub for _, sub, raw in got), got
        assert query(w.db, "SELECT count(*) FROM events WHERE kind = 'letter_withheld'")[0][0] >= 1
    finally:
        w.app.close()
