"""Briefing-grade pictures, read back as a reader's SVG viewer draws them: no label box over
another, none off the canvas, the drawing filling the page, no text under 8 pt — for the
default views of the bundled report and of a corpus with the test documents ingested, in
English and Japanese, at every size. Also the three-column partnership layout itself."""

from __future__ import annotations

import io
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from PIL import Image
from svg_boxes import SVG, canvas, drawn_fraction, outside, overlapping, text_boxes

from bkg_graph import paths
from bkg_graph.ingest import plan_ingest
from bkg_graph.kg import build_kg
from bkg_graph.network import Kind, Source, ViewSpec, project
from bkg_graph.network.columns import parties
from bkg_graph.network.export import Format, draw
from bkg_graph.network.figure import SIZES, footer_line
from bkg_graph.network.files import export
from bkg_graph.network.layout import _barycentre, column_order, crossings
from bkg_graph.network.render import Footer
from bkg_graph.registry import Registry
from bkg_graph.settings import Settings
from bkg_graph.store import open_build

ID = "https://w3id.org/bilateral-kg/id/"
DOCS = Path(__file__).resolve().parents[2] / "data" / "documents"
FOOTER = Footer("0123456789abcdef", "2024-01-16", "none", "")
VIEWS = ["kind=bipartite", "kind=coparticipation", "kind=matrix", "focus=initiative/gcot"]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Source:
    """The bundled corpus with the three test documents added, built once."""
    documents = []
    for name in sorted(p.stem for p in DOCS.glob("*.md")):
        fields = tomllib.loads((DOCS / f"{name}.toml").read_text(encoding="utf-8"))
        plan = plan_ingest(
            DOCS / f"{name}.md",
            fields,
            corpus=paths.corpus_dir(),
            settings=Settings(),
            registry=registry,
        )
        documents.append(replace(plan.meta, source_file=DOCS / f"{name}.md"))
    out = tmp_path_factory.mktemp("ingested")
    from bkg_graph.corpus import discover

    build_kg(documents=[*discover(paths.corpus_dir()), *documents], out_dir=out)
    return Source(open_build(out))


def check(svg: bytes) -> None:
    boxes = text_boxes(svg)
    w, h = canvas(svg)
    assert len(boxes) > 10
    assert overlapping(boxes) == []
    assert outside(boxes, w, h) == []
    assert all(x0 >= 0 and x1 <= w for x0, x1 in _xs(svg))
    assert drawn_fraction(svg) >= 0.8
    assert min(b.size for b in boxes) >= 8.0  # SVG user units are points


def _xs(svg: bytes) -> list[tuple[float, float]]:
    from svg_boxes import path_points

    return [(x, x) for x, _ in path_points(svg)]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("query", VIEWS)
def test_bundled_views_have_no_overlap_no_clipping_no_waste(
    source: Source, query: str, lang: str
) -> None:
    check(export(source, ViewSpec.from_query(f"{query}&lang={lang}"), "svg", footer=FOOTER))


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("query", VIEWS)
def test_ingested_views_have_no_overlap_no_clipping_no_waste(
    ingested: Source, query: str, lang: str
) -> None:
    svg = export(ingested, ViewSpec.from_query(f"{query}&lang={lang}"), "svg", footer=FOOTER)
    check(svg)


@pytest.mark.parametrize("size", ["a4-half", "a4-full", "print"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_document_sizes_pass_the_same_checks(source: Source, size: str, lang: str) -> None:
    for query in ("kind=bipartite", "kind=matrix"):
        spec = ViewSpec.from_query(f"{query}&lang={lang}")
        check(export(source, spec, "svg", size=size, footer=FOOTER))


def test_the_checks_see_an_overlap_and_a_label_off_the_page() -> None:
    svg = (
        f'<svg xmlns="{SVG[1:-1]}" viewBox="0 0 100 50">'
        '<text style="font-size: 10px; text-anchor: start" x="10" y="20">総務省</text>'
        '<text style="font-size: 10px; text-anchor: start" x="30" y="24">DSIT</text>'
        '<text style="font-size: 10px; text-anchor: end" x="5" y="45">MIC</text>'
        "</svg>"
    ).encode()
    boxes = text_boxes(svg)
    assert overlapping(boxes) == [("総務省", "DSIT")]
    assert outside(boxes, 100, 50) == ["MIC"]


@pytest.mark.parametrize(
    ("size", "pixels", "points"),
    [
        ("slide", (4000, 2250), ("960pt", "540pt")),
        ("a4-half", (1889, 1535), ("453.543307pt", "368.503937pt")),
        ("a4-full", (1889, 2834), ("453.543307pt", "680.314961pt")),
    ],
)
def test_sizes(source: Source, size: str, pixels: tuple[int, int], points: tuple[str, str]) -> None:
    spec = ViewSpec(kind=Kind.BIPARTITE)
    png = Image.open(io.BytesIO(export(source, spec, "png", size=size, footer=FOOTER)))
    assert png.size == pixels
    assert png.info["dpi"][0] == pytest.approx(300, abs=0.01)
    root = ET.fromstring(export(source, spec, "svg", size=size, footer=FOOTER))
    assert (root.get("width"), root.get("height")) == points
    assert set(SIZES) == {"slide", "a4-half", "a4-full", "print"}


def test_three_columns_parties_apart_busiest_first(source: Source) -> None:
    g = project(source, ViewSpec(kind=Kind.BIPARTITE))
    left, middle, right = parties(g)
    assert [g.nodes[v]["id"] for v in left] == ["mic", "digital-agency", "meti"]
    # NCSC is only named in the report (its guidelines, a visit to it), never acting: no column
    assert [g.nodes[v]["id"] for v in right] == ["dsit", "gds"]
    assert len(middle) == 10 and all(g.nodes[v]["group"] == "Initiative" for v in middle)
    order = column_order(g, left, middle, right)
    assert sorted(order) == sorted(middle)
    best = crossings(g, left, order, right)
    assert best <= crossings(g, left, _barycentre(g, left, middle, right), right)
    assert best <= crossings(g, left, middle, right)
    # in the picture, every Japanese agency's box is left of every initiative's, and UK right
    boxes = {b.text: b for b in text_boxes(export(source, ViewSpec(), "svg"))}
    assert boxes["Digital Agency (2)"].x1 < boxes["Open RAN (2)"].x0
    assert boxes["Open RAN (2)"].x1 < boxes["Government Digital Service (1)"].x0


def test_crossings_counts_pairs_that_cross() -> None:
    g = nx.Graph([("a", "x"), ("b", "y"), ("x", "r")])
    assert crossings(g, ["a", "b"], ["x", "y"], ["r"]) == 0
    assert crossings(g, ["a", "b"], ["y", "x"], ["r"]) == 1


def _toy(evidence: list[str]) -> nx.Graph:
    g = nx.Graph(kind="bipartite", title_en="Toy", title_ja="試作")
    for ident, group, country in (("mic", "Agency", "jp"), ("dsit", "Agency", "uk")):
        g.add_node(ident, label_en=ident.upper(), label_ja=ident, group=group, country=country)
    g.add_node("gcot", label_en="GCOT", label_ja="GCOT", group="Initiative", country="")
    g.add_node("wsis", label_en="WSIS", label_ja="WSIS", group="Initiative", country="")
    ends = [("mic", "gcot"), ("dsit", "gcot"), ("mic", "wsis")]
    for (a, b), kind in zip(ends, evidence, strict=True):
        g.add_edge(a, b, weight=2, statements=[f"s-{a}-{b}"], evidence=kind)
    return g


def test_line_style_by_evidence_and_colour_by_status() -> None:
    g = _toy(["named", "reference", "collective"])
    statuses = {"s-mic-gcot": "planned", "s-dsit-gcot": "achieved", "s-mic-wsis": "planned"}
    svg = draw(
        g, lang="en", fmt=Format.SVG, size="slide", footer=None, colour="status", statuses=statuses
    )
    texts = [b.text for b in text_boxes(svg)]
    assert "solid: named in the sentence" in texts
    assert "dashed: through 両者 / both sides" in texts
    assert "dotted, light: a collective term (日英関係省庁)" in texts
    assert "planned" in texts and "achieved" in texts and "ongoing" not in texts
    text = svg.decode()
    assert "stroke: #e08214" in text and "stroke: #1b7837" in text  # planned, achieved
    assert text.count("stroke-dasharray") >= 2  # the dashed and the dotted line
    plain = draw(_toy(["named"] * 3), lang="en", fmt=Format.SVG, size="slide", footer=None)
    assert "stroke-dasharray" not in plain.decode()


def test_footer_links_only_a_public_address() -> None:
    local = Footer("v1", "2024-01-16", "none", "http://127.0.0.1:8000/view?kind=bipartite")
    assert footer_line(local, "en") == "Dataset v1 · as of 2024-01-16"
    assert "localhost" not in footer_line(replace(local, live_url="http://localhost/v"), "ja")
    public = replace(local, live_url="https://kg.example.org/view?kind=bipartite")
    assert footer_line(public, "ja") == (
        "データ版 v1 ・ 2024-01-16 時点 ・ https://kg.example.org/view?kind=bipartite"
    )


def test_caption_names_filters_in_words_and_dated_sources(source: Source) -> None:
    spec = ViewSpec.from_query("kind=bipartite&lang=en&theme=vendor-diversification&from=2023")
    texts = [b.text for b in text_boxes(export(source, spec, "svg", footer=FOOTER))]
    assert texts[0] == "Agencies and initiatives"
    assert texts[1].endswith("filters: theme: Telecoms vendor diversification; from 2023-01-01")
    assert "Sources: UK–Japan Digital Partnership: progress report (2024-01-16)" in texts
    ja = ViewSpec.from_query("kind=bipartite&lang=ja")
    texts = [b.text for b in text_boxes(export(source, ja, "svg", footer=FOOTER))]
    assert "出典: 日英デジタル・パートナーシップ 進捗報告書 (2024-01-16)" in texts


def test_a_picture_too_small_for_every_initiative_says_how_many_it_leaves_out(
    ingested: Source,
) -> None:
    # with collective terms (日英関係省庁) every initiative of the partnership has agencies
    spec = ViewSpec.from_query("kind=bipartite&lang=ja&evidence=named,reference,collective")
    svg = export(ingested, spec, "svg", size="a4-half", footer=FOOTER)
    check(svg)
    texts = [b.text for b in text_boxes(svg)]
    assert "ほか 5 件の取組（全件は CSV）" in texts
    assert "広島 AI プロセス (3)" in texts  # the most cited stay


def test_the_same_view_gives_the_same_bytes(source: Source) -> None:
    spec = ViewSpec.from_query("kind=bipartite&lang=ja")
    assert export(source, spec, "svg", footer=FOOTER) == export(source, spec, "svg", footer=FOOTER)
