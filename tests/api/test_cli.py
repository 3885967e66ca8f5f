"""The `bkg` command line as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from bkg_api.cli import main
from bkg_graph import paths

DOC = "jp-uk-dp-2024-progress-ja"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for command in ("build", "validate", "query"):
        assert command in out


def test_build_prints_a_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(
        capsys, "build", "--out", str(tmp_path), "--verbose", "--formats", "nq,ttl,jsonld"
    )
    assert code == 0
    assert f"{DOC}: 48 statements" in out
    assert "Agency: 13" in out and "Statement: 48" in out
    assert "インフラシェアリング" in out  # the one name the registry does not know
    assert "reading jp-uk-dp-2024-progress-ja" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "kg.jsonld",
        "kg.nq",
        "kg.ttl",
        "manifest.json",
        "void.ttl",
    ]


def test_query_formats(capsys: pytest.CaptureFixture[str], build_dir: Path) -> None:
    q = (
        "SELECT ?label WHERE { ?a a bkg:Agency ; bkg:country ?c ; rdfs:label ?label . "
        '?c dcterms:identifier "uk" FILTER(lang(?label) = "ja") } ORDER BY ?label'
    )
    code, out, _ = run(capsys, "query", "--build", str(build_dir), "--format", "csv", q)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["label"]
    assert ["科学・イノベーション・技術省"] in rows and len(rows) == 7
    code, out, _ = run(capsys, "query", "--build", str(build_dir), "--format", "json", q)
    assert len(json.loads(out)["results"]["bindings"]) == 6
    code, out, _ = run(capsys, "query", "--build", str(build_dir), q)
    assert out.splitlines()[0].startswith("label") and out.rstrip().endswith("(6 rows)")


def test_query_from_a_file(
    capsys: pytest.CaptureFixture[str], build_dir: Path, tmp_path: Path
) -> None:
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(?s) AS ?n) WHERE { ?s a bkg:Statement }", encoding="utf-8")
    code, out, _ = run(capsys, "query", "--build", str(build_dir), "--format", "csv", str(rq))
    assert (code, out) == (0, "n\n48\n")


def test_a_malformed_query_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], build_dir: Path
) -> None:
    code, _, err = run(capsys, "query", "--build", str(build_dir), "SELECT ?x WHERE { ?x ")
    assert code == 1
    assert err.startswith("bkg: error:") and "syntax" in err.lower()


def test_validate_reports_violations_readably(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix bkg: <https://w3id.org/bilateral-kg/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://w3id.org/bilateral-kg/id/agency/x> a bkg:Agency ; rdfs:label "X"@en .\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 1
    assert "violation" in out and "agency/x" in out


def test_a_broken_document_names_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(paths.corpus_dir(), corpus)
    doc = corpus / DOC / "document.txt"
    doc.write_bytes(doc.read_bytes()[:200] + b"\n\x00\x00")
    out_dir = tmp_path / "out"
    code, _, err = run(capsys, "build", "--quiet", "--corpus", str(corpus), "--out", str(out_dir))
    assert code == 1
    assert f"{doc}:" in err and "binary" in err
    assert not out_dir.exists()


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped corpus to ingest into, with a data folder of its own."""
    folder = tmp_path / "corpus"
    shutil.copytree(paths.corpus_dir(), folder)
    monkeypatch.setenv("BKG_DATA_DIR", str(tmp_path / "data"))
    return folder


DOCUMENTS = Path(__file__).resolve().parents[1] / "data" / "documents"


def test_ingest_dry_run_then_ingest_then_candidates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus: Path
) -> None:
    doc = DOCUMENTS / "jp-uk-dp-2025-joint-statement-en.md"
    args = ["ingest", "--corpus", str(corpus), "--out", str(tmp_path / "build"), str(doc)]
    code, out, err = run(capsys, *args, "--dry-run")
    assert code == 0 and "jp-uk-dp-2025-joint-statement-en: new (10 statements)" in out
    assert "  + Pillar 2: Data › b  The PPC and the ICO will explore" in out
    assert "dry run" in err and not (tmp_path / "build").exists()
    code, out, _ = run(capsys, *args)
    assert code == 0 and "written to" in out
    assert (corpus / "jp-uk-dp-2025-joint-statement-en" / "metadata.toml").exists()
    code, out, _ = run(capsys, *args)
    assert "nothing to do" in out
    code, out, _ = run(capsys, "candidates", "--build", str(tmp_path / "build"))
    assert "Quantum Technology Partnership" in out and "インフラシェアリング" in out


def test_ingest_of_several_files_builds_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus: Path
) -> None:
    files = [
        str(DOCUMENTS / f"{n}.md")
        for n in ("jp-uk-dp-2024-progress-en", "jp-uk-dp-2025-joint-statement-en")
    ]
    args = ["ingest", "--corpus", str(corpus), "--out", str(tmp_path / "build"), *files]
    code, out, _ = run(capsys, *args)
    assert code == 0
    assert (
        "jp-uk-dp-2024-progress-en: new" in out and "jp-uk-dp-2025-joint-statement-en: new" in out
    )
    assert out.count("written to") == 1 and "(2 of 2 files new or updated)" in out
    code, out, _ = run(capsys, *args, "--quiet")
    assert code == 0 and out.strip() == "nothing to do: these versions are in the corpus already"


def test_ingest_refuses_what_it_cannot_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "notes.md"
    bad.write_text("just a paragraph\n", encoding="utf-8")
    code, _, err = run(
        capsys,
        "ingest",
        "--corpus",
        str(tmp_path / "c"),
        "--out",
        str(tmp_path / "b"),
        "--language",
        "en",
        str(bad),
    )
    assert code == 1 and "no recognisable structure" in err
