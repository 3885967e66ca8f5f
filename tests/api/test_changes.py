"""``/changes`` between the Japanese 2024 report and the English 2025 joint statement."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from followup_corpus import EN_2025, JA_2024, build_followup_corpus, write_councils
from rest_app import BASE, make_client

from bkg_graph.kg import build_kg
from bkg_graph.summary_en import GENERATED_NOTE


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    result = build_followup_corpus(tmp_path_factory.mktemp("changes"))
    assert result.out_dir is not None
    return make_client(result.out_dir)


@pytest.fixture(scope="module")
def answer(client: TestClient) -> dict[str, Any]:
    response = client.get("/changes", params={"from": JA_2024, "to": EN_2025})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    return body


def _locators(items: list[dict[str, Any]], side: str = "commitment") -> list[str]:
    return sorted(i[side]["locator"] for i in items)


def test_groups_and_counts(answer: dict[str, Any]) -> None:
    assert (answer["from"], answer["to"]) == (JA_2024, EN_2025)
    assert answer["counts"] == {
        "new": 4,
        "progressed": 2,
        "unchanged": 1,
        "status-unclear": 1,
        "not-mentioned": 16,
    }
    assert _locators(answer["new"]) == [
        "Pillar 1: Digital infrastructure and technologies › Semiconductors › a",
        "Pillar 1: Digital infrastructure and technologies › Semiconductors › b",
        "Pillar 1: Digital infrastructure and technologies › Telecoms vendor diversification › c",
        "Pillar 2: Data › a",
    ]
    assert answer["by_pillar"]["Pillar 2: Data"] == {
        "new": 1,
        "not-mentioned": 1,
        "status-unclear": 1,
    }
    assert answer["by_agency"]["ppc"] == {"status-unclear": 1}
    assert answer["query"]["name"] == "changes"


def test_a_follow_up_cites_both_sides(answer: dict[str, Any]) -> None:
    (unchanged,) = answer["unchanged"]
    assert unchanged["commitment"]["statement"] == (
        f"{BASE}statement/{JA_2024}/digital-infrastructure/ai/d"
    )
    assert unchanged["commitment"]["text"].startswith("AI ガバナンスの枠組み間の相互運用性")
    assert (unchanged["commitment"]["status"], unchanged["follow_up"]["status"]) == (
        "agreed",
        "agreed",
    )
    assert unchanged["follow_up"]["text"] == (
        "Both sides reaffirmed their commitment to the Hiroshima AI Process and will consider "
        "joint work on the evaluation of advanced AI systems."
    )
    assert unchanged["follow_up"]["english"] is None  # written in English
    assert (unchanged["confidence"], unchanged["matched"]) == (
        "confident",
        ["ai", "hiroshima-ai-process", "jp", "uk"],
    )


def test_a_japanese_statement_gets_a_generated_line_labelled_as_such(
    answer: dict[str, Any],
) -> None:
    framework = next(i for i in answer["progressed"] if i["commitment"]["locator"].endswith("› d"))
    assert framework["commitment"]["english"] == {
        "text": "DSIT and MIC — agreed — Japan–UK Telecommunications Supply Chain "
        "Diversification Cooperation Framework — date named: 2023",
        "generated": True,
        "note": GENERATED_NOTE,
    }


def test_an_uncertain_absence_is_marked(answer: dict[str, Any]) -> None:
    marks = {
        i["commitment"]["locator"].rsplit(" › ", 1)[-1]: i["confidence"]
        for i in answer["not-mentioned"]
        if "› Semiconductors ›" in i["commitment"]["locator"]
    }
    assert marks == {"c": "uncertain", "d": "uncertain", "e": "uncertain"}


def test_unknown_document_is_a_404_naming_the_closest(client: TestClient) -> None:
    response = client.get("/changes", params={"from": "jp-uk-dp-2024-progress", "to": EN_2025})
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert response.json()["detail"] == (
        "no document 'jp-uk-dp-2024-progress'; closest: jp-uk-dp-2024-progress-ja, "
        "jp-uk-dp-2024-progress-en, jp-uk-dp-2025-joint-statement-en"
    )


def test_councils_too_far_apart_are_a_400_and_the_page_says_which_to_compare(
    tmp_path: Path,
) -> None:
    write_councils(tmp_path / "corpus", 5)
    build_kg(corpus=tmp_path / "corpus", out_dir=tmp_path / "build")
    client = make_client(tmp_path / "build")
    far = {"from": "council-0", "to": "council-4"}
    response = client.get("/changes", params=far)
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "'council-4' is the 4th council after 'council-0'; commitments are followed in the "
        "next 3 councils of a partnership (council-1, council-2, council-3)"
    )
    page = client.get("/changes", params={**far, "format": "html"})
    assert page.status_code == 200
    problem = re.search(r'<p class="problem" role="status">([^<]*)</p>', page.text)
    assert problem is not None and problem.group(1) == (
        "council-4 is the 4th council after council-0. A commitment is followed in the next 3 "
        "councils of its partnership: compare council-0 with council-1, council-2, council-3."
    )
    assert 'name="from"' in page.text and 'name="to"' in page.text  # the form stays
    instead = re.findall(r'<ul class="instead">(.*?)</ul>', page.text, re.S)[0]
    assert re.findall(r'href="[^"]*to=(council-\d)', instead) == [
        "council-1",
        "council-2",
        "council-3",
    ]
    assert [client.get(h.replace("&amp;", "&")).status_code for h in
            re.findall(r'href="([^"]+)"', instead)] == [200, 200, 200]  # fmt: skip
