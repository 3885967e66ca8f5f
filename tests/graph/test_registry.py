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


def test_a_rule_for_an_unlisted_status_is_refused(tmp_path: Path) -> None:
    folder = copy_registry(tmp_path)
    with (folder / "predicates.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[status]]\nstatus = "noted"\npatterns = ["noted"]\n')
    with pytest.raises(RegistryError, match="status 'noted' is not one of achieved, ongoing"):
        load_registry(folder)


def test_the_statuses_come_from_the_predicate_rules_and_the_ontology_has_each() -> None:
    from rdflib import Graph, Literal
    from rdflib.namespace import RDF, SKOS

    from bkg_graph.namespaces import BKG
    from bkg_graph.registry import statuses

    assert statuses() == ("achieved", "ongoing", "planned", "agreed", "welcomed")
    onto = Graph().parse(paths.ontology_dir() / "bkg.ttl", format="turtle")
    for status in statuses():
        node = BKG[status.capitalize()]
        assert (node, RDF.type, BKG.Status) in onto
        assert (node, SKOS.notation, Literal(status)) in onto


def test_a_party_is_a_country_or_a_supranational_body(tmp_path: Path) -> None:
    folder = copy_registry(tmp_path)
    with (folder / "initiatives.toml").open("a", encoding="utf-8") as fh:
        fh.write(
            '\n[[entity]]\nid = "oecd-jp"\ntype = "Partnership"\nen = "OECD–Japan"\n'
            'ja = "OECD・日本"\nparties = ["oecd", "jp"]\n'
        )
    with pytest.raises(RegistryError, match="party 'oecd' is a Organization; a party is one of"):
        load_registry(folder)
    text = (folder / "organizations.toml").read_text(encoding="utf-8")
    text = text.replace(
        'id = "oecd"\ntype = "Organization"', 'id = "oecd"\ntype = "SupranationalBody"'
    )
    (folder / "organizations.toml").write_text(text, encoding="utf-8")
    registry = load_registry(folder)
    assert registry.entities["oecd-jp"].parties == ("oecd", "jp")
    assert registry.entities["oecd"].kind == "Organization"
    assert registry.entities["oecd"].is_agent
