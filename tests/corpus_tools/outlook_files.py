"""Writers for Outlook containers no library writes: winmail.dat (TNEF) and a minimal .msg (OLE2/CFB).

Both follow the published specs ([MS-OXTNEF], [MS-CFB], [MS-OXMSG]) closely enough for tnefparse and
extract-msg to read them; they are test fixtures, not a general writer.
"""

from __future__ import annotations

import itertools
import struct

# ---------------------------------------------------------------- TNEF
_TNEF_SIG = 0x223E9F78
LVL_MESSAGE, LVL_ATTACHMENT = 1, 2


def _tnef_attr(level: int, attr_type: int, attr_id: int, data: bytes) -> bytes:
    attribute = (attr_type << 16) | attr_id
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BII", level, attribute, len(data)) + data + struct.pack("<H", checksum)


def winmail_dat(body: str, attachments: list[tuple[str, bytes]]) -> bytes:
    """A TNEF stream with a plain body and attachments (title + data), as Exchange sends to non-Outlook clients."""
    out = struct.pack("<IH", _TNEF_SIG, 0x0001)
    out += _tnef_attr(LVL_MESSAGE, 0x0008, 0x9006, struct.pack("<I", 0x00010000))  # attTnefVersion
    out += _tnef_attr(LVL_MESSAGE, 0x0007, 0x9007, struct.pack("<II", 1252, 0))  # attOemCodepage
    out += _tnef_attr(LVL_MESSAGE, 0x0001, 0x8004, b"Referral\x00")  # attSubject
    out += _tnef_attr(LVL_MESSAGE, 0x0002, 0x800C, body.encode("cp1252", "replace") + b"\x00")  # attBody
    for name, data in attachments:
        out += _tnef_attr(LVL_ATTACHMENT, 0x0006, 0x9002, struct.pack("<HIIHHI", 1, 0xFFFFFFFF, 0, 0, 0, 0))
        out += _tnef_attr(LVL_ATTACHMENT, 0x0001, 0x8010, name.encode("cp1252") + b"\x00")  # attAttachTitle
        out += _tnef_attr(LVL_ATTACHMENT, 0x0006, 0x800F, data)  # attAttachData
    return out


# ---------------------------------------------------------------- CFB (OLE2) and .msg
_SECTOR = 512
_MINI = 64
_CUTOFF = 4096
_FREESECT, _ENDOFCHAIN, _FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
_NOSTREAM = 0xFFFFFFFF


class _Entry:
    def __init__(self, name: str, kind: int, data: bytes = b"") -> None:
        self.name, self.kind, self.data = name, kind, data  # kind: 1 storage, 2 stream, 5 root
        self.children: list[_Entry] = []
        self.start, self.left, self.right, self.child = 0, _NOSTREAM, _NOSTREAM, _NOSTREAM
        self.sid = 0


def _dir_entry(e: _Entry) -> bytes:
    """One 128-byte directory entry: name, type, black colour, links, start sector, size."""
    name = e.name.encode("utf-16-le") + b"\x00\x00"
    size = len(e.data) if e.kind == 2 else (e.start_size if e.kind == 5 else 0)  # type: ignore[attr-defined]
    return (
        name.ljust(64, b"\x00")
        + struct.pack("<HBBIII", len(name), e.kind, 1, e.left, e.right, e.child)
        + b"\x00" * 16
        + struct.pack("<IQQIQ", 0, 0, 0, e.start if e.kind != 1 else 0, size)
    )


def _sort_key(e: _Entry) -> tuple[int, str]:
    return (len(e.name), e.name.upper())  # CFB compares by length first, then upper-case name


def _link_siblings(parent: _Entry) -> None:
    """Children as a right-leaning chain, sorted the CFB way (a valid, if unbalanced, red-black tree: all black)."""
    kids = sorted(parent.children, key=_sort_key)
    if kids:
        parent.child = kids[0].sid
        for a, b in itertools.pairwise(kids):
            a.right = b.sid
    for kid in kids:
        _link_siblings(kid)


def cfb(root_children: list[_Entry]) -> bytes:
    """Serialise a tree of storages and streams to a version-3 compound file."""
    root = _Entry("Root Entry", 5)
    root.children = root_children
    entries: list[_Entry] = []

    def number(e: _Entry) -> None:
        e.sid = len(entries)
        entries.append(e)
        for c in e.children:
            number(c)

    number(root)
    _link_siblings(root)
    mini = bytearray()
    mini_fat: list[int] = []
    big: list[_Entry] = []
    for e in entries:
        if e.kind == 2 and len(e.data) < _CUTOFF:
            e.start = len(mini) // _MINI if e.data else _ENDOFCHAIN
            n = (len(e.data) + _MINI - 1) // _MINI
            mini_fat.extend([*range(e.start + 1, e.start + n), _ENDOFCHAIN] if n else [])
            mini += e.data.ljust(n * _MINI, b"\x00")
        elif e.kind == 2:
            big.append(e)
    sectors: list[bytes] = []
    fat: list[int] = []

    def place(data: bytes) -> int:
        if not data:
            return _ENDOFCHAIN
        start = len(sectors)
        n = (len(data) + _SECTOR - 1) // _SECTOR
        for i in range(n):
            sectors.append(data[i * _SECTOR : (i + 1) * _SECTOR].ljust(_SECTOR, b"\x00"))
            fat.append(start + i + 1 if i < n - 1 else _ENDOFCHAIN)
        return start

    for e in big:
        e.start = place(e.data)
    root.start = place(bytes(mini))
    root.start_size = len(mini)  # type: ignore[attr-defined]
    minifat_bytes = b"".join(struct.pack("<I", v) for v in mini_fat)
    minifat_start = place(minifat_bytes.ljust(((len(minifat_bytes) + 511) // 512) * 512, b"\xff"))
    # pad unused directory slots as empty entries (all zero with NOSTREAM links)
    empty = b"\x00" * 64 + struct.pack("<HBBIII", 0, 0, 0, _NOSTREAM, _NOSTREAM, _NOSTREAM) + b"\x00" * 48
    dir_bytes = b"".join(_dir_entry(e) for e in entries)
    while len(dir_bytes) % _SECTOR:
        dir_bytes += empty
    dir_start = place(dir_bytes)
    n_fat = 1
    while (len(sectors) + n_fat) > n_fat * 128:
        n_fat += 1
    fat_start = len(sectors)
    fat.extend([_FATSECT] * n_fat)
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat).ljust(n_fat * _SECTOR, b"\xff")
    for i in range(n_fat):
        sectors.append(fat_bytes[i * _SECTOR : (i + 1) * _SECTOR])
    difat = [fat_start + i for i in range(n_fat)] + [_FREESECT] * (109 - n_fat)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\x00" * 16, 0x003E, 0x0003, 0xFFFE, 9, 6, b"\x00" * 6,
        0, n_fat, dir_start, 0, _CUTOFF, minifat_start if mini_fat else _ENDOFCHAIN,
        (len(minifat_bytes) + 511) // 512 if mini_fat else 0, _ENDOFCHAIN, 0,
    ) + b"".join(struct.pack("<I", v) for v in difat)
    return header + b"".join(sectors)


def _prop_stream(props: list[tuple[int, int, int]], header_extra: bytes) -> bytes:
    """__properties_version1.0: a header then 16-byte entries (tag, flags, value/size)."""
    out = header_extra
    for tag, flags, value in props:
        out += struct.pack("<IIQ", tag, flags, value)
    return out


def _string_stream(prop_id: int, text: str) -> tuple[_Entry, tuple[int, int, int]]:
    data = text.encode("utf-16-le")
    tag = (prop_id << 16) | 0x001F
    return _Entry(f"__substg1.0_{tag:08X}", 2, data), (tag, 0x6, len(data) + 2)


def _binary_stream(prop_id: int, data: bytes) -> tuple[_Entry, tuple[int, int, int]]:
    tag = (prop_id << 16) | 0x0102
    return _Entry(f"__substg1.0_{tag:08X}", 2, data), (tag, 0x6, len(data))


def outlook_msg(subject: str, body: str, sender: str, attachments: list[tuple[str, bytes]]) -> bytes:
    """A .msg (IPM.Note) with subject, plain body, sender and attachments, as "Save As" in Outlook makes."""
    streams: list[_Entry] = []
    props: list[tuple[int, int, int]] = []
    for prop_id, text in ((0x001A, "IPM.Note"), (0x0037, subject), (0x1000, body), (0x0C1F, sender),
                          (0x0C1A, sender.split("@")[0]), (0x0E04, "")):
        entry, prop = _string_stream(prop_id, text)
        streams.append(entry)
        props.append(prop)
    children: list[_Entry] = list(streams)
    for i, (name, data) in enumerate(attachments):
        att = _Entry(f"__attach_version1.0_#{i:08X}", 1)
        a_props: list[tuple[int, int, int]] = []
        for entry, _prop in (_string_stream(0x3707, name), _string_stream(0x3704, name[:8]),
                            _string_stream(0x370E, "application/octet-stream"), _binary_stream(0x3701, data)):
            att.children.append(entry)
            a_props.append(prop)
        a_props.append((0x37050003, 0x6, 1))  # PR_ATTACH_METHOD = ATTACH_BY_VALUE
        att.children.append(_Entry("__properties_version1.0", 2, _prop_stream(a_props, b"\x00" * 8)))
        children.append(att)
    recip = _Entry("__recip_version1.0_#00000000", 1)
    for entry, _prop in (_string_stream(0x3001, "CSPR mailbox"), _string_stream(0x39FE, "cspr@n-somerset.gov.uk")):
        recip.children.append(entry)
    recip.children.append(_Entry("__properties_version1.0", 2, _prop_stream([(0x0C150003, 0x6, 1)], b"\x00" * 8)))
    children.append(recip)
    nameid = _Entry("__nameid_version1.0", 1)
    nameid.children = [_Entry("__substg1.0_00020102", 2, b""), _Entry("__substg1.0_00030102", 2, b""),
                       _Entry("__substg1.0_00040102", 2, b"")]
    children.append(nameid)
    header = struct.pack("<QIIII", 0, 1, 1, len(attachments), len(attachments)) + b"\x00" * 8
    children.append(_Entry("__properties_version1.0", 2, _prop_stream(props, header)))
    return cfb(children)
