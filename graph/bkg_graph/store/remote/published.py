"""The metadata graph ``bkg push`` keeps on a remote store: the version and the graphs there.

::

    GRAPH <{base}graph/meta> {
      <{base}graph/meta> owl:versionInfo "<dataset version>" ;
                         dcterms:modified "<when the last push finished>"^^xsd:dateTime ;
                         dcterms:hasPart <graph>, … .
      <graph> owl:versionInfo "<hash of its content>" ; void:triples <count> .
      <{base}graph/meta> sd:defaultGraph <{base}graph/union> .
      <{base}graph/union> owl:versionInfo "<hash of its content>" ; void:triples <count> .
    }

The union graph holds every triple of the graphs listed, copied into one graph: queries on a
shared store name it as their default graph (``BKG_STORE_DATASET=union``), which engines
answer as fast as their own default graph, where a dataset listing our graphs one by one
costs them up to ten times as much. It is not one of the graphs listed (``hasPart``), so it
never appears as a named graph.

The dataset version is the manifest's. While a push is switching graphs it reads
``<new version>~<push id>.<n>``, so every state of the store has its own version (and answers
cached for one state are never served for another). Each switch of a graph updates these
triples in the same SPARQL Update request, so they always describe the graphs as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

OWL_VERSION = "http://www.w3.org/2002/07/owl#versionInfo"
HAS_PART = "http://purl.org/dc/terms/hasPart"
MODIFIED = "http://purl.org/dc/terms/modified"
TRIPLES = "http://rdfs.org/ns/void#triples"
XSD = "http://www.w3.org/2001/XMLSchema#"
DEFAULT_GRAPH = "http://www.w3.org/ns/sparql-service-description#defaultGraph"


@dataclass(frozen=True)
class Published:
    """What the metadata graph says is on the store."""

    version: str
    graphs: tuple[str, ...] = ()
    hashes: dict[str, str] = field(default_factory=dict)
    #: the union graph and its content hash, when the push made one
    union: str | None = None
    union_hash: str | None = None


def graph_space(base: str) -> str:
    """Graphs whose IRI starts with this belong to bilateral-kg; ``bkg push`` replaces them."""
    return (base if base.endswith("/") else base + "/") + "graph/"


def meta_iri(base: str) -> str:
    return graph_space(base) + "meta"


def union_iri(base: str) -> str:
    return graph_space(base) + "union"


def staging_iri(base: str, push_id: str, n: int) -> str:
    """Where a push uploads a graph before switching it in (removed by the next push if left)."""
    return f"{graph_space(base)}push-{push_id}/{n}"


def read_query(meta: str) -> str:
    return (
        f"SELECT ?version ?part ?hash ?union ?unionHash WHERE {{ GRAPH <{meta}> {{ "
        f"<{meta}> <{OWL_VERSION}> ?version OPTIONAL {{ "
        f"{{ <{meta}> <{HAS_PART}> ?part OPTIONAL {{ ?part <{OWL_VERSION}> ?hash }} }} UNION "
        f"{{ <{meta}> <{DEFAULT_GRAPH}> ?union OPTIONAL {{ ?union <{OWL_VERSION}> ?unionHash }} "
        "} } } }"
    )


def owned_query(space: str) -> str:
    """Every graph on the store under ``space``, with its number of triples."""
    return (
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{space}")) }} GROUP BY ?g'
    )


def parse(rows: list[dict[str, str]]) -> Published | None:
    """The metadata from the rows of :func:`read_query` (None: nothing pushed yet)."""
    versions = sorted({r["version"] for r in rows if "version" in r})
    if not versions:
        return None
    graphs = sorted({r["part"] for r in rows if "part" in r})
    hashes = {r["part"]: r["hash"] for r in rows if "part" in r and "hash" in r}
    union = next((r for r in rows if "union" in r), None)
    if union is None:
        return Published(versions[-1], tuple(graphs), hashes)
    return Published(versions[-1], tuple(graphs), hashes, union["union"], union.get("unionHash"))


def switch_update(meta: str, moves: list[tuple[str, str, str, int]], state: str) -> str:
    """One request: each staged graph replaces its graph, and the metadata says so.

    ``moves`` holds (staged graph, graph, content hash, triples).
    """
    ops = [f"MOVE <{staged}> TO <{graph}>" for staged, graph, _, _ in moves]
    ops += [_forget(meta, graph) for _, graph, _, _ in moves]
    ops.append(_set_version(meta, state))
    facts = " ".join(
        f"<{meta}> <{HAS_PART}> <{graph}> . "
        f'<{graph}> <{OWL_VERSION}> "{digest}" ; <{TRIPLES}> {triples} .'
        for _, graph, digest, triples in moves
    )
    ops.append(f"INSERT DATA {{ GRAPH <{meta}> {{ {facts} }} }}")
    return " ;\n".join(ops)


def drop_update(meta: str, graphs: list[str], state: str) -> str:
    """One request: ``graphs`` are removed from the store and from the metadata."""
    ops = [f"DROP SILENT GRAPH <{graph}>" for graph in graphs]
    ops += [_forget(meta, graph) for graph in graphs]
    ops += [
        f"DELETE WHERE {{ GRAPH <{meta}> {{ <{meta}> <{HAS_PART}> <{graph}> }} }}"
        for graph in graphs
    ]
    ops.append(_set_version(meta, state))
    return " ;\n".join(ops)


def finish_update(
    meta: str,
    version: str,
    graphs: dict[str, tuple[str, int]],
    union: tuple[str, str, str, int] | None = None,
) -> str:
    """The last request of a push: the metadata rewritten for ``graphs`` (hash, triples).

    ``union`` (staged graph, union graph, content hash, triples) is kept: switched in by the
    same request when staged, else left as it is (its content unchanged)."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [
        f'<{meta}> <{OWL_VERSION}> "{version}" .',
        f'<{meta}> <{MODIFIED}> "{now}"^^<{XSD}dateTime> .',
    ]
    for graph, (digest, triples) in sorted(graphs.items()):
        lines.append(f"<{meta}> <{HAS_PART}> <{graph}> .")
        lines.append(f'<{graph}> <{OWL_VERSION}> "{digest}" ; <{TRIPLES}> {triples} .')
    ops = []
    if union is not None:
        staged, graph, digest, triples = union
        if staged:
            ops.append(f"MOVE <{staged}> TO <{graph}>")
        lines.append(f"<{meta}> <{DEFAULT_GRAPH}> <{graph}> .")
        lines.append(f'<{graph}> <{OWL_VERSION}> "{digest}" ; <{TRIPLES}> {triples} .')
    body = "\n".join(lines)
    ops.append(f"DROP SILENT GRAPH <{meta}> ;\nINSERT DATA {{ GRAPH <{meta}> {{\n{body}\n}} }}")
    return " ;\n".join(ops)


def _forget(meta: str, graph: str) -> str:
    return f"DELETE WHERE {{ GRAPH <{meta}> {{ <{graph}> ?p ?o }} }}"


def _set_version(meta: str, version: str) -> str:
    return (
        f"DELETE WHERE {{ GRAPH <{meta}> {{ <{meta}> <{OWL_VERSION}> ?v }} }} ;\n"
        f'INSERT DATA {{ GRAPH <{meta}> {{ <{meta}> <{OWL_VERSION}> "{version}" }} }}'
    )
