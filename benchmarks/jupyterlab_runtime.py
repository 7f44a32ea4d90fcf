"""Restart Kernel and Run All of every notebook in JupyterLab (headless Chromium), timed as a
student feels it: from the click to the last cell, in the environment a student has (no thread or
OpenMP variables, live widgets and progress bars), starting from an empty cache. Beside it, the
time `make notebooks` takes for the same notebook (nbclient, the course's fixed environment,
kernel start included, its own empty cache) against the notebook's own budget: the README's two
runtime tables in one run.

    COURSE_DATA_DIR=../shared/data python benchmarks/jupyterlab_runtime.py [NOTEBOOK ...] [--no-nbclient]

Needs Chromium (`apt-get install -y chromium`, or COURSE_CHROMIUM). The stored notebooks are not
touched: JupyterLab runs over a temporary copy with autosave off.
"""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import nbformat

from course_utils import lab as course_lab
from course_utils.notebooks import MAX_BUDGET_SECONDS, all_notebooks, execute

from notebook_runtime import COURSE_BUDGET_SECONDS

LAB_LIMIT_SECONDS = 60
COURSE_LIMIT_SECONDS = 10 * 60
# What the course's own execution sets and a student's JupyterLab does not.
TUNED = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OMP_WAIT_POLICY", "TQDM_MININTERVAL", "COURSE_HEADLESS",
         "COURSE_STRICT_EXERCISES", "MPLBACKEND", "COURSE_SCALE")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--no-nbclient", action="store_true", help="skip the nbclient column")
    args = parser.parse_args()
    paths = args.notebooks or all_notebooks()
    for name in TUNED:
        os.environ.pop(name, None)
    os.environ["COURSE_DEVICE"] = "cpu"

    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
    print(f"{os.cpu_count()} CPU cores; JupyterLab: the student's environment; nbclient: `make notebooks`\n")
    print("| notebook | JupyterLab Run All (s) | within 60 s | nbclient (s) | budget (s) | within budget |")
    print("| --- | ---: | --- | ---: | ---: | --- |")
    lab_total = nbclient_total = 0.0
    failures = 0
    # Each column is a first pass through the course, with its own empty cache: notebook 13 trains
    # the digit judge and notebook 14 loads it (course_utils.samples.digit_judge).
    caches = tempfile.TemporaryDirectory()
    lab_cache, nbclient_cache = Path(caches.name) / "lab", Path(caches.name) / "nbclient"
    lab = course_lab.start(env={"COURSE_CACHE_DIR": str(lab_cache)})
    with caches, lab as server, sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        course_lab.open_lab(page, server)
        for path in paths:
            result = course_lab.run_all(page, server, path.name, timeout=900)
            course_lab.close_all(page)
            broken = result.unexpected_errors() or result.unexecuted()
            ok = result.seconds <= LAB_LIMIT_SECONDS and not broken
            failures += not ok
            lab_total += result.seconds
            budget = nbformat.read(path, as_version=4).metadata.get("course", {}).get("budget_seconds", MAX_BUDGET_SECONDS)
            os.environ["COURSE_CACHE_DIR"] = str(nbclient_cache)
            nbclient = None if args.no_nbclient else execute(path, out=Path(tmp) / path.name)
            in_budget = "" if nbclient is None else ("yes" if nbclient <= budget else "NO")
            failures += in_budget == "NO"
            nbclient_total += nbclient or 0
            note = " (did not finish)" if broken else ""
            print(f"| `{path.name}` | {result.seconds:.1f}{note} | {'yes' if ok else 'NO'} | "
                  f"{'' if nbclient is None else f'{nbclient:.1f}'} | {budget} | {in_budget} |", flush=True)
        browser.close()
    ok = lab_total <= COURSE_LIMIT_SECONDS
    failures += not ok
    course_ok = "" if args.no_nbclient else ("yes" if nbclient_total <= COURSE_BUDGET_SECONDS else "NO")
    failures += course_ok == "NO"
    print(f"| **course total** | {lab_total:.1f} | {'yes' if ok else 'NO'} (limit {COURSE_LIMIT_SECONDS} s) | "
          f"{'' if args.no_nbclient else f'{nbclient_total:.1f}'} | {COURSE_BUDGET_SECONDS} | {course_ok} |")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
