"""The lesson conventions, the toolchain that enforces them, and student copies (run in JupyterLab by the browser test)."""
from __future__ import annotations

import configparser
import copy
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course_utils import notebooks as nbtools

NOTEBOOKS = nbtools.all_notebooks()
PRIMER = nbtools.NOTEBOOK_DIR / "00_pytorch_primer.ipynb"
SANITIZER = Path(__file__).with_name("nbval_sanitize.cfg")


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def test_the_course_has_its_notebooks():
    assert PRIMER in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_follows_the_conventions(path):
    assert nbtools.check_notebook(read(path)) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_metadata_is_normalised(path):
    nb = read(path)
    assert nbtools.normalise(copy.deepcopy(nb)) == nb, "run `make notebooks` to store it normalised"


# ----------------------------------------------------------------------------- the check catches breakage

def broken(mutate) -> list[str]:
    nb = read(PRIMER)
    mutate(nb)
    return nbtools.check_notebook(nb)


def _code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def _drop_section(title):
    def mutate(nb):
        nb.cells = [c for c in nb.cells if not (c.cell_type == "markdown" and c.source.startswith(f"## {title}"))]
    return mutate


BREAKAGES = {
    "out of order": (lambda nb: _code_cells(nb)[3].update(execution_count=99), "not executed top to bottom"),
    "never executed": (lambda nb: [c.update(execution_count=None) for c in _code_cells(nb)], "not executed top to bottom"),
    "error output": (
        lambda nb: _code_cells(nb)[2].outputs.append(new_output("error", ename="ValueError", evalue="boom", traceback=[])),
        "stores an error output",
    ),
    "machine path": (
        lambda nb: _code_cells(nb)[2].outputs.append(new_output("stream", name="stdout", text="/home/alice/data/x\n")),
        "machine-specific path",
    ),
    "svg figure": (
        lambda nb: _code_cells(nb)[2].outputs.append(new_output("display_data", data={"image/svg+xml": "<svg/>"})),
        "SVG",
    ),
    "setup cell edited": (lambda nb: _code_cells(nb)[0].update(source="import torch"), "setup cell"),
    "no exercises section": (_drop_section("Exercises"), "'## Exercises'"),
    "no summary section": (_drop_section("Summary"), "'## Summary'"),
    "no references": (_drop_section("References"), "'## References'"),
    "no title": (lambda nb: nb.cells.pop(0), "markdown title"),
    "no budget": (lambda nb: nb.metadata.pop("course"), "budget_seconds"),
    "over budget": (lambda nb: nb.metadata.course.update(budget_seconds=600), "budget_seconds"),
    "solution shown": (
        lambda nb: [c.metadata.jupyter.update(source_hidden=False) for c in nb.cells if nbtools.is_solution(c)],
        "is not hidden",
    ),
    "too few exercises": (
        lambda nb: [c.metadata.update(tags=[]) for c in nb.cells if nbtools.is_solution(c)][:1] and None,
        "at least 3 are required",
    ),
    "no slide metadata": (lambda nb: nb.cells[1].metadata.pop("slideshow"), "slide metadata"),
    "widget state": (lambda nb: nb.metadata.update(widgets={"state": {}}), "widget state"),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_structural_check_fails_on_a_broken_copy(name):
    mutate, expected = BREAKAGES[name]
    assert nbtools.check_notebook(read(PRIMER)) == []
    problems = broken(mutate)
    assert any(expected in p for p in problems), problems


# ----------------------------------------------------------------------------- normalisation and slides

def test_normalise_sets_slides_hides_solutions_and_is_idempotent():
    nb = new_notebook(cells=[
        new_markdown_cell("# Title"),
        new_code_cell(nbtools.SETUP_SOURCE),
        new_markdown_cell("### A detail"),
        new_code_cell("x = 1", metadata={"tags": ["solution"], "scrolled": True, "execution": {"iopub.status.idle": "2026-01-01T00:00:00Z"}}),
        new_markdown_cell("plain text"),
    ])
    nb.metadata["widgets"] = {"state": {}}
    nb.metadata["course"] = {"budget_seconds": 10}
    once = nbtools.normalise(nb)
    kinds = [c.metadata.slideshow.slide_type for c in once.cells]
    assert kinds == ["slide", "skip", "subslide", "skip", "-"]
    assert once.cells[3].metadata.jupyter.source_hidden is True
    assert set(once.cells[3].metadata) == {"tags", "slideshow", "jupyter"}
    assert "widgets" not in once.metadata and once.metadata.course.budget_seconds == 10
    assert nbtools.normalise(copy.deepcopy(once)) == once


# ----------------------------------------------------------------------------- student copies

def test_student_source_replaces_solutions():
    source = "def f(x):\n    # BEGIN SOLUTION\n    return x + 1\n    # END SOLUTION\n\n" \
             "# BEGIN SOLUTION\nanswer = 42\n# scaffold: answer = None\n# END SOLUTION\nprint('done')"
    assert nbtools.student_source(source) == (
        "def f(x):\n    raise NotImplementedError(\"your code here\")\n\nanswer = None\nprint('done')"
    )


@pytest.mark.parametrize("bad, message", [
    ("# BEGIN SOLUTION\nx = 1\n# END SOLUTION", "scaffold"),
    ("# BEGIN SOLUTION\nx = 1", "without"),
    ("x = 1\n# END SOLUTION", "without"),
])
def test_student_source_rejects_malformed_regions(bad, message):
    with pytest.raises(ValueError, match=message):
        nbtools.student_source(bad)


def test_student_copy_shows_scaffolds_and_no_outputs():
    student = nbtools.student_copy(read(PRIMER))
    exercises = [c for c in student.cells if "exercise" in c.metadata.get("tags", [])]
    assert len(exercises) >= 3
    assert all("BEGIN SOLUTION" not in c.source and not c.metadata.get("jupyter", {}).get("source_hidden") for c in exercises)
    assert all(not c.outputs and c.execution_count is None for c in student.cells if c.cell_type == "code")
    assert not any(nbtools.is_solution(c) for c in student.cells)


def _outputs_text(cell) -> str:
    return "".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", "")) for o in cell.get("outputs", []))


# ----------------------------------------------------------------------------- deterministic execution

def sanitize(text: str) -> str:
    config = configparser.ConfigParser()
    config.read(SANITIZER)
    for section in config.sections():
        text = re.sub(config[section]["regex"], config[section]["replace"].strip(), text)
    return text


def test_executing_twice_changes_only_sanitized_outputs(tmp_path):
    runs = []
    for i in range(2):
        target = tmp_path / f"run{i}" / PRIMER.name
        target.parent.mkdir()
        shutil.copy(PRIMER, target)
        nbtools.execute(target, threads=1)
        runs.append(read(target))
    first, second = runs
    assert first.metadata == second.metadata
    for a, b in zip(first.cells, second.cells):
        assert a.metadata == b.metadata and a.source == b.source
        if a.cell_type != "code":
            continue
        assert a.execution_count == b.execution_count
        if a.source.startswith("# NBVAL_IGNORE_OUTPUT"):
            continue
        assert sanitize(_outputs_text(a)) == sanitize(_outputs_text(b))
        pngs = [[o.data["image/png"] for o in c.outputs if "image/png" in o.get("data", {})] for c in (a, b)]
        assert pngs[0] == pngs[1], "figure bytes differ between runs"
