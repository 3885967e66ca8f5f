"""The FastAPI application factory: assembles settings, store and routers; nothing else."""

from __future__ import annotations

from fastapi import FastAPI

from bkg_graph.settings import Settings

from .routes import ROUTERS


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="bilateral-kg",
        description="A knowledge graph of bilateral government commitments.",
        version="0.1.0",
    )
    app.state.settings = settings
    for router in ROUTERS:
        app.include_router(router)
    return app
