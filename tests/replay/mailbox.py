"""The mailbox model behind both replay servers: folders, items, moves, sent mail and a change log.

Moves give the item a new id, as Exchange does (EWS MoveItem and Graph move both return a new id), so a
test can see that the old id no longer resolves.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta


@dataclass
class Folder:
    id: str
    name: str
    parent_id: str | None
    well_known: str | None = None


@dataclass
class Item:
    id: str
    folder_id: str
    mime: bytes
    received: datetime


@dataclass
class Mailbox:
    owner: str
    folders: dict[str, Folder] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    sent: list[bytes] = field(default_factory=list)
    # (seq, folder_id, item_id, "added" | "removed"): what Graph delta replays.
    changes: list[tuple[int, str, str, str]] = field(default_factory=list)
    lock: threading.RLock = field(default_factory=threading.RLock)

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)
        self._clock = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)
        root = self.add_folder("Top of Information Store", None, "root")
        msgroot = self.add_folder("Top of Information Store", root.id, "msgfolderroot")
        self.add_folder("Inbox", msgroot.id, "inbox")
        self.add_folder("Sent Items", msgroot.id, "sentitems")

    def new_id(self, prefix: str) -> str:
        # Shaped like the opaque base64 ids both APIs hand out.
        return f"AAMk{prefix}{next(self._ids):06d}AAA="

    def add_folder(self, name: str, parent_id: str | None, well_known: str | None = None) -> Folder:
        with self.lock:
            f = Folder(self.new_id("Fld"), name, parent_id, well_known)
            self.folders[f.id] = f
            return f

    def well_known(self, name: str) -> Folder:
        for f in self.folders.values():
            if f.well_known == name.lower():
                return f
        raise KeyError(name)

    def children(self, folder_id: str) -> list[Folder]:
        return [f for f in self.folders.values() if f.parent_id == folder_id]

    def child_named(self, folder_id: str, name: str) -> Folder | None:
        for f in self.children(folder_id):
            if f.name.lower() == name.lower():
                return f
        return None

    def deliver(self, raw: bytes, folder: str = "inbox") -> str:
        with self.lock:
            self._clock += timedelta(minutes=1)
            fid = self.well_known(folder).id if folder in ("inbox",) else folder
            item = Item(self.new_id("Msg"), fid, raw, self._clock)
            self.items[item.id] = item
            self._log(fid, item.id, "added")
            return item.id

    def in_folder(self, folder_id: str) -> list[Item]:
        with self.lock:
            found = [i for i in self.items.values() if i.folder_id == folder_id]
            return sorted(found, key=lambda i: i.received)

    def move(self, item_id: str, dest_id: str) -> Item | None:
        """Move and re-id; None when the id no longer resolves (already moved or deleted)."""
        with self.lock:
            item = self.items.pop(item_id, None)
            if item is None:
                return None
            self._log(item.folder_id, item.id, "removed")
            moved = Item(self.new_id("Msg"), dest_id, item.mime, item.received)
            self.items[moved.id] = moved
            self._log(dest_id, moved.id, "added")
            return moved

    def folder_path_ids(self, name: str) -> list[str]:
        """Ids of items in the Inbox child folder `name` (test helper)."""
        f = self.child_named(self.well_known("inbox").id, name)
        return [] if f is None else [i.id for i in self.in_folder(f.id)]

    def seq(self) -> int:
        return len(self.changes)

    def _log(self, folder_id: str, item_id: str, kind: str) -> None:
        self.changes.append((len(self.changes) + 1, folder_id, item_id, kind))
