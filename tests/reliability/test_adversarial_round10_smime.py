"""Stranger round 10, left over: S/MIME protected headers read only in part. A signed entity's From holding two
addresses (the sender's first: `From: coordinator, x@evil.example`), two Subject fields in the signed entity (the
first the case's own, the second another case), or a legacy display part (`text/rfc822-headers;
protected-headers="v1"`) naming another case or sender: applied as the outer sender's command (5 of 5). Now
(parsers/message.py `_protected`) every From address, every Subject and the legacy part's headers are read: more
than one address, or one not the sender's, is quarantined with a one-line reason; a Subject naming another case
is refused as ambiguous. The benign side: a signed entity or legacy part repeating the outer headers is applied.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_kit import ROLE
from test_adversarial import OURS, REF, stamp
from test_adversarial_round7_p7m import wrap

COORD = ROLE["coordinator"]
CMD = "ACTION: service leader; 2027-01-15; check the chronology"
OTHERS = ["x@evil.example", ROLE["subgroup_chair"], "someone@gmail.com"]
OTHER_CASES = ["Re: NS-CSPR-2026-002", "RE: [NS-CSPR-2026-017] Rapid review", "Re: case two"]


def _mail(inner_headers: str, layer: str, legacy: str | None = None) -> bytes:
    text = f'Content-Type: text/plain; charset="utf-8"\r\n\r\n{CMD}\r\n'
    if legacy is None:
        entity = (inner_headers + text).encode()
    else:
        entity = (inner_headers + 'Content-Type: multipart/mixed; boundary="ph"; protected-headers="v1"\r\n\r\n'
                  '--ph\r\nContent-Type: text/rfc822-headers; protected-headers="v1"\r\n'
                  f'Content-Disposition: inline\r\n\r\n{legacy}\r\n--ph\r\n{text}--ph--\r\n').encode()
    head = (f"Authentication-Results: {stamp(OURS)}\r\nFrom: {COORD}\r\nTo: csprbot@nsscp.example.gov.uk\r\n"
            f"Subject: RE: [{REF}] Rapid review\r\nDate: Wed, 18 Nov 2026 10:25:00 +0000\r\n"
            f"Message-ID: <r10.{layer}@x>\r\nMIME-Version: 1.0\r\n")
    return head.encode() + wrap(entity, layer, 0)


def _parse(raw: bytes):  # type: ignore[no-untyped-def]
    from parsers import parse_message

    return parse_message(raw)


def _not_acted_on(raw: bytes) -> str:
    from parsers.classify import UNREAD_OWN

    parsed = _parse(raw)
    assert parsed.command is None and parsed.warnings[0].startswith(UNREAD_OWN), parsed.warnings
    assert "\n" not in parsed.warnings[0] and len(parsed.warnings[0]) < 400, parsed.warnings[0]
    return str(parsed.warnings[0])


def _refused_as_ambiguous(raw: bytes) -> None:
    parsed = _parse(raw)
    assert parsed.command is None or parsed.command.args.get("ambiguous_refs"), parsed.warnings


LAYERS = st.sampled_from(["p7m", "multipart"])
SOME = settings(max_examples=25, deadline=None, derandomize=True)  # each example signs once (RSA, ~20 ms)


@SOME
@given(layer=LAYERS, other=st.sampled_from(OTHERS), shape=st.sampled_from(
    ["{s}, {o}", "{o}, {s}", "Co-ordinator <{s}>, Someone <{o}>", "\"{s}\" <{o}>, {s}", "Team: {s}, {o};"]),
       two_fields=st.booleans())
def test_a_signed_from_with_more_than_one_address_is_not_acted_on(layer: str, other: str, shape: str,
                                                                   two_fields: bool) -> None:
    froms = f"From: {COORD}\r\nFrom: {other}\r\n" if two_fields else f"From: {shape.format(s=COORD, o=other)}\r\n"
    reason = _not_acted_on(_mail(froms, layer))
    assert other in reason or "addresses" in reason, reason


@SOME
@given(layer=LAYERS, other=st.sampled_from(OTHER_CASES), first=st.booleans())
def test_two_signed_subjects_one_naming_another_case_are_refused(layer: str, other: str, first: bool) -> None:
    own = f"RE: [{REF}] Rapid review"
    subjects = (other, own) if first else (own, other)
    _refused_as_ambiguous(_mail("".join(f"Subject: {s}\r\n" for s in subjects), layer))


@SOME
@given(layer=LAYERS, other=st.sampled_from(OTHER_CASES), sender=st.sampled_from([None, *OTHERS]))
def test_a_legacy_protected_headers_part_is_read(layer: str, other: str, sender: str | None) -> None:
    legacy = f"Subject: {other}" + (f"\r\nFrom: {sender}" if sender else "")
    raw = _mail("", layer, legacy)
    if sender:
        _not_acted_on(raw)
    else:
        _refused_as_ambiguous(raw)


@pytest.mark.parametrize("layer", ["p7m", "multipart"])
@pytest.mark.parametrize("inner", ["", f"From: {COORD}\r\n", f"From: Someone Else <{COORD.upper()}>\r\n",
                                   f"From: {COORD}\r\nSubject: RE: [{REF}] Rapid review\r\n",
                                   f"Subject: RE: [{REF}] Rapid review\r\nSubject: Re: {REF}\r\n"])
@pytest.mark.parametrize("legacy", [None, f"Subject: RE: [{REF}] Rapid review\r\nFrom: {COORD}", f"Subject: {REF}"])
def test_signed_headers_repeating_the_outer_ones_are_applied(layer: str, inner: str, legacy: str | None) -> None:
    parsed = _parse(_mail(inner, layer, legacy))
    assert parsed.command is not None and not parsed.command.args.get("ambiguous_refs"), parsed.warnings
