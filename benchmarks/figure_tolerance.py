"""How sensitive is CI's figure comparison? Two measurements against the stored notebooks:

1. Every stored figure of the course shifted by one pixel (right, then down): the RMS difference
   such a shift makes, and how many of the shifted figures the tolerance catches.
2. A real change of a lesson: a cell re-executed with one number changed a little (by default a
   learning rate of notebook 05's optimizer-path figure, 5 % larger), compared with the stored
   figures as CI compares them.

What varies legitimately (1 vs 2 threads, two runs) is measured by `benchmarks/nbval_threads.py`,
which logs the RMS of every figure it compares.

    python benchmarks/figure_tolerance.py [--notebook NB --cell N --replace OLD NEW]
"""
from __future__ import annotations

import argparse
import io
import shutil
import sys
from pathlib import Path

import nbformat
import numpy as np
from PIL import Image

from course_utils import figures
from course_utils.notebooks import all_notebooks, execute

REPO_ROOT = Path(__file__).resolve().parent.parent
WORK = REPO_ROOT / "build" / "figure-tolerance"


def rms(a: bytes, b: bytes) -> float:
    x = np.asarray(Image.open(io.BytesIO(a)).convert("RGB"), dtype=float)
    y = np.asarray(Image.open(io.BytesIO(b)).convert("RGB"), dtype=float)
    return float(np.sqrt(((x - y) ** 2).mean()))


def shifted(png: bytes, axis: int) -> bytes:
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).copy()
    pixels = np.roll(pixels, 1, axis=axis)
    (pixels[:, :1] if axis == 1 else pixels[:1])[...] = 255  # the pixel rolled in from the far edge becomes white
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="PNG")
    return out.getvalue()


def one_pixel_shifts() -> None:
    tolerance = figures.rms_tolerance()
    values = []
    for path in all_notebooks():
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        for number, cell in enumerate(code):
            for index, png in enumerate(figures.pngs(cell.outputs)):
                for axis in (1, 0):
                    values.append((rms(png, shifted(png, axis)), path.name, number, index, "right" if axis else "down"))
    values.sort()
    caught = sum(v[0] > tolerance for v in values)
    print(f"1. One-pixel shifts of the {len(values) // 2} stored figures ({len(values)} shifts), tolerance {tolerance:g}:")
    print(f"   caught {caught} of {len(values)}; RMS smallest {values[0][0]:.3g}, median {values[len(values) // 2][0]:.3g}")
    for value, name, number, index, where in values[:3]:
        print(f"   smallest: {value:.3g} ({name}, code cell {number}, figure {index}, shifted {where})")


def real_change(notebook: Path, cell: int, old: str, new: str) -> bool:
    WORK.mkdir(parents=True, exist_ok=True)
    copy = WORK / notebook.name
    shutil.copy(notebook, copy)
    nb = nbformat.read(copy, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    if old not in code[cell].source:
        raise SystemExit(f"{old!r} is not in code cell {cell} of {notebook.name}")
    stored = figures.pngs(code[cell].outputs)
    code[cell].source = code[cell].source.replace(old, new, 1)
    nbformat.write(nb, copy)
    execute(copy, threads=2)
    produced = figures.pngs([c for c in nbformat.read(copy, as_version=4).cells if c.cell_type == "code"][cell].outputs)
    problems = figures.compare(stored, produced, str(copy), cell)
    values = [rms(a, b) for a, b in zip(stored, produced)]
    print(f"2. {notebook.name}, code cell {cell}, {old!r} -> {new!r}: RMS of its figures "
          f"{', '.join(f'{v:.3g}' for v in values)} (tolerance {figures.rms_tolerance():g}): "
          f"{'caught' if problems else 'NOT caught'}")
    return bool(problems)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebook", type=Path, default=REPO_ROOT / "notebooks" / "05_optimizers.ipynb")
    parser.add_argument("--cell", type=int, default=None, help="code cell number, counting from 0")
    parser.add_argument("--replace", nargs=2, metavar=("OLD", "NEW"), default=None)
    args = parser.parse_args()
    one_pixel_shifts()
    if args.cell is None or args.replace is None:
        print("2. skipped: give --cell and --replace OLD NEW")
        return 0
    return 0 if real_change(args.notebook, args.cell, *args.replace) else 1


if __name__ == "__main__":
    sys.exit(main())
