"""Stranger round 10, left over: a reason that says nothing in other letters was taken. `CLOSE: Ｎ／Ａ` (full-width),
`𝐍/𝐀` (mathematical bold), `Н/А` (Cyrillic), a Hangul filler (U+3164, U+115F, U+1160) alone, `Reason: <reason>`,
`Reason - TBC`, "Get Outlook for iOS", a legal disclaimer, "test": 24 of 51 taken by `csprbot act`, 4 of 4
DISAGREE by mail sent to the Assistant Director. A reason is now read as a reader sees it (parsers.reasons.shown:
NFKC, TR39 look-alikes, invisible characters and fillers dropped) and each sentence of it must be more than filler.

Black-box through `act` and the intake, on the world of test_adversarial_reasons (001 rapid review, 002 screening,
003 closed, 004 provisional); the benign side: real reasons, in any of these letters, are still taken.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_adversarial_reasons import (
    CLOSED,
    COORD,
    NEEDS_REASON,
    PROVISIONAL,
    SCREENING,
    STAGES,
    World,
    _open,
    _world,
    query,
    send,
    state,
)

EMPTY10 = ["N/A", "none", "-", "tbc", "see below", "Kind regards", "Get Outlook for iOS", "Sent from my iPhone",
           "Sent from Outlook for Android", "<reason>", "[reason]", "{reason}", "reason here", "test", "testing",
           "as per my email", "N.A.", "N / A",
           "This email and any attachments are confidential and intended solely for the addressee."]
# ASCII letters and the Cyrillic letters that look like them (a reader takes one for the other).
_LOOK = str.maketrans("aceopxyABCEHKMOPTXsi", "асеорхуАВСЕНКМОРТХѕі")
INVISIBLE = ["\u200b", "\u3164", "\u115f", "\u1160", "\uffa0", "\u00ad", "\u034f", "\ufeff", "\U000e0020"]
LETTERS = {"as typed": lambda s: s,
           "full-width": lambda s: "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s),
           "maths bold": lambda s: "".join(chr(0x1D400 + ord(c) - 65) if "A" <= c <= "Z" else
                                           chr(0x1D41A + ord(c) - 97) if "a" <= c <= "z" else c for c in s),
           "look-alikes": lambda s: s.translate(_LOOK)}
FRAMES = ["{}", "Reason: {}", "Reason - {}", "<{}>", "({})"]



@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """001 in rapid review, 002 in screening, 003 closed, 004 provisional (as test_adversarial_reasons)."""
    w = _world(tmp_path_factory.mktemp("round10-reasons"), False)
    assert _open(w, 1) == SCREENING
    assert _open(w, 2) == CLOSED
    assert send(w, CLOSED, "CLOSE: opened twice", "mail", COORD).startswith("accepted")
    assert _open(w, 3, docx=b"not a word document") == PROVISIONAL
    assert dict(query(w.db, "SELECT ref, stage FROM cases")) == STAGES
    yield w
    w.app.close()


FEW = settings(max_examples=20, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@FEW
@given(cmd=st.sampled_from(NEEDS_REASON), core=st.sampled_from(EMPTY10), letters=st.sampled_from(sorted(LETTERS)),
       frame=st.sampled_from(FRAMES), filler=st.sampled_from(["", *INVISIBLE]), via=st.sampled_from(["mail", "act"]))
def test_an_empty_reason_in_other_letters_is_refused(world: World, cmd: tuple[str, str, str], core: str,
                                                      letters: str, frame: str, filler: str, via: str) -> None:
    template, sender, ref = cmd
    tail = ": " + filler + LETTERS[letters](frame.format(core))
    before = state(world)
    o0 = world.last("outbox")
    said = send(world, ref, template.format(t=tail), via, sender)
    assert "refused" in said and "reason" in said, (template, ascii(tail), said)
    assert state(world) == before, (template, ascii(tail))
    assert [k for (k,) in world.new_rows("outbox", o0, "kind")] == ["refusal"], ascii(tail)


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(reason=st.sampled_from(["Duplicate", "opened in error", "criteria met", "met"]),
       letters=st.sampled_from(sorted(LETTERS)), frame=st.sampled_from(["{}", "Reason: {}", "{}\nSent from my iPhone"]),
       via=st.sampled_from(["mail", "act"]))
def test_a_real_reason_in_other_letters_is_taken(world: World, reason: str, letters: str, frame: str,
                                                  via: str) -> None:
    for verb in ("REOPEN", "CLOSE"):
        text = f"{verb}: " + LETTERS[letters](frame.format(reason))
        said = send(world, CLOSED, text, via, COORD)
        assert said.startswith("accepted"), (ascii(text), said)
        (kept,) = query(world.db, "SELECT detail FROM events WHERE kind = 'stage_changed' ORDER BY id DESC LIMIT 1")
        assert json.loads(kept[0])["reason"], kept
    assert dict(query(world.db, "SELECT ref, stage FROM cases"))[CLOSED] == "closed"
