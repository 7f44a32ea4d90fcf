"""What the browser tests check, shared by ``test_jupyterlab_part1.py`` and ``_part2.py``: the
course as a student meets it, JupyterLab in headless Chromium, Restart Kernel and Run All on every
notebook as a student receives it (its student copy: solutions replaced by scaffolds), widgets and
sliders that redraw, typeset formulas, progress bars as widgets, every exercise check saying "not
solved yet", and the instructor's notebook 01 presented with RISE.

The full notebooks, solutions included, are executed by nbval in the same test session; the front
end is the same for both. The notebooks are split over two test modules so that two test workers
run them side by side, each module with one JupyterLab (over a folder of student copies, autosave
off). Screenshots of every notebook after Run All, and of any failure, go to build/browser/.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest

from course_utils import lab as course_lab
from course_utils import notebooks as nbtools

NOTEBOOKS = nbtools.all_notebooks()
SCREENSHOTS = nbtools.REPO_ROOT / "build" / "browser"
# What a student's kernel gets from the course: the CPU, the data folder, the course's thread
# settings. Not the headless switches of nbval: live plots and widgets are what is tested here.
LAB_ENV_KEYS = ("COURSE_DEVICE", "COURSE_DATA_DIR", "COURSE_SCALE", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                "OMP_WAIT_POLICY", "PYTHONHASHSEED")
THREAD_KEYS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS")  # the test session's, when it sets them
OWN_WIDGETS = re.compile(r"interact|widgets\.|display\(")
PRESENTED = "01_perceptron.ipynb"  # presented with RISE, as the instructor has it
INSTRUCTOR_COPY = "instructor_" + PRESENTED


def lab_env() -> dict[str, str]:
    """The kernels' environment: the course's settings, with the thread counts of this test session
    (one thread per kernel while two test workers share two cores)."""
    env = {key: value for key, value in nbtools.execution_env().items() if key in LAB_ENV_KEYS}
    env.update({key: os.environ[key] for key in THREAD_KEYS if key in os.environ})
    # student copies: a scaffold's check reports "not solved yet" instead of raising
    env.update(COURSE_HEADLESS="0", COURSE_STRICT_EXERCISES="0", COURSE_PRESENTATION="0", MPLBACKEND="")
    return env


def student_folder(root: Path) -> Path:
    """A copy of notebooks/ in which every lecture is its student copy (``make student``), plus the
    instructor's full copy of the notebook presented with RISE."""
    folder = root / "notebooks"
    shutil.copytree(nbtools.NOTEBOOK_DIR, folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    for path in NOTEBOOKS:
        nbformat.write(nbtools.student_copy(nbformat.read(path, as_version=4)), folder / path.name)
    shutil.copy(nbtools.NOTEBOOK_DIR / PRESENTED, folder / INSTRUCTOR_COPY)
    return folder


def serve_lab(browser):
    """JupyterLab over the student copies and one page on it, for a module-scoped fixture."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="course-students-"))
    try:
        with course_lab.start(lab_env(), notebooks=student_folder(root)) as server:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            course_lab.open_lab(page, server)
            yield server, page
            page.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def exercise_checks(nb) -> set[int]:
    """Indices of the cells that call an exercise's check."""
    return {i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "def check" not in c.source
            and any(call in c.source for call in ('check("Exercise', "check('Exercise"))}


def shoot(page, name: str) -> Path:
    path = SCREENSHOTS / name
    page.screenshot(path=str(path))
    return path


def progress_bar_cells(nb) -> set[int]:
    """Cells whose stored outputs (made by nbclient) hold a widget that is not a slider or a
    display the cell builds itself: the tqdm progress bars of training loops."""
    widget = "application/vnd.jupyter.widget-view+json"
    return {i for i, c in enumerate(nb.cells) if c.cell_type == "code"
            and any(widget in o.get("data", {}) for o in c.outputs) and not OWN_WIDGETS.search(c.source)}


def restart_and_run_all(lab, path):
    server, page = lab
    nb = nbformat.read(path, as_version=4)
    try:
        result = course_lab.run_all(page, server, path.name, timeout=600)
        problems = []
        if result.unexpected_errors():
            problems.append(f"errors: {result.unexpected_errors()}")
        if result.unexecuted():
            problems.append(f"code cells never executed: {result.unexecuted()}")
        problems += result.widget_problems()
        state = result.state
        if state["dollarMarkdown"] and not state["math"]:
            problems.append(f"{state['dollarMarkdown']} markdown cells have $...$ but no formula was typeset")
        if state["mathErrors"]:
            problems.append(f"{state['mathErrors']} formulas failed to typeset (MathJax error)")
        checks = exercise_checks(nb)
        texts = {c["index"]: c["text"] for c in result.code_cells}
        if len(checks) < 3:
            problems.append(f"only {len(checks)} exercise checks found")
        for i in sorted(checks):
            if "not solved yet" not in texts.get(i, "") or "[ok]" in texts.get(i, ""):
                problems.append(f"cell {i}: a scaffold's check should say 'not solved yet', it said {texts.get(i, '')!r}")
        bars = {c["index"]: c["progressBars"] for c in result.code_cells}
        missing = sorted(i for i in progress_bar_cells(nb) if not bars.get(i))
        if missing:
            problems.append(f"cells {missing} train with a progress bar but show no progress-bar widget (tqdm fell back to text?)")
        # a slider widget redraws a figure, or what it prints: prefer one with a figure
        slider_cells = sorted((c for c in result.code_cells if c["sliders"]), key=lambda c: not c["images"])
        if slider_cells and not problems:
            moved, redrawn = course_lab.move_slider(page, slider_cells[0]["index"])
            if not (moved and redrawn):
                problems.append(f"cell {slider_cells[0]['index']}: slider moved={moved}, output redrawn={redrawn}")
        page.evaluate("() => { const imgs = document.querySelectorAll('.jp-Notebook .jp-OutputArea img');"
                      " if (imgs.length) imgs[imgs.length - 1].scrollIntoView({block: 'center'}); }")
        shoot(page, f"{path.stem}.png")
        assert not problems, f"{path.name} in JupyterLab ({result.seconds:.0f} s): " + "; ".join(problems) + \
            f" (screenshot: {SCREENSHOTS / (path.stem + '.png')})"
    except Exception:
        shoot(page, f"{path.stem}-failure.png")
        raise
    finally:
        course_lab.close_all(page)


def jupyterlab3_mathjax_extension_is_off(lab):
    server, page = lab
    active = page.evaluate("""() => [window.jupyterapp.isPluginActivated('@jupyterlab/mathjax3-extension:plugin'),
                                     window.jupyterapp.isPluginActivated('@jupyterlab/mathjax-extension:plugin')]""")
    assert active == [False, True], "JupyterLab's own MathJax should typeset, not jupyterlab-mathjax3 (see Makefile)"


# The innermost section on screen, once its horizontal slide has stopped moving: the typeset copies
# (mjx-math) of each display formula in it that has a size on screen.
DISPLAY_MATH_ON_SLIDE = """() => {
    const present = [...document.querySelectorAll('.reveal .slides section.present')];
    const slide = present[present.length - 1];
    return [...slide.querySelectorAll('mjx-container[display="true"]')]
        .filter(m => m.getBoundingClientRect().width > 0 && m.checkVisibility())
        .map(m => m.querySelectorAll(':scope > mjx-math').length);
}"""
SLIDE_SETTLED = """(formulas) => {
    const outer = document.querySelector('.reveal .slides > section.present');
    const still = ['none', 'matrix(1, 0, 0, 1, 0, 0)'].includes(getComputedStyle(outer).transform);
    return still && (%s)().length >= formulas;
}""" % DISPLAY_MATH_ON_SLIDE


def _display_formulas_of_second_slide(nb) -> int:
    # the $$...$$ formulas on screen when slide 1 opens: its first section (up to the next slide or
    # subslide), without the cells that are skipped, notes, or fragments still to come
    kind = [c.metadata.get("slideshow", {}).get("slide_type", "-") for c in nb.cells]
    starts = [i for i, k in enumerate(kind) if k in ("slide", "subslide")]
    first = [i for i in starts if kind[i] == "slide"][1]
    end = next((i for i in starts if i > first), len(nb.cells))
    return sum(c.source.count("$$") // 2 for c, k in zip(nb.cells[first:end], kind[first:end])
               if c.cell_type == "markdown" and k not in ("skip", "notes", "fragment"))


def rise_presents_a_notebook_as_slides(lab, browser):
    server, _ = lab
    nb = nbformat.read(nbtools.NOTEBOOK_DIR / PRESENTED, as_version=4)
    expected = sum(1 for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == "slide")
    display_formulas = _display_formulas_of_second_slide(nb)
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(server.rise_url(INSTRUCTOR_COPY))
        page.wait_for_function("() => document.querySelectorAll('.reveal .slides > section').length > 0", timeout=120_000)
        page.wait_for_function("() => document.querySelector('.reveal.ready') !== null", timeout=60_000)
        page.wait_for_function("() => document.querySelectorAll('.reveal mjx-container').length > 0", timeout=60_000)
        present = "() => [...document.querySelectorAll('.reveal .slides > section')].findIndex(s => s.classList.contains('present'))"
        slides = page.evaluate("() => document.querySelectorAll('.reveal .slides > section').length")
        first = page.evaluate(present)
        setup_shown = page.evaluate("""() => [...document.querySelectorAll('.reveal .jp-Cell')]
            .some(n => n.textContent.includes('seed_everything(0)') && n.checkVisibility())""")
        shoot(page, "rise-01-first.png")
        for _ in range(20):  # the keyboard works once reveal.js has bound it
            page.keyboard.press("ArrowRight")
            if page.evaluate(present) != first:
                break
            page.wait_for_timeout(500)
        second = page.evaluate(present)
        try:  # the slide has finished moving in and its display formulas are typeset and on screen
            page.wait_for_function(SLIDE_SETTLED, arg=display_formulas, timeout=30_000)
        except PlaywrightTimeout:
            pass  # the assertion below says what is missing
        copies = page.evaluate(DISPLAY_MATH_ON_SLIDE)
        errors = page.evaluate("() => document.querySelectorAll('.reveal mjx-merror, .reveal [data-mjx-error]').length")
        shoot(page, "rise-01-second.png")
        assert slides == expected, f"RISE shows {slides} slides, the notebook marks {expected}"
        assert (first, second) == (0, 1), f"the slideshow should start at slide 0 and advance to 1, went {first} -> {second}"
        assert errors == 0, f"{errors} formulas failed to typeset in the slideshow"
        assert copies == [1] * display_formulas, (f"slide 1 should show its {display_formulas} display formulas once each; "
                                                  f"typeset copies of each on screen: {copies}")
        assert not setup_shown, "the setup cell is meant to be skipped in the slideshow"
    except Exception:
        shoot(page, "rise-01-failure.png")
        raise
    finally:
        page.close()
