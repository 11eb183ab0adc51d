"""Adversarial suite, stranger round 9 breaks 2, 3, 4 and 7 (issue 10), generated, read at the parser.

  S2. a command hidden in HTML under a visible "Thanks, noted." by shapes a mail reader draws as nothing: a
      bogus-comment `<![CDATA[ .. ]]>`, CSS custom properties (`color: var(--c)` with `--c` transparent or
      white, `display: var(--d)` with `--d: none`, `font-size: var(--f)` with `--f: 0`; declared inline or in a
      sheet), the individual transform properties `scale: 0` / `translate: -9999px`, `rotateX(90deg)`,
      `position:absolute; inset:-9999px ...`, a transparent `mask-image`, `filter: brightness(100)` and
      `filter: blur(50px)`: was applied, is not read now. The other side: the same properties at values that
      still show the text (`scale: 1`, `rotate(90deg)`, `blur(1px)`, `var(--c)` black) are read.
  S3. a command naming another case by spellings the finder missed: a comma, semicolon or ellipsis before the
      line break (`case,` / `002`), a number before the word (`the 002 case`, `#2 case`, `second case too`),
      `case of 2`, `case id No. 2`, `casefile 2`, `case 2.0`, `matter 2`, `review 2`, `referral 2`,
      `case two thousand and two`, letters spaced out, bidi override or isolate controls (refused: the text is
      drawn in another order than it is stored), a full reference inside a web address (`%2D` too); in HTML,
      what the reader draws outside the text flow (`<img alt>`, `<input value>`, `::before{content}`,
      `<caption>`, `<bdo dir=rtl>`, `unicode-bidi: bidi-override`); a `format=flowed; delsp=yes` soft break
      inside the reference: applied, is refused as ambiguous now. The subject line, likewise.
  S4. a return whose case box spells another case those ways: credited, is held now.
  S7. S/MIME protected headers: the signed entity's own Subject naming another case is read like the outer one
      (refused as ambiguous); a signed entity whose From is not the sender's is not acted on (quarantined, the
      reason names the address).
False refusals are measured on generated benign text (and on the corpus mails: see /work/notes/refs11.md).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from reliability_kit import ROLE
from test_adversarial import OURS, REF, build, stamp
from test_adversarial_round4 import COMMANDS, _alternative
from test_adversarial_round7_refs import word

COORD = ROLE["coordinator"]
CMD = "ACTION: service leader; 2027-01-15; check the chronology"


def _parse(raw: bytes):  # type: ignore[no-untyped-def]
    from parsers import parse_message

    return parse_message(raw)


def _ambiguous(raw: bytes) -> str:
    parsed = _parse(raw)
    assert parsed.command is not None, parsed.warnings
    return str(parsed.command.args.get("ambiguous_refs", ""))


# --- S3: spellings of another case in a command's own text ------------------------------------------------------

CONNECTORS = ["Same for case,\n{n}.", "Same for case;\n{n}", "Same for the case...\n{n}", "Same for case\u2026\n{n}",
              "Same for the {n} case.", "Same for {n} case too.", "Same for case of {n}.", "Same for case id {n}.",
              "Same for casefile {n}.", "Same for case file {n}.", "Same for matter {n}.", "Same for review {n}.",
              "Same for referral {n}.", "Rapid review {n} as well.", "Same for case reference number {n}."]
NUMBERS = ["00{d}", "{d}", "{w}", "No. {d}", "#{d}"]


def _numbers(d: int) -> Iterator[str]:
    for shape in NUMBERS:
        yield shape.format(d=d, w=word(d))
    ordinal = {2: "2nd", 3: "3rd"}.get(d, f"{d}th")
    yield ordinal
    if d <= 10:
        yield ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"][d - 2]


def _attack_texts() -> Iterator[str]:
    for connector, d in itertools.product(CONNECTORS, [2, 3, 7]):
        for n in _numbers(d):
            if connector.startswith(("Same for the {n}", "Same for {n}")) and n.startswith(("#", "No.")):
                text = connector.replace("the {n}", "{n}")
            else:
                text = connector
            yield text.format(n=n)
    for d in (2, 9, 12, 45):
        ref = f"NS-CSPR-2026-{d:03d}"
        yield f"Same for {' '.join(ref)}."
        yield f"Same for case {d}.0."
        yield f"Same for case two thousand and {word(d)}."
        yield f"See https://portal.example.gov.uk/cases/{ref}/actions"
        yield f"See https://portal.example.gov.uk/cases?id={ref.replace('-', '%2D')}"
        yield f"Same for \u202e{ref[::-1]}\u202c."
        yield f"Same for \u2067{ref[::-1]}\u2069."


def test_a_command_naming_another_case_by_the_missed_spellings_is_refused() -> None:
    texts = sorted(set(_attack_texts()))
    missed = [t for i, t in enumerate(texts)
              if not _ambiguous(build([COORD], [stamp(OURS)], f"{CMD}\n\n{t}", mid=f"<s3.{i}@x>"))]
    assert len(texts) >= 300 and missed == [], missed


SUBJECTS = ["RE: [{ref}] also the 2nd case", "RE: [{ref}] and the 002 case",
            "RE: [{ref}] N S - C S P R - 2 0 2 6 - 0 0 2",
            "RE: [{ref}] \u202e200-6202-RPSC-SN\u202c", "RE: [{ref}] https://portal.example/NS-CSPR-2026-002",
            "RE: [{ref}] case,  review 2"]


@pytest.mark.parametrize("subject", SUBJECTS)
def test_a_subject_naming_another_case_by_the_missed_spellings_is_refused(subject: str) -> None:
    raw = build([COORD], [stamp(OURS)], f"{CMD}\n", subject=subject.format(ref=REF), mid="<s3s@x>")
    assert _ambiguous(raw), subject


HTML_SHOWN = [
    "<style>.r::before{{content:'Same for {ref}.'}}</style><p class=r>{cmd}</p>",
    "<style>.r::after{{content:attr(data-r)}}</style><p class=r data-r='Same for {ref}.'>{cmd}</p>",
    "<p>{cmd}</p><p><img src='cid:x' alt='Same for {ref}.'></p>",
    "<p>{cmd}</p><p><input value='Same for {ref}.'></p>",
    "<p>{cmd}</p><table><caption>Same for {ref}.</caption><tr><td>Thanks</td></tr></table>",
    "<p>{cmd}</p><p>Same for <bdo dir=rtl>{rev}</bdo>.</p>",
    "<p>{cmd}</p><p>Same for <span style='unicode-bidi:bidi-override;direction:rtl'>{rev}</span>.</p>",
    "<p>{cmd}</p><p>Same for case,<br>{n:03d}</p>",
    "<style>.r{{unicode-bidi:bidi-override;direction:rtl}}</style><p>{cmd}</p><p>For <span class=r>{rev}</span></p>",
]


@pytest.mark.parametrize("shape", HTML_SHOWN)
@pytest.mark.parametrize("n", [2, 17])
def test_html_the_reader_draws_outside_the_text_naming_another_case_is_refused(shape: str, n: int) -> None:
    ref = f"NS-CSPR-2026-{n:03d}"
    html = shape.format(ref=ref, rev=ref[::-1], n=n, cmd=CMD)
    assert _ambiguous(_alternative(None, html, "<s3h@x>")), html


@pytest.mark.parametrize("split", ["NS-CS \r\nPR-2026-002", "ca \r\nse 002", "case \r\n002"])
def test_a_flowed_soft_break_inside_another_cases_reference_is_read_joined(split: str) -> None:
    raw = build([COORD], [stamp(OURS)], f"{CMD}\r\n\r\nSame for {split}.", mid="<s3f@x>").replace(
        b'Content-Type: text/plain; charset="utf-8"', b'Content-Type: text/plain; charset="utf-8"; format=flowed; '
                                                        b'delsp=yes')
    assert _ambiguous(raw), split


BENIGN = [
    "In this case, {d} children were seen.", "In this case,\n{d} agencies replied.", "a case of {big} referrals",
    "{d} case reviews were held this year.", "the {big} case files are secured", "in one case the school replied",
    "We held review {d} days ago.", "the referral {d} weeks ago", "in this case {d}.0 FTE posts", "a second case of "
    "neglect", "in this case second opinions were sought", "the second case conference is booked",
    "It was the first case we reviewed.", "The matter {d} weeks ago was closed.", "see https://example.gov.uk/cspr/{d}",
    "the {big} case sample", "in this case two thousand leaflets", "Review of {d} cases is done.",
    "Case file notes attached.", "At review, {d} actions were agreed.",
]


def _benign_texts() -> Iterator[str]:
    for line, d, big, lead in itertools.product(BENIGN, [2, 7, 12, 45], [100, 340], ["", "Thanks.\n", "Noted: "]):
        yield lead + line.format(d=d, big=big)


def test_false_refusals_on_benign_generated_text_are_none() -> None:
    texts = sorted(set(_benign_texts()))
    refused = [(t, a) for i, t in enumerate(texts)
               if (a := _ambiguous(build([COORD], [stamp(OURS)], f"{COMMANDS[i % len(COMMANDS)]}\n\n{t}",
                                         mid=f"<s3b.{i}@x>")))]
    assert len(texts) >= 150 and refused == [], refused


BENIGN_HTML = [
    "<p>{cmd}</p><p><img src='cid:logo' alt='Partnership logo'></p>",
    "<p>{cmd}</p><table><caption>Table 1: agencies</caption><tr><td>Police</td></tr></table>",
    "<p>{cmd}</p><p><input type=submit value='Send'></p>",
    "<style>.x::before{{content:'\u2022 '}}</style><p class=x>{cmd}</p>",
    "<p dir=rtl>{cmd}</p>",
]


@pytest.mark.parametrize("shape", BENIGN_HTML)
def test_benign_html_with_alt_text_captions_and_fields_is_applied(shape: str) -> None:
    assert not _ambiguous(_alternative(None, shape.format(cmd=CMD), "<s3bh@x>")), shape


# --- S2: a command hidden in HTML ------------------------------------------------------------------------------

HIDDEN = [
    ("", "<![CDATA[ {cmd} ]]>"),
    ("<style>:root{{--c:{v}}}</style>", "<div style='color:var(--c)'>{cmd}</div>"),
    ("", "<div style='--c:{v};color:var(--c)'>{cmd}</div>"),
    ("<style>.h{{--d:none}}</style>", "<div class=h style='display:var(--d)'>{cmd}</div>"),
    ("", "<div style='--f:0px;font-size:var(--f)'>{cmd}</div>"),
    ("", "<div style='font-size:var(--f, 0px)'>{cmd}</div>"),
    ("", "<div style='scale:{z}'>{cmd}</div>"),
    ("", "<div style='translate:-{far}px'>{cmd}</div>"),
    ("", "<div style='translate:0 -{far}px'>{cmd}</div>"),
    ("", "<div style='transform:rotateX({q}deg)'>{cmd}</div>"),
    ("", "<div style='transform:rotateY({q}deg)'>{cmd}</div>"),
    ("", "<div style='rotate:x {q}deg'>{cmd}</div>"),
    ("", "<div style='position:absolute;inset:-{far}px auto auto -{far}px'>{cmd}</div>"),
    ("", "<div style='mask-image:linear-gradient(transparent,transparent)'>{cmd}</div>"),
    ("", "<div style='-webkit-mask-image:linear-gradient(rgba(0,0,0,0),rgba(0,0,0,0))'>{cmd}</div>"),
    ("", "<div style='filter:brightness({b})'>{cmd}</div>"),
    ("", "<div style='filter:blur({r}px)'>{cmd}</div>"),
]
FILLERS = [dict(v="transparent", z="0", far=9999, q=90, b=100, r=50),
           dict(v="#ffffff", z="0 0", far=3000, q=270, b="900%", r=20),
           dict(v="rgba(0,0,0,0)", z="0.01", far=5000, q=-90, b=5, r=12)]


@pytest.mark.parametrize("head,body", HIDDEN)
@pytest.mark.parametrize("fill", range(len(FILLERS)))
def test_a_command_hidden_by_the_new_shapes_is_not_read(head: str, body: str, fill: int) -> None:
    html = f"<html><head>{head}</head><body>{body}<p>Thanks, noted.</p></body></html>".format(
        cmd=CMD, **FILLERS[fill])
    parsed = _parse(_alternative(None, html, "<s2@x>"))
    assert parsed.command is None, html


SHOWN = [
    "<div style='scale:1'>{cmd}</div>", "<div style='translate:10px'>{cmd}</div>",
    "<div style='transform:rotate(0deg)'>{cmd}</div>", "<div style='transform:rotateX(10deg)'>{cmd}</div>",
    "<div style='filter:blur(1px)'>{cmd}</div>", "<div style='filter:brightness(1.1)'>{cmd}</div>",
    "<div style='--c:#000000;color:var(--c)'>{cmd}</div>", "<div style='position:relative;inset:0'>{cmd}</div>",
    "<div style='mask-image:linear-gradient(black,transparent)'>{cmd}</div>",
    "<div style='font-size:var(--f, 14px)'>{cmd}</div>",
]


@pytest.mark.parametrize("body", SHOWN)
def test_the_same_properties_at_values_that_show_the_text_are_read(body: str) -> None:
    parsed = _parse(_alternative(None, f"<html><body>{body.format(cmd=CMD)}</body></html>", "<s2v@x>"))
    assert parsed.command is not None and parsed.command.verb == "ACTION", body


# --- S4: a return's case box ------------------------------------------------------------------------------------

BOXES = ["case,\n{p}", "case;\n{p}", "case {n}.0", "the {p} case", "#{n} case", "{spaced}", "\u202e{rev}\u202c",
         "dossier {n}", "referral {n}", "Rapid review {n}", "review {n}", "matter {n}", "casefile {n}"]


def _return_text(box: str) -> str:
    return ("Please find our agency return below.\n\nRapid Review: Agency Return\n\n"
            f"Case reference: {box}\nAgency: Education\nAuthor name: Casey Lead\nAuthor role: Safeguarding lead\n"
            "Author email: education.dsl@schools.example.gov.uk\n"
            "Was your agency involved with the child or family? (Yes / No): Yes\n"
            "Period of involvement from: 2025-01-01\nPeriod of involvement to: 2026-11-30\n"
            "Summary of involvement / chronology: Two home visits in 2026; no concerns recorded at the time.\n"
            "Immediate actions taken or needed: Records secured.\n"
            "Have records been secured? (Yes / No): Yes\nDate completed: 2026-12-02\n")


@pytest.mark.parametrize("shape", BOXES)
@pytest.mark.parametrize("n", [2, 5, 23])
def test_a_return_whose_case_box_spells_another_case_is_held(shape: str, n: int) -> None:
    ref = f"NS-CSPR-2026-{n:03d}"
    box = shape.format(n=n, p=f"{n:03d}", spaced=" ".join(ref), rev=ref[::-1])
    raw = build(["education.dsl@schools.example.gov.uk"], [stamp("schools.example.gov.uk")], _return_text(box),
                subject=f"RE: [{REF}] Request for information")
    parsed = _parse(raw)
    assert parsed.kind == "agency_return", (box, parsed.warnings)
    assert any("names two different cases" in w for w in parsed.warnings), (box, parsed.warnings)


@pytest.mark.parametrize("box", [REF, "CSC/2026/4471", "case 1", "NS CSPR 2026 1", "See subject"])
def test_a_return_whose_case_box_names_its_own_case_is_credited(box: str) -> None:
    raw = build(["education.dsl@schools.example.gov.uk"], [stamp("schools.example.gov.uk")], _return_text(box),
                subject=f"RE: [{REF}] Request for information")
    parsed = _parse(raw)
    assert parsed.kind == "agency_return" and not any("names two different cases" in w for w in parsed.warnings)


# --- S7: S/MIME protected headers -------------------------------------------------------------------------------

def _signed_mail(inner_headers: str, layer: str, sender: str = COORD) -> bytes:
    from test_adversarial_round7_p7m import wrap

    entity = (inner_headers + f'Content-Type: text/plain; charset="utf-8"\r\n\r\n{CMD}\r\n').encode()
    head = (f"Authentication-Results: {stamp(OURS)}\r\nFrom: {sender}\r\nTo: csprbot@nsscp.example.gov.uk\r\n"
            f"Subject: RE: [{REF}] Rapid review\r\nDate: Wed, 18 Nov 2026 10:25:00 +0000\r\n"
            f"Message-ID: <s7.{layer}@x>\r\nMIME-Version: 1.0\r\n")
    return head.encode() + wrap(entity, layer, 0)


@pytest.mark.parametrize("layer", ["p7m", "multipart"])
@pytest.mark.parametrize("subject", ["Re: NS-CSPR-2026-002", "Re: case two", "RE: [NS-CSPR-2026-017] Rapid review"])
def test_a_signed_inner_subject_naming_another_case_is_refused(layer: str, subject: str) -> None:
    assert _ambiguous(_signed_mail(f"Subject: {subject}\r\n", layer)), subject


@pytest.mark.parametrize("layer", ["p7m", "multipart"])
def test_a_signed_inner_from_that_is_not_the_sender_is_not_acted_on(layer: str) -> None:
    from parsers.classify import UNREAD_OWN

    parsed = _parse(_signed_mail("From: Evil <x@evil.example>\r\n", layer))
    assert parsed.command is None and parsed.warnings[0].startswith(UNREAD_OWN), parsed.warnings
    assert "x@evil.example" in parsed.warnings[0]


@pytest.mark.parametrize("layer", ["p7m", "multipart"])
def test_a_signed_inner_entity_repeating_the_outer_headers_is_applied(layer: str) -> None:
    parsed = _parse(_signed_mail(f"From: {COORD}\r\nSubject: RE: [{REF}] Rapid review\r\n", layer))
    assert parsed.command is not None and not parsed.command.args.get("ambiguous_refs"), parsed.warnings
