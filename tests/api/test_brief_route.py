"""``GET /brief``: the briefing pack as a download, errors in the JSON envelope."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from fastapi.testclient import TestClient
from pptx import Presentation

from bkg_api.app import create_app
from bkg_graph.settings import Settings
from bkg_graph.store import open_build

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@pytest.fixture(scope="module")
def client(build_dir: Path) -> TestClient:
    settings = Settings(public_url="https://kg.example.org")
    return TestClient(create_app(settings, open_build(build_dir)))


def test_docx_download(client: TestClient) -> None:
    r = client.get("/brief?initiative=gcot")
    assert r.status_code == 200
    assert r.headers["content-type"] == DOCX
    assert r.headers["content-disposition"] == ('attachment; filename="bkg-brief-gcot-en.docx"')
    doc = Document(io.BytesIO(r.content))
    assert doc.paragraphs[0].text == "Briefing: Global Coalition on Telecommunications"
    footer = doc.sections[0].footer.paragraphs[0].text
    assert footer.endswith(" · https://kg.example.org/brief?initiative=gcot&lang=en&format=docx")


def test_pptx_download_for_a_pair_in_japanese(client: TestClient) -> None:
    r = client.get("/brief?agency=mic&agency=dsit&lang=ja&format=pptx")
    assert (r.status_code, r.headers["content-type"]) == (200, PPTX)
    assert 'filename="bkg-brief-mic-dsit-ja.pptx"' in r.headers["content-disposition"]
    deck = Presentation(io.BytesIO(r.content))
    title = deck.slides[0].shapes.title
    assert title is not None
    assert title.text == "ブリーフィング: 総務省・科学・イノベーション・技術省"


def test_markdown_comes_zipped_with_its_figure(client: TestClient) -> None:
    r = client.get("/brief?topic=ai&format=md")  # only a collective term acts in the AI theme
    assert r.status_code == 400 and "nothing to draw" in r.json()["detail"]
    r = client.get("/brief?topic=ai&format=md&evidence=named,reference,collective")
    assert (r.status_code, r.headers["content-type"]) == (200, "application/zip")
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        assert sorted(z.namelist()) == [
            "bkg-brief-ai-en-figure.png",
            "bkg-brief-ai-en-figure.svg",
            "bkg-brief-ai-en.md",
        ]


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("initiative=nope", 404, "no initiative 'nope'"),
        ("initiative=gcot&format=pdf", 400, "format must be one of docx, pptx, md"),
        ("", 400, "a briefing is about one initiative, one or more agencies, or a topic"),
        ("initiative=gcot&topic=ai", 400, "a briefing is about one initiative"),
    ],
)
def test_errors(client: TestClient, query: str, status: int, message: str) -> None:
    r = client.get(f"/brief?{query}")
    assert r.status_code == status
    assert message in r.json()["detail"]
