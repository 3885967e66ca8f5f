"""Add a document to the corpus, or a new version of one, and rebuild the graph.

An ingest is planned first (read, parse, link, compare with the version in the corpus) and
applied only if the whole graph builds with it; the corpus files and the build output are
then switched together as one transaction (see :mod:`.transaction`), under the one writer
lock. Ingesting the same text again changes nothing. A new version keeps
the old one under ``history/`` so that what changed stays queryable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import paths
from .corpus import HISTORY, DocumentMeta, PastVersion, discover, parse_metadata, toml_table
from .errors import InputError
from .kg import BuildResult, Progress, build_into, out_of_step
from .output import OutputCorrupt, read_manifest
from .pipeline.compare import Change, diff
from .pipeline.parse import decode
from .pipeline.statements import DocumentRecord, read_text
from .registry import Registry
from .settings import Settings
from .store.datadir import DataDir
from .text import is_cjk
from .transaction import Transaction, writer_lock

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
    "translation_of_language",  # in the shipped metadata files; informative only
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
    metas: list[DocumentMeta] | None = None,
) -> IngestPlan:
    """Read ``source`` (or ``raw``) with its metadata and compare it with the corpus (whose
    documents are ``metas``, if the caller has read them already)."""
    data = raw if raw is not None else source.read_bytes()
    text = decode(data, path=str(source), limit=settings.max_document_bytes)
    fields = dict(fields)
    fields.pop("source_file", None)  # an ingest always writes the text as document.txt
    fields.setdefault("id", _slug(source.stem))
    if "language" not in fields:
        fields["language"] = "ja" if sum(map(is_cjk, text)) > len(text) // 10 else "en"
    if metas is None:
        metas = discover(corpus) if corpus.is_dir() else []
    existing = {m.id: m for m in metas}
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
        written = tomllib.loads(_meta_file(folder).read_text(encoding="utf-8"))
        written.pop("source_file", None)
        same_meta = written == tomllib.loads(toml_table(fields))
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
    plan: IngestPlan | list[IngestPlan],
    *,
    corpus: Path,
    out_dir: Path,
    settings: Settings,
    progress: Progress | None = None,
    metas: list[DocumentMeta] | None = None,
) -> BuildResult | None:
    """Build the graph with the planned documents (the corpus's documents are ``metas``, if
    the caller has read them); if it builds and every new file parses back, switch corpus
    and build together (one transaction, however many documents). Call with the writer lock
    held (:func:`ingest` does); None when the plans change nothing."""
    plans = [p for p in (plan if isinstance(plan, list) else [plan]) if p.status != "unchanged"]
    if not plans:
        return None
    if metas is None:
        metas = discover(corpus) if corpus.is_dir() else []
    planned = {p.meta.id for p in plans}
    txn = Transaction(out_dir, corpus)
    try:
        staged = [
            replace(p.meta, source_file=_stage_corpus(p, corpus / p.meta.id, txn)) for p in plans
        ]
        result = build_into(
            txn,
            out_dir,
            [*(m for m in metas if m.id not in planned), *staged],
            paths.ontology_dir(),
            settings,
            progress=progress or _quiet,
            records={p.meta.id: p.record for p in plans},
        )
        txn.commit()
    except BaseException:
        txn.abandon()
        raise
    return result


def _stage_corpus(plan: IngestPlan, folder: Path, txn: Transaction) -> Path:
    """Stage the document's new files; return where its text was staged."""
    if plan.meta.history:
        past = plan.meta.history[-1]
        kept = folder / "history" / f"v{past.number}-{past.sha256[:12]}.txt"
        txn.stage(kept, past.source_file.read_bytes())
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
        txn.stage(folder / HISTORY, entries.encode("utf-8"))
    text = plan.text.encode("utf-8")
    metadata = toml_table(plan.metadata)
    staged = txn.stage(folder / "document.txt", text)
    meta_file = txn.stage(_meta_file(folder), metadata.encode("utf-8"))
    if staged.read_bytes().decode("utf-8") != plan.text or tomllib.loads(
        meta_file.read_text(encoding="utf-8")
    ) != tomllib.loads(metadata):
        raise OutputCorrupt(f"the staged files of {plan.meta.id} do not read back as written")
    return staged


@dataclass
class IngestOutcome:
    """What one ingest did: the plans (one per file), the build (None: nothing to change),
    what it found out of step before, and the version served afterwards (None: no server
    data folder)."""

    plans: list[IngestPlan]
    result: BuildResult | None
    repaired: list[str]
    served: str | None

    @property
    def plan(self) -> IngestPlan:
        """The plan of an ingest of one file."""
        return self.plans[0]


#: One file to ingest: where it is (named in messages), its metadata fields, and its bytes
#: if they are not to be read from there (an upload).
Source = tuple[Path, dict[str, object], bytes | None]


def ingest(
    source: Path,
    fields: dict[str, object],
    *,
    corpus: Path,
    out_dir: Path,
    settings: Settings,
    registry: Registry,
    data_dir: Path | None = None,
    raw: bytes | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> IngestOutcome:
    """Plan and (unless ``dry_run``) apply the ingest of one file (see :func:`ingest_all`)."""
    return ingest_all(
        [(source, fields, raw)],
        corpus=corpus,
        out_dir=out_dir,
        settings=settings,
        registry=registry,
        data_dir=data_dir,
        dry_run=dry_run,
        progress=progress,
    )


def ingest_all(
    sources: list[Source],
    *,
    corpus: Path,
    out_dir: Path,
    settings: Settings,
    registry: Registry,
    data_dir: Path | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> IngestOutcome:
    """Plan every file and (unless ``dry_run``) apply them all as one ingest — one build,
    one transaction, one switch of the served version — or, if any file is refused, none
    of them. The writer lock is held from reading the corpus to switching the served
    version, so that concurrent ingests queue instead of losing each other's documents. A
    build found out of step with the corpus is rebuilt (and said so in ``repaired``) even
    when every document is unchanged."""
    if dry_run:
        plans = _plans(sources, corpus, settings, registry, None, progress or _quiet)
        return IngestOutcome(plans, None, [], None)
    with writer_lock(out_dir, settings.write_lock_timeout, corpus):
        metas = discover(corpus) if corpus.is_dir() else []
        plans = _plans(sources, corpus, settings, registry, metas, progress or _quiet)
        repaired = (
            out_of_step(out_dir, corpus, settings=settings, metas=metas) if corpus.is_dir() else []
        )
        result = apply_ingest(
            plans,
            corpus=corpus,
            out_dir=out_dir,
            settings=settings,
            progress=progress,
            metas=metas,
        )
        if result is None and repaired:
            result = _rebuild(corpus, out_dir, settings, progress or _quiet)
        served = _serve(data_dir, out_dir) if data_dir is not None else None
    return IngestOutcome(plans, result, repaired, served)


def _plans(
    sources: list[Source],
    corpus: Path,
    settings: Settings,
    registry: Registry,
    metas: list[DocumentMeta] | None,
    progress: Progress,
) -> list[IngestPlan]:
    """Plan each file against the corpus as the files before it would leave it (so that a
    translation may name an original given earlier in the same ingest). With more than one
    file, a refusal names the file it is about."""
    if metas is None:
        metas = discover(corpus) if corpus.is_dir() else []
    plans: list[IngestPlan] = []
    for source, fields, raw in sources:
        if len(sources) > 1:
            progress(f"reading {source}")
        try:
            ident = fields["id"] if "id" in fields else _slug(source.stem)
            if any(p.meta.id == ident for p in plans):
                raise InputError(
                    f"document id {ident!r} is given twice; ingest one version of a "
                    "document at a time"
                )
            plan = plan_ingest(
                source,
                fields,
                corpus=corpus,
                settings=settings,
                registry=registry,
                raw=raw,
                metas=metas,
            )
        except InputError as exc:
            if len(sources) > 1:
                where = "" if str(exc).startswith(str(source)) else f"{source}: "
                exc.args = (f"{where}{exc}; nothing was ingested",)
            raise
        plans.append(plan)
        metas = [*(m for m in metas if m.id != plan.meta.id), plan.meta]
    return plans


def _quiet(_: str) -> None:
    return None


def _rebuild(corpus: Path, out_dir: Path, settings: Settings, progress: Progress) -> BuildResult:
    """A build of the corpus as it is (the writer lock is held already)."""
    txn = Transaction(out_dir, corpus)
    try:
        result = build_into(
            txn, out_dir, discover(corpus), paths.ontology_dir(), settings, progress=progress
        )
        txn.commit()
    except BaseException:
        txn.abandon()
        raise
    return result


def _serve(data_dir: Path, out_dir: Path) -> str | None:
    """Switch a server's data folder to the build, if it serves builds; the version served."""
    data = DataDir(data_dir)
    current = data.current()
    if current is None or current.info.get("source") != "build":
        return current.name if current else None
    if current.name == read_manifest(out_dir)["version"]:
        return current.name
    return data.load_build(out_dir, locked=True).name  # the writer lock is held
