"""Parse cost by rows (stranger round 13, break 4): does a long table, or deep nesting, cost linear time?

A Word table of N rows "Name of child | Person i | Date of birth | 01/02/2015" parsed in time quadratic in N on
main 671d98f (6,000 rows: 20 s). This builds that shape and its relatives at 1k, 3k, 6k and 12k rows (a generator
of shapes: label | value grids, a family table under a header row, one column of labels over answers, HTML
tables, labelled lines in a text body, <div>s nested N deep on a page with a <pre>, HTML tables nested N/40 deep)
and times `parse_message` on each in a child process running the tree given (`--tree`, default this one), warm:
CPU seconds (process time, which a loaded machine does not inflate). A parse over --cap seconds is cut and shown
as "> cap".

Run:  .venv/bin/python bench/bench_rows.py [--tree /path/to/main] [--rows 1000,3000,6000,12000] [--cap 60] [--tag X]
      [--only SUBSTRING]
Writes bench/results/rows.json (rows-<tag>.json with --tag).
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from email import encoders
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path
from typing import Any

from common import BOT, ROOT, print_table, write_results

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _mail(parts: list[Any]) -> bytes:
    m = MIMEMultipart()
    m["From"], m["To"], m["Subject"] = "Pat Stranger <pat@strangers.example>", BOT, "CSPR referral"
    m["Message-ID"], m["Date"] = "<rows.1@strangers.example>", "Mon, 07 Dec 2026 09:00:00 +0000"
    for p in parts:
        m.attach(p)
    return m.as_bytes()


def _word(build: Callable[[Any], None]) -> bytes:
    import docx  # python-docx, as the stranger built the files

    d = docx.Document()
    d.add_paragraph("Child Safeguarding Practice Review referral form")
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    part = MIMEBase(*DOCX.split("/"))
    part.set_payload(buf.getvalue())
    encoders.encode_base64(part)
    part.add_header("Content-Disposition", "attachment", filename="referral.docx")
    return _mail([MIMEText("Please find attached a referral."), part])


def _grid(d: Any, rows: int, cols: int, fill: Callable[[int, int], str]) -> None:
    t = d.add_table(rows=rows, cols=cols)
    for i, row in enumerate(t.rows):
        for j, cell in enumerate(row.cells):
            cell.text = fill(i, j)


def _html(body: str) -> bytes:
    return _mail([MIMEText("Referral below."), MIMEText(f"<html><body>{body}</body></html>", "html")])


_PAIR = ("Name of child", "Person {i}", "Date of birth", "01/02/2015")
_FAMILY = ("Name", "Relationship to child", "Date of birth", "Address", "Ethnicity")


def _family(d: Any, rows: int) -> None:
    d.add_paragraph("Family and significant others")
    member = ("Person {i} Smith", "Uncle", "01/02/1980", "{i} High St", "White British")
    _grid(d, rows, 5, lambda i, j: _FAMILY[j] if i == 0 else member[j].format(i=i))


def shapes() -> dict[str, Callable[[int], bytes]]:
    return {
        "docx label|value x4 (the break)": lambda n: _word(lambda d: _grid(
            d, n, 4, lambda i, j: _PAIR[j].format(i=i))),
        "docx family table, header row": lambda n: _word(lambda d: _family(d, n)),
        "docx one column, label over answer": lambda n: _word(lambda d: _grid(
            d, n, 1, lambda i, j: "Name of child" if i % 2 == 0 else f"Person {i}")),
        "html label|value x4": lambda n: _html("<table>" + "".join(
            f"<tr><td>Name of child</td><td>Person {i}</td><td>Date of birth</td><td>01/02/2015</td></tr>"
            for i in range(n)) + "</table>"),
        "text body, labelled lines": lambda n: _mail([MIMEText("".join(
            f"Name of child: Person {i}\n" if i % 2 == 0 else "Date of birth: 01/02/2015\n" for i in range(n)))]),
        "html <div> nested n deep, a <pre>": lambda n: _html(
            "<pre>Ref: 1</pre>" + "<div>Name of child: x " * n + "</div>" * n),
        "html <span> nested n deep": lambda n: _html("<span>Name of child: x " * n + "</span>" * n),
        "html tables nested n/40 deep": lambda n: _html(
            "<table><tr><td>Name of child</td><td>" * (n // 40) + "x" + "</td></tr></table>" * (n // 40)),
    }


_TIME_PARSE = """
import sys, time
from parsers import parse_message
parse_message(b"From: a@b.example\\r\\nSubject: x\\r\\n\\r\\nName of child: A B\\r\\n")  # warm: patterns compile
raw = open(sys.argv[1], "rb").read()
c = time.process_time()
r = parse_message(raw)
print(time.process_time() - c, r.kind, sep="\\t")
"""


def parse_cost(tree: Path, raw: bytes, cap: float, tmp: Path) -> float | None:
    path = tmp / "shape.eml"
    path.write_bytes(raw)
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("CSPRBOT_")}, "PYTHONPATH": str(tree)}
    try:
        res = subprocess.run([sys.executable, "-c", _TIME_PARSE, str(path)], env=env, cwd=tmp, capture_output=True,
                             text=True, check=True, timeout=cap + 15)  # + the start-up and the warm parse
    except subprocess.TimeoutExpired:
        return None
    return float(res.stdout.split("\t")[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--tree", default=str(ROOT), help="the source tree whose parsers/ are run")
    ap.add_argument("--rows", default="1000,3000,6000,12000")
    ap.add_argument("--cap", type=float, default=60.0)
    ap.add_argument("--tag", default="")
    ap.add_argument("--only", default="", help="only the shapes whose name holds this")
    args = ap.parse_args()
    tree, sizes = Path(args.tree).resolve(), [int(r) for r in args.rows.split(",")]
    out: dict[str, Any] = {"tree": str(tree), "rows": sizes, "shapes": {}}
    table = []
    with tempfile.TemporaryDirectory() as d:
        for name, build in shapes().items():
            if args.only not in name:
                continue
            cells: list[Any] = [name]
            figures = []
            over = False
            for n in sizes:
                raw = build(n)
                cpu = None if over else parse_cost(tree, raw, args.cap, Path(d))
                over = cpu is None  # a larger size of a shape over the cap would only take longer
                figures.append({"rows": n, "kb": len(raw) // 1024, "cpu_s": cpu})
                cells.append(f"> {args.cap:.0f}" if cpu is None else f"{cpu:.2f}")
            out["shapes"][name] = figures
            table.append(cells)
    print(f"tree {tree}: CPU s of parse_message by rows")
    print_table(["shape", *(f"{n:,}" for n in sizes)], table)
    write_results(f"rows-{args.tag}" if args.tag else "rows", out)


if __name__ == "__main__":
    main()
