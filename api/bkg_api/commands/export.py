"""`bkg export`: a view as SVG, PNG, GraphML, GEXF, CSV or JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bkg_graph.network.export import COLOURINGS
from bkg_graph.network.files import FORMATS, SIZE_NAMES, TABLES, export
from bkg_graph.network.project import resolve_spec
from bkg_graph.network.render import Footer
from bkg_graph.settings import Settings

from .view import add_view_arguments, open_source, spec_from_args, write_atomically


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", required=True, choices=FORMATS, help="the file format")
    add_view_arguments(p)
    p.add_argument(
        "--table", choices=TABLES, default="edges", help="csv: links with citations or nodes"
    )
    add_drawing_arguments(p)
    p.add_argument(
        "--out", required=True, metavar="FILE", help="file to write ('-' for standard output)"
    )
    p.set_defaults(func=cmd_export)


def add_drawing_arguments(p: argparse.ArgumentParser) -> None:
    """How a picture is drawn: its printed size and what colours its lines."""
    p.add_argument(
        "--size",
        choices=SIZE_NAMES,
        default="slide",
        help="svg/png: slide (16:9, 13⅓ × 7½ in), a4-half (16 × 13 cm), a4-full "
        "(16 × 24 cm), print (A4 landscape); PNG at 300 dpi, no text under 8 pt",
    )
    p.add_argument(
        "--colour",
        choices=COLOURINGS,
        default="kind",
        help="svg/png: lines in grey (kind) or coloured by their statements' status",
    )


def public_footer(settings: Settings, version: str, as_of: str, page: str, query: str) -> Footer:
    """The footer of a file: its link only when BKG_PUBLIC_URL names a public address (a
    reader of a briefing cannot open the writer's own machine)."""
    base = (settings.public_url or "").rstrip("/")
    return Footer(version, as_of, "", f"{base}/{page}?{query}" if base else "")


def cmd_export(args: argparse.Namespace) -> int:
    spec = spec_from_args(args)
    with open_source(args) as (store, source):
        spec = resolve_spec(source, spec)  # ids for names, so the footer's link is canonical
        page = "matrix" if spec.kind.value == "matrix" else "view"
        foot = public_footer(Settings(), store.version, source.as_of, page, spec.to_query())
        data = export(
            source,
            spec,
            args.format,
            table=args.table,
            size=args.size,
            footer=foot,
            colour=args.colour,
        )
    if args.out == "-":
        sys.stdout.buffer.write(data)
    else:
        write_atomically(Path(args.out), data)
        print(f"· wrote {args.out} ({len(data):,} bytes; {spec.to_query()})", file=sys.stderr)
    return 0
