"""Adversarial suite, stranger round 3's open break and observation (issue 10), generated and judged from outside.

A co-ordinator's command whose subject names case 001 but whose own text (or HTML alternative) names case 002
was applied to 001 when 002 was spelt with look-alike letters from another script (Cyrillic 'Ѕ' for S, 'С' for
C, 'Р' for P, Latin 'Ƨ' for 2) or by its number alone ("case 002", "2026/002"): 10 of 64 spellings. And the
HTML part decided the command when the plain part held none ("FYI see below"), including a command hidden by
`display:none` above visible text. Here:

  1. look-alikes drawn from the Unicode confusables data itself (every character that reads as the letter or
     digit it replaces), any subset of a reference's characters, in the own text or the HTML part: refused;
  2. bare numbers ("case 002", "case #2", "case no. 2", "2026/002", "2026-002", "2026.002"): refused, and the
     other side, a date, a time, a crime number, "in this case 2 agencies", the subject's own case spelt
     barely: not a second case;
  3. a command hidden by an inline style or the `hidden` attribute: not a command;
  4. plain and HTML alternatives that disagree (one holds the command, the other does not): refused, saying so;
     alternatives that agree (Outlook-style HTML) or an empty plain part: accepted;
  5. (stranger round 4, B10) another case in other scripts' or styles' digits, look-alike digits ('O' for 0),
     small capitals, combining marks, invisible characters, foreign dashes / slashes / spaces, or as "ref 002",
     "Ref. 575", "our ref 2026/2", "26/002", "002/2026": refused; the subject's own case so spelt, and dates,
     times, telephone and crime numbers in any script's digits: not a second case.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from functools import lru_cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import ROLE, query, record_figures
from test_adversarial import EXAMPLES, NOW, OTHER_CASES, OURS, REF, World, _make_world, add_cases, build, stamp
from test_adversarial import STATS as ROUND1_STATS
from test_adversarial_round2 import _alternative as round2_alternative

COORD = ROLE["coordinator"]
STATS: dict[str, dict[str, int]] = {}
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])
FAST = settings(max_examples=EXAMPLES * 3, deadline=None, derandomize=True)
COMMANDS = ["CLOSE: duplicate", "DECISION: NO RAPID REVIEW criteria not met",
            "EXTEND screening: 2026-12-31 waiting for police", "WAIVE Education: not involved"]


def attack(world: World, cls: str, raw: bytes) -> dict[str, Any]:
    r = world.attack(cls, raw, set())
    ROUND1_STATS.pop(cls, None)
    s = STATS.setdefault(cls, {"inputs": 0, "state_changes": 0, "lost": 0})
    s["inputs"] += 1
    s["state_changes"] += bool(r["changed"])
    s["lost"] += not r["rows"]
    return r


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _make_world(tmp_path_factory.mktemp("round4"))
    add_cases(w)
    yield w
    w.app.close()


def _alternative(plain: str | None, html: str, mid: str, subject: str = f"RE: [{REF}] Rapid review") -> bytes:
    return round2_alternative(COORD, subject, plain, html, mid)


def _last_refusal(world: World) -> str:
    rows = query(world.db, "SELECT detail FROM events WHERE kind = 'command_refused' ORDER BY id DESC LIMIT 1")
    return str(rows[0][0]) if rows else ""


# --- 1: look-alike letters and digits from the confusables data -----------------------------------------------

@lru_cache(maxsize=1)
def _lookalikes() -> dict[str, list[str]]:
    """For each ASCII letter and digit, the characters of other scripts that read as it (Unicode confusables,
    the data the 'confusable-homoglyphs' package ships), found independently of the parser's own table."""
    import unicodedata

    from confusable_homoglyphs.confusables import confusables_data

    found: dict[str, list[str]] = {}
    for char, glyphs in confusables_data.items():
        if len(char) != 1 or char.isascii() or unicodedata.normalize("NFKC", char).isascii():
            continue  # NFKC look-alikes (full-width, mathematical) are round 2's class
        for g in glyphs:
            if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalnum():
                found.setdefault(g["c"].upper(), []).append(char)
    return {k: sorted(set(v)) for k, v in found.items()}


@st.composite
def lookalike_reference(draw: st.DrawFn, seq: int) -> str:
    """NS-CSPR-2026-<seq> with a non-empty subset of its letters and digits replaced by look-alikes."""
    plain = f"NS-CSPR-2026-{seq:03d}"
    table = _lookalikes()
    places = [i for i, c in enumerate(plain) if c.upper() in table]
    chosen = draw(st.sets(st.sampled_from(places), min_size=1, max_size=4))
    out = list(plain)
    for i in chosen:
        out[i] = draw(st.sampled_from(table[plain[i].upper()]))
    return "".join(out)


def test_the_lookalike_table_covers_the_letters_of_a_reference() -> None:
    """The generator's own check: the stranger's characters are in it (else the test below proves little)."""
    table = _lookalikes()
    for ascii_char, lookalike in [("S", "\u0405"), ("C", "\u0421"), ("P", "\u0420"), ("2", "\u01a7"),
                                  ("N", "\u039d"), ("O", "\u041e")]:
        assert lookalike in table[ascii_char], (ascii_char, lookalike)
    assert all(c in table for c in "NSCPR23456789"), sorted(set("NSCPR23456789") - set(table))


@SETTINGS
@given(data=st.data(), other=st.integers(2, 999), where=st.sampled_from(["own_text", "html_part", "subject"]),
       command=st.sampled_from(COMMANDS))
def test_a_lookalike_spelling_of_another_case_makes_a_command_ambiguous(world: World, data: st.DataObject,
                                                                        other: int, where: str,
                                                                        command: str) -> None:
    ref2 = data.draw(lookalike_reference(other))
    if where == "own_text":
        raw = build([COORD], [stamp(OURS)], f"{command}\r\nThis is about {ref2}.", mid=world.mid())
    elif where == "subject":
        raw = build([COORD], [stamp(OURS)], command, subject=f"RE: [{REF}] see {ref2}", mid=world.mid())
    else:
        raw = _alternative(command + "\n", f"<p>{command}</p><p>This is about {ref2}.</p>", world.mid())
    r = attack(world, "lookalike_reference", raw)
    assert r["changed"] == [], (ref2, where, r)
    assert "more than one case" in _last_refusal(world), (ref2, where, r["events"])


@FAST
@given(data=st.data(), html=st.booleans())
def test_the_subjects_own_case_in_lookalikes_is_the_same_case(data: st.DataObject, html: bool) -> None:
    """The other side: the subject's own case spelt with look-alikes is that case, not a second one."""
    from parsers import parse_message

    own = data.draw(lookalike_reference(1))
    body = f"CLOSE: finished ({own})"
    raw = (_alternative(body + "\n", f"<p>{body}</p>", "<own@x>") if html
           else build([COORD], [stamp(OURS)], body, mid="<own@x>"))
    parsed = parse_message(raw)
    assert parsed.command is not None and "ambiguous_refs" not in parsed.command.args, (own, parsed.command)


# --- 2: a case named by its number alone -------------------------------------------------------------------------

BARE = ["case {n:03d}", "Case {n:03d}", "case #{n}", "case no. {n}", "Case No {n}", "case number {n}",
        "case ref {n:03d}", "case: {n:03d}", "2026/{n:03d}", "2026-{n:03d}", "2026.{n:03d}", "2026 / {n:03d}"]


@SETTINGS
@given(shape=st.sampled_from(BARE), other=st.sampled_from(OTHER_CASES),
       where=st.sampled_from(["own_text", "html_part"]), command=st.sampled_from(COMMANDS))
def test_another_case_named_by_its_number_alone_makes_a_command_ambiguous(world: World, shape: str, other: int,
                                                                          where: str, command: str) -> None:
    ref2 = shape.format(n=other)
    if where == "own_text":
        raw = build([COORD], [stamp(OURS)], f"{command}\r\nThis is about {ref2}.", mid=world.mid())
    else:
        raw = _alternative(command + "\n", f"<p>{command}</p><p>This is about {ref2}.</p>", world.mid())
    r = attack(world, "bare_number_reference", raw)
    assert r["changed"] == [], (ref2, where, r)
    assert "more than one case" in _last_refusal(world), (ref2, where, r["events"])


OTHER_SIDE = ["NOTIFIED: {d}", "EXTEND screening: {d} waiting for police", "CLOSE: agreed at the meeting on {d} 10:30",
              "CLOSE: police crime number 2026/{crime}", "CLOSE: in this case 2 agencies were involved",
              "CLOSE: see case 001", "CLOSE: see 2026/001", "CLOSE: reviewed against the case 2026 guidance",
              "DECISION: NO RAPID REVIEW (meeting {d})", "CLOSE: ref {d}, 14 days after"]


@FAST
@given(line=st.sampled_from(OTHER_SIDE), day=st.dates(min_value=NOW.date(), max_value=NOW.date() + timedelta(400)),
       crime=st.integers(100000, 999999), style=st.sampled_from(["%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%Y.%m.%d"]))
def test_dates_times_and_crime_numbers_are_not_another_case(line: str, day: Any, crime: int, style: str) -> None:
    """The other side of bare numbers: what follows a command every day is no second case."""
    from parsers import parse_message

    body = line.format(d=day.strftime(style), crime=crime)
    parsed = parse_message(build([COORD], [stamp(OURS)], body, mid="<dates@x>"))
    assert parsed.command is not None and "ambiguous_refs" not in parsed.command.args, (body, parsed.command)


# --- 5: stranger round 4, B10: other scripts' digits, small capitals, marks, foreign separators, "ref 002" --

# Digits by value: every script's zero (the ten digits follow it), and the styles NFKD folds (circled,
# superscript, subscript have their own code points, listed whole).
DIGIT_ZEROS = {"fullwidth": 0xFF10, "arabic_indic": 0x0660, "ext_arabic_indic": 0x06F0, "devanagari": 0x0966,
               "bengali": 0x09E6, "math_bold": 0x1D7CE, "double_struck": 0x1D7D8, "monospace": 0x1D7F6,
               "sans_bold": 0x1D7EC}
DIGIT_TABLES = {"circled": "⓪①②③④⑤⑥⑦⑧⑨", "superscript": "⁰¹²³⁴⁵⁶⁷⁸⁹", "subscript": "₀₁₂₃₄₅₆₇₈₉",
                "neg_circled": "⓿❶❷❸❹❺❻❼❽❾"}
# Digits by look only: letters a reader takes for 0 and 1
LOOK_DIGITS = {"0": "Oo", "1": "lI"}
LETTER_STYLES = {"small_caps": {"N": "ɴ", "S": "ꜱ", "C": "ᴄ", "P": "ᴘ", "R": "ʀ"}}
MARKS = ["\u0308", "\u0323", "\u0301", "\u0331", "\u20dd", "\u0489"]  # Mn and Me
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\U000e0020"]  # Cf
SEPARATORS = ["\u2013", "\u2014", "\u2212", "\u2011", "\u2010", "\uff0d", "\u30fb", "\u2044", "\u2215", "\uff0f",
              "\u00a0", "\u2009", "\u3000", "\u2043", "\ufe58", "\u00b7"]


def _digit_map(style: str) -> dict[str, str]:
    if style in DIGIT_ZEROS:
        return {str(d): chr(DIGIT_ZEROS[style] + d) for d in range(10)}
    return {str(d): DIGIT_TABLES[style][d] for d in range(10)}


@st.composite
def styled_reference(draw: st.DrawFn, seq: int) -> str:
    """NS-CSPR-2026-<seq> spelt with another script's or style's digits (all or some), or look-alike digits
    (0 as O, 1 as l) where it has any, small capitals, combining marks, invisible characters and foreign
    separators: at least one of these, any mix."""
    plain = list(f"NS-CSPR-2026-{seq:03d}")
    digit_style = draw(st.sampled_from([None, *DIGIT_ZEROS, *DIGIT_TABLES]))
    if digit_style is not None:
        table, every = _digit_map(digit_style), draw(st.booleans())
        plain = [table[c] if c.isdigit() and (every or draw(st.booleans())) else c for c in plain]
    if draw(st.booleans()):
        plain = [draw(st.sampled_from(LOOK_DIGITS[c])) if c in LOOK_DIGITS and draw(st.booleans()) else c
                 for c in plain]
    small = draw(st.booleans())
    if small:
        caps = LETTER_STYLES["small_caps"]
        plain = [caps.get(c, c) if i < 7 and draw(st.booleans()) else c for i, c in enumerate(plain)]
    sep = draw(st.sampled_from([None, *SEPARATORS]))
    if sep is not None:
        plain = [sep if c == "-" else c for c in plain]
    out = []
    for c in plain:
        out.append(c)
        if c.isalnum() and draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(MARKS + INVISIBLE)))
    text = "".join(out)
    if text == f"NS-CSPR-2026-{seq:03d}":  # nothing drawn: one invisible character at least
        text = text[:9] + draw(st.sampled_from(INVISIBLE)) + text[9:]
    return text


# Another case by number with a reference word or in a short form: the rules (README "Protection")
BARE_R4 = ["ref {n:03d}", "Ref. {n:03d}", "ref: 2026-{n}", "our ref 2026/{n}", "your ref: {n:03d}",
           "reference {n:03d}", "ref no {n}", "ref #{n}", "case no {n}", "case 2026/{n}", "26/{n:03d}",
           "{n:03d}/2026", "26-{n:03d}", "{n:03d}-2026"]


def _spell_digits(text: str, style: str | None) -> str:
    return text if style is None else "".join(_digit_map(style).get(c, c) for c in text)


@SETTINGS
@given(data=st.data(), other=st.integers(2, 999), where=st.sampled_from(["own_text", "html_part", "subject"]),
       command=st.sampled_from(COMMANDS))
def test_another_case_in_other_digits_letters_or_separators_makes_a_command_ambiguous(
        world: World, data: st.DataObject, other: int, where: str, command: str) -> None:
    ref2 = data.draw(styled_reference(other))
    if where == "own_text":
        raw = build([COORD], [stamp(OURS)], f"{command}\r\nThis is about {ref2}.", mid=world.mid())
    elif where == "subject":
        raw = build([COORD], [stamp(OURS)], command, subject=f"RE: [{REF}] see {ref2}", mid=world.mid())
    else:
        raw = _alternative(command + "\n", f"<p>{command}</p><p>This is about {ref2}.</p>", world.mid())
    r = attack(world, "styled_reference", raw)
    assert r["changed"] == [], (ref2, where, r)
    assert "more than one case" in _last_refusal(world), (ref2, where, r["events"])


@SETTINGS
@given(shape=st.sampled_from(BARE_R4), other=st.sampled_from(OTHER_CASES),
       digits=st.sampled_from([None, "fullwidth", "arabic_indic", "devanagari", "math_bold"]),
       sep=st.sampled_from([None, "\u2044", "\u2215", "\u2013", "\u2212", "\uff0f"]),
       where=st.sampled_from(["own_text", "html_part"]), command=st.sampled_from(COMMANDS))
def test_another_case_by_ref_word_or_short_form_makes_a_command_ambiguous(
        world: World, shape: str, other: int, digits: str | None, sep: str | None, where: str,
        command: str) -> None:
    n = other  # a case that exists (OTHER_CASES): one of no case is set aside, not refused (round 17)
    ref2 = _spell_digits(shape.format(n=n), digits)
    if sep is not None:
        ref2 = ref2.replace("/", sep).replace("-", sep)
    if where == "own_text":
        raw = build([COORD], [stamp(OURS)], f"{command}\r\nThis is about {ref2}.", mid=world.mid())
    else:
        raw = _alternative(command + "\n", f"<p>{command}</p><p>This is about {ref2}.</p>", world.mid())
    r = attack(world, "ref_word_or_short_form", raw)
    assert r["changed"] == [], (ref2, where, r)
    assert "more than one case" in _last_refusal(world), (ref2, where, r["events"])


@FAST
@given(data=st.data(), html=st.booleans())
def test_the_subjects_own_case_in_other_digits_letters_or_separators_is_the_same_case(data: st.DataObject,
                                                                                      html: bool) -> None:
    """The other side: the subject's own case spelt any of those ways is that case, not a second one."""
    from parsers import parse_message

    own = data.draw(styled_reference(1))
    body = f"CLOSE: finished ({own})"
    raw = (_alternative(body + "\n", f"<p>{body}</p>", "<own@x>") if html
           else build([COORD], [stamp(OURS)], body, mid="<own@x>"))
    parsed = parse_message(raw)
    assert parsed.command is not None and "ambiguous_refs" not in parsed.command.args, (own, parsed.command)


OTHER_SIDE_R4 = ["CLOSE: ref {d}, 14 days after", "CLOSE: our ref {d}", "CLOSE: agreed {d} at {t}",
                 "CLOSE: call me on {phone}", "CLOSE: police crime number {crime}", "CLOSE: see ref 001",
                 "CLOSE: see ref 2026/1", "CLOSE: see 26/001", "CLOSE: see 001/2026", "CLOSE: case 2 of 3 agencies",
                 "CLOSE: see ref 12 in the guidance", "CLOSE: 26/02 and 02/2026 meetings", "CLOSE: the child was ill",
                 "CLOSE: ref 2026, annual report", "EXTEND screening: {d} waiting for police"]
PHONES = ["0117 922 3000", "07700 900123", "+44 117 922 3000", "01632 960 001", "020-7946-0002"]
CRIMES = ["2026/{c}", "CR/{c}/26", "{c}/26", "26/{c}", "SW/26/{c}"]


@FAST
@given(line=st.sampled_from(OTHER_SIDE_R4), day=st.dates(min_value=NOW.date(), max_value=NOW.date() + timedelta(400)),
       style=st.sampled_from(["%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%Y.%m.%d", "%d.%m.%y", "%d/%m/%y", "%m/%Y"]),
       hour=st.integers(0, 23), minute=st.integers(0, 59), phone=st.sampled_from(PHONES),
       crime=st.sampled_from(CRIMES), c=st.integers(100000, 999999),
       digits=st.sampled_from([None, "fullwidth", "arabic_indic", "devanagari", "math_bold", "superscript"]))
def test_dates_times_phones_and_crime_numbers_in_any_digits_are_not_another_case(
        line: str, day: Any, style: str, hour: int, minute: int, phone: str, crime: str, c: int,
        digits: str | None) -> None:
    """The other side of the wider finder: what follows a command every day, in any script's digits."""
    from parsers import parse_message

    body = line.format(d=day.strftime(style), t=f"{hour:02d}:{minute:02d}", phone=phone, crime=crime.format(c=c))
    body = _spell_digits(body, digits)
    parsed = parse_message(build([COORD], [stamp(OURS)], body, mid="<dates4@x>"))
    assert parsed.command is not None and "ambiguous_refs" not in parsed.command.args, (body, parsed.command)


# --- 3 and 4: what a mail client shows ------------------------------------------------------------------------

HIDING = ['style="display:none"', 'style="display: none !important"', 'style="visibility:hidden"', "hidden",
          'style="mso-hide:all"', 'style="font-size:0px"', 'style="opacity:0"', 'style="max-height:0;overflow:hidden"',
          'style="color:#000;DISPLAY:NONE"']


@SETTINGS
@given(hide=st.sampled_from(HIDING), tag=st.sampled_from(["div", "span", "p", "td"]),
       visible=st.sampled_from(["Thanks, noted.", "FYI see below", "Will discuss on Monday."]),
       plain=st.sampled_from(["same_visible", "none"]), command=st.sampled_from(COMMANDS))
def test_a_hidden_command_in_the_html_is_not_applied(world: World, hide: str, tag: str, visible: str, plain: str,
                                                     command: str) -> None:
    inner = f"<{tag} {hide}>{command}</{tag}>"
    html = (f"<html><body><table><tr>{inner}</tr></table><p>{visible}</p></body></html>" if tag == "td"
            else f"<html><body>{inner}<p>{visible}</p></body></html>")
    raw = _alternative(visible + "\n" if plain == "same_visible" else None, html, world.mid())
    from parsers import parse_message

    assert parse_message(raw).command is None, (hide, tag, plain)  # read as the reader sees it: no command
    r = attack(world, "hidden_html_command", raw)
    assert r["changed"] == [], (hide, tag, plain, r)
    assert "command_accepted" not in r["events"], r["events"]


@SETTINGS
@given(other=st.sampled_from(["FYI see below", "Please see the HTML version of this message.", "Thanks"]),
       html_has_command=st.booleans(), command=st.sampled_from(COMMANDS))
def test_alternatives_that_disagree_on_the_command_are_refused(world: World, other: str, html_has_command: bool,
                                                               command: str) -> None:
    if html_has_command:
        raw = _alternative(other + "\n", f"<p>{command}</p>", world.mid())
    else:
        raw = _alternative(command + "\n", f"<p>{other}</p>", world.mid())
    r = attack(world, "alternatives_disagree", raw)
    assert r["changed"] == [], (other, html_has_command, r)
    assert "plain-text and HTML versions" in _last_refusal(world), r["events"]


@pytest.mark.parametrize("plain", ["same", "empty"])
def test_alternatives_that_agree_are_one_command(tmp_path: Any, plain: str) -> None:
    """The other side: Outlook's two versions of one command (MsoNormal paragraphs, a signature table), or an
    HTML mail with an empty plain part, are applied."""
    w = _make_world(tmp_path)
    try:
        html = ('<html><head><style>p.MsoNormal{margin:0}</style></head><body><div class="WordSection1">'
                '<p class="MsoNormal">CLOSE: duplicate referral<o:p></o:p></p><p class="MsoNormal">&nbsp;</p>'
                '<table><tr><td><p class="MsoNormal">Jo Example<br>CSPR co-ordinator</p></td></tr></table>'
                '</div></body></html>')
        text = "CLOSE: duplicate referral\n\nJo Example\nCSPR co-ordinator\n" if plain == "same" else "\n"
        r = w.attack("agree", _alternative(text, html, w.mid()), set())
        ROUND1_STATS.pop("agree", None)
        assert "case" in r["changed"] or "cases" in r["changed"], r
        assert query(w.db, "SELECT stage FROM cases WHERE ref = ?", (REF,))[0][0] == "closed"
    finally:
        w.app.close()


def test_zz_record_figures() -> None:
    """Runs last in this module: the figures each class measured (docs/RELIABILITY.md)."""
    for cls, figures in sorted(STATS.items()):
        record_figures(f"adversarial_round4.{cls}", **figures)
        assert figures["state_changes"] == 0 and figures["lost"] == 0, (cls, figures)
