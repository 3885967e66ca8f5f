"""Ingesting further documents: English and Japanese, idempotent, versioned, translations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from bkg_graph import paths
from bkg_graph.errors import DocumentError, InputError
from bkg_graph.ingest import apply_ingest, ingest_all, plan_ingest
from bkg_graph.kg import build_kg
from bkg_graph.registry import Registry
from bkg_graph.settings import Settings
from bkg_graph.store import open_build

DOCS = Path(__file__).resolve().parents[1] / "data" / "documents"
BASE = "https://w3id.org/bilateral-kg/id/"
JOINT = "jp-uk-dp-2025-joint-statement-en"


def fields(name: str) -> dict[str, object]:
    import tomllib

    return dict(tomllib.loads((DOCS / f"{name}.toml").read_text(encoding="utf-8")))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(paths.corpus_dir(), folder)
    return folder


def ingest(corpus: Path, out: Path, registry: Registry, name: str, source: Path | None = None):  # type: ignore[no-untyped-def]
    path = source or DOCS / f"{name}.md"
    plan = plan_ingest(path, fields(name), corpus=corpus, settings=Settings(), registry=registry)
    return plan, apply_ingest(plan, corpus=corpus, out_dir=out, settings=Settings())


def test_an_english_statement_joins_the_same_entities(
    corpus: Path, tmp_path: Path, registry: Registry
) -> None:
    out = tmp_path / "build"
    plan, result = ingest(corpus, out, registry, JOINT)
    assert plan.status == "new" and result is not None
    assert [c.kind for c in plan.changes] == ["added"] * 10
    store = open_build(out)
    # GCOT is one node, named in Japanese in 2024 and in English in 2025
    rows = store.select(
        f"""SELECT DISTINCT ?doc WHERE {{ ?s bkg:concerns <{BASE}initiative/gcot> ;
        dcterms:source ?doc }} ORDER BY ?doc"""
    )
    assert [r["doc"].rsplit("/", 1)[-1] for r in rows] == ["jp-uk-dp-2024-progress-ja", JOINT]
    # "the Participants" is defined in the text as DSIT, MIC, METI and the Digital Agency
    rows = store.select(
        f"""SELECT ?a WHERE {{ <{BASE}statement/{JOINT}/digital-infrastructure/vendor-diversification/a>
        bkg:actor ?a }} ORDER BY ?a"""
    )
    assert [r["a"].rsplit("/", 1)[-1] for r in rows] == ["digital-agency", "dsit", "meti", "mic"]
    rows = store.select(
        f"""SELECT ?v ?c ?up WHERE {{ <{BASE}statement/{JOINT}/digital-infrastructure/vendor-diversification/c>
        bkg:amount [ bkg:amountValue ?v ; bkg:currency ?c ; bkg:upperBound ?up ] }}"""
    )
    assert rows == [{"v": "2000000", "c": "GBP", "up": "true"}]
    assert (
        "Quantum Technology Partnership",
        "Pillar 1: Digital infrastructure and technologies › Semiconductors › b",
    ) in [(t, loc) for t, loc, _ in plan.record.candidates]


def test_ingesting_the_same_document_again_changes_nothing(
    corpus: Path, tmp_path: Path, registry: Registry
) -> None:
    out = tmp_path / "build"
    ingest(corpus, out, registry, JOINT)
    before = {p: p.read_bytes() for p in [*out.iterdir(), *(corpus / JOINT).iterdir()]}
    plan, result = ingest(corpus, out, registry, JOINT)
    assert (plan.status, result) == ("unchanged", None)
    assert {p: p.read_bytes() for p in before} == before


def test_a_new_version_replaces_the_graph_and_keeps_its_history(
    corpus: Path, tmp_path: Path, registry: Registry
) -> None:
    out = tmp_path / "build"
    ingest(corpus, out, registry, JOINT)
    text = (DOCS / f"{JOINT}.md").read_text(encoding="utf-8")
    edited = (
        text.replace("twice a year", "three times a year").replace(
            "b. UKRI and JST plan to explore a Quantum Technology Partnership covering semiconductor research.\n",
            "",
        )
        + "c. The Participants will review this statement in 2026.\n"
    )
    source = tmp_path / f"{JOINT}.md"
    source.write_text(edited, encoding="utf-8")
    plan, result = ingest(corpus, out, registry, JOINT, source)
    assert plan.status == "updated" and result is not None
    assert [(c.kind, "/".join(c.path)) for c in plan.changes] == [
        ("changed", "digital-infrastructure/vendor-diversification/b"),
        ("added", "data/data/c"),
        ("removed", "digital-infrastructure/semiconductors/b"),
    ]
    assert (corpus / JOINT / "history.toml").exists()
    assert len(list((corpus / JOINT / "history").iterdir())) == 1
    store = open_build(out)
    rows = store.select(
        f"""SELECT ?n ?type ?old ?new WHERE {{ <{BASE}document/{JOINT}> bkg:version ?v .
        ?v bkg:versionNumber ?n ; bkg:change ?c . ?c bkg:changeType ?type .
        OPTIONAL {{ ?c bkg:previousText ?old }} OPTIONAL {{ ?c bkg:newText ?new }} }} ORDER BY ?type"""
    )
    assert [(r["n"], r["type"]) for r in rows] == [
        ("2", "added"),
        ("2", "changed"),
        ("2", "removed"),
    ]
    changed = next(r for r in rows if r["type"] == "changed")
    assert "twice a year" in changed["old"] and "three times a year" in changed["new"]
    # the removed statement is gone from the current graph
    assert not store.select(
        f"SELECT ?s WHERE {{ ?s bkg:letter 'b' ; bkg:theme <{BASE}theme/semiconductors> ;"
        f" dcterms:source <{BASE}document/{JOINT}> }}"
    )


def test_dry_run_plans_without_touching_anything(corpus: Path, registry: Registry) -> None:
    before = sorted(p.name for p in corpus.iterdir())
    plan = plan_ingest(
        DOCS / f"{JOINT}.md", fields(JOINT), corpus=corpus, settings=Settings(), registry=registry
    )
    assert plan.status == "new" and len(plan.changes) == 10
    assert sorted(p.name for p in corpus.iterdir()) == before


def test_a_translation_is_aligned_with_its_original(
    corpus: Path, tmp_path: Path, registry: Registry
) -> None:
    out = tmp_path / "build"
    _, result = ingest(corpus, out, registry, "jp-uk-dp-2024-progress-en")
    assert result is not None
    store = open_build(out)
    ja = (
        f"{BASE}statement/jp-uk-dp-2024-progress-ja/digital-infrastructure/vendor-diversification/b"
    )
    rows = store.select(f"SELECT ?t WHERE {{ <{ja}> bkg:translatedText ?t }}")
    assert len(rows) == 1 and rows[0]["t"].startswith("The UK and Japan also cooperate")
    en = ja.replace("progress-ja", "progress-en")
    assert store.select(
        f"ASK {{ <{en}> bkg:translationOf <{ja}> }}".replace("ASK", "SELECT * WHERE")
    ) == [{}]
    warnings = next(
        d for d in result.manifest["documents"] if d["id"] == "jp-uk-dp-2024-progress-en"
    )["warnings"]
    assert any("› z: only in the translation" in w for w in warnings)


def test_a_failed_ingest_leaves_corpus_and_graph_as_they_were(
    corpus: Path, tmp_path: Path, registry: Registry
) -> None:
    out = tmp_path / "build"
    ingest(corpus, out, registry, JOINT)
    snapshot = {p: p.read_bytes() for p in [*out.iterdir(), *(corpus / JOINT).iterdir()]}
    broken = tmp_path / "broken.md"
    broken.write_text("Just prose, no numbered or lettered items at all.\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="no recognisable structure"):
        plan_ingest(broken, fields(JOINT), corpus=corpus, settings=Settings(), registry=registry)
    with pytest.raises(InputError, match="not a registry id"):
        plan_ingest(
            DOCS / f"{JOINT}.md",
            {**fields(JOINT), "partnership": "nope"},
            corpus=corpus,
            settings=Settings(),
            registry=registry,
        )
    assert {p: p.read_bytes() for p in snapshot} == snapshot


def test_several_files_are_one_ingest_or_none(
    corpus: Path, tmp_path: Path, registry: Registry
) -> None:
    """An archive of reports is ingested with one build and one switch; if any file is
    refused, none is ingested, and the refusal names the file."""
    out = tmp_path / "build"
    english = "jp-uk-dp-2024-progress-en"  # translates the shipped report
    broken = tmp_path / "notes.md"
    broken.write_text("Just prose, no numbered or lettered items at all.\n", encoding="utf-8")
    given = {n: (DOCS / f"{n}.md", fields(n), None) for n in (JOINT, english)}

    def run(*sources: tuple[Path, dict[str, object], bytes | None]):  # type: ignore[no-untyped-def]
        return ingest_all(
            list(sources), corpus=corpus, out_dir=out, settings=Settings(), registry=registry
        )

    before = sorted(p.name for p in corpus.iterdir())
    with pytest.raises(DocumentError) as refused:
        run(given[JOINT], given[english], (broken, {**fields(JOINT), "id": "notes"}, None))
    assert str(refused.value).startswith(f"{broken}: ")
    assert str(refused.value).endswith("; nothing was ingested")
    with pytest.raises(InputError, match=f"{DOCS / JOINT}.md: document id '{JOINT}' is given"):
        run(given[JOINT], given[english], given[JOINT])
    assert sorted(p.name for p in corpus.iterdir()) == before and not out.exists()
    outcome = run(given[JOINT], given[english])
    assert [p.status for p in outcome.plans] == ["new", "new"] and outcome.result is not None
    assert sorted(p.name for p in corpus.iterdir()) == sorted([*before, JOINT, english])
    ids = [d["id"] for d in outcome.result.manifest["documents"]]
    assert ids == sorted(["jp-uk-dp-2024-progress-ja", JOINT, english])
    clean = tmp_path / "clean" / "build"
    build_kg(corpus=corpus, out_dir=clean)
    for name in ("kg.nq", "manifest.json", "void.ttl"):
        assert (out / name).read_bytes() == (clean / name).read_bytes()
    # the same files again: nothing to do
    again = run(given[JOINT], given[english])
    assert [p.status for p in again.plans] == ["unchanged"] * 2 and again.result is None


def test_a_translation_may_name_an_original_given_in_the_same_ingest(
    tmp_path: Path, registry: Registry
) -> None:
    import tomllib

    shipped = paths.corpus_dir() / "jp-uk-dp-2024-progress-ja"
    original = tomllib.loads((shipped / "metadata.toml").read_text(encoding="utf-8"))
    english = "jp-uk-dp-2024-progress-en"
    corpus, out = tmp_path / "corpus", tmp_path / "build"
    outcome = ingest_all(
        [
            (shipped / "document.txt", original, None),
            (DOCS / f"{english}.md", fields(english), None),
        ],
        corpus=corpus,
        out_dir=out,
        settings=Settings(),
        registry=registry,
    )
    assert [p.status for p in outcome.plans] == ["new", "new"]
    ja = f"{BASE}document/jp-uk-dp-2024-progress-ja"
    rows = open_build(out).select(f"SELECT ?t WHERE {{ ?t bkg:translationOf <{ja}> }}")
    assert rows == [{"t": f"{BASE}document/{english}"}]
    # the other way round, the original is not in the corpus yet
    with pytest.raises(InputError, match="translation_of 'jp-uk-dp-2024-progress-ja' is not"):
        ingest_all(
            [(DOCS / f"{english}.md", fields(english), None)],
            corpus=tmp_path / "other",
            out_dir=tmp_path / "other-build",
            settings=Settings(),
            registry=registry,
        )


def test_a_flat_japanese_joint_statement(corpus: Path, tmp_path: Path, registry: Registry) -> None:
    plan, result = ingest(corpus, tmp_path / "build", registry, "jp-uk-semiconductor-statement-ja")
    assert result is not None
    record = plan.record
    assert [("/".join(st.path[:1]), st.item.label) for st in record.statements] == [
        ("general", "1"),
        ("general", "2"),
        ("general", "3"),
    ]
    # 両省 is defined by the statement itself as METI and DSIT
    second = record.statements[1]
    assert [(e.id) for e in second.entities("actor")] == ["meti", "dsit"]
    assert {lk.via for lk in second.links("actor")} == {"両省"}


def test_metadata_is_checked(corpus: Path, registry: Registry) -> None:
    for bad, message in [
        ({"id": "Bad Id"}, "must be lower-case"),
        ({"language": "fr"}, "language must be"),
        ({"parties": ["jp", "zz"]}, "unknown registry ids zz"),
        ({"translation_of": "missing"}, "not another document"),
        ({"date": "2025-13-01"}, "not YYYY-MM-DD"),
        ({"title_en": "a\x00b"}, "control character"),
        ({"colour": "red"}, "unknown metadata field"),
    ]:
        with pytest.raises(InputError, match=message):
            plan_ingest(
                DOCS / f"{JOINT}.md",
                {**fields(JOINT), **bad},
                corpus=corpus,
                settings=Settings(),
                registry=registry,
            )


def test_the_ingested_graph_conforms(corpus: Path, tmp_path: Path, registry: Registry) -> None:
    from bkg_graph.validate import load_graph, validate

    out = tmp_path / "build"
    ingest(corpus, out, registry, JOINT)
    report = validate(load_graph(out / "kg.nq"))
    assert report.conforms, [str(v) for v in report.violations[:5]]
    assert isinstance(load_graph(out / "kg.nq"), Graph)
