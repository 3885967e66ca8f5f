"""One router per resource; the app includes every router listed here."""

from fastapi import APIRouter

from . import (
    agencies,
    api_docs,
    commitments_page,
    documents,
    home,
    ingest,
    initiatives,
    linked,
    ops,
    queries,
    query_page,
    search,
    shared,
    shared_page,
    sparql,
    statements,
    static,
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
    statements.router,
    documents.router,
    search.router,
    queries.router,
    views.router,
    home.router,
    commitments_page.router,
    shared_page.router,
    query_page.router,
    static.router,
    linked.router,
    ops.router,
    void.router,
]
