"""`check_registry`: every problem at once, each with where it is."""

from __future__ import annotations

import shutil
from pathlib import Path

from bkg_graph import paths
from bkg_graph.registry_check import check_registry


def test_the_bundled_registry_has_no_problems() -> None:
    assert check_registry(paths.registry_dir()) == []


def test_every_problem_is_listed_with_where_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "registry"
    shutil.copytree(paths.registry_dir(), folder)
    with (folder / "organizations.toml").open("a", encoding="utf-8") as fh:
        fh.write(
            '\n[[entity]]\nid = "oecd"\ntype = "Organization"\nen = "OECD again"\nja = "経済協力"\n'
            '\n[[entity]]\nid = "wp-dg"\ntype = "WorkingGroup"\nen = "Working Party on Data '
            'Governance"\nja = ""\naliases = ["WPDG", "WPDG"]\n'
            '\n[[entity]]\nid = "acme"\ntype = "Organisation"\nen = "経済"\nja = "アクメ"\n'
            'abbr = ["METI"]\npart_of = "nowhere"\n'
            '\n[[entity]]\nid = "oecd-jp"\ntype = "Partnership"\nen = "OECD–Japan"\n'
            'ja = "OECD・日本"\nparties = ["oecd", "jp"]\n'
        )
    n = len((paths.registry_dir() / "organizations.toml").read_text().split("[[entity]]")) - 1
    assert [str(p) for p in check_registry(folder)] == [
        f"organizations.toml entry {n + 1} (oecd): duplicate id 'oecd', also "
        "organizations.toml entry 2 (oecd)",
        f"organizations.toml entry {n + 2} (wp-dg): the Japanese label ('ja') is missing",
        f"organizations.toml entry {n + 2} (wp-dg): the name 'WPDG' is listed twice",
        f"organizations.toml entry {n + 3} (acme): unknown type 'Organisation'; one of "
        "['Agency', 'Coalition', 'Company', 'Country', 'Dialogue', 'Document', 'Event', "
        "'Forum', 'Framework', 'Initiative', 'Organization', 'Partnership', 'Process', "
        "'Programme', 'Project', 'SupranationalBody', 'Topic', 'WorkingGroup']",
        f"organizations.toml entry {n + 3} (acme): the English label '経済' is written in Japanese",
        f"organizations.toml entry {n + 3} (acme): the name 'METI' is also given to 'meti' "
        "(agencies.toml entry 2 (meti))",
        f"organizations.toml entry {n + 3} (acme): part_of 'nowhere' is not in the registry",
        f"organizations.toml entry {n + 4} (oecd-jp): party 'oecd' is a Organization; a party "
        "is a Country or a SupranationalBody",
    ]
