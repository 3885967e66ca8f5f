"""``/queries``: the named query library — read each query and run it with parameters.

The REST routes answer from these same ``.rq`` files, so the query behind any answer (named in
its ``query`` field) can be read here and rerun with other parameters, or copied into
``/sparql``.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Path, Request, Response

from bkg_graph.queries import NamedQuery, load_library
from bkg_graph.resolve import Names
from bkg_graph.store.base import JSON_LD, JSON_RESULTS

from ..schemas import Schema
from .common import SettingsDep, StoreDep, link

router = APIRouter(tags=["queries"])

QueryName = Path(pattern=r"^[a-z][a-z0-9-]{0,99}$", description="Name of a named query.")


class ParamInfo(Schema):
    name: str
    type: str
    """iri, string, date (YYYY-MM-DD), int, lang (en/ja), search (free words) or evidence
    (named, reference, collective)."""
    required: bool
    default: str | None
    multiple: bool
    """Whether the parameter may be repeated (``agencies=A&agencies=B``)."""
    description: str


class NamedQueryInfo(Schema):
    """A named query: what it answers, its parameters and its SPARQL text."""

    name: str
    title: str
    description: str
    form: str
    """SELECT, CONSTRUCT, ASK or DESCRIBE."""
    params: list[ParamInfo]
    text: str
    """The SPARQL as stored; ``$name`` marks where a parameter goes."""
    results: str
    """URL that runs the query; add the parameters to its query string."""


class QueryResults(Schema):
    """The answer of a named SELECT query."""

    query: str
    sparql: str
    """The query as run: the text with the parameters bound."""
    variables: list[str]
    rows: list[dict[str, str]]
    """One object per solution; unbound variables are left out."""
    count: int
    truncated: bool
    """Whether the store cut the answer at its result limit."""


def _info(request: Request, query: NamedQuery, base_iri: str) -> NamedQueryInfo:
    """A query's description; ``{base}`` in the texts stands for the base IRI."""
    return NamedQueryInfo(
        name=query.name,
        title=query.title,
        description=query.description,
        form=query.form,
        params=[
            ParamInfo(
                name=p.name,
                type=p.type,
                required=p.required,
                default=p.default,
                multiple=p.multiple,
                description=p.description.replace("{base}", base_iri),
            )
            for p in query.params
        ],
        text=query.text,
        results=link(request, request.app.url_path_for("run_named_query", name=query.name)),
    )


@router.get("/queries", summary="The named query library")
def list_queries(request: Request, settings: SettingsDep) -> list[NamedQueryInfo]:
    """Every named query with its title, description, parameters and SPARQL text."""
    return [_info(request, q, settings.base_iri) for q in load_library().values()]


@router.get("/queries/{name}", name="named_query", summary="One named query")
def named_query(request: Request, settings: SettingsDep, name: str = QueryName) -> NamedQueryInfo:
    """A named query's description, parameters and text. Unknown name: 404."""
    return _info(request, load_library().get_query(name), settings.base_iri)


@router.get(
    "/queries/{name}/results",
    name="run_named_query",
    summary="Run a named query",
    response_model=QueryResults,
    responses={200: {"content": {JSON_LD: {}}, "description": "CONSTRUCT: JSON-LD"}},
)
def run_named_query(request: Request, store: StoreDep, name: str = QueryName) -> Response:
    """Run a named query with the parameters given in the query string (repeat a parameter
    for several values). SELECT answers as JSON rows; CONSTRUCT as JSON-LD. A missing or
    malformed parameter: 400. An ``iri`` parameter may also be written as people name the
    entity (``mic``, ``総務省``, ``agency/mic``); an unknown name is a 404 listing the closest."""
    query = load_library().get_query(name)
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    params = _resolved(query, params, store)
    sparql = query.bind({k: v if len(v) > 1 else v[0] for k, v in params.items()})
    if query.form != "SELECT":
        graph = store.run(sparql, JSON_LD)
        return Response(graph.body, media_type=JSON_LD)
    answer = store.run(sparql, JSON_RESULTS)
    doc: dict[str, Any] = json.loads(answer.body)
    rows = [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]
    results = QueryResults(
        query=name,
        sparql=sparql,
        variables=doc["head"]["vars"],
        rows=rows,
        count=len(rows),
        truncated=answer.truncated,
    )
    return Response(results.model_dump_json(), media_type="application/json")


def _resolved(
    query: NamedQuery, params: dict[str, list[str]], store: StoreDep
) -> dict[str, list[str]]:
    """``iri`` parameters given as ids or names turned into IRIs; absolute IRIs stay as given
    (a named query may ask about a statement or a graph, which have no names)."""
    names: Names | None = None
    out = dict(params)
    for p in query.params:
        values = params.get(p.name)
        if p.type != "iri" or not values or all(_absolute(v) for v in values):
            continue
        names = names or Names.of(store)
        kind = _KIND.get(p.name, "entity")
        out[p.name] = [v if _absolute(v) else names.resolve(v, kind).iri for v in values]
    return out


def _absolute(value: str) -> bool:
    return "://" in value or value.startswith("urn:")


_KIND = {
    "agency": "agency",
    "agencies": "agency",
    "initiative": "initiative",
    "country": "country",
    "pillar": "pillar",
    "theme": "theme",
    "status": "status",
    "document": "document",
    "agent": "agent",
}
