"""Each reader turns its format into the common view: tables, paragraphs, ticks as ☒/☐."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.documents.docx import read_docx
from parsers.documents.html import read_html
from parsers.documents.model import Table
from parsers.documents.pdf import read_pdf
from parsers.documents.rtf import read_rtf
from parsers.documents.text import read_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

import cases
import docx_forms
import other_forms
import pdf_forms


def _cells(view: object) -> list[str]:
    return [c for b in view.blocks if isinstance(b, Table) for r in b.rows for c in r]  # type: ignore[attr-defined]


def test_docx_legacy_checkbox_and_formtext() -> None:
    view = read_docx(docx_forms.ns_appendix2(cases.referral(0), "legacy"), "f.docx")
    text = view.text()
    assert "Joanne Whitlock" in _cells(view)
    assert "☒ Has been" in text.replace("  ", " ")
    assert "FORMCHECKBOX" not in text and "FORMTEXT" not in text


def test_docx_content_control_counts_once() -> None:
    view = read_docx(docx_forms.ns_appendix2(cases.referral(1), "sdt"), "f.docx")
    cpp = next(b for b in view.blocks if isinstance(b, str) and b.startswith("Child protection plan"))
    assert cpp.count("☒") == 1 and cpp.count("☐") == 3


def test_docx_placeholder_content_control_is_blank() -> None:
    case = cases.referral(2)
    case["referrer"]["email"] = None
    view = read_docx(docx_forms.ns_appendix2(case, "sdt"), "f.docx")
    assert "Click or tap here" not in view.text()


def test_docx_merged_cells_once() -> None:
    view = read_docx(other_forms.alt_referral_docx(cases.referral(0)), "f.docx")
    first = next(b for b in view.blocks if isinstance(b, Table))
    assert first.rows[0] == ["Section A: Person making the referral"]


def test_docx_wingdings_symbols() -> None:
    view = read_docx(docx_forms.ns_appendix2(cases.referral(0), "wingdings"), "f.docx")
    assert view.text().count("☒") >= 4


def _docx_with_runs(runs_xml: str) -> bytes:
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    par = d.add_paragraph()
    for el in parse_xml(f"<w:wrap {docx_forms.NS}>{runs_xml}</w:wrap>"):
        par._p.append(el)
    return docx_forms._save(d)


def test_docx_symbol_fonts_as_text_runs() -> None:
    """Ticks typed as characters in Wingdings / Wingdings 2 / Symbol runs, or as w:sym naming their font."""
    def run(font: str, text: str) -> str:
        return f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr><w:t>{text}</w:t></w:r>'

    def plain(text: str) -> str:
        return f"<w:r><w:t xml:space='preserve'> {text} </w:t></w:r>"

    xml = "".join([
        run("Wingdings", "\u00fe"), plain("Yes"), run("Wingdings", "\u00a8"), plain("No"),
        run("Wingdings 2", "R"), plain("A"), run("Wingdings 2", "\u00a3"), plain("B"), run("Symbol", "\u00d6"),
        plain("C"), '<w:r><w:sym w:font="Wingdings 2" w:char="F054"/></w:r>', plain("D"),
    ])
    text = read_docx(_docx_with_runs(xml), "f.docx").text()
    assert " ".join(text.split()) == "☒ Yes ☐ No ☒ A ☐ B ☒ C ☒ D"


def test_pdf_text_and_acroform() -> None:
    view = read_pdf(pdf_forms.text_pdf(["Name of child: Amy", ("DOB: 1/1/15", "Faith: None")]), "f.pdf")
    assert "Name of child: Amy" in view.text()
    form = read_pdf(pdf_forms.acroform_pdf(["Form"], [("text", "Name of child", "Amy"), ("check", "Pakistani", True),
                                                      ("radio", "Child protection plan", "Has been")]), "f.pdf")
    assert ["Name of child", "Amy"] in form.blocks[0].rows  # type: ignore[union-attr]
    assert ["☒ Pakistani"] in form.blocks[0].rows  # type: ignore[union-attr]
    assert ["Child protection plan", "Has been"] in form.blocks[0].rows  # type: ignore[union-attr]


def test_html_tables_and_checkboxes() -> None:
    view = read_html("<p>Intro</p><table><tr><td>Name:</td><td>Jo</td></tr></table>"
                     "<p><input type=checkbox checked> Yes <input type=checkbox> No</p>", "b")
    assert view.blocks[next(i for i, b in enumerate(view.blocks) if isinstance(b, Table))].rows == [["Name:", "Jo"]]
    assert "☒ Yes ☐ No" in view.text()


def test_text_tabs_become_tables_and_quotes_unwrap() -> None:
    view = read_text("Name\tAgency\n> quoted: line\n", "b")
    assert isinstance(view.blocks[0], Table)
    assert "quoted: line" in view.text()


def test_rtf() -> None:
    view = read_rtf(b"{\\rtf1\\ansi Name of child: Amy\\par DOB: 1/1/15}", "f.rtf")
    assert "Name of child: Amy" in view.text()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab [](){}xX✓*\r\n\x0b\x07þ¨ \t\u201c\u2019"), max_size=30))
def test_clean_without_brackets_skips_nothing(text: str) -> None:
    """clean() runs its bracket-tick patterns only where a bracket is: the same text as running them always."""
    from parsers import normalise as n

    full = n._BRACKET_EMPTY.sub(n.UNCHECKED, n._BRACKET_TICK.sub(n.CHECKED, text.translate(n._TRANSLATE)))
    if "þ" in text or "¨" in text:
        full = n._BRACKET_EMPTY.sub(n.UNCHECKED, n._BRACKET_TICK.sub(n.CHECKED, n._WING_OFF.sub(
            n.UNCHECKED, n._WING_ON.sub(n.CHECKED, text.translate(n._TRANSLATE)))))
    full = full.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x07", "")
    assert n.clean(text) == full
