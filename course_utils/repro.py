"""Reproducibility: one call seeds every random number generator a notebook uses."""
from __future__ import annotations

import os
import random
import sys

import numpy as np
import torch


def seed_everything(seed: int = 0) -> torch.Generator:
    """Seed Python, NumPy and torch (CUDA included), ask for deterministic kernels, and
    return a ``torch.Generator`` seeded with ``seed`` for code that wants one explicitly."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)  # also seeds every CUDA device
    # Needed by cuBLAS for deterministic matrix products; harmless elsewhere.
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    _use_deterministic_algorithms()
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False
    return torch.Generator().manual_seed(seed)


def _use_deterministic_algorithms() -> None:
    """``torch.use_deterministic_algorithms(True, warn_only=True)`` without its cost at the start of
    every notebook: the public call imports the compiler (``torch._inductor``, 1.8 s on a 2-core
    CPU) only to set the compiler's own deterministic flag. Until the compiler is imported, the
    environment variable it reads that flag from does the same (processes started from this one,
    which inherit the variable, get the compiler's flag too)."""
    if "torch._inductor.config" in sys.modules:
        torch.use_deterministic_algorithms(True, warn_only=True)
        return
    os.environ["TORCHINDUCTOR_DETERMINISTIC"] = "1"
    torch._C._set_deterministic_algorithms(True, warn_only=True)


def course_scale(default: float = 1.0) -> float:
    """The compute knob ``COURSE_SCALE`` (default 1): notebooks multiply training length or
    model size by it where more compute gives a visibly better result. CI uses 1."""
    raw = os.environ.get("COURSE_SCALE", "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"COURSE_SCALE must be a positive number, got {raw!r}.") from None
    if value <= 0:
        raise ValueError(f"COURSE_SCALE must be a positive number, got {raw!r}.")
    return value


def assert_claims(claims: dict[str, bool], described_scale: float = 1.0) -> None:
    """Print every measured claim of a cell with whether it holds, and assert them all when the
    notebook runs at the ``COURSE_SCALE`` its text describes (1: the stored run). At another scale
    the models are trained longer or bigger and the text's claims about this run need not hold, so
    they are printed, not asserted, with a line that says how many hold."""
    if not claims:
        raise ValueError("assert_claims needs at least one claim")
    for claim, holds in claims.items():
        if not _is_truth_value(holds):
            raise TypeError(f"claim {claim!r} should be True or False, got {type(holds).__name__}: compare, don't pass the value")
        print(f"{claim}: {bool(holds)}")
    scale = course_scale()
    if scale == described_scale:
        failed = [claim for claim, holds in claims.items() if not holds]
        assert not failed, "claims that do not hold: " + "; ".join(failed)
    else:
        held = sum(bool(holds) for holds in claims.values())
        print(f"COURSE_SCALE={scale:g}: {held} of {len(claims)} claims hold; the text describes the run at "
              f"COURSE_SCALE={described_scale:g}, so they are printed here, not asserted")


def _is_truth_value(value) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return True
    return isinstance(value, torch.Tensor) and value.dtype == torch.bool and value.numel() == 1
