"""What this installation is: the distribution's version and home, read from its metadata.

The version is written once, in pyproject.toml; everything else (``bkg --version``, the
service description, /openapi.json, the pages, the VoID description) reads it from the
installed distribution's metadata, so that no second copy can fall out of step.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata

DISTRIBUTION = "bilateral-kg"


@cache
def version() -> str:
    """The installed version of bilateral-kg (e.g. ``0.1.0``)."""
    return metadata.version(DISTRIBUTION)


@cache
def project_urls() -> dict[str, str]:
    """The project's URLs by label (``Homepage``, ``Documentation`` …) from its metadata."""
    urls: dict[str, str] = {}
    for entry in metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        urls[label.strip()] = url.strip()
    return urls
