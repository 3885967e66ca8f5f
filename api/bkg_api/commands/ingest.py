"""`bkg ingest`: add documents (or new versions) to the corpus and rebuild the graph — all
the files given in one build and one transaction, or none of them."""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

from bkg_graph import paths
from bkg_graph.errors import InputError
from bkg_graph.ingest import FIELDS, IngestPlan, Source, ingest_all
from bkg_graph.registry import load_registry
from bkg_graph.settings import Settings

from ..progress import Reporter

_LISTS = ("parties", "issuers", "provisional_translation", "translation_of_language")
_FLAGS = tuple(f for f in FIELDS if f not in _LISTS)


def register(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Each FILE is read with its metadata: --meta, else FILE's name with the "
        "suffix .toml beside it, plus the flags below (which win)."
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--meta", help="metadata file (TOML) for a single FILE")
    p.add_argument("--id", help="document id (default: from the file name)")
    p.add_argument("--title-ja", dest="title_ja")
    p.add_argument("--title-en", dest="title_en")
    p.add_argument("--date", help="date of the document or council, YYYY-MM-DD")
    p.add_argument("--language", choices=("ja", "en"), help="default: guessed from the text")
    p.add_argument("--partnership", help="registry id of the partnership")
    p.add_argument("--event", help="registry id of the council or event")
    p.add_argument("--parties", help="registry ids of the partner countries, comma-separated")
    p.add_argument("--issuers", help="registry ids of the issuing agencies, comma-separated")
    p.add_argument("--translation-of", dest="translation_of", help="id of the original")
    p.add_argument("--source-note", dest="source_note")
    p.add_argument("--dry-run", action="store_true", help="show what would change; change nothing")
    p.add_argument("--corpus", help="corpus folder (default: corpus/)")
    p.add_argument("--out", help="build folder (default: build/)")
    level = p.add_mutually_exclusive_group()
    level.add_argument("--quiet", action="store_true", help="only errors and the final line")
    level.add_argument("--verbose", action="store_true", help="every warning and unknown name")
    p.set_defaults(func=cmd_ingest)


def _fields(args: argparse.Namespace, path: Path) -> dict[str, object]:
    meta_path = Path(args.meta) if args.meta else path.with_suffix(".toml")
    fields: dict[str, object] = {}
    if meta_path.exists() and meta_path != path:
        try:
            fields.update(tomllib.loads(meta_path.read_text(encoding="utf-8")))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"{meta_path}: not valid TOML: {exc}") from None
    elif args.meta:
        raise InputError(f"{meta_path}: no such metadata file")
    fields.pop("source_file", None)
    for key in _FLAGS:
        if getattr(args, key) is not None:
            fields[key] = getattr(args, key)
    for key in ("parties", "issuers"):
        if getattr(args, key) is not None:
            fields[key] = [v.strip() for v in getattr(args, key).split(",") if v.strip()]
    if "date" in fields and fields["date"] is not None:
        fields["date"] = str(fields["date"])
    return fields


def _many(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _show(plan: IngestPlan, verbose: bool) -> None:
    lang = plan.meta.language
    n = len(plan.record.statements)
    print(f"{plan.meta.id}: {plan.status} ({n} statements)")
    marks = {"added": "+", "removed": "-", "changed": "~"}
    for change in plan.changes:
        st = change.new or change.old
        assert st is not None
        print(f"  {marks[change.kind]} {change.locator(lang)}  {st.text[:70]}")
        if change.kind == "changed" and change.old is not None:
            print(f"      was: {change.old.text[:70]}")
    names = plan.record.candidates
    if not verbose and (plan.warnings or names):
        print(
            f"  {_many(len(plan.warnings), 'warning')}, "
            f"{_many(len(names), 'name')} not in the registry (--verbose lists them)"
        )
        return
    for w in plan.warnings:
        print(f"  warning: {w}")
    for term, locator, _ in names:
        print(f"  not in the registry: {term}  [{locator}]")


def cmd_ingest(args: argparse.Namespace) -> int:
    if len(args.files) > 1 and (args.meta or args.id):
        raise InputError("--meta and --id name one document; give one FILE with them")
    settings = Settings()
    corpus = Path(args.corpus) if args.corpus else paths.corpus_dir()
    out = Path(args.out) if args.out else paths.build_dir()
    registry = load_registry(paths.registry_dir())
    sources: list[Source] = []
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        sources.append((path, _fields(args, path), None))
    with Reporter(quiet=args.quiet) as report:
        outcome = ingest_all(
            sources,
            corpus=corpus,
            out_dir=out,
            settings=settings,
            registry=registry,
            data_dir=None if args.dry_run else paths.data_dir(),
            dry_run=args.dry_run,
            progress=report.message,
        )
    if not args.quiet:
        for plan in outcome.plans:
            _show(plan, args.verbose)
    if args.dry_run:
        print("dry run: nothing was changed", file=sys.stderr)
        return 0
    if outcome.repaired:
        print(f"  {out} was out of step with {corpus}: {'; '.join(outcome.repaired)}")
    if outcome.result is None:
        print(
            "  nothing to do: these versions are in the corpus already"
            if len(sources) > 1
            else "  nothing to do: this version is in the corpus already"
        )
    else:
        changed = sum(p.status != "unchanged" for p in outcome.plans)
        what = f" ({changed} of {len(sources)} files new or updated)" if len(sources) > 1 else ""
        print(f"  graph {outcome.result.manifest['version']} written to {out}{what}", flush=True)
    if outcome.served is not None and not args.quiet:
        print(f"  now served: {outcome.served}")
    return 0
