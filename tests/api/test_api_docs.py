"""/docs works offline: Swagger UI 5 from the installed swagger-ui-py, our own starter script."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from rest_app import make_client


def test_docs_page_loads_only_from_this_origin(build_dir: Path) -> None:
    client: TestClient = make_client(build_dir)
    page = client.get("/docs")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == (
        "default-src 'none'; script-src 'self'; style-src 'self'; "
        "img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'self'"
    )
    loads = re.findall(r'<(?:script|link rel="stylesheet")[^>]*(?:src|href)="([^"]+)"', page.text)
    assert loads == [
        "/static/site.css",
        "/static/swagger-ui/swagger-ui.css",
        "/static/swagger-ui/swagger-ui-bundle.js",
        "/static/docs.js",
    ]
    assert "<script>" not in page.text  # no inline script
    for src in loads:
        asset = client.get(src)
        assert asset.status_code == 200 and len(asset.content) > 100
        assert asset.headers["x-content-type-options"] == "nosniff"
    bundle = client.get("/static/swagger-ui/swagger-ui-bundle.js").text
    assert re.search(r'"5\.\d+\.\d+"', bundle)  # Swagger UI 5 reads OpenAPI 3.1
    assert 'data-openapi="/openapi.json"' in page.text
    schema = client.get("/openapi.json").json()
    assert schema["info"]["title"] == "bilateral-kg" and schema["openapi"].startswith("3.1")
    assert client.get("/static/swagger-ui/index.html").status_code == 404
    assert client.get("/static/swagger-ui/swagger-initializer.js").status_code == 404
    assert client.get("/redoc").status_code == 404
