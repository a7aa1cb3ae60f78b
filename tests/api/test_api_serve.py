"""`newsledger serve` builds the app over --db, says where it listens, and hands it to uvicorn."""

from __future__ import annotations

import uvicorn
from click.testing import CliRunner

from newsledger.cli.main import cli


def _serve(monkeypatch, args: list[str], env: dict[str, str] | None = None):
    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    result = CliRunner().invoke(cli, args, env=env or {})
    return result, calls


def test_serve_read_only_by_default(monkeypatch, tmp_path, make_client):
    db = str(tmp_path / "ledger.db")
    result, calls = _serve(monkeypatch, ["--db", db, "serve", "--port", "8765"], env={"NEWSLEDGER_TOKEN": ""})
    assert result.exit_code == 0, result.output
    assert f"newsledger serving {db} at http://127.0.0.1:8765/ (read-only)" in result.output
    (call,) = calls
    assert (call["host"], call["port"]) == ("127.0.0.1", 8765)
    c = make_client(call["app"], base_url="http://127.0.0.1:8765")
    assert c.get("/api/stats").json()["documents"] == 0
    assert c.post("/api/ingest", json={"text": "Talks resumed."}).status_code == 403
    # bound to loopback, the server answers only to loopback names
    assert c.get("/api/stats", headers={"Host": "attacker.example"}).status_code == 400


def test_serve_token_from_environment_enables_ingest(monkeypatch, tmp_path, make_client):
    db = str(tmp_path / "ledger.db")
    result, calls = _serve(monkeypatch, ["--db", db, "serve"], env={"NEWSLEDGER_TOKEN": "s3cret-token"})
    assert result.exit_code == 0, result.output
    assert "(ingest enabled with token)" in result.output and "s3cret" not in result.output
    c = make_client(calls[0]["app"], base_url="http://localhost:8000")
    refused = c.post("/api/ingest", json={"text": "Talks resumed."}, headers={"Authorization": "Bearer nope"})
    assert refused.status_code == 401


def test_serve_rejects_a_bad_port(monkeypatch, tmp_path):
    result, calls = _serve(monkeypatch, ["--db", str(tmp_path / "x.db"), "serve", "--port", "70000"])
    assert result.exit_code != 0 and calls == []
