"""Shared helpers for the benchmark scripts: where the gold data is, tables, the JSON result line, floors.

Every benchmark script prints a human table and, last, one JSON line ``{"bench": NAME, ...}``. The harness
(run_all.py) and the quality gate (tests/test_quality_gate.py) read that line, flatten it into named figures
("results.geowebnews.ours.acc161") and compare them with the floors committed in floors.json.
Only the standard library is used here so a script can import this before (or without) newsledger.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
CACHE_DIR = BENCH_DIR / ".cache"
FLOORS_PATH = BENCH_DIR / "floors.json"
RESULTS_JSON = BENCH_DIR / "results.json"
RESULTS_MD = BENCH_DIR / "results.md"

# A list element is named by the first of these fields it has, so figures keep their names when a list
# is reordered or grows ("results.lgl.ours.acc161" rather than "results.1.ours.acc161").
_LIST_KEYS = ("corpus", "set", "dataset", "name", "system", "task", "split", "label", "kind", "mode")
_SAFE = re.compile(r"[^A-Za-z0-9_+\-@/]+")


def eval_dir() -> Path:
    """The gold-data root: $NEWSLEDGER_EVAL, else ../shared/eval next to the project."""
    env = os.environ.get("NEWSLEDGER_EVAL")
    return Path(env) if env else PROJECT_DIR.parent / "shared" / "eval"


def eval_path(name: str) -> Path | None:
    """One evaluation set's folder, or None (after printing a skip line) when it is absent."""
    path = eval_dir() / name
    if path.is_dir():
        return path
    print(f"skip {name}: {path} not found")
    return None


def print_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A plain aligned text table: numbers right-aligned, text left-aligned."""
    rows = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    numeric = [all(_is_number(r[i]) for r in rows if r[i]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric)).rstrip()

    print(line(list(headers)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The same table as GitHub Markdown (cells are escaped for pipes)."""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    for row in rows:
        out.append("| " + " | ".join(_cell(v).replace("|", "\\|") for v in row) + " |")
    return "\n".join(out)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def emit_result(bench: str, payload: Mapping[str, Any]) -> None:
    """Print the machine-readable line the harness reads: one JSON object, last, with a "bench" key."""
    print(json.dumps({"bench": bench, **payload}, sort_keys=False), flush=True)


def parse_result(stdout: str) -> dict[str, Any] | None:
    """The last JSON object line with a "bench" key in a script's output, or None.

    "benchmark" is accepted for "bench" (one script uses it); its value is kept under "bench".
    """
    for line in reversed(stdout.splitlines()):
        line = line.strip()
        if not (line.startswith("{") and line.endswith("}")):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict) and "benchmark" in obj and "bench" not in obj:
            obj = {"bench": obj.pop("benchmark"), **obj}
        if isinstance(obj, dict) and "bench" in obj:
            return obj
    return None


def flatten(obj: Any, prefix: str = "") -> dict[str, float]:
    """Every finite number in a result, keyed by its dotted path; list items keyed by their name field."""
    out: dict[str, float] = {}
    if isinstance(obj, bool):
        return out
    if isinstance(obj, (int, float)):
        if math.isfinite(obj) and prefix:
            out[prefix] = float(obj)
        return out
    if isinstance(obj, Mapping):
        for key, value in obj.items():
            if key == "bench":
                continue
            out.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(obj, (list, tuple)):
        for i, value in enumerate(obj):
            name = _list_name(value, i)
            out.update(flatten(_without_name(value), f"{prefix}.{name}" if prefix else name))
    return out


def _list_name(value: Any, index: int) -> str:
    if isinstance(value, Mapping):
        for key in _LIST_KEYS:
            if isinstance(value.get(key), str) and value[key]:
                return _SAFE.sub("_", value[key])
    return str(index)


def _without_name(value: Any) -> Any:
    if isinstance(value, Mapping):
        for key in _LIST_KEYS:
            if isinstance(value.get(key), str) and value[key]:
                return {k: v for k, v in value.items() if k != key}
    return value


def load_floors(path: Path = FLOORS_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def check_floors(figures: Mapping[str, float], floors: Mapping[str, Any]) -> list[str]:
    """One line per figure that is missing or on the wrong side of its floor (``floor``) or ceiling (``max``)."""
    problems = []
    for name, spec in floors.items():
        if name.startswith("_"):
            continue
        value = figures.get(name)
        if value is None:
            problems.append(f"{name}: missing from the benchmark's output")
            continue
        if "floor" in spec and value < spec["floor"]:
            problems.append(f"{name}: {value:g} is below its floor {spec['floor']:g}")
        if "max" in spec and value > spec["max"]:
            problems.append(f"{name}: {value:g} is above its ceiling {spec['max']:g}")
    return problems


def peak_rss_mb(who: int | None = None) -> float:
    """Peak resident memory in MB of this process (default) or of its largest waited-for child."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF if who is None else who)
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    scale = 1 / (1024 * 1024) if sys.platform == "darwin" else 1 / 1024
    return round(usage.ru_maxrss * scale, 1)


def percentile(values: Sequence[float], pct: float) -> float:
    """The pct-th percentile by linear interpolation (as numpy's default), no numpy needed."""
    data = sorted(values)
    if not data:
        return math.nan
    pos = (len(data) - 1) * pct / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


# --- the fixed news corpus for speed measurements ---------------------------------------------------------

NEWS_SOURCES = ("fnc-1", "ecbplus", "lgl", "geowebnews")
_NO_SPACE_BEFORE = re.compile(r" (?=[,.;:!?%)\]}]|'s\b|'re\b|'ve\b|'ll\b|'d\b|'m\b|n't\b)")
_NO_SPACE_AFTER = re.compile(r"(?<=[(\[{$]) ")


def news_corpus(limit: int | None = None) -> list[tuple[str, str]]:
    """(origin, text) for every article body in FNC-1 (test bodies), ECB+, LGL and GeoWebNews, in a fixed order.

    With ``limit``, an evenly spread fixed subset of that many (so every source stays represented).
    Sources that are absent are skipped with a line; the order never depends on the file system.
    """
    items: list[tuple[str, str]] = []
    for name, reader in (("fnc-1", _fnc1), ("ecbplus", _ecbplus), ("lgl", _lgl), ("geowebnews", _geowebnews)):
        path = eval_path(name)
        if path is not None:
            items.extend((o, t) for o, t in reader(path) if t.strip())
    if limit is not None and len(items) > limit:
        step = len(items) / limit
        items = [items[int(i * step)] for i in range(limit)]
    return items


def _fnc1(path: Path) -> list[tuple[str, str]]:
    import csv

    with (path / "competition_test_bodies.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows.sort(key=lambda r: int(r["Body ID"]))
    return [(f"fnc-1:body-{r['Body ID']}", r["articleBody"]) for r in rows]


def _ecbplus(path: Path) -> list[tuple[str, str]]:
    import xml.etree.ElementTree as ET

    def key(p: Path) -> tuple[int, str]:
        return int(p.parent.name), p.name

    out = []
    for file in sorted((path / "ECB+").glob("*/*.xml"), key=key):
        sentences: dict[str, list[str]] = {}
        for tok in ET.parse(file).getroot().iter("token"):
            sentences.setdefault(tok.get("sentence") or "0", []).append(tok.text or "")
        out.append((f"ecbplus:{file.parent.name}/{file.name}", "\n".join(_detokenise(t) for t in sentences.values())))
    return out


def _detokenise(tokens: list[str]) -> str:
    # ECB+ stores tokens without spacing; two regexes give readable text (no detokeniser is a dependency,
    # and the exact spacing does not matter for speed measurements).
    return _NO_SPACE_AFTER.sub("", _NO_SPACE_BEFORE.sub("", " ".join(t for t in tokens if t)))


def _lgl(path: Path) -> list[tuple[str, str]]:
    import xml.etree.ElementTree as ET

    root = ET.parse(path / "lgl.xml").getroot()
    return [(f"lgl:{a.get('docid')}", a.findtext("text") or "") for a in root.iter("article")]


def _geowebnews(path: Path) -> list[tuple[str, str]]:
    import xml.etree.ElementTree as ET

    root = ET.parse(path / "GWN.xml").getroot()
    return [(f"geowebnews:{a.get('file')}", a.findtext("text") or "") for a in root.iter("article")]
