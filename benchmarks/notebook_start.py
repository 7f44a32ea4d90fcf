"""What the start of a notebook costs: a fresh interpreter runs the course's setup cell (import
torch and course_utils, seed everything, pick the device, set the plot style), then loads MNIST, as
most notebooks do. Beside it, the same start with the two imports the course avoids:
`torch.use_deterministic_algorithms` (it imports PyTorch's compiler, `torch._inductor`) and
torchvision's MNIST class (torchvision imports `torch._dynamo`). The two ways run in turn, so that
a slow moment of the machine slows both.

    COURSE_DATA_DIR=../shared/data python benchmarks/notebook_start.py [--repeats 5]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

START = """
import sys, time
start = time.perf_counter()
import torch
from course_utils import course_scale, describe_device, get_device, seed_everything, use_course_style
generator = seed_everything(0)
if WITH_AVOIDED_IMPORTS:
    torch.use_deterministic_algorithms(True, warn_only=True)
device = get_device()
use_course_style()
setup_done = time.perf_counter()
if WITH_AVOIDED_IMPORTS:
    from torchvision.datasets import MNIST
from course_utils.data import mnist
data = mnist()
loaded = time.perf_counter()
print(setup_done - start, loaded - setup_done, "torch._dynamo" in sys.modules)
"""

WAYS = {
    "as the course starts": "WITH_AVOIDED_IMPORTS = False",
    "with the compiler and torchvision imported": "WITH_AVOIDED_IMPORTS = True",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    runs: dict[str, list[tuple[float, float, bool]]] = {way: [] for way in WAYS}
    for _ in range(args.repeats):
        for way, flag in WAYS.items():
            result = subprocess.run([sys.executable, "-c", flag + START], cwd=REPO, capture_output=True, text=True)
            if result.returncode != 0:
                print(result.stderr, file=sys.stderr)
                return 1
            setup, load, dynamo = result.stdout.split()
            runs[way].append((float(setup), float(load), dynamo == "True"))
    print(f"fresh interpreters, median of {args.repeats} runs each, the two ways in turn\n")
    print("| start | setup cell (s) | loading MNIST (s) | both (s) | `torch._dynamo` imported |")
    print("| --- | ---: | ---: | ---: | --- |")
    medians = {}
    for way, rows in runs.items():
        setup = statistics.median(r[0] for r in rows)
        load = statistics.median(r[1] for r in rows)
        both = statistics.median(r[0] + r[1] for r in rows)
        medians[way] = both
        dynamo = "yes" if all(r[2] for r in rows) else "no" if not any(r[2] for r in rows) else "in some runs"
        print(f"| {way} | {setup:.2f} | {load:.2f} | {both:.2f} | {dynamo} |")
    ours, avoided = medians.values()
    print(f"\nthe imports the course avoids cost {avoided - ours:.2f} s at the start of a notebook")
    return 0


if __name__ == "__main__":
    sys.exit(main())
