"""Run every benchmarks/bench_*.py, collect their figures, write results.json / results.md and the README table.

Each script runs as its own process (one spaCy load each, no state shared) and prints a table plus one JSON
line (see common.py). A script that finds no gold data prints "skip ..." lines and no JSON: it is reported
as skipped, not failed. Figures are compared with the full-set floors in floors.json; a figure under its
floor is flagged in the tables (and fails the run with --check-floors). The README region between
``<!-- bench:start -->`` and ``<!-- bench:end -->`` is rewritten from results.md; nothing else is touched.

    .venv/bin/python benchmarks/run_all.py [--quick] [--only geo] [--skip throughput] [--check-floors]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    BENCH_DIR,
    PROJECT_DIR,
    RESULTS_JSON,
    RESULTS_MD,
    check_floors,
    eval_dir,
    flatten,
    load_floors,
    markdown_table,
    parse_result,
)

README = PROJECT_DIR / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
DEFAULT_TIMEOUT_S = 3 * 3600
MAX_FIGURES_WITHOUT_FLOORS = 12
"""A benchmark with no floors or headline list yet shows at most this many figures in the README table."""


def discover(only: list[str] | None, skip: list[str] | None) -> list[Path]:
    scripts = sorted(BENCH_DIR.glob("bench_*.py"))
    names = {p.stem.removeprefix("bench_"): p for p in scripts}
    chosen = [n for n in names if (not only or n in only) and n not in (skip or [])]
    for n in only or []:
        if n not in names:
            print(f"no benchmark named {n!r} (have: {', '.join(names)})")
    return [names[n] for n in chosen]


def run_script(script: Path, args: list[str], timeout: float) -> dict[str, Any]:
    """Run one benchmark, echoing its output live, and return what the harness records about it."""
    name = script.stem.removeprefix("bench_")
    cmd = [sys.executable, str(script), *args]
    print(f"\n=== {name}: {' '.join([Path(cmd[0]).name, *cmd[1:]])}", flush=True)
    t0 = time.perf_counter()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    lines: list[str] = []
    proc = subprocess.Popen(cmd, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env=env)
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            lines.append(line)
            if not _is_json_line(line):
                print("  " + line, end="", flush=True)
        rc = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        rc = -9
        lines.append(f"timed out after {timeout:.0f} s\n")
    seconds = round(time.perf_counter() - t0, 1)
    out = "".join(lines)
    result = parse_result(out)
    skips = [ln.strip() for ln in lines if ln.lower().startswith("skip")]
    if rc != 0:
        status = "failed"
    elif result is None:
        status = "skipped" if skips else "no-result"
    else:
        status = "ok"
    tail = [ln.rstrip() for ln in lines[-15:]] if status in ("failed", "no-result") else []
    if tail:
        print(f"  !! {name} {status} (exit {rc})")
    return {"status": status, "exit": rc, "seconds": seconds, "command": cmd[1:], "skips": skips,
            "result": result, "figures": flatten(result) if result else {}, "tail": tail}


def from_saved(name: str, path: Path) -> dict[str, Any]:
    """A benchmark's record read from a file holding its output (the command is taken from a "# cmd:" line)."""
    out = path.read_text(encoding="utf-8")
    result = parse_result(out)
    cmd = next((ln[len("# cmd:"):].strip() for ln in out.splitlines() if ln.startswith("# cmd:")), str(path))
    print(f"\n=== {name}: recorded from {path}")
    return {"status": "ok" if result else "no-result", "exit": 0, "seconds": None, "command": [cmd],
            "skips": [], "result": result, "figures": flatten(result) if result else {}, "tail": [],
            "from_file": str(path)}


def _is_json_line(line: str) -> bool:
    s = line.strip()
    return s.startswith("{") and s.endswith("}") and ('"bench"' in s or '"benchmark"' in s)


def headline(name: str, figures: dict[str, float], floors: dict[str, Any]) -> list[tuple[str, float, Any]]:
    """The figures shown in the README: those with a floor, then the bench's listed headline figures."""
    spec = floors.get("full", {}).get(name, {})
    picked: list[tuple[str, float, Any]] = []
    for fig, floor in spec.items():
        if not fig.startswith("_") and fig in figures:
            picked.append((fig, figures[fig], floor))
    shown = {p[0] for p in picked}
    for fig in floors.get("headline", {}).get(name, []):
        if fig in figures and fig not in shown:
            picked.append((fig, figures[fig], None))
            shown.add(fig)
    if not picked:
        picked = [(f, v, None) for f, v in list(figures.items())[:MAX_FIGURES_WITHOUT_FLOORS]]
    return picked


# Where a figure's baseline lives: the same path with the system's name swapped for the
# baseline's, as each script names them (tried in order; the first that exists is shown).
_BASELINE_SWAPS = (
    (".ours.", (".baseline.", ".baseline_most_populous.", ".lemma.", ".majority.")),
    (".newsledger.", (".baseline.", ".spacy_baseline.")),
    ("runs.newsledger-", ("runs.spacy-ner-",)),
)


def baseline_of(fig: str, figures: dict[str, float]) -> float | None:
    """The baseline's value for the same measure, when the script ran one."""
    for mine, theirs in _BASELINE_SWAPS:
        if mine in fig:
            for other in theirs:
                candidate = fig.replace(mine, other, 1)
                if candidate in figures:
                    return figures[candidate]
    return None


def _floor_text(spec: Any) -> str:
    if not spec:
        return ""
    if "floor" in spec:
        return f"≥ {spec['floor']:g}"
    if "max" in spec:
        return f"≤ {spec['max']:g}"
    return ""


def render_markdown(report: dict[str, Any], floors: dict[str, Any]) -> tuple[str, str]:
    """(results.md, the README region). Both generated; neither is edited by hand."""
    when = report["generated"]
    rows, skipped = [], []
    for name, bench in report["benches"].items():
        if bench["status"] != "ok":
            skipped.append(f"- `{name}`: {bench['status']}"
                           + (f" ({'; '.join(bench['skips'][:3])})" if bench["skips"] else ""))
            continue
        below = {p.split(":")[0] for p in bench["below_floor"]}
        for fig, value, spec in headline(name, bench["figures"], floors):
            base = baseline_of(fig, bench["figures"])
            rows.append((name, fig, value, "" if base is None else base, _floor_text(spec),
                         "**below floor**" if fig in below else ""))
    summary = (markdown_table(("benchmark", "figure", "value", "baseline", "floor", "status"), rows)
               if rows else "_No figures._")
    note = (f"Generated by `make bench` (`benchmarks/run_all.py`) on {when}, commit `{report['commit']}`, "
            f"{report['machine']['cpus']} CPUs, Python {report['machine']['python']}. "
            "Gold data from `../shared/eval`; full tables in `benchmarks/results.md`, "
            "figure definitions in `benchmarks/README.md`.")
    region = "\n\n".join(p for p in (note, summary, "\n".join(skipped)) if p)
    full = ["# Benchmark results", "", note, "", "## Headline figures", "", summary, ""]
    if skipped:
        full += ["## Not run", "", *skipped, ""]
    for name, bench in report["benches"].items():
        if bench["status"] != "ok":
            continue
        took = f" — {bench['seconds']} s" if bench.get("seconds") is not None else " (recorded from a separate run)"
        full += [f"## {name}", "", f"`{' '.join(bench['command'])}`{took}", ""]
        full.append(markdown_table(("figure", "value"), sorted(bench["figures"].items())))
        full.append("")
    return "\n".join(full), region


def rewrite_readme(region: str, readme: Path = README) -> bool:
    """Replace only the text between the bench markers; False (README untouched) when they are missing."""
    if not readme.exists():
        return False
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        return False
    new = text[: start + len(START)] + "\n" + region.strip() + "\n" + text[end:]
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return True


def _previous_benches() -> dict[str, Any]:
    """A partial run (--only/--skip) keeps the other benchmarks' last full results."""
    try:
        previous = json.loads(RESULTS_JSON.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return {} if previous.get("quick") else dict(previous.get("benches", {}))


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_DIR, capture_output=True,
                             text=True, timeout=10)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=PROJECT_DIR,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return out.stdout.strip() + ("+dirty" if dirty else "") if out.returncode == 0 else "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="pass --quick to benchmarks that accept it (throughput)")
    ap.add_argument("--only", action="append", help="run only this benchmark (name without bench_); repeatable")
    ap.add_argument("--skip", action="append", help="skip this benchmark; repeatable")
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, help="seconds per benchmark")
    ap.add_argument("--check-floors", action="store_true", help="exit 1 when a figure is below its full floor")
    ap.add_argument("--no-readme", action="store_true", help="do not rewrite the README region")
    ap.add_argument("--use-output", action="append", metavar="NAME=FILE",
                    help="record NAME from a saved output of its script instead of running it (a long run "
                         "made separately); repeatable")
    args = ap.parse_args(argv)

    if not eval_dir().is_dir():
        print(f"skip: gold data not found at {eval_dir()}; accuracy benchmarks will skip their sets")
    floors = load_floors()
    report: dict[str, Any] = {
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "commit": _commit(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "quick": args.quick,
        "benches": {},
    }
    partial = bool(args.only or args.skip)
    if partial and not args.quick:
        report["benches"] = _previous_benches()
    saved = dict(item.split("=", 1) for item in args.use_output or [])
    failed = False
    for script in discover(args.only, args.skip):
        name = script.stem.removeprefix("bench_")
        extra = ["--quick"] if args.quick and "--quick" in script.read_text(encoding="utf-8") else []
        bench = from_saved(name, Path(saved[name])) if name in saved else run_script(script, extra, args.timeout)
        full_floors = floors.get("full", {}).get(name, {})
        bench["below_floor"] = check_floors(bench["figures"], full_floors) if bench["status"] == "ok" else []
        if args.quick:
            bench["below_floor"] = []  # full-set floors say nothing about a quick subset
        for problem in bench["below_floor"]:
            print(f"  !! {name}: {problem}")
        failed |= bench["status"] in ("failed", "no-result")
        report["benches"][name] = bench

    RESULTS_JSON.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    full, region = render_markdown(report, floors)
    RESULTS_MD.write_text(full, encoding="utf-8")
    print(f"\nwrote {RESULTS_JSON.relative_to(PROJECT_DIR)} and {RESULTS_MD.relative_to(PROJECT_DIR)}")
    if args.no_readme or args.quick:
        print("README left alone (--quick or --no-readme)")
    elif rewrite_readme(region):
        print(f"rewrote the bench region of {README.relative_to(PROJECT_DIR)}")
    else:
        print(f"README has no {START} … {END} markers: left alone")
    print("\n" + region)
    below = any(b["below_floor"] for b in report["benches"].values())
    return 1 if failed or (args.check_floors and below) else 0


if __name__ == "__main__":
    sys.exit(main())
