"""Entity recognition on short news-like sentences written for these tests."""

from __future__ import annotations

import pytest

from newsledger.extract.entities import COMPONENTS, add_entity_components, find_mentions
from newsledger.extract.pipeline import get_nlp
from newsledger.model import Mention


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def mentions(nlp, text: str) -> list[Mention]:
    found = find_mentions(nlp(text))
    for m in found:
        assert m.text == text[m.start : m.end]
    return found


def by_text(found: list[Mention], text: str) -> Mention:
    hits = [m for m in found if m.text == text]
    assert hits, f"no mention {text!r} in {[m.text for m in found]}"
    return hits[0]


def test_components_registered_once_in_order(nlp):
    before = list(nlp.pipe_names)
    add_entity_components(nlp)
    assert nlp.pipe_names == before
    assert before[-len(COMPONENTS) :] == list(COMPONENTS)
    assert before.index("ner") < before.index(COMPONENTS[0])


def test_mentions_are_sorted_and_disjoint(nlp):
    text = (
        "The Pentagon said on Tuesday that Russian forces had moved S-300 batteries closer to Kharkiv, "
        "while a senior Ukrainian commander told Reuters the Su-34 jets flew from Belgorod."
    )
    found = mentions(nlp, text)
    assert found == sorted(found, key=lambda m: m.start)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


def test_weapon_designations_and_aliases(nlp):
    text = (
        "Overnight the army launched a wave of Geran-2 drones and two Iskander missiles, "
        "and air defences shot down a Kh-59 over the river. Kyiv asked for more Patriot batteries."
    )
    found = mentions(nlp, text)
    geran = by_text(found, "Geran-2")
    assert (geran.type, geran.name, geran.country) == ("weapon", "Shahed-136", "IR")
    assert by_text(found, "Iskander").type == "weapon"
    assert by_text(found, "Kh-59").type == "weapon"
    assert by_text(found, "Patriot").name == "Patriot"


def test_uncurated_designation_needs_a_weapon_word(nlp):
    with_cue = mentions(nlp, "Engineers tested a new Zx-77 missile at the range on Friday.")
    assert by_text(with_cue, "Zx-77").type == "weapon"
    without = mentions(nlp, "Delegates met at the G-20 summit and discussed COVID-19 vaccines.")
    assert not [m for m in without if m.type == "weapon"]


def test_ambiguous_weapon_name_needs_context(nlp):
    found = mentions(nlp, "Senator Maria Patriot said the vote would be close.")
    assert not [m for m in found if m.type == "weapon"]


def test_outlets_from_data_and_from_citation_patterns(nlp):
    text = (
        "The minister told Northwind Radio that talks would resume, according to Agence France-Presse. "
        "The Associated Press first reported the deal, and Kestrel Broadcasting reported it an hour later."
    )
    found = mentions(nlp, text)
    assert by_text(found, "Agence France-Presse").type == "outlet"
    assert by_text(found, "Associated Press").type == "outlet"
    assert by_text(found, "Northwind Radio").type == "outlet"
    assert by_text(found, "Kestrel Broadcasting").type == "outlet"


def test_ministry_that_reports_is_not_an_outlet(nlp):
    found = mentions(nlp, "According to the Ministry of Health, 40 people were injured in the blast.")
    ministry = [m for m in found if "Ministry" in m.text]
    assert ministry and ministry[0].type == "organization"


def test_demonym_stands_for_its_country(nlp):
    found = mentions(nlp, "Investigators found Iranian components and Chinese chips in the wreckage.")
    iranian = by_text(found, "Iranian")
    assert (iranian.type, iranian.name, iranian.country, iranian.label) == ("country", "Iran", "IR", "NORP")
    assert by_text(found, "Chinese").country == "CN"


def test_armed_groups(nlp):
    text = "Hezbollah fired rockets at the border, and Houthi rebels claimed an attack on a tanker."
    found = mentions(nlp, text)
    hez = by_text(found, "Hezbollah")
    assert (hez.type, hez.country) == ("group", "LB")
    houthi = [m for m in found if m.text.startswith("Houthi")]
    assert houthi and houthi[0].type == "group" and houthi[0].name == "Houthis"


def test_unnamed_sources_keep_whole_phrase(nlp):
    text = (
        "A senior U.S. military official said the strike was planned for weeks. "
        "Diplomats familiar with the matter said a deal was close, and people close to the talks agreed."
    )
    found = mentions(nlp, text)
    official = by_text(found, "A senior U.S. military official")
    assert (official.type, official.country) == ("source", "US")
    assert by_text(found, "Diplomats familiar with the matter").type == "source"
    assert by_text(found, "people close to the talks").type == "source"


def test_people_killed_are_not_sources(nlp):
    found = mentions(nlp, "The blast killed 12 people and wounded dozens of residents in the market.")
    assert not [m for m in found if m.type == "source"]


def test_named_spokesperson_is_a_person_not_a_source(nlp):
    found = mentions(nlp, "A spokesperson, Laura Whitfield, declined to comment on the report.")
    assert by_text(found, "Laura Whitfield").type == "person"


def test_leading_the_and_possessive_trimmed(nlp):
    text = "The European Union's foreign ministers met in Brussels on Monday."
    found = mentions(nlp, text)
    eu = [m for m in found if "European Union" in m.text][0]
    assert eu.text == "European Union"


def test_large_city_after_locative_preposition_is_a_place(nlp):
    text = "Explosions were heard in Zaporizhzhia and near Dnipro late on Sunday, witnesses said."
    found = mentions(nlp, text)
    for city in ("Zaporizhzhia", "Dnipro"):
        m = by_text(found, city)
        assert m.type == "place"


def test_plural_weapon_forms_take_the_canonical_name(nlp):
    found = mentions(nlp, "The Netherlands pledged F-16s, and Kyiv received two Javelins and 30 Stingers.")
    assert by_text(found, "F-16s").name == "F-16"
    assert by_text(found, "Javelins").type == "weapon"
    assert by_text(found, "Stingers").name == "Stinger"
    assert by_text(found, "Kyiv").type == "place"


def test_peoples_and_faiths_are_nationalities_not_countries(nlp):
    found = mentions(nlp, "Kurdish commanders said Sunni tribes and Yazidi families had fled the town.")
    kinds = {m.text: (m.type, m.country) for m in found if m.type in ("nationality", "country")}
    assert kinds.get("Kurdish") == ("nationality", None)
    assert kinds.get("Yazidi") == ("nationality", None)


def test_organisation_named_after_a_country_carries_it(nlp):
    found = mentions(nlp, "The Iranian Foreign Ministry summoned the ambassador on Sunday.")
    ministry = [m for m in found if "Ministry" in m.text][0]
    assert (ministry.type, ministry.country) == ("organization", "IR")


def test_capitalised_the_inside_a_sentence_is_kept(nlp):
    found = mentions(nlp, "Lawyers for both states argued their case in The Hague on Thursday.")
    assert by_text(found, "The Hague").type == "place"


def test_source_phrase_after_a_possessive_name(nlp):
    found = mentions(nlp, "Mr. Biden's aides said the plan was ready on Friday.")
    assert by_text(found, "aides").type == "source"
    assert [m for m in found if m.type == "person" and "Biden" in m.text]


def test_person_tagged_as_organisation_is_a_person(nlp):
    found = mentions(nlp, "Olaf Scholz, the German chancellor, met Joe Biden in Washington.")
    assert by_text(found, "Olaf Scholz").type == "person"
    found = mentions(nlp, "Olaf Scholz said Germany would send more air defence systems. Scholz spoke in Berlin.")
    assert by_text(found, "Olaf Scholz").type == "person"


def test_town_tagged_as_organisation_once_is_a_place_everywhere(nlp):
    found = mentions(nlp, "Drones hit Izmail overnight, officials in Odesa said. Residents of Izmail said the port burned.")
    assert [m.type for m in found if m.text == "Izmail"] == ["place", "place"]


def test_untagged_name_after_a_title_is_a_person(nlp):
    text = "Drones struck the port overnight, Odesa Oblast Governor Oleh Kiper reported. Kiper said two died."
    found = mentions(nlp, text)
    assert by_text(found, "Oleh Kiper").type == "person"
    assert by_text(found, "Kiper").type == "person"


def test_generic_body_after_a_country_possessive_is_that_country_s(nlp):
    found = mentions(nlp, "Romania's defence ministry said soldiers found drone fragments near the river.")
    ministry = by_text(found, "defence ministry")
    assert ministry.country == "RO" and ministry.name == "defence ministry (Romania)"


def test_word_before_area_noun_known_as_a_place_is_no_people(nlp):
    found = mentions(nlp, "Rescuers searched villages in the Yishi area after the quake.")
    assert by_text(found, "Yishi").type == "place"
    found = mentions(nlp, "Kurdish fighters held the town. Yazidi families fled to the Sinjar area.")
    assert by_text(found, "Sinjar").type == "place"
    assert by_text(found, "Yazidi").type == "nationality"  # a people before a place stays a people


def test_name_after_port_of_is_a_place_even_unknown_to_the_gazetteer(nlp):
    for text in (
        "The road would link the port of Faw in southern Iraq with Turkey.",
        "The motorway starts at the port of Faw and ends in Turkey.",
    ):
        assert by_text(mentions(nlp, text), "Faw").type == "place", text


def test_product_models_are_not_organisations(nlp):
    found = mentions(nlp, "Samsung sold the Galaxy S10 in Seoul.")
    assert not [m for m in found if "Galaxy" in m.text]
    assert by_text(found, "Samsung").type == "organization"
    found = mentions(nlp, "Airlines grounded the Boeing 737 MAX after the crash.")
    assert not [m for m in found if m.text == "MAX"]
    assert by_text(found, "Boeing").type == "organization"


def test_title_words_are_not_organisations(nlp):
    found = mentions(nlp, "Weapons were moved to the front, Kremlin Spokesman Dmitry Peskov said.")
    assert by_text(found, "Kremlin").type == "organization"
    assert not [m for m in found if "Spokesman" in m.text]
    found = mentions(nlp, "Nothing was shipped, Russian Defence Minister Sergei Shoigu said on Friday.")
    assert not [m for m in found if m.type == "organization"]
    assert by_text(found, "Sergei Shoigu").type == "person"


def test_flight_numbers_and_engine_models_leave_their_company(nlp):
    found = mentions(nlp, "Searchers found the wreck of Kestrel Air Flight 302 off the coast.")
    assert [(m.text, m.type) for m in found] == [("Kestrel Air", "organization")]
    text = "Rolls-Royce said on Monday that the Rolls-Royce Trent 1000 engines would be inspected."
    found = mentions(nlp, text)
    assert [m.text for m in found if m.type == "organization"] == ["Rolls-Royce", "Rolls-Royce"]
    assert not [m for m in found if "Trent" in m.text]


def placed(nlp, text: str) -> list[Mention]:
    """Mentions after geocoding, where a capital acting as a party becomes its country (resolve/places.py)."""
    from newsledger.resolve.places import geocode

    doc = nlp(text)
    return geocode(doc, find_mentions(doc))


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Officials confirmed a gas deal between Ankara and Baghdad.", "Ankara", "TR"),
        ("Officials confirmed a gas deal between Ankara and Baghdad.", "Baghdad", "IQ"),
        ("Paris also told Berlin that the shipment was late.", "Paris", "FR"),
        ("Paris also told Berlin that the shipment was late.", "Berlin", "DE"),
        ("Beijing shared with Islamabad that the test had failed.", "Islamabad", "PK"),
        ("The new tariffs were imposed by Washington in May.", "Washington", "US"),
        ("Warsaw accused Minsk of pushing migrants across the border.", "Minsk", "BY"),
        ("The minister held talks with Ankara about grain.", "Ankara", "TR"),
        ("Observers criticised Tehran's use of cluster munitions.", "Tehran", "IR"),
        ("The report contradicts repeated statements by Beijing about the dam.", "Beijing", "CN"),
        ("Since March, Kyiv has stepped up drone attacks on refineries.", "Kyiv", "UA"),
        ("Diplomats said Cairo pressed Khartoum to reopen the crossing.", "Cairo", "EG"),
        ("Diplomats said Cairo pressed Khartoum to reopen the crossing.", "Khartoum", "SD"),
        ("The move followed months of denials from Baghdad about the border.", "Baghdad", "IQ"),
        ("Analysts say Tokyo's defence ministry expects a delay.", "Tokyo", "JP"),
    ],
)
def test_capital_acting_as_a_party_is_its_country(nlp, text, name, country):
    m = by_text(placed(nlp, text), name)
    assert (m.type, m.country, m.role) == ("country", country, "metonym")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The envoy flew to Ankara on Tuesday.", "Ankara"),
        ("Talks between the rebels were held in Baghdad.", "Baghdad"),
        ("Shelling was reported near Damascus overnight.", "Damascus"),
        ("Missiles struck Baghdad on Sunday.", "Baghdad"),
        ("The convoy drove from Minsk to Warsaw.", "Warsaw"),
        ("Tehran's streets were quiet after the vote.", "Tehran"),
        ("A bridge built by engineers links the villages near Baghdad.", "Baghdad"),
        ("The first flights from Cairo landed at noon.", "Cairo"),
    ],
)
def test_capital_as_a_location_stays_a_place(nlp, text, name):
    m = by_text(placed(nlp, text), name)
    assert m.type == "place" and m.role is None and m.lat is not None


def test_a_capital_named_by_a_saying_verb_stays_a_place(nlp):
    m = by_text(placed(nlp, 'The poet called Cairo "the mother of the world" in 1950.'), "Cairo")
    assert m.type == "place" and m.role is None


# --- names typed by their shape and the nouns around them (entity_name_shapes.py) ---------------


def test_last_word_says_region_street_agreement_or_body(nlp):
    found = mentions(nlp, "Drones were shot down over Mykolaiv Oblast, the governor said on Monday.")
    assert by_text(found, "Mykolaiv Oblast").type == "place"
    found = mentions(nlp, "Hundreds marched down Habib Bourguiba Avenue on Friday.")
    assert by_text(found, "Habib Bourguiba Avenue").type == "facility"
    found = mentions(nlp, "Moscow quit the Black Sea Grain Initiative in July, ending the exports.")
    assert not [m for m in found if "Initiative" in m.text]


def test_a_name_called_a_firm_is_an_organisation(nlp):
    found = mentions(nlp, "Rostec said Uralvagonzavod, the state tank maker, doubled its output.")
    assert by_text(found, "Uralvagonzavod").type == "organization"
    found = mentions(nlp, "Police detained at least four people, the monitoring group OVD-Info said.")
    assert by_text(found, "OVD-Info").type == "organization"
    assert not [m for m in found if m.type == "source"]  # the group speaks, not the people detained


def test_acronym_defined_after_a_body_and_common_noun_acronyms(nlp):
    text = ("The Main Directorate of Intelligence (HUR) said on Monday that a drone hit the depot. "
            "HUR gave no toll. The two sides signed a memorandum of understanding (MoU) and the MoU "
            "takes effect in May.")
    found = mentions(nlp, text)
    assert [m.type for m in found if m.text == "HUR"] == ["organization", "organization"]
    assert not [m for m in found if m.text == "MoU"]


def test_compass_word_for_a_named_country(nlp):
    found = mentions(nlp, "North Korea sent shells to Russia, officials said, and the North got food in return.")
    north = by_text(found, "North")
    assert (north.type, north.name, north.country) == ("country", "North Korea", "KP")


def test_owner_country_across_a_line_break_and_from_a_capital_dateline(nlp):
    found = mentions(nlp, "Air defences were busy in the south of Ukraine.\nRussia's Defense Ministry claimed a hit.")
    ministry = by_text(found, "Defense Ministry")
    assert (ministry.name, ministry.country) == ("Defense Ministry (Russia)", "RU")
    found = mentions(nlp, "LIMA, May 2 (Wire) - The Foreign Ministry said on Friday that talks would resume.")
    assert by_text(found, "Foreign Ministry").country == "PE"
    found = mentions(nlp, "Officials met in a hotel. The Foreign Ministry said on Friday that talks would resume.")
    assert by_text(found, "Foreign Ministry").country is None


def test_news_agencies_and_titled_sites_are_outlets(nlp):
    found = mentions(nlp, "The Syrian Arab News Agency reported that three people were hurt.")
    assert by_text(found, "Syrian Arab News Agency").type == "outlet"
    found = mentions(nlp, "Six jets arrived in May, according to the news site The Kestrel Herald.")
    assert [m.type for m in found if "Kestrel" in m.text] == ["outlet"]


def test_designations_written_with_a_space_and_manpads(nlp):
    found = mentions(nlp, "The army received Pantsir S1 systems and the Stinger MANPADS.")
    assert by_text(found, "Pantsir S1").name == "Pantsir-S1"
    assert by_text(found, "Stinger").type == "weapon"


def test_surname_glued_to_a_country_is_split(nlp):
    text = ("Turkish President Recep Tayyip Erdogan arrived in Baghdad on Monday. "
            "Al-Sudani told Erdogan Iraq would not accept attacks.")
    found = mentions(nlp, text)
    assert not [m for m in found if m.text == "Erdogan Iraq"]
    assert [m.type for m in found if m.text == "Iraq"] == ["place"]


def test_a_name_that_goes_on_after_a_hyphen_is_one_name(nlp):
    from spacy.tokens import Span

    from newsledger.extract.entity_name_shapes import join_hyphenated_names

    doc = nlp.make_doc("The group OVD-Info said so, and the Iran-Russia deal stands.")
    ovd = next(t.i for t in doc if t.text == "OVD")
    iran = next(t.i for t in doc if t.text == "Iran")
    ents = [Span(doc, ovd, ovd + 1, label="ORG"), Span(doc, iran, iran + 1, label="ORG")]
    assert [e.text for e in join_hyphenated_names(doc, ents)] == ["OVD-Info", "Iran"]
