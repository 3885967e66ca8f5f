"""The bundled source documents: one folder each, the text beside a ``metadata.toml``."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DocumentError

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


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
    ident = data.get("id", path.parent.name)
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
    source = path.parent / (_text(data, "source_file", where) or "document.txt")
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
    )


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
