"""Cross-document event matching: one real event reported twice is one event; look-alikes stay apart.

The first tests judge hand-built views with resolve.events.match (no model); the last ones ingest
short reports through the whole pipeline and read the ledger's events back.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from newsledger.resolve.events import EventView, content_words, match, trigger_key

ODESA = (46.4857, 30.7438)
ODESA_PORT_DISTRICT = (46.4960, 30.7300)
KHARKIV = (49.9808, 36.2527)
NAMES = {"ru": "Russia", "ua": "Ukraine", "od": "Odesa", "odp": "Odesa port", "kh": "Kharkiv"}


def _view(eid: str, doc: str, sentence: str, *, trigger: str, actors: set[str], date: str | None = None,
          published: str | None = "2024-03-06", places: dict[str, tuple[float, float]] | None = None,
          location: str | None = None, article: str = "", mode: str | None = "strike") -> EventView:
    return EventView(
        id=eid, document_id=doc, type="attack", date_start=date, date_end=None,
        actors=frozenset(actors), items=frozenset(), location=location, names=NAMES,
        targets=frozenset(actors - {"ru"}), trigger=trigger, mode=mode,
        broad=frozenset(actors & {"ru", "ua"}), published=published,
        sentence_words=content_words(sentence), document_words=content_words(sentence + " " + article),
        places=dict(places or {}),
    )


def test_same_actors_on_different_dates_stay_apart():
    a = _view("e1", "d1", "Russian drones struck Odesa, damaging warehouses.", trigger="struck",
              actors={"ru", "od"}, date="2024-03-05", places={"od": ODESA})
    b = _view("e2", "d2", "Russian drones struck Odesa, damaging warehouses.", trigger="struck",
              actors={"ru", "od"}, date="2024-03-09", places={"od": ODESA})
    assert match(a, b) is None
    same_day = _view("e3", "d3", "Russia attacked Odesa with drones.", trigger="attacked",
                     actors={"ru", "od"}, date="2024-03-05", places={"od": ODESA})
    judged = match(a, same_day)
    assert judged is not None and "shared actors Odesa, Russia" in judged[1]


def test_different_places_stay_apart_and_a_place_nearby_agrees():
    odesa = _view("e1", "d1", "Russian drones struck Odesa on March 5.", trigger="struck",
                  actors={"ru", "od"}, date="2024-03-05", places={"od": ODESA})
    kharkiv = _view("e2", "d2", "Russian drones struck Kharkiv on March 5.", trigger="struck",
                    actors={"ru", "kh"}, date="2024-03-05", places={"kh": KHARKIV})
    assert match(odesa, kharkiv) is None  # same attacker, same day, same words: another town
    port = _view("e3", "d3", "Russian drones hit the port on March 5.", trigger="hit", actors={"ru"},
                 date="2024-03-05", location="odp", places={"odp": ODESA_PORT_DISTRICT})
    assert match(odesa, port) is not None  # a district of the city is not another place


def test_undated_reports_sharing_only_countries_stay_apart():
    grid = _view("e1", "d1", "Russia launched a massive missile strike on Ukraine's energy grid, cutting power "
                 "to millions of homes.", trigger="strike", actors={"ru", "ua"})
    village = _view("e2", "d2", "Russia carried out a drone strike on a Ukrainian border village, killing a "
                    "farmer and wounding his son.", trigger="strike", actors={"ru", "ua"})
    assert match(grid, village) is None


def test_undated_reports_worded_alike_join_unless_published_weeks_apart():
    text_a = "Russia launched a massive missile strike on Ukraine's energy grid, cutting power to millions of homes."
    text_b = "A massive Russian missile strike on the Ukrainian energy grid cut power to millions of homes."
    a = _view("e1", "d1", text_a, trigger="strike", actors={"ru", "ua"})
    b = _view("e2", "d2", text_b, trigger="strike", actors={"ru", "ua"})
    judged = match(a, b)
    assert judged is not None and "worded alike" in judged[1]
    later = _view("e3", "d3", text_a, trigger="strike", actors={"ru", "ua"}, published="2024-04-30")
    assert match(a, later) is None  # the same words weeks later: another strike


def test_the_same_kind_of_trigger_joins_different_words():
    a = _view("e1", "d1", "Russian missiles struck the energy grid overnight, cutting power to millions of "
              "homes.", trigger="struck", actors={"ru", "ua"})
    b = _view("e2", "d2", "Russian missiles hit the energy grid overnight and cut power to millions of homes.",
              trigger="hit", actors={"ru", "ua"})
    judged = match(a, b)
    assert judged is not None and "same mode strike" in judged[1]
    no_mode = _view("e3", "d3", "Russian missiles hit the energy grid overnight and cut power to millions of "
                    "homes.", trigger="hit", actors={"ru", "ua"}, mode=None)
    assert match(a, no_mode) is None  # same type alone, two countries: not enough


def test_trigger_keys_and_content_words():
    assert trigger_key("attacked") == trigger_key("attacks") == trigger_key("attacking") == "attack"
    assert trigger_key("shelling") == trigger_key("shelled") == "shell"
    assert trigger_key("evacuation") == trigger_key("evacuated")
    assert trigger_key("pulled out") == trigger_key("pull")
    assert content_words("The strikes hit Odesa's port and the ports of Izmail") == {"strik", "hit", "odesa", "port",
                                                                                      "izmail"}


# --- through the pipeline ----------------------------------------------------------------------------------


def _ingest_ledger(tmp_path: Path, reports: list[tuple[str, str, str]]) -> Path:
    """Ingest (outlet, published, text) records as one JSON Lines file into a new ledger; its path."""
    import newsledger

    source = tmp_path / "reports.jsonl"
    source.write_text("\n".join(
        json.dumps({"text": text, "published": published, "outlet": outlet,
                    "url": f"https://example.org/{i}"})
        for i, (outlet, published, text) in enumerate(reports)
    ), encoding="utf-8")
    db = tmp_path / "ledger.db"
    assert newsledger.ingest([str(source)], db=db).ok
    return db


def _ingest(tmp_path: Path, reports: list[tuple[str, str, str]]) -> dict[str, str]:
    """Ingest (outlet, published, text) records; outlet -> the event id of its (single) event report."""
    with sqlite3.connect(_ingest_ledger(tmp_path, reports)) as conn:
        rows = conn.execute(
            "SELECT d.outlet, em.event_id FROM event_mentions em JOIN documents d ON d.id = em.document_id"
        ).fetchall()
    events: dict[str, str] = {}
    for outlet, event in rows:
        assert outlet not in events, f"{outlet}: more than one event report"
        events[outlet] = event
    assert set(events) == {outlet for outlet, _, _ in reports}
    return events


def test_ingest_joins_one_strike_told_differently_and_keeps_another_town_apart(tmp_path):
    events = _ingest(tmp_path, [
        ("Wire A", "2024-03-06", "Russian drones struck the port of Odesa on March 5, 2024, damaging warehouses, "
                                 "the governor said."),
        ("Wire B", "2024-03-06", "Russian drones struck the city of Kharkiv on March 5, 2024, damaging "
                                 "warehouses, the governor said."),
        ("Wire C", "2024-03-06", "On March 5, 2024, Russia attacked the port of Odesa with drones and set "
                                 "warehouses on fire, officials said."),
    ])
    assert events["Wire A"] == events["Wire C"]
    assert events["Wire B"] != events["Wire A"]


def test_ingest_keeps_undated_strikes_that_share_only_countries_apart(tmp_path):
    events = _ingest(tmp_path, [
        ("Wire A", "2024-03-22", "Russia launched a massive missile strike on Ukraine's energy grid, cutting "
                                 "power to millions of homes in the capital and the west, the energy ministry said."),
        ("Wire B", "2024-03-22", "A massive Russian missile strike on the Ukrainian energy grid cut power to "
                                 "millions of homes in the capital and the west, officials said."),
        ("Wire C", "2024-03-23", "Russia carried out a drone strike on a Ukrainian border village, killing a "
                                 "farmer and wounding his son, police said."),
        ("Wire D", "2024-04-30", "Russia launched a missile strike on Ukraine's energy grid, cutting power to "
                                 "homes in the capital, the energy ministry said."),
    ])
    assert events["Wire A"] == events["Wire B"]
    assert len({events["Wire A"], events["Wire C"], events["Wire D"]}) == 3


def test_side_remarks_in_two_articles_about_one_story_stay_apart():
    story = ("Russian drones attacked the Danube port overnight, setting fuel depots on fire and injuring "
             "two workers, the regional governor said; grain exports through the port were halted.")
    a = _view("e1", "d1", "The president called on partners to provide more air defence systems.",
              trigger="provide", actors={"ua"}, mode="supply", article=story)
    b = _view("e2", "d2", "The ministry said the depots were supplying troops in the south.",
              trigger="supplying", actors={"ua"}, mode="supply", article=story)
    assert match(a, b) is None  # the articles read alike, the two sentences do not
    c = _view("e3", "d3", "The president called on partners to supply more air defence systems.",
              trigger="supply", actors={"ua"}, mode="supply", article=story)
    assert match(a, c) is not None


def _undated_strike(published: str, outlet: str):
    """A hand-built extraction: one undated strike by Russia on Ukraine, worded like every other one."""
    from newsledger.model import Document, EventRecord, Evidence, Extraction, Mention, Participant, stable_id

    text = f"Russia launched a missile strike on Ukraine overnight, damaging homes, {outlet} reported."

    def mention(needle: str) -> Mention:
        start = text.index(needle)
        return Mention(start, start + len(needle), needle, "country", needle, needle.casefold())

    at = text.index("strike")
    sentence = Evidence("", 0, len(text), text)
    event = EventRecord(type="attack", plover="ASSAULT", mode="strike", modality="occurred",
                        trigger=Evidence("", at, at + len("strike"), "strike"), sentence=sentence,
                        participants=(Participant("agent", 0), Participant("target", 1)))
    doc = Document(id=stable_id("doc", text), text=text, outlet=outlet, published=published,
                   published_source="metadata")
    return Extraction(document=doc, mentions=(mention("Russia"), mention("Ukraine")), events=(event,),
                      sentences=((0, len(text)),))


def test_undated_look_alikes_do_not_chain_into_one_event_over_weeks(tmp_path):
    from newsledger.store.sqlite import Ledger

    days = {"Wire A": "2024-05-01", "Wire B": "2024-05-06", "Wire C": "2024-05-11", "Wire D": "2024-05-16"}
    with Ledger(tmp_path / "ledger.db") as ledger:
        for outlet, published in days.items():
            ledger.add(_undated_strike(published, outlet))
        event_of = dict(ledger.conn.execute(
            "SELECT d.outlet, em.event_id FROM event_mentions em JOIN documents d ON d.id = em.document_id"
        ).fetchall())
    # Each report can be about the days of the one before it, but May 1 and May 11 are not one strike.
    assert event_of["Wire A"] == event_of["Wire B"]
    assert event_of["Wire C"] == event_of["Wire D"]
    assert event_of["Wire A"] != event_of["Wire C"]


def test_an_undated_transfer_is_told_by_its_parties_but_an_undated_strike_by_its_days():
    def transfer(eid: str, sentence: str, trigger: str, mode: str, published: str) -> EventView:
        return EventView(id=eid, document_id=eid, type="transfer", date_start=None, date_end=None,
                         actors=frozenset({"kp", "ru"}), items=frozenset(), location=None,
                         names={"kp": "North Korea", "ru": "Russia"}, trigger=trigger, mode=mode,
                         broad=frozenset({"kp", "ru"}), published=published,
                         sentence_words=content_words(sentence), document_words=content_words(sentence))

    shipped = transfer("t1", "North Korea has shipped artillery shells to Russia.", "shipped", "delivery",
                       "2023-10-12")
    received = transfer("t2", "A lawmaker admitted that Russia received shells from North Korea.", "received",
                        "purchase", "2024-05-20")
    assert match(shipped, received) is not None  # both parties of one supply relationship
    first = _view("e1", "d1", "Russian drones struck Odesa, damaging the port.", trigger="struck",
                  actors={"ru", "od"}, published="2024-03-01", places={"od": ODESA})
    months_later = _view("e2", "d2", "Russian drones struck Odesa, damaging the port.", trigger="struck",
                         actors={"ru", "od"}, published="2024-05-01", places={"od": ODESA})
    assert match(first, months_later) is None


def _deal(eid: str, sentence: str, actors: set[str], *, type_: str = "agreement", targets: set[str] = frozenset(),
          items: set[str] = frozenset(), doc: str = "d1") -> EventView:
    names = {"tr": "Turkey", "qa": "Qatar", "eg": "Egypt", "dr": "Bayraktar TB2", "ms": "Roketsan missile"}
    return EventView(id=eid, document_id=doc, type=type_, date_start=None, date_end=None,
                     actors=frozenset(actors), items=frozenset(items), location=None, names=names,
                     targets=frozenset(targets), trigger="deal", mode=None, broad=frozenset(actors),
                     published="2024-03-06", sentence_words=content_words(sentence),
                     document_words=content_words(sentence))


def test_one_article_joins_an_ongoing_event_told_twice_by_its_parties_only():
    pact = _deal("a1", "After the Turkey-Qatar drone deal came to light, prices rose.", {"tr", "qa"})
    again = _deal("a2", "The plant is part of a $2 billion arms deal between Ankara and Doha.", {"tr", "qa"})
    judged = match(pact, again)
    assert judged is not None and "same parties Qatar, Turkey" in judged[1]
    assert match(pact, _deal("a3", "Egypt signed a deal with Qatar.", {"eg", "qa"})) is None  # other parties
    assert match(pact, _deal("a4", "Turkey signed a deal.", {"tr"})) is None  # one party alone is many deals
    # deals on different goods are two deals; a supply one way and a supply the other way are two flows
    drones = _deal("a5", "Turkey and Qatar signed a drone deal.", {"tr", "qa"}, items={"dr"})
    missiles = _deal("a6", "Turkey and Qatar signed a missile deal.", {"tr", "qa"}, items={"ms"})
    assert match(drones, missiles) is None and match(pact, drones) is not None
    one_way = _deal("t1", "Turkey sold drones to Qatar.", {"tr", "qa"}, type_="transfer", targets={"qa"}, items={"dr"})
    other_way = _deal("t2", "Qatar sold drones to Turkey.", {"tr", "qa"}, type_="transfer", targets={"tr"}, items={"dr"})
    assert match(one_way, other_way) is None
    assert match(one_way, _deal("t4", "Qatar bought drones from Turkey.", {"tr", "qa"}, type_="transfer",
                                targets={"qa"}, items={"dr"})) is not None
    # attacks keep the old rule: one army's strikes in one article are not joined by their attacker
    strike = _view("s1", "d1", "Russia struck Ukraine.", trigger="struck", actors={"ru", "ua"}, mode="strike")
    strike2 = _view("s2", "d1", "Russia struck Ukraine again.", trigger="struck", actors={"ru", "ua"}, mode="strike")
    assert match(strike, strike2) is not None  # a shared target still joins them ...
    lone = _view("s3", "d1", "Russia fired.", trigger="fired", actors={"ru"}, mode="strike")
    assert match(strike, lone) is None  # ... the attacker alone never does
    # in two articles the ordinary cross-document rules still decide
    assert match(pact, _deal("b1", "A deal between Turkey and Qatar.", {"tr", "qa"}, doc="d2")) is not None


def test_in_one_article_a_shared_country_joins_only_reports_of_the_same_kind():
    """'drones hit Izmail ... Moscow has also shelled Ukraine's ports': two happenings that share only a country."""
    drone = _view("k1", "d9", "Russian drones hit Ukraine overnight.", trigger="hit", actors={"ru", "ua"}, mode="drone")
    shelling = _view("k2", "d9", "Moscow has shelled Ukraine's ports for months.", trigger="shelled",
                     actors={"ru", "ua"}, mode="shelling")
    again = _view("k3", "d9", "The drones hit Ukraine before dawn.", trigger="hit", actors={"ru", "ua"}, mode="drone")
    assert match(drone, shelling) is None
    assert match(drone, again) is not None


# --- sides that rule a match out ------------------------------------------------------------------------


def _attack(eid: str, doc: str, sentence: str, *, attackers: set[str], where: set[str],
            modality: str | None = "occurred", actors: set[str] = frozenset({"ru", "od"})) -> EventView:
    """An attack on Odesa on March 5, told in the same words, whose attacker countries we choose."""
    view = _view(eid, doc, sentence, trigger="struck", actors=set(actors), date="2024-03-05",
                 places={"od": ODESA})
    return EventView(**{**{f: getattr(view, f) for f in view.__dataclass_fields__},
                        "sides": {"agent": frozenset(attackers), "where": frozenset(where)},
                        "agents": frozenset(actors & {"ru"}), "modality": modality})


def test_attacks_by_attackers_of_different_countries_are_two_events():
    sentence = "Drones struck the port of Odesa on March 5, setting warehouses on fire."
    russian = _attack("e1", "d1", sentence, attackers={"RU"}, where={"UA"})
    other = _attack("e2", "d2", sentence, attackers={"BY"}, where={"UA"})
    assert match(russian, other) is None  # same words, day and place: another attacker
    allied = _attack("e3", "d3", sentence, attackers={"BY", "RU"}, where={"UA"})
    assert match(russian, allied) is not None  # a report naming two allies agrees with either
    unknown = _attack("e4", "d4", sentence, attackers=set(), where={"UA"})
    assert match(russian, unknown) is not None  # an attacker not named clashes with none


def test_attacks_landing_in_different_countries_are_two_events():
    sentence = "Drones struck the port on March 5, setting warehouses on fire."
    in_ukraine = _attack("e1", "d1", sentence, attackers=set(), where={"UA"})
    in_russia = _attack("e2", "d2", sentence, attackers=set(), where={"RU"})
    assert match(in_ukraine, in_russia) is None


def test_in_one_article_a_plan_is_not_the_happening_but_a_denial_is():
    sentence = "Russian drones struck the port of Odesa on March 5."
    occurred = _attack("e1", "d1", sentence, attackers={"RU"}, where={"UA"})
    planned = _attack("e2", "d1", "Russia plans to strike the port of Odesa again.", attackers={"RU"},
                      where={"UA"}, modality="planned")
    negated = _attack("e3", "d1", "Moscow said it did not strike the port of Odesa on March 5.",
                      attackers={"RU"}, where={"UA"}, modality="negated")
    assert match(occurred, planned) is None
    assert match(occurred, negated) is not None  # "did not strike" is about the same strike
    # across articles a plan can be the same event told before it happened ("will buy" / "bought")
    announced = _attack("e4", "d4", sentence, attackers={"RU"}, where={"UA"}, modality="planned")
    assert match(occurred, announced) is not None


def test_the_attacker_is_never_the_place_of_another_report():
    names = {"r": "Northia", "p": "Porton"}
    # Northia attacks in one report; the other is an attack *in* Northia: no shared place.
    by_northia = EventView("evt-a", "doc-a", "attack", "2024-05-02", None, frozenset({"r", "p"}), frozenset(), None,
                           names, agents=frozenset({"r"}))
    in_northia = EventView("evt-b", "doc-b", "attack", "2024-05-02", None, frozenset(), frozenset(), "r", names)
    assert match(by_northia, in_northia) is None
    at_porton = EventView("evt-c", "doc-c", "attack", "2024-05-02", None, frozenset(), frozenset(), "p", names)
    assert match(by_northia, at_porton) is not None  # the attacked town is a place both name


def _transfer(eid: str, origin: set[str], recipient: set[str]) -> EventView:
    sentence = "Artillery shells were shipped to the front, officials said."
    return EventView(id=eid, document_id=eid, type="transfer", date_start=None, date_end=None,
                     actors=frozenset({"kp", "ru"}), items=frozenset(), location=None,
                     names={"kp": "North Korea", "ru": "Russia"}, trigger="shipped", mode="delivery",
                     broad=frozenset({"kp", "ru"}), published="2024-03-06",
                     sentence_words=content_words(sentence), document_words=content_words(sentence),
                     sides={"origin": frozenset(origin), "recipient": frozenset(recipient)})


def test_a_supply_from_another_origin_or_to_another_recipient_is_another_event():
    korean = _transfer("t1", {"KP"}, {"RU"})
    assert match(korean, _transfer("t2", {"KP"}, {"RU"})) is not None
    assert match(korean, _transfer("t3", {"IR"}, {"RU"})) is None  # another supplier
    assert match(korean, _transfer("t4", {"KP"}, {"SY"})) is None  # another buyer
    assert match(korean, _transfer("t5", {"RU"}, {"KP"})) is None  # the other way round
    assert match(korean, _transfer("t6", set(), {"RU"})) is not None  # a supplier not named


def test_sides_clash_reason_and_where_countries():
    from newsledger.resolve.events import sides_clash, where_countries

    assert sides_clash("attack", {"agent": frozenset({"RU"})}, {"agent": frozenset({"UA"})}) == \
        "attackers clash (RU vs UA)"
    assert sides_clash("meeting", {"agent": frozenset({"RU"})}, {"agent": frozenset({"UA"})}) is None
    # a named town outweighs a whole country read as the location
    assert where_countries(("country", "RU"), [("place", "UA"), ("group", None)]) == {"UA"}
    assert where_countries(("country", "RU"), []) == {"RU"}
    assert where_countries(None, [("country", "SY")]) == {"SY"}
    assert where_countries(None, [("person", None)]) == frozenset()


def test_a_chain_of_links_never_joins_reports_whose_sides_clash():
    from newsledger.resolve.clusters import Judgement, cluster
    from newsledger.resolve.events import sides_clash

    # b names no attacker: it matches a (Russia) and c (Belarus), but a and c are two attacks.
    sides = {"a": {"agent": frozenset({"RU"})}, "b": {}, "c": {"agent": frozenset({"BY"})}}
    links = [Judgement("a", "b", True, 0.9, False), Judgement("b", "c", True, 0.8, False)]
    grouped = cluster(["a", "b", "c"], links, sides, lambda x, y: sides_clash("attack", x, y))
    assert grouped["a"] == grouped["b"] != grouped["c"]
    assert len(set(cluster(["a", "b", "c"], links).values())) == 1  # without sides: one chain


def test_ingest_keeps_an_aside_about_the_other_side_apart_from_the_story(tmp_path):
    """Two articles about one strike read alike; one adds that the other side strikes back elsewhere."""
    reports = [
        ("Wire A", "2024-06-11", "Russian drones struck the Danube port of Reni overnight, killing a dock worker and "
                                 "damaging grain silos, the regional governor said. Kyiv has stepped up drone "
                                 "attacks on oil depots inside Russia in recent weeks, and Moscow has hit Ukrainian "
                                 "ports in return."),
        ("Wire B", "2024-06-11", "A Russian drone attack on the Danube port of Reni killed a dock worker and damaged "
                                 "grain silos overnight, the regional governor said."),
    ]
    with sqlite3.connect(_ingest_ledger(tmp_path, reports)) as conn:
        rows = conn.execute(
            "SELECT d.outlet, em.trigger_text, em.event_id FROM event_mentions em"
            " JOIN documents d ON d.id = em.document_id WHERE em.type = 'attack'"
        ).fetchall()
    event_of = {(outlet, trigger): event for outlet, trigger, event in rows}
    assert event_of[("Wire A", "struck")] == event_of[("Wire B", "attack")]
    assert event_of[("Wire A", "attacks")] != event_of[("Wire B", "attack")]


def test_agreements_between_other_parties_are_other_agreements():
    from newsledger.resolve.events import sides_clash

    def parties(*codes: str) -> dict[str, frozenset[str]]:
        return {"parties": frozenset(codes)}

    assert sides_clash("agreement", parties("CL", "PE"), parties("CL", "AR")) == "parties differ (CL, PE vs AR, CL)"
    assert sides_clash("agreement", parties("CL", "PE"), parties("AR", "CL", "PE")) is None  # one of its signatories
    assert sides_clash("meeting", parties("CL", "PE"), parties("CL")) is None  # one party named: no clash


def test_ingest_joins_one_signing_told_by_its_leaders_and_by_its_countries(tmp_path):
    """One pact, signed on one day: one article names the presidents, the other the countries; a pact
    of other parties signed that day stays apart."""
    events = _ingest(tmp_path, [
        ("Wire A", "2024-05-08", "Chilean President Gabriel Boric and Peruvian President Dina Boluarte signed a "
                                 "fisheries pact in Lima on May 6, 2024, ending a two-year dispute over anchovy "
                                 "quotas."),
        ("Wire B", "2024-05-07", "Chile and Peru signed a fisheries pact on May 6, 2024, ending a two-year dispute "
                                 "over anchovy quotas, officials said."),
        ("Wire C", "2024-05-07", "Chile and Argentina signed a mining pact on May 6, 2024, after talks on lithium "
                                 "exports, officials said."),
    ])
    assert events["Wire A"] == events["Wire B"]
    assert events["Wire C"] != events["Wire B"]
