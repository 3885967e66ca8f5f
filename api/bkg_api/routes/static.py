"""``/static/…``: the files pages load — ours, and those of installed packages, never a CDN.

Our own CSS and JavaScript live in ``bkg_api/static``; vis-network is served from the
installed pyvis package and Swagger UI from the installed swagger-ui-py package, so nothing
third-party is copied into this repository and every page loads from this origin only.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from bkg_graph.errors import NotFound
from bkg_graph.network.render import vis_files

from ..pages import HERE

router = APIRouter(include_in_schema=False)

MEDIA_TYPES = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}
#: Our own files, by name.
OWN = frozenset(p.name for p in (HERE / "static").iterdir() if p.suffix in MEDIA_TYPES)
#: The Swagger UI files ``/docs`` loads (no HTML page of the package is served).
SWAGGER = frozenset({"swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"})


def swagger_dir() -> Path:
    """Swagger UI's distribution inside the installed swagger-ui-py package."""
    return Path(str(resources.files("swagger_ui"))) / "static"


def _file(path: Path) -> FileResponse:
    media_type = MEDIA_TYPES[path.suffix]
    if media_type.startswith("text/"):
        media_type += "; charset=utf-8"
    return FileResponse(
        path, media_type=media_type, headers={"Cache-Control": "public, max-age=3600"}
    )


@router.get("/static/vis-network/{name}")
def vis_network(name: str) -> FileResponse:
    """vis-network's own files, from the installed pyvis package."""
    files = vis_files()
    if name not in files:
        raise NotFound(f"no vis-network file {name!r}")
    return _file(files[name])


@router.get("/static/swagger-ui/{name}")
def swagger_ui(name: str) -> FileResponse:
    """Swagger UI's script and style sheet, from the installed swagger-ui-py package."""
    if name not in SWAGGER:
        raise NotFound(f"no Swagger UI file {name!r}")
    return _file(swagger_dir() / name)


@router.get("/static/{name}")
def own(name: str) -> FileResponse:
    """One of our own style sheets or scripts."""
    if name not in OWN:
        raise NotFound(f"no static file {name!r}")
    return _file(HERE / "static" / name)
