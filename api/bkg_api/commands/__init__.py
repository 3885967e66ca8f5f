"""One module per `bkg` sub-command; each has ``register(subparsers)``."""

from . import (
    brief,
    build,
    candidates,
    export,
    ingest,
    init,
    push,
    query,
    registry,
    serve,
    validate,
    view,
)

MODULES = [
    build,
    validate,
    query,
    serve,
    push,
    view,
    export,
    ingest,
    candidates,
    registry,
    init,
    brief,
]
