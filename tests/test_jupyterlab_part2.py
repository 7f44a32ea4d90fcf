"""The browser test, part 2: Restart and Run All of the other notebooks (01, 03, ...), and a RISE slideshow (see ``jupyterlab_checks.py``)."""
import pytest

import jupyterlab_checks as checks

NOTEBOOKS = checks.NOTEBOOKS[1::2]


@pytest.fixture(scope="module")
def lab(browser):
    yield from checks.serve_lab(browser)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_restart_and_run_all(lab, path):
    checks.restart_and_run_all(lab, path)


def test_rise_presents_a_notebook_as_slides(lab, browser):
    checks.rise_presents_a_notebook_as_slides(lab, browser)
