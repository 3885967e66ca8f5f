"""Write the built graph: N-Quads (Turtle, JSON-LD on request), a manifest and the checks.

N-Quads terms are written as pyoxigraph prints them, escaping what the format requires
(quote, backslash, CR, LF, every C0 control). We also escape the characters that other
tools take for line breaks — NEL (U+0085) and every C1 control, the line and paragraph
separators (U+2028, U+2029) — as ``\\uXXXX``, which N-Quads allows in literals and IRIs
alike. So a file line is exactly one quad, whatever a document contains, and the file is
split only on ``\\n``.

A build writes millions of lines, so :func:`block_terms` writes them term by term: each
term's text is the engine's own (pyoxigraph validates the IRI, language tag or blank node
and prints the term in N-Triples syntax, escaping what the format requires), kept per IRI,
language and datatype, and a line is those texts joined by spaces. Nothing is parsed back:
every term was made by the engine, and a literal is the only term that can hold a line break,
escaped by the engine (CR, LF) or here (the others). Turtle, JSON-LD and JSON files are
parsed back (:func:`verify`).
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
from rdflib import BNode, Literal, URIRef
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


#: pyoxigraph IRIs by rdflib IRI: a build names the same predicates, classes and entities
#: hundreds of thousands of times.
_NAMED: dict[str, Any] = {}


def ox_term(term: Node) -> Any:
    """The pyoxigraph term for an rdflib term."""
    if type(term) is URIRef:
        found = _NAMED.get(term)
        if found is None:
            if len(_NAMED) > 1 << 18:
                _NAMED.clear()
            found = _NAMED[term] = ox.NamedNode(str(term))
        return found
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox_term(term.datatype))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


class _TermText:
    """The N-Triples text of rdflib terms, as pyoxigraph prints them (see the module's doc)."""

    def __init__(self) -> None:
        self.named: dict[str, str] = {}  # IRI -> "<IRI>"
        self.suffix: dict[tuple[str | None, str | None], str] = {}  # -> '@ja', '^^<…>' or ''

    def __call__(self, term: Node) -> str:
        kind = type(term)  # the exact classes first: an isinstance check costs more
        if kind is URIRef:
            found = self.named.get(term)  # type: ignore[call-overload]
            return self._iri(term) if found is None else found  # type: ignore[arg-type]
        if kind is Literal:
            return self._literal(term)  # type: ignore[arg-type]
        if isinstance(term, URIRef):
            return self._iri(term)
        if isinstance(term, Literal):
            return self._literal(term)
        if isinstance(term, BNode):
            return str(ox.BlankNode(str(term)))
        raise TypeError(f"not an RDF term: {term!r}")

    def _iri(self, term: URIRef) -> str:
        if len(self.named) > 1 << 18:
            self.named.clear()
        found = self.named[term] = str(ox.NamedNode(str(term)))
        return found

    def _literal(self, term: Literal) -> str:
        language, datatype = term.language, term.datatype
        suffix = self.suffix.get((language, datatype))
        if suffix is None:
            kind = ox.Literal("", language=language) if language else ox.Literal("")
            if datatype is not None and not language:
                kind = ox.Literal("", datatype=ox.NamedNode(str(datatype)))
            suffix = self.suffix[(language, datatype)] = str(kind)[2:]  # after '""'
        text = str(ox.Literal(str(term)))
        if _LINE_BREAKING.search(text):
            text = escape_line_breaks(text)
        return text + suffix


term_text = _TermText()


def block_terms(
    triples: Iterable[tuple[Node, Node, Node]], graph: str
) -> tuple[bytes, list[tuple[str, str, str]]]:
    """The N-Quads lines of ``triples`` in the named graph ``graph`` — sorted (by code point,
    which is the order of their UTF-8 bytes), without duplicates, each ending in a newline —
    and the text of each line's subject, predicate and object, in the same order."""
    text, named, suffixes = term_text, term_text.named, term_text.suffix
    name = f" {text(URIRef(graph))} .\n"
    lines = {}
    for s, p, o in triples:  # term_text, with its commonest cases written out here
        ts = named.get(s) if type(s) is URIRef else None
        if ts is None:
            ts = text(s)
        tp = named.get(p)  # type: ignore[call-overload]
        if tp is None:
            tp = text(p)
        to = named.get(o) if type(o) is URIRef else None
        if to is None and type(o) is Literal:  # a language or datatype seen before
            suffix = suffixes.get((o.language, o.datatype))
            if suffix is not None:
                to = str(ox.Literal(str(o)))
                if _LINE_BREAKING.search(to):
                    to = escape_line_breaks(to)
                to += suffix
        if to is None:
            to = text(o)
        lines[f"{ts} {tp} {to}{name}"] = (ts, tp, to)
    order = sorted(lines)
    return "".join(order).encode("utf-8"), [lines[line] for line in order]


def escape_line_breaks(text: str) -> str:
    """``text`` with every character a reader might split a line on written as ``\\uXXXX``."""
    return _LINE_BREAKING.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


def _union_triples(nquads: Path) -> list[ox.Triple]:
    """The triples of every named graph in ``nquads``, once each, in line order."""
    lines: set[str] = set()
    with nquads.open(encoding="utf-8") as fh:
        for line in fh:  # a line ends `<graph> .`; an IRI holds no space
            lines.add(line.rstrip("\n").rsplit(" ", 2)[0] + " .\n")
    text = "".join(sorted(lines))
    return [q.triple for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]


def turtle_bytes(nquads: Path) -> bytes:
    """All named graphs merged, as Turtle with the project's prefixes, subjects in order."""
    data = ox.serialize(
        _union_triples(nquads),
        format=ox.RdfFormat.TURTLE,
        prefixes={p: str(ns) for p, ns in PREFIXES.items()},
    )
    assert data is not None
    return data


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: The JSON-LD context of ``kg.jsonld``: the project's prefixes, nothing else.
CONTEXT = {p: str(ns) for p, ns in sorted(PREFIXES.items())}


def _compact(iri: str) -> str:
    best = ""
    for prefix, ns in CONTEXT.items():
        if iri.startswith(ns) and len(ns) > len(CONTEXT.get(best, "")):
            best = prefix
    rest = iri[len(CONTEXT[best]) :] if best else ""
    return f"{best}:{rest}" if best and rest and not rest.startswith("//") else iri


def _value(term: Any) -> Any:
    if isinstance(term, ox.NamedNode):
        return {"@id": _compact(term.value)}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return term.value
    return {"@value": term.value, "@type": _compact(term.datatype.value)}


def jsonld_bytes(nquads: Path) -> bytes:
    """All named graphs merged, as compact JSON-LD: a ``@context`` of the project's prefixes
    (see README) and one node object per subject, keys and arrays in a stable order."""
    nodes: dict[str, dict[str, Any]] = {}
    for t in _union_triples(nquads):
        s = t.subject
        if isinstance(s, ox.Triple):
            raise OutputCorrupt("an RDF-star triple term in the graph")
        ident = f"_:{s.value}" if isinstance(s, ox.BlankNode) else _compact(s.value)
        node = nodes.setdefault(ident, {"@id": ident})
        if str(t.predicate) == f"<{RDF_TYPE}>":
            node.setdefault("@type", []).append(_value(t.object)["@id"])
        else:
            node.setdefault(_compact(str(t.predicate)[1:-1]), []).append(_value(t.object))
    doc = {"@context": CONTEXT, "@graph": [nodes[k] for k in sorted(nodes)]}
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def dataset_version(nquads: bytes) -> str:
    """A short content hash that names this version of the graph."""
    return hashlib.sha256(nquads).hexdigest()[:16]


def verify(files: dict[str, bytes]) -> None:
    """Parse every RDF and JSON file back; raise OutputCorrupt naming the first that fails.

    The N-Quads file must also hold exactly one quad per line."""
    formats = {NQUADS: ox.RdfFormat.N_QUADS, TURTLE: ox.RdfFormat.TURTLE}
    formats[JSONLD] = ox.RdfFormat.JSON_LD
    for name, data in files.items():
        try:
            fmt = formats.get(name, ox.RdfFormat.TURTLE if name.endswith(".ttl") else None)
            if fmt is not None:
                quads = sum(1 for _ in ox.parse(io.BytesIO(data), format=fmt))
                lines = data.count(b"\n")
                if name == NQUADS and quads != lines:
                    raise ValueError(f"{quads} quads on {lines} lines")
            elif name.endswith(".json"):
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
