"""Files written by `bkg export` and `bkg view`: the user's permissions, whole or not at
all, the drawing options, and a footer that links only a public address."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from bkg_api.cli import main


@pytest.fixture(autouse=True)
def _default_server(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BKG_PUBLIC_URL", "BKG_HOST", "BKG_PORT"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o027)
    yield
    os.umask(old)


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize(
    "argv",
    [["export", "--format", "svg"], ["export", "--format", "csv"], ["view"]],
)
def test_written_files_get_the_users_permissions(
    build_dir: Path, tmp_path: Path, argv: list[str]
) -> None:
    out = tmp_path / "shared" / "file.out"
    assert main([*argv, "--build", str(build_dir), "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # 0666 less the umask 027
    assert [p.name for p in out.parent.iterdir()] == ["file.out"]  # no temporary left


def test_a_failed_write_leaves_the_old_file(build_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "view.svg"
    out.write_text("old")
    with pytest.raises(SystemExit):  # a bad option stops before anything is written
        main(["export", "--format", "svg", "--size", "poster", "--out", str(out)])
    assert out.read_text() == "old"


def test_size_and_colour_options(build_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "half.png"
    argv = ["export", "--format", "png", "--size", "a4-half", "--colour", "status"]
    assert main([*argv, "--build", str(build_dir), "--out", str(out)]) == 0
    image = Image.open(io.BytesIO(out.read_bytes()))
    assert image.size == (1889, 1535)  # 16 × 13 cm at 300 dpi
    colours = image.convert("RGB").getcolors(maxcolors=1 << 22)
    assert colours is not None
    assert any(c == (0xE0, 0x82, 0x14) for _, c in colours)  # a planned link's colour


def test_footer_links_the_public_address_only(
    build_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "v.svg"
    argv = ["export", "--format", "svg", "--build", str(build_dir), "--out", str(out)]
    assert main(argv) == 0
    text = out.read_text(encoding="utf-8")
    assert "127.0.0.1" not in text and "http://" not in text.split("</metadata>")[1]
    monkeypatch.setenv("BKG_PUBLIC_URL", "https://kg.example.org")
    assert main(argv) == 0
    assert "https://kg.example.org/view?kind=bipartite&amp;lang=en" in out.read_text()
