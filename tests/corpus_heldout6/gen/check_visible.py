"""Self-check (not a test): every non-null string leaf of each NAME.json is visible in NAME.eml."""
import sys, os, json, re, io, glob, zipfile, subprocess, tempfile, datetime as dt, email
from email import policy
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from h6_data import fmt
import pypdf

def texts(part, out):
    ct = part.get_content_type()
    if part.is_multipart():
        for p in part.iter_parts(): texts(p, out)
        return
    if ct == "message/rfc822":
        texts(part.get_content(), out); return
    data = part.get_payload(decode=True) or b""
    fn = (part.get_filename() or "").lower()
    if ct.startswith("text/"):
        t = data.decode(part.get_content_charset() or "utf-8", "replace")
        t = re.sub(r"<[^>]+>", " ", t).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        out.append(t)
    elif fn.endswith(".docx"):
        try:
            z = zipfile.ZipFile(io.BytesIO(data))
        except Exception:
            out.append("<<unreadable>>"); return
        for n in z.namelist():
            if n.startswith("word/") and n.endswith(".xml"):
                x = z.read(n).decode("utf8")
                x = re.sub(r"</w:p>", "\n", x); x = re.sub(r"<w:tab/>", "\t", x)
                out.append(re.sub(r"<[^>]+>", "", x).replace("&amp;", "&").replace("&quot;", '"').replace("&lt;","<").replace("&gt;",">"))
    elif fn.endswith(".pdf"):
        r = pypdf.PdfReader(io.BytesIO(data))
        for pg in r.pages: out.append(pg.extract_text())
        f = r.get_fields() or {}
        for k, v in f.items():
            out.append(f"[{k}={v.get('/V')}]")
    elif fn.endswith(".doc"):
        with tempfile.TemporaryDirectory() as td:
            p = os.path.join(td, "x.doc"); open(p, "wb").write(data)
            subprocess.run(["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", td, p], capture_output=True)
            out.append(open(os.path.join(td, "x.txt"), encoding="utf-8", errors="replace").read())

def leaves(o, path=""):
    if isinstance(o, dict):
        for k, v in o.items(): yield from leaves(v, f"{path}.{k}" if path else k)
    elif isinstance(o, list):
        for i, v in enumerate(o): yield from leaves(v, f"{path}[{i}]")
    elif o is not None:
        yield path, o

norm = lambda s: re.sub(r"\s+", " ", s.replace("\u00ad", "")).strip().lower()
bad = 0; total = 0
for j in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    e = json.load(open(j)); name = j[:-5]
    m = email.message_from_bytes(open(name + ".eml", "rb").read(), policy=policy.default)
    out = [str(m["subject"])]; texts(m, out)
    T = norm("\n".join(out)); T2 = T.replace("- ", "-").replace(" ", "")
    for p, v in leaves(e):
        total += 1
        if isinstance(v, bool) or p in ("kind",) or p.startswith("command"): continue
        cands = [v]
        if re.fullmatch(r"\d{4}-\d\d-\d\d", v):
            cands = [fmt(v, s) for s in ["slash", "long", "dot", "mon", "ord", "short"]] + [v]
        if p.endswith("abuse_or_neglect") or p.endswith("child_protection_plan"):
            continue
        if not any(norm(c) in T or norm(c).replace(" ", "") in T2 for c in cands):
            bad += 1; print(os.path.basename(name), p, repr(v)[:80])
print("leaves", total, "missing", bad)
