"""Named, re-runnable schema migrations for the SQLite ledger.

Each migration is a function with a name recorded in ``migrations`` once applied.
Every statement is written to be safe to run again (``IF NOT EXISTS``), so a
migration interrupted half-way can simply be re-applied.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone

Migration = Callable[[sqlite3.Connection], None]

MIGRATIONS: list[tuple[str, Migration]] = []


def migration(name: str) -> Callable[[Migration], Migration]:
    """Register a migration under a stable name, in definition order."""

    def register(fn: Migration) -> Migration:
        MIGRATIONS.append((name, fn))
        return fn

    return register


@migration("0001_ledger")
def _ledger(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE IF NOT EXISTS documents (
            id TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            title TEXT,
            outlet TEXT,
            url TEXT,
            published TEXT,
            published_source TEXT CHECK (published_source IN ('metadata','option','inferred')),
            language TEXT,
            origin TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS sentences (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            PRIMARY KEY (document_id, start)
        );
        CREATE TABLE IF NOT EXISTS document_urls (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            PRIMARY KEY (document_id, url)
        );
        -- An entity row is one (type, normalised key); resolution links join rows
        -- into real-world entities whose id is canonical_id.
        CREATE TABLE IF NOT EXISTS entities (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            key TEXT NOT NULL,
            country TEXT,
            lat REAL,
            lon REAL,
            geonames_id INTEGER,
            wikidata TEXT,
            canonical_id TEXT NOT NULL,
            UNIQUE (type, key)
        );
        CREATE INDEX IF NOT EXISTS entities_canonical ON entities(canonical_id);
        CREATE TABLE IF NOT EXISTS entity_links (
            a TEXT NOT NULL REFERENCES entities(id),
            b TEXT NOT NULL REFERENCES entities(id),
            verdict TEXT NOT NULL CHECK (verdict IN ('same','different')),
            score REAL NOT NULL,
            reason TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('machine','user')),
            created_at TEXT NOT NULL,
            PRIMARY KEY (a, b, origin)
        );
        CREATE INDEX IF NOT EXISTS entity_links_b ON entity_links(b);
        CREATE TABLE IF NOT EXISTS mentions (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            entity_id TEXT NOT NULL REFERENCES entities(id),
            label TEXT,
            role TEXT,
            PRIMARY KEY (document_id, start, "end")
        );
        CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
        CREATE TABLE IF NOT EXISTS times (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            value TEXT,
            kind TEXT,
            earliest TEXT,
            latest TEXT,
            anchor TEXT,
            PRIMARY KEY (document_id, start, "end")
        );
        -- One row per event as one document reports it; event_id is the
        -- cross-document event it belongs to (maintained by the writer).
        CREATE TABLE IF NOT EXISTS event_mentions (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            event_id TEXT NOT NULL,
            type TEXT NOT NULL,
            plover TEXT,
            mode TEXT,
            modality TEXT NOT NULL,
            date_start TEXT,
            date_end TEXT,
            location_id TEXT REFERENCES entities(id),
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            trigger_text TEXT NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            sentence_text TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS event_mentions_event ON event_mentions(event_id);
        CREATE INDEX IF NOT EXISTS event_mentions_date ON event_mentions(date_start);
        CREATE INDEX IF NOT EXISTS event_mentions_type ON event_mentions(type);
        CREATE TABLE IF NOT EXISTS event_participants (
            event_mention_id TEXT NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            entity_id TEXT NOT NULL REFERENCES entities(id),
            PRIMARY KEY (event_mention_id, role, entity_id)
        );
        CREATE INDEX IF NOT EXISTS event_participants_entity ON event_participants(entity_id);
        CREATE TABLE IF NOT EXISTS event_quantities (
            event_mention_id TEXT NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            value REAL NOT NULL,
            unit TEXT,
            entity_id TEXT REFERENCES entities(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (event_mention_id, position)
        );
        CREATE TABLE IF NOT EXISTS event_money (
            event_mention_id TEXT NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            value REAL NOT NULL,
            currency TEXT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (event_mention_id, position)
        );
        CREATE TABLE IF NOT EXISTS event_links (
            a TEXT NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
            b TEXT NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
            score REAL NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (a, b)
        );
        CREATE INDEX IF NOT EXISTS event_links_b ON event_links(b);
        CREATE TABLE IF NOT EXISTS claims (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            claimant_id TEXT REFERENCES entities(id),
            stance TEXT NOT NULL CHECK (stance IN ('asserts','reports','denies','admits','disputes')),
            hedged INTEGER NOT NULL,
            date TEXT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            cue_start INTEGER,
            cue_end INTEGER,
            content_start INTEGER,
            content_end INTEGER
        );
        CREATE INDEX IF NOT EXISTS claims_document ON claims(document_id);
        CREATE TABLE IF NOT EXISTS claim_via (
            claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            entity_id TEXT NOT NULL REFERENCES entities(id),
            PRIMARY KEY (claim_id, position)
        );
        CREATE TABLE IF NOT EXISTS claim_events (
            claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            event_mention_id TEXT NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
            PRIMARY KEY (claim_id, position)
        );
        CREATE INDEX IF NOT EXISTS claim_events_event ON claim_events(event_mention_id);
        """
    )


@migration("0002_entity_grams")
def _entity_grams(conn: sqlite3.Connection) -> None:
    """Letter trigrams of entity keys: finds candidate spellings without scanning every row."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS entity_grams ("
        " gram TEXT NOT NULL, entity_id TEXT NOT NULL REFERENCES entities(id),"
        " PRIMARY KEY (gram, entity_id)) WITHOUT ROWID"
    )
    conn.execute("CREATE INDEX IF NOT EXISTS entities_geonames ON entities(geonames_id)")
    conn.execute("CREATE INDEX IF NOT EXISTS event_mentions_location ON event_mentions(location_id)")
    rows = conn.execute("SELECT id, key FROM entities WHERE type != 'source'").fetchall()
    conn.executemany(
        "INSERT OR IGNORE INTO entity_grams VALUES (?, ?)",
        [(g, eid) for eid, key in rows for g in key_grams(key)],
    )


@migration("0003_name_lookup")
def _name_lookup(conn: sqlite3.Connection) -> None:
    """Case-blind indexes on entity names and mention texts: `--entity NAME` looks a name up
    without scanning every mention (ASCII case, as SQLite's NOCASE and lower() fold it)."""
    conn.execute("CREATE INDEX IF NOT EXISTS entities_name_nocase ON entities(name COLLATE NOCASE)")
    conn.execute("CREATE INDEX IF NOT EXISTS mentions_text_nocase ON mentions(text COLLATE NOCASE)")


@migration("0004_claim_source_span")
def _claim_source_span(conn: sqlite3.Connection) -> None:
    """Where the claimant is written ("Anna Berg, the mayor", "He", "sources"): the span a reader checks."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(claims)")}
    for name in ("source_start", "source_end"):
        if name not in columns:
            conn.execute(f"ALTER TABLE claims ADD COLUMN {name} INTEGER")


@migration("0005_name_index")
def _name_index(conn: sqlite3.Connection) -> None:
    """Find candidate rows by every name a row is known by, at a cost that does not grow with the ledger.

    ``entity_aliases`` holds each row's distinct mention texts ("FBK" for the Anti-Corruption
    Foundation), so judging a row no longer reads all its mentions. ``name_grams`` replaces
    ``entity_grams``: the trigrams of each row's key and of its aliases' normalised forms, keyed by
    type so one type's rows are found without a join; ``name_gram_counts`` (kept by triggers) says
    how many rows share a gram, so the search reads the rarest grams first and skips the commonest.
    """
    _run_script(
        conn,
        """
        CREATE TABLE IF NOT EXISTS entity_aliases (
            entity_id TEXT NOT NULL REFERENCES entities(id),
            text TEXT NOT NULL,
            PRIMARY KEY (entity_id, text)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS name_grams (
            gram TEXT NOT NULL,
            type TEXT NOT NULL,
            entity_id TEXT NOT NULL REFERENCES entities(id),
            PRIMARY KEY (gram, type, entity_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS name_gram_counts (
            gram TEXT NOT NULL,
            type TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (gram, type)
        ) WITHOUT ROWID;
        CREATE TRIGGER IF NOT EXISTS name_grams_counted AFTER INSERT ON name_grams BEGIN
            INSERT INTO name_gram_counts VALUES (new.gram, new.type, 1)
            ON CONFLICT (gram, type) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER IF NOT EXISTS name_grams_uncounted AFTER DELETE ON name_grams BEGIN
            UPDATE name_gram_counts SET n = n - 1 WHERE gram = old.gram AND type = old.type;
        END;
        """,
    )
    from newsledger.resolve.names import name_key

    conn.execute(
        "INSERT OR IGNORE INTO entity_aliases SELECT DISTINCT entity_id, text FROM mentions"
    )
    # One document's own rows (unnamed sources, generic actors: key "<document id>:<key>") are never
    # linked across documents, so never indexed.
    rows = conn.execute(
        "SELECT id, type, key FROM entities WHERE type != 'source'"
        " AND substr(key, 1, instr(key, ':') - 1) NOT IN (SELECT id FROM documents)"
    ).fetchall()
    aliases: dict[str, list[str]] = {}
    for eid, text in conn.execute("SELECT entity_id, text FROM entity_aliases"):
        aliases.setdefault(eid, []).append(text)
    for eid, type_, key in rows:
        forms = {key, *(name_key(t, type_) for t in aliases.get(eid, ()))}
        conn.executemany(
            "INSERT OR IGNORE INTO name_grams VALUES (?, ?, ?)",
            [(g, type_, eid) for g in set().union(*(key_grams(f) for f in forms if f))],
        )
    conn.execute("DROP TABLE IF EXISTS entity_grams")


def key_grams(key: str) -> set[str]:
    """The letter trigrams of a normalised name, word edges included."""
    padded = f" {key} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: ``executescript`` would commit the open transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement.strip()[:60]}")


def apply_migrations(conn: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet recorded; return the names applied now."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            fn(conn)
            conn.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
