"""Corroboration and contradiction between claims, on hand-built extractions (no model involved)."""

from __future__ import annotations

import pytest

from newsledger.model import (
    ClaimRecord,
    Document,
    EventRecord,
    Evidence,
    Extraction,
    Mention,
    Participant,
    Quantity,
    TimeExpr,
    stable_id,
)
from newsledger.query.contradictions import relations
from newsledger.store.sqlite import Ledger


def _report(text: str, outlet: str, *, seller: str, buyer: str, stance: str = "reports",
            claimant: str | None = None, count: int | None = None, date: str | None = None,
            date_text: str | None = None) -> Extraction:
    """One sentence reporting (or denying) a transfer from seller to buyer."""
    def mention(needle: str, type_: str) -> Mention:
        start = text.index(needle)
        return Mention(start, start + len(needle), needle, type_, needle, needle.casefold())

    mentions = [mention(seller, "country"), mention(buyer, "country")]
    claimant_index = None
    if claimant:
        mentions.append(mention(claimant, "person"))
        claimant_index = 2
    times: tuple[TimeExpr, ...] = ()
    if date and date_text:
        start = text.index(date_text)
        times = (TimeExpr(start, start + len(date_text), date_text, date),)
    quantities: tuple[Quantity, ...] = ()
    if count is not None:
        start = text.index(f"{count:,}")
        quantities = (Quantity(count, "shell", start, start + len(f"{count:,}"), f"{count:,}"),)
    trigger_word = next(w for w in ("sold", "selling", "supplied", "sent") if w in text)
    t0 = text.index(trigger_word)
    sentence = Evidence("", 0, len(text), text)
    event = EventRecord(
        type="transfer", plover="AID", mode="sale", modality="occurred",
        trigger=Evidence("", t0, t0 + len(trigger_word), trigger_word), sentence=sentence,
        participants=(Participant("agent", 0), Participant("recipient", 1)),
        time=0 if times else None, quantities=quantities,
    )
    claim = ClaimRecord(sentence=sentence, stance=stance, hedged=False,  # type: ignore[arg-type]
                        claimant=claimant_index, events=(0,))
    doc = Document(id=stable_id("doc", text), text=text, outlet=outlet, published="2024-06-01",
                   published_source="metadata")
    return Extraction(document=doc, mentions=tuple(mentions), times=times, events=(event,),
                      claims=(claim,), sentences=((0, len(text)),))


@pytest.fixture
def ledger(tmp_path):
    with Ledger(tmp_path / "c.db") as led:
        yield led


def test_denial_contradicts_the_reports_it_covers(ledger):
    ledger.add(_report("Eastland sold 5,000 shells to Westland in May 2024, officials said.", "Wire A",
                       seller="Eastland", buyer="Westland", count=5000, date="2024-05", date_text="May 2024"))
    ledger.add(_report("Minister Ana Vale said Eastland never sold arms to Westland.", "Wire B",
                       seller="Eastland", buyer="Westland", stance="denies", claimant="Ana Vale"))
    found = relations(ledger.conn)
    assert [r["type"] for r in found] == ["contradicts"]
    reason = found[0]["reason"]
    assert "Wire A reports a sale" in reason and "on 2024-05" in reason
    assert "Ana Vale (in Wire B) denies it" in reason


def test_conflicting_figures_contradict_and_agreeing_ones_corroborate(ledger):
    ledger.add(_report("Eastland sold 5,000 shells to Westland in May 2024.", "Wire A",
                       seller="Eastland", buyer="Westland", count=5000, date="2024-05", date_text="May 2024"))
    ledger.add(_report("Eastland sold 9,000 shells to Westland in May 2024.", "Wire B",
                       seller="Eastland", buyer="Westland", count=9000, date="2024-05", date_text="May 2024"))
    ledger.add(_report("In May 2024 Eastland sold 5,000 shells to Westland.", "Wire C",
                       seller="Eastland", buyer="Westland", count=5000, date="2024-05", date_text="May 2024"))
    found = {(r["type"], r["reason"]) for r in relations(ledger.conn)}
    kinds = sorted(k for k, _ in found)
    assert kinds == ["contradicts", "contradicts", "corroborates"]
    assert any("5,000 shell" in reason and "9,000 shell" in reason for _, reason in found)
    assert any(k == "corroborates" and "independently" in reason for k, reason in found)


def test_another_day_is_another_event(ledger):
    ledger.add(_report("Eastland sold 5,000 shells to Westland on 3 May 2024.", "Wire A",
                       seller="Eastland", buyer="Westland", count=5000, date="2024-05-03",
                       date_text="3 May 2024"))
    ledger.add(_report("Eastland sold 9,000 shells to Westland on 20 May 2024.", "Wire B",
                       seller="Eastland", buyer="Westland", count=9000, date="2024-05-20",
                       date_text="20 May 2024"))
    assert relations(ledger.conn) == []
    assert ledger.conn.execute("SELECT count(DISTINCT event_id) FROM event_mentions").fetchone()[0] == 2


def test_the_same_outlet_does_not_corroborate_itself(ledger):
    ledger.add(_report("Eastland sold 5,000 shells to Westland in May 2024.", "Wire A",
                       seller="Eastland", buyer="Westland", count=5000, date="2024-05", date_text="May 2024"))
    ledger.add(_report("In May 2024, Eastland sold 5,000 shells to Westland.", "Wire A",
                       seller="Eastland", buyer="Westland", count=5000, date="2024-05", date_text="May 2024"))
    assert relations(ledger.conn) == []


def _attacks(text: str, pairs: list[tuple[str, str, str]]) -> Extraction:
    """One article with several attack reports: (trigger, attacker, target) each."""
    mentions: list[Mention] = []
    events = []
    sentence = Evidence("", 0, len(text), text)

    def index(needle: str, type_: str) -> int:
        start = text.index(needle)
        for i, m in enumerate(mentions):
            if m.text == needle:
                return i
        mentions.append(Mention(start, start + len(needle), needle, type_, needle, needle.casefold()))
        return len(mentions) - 1

    for trigger, attacker, target in pairs:
        t0 = text.index(trigger)
        events.append(EventRecord(
            type="attack", plover="ASSAULT", mode="strike", modality="occurred",
            trigger=Evidence("", t0, t0 + len(trigger), trigger), sentence=sentence,
            participants=(Participant("agent", index(attacker, "country")),
                          Participant("target", index(target, "place"))),
        ))
    doc = Document(id=stable_id("doc", text), text=text, outlet="Wire", published="2024-06-01",
                   published_source="metadata")
    return Extraction(document=doc, mentions=tuple(mentions), events=tuple(events),
                      sentences=((0, len(text)),))


def test_one_article_naming_a_strike_twice_gives_one_event(ledger):
    text = "Northia struck Porton overnight; the raid on Porton by Northia left the pier burning."
    ledger.add(_attacks(text, [("struck", "Northia", "Porton"), ("raid", "Northia", "Porton")]))
    assert ledger.conn.execute("SELECT count(DISTINCT event_id) FROM event_mentions").fetchone()[0] == 1


def test_one_article_with_two_strikes_by_one_army_keeps_both(ledger):
    text = "Northia struck Porton at dawn and Northia shelled Bayville an hour later."
    ledger.add(_attacks(text, [("struck", "Northia", "Porton"), ("shelled", "Northia", "Bayville")]))
    assert ledger.conn.execute("SELECT count(DISTINCT event_id) FROM event_mentions").fetchone()[0] == 2


def test_a_place_as_target_in_one_report_and_location_in_another_is_shared():
    from newsledger.resolve.events import EventView, match

    names = {"r": "Northia", "p": "Porton"}
    struck = EventView("evt-a", "doc-a", "attack", None, None, frozenset({"r", "p"}), frozenset(), None, names)
    at = EventView("evt-b", "doc-b", "attack", "2024-05-02", None, frozenset({"r"}), frozenset(), "p", names)
    judged = match(struck, at)
    assert judged is not None and "same place as target Porton" in judged[1]
    elsewhere = EventView("evt-c", "doc-c", "attack", "2024-05-02", None, frozenset({"r"}), frozenset(), "q", names)
    assert match(struck, elsewhere) is None  # only the attacker in common, and no date to confirm it


_CODES = {"Peru": "PE", "Chile": "CL", "Bolivia": "BO"}


def _claimed_transfer(text: str, outlet: str, *, origin: str | None, recipient: str | None,
                      stance: str = "reports", claimant: tuple[str, str, str | None] | None = None,
                      modality: str = "occurred", count: int | None = None) -> Extraction:
    """One sentence about a transfer between real countries (so that each side has a country code).

    ``claimant`` is (text, entity type, country code) of who says it; None: the outlet.
    """
    mentions: list[Mention] = []
    participants = []

    def mention(needle: str, type_: str, country: str | None) -> int:
        start = text.index(needle)
        mentions.append(Mention(start, start + len(needle), needle, type_, needle, needle.casefold(),
                                country=country))
        return len(mentions) - 1

    for role, name in (("origin", origin), ("recipient", recipient)):
        if name:
            participants.append(Participant(role, mention(name, "country", _CODES[name])))
    speaker = mention(claimant[0], claimant[1], claimant[2]) if claimant else None
    quantities: tuple[Quantity, ...] = ()
    if count is not None:
        start = text.index(f"{count:,}")
        quantities = (Quantity(count, "shell", start, start + len(f"{count:,}"), f"{count:,}"),)
    trigger_word = next(w for w in ("sold", "sell") if w in text)
    t0 = text.index(trigger_word)
    sentence = Evidence("", 0, len(text), text)
    event = EventRecord(type="transfer", plover="COOPERATE", mode="sale", modality=modality,  # type: ignore[arg-type]
                        trigger=Evidence("", t0, t0 + len(trigger_word), trigger_word), sentence=sentence,
                        participants=tuple(participants), quantities=quantities)
    claim = ClaimRecord(sentence=sentence, stance=stance, hedged=False,  # type: ignore[arg-type]
                        claimant=speaker, events=(0,))
    doc = Document(id=stable_id("doc", text), text=text, outlet=outlet, published="2024-06-01",
                   published_source="metadata")
    return Extraction(document=doc, mentions=tuple(mentions), events=(event,), claims=(claim,),
                      sentences=((0, len(text)),))


def _between(ledger: Ledger, kind: str) -> set[frozenset[str]]:
    """The outlets of the two claims of every relation of this kind."""
    outlet = dict(ledger.conn.execute(
        "SELECT c.id, d.outlet FROM claims c JOIN documents d ON d.id = c.document_id").fetchall())
    return {frozenset({outlet[r["a"]], outlet[r["b"]]}) for r in relations(ledger.conn) if r["type"] == kind}


def test_a_denial_naming_one_side_covers_only_events_where_that_side_stands(ledger):
    ledger.add(_claimed_transfer("Peru sold 4,000 shells to Chile, officials said.", "Wire A",
                                 origin="Peru", recipient="Chile", count=4000))
    ledger.add(_claimed_transfer("Chile sold 2,000 shells to Bolivia, officials said.", "Wire B",
                                 origin="Chile", recipient="Bolivia", count=2000))
    ledger.add(_claimed_transfer("Minister Ana Vale said Chile has never sold shells abroad.", "Wire C",
                                 origin="Chile", recipient=None, stance="denies",
                                 claimant=("Ana Vale", "person", None)))
    # Chile denies selling: that is about its sale to Bolivia, not about its purchase from Peru.
    assert _between(ledger, "contradicts") == {frozenset({"Wire B", "Wire C"})}


def test_one_government_speaking_twice_is_not_two_independent_sources(ledger):
    for outlet, speaker in (("Wire A", ("Chile", "country", "CL")),
                            ("Wire B", ("The Chilean Navy", "organization", "CL")),
                            ("Wire C", ("Ana Vale", "person", None))):
        ledger.add(_claimed_transfer(f"{speaker[0]} said Peru sold 4,000 shells to Bolivia.", outlet,
                                     origin="Peru", recipient="Bolivia", stance="asserts", claimant=speaker,
                                     count=4000))
    assert _between(ledger, "corroborates") == {frozenset({"Wire A", "Wire C"}), frozenset({"Wire B", "Wire C"})}


def test_a_report_that_it_did_not_happen_contradicts_and_a_plan_is_not_compared(ledger):
    ledger.add(_claimed_transfer("Peru sold 4,000 shells to Chile, officials said.", "Wire A",
                                 origin="Peru", recipient="Chile", count=4000))
    ledger.add(_claimed_transfer("Peru has never sold shells to Chile, the minister said.", "Wire B",
                                 origin="Peru", recipient="Chile", stance="asserts", modality="negated"))
    ledger.add(_claimed_transfer("Peru will sell 9,000 shells to Chile next year.", "Wire C",
                                 origin="Peru", recipient="Chile", modality="planned", count=9000))
    assert _between(ledger, "contradicts") == {frozenset({"Wire A", "Wire B"})}
    assert _between(ledger, "corroborates") == set()
    reason = next(r["reason"] for r in relations(ledger.conn))
    assert "Wire A reports a sale involving Chile, Peru" in reason and "denies it" in reason
