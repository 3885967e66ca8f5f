"""Load a built graph into a remote store, replacing exactly the graphs bilateral-kg owns there.

The graphs owned are those under ``{base}graph/``; any other graph on the store is left alone
(a graph outside that space is written only if the pushed dataset itself contains it). Each
graph is switched atomically: uploaded under a staging name first (Graph Store Protocol, or
SPARQL Update ``INSERT DATA`` without one), then moved into place by one SPARQL Update request
that also updates the metadata graph (:mod:`.remote_meta`). An interrupted push therefore leaves
every graph either old or new, and the report says which; staging graphs it leaves behind are
removed by the next push. Graphs whose content hash the store already records are not sent
again, so pushing the same build twice changes nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..errors import BkgError, InputError, RemoteStoreError
from ..settings import Settings
from . import remote_meta as meta
from .embedded import rdf_format
from .remote import select_rows
from .remote_http import Http
from .remote_text import status_failure

#: Lines per Graph Store Protocol request and per ``INSERT DATA`` request.
GSP_CHUNK = 100_000
UPDATE_CHUNK = 5_000

Progress = Callable[[str, str], None]


@dataclass(frozen=True)
class LocalGraph:
    """One graph to push: its N-Triples lines (sorted), their count and hash."""

    iri: str
    lines: list[bytes]
    digest: str

    @property
    def triples(self) -> int:
        return len(self.lines)


@dataclass
class PushReport:
    """What a push did: graphs updated, left as they were, removed, and not reached."""

    version: str
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    error: str | None = None


def read_graphs(files: list[Path], base: str) -> dict[str, LocalGraph]:
    """The named graphs of RDF files; triples in a default graph go to ``{base}graph/default``."""
    default = meta.graph_space(base) + "default"
    triples: dict[str, list[ox.Triple]] = {}
    for path in files:
        fmt = rdf_format(path)
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        try:
            for q in ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()):
                g = q.graph_name
                if isinstance(g, ox.BlankNode):
                    raise InputError(f"{path}: a graph named by a blank node cannot be pushed")
                name = g.value if isinstance(g, ox.NamedNode) else default
                triples.setdefault(name, []).append(ox.Triple(q.subject, q.predicate, q.object))
        except SyntaxError as exc:
            raise InputError(f"{path}: {exc}") from None
    if meta.meta_iri(base) in triples:
        raise InputError(f"the graph <{meta.meta_iri(base)}> is bkg push's own; rename it")
    graphs = {}
    for iri, items in triples.items():
        data = ox.serialize(items, format=ox.RdfFormat.N_TRIPLES)
        assert data is not None
        lines = sorted(set(data.splitlines()))
        digest = hashlib.sha256(b"\n".join(lines)).hexdigest()[:16]
        graphs[iri] = LocalGraph(iri, lines, digest)
    return graphs


class Pusher:
    """Writes graphs to the store at the settings' endpoints."""

    def __init__(self, settings: Settings, http: Http) -> None:
        if not settings.store_url or not settings.store_update_url:
            raise InputError("bkg push needs BKG_STORE_URL and BKG_STORE_UPDATE_URL")
        self.settings = settings
        self.http = http
        self.base = settings.base_iri
        self.meta = meta.meta_iri(self.base)

    def push(
        self, graphs: dict[str, LocalGraph], version: str, progress: Progress | None = None
    ) -> PushReport:
        """Make the store hold ``graphs`` as ``version``; see the module's description."""
        space = meta.graph_space(self.base)
        published = meta.parse(self._select(meta.read_query(self.meta)))
        owned = {r["g"] for r in self._select(meta.owned_query(space)) if "g" in r} - {self.meta}
        known = published.hashes if published else {}
        changed = [g for g in sorted(graphs) if known.get(g) != graphs[g].digest or g not in owned]
        stale = sorted(g for g in owned if g not in graphs)
        report = PushReport(version, unchanged=[g for g in sorted(graphs) if g not in changed])
        report.pending = changed + stale
        if (
            published is not None
            and published.version == version
            and not report.pending
            and set(published.graphs) == set(graphs)
        ):
            return report
        push_id = secrets.token_hex(4)
        step = 0
        staged = ""
        try:
            for iri in changed:
                step += 1
                staged = meta.staging_iri(self.base, push_id, step)
                self._upload(staged, graphs[iri])
                state = f"{version}~{push_id}.{step}"
                g = graphs[iri]
                self._update(meta.switch_update(self.meta, staged, iri, g.digest, g.triples, state))
                staged = ""
                _done(report, report.updated, iri, progress, "updated")
            for iri in stale:
                step += 1
                self._update(meta.drop_update(self.meta, iri, f"{version}~{push_id}.{step}"))
                _done(report, report.removed, iri, progress, "removed")
            listed = {iri: (g.digest, g.triples) for iri, g in graphs.items()}
            self._update(meta.finish_update(self.meta, version, listed))
        except BkgError as exc:
            report.error = str(exc)
            if staged:
                self._forget(staged)
        return report

    def _upload(self, staged: str, graph: LocalGraph) -> None:
        """Write ``graph``'s triples into the (new) graph ``staged``.

        Triples with blank nodes go in the first request, so that one blank node is never
        split across requests (each request would make a new node of it).
        """
        lines = [ln for ln in graph.lines if b"_:" in ln]
        lines += [ln for ln in graph.lines if b"_:" not in ln]
        size = GSP_CHUNK if self.settings.store_gsp_url else UPDATE_CHUNK
        first = max(size, sum(1 for ln in lines if b"_:" in ln))
        chunks = [lines[:first]] + [lines[i : i + size] for i in range(first, len(lines), size)]
        for n, chunk in enumerate(chunks):
            body = b"\n".join(chunk) + b"\n"
            if self.settings.store_gsp_url:
                self._gsp("PUT" if n == 0 else "POST", staged, body)
            else:
                text = body.decode("utf-8")
                self._update(f"INSERT DATA {{ GRAPH <{staged}> {{\n{text}}} }}")

    def _select(self, sparql: str) -> list[dict[str, str]]:
        s = self.settings
        return select_rows(self.http, s.store_url, sparql, s.store_write_timeout)

    def _update(self, sparql: str) -> None:
        reply = self.http.send(
            "POST",
            self.settings.store_update_url,
            timeout=self.settings.store_write_timeout,
            form=[("update", sparql)],
            headers={"Accept": "application/sparql-results+json, */*;q=0.1"},
        )
        if not 200 <= reply.status < 300:
            raise status_failure(reply)

    def _gsp(self, method: str, graph: str, body: bytes) -> None:
        reply = self.http.send(
            method,
            self.settings.store_gsp_url,
            timeout=self.settings.store_write_timeout,
            params=[("graph", graph)],
            content=body,
            headers={"Content-Type": "text/turtle; charset=utf-8"},
        )
        if not 200 <= reply.status < 300:
            raise status_failure(reply)

    def _forget(self, staged: str) -> None:
        """Best effort: remove a staging graph a failed push leaves (the next push would)."""
        try:
            self._update(f"DROP SILENT GRAPH <{staged}>")
        except RemoteStoreError:
            return


def _done(
    report: PushReport, into: list[str], iri: str, progress: Progress | None, what: str
) -> None:
    into.append(iri)
    report.pending.remove(iri)
    if progress is not None:
        progress(what, iri)


def push(
    settings: Settings, files: list[Path], version: str, progress: Progress | None = None
) -> PushReport:
    """Push the graphs in ``files`` as ``version`` to the store the settings name."""
    graphs = read_graphs(files, settings.base_iri)
    http = Http(
        user=settings.store_user,
        password=settings.store_password.get_secret_value(),
        connect_timeout=settings.store_connect_timeout,
    )
    try:
        return Pusher(settings, http).push(graphs, version, progress)
    finally:
        http.close()
