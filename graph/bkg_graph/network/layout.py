"""Server-side layout: positions computed once with networkx, so the browser need not.

Fruchterman–Reingold (``nx.spring_layout``) is quadratic per iteration without SciPy, so a
large component is laid out in two steps: its best-connected ``backbone`` nodes get a
spring layout, and every other node is placed on a small sunflower spiral around the nearest
backbone node (breadth-first). The result is deterministic: the same network always gets
the same picture.
"""

from __future__ import annotations

import math
import shutil
from collections import defaultdict, deque
from itertools import pairwise

import networkx as nx

Positions = dict[str, tuple[float, float]]
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def layout(g: nx.Graph, *, backbone: int = 200, seed: int = 7) -> Positions:
    """Positions of every node of ``g`` in the square [-1, 1]².

    Each connected component is laid out on its own and the components are packed in rows,
    largest first, each given room in proportion to the square root of its size.
    """
    comps = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c)))
    pos: Positions = {}
    radii = [max(0.6, 0.9 * math.sqrt(len(c))) for c in comps]
    width = max([2 * r for r in radii[:1]] + [1.3 * math.sqrt(sum((2 * r) ** 2 for r in radii))])
    x = y = row = 0.0
    for comp, r in zip(comps, radii, strict=True):
        if x > 0 and x + 2 * r > width:
            x, y, row = 0.0, y - row, 0.0
        for v, (px, py) in _component(g.subgraph(comp), backbone, seed).items():
            pos[v] = (x + r + r * px, y - r + r * py)
        x += 2 * r
        row = max(row, 2 * r)
    return _rescale(pos) if pos else {}


def _component(g: nx.Graph, backbone: int, seed: int) -> Positions:
    """One connected component in [-1, 1]²."""
    n = g.number_of_nodes()
    if n == 1:
        return {next(iter(g)): (0.0, 0.0)}
    if n <= backbone:
        return _rescale(_spring(g, seed))
    ranked = sorted(g, key=lambda v: (-g.degree(v), v))
    core = set(ranked[:backbone])
    pos = _spring(g.subgraph(core), seed)
    anchor = _nearest(g, core)
    spread = 1.2 / math.sqrt(len(core))
    satellites: dict[str, int] = defaultdict(int)
    for v in sorted(anchor, key=lambda v: (anchor[v][1], v)):
        a, hops = anchor[v]
        i = satellites[a]
        satellites[a] += 1
        r = spread * (0.35 + 0.18 * math.sqrt(i)) * hops
        ax, ay = pos[a]
        pos[v] = (ax + r * math.cos(i * GOLDEN_ANGLE), ay + r * math.sin(i * GOLDEN_ANGLE))
    return _rescale(pos)


def _spring(g: nx.Graph, seed: int) -> Positions:
    raw = nx.spring_layout(g, seed=seed, weight=None, iterations=60)
    return {v: (float(p[0]), float(p[1])) for v, p in raw.items()}


def _nearest(g: nx.Graph, core: set[str]) -> dict[str, tuple[str, int]]:
    """For each node outside ``core`` reachable from it: (nearest core node, hops)."""
    found: dict[str, tuple[str, int]] = {}
    queue = deque((c, c, 0) for c in sorted(core))
    seen = set(core)
    while queue:
        v, a, hops = queue.popleft()
        for w in sorted(g[v]):
            if w not in seen:
                seen.add(w)
                found[w] = (a, hops + 1)
                queue.append((w, a, hops + 1))
    return found


def _rescale(pos: Positions) -> Positions:
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    return {v: (_unit((x - cx) / half), _unit((y - cy) / half)) for v, (x, y) in pos.items()}


def _unit(value: float) -> float:
    """``value`` within [-1, 1] (rescaling can overshoot by a rounding error)."""
    return min(1.0, max(-1.0, value))


def column_order(g: nx.Graph, left: list[str], middle: list[str], right: list[str]) -> list[str]:
    """The order of the ``middle`` column (top to bottom) that crosses the fewest edges
    between it and the fixed ``left`` and ``right`` columns.

    Graphviz's ``dot`` orders the ranks of a layered drawing to minimise crossings (with
    the side columns held in the given order by invisible edges between neighbours); the
    barycentre order (each node at the mean position of its neighbours) is kept instead
    when it crosses fewer edges, so the answer is never worse than either.
    """
    candidates = [_barycentre(g, left, middle, right)]
    if shutil.which("dot"):
        candidates.insert(0, _dot_order(g, left, middle, right))
    return min(candidates, key=lambda order: crossings(g, left, order, right))


def crossings(g: nx.Graph, left: list[str], middle: list[str], right: list[str]) -> int:
    """How many pairs of edges cross between the three columns in these orders."""
    rank = {v: i for col in (left, middle, right) for i, v in enumerate(col)}
    total = 0
    for side in (left, right):
        pairs = sorted((rank[s], rank[m]) for s in side for m in g[s] if m in middle)
        total += sum(
            1 for i, (a, b) in enumerate(pairs) for c, d in pairs[i + 1 :] if (a - c) * (b - d) < 0
        )
    return total


def _barycentre(g: nx.Graph, left: list[str], middle: list[str], right: list[str]) -> list[str]:
    rank = {v: i / max(len(col) - 1, 1) for col in (left, right) for i, v in enumerate(col)}

    def key(v: str) -> tuple[float, int, str]:
        near = [rank[w] for w in g[v] if w in rank]
        return (sum(near) / len(near) if near else 0.5, -g.degree(v), v)

    return sorted(middle, key=key)


def _dot_order(g: nx.Graph, left: list[str], middle: list[str], right: list[str]) -> list[str]:
    import graphviz  # type: ignore[import-untyped]

    names = {v: f"n{i}" for i, v in enumerate((*left, *middle, *right))}
    dot = graphviz.Digraph(graph_attr={"rankdir": "LR"})
    for col, rank in ((left, "min"), (right, "max")):
        with dot.subgraph() as sub:
            sub.attr(rank=rank)
            for v in col:
                sub.node(names[v], shape="point")
            for a, b in pairwise(col):
                sub.edge(names[a], names[b], style="invis")
    for v in middle:
        dot.node(names[v], shape="point")
    for v in middle:
        for w in sorted(g[v], key=lambda w: names.get(w, "")):
            if w in left:
                dot.edge(names[w], names[v])
            elif w in right:
                dot.edge(names[v], names[w])
    plain = dot.pipe(format="plain", engine="dot").decode()
    y = {}
    for line in plain.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            y[parts[1]] = float(parts[3])
    return sorted(middle, key=lambda v: (-y.get(names[v], 0.0), v))
