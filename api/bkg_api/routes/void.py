"""``/.well-known/void``: the VoID + DCAT description of the dataset being served.

The build writes the description (``build/void.ttl``, see :mod:`bkg_graph.describe`); this
route finds the one that describes the served version — in the build folder the data folder
loaded it from, else in ``BKG_BUILD_DIR`` — and names the SPARQL endpoint the request came
through (or ``BKG_PUBLIC_URL``'s). RFC 8615 reserves ``/.well-known/`` for such files and
the VoID specification names ``/.well-known/void`` as the place harvesters look.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from bkg_graph import paths
from bkg_graph.describe import read_description, set_endpoint
from bkg_graph.errors import NotFound
from bkg_graph.settings import Settings
from bkg_graph.store import GRAPH_MEDIA_TYPES, GraphStore

from ..deps import SettingsDep, StoreDep
from ..negotiate import choose
from .service import RDFLIB_FORMAT

router = APIRouter(tags=["sparql"])


def build_folders(store: GraphStore, settings: Settings) -> list[Path]:
    """Where the served version's description may be: the build the data folder loaded it
    from (if the store says), then the configured build folder."""
    folders: list[Path] = []
    layer: object | None = store
    while layer is not None:
        data = getattr(layer, "data", None)
        current = data.current() if data is not None and hasattr(data, "current") else None
        if current is not None and current.info.get("build_dir"):
            folders.append(Path(current.info["build_dir"]))
        layer = getattr(layer, "inner", None)
    folders.append(paths.build_dir(settings))
    return folders


def description(store: GraphStore, settings: Settings, endpoint: str, media_type: str) -> bytes:
    version = store.version
    for folder in build_folders(store, settings):
        g = read_description(folder, version)
        if g is not None:
            set_endpoint(g, endpoint)
            return g.serialize(format=RDFLIB_FORMAT[media_type], encoding="utf-8")
    raise NotFound(f"no description of dataset version {version}; `bkg build` writes one")


@router.get(
    "/.well-known/void",
    summary="VoID + DCAT description of the dataset",
    response_class=Response,
    responses={200: {"content": {t: {} for t in GRAPH_MEDIA_TYPES}}},
)
async def void(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """Triples, entities per class, properties, named graphs, licence, sources, dates, version
    and the SPARQL endpoint of the served dataset (Turtle by default; JSON-LD, N-Triples,
    RDF/XML by ``Accept``)."""
    media_type = choose(request.headers.get("accept"), GRAPH_MEDIA_TYPES)
    base = settings.public_url.rstrip("/") if settings.public_url else str(request.base_url)
    endpoint = base.rstrip("/") + "/sparql"
    body = await run_in_threadpool(description, store, settings, endpoint, media_type)
    media = f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type
    return Response(body, media_type=media)
