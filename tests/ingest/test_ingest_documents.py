"""RawItem → Document: identity, metadata precedence, dates and language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsledger.errors import InputError
from newsledger.ingest.dates import infer_published, normalise_date, parse_published_option
from newsledger.ingest.documents import detect_language, make_document
from newsledger.ingest.sources import Overrides, RawItem

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
STRIKE = (FIXTURES / "port-strike.txt").read_text(encoding="utf-8")
CONVOY_HTML = (FIXTURES / "border-convoy.html").read_text(encoding="utf-8")


def test_same_text_gives_same_id_whatever_the_url_or_layout() -> None:
    a = make_document(RawItem(origin="a.txt", text=STRIKE, url="https://one.example.org/strike"))
    b = make_document(RawItem(origin="b.txt", text=STRIKE.replace("\n", "\r\n") + "\n\n", url="https://two.example.org/x"))
    c = make_document(RawItem(origin="c.txt", text=STRIKE.replace("Monday", "Tuesday")))
    assert a.id == b.id
    assert a.id.startswith("doc-")
    assert a.id != c.id


def test_text_is_stored_normalised() -> None:
    doc = make_document(RawItem(origin="-", text="Ceasefire talks resumed in Gene\u0300ve.  \r\n\r\n\r\n\r\n\r\nBoth sides attended."))
    assert doc.text == "Ceasefire talks resumed in Genève.\n\n\nBoth sides attended."


def test_inferred_date_is_the_latest_explicit_full_date() -> None:
    doc = make_document(RawItem(origin="strike.txt", text=STRIKE))
    # The text mentions 3 April 2023 and January 9, 2023; "Monday" is not explicit.
    assert (doc.published, doc.published_source) == ("2023-04-03", "inferred")


def test_metadata_date_beats_option_which_beats_inference() -> None:
    opt = Overrides(published="20 April 2023")
    with_meta = make_document(RawItem(origin="r", text=STRIKE, published="Fri, 07 Apr 2023 16:45:00 +0000"), opt)
    assert (with_meta.published, with_meta.published_source) == ("2023-04-07", "metadata")
    no_meta = make_document(RawItem(origin="r", text=STRIKE), opt)
    assert (no_meta.published, no_meta.published_source) == ("2023-04-20", "option")


def test_unparseable_record_date_falls_through_to_inference() -> None:
    doc = make_document(RawItem(origin="r", text=STRIKE, published="sometime in spring"))
    assert (doc.published, doc.published_source) == ("2023-04-03", "inferred")


def test_no_date_anywhere_gives_none() -> None:
    doc = make_document(RawItem(origin="r", text="The council met on Tuesday and approved the budget."))
    assert (doc.published, doc.published_source) == (None, None)


def test_invalid_published_option_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        make_document(RawItem(origin="r", text=STRIKE), Overrides(published="next Tuesday-ish"))
    assert err.value.origin == "--published"
    assert "not a date" in err.value.reason


def test_html_item_uses_page_metadata_but_item_fields_win() -> None:
    item = RawItem(origin="convoy.html", html=CONVOY_HTML, title="Convoy arrives")
    doc = make_document(item, Overrides(outlet="Some Other Outlet", url="https://courier.example.org/convoy"))
    assert doc.title == "Convoy arrives"  # the item's own field
    assert doc.outlet == "The Meridian Courier"  # the page's site name beats the option
    assert doc.url == "https://courier.example.org/convoy"  # the option fills what the item lacks
    assert (doc.published, doc.published_source) == ("2023-03-14", "metadata")
    assert doc.text.count("forty trucks") == 1 and "Home" not in doc.text


def test_options_fill_missing_fields_of_a_text_item() -> None:
    doc = make_document(
        RawItem(origin="-", text=STRIKE),
        Overrides(outlet="Valmora Post", title="Dockers strike", url="https://post.example.org/strike"),
    )
    assert (doc.outlet, doc.title, doc.url, doc.urls) == (
        "Valmora Post",
        "Dockers strike",
        "https://post.example.org/strike",
        ("https://post.example.org/strike",),
    )
    assert doc.origin == "-"


def test_html_without_article_text() -> None:
    html = (FIXTURES / "menu-only.html").read_text(encoding="utf-8")
    with pytest.raises(InputError) as err:
        make_document(RawItem(origin="menu-only.html", html=html))
    assert (err.value.origin, err.value.reason) == ("menu-only.html", "no article text found in HTML")


def test_item_without_text_or_html_is_empty() -> None:
    with pytest.raises(InputError, match="empty"):
        make_document(RawItem(origin="x", text="  \n "))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (STRIKE, "en"),
        ("Les dockers du port se sont mis en grève lundi pour réclamer le rétablissement de la prime de nuit.", "fr"),
        ("Die Hafenarbeiter legten am Montag die Arbeit nieder, um höhere Zuschläge für Nachtschichten zu fordern.", "de"),
    ],
)
def test_language_detection(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Signed on November 5, 2022 and ratified on 12 December 2022.", "2022-12-12"),
        ("The deal (2021-07-30) was revised on Sept. 3rd, 2021.", "2021-09-03"),
        ("Fighting on 3–5 June 2023 displaced thousands.", "2023-06-05"),
        ("Talks on March 1-2, 2024 ended early.", "2024-03-02"),
        ("Deliveries begin on 1 January 2031 under the contract signed 4 May 2024.", "2024-05-04"),
        ("It happened in March 2023, on a Tuesday.", None),
        ("The memo was dated February 30, 2023.", None),
        ("Officials may 12 2023 reconsider.", None),
    ],
)
def test_infer_published_accepts_only_full_explicit_dates(text: str, expected: str | None) -> None:
    assert infer_published(text, today=date(2025, 1, 1)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-03-14T23:30:00-05:00", "2023-03-14"),
        ("2023-03-14T09:30:00Z", "2023-03-14"),
        ("Tue, 14 Mar 2023 10:00:00 GMT", "2023-03-14"),
        ("14 March 2023", "2023-03-14"),
        ("2023-03", "2023-03"),
        ("2023", "2023"),
        ("yesterday", None),
        ("March", None),
        ("", None),
    ],
)
def test_normalise_date(value: str, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_parse_published_option() -> None:
    assert parse_published_option("5 November 2022") == "2022-11-05"
    with pytest.raises(InputError):
        parse_published_option("soon")


def test_page_without_date_markup_gets_an_inferred_date_not_a_metadata_one() -> None:
    html = (
        "<html><head><title>Prisoner talks</title></head><body><article>"
        "<p>Negotiators met in the capital on 2 February 2021 and again on 9 February 2021 to discuss "
        "a prisoner exchange, according to two officials familiar with the talks.</p>"
        "<p>Further rounds are expected, the officials said, though no date has been set.</p>"
        "</article></body></html>"
    )
    doc = make_document(RawItem(origin="talks.html", html=html))
    assert (doc.published, doc.published_source) == ("2021-02-09", "inferred")
