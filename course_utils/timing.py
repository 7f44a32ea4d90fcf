"""Timing that means something on every device: wait for the GPU, repeat, report the median.

CUDA and Apple MPS run kernels asynchronously: without a synchronisation a timer measures how
long it took to *launch* the work, not to do it. Every timing in the course goes through here.
"""
from __future__ import annotations

import statistics
import time
from typing import Any, Callable

import torch


def synchronize(device: torch.device | str | None = None) -> None:
    """Wait until every queued kernel on ``device`` has finished (CUDA or MPS; nothing on the CPU).
    ``None`` waits for whichever accelerator torch has initialised."""
    kind = torch.device(device).type if device is not None else None
    if kind in (None, "cuda") and torch.cuda.is_available() and torch.cuda.is_initialized():
        torch.cuda.synchronize(device if kind == "cuda" else None)
    if kind in (None, "mps") and torch.backends.mps.is_available():
        torch.mps.synchronize()


def median_time(fn: Callable[[], Any], device: torch.device | str | None = None, repeats: int = 5,
                warmup: int = 1) -> float:
    """Seconds ``fn()`` takes: the median of ``repeats`` calls after ``warmup`` untimed ones,
    synchronising ``device`` before and after each call."""
    if repeats < 1 or warmup < 0:
        raise ValueError(f"need repeats >= 1 and warmup >= 0, got repeats={repeats}, warmup={warmup}")
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        synchronize(device)
        start = time.perf_counter()
        fn()
        synchronize(device)
        times.append(time.perf_counter() - start)
    return statistics.median(times)
