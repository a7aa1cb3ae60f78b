"""Each interchange export re-read by the library that consumes it: networkx, followthemoney, pyld."""

from __future__ import annotations

import io
import json
import re
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from newsledger import operations
from newsledger.cli.main import cli
from newsledger.errors import ExportError
from newsledger.export import formats
from newsledger.extract.events import plover_role

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    db = tmp_path_factory.mktemp("exports") / "ledger.db"
    report = operations.ingest([str(EXAMPLES)], db=db)
    assert report.ok and report.new
    return db, operations.build_export(db=db)


def _export(db: Path, fmt: str, tmp_path: Path) -> Path:
    out = operations.export(db=db, format=fmt, output=tmp_path / f"out.{fmt}")
    assert out is not None and out.stat().st_size > 0
    return out


def _expected_edges(data: dict[str, Any]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    shared: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for ev in data["events"]:
        involved = {p["entity"] for p in ev["participants"]} | ({ev["location"]} - {None})
        for pair in combinations(sorted(involved), 2):
            shared[pair].append(ev)
    return shared


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_reads_back_with_the_ledgers_entities_and_shared_events(
    ledger: tuple[Path, dict[str, Any]], tmp_path: Path, fmt: str, reader: Any
) -> None:
    db, data = ledger
    graph = reader(_export(db, fmt, tmp_path))
    assert graph.number_of_nodes() == len(data["entities"])
    for e in data["entities"]:
        node = graph.nodes[e["id"]]
        assert node["label"] == e["name"]
        assert node["type"] == e["type"]
        assert int(node["mentions"]) == e["mentions"]
        if e["lat"] is not None:
            assert float(node["lat"]) == pytest.approx(e["lat"])
            assert float(node["lon"]) == pytest.approx(e["lon"])
        else:
            assert "lat" not in node  # unknown stays absent: GraphML/GEXF have no null
    shared = _expected_edges(data)
    assert shared, "the examples hold events with two or more entities"
    for (a, b), events in shared.items():
        edge = graph.edges[a, b]
        assert int(edge["shared_events"]) == len(events)
        assert edge["event_types"].split("; ") == sorted({ev["type"] for ev in events})
        assert float(edge["weight"]) == int(edge["shared_events"]) + int(edge["attributions"])
    for a, b, edge in graph.edges(data=True):
        if (min(a, b), max(a, b)) not in shared:
            assert edge["kind"] == "claim" and int(edge["attributions"]) > 0


def test_ftm_lines_are_valid_entities_whose_references_resolve(
    ledger: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    from followthemoney import model
    from followthemoney.types import registry

    db, data = ledger
    lines = _export(db, "ftm", tmp_path).read_text("utf-8").splitlines()
    proxies = [model.get_proxy(json.loads(line)) for line in lines]
    ids = {p.id: p for p in proxies}
    assert len(ids) == len(proxies)
    by_schema = Counter(p.schema.name for p in proxies)
    assert by_schema["Article"] == len(data["documents"])
    assert by_schema["Event"] == len(data["events"])
    assert by_schema["Person"] == sum(e["type"] == "person" for e in data["entities"])
    assert by_schema["PublicBody"] == sum(e["type"] == "country" for e in data["entities"])
    for proxy in proxies:
        assert not proxy.schema.abstract
        for prop in proxy.schema.required:
            assert proxy.get(prop), f"{proxy.schema.name} {proxy.id} lacks {prop}"
        for prop, value in proxy.itervalues():
            if prop.type == registry.entity:
                assert value in ids, f"{proxy.id}.{prop.name} -> {value} not exported"
                target = ids[value]
                assert target.schema.is_a(prop.range), f"{prop.name} points at a {target.schema.name}"
    events = {p.id: p for p in proxies if p.schema.name == "Event"}
    for ev in data["events"]:
        assert set(events[ev["id"]].get("proof")) == set(ev["sources"])
        if ev["date"]["start"]:
            assert events[ev["id"]].get("startDate") == [ev["date"]["start"]]


def test_plover_records_have_the_required_fields_and_resolvable_actors(
    ledger: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    db, data = ledger
    entities = {e["id"]: e for e in data["entities"]}
    events = {e["id"]: e for e in data["events"]}
    published = {d["id"]: d["published"] for d in data["documents"]}
    records = [json.loads(x) for x in _export(db, "plover", tmp_path).read_text("utf-8").splitlines()]
    datable = [e for e in data["events"]
               if e["plover"] and (e["date"]["start"] or any(published[s] for s in e["sources"]))]
    assert len(records) == len(datable) > 0
    for r in records:
        assert {"id", "date", "source", "event"} <= set(r)
        assert PARTIAL_DATE.match(r["date"]) and (r.get("enddate") is None or PARTIAL_DATE.match(r["enddate"]))
        assert r["event"] == [events[r["id"]]["plover"]]
        ev = events[r["id"]]
        for slot, roles in (("source", {"agent"}), ("recipient", {"recipient", "target"})):
            expected = sorted(p["entity"] for p in ev["participants"]  # a transfer's acting side is its source
                              if plover_role(ev["type"], ev["mode"], p["role"]) in roles)
            assert sorted(a["newsledger_id"] for a in r[slot]) == expected
            for actor in r[slot]:
                assert actor["actor_text"] == entities[actor["newsledger_id"]]["name"]
        if r["date_basis"] == "text":
            assert r["date"] == ev["date"]["start"]
        else:
            assert r["date"] == min(published[s] for s in ev["sources"] if published[s])
        doc_text = r["text"]
        assert doc_text in ev["evidence"][0]["text"]
        assert r["text_info"]["end"] - r["text_info"]["start"] == len(doc_text)


def _local_loader(served: list[str]) -> Any:
    # A tiny schema.org context written for this test: every term the export uses, no network.
    schema_terms = ["Claim", "NewsArticle", "Organization", "Person", "Event", "Place", "text",
                    "name", "headline", "url", "datePublished", "dateCreated", "inLanguage",
                    "startDate", "endDate", "alternateName"]
    id_terms = ["author", "appearance", "firstAppearance", "publisher", "about", "location",
                "contributor", "sameAs"]
    context: dict[str, Any] = {t: f"http://schema.org/{t}" for t in schema_terms}
    context.update({t: {"@id": f"http://schema.org/{t}", "@type": "@id"} for t in id_terms})
    context["url"] = {"@id": "http://schema.org/url", "@type": "@id"}

    def load(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        served.append(url)
        if url.rstrip("/") != "https://schema.org":
            raise AssertionError(f"the test must not fetch {url}")
        return {"contextUrl": None, "documentUrl": url, "document": {"@context": context}}

    return load


def test_claims_expand_as_json_ld_with_type_author_and_appearance(
    ledger: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    from pyld import jsonld

    db, data = ledger
    doc = json.loads(_export(db, "claimreview", tmp_path).read_text("utf-8"))
    served: list[str] = []
    expanded = jsonld.expand(doc, {"documentLoader": _local_loader(served)})
    assert served  # the remote context was asked for, and answered locally
    s = "http://schema.org/"
    claims = [n for n in expanded if f"{s}Claim" in n.get("@type", [])]
    assert len(claims) == len(data["claims"])
    by_id = {c["id"]: c for c in data["claims"]}
    for node in claims:
        author = node[f"{s}author"][0]
        assert author["@type"][0] in (f"{s}Person", f"{s}Organization")
        assert author[f"{s}name"][0]["@value"]
        article = node[f"{s}appearance"][0]
        assert f"{s}NewsArticle" in article["@type"]
        assert node[f"{s}firstAppearance"][0]["@id"] == article["@id"]
        claim = by_id[node["@id"].removeprefix("urn:newsledger:")]
        assert node[f"{s}text"][0]["@value"] == claim["text"].strip()
        assert node["urn:newsledger:vocab:stance"][0]["@value"] == claim["stance"]
    contradicting = [n for n in claims if "urn:newsledger:vocab:contradicts" in n]
    assert len(contradicting) == len({x for r in data["relations"] if r["type"] == "contradicts"
                                      for x in (r["a"], r["b"])})


def test_cli_writes_each_format_to_stdout(ledger: tuple[Path, dict[str, Any]]) -> None:
    db, data = ledger
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(db), "export", "--format", "plover"])
    assert result.exit_code == 0, result.output
    assert all(json.loads(line)["id"].startswith("evt-") for line in result.stdout.splitlines())
    result = runner.invoke(cli, ["--db", str(db), "export", "--format", "graphml"])
    assert result.exit_code == 0
    graph = nx.read_graphml(io.BytesIO(result.stdout.encode("utf-8")))
    assert graph.number_of_nodes() == len(data["entities"])


def test_unknown_format_is_an_export_error(ledger: tuple[Path, dict[str, Any]]) -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        formats.render(ledger[1], "kml")
    assert set(formats.names()) == {"graphml", "gexf", "ftm", "plover", "claimreview"}


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "ftm", "plover", "claimreview"])
def test_an_empty_ledger_exports_an_empty_but_valid_file(fmt: str) -> None:
    empty: dict[str, Any] = {"schema": "newsledger/1", "documents": [], "entities": [], "events": [],
                             "claims": [], "relations": [], "mentions": [], "times": []}
    payload = formats.render(empty, fmt)
    if fmt in ("graphml", "gexf"):
        reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
        assert reader(io.BytesIO(payload)).number_of_nodes() == 0
    elif fmt == "claimreview":
        assert json.loads(payload)["@graph"] == []
    else:
        assert payload == b""
