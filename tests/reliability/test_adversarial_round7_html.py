"""Adversarial suite, stranger round 6's break B2: a command hidden in an HTML-only mail, by anything that hides.

A co-ordinator's HTML-only mail under the case's subject showed only "Thanks, noted." and held `EXTEND screening:
...` inside `<div style="height:0;overflow:hidden">` or `<font size="0">`: csprbot applied it. So did
`color:transparent`, `position:absolute;left:-9999px` and `clip:rect(0 0 0 0)`. Only `display:none`, `max-height:0`,
`visibility`, `hidden`, `mso-hide`, `opacity:0` and `font-size:0` spelt one way were caught: a list of spellings,
not the mechanism. docs/SECURITY.md: "What the sender's reader shows is what counts". Here, generated over hiding
technique x unit x nesting x command x visible decoy, each family black-box through the intake `csprbot run
--once` drives (and a sample through `run --once` itself):

  1. zero boxes: height / width / max-width of 0 (any unit, calc()) or under 4px with overflow hidden or clip;
  2. zero or unreadable font size, inherited (em, %, smaller), the `font` shorthand, `<font size=0>` / `size=-5`;
  3. invisible ink: transparent, alpha 0 in any notation, -webkit-text-fill-color, and text coloured like the
     background behind it (same element, a parent's style or `bgcolor`, named colours, #fefefe on white);
  4. faded: opacity / filter: opacity() near 0;
  5. off screen: left / top / right / text-indent / margin / translate() far off, in any unit;
  6. clipped away: clip rect() to nothing or 1px, clip-path inset(50%) / circle(0), transform scale(0);
  7. <style> sheets: a class, id or element rule that hides (any of the above), under @media, with
     combinators or pseudo-classes, in Outlook's conditional comments;
  8. CSS escapes and comments in the declaration (`displ\\61 y:none`, `font-size:/**/0`).

The policy is the one `display:none` always had: hidden text is not read, so the mail says "Thanks, noted." and
nothing changes. The other side: Outlook's real markup (MsoNormal sheets, `font size=2`, coloured text, white on
a dark cell, hanging indents, `width=0` cells, `font-size:0` gutters around a sized cell) still carries its
visible command, and it is applied.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import ROLE, ROOT, bot_env, query, record_figures, snapshot
from test_adversarial import EXAMPLES, NOW, REF, World, _make_world
from test_adversarial import STATS as ROUND1_STATS
from test_adversarial_round2 import _alternative as round2_alternative

COORD = ROLE["coordinator"]
STATS: dict[str, dict[str, int]] = {}
# the black-box families share one world; each example is one intake pass (about 30ms)
BLACK = settings(max_examples=max(4, EXAMPLES // 12), deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                        HealthCheck.function_scoped_fixture])
FAST = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])
COMMANDS = ["CLOSE: duplicate", "DECISION: NO RAPID REVIEW criteria not met",
            "EXTEND screening: 2026-12-31 waiting for police", "WAIVE Education: not involved",
            "REOPEN: new information"]
DECOYS = [None, "Thanks, noted.", "Will discuss on Monday.", "FYI see below"]

ZERO = ["0", "0px", "0em", "0%", "0pt", "0rem", "0cm", "0.0px", "0in", "0mm", "calc(0px)", "1px", "0.5pt", "2px"]
FAR = ["-9999px", "-600em", "-5000pt", "-100cm", "-50in", "-500%", "-2000px", "-300mm", "-1000vw"]


def attack(world: World, cls: str, raw: bytes) -> dict[str, Any]:
    r = world.attack(cls, raw, set())
    ROUND1_STATS.pop(cls, None)
    s = STATS.setdefault(cls, {"inputs": 0, "state_changes": 0, "lost": 0})
    s["inputs"] += 1
    s["state_changes"] += bool(r["changed"])
    s["lost"] += not r["rows"]
    return r


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _make_world(tmp_path_factory.mktemp("round7"))
    yield w
    w.app.close()


def _html_only(html: str, mid: str) -> bytes:
    return round2_alternative(COORD, f"RE: [{REF}] Screening", None, html, mid)


# --- the hiding techniques, one strategy per family: (<style> sheet, opening markup, closing markup) -----------

Hide = tuple[str, str, str]


@st.composite
def zero_box(draw: st.DrawFn) -> Hide:
    dim = draw(st.sampled_from(["height", "width", "max-width", "max-height"]))
    cut = draw(st.sampled_from(["overflow:hidden", "overflow:clip", "overflow-y:hidden", "overflow-x:hidden",
                                "overflow:hidden hidden"]))
    if dim in ("width", "max-width") and cut.startswith("overflow-y"):
        cut = "overflow:hidden"
    tag = draw(st.sampled_from(["div", "span", "td", "p"]))
    parts = [f"{dim}:{draw(st.sampled_from(ZERO))}", cut, *draw(st.lists(st.sampled_from(
        ["line-height:0", "display:block", "mso-line-height-rule:exactly", "position:absolute"]), max_size=2))]
    style = ";".join(draw(st.permutations(parts)))
    return "", f'<{tag} style="{style}">', f"</{tag}>"


@st.composite
def zero_font(draw: st.DrawFn) -> Hide:
    kind = draw(st.sampled_from(["style", "shorthand", "font_tag", "inherited"]))
    tag = draw(st.sampled_from(["div", "span", "p"]))
    if kind == "style":
        return "", f'<{tag} style="font-size:{draw(st.sampled_from(ZERO))}">', f"</{tag}>"
    if kind == "shorthand":
        font = draw(st.sampled_from(["0/0 a", "0px/0 Arial", "bold 0pt Calibri", "1px/1px serif"]))
        return "", f'<{tag} style="font:{font}">', f"</{tag}>"
    if kind == "font_tag":
        return "", f'<font size="{draw(st.sampled_from(["0", "-4", "-5", "-7", "00"]))}">', "</font>"
    inner = draw(st.sampled_from(["font-size:1em", "font-size:100%", "font-size:smaller", "font-size:1.5em"]))
    return "", f'<div style="font-size:{draw(st.sampled_from(ZERO))}"><span style="{inner}">', "</span></div>"


@st.composite
def invisible_ink(draw: st.DrawFn) -> Hide:
    kind = draw(st.sampled_from(["transparent", "on_white", "on_own_background", "on_parent_background",
                                 "font_colour_on_bgcolor"]))
    if kind == "transparent":
        ink = draw(st.sampled_from(["transparent", "rgba(0,0,0,0)", "rgba(0 0 0 / 0%)", "#0000", "#ffffff00",
                                    "hsla(0,0%,0%,0)", "TRANSPARENT", "rgba(255, 0, 0, 0.02)"]))
        prop = draw(st.sampled_from(["color", "-webkit-text-fill-color"]))
        return "", f'<span style="{prop}:{ink}">', "</span>"
    whites = ["#fff", "#FFFFFF", "white", "rgb(255,255,255)", "hsl(0,0%,100%)", "snow", "#fefefe", "ivory"]
    if kind == "on_white":
        return "", f'<span style="color:{draw(st.sampled_from(whites))}">', "</span>"
    paint = draw(st.sampled_from(["#1f4e79", "#C00000", "navy", "rgb(31, 78, 121)", "#000000"]))
    same = {"#1f4e79": "#1F4E79", "#C00000": "#c00000", "navy": "#000080", "rgb(31, 78, 121)": "#1f4e79",
            "#000000": "black"}[paint]
    if kind == "on_own_background":
        return "", f'<div style="background-color:{paint};color:{same}">', "</div>"
    if kind == "on_parent_background":
        bg = draw(st.sampled_from([f"background:{paint}", f"background:{paint} none repeat"]))
        return "", f'<div style="{bg}"><p><span style="color:{same}">', "</span></p></div>"
    return "", f'<table><tr><td bgcolor="{paint}"><font color="{same}">', "</font></td></tr></table>"


@st.composite
def faded(draw: st.DrawFn) -> Hide:
    style = draw(st.sampled_from(["opacity:0.0", "opacity:.01", "opacity:0%", "opacity:0.05", "filter:opacity(0)",
                                  "filter:alpha(opacity=0)", "opacity: 0 !important"]))
    return "", f'<div style="{style}">', "</div>"


@st.composite
def off_screen(draw: st.DrawFn) -> Hide:
    far = draw(st.sampled_from(FAR))
    near = far.lstrip("-")
    style = draw(st.sampled_from([f"position:absolute;left:{far}", f"position:absolute;top:{far}",
                                  f"position:fixed;right:{near}", f"text-indent:{far};overflow:hidden",
                                  f"margin-left:{far}", f"margin-top:{far}", f"transform:translateX({far})",
                                  f"transform:translate({far}, 0)", f"position:relative;left:{far}",
                                  f"position:absolute;bottom:{near}"]))
    return "", f'<div style="{style}">', "</div>"


@st.composite
def clipped(draw: st.DrawFn) -> Hide:
    style = draw(st.sampled_from([
        "clip:rect(0 0 0 0);position:absolute", "clip:rect(0,0,0,0);position:absolute",
        "clip:rect(1px,1px,1px,1px);position:absolute;width:1px;height:1px;overflow:hidden",
        "clip: rect(0px 0px 0px 0px); position: absolute", "clip-path:inset(50%)", "clip-path:inset(100%)",
        "clip-path:circle(0)", "clip-path:circle(0px at 50% 50%)", "clip-path:polygon(0 0, 0 0, 0 0)",
        "transform:scale(0)", "transform:scaleY(0)", "transform:scale(0.01, 1)"]))
    return "", f'<div style="{style}">', "</div>"


SHEET_HIDING = ["display:none", "height:0;overflow:hidden", "font-size:0", "color:transparent",
                "visibility:hidden", "position:absolute;left:-9999px", "max-height:0px", "opacity:0",
                "mso-hide:all", "clip:rect(0 0 0 0);position:absolute", "font-size:1px", "color:#ffffff"]


@st.composite
def style_sheet(draw: st.DrawFn) -> Hide:
    decl = draw(st.sampled_from(SHEET_HIDING))
    important = draw(st.sampled_from(["", " !important"]))
    body = ";".join(f"{d}{important}" for d in decl.split(";"))
    shape = draw(st.sampled_from(["class", "id", "tag_class", "descendant", "child", "media", "media_query",
                                  "two_classes", "pseudo", "conditional", "grouped"]))
    name = draw(st.sampled_from(["x", "MsoHidden", "sig-note", "preheader"]))
    selector = {"class": f".{name}", "id": f"#{name}", "tag_class": f"div.{name}", "descendant": f".wrap .{name}",
                "child": f"body > div.{name}", "media": f".{name}", "media_query": f".{name}",
                "two_classes": f".{name}.y", "pseudo": f"div.{name}:not(.shown)", "conditional": f".{name}",
                "grouped": f"p.MsoNormal.none, .{name}"}[shape]
    rule = f"{selector}{{{body}}}"
    if shape == "media":
        rule = f"@media screen {{ {rule} }}"
    elif shape == "media_query":
        rule = f"@media only screen and (min-width:1px) {{ {rule} }}"
    sheet = (f"<!--[if gte mso 9]><style>{rule}</style><![endif]-->" if shape == "conditional"
             else f"<style>p.MsoNormal{{margin:0cm;font-size:11.0pt}}\n{rule}</style>")
    attr = f'id="{name}"' if shape == "id" else f'class="{name} y"'
    if shape == "descendant":
        return sheet, f'<div class="wrap"><div {attr}>', "</div></div>"
    return sheet, f"<div {attr}>", "</div>"


@st.composite
def escaped(draw: st.DrawFn) -> Hide:
    style = draw(st.sampled_from(["displ\\61 y:none", "font-size:/**/0", "HEIGHT:0;OVERFLOW:HIDDEN",
                                  "color:/* x */transparent", "vis\\ibility:hidden", "fo\\6e t-size:0px",
                                  "height:0 !important;overflow:hidden !important", "color:#FFF;;"]))
    return "", f'<div style="{style}">', "</div>"


@st.composite
def in_svg(draw: st.DrawFn) -> Hide:
    """Stranger round 8, H1: inline SVG, hidden by any of its own means or not at all (never the sender's text)."""
    size = draw(st.sampled_from(['width="0" height="0"', 'style="width:0;height:0"', 'width="200" height="40"',
                                 'viewBox="0 0 100 20"', ""]))
    opening, closing = draw(st.sampled_from([
        ('<text x="0" y="15" display="none">', "</text>"), ('<text visibility="hidden">', "</text>"),
        ('<text font-size="0">', "</text>"), ('<text opacity="0">', "</text>"), ('<text fill="none">', "</text>"),
        ('<text fill="#fff">', "</text>"), ('<text x="-9999" y="-9999">', "</text>"), ("<title>", "</title>"),
        ("<desc>", "</desc>"), ("<defs><text>", "</text></defs>"), ('<symbol id="s"><text>', "</text></symbol>"),
        ('<foreignObject width="1" height="1"><div>', "</div></foreignObject>"),
        ('<foreignObject width="0" height="0"><div>', "</div></foreignObject>"),
        ('<text x="0" y="15">', "</text>"), ('<g><text y="15">', "</text></g>")]))
    case = draw(st.sampled_from(["svg", "SVG"]))
    return "", f'<{case} xmlns="http://www.w3.org/2000/svg" {size}>{opening}', f"{closing}</{case}>"


@st.composite
def never_drawn(draw: st.DrawFn) -> Hide:
    """Stranger round 8, H2: elements a browser never draws (a closed dialog, datalist, noframes, template)."""
    return draw(st.sampled_from([
        ("", "<dialog>", "</dialog>"), ("", '<dialog id="d" class="x">', "</dialog>"),
        ("", "<dialog><div>", "</div></dialog>"), ("", "<DIALOG>", "</DIALOG>"),
        ("", '<datalist id="l"><option value="x">', "</option></datalist>"), ("", "<datalist>", "</datalist>"),
        ("", "<noframes>", "</noframes>"), ("", "<noframes><p>", "</p></noframes>"),
        ("", "<template>", "</template>"), ("", "<template><div>", "</div></template>")]))


@st.composite
def squeezed(draw: st.DrawFn) -> Hide:
    """Stranger round 8, H3: letters piled on one another by negative letter-spacing (<= -0.3em or -3px)."""
    amount = draw(st.sampled_from(["-999px", "-100px", "-3px", "-4px", "-1em", "-0.3em", "-.5em", "-50pt", "-3pt",
                                   "-0.3rem", "-2rem", "-10mm", "-5ex", "calc(-1em)"]))
    extra = draw(st.sampled_from(["", ";word-spacing:-50pt", ";white-space:nowrap"]))
    tag = draw(st.sampled_from(["div", "span", "p"]))
    if draw(st.booleans()):
        return f"<style>.sq{{letter-spacing:{amount}{extra}}}</style>", f'<{tag} class="sq">', f"</{tag}>"
    return "", f'<{tag} style="letter-spacing:{amount}{extra}">', f"</{tag}>"


@st.composite
def not_rendered(draw: st.DrawFn) -> Hide:
    """Stranger round 8's leftovers: MathML (annotations never drawn, and formulae), a closed <select>'s other
    options, ruby's <rp> fallback, the fallback content of embedded content (<canvas>, <object>, <video>, <audio>,
    <iframe>, <applet>) and the rest of the HTML standard's `display: none` list with content (<noembed>)."""
    kind = draw(st.sampled_from(["math", "select", "rp", "fallback", "display_none"]))
    if kind == "math":
        return "", draw(st.sampled_from([
            '<math><semantics><mi>x</mi><annotation encoding="text/plain">',
            '<math display="block"><semantics><mn>2</mn><annotation-xml encoding="application/xhtml+xml"><p>',
            "<math><mtext>", '<MATH xmlns="http://www.w3.org/1998/Math/MathML"><mrow><mi>']) ), draw(st.sampled_from([
                "</annotation></semantics></math>", "</p></annotation-xml></semantics></math>", "</mtext></math>",
                "</mi></mrow></MATH>"]))
    if kind == "select":
        chosen = draw(st.sampled_from(["<option>Noted</option>", "<option selected>Noted</option>",
                                       '<option value="1">Thanks</option>', "<option>Noted"]))
        after = draw(st.booleans())
        size = draw(st.sampled_from(["", ' size="1"', ' name="s"', ' style="width:200px"']))
        if after and "selected" not in chosen:
            return "", f"<select{size}>{chosen}<option>", "</option></select>"
        if after:
            return "", f"<select{size}>{chosen}<option>", "</select>"
        return "", f"<select{size}><option>", "</option><option selected>Noted</option></select>"
    if kind == "rp":
        return "", draw(st.sampled_from(["<ruby>\u6f22<rp>(", "<ruby>x<rt>y</rt><rp>", "<RP>"])), draw(
            st.sampled_from([")</rp></ruby>", "</rp></ruby>", "</RP>"]))
    if kind == "fallback":
        tag, attrs = draw(st.sampled_from([("canvas", ' width="300" height="60"'), ("object", ' data="logo.png"'),
                                           ("object", ' data="x.pdf" type="application/pdf"'), ("video", " controls"),
                                           ("audio", ' src="x.mp3"'), ("iframe", ' src="about:blank"'),
                                           ("applet", ' code="x.class"'),
                                           ("video", ' poster="p.png"><source src="v.mp4"')]))
        return "", f"<{tag}{attrs}><p>", f"</p></{tag}>"
    # (<embed>, <param>, <area> are void: text after them is their parent's, shown)
    return "", "<noembed>", "</noembed>"


FAMILIES = {"zero_box": zero_box(), "zero_font": zero_font(), "invisible_ink": invisible_ink(), "faded": faded(),
            "off_screen": off_screen(), "clipped": clipped(), "style_sheet": style_sheet(), "escaped": escaped(),
            "in_svg": in_svg(), "never_drawn": never_drawn(), "squeezed": squeezed(), "not_rendered": not_rendered()}
# held on main already (round 4); kept here so the new mechanism is seen to keep them
HELD_BEFORE = ['<div style="display:none">', '<div style="visibility:hidden">', "<div hidden>",
               '<div style="mso-hide:all">', '<div style="opacity:0">', '<div style="max-height:0;overflow:hidden">',
               '<div style="font-size:0px">']


@st.composite
def hidden_mail(draw: st.DrawFn, family: st.SearchStrategy[Hide]) -> tuple[str, str]:
    """An HTML-only mail whose hidden part holds a command, nested 0-2 deep each side, with or without a
    visible decoy before or after it. Returns (html, command)."""
    sheet, opening, closing = draw(family)
    command = draw(st.sampled_from(COMMANDS))
    inner = draw(st.lists(st.sampled_from(["span", "b", "p", "i"]), max_size=2))
    outer = draw(st.lists(st.sampled_from(["div", "blockquote", "td"]), max_size=2))
    body = "".join(f"<{t}>" for t in inner) + command + "".join(f"</{t}>" for t in reversed(inner))
    body = opening + body + closing
    for t in outer:
        body = f"<table><tr><td>{body}</td></tr></table>" if t == "td" else f"<{t}>{body}</{t}>"
    decoy = draw(st.sampled_from(DECOYS))
    if decoy is not None:
        body = (f"<p>{decoy}</p>{body}" if draw(st.booleans()) else f"{body}<p>{decoy}</p>")
    return f"<html><head>{sheet}</head><body>{body}</body></html>", command


def _assert_not_applied(world: World, cls: str, html: str) -> None:
    from parsers import parse_message

    raw = _html_only(html, world.mid())
    assert parse_message(raw).command is None, html  # read as the reader sees it: no command
    r = attack(world, cls, raw)
    assert r["changed"] == [], (html, r)
    assert "command_accepted" not in r["events"], (html, r["events"])
    assert r["rows"], html  # the mail is stored, not lost


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_a_command_hidden_by_any_technique_is_not_applied(world: World, family: str) -> None:
    """Black box, one family at a time (each fails on main): no state change, no command accepted."""

    @BLACK
    @given(mail=hidden_mail(FAMILIES[family]))
    def run(mail: tuple[str, str]) -> None:
        _assert_not_applied(world, f"hidden_html.{family}", mail[0])

    run()


@FAST
@given(mail=st.one_of(*(hidden_mail(f) for f in FAMILIES.values())))
def test_the_parser_reads_no_command_in_any_hiding(mail: tuple[str, str]) -> None:
    """The same shapes, all families drawn together, more of them, at the parser (what the intake reads)."""
    from parsers import parse_message

    assert parse_message(_html_only(mail[0], "<p@t>")).command is None, mail[0]
    STATS.setdefault("parser.all_families", {"inputs": 0, "state_changes": 0, "lost": 0})["inputs"] += 1


@BLACK
@given(hide=st.sampled_from(HELD_BEFORE), command=st.sampled_from(COMMANDS), decoy=st.sampled_from(DECOYS))
def test_what_was_held_before_is_still_held(world: World, hide: str, command: str, decoy: str | None) -> None:
    html = f"<html><body>{hide}{command}</div>{f'<p>{decoy}</p>' if decoy else ''}</body></html>"
    _assert_not_applied(world, "hidden_html.held_before", html)


@pytest.mark.parametrize("padding", [0, 3000])
def test_a_hiding_rule_after_thousands_of_others_still_hides(padding: int) -> None:
    """A sheet padded with thousands of harmless rules (on the same class, and on others) does not push the
    hiding rule out of reach, and is read in bounded time."""
    from parsers import parse_message

    pad = "".join(f".x{{margin-left:{i}px}} .c{i}{{color:#{i % 4096:03x}}}" for i in range(padding))
    html = (f"<html><head><style>{pad}.x{{display:none}}</style></head><body><div class='x c1'>CLOSE: duplicate"
            f"</div><p>Thanks, noted.</p></body></html>")
    assert parse_message(_html_only(html, "<pad@t>")).command is None


def test_the_strangers_mails_through_run_once(tmp_path: Path) -> None:
    """The break as it was seen: HTML-only mails into the Maildir, `csprbot run --once` in a subprocess; the case
    does not close and no confirmation goes out."""
    w = _make_world(tmp_path)
    w.app.close()
    before = snapshot(w.db)
    ob0 = w.last("outbox")
    x = "CLOSE: duplicate referral"  # the case is in rapid review: a CLOSE would apply, screening is over
    shapes = [f'<font size="0">{x}</font>', f'<div style="height:0;overflow:hidden">{x}</div>',
              f'<span style="color:transparent">{x}</span>', f'<div style="position:absolute;left:-9999px">{x}</div>',
              f'<div style="clip:rect(0 0 0 0);position:absolute;width:1px;height:1px;overflow:hidden">{x}</div>',
              f'<style>.n{{display:none}}</style><div class="n">{x}</div>',
              f'<div style="background:#fff"><span style="color:#FFFFFF">{x}</span></div>']
    from reliability_kit import deliver_sent as deliver

    for i, shape in enumerate(shapes):
        deliver(w.inbox, _html_only(f"<html><body>{shape}<p>Thanks, noted.</p></body></html>",
                                    f"<h{i}@nsscp.example.gov.uk>"))
    env = bot_env(CSPRBOT_DATABASE_URL=f"sqlite:///{w.db}")
    r = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(tmp_path / "profile.toml"), "run", "--once",
                        "--now", NOW.replace(tzinfo=None).isoformat(timespec="minutes")],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    after = snapshot(w.db)
    assert after["cases"] == before["cases"] and after["clocks"] == before["clocks"], "a hidden command was applied"
    sent = [k for (k,) in w.new_rows("outbox", ob0, "kind") if k == "confirm"]
    assert sent == [], sent
    events = [k for (k,) in query(w.db, "SELECT kind FROM events WHERE kind = 'command_accepted'")]
    assert len(events) == 1, events  # only the world's own genuine DECISION
    stored = query(w.db, "SELECT count(*) FROM messages WHERE message_id LIKE '<h%@nsscp.example.gov.uk>'")
    assert stored[0][0] == len(shapes), stored
    shutil.rmtree(tmp_path / "outbox", ignore_errors=True)


# --- the other side: real mail clients' visible markup keeps its command --------------------------------------

OUTLOOK_SHEET = ('<style><!--\n@font-face{font-family:"Cambria Math";panose-1:2 4 5 3 5 4 6 3 2 4;}\n'
                 'p.MsoNormal, li.MsoNormal, div.MsoNormal{margin:0cm;font-size:11.0pt;font-family:"Calibri",'
                 'sans-serif;mso-fareast-language:EN-US;}\na:link, span.MsoHyperlink{mso-style-priority:99;'
                 'color:#0563C1;text-decoration:underline;}\na:hover{color:white;background:white}\n'
                 'span.EmailStyle17{mso-style-type:personal-compose;font-family:"Calibri",sans-serif;color:windowtext;}'
                 '\n.MsoChpDefault{mso-style-type:export-only;font-size:10.0pt;}\n@page WordSection1{size:612.0pt '
                 '792.0pt;margin:72.0pt 72.0pt 72.0pt 72.0pt;}\ndiv.WordSection1{page:WordSection1;}\n'
                 '@media print{.screen-only{display:none}}\np::before{display:none}\n--></style>'
                 '<!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" spidmax="1026" /></xml><![endif]-->')


@st.composite
def visible_markup(draw: st.DrawFn) -> tuple[str, str]:
    """(opening, closing) of markup a reader shows: Outlook, Gmail and Word idioms, coloured text, small print."""
    return draw(st.sampled_from([
        ('<p class="MsoNormal">', "<o:p></o:p></p>"),
        ('<p class="MsoNormal"><span style="font-size:11.0pt;mso-fareast-font-family:Calibri;color:#1F497D">',
         "</span></p>"),
        ('<font size="2" face="Arial">', "</font>"), ('<font size="-1">', "</font>"), ('<font size="1">', "</font>"),
        ('<div dir="ltr"><div class="gmail_default" style="font-family:arial,sans-serif">', "</div></div>"),
        ('<p style="color:red">', "</p>"), ('<span style="color:#C00000;font-weight:bold">', "</span>"),
        ('<table><tr><td style="background:#1F4E79;padding:6pt"><span style="color:white">', "</span></td></tr>"
         "</table>"),
        ('<table><tr><td bgcolor="#000000"><font color="#FFFFFF">', "</font></td></tr></table>"),
        ('<p style="margin-left:36.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1">', "</p>"),
        ('<table style="margin-left:-5.4pt;border-collapse:collapse"><tr><td width="0" style="width:0">',
         "</td></tr></table>"),
        ('<table><tr><td style="font-size:0;line-height:0"><div style="display:inline-block">'
         '<p style="font-size:14px;line-height:20px">', "</p></div></td></tr></table>"),
        ('<p style="font-size:8.0pt;color:gray">', "</p>"), ('<div style="height:auto;overflow:hidden">', "</div>"),
        ('<div style="max-height:none;overflow:visible;opacity:0.95">', "</div>"),
        ('<div style="color:#FFFFFF;background-color:rgba(0,0,0,0.9)">', "</div>"),
        ('<div style="position:relative;left:-10px;top:-5px">', "</div>"),
        ('<div style="mso-hide:none;visibility:visible;display:block">', "</div>"),
        ('<div class="WordSection1"><p class="MsoNormal"><span class="EmailStyle17">', "</span></p></div>"),
        ('<div class="screen-only">', "</div>"),
        ('<p style="letter-spacing:-0.5px">', "</p>"), ('<p style="letter-spacing:-0.02em">', "</p>"),
        ('<p style="letter-spacing:0.3em">', "</p>"), ('<p style="letter-spacing:normal">', "</p>"),
        ('<p style="letter-spacing:-1pt">', "</p>"), ('<dialog open><p>', "</p></dialog>"),
        ('<svg width="120" height="30"><title>Council logo</title><rect width="120" height="30"/></svg><p>', "</p>"),
        ('<a href="mailto:x@example.org" style="color:#0563C1">', "</a>"),
        # round 9's neighbours: the hidden elements beside visible text, the visible option of a select, ruby text,
        # Apple Mail's markup
        ('<math><mi>x</mi><annotation>x</annotation></math><p>', "</p>"),
        ('<video controls><p>No video</p></video><p>', "</p>"), ('<object data="a.png">logo</object><p>', "</p>"),
        ('<p><canvas width="10" height="10">chart</canvas>', "</p>"),
        ("<p>", '</p><select><option>Noted</option><option selected value="2">Done</option></select>'),
        ("<p>", "</p><p><ruby>\u6f22<rp>(</rp><rt>kan</rt><rp>)</rp></ruby></p>"),
        ('<div dir="auto"><div dir="auto">', "</div></div>"),
        ('<div style="word-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">',
         '<br class=""><div class=""><span class="Apple-converted-space">&nbsp;</span></div></div>'),
        ("<div>", '</div><br><blockquote type="cite"><div>Earlier</div></blockquote>'),  # Apple's top-posted reply
        ('<noscript><p>', "</p></noscript>"),
    ]))


@FAST
@given(markup=visible_markup(), command=st.sampled_from(COMMANDS), outlook=st.booleans(),
       decoy=st.sampled_from(DECOYS))
def test_visible_commands_in_real_markup_are_read(markup: tuple[str, str], command: str, outlook: bool,
                                                  decoy: str | None) -> None:
    from parsers import parse_message

    html = (f"<html><head>{OUTLOOK_SHEET if outlook else ''}</head><body>{markup[0]}{command}{markup[1]}"
            f"{f'<p>{decoy}</p>' if decoy else ''}</body></html>")
    found = parse_message(_html_only(html, "<v@t>")).command
    assert found is not None and found.verb == command.split()[0].rstrip(":"), (html, found)


@pytest.mark.parametrize("markup", [0, 2, 8, 12, 13],
                         ids=["msonormal", "font_size_2", "white_on_dark", "gutter_0", "apple_with_media"])
def test_a_visible_command_in_outlook_markup_is_applied(tmp_path: Path, markup: int) -> None:
    """Black box: the benign side changes the case (CLOSE applied), through the same intake."""
    opening, closing = _VISIBLE[markup]
    w = _make_world(tmp_path)
    try:
        html = (f"<html><head>{OUTLOOK_SHEET}</head><body>{opening}CLOSE: duplicate referral{closing}"
                '<p class="MsoNormal">Jo Example<br>CSPR co-ordinator</p></body></html>')
        r = w.attack("visible_html", _html_only(html, w.mid()), set())
        ROUND1_STATS.pop("visible_html", None)
        assert "command_accepted" in r["events"], r
        assert query(w.db, "SELECT stage FROM cases WHERE ref = ?", (REF,))[0][0] == "closed"
    finally:
        w.app.close()


_VISIBLE = [
    ('<p class="MsoNormal">', "<o:p></o:p></p>"),
    ('<p class="MsoNormal"><span style="font-size:11.0pt;color:#1F497D">', "</span></p>"),
    ('<font size="2" face="Arial">', "</font>"),
    ('<p style="color:red">', "</p>"), ('<span style="color:#C00000">', "</span>"), ('<font size="-1">', "</font>"),
    ('<font size="1">', "</font>"), ('<div dir="ltr">', "</div>"),
    ('<table><tr><td style="background:#1F4E79;padding:6pt"><span style="color:white">', "</span></td></tr></table>"),
    ('<p style="margin-left:36.0pt;text-indent:-18.0pt">', "</p>"),
    ('<table style="margin-left:-5.4pt"><tr><td width="0" style="width:0">', "</td></tr></table>"),
    ('<p style="font-size:8.0pt;color:gray">', "</p>"),
    ('<table><tr><td style="font-size:0;line-height:0"><div style="display:inline-block">'
     '<p style="font-size:14px;line-height:20px">', "</p></div></td></tr></table>"),
    # Apple Mail's markup, with a video and a formula after the command (round 9: their fallback is not read)
    ('<div style="word-wrap: break-word; line-break: after-white-space;" class=""><div dir="auto" class="">',
     '</div><video controls><p>No video</p></video><math><mi>x</mi></math><br class=""></div>'),
]


def test_zz_record_figures() -> None:
    """Runs last in this module: the figures each class measured (docs/RELIABILITY.md)."""
    for cls, figures in sorted(STATS.items()):
        record_figures(f"adversarial_round7_html.{cls}", **figures)
        assert figures["state_changes"] == 0 and figures["lost"] == 0, (cls, figures)
