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


def get_settings() -> Settings:
    """A fresh Settings read from the environment (callers inject it; no singleton)."""
    return Settings()
