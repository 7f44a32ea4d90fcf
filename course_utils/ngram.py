"""Counting baselines for character models: interpolated n-gram tables, counted from scratch.

An order-n model predicts a character from the n - 1 before it. Unseen contexts are common, so
each order leans on the one below:

    P_n(c | context) = (count(context, c) + k_n * P_(n-1)(c | shorter context)) / (count(context) + k_n)

with P_1(c) = (count(c) + k_1 / V) / (N + k_1). Large k_n trusts the shorter context more. Every
order is scored on the same positions (those with a full context for the highest order asked).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import torch

K_GRID = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)


def _as_array(ids) -> np.ndarray:
    if isinstance(ids, torch.Tensor):
        ids = ids.detach().cpu().numpy()
    return np.asarray(ids, dtype=np.int64).ravel()


def _keys(ids: np.ndarray, start: int, stop: int, length: int, vocab_size: int) -> np.ndarray:
    """For every position i in [start, stop): the integer code of ids[i - length + 1 .. i]."""
    key = np.zeros(stop - start, dtype=np.int64)
    for offset in range(length - 1, -1, -1):
        key = key * vocab_size + ids[start - offset : stop - offset]
    return key


def _lookup(sorted_keys: np.ndarray, counts: np.ndarray, queries: np.ndarray) -> np.ndarray:
    where = np.searchsorted(sorted_keys, queries).clip(max=len(sorted_keys) - 1)
    return np.where(sorted_keys[where] == queries, counts[where], 0).astype(np.float64)


class _Counts:
    """Counts of every (context, next) and every context of one order in the training ids."""

    def __init__(self, train: np.ndarray, order: int, vocab_size: int):
        self.order, self.vocab_size = order, vocab_size
        if vocab_size ** order >= 2**62:
            raise ValueError(f"order {order} with {vocab_size} symbols does not fit in 64-bit keys")
        full = _keys(train, order - 1, len(train), order, vocab_size)
        self.full_keys, self.full_counts = np.unique(full, return_counts=True)
        self.context_keys, self.context_counts = np.unique(full // vocab_size, return_counts=True)
        self.total = len(full)

    def for_positions(self, ids: np.ndarray, start: int) -> tuple[np.ndarray, np.ndarray]:
        full = _keys(ids, start, len(ids), self.order, self.vocab_size)
        if self.order == 1:
            return _lookup(self.full_keys, self.full_counts, full), np.full(len(full), float(self.total))
        return (_lookup(self.full_keys, self.full_counts, full),
                _lookup(self.context_keys, self.context_counts, full // self.vocab_size))


def _check(train: np.ndarray, evaluate: np.ndarray, orders: Sequence[int], vocab_size: int) -> None:
    if min(orders) < 1:
        raise ValueError(f"orders start at 1, got {list(orders)}")
    if len(evaluate) <= max(orders) or len(train) <= max(orders):
        raise ValueError("the id sequences must be longer than the highest order")
    for name, ids in (("train", train), ("evaluation", evaluate)):
        if ids.min() < 0 or ids.max() >= vocab_size:
            raise ValueError(f"{name} ids must lie in [0, {vocab_size}), found {ids.min()}..{ids.max()}")


def ngram_nll(train_ids, eval_ids, order: int, vocab_size: int, k: float | Sequence[float] = 1.0,
              positions_from: int | None = None) -> float:
    """Mean negative log-likelihood (nats per symbol) of ``eval_ids`` under the interpolated
    order-``order`` model counted on ``train_ids``; ``k`` is one value for every order or one per
    order (1, 2, ..., ``order``). Scored from position ``positions_from`` (default ``order - 1``)."""
    train, evaluate = _as_array(train_ids), _as_array(eval_ids)
    _check(train, evaluate, [order], vocab_size)
    ks = [float(k)] * order if np.isscalar(k) else [float(v) for v in k]
    if len(ks) != order or min(ks) <= 0:
        raise ValueError(f"k needs {order} positive values, got {k!r}")
    start = order - 1 if positions_from is None else positions_from
    p = np.full(len(evaluate) - start, 1.0 / vocab_size)
    for n in range(1, order + 1):
        joint, context = _Counts(train, n, vocab_size).for_positions(evaluate, start)
        p = (joint + ks[n - 1] * p) / (context + ks[n - 1])
    return float(-np.log(p).mean())


def ngram_losses(train_ids, val_ids, vocab_size: int, orders: Sequence[int] = (1, 2, 3, 4, 5),
                 grid: Sequence[float] = K_GRID) -> dict[int, tuple[float, float]]:
    """``{order: (validation nats per symbol, chosen k)}`` for each order, each k_n chosen on the
    validation ids from ``grid`` with the lower orders' k already fixed; all orders are scored on
    the same positions."""
    train, val = _as_array(train_ids), _as_array(val_ids)
    _check(train, val, orders, vocab_size)
    start = max(orders) - 1
    p = np.full(len(val) - start, 1.0 / vocab_size)
    results = {}
    for n in range(1, max(orders) + 1):
        joint, context = _Counts(train, n, vocab_size).for_positions(val, start)
        candidates = {k: (joint + k * p) / (context + k) for k in grid}
        best_k = min(candidates, key=lambda k: -np.log(candidates[k]).mean())
        p = candidates[best_k]
        if n in orders:
            results[n] = (float(-np.log(p).mean()), best_k)
    return results
