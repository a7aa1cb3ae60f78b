"""Shared fixtures for the API tests: the bundled examples ingested once, and clients over them."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from newsledger import operations
from newsledger.api.app import create_app

with warnings.catch_warnings():
    # Starlette 1.x asks for the httpx2 package instead of httpx for its test client;
    # only httpx is installed, and the client works the same with it.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The examples folder ingested once, through the same path the CLI uses."""
    db = str(tmp_path_factory.mktemp("api") / "examples.db")
    report = operations.ingest([str(EXAMPLES)], db=db)
    assert report.ok and len(report.new) >= 10, report.failed
    return db


@pytest.fixture(scope="session")
def client(example_db: str) -> Iterator[TestClient]:
    """A read-only server over the examples; crashes come back as responses, not exceptions."""
    with TestClient(create_app(example_db), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def writer(tmp_path: Path) -> Iterator[TestClient]:
    """A server with ingest enabled over a fresh, empty ledger."""
    app = create_app(str(tmp_path / "fresh.db"), token=TOKEN, max_body=64 * 1024)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def auth() -> dict[str, str]:
    """Headers that carry the writer's token."""
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def make_client() -> Iterator[object]:
    """Open TestClients over apps a test builds itself; all closed at the end of the test."""
    opened: list[TestClient] = []

    def make(app: object, **kwargs: object) -> TestClient:
        c = TestClient(app, raise_server_exceptions=False, **kwargs)  # type: ignore[arg-type]
        opened.append(c.__enter__())
        return c

    yield make
    for c in opened:
        c.__exit__(None, None, None)
