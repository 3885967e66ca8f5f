"""One router per resource; the app includes every router listed here."""

from fastapi import APIRouter

from . import (
    agencies,
    api_docs,
    changes,
    documents,
    ingest,
    initiatives,
    linked,
    ops,
    queries,
    query_page,
    search,
    shared,
    sparql,
    statements,
    timeline,
    views,
    void,
)

ROUTERS: list[APIRouter] = [
    sparql.router,
    api_docs.router,
    agencies.router,
    initiatives.router,
    timeline.router,
    ingest.router,
    shared.router,
    changes.router,
    statements.router,
    documents.router,
    search.router,
    queries.router,
    views.router,
    query_page.router,
    linked.router,
    ops.router,
    void.router,
]
