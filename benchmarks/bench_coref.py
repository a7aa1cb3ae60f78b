"""Benchmark cross-document event coreference on ECB+ test topics 36–45 (gold mentions): MUC, B³, CEAF-e, CoNLL F1.

Reads, at run time and never copying it, ../shared/eval/ecbplus (CROMER XML, see its SOURCE.md). The gold event
mentions are the ACTION_* and NEG_ACTION_* markables of the test topics; by default only those in the sentences
listed in ECBplus_coreference_sentences.csv (the "Cybulska setup" most papers score on; --all-sentences for
every sentence). Gold clusters: the CROSS_DOC_COREF instance id of a mention, else its INTRA_DOC_COREF chain,
else a singleton. Every system clusters the same gold mentions, within a topic (gold topics, as is usual).

Systems, all in one run:
- lemma    — the same-lemma baseline: mentions whose head lemma (spaCy, the root of the mention's span) is
             equal are one cluster within the topic.
- ours     — newsledger's matcher, resolve.events.match, the decision code the ledger uses at ingest. Each
             document is rebuilt as text (tokens joined, one sentence a line), made into a Document with
             make_document (its date is inferred from the text, as for any undated input) and run through
             extract(). A gold mention takes the EventRecord whose trigger overlaps it (type, mode,
             participants, location, time); when none does, it has no type of ours and the mentions of its
             sentence stand in as participants (weapons as items, places as the location) and the sentence's
             first dated time expression as its time. Its trigger is the mention's head lemma; its wording the
             content words of its sentence and of its document (resolve.events.content_words), as the ledger
             reads them from the stored text. Mentions across the topic's documents are resolved to canonical
             entities with name_key (exact) and match_score >= names.DEFAULT_THRESHOLD, joined with
             resolve.clusters. Two mentions of different documents are linked when match() accepts their
             EventViews. match() never links two reports of one document by wording, so within a document ours
             links mentions that map to the same EventRecord or share their head lemma (newsledger has no
             within-document coreference of events it does not type; the lemma rule is the baseline's).
- ours+lemma — the union of ours and lemma links, to see what the lemma rule alone would add.
- match-only — ours without the within-document lemma links (match() and same-EventRecord links only).

Scores: the standard definitions (Vilain et al. 1995 MUC; Bagga & Baldwin 1998 B³; Luo 2005 CEAF-e with φ4),
written here because no scorer package is a dependency; CoNLL F1 is the mean of the three F1s. Singletons are
kept. Published lemma baselines differ in preprocessing (document clustering, singletons, topic grouping), so
no anchor is quoted; compare the systems of one run.

Usage: .venv/bin/python benchmarks/bench_coref.py [--split test|dev|train] [--limit N] [--all-sentences]
       (--limit N: N documents, evenly spread over the topics)
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit_result, eval_path, print_table  # noqa: E402

# The usual split (Cybulska & Vossen 2015; Barhom et al. 2019): test 36-45, dev 8 topics, train the rest
# (topics 15 and 17 do not exist). Rules and constants here were chosen on dev/train, then run on test.
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
SPLITS = {
    "test": tuple(range(36, 46)),
    "dev": DEV_TOPICS,
    "train": tuple(t for t in range(1, 36) if t not in DEV_TOPICS and t not in (15, 17)),
}
ITEM_ROLES = frozenset({"item", "instrument"})
ITEM_TYPES = frozenset({"weapon"})
PLACE_TYPES = frozenset({"place", "facility"})
BROAD_TYPES = frozenset({"country", "nationality"})  # as the ledger's load_event_view marks them
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]|'s|'re|'ve|'ll|'d|'m|n't)$", re.IGNORECASE)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$"})


@dataclass
class GoldMention:
    id: str  # "<doc>#<m_id>"
    doc: str
    topic: int
    tokens: list[int]  # t_ids
    sentence: int
    cluster: str
    start: int = 0  # character offsets in the rebuilt document text
    end: int = 0


@dataclass
class GoldDoc:
    name: str
    topic: int
    tokens: list[tuple[int, int, str]]  # (t_id, sentence, text)
    mentions: list[GoldMention] = field(default_factory=list)


def validated_sentences(folder: Path) -> set[tuple[int, str, int]]:
    with (folder / "ECBplus_coreference_sentences.csv").open(encoding="utf-8", newline="") as fh:
        return {(int(r["Topic"]), r["File"], int(r["Sentence Number"])) for r in csv.DictReader(fh)}


def read_doc(path: Path, topic: int, keep: set[tuple[int, str, int]] | None) -> GoldDoc:
    root = ET.parse(path).getroot()
    tokens = [(int(t.get("t_id") or 0), int(t.get("sentence") or 0), t.text or "") for t in root.iter("token")]
    sent_of = {tid: s for tid, s, _ in tokens}
    stem = path.stem.split("_", 1)[1]
    anchors: dict[str, list[int]] = {}
    for el in root.find("Markables") or []:
        if el.tag.startswith(("ACTION_", "NEG_ACTION_")):
            tids = [int(a.get("t_id") or 0) for a in el.iter("token_anchor")]
            if tids:
                anchors[el.get("m_id") or ""] = sorted(tids)
    cluster: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in (relations if relations is not None else []):
        sources = [s.get("m_id") or "" for s in rel.iter("source")]
        if rel.tag == "CROSS_DOC_COREF":
            for m in sources:
                cluster[m] = rel.get("note") or rel.get("r_id") or ""
    for rel in (relations if relations is not None else []):
        if rel.tag == "INTRA_DOC_COREF":
            target = next((t.get("m_id") for t in rel.iter("target")), rel.get("r_id"))
            for m in (s.get("m_id") or "" for s in rel.iter("source")):
                cluster.setdefault(m, f"{path.name}#intra{target}")
    doc = GoldDoc(path.name, topic, tokens)
    for mid, tids in anchors.items():
        sentence = sent_of[tids[0]]
        if keep is not None and (topic, stem, sentence) not in keep:
            continue
        mention_id = f"{path.name}#{mid}"
        doc.mentions.append(GoldMention(mention_id, path.name, topic, tids, sentence, cluster.get(mid, mention_id)))
    return doc


def read_topics(folder: Path, all_sentences: bool, topics: Sequence[int] = SPLITS["test"]) -> list[GoldDoc]:
    keep = None if all_sentences else validated_sentences(folder)
    docs: list[GoldDoc] = []
    for topic in topics:
        files = sorted((folder / "ECB+" / str(topic)).glob("*.xml"), key=lambda p: p.name)
        docs.extend(read_doc(p, topic, keep) for p in files)
    return [d for d in docs if d.mentions]


def rebuild_text(doc: GoldDoc) -> str:
    """The document as plain text: one sentence a line, tokens spaced as in print."""
    lines: list[str] = []
    current: int | None = None
    words: list[str] = []
    for _, sent, text in doc.tokens:
        if sent != current and words:
            lines.append(_join(words))
            words = []
        current = sent
        words.append(text)
    if words:
        lines.append(_join(words))
    return "\n".join(lines)


def _join(words: Sequence[str]) -> str:
    out = ""
    for w in words:
        if out and not _NO_SPACE_BEFORE.match(w) and out[-1] not in _NO_SPACE_AFTER:
            out += " "
        out += w
    return out


def locate(doc: GoldDoc, text: str) -> dict[int, tuple[int, int]]:
    """Character span of every token in the (normalised) text, found in order."""
    import unicodedata

    spans, cursor = {}, 0
    for tid, _, tok in doc.tokens:
        tok = unicodedata.normalize("NFC", tok)
        at = text.find(tok, cursor) if tok else -1
        if at < 0:
            continue
        spans[tid] = (at, at + len(tok))
        cursor = at + len(tok)
    return spans


# --- building each system's links ------------------------------------------------------------------------


@dataclass
class Analysed:
    """What newsledger and spaCy tell about one gold mention."""

    mention: GoldMention
    lemma: str
    event: int | None  # index into the Extraction's events
    view: Any  # EventView
    our_type: str | None


def analyse(docs: list[GoldDoc]) -> tuple[list[Analysed], float]:
    from newsledger.extract.document import extract_many
    from newsledger.extract.pipeline import get_nlp
    from newsledger.ingest.documents import make_document
    from newsledger.ingest.sources import RawItem

    t0 = time.perf_counter()
    documents = [make_document(RawItem(origin=f"ecbplus:{d.name}", text=rebuild_text(d))) for d in docs]
    extractions = list(extract_many(documents))
    seconds = time.perf_counter() - t0
    spacy_docs = list(get_nlp().pipe(d.text for d in documents))
    canon = canonical_entities(docs, extractions)
    from newsledger.resolve.events import content_words

    out: list[Analysed] = []
    for gd, ex, sdoc in zip(docs, extractions, spacy_docs):
        spans = locate(gd, ex.document.text)
        words = content_words(ex.document.text)
        for m in gd.mentions:
            ends = [spans[t] for t in m.tokens if t in spans]
            if not ends:
                continue
            m.start, m.end = min(s for s, _ in ends), max(e for _, e in ends)
            span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
            lemma = (span.root.lemma_ if span is not None else ex.document.text[m.start:m.end]).lower()
            idx = next((i for i, e in enumerate(ex.events)
                        if e.trigger.start < m.end and m.start < e.trigger.end), None)
            view = make_view(m, ex, idx, canon, gd.name, lemma, words)
            out.append(Analysed(m, lemma, idx, view, ex.events[idx].type if idx is not None else None))
    return out, seconds


def canonical_entities(docs: list[GoldDoc], extractions: list[Any]) -> dict[tuple[str, int], str]:
    """(document, mention index) → a canonical entity id shared across the documents of one topic."""
    from newsledger.model import Entity
    from newsledger.resolve.clusters import Judgement, cluster
    from newsledger.resolve.names import DEFAULT_THRESHOLD, match_score, name_key

    result: dict[tuple[str, int], str] = {}
    by_topic: dict[int, list[tuple[GoldDoc, Any]]] = defaultdict(list)
    for gd, ex in zip(docs, extractions):
        by_topic[gd.topic].append((gd, ex))
    for topic, pairs in by_topic.items():
        forms: dict[str, Entity] = {}
        owner: dict[tuple[str, int], str] = {}
        for gd, ex in pairs:
            for i, m in enumerate(ex.mentions):
                key = f"{topic}|{m.type}|{name_key(m.name, m.type)}|{m.country or ''}"
                aliases = (m.text,) if m.text != m.name else ()
                forms.setdefault(key, Entity(id=key, type=m.type, name=m.name, aliases=aliases, country=m.country))
                owner[(gd.name, i)] = key
        ents = sorted(forms.values(), key=lambda e: e.id)
        judged = []
        for i, a in enumerate(ents):
            for b in ents[i + 1:]:
                hit = match_score(a, b)
                if hit is not None and hit[0] >= DEFAULT_THRESHOLD:
                    judged.append(Judgement(a.id, b.id, True, hit[0], False))
        heads = cluster((e.id for e in ents), judged)
        for node, key in owner.items():
            result[node] = heads[key]
    return result


def make_view(m: GoldMention, ex: Any, idx: int | None, canon: dict[tuple[str, int], str], doc: str,
              lemma: str, document_words: frozenset[str]) -> Any:
    from newsledger import dates
    from newsledger.resolve.events import EventView, content_words

    lo, hi = next(((s, t) for s, t in ex.sentences if s <= m.start < t), (m.start, m.end))
    if idx is not None:
        e = ex.events[idx]
        parts = [(p.role, p.mention) for p in e.participants]
        place = e.location
        time_value = ex.times[e.time].value if e.time is not None else None
    else:
        # No event of ours at this mention: its sentence's mentions stand in for participants.
        inside = [i for i, x in enumerate(ex.mentions) if lo <= x.start < hi]
        places = [i for i in inside if ex.mentions[i].type in PLACE_TYPES]
        place = places[0] if places else None
        parts = [("item" if ex.mentions[i].type in ITEM_TYPES else "participant", i) for i in inside if i not in places[:1]]
        times = [t for t in ex.times if lo <= t.start < hi and dates.as_interval(t.value)[0]]
        time_value = times[0].value if times else None
    location = canon.get((doc, place)) if place is not None else None
    start, end = dates.as_interval(time_value)
    names = {canon[(doc, i)]: ex.mentions[i].name for _, i in parts if (doc, i) in canon}
    involved = [i for _, i in parts] + ([place] if place is not None else [])
    places = {canon[(doc, i)]: _point(ex.mentions[i]) for i in involved
              if (doc, i) in canon and ex.mentions[i].type == "place"}
    if not places:  # as the ledger does: the sentence's places stand in
        places = {canon[(doc, i)]: _point(x) for i, x in enumerate(ex.mentions)
                  if lo <= x.start and x.end <= hi and x.type == "place" and (doc, i) in canon}
    return EventView(
        id=m.id, document_id=doc, type=ex.events[idx].type if idx is not None else "",
        date_start=start, date_end=end,
        actors=frozenset(canon[(doc, i)] for r, i in parts if r not in ITEM_ROLES and (doc, i) in canon),
        items=frozenset(canon[(doc, i)] for r, i in parts if r in ITEM_ROLES and (doc, i) in canon),
        location=location, names=names, trigger=lemma,
        mode=ex.events[idx].mode if idx is not None else None,
        broad=frozenset(canon[(doc, i)] for i in involved
                        if (doc, i) in canon and ex.mentions[i].type in BROAD_TYPES),
        published=ex.document.published,
        sentence_words=content_words(ex.document.text[lo:hi]), document_words=document_words,
        places=places,
    )


def _point(m: Any) -> tuple[float, float] | None:
    return (m.lat, m.lon) if m.lat is not None and m.lon is not None else None


def system_links(items: list[Analysed]) -> dict[str, list[tuple[str, str]]]:
    from newsledger.resolve.events import match

    links: dict[str, list[tuple[str, str]]] = {"lemma": [], "match": [], "same_event": [], "doc_lemma": []}
    by_topic: dict[int, list[Analysed]] = defaultdict(list)
    for it in items:
        by_topic[it.mention.topic].append(it)
    for group in by_topic.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                same_doc = a.mention.doc == b.mention.doc
                if a.lemma == b.lemma:
                    links["lemma"].append((a.mention.id, b.mention.id))
                    if same_doc:
                        links["doc_lemma"].append((a.mention.id, b.mention.id))
                if same_doc:
                    if a.event is not None and a.event == b.event:
                        links["same_event"].append((a.mention.id, b.mention.id))
                    continue
                if match(a.view, b.view) is not None:
                    links["match"].append((a.mention.id, b.mention.id))
    return links


def clusters_from(nodes: Iterable[str], links: Iterable[tuple[str, str]]) -> list[set[str]]:
    from newsledger.resolve.clusters import Judgement, cluster

    heads = cluster(nodes, (Judgement(a, b, True, 1.0, False) for a, b in links))
    groups: dict[str, set[str]] = defaultdict(set)
    for node, head in heads.items():
        groups[head].add(node)
    return list(groups.values())


# --- scores: the standard definitions, written here (no scorer package is a dependency; each is short) ------


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: list[set[str]], response: list[set[str]]) -> tuple[float, float]:
    """Vilain et al. 1995: links kept, counted through how each cluster is split by the other side."""

    def recall(a: list[set[str]], b: list[set[str]]) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("alone", m)) for m in c}  # a mention the other side lacks is its own part
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0

    return recall(response, key), recall(key, response)


def b_cubed(key: list[set[str]], response: list[set[str]]) -> tuple[float, float]:
    """Bagga & Baldwin 1998: per-mention overlap of its key and response clusters, averaged."""

    def score(a: list[set[str]], b: list[set[str]]) -> float:
        where = {m: c for c in b for m in c}
        total = sum(len(c) for c in a)
        got = sum(len(c & where.get(m, {m})) / len(c) for c in a for m in c)
        return got / total if total else 0.0

    return score(response, key), score(key, response)


def ceaf_e(key: list[set[str]], response: list[set[str]]) -> tuple[float, float]:
    """Luo 2005, entity-based (φ4 = 2|K∩R| / (|K|+|R|)) with the best one-to-one alignment.

    Only overlapping clusters have a non-zero φ4, so the alignment is solved per connected component of the
    overlap graph (small), each by the Hungarian method.
    """
    where = {m: j for j, c in enumerate(response) for m in c}
    parent = list(range(len(key) + len(response)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, c in enumerate(key):
        for m in c:
            if m in where:
                parent[find(i)] = find(len(key) + where[m])
    comps: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in range(len(key)):
        comps[find(i)][0].append(i)
    for j in range(len(response)):
        comps[find(len(key) + j)][1].append(j)
    total = 0.0
    for ks, rs in comps.values():
        if not ks or not rs:
            continue
        sim = [[2 * len(key[i] & response[j]) / (len(key[i]) + len(response[j])) for j in rs] for i in ks]
        total += _best_assignment(sim)
    return (total / len(response) if response else 0.0), (total / len(key) if key else 0.0)


def _best_assignment(sim: list[list[float]]) -> float:
    """The largest sum of a one-to-one assignment in a similarity matrix (Hungarian method, O(n³))."""
    transpose = len(sim) > len(sim[0])
    if transpose:
        sim = [list(col) for col in zip(*sim)]
    n, m = len(sim), len(sim[0])
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -sim[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return sum(sim[p[j] - 1][j - 1] for j in range(1, m + 1) if p[j])


def conll_scores(key: list[set[str]], response: list[set[str]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, fn in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        p, r = fn(key, response)
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = p, r, _f1(p, r)
    out["conll_f1"] = (out["muc_f1"] + out["b3_f1"] + out["ceafe_f1"]) / 3
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="documents, evenly spread over the topics")
    ap.add_argument("--split", choices=tuple(SPLITS), default="test", help="topics (default: test, 36-45)")
    ap.add_argument("--all-sentences", action="store_true", help="score every sentence, not the validated ones")
    args = ap.parse_args(argv)
    folder = eval_path("ecbplus")
    if folder is None:
        return 0
    docs = read_topics(folder, args.all_sentences, SPLITS[args.split])
    if args.limit is not None and len(docs) > args.limit:
        step = len(docs) / args.limit
        docs = [docs[int(i * step)] for i in range(args.limit)]
    t0 = time.perf_counter()
    items, extract_seconds = analyse(docs)
    links = system_links(items)
    nodes = [it.mention.id for it in items]
    gold: dict[str, set[str]] = defaultdict(set)
    for it in items:
        gold[f"{it.mention.topic}|{it.mention.cluster}"].add(it.mention.id)
    systems = {
        "lemma": links["lemma"],
        "ours": links["match"] + links["same_event"] + links["doc_lemma"],
        "ours+lemma": links["match"] + links["same_event"] + links["lemma"],
        "match-only": links["match"] + links["same_event"],
    }
    results = []
    for name, sys_links in systems.items():
        s = conll_scores(list(gold.values()), clusters_from(nodes, sys_links))
        results.append({"system": name, **{k: round(v, 4) for k, v in s.items()}})
    seconds = time.perf_counter() - t0
    mapped = sum(it.event is not None for it in items)
    print(f"ECB+ {args.split} topics ({'all' if args.all_sentences else 'validated'} sentences): {len(docs)} "
          f"documents, {len(items)} gold event mentions, {len(gold)} gold clusters; {mapped} mentions on a "
          f"newsledger event ({mapped / max(1, len(items)):.1%}); mention pairs linked: same lemma "
          f"{len(links['lemma'])}, match() across documents {len(links['match'])}")
    heads = ["system", "muc_f1", "b3_f1", "ceafe_f1", "conll_f1", "muc_p", "muc_r", "b3_p", "b3_r"]
    print_table(heads, [[r[h] for h in heads] for r in results])
    emit_result("coref", {
        "split": args.split, "n_docs": len(docs), "n_mentions": len(items), "n_gold_clusters": len(gold),
        "mapped_to_event": round(mapped / max(1, len(items)), 4), "n_match_links": len(links["match"]),
        "seconds": round(seconds, 2), "extract_seconds": round(extract_seconds, 2), "systems": results,
    })
    return 0


if __name__ == "__main__":
    sys.exit(main())
