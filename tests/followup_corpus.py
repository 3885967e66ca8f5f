"""The follow-through fixture corpus: the bundled Japanese 2024 report, its English excerpt
(a translation, not a later council) and the English 2025 joint statement, ingested into a
copy of the corpus and built."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from bkg_graph import paths
from bkg_graph.corpus import discover, toml_table
from bkg_graph.ingest import apply_ingest, plan_ingest
from bkg_graph.kg import BuildResult, build_kg
from bkg_graph.pipeline.records import DocumentRecord
from bkg_graph.pipeline.statements import read_document
from bkg_graph.registry import load_registry
from bkg_graph.settings import Settings

DOCS = Path(__file__).resolve().parent / "data" / "documents"
JA_2024 = "jp-uk-dp-2024-progress-ja"
EN_2024 = "jp-uk-dp-2024-progress-en"
EN_2025 = "jp-uk-dp-2025-joint-statement-en"


def build_followup_corpus(folder: Path) -> BuildResult:
    """Ingest the two fixtures into a copy of the corpus under ``folder``; build into
    ``folder / "build"``."""
    corpus = folder / "corpus"
    shutil.copytree(paths.corpus_dir(), corpus)
    settings = Settings()
    registry = load_registry(paths.registry_dir(settings))
    for name in (EN_2025, EN_2024):
        fields = tomllib.loads((DOCS / f"{name}.toml").read_text(encoding="utf-8"))
        plan = plan_ingest(
            DOCS / f"{name}.md", fields, corpus=corpus, settings=settings, registry=registry
        )
        apply_ingest(plan, corpus=corpus, out_dir=folder / "ingested", settings=settings)
    return build_kg(corpus=corpus, out_dir=folder / "build", settings=settings)


def read_records(folder: Path) -> list[DocumentRecord]:
    """The readings of the documents in ``folder / "corpus"`` (what the build derives from)."""
    settings = Settings()
    registry = load_registry(paths.registry_dir(settings))
    limit = settings.max_document_bytes
    return [read_document(m, registry, max_bytes=limit) for m in discover(folder / "corpus")]


def write_councils(corpus: Path, count: int, start: int = 0) -> None:
    """``count`` councils of one partnership: the 2025 joint statement under other ids and
    dates (a year apart), so that each follows up the commitments of the three before it."""
    text = (DOCS / f"{EN_2025}.md").read_text(encoding="utf-8")
    meta = tomllib.loads((DOCS / f"{EN_2025}.toml").read_text(encoding="utf-8"))
    for n in range(start, start + count):
        folder = corpus / f"council-{n}"
        folder.mkdir(parents=True)
        (folder / "document.txt").write_text(text.replace("2025", str(2030 + n)), "utf-8")
        fields = {**meta, "id": f"council-{n}", "date": f"{2030 + n}-03-20"}
        fields.pop("source_file", None)
        (folder / "metadata.toml").write_text(toml_table(fields), encoding="utf-8")
