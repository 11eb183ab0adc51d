"""What a reader paints after CSS colour effects: `filter` colour functions, `mix-blend-mode`, `color-mix()`.

html_hidden judges text unseen when its colour cannot be told from what is behind it. `filter: invert(1)` turns
black text white over a white page (the page behind the element is not filtered, only what the element paints),
and `mix-blend-mode: screen` / `lighten` / `difference` does the same by blending with the page. The filter
functions are the Filter Effects spec's colour matrices; the separable blend modes are the Compositing spec's
formulas. What cannot be worked out (an SVG filter by `url()`, an unknown blend mode) is taken as hiding: over-
hiding drops a command (fail safe), under-hiding applies one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

Colour = tuple[float, float, float, float]  # r, g, b in 0..255, alpha in 0..1
Matrix = tuple[tuple[float, float, float], tuple[float, float, float], tuple[float, float, float]]
# one filter function: a 3x3 matrix on r, g, b (0..255) and an offset added after, the result clamped
Step = tuple[Matrix, tuple[float, float, float]]
# what one element does to the colours painted inside it: its filter's steps, then a blend with the backdrop
Effect = tuple[tuple[Step, ...], str, Colour]

UNKNOWN = "unknown"  # an effect that cannot be worked out: what it paints is not known to be seen

_ID: Matrix = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))
_ZERO = (0.0, 0.0, 0.0)
_FUNCTION = re.compile(r"([a-z-]+)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
_NUMBER = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(%|deg|grad|rad|turn)?$")


def _amount(args: str, default: float = 1.0) -> float | None:
    args = args.strip()
    if not args:
        return default
    m = _NUMBER.match(args)
    if not m:
        return None
    number = float(m.group(1))
    return number / 100 if m.group(2) == "%" else number


def _degrees(args: str) -> float | None:
    m = _NUMBER.match(args.strip() or "0")
    if not m:
        return None
    scale = {"grad": 0.9, "rad": 180 / math.pi, "turn": 360.0}.get(m.group(2) or "deg", 1.0)
    return float(m.group(1)) * scale


def _mix(full: Matrix, a: float) -> Matrix:
    """`full` applied by amount a (0: identity, 1: full), as grayscale() and sepia() are defined."""
    return tuple(tuple(_ID[i][j] + (full[i][j] - _ID[i][j]) * a for j in range(3))  # type: ignore[return-value]
                 for i in range(3))


_GREY: Matrix = ((0.2126, 0.7152, 0.0722), (0.2126, 0.7152, 0.0722), (0.2126, 0.7152, 0.0722))
_SEPIA: Matrix = ((0.393, 0.769, 0.189), (0.349, 0.686, 0.168), (0.272, 0.534, 0.131))


def _saturate(s: float) -> Matrix:
    return ((0.213 + 0.787 * s, 0.715 - 0.715 * s, 0.072 - 0.072 * s),
            (0.213 - 0.213 * s, 0.715 + 0.285 * s, 0.072 - 0.072 * s),
            (0.213 - 0.213 * s, 0.715 - 0.715 * s, 0.072 + 0.928 * s))


def _hue(deg: float) -> Matrix:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((0.213 + c * 0.787 - s * 0.213, 0.715 - c * 0.715 - s * 0.715, 0.072 - c * 0.072 + s * 0.928),
            (0.213 - c * 0.213 + s * 0.143, 0.715 + c * 0.285 + s * 0.140, 0.072 - c * 0.072 - s * 0.283),
            (0.213 - c * 0.213 - s * 0.787, 0.715 - c * 0.715 + s * 0.715, 0.072 + c * 0.928 + s * 0.072))


def filter_steps(value: str) -> tuple[Step, ...] | None:
    """The colour steps of a `filter` value (functions that move no colour - blur, opacity, drop-shadow - are
    judged elsewhere and pass here), or None when one cannot be worked out (`url(#f)`, a bad amount)."""
    value = value.strip()
    if not value or value == "none":
        return ()
    if "url(" in value:
        return None  # an SVG filter (feColorMatrix, feFlood) can paint anything
    steps: list[Step] = []
    for name, args in _FUNCTION.findall(value)[:16]:
        if name == "hue-rotate":
            deg = _degrees(args)
            if deg is None:
                return None
            steps.append((_hue(deg), _ZERO))
            continue
        if name not in ("invert", "grayscale", "sepia", "saturate", "contrast", "brightness"):
            continue
        a = _amount(args)
        if a is None or a < 0:
            return None
        if name == "invert":
            a = min(a, 1.0)
            steps.append((((1 - 2 * a, 0.0, 0.0), (0.0, 1 - 2 * a, 0.0), (0.0, 0.0, 1 - 2 * a)), (255 * a,) * 3))
        elif name == "brightness":
            steps.append((((a, 0.0, 0.0), (0.0, a, 0.0), (0.0, 0.0, a)), _ZERO))
        elif name == "contrast":
            steps.append((((a, 0.0, 0.0), (0.0, a, 0.0), (0.0, 0.0, a)), (127.5 * (1 - a),) * 3))
        elif name == "saturate":
            steps.append((_saturate(a), _ZERO))
        else:
            steps.append((_mix(_GREY if name == "grayscale" else _SEPIA, min(a, 1.0)), _ZERO))
    return tuple(steps)


def _run(steps: tuple[Step, ...], c: Colour) -> Colour:
    r, g, b = c[0], c[1], c[2]
    for m, off in steps:
        r, g, b = (min(max(m[i][0] * r + m[i][1] * g + m[i][2] * b + off[i], 0.0), 255.0) for i in range(3))
    return (r, g, b, c[3])


def _separable(mode: str) -> Callable[[float, float], float] | None:
    """B(backdrop, source) on 0..1 channels, Compositing and Blending Level 1 section 10.2."""
    def hard(cb: float, cs: float) -> float:
        return cb * 2 * cs if cs <= 0.5 else cb + (2 * cs - 1) - cb * (2 * cs - 1)

    def soft(cb: float, cs: float) -> float:
        if cs <= 0.5:
            return cb - (1 - 2 * cs) * cb * (1 - cb)
        d = ((16 * cb - 12) * cb + 4) * cb if cb <= 0.25 else math.sqrt(cb)
        return cb + (2 * cs - 1) * (d - cb)

    modes: dict[str, Callable[[float, float], float]] = {
        "normal": lambda cb, cs: cs,
        "multiply": lambda cb, cs: cb * cs,
        "screen": lambda cb, cs: cb + cs - cb * cs,
        "overlay": lambda cb, cs: hard(cs, cb),
        "darken": min, "lighten": max,
        "color-dodge": lambda cb, cs: 0.0 if cb == 0 else 1.0 if cs >= 1 else min(1.0, cb / (1 - cs)),
        "color-burn": lambda cb, cs: 1.0 if cb >= 1 else 0.0 if cs <= 0 else 1 - min(1.0, (1 - cb) / cs),
        "hard-light": hard, "soft-light": soft,
        "difference": lambda cb, cs: abs(cb - cs),
        "exclusion": lambda cb, cs: cb + cs - 2 * cb * cs,
        "plus-lighter": lambda cb, cs: min(1.0, cb + cs),
        "plus-darker": lambda cb, cs: max(0.0, cb + cs - 1),
        # the non-separable modes keep the backdrop's luminosity (hue, saturation, color: the source's lightness
        # is lost, so is the text) or the source's (luminosity: read as the source)
        "hue": lambda cb, cs: cb, "saturation": lambda cb, cs: cb, "color": lambda cb, cs: cb,
        "luminosity": lambda cb, cs: cs,
    }
    return modes.get(mode)


def blend_mode(value: str) -> str:
    """The element's `mix-blend-mode` ("normal" when none; UNKNOWN for a value no reader would take as normal)."""
    value = value.strip()
    if value in ("", "normal", "initial", "unset", "revert", "inherit"):
        return "normal"
    return value if _separable(value) is not None else UNKNOWN


def paint(effects: tuple[Effect, ...], c: Colour) -> Colour | None:
    """The colour on screen of `c` painted inside elements with these effects (outermost first), or None when an
    effect cannot be worked out. A blend is taken against the backdrop as it was on screen at its element."""
    for steps, mode, backdrop in reversed(effects):
        c = _run(steps, c)
        if mode == "normal":
            continue
        blend = _separable(mode)
        if blend is None:
            return None
        c = (*(255 * blend(backdrop[i] / 255, c[i] / 255) for i in range(3)), c[3])  # type: ignore[assignment]
    return c


# --- colour functions -----------------------------------------------------------------------------------------------

def split_args(inner: str) -> list[str]:
    """A function's arguments split at its own commas (not those of a nested function)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(inner):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(inner[start:i].strip())
            start = i + 1
    out.append(inner[start:].strip())
    return out


_PERCENT = re.compile(r"(?:^|\s)(\d+(?:\.\d*)?|\.\d+)%(?:\s|$)")


def mixed(value: str, read: Callable[[str], Colour | None]) -> Colour | None:
    """`color-mix(in <space>, c1 [p1], c2 [p2])` (mixed in sRGB whatever the space: near enough to judge whether
    text can be read) and `light-dark(light, dark)` (the light one: html_hidden paints a light page)."""
    m = re.match(r"^(color-mix|light-dark)\s*\((.*)\)$", value.strip(), re.S)
    if not m:
        return None
    args = split_args(m.group(2))
    if m.group(1) == "light-dark":
        return read(args[0]) if len(args) == 2 else None
    if len(args) != 3 or not args[0].startswith("in "):
        return None
    colours: list[Colour] = []
    shares: list[float | None] = []
    for arg in args[1:]:
        found = _PERCENT.search(arg)
        shares.append(float(found.group(1)) / 100 if found else None)
        got = read(_PERCENT.sub(" ", arg).strip())
        if got is None:
            return None
        colours.append(got)
    p1, p2 = shares
    if p1 is None and p2 is None:
        p1 = p2 = 0.5
    elif p1 is None:
        p1 = 1 - (p2 or 0.0)
    elif p2 is None:
        p2 = 1 - p1
    total = p1 + (p2 or 0.0)
    if total <= 0:
        return None
    w1, w2 = p1 / total, (p2 or 0.0) / total
    a, b = colours
    alpha = (a[3] * w1 + b[3] * w2) * min(total, 1.0)
    return (a[0] * w1 + b[0] * w2, a[1] * w1 + b[1] * w2, a[2] * w1 + b[2] * w2, alpha)
