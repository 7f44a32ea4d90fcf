import random

import numpy as np
import pytest
import torch

from course_utils import course_scale, seed_everything


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
    assert torch.backends.cudnn.deterministic and not torch.backends.cudnn.benchmark


def test_course_scale(monkeypatch):
    monkeypatch.delenv("COURSE_SCALE", raising=False)
    assert course_scale() == 1.0
    monkeypatch.setenv("COURSE_SCALE", "4")
    assert course_scale() == 4.0
    for bad in ("zero", "-1", "0"):
        monkeypatch.setenv("COURSE_SCALE", bad)
        with pytest.raises(ValueError, match="COURSE_SCALE must be a positive number"):
            course_scale()
