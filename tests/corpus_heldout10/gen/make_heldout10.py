"""Write held-out set 10: NAME.eml + NAME.json for every message, and gen/manifest.tsv.

Usage: python make_heldout10.py OUTDIR [NAME...]   (a venv with python-docx, reportlab, pypdf, openpyxl;
LibreOffice `soffice` on PATH). Content comes from random.Random(NAME) for each message, so it is the same on every
run; .docx/.xlsx/.pdf bytes differ only by zip and PDF timestamps (and the encrypted PDF's random salt).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import h10_others as o  # noqa: E402
import h10_referrals as r  # noqa: E402

MESSAGES: list[Callable[[str], tuple[bytes, dict, str]]] = [
    r.r01_html_dl_portal, r.r02_pdf_boxes_drawn_ticks, r.r03_pdf_soffice_merged, r.r04_pdf_fillable_adult_names,
    r.r05_docx_checkbox_controls, r.r06_docx_family_prose, r.r07_text_outlook_forward, r.r08_html_outlook_forward,
    r.r09_text_dot_leaders_household, r.r10_docx_children_table_subject_second, r.r15_html_forms_response,
    r.r16_csv_export, r.r17_pdf_two_panels, r.r18_docx_two_child_sections, r.r19_html_question_rows,
    r.r20_text_markdown, r.r21_pdf_printed_email,
    o.r11_narr_police_siblings, o.r12_narr_html_gp, o.r13_narr_text_school_dsl, o.r14_unreadable_encrypted_pdf, o.r22_narr_text_twins,
    o.a01_docx_checkbox_return, o.a02_pdf_reportlab_return, o.a03_html_return, o.a04_text_return_signed_by_author,
    o.a05_xlsx_vertical_return, o.a06_text_nil_return, o.a07_pdf_soffice_nil_return, o.a08_html_table_return_reply,
    o.a09_text_answers_interleaved, o.a10_docx_ongoing_return,
    o.c01_decision_html, o.c02_notified_text_signature, o.c03_submitted_quoted_history, o.c04_panel_national_html,
    o.c05_no_rapid_review, o.c06_aware_html, o.c07_waive_text, o.c08_correct_dob_html,
    o.n01_ooo_auto_submitted, o.n02_ndr, o.n03_calendar,
]


def main(out: str, only: list[str]) -> None:
    os.makedirs(out, exist_ok=True)
    rows = []
    for fn in MESSAGES:
        name = fn.__name__
        if only and name not in only:
            continue
        msg, exp, carrier = fn(name)
        with open(os.path.join(out, name + ".eml"), "wb") as f:
            f.write(msg)
        with open(os.path.join(out, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(exp, f, indent=2, ensure_ascii=False)
            f.write("\n")
        rows.append(f"{name}\t{exp['kind']}\t{carrier}")
        print(name, file=sys.stderr)
    if not only:
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "manifest.tsv"), "w") as f:
            f.write("name\tkind\tcarrier\n" + "\n".join(rows) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
