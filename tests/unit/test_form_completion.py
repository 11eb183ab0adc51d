"""bot/domain/referral.complete_referral: the form a provisional case awaited fills its referral (stranger round 23
B1); CORRECTed fields and the incident date stay; only what changed is reported, with the value it replaced."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.referral import awaits_form, complete_referral
from bot.domain.tocheck import completed_parse

_PATHS = ("child.name", "child.date_of_birth", "child.home_address", "child.carer", "child.incident_date", "summary")
_VALUE = st.one_of(st.none(), st.sampled_from(["", "a", "b", "c"]))


def _form(values: dict[str, str | None]) -> dict[str, object]:
    out: dict[str, object] = {"child": {}}
    for path, v in values.items():
        if "." in path:
            out["child"][path.split(".")[1]] = v  # type: ignore[index]
        else:
            out[path] = v
    return out


def _get(form: dict[str, object], path: str) -> object:
    node: object = form
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


@given(st.fixed_dictionaries({p: _VALUE for p in _PATHS}), st.fixed_dictionaries({p: _VALUE for p in _PATHS}),
       st.sets(st.sampled_from(_PATHS)))
def test_the_form_fills_all_but_corrections_and_the_incident_date(case: dict[str, str | None],
                                                                  form: dict[str, str | None],
                                                                  corrected: set[str]) -> None:
    current = _form(case)
    done = complete_referral(current, _form(form), corrected)
    for path in _PATHS:
        before, given_, after = case[path], form[path], _get(done.referral, path)
        if given_ in (None, "") or given_ == before:
            assert after == before and path not in done.new
        elif path in corrected or path == "child.incident_date":
            assert after == before and path in done.kept and path not in done.new
        else:
            assert after == given_ and done.new[path] == given_ and done.old[path] == before
    assert current == _form(case)  # the case's dict is not changed in place


def test_awaits_form_only_once_and_only_when_no_form_was_read() -> None:
    assert awaits_form("missing", {}, "provisional") and awaits_form("unreadable", {}, "screening")
    assert not awaits_form("read", {}, "provisional")
    assert not awaits_form("missing", {"form_message": 7}, "provisional")
    assert not awaits_form("missing", {}, "closed")


def test_the_letters_guess_stays_only_where_the_form_is_silent() -> None:
    low = {"confidence": "low", "via": "narrative"}
    first = {"provenance": {"referral.child.name": low, "referral.child.carer": low}}
    form = {"referral": {"child": {"name": "A B", "carer": None}}, "provenance": {}}
    assert set(completed_parse(first, form)["provenance"]) == {"referral.child.carer"}
    assert completed_parse(first, None) is first
