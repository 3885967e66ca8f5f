"""The registry is data: it loads, is complete for the report, and refuses broken entries."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bkg_graph import paths
from bkg_graph.errors import RegistryError
from bkg_graph.registry import Registry, load_registry


def test_every_agency_has_both_labels_and_a_country(registry: Registry) -> None:
    agencies = [e for e in registry.entities.values() if e.kind == "Agency"]
    assert {e.id for e in agencies} >= {
        "mic", "meti", "digital-agency", "ppc", "jst", "dsit", "ico", "gds", "ncsc", "ukri"
    }  # fmt: skip
    for e in agencies:
        assert e.en and e.ja and e.country in {"jp", "uk"}


def test_the_initiatives_the_mission_names_are_there(registry: Registry) -> None:
    for ident in ("gcot", "hiroshima-ai-process", "global-cbpr-forum", "iap", "open-ran"):
        assert registry.entities[ident].kind == "Initiative"


def copy_registry(tmp_path: Path) -> Path:
    folder = tmp_path / "registry"
    shutil.copytree(paths.registry_dir(), folder)
    return folder


def test_a_name_given_to_two_entities_is_refused(tmp_path: Path) -> None:
    folder = copy_registry(tmp_path)
    with (folder / "companies.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[entity]]\nid = "fake"\ntype = "Company"\nen = "X"\nja = "総務省"\n')
    with pytest.raises(RegistryError, match="'総務省' is given to both"):
        load_registry(folder)


def test_unknown_references_and_types_are_refused(tmp_path: Path) -> None:
    folder = copy_registry(tmp_path)
    with (folder / "companies.toml").open("a", encoding="utf-8") as fh:
        fh.write(
            '\n[[entity]]\nid = "acme"\ntype = "Company"\nen = "Acme"\nja = "アクメ"\ncountry = "zz"\n'
        )
    with pytest.raises(RegistryError, match=r"unknown id 'zz'"):
        load_registry(folder)


def test_malformed_toml_names_the_file(tmp_path: Path) -> None:
    folder = copy_registry(tmp_path)
    (folder / "topics.toml").write_text("[[entity]\nid=", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"topics\.toml"):
        load_registry(folder)


def test_bad_patterns_are_refused(tmp_path: Path) -> None:
    folder = copy_registry(tmp_path)
    with (folder / "predicates.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[status]]\nstatus = "achieved"\npatterns = ["(unclosed"]\n')
    with pytest.raises(RegistryError, match="bad pattern"):
        load_registry(folder)
