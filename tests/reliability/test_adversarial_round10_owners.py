"""Stranger round 10, left over: ACTION owners that identify a child still taken (19 of 24): a date of birth with a
month name (`14mar2019@`, `mar2019@`, `march14th@`), the initials with the day and month (`af0314@`, `a.f.14.03@`),
another open case's child without its vowels (`tstcs.rbn@`), an IDN domain spelling a name (`team@xn--rbin-qqa...`,
which a mail client shows as `röbin`). Now (bot/domain/owner_ids.identifies) month names are read as numbers, a
day and month beside the initials is a date of birth, every open case's names are read without vowels (5
consonants or more), IDN labels are decoded, doubled letters read once. Professional addresses still go through.

Black-box by mail and `csprbot act` (a sample), and every generated shape through the one rule in process.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_kit import Child, referral
from test_adversarial import NOW, REF, World
from test_adversarial_round5 import _signed, _world
from test_adversarial_round7_actions import DUE, FEW, _send, actions, digest

CHILD = Child()  # case 001: Alex Fictional, 14 Mar 2019; Jo Fictional, Chris Madeup
OTHER = Child(name="Robin Testcase", dob=date(2017, 5, 9), address="7 Elsewhere Road, Othertown, YY9 9YY",
              carer="Kim Testcase (mother)",
              family=(("Kim Testcase", "Mother", date(1991, 1, 23), "7 Elsewhere Road, Othertown"),
                      ("Lee Testcase", "Father", date(1989, 6, 5), "7 Elsewhere Road, Othertown")))
OTHER_REF = "NS-CSPR-2026-002"
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
LONG = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december"]
DOMAINS = ["nhs.net", "csc.example.gov.uk", "nsscp.example.gov.uk"]


def _idn(word: str, at: int) -> str:
    """`word` with one vowel accented, as the A-label a domain carries (röbin -> xn--rbin-qqa)."""
    accented = word[:at] + {"a": "á", "e": "é", "i": "ï", "o": "ö", "u": "ü"}.get(word[at], word[at]) + word[at + 1:]
    return "xn--" + accented.encode("punycode").decode("ascii")


def _identifying() -> list[str]:
    out: list[str] = []
    first, last = (w.lower() for w in CHILD.name.split())
    ini = first[0] + last[0]
    d = CHILD.dob
    for mon in (MONTHS[d.month - 1], LONG[d.month - 1], MONTHS[d.month - 1].upper()):
        y, yy, dd, day = str(d.year), f"{d.year % 100:02d}", f"{d.day:02d}", str(d.day)
        out += [f"{dd}{mon}{y}", f"{y}{mon}{dd}", f"{mon}{dd}{y}", f"{dd}.{mon}.{y}", f"{mon}{y}", f"{y}-{mon}",
                f"{ini}.{dd}{mon}{yy}", f"{mon}{y}.{ini}", f"{mon}{day}th", f"{mon}{dd}", f"{dd}{mon}", f"{mon}-{yy}"]
    for dm in (f"{d.month:02d}{d.day:02d}", f"{d.day:02d}{d.month:02d}", f"{d.day:02d}.{d.month:02d}",
               f"{d.month:02d}-{d.day:02d}", f"{d.day}{d.month}"):
        out += [f"{ini}{dm}", f"{ini[0]}.{ini[1]}.{dm}", f"{ini[::-1]}{dm}", f"{ini}-{dm}"]
    # Another open case's child (and its family's surname) without vowels.
    rfirst, rlast = (w.lower() for w in OTHER.name.split())
    bare = {w: "".join(ch for ch in w if ch not in "aeiouy") for w in (rfirst, rlast)}
    out += [f"{bare[rlast]}.{bare[rfirst]}", bare[rlast], f"{bare[rfirst]}.{bare[rlast]}", f"{rfirst[0]}.{bare[rlast]}",
            f"{bare[rlast]}.kim", f"team.{bare[rlast]}", f"{bare[rfirst]}{bare[rlast]}"]
    local = [f"{o}@{DOMAINS[k % 3]}" for k, o in enumerate(out)]
    # IDN labels spelling a name of either case, in the domain below a secure suffix and in the local part.
    for word in (first, last, rfirst, rlast):
        for at in range(len(word)):
            if word[at] in "aeiou":
                local += [f"team@{_idn(word, at)}.police.uk", f"{_idn(word, at)}@nhs.net"]
    local += [f"{first[0]}{first}@nhs.net", f"{last[:3]}{last[2:]}@nhs.net"]  # letters doubled (aalex, ficctional)
    return list(dict.fromkeys(local))


IDENTIFYING = _identifying()
BENIGN = ["j.smith@nhs.net", "safeguarding.lead@csc.example.gov.uk", "duty.team2@nsscp.example.gov.uk",
          "jane.smith@nsscp.example.gov.uk", "r.ahmed@csc.example.gov.uk", "may.jones@nhs.net",
          "march.team@nhs.net", "lead.dec2026@nhs.net", "sw.jan@nhs.net", "duty2019@nhs.net", "hv.team7@nhs.net",
          "team0314@nhs.net", "aa.lead@nhs.net", "allison.moss@nhs.net", "terry.hill@nhs.net", "dsl@nhs.net",
          "team@xn--bristl-yua.police.uk", "p.tester@schools.example.gov.uk", "rbn.team@nhs.net"]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """Case 001 (Alex Fictional) in rapid review and case 002 (Robin Testcase) open, default profile."""
    w = _world(tmp_path_factory.mktemp("round10-owners"), False)
    out = w.feed(_signed(referral("<other10.ref@csc.example.gov.uk>", NOW - timedelta(minutes=90),
                                  NOW.date() - timedelta(days=1), child=OTHER), "csc.example.gov.uk"))
    assert out and out[0].ref == OTHER_REF, out
    yield w
    w.app.close()


def test_the_generated_shapes_are_many_and_distinct() -> None:
    assert len(IDENTIFYING) >= 60 and not set(IDENTIFYING) & set(BENIGN)


def test_every_generated_shape_is_refused_and_every_benign_one_taken_by_the_rule(world: World) -> None:
    from bot.domain import routing
    from bot.domain.owner_ids import from_form
    from bot.store.models import Case
    from bot.store.repo import open_case_ids

    with world.app.sessions() as s:
        case = s.query(Case).filter_by(ref=REF).one()
        ids = from_form(case.referral_json) + open_case_ids(s, case.id)
    missed = [o for o in IDENTIFYING if not routing.owner_identifies(world.app.settings, o, ids)]
    assert not missed, missed
    wrong = [o for o in BENIGN if routing.owner_identifies(world.app.settings, o, ids)]
    assert not wrong, wrong


@settings(FEW, max_examples=6)
@given(who=st.sampled_from(IDENTIFYING), via=st.sampled_from(["mail", "act"]))
def test_an_owner_identifying_a_child_is_refused(world: World, who: str, via: str) -> None:
    before = actions(world)
    said = _send(world, f"ACTION: {who}; {DUE}; check records {world.mid()}", via)
    assert "refused" in said and "of the child or a family member" in said, (who, said)
    assert actions(world) == before, who
    text, html = digest(world)
    assert who.lower() not in text.lower() and who.lower() not in html.lower(), who


def test_professional_addresses_are_still_taken(world: World) -> None:
    for k, who in enumerate(BENIGN[:5]):
        said = _send(world, f"ACTION: {who}; {DUE}; check records {world.mid()}", ("mail", "act")[k % 2])
        assert said.startswith("accepted"), (who, said)
        assert actions(world)[-1]["owner"] == who.lower(), who
