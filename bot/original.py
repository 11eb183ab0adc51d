"""The referral as received inside outbound mail: a placeholder in the outbox row, the original at send.

An outbox row never holds a copy of the inbound message: six routed copies of a 50 MB referral were six
96 MB rows. The row carries an empty attachment part marked with the stored message's id and a byte
budget; at delivery the stored message is thinned to that budget (largest parts withheld, each named with
the command that fetches it) and spliced in. Thinning is deterministic, so the list of withheld parts
written into the mail's text when it was queued matches what is sent.
"""

from __future__ import annotations

import base64
import re

from parsers.mimescan import Withheld, human_size, thin

HEADER = b"X-Csprbot-Original"
_MARK = re.compile(rb"^X-Csprbot-Original: message=(\d+); budget=(\d+)\r?\n", re.M)
_SLACK = 16 * 1024  # headers and the MIME lines around the attachment


def budget_for(limit: int, rest: int) -> int:
    """Raw bytes of the original that fit in a mail of at most `limit` bytes whose other parts take `rest`.

    The original travels base64-encoded: 57 bytes become a 76-character line plus CRLF.
    """
    return max(0, (limit - rest - _SLACK) * 57 // 78)


def marker(message_id: int, budget: int) -> str:
    return f"{HEADER.decode()}: message={message_id}; budget={budget}"


def export_hint(message_id: int) -> str:
    return f": fetch it with `csprbot export {message_id}`"


def plan(raw: bytes, budget: int, message_id: int) -> list[Withheld]:
    return thin(raw, budget, export_hint(message_id))[1]


def withheld_text(withheld: list[Withheld], message_id: int) -> str:
    """Lines for the mail's text: what was left out and how the co-ordinator fetches it."""
    if not withheld:
        return ""
    lines = ["", "Too large to send by email, withheld from the attached copy of the referral:"]
    for w in withheld:
        what = w.name if w.name == "the whole message" else f"attachment '{w.name}'"
        lines.append(f"- {what} ({human_size(w.size)}): the co-ordinator can fetch it with "
                     f"`csprbot export {message_id} --part {w.index}`")
    return "\n".join(lines) + "\n"


def placeholder(raw: bytes) -> tuple[int, int] | None:
    """(message id, budget) of the placeholder in an outbox row, if it has one."""
    m = _MARK.search(raw)
    return (int(m.group(1)), int(m.group(2))) if m else None


def fill(raw: bytes, original: bytes | None) -> bytes:
    """The outbox row's mail with the (thinned) original spliced into its placeholder part."""
    m = _MARK.search(raw)
    if m is None:
        return raw
    message_id, budget = int(m.group(1)), int(m.group(2))
    body_at = raw.find(b"\n\n", m.end() - 1)
    if body_at < 0:
        return raw
    if original is None:
        data = b"The original message is no longer stored (retention period passed).\n"
    else:
        data = thin(original, budget, export_hint(message_id))[0]
    encoded = base64.encodebytes(data)
    return raw[:m.start()] + raw[m.end():body_at + 2] + encoded + raw[body_at + 2:]


def without_original(raw: bytes, why: str) -> bytes:
    """The mail with its placeholder part turned into a short note: the form a refused mail is retried in."""
    m = _MARK.search(raw)
    if m is None:
        return raw
    message_id = int(m.group(1))
    head_start = raw.rfind(b"\n--", 0, m.start())
    body_at = raw.find(b"\n\n", m.end() - 1)
    if head_start < 0 or body_at < 0:
        return raw
    line_end = raw.find(b"\n", head_start + 1)
    note = (f"The referral as received was not attached: {why}. The co-ordinator can fetch it with "
            f"`csprbot export {message_id}`.\n").encode()
    part = b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + note
    return raw[:line_end + 1] + part + raw[body_at + 2:]
