"""The notebook toolchain: execute notebooks reproducibly, check the lesson conventions, and
write student copies with the exercise solutions replaced by scaffolds.

    python -m course_utils.notebooks execute [NOTEBOOK ...]   # run in a fresh kernel, store outputs
    python -m course_utils.notebooks check [NOTEBOOK ...]     # the structural conventions
    python -m course_utils.notebooks student [--out build/student]
"""
from __future__ import annotations

import argparse
import copy
import os
import re
import sys
import time
from pathlib import Path

import nbformat

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = REPO_ROOT / "notebooks"
MAX_BUDGET_SECONDS = 90

# The first code cell of every notebook, character for character.
SETUP_SOURCE = """\
# Setup: the same in every notebook of the course.
%matplotlib inline
import torch
from course_utils import course_scale, describe_device, get_device, seed_everything, use_course_style

generator = seed_everything(0)
device = get_device()
SCALE = course_scale()  # COURSE_SCALE=4 trains longer or bigger where a notebook says so; CI uses 1
use_course_style()
print(describe_device())"""

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}
KEPT_CELL_METADATA = ("tags", "jupyter", "slideshow", "editable", "deletable")
SOLUTION_TAG = "solution"
BEGIN, END, SCAFFOLD = "# BEGIN SOLUTION", "# END SOLUTION", "# scaffold: "
MACHINE_PATH = re.compile(r"(/root/|/home/[^/\s]+/|/Users/[^/\s]+/|/tmp/[^\s'\"]*/|[A-Z]:\\\\Users\\\\)")
WIDGET_ID = re.compile(r'"model_id": "[0-9a-f]+"')


def execution_env(threads: int = 2) -> dict[str, str]:
    """The fixed environment notebooks are executed in, for stored outputs and for nbval."""
    data = os.environ.get("COURSE_DATA_DIR") or str(REPO_ROOT / "data")
    return {
        "COURSE_DEVICE": "cpu",
        "COURSE_DATA_DIR": data,
        "COURSE_SCALE": "1",
        "COURSE_HEADLESS": "1",
        "COURSE_STRICT_EXERCISES": "1",
        "COURSE_PRESENTATION": "0",
        "MPLBACKEND": "Agg",
        "OMP_NUM_THREADS": str(threads),
        "MKL_NUM_THREADS": str(threads),
        # Idle OpenMP threads sleep instead of spinning: on a busy machine spinning threads
        # starve each other and small-op training slows down many times over.
        "OMP_WAIT_POLICY": "PASSIVE",
        "PYTHONHASHSEED": "0",
        "TQDM_MININTERVAL": "1000",
    }


def is_solution(cell) -> bool:
    return cell.cell_type == "code" and SOLUTION_TAG in cell.metadata.get("tags", [])


def _slide_type(cell, index_of_setup: int, index: int) -> str:
    if cell.cell_type == "markdown":
        first = cell.source.lstrip().split("\n", 1)[0]
        if first.startswith(("# ", "## ")):
            return "slide"
        if first.startswith("### "):
            return "subslide"
        return "-"
    if index == index_of_setup or is_solution(cell):
        return "skip"
    return "-"


def _merge_streams(outputs: list) -> list:
    """Join consecutive stream outputs of the same stream: how the kernel happened to flush
    printed text must not change the stored notebook."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.output_type == "stream" and previous is not None and previous.output_type == "stream"
                and previous.name == output.name):
            previous.text += output.text
        else:
            merged.append(output)
    return merged


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Make the stored form deterministic: standard kernelspec, no timings or widget state,
    solution cells hidden, slide types set from the cell structure, stable cell and widget ids,
    consecutive printed chunks joined."""
    course = nb.metadata.get("course", {})
    nb.metadata = nbformat.from_dict({"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO, "course": course})
    setup_index = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), -1)
    widget_counter = 0
    for i, cell in enumerate(nb.cells):
        cell.metadata = nbformat.from_dict({k: v for k, v in cell.metadata.items() if k in KEPT_CELL_METADATA})
        cell.metadata["slideshow"] = nbformat.from_dict({"slide_type": _slide_type(cell, setup_index, i)})
        cell.id = f"cell-{i:03d}"
        if is_solution(cell):
            cell.metadata["jupyter"] = nbformat.from_dict({**cell.metadata.get("jupyter", {}), "source_hidden": True})
        if cell.cell_type != "code":
            continue
        cell.outputs = _merge_streams(cell.outputs)
        for output in cell.outputs:
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view is not None:
                widget_counter += 1
                view["model_id"] = f"{widget_counter:032x}"
    return nb


def execute(path: Path, threads: int = 2, timeout: int = 600, strict: bool = True, out: Path | None = None,
            scale: float = 1) -> float:
    """Run one notebook top to bottom in a fresh kernel in the fixed environment, store its
    outputs and normalised metadata (in place, or at ``out``), and return the wall time in
    seconds. ``strict=False`` lets exercise checks report instead of raise (student copies);
    ``scale`` sets ``COURSE_SCALE`` (benchmarks only: stored outputs are always made at 1)."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    saved = dict(os.environ)
    os.environ.update(execution_env(threads))
    if not strict:
        os.environ["COURSE_STRICT_EXERCISES"] = "0"
    os.environ["COURSE_SCALE"] = f"{scale:g}"
    start = time.perf_counter()
    try:
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
            record_timing=False,
            store_widget_state=True,  # needed for Output widgets to execute; normalise() drops the state
        )
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    seconds = time.perf_counter() - start
    nbformat.write(normalise(nb), out or path)
    return seconds


def check_notebook(nb: nbformat.NotebookNode) -> list[str]:
    """Everything in ``nb`` that breaks the lesson conventions of ``notebooks/README.md``."""
    problems = []
    cells = nb.cells
    code = [c for c in cells if c.cell_type == "code" and c.source.strip()]
    counts = [c.execution_count for c in code]
    if counts != list(range(1, len(code) + 1)):
        problems.append("not executed top to bottom in one fresh kernel (execution counts are not 1..N)")
    if not cells or cells[0].cell_type != "markdown" or not cells[0].source.startswith("# "):
        problems.append("the first cell is not a markdown title ('# ...')")
    elif "learn" not in cells[0].source.lower():
        problems.append("the title cell does not say what you will learn")
    if not code or code[0].source.strip() != SETUP_SOURCE:
        problems.append("the first code cell is not the course's setup cell (course_utils.notebooks.SETUP_SOURCE)")
    headings = [c.source.lstrip().split("\n", 1)[0].lower() for c in cells if c.cell_type == "markdown"]
    for section in ("exercises", "summary", "references"):
        if not any(h.startswith("## ") and section in h for h in headings):
            problems.append(f"missing a '## {section.capitalize()}' section")
    budget = nb.metadata.get("course", {}).get("budget_seconds")
    if not isinstance(budget, (int, float)) or not 0 < budget <= MAX_BUDGET_SECONDS:
        problems.append(f"metadata.course.budget_seconds must be a number of seconds up to {MAX_BUDGET_SECONDS}")
    solutions = [i for i, c in enumerate(cells) if is_solution(c)]
    if len(solutions) < 3:
        problems.append(f"has {len(solutions)} exercises with a tagged solution; at least 3 are required")
    for i in solutions:
        cell = cells[i]
        if BEGIN not in cell.source or END not in cell.source:
            problems.append(f"solution cell {i} lacks '{BEGIN}' / '{END}' markers")
        if not cell.metadata.get("jupyter", {}).get("source_hidden"):
            problems.append(f"solution cell {i} is not hidden (metadata.jupyter.source_hidden)")
        following = next((c for c in cells[i + 1 :] if c.cell_type == "code"), None)
        if following is None or "check(" not in following.source:
            problems.append(f"solution cell {i} is not followed by a code cell calling check(...)")
    for i, cell in enumerate(cells):
        if "slide_type" not in cell.metadata.get("slideshow", {}):
            problems.append(f"cell {i} has no slide metadata")
            break
    for i, cell in enumerate(cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                problems.append(f"cell {i} stores an error output ({output.get('ename')})")
            data = output.get("data", {})
            if "image/svg+xml" in data:
                problems.append(f"cell {i} stores an SVG figure (use PNG)")
            text = output.get("text", "") + "".join(str(data.get(k, "")) for k in ("text/plain", "text/html"))
            match = MACHINE_PATH.search(text)
            if match:
                problems.append(f"cell {i} prints a machine-specific path ({match.group(0)}...)")
    if "widgets" in nb.metadata:
        problems.append("stores widget state in its metadata")
    return problems


def student_source(source: str) -> str:
    """A solution cell's source with each solution region replaced by its scaffold: the
    region's ``# scaffold: `` lines uncommented, or ``raise NotImplementedError`` inside a
    function body. A top-level region must give scaffold lines (a raise would stop Run All)."""
    out, region = [], None
    for line in source.split("\n"):
        stripped = line.strip()
        if stripped == BEGIN:
            region = {"indent": line[: len(line) - len(line.lstrip())], "scaffold": []}
        elif stripped == END:
            if region is None:
                raise ValueError(f"'{END}' without '{BEGIN}'")
            if region["scaffold"]:
                out += region["scaffold"]
            elif region["indent"]:
                out.append(region["indent"] + 'raise NotImplementedError("your code here")')
            else:
                raise ValueError("a top-level solution region needs '# scaffold: ' lines for the student copy")
            region = None
        elif region is not None:
            if stripped.startswith(SCAFFOLD):
                region["scaffold"].append(region["indent"] + stripped[len(SCAFFOLD) :])
        else:
            out.append(line)
    if region is not None:
        raise ValueError(f"'{BEGIN}' without '{END}'")
    return "\n".join(out)


def student_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` for students: solutions replaced by scaffolds and shown, outputs cleared."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs, cell.execution_count = [], None
        if is_solution(cell):
            cell.source = student_source(cell.source)
            cell.metadata.tags = [t for t in cell.metadata.tags if t != SOLUTION_TAG] + ["exercise"]
            cell.metadata.get("jupyter", {}).pop("source_hidden", None)
            cell.metadata.slideshow = {"slide_type": "-"}
    return nb


def all_notebooks() -> list[Path]:
    return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_utils.notebooks", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("execute", help="execute notebooks in a fresh kernel and store their outputs")
    run.add_argument("notebooks", nargs="*", type=Path)
    run.add_argument("--threads", type=int, default=2)
    chk = sub.add_parser("check", help="check the lesson conventions")
    chk.add_argument("notebooks", nargs="*", type=Path)
    stu = sub.add_parser("student", help="write student copies")
    stu.add_argument("notebooks", nargs="*", type=Path)
    stu.add_argument("--out", type=Path, default=REPO_ROOT / "build" / "student")
    args = parser.parse_args(argv)
    paths = args.notebooks or all_notebooks()

    if args.command == "execute":
        total = 0.0
        for path in paths:
            seconds = execute(path, threads=args.threads)
            total += seconds
            print(f"{path.name:45s} {seconds:6.1f} s", flush=True)
        print(f"{'total':45s} {total:6.1f} s")
        return 0
    if args.command == "check":
        failed = 0
        for path in paths:
            for problem in check_notebook(nbformat.read(path, as_version=4)):
                print(f"{path.name}: {problem}")
                failed += 1
        return 1 if failed else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        nbformat.write(student_copy(nbformat.read(path, as_version=4)), args.out / path.name)
        print(f"wrote {args.out / path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
