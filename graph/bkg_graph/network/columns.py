"""The partnership picture: one party's agencies | the initiatives | the other party's.

Each agency and initiative is a box holding its name (wrapped to the column, never cut)
and the number of statements behind its links. Agencies stand in order of that number;
the initiatives in the order that crosses the fewest lines (:func:`.layout.column_order`).
The font shrinks, down to :data:`~.figure.MIN_PT`, and the middle column widens until every
box fits the height of the page; if even then it cannot, the least cited initiatives are
left out and a last row says how many.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from .figure import INK, MIN_PT, Box, Page
from .layout import column_order
from .style import edge_look, label, swatch


@dataclass
class Node:
    key: str
    lines: list[str]
    box: Box
    color: str
    fill: str
    focus: bool = False


def statement_counts(g: nx.Graph) -> dict[str, int]:
    """How many distinct statements stand behind the links of each node."""
    out = {}
    for v in g:
        found: set[str] = set()
        for _, _, d in g.edges(v, data=True):
            found.update(d.get("statements", []))
        out[v] = len(found)
    return out


def parties(g: nx.Graph) -> tuple[list[str], list[str], list[str]]:
    """(left agencies, initiatives, right agencies): the two countries with most agencies
    in alphabetical order, each side busiest first; agencies of any third country join the
    smaller side."""
    weight = statement_counts(g)
    agencies = [v for v, d in g.nodes(data=True) if d.get("group") == "Agency"]
    counts: dict[str, int] = {}
    for v in agencies:
        c = str(g.nodes[v].get("country", ""))
        counts[c] = counts.get(c, 0) + 1
    two = sorted(sorted(counts, key=lambda c: (-counts[c], c))[:2])
    left = [v for v in agencies if g.nodes[v].get("country", "") == two[0]]
    right = [v for v in agencies if len(two) > 1 and g.nodes[v].get("country", "") == two[1]]
    for v in agencies:
        if v not in left and v not in right:
            (left if len(left) <= len(right) else right).append(v)

    def busiest(v: str) -> tuple[int, str]:
        return (-weight[v], v)

    middle = [v for v in g if v not in left and v not in right]
    return sorted(left, key=busiest), sorted(middle, key=busiest), sorted(right, key=busiest)


def draw_columns(page: Page, g: nx.Graph, statuses: Mapping[str, str] | None) -> None:
    left, middle, right = parties(g)
    weight = statement_counts(g)
    body = page.body
    plan = _fit(page, g, left, middle, right, weight)
    pt, mid_w, side_w, shown = plan
    order = column_order(g, left, shown, right)
    gap_w = (body.w - 2 * side_w - mid_w) / 2
    xs = (body.x, body.x + side_w + gap_w, body.right - side_w)
    nodes: dict[str, Node] = {}
    hidden = len(middle) - len(shown)
    for col, x, w in ((left, xs[0], side_w), (order, xs[1], mid_w), (right, xs[2], side_w)):
        extra = 1 if col is order and hidden else 0
        for node in _stack(page, g, col, x, w, pt, weight, extra):
            nodes[node.key] = node
    if hidden:
        more = (
            f"ほか {hidden} 件の取組（全件は CSV）"
            if page.lang == "ja"
            else f"+ {hidden} more initiatives (all in the CSV export)"
        )
        page.text(xs[1] + mid_w / 2, body.y + page.line_height(pt), [more], pt, ha="center")
    _edges(page, g, nodes, statuses, gap_w)
    for n in nodes.values():
        _box(page, n, pt)


Plan = tuple[float, float, float, list[str]]


def _fit(
    page: Page,
    g: nx.Graph,
    left: list[str],
    middle: list[str],
    right: list[str],
    weight: dict[str, int],
) -> Plan:
    """The largest font and narrowest middle column at which every column fits."""
    body = page.body
    pt = page.size.text
    while True:
        for frac, side in ((0.32, 0.22), (0.38, 0.22), (0.44, 0.22), (0.5, 0.2)):
            mid_w, side_w = frac * body.w, side * body.w
            fits = all(
                _height(page, g, col, w, pt, weight) <= body.h
                for col, w in ((left, side_w), (middle, mid_w), (right, side_w))
            )
            if fits:
                return pt, mid_w, side_w, middle
        if pt <= MIN_PT:
            break
        pt = max(MIN_PT, pt - 0.5)
    mid_w, side_w = 0.44 * body.w, 0.22 * body.w
    shown = sorted(middle, key=lambda v: (-weight[v], v))
    while shown and _height(page, g, shown, mid_w, pt, weight, extra=1) > body.h:
        shown.pop()
    return pt, mid_w, side_w, [v for v in middle if v in shown]


def _pad(pt: float) -> tuple[float, float]:
    """Padding inside a box (horizontal, vertical) and the least gap between boxes."""
    return 0.5 * pt / 72, 0.22 * pt / 72


def _lines(page: Page, g: nx.Graph, v: str, width: float, pt: float, n: int) -> list[str]:
    px, _ = _pad(pt)
    suffix = f" ({n})"
    lines = page.wrap(label(g.nodes[v], page.lang), width - 2 * px - page.width(suffix, pt), pt)
    lines[-1] += suffix
    return lines


def _height(
    page: Page,
    g: nx.Graph,
    col: list[str],
    width: float,
    pt: float,
    weight: dict[str, int],
    extra: int = 0,
) -> float:
    _, py = _pad(pt)
    rows = sum(len(_lines(page, g, v, width, pt, weight[v])) for v in col) + extra
    return rows * page.line_height(pt) + (len(col) + extra) * 2 * py + (len(col) + extra) * py


def _stack(
    page: Page,
    g: nx.Graph,
    col: list[str],
    x: float,
    width: float,
    pt: float,
    weight: dict[str, int],
    extra: int,
) -> list[Node]:
    """The boxes of one column spread evenly down the body, the first at the top."""
    body = page.body
    _, py = _pad(pt)
    texts = [_lines(page, g, v, width, pt, weight[v]) for v in col]
    heights = [len(t) * page.line_height(pt) + 2 * py for t in texts]
    reserved = extra * (page.line_height(pt) + 3 * py)
    free = body.h - reserved - sum(heights)
    gap = free / max(len(col), 1)
    y = body.top - gap / 2
    out = []
    for v, lines, h in zip(col, texts, heights, strict=True):
        s = swatch(g.nodes[v])
        focus = bool(g.nodes[v].get("focus"))
        out.append(Node(v, lines, Box(x, y - h, width, h), s.color, s.tint, focus))
        y -= h + gap
    return out


def _box(page: Page, n: Node, pt: float) -> None:
    from matplotlib.patches import FancyBboxPatch

    px, py = _pad(pt)
    b = n.box
    page.ax.add_patch(
        FancyBboxPatch(
            (b.x, b.y),
            b.w,
            b.h,
            boxstyle=f"round,pad=0,rounding_size={py}",
            facecolor=n.fill,
            edgecolor=n.color,
            linewidth=3.0 if n.focus else 1.2,
            zorder=3,
        )
    )
    page.text(b.x + px, b.top - py, n.lines, pt, color=INK, gid="node-label")


def _edges(
    page: Page,
    g: nx.Graph,
    nodes: dict[str, Node],
    statuses: Mapping[str, str] | None,
    gap_w: float,
) -> None:
    """Each link a curve from the side of one box to the facing side of the other, its
    width by the statements behind it; ends spread down the box in the order of the
    other ends, so that lines leave a box without crossing each other."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    ends: dict[tuple[str, str], float] = {}
    centre = {k: n.box.y + n.box.h / 2 for k, n in nodes.items()}
    for k, n in nodes.items():
        others = sorted((w for w in g[k] if w in nodes), key=lambda w: (nodes[w].box.x, -centre[w]))
        for side in (True, False):
            group = [w for w in others if (nodes[w].box.x < n.box.x) is side]
            for i, w in enumerate(group):
                frac = 0.5 if len(group) == 1 else 0.2 + 0.6 * i / (len(group) - 1)
                ends[(k, w)] = n.box.top - frac * n.box.h
    top = max((int(d.get("weight", 1)) for _, _, d in g.edges(data=True)), default=1)
    for a, b, d in g.edges(data=True):
        if a not in nodes or b not in nodes:
            continue
        if nodes[a].box.x > nodes[b].box.x:
            a, b = b, a
        x0, y0 = nodes[a].box.right, ends[(a, b)]
        x1, y1 = nodes[b].box.x, ends[(b, a)]
        bend = 0.5 * (x1 - x0)
        path = Path(
            [(x0, y0), (x0 + bend, y0), (x1 - bend, y1), (x1, y1)],
            [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4],
        )
        look = edge_look(d, statuses)
        width = 0.6 + 3.0 * (max(int(d.get("weight", 1)), 1) / top) ** 0.5
        page.ax.add_patch(
            PathPatch(
                path,
                facecolor="none",
                edgecolor=look.color,
                linewidth=width,
                linestyle=look.style,
                alpha=0.85,
                zorder=2,
            )
        )
