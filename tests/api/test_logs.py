"""Log lines: text or JSON, each naming the request it was written for; the access switch."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest

from bkg_api import logs


@pytest.fixture
def restore() -> Iterator[None]:
    """Put logging back as it was (configure changes process-wide state)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {name: logging.getLogger(name).level for name in logs.OURS}
    access = logging.getLogger(logs.ACCESS).disabled
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, value in levels.items():
        logging.getLogger(name).setLevel(value)
    logging.getLogger(logs.ACCESS).disabled = access
    logs.current.set(None)


def test_json_lines_carry_the_request_id(capsys: pytest.CaptureFixture[str], restore: None) -> None:
    logs.configure("info", "json", access_log=True)
    logs.current.set(logs.RequestInfo("abc123"))
    logging.getLogger(logs.ACCESS).info(
        "GET /x 200 1.0 ms", extra={"method": "GET", "route": "/x", "status": 200}
    )
    logging.getLogger("bkg_graph.store").debug("not at info")
    logging.getLogger("some.library").info("other libraries: warnings only")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["time"].endswith("Z")
    del entry["time"]
    assert entry == {
        "level": "info",
        "logger": "bkg_api.access",
        "message": "GET /x 200 1.0 ms",
        "request_id": "abc123",
        "method": "GET",
        "route": "/x",
        "status": 200,
    }


def test_text_lines_and_the_access_switch(
    capsys: pytest.CaptureFixture[str], restore: None
) -> None:
    logs.configure("debug", "text", access_log=False)
    logs.current.set(logs.RequestInfo("r-1"))
    logging.getLogger(logs.ACCESS).info("GET /x 200 1.0 ms")
    logging.getLogger("bkg_graph.store").debug("a debug line")
    (line,) = capsys.readouterr().err.splitlines()
    assert line.endswith(" DEBUG bkg_graph.store [r-1] a debug line")
