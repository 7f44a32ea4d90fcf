"""Execute every notebook as `make notebooks` does (fresh kernel, CPU, fixed environment) and
print a table: notebook, budget, measured seconds, pass/fail, and the course total.
The stored notebooks are not touched: each run writes to a temporary copy. The run starts from an
empty cache, as on a fresh checkout (notebook 13 trains the digit judge, notebook 14 loads it).

    COURSE_DATA_DIR=../shared/data python benchmarks/notebook_runtime.py [NOTEBOOK ...]
"""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import nbformat

from course_utils.notebooks import MAX_BUDGET_SECONDS, all_notebooks, execute

COURSE_BUDGET_SECONDS = 15 * 60  # 16 notebooks (12 minutes when the course had 13)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    paths = args.notebooks or all_notebooks()

    print(f"{os.cpu_count()} CPU cores, {args.threads} torch threads per kernel\n")
    print(f"| notebook | budget (s) | measured (s) | within budget |")
    print(f"| --- | ---: | ---: | --- |")
    total, failures = 0.0, 0
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["COURSE_CACHE_DIR"] = str(Path(tmp) / "cache")
        for path in paths:
            budget = nbformat.read(path, as_version=4).metadata.get("course", {}).get("budget_seconds", MAX_BUDGET_SECONDS)
            seconds = execute(path, threads=args.threads, out=Path(tmp) / path.name)
            ok = seconds <= budget
            failures += not ok
            total += seconds
            print(f"| `{path.name}` | {budget} | {seconds:.1f} | {'yes' if ok else 'NO'} |", flush=True)
    ok = total <= COURSE_BUDGET_SECONDS
    failures += not ok
    print(f"| **course total** | {COURSE_BUDGET_SECONDS} | {total:.1f} | {'yes' if ok else 'NO'} |")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
