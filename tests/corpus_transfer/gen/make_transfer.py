"""Carrier transfer set: every tuned corpus's .docx referral or return re-sent as a PDF, an HTML body, a text body
and a quoted text reply (LibreOffice conversions), each scored against the original message's expected JSON.

Usage: python tests/corpus_transfer/gen/make_transfer.py [--fillable]
Needs `soffice` (LibreOffice); CI does not have it, so the generated .eml/.json files are committed.
The same content in another carrier should read the same: a field read from the .docx and not from its PDF, HTML
or text twin is a carrier gap. The original .docx messages are the reference (listed in gen/sources.json;
by_variant.py scores them as `docx`).
"""

from __future__ import annotations

import email
import email.policy
import html
import json
import re
import shutil
import subprocess
import sys
from email.message import EmailMessage, Message
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
TESTS = OUT.parent
SETS = ["corpus", "corpus_heldout", "corpus_heldout2", "corpus_heldout3", "corpus_heldout4", "corpus_dev5",
        "corpus_heldout5", "corpus_heldout6", "corpus_heldout7"]
WORK = Path("/tmp/parse6_transfer")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Headers that describe the MIME structure: rebuilt for the new carrier; every other header is kept as sent.
MIME_HEADERS = {"content-type", "content-transfer-encoding", "mime-version", "content-disposition"}


def answer_path(eml: Path) -> Path:
    full = eml.with_name(eml.stem + ".expected.json")
    return full if full.exists() else eml.with_suffix(".json")


def top_parts(msg: Message) -> list[Message]:
    """The message's own leaf parts, not those of a message attached to it (a forward as .eml is its own carrier)."""
    if msg.get_content_type() == "message/rfc822":
        return [msg]
    if not msg.is_multipart():
        return [msg]
    return [leaf for sub in msg.get_payload() for leaf in top_parts(sub)]  # type: ignore[union-attr]


def docx_parts(msg: Message) -> list[Message]:
    return [p for p in top_parts(msg)
            if (p.get_filename() or "").lower().endswith(".docx") or p.get_content_type() == DOCX]


def body_text(msg: Message) -> str:
    """The sender's own text (the plain part, else the HTML part stripped), without attachments."""
    plain, htm = None, None
    for part in msg.walk():
        if part.is_multipart() or part.get_filename() or part.get_content_disposition() == "attachment":
            continue
        if part.get_content_type() == "text/plain" and plain is None:
            plain = part.get_content()
        elif part.get_content_type() == "text/html" and htm is None:
            htm = part.get_content()
    if plain is not None:
        return str(plain).rstrip()
    if htm is not None:
        text = re.sub(r"<(br|/p|/div|/tr)[^>]*>", "\n", str(htm), flags=re.I)
        return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
    return ""


def convert(docs: list[Path], target: str, outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(docs), 40):
        subprocess.run(["soffice", "--headless", "-env:UserInstallation=file:///tmp/lo_parse6", "--convert-to", target,
                        "--outdir", str(outdir), *map(str, docs[start:start + 40])],
                       check=True, capture_output=True, timeout=900)


def html_body(path: Path) -> str:
    """LibreOffice's HTML export, its <body> content only (what a paste into a mail carries)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    m = re.search(r"<body[^>]*>(.*)</body>", text, flags=re.S | re.I)
    inner = m.group(1) if m else text
    return re.sub(r"<img[^>]*>", "", inner)  # images are separate files in the export; a paste drops them


def rebuilt(orig: Message, *, text: str | None = None, htm: str | None = None,
            attachments: list[tuple[str, bytes, str]] | None = None) -> bytes:
    msg = EmailMessage(policy=email.policy.SMTP)
    for key, value in orig.items():
        if key.lower() not in MIME_HEADERS:
            msg[key] = value
    if htm is not None:
        msg.set_content(htm, subtype="html", cte="quoted-printable")
    else:
        msg.set_content(text or "", cte="quoted-printable")
    for name, data, ctype in attachments or []:
        main, sub = ctype.split("/", 1)
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    for n, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_transfer_{n}")
    return msg.as_bytes(policy=email.policy.SMTP)


def other_attachments(msg: Message) -> list[tuple[str, bytes, str]]:
    """Attachments that are not the .docx form (kept as sent)."""
    out = []
    for part in top_parts(msg):
        if part in docx_parts(msg) or part.get_content_type() == "message/rfc822":
            continue
        if part.get_filename() or part.get_content_disposition() == "attachment":
            data = part.get_payload(decode=True)
            out.append((part.get_filename() or "attachment", data if isinstance(data, bytes) else b"",
                        part.get_content_type()))
    return out


def main() -> None:
    if WORK.exists():
        shutil.rmtree(WORK)
    (WORK / "docx").mkdir(parents=True)
    for old in OUT.glob("*.eml"):
        old.unlink()
    for old in OUT.glob("*.json"):
        old.unlink()
    chosen: list[tuple[str, Path, Message, Path]] = []
    for set_name in SETS:
        for eml in sorted((TESTS / set_name).glob("*.eml")):
            msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
            parts = docx_parts(msg)
            nested = any(p.get_content_type() == "message/rfc822" for p in msg.walk())
            answer = json.loads(answer_path(eml).read_text())
            if len(parts) != 1 or nested or answer.get("kind") not in ("referral", "agency_return"):
                continue
            if any("attachment" in w.lower() for w in answer.get("warnings", [])):
                continue  # hostile files (password, zip bomb): the attachment itself is the case
            key = f"{set_name.removeprefix('corpus_') if set_name != 'corpus' else 'tuned'}__{eml.stem}"
            data = parts[0].get_payload(decode=True)
            assert isinstance(data, bytes)
            doc = WORK / "docx" / f"{key}.docx"
            doc.write_bytes(data)
            chosen.append((key, eml, msg, doc))
    docs = [doc for _, _, _, doc in chosen]
    convert(docs, "pdf", WORK / "pdf")
    convert(docs, "html", WORK / "html")
    convert(docs, "txt:Text (encoded):UTF8", WORK / "txt")
    made = 0
    for key, eml, msg, _doc in chosen:
        answer_src = answer_path(eml)
        suffix = ".expected.json" if answer_src.name.endswith(".expected.json") else ".json"
        answer = answer_src.read_text()
        intro = body_text(msg)
        name = docx_parts(msg)[0].get_filename() or "form.docx"
        pdf = WORK / "pdf" / f"{key}.pdf"
        htm = WORK / "html" / f"{key}.html"
        txt = WORK / "txt" / f"{key}.txt"
        if not (pdf.exists() and htm.exists() and txt.exists()):
            print(f"skip {key}: conversion failed", file=sys.stderr)
            continue
        form_text = txt.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n").rstrip()
        quoted = "\n".join(("> " + line) if line.strip() else ">" for line in form_text.split("\n"))
        variants = {
            "pdf": rebuilt(msg, text=intro, attachments=[(re.sub(r"\.docx$", ".pdf", name, flags=re.I),
                                                          pdf.read_bytes(), "application/pdf"),
                                                         *other_attachments(msg)]),
            "html": rebuilt(msg, htm=f"<html><body><p>{html.escape(intro).replace(chr(10), '<br>')}</p>\n<hr>\n"
                                     f"{html_body(htm)}</body></html>", attachments=other_attachments(msg)),
            "text": rebuilt(msg, text=f"{intro}\n\n{form_text}\n", attachments=other_attachments(msg)),
            "quoted": rebuilt(msg, text=f"{intro}\n\n{quoted}\n", attachments=other_attachments(msg)),
        }
        for carrier, raw in variants.items():
            (OUT / f"{key}__{carrier}.eml").write_bytes(raw)
            (OUT / f"{key}__{carrier}{suffix}").write_text(answer)
            made += 1
    (HERE / "sources.json").write_text(json.dumps({key: str(eml.relative_to(TESTS)) for key, eml, _, _ in chosen},
                                                  indent=1) + "\n")
    print(f"{len(chosen)} docx forms, {made} messages written to {OUT}")


if __name__ == "__main__":
    main()
