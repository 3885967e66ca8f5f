"""``/docs``: the OpenAPI documentation, working offline.

Swagger UI comes from the installed ``swagger-ui-bundle`` package (never a CDN); our own small
script starts it, so the page needs no inline script.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from swagger_ui_bundle import swagger_ui_path

from bkg_graph.errors import NotFound

router = APIRouter(include_in_schema=False)
HERE = Path(__file__).resolve().parents[1]
ASSETS = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "favicon-32x32.png": "image/png",
}
# Swagger UI sets element styles from script; everything else comes from this origin only
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'self'"
)
_templates = Environment(
    loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"])
)


@router.get("/docs")
def docs(request: Request) -> HTMLResponse:
    html = _templates.get_template("docs.html").render(openapi_url=request.app.openapi_url)
    return HTMLResponse(html, headers={"Content-Security-Policy": CSP})


@router.get("/static/docs.js")
def docs_script() -> FileResponse:
    return FileResponse(HERE / "static" / "docs.js", media_type="text/javascript")


@router.get("/static/swagger-ui/{name}")
def swagger_asset(name: str) -> FileResponse:
    if name not in ASSETS:
        raise NotFound(f"no Swagger UI file {name!r}")
    return FileResponse(Path(swagger_ui_path) / name, media_type=ASSETS[name])
