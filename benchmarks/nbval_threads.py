"""Prove that the nbval suite is stable: run it twice in a row over every notebook, once with
1 torch thread per kernel and once with 2 (the stored outputs were made with 2), and print
each run's result. Both runs must pass. Every figure compared is logged (its RMS difference from
the stored one), and each run's largest difference is printed beside the figure tolerance: the
second run is a second execution at the stored thread count, the first a different one.

    COURSE_DATA_DIR=../shared/data python benchmarks/nbval_threads.py [NOTEBOOK ...]
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def run_suite(threads: int, notebooks: list[str], log: Path) -> tuple[bool, str, float]:
    log.unlink(missing_ok=True)
    env = {**os.environ, "OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads), "COURSE_FIGURE_LOG": str(log)}
    # One worker per core at 1 thread; one worker at 2 threads, so that cores are not oversubscribed.
    workers = "2" if threads == 1 else "0"
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *notebooks, "-n", workers, "-q"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - start
    summary = next((line for line in reversed(result.stdout.splitlines()) if re.search(r"\d+ (passed|failed)", line)), "no summary")
    if result.returncode != 0:
        print(result.stdout[-5000:], file=sys.stderr)
    return result.returncode == 0, summary.strip("= "), seconds


def largest_difference(log: Path) -> str:
    rows = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    if not rows:
        return "no figures compared"
    worst = max(rows, key=lambda r: r["rms"])
    differing = sum(r["rms"] > 0 for r in rows)
    return (f"{len(rows)} figures, {differing} not byte-identical, largest RMS {worst['rms']:.3g} "
            f"({worst['notebook']}, code cell {worst['cell']})")


def main() -> int:
    from course_utils.figures import rms_tolerance

    notebooks = sys.argv[1:] or ["notebooks"]
    print(f"notebooks: {' '.join(notebooks)}; figure tolerance: RMS {rms_tolerance():g}\n")
    print("| run | torch threads per kernel | result | wall time (s) | figures |")
    print("| --- | ---: | --- | ---: | --- |")
    all_ok = True
    for run, threads in enumerate((1, 2), start=1):
        log = REPO_ROOT / "build" / f"figure-rms-{threads}-threads.jsonl"
        log.parent.mkdir(exist_ok=True)
        ok, summary, seconds = run_suite(threads, notebooks, log)
        all_ok &= ok
        print(f"| {run} | {threads} | {'PASS' if ok else 'FAIL'}: {summary} | {seconds:.0f} | {largest_difference(log)} |", flush=True)
    return 0 if all_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
