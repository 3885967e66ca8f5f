"""`bkg validate`: check a graph against the SHACL shapes."""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from pathlib import Path

from bkg_graph import paths
from bkg_graph.output import NQUADS
from bkg_graph.settings import Settings
from bkg_graph.transaction import reader_lock
from bkg_graph.validate import load_graph, validate


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", help="RDF file (default: the built kg.nq)")
    p.set_defaults(func=cmd_validate)


def cmd_validate(args: argparse.Namespace) -> int:
    target = Path(args.file) if args.file else paths.build_dir() / NQUADS
    if not target.exists():
        print(
            f"bkg: error: {target} not found; run `bkg build` first or give a file", file=sys.stderr
        )
        return 1
    # a build's kg.nq is read under the build's lock (an ingest changes it in place)
    with (
        reader_lock(target.parent, Settings().write_lock_timeout)
        if not args.file
        else nullcontext()
    ):
        graph = load_graph(target)
    report = validate(graph)
    if report.conforms:
        print(f"{target}: conforms to the shapes")
        return 0
    print(f"{target}: {len(report.violations)} violation(s)")
    for v in report.violations:
        print(f"  - {v}")
    return 1
