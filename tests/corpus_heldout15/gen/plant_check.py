"""Plant wrong values in a copy of the set and show which check_visible.py catches (run: python plant_check.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SET = os.path.dirname(HERE)

# (message, path in the JSON, wrong value, where the right value sits)
PLANTS = [
    ("r05_pdf_fillable_default_names", ["referral", "referrer", "phone"], "07700 900001", "an AcroForm field named Text4"),
    ("r02_docx_legacy_formfields", ["referral", "child", "date_of_birth"], "2011-01-01", "a legacy FORMTEXT field"),
    ("r04_xlsx_forms_export_wide_row", ["referral", "family", 0, "address"], "1 Nowhere Street, Yatton, BS49 1AA",
     "a wide Forms-export row"),
    ("r13_rfc822_with_docx_inside", ["referral", "summary"], "Stabbed at a party.", ".docx inside an attached .eml"),
    ("r19_pdf_lo_from_xlsx_one_sheet", ["referral", "other_agencies", 0, "name"], "Zbigniew Nowak",
     "a workbook printed to PDF"),
    ("r17_docx_lists_in_cells", ["referral", "other_processes", 0, "status"], "Withdrawn by the court",
     "a Word numbered list inside a cell"),
    ("a03_xlsx_label_answer", ["agency_return", "signed_off_by"], "Dafydd Pugh", "an .xlsx cell"),
    ("a07_rfc822_html_admin_forward", ["agency_return", "learning"], "Nothing to learn.", "HTML in an attached .eml"),
    ("a08_pdf_fillable_return", ["agency_return", "involvement_from"], "2019-03-03", "an AcroForm date field"),
    ("r07_html_portal_question_rows", ["referral", "family", 0, "date_of_birth"], "1970-07-07", "<br> lines in a cell"),
]


def body(path: str) -> str:
    """The decoded text of every text part (quoted-printable soft breaks undone)."""
    import email
    from email import policy
    m = email.message_from_bytes(open(path, "rb").read(), policy=policy.default)
    return "\n".join(p.get_content().replace("\r\n", "\n") for p in m.walk() if p.get_content_maintype() == "text")


def main() -> None:
    with tempfile.TemporaryDirectory() as td:
        for fn in os.listdir(SET):
            if fn.endswith((".eml", ".json")):
                shutil.copy(os.path.join(SET, fn), td)
        for name, path, wrong, _ in PLANTS:
            p = os.path.join(td, name + ".json")
            e = json.load(open(p, encoding="utf-8"))
            node = e
            for k in path[:-1]:
                node = node[k]
            node[path[-1]] = wrong
            json.dump(e, open(p, "w", encoding="utf-8"), indent=2, ensure_ascii=False)
        out = subprocess.run([sys.executable, os.path.join(HERE, "check_visible.py"), td], capture_output=True,
                             text=True).stdout
        for name, path, wrong, where in PLANTS:
            hit = any(line.startswith(name) and ".".join(map(str, path)) in line for line in out.splitlines())
            print(f"{'CAUGHT' if hit else 'missed'}\t{name}\t{'.'.join(map(str, path))}\t({where})")
        print(out.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
