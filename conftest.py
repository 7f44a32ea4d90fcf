"""Test-session set-up: the fixed environment the stored outputs were made with, and two
extensions of nbval's notebook run.

1. Figures: nbval compares text only; every PNG a cell draws is also compared with the stored one
   (``course_utils.figures``), and any failing cell says how to regenerate its notebook.
2. Exercise judging: right after each exercise's check cell, an item ``Judge Exercise N`` runs the
   answers of ``tests/judging/<notebook>.py`` in the same kernel (``course_utils.judging``).

The environment is set before any kernel starts, so nbval's kernels inherit it. A variable
already set is kept (the thread benchmark runs the suite with OMP_NUM_THREADS=1 and 2).
"""
import os
from pathlib import Path
from queue import Empty

import pytest

from course_utils import figures, judging
from course_utils.notebooks import execution_env

for name, value in execution_env(threads=1).items():
    os.environ.setdefault(name, value)

try:
    from nbval.plugin import IPyNbCell, IPyNbFile
except ImportError:  # nbval absent: only the unit tests run
    IPyNbCell = IPyNbFile = None

REGENERATE = "make notebooks NB={path}"


def _regenerate_hint(notebook: Path, cell: int) -> str:
    rel = os.path.relpath(notebook, Path(__file__).parent)
    return (f"\nThe stored outputs of {rel}, code cell {cell} (counting code cells from 0), are not what the code produces now. If the change is "
            f"intended, regenerate the notebook with: {REGENERATE.format(path=rel)}")


if IPyNbCell is not None:
    _run_cell, _repr_failure = IPyNbCell.runtest, IPyNbCell.repr_failure

    def runtest(self):
        _run_cell(self)
        if figures.shows_a_widget(self.cell.outputs):
            return
        varies = figures.VARIES_TAG in self.cell.metadata.get("tags", [])
        stored = figures.pngs(self.cell.outputs)
        produced = figures.pngs(getattr(self, "test_outputs", []))
        problems = figures.compare(stored, produced, str(self.parent.fspath), self.cell_num, varies=varies)
        if problems:
            self.raise_cell_error("Figures differ", "\n".join(problems))

    def repr_failure(self, excinfo):
        return str(_repr_failure(self, excinfo)) + _regenerate_hint(Path(self.parent.fspath), self.cell_num)

    IPyNbCell.runtest, IPyNbCell.repr_failure = runtest, repr_failure


def _execute(kernel, source: str, timeout: float = 600) -> tuple[str, str | None]:
    """Run ``source`` as one cell in nbval's kernel (not stored in history); return what it
    printed and the error it raised (``'Name: message'``) or ``None``."""
    msg_id = kernel.kc.execute(source, store_history=False, allow_stdin=False)
    kernel.await_reply(msg_id, timeout=timeout)
    printed, error = [], None
    while True:
        try:
            msg = kernel.get_message("iopub", timeout=timeout)
        except Empty:
            raise RuntimeError("the kernel stopped answering while judging an exercise") from None
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "status" and content["execution_state"] == "idle":
            return "".join(printed), error
        if kind == "stream":
            printed.append(content["text"])
        elif kind == "error":
            error = f"{content['ename']}: {content['evalue']}"


class JudgeItem(pytest.Item):
    """Runs one exercise's reject and accept answers in the notebook's kernel."""

    def __init__(self, *, exercise, solution_source, check_source, answers, **kwargs):
        super().__init__(**kwargs)
        self.exercise, self.solution_source, self.check_source, self.answers = exercise, solution_source, check_source, answers

    def runtest(self):
        kernel = self.parent.kernel
        if kernel is None or not kernel.is_alive():
            raise RuntimeError("the notebook's kernel is not running")
        wrong = []
        _, error = _execute(kernel, "import course_utils.judging as _course_judging\n"
                                    f"_course_judging.begin({self.solution_source!r})")
        if error:
            raise RuntimeError(f"could not start judging: {error}")
        try:
            for kind, expected in (("reject", "rejected"), ("accept", "accepted")):
                for label, source in self.answers.get(kind, {}).items():
                    _execute(kernel, "_course_judging.reset()")
                    printed, error = _execute(kernel, source)
                    if error:
                        wrong.append(f"{kind} {label!r}: the answer cell itself raised {error}")
                        continue
                    printed, error = _execute(kernel, self.check_source)
                    got = judging.verdict(self.exercise, printed)
                    if error or got != expected:
                        what = f"raised {error}" if error else f"printed {printed.strip()!r}"
                        wrong.append(f"{kind} {label!r}: the check {what} (should be {expected})")
        finally:
            _execute(kernel, "_course_judging.end()\ndel _course_judging")
        if wrong:
            raise AssertionError(f"{self.exercise}'s check misjudges {len(wrong)} answer(s):\n  " + "\n  ".join(wrong))

    def repr_failure(self, excinfo):
        return str(excinfo.value)

    def reportinfo(self):
        return self.path, 0, f"{self.parent.name}::Judge {self.exercise}"


def pytest_collection_modifyitems(session, config, items):
    """Insert a judging item after every exercise check cell that has answers to judge."""
    if IPyNbCell is None:
        return
    result, answers_of = [], {}
    for item in items:
        result.append(item)
        if not isinstance(item, IPyNbCell):
            continue
        name = judging.exercise_name(item.cell.source)
        if name is None:
            continue
        notebook = Path(item.parent.fspath)
        if notebook not in answers_of:
            answers_of[notebook] = judging.load_answers(notebook)
        answers = answers_of[notebook].get(name)
        if not answers:
            continue
        cells = item.parent.nb.cells
        position = next(i for i, c in enumerate(cells) if c is item.cell)
        solution = next((c for c in reversed(cells[:position]) if c.cell_type == "code" and "solution" in c.metadata.get("tags", [])), None)
        if solution is None:
            continue
        result.append(JudgeItem.from_parent(item.parent, name=f"Judge {name}", exercise=name,
                                            solution_source=solution.source, check_source=item.cell.source,
                                            answers=answers))
    items[:] = result
