"""bilateral-kg library: build, store and query the knowledge graph of bilateral commitments."""

from .errors import BkgError
from .kg import BuildResult, build_kg
from .settings import Settings

__all__ = ["BkgError", "BuildResult", "Settings", "build_kg"]
