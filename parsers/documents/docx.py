"""Word .docx to a DocView: tables (merged cells once), paragraphs, legacy form fields and content controls."""

from __future__ import annotations

import re
from typing import Any

from parsers.documents.model import Block, DocView, Table
from parsers.documents.ooxml import main_document, page_headers
from parsers.documents.safety import OLE_MAGIC, Unreadable, check_ole, check_zip
from parsers.normalise import CHECKED, SYMBOL_FONTS, UNCHECKED, clean

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Tags and paths built once: the walk compares every element's tag against them
_T, _TAB, _BR, _CR, _SYM, _R, _P = W + "t", W + "tab", W + "br", W + "cr", W + "sym", W + "r", W + "p"
_FLDCHAR, _SDT, _SDTCONTENT, _TBL, _TR, _TC = W + "fldChar", W + "sdt", W + "sdtContent", W + "tbl", W + "tr", W + "tc"
_CHAR, _FONT, _VAL = W + "char", W + "font", W + "val"
_RPR, _RFONTS, _TCPR, _VMERGE, _GRIDSPAN = W + "rPr", W + "rFonts", W + "tcPr", W + "vMerge", W + "gridSpan"
_FONT_ATTRS = (W + "ascii", W + "hAnsi", W + "cs")
_STRIKE, _DSTRIKE = W + "strike", W + "dstrike"
_HIGHLIGHT, _SHD, _FILL = W + "highlight", W + "shd", W + "fill"
_STRUCK = "\x00"  # where struck-through text was: removed with its "/" once the paragraph is whole
_STRUCK_OPTION = re.compile("\x00+[ \t]*/[ \t]*|[ \t]*/[ \t]*\x00+")
# deleted text, field codes, formatting, duplicate fallback drawings; a tracked deletion or the old place of moved
# text, whatever a tool stored inside it (some write w:t, not w:delText, there)
_SKIPPED = frozenset({W + "delText", W + "instrText", W + "rPr", W + "pPr", MC + "Fallback", W + "del",
                      W + "moveFrom"})

# Tick and box symbols per symbol font (normalise.SYMBOL_FONTS, shared with the PDF reader)
_SYMBOL_FONTS = SYMBOL_FONTS
# A w:sym without a known font: the Wingdings codes seen on partnership forms.
_SYM_CHECKED = {0xFE, 0x78, 0xFC, 0xFB, 0x52, 0xFD}
_SYM_EMPTY = {0xA8, 0x6F, 0x71, 0xA1}


def _symbol(font: str | None, code: int) -> str:
    """The tick glyph a symbol-font character shows, or "" for any other symbol."""
    checked, empty = _SYMBOL_FONTS.get((font or "").lower(), (_SYM_CHECKED, _SYM_EMPTY))
    code &= 0xFF
    return CHECKED if code in checked else UNCHECKED if code in empty else ""


def _grandchild(el: Any, child: str, grandchild: str) -> Any:
    """el.find("child/grandchild") without lxml's path machinery: the first such grandchild in document order."""
    for one in el.iterchildren(child):
        for found in one.iterchildren(grandchild):
            return found
    return None


def _run_font(run: Any) -> str | None:
    """The symbol font a run is set in (Wingdings, Wingdings 2, Symbol), else None."""
    fonts = _grandchild(run, _RPR, _RFONTS)
    if fonts is None:
        return None
    for attr in _FONT_ATTRS:
        name = (fonts.get(attr) or "").lower()
        if name in _SYMBOL_FONTS:
            return name
    return None


def _on(el: Any, attr: str = "val") -> bool:
    """OOXML on/off: present without a value means on; "0"/"false"/"off" mean off."""
    value = el.get(W + attr)
    return value is None or value.lower() not in {"0", "false", "off"}


def _legacy_checkbox(fld_char: Any) -> str | None:
    """FORMCHECKBOX state from <w:ffData><w:checkBox>: w:checked wins over w:default."""
    box = fld_char.find(f"{W}ffData/{W}checkBox")
    if box is None:
        return None
    checked = box.find(W + "checked")
    if checked is not None:
        return CHECKED if _on(checked) else UNCHECKED
    default = box.find(W + "default")
    return CHECKED if default is not None and _on(default) else UNCHECKED


# A drop-down's first entry is often its prompt ("Select", "Choose an item"): shown, but nobody chose it.
_PROMPT = re.compile(r"^\W*(?:please )?(?:select|choose|pick)\b.*|^\W*$|^click\b.*", re.I)


def _legacy_dropdown(fld_char: Any) -> str | None:
    """FORMDROPDOWN choice from <w:ffData><w:ddList>: the chosen entry exists only as the index w:result (else
    w:default) into its w:listEntry list; the field has no displayed text run. No index, an index out of range
    or a prompt entry reads as nothing (precision first: an untouched drop-down is not an answer)."""
    box = fld_char.find(f"{W}ffData/{W}ddList")
    if box is None:
        return None
    entries = [e.get(W + "val") or "" for e in box.iterchildren(W + "listEntry")]
    for tag in ("result", "default"):
        el = box.find(W + tag)
        if el is None:
            continue
        try:
            index = int(el.get(W + "val") or "")
        except ValueError:
            return None
        if 0 <= index < len(entries) and not _PROMPT.match(entries[index].strip()):
            return entries[index].strip()
        return None
    return None


def _sdt(el: Any, out: list[str]) -> None:
    """Content control: a w14 check box becomes one glyph; a text control its text unless showing placeholder."""
    pr = el.find(W + "sdtPr")
    content = el.find(W + "sdtContent")
    if pr is not None:
        box = pr.find(W14 + "checkbox")
        if box is not None:
            state = box.find(W14 + "checked")
            on = state is not None and state.get(W14 + "val", "0") in {"1", "true"}
            out.append(CHECKED if on else UNCHECKED)
            return  # its content is the displayed glyph: skip, or the tick would count twice
        if pr.find(W + "showingPlcHdr") is not None:
            return  # "Click or tap here to enter text." is not a value
    if content is not None:
        _inline(content, out)


def _inline(el: Any, out: list[str]) -> None:
    """Text of paragraph content in document order."""
    for child in el:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag == _R:
            if _struck(child):
                out.append(_STRUCK)
                continue
            font = _run_font(child)
            if font is None:
                _inline(child, out)
                continue
            for t in child.iter(_T, _SYM):
                if t.tag == _SYM:
                    _inline([t], out)
                else:
                    out.append("".join(_symbol(font, ord(c)) for c in (t.text or "")))
        elif tag in _SKIPPED:
            continue
        elif tag == _TAB:
            out.append("\t")
        elif tag in (_BR, _CR):
            out.append("\n")
        elif tag == _SYM:
            try:
                code = int(child.get(_CHAR) or "", 16)
            except ValueError:
                continue
            out.append(_symbol(child.get(_FONT), code))
        elif tag == _FLDCHAR:
            glyph = _legacy_checkbox(child) or _legacy_dropdown(child)
            if glyph:
                out.append(glyph)
        elif tag == _SDT:
            _sdt(child, out)
        elif tag == _P:
            if out and not out[-1].endswith("\n"):
                out.append("\n")
            _inline(child, out)
        else:
            _inline(child, out)


def _struck(run: Any) -> bool:
    """A run struck through (w:strike or w:dstrike on): "YES / ~~NO~~" is how many forms are answered."""
    for pr in run.iterchildren(_RPR):
        for mark in pr.iterchildren(_STRIKE, _DSTRIKE):
            if _on(mark):
                return True
    return False


# the options a form prints side by side for the referrer to mark one ("Yes   No", "Known   Suspected")
_OPTION_WORD = re.compile(r"^(?:yes|no|y|n|known|suspected|current(?:ly)?|previous(?:ly)?|past|never|not known|"
                          r"unknown|has been|n/?a|open|closed)$", re.I)


def _marked(run: Any) -> bool:
    """A run highlighted (w:highlight) or shaded (w:shd with a fill) to pick it out."""
    for pr in run.iterchildren(_RPR):
        for mark in pr.iterchildren(_HIGHLIGHT):
            if (mark.get(_VAL) or "none").lower() not in ("none", "white"):
                return True
        for shd in pr.iterchildren(_SHD):
            if (shd.get(_FILL) or "auto").lower() not in ("auto", "ffffff", "none"):
                return True
    return False


# a run that only parts two printed options: spaces, or a "/", "|", "," or ";" between spaces
_PARTING = re.compile(r"^\s*[/|,;]?\s*$")


def _run_text(run: Any) -> str:
    return "".join(t.text or "" for t in run.iter(_T))


def _option_list(p: Any) -> list[Any]:
    """The runs of a paragraph that is nothing but a list of short options, each its own run, parted by runs of
    spaces or a "/" ("Current plan    Never    Previous plan", "White British / White Irish / ..."); [] if the
    paragraph is anything else (a sentence, a label with its answer, options run together in one run)."""
    runs = [r for r in p.iterchildren(_R) if _run_text(r)]
    opts: list[Any] = []
    parted = True
    for r in runs:
        text = _run_text(r)
        if _PARTING.match(text):
            parted = True
            continue
        words = text.split()
        if not parted or len(words) > 5 or len(text) > 40 or any(c in text for c in ":?.()"):
            return []
        opts.append(r)
        parted = False
    return opts if len(opts) >= 2 else []


def _highlighted_choice(p: Any) -> None:
    """Options printed side by side with the chosen one only highlighted ("Yes   [No]"): a box before each, the
    chosen one ticked, so the choice survives as text. Only when two or more of the paragraph's runs are option
    words, or the paragraph is a list of short options and nothing else (a plan status's "Previous plan", an
    ethnicity list), and exactly one of those is highlighted (a highlighted heading or name is left alone)."""
    runs = [r for r in p.iterchildren(_R) if _run_text(r).strip()]
    opts = [r for r in runs if _OPTION_WORD.match(_run_text(r).strip())]
    if len(opts) < 2 or not any(_marked(r) for r in opts):
        opts = _option_list(p) or opts  # "Current plan  Never  [Previous plan]": only some are option words
    marked = [r for r in opts if _marked(r)]
    if len(opts) < 2 or len(marked) != 1 or any(_marked(r) for r in runs if r not in opts):
        return
    for r in opts:
        first = next(r.iter(_T))
        first.text = ("☒ " if r is marked[0] else "☐ ") + (first.text or "")
    for r in p.iterchildren(_R):
        if r not in opts and _PARTING.match(_run_text(r)) and _run_text(r).strip():
            for t in r.iter(_T):  # the boxes part the options now: a "/" left between them would end one
                t.text = "   "


def _paragraph(p: Any) -> str:
    out: list[str] = []
    _highlighted_choice(p)
    _inline(p, out)
    text = "".join(out)
    if _STRUCK in text:
        # the struck option goes with the "/" that parted it from the others: "~~YES~~ / NO" reads "NO"
        text = _STRUCK_OPTION.sub("", text).replace(_STRUCK, "")
    return text


def _cell(tc: Any) -> str:
    """A cell's paragraphs joined by newlines; a nested table as tab-separated lines."""
    lines: list[str] = []
    for child in tc:
        tag = child.tag
        if tag == _P:
            lines.append(_paragraph(child))
        elif tag == _TBL:
            lines.extend("\t".join(row) for row in _table(child).rows)
        elif tag == _SDT:
            content = child.find(_SDTCONTENT)
            if content is not None:
                lines.append(_cell(content))
    return clean("\n".join(lines)).strip()


def _table(tbl: Any) -> Table:
    """Each <w:tc> once, followed by a blank for each further grid column it spans (so that a row table's values
    stay under their headers); vertical continuations are blank."""
    rows: list[list[str]] = []
    for tr in tbl.iter(_TR):
        if tr.getparent() is not tbl:
            continue
        cells: list[str] = []
        for tc in tr:
            if tc.tag == _SDT:
                content = tc.find(_SDTCONTENT)
                tcs = list(content.iter(_TC)) if content is not None else []
            elif tc.tag == _TC:
                tcs = [tc]
            else:
                continue
            for one in tcs:
                vmerge = _grandchild(one, _TCPR, _VMERGE)
                continued = vmerge is not None and vmerge.get(_VAL) != "restart"
                cells.append("" if continued else _cell(one))
                span = _grandchild(one, _TCPR, _GRIDSPAN)
                try:
                    extra = min(int(span.get(_VAL, "1")), 20) - 1 if span is not None else 0
                except ValueError:
                    extra = 0
                cells.extend([""] * max(extra, 0))  # the grid columns it spans, so later cells keep their column
        while cells and not cells[-1] and len(cells) > 1 and all(not c for c in cells[1:]):
            cells.pop()  # a title row merged across the table stays one cell
        rows.append(cells)
    return Table(rows)


def _body_blocks(container: Any, blocks: list[Block]) -> None:
    for child in container:
        tag = child.tag
        if tag == _P:
            text = clean(_paragraph(child))
            blocks.extend(text.split("\n"))
        elif tag == _TBL:
            blocks.append(_table(child))
        elif tag == _SDT:
            content = child.find(_SDTCONTENT)
            if content is not None:
                _body_blocks(content, blocks)


def read_docx(data: bytes, name: str) -> DocView:
    """Open a .docx after the safety checks; raises Unreadable with a warning for the sender."""
    if data.startswith(OLE_MAGIC):
        check_ole(data, name, "Word")
    check_zip(data, name)
    try:
        root = main_document(data)
    except Exception as exc:
        raise Unreadable(f"attachment '{name}' could not be opened as a Word file ({type(exc).__name__})") from exc
    if root.tag != W + "document":
        # python-docx's Document.element.body exists only on a w:document root
        raise AttributeError(f"'{root.tag}' has no body")
    blocks: list[Block] = []
    # the page header first, once, as a reader sees it above the form (its text not already in the body)
    seen: set[str] = set()
    for header in page_headers(data, root):
        own: list[Block] = []
        _body_blocks(header, own)
        text = "\n".join(b if isinstance(b, str) else "\n".join("\t".join(r) for r in b.rows) for b in own).strip()
        if text and text not in seen:
            seen.add(text)
            blocks.extend([*own, ""])
    _body_blocks(root.find(W + "body"), blocks)
    return DocView(name=name, blocks=blocks)
