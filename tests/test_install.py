"""The wheel, installed into a fresh virtual environment outside the checkout, works there.

What a new user does: build the wheel, ``pip install`` it, ``bkg init`` a working folder, then
``bkg build``, ``bkg serve`` (one SPARQL query over HTTP) and ``bkg ingest`` inside it. Nothing
may come from the checkout: the commands run with the working folder as current directory,
with no ``BKG_*`` or ``PYTHONPATH`` in their environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from serving import start_bkg, stop

from bkg_graph import about

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
#: What the source distribution holds (MANIFEST.in and pyproject.toml say the same).
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE")
SOURCE_DIRS = ("graph", "api", "ontology", "corpus")
DOCUMENTS = ROOT / "tests" / "data" / "documents"
DOC = "jp-uk-dp-2025-joint-statement-en"


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def _clean_env() -> dict[str, str]:
    """The environment without our settings and without a path into the checkout."""
    return {k: v for k, v in os.environ.items() if not k.startswith("BKG_") and k != "PYTHONPATH"}


def test_the_wheel_works_outside_the_checkout(tmp_path: Path) -> None:
    env = _clean_env()
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:
        shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in SOURCE_DIRS:
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    dist = tmp_path / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run([*pip, "wheel", "--quiet", "--no-deps", "-w", str(dist), str(source)], tmp_path, env)
    (wheel,) = dist.glob("*.whl")
    assert wheel.name == f"bilateral_kg-{about.version()}-py3-none-any.whl"

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path, env)
    _run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "--no-compile", str(wheel)], tmp_path, env
    )
    bkg = str(venv / "bin" / "bkg")
    python = str(venv / "bin" / "python")
    where = _run(
        [python, "-c", "import bkg_graph.paths as p; print(p.shipped('ontology'))"], tmp_path, env
    )
    assert where.strip() == str(
        next(venv.glob("lib/python3*/site-packages")) / "bkg_graph" / "data" / "ontology"
    )

    assert _run([bkg, "--version"], tmp_path, env).strip() == f"bkg {about.version()}"
    out = _run([bkg, "init", "work"], tmp_path, env)
    work = tmp_path / "work"
    assert "made working folder work" in out
    assert sorted(p.name for p in work.iterdir()) == [".env", "build", "corpus", "data", "registry"]
    assert (work / "registry" / "agencies.toml").read_bytes() == (
        ROOT / "ontology" / "registry" / "agencies.toml"
    ).read_bytes()

    out = _run([bkg, "build", "--quiet"], work, env)
    assert f"in {work / 'build'}: built, 1 documents read" in out  # --quiet: the final line
    assert sorted(p.name for p in (work / "build").iterdir()) == [
        "kg.nq", "manifest.json", "void.ttl",
    ]  # fmt: skip

    server = start_bkg([], tmp_path / "serve.log", env, program=[bkg], cwd=work,
                       probe="/readyz", timeout=60)  # fmt: skip
    try:
        query = (
            "SELECT ?label WHERE { <https://w3id.org/bilateral-kg/id/agency/ico> rdfs:label ?label "
            'FILTER(lang(?label) = "en") }'
        )
        answer = httpx.get(
            f"{server.url}/sparql",
            params={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert answer.status_code == 200, answer.text
        rows = answer.json()["results"]["bindings"]
        assert [row["label"]["value"] for row in rows] == ["Information Commissioner's Office"]
    finally:
        stop(server.process)
    assert any((work / "data").iterdir()), "the server kept its store in the working folder"

    doc = tmp_path / f"{DOC}.md"
    shutil.copy2(DOCUMENTS / f"{DOC}.md", doc)
    shutil.copy2(DOCUMENTS / f"{DOC}.toml", doc.with_suffix(".toml"))
    out = _run([bkg, "ingest", str(doc)], work, env)
    assert f"{DOC}: new (10 statements)" in out
    assert (work / "corpus" / DOC / "metadata.toml").is_file()
    assert f"written to {work / 'build'}" in out
