"""A network as a picture for briefings: SVG and PNG, with the formats every export offers.

Images are drawn with matplotlib from the same server-side layout and palette as the page,
with a title, a legend and a footer naming the dataset version, as-of date and filters.
Japanese labels use IPAex Gothic from the ``matplotlib-fontja`` package; SVG keeps every
label as text (``svg.fonttype: none``) so it stays searchable and editable in slides.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..errors import InputError
from .layout import layout
from .render import Footer
from .style import label, legend, sizes, swatch

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# matplotlib is imported where a picture is drawn: loading it costs the command line and the
# server over half a second at start-up

FONT = "IPAexGothic"


#: The IPAex Gothic font file shipped by the ``matplotlib-fontja`` package (read directly, so
#: that importing it does not change matplotlib's global settings).
def _font_file() -> str:
    spec = find_spec("matplotlib_fontja")  # finds the package without importing matplotlib
    assert spec is not None and spec.submodule_search_locations, "matplotlib-fontja missing"
    return str(Path(spec.submodule_search_locations[0]) / "fonts" / "ipaexg.ttf")


FONT_FILE = _font_file()
#: Label every node up to this many; above, only the best connected ones.
LABEL_ALL_AT = 80


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
#: Page sizes: (width, height) in inches and the PNG resolution.
SIZES = {"slide": ((16.0, 9.0), 100), "print": ((11.69, 8.27), 300)}


@contextmanager
def japanese_text() -> Iterator[None]:
    """matplotlib settings for the drawings: the bundled CJK font, text kept as text."""
    import matplotlib
    from matplotlib import font_manager

    font_manager.fontManager.addfont(FONT_FILE)
    with matplotlib.rc_context({"font.family": [FONT], "svg.fonttype": "none"}):
        yield


def new_figure(size: str) -> Figure:
    if size not in SIZES:
        raise InputError(f"size must be one of {', '.join(SIZES)}, not {size!r}")
    (w, h), dpi = SIZES[size]
    from matplotlib.figure import Figure

    return Figure(figsize=(w, h), dpi=dpi)


def save(fig: Figure, fmt: Format) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt.value, metadata=_metadata(fmt))
    return buf.getvalue()


def _metadata(fmt: Format) -> dict[str, Any]:
    # No creation date, so that the same view gives the same bytes.
    return {"Date": None} if fmt is Format.SVG else {"Software": "bilateral-kg"}


def draw(g: nx.Graph, *, lang: str, fmt: Format, size: str, footer: Footer | None) -> bytes:
    """The network as an SVG or PNG picture with title, legend and footer."""
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    with japanese_text():
        fig = new_figure(size)
        ax = fig.add_axes((0.01, 0.06, 0.74, 0.86))
        ax.set_axis_off()
        pos = layout(g)
        segments = [(pos[a], pos[b]) for a, b in g.edges()]
        widths = [0.6 + 0.5 * min(int(d["weight"]), 12) for _, _, d in g.edges(data=True)]
        styles = [
            "dashed" if d["weight"] == 0 or d.get("role") == "named" else "solid"
            for _, _, d in g.edges(data=True)
        ]
        ax.add_collection(
            LineCollection(segments, linewidths=widths, linestyles=styles, colors="#9a9a9a")
        )
        nodes = list(g.nodes)
        size_of = sizes(g)
        ax.scatter(
            [pos[v][0] for v in nodes],
            [pos[v][1] for v in nodes],
            s=[(size_of[v] * 0.9) ** 2 for v in nodes],
            c=[swatch(g.nodes[v]).color for v in nodes],
            edgecolors="#333333",
            linewidths=0.6,
            zorder=2,
        )
        ranked = sorted(nodes, key=lambda v: (-g.degree(v), v))[:LABEL_ALL_AT]
        for v in ranked:
            x, y = pos[v]
            ax.annotate(
                label(g.nodes[v], lang),
                (x, y),
                xytext=(0, -(size_of[v] * 0.45 + 7)),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=9,
                zorder=3,
            )
        ax.set_xlim(-1.15, 1.15)
        ax.set_ylim(-1.15, 1.12)
        title = g.graph.get(f"title_{lang}") or g.graph.get("title_en", "")
        _frame(fig, title, footer, lang)
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=10,
                markerfacecolor=s.color,
                markeredgecolor="#333333",
                label=s.label(lang),
            )
            for s in legend(g)
        ]
        if handles:
            fig.legend(
                handles=handles,
                loc="upper left",
                bbox_to_anchor=(0.77, 0.9),
                frameon=False,
                fontsize=11,
            )
        return save(fig, fmt)


def _frame(fig: Figure, title: str, footer: Footer | None, lang: str) -> None:
    fig.suptitle(title, x=0.02, y=0.97, ha="left", fontsize=20)
    if footer is not None:
        fig.text(0.02, 0.015, footer_line(footer, lang), fontsize=9, color="#555555")


def footer_line(footer: Footer, lang: str) -> str:
    if lang == "ja":
        return (
            f"データ版 {footer.version} ・ {footer.as_of} 時点 ・ 絞り込み: {footer.filters}"
            f" ・ {footer.live_url}"
        )
    return (
        f"Dataset {footer.version} · as of {footer.as_of} · filters: {footer.filters}"
        f" · {footer.live_url}"
    )
