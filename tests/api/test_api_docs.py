"""/docs works offline: Swagger UI from the installed package, our own starter script."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from rest_app import make_client


def test_docs_page_loads_only_from_this_origin(build_dir: Path) -> None:
    client: TestClient = make_client(build_dir)
    page = client.get("/docs")
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["content-security-policy"]
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources == [
        "/static/swagger-ui/swagger-ui.css",
        "/static/swagger-ui/swagger-ui-bundle.js",
        "/static/docs.js",
    ]
    assert "<script>" not in page.text  # no inline script
    for src in sources:
        asset = client.get(src)
        assert asset.status_code == 200 and len(asset.content) > 100
    assert 'data-openapi="/openapi.json"' in page.text
    assert client.get("/openapi.json").json()["info"]["title"] == "bilateral-kg"
    assert client.get("/static/swagger-ui/index.html").status_code == 404
    assert client.get("/redoc").status_code == 404
