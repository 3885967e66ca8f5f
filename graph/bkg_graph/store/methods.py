"""Convenience methods every store gets from its ``query``: select, ask, construct, describe."""

from __future__ import annotations

from ..errors import QueryError
from .base import (
    JSON_RESULTS,
    TURTLE,
    ProtocolDataset,
    QueryAnswer,
    QueryForm,
    QueryRequest,
    boolean,
    solutions,
)
from .guard import check


class QueryMethods:
    """Mixed into stores: ``run`` a query text, and shortcuts over it.

    Subclasses provide ``query(request)``, ``max_results`` and ``max_query_bytes``.
    """

    max_results: int = 10_000
    max_query_bytes: int = 100_000

    def query(self, request: QueryRequest) -> QueryAnswer:
        raise NotImplementedError

    def run(
        self,
        sparql: str,
        media_type: str | None = None,
        *,
        dataset: ProtocolDataset | None = None,
        max_results: int | None = None,
    ) -> QueryAnswer:
        """Check and run a query text; the answer in ``media_type`` (default: the first)."""
        checked = check(sparql, max_bytes=self.max_query_bytes)
        wanted = media_type or checked.form.media_types[0]
        if wanted not in checked.form.media_types:
            raise QueryError(f"a {checked.form} query cannot be answered as {wanted}")
        return self.query(
            QueryRequest(
                checked,
                wanted,
                dataset=dataset or ProtocolDataset(),
                max_results=max_results or self.max_results,
            )
        )

    def select(self, sparql: str, *, max_results: int | None = None) -> list[dict[str, str]]:
        """Rows of a SELECT query as plain strings (unbound variables left out)."""
        answer = self.run(sparql, JSON_RESULTS, max_results=max_results)
        if answer.form is not QueryForm.SELECT:
            raise QueryError("expected a SELECT query")
        return solutions(answer)

    def ask(self, sparql: str) -> bool:
        answer = self.run(sparql, JSON_RESULTS)
        if answer.form is not QueryForm.ASK:
            raise QueryError("expected an ASK query")
        return boolean(answer)

    def construct(self, sparql: str, media_type: str = TURTLE) -> bytes:
        """The graph of a CONSTRUCT or DESCRIBE query, serialised."""
        answer = self.run(sparql, media_type)
        if answer.form not in (QueryForm.CONSTRUCT, QueryForm.DESCRIBE):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return answer.body

    def describe(self, iri: str, media_type: str = TURTLE) -> bytes:
        """``DESCRIBE <iri>``: the triples about one resource."""
        if any(c in iri for c in '<>"{}|^`\\ \n'):
            raise QueryError(f"not an IRI: {iri!r}")
        return self.construct(f"DESCRIBE <{iri}>", media_type)
