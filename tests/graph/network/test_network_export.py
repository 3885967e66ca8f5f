"""Exports parsed back: SVG is XML with the Japanese labels as text, PNG has the right size
and ink, GraphML and GEXF round-trip through networkx, CSV and JSON carry the citations."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from PIL import Image

from bkg_graph.errors import InputError
from bkg_graph.network import Kind, Source, ViewSpec, project
from bkg_graph.network.files import export, filename
from bkg_graph.network.render import Footer

ID = "https://w3id.org/bilateral-kg/id/"
SVG = "{http://www.w3.org/2000/svg}"
FOOTER = Footer("0123456789abcdef", "2024-01-16", "none", "https://kg.example.org/view?kind=x")
CO_JA = ViewSpec(kind=Kind.COPARTICIPATION, lang="ja")


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_svg_is_xml_with_japanese_labels_kept_as_text(source: Source) -> None:
    data = export(source, CO_JA, "svg", footer=FOOTER)
    texts = svg_texts(data)
    for label in ("総務省", "科学・イノベーション・技術省", "経済産業省", "デジタル庁"):
        assert label in texts
    assert "省庁の共同参加" in texts  # the title
    assert "日本の省庁" in texts and "英国の省庁" in texts  # the legend
    assert (
        "データ版 0123456789abcdef ・ 2024-01-16 時点 ・ https://kg.example.org/view?kind=x"
        in texts
    )
    root = ET.fromstring(data)
    assert (root.get("width"), root.get("height")) == ("960pt", "540pt")  # 13⅓ × 7½ in


def test_svg_in_english(source: Source) -> None:
    texts = svg_texts(export(source, ViewSpec(kind=Kind.COPARTICIPATION), "svg"))
    assert "MIC" in texts  # the scatter picture labels agencies by abbreviation
    assert "MIC: Ministry of Internal Affairs and Communications" in texts  # … spelled out
    assert "Agency co-participation" in texts


@pytest.mark.parametrize(("size", "pixels"), [("slide", (4000, 2250)), ("print", (3507, 2481))])
def test_png_has_the_size_and_ink(source: Source, size: str, pixels: tuple[int, int]) -> None:
    image = Image.open(io.BytesIO(export(source, CO_JA, "png", size=size, footer=FOOTER)))
    assert image.size == pixels
    rgb = image.convert("RGB")
    colours = rgb.getcolors(maxcolors=1 << 20)
    assert colours is not None
    white = sum(n for n, c in colours if c == (255, 255, 255))
    assert white < pixels[0] * pixels[1] * 0.995  # something is drawn
    assert any(c == (0xD5, 0x5E, 0x00) for _, c in colours)  # a Japanese agency's colour
    assert any(c == (0x00, 0x72, 0xB2) for _, c in colours)  # a UK agency's colour


def test_graphml_round_trip(source: Source) -> None:
    spec = ViewSpec(kind=Kind.COPARTICIPATION)
    g = project(source, spec)
    back = nx.read_graphml(io.BytesIO(export(source, spec, "graphml")))
    assert set(back.nodes) == set(g.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in g.edges}
    mic, dsit = ID + "agency/mic", ID + "agency/dsit"
    assert back.nodes[mic]["label_ja"] == "総務省"
    assert back.nodes[mic]["country"] == "jp"
    edge = back.edges[mic, dsit]
    assert edge["weight"] == 7
    assert (edge["evidence"], edge["evidence_counts_named"]) == ("named", 6)
    assert edge["statement_evidence"].split() == g.edges[mic, dsit]["statement_evidence"]
    assert edge["statements"].split() == g.edges[mic, dsit]["statements"]
    cites = json.loads(edge["citations"])
    assert [c["statement"] for c in cites] == g.edges[mic, dsit]["statements"]
    assert back.graph["title_en"] == "Agency co-participation"


def test_gexf_round_trip(source: Source) -> None:
    spec = ViewSpec(kind=Kind.BIPARTITE)
    g = project(source, spec)
    back = nx.read_gexf(io.BytesIO(export(source, spec, "gexf")))
    assert set(back.nodes) == set(g.nodes)
    assert back.number_of_edges() == g.number_of_edges() == 18
    gcot = ID + "initiative/gcot"
    assert back.nodes[gcot]["label_ja"] == "電気通信に関するグローバル連合"
    assert back.nodes[gcot]["label"] == "Global Coalition on Telecommunications"
    assert back.nodes[gcot]["registry_id"] == "gcot"


def test_csv_edges_one_row_per_citation(source: Source) -> None:
    spec = ViewSpec(kind=Kind.BIPARTITE, lang="ja")
    g = project(source, spec)
    data = export(source, spec, "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, for spreadsheets
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "source", "target", "source_label", "target_label", "weight", "evidence",
        "initiatives", "statement", "locator", "quote", "document",
    ]  # fmt: skip
    assert len(rows) == sum(len(d["citations"]) for _, _, d in g.edges(data=True))
    (row,) = [
        r for r in rows if {r["source"], r["target"]} == {ID + "agency/mic", ID + "initiative/gcot"}
    ]
    assert row["locator"] == "第一の柱：デジタルインフラ及び技術 › ベンダ多様化 › b"
    assert row["quote"].startswith("両者は、新たな電気通信に関するグローバル連合 (GCOT)")
    assert row["evidence"] == "reference"  # 両者


def test_csv_nodes(source: Source) -> None:
    spec = ViewSpec(kind=Kind.COPARTICIPATION)
    rows = list(
        csv.DictReader(io.StringIO(export(source, spec, "csv", table="nodes").decode("utf-8-sig")))
    )
    assert len(rows) == 10
    (mic,) = [r for r in rows if r["id"] == "mic"]
    assert (mic["label_ja"], mic["abbreviation"], mic["country"], mic["degree"]) == (
        "総務省", "MIC", "jp", "3",
    )  # fmt: skip


def test_json_is_node_link_with_citations(source: Source) -> None:
    spec = ViewSpec(kind=Kind.NEIGHBOURHOOD, focus="initiative/gcot")
    data = json.loads(export(source, spec, "json"))
    back = nx.node_link_graph(data, edges="edges")
    assert back.number_of_nodes() == 10
    cites = back.edges[ID + "agency/mic", ID + "initiative/gcot"]["citations"]
    assert cites[0]["locator_en"].endswith("Telecoms vendor diversification › b")


def test_bad_export_requests(source: Source) -> None:
    spec = ViewSpec(kind=Kind.BIPARTITE)
    with pytest.raises(InputError, match="format must be one of svg, png, graphml"):
        export(source, spec, "pdf")
    with pytest.raises(InputError, match="table must be one of edges, nodes"):
        export(source, spec, "csv", table="rows")
    with pytest.raises(InputError, match="size must be one of slide, a4-half, a4-full, print"):
        export(source, spec, "png", size="poster")
    with pytest.raises(InputError, match="colour must be one of kind, status"):
        export(source, spec, "png", colour="rainbow")
    with pytest.raises(InputError, match="the matrix exports as csv, svg, png"):
        export(source, ViewSpec(kind=Kind.MATRIX), "gexf")


def test_file_names_say_what_they_hold() -> None:
    assert filename(ViewSpec(kind=Kind.COPARTICIPATION), "csv", "nodes") == (
        "bkg-coparticipation-nodes.csv"
    )
    spec = ViewSpec(kind=Kind.NEIGHBOURHOOD, focus="agency/mic")
    assert filename(spec, "png") == "bkg-neighbourhood-agency-mic.png"
