"""Follow-through across councils: each commitment linked to what later documents of the same
partnership say about the same thing.

A commitment is a statement whose strength is commitment, intention or exploration. Its
follow-ups are the statements of a *later* document (a later date, the same partnership) that
name the same initiative or topic. The match is made on registry ids, never on words, so a
Japanese 2024 sentence and an English 2025 sentence about GCOT meet on ``gcot``. A translation
is not a later council: documents that translate another document in the corpus take no part
(their original speaks for them), so nothing is matched against its own translation.

Every link records what matched and how sure the matcher is. It is ``confident`` only when the
two statements share an initiative *and* an acting agency; a shared topic alone, or a shared
initiative with no agency acting in both, gives an ``uncertain`` link, which the graph carries
as such and never as a plain ``bkg:followedUpBy`` edge. A commitment that no statement of a
later document matches is recorded once per later document as ``not-mentioned``. A commitment
is followed in the next :data:`LATER_COUNCILS` councils of its partnership, not in every later
one.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from rdflib import Literal, URIRef

from ..corpus import DocumentMeta
from ..namespaces import BKG, PROV, RDF, IRIs, literal
from ..registry import Entity
from ..summary_en import record_summary
from .records import DocumentRecord, Statement

# kg.py derives this graph beside the document graphs, so the IRIs are minted here as
# rdf_document.py mints them
Triple = tuple[URIRef, URIRef, URIRef | Literal]

#: How many later councils of its partnership a commitment is followed in. A partnership meets
#: once or twice a year, so this covers what became of a commitment over the next years,
#: and a corpus of many councils does not make every pair of them a comparison.
LATER_COUNCILS = 3
COMMITTING = frozenset({"commitment", "intention", "exploration"})
# how far an action has come; welcomed and agreed sit between planned and ongoing
STATUS_RANK = {"planned": 0, "agreed": 1, "welcomed": 1, "ongoing": 2, "achieved": 3}
OUTCOMES = ("progressed", "unchanged", "status-unclear", "not-mentioned")
CONFIDENCES = ("confident", "uncertain")


@dataclass(frozen=True)
class Keys:
    """What a statement is about and who acts in it, as registry ids.

    An initiative counts with the one it is part of (a working group with the framework it
    serves); the partnership itself is left out, since every statement of it is under it.
    ``sides`` are the countries acting, directly or through their agencies.
    """

    initiatives: frozenset[str]
    topics: frozenset[str]
    agencies: frozenset[str]
    sides: frozenset[str]
    theme: str


@dataclass(frozen=True)
class FollowUp:
    """One commitment and one later document: the statement that follows it up there (or
    none), what the two share, the change of status and how sure the match is."""

    commitment: Statement
    source: DocumentRecord
    later: DocumentRecord
    statement: Statement | None
    initiatives: tuple[str, ...] = ()  # registry ids
    topics: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()  # agencies acting in both, then sides acting in both
    outcome: str = "not-mentioned"
    confidence: str = "confident"


def keys(st: Statement, partnership: str | None = None) -> Keys:
    """The initiatives and topics a statement names, and who acts in it."""
    named = [*st.entities("actor"), *st.entities("mention")]
    inis = {e.id for e in named if e.kind == "Initiative"}
    inis |= {e.part_of for e in named if e.kind == "Initiative" and e.part_of}
    actors = st.entities("actor")
    return Keys(
        initiatives=frozenset(inis - {partnership}),
        topics=frozenset(e.id for e in named if e.kind == "Topic"),
        agencies=frozenset(e.id for e in actors if e.kind == "Agency"),
        sides=frozenset(e.id for e in actors if e.kind == "Country")
        | frozenset(e.country for e in actors if e.kind == "Agency" and e.country),
        theme=st.theme.id,
    )


def is_commitment(st: Statement) -> bool:
    return st.strength is not None and st.strength.value in COMMITTING


def outcome(before: Statement, after: Statement) -> str:
    """``progressed`` when the later status is further on, ``unchanged`` when it is the same,
    ``status-unclear`` when either side has no status or the later one is behind."""
    old = before.status.value if before.status else None
    new = after.status.value if after.status else None
    if old is None or new is None:
        return "status-unclear"
    if old == new:
        return "unchanged"
    return "progressed" if STATUS_RANK[new] > STATUS_RANK[old] else "status-unclear"


class Council(NamedTuple):
    """What places a document among the councils of its partnership: from its metadata in a
    build, from the ``council-documents`` query on a page."""

    id: str
    date: str | None  # ISO
    partnership: str | None
    translation_of: str | None = None


def council_order(documents: Iterable[Council]) -> list[Council]:
    """The documents that speak for a council: dated, in a partnership, not a translation of
    another of ``documents``; oldest first."""
    docs = list(documents)
    ids = {d.id for d in docs}
    kept = [d for d in docs if d.date and d.partnership and d.translation_of not in ids]
    return sorted(kept, key=lambda d: (d.date or "", d.id))


def next_councils(order: list[Council], index: int) -> Iterator[str]:
    """The councils after ``order[index]`` in its partnership (a later date), in order."""
    source = order[index]
    return (
        d.id
        for d in order[index + 1 :]
        if d.partnership == source.partnership and d.date != source.date
    )


def followed_by(metas: list[DocumentMeta]) -> dict[str, list[str]]:
    """For each council, the earlier councils whose commitments it follows up: those that
    have it among their next :data:`LATER_COUNCILS` of the same partnership (later date)."""
    order = council_order(
        Council(m.id, str(m.date) if m.date else None, m.partnership, m.translation_of)
        for m in metas
    )
    sources: dict[str, list[str]] = {d.id: [] for d in order}
    for i, source in enumerate(order):
        for later in itertools.islice(next_councils(order, i), LATER_COUNCILS):
            sources[later].append(source.id)
    return sources


def translated_by(metas: list[DocumentMeta]) -> dict[str, list[str]]:
    """For each document, the English documents of the corpus that translate it."""
    out: dict[str, list[str]] = {}
    for m in metas:
        if m.translation_of and m.language == "en":
            out.setdefault(m.translation_of, []).append(m.id)
    return {k: sorted(v) for k, v in out.items()}


def match(records: list[DocumentRecord]) -> list[FollowUp]:
    """Every follow-up link between the commitments of each council and the later ones."""
    by_id = {r.meta.id: r for r in records}
    out: list[FollowUp] = []
    for later, sources in followed_by([r.meta for r in records]).items():
        out += match_later(by_id[later], [by_id[s] for s in sources])
    return out


def match_later(later: DocumentRecord, sources: list[DocumentRecord]) -> list[FollowUp]:
    """The follow-up links into ``later`` from the commitments of ``sources``."""
    later_keys = [keys(f, later.meta.partnership) for f in later.statements]
    out: list[FollowUp] = []
    for source in sources:
        for st in source.statements:
            if not is_commitment(st):
                continue
            k = keys(st, source.meta.partnership)
            found = [
                _link(st, k, source, later, f, fk)
                for f, fk in zip(later.statements, later_keys, strict=True)
            ]
            hits = [f for f in found if f is not None]
            out += hits or [_absent(st, k, source, later, later_keys)]
    return out


def _link(
    st: Statement, k: Keys, source: DocumentRecord, later: DocumentRecord, f: Statement, fk: Keys
) -> FollowUp | None:
    """A link when the two share an initiative, or a topic within the same theme; confident
    when an agency acts in both, or when they share an initiative and a side acts in both."""
    inis = k.initiatives & fk.initiatives
    topics = k.topics & fk.topics if k.theme == fk.theme else frozenset()
    if not (inis or topics):
        return None
    agencies = k.agencies & fk.agencies
    sides = k.sides & fk.sides
    return FollowUp(
        commitment=st,
        source=source,
        later=later,
        statement=f,
        initiatives=tuple(sorted(inis)),
        topics=tuple(sorted(topics)),
        actors=tuple(sorted(agencies)) + tuple(sorted(sides - agencies)),
        outcome=outcome(st, f),
        confidence="confident" if agencies or (inis and sides) else "uncertain",
    )


def _absent(
    st: Statement, k: Keys, source: DocumentRecord, later: DocumentRecord, later_keys: list[Keys]
) -> FollowUp:
    """No statement of ``later`` names what ``st`` names. The absence is only ``confident``
    when no statement there shares both the theme and an acting agency with it either."""
    near = any(fk.theme == k.theme and k.agencies & fk.agencies for fk in later_keys)
    return FollowUp(st, source, later, None, confidence="uncertain" if near else "confident")


def statement_iri(st: Statement, doc_id: str, iris: IRIs) -> URIRef:
    return iris.statement(doc_id, *st.path)


def entity_iri(entity: Entity, iris: IRIs) -> URIRef:
    return iris.entity(entity.kind, entity.id)


def country_iri(ident: str, iris: IRIs) -> URIRef:
    return iris.entity("Country", ident)


def summary_triples(
    record: DocumentRecord, translations: list[DocumentRecord], iris: IRIs
) -> list[Triple]:
    """A generated English line (``bkg:generatedSummary``) for each statement of a document
    not in English that none of its English ``translations`` aligns with."""
    if record.meta.language == "en":
        return []
    translated = {st.path for r in translations for st in r.statements}
    return [
        (
            statement_iri(st, record.meta.id, iris),
            BKG.generatedSummary,
            Literal(record_summary(st), lang="en"),
        )
        for st in record.statements
        if st.path not in translated
    ]


def document_part(
    record: DocumentRecord,
    sources: list[DocumentRecord],
    translations: list[DocumentRecord],
    iris: IRIs,
) -> list[Triple]:
    """A document's share of the derived graphs: the generated English lines of its
    statements, and the follow-up links into it from the councils in ``sources`` (see
    :func:`followed_by`); ``translations`` are its English translations in the corpus."""
    return summary_triples(record, translations, iris) + link_triples(
        match_later(record, sources), iris
    )


def followup_triples(records: list[DocumentRecord], iris: IRIs) -> list[Triple]:
    """Every document's :func:`document_part`, in one list."""
    by_id = {r.meta.id: r for r in records}
    metas = [r.meta for r in records]
    sources = followed_by(metas)
    translations = translated_by(metas)
    out: list[Triple] = []
    for r in records:
        out += document_part(
            r,
            [by_id[s] for s in sources.get(r.meta.id, [])],
            [by_id[t] for t in translations.get(r.meta.id, [])],
            iris,
        )
    return out


def link_triples(links: list[FollowUp], iris: IRIs) -> list[Triple]:
    """The follow-up links as RDF, each node traced to the statements it rests on."""
    out: list[Triple] = []
    for link in links:
        actors = {
            e.id: entity_iri(e, iris)
            for st in (link.commitment, link.statement)
            if st is not None
            for e in st.entities("actor")
        }
        c = statement_iri(link.commitment, link.source.meta.id, iris)
        path = ["follow-up", link.source.meta.id, *link.commitment.path, "in", link.later.meta.id]
        if link.statement is not None:
            path += link.statement.path
        node = iris.derived(*path)
        out += [
            (node, RDF.type, BKG.FollowUp),
            (node, BKG.commitment, c),
            (node, BKG.laterDocument, iris.document(link.later.meta.id)),
            (node, BKG.followUpOutcome, literal(link.outcome)),
            (node, BKG.matchConfidence, literal(link.confidence)),
            (node, PROV.wasDerivedFrom, c),
        ]
        if link.commitment.status:
            out.append((node, BKG.statusBefore, BKG[link.commitment.status.value.capitalize()]))
        if link.statement is None:
            continue
        f = statement_iri(link.statement, link.later.meta.id, iris)
        out += [(node, BKG.followUpStatement, f), (node, PROV.wasDerivedFrom, f)]
        if link.statement.status:
            out.append((node, BKG.statusAfter, BKG[link.statement.status.value.capitalize()]))
        out += [
            (node, BKG.matchedInitiative, iris.entity("Initiative", i)) for i in link.initiatives
        ]
        out += [(node, BKG.matchedTopic, iris.entity("Topic", t)) for t in link.topics]
        out += [
            (node, BKG.matchedActor, actors.get(a) or country_iri(a, iris)) for a in link.actors
        ]
        if link.confidence == "confident":
            out.append((c, BKG.followedUpBy, f))
    return out
