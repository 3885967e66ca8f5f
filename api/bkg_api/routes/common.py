"""What the REST routers share: parameter types, pagination and the named-query link."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal, TypeVar

from fastapi import Depends, Path, Query, Request
from pydantic import BaseModel

from bkg_graph.store import GraphStore, QueryAnswer, QueryRequest
from bkg_graph.store.methods import QueryMethods

from ..deps import SettingsDep as SettingsDep
from ..deps import get_store as get_graph_store
from ..schemas import Page, QuerySource

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$"

M = TypeVar("M", bound=BaseModel)


class _Methods(QueryMethods):
    """``select``/``run``/``construct`` over a store that only offers ``query``."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store

    def query(self, request: QueryRequest) -> QueryAnswer:
        return self._store.query(request)


def get_store(store: Annotated[GraphStore, Depends(get_graph_store)]) -> QueryMethods:
    """The app's store, with the query shortcuts the routes use."""
    return store if isinstance(store, QueryMethods) else _Methods(store)


StoreDep = Annotated[QueryMethods, Depends(get_store)]
Lang = Annotated[
    Literal["en", "ja"],
    Query(description="Language of labels, locators and titles (falls back to English)."),
]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
NAME_HELP = (
    "An id, name or IRI as people write them: `mic`, `MIC`, `agency/mic`, the full IRI, "
    "`総務省`, `Ministry of Internal Affairs and Communications`, an alias; unknown: 404 "
    "and ambiguous: 400, each listing the closest names."
)
EntityId = Annotated[str, Path(min_length=1, max_length=300, description=NAME_HELP)]
OptionalId = Annotated[str | None, Query(min_length=1, max_length=300, description=NAME_HELP)]
Evidence = Annotated[
    list[str] | None,
    Query(
        description="Kinds of evidence of participation that count: `named`, `reference`, "
        "`collective` (repeat or comma-separate; default `named,reference`)."
    ),
]


def link(request: Request, path: str, query: str = "", *, mounted: bool = False) -> str:
    """A link to ``path`` on this server: under ``BKG_PUBLIC_URL`` when it is set, else
    relative to the server's root. Never built from the request's ``Host`` header, which the
    client chooses (a link in an answer must not point wherever a client says). ``mounted``:
    ``path`` already holds the app's root path (as ``request.url.path`` does)."""
    root = "" if mounted else str(request.scope.get("root_path", "")).rstrip("/")
    settings = getattr(request.app.state, "settings", None)
    public = (getattr(settings, "public_url", None) or "").rstrip("/")
    return f"{public}{root}{path}" + (f"?{query}" if query else "")


def query_source(request: Request, name: str) -> QuerySource:
    """Where the named query behind an answer can be read and rerun."""
    href = link(request, request.app.url_path_for("named_query", name=name))
    return QuerySource(name=name, href=href)


def paginate(
    model: type[M],
    request: Request,
    rows: Sequence[Mapping[str, Any]],
    limit: int,
    offset: int,
    query: str,
) -> Page[M]:
    """One page of ``rows`` as ``model`` items, with the total and a link to the next page."""
    return page_of(model, request, rows[offset : offset + limit], len(rows), limit, offset, query)


def page_of(
    model: type[M],
    request: Request,
    items: Sequence[Mapping[str, Any]],
    total: int,
    limit: int,
    offset: int,
    query: str,
) -> Page[M]:
    """A page of ``items`` already cut at ``offset``, out of ``total``."""
    following = None
    if offset + limit < total:
        url = request.url.include_query_params(offset=offset + limit, limit=limit)
        following = link(request, request.url.path, url.query, mounted=True)
    page: type[Page[M]] = Page[model]  # type: ignore[valid-type]
    return page(
        items=[model.model_validate(r) for r in items],
        total=total,
        limit=limit,
        offset=offset,
        next=following,
        query=query_source(request, query),
    )
