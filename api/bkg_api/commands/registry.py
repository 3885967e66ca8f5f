"""`bkg registry check`: validate the curated registry and list every problem, with where."""

from __future__ import annotations

import argparse
from pathlib import Path

from bkg_graph import paths
from bkg_graph.registry import load_registry
from bkg_graph.registry_check import check_registry


def register(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser(
        "check",
        help="list duplicate ids and names, names shared by two entities, missing labels, "
        "unknown references and parties that are neither a country nor a supranational body",
    )
    check.add_argument("--registry", help="registry folder (default: ontology/registry/)")
    check.add_argument(
        "extra",
        nargs="*",
        metavar="FILE.toml",
        help="entity files checked together with the registry (e.g. stubs from "
        "`bkg candidates --write`)",
    )
    check.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    folder = Path(args.registry) if args.registry else paths.registry_dir()
    problems = check_registry(folder, tuple(Path(f) for f in args.extra))
    if problems:
        print(f"{folder}: {len(problems)} problem(s)")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    registry = load_registry(folder)
    print(
        f"{folder}: no problems ({len(registry.entities)} entities, "
        f"{len(registry.collectives)} collective terms, statuses: "
        f"{', '.join(registry.statuses)})"
    )
    return 0
