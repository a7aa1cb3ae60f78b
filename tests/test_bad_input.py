"""Bad input gets one clear line naming it; the rest is stored; a killed ingest corrupts nothing."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from newsledger.cli.main import cli

GOOD = (
    "The regional governor said on Tuesday, May 14, 2024, that a drone strike had damaged a grain "
    "terminal in the port city of Odesa. Officials said two workers were injured. Local media reported "
    "that the fire was put out within three hours."
)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_each_bad_input_named_and_rest_committed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    undecodable = tmp_path / "latin.txt"
    undecodable.write_bytes(b"caf\xe9 \x81\x8d\x8f\x90\x9d " * 50)
    no_article = tmp_path / "menu.html"
    no_article.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text(
        '{"text": "%s", "outlet": "Wire", "published": "2024-05-14"}\n{"text": broken\n' % GOOD.replace(
            "Odesa", "Mykolaiv")
    )
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    url = f"http://127.0.0.1:{_closed_port()}/article"
    db = tmp_path / "l.db"
    inputs = [good, empty, binary, undecodable, no_article, jsonl, huge]
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", *map(str, inputs), url])
    assert result.exit_code == 1
    failures = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(failures) == 7, result.stderr
    for bad in (empty, binary, undecodable, no_article, huge):
        assert sum(str(bad) in line for line in failures) == 1
    assert any(f"{jsonl}:line 2" in line for line in failures)
    assert any(url in line for line in failures)
    assert result.stdout.strip() == "2 new, 0 unchanged, 7 failed"
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def _article(i: int) -> str:
    return (
        f"Officials in the port city of Odesa said on May {1 + i % 28}, 2024 that {i + 3} drones had struck "
        f"warehouses overnight, according to the regional governor. The Defence Ministry said air defences "
        f"shot down {i + 1} of them. A spokesperson denied reports that {i + 2} civilians were hurt."
    )


def test_sigkill_mid_ingest_leaves_whole_documents(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(150):  # enough that the kill lands mid-ingest even on a fast machine
        (folder / f"a{i:02}.txt").write_text(_article(i))
    db = tmp_path / "k.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsledger", "--db", str(db), "ingest", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as probe:
                    stored = probe.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 3:
                break
    assert proc.poll() is None, "ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    docs = [r[0] for r in conn.execute("SELECT text FROM documents")]
    assert 3 <= len(docs) < 150
    # Every stored document is complete: re-extracting it gives exactly what is stored.
    from newsledger.extract.document import extract
    from newsledger.ingest.documents import make_document
    from newsledger.ingest.sources import RawItem

    for doc_id, text in conn.execute("SELECT id, text FROM documents"):
        x = extract(make_document(RawItem(origin="check", text=text)))
        assert x.document.id == doc_id
        for table, expected in (("mentions", len({(m.start, m.end) for m in x.mentions})),
                                ("sentences", len(x.sentences)),
                                ("claims", len(x.claims))):
            got = conn.execute(f"SELECT count(*) FROM {table} WHERE document_id = ?", (doc_id,)).fetchone()[0]
            assert got == expected, (table, doc_id)


def test_text_too_long_to_analyse_fails_alone(tmp_path):
    long_text = tmp_path / "long.txt"
    long_text.write_text(("Officials said the convoy reached the border on Monday. " * 22000).strip())
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    db = tmp_path / "long.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", str(long_text), str(good)])
    assert result.exit_code == 1
    assert f"failed: {long_text}: too long to analyse" in result.stderr
    assert result.stdout.strip() == "1 new, 0 unchanged, 1 failed"
