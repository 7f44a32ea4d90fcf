import random
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
import torch

from course_utils import assert_claims, course_scale, seed_everything


def _draws():
    return random.random(), float(np.random.rand()), torch.rand(3)


def test_seed_everything_makes_every_generator_repeat():
    seed_everything(123)
    first = _draws()
    seed_everything(123)
    second = _draws()
    assert first[:2] == second[:2]
    assert torch.equal(first[2], second[2])
    seed_everything(124)
    assert _draws()[0] != first[0]


def test_returned_generator_is_seeded():
    a = torch.rand(4, generator=seed_everything(7))
    b = torch.rand(4, generator=torch.Generator().manual_seed(7))
    assert torch.equal(a, b)


def test_deterministic_flags_are_set():
    seed_everything(0)
    assert torch.are_deterministic_algorithms_enabled()
    assert torch.is_deterministic_algorithms_warn_only_enabled()
    assert torch.backends.cudnn.deterministic and not torch.backends.cudnn.benchmark


def test_seeding_does_not_import_the_compiler_and_still_makes_it_deterministic():
    # A fresh interpreter, as at the top of a notebook: seeding must not pay for importing
    # torch._inductor, and the compiler, once imported, must be in its deterministic mode.
    code = textwrap.dedent("""
        import os, sys
        os.environ.pop("TORCHINDUCTOR_DETERMINISTIC", None)
        import torch
        from course_utils import seed_everything
        seed_everything(0)
        print("torch._inductor.config" in sys.modules, torch.are_deterministic_algorithms_enabled(),
              torch.is_deterministic_algorithms_warn_only_enabled())
        import torch._inductor.config as inductor_config
        print(inductor_config.deterministic)
        torch.use_deterministic_algorithms(False)  # both flags off, so that seeding has to set them again
        seed_everything(0)  # once the compiler is loaded, through the public call
        print(inductor_config.deterministic, torch.are_deterministic_algorithms_enabled())
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "True"]


def test_course_scale(monkeypatch):
    monkeypatch.delenv("COURSE_SCALE", raising=False)
    assert course_scale() == 1.0
    monkeypatch.setenv("COURSE_SCALE", "4")
    assert course_scale() == 4.0
    for bad in ("zero", "-1", "0"):
        monkeypatch.setenv("COURSE_SCALE", bad)
        with pytest.raises(ValueError, match="COURSE_SCALE must be a positive number"):
            course_scale()


def test_claims_are_asserted_at_the_described_scale(monkeypatch, capsys):
    monkeypatch.delenv("COURSE_SCALE", raising=False)
    assert_claims({"a holds": True, "b holds": 1 < 2})
    assert capsys.readouterr().out == "a holds: True\nb holds: True\n"
    with pytest.raises(AssertionError, match="claims that do not hold: b fails$"):
        assert_claims({"a holds": True, "b fails": False})


def test_claims_at_another_scale_are_printed_not_asserted(monkeypatch, capsys):
    monkeypatch.setenv("COURSE_SCALE", "4")
    assert_claims({"a holds": True, "b fails": False})
    out = capsys.readouterr().out
    assert "b fails: False" in out and "COURSE_SCALE=4: 1 of 2 claims hold" in out and "not asserted" in out
    monkeypatch.setenv("COURSE_SCALE", "1")
    with pytest.raises(AssertionError):
        assert_claims({"b fails": False})


@pytest.mark.parametrize("value", ["yes", 1, 0.5, lambda: False, None, torch.tensor([True, False]), torch.tensor(1.0)])
def test_a_claim_must_be_a_truth_value(monkeypatch, value):
    monkeypatch.delenv("COURSE_SCALE", raising=False)
    with pytest.raises(TypeError, match="should be True or False"):
        assert_claims({"a claim": value})


def test_no_claims_is_an_error():
    with pytest.raises(ValueError, match="at least one claim"):
        assert_claims({})


def test_numpy_and_tensor_truth_values_count_and_every_failure_is_named(monkeypatch):
    monkeypatch.delenv("COURSE_SCALE", raising=False)
    assert_claims({"numpy": np.float64(1.0) < 2, "tensor": torch.tensor(2.0) > 1})
    with pytest.raises(AssertionError, match="claims that do not hold: first; third$"):
        assert_claims({"first": False, "second": True, "third": torch.tensor(False)})


def test_claims_are_asserted_at_another_described_scale(monkeypatch, capsys):
    monkeypatch.setenv("COURSE_SCALE", "4")
    with pytest.raises(AssertionError):
        assert_claims({"b fails": False}, described_scale=4)
    monkeypatch.setenv("COURSE_SCALE", "1")
    assert_claims({"b fails": False}, described_scale=4)
    assert "COURSE_SCALE=1: 0 of 1 claims hold" in capsys.readouterr().out
