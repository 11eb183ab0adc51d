"""Stranger round 9, break 5: learning-action owners that identify the child were accepted and printed in every
digest: the name in the address's domain (`team@fictional.gov.uk`), the date of birth in any digit form
(`af20190314@`, `af140319@`, `14032019@`, `a.f.2019@`), the postcode (`zz11zz@`) or the street (`1nowherelane@`),
the child of ANOTHER open case (`robin.testcase@`: the check read only this case's form), leetspeak
(`4l3x.f1ct10n4l@`, `al3x@`) and the reversed name. Now one rule (`routing.owner_identifies`) refuses them by mail
and by `csprbot act`, and every view (digest, `case`, the web page) hides one recorded before the rule, reading
the open cases' stored keys (never their forms).

Stranger round 9's observation: `CORRECT referrer.email:` took `leak%gmail.com@csc...` (percent hack),
`gmail.com!leak@csc...` (bang path) and `"leak@gmail.com"@csc...` (quoted local part), and letters went there. Now
any address taken from people (CORRECT referrer.email, an ACTION owner) is refused in these forms.

Every input goes in black-box: by mail through the intake, or through `csprbot act`, `case`, the digest.
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_kit import Child, referral
from test_adversarial import NOW, REF, World
from test_adversarial_owners import inject, views
from test_adversarial_round5 import _signed, _world
from test_adversarial_round7_actions import DUE, FEW, _send, actions, cli, digest

CHILD = Child()  # case 001: Alex Fictional, 14 Mar 2019, 1 Nowhere Lane ZZ1 1ZZ; Jo Fictional, Chris Madeup
OTHER = Child(name="Robin Testcase", dob=date(2017, 5, 9), address="7 Elsewhere Road, Othertown, YY9 9YY",
              carer="Kim Testcase (mother)",
              family=(("Kim Testcase", "Mother", date(1991, 1, 23), "7 Elsewhere Road, Othertown"),
                      ("Lee Testcase", "Father", date(1989, 6, 5), "7 Elsewhere Road, Othertown")))
OTHER_REF = "NS-CSPR-2026-002"
SECURE = ["nhs.net", "csc.example.gov.uk", "schools.example.gov.uk", "avon.example.pnn.police.uk"]
LEET = {"a": "4", "e": "3", "i": "1", "l": "1", "o": "0", "s": "5", "t": "7"}


def _names(child: Child) -> list[tuple[str, str]]:
    return [tuple(n.lower().split(" ", 1)) for n in (child.name, *(m[0] for m in child.family))]  # type: ignore[misc]


def _dob_forms(d: date) -> list[str]:
    y, yy, m, dd = f"{d.year}", f"{d.year % 100:02d}", f"{d.month:02d}", f"{d.day:02d}"
    return [y + m + dd, dd + m + y, dd + m + yy, yy + m + dd, m + dd + y, f"{dd}.{m}.{y}", f"{y}-{m}-{dd}"]


def _identifying() -> list[str]:
    """Owner addresses that identify case 001's child or family, or case 002's child (generated, not picked)."""
    out: list[str] = []
    first, last = _names(CHILD)[0]
    # The name in the domain, below the secure suffix (the local part names no one).
    for f, s in [*_names(CHILD), *_names(OTHER)[:1]]:
        out += [f"team@{s}.gov.uk", f"safeguarding@{f}{s}.gov.uk", f"duty@{s}.example.gov.uk",
                f"office@{f}-{s}.gov.uk"]
    # The date of birth in digit forms, alone or with initials, and the year beside the initials.
    for name, d in [((first, last), CHILD.dob), *((tuple(m[0].lower().split()), m[2]) for m in CHILD.family)]:
        ini = name[0][0] + name[1][0]
        out += [f"{pre}{form}@nhs.net" for form in _dob_forms(d) for pre in ("", ini, "x.")]
        out += [f"{ini[0]}.{ini[1]}.{d.year}@nhs.net", f"{ini}{d.year}@csc.example.gov.uk"]
    out += [f"{pre}{form}@nhs.net" for form in _dob_forms(OTHER.dob)[:4] for pre in ("", "rt")]
    # This case's postcode and street (another case's are in no stored key: a documented gap).
    out += ["zz11zz@nhs.net", "zz1.1zz@nhs.net", "ZZ11ZZ@csc.example.gov.uk", "pc.zz11zz@nhs.net",
            "1nowherelane@nhs.net", "nowhere.lane@nhs.net", "no.where@nhs.net", "n0wh3r3@nhs.net"]
    # Another open case's child and family (its name key: forename and surname).
    for f, s in _names(OTHER):
        out += [f"{f}.{s}@nhs.net", f"{s}@nhs.net", f"{s}.family@schools.example.gov.uk", f"{s}{f}@nhs.net"]
    # Leetspeak, reversal and the vowels dropped, of every name of case 001.
    for f, s in _names(CHILD):
        for word in (f, s, f + "." + s):
            if len(word.replace(".", "")) < 3:
                continue
            leet = "".join(LEET.get(ch, ch) for ch in word)
            half = "".join(LEET.get(ch, ch) if k % 2 else ch for k, ch in enumerate(word))
            out += [f"{leet}@nhs.net", f"{half}@csc.example.gov.uk", f"{word[::-1]}@nhs.net"]
            if "." not in word and len(bare := "".join(ch for ch in word if ch not in "aeiouy")) >= 5:  # 5+ consonants
                out.append(f"x.{bare}@nhs.net")
    return list(dict.fromkeys(o for o in out if "@" in o))


IDENTIFYING = _identifying()
# CI cost: each example is one command through the intake or `act` (~0.3 s) plus a digest; every shape is also
# put through the rule itself below (test_every_generated_shape_...), in process.
SOME = settings(FEW, max_examples=16)
FEWER = settings(FEW, max_examples=10)
# Professional addresses that share nothing with either case: must still be taken (over-refusal guard). Digits,
# years, initials and other towns included.
BENIGN = ["named.nurse@nhs.net", "safeguarding.team@csc.example.gov.uk", "duty2019@nhs.net", "sw1@nhs.net",
          "pat.owner@schools.example.gov.uk", "dc.smith@avon.example.pnn.police.uk", "mash.duty@csc.example.gov.uk",
          "team@northsomerset.gov.uk", "dsl@schools.example.gov.uk", "jo.reed@nhs.net", "a.b@somewhere.gov.uk",
          "lead.2026@nhs.net", "bristol.duty@nhs.net", "hv.team7@nhs.net", "r.ahmed@csc.example.gov.uk"]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """Case 001 (Alex Fictional) in rapid review and case 002 (Robin Testcase) open, default profile."""
    w = _world(tmp_path_factory.mktemp("owners11"), False)
    out = w.feed(_signed(referral("<other.ref@csc.example.gov.uk>", NOW - timedelta(minutes=90),
                                  NOW.date() - timedelta(days=1), child=OTHER), "csc.example.gov.uk"))
    assert out and out[0].ref == OTHER_REF, out
    yield w
    w.app.close()


def test_the_generated_shapes_are_many_and_distinct() -> None:
    assert len(IDENTIFYING) >= 100 and not set(IDENTIFYING) & set(BENIGN)


@SOME
@given(who=st.sampled_from(IDENTIFYING), via=st.sampled_from(["mail", "act"]))
def test_an_owner_identifying_a_child_of_any_open_case_is_refused(world: World, who: str, via: str) -> None:
    before = actions(world)
    said = _send(world, f"ACTION: {who}; {DUE}; check records {world.mid()}", via)
    assert "refused" in said and "of the child or a family member" in said, (who, said)
    assert actions(world) == before, who
    assert who.lower() not in said.lower(), (who, said)  # the refusal names the kind, never the owner
    text, html = digest(world)
    assert who.lower() not in text.lower() and who.lower() not in html.lower(), who


def test_professional_addresses_are_still_taken(world: World) -> None:
    for k, who in enumerate(BENIGN):
        said = _send(world, f"ACTION: {who}; {DUE}; check records {world.mid()}", ("mail", "act")[k % 2])
        assert said.startswith("accepted"), (who, said)
        assert actions(world)[-1]["owner"] == who.lower(), who


def test_every_generated_shape_is_refused_and_every_benign_one_taken_by_the_rule(world: World) -> None:
    """All of them, through the one rule the commands and views use (in process: no mail per shape)."""
    from bot.domain import routing
    from bot.domain.owner_ids import from_form, from_keys
    from bot.store.models import Case
    from bot.store.repo import open_case_ids

    with world.app.sessions() as s:
        case = s.query(Case).filter_by(ref=REF).one()
        ids = from_form(case.referral_json) + open_case_ids(s, case.id)
        keys = [(c.child_name_key, c.child_dob_key) for c in s.query(Case).all()]
    settings = world.app.settings
    missed = [o for o in IDENTIFYING if not routing.owner_identifies(settings, o, ids)]
    assert not missed, missed
    wrong = [o for o in BENIGN if routing.owner_identifies(settings, o, ids)]
    assert not wrong, wrong
    # The stored keys alone (what the views read) catch the children's names and dates of birth.
    assert len(keys) == 2 and all(k[0] and k[1] for k in keys)
    for who in KEYED:
        assert routing.owner_identifies(settings, who, from_keys(keys)), who


KEYED = ["team@fictional.gov.uk", "safeguarding@alexfictional.gov.uk", "af20190314@nhs.net", "14032019@nhs.net",
         "af140319@nhs.net", "robin.testcase@nhs.net", "testcase@nhs.net", "4l3x.f1ct10n4l@nhs.net",
         "xela.lanoitcif@nhs.net", "rt20170509@nhs.net"]


def test_an_older_action_spelling_any_open_child_is_hidden_in_every_view(tmp_path: Path) -> None:
    """Actions recorded before this rule (straight into the store): the digest, `case` and `case --json` show
    "owner to check" alike, from the open cases' stored keys (the digest reads no form)."""
    w = _world(tmp_path, False)
    try:
        out = w.feed(_signed(referral("<other.ref@csc.example.gov.uk>", NOW - timedelta(minutes=90),
                                      NOW.date() - timedelta(days=1), child=OTHER), "csc.example.gov.uk"))
        assert out and out[0].ref == OTHER_REF, out
        numbers = inject(w, [*KEYED, "named.nurse@nhs.net"])
        in_digest, plain, in_json, _ = views(w)
        assert in_digest == in_json
        for n, who in zip(numbers, [*KEYED, "named.nurse@nhs.net"], strict=True):
            assert in_json[str(n)] == ("named.nurse@nhs.net" if who.startswith("named") else "owner to check"), who
            assert who not in plain or who.startswith("named"), who
        text, html = digest(w)
        for who in KEYED:
            assert who not in text and who not in html, who
    finally:
        w.app.close()


# --- addresses taken from people: no percent hack, bang path or quoted local part ------------------------------

def _routing_hacks() -> list[str]:
    out = []
    for local in ("leak", "a.b", "x"):
        for outside in ("gmail.com", "evil.example"):
            for dom in ("csc.example.gov.uk", "nhs.net", "schools.example.gov.uk"):
                out += [f"{local}%{outside}@{dom}", f"{outside}!{local}@{dom}", f'"{local}@{outside}"@{dom}',
                        f"{local}%{outside}%x@{dom}", f"{outside}!{outside}!{local}@{dom}", f'"{local}"@{dom}']
    return out


HACKS = _routing_hacks()


def referrer(w: World, ref: str = REF) -> str | None:
    con = sqlite3.connect(w.db)
    try:
        return str(con.execute("SELECT referrer_email FROM cases WHERE ref = ?", (ref,)).fetchone()[0])
    finally:
        con.close()


@FEWER
@given(addr=st.sampled_from(HACKS), via=st.sampled_from(["mail", "act"]))
def test_correct_referrer_email_refuses_percent_bang_and_quoted_addresses(world: World, addr: str, via: str) -> None:
    before = referrer(world)
    said = _send(world, f"CORRECT referrer.email: {addr}", via)
    assert "refused" in said and "referrer.email must be one email address" in said and "plain" in said, (addr, said)
    assert referrer(world) == before, addr
    assert addr not in said, said


@FEWER
@given(addr=st.sampled_from(HACKS), via=st.sampled_from(["mail", "act"]))
def test_an_action_owner_refuses_percent_bang_and_quoted_addresses(world: World, addr: str, via: str) -> None:
    before = actions(world)
    said = _send(world, f"ACTION: {addr}; {DUE}; check records {world.mid()}", via)
    assert "refused" in said and "secure domain" in said, (addr, said)
    assert actions(world) == before, addr


def test_a_plain_address_on_the_same_domain_is_still_taken(world: World) -> None:
    said = _send(world, "CORRECT referrer.email: dana.ref@csc.example.gov.uk", "act")
    assert said.startswith("accepted"), said
    assert referrer(world) == "dana.ref@csc.example.gov.uk"


# --- act --now ------------------------------------------------------------------------------------------------

def test_act_now_pins_the_processing_clock(tmp_path: Path) -> None:
    """`act --now` dates the command as `run --now` dates mail: a due date after --now but before the wall clock
    is taken, and the action is set on --now's day."""
    w = _world(tmp_path, False)
    try:
        due = (NOW + timedelta(days=3)).date().isoformat()
        rc, out, err = cli(w, "act", REF, f"ACTION: Education; {due}; check records", "--now", NOW.isoformat())
        assert rc == 0 and out.startswith("accepted"), (out, err)
        assert actions(w)[-1]["set"] == NOW.date().isoformat()
        readme = (Path(__file__).parents[2] / "README.md").read_text().splitlines()
        assert any(line.startswith("csprbot [--config FILE] act ") and "--now ISO" in line for line in readme)
        from bot.cli import main

        buf = io.StringIO()
        with contextlib.redirect_stdout(buf), pytest.raises(SystemExit):
            main(["act", "--help"])
        assert "--now" in buf.getvalue() and "pin" in buf.getvalue(), buf.getvalue()
    finally:
        w.app.close()


def test_the_reply_and_audit_do_not_repeat_the_owner(world: World) -> None:
    said = _send(world, "ACTION: af20190314@nhs.net; 2027-01-15; check", "mail")
    assert "date of birth" in said and "af20190314" not in said, said
    rc, out, _ = cli(world, "case", REF, "--now", NOW.isoformat())
    assert rc == 0 and "af20190314" not in out


def test_no_letter_goes_to_a_stored_percent_bang_or_quoted_referrer_address(world: World) -> None:
    """A referrer address stored in such a form (read from a form before this rule) gets no letter: withheld, said."""
    from bot.domain import routing

    for addr in HACKS:
        assert routing.why_no_letter(world.app.settings, addr), addr
    assert routing.why_no_letter(world.app.settings, "dana.ref@csc.example.gov.uk") is None
