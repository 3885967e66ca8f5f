"""`bkg build`: build the graph from the corpus and print a summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bkg_graph import paths
from bkg_graph.kg import build_kg
from bkg_graph.registry import BASE_KIND
from bkg_graph.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("build", help="build the graph from the corpus and print a summary")
    p.add_argument("--out", help="output folder (default: build/, or BKG_BUILD_DIR)")
    p.add_argument("--corpus", help="corpus folder (default: corpus/, or BKG_CORPUS_DIR)")
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    p.set_defaults(func=cmd_build)


def cmd_build(args: argparse.Namespace) -> int:
    out = Path(args.out) if args.out else paths.build_dir()
    settings = Settings()

    def progress(msg: str) -> None:
        if not args.quiet:
            print(f"· {msg}", file=sys.stderr)

    result = build_kg(
        corpus=Path(args.corpus) if args.corpus else None,
        out_dir=out,
        settings=settings,
        progress=progress,
    )
    m = result.manifest
    print(f"built graph {m['version']} ({m['quads']:,} quads) in {out}")
    for doc in m["documents"]:
        print(f"  {doc['id']}: {doc['statements']} statements")
    core = (
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
    counts = m["counts"]
    summary = dict(counts)
    summary["Initiative"] = sum(n for k, n in counts.items() if BASE_KIND.get(k) == "Initiative")
    print("  " + ", ".join(f"{k}: {summary.get(k, 0)}" for k in core))
    for doc in m["documents"]:
        if doc["warnings"]:
            print(f"warnings in {doc['id']} ({len(doc['warnings'])}):")
            for w in doc["warnings"]:
                print(f"  - {w}")
        if doc["candidates"]:
            print(f"names not in the registry in {doc['id']} ({len(doc['candidates'])}):")
            for c in doc["candidates"]:
                print(f"  - {c['term']}  [{c['locator']}]  …{c['context']}…")
    return 0
