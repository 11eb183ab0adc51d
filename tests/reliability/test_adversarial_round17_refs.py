"""Adversarial suite, stranger round 17's breaks B2 and B3 on case references (issue 10), generated, read at the
parser and through the real command path (mail in, `App.intake`, the case and the answer as stored).

  B2. a co-ordinator's command refused "the message names more than one case" for an ordinary line naming another
      system's record or a number that is no case here: "In case no. 2 is needed, let me know." (the dot defeated
      round 16's "in case no" rule), "LCS case id 4471 is the social care record." (read as NS-CSPR-2026-4471, no
      such case), "Our case ref: 88/2026 (Liquidlogic)." (read as 088, no such case). Now: a case-management or
      police records system's name (or a court's) before the case word makes it that system's number
      (parsers/named_cases.py; round 19: no longer the system in brackets / after "on" after it); a number read
      from a case word alone that names no case of the partnership is set aside by intake, for a partnership
      role, and the confirmation says so. A reference written with its letters (`NS-CSPR-2026-047`) and a number
      naming a case that exists still make the command ambiguous.
  B3. the triage's own advice `CLOSE: duplicate of NS-CSPR-2026-001` under the duplicate's subject was refused as
      naming two cases. Now a case named right after a relation in a free-text reason ("duplicate of", "handled
      under", "merged into", "see") is part of the reason when that case is linked to this one (LINK first); not
      linked, or named without the relation ("meant NS-CSPR-2026-001"), it is still refused, and the refusal says
      to LINK first or to leave the other reference out.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import REFERRER, ROLE, child_for, query, referral
from test_adversarial import NOW, OURS, REF, World, _make_world, _signed, build, stamp
from test_adversarial_round10_shown import _parse
from test_adversarial_round11_refs import SUBJECT, _others

from parsers.fields import by_word_only, cases_named

COORD = ROLE["coordinator"]
SECOND = "NS-CSPR-2026-002"
AWARE = "AWARE: 2026-11-17"
FEW = settings(max_examples=25, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _world_of_two(tmp: Path) -> World:
    """The adversarial world (NS-CSPR-2026-001, in rapid review) and a second child's referral: NS-CSPR-2026-002."""
    w = _make_world(tmp)
    out = w.feed(_signed(referral("<second.ref@csc.example.gov.uk>", NOW - timedelta(minutes=50),
                                  NOW.date() - timedelta(days=1), child=child_for(13, random.Random(17))),
                         "csc.example.gov.uk"))
    assert out[0].ref == SECOND, out
    return w


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _world_of_two(tmp_path_factory.mktemp("round17"))
    yield w
    w.app.close()


def _send(w: World, body: str, ref: str = REF, sender: str = COORD) -> dict[str, Any]:
    """One command mail under `ref`'s subject; what it did: events, the refusal's or confirmation's reason."""
    mid = w.mid()  # each mail its own Date too (same sender, text and Date is a replay)
    raw = build([sender], [stamp(OURS if sender.endswith(OURS) else sender.rsplit("@", 1)[1])], body,
                subject=f"RE: [{ref}] Reminder", mid=mid, date=NOW - timedelta(minutes=40, seconds=-w.n))
    ev0 = w.last("events")
    w.feed(raw)
    rows = w.new_rows("events", ev0, "kind, detail")
    return {"events": [k for k, _ in rows], "details": " ".join(str(d) for _, d in rows)}


def _ambiguous_refusal(r: dict[str, Any]) -> bool:
    return "command_refused" in r["events"] and "more than one case" in r["details"]


# --- B2 at the parser: another system's numbers are not read as ours ------------------------------------------------

STRANGER17 = ["in case no. 2 agencies reply, chase them.",
              "Just in case no. 2 arrives late.", "LCS case id 4471 is the social care record.",
              "EHM case number 2 of the early help file.",
              "The family court case no. 2 hearing is on Friday.", "Niche case no 2 000 123."]
# Round 19 (B3): a system named after the number ("Our case ref: 88/2026 (Liquidlogic).", "Same for case 2
# (Mosaic).", "See case 12 on Mosaic.") is read again, and set aside by intake only when the number names no case
# here (test_adversarial_round19_refs.py): the system after the number hid a real second case.
# Round 20 (B2, fails safe): "In case no. 2 is needed, let me know." is read as case 2 again: after a case word a
# short number is a count only before a count noun or "of N", and "is needed" is neither (a refusal costs a re-send;
# "case 2 is the sister" hid a real second case). It moved to the list below; its no-case twin is noted.


@pytest.mark.parametrize("line", STRANGER17)
def test_the_stranger_s_lines_name_no_case_of_ours(line: str) -> None:
    assert _others(f"{AWARE}\n\n{line}\n") == [], line


@pytest.mark.parametrize("line", ["The papers are kept in case no. 2.", "Same for case no. 2.",
                                  "In case no. 2 is needed, let me know.",  # round 20, deliberately
                                  "Same for the police case 2.", "Same for Athena's case 2."])
def test_the_same_words_still_name_case_2_where_they_do(line: str) -> None:
    """The rules are narrow: "in case no. 2" ending its phrase, an agency's word (the case the police referred), a
    possessive (a child called Athena) still name case 2."""
    assert "NS-CSPR-2026-002" in _others(f"{AWARE}\n\n{line}\n"), line


def _no_year(n: int) -> bool:
    return not 1900 <= n <= 2099  # "the case 2026 guidance" is a year, never read


SYSTEMS = ["LCS", "Mosaic", "Liquidlogic", "LiquidLogic", "EHM", "Niche", "Athena", "ControCC", "SystmOne", "EMIS",
           "CPOMS", "Capita One", "Frameworki", "CareFirst", "Azeus", "PNC", "family court", "Crown Court", "court"]
LABELS = ["case", "Case", "case no.", "case no", "case number", "case id", "case ref:", "case #", "case nr", "Case No:"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(system=st.sampled_from(SYSTEMS), label=st.sampled_from(LABELS), n=st.integers(2, 9999).filter(_no_year),
       after=st.sampled_from(["", ".", " is the record.", ", see the chronology.", " (open)."]),
       where=st.sampled_from(["before", "brackets", "on"]))
def test_another_system_s_number_is_not_read_as_a_case_and_without_the_system_it_is(
        system: str, label: str, n: int, after: str, where: str) -> None:
    number = str(n)
    if where == "before":
        phrase = f"{system} {label} {number}"
    elif system.lower().endswith("court"):
        phrase = f"the {system} {label} {number}"
    else:  # round 19 (B3): after the number, the system is a remark: read, set aside by intake only if no case
        phrase = f"{label} {number} ({system})" if where == "brackets" else f"{label} {number} on {system}"
        text = f"{AWARE}\n\n{phrase}{after}\n"
        refs = cases_named(SUBJECT, text)
        assert f"NS-CSPR-2026-{n:03d}" in by_word_only(SUBJECT, text, refs), (phrase, refs)
        return
    assert _others(f"{AWARE}\n\n{phrase}{after}\n") == [], phrase
    # the oracle: the same line with the system taken out names the case (so the test is not vacuous)
    bare = f"Same for {label} {number:0>3}."
    assert f"NS-CSPR-2026-{n:03d}" in _others(f"{AWARE}\n\n{bare}\n"), bare


@pytest.mark.parametrize(("text", "loose"), [
    ("Same for case id 4471.", ["NS-CSPR-2026-4471"]), ("Our case ref: 88/2026.", ["NS-CSPR-2026-088"]),
    ("Same for case #047.", ["NS-CSPR-2026-047"]), ("Same for NS-CSPR-2026-047.", []),
    ("Same for CSPR 2026 47.", []), ("Same for NS-047.", []), ("Same for NS-CSPR-2026-0O2.", [])])
def test_only_a_number_read_from_a_case_word_may_be_set_aside(text: str, loose: list[str]) -> None:
    """A reference written with its letters (CSPR, the prefix) is ours however it is spelt: never set aside."""
    refs = cases_named(SUBJECT, f"{AWARE}\n{text}")
    assert len(refs) > 1, refs
    assert by_word_only(SUBJECT, f"{AWARE}\n{text}", refs) == loose, refs


# --- B2 through the command path --------------------------------------------------------------------------------

def test_the_reproducer_s_lines_are_applied_to_the_subject_s_case_and_a_number_of_no_case_is_noted(two: World) -> None:
    for line, note in [("In case no. 9 is needed, let me know.", "case 009, which is no case here"),  # round 20
                       ("LCS case id 4471 is the social care record.", None),
                       ("Our case ref: 88/2026 (Liquidlogic).", "case 088, which is no case here"),  # round 19
                       ("The social care case id 4471 is on the file.", "case 4471, which is no case here"),
                       ("Our case ref: 88/2026.", "case 088, which is no case here")]:
        r = _send(two, f"{AWARE}\n\n{line}\n")
        assert "command_accepted" in r["events"] and not _ambiguous_refusal(r), (line, r)
        if note:
            assert note in r["details"], (line, r["details"])
            sent = query(two.db, "SELECT raw FROM outbox WHERE kind = 'confirm' ORDER BY id DESC LIMIT 1")[0][0]
            text = " ".join(message_from_bytes(sent, policy=default).get_body().get_content().split())
            assert note in text and "Done:" in text, text


@FEW
@given(label=st.sampled_from(["case", "case no.", "case number", "case id", "case ref:", "case #", "Case No:"]),
       n=st.integers(100, 9999).filter(_no_year),
       place=st.sampled_from(["{x} is the record.", "Their {x}, for information.", "Thanks, {x}.", "Same as {x}."]))
def test_generated_lines_naming_a_number_that_is_no_case_here_do_not_refuse_the_command(
        two: World, label: str, n: int, place: str) -> None:
    line = place.format(x=f"{label} {n}")
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert "command_accepted" in r["events"] and not _ambiguous_refusal(r), (line, r)
    assert "no case here" in r["details"], (line, r["details"])


@FEW
@given(spelling=st.sampled_from(["case 2", "case no. 2", "case number 2", "case id 2", "case ref: 002", "case #2",
                                 "Case No: 002", "case two", "2026/002", "case 002", "the 002 case",
                                 "NS-CSPR-2026-002", "CSPR 2026 2", "NS-002"]),
       place=st.sampled_from(["Same for {x}.", "This also covers {x}.", "{x} too.", "Same as for {x}, the LA knew."]))
def test_generated_attack_texts_naming_a_real_second_case_are_still_refused(two: World, spelling: str,
                                                                             place: str) -> None:
    line = place.format(x=spelling)
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert _ambiguous_refusal(r) and "command_accepted" not in r["events"], (line, r)
    assert SECOND in r["details"] and "under the subject of the one case it is for" in r["details"], r["details"]


@pytest.mark.parametrize("line", ["Same for NS-CSPR-2026-047.", "Same for CSPR 2026 47.", "Same for NS-047.",
                                  "Same for the other case."])
def test_a_reference_written_with_its_letters_still_refuses_though_it_names_no_case(two: World, line: str) -> None:
    """A typed reference of ours that names no case is a typo of one that may: the command is not guessed."""
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert _ambiguous_refusal(r) and "command_accepted" not in r["events"], (line, r)


def test_someone_without_a_partnership_role_gets_the_refusal_whatever_the_number_names(two: World) -> None:
    """The referrer may give commands on its case but may not learn which references exist (SECURITY): a number of
    no case refuses its command as one of a real case does, the same words."""
    reasons = []
    for n in ("4471", "2"):
        r = _send(two, f"DISAGREE: the decision\n\nSame for case id {n}.\n", sender=REFERRER)
        assert _ambiguous_refusal(r), (n, r)
        reason = json.loads(query(two.db, "SELECT detail FROM events WHERE kind = 'command_refused' "
                                          "ORDER BY id DESC LIMIT 1")[0][0])["reason"]
        reasons.append(re.sub(r"\(NS-CSPR[^)]*\)", "(...)", reason))
    assert reasons[0] == reasons[1] and "names more than one case (...)" in reasons[0], reasons


# --- B3: CLOSE: duplicate of the linked case -----------------------------------------------------------------------

@pytest.fixture
def pair(tmp_path: Path) -> Iterator[World]:
    w = _world_of_two(tmp_path)
    yield w
    w.app.close()


def _stage(w: World, ref: str) -> str:
    return str(query(w.db, "SELECT stage FROM cases WHERE ref = ?", (ref,))[0][0])


def test_close_duplicate_of_the_linked_case_closes_the_duplicate(pair: World) -> None:
    """repro_03 by mail: LINK, then the triage's old advice word for word."""
    r = _send(pair, "CLOSE: duplicate of NS-CSPR-2026-001", ref=SECOND)
    assert _ambiguous_refusal(r) and "LINK the two cases first" in r["details"], r  # not linked yet: refused
    assert _stage(pair, SECOND) != "closed"
    assert "command_accepted" in _send(pair, "LINK NS-CSPR-2026-001", ref=SECOND)["events"]
    r = _send(pair, "CLOSE: duplicate of NS-CSPR-2026-001", ref=SECOND)
    assert "command_accepted" in r["events"] and _stage(pair, SECOND) == "closed", r
    assert "linked to this case: kept as part of the reason" in r["details"], r["details"]
    assert _stage(pair, REF) != "closed"


@pytest.mark.parametrize("reason", ["wrong case, meant NS-CSPR-2026-001", "NS-CSPR-2026-001 instead",
                                    "duplicate, and close NS-CSPR-2026-001 too"])
def test_the_linked_case_named_without_a_relation_still_refuses(pair: World, reason: str) -> None:
    assert "command_accepted" in _send(pair, "LINK NS-CSPR-2026-001", ref=SECOND)["events"]
    r = _send(pair, f"CLOSE: {reason}", ref=SECOND)
    assert _ambiguous_refusal(r) and _stage(pair, SECOND) != "closed" and _stage(pair, REF) != "closed", (reason, r)


RELATIONS = ["duplicate of", "a duplicate of", "handled under", "dealt with under", "merged into", "same child as",
             "see", "linked to", "covered by", "continued under"]
SPELLINGS = ["NS-CSPR-2026-001", "ns-cspr-2026-001", "NS CSPR 2026 001", "case 001", "case no. 1", "CSPR-2026-001"]


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(relation=st.sampled_from(RELATIONS), spelling=st.sampled_from(SPELLINGS),
       verb=st.sampled_from(["CLOSE", "NOT A REFERRAL"]), tail=st.sampled_from(["", ".", ", linked today."]))
def test_generated_reasons_naming_the_linked_case_after_a_relation_are_parsed_as_part_of_the_reason(
        relation: str, spelling: str, verb: str, tail: str) -> None:
    """At the parser (what intake then checks against the links): the other case is listed as the reason's."""
    raw = build([COORD], [stamp(OURS)], f"{verb}: {relation} {spelling}{tail}\n", subject=f"RE: [{SECOND}] x",
                mid="<r17b3@x>")
    parsed = _parse(raw)
    assert parsed.command is not None
    args = parsed.command.args
    assert "CSPR-2026-001" in args.get("ambiguous_refs", ""), args
    assert "CSPR-2026-001" in args.get("reason_refs", ""), args


@pytest.mark.parametrize("reason", ["duplicate of NS-CSPR-2026-001. Same for case 3.", "see NS-CSPR-2026-001",
                                    "handled under NS-CSPR-2026-001 and case 3"])
def test_a_further_case_outside_the_relation_is_not_the_reason_s(reason: str) -> None:
    raw = build([COORD], [stamp(OURS)], f"CLOSE: {reason}\n\nAlso NS-CSPR-2026-004 meanwhile.\n",
                subject=f"RE: [{SECOND}] x", mid="<r17b3b@x>")
    parsed = _parse(raw)
    assert parsed.command is not None
    args = parsed.command.args
    assert "NS-CSPR-2026-004" in args["ambiguous_refs"] and "004" not in args.get("reason_refs", ""), args
    assert "003" not in args.get("reason_refs", ""), args
