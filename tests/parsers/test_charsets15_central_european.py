"""Central-European names under a wrong charset label, and UTF-8 encoded twice (issue #10, stranger round 15 B3).

Polish, Czech, Slovak, Hungarian, Croatian, Romanian and Slovene names written in Windows-1250 or ISO-8859-2 and
labelled UTF-8, US-ASCII or nothing were read as Big5 ("ㄆkasz 草單"), Mac Roman ("Tom·π Nov·k"), cp1006 or
Windows-1252, and a referral forwarded through a client that read UTF-8 as Windows-1252 kept "ZoÃ« BrontÃ«" as the
child's name: either way the duplicate check missed the child's open case. Generated: realistic form bodies with
those names (and Western and plain English ones) in each source code page under each wrong label. The name must
come back exactly or, where the bytes read as letters in two European code pages equally well (cp1250 "ř" is
cp1252 "ø"), as one of those readings with a warning naming the other; never as a non-European guess.
"""

from __future__ import annotations

import base64
import quopri

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.charsets import undouble

CENTRAL = ["Łukasz Żółć", "Zofia Wójcik", "Małgorzata Kowalczyk", "Paweł Dąbrowski", "Agnieszka Wiśniewska",
           "Grzegorz Łęcki", "Jiří Šťastný", "Tomáš Novák", "Petra Dvořáková", "Ondřej Černý", "Žaneta Horváthová",
           "Ľubomír Ďuriš", "Dóra Kovács", "Ádám Szűcs", "Gergő Őri", "Ivana Đurić", "Matej Kovačič",
           "Ștefan Dvořák", "Ioana Țăranu", "Ana Mărgărit", "Janez Žagar", "Špela Čeh"]
WESTERN = ["Zoë Brontë", "Renée Müller", "Chloé Françoise", "Siân Ó Súilleabháin", "Ana-María Peña",
           "Amélie Jürgens", "Jürgen Groß", "Björn Åsa"]
ENGLISH = ["Alex Fictional", "Robin Testcase", "Jamie O'Neill"]
EUROPEAN = ("windows-1252", "iso-8859-15", "windows-1250", "iso-8859-2", "windows-1257")
CODEC = {"windows-1252": "cp1252", "iso-8859-15": "iso8859-15", "windows-1250": "cp1250", "iso-8859-2": "iso8859-2",
         "windows-1257": "cp1257"}


def _form(child: str) -> str:
    return ("Hello,\n\nPlease find below a referral for a Child Safeguarding Practice Review.\n\n"
            "CSPR REFERRAL FORM\nName of referrer: Sam Example\nRole: Senior Social Worker\n"
            "Agency: Children's Social Care\nEmail: sam.example@csc.example.gov.uk\nTelephone: 01234 000111\n"
            f"Date of referral: 01/12/2026\n\nName of child: {child}\nDate of birth: 14/03/2019\n"
            "Home address: 1 Nowhere Lane, Exampletown, ZZ1 1ZZ\nParent/carer: Jo Parent (mother)\n"
            "Date of incident: 30/11/2026\nLocation of incident: Family home\nHas the child died? No\n"
            "Has the child been seriously harmed? Yes\nIs abuse or neglect known or suspected? Suspected\n"
            "Concerns about how agencies worked together? Yes\n\n"
            "Summary: The child was brought to hospital with a head injury and bruising of different ages.\n")


def _mail(body: bytes, label: str | None, cte: str = "8bit") -> bytes:
    ctype = "text/plain" + (f"; charset={label}" if label else "")
    return (b"From: sam.example@csc.example.gov.uk\r\nTo: csprbot@nsscp.example.gov.uk\r\nSubject: CSPR referral\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: " + ctype.encode() + b"\r\nContent-Transfer-Encoding: "
            + cte.encode() + b"\r\n\r\n" + body)


@settings(max_examples=120, deadline=None, derandomize=True)
@given(name=st.sampled_from(CENTRAL + WESTERN + ENGLISH), source=st.sampled_from(["cp1250", "iso-8859-2", "cp1252"]),
       label=st.sampled_from(["utf-8", "UTF-8", "us-ascii", None]))
def test_a_name_in_a_european_code_page_under_a_wrong_label_is_read_or_its_ambiguity_named(
        name: str, source: str, label: str | None) -> None:
    try:
        body = _form(name).encode(source)
    except UnicodeEncodeError:  # a name the code page cannot write is never sent in it
        return
    result = parse_message(_mail(body, label))
    assert result.referral is not None, result.warnings
    got = result.referral.child.name
    if name.isascii():
        assert got == name
        return
    said = [w for w in result.warnings if "(guessed)" in w and "check names" in w]
    assert len(said) == 1, result.warnings
    chosen = said[0].split("read as ")[1].split(" (guessed)")[0]
    assert chosen in EUROPEAN, said  # never Big5, Mac Roman, cp1006 for a European name
    assert got == name.encode(source).decode(CODEC[chosen])
    if got != name:
        # Genuinely ambiguous bytes: the warning names a code page reading them as the sender wrote them
        assert " reads its accented letters differently" in said[0], (got, said)
        other = said[0].split("; ")[1].split(" reads its")[0]
        assert other in EUROPEAN and name.encode(source).decode(CODEC[other]) == name, (got, said)


def test_the_strangers_central_european_misreads_now_come_back_exactly() -> None:
    """Bytes only one European code page reads as letters (ł is '³', Ł is '£', ś in ISO-8859-2 is '¶', Š and ť
    there are '©»'): the stranger's Big5, cp1006, ISO-8859-10 and Mac Roman guesses."""
    for name, source in [("Łukasz Żółć", "cp1250"), ("Łukasz Żółć", "iso-8859-2"), ("Paweł Dąbrowski", "iso-8859-2"),
                         ("Agnieszka Wiśniewska", "iso-8859-2"), ("Jiří Šťastný", "iso-8859-2"),
                         ("Žaneta Horváthová", "iso-8859-2"), ("Małgorzata Kowalczyk", "cp1250"),
                         ("Grzegorz Łęcki", "cp1250"), ("Paweł Dąbrowski", "cp1250")]:
        for label in ("utf-8", "us-ascii", None):
            result = parse_message(_mail(_form(name).encode(source), label))
            assert result.referral is not None and result.referral.child.name == name, (name, source, label)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(name=st.sampled_from(CENTRAL + WESTERN))
def test_utf8_encoded_twice_reads_back_as_written(name: str) -> None:
    """A forward through a client that read UTF-8 as Windows-1252 and sent it on as UTF-8. Where a byte of a letter
    had no Windows-1252 character ('Ł' is C5 81), that client wrote U+FFFD: only that letter stays lost."""
    twice = _form(name).encode("utf-8").decode("cp1252", errors="replace")
    result = parse_message(_mail(twice.encode("utf-8"), "utf-8"))
    assert result.referral is not None, result.warnings
    got = result.referral.child.name
    lost = "\ufffd" in name.encode("utf-8").decode("cp1252", errors="replace")
    assert len(got) == len(name), got
    assert all(a == b or (lost and a == "\ufffd") for a, b in zip(got, name, strict=True)), got
    assert any("UTF-8 encoded twice (repaired)" in w for w in result.warnings), result.warnings


@given(text=st.sampled_from(CENTRAL + WESTERN).map(_form))
def test_text_written_right_is_never_undone(text: str) -> None:
    assert undouble(text) is None


NAMES_HELD = ["Zoë Brontë", "Łukasz Żółć", "Renée Müller", "Ștefan Dvořák", "Siân Ó Súilleabháin",
              "Zoë Łukasiewicz-Nguyễn", "Chloé Françoise", "Ana-María Peña", "Jiří Šťastný", "Dóra Kovács"]
LABELS_HELD = ["iso-8859-1", "latin1", "ISO_8859-1", "cp1252", "windows-1252", "cp1250", "windows-1250",
               "iso-8859-2", "iso-8859-15", "us-ascii"]


def test_utf8_under_every_single_byte_label_and_transfer_encoding_still_reads_exactly() -> None:
    """What held in round 15: 10 names x 10 labels x 8bit/quoted-printable/base64, 300 mails, every one exact."""
    exact = 0
    for name in NAMES_HELD:
        body = _form(name).encode("utf-8")
        for label in LABELS_HELD:
            for cte, encoded in (("8bit", body), ("quoted-printable", quopri.encodestring(body)),
                                 ("base64", base64.encodebytes(body))):
                result = parse_message(_mail(encoded, label, cte))
                assert result.referral is not None, (name, label, cte)
                exact += result.referral.child.name == name
    assert exact == len(NAMES_HELD) * len(LABELS_HELD) * 3
