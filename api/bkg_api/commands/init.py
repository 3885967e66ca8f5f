"""`bkg init DIR`: make a working folder for use outside a checkout.

An installed package carries the ontology, registry and bundled corpus read-only. A working
folder gives curators their own copies to edit — ``corpus/`` (documents, and where ``bkg
ingest`` adds new ones) and ``registry/`` — with ``build/`` and ``data/`` for the outputs, and
a ``.env`` naming all four, which every ``bkg`` command run inside the folder reads.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from bkg_graph import paths
from bkg_graph.errors import InputError

#: The settings a working folder's .env sets; relative paths, so the folder can be moved.
ENV = """\
# Settings of this bilateral-kg working folder (made by `bkg init`); every `bkg` command run
# in this folder reads them. Environment variables of the same name win.
BKG_CORPUS_DIR=corpus
BKG_REGISTRY_DIR=registry
BKG_BUILD_DIR=build
BKG_DATA_DIR=data
"""


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", type=Path, metavar="DIR", help="the folder to make (may exist, empty)")
    p.set_defaults(func=cmd_init)


def init_folder(folder: Path) -> list[Path]:
    """Make ``folder`` a working folder; returns what was created. Refuses to overwrite."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: exists and is not a folder")
    parts = {name: folder / name for name in ("corpus", "registry", "build", "data", ".env")}
    taken = [str(path) for path in parts.values() if path.exists()]
    if taken:
        raise InputError(f"{', '.join(taken)} already there; choose an empty or new folder")
    ontology = paths.shipped("ontology")
    if not (ontology / "registry").is_dir():
        raise InputError(f"{ontology / 'registry'}: the shipped registry is missing")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(paths.shipped("corpus"), parts["corpus"])
    shutil.copytree(ontology / "registry", parts["registry"])
    parts["build"].mkdir()
    parts["data"].mkdir()
    parts[".env"].write_text(ENV, encoding="utf-8")
    return list(parts.values())


def cmd_init(args: argparse.Namespace) -> int:
    folder: Path = args.dir
    init_folder(folder)
    print(f"made working folder {folder}: corpus/, registry/, build/, data/ and .env")
    print(f"next: cd {folder} && bkg build && bkg serve")
    return 0
