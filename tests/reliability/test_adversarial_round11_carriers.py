"""Stranger round 11, B3, at the parser: a command whose subject names case 001 while another place the sender's
own mail shows names case 002 (a To/Cc display name, Outlook's Thread-Topic, Keywords, X-CSPRBOT-Case, a part's
Content-Description, an attached note's name or text) was applied to 001; it is ambiguous now, the refusal
saying where (never the text around it). Generated: commands x ways of naming x carriers; benign controls: the
same case in every carrier, display names without a reference, a forwarded digest naming many cases, Thread-Index,
LINK (names the other case by design).
"""

from __future__ import annotations

import itertools
from email.message import EmailMessage
from email.mime.message import MIMEMessage

import pytest

COMMANDS = ["CLOSE: sent in error", "LOOKED AFTER: YES", "WAIVE Education: not involved",
            "ACTION: service leader; 2027-01-15; check the chronology", "EXTEND notification: 2026-12-20 LA asked"]
OTHERS = ["NS-CSPR-2026-002", "case NS-CSPR-2026-045", "ns cspr 2026 2"]


def _mail(body: str, carrier: str, value: str) -> bytes:
    m = EmailMessage()
    m["From"] = "Co-ordinator <coordinator@nsscp.example.gov.uk>"
    m["To"] = f'"{value}" <csprbot@nsscp.example.gov.uk>' if carrier == "to" else "csprbot@nsscp.example.gov.uk"
    if carrier == "cc":
        m["Cc"] = f'"{value}" <chair@nsscp.example.gov.uk>'
    for name, key in (("Thread-Topic", "topic"), ("Keywords", "keywords"), ("X-CSPRBOT-Case", "xcase")):
        if carrier == key:
            m[name] = value
    m["Subject"] = "Re: [NS-CSPR-2026-001] New CSPR referral"
    m["Thread-Index"] = "AdrKx3q0NSCSPR2026002QkJCQkJCQkI="
    m.set_content(body + "\n\nKind regards\n")
    if carrier == "description":
        m["Content-Description"] = value
    if carrier == "attach_text":
        m.add_attachment(f"Notes: this concerns {value}.\n", filename="notes.txt")
    if carrier == "attach_name":
        m.add_attachment("Notes from the meeting.\n", filename=f"{value} notes.txt")
    if carrier == "forwarded_digest":
        inner = EmailMessage()
        inner["Subject"], inner["From"] = f"Daily digest: {value}", "csprbot@nsscp.example.gov.uk"
        inner.set_content(f"Due today: {value}; NS-CSPR-2026-001; NS-CSPR-2026-003\n")
        m.add_attachment(MIMEMessage(inner))  # type: ignore[arg-type]
    return m.as_bytes()


CARRIERS = ["to", "cc", "topic", "keywords", "xcase", "description", "attach_text", "attach_name"]


def _ambiguous(raw: bytes) -> str:
    from parsers import parse_message

    parsed = parse_message(raw)
    assert parsed.command is not None, parsed.warnings
    return str(parsed.command.args.get("ambiguous_refs", ""))


@pytest.mark.parametrize(("command", "carrier"), list(itertools.product(COMMANDS, CARRIERS)))
def test_another_case_outside_the_text_is_ambiguous(command: str, carrier: str) -> None:
    for other in OTHERS:
        said = _ambiguous(_mail(command, carrier, other))
        number = "045" if "045" in other else "002"
        assert f"NS-CSPR-2026-{number} in " in said, (carrier, other, said)
        assert "notes" not in said.split(" in ", 1)[1] and "this concerns" not in said  # where, not the text


SAME = ["NS-CSPR-2026-001", "[NS-CSPR-2026-001] New CSPR referral", "case NS-CSPR-2026-001"]
PLAIN = ["NS CSPR bot", "Safeguarding Partnership", "Another Case Team", "Reviews 2026", "Co-ordinator (2)"]


@pytest.mark.parametrize(("command", "carrier"), list(itertools.product(COMMANDS, CARRIERS)))
def test_benign_same_case_or_no_reference_is_applied(command: str, carrier: str) -> None:
    for value in SAME + (PLAIN if not carrier.startswith("attach") else []):
        assert _ambiguous(_mail(command, carrier, value)) == "", (carrier, value)


@pytest.mark.parametrize("command", COMMANDS)
def test_forwarded_digest_and_link_are_not_ambiguous(command: str) -> None:
    assert _ambiguous(_mail(command, "forwarded_digest", "NS-CSPR-2026-002")) == ""
    assert _ambiguous(_mail("LINK NS-CSPR-2026-002", "to", "NS-CSPR-2026-002")) == ""
