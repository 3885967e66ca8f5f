"""The `bkg` sub-commands: one module each, imported only when its command runs.

Listing the commands (``bkg --help``) must not import them: the server's command pulls in
FastAPI and every page, ``brief`` the office libraries, ``validate`` pySHACL, ``view`` pyvis
— together seconds of start-up that ``bkg build`` or ``bkg ingest`` would pay for nothing.
So each command's one-line help is written here, and its module (named as the command) is
imported by :func:`load` when the command line names it. A module's ``register(parser)``
adds its arguments to the parser of its command and sets ``func``, the function to run.
"""

from __future__ import annotations

import importlib
from types import ModuleType

#: Command → the one line ``bkg --help`` shows for it (in the order shown).
COMMANDS: dict[str, str] = {
    "build": "build the graph from the corpus and print a summary",
    "validate": "check a graph against the SHACL shapes",
    "query": "run a SPARQL query (text or a .rq file) on the built graph",
    "serve": "serve the built graph (building it first if there is none) or given RDF files",
    "push": "load the built graph into the remote store, replacing the graphs bkg owns there",
    "view": "write a network view as one self-contained HTML file (works offline)",
    "export": "write a view as svg, png, graphml, gexf, csv or json",
    "ingest": "add documents (Markdown or text, Japanese or English) and rebuild the graph",
    "candidates": "list names not in the registry, with where they occur",
    "registry": "work with the curated registry (ontology/registry/)",
    "init": "make a working folder: a copy of the corpus and registry, build/ and data/",
    "brief": "write a briefing pack (docx, pptx or md) for an initiative, agency or topic",
}


def load(command: str) -> ModuleType:
    """The module of ``command`` (one of :data:`COMMANDS`), imported now."""
    if command not in COMMANDS:
        raise ValueError(f"no bkg command {command!r}")
    return importlib.import_module(f"{__name__}.{command}")


__all__ = ["COMMANDS", "load"]
