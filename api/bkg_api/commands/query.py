"""`bkg query`: run a SPARQL query on the built graph."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import unicodedata
from pathlib import Path

from bkg_graph.settings import Settings
from bkg_graph.store import QueryAnswer, QueryForm, check, open_store
from bkg_graph.store.base import CSV_RESULTS, JSON_RESULTS


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", help="SPARQL text or path to a .rq file")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument(
        "--build", help="build folder to query (default: build/, or the remote store if set)"
    )
    p.set_defaults(func=cmd_query)


def cmd_query(args: argparse.Namespace) -> int:
    text = args.query
    if text.endswith(".rq") and Path(text).exists():
        text = Path(text).read_text(encoding="utf-8")
    store = open_store(Settings(), server=False, build_dir=Path(args.build) if args.build else None)
    checked = check(text)
    if checked.form in (QueryForm.CONSTRUCT, QueryForm.DESCRIBE):
        sys.stdout.write(store.construct(text).decode("utf-8"))
        return 0
    media_type = CSV_RESULTS if args.format == "csv" else JSON_RESULTS
    sys.stdout.write(format_result(store.run(text, media_type), args.format))
    return 0


def format_result(answer: QueryAnswer, fmt: str) -> str:
    """A SELECT or ASK answer as json, csv or an aligned text table."""
    if fmt == "csv" and answer.form is QueryForm.SELECT:
        return answer.body.decode("utf-8").replace("\r\n", "\n")
    doc = json.loads(answer.body)
    if answer.form is QueryForm.ASK:
        return (
            json.dumps({"boolean": doc["boolean"]}) + "\n"
            if fmt == "json"
            else f"{doc['boolean']}\n"
        )
    if fmt == "json":
        doc.pop("limits", None)
        return json.dumps(doc, ensure_ascii=False) + "\n"
    names: list[str] = doc["head"]["vars"]
    rows = [[b.get(n, {}).get("value", "") for n in names] for b in doc["results"]["bindings"]]
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


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
