"""``/sparql``: the query side of the SPARQL 1.1 Protocol, read-only.

GET ``?query=``, POST ``application/x-www-form-urlencoded`` and POST
``application/sparql-query``; ``default-graph-uri`` / ``named-graph-uri``; the answer's media
type by ``Accept`` or ``format=``; a service description on GET without a query. Queries are
checked read-only here (:func:`bkg_graph.store.check`) and run by the store off the event loop;
a query the check marks risky is confirmed by the full parser in a query worker before it runs
(see :mod:`bkg_graph.store.guard`), so no parser ever runs on the event loop or in this process
without a time limit.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from bkg_graph.errors import QueryForbidden, QueryTooLarge
from bkg_graph.settings import Settings
from bkg_graph.store import (
    GRAPH_MEDIA_TYPES,
    CachedStore,
    GraphStore,
    ProtocolDataset,
    QueryAnswer,
    QueryRequest,
    check,
)

from ..deps import SettingsDep, StoreDep
from ..errors import ApiError, ErrorBody
from ..negotiate import choose
from .service import service_description

router = APIRouter(tags=["sparql"])

QUERY_TYPE = "application/sparql-query"
FORM_TYPE = "application/x-www-form-urlencoded"
UPDATE_TYPE = "application/sparql-update"
_INLINE_CHECK = 8_192  # longer queries are checked in a worker thread, off the event loop

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": why}
    for status, why in [
        (400, "malformed query (with line and column) or request"),
        (403, "SPARQL Update, LOAD or SERVICE: this endpoint is read-only"),
        (406, "no acceptable media type"),
        (413, "query longer than BKG_MAX_QUERY_BYTES"),
        (415, "POST body of another media type than the two the protocol names"),
        (503, "query stopped at BKG_QUERY_TIMEOUT, or the server is busy"),
    ]
}
_OK: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The answer; `X-BKG-Max-Results` states the cap on rows (or triples), "
        "`X-BKG-Truncated` whether the answer was cut there.",
        "content": {
            mt: {}
            for mt in (
                "application/sparql-results+json",
                "application/sparql-results+xml",
                "text/csv",
                "text/tab-separated-values",
                *GRAPH_MEDIA_TYPES,
            )
        },
    }
}
_FORMAT = Query(
    None,
    description="Media type or short name (json, xml, csv, tsv, ttl, nt, jsonld, rdfxml) "
    "of the answer; overrides Accept.",
)
_DEFAULT_GRAPHS = Query(
    [],
    alias="default-graph-uri",
    description="Graphs whose union is the default graph (replaces the query's FROM).",
)
_NAMED_GRAPHS = Query(
    [],
    alias="named-graph-uri",
    description="The named graphs the query may use (replaces FROM NAMED).",
)
_QUERY = Query(
    None,
    description="The SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE). Without it: the "
    "service description.",
)


@router.get("/sparql", summary="SPARQL query (GET)", responses={**_OK, **_ERRORS})
async def sparql_get(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    query: str | None = _QUERY,
    default_graph_uri: list[str] = _DEFAULT_GRAPHS,
    named_graph_uri: list[str] = _NAMED_GRAPHS,
    format: str | None = _FORMAT,
) -> Response:
    """Run a read-only SPARQL query given in the URL; without ``query``, describe the service."""
    params = request.query_params
    if "update" in params:
        raise QueryForbidden("SPARQL Update is not accepted: this endpoint is read-only")
    queries = params.getlist("query")
    if not queries:
        accept = request.headers.get("accept")
        media_type = choose(accept, GRAPH_MEDIA_TYPES, format)
        body = service_description(_endpoint(request), store.version, media_type, settings)
        return Response(body, media_type=_content_type(media_type))
    dataset = ProtocolDataset(tuple(default_graph_uri), tuple(named_graph_uri))
    return await _answer(request, store, settings, _single(queries), dataset, format)


@router.post(
    "/sparql",
    summary="SPARQL query (POST)",
    responses={**_OK, **_ERRORS},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                QUERY_TYPE: {"schema": {"type": "string"}},
                FORM_TYPE: {
                    "schema": {
                        "type": "object",
                        "required": ["query"],
                        "properties": {
                            "query": {"type": "string"},
                            "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                            "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                        },
                    }
                },
            },
        }
    },
)
async def sparql_post(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    default_graph_uri: list[str] = _DEFAULT_GRAPHS,
    named_graph_uri: list[str] = _NAMED_GRAPHS,
    format: str | None = _FORMAT,
) -> Response:
    """Run a read-only SPARQL query sent as the body (``application/sparql-query``) or as a
    form (``application/x-www-form-urlencoded``, field ``query``)."""
    media_type, charset = _content_type_of(request)
    if media_type == UPDATE_TYPE:
        raise QueryForbidden("SPARQL Update is not accepted: this endpoint is read-only")
    if media_type not in (QUERY_TYPE, FORM_TYPE):
        raise ApiError(
            415,
            "unsupported_media_type",
            f"POST a query as {QUERY_TYPE} or {FORM_TYPE}, "
            f"not {media_type or 'a body without Content-Type'}",
        )
    if charset not in ("utf-8", "utf8"):
        raise ApiError(415, "unsupported_media_type", f"queries must be UTF-8, not {charset}")
    limit = settings.max_query_bytes if media_type == QUERY_TYPE else settings.max_query_bytes * 3
    text = _decode(await _read(request, limit + 65_536))
    default_graphs, named_graphs = list(default_graph_uri), list(named_graph_uri)
    if media_type == QUERY_TYPE:
        query = text
    else:
        form = parse_qsl(text, keep_blank_values=True)
        if any(name == "update" for name, _ in form):
            raise QueryForbidden("SPARQL Update is not accepted: this endpoint is read-only")
        query = _single([v for k, v in form if k == "query"])
        default_graphs += [v for k, v in form if k == "default-graph-uri"]
        named_graphs += [v for k, v in form if k == "named-graph-uri"]
        format = format or next((v for k, v in form if k == "format"), None)
    dataset = ProtocolDataset(tuple(default_graphs), tuple(named_graphs))
    return await _answer(request, store, settings, query, dataset, format)


async def _answer(
    request: Request,
    store: GraphStore,
    settings: Settings,
    text: str,
    dataset: ProtocolDataset,
    fmt: str | None,
) -> Response:
    if len(text) > _INLINE_CHECK:
        checked = await run_in_threadpool(check, text, max_bytes=settings.max_query_bytes)
    else:
        checked = check(text, max_bytes=settings.max_query_bytes)
    media_type = choose(request.headers.get("accept"), checked.form.media_types, fmt)
    req = QueryRequest(checked, media_type, dataset, _endpoint(request), settings.max_results)
    answer = _cached(store, req)
    if answer is None:
        answer = await run_in_threadpool(store.query, req)
    return _response(answer)


def _cached(store: GraphStore, req: QueryRequest) -> QueryAnswer | None:
    return store.cached(req) if isinstance(store, CachedStore) else None


def _response(answer: QueryAnswer) -> Response:
    headers = {"X-BKG-Max-Results": str(answer.max_results)}
    if answer.rows is not None:
        headers["X-BKG-Truncated"] = "true" if answer.truncated else "false"
    return Response(answer.body, media_type=_content_type(answer.media_type), headers=headers)


def _content_type(media_type: str) -> str:
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


def _endpoint(request: Request) -> str:
    """This endpoint's address: under ``BKG_PUBLIC_URL`` when set (else as requested)."""
    public: str | None = getattr(request.app.state.settings, "public_url", None)
    if public:
        return public.rstrip("/") + request.url.path
    return str(request.url.replace(query="", fragment=""))


def _single(queries: list[str]) -> str:
    if not queries:
        raise ApiError(400, "bad_request", "no query: send the SPARQL query as `query`")
    if len(queries) > 1:
        raise ApiError(400, "bad_request", f"{len(queries)} queries sent; send exactly one")
    return queries[0]


def _content_type_of(request: Request) -> tuple[str, str]:
    header = request.headers.get("content-type", "")
    media_type, *params = [p.strip() for p in header.split(";")]
    charset = "utf-8"
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media_type.lower(), charset


async def _read(request: Request, limit: int) -> bytes:
    """The body, refusing to read more than ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise QueryTooLarge(f"the request body is over {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            400, "bad_request", f"the body is not UTF-8 (byte {exc.start}): send UTF-8"
        ) from None
