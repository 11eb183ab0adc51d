"""A hard work budget per message: the parse runs in a child process with a time and a memory limit.

One 0.56 MB HTML body once took 116 s to parse and held all intake behind it. The parsers bound what they
can foresee (parts, depth, sizes, zip ratios); this bounds what nobody foresaw. The child is a fork of the
running process, so the parsers are already imported. It stays warm and takes message after message
through a pipe (a fresh fork per message cost ~45 ms in copy-on-write faults); a large message instead
gets a one-off fork that shares its bytes rather than copying them down the pipe. Over time the parent
kills the child; over memory the child's RLIMIT_AS stops it. Either way the caller gets one short line.
Overhead per message is measured by bench/bench_budget.py.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_MEMORY_EXIT = 86  # the child ran out of its memory allowance
_FAILED_EXIT = 87
SHARE_ABOVE = 4 * 1024 * 1024  # payloads larger than this get a one-off fork instead of the pipe
RECYCLE_AFTER = 1000  # a warm child is replaced after this many calls (fragmentation, leaks)


@dataclass(frozen=True)
class Budget:
    seconds: float
    memory_mb: int


class OverBudget(Exception):
    """The work did not finish within its budget; `str()` is one short line naming the bound."""


def _vm_size() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _limit_self(budget: Budget) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    limit = _vm_size() + budget.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_exact(fd: int, n: int) -> bytes | None:
    chunks: list[bytes] = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _frame(obj: object) -> bytes:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return len(data).to_bytes(8, "big") + data


def _serve(target: Callable[[Any], Any], budget: Budget, inp: int, out: int, once: Any = None) -> None:
    """The child: answer each framed request on `inp` with a framed ("ok", result) on `out`."""
    code = _FAILED_EXIT
    try:
        _limit_self(budget)
        while True:
            if once is not None:
                arg, once = once[0], None
            else:
                head = _read_exact(inp, 8)
                if head is None:
                    code = 0
                    break
                body = _read_exact(inp, int.from_bytes(head, "big"))
                if body is None:
                    code = 0
                    break
                arg = pickle.loads(body)
            try:
                reply: tuple[str, object] = ("ok", target(arg))
            except MemoryError:
                code = _MEMORY_EXIT
                break
            except Exception as exc:  # the target's own failure: reported, the child stays usable
                reply = ("error", f"{type(exc).__name__}: {exc}"[:300])
            _write_all(out, _frame(reply))
            if inp < 0:
                code = 0
                break
    except MemoryError:
        code = _MEMORY_EXIT
    except BaseException:  # nothing here may reach the parent's handlers: this is a forked copy
        code = _FAILED_EXIT
    finally:
        os._exit(code)


class Worker:
    """A warm child process running `target` under `budget`; `call(arg)` returns its result or raises
    OverBudget. Restarted after a timeout, a memory kill or RECYCLE_AFTER calls."""

    def __init__(self, target: Callable[[Any], Any], budget: Budget) -> None:
        self.target, self.budget = target, budget
        self.pid: int | None = None
        self.owner = os.getpid()
        self.calls = 0
        self._to = self._from = -1

    def _start(self) -> None:
        to_r, to_w = os.pipe()
        from_r, from_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(to_w)
            os.close(from_r)
            _serve(self.target, self.budget, to_r, from_w)
        os.close(to_r)
        os.close(from_w)
        self.pid, self._to, self._from, self.calls = pid, to_w, from_r, 0

    def close(self) -> None:
        if self.pid is None:
            return
        for fd in (self._to, self._from):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.pid = None

    def call(self, arg: Any, size: int = 0) -> Any:
        if os.getpid() != self.owner:  # we are a fork of the worker's owner: that child is not ours
            self.pid, self.owner = None, os.getpid()
        if size > SHARE_ABOVE:
            return self._one_off(arg)
        if self.pid is None or self.calls >= RECYCLE_AFTER:
            self.close()
            self._start()
        assert self.pid is not None
        self.calls += 1
        try:
            _write_all(self._to, _frame(arg))
        except BrokenPipeError:  # the warm child died between calls: one fresh start
            self.close()
            self._start()
            _write_all(self._to, _frame(arg))
        try:
            return self._answer(self._from, self.pid, keep=True)
        except OverBudget:
            raise
        except BaseException:  # interrupted mid-answer (a signal, Ctrl-C): the pipe is out of step, discard
            self.close()
            raise

    def _one_off(self, arg: Any) -> Any:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            _serve(self.target, self.budget, -1, write, once=(arg,))
        os.close(write)
        try:
            return self._answer(read, pid, keep=False)
        finally:
            os.close(read)
            with contextlib.suppress(ProcessLookupError):  # answered or interrupted: either way, done
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):  # already reaped by _death
                os.waitpid(pid, 0)

    def _answer(self, fd: int, pid: int, keep: bool) -> Any:
        deadline = time.monotonic() + self.budget.seconds
        buf = bytearray()
        need: int | None = None
        while need is None or len(buf) < need + 8:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                if keep:
                    self.close()
                raise OverBudget(f"over the work budget: not parsed within {self.budget.seconds:g} s")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(fd, 1 << 20)
            if not chunk:  # the child died: why is in its exit status
                raise OverBudget(self._death(pid, keep))
            buf += chunk
            if need is None and len(buf) >= 8:
                need = int.from_bytes(buf[:8], "big")
        status, value = pickle.loads(bytes(buf[8:8 + need]))
        if status != "ok":
            raise OverBudget(f"the parse failed ({value})")
        return value

    def _death(self, pid: int, keep: bool) -> str:
        if keep:
            self.pid = None
            for fd in (self._to, self._from):
                with contextlib.suppress(OSError):
                    os.close(fd)
        _, status = os.waitpid(pid, 0)
        if os.WIFEXITED(status) and os.WEXITSTATUS(status) == _MEMORY_EXIT:
            return f"over the work budget: parsing needed more than {self.budget.memory_mb} MB"
        if os.WIFSIGNALED(status):
            return f"over the work budget: the parse was killed by signal {os.WTERMSIG(status)}"
        return f"over the work budget: the parse failed (exit {os.WEXITSTATUS(status)})"
