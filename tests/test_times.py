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


# --- values as TimeML gives them, and the direction of incomplete dates ---------------------

def test_now_inside_a_word_is_no_time(nlp: Language) -> None:
    assert times(nlp, "Heavy snow closed roads, Senator Stabenow said.") == []


def test_clock_time_takes_the_day_in_focus(nlp: Language) -> None:
    found = {t.text: t for t in times(nlp, "The jet took off on Tuesday in Everett at 18:00 UTC.", "2009-12-16")}
    assert found["18:00 UTC"].value == "2009-12-15T18:00Z"
    alone = one(nlp, "At 0800 UTC the central banks acted.", "UTC", "2008-09-18")
    assert (alone.value, alone.anchor) == ("2008-09-18T08:00Z", "document")


@pytest.mark.parametrize(("text", "anchor", "value"), [
    ("Apple said a special event is to be held on October 12.", "2023-10-04", "2023-10-12"),
    ("The contract may be signed on September 12.", "2023-09-08", "2023-09-12"),
    ("The carmaker has a June 1 deadline.", "2023-05-28", "2023-06-01"),
    ("Officials toured the plant on June 1.", "2023-05-28", "2022-06-01"),
    ("The bidders extended to Nov. 20 their offer.", "2023-11-02", "2023-11-20"),
])
def test_tense_of_the_clause_points_a_month_day(nlp: Language, text: str, anchor: str, value: str) -> None:
    t = [t for t in times(nlp, text, anchor) if t.kind == "date"][0]
    assert t.value == value


def test_month_and_quarter_without_tense_take_the_nearest(nlp: Language) -> None:
    assert one(nlp, "The pilot programme runs through June.", "June", "2023-03-18").value == "2023-06"
    quarter = one(nlp, "Ford announced cuts, resulting in closures during the fourth quarter.", "quarter",
                  "2006-08-19")
    assert quarter.value == "2006-Q4"


def test_the_day_is_the_day_in_focus(nlp: Language) -> None:
    found = {t.text: t.value for t in times(
        nlp, "On Monday the index fell 3% to end the day at 7,114. It rebounded late in the day.", "2023-03-22")}
    assert found == {"Monday": "2023-03-20", "the day": "2023-03-20", "late in the day": "2023-03-20"}


def test_the_end_of_the_year_is_the_year_in_focus(nlp: Language) -> None:
    found = {t.text: t for t in times(
        nlp, "The flu season started in early December and peaked by the end of the year.", "2013-03-22")}
    t = found["the end of the year"]
    assert (t.value, t.earliest, t.latest, t.anchor) == ("2012", "2012-10-01", "2012-12-31", "context")


def test_the_quarter_of_a_results_report(nlp: Language) -> None:
    assert one(nlp, "Revenue rose 3.7% in the quarter.", "quarter", "1989-10-30").value == "1989-Q3"
    assert [t.value for t in times(nlp, "About a quarter of the staff left.", "1989-10-30")] == []


@pytest.mark.parametrize(("text", "span", "value", "earliest", "latest"), [
    ("Six deaths were reported in the last week.", "the last week", "2013-W11", "2013-03-15", "2013-03-22"),
    ("He was treated in recent weeks.", "recent weeks", "PXW", "2013-01-18", "2013-03-22"),
    ("The test flight is planned for this weekend.", "this weekend", "2013-W12-WE", "2013-03-23", "2013-03-24"),
    ("The ministers met during the weekend.", "the weekend", "2013-W11-WE", "2013-03-16", "2013-03-17"),
])
def test_rolling_and_vague_spans_keep_their_bounds(nlp: Language, text: str, span: str, value: str,
                                                  earliest: str, latest: str) -> None:
    t = one(nlp, text, span.split()[-1], "2013-03-22")
    assert (t.text, t.value, t.earliest, t.latest) == (span, value, earliest, latest)


@pytest.mark.parametrize(("text", "span", "value"), [
    ("Asian stocks fell for six straight days.", "six straight days", "P6D"),
    ("Japan posted two consecutive quarters of contraction.", "two consecutive quarters", "P2Q"),
    ("It was the worst single-day fall in a decade.", "single-day", "P1D"),
    ("He won the marathon, finishing in 3:07:35.", "3:07:35", "PT3H7M35S"),
    ("The index lost 100 points in just minutes.", "minutes", "PTXM"),
])
def test_more_durations(nlp: Language, text: str, span: str, value: str) -> None:
    t = one(nlp, text, span.split()[-1])
    assert (t.text, t.value, t.kind) == (span, value, "duration")


def test_ages_ordinals_and_series_are_no_times(nlp: Language) -> None:
    text = ("Children ages 6 months and older should be vaccinated. A second A380 flew to the US. "
            "Jobs gave the keynote at the annual developers conference. GM posted its first annual loss.")
    assert [(t.text, t.value) for t in times(nlp, text)] == [("annual", "P1Y")]


def test_sets_with_a_part_of_day(nlp: Language) -> None:
    t = one(nlp, "She checks the smog reading every morning.", "morning")
    assert (t.value, t.kind) == ("XXXX-XX-XXTMO", "set")


def test_overnight_is_the_night_before_unless_it_means_suddenly(nlp: Language) -> None:
    t = one(nlp, "Russian drones struck the port overnight.", "overnight")
    assert (t.value, t.earliest, t.latest) == ("2023-02-28TNI", "2023-02-28", "2023-03-01")
    assert times(nlp, "Peace will not come overnight.") == []


def test_weekday_near_an_inferred_document_date(nlp: Language) -> None:
    doc = nlp("Strikes hit the depot on January 31, 2023. On Wednesday the ministry commented. "
              "On Monday it had warned of attacks.")
    lower = {t.text: t.value for t in find_times(doc, "2023-01-31", anchor_is_lower_bound=True)}
    assert (lower["Wednesday"], lower["Monday"]) == ("2023-02-01", "2023-01-30")
    exact = {t.text: t.value for t in find_times(doc, "2023-01-31")}
    assert exact["Wednesday"] == "2023-01-25"  # a known publication date: the last such day


def test_a_duration_is_never_the_event_time(nlp: Language) -> None:
    text = "The three-day offensive began on Monday."
    doc = nlp(text)
    found = find_times(doc, "2023-03-01")
    assert [(t.kind, t.value) for t in found] == [("duration", "P3D"), ("date", "2023-02-27")]
    assert found[event_time(0, len(text), found, doc)].text == "Monday"


def test_timeml_view_splits_ranges_and_keeps_offsets(nlp: Language) -> None:
    from newsledger.extract.time_timeml import timeml_spans

    text = "Deliveries run from 2009 to 2011. Two days before the launch, stocks ran out."
    spans = [(text[s:e], v) for s, e, v in timeml_spans(times(nlp, text))]
    assert spans == [("2009", "2009"), ("2011", "2011"), ("Two days", "P2D")]


def test_an_event_takes_its_date_not_its_length(nlp: Language) -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from extraction import run_extractors

    _, _, found, events, _ = run_extractors(nlp, "Russian forces launched a three-day offensive on Monday.",
                                            "2024-06-05")
    dated = [e for e in events if e.time is not None]
    assert dated and all(found[e.time].value == "2024-06-03" for e in dated), [(e.type, e.time) for e in events]


@pytest.mark.parametrize(("text", "needle", "anchor", "value"), [
    # a present progressive with a day is a plan
    ("The envoy is visiting the camp on Friday.", "Friday", "2025-03-20", "2025-03-21"),
    # the participle after "before" takes the tense of the verb above it
    ("He was expected to tour the port before leaving on Sunday.", "Sunday", "2025-03-20", "2025-03-23"),
    ("He toured the port before leaving on Sunday.", "Sunday", "2025-03-20", "2025-03-16"),
    # a term set by a past act may lie ahead: both ends in the coming days, not a year apart
    ("Moscow has declared a truce from May 8 to May 10.", "May 8", "2025-05-02", "2025-05-08/2025-05-10"),
    ("The army fought from April 8 to April 10.", "April 8", "2025-05-02", "2025-04-08/2025-04-10"),
])
def test_direction_of_incomplete_dates(nlp: Language, text: str, needle: str, anchor: str, value: str) -> None:
    assert one(nlp, text, needle, anchor).value == value


def test_part_of_day_before_a_date_is_one_time(nlp: Language) -> None:
    t = one(nlp, "Shelling resumed on the morning of March 3, officials said.", "morning", "2023-03-10")
    assert (t.text, t.value, t.kind) == ("the morning of March 3", "2023-03-03TMO", "time")
    t = one(nlp, "Drones hit the port in the early hours of October 15, 2024.", "hours", "2024-10-16")
    assert (t.text, t.value) == ("the early hours of October 15, 2024", "2024-10-15")


def test_overnight_with_its_own_day_is_the_night_into_that_day(nlp: Language) -> None:
    t = one(nlp, "The debris came from a drone used in the overnight strike on Tuesday.", "overnight", "2024-10-17")
    assert (t.value, t.earliest, t.latest) == ("2024-10-14TNI", "2024-10-14", "2024-10-15")
    # alone, it is the night before the report
    assert one(nlp, "Drones struck the port overnight.", "overnight", "2024-10-17").value == "2024-10-16TNI"


def test_end_of_the_month_is_the_month_in_focus(nlp: Language) -> None:
    t = one(nlp, "Talks began on April 3 and should end by the end of the month.", "end of", "2024-06-14")
    assert (t.value, t.earliest, t.latest) == ("2024-04", "2024-04-21", "2024-04-30")
    assert one(nlp, "A decision is due before the end of the month.", "end of", "2024-02-10").latest == "2024-02-29"


def test_later_than_a_range_counts_from_its_end(nlp: Language) -> None:
    text = "Talks failed in October 2023. He visited from 25 to 27 July 2023. Kim went to Russia two months later."
    t = one(nlp, text, "later", "2024-02-27")
    assert (t.value, t.anchor) == ("2023-09", "context")


def test_offset_from_an_undated_event_does_not_swallow_a_date(nlp: Language) -> None:
    found = times(nlp, "The border crossing has stayed closed for a year after a court ruling in May 2022.", "2023-06-01")
    assert [(t.text, t.value) for t in found][-1] == ("May 2022", "2022-05")
