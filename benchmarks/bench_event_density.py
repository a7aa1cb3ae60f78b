"""Benchmark event precision on general news: events per 1,000 words on FNC-1 article bodies.

There is no gold event annotation for these bodies; the figure watches over-triggering. General news
(celebrity rumours, business, technology, some conflict) uses many of our trigger words in other senses
("charged a fee", "hosted the Olympics", "shot a film", "called off a strike"): an extractor that reads
the parse should report far fewer events there than an extractor that spots trigger words.

Reads, at run time and never copying it, ../shared/eval/fnc-1/competition_test_bodies.csv and takes a
fixed sample: the first N bodies in file order (default 200). Each goes through the real pipeline
(make_document → extract).

Baseline in the same run: keyword spotting — every token whose lemma and part of speech match a trigger
row (newsledger.extract.events.match_trigger), with no check on its arguments. The table also lists the
trigger words that make the most events, to read by eye.

Usage: .venv/bin/python benchmarks/bench_event_density.py [--limit N] [--show N]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit_result, eval_path, print_table  # noqa: E402


def read_bodies(path: Path, limit: int) -> list[tuple[str, str]]:
    csv.field_size_limit(10_000_000)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [(r["Body ID"], r["articleBody"]) for r in rows[:limit]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=200, help="the first N bodies (default 200)")
    ap.add_argument("--show", type=int, default=0, help="print N event sentences (trigger in brackets)")
    args = ap.parse_args(argv)
    folder = eval_path("fnc-1")
    if folder is None:
        return 0
    bodies = read_bodies(folder / "competition_test_bodies.csv", args.limit)

    from newsledger.extract.document import extract_many
    from newsledger.extract.events import match_trigger
    from newsledger.extract.pipeline import get_nlp
    from newsledger.ingest.documents import make_document
    from newsledger.ingest.sources import RawItem

    t0 = time.perf_counter()
    docs = [make_document(RawItem(origin=f"fnc-1 body {i}", text=text)) for i, text in bodies]
    extractions = list(extract_many(docs))
    seconds = time.perf_counter() - t0
    words = sum(len(text.split()) for _, text in bodies)
    events = [e for ex in extractions for e in ex.events]
    spotted = sum(1 for doc in get_nlp().pipe(text for _, text in bodies) for t in doc if match_trigger(t))

    def per_k(n: int) -> float:
        return round(1000 * n / words, 2) if words else 0.0

    print(f"FNC-1 bodies: {len(bodies)} (the first in file order), {words:,} words")
    print_table(["system", "events", "per 1k words"], [
        ["baseline (trigger words, no argument checks)", spotted, per_k(spotted)],
        ["newsledger events", len(events), per_k(len(events))],
    ])
    by_type = Counter(e.type for e in events)
    print_table(["type", "events", "per 1k words"], [[t, n, per_k(n)] for t, n in by_type.most_common()])
    by_word = Counter(e.trigger.text.lower() for e in events)
    print("most frequent triggers: " + ", ".join(f"{w} {n}" for w, n in by_word.most_common(25)))
    for e in events[: args.show]:
        s = e.sentence
        a, b = e.trigger.start - s.start, e.trigger.end - s.start
        print(f"  {e.type}/{e.mode}: {s.text[:a]}[{s.text[a:b]}]{s.text[b:][:80]}".replace("\n", " ")[:220])
    emit_result("event_density", {
        "n": len(bodies), "words": words, "seconds": round(seconds, 2),
        "systems": [
            {"system": "ours", "events": len(events), "per_1k_words": per_k(len(events))},
            {"system": "baseline", "events": spotted, "per_1k_words": per_k(spotted)},
        ],
        "types": dict(by_type.most_common()),
    })
    return 0


if __name__ == "__main__":
    sys.exit(main())
