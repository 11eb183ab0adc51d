"""Whole cases replayed day by day with a pinned clock: exactly which chaser or escalation went to whom, when."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from replay import ROLE, IndependentCalendar, Replay, fill_return_form, weekdays

from bot.cli import main

pytestmark = pytest.mark.usefixtures("database_url")  # every test here on SQLite and PostgreSQL

REF = "NS-CSPR-2026-001"


@pytest.fixture()
def replay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Replay:
    monkeypatch.chdir(tmp_path)
    return Replay(tmp_path)


def case_json(when: str, *more: str) -> dict[str, object]:
    import contextlib
    import sys

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["case", REF, "--json", "--now", when, *more]) == 0
    del sys
    return json.loads(buf.getvalue())  # type: ignore[no-any-return]


def test_referral_before_easter_rapid_review_and_a_late_agency(replay: Replay) -> None:
    cal = IndependentCalendar()
    incident, received = date(2026, 4, 1), date(2026, 4, 2)
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    replay.run("2026-04-02T10:05")

    screening_due = cal.add(incident, 5)  # Fri 10 April
    # The referrer is the council's own children's social care: the LA was aware on the incident day.
    notif_due = cal.add(incident, 5)  # Fri 10 April
    assert received == date(2026, 4, 2)
    assert (screening_due, notif_due) == (date(2026, 4, 10), date(2026, 4, 10))
    expected: dict[date, set[tuple[str, str, str]]] = {}

    def expect(day: date, kind: str, clock: str, *roles: str) -> None:
        expected.setdefault(day, set()).update((kind, clock, ROLE[r]) for r in roles)

    for off in (-2, -1, 0):
        expect(cal.add(screening_due, off), "chaser", "screening", "subgroup_chair", "coordinator")
        expect(cal.add(notif_due, off), "chaser", "notification", "service_leader")
    expect(cal.add(screening_due, 1), "escalation", "screening", "assistant_director")  # Mon 13
    expect(cal.add(notif_due, 1), "escalation", "notification", "assistant_director")  # Mon 13

    for day in weekdays(date(2026, 4, 3), date(2026, 4, 14)):
        replay.run(f"{day.isoformat()}T09:05")
    # Tue 14 April, late morning: the decision and the SIN are finally recorded.
    replay.reply(ROLE["subgroup_chair"], REF, "DECISION: RAPID REVIEW\nAGENCIES: Education, Avon and Somerset Police",
                 "2026-04-14T11:00")
    replay.reply(ROLE["service_leader"], REF, "NOTIFIED: 2026-04-14", "2026-04-14T11:01")
    sent = replay.run("2026-04-14T11:05")
    kinds = sorted((str(m["X-CSPRBOT-Kind"]), str(m["To"])) for m in sent)
    assert ("confirm", ROLE["subgroup_chair"]) in kinds and ("confirm", ROLE["service_leader"]) in kinds
    requests = [m for m in sent if m["X-CSPRBOT-Kind"] == "request"]
    assert sorted(str(m["To"]) for m in requests) == sorted([ROLE["education_lead"], ROLE["police_lead"]])
    for m in requests:
        (att,) = list(m.iter_attachments())
        assert att.get_filename() == f"{REF}-agency-return.docx"

    agency_due = cal.add(date(2026, 4, 14), 10)  # Tue 28 April
    rr_due = cal.add(date(2026, 4, 14), 15)  # Wed 6 May (4 May is a bank holiday)
    assert (agency_due, rr_due) == (date(2026, 4, 28), date(2026, 5, 6))
    for off in (-2, -1, 0):
        expect(cal.add(agency_due, off), "chaser", "agency_return", "education_lead")
        expect(cal.add(agency_due, off), "chaser", "agency_return", "police_lead")
    # Education sends a nil return on Mon 27 April: its clock stops, no more chasers to it.
    for day in weekdays(date(2026, 4, 15), date(2026, 4, 27)):
        replay.run(f"{day.isoformat()}T09:05")
    nil_return = fill_return_form(REF, "Education", "No", "Lee Specimen", ROLE["education_lead"])
    replay.reply(ROLE["education_lead"], REF, "Please find our return attached.", "2026-04-27T10:00",
                 ("agency return.docx", nil_return))
    replay.run("2026-04-27T10:05")
    expected[date(2026, 4, 28)].discard(("chaser", "agency_return", ROLE["education_lead"]))
    # The police never return: rep on the first escalation, then co-ordinator + AD on repeats.
    first = cal.add(agency_due, 1)  # Wed 29 April
    expect(first, "escalation", "agency_return", "police_rep")
    expect(cal.add(first, 2), "escalation", "agency_return", "coordinator", "assistant_director")  # Fri 1 May
    expect(cal.add(first, 4), "escalation", "agency_return", "coordinator", "assistant_director")  # Wed 6 May
    for off in (-2, -1, 0):
        expect(cal.add(rr_due, off), "chaser", "rr_submission", "coordinator", "subgroup_chair")
    for day in weekdays(date(2026, 4, 28), date(2026, 5, 6)):
        replay.run(f"{day.isoformat()}T09:05")

    for day in weekdays(date(2026, 4, 2), date(2026, 5, 6)):
        assert replay.reminders_on(day) == expected.get(day, set()), day.isoformat()

    view = case_json("2026-05-06T12:00")
    clocks = {(c["name"], c["agency"]): c for c in view["clocks"]}  # type: ignore[index, union-attr]
    assert clocks[("screening", None)]["status"] == "met"
    assert clocks[("agency_return", "Education")]["status"] == "met"
    assert clocks[("agency_return", "Avon and Somerset Police")]["status"] == "breached"
    assert clocks[("agency_return", "Avon and Somerset Police")]["escalations_sent"] == 3
    returns = {r["agency"]: r for r in view["agency_returns"]}  # type: ignore[index, union-attr]
    assert returns["Education"]["involved"] is False and returns["Education"]["received"] == "2026-04-27"
    assert returns["Avon and Somerset Police"]["received"] is None


def test_disagreement_goes_to_the_ad_at_once_and_extension_moves_chasers(replay: Replay) -> None:
    cal = IndependentCalendar({date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)})
    # Referral on Wed 23 December 2026; the council is closed 29-31 December.
    assert main(["demo", "--now", "2026-12-23T10:00"]) == 0
    replay.run("2026-12-23T10:05")
    view = case_json("2026-12-23T10:10")
    clocks = {c["name"]: c for c in view["clocks"]}  # type: ignore[index, union-attr]
    incident = cal.add(date(2026, 12, 23), -1)  # Tue 22 December
    # WD after Tue 22 Dec: 23, 24 Dec, then (25, 28 Dec bank holidays, 29-31 closure, 1 Jan) 4, 5, 6 Jan
    assert clocks["screening"]["due"] == cal.add(incident, 5).isoformat() == "2027-01-06"
    # The SIN is statutory: 5 WD from the LA's awareness (the incident day: its own social care referred),
    # counting bank holidays but not the council's closure: Wed 23, Thu 24, Tue 29, Wed 30, Thu 31 December.
    assert clocks["notification"]["anchor"] == "2026-12-22"
    assert clocks["notification"]["due"] == IndependentCalendar().add(incident, 5).isoformat() == "2026-12-31"

    # The police reviewer disagrees: it reaches the Assistant Director at once, not at the next sweep.
    replay.reply("casereview@avon.example.pnn.police.uk", REF, "DISAGREE: criteria not met in our view",
                 "2026-12-24T09:30")
    sent = replay.run("2026-12-24T09:35")
    esc = [m for m in sent if m["X-CSPRBOT-Kind"] == "escalation"]
    assert [(str(m["To"]), str(m["X-CSPRBOT-Clock"])) for m in esc] == [(ROLE["assistant_director"], "disagreement")]
    # A wrong-role command is refused and changes nothing.
    replay.reply(ROLE["director"], REF, "AD DECISION: REFER", "2026-12-24T09:40")
    sent = replay.run("2026-12-24T09:45")
    assert [str(m["X-CSPRBOT-Kind"]) for m in sent] == ["refusal"]
    assert "assistant_director" in sent[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    # The co-ordinator extends screening to 8 January with a reason; chasers follow the new date.
    replay.reply(ROLE["coordinator"], REF, "EXTEND screening: 2027-01-08 sub-group cannot meet over closure",
                 "2026-12-24T10:00")
    replay.run("2026-12-24T10:05")
    replay.reply(ROLE["assistant_director"], REF, "AD DECISION: REFER", "2026-12-24T11:00")
    replay.run("2026-12-24T11:05")
    for day in weekdays(date(2026, 12, 25), date(2027, 1, 11)):
        replay.run(f"{day.isoformat()}T09:05")
    new_due = date(2027, 1, 8)
    for day in weekdays(date(2026, 12, 25), date(2027, 1, 11)):
        got = {(k, c) for k, c, to in replay.reminders_on(day) if c == "screening"}
        want = set()
        if day in {cal.add(new_due, -2), cal.add(new_due, -1), new_due}:
            want = {("chaser", "screening")}
        if day == cal.add(new_due, 1):
            want = {("escalation", "screening")}
        assert got == want, day
        # nothing at all is sent on closure days, bank holidays or weekends
        if not cal.is_wd(day):
            assert replay.reminders_on(day) == set(), day
    view = case_json("2027-01-11T12:00", "--full")  # the typed reason, with --full only
    clocks = {c["name"]: c for c in view["clocks"]}  # type: ignore[index, union-attr]
    assert clocks["disagreement"]["status"] == "met"
    assert clocks["screening"]["due"] == "2027-01-08" and "closure" in clocks["screening"]["extension"]
    plain = {c["name"]: c for c in case_json("2027-01-11T12:00")["clocks"]}  # type: ignore[index, union-attr]
    assert plain["screening"]["extension"] == "2027-01-06 -> 2027-01-08: reason given, 5 words; --full shows it"


def test_restart_after_downtime_sends_each_reminder_once_and_marks_it_late(replay: Replay) -> None:
    cal = IndependentCalendar()
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    replay.run("2026-04-02T10:05")
    # csprbot is down from Wed 8 to Mon 13 April 08:00 (screening chasers on 8, 9, 10 April fall due).
    replay.run("2026-04-13T09:05")
    got = replay.reminders_on(date(2026, 4, 13))
    # Only the newest pending slot per clock goes out: the escalations (13 April) supersede the missed
    # chasers of both clocks (both due Fri 10 April: the council's own social care referred).
    assert got == {("escalation", "screening", ROLE["assistant_director"]),
                   ("escalation", "notification", ROLE["assistant_director"])}
    # Restarting again the same day (twice) sends nothing more.
    replay.run("2026-04-13T09:30")
    replay.run("2026-04-13T10:00")
    assert replay.reminders_on(date(2026, 4, 13)) == got
    assert cal.add(date(2026, 4, 10), 1) == date(2026, 4, 13)


def test_panel_local_review_starts_the_six_month_clock(replay: Replay) -> None:
    cal = IndependentCalendar()
    assert main(["demo", "--now", "2026-08-26T10:00"]) == 0
    replay.run("2026-08-26T10:05")
    replay.reply(ROLE["subgroup_chair"], REF, "DECISION: RAPID REVIEW\nAGENCIES: all", "2026-08-27T10:00")
    replay.reply(ROLE["service_leader"], REF, "NOTIFIED: 2026-08-27", "2026-08-27T10:01")
    replay.run("2026-08-27T10:05")
    # A co-ordinator at a terminal records the submission: same rules, same audit, same confirmation.
    assert main(["act", REF, "SUBMITTED: 2026-08-28", "--now", "2026-08-28T15:00"]) == 0
    confirmed = replay.run("2026-08-28T15:05")
    assert [(str(m["X-CSPRBOT-Kind"]), str(m["To"])) for m in confirmed if m["X-CSPRBOT-Kind"] != "digest"] == [
        ("confirm", ROLE["coordinator"])]
    replay.reply(ROLE["coordinator"], REF, "PANEL: LOCAL REVIEW", "2026-08-31T10:00")  # bank holiday Monday
    sent = replay.run("2026-08-31T10:05")
    # Confirmed; the Panel's view goes to routing.panel_decision and the referrer (protocol Appendix 1).
    assert sorted((str(m["X-CSPRBOT-Kind"]), str(m["To"])) for m in sent if m["X-CSPRBOT-Kind"] != "digest") == [
        ("confirm", ROLE["coordinator"]), ("letter", ROLE["coordinator"]), ("letter", ROLE["executive"]),
        ("letter", "sam.example@csc.example.gov.uk"), ("letter", ROLE["service_leader"])]
    view = case_json("2026-08-31T12:00")
    clocks = {(c["name"], c["agency"]): c for c in view["clocks"]}  # type: ignore[index, union-attr]
    assert view["stage"] == "local_review"
    assert {a for (n, a) in clocks if n == "agency_return"} == {
        "Children's Social Care", "Avon and Somerset Police", "ICB Health", "Education"}
    assert clocks[("rr_submission", None)]["status"] == "met"
    assert clocks[("rr_submission", None)]["due"] == cal.add(date(2026, 8, 27), 15).isoformat()
    assert clocks[("panel_response", None)]["status"] == "met"
    # Six calendar months from the Panel's view on 31 August: 28 February 2027 (no 31 February).
    assert clocks[("lcspr", None)]["anchor"] == "2026-08-31"
    assert clocks[("lcspr", None)]["due"] == "2027-02-28"


def test_no_rapid_review_tells_the_ad_and_closes(replay: Replay) -> None:
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    replay.run("2026-04-02T10:05")
    replay.reply(ROLE["coordinator"], REF, "DECISION: NO RAPID REVIEW criteria not met: no abuse suspected",
                 "2026-04-07T10:00")
    sent = replay.run("2026-04-07T10:05")
    kinds = sorted((str(m["X-CSPRBOT-Kind"]), str(m["To"])) for m in sent if m["X-CSPRBOT-Kind"] != "digest")
    # The AD is told (and may DISAGREE); the executive and the referrer get their letters.
    assert kinds == [("confirm", ROLE["coordinator"]), ("letter", ROLE["coordinator"]),
                     ("letter", ROLE["executive"]), ("letter", "sam.example@csc.example.gov.uk"),
                     ("triage", ROLE["assistant_director"])]
    view = case_json("2026-04-07T10:10")
    assert view["stage"] == "closed"
    assert all(c["status"] in ("met", "stopped") for c in view["clocks"])  # type: ignore[union-attr]
    # Nothing is chased on a closed case, ever.
    for day in weekdays(date(2026, 4, 8), date(2026, 4, 20)):
        replay.run(f"{day.isoformat()}T09:05")
    assert replay.log == []


def test_second_referral_of_the_same_incident_joins_the_open_case(replay: Replay) -> None:
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    replay.run("2026-04-02T10:05")
    # The police refer the same child and incident an hour later (same form, different sender and message).
    assert main(["demo", "--now", "2026-04-02T11:00"]) == 0
    sent = replay.run("2026-04-02T11:05")
    kinds = sorted((str(m["X-CSPRBOT-Kind"]), str(m["To"]), str(m["X-CSPRBOT-Case"])) for m in sent)
    assert kinds == [("ack", "sam.example@csc.example.gov.uk", REF), ("triage", ROLE["coordinator"], REF)]
    cases = json.loads(_stdout(["cases", "--json", "--now", "2026-04-02T11:10"]))
    assert [c["ref"] for c in cases] == [REF]
    view = case_json("2026-04-02T11:10")
    assert [e["kind"] for e in view["events"]].count("duplicate_referral") == 1  # type: ignore[union-attr]
    assert [c["name"] for c in view["clocks"]].count("screening") == 1  # type: ignore[union-attr]
    # The co-ordinator knows better (a different child of the same name): open it as its own case, once.
    notice = next(m for m in sent if m["X-CSPRBOT-Kind"] == "triage").get_body(("plain",)).get_content()
    message_id = notice.split("csprbot new-case ")[1].split("`")[0]
    assert main(["new-case", message_id, "--now", "2026-04-02T12:00"]) == 0
    assert main(["new-case", message_id, "--now", "2026-04-02T12:01"]) == 1  # not twice
    cases = json.loads(_stdout(["cases", "--json", "--now", "2026-04-02T12:05"]))
    assert [c["ref"] for c in cases] == [REF, "NS-CSPR-2026-002"]


def _stdout(args: list[str]) -> str:
    import contextlib

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(args) == 0
    return buf.getvalue()
