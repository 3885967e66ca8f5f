"""`bkg candidates`: names in the documents that the registry does not know, for curators."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bkg_graph import paths
from bkg_graph.corpus import discover
from bkg_graph.errors import BuildMissing
from bkg_graph.output import MANIFEST, read_manifest
from bkg_graph.pipeline.statements import read_document
from bkg_graph.pipeline.stubs import stubs, stubs_toml
from bkg_graph.registry import load_registry
from bkg_graph.settings import Settings


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--build", help="build folder (default: build/)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--write",
        metavar="FILE.toml",
        help="read the corpus and write registry stubs (id, guessed type, label in the "
        "document's language, where seen) for a curator to complete",
    )
    p.add_argument("--corpus", help="corpus folder for --write (default: corpus/)")
    p.set_defaults(func=cmd_candidates)


def cmd_write(args: argparse.Namespace) -> int:
    """Read every document afresh (no build needed) and write the stubs file."""
    registry = load_registry(paths.registry_dir())
    corpus = Path(args.corpus) if args.corpus else paths.corpus_dir()
    limit = Settings().max_document_bytes
    records = [read_document(m, registry, max_bytes=limit) for m in discover(corpus)]
    items = stubs(records, registry)
    Path(args.write).write_text(stubs_toml(items), encoding="utf-8")
    print(f"{len(items)} stub(s) written to {args.write}; complete them, then `bkg registry check`")
    return 0


def cmd_candidates(args: argparse.Namespace) -> int:
    if args.write:
        return cmd_write(args)
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
