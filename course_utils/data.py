"""Datasets as tensors ready for training, and a fast batch iterator over them.

Real data (MNIST, Tiny Shakespeare) lives in the data directory: ``COURSE_DATA_DIR`` if set,
else ``<repo>/data``. Downloads are verified before use and moved into place atomically, so an
interrupted download leaves nothing behind. Everything else is bundled or generated from a seed.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import math
import os
import shutil
import struct
import tempfile
import urllib.request
from pathlib import Path
from typing import Iterator, NamedTuple

import numpy as np
import torch

REPO_ROOT = Path(__file__).resolve().parent.parent


class DataError(RuntimeError):
    """A dataset is missing, corrupt or could not be downloaded; the message says what to do."""


def data_dir() -> Path:
    """The folder datasets live in: ``$COURSE_DATA_DIR`` if set, else ``<repo>/data``."""
    env = os.environ.get("COURSE_DATA_DIR", "").strip()
    return Path(env).expanduser().resolve() if env else REPO_ROOT / "data"


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# ----------------------------------------------------------------------------- MNIST

MNIST_MEAN, MNIST_STD = 0.1307, 0.3081
# SHA-256 of the four uncompressed files, as published with the dataset.
MNIST_SHA256 = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}
MNIST_SOURCES = "http://yann.lecun.com/exdb/mnist/ or the mirrors torchvision uses (torchvision.datasets.MNIST.mirrors)"


class MNIST(NamedTuple):
    """MNIST as four tensors: images ``(N, 1, 28, 28)`` and labels ``(N,)``."""

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor


def _mnist_missing_message(raw: Path, reason: str) -> str:
    files = ", ".join(f"{name}.gz" for name in MNIST_SHA256)
    return (
        f"MNIST is not available: {reason}\n"
        f"Put the four files ({files}) in {raw}/ (the .gz files are enough; they are checked "
        f"and unpacked for you), or set COURSE_DATA_DIR to a folder that has MNIST/raw/ inside.\n"
        f"Download them from {MNIST_SOURCES}."
    )


def _verify_mnist(raw: Path) -> None:
    for name, expected in MNIST_SHA256.items():
        _read_idx(raw / name, expected)  # raises DataError on a corrupt file


def _download_mnist(raw: Path) -> None:
    """Fetch (or unpack local .gz files) through torchvision into a temporary folder beside
    ``raw``; verify; only then move the files into place."""
    from torchvision.datasets import MNIST as TorchvisionMNIST

    raw.mkdir(parents=True, exist_ok=True)
    tmp_root = Path(tempfile.mkdtemp(prefix=".mnist-download-", dir=raw.parent))
    try:
        tmp_raw = tmp_root / "MNIST" / "raw"
        tmp_raw.mkdir(parents=True)
        for gz in raw.glob("*-ubyte.gz"):  # torchvision checks their MD5 and skips the download
            shutil.copy2(gz, tmp_raw / gz.name)
        try:
            TorchvisionMNIST(str(tmp_root), train=True, download=True)
        except Exception as error:  # network down, truncated transfer, bad checksum...
            raise DataError(_mnist_missing_message(raw, f"the download failed ({error}).")) from error
        _verify_mnist(tmp_raw)
        for name in MNIST_SHA256:
            os.replace(tmp_raw / name, raw / name)
        for gz in tmp_raw.glob("*.gz"):
            if not (raw / gz.name).exists():
                os.replace(gz, raw / gz.name)
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)


def _read_idx(path: Path, expected_sha256: str) -> torch.Tensor:
    """One MNIST file, checked against its published SHA-256 and parsed. The IDX format: two zero
    bytes, a type byte (0x08: unsigned bytes), the number of dimensions, each size as a big-endian
    32-bit integer, then the values in row-major order."""
    content = path.read_bytes()
    if hashlib.sha256(content).hexdigest() != expected_sha256:
        raise DataError(
            f"MNIST file {path} is corrupt (its SHA-256 does not match the published one). "
            f"Delete it and run again to download it afresh, or replace it with the official file."
        )
    n_dims = content[3]
    shape = struct.unpack(f">{n_dims}I", content[4 : 4 + 4 * n_dims])
    values = np.frombuffer(content, dtype=np.uint8, offset=4 + 4 * n_dims)
    return torch.from_numpy(values.reshape(shape).copy())


def mnist(raw: bool = False, download: bool = True) -> MNIST:
    """Load MNIST from ``<data_dir>/MNIST/raw``, downloading it through torchvision if absent.

    Images are ``float32`` normalised with the training-set mean and standard deviation, or
    the original ``uint8`` grey levels with ``raw=True``. Files are SHA-256-verified; a corrupt
    file raises ``DataError`` and is not used.
    """
    raw_dir = data_dir() / "MNIST" / "raw"
    if not all((raw_dir / name).is_file() for name in MNIST_SHA256):
        if not download:
            raise DataError(_mnist_missing_message(raw_dir, "the files are not there and download=False."))
        _download_mnist(raw_dir)

    splits = []
    for prefix in ("train", "t10k"):
        images = _read_idx(raw_dir / f"{prefix}-images-idx3-ubyte", MNIST_SHA256[f"{prefix}-images-idx3-ubyte"])
        labels = _read_idx(raw_dir / f"{prefix}-labels-idx1-ubyte", MNIST_SHA256[f"{prefix}-labels-idx1-ubyte"])
        images = images.unsqueeze(1)  # (N, 1, 28, 28) uint8
        if not raw:
            images = (images.float() / 255.0 - MNIST_MEAN) / MNIST_STD
        splits += [images, labels.long()]
    return MNIST(*splits)


# ----------------------------------------------------------------------------- Tiny Shakespeare

TINY_SHAKESPEARE_URL = "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt"
TINY_SHAKESPEARE_SHA256 = "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed"


def download_verified(url: str, target: Path, sha256: str, timeout: float = 30.0) -> None:
    """Download ``url`` to ``target``: written to a temporary file in the same folder,
    checked against ``sha256``, then renamed into place. On any failure nothing is left."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as response:
            shutil.copyfileobj(response, out)
        actual = sha256_of(tmp)
        if actual != sha256:
            raise DataError(f"the file downloaded from {url} has SHA-256 {actual}, expected {sha256}.")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def tiny_shakespeare(download: bool = True, url: str = TINY_SHAKESPEARE_URL) -> str:
    """The Tiny Shakespeare corpus (1,115,394 characters) as one string, from
    ``<data_dir>/tinyshakespeare/input.txt``, downloaded and SHA-256-verified if absent."""
    path = data_dir() / "tinyshakespeare" / "input.txt"
    help_text = (
        f"Put the file at {path} (or set COURSE_DATA_DIR to a folder that has tinyshakespeare/input.txt). "
        f"Download it from {TINY_SHAKESPEARE_URL}."
    )
    if not path.is_file():
        if not download:
            raise DataError(f"Tiny Shakespeare is not available: {path} does not exist and download=False.\n{help_text}")
        try:
            download_verified(url, path, TINY_SHAKESPEARE_SHA256)
        except Exception as error:
            raise DataError(f"Tiny Shakespeare is not available: the download failed ({error}).\n{help_text}") from error
    if sha256_of(path) != TINY_SHAKESPEARE_SHA256:
        raise DataError(
            f"{path} is corrupt (its SHA-256 does not match the published one). "
            f"Delete it and run again to download it afresh.\n{help_text}"
        )
    return path.read_text(encoding="utf-8")


class CharTokenizer:
    """Characters to integer ids and back, with the vocabulary taken from a text."""

    def __init__(self, text: str):
        self.chars = sorted(set(text))
        self.index = {c: i for i, c in enumerate(self.chars)}

    def __len__(self) -> int:
        return len(self.chars)

    def encode(self, text: str) -> torch.Tensor:
        return torch.tensor([self.index[c] for c in text], dtype=torch.long)

    def decode(self, ids: torch.Tensor | list[int]) -> str:
        return "".join(self.chars[int(i)] for i in ids)


# ----------------------------------------------------------------------------- bundled real data


def digits() -> tuple[torch.Tensor, torch.Tensor]:
    """scikit-learn's 1,797 handwritten 8x8 digits: ``X`` of shape ``(N, 64)`` in [0, 1], labels ``(N,)``."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    return torch.tensor(bunch.data / 16.0, dtype=torch.float32), torch.tensor(bunch.target, dtype=torch.long)


def sample_images() -> dict[str, torch.Tensor]:
    """scikit-learn's two sample photographs as float tensors ``(H, W, 3)`` in [0, 1]."""
    from sklearn.datasets import load_sample_images

    bunch = load_sample_images()
    names = [Path(f).stem for f in bunch.filenames]
    return {name: torch.tensor(img, dtype=torch.float32) / 255.0 for name, img in zip(names, bunch.images)}


# ----------------------------------------------------------------------------- synthetic 2-D sets


def _as_tensors(x: np.ndarray, y: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.long)


def linearly_separable(n: int = 200, seed: int = 0, margin: float = 0.3) -> tuple[torch.Tensor, torch.Tensor]:
    """Two classes on either side of a random line through the origin, ``margin`` apart."""
    rng = np.random.default_rng(seed)
    angle = rng.uniform(0, np.pi)
    normal = np.array([np.cos(angle), np.sin(angle)])
    x = rng.uniform(-2, 2, size=(4 * n, 2))
    score = x @ normal
    x = x[np.abs(score) > margin / 2][:n]
    return _as_tensors(x, (x @ normal > 0).astype(int))


def xor(n: int = 200, seed: int = 0, noise: float = 0.15) -> tuple[torch.Tensor, torch.Tensor]:
    """Four clusters at the corners (±1, ±1); the label is 1 where the signs differ."""
    rng = np.random.default_rng(seed)
    corners = rng.choice([-1.0, 1.0], size=(n, 2))
    x = corners + noise * rng.standard_normal((n, 2))
    return _as_tensors(x, (corners[:, 0] != corners[:, 1]).astype(int))


def moons(n: int = 200, seed: int = 0, noise: float = 0.1) -> tuple[torch.Tensor, torch.Tensor]:
    """Two interleaving half circles (scikit-learn's ``make_moons``)."""
    from sklearn.datasets import make_moons

    return _as_tensors(*make_moons(n_samples=n, noise=noise, random_state=seed))


def circles(n: int = 200, seed: int = 0, noise: float = 0.05, factor: float = 0.5) -> tuple[torch.Tensor, torch.Tensor]:
    """A small circle (label 1) inside a large one (label 0) (scikit-learn's ``make_circles``)."""
    from sklearn.datasets import make_circles

    return _as_tensors(*make_circles(n_samples=n, noise=noise, factor=factor, random_state=seed))


def spirals(n: int = 300, seed: int = 0, noise: float = 0.2, classes: int = 2, turns: float = 1.5) -> tuple[torch.Tensor, torch.Tensor]:
    """``classes`` interleaved spiral arms, ``n`` points in all."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % classes
    r = rng.uniform(0.1, 1.0, size=n)
    theta = 2 * np.pi * turns * r + 2 * np.pi * y / classes
    x = 3 * np.stack([r * np.cos(theta), r * np.sin(theta)], axis=1)
    return _as_tensors(x + noise * r[:, None] * rng.standard_normal((n, 2)), y)


# ----------------------------------------------------------------------------- synthetic sequence tasks


def adding_problem(n: int, length: int, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Hochreiter & Schmidhuber's adding problem. Each input is ``(length, 2)``: a random value
    in [0, 1] and a marker that is 1 at two positions (one in each half). Target: the sum of
    the two marked values. Predicting 1 always gives a mean squared error of about 1/6."""
    g = torch.Generator().manual_seed(seed)
    values = torch.rand(n, length, generator=g)
    half = length // 2
    first = torch.randint(0, half, (n,), generator=g)
    second = torch.randint(half, length, (n,), generator=g)
    markers = torch.zeros(n, length)
    rows = torch.arange(n)
    markers[rows, first] = 1.0
    markers[rows, second] = 1.0
    return torch.stack([values, markers], dim=-1), values[rows, first] + values[rows, second]


def copy_task(n: int, length: int, vocab: int = 8, seed: int = 0, reverse: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
    """Random token sequences ``(n, length)`` with ids in ``1..vocab`` (0 is left for padding)
    and their copies, or their reversals with ``reverse=True``."""
    g = torch.Generator().manual_seed(seed)
    source = torch.randint(1, vocab + 1, (n, length), generator=g)
    return source, source.flip(1) if reverse else source.clone()


_MONTHS = list(calendar.month_name)[1:]
_DAYS = list(calendar.day_name)
_DATE_FORMATS = [
    lambda d: f"{d.day} {_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{_MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{d.day:02d} {_MONTHS[d.month - 1][:3]} {d.year}",
    lambda d: f"{_MONTHS[d.month - 1][:3]} {d.day} {d.year}",
    lambda d: f"{_DAYS[d.weekday()]}, {d.day} {_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{_DAYS[d.weekday()][:3]} {d.day} {_MONTHS[d.month - 1][:3]} {d.year}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
    lambda d: f"{d.day} {_MONTHS[d.month - 1].lower()} {d.year}",
    lambda d: f"{_MONTHS[d.month - 1].upper()} {d.day}, {d.year}",
]


def dates(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` pairs (date in a human format, the same date in ISO 8601), between 1950 and 2049."""
    rng = np.random.default_rng(seed)
    start, span = dt.date(1950, 1, 1).toordinal(), (dt.date(2049, 12, 31) - dt.date(1950, 1, 1)).days + 1
    pairs = []
    for _ in range(n):
        day = dt.date.fromordinal(start + int(rng.integers(span)))
        fmt = _DATE_FORMATS[int(rng.integers(len(_DATE_FORMATS)))]
        pairs.append((fmt(day), day.isoformat()))
    return pairs


def addition(n: int, digits: int = 3, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` pairs ("a+b", "a+b's value") with ``a`` and ``b`` of up to ``digits`` digits."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 10**digits, size=n)
    b = rng.integers(0, 10**digits, size=n)
    return [(f"{x}+{y}", str(x + y)) for x, y in zip(a.tolist(), b.tolist())]


# ----------------------------------------------------------------------------- batching


def train_val_split(
    x: torch.Tensor, y: torch.Tensor, val_size: int, seed: int = 0
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Shuffle with ``seed`` and hold out ``val_size`` examples: ``x_train, y_train, x_val, y_val``."""
    if not 0 < val_size < len(x):
        raise ValueError(f"val_size must be between 1 and {len(x) - 1}, got {val_size}.")
    order = torch.randperm(len(x), generator=torch.Generator().manual_seed(seed))
    val, train = order[:val_size], order[val_size:]
    return x[train], y[train], x[val], y[val]


class TensorBatches:
    """Minibatches over tensors already in memory: a drop-in for a ``DataLoader`` that is many
    times faster, because nothing is decoded or converted per example.

    The tensors are moved to ``device`` once; each epoch draws a fresh permutation from
    ``generator`` (when ``shuffle``) and slices it into batches of ``batch_size``.
    """

    def __init__(
        self,
        *tensors: torch.Tensor,
        batch_size: int,
        shuffle: bool = True,
        generator: torch.Generator | None = None,
        device: torch.device | str | None = None,
        drop_last: bool = False,
    ):
        if not tensors:
            raise ValueError("TensorBatches needs at least one tensor.")
        if len({len(t) for t in tensors}) != 1:
            raise ValueError(f"All tensors need the same first dimension, got {[len(t) for t in tensors]}.")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}.")
        self.tensors = tuple(t.to(device) for t in tensors) if device is not None else tensors
        self.batch_size, self.shuffle, self.drop_last = batch_size, shuffle, drop_last
        self.generator = generator if generator is not None else torch.Generator().manual_seed(0)

    def __len__(self) -> int:
        n = len(self.tensors[0])
        return n // self.batch_size if self.drop_last else math.ceil(n / self.batch_size)

    def __iter__(self) -> Iterator[tuple[torch.Tensor, ...]]:
        n = len(self.tensors[0])
        device = self.tensors[0].device
        order = torch.randperm(n, generator=self.generator).to(device) if self.shuffle else None
        for batch in range(len(self)):
            start = batch * self.batch_size
            if order is None:
                yield tuple(t[start : start + self.batch_size] for t in self.tensors)
            else:
                index = order[start : start + self.batch_size]
                yield tuple(t[index] for t in self.tensors)
