"""Issue #12 layouts from the development corpus #5 (tests/corpus_dev5): each read as its form means it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parsers import parse_message

DEV5 = Path(__file__).resolve().parents[1] / "corpus_dev5"


def _pair(name: str) -> tuple[dict[str, object], dict[str, object]]:
    expected = json.loads((DEV5 / f"{name}.expected.json").read_text())
    actual = parse_message((DEV5 / f"{name}.eml").read_bytes()).to_json_dict()
    return expected, actual


@pytest.mark.parametrize("name", ["r02_grid4_wordpdf", "r04_merged_wordpdf", "r05_report_pdf", "r11_report_pdf_b"])
def test_word_and_report_pdfs_read_their_ruled_tables(name: str) -> None:
    """Cells that wrap stay one cell; the value beside (or under) its label, never a neighbour's."""
    expected, actual = _pair(name)
    for who, keys in (("referrer", ("name", "email")), ("child", ("name", "date_of_birth", "incident_date"))):
        for key in keys:
            assert actual["referral"][who][key] == expected["referral"][who][key], (who, key)  # type: ignore[index]


@pytest.mark.parametrize("name", ["r06_fillable_text_n", "r07_fillable_named", "r12_fillable_text_n_b"])
def test_fillable_pdf_fields_meet_their_printed_labels(name: str) -> None:
    """Fields named "Text1".. with no tooltip: the label is whatever is printed at the field's left."""
    expected, actual = _pair(name)
    assert actual["form"] == "read"
    for who in ("referrer", "child"):
        assert actual["referral"][who] == expected["referral"][who]  # type: ignore[index]
    got, want = actual["referral"]["criteria"], expected["referral"]["criteria"]  # type: ignore[index]
    assert got["child_died"] == want["child_died"] and got["seriously_harmed"] == want["seriously_harmed"]


def test_a_label_over_its_answer_in_one_cell() -> None:
    expected, actual = _pair("r03_merged_docx")
    assert actual["referral"]["referrer"] == expected["referral"]["referrer"]  # type: ignore[index]
    assert actual["referral"]["child"]["disability"] == "Autism"  # type: ignore[index]
    assert actual["referral"]["other_agencies"] == expected["referral"]["other_agencies"]  # type: ignore[index]


@pytest.mark.parametrize("name", ["a01_return_docx_title_agency", "a02_return_wordpdf"])
def test_an_agency_named_only_in_the_return_title(name: str) -> None:
    expected, actual = _pair(name)
    assert actual["agency_return"]["agency"] == expected["agency_return"]["agency"]  # type: ignore[index]


def test_dev5_has_no_wrong_person() -> None:
    import sys

    sys.path.insert(0, str(DEV5.parent / "corpus_tools"))
    from accuracy import run_set

    assert run_set(DEV5).overall.wrong_person == 0


@pytest.mark.parametrize(("raw", "want"), [
    ("☐ ☒ Yes No", "☐ Yes   ☒ No"),
    ("☒ ☐ Known Suspected", "☒ Known   ☐ Suspected"),
    ("☒ ☐ Yes No Unknown", "Yes No Unknown"),  # counts disagree: no tick is read rather than a guessed one
    ("☒ Yes   ☐ No", "☒ Yes   ☐ No"),
])
def test_symbol_font_boxes_drawn_before_their_options_are_paired_in_order(raw: str, want: str) -> None:
    from parsers.documents.pdf_layout import pair_glyphs

    assert pair_glyphs(raw) == want


def test_word_pdf_criteria_ticks_in_a_symbol_font() -> None:
    expected, actual = _pair("r04_merged_wordpdf")
    assert actual["referral"]["criteria"] == expected["referral"]["criteria"]  # type: ignore[index]


def test_fillable_boxes_named_question_and_answer_are_read_against_their_answer() -> None:
    """heldout4 pdf02: "Is the child deceased? No" ticked was read as a ticked statement (child died: yes)."""
    heldout4 = DEV5.parent / "corpus_heldout4"
    actual = parse_message((heldout4 / "pdf02_fillable.eml").read_bytes()).to_json_dict()
    criteria = actual["referral"]["criteria"]  # type: ignore[index]
    assert (criteria["child_died"], criteria["seriously_harmed"], criteria["agency_concern"]) == (False, True, False)


def test_a_multi_line_fillable_field_beside_its_label() -> None:
    expected, actual = _pair("r06_fillable_text_n")
    assert actual["referral"]["summary"] == expected["referral"]["summary"]  # type: ignore[index]


def test_an_email_address_wrapped_inside_a_pdf_cell_is_joined() -> None:
    expected, actual = _pair("r02_grid4_wordpdf")
    assert actual["referral"]["other_agencies"] == expected["referral"]["other_agencies"]  # type: ignore[index]


def test_family_members_asked_one_field_at_a_time() -> None:
    """"Family member 1 – name", "Family member 1 – relationship", ... in a fillable form: one family table."""
    for name in ("r06_fillable_text_n", "r07_fillable_named", "r12_fillable_text_n_b"):
        expected, actual = _pair(name)
        assert actual["referral"]["family"] == expected["referral"]["family"], name  # type: ignore[index]


def test_numbered_address_lines_are_not_people() -> None:
    from parsers.documents.model import DocView, Table
    from parsers.indexed_rows import regroup

    view = DocView("x", [Table([["Name", "Jo Reed"], ["Address 1", "3 Lodge Lane"], ["Address 2", "Leeds"]])])
    assert regroup(view) is view
