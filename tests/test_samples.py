import math

import pytest
import torch

from course_utils import samples as digits


class Constant(torch.nn.Module):
    """A judge that reads every image as the class stored in its first pixel."""

    def __init__(self):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.zeros(1))

    def forward(self, x):
        cls = (x[:, 0, 0, 0] * 9).round().long()
        return torch.nn.functional.one_hot(cls, 10).float()


def images_of(classes):
    x = torch.zeros(len(classes), 1, 28, 28)
    x[:, 0, 0, 0] = torch.tensor(classes, dtype=torch.float) / 9
    return x


def test_requested_class_rate_counts_matches():
    judge = Constant()
    x = images_of([0, 1, 2, 3])
    assert digits.requested_class_rate(judge, x, torch.tensor([0, 1, 5, 5])) == 0.5
    with pytest.raises(ValueError, match="requested"):
        digits.requested_class_rate(judge, x, torch.tensor([0]))


def test_class_coverage_is_one_for_uniform_and_zero_for_collapse():
    judge = Constant()
    assert digits.class_coverage(judge, images_of(list(range(10)) * 3)) == pytest.approx(1.0)
    assert digits.class_coverage(judge, images_of([7] * 30)) == 0.0
    two = digits.class_coverage(judge, images_of([1, 2] * 5))
    assert two == pytest.approx(math.log(2) / math.log(10))


@pytest.fixture(autouse=True)
def judge_cache(tmp_path, monkeypatch):
    """Every test gets its own empty cache folder."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("COURSE_CACHE_DIR", str(folder))
    return folder


def toy_digits(n=320, seed=0):
    g = torch.Generator().manual_seed(seed)
    y = torch.randint(0, 10, (n,), generator=g)
    x = torch.rand(n, 1, 28, 28, generator=g) * 0.1
    for c in range(10):  # class c lights up row 2c
        x[y == c, 0, 2 * c + 4, :] = 1.0
    return x, y


def same_weights(a, b):
    first, second = a.state_dict(), b.state_dict()
    return first.keys() == second.keys() and all(torch.equal(first[k], second[k]) for k in first)


def test_digit_judge_cache_returns_the_weights_training_gives(judge_cache):
    x, y = toy_digits()
    trained = digits.digit_judge(x, y)
    assert not trained.from_cache and len(list(judge_cache.glob("digit_judge-*.pt"))) == 1
    loaded = digits.digit_judge(x, y)
    assert loaded.from_cache and same_weights(trained, loaded)
    assert not loaded.training and not any(p.requires_grad for p in loaded.parameters())
    retrained = digits.digit_judge(x, y, cache=False)
    assert not retrained.from_cache and same_weights(trained, retrained)  # on the CPU the cache holds what training gives


def test_digit_judge_leaves_the_global_random_state_alone_whether_trained_or_loaded(judge_cache):
    x, y = toy_digits()
    torch.manual_seed(123)
    before = torch.get_rng_state()
    assert not digits.digit_judge(x, y).from_cache
    after_training = torch.get_rng_state()
    assert digits.digit_judge(x, y).from_cache
    assert torch.equal(before, after_training) and torch.equal(before, torch.get_rng_state())


def test_digit_judge_cache_key_changes_with_data_settings_and_threads(judge_cache, monkeypatch):
    x, y = toy_digits()
    digits.digit_judge(x, y)
    flipped = y.clone()
    flipped[0] = (flipped[0] + 1) % 10
    assert not digits.digit_judge(x, flipped).from_cache  # one label changed
    touched = x.clone()
    touched[5, 0, 0, 0] += 0.01
    assert not digits.digit_judge(touched, y).from_cache  # one pixel changed
    assert not digits.digit_judge(x, y, seed=1).from_cache
    assert not digits.digit_judge(x, y, epochs=2).from_cache
    threads = torch.get_num_threads()
    try:
        torch.set_num_threads(threads + 1)
        assert not digits.digit_judge(x, y).from_cache
    finally:
        torch.set_num_threads(threads)
    assert digits.digit_judge(x, y).from_cache
    monkeypatch.setattr(digits, "CACHE_FORMAT", "another format")
    assert not digits.digit_judge(x, y).from_cache  # the code's own version
    assert len(list(judge_cache.glob("digit_judge-*.pt"))) == 7


def test_digit_judge_replaces_a_corrupt_cache_file(judge_cache):
    x, y = toy_digits()
    trained = digits.digit_judge(x, y)
    (path,) = judge_cache.glob("digit_judge-*.pt")
    path.write_bytes(b"not a checkpoint")
    with pytest.warns(UserWarning, match="could not be read"):
        again = digits.digit_judge(x, y)
    assert not again.from_cache and same_weights(trained, again)
    assert digits.digit_judge(x, y).from_cache  # the file was replaced by a good one
    assert [p.name for p in judge_cache.iterdir()] == [path.name]  # no partial file left behind


def test_digit_judge_survives_a_failed_write_and_leaves_nothing_behind(judge_cache, monkeypatch):
    def failing_save(obj, path, *args, **kwargs):
        with open(path, "wb") as f:
            f.write(b"half a ch")
        raise RuntimeError("PytorchStreamWriter failed writing file data/0: file write failed")

    monkeypatch.setattr(digits.torch, "save", failing_save)
    x, y = toy_digits()
    with pytest.warns(UserWarning, match="could not be cached"):
        judge = digits.digit_judge(x, y)
    assert not judge.from_cache and digits.requested_class_rate(judge, x, y) > 0.5
    assert list(judge_cache.iterdir()) == []  # neither a checkpoint nor a partial file


def test_digit_judge_without_a_writable_cache_still_trains(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("COURSE_CACHE_DIR", str(blocker / "cache"))  # a folder cannot be made inside a file
    x, y = toy_digits()
    with pytest.warns(UserWarning, match="COURSE_CACHE_DIR"):
        judge = digits.digit_judge(x, y)
    assert not judge.from_cache and digits.requested_class_rate(judge, x, y) > 0.5


def test_digit_judge_rejects_wrong_inputs():
    with pytest.raises(ValueError, match="shape"):
        digits.digit_judge(torch.zeros(4, 28, 28), torch.zeros(4, dtype=torch.long))
    with pytest.raises(ValueError, match="255"):
        digits.digit_judge(torch.full((4, 1, 28, 28), 255.0), torch.zeros(4, dtype=torch.long))


def test_digit_judge_learns_a_separable_toy_problem():
    g = torch.Generator().manual_seed(0)
    y = torch.randint(0, 10, (640,), generator=g)
    x = torch.rand(640, 1, 28, 28, generator=g) * 0.1
    for c in range(10):  # class c lights up row 2c
        x[y == c, 0, 2 * c + 4, :] = 1.0
    judge = digits.digit_judge(x, y, epochs=3)
    assert not judge.training
    assert digits.requested_class_rate(judge, x, y) > 0.95


def test_mmd2_matches_a_loop_and_separates_distributions():
    g = torch.Generator().manual_seed(1)
    x, y = torch.randn(30, 2, generator=g), torch.randn(40, 2, generator=g) + 0.5
    k = lambda a, b: math.exp(-float(((a - b) ** 2).sum()) / (2 * 0.7**2))
    xx = sum(k(x[i], x[j]) for i in range(30) for j in range(30) if i != j) / (30 * 29)
    yy = sum(k(y[i], y[j]) for i in range(40) for j in range(40) if i != j) / (40 * 39)
    xy = sum(k(a, b) for a in x for b in y) / (30 * 40)
    assert digits.mmd2(x, y, 0.7) == pytest.approx(xx + yy - 2 * xy, rel=1e-6)  # the loop runs in float32
    same = digits.mmd2(torch.randn(500, 2, generator=g), torch.randn(500, 2, generator=g), 1.0)
    far = digits.mmd2(torch.randn(500, 2, generator=g), torch.randn(500, 2, generator=g) + 2, 1.0)
    assert abs(same) < 0.01 < far
    with pytest.raises(ValueError, match="same d"):
        digits.mmd2(x, torch.zeros(5, 3), 1.0)
    with pytest.raises(ValueError, match="bandwidth"):
        digits.mmd2(x, y, 0.0)
