"""The exercise-judging convention, and the two nbval extensions of conftest.py (judging and
figure comparison) tried on a small notebook."""
from __future__ import annotations

import base64
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from course_utils import judging
from course_utils import notebooks as nbtools

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = nbtools.all_notebooks()


def exercises_of(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    names = [judging.exercise_name(c.source) for c in nb.cells if c.cell_type == "code"]
    return [n for n in names if n]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_exercise_has_its_judging_answers(path):
    names = exercises_of(path)
    answers = judging.load_answers(path)
    assert answers, f"{judging.judging_file(path).relative_to(REPO)} is missing: every exercise needs its judging answers"
    assert sorted(answers) == sorted(names), f"judged {sorted(answers)}, the notebook checks {sorted(names)}"
    for name, entry in answers.items():
        assert len(entry["reject"]) >= judging.MIN_REJECT, f"{name}: {len(entry['reject'])} wrong answers, need {judging.MIN_REJECT}"
        assert len(entry["accept"]) >= judging.MIN_ACCEPT, f"{name}: {len(entry['accept'])} correct answers, need {judging.MIN_ACCEPT}"
        for kind in ("reject", "accept"):
            for label, source in entry[kind].items():
                compile(source, f"{name} {kind} {label!r}", "exec")


def test_bound_names_are_the_top_level_names():
    source = textwrap.dedent("""\
        %matplotlib inline
        import torch.nn as nn
        from math import pi as half_turn
        def relu(x):
            inner = 1
            return x
        class Net(nn.Module):
            pass
        a, (b, c) = 1, (2, 3)
        total += 1
        squares = [k * k for k in range(3)]
        for i in range(2):
            j = i
        """)
    assert judging.bound_names(source) == {"nn", "half_turn", "relu", "Net", "a", "b", "c", "total", "squares", "i", "j"}


def test_verdicts_and_exercise_names():
    assert judging.exercise_name('def test():\n    pass\ncheck("Exercise 12", test, hint="h")') == "Exercise 12"
    assert judging.exercise_name("print('check')") is None
    assert judging.verdict("Exercise 2", "[ok] Exercise 2: passed.\n") == "accepted"
    assert judging.verdict("Exercise 2", "[x] Exercise 2: not quite (shape (3,)).\n") == "rejected"
    assert judging.verdict("Exercise 2", "[ ] Exercise 2: not solved yet.\n") == "not solved"
    assert judging.verdict("Exercise 2", "[ok] Exercise 12: passed.\n") == "silent"


def test_load_answers_dedents_and_refuses_a_bad_file(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_JUDGING_DIR", str(tmp_path))
    (tmp_path / "nb.py").write_text('EXERCISES = {"Exercise 1": {"reject": {"w": """\n    x = 1\n"""}, "accept": {}}}\n')
    assert judging.load_answers(Path("notebooks/nb.ipynb")) == {"Exercise 1": {"reject": {"w": "x = 1"}, "accept": {}}}
    (tmp_path / "nb.py").write_text("EXERCISES = []\n")
    with pytest.raises(ValueError, match="must define a dict EXERCISES"):
        judging.load_answers(Path("nb.ipynb"))
    assert judging.load_answers(Path("other.ipynb")) == {}


# ----------------------------------------------------------------------------- the nbval extensions, end to end

SOLUTION = "def relu(x):\n    # BEGIN SOLUTION\n    return x.clamp(min=0)\n    # END SOLUTION"
CHECK = textwrap.dedent("""\
    def test_relu():
        x = torch.randn(5, 4, generator=torch.Generator().manual_seed(1))
        expect_close(relu(x), torch.where(x > 0, x, 0.0))

    check("Exercise 1", test_relu, hint="keep what is positive")""")
FIGURE = "fig, ax = plt.subplots(figsize=(3, 2))\n_ = ax.plot([0, 1], [0, 1])\nplt.show()"
JUDGED_RIGHT = '''
EXERCISES = {"Exercise 1": {
    "reject": {"abs": "def relu(x):\\n    return x.abs()\\n", "identity": "def relu(x):\\n    return x\\n"},
    "accept": {"maximum": "def relu(x):\\n    return torch.maximum(x, torch.zeros_like(x))\\n",
               "uses the global random stream": "def relu(x):\\n    return x.clamp(min=0) + 0 * torch.rand(())\\n"},
}}
'''
JUDGED_WRONG = JUDGED_RIGHT.replace('"reject": {', '"reject": {"right but listed as wrong": "def relu(x):\\n    return x * (x > 0)\\n", ')


@pytest.fixture(scope="module")
def small_notebook():
    """A notebook with one exercise, a cell that draws from the random streams after it, and a
    figure, executed by the project's command, under build/ so that conftest.py applies."""
    folder = REPO / "build" / "test-nbval-extensions"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A small lesson\nWhat you will learn: nothing."),
        nbformat.v4.new_code_cell(nbtools.SETUP_SOURCE),
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nfrom course_utils.exercises import check, expect_close"),
        nbformat.v4.new_code_cell(SOLUTION, metadata={"tags": ["solution"]}),
        nbformat.v4.new_code_cell(CHECK),
        nbformat.v4.new_code_cell("print(torch.rand(2), torch.rand(2, generator=generator), relu(torch.tensor([-1.0, 3.0])))"),
        nbformat.v4.new_code_cell(FIGURE),
    ]
    path = folder / "small_lesson.ipynb"
    nbformat.write(nb, path)
    nbtools.execute(path, threads=1)
    yield path
    shutil.rmtree(folder, ignore_errors=True)


def run_pytest(path: Path, judging_dir: Path) -> subprocess.CompletedProcess:
    env = {**__import__("os").environ, "COURSE_JUDGING_DIR": str(judging_dir)}
    return subprocess.run([sys.executable, "-m", "pytest", str(path.relative_to(REPO)), "-n", "0", "-q", "-p", "no:cacheprovider"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_judging_passes_when_every_answer_is_judged_right(small_notebook, tmp_path):
    (tmp_path / "small_lesson.py").write_text(JUDGED_RIGHT)
    result = run_pytest(small_notebook, tmp_path)
    # the judging item ran, and the cell after it (random draws) still matches: state was restored
    assert result.returncode == 0 and "7 passed" in result.stdout, result.stdout[-3000:]


def test_judging_fails_when_a_check_misjudges_an_answer(small_notebook, tmp_path):
    (tmp_path / "small_lesson.py").write_text(JUDGED_WRONG)
    result = run_pytest(small_notebook, tmp_path)
    assert result.returncode == 1, result.stdout[-3000:]
    assert "Exercise 1's check misjudges 1 answer(s)" in result.stdout
    assert "reject 'right but listed as wrong': the check printed '[ok] Exercise 1: passed.'" in result.stdout


def test_a_changed_figure_fails_and_says_how_to_regenerate(small_notebook, tmp_path):
    changed = small_notebook.with_name("small_lesson_changed.ipynb")
    nb = nbformat.read(small_notebook, as_version=4)
    nb.cells[-1].source = FIGURE.replace("[0, 1], [0, 1]", "[0, 1], [0, 1.03]")  # a slightly steeper line
    nbformat.write(nb, changed)
    result = run_pytest(changed, tmp_path)
    assert result.returncode == 1, result.stdout[-3000:]
    assert "figure 0 differs from the stored one by RMS" in result.stdout
    assert "regenerate the notebook with: make notebooks NB=build/test-nbval-extensions/small_lesson_changed.ipynb" in result.stdout
    diffs = sorted(p.name for p in (REPO / "build" / "figure-diffs" / "small_lesson_changed").glob("*.png"))
    assert diffs == ["cell-005-figure-0-produced-failed-diff.png", "cell-005-figure-0-produced.png", "cell-005-figure-0-stored.png"]


def test_png_size_reads_the_header(small_notebook):
    nb = nbformat.read(small_notebook, as_version=4)
    png = base64.b64decode(nb.cells[-1].outputs[0].data["image/png"])
    from course_utils.figures import png_size

    width, height = png_size(png)
    assert abs(width / height - 3 / 2) < 0.02, (width, height)  # figsize=(3, 2)
