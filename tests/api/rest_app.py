"""A TestClient over the app serving the session's built graph (shared by the API tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from bkg_api.app import create_app
from bkg_graph.settings import Settings
from bkg_graph.store import open_build

BASE = "https://w3id.org/bilateral-kg/id/"
STATEMENT = f"{BASE}statement/jp-uk-dp-2024-progress-ja/"
REPORT = f"{BASE}document/jp-uk-dp-2024-progress-ja"


def make_client(build_dir: Path, **settings: Any) -> TestClient:
    """A client of an app whose store holds the graph built in ``build_dir``."""
    app = create_app(Settings(**settings))
    app.state.store = open_build(build_dir)
    return TestClient(app, raise_server_exceptions=False)


def items(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paginated list, following ``next`` links."""
    out: list[dict[str, Any]] = []
    response = client.get(path, params=params)
    while True:
        assert response.status_code == 200, response.text
        page = response.json()
        out += page["items"]
        if page["next"] is None:
            assert len(out) == page["total"]
            return out
        response = client.get(page["next"])
