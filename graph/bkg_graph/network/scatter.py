"""The exploratory pictures (co-participation, neighbourhood): the force layout, labelled
without overlap.

Positions come from :func:`.layout.layout`, stretched to fill the body of the page. Labels
are placed best-connected node first, each at the first of a few spots around its node
(below, above, right, left) where its measured box overlaps no node and no label already
placed and stays on the page; a label with no such spot is left out, and the key says so.
This greedy placement is exact where a force-based label mover (adjustText) is only
approximate: it can promise no overlap, which is what a briefing needs.
"""

from __future__ import annotations

import networkx as nx

from .export import abbreviated
from .figure import MIN_PT, Box, Page
from .layout import layout
from .style import edge_look, label, sizes, swatch


def draw_scatter(page: Page, g: nx.Graph) -> None:
    from matplotlib.collections import LineCollection

    body = page.body
    pt = max(MIN_PT, page.size.text - 1)
    radius = {v: s / 2 / 72 * page.size.width / 13.333 for v, s in sizes(g).items()}
    inset = max(radius.values(), default=0.1) + page.line_height(pt)
    inner = Box(body.x + inset, body.y + inset, body.w - 2 * inset, body.h - 2 * inset)
    raw = layout(g)
    pos = {
        v: (inner.x + (x + 1) / 2 * inner.w, inner.y + (y + 1) / 2 * inner.h)
        for v, (x, y) in raw.items()
    }
    segments, colours, styles, widths = [], [], [], []
    top = max((int(d.get("weight", 1)) for _, _, d in g.edges(data=True)), default=1)
    for a, b, d in g.edges(data=True):
        look = edge_look(d, None)
        segments.append((pos[a], pos[b]))
        colours.append(look.color)
        styles.append(look.style)
        widths.append(0.6 + 3.0 * (max(int(d.get("weight", 1)), 1) / top) ** 0.5)
    page.ax.add_collection(
        LineCollection(
            segments,
            colors=colours,
            linestyles=styles,
            linewidths=widths,
            zorder=1,
        )
    )
    nodes = sorted(g, key=lambda v: (-g.degree(v), v))
    for v in nodes:
        from matplotlib.patches import Circle

        s = swatch(g.nodes[v])
        page.ax.add_patch(
            Circle(pos[v], radius[v], facecolor=s.color, edgecolor="#333333", lw=0.6, zorder=2)
        )
    taken = [
        Box(pos[v][0] - radius[v], pos[v][1] - radius[v], 2 * radius[v], 2 * radius[v])
        for v in nodes
    ]
    short = {a.name: a.abbreviation for a in abbreviated(g, page.lang)}
    for v in nodes:
        text = label(g.nodes[v], page.lang)
        text = short.get(text, text) if g.nodes[v].get("group") == "Agency" else text
        lines = page.wrap(text, 0.22 * body.w, pt)
        w = max(page.width(ln, pt) for ln in lines)
        h = len(lines) * page.line_height(pt)
        x, y, r = pos[v][0], pos[v][1], radius[v]
        gap = 0.2 * pt / 72
        spots = [
            Box(x - w / 2, y - r - gap - h, w, h),
            Box(x - w / 2, y + r + gap, w, h),
            Box(x + r + gap, y - h / 2, w, h),
            Box(x - r - gap - w, y - h / 2, w, h),
        ]
        for spot in spots:
            if spot.inside(body) and not any(spot.overlaps(t) for t in taken):
                taken.append(spot)
                page.text(
                    spot.x + w / 2, spot.top, lines, pt, ha="center", gid="node-label", halo=True
                )
                break
