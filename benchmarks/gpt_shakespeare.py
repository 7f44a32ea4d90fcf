"""Train the character-level GPT of notebooks/12_transformers.ipynb for longer, and compare its
validation loss with nanoGPT's published CPU result on the same corpus.

The model, the data split, the batches and the learning-rate schedule mirror the notebook's
(section 6): 2 pre-norm blocks of width 64 with 4 heads, a context of 64 characters, learned
positional embeddings, batches of 32 random chunks, Adam with warm-up and cosine decay. Nothing is
imported from the notebook; keep the two in step when either changes. By default it trains ten
times the notebook's 800 steps.

    COURSE_DATA_DIR=../shared/data python benchmarks/gpt_shakespeare.py [--steps 8000] [--time-limit SECONDS]

Reference: nanoGPT's README reports a validation loss of about 1.88 for its CPU example (4 layers,
4 heads, width 128, context 64, batch 12, 2,000 iterations, about 3 minutes).
"""
from __future__ import annotations

import argparse
import math
import time

import torch
import torch.nn.functional as F
from torch import nn

from course_utils import describe_device, get_device, seed_everything
from course_utils.data import CharTokenizer, tiny_shakespeare
from course_utils.train import count_parameters

NOTEBOOK_STEPS = 800
NANOGPT_CPU_VAL_LOSS = 1.88
NANOGPT_CPU_CONFIG = "4 layers, 4 heads, width 128, context 64, batch 12, 2,000 iterations"


# ----------------------------------------------------------------------------- the notebook's model


def attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.n_heads = n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out = nn.Linear(d_model, d_model)

    def forward(self, x, mask=None):
        batch, n, d_model = x.shape
        q, k, v = self.qkv(x).split(d_model, dim=-1)
        q, k, v = (t.view(batch, n, self.n_heads, -1).transpose(1, 2) for t in (q, k, v))
        heads, _ = attention(q, k, v, mask)
        return self.out(heads.transpose(1, 2).reshape(batch, n, d_model))


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff):
        super().__init__()
        self.norm1 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads)
        self.norm2 = nn.LayerNorm(d_model)
        self.mlp = nn.Sequential(nn.Linear(d_model, d_ff), nn.GELU(), nn.Linear(d_ff, d_model))

    def forward(self, x, mask=None):
        x = x + self.attn(self.norm1(x), mask)
        return x + self.mlp(self.norm2(x))


class GPT(nn.Module):
    def __init__(self, vocab_size, context, d_model, n_heads, n_layers):
        super().__init__()
        self.context = context
        self.token_embedding = nn.Embedding(vocab_size, d_model)
        self.position_embedding = nn.Embedding(context, d_model)
        self.blocks = nn.ModuleList([Block(d_model, n_heads, 4 * d_model) for _ in range(n_layers)])
        self.norm = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size)
        self.register_buffer("causal", torch.tril(torch.ones(context, context, dtype=torch.bool)))

    def forward(self, ids):
        n = ids.shape[1]
        x = self.token_embedding(ids) + self.position_embedding(torch.arange(n, device=ids.device))
        for block in self.blocks:
            x = block(x, self.causal[:n, :n])
        return self.head(self.norm(x))


def learning_rate(step, steps, peak):
    warmup = max(1, steps // 20)
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, steps - warmup)
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))


# ----------------------------------------------------------------------------- training


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=10 * NOTEBOOK_STEPS, help="optimizer steps (default: 10x the notebook's)")
    parser.add_argument("--time-limit", type=float, default=None,
                        help="stop after this many seconds of training (the schedule still assumes --steps)")
    parser.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    parser.add_argument("--width", type=int, default=64)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--lr", type=float, default=1e-2)
    parser.add_argument("--eval-every", type=int, default=500)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    seed_everything(0)
    device = get_device()
    text = tiny_shakespeare()
    tokenizer = CharTokenizer(text)
    ids = tokenizer.encode(text)
    split = int(0.9 * len(ids))
    train_ids, val_ids = ids[:split], ids[split:]
    context, batch_size = 64, 32

    def random_chunks(source, n_chunks, generator):
        starts = torch.randint(len(source) - context - 1, (n_chunks,), generator=generator)
        x = torch.stack([source[s : s + context] for s in starts])
        y = torch.stack([source[s + 1 : s + context + 1] for s in starts])
        return x.to(device), y.to(device)

    def loss_on(model, x, y):
        logits = model(x)
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))

    # The notebook's 256 fixed validation chunks, and a larger, less noisy set for the final figure.
    x_val, y_val = random_chunks(val_ids, 256, torch.Generator().manual_seed(1))
    x_val_large, y_val_large = random_chunks(val_ids, 2048, torch.Generator().manual_seed(2))

    @torch.no_grad()
    def validation_loss(model, x, y):
        model.eval()
        losses = [loss_on(model, x[i : i + 256], y[i : i + 256]).item() for i in range(0, len(x), 256)]
        model.train()
        return sum(losses) / len(losses)

    torch.manual_seed(0)
    model = GPT(len(tokenizer), context, args.width, 4, args.layers).to(device)
    print(f"{describe_device(device)}, {torch.get_num_threads()} threads")
    print(f"GPT: {args.layers} blocks, width {args.width}, 4 heads, context {context}: {count_parameters(model):,} parameters")
    print(f"training {args.steps} steps of {batch_size} x {context} characters (the notebook trains {NOTEBOOK_STEPS})"
          + (f", at most {args.time_limit:.0f} s" if args.time_limit else ""), flush=True)

    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.99))
    batches = torch.Generator().manual_seed(0)
    start, done = time.perf_counter(), 0
    for step in range(args.steps):
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(step, args.steps, args.lr)
        x, y = random_chunks(train_ids, batch_size, batches)
        loss = loss_on(model, x, y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        done = step + 1
        elapsed = time.perf_counter() - start
        if done % args.eval_every == 0 or done == NOTEBOOK_STEPS:
            print(f"step {done:6d}  train loss {loss.item():.3f}  validation loss {validation_loss(model, x_val, y_val):.3f}"
                  f"  {elapsed:7.1f} s", flush=True)
        if args.time_limit is not None and elapsed > args.time_limit:
            print(f"time limit reached after {done} steps")
            break
    seconds = time.perf_counter() - start

    final = validation_loss(model, x_val, y_val)
    final_large = validation_loss(model, x_val_large, y_val_large)
    print()
    print(f"{'':52s} {'val loss':>9s}")
    print(f"{'this GPT, ' + str(done) + ' steps, notebook validation chunks':52s} {final:>9.3f}")
    print(f"{'this GPT, ' + str(done) + ' steps, 2,048 validation chunks':52s} {final_large:>9.3f}")
    print(f"{'nanoGPT CPU example (published)':52s} {NANOGPT_CPU_VAL_LOSS:>9.2f}")
    print(f"nanoGPT's CPU example: {NANOGPT_CPU_CONFIG}.")
    print(f"training time {seconds:.0f} s ({1000 * seconds / done:.1f} ms per step); "
          f"{count_parameters(model):,} parameters, {done * batch_size * context:,} training characters seen")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
