"""What counts as a reason (parsers.reasons, pure), and the letters a decision cannot send (bot.domain.commands):
withheld with an audit entry and said in the confirmation, never dropped unsaid (issue #10, left from round 6)."""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.commands import decide_command
from bot.domain.effects import Audit, MailIntent
from bot.domain.snapshot import CaseSnapshot, ClockView
from bot.settings import load_settings
from bot.workdays import WorkCalendar
from parsers.reasons import says_something, signature_block
from parsers.records import Command
from parsers.reply import parse_command

S = load_settings(None, env={})
CAL = WorkCalendar()
TODAY = date(2026, 4, 8)
CHAIR = "cspr.subgroup.chair@nsscp.example.gov.uk"
SCREENING = ClockView("screening", "", date(2026, 4, 1), date(2026, 4, 10), "running")

FILLER = ["thanks", "Thank you!", "Kind regards, Jo", "Many thanks", "regards Jo Smith", "cheers", "n/a", "N/A.",
          "none", "TBC", "<reason>", "[reason]", "reason", "see below", "Please see attached", "as discussed",
          "no reason given", "ok", "Disagree", "Sent from my iPhone"]
REAL = ["met", "Duplicate", "criteria met", "Section 47 enquiry open", "not a child", "opened in error",
        "the threshold is met", "2nd referral", "Police view: criteria met", "no abuse or neglect suspected"]
PUNCT = st.text(alphabet=" \t.,;:!?-–—…*_'\"()[]/\\|#~", max_size=12)


@given(core=st.sampled_from(FILLER), before=PUNCT, after=PUNCT)
def test_filler_in_any_punctuation_is_no_reason(core: str, before: str, after: str) -> None:
    assert not says_something(before + core + after), before + core + after


@given(noise=PUNCT)
def test_punctuation_and_space_alone_are_no_reason(noise: str) -> None:
    assert not says_something(noise)


@given(core=st.sampled_from(REAL), before=st.sampled_from(["", " ", "- ", ": "]),
       after=st.sampled_from(["", ".", " !"]))
def test_a_real_reason_however_short_is_one(core: str, before: str, after: str) -> None:
    assert says_something(before + core + after)


SIGNATURE_LINES = ["Jo Smith", "Dr Jo Smith", "Service Leader", "Designated Safeguarding Lead",
                   "Head of Children's Services", "North Somerset Council", "Tel: 01632 960580", "07700 900123",
                   "jo.smith@nsscp.example.gov.uk", "www.n-somerset.gov.uk",
                   "Jo Smith | Designated Safeguarding Lead | North Somerset Council"]


@given(lines=st.lists(st.sampled_from(SIGNATURE_LINES), min_size=2, max_size=5))
def test_a_block_of_signature_lines_is_a_signature(lines: list[str]) -> None:
    assert signature_block(lines)
    for verb in ("DISAGREE:", "CLOSE:", "REOPEN", "NOT A REFERRAL: -", "DECISION: NO RAPID REVIEW"):
        cmd = parse_command("\n".join([verb, "", *lines]), [])
        assert cmd is not None and not says_something(cmd.args.get("reason")), (verb, lines, cmd.args)


@given(reason=st.sampled_from(REAL[1:]), lines=st.lists(st.sampled_from(SIGNATURE_LINES), max_size=3))
def test_a_reason_under_the_command_is_kept_with_the_signature_below_it(reason: str, lines: list[str]) -> None:
    for verb in ("DISAGREE:", "CLOSE:", "DECISION: NO RAPID REVIEW"):
        cmd = parse_command("\n".join([verb, "", reason, "", *lines]), [])
        assert cmd is not None and cmd.args.get("reason") == reason, (verb, cmd.args)


def _decide(verb: str, args: dict[str, str], settings: object = S, referrer: str | None = None) -> tuple[bool, str,
                                                                                                        list[object]]:
    case = CaseSnapshot("NS-CSPR-2026-001", "screening", referrer, (SCREENING,))
    out = decide_command(Command(verb=verb, args=args), CHAIR, case, settings, CAL, TODAY)  # type: ignore[arg-type]
    return out.accepted, out.summary, list(out.effects)


def test_no_executive_to_write_to_is_said_not_dropped() -> None:
    quiet = S.model_copy(update={"routing": S.routing.model_copy(update={"screening_decision": []})})
    ok, summary, fx = _decide("DECISION", {"decision": "NO RAPID REVIEW", "reason": "not met"}, quiet,
                              "sam.example@csc.example.gov.uk")
    assert ok and "the executive's letter was not sent" in summary, summary
    assert [a.detail["to"] for a in fx if isinstance(a, Audit) and a.kind == "letter_withheld"] == ["executive"]
    assert [m.to for m in fx if isinstance(m, MailIntent) and m.kind == "letter"] == [
        ("sam.example@csc.example.gov.uk",)]


def test_no_referrer_address_is_said_not_dropped() -> None:
    for referrer, why in ((None, "no address for the referrer is known"),
                          ("jo@gmail.com", "not on a secure domain"),
                          ("gp.surgery@nhs.net", "not a partnership role's or an agency's")):
        ok, summary, fx = _decide("DECISION", {"decision": "NO RAPID REVIEW", "reason": "not met"}, S, referrer)
        assert ok and "the referrer's letter was not sent" in summary and why in summary, summary
        withheld = [a.detail for a in fx if isinstance(a, Audit) and a.kind == "letter_withheld"]
        assert len(withheld) == 1 and str(referrer) not in str(withheld), withheld
        assert all(str(referrer) not in m.to for m in fx if isinstance(m, MailIntent)), referrer


# Stranger round 10: empty reasons in other letters. What a reader sees is what counts (parsers.reasons.shown).
EMPTY10 = ["N/A", "none", "-", "tbc", "see below", "Kind regards", "Get Outlook for iOS", "Sent from my iPhone",
           "Sent from Outlook for Android", "Sent from my Galaxy", "<reason>", "[reason]", "{reason}", "reason here",
           "test", "testing", "as per my email", "lorem ipsum dolor sit amet", "N.A.", "N / A",
           "This email and any attachments are confidential and intended solely for the addressee."]
REAL10 = ["met", "Duplicate", "criteria met", "Section 47 enquiry open", "opened in error",
          "test results show no injury",
          "Sent to the wrong partnership: the child lives in Bristol", "per the strategy meeting, criteria not met",
          "the child moved to Wales in 2025"]
# ASCII letters and the Cyrillic or Greek letters that look like them (a reader takes one for the other).
_LOOK = str.maketrans("aceopxyABCEHKMOPTXsi", "асеорхуАВСЕНКМОРТХѕі")
INVISIBLE = ["\u200b", "\u2060", "\u3164", "\u115f", "\u1160", "\uffa0", "\u00ad", "\u034f", "\ufeff", "\U000e0020",
             "\u2062", "\u180e"]


def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def _bold(s: str) -> str:
    return "".join(chr(0x1D400 + ord(c) - 65) if "A" <= c <= "Z" else chr(0x1D41A + ord(c) - 97) if "a" <= c <= "z"
                   else c for c in s)


LETTERS = {"as typed": lambda s: s, "full-width": _fullwidth, "maths bold": _bold,
           "look-alikes": lambda s: s.translate(_LOOK)}
FRAMES = ["{}", "Reason: {}", "Reason - {}", "Reason for closure: {}", "<{}>", "({})", "\"{}\""]


@given(core=st.sampled_from(EMPTY10), letters=st.sampled_from(sorted(LETTERS)), frame=st.sampled_from(FRAMES),
       filler=st.sampled_from(INVISIBLE), at=st.integers(0, 40))
def test_an_empty_reason_in_any_letters_is_no_reason(core: str, letters: str, frame: str, filler: str,
                                                      at: int) -> None:
    text = LETTERS[letters](frame.format(core))
    text = text[:at] + filler + text[at:]
    assert not says_something(text), ascii(text)
    assert not says_something(filler * (at % 4 + 1)), ascii(filler)


@given(core=st.sampled_from(REAL10), letters=st.sampled_from(sorted(LETTERS)),
       frame=st.sampled_from(["{}", "Reason: {}", "Reason - {}", "{}. Sent from my iPhone", "{}\n\nKind regards"]))
def test_a_real_reason_in_any_letters_is_one(core: str, letters: str, frame: str) -> None:
    assert says_something(LETTERS[letters](frame.format(core))), (core, letters, frame)


@given(filler=st.sampled_from(INVISIBLE), reason=st.sampled_from(REAL10[1:]))
def test_an_invisible_reason_on_the_command_line_lets_the_paragraph_below_be_read(filler: str, reason: str) -> None:
    cmd = parse_command(f"DISAGREE: {filler}\n\n{reason}\n", [])
    assert cmd is not None and cmd.args.get("reason") == reason, cmd


# Stranger round 12: a phone's footer in other languages, a lone letter or digit, keyboard mashes.
FOOTERS12 = ["Von meinem {d} gesendet", "Gesendet von meinem {d}", "Envoyé de mon {d}", "Envoyé depuis mon {d}",
             "Enviado desde mi {d}", "Inviato da {d}", "Inviato dal mio {d}", "Verzonden vanaf mijn {d}",
             "Verstuurd vanaf mijn {d}", "Enviado do meu {d}", "Wysłane z mojego {d}", "Wysłano z {d}"]
DEVICES12 = ["iPhone", "iPad", "Samsung Galaxy Smartphone", "Handy", "smartphone", "Outlook for Android", "Huawei"]
MASHES12 = ["asdf", "qwerty", "jkl", "aaaa", "1234", "asdfasdf", "qwertyuiop", "zxcv", "lkjh", "zzz", "4321",
            "asdf jkl"]


@given(footer=st.sampled_from(FOOTERS12), device=st.sampled_from(DEVICES12),
       frame=st.sampled_from(["{}", "{}.", "- {}"]))
def test_a_phone_footer_in_another_language_is_no_reason(footer: str, device: str, frame: str) -> None:
    text = frame.format(footer.format(d=device))
    assert not says_something(text), text
    assert says_something("Duplicate\n" + text), text  # a real reason above the footer is kept


# A letter, as a reader sees it: one character once compatibility forms are folded ('ŉ' is two letters, "ʼn").
_ONE_LETTER = st.characters(categories=["Lu", "Ll"]).filter(lambda c: len(unicodedata.normalize("NFKC", c)) == 1)


@given(ch=st.one_of(st.sampled_from("0123456789"), _ONE_LETTER),
       frame=st.sampled_from(["{}", "{}.", "Reason: {}", "({})"]))
def test_a_lone_letter_or_digit_is_no_reason(ch: str, frame: str) -> None:
    assert not says_something(frame.format(ch)), ascii(ch)


@given(mash=st.sampled_from(MASHES12), upper=st.booleans(), frame=st.sampled_from(["{}", "{}!", "Reason: {}"]))
def test_a_keyboard_mash_is_no_reason(mash: str, upper: bool, frame: str) -> None:
    assert not says_something(frame.format(mash.upper() if upper else mash)), mash


SHORT12 = ["met", "criteria not met", "no harm", "see chronology", "not abuse", "NFA", "dup", "Duplicate", "LADO",
           "重複", "済", "moved to Bristol", "sent in error", "wrong LA", "S47 done", "ertugrul family"]


@given(reason=st.sampled_from(SHORT12), frame=st.sampled_from(["{}", "{}.", "Reason: {}", "{}\nSent from my iPhone",
                                                               "{}\nVon meinem iPhone gesendet"]))
def test_a_real_short_reason_is_still_one(reason: str, frame: str) -> None:
    assert says_something(frame.format(reason)), frame.format(reason)
