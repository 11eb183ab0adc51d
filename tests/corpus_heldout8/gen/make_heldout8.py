"""Write held-out set 8: NAME.eml + NAME.json for every message, and gen/manifest.tsv.

Usage: python make_heldout8.py OUTDIR [NAME...]   (a venv with python-docx, reportlab, pypdf, openpyxl;
LibreOffice `soffice` on PATH). Content comes from random.Random(NAME) for each message, so it is the same on every
run; .docx/.odt/.xlsx/.pdf bytes differ only by zip and PDF timestamps (and the encrypted PDF's random salt).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import h8_others as o  # noqa: E402
import h8_referrals as r  # noqa: E402

MESSAGES: list[Callable[[str], tuple[bytes, dict, str]]] = [
    r.r01_docx_sdt_vmerge, r.r02_docx_legacy_tabs, r.r03_docx_two_children, r.r04_docx_header_details,
    r.r05_docx_textboxes, r.r06_docx_strike_yesno, r.r07_docx_bilingual, r.r08_odt_table_form,
    r.r09_rtf_case_export, r.r10_docx_split_name_header, r.r11_pdf_soffice_squares, r.r12_pdf_reportlab_split,
    r.r13_pdf_fillable_dotted, r.r14_html_portal, r.r15_html_outlook_forward, r.r16_text_original_message,
    r.r17_text_inline_answers, r.r18_fwd_rfc822_odt, r.r19_pdf_soffice_strike, r.r20_pdf_soffice_header,
    r.r26_docx_transposed_people,
    o.r21_narr_text_icb_doctor, o.r22_narr_html_school_dsl, o.r23_narr_text_personal_iphone,
    o.r24_unreadable_pdf_encrypted, o.r25_unreadable_docx_damaged,
    o.a01_xlsx_chronology, o.a02_docx_sdt_return, o.a03_odt_return, o.a04_rtf_nil_return, o.a05_html_portal_return,
    o.a06_text_fwd_return, o.a07_pdf_fillable_return, o.a08_pdf_soffice_return, o.a09_text_nil_quoted,
    o.a10_docx_legacy_return,
    o.c01_confirm, o.c02_no_rr, o.c03_ad_refer, o.c04_extend, o.c05_ofsted_notified, o.c06_waive, o.c07_action,
    o.c08_reviewer, o.c09_report_to_panel,
    o.n01_ooo_bilingual, o.n02_ndr_mailbox_full, o.n03_secure_portal, o.n04_newsletter, o.n05_auto_ack_police,
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
