"""stranger round 4 B5: `CORRECT <date field>: <date>` must fit the facts the case has recorded (pure).

The co-ordinator could set an incident date or a date of birth in the future, an incident before the child was
born, a birth after the incident, an incident after the Panel was notified of it or after the screening
decision: the new incident date then re-anchored the screening (and SIN) clocks. Generated here: cases with any
subset of those facts recorded, and corrected dates on either side of each of them. The oracle below is written
from the rule, not from bot/domain/commands.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import hypothesis.strategies as st
from hypothesis import given, settings

from bot.domain.commands import decide_command
from bot.domain.effects import Audit, CorrectField, MailIntent, ReanchorClock, SetFact
from bot.domain.snapshot import CaseSnapshot, ClockView
from bot.settings import load_settings
from bot.workdays import WorkCalendar
from parsers.reply import parse_command

S = load_settings(None, env={})
CAL = WorkCalendar()
COORD = "nsscp.coordinator@nsscp.example.gov.uk"
BASE = date(2026, 4, 1)
FIELDS = ("child.incident_date", "child.date_of_birth")


@st.composite
def cases(draw: st.DrawFn) -> tuple[CaseSnapshot, date, dict[str, date | None]]:
    """A case and the day a CORRECT reaches it, with the facts it recorded (None: not recorded)."""
    incident = draw(st.none() | st.just(BASE))
    born = draw(st.none() | st.integers(0, 20 * 366).map(lambda n: BASE - timedelta(days=n))
                | st.sampled_from([date(2008, 3, 31), date(2008, 4, 1), date(2008, 4, 2), date(2008, 2, 29),
                                   date(2009, 4, 1), date(1900, 1, 1)]))
    received = BASE + timedelta(days=draw(st.integers(0, 5)))
    notified = draw(st.none() | st.integers(0, 20).map(lambda n: received + timedelta(days=n)))
    decided = draw(st.none() | st.integers(0, 20).map(lambda n: received + timedelta(days=n)))
    aware = draw(st.none() | st.integers(0, 10).map(lambda n: BASE + timedelta(days=n)))
    today = max(d for d in (received, notified, decided, aware) if d) + timedelta(days=draw(st.integers(0, 30)))
    clocks = [ClockView("screening", "", incident or received, (incident or received) + timedelta(days=7),
                        "met" if decided else "running", decided)]
    facts: dict[str, object] = {}
    if notified:
        facts["notified_on"] = notified.isoformat()
    if aware:
        facts["aware"], facts["aware_from"] = aware.isoformat(), "AWARE: recorded by sl@example"
    stage = draw(st.sampled_from(["screening", "rapid_review", "awaiting_panel"] if decided else ["screening"]))
    referral = {"child": {"name": "Alex Fictional", "incident_date": incident.isoformat() if incident else None,
                          "date_of_birth": born.isoformat() if born else None}}
    case = CaseSnapshot("NS-CSPR-2026-001", stage, None, tuple(clocks), facts=facts, incident_date=incident,
                        received_date=received, opened_on=received, referral=referral)
    return case, today, {"incident": incident, "born": born, "received": received, "notified": notified,
                         "decided": decided, "aware": aware}


def age(born: date, on: date) -> int:
    """Whole years from `born` to `on`, counted as people count birthdays (29 February: 1 March in a common year)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def possible(field: str, d: date, today: date, f: dict[str, date | None]) -> bool:
    """The rule: nothing after the day the command arrives; born <= incident <= every event about it; and the
    subject a child (under 18) on the incident day, or on the day the referral arrived when no incident is known."""
    if d > today:
        return False
    if field == "child.date_of_birth":
        on = f["incident"] or f["received"]
        return all(d <= x for x in (f["incident"], f["received"]) if x) and not (on and age(d, on) >= 18)
    if f["born"] and (d < f["born"] or age(f["born"], d) >= 18):
        return False
    return all(d <= x for x in (f["received"], f["notified"], f["decided"], f["aware"]) if x)


STATS = {"accepted": 0, "refused": 0}


@settings(max_examples=400, deadline=None)
@given(cases(), st.sampled_from(FIELDS), st.integers(-40 * 366, 60), st.data())
def test_a_corrected_date_must_fit_the_case(case_today: tuple[CaseSnapshot, date, dict[str, date | None]],
                                             field: str, offset: int, data: st.DataObject) -> None:
    case, today, facts = case_today
    # Near the facts (either side of each by a day) as often as anywhere in the forty years before.
    near = [x + timedelta(days=k) for x in (*facts.values(), today) if x for k in (-1, 0, 1)]
    # and either side of the 18th birthday: of a child born on the incident or receipt day 18 years before (a
    # date of birth), or of the child recorded (an incident date); 29 February among them
    for x in (facts["incident"], facts["received"]):
        if x:
            near += [x.replace(year=x.year - 18) + timedelta(days=k) for k in (-1, 0, 1)]
    if facts["born"]:
        b = facts["born"]
        near += [date(b.year + 18, b.month, b.day if (b.month, b.day) != (2, 29) else 28) + timedelta(days=k)
                 for k in (-1, 0, 1, 2)]
    near += [date(1900, 1, 1), date(2008, 2, 29), date(2007, 3, 1)]
    d = data.draw(st.sampled_from(near)) if data.draw(st.booleans()) else today + timedelta(days=offset)
    parsed = parse_command(f"CORRECT {field}: {d.isoformat()}", [])
    assert parsed is not None
    out = decide_command(parsed, COORD, case, S, CAL, today)
    ok = possible(field, d, today, facts)
    assert out.accepted == ok, (field, d, today, facts, out.summary)
    STATS["accepted" if ok else "refused"] += 1
    if ok:
        assert CorrectField(field, d.isoformat()) in out.effects
        return
    # Refused like any other command: the reason told, audited, nothing about the case changed. The reason names
    # the field, never the date typed: it is audited for good and mailed (stranger round 21, fix21e).
    assert d.isoformat() not in out.summary and field in out.summary
    assert not [e for e in out.effects if isinstance(e, CorrectField | ReanchorClock | SetFact)]
    (audit,) = [e for e in out.effects if isinstance(e, Audit)]
    assert audit.kind == "command_refused" and audit.detail["reason"] == out.summary
    (mail,) = [e for e in out.effects if isinstance(e, MailIntent)]
    assert mail.kind == "refusal" and mail.context["reason"] == out.summary


def test_each_refusal_names_the_fact_it_contradicts() -> None:
    born, incident = date(2015, 3, 2), date(2026, 4, 1)
    screening = ClockView("screening", "", incident, date(2026, 4, 8), "met", date(2026, 4, 6))
    case = CaseSnapshot("NS-CSPR-2026-001", "rapid_review", None, (screening,), facts={"notified_on": "2026-04-03"},
                        incident_date=incident, received_date=date(2026, 4, 2),
                        referral={"child": {"date_of_birth": born.isoformat(), "incident_date": incident.isoformat()}})
    today = date(2026, 4, 20)

    def why(line: str, on: CaseSnapshot = case) -> str:
        parsed = parse_command(line, [])
        assert parsed is not None
        out = decide_command(parsed, COORD, on, S, CAL, today)
        assert not out.accepted, line
        return out.summary

    assert "in the future" in why("CORRECT child.incident_date: 2026-04-21")
    assert "in the future" in why("CORRECT child.date_of_birth: 2026-04-21")
    # the child's date of birth is named as a fact, not repeated (the refusal is audited for good: fix21e)
    assert "before the child's date of birth on the form" in why("CORRECT child.incident_date: 2015-03-01")
    assert "2015-03-0" not in why("CORRECT child.incident_date: 2015-03-01")
    assert "after the incident (2026-04-01)" in why("CORRECT child.date_of_birth: 2026-04-02")
    assert "referral was received (2026-04-02)" in why("CORRECT child.incident_date: 2026-04-03")
    wider = replace(case, received_date=date(2026, 4, 10))
    assert "National Panel was notified of it (2026-04-03)" in why("CORRECT child.incident_date: 2026-04-04", wider)
    undecided = replace(wider, facts={})
    assert "screening decision (2026-04-06)" in why("CORRECT child.incident_date: 2026-04-07", undecided)
    aware = replace(undecided, clocks=(), facts={"aware": "2026-04-05", "aware_from": "AWARE: recorded by sl@x"})
    assert "became aware of it (2026-04-05)" in why("CORRECT child.incident_date: 2026-04-06", aware)


def test_a_date_of_birth_that_makes_the_subject_an_adult_is_refused_saying_so() -> None:
    """Stranger round 5 O2: `CORRECT child.date_of_birth: 1900-01-01` was accepted (a 126-year-old child)."""
    incident = date(2026, 4, 1)
    case = CaseSnapshot("NS-CSPR-2026-001", "screening", None, (), incident_date=incident,
                        received_date=date(2026, 4, 2), referral={"child": {"incident_date": incident.isoformat()}})
    unknown = replace(case, incident_date=None, referral={"child": {}})
    today = date(2026, 4, 20)

    def decide(line: str, on: CaseSnapshot = case) -> tuple[bool, str]:
        parsed = parse_command(line, [])
        assert parsed is not None
        out = decide_command(parsed, COORD, on, S, CAL, today)
        return out.accepted, out.summary

    for dob in ("1900-01-01", "2008-04-01", "2000-06-30"):  # 18 on the incident day itself is 18
        accepted, why = decide(f"CORRECT child.date_of_birth: {dob}")
        assert not accepted and "18 or older" in why and "2026-04-01" in why and "under 18" in why, (dob, why)
    # turned 18 the day after the incident: a child when it happened
    assert decide("CORRECT child.date_of_birth: 2008-04-02")[0]
    # no incident date: judged on the day the referral was received, and the refusal says how to fix that
    accepted, why = decide("CORRECT child.date_of_birth: 2008-04-02", unknown)
    assert not accepted and "2026-04-02" in why and "child.incident_date" in why, why
    assert decide("CORRECT child.date_of_birth: 2008-04-03", unknown)[0]
    # born on 29 February: 18 on 1 March in a common year
    leap = replace(case, referral={"child": {"date_of_birth": "2008-02-29", "incident_date": incident.isoformat()}})
    assert decide("CORRECT child.incident_date: 2026-02-28", leap)[0]
    accepted, why = decide("CORRECT child.incident_date: 2026-03-01", leap)
    assert not accepted and "18th birthday" in why, why


@settings(max_examples=200, deadline=None)
@given(st.integers(-3, 3) | st.integers(-40 * 366, 20 * 366), st.booleans(), st.sampled_from([0, 1, 2, 3, 28]))
def test_a_referral_forms_adult_date_of_birth_is_flagged_for_checking_not_refused(offset: int, incident_known: bool,
                                                                                  day: int) -> None:
    """The form's date of birth is read as written (never refused: the parser is pure, a misread year is likelier),
    with a warning naming the field when it makes the subject 18 or older on the incident day (the form's date
    when it gives none): the case page lists it among the fields to check."""
    from parsers.fields import Extracted
    from parsers.referral import build_referral

    on = date(2026, 3, 1) + timedelta(days=day)  # around 29 February's 18th birthday (1 March 2026)
    eighteen_ago = date(2008, 2, 29) if on == date(2026, 3, 1) and day == 0 else on.replace(year=on.year - 18)
    born = eighteen_ago + timedelta(days=offset)
    ex = Extracted(values={"referral.child.name": "Alex Fictional", "referral.child.date_of_birth": born.isoformat(),
                           ("referral.child.incident_date" if incident_known else "referral.referrer.date_submitted"):
                           on.isoformat()})
    warnings: list[str] = []
    referral, _ = build_referral(ex, warnings)
    assert referral.child.date_of_birth == born.isoformat()
    flagged = [w for w in warnings if w.startswith("child.date_of_birth:")]
    assert bool(flagged) == (age(born, on) >= 18), (born, on, warnings)
    if flagged:
        assert on.isoformat() in flagged[0] and "check" in flagged[0]
