"""How much faster is training from in-memory tensors (course_utils.data.TensorBatches) than the
usual torchvision pipeline (MNIST + ToTensor + Normalize + DataLoader over PIL images)?

Both paths train the same small MLP for one epoch over the 60,000 MNIST training images with the
same batch size and optimizer; we time whole epochs (data + forward + backward + step) and print
the ratio. Target: at least 8x on a 2-core CPU.

    COURSE_DATA_DIR=../shared/data python benchmarks/data_path.py
"""
from __future__ import annotations

import time

import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from course_utils import data
from course_utils.repro import seed_everything

BATCH_SIZE = 128
TARGET_RATIO = 8.0


def make_model() -> nn.Module:
    seed_everything(0)
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


def train_one_epoch(batches) -> tuple[float, float]:
    """Seconds for one epoch, and the final batch loss (to show both paths really train)."""
    model = make_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    start = time.perf_counter()
    for x, y in batches:
        loss = nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return time.perf_counter() - start, loss.item()


def main() -> None:
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, batch size {BATCH_SIZE}, one epoch of 60,000 images\n")
    start = time.perf_counter()
    mnist = data.mnist()
    load_seconds = time.perf_counter() - start
    fast = data.TensorBatches(mnist.x_train, mnist.y_train, batch_size=BATCH_SIZE, generator=torch.Generator().manual_seed(0))
    fast_seconds = min(train_one_epoch(fast)[0] for _ in range(3))
    _, fast_loss = train_one_epoch(fast)

    pipeline = transforms.Compose([transforms.ToTensor(), transforms.Normalize((data.MNIST_MEAN,), (data.MNIST_STD,))])
    dataset = datasets.MNIST(str(data.data_dir()), train=True, download=False, transform=pipeline)
    rows = [("TensorBatches (in memory)", fast_seconds, fast_loss)]
    for workers in (0, 2):
        loader = DataLoader(dataset, batch_size=BATCH_SIZE, shuffle=True, num_workers=workers,
                            generator=torch.Generator().manual_seed(0))
        seconds, loss = train_one_epoch(loader)
        rows.append((f"DataLoader, num_workers={workers}", seconds, loss))

    print(f"{'data path':32s} {'s/epoch':>8s} {'last loss':>10s} {'slower by':>10s}")
    for name, seconds, loss in rows:
        print(f"{name:32s} {seconds:8.2f} {loss:10.3f} {seconds / fast_seconds:9.1f}x")
    ratio = min(seconds for _, seconds, _ in rows[1:]) / fast_seconds
    print(f"\nloading MNIST into tensors once: {load_seconds:.2f} s")
    print(f"speed-up over the faster DataLoader: {ratio:.1f}x (target >= {TARGET_RATIO:g}x): {'PASS' if ratio >= TARGET_RATIO else 'FAIL'}")


if __name__ == "__main__":
    main()
