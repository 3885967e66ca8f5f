"""Ingest cannot corrupt or lose data: hostile text, interrupted writes, out-of-step builds."""

from __future__ import annotations

import io
import os
import shutil
import time
import tomllib
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from waiting import until

from bkg_graph import kg, paths, transaction
from bkg_graph.errors import DocumentError, WriterBusy
from bkg_graph.ingest import ingest
from bkg_graph.kg import build_kg, ensure_build, out_of_step
from bkg_graph.output import block_terms, escape_line_breaks, read_manifest
from bkg_graph.registry import Registry
from bkg_graph.settings import Settings
from bkg_graph.store import open_build
from bkg_graph.transaction import Transaction, journal_path, writer_lock

DOCS = Path(__file__).resolve().parents[1] / "data" / "documents"
JOINT = "jp-uk-dp-2025-joint-statement-en"
BASE = "https://w3id.org/bilateral-kg/id/"
STATEMENT = f"{BASE}statement/{JOINT}/digital-infrastructure/vendor-diversification/b"

#: Accepted in a document: what some reader or other takes for a line break, the bidi
#: controls, zero-width and other format characters, DEL and the C1 controls.
ACCEPTED = "\u2028\u2029\u0085\u0080\u009f\u007f\u202a\u202b\u202c\u202d\u202e\u2066\u2067"
ACCEPTED += "\u2068\u2069\u200e\u200f\u061c\u200b\u200d\ufeff\u00ad"
#: Refused with a message naming the line: the C0 controls but TAB, LF and CR.
REFUSED = [chr(c) for c in range(32) if chr(c) not in "\t\n\r"]


def fields() -> dict[str, object]:
    return dict(tomllib.loads((DOCS / f"{JOINT}.toml").read_text(encoding="utf-8")))


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(paths.corpus_dir(), tmp_path / "corpus")
    return tmp_path / "corpus", tmp_path / "build"


def run(source: Path, corpus: Path, out: Path, registry: Registry, **kw: object):  # type: ignore[no-untyped-def]
    return ingest(
        source, fields(), corpus=corpus, out_dir=out, settings=Settings(), registry=registry, **kw
    )


def snapshot(*folders: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for f in folders for p in sorted(f.rglob("*")) if p.is_file()}


def hostile_text() -> str:
    text = (DOCS / f"{JOINT}.md").read_text(encoding="utf-8")
    return text.replace(
        "twice a year.", f"twice a year.{ACCEPTED} Finally {'x' * 20_000} ends here."
    )


def test_a_hostile_document_ingests_and_every_file_parses_back(
    folders: tuple[Path, Path], tmp_path: Path, registry: Registry
) -> None:
    corpus, out = folders
    source = tmp_path / "hostile.md"
    text = hostile_text()
    source.write_text(text, encoding="utf-8")
    build_kg(corpus=corpus, out_dir=out, formats=("nq", "ttl", "jsonld"))  # kept by ingest
    outcome = run(source, corpus, out, registry)
    assert outcome.plan.status == "new"
    # the corpus holds the text exactly as sent
    assert (corpus / JOINT / "document.txt").read_text(encoding="utf-8") == text
    nq = (out / "kg.nq").read_bytes()
    # one quad per line, and no line holds a character any reader splits lines on
    for line in nq.split(b"\n")[:-1]:
        assert len(list(ox.parse(io.BytesIO(line + b"\n"), format=ox.RdfFormat.N_QUADS))) == 1
    assert len(nq.decode("utf-8").splitlines()) == nq.count(b"\n")
    assert len(
        list(ox.parse(io.BytesIO((out / "kg.ttl").read_bytes()), format=ox.RdfFormat.TURTLE))
    )
    jsonld = (out / "kg.jsonld").read_bytes()
    assert len(list(ox.parse(io.BytesIO(jsonld), format=ox.RdfFormat.JSON_LD))) > 8000
    # the quote of the statement is the source's text, character for character
    store = open_build(out)
    rows = store.select(
        f"SELECT ?start ?end ?exact WHERE {{ <{STATEMENT}> bkg:span ?sp . "
        "?sp oa:start ?start ; oa:end ?end ; oa:exact ?exact }"
    )
    assert len(rows) == 1
    quote = rows[0]["exact"]
    assert quote == text[int(rows[0]["start"]) : int(rows[0]["end"])]
    assert ACCEPTED in quote and quote.endswith("ends here.")


@pytest.mark.parametrize("char", REFUSED, ids=[f"U+{ord(c):04X}" for c in REFUSED])
def test_c0_controls_are_refused_and_nothing_is_written(
    char: str, folders: tuple[Path, Path], tmp_path: Path, registry: Registry, built_once: Path
) -> None:
    corpus, out = folders
    shutil.copytree(built_once, out)
    before = snapshot(corpus, out)
    source = tmp_path / "bad.md"
    source.write_text(hostile_text().replace("twice a year.", f"twice{char}a year."), "utf-8")
    with pytest.raises(DocumentError, match=r"bad\.md:1[0-9]: (control character|binary data)"):
        run(source, corpus, out, registry)
    assert snapshot(corpus, out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".build.lock",
        "bad.md",
        "build",
        "corpus",
    ]


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("once") / "build"
    build_kg(out_dir=out)
    return out


def test_line_breaking_characters_are_escaped_in_nquads() -> None:
    text = "a\u2028b\u2029c\u0085d\re\nf\u202eg"
    data, _ = block_terms([(URIRef("http://s"), URIRef("http://p"), Literal(text))], "http://g")
    [line] = data.decode("utf-8").splitlines()
    assert line == '<http://s> <http://p> "a\\u2028b\\u2029c\\u0085d\\re\\nf\u202eg" <http://g> .'
    [quad] = ox.parse(data, format=ox.RdfFormat.N_QUADS)
    assert quad.object == ox.Literal(text)
    assert escape_line_breaks("x\u0099y") == "x\\u0099y"


def test_files_get_the_usual_permissions(
    folders: tuple[Path, Path], tmp_path: Path, registry: Registry
) -> None:
    corpus, out = folders
    source = tmp_path / f"{JOINT}.md"
    shutil.copy(DOCS / f"{JOINT}.md", source)
    mask = os.umask(0o022)
    try:
        run(source, corpus, out, registry)
    finally:
        os.umask(mask)
    written = [*out.iterdir(), *(corpus / JOINT).iterdir()]
    assert sorted(p.name for p in written) == [
        "document.txt", "kg.nq", "manifest.json", "metadata.toml", "void.ttl",
    ]  # fmt: skip
    assert {oct(p.stat().st_mode & 0o777) for p in written} == {"0o644"}


def test_a_committed_switch_is_completed_by_the_next_writer(tmp_path: Path) -> None:
    out, corpus = tmp_path / "build", tmp_path / "corpus"
    (corpus / "doc").mkdir(parents=True)
    (corpus / "doc" / "document.txt").write_text("old")
    txn = Transaction(out, corpus)
    txn.stage(out / "kg.nq", b"new graph\n")
    txn.stage(corpus / "doc" / "document.txt", b"new")
    txn.write_journal()  # the commit point; then the writer "dies" before switching
    assert journal_path(out).exists() and not (out / "kg.nq").exists()
    with writer_lock(out, 1.0, corpus):
        pass
    assert (out / "kg.nq").read_bytes() == b"new graph\n"
    assert (corpus / "doc" / "document.txt").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.lock", "build", "corpus"]


def test_an_uncommitted_write_is_rolled_back_by_the_next_writer(tmp_path: Path) -> None:
    out, corpus = tmp_path / "build", tmp_path / "corpus"
    (corpus / "doc").mkdir(parents=True)
    (corpus / "doc" / "document.txt").write_text("old")
    txn = Transaction(out, corpus)
    txn.stage(out / "kg.nq", b"new graph\n")
    txn.stage(corpus / "doc" / "document.txt", b"new")  # the writer "dies" before its journal
    with writer_lock(out, 1.0, corpus):
        pass
    assert (corpus / "doc" / "document.txt").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.lock", "corpus"]


def test_a_second_writer_waits_then_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "build"
    refused = pytest.raises(WriterBusy, match=r"did not finish within 0\.2 s")
    with writer_lock(out, 1.0), refused, writer_lock(out, 0.2):
        pass


def test_a_tail_written_in_place_is_replayed_after_a_crash(tmp_path: Path) -> None:
    """A file changed in place from an offset, its new end made of a cached file and bytes
    staged: cut short and half-written, or not touched at all, when the writer dies after
    its journal, the next writer finishes it."""
    out = tmp_path / "build"
    out.mkdir()
    cached = tmp_path / "cached.nq"
    cached.write_bytes(b"cached line\n")
    old = b"kept line\nold tail\nold tail\n"
    new = b"kept line\nnew tail\ncached line\nend\n"
    (out / "kg.nq").write_bytes(old)

    def stage(keep: int) -> Transaction:
        txn = Transaction(out)
        tail = txn.append(out / "kg.nq", keep)
        tail.write(b"new tail\n")
        tail.copy(cached, cached.stat().st_size)
        tail.write(b"end\n")
        return txn

    # untouched, cut where the tail goes, half-written, written but the journal not removed
    for damage in (b"", b"kept line\n", b"kept line\nnew", new):
        txn = stage(len(b"kept line\n"))
        txn.stamp(out / "kg.nq", tmp_path / "stamp")
        txn.write_journal()  # the commit point; then the writer "dies", the file as below
        if damage:
            (out / "kg.nq").write_bytes(damage)
        with writer_lock(out, 1.0):
            pass
        assert (out / "kg.nq").read_bytes() == new, damage
        assert transaction.read_stamp(tmp_path / "stamp") == transaction.stamp_of(out / "kg.nq")
        names = [".build.lock", "build", "cached.nq", "stamp"]
        assert sorted(p.name for p in tmp_path.iterdir()) == names
        (out / "kg.nq").write_bytes(old)
    stage(3)  # no journal: the file stays as it was
    with writer_lock(out, 1.0):
        pass
    assert (out / "kg.nq").read_bytes() == old
    stage(3).write_journal()  # the file removed meanwhile: the switch still ends
    (out / "kg.nq").unlink()
    with writer_lock(out, 1.0):
        pass
    assert not (out / "kg.nq").exists() and not journal_path(out).exists()
    (out / "kg.nq").write_bytes(old)
    stage(3).write_journal()  # a piece removed meanwhile: the file cannot be made, so it goes
    cached.unlink()
    with writer_lock(out, 1.0):
        pass
    assert not (out / "kg.nq").exists() and not journal_path(out).exists()


def test_readers_and_writers_of_a_build_wait_for_each_other(tmp_path: Path) -> None:
    out = tmp_path / "build"
    busy = pytest.raises(WriterBusy, match=r"did not finish within 0\.2 s")
    # two readers at once; a writer waits for them
    with transaction.reader_lock(out, 1.0), transaction.reader_lock(out, 0.2), busy:
        _write_nothing(out, 0.2)
    busy = pytest.raises(WriterBusy, match=r"a build or ingest is writing")
    with writer_lock(out, 1.0), busy, transaction.reader_lock(out, 0.2):
        pass
    txn = Transaction(out)  # a reader finishes a switch cut short before it reads
    txn.stage(out / "kg.nq", b"new graph\n")
    txn.write_journal()
    with transaction.reader_lock(out, 1.0):
        assert (out / "kg.nq").read_bytes() == b"new graph\n"
        assert not journal_path(out).exists()


def _write_nothing(out: Path, timeout: float) -> None:
    with writer_lock(out, timeout):
        pass


def test_kg_nq_edited_by_hand_is_written_anew(folders: tuple[Path, Path]) -> None:
    """An ingest changes kg.nq in place only if it is as the last switch left it."""
    corpus, out = folders
    build_kg(corpus=corpus, out_dir=out)
    assert kg._in_place(out) == read_manifest(out)["graphs"]  # as the switch left it
    nq = out / "kg.nq"
    edited = nq.read_bytes().replace(b"Japan", b"Japon", 1)
    nq.write_bytes(edited)  # in place, as an editor may: same size, same inode
    assert kg._in_place(out) is None
    doc = "jp-uk-dp-2024-progress-ja"
    path = corpus / doc / "document.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("。", "。 ", 1), encoding="utf-8")
    build_kg(corpus=corpus, out_dir=out)
    assert b"Japon" not in nq.read_bytes()
    clean = build_kg(corpus=corpus, out_dir=out.parent / "clean")
    assert nq.read_bytes() == (clean.out_dir / "kg.nq").read_bytes()  # type: ignore[operator]
    inode = nq.stat().st_ino  # --force writes it anew, whatever the stamp says
    assert kg._in_place(out) is not None
    build_kg(corpus=corpus, out_dir=out, force=True)
    assert nq.stat().st_ino != inode
    assert nq.read_bytes() == (clean.out_dir / "kg.nq").read_bytes()  # type: ignore[operator]


def test_a_build_out_of_step_with_the_corpus_is_noticed_and_rebuilt(
    folders: tuple[Path, Path],
) -> None:
    corpus, out = folders
    doc = "jp-uk-dp-2024-progress-ja"
    settings = Settings()
    messages: list[str] = []
    assert ensure_build(out, corpus, settings, messages.append) is not None
    assert (
        messages[0]
        == f"{out} is out of step with {corpus} (there is no built graph in {out}); rebuilding"
    )
    assert out_of_step(out, corpus) == []
    assert ensure_build(out, corpus, settings) is None
    inputs = read_manifest(out)["inputs"]
    assert sorted(inputs) == ["base_iri", "code", "documents", "ontology", "registry"]
    assert list(inputs["documents"]) == [doc]
    path = corpus / doc / "document.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("。", "。 ", 1), encoding="utf-8")
    assert out_of_step(out, corpus) == [f"{doc} changed since the build"]
    messages.clear()
    result = ensure_build(out, corpus, settings, messages.append)
    assert result is not None and messages[0].endswith(
        f"({doc} changed since the build); rebuilding"
    )
    assert out_of_step(out, corpus) == []
    shutil.copytree(corpus / doc, corpus / "another-doc")
    meta = corpus / "another-doc" / "metadata.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(doc, "another-doc"), encoding="utf-8")
    assert out_of_step(out, corpus) == ["another-doc is in the corpus but not in the build"]


def test_a_large_replaced_file_is_removed_after_the_switch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large file about to be replaced is kept under another name and removed by a process
    of its own, so the switch itself does not wait for the disk space to be freed."""
    monkeypatch.setattr(transaction, "LARGE", 4)
    out = tmp_path / "build"
    out.mkdir()
    (out / "kg.nq").write_bytes(b"old graph\n")
    trash = tmp_path / ".build.trash-test"
    transaction._set_aside(out / "kg.nq", trash)
    (kept,) = trash.iterdir()
    assert kept.stat().st_ino == (out / "kg.nq").stat().st_ino
    transaction.remove_later(trash)
    deadline = time.monotonic() + 30
    while trash.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not trash.exists() and (out / "kg.nq").read_bytes() == b"old graph\n"
    # through a commit: the new file in place, the old one's data gone, no trash left
    with (out / "kg.nq").open("rb") as old:
        txn = Transaction(out)
        txn.stage(out / "kg.nq", b"new graph\n")
        txn.commit()
        assert (out / "kg.nq").read_bytes() == b"new graph\n"
        while os.fstat(old.fileno()).st_nlink and time.monotonic() < deadline:
            time.sleep(0.02)
        assert os.fstat(old.fileno()).st_nlink == 0
    # the remover unlinks the file first, then its folder: wait for both
    until(lambda: not list(tmp_path.glob(".build.trash-*")))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]
