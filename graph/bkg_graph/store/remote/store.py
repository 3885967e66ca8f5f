"""A remote store: any SPARQL 1.1 Protocol server, queried over HTTP in place of the embedded one.

The API stays the public face: queries are checked read-only before they get here, capped,
timed out and answered in the same media types and shapes as the embedded store's (see
:mod:`.answers`). Queries are sent as form POSTs — the protocol's most widely supported
way (Virtuoso, for one, never answers a POSTed ``application/sparql-query``).

As on the embedded store, a query sees the union of the graphs ``bkg push`` wrote as its
default graph and those graphs as its named graphs, and nothing else on the store, unless the
query names its own dataset. How that dataset is sent (``BKG_STORE_DATASET``):

- ``union`` (the default): the union graph the push keeps (every triple of ours copied into
  one graph, see :mod:`.published`) as the one ``default-graph-uri``; our graphs as
  ``named-graph-uri`` only when the query says ``GRAPH``. Engines answer one default graph as
  fast as their own; a store pushed before union graphs existed is queried as ``listed``
  until the next push.
- ``listed``: every graph as ``default-graph-uri`` and ``named-graph-uri``. Exact too, but some
  engines evaluate such a dataset graph by graph, up to ten times slower.
- ``server``: nothing sent; the server's own default dataset, for a store that holds only our
  graphs and unions them. The version comes from the
metadata graph the push keeps (:mod:`.published`); it is re-read in the background at most
every ``REFRESH`` seconds, so reading it never waits for the network.

A query the check marked risky (it mentions ``service``, ``load``, an update word, ``bif:`` …
anywhere) is read by the full parsers in a query worker before it is sent (a pool of one,
started on the first such query, sandboxed like every worker): refused there, it never
reaches the server.
"""

from __future__ import annotations

import logging
import threading
import time

from ...errors import BkgError, BuildMissing, RemoteStoreError, RemoteStoreTimeout
from ...namespaces import PREFIXES
from ...settings import Settings
from ..base import QueryAnswer, QueryForm, QueryRequest
from ..lexer import Kind, tokenize
from ..methods import QueryMethods
from ..pool import WorkerPool
from ..worker import Confirm
from . import published as meta
from .answers import ACCEPT_GRAPH, ACCEPT_RESULTS, graph_answer, plain_rows, table_answer
from .query_text import pragmas_for, prepare, query_failure, status_failure
from .transport import Http, Reply, safe_url

log = logging.getLogger("bkg_graph.store.remote")

#: Seconds a version read from the store is trusted before it is read again.
REFRESH = 2.0


class RemoteStore(QueryMethods):
    """The graph ``bkg push`` loaded into the SPARQL server at ``url``."""

    def __init__(
        self,
        url: str,
        http: Http,
        *,
        base_iri: str,
        timeout: float = 10.0,
        max_results: int = 10_000,
        max_query_bytes: int = 100_000,
        dataset: str = "union",
        memory_mb: int = 0,
    ) -> None:
        self.url = url
        self.memory_mb = memory_mb
        self._confirmer: WorkerPool | None = None
        self._confirmer_lock = threading.Lock()
        self.dataset = dataset
        self.http = http
        self.timeout = timeout
        self.max_results = max_results
        self.max_query_bytes = max_query_bytes
        self.meta_iri = meta.meta_iri(base_iri)
        self._lock = threading.Lock()
        self._refreshing = False
        reply = select_reply(http, url, meta.read_query(self.meta_iri), timeout)
        self.pragmas = pragmas_for(reply.headers.get("server", ""))
        published = meta.parse(plain_rows(reply))
        if published is None:
            raise BuildMissing("nothing has been pushed to the SPARQL store; run `bkg push`")
        self._published = published
        self._read_at = time.monotonic()

    @property
    def version(self) -> str:
        return self.published().version

    def published(self) -> meta.Published:
        """The version and graphs last read; a re-read is started when it is due."""
        with self._lock:
            due = time.monotonic() - self._read_at > REFRESH and not self._refreshing
            if due:
                self._refreshing = True
        if due:
            threading.Thread(target=self._refresh, name="bkg-remote-version", daemon=True).start()
        return self._published

    def query(self, request: QueryRequest) -> QueryAnswer:
        if request.query.risky:
            self.confirm(request)
        graph = request.query.form in (QueryForm.CONSTRUCT, QueryForm.DESCRIBE)
        reply, offset = self._send(request, graph, cap=True)
        if reply.status == 400 and request.query.form is QueryForm.SELECT:
            reply, offset = self._send(request, graph, cap=False)  # where is the error?
        if reply.status != 200:
            raise query_failure(reply, offset)
        _refuse_partial(reply)
        return graph_answer(request, reply) if graph else table_answer(request, reply)

    def _send(self, request: QueryRequest, graph: bool, *, cap: bool) -> tuple[Reply, int]:
        form: list[tuple[str, str]] = []
        pragmas = self.pragmas
        dataset = request.dataset
        if dataset.given:
            form += [("default-graph-uri", g) for g in dataset.default_graphs]
            form += [("named-graph-uri", g) for g in dataset.named_graphs]
        elif self.dataset != "server" and not request.query.has_from:
            published = self.published()
            graphs = published.graphs
            if self.dataset == "union" and published.union is not None:
                form.append(("default-graph-uri", published.union))
                if not _says_graph(request.query.text):
                    graphs = ()
                    # one graph is not the restricted dataset Virtuoso's faulty plan needs,
                    # and its join order breaks property paths there ("transitive start")
                    pragmas = ()
            else:
                form += [("default-graph-uri", g) for g in graphs]
            form += [("named-graph-uri", g) for g in graphs]
        text, offset = prepare(request, PREFIXES, cap=cap, pragmas=pragmas)
        form.insert(0, ("query", text))
        reply = self.http.send(
            "POST",
            self.url,
            timeout=self.timeout,
            form=form,
            headers={"Accept": ACCEPT_GRAPH if graph else ACCEPT_RESULTS},
            max_lines=request.max_results + 2 if graph else None,
        )
        return reply, offset

    def confirm(self, request: QueryRequest) -> None:
        """Have a worker's full parsers read a risky query; raises if they refuse it."""
        with self._confirmer_lock:
            if self._confirmer is None:
                self._confirmer = WorkerPool(1, self.timeout, PREFIXES, self.memory_mb)
            pool = self._confirmer
        pool.call(Confirm(request.query.text, request.query.risky))

    def select_raw(self, sparql: str) -> list[dict[str, str]]:
        """Rows of a SELECT query sent as it is, over the server's own dataset."""
        return select_rows(self.http, self.url, sparql, self.timeout)

    def read_published(self) -> meta.Published | None:
        return meta.parse(self.select_raw(meta.read_query(self.meta_iri)))

    def close(self) -> None:
        self.http.close()
        if self._confirmer is not None:
            self._confirmer.close()

    def _refresh(self) -> None:
        try:
            published = self.read_published()
        except BkgError as exc:
            log.warning("could not re-read the store's version: %s", exc)
            published = None
        with self._lock:
            if published is not None:
                self._published = published
            self._read_at = time.monotonic()
            self._refreshing = False


def select_rows(http: Http, url: str, sparql: str, timeout: float) -> list[dict[str, str]]:
    """Rows of a SELECT query sent as it is (no prefixes, dataset or cap added)."""
    return plain_rows(select_reply(http, url, sparql, timeout))


def select_reply(http: Http, url: str, sparql: str, timeout: float) -> Reply:
    reply = http.send(
        "POST", url, timeout=timeout, form=[("query", sparql)], headers={"Accept": ACCEPT_RESULTS}
    )
    if reply.status != 200:
        raise status_failure(reply)
    _refuse_partial(reply)
    return reply


def _says_graph(text: str) -> bool:
    """Whether the query has a ``GRAPH`` pattern (the keyword, not a string or IRI with it).

    Without one, named graphs change nothing in its answer and are not sent; with one, a
    store then sees exactly our graphs as named graphs (Virtuoso, sent no named graph,
    would show every graph it has)."""
    return any(t.kind is Kind.WORD and t.text.lower() == "graph" for t in tokenize(text))


def _refuse_partial(reply: Reply) -> None:
    """Virtuoso's 'anytime' answers: cut short at its time limit, yet sent as 200."""
    state = reply.headers.get("x-sql-state", "")
    if state:
        raise RemoteStoreTimeout(
            "the SPARQL store stopped the query at its time limit and sent only part of the "
            f"answer ({state}); narrow the query down and try again"
        )


def open_remote(settings: Settings) -> RemoteStore:
    """The remote store the settings name (``BKG_STORE_URL`` and credentials)."""
    if not settings.store_url:
        raise RemoteStoreError("no remote store configured: set BKG_STORE_URL")
    http = Http(
        user=settings.store_user,
        password=settings.store_password.get_secret_value(),
        connect_timeout=settings.store_connect_timeout,
    )
    try:
        return RemoteStore(
            settings.store_url,
            http,
            base_iri=settings.base_iri,
            timeout=settings.query_timeout,
            max_results=settings.max_results,
            max_query_bytes=settings.max_query_bytes,
            dataset=settings.store_dataset,
            memory_mb=settings.worker_memory_mb,
        )
    except RemoteStoreError as exc:  # at start-up: for the operator, who may see the address
        http.close()
        raise RemoteStoreError(f"{exc} (BKG_STORE_URL is {safe_url(settings.store_url)})") from None
    except BaseException:
        http.close()
        raise
