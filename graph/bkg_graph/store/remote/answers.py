"""A remote server's results, capped and written exactly as the embedded store writes them.

Servers are asked for SPARQL JSON (results) and N-Triples (graphs), and what they send is read
leniently: Virtuoso labels literals ``typed-literal`` (the 2007 draft's name), adds keys of its
own, and answers an ASK query with a one-column table (``__ASK_RETVAL``) rather than a
boolean. The answer is then capped at ``max_results`` and serialised by pyoxigraph in the
media type the client asked for, so clients cannot tell which store answered.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from ...errors import RemoteStoreError, RemoteStoreTimeout
from ...namespaces import PREFIXES
from ..base import JSON_RESULTS, TURTLE, QueryAnswer, QueryForm, QueryRequest
from ..results import dumps, write
from .transport import Reply

#: What the server is asked for, by the form of the query.
ACCEPT_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.5"
ACCEPT_GRAPH = (
    "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.5"
)
_LINE_FORMATS = ("application/n-triples", "text/plain")
_CANCELLED = re.compile(rb"cancel|time ?out|timed out", re.IGNORECASE)


def table_answer(req: QueryRequest, reply: Reply) -> QueryAnswer:
    """A SELECT or ASK answer from the server's results."""
    doc = _results_json(reply)
    if req.query.form is QueryForm.ASK:
        value = _boolean(doc)
        body = write({"head": {}, "boolean": value}, req.media_type)
        return QueryAnswer(body, req.media_type, req.query.form, None, False, req.max_results)
    try:
        variables: list[str] = list(doc["head"]["vars"])
        rows: list[dict[str, Any]] = [_binding(b) for b in doc["results"]["bindings"]]
    except (KeyError, TypeError, AttributeError) as exc:
        raise RemoteStoreError(f"the SPARQL store sent results without {exc}") from None
    cap = req.max_results
    truncated = len(rows) > cap
    clean = {"head": {"vars": variables}, "results": {"bindings": rows[:cap]}}
    if req.media_type == JSON_RESULTS:
        clean["limits"] = {"maxResults": cap, "truncated": truncated}
        body = dumps(clean)
    else:
        body = write(clean, req.media_type)
    return QueryAnswer(body, req.media_type, req.query.form, min(len(rows), cap), truncated, cap)


def plain_rows(reply: Reply) -> list[dict[str, str]]:
    """Rows of a SELECT answer as plain strings (unbound variables left out)."""
    doc = _results_json(reply)
    try:
        return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]
    except (KeyError, TypeError, AttributeError) as exc:
        raise RemoteStoreError(f"the SPARQL store sent results without {exc}") from None


def graph_answer(req: QueryRequest, reply: Reply) -> QueryAnswer:
    """A CONSTRUCT or DESCRIBE answer: at most ``max_results`` triples of the server's graph."""
    cap = req.max_results
    if reply.media_type in _LINE_FORMATS:  # one triple a line: counted without parsing
        body = reply.body
        if not reply.complete:
            body = body[: body.rfind(b"\n") + 1]  # the last line may have been cut off
        count = body.count(b"\n") - body.count(b"\n\n") + (not body.endswith(b"\n"))
        if count > cap:
            body = b"\n".join(ln for ln in body.split(b"\n") if ln.strip())
            body = b"\n".join(body.split(b"\n", cap)[:cap])
        triples: Iterable[ox.Quad] = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
    else:
        parsed = _parse(reply.body, reply.media_type or TURTLE)
        count, triples = len(parsed), parsed[:cap]
    truncated = count > cap or not reply.complete
    out = ox.RdfFormat.from_media_type(req.media_type)
    if out is None:
        raise ValueError(f"not an RDF media type: {req.media_type}")
    try:
        written = ox.serialize(
            triples, format=out, prefixes=PREFIXES if req.media_type == TURTLE else None
        )
    except SyntaxError as exc:  # the N-Triples, read as they are written out
        raise unreadable(reply.body, f"an unreadable graph: {exc}") from None
    assert written is not None
    return QueryAnswer(written, req.media_type, req.query.form, min(count, cap), truncated, cap)


def _results_json(reply: Reply) -> Any:
    if reply.media_type not in ("application/sparql-results+json", "application/json"):
        fmt = ox.QueryResultsFormat.from_media_type(reply.media_type)
        if fmt is None:
            raise RemoteStoreError(
                f"the SPARQL store answered in {reply.media_type or 'no media type'}, "
                "not SPARQL results"
            )
        try:
            parsed = ox.parse_query_results(reply.body, format=fmt)
        except SyntaxError as exc:
            raise unreadable(reply.body, f"unreadable results: {exc}") from None
        if isinstance(parsed, ox.QueryTriples):
            raise RemoteStoreError("the SPARQL store sent a graph, not SPARQL results")
        body = parsed.serialize(format=ox.QueryResultsFormat.JSON)
        assert body is not None
        return json.loads(body)
    try:
        return json.loads(reply.body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise unreadable(reply.body, f"unreadable JSON: {exc}") from None


def _boolean(doc: Any) -> bool:
    """An ASK answer: the boolean, or Virtuoso's one-row table of 1 (empty when false)."""
    if isinstance(doc, dict) and isinstance(doc.get("boolean"), bool):
        return bool(doc["boolean"])
    try:
        bindings = doc["results"]["bindings"]
    except (KeyError, TypeError):
        raise RemoteStoreError("the SPARQL store sent no boolean for an ASK query") from None
    values = [v.get("value") for b in bindings for v in b.values()]
    return bool(values) and values[0] not in ("0", "false")


def _binding(row: dict[str, Any]) -> dict[str, Any]:
    return {name: _term(term) for name, term in row.items()}


def _term(term: dict[str, Any]) -> dict[str, Any]:
    if term.get("type") == "typed-literal":
        term = {**term, "type": "literal"}
    if term.get("type") == "literal" and term.get("datatype") in (
        "http://www.w3.org/2001/XMLSchema#string",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
    ):
        term = {k: v for k, v in term.items() if k != "datatype"}
    return term


def unreadable(body: bytes, what: str) -> RemoteStoreError | RemoteStoreTimeout:
    """The error for an answer that does not parse. Oxigraph, stopping a query at its
    ``--timeout-s``, ends an answer already under way with a message instead of the rest."""
    if _CANCELLED.search(body[-300:]):
        return RemoteStoreTimeout(
            "the SPARQL store stopped the query at its time limit; narrow it down "
            "(more specific patterns, LIMIT) and try again"
        )
    return RemoteStoreError(f"the SPARQL store sent {what}")


def _parse(body: bytes, media_type: str) -> list[ox.Quad]:
    """The triples of a graph (as quads in the default graph, which every syntax writes)."""
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise RemoteStoreError(f"the SPARQL store answered in {media_type}, not an RDF syntax")
    try:
        return list(ox.parse(body, format=fmt))
    except SyntaxError as exc:
        raise unreadable(body, f"an unreadable graph: {exc}") from None
