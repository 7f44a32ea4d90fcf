"""Helpers for the notebooks of Deep Learning, from the Perceptron to Transformers.

Each module has one job: ``device`` (where to compute), ``repro`` (seeding, the compute scale and the claims made at it), ``data``
(datasets and batching), ``plot`` (figures), ``train`` (the repeated parts of training),
``exercises`` (self-checking exercises) and ``notebooks`` (executing and checking notebooks).
"""
from .device import describe_device, get_device
from .exercises import check, require
from .plot import presentation_mode, use_course_style
from .repro import assert_claims, course_scale, seed_everything

__all__ = [
    "assert_claims",
    "check",
    "course_scale",
    "describe_device",
    "get_device",
    "presentation_mode",
    "require",
    "seed_everything",
    "use_course_style",
]
__version__ = "0.1.0"
