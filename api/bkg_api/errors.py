"""The one place that turns errors into HTTP responses, all in one JSON envelope.

Every error answer of the API is ``{"error": "<code>", "detail": "<what, where, what to do>"}``
(a syntax error adds ``line`` and ``column``; every answer to a request adds its
``request_id``). The mapping:

=========================  ======  =================  ========================================
raised                     status  error              when
=========================  ======  =================  ========================================
QueryTooLarge              413     query_too_large    a query longer than BKG_MAX_QUERY_BYTES
QueryForbidden             403     forbidden          SPARQL Update, LOAD or SERVICE
QueryError                 400     bad_query          malformed query (with line and column)
InputError (other)         400     bad_request        any other input a user can fix
NotFound                   404     not_found          an id or IRI the graph does not hold
RemoteStoreTimeout         504     gateway_timeout    the remote store did not answer in time
RemoteStoreError           502     bad_gateway        the remote store is down or answered badly
QueryTimeout               503     query_timeout      a query stopped at BKG_QUERY_TIMEOUT
QueryOutOfMemory           503     out_of_memory      a query over BKG_WORKER_MEMORY_MB
StoreUnavailable           503     unavailable        every query worker busy, or one died
BuildMissing               503     no_graph           no graph to serve
WriterBusy                 409     writer_busy        another ingest or build kept the writer lock
ApiError                   any     (its own)          protocol errors: 406, 415, 400 …
HTTPException              any     from the status    unknown route (404), method (405) …
RequestValidationError     422     invalid_parameter  a parameter of the wrong type or form
anything else              500     internal_error     a bug — never dressed up as a 4xx
=========================  ======  =================  ========================================

A browser (a request whose ``Accept`` prefers ``text/html`` to JSON) gets the same status,
code and message as an HTML page in the site's frame, with the suggestions the error carries
and a way back (:func:`_html_error`); every other client gets the JSON envelope.
"""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from urllib.parse import unquote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from bkg_graph.errors import (
    BkgError,
    BuildMissing,
    InputError,
    NotFound,
    QueryError,
    QueryForbidden,
    QueryOutOfMemory,
    QueryTimeout,
    QueryTooLarge,
    RemoteStoreError,
    RemoteStoreTimeout,
    StoreUnavailable,
    WriterBusy,
)

from . import logs

log = logging.getLogger("bkg_api")
_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

# most specific first
_STATUS: list[tuple[type[BkgError], int, str]] = [
    (QueryTooLarge, 413, "query_too_large"),
    (QueryForbidden, 403, "forbidden"),
    (QueryError, 400, "bad_query"),
    (InputError, 400, "bad_request"),
    (NotFound, 404, "not_found"),
    (RemoteStoreTimeout, 504, "gateway_timeout"),
    (RemoteStoreError, 502, "bad_gateway"),
    (QueryTimeout, 503, "query_timeout"),
    (QueryOutOfMemory, 503, "out_of_memory"),
    (StoreUnavailable, 503, "unavailable"),
    (BuildMissing, 503, "no_graph"),
    (WriterBusy, 409, "writer_busy"),
]


class ErrorBody(BaseModel):
    """The JSON body of every error answer."""

    error: str = Field(description="A short code, e.g. `bad_query`, `not_found`.")
    detail: str = Field(description="What went wrong, where, and what to do about it.")
    line: int | None = Field(None, description="Line of a syntax error in a query.")
    column: int | None = Field(None, description="Column of a syntax error in a query.")
    request_id: str | None = Field(
        None, description="Id of the request (also its `X-Request-ID` header and log lines)."
    )


class ApiError(Exception):
    """An HTTP-level error raised by a route: its status, code and message are final."""

    def __init__(
        self, status: int, error: str, detail: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.error = error
        self.detail = detail
        self.headers = headers


def envelope(
    status: int,
    error: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extra: int | str,
) -> JSONResponse:
    """The JSON error response every error of the API is answered with; inside a request, it
    quotes the request's id (as the log lines do) and records the code for the metrics."""
    info = logs.current.get()
    if info is None:
        return JSONResponse({"error": error, "detail": detail, **extra}, status, headers=headers)
    info.error = error
    body = {"error": error, "detail": detail, **extra, "request_id": info.id}
    return JSONResponse(body, status, headers={**(headers or {}), "X-Request-ID": info.id})


def status_of(exc: BkgError) -> tuple[int, str] | None:
    """Status and code for a library error, or None if it is not a user's error (a bug)."""
    for cls, status, code in _STATUS:
        if isinstance(exc, cls):
            return status, code
    return None


def wants_html(request: Request) -> bool:
    """Whether the client prefers an HTML page to JSON (a browser navigating here)."""
    from .negotiate import choose  # negotiate raises ApiError from here

    accept = request.headers.get("accept", "")
    if "text/html" not in accept.lower():
        return False
    try:
        return choose(accept, ("application/json", "text/html")) == "text/html"
    except ApiError:
        return False


def _answer(
    request: Request,
    status: int,
    error: str,
    detail: str,
    headers: dict[str, str] | None = None,
    suggestions: list[str] | None = None,
    **extra: int | str,
) -> Response:
    """The error as the client wants it: an HTML page for a browser, else the envelope."""
    if wants_html(request):
        return _html_error(request, status, error, detail, headers, suggestions or [])
    return envelope(status, error, detail, headers, **extra)


def _html_error(
    request: Request,
    status: int,
    error: str,
    detail: str,
    headers: dict[str, str] | None,
    suggestions: list[str],
) -> Response:
    from .pages import render  # the page stage imports the app's modules, not the reverse

    lang = request.query_params.get("lang", "en")
    page = render(
        "error.html",
        status=status,
        lang=lang if lang in ("en", "ja") else "en",
        title=f"{status} {HTTPStatus(status).phrase}",
        status_code=status,
        phrase=HTTPStatus(status).phrase,
        error=error,
        detail=detail,
        suggestions=suggestions,
        search=_search_words(request.url.path) if status == 404 else "",
    )
    for name, value in (headers or {}).items():
        page.headers[name] = value
    return page


def _search_words(path: str) -> str:
    """The last segment of a path nothing answers, as words to search for."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return unquote(last).replace("-", " ")[:100]


def _suggestions(exc: Exception) -> list[str]:
    """What an error offers instead (closest names …), if it carries any."""
    found = getattr(exc, "suggestions", None) or getattr(exc, "matches", None) or []
    return [str(s) for s in found] if isinstance(found, (list, tuple)) else []


async def _bkg_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BkgError)
    mapped = status_of(exc)
    if mapped is None:
        return await _bug(request, exc)
    status, code = mapped
    extra: dict[str, int | str] = {}
    if isinstance(exc, QueryError) and exc.line is not None and exc.column is not None:
        extra = {"line": exc.line, "column": exc.column}
    headers = {"Retry-After": "1"} if status == 503 else None
    return _answer(request, status, code, str(exc), headers, _suggestions(exc), **extra)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return _answer(request, exc.status, exc.error, exc.detail, exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    code = phrase.lower().replace(" ", "_").replace("-", "_")
    detail = exc.detail if isinstance(exc.detail, str) else phrase
    if exc.status_code == 404 and detail == phrase:
        detail = f"nothing at {request.url.path}"
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}"
        headers["Allow"] = ", ".join(_allowed(request))
    return _answer(request, exc.status_code, code, detail, headers)


def _allowed(request: Request) -> list[str]:
    """Every method the API documents at this path (the router names only one route's)."""
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, request.url.path):
            methods |= {m.upper() for m in operations if m.upper() in _METHODS}
    if "GET" in methods:
        methods.add("HEAD")  # answered wherever GET is (middleware.HeadAsGet)
    return sorted(methods)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
        problems.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    detail = "; ".join(problems) or "invalid request"
    return _answer(request, 422, "invalid_parameter", detail)


async def _bug(request: Request, exc: Exception) -> Response:
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return _answer(request, 500, "internal_error", "an unexpected error occurred on the server")


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(BkgError, _bkg_error)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _bug)
