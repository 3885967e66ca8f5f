"""What a briefing says, derived from the graph: selection, figure, summary, tables, notes.

A briefing covers one initiative, one agency, a pair (or more) of agencies, or a topic (a
theme or pillar). Its figure is the partnership picture narrowed to the selection; its
tables and its summary are counted from the same edges the figure draws, so the three
always agree; and every statement behind them is a numbered note quoting its sentence,
with document, date and locator. Nothing is written that the graph does not say.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

import networkx as nx

from ..errors import InputError, NotFound
from ..evidence import DEFAULT_KINDS, parse_evidence
from ..network import Filters, Kind, Source, ViewSpec, project
from ..network.source import EntityFacts
from ..network.style import label
from .words import summary

PARTIES = ("jp", "uk")


@dataclass(frozen=True)
class Selection:
    """What a briefing is about: exactly one of an initiative, agencies or a topic."""

    initiative: str | None = None
    agencies: tuple[str, ...] = ()
    topic: str | None = None
    lang: str = "en"
    #: The kinds of evidence of participation drawn and counted (named and reference unless
    #: asked: a topic only collective terms speak of needs ``collective``).
    evidence: tuple[str, ...] = DEFAULT_KINDS

    def __post_init__(self) -> None:
        object.__setattr__(self, "evidence", parse_evidence(self.evidence))
        given = sum((self.initiative is not None, bool(self.agencies), self.topic is not None))
        if given != 1:
            raise InputError("a briefing is about one initiative, one or more agencies, or a topic")
        if self.lang not in ("en", "ja"):
            raise InputError(f"lang must be en or ja, not {self.lang!r}")

    def to_query(self) -> str:
        """The selection as the query string of ``GET /brief``."""
        items = [("initiative", self.initiative)] if self.initiative else []
        items += [("agency", a) for a in self.agencies]
        items += [("topic", self.topic)] if self.topic else []
        if self.evidence != DEFAULT_KINDS:
            items.append(("evidence", ",".join(self.evidence)))
        return urlencode([*items, ("lang", self.lang)])

    @property
    def slug(self) -> str:
        parts = [self.initiative or "", *self.agencies, self.topic or ""]
        return "-".join(p.rsplit("/", 1)[-1].lower() for p in parts if p)


@dataclass(frozen=True)
class Note:
    """One statement cited: its number in the briefing and where to read it."""

    number: int
    statement: str
    document: str
    date: str
    locator: str
    quote: str


@dataclass(frozen=True)
class Commitment:
    note: int
    locator: str
    initiatives: list[str]
    agencies: list[str]
    status: str
    date: str


@dataclass(frozen=True)
class Pair:
    """Two counterpart agencies in the selection and what they share there."""

    left: str
    right: str
    statements: int
    initiatives: list[str]


@dataclass
class Brief:
    selection: Selection
    title: str
    subject: str
    summary: str
    graph: nx.Graph
    pairs: list[Pair]
    commitments: list[Commitment]
    notes: list[Note]
    documents: list[tuple[str, str]] = field(default_factory=list)
    filters: Filters = field(default_factory=Filters)

    @property
    def lang(self) -> str:
        return self.selection.lang


def find(source: Source, group: str, ident: str) -> EntityFacts:
    """The entity of ``group`` that ``ident`` names: id, path, IRI, label or abbreviation."""
    key = ident.strip().lower()
    found = (
        []
        if not key
        else [
            e
            for e in source.entities.values()
            if e.group == group
            and key
            in {
                e.id.lower(),
                e.iri.lower(),
                f"{group.lower()}/{e.id}",
                e.label_en.lower(),
                e.label_ja.lower(),
                (e.abbreviation or "").lower(),
            }
        ]
    )
    if len(found) != 1:
        known = sorted(e.id for e in source.entities.values() if e.group == group)
        raise NotFound(f"no {group.lower()} {ident!r}; known: {', '.join(known)}")
    return found[0]


def topic_filters(source: Source, topic: str) -> tuple[Filters, str, str]:
    options = source.options()
    for facet in ("theme", "pillar"):
        for e in options[facet]:
            if topic.lower() in (e.id, e.label_en.lower(), e.label_ja):
                found = Filters(theme=(e.id,)) if facet == "theme" else Filters(pillar=(e.id,))
                return found, e.label_en, e.label_ja
    known = sorted({e.id for f in ("theme", "pillar") for e in options[f]})
    raise NotFound(f"no theme or pillar {topic!r}; known: {', '.join(known)}")


def build_brief(source: Source, sel: Selection) -> Brief:
    """The briefing for ``sel``: its figure's graph, summary, tables and notes."""
    lang = sel.lang
    filters = Filters(evidence=sel.evidence)
    if sel.topic is not None:
        found, en, ja = topic_filters(source, sel.topic)
        filters = replace(found, evidence=sel.evidence)
        subject_en, subject_ja = en, ja
    full = project(source, ViewSpec(kind=Kind.BIPARTITE, lang=lang, filters=filters))
    if sel.initiative is not None:
        ini = find(source, "Initiative", sel.initiative)
        if ini.iri not in full:
            raise NotFound(f"no agency takes part in {ini.label_en} in the graph")
        g, focus = _initiative(full, ini.iri), [ini.iri]
        subject_en, subject_ja = ini.label_en, ini.label_ja
    elif sel.agencies:
        agencies = [find(source, "Agency", a) for a in sel.agencies]
        g, focus = _agencies(full, [a.iri for a in agencies]), [a.iri for a in agencies]
        subject_en = " and ".join(_short(a, "en") for a in agencies)
        subject_ja = "・".join(a.label_ja for a in agencies)
    else:
        g, focus = full, list(full)
    if g.number_of_edges() == 0:
        raise InputError("nothing to brief: the selection has no links in the graph")
    title = f"ブリーフィング: {subject_ja}" if lang == "ja" else f"Briefing: {subject_en}"
    g.graph.update(
        kind="bipartite",
        title_en=f"{subject_en}: agencies and initiatives",
        title_ja=f"{subject_ja}: 省庁と取組",
    )
    if sel.topic is None:
        for v in focus:
            g.nodes[v]["focus"] = True  # drawn with a heavier border
    notes, commitments = _notes(source, g, set(focus), lang)
    pairs = _pairs(g, {n.statement for n in notes}, lang)
    docs = sorted({(n.document, n.date) for n in notes}, key=lambda d: (d[1], d[0]))
    subject = subject_ja if lang == "ja" else subject_en
    brief = Brief(sel, title, subject, "", g, pairs, commitments, notes, docs, filters)
    brief.summary = summary(source, brief, focus)
    return brief


def _short(e: EntityFacts, lang: str) -> str:
    return e.label_ja if lang == "ja" else e.label_en


def _initiative(full: nx.Graph, ini: str) -> nx.Graph:
    """The initiative, its agencies, and the other initiatives on which agencies of both
    parties among them meet (the context a reader asks for next)."""
    agencies = set(full[ini])
    keep = {ini, *agencies}
    sides = {full.nodes[a].get("country") for a in agencies}
    for other in full:
        if full.nodes[other].get("group") == "Agency" or other == ini:
            continue
        met = {full.nodes[a].get("country") for a in full[other] if a in agencies}
        if len(sides & set(PARTIES)) == 2 and set(PARTIES) <= met:
            keep.add(other)
    g = nx.Graph(full.subgraph(keep))
    g.remove_edges_from([(a, b) for a, b in g.edges() if a not in agencies and b not in agencies])
    return g


def _agencies(full: nx.Graph, agencies: list[str]) -> nx.Graph:
    """One agency: its initiatives and the other party's agencies on them. Several: the
    initiatives all of them are linked to."""
    missing = [a for a in agencies if a not in full]
    if missing:
        raise NotFound(f"no initiative links {', '.join(missing)} in the graph")
    if len(agencies) == 1:
        (a,) = agencies
        country = full.nodes[a].get("country")
        inis = set(full[a])
        others = {
            b
            for i in inis
            for b in full[i]
            if b != a and full.nodes[b].get("country") not in ("", country)
        }
        return nx.Graph(full.subgraph({a, *inis, *others}))
    shared = set.intersection(*(set(full[a]) for a in agencies))
    return nx.Graph(full.subgraph({*agencies, *shared}))


def _notes(
    source: Source, g: nx.Graph, focus: set[str], lang: str
) -> tuple[list[Note], list[Commitment]]:
    """A note and a table row for each statement behind an edge touching ``focus``."""
    cites: dict[str, tuple[str, str]] = {}
    ends: dict[str, set[str]] = {}
    for a, b, d in g.edges(data=True):
        if a not in focus and b not in focus:
            continue
        for c in d["citations"]:
            cites.setdefault(c.statement, (c.locator_ja if lang == "ja" else c.locator_en, c.quote))
            ends.setdefault(c.statement, set()).update((a, b))
    order = sorted(cites, key=lambda s: source.statements[s].order)
    statuses = {e.id: _short(e, lang) for e in source.options()["status"]}
    notes, rows = [], []
    for n, st in enumerate(order, start=1):
        facts = source.statements[st]
        doc = source.entities.get(facts.document)
        issued = facts.issued.isoformat() if facts.issued else ""
        locator, quote = cites[st]
        notes.append(
            Note(n, st, _short(doc, lang) if doc else facts.document_id, issued, locator, quote)
        )
        names = {v: label(g.nodes[v], lang) for v in ends[st]}
        rows.append(
            Commitment(
                n,
                locator,
                sorted(t for v, t in names.items() if g.nodes[v].get("group") != "Agency"),
                sorted(t for v, t in names.items() if g.nodes[v].get("group") == "Agency"),
                statuses.get(facts.status or "", "—"),
                _when(facts.start, facts.end, facts.issued),
            )
        )
    return notes, rows


def _when(start: object, end: object, issued: object) -> str:
    """The statement's own date or period (ISO); ``—`` when it has only its document's."""
    if start is None or (start == issued and end == issued):
        return "—"
    return str(start) if start == end else f"{start} – {end}"


def _pairs(g: nx.Graph, cited: set[str], lang: str) -> list[Pair]:
    """Japanese × UK agency pairs of the figure: statements linking both, initiatives both
    are linked to (counted on the figure's own edges)."""
    agencies = [v for v, d in g.nodes(data=True) if d.get("group") == "Agency"]
    left = [v for v in agencies if g.nodes[v].get("country") == PARTIES[0]]
    right = [v for v in agencies if g.nodes[v].get("country") == PARTIES[1]]

    def statements(v: str) -> set[str]:
        return {s for _, _, d in g.edges(v, data=True) for s in d["statements"]} & cited

    out = []
    for a in left:
        for b in right:
            shared = sorted(label(g.nodes[i], lang) for i in set(g[a]) & set(g[b]))
            both = statements(a) & statements(b)
            if shared or both:
                out.append(
                    Pair(label(g.nodes[a], lang), label(g.nodes[b], lang), len(both), shared)
                )
    return sorted(out, key=lambda p: (-p.statements, -len(p.initiatives), p.left, p.right))
