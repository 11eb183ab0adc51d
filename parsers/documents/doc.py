"""Word 97-2003 binary (.doc) to a DocView: the main text through the piece table, tables from cell marks.

A .doc keeps its text in the WordDocument stream in pieces (the CLX in the table stream says where each piece
starts and whether it is 8-bit or UTF-16). Table cells end with a cell mark (0x07); a row ends with one more mark
in a paragraph flagged as the row's end (sprmPFTtp in the paragraph properties), which is read from the PAPX
pages so that an empty cell is never taken for the end of its row. Field codes are dropped, their results kept.
"""

from __future__ import annotations

import io
import struct
from bisect import bisect_right

from parsers import limits
from parsers.documents.model import Block, DocView, Table
from parsers.documents.safety import Unreadable, check_ole
from parsers.documents.text import text_blocks
from parsers.normalise import clean

_CELL = "\x07"
_SPECIAL = {"\x0b": "\n", "\x0c": "\n", "\x1e": "-", "\x1f": "", "\xa0": " ", "\x01": "", "\x08": "", "\x02": ""}


def _u16(b: bytes, at: int) -> int:
    return int(struct.unpack_from("<H", b, at)[0])


def _u32(b: bytes, at: int) -> int:
    return int(struct.unpack_from("<I", b, at)[0])


def _pieces(table: bytes, fc_clx: int, lcb_clx: int) -> list[tuple[int, int, int, bool]]:
    """(first cp, last cp, file offset, compressed) of each piece of text."""
    at, end = fc_clx, fc_clx + lcb_clx
    while at < end and table[at] == 0x01:  # Prc: formatting we do not need
        at += 3 + struct.unpack_from("<h", table, at + 1)[0]
    if at >= end or table[at] != 0x02:
        raise ValueError("no piece table")
    lcb = _u32(table, at + 1)
    plc = table[at + 5 : at + 5 + lcb]
    n = (lcb - 4) // 12
    out = []
    for k in range(n):
        cp0, cp1 = _u32(plc, 4 * k), _u32(plc, 4 * k + 4)
        fc = _u32(plc, 4 * (n + 1) + 8 * k + 2)
        compressed = bool(fc & 0x40000000)
        out.append((cp0, cp1, (fc & 0x3FFFFFFF) // 2 if compressed else fc, compressed))
    return out


def _sprm_size(op: int, grpprl: bytes, at: int) -> int:
    spra = op >> 13
    if spra in (0, 1):
        return 1
    if spra in (2, 4, 5):
        return 2
    if spra == 3:
        return 4
    if spra == 7:
        return 3
    if op == 0xD608:  # sprmTDefTable: a two-byte size
        return 2 + _u16(grpprl, at) - 1
    return 1 + grpprl[at] if at < len(grpprl) else 1


def _paragraphs(doc: bytes, table: bytes, fc_plc: int, lcb_plc: int) -> list[tuple[int, int, int]]:
    """(start, end, flags) file offsets of the paragraphs in tables: flags 1 in a table cell, 2 a row's end mark."""
    n = (lcb_plc - 4) // 8
    out: list[tuple[int, int, int]] = []
    for k in range(n):
        pn = _u32(table, fc_plc + 4 * (n + 1) + 4 * k) & 0x3FFFFF
        page = doc[pn * 512 : pn * 512 + 512]
        if len(page) < 512:
            continue
        crun = page[511]
        for r in range(crun):
            offset = page[4 * (crun + 1) + 13 * r] * 2
            if offset == 0:
                continue
            cb = page[offset]  # PapxInFkp: 2*cb-1 bytes of properties, or (cb 0) a second count byte first
            start, size = (offset + 1, 2 * cb - 1) if cb else (offset + 2, 2 * page[offset + 1])
            grpprl = page[start : start + size]
            flags = 0
            at = 2  # after the style index
            while at + 2 < len(grpprl):
                op = _u16(grpprl, at)
                if op in (0x2416, 0x6649) and grpprl[at + 2]:  # sprmPFInTable, sprmPItap
                    flags |= 1
                elif op in (0x2417, 0x244C) and grpprl[at + 2]:  # sprmPFTtp, sprmPFInnerTtp
                    flags |= 2
                at += 2 + _sprm_size(op, grpprl, at + 2)
            if flags:
                out.append((_u32(page, 4 * r), _u32(page, 4 * r + 4), flags))
    return sorted(out)


def _text(data: bytes) -> tuple[str, list[int]]:
    """The main document's characters and, for each mark, its paragraph's table flags (see _paragraphs)."""
    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        doc = ole.openstream("WordDocument").read()
        if _u16(doc, 0) != 0xA5EC:
            raise ValueError("not a Word document")
        flags = _u16(doc, 0x0A)
        if flags & 0x0100:
            raise ValueError("encrypted")
        name = "1Table" if flags & 0x0200 else "0Table"
        table = ole.openstream(name).read()
    ccp_text = _u32(doc, 0x4C)
    fc_clx, lcb_clx = _u32(doc, 0x1A2), _u32(doc, 0x1A6)
    fc_papx, lcb_papx = _u32(doc, 0x102), _u32(doc, 0x106)
    paras = _paragraphs(doc, table, fc_papx, lcb_papx) if lcb_papx else []
    starts = [a for a, _, _ in paras]
    chars: list[str] = []
    marks: list[int] = []
    for cp0, cp1, fc, compressed in _pieces(table, fc_clx, lcb_clx):
        if cp0 >= ccp_text or len(chars) > limits.MAX_TEXT_CHARS:
            break
        count = min(cp1, ccp_text) - cp0
        width = 1 if compressed else 2
        raw = doc[fc : fc + count * width]
        text = raw.decode("cp1252", errors="replace") if compressed else raw.decode("utf-16-le", errors="replace")
        for k, ch in enumerate(text):
            chars.append(ch)
            flags = 0
            if ch in (_CELL, "\r"):
                pos = fc + k * width
                i = bisect_right(starts, pos) - 1
                flags = paras[i][2] if i >= 0 and paras[i][0] <= pos < paras[i][1] else 0
            marks.append(flags)
    return "".join(chars), marks


def _blocks(text: str, marks: list[int]) -> list[Block]:
    """Paragraphs and tables: cells end at a cell mark, rows at a row-end mark, fields keep their result."""
    blocks: list[Block] = []
    rows: list[list[str]] = []
    row: list[str] = []
    buf: list[str] = []
    shown = [True]  # per field nesting: False inside a field code, before its separator
    for k, ch in enumerate(text):
        if ch == "\x13":
            shown.append(False)
            continue
        if ch == "\x14" and len(shown) > 1:
            shown[-1] = True
            continue
        if ch == "\x15" and len(shown) > 1:
            shown.pop()
            continue
        if not all(shown):
            continue
        if ch == _CELL:
            if marks[k] & 2:  # the row's end: its cells are complete
                if row:
                    rows.append(row)
                row = []
            else:
                row.append(clean("".join(buf)).strip())
            buf = []
            continue
        if ch == "\r":
            if marks[k] & 1:
                buf.append("\n")  # a paragraph inside a cell
                continue
            if rows:
                blocks.append(Table(rows))
                rows = []
            blocks.extend(text_blocks("".join(buf)))
            buf = []
            continue
        buf.append(_SPECIAL.get(ch, ch))
    if rows:
        blocks.append(Table(rows))
    if buf:
        blocks.extend(text_blocks("".join(buf)))
    return blocks


def read_doc(data: bytes, name: str) -> DocView:
    """Raises Unreadable (naming the file and what to ask for) when it is encrypted or its text cannot be found."""
    try:
        text, marks = _text(data)
    except Exception:
        # not a Word 97 text we can find (a password-protected file, an encrypted .docx in its OLE wrapper):
        # the reason, named for the sender
        check_ole(data, name, "Word")
    view = DocView(name=name, blocks=_blocks(text, marks))
    if view.is_empty():
        raise Unreadable(f"attachment '{name}' is a Word 97-2003 file with no text: ask for the .docx")
    return view
