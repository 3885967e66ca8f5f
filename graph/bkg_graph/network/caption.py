"""The caption under a picture's title: what it shows, the filters in words, the sources.

A picture pasted into a briefing travels without its URL, so it must say itself which
selection of the graph it is and which documents (with their dates) it rests on.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from .filters import Filters
from .source import Source

FACET_NAMES = {
    "pillar": ("pillar", "柱"),
    "theme": ("theme", "テーマ"),
    "status": ("status", "状況"),
    "country": ("country", "国"),
    "document": ("document", "文書"),
}


def filters_in_words(source: Source, filters: Filters, lang: str) -> str:
    """``theme: Vendor diversification; from 2024-01-01`` — ids replaced by their labels."""
    ja = lang == "ja"
    options = source.options()
    parts = []
    for facet, (en, jp) in FACET_NAMES.items():
        ids = getattr(filters, facet)
        if not ids:
            continue
        labels = {e.id: (e.label_ja if ja else e.label_en) for e in options.get(facet, [])}
        parts.append(f"{jp if ja else en}: {', '.join(labels.get(i, i) for i in ids)}")
    if filters.date_from:
        parts.append(f"{filters.date_from.isoformat()} 以降" if ja else f"from {filters.date_from}")
    if filters.date_to:
        parts.append(f"{filters.date_to.isoformat()} まで" if ja else f"to {filters.date_to}")
    return "; ".join(parts) or ("なし" if ja else "none")


def sources_in_words(source: Source, statements: Iterable[str], lang: str) -> str:
    """The documents the statements come from, each with its date, oldest first."""
    docs: dict[str, str] = {}
    for st in statements:
        facts = source.statements.get(st)
        if facts is not None:
            docs[facts.document] = facts.issued.isoformat() if facts.issued else ""
    out = []
    for doc, issued in sorted(docs.items(), key=lambda kv: (kv[1], kv[0])):
        e = source.entities.get(doc)
        name = (e.label_ja if lang == "ja" else e.label_en) if e else doc.rsplit("/", 1)[-1]
        out.append(f"{name} ({issued})" if issued else name)
    return "; ".join(out) or ("なし" if lang == "ja" else "none")


def graph_statements(g: nx.Graph) -> list[str]:
    return sorted({s for _, _, d in g.edges(data=True) for s in d.get("statements", [])})


GROUP_NAMES = {
    "Agency": ("agency", "agencies", "省庁"),
    "Initiative": ("initiative", "initiatives", "取組"),
}


def what_in_words(g: nx.Graph, lang: str) -> str:
    """How much the picture holds: ``6 agencies, 18 initiatives, 51 links``."""
    counts: dict[str, int] = {}
    for _, d in g.nodes(data=True):
        key = str(d.get("group")) if d.get("group") in GROUP_NAMES else ""
        counts[key] = counts.get(key, 0) + 1
    ja = lang == "ja"
    parts = [
        f"{GROUP_NAMES[k][2]} {n}" if ja else f"{n} {GROUP_NAMES[k][0 if n == 1 else 1]}"
        for k in GROUP_NAMES
        if (n := counts.get(k, 0))
    ]
    if counts.get(""):
        n = counts[""]
        parts.append(f"その他 {n}" if ja else f"{n} other {'entity' if n == 1 else 'entities'}")
    links = g.number_of_edges()
    parts.append(f"つながり {links}" if ja else f"{links} {'link' if links == 1 else 'links'}")
    return ("・" if ja else ", ").join(parts)


def caption(source: Source, g: nx.Graph, filters: Filters, lang: str) -> list[str]:
    """The caption lines of a network picture."""
    what = what_in_words(g, lang)
    words = filters_in_words(source, filters, lang)
    cited = sources_in_words(source, graph_statements(g), lang)
    if lang == "ja":
        return [f"{what} ・ 絞り込み: {words}", f"出典: {cited}"]
    return [f"{what} · filters: {words}", f"Sources: {cited}"]
