"""Case references: `<PREFIX>-CSPR-<YYYY>-<NNN>`, the only identifier allowed in subjects."""

from __future__ import annotations

import re

REF_RE = re.compile(r"\b([A-Z]{2,6})\s*-\s*CSPR\s*-\s*(\d{4})\s*-\s*(\d{3,})\b", re.IGNORECASE)


def format_ref(prefix: str, year: int, seq: int) -> str:
    return f"{prefix}-CSPR-{year:04d}-{seq:03d}"


def find_ref(text: str | None) -> str | None:
    """The first case reference in `text`, normalised (tolerates spacing and case)."""
    if not text:
        return None
    m = REF_RE.search(text)
    if not m:
        return None
    return format_ref(m.group(1).upper(), int(m.group(2)), int(m.group(3)))
