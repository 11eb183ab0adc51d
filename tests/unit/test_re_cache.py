"""bot/re_cache.py: a pattern handed back from the file is the pattern `re` compiles, code and all."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot import re_cache

ROOT = Path(__file__).resolve().parents[2]

# Pieces of the parsers' own patterns: classes, look-arounds, named groups, back-references, bounded repeats.
_PIECES = [r"\s*", r"(?:section|part)", r"\d{1,2}", r"[a-h][.):]", r"(?P<n>name)", r"(?<![\w'’])", r"(?!\d)",
           r"['’]s", r"e-?mail", r"[^)]{0,80}", r"(\w)\1{2,}", r"date of birth", r"\?", r"[\s/]+", r"dob|d\.o\.b\.",
           r"(?i:x)", r"^", r"$", r"ü", r"ǅ"]
_FLAGS = [0, re.I, re.I | re.M, re.S, re.A, re.X]


def _fresh_compile(pattern: str, flags: int) -> re.Pattern[str]:
    return re._compiler.compile(pattern, flags)  # type: ignore[attr-defined,no-any-return]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join), st.sampled_from(_FLAGS))
def test_a_pattern_from_the_file_equals_a_fresh_compile(tmp_path_factory: object, body: str, flags: int) -> None:
    pattern = body.replace("(?P<n>", "(?:", body.count("(?P<n>") - 1)  # one named group at most
    try:
        expected = _fresh_compile(pattern, flags)
    except re.error:
        return
    path = Path(str(tmp_path_factory.mktemp("re")), "re.bin")  # type: ignore[attr-defined]
    re_cache.SAVE_AFTER_S, saved = 0.0, re_cache.SAVE_AFTER_S
    try:
        with re_cache.cached_patterns(path) as first:
            assert first.compile(pattern, flags) == expected  # missed, compiled, kept
        with re_cache.cached_patterns(path) as second:
            got = second.compile(pattern, flags)
            assert second.new == 0  # from the file
    finally:
        re_cache.SAVE_AFTER_S = saved
    # Pattern equality compares the pattern text, flags and the whole SRE code.
    assert got == expected
    assert got.groupindex == expected.groupindex and got.groups == expected.groups


def test_every_pattern_of_a_parse_comes_back_equal(tmp_path: Path) -> None:
    path = tmp_path / "re.bin"
    code = (
        "import re, sys\nfrom pathlib import Path\nfrom bot.re_cache import cached_patterns\n"
        "with cached_patterns(Path(sys.argv[1])) as c:\n"
        "    from parsers import parse_message\n"
        "    parse_message(Path(sys.argv[2]).read_bytes())\n"
        "print(c.new, len(c.used))\n"
        "for (p, f) in c.used:\n"
        "    assert re._compiler.compile(p, f) == re.compile(p, f), p\n"
    )
    eml = ROOT / "tests" / "corpus" / "ns_docx_glyph_00.eml"
    runs = [subprocess.run([sys.executable, "-c", code, str(path), str(eml)], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.split() for _ in range(2)]
    assert int(runs[0][0]) > 500  # the first process compiled the parsers' patterns and kept them
    assert int(runs[1][0]) < 20 and int(runs[1][1]) > 500  # the second took them from the file


def test_a_damaged_or_foreign_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "re.bin"
    path.write_bytes(b"\x00garbage")
    assert re_cache.load(path) == {}
    import marshal

    path.write_bytes(marshal.dumps(("another build", {("a", 0): (0, b"", 0, {}, ())})))
    assert re_cache.load(path) == {}


def test_a_refused_entry_is_compiled_afresh(tmp_path: Path) -> None:
    bad: re_cache.Entry = (32, b"\xff\xff\xff\xff", 0, {}, (None,))  # not SRE code
    cache = re_cache.PatternCache({("abc", 0): bad})
    cache.install()
    try:
        got = cache.compile("abc", 0)
    finally:
        cache.uninstall()
    assert got == _fresh_compile("abc", 0) and cache.new == 1


def test_where_the_file_is(tmp_path: Path) -> None:
    code = "from bot.re_cache import default_path\nprint(default_path())"
    tag = sys.implementation.cache_tag
    for env, expected in [({"CSPRBOT_RE_CACHE": "off", "CSPRBOT_CACHE_DIR": str(tmp_path)}, "None"),
                          ({"CSPRBOT_CACHE_DIR": str(tmp_path)}, str(tmp_path / f"re-{tag}.bin")),
                          ({"CSPRBOT_RE_CACHE": str(tmp_path / "x.bin")}, str(tmp_path / "x.bin")),
                          ({"HOME": str(tmp_path)}, str(tmp_path / ".cache" / "csprbot" / f"re-{tag}.bin"))]:
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                             env=env)
        assert out.stdout.strip() == expected


def test_the_file_keeps_what_was_used_first_within_its_bounds(tmp_path: Path, monkeypatch: object) -> None:
    path = tmp_path / "re.bin"
    setattr_ = monkeypatch.setattr  # type: ignore[attr-defined]
    setattr_(re_cache, "SAVE_AFTER_S", 0.0)
    with re_cache.cached_patterns(path) as old:
        for n in range(50):
            old.compile(f"stale{n}[a-z]+", 0)
    assert len(re_cache.load(path)) == 50
    setattr_(re_cache, "MAX_ENTRIES", 10)
    with re_cache.cached_patterns(path) as cache:
        cache.compile("fresh(?P<x>\\d+)", re.I)
    kept = re_cache.load(path)
    assert len(kept) == 10 and ("fresh(?P<x>\\d+)", int(re.I)) in kept  # the one used, then the oldest stale
