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
from bkg_graph.store.base import JSON_LD, JSON_RESULTS

from ..schemas import Schema
from .common import SettingsDep, StoreDep, link

router = APIRouter(tags=["queries"])

QueryName = Path(pattern=r"^[a-z][a-z0-9-]{0,99}$", description="Name of a named query.")


class ParamInfo(Schema):
    name: str
    type: str
    """iri, string, date (YYYY-MM-DD), int, lang (en/ja) or search (free words)."""
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
    malformed parameter: 400."""
    query = load_library().get_query(name)
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
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
