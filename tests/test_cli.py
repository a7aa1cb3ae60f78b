"""The command line end to end: ingest the bundled examples, query them, export the contract."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from newsledger.cli.main import cli
from newsledger.export.ledger import schema

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEED = ROOT.parent / "shared" / "examples" / "seed-article.txt"


def run(db: Path, *args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def example_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("ledger") / "examples.db"
    code, out, err = run(db, "ingest", str(EXAMPLES))
    assert code == 0, err
    return db


def _check_export(db: Path, data: dict) -> None:
    """The export validates against the contract and every span indexes the stored text."""
    jsonschema.validate(data, schema())
    conn = sqlite3.connect(db)
    texts = dict(conn.execute("SELECT id, text FROM documents"))
    spans = [*data["mentions"], *data["times"], *(c["evidence"] for c in data["claims"])]
    spans += [ev for e in data["events"] for ev in e["evidence"]]
    parts = [c[k] for c in data["claims"] for k in ("source", "cue", "content") if c[k] is not None]
    assert spans and parts
    for c in data["claims"]:  # a claim's parts lie inside its sentence
        for k in ("source", "cue", "content"):
            if c[k] is not None:
                assert c["evidence"]["start"] <= c[k]["start"] < c[k]["end"] <= c["evidence"]["end"], (k, c)
    spans += parts
    for span in spans:
        assert texts[span["document"]][span["start"]:span["end"]] == span["text"]
    entity_ids = {e["id"] for e in data["entities"]}
    for e in data["events"]:
        assert {p["entity"] for p in e["participants"]} <= entity_ids
        assert e["location"] is None or e["location"] in entity_ids
        assert set(e["sources"]) <= set(texts)
    for c in data["claims"]:
        assert c["claimant"] is None or c["claimant"] in entity_ids
        assert set(c["via"]) <= entity_ids
    claim_ids = {c["id"] for c in data["claims"]}
    for r in data["relations"]:
        assert {r["a"], r["b"]} <= claim_ids


def test_examples_ingest_and_export(example_db, tmp_path):
    out = tmp_path / "out.json"
    code, _, err = run(example_db, "export", "--format", "json", "--output", str(out))
    assert code == 0, err
    data = json.loads(out.read_text())
    _check_export(example_db, data)
    n_files = len([p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html"}])
    n_records = len((EXAMPLES / "reports.jsonl").read_text().splitlines())
    assert len(data["documents"]) == n_files + n_records
    sources = {d["published_source"] for d in data["documents"] if d["published"]}
    assert sources == {"metadata", "inferred"}  # .txt files carry no metadata: dates come from the text
    assert all(d["published_source"] == "metadata" for d in data["documents"] if d["url"])
    assert {d["language"] for d in data["documents"]} == {"en"}
    types = {e["type"] for e in data["entities"]}
    assert {"person", "country", "place"} <= types
    assert data["events"] and data["claims"]
    # The same event reported by several outlets is merged, not repeated.
    assert any(len(e["sources"]) > 1 for e in data["events"])


def test_export_is_stable_across_runs(example_db, tmp_path):
    again = tmp_path / "again.db"
    assert run(again, "ingest", str(EXAMPLES))[0] == 0
    first = json.loads(run(example_db, "export", "--format", "json")[1])
    second = json.loads(run(again, "export", "--format", "json")[1])
    assert first == second


def test_reingest_changes_nothing(example_db):
    before = run(example_db, "export", "--format", "json")[1]
    code, out, _ = run(example_db, "ingest", str(EXAMPLES))
    assert code == 0
    assert out.strip().startswith("0 new")
    assert run(example_db, "export", "--format", "json")[1] == before


def test_jsonl_and_csv_exports(example_db, tmp_path):
    code, out, _ = run(example_db, "export", "--format", "jsonl")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0] == {"schema": "newsledger/1"}
    assert {line["table"] for line in lines[1:]} >= {"documents", "entities", "mentions"}
    folder = tmp_path / "csv"
    assert run(example_db, "export", "--format", "csv", "--output", str(folder))[0] == 0
    assert (folder / "documents.csv").read_text().startswith("id,url,urls,title")
    assert {p.name for p in folder.iterdir()} >= {"entities.csv", "events.csv", "claims.csv"}


def test_tables_timeline_and_show(example_db):
    code, out, _ = run(example_db, "timeline")
    assert code == 0 and "undated" not in out.splitlines()[0]
    events = json.loads(run(example_db, "events", "--json")[1])
    dated = [e["date"]["start"] for e in events if e["date"]["start"]]
    assert dated == sorted(dated)
    code, out, _ = run(example_db, "show", events[0]["id"])
    assert code == 0 and events[0]["evidence"][0]["text"][:40] in " ".join(out.split())
    entities = json.loads(run(example_db, "entities", "--type", "country", "--json")[1])
    assert entities and all(e["type"] == "country" for e in entities)
    name = entities[0]["name"]
    filtered = json.loads(run(example_db, "events", "--entity", name, "--json")[1])
    assert all(
        entities[0]["id"] in {p["entity"] for p in e["participants"]} | {e["location"]} for e in filtered
    )
    code, _, err = run(example_db, "show", "ent-doesnotexist")
    assert code == 1 and "no entity" in err


def test_contradictions_listed_with_reasons(example_db):
    rows = json.loads(run(example_db, "contradictions", "--json")[1])
    assert rows, "the examples hold conflicting reports"
    assert all(r["type"] == "contradicts" and r["reason"] for r in rows)


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not present")
def test_unseen_article_exports_valid_contract(tmp_path):
    db = tmp_path / "seed.db"
    code, _, err = run(db, "ingest", str(SEED), "--published", "2023-02-10")
    assert code == 0, err
    data = json.loads(run(db, "export", "--format", "json")[1])
    _check_export(db, data)
    assert data["documents"][0]["published"] == "2023-02-10"
    assert data["documents"][0]["published_source"] == "option"


def test_merge_and_split_from_the_command_line(tmp_path):
    db = tmp_path / "judge.db"
    article = tmp_path / "a.txt"
    article.write_text(
        "KYIV, May 2 (Reuters) - Defence Minister Olena Hart said on May 2, 2024 that the convoy had arrived. "
        "Her deputy, Petro Lisovyi, told reporters the trucks carried generators."
    )
    assert run(db, "ingest", str(article))[0] == 0
    people = {e["name"]: e["id"] for e in json.loads(run(db, "entities", "--type", "person", "--json")[1])}
    a, b = people["Olena Hart"], people["Petro Lisovyi"]
    code, out, _ = run(db, "entities", "merge", a, b, "--reason", "same official, test")
    assert code == 0 and "merged" in out
    merged = json.loads(run(db, "entities", "--type", "person", "--json")[1])
    assert len(merged) == len(people) - 1
    shown = json.loads(run(db, "show", a, "--json")[1])
    assert any(link["origin"] == "user" and link["reason"] == "same official, test" for link in shown["links"])
    assert run(db, "entities", "split", a, b)[0] == 0
    assert len(json.loads(run(db, "entities", "--type", "person", "--json")[1])) == len(people)
    code, _, err = run(db, "entities", "merge", a, "ent-nothing")
    assert code == 1 and "no entity" in err


def test_geocoded_places_are_one_entity_per_gazetteer_place(tmp_path):
    db = tmp_path / "geo.db"
    texts = {
        "a.txt": "Officials in Paris, France, said on May 2, 2024 that the talks would resume in Geneva.",
        "b.txt": "The mayor of Paris, Texas, said on May 3, 2024 that storms had damaged the water plant.",
        "c.txt": "Residents of Geneva, Switzerland, said on May 4, 2024 that the conference had closed.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    assert run(db, "ingest", *(str(tmp_path / n) for n in texts))[0] == 0
    places = json.loads(run(db, "entities", "--type", "place", "--json")[1])
    paris = [p for p in places if p["name"] == "Paris"]
    assert sorted(p["country"] for p in paris) == ["FR", "US"]  # same name, two places
    geneva = [p for p in places if p["name"] == "Geneva"]
    assert len(geneva) == 1 and geneva[0]["mentions"] == 2  # two articles, one place
