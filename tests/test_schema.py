"""The newsledger/1 JSON Schema against the contract page and its worked example.

The example in docs/export-contract.md is the one place where the contract is shown
whole, so it must validate; broken copies of it must not, or the schema checks nothing.
"""

from __future__ import annotations

import copy
import json
import re
import typing
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsledger import model

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "docs" / "export-contract.md"

# The contract's required fields, written out here independently of the schema
# file so that a field dropped from the schema's "required" lists is caught.
CONTRACT_FIELDS: dict[str, tuple[str, ...]] = {
    "documents": ("id", "url", "urls", "title", "outlet", "published", "published_source", "language"),
    "entities": ("id", "type", "name", "aliases", "lat", "lon", "geonames_id", "country", "wikidata"),
    "events": ("id", "type", "plover", "mode", "date", "location", "participants", "quantities", "money",
               "evidence", "sources"),
    "claims": ("id", "event", "claimant", "via", "stance", "hedged", "date", "text", "evidence"),
    "relations": ("type", "a", "b", "reason"),
    "mentions": ("entity", "document", "start", "end", "text"),
    "times": ("document", "start", "end", "text", "value"),
}


def _fenced_block(markdown: str, lang: str) -> str:
    blocks = re.findall(rf"^```{lang}\n(.*?)^```", markdown, flags=re.S | re.M)
    assert len(blocks) == 1, f"expected exactly one ```{lang} block in {CONTRACT.name}, found {len(blocks)}"
    return blocks[0]


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    text = files("newsledger.export").joinpath("newsledger-1.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def contract_md() -> str:
    return CONTRACT.read_text(encoding="utf-8")


@pytest.fixture()
def example(contract_md: str) -> dict[str, Any]:
    """A fresh copy of the documented example export (tests mutate it)."""
    return json.loads(_fenced_block(contract_md, "json"))


def _errors(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [e.message for e in validator.iter_errors(data)]


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_documented_example_validates(validator: jsonschema.Draft202012Validator,
                                      example: dict[str, Any]) -> None:
    assert _errors(validator, example) == []
    # The example is meant to be complete: every array of the contract has a record.
    assert all(example[table] for table in CONTRACT_FIELDS)


def test_example_offsets_match_the_documented_text(contract_md: str, example: dict[str, Any]) -> None:
    text = _fenced_block(contract_md, "text").rstrip("\n")
    spans = [*example["mentions"], *example["times"], *(c["evidence"] for c in example["claims"]),
             *(ev for e in example["events"] for ev in e["evidence"])]
    assert spans
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"], span


def test_example_references_resolve(example: dict[str, Any]) -> None:
    docs = {d["id"] for d in example["documents"]}
    ents = {e["id"] for e in example["entities"]}
    evts = {e["id"] for e in example["events"]}
    clms = {c["id"] for c in example["claims"]}
    for event in example["events"]:
        assert event["location"] is None or event["location"] in ents
        assert {p["entity"] for p in event["participants"]} <= ents
        assert {q["entity"] for q in event["quantities"]} - {None} <= ents
        assert set(event["sources"]) <= docs
        assert {ev["document"] for ev in event["evidence"]} <= docs
    for claim in example["claims"]:
        assert claim["event"] is None or claim["event"] in evts
        assert claim["claimant"] is None or claim["claimant"] in ents
        assert set(claim["via"]) <= ents
        assert claim["evidence"]["document"] in docs
        assert claim.get("events", [claim["event"]])[0] == claim["event"]
    for rel in example["relations"]:
        assert {rel["a"], rel["b"]} <= clms
    for item in [*example["mentions"], *example["times"]]:
        assert item["document"] in docs
    assert {m["entity"] for m in example["mentions"]} <= ents


@pytest.mark.parametrize(("table", "field"),
                         [(t, f) for t, fields in CONTRACT_FIELDS.items() for f in fields])
def test_missing_record_field_fails(validator: jsonschema.Draft202012Validator, example: dict[str, Any],
                                    table: str, field: str) -> None:
    del example[table][0][field]
    assert any(field in message for message in _errors(validator, example))


@pytest.mark.parametrize("table", ["schema", *CONTRACT_FIELDS])
def test_missing_top_level_field_fails(validator: jsonschema.Draft202012Validator, example: dict[str, Any],
                                       table: str) -> None:
    del example[table]
    assert _errors(validator, example)


def _set(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


BROKEN: list[tuple[tuple[Any, ...], Any]] = [
    (("schema",), "newsledger/2"),
    (("claims", 0, "stance"), "claims"),
    (("claims", 0, "stance"), "Denies"),
    (("claims", 1, "hedged"), "yes"),
    (("claims", 1, "date"), "2023/01/05"),
    (("documents", 0, "published"), "2023/01/05"),
    (("documents", 0, "published"), "05-01-2023"),
    (("documents", 0, "published"), "2023-1-5"),
    (("documents", 0, "published_source"), "guessed"),
    (("events", 0, "date", "start"), "2023/01/05"),
    (("events", 0, "date", "end"), "Tuesday"),
    (("events", 0, "quantities", 0, "value"), "12"),
    (("events", 0, "money", 0, "value"), "90 million"),
    (("events", 0, "money", 0, "currency"), "euros"),
    (("events", 0, "participants", 0, "entity"), "Norway"),
    (("events", 0, "sources"), "doc-dd7bc8770e1f945b"),
    (("events", 0, "modality"), "likely"),
    (("entities", 0, "lat"), "62.0"),
    (("entities", 0, "lat"), 162.0),
    (("entities", 0, "geonames_id"), "3144096"),
    (("entities", 0, "type"), "city"),
    (("entities", 0, "aliases"), None),
    (("entities", 0, "wikidata"), "20"),
    (("entities", 0, "id"), "evt-d809e35a53cafb4a"),
    (("mentions", 0, "start"), "0"),
    (("mentions", 0, "end"), -1),
    (("times", 0, "start"), 1.5),
    (("relations", 0, "type"), "supports"),
    (("relations", 0, "a"), "ent-8d0f782d15ff4905"),
    (("claims", 0, "via"), ["local media"]),
    (("claims", 0, "event"), "clm-aa4bceac6aec96e1"),
]


@pytest.mark.parametrize(("path", "value"), BROKEN,
                         ids=[".".join(map(str, p)) + "=" + repr(v) for p, v in BROKEN])
def test_wrong_value_fails(validator: jsonschema.Draft202012Validator, example: dict[str, Any],
                           path: tuple[Any, ...], value: Any) -> None:
    _set(example, path, value)
    assert _errors(validator, example)


NULLABLE: list[tuple[Any, ...]] = [
    ("documents", 0, "url"), ("documents", 0, "title"), ("documents", 0, "outlet"),
    ("documents", 0, "published"), ("documents", 0, "published_source"), ("documents", 0, "language"),
    ("entities", 0, "lat"), ("entities", 0, "lon"), ("entities", 0, "geonames_id"),
    ("entities", 0, "country"), ("entities", 0, "wikidata"),
    ("events", 0, "plover"), ("events", 0, "mode"), ("events", 0, "location"),
    ("events", 0, "date", "start"), ("events", 0, "date", "end"),
    ("events", 0, "quantities", 0, "unit"), ("events", 0, "quantities", 0, "entity"),
    ("events", 0, "money", 0, "currency"),
    ("claims", 0, "event"), ("claims", 0, "claimant"), ("claims", 0, "date"),
    ("times", 0, "value"),
]


@pytest.mark.parametrize("path", NULLABLE, ids=[".".join(map(str, p)) for p in NULLABLE])
def test_documented_nulls_are_allowed(validator: jsonschema.Draft202012Validator, example: dict[str, Any],
                                      path: tuple[Any, ...]) -> None:
    _set(example, path, None)
    assert _errors(validator, example) == []


@pytest.mark.parametrize("value", ["2024", "2024-03", "2024-03-04"])
def test_dates_keep_the_precision_the_text_supports(validator: jsonschema.Draft202012Validator,
                                                    example: dict[str, Any], value: str) -> None:
    example["documents"][0]["published"] = value
    example["events"][0]["date"] = {"start": value, "end": value}
    assert _errors(validator, example) == []


def test_added_fields_are_allowed_everywhere(validator: jsonschema.Draft202012Validator,
                                             example: dict[str, Any]) -> None:
    extended = copy.deepcopy(example)
    extended["generator"] = "newsledger 0.1"
    for table in CONTRACT_FIELDS:
        for record in extended[table]:
            record["x_note"] = "added later"
    extended["events"][0]["date"]["precision"] = "day"
    extended["claims"][0]["evidence"]["sentence"] = 0
    assert _errors(validator, extended) == []


def _literal_values(alias: Any) -> set[str]:
    return set(typing.get_args(alias))


def test_schema_enums_agree_with_the_model(schema: dict[str, Any]) -> None:
    defs = schema["$defs"]
    assert set(defs["entity"]["properties"]["type"]["enum"]) == set(model.ENTITY_TYPES)
    assert set(defs["claim"]["properties"]["stance"]["enum"]) == _literal_values(model.Stance)
    assert set(defs["event"]["properties"]["modality"]["enum"]) == _literal_values(model.Modality)
    published = set(defs["document"]["properties"]["published_source"]["enum"])
    assert published == _literal_values(model.PublishedSource) | {None}


def test_schema_requires_every_contract_field(schema: dict[str, Any]) -> None:
    names = {"documents": "document", "entities": "entity", "events": "event", "claims": "claim",
             "relations": "relation", "mentions": "mention", "times": "time"}
    assert set(schema["required"]) == {"schema", *CONTRACT_FIELDS}
    for table, fields in CONTRACT_FIELDS.items():
        assert set(schema["$defs"][names[table]]["required"]) == set(fields), table
