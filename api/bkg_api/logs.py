"""Log lines for people or for collectors, each carrying the id of the request it belongs to.

``configure`` is called once by the command line (``bkg --log-level``, ``BKG_LOG_LEVEL``,
``BKG_LOG_FORMAT``, ``--access-log``). The level applies to bilateral-kg's and uvicorn's own
loggers; other libraries stay at warnings, so a debug run is not drowned by them. The request
id lives in a context variable set by :mod:`.observe` for the duration of each request, so any
line logged while answering it — the access line, a bug's traceback — names it, and the error
envelope quotes the same id.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class RequestInfo:
    """What the middleware and the error handlers share about the request being answered.

    Mutable on purpose: a handler that runs in a copied context (a thread, a task) still
    writes to the same object, so the middleware sees the error code it set."""

    id: str
    error: str | None = None


#: The request being answered, or None outside a request.
current: ContextVar[RequestInfo | None] = ContextVar("bkg_request", default=None)


def request_id() -> str | None:
    """The id of the request being answered, or None outside a request."""
    info = current.get()
    return info.id if info is not None else None


ACCESS = "bkg_api.access"
#: Loggers that follow the configured level; the rest of the world stays at WARNING.
OURS = ("bkg_api", "bkg_graph", "uvicorn")
#: Fields an access line adds to the JSON object (given as ``extra=`` by the middleware).
ACCESS_FIELDS = ("method", "path", "route", "status", "duration_ms", "client")


class _Stderr(logging.Handler):
    """Writes to whatever ``sys.stderr`` is at the time (tests swap it; a bound stream dies)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
            sys.stderr.flush()
        except Exception:
            self.handleError(record)


class TextFormatter(logging.Formatter):
    """``2026-12-03T11:40:01Z INFO bkg_api.access [id] GET /sparql 200 3.1 ms``."""

    def format(self, record: logging.LogRecord) -> str:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created))
        rid = getattr(record, "request_id", None) or request_id()
        line = f"{stamp} {record.levelname} {record.name}"
        line += f" [{rid}] " if rid else " "
        line += record.getMessage()
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id (+ access fields)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id(),
        }
        for field in ACCESS_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(level: str = "info", fmt: str = "text", access_log: bool = True) -> None:
    """Send log lines to standard error in ``fmt`` (``text`` or ``json``) from ``level`` up."""
    handler = _Stderr()
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _Stderr)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    for name in OURS:
        logging.getLogger(name).setLevel(level.upper())
    # uvicorn's own access log is off (ours names the route and the request id)
    logging.getLogger("uvicorn.access").disabled = True
    logging.getLogger(ACCESS).disabled = not access_log
