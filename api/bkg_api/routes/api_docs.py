"""``/docs``: the OpenAPI documentation, working offline.

Swagger UI 5 (it reads the OpenAPI 3.1 the app emits) comes from the installed
``swagger-ui-py`` package through ``/static/swagger-ui/`` — never a CDN; our own small
script starts it, so the page needs no inline script: its policy is the site's strict one.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..pages import Alternate, Asset, page_text

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def docs(request: Request) -> HTMLResponse:
    """Swagger UI on ``/openapi.json``, with "Try it out" against this server."""
    html = page_text(
        "docs.html",
        title="REST API",
        openapi_url=request.app.openapi_url,
        styles=(Asset(url="/static/site.css"), Asset(url="/static/swagger-ui/swagger-ui.css")),
        alternates=[Alternate("application/json", request.app.openapi_url or "", "OpenAPI 3.1")],
        scripts=(
            Asset(url="/static/swagger-ui/swagger-ui-bundle.js"),
            Asset(url="/static/docs.js"),
        ),
    )
    return HTMLResponse(html)
