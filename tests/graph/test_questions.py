"""The Python API for analysts: exact answers read from the bundled progress report."""

from __future__ import annotations

from pathlib import Path

import pytest

import bkg_graph
from bkg_graph import questions as q
from bkg_graph.errors import BuildMissing, InputError, NotFound
from bkg_graph.resolve import Names
from bkg_graph.store import EmbeddedStore

B = "https://w3id.org/bilateral-kg/id/"
STATEMENT = f"{B}statement/jp-uk-dp-2024-progress-ja/"
REPORT = f"{B}document/jp-uk-dp-2024-progress-ja"


@pytest.fixture(scope="module")
def store(build_dir: Path) -> EmbeddedStore:
    return q.load_graph(build_dir, build=False)


def test_public_api_is_exported() -> None:
    for name in (
        "load_graph",
        "agencies",
        "shared_initiatives",
        "statements",
        "statements_page",
        "search",
    ):
        assert name in bkg_graph.__all__
        assert getattr(bkg_graph, name) is getattr(q, name)


def test_load_graph_builds_when_missing(tmp_path: Path) -> None:
    with pytest.raises(BuildMissing, match="run `bkg build` first"):
        q.load_graph(tmp_path / "none", build=False)
    store = q.load_graph(tmp_path / "fresh")
    assert (tmp_path / "fresh" / "kg.nq").is_file()
    assert len(q.agencies(store)) == 13


def test_agencies_have_country_and_both_labels(store: EmbeddedStore) -> None:
    rows = q.agencies(store)
    assert len(rows) == 13
    mic = next(r for r in rows if r["id"] == "mic")
    assert mic == {
        "iri": f"{B}agency/mic",
        "id": "mic",
        "label": "Ministry of Internal Affairs and Communications",
        "label_en": "Ministry of Internal Affairs and Communications",
        "label_ja": "総務省",
        "abbreviation": "MIC",
        "country": f"{B}country/jp",
        "country_id": "jp",
        "country_label": "Japan",
    }
    uk = q.agencies(store, country="uk", lang="ja")
    assert [r["abbreviation"] for r in uk] == ["DSIT", "FCDO", "GDS", "ICO", "NCSC", "UKRI"]
    assert uk[0]["label"] == "科学・イノベーション・技術省"
    assert uk[0]["country_label"] == "英国"


def test_agencies_by_country(store: EmbeddedStore) -> None:
    rows = {r["country_id"]: r for r in q.agencies_by_country(store)}
    assert set(rows) == {"jp", "uk"}
    assert rows["jp"]["agencies"] == 7
    assert rows["uk"]["abbreviations"] == ["DSIT", "FCDO", "GDS", "ICO", "NCSC", "UKRI"]


def test_agency_detail_cites_its_initiatives(store: EmbeddedStore) -> None:
    mic = q.agency(store, "mic")
    assert mic["aliases"] == ["日本国総務省"]
    gcot = next(i for i in mic["initiatives"] if i["id"] == "gcot")
    assert gcot["kind"] == "Coalition"
    [cite] = gcot["statements"]
    assert cite["statement"] == STATEMENT + "digital-infrastructure/vendor-diversification/b"
    assert cite["locator"] == (
        "Pillar 1: Digital infrastructure and technologies › Telecoms vendor diversification › b"
    )
    assert "電気通信に関するグローバル連合 (GCOT) への相互の参加" in cite["text"]
    assert cite["document"] == REPORT


def test_unknown_agency_is_not_found(store: EmbeddedStore) -> None:
    with pytest.raises(NotFound, match="no agency 'nope'"):
        q.agency(store, "nope")
    with pytest.raises(NotFound, match="no agency '<script>'"):
        q.agency(store, "<script>")
    with pytest.raises(NotFound, match=r"no agency 'mict'; closest: mic \(Ministry of Internal"):
        q.agency(store, "mict")


@pytest.mark.parametrize(
    "name",
    [
        "mic",
        "MIC",
        "ＭＩＣ",
        "agency/mic",
        f"{B}agency/mic",
        "総務省",
        "Ministry of Internal Affairs and Communications",
        "ministry of internal  affairs and communications",
    ],
)
def test_agencies_are_named_as_people_write_them(store: EmbeddedStore, name: str) -> None:
    assert q.agency(store, name)["iri"] == f"{B}agency/mic"


def test_an_ambiguous_name_lists_what_it_may_be(store: EmbeddedStore) -> None:
    with pytest.raises(InputError, match=r"ambiguous: it may be theme/ai \(AI\); topic/ai"):
        Names.of(store).resolve("ai")


def test_initiative_detail_lists_participants_with_citations(store: EmbeddedStore) -> None:
    gcot = q.initiative(store, "gcot", lang="ja")
    assert gcot["label"] == "電気通信に関するグローバル連合"
    assert gcot["abbreviation"] == "GCOT"
    ids = [p["id"] for p in gcot["participants"]]
    assert ids == ["dsit", "mic"]
    assert [p["label"] for p in gcot["collective_only"]] == ["デジタル庁", "経済産業省"]
    everyone = q.initiative(store, "GCOT", evidence="named,reference,collective")
    assert [(p["id"], p["evidence"]) for p in everyone["participants"]] == [
        ("digital-agency", "collective"),
        ("dsit", "reference"),
        ("meti", "collective"),
        ("mic", "reference"),
    ]
    assert everyone["collective_only"] == []
    locators = {c["locator"] for p in gcot["participants"] for c in p["statements"]}
    assert locators == {"第一の柱：デジタルインフラ及び技術 › ベンダ多様化 › b"}
    partnership = q.initiative(store, "jp-uk-digital-partnership")
    assert [p["label"] for p in partnership["parties"]] == ["Japan", "United Kingdom"]


def test_shared_initiatives_of_mic_and_dsit_include_gcot(store: EmbeddedStore) -> None:
    shared = {s["id"]: s for s in q.shared_initiatives(store, ["mic", "dsit"])}
    [cite] = shared["gcot"]["statements"]
    assert cite["statement"] == STATEMENT + "digital-infrastructure/vendor-diversification/b"
    assert cite["agencies"] == [f"{B}agency/dsit", f"{B}agency/mic"]
    assert "telecom-supplier-diversification-wg" in shared
    assert "semiconductor-workshop-2024" not in shared


def test_meti_and_dsit_share_the_semiconductor_workshop(store: EmbeddedStore) -> None:
    shared = {s["id"]: s for s in q.shared_initiatives(store, ["meti", f"{B}agency/dsit"])}
    workshop = shared["semiconductor-workshop-2024"]
    assert workshop["kind"] == "Event"
    assert [c["statement"] for c in workshop["statements"]] == [
        STATEMENT + "digital-infrastructure/semiconductors/e"
    ]
    # the dialogue is named in a sentence whose subject is これは, not the two ministries
    assert "semiconductor-industry-dialogue" not in shared


def test_shared_initiatives_needs_two_agencies(store: EmbeddedStore) -> None:
    with pytest.raises(InputError, match="at least two different agencies"):
        q.shared_initiatives(store, ["mic", "mic"])


def test_statement_filters(store: EmbeddedStore) -> None:
    assert len(q.statements(store)) == 48
    assert [s["id"] for s in q.statements(store, agency="ppc")] == [
        "jp-uk-dp-2024-progress-ja/data/data/c",
        "jp-uk-dp-2024-progress-ja/data/data/d",
    ]
    [agreed] = q.statements(store, theme="semiconductors", status="agreed")
    assert (
        agreed["locator"]
        == "Pillar 1: Digital infrastructure and technologies › Semiconductors › e"
    )
    assert (agreed["date_start"], agreed["date_end"]) == ("2024-01-01", "2024-03-31")
    assert agreed["dates"] == "Q1 2024"
    assert agreed["date_list"] == [
        {
            "text": "Q1 2024",
            "surface": "2024 年の最初のクォーター",
            "value": "2024-Q1",
            "precision": "quarter",
        }
    ]
    assert agreed["actors"] == [f"{B}agency/dsit", f"{B}agency/meti"]
    assert len(q.statements(store, pillar="data")) == 5
    assert len(q.statements(store, status="planned")) == 8
    assert [s["id"].rsplit("/", 3)[-3:] for s in q.statements(store, initiative="gcot")] == [
        ["digital-infrastructure", "vendor-diversification", "b"]
    ]


def test_statements_page(store: EmbeddedStore) -> None:
    page, total = q.statements_page(store, limit=5, offset=10, status="ongoing")
    everything = q.statements(store, status="ongoing")
    assert total == len(everything) == 21
    assert page == everything[10:15]
    assert q.statements_page(store, offset=48) == ([], 48)


def test_statement_date_range_keeps_overlapping_dates(store: EmbeddedStore) -> None:
    # October 2023: "昨年 10 月", "2023年10月" and the whole-year "2023 年" dates overlap it.
    october = q.statements(store, date_from="2023-10-01", date_to="2023-10-31")
    assert len(october) == 6
    assert {'October 2023 ("last October")', "October 2023"} <= {s["dates"] for s in october}
    ja = q.statements(store, date_from="2023-10-01", date_to="2023-10-31", lang="ja")
    assert {"2023年10月（「昨年10月」）", "2023年10月"} <= {s["dates"] for s in ja}
    assert len(q.statements(store, date_to="2022-12-31")) == 1
    with pytest.raises(NotFound, match="no status 'done'; known: achieved, agreed, ongoing"):
        q.statements(store, status="done")
    assert q.statements(store, status="Planned") == q.statements(store, status="planned")


def test_statements_by_status_and_date(store: EmbeddedStore) -> None:
    rows = q.statements_by_status_date(store, status="planned")
    assert [(r["surface"], r["precision"]) for r in rows] == [
        ("2023 年", "year"),
        ("2023 年 2 月", "month"),
    ]
    assert [(r["date"], r["value"]) for r in rows] == [
        ("2023", "2023"),
        ("February 2023", "2023-02"),
    ]
    assert len(q.statements_by_status_date(store)) == 21


def test_documents(store: EmbeddedStore) -> None:
    docs = q.documents(store)
    assert len(docs) == 18
    assert docs[0]["id"] == "jp-uk-dp-2024-progress-ja"
    assert docs[0]["statements"] == 48
    assert docs[0]["title_ja"] == "日英デジタル・パートナーシップ 進捗報告書"
    assert docs[0]["publishers"] == [
        f"{B}agency/{a}" for a in ("digital-agency", "dsit", "meti", "mic")
    ]


def test_search_treats_width_and_spacing_variants_alike(store: EmbeddedStore) -> None:
    hits = q.search(store, "広島AIプロセス")
    assert hits[0]["iri"] == f"{B}initiative/hiroshima-ai-process"
    assert hits[0]["label"] == "Hiroshima AI Process"
    spaced = q.search(store, "広島 AI プロセス", lang="ja")
    assert [h["iri"] for h in spaced] == [h["iri"] for h in hits]
    dsit = q.search(store, "ＤＳＩＴ")
    assert (dsit[0]["iri"], dsit[0]["fields"]) == (f"{B}agency/dsit", ["abbreviation"])
    assert all(h["kind"] == "Statement" for h in dsit[1:])
    assert q.search(store, "no such words anywhere") == []
