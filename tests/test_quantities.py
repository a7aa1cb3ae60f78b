"""Counts and money from short sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.extract.entities import find_mentions
from newsledger.extract.pipeline import get_nlp
from newsledger.extract.quantities import find_amounts


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def amounts(nlp, text: str):
    doc = nlp(text)
    mentions = find_mentions(doc)
    quantities, money = find_amounts(doc, mentions)
    return doc, mentions, quantities, money


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("The ministry paid 140 million euros for the radars.", 140e6, "EUR"),
        ("It was a $1 billion contract.", 1e9, "USD"),
        ("Kyiv spent €20 million on shells.", 20e6, "EUR"),
        ("The deal was worth 2.5 billion rubles.", 2.5e9, "RUB"),
        ("Tehran received 300,000 rials per unit.", 300_000, "IRR"),
        ("Beijing lent ten million yuan to the firm.", 10e6, "CNY"),
        ("Ottawa approved 5 billion Canadian dollars in aid.", 5e9, "CAD"),
        ("London set aside £3m for the programme.", 3e6, "GBP"),
        ("The bill came to USD 30 million.", 30e6, "USD"),
    ],
)
def test_money_becomes_a_number_and_an_iso_code(nlp, text, value, currency):
    _, _, quantities, money = amounts(nlp, text)
    assert [(m.value, m.currency) for m in money] == [(value, currency)]
    assert not any(q.value == value for q in quantities)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The plant makes 6,000 drones a year.", 6000, "drone"),
        ("The army lost three hundred tanks.", 300, "tank"),
        ("Militants fired twenty-five rockets.", 25, "rocket"),
        ("The navy ordered at least 12 frigates.", 12, "frigate"),
        ("The convoy carried a dozen howitzers.", 12, "howitzer"),
    ],
)
def test_counts_keep_the_number_and_the_counted_noun(nlp, text, value, unit):
    _, _, quantities, _ = amounts(nlp, text)
    assert [(q.value, q.unit) for q in quantities] == [(value, unit)]


def test_count_offsets_point_into_the_text(nlp):
    doc, _, quantities, money = amounts(nlp, "Belarus bought 40 tanks for $90 million.")
    for found in [*quantities, *money]:
        assert doc.text[found.start : found.end] == found.text
    assert quantities[0].text == "40 tanks"
    assert money[0].text == "$90 million"


def test_a_count_of_coordinated_models_points_at_a_weapon_mention(nlp):
    doc, mentions, quantities, _ = amounts(nlp, "Belarus bought 12 Shahed-136 and Mohajer-6 drones from Iran.")
    assert len(quantities) == 1
    q = quantities[0]
    assert (q.value, q.unit) == (12, "drone")
    assert q.item is not None and mentions[q.item].type == "weapon"
    assert mentions[q.item].text == "Shahed-136"


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of drones were launched at the city.",
        "The war began in 2022.",
        "Prices rose 15% last month.",
        "The Shahed-136 has a long range.",
        "It was the third attack this week.",
    ],
)
def test_vague_amounts_years_percentages_and_model_numbers_are_not_counts(nlp, text):
    _, _, quantities, money = amounts(nlp, text)
    assert quantities == [] and money == []


def test_pounds_of_something_is_a_weight_not_money(nlp):
    _, _, quantities, money = amounts(nlp, "Police found 500 pounds of explosives.")
    assert money == []
    assert [(q.value, q.unit) for q in quantities] == [(500, "pound")]


@given(n=st.integers(min_value=2, max_value=999_999), scale=st.sampled_from(["", " million", " billion"]))
@settings(max_examples=40, deadline=None)
def test_any_written_count_or_sum_reads_back_as_its_number(n, scale):
    nlp = get_nlp()
    factor = {"": 1, " million": 1e6, " billion": 1e9}[scale]
    _, money = find_amounts(nlp(f"The ministry paid ${n:,}{scale} for them."), [])
    assert [(m.value, m.currency) for m in money] == [(n * factor, "USD")]
    quantities, _ = find_amounts(nlp(f"The army received {n:,}{scale} shells."), [])
    assert [(q.value, q.unit) for q in quantities] == [(n * factor, "shell")]


@pytest.mark.parametrize(
    "text",
    [
        "The two sides exchanged prisoners on Monday.",
        "Both the three leaders and their aides left early.",
        "These two countries traded accusations.",
        "A 45-year-old soldier was detained at the border.",
        "The pilot, aged 52, was released.",
        "The brigade has operated there since 2014.",
    ],
)
def test_counts_of_parties_ages_and_years_are_not_quantities(nlp, text):
    _, _, quantities, _ = amounts(nlp, text)
    assert quantities == []


def test_a_party_count_leaves_the_item_count_alone(nlp):
    _, _, quantities, _ = amounts(nlp, "The two sides agreed to swap 40 tanks.")
    assert [(q.value, q.unit) for q in quantities] == [(40.0, "tank")]
    _, _, quantities, _ = amounts(nlp, "Three countries sent 12 howitzers.")  # no "the": a count of senders
    assert (12.0, "howitzer") in [(q.value, q.unit) for q in quantities]
