"""Benchmark stance and hedging on Emergent headlines (Ferreira & Vlachos 2016): for / against / observing.

Reads, at run time and never copying it, ../shared/eval/emergent/url-versions-2015-06-14-clean-test.csv
(524 article headlines, each labelled with its stance toward a rumoured claim). Each headline goes through
the real extraction (mentions, events, claims) and its label is derived from what newsledger records:

- against   — a claim that denies or disputes (also "X says Y is not Z"), an event whose modality is negated, a
              refuting word or phrase ("hoax", "not true"), or a negated main clause (copular statements
              such as "X is not dead" make no event);
- observing — a hedged claim, an attributed one (a cue: "X says", "according to", "X: …"), or hedged text
              (extract.commitment: hedge words, modals of doubt, "rumours", a question), or an event whose
              modality is hypothetical;
- for       — otherwise (the outlet reports the event as fact).

The rule ignores the rumoured claim itself (newsledger does not compare two texts), so the figure measures how
well our stance + hedging reflect a headline's own commitment. Baseline in the same run: the majority class
of the train split. Published anchor: 73% accuracy (Ferreira & Vlachos 2016, logistic regression with features
from the claim-headline pair). The rule was written looking at the train split only.

Usage: .venv/bin/python benchmarks/bench_stance.py [--split test|train] [--limit N]
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

LABELS = ("for", "against", "observing")
ANCHOR = 0.73


def read(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [(r["articleHeadline"], r["articleHeadlineStance"]) for r in csv.DictReader(fh)]


def label(doc, mentions, events, claims) -> str:
    """for / against / observing from newsledger's own records for one headline."""
    from newsledger.extract.commitment import is_hedged, refutes

    if any(c.stance in ("denies", "disputes") for c in claims) or any(e.modality == "negated" for e in events):
        return "against"
    if any(t.dep_ == "neg" and t.head.dep_ == "ROOT" for t in doc):
        return "against"  # a negated main clause ("X is not dead"): copular statements make no event
    if refutes(list(doc)):
        return "against"
    if any(c.hedged or c.cue is not None for c in claims) or is_hedged(list(doc)):
        return "observing"
    if any(e.modality == "hypothetical" for e in events):
        return "observing"
    return "for"


def scores(gold: list[str], pred: list[str]) -> dict[str, float]:
    out: dict[str, float] = {"accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 4)}
    f1s = []
    for lab in LABELS:
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        prec = tp / max(1, sum(p == lab for p in pred))
        rec = tp / max(1, sum(g == lab for g in gold))
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[f"f1_{lab}"] = round(f1, 4)
        f1s.append(f1)
    out["macro_f1"] = round(sum(f1s) / len(f1s), 4)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("test", "train"), default="test")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    folder = eval_path("emergent")
    if folder is None:
        return 0
    rows = read(folder / f"url-versions-2015-06-14-clean-{args.split}.csv")[: args.limit]
    train = read(folder / "url-versions-2015-06-14-clean-train.csv")
    majority = Counter(lab for _, lab in train).most_common(1)[0][0]

    from newsledger.extract.attribution import find_claims
    from newsledger.extract.entities import find_mentions
    from newsledger.extract.events import find_events
    from newsledger.extract.pipeline import get_nlp

    nlp = get_nlp()
    t0 = time.perf_counter()
    pred = []
    for doc in nlp.pipe(h for h, _ in rows):
        mentions = find_mentions(doc)
        events = find_events(doc, mentions, [])
        pred.append(label(doc, mentions, events, find_claims(doc, mentions, [], events)))
    seconds = time.perf_counter() - t0
    gold = [lab for _, lab in rows]
    ours = scores(gold, pred)
    base = scores(gold, [majority] * len(gold))
    print(f"Emergent {args.split}: {len(rows)} headlines; gold {dict(Counter(gold))}; ours {dict(Counter(pred))}")
    heads = ["system", "accuracy", "macro_f1", "f1_for", "f1_against", "f1_observing"]
    print_table(heads, [
        [f"baseline (majority: {majority})", *(base[h] for h in heads[1:])],
        ["newsledger stance+hedging", *(ours[h] for h in heads[1:])],
        ["anchor (Ferreira & Vlachos 2016)", ANCHOR, None, None, None, None],
    ])
    confusion = Counter(zip(gold, pred))
    print("confusion (gold → ours): " + ", ".join(f"{g}→{p}: {n}" for (g, p), n in sorted(confusion.items())))
    emit_result("stance", {
        "split": args.split, "n": len(rows), "seconds": round(seconds, 2), "anchor_accuracy": ANCHOR,
        "systems": [{"system": "ours", **ours}, {"system": "baseline", **base}],
    })
    return 0


if __name__ == "__main__":
    sys.exit(main())
