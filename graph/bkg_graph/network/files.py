"""One entry point for every export of every view: ``export(source, spec, format)``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import InputError
from . import export as ex
from . import matrix as mx
from . import tables
from .caption import caption, filters_in_words, sources_in_words
from .filters import Kind, ViewSpec
from .matrix_figure import draw_matrix
from .project import project
from .render import Footer
from .source import Source

FORMATS = tuple(f.value for f in ex.Format)
MATRIX_FORMATS = ("csv", "svg", "png")
TABLES = ("edges", "nodes")
SIZE_NAMES = tuple(ex.SIZES)


def export(
    source: Source,
    spec: ViewSpec,
    fmt: str,
    *,
    table: str = "edges",
    size: str = "slide",
    footer: Footer | None = None,
    colour: str = "kind",
) -> bytes:
    """The view ``spec`` as a file in ``fmt`` (svg, png, graphml, gexf, csv, json).

    Pictures are ``size`` (slide, a4-half, a4-full, print) with a caption saying what they
    show; ``colour="status"`` colours the links by the status of their statements."""
    if fmt not in FORMATS:
        raise InputError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if table not in TABLES:
        raise InputError(f"table must be one of {', '.join(TABLES)}, not {table!r}")
    if size not in ex.SIZES:
        raise InputError(f"size must be one of {', '.join(ex.SIZES)}, not {size!r}")
    if colour not in ex.COLOURINGS:
        raise InputError(f"colour must be one of {', '.join(ex.COLOURINGS)}, not {colour!r}")
    form = ex.Format(fmt)
    if spec.kind is Kind.MATRIX:
        if fmt not in MATRIX_FORMATS:
            raise InputError(f"the matrix exports as {', '.join(MATRIX_FORMATS)}, not {fmt}")
        m = mx.counterpart_matrix(source, spec.filters)
        if form is ex.Format.CSV:
            return mx.to_csv(m, lang=spec.lang)
        cited = {s for c in m.cells.values() for x in c.citations for s in [x.statement]}
        lines = matrix_caption(source, spec, cited)
        return draw_matrix(m, lang=spec.lang, fmt=form, size=size, footer=footer, caption=lines)
    g = project(source, spec)
    if form in (ex.Format.SVG, ex.Format.PNG):
        statuses = {iri: f.status or "" for iri, f in source.statements.items()}
        return ex.draw(
            g,
            lang=spec.lang,
            fmt=form,
            size=size,
            footer=footer,
            caption=caption(source, g, spec.filters, spec.lang),
            colour=colour,
            statuses=statuses,
        )
    if form is ex.Format.GRAPHML:
        return tables.to_graphml(g)
    if form is ex.Format.GEXF:
        return tables.to_gexf(g)
    if form is ex.Format.CSV:
        return tables.to_csv(g, table=table, lang=spec.lang)
    return tables.to_json(g)


def matrix_caption(source: Source, spec: ViewSpec, cited: set[str]) -> list[str]:
    words = filters_in_words(source, spec.filters, spec.lang)
    docs = sources_in_words(source, cited, spec.lang)
    if spec.lang == "ja":
        return [f"日本の省庁 × 英国の省庁 ・ 絞り込み: {words}", f"出典: {docs}"]
    return [f"Japanese × UK agencies · filters: {words}", f"Sources: {docs}"]


def filename(spec: ViewSpec, fmt: str, table: str = "edges") -> str:
    """A file name saying what the export shows, e.g. ``bkg-coparticipation-edges.csv``."""
    parts = ["bkg", spec.kind.value]
    if spec.focus:
        parts.append(spec.focus.replace("/", "-"))
    if fmt == "csv" and spec.kind is not Kind.MATRIX:
        parts.append(table)
    return "-".join(p for p in parts if p) + f".{fmt}"


def write_file(out: Path, data: bytes) -> Path:
    """Write ``out`` whole or not at all, with the permissions any new file of the user
    gets (0666 less the umask) rather than the temporary file's 0600."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            mask = os.umask(0o022)
            os.umask(mask)
            os.fchmod(fh.fileno(), 0o666 & ~mask)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out
