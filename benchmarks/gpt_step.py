"""Where a training step of notebook 12's GPT spends its time: drawing the batch, the forward pass,
the backward pass, clipping the gradients and AdamW's update, on one thread and on two, with
OpenMP's idle threads spinning (a student's kernel) and sleeping (`OMP_WAIT_POLICY=PASSIVE`, the
course's `make notebooks`). Each setting runs in a fresh interpreter, the settings in turn, so that
a slow moment of the machine slows all of them; the table gives medians over the rounds.

    COURSE_DATA_DIR=../shared/data python benchmarks/gpt_step.py [--rounds 3] [--steps 150]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from course_utils import gpt as course_gpt

REPO = Path(__file__).resolve().parents[1]

STEP = """
import json, sys, time
import torch
from course_utils import gpt as course_gpt
from course_utils.data import CharTokenizer, tiny_shakespeare

threads, steps = int(sys.argv[1]), int(sys.argv[2])
torch.set_num_threads(threads)
text = tiny_shakespeare()
tokenizer = CharTokenizer(text)
ids = tokenizer.encode(text)
config = course_gpt.notebook_config(1.0)
torch.manual_seed(0)
model = course_gpt.GPT(len(tokenizer), config["context"], config["d_model"], config["n_heads"], config["n_layers"])
optimizer = course_gpt.adamw(model, config["peak_lr"], config["weight_decay"])
batches = torch.Generator().manual_seed(0)
parts = dict.fromkeys(("batch", "forward", "backward", "clip", "optimizer"), 0.0)
for step in range(20 + steps):  # the first 20 steps warm up and are not counted
    t0 = time.perf_counter()
    x, y = course_gpt.random_chunks(ids, config["batch_size"], config["context"], batches)
    t1 = time.perf_counter()
    loss = course_gpt.language_model_loss(model, x, y)
    t2 = time.perf_counter()
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    t3 = time.perf_counter()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    t4 = time.perf_counter()
    optimizer.step()
    t5 = time.perf_counter()
    if step >= 20:
        for name, seconds in zip(parts, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
            parts[name] += seconds
print(json.dumps({name: 1000 * seconds / steps for name, seconds in parts.items()}))
"""

SETTINGS = {  # name: (torch threads, OMP_WAIT_POLICY or None for OpenMP's default)
    "1 thread": (1, None),
    "2 threads, idle threads spin (JupyterLab)": (2, None),
    "2 threads, idle threads sleep (make notebooks)": (2, "PASSIVE"),
}


def run(threads: int, wait_policy: str | None, steps: int) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OMP_WAIT_POLICY")}
    if wait_policy is not None:
        env["OMP_WAIT_POLICY"] = wait_policy
    result = subprocess.run([sys.executable, "-c", STEP, str(threads), str(steps)], cwd=REPO, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"the timing run failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="fresh interpreters per setting")
    parser.add_argument("--steps", type=int, default=150, help="timed steps per interpreter")
    args = parser.parse_args()
    times: dict[str, list[dict[str, float]]] = {name: [] for name in SETTINGS}
    for _ in range(args.rounds):
        for name, (threads, wait_policy) in SETTINGS.items():
            times[name].append(run(threads, wait_policy, args.steps))
    parts = list(next(iter(times.values()))[0])
    print(f"{os.cpu_count()} CPU cores; notebook 12's GPT at COURSE_SCALE=1, milliseconds per training step, "
          f"medians of {args.rounds} fresh interpreters x {args.steps} steps\n")
    print("| setting | " + " | ".join(parts) + " | step |")
    print("| --- |" + " ---: |" * (len(parts) + 1))
    step_ms = {}
    for name, rounds in times.items():
        medians = [statistics.median(r[part] for r in rounds) for part in parts]
        step_ms[name] = statistics.median(sum(r.values()) for r in rounds)
        print(f"| {name} | " + " | ".join(f"{m:.1f}" for m in medians) + f" | {step_ms[name]:.1f} |")
    steps = course_gpt.notebook_config(1.0)["steps"]  # the notebook's training at COURSE_SCALE=1
    for name, ms in step_ms.items():
        print(f"{name}: {steps} steps take about {steps * ms / 1000:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
