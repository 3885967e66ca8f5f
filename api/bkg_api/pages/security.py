"""The one place that sets the security headers of what the server sends to a browser.

Every HTML answer — entity pages, the query page, views, error pages, ``/docs`` — gets its
Content-Security-Policy, ``nosniff`` and ``no-referrer`` here, from :class:`SecurityHeaders`,
so no route can forget them and no route writes a policy of its own. The policy allows this
origin only and no inline script or style — ``/docs`` included: Swagger UI 5 sets its styles
through the DOM, which the policy allows; the one difference (``/embed`` may be framed by
any site) is the table :data:`PAGE_VARIANTS`. A self-contained
file written by ``bkg view --out`` cannot carry headers: :func:`offline_policy` is its
``<meta>`` policy, allowing exactly the scripts and styles inlined in it, by hash.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: The policy of every served page, by directive.
PAGE_POLICY: dict[str, str] = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
    "font-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'none'",
    "frame-ancestors": "'self'",
}
#: Paths whose pages differ from :data:`PAGE_POLICY`, and how.
PAGE_VARIANTS: dict[str, dict[str, str]] = {
    "/embed": {"frame-ancestors": "*"},
}
#: Images and other downloads a browser might open (an SVG can hold script): nothing runs.
FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'"
#: Sent with every answer.
COMMON_HEADERS = {"X-Content-Type-Options": "nosniff"}
#: Sent with every page.
PAGE_HEADERS = {"Referrer-Policy": "no-referrer"}


def _join(policy: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in policy.items())


def page_policy(path: str = "") -> str:
    """The Content-Security-Policy of the served page at ``path``."""
    return _join({**PAGE_POLICY, **PAGE_VARIANTS.get(path, {})})


def offline_policy(script_hashes: Iterable[str], style_hashes: Iterable[str]) -> str:
    """The ``<meta>`` policy of a self-contained file: its own inlined code, nothing else."""
    return _join(
        {
            "default-src": "'none'",
            "script-src": " ".join(script_hashes) or "'none'",
            "style-src": " ".join(style_hashes) or "'none'",
            "img-src": "data:",
            "base-uri": "'none'",
            "form-action": "'none'",
        }
    )


def headers_for(path: str, content_type: str) -> dict[str, str]:
    """The security headers of an answer at ``path`` of ``content_type``."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type == "text/html":
        return {"Content-Security-Policy": page_policy(path), **PAGE_HEADERS, **COMMON_HEADERS}
    if media_type in ("image/svg+xml", "application/xhtml+xml", "text/xml"):
        return {"Content-Security-Policy": FILE_POLICY, **COMMON_HEADERS}
    return dict(COMMON_HEADERS)


class SecurityHeaders:
    """ASGI middleware adding :func:`headers_for` to every HTTP answer (a header a route
    already set is kept, so a protocol answer can still say something more specific)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                for name, value in headers_for(path, out.get("content-type", "")).items():
                    if name not in out:
                        out[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
