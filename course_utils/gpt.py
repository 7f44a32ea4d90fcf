"""The character-level GPT of notebook 12, shared with ``benchmarks/gpt_shakespeare.py``.

Notebook 12 builds attention, the multi-head layer and the pre-norm block from scratch, writes this
GPT itself, and checks that the model here is the same function with the same initialisation; it
then trains this one, which uses PyTorch's fused ``F.scaled_dot_product_attention``. The benchmark
imports the same model, optimiser, schedule and training loop, so the two cannot drift apart.

The recipe is GPT-2's: learned position embeddings, pre-norm blocks with a 4x MLP, weights drawn
with standard deviation 0.02 (the two projections that write into the residual stream scaled by
1/sqrt(2 n_layers)), the read-out tied to the token embedding, AdamW with weight decay on matrices
only, linear warm-up then cosine decay, gradients clipped to norm 1.
"""
from __future__ import annotations

import math
import time
from typing import Callable

import torch
import torch.nn.functional as F
from torch import nn

from .timing import synchronize

PEAK_LR = 2e-2  # for the notebook's size; notebook_config lowers it for larger models


class CausalSelfAttention(nn.Module):
    """Multi-head self-attention with the causal mask, through the fused kernel."""

    def __init__(self, d_model: int, n_heads: int, dropout: float = 0.0):
        super().__init__()
        assert d_model % n_heads == 0, "d_model must be a multiple of n_heads"
        self.n_heads, self.dropout = n_heads, dropout
        self.qkv = nn.Linear(d_model, 3 * d_model)  # W_Q, W_K, W_V stacked, with their biases
        self.out = nn.Linear(d_model, d_model)  # W_O

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, n, d_model = x.shape
        q, k, v = self.qkv(x).split(d_model, dim=-1)
        q, k, v = (t.view(batch, n, self.n_heads, -1).transpose(1, 2) for t in (q, k, v))
        heads = F.scaled_dot_product_attention(q, k, v, is_causal=True, dropout_p=self.dropout if self.training else 0.0)
        return self.out(heads.transpose(1, 2).reshape(batch, n, d_model))


class Block(nn.Module):
    """x + attention(LN(x)), then x + MLP(LN(x)); the parameter names are the notebook's."""

    def __init__(self, d_model: int, n_heads: int, dropout: float = 0.0):
        super().__init__()
        self.norm1 = nn.LayerNorm(d_model)
        self.attn = CausalSelfAttention(d_model, n_heads, dropout)
        self.norm2 = nn.LayerNorm(d_model)
        self.mlp = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(), nn.Linear(4 * d_model, d_model))
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.drop(self.attn(self.norm1(x)))
        return x + self.drop(self.mlp(self.norm2(x)))


class GPT(nn.Module):
    def __init__(self, vocab_size: int, context: int, d_model: int, n_heads: int, n_layers: int, dropout: float = 0.0):
        super().__init__()
        self.context = context
        self.token_embedding = nn.Embedding(vocab_size, d_model)
        self.position_embedding = nn.Embedding(context, d_model)
        self.drop = nn.Dropout(dropout)
        self.blocks = nn.ModuleList([Block(d_model, n_heads, dropout) for _ in range(n_layers)])
        self.norm = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size, bias=False)
        self.head.weight = self.token_embedding.weight  # tied: one table reads characters in and out
        gpt2_init(self, n_layers)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        n = ids.shape[1]
        x = self.drop(self.token_embedding(ids) + self.position_embedding(torch.arange(n, device=ids.device)))
        for block in self.blocks:
            x = block(x)
        return self.head(self.norm(x))  # (batch, n, vocab): scores of the next character at every position


def gpt2_init(model: nn.Module, n_layers: int) -> None:
    """GPT-2's initialisation, parameter by parameter in a fixed order: every matrix (embeddings and
    Linear weights) from N(0, 0.02^2), the residual projections (``attn.out``, ``mlp.2``) from
    N(0, (0.02 / sqrt(2 n_layers))^2), biases 0, layer-norm gains 1."""
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.endswith(("attn.out.weight", "mlp.2.weight")):
                parameter.normal_(0.0, 0.02 / math.sqrt(2 * n_layers))
            elif parameter.dim() >= 2:
                parameter.normal_(0.0, 0.02)
            elif name.endswith("bias"):
                parameter.zero_()
            else:
                parameter.fill_(1.0)


def adamw(model: nn.Module, lr: float, weight_decay: float = 0.1, betas: tuple[float, float] = (0.9, 0.99)):
    """AdamW that decays the matrices only: biases and layer-norm gains are left alone."""
    matrices = [p for p in model.parameters() if p.dim() >= 2]
    others = [p for p in model.parameters() if p.dim() < 2]
    groups = [{"params": matrices, "weight_decay": weight_decay}, {"params": others, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=lr, betas=betas)


def learning_rate(step: int, steps: int, peak: float) -> float:
    """Linear warm-up over the first 5 % of the steps, then a half cosine down to a tenth of ``peak``."""
    warmup = max(1, steps // 20)
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, steps - warmup)
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))


def random_chunks(source: torch.Tensor, n_chunks: int, context: int, generator: torch.Generator,
                  device: torch.device | str = "cpu") -> tuple[torch.Tensor, torch.Tensor]:
    """``n_chunks`` random windows of ``context + 1`` characters: inputs and the targets shifted by one."""
    starts = torch.randint(len(source) - context - 1, (n_chunks,), generator=generator)
    windows = source[starts[:, None] + torch.arange(context + 1)]
    return windows[:, :-1].to(device), windows[:, 1:].to(device)


def language_model_loss(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    logits = model(x)
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))


@torch.no_grad()
def text_loss(model: nn.Module, ids: torch.Tensor, context: int, batch_size: int = 256) -> float:
    """Mean loss in nats per character over a whole text: every character from the second on,
    each predicted from at least ``context // 2`` characters before it (those of the first
    window from all they have). Windows of ``context + 1`` characters overlap by half; only the
    second half of each is scored, so no character is scored twice."""
    was_training = model.training
    model.eval()
    device = next(model.parameters()).device
    half = context // 2
    starts = torch.arange(0, len(ids) - context, half)
    total, count = 0.0, 0
    for first in range(0, len(starts), batch_size):
        windows = ids[starts[first : first + batch_size, None] + torch.arange(context + 1)].to(device)
        logits = model(windows[:, :-1])
        losses = F.cross_entropy(logits.transpose(1, 2), windows[:, 1:], reduction="none")
        scored = losses[:, half:]
        if first == 0:
            total, count = losses[0, :half].sum().item(), half
        total += scored.sum().item()
        count += scored.numel()
    model.train(was_training)
    return total / count


def notebook_config(scale: float = 1.0) -> dict:
    """The notebook's GPT and its training at ``COURSE_SCALE = scale``: wider, deeper and longer
    as the scale grows, with a peak learning rate that shrinks as the model grows."""
    grow = max(1, round(scale**0.5))
    return {"context": 64, "batch_size": 16, "d_model": 64 * grow, "n_heads": 4, "n_layers": 2 * grow,
            "steps": int(1600 * scale), "peak_lr": PEAK_LR / max(1.0, scale) ** 0.5, "weight_decay": 0.1}


def train(model: nn.Module, train_ids: torch.Tensor, steps: int, peak_lr: float, *, batch_size: int, context: int,
          weight_decay: float = 0.1, device: torch.device | str = "cpu", evaluate: Callable[[nn.Module], float] | None = None,
          eval_at: tuple[int, ...] = (), time_limit: float | None = None, seed: int = 0, echo: bool = True) -> dict:
    """Train ``model`` for ``steps`` steps on random chunks of ``train_ids`` (the same chunks for
    every model with the same ``seed``) and return a log: the steps at which ``evaluate(model)``
    was called (``eval_at``, and the last step), its values, the training seconds so far (the
    evaluations excluded) and the training loss of every step."""
    optimizer = adamw(model, peak_lr, weight_decay)
    batches = torch.Generator().manual_seed(seed)
    log = {"step": [], "val_loss": [], "seconds": [], "train_loss": []}
    seconds, device = 0.0, torch.device(device)
    model.train()
    for step in range(steps):
        start = time.perf_counter()
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(step, steps, peak_lr)
        x, y = random_chunks(train_ids, batch_size, context, batches, device)
        loss = language_model_loss(model, x, y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        log["train_loss"].append(loss.detach())
        synchronize(device)  # on a GPU, wait for the step to finish before reading the clock
        seconds += time.perf_counter() - start
        last = step + 1 == steps or (time_limit is not None and seconds > time_limit)
        if evaluate is not None and (step + 1 in eval_at or last):
            log["step"].append(step + 1)
            log["val_loss"].append(evaluate(model))
            log["seconds"].append(seconds)
            if echo:
                print(f"step {step + 1:5d}  train loss {loss.item():.3f}  validation loss {log['val_loss'][-1]:.3f}"
                      f"  ({seconds:.1f} s)", flush=True)
        if last:
            break
    log["train_loss"] = torch.stack(log["train_loss"]).tolist()
    return log
