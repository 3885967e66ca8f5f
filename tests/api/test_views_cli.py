"""`bkg view` writes one self-contained offline page; `bkg export` writes every format."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from bkg_api.cli import main
from bkg_graph.output import read_manifest


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(autouse=True)
def _default_server(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BKG_PUBLIC_URL", "BKG_HOST", "BKG_PORT"):
        monkeypatch.delenv(name, raising=False)


def test_view_file_is_self_contained_with_hashed_policy(build_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "co.html"
    args = ["view", "--kind", "coparticipation", "--lang", "ja", "--country", "jp,uk"]
    assert main([*args, "--build", str(build_dir), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "<script src" not in text and '<link rel="stylesheet"' not in text
    scripts = re.findall(r"<script>(.*?)</script>", text, flags=re.S)
    styles = re.findall(r"<style>(.*?)</style>", text, flags=re.S)
    assert len(scripts) == 2 and len(styles) == 2
    assert scripts[0].startswith("/**\n * vis-network")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
    assert policy is not None
    assert policy.group(1).replace("&#39;", "'") == (
        f"default-src 'none'; script-src {sha256(scripts[0])} {sha256(scripts[1])}; "
        f"style-src {sha256(styles[0])} {sha256(styles[1])}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    data = json.loads(re.search(r'id="view-data">(.*?)</script>', text, flags=re.S).group(1))  # type: ignore[union-attr]
    assert (data["meta"]["nodes"], data["meta"]["edges"]) == (10, 10)
    version = read_manifest(build_dir)["version"]
    assert f"<code>{version}</code>" in text
    assert (
        'href="http://127.0.0.1:8000/view?kind=coparticipation&amp;lang=ja&amp;country=jp,uk"'
        in text
    )
    assert "<form" not in text  # filters need the server; the file says which were used


def test_matrix_file(build_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    assert main(["view", "--kind", "matrix", "--build", str(build_dir), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert 'href="#cell-mic-dsit">6 (+1)<small> / 4</small></a>' in text
    assert len(re.findall(r"<script>", text)) == 1  # our script only: no network to draw


def test_export_formats(build_dir: Path, tmp_path: Path) -> None:
    gexf = tmp_path / "b.gexf"
    assert main(["export", "--format", "gexf", "--build", str(build_dir), "--out", str(gexf)]) == 0
    assert nx.read_gexf(gexf).number_of_edges() == 18
    png = tmp_path / "n.png"
    args = ["export", "--format", "png", "--focus", "agency/mic", "--size", "print"]
    assert main([*args, "--build", str(build_dir), "--out", str(png)]) == 0
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_export_to_standard_output(
    build_dir: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    args = ["export", "--format", "csv", "--table", "nodes", "--kind", "coparticipation"]
    assert main([*args, "--build", str(build_dir), "--out", "-"]) == 0
    lines = io.StringIO(capsysbinary.readouterr().out.decode("utf-8-sig")).read().splitlines()
    assert lines[0].startswith("iri,id,label_en,label_ja")
    assert len(lines) == 11


def test_bad_options_write_nothing(
    build_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.html"
    assert (
        main(["view", "--kind", "neighbourhood", "--build", str(build_dir), "--out", str(out)]) == 1
    )
    assert "needs focus" in capsys.readouterr().err
    assert main(["view", "--country", "zz", "--build", str(build_dir), "--out", str(out)]) == 1
    assert "no country 'zz'; known: au, ca, fr, jp, kr, uk, us" in capsys.readouterr().err
    planned = ["export", "--format", "csv", "--status", "Planned", "--country", "JP"]
    assert main([*planned, "--build", str(build_dir), "--out", str(tmp_path / "p.csv")]) == 0
    assert (tmp_path / "p.csv").read_bytes().startswith(b"\xef\xbb\xbfsource,target")
    (tmp_path / "p.csv").unlink()
    late = ["export", "--format", "png", "--from", "2030-01", "--build", str(build_dir)]
    assert main([*late, "--out", str(tmp_path / "late.png")]) == 1
    assert "nothing to draw: no bipartite links pass the filters (from=2030-01-01)" in (
        capsys.readouterr().err
    )
    assert not out.exists() and list(tmp_path.iterdir()) == []
