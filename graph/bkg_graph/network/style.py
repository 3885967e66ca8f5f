"""How nodes look: colour by type (agencies by country), size by degree, and the legend.

One palette (Okabe–Ito, readable with colour-blindness) serves the browser views, the static
images and the matrix, so a briefing's picture matches the live view.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx


@dataclass(frozen=True)
class Swatch:
    key: str
    color: str
    label_en: str
    label_ja: str

    def label(self, lang: str) -> str:
        return self.label_ja if lang == "ja" else self.label_en


SWATCHES: dict[str, Swatch] = {
    s.key: s
    for s in (
        Swatch("agency-jp", "#D55E00", "Japanese agency", "日本の省庁"),
        Swatch("agency-uk", "#0072B2", "UK agency", "英国の省庁"),
        Swatch("agency", "#7F7F7F", "Other agency", "その他の省庁"),
        Swatch("initiative", "#009E73", "Initiative", "取組"),
        Swatch("country", "#CC79A7", "Country", "国"),
        Swatch("organization", "#E69F00", "Organisation", "国際機関・団体"),
        Swatch("company", "#56B4E9", "Company", "企業"),
        Swatch("event", "#C9B800", "Event", "行事"),
        Swatch("document", "#999999", "Document", "文書"),
        Swatch("theme", "#8C6BB1", "Theme", "テーマ"),
        Swatch("topic", "#B8A07E", "Topic", "トピック"),
    )
}
MIN_SIZE, MAX_SIZE = 10.0, 34.0


def swatch(node: Mapping[str, Any]) -> Swatch:
    """The legend entry of a node, from its ``group`` and ``country`` attributes."""
    group = str(node.get("group", "")).lower()
    if group == "agency":
        return SWATCHES.get(f"agency-{node.get('country', '')}", SWATCHES["agency"])
    return SWATCHES.get(group, SWATCHES["topic"])


def sizes(g: nx.Graph) -> dict[str, float]:
    """Node sizes growing with the square root of degree, from MIN_SIZE to MAX_SIZE."""
    degrees = dict(g.degree())
    top = max(degrees.values(), default=0) or 1
    return {
        n: round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(d / top), 1)
        for n, d in degrees.items()
    }


def legend(g: nx.Graph) -> list[Swatch]:
    """The swatches used by the nodes of ``g``, in palette order."""
    used = {swatch(data).key for _, data in g.nodes(data=True)}
    return [s for key, s in SWATCHES.items() if key in used]


def label(node: Mapping[str, Any], lang: str) -> str:
    """A node's label in ``lang``, falling back to the other language."""
    other = "en" if lang == "ja" else "ja"
    return str(node.get(f"label_{lang}") or node.get(f"label_{other}") or "")
