"""Dump the parse of every corpus message and bench input as sorted JSON, to prove a speed change kept results.

Usage: PYTHONPATH=TREE .venv/bin/python bench/dump_parses.py OUT.json [RE_CACHE_FILE]
Every `tests/corpus*/**/*.eml` of this checkout goes through `parse_message`, and bench_parse.py's inputs (Word,
PDF, text, .msg, TNEF) through `parse_document`; the `to_json_dict()` of each is written with sorted keys, one
line per input. Two dumps (before and after a change, each tree on PYTHONPATH) must be byte-identical (`cmp`).
With RE_CACHE_FILE the parse runs as `csprbot parse` does, its patterns kept in (and, warm, read from) that file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(1, str(ROOT / "tests" / "corpus_tools"))


def _bench_inputs() -> list[tuple[str, str, bytes]]:
    """(label, filename, bytes) of bench_parse.py's inputs; generated, so the same in every tree."""
    sys.path.insert(1, str(ROOT / "bench"))
    import bench_parse  # only when dumping: it imports the generators

    names = {"docx": "form.docx", "pdf": "form.pdf", "pdf-ruled": "form.pdf", "pdf-fillable": "form.pdf",
             "text": "form.txt", "msg": "item.msg", "tnef": "winmail.dat", "eml+docx": "m.eml"}
    return [(f"bench/{fmt}/{i}", names[fmt], data)
            for fmt, files in bench_parse._inputs().items() for i, data in enumerate(files)]


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print(__doc__)
        return 2
    if len(argv) == 2:
        from bot.re_cache import cached_patterns

        with cached_patterns(Path(argv[1])) as cache:
            done = _dump(Path(argv[0]))
        print(f"patterns: {len(cache.used)} used, {cache.new} not in {argv[1]}")
        return done
    return _dump(Path(argv[0]))


def _dump(out: Path) -> int:
    from parsers import parse_document, parse_message

    lines = []
    for path in sorted(ROOT.glob("tests/corpus*/**/*.eml")):
        result = parse_message(path.read_bytes())
        lines.append(json.dumps({"input": str(path.relative_to(ROOT)), "result": result.to_json_dict()},
                                sort_keys=True, ensure_ascii=False))
    for label, name, data in _bench_inputs():
        result = parse_document(data, name)
        lines.append(json.dumps({"input": label, "result": result.to_json_dict()}, sort_keys=True,
                                ensure_ascii=False))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} parses written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
