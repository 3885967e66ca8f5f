"""Dependencies routes share: the settings the app was made with and the store it serves."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from bkg_graph.settings import Settings
from bkg_graph.store import GraphStore


async def get_settings(request: Request) -> Settings:
    """The settings the app was created with (async: no thread hop for a dependency)."""
    settings: Settings = request.app.state.settings
    return settings


async def get_store(request: Request) -> GraphStore:
    """The store the app serves (opened by the app's lifespan, or given to ``create_app``)."""
    store: GraphStore = request.app.state.store
    return store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
