"""Benchmark time-expression detection and normalisation against TIMEX3 gold data.

Reads, at run time and never copying them, the TempEval-3 platinum test set and
the MEANTIME corpus from ../shared/eval (see their SOURCE.md). Scores follow the
TempEval-3 scorer's definitions: strict span match (same start and end), relaxed
match (any overlap), precision/recall/F1 over spans, and for the value: accuracy
over relaxed matches and value F1 (P = correct values / system spans, R = correct
values / gold spans). "newsledger" is our output in TimeML's convention (a range's ends
as two TIMEX3s, see newsledger/extract/time_timeml.py); "ledger_spans" is the same output
as the ledger stores it. A baseline (spaCy DATE/TIME entities, values from dateparser
alone) is scored in the same run.

XML is parsed with xml.etree.ElementTree: defusedxml is not installed and the gold
files are trusted local data.

Usage: .venv/bin/python benchmarks/bench_times.py [--json PATH] [--limit N] [--errors]
       [--sets tempeval3,meantime,tbaq-timebank,tbaq-aquaint]
The default sets are the two test sets; the TBAQ training sets are for error analysis (--errors).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsledger.model import TimeExpr

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
Span = tuple[int, int, str | None]  # start, end, value


@dataclass
class GoldDoc:
    name: str
    text: str
    dct: str
    spans: list[Span]
    scored_end: int | None = None  # system spans past this offset are not scored (unannotated text)


# --- readers ----------------------------------------------------------------------

def read_tempeval(folder: Path) -> Iterator[GoldDoc]:
    """TimeML .tml: the <TEXT> element's text with its inline TIMEX3 offsets; DCT from <DCT>."""
    for path in sorted(folder.glob("*.tml")):
        root = ET.parse(path).getroot()
        dct_el = root.find("DCT/TIMEX3")
        dct = dct_el.get("value", "") if dct_el is not None else ""
        text_el = root.find("TEXT")
        if text_el is None:
            continue
        parts: list[str] = [text_el.text or ""]
        spans: list[Span] = []
        pos = len(parts[0])
        for child in text_el:  # TimeML tags inside <TEXT> are flat
            inner = "".join(child.itertext())
            if child.tag == "TIMEX3":
                spans.append((pos, pos + len(inner), child.get("value")))
            tail = child.tail or ""
            parts += [inner, tail]
            pos += len(inner) + len(tail)
        yield GoldDoc(path.stem, "".join(parts), dct[:10], spans)


_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "'s", "n't", "'", "%", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}


# MEANTIME annotates TIMEX3 in the title, the date line and the first sentences only: every one
# of its TIMEX3 lies in sentences 0-5 (counted here), so system spans after sentence 5 are not scored.
_MEANTIME_TIMEX_SENTENCES = 5


def read_meantime(folder: Path) -> Iterator[GoldDoc]:
    """MEANTIME CAT XML: tokens detokenised (a simple rule: no space before punctuation),
    one line per sentence; TIMEX3 spans from their token anchors; DCT from CREATION_TIME."""
    for path in sorted(folder.glob("corpus_*/*.xml")):
        root = ET.parse(path).getroot()
        offsets: dict[str, tuple[int, int]] = {}
        out: list[str] = []
        pos, prev_sent, prev_tok = 0, None, ""
        scored_end = 0
        for tok in root.iter("token"):
            word, sent = tok.text or "", tok.get("sentence")
            if prev_sent is not None:
                glued = word in _NO_SPACE_BEFORE or prev_tok in _NO_SPACE_AFTER
                sep = "\n" if sent != prev_sent else ("" if glued else " ")
                out.append(sep)
                pos += len(sep)
            offsets[tok.get("t_id", "")] = (pos, pos + len(word))
            out.append(word)
            pos += len(word)
            prev_sent, prev_tok = sent, word
            if int(sent or 0) <= _MEANTIME_TIMEX_SENTENCES:
                scored_end = pos
        spans: list[Span] = []
        dct = ""
        markables = root.find("Markables")
        for tx in (markables.iter("TIMEX3") if markables is not None else []):
            if tx.get("functionInDocument") == "CREATION_TIME":
                dct = tx.get("value", "")
            anchors = [offsets[a.get("t_id", "")] for a in tx.iter("token_anchor") if a.get("t_id", "") in offsets]
            if anchors:
                spans.append((min(a[0] for a in anchors), max(a[1] for a in anchors), tx.get("value")))
        # One file writes its creation time DD-MM-YYYY; read it as the date it names (the anchor only).
        if re.fullmatch(r"\d\d-\d\d-\d{4}", dct):
            dct = f"{dct[6:]}-{dct[3:5]}-{dct[:2]}"
        yield GoldDoc(path.stem, "".join(out), dct[:10], spans, scored_end)


# --- systems ----------------------------------------------------------------------

def _ledger_times(doc: object, dct: str) -> list[TimeExpr]:
    """find_times as ingest runs it: on the document date, or, when the gold gives none (two MEANTIME
    files), on the date inferred from the text and marked as a lower bound."""
    from newsledger.extract.times import find_times
    from newsledger.ingest.dates import infer_published

    if dct:
        return find_times(doc, dct)  # type: ignore[arg-type]
    return find_times(doc, infer_published(doc.text), anchor_is_lower_bound=True)  # type: ignore[arg-type,attr-defined]


def system_newsledger() -> Callable[[object, str], list[Span]]:
    """Our expressions in TimeML's convention (time_timeml.py): a range's two ends as two TIMEX3s,
    the duration alone in "two days before the vote". The values are those find_times gives."""
    from newsledger.extract.time_timeml import timeml_spans

    def run(doc: object, dct: str) -> list[Span]:
        return timeml_spans(_ledger_times(doc, dct))
    return run


def system_ledger_spans() -> Callable[[object, str], list[Span]]:
    """find_times as the ledger stores it (ranges whole), scored as is: shows what the TimeML view changes."""
    def run(doc: object, dct: str) -> list[Span]:
        return [(t.start, t.end, t.value) for t in _ledger_times(doc, dct)]
    return run


def system_baseline() -> Callable[[object, str], list[Span]]:
    """spaCy DATE/TIME entities, each value from dateparser alone (day/month/year precision)."""
    from dateparser.date import DateDataParser

    parsers: dict[str, DateDataParser] = {}

    def run(doc: object, dct: str) -> list[Span]:
        if dct not in parsers:
            base = datetime.fromisoformat(dct) if dct else datetime.now()
            parsers[dct] = DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past",
                                                                      "RELATIVE_BASE": base})
        out: list[Span] = []
        for ent in doc.ents:  # type: ignore[attr-defined]
            if ent.label_ not in ("DATE", "TIME"):
                continue
            data = parsers[dct].get_date_data(ent.text)
            value = None
            if data.date_obj is not None:
                fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}.get(data.period or "")
                value = data.date_obj.strftime(fmt) if fmt else None
            out.append((ent.start_char, ent.end_char, value))
        return out
    return run


# --- scoring ----------------------------------------------------------------------

@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict_sys: int = 0
    strict_gold: int = 0
    relaxed_sys: int = 0
    relaxed_gold: int = 0
    matched: int = 0
    value_ok: int = 0


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_doc(gold: list[Span], system: list[Span], c: Counts) -> None:
    c.gold += len(gold)
    c.system += len(system)
    c.strict_sys += sum(any(s[:2] == g[:2] for g in gold) for s in system)
    c.strict_gold += sum(any(s[:2] == g[:2] for s in system) for g in gold)
    c.relaxed_sys += sum(any(_overlap(s, g) for g in gold) for s in system)
    c.relaxed_gold += sum(any(_overlap(s, g) for s in system) for g in gold)
    # one-to-one pairing for attributes: each gold span with its best-overlapping system span
    used: set[int] = set()
    for g in gold:
        best, best_len = None, 0
        for i, s in enumerate(system):
            ov = min(s[1], g[1]) - max(s[0], g[0])
            if i not in used and ov > best_len:
                best, best_len = i, ov
        if best is not None:
            used.add(best)
            c.matched += 1
            c.value_ok += system[best][2] is not None and system[best][2] == g[2]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def figures(c: Counts) -> dict[str, float]:
    def pr(sys_hits: int, gold_hits: int) -> tuple[float, float, float]:
        p = sys_hits / c.system if c.system else 0.0
        r = gold_hits / c.gold if c.gold else 0.0
        return p, r, _f1(p, r)

    sp, sr, sf = pr(c.strict_sys, c.strict_gold)
    rp, rr, rf = pr(c.relaxed_sys, c.relaxed_gold)
    vp = c.value_ok / c.system if c.system else 0.0
    vr = c.value_ok / c.gold if c.gold else 0.0
    return {"gold": c.gold, "system": c.system, "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "value_acc": c.value_ok / c.matched if c.matched else 0.0, "value_f1": _f1(vp, vr)}


def evaluate(docs: list[GoldDoc], systems: dict[str, Callable[[object, str], list[Span]]],
             errors: bool = False) -> dict[str, dict[str, float]]:
    from newsledger.extract.pipeline import get_nlp

    nlp = get_nlp()
    counts = {name: Counts() for name in systems}
    for gd in docs:
        doc = nlp(gd.text)
        for name, run in systems.items():
            out = run(doc, gd.dct)
            if gd.scored_end is not None:
                out = [sp for sp in out if sp[1] <= gd.scored_end]
            score_doc(gd.spans, out, counts[name])
            if errors and name == "newsledger":
                _print_errors(gd, out)
    return {name: figures(c) for name, c in counts.items()}


def _print_errors(gd: GoldDoc, system: list[Span]) -> None:
    t = gd.text
    for g in gd.spans:
        hits = [s for s in system if _overlap(s, g)]
        if not hits:
            print(f"  MISS {t[g[0]:g[1]]!r} {g[2]}")
        elif all(s[2] != g[2] for s in hits) or all(s[:2] != g[:2] for s in hits):
            print(f"  DIFF gold {t[g[0]:g[1]]!r} {g[2]} | sys " + "; ".join(f"{t[s[0]:s[1]]!r} {s[2]}" for s in hits))
    for s in system:
        if not any(_overlap(s, g) for g in gd.spans):
            print(f"  FP   {t[s[0]:s[1]]!r} {s[2]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N documents of each set")
    ap.add_argument("--errors", action="store_true", help="print newsledger's misses and wrong values")
    ap.add_argument("--sets", default="tempeval3,meantime")
    args = ap.parse_args(argv)
    readers = {"tempeval3": (EVAL / "tempeval3" / "test-platinum", read_tempeval),
               # the TempEval-3 training data (TimeBank + AQUAINT): the set to study errors on
               "tbaq-timebank": (EVAL / "tempeval3" / "train-TBAQ-cleaned" / "TimeBank", read_tempeval),
               "tbaq-aquaint": (EVAL / "tempeval3" / "train-TBAQ-cleaned" / "AQUAINT", read_tempeval),
               "meantime": (EVAL / "meantime" / "intra_cross-doc_annotation", read_meantime)}
    systems = {"newsledger": system_newsledger(), "ledger_spans": system_ledger_spans(), "baseline": system_baseline()}
    results: dict[str, object] = {}
    for name in args.sets.split(","):
        folder, reader = readers[name]
        if not folder.is_dir():
            print(f"{name}: gold data not found at {folder}; skipped")
            continue
        docs = list(reader(folder))
        if args.limit:
            docs = docs[: args.limit]
        t0 = time.perf_counter()
        res = evaluate(docs, systems, errors=args.errors)
        elapsed = time.perf_counter() - t0
        results[name] = {"docs": len(docs), "seconds": round(elapsed, 1), **res}
        print(f"\n{name}: {len(docs)} docs, {res['newsledger']['gold']} gold TIMEX3, {elapsed:.1f}s")
        cols = ["system", "strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1",
                "value_acc", "value_f1"]
        print("  " + f"{cols[0]:>12} " + " ".join(f"{c:>10}" for c in cols[1:]))
        for sys_name, f in res.items():
            print("  " + f"{sys_name:>12} " + " ".join(f"{f[c]:>10.3f}" for c in cols[1:]))
        if name == "tempeval3" and not args.limit:
            # The anchor as reported, not run here (HeidelTime is Java with its own resources):
            # the figures for the best rule-based system at TempEval-3, on this same test set.
            anchor = {"relaxed_f1": 0.90, "value_f1": 0.78}
            print("  " + f"{'HeidelTime*':>12} " + " ".join(
                f"{anchor[c]:>10.2f}" if c in anchor else f"{'':>10}" for c in cols[1:]))
            print("  * reported at TempEval-3 (about 0.90 relaxed span F1, about 0.78 value F1), not run here")
    if not results:
        print("no evaluation data found; nothing scored")
        return 0
    line = json.dumps({"bench": "times", "date": date.today().isoformat(), "results": results})
    print(line)
    if args.json:
        args.json.write_text(line + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
