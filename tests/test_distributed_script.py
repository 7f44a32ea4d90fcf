"""The data-parallel script of notebook 15, run outside the notebook: two gloo processes on the CPU."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "notebooks" / "scripts" / "ddp_equality.py"


@pytest.fixture(scope="module")
def results() -> dict[str, float]:
    torch_distributed = pytest.importorskip("torch.distributed")
    if not torch_distributed.is_available() or not torch_distributed.is_gloo_available():
        pytest.skip("torch.distributed with the gloo backend is not available")
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2", str(SCRIPT)]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "CUDA_VISIBLE_DEVICES": ""}
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, f"the script failed:\n{done.stdout}\n{done.stderr}"
    assert done.stdout.startswith("2 processes, backend gloo"), done.stdout
    values = {}
    for line in done.stdout.splitlines():
        if "| max-abs-diff |" in line:
            name, _, value = (part.strip() for part in line.split("|"))
            values[name] = float(value)
    assert len(values) == 5, done.stdout
    return values


def test_all_reduced_gradient_equals_the_full_batch_gradient(results):
    assert results["all-reduced gradient vs full-batch gradient"] <= 1e-6
    # the check can fail: one shard's gradient alone is far from the full-batch gradient
    assert results["one process's local gradient vs full-batch gradient"] >= 1e-2


def test_ddp_matches_single_process_training_step_for_step(results):
    assert results["DDP parameters vs one process, worst of 5 steps"] <= 1e-5
    # training really moved the parameters, so agreeing after 5 steps means something
    assert results["parameters after 5 steps vs initial parameters"] >= 0.1


def test_the_replicas_hold_identical_parameters(results):
    assert results["rank 1's parameters vs rank 0's"] == 0.0
