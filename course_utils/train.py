"""The parts of training that repeat once the loop has been taught: ``fit``, ``evaluate``,
``accuracy`` and ``count_parameters``."""
from __future__ import annotations

from typing import Callable, Iterable

import torch
from torch import nn
from tqdm.auto import tqdm

from .plot import LivePlot

Batches = Iterable[tuple[torch.Tensor, torch.Tensor]]


def count_parameters(model: nn.Module, trainable_only: bool = True) -> int:
    """The number of (trainable) parameters in ``model``."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def accuracy(scores: torch.Tensor, targets: torch.Tensor) -> float:
    """Fraction of rows whose highest score is the target class. One score per row is read as a
    logit for class 1 (positive means class 1)."""
    predictions = scores.argmax(dim=-1) if scores.ndim > 1 and scores.shape[-1] > 1 else (scores.reshape(-1) > 0).long()
    return (predictions == targets.reshape(predictions.shape)).float().mean().item()


def _model_device(model: nn.Module) -> torch.device:
    param = next(model.parameters(), None)
    return param.device if param is not None else torch.device("cpu")


@torch.no_grad()
def evaluate(
    model: nn.Module,
    batches: Batches,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
) -> tuple[float, float]:
    """Mean loss and accuracy of ``model`` over ``batches``, in evaluation mode."""
    was_training = model.training
    model.eval()
    device = _model_device(model)
    total_loss, total_correct, total = 0.0, 0.0, 0
    for x, y in batches:
        x, y = x.to(device), y.to(device)
        scores = model(x)
        n = len(y)
        total_loss += loss_fn(scores, y).item() * n
        total_correct += accuracy(scores, y) * n
        total += n
    model.train(was_training)
    if total == 0:
        raise ValueError("evaluate() got no batches.")
    return total_loss / total, total_correct / total


def fit(
    model: nn.Module,
    train_batches: Batches,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    optimizer: torch.optim.Optimizer,
    epochs: int,
    val_batches: Batches | None = None,
    scheduler: torch.optim.lr_scheduler.LRScheduler | None = None,
    device: torch.device | str | None = None,
    progress: bool = True,
    live_plot: bool = False,
    title: str = "Training",
) -> dict[str, list[float]]:
    """Train ``model`` for ``epochs`` and return its history: ``train_loss`` and ``train_acc``
    per epoch (averaged over the epoch's batches), and ``val_loss``, ``val_acc`` when
    ``val_batches`` is given. ``scheduler`` steps once per batch. ``live_plot`` redraws the
    curves in Jupyter and shows one final figure when run headless."""
    if device is not None:
        model.to(device)
    device = _model_device(model)
    history: dict[str, list[float]] = {"train_loss": [], "train_acc": []}
    if val_batches is not None:
        history.update(val_loss=[], val_acc=[])
    plot = LivePlot(title=title) if live_plot else None
    for epoch in tqdm(range(1, epochs + 1), desc="epochs", disable=not progress):
        model.train()
        total_loss, total_correct, total = 0.0, 0.0, 0
        for x, y in train_batches:
            x, y = x.to(device), y.to(device)
            scores = model(x)
            loss = loss_fn(scores, y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            if scheduler is not None:
                scheduler.step()
            n = len(y)
            total_loss += loss.item() * n
            total_correct += accuracy(scores.detach(), y) * n
            total += n
        history["train_loss"].append(total_loss / total)
        history["train_acc"].append(total_correct / total)
        if val_batches is not None:
            val_loss, val_acc = evaluate(model, val_batches, loss_fn)
            history["val_loss"].append(val_loss)
            history["val_acc"].append(val_acc)
        if plot is not None:
            plot.update(**{k: v[-1] for k, v in history.items()})
    if plot is not None:
        final = plot.close()
        if final is not None:
            from IPython.display import display

            display(final)
    return history
