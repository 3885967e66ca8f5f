"""The ``bkg`` command line: build, validate, query (and the commands later issues add).

Every command exits 0 on success, 1 on a user error (the message says what and where) and 2
on bad usage; a bug is left to surface as a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pyoxigraph as ox
from bkg_graph import paths
from bkg_graph.errors import BkgError
from bkg_graph.kg import build_kg
from bkg_graph.settings import Settings
from bkg_graph.store import open_build
from bkg_graph.validate import load_graph, validate

Command = Callable[[argparse.Namespace], int]


def _err(message: str) -> None:
    print(f"bkg: error: {message}", file=sys.stderr)


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
    initiative_kinds = (
        "Initiative",
        "Programme",
        "Coalition",
        "Framework",
        "Process",
        "WorkingGroup",
        "Dialogue",
        "Project",
        "Forum",
        "Partnership",
    )
    summary = dict(counts)
    summary["Initiative"] = sum(counts.get(k, 0) for k in initiative_kinds)
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


def cmd_validate(args: argparse.Namespace) -> int:
    target = Path(args.file) if args.file else paths.build_dir() / "kg.nq"
    if not target.exists():
        _err(f"{target} not found; run `bkg build` first or give a file")
        return 1
    report = validate(load_graph(target))
    if report.conforms:
        print(f"{target}: conforms to the shapes")
        return 0
    print(f"{target}: {len(report.violations)} violation(s)")
    for v in report.violations:
        print(f"  - {v}")
    return 1


def cmd_query(args: argparse.Namespace) -> int:
    text = args.query
    if text.endswith(".rq") and Path(text).exists():
        text = Path(text).read_text(encoding="utf-8")
    store = open_build(Path(args.build) if args.build else paths.build_dir())
    result = store.query(text)
    sys.stdout.write(format_result(result, args.format))
    return 0


def format_result(result: object, fmt: str) -> str:
    """A query result as json, csv or an aligned text table."""
    if isinstance(result, ox.QueryBoolean):
        return (
            json.dumps({"boolean": bool(result)}) + "\n" if fmt == "json" else f"{bool(result)}\n"
        )
    if isinstance(result, ox.QueryTriples):
        data = ox.serialize(result, format=ox.RdfFormat.TURTLE)
        assert data is not None
        return data.decode("utf-8")
    assert isinstance(result, ox.QuerySolutions)
    if fmt == "json":
        data = result.serialize(format=ox.QueryResultsFormat.JSON)
        assert data is not None
        return data.decode("utf-8") + "\n"
    names = [v.value for v in result.variables]
    rows = [[_plain(sol[n]) for n in names] for sol in result]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return buf.getvalue()
    widths = [max([_width(n), *(_width(r[i]) for r in rows)]) for i, n in enumerate(names)]
    lines = [" | ".join(_pad(n, w) for n, w in zip(names, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _plain(term: object) -> str:
    return "" if term is None else str(getattr(term, "value", term))


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bkg",
        description="bilateral-kg: a knowledge graph of bilateral government commitments.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="build the graph from the corpus and print a summary")
    p.add_argument("--out", help="output folder (default: build/, or BKG_BUILD_DIR)")
    p.add_argument("--corpus", help="corpus folder (default: corpus/, or BKG_CORPUS_DIR)")
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", help="check a graph against the SHACL shapes")
    p.add_argument("file", nargs="?", help="RDF file (default: the built kg.nq)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("query", help="run a SPARQL query (text or a .rq file) on the built graph")
    p.add_argument("query", help="SPARQL text or path to a .rq file")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--build", help="build folder to query (default: build/)")
    p.set_defaults(func=cmd_query)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Command = args.func
    try:
        return func(args)
    except BkgError as exc:
        _err(str(exc))
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
