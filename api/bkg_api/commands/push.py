"""`bkg push`: load the built graph into the remote SPARQL store (``BKG_STORE_*`` settings)."""

from __future__ import annotations

import argparse
from pathlib import Path

from bkg_graph import paths
from bkg_graph.errors import BuildMissing, InputError
from bkg_graph.output import MANIFEST, NQUADS, read_manifest
from bkg_graph.settings import Settings
from bkg_graph.store.embedded import files_version
from bkg_graph.store.remote.local_graphs import read_graphs
from bkg_graph.store.remote.push import BATCH, PushReport, push
from bkg_graph.store.remote.transport import safe_url
from bkg_graph.transaction import reader_lock

from ..progress import Reporter


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--build", type=Path, help="build folder to push (default: build/)")
    p.add_argument(
        "--data",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="push these RDF files (.ttl, .nt, .nq, .trig) instead of the built graph",
    )
    p.add_argument(
        "--batch",
        type=int,
        default=BATCH,
        metavar="N",
        help=f"graphs switched in one request (default {BATCH}; each batch switches at once)",
    )
    p.add_argument("--quiet", action="store_true", help="only errors and the final line")
    p.set_defaults(func=cmd_push)


def cmd_push(args: argparse.Namespace) -> int:
    settings = Settings()
    files: list[Path] | None = args.data
    if args.batch < 1:
        raise InputError("--batch must be at least 1")
    graphs = None
    if files:
        version = files_version(files)
    else:
        build = args.build or paths.build_dir()
        # read whole under the build's lock (an ingest changes kg.nq in place), then pushed
        with reader_lock(build, settings.write_lock_timeout):
            if not (build / NQUADS).exists() or not (build / MANIFEST).exists():
                raise BuildMissing(f"no built graph in {build}; run `bkg build` first")
            files, version = [build / NQUADS], str(read_manifest(build)["version"])
            graphs = read_graphs(files, settings.base_iri)
    with Reporter(quiet=args.quiet) as reporter:
        shown = Shown(reporter, version)
        report = push(settings, files, version, shown, args.batch, graphs)
    print(summary(report, safe_url(settings.store_url)))
    return 0 if report.error is None else 1


class Shown:
    """What ``bkg push`` shows while it works: graphs uploaded of those to upload, each
    switch of uploaded graphs into place, each graph removed, the version published."""

    def __init__(self, reporter: Reporter, version: str) -> None:
        self.reporter = reporter
        self.version = version
        self.planned = 0
        self.uploaded = 0

    def __call__(self, what: str, graphs: list[str]) -> None:
        if what == "planned":
            self.planned = len(graphs)
        elif what == "uploaded":
            self.uploaded += len(graphs)
            self.reporter.count(
                self.uploaded, self.planned, "uploading graphs", "uploaded", "graphs"
            )
        elif what == "switching":
            self.reporter.message(f"switching {_graphs(len(graphs))} into place")
        elif what == "removed":
            for graph in graphs:
                self.reporter.message(f"removed <{graph}>")
        elif what == "publishing":
            self.reporter.message(f"publishing graph {self.version} ({_graphs(len(graphs))})")


def _graphs(n: int) -> str:
    return f"{n} graph" if n == 1 else f"{n} graphs"


def summary(report: PushReport, where: str) -> str:
    """What the push did, graph by graph when it stopped half-way."""
    counts = (
        f"{len(report.updated)} updated, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed"
    )
    if report.error is None:
        return f"pushed graph {report.version} to {where}: {counts}"
    lines = [
        f"push of {report.version} to {where} STOPPED: {report.error}",
        f"  {counts}; each graph below is either fully old or fully new:",
    ]
    lines += [f"  new:  <{g}>" for g in report.updated]
    lines += [f"  gone: <{g}>" for g in report.removed]
    lines += [f"  not updated (as before): <{g}>" for g in report.pending]
    lines += [f"  old or new (the store could not say): <{g}>" for g in report.unknown]
    lines.append("  run `bkg push` again to finish")
    return "\n".join(lines)
