"""Adversarial suite, stranger round 6's reference breaks (issue 10, S5 and S9), generated and judged from outside.

  S5. the co-ordinator's command under case 001 whose own text said "Same for case-002.", "case (002)", "case nr 2"
      or "case two" was applied to 001: the finder read a case number after "case" / "ref" only with a space,
      `no.`, `number` or `#` between, and never a number word. Here: every punctuation a person puts between
      the word and the number (a dash, an underscore, brackets, `nr`, `num`, `n°`, a colon), number words,
      "cases 2 and 3", and a short number that ends the phrase ("Same for case 2.") name a case: refused.
      The other side, a count after "case" ("in this case two agencies", "case 2 of 3", "case two weeks ago"),
      a footnote ("ref (2)"), a house number ("no. 2 Acacia Avenue"), dates: no second case, applied.
  S9. an agency return under `RE: [NS-CSPR-2026-001]` whose form's case reference was `2026/002`,
      `NS CSPR 26/2`, `case-002` or `case (002)` was credited to 001: the return path read only the exact
      reference. It now reads the form's case reference with the command's reader (`cases_named`): held,
      credited to neither. The subject's own case so spelt is credited.
  Stranger round 7 (R1-R3): `case "002"`, `case=002`, `case 2/2026`, `case 2nd`, `case 0 0 2`, `case zero zero
      two`, and "Same for case 2." on an own line right after a `>` quoted line were applied; the same in a
      return's case box (and `Case 2 (Jamie Testcase)`, `NS CSPR 2026 two`) was credited. The other side:
      "Just in case: 2 copies attached." and the idioms "in any case", "in that case", "case in point" are none.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_kit import ROLE, docx_replace, filled_return, query, reply, working_day_from
from test_adversarial import EXAMPLES, NOW, OTHER_CASES, OURS, REF, World, _make_world, add_cases, build, stamp
from test_adversarial_round4 import COMMANDS, SETTINGS, _alternative, _last_refusal, _spell_digits, attack

# Half the round's examples through the store (each input is a whole intake pass), the round's count through the
# parser alone: the file adds well under a minute at the CI size.
HALF = settings(SETTINGS, max_examples=max(EXAMPLES // 2, 10))

COORD = ROLE["coordinator"]
UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def word(n: int, style: int = 0) -> str:
    """n (1-99) in words, in one of the ways people write them ("twenty-one", "Twenty one", "TWO")."""
    if n < 10:
        out = UNITS[n - 1]
    elif n < 20:
        out = TEENS[n - 10]
    else:
        out = TENS[n // 10 - 2] + (("-", " ", "")[style % 3] + UNITS[n % 10 - 1] if n % 10 else "")
    return (out, out.capitalize(), out.upper())[style % 3]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _make_world(tmp_path_factory.mktemp("round7refs"))
    add_cases(w)
    yield w
    w.app.close()


ORDINARY = ["in this case two agencies were involved", "case 2 of 3 agencies replied",
            "no. 2 Acacia Avenue, case conference on 2 Dec", "see ref (2) in the guidance",
            "Just in case: 2 copies attached.", "In any case 2 agencies replied.", "> earlier text\nSame for case one.",
            "Case in point: 2 agencies were late."]


def test_an_ordinary_extension_with_counts_after_case_is_applied(world: World) -> None:
    """Black-box: the benign neighbours go through intake and move the clock (no refusal). First in the file,
    on the untouched world."""
    last = None
    for i, line in enumerate(ORDINARY):
        last = working_day_from(NOW.date() + timedelta(days=60 + i), last)
        due = last.isoformat()
        before = query(world.db, "SELECT count(*) FROM events WHERE kind = 'command_refused'")
        world.feed(build([COORD], [stamp(OURS)], f"EXTEND notification: {due} waiting for police\r\n\r\n{line}",
                         mid=world.mid()))
        got = query(world.db, "SELECT k.due FROM clocks k JOIN cases c ON c.id = k.case_id "
                              "WHERE c.ref = ? AND k.key = 'notification'", (REF,))
        assert got and str(got[0][0])[:10] == due, (line, got)
        assert query(world.db, "SELECT count(*) FROM events WHERE kind = 'command_refused'") == before


# --- S5: a case named by a word and a number, any punctuation between --------------------------------------

CASE_WORDS = ["case", "Case", "CASE", "cases", "case ref", "Case Reference"]
REF_WORDS = ["ref", "Ref.", "our ref", "your ref", "reference", "Our Reference"]
# A mark between the word and the number: "{k}" the word, "{n}" the number. Every one was applied on main.
CASE_MARKS = ["{k}-{n}", "{k} -{n}", "{k}_{n}", "{k} ({n})", "{k}({n})", "{k} [{n}]", "{k} nr {n}", "{k} nr. {n}",
              "{k} num {n}", "{k} num. {n}", "{k} n° {n}", "{k} Nr {n}", "{k}-nr-{n}", "{k} (no. {n})"]
REF_MARKS = ["{k} nr {n}", "{k} nr. {n}", "{k} num {n}", "{k} n° {n}", "{k} Nr. {n}"]
REF_PADDED = ["{k}-{n}", "{k} ({n})", "{k}({n})", "{k} [{n}]", "{k}_{n}"]  # three digits: "ref (2)" is a footnote
# A short number or a number word that ends the phrase after "case": a case's number, not a count
SENTENCES = ["Same for {x}.", "Please do the same for {x} too.", "Same for {x}, please.", "{x}: same again.",
             "Also {x}\nThanks", "Same for {x} Thanks", "Same for {x} and the others.",
             "The same applies to {x} as well", "As {x}!", "Same for {x}; thanks"]


@st.composite
def named_number(draw: st.DrawFn, other: int) -> str:
    """Case `other` (2-99) named by a word and its number in a spelling main read as nothing."""
    shape = draw(st.sampled_from(["case_mark", "ref_mark", "ref_padded", "plain_case", "word_case", "list"]))
    digits = draw(st.sampled_from([str(other), f"{other:03d}"]))
    as_word = word(other, draw(st.integers(0, 2)))
    if shape == "case_mark":
        n = draw(st.sampled_from([digits, as_word]))
        return draw(st.sampled_from(CASE_MARKS)).format(k=draw(st.sampled_from(CASE_WORDS)), n=n)
    if shape == "ref_mark":
        return draw(st.sampled_from(REF_MARKS)).format(k=draw(st.sampled_from(REF_WORDS)), n=digits)
    if shape == "ref_padded":
        return draw(st.sampled_from(REF_PADDED)).format(k=draw(st.sampled_from(REF_WORDS)), n=f"{other:03d}")
    if shape == "plain_case":  # "case 2", "Case 12" at the end of the phrase
        return f"{draw(st.sampled_from(['case', 'Case', 'CASE']))} {other}"
    if shape == "word_case":
        return f"{draw(st.sampled_from(['case', 'Case', 'CASE', 'case no.', 'case number']))} {as_word}"
    first = draw(st.sampled_from(["cases 1", "cases one", "case 001"]))
    return f"{first} {draw(st.sampled_from(['and', '&', 'or', ',']))} {draw(st.sampled_from([str(other), as_word]))}"


@HALF
@given(data=st.data(), other=st.sampled_from(OTHER_CASES), where=st.sampled_from(["own_text", "html_part"]),
       sentence=st.sampled_from(SENTENCES), command=st.sampled_from(COMMANDS),
       digits=st.sampled_from([None, None, "fullwidth", "arabic_indic"]))
def test_another_case_named_by_a_word_and_a_number_with_any_mark_is_refused(
        world: World, data: st.DataObject, other: int, where: str, sentence: str, command: str,
        digits: str | None) -> None:
    named = _spell_digits(data.draw(named_number(other)), digits)
    tail = sentence.format(x=named)
    if where == "own_text":
        raw = build([COORD], [stamp(OURS)], f"{command}\r\n\r\n{tail}", mid=world.mid())
    else:
        raw = _alternative(command + "\n", f"<p>{command}</p><p>{tail}</p>".replace("\n", "<br>\n"), world.mid())
    r = attack(world, "named_number_reference", raw)
    assert r["changed"] == [], (tail, where, r)
    assert "more than one case" in _last_refusal(world), (tail, where, r["events"])


# The other side: what a co-ordinator writes every day after "case", "ref" or "no.", in words or digits
BENIGN = ["in this case {w} agencies were involved", "In this case {d} agencies were involved",
          "case {w} of {w2} agencies", "case {d} of {d2} agencies replied", "a case {w} weeks ago",
          "in case {w} agencies reply late", "in case {d} agencies reply late", "In this case, {w} agencies replied.",
          "in most cases {w} or {w2} agencies reply", "in both cases {d} children", "case conference on {d} Dec",
          "case conference on {day}", "no. {d} Acacia Avenue", "No. {d} Acacia Avenue", "{w} children at home",
          "{W} agencies replied.", "see ref ({d}).", "see ref {d}.", "see ref [{d}] in the guidance",
          "the case-by-case approach", "case {d}-{d2} days", "a showcase {d}.", "case {w} or {w2} weeks ago",
          "in this case - {d} agencies", "the case {year} guidance", "our ref {date}", "ref {date}, 14 days after",
          "call {phone}", "a case two years ago", "each case, {w} times", "case {w} and {w2} agencies",
          "see case 1.", "Same for case one.", "Case 001 and case one are this one", "cases 1 and 001.",
          "1. Criteria not met in this case.\n{d}. Learning to be shared.",
          "We reviewed the case\n{d}) police to report",
          "The points in this case:\n{d}. the school", "in this case\n{d} agencies"]
PHONES = ["0117 922 3000", "07700 900123", "+44 117 922 3000", "01632 960 002"]


@settings(SETTINGS, max_examples=EXAMPLES)
@given(line=st.sampled_from(BENIGN), n=st.integers(2, 99), n2=st.integers(2, 99), style=st.integers(0, 2),
       day=st.dates(min_value=NOW.date(), max_value=NOW.date() + timedelta(400)),
       date_style=st.sampled_from(["%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%Y.%m.%d", "%d %b %Y"]),
       phone=st.sampled_from(PHONES), command=st.sampled_from(COMMANDS),
       digits=st.sampled_from([None, "fullwidth", "arabic_indic"]))
def test_counts_footnotes_house_numbers_and_dates_after_case_or_ref_are_not_another_case(
        line: str, n: int, n2: int, style: int, day: Any, date_style: str, phone: str, command: str,
        digits: str | None) -> None:
    from parsers import parse_message

    text = line.format(w=word(n, style), w2=word(n2, style), W=word(n, 1), d=n, d2=n2, year=day.year,
                       day=day.strftime("%d %B"), date=day.strftime(date_style), phone=phone)
    body = f"{command}\n\n{_spell_digits(text, digits)}"
    parsed = parse_message(build([COORD], [stamp(OURS)], body, mid="<benign7@x>"))
    assert parsed.command is not None and "ambiguous_refs" not in parsed.command.args, (body, parsed.command)


# --- S9: an agency return whose form names another case loosely --------------------------------------------

LEADS = [("Education", ROLE["education_lead"]), ("Avon and Somerset Police", ROLE["police_lead"]),
         ("ICB Health", "example.health.lead@nhs.net")]
FORM_REFS = ["2026/{n:03d}", "2026-{n:03d}", "NS CSPR 26/{n}", "NS-CSPR-26-{n:03d}", "case-{n:03d}",
             "case ({n:03d})", "Case {n:03d}", "case no. {n}", "case nr {n}", "{n:03d}/2026", "26/{n:03d}",
             "CSPR 2026 no. {n}", "NS 2026 {n}", "#{n}", "{n:03d}", "ref {n:03d}", "case {w}", "NS CSPR 2026 {n}"]


def _text_return(agency: str, sender: str, form_ref: str) -> str:
    """The request's form pasted into the reply as text, filled in (as the stranger did)."""
    return (f"Rapid Review: Agency Return\n\nCase reference: {form_ref}\nAgency: {agency}\nAuthor name: Pat Author\n"
            f"Author role: Named nurse\nAuthor email: {sender}\nAuthor telephone: 01234 567890\n"
            "Was your agency involved with the child or family? (Yes / No): Yes\n"
            "Period of involvement from: 2025-01-01\nPeriod of involvement to: 2026-11-17\n"
            "Summary of involvement / chronology: Two contacts with the family in 2026, both routine.\n"
            "Immediate actions taken or needed: None further.\nLearning identified: Information sharing.\n"
            "Have records been secured? (Yes / No): Yes\nSigned off by (manager): A Manager\n"
            "Date completed: 2026-11-18")


def _return_mail(world: World, lead: tuple[str, str], form_ref: str, as_docx: bool) -> bytes:
    agency, sender = lead
    domain = sender.rsplit("@", 1)[1]
    sent = NOW - timedelta(minutes=3)
    if as_docx:
        form = docx_replace(filled_return(REF, agency, "No", "Lee Specimen", sender), {REF: form_ref})
        return reply(sender, REF, "Please find our return attached.", sent, world.mid(), auth=stamp(domain),
                     attachment=("agency return.docx", form))
    return reply(sender, REF, _text_return(agency, sender, form_ref), sent, world.mid(), auth=stamp(domain))


@HALF
@given(shape=st.sampled_from(FORM_REFS), other=st.integers(2, 99), lead=st.sampled_from(LEADS),
       as_docx=st.booleans(), digits=st.sampled_from([None, None, "fullwidth", "devanagari"]))
def test_a_return_whose_form_names_another_case_in_any_spelling_is_credited_to_neither(
        world: World, shape: str, other: int, lead: tuple[str, str], as_docx: bool, digits: str | None) -> None:
    form_ref = _spell_digits(shape.format(n=other, w=word(other)), digits)
    r = attack(world, "return_naming_another_case", _return_mail(world, lead, form_ref, as_docx))
    assert r["changed"] == [], (form_ref, lead, r)
    assert r["rows"] and r["rows"][0][0] == "quarantined", (form_ref, r["rows"])
    assert "names two different cases" in (r["rows"][0][1] or ""), (form_ref, r["rows"])
    assert not any(k == "confirm" for _, k in r["answers"]), (form_ref, r["answers"])


OWN_REFS = ["NS-CSPR-2026-001", "2026/001", "NS CSPR 26/1", "case-001", "case (001)", "Case 1", "case one",
            "001", "NS-CSPR-2026-OO1", "ref 001", "See subject", "N/A", "as above",
            # an agency's own reference written in the field: no case of ours
            "4521", "CR/123456/26", "SC-88213", "ES 2026 file 7",
            # round 7: the own case in the new spellings
            "Case 1 (Lee Specimen)", 'case "001"', "NS CSPR 2026 one", "case 1st", "case 001/2026"]


def test_a_return_whose_form_names_its_own_case_in_any_spelling_is_credited(world: World) -> None:
    """The other side, after the held ones above: the subject's own case however spelt (or no reference at all)
    in the form is that case: credited, not held. Each agency's first such return stops its clock."""
    for i, own in enumerate(OWN_REFS):
        lead = LEADS[i % len(LEADS)]
        out = world.feed(_return_mail(world, lead, own, as_docx=i % 2 == 1))
        assert out[0].status == "processed", (own, out)
        assert "two different cases" not in (out[0].detail or ""), (own, out)
    got = query(world.db, "SELECT a.agency, a.received_on FROM agency_requests a JOIN cases c ON c.id = a.case_id "
                          "WHERE c.ref = ? ORDER BY a.agency", (REF,))
    assert got and all(received == NOW.date().isoformat() for _, received in got), got


@pytest.mark.parametrize("style", [0, 1, 2])
def test_every_number_word_after_case_reads_as_its_number(style: int) -> None:
    """The reader alone: "case one." to "case ninety-nine." in each way of writing, and nothing in the count."""
    from parsers.named_cases import named_numbers

    for n in range(1, 100):
        assert named_numbers(f"Same for case {word(n, style)}.") == [(None, n)], (n, style)
        assert named_numbers(f"in case {word(n, style)} agencies reply") == [], (n, style)


# --- Stranger round 7 R1 / R3: more spellings of another case, and the idioms that are none ------------------

def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def spaced(n: int, words: bool) -> str:
    """n written digit by digit, zero-padded to three: "0 0 2", "zero zero two", "zero one two"."""
    digits = [int(c) for c in f"{n:03d}"]
    return " ".join(("zero" if d == 0 else UNITS[d - 1]) if words else str(d) for d in digits)


R7_SHAPES = ['case "{p}"', "case '{p}'", "case \u201c{p}\u201d", "case={p}", "case = {p}", 'Case="{p}"',
             "case {n}/2026", "case {p}/2026", "Case {n} / 2026", "case {o}", "Case {o}", "case {s}", "CASE {sw}",
             "case {sw}"]
R7_SENTENCES = ["Same for {x}.", "Same for {x}, please.", "Please do the same for {x} too.", "Also {x}\nThanks"]


@HALF
@given(shape=st.sampled_from(R7_SHAPES), other=st.sampled_from(OTHER_CASES), sentence=st.sampled_from(R7_SENTENCES),
       where=st.sampled_from(["own_text", "after_a_quoted_line", "html_part"]), command=st.sampled_from(COMMANDS))
def test_round7_spellings_of_another_case_in_a_command_are_refused(
        world: World, shape: str, other: int, sentence: str, where: str, command: str) -> None:
    named = shape.format(n=other, p=f"{other:03d}", o=ordinal(other), s=spaced(other, False),
                         sw=spaced(other, True))
    tail = sentence.format(x=named)
    if where == "html_part":
        raw = _alternative(command + "\n", f"<p>{command}</p><p>{tail}</p>".replace("\n", "<br>\n"), world.mid())
    else:
        quote = "> earlier text from the thread\r\n" if where == "after_a_quoted_line" else ""
        raw = build([COORD], [stamp(OURS)], f"{command}\r\n\r\n{quote}{tail}", mid=world.mid())
    r = attack(world, "named_number_reference_r7", raw)
    assert r["changed"] == [], (tail, where, r)
    assert "more than one case" in _last_refusal(world), (tail, where, r["events"])


# "just in case", "in any case", "in that case", "case in point", a colon then a count: no case
IDIOMS = ["Just in case: {d} copies attached.", "Just in case, {d} copies attached.",
          "just in case {d} agencies reply", "Just in case: {w} copies attached.", "Just in case {d}.",
          "Just in case: {d}.", "In any case {d} agencies replied.", "In any case, {w} agencies replied.",
          "in any case {d}.", "In that case {d} agencies still owe returns", "in that case: {d} reminders",
          "in which case {d} reminders go out", "Case in point: {d} agencies were late.",
          "case in point {d}", "in case: {d} copies", "case: {d} agencies", "Case: {w} agencies replied",
          "No. {d} Acacia Avenue", "#{d} on the list is the school", "the {o} case conference", "case {o} hearing",
          "> Same for case {d}.\nThanks, applied.", "in case of {d} agencies", "a case {d} years old"]


@settings(SETTINGS, max_examples=EXAMPLES)
@given(line=st.sampled_from(IDIOMS), n=st.integers(2, 99), style=st.integers(0, 2),
       command=st.sampled_from(COMMANDS))
def test_idioms_and_counts_after_case_colon_are_not_another_case(line: str, n: int, style: int, command: str) -> None:
    from parsers import parse_message

    body = f"{command}\n\n{line.format(d=n, w=word(n, style), o=ordinal(n))}"
    parsed = parse_message(build([COORD], [stamp(OURS)], body, mid="<idiom7@x>"))
    assert parsed.command is not None and "ambiguous_refs" not in parsed.command.args, (body, parsed.command)


# A return's case box: the box asks for a case, so "Case 2 (name)" is case 2 (a bare "2" stays unread)
R7_FORM_REFS = ['case "{n:03d}"', "case={n:03d}", "Case {n} (Jamie Testcase)", "case {o}", "NS CSPR 2026 {w}",
                "Case: {n}", "case {n}/2026", "case {s}", "Case {w} (Jamie Testcase)"]


@HALF
@given(shape=st.sampled_from(R7_FORM_REFS), other=st.integers(2, 99), lead=st.sampled_from(LEADS),
       as_docx=st.booleans())
def test_round7_return_whose_case_box_names_another_case_is_credited_to_neither(
        world: World, shape: str, other: int, lead: tuple[str, str], as_docx: bool) -> None:
    form_ref = shape.format(n=other, w=word(other), o=ordinal(other), s=spaced(other, False))
    r = attack(world, "return_naming_another_case_r7", _return_mail(world, lead, form_ref, as_docx))
    assert r["changed"] == [], (form_ref, lead, r)
    assert r["rows"] and r["rows"][0][0] == "quarantined", (form_ref, r["rows"])
    assert "names two different cases" in (r["rows"][0][1] or ""), (form_ref, r["rows"])


# --- Stranger round 8, D1: "case" at the end of a line, the number at the start of the next --------------------
# A mail client wrapping at 72 columns puts the break anywhere; "case" / "#2", "case" / "two." and "case" / "2."
# alone on its line name a case as on one line. A short number, '.' or ')' and text is a numbered list's item.
LINE_BREAKS = ["\n", "\r\n", "\n\n", "\r\n\r\n", "<br>", "<br/>\n", "</p><p>"]
WRAPPED = ["#{n}", "# {n}", "#{p}", "{w}", "{W}", "{n}", "({p})", "No. {n}", "nr {n}", "{p}"]
WRAP_ENDS = [".", "", ", please.", "\nThanks", " too.", " as well, thanks"]


@HALF
@given(brk=st.sampled_from(LINE_BREAKS), shape=st.sampled_from(WRAPPED), other=st.sampled_from(OTHER_CASES),
       style=st.integers(0, 2), end=st.sampled_from(WRAP_ENDS), command=st.sampled_from(COMMANDS))
def test_another_case_named_across_a_line_break_is_refused(
        world: World, brk: str, shape: str, other: int, style: int, end: str, command: str) -> None:
    named = shape.format(n=other, p=f"{other:03d}", w=word(other, style), W=word(other, 1))
    if brk.startswith("<"):  # HTML-only wrap: the plain part holds only the command
        html = f"<p>{command}</p><p>Same for case{brk}{named}{end}</p>".replace("\n", "<br>\n")
        raw = _alternative(command + "\n", html, world.mid())
    else:
        raw = build([COORD], [stamp(OURS)], f"{command}\r\n\r\nSame for case{brk}{named}{end}", mid=world.mid())
    r = attack(world, "named_number_wrapped", raw)
    assert r["changed"] == [], (brk, named, end, r)
    assert "more than one case" in _last_refusal(world), (brk, named, end, r["events"])


WRAPPED_BENIGN = ["for this case{b}{d}. Agencies to reply", "We reviewed the case{b}{d}) police to report",
                  "The points in this case:{b}{d}. the school", "in this case{b}{d} agencies replied",
                  "the case{b}{w} weeks ago", "in this case{b}{d}. The school. {d2}. The police.",
                  "1. Criteria not met in this case{b}{d}. Learning to be shared.", "just in case{b}{d} copies",
                  "case{b}{d} of {d2} agencies", "In any case{b}{d}) chase the school"]


@settings(SETTINGS, max_examples=EXAMPLES)
@given(line=st.sampled_from(WRAPPED_BENIGN), brk=st.sampled_from(["\n", "\r\n", "\n\n"]), n=st.integers(2, 99),
       n2=st.integers(2, 99), style=st.integers(0, 2), command=st.sampled_from(COMMANDS))
def test_a_numbered_list_or_a_count_after_case_on_the_next_line_is_not_another_case(
        line: str, brk: str, n: int, n2: int, style: int, command: str) -> None:
    from parsers import parse_message

    body = f"{command}\n\n{line.format(b=brk, d=n, d2=n2, w=word(n, style))}"
    parsed = parse_message(build([COORD], [stamp(OURS)], body, mid="<wrap8@x>"))
    assert parsed.command is not None and "ambiguous_refs" not in parsed.command.args, (body, parsed.command)
