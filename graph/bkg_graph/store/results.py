"""SPARQL results written from solutions we have counted ourselves, in every results format.

The cap on results is kept by counting the solutions the engine hands over and stopping at
one more than the cap, so no reading of the query text can lift it. pyoxigraph serialises
only a whole result iterator, so the kept solutions are written here as SPARQL JSON, and
pyoxigraph converts that JSON into the other formats (XML, CSV, TSV) — one writer for the
embedded and the remote stores.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import pyoxigraph as ox

from .base import JSON_RESULTS

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def term_json(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict[str, Any]:
    """One RDF term as a SPARQL JSON results term."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": term_json(term.subject),
            "predicate": term_json(term.predicate),
            "object": term_json(term.object),
        },
    }


def solutions_json(variables: Sequence[str], rows: Iterable[ox.QuerySolution]) -> dict[str, Any]:
    """A SPARQL JSON results document of ``rows`` (unbound variables left out)."""
    bindings = []
    for row in rows:
        binding = {}
        for name in variables:
            value = row[name]
            if value is not None:
                binding[name] = term_json(value)
        bindings.append(binding)
    return {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}


def write(doc: dict[str, Any], media_type: str) -> bytes:
    """A SPARQL JSON results document in ``media_type`` (JSON, XML, CSV or TSV)."""
    body = dumps(doc)
    if media_type == JSON_RESULTS:
        return body
    fmt = ox.QueryResultsFormat.from_media_type(media_type)
    if fmt is None:
        raise ValueError(f"cannot write results as {media_type}")
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    assert not isinstance(parsed, ox.QueryTriples)
    out = parsed.serialize(format=fmt)
    assert out is not None
    return out


def dumps(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
