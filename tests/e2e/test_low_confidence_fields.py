"""Issue #12 items 2 and 4: a value read with low confidence is named in the routing and triage mails' fields
to check (names only, never the value; no child identifier in any subject) and in `csprbot case --full`, and
a CORRECT of the field takes it off the list."""

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
COORD, CHAIR = ROLE["coordinator"], ROLE["subgroup_chair"]
CHILD = "Kai Marsh"


@pytest.fixture()
def replay(tmp_path, monkeypatch) -> Replay:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    return Replay(tmp_path)


def _form(when: str, second: str) -> bytes:
    """A form pasted into a mail that opens with a bare "Name:" (no headings): whose name it is, is guessed."""
    m = EmailMessage()
    m["From"] = "Jo Reed <jo.reed@hillview.example.sch.uk>"
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = "CSPR referral"
    m["Date"] = format_datetime(_local(when))
    m["Message-ID"] = make_msgid(domain="hillview.example.sch.uk")
    m.set_content(f"Name: Jo Reed\n{second}\n\nChild's name: {CHILD}\nDate of birth: 02/03/2015\n"
                  "Date of incident: 01/04/2026\nHas the child died? Yes\nAbuse or neglect: Suspected\n"
                  "Summary: Kai was found unresponsive at home and died in hospital.\n")
    return m.as_bytes()


def _case(when: str) -> dict[str, object]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["case", REF, "--json", "--full", "--now", when]) == 0
    return json.loads(buf.getvalue())  # type: ignore[no-any-return]


def _text(m: EmailMessage) -> str:
    return m.get_body(("plain",)).get_content()  # type: ignore[union-attr, no-any-return]


@pytest.mark.parametrize("second", ["Role: Designated Safeguarding Lead", "Email: jo.reed@hillview.example.sch.uk"])
def test_a_low_confidence_field_is_listed_to_check_in_the_routing_and_triage_mails(replay: Replay,
                                                                                   second: str) -> None:
    replay.deliver(_form("2026-04-02T10:00", second))
    sent = replay.run("2026-04-02T10:05")
    routing = next(m for m in sent if m["X-CSPRBOT-Kind"] == "routing" and str(m["To"]) == CHAIR)
    triage = next(m for m in sent if m["X-CSPRBOT-Kind"] == "triage" and str(m["To"]) == COORD)
    for mail in (routing, triage):
        assert CHILD.split()[0] not in str(mail["Subject"]) and CHILD.split()[1] not in str(mail["Subject"])
    line = next(ln for ln in _text(routing).splitlines() if ln.startswith("Read with low confidence"))
    assert "referrer.name" in line and "Jo Reed" not in line and "child.name" not in line
    text = " ".join(_text(triage).split())
    listed = text.split("read with low confidence", 1)[1].split("Fix any field", 1)[0]
    assert "referrer.name" in listed and "Jo Reed" not in listed and CHILD not in text
    # the case view with --full lists it too, with why; once corrected it is no longer to check
    checks = {c["field"]: c["why"] for c in _case("2026-04-02T10:10")["to_check"]}  # type: ignore[union-attr]
    assert checks["referrer.name"].startswith("read with low confidence")
    replay.reply(COORD, REF, "CORRECT referrer.name: Jo Reed", "2026-04-02T10:20")
    replay.run("2026-04-02T10:25")
    assert "referrer.name" not in {c["field"] for c in _case("2026-04-02T10:30")["to_check"]}  # type: ignore


def test_a_form_read_from_its_own_labels_names_nothing_to_check(replay: Replay) -> None:
    """The same form with the referrer's own labels: nothing read with low confidence, no such line."""
    raw = _form("2026-04-02T10:00", "Role: DSL").replace(b"Name: Jo Reed", b"Referrer name: Jo Reed")
    replay.deliver(raw)
    sent = replay.run("2026-04-02T10:05")
    routing = next(m for m in sent if m["X-CSPRBOT-Kind"] == "routing" and str(m["To"]) == CHAIR)
    assert "low confidence" not in _text(routing)
    assert all("low confidence" not in _text(m) for m in sent if m["X-CSPRBOT-Kind"] == "triage")
