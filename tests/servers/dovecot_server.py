"""A throw-away Dovecot on 127.0.0.1 for tests: context manager around `start_dovecot.sh -F`.

    with DovecotServer() as dc:                   # ~60 ms to the first LOGIN
        c = dc.client("alice@example.test")       # logged-in IMAPClient over STARTTLS
        dc.append("alice@example.test", raw)      # deliver by IMAP APPEND
        dc.stop(); dc.start()                     # restart on the same dir and ports
    # exit: SIGTERM to the process group, leftovers SIGKILLed, temp dir removed

Works as root (drops to `nobody` through setpriv) and as a normal user. When root, the directory must be
traversable by `nobody`, so it lives under /dev/shm or /tmp, never pytest's tmp_path (0700).
Adapted from the verified recipe in /work/shared/mailservers; the project does not depend on that folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

import imapclient

HERE = Path(__file__).resolve().parent
DOVECOT = "/usr/sbin/dovecot"
PASSWORDS = {"alice@example.test": "alicepw", "bob@example.test": "bobpw", "bot@example.test": "botpw"}


def default_root() -> str:
    """tmpfs when roomy: APPEND is ~4.5x faster there (each Maildir delivery creates 2-3 files).
    Docker's default /dev/shm is only 64 MiB, hence the size check."""
    try:
        st = os.statvfs("/dev/shm")
        if st.f_bavail * st.f_frsize > 2 * 1024**3 and os.access("/dev/shm", os.W_OK):
            return "/dev/shm"
    except OSError:
        pass
    return "/tmp"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _group_members(pgid: int) -> list[tuple[int, str]]:
    """(pid, cmdline) of live (non-zombie) processes in process group `pgid`."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
            fields = stat[stat.rindex(")") + 2 :].split()
            if int(fields[2]) != pgid or fields[0] == "Z":
                continue
            with open(f"/proc/{d}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
            out.append((int(d), cmd))
        except (OSError, ValueError):
            continue
    return out


def _wait_greeting(port: int, proc: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:  # e.g. "Address already in use"
            raise RuntimeError(f"dovecot exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                if s.recv(1).startswith(b"*"):  # "* OK ..."
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"dovecot not answering on {port}")
        time.sleep(0.005)


class DovecotServer:
    """One Dovecot instance: users alice/bob/bot@example.test (PASSWORDS), IMAP+STARTTLS on
    `imap_port`, implicit TLS on `imaps_port`, LMTP on `lmtp_port`; `tls=False` serves plain IMAP
    with no STARTTLS at all (to prove the bot refuses it)."""

    def __init__(self, *, tls: bool = True, root: str | None = None) -> None:
        self.tls = tls
        self.basedir = Path(tempfile.mkdtemp(prefix="dc.", dir=root or default_root()))
        self.imap_port = free_port()
        self.imaps_port = free_port()
        self.lmtp_port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    # -- lifecycle ------------------------------------------------------------------------------
    def start(self) -> DovecotServer:
        env = dict(
            os.environ,
            IMAP_PORT=str(self.imap_port),
            IMAPS_PORT=str(self.imaps_port),
            LMTP_PORT=str(self.lmtp_port),
            SSL="yes" if self.tls else "no",
        )
        # start_new_session: the master leads its own process group, so stop() can signal all of it
        self.proc = subprocess.Popen(
            [str(HERE / "start_dovecot.sh"), str(self.basedir), "-F"], env=env, start_new_session=True
        )
        try:
            # The master binds its listeners BEFORE writing master.pid, so a pid file holding our PID
            # proves the port is ours (a greeting alone could come from another server).
            pidfile = self.basedir / "run" / "master.pid"
            deadline = time.monotonic() + 10
            while True:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"dovecot exited with {self.proc.returncode}: {self.log()[-500:]}")
                try:
                    if int(pidfile.read_text().split()[0]) == self.proc.pid:
                        break
                except (OSError, ValueError, IndexError):
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError("dovecot did not write master.pid")
                time.sleep(0.005)
            _wait_greeting(self.imap_port, self.proc)
        except Exception:
            self.stop()
            raise
        return self

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10.0) -> None:
        """Signal the WHOLE process group. SIGTERM to the master alone lets imap processes with a
        client live on for 10-30 s; to the group, every imap process sends "* BYE" at once."""
        if self.proc is None:
            return
        pgid = self.proc.pid
        if self.proc.poll() is None:
            if sig == signal.SIGTERM:
                # With TLS, imap-login proxies the connection: end the imap processes first so their
                # BYE still gets through, then the rest.
                imaps = [pid for pid, cmd in _group_members(pgid) if cmd.endswith("/imap")]
                for pid in imaps:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGTERM)
                deadline = time.monotonic() + 1
                while imaps and time.monotonic() < deadline:
                    alive = {pid for pid, _ in _group_members(pgid)}
                    imaps = [pid for pid in imaps if pid in alive]
                    time.sleep(0.005)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(pgid, signal.SIGKILL)
                self.proc.wait()
        deadline = time.monotonic() + 3  # children re-parented to init: make sure none survives
        while True:
            try:
                os.killpg(pgid, 0)
            except ProcessLookupError:
                break
            if time.monotonic() > deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pgid, signal.SIGKILL)
                break
            time.sleep(0.02)
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.basedir, ignore_errors=True)

    def __enter__(self) -> DovecotServer:
        try:
            return self.start()
        except BaseException:
            self.cleanup()
            raise

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.cleanup()

    # -- helpers --------------------------------------------------------------------------------
    @property
    def conf(self) -> str:
        return str(self.basedir / "dovecot.conf")

    @property
    def ca_file(self) -> str:
        """The self-signed server certificate: pass as settings.mail.ca_file."""
        return str(self.basedir / "tls" / "cert.pem")

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.ca_file)

    def url(self, user: str, folder: str = "INBOX", tls: str = "starttls") -> str:
        """A csprbot mailbox URL for `user`: tls is 'starttls', 'implicit' or 'none'."""
        quoted = user.replace("@", "%40")
        if tls == "implicit":
            return f"imaps://{quoted}@127.0.0.1:{self.imaps_port}/{folder}"
        suffix = "?tls=none" if tls == "none" else ""
        return f"imap://{quoted}@127.0.0.1:{self.imap_port}/{folder}{suffix}"

    def client(self, user: str, tls: str = "starttls", timeout: float = 30) -> imapclient.IMAPClient:
        """A logged-in IMAPClient; tls: 'starttls' (imap_port), 'implicit' (imaps_port) or 'none'."""
        if tls == "implicit":
            c = imapclient.IMAPClient(
                "127.0.0.1", port=self.imaps_port, ssl=True, ssl_context=self.ssl_context(), timeout=timeout
            )
        else:
            c = imapclient.IMAPClient("127.0.0.1", port=self.imap_port, ssl=False, timeout=timeout)
            if tls == "starttls":
                c.starttls(self.ssl_context())
        c.login(user, PASSWORDS[user])
        return c

    def append(self, user: str, raw: bytes, folder: str = "INBOX", flags: tuple[bytes, ...] = ()) -> int:
        """APPEND one message (creating the folder if needed); returns its UID."""
        c = self.client(user, tls="none" if not self.tls else "starttls")
        try:
            if not c.folder_exists(folder):
                c.create_folder(folder)
            resp = c.append(folder, raw, flags=flags)
            # "[APPENDUID <validity> <uid>] Append completed." (RFC 4315)
            return int(resp.split(b"]")[0].split()[-1])
        finally:
            c.logout()

    def uids(self, user: str, folder: str = "INBOX") -> list[int]:
        c = self.client(user, tls="none" if not self.tls else "starttls")
        try:
            if not c.folder_exists(folder):
                return []
            c.select_folder(folder, readonly=True)
            return sorted(int(u) for u in c.search("ALL"))
        finally:
            c.logout()

    def messages(self, user: str, folder: str = "INBOX") -> list[bytes]:
        """Raw bytes of every message in `folder`, by UID (BODY.PEEK: flags untouched)."""
        c = self.client(user, tls="none" if not self.tls else "starttls")
        try:
            if not c.folder_exists(folder):
                return []
            c.select_folder(folder, readonly=True)
            uids = sorted(c.search("ALL"))
            if not uids:
                return []
            got = c.fetch(uids, ["BODY.PEEK[]"])
            return [got[u][b"BODY[]"] for u in uids]
        finally:
            c.logout()

    def log(self) -> str:
        try:
            return (self.basedir / "dovecot.log").read_text()
        except OSError:
            return ""
