"""The SQLite ledger: one transaction per document, idempotent re-ingest, resolution links."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from newsledger.errors import NotFoundError
from newsledger.model import (
    ClaimRecord,
    Document,
    EventRecord,
    Evidence,
    Extraction,
    Mention,
    Money,
    Participant,
    Quantity,
    TimeExpr,
    stable_id,
)
from newsledger.query import records
from newsledger.store.migrations import MIGRATIONS, apply_migrations
from newsledger.store.sqlite import Ledger


def _span(text: str, needle: str, doc_id: str = "") -> Evidence:
    start = text.index(needle)
    return Evidence(doc_id, start, start + len(needle), needle)


def _pos(text: str, needle: str) -> tuple[int, int, str]:
    start = text.index(needle)
    return start, start + len(needle), needle


def _mention(text: str, needle: str, type_: str, name: str | None = None, **kw: object) -> Mention:
    start = text.index(needle)
    name = name or needle
    return Mention(start, start + len(needle), needle, type_, name, name.casefold(), **kw)  # type: ignore[arg-type]


def _transfer_extraction(text: str, outlet: str, published: str, seller_spelling: str,
                         quantity: float) -> Extraction:
    """A hand-built extraction of a transfer report, as the extract stage would produce it."""
    doc = Document(id=stable_id("doc", text), text=text, outlet=outlet, published=published,
                   published_source="metadata", url=f"https://example.org/{outlet.lower()}")
    mentions = (
        _mention(text, seller_spelling, "organization"),
        _mention(text, "Southland", "country", country="SL"),
        _mention(text, "Viper-7", "weapon"),
    )
    times = (TimeExpr(*_pos(text, "March 3, 2024"), value="2024-03-03"),)  # type: ignore[misc]
    sentence = Evidence("", 0, len(text), text)
    trigger = _span(text, "sold")
    event = EventRecord(
        type="transfer", plover="AID", mode="sale", modality="occurred", trigger=trigger,
        sentence=sentence,
        participants=(Participant("agent", 0), Participant("recipient", 1), Participant("item", 2)),
        time=0,
        quantities=(Quantity(quantity, "missile", *_pos(text, f"{int(quantity)}"), item=2),),  # type: ignore[misc]
        money=(Money(2e8, "USD", *_pos(text, "$200 million")),),  # type: ignore[misc]
    )
    claim = ClaimRecord(sentence=sentence, stance="reports", hedged=False, claimant=None, events=(0,))
    return Extraction(document=doc, mentions=mentions, times=times, events=(event,), claims=(claim,),
                      sentences=((0, len(text)),))


TEXT_A = "Al-Zamili Trading sold 40 Viper-7 missiles to Southland on March 3, 2024 for $200 million."
TEXT_B = "Al-Zameli Trading sold 60 Viper-7 missiles to Southland on March 3, 2024 for $200 million, sources say."


@pytest.fixture
def ledger(tmp_path):
    with Ledger(tmp_path / "t.db") as led:
        yield led


def test_pragmas_and_migrations_rerun(tmp_path):
    path = tmp_path / "m.db"
    with Ledger(path) as led:
        assert led.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert led.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert apply_migrations(led.conn) == []  # already applied
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM migrations")
    conn.commit()
    conn.isolation_level = None
    assert apply_migrations(conn) == [name for name, _ in MIGRATIONS]  # re-running every migration is safe


def test_add_is_idempotent_and_adds_urls(ledger):
    x = _transfer_extraction(TEXT_A, "Wire", "2024-03-04", "Al-Zamili Trading", 40)
    assert ledger.add(x) == "new"
    counts = [ledger.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("documents", "mentions", "event_mentions", "claims")]
    assert ledger.add(x) == "unchanged"
    assert counts == [ledger.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t in ("documents", "mentions", "event_mentions", "claims")]
    moved = Extraction(document=Document(id=x.document.id, text=TEXT_A, url="https://mirror.example/a"))
    assert ledger.add(moved) == "updated"
    docs = records.documents(ledger.conn)
    assert docs[0]["urls"] == ["https://example.org/wire", "https://mirror.example/a"]


def test_failed_document_leaves_nothing(ledger):
    good = _transfer_extraction(TEXT_A, "Wire", "2024-03-04", "Al-Zamili Trading", 40)
    ledger.add(good)
    bad = _transfer_extraction(TEXT_B, "Other", "2024-03-05", "Al-Zameli Trading", 60)
    # A participant index that points nowhere makes the write fail half-way.
    broken_event = replace(bad.events[0], participants=(Participant("agent", 99),))
    broken = Extraction(document=bad.document, mentions=bad.mentions, times=bad.times,
                        events=(broken_event,), claims=bad.claims)
    with pytest.raises(IndexError):
        ledger.add(broken)
    assert ledger.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert ledger.conn.execute(
        "SELECT count(*) FROM mentions WHERE document_id = ?", (bad.document.id,)).fetchone()[0] == 0


def test_cross_document_resolution_and_event_merge(ledger):
    ledger.add(_transfer_extraction(TEXT_A, "Wire", "2024-03-04", "Al-Zamili Trading", 40))
    ledger.add(_transfer_extraction(TEXT_B, "Other", "2024-03-05", "Al-Zameli Trading", 60))
    ents = {e["name"]: e for e in records.entities(ledger.conn)}
    # A transliteration variant of the seller: one entity, both spellings kept.
    assert "Al-Zameli Trading" in ents["Al-Zamili Trading"]["aliases"]
    evs = records.events(ledger.conn)
    assert len(evs) == 1
    assert len(evs[0]["sources"]) == 2
    assert sorted(q["value"] for q in evs[0]["quantities"]) == [40, 60]
    assert evs[0]["date"] == {"start": "2024-03-03", "end": None}


def test_user_split_survives_new_documents(ledger):
    ledger.add(_transfer_extraction(TEXT_A, "Wire", "2024-03-04", "Al-Zamili Trading", 40))
    ledger.add(_transfer_extraction(TEXT_B, "Other", "2024-03-05", "Al-Zameli Trading", 60))
    rows = dict(ledger.conn.execute("SELECT name, id FROM entities WHERE type = 'organization'").fetchall())
    ledger.judge_entities(rows["Al-Zamili Trading"], rows["Al-Zameli Trading"], same=False)
    names = {e["name"] for e in records.entities(ledger.conn)}
    assert {"Al-Zamili Trading", "Al-Zameli Trading"} <= names
    # A third report with the variant spelling must not join them again.
    text_c = "Al-Zameli Trading sold 40 Viper-7 missiles to Southland on March 3, 2024 for $200 million, officials said."
    ledger.add(_transfer_extraction(text_c, "Third", "2024-03-06", "Al-Zameli Trading", 40))
    canon = dict(ledger.conn.execute("SELECT id, canonical_id FROM entities").fetchall())
    assert canon[rows["Al-Zamili Trading"]] != canon[rows["Al-Zameli Trading"]]
    ledger.judge_entities(rows["Al-Zamili Trading"], rows["Al-Zameli Trading"], same=True)
    canon = dict(ledger.conn.execute("SELECT id, canonical_id FROM entities").fetchall())
    assert canon[rows["Al-Zamili Trading"]] == canon[rows["Al-Zameli Trading"]]


def test_unknown_entity_is_not_found(ledger):
    with pytest.raises(NotFoundError):
        ledger.judge_entities("ent-missing", "ent-missing2", same=True)
