"""A network view as the data its page draws: nodes, edges, citations, legend — and where
vis-network's files are.

pyvis's template is not used: it writes some values raw into the page and fetches from CDNs
(see docs/views.md). The page (rendered by the application's page stage, ``bkg_api.pages``)
gets what :func:`view_data` returns as one JSON block; its script builds vis-network's node
and edge lists from it and fills every detail with ``textContent``, so labels never become
markup. vis-network itself comes from the installed pyvis package, never another origin.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from .filters import ViewSpec
from .layout import layout
from .source import Citation
from .style import legend, sizes, swatch

#: Above this many nodes the page says that a filter would help.
HINT_AT = 300
#: Up to this many nodes the browser runs physics briefly; above, positions stay as laid out.
PHYSICS_AT = 150
VIS_VERSION = "9.1.2"

Href = Callable[[str], str | None]


@dataclass(frozen=True)
class Footer:
    """What a frozen copy must say about itself: data version, as-of date, filters, origin."""

    version: str
    as_of: str
    filters: str
    live_url: str


def vis_files() -> dict[str, Path]:
    """vis-network's script and style sheet as shipped inside the installed pyvis package."""
    root = Path(str(resources.files("pyvis"))) / "lib" / f"vis-{VIS_VERSION}"
    files = {"vis-network.min.js": root / "vis-network.min.js"}
    files["vis-network.css"] = root / "vis-network.css"
    for path in files.values():
        if not path.is_file():
            raise FileNotFoundError(f"{path}: pyvis is installed without vis-network")
    return files


def view_data(g: nx.Graph, spec: ViewSpec, *, href: Href | None = None) -> dict[str, Any]:
    """Everything the page script draws: nodes with positions, edges with citations."""
    href = href or (lambda iri: None)
    n = g.number_of_nodes()
    pos = layout(g)
    scale = max(420.0, 60.0 * math.sqrt(n))
    size = sizes(g)
    nodes = []
    for v, data in g.nodes(data=True):
        sw = swatch(data)
        x, y = pos[v]
        nodes.append(
            {
                "id": v,
                "label": {"en": data["label_en"], "ja": data["label_ja"]},
                "group": data["group"],
                "type": data["type"],
                "country": data["country"],
                "abbr": data["abbreviation"],
                "color": sw.color,
                "swatch": {"en": sw.label_en, "ja": sw.label_ja},
                "size": size[v],
                "degree": g.degree(v),
                "x": round(x * scale, 1),
                "y": round(y * scale, 1),
                "href": href(v),
                "focus": "/".join(v.rstrip("/").split("/")[-2:]),
            }
        )
    statements: dict[str, int] = {}
    quotes: dict[str, int] = {}
    stmt_list: list[dict[str, Any]] = []
    edges = []
    for i, (a, b, data) in enumerate(g.edges(data=True)):
        cites = []
        for c in data["citations"]:
            if c.statement not in statements:
                statements[c.statement] = len(stmt_list)
                stmt_list.append(_statement(c, href))
            cites.append([statements[c.statement], quotes.setdefault(c.quote, len(quotes))])
        weight = int(data["weight"])
        edges.append(
            {
                "id": i,
                "from": a,
                "to": b,
                "weight": weight,
                "width": round(1 + 1.6 * math.log2(1 + weight), 2),
                "dashes": weight == 0 or data.get("evidence") == "collective",
                "role": data.get("role", ""),
                "evidence": data.get("evidence", ""),
                "initiatives": [_names(g, ini) for ini in data.get("initiatives", [])],
                "cites": cites,
            }
        )
    return {
        "meta": {
            "kind": spec.kind.value,
            "lang": spec.lang,
            "query": spec.to_query(),
            "title": {"en": g.graph.get("title_en", ""), "ja": g.graph.get("title_ja", "")},
            "physics": 0 < n <= PHYSICS_AT,
            "hint": n > HINT_AT,
            "nodes": n,
            "edges": g.number_of_edges(),
        },
        "legend": [
            {"key": s.key, "color": s.color, "label": {"en": s.label_en, "ja": s.label_ja}}
            for s in legend(g)
        ],
        "nodes": nodes,
        "edges": edges,
        "statements": stmt_list,
        "quotes": list(quotes),
    }


def _statement(c: Citation, href: Href) -> dict[str, Any]:
    return {
        "iri": c.statement,
        "href": href(c.statement),
        "locator": {"en": c.locator_en, "ja": c.locator_ja},
        "document": c.document,
    }


def _names(g: nx.Graph, iri: str) -> dict[str, str]:
    data = g.nodes[iri] if iri in g else g.graph.get("names", {}).get(iri, {})
    tail = iri.rstrip("/").rsplit("/", 1)[-1]
    return {"en": data.get("label_en", tail), "ja": data.get("label_ja", tail)}
