"""Data parallelism, checked: two processes, each with half of every batch, compute exactly what
one process computes with the whole batch.

Launch it with torchrun (here on the CPU, with the gloo backend):

    python -m torch.distributed.run --standalone --nproc_per_node 2 notebooks/scripts/ddp_equality.py

Rank 0 prints one line per check, `check | max-abs-diff | value`, and every rank exits with an
error if a check fails. On GPUs the same program would use the "nccl" backend and put each
process's model and batches on `cuda:<local rank>`.
"""
import os

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn
from torch.nn.parallel import DistributedDataParallel

GLOBAL_BATCH, FEATURES, CLASSES, STEPS = 32, 20, 4, 5


def make_model():
    torch.manual_seed(0)  # the same initial weights in every process
    return nn.Sequential(nn.Linear(FEATURES, 32), nn.Tanh(), nn.Linear(32, CLASSES))


def global_batches():
    # every process draws the same global batches; each then keeps its own slice
    generator = torch.Generator().manual_seed(1)
    for _ in range(STEPS):
        yield torch.randn(GLOBAL_BATCH, FEATURES, generator=generator), torch.randint(0, CLASSES, (GLOBAL_BATCH,), generator=generator)


def my_slice(tensor, rank, world):
    per_rank = len(tensor) // world
    return tensor[rank * per_rank : (rank + 1) * per_rank]


def max_abs_diff(tensors, references):
    return max((t - r).abs().max().item() for t, r in zip(tensors, references))


def main():
    torch.set_num_threads(1)  # one thread per process: the processes share the cores
    dist.init_process_group("gloo")
    rank, world = dist.get_rank(), dist.get_world_size()
    assert GLOBAL_BATCH % world == 0
    results = {}

    # 1. all-reduce by hand: the mean of the local gradients is the gradient of the whole batch
    x, y = next(global_batches())
    model = make_model()
    F.cross_entropy(model(my_slice(x, rank, world)), my_slice(y, rank, world)).backward()
    local = [p.grad.clone() for p in model.parameters()]
    averaged = [g.clone() for g in local]
    for g in averaged:
        dist.all_reduce(g, op=dist.ReduceOp.SUM)
        g /= world
    reference = make_model()
    F.cross_entropy(reference(x), y).backward()
    full = [p.grad for p in reference.parameters()]
    torch.testing.assert_close(averaged, full)
    results["all-reduced gradient vs full-batch gradient"] = max_abs_diff(averaged, full)
    results["one process's local gradient vs full-batch gradient"] = max_abs_diff(local, full)

    # 2. DistributedDataParallel against one process training on the whole batches, step by step
    ddp = DistributedDataParallel(make_model())
    single = make_model()
    ddp_optimizer = torch.optim.SGD(ddp.parameters(), lr=0.5, momentum=0.9)
    single_optimizer = torch.optim.SGD(single.parameters(), lr=0.5, momentum=0.9)
    worst = 0.0
    for x, y in global_batches():
        ddp_optimizer.zero_grad()
        F.cross_entropy(ddp(my_slice(x, rank, world)), my_slice(y, rank, world)).backward()  # gradients averaged here
        ddp_optimizer.step()
        single_optimizer.zero_grad()
        F.cross_entropy(single(x), y).backward()
        single_optimizer.step()
        trained, expected = list(ddp.module.parameters()), list(single.parameters())
        torch.testing.assert_close(trained, expected)
        worst = max(worst, max_abs_diff(trained, expected))
    results[f"DDP parameters vs one process, worst of {STEPS} steps"] = worst
    moved = max_abs_diff(list(single.parameters()), list(make_model().parameters()))
    results[f"parameters after {STEPS} steps vs initial parameters"] = moved

    # 3. the replicas never drift apart: every process holds the same parameters
    flat = torch.cat([p.detach().reshape(-1) for p in ddp.module.parameters()])
    gathered = [torch.empty_like(flat) for _ in range(world)]
    dist.all_gather(gathered, flat)
    results["rank 1's parameters vs rank 0's"] = max_abs_diff(gathered[1:], gathered[:1] * (world - 1))
    assert results["rank 1's parameters vs rank 0's"] == 0.0

    if rank == 0:
        print(f"{world} processes, backend {dist.get_backend()}, global batch {GLOBAL_BATCH} ({GLOBAL_BATCH // world} per process)")
        for name, value in results.items():
            print(f"{name} | max-abs-diff | {value:.3g}")
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
