"""`bkg brief`: a briefing pack — Word, PowerPoint or Markdown — for an initiative, an
agency, a pair of agencies or a topic, with its figure as PNG and SVG beside it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bkg_graph.brief import FORMATS, Selection, make_brief
from bkg_graph.evidence import parse_evidence
from bkg_graph.settings import Settings

from .export import public_footer
from .view import open_source, write_atomically


def register(p: argparse.ArgumentParser) -> None:
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--initiative", metavar="ID", help="an initiative, e.g. gcot")
    what.add_argument(
        "--agency",
        action="append",
        metavar="ID",
        help="an agency, e.g. mic; repeat for a pair (--agency mic --agency dsit)",
    )
    what.add_argument("--topic", metavar="ID", help="a theme or pillar, e.g. ai")
    p.add_argument("--format", choices=FORMATS, default="docx", help="the pack's format")
    p.add_argument("--lang", choices=("en", "ja"), default="en", help="language (default en)")
    p.add_argument(
        "--evidence",
        metavar="KINDS",
        help="kinds of evidence of participation, comma-separated: named, reference, "
        "collective (default named,reference)",
    )
    p.add_argument(
        "--build",
        type=Path,
        help="build folder to read (default: build/, or the remote store if BKG_STORE_URL is set)",
    )
    p.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE",
        help="the document; its figure is written beside it as FILE-figure.png and .svg",
    )
    p.set_defaults(func=cmd_brief)


def cmd_brief(args: argparse.Namespace) -> int:
    selection = Selection(
        initiative=args.initiative,
        agencies=tuple(args.agency or ()),
        topic=args.topic,
        lang=args.lang,
        evidence=parse_evidence(args.evidence),
    )
    out: Path = args.out
    stem = out.name.removesuffix(out.suffix) if out.suffix else out.name
    with open_source(args) as (store, source):
        query = selection.to_query() + f"&format={args.format}"
        footer = public_footer(Settings(), store.version, source.as_of, "brief", query)
        files = make_brief(source, selection, args.format, footer=footer, stem=stem)
    for suffix, data in files.items():
        path = out if not suffix else out.with_name(stem + suffix)
        write_atomically(path, data)
        print(f"· wrote {path} ({len(data):,} bytes)", file=sys.stderr)
    return 0
