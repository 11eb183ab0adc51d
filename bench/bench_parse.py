"""Parse throughput per format (forms/second) beside the bare library load of the same files, same run.

Run: .venv/bin/python bench/bench_parse.py [--seconds 2]
Prints a table and writes bench/results/parse.json.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "corpus_tools"))

import cases  # noqa: E402
import docx  # noqa: E402
import docx_forms  # noqa: E402
import extract_msg  # noqa: E402
import outlook_files  # noqa: E402
import pdf_forms  # noqa: E402
import text_forms  # noqa: E402
import tnefparse  # noqa: E402
from generate import _pdf_referral_lines  # noqa: E402
from mail import DOCX, message, to_bytes  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from parsers import parse_document, parse_message  # noqa: E402


def _rate(func: Callable[[bytes], object], files: list[bytes], seconds: float) -> float:
    """Files processed per second, cycling through `files` for at least `seconds`."""
    for data in files:  # warm-up: imports, regex compilation
        func(data)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for data in files:
            func(data)
            done += 1
    return done / (time.perf_counter() - start)


def _dev5_pdfs(names: list[str]) -> list[bytes]:
    """PDF attachments of the dev corpus: printed by LibreOffice (ruled tables) or fillable (widgets)."""
    out = []
    for name in names:
        msg = email.message_from_bytes((ROOT / "tests" / "corpus_dev5" / f"{name}.eml").read_bytes(),
                                       policy=email.policy.default)
        out.extend(p.get_payload(decode=True) for p in msg.walk() if (p.get_filename() or "").endswith(".pdf"))
    return out


def _inputs() -> dict[str, list[bytes]]:
    n = cases.referral_count()
    docx_files = [docx_forms.ns_appendix2(cases.referral(i), s) for i, s in
                  enumerate(["glyph", "legacy", "sdt", "typedx", "wingdings"])]
    return {
        "docx": docx_files,
        "pdf": [pdf_forms.text_pdf(_pdf_referral_lines(cases.referral(i))) for i in range(n)],
        "text": [text_forms.ns_text(cases.referral(i)).encode() for i in range(n)],
        "msg": [outlook_files.outlook_msg("Referral", "see attached", "a@b.gov.uk", [("r.docx", d)])
                for d in docx_files],
        "tnef": [outlook_files.winmail_dat("see attached", [("r.docx", d)]) for d in docx_files],
        "pdf-ruled": _dev5_pdfs(["r02_grid4_wordpdf", "r04_merged_wordpdf", "r05_report_pdf", "a02_return_wordpdf"]),
        "pdf-fillable": _dev5_pdfs(["r06_fillable_text_n", "r07_fillable_named", "r12_fillable_text_n_b"]),
        "eml+docx": [to_bytes(message("a@b.gov.uk", "Referral", "see attached",
                                      attachments=[("r.docx", d, DOCX)])) for d in docx_files],
    }


def _bare(fmt: str) -> Callable[[bytes], object] | None:
    def pdf(data: bytes) -> object:
        return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)

    def msg(data: bytes) -> object:
        m = extract_msg.openMsg(data, strict=False)
        out = [a.data for a in m.attachments]
        m.close()
        return out

    return {
        "docx": lambda d: docx.Document(io.BytesIO(d)),
        "pdf": pdf,
        "pdf-ruled": pdf,
        "pdf-fillable": pdf,
        "text": lambda d: d.decode("utf-8"),
        "msg": msg,
        "tnef": lambda d: tnefparse.TNEF(d).attachments,
    }.get(fmt)


def _process_times(runs: int) -> dict[str, float]:
    """Median wall time of `csprbot parse FILE --json` as a fresh process, beside a bare `python -c pass`."""
    exe = Path(sys.executable)
    csprbot = exe.parent / "csprbot"
    files = {"docx": ROOT / "tests" / "corpus" / "ns_docx_glyph_00.eml",
             "pdf-ruled": ROOT / "tests" / "corpus_dev5" / "r02_grid4_wordpdf.eml"}
    commands = {"python -c pass": [str(exe), "-c", "pass"]}
    commands.update({f"csprbot parse {f.name} --json ({k})": [str(csprbot), "parse", str(f), "--json"]
                     for k, f in files.items()})
    out = {}
    for name, cmd in commands.items():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            # this tree's code: the venv's csprbot is an editable install of the lead's checkout
            subprocess.run(cmd, check=True, capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
            times.append(time.perf_counter() - start)
        out[name] = round(statistics.median(times), 3)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--runs", type=int, default=7, help="process runs for the start-up figure")
    ap.add_argument("--tag", help="write bench/results/parse-TAG.json instead of parse.json")
    args = ap.parse_args()
    names = {"docx": "form.docx", "pdf": "form.pdf", "pdf-ruled": "form.pdf", "pdf-fillable": "form.pdf",
             "text": "form.txt", "msg": "item.msg", "tnef": "winmail.dat"}
    rows = []
    for fmt, files in _inputs().items():
        if fmt == "eml+docx":
            ours = _rate(lambda d: parse_message(d), files, args.seconds)
        else:
            ours = _rate(lambda d, n=names[fmt]: parse_document(d, n), files, args.seconds)
        bare_fn = _bare(fmt)
        bare = _rate(bare_fn, files, args.seconds) if bare_fn else None
        rows.append({"format": fmt, "parse_per_s": round(ours, 1), "bare_load_per_s": round(bare, 1) if bare else None,
                     "mean_kb": round(sum(map(len, files)) / len(files) / 1024, 1)})
    print(f"{'format':<10} {'csprbot parse/s':>16} {'bare load/s':>12} {'ratio':>7} {'mean KB':>8}")
    for r in rows:
        bare = r["bare_load_per_s"]
        ratio = f"{r['parse_per_s'] / bare:.2f}" if bare else "-"
        print(f"{r['format']:<10} {r['parse_per_s']:>16} {bare if bare else '-':>12} {ratio:>7} {r['mean_kb']:>8}")
    process = _process_times(args.runs)
    for name, secs in process.items():
        print(f"process  {name:<44} median {secs:.3f} s over {args.runs} runs")
    out = ROOT / "bench" / "results" / (f"parse-{args.tag}.json" if args.tag else "parse.json")
    out.write_text(json.dumps({"python": platform.python_version(), "machine": platform.machine(),
                               "load_average": os.getloadavg()[0], "seconds_per_row": args.seconds, "rows": rows,
                               "process_median_s": process}, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
