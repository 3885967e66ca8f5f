"""The tables the network views are built from, each the answer of a named query.

Every table comes from one ``network-*.rq`` file of the query library, run once per
:class:`Source`; projections combine them in Python, so a view costs the same few queries
whatever its filters. :meth:`Source.citation` turns a statement and the two ends of an edge
into a citation quoting the sentence that names both.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Protocol

from ..errors import InputError
from ..queries import load_library
from ..resolve import Names

BKG = "https://w3id.org/bilateral-kg/ontology#"
#: Most rows a view reads from one named query unless the caller says otherwise.
MAX_ROWS = 200_000


class RowStore(Protocol):
    """A store answering SELECT with rows of plain strings, up to ``max_results`` (every
    store of :mod:`bkg_graph.store` does)."""

    def select(self, sparql: str, *, max_results: int | None = None) -> list[dict[str, str]]: ...


@dataclass(frozen=True)
class StatementFacts:
    """What a view needs to know about one statement: its facets and how to cite it."""

    iri: str
    document: str
    document_id: str
    position: int
    pillar: str | None
    theme: str | None
    theme_id: str | None
    status: str | None
    locator_ja: str
    locator_en: str
    start: date | None
    end: date | None
    issued: date | None

    @property
    def order(self) -> tuple[str, int]:
        return (self.document, self.position)


@dataclass(frozen=True)
class EntityFacts:
    """A node's attributes: group (Agency, Initiative, …), exact type, id, labels, country."""

    iri: str
    group: str
    type: str
    id: str
    label_en: str
    label_ja: str
    abbreviation: str | None
    country: str | None


@dataclass(frozen=True)
class Sentence:
    iri: str
    position: int
    text: str
    entities: frozenset[str]


@dataclass(frozen=True)
class Citation:
    """One statement behind an edge: where it is (locator) and the sentence it says it in."""

    statement: str
    document: str
    locator_ja: str
    locator_en: str
    sentence: str
    quote: str


class Source:
    """The named-query tables of one version of the graph, fetched on first use."""

    def __init__(self, store: RowStore, *, max_rows: int = MAX_ROWS) -> None:
        self.store = store
        self.max_rows = max_rows

    def rows(self, name: str) -> list[dict[str, str]]:
        """The rows of the named query ``network-<name>``; more than ``max_rows`` is refused
        rather than silently cut (a cut table would draw a wrong network)."""
        return self._rows(f"network-{name}")

    @cached_property
    def names(self) -> Names:
        """Every name of every entity, for filters and the focus written as people write
        them (the ``names`` named query)."""
        return Names(self._rows("names"))

    def _rows(self, name: str) -> list[dict[str, str]]:
        text = load_library().get_query(name).bind()
        rows = self.store.select(text, max_results=self.max_rows + 1)
        if len(rows) > self.max_rows:
            raise InputError(
                f"the graph is too large for a network view ({name} has more than "
                f"{self.max_rows:,} rows); the limit is BKG_VIEW_MAX_ROWS"
            )
        return rows

    @cached_property
    def statements(self) -> dict[str, StatementFacts]:
        out: dict[str, StatementFacts] = {}
        for r in self.rows("statements"):
            issued = _date(r.get("issued"))
            out[r["statement"]] = StatementFacts(
                iri=r["statement"],
                document=r["document"],
                document_id=r.get("documentId") or _tail(r["document"]),
                position=int(r["position"]),
                pillar=r.get("pillarId"),
                theme=r.get("theme"),
                theme_id=r.get("themeId"),
                status=r.get("statusId"),
                locator_ja=r.get("locatorJa") or r.get("locatorEn") or "",
                locator_en=r.get("locatorEn") or r.get("locatorJa") or "",
                start=_date(r.get("dateStart")) or issued,
                end=_date(r.get("dateEnd")) or issued,
                issued=issued,
            )
        return out

    @cached_property
    def entities(self) -> dict[str, EntityFacts]:
        out: dict[str, EntityFacts] = {}
        for r in self.rows("entities"):
            iri = r["entity"]
            group, kind = r["group"].removeprefix(BKG), r["type"].removeprefix(BKG)
            prev = out.get(iri)
            if prev is not None and (prev.type != prev.group or kind == group):
                continue  # keep the first row, or the more specific type (Framework)
            en = r.get("labelEn") or r.get("labelJa") or _tail(iri)
            out[iri] = EntityFacts(
                iri=iri,
                group=group,
                type=kind,
                id=r.get("id") or _tail(iri),
                label_en=en,
                label_ja=r.get("labelJa") or en,
                abbreviation=r.get("abbreviation"),
                country=r.get("id") if group == "Country" else r.get("country"),
            )
        return out

    @cached_property
    def sentences(self) -> dict[str, list[Sentence]]:
        """Each statement's sentences in order, with the entities each mentions."""
        found: dict[str, dict[str, tuple[int, str, set[str]]]] = defaultdict(dict)
        for r in self.rows("sentences"):
            entry = found[r["statement"]].setdefault(
                r["sentence"], (int(r["position"]), r["text"], set())
            )
            if "entity" in r:
                entry[2].add(r["entity"])
        return {
            st: sorted(
                (Sentence(iri, pos, text, frozenset(ents)) for iri, (pos, text, ents) in s.items()),
                key=lambda x: x.position,
            )
            for st, s in found.items()
        }

    @property
    def as_of(self) -> str:
        """The issue date of the newest document with statements (ISO), or ``unknown``."""
        issued = [f.issued for f in self.statements.values() if f.issued is not None]
        return max(issued).isoformat() if issued else "unknown"

    def options(self) -> dict[str, list[EntityFacts]]:
        """What each filter can be set to, with labels: pillars, themes, statuses, countries
        and the documents that have statements."""
        documents = {f.document for f in self.statements.values()}
        groups = {"pillar": "Pillar", "theme": "Theme", "status": "Status", "country": "Country"}
        out = {
            key: sorted((e for e in self.entities.values() if e.group == group), key=_by_id)
            for key, group in groups.items()
        }
        out["document"] = sorted(
            (self.entities[d] for d in documents if d in self.entities), key=_by_id
        )
        return out

    def citation(self, statement: str, ends: tuple[str, ...]) -> Citation:
        """Cite ``statement`` for an edge between ``ends``: quote the first sentence naming
        every end, else the one naming the most of them, else the first sentence."""
        facts = self.statements[statement]
        sentences = self.sentences.get(statement, [])
        best = max(
            sentences, key=lambda s: (sum(e in s.entities for e in ends), -s.position), default=None
        )
        return Citation(
            statement=statement,
            document=facts.document,
            locator_ja=facts.locator_ja,
            locator_en=facts.locator_en,
            sentence=best.iri if best else "",
            quote=best.text if best else "",
        )


def _by_id(e: EntityFacts) -> str:
    return e.id


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
