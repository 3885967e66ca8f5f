"""One module per `bkg` sub-command; each has ``register(subparsers)``."""

from . import build, query, validate

MODULES = [build, validate, query]
