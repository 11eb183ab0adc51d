"""Adversarial suite, what stranger rounds 7 and 8 left on case references (issue 10), generated, judged from outside.

  W1. a command naming another case in words, with no number: "Same for the other case.", "another case", "the
      second / previous / earlier / first case", "her brother's case", Welsh "yr achos arall": applied to the
      subject's case. It cannot be applied safely (which case?), so it is refused as ambiguous, and the refusal
      says which words named the other case. The other side, generated too and measured: "in any case", "just in
      case", "the case of", "case conference", "the first case conference", "this is the second case from the
      family", "another case of neglect", "other cases", "both cases" are no other case (applied).
  W2. roman numerals after "case" (`case II`, `Case ii`, `case IV`), a number word or numeral in a full reference
      (`CSPR 2026 two`, `NS-CSPR-2026-two`, `NS CSPR 2026 II`) and "case" in Welsh, Polish, Romanian, French,
      Spanish/Italian and Urdu (`achos 2`, `sprawa nr 2`, `dosar 2`, `dossier 2`, `caso 2`, `کیس 2`): applied. The
      other side: `in case I forget`, `Case X` (an anonymised case), `in this case IV fluids`, `CSPR 2026 one-page
      summary`, Welsh `achos 2 o blant` ("because 2 children").
  W3. a return's case box reading `Case II` was credited (held now, like `Case 2`); one holding only the *other*
      open case's child's name was credited to the subject's case (held now for the co-ordinator, whose forward
      confirms it); the subject's own child's name, any order or case, is still credited.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import timedelta
from email.utils import format_datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_kit import ROLE, child_for, query, record_figures, referral, working_day_from
from test_adversarial import EXAMPLES, NOW, OTHER_CASES, OURS, REF, World, _make_world, _signed, add_cases, build, stamp
from test_adversarial_round4 import COMMANDS, SETTINGS, _alternative, _last_refusal, _spell_digits, attack
from test_adversarial_round7_refs import LEADS, _return_mail, word

HALF = settings(SETTINGS, max_examples=max(EXAMPLES // 2, 10))
COORD = ROLE["coordinator"]
FIGURES: dict[str, dict[str, int]] = {}
REF2 = "NS-CSPR-2026-002"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """Case 001 (Alex Fictional) in rapid review, and a second open case, 002, about another child."""
    import random

    w = _make_world(tmp_path_factory.mktemp("round9refs"))
    other = child_for(0, random.Random(9))  # "Aiden Ashdown"
    out = w.feed(_signed(referral("<second.ref@csc.example.gov.uk>", NOW - timedelta(minutes=90),
                                  NOW.date() - timedelta(days=3), child=other), "csc.example.gov.uk"))
    assert out[0].ref == REF2, out
    add_cases(w)
    w.other_child = other.name  # type: ignore[attr-defined]
    yield w
    w.app.close()


def _count(name: str, **values: int) -> None:
    got = FIGURES.setdefault(name, {})
    for k, v in values.items():
        got[k] = got.get(k, 0) + v


def _command_mail(world: World, command: str, tail: str, where: str) -> bytes:
    if where == "html_part":
        return _alternative(command + "\n", f"<p>{command}</p><p>{tail}</p>".replace("\n", "<br>\n"), world.mid())
    quote = "> earlier text from the thread\r\n" if where == "after_a_quoted_line" else ""
    return build([COORD], [stamp(OURS)], f"{command}\r\n\r\n{quote}{tail}", mid=world.mid())


# --- the benign side first, on the untouched world: ordinary mail with "case" in it is applied --------------------

ORDINARY = ["In any case the police have now replied.", "Just in case, the chronology is attached.",
            "The first case conference is on 3 December.", "This is the second case from this family this year.",
            "Another case of neglect in the same area; no link to this one.", "As in other cases, the school is late.",
            "In both cases the agencies were slow.", "The case of the missing records is closed.",
            "In case I forget: the GP has replied.", "Case X in the 2024 annual report is unrelated.",
            "CSPR 2026 one-page summary to follow."]


def test_ordinary_mail_with_case_in_it_is_applied(world: World) -> None:
    """Black box: each ordinary line after an EXTEND moves the clock; no refusal."""
    last = None
    for i, line in enumerate(ORDINARY):
        last = working_day_from(NOW.date() + timedelta(days=70 + i), last)
        due = last.isoformat()
        before = query(world.db, "SELECT count(*) FROM events WHERE kind = 'command_refused'")
        world.feed(build([COORD], [stamp(OURS)], f"EXTEND notification: {due} waiting for police\r\n\r\n{line}",
                         mid=world.mid()))
        got = query(world.db, "SELECT k.due FROM clocks k JOIN cases c ON c.id = k.case_id "
                              "WHERE c.ref = ? AND k.key = 'notification'", (REF,))
        assert got and str(got[0][0])[:10] == due, (line, got)
        assert query(world.db, "SELECT count(*) FROM events WHERE kind = 'command_refused'") == before, line


# --- W1: another case named in words ------------------------------------------------------------------------------

AWAY = ["the other case", "another case", "a different case", "a separate case", "the second case",
        "the previous case", "the earlier case", "the first case", "the last case", "the 2nd case", "the third case",
        "the other child's case", "her brother's case", "the sibling's case", "the other cases", "that other case",
        "their previous case", "the former case", "the other case's", "yr achos arall"]
SENTENCES = ["Same for {x}.", "Please do the same for {x} too.", "Also applies to {x}, thanks.", "{X} as well.",
             "And {x}\nThanks", "Can you do this on {x}?", "I meant {x}, sorry.", "Apply this to {x} please"]


def _styled(phrase: str, style: int, wrap: bool) -> str:
    out = (phrase, phrase.upper(), phrase.title())[style % 3]
    return out.replace(" ", "\n", 1) if wrap else out  # a client wrapping the line inside the phrase


@HALF
@given(phrase=st.sampled_from(AWAY), sentence=st.sampled_from(SENTENCES), style=st.integers(0, 2),
       wrap=st.booleans(), where=st.sampled_from(["own_text", "after_a_quoted_line", "html_part"]),
       command=st.sampled_from(COMMANDS))
def test_a_command_naming_another_case_in_words_is_refused_saying_why(
        world: World, phrase: str, sentence: str, style: int, wrap: bool, where: str, command: str) -> None:
    x = _styled(phrase, style, wrap)
    tail = sentence.format(x=x, X=x[:1].upper() + x[1:])
    r = attack(world, "other_case_in_words", _command_mail(world, command, tail, where))
    assert r["changed"] == [], (tail, where, r)
    why = _last_refusal(world)
    assert "more than one case" in why and phrase.split("'")[0].split()[-1] in why.lower(), (tail, why)
    _count("other_case_in_words", attacks=1)


# --- W2: roman numerals, number words in a full reference, other languages ---------------------------------------

ROMAN = {2: "ii", 3: "iii", 4: "iv", 5: "v", 6: "vi", 7: "vii", 8: "viii", 9: "ix", 10: "x", 11: "xi", 12: "xii",
         14: "xiv", 19: "xix", 20: "xx", 24: "xxiv", 40: "xl", 49: "xlix", 50: "l", 90: "xc", 99: "xcix"}
ROMAN2 = {n: r for n, r in ROMAN.items() if len(r) >= 2}  # a single I, V, X or L is never read (below)
ROMAN_SHAPES = ["case {r}", "Case {R}", "CASE {R}", "case no. {R}", "case #{r}", "Case-{R}", "case ({R})",
                "cases 1 and {R}"]
SPELT_REFS = ["NS-CSPR-2026-{w}", "CSPR 2026 {w}", "NS CSPR 2026 {w}", "NS-CSPR-26-{w}", "CSPR 2026 no. {w}",
              "ns cspr 2026 {W}", "NS-CSPR-2026-{R}", "CSPR-2026-{R}", "NS CSPR 2026 {r}"]
LANGUAGES = ["achos {n}", "Achos rhif {n}", "achos #{n}", "sprawa nr {n}", "sprawa {n}", "w sprawie nr {n}",
             "Sprawa nr. {p}", "dosar {n}", "dosarul nr. {n}", "dossier {n}", "dossier n° {n}", "caso {n}",
             "caso n. {n}", "cazul {n}", "\u06a9\u06cc\u0633 {n}",  # Urdu "case", "case number"
             "\u0645\u0642\u062f\u0645\u06c1 \u0646\u0645\u0628\u0631 {n}"]
TAILS = ["Same for {x}.", "Same for {x}, please.", "Please do the same for {x} too.", "Also {x}\nThanks"]


@st.composite
def spelt_other_case(draw: st.DrawFn) -> tuple[str, str]:
    kind = draw(st.sampled_from(["roman", "spelt_ref", "language"]))
    n = draw(st.sampled_from(OTHER_CASES))  # a case that exists: one of no case is set aside (round 17, B2)
    r = ROMAN2[n]
    fields = {"r": r, "R": r.upper(), "n": str(n), "p": f"{n:03d}", "w": word(n, draw(st.integers(0, 2))),
              "W": word(n, 1)}
    shapes = {"roman": ROMAN_SHAPES, "spelt_ref": SPELT_REFS, "language": LANGUAGES}[kind]
    return kind, draw(st.sampled_from(shapes)).format(**fields)


@HALF
@given(named=spelt_other_case(), tail=st.sampled_from(TAILS),
       where=st.sampled_from(["own_text", "after_a_quoted_line", "html_part"]), command=st.sampled_from(COMMANDS),
       digits=st.sampled_from([None, None, "fullwidth", "arabic_indic"]))
def test_roman_numerals_spelt_references_and_other_languages_name_another_case(
        world: World, named: tuple[str, str], tail: str, where: str, command: str, digits: str | None) -> None:
    kind, text = named
    tail = tail.format(x=_spell_digits(text, digits))
    r = attack(world, f"other_case_{kind}", _command_mail(world, command, tail, where))
    assert r["changed"] == [], (tail, where, r)
    assert "more than one case" in _last_refusal(world), (tail, where, r["events"])
    _count(f"other_case_{kind}", attacks=1)


# --- the benign side, generated and measured (parser level: what intake reads) ------------------------------------

BENIGN = [
    # idioms and the subject's own case
    "In any case {d} agencies replied.", "Just in case, {w} copies attached.", "in that case we wait",
    "in case of delay, call me", "The case of {name} was discussed.", "the case-by-case approach", "in this case",
    "this case", "the same case", "on this case only", "in both cases the police replied", "as in other cases",
    "in other cases the school replied", "each case is different", "in such cases we wait", "the case is ongoing",
    "a case in point", "case closed for our service",
    # a compound of the case's own work after an ordinal or "other"
    "the first case conference is on {day}", "The second case review meeting is on {day}.",
    "at the last case conference", "the next case panel is on {day}", "another case study for the training",
    "a separate case discussion with the school", "the previous case management meeting",
    "the first case supervision", "the other case law we cited", "The 2nd case conference",
    # describing the subject's own case
    "This is the second case from this family.", "It was the first case we reviewed this year.",
    "This is the other case I mentioned.", "this was the third case this month",
    "That's the first case in our area since {year}.", "It remains the only case open.",
    # one more instance of something, not a case named
    "another case of neglect in the area", "another case where agencies were slow", "a second case of bruising",
    "a different case like this one", "another case in which the police were late",
    # roman-looking words and letters after "case"
    "in case I forget", "Just in case I miss the call", "Case X in the guidance", "case V of the training set",
    "in this case IV fluids were given", "case XL sizes", "the case vi editor", "case in point: II agencies",
    # a reference's number running into a noun
    "CSPR {year} one-page summary", "the CSPR {year} ten point plan", "NS CSPR {year} annual report",
    "CSPR {year} two-day training", "our CSPR {year} guidance",
    # "case" in other languages running into a count or a noun
    "achos {d} o blant", "achos bod {d} asiantaeth", "w tej sprawie {d} agencje odpowiedziały",
    "dossier {d} pages long", "caso {d} agencias", "dosar {d} pagini",
    # the subject's own case in the new spellings
    "Same for case one.", "Same for case I.", "NS-CSPR-{year}-one", "CSPR {year} I", "achos 1.",
]
NAMES = ["Jamie", "Alex Fictional", "R v Smith", "Re B (A Child)"]


CONTEXTS = ["{line}", "Thanks. {line}", "{line} Regards, Jo", "{upper}", "Noted:\n{line}\nJo Example"]


def _benign_texts() -> Iterator[str]:
    """Every template with several fillers and in several places: the false-refusal measure."""
    for line, (n, style), name, day, context in itertools.product(
            BENIGN, [(2, 0), (7, 1), (12, 2), (45, 0), (99, 1)], NAMES[:2], ["3 December", "12/01/2027"], CONTEXTS):
        text = line.format(d=n, w=word(n, style), name=name, day=day, year=2026)
        yield context.format(line=text, upper=text.upper())


def test_false_refusals_on_benign_generated_text_are_measured_and_none() -> None:
    from parsers import parse_message

    texts = sorted(set(_benign_texts()))
    refused = []
    for i, text in enumerate(texts):
        command = COMMANDS[i % len(COMMANDS)]
        parsed = parse_message(build([COORD], [stamp(OURS)], f"{command}\n\n{text}", mid=f"<benign9.{i}@x>"))
        assert parsed.command is not None, text
        if "ambiguous_refs" in parsed.command.args:
            refused.append((text, parsed.command.args["ambiguous_refs"]))
    _count("benign_false_refusals", inputs=len(texts), refused=len(refused))
    assert len(texts) >= 400 and refused == [], refused


@settings(SETTINGS, max_examples=EXAMPLES)
@given(line=st.sampled_from(BENIGN), n=st.integers(2, 99), style=st.integers(0, 2), command=st.sampled_from(COMMANDS),
       where=st.sampled_from(["plain", "html"]), wrap=st.booleans())
def test_benign_lines_anywhere_in_a_mail_are_not_another_case(line: str, n: int, style: int, command: str,
                                                              where: str, wrap: bool) -> None:
    from parsers import parse_message

    text = line.format(d=n, w=word(n, style), name="Jamie", day="3 December", year=2026)
    if wrap:
        text = text.replace(" ", "\n", 1)
    if where == "html":
        raw = _alternative(command + "\n", f"<p>{command}</p><p>{text}</p>".replace("\n", "<br>\n"), "<b9h@x>")
    else:
        raw = build([COORD], [stamp(OURS)], f"{command}\n\n{text}", mid="<b9@x>")
    parsed = parse_message(raw)
    assert parsed.command is not None and "ambiguous_refs" not in parsed.command.args, (text, parsed.command)


def test_the_reader_alone_every_roman_numeral_to_ninety_nine() -> None:
    from parsers.named_cases import as_case_box, named_numbers, roman_value

    for n in range(1, 100):
        numeral = "".join(itertools.chain.from_iterable(
            sym * count for sym, count in _roman_parts(n)))
        assert roman_value(numeral) == n, numeral
        want = [] if len(numeral) < 2 else [(None, n)]
        for spelt in (numeral, numeral.lower(), numeral.title()):
            assert named_numbers(f"Same for case {spelt}.") == want, spelt
            assert named_numbers(f"in case {spelt} agencies reply") == [], spelt
        if len(numeral) >= 2:
            assert as_case_box(f"Case {numeral} (Lee Specimen)") == f"Case no. {n} (Lee Specimen)"


def _roman_parts(n: int) -> list[tuple[str, int]]:
    out = []
    for value, sym in [(90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]:
        count, n = divmod(n, value)
        out.append((sym, count))
    return out


# --- W3: a return's case box: "Case II", and the other open case's child's name alone ------------------------------

BOX_SHAPES = ["Case {R}", "Case {R} (Jamie Testcase)", "case {r}", "CSPR 2026 {R}", "NS-CSPR-2026-{w}",
              "Case: {R}", "achos {n}", "the other case"]


@HALF
@given(shape=st.sampled_from(BOX_SHAPES), n=st.sampled_from(sorted(ROMAN2)), lead=st.sampled_from(LEADS),
       as_docx=st.booleans())
def test_a_return_whose_case_box_names_another_case_in_words_or_numerals_is_held(
        world: World, shape: str, n: int, lead: tuple[str, str], as_docx: bool) -> None:
    box = shape.format(R=ROMAN2[n].upper(), r=ROMAN2[n], w=word(n), n=n)
    r = attack(world, "return_box_roman_words", _return_mail(world, lead, box, as_docx))
    assert r["changed"] == [], (box, lead, r)
    assert r["rows"] and r["rows"][0][0] == "quarantined", (box, r["rows"])
    assert "names two different cases" in (r["rows"][0][1] or ""), (box, r["rows"])
    _count("return_box_roman_words", attacks=1)


def _name_shapes(name: str) -> list[str]:
    first, last = name.split(" ", 1)
    return [name, name.upper(), f"{last}, {first}", f"{last.upper()} {first}", f"{name} (child)",
            f"Re: {name}", f"{first}  {last}", f"{first[0]}\u0301{first[1:]} {last}", f"{name}, DOB not known"]


@HALF
@given(data=st.data(), lead=st.sampled_from(LEADS), as_docx=st.booleans())
def test_a_return_whose_case_box_names_the_other_open_cases_child_is_held(
        world: World, data: st.DataObject, lead: tuple[str, str], as_docx: bool) -> None:
    box = data.draw(st.sampled_from(_name_shapes(world.other_child)))  # type: ignore[attr-defined]
    r = attack(world, "return_box_other_child", _return_mail(world, lead, box, as_docx))
    assert r["changed"] == [], (box, lead, r)
    assert r["rows"] and r["rows"][0][0] == "quarantined", (box, r["rows"])
    reason = r["rows"][0][1] or ""
    assert "child of another open case" in reason and REF2 in reason, (box, reason)
    assert world.other_child.split()[0] not in reason, reason  # type: ignore[attr-defined]  # no child's name
    assert not any(k == "confirm" for _, k in r["answers"]), (box, r["answers"])
    _count("return_box_other_child", attacks=1)


OWN_BOXES = ["Alex Fictional", "FICTIONAL, Alex", "alex fictional", "Alex Fictional (NS-CSPR-2026-001)",
             "Case I (Alex Fictional)", "NS-CSPR-2026-one", "Aiden", "Ashdown family (not this one)", "4521",
             "See subject"]


def test_a_return_naming_its_own_child_or_a_part_name_is_credited(world: World) -> None:
    """The other side, after the held ones: the subject's own child however written, one word of the other
    child's name, an agency's own reference: credited (each agency's first stops its clock)."""
    for i, box in enumerate(OWN_BOXES):
        out = world.feed(_return_mail(world, LEADS[i % len(LEADS)], box, as_docx=i % 2 == 1))
        assert out[0].status == "processed", (box, out)
        _count("return_box_benign", inputs=1)
    got = query(world.db, "SELECT a.agency, a.received_on FROM agency_requests a JOIN cases c ON c.id = a.case_id "
                          "WHERE c.ref = ? ORDER BY a.agency", (REF,))
    assert got and all(received == NOW.date().isoformat() for _, received in got), got


def test_the_coordinators_forward_confirms_a_return_held_for_the_other_childs_name(tmp_path: Any) -> None:
    """Held, then the co-ordinator forwards it: credited as of the first receipt."""
    import random

    w = _make_world(tmp_path)
    try:
        other = child_for(0, random.Random(9))
        w.feed(_signed(referral("<second.ref@csc.example.gov.uk>", NOW - timedelta(minutes=90),
                                NOW.date() - timedelta(days=3), child=other), "csc.example.gov.uk"))
        lead = LEADS[0]
        out = w.feed(_return_mail(w, lead, other.name, as_docx=False))
        assert out[0].status == "quarantined" and "child of another open case" in out[0].detail, out
        inner = _return_mail(w, lead, other.name, as_docx=False)
        fwd = (f"Authentication-Results: {stamp(OURS)}\r\nFrom: {COORD}\r\nTo: csprbot@nsscp.example.gov.uk\r\n"
               f"Subject: FW: RE: [{REF}] New CSPR referral\r\nDate: {format_datetime(NOW)}\r\n"
               f"Message-ID: {w.mid()}\r\nMIME-Version: 1.0\r\n"
               'Content-Type: multipart/mixed; boundary="F1"\r\n\r\n--F1\r\nContent-Type: text/plain\r\n\r\n'
               "Checked: this return is for this case.\r\n--F1\r\nContent-Type: message/rfc822\r\n\r\n"
               ).encode() + inner + b"\r\n--F1--\r\n"
        out = w.feed(fwd)
        assert out[0].status == "processed", out
        got = query(w.db, "SELECT a.received_on FROM agency_requests a JOIN cases c ON c.id = a.case_id "
                          "WHERE c.ref = ? AND a.agency = ?", (REF, lead[0]))
        assert got and got[0][0] is not None, got
        events = [k for (k,) in query(w.db, "SELECT kind FROM events WHERE kind = 'held_return_confirmed'")]
        assert events, events
    finally:
        w.app.close()


def test_zz_record_figures() -> None:
    """Runs last in this module: the counts each class measured (docs/RELIABILITY.md)."""
    from test_adversarial_round4 import STATS

    for cls, figures in sorted(FIGURES.items()):
        record_figures(f"adversarial_round9_refs.{cls}", **figures)
    for cls in [c for c in STATS if c.startswith(("other_case", "return_box"))]:
        assert STATS[cls]["state_changes"] == 0 and STATS[cls]["lost"] == 0, (cls, STATS[cls])
    assert FIGURES.get("benign_false_refusals", {}).get("refused", 0) == 0, FIGURES
