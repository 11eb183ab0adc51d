"""Maildir inbox and outbox: the embedded default, no server to install.

The inbox's handled mail moves into Maildir++ sub-folders `.Processed` and `.Quarantine` by an atomic
rename, so a crash leaves each message in exactly one place. Outbox file names derive from the outbox
idempotency key, so delivering the same item twice writes one file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.mail.base import InboundMail, MailConfigError, TransientMailError


def ensure_maildir(path: Path) -> Path:
    for sub in ("tmp", "new", "cur"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    return path


def deliver(path: Path, raw: bytes, name: str | None = None, received: datetime | None = None) -> str:
    """Write one message the Maildir way (tmp, fsync, rename into new); returns its file name.

    The file's modification time is the delivery time csprbot's clocks count from; `received` sets it
    (tests simulating mail that arrived earlier, an importer keeping the original arrival time)."""
    ensure_maildir(path)
    name = name or f"{time.time_ns()}.{os.getpid()}.{socket.gethostname().replace('/', '_')}"
    tmp = path / "tmp" / name
    with open(tmp, "wb") as fh:
        fh.write(raw)
        fh.flush()
        os.fsync(fh.fileno())
    if received is not None:
        stamp = received.timestamp()
        os.utime(tmp, (stamp, stamp))
    os.replace(tmp, path / "new" / name)
    return name


def delivery_time(mtime_ns: int) -> datetime:
    """A file's st_mtime_ns as an aware UTC datetime, to the microsecond (a float st_mtime rounds)."""
    seconds, ns = divmod(mtime_ns, 1_000_000_000)
    return datetime.fromtimestamp(seconds, UTC) + timedelta(microseconds=ns // 1000)


class MaildirInbox:
    """`maildir:PATH`: every message in new/ or cur/ is waiting; handled ones live in sub-folders."""

    def __init__(self, path: str, processed: str = "Processed", quarantine: str = "Quarantine") -> None:
        self.root = Path(path)
        self.name = f"maildir:{path}"
        self.processed = self.root / f".{processed}"
        self.quarantined = self.root / f".{quarantine}"

    def check(self) -> None:
        try:
            for p in (self.root, self.processed, self.quarantined):
                ensure_maildir(p)
        except OSError as exc:
            raise MailConfigError(f"{self.name}: cannot create the Maildir ({exc})") from None

    def _waiting(self) -> list[tuple[Path, int]]:
        """Waiting files with their delivery time (st_mtime_ns), oldest first.

        By delivery time, not by name: real names do not sort by arrival (Dovecot's `T.M<usec>P<pid>` has
        unpadded microseconds, so M100001 sorts before M99999 in one second; mbsync gives a whole sync batch
        one time prefix and an unpadded counter, so _10 sorts before _9), while the clocks and the overtaken
        rule judge by delivery time. The name only breaks ties."""
        files: list[tuple[int, str, Path]] = []
        for sub in ("new", "cur"):
            try:
                entries = [p for p in (self.root / sub).iterdir() if not p.name.startswith(".")]
            except FileNotFoundError:
                continue
            for p in entries:
                try:
                    files.append((p.stat().st_mtime_ns, p.name, p))
                except FileNotFoundError:  # handled by another process since the listing
                    continue
        files.sort(key=lambda f: (f[0], f[1]))
        return [(p, ns) for ns, _, p in files]

    def fetch(self, limit: int = 100) -> Iterator[InboundMail]:
        self.check()
        # Sorted before the limit is applied: a backlog larger than one pass is worked oldest first.
        for path, ns in self._waiting()[: max(0, limit)]:
            try:
                raw = path.read_bytes()
            except FileNotFoundError:  # handled by another process meanwhile
                continue
            except OSError as exc:
                raise TransientMailError(f"{self.name}: cannot read {path.name}: {exc}") from None
            # Delivery time: the local delivery agent wrote the file then (a rename keeps it).
            yield InboundMail(self.name, f"{path.parent.name}/{path.name}", raw, delivery_time(ns))

    def _move(self, item: InboundMail, folder: Path) -> None:
        ensure_maildir(folder)
        src = self.root / item.source_id
        base = item.source_id.split("/", 1)[1].split(":", 1)[0]
        # already moved: acknowledging twice is a no-op
        with contextlib.suppress(FileNotFoundError):
            os.replace(src, folder / "cur" / f"{base}:2,S")

    def acknowledge(self, item: InboundMail) -> None:
        self._move(item, self.processed)

    def quarantine(self, item: InboundMail, reason: str) -> None:
        self._move(item, self.quarantined)

    def release(self, name: str) -> bool:
        """Move a quarantined message back to the inbox (for `csprbot quarantine release`)."""
        for p in (self.quarantined / "cur").glob(f"{name.split(':', 1)[0]}*"):
            os.replace(p, self.root / "new" / p.name.split(":", 1)[0])
            return True
        return False

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any((self.root / "new").iterdir()) if (self.root / "new").exists() else False:
                return True
            time.sleep(min(0.25, max(0.0, deadline - time.monotonic())))
        return False

    def close(self) -> None:
        return None


class MaildirSender:
    """`maildir:PATH`: each outbox item becomes one file in PATH/new, named by its idempotency key."""

    def __init__(self, path: str) -> None:
        self.root = Path(path)
        self.name = f"maildir:{path}"

    def check(self) -> None:
        try:
            ensure_maildir(self.root)
        except OSError as exc:
            raise MailConfigError(f"{self.name}: cannot create the Maildir ({exc})") from None

    def send(self, envelope_from: str, recipients: list[str], raw: bytes, idem_key: str) -> None:
        name = hashlib.sha256(idem_key.encode()).hexdigest()[:32] + ".csprbot"
        if any((self.root / sub / name).exists() for sub in ("new", "cur")):
            return  # delivered before a crash: doing it again changes nothing
        envelope = f"X-CSPRBOT-Envelope-To: {', '.join(recipients)}\r\n".encode()
        try:
            deliver(self.root, envelope + raw, name)
        except OSError as exc:
            raise TransientMailError(f"{self.name}: {exc}") from None

    def close(self) -> None:
        return None
