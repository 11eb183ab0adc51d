"""Pure parsing of what arrives in the partnership mailbox: bytes in, a ParseResult out; never raises."""

from __future__ import annotations

from parsers.classify import classify
from parsers.documents.attachments import read_attachment
from parsers.message import Walked, walk_message, walk_outlook_item
from parsers.records import ParseResult

__all__ = ["ParseResult", "parse_document", "parse_message"]


def parse_message(raw: bytes, *, known_domains: dict[str, str] | None = None) -> ParseResult:
    """Parse a whole RFC 5322 message (.eml bytes)."""
    try:
        return classify(walk_message(raw), known_domains)
    except MemoryError:
        raise  # the caller's work budget names it (bot/budget.py); not a parse warning
    except Exception as exc:  # the contract is "never raises": a bug becomes a warning and quarantine
        return ParseResult(kind="unknown", warnings=[f"could not parse the message ({type(exc).__name__}: {exc})"])


def parse_document(data: bytes, filename: str, *, known_domains: dict[str, str] | None = None) -> ParseResult:
    """Parse a bare file (.docx, .pdf, .txt, .msg, .rtf, .html); .eml goes to parse_message."""
    if filename.lower().endswith(".eml"):
        return parse_message(data, known_domains=known_domains)
    try:
        walked = Walked(subject="", body="")
        result = read_attachment(filename, data, "application/octet-stream")
        walked.warnings.extend(result.warnings)
        if result.view is not None:
            walked.sources.append(result.view)
            if filename.lower().endswith((".txt", ".text")):
                walked.body = result.view.text()
        if result.message is not None:
            return parse_message(result.message, known_domains=known_domains)
        if result.outlook is not None:
            outlook = walk_outlook_item(result.outlook, filename)
            outlook.warnings[:0] = walked.warnings
            walked = outlook
        return classify(walked, known_domains)
    except Exception as exc:
        return ParseResult(kind="unknown", warnings=[f"could not parse '{filename}' ({type(exc).__name__}: {exc})"])
