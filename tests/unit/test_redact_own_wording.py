"""Warnings csprbot words itself from counts alone reach the triage mail whole; lookalikes do not (privacy, B2)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.redact import warning_code, warning_codes
from parsers.several_forms import SEVERAL_CHILDREN_WARNING, SEVERAL_FORMS, several_forms_warning


@given(st.integers(min_value=2, max_value=9))
def test_the_several_forms_warning_is_shown_whole_so_the_coordinator_knows_what_to_do(count: int) -> None:
    text = several_forms_warning(count)
    assert warning_code(text) == text
    assert f"holds {count} referral forms" in warning_codes([text])[0]
    assert warning_code(SEVERAL_CHILDREN_WARNING) == SEVERAL_CHILDREN_WARNING


@given(st.from_regex(r"[A-Z][a-z]{3,8} [A-Z][a-z]{3,8}", fullmatch=True), st.integers(min_value=2, max_value=9))
def test_a_warning_that_only_starts_like_it_shows_its_code_alone(name: str, count: int) -> None:
    forged = several_forms_warning(count) + f" (the second child is {name}, born 2019-03-14)"
    shown = warning_code(forged)
    assert shown == SEVERAL_FORMS
    assert name not in shown and "2019" not in shown
