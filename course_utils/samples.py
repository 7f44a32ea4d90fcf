"""Numbers that judge generated samples: a digit classifier for MNIST samples and the two rates it
reports, and the maximum mean discrepancy (MMD) between 2-D samples and data.

Generative models are easy to admire and hard to measure. The notebooks on generative models
train :func:`digit_judge` once (a small strided CNN, 98.4 % MNIST test accuracy after one epoch,
about 12 s on one CPU thread; the weights are cached, so a second notebook or run loads them) and
report, for every model, how often a class-conditional sample is read as the class that was
asked for (:func:`requested_class_rate`) and how evenly unconditional samples cover the ten classes
(:func:`class_coverage`, the entropy of the predicted-class histogram against its maximum, log 10).
On 2-D data, :func:`mmd2` measures how far a cloud of samples is from the data.
"""
from __future__ import annotations

import hashlib
import inspect
import math
import os
import tempfile
import time
import warnings
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from .data import REPO_ROOT, TensorBatches

CACHE_FORMAT = "digit-judge-1"


def _judge_network() -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(1, 16, 5, stride=2, padding=2), nn.ReLU(),
        nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10),
    )


def cache_dir() -> Path:
    """Where trained judges are kept: ``$COURSE_CACHE_DIR``, or ``build/cache`` in the course folder."""
    env = os.environ.get("COURSE_CACHE_DIR")
    return Path(env).expanduser() if env else REPO_ROOT / "build" / "cache"


def _judge_key(x_train: torch.Tensor, y_train: torch.Tensor, epochs: int, seed: int, device: torch.device) -> str:
    # everything the trained weights depend on: the data, the code, the settings, torch's version,
    # the device and the number of threads (which changes how sums are rounded)
    digest = hashlib.sha256()
    code = [inspect.getsource(f) for f in (_judge_network, _seeded_network, _train_judge, TensorBatches)]
    device_name = torch.cuda.get_device_name(device) if device.type == "cuda" else device.type
    for part in (CACHE_FORMAT, torch.__version__, device_name, epochs, seed, torch.get_num_threads(),
                 tuple(x_train.shape), x_train.dtype, tuple(y_train.shape), y_train.dtype, code):
        digest.update(repr(part).encode())
    for tensor in (x_train, y_train):
        digest.update(tensor.detach().cpu().contiguous().numpy())
    return digest.hexdigest()[:24]


def _seeded_network(seed: int, device: torch.device) -> nn.Module:
    # the initial weights come from ``seed`` and leave the global random state as it was
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return _judge_network().to(device)


def _load_judge(path: Path, seed: int, device: torch.device) -> nn.Module | None:
    if not path.is_file():
        return None
    try:
        state = torch.load(path, map_location=device, weights_only=True)
        model = _seeded_network(seed, device)  # as training builds it: the global random state is untouched
        model.load_state_dict(state)
        return model
    except Exception as error:  # a truncated or foreign file: train again and replace it
        warnings.warn(f"the cached digit judge {path} could not be read ({error}); training it again.", stacklevel=3)
        return None


def _save_judge(model: nn.Module, path: Path) -> None:
    # written to a temporary file and renamed: a reader never sees half a file, and a failed write
    # leaves none behind
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob("digit_judge-*.partial"):  # left by a process killed while writing
            if time.time() - stale.stat().st_mtime > 3600:
                stale.unlink(missing_ok=True)
        handle, partial = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".partial")
        os.close(handle)
        try:
            torch.save(model.state_dict(), partial)
            os.chmod(partial, 0o644)
            os.replace(partial, path)
        finally:
            if os.path.exists(partial):
                os.remove(partial)
    except (OSError, RuntimeError) as error:  # torch.save reports a failed write (a full disk) as RuntimeError
        warnings.warn(f"the digit judge could not be cached in {path.parent} ({error}); it will be trained again "
                      "next time. Set COURSE_CACHE_DIR to a writable folder to keep it.", stacklevel=3)


def digit_judge(x_train: torch.Tensor, y_train: torch.Tensor, *, epochs: int = 1, seed: int = 0,
                device: torch.device | str = "cpu", cache: bool = True) -> nn.Module:
    """Train the judging CNN on images ``(N, 1, 28, 28)`` scaled to [0, 1] and their labels.

    The judge sees images in [0, 1] (pixel grey level / 255), the range generative models produce;
    it is returned in evaluation mode with gradients switched off. With ``cache``, the trained
    weights are saved in :func:`cache_dir` under a hash of the data, the code, the settings, torch's
    version, the device and the number of threads, and a later call with all of them equal loads
    them instead of training (on the CPU, exactly the weights training would give); the returned
    judge's ``from_cache`` says which happened. Either way the global random state is left as it was.
    """
    if x_train.ndim != 4 or x_train.shape[1:] != (1, 28, 28):
        raise ValueError(f"digit_judge expects images of shape (N, 1, 28, 28), got {tuple(x_train.shape)}.")
    if float(x_train.min()) < -1e-6 or float(x_train.max()) > 1 + 1e-6:
        raise ValueError("digit_judge expects pixels in [0, 1]; divide uint8 images by 255.")
    device = torch.device(device)
    path = cache_dir() / f"digit_judge-{_judge_key(x_train, y_train, epochs, seed, device)}.pt" if cache else None
    model = _load_judge(path, seed, device) if path is not None else None
    from_cache = model is not None
    if model is None:
        model = _train_judge(x_train, y_train, epochs, seed, device)
        if path is not None:
            _save_judge(model, path)
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    model.from_cache = from_cache
    return model


def _train_judge(x_train: torch.Tensor, y_train: torch.Tensor, epochs: int, seed: int, device: torch.device) -> nn.Module:
    generator = torch.Generator().manual_seed(seed)
    model = _seeded_network(seed, device)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    batches = TensorBatches(x_train, y_train, batch_size=64, generator=generator, device=device)
    steps = epochs * len(batches)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=3e-3, total_steps=steps)
    model.train()
    for _ in range(epochs):
        for x, y in batches:
            loss = F.cross_entropy(model(x), y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            schedule.step()
    return model


@torch.no_grad()
def predict(judge: nn.Module, images: torch.Tensor, batch_size: int = 1000) -> torch.Tensor:
    """The judge's predicted class for each image ``(N, 1, 28, 28)`` in [0, 1]."""
    device = next(judge.parameters()).device
    images = images.reshape(-1, 1, 28, 28)
    return torch.cat([judge(images[i : i + batch_size].to(device)).argmax(dim=1).cpu()
                      for i in range(0, len(images), batch_size)])


def requested_class_rate(judge: nn.Module, images: torch.Tensor, requested: torch.Tensor) -> float:
    """Fraction of class-conditional samples that the judge reads as the class that was requested."""
    if len(images) != len(requested):
        raise ValueError(f"{len(images)} images but {len(requested)} requested classes.")
    return (predict(judge, images) == requested.cpu()).float().mean().item()


def class_coverage(judge: nn.Module, images: torch.Tensor) -> float:
    """Entropy of the judge's predicted-class histogram divided by log 10: 1 when the ten classes
    are equally frequent, 0 when every sample is read as one class (mode collapse)."""
    counts = torch.bincount(predict(judge, images), minlength=10).double()
    p = counts / counts.sum()
    entropy = -(p[p > 0] * p[p > 0].log()).sum().item()
    return entropy / math.log(10)


def mmd2(x: torch.Tensor, y: torch.Tensor, bandwidth: float) -> float:
    """Unbiased squared maximum mean discrepancy between samples ``x (n, d)`` and ``y (m, d)`` with
    the Gaussian kernel ``k(a, b) = exp(-|a - b|^2 / (2 bandwidth^2))``.

    Zero in expectation when both come from the same distribution (so it can be slightly
    negative), larger the further apart they are. Computed in float64.
    """
    if x.ndim != 2 or y.ndim != 2 or x.shape[1] != y.shape[1]:
        raise ValueError(f"mmd2 expects (n, d) and (m, d) with the same d, got {tuple(x.shape)} and {tuple(y.shape)}.")
    if len(x) < 2 or len(y) < 2:
        raise ValueError("mmd2 needs at least two samples on each side.")
    if bandwidth <= 0:
        raise ValueError(f"bandwidth must be positive, got {bandwidth}.")
    x, y = x.detach().double().cpu(), y.detach().double().cpu()
    n, m = len(x), len(y)

    def kernel(a, b):
        return torch.exp(-torch.cdist(a, b).pow(2) / (2 * bandwidth**2))

    kxx, kyy, kxy = kernel(x, x), kernel(y, y), kernel(x, y)
    within_x = (kxx.sum() - kxx.diagonal().sum()) / (n * (n - 1))
    within_y = (kyy.sum() - kyy.diagonal().sum()) / (m * (m - 1))
    return (within_x + within_y - 2 * kxy.mean()).item()
