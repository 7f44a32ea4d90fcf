import math

import numpy as np
import pytest
import torch

from course_utils.ngram import ngram_losses, ngram_nll


def test_unigram_with_tiny_k_is_the_empirical_entropy():
    train = torch.tensor([0, 0, 0, 1] * 50)
    val = torch.tensor([0, 1, 0, 0] * 10)
    expected = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
    assert ngram_nll(train, val, 1, 2, k=1e-9) == pytest.approx(expected, rel=1e-6)


def test_bigram_matches_counts_by_hand():
    train = [0, 1, 0, 2, 0, 1, 1, 0]
    val = [0, 1, 1, 0]
    k = 0.5
    counts = np.zeros((3, 3))
    for a, b in zip(train[:-1], train[1:]):
        counts[a, b] += 1
    unigram = (np.bincount(train, minlength=3) + k / 3) / (len(train) + k)
    bigram = (counts + k * unigram) / (counts.sum(1, keepdims=True) + k)
    expected = -np.mean([np.log(bigram[a, b]) for a, b in zip(val[:-1], val[1:])])
    assert ngram_nll(train, val, 2, 3, k=k) == pytest.approx(expected, rel=1e-12)


def test_higher_orders_help_on_a_deterministic_sequence():
    pattern = torch.tensor([0, 1, 2, 0, 2, 1] * 200)
    results = ngram_losses(pattern[:900], pattern[900:], 3, orders=(1, 2, 3))
    losses = [results[n][0] for n in (1, 2, 3)]
    assert losses[0] == pytest.approx(math.log(3), rel=1e-3)  # every symbol equally frequent
    assert losses[2] < 0.05 < losses[1] < losses[0]  # two symbols of context determine the next


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match=r"ids must lie in \[0, 3\)"):
        ngram_nll([0, 1, 5, 1], [0, 1, 2], 1, 3)
    with pytest.raises(ValueError, match="longer than the highest order"):
        ngram_losses([0, 1, 2] * 5, [0, 1], 3)
    with pytest.raises(ValueError, match="positive"):
        ngram_nll([0, 1, 2] * 5, [0, 1, 2], 2, 3, k=[1.0, 0.0])
