"""Time expressions: detection, spans and normalisation against the document date."""

from __future__ import annotations

import pytest

from spacy.language import Language

from newsledger.extract.pipeline import get_nlp
from newsledger.extract.times import event_time, find_times, statement_time
from newsledger.model import TimeExpr


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_nlp()


def times(nlp: Language, text: str, anchor: str | None = "2023-03-01") -> list[TimeExpr]:
    return find_times(nlp(text), anchor)


def one(nlp: Language, text: str, needle: str, anchor: str | None = "2023-03-01") -> TimeExpr:
    found = [t for t in times(nlp, text, anchor) if needle in t.text]
    assert len(found) == 1, (needle, times(nlp, text, anchor))
    return found[0]


def test_full_date_is_absolute(nlp: Language) -> None:
    t = one(nlp, "The ministry confirmed the sale on March 14, 2021, after months of talks.", "March")
    assert (t.text, t.value, t.kind) == ("March 14, 2021", "2021-03-14", "date")
    assert (t.earliest, t.latest, t.anchor) == ("2021-03-14", "2021-03-14", None)


@pytest.mark.parametrize(("text", "anchor", "value"), [
    ("Officials toured the plant on December 12.", "2023-02-10", "2022-12-12"),
    ("Officials toured the plant on February 3.", "2023-02-10", "2023-02-03"),
    ("Officials toured the plant on 10 February.", "2023-02-10", "2023-02-10"),
])
def test_month_day_takes_most_recent_day_not_after_document(nlp: Language, text: str, anchor: str,
                                                            value: str) -> None:
    t = one(nlp, text, "ebruary" if "February" in text else "December", anchor)
    assert (t.value, t.anchor) == (value, "document")


def test_month_day_borrows_year_from_its_clause(nlp: Language) -> None:
    t = one(nlp, "In 2019 the convoy crossed the border on May 2 without incident.", "May")
    assert t.value == "2019-05-02"


def test_month_day_in_future_tense_looks_ahead(nlp: Language) -> None:
    text = "The minister will visit Ankara on May 2 to sign the contract."
    assert one(nlp, text, "May", "2023-03-01").value == "2023-05-02"
    assert one(nlp, text, "May", "2023-06-01").value == "2024-05-02"


def test_month_year_keeps_month_precision(nlp: Language) -> None:
    t = one(nlp, "Russia began buying the drones in August 2022, officials said.", "August")
    assert (t.text, t.value, t.earliest, t.latest) == ("August 2022", "2022-08", "2022-08-01", "2022-08-31")


@pytest.mark.parametrize(("text", "needle", "span", "value"), [
    ("From January 29 to 31, 2023, the delegation held talks.", "January", "From January 29 to 31, 2023",
     "2023-01-29/2023-01-31"),
    ("The exercise ran from 3 to 5 June 2021 near the coast.", "June", "from 3 to 5 June 2021",
     "2021-06-03/2021-06-05"),
    ("Exports doubled between 2019 and 2021, the report found.", "2019", "between 2019 and 2021", "2019/2021"),
    ("The strikes continued from March to May 2022 across the region.", "March", "from March to May 2022",
     "2022-03/2022-05"),
    ("Shipments arrived from March 3 to April 5, 2022, by rail.", "March", "from March 3 to April 5, 2022",
     "2022-03-03/2022-04-05"),
])
def test_ranges(nlp: Language, text: str, needle: str, span: str, value: str) -> None:
    t = one(nlp, text, needle)
    assert (t.text, t.value, t.kind) == (span, value, "range")
    assert t.earliest is not None and t.latest is not None and t.earliest < t.latest


@pytest.mark.parametrize(("phrase", "value"), [
    ("last Monday", "2023-02-27"),  # the document date is Wednesday 2023-03-01
    ("two weeks ago", "2023-02-15"),
    ("yesterday", "2023-02-28"),
    ("earlier today", "2023-03-01"),
    ("the day before yesterday", "2023-02-27"),
    ("last week", "2023-W08"),
    ("last year", "2022"),
    ("next month", "2023-04"),
])
def test_relative_expressions_use_document_date(nlp: Language, phrase: str, value: str) -> None:
    t = one(nlp, f"The agency said the shipment left the port {phrase}.", phrase.split()[-1])
    assert (t.text, t.value, t.anchor) == (phrase, value, "document")


def test_earlier_this_month_is_bounded_by_document_date(nlp: Language) -> None:
    t = one(nlp, "Prices rose earlier this month, traders said.", "month", "2023-03-20")
    assert (t.value, t.earliest, t.latest) == ("2023-03", "2023-03-01", "2023-03-20")


def test_without_document_date_relative_times_stay_unresolved(nlp: Language) -> None:
    found = times(nlp, "The talks began last Monday and ended on 5 May 2021.", None)
    by_text = {t.text: t for t in found}
    assert by_text["last Monday"].value is None and by_text["last Monday"].anchor is None
    assert by_text["5 May 2021"].value == "2021-05-05"


@pytest.mark.parametrize(("text", "span", "value"), [
    ("The plant has been running for almost a year.", "almost a year", "P1Y"),
    ("The ceasefire held for two weeks.", "two weeks", "P2W"),
    ("Rescuers searched for 48 hours.", "48 hours", "PT48H"),
    ("The siege lasted three and a half years.", "three and a half years", "P3.5Y"),
    ("He has lived abroad for years.", "years", "PXY"),
])
def test_durations(nlp: Language, text: str, span: str, value: str) -> None:
    t = one(nlp, text, span.split()[-1])
    assert (t.text, t.value, t.kind) == (span, value, "duration")


def test_rolling_duration_is_bounded(nlp: Language) -> None:
    t = one(nlp, "Attacks have increased over the past three months.", "months")
    assert (t.text, t.value, t.earliest, t.latest) == ("the past three months", "P3M", "2022-12-01", "2023-03-01")


def test_vague_interval_before_known_event(nlp: Language) -> None:
    t = one(nlp, "The drones were delivered a few months before the start of the war in Ukraine.", "months")
    assert t.text == "a few months before the start of the war in Ukraine"
    assert (t.kind, t.anchor) == ("vague", "ukraine_invasion_2022")
    assert t.value is not None and t.earliest is not None and t.latest is not None
    assert t.earliest < t.latest < "2022-02-24"


def test_unknown_event_is_not_guessed(nlp: Language) -> None:
    t = one(nlp, "The drones were delivered a few months before the war, a diplomat said.", "months")
    assert (t.text, t.value, t.kind, t.anchor) == ("a few months before the war", None, "vague", None)


def test_since_known_event_runs_to_document_date(nlp: Language) -> None:
    t = one(nlp, "Exports have fallen since the full-scale invasion of Ukraine.", "invasion", "2023-05-01")
    assert (t.value, t.kind, t.anchor) == ("2022-02-24/2023-05-01", "range", "ukraine_invasion_2022")


def test_point_event_beats_month_day_reading(nlp: Language) -> None:
    t = one(nlp, "Security was tightened after the October 7 attack.", "October", "2025-03-01")
    assert t.anchor == "oct7_attack_2023"
    assert t.earliest == "2023-10-08"


def test_ambiguous_numeric_date_keeps_both_readings(nlp: Language) -> None:
    t = one(nlp, "The invoice is dated 03/04/2021 in the file.", "2021")
    assert (t.value, t.earliest, t.latest) == (None, "2021-03-04", "2021-04-03")
    assert one(nlp, "The invoice is dated 25/12/2021 in the file.", "2021").value == "2021-12-25"


def test_sets_decades_and_quarters(nlp: Language) -> None:
    found = {t.text: t for t in times(nlp, "Inspectors visit every week; output peaked in the 1990s and fell "
                                          "in the first quarter of 2022.")}
    assert (found["every week"].kind, found["every week"].value) == ("set", "P1W")
    assert found["the 1990s"].value == "199"
    assert found["the first quarter of 2022"].value == "2022-Q1"


def test_counts_are_not_years(nlp: Language) -> None:
    assert times(nlp, "A crowd of 2000 people gathered outside the embassy.") == []


def test_spans_are_exact_sorted_and_disjoint(nlp: Language) -> None:
    text = ("On Tuesday, the ministry said that between 2019 and 2021 it sold 40 drones, two weeks before "
            "the summit, and that deliveries will resume next spring at 10:30 a.m. local time.")
    doc = nlp(text)
    found = find_times(doc, "2023-03-01")
    assert len(found) >= 4
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    assert all(t.text == text[t.start:t.end] for t in found)


def test_statement_time_and_event_time(nlp: Language) -> None:
    text = ("Iran admitted on November 5, 2022 that it had supplied drones a few months before the start "
            "of the war in Ukraine.")
    doc = nlp(text)
    found = find_times(doc, "2022-11-06")
    said = statement_time(0, len(text), found, doc)
    assert said is not None and found[said].value == "2022-11-05"
    happened = event_time(0, len(text), found, doc)
    assert happened is not None and found[happened].anchor == "ukraine_invasion_2022"


def test_statement_time_needs_a_reporting_verb_when_parse_given(nlp: Language) -> None:
    text = "The convoy crossed the border on March 3, 2022."
    doc = nlp(text)
    found = find_times(doc, "2022-03-10")
    assert statement_time(0, len(text), found, doc) is None
    assert event_time(0, len(text), found, doc) == 0


def test_times_relative_to_an_earlier_date_in_the_text(nlp: Language) -> None:
    found = times(nlp, "The convoy left Kherson on 12 May 2022. Two days later it reached the border. "
                       "The following year the route was closed.", "2024-01-10")
    by_text = {t.text: t for t in found}
    assert (by_text["Two days later"].value, by_text["Two days later"].anchor) == ("2022-05-14", "context")
    assert by_text["The following year"].value == "2023"


def test_relative_to_text_without_a_date_stays_unresolved(nlp: Language) -> None:
    t = one(nlp, "Two days later the convoy reached the border.", "later")
    assert (t.value, t.kind) == (None, "vague")


@pytest.mark.parametrize(("text", "span", "value", "earliest", "latest"), [
    ("Deliveries resumed in mid-March.", "mid-March", "2023-03", "2023-03-10", "2023-03-20"),
    ("The order was signed at the end of March 2022.", "the end of March 2022", "2022-03", "2022-03-21",
     "2022-03-31"),
    ("Imports grew in the first half of 2022.", "the first half of 2022", "2022-H1", "2022-01-01", "2022-06-30"),
    ("The factory opened in late 2021.", "late 2021", "2021", "2021-09-01", "2021-12-31"),
])
def test_parts_of_periods_narrow_the_bounds(nlp: Language, text: str, span: str, value: str,
                                            earliest: str, latest: str) -> None:
    t = one(nlp, text, span.split()[-1], "2023-05-01")
    assert (t.text, t.value, t.earliest, t.latest) == (span, value, earliest, latest)


@pytest.mark.parametrize(("text", "span", "value", "anchor"), [
    ("Kyiv was shelled on the eve of the full-scale invasion of Ukraine.",
     "on the eve of the full-scale invasion of Ukraine", "2022-02-23", "ukraine_invasion_2022"),
    ("Two months into the war in Ukraine, talks failed.", "Two months into the war in Ukraine", "2022-04",
     "ukraine_war_2022"),
    ("Poland fell at the start of the Second World War.", "the start of the Second World War", "1939-09-01",
     "ww2_1939"),
])
def test_relations_to_known_events(nlp: Language, text: str, span: str, value: str, anchor: str) -> None:
    found = [t for t in times(nlp, text, "2024-01-01") if t.anchor == anchor]
    assert [(t.text, t.value) for t in found] == [(span, value)]


def test_a_topic_is_not_a_time(nlp: Language) -> None:
    assert times(nlp, "Spending on the war in Ukraine rose sharply.") == []


def test_month_day_near_an_inferred_document_date_reads_forward():
    """With an inferred (lower-bound) document date, a month-day just after it is that coming day."""
    from newsledger.extract.pipeline import get_nlp
    from newsledger.extract.times import find_times

    doc = get_nlp()("Strikes hit the depot from January 29 to 31, 2023. The ministry commented on February 1 "
                    "and recalled the talks of January 5.")
    values = {t.text: t.value for t in find_times(doc, "2023-01-31", anchor_is_lower_bound=True)}
    assert values["February 1"] == "2023-02-01"
    assert values["January 5"] == "2023-01-05"
    exact = {t.text: t.value for t in find_times(doc, "2023-01-31")}
    assert exact["February 1"] == "2022-02-01"  # a known publication date: the most recent such day
