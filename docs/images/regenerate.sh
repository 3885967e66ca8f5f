#!/usr/bin/env bash
# Regenerate the example pictures and briefing pages in docs/images from the built graph.
# Run from the checkout after `make build`: bash docs/images/regenerate.sh
set -euo pipefail
out=docs/images
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bkg=.venv/bin/bkg
unset BKG_PUBLIC_URL
for lang in en ja; do
  $bkg export --format svg --lang "$lang" --out "$out/partnership-$lang.svg"
  $bkg export --format png --lang "$lang" --out "$tmp/partnership-$lang.png"
done
$bkg export --format png --size a4-half --colour status --out "$tmp/partnership-status-a4-half.png"
$bkg export --format png --kind matrix --out "$tmp/matrix-en.png"
$bkg export --format png --kind coparticipation --lang ja --out "$tmp/coparticipation-ja.png"
for fmt in docx pptx; do
  $bkg brief --initiative gcot --format "$fmt" --out "$tmp/gcot-$fmt.$fmt"
  $bkg brief --agency mic --agency dsit --lang ja --format "$fmt" --out "$tmp/mic-dsit-ja-$fmt.$fmt"
done
soffice "-env:UserInstallation=file://$tmp/profile" --headless --convert-to pdf --outdir "$tmp" \
  "$tmp"/*.docx "$tmp"/*.pptx >/dev/null
for name in gcot-docx gcot-pptx mic-dsit-ja-docx mic-dsit-ja-pptx; do
  pdftoppm -r 70 -png "$tmp/$name.pdf" "$tmp/page-$name"
done
# previews: the pictures at 1600 px wide (the files themselves are 300 dpi); document pages
# side by side (Word: every page; PowerPoint: title, figure, first table, last citations)
.venv/bin/python - "$tmp" "$out" <<'PY'
import sys
from pathlib import Path
from PIL import Image

tmp, out = Path(sys.argv[1]), Path(sys.argv[2])
for name in ("partnership-en", "partnership-ja", "partnership-status-a4-half", "matrix-en",
             "coparticipation-ja"):
    image = Image.open(tmp / f"{name}.png").convert("RGB")
    image.thumbnail((1600, 1600), Image.LANCZOS)
    image.quantize(colors=256).save(out / f"{name}.png", optimize=True)
for name in ("gcot-docx", "gcot-pptx", "mic-dsit-ja-docx", "mic-dsit-ja-pptx"):
    pages = sorted(tmp.glob(f"page-{name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if name.endswith("pptx"):
        pages = [*pages[:3], pages[-1]]
    images = [Image.open(p).convert("RGB") for p in pages]
    cols = 2 if name.endswith("pptx") else len(images)
    w, h = images[0].size
    rows = -(-len(images) // cols)
    sheet = Image.new("RGB", (cols * (w + 16), rows * (h + 16)), "#bbbbbb")
    for i, image in enumerate(images):
        sheet.paste(image, ((i % cols) * (w + 16) + 8, (i // cols) * (h + 16) + 8))
    sheet.thumbnail((1600, 1600), Image.LANCZOS)
    sheet.quantize(colors=256).save(out / f"brief-{name}.png", optimize=True)
PY
