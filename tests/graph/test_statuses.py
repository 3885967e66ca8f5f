"""The statuses a query parameter or a network filter accepts are the ones the registry's
predicate rules list: a status added there is accepted everywhere, with no other copy to edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bkg_graph import paths
from bkg_graph.errors import InputError
from bkg_graph.queries.run import status_iri


def test_an_unknown_status_is_refused_with_the_registry_list() -> None:
    with pytest.raises(InputError) as caught:
        status_iri("done")
    assert str(caught.value) == (
        "unknown status 'done'; use one of achieved, ongoing, planned, agreed, welcomed"
    )
    assert status_iri("Planned") == "https://w3id.org/bilateral-kg/ontology#Planned"


def test_a_status_added_to_the_predicate_rules_is_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "registry"
    shutil.copytree(paths.registry_dir(), folder)
    rules = folder / "predicates.toml"
    text = rules.read_text(encoding="utf-8")
    old = 'statuses = ["achieved", "ongoing", "planned", "agreed", "welcomed"]'
    assert old in text
    rules.write_text(text.replace(old, old[:-1] + ', "paused"]'), encoding="utf-8")
    monkeypatch.setenv("BKG_REGISTRY_DIR", str(folder))
    assert status_iri("paused") == "https://w3id.org/bilateral-kg/ontology#Paused"
    with pytest.raises(
        InputError, match=r"use one of achieved, ongoing, planned, agreed, welcomed, paused$"
    ):
        status_iri("done")
