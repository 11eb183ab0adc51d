"""Write held-out set 15: NAME.eml + NAME.json for every message, and gen/manifest.tsv.

Usage: python make_heldout14.py OUTDIR [NAME...]   (a venv with python-docx, openpyxl, pypdf; LibreOffice `soffice`
on PATH). Content comes from random.Random(NAME) for each message, so the JSON and the content are the same on every
run; .docx/.xlsx/LibreOffice .pdf bytes differ only by zip and PDF timestamps.
"""

from __future__ import annotations

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import h15_others as o  # noqa: E402
import h15_referrals as r  # noqa: E402

MESSAGES = r.ALL + o.ALL


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
