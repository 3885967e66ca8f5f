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

    @property
    def tint(self) -> str:
        """The colour mixed with four parts white: a box fill dark text stays readable on."""
        rgb = [int(self.color[i : i + 2], 16) for i in (1, 3, 5)]
        return "#" + "".join(f"{round(c + (255 - c) * 0.8):02x}" for c in rgb)


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
#: The kinds of evidence behind a participation link, with their key texts (en, ja).
EVIDENCE = {
    "named": ("solid: named in the sentence", "実線: 文中で名指し"),
    "reference": ("dashed: through 両者 / both sides", "破線: 「両者」等による指示"),
    "collective": (
        "dotted, light: a collective term (日英関係省庁)",
        "点線・淡色: 総称（日英関係省庁）",
    ),
}
LINE_STYLES: dict[str, object] = {
    "named": "solid",
    "reference": (0, (5, 2.5)),
    "collective": (0, (1, 1.8)),
}
#: Line colours by statement status (colour by status), with key texts (en, ja).
STATUS_COLOURS = {
    "achieved": ("#1B7837", "achieved", "達成"),
    "agreed": ("#762A83", "agreed", "合意"),
    "ongoing": ("#2166AC", "ongoing", "進行中"),
    "planned": ("#E08214", "planned", "予定"),
    "welcomed": ("#8C510A", "welcomed", "歓迎"),
    "": ("#9A9A9A", "no status", "状況なし"),
}
LINE, LIGHT_LINE = "#6F6F6F", "#B0B0B0"
#: Co-participation resting only on shared initiatives (no statement names both).
SHARED_ONLY = (0, (4, 1.5, 1, 1.5))


@dataclass(frozen=True)
class EdgeLook:
    """How one line is drawn: its evidence kind and status, colour, dash pattern."""

    evidence: str
    status: str
    color: str
    style: object


def edge_look(data: Mapping[str, Any], statuses: Mapping[str, str] | None) -> EdgeLook:
    """The look of an edge: dashes by the kind of evidence (``named`` when the projection
    does not say), lighter for a collective term or a tie through shared initiatives only;
    with ``statuses``, coloured by the status most of its statements have."""
    evidence = str(data.get("evidence", "named"))
    if evidence not in LINE_STYLES:
        evidence = "named"
    light = evidence == "collective" or data.get("weight", 1) == 0
    style = SHARED_ONLY if data.get("weight", 1) == 0 else LINE_STYLES[evidence]
    status = ""
    if statuses is not None:
        counts: dict[str, int] = {}
        for st in data.get("statements", []):
            key = statuses.get(st, "")
            counts[key] = counts.get(key, 0) + 1
        order = list(STATUS_COLOURS)
        status = min(
            counts, key=lambda k: (-counts[k], order.index(k) if k in order else 99), default=""
        )
        color = STATUS_COLOURS.get(status, STATUS_COLOURS[""])[0]
    else:
        color = LIGHT_LINE if light else LINE
    return EdgeLook(evidence, status, color, style)


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
