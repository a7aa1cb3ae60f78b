"""POST /api/ingest: the one write path, with untrusted text that must come back as text."""

from __future__ import annotations

ARTICLE = (
    "WARSAW, June 3 - Poland has delivered 24 self-propelled howitzers to Lithuania under a deal signed "
    "last year, the Polish defence ministry said on Monday. <script>alert(1)</script> The ministry said "
    "the guns arrived at a base near Vilnius. A Lithuanian official said a second batch would follow in autumn."
)


def test_ingested_script_comes_back_as_literal_json_text(writer, auth):
    title = "Poland <b>delivers</b> howitzers"
    created = writer.post(
        "/api/ingest",
        json={"text": ARTICLE, "title": title, "published": "2025-06-03", "outlet": "Example Wire"},
        headers=auth,
    )
    assert created.status_code == 201, created.text
    report = created.json()
    assert report["ok"] and len(report["new"]) == 1 and report["failed"] == []
    doc_id = report["new"][0]

    shown = writer.get(f"/api/documents/{doc_id}")
    assert shown.headers["content-type"].startswith("application/json")
    assert shown.headers["x-content-type-options"] == "nosniff"
    doc = shown.json()
    assert "<script>alert(1)</script>" in doc["text"]
    assert doc["title"] == title and doc["published"] == "2025-06-03" and doc["outlet"] == "Example Wire"

    again = writer.post("/api/ingest", json={"text": ARTICLE, "title": title}, headers=auth)
    assert again.status_code == 200 and again.json()["unchanged"] == [doc_id]
    assert writer.get("/api/stats").json()["documents"] == 1
    found = writer.get("/api/search", params={"q": "HOWITZERS"}).json()
    assert [d["id"] for d in found["documents"]] == [doc_id]


def test_html_body_is_extracted_as_an_article(writer, auth):
    paragraphs = "".join(f"<p>{s}.</p>" for s in ARTICLE.replace("<script>alert(1)</script> ", "").split(". "))
    page = f"<html><head><title>Howitzers for Lithuania</title></head><body><article>{paragraphs}</article></body></html>"
    report = writer.post("/api/ingest", json={"html": page, "published": "2025-06-03"}, headers=auth).json()
    assert report["ok"], report
    doc = writer.get(f"/api/documents/{report['new'][0]}").json()
    assert "<p>" not in doc["text"] and "howitzers" in doc["text"]


def test_bad_bodies_are_refused(writer, auth):
    assert writer.post("/api/ingest", json={}, headers=auth).status_code == 422
    assert writer.post("/api/ingest", json={"text": "  "}, headers=auth).status_code == 422
    assert writer.post("/api/ingest", json={"text": "x", "extra": 1}, headers=auth).status_code == 422
    assert writer.post("/api/ingest", json={"text": 5}, headers=auth).status_code == 422


def test_url_that_is_not_http_never_reads_a_local_file(writer, auth, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Officials in the capital said talks would resume next week. " * 5)
    response = writer.post("/api/ingest", json={"url": str(secret)}, headers=auth)
    assert response.status_code == 400
    assert "scheme" in response.json()["error"]["message"]
    assert writer.get("/api/stats").json()["documents"] == 0


def test_url_on_a_private_address_is_not_fetched(writer, auth):
    for url in ("http://127.0.0.1:9/article", "http://[::1]:9/a", "http://169.254.169.254/latest/meta-data"):
        report = writer.post("/api/ingest", json={"url": url}, headers=auth).json()
        assert not report["ok"] and report["new"] == []
        assert report["failed"][0]["origin"] == url
        assert "non-public address" in report["failed"][0]["reason"]
