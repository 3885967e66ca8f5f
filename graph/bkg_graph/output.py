"""Write the built graph: N-Quads (and Turtle, JSON-LD), a manifest, each parsed back first.

N-Quads is written by pyoxigraph, which escapes what the format requires (quote, backslash,
CR, LF, every C0 control). We also escape the characters that other tools take for line
breaks — NEL (U+0085) and every C1 control, the line and paragraph separators (U+2028,
U+2029) — as ``\\uXXXX``, which N-Quads allows in literals and IRIs alike. So a file line is
exactly one quad, whatever a document contains, and the file is split only on ``\\n``.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from .namespaces import PREFIXES
from .transaction import write_file

NQUADS = "kg.nq"
TURTLE = "kg.ttl"
JSONLD = "kg.jsonld"
MANIFEST = "manifest.json"

#: Characters some readers treat as line breaks although N-Quads does not require escaping them.
_LINE_BREAKING = re.compile("[\u0080-\u009f\u2028\u2029]")


class OutputCorrupt(RuntimeError):
    """A file the build made does not parse back: a bug (a 500), never switched in."""


def ox_term(term: Node) -> Any:
    """The pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def escape_line_breaks(text: str) -> str:
    """``text`` with every character a reader might split a line on written as ``\\uXXXX``."""
    return _LINE_BREAKING.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


def nquad_lines(quads: Iterable[ox.Quad]) -> list[str]:
    """One N-Quads line per quad (without its newline), sorted and without duplicates."""
    data = ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS)
    assert data is not None  # no output file given: the bytes are returned
    text = escape_line_breaks(data.decode("utf-8"))
    return sorted({ln for ln in text.split("\n") if ln})


def dataset_quads(ds: Dataset) -> list[ox.Quad]:
    out: list[ox.Quad] = []
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        assert isinstance(name, URIRef | BNode)
        out.append(ox.Quad(ox_term(s), ox_term(p), ox_term(o), ox_term(name)))
    return out


def serialize(ds: Dataset) -> dict[str, bytes]:
    """The three serialisations, deterministic for the same dataset."""
    lines = nquad_lines(dataset_quads(ds))
    nquads = ("\n".join(lines) + "\n").encode("utf-8")
    union = Graph()
    for prefix, ns in PREFIXES.items():
        union.bind(prefix, ns, replace=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    turtle = union.serialize(format="turtle").encode("utf-8")
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, replace=True)
    jsonld = _canonical_json(json.loads(ds.serialize(format="json-ld")))
    return {NQUADS: nquads, TURTLE: turtle, JSONLD: jsonld}


def _sorted(value: Any) -> Any:
    """JSON-LD with every array in a stable order (rdflib's follows its store's iteration)."""
    if isinstance(value, dict):
        return {
            k: [_sorted(v) for v in vs] if k == "@list" and isinstance(vs, list) else _sorted(vs)
            for k, vs in value.items()
        }
    if isinstance(value, list):
        items = [_sorted(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _canonical_json(doc: Any) -> bytes:
    text = json.dumps(_sorted(doc), ensure_ascii=False, indent=1, sort_keys=True)
    return (text + "\n").encode("utf-8")


def dataset_version(nquads: bytes) -> str:
    """A short content hash that names this version of the graph."""
    return hashlib.sha256(nquads).hexdigest()[:16]


def verify(files: dict[str, bytes]) -> None:
    """Parse every RDF and JSON file back; raise OutputCorrupt naming the first that fails.

    The N-Quads file must also hold exactly one quad per line."""
    formats = {NQUADS: ox.RdfFormat.N_QUADS, TURTLE: ox.RdfFormat.TURTLE}
    for name, data in files.items():
        try:
            if name in formats:
                quads = sum(1 for _ in ox.parse(io.BytesIO(data), format=formats[name]))
                lines = data.count(b"\n")
                if name == NQUADS and quads != lines:
                    raise ValueError(f"{quads} quads on {lines} lines")
            elif name.endswith((".json", ".jsonld")):
                json.loads(data)
        except (SyntaxError, ValueError) as exc:
            raise OutputCorrupt(f"{name} does not parse back: {exc}") from exc


def write_atomically(out_dir: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` into ``out_dir``, each complete before it is renamed into place.

    New files get the usual permissions (the umask applies), not a temporary file's 0600."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in files.items():
            tmp = out_dir / f".{name}.{uuid.uuid4().hex[:8]}.tmp"
            write_file(tmp, data)
            staged.append((name, tmp))
        for name, tmp in staged:
            os.replace(tmp, out_dir / name)
    finally:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def read_manifest(out_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    return data
