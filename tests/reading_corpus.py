"""The reading test corpus (tests/data/corpus-reading/): where it is, and an ontology folder
whose registry holds the corpus's additions, as a curator would add them (data only)."""

from __future__ import annotations

import shutil
from pathlib import Path

from bkg_graph import paths

HERE = Path(__file__).resolve().parent / "data" / "corpus-reading"
CORPUS = HERE / "corpus"


def ontology_with_additions(folder: Path) -> Path:
    """A copy of ontology/ in ``folder`` with each file of the corpus's ``registry/``
    appended to the registry file of the same name; returns the copy."""
    target = folder / "ontology"
    shutil.copytree(paths.ontology_dir(), target)
    for extra in sorted((HERE / "registry").glob("*.toml")):
        with (target / "registry" / extra.name).open("a", encoding="utf-8") as fh:
            fh.write("\n" + extra.read_text(encoding="utf-8"))
    return target
