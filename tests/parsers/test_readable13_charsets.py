"""Wrong charsets read as the sender wrote them (issue #10, stranger round 13 break 6).

A pasted referral in Windows-1252 bytes under a `charset=utf-8` label (an old client, a portal writing cp1252 and
labelling it UTF-8) was read by the detector as Baltic cp775 or Central-European cp1250: "Amélie Jürgens" became
"Amķlie J³rgens" and that name the case's name and duplicate key. Generated: accented forenames and surnames of
the names schools and councils here write, with and without Word's typographic quotes and dashes, under each wrong
label; every one must come back exactly, with a warning naming the charset chosen. The other wrong-label shapes
the tester found working (UTF-8 under single-byte or unknown labels, no label, UTF-16, Mac Roman, cp1252 under
ISO-8859-15) are kept working alongside.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.charsets import implausible, repair
from parsers.message import walk_message

FORENAMES = ["Zoë", "Chloé", "Renée", "Amélie", "Inès", "Noël", "Siân", "Mégane", "Zoé", "Anaïs", "Léa", "Björn",
             "Seán", "Aoife", "Síle", "Dáithí", "Éabha", "François", "Zoë-Mäe", "Añez", "Øyvind", "Åsa", "Jürgen"]
SURNAMES = ["Brontë", "Ñúñez", "Müller", "García", "Ó Súilleabháin", "Lefèvre", "Jürgens", "Cañas", "Gómez",
            "Ní Bhriain", "Mac Giolla Phádraig", "Østergård", "Þórsdóttir", "Çelik", "D'Aubigné", "Groß", "Bæk"]
# Word's AutoFormat: the quotes, apostrophe, dashes and ellipsis that make a paste cp1252 rather than Latin-1
TYPOGRAPHY = ["", " \u201cafter a fall\u201d, mum\u2019s words", " \u2013 seen by the GP \u2026", " (\u00a320 a week)"]


def _mail(body: bytes, label: str | None) -> bytes:
    ctype = "text/plain" + (f"; charset={label}" if label else "")
    return (b"From: sam.example@csc.example.gov.uk\r\nTo: csprbot@nsscp.example.gov.uk\r\nSubject: CSPR referral\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: " + ctype.encode() + b"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + body)


def _referral(name: str, extra: str) -> str:
    first = name.split()[0]
    return ("Hello, please find below a referral for a Child Safeguarding Practice Review.\n\n"
            f"Name of child: {name}\nDate of birth: 14/03/2019\nAddress: 2 Market Row, Exampletown ZZ1 1ZZ\n"
            "Date of incident: 30/11/2026\nDid the child die? Yes\nAbuse or neglect suspected? Yes\n"
            f"Summary: {first} was found unresponsive at home{extra}; neglect is suspected.\n\n"
            "Referrer: Sam Example, Senior Social Worker, Children's Social Care, sam.example@csc.example.gov.uk\n")


@settings(max_examples=60, deadline=None, derandomize=True)
@given(first=st.sampled_from(FORENAMES), last=st.sampled_from(SURNAMES), extra=st.sampled_from(TYPOGRAPHY),
       label=st.sampled_from(["utf-8", "UTF-8", "us-ascii", "x-user-defined", "unknown-8bit", None]))
def test_windows_1252_under_a_wrong_label_keeps_the_childs_name(first: str, last: str, extra: str,
                                                                label: str | None) -> None:
    name = f"{first} {last}"
    result = parse_message(_mail(_referral(name, extra).encode("cp1252"), label))
    assert result.referral is not None, result.warnings
    assert result.referral.child.name == name
    said = [w for w in result.warnings if "read as windows-1252 (guessed)" in w]
    assert said and "check names" in said[0], result.warnings


@settings(max_examples=30, deadline=None, derandomize=True)
@given(first=st.sampled_from(FORENAMES), last=st.sampled_from(SURNAMES), extra=st.sampled_from(TYPOGRAPHY[1:]),
       label=st.sampled_from(["iso-8859-1", "ISO-8859-15", "latin1"]))
def test_word_quotes_under_an_iso_label_are_windows_1252_not_control_characters(first: str, last: str, extra: str,
                                                                                label: str) -> None:
    text = _referral(f"{first} {last}", extra)
    walked = walk_message(_mail(text.encode("cp1252"), label))
    assert walked.body == text
    assert not any("\x80" <= c <= "\x9f" for c in walked.body)


# The shapes that held before the change (stranger round 13, "what held"), each must keep its name exactly
HELD = [
    ("utf-8", "windows-1252"), ("utf-8", "us-ascii"), ("utf-8", "unknown-8bit"), ("utf-8", "x-user-defined"),
    ("utf-8", "gb2312"), ("utf-8", None), ("utf-16", "utf-16"), ("utf-16", None), ("mac-roman", "macintosh"),
    ("cp1252", "iso-8859-15"),
]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(first=st.sampled_from(FORENAMES), last=st.sampled_from(SURNAMES), extra=st.sampled_from(TYPOGRAPHY),
       shape=st.sampled_from(HELD))
def test_the_other_wrong_label_shapes_still_read_the_name(first: str, last: str, extra: str,
                                                          shape: tuple[str, str | None]) -> None:
    codec, label = shape
    name = f"{first} {last}"
    try:
        body = _referral(name, extra).encode(codec)
    except UnicodeEncodeError:  # Mac Roman has no Þ
        return
    result = parse_message(_mail(body, label))
    assert result.referral is not None, result.warnings
    assert result.referral.child.name == name


def test_other_scripts_and_code_pages_are_left_to_the_detector_and_named() -> None:
    """Western first is a preference, not a rule: Polish, Russian and Mac Roman bytes whose Windows-1252 reading is
    implausible (a symbol inside a word, a word of Latin-1 letters only) still come back as written."""
    for text, codec in [("Name of child: Łucja Wiśniewska-Żółć\n", "cp1250"),
                        ("Name of child: Анна Смирнова\n", "cp1251"),
                        ("Name of child: Zoë Brontë, Anaïs Siân, mum’s “words”\n", "mac-roman")]:
        read = repair(text.encode(codec), "utf-8")
        assert (read.text, read.guessed) == (text, True), (read, codec)
    mixed = "Name of child: Zoë Brontë\n".encode() + "Sent from my PC \u2013 Renée\n".encode("cp1252")
    read = repair(mixed, "utf-8")
    assert read.text == "Name of child: Zoë Brontë\nSent from my PC \u2013 Renée\n"
    assert read.charset == "utf-8 with windows-1252 bytes"


@given(name=st.sampled_from(FORENAMES + SURNAMES), extra=st.sampled_from(TYPOGRAPHY))
def test_real_names_and_word_typography_are_plausible_and_mojibake_is_not(name: str, extra: str) -> None:
    written = f"{name}{extra} 25°C Word™"
    assert implausible(written) == 0
    if not name.isascii():
        for wrong in ("cp775", "mac-roman", "cp850"):
            try:
                misread = written.encode("cp1252").decode(wrong)
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            if misread != written:
                assert implausible(misread) > 0, (wrong, misread)
