"""Siblings harmed in one incident (issue #11 item 6): the same-incident check suggests LINK; once linked, each
agency is asked once for the incident, with every case listed in the request by reference (no child's name)."""

from __future__ import annotations

import pytest
from replay import ROLE, Replay, _local

from bot.app import make_calendar
from bot.apply import Runtime
from bot.cli import main
from bot.demo import demo_messages
from bot.settings import load_settings

FIRST, SECOND = "NS-CSPR-2026-001", "NS-CSPR-2026-002"


@pytest.fixture()
def replay(tmp_path, monkeypatch) -> Replay:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    return Replay(tmp_path)


def test_siblings_are_linked_and_agencies_asked_once(replay: Replay) -> None:
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    replay.run("2026-04-02T10:05")
    settings = load_settings(None, env={})
    rt = Runtime(settings, make_calendar(settings), _local("2026-04-02T11:00"))
    (_, raw), _ = demo_messages(rt, settings, child="Bo Fictional")  # a sibling: same incident, same family
    replay.deliver(raw)
    sent = replay.run("2026-04-02T11:05")
    assert {str(m["X-CSPRBOT-Case"]) for m in sent} == {SECOND}  # a case of its own, not a duplicate
    triage = next(m for m in sent if m["X-CSPRBOT-Kind"] == "triage")
    assert f"LINK {FIRST}" in triage.get_body(("plain",)).get_content()  # type: ignore[union-attr]

    replay.reply(ROLE["coordinator"], SECOND, f"LINK {FIRST}", "2026-04-02T12:00")
    replay.reply(ROLE["subgroup_chair"], FIRST, "DECISION: RAPID REVIEW\nAGENCIES: Education", "2026-04-03T10:00")
    sent = replay.run("2026-04-03T10:05")
    (request,) = [m for m in sent if m["X-CSPRBOT-Kind"] == "request"]
    body = request.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    # Every case of the incident by reference, no child by name: as a single child's request (stranger round 21).
    assert f"- {FIRST}" in body and f"- {SECOND}" in body
    assert "Alex" not in body and "Bo Fictional" not in body and "Fictional" not in body
    assert "Alex" not in str(request["Subject"]) and "Bo" not in str(request["Subject"])

    replay.reply(ROLE["subgroup_chair"], SECOND, "DECISION: RAPID REVIEW\nAGENCIES: Education, ICB Health",
                 "2026-04-07T10:00")
    sent = replay.run("2026-04-07T10:05")
    requests = {str(m["To"]): m.get_body(("plain",)).get_content()  # type: ignore[union-attr]
                for m in sent if m["X-CSPRBOT-Kind"] == "request"}
    # Education was asked for the incident already: told the request now covers the second child, no new clock.
    assert "No second return is needed" in requests[ROLE["education_lead"]]
    assert all("Fictional" not in body for body in requests.values())
    assert "10 working days" in requests["example.health.lead@nhs.net"]
    import io
    import json
    from contextlib import redirect_stdout

    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["case", SECOND, "--json", "--now", "2026-04-07T12:00"]) == 0
    view = json.loads(buf.getvalue())
    assert [c["agency"] for c in view["clocks"] if c["name"] == "agency_return"] == ["ICB Health"]
    assert view["process"]["incident"] == FIRST
