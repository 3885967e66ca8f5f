"""One module per `bkg` sub-command; each has ``register(subparsers)``."""

from . import build, candidates, export, ingest, query, serve, validate, view

MODULES = [build, validate, query, serve, view, export, ingest, candidates]
