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


# -- names a row is known by: aliases reach the search across documents --

FOUNDATION_DEFINED = ("Investigators at the Anti-Corruption Foundation (FBK) published a report on a seaside "
                      "palace on Tuesday. FBK said the palace cost more than $1 billion.")
FOUNDATION_ACRONYM = ("Prosecutors in Moscow asked a court on Friday to outlaw FBK. A lawyer for FBK called the "
                      "request political.")


def _extracted(text: str) -> Extraction:
    from newsledger.extract.document import extract
    from newsledger.ingest.documents import make_document
    from newsledger.ingest.sources import RawItem

    return extract(make_document(RawItem(origin="test", text=text)))


def _org_rows(ledger: Ledger) -> dict[str, tuple[str, str]]:
    """Organisation rows by key: (id, canonical id)."""
    return {k: (i, c) for k, i, c in ledger.conn.execute(
        "SELECT key, id, canonical_id FROM entities WHERE type = 'organization'")}


@pytest.mark.parametrize("order", ["defined first", "acronym first"])
def test_an_acronym_known_only_as_an_alias_links_across_articles(ledger, order):
    defined, acronym = _extracted(FOUNDATION_DEFINED), _extracted(FOUNDATION_ACRONYM)
    for x in ([defined, acronym] if order == "defined first" else [acronym, defined]):
        ledger.add(x)
    rows = _org_rows(ledger)
    full = next(k for k in rows if "fundation" in k or "foundation" in k)
    assert "fbk" in rows and full != "fbk"  # the article with "FBK" alone made a row of its own
    assert rows["fbk"][1] == rows[full][1]  # ... which is the foundation
    reason = ledger.conn.execute("SELECT reason FROM entity_links WHERE a IN (?, ?) AND b IN (?, ?)",
                                 (rows["fbk"][0], rows[full][0]) * 2).fetchone()[0]
    assert "FBK" in reason
    # a person's split holds when both articles come again and a third, spelling the name another
    # way, brings a row that looks like both
    ledger.judge_entities(rows["fbk"][0], rows[full][0], same=False)
    other_spelling = _extracted("Lawyers for the Anti-Korruption Foundation (FBK) appealed the ruling on Wednesday.")
    for x in (defined, acronym, other_spelling):
        ledger.add(x)
    rows = _org_rows(ledger)
    assert rows["fbk"][1] != rows[full][1]
    third = next(k for k in rows if k not in ("fbk", full) and "fundation" in k)
    linked = {b if a == rows[third][0] else a for a, b in ledger.conn.execute(
        "SELECT a, b FROM entity_links WHERE origin = 'machine' AND ? IN (a, b)", (rows[third][0],))}
    assert {rows["fbk"][0], rows[full][0]} <= linked  # by its spelling it is both ...
    assert rows[third][1] in (rows["fbk"][1], rows[full][1])  # ... yet joins one side only


def _one_org(text: str, spans: list[tuple[str, str]]) -> Extraction:
    """An article whose organisation mentions (text, full name) all stand for one row keyed by the name."""
    doc = Document(id=stable_id("doc", text), text=text, outlet="Wire", published="2024-05-02",
                   published_source="metadata")
    mentions, seen = [], 0
    for surface, name in spans:
        start = text.index(surface, seen)
        seen = start + len(surface)
        mentions.append(Mention(start, seen, surface, "organization", name, name.casefold()))
    return Extraction(document=doc, mentions=tuple(mentions), sentences=((0, len(text)),))


def test_a_known_row_written_under_a_new_name_is_judged_again(ledger):
    ledger.add(_one_org("The NKVA denied the report.", [("NKVA", "NKVA")]))
    ledger.add(_one_org("The Northern Kelp Veterans Association met.", [
        ("Northern Kelp Veterans Association", "Northern Kelp Veterans Association")]))
    rows = _org_rows(ledger)
    assert rows["nkva"][1] != rows["northern kelp veterans association"][1]  # nothing says they are one
    # no new row here: the association is only written, for the first time, as "NKVA"
    ledger.add(_one_org("The Northern Kelp Veterans Association (NKVA) voted.", [
        ("Northern Kelp Veterans Association", "Northern Kelp Veterans Association"),
        ("NKVA", "Northern Kelp Veterans Association")]))
    rows = _org_rows(ledger)
    assert rows["nkva"][1] == rows["northern kelp veterans association"][1]


def test_common_grams_are_skipped_in_a_large_ledger_but_rare_ones_still_find_a_variant(ledger, monkeypatch):
    from newsledger.store import sqlite as store

    monkeypatch.setattr(store, "_GRAM_BUDGET", 40)
    # fifty bodies sharing the common grams of "... trading" and one with a rare name
    names = [f"{w} Trading" for w in ("Alpha Beta Gamma Delta Epsilon Zeta Theta Iota Kappa Lambda Sigma Omega "
                                      "Orion Vega Lyra Nova Atlas Titan Helios Apollo").split()]
    for n in names:
        ledger.add(_one_org(f"{n} filed its accounts.", [(n, n)]))
    ledger.add(_one_org("Al-Zamili Trading sold rifles.", [("Al-Zamili Trading", "Al-Zamili Trading")]))
    probe = store._probe_grams(ledger.conn, store.key_grams("al-zameli trading"), ("organization",))
    assert "ing" not in probe and "zam" in probe  # the common gram is left out, the rare one kept
    ledger.add(_one_org("Al-Zameli Trading denied it.", [("Al-Zameli Trading", "Al-Zameli Trading")]))
    rows = _org_rows(ledger)
    assert rows["al-zameli trading"][1] == rows["al-zamili trading"][1]
    assert rows["alpha trading"][1] != rows["al-zamili trading"][1]


def _place(text: str, geonames_id: int | None, lat: float | None, lon: float | None) -> Extraction:
    doc = Document(id=stable_id("doc", text), text=text, outlet="Wire", published="2024-05-02",
                   published_source="metadata")
    key = f"geonames:{geonames_id}" if geonames_id else "springfield"
    m = Mention(0, 11, "Springfield", "place", "Springfield", key, country="US", lat=lat, lon=lon,
                geonames_id=geonames_id)
    return Extraction(document=doc, mentions=(m,), sentences=((0, len(text)),))


def test_places_the_geocoder_set_far_apart_stay_apart_even_through_a_bare_name(ledger):
    ledger.add(_place("Springfield voted on the budget.", 101, 39.80, -89.64))
    ledger.add(_place("Springfield opened a new bridge.", 202, 37.21, -93.29))
    ledger.add(_place("Springfield was hit by a storm.", None, None, None))
    rows = dict(ledger.conn.execute("SELECT key, canonical_id FROM entities"))
    assert rows["geonames:101"] != rows["geonames:202"]  # two towns of one name
    assert rows["springfield"] in (rows["geonames:101"], rows["geonames:202"])  # the bare name joins one
    a, b = (ledger.conn.execute("SELECT id FROM entities WHERE key = ?", (k,)).fetchone()[0]
            for k in ("geonames:101", "geonames:202"))
    ledger.judge_entities(a, b, same=True)  # a person may still say they are one
    rows = dict(ledger.conn.execute("SELECT key, canonical_id FROM entities"))
    assert rows["geonames:101"] == rows["geonames:202"]


def test_the_name_index_migration_indexes_aliases_of_rows_stored_before_it(tmp_path):
    path = tmp_path / "old.db"
    with Ledger(path) as led:
        led.add(_one_org("The Northern Kelp Veterans Association (NKVA) voted.", [
            ("Northern Kelp Veterans Association", "Northern Kelp Veterans Association"),
            ("NKVA", "Northern Kelp Veterans Association")]))
        # as a ledger written before migration 0005 was: no aliases, no name index
        for table in ("name_grams", "name_gram_counts", "entity_aliases"):
            led.conn.execute(f"DELETE FROM {table}")
        led.conn.execute("DELETE FROM migrations WHERE name = '0005_name_index'")
    with Ledger(path) as led:
        assert led.conn.execute("SELECT count(*) FROM name_grams WHERE gram = 'nkv'").fetchone()[0] == 1
        led.add(_one_org("The NKVA denied the report.", [("NKVA", "NKVA")]))
        rows = _org_rows(led)
        assert rows["nkva"][1] == rows["northern kelp veterans association"][1]


# -- event reports of one day: found by their day, compared once per add --

def _signings(text: str, published: str, pacts: list[tuple[str, str, str, list[tuple[str, str]]]]) -> Extraction:
    """An article of agreement reports, one a sentence: (sentence, trigger, day, [(party, type)]) each."""
    doc = Document(id=stable_id("doc", text), text=text, outlet="Wire", published=published,
                   published_source="metadata")
    mentions: list[Mention] = []
    times: list[TimeExpr] = []
    events: list[EventRecord] = []
    sentences: list[tuple[int, int]] = []
    for sentence, trigger, day, parties in pacts:
        s0 = text.index(sentence)
        roles = []
        for name, type_ in parties:
            start = text.index(name, s0)
            mentions.append(Mention(start, start + len(name), name, type_, name, name.casefold()))
            roles.append(Participant("agent" if not roles else "partner", len(mentions) - 1))
        d0 = text.index("May", s0)
        times.append(TimeExpr(d0, d0 + len("May 6, 2024"), text[d0:d0 + len("May 6, 2024")], day))
        t0 = text.index(trigger, s0)
        events.append(EventRecord(
            type="agreement", plover="AGREE", mode=None, modality="occurred",
            trigger=Evidence("", t0, t0 + len(trigger), trigger),
            sentence=Evidence("", s0, s0 + len(sentence), sentence),
            participants=tuple(roles), time=len(times) - 1))
        sentences.append((s0, s0 + len(sentence)))
    return Extraction(document=doc, mentions=tuple(mentions), times=tuple(times), events=tuple(events),
                      sentences=tuple(sentences))


PACT_BY_COUNTRIES = "Norland and Suvia signed a fisheries pact on May 6, 2024, ending a long dispute over quotas."
PACT_BY_LEADERS = "Ana Lund and Ivo Sarr signed a fisheries pact on May 6, 2024, ending a long dispute over quotas."
ACCORD_EXTENDED = "Kelland and Orvia extended a mining accord on May 6, 2024, after talks on lithium."
PACT_NEXT_DAY = "Tarsk and Velmar signed a fisheries pact on May 7, 2024, ending a long dispute over quotas."


def test_a_report_of_one_day_is_compared_with_that_days_reports_of_its_kind_only(ledger):
    from newsledger.store import sqlite as store

    countries = [("Norland", "country"), ("Suvia", "country")]
    ledger.add(_signings(PACT_BY_COUNTRIES, "2024-05-07", [(PACT_BY_COUNTRIES, "signed", "2024-05-06", countries)]))
    ledger.add(_signings(ACCORD_EXTENDED, "2024-05-07",
                         [(ACCORD_EXTENDED, "extended", "2024-05-06", [("Kelland", "country"), ("Orvia", "country")])]))
    ledger.add(_signings(PACT_NEXT_DAY, "2024-05-08",
                         [(PACT_NEXT_DAY, "signed", "2024-05-07", [("Tarsk", "country"), ("Velmar", "country")])]))
    leaders = _signings(PACT_BY_LEADERS, "2024-05-07",
                        [(PACT_BY_LEADERS, "signed", "2024-05-06", [("Ana Lund", "person"), ("Ivo Sarr", "person")])])
    ledger.add(leaders)
    ids = dict(ledger.conn.execute(
        "SELECT em.sentence_text, em.id FROM event_mentions em").fetchall())
    view = store.load_event_view(ledger.conn, ids[PACT_BY_LEADERS])
    # sharing no entity, of that day and with the same trigger: only the pact named by its countries
    assert [r[0] for r in store._same_day_rows(ledger.conn, view, set())] == [ids[PACT_BY_COUNTRIES]]
    event_of = dict(ledger.conn.execute("SELECT sentence_text, event_id FROM event_mentions").fetchall())
    assert event_of[PACT_BY_LEADERS] == event_of[PACT_BY_COUNTRIES]  # its wording joins it
    assert event_of[ACCORD_EXTENDED] != event_of[PACT_BY_COUNTRIES]
    assert event_of[PACT_NEXT_DAY] != event_of[PACT_BY_COUNTRIES]
    # looked up by the day's index, not by the type's (a fixed share of a growing ledger)
    plan = " ".join(r[3] for r in ledger.conn.execute(
        "EXPLAIN QUERY PLAN " + store._SAME_DAY_REPORTS, ("2024-05-06", "agreement", "doc")))
    assert "event_mentions_date" in plan and "event_mentions_type" not in plan


def test_one_add_reads_each_stored_report_it_compares_once(ledger, monkeypatch):
    from collections import Counter

    from newsledger.store import sqlite as store

    countries = [("Norland", "country"), ("Suvia", "country")]
    ledger.add(_signings(PACT_BY_COUNTRIES, "2024-05-07", [(PACT_BY_COUNTRIES, "signed", "2024-05-06", countries)]))
    first = "Norland and Suvia signed a fisheries pact on May 6, 2024, the ministry said."
    second = "Suvia and Norland signed a fisheries pact on May 6, 2024, ending talks."
    loaded: Counter[str] = Counter()
    original = store.load_event_view

    def counting(db, eid, words=None):
        loaded[eid] += 1
        return original(db, eid, words)

    monkeypatch.setattr(store, "load_event_view", counting)
    ledger.add(_signings(f"{first} {second}", "2024-05-07", [
        (first, "signed", "2024-05-06", countries), (second, "signed", "2024-05-06", [c for c in reversed(countries)])]))
    stored = ledger.conn.execute(
        "SELECT id FROM event_mentions WHERE sentence_text = ?", (PACT_BY_COUNTRIES,)).fetchone()[0]
    assert loaded[stored] == 1 and max(loaded.values()) == 1  # both new reports compared with it, read once
    assert len({e for (e,) in ledger.conn.execute("SELECT event_id FROM event_mentions")}) == 1


def test_a_side_that_acts_in_one_report_is_not_also_listed_as_partner(ledger):
    from newsledger.query import records

    forward = _signings(PACT_BY_COUNTRIES, "2024-05-07",
                        [(PACT_BY_COUNTRIES, "signed", "2024-05-06", [("Norland", "country"), ("Suvia", "country")])])
    told_back = "Suvia and Norland signed a fisheries pact on May 6, 2024, their ministries said."
    backward = _signings(told_back, "2024-05-07",
                         [(told_back, "signed", "2024-05-06", [("Suvia", "country"), ("Norland", "country")])])
    ledger.add(forward)
    ledger.add(backward)
    (event,) = records.events(ledger.conn)
    assert sorted((p["role"], p["name"]) for p in event["participants"]) == [("agent", "Norland"), ("agent", "Suvia")]
