"""`bkg query`: run a SPARQL query on the built graph."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import unicodedata
from pathlib import Path

import pyoxigraph as ox

from bkg_graph import paths
from bkg_graph.store import open_build


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("query", help="run a SPARQL query (text or a .rq file) on the built graph")
    p.add_argument("query", help="SPARQL text or path to a .rq file")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--build", help="build folder to query (default: build/)")
    p.set_defaults(func=cmd_query)


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
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
