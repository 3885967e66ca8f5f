"""The three projections, checked against facts of the bundled progress report."""

from __future__ import annotations

import pytest

from bkg_graph.errors import InputError, NotFound
from bkg_graph.network import Filters, Kind, Source, ViewSpec, project
from bkg_graph.network.project import select_statements
from bkg_graph.store import EmbeddedStore

ID = "https://w3id.org/bilateral-kg/id/"
MIC, METI, DSIT, DA = (ID + f"agency/{a}" for a in ("mic", "meti", "dsit", "digital-agency"))
GCOT = ID + "initiative/gcot"
VENDOR_B = (
    ID + "statement/jp-uk-dp-2024-progress-ja/digital-infrastructure/vendor-diversification/b"
)
GCOT_SENTENCE = "両者は、新たな電気通信に関するグローバル連合 (GCOT) への相互の参加を通してこの協力をさらに強めている。"


def view(source: Source, query: str) -> object:
    return project(source, ViewSpec.from_query(query))


def test_gcot_is_tied_to_mic_and_dsit_by_vendor_diversification_b(source: Source) -> None:
    g = project(source, ViewSpec(kind=Kind.BIPARTITE))
    # 両者 in the sentence naming GCOT: MIC and DSIT, not all four of 日英関係省庁
    assert set(g[GCOT]) == {MIC, DSIT}
    edge = g.edges[MIC, GCOT]
    assert edge["statements"] == [VENDOR_B]
    assert (edge["evidence"], edge["statement_evidence"]) == ("reference", ["reference"])
    (cite,) = edge["citations"]
    assert cite.locator_ja == "第一の柱：デジタルインフラ及び技術 › ベンダ多様化 › b"
    assert cite.locator_en == (
        "Pillar 1: Digital infrastructure and technologies › Telecoms vendor diversification › b"
    )
    # the quoted sentence is the one naming GCOT, where 両者 (MIC and DSIT's side) act
    assert cite.quote == GCOT_SENTENCE
    assert g.nodes[GCOT]["label_ja"] == "電気通信に関するグローバル連合"
    assert g.nodes[MIC]["label_en"] == "Ministry of Internal Affairs and Communications"
    assert (g.nodes[MIC]["group"], g.nodes[MIC]["country"]) == ("Agency", "jp")


def test_with_collective_evidence_gcot_gains_meti_and_the_digital_agency(source: Source) -> None:
    g = view(source, "kind=bipartite&evidence=named,reference,collective")
    assert set(g[GCOT]) == {MIC, DSIT, METI, DA}
    assert g.edges[METI, GCOT]["evidence"] == "collective"  # 日英関係省庁 in the statement
    assert g.edges[MIC, GCOT]["evidence_counts"] == {"named": 0, "reference": 1, "collective": 0}
    assert g.graph["query"].endswith("&evidence=named,reference,collective")


def test_bipartite_edges_are_the_derived_participation_links(
    source: Source, store: EmbeddedStore
) -> None:
    """Two readings of the same records: the projection and the build's derived links —
    ``bkg:participatesIn`` (named or reference), ``bkg:associatedWith`` (any evidence)."""
    named = store.select("SELECT ?a ?i WHERE { ?a a bkg:Agency ; bkg:participatesIn ?i }")
    g = project(source, ViewSpec(kind=Kind.BIPARTITE))
    assert {frozenset((r["a"], r["i"])) for r in named} == {frozenset(e) for e in g.edges}
    assert g.number_of_edges() == 18
    anyhow = store.select("SELECT ?a ?i WHERE { ?a a bkg:Agency ; bkg:associatedWith ?i }")
    g = view(source, "kind=bipartite&evidence=collective,named,reference")
    assert {frozenset((r["a"], r["i"])) for r in anyhow} == {frozenset(e) for e in g.edges}
    assert g.number_of_edges() == 49


def test_mic_and_dsit_act_together_in_7_statements_24_with_collective_terms(
    source: Source,
) -> None:
    g = project(source, ViewSpec(kind=Kind.COPARTICIPATION))
    edge = g.edges[MIC, DSIT]
    assert edge["weight"] == 7
    assert edge["evidence_counts"] == {"named": 6, "reference": 1, "collective": 0}
    assert len(edge["initiatives"]) == 4
    assert GCOT in edge["initiatives"]
    assert len(edge["citations"]) == 7
    every = view(source, "kind=coparticipation&evidence=named,reference,collective")
    edge = every.edges[MIC, DSIT]
    assert edge["weight"] == 24
    assert edge["evidence_counts"] == {"named": 6, "reference": 1, "collective": 17}
    assert len(edge["initiatives"]) == 11
    assert {g.nodes[n]["country"] for n in (MIC, DSIT)} == {"jp", "uk"}


def test_coparticipation_weights_equal_the_derived_weights(
    source: Source, store: EmbeddedStore
) -> None:
    rows = store.select(
        "SELECT ?a ?b ?w WHERE { ?x a bkg:CoParticipation ; bkg:agent ?a, ?b ; bkg:weight ?w ."
        " ?a a bkg:Agency . ?b a bkg:Agency FILTER(STR(?a) < STR(?b)) }"
    )
    g = view(source, "kind=coparticipation&evidence=named,reference,collective")
    acting = {(a, b): d["weight"] for a, b, d in g.edges(data=True) if d["weight"]}
    assert {tuple(sorted((r["a"], r["b"]))): int(r["w"]) for r in rows} == {
        tuple(sorted(k)): w for k, w in acting.items()
    }
    assert len(acting) == 13


def test_an_agency_only_named_beside_an_initiative_does_not_take_part(source: Source) -> None:
    # NCSC is named in the sentences about the Hiroshima AI Process but never acts there
    every = view(source, "kind=coparticipation&evidence=named,reference,collective")
    assert ID + "agency/ncsc" not in every
    assert (every.number_of_nodes(), every.number_of_edges()) == (10, 13)
    assert all(d["weight"] > 0 and d["citations"] for _, _, d in every.edges(data=True))
    g = project(source, ViewSpec(kind=Kind.COPARTICIPATION))
    assert (g.number_of_nodes(), g.number_of_edges()) == (10, 10)


def test_neighbourhood_of_gcot(source: Source) -> None:
    g = view(source, "kind=neighbourhood&focus=initiative/gcot")
    assert sorted(n.removeprefix(ID) for n in g) == [
        "agency/digital-agency",
        "agency/dsit",
        "agency/meti",
        "agency/mic",
        "country/au",
        "country/ca",
        "country/us",
        "document/jp-uk-dp-2024-progress-ja",
        "initiative/gcot",
        "theme/vendor-diversification",
    ]
    assert g.graph["title_en"] == "Neighbourhood of Global Coalition on Telecommunications"
    wider = view(source, "kind=neighbourhood&focus=initiative/gcot&depth=2")
    assert set(g) < set(wider)


def test_neighbourhood_accepts_an_iri_and_any_kind_of_entity(source: Source) -> None:
    assert GCOT in view(source, f"kind=neighbourhood&focus={GCOT}")
    doc = view(source, "kind=neighbourhood&focus=document/jp-uk-dp-2024-progress-ja")
    assert MIC in doc and ID + "theme/ai" in doc
    theme = view(source, "kind=neighbourhood&focus=theme/ai")
    assert ID + "initiative/hiroshima-ai-process" in theme


def test_unknown_focus_is_not_found(source: Source) -> None:
    with pytest.raises(NotFound, match="no entity 'agency/nowhere'"):
        view(source, "kind=neighbourhood&focus=agency/nowhere")


def test_pillar_filter_keeps_only_that_pillars_statements(source: Source) -> None:
    kept = select_statements(source, Filters(pillar=("data",)))
    assert len(kept) == 5
    assert all("/data/" in s for s in kept)
    g = view(source, "kind=coparticipation&pillar=data")
    assert all(s in kept for _, _, d in g.edges(data=True) for s in d["statements"])
    assert g.number_of_edges() == 2


def test_status_and_theme_filters(source: Source) -> None:
    assert len(select_statements(source, Filters(status=("planned",)))) == 8
    assert len(select_statements(source, Filters(status=("planned", "agreed")))) == 14
    g = view(source, "kind=bipartite&theme=vendor-diversification&status=ongoing")
    assert set(g[GCOT]) == {MIC, DSIT}


def test_date_range_matches_an_independent_sparql_count(
    source: Source, store: EmbeddedStore
) -> None:
    """A statement is in a range when the span of the dates it mentions (earliest start to
    latest end) overlaps it; statements without dates count at their document's date."""
    rows = store.select(
        "SELECT ?s WHERE { ?s a bkg:Statement ; bkg:date [ bkg:dateStart ?a ; bkg:dateEnd ?b ] }"
        ' GROUP BY ?s HAVING(MAX(?b) >= "2023-05-19"^^xsd:date'
        ' && MIN(?a) <= "2023-05-19"^^xsd:date)'
    )
    kept = select_statements(source, Filters.from_query("from=2023-05-19&to=2023-05-19"))
    assert kept == {r["s"] for r in rows}
    assert len(kept) == 6
    undated = select_statements(source, Filters.from_query("from=2024-01-16&to=2024-01-16"))
    assert len(undated) == 31
    assert len(select_statements(source, Filters.from_query("from=2030"))) == 0
    assert len(select_statements(source, Filters())) == 48


def test_country_filter_keeps_that_countrys_agencies(source: Source) -> None:
    g = view(source, "kind=bipartite&country=uk")
    agencies = {n for n, d in g.nodes(data=True) if d["group"] == "Agency"}
    assert {g.nodes[a]["country"] for a in agencies} == {"uk"}
    assert DSIT in g and MIC not in g
    # no two UK agencies act together or share an initiative: nothing to draw, and it says so
    with pytest.raises(InputError, match=r"nothing to draw: .* \(country=uk\)"):
        view(source, "kind=coparticipation&country=uk")


def test_document_filter_and_unknown_values(source: Source) -> None:
    g = view(source, "kind=bipartite&document=jp-uk-dp-2024-progress-ja")
    assert g.number_of_edges() == 18
    with pytest.raises(NotFound, match=r"no document 'no-such-doc'; known: .*jp-uk-dp"):
        view(source, "document=no-such-doc")
    with pytest.raises(NotFound, match="no pillar 'space'; known: data, digital-infra"):
        view(source, "pillar=space")
    with pytest.raises(NotFound, match="no status 'someday'; closest: welcomed"):
        view(source, "status=someday")


def test_filter_values_and_focus_are_written_as_people_write_them(source: Source) -> None:
    g = view(source, "kind=bipartite&status=Planned&country=JP")
    assert g.graph["filters"] == "status=planned; country=jp"
    assert view(source, "focus=GCOT").graph["focus"] == GCOT
    assert view(source, "focus=総務省").graph["focus"] == MIC


def test_filters_that_leave_nothing_to_draw_are_an_error(source: Source) -> None:
    with pytest.raises(InputError, match=r"nothing to draw: .* \(from=2030-01-01\)"):
        view(source, "kind=coparticipation&from=2030-01-01")


def test_matrix_is_not_a_network(source: Source) -> None:
    with pytest.raises(InputError, match="matrix is not a network"):
        view(source, "kind=matrix")


def test_a_view_too_large_for_its_row_limit_is_refused(store: EmbeddedStore) -> None:
    small = Source(store, max_rows=100)
    with pytest.raises(InputError, match="network-entities has more than 100 rows"):
        project(small, ViewSpec(kind=Kind.BIPARTITE))
