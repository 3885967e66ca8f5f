"""POST /documents and /initiatives/{id}/timeline: ingest through the API, follow a commitment."""

from __future__ import annotations

import json
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from bkg_api.app import create_app
from bkg_graph import paths
from bkg_graph.kg import build_kg
from bkg_graph.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "data" / "documents"
JOINT = "jp-uk-dp-2025-joint-statement-en"
TOKEN = "s3cret-token-for-tests"


def upload(name: str = JOINT) -> dict[str, object]:
    meta = tomllib.loads((DOCS / f"{name}.toml").read_text(encoding="utf-8"))
    return {"text": (DOCS / f"{name}.md").read_text(encoding="utf-8"), "metadata": meta}


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(paths.corpus_dir(), tmp_path / "corpus")
    for name, sub in (("CORPUS", "corpus"), ("BUILD", "build"), ("DATA", "data")):
        monkeypatch.setenv(f"BKG_{name}_DIR", str(tmp_path / sub))
    build_kg(out_dir=tmp_path / "build")
    return tmp_path


def client_for(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def admin(folders: Path) -> Iterator[TestClient]:
    yield from client_for(Settings(admin_token=SecretStr(TOKEN), query_cache=False))


@pytest.fixture
def readonly(folders: Path) -> Iterator[TestClient]:
    yield from client_for(Settings(query_cache=False))


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_without_a_configured_token_writes_are_disabled(readonly: TestClient) -> None:
    r = readonly.post("/documents", json=upload(), headers=AUTH)
    assert r.status_code == 403
    assert r.json()["error"] == "writes_disabled"


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer"])
def test_a_missing_or_wrong_token_is_refused(admin: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    r = admin.post("/documents", json=upload(), headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert TOKEN not in r.text


def test_ingest_then_follow_the_initiative_across_councils(
    admin: TestClient, folders: Path
) -> None:
    before = admin.get("/initiatives/gcot/timeline").json()["entries"]
    assert [e["document_date"] for e in before] == ["2024-01-16"]
    dry = admin.post("/documents?dry_run=true", json=upload(), headers=AUTH)
    assert dry.status_code == 200 and dry.json()["dry_run"] is True
    assert not (folders / "corpus" / JOINT).exists()
    r = admin.post("/documents", json=upload(), headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["status"], body["statements"], len(body["changes"])) == ("new", 10, 10)
    assert "Quantum Technology Partnership" in body["candidates"]
    timeline = admin.get("/initiatives/gcot/timeline").json()["entries"]
    assert [(e["document_date"], e["language"], e["status"]) for e in timeline] == [
        ("2024-01-16", "ja", "ongoing"),
        ("2025-03-20", "en", "welcomed"),
    ]
    again = admin.post("/documents", json=upload(), headers=AUTH).json()
    assert again["status"] == "unchanged"
    assert again["version"] == body["version"]


def test_uploads_are_limited_and_checked(admin: TestClient) -> None:
    big = {"text": "a. x\n" * 2_000_000, "metadata": {"id": "big", "language": "en"}}
    assert admin.post("/documents", json=big, headers=AUTH).status_code == 413
    bad = admin.post("/documents", content=b"{not json", headers=AUTH)
    assert (bad.status_code, bad.json()["error"]) == (400, "bad_request")
    broken = {"text": "no structure at all", "metadata": {"id": "broken", "language": "en"}}
    r = admin.post("/documents", json=broken, headers=AUTH)
    assert r.status_code == 400 and "no recognisable structure" in r.json()["detail"]
    unknown = upload()
    unknown["metadata"] = {**unknown["metadata"], "partnership": "nope"}  # type: ignore[dict-item]
    assert admin.post("/documents", json=unknown, headers=AUTH).status_code == 400


def test_write_routes_answer_no_other_origin(admin: TestClient) -> None:
    pre = admin.options(
        "/documents",
        headers={
            "Origin": "https://elsewhere.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )
    assert pre.status_code == 403
    assert "access-control-allow-origin" not in pre.headers
    r = admin.post(
        "/documents?dry_run=true",
        json=upload(),
        headers={**AUTH, "Origin": "https://elsewhere.example"},
    )
    assert r.status_code == 200
    assert "access-control-allow-origin" not in r.headers
    read = admin.get("/agencies", headers={"Origin": "https://elsewhere.example"})
    assert read.headers["access-control-allow-origin"] == "*"


def test_timeline_of_an_unknown_initiative_is_404(admin: TestClient) -> None:
    r = admin.get("/initiatives/no-such-thing/timeline")
    assert (r.status_code, r.json()["error"]) == (404, "not_found")


def files_under(*folders: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for f in folders for p in sorted(f.rglob("*")) if p.is_file()}


def test_a_failing_document_leaves_nothing_written(admin: TestClient, folders: Path) -> None:
    before = files_under(folders / "corpus", folders / "build")
    served = admin.app.state.store.version  # type: ignore[attr-defined]
    for text in ("no structure\u2028at all", "a. a line with a \x0b vertical tab\n"):
        bad = {"text": text, "metadata": {"id": "broken", "language": "en"}}
        r = admin.post("/documents", json=bad, headers=AUTH)
        assert (r.status_code, r.json()["error"]) == (400, "bad_request")
    assert files_under(folders / "corpus", folders / "build") == before
    names = sorted(p.name for p in folders.iterdir())
    assert names == [".build.cache", ".build.lock", "build", "corpus", "data"]
    assert admin.app.state.store.version == served  # type: ignore[attr-defined]


def test_a_line_separator_ingests_and_round_trips(admin: TestClient, folders: Path) -> None:
    doc = upload()
    hostile = "twice a year.\u2028\u2029\u0085\u202e Then more."
    doc["text"] = str(doc["text"]).replace("twice a year.", hostile)
    r = admin.post("/documents", json=doc, headers=AUTH)
    assert r.status_code == 200, r.text
    version = r.json()["version"]
    assert version == json.loads((folders / "build" / "manifest.json").read_text())["version"]
    stored = (folders / "corpus" / JOINT / "document.txt").read_text(encoding="utf-8")
    assert stored == doc["text"]
    statement = (
        "https://w3id.org/bilateral-kg/id/statement/"
        f"{JOINT}/digital-infrastructure/vendor-diversification/b"
    )
    q = f"SELECT ?t ?s ?e WHERE {{ <{statement}> bkg:span [ oa:exact ?t ; oa:start ?s ; oa:end ?e ] }}"
    r = admin.get(
        "/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+json"}
    )
    assert admin.app.state.store.version == version  # type: ignore[attr-defined]
    [row] = r.json()["results"]["bindings"]
    assert hostile in row["t"]["value"]
    assert row["t"]["value"] == stored[int(row["s"]["value"]) : int(row["e"]["value"])]


def test_the_shipped_metadata_file_is_accepted(
    folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bkg_api.cli import main

    folder = folders / "corpus" / "jp-uk-dp-2024-progress-ja"
    code = main(["ingest", "--meta", str(folder / "metadata.toml"), str(folder / "document.txt")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.splitlines()[0] == "jp-uk-dp-2024-progress-ja: unchanged (48 statements)"
    assert "nothing to do: this version is in the corpus already" in out


def test_a_second_writer_is_refused_after_its_wait(folders: Path) -> None:
    from bkg_graph.transaction import writer_lock

    settings = Settings(admin_token=SecretStr(TOKEN), query_cache=False, write_lock_timeout=0.3)
    for client in client_for(settings):
        with writer_lock(folders / "build", 5, folders / "corpus"):  # another writer, busy
            r = client.post("/documents", json=upload(), headers=AUTH)
        assert (r.status_code, r.json()["error"]) == (409, "writer_busy")
        assert "did not finish within 0.3 s" in r.json()["detail"]
        assert not (folders / "corpus" / JOINT).exists()
