"""Exercises that check themselves: a clear pass message, or a hint, never a bare traceback.

A check is a function of no arguments that raises ``AssertionError`` when the answer is wrong.
An answer still left as the scaffold (``None``, ``...`` or ``raise NotImplementedError``) is
reported as "not solved yet". With ``COURSE_STRICT_EXERCISES=1`` (set when the course's own
solutions are executed) anything but a pass raises, so a broken reference solution fails CI.
"""
from __future__ import annotations

import os
from typing import Any, Callable


class NotSolvedYet(Exception):
    """Raised by ``require`` when an answer is still the scaffold's placeholder."""


def require(*answers: Any) -> None:
    """Raise ``NotSolvedYet`` if any answer is still ``None`` or ``...``."""
    if any(a is None or a is Ellipsis for a in answers):
        raise NotSolvedYet


def check(name: str, test: Callable[[], Any], hint: str = "") -> None:
    """Run ``test`` and print one line: passed, not solved yet, or what went wrong plus ``hint``.
    Returns nothing, so that a check as a cell's last line shows only its message."""
    strict = os.environ.get("COURSE_STRICT_EXERCISES", "") == "1"
    try:
        test()
    except (NotSolvedYet, NotImplementedError):
        message = f"[ ] {name}: not solved yet. Replace the placeholder in the cell above with your code."
    except AssertionError as error:
        detail = f" ({error})" if str(error) else ""
        message = f"[x] {name}: not quite{detail}." + (f" Hint: {hint}" if hint else "")
    except Exception as error:  # the student's code raised: explain it rather than dump a traceback
        message = f"[x] {name}: your code raised {type(error).__name__}: {error}." + (f" Hint: {hint}" if hint else "")
    else:
        print(f"[ok] {name}: passed.")
        return
    if strict:
        raise AssertionError(message)
    print(message)
