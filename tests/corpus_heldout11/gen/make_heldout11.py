"""Write held-out set 11: NAME.eml + NAME.json for every message, and gen/manifest.tsv.

Usage: python make_heldout11.py OUTDIR [NAME...]   (a venv with python-docx, reportlab, pypdf, openpyxl, Pillow;
LibreOffice `soffice` on PATH). Content comes from random.Random(NAME) for each message, so the JSON and the
content are the same on every run; .docx/.pdf bytes differ only by zip and PDF timestamps.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import h11_others as o  # noqa: E402
import h11_referrals as r  # noqa: E402

MESSAGES: list[Callable[[str], tuple[bytes, dict, str]]] = [
    r.r01_docx_labels_below, r.r02_pdf_soffice_repeated_headers, r.r03_pdf_fillable_generic_names,
    r.r04_pdf_two_column_flow, r.r05_html_portal_highlight, r.r06_text_lcs_print, r.r07_docx_nested_forwards,
    r.r08_text_double_forward, r.r09_pdf_ocr_scan, r.r10_docx_bilingual, r.r11_pdf_mosaic_print,
    r.r12_docx_delete_wrong_word, r.r13_docx_family_paragraph, o.r14_narr_text_ambulance, o.r15_narr_html_hospital,
    o.r16_unreadable_corrupt_docx, r.r17_html_double_forward_sibling, r.r18_pdf_sentence_form, r.r19_text_portal_qa,
    r.r20_docx_label_value_same_cell, r.r21_pdf_fillable_comb, o.r22_narr_text_health_visitor,
    o.a01_docx_yn_columns, o.a02_pdf_soffice_nil_struck, o.a03_html_awp_acronym, o.a04_text_return_two_digit_years,
    o.a05_pdf_fillable_generic, o.a06_text_nil_oneliner, o.a07_pdf_csc_labels_below, o.a08_pdf_ocr_gp,
    o.a09_html_portal_nil_highlight, o.a10_docx_bilingual_return,
    o.c01_decision_agencies_html, o.c02_notified_text, o.c03_extend_text, o.c04_close_iphone, o.c05_looked_after_html,
    o.c06_ofsted_notified_text, o.c07_disagree_referrer,
    o.n01_ooo_exchange, o.n02_ndr_exchange, o.n03_read_receipt, o.n04_newsletter,
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
