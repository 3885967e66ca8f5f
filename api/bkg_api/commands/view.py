"""`bkg view`: write a network view (or the counterpart matrix) as one self-contained HTML
file that works offline — vis-network, our script and the data are all inside it."""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bkg_graph.network import Kind, Source, ViewSpec
from bkg_graph.network.project import resolve_spec
from bkg_graph.settings import Settings
from bkg_graph.store import GraphStore, open_store

from ..network_pages import Site, matrix_page, view_page

FACETS = ("pillar", "theme", "status", "country", "document")


def add_view_arguments(p: argparse.ArgumentParser) -> None:
    """The options every view command takes: what to show, and the filters."""
    p.add_argument(
        "--kind",
        choices=[k.value for k in Kind],
        help="bipartite (agencies × initiatives, the default), coparticipation, "
        "neighbourhood (needs --focus) or matrix (Japanese × UK agencies)",
    )
    p.add_argument(
        "--focus", help="centre of a neighbourhood: agency/mic, MIC, 総務省, GCOT or an IRI"
    )
    p.add_argument("--depth", type=int, choices=(1, 2), help="neighbourhood depth (default 1)")
    p.add_argument("--lang", choices=("en", "ja"), help="label language (default en)")
    for facet in FACETS:
        p.add_argument(
            f"--{facet}",
            action="append",
            metavar="ID",
            help=f"only this {facet}: id or name, any case (repeat, or separate with commas)",
        )
    p.add_argument(
        "--evidence",
        action="append",
        metavar="KINDS",
        help="kinds of evidence of participation that count: named, reference, collective "
        "(comma-separated; default named,reference)",
    )
    p.add_argument("--from", dest="date_from", metavar="DATE", help="from YYYY[-MM[-DD]]")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="to YYYY[-MM[-DD]]")
    p.add_argument(
        "--build",
        type=Path,
        help="build folder to read (default: build/, or the remote store if BKG_STORE_URL is set)",
    )


def spec_from_args(args: argparse.Namespace) -> ViewSpec:
    """The view the options describe, checked exactly as a URL's query string is."""
    items: list[tuple[str, str]] = []
    for key in ("kind", "focus", "depth", "lang"):
        if getattr(args, key) is not None:
            items.append((key, str(getattr(args, key))))
    for facet in FACETS:
        items += [(facet, v) for v in getattr(args, facet) or []]
    items += [("evidence", v) for v in args.evidence or []]
    for key, attr in (("from", "date_from"), ("to", "date_to")):
        if getattr(args, attr):
            items.append((key, getattr(args, attr)))
    return ViewSpec.from_query(items)


@contextmanager
def open_source(args: argparse.Namespace) -> Iterator[tuple[GraphStore, Source]]:
    """The built graph (``--build``), or the remote store when one is configured."""
    settings = Settings()
    store = open_store(settings, server=False, build_dir=args.build)
    try:
        yield store, Source(store, max_rows=settings.view_max_rows)
    finally:
        store.close()


def live_url(settings: Settings) -> str:
    return settings.public_url or f"http://{settings.host}:{settings.port}"


def write_atomically(out: Path, data: bytes) -> None:
    """Write ``out`` whole or not at all (a failed write leaves any old file as it was).

    The file gets the permissions any new file of the user gets (0666 less the umask), not
    the 0600 of the temporary file it is renamed from, so colleagues can open it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            os.fchmod(fh.fileno(), 0o666 & ~current_umask())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    """The process's umask (read by setting it and putting it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def register(p: argparse.ArgumentParser) -> None:
    add_view_arguments(p)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.html", help="file to write")
    p.set_defaults(func=cmd_view)


def cmd_view(args: argparse.Namespace) -> int:
    spec = spec_from_args(args)
    site = Site(root=None, live=live_url(Settings()), href=lambda iri: None)
    with open_source(args) as (store, source):
        spec = resolve_spec(source, spec)  # ids for names, so the page's links are canonical
        if spec.kind is Kind.MATRIX:
            page = matrix_page(source, spec, version=store.version, site=site)
        else:
            page = view_page(source, spec, version=store.version, site=site)
    write_atomically(args.out, page.encode("utf-8"))
    print(f"· wrote {args.out} ({spec.to_query()})")
    return 0
