"""The embedded store in this process: pyoxigraph in memory, or one on-disk version read-only.

Queries run in the calling thread with no time limit, which suits the command line, notebooks
and tests; the server uses :class:`bkg_graph.store.served.ServedStore`, which runs them in
worker processes it can stop. Queries see the union of all named graphs as their default
graph, so that users need no ``GRAPH`` clause; ``GRAPH ?g`` still tells which document a
triple came from. The standard prefixes (``bkg:``, ``rdfs:``, …) are predeclared.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox

from ..errors import BuildMissing, InputError
from ..namespaces import PREFIXES
from ..output import MANIFEST, NQUADS, read_manifest
from ..transaction import reader_lock
from .base import QueryAnswer, QueryRequest
from .execute import execute
from .methods import QueryMethods

DEFAULT_PREFIXES = PREFIXES

#: File name extensions ``bkg serve --data`` and :meth:`EmbeddedStore.from_files` read.
RDF_EXTENSIONS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
}


class EmbeddedStore(QueryMethods):
    """A pyoxigraph store holding one version of the graph, queried in this process."""

    def __init__(self, store: ox.Store, version: str = "unversioned") -> None:
        self.store = store
        self._version = version

    @classmethod
    def from_files(cls, files: list[Path]) -> EmbeddedStore:
        """An in-memory store of RDF files (Turtle, N-Triples, N-Quads, TriG)."""
        store = ox.Store()
        for path in files:
            load_file(store, path)
        return cls(store, files_version(files))

    @classmethod
    def read_only(cls, path: Path, version: str) -> EmbeddedStore:
        return cls(ox.Store.read_only(str(path)), version)

    @property
    def version(self) -> str:
        return self._version

    def query(self, request: QueryRequest) -> QueryAnswer:
        return execute(self.store, request, DEFAULT_PREFIXES)

    def close(self) -> None:
        return None

    def __len__(self) -> int:
        return len(self.store)


def rdf_format(path: Path) -> ox.RdfFormat:
    fmt = RDF_EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown RDF file type (use .ttl, .nt, .nq or .trig)")
    return fmt


def load_file(store: ox.Store, path: Path) -> None:
    """Bulk-load one RDF file; a file that does not parse is an InputError naming it."""
    fmt = rdf_format(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        store.bulk_load(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
    except SyntaxError as exc:
        raise InputError(f"{path}: {exc}") from None


def files_version(files: list[Path]) -> str:
    """A content hash naming the graph made of these files."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.suffix.lower().encode() + b"\0")
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def open_build(build_dir: Path) -> EmbeddedStore:
    """The graph written by ``bkg build`` in ``build_dir``, loaded into memory."""
    nq = build_dir / NQUADS
    if not nq.exists():
        raise BuildMissing(f"no built graph at {nq}; run `bkg build` first")
    store = ox.Store()
    with reader_lock(build_dir):  # an ingest changes kg.nq in place
        load_file(store, nq)
        version = read_manifest(build_dir)["version"] if (build_dir / MANIFEST).exists() else None
    return EmbeddedStore(store, str(version or files_version([nq])))
