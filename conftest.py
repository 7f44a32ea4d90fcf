"""Test-session environment: the fixed settings the stored notebook outputs were made with.

Set before any kernel starts, so nbval's kernels inherit them. A variable already set in the
environment is kept (the thread benchmark runs the suite with OMP_NUM_THREADS=1 and 2)."""
import os

from course_utils.notebooks import execution_env

for name, value in execution_env(threads=1).items():
    os.environ.setdefault(name, value)
