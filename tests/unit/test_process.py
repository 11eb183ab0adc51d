"""The process model's gates and dates (issue #11), each a defect of 31d1343 made into a test (pure)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.domain import process
from bot.domain.commands import decide_command
from bot.domain.effects import (
    MailIntent,
    ReanchorClock,
    RequestAgency,
    RestartClock,
    SetFact,
    SetStage,
    StartClock,
    StopClock,
)
from bot.domain.referral import plan_referral
from bot.domain.snapshot import CaseSnapshot, ClockView
from bot.process_doc import render
from bot.render import render_text
from bot.settings import load_settings
from bot.workdays import WorkCalendar
from parsers.records import Child, ParseResult, Referral, Referrer

S = load_settings(None, env={})
CAL = WorkCalendar(closure_days={date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)})
TODAY = date(2026, 4, 8)
CHAIR = "cspr.subgroup.chair@nsscp.example.gov.uk"
COORD = "nsscp.coordinator@nsscp.example.gov.uk"
SL = "service.leader.qa@nsscp.example.gov.uk"
AD = "ad.support.safeguarding@nsscp.example.gov.uk"
EXEC = "nsscp.executive@nsscp.example.gov.uk"
REFERRER = "sam.example@csc.example.gov.uk"
SCREENING = ClockView("screening", "", date(2026, 4, 1), date(2026, 4, 10), "running")
NOTIFICATION = ClockView("notification", "", date(2026, 4, 1), date(2026, 4, 10), "running")


def snap(stage: str, *clocks: ClockView, **facts: object) -> CaseSnapshot:
    return CaseSnapshot("NS-CSPR-2026-001", stage, REFERRER, clocks, facts=dict(facts),
                        received_date=date(2026, 4, 2), opened_on=date(2026, 4, 2))


def cmd(text: str, sender: str, case: CaseSnapshot, today: date = TODAY):  # type: ignore[no-untyped-def]
    from parsers.reply import parse_command

    warnings: list[str] = []
    parsed = parse_command(text, warnings)
    assert parsed is not None, (text, warnings)
    return decide_command(parsed, sender, case, S, CAL, today)


def stops(out: object) -> set[tuple[str | None, str | None, str]]:
    return {(e.key, e.agency, e.outcome) for e in out.effects if isinstance(e, StopClock)}  # type: ignore[attr-defined]


def stage_of(out: object) -> str | None:
    changes = [e.stage for e in out.effects if isinstance(e, SetStage)]  # type: ignore[attr-defined]
    return changes[-1] if changes else None


def agency(name: str, state: str = "running") -> ClockView:
    return ClockView("agency_return", name, date(2026, 4, 14), date(2026, 4, 28), state)


# --- the model itself --------------------------------------------------------------------------------


def test_every_stage_change_stops_exactly_the_clocks_the_new_stage_does_not_own() -> None:
    for t in process.TRANSITIONS:
        for target in filter(None, (t.target, *t.also)):
            for clock in ("screening", "rr_start", "agency_return", "rr_submission", "panel_response", "lcspr",
                          "disagreement", "review_notices", "publication_window"):
                case = snap(t.source[0], ClockView(clock, "", TODAY, TODAY, "running"))
                stopped = {k for k, _, _ in process.to_stop(case, target, t.meets)}
                assert (clock in stopped) == (clock in t.meets or not process.owns(target, clock)), (t.name, clock)


def test_closed_owns_nothing_and_track_clocks_run_in_every_open_stage() -> None:
    for clock in ("notification", "ofsted_notification", "learning_action", "screening"):
        assert not process.owns("closed", clock)
    for stage in process.OPEN_STAGES:
        assert all(process.owns(stage, k) for k in process.TRACK_CLOCKS)


def test_process_doc_is_generated_from_the_model() -> None:
    doc = Path(__file__).resolve().parents[2] / "docs" / "PROCESS.md"
    assert doc.read_text(encoding="utf-8") == render(), "run: python -m bot.process_doc"
    assert "stateDiagram-v2" in render()
    for t in process.TRANSITIONS:
        assert t.verb in render()


def test_every_model_verb_parses_from_its_example() -> None:
    from parsers.reply import parse_command

    for t in process.TRANSITIONS:
        line = process.example(t, TODAY, date(2026, 5, 1))
        parsed = parse_command(line, [])
        assert parsed is not None and parsed.verb == t.verb, line


# --- gates: agency returns end with the rapid review ----------------------------------------------------


def test_submitting_the_rapid_review_stops_every_agency_clock() -> None:
    rr = ClockView("rr_submission", "", TODAY, date(2026, 4, 29), "running")
    out = cmd("SUBMITTED: 2026-04-08", COORD, snap("rapid_review", rr, agency("Education"), agency("ICB Health"),
                                                   notified_on="2026-04-08"))
    assert out.accepted
    assert {("agency_return", "Education", "stopped"), ("agency_return", "ICB Health", "stopped"),
            ("rr_submission", None, "met")} <= stops(out)
    assert stage_of(out) == "awaiting_panel"


def test_local_review_decision_stops_any_agency_clock_left_running() -> None:
    panel = ClockView("panel_response", "", TODAY, date(2026, 4, 18), "running")
    out = cmd("PANEL: LOCAL REVIEW", COORD, snap("awaiting_panel", panel, agency("Education")))
    assert out.accepted and ("agency_return", "Education", "stopped") in stops(out)


def test_waive_stops_one_agency_only() -> None:
    out = cmd("WAIVE education: no involvement in this family", COORD,
              snap("rapid_review", agency("Education"), agency("ICB Health")))
    assert out.accepted
    assert stops(out) == {("agency_return", "Education", "stopped")}
    refused = cmd("WAIVE Education: not involved", CHAIR, snap("rapid_review", agency("Education")))
    assert not refused.accepted and "coordinator" in refused.summary


def test_closing_stops_every_clock() -> None:
    out = cmd("CLOSE: duplicate of another case", COORD, snap("rapid_review", agency("Education"), NOTIFICATION))
    assert stops(out) == {("agency_return", "Education", "stopped"), ("notification", None, "stopped")}


# --- gates: a no-rapid-review decision can be challenged ---------------------------------------------


def _no_rr() -> tuple[CaseSnapshot, list[object]]:
    out = cmd("DECISION: NO RAPID REVIEW criteria not met", CHAIR, snap("screening", SCREENING, NOTIFICATION))
    assert out.accepted
    facts: dict[str, object] = {}
    for e in out.effects:
        if isinstance(e, SetFact) and e.value is not None:
            facts[e.key] = e.value
    closed = snap("closed", ClockView("screening", "", date(2026, 4, 1), date(2026, 4, 10), "met", TODAY),
                  ClockView("notification", "", date(2026, 4, 1), date(2026, 4, 10), "stopped", TODAY), **facts)
    return closed, out.effects


def test_no_rapid_review_tells_the_ad_executive_and_referrer_and_invites_disagree() -> None:
    _closed, effects = _no_rr()
    mails = {(e.template, e.to) for e in effects if isinstance(e, MailIntent)}
    assert ("senior.notice.no_rapid_review", (AD,)) in mails
    assert ("executive.letter.decision", (EXEC, COORD)) in mails  # routing.screening_decision
    assert ("referrer.letter.outcome", (REFERRER,)) in mails
    notice = next(e for e in effects if isinstance(e, MailIntent) and e.template == "senior.notice.no_rapid_review")
    assert [line for line, _ in notice.invites] == ["DISAGREE: <reason>"]


def test_disagree_is_accepted_in_the_window_after_no_rapid_review_and_refused_after_it() -> None:
    closed, _ = _no_rr()
    assert closed.facts["dispute_until"] == CAL.add_working_days(TODAY, 10).isoformat()
    out = cmd("DISAGREE: criteria met in our view", AD, closed, date(2026, 4, 15))
    assert out.accepted and stage_of(out) == "disputed"
    assert any(isinstance(e, StartClock) and e.key == "disagreement" for e in out.effects)
    late = cmd("DISAGREE: criteria met", AD, closed, CAL.add_working_days(TODAY, 11))
    assert not late.accepted and "window" in late.summary


def test_ad_refer_after_no_rapid_review_leads_to_a_rapid_review() -> None:
    closed, _ = _no_rr()
    disputed = snap("disputed", ClockView("disagreement", "", TODAY, date(2026, 4, 10), "running"),
                    **{**closed.facts, "disputed_from": "closed"})
    out = cmd("AD DECISION: REFER 2026-04-09", AD, disputed, date(2026, 4, 9))
    assert out.accepted and stage_of(out) == "rapid_review"
    assert StartClock("rr_start", date(2026, 4, 9)) in out.effects
    invite = next(e for e in out.effects if isinstance(e, MailIntent) and e.template.endswith("start_rapid_review"))
    assert [line for line, _ in invite.invites] == ["DECISION: RAPID REVIEW"]


def test_notified_after_no_rapid_review_reopens_into_a_required_rapid_review() -> None:
    closed, _ = _no_rr()
    out = cmd("NOTIFIED: 2026-04-09", SL, closed, date(2026, 4, 9))
    assert out.accepted and stage_of(out) == "rapid_review"
    assert StartClock("rr_submission", date(2026, 4, 9)) in out.effects


def test_once_notified_no_rapid_review_is_refused() -> None:
    out = cmd("DECISION: NO RAPID REVIEW not needed", CHAIR, snap("screening", SCREENING, notified_on="2026-04-07"))
    assert not out.accepted and "rapid review must be held" in out.summary


def test_no_rapid_review_is_refused_while_the_ad_decides() -> None:
    disputed = snap("disputed", SCREENING, ClockView("disagreement", "", TODAY, date(2026, 4, 10), "running"))
    out = cmd("DECISION: NO RAPID REVIEW x", CHAIR, disputed)
    assert not out.accepted and "disputed" in out.summary
    again = cmd("DISAGREE: again", COORD, disputed)
    assert not again.accepted


def test_submitted_needs_a_notification() -> None:
    out = cmd("SUBMITTED: 2026-04-08", COORD, snap("rapid_review", agency("Education")))
    assert not out.accepted and "NOTIFIED" in out.summary


def test_ad_do_not_refer_is_refused_once_notified() -> None:
    disputed = snap("disputed", ClockView("disagreement", "", TODAY, date(2026, 4, 10), "running"),
                    notified_on="2026-04-07", disputed_from="screening")
    assert not cmd("AD DECISION: DO NOT REFER", AD, disputed).accepted
    assert cmd("AD DECISION: REFER", AD, disputed).accepted


def test_reopen_restarts_the_clocks_the_closing_stopped() -> None:
    closing = cmd("CLOSE: opened in error", COORD, snap("rapid_review", agency("Education"), NOTIFICATION))
    facts = {e.key: e.value for e in closing.effects if isinstance(e, SetFact) and e.value is not None}
    closed = snap("closed", agency("Education", "stopped"),
                  ClockView("notification", "", date(2026, 4, 1), date(2026, 4, 10), "stopped", TODAY), **facts)
    out = cmd("REOPEN: it was not in error", COORD, closed)
    assert out.accepted and stage_of(out) == "rapid_review"
    assert {e.key for e in out.effects if isinstance(e, RestartClock)} == {"agency_return", "notification"}
    assert not cmd("REOPEN: police finished", CHAIR, closed).accepted


# --- dates ---------------------------------------------------------------------------------------------


def _referral(sender: str, received: datetime, incident: str = "2026-04-01") -> list[object]:
    form = Referral(referrer=Referrer(email=sender), child=Child(name="Child A", date_of_birth="2015-01-01",
                                                                incident_date=incident))
    plan = plan_referral(ParseResult(kind="referral", referral=form), sender, received, S, CAL)
    return [plan, *plan.effects]


def test_notification_counts_from_the_incident_when_the_las_own_social_care_refers() -> None:
    _plan, *effects = _referral(REFERRER, datetime(2026, 4, 2, 9, 0, tzinfo=UTC))
    assert StartClock("notification", date(2026, 4, 1)) in effects
    police = _referral("officer@avon.example.pnn.police.uk", datetime(2026, 4, 2, 9, 0, tzinfo=UTC))
    assert StartClock("notification", date(2026, 4, 2)) in police[1:]


def test_statutory_clocks_ignore_the_councils_closure_days() -> None:
    from bot.domain.clocks import due_date

    # Aware Tue 22 December 2026; bank holidays 25 and 28 December; the council is closed 29-31 December.
    assert due_date(S.clocks["notification"], date(2026, 12, 22), CAL) == date(2026, 12, 31)
    assert due_date(S.clocks["screening"], date(2026, 12, 22), CAL) == date(2027, 1, 6)


def test_aware_re_anchors_the_notification_clock() -> None:
    out = cmd("AWARE: 2026-04-01", SL, snap("screening", SCREENING, NOTIFICATION))
    assert out.accepted
    assert [(e.key, e.anchor) for e in out.effects if isinstance(e, ReanchorClock)] == [
        ("notification", date(2026, 4, 1))]
    director = "director.people@nsscp.example.gov.uk"
    assert not cmd("AWARE: 2026-04-01", director, snap("screening", NOTIFICATION)).accepted
    # Not after the referral reached the partnership (2 April): the LA knew by then (stranger round 13, B3).
    late = cmd("AWARE: 2026-04-06", SL, snap("screening", SCREENING, NOTIFICATION))
    assert not late.accepted and "2026-04-02" in late.summary and "referral" in late.summary


def test_a_referral_at_17_05_on_its_due_day_is_on_time() -> None:
    # Incident Wed 1 April; 1 WD = Thu 2 April; the form arrives at 17:05 BST that day.
    plan, *_ = _referral(REFERRER, datetime(2026, 4, 2, 16, 5, tzinfo=UTC))
    assert plan.late is False  # type: ignore[attr-defined]
    assert plan.received_date == date(2026, 4, 7)  # type: ignore[attr-defined]  # the cut-off moves the anchor
    late, *_ = _referral(REFERRER, datetime(2026, 4, 7, 9, 0, tzinfo=UTC))
    assert late.late is True  # type: ignore[attr-defined]


def test_a_referral_after_its_screening_date_is_acknowledged_as_overdue_without_a_past_date() -> None:
    _plan, *effects = _referral(REFERRER, datetime(2026, 4, 14, 9, 0, tzinfo=UTC))
    ack = next(e for e in effects if isinstance(e, MailIntent) and e.kind == "ack")
    text, _ = render_text(ack.template, {"partnership": "P", "ref": "NS-CSPR-2026-001", "screening_due":
                                         date(2026, 4, 10), **ack.context})
    assert "needed now" in text and "10 Apr" not in text


@pytest.mark.parametrize("text,anchor", [("PANEL: LOCAL REVIEW 2026-03-20", date(2026, 3, 20)),
                                         ("PANEL: LOCAL REVIEW", TODAY)])
def test_the_local_review_runs_from_the_decision_date(text: str, anchor: date) -> None:
    panel = ClockView("panel_response", "", date(2026, 3, 1), date(2026, 3, 11), "running")
    out = cmd(text, COORD, snap("awaiting_panel", panel))
    assert StartClock("lcspr", anchor) in out.effects
    assert StopClock("panel_response", "met", anchor, "Panel: local review") in out.effects


def test_decisions_accept_their_date_but_not_a_future_one() -> None:
    out = cmd("DECISION: NO RAPID REVIEW 2026-04-07 criteria not met", CHAIR, snap("screening", SCREENING))
    assert StopClock("screening", "met", date(2026, 4, 7), "no rapid review") in out.effects
    assert not cmd("AD DECISION: REFER 2026-05-01", AD, snap("disputed")).accepted


# --- later stages, letters, links ------------------------------------------------------------------------


def test_looked_after_child_starts_the_ofsted_clock_on_the_aware_date() -> None:
    out = cmd("LOOKED AFTER: YES", SL, snap("screening", SCREENING, aware="2026-04-01"))
    assert StartClock("ofsted_notification", date(2026, 4, 1)) in out.effects
    met = cmd("OFSTED NOTIFIED: 2026-04-07", SL,
              snap("screening", ClockView("ofsted_notification", "", date(2026, 4, 1), date(2026, 4, 10), "running")))
    assert ("ofsted_notification", None, "met") in stops(met)


def test_a_death_in_custody_is_flagged_on_routing() -> None:
    form = Referral(referrer=Referrer(email=REFERRER), child=Child(name="A", date_of_birth="2009-01-01",
                    incident_date="2026-04-01", incident_location="HMYOI custody suite"))
    plan = plan_referral(ParseResult(kind="referral", referral=form), REFERRER, datetime(2026, 4, 2, 9, tzinfo=UTC),
                         S, CAL)
    assert plan.facts["always_refer"] == ["a death in custody"]


def test_reviewer_action_and_publication() -> None:
    lcspr = ClockView("lcspr", "", TODAY, date(2026, 10, 8), "running")
    out = cmd("REVIEWER: Jo Reviewer, Independent Reviews Ltd", COORD, snap("local_review", lcspr))
    assert StartClock("review_notices", TODAY) in out.effects
    assert not cmd("NOTICES SENT: 2026-04-08", SL, snap("local_review", lcspr)).accepted
    action = cmd("ACTION: Education; 2026-06-30; refresh training", COORD, snap("learning"))
    assert StartClock("learning_action", TODAY, "#1", due=date(2026, 6, 30)) in action.effects
    done = cmd("ACTION DONE: 1 training log", COORD,
               snap("learning", ClockView("learning_action", "#1", TODAY, date(2026, 6, 30), "running"),
                    actions=[{"n": 1, "owner": "Education", "due": "2026-06-30", "text": "x"}]))
    assert ("learning_action", "#1", "met") in stops(done)
    pub = cmd("PUBLISHED: 2026-04-08 https://example.gov.uk/report", COORD, snap("publication"))
    assert StartClock("publication_window", TODAY) in pub.effects and stage_of(pub) == "learning"


def test_a_linked_sibling_does_not_ask_an_agency_twice() -> None:
    case = CaseSnapshot("NS-CSPR-2026-002", "screening", REFERRER, (SCREENING,),
                        siblings=(("NS-CSPR-2026-001", ("Education",), "Sibling"),),
                        referral={"child": {"name": "Child B"}})
    out = cmd("DECISION: RAPID REVIEW\nAGENCIES: Education, ICB Health", CHAIR, case)
    assert [e.agency for e in out.effects if isinstance(e, RequestAgency)] == ["ICB Health"]
    requests = {e.template: e for e in out.effects if isinstance(e, MailIntent) and e.kind == "request"}
    # The incident's cases by reference, no child by name (stranger round 21), in both kinds of request.
    assert requests["agency.request.rapid_review"].context["children"] == ["NS-CSPR-2026-002", "NS-CSPR-2026-001"]
    assert "agency.request.added_child" in requests
    assert not any(name in str(r.context) for r in requests.values() for name in ("Child B", "Sibling"))


def test_provisional_case_confirm_and_not_a_referral() -> None:
    prov = snap("provisional", SCREENING, NOTIFICATION, provisional=True)
    ok = cmd("CONFIRM", COORD, prov)
    assert ok.accepted and stage_of(ok) == "screening"
    assert not cmd("CONFIRM", CHAIR, prov).accepted
    no = cmd("NOT A REFERRAL: a request for advice", COORD, prov)
    assert no.accepted and stage_of(no) == "closed" and ("screening", None, "stopped") in stops(no)
    assert not cmd("CONFIRM", COORD, snap("screening", SCREENING)).accepted


def test_correct_is_for_the_coordinator_and_checks_dates() -> None:
    from bot.domain.effects import CorrectField

    out = cmd("CORRECT child.date_of_birth: 2015-03-02", COORD, snap("screening", SCREENING))
    assert CorrectField("child.date_of_birth", "2015-03-02") in out.effects
    assert not cmd("CORRECT child.date_of_birth: 2015-03-02", CHAIR, snap("screening")).accepted
    assert not cmd("CORRECT child.date_of_birth: soon", COORD, snap("screening")).accepted
    assert not cmd("CORRECT child.shoe_size: 4", COORD, snap("screening")).accepted
    moved = cmd("CORRECT child.incident_date: 2026-03-30", COORD, snap("screening", SCREENING))
    assert any(isinstance(e, ReanchorClock) and e.key == "screening" for e in moved.effects)


def test_reopen_after_no_rapid_review_lets_the_sub_group_decide_again() -> None:
    closed, _ = _no_rr()
    out = cmd("REOPEN: the post-mortem shows injuries", COORD, closed)
    assert out.accepted and stage_of(out) == "screening"
    reopened = snap("screening", ClockView("notification", "", date(2026, 4, 1), date(2026, 4, 10), "running"))
    assert cmd("DECISION: RAPID REVIEW", CHAIR, reopened).accepted


def test_closing_after_a_dispute_remembers_where_the_dispute_came_from() -> None:
    disputed = snap("disputed", SCREENING, ClockView("disagreement", "", TODAY, date(2026, 4, 10), "running"),
                    disputed_from="screening")
    out = cmd("AD DECISION: DO NOT REFER", AD, disputed)
    assert SetFact("closed_from", "screening") in out.effects
    # The window is kept (a Panel notification in it is still recorded); closed_by says the AD has decided.
    assert SetFact("closed_by", "ad_do_not_refer") in out.effects


def test_submitted_with_no_agency_asked_is_accepted_with_a_note() -> None:
    """A rapid review reached through NOTIFIED or AD REFER, never through DECISION: RAPID REVIEW, had no agency
    asked; SUBMITTED is still taken (the statutory date is met) but says so (stranger round 2 of issue 11)."""
    bare = cmd("SUBMITTED: 2026-04-08", COORD, snap("rapid_review", notified_on="2026-04-07"))
    assert bare.accepted and "no agency was asked" in bare.summary
    asked = cmd("SUBMITTED: 2026-04-08", COORD, snap("rapid_review", agency("Education"), notified_on="2026-04-07"))
    assert asked.accepted and "no agency was asked" not in asked.summary
