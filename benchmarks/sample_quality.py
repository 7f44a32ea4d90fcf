"""Execute the notebooks that have a cell tagged ``metrics`` (08's classifiers, the generative and
self-supervised notebooks 13-15) at COURSE_SCALE 1 and 4 on the CPU and print every model's
metrics: the output of that cell (one ``model | metric | value`` line per number), beside the
run's wall time.

    COURSE_DATA_DIR=../shared/data python benchmarks/sample_quality.py [NOTEBOOK ...] [--scales 1 4]

The stored notebooks are not touched: each run writes to a temporary copy.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import nbformat
from nbclient.exceptions import CellExecutionError

from course_utils.notebooks import all_notebooks, execute

METRICS_TAG = "metrics"


def metrics_lines(nb) -> list[str]:
    lines = []
    for cell in nb.cells:
        if cell.cell_type == "code" and METRICS_TAG in cell.metadata.get("tags", []):
            for output in cell.outputs:
                if output.get("output_type") == "stream" and output.get("name") == "stdout":
                    lines += [line for line in output["text"].splitlines() if line.count("|") == 2]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--scales", nargs="+", type=float, default=[1, 4])
    args = parser.parse_args()
    paths = args.notebooks or [p for p in all_notebooks()
                               if any(METRICS_TAG in c.metadata.get("tags", []) for c in nbformat.read(p, as_version=4).cells)]
    print("| notebook | COURSE_SCALE | model | metric | value |")
    print("| --- | ---: | --- | --- | ---: |")
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            for scale in args.scales:
                out = Path(tmp) / f"{path.stem}-{scale:g}.ipynb"
                try:
                    seconds = execute(path, out=out, scale=scale, timeout=3600)
                except CellExecutionError as error:  # a notebook that breaks at this scale is a finding
                    failures += 1
                    last = str(error).strip().splitlines()[-1]
                    print(f"| `{path.stem}` | {scale:g} | (whole notebook) | FAILED | {last} |", flush=True)
                    continue
                for line in metrics_lines(nbformat.read(out, as_version=4)):
                    model, metric, value = (part.strip() for part in line.split("|"))
                    print(f"| `{path.stem}` | {scale:g} | {model} | {metric} | {value} |", flush=True)
                print(f"| `{path.stem}` | {scale:g} | (whole notebook) | wall time (s) | {seconds:.1f} |", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
