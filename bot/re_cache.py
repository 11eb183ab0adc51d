"""Compiled regular expressions kept on disk between `csprbot parse` processes (issue #12 item 6: start-up).

Importing the parsers and parsing one form compiles about 620 patterns, three of them 22-35 KB label
alternations; Python's `re` compiles in pure Python, about 0.3 s of a 0.6 s process, and cannot save its work.
This module keeps what `re` computes for a pattern (its SRE code, flags and groups) in one file and hands a
later process the same pattern object straight from `_sre.compile`, the call `re` itself ends with.

Results cannot change: an entry is the output of the running interpreter's own compiler for the same pattern
string and flags; the file names the exact interpreter build and SRE version and is ignored otherwise; `_sre`
validates the code it is given; anything unexpected falls back to the ordinary compile. Only string patterns are
kept. The file is in csprbot's cache folder (CSPRBOT_CACHE_DIR, default ~/.cache/csprbot); CSPRBOT_RE_CACHE names
another file, or switches it off (`off`).
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the engine `re` compiles into; private: version tag, fallback
import contextlib
import marshal
import os
import re
import sys
import time
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

_ENV = "CSPRBOT_RE_CACHE"
# Interpreter build and engine: code from any other build is never used.
TAG = f"csprbot-re-cache 1|{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}"
# Bounds on the file (one parse needs ~600 patterns, 2.7 MB of code): patterns built from unordered sets (the
# email package's) differ between processes, and an edited label list leaves its old alternations behind.
MAX_ENTRIES = 2000
MAX_BYTES = 6_000_000
# The file is rewritten only when compiling what it lacked took longer than writing it does (~20 ms).
SAVE_AFTER_S = 0.02

Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


def default_path() -> Path | None:
    """$CSPRBOT_RE_CACHE, or a file in csprbot's cache folder (bot/profile.py: CSPRBOT_CACHE_DIR, else
    ~/.cache/csprbot); None when switched off or there is no home."""
    from bot.profile import cache_dir

    chosen = os.environ.get(_ENV, "")
    if chosen.lower() in ("off", "0", "no"):
        return None
    if chosen:
        return Path(chosen)
    folder = cache_dir(dict(os.environ))
    return folder / f"re-{sys.implementation.cache_tag}.bin" if folder is not None else None


class PatternCache:
    """Stands in for `re._compiler.compile` while installed: a known pattern comes from the table."""

    def __init__(self, table: dict[tuple[str, int], Entry]) -> None:
        self.table = table
        self.used: dict[tuple[str, int], Entry] = {}
        self.new = 0
        self.compiling_s = 0.0  # spent compiling patterns the table lacked
        self._original: Callable[..., Any] | None = None

    def compile(self, p: Any, flags: int = 0) -> Any:
        original = self._original
        assert original is not None
        if not isinstance(p, str):
            return original(p, flags)  # bytes patterns and parsed trees: the ordinary way
        key = (p, int(flags))
        entry = self.table.get(key)
        if entry is not None:
            try:
                compiled = _sre.compile(p, entry[0], array("I", entry[1]).tolist(), entry[2], entry[3], entry[4])
            except Exception:  # an entry this engine refuses: compile it afresh
                entry = None
        if entry is None:
            start = time.perf_counter()
            entry, compiled = _fresh(p, int(flags))
            self.compiling_s += time.perf_counter() - start
            self.new += 1
        self.used[key] = entry
        return compiled

    def install(self) -> None:
        compiler = re._compiler  # type: ignore[attr-defined]
        self._original = compiler.compile
        compiler.compile = self.compile

    def uninstall(self) -> None:
        if self._original is not None:
            re._compiler.compile = self._original  # type: ignore[attr-defined]


def _fresh(p: str, flags: int) -> tuple[Entry, Any]:
    """What `re._compiler.compile` does for a string, keeping the arguments of its last step."""
    compiler = re._compiler  # type: ignore[attr-defined]
    parsed = re._parser.parse(p, flags)  # type: ignore[attr-defined]
    code = array("I", [int(c) for c in compiler._code(parsed, flags)])
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    entry: Entry = (int(flags | parsed.state.flags), code.tobytes(), parsed.state.groups - 1, groupindex,
                    tuple(indexgroup))
    return entry, _sre.compile(p, entry[0], code.tolist(), entry[2], entry[3], entry[4])


def load(path: Path) -> dict[tuple[str, int], Entry]:
    """The table in `path`, or empty when it is missing, unreadable, damaged or from another build."""
    try:
        tag, table = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if tag != TAG or not isinstance(table, dict):
        return {}
    return table


def save(path: Path, cache: PatternCache) -> None:
    """Write what this process used (and, within the bound, what the file held) when that pays."""
    if cache.compiling_s < SAVE_AFTER_S:
        return
    import tempfile  # only when writing
    # What this process used, and what else the file held while that stays within the bounds: patterns left
    # behind by an edited label list, or by another carrier, are not carried forever.
    size = sum(len(entry[1]) for entry in cache.used.values())
    table = dict(cache.used)
    for key, entry in cache.table.items():
        if len(table) >= MAX_ENTRIES or size > MAX_BYTES:
            break
        if key not in table:
            table[key] = entry
            size += len(entry[1])
    with contextlib.suppress(OSError):  # a read-only home or a full disk: the next process compiles again
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".re-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps((TAG, table)))
            os.replace(tmp, path)  # whole files only: two processes writing at once leave one of them
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


@contextlib.contextmanager
def cached_patterns(path: Path | None = None) -> Any:
    """Within the block, patterns compile from (and new ones are added to) the file at `path`."""
    path = path if path is not None else default_path()
    if path is None:
        yield None
        return
    cache = PatternCache(load(path))
    cache.install()
    try:
        yield cache
    finally:
        cache.uninstall()
        save(path, cache)
