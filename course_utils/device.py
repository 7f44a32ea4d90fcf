"""Pick the device a notebook runs on: CUDA, then Apple MPS, then the CPU."""
from __future__ import annotations

import os
import re

import torch

ENV_VAR = "COURSE_DEVICE"
_VALID = re.compile(r"^(auto|cpu|mps|cuda(:\d+)?)$")


def available_devices() -> list[str]:
    """Names of the devices this machine can use, best first (e.g. ``['cuda:0', 'cpu']``)."""
    names = [f"cuda:{i}" for i in range(torch.cuda.device_count())] if torch.cuda.is_available() else []
    if torch.backends.mps.is_available():
        names.append("mps")
    names.append("cpu")
    return names


def get_device(prefer: str | None = None) -> torch.device:
    """Return the device to compute on.

    ``prefer`` wins if given; otherwise the ``COURSE_DEVICE`` environment variable
    (``auto``, ``cpu``, ``cuda``, ``cuda:N`` or ``mps``); otherwise ``auto``, which picks
    CUDA, then Apple MPS, then the CPU. Asking for a device this machine lacks raises
    ``ValueError`` naming the devices it has.
    """
    source = "argument prefer" if prefer is not None else ENV_VAR
    name = (prefer if prefer is not None else os.environ.get(ENV_VAR, "auto")).strip().lower() or "auto"
    if not _VALID.match(name):
        raise ValueError(
            f"Unknown device {name!r} (from {source}). Use one of: auto, cpu, cuda, cuda:N, mps."
        )
    available = available_devices()
    if name == "auto":
        return torch.device(available[0])
    if name == "cuda":
        name = "cuda:0"
    if name not in available:
        hint = f"unset {ENV_VAR} or set it to auto" if source == ENV_VAR else "pass prefer='auto'"
        raise ValueError(
            f"Device {name!r} (from {source}) is not available on this machine. "
            f"Available: {', '.join(available)}. To pick automatically, {hint}."
        )
    return torch.device(name)


def describe_device(device: torch.device | str | None = None) -> str:
    """One readable line about the device: its name, memory for CUDA, and the torch version."""
    device = get_device() if device is None else torch.device(device)
    torch_version = torch.__version__.split("+")[0]
    if device.type == "cuda":
        props = torch.cuda.get_device_properties(device)
        return f"{device}: {props.name}, {props.total_memory / 2**30:.1f} GiB, torch {torch_version}"
    if device.type == "mps":
        return f"mps: Apple GPU (Metal), torch {torch_version}"
    return f"cpu, torch {torch_version}"


def without_mps(device: torch.device | str) -> torch.device:
    """``device``, or the CPU when it is Apple MPS. Recurrent layers use it: packed and multi-layer
    LSTM/GRU kernels on MPS have known reports of wrong results, and the CPU is always right."""
    device = torch.device(device)
    return torch.device("cpu") if device.type == "mps" else device
