"""Adversarial suite, stranger round 10's leftovers in HTML (generated, read at the parser).

  H. a command hidden under a visible "Thanks, noted." by CSS html_hidden did not work out: colour filters
     (`filter: invert(1)`, an SVG `url()` filter), `mix-blend-mode` (screen, lighten, difference, multiply over a
     dark box), degenerate `matrix()` / `matrix3d()`, `translateZ` towards a `perspective` (own or the parent's),
     var() inside var() (`--a: var(--b)`, `var(--a, var(--b))`), `@property` initial values, `color-mix()`,
     `light-dark()`, `line-clamp` 0 (or 1 over a two-line box), `@import url(data:text/css,...)`, `::first-line`
     / `::first-letter` rules: was applied, is not read now. Each family in every placement: inline, a sheet
     class, on a parent of the command's paragraph, on its table cell.
  B. another case's reference drawn in another order than stored: flex `row-reverse` / `wrap-reverse`, `order`,
     grid laid right to left or by `grid-column`, a table or a flex row under an inherited `direction: rtl`,
     inline blocks in right-to-left text, absolute positions, right floats, a mirrored box (`scaleX(-1)`,
     a half turn, a negative matrix), `unicode-bidi` reached through var(); and a command inside a reversed box:
     applied, is refused as ambiguous now. Each in its own paragraph, the command's paragraph, a table cell,
     inline or from a sheet.
The other side: ordinary mail and the same properties at values that show the text in order (an Outlook-style
signature laid out with flex, `filter: grayscale`, `mix-blend-mode: normal` / `multiply`, `matrix(1,0,0,1,0,0)`,
`line-clamp: 3`, `light-dark(#222, #ddd)`, a drop cap by `::first-letter`, ...) are applied.
"""

from __future__ import annotations

import base64
import itertools
from collections.abc import Callable, Iterator

from test_adversarial_round4 import _alternative

CMD = "ACTION: service leader; 2027-01-15; check the chronology"
SEEN = "<p>Thanks, noted.</p>"


def _parse(html: str, mid: str):  # type: ignore[no-untyped-def]
    from parsers import parse_message

    return parse_message(_alternative(None, html, mid))


class _Styles:
    """Puts a style on an element inline, or as a class of a <style> sheet."""

    def __init__(self, sheet: bool) -> None:
        self.sheet, self.rules = sheet, []  # type: tuple[bool, list[str]]

    def __call__(self, css: str) -> str:
        if not self.sheet:
            return f'style="{css}"'
        self.rules.append(f".c{len(self.rules)}{{{css}}}")
        return f"class=c{len(self.rules) - 1}"

    def page(self, body: str, head: str = "") -> str:
        sheet = f"<style>{''.join(self.rules)}</style>" if self.rules else ""
        return f"<html><head>{head}{sheet}</head><body>{body}</body></html>"


# --- H: hidden ------------------------------------------------------------------------------------------------

HIDING = {
    "invert": ["filter:invert(1)", "filter:invert(100%)", "filter:invert(.92)", "filter:grayscale(1) invert(1)",
               "filter:url(#x)", "filter:sepia(1) invert(1) contrast(1.1)"],
    "blend": ["mix-blend-mode:screen", "mix-blend-mode:lighten", "mix-blend-mode:difference",
              "mix-blend-mode:exclusion", "mix-blend-mode:color-dodge", "mix-blend-mode:plus-lighter",
              "mix-blend-mode:color", "mix-blend-mode:saturation"],
    "matrix": ["display:inline-block;transform:matrix(0,0,0,0,0,0)", "transform:matrix(1,0,0,0,0,0)",
               "transform:matrix(0.01,0,0,1,0,0)", "transform:matrix(1,1,1,1,0,0)",
               "transform:matrix3d(1,0,0,0,0,0,0,0,0,0,1,0,0,0,0,1)",
               "transform:matrix3d(1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,0)",
               "transform:matrix(1,0,0,1,-9999,0)"],
    "depth": ["display:inline-block;transform:perspective(1px) translateZ(2px)",
              "transform:perspective(10px) translateZ(10px)", "transform:perspective(100px) translate3d(0,0,200px)",
              "transform:perspective(10px) translateZ(-1000px)"],
    "var": ["--a:var(--b);--b:0;opacity:var(--a)", "--b:transparent;color:var(--a, var(--b))",
            "--x:none;--y:var(--x);display:var(--y)", "font-size:var(--q, var(--r, 0px))",
            "--f:invert(1);filter:var(--f)"],
    "colour": ["color:color-mix(in srgb, white 100%, black)", "color:color-mix(in oklab, #fff 95%, #000)",
               "color:color-mix(in srgb, white, white)", "color:light-dark(white, white)",
               "color:light-dark(#fff, #000)", "color:color-mix(in srgb, transparent 100%, black 0%)"],
    "clamp": ["display:-webkit-box;-webkit-line-clamp:0;-webkit-box-orient:vertical;overflow:hidden",
              "line-clamp:0;overflow:hidden", "display:-webkit-box;-webkit-line-clamp:-1;overflow:hidden"],
}

PLACES: dict[str, Callable[[str], str]] = {
    "own": lambda a: f"<div {a}>{CMD}</div>{SEEN}",
    "parent": lambda a: f"<div {a}><p><span>{CMD}</span></p></div>{SEEN}",
    "cell": lambda a: f"<table><tr><td {a}>{CMD}</td></tr></table>{SEEN}",
}

# shapes a style alone cannot give: a sheet's at-rules and pseudo-elements, a dark box, a parent's perspective,
# a clamp cutting the second line
_B64 = base64.b64encode(b".h{color:transparent}").decode()
SHAPES = [
    ("@import url('data:text/css,.h{display:none}');", "<div class=h>{cmd}</div>"),
    (f'@import url("data:text/css;base64,{_B64}");', "<div class=h>{cmd}</div>"),
    ("@import 'data:text/css,.h%7Bdisplay:none%7D';", "<p class=h>{cmd}</p>"),
    ('@import url("data:text/css,.h{color:rgba(0,0,0,0)}");', "<p class=h>{cmd}</p>"),
    ("", "<link rel=stylesheet href='data:text/css,.h%7Bdisplay:none%7D'><div class=h>{cmd}</div>"),
    (".h::first-line{font-size:0}", "<div class=h>{cmd}</div>"),
    ("div.h:first-line{color:#fff}", "<div class=h>{cmd}</div>"),
    (".h::first-letter{color:transparent}", "<p class=h>{cmd}</p>"),
    ("@property --z {syntax:'<number>'; inherits:true; initial-value:0;} .h{opacity:var(--z)}",
     "<div class=h>{cmd}</div>"),
    ("@property --c {syntax:'<color>'; inherits:false; initial-value: transparent} .h{color:var(--c)}",
     "<div class=h>{cmd}</div>"),
    ("", "<div style='background:#000;color:#fff'><div style='mix-blend-mode:multiply'>{cmd}</div></div>"),
    ("", "<div style='background:#000;color:#fff'><div style='mix-blend-mode:darken'>{cmd}</div></div>"),
    ("", "<div style='perspective:1px'><div style='transform:translateZ(2px)'>{cmd}</div></div>"),
    ("", "<div style='perspective:40px'><p style='transform:translate3d(0,0,39.5px)'>{cmd}</p></div>"),
    ("", "<div style='display:-webkit-box;-webkit-line-clamp:1;-webkit-box-orient:vertical;overflow:hidden'>"
         "Thanks, noted.<br>{cmd}</div>"),
    ("", "<div style='line-clamp:1;overflow:hidden'><p>Thanks, noted.</p><p>{cmd}</p></div>"),
]


def _hidden_pages() -> Iterator[tuple[str, str]]:
    for (family, styles), (place, put), sheet in itertools.product(HIDING.items(), PLACES.items(), (False, True)):
        for css in styles:
            styler = _Styles(sheet)
            yield f"{family}/{place}/{'sheet' if sheet else 'inline'}: {css}", styler.page(put(styler(css)))
    for head, body in SHAPES:
        yield f"shape: {head or body}", f"<html><head><style>{head}</style></head><body>{body.format(cmd=CMD)}" \
                                         f"{SEEN}</body></html>"


def test_a_command_hidden_by_the_leftover_css_is_not_read() -> None:
    pages = list(_hidden_pages())
    read = [name for i, (name, html) in enumerate(pages) if _parse(html, f"<h11.{i}@x>").command is not None]
    assert len(pages) >= 240 and read == [], read


# --- B: drawn in another order ---------------------------------------------------------------------------------

def _chars(text: str, styler: _Styles, item: Callable[[int, int], str]) -> str:
    return "".join(f"<span {styler(item(i, len(text)))}>{c}</span>" for i, c in enumerate(text))


def _reordered(ref: str, styler: _Styles) -> Iterator[tuple[str, str]]:
    """(name, markup) drawing `ref` while the source holds it in another order."""
    rev = ref[::-1]
    box = styler("display:inline-flex;flex-direction:row-reverse")
    yield "row-reverse", f"<span {box}>{_chars(rev, styler, lambda i, n: '')}</span>"
    box = styler("display:flex;flex-flow:row-reverse wrap")
    yield "flex-flow", f"<div {box}>{_chars(rev, styler, lambda i, n: '')}</div>"
    box = styler("display:inline-flex")
    yield "order", f"<span {box}>{_chars(rev, styler, lambda i, n: f'order:{n - i}')}</span>"
    box = styler("display:inline-grid;grid-auto-flow:column;direction:rtl")
    yield "grid-rtl", f"<span {box}>{_chars(rev, styler, lambda i, n: '')}</span>"
    box = styler("display:inline-grid")
    yield "grid-column", f"<span {box}>{_chars(rev, styler, lambda i, n: f'grid-column:{n - i};grid-row:1')}</span>"
    box = styler("display:inline-flex;direction:rtl")
    yield "flex-rtl", f"<span {box}>{_chars(rev, styler, lambda i, n: '')}</span>"
    box = styler("position:relative;height:1.2em")
    left = _chars(rev, styler, lambda i, n: f"position:absolute;left:{(n - 1 - i) * 0.7}em")
    yield "absolute", f"<div {box}>{left}</div>"
    right = _chars(ref, styler, lambda i, n: f"position:absolute;right:{(n - 1 - i) * 9}px")
    yield "absolute-right", f"<div {box}>{right}</div>"
    box = styler("width:300px")
    yield "float-right", f"<div {box}>{_chars(rev, styler, lambda i, n: 'float:right')}</div>"
    for turn in ("transform:scaleX(-1)", "transform:rotate(180deg)", "transform:matrix(-1,0,0,1,0,0)", "scale:-1 1"):
        yield turn, f"<span {styler('display:inline-block;' + turn)}>{rev}</span>"
    bidi = styler("--u:bidi-override;--d:rtl;unicode-bidi:var(--u);direction:var(--d)")
    yield "bidi-var", f"<span {bidi}>{rev}</span>"
    cells = "".join(f"<td>{c}</td>" for c in rev)
    yield "table-rtl", f"<table {styler('direction:rtl')}><tr>{cells}</tr></table>"
    yield "inherited-rtl", (f"<span {styler('direction:rtl')}><span {styler('display:inline-flex')}>"
                            f"{_chars(rev, styler, lambda i, n: '')}</span></span>")
    yield "inline-blocks-rtl", (f"<span {styler('direction:rtl')}>"
                                f"{_chars(rev, styler, lambda i, n: 'display:inline-block')}</span>")
    yield "rotate-property", f"<span {styler('display:inline-block;rotate:180deg')}>{rev}</span>"
    yield "words", (f"<span {styler('display:inline-flex;flex-direction:row-reverse')}><span>-{ref[-3:]}</span>"
                    f"<span>{ref[:-4]}</span></span>")


REORDER_PLACES: dict[str, Callable[[str], str]] = {
    "paragraph": lambda x: f"<p>{CMD}</p><p>Same for {x}.</p>",
    "same line": lambda x: f"<p>{CMD} Same for {x}.</p>",
    "cell": lambda x: f"<table><tr><td>{CMD}</td></tr><tr><td>Also {x}</td></tr></table>",
}


def _reordered_pages() -> Iterator[tuple[str, str]]:
    for n, (place, put), sheet in itertools.product((2, 17), REORDER_PLACES.items(), (False, True)):
        ref = f"NS-CSPR-2026-{n:03d}"
        styler = _Styles(sheet)
        for name, markup in _reordered(ref, styler):
            body = put(markup)
            yield f"{name}/{place}/{'sheet' if sheet else 'inline'}/{n}", styler.page(body)
    # the command itself inside a box drawn in another order
    for wrap in ("display:flex;flex-direction:row-reverse", "display:flex;flex-direction:column-reverse",
                 "display:grid;direction:rtl", "display:flex;flex-wrap:wrap-reverse"):
        for sheet in (False, True):
            styler = _Styles(sheet)
            box = f"<div {styler(wrap)}><div>{CMD}</div><div>Many thanks.</div></div>"
            yield f"command in {wrap}", styler.page(box)


def test_a_reference_drawn_in_another_order_than_stored_is_refused() -> None:
    pages = list(_reordered_pages())
    applied = []
    for i, (name, html) in enumerate(pages):
        parsed = _parse(html, f"<b11.{i}@x>")
        assert parsed.command is not None, name
        if not parsed.command.args.get("ambiguous_refs"):
            applied.append(name)
    assert len(pages) >= 150 and applied == [], applied


# --- benign: the same properties at values that show the text in order, and ordinary mail -----------------------

SIGNATURE = ("<div style='display:flex;align-items:center;gap:12px;font-family:Calibri,sans-serif'>"
             "<img src='cid:logo' alt='NSSCP logo' width='60'><div style='display:flex;flex-direction:column'>"
             "<b>Sam Coordinator</b><span>CSPR Co-ordinator, North Shire Safeguarding Children Partnership</span>"
             "<span>Tel: 01632 960 123 | Mob: 07700 900 456</span></div></div>")
SHOWING = [
    "filter:grayscale(1)", "filter:grayscale(100%) sepia(.3)", "filter:drop-shadow(1px 1px 1px #ccc)",
    "filter:contrast(1.2)", "filter:invert(0)", "background:#fff;filter:invert(1)", "filter:hue-rotate(90deg)",
    "mix-blend-mode:normal", "mix-blend-mode:multiply", "mix-blend-mode:darken", "mix-blend-mode:luminosity",
    "transform:matrix(1,0,0,1,0,0)", "transform:matrix(0.9,0,0,0.9,0,0)", "transform:matrix(1,0.2,0,1,0,0)",
    "transform:matrix3d(1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1)", "transform:translateZ(10px)",
    "transform:perspective(500px) translateZ(10px)", "transform:rotate(2deg)",
    "line-clamp:3", "display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden",
    "-webkit-line-clamp:none", "color:color-mix(in srgb, black 80%, white)", "color:light-dark(#222, #ddd)",
    "--a:var(--b);--b:#222;color:var(--a)", "color:var(--x, var(--y, #333))", "display:flex",
    "display:flex;flex-direction:column", "display:grid;grid-template-columns:1fr 1fr", "direction:ltr",
    "position:relative;top:2px", "float:left", "order:0",
]
BENIGN_PAGES = [
    f"<p>{CMD}</p><p>Kind regards,</p>{SIGNATURE}",
    f"<p>{CMD}</p><div style='display:flex;flex-direction:row-reverse;gap:8px'><span>Tel 01632 960 123</span>"
    "<span>Sam Coordinator</span></div>",
    f"<div style='display:grid;grid-template-columns:1fr 1fr'><div>{CMD}</div><div>Tel 01632 960 123</div></div>",
    f"<div style='position:relative'><p>{CMD}</p><img style='position:absolute;top:0;right:0' alt='logo'></div>",
    f"<p>{CMD}</p><p><img src='cid:l' style='float:right' alt='crest'>North Shire SCP, 01632 960 123</p>",
    "<style>@import url('https://fonts.googleapis.com/css?family=Open+Sans');</style>" f"<p>{CMD}</p>",
    "<style>@import url('data:text/css,.h{color:#333}');</style>" f"<p class=h>{CMD}</p>",
    f"<style>p::first-letter{{font-size:200%}} p::first-line{{font-weight:bold}}</style><p>{CMD}</p>",
    "<style>@property --o {syntax:'<number>'; inherits:true; initial-value:1;} .h{opacity:var(--o)}</style>"
    f"<p class=h>{CMD}</p>",
    f"<div style='background:#000;color:#fff'><div style='mix-blend-mode:screen'>{CMD}</div></div>",
    f"<div dir=auto>{CMD}</div><div dir=auto><br></div><div dir=auto>Sent from my iPhone</div>",
    f"<div dir=ltr>{CMD}<br clear=all><div dir=ltr class=gmail_signature><span style='display:inline-block'>"
    "Sam</span> <span style='display:inline-block'>01632 960 123</span></div></div>",
    f"<p>{CMD}</p><div dir=rtl><span style='display:inline-block'>Tel</span> "
    "<span style='display:inline-block'>01632 960 123</span></div>",
    f"<p dir=rtl>{CMD}</p>", f"<div style='display:flex;flex-direction:row-reverse'><img alt=''></div><p>{CMD}</p>",
    "<style>p.MsoNormal{margin:0cm;font-size:11.0pt;font-family:'Calibri',sans-serif}</style>"
    f"<p class=MsoNormal>{CMD}</p><p class=MsoNormal>Re: NS-CSPR-2026-001</p>",
]


def _benign_pages() -> Iterator[tuple[str, str]]:
    for (place, put), sheet in itertools.product(PLACES.items(), (False, True)):
        for css in SHOWING:
            styler = _Styles(sheet)
            yield f"{place}/{'sheet' if sheet else 'inline'}: {css}", styler.page(put(styler(css)))
    for i, page in enumerate(BENIGN_PAGES):
        yield f"page {i}", f"<html><body>{page}</body></html>"


def test_ordinary_mail_and_the_same_properties_showing_the_text_are_applied() -> None:
    pages = list(_benign_pages())
    missed = []
    for i, (name, html) in enumerate(pages):
        parsed = _parse(html, f"<n11.{i}@x>")
        if parsed.command is None or parsed.command.verb != "ACTION" or parsed.command.args.get("ambiguous_refs"):
            missed.append((name, parsed.command and parsed.command.args.get("ambiguous_refs")))
    assert len(pages) >= 200 and missed == [], missed


def test_more_reordering_boxes_than_are_looked_at_refuse_the_whole_mail() -> None:
    quoted = "<p>From: Sam &lt;sam@x.example&gt;<br>Sent: Monday<br>To: csprbot<br>Subject: RE: x</p><p>old</p>"
    for count, tail in itertools.product((5, 61, 120), ("", quoted)):
        boxes = "<div style='display:flex;flex-direction:row-reverse'><span>a</span><span>b</span></div>" * count
        parsed = _parse(f"<html><body><p>{CMD}</p>{boxes}{tail}</body></html>", f"<m11.{count}@x>")
        assert parsed.command is not None
        assert bool(parsed.command.args.get("ambiguous_refs")) == (count > 60), (count, tail)
