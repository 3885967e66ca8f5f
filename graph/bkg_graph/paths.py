"""Where the data folders are: a setting first, then what ships with the package.

Every folder is a setting (``BKG_ONTOLOGY_DIR``, ``BKG_REGISTRY_DIR``, ``BKG_CORPUS_DIR``,
``BKG_BUILD_DIR``, ``BKG_DATA_DIR``); only :class:`~bkg_graph.settings.Settings` reads the
environment. Unset, the inputs (ontology, registry, bundled corpus) are the ones shipped with
the package — inside the installed wheel under ``bkg_graph/data/``, or the checkout's own
``ontology/`` and ``corpus/`` when running from a checkout, so that the checkout stays their
single source — and the outputs (``build/``, ``data/``) go into the checkout, or else into the
current folder. ``bkg init DIR`` makes a working folder whose ``.env`` names its own copies.
"""

from __future__ import annotations

from pathlib import Path

from .settings import Settings

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parents[1]
#: The folders the package ships (copied into the wheel by setup.py's build step).
SHIPPED = ("ontology", "corpus")


def in_checkout() -> bool:
    """True when this package runs from a source checkout rather than an installed wheel."""
    return (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "ontology").is_dir()


def shipped(name: str) -> Path:
    """The folder ``name`` (``ontology`` or ``corpus``) as shipped with the package."""
    packaged = _PACKAGE / "data" / name
    return packaged if packaged.is_dir() else _CHECKOUT / name


def _work() -> Path:
    """Where outputs go by default: the checkout, or else the current folder."""
    return _CHECKOUT if in_checkout() else Path.cwd()


def _pick(value: Path | None, default: Path) -> Path:
    return Path(value).expanduser().resolve() if value is not None else default


def ontology_dir(settings: Settings | None = None) -> Path:
    """The folder with bkg.ttl and shapes.ttl (and, unless set apart, the registry)."""
    s = settings or Settings()
    return _pick(s.ontology_dir, shipped("ontology"))


def registry_dir(settings: Settings | None = None) -> Path:
    """The curated registry (TOML): its own setting, else the ontology folder's registry/."""
    s = settings or Settings()
    return _pick(s.registry_dir, ontology_dir(s) / "registry")


def corpus_dir(settings: Settings | None = None) -> Path:
    """The folder of source documents, one sub-folder each."""
    return _pick((settings or Settings()).corpus_dir, shipped("corpus"))


def build_dir(settings: Settings | None = None) -> Path:
    """The default output folder of ``bkg build``."""
    return _pick((settings or Settings()).build_dir, _work() / "build")


def data_dir(settings: Settings | None = None) -> Path:
    """Where the server keeps its on-disk store (one folder per graph version)."""
    return _pick((settings or Settings()).data_dir, _work() / "data")


def queries_dir() -> Path:
    """The named SPARQL query library shipped inside the package."""
    return _PACKAGE / "queries"
