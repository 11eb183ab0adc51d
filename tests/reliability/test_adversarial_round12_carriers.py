"""Stranger round 12, break 5 and 6, at the parser and the thread reader.

5: a command whose subject names case 001 while a place the sender's own mail shows names case 002 was applied to
   001 when that place was a From / Sender / Reply-To / Bcc display name, a To/Cc group name ("Team
   NS-CSPR-2026-002: a@x;"), a comment after an address ("csprbot@x (NS-CSPR-2026-002)"), a `Comments:` header, or
   an attached file named with the short form ("case 2 notes.txt"). Generated: commands x spellings x carriers;
   benign controls: ordinary display names, the same case, "Duty Team 2", Outlook's image002.png, dated file names.
6: the parent is read from In-Reply-To with spaces inside its angle brackets, and the last References entry is
   read too when In-Reply-To is not csprbot's (bot.threads.parent_ids).
"""

from __future__ import annotations

import itertools
from email.message import EmailMessage

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.threads import parent_ids

BOT = "csprbot@nsscp.example.gov.uk"
COORD = "coordinator@nsscp.example.gov.uk"
COMMANDS = ["CLOSE: sent in error", "LOOKED AFTER: YES", "WAIVE Education: not involved",
            "ACTION: service leader; 2027-01-15; check the chronology"]
OTHERS = ["NS-CSPR-2026-002", "case NS-CSPR-2026-045", "ns cspr 2026 2"]


def _headers(carrier: str, value: str) -> dict[str, str]:
    return {
        "from": {"From": f'"{value} Co-ordinator" <{COORD}>'},
        "sender": {"Sender": f'"{value}" <{COORD}>'},
        "reply_to": {"Reply-To": f'"{value}" <{COORD}>'},
        "bcc": {"Bcc": f'"{value}" <chair@nsscp.example.gov.uk>'},
        "to_group": {"To": f"{value} team: {BOT};"},
        "cc_group": {"Cc": f'"{value}": chair@nsscp.example.gov.uk, lead@nsscp.example.gov.uk;'},
        "to_comment": {"To": f"{BOT} ({value})"},
        "cc_comment": {"Cc": f"Chair <chair@nsscp.example.gov.uk> ({value})"},
        "comments": {"Comments": value},
    }[carrier]


def _mail(body: str, headers: dict[str, str], attach: str | None = None) -> bytes:
    m = EmailMessage()
    fields = {"From": f"Co-ordinator <{COORD}>", "To": BOT} | headers
    for name, value in fields.items():
        m[name] = value
    m["Subject"] = "Re: [NS-CSPR-2026-001] New CSPR referral"
    m.set_content(body + "\n\nKind regards\n")
    if attach is not None:
        m.add_attachment("Notes from the meeting.\n", filename=attach)
    return m.as_bytes()


def _ambiguous(raw: bytes) -> str:
    from parsers import parse_message

    parsed = parse_message(raw)
    assert parsed.command is not None, parsed.warnings
    return str(parsed.command.args.get("ambiguous_refs", ""))


HEADER_CARRIERS = ["from", "sender", "reply_to", "bcc", "to_group", "cc_group", "to_comment", "cc_comment",
                   "comments"]


@pytest.mark.parametrize(("command", "carrier"), list(itertools.product(COMMANDS, HEADER_CARRIERS)))
def test_another_case_in_any_address_header_or_comments_is_ambiguous(command: str, carrier: str) -> None:
    for other in OTHERS:
        said = _ambiguous(_mail(command, _headers(carrier, other)))
        number = "045" if "045" in other else "002"
        assert f"NS-CSPR-2026-{number} in " in said, (carrier, other, said)


SAME = ["NS-CSPR-2026-001", "case NS-CSPR-2026-001"]
PLAIN = ["Jo Smith", "Smith, Jo", "Duty Team 2", "Room 002", "Safeguarding Partnership", "Team 2 (North)",
         "CSC Front Door"]


@pytest.mark.parametrize(("command", "carrier"), list(itertools.product(COMMANDS, HEADER_CARRIERS)))
def test_benign_names_and_the_same_case_are_applied(command: str, carrier: str) -> None:
    for value in SAME + PLAIN:
        assert _ambiguous(_mail(command, _headers(carrier, value))) == "", (carrier, value)


# The short form in a file name: a case word, a gap, the number, then more of the title and an extension.
@given(word=st.sampled_from(["case", "Case", "CASE", "Fall", "case no.", "case #"]),
       gap=st.sampled_from([" ", "_", "+"]), number=st.sampled_from(["2", "02", "two"]),
       rest=st.sampled_from([" notes", "_notes", " minutes v3", " chronology", " - strategy meeting", ""]),
       ext=st.sampled_from([".txt", ".docx", ".pdf"]), command=st.sampled_from(COMMANDS))
def test_an_attachment_named_with_the_short_form_is_ambiguous(word: str, gap: str, number: str, rest: str,
                                                                ext: str, command: str) -> None:
    name = f"{word}{gap}{number}{rest}{ext}"
    assert "NS-CSPR-2026-002 in an attached file's name" in _ambiguous(_mail(command, {}, name)), name


@given(name=st.sampled_from(["image002.png", "image001.png", "notes 2026-12-07.txt", "case 1 notes.txt",
                             "NS-CSPR-2026-001 case notes.docx", "2 agencies.txt", "chronology v2.docx",
                             "case notes (2).pdf", "Team 2 minutes.docx"]),
       command=st.sampled_from(COMMANDS))
def test_benign_attachment_names_are_applied(name: str, command: str) -> None:
    assert _ambiguous(_mail(command, {}, name)) == "", name


MID = st.from_regex(r"[a-z0-9.]{4,20}", fullmatch=True)


@given(local=MID, before=st.sampled_from(["", " ", "  ", "\t"]), after=st.sampled_from(["", " ", "  "]))
def test_spaces_inside_the_angle_brackets_name_the_same_parent(local: str, before: str, after: str) -> None:
    mid = f"<{local}@nsscp.example.gov.uk>"
    spaced = f"<{before}{local}@nsscp.example.gov.uk{after}>"
    assert parent_ids([spaced], [], "nsscp.example.gov.uk") == [mid]
    assert parent_ids([], [f"<a@b.example> {spaced}"], "nsscp.example.gov.uk") == [mid]


@given(ours=MID, theirs=MID, history=st.lists(MID, max_size=3))
def test_an_unknown_in_reply_to_adds_the_last_references_entry(ours: str, theirs: str, history: list[str]) -> None:
    bot, other = f"<{ours}@nsscp.example.gov.uk>", f"<{theirs}@else.example>"
    refs = " ".join(f"<{h}@old.example>" for h in history) + " " + bot
    assert bot in parent_ids([other], [refs], "nsscp.example.gov.uk")
    # Benign: In-Reply-To is csprbot's own mail: only it is the parent (older References entries are history).
    assert parent_ids([bot], [f"<{theirs}@nsscp.example.gov.uk> {bot}"], "nsscp.example.gov.uk") == [bot]
    # In-Reply-To and the last References entry the same: once.
    assert parent_ids([other], [other], "nsscp.example.gov.uk") == [other]
