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

import h9_referrals as r  # noqa: E402

MESSAGES: list[Callable[[str], tuple[bytes, dict, str]]] = [
    r.r01_docx_keyvalue_cells, r.r02_docx_nested_tables, r.r03_docx_label_below, r.r04_docx_questions_bullets,
    r.r05_docx_stacked_legacy, r.r06_odt_converted_grid, r.r07_rtf_wales_cpr, r.r08_pdf_soffice_keyvalue, r.r09_pdf_fillable_generic,
    r.r10_pdf_reportlab_circled,
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
