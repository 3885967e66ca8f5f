"""The API's ASGI middleware: HTTP caching by version, CORS off write routes, HEAD, body time.

HTTP caching: the graph changes only with a new version, so a GET answer is fixed by the
version and the request (path, query string, ``Accept``, ``Accept-Language``, host). The tag is
computed from those alone, so a matching ``If-None-Match`` is answered 304 without running
anything.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ApiError

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


class HeadAsGet:
    """HEAD is answered wherever GET is: the request runs as a GET and only the headers go
    out (``Content-Length`` included, as the GET would send). FastAPI's routes answer GET
    only, and a client checking a link with HEAD should not get 405."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers(message: Message) -> None:
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, send_headers)


class BodyTimeout:
    """A request body must arrive whole within ``seconds`` of the first wait for it.

    uvicorn bounds headers and idle connections but not a body trickled a byte at a time,
    which would hold a connection and a worker thread for as long as the client likes. A
    body that is late is answered 408 (the route's read of it fails) and the connection is
    closed. Once the body is complete, waits for a disconnect are left alone.
    """

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        deadline: float | None = None
        done = False

        async def timed_receive() -> Message:
            nonlocal deadline, done
            if done:
                return await receive()
            if deadline is None:
                deadline = loop.time() + self.seconds
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                raise ApiError(
                    408,
                    "request_timeout",
                    f"the request body did not arrive within {self.seconds:g} s",
                    headers={"Connection": "close"},
                ) from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                done = True
            return message

        await self.app(scope, timed_receive, send)
