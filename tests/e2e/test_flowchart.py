"""The North Somerset flowchart (protocol Appendix 1) end to end, referral to publication and learning actions,
every due date and every chaser/escalation checked against the hand-typed calendar in replay.py."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from replay import ROLE, IndependentCalendar, Replay, fill_return_form, weekdays

from bot.cli import main

REF = "NS-CSPR-2026-001"
SL, AD, COORD, CHAIR = ROLE["service_leader"], ROLE["assistant_director"], ROLE["coordinator"], ROLE["subgroup_chair"]
REFERRER = "sam.example@csc.example.gov.uk"


@pytest.fixture()
def replay(tmp_path, monkeypatch) -> Replay:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    return Replay(tmp_path)


def case_json(when: str) -> dict[str, object]:
    import contextlib

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["case", REF, "--json", "--now", when]) == 0
    return json.loads(buf.getvalue())  # type: ignore[no-any-return]


def _stdout(args: list[str]) -> str:
    import contextlib

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(args) == 0
    return buf.getvalue()


def clocks_of(view: dict[str, object]) -> dict[tuple[str, str | None], dict[str, object]]:
    return {(c["name"], c["agency"]): c for c in view["clocks"]}  # type: ignore[index, union-attr, attr-defined]


def test_referral_to_publication_and_learning_actions(replay: Replay) -> None:
    cal = IndependentCalendar()
    incident = date(2026, 4, 1)
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    replay.run("2026-04-02T10:05")

    # --- screening and the SIN: the referrer is the council's own social care, so both count from the incident
    view = case_json("2026-04-02T10:10")
    assert view["stage"] == "screening"
    clocks = clocks_of(view)
    assert clocks[("screening", None)]["due"] == cal.add(incident, 5).isoformat() == "2026-04-10"
    assert clocks[("notification", None)]["anchor"] == "2026-04-01"
    assert clocks[("notification", None)]["due"] == cal.add(incident, 5).isoformat()

    replay.run("2026-04-07T09:05")
    replay.reply(CHAIR, REF, "DECISION: RAPID REVIEW\nAGENCIES: Education, Avon and Somerset Police",
                 "2026-04-07T10:00")
    sent = replay.run("2026-04-07T10:05")
    letters = {str(m["To"]): m.get_body(("plain",)).get_content() for m in sent  # type: ignore[union-attr]
               if m["X-CSPRBOT-Kind"] == "letter"}
    # the executive (with the co-ordinator: routing.screening_decision) and the referrer are told
    assert set(letters) == {ROLE["executive"], COORD, REFERRER}
    for text in letters.values():
        assert "rapid review" in text and "Alex" not in text and "Fictional" not in text
    replay.run("2026-04-08T09:05")
    replay.reply(SL, REF, "NOTIFIED: 2026-04-08", "2026-04-08T11:00")
    replay.run("2026-04-08T11:05")

    agency_due = cal.add(date(2026, 4, 7), 10)
    rr_due = cal.add(date(2026, 4, 8), 15)
    assert (agency_due, rr_due) == (date(2026, 4, 21), date(2026, 4, 29))
    for day in weekdays(date(2026, 4, 9), date(2026, 4, 19)):
        replay.run(f"{day.isoformat()}T09:05")
    replay.run("2026-04-20T09:05")
    nil_return = fill_return_form(REF, "Education", "No", "Lee Specimen", ROLE["education_lead"])
    replay.reply(ROLE["education_lead"], REF, "Our return attached.", "2026-04-20T10:00",
                 ("agency return.docx", nil_return))
    replay.run("2026-04-20T10:05")
    for day in weekdays(date(2026, 4, 21), date(2026, 4, 26)):
        replay.run(f"{day.isoformat()}T09:05")
    # The rapid review goes to the Panel without the police return: their clock stops with it.
    replay.reply(COORD, REF, "SUBMITTED: 2026-04-27", "2026-04-27T08:30")
    for day in weekdays(date(2026, 4, 27), date(2026, 5, 15)):
        replay.run(f"{day.isoformat()}T09:05")

    expected: dict[date, set[tuple[str, str, str]]] = {
        date(2026, 4, 8): {("chaser", "notification", SL)},  # -2 WD before 10 April, before NOTIFIED at 11:00
    }
    for off in (-2, -1):
        expected[cal.add(agency_due, off)] = {("chaser", "agency_return", ROLE["education_lead"]),
                                              ("chaser", "agency_return", ROLE["police_lead"])}
    expected[agency_due] = {("chaser", "agency_return", ROLE["police_lead"])}  # Education returned on the 20th
    first = cal.add(agency_due, 1)
    expected[first] = {("escalation", "agency_return", ROLE["police_rep"])}
    expected[cal.add(first, 2)] = {("escalation", "agency_return", COORD), ("escalation", "agency_return", AD)}
    # 31d1343 kept escalating the police return after SUBMITTED (28 April, 30 April, 5 May...): nothing now.
    for day in weekdays(date(2026, 4, 2), date(2026, 5, 15)):
        assert replay.reminders_on(day) == expected.get(day, set()), day.isoformat()

    view = case_json("2026-05-15T12:00")
    clocks = clocks_of(view)
    assert view["stage"] == "awaiting_panel"
    assert clocks[("agency_return", "Avon and Somerset Police")]["status"] == "stopped"
    assert clocks[("rr_submission", None)]["due"] == rr_due.isoformat()
    assert clocks[("rr_submission", None)]["status"] == "met" and not clocks[("rr_submission", None)]["late"]

    # --- the Panel agrees a local review, decided on 5 May but recorded on 18 May: 6 months from the decision
    replay.reply(COORD, REF, "PANEL: LOCAL REVIEW 2026-05-05", "2026-05-18T10:00")
    replay.run("2026-05-18T10:05")
    replay.reply(COORD, REF, "REVIEWER: Jo Reviewer, Independent Reviews Ltd", "2026-05-19T10:00")
    replay.run("2026-05-19T10:05")
    notices_due = cal.add(date(2026, 5, 19), 5)
    assert notices_due == date(2026, 5, 27)  # Spring bank holiday 25 May
    for day in weekdays(date(2026, 5, 20), date(2026, 5, 26)):
        replay.run(f"{day.isoformat()}T09:05")
    replay.run("2026-05-27T09:05")
    replay.reply(SL, REF, "NOTICES SENT: 2026-05-27", "2026-05-27T12:00")
    replay.run("2026-05-27T12:05")
    for day in weekdays(date(2026, 5, 28), date(2026, 6, 5)):
        replay.run(f"{day.isoformat()}T09:05")
    for day in weekdays(date(2026, 5, 16), date(2026, 6, 5)):
        want = {("chaser", "review_notices", SL)} if day in {cal.add(notices_due, -2), cal.add(notices_due, -1),
                                                             notices_due} else set()
        assert replay.reminders_on(day) == want, day.isoformat()
    clocks = clocks_of(case_json("2026-06-05T12:00"))
    assert clocks[("lcspr", None)]["anchor"] == "2026-05-05"
    assert clocks[("lcspr", None)]["due"] == "2026-11-05"  # six calendar months from the decision
    assert clocks[("review_notices", None)]["status"] == "met"

    # --- the report to the Panel, publication, learning actions
    replay.reply(COORD, REF, "REPORT TO PANEL: 2026-10-30", "2026-10-30T10:00")
    replay.run("2026-10-30T10:05")
    replay.reply(COORD, REF, "PUBLISHED: 2026-11-20 https://www.example.gov.uk/lcspr-2026-001", "2026-11-20T10:00")
    replay.reply(COORD, REF, "ACTION: Education; 2026-12-18; refresh safeguarding training for all staff",
                 "2026-11-20T10:30")
    replay.run("2026-11-20T10:35")
    action_due = date(2026, 12, 18)
    for day in weekdays(date(2026, 11, 23), date(2026, 12, 17)):
        replay.run(f"{day.isoformat()}T09:05")
    replay.run("2026-12-18T09:05")
    digest = _stdout(["digest", "--now", "2026-12-18T10:00"])
    section = digest.split("LEARNING ACTIONS OPEN (1)")[1].split("\n\n")[0]
    assert f"{REF}  action #1 (Education), due Fri 18 Dec 2026 (today)" in section
    replay.reply(COORD, REF, "ACTION DONE: 1 training log for 42 staff", "2026-12-18T12:00")
    replay.run("2026-12-18T12:05")
    for day in weekdays(date(2026, 12, 21), date(2026, 12, 24)):
        replay.run(f"{day.isoformat()}T09:05")
    for day in weekdays(date(2026, 11, 20), date(2026, 12, 24)):
        want = set()
        if day in {cal.add(action_due, -5), action_due}:
            want = {("chaser", "learning_action", ROLE["education_lead"]), ("chaser", "learning_action", COORD)}
        assert replay.reminders_on(day) == want, day.isoformat()

    view = case_json("2026-12-24T12:00")
    clocks = clocks_of(view)
    assert view["stage"] == "learning"
    assert clocks[("lcspr", None)]["status"] == "met" and not clocks[("lcspr", None)]["late"]
    assert clocks[("learning_action", "#1")]["status"] == "met"
    assert clocks[("publication_window", None)]["due"] == "2027-11-20"
    process = view["process"]
    assert process["published"] == {"on": "2026-11-20",  # type: ignore[index]
                                    "url": "https://www.example.gov.uk/lcspr-2026-001"}
    assert process["actions"][0]["done"] == "2026-12-18"  # type: ignore[index]
    stages = [e["detail"] for e in view["events"] if e["kind"] == "stage_changed"]  # type: ignore[union-attr, index]
    assert len(stages) == 5 and all("reason=" in d for d in stages)
