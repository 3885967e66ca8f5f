"""A network as tables and graph files for other tools: GraphML and GEXF (Gephi), JSON
(networkx node-link) and CSV node and edge tables whose rows carry the citations."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from typing import Any

import networkx as nx

from ..errors import InputError
from .style import label


def flat(g: nx.Graph) -> nx.Graph:
    """A copy with only string, number and boolean attributes, for GraphML and GEXF.

    Lists become space-separated values; counts per kind become one attribute each
    (``evidence_counts_named``); citations become a JSON array; the registry id is
    ``registry_id`` (GEXF reserves ``id`` for the node key, which stays the IRI).
    """
    out = nx.Graph()
    out.graph.update({k: v for k, v in g.graph.items() if isinstance(v, str | int | float)})
    for v, data in g.nodes(data=True):
        node = {("registry_id" if k == "id" else k): x for k, x in data.items()}
        out.add_node(v, **node, degree=g.degree(v), label=data["label_en"])
    for a, b, data in g.edges(data=True):
        attrs: dict[str, Any] = {}
        for key, value in data.items():
            if key == "citations":
                attrs[key] = json.dumps([asdict(c) for c in value], ensure_ascii=False)
            elif isinstance(value, list):
                attrs[key] = " ".join(value)
            elif isinstance(value, dict):  # evidence_counts → evidence_counts_named, …
                attrs.update({f"{key}_{k}": x for k, x in value.items()})
            else:
                attrs[key] = value
        out.add_edge(a, b, **attrs)
    return out


def to_graphml(g: nx.Graph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(flat(g), buf, encoding="utf-8")
    return buf.getvalue()


def to_gexf(g: nx.Graph) -> bytes:
    buf = io.BytesIO()
    nx.write_gexf(flat(g), buf, encoding="utf-8")
    return buf.getvalue()


def to_json(g: nx.Graph) -> bytes:
    """networkx node-link JSON, citations as objects."""
    data = nx.node_link_data(g, edges="edges")
    for edge in data["edges"]:
        edge["citations"] = [asdict(c) for c in edge["citations"]]
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


NODE_COLUMNS = [
    "iri",
    "id",
    "label_en",
    "label_ja",
    "group",
    "type",
    "country",
    "abbreviation",
    "degree",
    "statements",
]
EDGE_COLUMNS = [
    "source",
    "target",
    "source_label",
    "target_label",
    "weight",
    "evidence",
    "initiatives",
    "statement",
    "locator",
    "quote",
    "document",
]


class CsvTable:
    """Rows for spreadsheets: UTF-8 with a byte-order mark (so Japanese text opens right),
    and any text a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first)
    prefixed with an apostrophe."""

    def __init__(self, header: list[str]) -> None:
        self.buf = io.StringIO()
        self.writer = csv.writer(self.buf, lineterminator="\r\n")
        self.writer.writerow(header)

    def row(self, cells: list[Any]) -> None:
        self.writer.writerow([_defuse(c) if isinstance(c, str) else c for c in cells])

    def data(self) -> bytes:
        return self.buf.getvalue().encode("utf-8-sig")


def _defuse(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(g: nx.Graph, *, table: str, lang: str) -> bytes:
    """The node table, or the edge table with one row per citation (a briefing annex).

    UTF-8 with a byte-order mark, so that spreadsheet programs read the Japanese text.
    """
    if table == "nodes":
        t = CsvTable(NODE_COLUMNS)
        for v, d in g.nodes(data=True):
            cited = {s for _, _, e in g.edges(v, data=True) for s in e["statements"]}
            t.row(
                [
                    v,
                    d["id"],
                    d["label_en"],
                    d["label_ja"],
                    d["group"],
                    d["type"],
                    d["country"],
                    d["abbreviation"],
                    g.degree(v),
                    len(cited),
                ]
            )
    elif table == "edges":
        names = g.graph.get("names", {})
        t = CsvTable(EDGE_COLUMNS)
        for a, b, d in g.edges(data=True):
            inis = "; ".join(
                label(g.nodes[i] if i in g else names.get(i, {}), lang) or i
                for i in d.get("initiatives", [])
            )
            kinds = d.get("statement_evidence") or [""] * len(d["citations"])
            for c, kind in zip(d["citations"], kinds, strict=True):
                t.row(
                    [
                        a,
                        b,
                        label(g.nodes[a], lang),
                        label(g.nodes[b], lang),
                        d["weight"],
                        kind,
                        inis,
                        c.statement,
                        c.locator_ja if lang == "ja" else c.locator_en,
                        c.quote,
                        c.document,
                    ]
                )
    else:
        raise InputError(f"table must be nodes or edges, not {table!r}")
    return t.data()
