"""No named query leaves a variable unbound in one OPTIONAL for a later one to bind to anything.

``OPTIONAL { ?s bkg:status ?status } OPTIONAL { ?status rdfs:label ?l }`` binds ``?status``
to every labelled node whenever the statement has no status: that multiplied one statement
into 229 rows with statuses such as ``abbreviation``. The check reads each query's algebra:
the triple patterns of an OPTIONAL may join on a variable the left side always binds, never
on one the left side binds only sometimes.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Variable

from bkg_graph.namespaces import PREFIXES
from bkg_graph.queries import load_library

Vars = frozenset[Variable]


def _triple_vars(node: Any) -> set[Variable]:
    """Variables of every triple pattern under ``node``, subqueries included."""
    found: set[Variable] = set()
    if isinstance(node, CompValue):
        if node.name == "BGP":
            found |= {t for triple in node.triples for t in triple if isinstance(t, Variable)}
        for value in node.values():
            found |= _triple_vars(value)
    elif isinstance(node, list | tuple):
        for value in node:
            found |= _triple_vars(value)
    return found


def _bound(node: Any, faults: list[str]) -> tuple[Vars, Vars]:
    """(always bound, sometimes bound) variables of a pattern; records unsafe OPTIONALs."""
    if not isinstance(node, CompValue):
        return frozenset(), frozenset()
    name = node.name
    if name == "BGP":
        v = frozenset(_triple_vars(node))
        return v, v
    if name == "LeftJoin":
        c1, p1 = _bound(node.p1, faults)
        c2, p2 = _bound(node.p2, faults)
        risky = (p1 - c1) & _triple_vars(node.p2)
        if risky:
            faults.append(", ".join(sorted(f"?{v}" for v in risky)))
        return c1, p1 | p2
    if name == "Join":
        c1, p1 = _bound(node.p1, faults)
        c2, p2 = _bound(node.p2, faults)
        return c1 | c2, p1 | p2
    if name == "Union":
        c1, p1 = _bound(node.p1, faults)
        c2, p2 = _bound(node.p2, faults)
        return c1 & c2, p1 | p2
    if name == "Extend":
        c, p = _bound(node.p, faults)
        return c, p | {node.var}
    if name == "Project":
        c, p = _bound(node.p, faults)
        pv = frozenset(node.PV)
        return c & pv, pv
    if name == "values":  # a variable given a value in every row is always bound
        rows = [frozenset(k for k, val in row.items() if val is not None) for row in node.res]
        v = frozenset().union(*rows)
        return (frozenset.intersection(*rows) if rows else frozenset()), v
    if "p" in node:
        return _bound(node.p, faults)
    return frozenset(), frozenset()


def _faults(text: str) -> list[str]:
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20_000))  # rdflib's parser recurses deeply on long queries
    try:
        query = prepareQuery(text, initNs=PREFIXES)
    finally:
        sys.setrecursionlimit(limit)
    faults: list[str] = []
    _bound(query.algebra, faults)
    return faults


@pytest.mark.parametrize("name", list(load_library()))
def test_no_optional_joins_on_a_variable_bound_only_sometimes(name: str) -> None:
    text = load_library()[name].bind(_sample_params(name))
    assert _faults(text) == []


def test_the_check_finds_the_statements_bug() -> None:
    buggy = """SELECT ?s ?status ?label WHERE {
      ?s a bkg:Statement .
      OPTIONAL { ?s bkg:status ?status }
      OPTIONAL { ?status rdfs:label ?label }
    }"""
    assert _faults(buggy) == ["?status"]


def _sample_params(name: str) -> dict[str, str | list[str]]:
    iri = "https://w3id.org/bilateral-kg/id/agency/mic"
    out: dict[str, str | list[str]] = {}
    for p in load_library()[name].params:
        if p.required:
            out[p.name] = (
                [iri, iri.replace("mic", "dsit")]
                if p.multiple
                else ("words" if p.type in ("string", "search") else iri)
            )
    return out
