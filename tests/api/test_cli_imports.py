"""`bkg` imports only what the command being run needs (issue 15: a fast start).

Each command runs in a fresh interpreter, which then lists ``sys.modules``: every module the
process imported from start-up to the command's end, at the top of the command's module or
inside its functions. (``-X importtime`` would not do: it does not see a module imported with
``importlib.import_module``, as the command modules are.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bkg_api.commands import COMMANDS
from bkg_graph import paths

COMMANDS_DIR = Path(__file__).resolve().parents[2] / "api" / "bkg_api" / "commands"
DOCUMENTS = Path(__file__).resolve().parents[1] / "data" / "documents"
#: What building, ingesting, querying or listing the commands never needs: the server and its
#: pages, SHACL validation, network views and drawings, office and spreadsheet files; and rich,
#: needed only for a progress bar on a terminal (these commands run without one).
HEAVY = (
    "docx",
    "fastapi",
    "jinja2",
    "matplotlib",
    "networkx",
    "openpyxl",
    "pptx",
    "pyshacl",
    "pyvis",
    "rich",
    "starlette",
    "uvicorn",
)


#: ``bkg`` as its console script runs it; then the modules imported, written to argv[1].
RUN = """
import sys
from pathlib import Path
from bkg_api.cli import main
try:
    code = main(sys.argv[2:])
finally:  # --help ends with SystemExit
    Path(sys.argv[1]).write_text("\\n".join(sorted(sys.modules)), encoding="utf-8")
sys.exit(code)
"""


def imported(argv: list[str], tmp_path: Path, env: dict[str, str] | None = None) -> set[str]:
    """Every module ``bkg *argv`` imports; the command must succeed."""
    listing = tmp_path / "modules.txt"
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(listing), *argv],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return set(listing.read_text(encoding="utf-8").split("\n"))


def heavy(modules: set[str]) -> list[str]:
    return sorted({m.split(".")[0] for m in modules} & set(HEAVY))


def commands(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.startswith("bkg_api.commands."))


def test_every_command_module_is_in_the_table() -> None:
    assert sorted(p.stem for p in COMMANDS_DIR.glob("*.py") if p.stem != "__init__") == sorted(
        COMMANDS
    )


def test_help_imports_no_command(tmp_path: Path) -> None:
    modules = imported(["--help"], tmp_path)
    assert commands(modules) == []
    assert heavy(modules) == []
    assert "bkg_api.commands" in modules


def test_build_imports_neither_server_nor_validation_nor_views(tmp_path: Path) -> None:
    modules = imported(["build", "--quiet", "--out", str(tmp_path / "build")], tmp_path)
    assert (tmp_path / "build" / "kg.nq").exists()
    assert commands(modules) == ["bkg_api.commands.build"]
    assert heavy(modules) == []


def test_ingest_imports_neither_server_nor_validation_nor_views(tmp_path: Path) -> None:
    shutil.copytree(paths.corpus_dir(), tmp_path / "corpus")
    env = {
        "BKG_CORPUS_DIR": str(tmp_path / "corpus"),
        "BKG_BUILD_DIR": str(tmp_path / "build"),
        "BKG_DATA_DIR": str(tmp_path / "data"),
    }
    document = DOCUMENTS / "jp-uk-dp-2025-joint-statement-en.md"
    modules = imported(["ingest", "--quiet", str(document)], tmp_path, env)
    assert (tmp_path / "corpus" / "jp-uk-dp-2025-joint-statement-en" / "metadata.toml").exists()
    assert commands(modules) == ["bkg_api.commands.ingest"]
    assert heavy(modules) == []


def test_query_imports_neither_server_nor_validation_nor_views(
    build_dir: Path, tmp_path: Path
) -> None:
    modules = imported(["query", "ASK {}", "--build", str(build_dir)], tmp_path)
    assert commands(modules) == ["bkg_api.commands.query"]
    assert heavy(modules) == []
