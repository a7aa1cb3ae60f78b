"""The SQLite ledger and its single write path.

Every write goes through :meth:`Ledger.add` (a whole document with all its facts,
in one ``BEGIN IMMEDIATE`` transaction) or :meth:`Ledger.judge_entities` (a
person's merge / split). The database runs in WAL mode with foreign keys on, so a
process killed mid-ingest leaves every document either complete or absent.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Literal

from newsledger import dates
from newsledger.errors import NotFoundError, StoreError
from newsledger.model import Entity, Extraction, Mention, stable_id
from newsledger.resolve import clusters
from newsledger.resolve import events as event_matching
from newsledger.store.migrations import apply_migrations, key_grams

AddOutcome = Literal["new", "unchanged", "updated"]

DEFAULT_DB = "newsledger.db"

# Types whose rows may be the same real-world thing; sources never merge across
# documents ("a senior official" in two articles need not be one person).
_COMPATIBLE_TYPES: dict[str, tuple[str, ...]] = {
    "person": ("person",),
    "organization": ("organization", "outlet", "group"),
    "outlet": ("outlet", "organization"),
    "group": ("group", "organization"),
    "country": ("country",),
    "place": ("place",),
    "facility": ("facility",),
    "weapon": ("weapon",),
    "nationality": ("nationality",),
}
_ITEM_ROLES = frozenset({"item", "instrument"})
_TARGET_ROLES = frozenset({"target", "recipient"})
# Whole countries: shared, they are weak evidence that two reports tell one event.
_BROAD_TYPES = frozenset({"country", "nationality"})


def default_db_path() -> str:
    """``$NEWSLEDGER_DB`` when set, else ./newsledger.db."""
    return os.environ.get("NEWSLEDGER_DB") or DEFAULT_DB


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Ledger:
    """An open ledger database. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path or default_db_path())
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            apply_migrations(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open ledger database ({exc})") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """The one way to write: all or nothing, holding the write lock from the start."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot start a write ({exc})") from exc
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                self.conn.execute("ROLLBACK")
                raise StoreError(f"{self.path}: cannot commit ({exc})") from exc

    def has_document(self, document_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is not None

    # -- writing ---------------------------------------------------------

    def add(self, extraction: Extraction) -> AddOutcome:
        """Store a document with all its facts, or add a new URL to a known one."""
        doc = extraction.document
        urls = [u for u in dict.fromkeys([doc.url, *doc.urls]) if u]
        try:
            with self._transaction() as db:
                if db.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone():
                    added = 0
                    for url in urls:
                        added += db.execute(
                            "INSERT OR IGNORE INTO document_urls VALUES (?, ?)", (doc.id, url)
                        ).rowcount
                    if added:
                        db.execute(
                            "UPDATE documents SET url = COALESCE(url, ?) WHERE id = ?",
                            (urls[0], doc.id),
                        )
                    return "updated" if added else "unchanged"
                _Writer(db, extraction, urls).write()
                return "new"
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot store {doc.origin or doc.id} ({exc})") from exc

    def judge_entities(self, a: str, b: str, same: bool, reason: str | None = None) -> None:
        """Record a person's verdict that two entities are (not) the same; it outlives re-ingestion."""
        with self._transaction() as db:
            rows = [self._entity_row(db, x) for x in (a, b)]
            if same:
                # Join the two groups through their canonical rows.
                ra, rb = rows[0]["canonical_id"], rows[1]["canonical_id"]
            else:
                ra, rb = rows[0]["id"], rows[1]["id"]
            verdict = "same" if same else "different"
            default = "merged by a person" if same else "split by a person"
            db.execute(
                "DELETE FROM entity_links WHERE origin = 'user' AND ((a = ? AND b = ?) OR (a = ? AND b = ?))",
                (ra, rb, rb, ra),
            )
            db.execute(
                "INSERT INTO entity_links VALUES (?, ?, ?, 1.0, ?, 'user', ?)",
                (min(ra, rb), max(ra, rb), verdict, reason or default, _now()),
            )
            if not same:
                # Both groups must be recomputed from everything they touch.
                touched = {r["id"] for r in rows}
                for r in rows:
                    touched.update(
                        x[0]
                        for x in db.execute(
                            "SELECT id FROM entities WHERE canonical_id = ?", (r["canonical_id"],)
                        )
                    )
                _recluster_entities(db, touched)
            else:
                _recluster_entities(db, {ra, rb})

    @staticmethod
    def _entity_row(db: sqlite3.Connection, ident: str) -> sqlite3.Row:
        row = db.execute("SELECT * FROM entities WHERE id = ?", (ident,)).fetchone()
        if row is None:
            raise NotFoundError(f"no entity with id {ident}")
        return row


class _Writer:
    """Writes one Extraction inside an open transaction."""

    def __init__(self, db: sqlite3.Connection, extraction: Extraction, urls: Sequence[str]) -> None:
        self.db = db
        self.x = extraction
        self.doc = extraction.document
        self.urls = urls
        self.mention_entity: list[str] = []
        # Indexed rows -> the normalised names they are first known by in this document (key or alias).
        self.new_forms: dict[str, set[str]] = {}

    def write(self) -> None:
        d = self.doc
        self.db.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (d.id, d.text, d.title, d.outlet, self.urls[0] if self.urls else None, d.published,
             d.published_source, d.language, d.origin, _now()),
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO document_urls VALUES (?, ?)", [(d.id, u) for u in self.urls]
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO sentences VALUES (?, ?, ?)",
            [(d.id, start, end) for start, end in self.x.sentences],
        )
        for m in self.x.mentions:
            self.mention_entity.append(self._entity_for(m))
        self.db.executemany(
            "INSERT OR IGNORE INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (d.id, m.start, m.end, m.text, eid, m.label, m.role)
                for m, eid in zip(self.x.mentions, self.mention_entity)
            ],
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO times VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (d.id, t.start, t.end, t.text, t.value, t.kind, t.earliest, t.latest, t.anchor)
                for t in self.x.times
            ],
        )
        self._link_new_entities()
        event_ids = self._write_events()
        self._write_claims(event_ids)
        self._link_new_events([e for e in event_ids if e])

    # -- entities --

    def _entity_for(self, m: Mention) -> str:
        # unnamed sources and generic actors no country qualifies ("police": see extract/actors.py) are
        # one document's own: never keyed, indexed or linked across documents by their name alone
        scoped = m.type == "source" or (m.label == "ACTOR" and m.country is None)
        key = f"{self.doc.id}:{m.key}" if scoped else m.key
        eid = stable_id("ent", m.type, key)
        inserted = self.db.execute(
            "INSERT OR IGNORE INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (eid, m.type, m.name, key, m.country, m.lat, m.lon, m.geonames_id, m.wikidata, eid),
        ).rowcount
        if inserted and not scoped:
            self._index_form(eid, m.type, key)
        elif m.lat is not None or m.country or m.geonames_id or m.wikidata:
            self.db.execute(
                "UPDATE entities SET country = COALESCE(country, ?), lat = COALESCE(lat, ?),"
                " lon = COALESCE(lon, ?), geonames_id = COALESCE(geonames_id, ?),"
                " wikidata = COALESCE(wikidata, ?) WHERE id = ?",
                (m.country, m.lat, m.lon, m.geonames_id, m.wikidata, eid),
            )
        new_text = self.db.execute("INSERT OR IGNORE INTO entity_aliases VALUES (?, ?)", (eid, m.text)).rowcount
        if new_text and not scoped:
            # A spelling this row had not been written as ("FBK" after "Anti-Corruption Foundation (FBK)"):
            # index it, so a later article that writes only "FBK" finds this row.
            from newsledger.resolve.names import name_key

            form = name_key(m.text, m.type)
            if form and not set(form.split()) <= set(key.split()):  # "Foley" of "James Foley" is no new name
                self._index_form(eid, m.type, form)
        return eid

    def _index_form(self, eid: str, type_: str, form: str) -> None:
        """Index one normalised name of a row; remember it, so the row is judged by it in this document."""
        self.db.executemany(
            "INSERT OR IGNORE INTO name_grams VALUES (?, ?, ?)", [(g, type_, eid) for g in key_grams(form)]
        )
        self.new_forms.setdefault(eid, set()).add(form)

    def _link_new_entities(self) -> None:
        """Judge each row first seen in this document, or first written here under a new name,
        against the ledger rows that look like any of its new names."""
        from newsledger.resolve.names import find_same

        touched: set[str] = set()
        for eid, forms in self.new_forms.items():
            new = load_entity_row(self.db, eid)
            types = _COMPATIBLE_TYPES.get(new.type, (new.type,))
            candidates = _candidate_rows(self.db, eid, types, forms)
            by_id = {c.id: c for c in candidates}
            links = [link for link in find_same(new, candidates) if not _other_places(new, by_id[link[0]])]
            if new.geonames_id is not None:
                links += [
                    (c.id, 1.0, f"same GeoNames id {new.geonames_id}")
                    for c in candidates
                    if c.geonames_id == new.geonames_id
                ]
            for other, score, reason in links:
                a, b = min(eid, other), max(eid, other)
                self.db.execute(
                    "INSERT OR IGNORE INTO entity_links VALUES (?, ?, 'same', ?, ?, 'machine', ?)",
                    (a, b, score, reason, _now()),
                )
                touched.update((a, b))
        if touched:
            _recluster_entities(self.db, touched)

    # -- events and claims --

    def _write_events(self) -> list[str | None]:
        d = self.doc
        ids: list[str | None] = []
        for ev in self.x.events:
            eid = stable_id("evt", d.id, ev.trigger.start, ev.trigger.end, ev.type)
            start, end = self._event_date(ev.time)
            location = self.mention_entity[ev.location] if ev.location is not None else None
            inserted = self.db.execute(
                "INSERT OR IGNORE INTO event_mentions VALUES"
                " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (eid, d.id, eid, ev.type, ev.plover, ev.mode, ev.modality, start, end, location,
                 ev.trigger.start, ev.trigger.end, ev.trigger.text,
                 ev.sentence.start, ev.sentence.end, ev.sentence.text),
            ).rowcount
            if not inserted:
                ids.append(None)
                continue
            self.db.executemany(
                "INSERT OR IGNORE INTO event_participants VALUES (?, ?, ?)",
                [(eid, p.role, self.mention_entity[p.mention]) for p in ev.participants],
            )
            self.db.executemany(
                "INSERT INTO event_quantities VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (eid, i, q.value, q.unit,
                     self.mention_entity[q.item] if q.item is not None else None,
                     q.start, q.end, q.text)
                    for i, q in enumerate(ev.quantities)
                ],
            )
            self.db.executemany(
                "INSERT INTO event_money VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(eid, i, m.value, m.currency, m.start, m.end, m.text) for i, m in enumerate(ev.money)],
            )
            ids.append(eid)
        return ids

    def _event_date(self, index: int | None) -> tuple[str | None, str | None]:
        """An event's date as (start, end) at the precision its time expression supports."""
        if index is None:
            return None, None
        t = self.x.times[index]
        if t.kind == "duration":
            return None, None
        return dates.as_interval(t.value)

    def _write_claims(self, event_ids: list[str | None]) -> None:
        d = self.doc
        for c in self.x.claims:
            claimant = self.mention_entity[c.claimant] if c.claimant is not None else None
            cid = stable_id(
                "clm", d.id, c.sentence.start, c.sentence.end,
                c.cue.start if c.cue else "", claimant or "",
            )
            date = None
            if c.time is not None and self.x.times[c.time].kind != "duration":
                start, end = dates.as_interval(self.x.times[c.time].value)
                date = start if end is None else None  # a statement is made on a day, not a span
            inserted = self.db.execute(
                "INSERT OR IGNORE INTO claims (id, document_id, claimant_id, stance, hedged, date,"
                ' start, "end", text, cue_start, cue_end, content_start, content_end, source_start, source_end)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (cid, d.id, claimant, c.stance, int(c.hedged), date or d.published,
                 c.sentence.start, c.sentence.end, c.sentence.text,
                 c.cue.start if c.cue else None, c.cue.end if c.cue else None,
                 c.content.start if c.content else None, c.content.end if c.content else None,
                 c.source.start if c.source else None, c.source.end if c.source else None),
            ).rowcount
            if not inserted:
                continue
            self.db.executemany(
                "INSERT INTO claim_via VALUES (?, ?, ?)",
                [(cid, i, self.mention_entity[v]) for i, v in enumerate(c.via)],
            )
            linked = [event_ids[i] for i in c.events if i < len(event_ids) and event_ids[i]]
            self.db.executemany(
                "INSERT OR IGNORE INTO claim_events VALUES (?, ?, ?)",
                [(cid, i, e) for i, e in enumerate(dict.fromkeys(linked))],
            )

    def _link_new_events(self, new_ids: list[str]) -> None:
        """Link each new event report to reports of the same event (other documents, or this one)."""
        if not new_ids:
            return
        touched: set[str] = set()
        words: dict[str, frozenset[str]] = {}  # document id -> its content words, read once per add
        # Canonical ids and event ids stay as they are until the recluster at the end, so a stored
        # report's view, and whether a window fits an event, are the same for every new report of this add.
        views: dict[str, event_matching.EventView] = {}
        fits: dict[tuple[tuple[date, date] | None, str], bool] = {}  # (window, event id) -> it fits

        def view_of(report: str) -> event_matching.EventView:
            if report not in views:
                views[report] = load_event_view(self.db, report, words)
            return views[report]

        for eid in new_ids:
            view = view_of(eid)
            # Start from the shared entities (CROSS JOIN fixes SQLite's join order):
            # starting from the events of one type would scan them all for every new event.
            rows = self.db.execute(
                "SELECT c.id, c.event_id, c.document_id, c.date_start, c.date_end, c.shared, c.specific,"
                " c.mode, c.trigger_text, d.published FROM (SELECT id, event_id, document_id, date_start,"
                " date_end, mode, trigger_text, count(DISTINCT shared) AS shared, count(DISTINCT CASE WHEN"
                " shared NOT IN (SELECT value FROM json_each(?4)) THEN shared END) AS specific FROM ("
                " SELECT em.id, em.event_id, em.document_id, em.date_start, em.date_end, em.mode,"
                " em.trigger_text, j.value AS shared"
                " FROM json_each(?3) j CROSS JOIN entities e ON e.canonical_id = j.value"
                " CROSS JOIN event_participants p ON p.entity_id = e.id"
                " CROSS JOIN event_mentions em ON em.id = p.event_mention_id"
                " WHERE em.type = ?1 AND em.id != ?2"
                " UNION ALL SELECT em.id, em.event_id, em.document_id, em.date_start, em.date_end, em.mode,"
                " em.trigger_text, j.value"
                " FROM json_each(?3) j CROSS JOIN entities e ON e.canonical_id = j.value"
                " CROSS JOIN event_mentions em ON em.location_id = e.id"
                " WHERE em.type = ?1 AND em.id != ?2)"
                " GROUP BY id) c CROSS JOIN documents d ON d.id = c.document_id",
                # Participants and place together: a place can be one report's target
                # and another's location. Countries (?4) are counted apart: weak evidence.
                (view.type, view.id,
                 _json_list(view.actors | view.items | ({view.location} if view.location else set())),
                 _json_list(view.broad)),
            ).fetchall()
            rows += _same_day_rows(self.db, view, {r[0] for r in rows})
            mine = dates.span_bounds(view.date_start, view.date_end)
            ongoing = event_matching.is_ongoing(view)
            # Reports of an ongoing event (a supply relationship) are not tied to their days.
            window = None if ongoing else event_matching.time_window(view)
            trigger_key = event_matching.trigger_key(view.trigger)
            for other, event, document, start, end, shared, specific, mode, trigger, published in rows:
                # A cheap superset of what match() accepts, so that an actor in thousands of
                # events (a country at war) costs a row each, not a full comparison each.
                when = dates.overlaps(mine, dates.span_bounds(start, end))
                if when is False:
                    continue
                if document != view.document_id:
                    theirs = event_matching.window_of(start, end, published)
                    if dates.overlaps(window, theirs) is False:
                        continue
                    if ongoing:
                        specific = shared  # its parties identify it, whole countries too
                    if not (shared >= 1 if when else shared >= 2 and specific >= 1):
                        # Too little shared to match on arguments: only a report of the same
                        # kind of event can still match on its wording.
                        if not _kin(view, trigger_key, mode, trigger):
                            continue
                    # Links chain: a report joins an event only when it can be about the days of
                    # every report already in it (else Monday's and next Monday's strikes become one
                    # through the undated reports between them).
                    if (window, event) not in fits:
                        fits[window, event] = _fits_event(self.db, window, event)
                    if not fits[window, event]:
                        continue
                judged = event_matching.match(view, view_of(other))
                if judged is None:
                    continue
                score, reason = judged
                a, b = min(eid, other), max(eid, other)
                self.db.execute(
                    "INSERT OR IGNORE INTO event_links VALUES (?, ?, ?, ?)", (a, b, score, reason)
                )
                touched.update((a, b))
        if touched:
            _recluster_events(self.db, touched)


# Rows as the event-linking query gives them (shared and specific counts 0). "+em.type": the reports
# are looked up by their day, never by their type. Without statistics SQLite may pick either index,
# and one type's reports are a fixed share of the whole ledger while one day's are a handful.
_SAME_DAY_REPORTS = (
    "SELECT em.id, em.event_id, em.document_id, em.date_start, em.date_end, 0, 0, em.mode,"
    " em.trigger_text, d.published FROM event_mentions em JOIN documents d ON d.id = em.document_id"
    " WHERE em.date_start = ? AND +em.type = ? AND em.document_id != ?"
    " AND (em.date_end IS NULL OR em.date_end = em.date_start)"
)


def _same_day_rows(
    db: sqlite3.Connection, view: event_matching.EventView, seen: set[str]
) -> list[tuple]:
    """Reports of the same type in other articles dated to the same single day, sharing no entity,
    with the same kind of trigger (see _kin).

    Two articles can name one event's parties differently ("Erdogan and al-Sudani signed" /
    "Turkey and Iraq signed"): a report of that day with the same kind of trigger can then still
    match on its wording (match decides); undated reports are too many to compare this way.
    Sharing no entity, such a report can match only on its wording, which needs that kinship: the
    others are dropped here, before the caller looks at them.
    """
    if not view.date_start or len(view.date_start) != 10 or view.date_end not in (None, view.date_start):
        return []
    trigger_key = event_matching.trigger_key(view.trigger)
    return [
        tuple(r)
        for r in db.execute(_SAME_DAY_REPORTS, (view.date_start, view.type, view.document_id))
        if r[0] not in seen and _kin(view, trigger_key, r[7], r[8])
    ]


def _kin(view: event_matching.EventView, trigger_key: str, mode: str | None, trigger: str) -> bool:
    """Whether a stored report (its mode and trigger text) names the same kind of happening as
    ``view`` (whose trigger_key is given): the same mode or the same trigger stem, as match requires
    of reports that agree only in their wording."""
    return (mode is not None and mode == view.mode) or event_matching.trigger_key(trigger) == trigger_key


def _fits_event(db: sqlite3.Connection, window: tuple[date, date] | None, event_id: str) -> bool:
    """Whether a report of these days can be about the same days as every report of the event."""
    if window is None:
        return True
    return all(
        dates.overlaps(window, event_matching.window_of(start, end, published)) is not False
        for start, end, published in db.execute(
            "SELECT em.date_start, em.date_end, d.published FROM event_mentions em"
            " JOIN documents d ON d.id = em.document_id WHERE em.event_id = ?",
            (event_id,),
        )
    )


def _other_places(a: Entity, b: Entity) -> bool:
    """Did the geocoder put two rows at different GeoNames features far apart? Then they are two
    places whatever their names say (Washington, D.C. and Washington, Nebraska)."""
    if a.geonames_id is None or b.geonames_id is None or a.geonames_id == b.geonames_id:
        return False
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return event_matching._km((a.lat, a.lon), (b.lat, b.lon)) > event_matching.SAME_PLACE_KM


def _json_list(values: frozenset[str] | set[str]) -> str:
    return json.dumps(sorted(values))


# How many look-alike rows a new entity is judged against. Rows are ranked by shared
# letter trigrams, so a transliteration variant ("Yerabuga"/"Yelabuga" share 3 of 7) is
# well inside; the cap keeps each judgement cheap however large the ledger grows.
_CANDIDATES = 40
# How many index entries one search may read. Grams are read rarest first, and a gram whose
# rows would pass this budget is skipped with all commoner ones: "an " or " al" match a
# large share of a big ledger and tell nothing, while the rare grams of a name ("zam", "mel")
# are what a spelling variant keeps. A small ledger reads every gram, as before.
_GRAM_BUDGET = 3000


def _probe_grams(db: sqlite3.Connection, grams: set[str], types: Sequence[str]) -> list[str]:
    """The grams to look up: rarest first among rows of these types, within the budget.

    The rarest gram is always read, so a row with the very same name is always found.
    """
    gram_marks = ",".join("?" * len(grams))
    type_marks = ",".join("?" * len(types))
    counts = sorted(
        (n, g)
        for g, n in db.execute(
            f"SELECT gram, sum(n) FROM name_gram_counts WHERE gram IN ({gram_marks})"
            f" AND type IN ({type_marks}) GROUP BY gram",
            (*sorted(grams), *types),
        )
        if n
    )
    probe: list[str] = []
    spent = 0
    for n, g in counts:
        if probe and spent + n > _GRAM_BUDGET:
            break
        probe.append(g)
        spent += n
    return probe


def _candidate_rows(
    db: sqlite3.Connection, eid: str, types: Sequence[str], forms: set[str]
) -> list[Entity]:
    """Rows of compatible types that share the most rare trigrams with ``forms`` (the new
    names of ``eid``: its key, its aliases), or its GeoNames id."""
    geonames_id = db.execute("SELECT geonames_id FROM entities WHERE id = ?", (eid,)).fetchone()[0]
    grams = set().union(*(key_grams(f) for f in forms if f))
    probe = _probe_grams(db, grams, types) if grams else []
    ids: list[str] = []
    if probe:
        gram_marks = ",".join("?" * len(probe))
        type_marks = ",".join("?" * len(types))
        # (gram, type) is the table's key: SQLite seeks each pair, no join, no scan.
        ids = [
            r[0]
            for r in db.execute(
                f"SELECT entity_id FROM name_grams WHERE gram IN ({gram_marks}) AND type IN ({type_marks})"
                f" AND entity_id != ? GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT {_CANDIDATES}",
                (*probe, *types, eid),
            )
        ]
    if geonames_id is not None:
        ids += [
            r[0]
            for r in db.execute(
                "SELECT id FROM entities WHERE geonames_id = ? AND id != ?", (geonames_id, eid)
            )
        ]
    if not ids:
        return []
    rows = db.execute(
        f"SELECT e.*, ({_ALIAS_TEXTS}) AS texts FROM entities e"
        " WHERE e.id IN (SELECT value FROM json_each(?)) ORDER BY e.id",
        (json.dumps(sorted(set(ids))),),
    ).fetchall()
    return [_entity_from_row(r) for r in rows]


# The distinct texts a row was written as (kept by the writer, one row per spelling).
_ALIAS_TEXTS = "SELECT json_group_array(a.text) FROM entity_aliases a WHERE a.entity_id = e.id"


def _entity_from_row(r: sqlite3.Row) -> Entity:

    texts = json.loads(r["texts"]) if "texts" in r.keys() and r["texts"] else []
    aliases = tuple(sorted({t for t in texts if t and t != r["name"]}))
    return Entity(
        id=r["id"], type=r["type"], name=r["name"], aliases=aliases, lat=r["lat"], lon=r["lon"],
        geonames_id=r["geonames_id"], country=r["country"], wikidata=r["wikidata"],
    )


def load_entity_row(db: sqlite3.Connection, eid: str) -> Entity:
    row = db.execute(f"SELECT e.*, ({_ALIAS_TEXTS}) AS texts FROM entities e WHERE e.id = ?", (eid,)).fetchone()
    if row is None:
        raise NotFoundError(f"no entity with id {eid}")
    return _entity_from_row(row)


def load_event_view(
    db: sqlite3.Connection, eid: str, document_words: dict[str, frozenset[str]] | None = None
) -> event_matching.EventView:
    """What the matcher needs of one stored event report; ``document_words`` caches each article's words."""
    em = db.execute(
        "SELECT em.*, d.published FROM event_mentions em JOIN documents d ON d.id = em.document_id"
        " WHERE em.id = ?",
        (eid,),
    ).fetchone()
    parts = db.execute(
        "SELECT p.role, e.canonical_id, c.name, c.type, c.lat, c.lon, c.country FROM event_participants p"
        " JOIN entities e ON e.id = p.entity_id JOIN entities c ON c.id = e.canonical_id"
        " WHERE p.event_mention_id = ?",
        (eid,),
    ).fetchall()
    location = None
    names = {r["canonical_id"]: r["name"] for r in parts}
    broad = {r["canonical_id"] for r in parts if r["type"] in _BROAD_TYPES}
    places = {r["canonical_id"]: _point(r) for r in parts if r["type"] == "place"}
    if em["location_id"]:
        loc = db.execute(
            "SELECT e.canonical_id, c.name, c.type, c.lat, c.lon, c.country FROM entities e"
            " JOIN entities c ON c.id = e.canonical_id WHERE e.id = ?",
            (em["location_id"],),
        ).fetchone()
        location = loc["canonical_id"]
        names[location] = loc["name"]
        if loc["type"] in _BROAD_TYPES:
            broad.add(location)
        elif loc["type"] == "place":
            places[location] = _point(loc)
    if not places:
        # The extractor did not tie a place to the event: the places its sentence names stand in,
        # so that reports of strikes on two different towns still clash.
        places = {
            r["canonical_id"]: _point(r)
            for r in db.execute(
                "SELECT DISTINCT e.canonical_id, c.lat, c.lon FROM mentions m"
                " JOIN entities e ON e.id = m.entity_id JOIN entities c ON c.id = e.canonical_id"
                " WHERE m.document_id = ? AND m.start >= ? AND m.\"end\" <= ? AND c.type = 'place'",
                (em["document_id"], em["sentence_start"], em["sentence_end"]),
            )
        }
    cache = document_words if document_words is not None else {}
    if em["document_id"] not in cache:
        text = db.execute("SELECT text FROM documents WHERE id = ?", (em["document_id"],)).fetchone()[0]
        cache[em["document_id"]] = event_matching.content_words(text)
    return event_matching.EventView(
        id=eid,
        document_id=em["document_id"],
        type=em["type"],
        date_start=em["date_start"],
        date_end=em["date_end"],
        actors=frozenset(r["canonical_id"] for r in parts if r["role"] not in _ITEM_ROLES),
        items=frozenset(r["canonical_id"] for r in parts if r["role"] in _ITEM_ROLES),
        location=location,
        names=names,
        targets=frozenset(r["canonical_id"] for r in parts if r["role"] in _TARGET_ROLES),
        trigger=em["trigger_text"],
        mode=em["mode"],
        broad=frozenset(broad),
        published=em["published"],
        sentence_words=event_matching.content_words(em["sentence_text"]),
        document_words=cache[em["document_id"]],
        places=places,
        agents=frozenset(r["canonical_id"] for r in parts if r["role"] == "agent"),
        sides=_sides_of(
            em["type"],
            [(r["role"], r["type"], r["country"]) for r in parts]
            + ([("location", loc["type"], loc["country"])] if em["location_id"] else []),
        ),
        modality=em["modality"],
    )


def event_sides(db: sqlite3.Connection, ids: Sequence[str]) -> dict[str, dict[str, frozenset[str]]]:
    """For each event report, the country codes in the roles that identify an event of its type
    (resolve.events.side_roles): its agents', origins' or recipients', and where it happened."""
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        f"SELECT em.id, em.type, p.role, c.type AS entity_type, c.country FROM event_mentions em"
        f" JOIN event_participants p ON p.event_mention_id = em.id JOIN entities e ON e.id = p.entity_id"
        f" JOIN entities c ON c.id = e.canonical_id WHERE em.id IN ({marks})"
        f" UNION ALL SELECT em.id, em.type, 'location', c.type, c.country FROM event_mentions em"
        f" JOIN entities e ON e.id = em.location_id JOIN entities c ON c.id = e.canonical_id"
        f" WHERE em.id IN ({marks})",
        (*ids, *ids),
    ).fetchall()
    by_report: dict[str, list[sqlite3.Row]] = {i: [] for i in ids}
    types = dict(db.execute(f"SELECT id, type FROM event_mentions WHERE id IN ({marks})", tuple(ids)).fetchall())
    for r in rows:
        by_report[r["id"]].append(r)
    return {
        eid: _sides_of(types.get(eid, ""), [(r["role"], r["entity_type"], r["country"]) for r in held])
        for eid, held in by_report.items()
    }


def _sides_of(type_: str, held: list[tuple[str, str, str | None]]) -> dict[str, frozenset[str]]:
    """event_sides of one report from its (role, entity type, country) rows; "location" is its place."""
    sides: dict[str, frozenset[str]] = {}
    for role in event_matching.side_roles(type_):
        if role == "where":
            location = next(((t, c) for r, t, c in held if r == "location"), None)
            targets = [(t, c) for r, t, c in held if r in _TARGET_ROLES]
            sides[role] = event_matching.where_countries(location, targets)
        else:
            roles = event_matching.PARTY_ROLES if role == "parties" else (role,)
            sides[role] = frozenset(c for r, _, c in held if r in roles and c)
    return sides


def _point(row: sqlite3.Row) -> tuple[float, float] | None:
    return (row["lat"], row["lon"]) if row["lat"] is not None and row["lon"] is not None else None


def _component(db: sqlite3.Connection, table: str, seeds: set[str]) -> set[str]:
    """Every row reachable from the seeds through links of the given table."""
    seen = set(seeds)
    frontier = list(seeds)
    while frontier:
        batch, frontier = frontier[:500], frontier[500:]
        marks = ",".join("?" * len(batch))
        for a, b in db.execute(
            f"SELECT a, b FROM {table} WHERE a IN ({marks}) OR b IN ({marks})", (*batch, *batch)
        ):
            for n in (a, b):
                if n not in seen:
                    seen.add(n)
                    frontier.append(n)
    return seen


def _recluster_entities(db: sqlite3.Connection, seeds: set[str]) -> None:
    nodes = _component(db, "entity_links", seeds)
    marks = ",".join("?" * len(nodes))
    judgements = [
        clusters.Judgement(r["a"], r["b"], r["verdict"] == "same", r["score"], r["origin"] == "user")
        for r in db.execute(
            f"SELECT * FROM entity_links WHERE a IN ({marks}) OR b IN ({marks})", (*nodes, *nodes)
        )
    ]
    # A geocoded row's point is a side: no chain of machine links may join two features far apart
    # ("Springfield" without an id must not join Springfield, Illinois to Springfield, Missouri).
    # Rows a person merged carry none, so the person's verdict is never overruled.
    merged_by_user = {n for j in judgements if j.by_user and j.same for n in (j.a, j.b)}
    points = {
        r[0]: {"point": frozenset({f"{r[1]},{r[2]}"})}
        for r in db.execute(
            f"SELECT id, lat, lon FROM entities WHERE id IN ({marks}) AND geonames_id IS NOT NULL"
            " AND lat IS NOT NULL AND lon IS NOT NULL",
            tuple(nodes),
        )
        if r[0] not in merged_by_user
    }
    for node, head in clusters.cluster(nodes, judgements, points, _far_apart).items():
        db.execute("UPDATE entities SET canonical_id = ? WHERE id = ?", (head, node))


def _far_apart(a: clusters.Sides, b: clusters.Sides) -> bool:
    """Do two groups hold geocoded places farther apart than one place can be?"""
    return any(_km_apart(p, q) > event_matching.SAME_PLACE_KM for p in a.get("point", ()) for q in b.get("point", ()))


def _km_apart(p: str, q: str) -> float:
    """Distance between two "lat,lon" points as sides hold them."""
    (lat1, lon1), (lat2, lon2) = (map(float, x.split(",")) for x in (p, q))
    return event_matching._km((lat1, lon1), (lat2, lon2))


def _recluster_events(db: sqlite3.Connection, seeds: set[str]) -> None:
    nodes = _component(db, "event_links", seeds)
    marks = ",".join("?" * len(nodes))
    judgements = [
        clusters.Judgement(r["a"], r["b"], True, r["score"], False)
        for r in db.execute(
            f"SELECT * FROM event_links WHERE a IN ({marks}) OR b IN ({marks})", (*nodes, *nodes)
        )
    ]
    # Links join reports of one type only, so one type's side roles hold for the whole component.
    sides = event_sides(db, sorted(nodes))
    types = {t for (t,) in db.execute(f"SELECT DISTINCT type FROM event_mentions WHERE id IN ({marks})", tuple(nodes))}
    type_ = next(iter(types)) if len(types) == 1 else ""
    grouped = clusters.cluster(
        nodes, judgements, sides, lambda a, b: event_matching.sides_clash(type_, a, b)
    )
    for node, head in grouped.items():
        db.execute("UPDATE event_mentions SET event_id = ? WHERE id = ?", (head, node))
