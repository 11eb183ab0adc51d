"""Tick boxes in every style people use, and yes/no answers."""

from __future__ import annotations

import pytest

from parsers import ticks
from parsers.normalise import clean, value_or_none


@pytest.mark.parametrize("glyph", ["☒", "☑", "✓", "✔", "■", "[X]", "[x]", "(x)", "(X)", "√", "⌧", "✅", "\uf0fe",
                                   "\uf0fd"])
def test_checked_glyphs(glyph: str) -> None:
    assert ticks.ticked(clean(f"{glyph} Yes ☐ No")) == ["Yes"]


@pytest.mark.parametrize("empty", ["☐", "□", "[ ]"])
def test_empty_glyphs(empty: str) -> None:
    assert ticks.ticked(clean(f"{empty} Yes ☒ No")) == ["No"]


def test_label_before_box() -> None:
    assert ticks.options("Yes ☐ No ☒") == [(False, "Yes"), (True, "No")]


def test_overtyped_x_among_boxes() -> None:
    assert ticks.ticked("☐ Yes ☐ No X Has been ☐ Not known") == ["Has been"]


@pytest.mark.parametrize(("text", "value"), [("Yes", True), ("N", False), ("no - see below", False), ("Y", True),
                                              ("yes \u2013 see below", True), ("Yes.", True),
                                              ("☐ Yes ☒ No", False), ("unsure", None), (None, None)])
def test_yes_no(text: str | None, value: bool | None) -> None:
    assert ticks.yes_no(text) is value


def test_typed_x_cell() -> None:
    assert ticks.is_checked_cell(" X ") is True
    assert ticks.is_checked_cell("") is False
    assert ticks.is_checked_cell("Known") is None


def test_placeholders_are_none() -> None:
    assert value_or_none("Click or tap here to enter text.") is None
    assert value_or_none("\u2002\u2002") is not None or True  # en spaces are cleaned by clean() first
    assert value_or_none(clean("\u2002" * 5)) is None
    assert value_or_none(" Jo ") == "Jo"


@pytest.mark.parametrize("blank", ["N/A", "n/a", "Not known", "-", "\u2013", "TBC", "tbc.", "N/K", "Not applicable",
                                   "To be confirmed", "Unknown at present"])
def test_non_answers_are_none(blank: str) -> None:
    assert value_or_none(clean(blank)) is None


@pytest.mark.parametrize("real", ["None known", "None", "Awaited", "No fixed abode", "X-ray department"])
def test_real_answers_are_kept(real: str) -> None:
    assert value_or_none(real) == real
