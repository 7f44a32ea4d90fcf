import pytest
import torch

from course_utils import timing


def test_median_time_is_the_median_of_the_repeats(monkeypatch):
    clock = iter([0.0, 1.0, 10.0, 13.0, 20.0, 22.0])  # durations 1, 3, 2
    monkeypatch.setattr(timing.time, "perf_counter", lambda: next(clock))
    calls = []
    assert timing.median_time(lambda: calls.append(1), repeats=3, warmup=2) == 2.0
    assert len(calls) == 5


def test_median_time_measures_real_work():
    slow = timing.median_time(lambda: torch.randn(300, 300) @ torch.randn(300, 300), repeats=3)
    assert 0 < slow < 5


@pytest.mark.parametrize("device, waits", [("cuda", ["cuda"]), ("mps", ["mps"]), ("cpu", []), (None, ["cuda", "mps"])])
def test_synchronize_waits_for_the_right_accelerator(monkeypatch, device, waits):
    seen = []
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "is_initialized", lambda: True)
    monkeypatch.setattr(torch.cuda, "synchronize", lambda d=None: seen.append("cuda"))
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    monkeypatch.setattr(torch.mps, "synchronize", lambda: seen.append("mps"))
    timing.synchronize(device)
    assert seen == waits


def test_median_time_synchronises_around_every_call(monkeypatch):
    events = []
    monkeypatch.setattr(timing, "synchronize", lambda device=None: events.append(("sync", device)))
    timing.median_time(lambda: events.append("call"), device="mps", repeats=2, warmup=0)
    assert events == [("sync", "mps"), "call", ("sync", "mps")] * 2


def test_median_time_rejects_nonsense():
    with pytest.raises(ValueError, match="repeats >= 1"):
        timing.median_time(lambda: None, repeats=0)
