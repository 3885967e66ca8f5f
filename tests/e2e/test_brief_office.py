"""Briefing packs opened as a reader would: LibreOffice (headless) renders the Word and
PowerPoint files to PDF, poppler turns each page into an image and reads its text layer.
No page is blank; the text has the title, the agencies and a sentence quoted from the
report — in English for GCOT and in Japanese for MIC and DSIT."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from bkg_api.cli import main

pytestmark = pytest.mark.slow
GCOT_QUOTE = "両者は、新たな電気通信に関するグローバル連合 (GCOT) への相互の参加を通してこの協力をさらに強めている。"
OPEN_RAN_QUOTE = "このワーキンググループを通じ、総務省と DSIT は第三国における Open RAN の展開促進に向けた協力を強化していく。"


def squeeze(text: str) -> str:
    """Text without any white space: PDF text layers break lines where the page did."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def rendered(build_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The four packs written by `bkg brief` and converted to PDF by one LibreOffice run."""
    for tool in ("soffice", "pdftoppm", "pdftotext"):
        assert shutil.which(tool), f"{tool} missing: make system-deps installs it"
    out = tmp_path_factory.mktemp("briefs")
    packs = {
        "gcot-docx.docx": ["--initiative", "gcot", "--format", "docx"],
        "gcot-pptx.pptx": ["--initiative", "gcot", "--format", "pptx"],
        "pair-docx.docx": ["--agency", "mic", "--agency", "dsit", "--lang", "ja"],
        "pair-pptx.pptx": [
            "--agency",
            "mic",
            "--agency",
            "dsit",
            "--lang",
            "ja",
            "--format",
            "pptx",
        ],
    }
    for name, args in packs.items():
        assert main(["brief", *args, "--build", str(build_dir), "--out", str(out / name)]) == 0
    profile = (out / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), *(str(out / n) for n in packs)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return out


def pages(pdf: Path) -> list[Image.Image]:
    folder = pdf.parent / f"pages-{pdf.stem}"
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(folder / "p")], check=True)
    return [Image.open(p).convert("L") for p in sorted(folder.glob("p-*.png"))]


def text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True)
    return done.stdout.decode("utf-8")


def inked(page: Image.Image) -> float:
    """The share of a page's pixels that are not white."""
    histogram = page.histogram()
    return 1 - sum(histogram[250:]) / (page.width * page.height)


@pytest.mark.parametrize(
    ("name", "count", "expected"),
    [
        (
            "gcot-docx",
            2,
            ["Briefing: Global Coalition on Telecommunications", "Ministry of Internal Affairs and "
             "Communications", "Department for Science, Innovation and Technology", GCOT_QUOTE,
             "Commitments and status", "ongoing"],
        ),
        (
            "gcot-pptx",
            5,
            ["Briefing: Global Coalition on Telecommunications", "Counterparts", "Sources",
             "Department for Science, Innovation and Technology", GCOT_QUOTE],
        ),
        (
            "pair-docx",
            2,
            ["ブリーフィング: 総務省・科学・イノベーション・技術省", "総務省",
             "科学・イノベーション・技術省", "カウンターパート", "取組と状況", OPEN_RAN_QUOTE],
        ),
        (
            "pair-pptx",
            5,
            ["ブリーフィング: 総務省・科学・イノベーション・技術省", "総務省", "出典",
             "科学・イノベーション・技術省", OPEN_RAN_QUOTE],
        ),
    ],
)  # fmt: skip
def test_packs_render_with_text_and_ink(
    rendered: Path, name: str, count: int, expected: list[str]
) -> None:
    pdf = rendered / f"{name}.pdf"
    images = pages(pdf)
    assert len(images) == count
    assert all(inked(p) > 0.01 for p in images)  # no blank page
    body = squeeze(text(pdf))
    for phrase in expected:
        assert squeeze(phrase) in body


def test_the_figure_is_on_the_page(rendered: Path) -> None:
    """The docx's first page holds the figure: its Japanese-agency orange is there."""
    pdf = rendered / "gcot-docx.pdf"
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(pdf),
                    str(rendered / "first")], check=True)  # fmt: skip
    (first,) = list(rendered.glob("first-*.png"))
    colours = Image.open(first).convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None
    oranges = sum(n for n, (r, g, b) in colours if r > 190 and 80 < g < 120 and b < 40)
    assert oranges > 50
