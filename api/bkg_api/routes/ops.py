"""``/healthz``, ``/readyz`` and ``/metrics``: what a process supervisor and a monitor ask.

``/healthz`` answers as long as the process serves HTTP and touches nothing else, so a slow
store never gets a healthy server restarted. ``/readyz`` asks the store one real question
(past the result cache) and names the dataset version, so a load balancer sends traffic only
to a server that can answer. ``/metrics`` is Prometheus text from the app's own registry
(see :mod:`bkg_api.observe`). All three say ``Cache-Control: no-store``: their answers change
without the dataset version changing.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from bkg_graph import about
from bkg_graph.store import GraphStore

from ..errors import ApiError

router = APIRouter(tags=["operations"])
NO_STORE = {"Cache-Control": "no-store"}
#: Cheap, and true only if the store holds at least one triple.
PROBE = "ASK { ?s ?p ?o }"


class Health(BaseModel):
    """The process is up."""

    status: Literal["ok"] = Field(description="Always `ok`: the process answers HTTP.")
    version: str = Field(description="bilateral-kg's version.")


class Readiness(BaseModel):
    """The store is open and answered a query."""

    status: Literal["ready"] = Field(description="`ready`: queries can be answered.")
    version: str = Field(description="bilateral-kg's version.")
    dataset_version: str = Field(description="Version of the dataset being served.")
    has_triples: bool = Field(description="Whether the probe query found at least one triple.")


@router.get("/healthz", summary="Process is up", response_model=Health)
async def healthz(response: Response) -> Health:
    """200 while the process serves HTTP; touches neither the store nor the disk."""
    response.headers.update(NO_STORE)
    return Health(status="ok", version=about.version())


@router.get(
    "/readyz",
    summary="Ready to answer queries",
    response_model=Readiness,
    responses={503: {"description": "The store is not open or did not answer in time."}},
)
async def readyz(request: Request, response: Response) -> Readiness:
    """200 once the store is open and has answered a query (not from the cache); 503 (or the
    store's own error status) otherwise, in the JSON error envelope."""
    store: GraphStore | None = request.app.state.store
    if store is None:
        raise ApiError(503, "unavailable", "the store is not open yet", {"Retry-After": "1"})
    probed = getattr(store, "inner", store)  # past the cache: a cached answer proves nothing
    has_triples = await run_in_threadpool(probed.ask, PROBE)
    response.headers.update(NO_STORE)
    return Readiness(
        status="ready",
        version=about.version(),
        dataset_version=store.version,
        has_triples=has_triples,
    )


@router.get(
    "/metrics",
    summary="Metrics (Prometheus text format)",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}, "description": "Prometheus text."}},
)
async def metrics(request: Request) -> Response:
    """Requests by route template and status, request times, query timeouts, worker restarts,
    cache hits and misses, the dataset version. See docs/deploy.md."""
    body = generate_latest(request.app.state.metrics.registry)
    return Response(body, media_type=CONTENT_TYPE_LATEST, headers=NO_STORE)
