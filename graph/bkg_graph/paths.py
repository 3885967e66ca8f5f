"""Where the data folders are: an environment variable first, then the checkout."""

from __future__ import annotations

import os
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[2]


def _pick(env: str, default: Path) -> Path:
    value = os.environ.get(env)
    return Path(value).expanduser().resolve() if value else default


def ontology_dir() -> Path:
    """The folder with bkg.ttl, shapes.ttl and the registry."""
    return _pick("BKG_ONTOLOGY_DIR", _CHECKOUT / "ontology")


def registry_dir() -> Path:
    return ontology_dir() / "registry"


def corpus_dir() -> Path:
    """The folder of bundled source documents, one sub-folder each."""
    return _pick("BKG_CORPUS_DIR", _CHECKOUT / "corpus")


def build_dir() -> Path:
    """The default output folder of ``bkg build``."""
    return _pick("BKG_BUILD_DIR", _CHECKOUT / "build")


def data_dir() -> Path:
    """Where the server keeps its on-disk store (one folder per graph version)."""
    return _pick("BKG_DATA_DIR", _CHECKOUT / "data")


def queries_dir() -> Path:
    """The named SPARQL query library shipped inside the package."""
    return Path(__file__).resolve().parent / "queries"
