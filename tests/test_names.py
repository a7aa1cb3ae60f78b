"""Name normalisation, within-document resolution and cross-document matching."""

from __future__ import annotations

import pytest

from newsledger.model import Entity, Mention
from newsledger.resolve.names import (
    DEFAULT_THRESHOLD,
    find_same,
    is_acronym_of,
    match_score,
    name_key,
    resolve_in_document,
)


def ent(name: str, type: str = "place", country: str | None = None, aliases: tuple[str, ...] = ()) -> Entity:
    return Entity(id=f"{type}:{name}", type=type, name=name, country=country, aliases=aliases)


# --- name_key ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "type"),
    [
        ("Abdollahian", "Abdolahian", "person"),
        ("Yelabuga", "Elabuga", "place"),
        ("Zelenskyy", "Zelensky", "person"),
        ("Sulaymaniyah", "Sulaimaniya", "place"),
        ("Kraków", "Krakow", "place"),
        ("Ma'rib", "Marib", "place"),
        ("al-Hudaydah", "Hudaydah", "place"),
        ("Muammar Qaddafi", "Muammar Kaddafi", "person"),
        ("the Houthis", "Houthis", "group"),
        ("Abu Bakr ibn Ali", "Abu Bakr bin Ali", "person"),
    ],
)
def test_spelling_variants_share_a_key(a: str, b: str, type: str) -> None:
    assert name_key(a, type) == name_key(b, type)


@pytest.mark.parametrize(
    ("a", "b", "type"),
    [
        ("Iran", "Iraq", "country"),
        ("Austria", "Australia", "country"),
        ("S-300", "S-400", "weapon"),
        ("Ian Smith", "Ann Smith", "person"),
        ("Niger", "Nigeria", "country"),
    ],
)
def test_different_names_keep_different_keys(a: str, b: str, type: str) -> None:
    assert name_key(a, type) != name_key(b, type)


def test_weapon_keys_are_not_phonetically_folded() -> None:
    assert name_key("Shahed-136", "weapon") == "shahed 136"
    assert name_key("Shahed 136", "weapon") == "shahed 136"


# --- acronyms ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("acronym", "expansion", "expected"),
    [
        ("IRGC", "Islamic Revolutionary Guard Corps", True),
        ("AQAP", "al-Qaeda in the Arabian Peninsula", True),
        ("ISIS", "Islamic State of Iraq and Syria", True),
        ("NATO", "North Atlantic Treaty Organization", True),
        ("IAEA", "International Atomic Energy Agency", True),
        ("IRGC", "Iraqi Republican Guard", False),
        ("UN", "Ukrainian Navy Command", False),
        ("Hamas", "Harakat al-Muqawama al-Islamiya", False),
    ],
)
def test_is_acronym_of(acronym: str, expansion: str, expected: bool) -> None:
    assert is_acronym_of(acronym, expansion) is expected


# --- cross-document matching ----------------------------------------------------------------

SAME = [
    (ent("Hossein Amir-Abdollahian", "person"), ent("Hossein Amir-Abdolahian", "person")),
    (ent("Saleh al-Zameli", "person"), ent("Saleh al-Zamili", "person")),
    (ent("Yerabuga"), ent("Yelabuga")),
    (ent("Elabuga"), ent("Yelabuga")),
    (ent("Yerabuga"), ent("Elabuga")),
    (ent("Shahed-136", "weapon", "IR"), ent("Geran-2", "weapon")),
    (ent("Muammar Gaddafi", "person"), ent("Moammar Qadhafi", "person")),
    (ent("Hezbollah", "group", "LB"), ent("Hizbullah", "group")),
    (ent("Kharkiv"), ent("Kharkov")),
    (ent("IRGC", "organization"), ent("Islamic Revolutionary Guard Corps", "organization", "IR")),
    (ent("Ansar Allah", "group"), ent("Houthis", "group")),
    (ent("Odesa", "place", "UA"), ent("Odessa", "place", "UA")),
    (ent("Mohamed Hamdan Dagalo", "person"), ent("Mohammed Hamdan Daglo", "person")),
    (ent("Iran", "country", "IR"), ent("Persia", "place", aliases=("Iran",))),
]

DIFFERENT = [
    (ent("Iran", "country"), ent("Iraq", "country")),
    (ent("Iran", "country", "IR"), ent("Israel", "country", "IL")),
    (ent("Iran", "country"), ent("Israel", "country")),
    (ent("Austria", "country"), ent("Australia", "country")),
    (ent("Slovakia", "country"), ent("Slovenia", "country")),
    (ent("Niger", "country"), ent("Nigeria", "country")),
    (ent("Mali", "country"), ent("Malawi", "country")),
    (ent("Mohammed bin Salman", "person"), ent("Mohammed bin Zayed", "person")),
    (ent("Joe Biden", "person"), ent("Hunter Biden", "person")),
    (ent("Hamas", "group"), ent("Hama")),
    (ent("S-300", "weapon"), ent("S-400", "weapon")),
    (ent("Georgia", "place", "US"), ent("Georgia", "country", "GE")),
    (ent("Netanyahu", "person"), ent("Netanyahu", "organization")),
    (ent("Hadi", "person"), ent("Abd Rabbuh Mansur Hadi", "person")),  # surname only: too weak
    (ent("Dana", "place"), ent("Tina", "place")),
    (ent("a senior official", "source"), ent("a senior official", "source")),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_thing_matches_above_threshold(a: Entity, b: Entity) -> None:
    hit = match_score(a, b)
    assert hit is not None and hit[0] >= DEFAULT_THRESHOLD, hit
    assert match_score(b, a) is not None


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_things_stay_below_threshold(a: Entity, b: Entity) -> None:
    hit = match_score(a, b)
    assert hit is None or hit[0] < DEFAULT_THRESHOLD, hit


def test_threshold_separates_the_tuning_pairs() -> None:
    """The default sits between the weakest true pair and the strongest false pair."""
    same = [match_score(a, b)[0] for a, b in SAME]  # type: ignore[index]
    diff = [(match_score(a, b) or (0.0, ""))[0] for a, b in DIFFERENT]
    assert max(diff) < DEFAULT_THRESHOLD <= min(same)


def test_find_same_gives_id_score_and_reason() -> None:
    existing = [ent("Yelabuga"), ent("Iraq", "country"), ent("Yerevan")]
    found = find_same(ent("Yerabuga"), existing)
    assert [f[0] for f in found] == ["place:Yelabuga"]
    _, score, reason = found[0]
    assert 0.0 < score <= 1.0
    assert "Yerabuga" in reason and "Yelabuga" in reason and "jaro-winkler" in reason


def test_find_same_uses_aliases() -> None:
    existing = [ent("Shahed-136", "weapon", "IR", aliases=("Geran-2",))]
    found = find_same(ent("Geran-2", "weapon"), existing)
    assert found and found[0][1] == 1.0


# --- within one document ----------------------------------------------------------------------


def mention(text: str, doc: str, type: str, start_from: int = 0, country: str | None = None) -> Mention:
    start = doc.index(text, start_from)
    return Mention(start, start + len(text), text, type, text, name_key(text, type), country=country)


def test_partial_person_name_takes_full_name() -> None:
    doc = "Benjamin Netanyahu met aides. Later Netanyahu said talks would go on."
    ms = [mention("Benjamin Netanyahu", doc, "person"), mention("Netanyahu", doc, "person", 20)]
    out = resolve_in_document(ms, doc)
    assert out[1].name == "Benjamin Netanyahu" and out[1].key == out[0].key
    assert (out[1].start, out[1].end, out[1].text) == (ms[1].start, ms[1].end, "Netanyahu")


def test_partial_name_shared_by_two_people_is_left_alone() -> None:
    doc = "Joe Biden and Jill Biden arrived. Biden spoke first."
    ms = [
        mention("Joe Biden", doc, "person"),
        mention("Jill Biden", doc, "person"),
        mention("Biden", doc, "person", 30),
    ]
    out = resolve_in_document(ms, doc)
    assert out[2].name == "Biden"


def test_defined_acronym_takes_expansion() -> None:
    doc = "The Islamic Revolutionary Guard Corps (IRGC) denied it. The IRGC later said more."
    ms = [
        mention("Islamic Revolutionary Guard Corps", doc, "organization"),
        mention("IRGC", doc, "organization"),
        mention("IRGC", doc, "organization", 50),
    ]
    out = resolve_in_document(ms, doc)
    assert out[1].key == out[0].key == out[2].key
    assert out[2].name == "Islamic Revolutionary Guard Corps"


def test_acronym_then_expansion_in_brackets() -> None:
    doc = "Fighters of the SDF (Syrian Democratic Forces) advanced."
    ms = [mention("SDF", doc, "organization")]
    out = resolve_in_document(ms, doc)
    assert out[0].name == "Syrian Democratic Forces"


def test_transliteration_variants_in_one_document() -> None:
    doc = "Strikes hit Yelabuga overnight. Residents of Yerabuga said windows broke. Iraq and Iran protested."
    ms = [
        mention("Yelabuga", doc, "place"),
        mention("Yerabuga", doc, "place"),
        mention("Iraq", doc, "place"),
        mention("Iran", doc, "place"),
    ]
    out = resolve_in_document(ms, doc)
    assert out[1].key == out[0].key and out[1].name == "Yelabuga"
    assert out[2].key != out[3].key


def test_variants_of_different_types_are_not_joined() -> None:
    doc = "Hama was shelled. Hamas denied it."
    ms = [mention("Hama", doc, "place"), mention("Hamas", doc, "group")]
    out = resolve_in_document(ms, doc)
    assert out[0].key != out[1].key


def test_titles_and_legal_forms_do_not_change_the_key() -> None:
    assert name_key("Crown Prince Mohammed bin Salman", "person") == name_key("Mohammed bin Salman", "person")
    assert name_key("U.S. President Joe Biden", "person") == name_key("Joe Biden", "person")
    assert name_key("Martin Luther King", "person") != name_key("Martin Luther", "person")
    assert name_key("Kestrel Motors Group LLC", "organization") == name_key("Kestrel Motors", "organization")
    assert name_key("Baykar Holdings", "organization") == name_key("Baykar", "organization")


def test_country_prefix_is_a_weak_cross_document_link() -> None:
    hit = match_score(ent("US Federal Reserve", "organization", "US"), ent("Federal Reserve", "organization"))
    assert hit is not None and hit[0] < DEFAULT_THRESHOLD and "country prefix" in hit[1]


def test_generic_body_without_a_country_links_to_no_country_s_body() -> None:
    assert match_score(ent("U.S. Air Force", "organization", "US"), ent("Air Force", "organization")) is None
    assert match_score(ent("defence ministry", "organization"), ent("Defense Ministry", "organization")) is None
    same = match_score(
        ent("Ministry of Defence (Russia)", "organization", "RU"), ent("Russian Defense Ministry", "organization")
    )
    assert same is not None and same[0] >= DEFAULT_THRESHOLD
    other = ent("defence ministry (Romania)", "organization", "RO")
    assert match_score(other, ent("Russian Defense Ministry", "organization", "RU")) is None


@pytest.mark.parametrize(
    ("a", "b", "type"),
    [
        ("America", "United States", "place"),
        ("Britain", "United Kingdom", "country"),
        ("British", "UK", "nationality"),
        ("US Federal Reserve", "United States Federal Reserve", "organization"),
        ("U.S. Department of Labor", "US Labor Department", "organization"),
        ("Ford Motor Company", "Ford", "organization"),
        ("AirTran Airways", "AirTran", "organization"),
        ("Chrylser", "Chrysler", "organization"),
        ("Kestrel Defence Centre", "Kestrel Defense Center", "organization"),
        ("USAF", "U.S. Air Force", "organization"),
        ("President of the United States Barack Obama", "Barack Obama", "person"),
    ],
)
def test_names_written_another_way_match(a: str, b: str, type: str) -> None:
    hit = match_score(ent(a, type), ent(b, type))
    assert hit is not None and hit[0] >= DEFAULT_THRESHOLD, hit


@pytest.mark.parametrize(
    ("a", "b", "type"),
    [
        ("Qatar Airways", "Qatar", "organization"),  # a country's name alone is the country
        ("Niger", "Nigeria", "place"),
        ("America", "Canada", "place"),
        ("Lockheed Martin", "Lockheed Aircraft Systems", "organization"),
        ("Chrysler", "Chrysalis", "organization"),
    ],
)
def test_near_names_of_other_things_do_not_match(a: str, b: str, type: str) -> None:
    hit = match_score(ent(a, type), ent(b, type))
    assert hit is None or hit[0] < DEFAULT_THRESHOLD, hit


def test_bare_surname_links_when_the_ledger_has_one_such_person() -> None:
    ledger = [ent("Benjamin Netanyahu", "person"), ent("Yoav Gallant", "person")]
    found = find_same(ent("Netanyahu", "person"), ledger)
    assert [f[0] for f in found] == ["person:Benjamin Netanyahu"] and "only person" in found[0][2]
    two = [ent("Joe Biden", "person"), ent("Jill Biden", "person")]
    assert find_same(ent("Biden", "person"), two) == []
    assert find_same(ent("Jill Biden", "person"), [ent("Biden", "person"), ent("Joe Biden", "person")]) == []
    assert [f[0] for f in find_same(ent("Joe Biden", "person"), [ent("Biden", "person")])] == ["person:Biden"]


def test_truncated_organisation_name_joins_the_full_one() -> None:
    doc = "The Islamic Revolutionary Guard Corps denied it. A convoy of Islamic Revolutionary Guard trucks burned."
    ms = [
        mention("Islamic Revolutionary Guard Corps", doc, "organization"),
        mention("Islamic Revolutionary Guard", doc, "organization", 40),
    ]
    out = resolve_in_document(ms, doc)
    assert out[1].key == out[0].key and out[1].name == "Islamic Revolutionary Guard Corps"


def test_name_that_is_the_start_of_another_body_stays_apart() -> None:
    doc = "The United Nations warned. The United Nations Security Council met later."
    ms = [
        mention("United Nations", doc, "organization"),
        mention("United Nations Security Council", doc, "organization"),
    ]
    out = resolve_in_document(ms, doc)
    assert out[0].key != out[1].key


def test_unqualified_and_short_organisation_names_in_one_document() -> None:
    doc = "The U.S. Air Force and Lockheed Martin signed. The Air Force said Lockheed would deliver."
    ms = [
        mention("U.S. Air Force", doc, "organization"),
        mention("Lockheed Martin", doc, "organization"),
        mention("Air Force", doc, "organization", 40),
        mention("Lockheed", doc, "organization", 60),
    ]
    out = resolve_in_document(ms, doc)
    assert out[2].key == out[0].key and out[2].name == "U.S. Air Force"
    assert out[3].key == out[1].key and out[3].name == "Lockheed Martin"


def test_partial_name_that_is_itself_two_words() -> None:
    doc = "Crown Prince Mohammed bin Salman received the envoy. Later bin Salman said little."
    ms = [
        Mention(0, 32, "Crown Prince Mohammed bin Salman", "person", "Mohammed bin Salman",
                name_key("Crown Prince Mohammed bin Salman", "person")),
        mention("bin Salman", doc, "person", 40),
    ]
    out = resolve_in_document(ms, doc)
    assert out[1].key == out[0].key and out[1].name == "Mohammed bin Salman"


def test_strip_titles_keeps_names_that_look_like_titles() -> None:
    from newsledger.resolve.names import strip_titles

    assert strip_titles("U.S. President Joe Biden") == "Joe Biden"
    assert strip_titles("Gen. Valery Gerasimov") == "Valery Gerasimov"
    assert strip_titles("Martin Luther King") == "Martin Luther King"
    assert strip_titles("Prince") == "Prince"


@pytest.mark.parametrize(
    ("a", "b", "type"),
    [
        ("Danube River", "Danube", "place"),  # a river unknown to the gazetteer as a town
        ("Caspian Sea", "Caspian", "place"),
        ("Anbar Province", "Anbar", "place"),  # a region, no large city of the name
        ("Diyala Governorate", "Diyala", "place"),
        ("Yerabuga City", "Yelabuga", "place"),  # "City" added to a variant spelling of a town
        ("Zagros Aviation Industry Company", "Iran Zagros Aerospace Industries", "organization"),
        ("Alexander Bortnikov", "Aleksandr Bortnikov", "person"),
        ("Fatemeh Mohajerani", "Fatema Mohajerani", "person"),
        ("Abdulmalik al-Huthi", "Abdul-Malik al-Houthi", "person"),
        ("Luhansk", "Lugansk", "place"),
        ("Zaporizhzhia", "Zaporozhye", "place"),
        ("Qassem Soleimani", "Kassem Suleimani", "person"),
        ("Mohammed Deif", "Muhammad Deif", "person"),
    ],
)
def test_more_spellings_of_one_thing_match(a: str, b: str, type: str) -> None:
    hit = match_score(ent(a, type), ent(b, type))
    assert hit is not None and hit[0] >= DEFAULT_THRESHOLD, hit


@pytest.mark.parametrize(
    ("a", "b", "type"),
    [
        ("Dnipro River", "Dnipro", "place"),  # the river and the city
        ("Kharkiv Oblast", "Kharkiv", "place"),  # the region and its large city
        ("Kuwait City", "Kuwait", "place"),  # the capital and the country
        ("Jordan River", "Jordan", "place"),
        ("North Sea", "North", "place"),
        ("Quds Force", "Al-Quds Aviation Industry", "organization"),  # no trade word: another body
        ("Zagros Aviation Industries", "Karun Aviation Industries", "organization"),
        ("Mohammed bin Salman", "Mohammed bin Zayed", "person"),
        ("Hassan Nasrallah", "Ghassan Nasrallah", "person"),
        ("Ahmad Shah Massoud", "Ahmad Massoud", "person"),  # father and son: left to a person
        ("George W. Bush", "George Bush", "person"),
    ],
)
def test_similar_names_of_different_things_stay_apart(a: str, b: str, type: str) -> None:
    hit = match_score(ent(a, type), ent(b, type))
    assert hit is None or hit[0] < DEFAULT_THRESHOLD, hit


def test_river_with_and_without_its_head_word_in_one_document() -> None:
    doc = "Barges sailed up the Danube River to the port. Drones struck ports on the Danube overnight."
    ms = [mention("Danube River", doc, "place"), mention("Danube", doc, "place", 30)]
    out = resolve_in_document(ms, doc)
    assert out[1].key == out[0].key and out[1].name == "Danube River"
    doc = "Shelling hit Kharkiv Oblast overnight. In Kharkiv itself the power failed."
    ms = [mention("Kharkiv Oblast", doc, "place"), mention("Kharkiv", doc, "place", 20)]
    out = resolve_in_document(ms, doc)
    assert out[1].key != out[0].key


def test_short_company_name_links_when_the_ledger_has_one_candidate() -> None:
    org = "organization"
    ledger = [ent("Northrop Grumman", org), ent("Kestrel Dynamics", org)]
    found = find_same(ent("Northrop", org), ledger)
    assert [f[0] for f in found] == ["organization:Northrop Grumman"] and "only organisation" in found[0][2]
    # two companies begin with the word: the short name may be either
    assert find_same(ent("Kestrel", org), [*ledger, ent("Kestrel Aviation", org)]) == []
    # the full name arriving later links to the stored short name on the same condition
    assert [f[0] for f in find_same(ent("Northrop Grumman", org), [ent("Northrop", org)])] == ["organization:Northrop"]
    # a country, an acronym or a generic word is never a company's short name
    assert find_same(ent("Qatar", org), [ent("Qatar Airways", org)]) == []
    assert find_same(ent("IRGC", org), [ent("IRGC Navy", org)]) == []
    assert find_same(ent("National", org), [ent("National Guard", org)]) == []


# --- corrections and key changes ---------------------------------------------------------------
# Entity row ids are derived from (type, key); a release that folds spellings differently gives
# the same name a new key, so a name seen after an upgrade lands in a NEW row. These tests build
# documents by hand with explicit keys to play that out in one ledger.


def _doc_with(tmp_text: str, name: str, key: str, type: str = "organization"):
    from newsledger.model import Document, Extraction, stable_id

    start = tmp_text.index(name)
    doc = Document(id=stable_id("doc", tmp_text), text=tmp_text, outlet="Wire", published="2024-05-02",
                   published_source="metadata")
    m = Mention(start, start + len(name), name, type, name, key)
    return Extraction(document=doc, mentions=(m,), sentences=((0, len(tmp_text)),))


def _canonical(ledger) -> dict[str, str]:
    return dict(ledger.conn.execute("SELECT id, canonical_id FROM entities").fetchall())


def _row(ledger, key: str) -> str:
    return ledger.conn.execute("SELECT id FROM entities WHERE key = ?", (key,)).fetchone()[0]


def test_a_split_holds_for_rows_made_after_a_key_change(tmp_path) -> None:
    from newsledger.store.sqlite import Ledger

    with Ledger(tmp_path / "split.db") as ledger:
        ledger.add(_doc_with("Al-Zamili Trading shipped the cargo in May.", "Al-Zamili Trading", "zamili trading"))
        ledger.add(_doc_with("Al-Zameli Trading denied shipping cargo.", "Al-Zameli Trading", "zameli trading"))
        a, b = _row(ledger, "zamili trading"), _row(ledger, "zameli trading")
        assert _canonical(ledger)[a] == _canonical(ledger)[b]  # the machine joined the spellings
        ledger.judge_entities(a, b, same=False)
        # after an upgrade both names come back under new keys, hence new rows
        ledger.add(_doc_with("Al-Zameli Trading said it sold no cargo.", "Al-Zameli Trading", "zameli-trading-v2"))
        ledger.add(_doc_with("Al-Zamili Trading hired a new captain.", "Al-Zamili Trading", "zamili-trading-v2"))
        canon = _canonical(ledger)
        new_b, new_a = _row(ledger, "zameli-trading-v2"), _row(ledger, "zamili-trading-v2")
        assert canon[a] != canon[b]
        assert canon[new_b] == canon[b] and canon[new_a] == canon[a]


def test_a_merge_holds_for_rows_made_after_a_key_change(tmp_path) -> None:
    from newsledger.store.sqlite import Ledger

    with Ledger(tmp_path / "merge.db") as ledger:
        ledger.add(_doc_with("Abu Mohammed al-Golani spoke in Idlib.", "Abu Mohammed al-Golani", "golani old", "person"))
        ledger.add(_doc_with("Ahmed al-Sharaa met envoys in Damascus.", "Ahmed al-Sharaa", "sharaa old", "person"))
        a, b = _row(ledger, "golani old"), _row(ledger, "sharaa old")
        assert _canonical(ledger)[a] != _canonical(ledger)[b]  # no spelling links these two names
        ledger.judge_entities(a, b, same=True)
        ledger.add(_doc_with("Ahmed al-Sharaa visited Riyadh.", "Ahmed al-Sharaa", "sharaa new", "person"))
        canon = _canonical(ledger)
        assert canon[_row(ledger, "sharaa new")] == canon[a] == canon[b]


def test_acronym_in_parentheses_after_a_body_is_its_acronym_even_in_another_language():
    text = "The Federal Service for Military-Technical Cooperation (FSVTS) said exports fell. FSVTS gave no figure."
    body = Mention(start=4, end=54, text=text[4:54], type="organization", name=text[4:54],
                   key=name_key(text[4:54], "organization"))
    i = text.index("FSVTS gave")
    short = Mention(start=i, end=i + 5, text="FSVTS", type="organization", name="FSVTS",
                    key=name_key("FSVTS", "organization"))
    out = resolve_in_document([body, short], text)
    assert out[1].key == body.key
    # a system's name is no body's: capitals after it that do not spell it stay their own name
    text = "The Flight Reporting System (ACARS) sent data. ACARS failed."
    system = Mention(start=4, end=27, text=text[4:27], type="organization", name=text[4:27],
                     key=name_key(text[4:27], "organization"))
    i = text.index("ACARS failed")
    acars = Mention(start=i, end=i + 5, text="ACARS", type="organization", name="ACARS",
                    key=name_key("ACARS", "organization"))
    assert resolve_in_document([system, acars], text)[1].key == acars.key


def test_a_long_acronym_after_a_command_is_its_acronym():
    text = "The U.S. Central Command (CENTCOM) said a destroyer shot down a missile. CENTCOM gave no details."
    body = Mention(start=4, end=24, text=text[4:24], type="organization", name=text[4:24],
                   key=name_key(text[4:24], "organization"))
    i = text.index("CENTCOM gave")
    short = Mention(start=i, end=i + 7, text="CENTCOM", type="organization", name="CENTCOM",
                    key=name_key("CENTCOM", "organization"))
    assert resolve_in_document([body, short], text)[1].key == body.key
