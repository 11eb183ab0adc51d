"""Stranger round 15, break B7, through intake: a mail holding two siblings' pasted referral forms opens the first
form's case, marks it (fact `several_forms`, `child.name` to check) and tells the co-ordinator in the triage mail
that the mail holds 2 referral forms, so the second child is never silently lost; no child's name or date of birth
in that mail or in any subject."""

from __future__ import annotations

import contextlib
import io
import json
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import pytest
from replay import ROLE, Replay, _local

from bot.cli import main

REF = "NS-CSPR-2026-001"
COORD = ROLE["coordinator"]
KIDS = (("Kai Marsh", "02/03/2015"), ("Leo Marsh", "11/09/2018"))


@pytest.fixture()
def replay(tmp_path, monkeypatch) -> Replay:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    return Replay(tmp_path)


def _form(child: str, dob: str) -> str:
    return (f"CSPR REFERRAL FORM\nName of referrer: Jo Reed\nRole: Designated Safeguarding Lead\n"
            f"Email: jo.reed@hillview.example.sch.uk\nName of child: {child}\nDate of birth: {dob}\n"
            "Home address: 4 Mill Lane, Exampletown\nDate of incident: 01/04/2026\nHas the child been seriously "
            "harmed? Yes\nAbuse or neglect: Suspected\nSummary: Both children were found injured at home.\n")


def _mail(when: str, separator: str) -> bytes:
    m = EmailMessage()
    m["From"] = "Jo Reed <jo.reed@hillview.example.sch.uk>"
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = "CSPR referrals"
    m["Date"] = format_datetime(_local(when))
    m["Message-ID"] = make_msgid(domain="hillview.example.sch.uk")
    m.set_content("Two referrals below, one for each sibling.\n\n" + f"\n{separator}\n\n".join(_form(*k) for k in KIDS))
    return m.as_bytes()


def _case(when: str) -> dict[str, object]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["case", REF, "--json", "--full", "--now", when]) == 0
    return json.loads(buf.getvalue())  # type: ignore[no-any-return]


@pytest.mark.parametrize("separator", ["=====", "Referral 2 of 2"])
def test_the_second_childs_form_reaches_the_coordinator(replay: Replay, separator: str) -> None:
    replay.deliver(_mail("2026-04-02T10:00", separator))
    sent = replay.run("2026-04-02T10:05")
    triage = [m for m in sent if m["X-CSPRBOT-Kind"] == "triage" and str(m["To"]) == COORD]
    assert len(triage) == 1
    text = " ".join(triage[0].get_body(("plain",)).get_content().split())  # type: ignore[union-attr]
    assert "holds 2 referral forms" in text and "LINK" in text
    for name, dob in KIDS:
        assert name not in text and dob not in text and name.split()[0] not in text
    for mail in sent:
        assert not any(part in str(mail["Subject"]) for name, _ in KIDS for part in name.split())
    case = _case("2026-04-02T10:10")
    assert case["referral"]["child"]["name"] == KIDS[0][0]  # type: ignore[index]
    assert "child.name" in {c["field"] for c in case["to_check"]}  # type: ignore[union-attr]
    assert case["process"]["several_forms"] is True  # type: ignore[index]
