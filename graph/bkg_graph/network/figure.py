"""The page every static picture is drawn on: size, fonts, header, legend, footer, body.

A picture is laid out in inches on one axes that covers the whole figure, so that every
box is placed where it was measured. Text is measured with matplotlib's own renderer (the
same font metrics the SVG and PNG are drawn with), and every line of text is its own text
element, so a reader of the SVG — and the test that checks it — sees one box per line.

The header holds the title and a caption (what is shown, the filters in words, the source
documents with their dates); the legend and footer are stacked from the bottom; whatever
is left in between is the body, which the drawing fills.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import InputError
from .render import Footer

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure

FONT = "IPAexGothic"
#: No text smaller than this many points at the picture's printed size.
MIN_PT = 8.0
INK, GREY = "#222222", "#555555"


def _font_file() -> str:
    """The IPAex Gothic font file shipped by ``matplotlib-fontja`` (read directly, so that
    importing that package does not change matplotlib's global settings)."""
    spec = find_spec("matplotlib_fontja")  # finds the package without importing matplotlib
    assert spec is not None and spec.submodule_search_locations, "matplotlib-fontja missing"
    return str(Path(spec.submodule_search_locations[0]) / "fonts" / "ipaexg.ttf")


FONT_FILE = _font_file()


class Format(StrEnum):
    SVG = "svg"
    PNG = "png"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"
    JSON = "json"


MEDIA_TYPES = {
    Format.SVG: "image/svg+xml",
    Format.PNG: "image/png",
    Format.GRAPHML: "application/graphml+xml",
    Format.GEXF: "application/gexf+xml",
    Format.CSV: "text/csv; charset=utf-8",
    Format.JSON: "application/json",
}


@dataclass(frozen=True)
class Size:
    """A printed size: width and height in inches, PNG resolution, body text in points."""

    width: float
    height: float
    dpi: int
    text: float
    title: float


CM = 1 / 2.54
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
#: Units a line may break after: words with their space, or (in Japanese) single
#: characters and whole Latin words.
_TOKENS = {False: re.compile(r"\S+\s*|\s+"), True: re.compile(r"\(?[A-Za-z0-9+\-.'/]+\)?\s*|.\s*")}
SIZES = {
    "slide": Size(40 / 3, 7.5, 300, 11.0, 20.0),  # 16:9, PowerPoint's widescreen slide
    "a4-half": Size(16 * CM, 13 * CM, 300, 8.0, 12.0),  # text width of A4, half a page
    "a4-full": Size(16 * CM, 24 * CM, 300, 8.5, 13.0),  # text width and height of A4
    "print": Size(11.69, 8.27, 300, 10.0, 18.0),  # A4 landscape
}


@contextmanager
def japanese_text() -> Iterator[None]:
    """matplotlib settings for the drawings: the bundled CJK font, text kept as text."""
    import matplotlib
    from matplotlib import font_manager

    font_manager.fontManager.addfont(FONT_FILE)
    # a fixed salt for the SVG's ids: the same picture, the same bytes
    with matplotlib.rc_context(
        {"font.family": [FONT], "svg.fonttype": "none", "svg.hashsalt": "bilateral-kg"}
    ):
        yield


def new_figure(size: str) -> Figure:
    s = size_of(size)
    from matplotlib.figure import Figure

    return Figure(figsize=(s.width, s.height), dpi=s.dpi)


def size_of(size: str) -> Size:
    if size not in SIZES:
        raise InputError(f"size must be one of {', '.join(SIZES)}, not {size!r}")
    return SIZES[size]


def save(fig: Figure, fmt: Format) -> bytes:
    buf = io.BytesIO()
    # No creation date, so that the same view gives the same bytes.
    meta: dict[str, Any] = {"Date": None} if fmt is Format.SVG else {"Software": "bilateral-kg"}
    fig.savefig(buf, format=fmt.value, metadata=meta)
    return buf.getvalue()


def public_link(url: str) -> str:
    """``url`` if a reader elsewhere could open it; empty for a loopback or unset address."""
    host = (urlsplit(url).hostname or "").lower()
    if not host or host in ("localhost", "0.0.0.0", "::1") or host.startswith("127."):
        return ""
    return url


def footer_line(footer: Footer, lang: str) -> str:
    """Dataset version and as-of date, and the live view's address when it is public."""
    link = public_link(footer.live_url)
    if lang == "ja":
        line = f"データ版 {footer.version} ・ {footer.as_of} 時点"
        return line + (f" ・ {link}" if link else "")
    line = f"Dataset {footer.version} · as of {footer.as_of}"
    return line + (f" · {link}" if link else "")


@dataclass
class Box:
    """A rectangle in inches: left, bottom, width, height."""

    x: float
    y: float
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        return not (
            self.right + gap <= other.x
            or other.right + gap <= self.x
            or self.top + gap <= other.y
            or other.top + gap <= self.y
        )

    def inside(self, other: Box) -> bool:
        return (
            self.x >= other.x
            and self.y >= other.y
            and self.right <= other.right
            and self.top <= other.top
        )


class Page:
    """A figure of one size with one axes in inches, and text measured before it is placed."""

    def __init__(self, size: str, lang: str) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.font_manager import FontProperties

        self.size = size_of(size)
        self.lang = lang
        self.fig = new_figure(size)
        FigureCanvasAgg(self.fig)
        self.renderer: RendererBase = self.fig.canvas.get_renderer()  # type: ignore[attr-defined]
        self.ax: Axes = self.fig.add_axes((0, 0, 1, 1))
        self.ax.set_axis_off()
        self.ax.set_xlim(0, self.size.width)
        self.ax.set_ylim(0, self.size.height)
        self.margin = max(0.12, 0.025 * min(self.size.width, self.size.height))
        self._font = FontProperties
        self._ids: dict[str, int] = {}
        #: Room left for the drawing; header and bottom bands take from it.
        self.body = Box(
            self.margin,
            self.margin,
            self.size.width - 2 * self.margin,
            self.size.height - 2 * self.margin,
        )

    # --- measuring and wrapping
    def width(self, text: str, pt: float, bold: bool = False) -> float:
        """The width of one line of ``text`` at ``pt`` points, in inches."""
        prop = self._font(family=FONT, size=pt, weight="bold" if bold else "normal")
        w, _, _ = self.renderer.get_text_width_height_descent(text, prop, ismath=False)
        return float(w) / self.size.dpi

    def line_height(self, pt: float) -> float:
        return 1.2 * pt / 72

    def wrap(self, text: str, width: float, pt: float, bold: bool = False) -> list[str]:
        """``text`` broken into lines no wider than ``width`` inches: between words, or, in
        Japanese, between any two characters outside a Latin word (``AI``, ``Open RAN``)."""
        lines: list[str] = []
        for para in text.split("\n"):
            line = ""
            for token in _TOKENS[bool(_CJK.search(para))].findall(para):
                trial = line + token
                if not line.strip() or self.width(trial.rstrip(), pt, bold) <= width:
                    line = trial
                else:
                    lines.append(line.rstrip())
                    line = token.lstrip()
            if line.strip():
                lines.append(line.rstrip())
        return [self._fit(ln, width, pt, bold) for ln in lines]

    def _fit(self, line: str, width: float, pt: float, bold: bool) -> str:
        """A single word wider than the column is shortened with an ellipsis."""
        if self.width(line, pt, bold) <= width:
            return line
        while len(line) > 1 and self.width(line + "…", pt, bold) > width:
            line = line[:-1]
        return line + "…"

    # --- placing
    def text(
        self,
        x: float,
        y: float,
        lines: list[str],
        pt: float,
        *,
        ha: str = "left",
        color: str = INK,
        bold: bool = False,
        gid: str = "",
        halo: bool = False,
    ) -> None:
        """Lines of text whose first line's top is at ``y``, one text element per line."""
        step = self.line_height(pt)
        for i, line in enumerate(lines):
            t = self.ax.text(
                x,
                y - i * step - step / 2,
                line,
                fontsize=pt,
                ha=ha,
                va="center",
                color=color,
                fontweight="bold" if bold else "normal",
                clip_on=False,
                zorder=4,
            )
            if halo:  # a white ground, so that a label stays readable over lines
                t.set_bbox({"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 0.3})
            if gid:
                self._ids[gid] = self._ids.get(gid, 0) + 1
                t.set_gid(f"{gid}-{self._ids[gid]}")

    def header(self, title: str, caption: list[str]) -> None:
        """Title and caption lines at the top; the body starts below them."""
        s = self.size
        body = self.body
        titles = self.wrap(title, body.w, s.title)
        y = body.top
        self.text(body.x, y, titles, s.title, gid="title")
        y -= len(titles) * self.line_height(s.title) + 0.3 * s.text / 72
        cap = [ln for part in caption for ln in self.wrap(part, body.w, s.text)]
        self.text(body.x, y, cap, s.text, color=GREY, gid="caption")
        y -= len(cap) * self.line_height(s.text) + 0.8 * s.text / 72
        self.body = Box(body.x, body.y, body.w, y - body.y)

    def footer(self, footer: Footer | None) -> None:
        if footer is None:
            return
        pt = max(MIN_PT, self.size.text - 2)
        lines = self.wrap(footer_line(footer, self.lang), self.body.w, pt)
        h = len(lines) * self.line_height(pt)
        self.text(self.body.x, self.body.y + h, lines, pt, color=GREY, gid="footer")
        self.reserve_bottom(h + 0.5 * pt / 72)

    def reserve_bottom(self, h: float) -> None:
        b = self.body
        self.body = Box(b.x, b.y + h, b.w, b.h - h)
