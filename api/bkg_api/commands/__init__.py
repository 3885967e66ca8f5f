"""One module per `bkg` sub-command; each has ``register(subparsers)``."""

from . import build, query, serve, validate

MODULES = [build, validate, query, serve]
