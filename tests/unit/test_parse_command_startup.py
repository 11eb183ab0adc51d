"""What a fresh `csprbot parse` process is spared (issue #12 item 6): the pydantic plugin scan, and compiling the
parsers' patterns when the previous process kept them. Work is counted, never timed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EML = ROOT / "tests" / "corpus" / "ns_docx_glyph_00.eml"

_RUN_PARSE = (
    "import contextlib, io, sys\n"
    "from bot.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    main(['parse', sys.argv[1], '--json'])\n"
    "import pydantic.plugin._loader as loader\n"
    "import re\n"
    "print(loader._plugins is None, re._compiler.compile.__qualname__)\n"
)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env.update(extra)
    return env


def test_parse_does_not_scan_installed_packages_for_pydantic_plugins(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-c", _RUN_PARSE, str(EML)], cwd=ROOT, capture_output=True, text=True,
                         check=True, env=_env(CSPRBOT_RE_CACHE=str(tmp_path / "re.bin")))
    scanned_never, compiler = out.stdout.split()
    assert scanned_never == "True"  # get_plugins() returned early: no entry point scan
    assert compiler == "compile"  # and the cache put re's own compiler back when the parse was done


def test_a_second_parse_process_compiles_from_the_file(tmp_path: Path) -> None:
    code = (
        "import contextlib, io, sys\n"
        "import bot.re_cache as rc\n"
        "seen = []\n"
        "class Counting(rc.PatternCache):\n"
        "    def uninstall(self):\n"
        "        seen.append((self.new, len(self.used)))\n"
        "        super().uninstall()\n"
        "rc.PatternCache = Counting\n"
        "from bot.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['parse', sys.argv[1], '--json'])\n"
        "print(*seen[0])\n"
    )
    env = _env(CSPRBOT_RE_CACHE=str(tmp_path / "re.bin"))
    runs = [subprocess.run([sys.executable, "-c", code, str(EML)], cwd=ROOT, capture_output=True, text=True,
                           check=True, env=env).stdout.split() for _ in range(2)]
    assert int(runs[0][0]) > 500
    new, used = map(int, runs[1])
    assert used > 500 and new < 20  # the email package builds a few patterns from sets: those compile afresh


def test_the_parsers_set_built_alternations_read_the_same_in_every_process() -> None:
    code = ("from parsers.labels import INLINE_LABEL\nfrom parsers.reasons import _MASH\n"
            "import hashlib\nprint(hashlib.sha256((INLINE_LABEL.pattern + _MASH.pattern).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                              env=_env(PYTHONHASHSEED=str(seed))).stdout for seed in (1, 2, 3, 4)}
    assert len(digests) == 1
