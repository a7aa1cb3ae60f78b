"""Briefings: every statement footnoted, article text never becomes markup, figures are well-formed SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from newsledger import operations
from newsledger.cli.main import cli
from newsledger.export import report, svg
from newsledger.query import listing
from newsledger.store.sqlite import Ledger

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# An article of our own whose sentence carries markup, as scraped or pasted text sometimes does.
HOSTILE = (
    "Norway delivered 12 patrol boats to Finland on 4 March 2024, officials in Oslo said "
    '<script>alert("boats")</script> on Wednesday.\n\n'
    "The Finnish navy will base the boats in Turku, a ministry spokesperson said.\n"
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("briefing")
    (folder / "boats.txt").write_text(HOSTILE, encoding="utf-8")
    path = folder / "ledger.db"
    assert operations.ingest([str(EXAMPLES)], db=path).ok
    options = operations.IngestOptions(published="2024-03-06", outlet="Example Wire",
                                       url="https://example.org/news/boats")
    assert operations.ingest([str(folder / "boats.txt")], db=path, options=options).ok
    return path


class _Tags(HTMLParser):
    """Collects tags and attributes so the test checks the parsed document, not substrings."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_briefing_is_self_contained_and_escapes_article_text(db: Path, tmp_path: Path) -> None:
    out = operations.report(db=db, format="html", output=tmp_path / "b.html")
    assert out is not None
    html = out.read_text("utf-8")
    parser = _Tags()
    parser.feed(html)
    names = [t for t, _ in parser.tags]
    assert "script" not in names and "link" not in names and "iframe" not in names
    assert "&lt;script&gt;alert(&#34;boats&#34;)&lt;/script&gt;" in html
    for tag, attrs in parser.tags:
        assert "src" not in attrs, f"<{tag}> loads an external resource"
        href = attrs.get("href")
        if href is not None:
            assert href.startswith(("#", "https://", "http://")), href
        assert not any(k.startswith("on") for k in attrs), f"<{tag}> has an event handler"
    assert names.count("svg") == 2  # the map and the chart, inline


def test_every_timeline_entry_and_claim_is_footnoted_to_its_sentence(db: Path) -> None:
    with Ledger(db) as ledger:
        brief = report.build(ledger.conn)
        events = listing.timeline(ledger.conn)
        texts = {r["id"]: r["text"] for r in ledger.conn.execute("SELECT id, text FROM documents")}
    assert len(brief.timeline) == len(events)
    numbers = {f.number: f for f in brief.footnotes}
    for entry in [*brief.timeline, *brief.claims]:
        assert entry["notes"] and all(n in numbers for n in entry["notes"])
    for f in brief.footnotes:
        # offsets point at exactly the quoted sentence (whitespace folded for display)
        assert " ".join(texts[f.document][f.start:f.end].split()) == f.text


def test_contradictions_carry_their_reasons(db: Path) -> None:
    with Ledger(db) as ledger:
        brief = report.build(ledger.conn)
        expected = listing.relations(ledger.conn, "contradicts")
    assert expected, "the examples hold a denial of a reported transfer"
    assert sorted(c["reason"] for c in brief.contradictions) == sorted(r["reason"] for r in expected)
    for c in brief.contradictions:
        assert c["a"]["notes"] and c["b"]["notes"]


def test_entity_scope_keeps_only_what_involves_it(db: Path) -> None:
    with Ledger(db) as ledger:
        brief = report.build(ledger.conn, entity="Finland", since="2024-03", until="2024-03")
        wanted = listing.find_entity_ids(ledger.conn, "Finland")
    assert brief.title == "Briefing: Finland" and wanted
    assert brief.timeline and all("Finland" in e["summary"] for e in brief.timeline)
    assert all(e["date"].startswith("2024-03") for e in brief.timeline)


def test_markdown_briefing_escapes_text_and_writes_its_figures_beside_it(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "brief.md"
    result = runner.invoke(cli, ["--db", str(db), "report", "--format", "md", "--output", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert "<script>" not in text and "&lt;script&gt;" in text
    for figure in ("brief-map.svg", "brief-chart.svg"):
        assert f"]({figure})" in text
        root = ET.parse(tmp_path / figure).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
    definitions = set(re.findall(r"^\[\^(\d+)\]: ", text, re.M))
    assert definitions and set(re.findall(r"\[\^(\d+)\](?!:)", text)) == definitions


def test_markdown_escape_neutralises_markup() -> None:
    hostile = "**Bold** claim\n# Heading [link](javascript:alert(1)) <img src=x onerror=y> `code`"
    safe = report.md_escape(hostile)
    assert "\n" not in safe
    assert "<img" not in safe and "&lt;img" in safe
    assert "**" not in safe.replace("\\*", "")
    assert "](" not in safe and "\\[link\\]\\(javascript:alert\\(1\\)\\)" in safe


def test_only_http_urls_become_links() -> None:
    brief = report.Briefing(title="t", scope=[], _docs={
        "doc-a": {"url": "javascript:alert(1)", "outlet": "A", "published": None},
        "doc-b": {"url": "HTTPS://example.org/x", "outlet": "B", "published": "2024-01-02"},
    })
    a = brief.cite({"document": "doc-a", "start": 0, "end": 5, "text": "Hello"})
    b = brief.cite({"document": "doc-b", "start": 3, "end": 9, "text": " World"})
    assert brief.cite({"document": "doc-a", "start": 0, "end": 5, "text": "Hello"}) == a
    assert brief.footnotes[a - 1].url is None
    assert brief.footnotes[b - 1].url == "HTTPS://example.org/x"
    assert (brief.footnotes[b - 1].start, brief.footnotes[b - 1].end) == (4, 9)


def test_svg_figures_escape_labels_and_place_points_inside() -> None:
    points = [svg.Point("Izmail <b>", 45.35, 28.84, "place", 3), svg.Point("Romania", 46.0, 25.0, "country")]
    drawing = svg.dot_map(points)
    assert drawing is not None
    root = ET.fromstring(str(drawing))
    width, height = float(root.get("width") or 0), float(root.get("height") or 0)
    circles = root.findall("{http://www.w3.org/2000/svg}circle")
    assert len(circles) == 2
    for c in circles:
        assert 0 <= float(c.get("cx") or -1) <= width and 0 <= float(c.get("cy") or -1) <= height
    labels = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Izmail <b>" in labels  # escaped in the source, so it parses back as text
    assert svg.dot_map([]) is None
    chart = ET.fromstring(str(svg.bar_chart([("2024-01", 2), ("2024-02", 0), ("2024-03", 5)])))
    bars = chart.findall("{http://www.w3.org/2000/svg}rect")
    heights = [float(b.get("height") or 0) for b in bars]
    assert len(bars) == 3 and heights[1] == 0 and heights[2] > heights[0] > 0


def test_unknown_entity_is_a_one_line_cli_error(db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db), "report", "--entity", "Atlantis Republic"])
    assert result.exit_code == 1 and "no entity named" in result.output


@given(st.text(max_size=40))
def test_any_label_parses_back_from_the_map_as_plain_text(label: str) -> None:
    drawing = svg.dot_map([svg.Point(label, 10.0, 20.0, "place")])
    root = ET.fromstring(str(drawing))  # well-formed whatever the label holds
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    expected = " ".join(re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", label).split())
    assert expected in texts


@given(st.text(max_size=60))
def test_markdown_escape_leaves_no_live_markup(text: str) -> None:
    safe = report.md_escape(text)
    assert "\n" not in safe and "<" not in safe and ">" not in safe
    unescaped = re.sub(r"\\.", "", safe)  # drop every backslash-escaped character
    assert not re.search(r"[`*_{}\[\]()#!|~]", unescaped)
