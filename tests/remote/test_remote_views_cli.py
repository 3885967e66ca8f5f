"""`bkg view` and `bkg export` read the remote store when one is configured."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from remote_servers import StoreServer

from bkg_api.cli import main

pytestmark = pytest.mark.slow


def export_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["export", "--format", "json", "--kind", "bipartite", "--out", "-", *args]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_export_from_the_remote_store_matches_the_build(
    remote_store: StoreServer,
    build_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    local = export_json(capsys, "--build", str(build_dir))
    for key, value in remote_store.env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("BKG_BUILD_DIR", str(build_dir.parent / "no-build-here"))
    remote = export_json(capsys)
    assert len(remote["nodes"]) == len(local["nodes"]) > 0  # type: ignore[arg-type]
    assert len(remote["edges"]) == len(local["edges"]) == 18  # type: ignore[arg-type]
