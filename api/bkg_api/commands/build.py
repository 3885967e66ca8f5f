"""`bkg build`: build the graph from the corpus (only what changed) and print a summary."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bkg_graph import paths
from bkg_graph.kg import FORMATS, build_kg
from bkg_graph.registry import BASE_KIND
from bkg_graph.settings import Settings

from ..progress import Reporter

CORE = (
    "Agency",
    "Country",
    "Organization",
    "Company",
    "Initiative",
    "Event",
    "Document",
    "Statement",
    "Sentence",
    "Mention",
    "Participation",
    "CoParticipation",
)


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", help="output folder (default: build/, or BKG_BUILD_DIR)")
    p.add_argument("--corpus", help="corpus folder (default: corpus/, or BKG_CORPUS_DIR)")
    p.add_argument(
        "--formats",
        default="nq",
        help="comma-separated: nq (always), ttl, jsonld (default: nq)",
    )
    p.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    level = p.add_mutually_exclusive_group()
    level.add_argument("--quiet", action="store_true", help="only errors and the final line")
    level.add_argument("--verbose", action="store_true", help="every warning of every document")
    p.set_defaults(func=cmd_build)


def parse_formats(text: str) -> tuple[str, ...]:
    wanted = {f.strip() for f in text.split(",") if f.strip()} | {"nq"}
    unknown = wanted - set(FORMATS)
    if unknown:
        raise SystemExit(f"bkg build: unknown format(s) {', '.join(sorted(unknown))}")
    return tuple(f for f in FORMATS if f in wanted)


def cmd_build(args: argparse.Namespace) -> int:
    out = Path(args.out) if args.out else paths.build_dir()
    with Reporter(quiet=args.quiet) as report:
        result = build_kg(
            corpus=Path(args.corpus) if args.corpus else None,
            out_dir=out,
            settings=Settings(),
            progress=report.message,
            tick=report.tick,
            formats=parse_formats(args.formats),
            force=args.force,
        )
    m = result.manifest
    if not args.quiet:
        summary(m, verbose=args.verbose)
    state = "up to date" if result.up_to_date else f"built, {len(result.read)} documents read"
    size = f"{m['quads']:,} quads, {len(m['documents'])} documents"
    print(f"graph {m['version']} ({size}) in {out}: {state}")
    return 0


def summary(m: dict[str, Any], *, verbose: bool) -> None:
    """Counts per document and kind; warnings and unknown names, in full with ``verbose``."""
    for doc in m["documents"]:
        print(f"  {doc['id']}: {doc['statements']} statements")
    counts = m["counts"]
    shown = dict(counts)
    shown["Initiative"] = sum(n for k, n in counts.items() if BASE_KIND.get(k) == "Initiative")
    print("  " + ", ".join(f"{k}: {shown.get(k, 0)}" for k in CORE))
    for doc in m["documents"]:
        warnings, names = doc["warnings"], doc["candidates"]
        if not (warnings or names):
            continue
        if not verbose:
            print(
                f"  {doc['id']}: {len(warnings)} warnings, {len(names)} names not in the "
                "registry (--verbose lists them)"
            )
            continue
        if warnings:
            print(f"warnings in {doc['id']} ({len(warnings)}):")
            for w in warnings:
                print(f"  - {w}")
        if names:
            print(f"names not in the registry in {doc['id']} ({len(names)}):")
            for c in names:
                print(f"  - {c['term']}  [{c['locator']}]  …{c['context']}…")
