"""Entity recognition against MEANTIME's entity mentions, with the bare spaCy model as baseline.

Run:  .venv/bin/python benchmarks/bench_entities.py [--limit N] [--variants-only]

Gold: MEANTIME (120 English Wikinews articles, CC BY 4.0) read at run time from
../shared/eval/meantime; skipped cleanly when absent. Recall is measured on the named
mentions (syntactic type NAM or PRE.NAM) of persons, organisations and locations;
precision counts a predicted name as right when it matches *any* annotated entity
mention (MEANTIME also annotates names under other syntactic types, e.g. "Obama").
"Strict" needs the same token span (a leading "the" and a trailing "'s" ignored on both
sides); "overlap" needs one shared token. Typed scores also need PER/ORG/LOC to agree.
MEANTIME annotates every mention only in the title and first sentences (later, only mentions
of its cross-document entities), so precision over whole texts is understated for both systems;
a second table scores that exhaustively annotated lead alone.
The second table judges pairs of distinct gold names (same type) with ``match_score`` and
two simpler rules; a pair is "same" when MEANTIME gives both mentions one instance id.
The baseline is the same pipeline with newsledger's components disabled, its NORP
mapped to LOC like our demonyms (MEANTIME tags "American" as a LOC pre-modifier).
The last table judges spellings of Arabic, Persian, Russian and Ukrainian names from a table
we wrote ourselves (VARIANT_ROWS; no corpus), including different people with similar names.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path


def _eval_root() -> Path:
    """The gold-data root: $NEWSLEDGER_EVAL, else ../shared/eval next to the project (as common.py)."""
    env = os.environ.get("NEWSLEDGER_EVAL")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared" / "eval"


CORPUS = _eval_root() / "meantime" / "intra_cross-doc_annotation"
GOLD_TYPES = ("PER", "ORG", "LOC")
NAME_SYNTAX = {"NAM", "PRE.NAM"}

OUR_TYPES = {
    "person": "PER",
    "organization": "ORG",
    "outlet": "ORG",
    "group": "ORG",
    "place": "LOC",
    "country": "LOC",
    "facility": "LOC",
}
BASELINE_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "LOC"}
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "'s", "’s", "'", "n't", "%", "''"}
_NO_SPACE_AFTER = {"(", "[", "$", "``"}
_QUOTES = {"``": '"', "''": '"'}


@dataclass
class GoldDoc:
    name: str
    text: str
    tokens: list[tuple[int, int]]  # char span of each token, in order
    names: list[tuple[int, int, str]]  # (first token, last token + 1, type): recall set
    anything: list[tuple[int, int, str]]  # every annotated entity mention: precision set
    instances: list[str]  # the instance id of each of ``names`` (cross-document identity)
    lead_end: int = 0  # first token after the title and the first five sentences


def _detokenise(words: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Plain text from MEANTIME's tokens, close to how the article was written."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    prev = ""
    for n, word in enumerate(words):
        word = _QUOTES.get(word, word)
        raw = words[n]
        if n and raw not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(word)))
        parts.append(word)
        pos += len(word)
        prev = raw
    return "".join(parts), spans


def load_gold(path: Path) -> GoldDoc:
    root = ET.parse(path).getroot()
    tokens = list(root.iter("token"))
    index = {t.get("t_id"): i for i, t in enumerate(tokens)}
    text, spans = _detokenise([t.text or "" for t in tokens])
    entities = {e.get("m_id"): (e.get("ent_type"), e.get("instance_id", "")) for e in root.iter("ENTITY")}
    refers: dict[str, tuple[str | None, str]] = {}
    for rel in root.iter("REFERS_TO"):
        target = rel.find("target")
        if target is None:
            continue
        for src in rel.iter("source"):
            refers[src.get("m_id", "")] = entities.get(target.get("m_id", ""), ("", ""))
    names, anything, instances = [], [], []
    for m in root.iter("ENTITY_MENTION"):
        ids = sorted(index[a.get("t_id")] for a in m.iter("token_anchor") if a.get("t_id") in index)
        etype, instance = refers.get(m.get("m_id", ""), ("", ""))
        if not ids or etype not in GOLD_TYPES:
            continue
        span = (ids[0], ids[-1] + 1, etype)
        anything.append(span)
        if m.get("syntactic_type") in NAME_SYNTAX:
            names.append(span)
            instances.append(instance)
    # MEANTIME annotates every entity mention in the title and the first sentences (sentence
    # numbers up to 5; 1 is the date line) and later only mentions of its cross-document entities.
    lead_end = sum(1 for t in tokens if int(t.get("sentence") or 0) <= 5)
    return GoldDoc(path.stem, text, spans, names, anything, instances, lead_end)


def _token_range(doc: GoldDoc, start: int, end: int) -> tuple[int, int] | None:
    covered = [i for i, (s, e) in enumerate(doc.tokens) if s < end and e > start]
    return (covered[0], covered[-1] + 1) if covered else None


def _normalise(doc: GoldDoc, span: tuple[int, int, str]) -> tuple[int, int, str]:
    """Ignore a leading "the" and a trailing possessive, which annotators and models treat differently."""
    start, end, etype = span
    words = [doc.text[s:e].lower() for s, e in doc.tokens]
    if end - start > 1 and words[start] == "the":
        start += 1
    if end - start > 1 and words[end - 1] in ("'s", "’s", "'"):
        end -= 1
    return start, end, etype


class Score:
    def __init__(self) -> None:
        self.tp_r = self.n_gold = self.tp_p = self.n_pred = 0

    def row(self) -> dict[str, float | int]:
        p = self.tp_p / self.n_pred if self.n_pred else 0.0
        r = self.tp_r / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "gold": self.n_gold, "pred": self.n_pred}


def _match(a: tuple[int, int, str], b: tuple[int, int, str], strict: bool, typed: bool) -> bool:
    if typed and a[2] != b[2]:
        return False
    if strict:
        return a[0] == b[0] and a[1] == b[1]
    return a[0] < b[1] and b[0] < a[1]


def score(doc: GoldDoc, pred: list[tuple[int, int, str]], scores: dict[str, Score], lead: bool = False) -> None:
    """Add one document to ``scores``; ``lead`` keeps only the exhaustively annotated lead."""
    gold_names = [_normalise(doc, g) for g in doc.names if not lead or g[0] < doc.lead_end]
    gold_any = [_normalise(doc, g) for g in doc.anything if not lead or g[0] < doc.lead_end]
    pred = [_normalise(doc, p) for p in pred if not lead or p[0] < doc.lead_end]
    for strict in (True, False):
        mode = "strict" if strict else "overlap"
        for typed in (False, True):
            for etype in (("ALL",) if not typed else ("ALL", *GOLD_TYPES)):
                key = f"{mode}/{'typed' if typed else 'span'}/{etype}"
                s = scores[key]
                golds = [g for g in gold_names if etype == "ALL" or g[2] == etype]
                preds = [p for p in pred if etype == "ALL" or p[2] == etype]
                s.n_gold += len(golds)
                s.tp_r += sum(any(_match(g, p, strict, typed) for p in pred) for g in golds)
                s.n_pred += len(preds)
                s.tp_p += sum(any(_match(p, g, strict, typed) for g in gold_any) for p in preds)


_GOLD_TO_OURS = {"PER": "person", "ORG": "organization", "LOC": "place"}
_FUNCTION_WORDS = {"of", "the", "and", "de", "for", "&", "-", "'s", "’s", "."}


def name_pairs(golds: list[GoldDoc]) -> list[tuple[str, str, str, str, str]]:
    """Distinct (type, instance, surface name) of gold names that are written as names."""
    seen = set()
    for doc in golds:
        for (start, end, etype), instance in zip(doc.names, doc.instances):
            start, end, etype = _normalise(doc, (start, end, etype))
            words = [doc.text[s:e] for s, e in doc.tokens[start:end]]
            content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
            if not instance or not content or not all(w[:1].isupper() or w[:1].isdigit() for w in content):
                continue  # "the Vice Chairman of Chrysler" is annotated NAM but is not a name
            text = doc.text[doc.tokens[start][0] : doc.tokens[end - 1][1]]
            seen.add((_GOLD_TO_OURS[etype], instance, text))
    return sorted(seen)


def resolution_scores(golds: list[GoldDoc]) -> dict[str, dict[str, float | int]]:
    """Pairwise same/different judgements on distinct gold name strings, per method."""
    from newsledger.model import Entity
    from newsledger.resolve.names import DEFAULT_THRESHOLD, find_same, match_score, name_key

    items = name_pairs(golds)
    ents = [Entity(id=f"{i}", type=t, name=n) for i, (t, _inst, n) in enumerate(items)]
    # find_same as the store calls it, with every gold name of the corpus as the ledger: the
    # ledger is context (a bare surname links when the ledger holds one person with it).
    linked = set()
    for e in ents:
        for other, _score, _reason in find_same(e, [o for o in ents if o.type == e.type]):
            linked.add(frozenset((e.id, other)))
    methods = {
        "exact_casefold": lambda a, b: a.name.casefold() == b.name.casefold(),
        "name_key_equal": lambda a, b: name_key(a.name, a.type) == name_key(b.name, b.type),
        "match_score": lambda a, b: (match_score(a, b) or (0.0, ""))[0] >= DEFAULT_THRESHOLD,
        "find_same": lambda a, b: frozenset((a.id, b.id)) in linked,
    }
    counts = {m: [0, 0, 0] for m in methods}  # tp, predicted, gold positives
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if items[i][0] != items[j][0] or items[i][2] == items[j][2]:
                continue
            same = items[i][1] == items[j][1]
            for method, judge in methods.items():
                said = judge(ents[i], ents[j])
                counts[method][0] += same and said
                counts[method][1] += said
                counts[method][2] += same
    out = {}
    for method, (tp, pred, gold) in counts.items():
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[method] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "gold_pairs": gold, "pred_pairs": pred}
    out["_names"] = {"distinct_names": len(items)}
    return out


# --- spelling variants: our own table -------------------------------------------------------

# Written for this benchmark by the newsledger developers (not taken from any corpus): each row is
# one real-world person or place and spellings of its name that English-language news uses
# (romanisations of Arabic, Persian, Russian and Ukrainian). Every pair inside a row should match;
# every pair across rows of the same type should not. Rows with near-identical names of different
# people (Mohammed bin Salman / Mohammed bin Zayed, Bashar / Hafez al-Assad) test precision.
VARIANT_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("person", ("Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy")),
    ("person", ("Mohammed Shia al-Sudani", "Muhammad Shia al-Sudani", "Mohamed Shia al-Sudani")),
    ("person", ("Qassem Soleimani", "Qasem Soleimani", "Kassem Soleimani", "Qasim Suleimani")),
    ("person", ("Hossein Amir-Abdollahian", "Hossein Amir-Abdolahian", "Hossein Amir Abdollahian")),
    ("person", ("Ebrahim Raisi", "Ibrahim Raisi", "Ebrahim Raeisi")),
    ("person", ("Hassan Nasrallah", "Hasan Nasrallah", "Hassan Nasrullah")),
    ("person", ("Sergei Shoigu", "Sergey Shoygu", "Sergei Shoygu")),
    ("person", ("Dmitry Peskov", "Dmitri Peskov", "Dmitriy Peskov")),
    ("person", ("Yevgeny Prigozhin", "Evgeny Prigozhin", "Yevgeniy Prigozhin")),
    ("person", ("Alexei Navalny", "Aleksei Navalny", "Alexey Navalnyy")),
    ("person", ("Muqtada al-Sadr", "Moqtada al-Sadr", "Muqtada Sadr")),
    ("person", ("Abdul-Malik al-Houthi", "Abdulmalik al-Huthi", "Abdul Malik al-Houthi")),
    ("person", ("Bashar al-Assad", "Bashar Assad", "Bashar al-Asad")),
    ("person", ("Hafez al-Assad", "Hafiz al-Assad")),
    ("person", ("Ismail Haniyeh", "Ismail Haniya", "Esmail Haniyeh")),
    ("person", ("Mohammed Deif", "Mohammad Deif", "Muhammad Deif")),
    ("person", ("Oleksii Reznikov", "Oleksiy Reznikov", "Aleksei Reznikov")),
    ("person", ("Valerii Zaluzhnyi", "Valery Zaluzhny", "Valeriy Zaluzhnyi")),
    ("person", ("Khalifa Haftar", "Khalifa Hifter")),
    ("person", ("Mohammed bin Salman", "Muhammad bin Salman", "Mohammed ibn Salman")),
    ("person", ("Mohammed bin Zayed", "Mohamed bin Zayed", "Mohammed bin Zaid")),
    ("person", ("Ali Khamenei", "Ali Khamene'i")),
    ("person", ("Hassan Rouhani", "Hasan Rowhani", "Hassan Rohani")),
    ("person", ("Abu Bakr al-Baghdadi", "Abu Bakr al-Baghdady")),
    ("person", ("Abu Omar al-Baghdadi",)),
    ("person", ("Ahmad Shah Massoud", "Ahmad Shah Masood")),
    ("person", ("Ahmad Massoud", "Ahmad Masood")),
    ("person", ("Ali Larijani", "Ali Laridjani")),
    ("person", ("Sergei Lavrov", "Sergey Lavrov")),
    ("person", ("Dmitry Medvedev", "Dmitri Medvedev")),
    ("person", ("Ismail Qaani", "Esmail Ghaani")),
    ("person", ("Mahmoud Abbas", "Mahmud Abbas")),
    ("person", ("Kim Jong Un", "Kim Jong-un")),
    ("person", ("Kim Jong Il", "Kim Jong-il")),
    ("place", ("Kharkiv", "Kharkov")),
    ("place", ("Kherson",)),
    ("place", ("Kyiv", "Kiev")),
    ("place", ("Horlivka", "Gorlovka")),
    ("place", ("Mykolaiv", "Mykolayiv")),
    ("place", ("Odesa", "Odessa")),
    ("place", ("Luhansk", "Lugansk")),
    ("place", ("Zaporizhzhia", "Zaporizhia", "Zaporozhye")),
    ("place", ("Yelabuga", "Elabuga", "Yerabuga")),
    ("place", ("Hodeidah", "Hudaydah", "Hodeida", "al-Hudaydah")),
    ("place", ("Deir ez-Zor", "Deir al-Zour", "Deir Ezzor")),
    ("place", ("Idlib", "Idleb")),
    ("place", ("Raqqa", "Raqqah", "Rakka")),
    ("place", ("Fallujah", "Falluja", "Fallouja")),
    ("place", ("Isfahan", "Esfahan")),
    ("place", ("Mosul", "Mossul")),
    ("place", ("Basra", "Basrah")),
    ("place", ("Donetsk",)),
    ("place", ("Sumy",)),
    ("place", ("Iran",)),
    ("place", ("Iraq",)),
    ("place", ("Austria",)),
    ("place", ("Australia",)),
)


def variant_scores() -> dict[str, dict[str, float | int]]:
    """Pairwise same/different judgements on VARIANT_ROWS, per method (name_key equality, match_score)."""
    from itertools import combinations

    from newsledger.model import Entity
    from newsledger.resolve.names import DEFAULT_THRESHOLD, match_score, name_key

    items = [(row, t, n) for row, (t, names) in enumerate(VARIANT_ROWS) for n in dict.fromkeys(names)]
    methods = {
        "name_key_equal": lambda a, b: name_key(a.name, a.type) == name_key(b.name, b.type),
        "match_score": lambda a, b: (match_score(a, b) or (0.0, ""))[0] >= DEFAULT_THRESHOLD,
    }
    counts = {m: [0, 0, 0] for m in methods}  # tp, predicted, gold positives
    errors: dict[str, list[str]] = {m: [] for m in methods}
    for (ra, ta, na), (rb, tb, nb) in combinations(items, 2):
        if ta != tb:
            continue
        same = ra == rb
        ea, eb = Entity(id="a", type=ta, name=na), Entity(id="b", type=tb, name=nb)
        for m, judge in methods.items():
            said = judge(ea, eb)
            counts[m][0] += int(said and same)
            counts[m][1] += int(said)
            counts[m][2] += int(same)
            if said != same:
                errors[m].append(f"{'missed' if same else 'WRONG'}: {na} / {nb}")
    out: dict[str, dict[str, float | int]] = {}
    for m, (tp, pred, gold) in counts.items():
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[m] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "gold_pairs": gold, "pred_pairs": pred}
    out["_errors"] = errors  # type: ignore[assignment]
    return out


def print_variant_table(scores: dict[str, dict[str, float | int]], verbose: bool = False) -> None:
    print()
    print(f"Spelling variants: our own table ({len(VARIANT_ROWS)} people and places, written for this")
    print("benchmark, not from a corpus); all pairs of the same type, 'same' within a row.")
    print(f"{'method':16} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
    for method, row in scores.items():
        if not method.startswith("_"):
            print(f"{method:16} {row['p']:6.3f} {row['r']:6.3f} {row['f1']:6.3f} {row['gold_pairs']:6} {row['pred_pairs']:6}")
    if verbose:
        for line in scores["_errors"]["match_score"]:  # type: ignore[index]
            print("  " + line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--variants-only", action="store_true",
                        help="only the spelling-variant table (no model, seconds), with its errors")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    if args.variants_only:
        print_variant_table(variant_scores(), verbose=True)
        return 0
    if not CORPUS.is_dir():
        print(f"skip meantime: {CORPUS} not found")
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from newsledger.extract.entities import COMPONENTS, find_mentions
    from newsledger.extract.pipeline import get_nlp

    files = sorted(CORPUS.glob("*/*.xml"))
    if args.limit:
        files = files[: args.limit]
    golds = [load_gold(f) for f in files]
    nlp = get_nlp()
    results: dict[str, dict[str, Score]] = {"newsledger": defaultdict(Score), "spacy_baseline": defaultdict(Score)}
    lead_results: dict[str, dict[str, Score]] = {"newsledger": defaultdict(Score), "spacy_baseline": defaultdict(Score)}
    t0 = time.perf_counter()
    for gold, doc in zip(golds, nlp.pipe(g.text for g in golds)):
        pred = []
        for m in find_mentions(doc):
            etype = OUR_TYPES.get(m.type)
            rng = _token_range(gold, m.start, m.end) if etype else None
            if rng:
                pred.append((*rng, etype))
        score(gold, pred, results["newsledger"])
        score(gold, pred, lead_results["newsledger"], lead=True)
    ours_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=list(COMPONENTS)):
        for gold, doc in zip(golds, nlp.pipe(g.text for g in golds)):
            pred = []
            for e in doc.ents:
                etype = BASELINE_LABELS.get(e.label_)
                rng = _token_range(gold, e.start_char, e.end_char) if etype else None
                if rng:
                    pred.append((*rng, etype))
            score(gold, pred, results["spacy_baseline"])
            score(gold, pred, lead_results["spacy_baseline"], lead=True)
    base_s = time.perf_counter() - t0

    print(f"MEANTIME entity mentions: {len(golds)} documents, {sum(len(g.names) for g in golds)} gold names")
    header = f"{'measure':28} {'system':16} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"
    print(header)
    print("-" * len(header))
    figures: dict[str, dict[str, dict[str, float | int]]] = {}
    for key in results["newsledger"]:
        for system in ("spacy_baseline", "newsledger"):
            row = results[system][key].row()
            figures.setdefault(system, {})[key] = row
            print(f"{key:28} {system:16} {row['p']:6.3f} {row['r']:6.3f} {row['f1']:6.3f} {row['gold']:6} {row['pred']:6}")
    print(f"time: newsledger {ours_s:.1f}s, baseline {base_s:.1f}s")
    print()
    print("The same, on the title and first sentences only, where MEANTIME annotates every mention")
    print("(later sentences carry only its cross-document entities, so precision there is understated):")
    print(header)
    for key in ("strict/typed/ALL", "strict/span/ALL", "overlap/typed/ALL"):
        for system in ("spacy_baseline", "newsledger"):
            row = lead_results[system][key].row()
            figures.setdefault(f"{system}_lead", {})[key] = row
            print(f"{key:28} {system:16} {row['p']:6.3f} {row['r']:6.3f} {row['f1']:6.3f} {row['gold']:6} {row['pred']:6}")
    resolution = resolution_scores(golds)
    print()
    print(f"Name matching: pairs of distinct gold names ({resolution['_names']['distinct_names']} names),")
    print("same type; 'same' when MEANTIME gives both the same instance id (cross-document).")
    print(f"{'method':16} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
    for method, row in resolution.items():
        if not method.startswith("_"):
            print(f"{method:16} {row['p']:6.3f} {row['r']:6.3f} {row['f1']:6.3f} {row['gold_pairs']:6} {row['pred_pairs']:6}")
    figures["name_matching"] = resolution  # type: ignore[assignment]
    variants = variant_scores()
    print_variant_table(variants)
    figures["spelling_variants"] = {k: v for k, v in variants.items() if not k.startswith("_")}  # type: ignore[assignment]
    print(json.dumps({"bench": "entities", "corpus": "meantime", "documents": len(golds), "results": figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
