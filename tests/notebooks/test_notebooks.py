"""The notebooks: each runs top to bottom in a real Jupyter kernel, and none is committed with
outputs. Their cells assert what they show; this checks what a reader sees and gets."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
THEME = "vendor-diversification"


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def test_there_are_three_numbered_notebooks() -> None:
    names = [p.name for p in NOTEBOOKS]
    assert names == ["01-query.ipynb", "02-network.ipynb", "03-briefing.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path) -> None:
    nb = read(path)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "a notebook with no code"
    assert [c.outputs for c in code if c.outputs] == []
    assert [c.execution_count for c in code if c.execution_count is not None] == []
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_readme_links_every_notebook(path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"](notebooks/{path.name})" in readme


@pytest.fixture(scope="module")
def kernel_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A python3 kernel spec that runs this very interpreter (the project's .venv) whatever
    other kernels the machine has, and fresh IPython and Jupyter runtime folders."""
    home = tmp_path_factory.mktemp("jupyter")
    spec = home / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "Python 3", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    return {
        "JUPYTER_PATH": str(home),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "IPYTHONDIR": str(home / "ipython"),
    }


def execute(
    path: Path, cwd: Path, build_dir: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel (an error in any cell fails the test)."""
    for key, value in {**env, "BKG_BUILD_DIR": str(build_dir)}.items():
        monkeypatch.setenv(key, value)
    nb = read(path)
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    )
    client.execute()
    return nb


def outputs(nb: nbformat.NotebookNode, kind: str) -> list[str]:
    """The text of every output of one MIME type (or stream name) in cell order."""
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream" and out.name == kind:
                found.append(out.text)
            elif kind in out.get("data", {}):
                found.append(out.data[kind])
    return found


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(
    path: Path,
    tmp_path: Path,
    build_dir: Path,
    kernel_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nb = execute(path, tmp_path, build_dir, kernel_env, monkeypatch)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert outputs(nb, "stderr") == []  # no warning printed either
    assert any(c.outputs for c in code)
    if path.name == "01-query.ipynb":
        tables = outputs(nb, "text/html")
        assert any("総務省" in t and "DSIT" in t for t in tables)
    elif path.name == "02-network.ipynb":
        frames = [h for h in outputs(nb, "text/html") if h.startswith("<iframe srcdoc=")]
        assert len(frames) == 1
        assert re.search(r"&lt;script[^&]*\ssrc=", frames[0]) is None  # nothing fetched
    elif path.name == "03-briefing.ipynb":
        pack = tmp_path / "output" / f"briefing-{THEME}"
        assert sorted(p.name for p in pack.iterdir()) == [
            f"{THEME}-citations.csv",
            f"{THEME}.html",
            f"{THEME}.png",
            f"{THEME}.svg",
        ]
        cited = (pack / f"{THEME}-citations.csv").read_text(encoding="utf-8-sig")
        assert "第一の柱：デジタルインフラ及び技術 › ベンダ多様化 › d" in cited
        assert "総務省" in (pack / f"{THEME}.svg").read_text(encoding="utf-8")
        assert outputs(nb, "image/svg+xml") and outputs(nb, "image/png")
