"""The FastAPI application factory: assembles settings, store and routers; nothing else."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from bkg_graph import about
from bkg_graph.settings import Settings
from bkg_graph.store import GraphStore, open_store

from . import errors
from .middleware import BodyTimeout, ETagMiddleware, HeadAsGet, NoCorsOnWrites
from .observe import Metrics, Observer
from .pages.security import SecurityHeaders
from .routes import ROUTERS

#: Response headers a cross-site script may read.
EXPOSED_HEADERS = ["ETag", "X-BKG-Max-Results", "X-BKG-Truncated", "X-Request-ID"]


def create_app(
    settings: Settings | None = None,
    store: GraphStore | None = None,
    *,
    files: list[Path] | None = None,
) -> FastAPI:
    """The app serving ``store``; without one, its lifespan opens (and closes) the store of
    ``settings``: ``files`` if given, else the built graph, under the data folder."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = app.state.store is None
        if owned:
            app.state.store = await run_in_threadpool(open_store, settings, files=files)
        try:
            yield
        finally:
            if owned:
                app.state.store.close()
                app.state.store = None

    app = FastAPI(
        title="bilateral-kg",
        description="A knowledge graph of bilateral government commitments.",
        version=about.version(),
        lifespan=lifespan,
        docs_url=None,  # served offline by routes.api_docs, not from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)

    def version() -> str | None:
        current: GraphStore | None = app.state.store
        return current.version if current is not None else None

    app.add_middleware(ETagMiddleware, version=version)
    app.add_middleware(SecurityHeaders)  # CSP and friends on every page, set in one place
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:  # read-only routes only: no credentials, ever
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_credentials=False,
            allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
            allow_headers=["*"],
            expose_headers=EXPOSED_HEADERS,
            max_age=600,
        )
    app.add_middleware(NoCorsOnWrites)  # write routes never answer other origins
    app.add_middleware(HeadAsGet)
    app.add_middleware(BodyTimeout, seconds=settings.request_body_timeout)
    app.state.metrics = Metrics(lambda: app.state.store)
    app.add_middleware(Observer, metrics=app.state.metrics, routes=app.router.routes)  # outermost
    return app
