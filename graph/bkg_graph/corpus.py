"""The bundled source documents: one folder each, the text beside a ``metadata.toml``."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DocumentError

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class PastVersion:
    """An earlier version of a document, kept in its folder's ``history/``."""

    number: int
    sha256: str
    source_file: Path
    ingested: str | None = None


@dataclass(frozen=True)
class DocumentMeta:
    """What a curator states about a document (its text says the rest)."""

    id: str
    title_ja: str | None
    title_en: str | None
    date: dt.date | None
    language: str
    partnership: str | None
    event: str | None
    parties: tuple[str, ...]
    issuers: tuple[str, ...]
    provisional_translation: bool
    source_file: Path
    source_note: str | None = None
    translation_of: str | None = None  # the id of the document this one translates
    history: tuple[PastVersion, ...] = ()


def _text(data: dict[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise DocumentError(f"{key!r} must be a non-empty string", path=where)
    return value


def _ids(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DocumentError(f"{key!r} must be a list of registry ids", path=where)
    return tuple(value)


def read_metadata(path: Path) -> DocumentMeta:
    """Read and check one ``metadata.toml``."""
    where = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DocumentError("metadata file missing", path=where) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DocumentError(f"metadata is not valid TOML: {exc}", path=where) from None
    return parse_metadata(data, where=where, folder=path.parent)


def parse_metadata(data: dict[str, Any], *, where: str, folder: Path) -> DocumentMeta:
    """Check metadata fields; ``folder`` is where the document and its history live."""
    ident = data.get("id", folder.name)
    if not isinstance(ident, str) or not _ID.match(ident):
        raise DocumentError(f"id {ident!r} must be lower-case letters, digits and '-'", path=where)
    raw_date = data.get("date")
    date: dt.date | None
    if raw_date is None:
        date = None
    elif isinstance(raw_date, dt.date):
        date = raw_date
    else:
        try:
            date = dt.date.fromisoformat(str(raw_date))
        except ValueError:
            raise DocumentError(f"date {raw_date!r} is not YYYY-MM-DD", path=where) from None
    language = _text(data, "language", where) or "ja"
    source = folder / (_text(data, "source_file", where) or "document.txt")
    return DocumentMeta(
        id=ident,
        title_ja=_text(data, "title_ja", where),
        title_en=_text(data, "title_en", where),
        date=date,
        language=language,
        partnership=_text(data, "partnership", where),
        event=_text(data, "event", where),
        parties=_ids(data, "parties", where),
        issuers=_ids(data, "issuers", where),
        provisional_translation=bool(data.get("provisional_translation", False)),
        source_file=source,
        source_note=_text(data, "source_note", where),
        translation_of=_text(data, "translation_of", where),
        history=read_history(folder / HISTORY),
    )


HISTORY = "history.toml"


def read_history(path: Path) -> tuple[PastVersion, ...]:
    """The earlier versions recorded beside a document, oldest first."""
    if not path.exists():
        return ()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        versions = [
            PastVersion(
                int(v["number"]), str(v["sha256"]), path.parent / str(v["file"]), v.get("ingested")
            )
            for v in data.get("version", [])
        ]
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise DocumentError(f"history is malformed: {exc}", path=str(path)) from None
    return tuple(sorted(versions, key=lambda v: v.number))


def toml_value(value: object) -> str:
    """A TOML literal for the simple values metadata holds."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    text = str(value)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def toml_table(data: dict[str, object]) -> str:
    return "".join(f"{k} = {toml_value(v)}\n" for k, v in data.items() if v is not None)


def discover(corpus: Path) -> list[DocumentMeta]:
    """Every document folder of a corpus, in a stable order."""
    if not corpus.is_dir():
        raise DocumentError("corpus folder not found", path=str(corpus))
    metas = [read_metadata(p) for p in sorted(corpus.glob("*/metadata.toml"))]
    if not metas:
        raise DocumentError("no documents (expected <doc-id>/metadata.toml)", path=str(corpus))
    ids = [m.id for m in metas]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise DocumentError(f"duplicate document ids: {', '.join(dupes)}", path=str(corpus))
    return metas


def document_key(meta: DocumentMeta, text: bytes) -> str:
    """A content hash of everything a document's graph is built from but the registry: its
    text, its metadata and its recorded history (paths excluded, so a staged copy of the
    text has the same key as the file in the corpus)."""
    fields = {
        "id": meta.id,
        "title_ja": meta.title_ja,
        "title_en": meta.title_en,
        "date": meta.date.isoformat() if meta.date else None,
        "language": meta.language,
        "partnership": meta.partnership,
        "event": meta.event,
        "parties": list(meta.parties),
        "issuers": list(meta.issuers),
        "provisional_translation": meta.provisional_translation,
        "source_note": meta.source_note,
        "translation_of": meta.translation_of,
        "history": [[v.number, v.sha256, v.ingested] for v in meta.history],
        "text": hashlib.sha256(text).hexdigest(),
    }
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


def folder_key(folder: Path, pattern: str = "**/*") -> str:
    """A content hash of the files under ``folder`` (the registry, the ontology)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.glob(pattern) if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
