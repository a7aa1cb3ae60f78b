"""Benchmark attribution (who said what) on the PolNeAR test split: source, cue and content spans.

Reads, at run time and never copying it, ../shared/eval/polnear/test/{text,attributions} (84 political news
articles, BRAT standoff; Newell, Margolin & Ruths, LREC 2018). For each article the first annotator's file (in
name order) is the gold. Every claim newsledger makes with a cue gives a cue span, a content span and a source
span: the claimant as the sentence writes it (``claim.source``: the full noun phrase, or the pronoun), else the
claimant mention's span. Outlet claims (no cue) are not attributions and are
not scored. Spans are compared after trimming whitespace, quotes and punctuation at their edges:

- exact   — same start and end;
- overlap — any shared character (one-to-one, greedy in text order).

Precision, recall and F1 per span kind, micro-averaged over the split. Baseline in the same run: every
"said/says/say/told/according" token is a cue, the noun chunk before it (after it for "according to") is the
source, and the rest of its sentence is the content.

Usage: .venv/bin/python benchmarks/bench_attribution.py [--split test|dev] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit_result, eval_path, print_table  # noqa: E402

KINDS = ("Source", "Cue", "Content")
_EDGE = " \t\n\r\"'“”‘’,.;:!?()[]—–-"
Span = tuple[int, int]


def trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return (start, end) if end > start else None


def read_gold(ann: Path, text: str) -> dict[str, set[Span]]:
    """Source/Cue/Content spans that take part in an attribution relation (discontinuous spans: their hull)."""
    spans: dict[str, tuple[str, int, int]] = {}
    gold: dict[str, set[Span]] = defaultdict(set)
    lines = ann.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line.startswith("T"):
            tid, info, _ = line.split("\t", 2)
            kind, offsets = info.split(" ", 1)
            pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
            spans[tid] = (kind, min(p[0] for p in pieces), max(p[1] for p in pieces))
    for line in lines:
        if line.startswith("E"):
            for arg in line.split("\t")[1].split()[1:]:
                role, tid = arg.split(":")
                if role in KINDS and tid in spans:
                    kind, start, end = spans[tid]
                    span = trim(text, start, end)
                    if span:
                        gold[role].add(span)
    return gold


def ours(doc, text: str) -> dict[str, set[Span]]:
    from newsledger.extract.attribution import find_claims
    from newsledger.extract.entities import find_mentions
    from newsledger.extract.events import find_events

    mentions = find_mentions(doc)
    events = find_events(doc, mentions, [])
    pred: dict[str, set[Span]] = defaultdict(set)
    for claim in find_claims(doc, mentions, [], events):
        if claim.cue is None:
            continue
        for kind, ev in (("Cue", claim.cue), ("Content", claim.content)):
            if ev is not None and (span := trim(text, ev.start, ev.end)):
                pred[kind].add(span)
        source = claim.source
        if source is None and claim.claimant is not None:
            source = mentions[claim.claimant]
        if source is not None and (span := trim(text, source.start, source.end)):
            pred["Source"].add(span)
    return pred


def baseline(doc, text: str) -> dict[str, set[Span]]:
    pred: dict[str, set[Span]] = defaultdict(set)
    chunks = list(doc.noun_chunks)
    for tok in doc:
        if tok.lower_ not in ("said", "says", "say", "told", "according"):
            continue
        sent = tok.sent
        after = tok.lower_ == "according"
        near = [c for c in chunks if c.sent == sent and (c.start > tok.i + 1 if after else c.end <= tok.i)]
        source = (near[0] if after else near[-1]) if near else None
        cue_end = tok.i + 2 if after else tok.i + 1
        cue = doc[tok.i : min(cue_end, sent.end)]
        pred["Cue"].add((cue.start_char, cue.end_char))
        skip = set(range(cue.start, cue.end)) | (set(range(source.start, source.end)) if source else set())
        rest = [t for t in sent if t.i not in skip]
        if source is not None and (span := trim(text, source.start_char, source.end_char)):
            pred["Source"].add(span)
        if rest and (span := trim(text, rest[0].idx, rest[-1].idx + len(rest[-1].text))):
            pred["Content"].add(span)
    return pred


def match(gold: set[Span], pred: set[Span], exact: bool) -> int:
    if exact:
        return len(gold & pred)
    used: set[Span] = set()
    hits = 0
    for p in sorted(pred):
        for g in sorted(gold):
            if g not in used and p[0] < g[1] and g[0] < p[1]:
                used.add(g)
                hits += 1
                break
    return hits


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("test", "dev"), default="test")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    folder = eval_path("polnear")
    if folder is None:
        return 0
    split = folder / args.split
    anns: dict[str, Path] = {}
    for ann in sorted((split / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    names = sorted(anns)[: args.limit]
    texts = [(split / "text" / f"{n}.txt").read_text(encoding="utf-8") for n in names]

    from newsledger.extract.pipeline import get_nlp

    nlp = get_nlp()
    counts = {s: {k: defaultdict(int) for k in KINDS} for s in ("ours", "baseline")}
    t0 = time.perf_counter()
    for name, text, doc in zip(names, texts, nlp.pipe(texts)):
        gold = read_gold(anns[name], text)
        for system, fn in (("ours", ours), ("baseline", baseline)):
            pred = fn(doc, text)
            for kind in KINDS:
                c = counts[system][kind]
                c["gold"] += len(gold[kind])
                c["pred"] += len(pred[kind])
                c["exact"] += match(gold[kind], pred[kind], exact=True)
                c["overlap"] += match(gold[kind], pred[kind], exact=False)
    seconds = time.perf_counter() - t0
    results = []
    rows = []
    for system in ("baseline", "ours"):
        entry: dict[str, object] = {"system": system}
        for kind in KINDS:
            c = counts[system][kind]
            ex, ov = prf(c["exact"], c["pred"], c["gold"]), prf(c["overlap"], c["pred"], c["gold"])
            entry[kind.lower()] = {"exact": ex, "overlap": ov, "n_pred": c["pred"], "n_gold": c["gold"]}
            rows.append([system, kind, c["gold"], c["pred"], ex["p"], ex["r"], ex["f1"], ov["p"], ov["r"], ov["f1"]])
        results.append(entry)
    print(f"PolNeAR {args.split}: {len(names)} articles, {seconds:.1f}s for both systems")
    print_table(["system", "span", "gold", "pred", "exact P", "exact R", "exact F1", "overlap P", "overlap R",
                 "overlap F1"], rows)
    emit_result("attribution", {"split": args.split, "articles": len(names), "seconds": round(seconds, 2),
                                "systems": results})
    return 0


if __name__ == "__main__":
    sys.exit(main())
