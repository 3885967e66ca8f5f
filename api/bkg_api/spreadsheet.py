"""The commitments tracker as a table file: CSV (UTF-8 with BOM, so Excel reads Japanese) and
XLSX written with openpyxl — frozen header, filters on every column, set column widths,
wrapped quotes — so an analyst can open it as the spreadsheet tracker they keep today."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

#: (header, width in characters, how a row gives the cell)
COLUMNS: tuple[tuple[str, int, str], ...] = (
    ("Locator", 40, "locator"),
    ("Japan: owners", 16, "owners_jp"),
    ("UK: owners", 16, "owners_uk"),
    ("Through a collective term only", 16, "owners_collective"),
    ("Initiatives", 36, "initiative_labels"),
    ("Pillar", 28, "pillar_label"),
    ("Theme", 28, "theme_label"),
    ("Status", 12, "status_label"),
    ("Status decided by", 14, "status_words"),
    ("Strength", 12, "strength_label"),
    ("Strength decided by", 14, "strength_words"),
    ("Dates", 18, "dates"),
    ("Dates as written", 18, "dates_written"),
    ("Dates (ISO)", 14, "date_values"),
    ("Date from", 11, "date_start"),
    ("Date to", 11, "date_end"),
    ("Quoted sentence", 80, "text"),
    ("English (aligned, or generated: not a translation)", 60, "english_text"),
    ("Since (later documents: outcome → status)", 50, "since_text"),
    ("Document", 36, "document_title"),
    ("Statement IRI", 50, "iri"),
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _safe(text: str) -> str:
    """A cell a spreadsheet will not read as a formula (=, +, -, @ lead a formula)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(rows: Sequence[dict[str, Any]]) -> bytes:
    """The rows as CSV with a header line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([h for h, _, _ in COLUMNS])
    for row in rows:
        writer.writerow([_safe(_cell(row, key)) for _, _, key in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows: Sequence[dict[str, Any]], *, title: str = "Commitments") -> bytes:
    """The rows as one worksheet with a frozen, filtered header row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([h for h, _, _ in COLUMNS])
    for row in rows:
        sheet.append([_safe(_cell(row, key)) for _, _, key in COLUMNS])
    for i, (_, width, key) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.cell(row=1, column=i).font = Font(bold=True)
        if key in ("text", "initiative_labels", "locator", "english_text", "since_text"):
            for cell in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
