"""Who takes part in what, and on what evidence: the one derivation every surface reads.

An agent *acts* in a statement when a sentence of it has the agent as its subject (see
:mod:`.link`). How the sentence named the agent is the evidence, strongest first:

``named``
    by its name, abbreviation or alias (総務省, MIC, DSIT);
``reference``
    by a word that stands for agents named just before or fixed by the registry (両者, 双方,
    Both sides, a term the document defines for a few agencies such as 「両省」);
``collective``
    by a term standing for all the partnership's agencies (日英関係省庁, "the Participants").

An agent takes part in an initiative when it acts, named or by reference, in the sentence
that names the initiative; or collectively anywhere in a statement naming it — a collective
subject speaks for the whole partnership, so it is kept apart: surfaces show ``named`` and
``reference`` unless ``collective`` is asked for. Two agents co-participate in a statement
when both act in it; the pair's evidence is the weaker of the two agents' best.

The derived graph records each link with one evidence node per deciding mention: its kind,
statement, sentence, the words as written and their offsets in the source. Actor mentions
themselves get their kind (``bkg:evidenceKind``), so statement filters read the same facts.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef

from ..evidence import DEFAULT_KINDS, KINDS, rank
from ..namespaces import BKG, OA, PROV, RDF, XSD, IRIs, literal
from ..registry import Entity, Registry
from ..text import match_key
from .records import DocumentRecord, Link, Sentence, Statement

Triple = tuple[URIRef, URIRef, URIRef | Literal]

KIND_IRI = {k: BKG[f"{k.capitalize()}Evidence"] for k in KINDS}
#: How a registry collective term is read: resolved from the sentence's context or a fixed
#: list → a reference; defined as every agency of the partnership → collective.
_RESOLVES = {
    "context": "reference",
    "members": "reference",
    "parties": "reference",
    "definition": "collective",
}


@dataclass(frozen=True)
class Evidence:
    """One mention that decides that an agent acts: where, in which words, of which kind."""

    agent: Entity = field(compare=False)
    kind: str
    statement: URIRef
    mention: URIRef  # with the agent, what identifies the evidence
    surface: str
    start: int  # offsets in the source text
    end: int


def evidence_kind(link: Link, registry: Registry) -> str:
    """``named`` for a name, else the kind of the term the link was resolved through."""
    if link.via is None:
        return "named"
    key = match_key(link.via)
    for coll in registry.collectives:
        if key in {match_key(t) for t in (coll.term, *coll.aliases)}:
            return _RESOLVES.get(coll.resolves, "reference")
    return "reference"  # a term only this document defines (以下「両省」という), for a few


def _actor_evidence(
    st: Statement, s: URIRef, registry: Registry
) -> list[tuple[Sentence, Evidence]]:
    """Every actor mention of an agent in the statement, with its sentence."""
    out: list[tuple[Sentence, Evidence]] = []
    for sen in st.sentences:
        n = URIRef(f"{s}/sentence/{sen.position}")  # as rdf_document.py mints sentences, mentions
        for k, lk in enumerate(sen.links, 1):
            if lk.role != "actor" or not lk.entity.is_agent:
                continue
            lo, hi = st.item.origin[lk.start], st.item.origin[lk.end - 1] + 1
            kind = evidence_kind(lk, registry)
            ev = Evidence(lk.entity, kind, s, URIRef(f"{n}/mention/{k}"), lk.surface, lo, hi)
            out.append((sen, ev))
    return out


def _is_initiative(lk: Link) -> bool:
    return lk.entity.kind == "Initiative"


class _Collected:
    """Evidence gathered over all documents, before it becomes triples."""

    def __init__(self) -> None:
        self.participation: dict[tuple[str, str], set[Evidence]] = defaultdict(set)
        # (a, b) → statement → the best evidence of a and of b there
        self.pairs: dict[tuple[str, str], dict[URIRef, tuple[Evidence, Evidence]]] = defaultdict(
            dict
        )
        self.entities: dict[str, Entity] = {}
        self.mentions: dict[URIRef, str] = {}

    def statement(self, st: Statement, s: URIRef, registry: Registry) -> None:
        named_here = {lk.entity.id: lk.entity for lk in st.links() if _is_initiative(lk)}
        self.entities.update(named_here)
        best: dict[str, Evidence] = {}
        for sen, ev in _actor_evidence(st, s, registry):
            self.entities[ev.agent.id] = ev.agent
            self.mentions[ev.mention] = ev.kind
            if ev.agent.id not in best or rank(ev.kind) < rank(best[ev.agent.id].kind):
                best[ev.agent.id] = ev
            if ev.kind == "collective":
                inis = set(named_here)
            else:
                inis = {lk.entity.id for lk in sen.links if _is_initiative(lk)}
            for ini in inis:
                self.participation[(ev.agent.id, ini)].add(ev)
        agents = sorted(best)
        for i, a in enumerate(agents):
            for b in agents[i + 1 :]:
                self.pairs[(a, b)][s] = (best[a], best[b])


@dataclass
class Totals:
    """What one document adds to the aggregates of the derived graph, by registry ids: per
    (agent, initiative) its statements and whether a named or reference one is among them;
    per pair of agents the same, and the initiatives they share in a statement. Small, and
    kept as JSON beside the document's cached reading, so that a build adds up a thousand
    documents without reading them again."""

    kinds: dict[str, str] = field(default_factory=dict)  # registry id → entity kind
    participation: dict[str, list[object]] = field(default_factory=dict)  # "a i" → [n, default]
    pairs: dict[str, list[object]] = field(default_factory=dict)  # "a b" → [n, default, shared]

    def as_json(self) -> dict[str, Any]:
        return {"kinds": self.kinds, "participation": self.participation, "pairs": self.pairs}


def document_part(
    record: DocumentRecord, registry: Registry, iris: IRIs
) -> tuple[list[Triple], Totals]:
    """One document's share of the derived graph: the evidence of each participation and
    co-participation it supports, the kind of each actor mention — all minted under nodes
    of its own — and its :class:`Totals` for :func:`aggregate_triples`."""
    got = _Collected()
    for st in record.statements:
        got.statement(st, iris.statement(record.meta.id, *st.path), registry)
    totals = Totals(kinds={i: e.kind for i, e in sorted(got.entities.items())})
    out: list[Triple] = [(m, BKG.evidenceKind, KIND_IRI[k]) for m, k in got.mentions.items()]
    # what each agent takes part in, per statement and kind: the pairs' shared initiatives
    acting: dict[tuple[str, URIRef], dict[str, str]] = defaultdict(dict)
    for (agent, ini), evidence in sorted(got.participation.items()):
        node = iris.derived("participation", agent, ini)
        statements = {ev.statement for ev in evidence}
        out += [(node, PROV.wasDerivedFrom, s) for s in statements]
        for ev in evidence:
            out += _evidence(node, ev)
            kind = acting[(agent, ev.statement)].get(ini, ev.kind)
            acting[(agent, ev.statement)][ini] = min(kind, ev.kind, key=rank)
        default = any(ev.kind in DEFAULT_KINDS for ev in evidence)
        totals.participation[f"{agent} {ini}"] = [len(statements), default]
    for (a, b), by_statement in sorted(got.pairs.items()):
        node = iris.derived("co-participation", a, b)
        kinds = set()
        shared: set[str] = set()
        for s, (ea, eb) in by_statement.items():
            kind = max(ea.kind, eb.kind, key=rank)
            kinds.add(kind)
            digest = hashlib.sha1(str(s).encode()).hexdigest()[:12]
            ev_node = URIRef(f"{node}/evidence/{digest}")
            out += [
                (node, PROV.wasDerivedFrom, s),
                (node, BKG.evidence, ev_node),
                (ev_node, RDF.type, BKG.Evidence),
                (ev_node, BKG.evidenceKind, KIND_IRI[kind]),
                (ev_node, PROV.wasDerivedFrom, s),
            ]
            for ev in (ea, eb):  # each mention says whose it is (bkg:entity)
                out += _words(ev_node, ev)
            shared |= acting[(a, s)].keys() & acting[(b, s)].keys()
        default = bool(kinds & set(DEFAULT_KINDS))
        totals.pairs[f"{a} {b}"] = [len(by_statement), default, sorted(shared)]
    return out, totals


def aggregate_triples(parts: list[dict[str, Any]], iris: IRIs) -> list[Triple]:
    """The derived graph's own triples, added up over every document's :class:`Totals` (as
    JSON): each participation and co-participation node with its agents, initiative and
    statement count, and the plain edges (``bkg:participatesIn``, ``bkg:coParticipatesWith``)
    where named or reference evidence supports them."""
    kinds: dict[str, str] = {}
    participation: dict[str, list[int]] = {}  # [statements, default]
    pairs: dict[str, tuple[list[int], set[str]]] = {}
    for part in parts:
        kinds.update(part["kinds"])
        for key, (n, default) in part["participation"].items():
            total = participation.setdefault(key, [0, 0])
            total[0] += n
            total[1] |= bool(default)
        for key, (n, default, shared) in part["pairs"].items():
            counts, inis = pairs.setdefault(key, ([0, 0], set()))
            counts[0] += n
            counts[1] |= bool(default)
            inis.update(shared)

    def iri(ident: str) -> URIRef:
        return iris.entity(kinds[ident], ident)

    out: list[Triple] = []
    for key, (n, default) in participation.items():
        agent, ini = key.split(" ")
        node = iris.derived("participation", agent, ini)
        a_iri, i_iri = iri(agent), iri(ini)
        out += [
            (node, RDF.type, BKG.Participation),
            (node, BKG.agent, a_iri),
            (node, BKG.initiative, i_iri),
            (node, BKG.statementCount, Literal(n)),
            (a_iri, BKG.associatedWith, i_iri),
        ]
        if default:
            out.append((a_iri, BKG.participatesIn, i_iri))
    for key, ((n, default), shared) in pairs.items():
        a, b = key.split(" ")
        a_iri, b_iri = iri(a), iri(b)
        node = iris.derived("co-participation", a, b)
        out += [
            (node, RDF.type, BKG.CoParticipation),
            (node, BKG.agent, a_iri),
            (node, BKG.agent, b_iri),
            (node, BKG.weight, Literal(n)),
            (node, BKG.statementCount, Literal(n)),
        ]
        out += [(node, BKG.sharedInitiative, iri(i)) for i in sorted(shared)]
        if default:
            out += [(a_iri, BKG.coParticipatesWith, b_iri), (b_iri, BKG.coParticipatesWith, a_iri)]
    return out


def derive(records: list[DocumentRecord], registry: Registry, iris: IRIs) -> list[Triple]:
    """The whole of the participation records of ``records``: every document's part and the
    aggregates (what the build writes as the derived graphs, in one list)."""
    out: list[Triple] = []
    totals = []
    for record in records:
        triples, part = document_part(record, registry, iris)
        out += triples
        totals.append(part.as_json())
    return aggregate_triples(totals, iris) + out


def _words(node: URIRef, ev: Evidence) -> list[Triple]:
    """The mention that decided: its node in the document graph, words and offsets."""
    return [
        (node, BKG.mention, ev.mention),
        (node, BKG.surface, literal(ev.surface)),
    ]


def _evidence(parent: URIRef, ev: Evidence) -> list[Triple]:
    digest = hashlib.sha1(str(ev.mention).encode()).hexdigest()[:12]
    node = URIRef(f"{parent}/evidence/{digest}")
    return [
        (parent, BKG.evidence, node),
        (node, RDF.type, BKG.Evidence),
        (node, BKG.evidenceKind, KIND_IRI[ev.kind]),
        (node, PROV.wasDerivedFrom, ev.statement),
        (node, OA.start, literal(ev.start, XSD.nonNegativeInteger)),
        (node, OA.end, literal(ev.end, XSD.nonNegativeInteger)),
        *_words(node, ev),
    ]
