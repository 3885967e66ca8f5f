"""The embedded store: the built N-Quads loaded into pyoxigraph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..errors import BuildMissing, QueryError
from ..namespaces import PREFIXES
from ..output import NQUADS

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

DEFAULT_PREFIXES = PREFIXES


class EmbeddedStore:
    """A pyoxigraph store holding one version of the graph.

    Queries see the union of all named graphs as their default graph, so that users need
    no ``GRAPH`` clause; ``GRAPH ?g`` still tells which document a triple came from.
    """

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    @classmethod
    def from_files(cls, files: list[Path]) -> EmbeddedStore:
        store = ox.Store()
        for path in files:
            store.bulk_load(path=str(path), format=_format(path))
        return cls(store)

    def query(self, sparql: str) -> QueryResult:
        try:
            return self.store.query(
                sparql, use_default_graph_as_union=True, prefixes=DEFAULT_PREFIXES
            )
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None

    def select(self, sparql: str) -> list[dict[str, str]]:
        """Rows of a SELECT query as plain strings (unbound variables left out)."""
        result = self.query(sparql)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in result.variables]
        return [{n: sol[n].value for n in names if sol[n] is not None} for sol in result]

    def __len__(self) -> int:
        return len(self.store)


def _format(path: Path) -> ox.RdfFormat:
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    if fmt is None:
        raise QueryError(f"{path}: unknown RDF file type (use .nq, .nt, .ttl, .trig)")
    return fmt


def open_build(build_dir: Path) -> EmbeddedStore:
    """The graph written by ``bkg build`` in ``build_dir``."""
    nq = build_dir / NQUADS
    if not nq.exists():
        raise BuildMissing(f"no built graph at {nq}; run `bkg build` first")
    return EmbeddedStore.from_files([nq])
