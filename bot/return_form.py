"""Builds the agency return .docx from templates/agency_return.toml: case reference and agency filled in.

The file carries the case reference only: no child identifier is put in it or in its name.
"""

from __future__ import annotations

import io
import tomllib
from typing import Any

from bot.settings import data_dir


def build_return_form(ref: str, agency: str, partnership: str) -> bytes:
    from docx import Document  # heavy import: only when a request is actually sent

    spec: dict[str, Any] = tomllib.loads((data_dir("templates") / "agency_return.toml").read_text("utf-8"))
    doc = Document()
    doc.core_properties.title = f"{ref} agency return"
    doc.core_properties.author = partnership
    doc.add_heading(spec["title"], level=1)
    doc.add_paragraph(f"{partnership}. Case reference: {ref}")
    doc.add_paragraph(spec["intro"])
    prefill = {"Case reference": ref, "Agency": agency}
    for section in spec["sections"]:
        doc.add_heading(section["heading"], level=2)
        table = doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label in section["rows"]:
            cells = table.add_row().cells
            cells[0].text = label
            cells[1].text = prefill.get(label, "")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
