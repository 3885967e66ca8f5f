"""`bkg_api.view`: a view's self-contained page from Python, saved or shown in a notebook."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

import bkg_api
from bkg_api import offline
from bkg_graph.errors import InputError, NotFound
from bkg_graph.network import ViewSpec
from bkg_graph.settings import Settings
from bkg_graph.store import EmbeddedStore, open_build

B = "https://w3id.org/bilateral-kg/id/"
SETTINGS = Settings(public_url="https://kg.example.org")


@pytest.fixture(scope="module")
def store(build_dir: Path) -> EmbeddedStore:
    return open_build(build_dir)


def page_data(page: str) -> dict[str, object]:
    m = re.search(r'<script type="application/json" id="view-data">(.*?)</script>', page, re.S)
    assert m is not None
    data: dict[str, object] = json.loads(m[1])
    return data


def test_exported_from_the_package() -> None:
    assert "view" in bkg_api.__all__ and bkg_api.view is offline.view
    assert bkg_api.OfflineView is offline.OfflineView


def test_view_is_self_contained(store: EmbeddedStore) -> None:
    v = offline.view(
        store, theme="vendor-diversification", lang="ja", settings=SETTINGS, height=500
    )
    assert v.spec.to_query() == "kind=bipartite&lang=ja&theme=vendor-diversification"
    page = v.html
    assert '<meta http-equiv="Content-Security-Policy"' in page
    assert re.findall(r"<script[^>]*\ssrc=", page) == []
    assert re.findall(r"<link[^>]*stylesheet", page) == []
    data = page_data(page)
    labels = {n["id"]: n["label"]["ja"] for n in data["nodes"]}  # type: ignore[attr-defined]
    assert labels[B + "agency/mic"] == "総務省"
    assert labels[B + "initiative/gcot"] == "電気通信に関するグローバル連合"
    assert data["meta"]["nodes"] == 8  # type: ignore[index]
    assert store.version in page
    assert "https://kg.example.org/view?kind=bipartite&amp;lang=ja&amp;theme=" in page


def test_matrix_page(store: EmbeddedStore) -> None:
    v = offline.view(store, "matrix", lang="ja", settings=SETTINGS)
    assert "総務省" in v.html and "科学・イノベーション・技術省" in v.html


def test_iframe_escapes_the_page_once_more(store: EmbeddedStore) -> None:
    v = offline.view(store, "coparticipation", settings=SETTINGS)
    frame = v.iframe()
    assert v._repr_html_() == frame
    assert repr(v) == f"<OfflineView kind=coparticipation&lang=en: {len(v.html):,} characters>"
    assert frame.startswith('<iframe srcdoc="') and frame.endswith("</iframe>")
    assert frame.count("<") == 2  # the iframe's own tags; the page is all entities
    srcdoc = re.fullmatch(r'<iframe srcdoc="([^"]*)".*', frame, re.S)
    assert srcdoc is not None and html.unescape(srcdoc[1]) == v.html
    hostile = offline.OfflineView('<b title="x">"</iframe><script>alert(1)</script>', ViewSpec())
    assert "<script" not in hostile.iframe() and hostile.iframe().count("</iframe>") == 1


def test_save_writes_the_page(store: EmbeddedStore, tmp_path: Path) -> None:
    v = offline.view(store, "neighbourhood", focus="initiative/gcot", settings=SETTINGS)
    out = v.save(tmp_path / "pack" / "gcot.html")
    assert out.read_text(encoding="utf-8") == v.html
    assert [p.name for p in out.parent.iterdir()] == ["gcot.html"]


def test_bad_views_are_input_errors(store: EmbeddedStore) -> None:
    with pytest.raises(NotFound, match="no theme 'nope'"):
        offline.view(store, theme="nope")
    with pytest.raises(InputError, match="lang must be one of en, ja"):
        offline.view(store, lang="fr")
