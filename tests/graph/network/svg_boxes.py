"""Text boxes and drawn extent read back from an SVG picture, measured with fontTools.

matplotlib writes each line of text as a ``<text>`` element (``svg.fonttype: none``) with
its baseline, size and anchor; the box of a line is measured here from the font file
itself (advance widths, ascender and descender), independently of matplotlib's own layout,
so a test built on it checks the picture a reader's SVG viewer shows.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache

from fontTools.ttLib import TTFont

from bkg_graph.network.figure import FONT_FILE

SVG = "{http://www.w3.org/2000/svg}"
_NUM = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


@dataclass(frozen=True)
class TextBox:
    text: str
    x0: float
    y0: float  # top (SVG y grows downwards)
    x1: float
    y1: float
    size: float

    def overlaps(self, other: TextBox) -> bool:
        eps = 0.01
        return not (
            self.x1 <= other.x0 + eps
            or other.x1 <= self.x0 + eps
            or self.y1 <= other.y0 + eps
            or other.y1 <= self.y0 + eps
        )


@cache
def _font() -> tuple[dict[int, str], dict[str, tuple[int, int]], int, int, int]:
    font = TTFont(FONT_FILE)
    hhea = font["hhea"]
    return (
        font.getBestCmap(),
        dict(font["hmtx"].metrics),
        font["head"].unitsPerEm,
        hhea.ascent,
        hhea.descent,
    )


def text_width(text: str, size: float) -> float:
    cmap, metrics, upm, _, _ = _font()
    units = sum(metrics[cmap.get(ord(ch), ".notdef")][0] for ch in text)
    return units * size / upm


def text_boxes(svg: bytes) -> list[TextBox]:
    _, _, upm, ascent, descent = _font()
    out = []
    for t in ET.fromstring(svg).iter(f"{SVG}text"):
        style = dict(
            (k.strip(), v.strip())
            for k, v in (p.split(":", 1) for p in t.get("style", "").split(";") if ":" in p)
        )
        size = float(style["font-size"].removesuffix("px"))
        text = "".join(t.itertext())
        w = text_width(text, size)
        x, y = float(t.get("x", 0)), float(t.get("y", 0))
        anchor = style.get("text-anchor", "start")
        x0 = x - (w / 2 if anchor == "middle" else w if anchor == "end" else 0)
        out.append(
            TextBox(text, x0, y - ascent * size / upm, x0 + w, y - descent * size / upm, size)
        )
    return out


def canvas(svg: bytes) -> tuple[float, float]:
    root = ET.fromstring(svg)
    _, _, w, h = (float(v) for v in root.get("viewBox", "").split())
    return w, h


def path_points(svg: bytes) -> list[tuple[float, float]]:
    """Every coordinate of every path drawn, less the page's white background."""
    root = ET.fromstring(svg)
    points = []
    for g in root.iter(f"{SVG}g"):
        if g.get("id") == "patch_1":
            continue
        for p in g.findall(f"{SVG}path"):
            nums = [float(n) for n in _NUM.findall(p.get("d", ""))]
            points += list(zip(nums[::2], nums[1::2], strict=False))
    return points


def overlapping(boxes: list[TextBox]) -> list[tuple[str, str]]:
    return [(a.text, b.text) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b)]


def outside(boxes: list[TextBox], w: float, h: float) -> list[str]:
    return [b.text for b in boxes if b.x0 < 0 or b.y0 < 0 or b.x1 > w or b.y1 > h]


def drawn_fraction(svg: bytes) -> float:
    """The share of the canvas covered by the bounding box of all text and paths."""
    w, h = canvas(svg)
    xs = [p[0] for p in path_points(svg)]
    ys = [p[1] for p in path_points(svg)]
    for b in text_boxes(svg):
        xs += [b.x0, b.x1]
        ys += [b.y0, b.y1]
    return (min(max(xs), w) - max(min(xs), 0)) * (min(max(ys), h) - max(min(ys), 0)) / (w * h)
