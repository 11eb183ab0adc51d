"""End to end on the embedded default, driven through the CLI as a co-ordinator would run it."""

from __future__ import annotations

import email
import json
import os
import subprocess
import sys
from email.policy import default as default_policy
from pathlib import Path

import pytest

ROLE_ADDRESSES = {
    "ad.support.safeguarding@nsscp.example.gov.uk",
    "director.people@nsscp.example.gov.uk",
    "casereview@avon.example.pnn.police.uk",
    "example.icb.safeguarding@nhs.net",
    "nsscp.coordinator@nsscp.example.gov.uk",
    "service.leader.qa@nsscp.example.gov.uk",
    "cspr.subgroup.chair@nsscp.example.gov.uk",
}
CHILD_IDENTIFIERS = ("Alex", "Fictional", "14/03/2019", "2019-03-14", "Nowhere Lane", "ZZ1 1ZZ", "Madeup")


def csprbot(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSPRBOT_")}
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=120, check=False)


def outbox(cwd: Path) -> list[email.message.EmailMessage]:
    files = sorted((cwd / "var/mail/outbox/new").glob("*"))
    return [email.message_from_bytes(f.read_bytes(), policy=default_policy) for f in files]  # type: ignore[misc]


@pytest.fixture()
def workdir(tmp_path: Path) -> Path:
    return tmp_path


def test_demo_referral_is_routed_and_clocks_start_around_easter(workdir: Path) -> None:
    # Thursday 2 April 2026, 10:00: the day before Good Friday. The demo's incident is 1 WD earlier.
    r = csprbot(workdir, "demo", "--now", "2026-04-02T10:00")
    assert r.returncode == 0, r.stderr
    r = csprbot(workdir, "run", "--once", "--now", "2026-04-02T10:05")
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout.strip().splitlines()[-1])
    # seven routed mails (six roles and the sub-group chair, who screens it), the acknowledgement,
    # and (it is past 08:00 on a working day) the day's digest
    assert summary["messages"] == 2 and summary["sent"] == 9

    mails = outbox(workdir)
    routed = [m for m in mails if m["X-CSPRBOT-Kind"] == "routing"]
    acks = [m for m in mails if m["X-CSPRBOT-Kind"] == "ack"]
    assert {str(m["To"]) for m in routed} == ROLE_ADDRESSES
    assert len(routed) == 7 and len(acks) == 1
    digests = [m for m in mails if m["X-CSPRBOT-Kind"] == "digest"]
    assert [str(m["To"]) for m in digests] == ["nsscp.coordinator@nsscp.example.gov.uk"]
    digest_text = digests[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "NS-CSPR-2026-001" in digest_text
    assert not any(x in digest_text for x in CHILD_IDENTIFIERS)
    assert str(acks[0]["To"]) == "sam.example@csc.example.gov.uk"
    ref = str(routed[0]["X-CSPRBOT-Case"])
    assert ref == "NS-CSPR-2026-001"
    for m in mails:
        assert ref in str(m["Subject"]) or m["X-CSPRBOT-Kind"] == "digest"
        assert m["Auto-Submitted"] == "auto-generated"
        assert not any(x.lower() in str(m["Subject"]).lower() for x in CHILD_IDENTIFIERS)
    # the acknowledgement to the referrer carries no child identifier at all
    ack_text = acks[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert not any(x in ack_text for x in CHILD_IDENTIFIERS)
    # the routed roles get the form as received
    assert any(p.get_filename() == f"{ref}-as-received.eml" for p in routed[0].iter_attachments())

    r = csprbot(workdir, "case", ref, "--json", "--now", "2026-04-02T10:10")
    assert r.returncode == 0, r.stderr
    view = json.loads(r.stdout)
    clocks = {c["name"]: c for c in view["clocks"]}
    # Screening: incident Wed 1 April is day 0; WD 1-5 = Thu 2, Tue 7, Wed 8, Thu 9, Fri 10 April
    # (Good Friday 3 April and Easter Monday 6 April are bank holidays).
    assert clocks["screening"]["anchor"] == "2026-04-01"
    assert clocks["screening"]["due"] == "2026-04-10"
    assert clocks["screening"]["status"] == "running"
    # Notification: the referrer is the council's own children's social care, so the local authority knew
    # on the incident day, Wed 1 April (day 0); WD 1-5 = Thu 2, Tue 7, Wed 8, Thu 9, Fri 10 April.
    assert clocks["notification"]["anchor"] == "2026-04-01"
    assert clocks["notification"]["due"] == "2026-04-10"
    assert clocks["referral"]["status"] == "met" and view["late_referral"] is False
    assert "Alex" not in r.stdout  # personal details only with --full

    # Doing it again changes nothing: no new mail, no new case.
    r = csprbot(workdir, "run", "--once", "--now", "2026-04-02T10:20")
    assert r.returncode == 0, r.stderr
    assert len(outbox(workdir)) == len(mails)
    r = csprbot(workdir, "cases", "--json", "--now", "2026-04-02T10:20")
    assert [c["ref"] for c in json.loads(r.stdout)] == [ref]
    # the inbox is empty: the referral went to Processed, the auto-reply too (ignored, never answered)
    assert not list((workdir / "var/mail/inbox/new").glob("*"))
    assert len(list((workdir / "var/mail/inbox/.Processed/cur").glob("*"))) == 2


def test_unreadable_message_is_quarantined_and_the_coordinator_told(workdir: Path) -> None:
    inbox = workdir / "var/mail/inbox"
    for sub in ("new", "cur", "tmp"):
        (inbox / sub).mkdir(parents=True)
    (inbox / "new" / "1.bad").write_bytes(
        b"From: someone@example.org\r\nSubject: hello\r\nMessage-ID: <x1@example.org>\r\n"
        b"Date: Thu, 02 Apr 2026 09:00:00 +0100\r\n\r\nIs this the right place for the newsletter?\r\n"
    )
    r = csprbot(workdir, "run", "--once", "--now", "2026-04-02T10:00")
    assert r.returncode == 0, r.stderr
    mails = outbox(workdir)
    triage = [m for m in mails if m["X-CSPRBOT-Kind"] == "triage"]
    assert sorted(str(m["X-CSPRBOT-Kind"]) for m in mails) == ["digest", "triage"]
    assert str(triage[0]["To"]) == "nsscp.coordinator@nsscp.example.gov.uk"
    assert len(list((inbox / ".Quarantine/cur").glob("*"))) == 1
    r = csprbot(workdir, "quarantine", "list")
    assert "someone@example.org" in r.stdout


def test_bad_config_names_the_field(workdir: Path) -> None:
    cfg = workdir / "bad.toml"
    cfg.write_text(
        '[partnership]\nname = "X"\nref_prefix = "ns"\nbot_address = "bot@x.example.gov.uk"\n'
        '[roles]\ncoordinator = ["c@gmail.com"]\nservice_leader = ["not-an-address"]\n'
        'assistant_director = ["a@x.gov.uk"]\ndirector = ["d@x.gov.uk"]\npolice_review = ["p@x.police.uk"]\n'
        'icb_safeguarding = ["i@nhs.net"]\nsubgroup_chair = ["s@x.gov.uk"]\n'
    )
    r = csprbot(workdir, "--config", str(cfg), "check-config")
    assert r.returncode == 2
    assert "partnership.ref_prefix" in r.stderr
    assert "roles.service_leader[0]" in r.stderr
    assert "roles.coordinator[0]" in r.stderr and "secure_domains" in r.stderr
