"""The named query library: headers, safe typed binding, and every query on the built graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bkg_graph.errors import InputError, NotFound, QueryError
from bkg_graph.namespaces import PREFIXES
from bkg_graph.queries import load_library, parse_query_file, search_key
from bkg_graph.queries.params import literal
from bkg_graph.store import EmbeddedStore, open_build

B = "https://w3id.org/bilateral-kg/id/"
ONT = "https://w3id.org/bilateral-kg/ontology#"
VB = f"{B}statement/jp-uk-dp-2024-progress-ja/digital-infrastructure/vendor-diversification/b"

# Parameters for each named query that make it return rows on the bundled graph.
SAMPLES: dict[str, dict[str, str | list[str]]] = {
    "agencies": {},
    "agencies-by-country": {},
    "agency": {"agency": f"{B}agency/mic"},
    "agency-initiatives": {"agency": f"{B}agency/mic"},
    "documents": {},
    "entity": {"entity": f"{B}agency/mic"},
    "entity-description": {"entity": f"{B}agency/mic"},
    "entity-statements": {"entity": f"{B}initiative/gcot"},
    "initiative": {"initiative": f"{B}initiative/gcot"},
    "initiative-participants": {"initiative": f"{B}initiative/gcot"},
    "initiatives": {},
    "search": {"q": "GCOT"},
    "shared-initiatives": {"agencies": [f"{B}agency/mic", f"{B}agency/dsit"]},
    "statements": {},
    "statements-by-status-date": {},
}


@pytest.fixture(scope="module")
def store(build_dir: Path) -> EmbeddedStore:
    return open_build(build_dir)


def _library(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        (tmp_path / f"{name}.rq").write_text(text, encoding="utf-8")
    return tmp_path


def _echo(tmp_path: Path, kind: str) -> str:
    head = f"# title: Echo\n# description: d\n# param: v (type: {kind}, required) v\n"
    folder = _library(tmp_path, echo=head + "SELECT ?v WHERE { BIND($v AS ?v) }\n")
    return str(folder)


def test_library_lists_every_rq_file_with_its_header() -> None:
    library = load_library()
    assert set(SAMPLES) <= set(library)
    assert list(library) == sorted(library)
    for query in library.values():
        assert query.title and query.description
        assert all(p.description for p in query.params)
    assert [p.name for p in library["shared-initiatives"].params] == [
        "agencies",
        "evidence",
        "lang",
    ]
    agencies = library["shared-initiatives"].param("agencies")
    assert (agencies.type, agencies.required, agencies.multiple) == ("iri", True, True)
    assert library["statements"].param("lang").default == "en"
    assert library["entity-description"].form == "CONSTRUCT"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_named_query_runs_on_the_built_graph(store: EmbeddedStore, name: str) -> None:
    result = store.store.query(
        load_library()[name].bind(SAMPLES[name]), use_default_graph_as_union=True, prefixes=PREFIXES
    )
    assert len(list(result)) > 0  # type: ignore[arg-type]


def test_unknown_query_is_not_found() -> None:
    with pytest.raises(NotFound, match="no named query 'nope'"):
        load_library().get_query("nope")


def test_binding_writes_typed_terms() -> None:
    query = load_library()["statements"]
    text = query.bind(
        {"pillar": f"{B}pillar/data", "date_from": "2023-10-01", "status": f"{ONT}Planned"}
    )
    assert f"VALUES ?pillar {{ <{B}pillar/data> }}" in text
    assert 'VALUES ?from { "2023-10-01"^^<http://www.w3.org/2001/XMLSchema#date> }' in text
    assert "VALUES ?theme { UNDEF }" in text
    assert 'FILTER(LANG(?locatorIn) = "en")' in text
    assert "$" not in text.split("\n\n", 1)[1]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"agency": "mic"}, "must be an absolute IRI"),
        ({"agency": B + "agency/mic> } ; DROP ALL ; <x:y"}, "must be an absolute IRI"),
        ({"agency": f"{B}agency/m ic"}, "must be an absolute IRI"),
        ({"agency": f'{B}agency/"mic'}, "must be an absolute IRI"),
        ({"agency": f"{B}agency/mic", "lang": "en; DROP"}, "must be a language tag"),
        ({}, "parameter 'agency' is required"),
        ({"agency": [f"{B}agency/mic", f"{B}agency/dsit"]}, "takes one value"),
    ],
)
def test_bad_parameters_are_refused(params: dict[str, str | list[str]], message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_library()["agency"].bind(params)


def test_bad_dates_and_unknown_parameters_are_refused() -> None:
    statements = load_library()["statements"]
    for bad in ("2023-02-30", "2023-1-1", "yesterday", "2023-01-01T00:00"):
        with pytest.raises(InputError, match="must be a date YYYY-MM-DD"):
            statements.bind({"date_from": bad})
    with pytest.raises(QueryError, match="has no parameter colour"):
        statements.bind({"colour": "red"})


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40).filter(lambda s: "\x00" not in s))
def test_any_string_round_trips_through_a_literal(value: str) -> None:
    store = ox.Store()
    rows = list(store.query(f"SELECT ?v WHERE {{ BIND({literal(value)} AS ?v) }}"))
    assert rows[0]["v"] == ox.Literal(value)


def test_hostile_strings_stay_one_literal(tmp_path: Path) -> None:
    library = load_library(Path(_echo(tmp_path, "string")))
    store = ox.Store()
    for hostile in ['" ) } DELETE WHERE { ?s ?p ?o } #', "\\u0022) }", "a\\", "\n}\n"]:
        rows = list(store.query(library["echo"].bind({"v": hostile})))
        assert rows[0]["v"] == ox.Literal(hostile)


def test_dollar_in_strings_iris_and_comments_is_left_alone(tmp_path: Path) -> None:
    text = (
        "# title: T\n# description: costs $x\n# param: x (type: int, required) n\n"
        'SELECT ?a WHERE { BIND("$x" AS ?a) BIND(<urn:$x> AS ?b) BIND($x AS ?c) } # $x\n'
    )
    query = load_library(_library(tmp_path, t=text))["t"]
    bound = query.bind({"x": "7"})
    assert 'BIND("$x" AS ?a) BIND(<urn:$x> AS ?b) BIND(7 AS ?c) } # $x' in bound


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# description: d\nSELECT * {}", "no '# title:' line"),
        ("# title: t\n# description: d\nSELECT ?x { BIND($y AS ?x) }", r"\$y not declared"),
        (
            "# title: t\n# description: d\n# param: y (type: iri, required) y\nSELECT * {}",
            "parameter y not used",
        ),
        (
            "# title: t\n# description: d\n# param: y (type: colour, required) y\nSELECT * {}",
            "needs a type",
        ),
        ("# title: t\n# description: d\n# param: y (type: iri) y\nSELECT * {}", "required or"),
        (
            "# title: t\n# description: d\n# param: y (type: iri, optional) y\n"
            "SELECT * { ?s ?p $y }",
            r"optional \$y may only appear as VALUES",
        ),
        ("# title: t\n# description: d\nINSERT DATA { <a:b> <a:b> <a:b> }", "no SELECT"),
    ],
)
def test_malformed_query_files_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.rq"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QueryError, match=message):
        parse_query_file(path)


@pytest.mark.parametrize(
    ("words", "text", "matches"),
    [
        ("広島AIプロセス", "広島 AI プロセス", True),
        ("広島 AI プロセス", "広島AIプロセス", True),
        ("ＤＳＩＴ", "DSIT", True),
        ("dsit", "DSIT の取組", True),
        ("デジタル・パートナーシップ", "デジタルパートナーシップ", True),
        ("デジタルパートナーシップ", "日英デジタル・パートナーシップ", True),
        ("第一の柱:デジタル", "第一の柱：デジタルインフラ", True),
        ("(GCOT)", "連合 （GCOT） への", True),
        ("ｶﾀｶﾅ", "カタカナ", True),
        ("a+b", "a+b", True),
        ("a+b", "aab", False),
        ("広島AIプロセス", "広島プロセス", False),
        ('") } ; DROP ALL ; #', "anything", False),
    ],
)
def test_search_treats_width_case_and_spacing_alike(words: str, text: str, matches: bool) -> None:
    graph = ox.Store()
    item = ox.NamedNode("urn:x:item")
    graph.add(
        ox.Quad(
            item, ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(PREFIXES["bkg"] + "Agency")
        )
    )
    graph.add(
        ox.Quad(item, ox.NamedNode(PREFIXES["rdfs"] + "label"), ox.Literal(text, language="ja"))
    )
    rows = EmbeddedStore(graph).select(load_library()["search"].bind({"q": words}))
    assert [r["item"] for r in rows] == (["urn:x:item"] if matches else [])


def test_search_words_are_bound_as_their_match_key() -> None:
    assert search_key("ＤＳＩＴ の 取組") == "dsitの取組"
    assert "CONTAINS(LCASE(REPLACE(" in load_library()["search"].bind({"q": "x"})
    for bad, message in (
        (" ・ ", "must contain a letter or digit"),
        ("x" * 201, "longer than 200"),
    ):
        with pytest.raises(InputError, match=message):
            search_key(bad)


def test_every_named_query_is_listed_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Named queries\n", 1)[1].split("\n## ", 1)[0]
    listed = [line.split("`")[1] for line in section.splitlines() if line.startswith("| `")]
    assert sorted(listed) == sorted(load_library())
