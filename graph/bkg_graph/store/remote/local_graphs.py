"""The named graphs of RDF files as ``bkg push`` sends them: N-Triples lines and a content hash.

The lines are sorted and the hash is taken over them, so the same graph always has the same
hash (blank node labels are kept as the file writes them; ``bkg build`` writes canonical ones).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ...errors import InputError
from ..embedded import rdf_format
from . import published as meta


@dataclass(frozen=True)
class LocalGraph:
    """One graph to push: its N-Triples lines (sorted), their count and hash."""

    iri: str
    lines: list[bytes]
    digest: str

    @property
    def triples(self) -> int:
        return len(self.lines)


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
    for own in (meta.meta_iri(base), meta.union_iri(base)):
        if own in triples:
            raise InputError(f"the graph <{own}> is bkg push's own; rename it")
    graphs = {}
    for iri, items in triples.items():
        data = ox.serialize(items, format=ox.RdfFormat.N_TRIPLES)
        assert data is not None
        lines = sorted(set(data.splitlines()))
        digest = hashlib.sha256(b"\n".join(lines)).hexdigest()[:16]
        graphs[iri] = LocalGraph(iri, lines, digest)
    return graphs


def union_of(graphs: dict[str, LocalGraph], iri: str) -> LocalGraph:
    """Every triple of ``graphs`` in one graph (blank node labels are the file's, so a node
    shared by two graphs of the file stays one node)."""
    lines = sorted({line for g in graphs.values() for line in g.lines})
    return LocalGraph(iri, lines, hashlib.sha256(b"\n".join(lines)).hexdigest()[:16])
