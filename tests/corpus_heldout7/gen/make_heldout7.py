"""Write held-out set 7: NAME.eml + NAME.json for every message, and gen/manifest.tsv.

Usage: python make_heldout7.py OUTDIR   (a venv with python-docx, reportlab, pypdf; LibreOffice on PATH)
Content comes from random.Random(NAME) for each message, so it is the same on every run; .docx/.pdf bytes
differ only by zip and PDF timestamps.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import h7_others as o  # noqa: E402
import h7_referrals as r  # noqa: E402

MESSAGES: list[Callable[[str], tuple[bytes, dict, str]]] = [
    r.r01_docx_police_form78, r.r02_docx_labels_right, r.r03_docx_gdocs, r.r04_docx_tracked,
    r.r05_docx_wingdings, r.r06_docx_horizontal, r.r07_pdf_cpoms, r.r08_pdf_gp_letter, r.r09_text_icb_numbered,
    r.r10_html_mash, r.r11_pdf_datix, r.r12_pdf_fillable_radio, r.r13_fwd_rfc822_pdf, r.r14_html_gdocs_paste,
    r.r15_text_quoted_forward, r.r16_pdf_soffice_wingdings, r.r17_docx_stacked_cells,
    o.r18_narr_text_police_death, o.r19_narr_html_school_injury, o.r20_narr_text_sw_leave, r.r21_pdf_twocol, r.r22_pdf_soffice_gdocs, r.r23_pdf_soffice_labels_right, r.r24_docx_lists_in_cells,
    o.a01_docx_police_return, o.a02_text_gp_nil, o.a03_pdf_soffice_school, o.a04_html_health_return,
    o.a05_html_ambulance_nil, o.a06_text_csc_numbered, o.a07_pdf_reportlab_probation, o.a08_docx_housing_nil,
    o.a09_pdf_fillable_return, o.a10_docx_letterhead_return,
    o.c01_decision_rr, o.c02_notified, o.c03_not_a_referral, o.c04_correct, o.c05_submitted, o.c06_looked_after,
    o.c07_reply_no_command, o.c08_disagree, o.c09_panel,
    o.n01_ooo_headers_html, o.n02_ooo_no_headers, o.n03_read_receipt, o.n04_calendar_invite, o.n05_vendor,
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
