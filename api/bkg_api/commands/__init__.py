"""One module per `bkg` sub-command; each has ``register(subparsers)``."""

from . import brief, build, candidates, export, ingest, push, query, serve, validate, view

MODULES = [build, validate, query, serve, push, view, export, ingest, candidates]
MODULES.append(brief)
