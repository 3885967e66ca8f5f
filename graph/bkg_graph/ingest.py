"""Add a document to the corpus, or a new version of one, and rebuild the graph.

An ingest is planned first (read, parse, link, compare with the version in the corpus) and
applied only if the whole graph builds with it; the corpus files and the build output are
then replaced atomically. Ingesting the same text again changes nothing. A new version keeps
the old one under ``history/`` so that what changed stays queryable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from .corpus import HISTORY, DocumentMeta, PastVersion, discover, parse_metadata, toml_table
from .errors import InputError
from .kg import BuildResult, Progress, build_kg, write_result
from .pipeline.compare import Change, diff
from .pipeline.parse import decode
from .pipeline.statements import DocumentRecord, read_text
from .registry import Registry, load_registry
from .settings import Settings
from .text import is_cjk

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
FIELDS = (
    "id",
    "title_ja",
    "title_en",
    "date",
    "language",
    "partnership",
    "event",
    "parties",
    "issuers",
    "provisional_translation",
    "translation_of",
    "source_note",
)


@dataclass
class IngestPlan:
    """What an ingest would do; ``status`` is new, updated or unchanged."""

    meta: DocumentMeta
    metadata: dict[str, object]
    text: str
    status: str
    changes: list[Change]
    record: DocumentRecord
    warnings: list[str] = field(default_factory=list)


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60]


def _check_fields(fields: dict[str, object], registry: Registry, corpus_ids: set[str]) -> None:
    for key, value in fields.items():
        if key not in FIELDS:
            raise InputError(f"unknown metadata field {key!r}; known: {', '.join(FIELDS)}")
        for text in value if isinstance(value, list | tuple) else [value]:
            if isinstance(text, str) and any(ord(c) < 32 for c in text):
                raise InputError(f"metadata field {key!r} contains a control character")
    ident = str(fields.get("id", ""))
    if not _ID.match(ident):
        raise InputError(f"document id {ident!r} must be lower-case letters, digits and '-'")
    if fields.get("language") not in ("ja", "en"):
        raise InputError(f"language must be 'ja' or 'en', not {fields.get('language')!r}")
    for key in ("partnership", "event"):
        if fields.get(key) is not None and fields[key] not in registry.entities:
            raise InputError(f"{key} {fields[key]!r} is not a registry id")
    for key in ("parties", "issuers"):
        value = fields.get(key) or []
        if not isinstance(value, list | tuple):
            raise InputError(f"{key} must be a list of registry ids")
        unknown = [v for v in value if v not in registry.entities]
        if unknown:
            raise InputError(f"{key}: unknown registry ids {', '.join(map(str, unknown))}")
    original = fields.get("translation_of")
    if original is not None and (original == ident or original not in corpus_ids):
        raise InputError(f"translation_of {original!r} is not another document in the corpus")
    if fields.get("date") is not None:
        try:
            dt.date.fromisoformat(str(fields["date"]))
        except ValueError:
            raise InputError(f"date {fields['date']!r} is not YYYY-MM-DD") from None


def plan_ingest(
    source: Path,
    fields: dict[str, object],
    *,
    corpus: Path,
    settings: Settings,
    registry: Registry,
    raw: bytes | None = None,
) -> IngestPlan:
    """Read ``source`` (or ``raw``) with its metadata and compare it with the corpus."""
    data = raw if raw is not None else source.read_bytes()
    text = decode(data, path=str(source), limit=settings.max_document_bytes)
    fields = dict(fields)
    fields.setdefault("id", _slug(source.stem))
    if "language" not in fields:
        fields["language"] = "ja" if sum(map(is_cjk, text)) > len(text) // 10 else "en"
    existing = {m.id: m for m in discover(corpus)} if corpus.is_dir() else {}
    _check_fields(fields, registry, set(existing) - {fields["id"]})
    ident = str(fields["id"])
    folder = corpus / ident
    meta = replace(_meta(fields, folder), source_file=source)
    record = read_text(meta, text, registry, path=source)
    old_meta = existing.get(ident)
    if old_meta is None:
        return IngestPlan(meta, fields, text, "new", diff(None, record), record, record.warnings)
    old_text = old_meta.source_file.read_text(encoding="utf-8")
    sha = hashlib.sha256(text.encode()).hexdigest()
    old_record = read_text(old_meta, old_text, registry, path=old_meta.source_file)
    if sha == old_record.sha256:
        same_meta = _meta_file(folder).read_text(encoding="utf-8") == toml_table(fields)
        status = "unchanged" if same_meta else "updated"
        return IngestPlan(meta, fields, text, status, [], record, record.warnings)
    past = PastVersion(
        len(old_meta.history) + 1,
        old_record.sha256,
        old_meta.source_file,
        dt.date.today().isoformat(),
    )
    meta = replace(meta, history=(*old_meta.history, past))
    changes = diff(old_record, record)
    return IngestPlan(meta, fields, text, "updated", changes, record, record.warnings)


def _meta_file(folder: Path) -> Path:
    return folder / "metadata.toml"


def _meta(fields: dict[str, object], folder: Path) -> DocumentMeta:
    meta = parse_metadata(dict(fields), where="metadata", folder=folder)
    return replace(meta, history=())


def apply_ingest(
    plan: IngestPlan,
    *,
    corpus: Path,
    out_dir: Path,
    settings: Settings,
    progress: Progress | None = None,
) -> BuildResult | None:
    """Build the graph with the planned document; if it builds, write corpus and output."""
    if plan.status == "unchanged":
        return None
    others = [m for m in discover(corpus) if m.id != plan.meta.id] if corpus.is_dir() else []
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / "document.txt"
        staged.write_text(plan.text, encoding="utf-8")
        result = build_kg(
            documents=[*others, replace(plan.meta, source_file=staged)],
            settings=settings,
            progress=progress or (lambda _: None),
        )
    _write_corpus(plan, corpus / plan.meta.id)
    write_result(result, out_dir)
    return result


def _write_corpus(plan: IngestPlan, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[Path, bytes] = {}
    if plan.meta.history:
        past = plan.meta.history[-1]
        kept = folder / "history" / f"v{past.number}-{past.sha256[:12]}.txt"
        kept.parent.mkdir(exist_ok=True)
        shutil.copyfile(folder / "document.txt", kept)
        entries = "".join(
            "[[version]]\n"
            + toml_table(
                {
                    "number": v.number,
                    "sha256": v.sha256,
                    "file": f"history/v{v.number}-{v.sha256[:12]}.txt",
                    "ingested": v.ingested,
                }
            )
            + "\n"
            for v in plan.meta.history
        )
        files[folder / HISTORY] = entries.encode("utf-8")
    files[folder / "document.txt"] = plan.text.encode("utf-8")
    files[_meta_file(folder)] = toml_table(plan.metadata).encode("utf-8")
    for path, data in files.items():
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)


def ingest(
    source: Path,
    fields: dict[str, object],
    *,
    corpus: Path,
    out_dir: Path,
    settings: Settings,
    ontology: Path,
    dry_run: bool = False,
) -> tuple[IngestPlan, BuildResult | None]:
    """Plan and (unless ``dry_run``) apply one ingest."""
    registry = load_registry(ontology / "registry")
    plan = plan_ingest(source, fields, corpus=corpus, settings=settings, registry=registry)
    if dry_run:
        return plan, None
    return plan, apply_ingest(plan, corpus=corpus, out_dir=out_dir, settings=settings)
