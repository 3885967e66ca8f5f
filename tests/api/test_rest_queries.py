"""``/queries``: the named query library, served and run; and the REST answers' sources."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rest_app import BASE, STATEMENT, make_client

from bkg_api import schemas
from bkg_graph import answers, paths
from bkg_graph.queries import load_library


@pytest.fixture(scope="module")
def client(build_dir: Path) -> TestClient:
    return make_client(build_dir)


def test_queries_lists_every_rq_file_with_its_text(client: TestClient) -> None:
    listed = {q["name"]: q for q in client.get("/queries").json()}
    files = {p.stem: p.read_text(encoding="utf-8") for p in paths.queries_dir().glob("*.rq")}
    assert set(listed) == set(files)
    for name, text in files.items():
        assert listed[name]["text"] == text
        assert listed[name]["results"] == f"/queries/{name}/results"
    agency = listed["agency"]["params"][0]
    assert agency["name"] == "agency"
    assert agency["description"] == f"the agency, e.g. {BASE}agency/mic"


def test_one_query_and_an_unknown_one(client: TestClient) -> None:
    query = client.get("/queries/statements").json()
    assert query["form"] == "SELECT"
    assert [p["name"] for p in query["params"]][:2] == ["pillar", "theme"]
    missing = client.get("/queries/no-such-query")
    assert missing.status_code == 404
    assert missing.json() == {
        "error": "not_found",
        "detail": "no named query 'no-such-query'",
        "request_id": missing.headers["x-request-id"],
    }


def test_run_a_named_query_with_repeated_parameters(client: TestClient) -> None:
    response = client.get(
        "/queries/shared-initiatives/results",
        params={"agencies": [f"{BASE}agency/mic", f"{BASE}agency/dsit"], "lang": "ja"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["variables"][:3] == ["thing", "thingId", "thingLabel"]
    gcot = [r for r in body["rows"] if r["thingId"] == "gcot"]
    assert [r["statement"] for r in gcot] == [
        STATEMENT + "digital-infrastructure/vendor-diversification/b"
    ]
    assert gcot[0]["thingLabel"] == "電気通信に関するグローバル連合"
    assert f"VALUES ?agency {{ <{BASE}agency/mic> <{BASE}agency/dsit> }}" in body["sparql"]
    assert (body["count"], body["truncated"]) == (len(body["rows"]), False)


def test_rest_answer_is_the_named_query_answer(client: TestClient) -> None:
    page = client.get("/agencies", params={"country": "jp", "limit": 500}).json()
    source = client.get(page["query"]["href"]).json()
    assert source["name"] == "agencies"
    rerun = client.get(source["results"], params={"country": f"{BASE}country/jp"}).json()
    assert [r["agency"] for r in rerun["rows"]] == [a["iri"] for a in page["items"]]


def test_construct_query_answers_json_ld(client: TestClient) -> None:
    response = client.get(
        "/queries/entity-description/results", params={"entity": f"{BASE}agency/mic"}
    )
    assert response.headers["content-type"] == "application/ld+json"
    labels = [
        value
        for node in response.json()
        if node["@id"] == f"{BASE}agency/mic"
        for value in node.get("http://www.w3.org/2000/01/rdf-schema#label", [])
    ]
    assert sorted(v["@value"] for v in labels) == [
        "Ministry of Internal Affairs and Communications",
        "総務省",
    ]


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({}, "parameter 'agency' is required"),
        ({"agency": BASE + "agency/mic> . } DROP ALL { <x:y"}, "must be an absolute IRI"),
        ({"agency": f"{BASE}agency/mic", "colour": "red"}, "has no parameter colour"),
        ({"agency": f"{BASE}agency/mic", "lang": "e n"}, "must be a language tag"),
    ],
)
def test_bad_parameters_are_400(client: TestClient, params: dict[str, str], error: str) -> None:
    response = client.get("/queries/agency/results", params=params)
    assert response.status_code == 400
    assert error in response.json()["detail"]


def test_openapi_describes_the_rest_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/agencies",
        "/agencies/{id}",
        "/initiatives",
        "/initiatives/{id}",
        "/shared-initiatives",
        "/statements",
        "/documents",
        "/search",
        "/queries",
        "/queries/{name}",
        "/queries/{name}/results",
    ):
        assert "get" in spec["paths"][path], path
    citation = spec["components"]["schemas"]["EvidenceCitation"]["properties"]
    assert citation["locator"]["description"].startswith("Where in the document")
    params = {p["name"] for p in spec["paths"]["/statements"]["get"]["parameters"]}
    assert params >= {"pillar", "theme", "agency", "initiative", "status", "date_from", "date_to"}
    assert not any(p.startswith("/bilateral-kg/") for p in spec["paths"])


@pytest.mark.parametrize(
    "name",
    [
        "Citation",
        "Agency",
        "AgencyDetail",
        "Initiative",
        "InitiativeDetail",
        "Shared",
        "StatementInfo",
        "Document",
        "SearchHit",
        "Linked",
        "Ref",
        "SharedCitation",
    ],
)
def test_response_models_have_the_keys_of_the_answers(name: str) -> None:
    typed = typing.get_type_hints(getattr(answers, name))
    model = getattr(schemas, name).model_fields
    assert set(model) == set(typed)


def test_every_rest_route_names_a_query_of_the_library(client: TestClient) -> None:
    library = load_library()
    for path in ("/agencies", "/initiatives", "/statements", "/documents"):
        assert client.get(path).json()["query"]["name"] in library
    assert client.get("/search", params={"q": "GCOT"}).json()["query"]["name"] == "search"


def test_every_rest_route_is_in_the_readme(client: TestClient) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    rest = {"agencies", "initiatives", "statements", "documents", "search", "queries"}
    spec = client.get("/openapi.json").json()
    documented = [
        path
        for path, methods in spec["paths"].items()
        if rest & set(methods.get("get", {}).get("tags", []))
    ]
    assert len(documented) >= 11
    for path in documented:
        assert f"GET {path}" in readme, path


@pytest.mark.parametrize("name", ["mic", "MIC", "総務省", "agency/mic", f"{BASE}agency/mic"])
def test_iri_parameters_take_names_as_people_write_them(client: TestClient, name: str) -> None:
    response = client.get("/queries/agency/results", params={"agency": name})
    assert response.status_code == 200
    assert {r["agency"] for r in response.json()["rows"]} == {f"{BASE}agency/mic"}


def test_an_unknown_name_in_a_named_query_is_404_with_the_closest(client: TestClient) -> None:
    response = client.get("/queries/agency/results", params={"agency": "mict"})
    assert response.status_code == 404
    assert response.json()["detail"].startswith("no agency 'mict'; closest: mic (Ministry of")
