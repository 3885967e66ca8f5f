"""SHACL shapes, run both ways on the example files in tests/data/shapes/."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from bkg_graph import paths
from bkg_graph.validate import validate

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "shapes"
INVALID = sorted(EXAMPLES.glob("invalid-*.ttl"))


def test_the_valid_example_conforms() -> None:
    report = validate(Graph().parse(EXAMPLES / "valid.ttl", format="turtle"))
    assert report.conforms, [str(v) for v in report.violations]


def test_there_is_an_invalid_example_per_rule() -> None:
    assert len(INVALID) >= 7


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_each_invalid_example_fails_with_its_message(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect:")
    expected = first.removeprefix("# expect:").strip()
    report = validate(Graph().parse(path, format="turtle"))
    assert not report.conforms
    assert any(expected in v.message for v in report.violations), [
        v.message for v in report.violations
    ]


def test_every_referenced_shape_exists() -> None:
    shapes = Graph().parse(paths.ontology_dir() / "shapes.ttl", format="turtle")
    defined = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    for prop in (SH.node, SH.property, SH.qualifiedValueShape):
        for ref in shapes.objects(None, prop):
            if isinstance(ref, URIRef):
                assert ref in defined, ref
