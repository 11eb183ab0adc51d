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
    ("r04_pdf_fillable_acroform", ["referral", "referrer", "phone"], "07700 900999", "an AcroForm text field"),
    ("r14_html_form_in_attached_eml", ["referral", "family", 0, "date_of_birth"], "1990-01-01",
     "HTML body of the attached .eml"),
    ("r01_docx_w14_checkbox_merged_sections", ["referral", "other_agencies", 0, "contact"], "x.y@nhs.net",
     "Word table beside check-box controls"),
    ("r11_pdf_from_spreadsheet", ["referral", "summary"], "Stabbed at school.", "xlsx printed to PDF"),
    ("r15_docx_label_over_value_cells", ["referral", "referrer", "date_submitted"], "2026-11-20",
     "a date-picker content control"),
    ("a03_pdf_fillable_return", ["agency_return", "signed_off_by"], "Dafydd Pugh", "AcroForm field"),
    ("a08_text_in_attached_eml", ["agency_return", "learning"], "Nothing to learn.", "text in an attached .eml"),
    ("r18_docx_transposed_family", ["referral", "family", 1, "address"], "1 Nowhere Street, Worle, BS22 1AA",
     "transposed family table"),
    ("r13_narr_pdf_paediatrician_letter", ["referral", "child", "date_of_birth"], "2019-02-02", "PDF letter"),
    ("r17_html_portal_lists_in_cells", ["referral", "other_agencies", 1, "name"], "Zbigniew Nowak",
     "<ol> inside a table cell"),
    # wrong-person values that ARE on the page (expected NOT to be caught):
    ("r06_html_apple_mail_quoted_other_child", ["referral", "child", "name"], "@QUOTED",
     "the quoted earlier mail's child"),
    ("r07_html_owa_signature_other_person", ["referral", "referrer", "name"], "@SIGNATURE",
     "the signature block's person"),
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
            if wrong == "@QUOTED":
                import re
                text = body(os.path.join(td, name + ".eml"))
                wrong = re.search(r"another child\s+we discussed, ([^(]+?) \(", text).group(1)  # type: ignore[union-attr]
            if wrong == "@SIGNATURE":
                import re
                text = body(os.path.join(td, name + ".eml"))
                wrong = re.search(r"Kind regards\n\n(.+)\n", text).group(1)  # type: ignore[union-attr]
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
