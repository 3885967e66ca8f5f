"""`bkg validate`: check a graph against the SHACL shapes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bkg_graph import paths
from bkg_graph.validate import load_graph, validate


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", help="RDF file (default: the built kg.nq)")
    p.set_defaults(func=cmd_validate)


def cmd_validate(args: argparse.Namespace) -> int:
    target = Path(args.file) if args.file else paths.build_dir() / "kg.nq"
    if not target.exists():
        print(
            f"bkg: error: {target} not found; run `bkg build` first or give a file", file=sys.stderr
        )
        return 1
    report = validate(load_graph(target))
    if report.conforms:
        print(f"{target}: conforms to the shapes")
        return 0
    print(f"{target}: {len(report.violations)} violation(s)")
    for v in report.violations:
        print(f"  - {v}")
    return 1
