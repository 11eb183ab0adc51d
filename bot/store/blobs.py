"""Large raw messages into and out of the store without extra whole copies in memory.

SQLite builds a whole record in memory to write a row: binding a 70 MB blob cost two more 70 MB copies
inside SQLite. Above a megabyte the blob is written as a zeroblob and filled through incremental blob
I/O, a megabyte at a time. Other databases (PostgreSQL TOASTs large values) take the ordinary path.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from bot.store.models import Message

CHUNK = 1024 * 1024


def _sqlite(s: Session) -> Any | None:
    if s.get_bind().dialect.name != "sqlite":
        return None
    dbapi = s.connection().connection.driver_connection
    return dbapi if hasattr(dbapi, "blobopen") else None


def store_raw(s: Session, row: Message, raw: bytes) -> None:
    """Set `row.raw`, as the last write to the row in this transaction (see bot.intake._raw_last)."""
    con = _sqlite(s) if len(raw) > CHUNK else None
    if con is None:
        row.raw = raw
        return
    s.flush()
    s.execute(text("UPDATE messages SET raw = zeroblob(:n) WHERE id = :id"), {"n": len(raw), "id": row.id})
    view = memoryview(raw)
    with con.blobopen("messages", "raw", row.id) as blob:
        for at in range(0, len(raw), CHUNK):
            blob.write(view[at:at + CHUNK])
    set_committed_value(row, "raw", raw)
