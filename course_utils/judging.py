"""Judging the exercise checks: answers each check must reject and answers it must accept.

Each notebook with exercises has ``tests/judging/<notebook stem>.py`` defining ``EXERCISES``:
``{"Exercise N": {"reject": {label: source}, "accept": {label: source}}}``, where a source is what a
student's solution cell could contain. In ``make test`` every answer is run in the notebook's own
kernel right after that exercise's check cell (see ``conftest.py``): the names the reference
solution defines are removed, the answer runs as a cell, then the check cell runs with checks in
non-strict mode; afterwards the reference's objects and every random state are put back.

The functions ``begin``, ``reset`` and ``end`` run inside the kernel.
"""
from __future__ import annotations

import ast
import os
import random
import re
import textwrap
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
CHECK_CALL = re.compile(r"""\bcheck\(\s*["'](Exercise \d+)["']""")
MIN_REJECT, MIN_ACCEPT = 3, 2
PASSED, NOT_QUITE, NOT_SOLVED = "[ok] {name}: passed.", "[x] {name}:", "[ ] {name}:"


def judging_dir() -> Path:
    """``tests/judging/``, or the folder named by ``COURSE_JUDGING_DIR``."""
    return Path(os.environ.get("COURSE_JUDGING_DIR") or REPO_ROOT / "tests" / "judging")


def judging_file(notebook: Path) -> Path:
    return judging_dir() / f"{Path(notebook).stem}.py"


def load_answers(notebook: Path) -> dict[str, dict[str, dict[str, str]]]:
    """The ``EXERCISES`` of a notebook's judging file, sources dedented; ``{}`` if there is none."""
    path = judging_file(notebook)
    if not path.is_file():
        return {}
    namespace: dict[str, Any] = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    exercises = namespace.get("EXERCISES")
    if not isinstance(exercises, dict):
        raise ValueError(f"{path} must define a dict EXERCISES")
    return {
        name: {kind: {label: textwrap.dedent(src).strip("\n") for label, src in entry.get(kind, {}).items()}
               for kind in ("reject", "accept")}
        for name, entry in exercises.items()
    }


def exercise_name(check_source: str) -> str | None:
    """``"Exercise N"`` if the cell calls ``check("Exercise N", ...)``, else ``None``."""
    match = CHECK_CALL.search(check_source)
    return match.group(1) if match else None


def verdict(name: str, printed: str) -> str:
    """What the check printed for ``name``: ``accepted``, ``rejected``, ``not solved`` or ``silent``."""
    if PASSED.format(name=name) in printed:
        return "accepted"
    if NOT_QUITE.format(name=name) in printed:
        return "rejected"
    if NOT_SOLVED.format(name=name) in printed:
        return "not solved"
    return "silent"


class _Bound(ast.NodeVisitor):
    """Names a cell binds at its top level (not inside functions, classes or comprehensions)."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_FunctionDef(self, node):  # noqa: N802
        self.names.add(node.name)

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_ClassDef = visit_FunctionDef

    def visit_Lambda(self, node):  # noqa: N802
        pass

    def visit_ListComp(self, node):  # noqa: N802
        pass

    visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_ListComp

    def visit_Name(self, node):  # noqa: N802
        if isinstance(node.ctx, ast.Store):
            self.names.add(node.id)

    def visit_alias(self, node):
        self.names.add((node.asname or node.name).split(".")[0])


def bound_names(source: str) -> set[str]:
    """The top-level names a cell's source binds (IPython magics and shell lines are skipped)."""
    lines = [line for line in source.split("\n") if not line.lstrip().startswith(("%", "!"))]
    visitor = _Bound()
    visitor.visit(ast.parse("\n".join(lines)))
    return visitor.names


# ----------------------------------------------------------------------------- inside the kernel

_state: dict[str, Any] = {}


def _random_states(namespace: dict) -> dict[str, Any]:
    import numpy as np
    import torch

    states = {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        states["cuda"] = torch.cuda.get_rng_state_all()
    states["generators"] = {name: g.get_state() for name, g in namespace.items() if isinstance(g, torch.Generator)}
    return states


def _restore_random_states(namespace: dict, states: dict[str, Any]) -> None:
    import numpy as np
    import torch

    random.setstate(states["python"])
    np.random.set_state(states["numpy"])
    torch.set_rng_state(states["torch"])
    if "cuda" in states:
        torch.cuda.set_rng_state_all(states["cuda"])
    for name, state in states["generators"].items():
        generator = namespace.get(name)
        if isinstance(generator, torch.Generator):
            generator.set_state(state)


def _namespace() -> dict:
    from IPython import get_ipython

    return get_ipython().user_ns


def begin(solution_source: str) -> None:
    """Before the answers: remember the reference's objects, the names present and the random
    states, and put exercise checks in non-strict mode (they print instead of raising)."""
    namespace = _namespace()
    names = bound_names(solution_source)
    _state.clear()
    _state.update(
        names=names,
        reference={n: namespace[n] for n in names if n in namespace},
        present=set(namespace),
        random=_random_states(namespace),
        strict=os.environ.get("COURSE_STRICT_EXERCISES"),
    )
    os.environ["COURSE_STRICT_EXERCISES"] = "0"


def reset() -> None:
    """Before each answer: the reference's names and anything an earlier answer added are gone,
    and the random states are those the check cell left."""
    namespace = _namespace()
    for name in _state["names"] | (set(namespace) - _state["present"]):
        namespace.pop(name, None)
    _restore_random_states(namespace, _state["random"])
    try:
        import matplotlib.pyplot as plt

        plt.close("all")
    except ImportError:
        pass


def end() -> None:
    """After the answers: the kernel is as the check cell left it."""
    reset()
    namespace = _namespace()
    namespace.update(_state["reference"])
    _restore_random_states(namespace, _state["random"])
    if _state["strict"] is None:
        os.environ.pop("COURSE_STRICT_EXERCISES", None)
    else:
        os.environ["COURSE_STRICT_EXERCISES"] = _state["strict"]
    _state.clear()
