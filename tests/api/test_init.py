"""`bkg init`, `bkg --version` and the data folders a working folder's `.env` sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from bkg_api.cli import main
from bkg_api.commands.init import ENV
from bkg_graph import about, paths
from bkg_graph.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out == f"bkg {about.version()}\n"
    assert about.version() == "0.1.0"  # pyproject.toml's, read through importlib.metadata


def test_init_makes_a_working_folder_and_commands_there_use_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("BKG_CORPUS_DIR", "BKG_REGISTRY_DIR", "BKG_BUILD_DIR", "BKG_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    work = tmp_path / "kg"
    assert main(["init", str(work)]) == 0
    assert capsys.readouterr().out == (
        f"made working folder {work}: corpus/, registry/, build/, data/ and .env\n"
        f"next: cd {work} && bkg build && bkg serve\n"
    )
    assert sorted(p.name for p in work.iterdir()) == [".env", "build", "corpus", "data", "registry"]
    assert (work / ".env").read_text(encoding="utf-8") == ENV
    shipped = sorted(p.name for p in (ROOT / "ontology" / "registry").iterdir())
    assert sorted(p.name for p in (work / "registry").iterdir()) == shipped
    assert (work / "corpus" / "jp-uk-dp-2024-progress-ja" / "document.txt").read_bytes() == (
        ROOT / "corpus" / "jp-uk-dp-2024-progress-ja" / "document.txt"
    ).read_bytes()

    monkeypatch.chdir(work)  # a command run in the folder reads its .env
    settings = Settings()
    assert paths.corpus_dir(settings) == work / "corpus"
    assert paths.registry_dir(settings) == work / "registry"
    assert paths.build_dir(settings) == work / "build"
    assert paths.data_dir(settings) == work / "data"
    assert paths.ontology_dir(settings) == ROOT / "ontology"  # not copied: not curated
    monkeypatch.setenv("BKG_BUILD_DIR", str(tmp_path / "elsewhere"))  # the environment wins
    assert paths.build_dir() == tmp_path / "elsewhere"


def test_init_never_overwrites(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    assert main(["init", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"bkg: error: {tmp_path / 'corpus'} already there; choose an empty or new folder\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]


def test_in_a_checkout_the_defaults_are_the_checkouts_folders(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # the current folder does not matter in a checkout
    for name in ("ontology_dir", "registry_dir", "corpus_dir", "build_dir", "data_dir"):
        monkeypatch.delenv(f"BKG_{name.upper()}", raising=False)
    settings = Settings(_env_file=None)
    assert paths.in_checkout()
    assert paths.ontology_dir(settings) == ROOT / "ontology"
    assert paths.registry_dir(settings) == ROOT / "ontology" / "registry"
    assert paths.corpus_dir(settings) == ROOT / "corpus"
    assert paths.build_dir(settings) == ROOT / "build"
    assert paths.data_dir(settings) == ROOT / "data"
    monkeypatch.setenv("BKG_BUILD_DIR", "")  # empty is unset, not the current folder
    assert paths.build_dir() == ROOT / "build"
