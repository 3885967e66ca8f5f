"""HTTP to a remote SPARQL server: one connection pool, a time limit on every call, safe errors.

Every request has a connect timeout and a deadline for the whole answer, which is read in
chunks, so a server that is down, stalls or trickles bytes never holds a thread for longer than
the limit. Failures become :class:`RemoteStoreError` (the API answers 502) or
:class:`RemoteStoreTimeout` (504). Their messages may reach a client, so they never contain the
server's address or credentials; the details go to the log, without credentials.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx

from ...errors import RemoteStoreError, RemoteStoreTimeout

log = logging.getLogger("bkg_graph.store.remote")

#: The most an answer may hold; a longer one is refused (502) rather than read into memory.
MAX_ANSWER_BYTES = 256_000_000


@dataclass(frozen=True)
class Reply:
    """A server's answer. ``complete`` is False when reading stopped at ``max_lines``."""

    status: int
    headers: httpx.Headers
    body: bytes
    complete: bool = True

    @property
    def media_type(self) -> str:
        header: str = self.headers.get("content-type", "")
        return header.split(";")[0].strip().lower()

    def text(self, limit: int = 300) -> str:
        """The body as one line of at most ``limit`` characters (for error messages)."""
        text = " ".join(self.body.decode("utf-8", "replace").split())
        return text if len(text) <= limit else text[: limit - 1] + "…"


class ServerAuth(httpx.Auth):
    """Credentials sent only when the server asks, in the scheme it names (Digest or Basic).

    Virtuoso's authenticated endpoints accept Digest only; other servers use Basic. Anonymous
    endpoints never see the credentials at all.
    """

    def __init__(self, user: str, password: str) -> None:
        self._digest = httpx.DigestAuth(user, password)
        self._basic = httpx.BasicAuth(user, password)
        self._scheme = ""

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        if self._scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        response = yield request
        scheme = response.headers.get("www-authenticate", "").split(" ", 1)[0].lower()
        if response.status_code != 401 or scheme not in ("digest", "basic"):
            return
        self._scheme = scheme
        if scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        flow = self._digest.auth_flow(request)
        next(flow)  # the unauthenticated attempt, which we have just made
        yield flow.send(response)


class Http:
    """A pool of connections to one server; safe to share between threads."""

    def __init__(self, *, user: str = "", password: str = "", connect_timeout: float = 3.0) -> None:
        self.connect_timeout = connect_timeout
        self._client = httpx.Client(
            auth=ServerAuth(user, password) if user else None,
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
            follow_redirects=False,
            trust_env=False,  # no proxies or .netrc credentials picked up from the environment
            headers={"User-Agent": "bilateral-kg"},
        )

    def send(
        self,
        method: str,
        url: str,
        *,
        timeout: float,
        form: Sequence[tuple[str, str]] | None = None,
        params: Sequence[tuple[str, str]] | None = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        max_lines: int | None = None,
    ) -> Reply:
        """Send one request; the answer read completely (or to ``max_lines`` lines)."""
        deadline = time.monotonic() + timeout
        limits = httpx.Timeout(timeout, connect=self.connect_timeout, pool=self.connect_timeout)
        body = urlencode(list(form)).encode() if form is not None else content
        sent = dict(headers or {})
        if form is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            with self._client.stream(
                method, url, params=list(params or ()), content=body, headers=sent, timeout=limits
            ) as response:
                chunks, complete = _read(response, deadline, timeout, max_lines)
                return Reply(response.status_code, response.headers, chunks, complete)
        except httpx.TimeoutException as exc:
            log.warning("%s %s: %r", method, safe_url(url), exc)
            if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
                raise RemoteStoreError(
                    f"the SPARQL store could not be reached within {self.connect_timeout:g} s"
                ) from None
            raise RemoteStoreTimeout(
                f"the SPARQL store did not answer within {timeout:g} s; "
                "narrow the query down (more specific patterns, LIMIT) and try again"
            ) from None
        except httpx.HTTPError as exc:
            log.warning("%s %s: %r", method, safe_url(url), exc)
            what = "refused the connection" if isinstance(exc, httpx.ConnectError) else "failed"
            raise RemoteStoreError(f"the SPARQL store {what}; try again later") from None

    def close(self) -> None:
        self._client.close()


def _read(
    response: httpx.Response, deadline: float, timeout: float, max_lines: int | None
) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = lines = 0
    for chunk in response.iter_bytes():
        if time.monotonic() > deadline:
            raise RemoteStoreTimeout(f"the SPARQL store did not finish its answer in {timeout:g} s")
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise RemoteStoreError(
                f"the SPARQL store's answer is larger than {MAX_ANSWER_BYTES:,} bytes"
            )
        if max_lines is not None:
            lines += chunk.count(b"\n")
            if lines > max_lines:
                return b"".join(chunks), False
    return b"".join(chunks), True


def safe_url(url: str) -> str:
    """``url`` without user name, password, query string or fragment (for logs and messages)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))
