"""The curator's workflow on the command line: candidates → stubs → `bkg registry check`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reading_corpus import CORPUS, ontology_with_additions

from bkg_api.cli import main
from bkg_graph import paths


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_registry_check_passes_on_the_bundled_registry(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "registry", "check")
    assert code == 0
    assert out == (
        f"{paths.registry_dir()}: no problems (93 entities, 6 collective terms, statuses: "
        "achieved, ongoing, planned, agreed, welcomed)\n"
    )


def test_registry_check_lists_problems_and_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "registry"
    shutil.copytree(paths.registry_dir(), folder)
    with (folder / "companies.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[entity]]\nid = "nec"\ntype = "Company"\nen = "NEC Two"\nja = "日電"\n')
    code, out = run(capsys, "registry", "check", "--registry", str(folder))
    assert code == 1
    assert out.splitlines() == [
        f"{folder}: 1 problem(s)",
        "  - companies.toml entry 4 (nec): duplicate id 'nec', also companies.toml entry 1 (nec)",
    ]


def test_candidates_write_stubs_that_registry_check_reads(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ontology = ontology_with_additions(tmp_path)
    monkeypatch.setenv("BKG_ONTOLOGY_DIR", str(ontology))
    stubs = tmp_path / "stubs.toml"
    code, out = run(capsys, "candidates", "--corpus", str(CORPUS), "--write", str(stubs))
    assert (code, out) == (
        0,
        f"21 stub(s) written to {stubs}; complete them, then `bkg registry check`\n",
    )
    text = stubs.read_text(encoding="utf-8")
    assert (
        "[[entity]]\n"
        'id = "global-cbpr-forum-steering-committee"\n'
        'type = "Organization"  # a guess from the name\'s words\n'
        'en = "Global CBPR Forum Steering Committee"\n'
        'ja = ""  # TODO: the Japanese label\n'
        "# contains the known name(s) global-cbpr-forum: sub_organization_of / part_of?\n"
        "# seen in jp-uk-dp-2026-joint-statement-en › Pillar 2: Data › a: …meeting of the "
        "Global CBPR Forum Steering Committee in London in N…\n"
    ) in text
    assert 'id = "oecd-working-party-on-data-governance"\ntype = "WorkingGroup"' in text
    assert 'id = "directorate-general-for-communications-networks-content"\ntype = "Agency"' in text
    assert 'id = "6g"\ntype = "Topic"' in text
    assert 'id = "iso-iec-27001"\ntype = "Document"' in text
    assert 'ja = "経済産業省商務情報政策局"\nen = ""  # TODO: the English label' in text
    code, out = run(
        capsys, "registry", "check", "--registry", str(ontology / "registry"), str(stubs)
    )
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{ontology / 'registry'}: 21 problem(s)"
    assert (
        "  - stubs.toml entry 17 (global-cbpr-forum-steering-committee): the Japanese label "
        "('ja') is missing" in lines
    )
