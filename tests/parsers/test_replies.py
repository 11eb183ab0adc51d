"""Commands by email and automatic mail: classification of replies."""

from __future__ import annotations

import pytest

from parsers import parse_message


def _mail(subject: str, body: str, headers: str = "") -> bytes:
    return (f"From: chair@n-somerset.gov.uk\r\nTo: cspr@n-somerset.gov.uk\r\nSubject: {subject}\r\n{headers}"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}").encode()


@pytest.mark.parametrize(
    ("body", "verb", "args"),
    [
        ("DECISION: RAPID REVIEW\r\nAGENCIES: police, GP and school", "DECISION",
         {"decision": "RAPID REVIEW", "agencies": "police, GP and school"}),
        ("decision: no rapid review - not met", "DECISION", {"decision": "NO RAPID REVIEW", "reason": "not met"}),
        ("NOTIFIED 2026-02-06", "NOTIFIED", {"date": "2026-02-06"}),
        ("PANEL: national review", "PANEL", {"view": "NATIONAL REVIEW"}),
        ("AD DECISION: REFER", "AD DECISION", {"decision": "REFER"}),
        ("EXTEND screening: 10/02/2026 chair ill", "EXTEND",
         {"clock": "screening", "date": "2026-02-10", "reason": "chair ill"}),
    ],
)
def test_commands(body: str, verb: str, args: dict[str, str]) -> None:
    result = parse_message(_mail("RE: FW:  NS-CSPR-2026-004", body + "\r\n\r\nOn Mon wrote:\r\n> DECISION: CLOSE"))
    assert (result.kind, result.case_ref) == ("reply", "NS-CSPR-2026-004")
    assert result.command is not None and (result.command.verb, result.command.args) == (verb, args)


@pytest.mark.parametrize(
    ("lines", "agencies"),
    [
        ("AGENCIES: Education, Avon and Somerset Police", "Education, Avon and Somerset Police"),
        ("AGENCIES: Police; Health & Social Care; GP", "Police, Health & Social Care, GP"),
        ("AGENCIES:\r\n- Avon and Somerset Police\r\n- Sirona Care and Health\r\n- School",
         "Avon and Somerset Police, Sirona Care and Health, School"),
    ],
)
def test_agencies_split_on_commas_not_and(lines: str, agencies: str) -> None:
    """Agency names contain "and" and "&": only commas, semicolons, bullets and new lines separate them."""
    result = parse_message(_mail("RE: NS-CSPR-2026-004", f"DECISION: RAPID REVIEW\r\n{lines}"))
    assert result.command is not None and result.command.args["agencies"] == agencies


def test_agencies_joined_by_and_warns() -> None:
    result = parse_message(_mail("RE: NS-CSPR-2026-004", "DECISION: RAPID REVIEW\r\nAGENCIES: police, GP and school"))
    assert any("kept 'GP and school' as one agency" in w for w in result.warnings)


def test_bad_date_kept_raw_with_warning() -> None:
    result = parse_message(_mail("RE: NS-CSPR-2026-004", "NOTIFIED: 30/02/2026"))
    assert result.command is not None and result.command.args == {"date_raw": "30/02/2026"}
    assert any("not a valid date" in w for w in result.warnings)


def test_command_below_quote_is_ignored() -> None:
    result = parse_message(_mail("RE: NS-CSPR-2026-004", "Thanks\r\n\r\n> DECISION: RAPID REVIEW"))
    assert (result.kind, result.command) == ("reply", None)


def test_prose_is_not_a_command() -> None:
    assert parse_message(_mail("RE: NS-CSPR-2026-004", "Panel meets on Tuesday.")).command is None


@pytest.mark.parametrize(
    "headers", ["Auto-Submitted: auto-replied\r\n", "X-Autorespond: yes\r\n", "Precedence: junk\r\n"],
)
def test_auto_replies(headers: str) -> None:
    # Automatic-mail headers decide only whether csprbot answers (issue 10): a command is still a command,
    # marked so the sender is not answered; an out-of-office text with those headers is an auto-reply.
    result = parse_message(_mail("RE: NS-CSPR-2026-004", "DECISION: RAPID REVIEW", headers))
    assert result.kind == "reply" and result.command is not None
    assert any(w.startswith("automatic mail") for w in result.warnings), result.warnings
    ooo = parse_message(_mail("RE: NS-CSPR-2026-004", "I am out of the office until Monday.", headers))
    assert ooo.kind == "auto_reply"


def test_auto_submitted_no_is_a_person() -> None:
    result = parse_message(_mail("RE: NS-CSPR-2026-004", "CLOSE: done", "Auto-Submitted: no\r\n"))
    assert result.kind == "reply"


def test_mailer_daemon() -> None:
    raw = _mail("Delivery failure", "could not deliver").replace(b"chair@", b"MAILER-DAEMON@")
    assert parse_message(raw).kind == "auto_reply"
