"""`bkg candidates`: names in the documents that the registry does not know, for curators."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bkg_graph import paths
from bkg_graph.errors import BuildMissing
from bkg_graph.output import MANIFEST, read_manifest


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("candidates", help="list names not in the registry, with where they occur")
    p.add_argument("--build", help="build folder (default: build/)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_candidates)


def cmd_candidates(args: argparse.Namespace) -> int:
    build = Path(args.build) if args.build else paths.build_dir()
    if not (build / MANIFEST).exists():
        raise BuildMissing(f"no built graph in {build}; run `bkg build` first")
    docs = read_manifest(build)["documents"]
    if args.format == "json":
        print(json.dumps({d["id"]: d["candidates"] for d in docs}, ensure_ascii=False, indent=1))
        return 0
    total = 0
    for doc in docs:
        for c in doc["candidates"]:
            total += 1
            print(f"{doc['id']}\t{c['term']}\t{c['locator']}\t…{c['context']}…")
    print(
        f"{total} candidate name(s); add entities to ontology/registry/ or ordinary words to "
        "ontology/registry/ignore.toml, then rebuild"
    )
    return 0
