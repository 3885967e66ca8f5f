"""The store interface: what the API and other code may ask of wherever the graph is kept.

Every store answers SPARQL over one version of the graph, read-only. A query is first checked
by :func:`bkg_graph.store.guard.check` (which refuses updates, ``LOAD`` and ``SERVICE``, and
marks the queries a full parser must confirm before they run);
:meth:`GraphStore.query` takes the checked query and returns the answer already serialised
in the requested media type, so that a server can pass the bytes straight through.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol, runtime_checkable

JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
CSV_RESULTS = "text/csv"
TSV_RESULTS = "text/tab-separated-values"
TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
JSON_LD = "application/ld+json"
RDF_XML = "application/rdf+xml"

#: Media types for SELECT and ASK results, in order of preference.
RESULT_MEDIA_TYPES = (JSON_RESULTS, XML_RESULTS, CSV_RESULTS, TSV_RESULTS)
#: Media types for CONSTRUCT and DESCRIBE results, in order of preference.
GRAPH_MEDIA_TYPES = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML)


class QueryForm(StrEnum):
    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"

    @property
    def media_types(self) -> tuple[str, ...]:
        """The media types this form of query can be answered in."""
        if self in (QueryForm.SELECT, QueryForm.ASK):
            return RESULT_MEDIA_TYPES
        return GRAPH_MEDIA_TYPES


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the read-only check; only ``guard.check`` makes these.

    ``risky`` holds the risky words (``service``, ``load``, update words …) found anywhere in
    the text: a store must have :func:`~.guard.confirm` read such a query with a full parser
    before it runs it. ``has_tail`` tells that a top-level ``LIMIT`` or ``VALUES`` seems to
    close the query (so a remote store is not sent an extra ``LIMIT``); it is a hint, never a
    safety check.
    """

    text: str
    form: QueryForm
    has_from: bool = False
    has_tail: bool = False
    risky: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ProtocolDataset:
    """The ``default-graph-uri`` / ``named-graph-uri`` parameters of the SPARQL protocol.

    When either is given they replace the query's own dataset (``FROM``/``FROM NAMED``) and
    the union default graph.
    """

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def given(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


@dataclass(frozen=True)
class QueryRequest:
    """One query to run: the checked text, the media type wanted, the dataset and limits."""

    query: CheckedQuery
    media_type: str
    dataset: ProtocolDataset = field(default_factory=ProtocolDataset)
    base_iri: str | None = None
    max_results: int = 10_000


@dataclass(frozen=True)
class QueryAnswer:
    """A serialised answer. ``rows`` counts solutions or triples (None for ASK)."""

    body: bytes
    media_type: str
    form: QueryForm
    rows: int | None
    truncated: bool
    max_results: int


@runtime_checkable
class GraphStore(Protocol):
    """What every store offers: the dataset version and read-only SPARQL."""

    @property
    def version(self) -> str:
        """The version of the graph being served (a content hash)."""
        ...

    def query(self, request: QueryRequest) -> QueryAnswer:
        """Run a checked query; raises QueryError, QueryTimeout or StoreUnavailable."""
        ...

    def close(self) -> None:
        """Release processes and files."""
        ...

    def run(
        self,
        sparql: str,
        media_type: str | None = None,
        *,
        dataset: ProtocolDataset | None = None,
        max_results: int | None = None,
    ) -> QueryAnswer:
        """Check and run a query text; the answer in ``media_type`` (default: the first)."""
        ...

    def select(self, sparql: str, *, max_results: int | None = None) -> list[dict[str, str]]:
        """Rows of a SELECT query as plain strings (unbound variables left out)."""
        ...

    def ask(self, sparql: str) -> bool: ...

    def construct(self, sparql: str, media_type: str = TURTLE) -> bytes:
        """The graph of a CONSTRUCT or DESCRIBE query, serialised."""
        ...

    def describe(self, iri: str, media_type: str = TURTLE) -> bytes: ...


def solutions(answer: QueryAnswer) -> list[dict[str, str]]:
    """Rows of a SPARQL JSON SELECT answer as plain strings (unbound variables left out)."""
    doc = json.loads(answer.body)
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def boolean(answer: QueryAnswer) -> bool:
    """The value of a SPARQL JSON ASK answer."""
    value: bool = json.loads(answer.body)["boolean"]
    return value
