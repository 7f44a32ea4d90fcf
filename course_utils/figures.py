"""Comparing a notebook's figures with the stored ones, as CI does.

nbval compares text only. Here every PNG a cell draws is compared with the stored PNG by
matplotlib's own image comparison (``matplotlib.testing.compare.compare_images``): the root mean
square of the per-pixel difference, in grey levels 0..255, must not exceed ``RMS_TOLERANCE``.
Images of a different size always fail. A cell tagged ``figure-varies`` (a timing plot) is held
only to the number and size of its figures. Figures drawn inside a widget are not compared: the
stored notebook keeps only the widget.
"""
from __future__ import annotations

import base64
import io
import json
import os
import re
from pathlib import Path

# Measured by benchmarks/figure_tolerance.py: the largest difference between two executions at 1
# and 2 torch threads was far below this, and the smallest real change it must catch far above.
RMS_TOLERANCE = 1.0
VARIES_TAG = "figure-varies"
REPO_ROOT = Path(__file__).resolve().parent.parent
DIFF_DIR = REPO_ROOT / "build" / "figure-diffs"


def pngs(outputs) -> list[bytes]:
    """The PNG images among a cell's outputs, in order."""
    found = []
    for output in outputs:
        data = output.get("data", {}) if hasattr(output, "get") else {}
        if "image/png" in data:
            found.append(base64.b64decode(data["image/png"]))
    return found


def shows_a_widget(outputs) -> bool:
    """Whether a cell's outputs hold a widget (``interact``, ``Output``): its figures live inside the
    widget, which a stored notebook keeps as a widget view and nbval's kernel prints directly."""
    return any("application/vnd.jupyter.widget-view+json" in (o.get("data", {}) if hasattr(o, "get") else {}) for o in outputs)


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _label(notebook: str, cell: int, index: int) -> str:
    return f"{re.sub(r'[^A-Za-z0-9_.-]', '_', Path(notebook).stem)}/cell-{cell:03d}-figure-{index}"


def rms_tolerance() -> float:
    """``RMS_TOLERANCE``, or ``COURSE_FIGURE_TOLERANCE`` where set (the tolerance benchmark sets it)."""
    return float(os.environ.get("COURSE_FIGURE_TOLERANCE") or RMS_TOLERANCE)


def compare(stored: list[bytes], produced: list[bytes], notebook: str, cell: int, varies: bool = False,
            tolerance: float | None = None) -> list[str]:
    """Problems found comparing a cell's produced figures with its stored ones; empty when they
    match. For each differing figure the stored, produced and difference images are written to
    ``build/figure-diffs/<notebook>/``. With ``COURSE_FIGURE_LOG`` set, every RMS is appended to
    that file as one JSON line."""
    from matplotlib.testing.compare import compare_images

    tolerance = rms_tolerance() if tolerance is None else tolerance
    if len(stored) != len(produced):
        return [f"the cell draws {len(produced)} figure(s), the stored notebook has {len(stored)}"]
    problems = []
    for index, (old, new) in enumerate(zip(stored, produced)):
        if png_size(old) != png_size(new):
            problems.append(f"figure {index} is {png_size(new)[0]}x{png_size(new)[1]} pixels, "
                            f"stored {png_size(old)[0]}x{png_size(old)[1]}")
            _write(old, new, notebook, cell, index)
            continue
        if varies or old == new:
            rms = 0.0 if old == new else None
        else:
            expected, actual = _write(old, new, notebook, cell, index)
            result = compare_images(str(expected), str(actual), tol=0, in_decorator=True)
            rms = 0.0 if result is None else float(result["rms"])
            if rms <= tolerance:
                for path in (expected, actual, actual.with_name(actual.stem + "-failed-diff.png")):
                    path.unlink(missing_ok=True)
            else:
                problems.append(f"figure {index} differs from the stored one by RMS {rms:.3g} grey levels "
                                f"(tolerance {tolerance:g}); images in {expected.parent}")
        log = os.environ.get("COURSE_FIGURE_LOG")
        if log and rms is not None:
            with open(log, "a", encoding="utf-8") as f:
                f.write(json.dumps({"notebook": Path(notebook).name, "cell": cell, "figure": index, "rms": rms}) + "\n")
    return problems


def _write(old: bytes, new: bytes, notebook: str, cell: int, index: int) -> tuple[Path, Path]:
    base = DIFF_DIR / _label(notebook, cell, index)
    base.parent.mkdir(parents=True, exist_ok=True)
    expected, actual = base.with_name(base.name + "-stored.png"), base.with_name(base.name + "-produced.png")
    expected.write_bytes(old)
    actual.write_bytes(new)
    return expected, actual
