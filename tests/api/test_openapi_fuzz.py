"""Schemathesis against our OpenAPI schema, over the bundled graph: no request gets a 5xx.

A few examples per operation keep it quick; every documented operation is included, the
REST and view routes too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.openapi import from_asgi

from bkg_api.app import create_app
from bkg_graph.settings import Settings
from bkg_graph.store import GraphStore, open_store

pytestmark = pytest.mark.slow


@schemathesis.serializer("application/sparql-query")
def _sparql_query(ctx: Any, value: Any) -> bytes:
    return str(value).encode("utf-8")


@pytest.fixture(scope="module")
def bundled_store(
    build_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphStore]:
    settings = Settings(query_cache=False, query_workers=2, query_timeout=5.0)
    store = open_store(settings, data_dir=tmp_path_factory.mktemp("fuzz"), build_dir=build_dir)
    yield store
    store.close()


@pytest.fixture(scope="module")
def api_schema(bundled_store: GraphStore) -> Any:
    app = create_app(Settings(query_timeout=5.0), bundled_store)
    return from_asgi("/openapi.json", app)


def test_no_request_gets_a_server_error(api_schema: Any) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert any(op.path == "/sparql" and op.method.upper() == "POST" for op in operations)
    for operation in operations:

        @given(operation.as_strategy())
        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)  # fmt: skip
        def call(case: Any) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        call()
