"""Large raw messages into and out of the store without extra whole copies in memory.

SQLite builds a whole record in memory to write a row: binding a 70 MB blob cost two more 70 MB copies
inside SQLite. Above a megabyte the blob is inserted as a zeroblob (cheap only as a record's last column:
hence the message_raw table) and filled through incremental blob I/O, a megabyte at a time. Other
databases (PostgreSQL TOASTs large values) take the ordinary path.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bot.store.models import Message, MessageRaw

CHUNK = 1024 * 1024


def _sqlite(s: Session) -> Any | None:
    if s.get_bind().dialect.name != "sqlite":
        return None
    dbapi = s.connection().connection.driver_connection
    return dbapi if hasattr(dbapi, "blobopen") else None


def store_raw(s: Session, row: Message, raw: bytes) -> None:
    """Store `row`'s bytes (see bot.intake._raw_last for why this comes last)."""
    con = _sqlite(s) if len(raw) > CHUNK and row.blob is None else None
    if con is None:
        row.raw = raw
        return
    s.flush()
    s.execute(text("INSERT INTO message_raw (message_id, raw) VALUES (:id, zeroblob(:n))"),
              {"n": len(raw), "id": row.id})
    view = memoryview(raw)
    with con.blobopen("message_raw", "raw", row.id) as blob:
        for at in range(0, len(raw), CHUNK):
            blob.write(view[at:at + CHUNK])
    s.expire(row, ["blob"])  # written behind the ORM's back: load it from the table if asked


def load_raw(s: Session, message_id: int) -> bytes | None:
    """A stored message's bytes, read without loading the ORM row around them."""
    return s.scalar(select(MessageRaw.raw).where(MessageRaw.message_id == message_id))
