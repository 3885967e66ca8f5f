"""`bkg serve`: serve the graph over HTTP — SPARQL, REST, linked data and views."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import uvicorn

from bkg_graph import paths
from bkg_graph.kg import ensure_build
from bkg_graph.settings import Settings
from bkg_graph.store import open_store, uses_remote

from ..app import create_app


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", help="address to listen on (default: 127.0.0.1, or BKG_HOST)")
    p.add_argument("--port", type=int, help="port to listen on (default: 8000, or BKG_PORT)")
    p.add_argument(
        "--data",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="serve these RDF files (.ttl, .nt, .nq, .trig) instead of the built graph",
    )
    p.add_argument("--build", type=Path, help="build folder to serve (default: build/)")
    p.add_argument(
        "--data-dir",
        type=Path,
        help="where the on-disk store is kept (default: data/, or BKG_DATA_DIR)",
    )
    p.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    settings = Settings()
    host = args.host or settings.host
    port = settings.port if args.port is None else args.port
    files: list[Path] | None = args.data
    if not uses_remote(settings, build_dir=args.build, files=files) and not files:
        build = args.build or paths.build_dir()
        ensure_build(  # a folder named with --build is served as built, never replaced
            build,
            paths.corpus_dir(),
            settings,
            lambda m: print(f"· {m}", file=sys.stderr),
            rebuild=args.build is None,
        )
    store = open_store(settings, data_dir=args.data_dir, build_dir=args.build, files=files)
    try:
        app = create_app(settings, store)
        print(
            f"· serving graph {store.version} at http://{host}:{port}/sparql",
            file=sys.stderr,
            flush=True,
        )
        uvicorn.run(app, host=host, port=port, log_config=None, access_log=False)  # bkg_api.logs
    finally:
        store.close()
    return 0
