"""bilateral-kg library: build, store and query the knowledge graph of bilateral commitments."""

from .errors import BkgError
from .kg import BuildResult, build_kg
from .queries.run import run_query
from .questions import (
    agencies,
    agencies_by_country,
    agency,
    documents,
    initiative,
    initiatives,
    load_graph,
    search,
    shared_initiatives,
    statements,
    statements_by_status_date,
)
from .settings import Settings

__all__ = [
    "BkgError",
    "BuildResult",
    "Settings",
    "agencies",
    "agencies_by_country",
    "agency",
    "build_kg",
    "documents",
    "initiative",
    "initiatives",
    "load_graph",
    "run_query",
    "search",
    "shared_initiatives",
    "statements",
    "statements_by_status_date",
]
