"""Quality gate: accuracy on fixed subsets of the gold sets must not drop below the committed floors.

Each benchmark script runs as a subprocess with the arguments floors.json gives it under "gate" (a --limit
subset, small enough that the whole gate takes a few minutes on 2 cores), and every figure listed there must
stay at or above its floor. Skipped when ../shared/eval is absent (set NEWSLEDGER_EVAL to point elsewhere).
The first tests check the harness itself (figure naming, floor checks, the README region) and need no data.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

PROJECT = Path(__file__).resolve().parents[1]
BENCH = PROJECT / "benchmarks"


def _load(name: str) -> ModuleType:
    # The benchmark helpers are scripts, not a package: load them under names that cannot clash.
    spec = importlib.util.spec_from_file_location(f"newsledger_bench_{name}", BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


common = _load("common")
FLOORS = common.load_floors()
GATE = {k: v for k, v in FLOORS["gate"].items() if not k.startswith("_")}


# --- the harness itself ----------------------------------------------------------------------------------------

def test_flatten_names_list_items_by_their_name_field() -> None:
    result = {"bench": "geo", "results": [{"corpus": "lgl", "ours": {"acc": 81.5, "ok": True}, "note": "x"},
                                          {"corpus": "gwn", "ours": {"acc": 90}}], "times": [0.5, 2]}
    assert common.flatten(result) == {"results.lgl.ours.acc": 81.5, "results.gwn.ours.acc": 90.0,
                                      "times.0": 0.5, "times.1": 2.0}


def test_parse_result_takes_the_last_bench_line() -> None:
    out = 'table\n{"not": "ours"}\n{"bench": "a", "x": 1}\nmore\n{"benchmark": "b", "y": 2}\n'
    assert common.parse_result(out) == {"bench": "b", "y": 2}
    assert common.parse_result("skip geo: not found\n") is None


def test_check_floors_reports_drops_ceilings_and_missing_figures() -> None:
    floors = {"a": {"floor": 80.0, "why": "t"}, "b": {"max": 2.0, "why": "t"}, "c": {"floor": 1, "why": "t"},
              "_comment": "ignored"}
    problems = common.check_floors({"a": 79.9, "b": 2.5}, floors)
    assert len(problems) == 3
    assert problems[0].startswith("a: 79.9 is below") and problems[1].startswith("b: 2.5 is above")
    assert "missing" in problems[2]
    assert common.check_floors({"a": 80.0, "b": 2.0, "c": 1}, floors) == []


def test_readme_region_is_the_only_part_rewritten(tmp_path: Path) -> None:
    run_all = _load("run_all")
    readme = tmp_path / "README.md"
    readme.write_text("# T\nintro\n<!-- bench:start -->\nold table\n<!-- bench:end -->\nafter\n", encoding="utf-8")
    assert run_all.rewrite_readme("| a | b |", readme)
    assert readme.read_text(encoding="utf-8") == (
        "# T\nintro\n<!-- bench:start -->\n| a | b |\n<!-- bench:end -->\nafter\n")
    plain = tmp_path / "PLAIN.md"
    plain.write_text("no markers\n", encoding="utf-8")
    assert not run_all.rewrite_readme("| a |", plain)
    assert plain.read_text(encoding="utf-8") == "no markers\n"


def test_percentile_interpolates() -> None:
    assert common.percentile([4.0, 1.0, 3.0, 2.0], 50) == 2.5
    assert common.percentile([1.0, 2.0, 3.0, 4.0, 5.0], 95) == pytest.approx(4.8)


def test_floors_file_is_well_formed() -> None:
    """Every floor says why it is where it is, and every gate entry says how to run its subset."""
    for section in ("full", "gate"):
        for bench, spec in FLOORS[section].items():
            if bench.startswith("_"):
                continue
            floors = spec["floors"] if section == "gate" else spec
            if section == "gate":
                assert isinstance(spec["args"], list) and all(isinstance(a, str) for a in spec["args"]), bench
                assert (BENCH / f"bench_{bench}.py").exists() or spec.get("pending"), bench
            for figure, floor in floors.items():
                if figure.startswith("_"):
                    continue
                assert ("floor" in floor) != ("max" in floor), (bench, figure)
                assert isinstance(floor.get("floor", floor.get("max")), (int, float)), (bench, figure)
                assert floor.get("why"), f"{section}/{bench}/{figure} needs a 'why'"


# --- the gate --------------------------------------------------------------------------------------------------

@pytest.mark.skipif(not common.eval_dir().is_dir(), reason="gold data (../shared/eval) absent")
@pytest.mark.parametrize("bench", sorted(GATE))
def test_gate_figures_stay_above_their_floors(bench: str) -> None:
    spec = GATE[bench]
    script = BENCH / f"bench_{bench}.py"
    if not script.exists():
        pytest.skip(f"{script.name} not written yet")
    cmd = [sys.executable, str(script), *spec["args"]]
    proc = subprocess.run(cmd, cwd=PROJECT, capture_output=True, text=True, timeout=spec.get("timeout_s", 240))
    tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-12:])
    assert proc.returncode == 0, f"{' '.join(cmd[1:])} exited {proc.returncode}:\n{tail}"
    result = common.parse_result(proc.stdout)
    if result is None and "skip" in proc.stdout.lower():
        pytest.skip(f"{bench}: its gold data is absent")
    assert result is not None, f"{bench} printed no JSON result line:\n{tail}"
    figures = common.flatten(result)
    problems = common.check_floors(figures, spec["floors"])
    assert not problems, f"{bench} ({' '.join(spec['args'])}):\n" + "\n".join(problems) + "\n" + json.dumps(
        {k: figures.get(k) for k in spec["floors"] if not k.startswith("_")})
