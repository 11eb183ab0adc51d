"""A reply that answers a numbered request by number ("1. Sirona care & health" / "2. Yvette Yardley, ..."), the
request quoted under it ("1. Your agency" / "2. Your name, role, phone and email"): each answer read under its
question, as "Question: answer" lines.

Only when the answers above the quote are numbered 1, 2, 3 ... without a gap, four or more of them, and the quoted
request asks exactly as many numbered questions: anything else is left to be read as it was written.
"""

from __future__ import annotations

import re

from parsers.documents.model import DocView

_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+(\S.*?)\s*$")
_QUOTE_START = re.compile(r"^\s*(?:>|on .{2,300} wrote:?$|-{2,}\s*original message\s*-{2,}|from:\s)", re.I)


def _run(lines: list[str]) -> list[str]:
    """The longest run of lines numbered 1, 2, 3 ... (blank lines between allowed), as their texts."""
    best: list[str] = []
    current: list[str] = []
    for line in lines:
        m = _NUMBERED.match(line.lstrip("> "))
        if m is None:
            if line.strip():
                best, current = (current if len(current) > len(best) else best), []
            continue
        if int(m.group(1)) == len(current) + 1:
            current.append(m.group(2))
        else:
            best, current = (current if len(current) > len(best) else best), ([m.group(2)] if m.group(1) == "1" else [])
    return current if len(current) > len(best) else best


def paired_answers(text: str) -> str | None:
    """"Question: answer" lines for a reply answering its quoted numbered request, or None."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = next((k for k, line in enumerate(lines) if _QUOTE_START.match(line)), None)
    if start is None:
        return None
    answers, questions = _run(lines[:start]), _run(lines[start:])
    if len(answers) < 4 or len(answers) != len(questions):
        return None
    return "\n".join(f"{q.rstrip(' :?')}: {a}" for q, a in zip(questions, answers, strict=True)) + "\n"


def pair_view(view: DocView, body: str) -> DocView | None:
    """The body answered by number, read as its questions and answers (None when it is not one). `body` is the
    body's text as written (the view may have regrouped its lines into tables)."""
    if view.name != "body" or not body:
        return None
    paired = paired_answers(body)
    if paired is None:
        return None
    from parsers.documents.text import read_text

    return read_text(paired, view.name)
