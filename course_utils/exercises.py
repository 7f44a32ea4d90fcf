"""Exercises that check themselves: a clear pass message, or a hint, never a bare traceback.

A check is a function of no arguments that raises ``AssertionError`` when the answer is wrong.
An answer still left as the scaffold (``None``, ``...`` or ``raise NotImplementedError``) is
reported as "not solved yet". With ``COURSE_STRICT_EXERCISES=1`` (set when the course's own
solutions are executed) anything but a pass raises, so a broken reference solution fails CI.
"""
from __future__ import annotations

import os
from typing import Any, Callable


# What a scaffold's unfinished function raises (course_utils.notebooks writes "your code here").
SCAFFOLD_MESSAGES = ("your code here", "")


class NotSolvedYet(Exception):
    """Raised by ``require`` when an answer is still the scaffold's placeholder."""


def require(*answers: Any) -> None:
    """Raise ``NotSolvedYet`` if any answer is still ``None`` or ``...``."""
    if any(a is None or a is Ellipsis for a in answers):
        raise NotSolvedYet


def check(name: str, test: Callable[[], Any], hint: str = "") -> None:
    """Run ``test`` and print one line: passed, not solved yet, or what went wrong plus ``hint``.
    Returns nothing, so that a check as a cell's last line shows only its message."""
    strict = os.environ.get("COURSE_STRICT_EXERCISES", "") == "1"
    try:
        test()
    except NotSolvedYet:
        message = f"[ ] {name}: not solved yet. Replace the placeholder in the cell above with your code."
    except NotImplementedError as error:
        if str(error) not in SCAFFOLD_MESSAGES:  # raised by the student's code or by torch, not by the scaffold
            message = f"[x] {name}: your code raised NotImplementedError: {error}." + (f" Hint: {hint}" if hint else "")
            if strict:
                raise AssertionError(message) from None
            print(message)
            return
        message = f"[ ] {name}: not solved yet. Replace the placeholder in the cell above with your code."
    except AssertionError as error:
        detail = f" ({error})" if str(error) else ""
        message = f"[x] {name}: not quite{detail}." + (f" Hint: {hint}" if hint else "")
    except Exception as error:  # the student's code raised: explain it rather than dump a traceback
        message = f"[x] {name}: your code raised {type(error).__name__}: {error}." + (f" Hint: {hint}" if hint else "")
    else:
        print(f"[ok] {name}: passed.")
        return
    if strict:
        raise AssertionError(message)
    print(message)


def _as_tensor(value: Any, what: str):
    import torch

    if isinstance(value, torch.Tensor):
        return value
    if isinstance(value, (bool, int, float, list, tuple)) or type(value).__module__ == "numpy":
        try:
            tensor = torch.as_tensor(value)
            # Python floats are float64: keep every digit instead of rounding them to float32.
            return torch.as_tensor(value, dtype=torch.float64) if tensor.is_floating_point() else tensor
        except (TypeError, ValueError, RuntimeError):
            pass
    raise AssertionError(f"{what} is a {type(value).__name__}, expected a tensor or a number")


def expect_close(actual: Any, expected: Any, what: str = "your result", *, atol: float | None = None,
                 rtol: float | None = None, dtype: Any = None) -> None:
    """Raise ``AssertionError`` with a message that teaches when ``actual`` is not ``expected``:
    not a tensor or number, wrong shape, wrong device, wrong dtype (only when ``dtype`` is given),
    or the first entry that differs and how many do. Values are compared in float64 on the CPU,
    with ``torch.testing.assert_close``'s float32 tolerances unless ``atol``/``rtol`` are given."""
    import torch

    got = _as_tensor(actual, what)
    want = _as_tensor(expected, "the expected value")
    if tuple(got.shape) != tuple(want.shape):
        raise AssertionError(f"{what} has shape {tuple(got.shape)}, expected {tuple(want.shape)}")
    if isinstance(expected, torch.Tensor) and isinstance(actual, torch.Tensor) and got.device != want.device:
        raise AssertionError(f"{what} is on {got.device}, expected {want.device}")
    if dtype is not None and got.dtype != dtype:
        raise AssertionError(f"{what} has dtype {got.dtype}, expected {dtype}")
    if got.is_complex() or want.is_complex():
        raise AssertionError(f"{what} is complex; expected real numbers")
    got64 = got.detach().to("cpu", torch.float64)
    want64 = want.detach().to("cpu", torch.float64)
    atol = 1e-5 if atol is None else atol
    rtol = 1.3e-6 if rtol is None else rtol
    bad = ~torch.isclose(got64, want64, rtol=rtol, atol=atol, equal_nan=True)
    if bad.any():
        index = tuple(int(i) for i in bad.nonzero()[0])
        where = f" at index {index}" if index else ""
        raise AssertionError(
            f"{what} differs{where}: got {got64[index].item():.6g}, expected {want64[index].item():.6g} "
            f"({int(bad.sum())} of {bad.numel()} entries differ)"
        )


def _resolve(dotted: str) -> tuple[Any, str]:
    import importlib

    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            owner = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:-1]:
            owner = getattr(owner, attribute)
        if not hasattr(owner, parts[-1]):
            raise AttributeError(f"{dotted} does not exist")
        return owner, parts[-1]
    raise ImportError(f"cannot import the module of {dotted}")


class forbid:
    """A context manager: while it runs, calling any of the named callables (dotted paths such as
    ``"torch.nn.functional.avg_pool2d"``, ``"torch.Tensor.mean"`` or ``"torch.nn.RNN"``) raises
    ``AssertionError("the task says not to use ...")``. Everything is put back on exit."""

    def __init__(self, *dotted_names: str) -> None:
        self.names = dotted_names
        self._saved: list[tuple[Any, str, Any]] = []

    def __enter__(self) -> "forbid":
        for name in self.names:
            owner, attribute = _resolve(name)
            original = owner.__dict__[attribute] if attribute in getattr(owner, "__dict__", {}) else getattr(owner, attribute)

            def refuse(*args: Any, _name: str = name, **kwargs: Any) -> Any:
                raise AssertionError(f"the task says not to use {_name.removeprefix('__main__.')}")

            self._saved.append((owner, attribute, original))
            setattr(owner, attribute, refuse)
        return self

    def __exit__(self, *exc: Any) -> None:
        while self._saved:
            owner, attribute, original = self._saved.pop()
            setattr(owner, attribute, original)


def runs_on_meta(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call ``fn`` with every tensor argument moved to the ``meta`` device, watching every
    operation; raise ``AssertionError`` if one mixes a meta tensor with a non-scalar CPU tensor,
    which means ``fn`` created a tensor on the CPU instead of on its input's device. Returns
    ``fn``'s result. Meta tensors carry shapes but no values: use it as a device check only."""
    import torch
    from torch.utils._python_dispatch import TorchDispatchMode
    from torch.utils._pytree import tree_flatten, tree_map

    class WatchDevices(TorchDispatchMode):
        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            kwargs = kwargs or {}
            tensors = [t for t in tree_flatten((args, kwargs))[0] if isinstance(t, torch.Tensor)]
            if any(t.device.type == "meta" for t in tensors):
                stray = [t for t in tensors if t.device.type == "cpu" and t.dim() > 0]
                if stray:
                    raise AssertionError(
                        f"a tensor of shape {tuple(stray[0].shape)} was created on the CPU and met an input on "
                        "another device (on a GPU this fails): create new tensors on the input's device, "
                        "e.g. with device=x.device or torch.zeros_like(x)"
                    )
            return func(*args, **kwargs)

    def to_meta(value: Any) -> Any:
        return value.to("meta") if isinstance(value, torch.Tensor) else value

    meta_args, meta_kwargs = tree_map(to_meta, args), tree_map(to_meta, kwargs)
    try:
        with WatchDevices():
            return fn(*meta_args, **meta_kwargs)
    except NotImplementedError as error:
        raise AssertionError(
            "run with its inputs on another device, your function copied a tensor's values to the CPU "
            f"({str(error).splitlines()[0]}): keep the work on the input's device"
        ) from None


def no_python_loops(fn: Callable[..., Any], what: str | None = None) -> None:
    """Raise ``AssertionError`` if the source of ``fn`` has a ``for`` or ``while`` loop or a
    comprehension: for tasks whose rule is "no Python loop, use tensor operations"."""
    import ast
    import inspect
    import textwrap

    name = what or f"{getattr(fn, '__name__', 'your function')}"
    try:
        source = textwrap.dedent(inspect.getsource(fn))
    except (OSError, TypeError):
        raise AssertionError(f"cannot read the source of {name}: define it with def in a cell") from None
    kinds = {ast.For: "a for loop", ast.AsyncFor: "a for loop", ast.While: "a while loop", ast.ListComp: "a list comprehension",
             ast.SetComp: "a set comprehension", ast.DictComp: "a dict comprehension", ast.GeneratorExp: "a generator expression"}
    for node in ast.walk(ast.parse(source)):
        for kind, label in kinds.items():
            if isinstance(node, kind):
                raise AssertionError(f"the task says no Python loop, and {name} has {label} (line {node.lineno} of it)")
