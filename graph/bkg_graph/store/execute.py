"""Run one checked query on a pyoxigraph store and serialise the answer.

This runs inside the query worker processes (and in-process for :class:`EmbeddedStore`), so it
imports nothing heavier than pyoxigraph. A risky query (see :mod:`.guard`) is first confirmed
by the full parser. Results are capped by counting: the engine's solutions or triples are
taken one by one and reading stops at one more than the cap, which tells that the answer was
cut — whatever the query text says, no more than the cap is ever kept. The form of the answer
is the one the engine produced, not the one the check read.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyoxigraph as ox

from ..errors import QueryError, QueryForbidden, StoreUnavailable
from .base import JSON_RESULTS, TURTLE, QueryAnswer, QueryForm, QueryRequest
from .guard import confirm
from .results import dumps, solutions_json, write

_SYNTAX = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_MAX_MESSAGE = 300
_FORMS = {
    ox.QuerySolutions: (QueryForm.SELECT,),
    ox.QueryBoolean: (QueryForm.ASK,),
    ox.QueryTriples: (QueryForm.CONSTRUCT, QueryForm.DESCRIBE),
}


def execute(store: ox.Store, req: QueryRequest, prefixes: dict[str, str]) -> QueryAnswer:
    """The serialised answer to ``req`` (at most ``req.max_results`` rows or triples)."""
    confirm(req.query.text, req.query.risky)
    cap = req.max_results
    result = _run(store, req, prefixes)
    if req.query.form not in _FORMS[type(result)]:
        raise QueryError(
            f"the engine read this query as another form than {req.query.form}; "
            "write its form keyword (SELECT, ASK, CONSTRUCT, DESCRIBE) plainly"
        )
    with _engine_errors():
        if isinstance(result, ox.QueryBoolean):
            body = write({"head": {}, "boolean": bool(result)}, req.media_type)
            return _answer(req, body, None, truncated=False)
        if isinstance(result, ox.QueryTriples):
            triples = list(itertools.islice(result, cap + 1))
            graph = _graph(triples[:cap], req.media_type, prefixes)
            return _answer(req, graph, min(len(triples), cap), truncated=len(triples) > cap)
        variables = [v.value for v in result.variables]
        rows = list(itertools.islice(result, cap + 1))
    doc = solutions_json(variables, rows[:cap])
    truncated = len(rows) > cap
    if req.media_type == JSON_RESULTS:
        doc["limits"] = {"maxResults": cap, "truncated": truncated}
        return _answer(req, dumps(doc), min(len(rows), cap), truncated=truncated)
    return _answer(req, write(doc, req.media_type), min(len(rows), cap), truncated=truncated)


def _run(
    store: ox.Store, req: QueryRequest, prefixes: dict[str, str]
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
        with _engine_errors():
            return store.query(req.query.text, **options)
    except SyntaxError as exc:
        raise syntax_error(str(exc)) from None


@contextmanager
def _engine_errors() -> Iterator[None]:
    """What the engine raises while it evaluates, as our errors.

    ``PermissionError``: the engine tried to open a network connection and the worker's
    sandbox refused it (only ``SERVICE`` does that). ``RuntimeError``: the query asks for
    something the engine cannot evaluate (an unknown function IRI, for one) — the user's to
    fix. Any other ``OSError`` is the store failing to read its files.
    """
    try:
        yield
    except PermissionError:
        raise QueryForbidden(
            "SERVICE is not allowed: this endpoint answers from its own graph only "
            "(the query tried to open a network connection and was stopped)"
        ) from None
    except RuntimeError as exc:
        raise QueryError(f"the query cannot be evaluated: {_short(str(exc))}") from None
    except OSError as exc:
        raise StoreUnavailable(f"the store could not be read: {_short(str(exc))}") from None


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


def _graph(triples: list[ox.Triple], media_type: str, prefixes: dict[str, str]) -> bytes:
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise ValueError(f"not an RDF media type: {media_type}")
    body = ox.serialize(triples, format=fmt, prefixes=prefixes if media_type == TURTLE else None)
    assert body is not None
    return body


def _answer(req: QueryRequest, body: bytes, rows: int | None, *, truncated: bool) -> QueryAnswer:
    return QueryAnswer(body, req.media_type, req.query.form, rows, truncated, req.max_results)
