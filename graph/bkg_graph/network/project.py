"""networkx projections of the graph: the three network views, filtered.

Each projection reads the rows of its named query (``network-bipartite``,
``network-coparticipation``, ``network-links``) from a :class:`~.source.Source`, keeps the
rows whose statement passes the filters, and hands them to an :class:`EdgeBuilder`. Node keys
are IRIs; nodes carry ``label_en``, ``label_ja``, ``group``, ``type``, ``id``, ``country``
and ``abbreviation``; edges carry ``weight``, ``statements`` (IRIs in document order),
``citations`` (:class:`~.source.Citation`: statement, locator, quoted sentence) and, on the
participation views, ``evidence`` (the strongest kind among its statements: ``named``,
``reference`` or ``collective`` — pictures dash ``collective``), ``statement_evidence`` (the
kind of each statement, in the same order) and ``evidence_counts`` (statements per kind).

The participation rows are the build's derived records (:mod:`bkg_graph.pipeline.participation`),
the same ones REST, the notebook API and the named queries read. A view whose filters leave
nothing to draw is an error that says so, never a blank picture.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from itertools import combinations
from typing import Any

import networkx as nx

from ..errors import InputError
from ..evidence import KINDS, rank
from ..registry import statuses
from .filters import FACETS, Filters, Kind, ViewSpec
from .source import EntityFacts, Source

TITLES = {
    Kind.BIPARTITE: ("Agencies and initiatives", "省庁と取組"),
    Kind.COPARTICIPATION: ("Agency co-participation", "省庁の共同参加"),
    Kind.NEIGHBOURHOOD: ("Neighbourhood of {en}", "{ja}の近傍"),
}


#: The group each facet's values name.
FACET_KIND = {f: f for f in FACETS}


def resolve_filters(source: Source, filters: Filters) -> Filters:
    """``filters`` with every facet value turned into the id of what it names (``JP`` → ``jp``,
    ``Planned`` → ``planned``); an unknown or ambiguous name is an error listing the closest."""

    def ids(facet: str) -> tuple[str, ...]:
        return tuple(source.names.resolve(v, FACET_KIND[facet]).id for v in getattr(filters, facet))

    return replace(
        filters,
        pillar=ids("pillar"),
        theme=ids("theme"),
        status=ids("status"),
        country=ids("country"),
        document=ids("document"),
    )


def resolve_spec(source: Source, spec: ViewSpec) -> ViewSpec:
    """``spec`` with its filters and focus resolved against the graph (see
    :func:`resolve_filters`)."""
    focus = spec.focus
    if focus:  # its path under the base (initiative/gcot), as view URLs write it
        focus = "/".join(resolve_focus(source, focus).rstrip("/").split("/")[-2:])
    return replace(spec, filters=resolve_filters(source, spec.filters), focus=focus)


def project(source: Source, spec: ViewSpec) -> nx.Graph:
    """The network a view draws, with its title and filters as graph attributes."""
    spec = resolve_spec(source, spec)
    if spec.kind is Kind.BIPARTITE:
        g = bipartite(source, spec.filters)
    elif spec.kind is Kind.COPARTICIPATION:
        g = coparticipation(source, spec.filters)
    elif spec.kind is Kind.NEIGHBOURHOOD:
        g = neighbourhood(source, spec.focus or "", spec.depth, spec.filters)
    else:
        raise InputError(f"{spec.kind.value} is not a network; it has its own page and exports")
    if g.number_of_edges() == 0:
        raise InputError(
            f"nothing to draw: no {spec.kind.value} links pass the filters "
            f"({spec.filters.describe()}); remove or widen one"
        )
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
    """Agencies × initiatives: an edge where an agency takes part in the initiative (acts in
    the sentence naming it, or collectively in the statement) under the kinds of evidence
    the filters count."""
    kept = select_statements(source, filters)
    edges = EdgeBuilder(source, filters)
    for r in source.rows("bipartite"):
        if r["statement"] in kept and r["evidence"] in filters.evidence:
            edges.add(r["agency"], r["initiative"], r["statement"], evidence=r["evidence"])
    return edges.build()


def coparticipation(source: Source, filters: Filters) -> nx.Graph:
    """Agencies linked when they act together in statements (``weight`` = how many) or are
    tied to the same initiatives (``initiatives``). An edge resting only on shared
    initiatives has weight 0 and cites the statements tying each agency to them."""
    kept = select_statements(source, filters)
    edges = EdgeBuilder(source, filters)
    for r in source.rows("coparticipation"):
        if r["statement"] in kept and r["evidence"] in filters.evidence:
            edges.add(r["a"], r["b"], r["statement"], evidence=r["evidence"])
    # agency → initiative → statement → its strongest kind of evidence there
    ties: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for r in source.rows("bipartite"):
        if r["statement"] in kept and r["evidence"] in filters.evidence:
            tie = ties[r["agency"]][r["initiative"]]
            tie[r["statement"]] = min(
                tie.get(r["statement"], "collective"), r["evidence"], key=rank
            )
    for a, b in combinations(sorted(ties), 2):
        shared = ties[a].keys() & ties[b].keys()
        if not shared or not (edges.keeps(a) and edges.keeps(b)):
            continue
        key = edges.key(a, b)
        edges.attrs[key]["initiatives"] = sorted(shared)
        if key not in edges.statements:
            for ini in shared:
                for end in (a, b):
                    for st, kind in ties[end][ini].items():
                        edges.add(a, b, st, ends=(a, b, ini), basis="initiatives", evidence=kind)
    g = edges.build()
    named = {ini for a in ties for ini in ties[a]}
    g.graph["names"] = {
        i: _node_attrs(source.entities[i]) for i in sorted(named) if i in source.entities
    }
    for _, _, data in g.edges(data=True):
        data.setdefault("initiatives", [])
        if data.pop("basis", ["statements"]) == ["initiatives"]:
            data["weight"] = 0
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
    ego.graph["focus"] = centre
    return ego


def resolve_focus(source: Source, focus: str) -> str:
    """The IRI of ``focus`` written as people write it: an IRI, its path under the base
    (``agency/mic``), an id, a label, an abbreviation (``GCOT``) or an alias."""
    if focus in source.entities:
        return focus
    return source.names.resolve(focus, "entity").iri


def select_statements(source: Source, filters: Filters) -> set[str]:
    """The statements that pass the statement filters; an unknown filter value is an error."""
    facts = source.statements.values()
    _check(filters.pillar, {f.pillar for f in facts if f.pillar}, "pillar")
    _check(filters.theme, {f.theme_id for f in facts if f.theme_id}, "theme")
    _check(filters.status, set(statuses()), "status")
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
        # (a, b, statement) → the strongest kind of evidence of that statement for the edge
        self.kinds: dict[tuple[str, str, str], str] = {}

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
        evidence: str | None = None,
        **attrs: str,
    ) -> None:
        if a == b or not (self.keeps(a) and self.keeps(b)):
            return
        key = self.key(a, b)
        self.statements[key].add(statement)
        self.ends.setdefault((*key, statement), ends or key)
        if evidence is not None:
            prev = self.kinds.get((*key, statement), evidence)
            self.kinds[(*key, statement)] = min(prev, evidence, key=rank)
        for name, value in attrs.items():
            self.attrs[key].setdefault(name, set()).add(value)

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
            kinds = [self.kinds[(a, b, s)] for s in ordered if (a, b, s) in self.kinds]
            if kinds:
                attrs.update(
                    evidence=min(kinds, key=rank),
                    statement_evidence=kinds,
                    evidence_counts={k: kinds.count(k) for k in KINDS},
                )
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
