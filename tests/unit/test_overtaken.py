"""Which later changes overtake a command (bot/domain/overtaken.py), and when a command agrees with them."""

from __future__ import annotations

from datetime import datetime

from bot.domain.overtaken import Change, agrees, overtaking, reason, what

AT = datetime(2026, 4, 2, 12, 0)
CLOSE = Change(AT, "CLOSE", {"reason": "duplicate of a referral already under review"}, "closed", "c@x")
CARER = Change(AT, "CORRECT", {"field": "child.carer", "value": "Jo Example (grandmother)"}, None, "c@x")
PLACE = Change(AT, "CORRECT", {"field": "child.incident_location", "value": "Station Road"}, None, "c@x")
ACTION = Change(AT, "ACTION", {"owner": "Education", "text": "refresh training"}, None, "c@x")


def test_a_stage_change_overtakes_every_command_that_would_move_the_case() -> None:
    for verb, args in (("REOPEN", {"reason": "new information"}), ("NOTIFIED", {"date": "2026-04-02"}),
                       ("CORRECT", {"field": "child.carer", "value": "Chris Example"}), ("ACTION", {})):
        assert overtaking(verb, args, [PLACE, CLOSE]) == [CLOSE]


def test_a_stage_change_does_not_overtake_a_command_that_only_records() -> None:
    # A NOTIFIED received before a DECISION processed first only meets its clock now: still true, applied (the crash
    # and two-instance soaks refused 12 such and left notification clocks running).
    assert overtaking("NOTIFIED", {"date": "2026-04-02"}, [PLACE, CLOSE], moves=False) == []
    carer = {"field": "child.carer", "value": "Chris Example"}
    assert overtaking("CORRECT", carer, [CARER, CLOSE], moves=False) == [CARER]


def test_a_setter_is_overtaken_by_a_later_one_setting_the_same_thing_only() -> None:
    carer = {"field": "Child.Carer ", "value": "Chris Example (father)"}
    assert overtaking("CORRECT", carer, [PLACE, ACTION]) == []
    assert overtaking("CORRECT", carer, [CARER, PLACE]) == [CARER]
    assert overtaking("ACTION", {"owner": "Police", "text": "audit"}, [ACTION]) == []  # actions add up


def test_agreement_is_the_same_command_last() -> None:
    assert agrees("CLOSE", {"reason": "a duplicate"}, [CLOSE])  # a reason is words, the effect is the same
    assert agrees("CORRECT", {"field": "child.carer", "value": "jo example  (Grandmother)"}, [CARER])
    assert not agrees("CORRECT", {"field": "child.carer", "value": "Chris Example (father)"}, [CARER])
    reopen = Change(AT, "REOPEN", {"reason": "new information"}, "screening", "c@x")
    assert not agrees("REOPEN", {"reason": "new information"}, [reopen, CLOSE])  # reopened, then closed again
    assert not agrees("DECISION", {"decision": "NO RAPID REVIEW", "reason": "criteria not met"}, [CLOSE])


def test_the_words_name_the_change_and_never_a_value() -> None:
    said = reason(datetime(2026, 4, 2, 10, 0), [CARER, CLOSE])
    assert "CORRECT child.carer, received 2026-04-02 12:00 UTC" in said and "Jo Example" not in said
    assert "which moved the case to stage Closed" in said and "send it again" in said
    assert what(PLACE) == "CORRECT child.incident_location, received 2026-04-02 12:00 UTC"
