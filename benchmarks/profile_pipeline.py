"""Where the time goes: each spaCy pipe and each newsledger stage, on a fixed set of real news articles.

Runs the same steps as newsledger.extract.document.extract, one stage at a time over all articles, so each
stage's share is measured on its own: ingest (make_document), the tokenizer and every pipe of get_nlp()
(via pipe.pipe in batches, as nlp.pipe does), then find_mentions, geocode, resolve_in_document, find_times,
find_events, find_claims, and the store write (Ledger.add into a fresh SQLite file). Model loading is
reported apart. Articles: a fixed, evenly spread subset of the throughput corpus (see common.news_corpus).

    .venv/bin/python benchmarks/profile_pipeline.py [--articles 200] [--json] [--scaling]

--scaling also times each newsledger stage on one long text and on the same text eight times over: a stage
that grows much faster than 8x has a quadratic step (this replaces a timed unit test; timings belong here).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CACHE_DIR, emit_result, news_corpus, print_table  # noqa: E402

BATCH = 16


class Clock:
    """Accumulates seconds per named step, in first-seen order."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def run(self, name: str, fn: Callable[[], Any]) -> Any:
        t0 = time.perf_counter()
        out = fn()
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t0
        return out


def profile(corpus: list[tuple[str, str]]) -> tuple[dict[str, float], float, int]:
    """(seconds per step, model load seconds, articles stored)."""
    from dataclasses import replace

    from newsledger.extract.attribution import find_claims
    from newsledger.extract.entities import find_mentions
    from newsledger.extract.events import find_events
    from newsledger.extract.pipeline import get_nlp
    from newsledger.extract.times import find_times
    from newsledger.ingest.documents import make_document
    from newsledger.ingest.sources import RawItem
    from newsledger.model import Extraction
    from newsledger.resolve.names import resolve_in_document
    from newsledger.resolve.places import geocode
    from newsledger.store.sqlite import Ledger

    t0 = time.perf_counter()
    nlp = get_nlp()
    # Warm the lazily loaded parts (gazetteer, data files) so they count as loading, not as a stage.
    from newsledger.extract.document import extract

    extract(make_document(RawItem(origin="warm-up", text="Officials in Kyiv said on Monday that 12 drones hit Odesa.")))
    load_s = time.perf_counter() - t0

    clock = Clock()
    documents = clock.run("ingest: make_document", lambda: [make_document(RawItem(origin=o, text=t))
                                                           for o, t in corpus])
    docs = clock.run("spaCy: tokenizer", lambda: [nlp.make_doc(d.text) for d in documents])
    for name, proc in nlp.pipeline:
        if hasattr(proc, "pipe"):
            docs = clock.run(f"spaCy: {name}", lambda p=proc: list(p.pipe(docs, batch_size=BATCH)))
        else:
            docs = clock.run(f"spaCy: {name}", lambda p=proc: [p(d) for d in docs])

    extractions = []
    for document, doc in zip(documents, docs):
        mentions = clock.run("find_mentions", lambda: find_mentions(doc))
        mentions = clock.run("geocode", lambda: geocode(doc, mentions))
        mentions = clock.run("resolve_in_document", lambda: resolve_in_document(mentions, doc.text))
        times = clock.run("find_times", lambda: find_times(doc, document.published))
        events = clock.run("find_events", lambda: find_events(doc, mentions, times))
        claims = clock.run("find_claims", lambda: find_claims(doc, mentions, times, events))
        # The same records extract() returns (document ids filled in as document.py does).
        x = Extraction(document=document, mentions=tuple(mentions), times=tuple(times),
                       events=tuple(replace(e, trigger=replace(e.trigger, document=document.id),
                                            sentence=replace(e.sentence, document=document.id)) for e in events),
                       claims=tuple(claims), sentences=tuple((s.start_char, s.end_char) for s in doc.sents))
        extractions.append(x)

    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE_DIR) as tmp, Ledger(Path(tmp) / "profile.db") as ledger:
        clock.run("store: Ledger.add", lambda: [ledger.add(x) for x in extractions])
    return clock.seconds, load_s, len(extractions)


def scaling(corpus: list[tuple[str, str]], repeat: int = 8) -> dict[str, float]:
    """Time ratio per stage between a text `repeat` times longer and the original (linear: about `repeat`)."""
    from newsledger.extract.attribution import find_claims
    from newsledger.extract.entities import find_mentions
    from newsledger.extract.events import find_events
    from newsledger.extract.pipeline import get_nlp
    from newsledger.extract.times import find_times
    from newsledger.resolve.names import resolve_in_document
    from newsledger.resolve.places import geocode

    nlp = get_nlp()
    base = "\n\n".join(t for _, t in corpus[:10])
    seconds: dict[str, list[float]] = {}
    for text in (base, "\n\n".join([base] * repeat)):
        doc = nlp(text)
        clock = Clock()
        mentions = clock.run("find_mentions", lambda: find_mentions(doc))
        mentions = clock.run("geocode", lambda: geocode(doc, mentions))
        mentions = clock.run("resolve_in_document", lambda: resolve_in_document(mentions, doc.text))
        times = clock.run("find_times", lambda: find_times(doc, "2024-01-01"))
        events = clock.run("find_events", lambda: find_events(doc, mentions, times))
        clock.run("find_claims", lambda: find_claims(doc, mentions, times, events))
        for k, v in clock.seconds.items():
            seconds.setdefault(k, []).append(v)
    ratios = {k: round(b / max(a, 1e-4), 1) for k, (a, b) in seconds.items()}
    print_table(("stage", f"1x s ({len(base.split()):,} words)", f"{repeat}x s", "ratio"),
                [(k, round(v[0], 3), round(v[1], 3), ratios[k]) for k, v in seconds.items()])
    return ratios


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200, help="fixed spread subset size (default 200)")
    ap.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    ap.add_argument("--scaling", action="store_true", help="also time each stage on 1x and 8x the same text")
    args = ap.parse_args(argv)
    corpus = news_corpus(args.articles)
    if not corpus:
        print("skip profile: no news articles found under the evaluation data")
        return 0
    words = sum(len(t.split()) for _, t in corpus)
    print(f"{len(corpus)} articles, {words:,} words")
    seconds, load_s, stored = profile(corpus)
    total = sum(seconds.values())
    print_table(("step", "seconds", "ms/article", "share %"),
                [(k, round(v, 2), round(1000 * v / len(corpus), 2), round(100 * v / total, 1))
                 for k, v in seconds.items()])
    print(f"total {total:.1f} s for {len(corpus)} articles ({len(corpus) / total:.1f} articles/s, "
          f"{words / total:,.0f} words/s); model and data loading {load_s:.1f} s, not counted")
    ratios = scaling(corpus) if args.scaling else None
    if args.json:
        emit_result("profile", {"articles": len(corpus), "words": words, "load_s": round(load_s, 2),
                                "seconds": {k: round(v, 3) for k, v in seconds.items()},
                                **({"scaling_8x": ratios} if ratios else {})})
    return 0


if __name__ == "__main__":
    sys.exit(main())
