"""One settings object, read from ``BKG_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration of bilateral-kg; every field can be set as ``BKG_<NAME>``."""

    # `.env` in the current folder: the settings of a working folder made by `bkg init`
    model_config = SettingsConfigDict(env_prefix="BKG_", extra="ignore", env_file=".env")

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
    worker_memory_mb: int = Field(
        2048,
        ge=0,
        description="Address space one query worker may use, in MB (at least 768: a worker "
        "with its store open already maps ~500 MB); a query needing more is stopped (503) and "
        "the worker replaced. 0: no limit.",
    )
    request_body_timeout: float = Field(
        30.0,
        gt=0,
        description="Seconds a client may take to send a request body; a slower one is "
        "answered 408 and the connection closed.",
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
    # remote store (bkg_graph.store.remote): used instead of the embedded one when store_url is set
    store_url: str = Field(
        "",
        description="SPARQL 1.1 query endpoint of a remote store (e.g. "
        "`http://127.0.0.1:7878/query`); when set, the API and CLI query it instead of the "
        "embedded store. Load it with `bkg push`.",
    )
    store_update_url: str = Field(
        "", description="SPARQL 1.1 Update endpoint of the remote store (needed by `bkg push`)."
    )
    store_gsp_url: str = Field(
        "",
        description="Graph Store Protocol endpoint of the remote store; `bkg push` uploads "
        "graphs through it (without it: SPARQL Update `INSERT DATA`).",
    )
    store_user: str = Field(
        "", description="User name for the remote store (Digest or Basic, as it asks)."
    )
    store_password: SecretStr = Field(
        SecretStr(""),
        description="Password for the remote store; sent only to the store, never shown.",
    )
    store_connect_timeout: float = Field(
        3.0, gt=0, description="Seconds to wait for a connection to the remote store (then 502)."
    )
    store_write_timeout: float = Field(
        300.0, gt=0, description="Seconds `bkg push` waits for one upload or update to finish."
    )
    store_dataset: Literal["union", "listed", "server"] = Field(
        "union",
        description="What queries on the remote store see as their dataset: `union` — the "
        "union graph `bkg push` keeps of its graphs as the one default graph (exact: other "
        "graphs stay invisible; as fast as the store's own default graph); `listed` — the "
        "graphs `bkg push` wrote, named in every request (exact too, "
        "but some engines take much longer over a listed dataset); `server` — the server's "
        "own default dataset, for a store that holds only bilateral-kg's graphs and unions "
        "them (Oxigraph `--union-default-graph`, Virtuoso).",
    )
    admin_token: SecretStr | None = Field(
        None,
        description="Bearer token that allows POST /documents (ingest); without one, the API "
        "is read-only.",
    )
    public_url: str | None = Field(
        default=None,
        description="Public address of the server (e.g. `https://kg.example.org`) for the "
        "live-view links and embed snippets of views and exports and the REST `next`/`href` "
        "links; unset: links relative to the server, or http://HOST:PORT for files written "
        "by `bkg view`/`bkg export`. The request's Host header is never used.",
    )
    view_max_rows: int = Field(
        200_000,
        ge=1_000,
        description="Most rows a network view reads from one of its named queries; a larger "
        "graph is refused with a clear error instead of drawing a truncated network.",
    )
    write_lock_timeout: float = Field(
        120.0,
        ge=0,
        description="Seconds a build or ingest waits for another writer to finish before it "
        "is refused (409 through the API).",
    )

    # data folders (bkg_graph.paths): unset, the shipped inputs and the checkout's (or the
    # current folder's) build/ and data/
    ontology_dir: Path | None = Field(
        None,
        description="Folder with bkg.ttl and shapes.ttl (the ontology and its SHACL shapes); "
        "default: the copy shipped with the package.",
    )
    registry_dir: Path | None = Field(
        None,
        description="Folder of the curated registry (TOML files of agencies, initiatives …); "
        "default: registry/ of the ontology folder. `bkg init` gives a working folder its own "
        "copy to edit.",
    )
    corpus_dir: Path | None = Field(
        None,
        description="Folder of source documents, one sub-folder each; default: the corpus "
        "shipped with the package.",
    )
    build_dir: Path | None = Field(
        None,
        description="Where `bkg build` writes the graph files (and `bkg serve` reads them); "
        "default: build/ in the checkout, else in the current folder.",
    )
    data_dir: Path | None = Field(
        None,
        description="Where the server keeps its on-disk store, one folder per graph version; "
        "default: data/ in the checkout, else in the current folder.",
    )
    dataset_license: str = Field(
        "https://creativecommons.org/licenses/by/4.0/",
        description="Licence IRI the dataset's VoID/DCAT description states (build/void.ttl, "
        "/.well-known/void); the source documents keep their own terms.",
    )
    # operations (bkg_api.observe)
    log_level: Literal["debug", "info", "warning", "error"] = Field(
        "info", description="Least severe log messages written (`bkg --log-level` wins)."
    )
    log_format: Literal["text", "json"] = Field(
        "text",
        description="`text`: one readable line per message; `json`: one JSON object per line "
        "(time, level, logger, message, request_id), for log collectors.",
    )
    access_log: bool = Field(
        True,
        description="Write one log line per HTTP request (method, route, status, time, "
        "request id) (`on`/`off`; `bkg --no-access-log` wins).",
    )

    @field_validator("ontology_dir", "registry_dir", "corpus_dir", "build_dir", "data_dir",
                     mode="before")  # fmt: skip
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        """``BKG_BUILD_DIR=`` means the default, not the current folder."""
        return None if value == "" else value


def get_settings() -> Settings:
    """A fresh Settings read from the environment (callers inject it; no singleton)."""
    return Settings()
