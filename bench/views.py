"""Benchmark of the network views: page generation per size, and time to draw in Chromium.

A synthetic graph of the report's shape (agencies acting in statements that concern
initiatives, with sentences and mentions) is generated at each size, loaded into the
embedded store, and taken through the real path: named queries → projection → layout →
page. The peer is pyvis (``Network.from_nx`` + ``generate_html``) on the same networkx
graph, in the same run. The browser time is from navigation start to vis-network's first
drawing (``bkgView.drawnAt``) of the self-contained file, in headless Chromium.

    python -m bench.views [--sizes 100,500,1000,2000,4000] [--no-browser]

``run()`` returns the Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from bkg_api.network_pages import Site, view_page
from bkg_graph.network import Kind, Source, ViewSpec, project
from bkg_graph.store import EmbeddedStore

SIZES = (100, 500, 1000, 2000, 4000)
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", "--disable-component-update", "--disable-sync"]  # fmt: skip
B = "https://w3id.org/bilateral-kg/id/"


def synthetic_graph(nodes: int, seed: int = 7) -> str:
    """Turtle for ``nodes`` agencies and initiatives (1:9) and one statement per initiative,
    acting agencies and a second initiative drawn at random."""
    rng = random.Random(seed)
    agencies = max(4, nodes // 10)
    initiatives = nodes - agencies
    out = [
        "@prefix bkg: <https://w3id.org/bilateral-kg/ontology#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        f"<{B}country/jp> a bkg:Country ; dcterms:identifier 'jp' ; rdfs:label 'Japan'@en .",
        f"<{B}country/uk> a bkg:Country ; dcterms:identifier 'uk' ; rdfs:label 'UK'@en .",
        f"<{B}document/d> a bkg:Document ; dcterms:identifier 'd' ; "
        "dcterms:issued '2024-01-16'^^xsd:date ; rdfs:label 'D'@en .",
        f"<{B}pillar/p> a bkg:Pillar ; dcterms:identifier 'p' ; rdfs:label 'P'@en .",
        f"<{B}theme/t> a bkg:Theme ; dcterms:identifier 't' ; rdfs:label 'T'@en .",
    ]
    for a in range(agencies):
        country = "jp" if a % 2 else "uk"
        out.append(
            f"<{B}agency/a{a}> a bkg:Agency ; dcterms:identifier 'a{a}' ; "
            f"bkg:country <{B}country/{country}> ; rdfs:label 'Agency {a}'@en, '省庁{a}'@ja ."
        )
    for i in range(initiatives):
        out.append(
            f"<{B}initiative/i{i}> a bkg:Initiative ; dcterms:identifier 'i{i}' ; "
            f"rdfs:label 'Initiative {i}'@en, '取組{i}'@ja ."
        )
    for s in range(initiatives):
        st = f"{B}statement/d/p/t/s{s}"
        actors = rng.sample(range(agencies), k=rng.choice((1, 1, 2, 3)))
        concerns = {s % initiatives, rng.randrange(initiatives)}
        out.append(
            f"<{st}> a bkg:Statement ; dcterms:source <{B}document/d> ; bkg:position {s} ; "
            f"bkg:pillar <{B}pillar/p> ; bkg:theme <{B}theme/t> ; "
            f"bkg:locator 'P › T › {s}'@en, '柱 › テーマ › {s}'@ja ; bkg:text '文{s}。' ; "
            f"bkg:sentence <{st}/sentence/1> ; "
            + " ; ".join(f"bkg:actor <{B}agency/a{a}>" for a in actors)
            + " ; "
            + " ; ".join(f"bkg:concerns <{B}initiative/i{i}>" for i in concerns)
            + " ."
        )
        out.append(f"<{st}/sentence/1> bkg:position 1 ; bkg:text '文{s}は取組に関する。' .")
        for k, i in enumerate(sorted(concerns)):
            out.append(
                f"<{st}/sentence/1/mention/{k}> bkg:inSentence <{st}/sentence/1> ; "
                f"bkg:entity <{B}initiative/i{i}> ."
            )
    return "\n".join(out) + "\n"


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    """The median of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pyvis_page(g: nx.Graph) -> str:
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    plain = nx.Graph()
    for v, d in g.nodes(data=True):
        plain.add_node(v, label=d["label_en"], title=d["label_ja"])
    plain.add_edges_from(g.edges())
    net.from_nx(plain)
    html: str = net.generate_html()
    return html


def measure(sizes: tuple[int, ...], browser: bool) -> list[dict[str, float]]:
    """Per size: nodes, edges, cold and warm page generation, the pyvis peer, page bytes
    and (with ``browser``) the time to draw. Cold reads the tables from the store (the
    first view of a graph version); warm reuses them, as the server does afterwards."""
    rows: list[dict[str, float]] = []
    spec = ViewSpec(kind=Kind.BIPARTITE)
    site = Site(root=None, live="http://127.0.0.1:8000", href=lambda iri: None)
    with tempfile.TemporaryDirectory() as tmp:
        pages: list[Path] = []
        for n in sizes:
            ttl = Path(tmp) / f"g{n}.ttl"
            ttl.write_text(synthetic_graph(n), encoding="utf-8")
            store = EmbeddedStore.from_files([ttl])
            warm_source = Source(store)

            def page(source: Source) -> str:
                return view_page(source, spec, version="bench", site=site)

            g = project(warm_source, spec)
            row = {
                "nodes": g.number_of_nodes(),
                "edges": g.number_of_edges(),
                "cold": timed(lambda store=store: page(Source(store))),  # type: ignore[misc]
                "warm": timed(lambda s=warm_source: page(s)),  # type: ignore[misc]
                "pyvis": timed(lambda g=g: pyvis_page(g), repeat=1),  # type: ignore[misc]
            }
            out = Path(tmp) / f"view{n}.html"
            out.write_text(page(warm_source), encoding="utf-8")
            row["bytes"] = out.stat().st_size
            pages.append(out)
            rows.append(row)
        if browser:
            for row, seconds in zip(rows, draw_times(pages), strict=True):
                row["draw"] = seconds
    return rows


def draw_times(pages: list[Path]) -> list[float]:
    """Seconds from navigation start to the first drawing, median of three loads."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = b.new_context(viewport={"width": 1280, "height": 900}, offline=True)
        for path in pages:
            times = []
            for _ in range(3):
                page = context.new_page()
                page.goto(path.as_uri())
                page.wait_for_selector("body[data-drawn='1']", state="attached", timeout=60_000)
                times.append(float(page.evaluate("bkgView.drawnAt")) / 1000)
                page.close()
            out.append(statistics.median(times))
        b.close()
    return out


def table(rows: list[dict[str, float]]) -> str:
    head = (
        "| nodes | edges | page, cold | page, warm | pyvis from_nx + generate_html "
        "| pyvis ÷ warm | page size | drawn in Chromium | warm page + drawing |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    lines = []
    for r in rows:
        draw = r.get("draw", float("nan"))
        lines.append(
            f"| {int(r['nodes']):,} | {int(r['edges']):,} | {r['cold']:.2f} s | "
            f"{r['warm']:.2f} s | {r['pyvis']:.2f} s | {r['pyvis'] / r['warm']:.1f}× | "
            f"{r['bytes'] / 1e6:.1f} MB | {draw:.2f} s | {r['warm'] + draw:.2f} s |"
        )
    return head + "\n".join(lines) + "\n"


def run(sizes: tuple[int, ...] = SIZES, browser: bool = True) -> str:
    """The benchmark's Markdown table (the hook for ``python -m bench``)."""
    return table(measure(sizes, browser))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.views", description=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(","))
    sys.stdout.write(run(sizes, browser=not args.no_browser))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
