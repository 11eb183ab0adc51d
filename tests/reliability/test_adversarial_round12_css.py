"""Adversarial suite, stranger round 12 break 2: a reference split across the edge of a box that moves its part.

  The source `NS-CSPR-2026-00<box>1 2</box> agencies told` reads as 001; a reversed box draws it as
  `NS-CSPR-2026-002 1 agencies told`. html_order looked only at boxes holding a whole reference. Now a reference
  (whole or begun: "NS-CSPR-2026-00", "case 1") whose characters run across the edge of a box with any style or
  attribute that moves or reorders text is marked, and the command is refused as ambiguous. Generated: 20
  layouts (flex row-reverse, `flex-flow`, `-webkit-box-direction`, `-webkit-flex-direction`, `scale: -1 1`,
  `rotate: 180deg`, `rotateY`, `turn`/`grad` units, `scale3d`, `dir=rtl` on a flex box, grid columns, `order`,
  relative offsets, `translate`, `translateX`, negative margins, right floats, `writing-mode`) x 6 split points,
  inline and from a sheet.
The other side: flex signatures (Outlook, Gmail, Apple), right-to-left signatures without a reference, a reference
inside one styled span or link, a reference split by typography only (bold, colour, size) are applied.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

from test_adversarial_round4 import _alternative
from test_adversarial_round11_css import _Styles

CMD = "LOOKED AFTER: YES"
SUBJECT = "Re: [NS-CSPR-2026-001] New CSPR referral"

# (the box's css or attribute, each item's css given its index and the count): items are the box's characters
Item = Callable[[int, int], str]
LAYOUTS: dict[str, tuple[str, Item]] = {
    "row-reverse": ("display:inline-flex;flex-direction:row-reverse", lambda i, n: ""),
    "flex-flow": ("display:inline-flex;flex-flow:row-reverse nowrap", lambda i, n: ""),
    "webkit-box": ("display:-webkit-inline-box;-webkit-box-direction:reverse", lambda i, n: ""),
    "webkit-flex": ("display:-webkit-inline-flex;-webkit-flex-direction:row-reverse", lambda i, n: ""),
    "scale-prop": ("display:inline-block;scale:-1 1", lambda i, n: "display:inline-block;scale:-1 1"),
    "rotate-prop": ("display:inline-block;rotate:180deg", lambda i, n: "display:inline-block;rotate:180deg"),
    "rotateY": ("display:inline-block;transform:rotateY(180deg)",
                lambda i, n: "display:inline-block;transform:rotateY(180deg)"),
    "turn": ("display:inline-block;transform:rotate(.5turn)",
             lambda i, n: "display:inline-block;transform:rotate(0.5turn)"),
    "grad": ("display:inline-block;transform:rotate(200grad)",
             lambda i, n: "display:inline-block;transform:rotate(200grad)"),
    "scale3d": ("display:inline-block;transform:scale3d(-1,1,1)",
                lambda i, n: "display:inline-block;transform:scale3d(-1,1,1)"),
    "dir-attr": ("dir=rtl display:inline-flex", lambda i, n: ""),
    "grid": ("display:inline-grid;grid-template-columns:repeat(9,auto)", lambda i, n: f"grid-column:{n - i}"),
    "order": ("display:inline-flex", lambda i, n: f"order:{n - i}"),
    "relative": ("", lambda i, n: f"position:relative;left:{(n - 1 - 2 * i) * 0.6}em"),
    "translate-prop": ("", lambda i, n: f"display:inline-block;translate:{(n - 1 - 2 * i) * 0.6}em 0"),
    "translateX": ("", lambda i, n: f"display:inline-block;transform:translateX({(n - 1 - 2 * i) * 0.6}em)"),
    "negative-margin": ("", lambda i, n: "display:inline-block;margin-left:-1.2em;margin-right:.6em"),
    "float-right": ("display:inline-block", lambda i, n: "float:right"),
    "writing-mode": ("display:inline-block;writing-mode:vertical-rl", lambda i, n: ""),
    "relative-box": ("position:relative;left:-3em", lambda i, n: ""),
}

# (source before the box, the box's text, after it): the reference runs across the box's edge
SPLITS = [
    ("This is about case NS-CSPR-2026-00", "1 2", " agencies told."),
    ("This is about case NS-CSPR-2026-0", "01 2", " agencies told."),
    ("This is about case NS-CSPR-2026-", "001 2", " agencies told."),
    ("This is about case ", "NS-CSPR-2026-00", "1 2 agencies told."),
    ("This is about NS-CSPR-", "2026-001", " and 2 agencies."),
    ("This is about case ", "1 2", " agencies told."),
]


def _box(css: str, item: Item, text: str, styler: _Styles) -> str:
    attr = ""
    if css.startswith("dir=rtl "):
        attr, css = "dir=rtl ", css[len("dir=rtl "):]
    items = "".join(f"<span {styler(item(i, len(text)))}>{'&nbsp;' if c == ' ' else c}</span>" if item(i, len(text))
                    else f"<span>{'&nbsp;' if c == ' ' else c}</span>" for i, c in enumerate(text))
    return f"<span {attr}{styler(css) if css else ''}>{items}</span>"


def _split_pages() -> Iterator[tuple[str, str]]:
    for (name, (css, item)), (before, inside, after), sheet in itertools.product(LAYOUTS.items(), SPLITS,
                                                                                   (False, True)):
        styler = _Styles(sheet)
        body = f"<p>{CMD}</p><p>{before}{_box(css, item, inside, styler)}{after}</p>"
        yield f"{name}/{before[-6:]}|{inside}/{'sheet' if sheet else 'inline'}", styler.page(body)


def _parse(html: str, mid: str):  # type: ignore[no-untyped-def]
    from parsers import parse_message

    return parse_message(_alternative(None, html, mid, SUBJECT))


def test_a_reference_split_across_a_box_that_moves_its_part_is_refused() -> None:
    pages = list(_split_pages())
    applied = []
    for i, (name, html) in enumerate(pages):
        parsed = _parse(html, f"<s12.{i}@x>")
        assert parsed.command is not None, name
        if not parsed.command.args.get("ambiguous_refs"):
            applied.append(name)
    assert len(pages) >= 200 and applied == [], applied


def test_a_whole_reference_in_a_box_of_the_widened_properties_is_refused() -> None:
    """The widened coverage for a box holding a whole reference: prefixed flex, turn/grad/rad, rotateY."""
    boxes = ["display:inline-flex;-webkit-flex-direction:row-reverse", "display:flex;flex-flow:row-reverse wrap",
             "display:inline-block;rotate:0.5turn", "display:inline-block;transform:rotateY(180deg)",
             "display:inline-block;rotate:y 180deg", "display:inline-block;transform:rotate(3.14rad)",
             "display:inline-block;transform:rotate(200grad)", "display:inline-block;transform:scale3d(-1,1,1)"]
    applied = []
    for i, css in enumerate(boxes):
        ref = "".join(f"<span>{c}</span>" for c in "200-6202-RPSC-SN")
        parsed = _parse(f"<p>{CMD}</p><p>Same for <span style='{css}'>{ref}</span>.</p>", f"<w12.{i}@x>")
        assert parsed.command is not None
        if not parsed.command.args.get("ambiguous_refs"):
            applied.append(css)
    assert applied == [], applied


# --- benign ----------------------------------------------------------------------------------------------------

OUTLOOK = ("<div style='display:flex;align-items:center;gap:12px'><img src='cid:logo' alt='logo' width='60'>"
           "<div style='display:flex;flex-direction:column'><b>Sam Coordinator</b><span>CSPR Co-ordinator</span>"
           "<span>Tel: 01632 960 123 | Mob: 07700 900 456</span></div></div>")
GMAIL = ("<div dir=ltr class=gmail_signature><div style='display:inline-flex;gap:4px'><span>Sam</span>"
         "<span>|</span><span>Case 2 worker, North Shire</span></div></div>")
APPLE = "<div dir=auto>Sent from my iPhone</div><div dir=auto><br></div>"
RTL = [
    "<div dir=rtl style='display:flex;gap:6px'><span>مع التحيات</span><span>فريق الحماية 2</span></div>",
    "<div dir=rtl><p>בברכה, צוות ההגנה</p><p style='display:flex;flex-direction:row-reverse'>"
    "<span>טל׳</span><span>01632 960 123</span></p></div>",
    "<table dir=rtl><tr><td>شکریہ</td><td>ٹیم 2</td></tr></table>",
    "<div dir=rtl style='text-align:right'>مع التحيات، سام<br>هاتف: 01632 960 123</div>",
]
ONE_SPAN = [
    "<b>NS-CSPR-2026-001</b>", "<span style='color:#c00;font-weight:bold'>NS-CSPR-2026-001</span>",
    "<a href='https://cspr.example/case/NS-CSPR-2026-001'>NS-CSPR-2026-001</a>",
    "<span style='display:inline-block;padding:2px 4px;background:#eee'>NS-CSPR-2026-001</span>",
    "<span style='display:inline-flex;align-items:center'>NS-CSPR-2026-001</span>",
    "NS-CSPR-2026-<b>001</b>", "NS-CSPR-<span style='color:red;font-size:12px'>2026-001</span>",
    "<span style='font-family:Calibri'>NS-CSPR-2026-</span><span style='font-family:Calibri'>001</span>",
    "NS-CSPR-2026-<span style='margin-left:2px;text-decoration:underline'>001</span>",
    "case <i>1</i>", "NS-CSPR-2026-001 <span style='display:inline-block;margin-left:8px'>2 agencies told</span>",
]


def _benign_pages() -> Iterator[tuple[str, str]]:
    for i, (sig, ref) in enumerate(itertools.product([OUTLOOK, GMAIL, APPLE, *RTL], ["", *ONE_SPAN])):
        lines = f"<p>This is about {ref}.</p>" if ref else ""
        yield f"{i}: {ref} / {sig[:40]}", f"<html><body><p>{CMD}</p>{lines}<p>Kind regards,</p>{sig}</body></html>"


def test_signatures_and_references_in_one_styled_span_are_applied() -> None:
    pages = list(_benign_pages())
    missed = []
    for i, (name, html) in enumerate(pages):
        parsed = _parse(html, f"<n12.{i}@x>")
        if parsed.command is None or parsed.command.args.get("ambiguous_refs"):
            missed.append((name, parsed.command and parsed.command.args.get("ambiguous_refs")))
    assert len(pages) >= 80 and missed == [], missed
