"""Watching a running server: a request id, an access log line and metrics for every request.

:class:`Observer` is the outermost middleware. It gives each request an id (the client's
``X-Request-ID`` when it is a short token, else a new one), answers it in an ``X-Request-ID``
header, and — after the answer — counts the request by route template and status, times it,
counts query timeouts (read from the error code the error handler recorded), and writes one
access line. :class:`Metrics` holds one registry per app, so that apps made side by side (as
the tests do) never share counters; the store's own counters (worker restarts, cache hits and
misses) and the dataset version are read from the store at scrape time, not copied.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, InfoMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.datastructures import Headers, MutableHeaders
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bkg_graph import about

from . import logs

if TYPE_CHECKING:
    from bkg_graph.store import GraphStore

access = logging.getLogger(logs.ACCESS)

#: Error codes of the JSON envelope that mean a query ran out of time.
TIMEOUTS = ("query_timeout", "gateway_timeout")
#: An id a client may choose: short, and safe to write into a log line or a header.
_CLIENT_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
#: Seconds: from a cached answer (~1 ms) to the default query time limit (10 s) and beyond.
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
UNMATCHED = "(unmatched)"
#: Methods counted by name; any other (a client may send anything) is counted as OTHER.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
OTHER = "other"


class StoreCollector(Collector):
    """Counters the store keeps itself, and its dataset version, read when scraped."""

    def __init__(self, store: Callable[[], GraphStore | None]) -> None:
        self.store = store

    def collect(self) -> Iterable[Metric]:
        yield InfoMetricFamily("bkg", "bilateral-kg's version", value={"version": about.version()})
        store = self.store()
        if store is None:
            return
        yield InfoMetricFamily(
            "bkg_dataset", "Version of the dataset being served", value={"version": store.version}
        )
        layer: object | None = store
        while layer is not None:
            if hasattr(layer, "hits") and hasattr(layer, "misses"):
                hits = CounterMetricFamily(
                    "bkg_query_cache_hits", "Query answers served from the result cache"
                )
                hits.add_metric([], layer.hits)
                misses = CounterMetricFamily(
                    "bkg_query_cache_misses", "Queries the result cache did not hold"
                )
                misses.add_metric([], layer.misses)
                yield from (hits, misses)
            pool = getattr(layer, "pool", None)
            if pool is not None and hasattr(pool, "replaced"):
                restarts = CounterMetricFamily(
                    "bkg_query_worker_restarts",
                    "Query worker processes killed (over time, or died) and replaced",
                )
                restarts.add_metric([], pool.replaced)
                yield restarts
            layer = getattr(layer, "inner", None)


class Metrics:
    """The app's metrics registry and the instruments the middleware updates."""

    def __init__(self, store: Callable[[], GraphStore | None]) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "bkg_http_requests",
            "HTTP requests answered, by method, route template and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.duration = Histogram(
            "bkg_http_request_duration_seconds",
            "Time to answer a request, by route template (route=/sparql: SPARQL queries)",
            ["route"],
            buckets=BUCKETS,
            registry=self.registry,
        )
        self.timeouts = Counter(
            "bkg_query_timeouts",
            "Queries stopped at the time limit (query_timeout) or not answered in time by the "
            "remote store (gateway_timeout)",
            ["error"],
            registry=self.registry,
        )
        for code in TIMEOUTS:
            self.timeouts.labels(code)
        self.registry.register(StoreCollector(store))


def route_of(scope: Scope, routes: Sequence[BaseRoute]) -> str:
    """The route template that answered (``/agencies/{id}``), never the raw path."""
    route = scope.get("route")
    if route is None:  # answered before routing (a 304): find the route it would have taken
        route = next((r for r in routes if r.matches(scope)[0] is not Match.NONE), None)
    path = getattr(route, "path", None)
    return path if isinstance(path, str) and path else UNMATCHED


class Observer:
    """ASGI middleware: request id, metrics and one access log line per HTTP request."""

    def __init__(self, app: ASGIApp, metrics: Metrics, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self.metrics = metrics
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get("x-request-id", "")
        info = logs.RequestInfo(given if _CLIENT_ID.fullmatch(given) else uuid.uuid4().hex)
        # not reset afterwards: a bug's 500 is answered outside this middleware, in this task
        logs.current.set(info)
        status = 500
        start = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["X-Request-ID"] = info.id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            self._record(scope, info, status, time.perf_counter() - start)

    def _record(self, scope: Scope, info: logs.RequestInfo, status: int, seconds: float) -> None:
        route = route_of(scope, self.routes)
        method = scope["method"]
        counted = method if method in METHODS else OTHER  # a label per method sent: unbounded
        self.metrics.requests.labels(counted, route, str(status)).inc()
        self.metrics.duration.labels(route).observe(seconds)
        if info.error in TIMEOUTS:
            self.metrics.timeouts.labels(info.error).inc()
        client = scope.get("client")
        access.info(
            "%s %s %d %.1f ms",
            method,
            scope["path"],
            status,
            seconds * 1000,
            extra={
                "method": method,
                "path": scope["path"],
                "route": route,
                "status": status,
                "duration_ms": round(seconds * 1000, 2),
                "client": client[0] if client else None,
            },
        )
