"""The course website: every notebook as a page, from its stored outputs, working offline.

Sphinx with MyST-NB renders the notebooks as they are stored (nothing is executed). Solution cells
are collapsed (MyST-NB's ``hide-input``), the setup cell is left out, and MathJax is a local copy,
so the site opened from disk with no network still shows typeset formulas.

    python -m course_utils.site [--out build/site]
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import nbformat

from . import assets
from .assets import AssetError
from .notebooks import REPO_ROOT, SETUP_SOURCE, all_notebooks, is_solution

CONF = '''\
project = "Deep Learning, from the Perceptron to Transformers"
extensions = ["myst_nb"]
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath", "amsmath"]
html_theme = "alabaster"
html_theme_options = {"font_family": "sans-serif", "head_font_family": "sans-serif", "page_width": "1100px",
                      "show_powered_by": False}
html_show_sphinx = False
html_show_sourcelink = False
html_title = project
html_static_path = ["_static"]
mathjax_path = "mathjax3/tex-mml-chtml.js"
exclude_patterns = ["_build"]
suppress_warnings = ["mystnb.unknown_mime_type", "myst.header"]
'''


def title_of(nb: nbformat.NotebookNode) -> str:
    first = nb.cells[0].source.split("\n", 1)[0] if nb.cells else ""
    return first.lstrip("# ").strip()


def page_of(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as the site shows it: no setup cell, solutions collapsed behind a click."""
    nb = nbformat.from_dict(nb)
    nb.cells = [c for c in nb.cells if not (c.cell_type == "code" and c.source.strip() == SETUP_SOURCE)]
    for cell in nb.cells:
        if is_solution(cell):
            cell.metadata["tags"] = [*cell.metadata.get("tags", []), "hide-input"]
    return nb


def home_page(notebooks: list[Path]) -> str:
    rows = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        rows.append(f"| [{title_of(nb)}]({path.stem}.ipynb) |")
    toc = "\n".join(path.stem for path in notebooks)
    return f"""# Deep Learning, from the Perceptron to Transformers

An open course taught as executable PyTorch notebooks: each page is one lecture, shown here with the
outputs it produced when it was last executed. Open the notebooks in JupyterLab to run them, change
them and solve the exercises; their solutions are folded away on these pages (click to open).

| lecture |
| --- |
{chr(10).join(rows)}

```{{toctree}}
:hidden:
:maxdepth: 1

{toc}
```
"""


def build(out: Path, notebooks: list[Path] | None = None) -> Path:
    """Write the site into ``out``; return the path of its home page."""
    from sphinx.cmd.build import build_main

    notebooks = notebooks or all_notebooks()
    source = REPO_ROOT / "build" / "site-source"
    shutil.rmtree(source, ignore_errors=True)
    (source / "_static").mkdir(parents=True)
    assets.install(source / "_static", names=("mathjax3",))
    (source / "conf.py").write_text(CONF, encoding="utf-8")
    (source / "index.md").write_text(home_page(notebooks), encoding="utf-8")
    for path in notebooks:
        nbformat.write(page_of(nbformat.read(path, as_version=4)), source / path.name)
    shutil.rmtree(out, ignore_errors=True)
    status = build_main(["-b", "html", "-q", "-W", "--keep-going", str(source), str(out)])
    if status != 0:
        raise RuntimeError(f"sphinx-build failed (status {status}); its warnings are above")
    return out / "index.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_utils.site", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "build" / "site")
    args = parser.parse_args(argv)
    try:
        home = build(args.out)
    except AssetError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {home}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
