"""URLs and feeds, against a local HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsledger.errors import InputError
from newsledger.ingest.documents import make_document
from newsledger.ingest.fetch import HttpFetcher
from newsledger.ingest.sources import RawItem, iter_items

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
ARTICLE = (FIXTURES / "border-convoy.html").read_bytes()

# path → (status, headers, body); "{BASE}" in a body is replaced by the server's address.
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/news/convoy": (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE),
    "/old-link": (301, {"Location": "/news/convoy"}, b""),
    "/loop": (302, {"Location": "/loop"}, b""),
    "/to-ftp": (302, {"Location": "ftp://files.example.org/a.txt"}, b""),
    "/feed.xml": (200, {"Content-Type": "application/rss+xml"}, (FIXTURES / "feed-template.xml").read_bytes()),
    "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7 ..."),
    "/plain": (200, {"Content-Type": "text/plain"}, b"Exports of wheat fell by a tenth in February, customs data showed."),
    "/no-length": (200, {"Content-Type": "text/html"}, ARTICLE),
    "/menu": (200, {"Content-Type": "text/html"}, (FIXTURES / "menu-only.html").read_bytes()),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path == "/slow":
            time.sleep(1.0)
        status, headers, body = ROUTES.get(self.path, (404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>"))
        body = body.replace(b"{BASE}", self.server.base.encode())  # type: ignore[attr-defined]
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if self.path != "/no-length":  # that one is delimited by closing the connection
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (the timeout test does this on purpose)

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.base = f"http://127.0.0.1:{server.server_port}"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.base  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture()
def fetcher() -> Iterator[HttpFetcher]:
    with HttpFetcher(timeout=0.4) as f:
        yield f


def run(sources: list[str], fetcher: HttpFetcher) -> tuple[list[RawItem], list[InputError]]:
    items: list[RawItem] = []
    errors: list[InputError] = []
    for result in iter_items(sources, fetcher=fetcher):
        if isinstance(result, InputError):
            errors.append(result)
        else:
            items.append(result)
    return items, errors


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/article"


def test_article_url_becomes_a_document_with_page_metadata(base: str, fetcher: HttpFetcher) -> None:
    items, errors = run([f"{base}/news/convoy"], fetcher)
    assert errors == []
    doc = make_document(items[0])
    assert doc.origin == f"{base}/news/convoy" and doc.url == f"{base}/news/convoy"
    assert "forty trucks" in doc.text and "All rights reserved" not in doc.text
    assert doc.outlet == "The Meridian Courier"
    assert (doc.published, doc.published_source) == ("2023-03-14", "metadata")
    assert doc.language == "en"


def test_redirect_is_followed_and_final_url_kept(base: str, fetcher: HttpFetcher) -> None:
    items, errors = run([f"{base}/old-link"], fetcher)
    assert errors == []
    assert items[0].origin == f"{base}/old-link" and items[0].url == f"{base}/news/convoy"


def test_plain_text_url(base: str, fetcher: HttpFetcher) -> None:
    items, _ = run([f"{base}/plain"], fetcher)
    assert items[0].text == "Exports of wheat fell by a tenth in February, customs data showed."


def test_feed_url_fetches_pages_and_falls_back_to_item_content(base: str, fetcher: HttpFetcher) -> None:
    feed = f"{base}/feed.xml"
    items, errors = run([feed], fetcher)
    convoy, reservoir = items
    assert convoy.origin == f"{feed}#{base}/news/convoy"
    assert "forty trucks" in (convoy.text or "")
    assert (convoy.title, convoy.outlet, convoy.published) == (
        "Aid convoy reaches northern crossing",
        "Meridian Courier - World",
        "2023-03-14",
    )
    # Its page is missing (404) but the item carries a full article: used instead.
    assert reservoir.origin == f"{feed}#{base}/news/missing-page"
    assert (reservoir.text or "").startswith("Water levels in the three reservoirs")
    assert reservoir.published == "2023-03-15"
    # Page missing and only a one-line teaser: a failure for that item alone.
    [gone] = errors
    assert gone.origin == f"{feed}#{base}/news/gone"
    assert gone.reason.startswith("HTTP 404")
    assert "too short" in gone.reason


def test_feed_file_items_are_fetched(base: str, fetcher: HttpFetcher, tmp_path: Path) -> None:
    path = tmp_path / "world.rss"
    path.write_bytes((FIXTURES / "feed-template.xml").read_bytes().replace(b"{BASE}", base.encode()))
    items, errors = run([str(path)], fetcher)
    assert [i.origin for i in items] == [f"{path}#{base}/news/convoy", f"{path}#{base}/news/missing-page"]
    assert [e.origin for e in errors] == [f"{path}#{base}/news/gone"]


def test_malformed_feed_file_is_one_error(tmp_path: Path, fetcher: HttpFetcher) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<rss><channel><title>Half a feed", encoding="utf-8")
    items, errors = run([str(path)], fetcher)
    assert items == []
    assert len(errors) == 1 and errors[0].origin == str(path)
    assert errors[0].reason.startswith("malformed feed (")


def test_xml_that_is_not_a_feed(tmp_path: Path, fetcher: HttpFetcher) -> None:
    path = tmp_path / "config.xml"
    path.write_text("<?xml version='1.0'?><settings><colour>blue</colour></settings>", encoding="utf-8")
    _, errors = run([str(path)], fetcher)
    assert [(e.origin, e.reason) for e in errors] == [(str(path), "not an RSS or Atom feed")]


def test_each_bad_url_yields_one_named_error(base: str, fetcher: HttpFetcher) -> None:
    refused = closed_port_url()
    cases = {
        refused: "unreachable host 127.0.0.1",
        f"{base}/nowhere": "HTTP 404 Not Found",
        f"{base}/report.pdf": "unsupported content type 'application/pdf'",
        f"{base}/loop": "too many redirects",
        f"{base}/to-ftp": "redirected to a refused URL: unsupported URL scheme 'ftp'",
        f"{base}/slow": "timed out after 0.4 s",
        "ftp://files.example.org/a.txt": "unsupported URL scheme 'ftp'",
    }
    items, errors = run(list(cases), fetcher)
    assert items == []
    assert [e.origin for e in errors] == list(cases)
    for error in errors:
        assert error.reason.startswith(cases[error.origin]), error.reason
        assert "\n" not in error.reason


def test_page_without_article_text_fails_at_make_document(base: str, fetcher: HttpFetcher) -> None:
    items, errors = run([f"{base}/menu"], fetcher)
    assert errors == []
    with pytest.raises(InputError) as err:
        make_document(items[0])
    assert (err.value.origin, err.value.reason) == (f"{base}/menu", "no article text found in HTML")


@pytest.mark.parametrize("path", ["/news/convoy", "/no-length"], ids=["declared-length", "streamed"])
def test_size_cap(base: str, path: str) -> None:
    with HttpFetcher(max_bytes=len(ARTICLE) // 2) as small:
        _, errors = run([f"{base}{path}"], small)
        assert [e.origin for e in errors] == [f"{base}{path}"]
        assert errors[0].reason.startswith("too large (")
    with HttpFetcher(max_bytes=len(ARTICLE)) as exact:
        items, _ = run([f"{base}{path}"], exact)
        assert items[0].html is not None


def test_default_fetcher_is_created_and_errors_are_still_named() -> None:
    url = closed_port_url()
    results = list(iter_items([url]))
    assert len(results) == 1 and isinstance(results[0], InputError)
    assert results[0].origin == url and results[0].reason.startswith("unreachable host")


def test_atom_item_with_unreachable_page_falls_back_to_its_full_content(tmp_path: Path, fetcher: HttpFetcher) -> None:
    link = closed_port_url()
    first = (
        "Customs officers at the eastern rail terminal seized a shipment of drone engines declared as "
        "agricultural pump parts, the finance ministry said on Monday. Investigators said the consignment "
        "had passed through two intermediary companies before reaching the border."
    )
    second = (
        "The paperwork listed a buyer that had been dissolved a year earlier, a ministry official said, "
        "speaking on condition of anonymity. The engines will be examined by technical experts to establish "
        "where they were made and whether they match models found in debris after recent attacks."
    )
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Border Monitor</title>
  <id>urn:example:border-monitor</id>
  <updated>2024-02-06T10:00:00Z</updated>
  <entry>
    <title>Drone engines seized at rail terminal</title>
    <link rel="alternate" href="{link}"/>
    <id>urn:example:seizure</id>
    <updated>2024-02-05T18:00:00Z</updated>
    <content type="html">&lt;p&gt;{first}&lt;/p&gt;&lt;p&gt;{second}&lt;/p&gt;</content>
  </entry>
</feed>"""
    path = tmp_path / "monitor.atom"
    path.write_text(atom, encoding="utf-8")
    items, errors = run([str(path)], fetcher)
    assert errors == []
    [item] = items
    assert item.origin == f"{path}#{link}"
    assert (item.title, item.outlet, item.published, item.url) == (
        "Drone engines seized at rail terminal",
        "Border Monitor",
        "2024-02-05",
        link,
    )
    assert (item.text or "").startswith("Customs officers at the eastern rail terminal")
