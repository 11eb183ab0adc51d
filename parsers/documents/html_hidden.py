"""What an HTML mail's reader does not show: elements and text hidden by inline style, attributes or a <style> sheet.

A command the co-ordinator's reader never showed is not the co-ordinator's command (docs/SECURITY.md): a mail
that shows "Thanks, noted." and holds `EXTEND screening: ...` at zero height, zero size, off screen, clipped away,
transparent or white on white says "Thanks, noted.". Hidden text is taken out before the mail is read, as
`display:none` always was. The test is by mechanism (what makes text unseen), not by spelling: lengths in any
unit, colours in any notation composited over the background behind them, inherited font sizes, CSS escapes
and comments. Where a rule's reach cannot be decided exactly (a <style> selector with combinators or
pseudo-classes), it may hide but never un-hide: over-hiding drops a command (fail safe), under-hiding applies one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from parsers.documents.css_effects import UNKNOWN, Effect, blend_mode, filter_steps, mixed, paint

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

# --- CSS values ---------------------------------------------------------------------------------------------------

_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\r\n\f]?|\\(.)", re.S)
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?"
_LENGTH = re.compile(rf"^({_NUMBER})\s*([a-z%]*)$", re.I)
_MATHS = re.compile(r"^(?:calc|min|max|clamp)\s*\(")
_TERM = re.compile(rf"{_NUMBER}\s*[a-z%]*")
# CSS pixels per unit; a percentage or viewport unit is taken against a 1000px page and 16px text
_PX = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6,
       "em": 16.0, "rem": 16.0, "ex": 8.0, "ch": 8.0, "cap": 11.0, "ic": 16.0, "lh": 19.0, "rlh": 19.0,
       "vw": 10.0, "vh": 8.0, "vmin": 8.0, "vmax": 10.0, "%": 10.0}
_FONT_KEYWORDS = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0, "x-large": 24.0,
                  "xx-large": 32.0, "xxx-large": 48.0}
_FONT_TAG_SIZES = {1: 10.0, 2: 13.0, 3: 16.0, 4: 18.0, 5: 24.0, 6: 32.0, 7: 48.0}
_UNREADABLE_PX = 3.0    # text this small, or a box this narrow with its overflow cut, cannot be read
_OFF_SCREEN_PX = -60.0  # further left or up than this is off the page (Word's hanging indents are about -24px)
_FAINT_ALPHA = 0.1      # opacity or colour alpha below this is not seen
_SQUEEZED_PX = -3.0    # letter-spacing this negative or more (-0.3em is -4.8px) piles the letters up
_LOW_CONTRAST = 1.3     # WCAG contrast ratio under which text is not told from its background (#e6e6e6 on white)

Declarations = dict[str, tuple[str, bool]]  # property -> (value, !important)


def _unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        if m.group(1):
            code = int(m.group(1), 16)
            return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd"
        return m.group(2)
    return _ESCAPE.sub(one, text)


def declarations(style: str) -> Declarations:
    """`prop: value; ...` as the cascade leaves it: the last declaration wins unless an earlier one is !important."""
    out: Declarations = {}
    for part in _unescape(_COMMENT.sub("", style)).split(";"):
        prop, colon, value = part.partition(":")
        if not colon:
            continue
        prop = prop.strip().lower()
        value = value.strip().lower()
        important = bool(re.search(r"!\s*important\s*$", value))
        value = re.sub(r"!\s*important\s*$", "", value).strip()
        if not prop or (prop in out and out[prop][1] and not important):
            continue
        out[prop] = (value, important)
    return out


def _value(decls: Declarations, prop: str) -> str:
    return decls.get(prop, ("", False))[0]


def _length(value: str, percent_px: float = _PX["%"], em_px: float = 16.0) -> float | None:
    """A length in CSS pixels; calc()/min()/max()/clamp() count as their smallest term (a hidden box made with
    them is still caught; a visible one is at worst read as smaller than it is)."""
    value = value.strip()
    if _MATHS.match(value):
        terms = [t for t in (_length(t, percent_px, em_px) for t in _TERM.findall(value))
                 if t is not None]
        return min(terms) if terms else None
    m = _LENGTH.match(value)
    if not m:
        return None
    unit = m.group(2).lower()
    if unit == "%":
        return float(m.group(1)) * percent_px
    if unit == "em":
        return float(m.group(1)) * em_px
    scale = _PX.get(unit)
    return None if scale is None else float(m.group(1)) * scale


Colour = tuple[float, float, float, float]  # r, g, b in 0..255, alpha in 0..1

# CSS named colours (CSS Color 4): an attacker's white-on-white may be "snow" on "white"
_NAMED: dict[str, str] = dict(re.findall(r"([a-z]+)=([0-9a-f]{6})", (
    "aliceblue=f0f8ff antiquewhite=faebd7 aqua=00ffff aquamarine=7fffd4 azure=f0ffff beige=f5f5dc bisque=ffe4c4 "
    "black=000000 blanchedalmond=ffebcd blue=0000ff blueviolet=8a2be2 brown=a52a2a burlywood=deb887 "
    "cadetblue=5f9ea0 chartreuse=7fff00 chocolate=d2691e coral=ff7f50 cornflowerblue=6495ed cornsilk=fff8dc "
    "crimson=dc143c cyan=00ffff darkblue=00008b darkcyan=008b8b darkgoldenrod=b8860b darkgray=a9a9a9 "
    "darkgreen=006400 darkgrey=a9a9a9 darkkhaki=bdb76b darkmagenta=8b008b darkolivegreen=556b2f "
    "darkorange=ff8c00 darkorchid=9932cc darkred=8b0000 darksalmon=e9967a darkseagreen=8fbc8f "
    "darkslateblue=483d8b darkslategray=2f4f4f darkslategrey=2f4f4f darkturquoise=00ced1 darkviolet=9400d3 "
    "deeppink=ff1493 deepskyblue=00bfff dimgray=696969 dimgrey=696969 dodgerblue=1e90ff firebrick=b22222 "
    "floralwhite=fffaf0 forestgreen=228b22 fuchsia=ff00ff gainsboro=dcdcdc ghostwhite=f8f8ff gold=ffd700 "
    "goldenrod=daa520 gray=808080 green=008000 greenyellow=adff2f grey=808080 honeydew=f0fff0 hotpink=ff69b4 "
    "indianred=cd5c5c indigo=4b0082 ivory=fffff0 khaki=f0e68c lavender=e6e6fa lavenderblush=fff0f5 "
    "lawngreen=7cfc00 lemonchiffon=fffacd lightblue=add8e6 lightcoral=f08080 lightcyan=e0ffff "
    "lightgoldenrodyellow=fafad2 lightgray=d3d3d3 lightgreen=90ee90 lightgrey=d3d3d3 lightpink=ffb6c1 "
    "lightsalmon=ffa07a lightseagreen=20b2aa lightskyblue=87cefa lightslategray=778899 lightslategrey=778899 "
    "lightsteelblue=b0c4de lightyellow=ffffe0 lime=00ff00 limegreen=32cd32 linen=faf0e6 magenta=ff00ff "
    "maroon=800000 mediumaquamarine=66cdaa mediumblue=0000cd mediumorchid=ba55d3 mediumpurple=9370db "
    "mediumseagreen=3cb371 mediumslateblue=7b68ee mediumspringgreen=00fa9a mediumturquoise=48d1cc "
    "mediumvioletred=c71585 midnightblue=191970 mintcream=f5fffa mistyrose=ffe4e1 moccasin=ffe4b5 "
    "navajowhite=ffdead navy=000080 oldlace=fdf5e6 olive=808000 olivedrab=6b8e23 orange=ffa500 "
    "orangered=ff4500 orchid=da70d6 palegoldenrod=eee8aa palegreen=98fb98 paleturquoise=afeeee "
    "palevioletred=db7093 papayawhip=ffefd5 peachpuff=ffdab9 peru=cd853f pink=ffc0cb plum=dda0dd "
    "powderblue=b0e0e6 purple=800080 rebeccapurple=663399 red=ff0000 rosybrown=bc8f8f royalblue=4169e1 "
    "saddlebrown=8b4513 salmon=fa8072 sandybrown=f4a460 seagreen=2e8b57 seashell=fff5ee sienna=a0522d "
    "silver=c0c0c0 skyblue=87ceeb slateblue=6a5acd slategray=708090 slategrey=708090 snow=fffafa "
    "springgreen=00ff7f steelblue=4682b4 tan=d2b48c teal=008080 thistle=d8bfd8 tomato=ff6347 "
    "turquoise=40e0d0 violet=ee82ee wheat=f5deb3 white=ffffff whitesmoke=f5f5f5 yellow=ffff00 "
    "yellowgreen=9acd32 window=ffffff windowtext=000000 canvas=ffffff canvastext=000000")))
_HEX = re.compile(r"^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$")
_FUNC = re.compile(r"^(rgba?|hsla?)\s*\((.*)\)$", re.S)
_COLOUR_TOKEN = re.compile(r"#[0-9a-f]{3,8}\b|(?:rgba?|hsla?)\s*\([^)]*\)|\b[a-z]+\b", re.I)


def _channel(token: str, full: float) -> float:
    token = token.strip()
    if token.endswith("%"):
        return float(token[:-1]) * full / 100
    return float(token)


def colour(value: str) -> Colour | None:
    """A CSS colour (hex, rgb()/rgba(), hsl()/hsla(), a name, `transparent`), or None for anything else."""
    value = value.strip().lower()
    if value == "transparent":
        return (0.0, 0.0, 0.0, 0.0)
    if value.startswith(("color-mix", "light-dark")):
        return mixed(value, colour)
    if value in _NAMED:
        value = "#" + _NAMED[value]
    m = _HEX.match(value)
    if m:
        digits = m.group(1)
        if len(digits) <= 4:
            digits = "".join(d * 2 for d in digits)
        alpha = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
        return (float(int(digits[0:2], 16)), float(int(digits[2:4], 16)), float(int(digits[4:6], 16)), alpha)
    m = _FUNC.match(value)
    if not m:
        return None
    parts = [p for p in re.split(r"[\s,/]+", m.group(2).strip()) if p]
    try:
        alpha = min(max(_channel(parts[3], 1.0), 0.0), 1.0) if len(parts) > 3 else 1.0
        if m.group(1).startswith("rgb"):
            r, g, b = (min(max(_channel(p, 255.0), 0.0), 255.0) for p in parts[:3])
        else:
            hue = float(re.sub(r"deg$", "", parts[0])) % 360 / 360
            sat, light = (min(max(_channel(p, 1.0) / (1 if p.endswith("%") else 100), 0.0), 1.0) for p in parts[1:3])
            r, g, b = (255 * c for c in _hsl_to_rgb(hue, light, sat))
    except (ValueError, IndexError):
        return None
    return (r, g, b, alpha)


def _hsl_to_rgb(h: float, l_: float, s: float) -> tuple[float, float, float]:
    import colorsys
    return colorsys.hls_to_rgb(h, l_, s)


def _over(top: Colour, below: Colour) -> Colour:
    a = top[3]
    return (top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1.0)


def _luminance(c: Colour) -> float:
    def lin(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else float(((v + 0.055) / 1.055) ** 2.4)
    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])


def unreadable(text: Colour, background: Colour) -> bool:
    """Text in `text` colour over an opaque `background` cannot be told from it (WCAG contrast ratio)."""
    if text[3] < _FAINT_ALPHA:
        return True
    a, b = _luminance(_over(text, background)), _luminance(background)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05) < _LOW_CONTRAST


# --- what hides a box -----------------------------------------------------------------------------------------------

def _offset(decls: Declarations, prop: str) -> float:
    return _length(_value(decls, prop)) or 0.0


def _clipped_to_nothing(decls: Declarations) -> bool:
    clip = re.match(r"^rect\s*\((.*)\)$", _value(decls, "clip"))
    if clip:
        edges = [p for p in re.split(r"[\s,]+", clip.group(1).strip()) if p]
        if len(edges) == 4:
            top, right, bottom, left = (_length(e) if e != "auto" else None for e in edges)
            if (top is not None and bottom is not None and bottom - top <= _UNREADABLE_PX) or (
                    left is not None and right is not None and right - left <= _UNREADABLE_PX):
                return True
    path = _value(decls, "clip-path")
    inset = re.match(r"^inset\s*\(([^)]*)\)", path)
    if inset:
        amounts = [_length(p, percent_px=10.0) for p in inset.group(1).split() if p != "round"][:4]
        if any(a is not None and a >= 500 for a in amounts):  # 50% or more from one side meets the other
            return True
    if re.match(r"^(?:circle|ellipse)\s*\(\s*(?:0+\.?0*|\.0+)(?:[a-z%]+)?\s*(?:\)|at\b|0)", path):
        return True
    poly = re.match(r"^polygon\s*\(([^)]*)\)", path)
    if poly:
        points = [tuple(p.split()[-2:]) for p in poly.group(1).split(",") if len(p.split()) >= 2]
        if len({x for x, _ in points}) <= 1 or len({y for _, y in points}) <= 1:
            return True
    return False


def _scaled_or_moved_away(decls: Declarations) -> tuple[bool, float, float]:
    """(scaled to nothing, x shift, y shift) from `transform`."""
    transform, dx, dy = _value(decls, "transform"), 0.0, 0.0
    depth, lens = 0.0, None
    for name, args in re.findall(r"([a-z0-9]+)\s*\(([^)]*)\)", transform):
        values = [a for a in re.split(r"[\s,]+", args.strip()) if a]
        if name in ("matrix", "matrix3d"):
            squashed, mx, my = _matrix_squashes(values)
            if squashed:
                return True, 0.0, 0.0
            dx, dy = dx + mx, dy + my
        elif name == "perspective" and values:
            lens = _length(values[0])
        elif name in ("translatez", "translate3d") and values:
            depth += _length(values[-1]) or 0.0
        elif name.startswith("scale"):
            if any(_length(v) is not None and abs(_length(v) or 0.0) <= 0.05 for v in values):
                return True, 0.0, 0.0
        elif name.startswith("translate") and values:
            lengths = [_length(v) or 0.0 for v in values]
            if name == "translatey":
                dy += lengths[0]
            else:
                dx += lengths[0]
                dy += lengths[1] if name == "translate" and len(lengths) > 1 else 0.0
    if depth and lens is not None and _too_near_or_far(lens, depth):
        return True, 0.0, 0.0
    # the individual transform properties (CSS Transforms 2): `scale: 0`, `translate: -9999px`
    if any(_length(v) is not None and abs(_length(v) or 0.0) <= 0.05 for v in _value(decls, "scale").split()):
        return True, 0.0, 0.0
    moved = [_length(v) or 0.0 for v in _value(decls, "translate").split()[:2]]
    dx += moved[0] if moved else 0.0
    dy += moved[1] if len(moved) > 1 else 0.0
    return False, dx, dy


def _matrix_squashes(values: list[str]) -> tuple[bool, float, float]:
    """(drawn as a line or a point, x shift, y shift) of `matrix(a, b, c, d, e, f)` or `matrix3d(16 values)`: the
    box is squashed to nothing when its smaller scale (the matrix's smaller singular value) is 0.05 or less, or
    a 3D matrix's w is 0 or negative (behind the viewer)."""
    try:
        numbers = [float(v) for v in values]
    except ValueError:
        return True, 0.0, 0.0  # not a matrix any reader draws as written: not known to be shown
    if len(numbers) == 16:
        w = numbers[15]
        if w <= 0.05:
            return True, 0.0, 0.0
        numbers = [numbers[0] / w, numbers[1] / w, numbers[4] / w, numbers[5] / w, numbers[12] / w, numbers[13] / w]
    if len(numbers) != 6:
        return True, 0.0, 0.0
    a, b, c, d, e, f = numbers
    largest = max(abs(a) + abs(b), abs(c) + abs(d), 1e-9)
    smallest = abs(a * d - b * c) / largest
    return smallest <= 0.05, e, f


def _too_near_or_far(lens: float, depth: float) -> bool:
    """Moved `depth` towards a viewer `lens` away (`perspective(1px) translateZ(2px)`, or the parent's
    `perspective`): at or behind the viewer it is not drawn; shrunk to a twentieth or blown up twenty times it
    is not read."""
    if lens <= 0:
        return False  # `perspective: none` / 0: no 3D, translateZ changes nothing on screen
    if depth >= lens:
        return True
    factor = lens / (lens - depth)
    return factor < 0.05 or factor > 20


# A box turned edge-on (rotateX/rotateY or `rotate: x 90deg` near 90 or 270 degrees) draws as a line.
_EDGE_ON = re.compile(r"rotate(?:x|y)\s*\(\s*(-?[\d.]+)(deg|turn|rad)?|(?:^|\s)(?:x|y)\s+(-?[\d.]+)(deg|turn|rad)")


def _edge_on(decls: Declarations) -> bool:
    for text in (_value(decls, "transform"), _value(decls, "rotate")):
        for m in _EDGE_ON.finditer(text):
            number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            try:
                turns = float(number) * {"turn": 360.0, "rad": 57.2958}.get(unit or "deg", 1.0)
            except ValueError:
                continue
            if abs(abs(turns) % 180 - 90) <= 5:
                return True
    return False


# A mask whose every colour stop is transparent shows nothing; a filter that whites out (`brightness(100)`)
# or blurs past reading (`blur(50px)`) likewise.
_MASK_COLOUR = re.compile(r"transparent|#[0-9a-f]{3,8}\b|(?:rgb|hsl)a?\([^)]{0,80}\)|\b[a-z]{3,20}\b")
_BRIGHT = re.compile(r"brightness\s*\(\s*([\d.]+)(%?)\s*\)")
_BLUR = re.compile(r"blur\s*\(\s*([^)]{1,30})\)")


def _painted_away(decls: Declarations) -> bool:
    for prop in ("mask-image", "mask", "-webkit-mask-image", "-webkit-mask"):
        value = _value(decls, prop)
        if "gradient" in value:
            stops = [c for t in _MASK_COLOUR.findall(value)[:40] if (c := colour(t)) is not None]
            if stops and all(c[3] < _FAINT_ALPHA for c in stops):
                return True
    filt = _value(decls, "filter")
    for number, percent in _BRIGHT.findall(filt):
        try:
            if float(number) / (100.0 if percent else 1.0) >= 3.0:
                return True
        except ValueError:
            continue
    return any((radius := _length(r)) is not None and radius >= 8.0 for r in _BLUR.findall(filt))


_BOX_PROPS = frozenset({
    "display", "visibility", "mso-hide", "content-visibility", "opacity", "zoom", "filter", "max-height", "overflow",
    "overflow-x", "overflow-y", "clip", "clip-path", "transform", "text-indent", "margin-left", "left", "right",
    "padding-left", "margin-top", "top", "bottom", "letter-spacing", "scale", "translate", "rotate", "inset", "mask",
    "mask-image", "-webkit-mask", "-webkit-mask-image"})


def _box_hidden(decls: Declarations) -> bool:
    """The element and everything in it is not shown."""
    if decls.keys().isdisjoint(_BOX_PROPS):
        return False  # most styles (Word's font and colour runs) are settled here
    if _value(decls, "display") == "none" or _value(decls, "visibility") in ("hidden", "collapse"):
        return True
    if _value(decls, "mso-hide") == "all" or _value(decls, "content-visibility") == "hidden":
        return True
    for prop in ("opacity", "zoom"):
        if prop in decls:
            amount = _value(decls, prop)
            number = _length(amount[:-1]) if amount.endswith("%") else _length(amount)
            if number is not None and (number / 100 if amount.endswith("%") else number) < _FAINT_ALPHA:
                return True
    if re.search(r"opacity\s*\(\s*0*(?:\.0\d*)?%?\s*\)|alpha\s*\(\s*opacity\s*=\s*0*\d?\s*\)", _value(decls, "filter")):
        return True
    ceiling = _length(_value(decls, "max-height"))
    if ceiling is not None and ceiling <= 0:
        return True  # as before: max-height:0 hides even without overflow (no mail shows text that way)
    cut = any(_value(decls, p).split(" ")[0] in ("hidden", "clip") for p in ("overflow", "overflow-x", "overflow-y"))
    if cut:
        for prop in ("height", "max-height", "width", "max-width"):
            size = _length(_value(decls, prop))
            if size is not None and size <= _UNREADABLE_PX:
                return True
    if _clipped_to_nothing(decls):
        return True
    squeeze = _length(_value(decls, "letter-spacing"))
    if squeeze is not None and squeeze <= _SQUEEZED_PX:
        return True  # letters piled on one another (-0.3em, -3px and below) are not read
    scaled, dx, dy = _scaled_or_moved_away(decls)
    if scaled or _edge_on(decls) or _painted_away(decls):
        return True
    inset = _value(decls, "inset").split()  # `inset: top right bottom left` (1-4 values, as margin)
    if inset and "top" not in decls and "left" not in decls:
        edges = (inset * 4)[:4] if len(inset) == 1 else inset + inset[:2] if len(inset) == 2 else inset + inset[1:2]
        dy += _length(edges[0]) or 0.0
        dx += _length(edges[3]) or 0.0
    right, bottom = _offset(decls, "right"), _offset(decls, "bottom")
    if _value(decls, "position") in ("absolute", "fixed"):
        # measured from the containing box's right or bottom edge (a 1000 x 800px page): only past it is off screen
        right, bottom = max(0.0, right - 1000.0), max(0.0, bottom - 800.0)
    across = dx + _offset(decls, "text-indent") + _offset(decls, "margin-left") + _offset(decls, "left") \
        - right + _offset(decls, "padding-left")
    down = dy + _offset(decls, "margin-top") + _offset(decls, "top") - bottom
    return across <= _OFF_SCREEN_PX or down <= _OFF_SCREEN_PX


# --- <style> sheets --------------------------------------------------------------------------------------------------

_DYNAMIC = re.compile(r":(?:hover|active|focus(?:-within|-visible)?|target|visited|checked)\b", re.I)
_PSEUDO_ELEMENT = re.compile(r"::|:(?:before|after|first-line|first-letter|selection|placeholder|marker)\b", re.I)
# `::first-line` / `::first-letter` style part of the element's own text (which part depends on the reader's width):
# a rule of theirs that hides hides the element, as an approximate rule does (a drop cap or a bold first line is
# no hiding rule and changes nothing).
_FIRST_PART = re.compile(r"::?first-(?:line|letter)\s*$", re.I)


_LOOKS = ("font-size", "font", "color", "-webkit-text-fill-color", "background", "background-color", "filter",
          "mix-blend-mode")


@dataclass
class _Rule:
    """All the sheet's rules for one selector compound, merged: an exact one (the selector is that compound alone,
    its reach is known) keeps the cascade's winner for each property with its source order; an approximate one
    (combinators or pseudo-classes left out) keeps whether any of them hides a box, and each distinct set of
    size and colour declarations, since those hide only against what they are painted on."""
    tag: str | None
    classes: frozenset[str]
    ids: frozenset[str]
    exact: bool
    specificity: tuple[int, int, int]
    props: dict[str, tuple[str, bool, int]] = field(default_factory=dict)  # exact: value, !important, order
    hides: bool = False
    looks: list[Declarations] = field(default_factory=list)

    def merge(self, decls: Declarations, order: int) -> None:
        if self.exact:
            for prop, (value, important) in decls.items():
                if not (prop in self.props and self.props[prop][1] and not important):
                    self.props[prop] = (value, important, order)
            return
        self.hides = self.hides or _box_hidden(decls)
        look = {p: decls[p] for p in _LOOKS if p in decls}
        if look and look not in self.looks:
            self.looks.append(look)

    def size(self) -> int:
        return 1 + len(self.props) + len(self.looks)


# A sheet of thousands of rules all matching thousands of elements is no mail a person wrote (Word's own sheets
# match a handful of rules an element): past this many declaration checks the page is not read at all, rather
# than read with its hiding rules unapplied.
_SHEET_WORK = 300_000


class _TooMuchStyle(Exception):
    pass


@dataclass
class Sheet:
    """Rules from the mail's <style> sheets, indexed by what an element must carry to match."""
    by_key: dict[str, list[_Rule]] = field(default_factory=dict)
    rules: dict[tuple[str | None, frozenset[str], frozenset[str], bool], _Rule] = field(default_factory=dict)
    work: int = 0  # declarations looked at so far, against _SHEET_WORK
    # CSS custom properties declared anywhere (inline or in a sheet): name -> values, bounded (_CUSTOMS)
    customs: dict[str, list[str]] = field(default_factory=dict)
    var_work: int = 0  # var() readings tried so far, against _VAR_WORK
    imported: list[str] = field(default_factory=list)  # sheets read from `@import url(data:...)`
    layouts: list[tuple[Tag, Layout]] = field(default_factory=list)  # shown elements that may reorder text

    def add(self, tag: str | None, classes: frozenset[str], ids: frozenset[str], exact: bool,
            decls: Declarations, order: int) -> None:
        rule = self.rules.get((tag, classes, ids, exact))
        if rule is None:
            rule = _Rule(tag, classes, ids, exact, (len(ids), len(classes), 1 if tag else 0))
            self.rules[(tag, classes, ids, exact)] = rule
            key = f"#{min(ids)}" if ids else f".{min(classes)}" if classes else tag or "*"
            self.by_key.setdefault(key, []).append(rule)
        rule.merge(decls, order)

    def matching(self, tag: str, classes: set[str], ident: str) -> list[_Rule]:
        keys = ["*", tag, *(f".{c}" for c in classes)] + ([f"#{ident}"] if ident else [])
        found = [r for k in keys for r in self.by_key.get(k, ())
                 if (r.tag in (None, tag)) and r.classes <= classes and (not r.ids or r.ids == {ident})]
        self.work += len(keys) + sum(r.size() for r in found)
        if self.work > _SHEET_WORK:
            raise _TooMuchStyle
        return found


def _opened(at_rule: str) -> bool:
    if at_rule.startswith("@media"):
        return not re.fullmatch(r"@media\s+(?:only\s+)?print\b.*", at_rule, re.S)
    return at_rule.startswith(("@supports", "@document", "@layer", "@container", "@scope"))


def _blocks(css: str) -> list[tuple[str, str]]:
    """(selector list, declarations) of each rule, @media/@supports opened (their conditions are not judged:
    a sheet can hide on every screen with `@media (min-width:1px)`), print-only @media, @font-face, @page and
    @keyframes left out."""
    out: list[tuple[str, str]] = []
    stack: list[tuple[str, int]] = []  # (prelude, start) of open blocks
    skip_depth: int | None = None
    start = 0
    for i, ch in enumerate(css):
        if ch == "{":
            prelude = css[start:i].strip()
            stack.append((prelude, i + 1))
            if skip_depth is None and prelude.startswith("@") and not _opened(prelude.lower()):
                skip_depth = len(stack)
            start = i + 1
        elif ch == "}":
            if stack:
                prelude, open_at = stack.pop()
                if skip_depth is None and not prelude.startswith("@"):
                    out.append((prelude, css[open_at:i]))
                if skip_depth is not None and len(stack) < skip_depth:
                    skip_depth = None
            start = i + 1
        elif ch == ";" and not stack:
            start = i + 1  # @import / @charset
    return out


def _compound(selector: str) -> tuple[str | None, set[str], set[str], bool] | None:
    """The selector's last compound (the element it styles): tag, classes, ids, and whether that compound alone is
    the whole selector with nothing left out."""
    selector = selector.strip()
    part = _FIRST_PART.search(selector)
    if part:
        found = _compound(selector[:part.start()])
        return None if found is None else (*found[:3], False)
    if not selector or _PSEUDO_ELEMENT.search(selector) or _DYNAMIC.search(selector):
        return None
    depth, cut = 0, 0
    for i, ch in enumerate(selector):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and (ch.isspace() or ch in ">+~"):
            cut = i + 1
    last = selector[cut:].strip()
    exact = cut == 0
    bare = re.sub(r"\[[^\]]*\]|:[\w-]+(?:\([^)]*\))?", "", last)
    exact = exact and bare == last
    m = re.fullmatch(r"([a-z][\w-]*|\*)?((?:[.#][\w-]+)*)", bare, re.I)
    if not m:
        return None
    tag = None if m.group(1) in (None, "*") else m.group(1).lower()
    classes = {c.lower() for c in re.findall(r"\.([\w-]+)", m.group(2))}
    ids = {c.lower() for c in re.findall(r"#([\w-]+)", m.group(2))}
    return tag, classes, ids, exact


# `@import url(data:text/css,...)`: a sheet carried inside the mail is read like the mail's own (to two levels,
# 100 KB each); a sheet at a web address is not fetched (left: docs/RELIABILITY.md section 7).
_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?(?:"(data:[^"]*)"|'(data:[^']*)'|(data:[^\s)'"]*))""", re.I)
_IMPORT_DEPTH = 2


def data_sheet(url: str) -> str | None:
    """The CSS text of a `data:` URL (plain, %-encoded or base64; 100 KB), None for anything else."""
    from base64 import b64decode
    from urllib.parse import unquote

    head, comma, data = url.partition(",")
    if not comma or ("text/css" not in head.lower() and head.lower() not in ("data:", "data:;base64")):
        return None
    try:
        text = b64decode(data[:140_000]).decode("utf-8", "replace") if head.lower().endswith(";base64") \
            else unquote(data[:100_000])
    except ValueError:
        return None
    return text[:100_000]


def _imported(css: str) -> list[str]:
    out: list[str] = []
    for quoted_twice, quoted_once, bare in _IMPORT.findall(css)[:8]:
        text = data_sheet(quoted_twice or quoted_once or bare)
        if text is not None:
            out.append(text)
    return out


def read_sheet(css: str, sheet: Sheet, order: int = 0, depth: int = 0) -> int:
    css = _unescape(_COMMENT.sub("", css))
    if depth < _IMPORT_DEPTH and "@import" in css.lower():
        for inner in _imported(css):
            order = read_sheet(inner, sheet, order, depth + 1)
            sheet.imported.append(inner)
    for selectors, body in _blocks(css):
        decls = declarations(body)
        if not decls:
            continue
        for selector in selectors.split(","):
            parsed = _compound(selector)
            if parsed is None:
                continue
            tag, classes, ids, exact = parsed
            order += 1
            sheet.add(tag, frozenset(classes), frozenset(ids), exact, decls, order)
    return order


def sheet_of(soup: BeautifulSoup) -> Sheet:
    """Every <style> in the mail, and those in Outlook's conditional comments (`<!--[if mso]><style>`): the
    sheet an Outlook reader obeys hides from that reader."""
    from bs4 import Comment

    sheet, order = Sheet(), 0
    for style in soup.find_all("style"):
        order = read_sheet(style.get_text(), sheet, order)
    # `<link rel=stylesheet href="data:text/css,...">`: a sheet carried in the mail, read as an @import of it
    for link in soup.find_all("link", href=True):
        href = str(link.get("href") or "")
        text = data_sheet(href) if "stylesheet" in str(link.get("rel") or "").lower() else None
        if text is not None:
            sheet.imported.append(text)
            order = read_sheet(text, sheet, order, 1)
    for note in soup.find_all(string=lambda s: isinstance(s, Comment)):
        if str(note).lstrip().lower().startswith("[if"):
            for css in re.findall(r"<style[^>]*>(.*?)(?:</style>|$)", str(note), re.S | re.I):
                order = read_sheet(css, sheet, order)
    if "--" in str(soup):
        styles = [s.get_text() for s in soup.find_all("style")] + sheet.imported
        styles += [str(t.get("style")) for t in soup.find_all(style=True) if "--" in str(t.get("style"))]
        for css in styles:
            for name, value in _CUSTOM.findall(css):
                values = sheet.customs.setdefault(name.lower(), [])
                if len(sheet.customs) <= _CUSTOMS and len(values) < 8 and value.strip().lower() not in values:
                    values.append(value.strip().lower())
            # a registered property's initial value is what var() gives where nothing declares it
            for name, value in _REGISTERED.findall(_COMMENT.sub("", css)):
                values = sheet.customs.setdefault(name.lower(), [])
                if len(sheet.customs) <= _CUSTOMS and len(values) < 8 and value.strip().lower() not in values:
                    values.append(value.strip().lower())
    return sheet


_REGISTERED = re.compile(r"@property\s+(--[\w-]{1,40})\s*\{[^{}]{0,400}?initial-value\s*:\s*([^;{}]{1,100})")


# `--name: value` (bounded: 40-character names, 100-character values, 64 names of 8 values each). Which of
# several values an element inherits is not worked out: the element is hidden if any of them would hide it.
_CUSTOM = re.compile(r"(--[\w-]{1,40})\s*:\s*([^;{}]{1,100})")
_CUSTOMS = 64
# var() readings tried in one mail (each a cascade check): a real mail styles a few dozen elements with var()
_VAR_WORK = 2_000
_VAR = re.compile(r"var\(\s*(--[\w-]{1,40})\s*(?:,\s*([^()]{0,100}))?\)")


_VAR_NAME = re.compile(r"var\(\s*(--[\w-]{1,40})")
_VAR_DEPTH = 4  # var() inside a custom value or a fallback (`--a: var(--b)`, `var(--a, var(--b))`), put in this deep


def _with_vars(decls: Declarations, customs: dict[str, list[str]]) -> list[Declarations]:
    """Every reading of `decls` with each `var(--x)` put in as one of the values --x is declared with (or its
    fallback), one custom property at a time (the others their first value); a value holding var() itself is
    put in again, innermost first, to _VAR_DEPTH levels."""
    names: set[str] = set()
    todo = [n.lower() for v, _ in decls.values() for n in _VAR_NAME.findall(v)]
    while todo and len(names) < 16:
        name = todo.pop()
        if name not in names:
            names.add(name)
            todo += [n.lower() for v in customs.get(name, []) for n in _VAR_NAME.findall(v)]
    out: list[Declarations] = []
    for name in sorted(names)[:8]:
        for choice in range(len(customs.get(name, [])) + 1):  # each declared value, then the fallback
            def put(m: re.Match[str], name: str = name, choice: int = choice) -> str:
                values = customs.get(m.group(1).lower(), []) + ([m.group(2).strip()] if m.group(2) else [])
                pick = choice if m.group(1).lower() == name else 0
                return values[pick] if pick < len(values) else m.group(0)

            def resolve(value: str, put: Callable[[re.Match[str]], str] = put) -> str:
                for _ in range(_VAR_DEPTH):
                    again = _VAR.sub(put, value)[:400]
                    if again == value:
                        break
                    value = again
                return value
            variant = {p: (resolve(v), imp) for p, (v, imp) in decls.items()}
            if variant != decls and variant not in out:
                out.append(variant)
    return out


# --- the walk -------------------------------------------------------------------------------------------------------

_WHITE: Colour = (255.0, 255.0, 255.0, 1.0)
_BLACK: Colour = (0.0, 0.0, 0.0, 1.0)


def _background(decls: Declarations, attrs: Mapping[str, object]) -> Colour | None:
    value = _value(decls, "background-color")
    if not value and "background" in decls:
        for token in _COLOUR_TOKEN.findall(_value(decls, "background")):
            found = colour(token)
            if found is not None:
                return found
        return None
    found = colour(value) if value else None
    if found is None and isinstance(attrs.get("bgcolor"), str):
        found = colour(str(attrs["bgcolor"]))
    return found


def _font_tag_px(size: str, parent_px: float) -> float | None:
    size = size.strip()
    m = re.fullmatch(r"([+-]?)\s*(\d+)", size)
    if not m:
        return None
    number = int(m.group(2))
    level = 3 + number if m.group(1) == "+" else 3 - number if m.group(1) == "-" else number
    if level <= 0:
        return 0.0  # `<font size=0>` (and "-3" and below): written to show nothing, taken at its word
    return _FONT_TAG_SIZES[min(level, 7)]


def _font_px(decls: Declarations, parent_px: float) -> float:
    value = _value(decls, "font-size")
    if not value and "font" in decls:
        for token in _value(decls, "font").split():
            first = token.split("/")[0]
            if first in _FONT_KEYWORDS or (_LENGTH.match(first) and (first.strip("0.") == "" or
                                                                     re.search(r"[a-z%]$", first))):
                value = first
                break
    if not value:
        return parent_px
    if value in _FONT_KEYWORDS:
        return _FONT_KEYWORDS[value]
    if value == "smaller":
        return parent_px / 1.2
    if value == "larger":
        return parent_px * 1.2
    size = _length(value, percent_px=parent_px / 100, em_px=parent_px)
    return parent_px if size is None else size


def drop_hidden(soup: BeautifulSoup) -> list[tuple[Tag, Layout]]:
    """Take out every element the reader does not show, and every text too small or too faint to read; return
    the shown elements whose layout may draw text in another order than the source (html_order reads them).

    One pass down the tree with an explicit stack (a 50,000-deep nesting is a mail, not a crash), carrying what
    is inherited: the text colour, the background painted behind, the font size.
    """

    sheet = sheet_of(soup)
    try:
        _walk(soup, sheet)
    except _TooMuchStyle:
        for child in list(soup.children):
            child.extract()
        return []
    return sheet.layouts


def _walk(soup: BeautifulSoup, sheet: Sheet) -> None:
    from bs4 import Tag
    from bs4.element import NavigableString

    stack: list[tuple[Tag, State]] = [(soup, State(_BLACK, _WHITE, 16.0))]
    while stack:
        element, state = stack.pop()
        for child in list(element.children):
            if isinstance(child, Tag):
                inner = _look(child, sheet, state)
                if inner is None:
                    child.decompose()
                else:
                    stack.append((child, inner))
            elif type(child) is NavigableString and child.strip() and element is not soup and (
                    state.font <= _UNREADABLE_PX or not _seen(state.ink, state)):
                child.extract()


def _seen(ink: Colour, state: State) -> bool:
    """Text in `ink` can be told from what is behind it, after the colour effects of the elements around it."""
    shown = paint(state.effects, ink) if state.effects else ink
    return shown is not None and not unreadable(shown, state.paper)


_EFFECTS = 8  # nested colour effects worked through; more is no mail a person wrote: not known to be seen


def _effects_of(decls: Declarations, state: State) -> tuple[Effect, ...] | None:
    """The colour effects inside an element with `decls` (its `filter` and `mix-blend-mode` added to those it is
    in), or None when they cannot be worked out."""
    if "filter" not in decls and "mix-blend-mode" not in decls:
        return state.effects
    steps = filter_steps(_value(decls, "filter"))
    mode = blend_mode(_value(decls, "mix-blend-mode"))
    if steps is None or mode == UNKNOWN:
        return None
    if not steps and mode == "normal":
        return state.effects
    if len(state.effects) >= _EFFECTS:
        return None
    return (*state.effects, (steps, mode, state.paper))


def _effect_hides(decls: Declarations, state: State) -> bool:
    """The element's colour effects make its text unseen (`filter: invert(1)` on black text over a white page,
    `mix-blend-mode: screen`), or cannot be worked out."""
    effects = _effects_of(decls, state)
    if effects is None:
        return True
    if effects is state.effects:
        return False
    inner = State(state.ink, state.paper, state.font, effects)
    below = _background(decls, {})
    if below is not None:
        painted = paint(effects, below)
        if painted is None:
            return True
        inner.paper = _over(painted, state.paper)
    face = next((c for p in ("-webkit-text-fill-color", "color") if (c := colour(_value(decls, p))) is not None),
                state.ink)
    return not _seen(face, inner)


def _rule_hides(decls: Declarations, paper: Colour, font: float) -> bool:
    """The rule alone hides what it styles: a hidden box, unreadable text size, or ink lost in the background."""
    if _box_hidden(decls) or _font_px(decls, font) <= _UNREADABLE_PX:
        return True
    below = _background(decls, {})
    paper = paper if below is None else _over(below, paper)
    return any((ink := colour(_value(decls, p))) is not None and unreadable(ink, paper)
               for p in ("color", "-webkit-text-fill-color") if p in decls)


# Not the sender's readable text: a command is never written inside an inline SVG drawing (where <title>, <desc>,
# <defs>, fill, viewBox and <foreignObject> hide text in too many ways to judge one by one) or MathML (<math>:
# <annotation> and <annotation-xml> are never drawn, and the rest is formulae). Not shown at all (the HTML
# standard's rendering section: `display: none` for area, base, basefont, datalist, head, link, meta, noembed,
# noframes, param, rp, script, style, template, title): a closed <dialog>, ruby's fallback brackets <rp>. The
# fallback content of embedded content (<object>, <embed>, <applet>, <iframe>, <video>, <audio>, <canvas>,
# <picture>'s sources) is shown only where the embedded thing cannot be, and no mail client shows the thing
# itself consistently: never the sender's text either way. (<noscript> is left: mail readers run no script, so
# its text is what they show.)
_NEVER_SHOWN = frozenset({"svg", "math", "datalist", "noframes", "noembed", "template", "rp", "area", "base",
                          "basefont", "link", "meta", "param", "object", "embed", "applet", "iframe", "video", "audio",
                          "canvas", "frameset", "frame"})


def _closed_select(element: Tag) -> None:
    """A <select> drawn closed (no `multiple`, `size` 1 or none) shows one option: the last one marked `selected`,
    else the first. The other options' text is taken out (html.parser nests unclosed <option>s, so only the
    chosen option's own text is kept)."""
    from bs4 import Tag
    from bs4.element import NavigableString

    options = [o for o in element.find_all("option") if isinstance(o, Tag)]
    chosen = next((o for o in reversed(options) if "selected" in (o.attrs or {})), options[0] if options else None)
    shown = "" if chosen is None else "".join(
        str(t) for t in chosen.children if type(t) is NavigableString)
    element.clear()
    if shown.strip():
        element.append(NavigableString(shown))


@dataclass
class State:
    """What an element's text inherits: its colour, the background painted behind it (as on screen), its font
    size, the colour effects of the elements it is in, and its parent's `perspective`."""
    ink: Colour
    paper: Colour
    font: float
    effects: tuple[Effect, ...] = ()
    lens: float | None = None
    rtl: bool = False  # `direction` (or `dir`) right to left, as inherited


def _look(element: Tag, sheet: Sheet, state: State) -> State | None:
    """None when the element is not shown, else the state inside it."""
    ink, paper, font = state.ink, state.paper, state.font
    attrs = element.attrs or {}
    if "hidden" in attrs:
        return None
    name = (element.name or "").lower()
    if name in _NEVER_SHOWN or (name == "dialog" and "open" not in attrs):
        return None
    if name == "select" and "multiple" not in attrs and str(attrs.get("size") or "1").strip() in ("", "0", "1"):
        _closed_select(element)
    if name == "details" and "open" not in attrs:
        summary = element.find("summary", recursive=False)
        for child in list(element.children):
            if child is not summary:
                child.extract()
    classes = attrs.get("class") or ""
    class_set = {c.lower() for c in (classes if isinstance(classes, list) else str(classes).split())}
    ident = str(attrs.get("id") or "").lower()
    decls: Declarations = {}
    important: Declarations = {}
    cascade: list[tuple[tuple[int, int, int], int, str, str, bool]] = []
    for rule in sheet.matching(name, class_set, ident) if sheet.by_key else ():
        if not rule.exact:
            if rule.hides or any(_rule_hides(look, paper, font) or _effect_hides(look, state) for look in rule.looks):
                return None  # a hiding rule whose reach is not known exactly still hides
            continue
        cascade.extend((rule.specificity, order, prop, value, imp) for prop, (value, imp, order) in rule.props.items())
    for _, _, prop, value, imp in sorted(cascade):
        (important if imp else decls)[prop] = (value, imp)
    style = attrs.get("style")
    if isinstance(style, str):
        decls.update(declarations(style))
    decls.update({p: v for p, v in important.items() if not (p in decls and decls[p][1])})
    if _box_hidden(decls) or _effect_hides(decls, state) or _behind_viewer(decls, state.lens):
        return None
    variants: list[Declarations] = []
    if any("var(" in v for v, _ in decls.values()):
        variants = _with_vars(decls, sheet.customs)
        sheet.var_work += 1 + len(variants)
        if sheet.var_work > _VAR_WORK:
            raise _TooMuchStyle  # thousands of var() readings: a hostile mail, nothing in it is read
        if any(_rule_hides(variant, paper, font) or _effect_hides(variant, state)
               or _behind_viewer(variant, state.lens) for variant in variants):
            return None  # `color: var(--c)` with `--c: transparent`, `display: var(--d)` with `--d: none`
    if _clamped_away(element, decls, sheet):
        return None
    rtl = _right_to_left(decls, attrs, state.rtl)
    shaped = shaping(decls, attrs)
    if decls.keys() & _LAYOUT_PROPS or rtl or shaped:
        layout = _layout([decls, *variants] if any("var(" in v for v, _ in decls.values()) else [decls], rtl, name)
        if shaped:
            layout = layout or Layout()
            layout.shaped = True
        if layout is not None:
            sheet.layouts.append((element, layout))
    dims = {p: str(attrs[p]) for p in ("width", "height") if p in attrs and p not in decls}
    if dims and _box_hidden({**decls, **{p: (v if re.search(r"[a-z%]", v) else v + "px", False)
                                         for p, v in dims.items()}}):
        return None
    effects = _effects_of(decls, state)
    if effects is None:
        return None
    below = _background(decls, attrs)
    if below is not None:
        painted = paint(effects, below) if effects else below
        if painted is None:
            return None
        paper = _over(painted, paper)
    face = None
    if name == "font":
        if isinstance(attrs.get("color"), str):
            face = colour(str(attrs["color"]))
        if isinstance(attrs.get("size"), str) and "font-size" not in decls:
            sized = _font_tag_px(str(attrs["size"]), font)
            font = font if sized is None else sized
    for prop in ("color", "-webkit-text-fill-color"):
        painted = colour(_value(decls, prop)) if prop in decls else None
        face = painted if painted is not None else face
    ink = face if face is not None else ink
    lens = _length(_value(decls, "perspective")) if "perspective" in decls else None
    return State(ink, paper, _font_px(decls, font), effects, lens, rtl)


def _right_to_left(decls: Declarations, attrs: Mapping[str, object], inherited: bool) -> bool:
    said = _value(decls, "direction") or str(attrs.get("dir") or "").lower()
    return said == "rtl" if said in ("rtl", "ltr") else inherited


def _behind_viewer(decls: Declarations, lens: float | None) -> bool:
    """`translateZ` towards a parent's `perspective` until the box is behind the viewer or past reading."""
    if lens is None or "transform" not in decls:
        return False
    depth = sum(_length(re.split(r"[\s,]+", args.strip())[-1]) or 0.0 for args in
                re.findall(r"translate(?:z|3d)\s*\(([^)]*)\)", _value(decls, "transform")))
    return bool(depth) and _too_near_or_far(lens, depth)


# A line-clamped box shows its first N lines and cuts the rest (`-webkit-line-clamp`, `line-clamp`; 0 or a bad
# value shows nothing to a tester's reader). How a line wraps depends on the reader's width: a box is read only
# when its text cannot run past N lines (its line breaks and block boxes, and 40 characters a line, a phone's
# narrowest), else nothing in it is read.
_CHARS_A_LINE = 40
_BLOCKS = ("p", "div", "li", "tr", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol")


def _clamped_away(element: Tag, decls: Declarations, sheet: Sheet) -> bool:
    value = _value(decls, "-webkit-line-clamp") or _value(decls, "line-clamp")
    if not value or value in ("none", "initial", "unset", "inherit", "revert"):
        return False
    m = re.match(r"^(\d+)\b", value)
    if not m or int(m.group(1)) <= 0:
        return True
    sheet.work += sum(1 for _ in element.descendants)  # bounded with the sheet's work (_SHEET_WORK)
    if sheet.work > _SHEET_WORK:
        raise _TooMuchStyle
    lines = 0
    for chunk in re.split(r"\n+", _text_by_lines(element)):
        lines += max(1, -(-len(chunk.strip()) // _CHARS_A_LINE)) if chunk.strip() else 0
    return lines > int(m.group(1))


def _text_by_lines(element: Tag) -> str:
    from bs4 import Tag

    if not any(isinstance(t, Tag) and t.name in _BLOCKS for t in element.find_all(True)):
        return element.get_text(" ")
    parts: list[str] = []
    for node in element.descendants:
        if isinstance(node, Tag):
            if node.name in _BLOCKS:
                parts.append("\n")
        else:
            parts.append(str(node))
    return "".join(parts)


# --- layout that draws text in another order ------------------------------------------------------------------------

@dataclass
class Layout:
    """What an element's style does to the order its text is drawn in (read by html_order)."""
    reverse: bool = False   # a flex/grid container drawing its items last to first, or in an order not worked out
    key: float | None = None  # where it is drawn among its siblings: `order`, its grid column, its `left`
    lifted: bool = False    # absolutely or fixed positioned: drawn wherever its offsets put it
    floated: bool = False   # floated right: drawn from the right edge, the first such item rightmost
    tiled: bool = False     # an inline box (inline-block, -flex, -grid, -table) in right-to-left text: the boxes
    # are laid right to left among their siblings whatever the letters inside them
    mirrored: bool = False  # drawn mirrored or turned upside down (its letters read backwards)
    override: bool = False  # `unicode-bidi: bidi-override` right to left (however the values are reached)
    shaped: bool = False    # any own style or attribute that moves or reorders its box (offsets, transforms,
    # flex/grid, direction, float, negative margins...): html_order refuses a reference split across its edge


_LAYOUT_PROPS = frozenset({
    "display", "flex-direction", "flex-flow", "flex-wrap", "-webkit-box-direction", "direction", "order",
    "-webkit-flex-direction", "-webkit-flex-flow", "-webkit-flex-wrap", "-ms-flex-direction", "-ms-flex-flow",
    "grid-row", "grid-row-start", "grid-column-end", "-ms-grid-column", "-webkit-order", "-ms-flex-order",
    "grid-auto-flow", "grid-template-areas", "grid-area", "grid-column", "grid-column-start", "position", "float",
    "transform", "scale", "rotate", "unicode-bidi", "-webkit-box-ordinal-group"})
_MIRROR = re.compile(r"scale(?:x)?\s*\(\s*-|scale3d\s*\(\s*-|rotate(?:y|z)?\s*\(\s*-?(?:1[3-9]\d|2[0-2]\d)(?:\.\d*)?deg"
                     r"|rotate(?:y|z)?\s*\(\s*-?0?\.[4-6]\d*turn|rotate(?:y|z)?\s*\(\s*-?(?:2\.[4-9]|3\.\d|[34])\d*rad")


_MATRIX_AD = re.compile(r"matrix(?:3d)?\s*\(\s*(-?(?:\d+\.?\d*|\.\d+))\s*,[^,]*,[^,]*,\s*(-?(?:\d+\.?\d*|\.\d+))")


# Properties that move a box or reorder what is in it (typography and colour excepted): a box with any of them
# holding part of a case reference may draw those characters elsewhere than the source has them.
_SHAPING = re.compile(r"^(?:-(?:webkit|moz|ms|o)-)?(?:position|top|left|right|bottom|inset.*|transform.*|translate"
                      r"|scale|rotate|direction|unicode-bidi|flex.*|box-(?:direction|ordinal-group|orient|flex.*|pack|lines)|grid.*|order|float"
                      r"|writing-mode|text-orientation|perspective.*|offset.*|justify-.*|align-.*|place-.*"
                      r"|columns?|column-count|shape-outside)$")
_SHAPING_DISPLAY = re.compile(r"flex|grid|box|table|ruby|contents")
_STILL = re.compile(r"^(?:|none|normal|auto|initial|unset|inherit|static|ltr|0|0px|0%|horizontal-tb|mixed)$")


def shaping(decls: Declarations, attrs: Mapping[str, object]) -> bool:
    """Whether the element's own style or attributes may move or reorder its text (see _SHAPING)."""
    if str(attrs.get("dir") or "").strip().lower() in ("rtl", "auto"):
        return True
    for prop, (value, _) in decls.items():
        value = value.strip().lower()
        if prop == "display":
            if _SHAPING_DISPLAY.search(value):
                return True
        elif prop.startswith(("margin", "-webkit-margin", "-moz-margin")):
            if "-" in value or "var(" in value:
                return True  # a negative margin pulls the next text over or before this
        elif _SHAPING.match(prop) and not _STILL.match(value):
            return True
    return False


_ANGLE = re.compile(r"(-?(?:\d+\.?\d*|\.\d+))\s*(deg|grad|rad|turn)\b")
_TO_DEG = {"deg": 1.0, "grad": 0.9, "rad": 57.29578, "turn": 360.0}


def _half_turn(value: str) -> bool:
    """An angle (deg, grad, rad or turn) that turns the box between a quarter and three quarters round: its
    letters read backwards or upside down (`rotate: 180deg`, `rotateY(0.5turn)`, `rotate(200grad)`)."""
    return any(90 < (float(n) * _TO_DEG[u]) % 360 < 270 for n, u in _ANGLE.findall(value.lower()))


def _layout(readings: list[Declarations], inherited_rtl: bool, name: str) -> Layout | None:
    """The element's Layout when any reading of its style (var() put in every way) reorders, else None."""
    out = Layout()
    for decls in readings:
        display = _value(decls, "display")
        # a table's cells are laid right to left under `dir=rtl` too
        boxed = any(k in display for k in ("flex", "grid", "box", "table")) or name in ("table", "tr")
        said = _value(decls, "direction")
        rtl = said == "rtl" if said in ("rtl", "ltr") else inherited_rtl
        flow = " ".join(_value(decls, p) for p in (
            "flex-direction", "flex-flow", "flex-wrap", "-webkit-box-direction", "-webkit-flex-direction",
            "-webkit-flex-flow", "-webkit-flex-wrap", "-ms-flex-direction", "-ms-flex-flow"))
        if boxed and ("reverse" in flow or rtl or "dense" in _value(decls, "grid-auto-flow")
                      or "grid-template-areas" in decls):
            out.reverse = True
        for prop in ("order", "-webkit-order", "-ms-flex-order", "-webkit-box-ordinal-group", "grid-column-start",
                     "grid-column", "grid-area", "-ms-grid-column", "grid-row", "grid-row-start"):
            m = re.match(r"^([+-]?\d+(?:\.\d+)?)", _value(decls, prop))
            if m and (prop != "order" or float(m.group(1)) != 0):
                out.key = float(m.group(1))
        out.floated = out.floated or _value(decls, "float") == "right"
        out.tiled = out.tiled or (inherited_rtl and display.startswith("inline-"))
        if _value(decls, "position") in ("absolute", "fixed"):
            out.lifted = True
            left = _length(_value(decls, "left"))
            right = _length(_value(decls, "right"))
            out.key = left if left is not None else -right if right is not None else out.key
        turned = " ".join(_value(decls, p) for p in ("transform", "scale", "rotate"))
        matrix = _MATRIX_AD.search(turned)
        half_turn = _half_turn(_value(decls, "rotate")) or any(
            _half_turn(args) for args in re.findall(r"rotate[xyz3d]*\s*\(([^)]*)\)", _value(decls, "transform")))
        if _MIRROR.search(turned) or half_turn or re.match(r"^\s*-", _value(decls, "scale")) or (
                matrix and (float(matrix.group(1)) < 0 or float(matrix.group(2)) < 0)):
            out.mirrored = True
        if rtl and re.search(r"bidi-override|isolate-override", _value(decls, "unicode-bidi")):
            out.override = True
    return out if out != Layout() else None
