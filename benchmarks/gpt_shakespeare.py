"""Train notebook 12's character-level GPT at a larger scale and set its validation loss beside
the counting baselines and nanoGPT's published results on the same corpus and split.

The model, its initialisation, the optimiser, the schedule, the batches and the evaluation are
imported from ``course_utils/gpt.py``, the code notebook 12 trains with: ``--scale S`` trains
exactly what the notebook trains with ``COURSE_SCALE=S`` (wider, deeper and longer as S grows).
The loss is measured as in the notebook, on the whole validation text (``course_gpt.text_loss``),
and on random 64-character chunks, the way nanoGPT estimates its loss.

    COURSE_DATA_DIR=../shared/data python benchmarks/gpt_shakespeare.py [--scale 4] [--steps N]
    python benchmarks/gpt_shakespeare.py --steps 20      # a smoke test of a few seconds

Targets: the best counting table on this split (the 7-gram, about 1.60 nats/char) and 1.65.
nanoGPT's README: 1.88 for its CPU example (4 layers, 4 heads, width 128, context 64, batch 12,
2,000 iterations: 1.5 M training characters); 1.47 for its GPU configuration (6 layers, 6 heads,
width 384, context 256, dropout 0.2, batch 64, 5,000 iterations: 82 M training characters).
"""
from __future__ import annotations

import argparse
import time

import torch

from course_utils import describe_device, get_device, seed_everything
from course_utils import gpt as course_gpt
from course_utils.data import CharTokenizer, tiny_shakespeare
from course_utils.ngram import ngram_losses
from course_utils.train import count_parameters

NANOGPT = [  # (configuration, training characters, published validation loss)
    ("nanoGPT CPU example: 4 x 128, context 64", 2_000 * 12 * 64, 1.88),
    ("nanoGPT GPU config: 6 x 384, context 256, dropout 0.2", 5_000 * 64 * 256, 1.47),
]
TARGET = 1.65


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=4.0, help="the notebook's COURSE_SCALE (default 4)")
    parser.add_argument("--steps", type=int, default=None, help="override the number of steps of --scale")
    parser.add_argument("--batch", type=int, default=None, help="override the batch size (chunks per step)")
    parser.add_argument("--width", type=int, default=None, help="override d_model")
    parser.add_argument("--layers", type=int, default=None, help="override the number of blocks")
    parser.add_argument("--lr", type=float, default=None, help="override the peak learning rate")
    parser.add_argument("--dropout", type=float, default=0.0)
    parser.add_argument("--time-limit", type=float, default=None,
                        help="stop after this many seconds of training (the schedule still assumes all steps)")
    parser.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    parser.add_argument("--evaluations", type=int, default=10, help="how many times to report the chunk loss")
    parser.add_argument("--max-order", type=int, default=7, help="highest n-gram order of the baselines")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    seed_everything(0)
    device = get_device()
    config = course_gpt.notebook_config(args.scale)
    for key, value in (("steps", args.steps), ("batch_size", args.batch), ("d_model", args.width), ("n_layers", args.layers),
                       ("peak_lr", args.lr)):
        if value is not None:
            config[key] = value
    context, batch_size, steps = config["context"], config["batch_size"], config["steps"]

    text = tiny_shakespeare()
    tokenizer = CharTokenizer(text)
    ids = tokenizer.encode(text)
    split = int(0.9 * len(ids))
    train_ids, val_ids = ids[:split], ids[split:]

    start = time.perf_counter()
    ngram = {order: loss for order, (loss, _) in ngram_losses(train_ids, val_ids, len(tokenizer),
                                                               orders=range(1, args.max_order + 1)).items()}
    best_order = min(ngram, key=ngram.get)
    print(f"n-gram baselines counted in {time.perf_counter() - start:.1f} s", flush=True)

    torch.manual_seed(0)
    model = course_gpt.GPT(len(tokenizer), context, config["d_model"], config["n_heads"], config["n_layers"],
                           dropout=args.dropout).to(device)
    x_val, y_val = course_gpt.random_chunks(val_ids, 128, context, torch.Generator().manual_seed(1), device)
    x_nano, y_nano = course_gpt.random_chunks(val_ids, 2048, context, torch.Generator().manual_seed(2), device)

    def chunk_loss(model, x, y):
        with torch.no_grad():
            model.eval()
            losses = [course_gpt.language_model_loss(model, x[i : i + 256], y[i : i + 256]).item() for i in range(0, len(x), 256)]
            model.train()
        return sum(losses) / len(losses)

    print(f"{describe_device(device)}, {torch.get_num_threads()} threads")
    print(f"GPT (--scale {args.scale:g}): {config['n_layers']} blocks, width {config['d_model']}, {config['n_heads']} heads, "
          f"context {context}, dropout {args.dropout}: {count_parameters(model):,} parameters")
    print(f"training {steps:,} steps of {batch_size} x {context} characters, peak learning rate {config['peak_lr']:.4g}"
          + (f", at most {args.time_limit:.0f} s" if args.time_limit else ""), flush=True)

    every = max(1, steps // max(1, args.evaluations))
    log = course_gpt.train(model, train_ids, steps, config["peak_lr"], batch_size=batch_size, context=context,
                           weight_decay=config["weight_decay"], device=device, evaluate=lambda m: chunk_loss(m, x_val, y_val),
                           eval_at=tuple(range(every, steps, every)), time_limit=args.time_limit)
    done, seconds = log["step"][-1], log["seconds"][-1]
    characters = done * batch_size * context
    whole_text = course_gpt.text_loss(model, val_ids, context)
    chunks = chunk_loss(model, x_nano, y_nano)

    print()
    print(f"{'model':64s} {'training chars':>15s} {'val loss':>9s}")
    for order, loss in ngram.items():
        label = f"{order}-gram table ({order - 1} character{'' if order == 2 else 's'} of context)"
        print(f"{label:64s} {'':>15s} {loss:>9.3f}")
    for name, chars, loss in NANOGPT:
        print(f"{name + ' (published)':64s} {chars:>15,} {loss:>9.2f}")
    print(f"{f'this GPT, {done:,} steps, whole validation text':64s} {characters:>15,} {whole_text:>9.3f}")
    print(f"{f'this GPT, {done:,} steps, 2,048 random chunks (as nanoGPT)':64s} {characters:>15,} {chunks:>9.3f}")
    print()
    print(f"below the best counting table ({best_order}-gram, {ngram[best_order]:.3f}): {whole_text < ngram[best_order]}")
    print(f"at most {TARGET} nats/char: {whole_text <= TARGET}")
    print(f"training time {seconds:.0f} s ({1000 * seconds / done:.1f} ms per step), {count_parameters(model):,} parameters")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
