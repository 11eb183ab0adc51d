"""parsers.fuzzy's edit distance (rapidfuzz's optimal string alignment) against the plain loop it replaced."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.fuzzy import _distance, near_labels

# Letters that make near-misses likely: label words, spaces and the apostrophes forms use.
_TEXT = st.text(alphabet="aeinrstdo '", max_size=16)


def _reference(a: str, b: str, limit: int) -> int:
    """The loop parsers.fuzzy used before: optimal string alignment, giving up above `limit`."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


@settings(max_examples=2000, deadline=None)
@given(_TEXT, _TEXT, st.integers(min_value=0, max_value=3))
def test_distance_agrees_with_the_reference_within_the_limit(a: str, b: str, limit: int) -> None:
    # Callers keep a distance only when it is within the limit: above it, any value above the limit is the same.
    assert min(_distance(a, b, limit), limit + 1) == min(_reference(a, b, limit), limit + 1)


def test_slips_in_real_labels_are_still_found() -> None:
    # A swapped pair and a dropped letter, as typed on agencies' forms.
    assert any(label.key == "referral.child.date_of_birth" for _, label in near_labels("date of brith"))
    assert any(label.key == "referral.referrer.name" for _, label in near_labels("refered by"))
