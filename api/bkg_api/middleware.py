"""HTTP caching by dataset version: an ``ETag`` on every successful GET, and 304 answers.

The graph changes only with a new version, so a GET answer is fixed by the version and the
request (path, query string, ``Accept``, ``Accept-Language``, host). The tag is computed from
those alone, so a matching ``If-None-Match`` is answered 304 without running anything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

VARY = "Accept, Accept-Language"


class ETagMiddleware:
    """Adds ``ETag`` and ``Vary`` to 2xx GET/HEAD answers; answers 304 to a matching tag."""

    def __init__(self, app: ASGIApp, version: Callable[[], str | None]) -> None:
        self.app = app
        self.version = version

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        version = self.version()
        if version is None:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        tag = etag(version, scope, headers)
        if _matches(headers.get("if-none-match"), tag):
            await send(
                {
                    "type": "http.response.start",
                    "status": 304,
                    "headers": [(b"etag", tag.encode()), (b"vary", VARY.encode())],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_with_tag(message: Message) -> None:
            if message["type"] == "http.response.start" and 200 <= message["status"] < 300:
                out = MutableHeaders(scope=message)
                if "etag" not in out:
                    out["ETag"] = tag
                    out["Vary"] = VARY
            await send(message)

        await self.app(scope, receive, send_with_tag)


def etag(version: str, scope: Scope, headers: Headers) -> str:
    """``"<version>-<hash of what else decides the answer>"``."""
    variant = b"\0".join(
        [
            scope.get("path", "").encode(),
            scope.get("query_string", b""),
            headers.get("accept", "").encode(),
            headers.get("accept-language", "").encode(),
            headers.get("host", "").encode(),
        ]
    )
    return f'"{version}-{hashlib.sha256(variant).hexdigest()[:16]}"'


def _matches(if_none_match: str | None, tag: str) -> bool:
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    candidates = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return tag in candidates


WRITE_PATHS = frozenset({"/documents"})


class NoCorsOnWrites:
    """Write routes answer no other origin: their preflights are refused and any CORS header
    is taken off their answers (read-only routes keep ``Access-Control-Allow-Origin: *``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] not in WRITE_PATHS
            or scope["method"]
            in (
                "GET",
                "HEAD",
            )
        ):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            body = b'{"error":"forbidden","detail":"write routes do not answer other origins"}'
            await send(
                {
                    "type": "http.response.start",
                    "status": 403,
                    "headers": [(b"content-type", b"application/json")],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return

        async def send_without_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    (k, v)
                    for k, v in message["headers"]
                    if not k.lower().startswith(b"access-control-")
                ]
            await send(message)

        await self.app(scope, receive, send_without_cors)
