"""Load a built graph into a remote store, replacing exactly the graphs bilateral-kg owns there.

The graphs owned are those under ``{base}graph/``; any other graph on the store is left alone
(a graph outside that space is written only if the pushed dataset itself contains it). Each
graph is switched atomically: uploaded under a staging name first (Graph Store Protocol, or
SPARQL Update ``INSERT DATA`` without one), then moved into place by one SPARQL Update request
that also updates the metadata graph (:mod:`.published`). An interrupted push therefore leaves
every graph either old or new, and the report says which; staging graphs it leaves behind are
removed by the next push. Graphs are switched in batches (one request switches a batch at
once), since every request is a transaction on the store and those cost more than their size.
Graphs whose content hash the store already records are not sent again, so pushing
the same build twice changes nothing.

What a push is doing is told to a :data:`Progress` callback, so that ``bkg push`` can show it
(a bar, or plain lines): ``planned`` (the graphs it will upload, once, before the first
upload), ``uploaded`` (one graph, under its staging name), ``switching`` (a batch, just before
the request that switches it into place), ``updated`` (graphs switched), ``removed`` (graphs
dropped), ``publishing`` (the version's graphs, before the request that publishes it).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import BkgError, InputError, RemoteStoreError
from ...settings import Settings
from . import published as meta
from .local_graphs import LocalGraph, read_graphs, union_of
from .query_text import status_failure
from .store import select_rows
from .transport import Http

#: Lines per Graph Store Protocol request and per ``INSERT DATA`` request.
GSP_CHUNK = 100_000
UPDATE_CHUNK = 2_000
#: Graphs switched in one request: every request is a transaction on the store, and those cost
#: more than their size.
BATCH = 50

#: Told what a push is doing and to which graphs (see the module's description).
Progress = Callable[[str, list[str]], None]


@dataclass
class PushReport:
    """What a push did: graphs updated, left as they were, removed, not reached (``pending``:
    still old) and, after a failure the store could not explain, ``unknown`` (old or new)."""

    version: str
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    error: str | None = None


class Pusher:
    """Writes graphs to the store at the settings' endpoints."""

    def __init__(self, settings: Settings, http: Http) -> None:
        if not settings.store_url or not settings.store_update_url:
            raise InputError("bkg push needs BKG_STORE_URL and BKG_STORE_UPDATE_URL")
        self.settings = settings
        self.http = http
        self.base = settings.base_iri
        self.meta = meta.meta_iri(self.base)
        self.union = meta.union_iri(self.base)
        self.keep_union = settings.store_dataset != "server"
        self._sent: list[str] = []  # graphs of the switch or drop request in flight
        self._tell: Progress = _silent

    def push(
        self,
        graphs: dict[str, LocalGraph],
        version: str,
        progress: Progress | None = None,
        batch: int = BATCH,
    ) -> PushReport:
        """Make the store hold ``graphs`` as ``version``; see the module's description."""
        self._tell = progress or _silent
        space = meta.graph_space(self.base)
        published = meta.parse(self._select(meta.read_query(self.meta)))
        counts = {r["g"]: int(r["n"]) for r in self._select(meta.owned_query(space)) if "g" in r}
        counts.pop(self.meta, None)
        # the union graph, unless queries use the server's own dataset (where it would count
        # every triple twice): then it is removed like any graph not pushed
        union = union_of(graphs, self.union) if self.keep_union else None
        union_kept = union is None or (
            published is not None
            and published.union == self.union
            and published.union_hash == union.digest
            and counts.get(self.union) == union.triples
        )
        if union is not None:
            counts.pop(self.union, None)
        known = published.hashes if published else {}
        # a graph is sent again unless the store records its hash and holds as many triples
        # (a store that lost writes in a crash may keep the record but not the triples)
        changed = [
            g
            for g in sorted(graphs)
            if known.get(g) != graphs[g].digest or counts.get(g) != graphs[g].triples
        ]
        stale = sorted(g for g in counts if g not in graphs)
        report = PushReport(version, unchanged=[g for g in sorted(graphs) if g not in changed])
        report.pending = changed + stale
        if (
            published is not None
            and published.version == version
            and not report.pending
            and set(published.graphs) == set(graphs)
            and union_kept
        ):
            return report
        push_id = secrets.token_hex(4)
        step = 0
        self._tell("planned", changed + ([] if union_kept else [self.union]))
        try:
            for group in _batches(changed, batch):
                step += len(group)
                self._replace(group, graphs, push_id, step, f"{version}~{push_id}.{step}")
                _done(report, report.updated, group, self._tell, "updated")
            if stale:
                self._sent = stale
                self._update(meta.drop_update(self.meta, stale, f"{version}~{push_id}.{step + 1}"))
                self._sent = []
                _done(report, report.removed, stale, self._tell, "removed")
            listed = {iri: (g.digest, g.triples) for iri, g in graphs.items()}
            final = None
            staged = ""
            if union is not None:
                staged = "" if union_kept else self._stage(union, push_id)
                final = (staged, self.union, union.digest, union.triples)
            try:
                self._tell("publishing", sorted(graphs))
                self._update(meta.finish_update(self.meta, version, listed, final))
            except BkgError:
                if staged:
                    self._forget(staged)
                raise
        except BkgError as exc:
            report.error = str(exc)
            self._settle(report, graphs, progress)
        return report

    def _settle(
        self, report: PushReport, graphs: dict[str, LocalGraph], progress: Progress | None
    ) -> None:
        """After a failed switch or drop, whose request may still have been carried out (a
        timeout, a broken connection), ask the store what became of those graphs."""
        sent, self._sent = self._sent, []
        if not sent:
            return
        try:
            published = meta.parse(self._select(meta.read_query(self.meta)))
        except BkgError:
            report.unknown = [g for g in sent if g in report.pending]
            report.pending = [g for g in report.pending if g not in report.unknown]
            return
        hashes = published.hashes if published else {}
        listed = set(published.graphs) if published else set()
        for iri in sent:
            if iri in graphs and hashes.get(iri) == graphs[iri].digest:
                _done(report, report.updated, [iri], progress, "updated")
            elif iri not in graphs and iri not in listed:
                _done(report, report.removed, [iri], progress, "removed")

    def _replace(
        self, group: list[str], graphs: dict[str, LocalGraph], push_id: str, step: int, state: str
    ) -> None:
        """Upload ``group`` under staging names, then switch all of it in one request."""
        first = step - len(group) + 1
        staged = {g: meta.staging_iri(self.base, push_id, first + n) for n, g in enumerate(group)}
        try:
            if self.settings.store_gsp_url:
                for g in group:
                    self._upload(staged[g], graphs[g])
                    self._tell("uploaded", [g])
            else:
                self._insert_all({g: (staged[g], graphs[g]) for g in group})
            moves = [(staged[g], g, graphs[g].digest, graphs[g].triples) for g in group]
            self._tell("switching", group)
            self._sent = group
            self._update(meta.switch_update(self.meta, moves, state))
            self._sent = []
        except BkgError:
            for left in staged.values():
                self._forget(left)
            raise

    def _stage(self, graph: LocalGraph, push_id: str) -> str:
        """Upload ``graph`` under a staging name of its own; the name."""
        staged = f"{meta.graph_space(self.base)}push-{push_id}/union"
        try:
            if self.settings.store_gsp_url:
                self._upload(staged, graph)
                self._tell("uploaded", [self.union])
            else:
                self._insert_all({self.union: (staged, graph)})
        except BkgError:
            self._forget(staged)
            raise
        return staged

    def _insert_all(self, graphs: dict[str, tuple[str, LocalGraph]]) -> None:
        """Write graphs (by IRI: staging name and content) with ``INSERT DATA`` requests,
        telling each graph uploaded after the last request that holds part of it."""
        requests = list(_packed({staged: graph.lines for staged, graph in graphs.values()}))
        last = {staged: n for n, request in enumerate(requests) for staged in request}
        for iri, (staged, _) in graphs.items():
            if staged not in last:  # an empty graph: nothing to send
                self._tell("uploaded", [iri])
        for n, request in enumerate(requests):
            self._update(_insert(request))
            for iri, (staged, _) in graphs.items():
                if last[staged] == n:
                    self._tell("uploaded", [iri])

    def _upload(self, staged: str, graph: LocalGraph) -> None:
        """Write ``graph``'s triples into the (new) graph ``staged`` with the Graph Store
        Protocol: one PUT, then POSTs of GSP_CHUNK lines (blank nodes all in the first)."""
        lines = _blank_first(graph.lines)
        first = max(GSP_CHUNK, sum(1 for ln in lines if b"_:" in ln))
        self._gsp("PUT", staged, b"\n".join(lines[:first]) + b"\n")
        for i in range(first, len(lines), GSP_CHUNK):
            self._gsp("POST", staged, b"\n".join(lines[i : i + GSP_CHUNK]) + b"\n")

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


def _batches(changed: list[str], batch: int) -> list[list[str]]:
    """Graphs switched together, ``batch`` at a time."""
    return [changed[i : i + batch] for i in range(0, len(changed), batch)]


def _blank_first(lines: list[bytes]) -> list[bytes]:
    """Lines with blank nodes first, so that they travel in one request: each request would
    make a new node of the same label."""
    return [ln for ln in lines if b"_:" in ln] + [ln for ln in lines if b"_:" not in ln]


def _packed(graphs: dict[str, list[bytes]]) -> Iterator[dict[str, list[bytes]]]:
    """The graphs' lines in requests of at most UPDATE_CHUNK lines (a graph's blank-node
    lines together). Virtuoso's SPARQL parser runs out of memory on a few thousand triples."""
    request: dict[str, list[bytes]] = {}
    size = 0
    for iri, lines in graphs.items():
        blank = sum(1 for ln in lines if b"_:" in ln)
        ordered = _blank_first(lines)
        pieces = [ordered[:blank]] if blank else []
        pieces += [ordered[i : i + UPDATE_CHUNK] for i in range(blank, len(ordered), UPDATE_CHUNK)]
        for piece in pieces:
            if size and size + len(piece) > UPDATE_CHUNK:
                yield request
                request, size = {}, 0
            request.setdefault(iri, []).extend(piece)
            size += len(piece)
    if request:
        yield request


def _insert(graphs: dict[str, list[bytes]]) -> str:
    """One request writing N-Triples lines into graphs: ``INSERT DATA``, or with blank nodes
    ``INSERT {…} WHERE {}`` (Virtuoso refuses blank nodes in ``INSERT DATA``; a template
    makes one new node per label for the request, as the data would)."""
    parts = []
    for iri, lines in graphs.items():
        triples = b"\n".join(lines).decode("utf-8")
        parts.append(f"GRAPH <{iri}> {{\n{triples}\n}}")
    body = "{\n" + "\n".join(parts) + "\n}"
    if any(b"_:" in line for lines in graphs.values() for line in lines):
        return f"INSERT {body} WHERE {{}}"
    return f"INSERT DATA {body}"


def _done(
    report: PushReport, into: list[str], iris: list[str], progress: Progress | None, what: str
) -> None:
    for iri in iris:
        into.append(iri)
        report.pending.remove(iri)
    if progress is not None:
        progress(what, iris)


def _silent(what: str, graphs: list[str]) -> None:
    """No one to tell."""


def push(
    settings: Settings,
    files: list[Path],
    version: str,
    progress: Progress | None = None,
    batch: int = BATCH,
    graphs: dict[str, LocalGraph] | None = None,
) -> PushReport:
    """Push the graphs in ``files`` (or ``graphs``, read from them already) as ``version`` to
    the store the settings name."""
    if graphs is None:
        graphs = read_graphs(files, settings.base_iri)
    http = Http(
        user=settings.store_user,
        password=settings.store_password.get_secret_value(),
        connect_timeout=settings.store_connect_timeout,
    )
    try:
        return Pusher(settings, http).push(graphs, version, progress, batch)
    finally:
        http.close()
