"""bilateral-kg library: build, store and query the knowledge graph of bilateral commitments.

The names below are imported on first use (PEP 562), so that importing one module of the
package — as each query worker process does — does not load rdflib and the build pipeline.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import BkgError

if TYPE_CHECKING:
    from .briefing import citation_table, export_file, to_networkx, write_csv
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
        statements_page,
    )
    from .settings import Settings

_WHERE = {
    "BuildResult": "kg",
    "build_kg": "kg",
    "run_query": "queries.run",
    "agencies": "questions",
    "agencies_by_country": "questions",
    "agency": "questions",
    "documents": "questions",
    "initiative": "questions",
    "initiatives": "questions",
    "load_graph": "questions",
    "search": "questions",
    "shared_initiatives": "questions",
    "statements": "questions",
    "statements_by_status_date": "questions",
    "statements_page": "questions",
    "Settings": "settings",
    "citation_table": "briefing",
    "export_file": "briefing",
    "to_networkx": "briefing",
    "write_csv": "briefing",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'bkg_graph' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "BkgError",
    "BuildResult",
    "Settings",
    "agencies",
    "agencies_by_country",
    "agency",
    "build_kg",
    "citation_table",
    "documents",
    "export_file",
    "initiative",
    "initiatives",
    "load_graph",
    "run_query",
    "search",
    "shared_initiatives",
    "statements",
    "statements_by_status_date",
    "statements_page",
    "to_networkx",
    "write_csv",
]
