"""What one line of a flattened form is (a section heading and which, a field's label and nothing else), cached
per line text: the one-cell-a-line readers ask it of every line, several times."""

from __future__ import annotations

import re
from functools import cache, lru_cache


@cache
def _headings() -> re.Pattern[str]:
    from parsers.labels import HEADINGS

    # one pass instead of one pattern per section: each section's pattern as a named group
    return re.compile("|".join(f"(?P<s{n}>{rx.pattern})" for n, (_, rx) in enumerate(HEADINGS)), re.I)


@lru_cache(maxsize=8192)
def section_of(line: str) -> str | None:
    """The section a heading line opens ("Family and significant others" -> family), else None."""
    from parsers.labels import HEADINGS

    text = line.strip()
    if not text or len(text) > 160:
        return None
    m = _headings().match(text)
    return HEADINGS[int(m.lastgroup[1:])][0] if m is not None and m.lastgroup else None


@lru_cache(maxsize=8192)
def is_field_label(line: str) -> bool:
    """A known field label and nothing else ("Date of birth", "Your job title")."""
    from parsers.labels import ANY_LABEL
    from parsers.labels_right import is_label

    text = line.strip()
    return bool(text) and ANY_LABEL.match(text) is not None and is_label(text)
