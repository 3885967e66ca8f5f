"""The built graph: named graphs, IRIs, provenance, derived edges, determinism, atomic output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from followup_corpus import write_councils
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF
from waiting import until

from bkg_graph import paths
from bkg_graph.corpus import discover
from bkg_graph.errors import DocumentError
from bkg_graph.ingest import apply_ingest, plan_ingest
from bkg_graph.kg import BuildResult, build_kg, ensure_build
from bkg_graph.namespaces import BKG, OA
from bkg_graph.pipeline import readers
from bkg_graph.registry import Registry, load_registry
from bkg_graph.settings import Settings
from bkg_graph.store import open_build
from bkg_graph.transaction import writer_lock
from bkg_graph.validate import load_graph, validate

BASE = "https://w3id.org/bilateral-kg/id/"
DOC = "jp-uk-dp-2024-progress-ja"
STATEMENT_B = URIRef(f"{BASE}statement/{DOC}/digital-infrastructure/vendor-diversification/b")


@pytest.fixture(scope="module")
def union(built: BuildResult) -> Graph:
    """All named graphs as one graph (a Dataset's own lookups see only its default graph)."""
    g = Graph()
    for s, p, o, _ in built.dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def test_named_graphs(built: BuildResult) -> None:
    names = {str(g.identifier) for g in built.dataset.graphs() if len(g)}
    assert names == {
        f"{BASE}graph/ontology",
        f"{BASE}graph/registry",
        f"{BASE}graph/document/{DOC}",
        f"{BASE}graph/derived",
        f"{BASE}graph/derived/{DOC}",
        f"{BASE}graph/history/{DOC}",
    }


def test_statement_iris_come_from_locators(union: Graph) -> None:
    ds = union
    assert (STATEMENT_B, RDF.type, BKG.Statement) in ds
    assert (STATEMENT_B, BKG.letter, Literal("b")) in ds
    sub = URIRef(f"{BASE}statement/{DOC}/digital-transformation/digital-government/c/ii")
    parent = URIRef(f"{BASE}statement/{DOC}/digital-transformation/digital-government/c")
    assert (sub, BKG.parent, parent) in ds


def test_spans_quote_the_source(union: Graph) -> None:
    source = (paths.corpus_dir() / DOC / "document.txt").read_text(encoding="utf-8")
    ds = union
    spans = list(ds.subjects(RDF.type, BKG.TextSpan))
    assert len(spans) > 100
    for span in spans:
        start = int(ds.value(span, OA.start))  # type: ignore[arg-type]
        end = int(ds.value(span, OA.end))  # type: ignore[arg-type]
        assert str(ds.value(span, OA.exact)) == source[start:end]


def test_mentions_cite_their_words(union: Graph) -> None:
    source = (paths.corpus_dir() / DOC / "document.txt").read_text(encoding="utf-8")
    ds = union
    gcot = URIRef(f"{BASE}initiative/gcot")
    mentions = list(ds.subjects(BKG.entity, gcot))
    assert len(mentions) == 3  # "(GCOT)" after the full name is a gloss, not a fourth link
    for m in mentions:
        start, end = int(ds.value(m, OA.start)), int(ds.value(m, OA.end))  # type: ignore[arg-type]
        assert source[start:end] == str(ds.value(m, BKG.surface))


def test_derived_edges_are_traced_to_statements(build_dir: Path) -> None:
    store = open_build(build_dir)
    rows = store.select(
        f"""SELECT ?s WHERE {{ ?p a bkg:Participation ; bkg:agent <{BASE}agency/mic> ;
        bkg:initiative <{BASE}initiative/gcot> ; prov:wasDerivedFrom ?s }}"""
    )
    assert [r["s"] for r in rows] == [str(STATEMENT_B)]
    rows = store.select(
        f"SELECT ?w WHERE {{ ?c a bkg:CoParticipation ; bkg:agent <{BASE}agency/meti>, "
        f"<{BASE}agency/dsit> ; bkg:weight ?w }}"
    )
    # METI and DSIT act together in 26 statements: 20 as members of 日英関係省庁 and 6 of
    # their own (vendor diversification f, cyber resilience a, semiconductors a, c, d, e)
    assert [r["w"] for r in rows] == ["26"]


def test_agencies_sharing_initiatives(build_dir: Path) -> None:
    rows = open_build(build_dir).select(
        f"""SELECT DISTINCT ?i WHERE {{ <{BASE}agency/meti> bkg:participatesIn ?i .
           <{BASE}agency/dsit> bkg:participatesIn ?i }} ORDER BY ?i"""
    )
    shared = [r["i"].rsplit("/", 1)[-1] for r in rows]
    # named or by reference; the Hiroshima AI Process only through 日英関係省庁
    assert shared == ["iot-security-mutual-recognition", "open-ran"]
    rows = open_build(build_dir).select(
        f"""SELECT DISTINCT ?i WHERE {{ <{BASE}agency/meti> bkg:associatedWith ?i .
           <{BASE}agency/dsit> bkg:associatedWith ?i }} ORDER BY ?i"""
    )
    assert "hiroshima-ai-process" in [r["i"].rsplit("/", 1)[-1] for r in rows]


def test_participation_records_carry_their_evidence(build_dir: Path) -> None:
    rows = open_build(build_dir).select(
        f"""SELECT ?agent ?kind ?surface ?start ?end WHERE {{
          ?p a bkg:Participation ; bkg:initiative <{BASE}initiative/gcot> ;
             bkg:agent ?agent ; bkg:evidence ?e .
          ?e bkg:evidenceKind/skos:notation ?kind ; bkg:surface ?surface ;
             oa:start ?start ; oa:end ?end }} ORDER BY ?agent"""
    )
    source = (paths.corpus_dir() / "jp-uk-dp-2024-progress-ja" / "document.txt").read_text(
        encoding="utf-8"
    )
    got = sorted((r["agent"].rsplit("/", 1)[-1], r["kind"], r["surface"]) for r in rows)
    # 両者 in the sentence naming GCOT; 日英関係省庁 as the subject of the statement's first
    assert got == [
        ("digital-agency", "collective", "日英関係省庁"),
        ("dsit", "collective", "日英関係省庁"),
        ("dsit", "reference", "両者"),
        ("meti", "collective", "日英関係省庁"),
        ("mic", "collective", "日英関係省庁"),
        ("mic", "reference", "両者"),
    ]
    for r in rows:
        assert source[int(r["start"]) : int(r["end"])] == r["surface"]


def test_conforms_to_the_shapes(build_dir: Path) -> None:
    report = validate(load_graph(build_dir / "kg.nq"))
    assert report.conforms, [str(v) for v in report.violations[:5]]


def test_build_is_byte_for_byte_reproducible(tmp_path: Path, build_dir: Path) -> None:
    """A second build in another process (other hash seed) writes identical files."""
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = tmp_path / "again"
    subprocess.run(
        [sys.executable, "-m", "bkg_api.cli", "build", "--quiet", "--out", str(out)],
        check=True, env=env, capture_output=True,
    )  # fmt: skip
    for name in ("kg.nq", "manifest.json"):
        assert (out / name).read_bytes() == (build_dir / name).read_bytes(), name


def test_a_failed_build_leaves_the_previous_output_untouched(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(paths.corpus_dir(), corpus)
    out = tmp_path / "out"
    build_kg(corpus=corpus, out_dir=out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (corpus / DOC / "document.txt").write_bytes(b"\xff\xfe broken")
    with pytest.raises(DocumentError, match="not valid UTF-8"):
        build_kg(corpus=corpus, out_dir=out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_base_iri_is_configurable(tmp_path: Path) -> None:
    from bkg_graph.settings import Settings

    result = build_kg(settings=Settings(base_iri="http://localhost:8000/kg/"))
    agencies = {str(s) for s, _, _, _ in result.dataset.quads((None, RDF.type, BKG.Agency, None))}
    assert "http://localhost:8000/kg/agency/dsit" in agencies
    assert not any(a.startswith(BASE) for a in agencies)


def test_every_statement_is_derived_from_its_document(union: Graph) -> None:
    ds = union
    doc = URIRef(f"{BASE}document/{DOC}")
    statements = set(ds.subjects(RDF.type, BKG.Statement))
    assert len(statements) == 48
    assert all((s, URIRef("http://purl.org/dc/terms/source"), doc) in ds for s in statements)
    assert PROV.wasDerivedFrom in set(ds.predicates())


JOINT = "jp-uk-dp-2025-joint-statement-en"
DOCS = Path(__file__).resolve().parents[1] / "data" / "documents"


def clean_build(corpus: Path, ontology: Path, out: Path) -> dict[str, bytes]:
    """A build with an empty cache, in a fresh folder: what incremental builds must equal."""
    build_kg(corpus=corpus, ontology=ontology, out_dir=out, formats=("nq", "ttl", "jsonld"))
    return {p.name: p.read_bytes() for p in out.iterdir()}


def test_incremental_builds_equal_clean_builds(tmp_path: Path, registry: Registry) -> None:
    """After an ingest, a registry edit and a document edit, only what changed is read, and
    every file is byte for byte what a clean build writes."""
    corpus, ontology, out = tmp_path / "corpus", tmp_path / "ontology", tmp_path / "work" / "build"
    shutil.copytree(paths.corpus_dir(), corpus)
    shutil.copytree(paths.ontology_dir(), ontology)
    first = build_kg(corpus=corpus, ontology=ontology, out_dir=out, formats=("nq", "ttl", "jsonld"))
    assert first.read == [DOC]
    n = 0

    def compare() -> None:
        nonlocal n
        n += 1
        clean = clean_build(corpus, ontology, tmp_path / f"clean{n}" / "build")
        assert {p.name: p.read_bytes() for p in out.iterdir()} == clean

    # 1. an ingest: only the new document is read
    meta = dict(tomllib.loads((DOCS / f"{JOINT}.toml").read_text(encoding="utf-8")))
    plan = plan_ingest(
        DOCS / f"{JOINT}.md", meta, corpus=corpus, settings=Settings(), registry=registry
    )
    with writer_lock(out, 10, corpus):
        result = apply_ingest(plan, corpus=corpus, out_dir=out, settings=Settings())
    assert result is not None and result.read == []  # the plan's reading was reused
    again = build_kg(corpus=corpus, ontology=ontology, out_dir=out, formats=("nq", "ttl", "jsonld"))
    assert again.up_to_date and again.read == []
    compare()
    # 2. a registry edit: every document depends on the registry, so all are read again
    agencies = next((ontology / "registry").glob("agenc*.toml"))
    agencies.write_text(agencies.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    result = build_kg(
        corpus=corpus, ontology=ontology, out_dir=out, formats=("nq", "ttl", "jsonld")
    )
    assert result.read == [DOC, JOINT]
    compare()
    # 3. a document edit: that document alone is read
    text = corpus / JOINT / "document.txt"
    text.write_text(
        text.read_text(encoding="utf-8").replace("twice a year", "thrice a year"), encoding="utf-8"
    )
    result = build_kg(
        corpus=corpus, ontology=ontology, out_dir=out, formats=("nq", "ttl", "jsonld")
    )
    assert result.read == [JOINT]
    assert b"thrice a year" in (out / "kg.nq").read_bytes()
    compare()


def test_only_the_requested_formats_are_written(tmp_path: Path) -> None:
    out = tmp_path / "build"
    build_kg(out_dir=out, formats=("nq", "ttl", "jsonld"))
    assert sorted(p.name for p in out.iterdir()) == [
        "kg.jsonld",
        "kg.nq",
        "kg.ttl",
        "manifest.json",
        "void.ttl",
    ]
    doc = json.loads((out / "kg.jsonld").read_bytes())
    assert doc["@context"]["bkg"] == str(BKG)
    statement = next(n for n in doc["@graph"] if n["@id"] == str(STATEMENT_B))
    assert statement["@type"] == ["bkg:Statement"]
    assert statement["bkg:letter"] == ["b"]
    build_kg(out_dir=out)
    assert sorted(p.name for p in out.iterdir()) == ["kg.nq", "manifest.json", "void.ttl"]


def test_a_named_build_of_another_corpus_is_served_as_built(tmp_path: Path) -> None:
    """`bkg serve --build DIR` never replaces DIR with a build of the bundled corpus: it says
    how the two differ and leaves the folder as it is."""
    out = tmp_path / "build"
    build_kg(out_dir=out)
    before = (out / "kg.nq").read_bytes()
    other = tmp_path / "other-corpus"
    shutil.copytree(paths.corpus_dir(), other)
    text = other / "jp-uk-dp-2024-progress-ja" / "document.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    said: list[str] = []
    assert ensure_build(out, other, Settings(), said.append, rebuild=False) is None
    assert (out / "kg.nq").read_bytes() == before
    (line,) = said
    assert line.startswith(f"{out} differs from {other} (")
    assert line.endswith(
        f"serving it as built (`bkg build --out {out} --corpus CORPUS` rebuilds it)"
    )


def test_a_parallel_build_equals_one_in_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten councils: read and assembled by worker processes, or all here, the same bytes;
    and an ingest of a council dated between them (which changes the follow-ups of the
    three after it) equals a clean build."""
    corpus = tmp_path / "corpus"
    write_councils(corpus, 10)
    assert len(discover(corpus)) >= readers.PARALLEL_FROM
    parallel = build_kg(corpus=corpus, out_dir=tmp_path / "p" / "build")
    assert parallel.read == sorted(f"council-{n}" for n in range(10))
    monkeypatch.setattr(readers, "PARALLEL_FROM", 1_000)
    here = build_kg(corpus=corpus, out_dir=tmp_path / "h" / "build")
    assert (tmp_path / "p" / "build" / "kg.nq").read_bytes() == (
        tmp_path / "h" / "build" / "kg.nq"
    ).read_bytes()
    assert parallel.manifest == here.manifest
    graphs = parallel.manifest["graphs"]
    assert any("/graph/derived/council-9" in g for g in graphs)
    # a council between council-4 (2034) and council-5 (2035)
    extra = tmp_path / "extra"
    write_councils(extra, 1, start=40)
    source = extra / "council-40"
    meta = tomllib.loads((source / "metadata.toml").read_text(encoding="utf-8"))
    meta["date"] = "2034-09-01"
    out = tmp_path / "p" / "build"
    registry = load_registry(paths.registry_dir())
    plan = plan_ingest(
        source / "document.txt", meta, corpus=corpus, settings=Settings(), registry=registry
    )
    inode = (out / "kg.nq").stat().st_ino
    with writer_lock(out, 10, corpus):
        result = apply_ingest(plan, corpus=corpus, out_dir=out, settings=Settings())
    assert result is not None and result.read == []
    assert (out / "kg.nq").stat().st_ino == inode  # changed in place from council-40's place on
    # documents are in date order: council-40's graphs come where council-5's were
    first = min(d["offset"] for g, d in result.manifest["graphs"].items() if "council-40" in g)
    assert first == graphs["https://w3id.org/bilateral-kg/id/graph/document/council-5"]["offset"]
    changed = {
        g
        for g, d in result.manifest["graphs"].items()
        if graphs.get(g, {}).get("sha256") != d["sha256"]
    }
    base = "https://w3id.org/bilateral-kg/id/graph/"
    assert changed == {
        f"{base}derived",
        *(f"{base}{kind}/council-40" for kind in ("document", "history", "derived")),
        *(f"{base}derived/council-{n}" for n in (5, 6, 7)),
    }
    # the cache holds what this build used: eleven documents, their history and shares, and
    # the ontology
    cache = out.parent / f".{out.name}.cache"
    entries = [p for p in cache.glob("*.json") if not p.name.endswith(".block.json")]
    assert (len(entries), len(list(cache.glob("*.block.json")))) == (11, 23)
    # what went was moved aside and is removed by a process of its own
    assert until(lambda: not list(cache.glob(".trash-*")))
    # then the newest council: only the end of kg.nq is written (in place)
    write_councils(extra, 1, start=41)
    meta = tomllib.loads((extra / "council-41" / "metadata.toml").read_text(encoding="utf-8"))
    meta["date"] = "2099-01-01"
    plan = plan_ingest(
        extra / "council-41" / "document.txt",
        meta,
        corpus=corpus,
        settings=Settings(),
        registry=registry,
    )
    before, inode = result.manifest["graphs"], (out / "kg.nq").stat().st_ino
    with writer_lock(out, 10, corpus):
        result = apply_ingest(plan, corpus=corpus, out_dir=out, settings=Settings())
    assert result is not None and (out / "kg.nq").stat().st_ino == inode  # changed in place
    first = min(d["offset"] for g, d in result.manifest["graphs"].items() if "council-41" in g)
    assert first == before[f"{base}derived"]["offset"]  # the sum was last; the council is now
    clean = build_kg(corpus=corpus, out_dir=tmp_path / "c" / "build")
    for name in ("kg.nq", "void.ttl", "manifest.json"):
        assert (out / name).read_bytes() == (tmp_path / "c" / "build" / name).read_bytes()
    assert clean.manifest["version"] == result.manifest["version"]


def test_a_document_refused_in_a_worker_fails_the_build_and_writes_nothing(
    tmp_path: Path,
) -> None:
    """In worker processes as in this one, a document that cannot be read stops the build
    with its message, and no build folder is written."""
    corpus = tmp_path / "corpus"
    write_councils(corpus, 10)
    text = corpus / "council-6" / "document.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\nbad \x01 control\n", encoding="utf-8")
    assert len(discover(corpus)) >= readers.PARALLEL_FROM
    with pytest.raises(DocumentError, match=r"council-6/document.txt:\d+: control character"):
        build_kg(corpus=corpus, out_dir=tmp_path / "build")
    assert not (tmp_path / "build").exists()
