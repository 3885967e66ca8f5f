"""networkx projections of the graph: the three network views, filtered.

Each projection reads the rows of its named query (``network-bipartite``,
``network-coparticipation``, ``network-links``) from a :class:`~.source.Source`, keeps the
rows whose statement passes the filters, and hands them to an :class:`EdgeBuilder`. Node keys
are IRIs; nodes carry ``label_en``, ``label_ja``, ``group``, ``type``, ``id``, ``country``
and ``abbreviation``; edges carry ``weight``, ``statements`` (IRIs in document order) and
``citations`` (:class:`~.source.Citation`: statement, locator, quoted sentence).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import Any

import networkx as nx

from ..errors import InputError, NotFound
from .filters import Filters, Kind, ViewSpec
from .source import EntityFacts, Source

STATUSES = ("achieved", "agreed", "ongoing", "planned", "welcomed")
TITLES = {
    Kind.BIPARTITE: ("Agencies and initiatives", "省庁と取組"),
    Kind.COPARTICIPATION: ("Agency co-participation", "省庁の共同参加"),
    Kind.NEIGHBOURHOOD: ("Neighbourhood of {en}", "{ja}の近傍"),
}


def project(source: Source, spec: ViewSpec) -> nx.Graph:
    """The network a view draws, with its title and filters as graph attributes."""
    if spec.kind is Kind.BIPARTITE:
        g = bipartite(source, spec.filters)
    elif spec.kind is Kind.COPARTICIPATION:
        g = coparticipation(source, spec.filters)
    elif spec.kind is Kind.NEIGHBOURHOOD:
        g = neighbourhood(source, spec.focus or "", spec.depth, spec.filters)
    else:
        raise InputError(f"{spec.kind.value} is not a network; it has its own page and exports")
    focus = g.graph.get("focus", "")
    en, ja = TITLES[spec.kind]
    label = g.nodes[focus] if focus in g else {"label_en": focus, "label_ja": focus}
    g.graph.update(
        kind=spec.kind.value,
        title_en=en.format(en=label["label_en"]),
        title_ja=ja.format(ja=label["label_ja"]),
        filters=spec.filters.describe(),
        query=spec.to_query(),
    )
    return g


def bipartite(source: Source, filters: Filters) -> nx.Graph:
    """Agencies × initiatives: an edge where an agency acts in, or is named in, a statement
    concerning the initiative. ``role`` is ``actor`` if it acts in any of them."""
    kept = select_statements(source, filters)
    edges = EdgeBuilder(source, filters)
    for r in source.rows("bipartite"):
        if r["statement"] in kept:
            edges.add(r["agency"], r["initiative"], r["statement"], role=r["role"])
    g = edges.build()
    for _, _, data in g.edges(data=True):
        data["role"] = "actor" if "actor" in data.pop("roles") else "named"
    return g


def coparticipation(source: Source, filters: Filters) -> nx.Graph:
    """Agencies linked when they act together in statements (``weight`` = how many) or are
    tied to the same initiatives (``initiatives``). An edge resting only on shared
    initiatives has weight 0 and cites the statements tying each agency to them."""
    kept = select_statements(source, filters)
    edges = EdgeBuilder(source, filters)
    for r in source.rows("coparticipation"):
        if r["statement"] in kept:
            edges.add(r["a"], r["b"], r["statement"])
    ties: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in source.rows("bipartite"):
        if r["statement"] in kept:
            ties[r["agency"]][r["initiative"]].add(r["statement"])
    for a, b in combinations(sorted(ties), 2):
        shared = ties[a].keys() & ties[b].keys()
        if not shared or not (edges.keeps(a) and edges.keeps(b)):
            continue
        key = edges.key(a, b)
        edges.attrs[key]["initiatives"] = sorted(shared)
        if key not in edges.statements:
            for ini in shared:
                for st in ties[a][ini] | ties[b][ini]:
                    edges.add(a, b, st, ends=(a, b, ini), basis="initiatives")
    g = edges.build()
    named = {ini for a in ties for ini in ties[a]}
    g.graph["names"] = {
        i: _node_attrs(source.entities[i]) for i in sorted(named) if i in source.entities
    }
    for _, _, data in g.edges(data=True):
        data.setdefault("initiatives", [])
        if data.pop("basis", ["statements"]) == ["initiatives"]:
            data["weight"] = 0
        data.pop("roles", None)
    return g


def neighbourhood(source: Source, focus: str, depth: int, filters: Filters) -> nx.Graph:
    """The entities within ``depth`` links of ``focus``; two nodes are linked when one
    statement links both (as actor, initiative, mention, source document or theme)."""
    centre = resolve_focus(source, focus)
    kept = select_statements(source, filters)
    members: dict[str, set[str]] = defaultdict(set)
    for r in source.rows("links"):
        if r["statement"] in kept and r["entity"] in source.entities:
            members[r["statement"]].add(r["entity"])
    edges = EdgeBuilder(source, filters, always=centre)
    for st in sorted(kept, key=lambda s: source.statements[s].order):
        facts = source.statements[st]
        nodes = members[st] | {facts.document} | ({facts.theme} if facts.theme else set())
        nodes = {n for n in nodes if n in source.entities and edges.keeps(n)}
        for a, b in combinations(sorted(nodes), 2):
            edges.add(a, b, st)
    g = edges.build()
    g.add_node(centre, **_node_attrs(source.entities[centre]))
    ego = nx.ego_graph(g, centre, radius=depth)
    for _, _, data in ego.edges(data=True):
        data.pop("roles", None)
    ego.graph["focus"] = centre
    return ego


def resolve_focus(source: Source, focus: str) -> str:
    """The IRI of ``focus``: an IRI, or its path under the base, e.g. ``agency/mic``."""
    if focus in source.entities:
        return focus
    suffix = "/" + focus.strip("/")
    found = [iri for iri in source.entities if iri.endswith(suffix)]
    if len(found) != 1:
        raise NotFound(
            f"no entity {focus!r} to centre the view on; give its IRI or path, e.g. "
            "agency/mic, initiative/gcot, theme/ai, document/jp-uk-dp-2024-progress-ja"
        )
    return found[0]


def select_statements(source: Source, filters: Filters) -> set[str]:
    """The statements that pass the statement filters; an unknown filter value is an error."""
    facts = source.statements.values()
    _check(filters.pillar, {f.pillar for f in facts if f.pillar}, "pillar")
    _check(filters.theme, {f.theme_id for f in facts if f.theme_id}, "theme")
    _check(filters.status, set(STATUSES), "status")
    _check(filters.document, {f.document_id for f in facts}, "document")
    countries = {e.country for e in source.entities.values() if e.country}
    _check(filters.country, countries, "country")
    lo, hi = filters.date_from, filters.date_to
    return {
        f.iri
        for f in facts
        if (not filters.pillar or f.pillar in filters.pillar)
        and (not filters.theme or f.theme_id in filters.theme)
        and (not filters.status or f.status in filters.status)
        and (not filters.document or f.document_id in filters.document)
        and (lo is None or (f.end is not None and f.end >= lo))
        and (hi is None or (f.start is not None and f.start <= hi))
    }


class EdgeBuilder:
    """Collects the statements behind each edge, then builds the graph with citations."""

    def __init__(self, source: Source, filters: Filters, always: str | None = None) -> None:
        self.source = source
        self.countries = set(filters.country)
        self.always = always
        self.statements: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.ends: dict[tuple[str, str, str], tuple[str, ...]] = {}
        self.attrs: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)

    @staticmethod
    def key(a: str, b: str) -> tuple[str, str]:
        return (a, b) if a <= b else (b, a)

    def keeps(self, node: str) -> bool:
        """Whether the country filter lets ``node`` in (entities without a country stay)."""
        facts = self.source.entities.get(node)
        if facts is None:
            return False
        return node == self.always or not (
            self.countries and facts.country and facts.country not in self.countries
        )

    def add(
        self,
        a: str,
        b: str,
        statement: str,
        *,
        ends: tuple[str, ...] | None = None,
        **attrs: str,
    ) -> None:
        if a == b or not (self.keeps(a) and self.keeps(b)):
            return
        key = self.key(a, b)
        self.statements[key].add(statement)
        self.ends.setdefault((*key, statement), ends or key)
        for name, value in attrs.items():
            self.attrs[key].setdefault(name + "s" if name == "role" else name, set()).add(value)

    def build(self) -> nx.Graph:
        g = nx.Graph()
        order = self.source.statements
        for (a, b), sts in sorted(self.statements.items()):
            for node in (a, b):
                if node not in g:
                    g.add_node(node, **_node_attrs(self.source.entities[node]))
            ordered = sorted(sts, key=lambda s: order[s].order)
            attrs = {
                k: sorted(v) if isinstance(v, set) else v for k, v in self.attrs[(a, b)].items()
            }
            g.add_edge(
                a,
                b,
                weight=len(ordered),
                statements=ordered,
                citations=[self.source.citation(s, self.ends[(a, b, s)]) for s in ordered],
                **attrs,
            )
        return g


def _node_attrs(e: EntityFacts) -> dict[str, str]:
    return {
        "label_en": e.label_en,
        "label_ja": e.label_ja,
        "group": e.group,
        "type": e.type,
        "id": e.id,
        "country": e.country or "",
        "abbreviation": e.abbreviation or "",
    }


def _check(given: Iterable[str], known: set[str], name: str) -> None:
    unknown = sorted(set(given) - known)
    if unknown:
        raise InputError(
            f"unknown {name} {', '.join(unknown)}; known: {', '.join(sorted(known)) or 'none'}"
        )
