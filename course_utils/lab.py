"""Drive JupyterLab in headless Chromium as a student would: open a notebook, Restart Kernel and
Run All, and read back what the page shows.

Used by the browser test (``tests/test_jupyterlab_part1.py`` and ``_part2.py``) and by the runtime benchmark
(``benchmarks/jupyterlab_runtime.py``). JupyterLab runs on 127.0.0.1 over a copy of the notebooks,
with notebook windowing off (every cell is in the page) and autosave off (the stored notebooks are
never touched); ``--LabApp.expose_app_in_browser`` gives the page ``window.jupyterapp``, whose
commands are the menu entries a student clicks.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .notebooks import NOTEBOOK_DIR

NOTEBOOK_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
}


class LabError(RuntimeError):
    """JupyterLab did not start, or a notebook could not be run in it."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    """A running JupyterLab server over ``root``."""

    root: Path
    port: int
    token: str
    process: subprocess.Popen
    log: Path
    workdir: Path = field(repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/lab?token={self.token}"

    def rise_url(self, notebook: str) -> str:
        return f"http://127.0.0.1:{self.port}/rise/{notebook}?token={self.token}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> "Lab":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start(env: dict[str, str] | None = None, notebooks: Path = NOTEBOOK_DIR, timeout: float = 120) -> Lab:
    """Copy ``notebooks`` to a temporary folder and start JupyterLab on it (127.0.0.1, a random
    port and token). ``env`` is added to this process's environment for the server and its kernels."""
    workdir = Path(tempfile.mkdtemp(prefix="course-lab-"))
    root = workdir / "notebooks"
    shutil.copytree(notebooks, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    settings = workdir / "settings"
    for name, value in NOTEBOOK_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))
    port, token = _free_port(), secrets.token_hex(16)
    log = workdir / "jupyterlab.log"
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
        f"--IdentityProvider.token={token}", "--LabApp.expose_app_in_browser=True",
        f"--ServerApp.root_dir={root}", f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={workdir / 'workspaces'}",
    ]
    full_env = {**os.environ, **(env or {}), "JUPYTER_RUNTIME_DIR": str(workdir / "runtime")}
    process = subprocess.Popen(command, env=full_env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    lab = Lab(root, port, token, process, log, workdir)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            text = log.read_text()
            lab.stop()
            raise LabError(f"JupyterLab exited with code {process.returncode}:\n{text[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2):
                return lab
        except OSError:
            time.sleep(0.5)
    text = log.read_text()
    lab.stop()
    raise LabError(f"JupyterLab did not answer within {timeout:.0f} s:\n{text[-3000:]}")


def open_lab(page, lab: Lab, timeout: float = 120) -> None:
    """Load JupyterLab in ``page`` and wait until the application has started."""
    page.goto(lab.url)
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=timeout * 1000)
    page.evaluate("async () => { await window.jupyterapp.started; }")
    page.wait_for_function("() => document.querySelector('#jp-main-dock-panel') !== null", timeout=timeout * 1000)


# JavaScript evaluated in the page. ``current()`` is the notebook panel being run.
_STATE_JS = """
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.content.model) return null;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cells = [];
  panel.content.widgets.forEach((widget, index) => {
    const model = widget.model;
    if (model.type !== 'code') return;
    const outputs = model.outputs.toJSON();
    cells.push({
      index,
      count: model.executionCount,
      tags: model.getMetadata('tags') || [],
      errors: outputs.filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue),
      widgetOutputs: outputs.filter(o => o.data && o.data['application/vnd.jupyter.widget-view+json']).length,
      renderedWidgets: widget.node.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets, .jp-OutputArea-output > .lm-Widget.jupyter-widgets').length,
      widgetErrors: (widget.node.innerText.match(/Error displaying widget|Error rendering output item/g) || []).length,
      progressBars: widget.node.querySelectorAll('.widget-hprogress, .widget-progress').length,
      sliders: widget.node.querySelectorAll('.widget-slider').length,
      images: widget.node.querySelectorAll('.jp-OutputArea img').length,
      text: outputs.map(o => (o.text ? [].concat(o.text).join('') : '')
                             + (o.data && o.data['text/plain'] ? [].concat(o.data['text/plain']).join('') : '')).join(''),
    });
  });
  const node = panel.content.node;
  return {
    path: panel.context.path,
    kernel: kernel ? kernel.status : 'none',
    cells,
    math: node.querySelectorAll('mjx-container').length,
    mathErrors: node.querySelectorAll('mjx-merror, .MathJax_Error, [data-mjx-error]').length,
    dollarMarkdown: panel.content.widgets.filter(w => w.model.type === 'markdown' && w.model.sharedModel.getSource().includes('$')).length,
  };
}
"""


# How far Run All has got: read from the cell models only, nothing that makes the page lay itself out.
_PROGRESS_JS = """
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.content.model) return null;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  let waiting = 0, failed = 0;
  for (const widget of panel.content.widgets) {
    const model = widget.model;
    if (model.type !== 'code') continue;
    if (model.executionCount === null) waiting++;
    if ((model.getMetadata('tags') || []).includes('raises-exception')) continue;
    for (let i = 0; i < model.outputs.length; i++) {
      if (model.outputs.get(i).type === 'error') failed++;
    }
  }
  return {path: panel.context.path, kernel: kernel ? kernel.status : 'none', waiting, failed};
}
"""


@dataclass
class RunResult:
    """What the page shows after Restart Kernel and Run All of one notebook."""

    notebook: str
    seconds: float
    state: dict

    @property
    def code_cells(self) -> list[dict]:
        return self.state["cells"]

    def unexecuted(self) -> list[int]:
        return [c["index"] for c in self.code_cells if c["count"] is None]

    def unexpected_errors(self) -> list[str]:
        return [f"cell {c['index']}: {e}" for c in self.code_cells if "raises-exception" not in c["tags"] for e in c["errors"]]

    def widget_problems(self) -> list[str]:
        problems = []
        for c in self.code_cells:
            if c["widgetErrors"]:
                problems.append(f"cell {c['index']}: 'Error displaying widget' shown")
            if c["widgetOutputs"] and not c["renderedWidgets"]:
                problems.append(f"cell {c['index']}: {c['widgetOutputs']} widget output(s) but no widget in the page")
        return problems


def run_all(page, lab: Lab, notebook: str, timeout: float = 300) -> RunResult:
    """Open ``notebook`` (a name under the lab's root), Restart Kernel and Run All, and wait until
    every code cell has run (or one failed). Returns the time from the click to the end."""
    page.evaluate("async (path) => { await window.jupyterapp.commands.execute('docmanager:open', {path, factory: 'Notebook'}); }", notebook)
    page.wait_for_function(
        """(path) => { const p = window.jupyterapp.shell.currentWidget;
            return p && p.context && p.context.path === path && p.sessionContext.isReady
                   && p.sessionContext.session && p.sessionContext.session.kernel
                   && p.sessionContext.session.kernel.status === 'idle'; }""",
        arg=notebook, timeout=120_000)
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:restart-run-all'); }")
    page.locator(".jp-Dialog .jp-mod-accept").click(timeout=30_000)
    start = time.monotonic()
    deadline = start + timeout
    idle_polls = 0
    progress = None
    while time.monotonic() < deadline:
        time.sleep(0.5)
        progress = page.evaluate(_PROGRESS_JS)  # cheap: the full state forces a layout of the page
        if progress is None or progress["path"] != notebook:
            continue
        if progress["kernel"] == "idle" and (not progress["waiting"] or progress["failed"]):
            idle_polls += 1
            if idle_polls >= 2:  # idle twice in a row: not between two cells
                break
        else:
            idle_polls = 0
    seconds = time.monotonic() - start
    state = page.evaluate(_STATE_JS)
    if progress is None or state is None or state["path"] != notebook:
        raise LabError(f"{notebook}: the notebook never appeared in JupyterLab")
    return RunResult(notebook, seconds, state)


def close_all(page) -> None:
    """Shut the notebook's kernel down and close every tab, discarding changes."""
    page.evaluate("""async () => {
        const app = window.jupyterapp;
        const panel = app.shell.currentWidget;
        if (panel && panel.sessionContext) await panel.sessionContext.shutdown();
        if (panel && panel.context) panel.context.model.dirty = false;
        await app.commands.execute('application:close-all');
    }""")


def mark_cell(page, index: int) -> str:
    """Give cell ``index`` of the current notebook a ``data-course-cell`` attribute; returns its selector."""
    page.evaluate("(i) => window.jupyterapp.shell.currentWidget.content.widgets[i].node.setAttribute('data-course-cell', String(i))", index)
    return f'[data-course-cell="{index}"]'


def move_slider(page, index: int, presses: int = 3, timeout: float = 60) -> tuple[bool, bool]:
    """Press the right-arrow key on the first slider of cell ``index``. Returns (the slider's value
    changed, the cell's output was redrawn: its figure with different pixels, or, for a widget that
    prints, different text) within ``timeout`` seconds."""
    cell = page.locator(mark_cell(page, index))
    slider = cell.locator(".widget-slider").first
    handle, readout = slider.locator(".noUi-handle"), slider.locator(".widget-readout")
    handle.scroll_into_view_if_needed()
    before_value = readout.inner_text()
    image = cell.locator(".jp-OutputArea img").first
    before = image.get_attribute("src") if image.count() else None
    printed = cell.locator(".jp-OutputArea .jp-RenderedText")
    before_text = printed.all_inner_texts()
    handle.focus()
    for _ in range(presses):
        page.keyboard.press("ArrowRight")
    deadline = time.monotonic() + timeout
    redrawn = False
    while time.monotonic() < deadline and not redrawn:
        images = cell.locator(".jp-OutputArea img")
        if before is not None:
            redrawn = bool(images.count()) and images.first.get_attribute("src") not in (None, before)
        else:
            text = printed.all_inner_texts()
            redrawn = bool(text) and text != before_text
        time.sleep(0.25)
    return readout.inner_text() != before_value, redrawn
