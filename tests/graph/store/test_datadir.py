"""The data folder: versions loaded once, published atomically, a failed load changes nothing."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from waiting import until

from bkg_graph.errors import BuildMissing, InputError
from bkg_graph.store import DataDir, EmbeddedStore
from bkg_graph.store.datadir import STALE_STAGING

DATA = Path(__file__).resolve().parents[2] / "data" / "protocol.trig"


def turtle(path: Path, n: int) -> Path:
    path.write_text(f"<http://example.org/s> <http://example.org/version> {n} .\n")
    return path


def version_of(data: DataDir) -> int:
    current = data.current()
    assert current is not None
    reader = EmbeddedStore.read_only(current.store_path, current.name)
    return int(reader.select("SELECT ?v { ?s <http://example.org/version> ?v }")[0]["v"])


def test_files_are_loaded_once_and_published(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    assert data.current() is None
    version = data.load_files([DATA])
    assert data.current() == version
    assert (tmp_path / "data" / "CURRENT").read_text() == version.name + "\n"
    assert version.info["quads"] == 35
    assert version.info["source"] == "files"
    stamp = (version.store_path / "CURRENT").stat().st_mtime_ns
    again = DataDir(tmp_path / "data").load_files([DATA])
    assert again == version
    assert (version.store_path / "CURRENT").stat().st_mtime_ns == stamp  # not loaded again


def test_a_swap_leaves_readers_of_the_old_version_working(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    first = data.load_files([turtle(tmp_path / "one.ttl", 1)])
    reader = EmbeddedStore.read_only(first.store_path, first.name)
    second = data.load_files([turtle(tmp_path / "two.ttl", 2)])
    assert second.name != first.name
    assert version_of(data) == 2
    assert reader.select("SELECT ?v { ?s <http://example.org/version> ?v }") == [{"v": "1"}]


def test_a_failed_load_keeps_the_last_good_version(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    good = data.load_files([turtle(tmp_path / "good.ttl", 1)])
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://example.org/s> <http://example.org/p> .\n")
    with pytest.raises(InputError, match=r"broken\.ttl"):
        data.load_files([broken])
    with pytest.raises(InputError, match="unknown RDF file type"):
        data.load_files([tmp_path / "data.xlsx"])
    with pytest.raises(InputError, match="no such file"):
        data.load_files([tmp_path / "missing.ttl"])
    assert data.current() == good
    assert version_of(data) == 1
    assert sorted(p.name for p in data.versions.iterdir()) == [good.name]  # no staging left


def test_only_the_current_and_the_previous_version_are_kept(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    names = [data.load_files([turtle(tmp_path / f"v{n}.ttl", n)]).name for n in range(4)]
    # the older ones are moved aside at once and removed by a process of their own
    until(lambda: len(list(data.versions.iterdir())) == 2)
    assert sorted(p.name for p in data.versions.iterdir()) == sorted(names[2:])
    assert version_of(data) == 3


def test_a_build_is_loaded_by_its_manifest_version(tmp_path: Path, build_dir: Path) -> None:
    data = DataDir(tmp_path / "data")
    with pytest.raises(BuildMissing, match="run `bkg build` first"):
        data.load_build(tmp_path / "no-build")
    version = data.load_build(build_dir)
    manifest = version.info["manifest"]
    assert version.name == manifest["version"]
    assert version.info["quads"] == manifest["quads"]


def test_a_build_changing_some_graphs_is_patched_in_not_reloaded(tmp_path: Path) -> None:
    """An ingest's build replaces only its changed named graphs in a copy of the served
    store; what is served then equals a full load of that build."""
    import shutil
    import tomllib

    from bkg_graph import paths
    from bkg_graph.ingest import ingest
    from bkg_graph.kg import build_kg
    from bkg_graph.registry import load_registry
    from bkg_graph.settings import Settings

    corpus, out = tmp_path / "corpus", tmp_path / "build"
    shutil.copytree(paths.corpus_dir(), corpus)
    build_kg(corpus=corpus, out_dir=out)
    data = DataDir(tmp_path / "data")
    first = data.load_build(out)
    docs = Path(__file__).resolve().parents[2] / "data" / "documents"
    name = "jp-uk-dp-2025-joint-statement-en"
    fields = tomllib.loads((docs / f"{name}.toml").read_text(encoding="utf-8"))
    outcome = ingest(
        docs / f"{name}.md",
        fields,
        corpus=corpus,
        out_dir=out,
        settings=Settings(),
        registry=load_registry(paths.registry_dir()),
        data_dir=tmp_path / "data",
    )
    current = data.current()
    assert current is not None and outcome.served == current.name != first.name
    assert current.info["patched_from"] == first.name
    base = "https://w3id.org/bilateral-kg/id/graph/"
    assert current.info["patched"] == {
        f"{base}derived": "changed lines",
        f"{base}derived/{name}": "reloaded",
        f"{base}document/{name}": "reloaded",
        f"{base}history/{name}": "reloaded",
    }
    full = DataDir(tmp_path / "full").load_build(out)
    patched = EmbeddedStore.read_only(current.store_path, current.name)
    reference = EmbeddedStore.read_only(full.store_path, full.name)
    # blank nodes (the ontology's lists) are named anew by each load: compared by count
    every = (
        "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(!isBlank(?s) && !isBlank(?o)) }"
        " ORDER BY ?g ?s ?p ?o"
    )
    assert len(patched) == len(reference) == current.info["quads"]
    assert patched.select(every) == reference.select(every)


def test_a_killed_loads_staging_folder_is_removed_by_a_later_load(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    ttl = tmp_path / "a.ttl"
    ttl.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    data.load_files([ttl])
    old = data.versions / ".staging-dead-1234abcd"
    recent = data.versions / ".staging-live-5678ef90"
    for folder in (old, recent):
        (folder / "store").mkdir(parents=True)
    os.utime(old, (time.time() - STALE_STAGING - 60,) * 2)
    ttl.write_text("<urn:a> <urn:b> <urn:d> .\n", encoding="utf-8")
    data.load_files([ttl])
    assert not old.exists() and recent.exists()
