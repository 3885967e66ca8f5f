"""Run one checked query on a pyoxigraph store and serialise the answer.

This runs inside the query worker processes (and in-process for :class:`EmbeddedStore`), so it
imports nothing heavier than pyoxigraph. Results are serialised by pyoxigraph itself; a SELECT
query is capped by writing a ``LIMIT`` of one more than the cap into it, so the engine stops
early and one extra row tells that the answer was cut.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from typing import Any

import pyoxigraph as ox

from ..errors import QueryError
from .base import JSON_RESULTS, TURTLE, QueryAnswer, QueryForm, QueryRequest

_SYNTAX = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_MAX_MESSAGE = 300


def execute(store: ox.Store, req: QueryRequest, prefixes: dict[str, str]) -> QueryAnswer:
    """The serialised answer to ``req`` (at most ``req.max_results`` rows or triples)."""
    checked = req.query
    cap = req.max_results
    if checked.form is QueryForm.SELECT:
        limited = checked.limited(cap + 1)
        if limited is not None:
            result = _run(store, req, prefixes, limited, fallback=checked.text)
            assert isinstance(result, ox.QuerySolutions)
            body, fmt = _results(result, req.media_type)
            rows = count_rows(body, fmt)
            if rows <= cap:
                return _answer(req, body, rows, truncated=False)
            again = _run(store, req, prefixes, checked.limited(cap) or checked.text)
            assert isinstance(again, ox.QuerySolutions)
            body, fmt = _results(again, req.media_type)
            return _answer(req, body, cap, truncated=True)
    result = _run(store, req, prefixes, checked.text)
    if isinstance(result, ox.QueryTriples):
        triples = list(itertools.islice(result, cap + 1))
        graph = _graph(triples[:cap], req.media_type, prefixes)
        return _answer(req, graph, min(len(triples), cap), truncated=len(triples) > cap)
    body, fmt = _results(result, req.media_type)
    if isinstance(result, ox.QueryBoolean):
        return _answer(req, body, None, truncated=False)
    return _answer(req, body, count_rows(body, fmt), truncated=False)


def _run(
    store: ox.Store,
    req: QueryRequest,
    prefixes: dict[str, str],
    text: str,
    fallback: str | None = None,
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    options: dict[str, Any] = {"prefixes": prefixes, "base_iri": req.base_iri}
    if req.dataset.given:
        try:
            options["default_graph"] = [ox.NamedNode(g) for g in req.dataset.default_graphs]
            options["named_graphs"] = [ox.NamedNode(g) for g in req.dataset.named_graphs]
        except ValueError as exc:
            raise QueryError(f"bad graph IRI in the request: {exc}") from None
    elif not req.query.has_from:
        options["use_default_graph_as_union"] = True
    try:
        return store.query(text, **options)
    except SyntaxError as exc:
        if fallback is not None and fallback != text:
            return _run(store, req, prefixes, fallback)
        raise syntax_error(str(exc)) from None


def syntax_error(message: str) -> QueryError:
    """A QueryError with the line and column pyoxigraph reports."""
    m = _SYNTAX.match(message)
    if m is None:
        return QueryError(f"SPARQL syntax error: {_short(message)}")
    line, column = int(m.group(1)), int(m.group(2))
    return QueryError(
        f"SPARQL syntax error at line {line}, column {column}: {_short(m.group(3))}",
        line=line,
        column=column,
    )


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def _results(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, media_type: str
) -> tuple[bytes, ox.QueryResultsFormat]:
    fmt = ox.QueryResultsFormat.from_media_type(media_type)
    if fmt is None or isinstance(result, ox.QueryTriples):
        raise ValueError(f"cannot write this result as {media_type}")
    body = result.serialize(format=fmt)
    assert body is not None
    return body, fmt


def _graph(triples: list[ox.Triple], media_type: str, prefixes: dict[str, str]) -> bytes:
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise ValueError(f"not an RDF media type: {media_type}")
    body = ox.serialize(triples, format=fmt, prefixes=prefixes if media_type == TURTLE else None)
    assert body is not None
    return body


def count_rows(body: bytes, fmt: ox.QueryResultsFormat) -> int:
    """How many solutions a serialised SELECT result holds."""
    if fmt == ox.QueryResultsFormat.TSV:  # values are escaped: one line per row
        return body.count(b"\n") - 1
    if fmt == ox.QueryResultsFormat.XML:  # '<' in values is escaped
        return body.count(b"<result>")
    if fmt == ox.QueryResultsFormat.CSV:
        return len(list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))) - 1
    if body.endswith(b'"bindings":[]}}'):
        return 0
    return _JSON_STRING.sub(b'""', body).count(b"},{") + 1


def _answer(req: QueryRequest, body: bytes, rows: int | None, *, truncated: bool) -> QueryAnswer:
    if req.media_type == JSON_RESULTS and req.query.form is QueryForm.SELECT:
        limits = json.dumps({"maxResults": req.max_results, "truncated": truncated})
        body = body[:-1] + b',"limits":' + limits.encode() + b"}"
    return QueryAnswer(body, req.media_type, req.query.form, rows, truncated, req.max_results)
