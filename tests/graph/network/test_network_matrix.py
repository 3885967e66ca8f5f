"""The counterpart matrix of Japanese and UK agencies, from the bundled report."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

from PIL import Image

from bkg_graph.network import Filters, Kind, Source, ViewSpec, project
from bkg_graph.network.files import export
from bkg_graph.network.matrix import Matrix, counterpart_matrix

ID = "https://w3id.org/bilateral-kg/id/"


def a(ident: str) -> str:
    return f"{ID}agency/{ident}"


def test_rows_and_columns_busiest_first(source: Source) -> None:
    m = counterpart_matrix(source, Filters())
    assert [r.id for r in m.rows] == [
        "meti", "mic", "digital-agency", "cas-dmcc", "jst", "ppc", "mofa",
    ]  # fmt: skip
    assert [c.id for c in m.columns] == ["dsit", "gds", "ico", "ukri", "fcdo", "ncsc"]


def _labels(m: Matrix) -> dict[tuple[str, str], str]:
    return {
        (r.id, c.id): m.cell(r.iri, c.iri).label
        for r in m.rows
        for c in m.columns
        if m.cell(r.iri, c.iri).count
    }


def test_cells_count_statements_named_first_and_list_initiatives(source: Source) -> None:
    m = counterpart_matrix(source, Filters())
    assert _labels(m) == {
        ("meti", "dsit"): "7",
        ("mic", "dsit"): "6 (+1)",  # and once through 両者
        ("digital-agency", "dsit"): "2",
        ("digital-agency", "gds"): "3",
        ("cas-dmcc", "dsit"): "1",
        ("jst", "ukri"): "1",
        ("ppc", "ico"): "1",
    }
    cell = m.cell(a("mic"), a("dsit"))
    assert len(cell.initiatives) == 4 and len(cell.citations) == 7
    assert cell.by_kind == {"named": 6, "reference": 1, "collective": 0}
    assert m.step(m.cell(a("meti"), a("dsit"))) == 5
    assert m.step(m.cell(a("mofa"), a("fcdo"))) == 0


def test_collective_terms_add_their_statements_after_the_named_ones(source: Source) -> None:
    m = counterpart_matrix(source, Filters(evidence=("named", "reference", "collective")))
    assert _labels(m) == {
        ("meti", "dsit"): "7 (+19)",  # 26 with 日英関係省庁, 7 naming METI and DSIT
        ("mic", "dsit"): "6 (+18)",
        ("digital-agency", "dsit"): "2 (+19)",
        ("digital-agency", "gds"): "3",
        ("cas-dmcc", "dsit"): "1",
        ("jst", "ukri"): "1",
        ("ppc", "ico"): "1",
    }
    cell = m.cell(a("meti"), a("dsit"))
    assert (cell.count, cell.named, len(cell.citations)) == (26, 7, 26)


def test_matrix_agrees_with_the_coparticipation_view(source: Source) -> None:
    filters = Filters(theme=("ai",), evidence=("named", "reference", "collective"))
    g = project(source, ViewSpec(kind=Kind.COPARTICIPATION, filters=filters))
    m = counterpart_matrix(source, filters)
    assert _labels(m) == {
        ("meti", "dsit"): "0 (+4)",
        ("mic", "dsit"): "0 (+4)",
        ("digital-agency", "dsit"): "0 (+4)",
    }
    for r in m.rows:
        for c in m.columns:
            cell = m.cell(r.iri, c.iri)
            if g.has_edge(r.iri, c.iri):
                assert cell.count == g.edges[r.iri, c.iri]["weight"]
            else:
                assert cell.count == 0 and not cell.citations


def test_matrix_csv_rows_per_citation(source: Source) -> None:
    data = export(source, ViewSpec(kind=Kind.MATRIX, lang="ja"), "csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "jp_agency", "uk_agency", "jp_label", "uk_label", "statements",
        "named", "reference", "collective", "initiatives", "statement", "locator", "quote",
    ]  # fmt: skip
    pair = [r for r in rows if (r["jp_agency"], r["uk_agency"]) == (a("jst"), a("ukri"))]
    assert len(pair) == 1
    assert (pair[0]["jp_label"], pair[0]["uk_label"], pair[0]["statements"]) == (
        "科学技術振興機構", "英国研究技術革新機構", "1",
    )  # fmt: skip
    assert pair[0]["quote"] and pair[0]["locator"].startswith("第")
    empty = [r for r in rows if (r["jp_agency"], r["uk_agency"]) == (a("mofa"), a("fcdo"))]
    assert [(r["statements"], r["statement"]) for r in empty] == [("0", "")]


def test_matrix_images(source: Source) -> None:
    svg = ET.fromstring(export(source, ViewSpec(kind=Kind.MATRIX, lang="ja"), "svg"))
    texts = ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "経済産業省" in texts and "日英の省庁の組み合わせ" in texts
    assert "7 / 2" in texts and "6 (+1) / 4" in texts  # named (+ others) / initiatives
    png = Image.open(io.BytesIO(export(source, ViewSpec(kind=Kind.MATRIX), "png")))
    assert png.size == (4000, 2250)  # a 16:9 slide at 300 dpi
