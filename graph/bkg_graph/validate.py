"""Check a graph against the SHACL shapes of ``ontology/shapes.ttl`` with pySHACL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH

from . import paths


@dataclass(frozen=True)
class Violation:
    shape: str
    focus: str
    path: str
    message: str
    severity: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: {self.focus}{where}: {self.message} [{self.shape}]"


@dataclass(frozen=True)
class Report:
    conforms: bool
    violations: list[Violation]


def load_graph(path: Path) -> Graph:
    """Any RDF file as one graph (the union of its named graphs for N-Quads/TriG)."""
    fmt = {
        ".nq": "nquads",
        ".trig": "trig",
        ".ttl": "turtle",
        ".nt": "nt",
        ".jsonld": "json-ld",
    }.get(path.suffix, "turtle")
    if fmt in ("nquads", "trig", "json-ld"):
        ds = Dataset()
        ds.parse(path, format=fmt)
        union = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    g = Graph()
    g.parse(path, format=fmt)
    return g


def validate(data: Graph, *, ontology_dir: Path | None = None) -> Report:
    """Validate ``data`` (with the ontology mixed in for class hierarchy) against the shapes."""
    folder = ontology_dir or paths.ontology_dir()
    shapes = Graph().parse(folder / "shapes.ttl", format="turtle")
    ontology = Graph().parse(folder / "bkg.ttl", format="turtle")
    conforms, results, _ = shacl_validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    violations = []
    for r in results.subjects(RDF.type, SH.ValidationResult):

        def one(p: URIRef, r: object = r) -> str:
            v = results.value(r, p)
            return str(v) if v is not None else ""

        severity = one(SH.resultSeverity).rsplit("#", 1)[-1]
        violations.append(
            Violation(
                one(SH.sourceShape),
                one(SH.focusNode),
                one(SH.resultPath),
                one(SH.resultMessage),
                severity,
            )
        )
    violations.sort(key=lambda v: (v.shape, v.focus, v.path, v.message))
    return Report(bool(conforms), violations)
