"""The browser test, part 1: Restart and Run All of every other notebook (00, 02, ...), and the MathJax extension (see ``jupyterlab_checks.py``)."""
import pytest

import jupyterlab_checks as checks

NOTEBOOKS = checks.NOTEBOOKS[0::2]


@pytest.fixture(scope="module")
def lab(browser):
    yield from checks.serve_lab(browser)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_restart_and_run_all(lab, path):
    checks.restart_and_run_all(lab, path)


def test_the_jupyterlab3_mathjax_extension_is_off_and_math_still_renders(lab):
    checks.jupyterlab3_mathjax_extension_is_off(lab)
