"""One JSON error shape for every failure, and the security layers around every response."""

from __future__ import annotations

import os
import sqlite3

import pytest

from newsledger.api.app import create_app
from newsledger.api.db import open_read
from newsledger.api.security import CSP
from newsledger.errors import InputError

SECURITY = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert error["status"] == status and error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    for name, value in SECURITY.items():
        assert response.headers[name] == value
    return error


def test_unknown_route_and_unknown_id_are_404(client):
    assert_error(client.get("/api/no-such-thing"), 404, "not_found")
    error = assert_error(client.get("/api/claims/clm-0000000000000000"), 404, "not_found")
    assert "clm-0000000000000000" in error["message"]
    assert "zzqx" in assert_error(client.get("/api/events", params={"entity": "zzqx"}), 404, "not_found")["message"]


def test_wrong_method_is_405(client):
    assert_error(client.delete("/api/documents"), 405, "method_not_allowed")


def test_invalid_parameters_are_422_with_where(client):
    error = assert_error(client.get("/api/events", params={"limit": 501}), 422, "invalid_request")
    assert "limit" in error["message"] and error["details"][0]["where"] == "query.limit"
    assert_error(client.get("/api/claims", params={"since": "last tuesday"}), 422, "invalid_request")
    assert_error(client.get("/api/search"), 422, "invalid_request")


def test_body_over_the_limit_is_413_by_header_and_while_streaming(writer, auth):
    big = '{"text": "' + "x" * (70 * 1024) + '"}'
    headers = {**auth, "Content-Type": "application/json"}
    assert_error(writer.post("/api/ingest", content=big, headers=headers), 413, "too_large")

    def chunks():  # no Content-Length: the limit must hold while the body streams in
        data = big.encode()
        for i in range(0, len(data), 8192):
            yield data[i : i + 8192]

    assert_error(writer.post("/api/ingest", content=chunks(), headers=headers), 413, "too_large")


def test_missing_or_wrong_token_is_401(writer, auth):
    body = {"text": "Officials met in the capital on Monday."}
    error = assert_error(writer.post("/api/ingest", json=body), 401, "unauthorized")
    assert "token" in error["message"]
    wrong = writer.post("/api/ingest", json=body, headers={"Authorization": "Bearer not-the-token"})
    assert_error(wrong, 401, "unauthorized")
    assert wrong.headers["www-authenticate"] == "Bearer"
    assert_error(writer.post("/api/ingest", json=body, headers={"Authorization": "Basic abc"}), 401, "unauthorized")


def test_read_only_server_refuses_ingest_with_403(client, auth):
    error = assert_error(client.post("/api/ingest", json={"text": "Something happened."}, headers=auth), 403, "forbidden")
    assert "read-only" in error["message"]


def test_cross_site_writes_are_refused(writer, auth):
    body = {"text": "Officials met in the capital on Monday."}
    evil = writer.post("/api/ingest", json=body, headers={**auth, "Origin": "https://evil.example"})
    assert "cross-origin" in assert_error(evil, 403, "forbidden")["message"]
    fetch_site = writer.post("/api/ingest", json=body, headers={**auth, "Sec-Fetch-Site": "cross-site"})
    assert_error(fetch_site, 403, "forbidden")
    assert_error(writer.post("/api/ingest", json=body, headers={**auth, "Origin": "null"}), 403, "forbidden")
    other_port = writer.post("/api/ingest", json=body, headers={**auth, "Origin": "http://testserver:8080"})
    assert_error(other_port, 403, "forbidden")
    # The same origin gets through the guard (and then fails validation, so no extraction runs).
    same = writer.post("/api/ingest", json={"nope": 1}, headers={**auth, "Origin": "http://testserver"})
    assert_error(same, 422, "invalid_request")


def test_writes_must_be_json(writer, auth):
    form = writer.post("/api/ingest", content=b"text=hello", headers={**auth, "Content-Type": "application/x-www-form-urlencoded"})
    assert_error(form, 415, "unsupported_media_type")


def test_unexpected_crash_is_a_json_500(example_db, make_client):
    app = create_app(example_db)

    def explode() -> None:
        raise RuntimeError("boom with a secret path /srv/x")

    app.add_api_route("/api/explode", explode)
    error = assert_error(make_client(app).get("/api/explode"), 500, "internal_error")
    assert "secret" not in error["message"]  # internals stay in the server log


def test_library_errors_map_to_statuses(example_db, tmp_path, make_client):
    app = create_app(example_db)

    def bad_input() -> None:
        raise InputError("upload", "not an article")

    app.add_api_route("/api/bad-input", bad_input)
    assert "not an article" in assert_error(make_client(app).get("/api/bad-input"), 400, "bad_request")["message"]

    gone = tmp_path / "gone.db"
    app = create_app(str(gone))
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{gone}{suffix}"):
            os.remove(f"{gone}{suffix}")
    assert_error(make_client(app).get("/api/stats"), 503, "store_unavailable")


@pytest.mark.parametrize("path", ["/docs", "/api/stats", "/openapi.json"])
def test_security_headers_on_html_and_json(client, path):
    response = client.get(path)
    assert response.status_code == 200
    for name, value in SECURITY.items():
        assert response.headers.get_list(name) == [value]


def test_docs_page_is_local_and_lists_the_endpoints(client):
    page = client.get("/docs")
    assert page.headers["content-type"].startswith("text/html")
    assert "<script" not in page.text and "cdn" not in page.text.lower()
    for path in client.get("/openapi.json").json()["paths"]:
        assert path in page.text


def test_foreign_host_is_refused_when_hosts_are_pinned(example_db, make_client):
    c = make_client(create_app(example_db, allowed_hosts=["localhost", "127.0.0.1"]), base_url="http://localhost:8000")
    assert c.get("/api/stats").status_code == 200
    assert_error(c.get("/api/stats", headers={"Host": "rebound.example"}), 400, "bad_request")


def test_read_connections_cannot_write(example_db):
    conn = open_read(example_db)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("DELETE FROM claims")
        assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] > 0
    finally:
        conn.close()
