"""Networks and briefing files from Python: graphs, citation tables and exports, with exact
values read from the vendor-diversification items of the bundled progress report."""

from __future__ import annotations

import csv
import io
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import bkg_graph
from bkg_graph import briefing as br
from bkg_graph.errors import InputError, NotFound
from bkg_graph.network import Kind
from bkg_graph.settings import Settings
from bkg_graph.store import EmbeddedStore, open_build

B = "https://w3id.org/bilateral-kg/id/"
MIC, DSIT, METI = B + "agency/mic", B + "agency/dsit", B + "agency/meti"
GCOT = B + "initiative/gcot"
FRAMEWORK = B + "initiative/telecom-supply-chain-framework"
VD = B + "statement/jp-uk-dp-2024-progress-ja/digital-infrastructure/vendor-diversification/"
REPORT = B + "document/jp-uk-dp-2024-progress-ja"
# vendor diversification d, as written in the report
D_TEXT = (
    "電気通信インフラ及びベンダ多様化を強化する、現在実行中の活動に沿って、総務省と DSIT は "
    "2023 年の日英通信サプライチェーン多様化協力枠組に更にコミットした。"
)
SETTINGS = Settings(public_url="https://kg.example.org/")


@pytest.fixture(scope="module")
def store(build_dir: Path) -> EmbeddedStore:
    return open_build(build_dir)


def test_exported_from_the_package() -> None:
    for name in ("to_networkx", "citation_table", "write_csv", "export_file"):
        assert name in bkg_graph.__all__
        assert getattr(bkg_graph, name) is getattr(br, name)


def test_view_spec_reads_keywords_like_a_url() -> None:
    spec = br.view_spec(
        "coparticipation", theme="vendor-diversification", country=["uk", "jp"], date_from="2023"
    )
    assert spec.kind is Kind.COPARTICIPATION
    assert spec.to_query() == (
        "kind=coparticipation&lang=en&theme=vendor-diversification&country=jp,uk&from=2023-01-01"
    )
    with pytest.raises(InputError, match="unknown filter 'thme'"):
        br.view_spec(thme="vendor-diversification")  # type: ignore[call-arg]
    with pytest.raises(InputError, match="filter theme: give an id or a list of ids"):
        br.view_spec(theme=7)  # type: ignore[typeddict-item]
    with pytest.raises(InputError, match="needs focus"):
        br.view_spec("neighbourhood")


def test_to_networkx_vendor_diversification(store: EmbeddedStore) -> None:
    g = br.to_networkx(store, theme="vendor-diversification")
    assert g.graph["kind"] == "bipartite"
    assert g.graph["filters"] == "theme=vendor-diversification"
    assert g.nodes[MIC]["label_ja"] == "総務省"
    assert g.nodes[GCOT]["label_en"] == "Global Coalition on Telecommunications"
    # d: 総務省と DSIT は … 日英通信サプライチェーン多様化協力枠組に更にコミットした (e names the
    # framework only in a sentence where no one acts)
    assert g.edges[MIC, FRAMEWORK]["statements"] == [VD + "d"]
    assert g.edges[DSIT, GCOT]["statements"] == [VD + "b"]
    # a only through 日英関係省庁 (collective, not counted unless asked); g names no
    # initiative, so no edge rests on it; b–f in the order of the report
    assert g.graph["statement_order"] == [VD + x for x in "bcdef"]
    every = br.to_networkx(
        store, theme="vendor-diversification", evidence="named,reference,collective"
    )
    assert every.graph["statement_order"] == [VD + x for x in "abcdef"]


def test_to_networkx_other_kinds(store: EmbeddedStore) -> None:
    co = br.to_networkx(store, "coparticipation", theme="vendor-diversification")
    assert co.has_edge(MIC, DSIT)
    assert VD + "d" in co.edges[MIC, DSIT]["statements"]
    near = br.to_networkx(store, "neighbourhood", focus="initiative/gcot")
    assert {MIC, DSIT, GCOT} <= set(near)
    with pytest.raises(InputError, match="matrix is not a network"):
        br.to_networkx(store, "matrix")
    with pytest.raises(NotFound, match="no entity 'agency/nobody'"):
        br.to_networkx(store, "neighbourhood", focus="agency/nobody")
    with pytest.raises(NotFound, match="no theme 'nope'; known: ai, cyber-resilience"):
        br.to_networkx(store, theme="nope")


def test_citation_table_one_row_per_statement(store: EmbeddedStore) -> None:
    g = br.to_networkx(store, theme="vendor-diversification")
    rows = br.citation_table(g, lang="ja")
    assert [r["statement"] for r in rows] == [VD + x for x in "bcdef"]
    d = rows[2]
    assert d == {
        "statement": VD + "d",
        "document": REPORT,
        "locator": "第一の柱：デジタルインフラ及び技術 › ベンダ多様化 › d",
        "links": "科学・イノベーション・技術省 – 日英通信サプライチェーン多様化協力枠組; "
        "総務省 – 日英通信サプライチェーン多様化協力枠組",
        "quotes": D_TEXT,
    }
    en = br.citation_table(g)[2]
    assert en["locator"] == (
        "Pillar 1: Digital infrastructure and technologies › Telecoms vendor diversification › d"
    )
    assert en["links"].startswith("Department for Science, Innovation and Technology – ")
    # b quotes the sentence that names GCOT, where 両者 (MIC and DSIT) act
    assert rows[0]["quotes"] == (
        "両者は、新たな電気通信に関するグローバル連合 (GCOT) への相互の参加を通してこの協力を"
        "さらに強めている。"
    )


def test_write_csv_for_spreadsheets(tmp_path: Path) -> None:
    row = br.CitationRow(
        statement=VD + "d", document=REPORT, locator="=HYPERLINK(1)", links="総務省 – x", quotes="q"
    )
    out = br.write_csv([row], tmp_path / "sub" / "citations.csv")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [
        ["statement", "document", "locator", "links", "quotes"],
        [VD + "d", REPORT, "'=HYPERLINK(1)", "総務省 – x", "q"],
    ]
    assert [p.name for p in out.parent.iterdir()] == ["citations.csv"]


def test_write_csv_of_records(tmp_path: Path) -> None:
    records = [
        {"id": "d", "actors": ["mic", "dsit"], "date": float("nan"), "n": 2},
        {"id": "g", "actors": [], "date": None, "n": 0, "extra": "not a column"},
    ]
    out = br.write_csv(records, tmp_path / "records.csv")
    assert out.read_bytes().decode("utf-8-sig") == "id,actors,date,n\r\nd,mic; dsit,,2\r\ng,,,0\r\n"
    out = br.write_csv(records, tmp_path / "ids.csv", columns=["n", "id"])
    assert out.read_bytes().decode("utf-8-sig") == "n,id\r\n2,d\r\n0,g\r\n"
    empty = br.write_csv([], tmp_path / "empty.csv")
    assert empty.read_bytes().decode("utf-8-sig") == "statement,document,locator,links,quotes\r\n"


def test_export_file_svg_with_japanese_labels_and_footer(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    out = br.export_file(
        store, tmp_path / "vd.svg", theme="vendor-diversification", lang="ja", settings=SETTINGS
    )
    svg = out.read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = "".join(root.itertext())
    assert "総務省" in texts and "省庁と取組" in texts
    assert store.version in texts
    assert (
        "https://kg.example.org/view?kind=bipartite&lang=ja&theme=vendor-diversification" in texts
    )


def test_export_file_png_and_tables(store: EmbeddedStore, tmp_path: Path) -> None:
    png = br.export_file(store, tmp_path / "vd.png", theme="vendor-diversification").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (4000, 2250)  # a 16:9 slide at 300 dpi
    nodes = br.export_file(store, tmp_path / "n.csv", table="nodes", theme="vendor-diversification")
    table = list(csv.DictReader(io.StringIO(nodes.read_text(encoding="utf-8-sig"))))
    assert {r["id"] for r in table} >= {"mic", "dsit", "gcot"}
    matrix = br.export_file(store, tmp_path / "m.csv", "matrix", theme="vendor-diversification")
    cells = list(csv.DictReader(io.StringIO(matrix.read_text(encoding="utf-8-sig"))))
    mic_dsit = [r for r in cells if (r["jp_agency"], r["uk_agency"]) == (MIC, DSIT)]
    # both act in b (両者), d and e (総務省と DSIT); a and g only through 日英関係省庁
    assert [r["statement"] for r in mic_dsit] == [VD + x for x in "bde"]
    assert {(r["statements"], r["named"], r["reference"]) for r in mic_dsit} == {("3", "2", "1")}


def test_export_file_refuses_unknown_formats(store: EmbeddedStore, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"vd\.pdf: format must be one of svg, png"):
        br.export_file(store, tmp_path / "vd.pdf")
    with pytest.raises(NotFound, match="no theme 'nope'"):
        br.export_file(store, tmp_path / "vd.svg", theme="nope")
    assert list(tmp_path.iterdir()) == []


def test_export_file_gets_the_users_permissions(store: EmbeddedStore, tmp_path: Path) -> None:
    import os
    import stat

    old = os.umask(0o007)
    try:
        out = br.export_file(store, tmp_path / "co.csv", "coparticipation", settings=SETTINGS)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o660
    assert [p.name for p in tmp_path.iterdir()] == ["co.csv"]
