"""One settings object, read from ``BKG_*`` environment variables."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration of bilateral-kg; every field can be set as ``BKG_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="BKG_", extra="ignore")

    base_iri: str = Field(
        "https://w3id.org/bilateral-kg/id/",
        description="Base IRI of every entity, statement and graph the build mints.",
    )
    max_document_bytes: int = Field(
        5_000_000, description="Largest source document the parser accepts, in bytes."
    )
    host: str = Field("127.0.0.1", description="Address `bkg serve` listens on.")
    port: int = Field(8000, ge=0, le=65535, description="Port `bkg serve` listens on.")
    query_timeout: float = Field(
        10.0, gt=0, description="Seconds a SPARQL query may run before it is stopped (503)."
    )
    max_results: int = Field(
        10_000, ge=1, description="Most rows (or triples) one query returns; the rest is cut off."
    )
    max_query_bytes: int = Field(
        100_000, ge=16, description="Longest SPARQL query accepted, in bytes (longer: 413)."
    )
    query_workers: int = Field(
        0, ge=0, description="Query worker processes; 0 means one per CPU core (at least 2)."
    )
    query_cache: bool = Field(
        True, description="Cache query results per dataset version (`on`/`off`)."
    )
    query_cache_bytes: int = Field(
        64_000_000, ge=0, description="Memory the query result cache may hold, in bytes."
    )
    cors_origins: str = Field(
        "*",
        description="Comma-separated origins allowed to read the API cross-site (`*` any; "
        "empty: none). Never sent with credentials.",
    )
    public_url: str = Field(
        "",
        description="Public address of the server (e.g. `https://kg.example.org`) for the "
        "live-view links and embed snippets of views and exports; empty: the address a page "
        "was requested at, or http://HOST:PORT for files written by `bkg view`/`bkg export`.",
    )


def get_settings() -> Settings:
    """A fresh Settings read from the environment (callers inject it; no singleton)."""
    return Settings()
