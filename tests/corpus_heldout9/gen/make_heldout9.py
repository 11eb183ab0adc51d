"""Write held-out set 9: NAME.eml + NAME.json for every message, and gen/manifest.tsv.

Usage: python make_heldout9.py OUTDIR [NAME...]   (a venv with python-docx, reportlab, pypdf, openpyxl;
LibreOffice `soffice` on PATH). Content comes from random.Random(NAME) for each message, so it is the same on every
run; .docx/.odt/.xlsx/.pdf bytes differ only by zip and PDF timestamps.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import h9_others as o  # noqa: E402
import h9_referrals as r  # noqa: E402

MESSAGES: list[Callable[[str], tuple[bytes, dict, str]]] = [
    r.r01_docx_keyvalue_cells, r.r02_docx_nested_tables, r.r03_docx_label_below, r.r04_docx_questions_bullets,
    r.r05_docx_stacked_legacy, r.r06_odt_converted_grid, r.r07_rtf_wales_cpr, r.r08_pdf_soffice_keyvalue, r.r09_pdf_fillable_generic,
    r.r10_pdf_reportlab_circled, r.r11_xlsx_form, r.r12_html_outlook_nested, r.r13_text_nextline_prose,
    r.r14_text_reply_quoted_other, r.r15_fwd_eml_docx, r.r16_docx_tracked_changes, r.r17_html_webform_table,
    r.r18_pdf_soffice_html, r.r19_docx_repeating_sections, r.r20_pdf_two_columns, r.r26_text_apple_forward,
    o.r21_narr_text_known_as, o.r22_narr_html_police, o.r23_narr_text_school_nurse, o.r24_unreadable_doc_word97,
    o.r25_unreadable_pdf_truncated,
    o.a01_docx_nested_return, o.a02_pdf_fillable_radio, o.a03_xlsx_row_return, o.a04_html_struck_return,
    o.a05_text_above_quoted_request, o.a06_odt_labels_below_return, o.a07_rtf_nil_school, o.a08_pdf_soffice_numbered,
    o.a09_fwd_eml_text_return, o.a10_docx_keyvalue_nil,
    o.c01_decision_rr_agencies, o.c02_notified_html, o.c03_submitted, o.c04_correct_dob, o.c05_panel_local,
    o.c06_not_a_referral, o.c07_link,
    o.n01_ooo_no_header, o.n02_read_receipt, o.n03_meeting_invite, o.n04_dsn_delayed,
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
