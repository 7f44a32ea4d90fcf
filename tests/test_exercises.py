import re

import pytest

from course_utils.exercises import check, require


@pytest.fixture(autouse=True)
def lenient(monkeypatch):
    monkeypatch.setenv("COURSE_STRICT_EXERCISES", "0")


def test_pass(capsys):
    check("Exercise 1", lambda: None)
    assert capsys.readouterr().out == "[ok] Exercise 1: passed.\n"


def test_not_solved_yet_from_scaffold(capsys):
    answer = None

    def test():
        require(answer)

    def unfinished():
        raise NotImplementedError("your code here")

    check("Exercise 2", test)
    check("Exercise 3", unfinished)
    out = capsys.readouterr().out
    assert out.count("not solved yet") == 2 and "Traceback" not in out


def test_wrong_answer_gives_the_hint(capsys):
    def test():
        raise AssertionError("expected 3")

    check("Exercise 4", test, hint="count again")
    assert capsys.readouterr().out == "[x] Exercise 4: not quite (expected 3). Hint: count again\n"


def test_crashing_answer_is_explained(capsys):
    check("Exercise 5", lambda: 1 / 0, hint="h")
    assert "your code raised ZeroDivisionError" in capsys.readouterr().out


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("COURSE_STRICT_EXERCISES", "1")
    with pytest.raises(AssertionError, match="not quite"):
        check("Exercise 6", lambda: (_ for _ in ()).throw(AssertionError()))
    with pytest.raises(AssertionError, match="not solved yet"):
        check("Exercise 7", lambda: require(...))
    check("Exercise 8", lambda: None)


# ----------------------------------------------------------------------------- expect_close

import torch
import torch.nn.functional as F

from course_utils.exercises import expect_close, forbid, runs_on_meta


@pytest.mark.parametrize("actual, expected, message", [
    (torch.ones(3), torch.ones(4), "shape (3,), expected (4,)"),
    (torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 2.5, 3.0]), "differs at index (1,): got 2, expected 2.5 (1 of 3"),
    ("three", 3.0, "is a str, expected a tensor or a number"),
    (torch.ones(2, dtype=torch.float64), torch.ones(2), "dtype torch.float64, expected torch.float32"),
    (torch.tensor(float("nan")), torch.tensor(1.0), "got nan, expected 1"),
])
def test_expect_close_says_what_differs(actual, expected, message):
    dtype = torch.float32 if "dtype" in message else None
    with pytest.raises(AssertionError, match=re.escape(message)):
        expect_close(actual, expected, dtype=dtype)


def test_expect_close_accepts_numbers_lists_and_other_float_dtypes():
    expect_close(0.5, torch.tensor(0.5))
    expect_close(torch.tensor(0.5), 0.5)
    expect_close([[1, 2], [3, 4]], torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    expect_close(torch.ones(2, dtype=torch.float64) / 3, torch.ones(2) / 3)
    expect_close(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0 + 1e-7]))
    expect_close(13.427607692038837, torch.tensor(13.427607692038837, dtype=torch.float64), atol=0, rtol=0)


def test_expect_close_on_another_device_is_reported(monkeypatch):
    with pytest.raises(AssertionError, match="is on meta, expected cpu"):
        expect_close(torch.ones(2, device="meta"), torch.ones(2))


# ----------------------------------------------------------------------------- forbid

def test_forbid_refuses_named_callables_and_restores_them():
    x = torch.randn(1, 1, 4, 4)
    with forbid("torch.nn.functional.avg_pool2d", "torch.Tensor.mean", "torch.nn.RNN"):
        for call, name in ((lambda: F.avg_pool2d(x, 2), "avg_pool2d"), (lambda: x.mean(), "Tensor.mean"),
                           (lambda: torch.nn.RNN(2, 3), "nn.RNN")):
            with pytest.raises(AssertionError, match=f"the task says not to use .*{re.escape(name)}"):
                call()
        assert F.max_pool2d(x, 2).shape == (1, 1, 2, 2)  # what is not named still works
    assert F.avg_pool2d(x, 2).shape == (1, 1, 2, 2) and x.mean().shape == () and isinstance(torch.nn.RNN(2, 3), torch.nn.Module)


def test_forbid_restores_even_when_the_block_raises():
    with pytest.raises(ZeroDivisionError):
        with forbid("torch.Tensor.sum"):
            1 / 0
    assert torch.ones(3).sum().item() == 3


def test_forbid_rejects_a_name_that_does_not_exist():
    with pytest.raises(AttributeError, match="does not exist"):
        with forbid("torch.nn.functional.no_such_function"):
            pass


# ----------------------------------------------------------------------------- runs_on_meta

def test_runs_on_meta_catches_tensors_created_on_the_cpu():
    x = torch.randn(1, 1, 5, 5)
    good = runs_on_meta(lambda t: F.conv2d(t, torch.ones(1, 1, 3, 3, device=t.device)), x)
    assert good.device.type == "meta" and good.shape == (1, 1, 3, 3)
    assert runs_on_meta(lambda t: t * 2.0 + torch.tensor(1.0), x).device.type == "meta"  # a CPU scalar is fine
    for wrong in (lambda t: F.conv2d(t, torch.ones(1, 1, 3, 3)), lambda t: t.view(5, 5) @ torch.ones(5, 5)):
        with pytest.raises(AssertionError, match="created on the CPU"):
            runs_on_meta(wrong, x)


def test_no_python_loops_finds_loops_and_comprehensions():
    from course_utils.exercises import no_python_loops

    def vectorised(x):
        return x.flip(0)

    def looped(x):
        out = []
        for row in x:
            out.append(row)
        return out

    def comprehended(x):
        return torch.stack([row for row in x])

    no_python_loops(vectorised)
    with pytest.raises(AssertionError, match="looped has a for loop"):
        no_python_loops(looped)
    with pytest.raises(AssertionError, match="a list comprehension"):
        no_python_loops(comprehended)
    with pytest.raises(AssertionError, match="cannot read the source"):
        no_python_loops(len)


def test_a_not_implemented_error_from_the_answer_is_not_a_scaffold(capsys):
    def scaffold():
        raise NotImplementedError("your code here")

    def torch_refuses():
        raise NotImplementedError("Cannot copy out of meta tensor")

    check("Exercise 9", scaffold)
    check("Exercise 10", torch_refuses, hint="h")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("[ ] Exercise 9: not solved yet")
    assert out[1] == "[x] Exercise 10: your code raised NotImplementedError: Cannot copy out of meta tensor. Hint: h"


def test_runs_on_meta_explains_a_copy_to_the_cpu():
    with pytest.raises(AssertionError, match="copied a tensor's values to the CPU"):
        runs_on_meta(lambda t: t.cpu() + 1, torch.ones(3))
