"""A CSV export (a tracker or forms tool saved as .csv) to a DocView: one answer row under its header row is read as
label | value rows, as the form it replaces would be; more rows stay a table under their header."""

from __future__ import annotations

from parsers.documents.model import DocView, Table
from parsers.normalise import clean

_MAX_ROWS = 200
_MAX_COLUMNS = 300


def read_csv(data: bytes, name: str) -> DocView:
    """Header row and answers; a one-answer export turned round (each question beside its answer)."""
    import csv  # stdlib, but only wanted when a CSV comes

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = [[clean(c).strip() for c in row[:_MAX_COLUMNS]]
            for _, row in zip(range(_MAX_ROWS), csv.reader(text.splitlines(), dialect), strict=False)]
    rows = [r for r in rows if any(r)]
    if len(rows) == 2 and len(rows[0]) >= 3:
        header, answers = rows
        pairs = [[label, answers[k] if k < len(answers) else ""] for k, label in enumerate(header) if label]
        return DocView(name=name, blocks=[Table(pairs)])
    return DocView(name=name, blocks=[Table(rows)] if rows else [])
