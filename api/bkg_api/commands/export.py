"""`bkg export`: a view as SVG, PNG, GraphML, GEXF, CSV or JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bkg_graph.network.files import FORMATS, TABLES, export
from bkg_graph.network.project import resolve_spec
from bkg_graph.settings import Settings

from ..network_pages import Site, footer
from .view import add_view_arguments, live_url, open_source, spec_from_args, write_atomically


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help="write a view as svg, png, graphml, gexf, csv or json")
    p.add_argument("--format", required=True, choices=FORMATS, help="the file format")
    add_view_arguments(p)
    p.add_argument(
        "--table", choices=TABLES, default="edges", help="csv: links with citations or nodes"
    )
    p.add_argument(
        "--size",
        choices=("slide", "print"),
        default="slide",
        help="svg/png: slide (1600×900 px) or print (A4 landscape, 300 dpi)",
    )
    p.add_argument(
        "--out", required=True, metavar="FILE", help="file to write ('-' for standard output)"
    )
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    spec = spec_from_args(args)
    site = Site(root=None, live=live_url(Settings()), href=lambda iri: None)
    with open_source(args) as (store, source):
        spec = resolve_spec(source, spec)  # ids for names, so the footer's link is canonical
        foot = footer(source, store.version, spec, site)
        data = export(source, spec, args.format, table=args.table, size=args.size, footer=foot)
    if args.out == "-":
        sys.stdout.buffer.write(data)
    else:
        write_atomically(Path(args.out), data)
        print(f"· wrote {args.out} ({len(data):,} bytes; {spec.to_query()})", file=sys.stderr)
    return 0
